"""One output path for query results: table, json or csv."""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from typing import Any

from accgraph import schema as S

FORMATS = ("table", "json", "csv")


def cite_text(c: dict) -> str:
    text = f"{c.get('source')} ({c.get('at')})"
    if c.get("via"):
        text += f" via {c['via']}"
    return text


def cell(value: Any) -> str:
    """A value as short text for tables and CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        if "nodes" in value and "rels" in value:
            return path_text(value)
        if "source" in value and "at" in value:
            return cite_text(value)
        return str(value.get("name") or value.get("id") or json.dumps(value, ensure_ascii=False))
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    return str(value)


def path_text(path: dict) -> str:
    nodes = path["nodes"]
    out = cell(nodes[0]) if nodes else ""
    for rel, node in zip(path["rels"], nodes[1:]):
        sentence = S.EDGES[rel["kind"]].sentence if rel.get("kind") in S.EDGES else rel.get("kind", "")
        out += f" -[{sentence}]-> {cell(node)}"
    return out


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, indent=2, ensure_ascii=False, default=str)


def to_csv(columns: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([cell(r.get(c)) for c in columns])
    return buf.getvalue()


def to_table(columns: list[str], rows: list[dict], width: int | None = None) -> str:
    if not rows:
        return "(no rows)\n"
    width = width or shutil.get_terminal_size((160, 24)).columns
    texts = [[cell(r.get(c)) for c in columns] for r in rows]
    natural = [max([len(c)] + [len(t[i]) for t in texts]) for i, c in enumerate(columns)]
    budget = max(width - 3 * (len(columns) - 1), 20 * len(columns))
    widths = list(natural)
    while sum(widths) > budget and max(widths) > 12:
        i = widths.index(max(widths))
        widths[i] = max(12, widths[i] - max(1, (sum(widths) - budget) // 2))
    sep = "   "
    lines = [sep.join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append(sep.join("-" * w for w in widths))
    for t in texts:
        wrapped = [textwrap.wrap(x, w) or [""] for x, w in zip(t, widths)]
        for k in range(max(len(x) for x in wrapped)):
            lines.append(sep.join((x[k] if k < len(x) else "").ljust(w) for x, w in zip(wrapped, widths)).rstrip())
    return "\n".join(lines) + "\n"


def render(columns: list[str], rows: list[dict], fmt: str) -> str:
    if fmt == "json":
        return to_json(rows) + "\n"
    if fmt == "csv":
        return to_csv(columns, rows)
    return to_table(columns, rows)
