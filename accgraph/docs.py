"""Documentation generated from the schema and the query catalogue.

``docs/data-model.md`` keeps its prose by hand; the part between the
``BEGIN``/``END`` markers is generated.  ``docs/queries.md`` is generated in
full.  ``accgraph docs`` rewrites both; the tests fail when they drift.
"""

from __future__ import annotations

from pathlib import Path

from accgraph import queries, schema as S

BEGIN = "<!-- BEGIN GENERATED: schema (accgraph docs) -->"
END = "<!-- END GENERATED: schema -->"


def _prop_rows(props) -> list[str]:
    rows = ["| property | type | required | meaning |", "|---|---|---|---|"]
    for p in props:
        t = S.PROP_TYPES[p.type][1]
        if p.enum:
            t += ": " + ", ".join(f"`{e}`" for e in p.enum)
        if p.ref:
            t += " (" + " or ".join(p.ref) + ")"
        rows.append(f"| `{p.name}` | {t} | {'yes' if p.required else ''} | {p.doc} |")
    return rows


def schema_markdown() -> str:
    out = [BEGIN, "", "### Properties every node may carry", ""]
    out += _prop_rows(S.NODE_COMMON)
    out += ["", "### Properties every edge may carry", ""]
    out += _prop_rows(S.EDGE_COMMON)
    out += ["", "### Citations (`cite`, required on every node and edge)", ""]
    out += _prop_rows(S.CITATION_KEYS)
    out += ["", f"A quote has at most {S.MAX_QUOTE_WORDS} words.", "",
            "### Columns the loader adds", ""]
    out += _prop_rows(S.EDGE_KEYS[1:] + S.DERIVED)
    out += ["", "### Node types", "", "| type | group | colour, shape | what it is |", "|---|---|---|---|"]
    for nt in S.NODE_TYPES:
        out.append(f"| `{nt.name}` | {nt.group} | {nt.color} {nt.shape} | {nt.doc} |")
    for nt in S.NODE_TYPES:
        if nt.props:
            out += ["", f"#### {nt.name}", "", nt.doc, ""]
            out += _prop_rows(nt.props)
    out += ["", "### Edge types", "", "| type | reads as | from | to | what it records |", "|---|---|---|---|---|"]
    for et in S.EDGE_TYPES:
        for sources, targets in et.endpoints:
            out.append(f"| `{et.name}` | {et.sentence} | {', '.join(sources)} | {', '.join(targets)} | {et.doc} |")
    for et in S.EDGE_TYPES:
        if et.props:
            out += ["", f"#### {et.name}", "", et.doc, ""]
            out += _prop_rows(et.props)
    out += ["", END]
    return "\n".join(out)


VERDICTS_TEXT = """## How the immunity verdicts are reached

`accountability-gaps`, `who-can-waive` and `immunities` do not answer a flat
yes or no. Each walks from the accused (or the holder) up its memberships,
posts, part-of and category links to a category that an instrument grants
immunity to, and judges that route at a date: the allegation's own date, or
`as_of`. A partial date is the whole period it names (`2001` is 1 January to
31 December 2001). A grant applies from its own `start`, else its
instrument's `start` or `date` (entry into force), until its own `end`, its
instrument's `end` or the date of an instrument that `SUPERSEDES` it.

- **immune**: every link holds firmly and the grant was in force for the whole
  of the date;
- **possibly immune**: the date straddles the entry into force, the allegation
  is undated, a link is hedged or is the project's identification, a grant is
  only partial, or the unit is of mixed status (an `IN_CATEGORY` link with
  `partial: true`, as the TPIU, staffed by UNMIK police and Kosovo Police
  Service officers): it depends on the individual;
- **unknown**: the date lies before (or after) every instrument the sources name
  for that category; the sources do not say, so the graph does not either;
- **not immune**: no grant of immunity is recorded on any route.

Of several routes the firmest counts, and its reason is given. The gap column
follows the verdict: `yes` for an immune accused with neither a waiver granted
nor a charge, trial or verdict on record, `possibly` and `unknown` likewise,
`no` when a waiver was granted or charges followed, and `not applicable:
institutional policy` for allegations with `allegation_kind:
institutional_policy`, to which no waiver applies. Every verdict carries its
`derivation`: the route step by step, each step with its citations;
`accgraph explain ID` prints it as sentences, `--format json` as data. The
logic lives in `accgraph/verdicts.py` and runs on the rows both backends
return, so both give the same answer.

Worked example: in the Pejë/Peć case of June 2003 a Pakistani UNMIK police
officer (1) falls in the category UNMIK police officers, (2) which is part of
UNMIK personnel, (3) to whom UNMIK Regulation 2000/47 grants immunity, in
force from 18 August 2000; June 2003 lies wholly after that date, so the
verdict is **immune**. (4) The UN Secretary-General may waive that immunity
(Section 6); the record shows the waiver granted and a charge, so the gap is
**no**. The same route for UNIFEM's 1999 reports about KFOR soldiers ends at
the same regulation, which did not yet exist: the verdict is **unknown**, not
immune, because the sources name no earlier instrument for KFOR.
"""


