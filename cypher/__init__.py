"""Canned Cypher queries, one file per query."""
