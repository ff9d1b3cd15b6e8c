"""Bulk seed files next to the YAML: NDJSON, one node or edge per line.

A line holds one JSON object with the same keys as a YAML record: a node
(``id``, ``type``, ``name``, ..., ``cite``) or an edge (``type``, ``from``,
``to``, ..., ``cite``).  Each record is checked by the validator's own record
and value checks, and every problem is reported as ``file:line``.
"""

from __future__ import annotations

import json
from pathlib import Path

from accgraph.loader import yamlio

SUFFIX = ".ndjson"


def bulk_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path] if path.suffix == SUFFIX else []
    return sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file())


def read_into(ds, path: Path, digest, checker, issue):
    """Check every NDJSON file under ``path`` and add its records to ``ds``.

    ``checker(name, lines)`` makes the validator's per-file checker and
    ``issue(file, line, message)`` an error; both come from the validator so
    that the messages are the same as for YAML.
    """
    for f in bulk_files(path):
        name = str(f)
        ds.files.append(name)
        lines = yamlio.LineMap({(): 1})
        fc = checker(name, lines)
        counters = {"nodes": 0, "edges": 0}
        h_name = str(f.relative_to(path) if path.is_dir() else f.name).encode()
        digest.update(h_name + b"\0")
        with open(f, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                digest.update(raw)
                if not raw.strip():
                    continue
                try:
                    value = json.loads(raw)
                except (ValueError, UnicodeDecodeError) as exc:
                    ds.issues.append(issue(name, lineno, f"not a JSON object: {exc}"))
                    continue
                if not isinstance(value, dict):
                    ds.issues.append(issue(name, lineno, "expected a JSON object (a node or an edge) on each line"))
                    continue
                section = "edges" if ("from" in value or "to" in value) else "nodes"
                i = counters[section]
                counters[section] += 1
                where = (section, i)
                lines[where] = lineno
                rec = (fc.edge if section == "edges" else fc.node)(value, where)
                if rec is None:
                    continue
                if rec.kind == "node":
                    first = ds.nodes.get(rec.id)
                    if first is not None:
                        fc.err(where + ("id",), f"duplicate id {rec.id!r} (first defined at {first.where})")
                    else:
                        ds.nodes[rec.id] = rec
                else:
                    ds.edges.append(rec)
        yield name, lines
