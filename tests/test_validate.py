"""Validation: every kind of error in the bad corpus gets its exact message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from accgraph.cli import main
from accgraph.loader import validate as v

BAD = Path(__file__).parent / "bad"

EXPECTED = {
    "unknown-key.yaml": ["unknown-key.yaml:5: nodes[0].colour: unknown key 'colour'"],
    "bad-value-type.yaml": ["bad-value-type.yaml:5: nodes[0].anonymous: expected true or false, got 'sometimes'"],
    "bad-date.yaml": ["bad-date.yaml:5: nodes[0].date: '2001-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"],
    "bad-enum.yaml": [
        "bad-enum.yaml:5: nodes[0].status: 'rumoured' is not one of: alleged, substantiated, denied, unresolved"
    ],
    "unknown-node-type.yaml": [
        "unknown-node-type.yaml:3: nodes[0].type: unknown node type 'Thing' (known: Source, Organisation, Unit, "
        "Person, Post, PersonnelCategory, Instrument, Facility, Case, Event, Allegation, Topic, Claim, Recommendation)"
    ],
    "missing-required.yaml": ["missing-required.yaml:2: nodes[0]: missing required key 'question'"],
    "duplicate-id.yaml": ["duplicate-id.yaml:2: nodes[0].id: duplicate id 'org-a' (first defined at base.yaml:11)"],
    "dangling-reference.yaml": ["dangling-reference.yaml:4: edges[0].to: unknown id 'org-missing'"],
    "edge-endpoint.yaml": ["edge-endpoint.yaml:2: edges[0]: HOLDS_POST cannot go from Organisation to Source"],
    "shared-alias.yaml": [
        "shared-alias.yaml:5: nodes[0].aliases[0]: name or alias 'am' is shared by 'org-a' (base.yaml:11) and 'org-am'"
    ],
    "no-citation.yaml": [
        "no-citation.yaml:2: nodes[0]: no citation: every fact needs 'cite' with at least one source and locator"
    ],
    "unknown-source.yaml": [
        "unknown-source.yaml:5: nodes[0].cite[0].source: 'org-a' is of type Organisation; expected Source"
    ],
    "long-quote.yaml": [
        "long-quote.yaml:8: nodes[0].cite[0].quote: quote has 26 words; at most 25 allowed",
        "long-quote.yaml:8: nodes[0].cite[0].quote: quote not found in doc.txt",
    ],
    "quote-not-found.yaml": ["quote-not-found.yaml:5: nodes[0].cite[0].quote: quote not found in doc.txt"],
    "yaml-syntax.yaml": ["yaml-syntax.yaml:5: YAML syntax error: did not find expected ',' or ']'"],
}


def test_every_bad_file_has_an_expectation():
    assert sorted(p.name for p in (BAD / "cases").glob("*.yaml")) == sorted(EXPECTED)


def _workdir(tmp_path: Path, case: str, monkeypatch) -> None:
    shutil.copy(BAD / "base.yaml", tmp_path / "base.yaml")
    shutil.copy(BAD / "cases" / case, tmp_path / case)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_file_gives_its_exact_message(case, tmp_path, monkeypatch):
    _workdir(tmp_path, case, monkeypatch)
    ds = v.read(Path("."), BAD / "sources")
    assert [str(i) for i in ds.issues] == EXPECTED[case]


@pytest.mark.parametrize("case", ["unknown-key.yaml", "dangling-reference.yaml"])
def test_cli_reports_errors_and_exits_non_zero(case, tmp_path, monkeypatch):
    _workdir(tmp_path, case, monkeypatch)
    result = CliRunner().invoke(main, ["validate", ".", "--sources-dir", str(BAD / "sources")])
    assert result.exit_code == 1
    assert result.output.splitlines() == EXPECTED[case] + ["Error: 1 error(s) in 2 file(s)"]


def test_all_errors_are_reported_not_just_the_first(tmp_path, monkeypatch):
    shutil.copy(BAD / "base.yaml", tmp_path / "base.yaml")
    for case in ("unknown-key.yaml", "bad-date.yaml", "dangling-reference.yaml", "bad-enum.yaml"):
        shutil.copy(BAD / "cases" / case, tmp_path / case)
    monkeypatch.chdir(tmp_path)
    ds = v.read(Path("."), BAD / "sources")
    assert len(ds.issues) == 4


def test_the_base_graph_is_valid_and_quotes_ignore_whitespace_and_case(tmp_path, monkeypatch):
    shutil.copy(BAD / "base.yaml", tmp_path / "base.yaml")
    monkeypatch.chdir(tmp_path)
    ds = v.read(Path("."), BAD / "sources")
    assert ds.issues == []
    assert v.normalise_text("The  ALPHA\nmission") in v.normalise_text((BAD / "sources" / "doc.txt").read_text())


def test_partial_dates():
    assert v.check_date("2001") and v.check_date("2001-02") and v.check_date("2004-02-29")
    assert not v.check_date("2001-02-30") and not v.check_date("01-2001") and not v.check_date("2001-00")


def test_validate_cli_ok_message(tmp_path, monkeypatch):
    shutil.copy(BAD / "base.yaml", tmp_path / "base.yaml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "."])
    assert result.exit_code == 0
    assert result.output == "ok: 1 files, 2 nodes, 0 edges\n"
