"""The marks a sourced record carries wherever it is shown: hedged, second-hand, editorial.

One rule for every output (query tables, JSON and CSV, the report, the views, the
Browser guide).  A row about a sourced record carries the record's ``hedged``,
``editorial`` and ``weakest_link`` columns and its ``citations``; its ``caveats``
column is the sorted list of marks that apply (empty when none):

``hedged``
    the sources hedge it ('reportedly', 'alleged');
``second-hand``
    every document that states it reports it via someone else;
``editorial: <reason>``
    the record, or its name, is the project's identification, not the documents' words.

``weakest_link`` (computed at load time, see :mod:`accgraph.corroboration`) speaks for
hedged and second-hand when the row has it; otherwise they are read from ``hedged``
and from the ``via`` of every citation.
"""

from __future__ import annotations

#: The column every row about a sourced record ends with.
COLUMN = "caveats"

#: The marks, and what each means.
CAVEATS = (
    ("hedged", "the sources hedge it ('reportedly', 'alleged')"),
    ("second-hand", "every document that states it reports it via someone else"),
    ("editorial", "the record, or its name, is the project's identification, not the documents' words"),
)


def caveats(row: dict) -> list[str]:
    """The marks a row carries, sorted: 'editorial: <reason>', 'hedged', 'second-hand'."""
    marks = []
    weak = row.get("weakest_link")
    if weak is not None:
        marks += [w.strip() for w in weak.split(",") if w.strip()]
    elif row.get("hedged"):
        marks.append("hedged")
    cites = row.get("citations") or []
    if weak is None and cites and all(isinstance(c, dict) and c.get("via") for c in cites):
        marks.append("second-hand")
    if row.get("editorial"):
        marks.append(f"editorial: {row['editorial']}")
    return sorted(set(marks))


def sourced(columns) -> bool:
    """True when rows with these columns are about sourced records (they carry citations)."""
    return "citations" in columns


def mark_rows(columns: list[str], rows: list[dict]) -> list[str]:
    """Add the ``caveats`` column at the end of rows about sourced records; return the columns."""
    if not sourced(columns):
        return columns
    for row in rows:
        row[COLUMN] = caveats(row)
    return [c for c in columns if c != COLUMN] + [COLUMN]
