"""One output path for query results: table, json or csv."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import textwrap
from typing import Any

from accgraph import schema as S

FORMATS = ("table", "json", "csv")

#: Terminal escape sequences (CSI, OSC, DCS and the like, 7- and 8-bit), removed whole.
_TERMINAL_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
#: Other characters a terminal or viewer acts on: controls, line and paragraph separators,
#: bidirectional overrides. Each becomes a space.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def cite_text(c: dict, quote: bool = False) -> str:
    """A citation as one line: ``source (at) via X``, and its quote when ``quote`` is set."""
    text = f"{c.get('source')} ({c.get('at')})"
    if c.get("via"):
        text += f" via {c['via']}"
    if quote and c.get("quote"):
        text += f': "{c["quote"]}"'
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
        if "reads" in value and "from" in value and "to" in value:  # a step of a derivation
            return f"{value['from']} {value['reads']} {value['to']}"
        return str(value.get("name") or value.get("id") or json.dumps(value, ensure_ascii=False))
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    return str(value)


def printable(text: str) -> str:
    """Text with terminal escape sequences removed and control characters made spaces."""
    return _CONTROL.sub(" ", _TERMINAL_SEQUENCE.sub("", text))


def csv_cell(value: Any) -> str:
    """A value for a CSV cell: text a spreadsheet would run as a formula gets a leading quote."""
    text = cell(value)
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return "'" + text if text.startswith(FORMULA_START) and not number else text


def path_text(path: dict) -> str:
    nodes = path["nodes"]
    out = cell(nodes[0]) if nodes else ""
    for rel, node in zip(path["rels"], nodes[1:]):
        sentence = S.EDGES[rel["kind"]].sentence if rel.get("kind") in S.EDGES else rel.get("kind", "")
        out += f" -[{sentence}]-> {cell(node)}"
    return out


_JSON_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def to_json(rows: list[dict]) -> str:
    # json escapes C0 controls itself; these can only occur inside strings, where a \\u escape is valid.
    text = json.dumps(rows, indent=2, ensure_ascii=False, default=str)
    return _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_csv(columns: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    # The writer quotes only fields holding a character of its line terminator ("\n"); a row
    # with a carriage return in it is written fully quoted, so readers keep it one row.
    w = csv.writer(buf, lineterminator="\n")
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for cells in [[csv_cell(c) for c in columns]] + [[csv_cell(r.get(c)) for c in columns] for r in rows]:
        (quoted if any("\r" in c for c in cells) else w).writerow(cells)
    return buf.getvalue()


def to_table(columns: list[str], rows: list[dict], width: int | None = None) -> str:
    if not rows:
        return "(no rows)\n"
    width = width or shutil.get_terminal_size((160, 24)).columns
    texts = [[printable(cell(r.get(c))) for c in columns] for r in rows]
    columns = [printable(c) for c in columns]
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
