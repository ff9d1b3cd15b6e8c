"""Where the packaged seeds and canned queries live."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def default_seeds() -> Path:
    return Path(str(resources.files("accgraph.seeds")))


def default_cypher() -> Path:
    return Path(str(resources.files("accgraph.cypher")))
