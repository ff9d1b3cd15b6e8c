"""The report: impunity verdicts with reasons, corroboration, the timeline, and visible caveats; both backends."""

from __future__ import annotations

import re

from accgraph import report as R


def test_caveats_mark_hedged_second_hand_and_editorial():
    via = [{"source": "doc-a", "at": "l 1", "via": "org-x"}]
    first = [{"source": "doc-a", "at": "l 1"}]
    assert R.caveats({"weakest_link": "hedged, second-hand", "citations": first}) == ["hedged", "second-hand"]
    assert R.caveats({"weakest_link": "", "hedged": True, "citations": via}) == []  # the column speaks
    # rows without the column: hedged from the record, second-hand from the citations
    assert R.caveats({"hedged": True, "citations": via}) == ["hedged", "second-hand"]
    assert R.caveats({"citations": first + via}) == []
    assert R.caveats({"editorial": "read as one case", "citations": first}) == ["editorial: read as one case"]
    assert R.support({"n_sources": 2, "n_origins": 1}) == "2 documents, 1 origin"
    assert R.support({"n_sources": 1}) is None


def test_impunity_rows_are_grouped_by_gap():
    rows = [{"allegation": a, "gap": g} for a, g in [
        ("a1", "no"), ("a2", "yes"), ("a3", "not applicable: institutional policy"), ("a4", "possibly"),
        ("a5", "unknown"), ("a6", "yes"), ("a7", True), ("a8", "strange")]]
    groups = [(h, [r["allegation"] for r in rows]) for h, _, rows in R.impunity_groups(rows)]
    assert groups == [
        ("Immunity gaps (3)", ["a2", "a6", "a7"]),
        ("Possible immunity gaps (1)", ["a4"]),
        ("Immunity unknown (1)", ["a5"]),
        ("Not gaps (1)", ["a1"]),
        ("Institutional policy failures (1)", ["a3"]),
        ("Gap: strange (1)", ["a8"]),
    ]


def section(text: str, title: str) -> str:
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def without_stamp(text: str) -> str:
    return re.sub(r"Data version .*?; report written [0-9-]+\.", "", text)


def test_the_report_marks_and_corroborates(backend):
    text = R.build(backend)
    allegations = section(text, "All allegations")
    row = next(line for line in allegations.splitlines() if "French KFOR reportedly patronised" in line)
    assert row.split(" | ")[-3:-1] == ["1 document, 1 origin", "hedged; second-hand"]
    corroboration = section(text, "Corroboration: documents and independent origins")
    row = next(line for line in corroboration.splitlines() if "UNMIK has failed to implement an administrative" in line)
    assert row.split(" | ")[2:7] == ["2", "doc-amnesty-2004; doc-homeoffice-cib-2004", "1", "doc-amnesty-2004",
                                     "second-hand"]
    assert "go back to fewer independent origins than documents" in corroboration
    timeline = section(text, "Timeline")
    dates = [line.split(" | ")[0].strip("| ") for line in timeline.splitlines() if line.startswith("| ")][2:]
    assert dates == sorted(dates) and len(dates) > 100
    assert "| 2000-08-18 | instrument issued | UNMIK Regulation 2000/47 | UNMIK/REG/2000/47 |" in timeline
    assert "Marks: hedged = the sources hedge it" in text


def test_the_html_report_shows_caveats(backend):
    page = R.build(backend, html=True)
    assert "<h2>Timeline</h2>" in page and "<h2>Corroboration: documents and independent origins</h2>" in page
    assert page.count("<span class='caveat caveat-second-hand'>second-hand</span>") > 50
    assert "<code>accgraph explain ID</code>" in page


def test_both_backends_write_the_same_report(embedded, neo4j):
    assert without_stamp(R.build(embedded)) == without_stamp(R.build(neo4j))


def groups(text: str) -> dict[str, list[list[str]]]:
    """The impunity section's groups: heading (without its count) -> rows split into cells."""
    out: dict[str, list[list[str]]] = {}
    heading = None
    for line in section(text, "Impunity: allegations against people who may hold immunity").splitlines():
        if line.startswith("### "):
            heading = re.sub(r" \(\d+\)$", "", line[4:])
            out[heading] = []
        elif heading and line.startswith("| ") and not line.startswith("| date |"):
            out[heading].append(line.strip("| ").split(" | "))
    return out


def test_the_impunity_section_reads_as_verdicts_with_reasons(backend):
    g = groups(R.build(backend))
    assert list(g) == ["Immunity gaps", "Possible immunity gaps", "Immunity unknown", "Not gaps",
                       "Institutional policy failures"]
    cols = ["date", "summary", "accused", "verdict", "reason", "could_waive", "waiver", "outcome", "support"]

    def row(heading, summary_start):
        found = [dict(zip(cols, r)) for r in g[heading] if r[1].startswith(summary_start)]
        assert len(found) == 1, (heading, summary_start)
        return found[0]

    peja = row("Not gaps", "Pakistani UNMIK officer")
    assert (peja["date"], peja["verdict"], peja["could_waive"], peja["waiver"]) == (
        "2003-06", "immune", "UN Secretary-General", "granted")
    assert peja["reason"].startswith("immune under UNMIK Regulation 2000/47")
    carabinieri = row("Immunity unknown", "Carabinieri failed to arrest brothel owners")
    assert (carabinieri["date"], carabinieri["verdict"]) == ("1999", "unknown")
    assert carabinieri["reason"].startswith("UNMIK Regulation 2000/47 entered into force on 2000-08-18, after the "
                                            "allegation's date (1999)")
    registration = row("Institutional policy failures", "TPIU registration left trafficked women in bars")
    assert registration["verdict"] == "possibly immune" and "mixed status" in registration["reason"]
    # no 1999 allegation is an immunity gap under a regulation of August 2000
    assert not [r for r in g["Immunity gaps"] if r[0].startswith("1999")]
