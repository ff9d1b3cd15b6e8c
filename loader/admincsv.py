"""Rows as CSV files in the ``neo4j-admin database import`` header format.

One file per node table (``nodes-LABEL.csv``) and per relationship pair
(``rels-TYPE-FROM-TO.csv``), with typed headers derived from
:mod:`accgraph.schema` (``name``, ``aliases:string[]``, ``step:long``...).
Records and ``Lookup`` keys live in separate ID spaces (a folded key may equal
a record id).  The bookkeeping record is written as complete, so that the
imported database reads like one that ``accgraph load`` wrote.

    scripts/neo4j import DIR     # stop, neo4j-admin database import full, start

Array values are separated by :data:`ARRAY_DELIMITER`; text may hold line
breaks (import with ``--multiline-fields=true``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from accgraph import schema as S

ARRAY_DELIMITER = "\x1f"
RECORDS, LOOKUPS = "Record", "Lookup"
_TYPES = {"STRING": "string", "INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "STRING[]": "string[]"}


def _header(p: S.Prop) -> str:
    t = _TYPES[S.PROP_TYPES[p.type][0]]
    return p.name if t == "string" else f"{p.name}:{t}"


def _cell(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ARRAY_DELIMITER.join(v) if v else None
    return v


def write(node_rows: dict, edge_rows: dict, folder: Path, meta: dict | None = None) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []

    def open_csv(name: str, header: list[str]):
        f = open(folder / name, "w", newline="", encoding="utf-8")
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        out.append(folder / name)
        return f, w

    for label, rows in node_rows.items():
        space = LOOKUPS if label == S.LOOKUP_LABEL else RECORDS
        cols = [p for p in S.stored_node_columns(label) if p.name != "id"]
        f, w = open_csv(f"nodes-{label}.csv", [f"id:ID({space})", ":LABEL"] + [_header(p) for p in cols])
        with f:
            for row in rows:
                w.writerow([row["id"], label] + [_cell(row.get(p.name)) for p in cols])
    for (etype, src, dst), rows in edge_rows.items():
        start = LOOKUPS if src == S.LOOKUP_LABEL else RECORDS
        cols = S.stored_edge_columns(etype)
        f, w = open_csv(f"rels-{etype}-{src}-{dst}.csv",
                        [f":START_ID({start})", f":END_ID({RECORDS})", ":TYPE"] + [_header(p) for p in cols])
        with f:
            for row in rows:
                w.writerow([row["src"], row["dst"], etype] + [_cell(row.get(p.name)) for p in cols])
    if meta is not None:
        keys = sorted(k for k in meta if k != "id")
        f, w = open_csv(f"nodes-{S.META_LABEL}.csv", [f"id:ID({S.META_LABEL})", ":LABEL"] + keys + ["state"])
        with f:
            w.writerow([meta["id"], S.META_LABEL] + [meta[k] for k in keys] + ["complete"])
    return out
