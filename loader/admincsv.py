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

from pathlib import Path

from accgraph import schema as S

ARRAY_DELIMITER = "\x1f"
RECORDS, LOOKUPS = "Record", "Lookup"
_TYPES = {"STRING": "string", "INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "STRING[]": "string[]"}


def _header(p: S.Prop) -> str:
    t = _TYPES[S.PROP_TYPES[p.type][0]]
    return p.name if t == "string" else f"{p.name}:{t}"


def _cell(v) -> str:
    """One CSV field: nothing for no value, text always quoted (so that an empty text stays a value)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, list):
        v = ARRAY_DELIMITER.join(v)
    return '"' + str(v).replace('"', '""') + '"'


class _Writer:
    def __init__(self, f):
        self.f = f

    def writerow(self, cells) -> None:
        self.f.write(",".join(cells) + "\n")


def write(node_rows: dict, edge_rows: dict, folder: Path, meta: dict | None = None) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []

    def open_csv(name: str, header: list[str]):
        f = open(folder / name, "w", newline="", encoding="utf-8")
        w = _Writer(f)
        w.writerow(header)
        out.append(folder / name)
        return f, w

    for label, rows in node_rows.items():
        space = LOOKUPS if label == S.LOOKUP_LABEL else RECORDS
        cols = [p for p in S.stored_node_columns(label) if p.name != "id"]
        f, w = open_csv(f"nodes-{label}.csv", [f"id:ID({space})", ":LABEL"] + [_header(p) for p in cols])
        with f:
            for row in rows:
                w.writerow([_cell(row["id"]), label] + [_cell(row.get(p.name)) for p in cols])
    for (etype, src, dst), rows in edge_rows.items():
        start = LOOKUPS if src == S.LOOKUP_LABEL else RECORDS
        cols = S.stored_edge_columns(etype)
        f, w = open_csv(f"rels-{etype}-{src}-{dst}.csv",
                        [f":START_ID({start})", f":END_ID({RECORDS})", ":TYPE"] + [_header(p) for p in cols])
        with f:
            for row in rows:
                w.writerow([_cell(row["src"]), _cell(row["dst"]), etype] + [_cell(row.get(p.name)) for p in cols])
    if meta is not None:
        keys = sorted(k for k in meta if k != "id")
        f, w = open_csv(f"nodes-{S.META_LABEL}.csv", [f"id:ID({S.META_LABEL})", ":LABEL"] + keys + ["state"])
        with f:
            w.writerow([_cell(meta["id"]), S.META_LABEL] + [_cell(meta[k]) for k in keys] + ["complete"])
    return out
