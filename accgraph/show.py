"""One record of any kind, read out: properties, relations as sentences, citations.

Facts are marked where the data marks them: ``hedged`` (the sources hedge it),
``editorial`` (the project's identification, with its reason) and
``second-hand`` (a citation whose document attributes the fact to someone else,
``via``).
"""

from __future__ import annotations

import json
from typing import Any

from accgraph import output, queries, schema as S

#: Stored columns that show as part of the record's header or citations, not as properties.
_HIDDEN = {"id", "name", "kind", "citations", "source_ids"}


def resolve(backend, value: str) -> str:
    """An id, name or alias of any kind; close matches on a miss (as ``accgraph query``)."""
    return queries.resolve_name(backend, value, tuple(S.NODES), "record", "record")


def marks(props: dict) -> list[str]:
    out = []
    if props.get("hedged"):
        out.append("hedged")
    if props.get("editorial"):
        out.append(f"editorial: {props['editorial']}")
    cites = props.get("citations") or []
    vias = sorted({c["via"] for c in cites if c.get("via")})
    if vias and all(c.get("via") for c in cites):
        out.append("second-hand (via " + ", ".join(vias) + ")")
    if props.get("sensitivity") == "restricted":
        out.append("restricted")
    return out


def _clean(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


def _cites(value: Any) -> list[dict]:
    if isinstance(value, str):
        value = json.loads(value)
    return list(value or [])


def record(backend, node_id: str) -> dict:
    """The record, its outgoing and incoming relations, as plain data."""
    rows = backend.read("MATCH (n) WHERE n.id = $id AND n.kind IS NOT NULL RETURN n", {"id": node_id})
    if not rows:
        raise queries.QueryError(f"no record with id {node_id!r}")
    node = dict(rows[0]["n"])
    node["citations"] = _cites(node.get("citations"))
    out = backend.read("MATCH (n)-[r]->(m) WHERE n.id = $id AND n.kind IS NOT NULL AND m.kind IS NOT NULL RETURN r, m.id AS other_id, m.name AS other_name, "
                       "m.kind AS other_kind", {"id": node_id})
    inc = backend.read("MATCH (n)<-[r]-(m) WHERE n.id = $id AND n.kind IS NOT NULL AND m.kind IS NOT NULL RETURN r, m.id AS other_id, m.name AS other_name, "
                       "m.kind AS other_kind", {"id": node_id})
    name = node.get("name") or node_id

    def relation(row: dict, outgoing: bool) -> dict:
        r = dict(row["r"])
        r["citations"] = _cites(r.get("citations"))
        et = S.EDGES.get(r.get("kind"))
        verb = et.sentence if et else str(r.get("kind"))
        subject, obj = (name, row["other_name"]) if outgoing else (row["other_name"], name)
        shown = {p.name for p in S.edge_props(r["kind"])} if r.get("kind") in S.EDGES else set(r)
        props = {k: _clean(r[k]) for k in sorted(shown & set(r)) if k not in _HIDDEN and r[k] not in (None, [], "")}
        return {"sentence": f"{subject} {verb} {obj}", "type": r.get("kind"), "id": r.get("id"),
                "other": {"id": row["other_id"], "name": row["other_name"], "kind": row["other_kind"]},
                "properties": props, "marks": marks(r), "citations": r["citations"]}

    def order(rel: dict):
        return (rel["type"], rel["other"]["name"] or "", rel["other"]["id"], rel["id"] or "")

    props = {k: _clean(v) for k, v in node.items() if k not in _HIDDEN and v not in (None, [], "")}
    return {
        "id": node_id, "kind": node.get("kind"), "name": name, "properties": dict(sorted(props.items())),
        "marks": marks(node), "citations": node["citations"],
        "outgoing": sorted((relation(r, True) for r in out), key=order),
        "incoming": sorted((relation(r, False) for r in inc), key=order),
    }


def to_text(rec: dict) -> str:
    lines = [f"{rec['name']}  [{rec['kind']} {rec['id']}]"]
    lines += [f"  ** {m}" for m in rec["marks"]]
    for key, value in rec["properties"].items():
        lines.append(f"  {key}: {output.cell(value)}")
    lines.append("Citations:")
    lines += [f"  - {output.cite_text(c, quote=True)}" for c in rec["citations"]] or ["  (none)"]
    for title, rels in (("Relations out", rec["outgoing"]), ("Relations in", rec["incoming"])):
        lines.append(f"{title} ({len(rels)}):")
        if not rels:
            lines.append("  (none)")
        for rel in rels:
            extra = "".join(f" [{m}]" for m in rel["marks"])
            lines.append(f"  {rel['sentence']}  ({rel['other']['kind']} {rel['other']['id']}){extra}")
            for key, value in rel["properties"].items():
                lines.append(f"      {key}: {output.cell(value)}")
            lines += [f"      - {output.cite_text(c, quote=True)}" for c in rel["citations"]]
    return "\n".join(output.printable(line) for line in lines) + "\n"  # no terminal control from the data
