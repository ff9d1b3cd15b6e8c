"""Exports for other tools: Gephi (GraphML, GEXF), neo4j-admin import (CSV), NDJSON, FollowTheMoney.

The graph is read from the backend in batches (per node type, per edge type and
endpoint pair, ``LIMIT`` pages ordered by id), so NDJSON, CSV and FtM stream to
disk; GraphML and GEXF are written by networkx, which holds the graph it writes.
With ``redact`` every record passes through :class:`accgraph.redact.Redactor`.
See docs/exchange.md for each route step by step.
"""

from __future__ import annotations

import calendar
import json
from pathlib import Path
from typing import Iterator

from accgraph import lookup
from accgraph import redact as R
from accgraph import schema as S

FORMATS = ("graphml", "gexf", "csv", "ndjson", "ftm")
BATCH = 2000
#: Array delimiter of the CSV export (neo4j-admin --array-delimiter): the ASCII unit separator,
#: which no text holds (scripts/neo4j import passes the same).
ARRAY_DELIMITER = "\x1f"


class ExportError(Exception):
    pass


# --- reading ------------------------------------------------------------------------


def iter_nodes(backend, kinds: list[str], batch: int = BATCH) -> Iterator[dict]:
    """Every node of these kinds, by kind (schema order) then id."""
    for nt in S.NODE_TYPES:
        if nt.name not in kinds:
            continue
        after = ""
        while True:
            rows = backend.read(f"MATCH (n:`{nt.name}`) WHERE n.id > $after RETURN n ORDER BY n.id LIMIT $batch",
                                {"after": after, "batch": batch})
            for r in rows:
                yield r["n"]
            if len(rows) < batch:
                break
            after = rows[-1]["n"]["id"]


def iter_edges(backend, kinds: list[str], batch: int = BATCH) -> Iterator[dict]:
    """Every edge between nodes of these kinds, by type (schema order), endpoint types, then id."""
    for et in S.EDGE_TYPES:
        for a, b in et.pairs():
            if a not in kinds or b not in kinds:
                continue
            after = ""
            while True:
                rows = backend.read(
                    f"MATCH (:`{a}`)-[r:`{et.name}`]->(:`{b}`) WHERE r.id > $after RETURN r ORDER BY r.id LIMIT $batch",
                    {"after": after, "batch": batch})
                for r in rows:
                    yield r["r"]
                if len(rows) < batch:
                    break
                after = rows[-1]["r"]["id"]


# --- values ---------------------------------------------------------------------------


def _prop_types(kind: str, edge: bool) -> dict[str, str]:
    cols = S.stored_edge_columns(kind) if edge else S.stored_node_columns(kind)
    return {p.name: p.type for p in cols}


def date_interval(value: str) -> tuple[str, str]:
    """A partial date as the first and last day it covers: '2003-06' -> ('2003-06-01', '2003-06-30')."""
    parts = [int(x) for x in str(value).split("-")]
    if len(parts) == 1:
        return f"{parts[0]:04d}-01-01", f"{parts[0]:04d}-12-31"
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return f"{parts[0]:04d}-{parts[1]:02d}-01", f"{parts[0]:04d}-{parts[1]:02d}-{last:02d}"
    return (f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}",) * 2


