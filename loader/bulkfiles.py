"""Bulk seed files next to the YAML: NDJSON and CSV.

* ``*.ndjson``: one JSON object per line with the same keys as a YAML record:
  a node (``id``, ``type``, ``name``, ..., ``cite``) or an edge (``type``,
  ``from``, ``to``, ..., ``cite``).
* ``*.csv`` in the ``neo4j-admin database import`` header format: a node file
  has an ``:ID`` column (``id:ID``) and ``:LABEL`` (the node type); a
  relationship file has ``:START_ID``, ``:END_ID`` and ``:TYPE``.  Other
  columns are properties, typed as neo4j-admin types them (``aliases:string[]``
  with ``;`` between items, ``step:int``, ``value:float``, ``hedged:boolean``);
  ``cite`` holds the citations as a JSON list.  An empty field is no value.

Each record is checked by the validator's own record and value checks, and
every problem is reported as ``file:line``.
"""

from __future__ import annotations

import csv
import json
from array import array
from pathlib import Path

from accgraph.loader import yamlio

SUFFIXES = (".ndjson", ".csv")
ARRAY_DELIMITER = ";"
#: Distinct citation lists kept for sharing at most (see :func:`_shared_cites`).
SHARED_CITES_MAX = 100_000


def bulk_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path] if path.suffix in SUFFIXES else []
    return sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())


class BulkLines(yamlio.LineMap):
    """Where the records of one bulk file start: one line per record, so every path inside a record
    is on its line.  Kept as one array of line numbers per section, not one entry per path."""

    def __init__(self):
        super().__init__({(): 1})
        self.sections = {"nodes": array("q"), "edges": array("q")}

    def line(self, path) -> int:
        if len(path) >= 2:
            rows = self.sections.get(path[0])
            i = path[1]
            if rows is not None and type(i) is int and 0 <= i < len(rows):
                return rows[i]
        return super().line(path)


def _ndjson(fh, issue, name):
    for lineno, raw in enumerate(fh, 1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            yield lineno, None, f"not a JSON object: {exc}"
            continue
        if not isinstance(value, dict):
            yield lineno, None, "expected a JSON object (a node or an edge) on each line"
            continue
        yield lineno, value, None


_SPECIAL = {":ID": "id", ":LABEL": "type", ":START_ID": "from", ":END_ID": "to", ":TYPE": "type"}


def _column(head: str) -> tuple[str | None, str]:
    """``(key, type)`` of a neo4j-admin header field; key None for an ignored column."""
    name, _, kind = head.partition(":")
    kind = kind.split("(")[0].strip().upper()
    if kind == "IGNORE":
        return None, ""
    special = _SPECIAL.get(":" + kind)
    if special:
        return special, "string"
    return name.strip(), kind.lower() or "string"


def _convert(text: str, kind: str):
    if kind.endswith("[]"):
        return [_convert(x, kind[:-2]) for x in text.split(ARRAY_DELIMITER)]
    try:
        if kind in ("int", "long", "short", "byte"):
            return int(text)
        if kind in ("float", "double"):
            return float(text)
    except ValueError:
        return text  # the value check names it
    if kind == "boolean":
        return {"true": True, "false": False}.get(text.strip().lower(), text)
    return text


def _csv(fh, issue, name):
    import io

    data = fh.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield 1, None, f"not UTF-8: {exc}"
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return
    cols = [_column(h) for h in header]
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(cols):
            yield start, None, f"expected {len(cols)} fields as in the header, got {len(cells)}"
            continue
        value: dict = {}
        bad = None
        for (key, kind), cell in zip(cols, cells):
            if key is None or cell == "":
                continue
            if key == "cite":
                try:
                    value[key] = json.loads(cell)
                except ValueError as exc:
                    bad = f"cite: not a JSON list of citations: {exc}"
                continue
            value[key] = _convert(cell, kind)
        yield start, value, bad


def _shared_cites(cites: list, shared: dict) -> list:
    """One list for every bulk record that cites alike.

    Bulk files often cite one document and locator for many rows; their
    records then share one (read-only) list of citations.  Where a citation
    is written follows from the record (see ``validate.cite_path``), so the
    shared dicts do not carry it.
    """
    key = tuple(tuple(kv for kv in c.items() if kv[0] != "_path") for c in cites)
    found = shared.get(key)
    if found is None:
        if len(shared) >= SHARED_CITES_MAX:
            shared.clear()
        found = shared[key] = [{k: v for k, v in c.items() if k != "_path"} for c in cites]
    return found


def read_into(ds, path: Path, checker, issue):
    """Check every bulk file (NDJSON, CSV) under ``path`` and add its records to ``ds``.

    ``checker(name, lines)`` makes the validator's per-file checker and
    ``issue(file, line, message)`` an error; both come from the validator so
    that the messages are the same as for YAML.
    """
    shared: dict = {}
    for f in bulk_files(path):
        name = str(f)
        ds.files.append(name)
        lines = BulkLines()
        fc = checker(name, lines)
        counters = {"nodes": 0, "edges": 0}
        parse = _csv if f.suffix == ".csv" else _ndjson
        with open(f, "rb") as fh:
            for lineno, value, problem in parse(fh, issue, name):
                if problem is not None:
                    ds.issues.append(issue(name, lineno, problem))
                    continue
                section = "edges" if ("from" in value or "to" in value) else "nodes"
                i = counters[section]
                counters[section] += 1
                where = (section, i)
                lines.sections[section].append(lineno)
                rec = (fc.edge if section == "edges" else fc.node)(value, where)
                if rec is None:
                    continue
                rec.data["cite"] = _shared_cites(rec.data["cite"], shared)
                if rec.kind == "node":
                    first = ds.nodes.get(rec.id)
                    if first is not None:
                        fc.err(where + ("id",), f"duplicate id {rec.id!r} (first defined at {first.where})")
                    else:
                        ds.nodes[rec.id] = rec
                else:
                    ds.edges.append(rec)
        yield name, lines
