"""HTML network views."""
