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

#: Facet key -> what it links to.  The keys start with a space: no folded name does.
FACETS = {
    " dated": "every allegation, event and instrument with a date, start or end",
    " immune": "every record an instrument grants immunity to, or whose immunity someone may waive",
    " refers": "every record that refers victims on (the first end of a REFERS_VICTIMS_TO step)",
    " stated": "every claim that a source or actor states",
}
FACET_FIELD = "facet"
#: The dated facet: its key, and the node types it links when they have one of the properties.
DATED = (" dated", ("Allegation", "Event", "Instrument"), ("date", "start", "end"))
#: Edge-derived facets: edge type -> (facet key, the end it marks: "from" or "to").
EDGE_FACETS = {
    "GRANTS_IMMUNITY": (" immune", "to"),
    "MAY_WAIVE": (" immune", "to"),
    "REFERS_VICTIMS_TO": (" refers", "from"),
    "STATES": (" stated", "to"),
}


def edge_facets(edges) -> dict[str, list[str]]:
    """Node id -> its edge-derived facet keys, from ``(type, from id, to id)`` triples (one pass)."""
    out: dict[str, list[str]] = {}
    for etype, src, dst in edges:
        found = EDGE_FACETS.get(etype)
        if found is not None:
            key, end = found
            keys = out.setdefault(src if end == "from" else dst, [])
            if key not in keys:
                keys.append(key)
    return out


def dataset_facets(ds) -> dict[str, list[str]]:
    """:func:`edge_facets` of a validated dataset's edges."""
    return edge_facets((r.type, r.data["from"], r.data["to"]) for r in ds.edges if r.type in EDGE_FACETS)


def keys(node_row: dict, facets: dict[str, list[str]] | None = None) -> list[tuple[str, str]]:
    """``(key, field)`` pairs of one node row (a dict with id, name, aliases, kind and dates).

    Each key appears once, with the strongest field; empty keys are skipped.
    The facets come last: the dated one from the row itself, the others from
    ``facets`` (:func:`edge_facets`).
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
    dated, kinds, props = DATED
    if node_row.get("kind") in kinds and any(node_row.get(p) is not None for p in props):
        out.append((dated, FACET_FIELD))
    if facets:
        out.extend((key, FACET_FIELD) for key in facets.get(node_row.get("id"), ()))
    return out

