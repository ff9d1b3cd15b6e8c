"""The accountability report: the main canned queries, combined, with citations."""

from __future__ import annotations

import datetime as dt
import html as H
import re

from accgraph import output, queries

#: (query, section heading, columns shown, introduction)
SECTIONS = (
    ("immunities", "Who holds immunity",
     ["holder", "instrument", "provision", "immunity_kind", "scope", "waivable_by"],
     "Each grant of immunity, the instrument and provision behind it, and who may waive it."),
    ("who-can-waive", "Who may waive immunity, for whom",
     ["holder", "authority", "instrument", "provision", "condition"],
     "The waiver rules: the authority, the category it covers, the instrument and provision."),
    ("accountability-gaps", "Impunity: allegations against people who hold immunity",
     ["date", "summary", "accused", "immune_as", "could_waive", "waiver", "outcome", "gap"],
     "Allegations against immune actors. 'gap' marks those with neither a waiver granted nor a charge or verdict on record."),
    ("allegations", "All allegations",
     ["date", "summary", "accused", "place", "alleged_by", "status", "outcome"],
     "Every allegation the sources record, oldest first."),
    ("disputes", "Where the sources disagree",
     ["topic", "stated_by", "stance", "figure", "as_of", "claim"],
     "Each topic on which more than one source speaks; the claims are set side by side, not resolved."),
    ("referral-pathway", "Where victims are referred",
     ["pathway", "step", "victim", "referred_by", "referred_to", "purpose"],
     "Referral pathways step by step, as each source describes them."),
    ("recommendations", "Recommendations",
     ["recommended_by", "addressed_to", "recommendation"],
     "Who recommended what to whom."),
    ("instruments", "Legal instruments",
     ["date", "instrument", "kind", "issued_by", "provides"],
     "The instruments the sources cite, in date order."),
)


def _rows(backend, name):
    q = queries.get(name)
    return queries.run(backend, q, {})[1]


def _cites(row: dict) -> str:
    return "; ".join(output.cite_text(c) for c in row.get("citations") or [])


#: Characters that start Markdown or HTML inside a table cell (emphasis, code, links, images,
#: raw HTML, entities, strike-through, the cell separator): each gets a backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>!|~&])")


def _md_cell(value) -> str:
    """A value as the text of a Markdown table cell: shown as written, never run or fetched."""
    return _MD_SPECIAL.sub(r"\\\1", output.printable(output.cell(value))).strip()


SOURCES_CYPHER = (
    "MATCH (s:Source) RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.date AS date, "
    "s.`primary` AS is_primary, s.file AS file ORDER BY id"
)


def _bibliography(backend) -> list[dict]:
    rows = backend.read(SOURCES_CYPHER)
    return sorted(rows, key=lambda r: (not r.get("is_primary"), r["id"]))


def build(backend, html: bool = False) -> str:
    meta = backend.meta() or {}
    today = dt.date.today().isoformat()
    stamp = f"Data version {meta.get('digest', 'unknown')[:12]}, loaded {meta.get('loaded_at', 'unknown')}; report written {today}."
    sections = [(title, cols, intro, _rows(backend, name), f"query {name}") for name, title, cols, intro in SECTIONS]
    cols = ["id", "title", "publisher", "date", "file"]
    sources = ("Sources cited", cols, "The documents behind every citation above: first the five primary "
               "documents (file names in the sources directory), then the reports they draw on.",
               _bibliography(backend), "every Source node")
    sections.append(sources)
    return _html(sections, stamp) if html else _markdown(sections, stamp)


def _markdown(sections, stamp: str) -> str:
    out = ["# Accountability report: trafficking and the immunity of international personnel in Kosovo, 2001-2004", "",
           stamp, "",
           "Every row cites its sources as `document (locator)`. Document ids name the five primary documents; "
           "run `accgraph query sources-of -p id ID` for the quotes behind any record.", ""]
    for title, cols, intro, rows, name in sections:
        out += [f"## {title}", "", f"{intro} ({name}, {len(rows)} rows)", ""]
        if not rows:
            out += ["No records.", ""]
            continue
        extra = ["sources"] if "citations" in rows[0] else []
        out.append("| " + " | ".join(cols + extra) + " |")
        out.append("|" + "---|" * (len(cols) + len(extra)))
        for r in rows:
            cells = [_md_cell(r.get(c)) for c in cols] + ([_md_cell(_cites(r))] if extra else [])
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def _html(sections, stamp: str) -> str:
    e = H.escape
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>Accountability report</title><style>",
             "body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:1em 0}",
             "td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;font-size:90%}th{background:#f3f3f3}",
             ".src{color:#555;font-size:85%}</style></head><body>",
             "<h1>Accountability report: trafficking and the immunity of international personnel in Kosovo, 2001-2004</h1>",
             f"<p>{e(stamp)}</p>"]
    for title, cols, intro, rows, name in sections:
        parts.append(f"<h2>{e(title)}</h2><p>{e(intro)} ({e(name)}, {len(rows)} rows)</p>")
        if not rows:
            parts.append("<p>No records.</p>")
            continue
        extra = ["sources"] if "citations" in rows[0] else []
        parts.append("<table><tr>" + "".join(f"<th>{e(c)}</th>" for c in cols + extra) + "</tr>")
        for r in rows:
            cells = "".join(f"<td>{e(output.cell(r.get(c)))}</td>" for c in cols)
            src = f"<td class='src'>{e(_cites(r))}</td>" if extra else ""
            parts.append(f"<tr>{cells}{src}</tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
