"""Reading, validating and loading the seed data."""