def queries_markdown() -> str:
    out = ["# Canned queries", "",
           "Generated from the headers of the files in `cypher/` by `accgraph docs`; do not edit by hand.", "",
           "Run one with `accgraph query NAME -p PARAM VALUE --format table|json|csv`. Names given as",
           "parameters resolve by id, name or alias, ignoring case.", ""]
    cat = queries.catalogue()
    by_cat: dict[str, list] = {}
    for q in cat.values():
        by_cat.setdefault(q.category, []).append(q)
    out += ["| query | category | title |", "|---|---|---|"]
    for q in cat.values():
        out.append(f"| [`{q.name}`](#{q.name}) | {q.category} | {q.title} |")
    out += ["", VERDICTS_TEXT.rstrip()]
    for category in sorted(by_cat):
        out += ["", f"## {category}"]
        for q in by_cat[category]:
            out += ["", f"### {q.name}", "", f"**{q.title}**", "", q.description, ""]
            if q.params:
                out += ["| parameter | required | example | meaning |", "|---|---|---|---|"]
                for p in q.params:
                    out.append(f"| `{p.name}` | {'yes' if p.required else 'no'} | `{p.example or ''}` | {p.description} |")
                out.append("")
                example = " ".join(f"-p {p.name} {_shell(p.example)}" for p in q.params if p.example)
            else:
                out += ["No parameters.", ""]
                example = ""
            out += ["```sh", f"accgraph query {q.name} {example}".rstrip(), "```", "",
                    f"Source: `cypher/{q.path.name}`" + (" (with a LadybugDB variant)" if q.ladybug_cypher else "")
                    + (" (with LadybugDB join-order hints)" if queries.HINT_MARK.search(q.cypher) else "")
                    + (f"; the answer is derived from its rows by `accgraph/verdicts.py` ({q.derive})"
                       if q.derive else "")]
    return "\n".join(out) + "\n"


def _shell(value: str | None) -> str:
    if value is None:
        return ""
    return value if value.replace("-", "").replace("_", "").isalnum() else "'" + value.replace("'", "'\\''") + "'"


def data_model_with_schema(current: str) -> str:
    """``current`` with its generated section replaced by the schema tables."""
    if BEGIN not in current or END not in current:
        raise ValueError("docs/data-model.md lacks the generated-section markers")
    head, rest = current.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + schema_markdown() + tail


def stale(docs_dir: Path) -> dict[Path, str]:
    """Generated files whose content differs from what they should be."""
    dm, qm = docs_dir / "data-model.md", docs_dir / "queries.md"
    wanted = {dm: data_model_with_schema(dm.read_text(encoding="utf-8")), qm: queries_markdown()}
    return {p: text for p, text in wanted.items() if not p.exists() or p.read_text(encoding="utf-8") != text}


def write_all(docs_dir: Path) -> list[Path]:
    out = stale(docs_dir)
    for path, text in out.items():
        path.write_text(text, encoding="utf-8")
    return list(out)