def flat(record: dict, edge: bool) -> dict:
    """Properties as flat scalars for GraphML/GEXF: lists and citations as JSON text,
    each date also as the interval it covers (``<name>_from``, ``<name>_to``)."""
    types = _prop_types(record["kind"], edge)
    out: dict = {}
    for key in sorted(record):
        value = record[key]
        if value is None or (edge and key in ("src", "dst")):
            continue
        if key == "citations" or isinstance(value, (list, dict)):
            out[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
            continue
        out[key] = value
        if types.get(key) == "date" and value:
            out[f"{key}_from"], out[f"{key}_to"] = date_interval(value)
    return out


# --- writers ----------------------------------------------------------------------------


def _records(backend, kinds, redactor):
    nodes = (redactor.node(n) for n in iter_nodes(backend, kinds))
    edges = (redactor.edge(e) for e in iter_edges(backend, kinds))
    return nodes, edges


def export(backend, fmt: str, path: Path, kinds: list[str] | None = None, redact: bool = False) -> dict[str, int]:
    """Write the export; return counts of nodes and edges written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    for k in kinds or []:
        if k not in S.NODES:
            raise ExportError(f"unknown kind {k!r}; kinds: {', '.join(S.NODES)}")
    kinds = list(kinds or S.NODES)
    redactor = R.for_backend(backend, redact)
    nodes, edges = _records(backend, kinds, redactor)
    return {"graphml": write_networkx, "gexf": write_networkx, "csv": write_csv, "ndjson": write_ndjson,
            "ftm": write_ftm}[fmt](nodes, edges, Path(path), fmt)


def write_ndjson(nodes, edges, path: Path, fmt: str = "ndjson") -> dict[str, int]:
    """One JSON object a line: nodes first, then edges, each with its citations."""
    counts = {"nodes": 0, "edges": 0}
    with path.open("w", encoding="utf-8") as f:
        for n in nodes:
            props = {k: v for k, v in sorted(n.items()) if k not in ("id", "kind", "citations")}
            f.write(json.dumps({"record": "node", "kind": n["kind"], "id": n["id"], "properties": props,
                                "citations": n.get("citations") or []}, ensure_ascii=False) + "\n")
            counts["nodes"] += 1
        for e in edges:
            props = {k: v for k, v in sorted(e.items()) if k not in ("id", "kind", "citations", "src", "dst")}
            f.write(json.dumps({"record": "edge", "kind": e["kind"], "id": e["id"], "from": e["src"], "to": e["dst"],
                                "properties": props, "citations": e.get("citations") or []},
                               ensure_ascii=False) + "\n")
            counts["edges"] += 1
    return counts


def to_networkx(nodes, edges):
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n["id"], **flat(n, edge=False))
    for e in edges:
        g.add_edge(e["src"], e["dst"], key=e["id"], **flat(e, edge=True))
    return g


def gexf_ready(g):
    """GEXF for Gephi: 'label' is the name, start/end become the node's time interval (the dates as
    given move to given_start/given_end), and the id is the node's or edge's own GEXF id."""
    import networkx as nx

    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        d = {("given_" + k if k in ("start", "end") else k): v for k, v in data.items() if k != "id"}
        d["label"] = data.get("name", node)
        start = data.get("start_from") or (data.get("date_from") if not data.get("end") else None)
        end = data.get("end_to") or (data.get("date_to") if not data.get("start") else None)
        if start:
            d["start"] = start
        if end:
            d["end"] = end
        out.add_node(node, **d)
    for a, b, key, data in g.edges(keys=True, data=True):
        d = {("given_" + k if k in ("start", "end") else k): v for k, v in data.items()}
        d["label"] = S.EDGES[data["kind"]].sentence
        out.add_edge(a, b, key=key, **d)
    return out


def write_networkx(nodes, edges, path: Path, fmt: str) -> dict[str, int]:
    import networkx as nx

    g = to_networkx(nodes, edges)
    if fmt == "gexf":
        nx.write_gexf(gexf_ready(g), path)
    else:
        nx.write_graphml(g, path)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


# --- neo4j-admin CSV -------------------------------------------------------------------

_ADMIN_TYPES = {"int": "long", "float": "double", "bool": "boolean", "string[]": "string[]", "enum[]": "string[]"}


def _admin_header(cols: list[S.Prop]) -> list[str]:
    out = []
    for p in cols:
        t = _ADMIN_TYPES.get(p.type)
        out.append(f"{p.name}:{t}" if t else p.name)
    return out


def _admin_value(value, p: S.Prop, where: str) -> str | None:
    if value is None:
        return None
    if p.name == "citations" and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        for v in value:
            if ARRAY_DELIMITER in str(v):
                raise ExportError(f"{where}: {p.name} value {v!r} holds the array delimiter {ARRAY_DELIMITER!r}")
        return ARRAY_DELIMITER.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and p.type == "float":
        return repr(value)
    return str(value)


IMPORT_SCRIPT = """#!/usr/bin/env bash
# Import these files into an empty database with neo4j-admin (Neo4j 5), then
# create the constraints and the search index (schema.cypher) with cypher-shell.
# Run from this folder; stop the server first; DATABASE defaults to neo4j.
set -e
DATABASE="${{DATABASE:-neo4j}}"
neo4j-admin database import full "$DATABASE" --overwrite-destination=true \\
  --array-delimiter=$'\\x1f' --multiline-fields=true \\
{nodes}{rels}  # then: start Neo4j and run: cypher-shell -f schema.cypher
"""


def write_csv(nodes, edges, path: Path, fmt: str = "csv") -> dict[str, int]:
    """A folder with one node file per label and one relationship file per type, headers in the
    neo4j-admin import format, plus import.sh and schema.cypher."""
    from accgraph.loader import ddl

    path.mkdir(parents=True, exist_ok=True)
    counts = {"nodes": 0, "edges": 0}
    files: dict[str, tuple] = {}

    class _Writer:
        """Every value quoted, so that an empty text stays an empty text; a missing value is an
        empty field, which neo4j-admin leaves unset."""

        def __init__(self, f):
            self.f = f

        def writerow(self, fields) -> None:
            self.f.write(",".join("" if v is None else '"' + str(v).replace('"', '""') + '"' for v in fields) + "\n")

    def writer(name: str, header: list[str]):
        if name not in files:
            f = (path / name).open("w", encoding="utf-8", newline="")
            f.write(",".join(header) + "\n")
            files[name] = (f, _Writer(f))
        return files[name][1]

    # The name index (Lookup keys and LOOKUP_OF links) is derived from the nodes and edges as
    # written, as the loader derives it, so that the canned queries find records in the imported graph; its
    # keys live in their own ID space, since a record's id is also its own key.
    lookup_keys: set[str] = set()
    lookup_cols = S.stored_edge_columns(S.LOOKUP_REL)
    links = writer(f"relationships-{S.LOOKUP_REL}.csv",
                   [f":START_ID({S.LOOKUP_LABEL})", ":END_ID", ":TYPE"] + _admin_header(lookup_cols))
    try:
        for n in nodes:
            cols = [p for p in S.stored_node_columns(n["kind"]) if p.name != "id"]
            header = ["id:ID"] + _admin_header(cols) + [":LABEL"]
            w = writer(f"nodes-{n['kind']}.csv", header)
            w.writerow([n["id"]] + [_admin_value(n.get(p.name), p, n["id"]) for p in cols] + [n["kind"]])
            counts["nodes"] += 1
            for key, field in lookup.keys(n):
                lookup_keys.add(key)
                links.writerow([key, n["id"], S.LOOKUP_REL, field])
        faceted: list[tuple[str, str, str]] = []  # the edges that give a facet
        for e in edges:
            cols = S.stored_edge_columns(e["kind"])
            header = [":START_ID", ":END_ID", ":TYPE"] + _admin_header(cols)
            w = writer(f"relationships-{e['kind']}.csv", header)
            w.writerow([e["src"], e["dst"], e["kind"]] + [_admin_value(e.get(p.name), p, e["id"]) for p in cols])
            counts["edges"] += 1
            if e["kind"] in lookup.EDGE_FACETS:
                faceted.append((e["kind"], e["src"], e["dst"]))
        for node_id, facets in lookup.edge_facets(faceted).items():
            for key in facets:
                lookup_keys.add(key)
                links.writerow([key, node_id, S.LOOKUP_REL, lookup.FACET_FIELD])
        keys = writer(f"nodes-{S.LOOKUP_LABEL}.csv", [f"id:ID({S.LOOKUP_LABEL})", ":LABEL"])
        for key in sorted(lookup_keys):
            keys.writerow([key, S.LOOKUP_LABEL])
    finally:
        for f, _ in files.values():
            f.close()
    names = sorted(files)
    node_args = "".join(f"  --nodes={n} \\\n" for n in names if n.startswith("nodes-"))
    rel_args = "".join(f"  --relationships={n} \\\n" for n in names if n.startswith("relationships-"))
    (path / "import.sh").write_text(IMPORT_SCRIPT.format(nodes=node_args, rels=rel_args),
                                    encoding="utf-8")
    (path / "schema.cypher").write_text(";\n".join(ddl.neo4j_schema()) + ";\n", encoding="utf-8")
    return counts


# --- FollowTheMoney --------------------------------------------------------------------

#: Node type -> FtM schema (see docs/exchange.md).  Claims, topics and recommendations have no
#: FtM counterpart and are left out, with the edges that touch them.
FTM_NODES = {
    "Organisation": "Organization",
    "Unit": "Organization",
    "PersonnelCategory": "Organization",
    "Facility": "Organization",
    "Person": "Person",
    "Post": "Position",
    "Instrument": "Document",
    "Source": "Document",
    "Allegation": "Event",
    "Case": "Event",
    "Event": "Event",
}
#: Organisation kinds that become PublicBody.
FTM_PUBLIC = {"un_body", "mission", "military", "police", "government", "local_institution", "igo", "court"}


def _ftm_cites(cites) -> list[str]:
    out = []
    for c in cites or []:
        text = f"{c.get('source')} ({c.get('at')})"
        if c.get("via"):
            text += f", via {c['via']}"
        if c.get("quote"):
            text += f': "{c["quote"]}"'
        out.append(text)
    return out


def ftm_node(n: dict):
    from followthemoney import model

    schema = FTM_NODES.get(n["kind"])
    if schema is None:
        return None
    if n["kind"] == "Organisation" and n.get("org_kind") in FTM_PUBLIC:
        schema = "PublicBody"
    e = model.make_entity(schema)
    e.id = n["id"]
    if schema == "Document":
        e.add("title", n.get("title") or n.get("name"))
        e.add("fileName", n.get("file"))
        e.add("publisher", n.get("publisher"))
    e.add("name", n.get("name"))
    if schema != "Document":
        e.add("alias", n.get("aliases") or [])
    e.add("summary", n.get("summary"))
    if schema == "Event":
        e.add("date", n.get("date"))
        e.add("location", n.get("place"))
        e.add("description", " ".join(x for x in [n.get("status") and f"status: {n['status']}",
                                                     n.get("outcome") and "outcome: " + ", ".join(n["outcome"])]
                                      if x) or None)
    elif schema == "Document":
        e.add("date", n.get("date"))
        e.add("description", n.get("provides") or n.get("code"))
    else:
        e.add("description", n.get("role") or n.get("provides"))
    notes = _ftm_cites(n.get("citations"))
    if n.get("note"):
        notes.insert(0, n["note"])
    if n.get("editorial"):
        notes.insert(0, f"editorial: {n['editorial']}")
    e.add("notes", notes)
    return e


def ftm_edge(r: dict, schemata: dict[str, str]):
    from followthemoney import model

    a, b = schemata.get(r["src"]), schemata.get(r["dst"])
    if a is None or b is None:
        return None
    sentence = S.EDGES[r["kind"]].sentence
    if r["kind"] == "HOLDS_POST":
        e = model.make_entity("Occupancy")
        e.add("holder", r["src"])
        e.add("post", r["dst"])
    elif r["kind"] == "MEMBER_OF":
        e = model.make_entity("Membership")
        e.add("member", r["src"])
        e.add("organization", r["dst"])
    else:
        e = model.make_entity("UnknownLink")
        e.add("subject", r["src"])
        e.add("object", r["dst"])
        e.add("role", sentence)
    e.id = r["id"]
    e.add("startDate", r.get("start"))
    e.add("endDate", r.get("end"))
    detail = [f"{k}: {r[k]}" for k in ("provision", "immunity_kind", "scope", "condition", "role", "victim", "purpose",
                                       "stance", "note") if r.get(k)]
    e.add("description", "; ".join(detail) or None)
    e.add("summary", _ftm_cites(r.get("citations")))
    return e


def write_ftm(nodes, edges, path: Path, fmt: str = "ftm") -> dict[str, int]:
    """FtM entities as JSON lines (the format ``ftm`` and Aleph's ``alephclient`` read)."""
    try:
        import followthemoney  # noqa: F401
    except ImportError:
        raise ExportError("the ftm format needs the followthemoney package: "
                          "pip install 'accountability-graph[ftm]'") from None
    counts = {"nodes": 0, "edges": 0}
    schemata: dict[str, str] = {}
    with path.open("w", encoding="utf-8") as f:
        for n in nodes:
            e = ftm_node(n)
            if e is None:
                continue
            schemata[n["id"]] = e.schema.name
            f.write(json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            counts["nodes"] += 1
        for r in edges:
            e = ftm_edge(r, schemata)
            if e is None:
                continue
            f.write(json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            counts["edges"] += 1
    return counts
