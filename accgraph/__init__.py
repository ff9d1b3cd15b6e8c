"""accountability-graph: a sourced graph of actors and accountability."""

__version__ = "0.1.0"
