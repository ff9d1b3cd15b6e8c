"""YAML reading that remembers on which line every value sits."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import yaml

Path_ = tuple  # a path into the document: ("nodes", 3, "cite", 0, "quote")


class LineMap(dict):
    """Maps a document path to the 1-based line where that value starts."""

    def line(self, path: Path_) -> int:
        while path:
            if path in self:
                return self[path]
            path = path[:-1]
        return self.get((), 1)


def _walk(node: yaml.Node, value: Any, path: Path_, lines: LineMap) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode) and isinstance(value, dict):
        for key_node, val_node in node.value:
            key = key_node.value
            if key in value:
                lines[path + (key,)] = key_node.start_mark.line + 1
                _walk(val_node, value[key], path + (key,), lines)
                lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode) and isinstance(value, list):
        for i, (item_node, item) in enumerate(zip(node.value, value)):
            _walk(item_node, item, path + (i,), lines)


def load(text: str) -> tuple[Any, LineMap]:
    """Parse one YAML document; return its value and a line map.

    Raises ``yaml.YAMLError`` with a ``problem_mark`` on syntax errors.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, LineMap({(): 1})
        value = loader.construct_document(node)
    finally:
        loader.dispose()
    lines = LineMap()
    _walk(node, value, (), lines)
    return value, lines


def scalar_to_text(value: Any) -> Any:
    """Dates that YAML parsed as dates (or bare years) become ISO strings."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return value
