"""The accountability report: the main canned queries, combined, with citations.

The impunity section reads as verdicts with reasons, grouped by whether the
record shows an immunity gap; every row says how many documents and
independent origins support it, and marks what is hedged, second-hand or the
project's own identification (editorial).
"""

from __future__ import annotations

import datetime as dt
import html as H
import re
from dataclasses import dataclass, field

from accgraph import marks, output, queries

#: (query, section heading, columns shown, introduction)
SECTIONS = (
    ("immunities", "Who holds immunity",
     ["holder", "instrument", "provision", "immunity_kind", "scope", "waivable_by"],
     "Each grant of immunity, the instrument and provision behind it, and who may waive it."),
    ("who-can-waive", "Who may waive immunity, for whom",
     ["holder", "authority", "instrument", "provision", "condition"],
     "The waiver rules: the authority, the category it covers, the instrument and provision."),
    ("accountability-gaps", "Impunity: allegations against people who may hold immunity",
     ["date", "summary", "accused", "verdict", "reason", "could_waive", "waiver", "outcome", "support"],
     "Each allegation against an actor with a route to a grant of immunity, with the verdict on that immunity at "
     "the allegation's own date (immune, possibly immune, not immune, unknown) and the reason for it, who could "
     "have waived it and what happened. Grouped by whether the record shows an immunity gap; "
     "`accgraph explain ID` prints each verdict's derivation step by step with its sources."),
    ("allegations", "All allegations",
     ["date", "summary", "accused", "place", "alleged_by", "status", "outcome", "support"],
     "Every allegation the sources record, oldest first."),
    ("corroboration", "Corroboration: documents and independent origins",
     ["kind", "statement", "n_sources", "stated_in", "n_origins", "origin_ids"],
     "Claims and allegations that more than one document states (counting the claims that corroborate a claim), "
     "with the independent origins those documents go back to. A document speaking for itself is an origin; one "
     "that reports something via another counts for where that chain ends. Fewer origins than documents means "
     "repetition, not independent confirmation."),
    ("disputes", "Where the sources disagree",
     ["topic", "stated_by", "stance", "figure", "as_of", "claim", "support"],
     "Each topic on which more than one source speaks; the claims are set side by side, not resolved."),
    ("timeline", "Timeline",
     ["date", "entry", "what", "detail", "actors"],
     "Allegations, events, outcomes and instruments, oldest first, as precisely as the sources date them "
     "(a year or a month is a period, listed before the days within it)."),
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


#: How the impunity section groups allegations by their gap: (gap, heading, what it means).
GAP_GROUPS = (
    ("yes", "Immunity gaps",
     "The accused was immune at the allegation's date, and the record shows neither a waiver granted nor a "
     "charge, trial or verdict."),
    ("possibly", "Possible immunity gaps",
     "The accused was possibly immune at that date, for the reason given; no waiver granted and no charge on record."),
    ("unknown", "Immunity unknown",
     "The sources do not say whether the accused was immune at that date; no waiver granted and no charge on record."),
    ("no", "Not gaps",
     "A waiver was granted, or a charge, trial or verdict followed, or the accused was not immune."),
    ("not applicable", "Institutional policy failures",
     "Failures of accountability by an institution's policy. No waiver applies to a policy, so they are kept "
     "out of the waiver-gap verdict."),
)

#: The marks every row carries when they apply, and what they mean.
CAVEATS = marks.CAVEATS


@dataclass
class Section:
    title: str
    cols: list[str]
    intro: str
    rows: list[dict]
    source: str
    groups: list[tuple[str, str, list[dict]]] = field(default_factory=list)  # (heading, intro, rows)


def _rows(backend, name):
    q = queries.get(name)
    return [_annotate(r) for r in queries.run(backend, q, {})[1]]


caveats = marks.caveats


def support(row: dict) -> str | None:
    """'2 documents, 1 origin' for a row that carries the corroboration counts."""
    n, o = row.get("n_sources"), row.get("n_origins")
    if n is None or o is None:
        return None
    return f"{n} document{'s' if n != 1 else ''}, {o} origin{'s' if o != 1 else ''}"


def _annotate(row: dict) -> dict:
    row = dict(row)
    row.setdefault("support", support(row))
    row["caveats"] = caveats(row)
    return row


def _gap_key(gap) -> str:
    if isinstance(gap, bool):  # a yes/no gap column
        return "yes" if gap else "no"
    text = str(gap or "unknown")
    return next((key for key, _, _ in GAP_GROUPS if text == key or text.startswith(key + ":")), text)


def impunity_groups(rows: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """The impunity rows grouped by gap, in the order of GAP_GROUPS (other values last)."""
    groups = []
    for key, heading, intro in GAP_GROUPS:
        items = [r for r in rows if _gap_key(r.get("gap")) == key]
        if items:
            groups.append((f"{heading} ({len(items)})", intro, items))
    known = {key for key, _, _ in GAP_GROUPS}
    for other in sorted({_gap_key(r.get("gap")) for r in rows} - known):
        items = [r for r in rows if _gap_key(r.get("gap")) == other]
        groups.append((f"Gap: {other} ({len(items)})", "", items))
    return groups


def corroboration_summary(rows: list[dict]) -> str:
    """One sentence on how the claims and allegations are supported."""
    many = [r for r in rows if (r.get("n_sources") or 0) > 1]
    repeated = [r for r in many if (r.get("n_origins") or 0) < r["n_sources"]]
    second = [r for r in rows if "second-hand" in (r.get("weakest_link") or "")]
    hedged = [r for r in rows if "hedged" in (r.get("weakest_link") or "")]
    return (f"Of {len(rows)} claims and allegations, {len(rows) - len(many)} rest on one document and {len(many)} "
            f"on more than one; of these, {len(repeated)} go back to fewer independent origins than documents. "
            f"{len(second)} are known only second-hand and {len(hedged)} are hedged.")


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


def build(backend, html: bool = False, redact: bool = False) -> str:
    meta = backend.meta() or {}
    today = dt.date.today().isoformat()
    stamp = f"Data version {meta.get('digest', 'unknown')[:12]}, loaded {meta.get('loaded_at', 'unknown')}; report written {today}."
    sections = []
    for name, title, cols, intro in SECTIONS:
        rows = _rows(backend, name)
        section = Section(title, cols, intro, rows, f"query {name}")
        if name == "accountability-gaps":
            section.groups = impunity_groups(rows)
        elif name == "corroboration":
            section.intro += " " + corroboration_summary(rows)
            section.rows = [r for r in rows if (r.get("n_sources") or 0) > 1]
        sections.append(section)
    cols = ["id", "title", "publisher", "date", "file"]
    sections.append(Section("Sources cited", cols, "The documents behind every citation above: first the five "
                            "primary documents (file names in the sources directory), then the reports they draw on.",
                            _bibliography(backend), "every Source node"))
    if redact:
        from accgraph.redact import Redactor

        r = Redactor(backend)
        for section in sections:
            section.intro = r.scrub(section.intro)
            section.rows = [r.row(row) for row in section.rows]
            section.groups = [(r.scrub(h), r.scrub(i), [r.row(row) for row in rows]) for h, i, rows in section.groups]
    return _html(sections, stamp) if html else _markdown(sections, stamp)


def _extra(rows: list[dict]) -> list[str]:
    """The columns every record-based table ends with: its caveats and its sources."""
    return ["caveats", "sources"] if rows and "citations" in rows[0] else []


def _caveat_note() -> str:
    return "Marks: " + "; ".join(f"{key} = {meaning}" for key, meaning in CAVEATS) + "."


def _md_table(cols: list[str], rows: list[dict]) -> list[str]:
    extra = _extra(rows)
    out = ["| " + " | ".join(cols + extra) + " |", "|" + "---|" * (len(cols) + len(extra))]
    for r in rows:
        cells = [_md_cell(r.get(c)) for c in cols]
        if extra:
            cells += [_md_cell(r.get("caveats") or []), _md_cell(_cites(r))]
        out.append("| " + " | ".join(cells) + " |")
    return out + [""]


def _markdown(sections: list[Section], stamp: str) -> str:
    out = ["# Accountability report: trafficking and the immunity of international personnel in Kosovo, 2001-2004", "",
           stamp, "",
           "Every row cites its sources as `document (locator)`. Document ids name the five primary documents; "
           "run `accgraph query sources-of -p id ID` for the quotes behind any record. "
           "'support' counts the documents that state a record and the independent origins they go back to. "
           + _caveat_note(), ""]
    for sec in sections:
        out += [f"## {sec.title}", "", f"{sec.intro} ({sec.source}, {len(sec.rows)} rows)", ""]
        if not sec.rows:
            out += ["No records.", ""]
        elif sec.groups:
            for heading, intro, rows in sec.groups:
                out += [f"### {_md_cell(heading)}", ""] + ([intro, ""] if intro else []) + _md_table(sec.cols, rows)
        else:
            out += _md_table(sec.cols, sec.rows)
    return "\n".join(out)


def _html_table(cols: list[str], rows: list[dict]) -> list[str]:
    e = H.escape
    extra = _extra(rows)
    parts = ["<table><tr>" + "".join(f"<th>{e(c)}</th>" for c in cols + extra) + "</tr>"]
    for r in rows:
        cells = "".join(f"<td>{e(output.printable(output.cell(r.get(c))))}</td>" for c in cols)
        if extra:
            tags = "".join(f"<span class='caveat caveat-{e(m.split(':')[0])}'>{e(output.printable(m))}</span>"
                            for m in r.get("caveats") or [])
            cells += f"<td>{tags}</td><td class='src'>{e(output.printable(_cites(r)))}</td>"
        parts.append(f"<tr{' class=marked' if r.get('caveats') else ''}>{cells}</tr>")
    parts.append("</table>")
    return parts


def _html_text(text: str) -> str:
    """Project prose: escaped, with `code` spans."""
    return re.sub(r"`([^`<>]+)`", r"<code>\1</code>", H.escape(text))


def _html(sections: list[Section], stamp: str) -> str:
    e = H.escape
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>Accountability report</title><style>",
             "body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:1em 0}",
             "td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;font-size:90%}th{background:#f3f3f3}",
             ".src{color:#555;font-size:85%}",
             ".caveat{display:inline-block;font-size:85%;padding:0 4px;margin:1px;border:1px dashed #b35c00;"
             "border-radius:3px;color:#8a4500;background:#fff6ec}",
             ".caveat-editorial{border-color:#6a3d9a;color:#4b2a6e;background:#f5effa}</style></head><body>",
             "<h1>Accountability report: trafficking and the immunity of international personnel in Kosovo, 2001-2004</h1>",
             f"<p>{e(stamp)}</p>",
             f"<p>{_html_text('Every row cites its sources as document (locator). ' + chr(39) + 'support' + chr(39) + ' counts the documents that state a record and the independent origins they go back to. ' + _caveat_note())}</p>"]
    for sec in sections:
        parts.append(f"<h2>{e(sec.title)}</h2><p>{_html_text(sec.intro)} ({e(sec.source)}, {len(sec.rows)} rows)</p>")
        if not sec.rows:
            parts.append("<p>No records.</p>")
        elif sec.groups:
            for heading, intro, rows in sec.groups:
                parts.append(f"<h3>{e(heading)}</h3>" + (f"<p>{_html_text(intro)}</p>" if intro else ""))
                parts += _html_table(sec.cols, rows)
        else:
            parts += _html_table(sec.cols, sec.rows)
    parts.append("</body></html>\n")
    return "\n".join(parts)
