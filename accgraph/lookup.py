"""Lookup keys: how a record can be found by name.

At load time every node contributes the folded form (:func:`accgraph.textkey.fold`)
of its id, its name and each alias.  The loader stores one ``Lookup`` node per
distinct key and a ``LOOKUP_OF`` relationship from it to every node that
carries the key, with ``field`` saying where the key came from (``id``,
``name`` or ``alias``).  A name then resolves through the ``Lookup`` primary
key on either backend, without reading every node.
"""

from __future__ import annotations

from accgraph.textkey import fold

#: Where a key can come from, strongest first; a node that carries one key in
#: several fields is linked once, with the strongest.
FIELDS = ("id", "name", "alias")


def keys(node_row: dict) -> list[tuple[str, str]]:
    """``(key, field)`` pairs of one node row (a dict with id, name, aliases).

    Each key appears once, with the strongest field; empty keys are skipped.
    """
    out: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(text, field: str) -> None:
        if not isinstance(text, str):
            return
        key = fold(text)
        if key and key not in seen:
            seen.add(key)
            out.append((key, field))

    add(node_row.get("id"), "id")
    add(node_row.get("name"), "name")
    for alias in node_row.get("aliases") or ():
        add(alias, "alias")
    return out

