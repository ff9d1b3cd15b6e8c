"""The curated, sourced dataset (YAML)."""
