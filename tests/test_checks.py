"""Validator checks: id patterns, warnings and their acceptance, locators against the documents,
same relations, orphans, probable duplicates and the line-range fixer.  Each with its exact message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from accgraph.cli import main
from accgraph.loader import duplicates
from accgraph.loader import locators as L
from accgraph.loader import validate as v

BAD = Path(__file__).parent / "bad"
SOURCES = BAD / "sources"

#: case -> (errors, warnings not accepted)
EXPECTED = {
    "accepted.yaml": ([], []),
    "bad-accept.yaml": (["bad-accept.yaml:5: nodes[0].accept[0]: unknown check 'orphans' (known: empty-file, orphan, same-relation, locator-range, locator-section, locator-lines, probable-duplicate, unused-accept)", "bad-accept.yaml:5: nodes[0].accept[1]: expected 'check: reason', got 'no reason given'"], ["bad-accept.yaml:2: nodes[0]: warning: node 'org-b' has no edges [orphan]"]),
    "locator-lines.yaml": ([], ["locator-lines.yaml:5: nodes[0].cite[0].at: warning: locator 'Complaints' names no line numbers [locator-lines]"]),
    "locator-missed.yaml": ([], ['locator-missed.yaml:5: nodes[0].cite[0].at: warning: quote is not within line 17 of report.txt; it is at line 13 [locator-range]']),
    "locator-no-heading.yaml": ([], ["locator-no-heading.yaml:5: nodes[0].cite[0].at: warning: 'Victim assistance, line 13': report.txt has no heading 'victim assistance' [locator-section]"]),
    "locator-para.yaml": ([], ["locator-para.yaml:5: nodes[0].cite[0].at: warning: 'para 1.1, line 7': line 7 is not in para 1.1; it is in para 1.2 [locator-section]"]),
    "locator-range.yaml": ([], ['locator-range.yaml:5: nodes[0].cite[0].at: warning: quote is not within line 7 of report.txt; it is at lines 7-8 [locator-range]']),
    "locator-section.yaml": ([], ["locator-section.yaml:5: nodes[0].cite[0].at: warning: 'Outcomes, line 13': line 13 is not under 'Outcomes'; it is under 'Complaints' [locator-section]"]),
    "orphan.yaml": ([], ["orphan.yaml:2: nodes[0]: warning: node 'org-b' has no edges [orphan]"]),
    "same-relation.yaml": ([], ['same-relation.yaml:8: edges[1]: warning: same relation REPORTS_TO org-a -> org-b as at same-relation.yaml:7 [same-relation]', 'same-relation.yaml:9: edges[2]: warning: same relation REPORTS_TO org-a -> org-b as at same-relation.yaml:7 (with different properties) [same-relation]']),
    "unused-accept.yaml": ([], ["unused-accept.yaml:2: nodes[0].accept[0]: warning: accepts 'orphan' but the check finds nothing here; remove the entry [unused-accept]", "unused-accept.yaml:2: nodes[0].accept[1]: warning: accepts 'locator-range' but the check finds nothing here; remove the entry [unused-accept]"]),
    "source-outside.yaml": (["source-outside.yaml:7: nodes[0].file: source file '../base.yaml' is outside the sources directory"], []),
}


def _workdir(tmp_path: Path, monkeypatch, *cases: str) -> None:
    shutil.copy(BAD / "base.yaml", tmp_path / "base.yaml")
    shutil.copy(BAD / "report-source.yaml", tmp_path / "report-source.yaml")
    for case in cases:
        shutil.copy(BAD / "checks" / case, tmp_path / case)
    monkeypatch.chdir(tmp_path)


def test_every_check_case_has_an_expectation():
    assert sorted(p.name for p in (BAD / "checks").glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_gives_its_exact_message(case, tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch, case)
    ds = v.read(Path("."), SOURCES)
    assert ([str(i) for i in ds.issues], _warnings(ds)) == EXPECTED[case]


def _warnings(ds) -> list[str]:
    """The warnings of a case; the shared base's orphan acceptance is unused in cases that link its node."""
    return [str(w) for w in ds.warnings if not (w.file == "base.yaml" and w.code == "unused-accept")]


def test_warnings_print_but_do_not_block(tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch, "orphan.yaml")
    result = CliRunner().invoke(main, ["validate", "."])
    assert result.exit_code == 0
    assert result.output.splitlines() == EXPECTED["orphan.yaml"][1] + ["ok: 3 files, 4 nodes, 0 edges; 1 warning(s)"]
    strict = CliRunner().invoke(main, ["validate", ".", "--strict"])
    assert strict.exit_code == 1 and strict.output.splitlines()[-1] == "Error: 1 warning(s) not accepted in 3 file(s)"


def test_accepted_warnings_are_listed_on_request(tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch, "accepted.yaml")
    result = CliRunner().invoke(main, ["validate", ".", "--accepted"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "accepted.yaml:2: nodes[0]: warning: node 'org-b' has no edges [orphan] "
        "(accepted: the council is named only as a place of appeal)",
        "base.yaml:11: nodes[1]: warning: node 'org-a' has no edges [orphan] "
        "(accepted: the minimal graph needs no relations)",
        "ok: 3 files, 4 nodes, 0 edges; 2 accepted",
    ]


def test_same_relation_merges_citations_unless_properties_differ(tmp_path, monkeypatch):
    """Referral steps for different victims are different relations: no warning, no merge."""
    _workdir(tmp_path, monkeypatch, "same-relation.yaml")
    ds = v.read(Path("."), SOURCES)
    assert [(e.id, e.data.get("hedged"), [c["at"] for c in e.data["cite"]]) for e in ds.edges] == [
        ("reports_to:org-a:org-b", None, ["lines 2-3", "para 1.2, line 7"]),
        ("reports_to:org-a:org-b:hedged", True, ["line 2"]),
        ("refers_victims_to:org-a:org-b", None, ["line 2"]),
        ("refers:org-a:org-b:any", None, ["line 2"]),
    ]
    assert [e.id for e in ds.merged] == ["reports_to:org-a:org-b:again"]
    assert len(ds.all_edges) == 5


def test_fix_locators_rewrites_only_the_line_ranges(tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch, "locator-range.yaml", "locator-missed.yaml")
    before = {n: (tmp_path / n).read_bytes() for n in ("locator-range.yaml", "locator-missed.yaml")}
    result = CliRunner().invoke(main, ["validate", ".", "--sources-dir", str(SOURCES), "--fix-locators"])
    assert result.exit_code == 0
    moved = ("locator-missed.yaml:5: nodes[0].cite[0].at: warning: 'Outcomes, line 13': line 13 is not under "
             "'Outcomes'; it is under 'Complaints' [locator-section]")
    unused = ("base.yaml:11: nodes[1].accept[0]: warning: accepts 'orphan' but the check finds nothing here; "
              "remove the entry [unused-accept]")
    assert result.output.splitlines() == ["fixed 2 line range(s)", unused, moved,
                                          "ok: 4 files, 5 nodes, 2 edges; 2 warning(s)"]
    assert (tmp_path / "locator-range.yaml").read_bytes() == before["locator-range.yaml"].replace(
        b'at: "para 1.2, line 7"', b'at: "para 1.2, lines 7-8"')
    assert (tmp_path / "locator-missed.yaml").read_bytes() == before["locator-missed.yaml"].replace(
        b'at: "Outcomes, line 17"', b'at: "Outcomes, line 13"')
    # the moved range now lands under another heading: that is reported, never guessed


def test_fix_locators_needs_the_documents(tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["validate", ".", "--fix-locators"])
    assert result.exit_code == 1 and result.output == "Error: --fix-locators needs --sources-dir\n"


def test_probable_duplicates_are_listed_until_linked(tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch)
    case = ("nodes:\n  - id: {id}\n    type: Case\n    name: Break-in at the council office\n    date: 2003-01\n"
            "    place: Pristina\n    cite: [{{source: doc-report, at: 'line 13', quote: 'Three complaints reached"
            " the Council in 2003 about the'}}]\n")
    (tmp_path / "one.yaml").write_text(case.format(id="case-break-in"))
    (tmp_path / "two.yaml").write_text(case.format(id="case-office-break-in").replace("Break-in at", "The break-in at"))
    ds = v.read(Path("."), SOURCES)
    assert duplicates.listing(ds) == [
        "one.yaml:2: nodes[0]: probable-duplicate: 'case-break-in' and 'case-office-break-in' (Case; same date "
        "2003-01; same place Pristina; names share break, council, office; quotes overlap) also at two.yaml:2"]
    with (tmp_path / "two.yaml").open("a") as f:
        f.write("edges:\n  - {type: SAME_AS, from: case-office-break-in, to: case-break-in, "
                "cite: [{source: doc-report, at: 'line 13'}]}\n")
    result = CliRunner().invoke(main, ["validate", ".", "--duplicates"])
    assert result.exit_code == 0 and "probable-duplicate" not in result.output


@pytest.mark.parametrize("at, ranges", [
    ("line 6", [(6, 6)]),
    ("para 2.8, lines 46-48", [(46, 48)]),
    ("header, lines 7 and 130-131", [(7, 7), (130, 131)]),
    ("footnote 3, line 12", [(12, 12)]),
    ("Overview para H", []),
])
def test_cited_ranges(at, ranges):
    assert L.cited_ranges(at) == ranges


def test_document_map_of_the_test_report():
    lines = (SOURCES / "report.txt").read_text().split("\n")
    st = L.structure(lines, "other")
    assert [m.text for m in st.headings[13]] == ["2. Findings", "Complaints"]
    assert [m.number for m in st.paras[8]] == ["1.2"]
    assert [m.text for m in st.headings[17]] == ["2. Findings", "Outcomes"]


def test_press_release_paragraphs_are_counted():
    lines = ["REF/1", "Tuesday, 6 May 2004", "", "A short title of the statement", "",
             "PLACE - The first paragraph of the statement is long enough to count as one.", "",
             "The second paragraph of the statement is also long enough to be counted as one.", ""]
    st = L.structure(lines, "press_release")
    assert [m.number for m in st.paras[6]] == ["1"] and [m.number for m in st.paras[8]] == ["2"]
    assert st.paras[4] == ()


def test_the_seeds_have_no_warnings_left_unaccepted():
    """Every locator holds its quote under the heading it names; every other warning is accepted with a reason."""
    from tests.conftest import SEEDS, SOURCES as DOCUMENTS

    if not DOCUMENTS.is_dir():
        pytest.skip("the source documents are not beside the project")
    ds = v.read(SEEDS, DOCUMENTS)
    assert [str(i) for i in ds.issues] == []
    assert [str(w) for w in ds.warnings] == []
    assert all(w.reason for w in ds.accepted)


def test_unused_accept_is_judged_only_where_its_check_ran(tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch, "unused-accept.yaml")
    ds = v.read(Path("."))  # no sources folder: the locator checks did not run
    assert _warnings(ds) == EXPECTED["unused-accept.yaml"][1][:1]


def test_load_counts_the_warnings_it_does_not_block_on(tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch, "orphan.yaml")
    result = CliRunner().invoke(main, ["load", "--db", str(tmp_path / "g.lbdb"), "--seeds", "."])
    assert result.exit_code == 0, result.output
    assert "1 validation warning(s) not accepted; 'accgraph validate .' lists them" in result.stderr.splitlines()
