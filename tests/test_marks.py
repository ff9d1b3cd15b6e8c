"""Hedged, second-hand and editorial facts are marked in every output: one rule, both backends."""

from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest
from click.testing import CliRunner

from accgraph import browser as B
from accgraph import marks as M
from accgraph import queries as Q
from accgraph import report as R
from accgraph.cli import main

OMIK_SAME_AS = ("editorial: The OSCE report (June 2001) speaks of OMiK's \"Human Rights Division\"; Amnesty (2004) "
                "of the OSCE \"Human Rights and Rule of Law Division, established in 2001\" and cites a \"Department "
                "of Human Rights and Rule of Law\" report covering September 2000 to February 2001. Read as one "
                "OMiK division; neither document says so.\n")
UNNAMED_BASIS = ("editorial: The sources state the immunity without naming its legal basis; this record stands for "
                 "that unnamed basis and carries no date.")


@pytest.fixture()
def query(backend, embedded_path):
    """Run ``accgraph query`` against the backend under test; return its output."""
    runner = CliRunner()
    target = (["--db", str(embedded_path)] if backend.name == "embedded" else
              ["--backend", "neo4j", "--uri", os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")])

    def invoke(name, *args, fmt="json"):
        result = runner.invoke(main, ["query", name, *args, "--format", fmt, *target], env={"COLUMNS": "200"},
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


def test_the_rule():
    via = [{"source": "doc-a", "at": "l 1", "via": "org-x"}]
    first = [{"source": "doc-a", "at": "l 1"}]
    assert M.caveats({"weakest_link": "hedged, second-hand", "editorial": "one case", "citations": first}) == [
        "editorial: one case", "hedged", "second-hand"]
    assert M.caveats({"weakest_link": "", "hedged": True, "citations": via}) == []  # the stored column speaks
    assert M.caveats({"hedged": True, "citations": via}) == ["hedged", "second-hand"]
    assert M.caveats({"citations": first + via}) == []
    assert R.caveats is M.caveats and R.CAVEATS is M.CAVEATS
    rows = [{"a": 1, "citations": via}]
    assert M.mark_rows(["a", "citations"], rows) == ["a", "citations", "caveats"]
    assert rows == [{"a": 1, "citations": via, "caveats": ["second-hand"]}]
    rows = [{"a": 1}]
    assert (M.mark_rows(["a"], rows), rows) == (["a"], [{"a": 1}])


def test_a_hedged_allegation_is_marked_in_json_csv_and_table(query):
    rows = {r["allegation"]: r for r in json.loads(query("allegations"))}
    colonel = rows["alg-ai-uk-lt-colonel-2000"]
    assert (colonel["hedged"], colonel["weakest_link"], colonel["caveats"]) == (True, "hedged", ["hedged"])
    assert list(colonel)[-1] == "caveats"
    table = list(csv.DictReader(io.StringIO(query("allegations", fmt="csv"))))
    by_id = {r["allegation"]: r for r in table}
    assert by_id["alg-ai-uk-lt-colonel-2000"]["caveats"] == "hedged"
    assert list(table[0])[-1] == "caveats"
    assert sorted({r["caveats"] for r in table}) == ["", "hedged", "hedged; second-hand", "second-hand"]
    header = query("allegations", fmt="table").splitlines()[0]
    assert header.split()[-1] == "caveats"


def test_an_editorial_same_as_and_an_editorial_record_are_marked(query):
    rows = json.loads(query("sources-of", "-p", "id", "unit-omik-human-rights-division"))
    assert [(r["about"], r["relation"], r["caveats"]) for r in rows] == [
        ("node", "Unit", []),
        ("edge", "PART_OF", []),
        ("edge", "SAME_AS", [OMIK_SAME_AS]),
        ("edge", "FUNDS", []),
        ("edge", "PART_OF", []),
    ]
    instruments = json.loads(query("instruments"))
    assert [(r["instrument"], r["caveats"]) for r in instruments if r["editorial"]] == [
        ("Instrument the sources do not name (immunity of other organisations)", [UNNAMED_BASIS])]
    csv_rows = list(csv.DictReader(io.StringIO(query("instruments", fmt="csv"))))
    assert [r["caveats"] for r in csv_rows if r["editorial"]] == [UNNAMED_BASIS]


def test_a_claim_known_only_via_another_organisation_is_second_hand(query):
    rows = json.loads(query("corroboration", "-p", "id", "claim-ai-cpwc-24pct-referred-police"))
    assert [(r["id"], r["weakest_link"], [c.get("via") for c in r["citations"]], r["caveats"]) for r in rows] == [
        ("claim-ai-cpwc-24pct-referred-police", "second-hand", ["org-cpwc"], ["second-hand"])]
    csv_rows = list(csv.DictReader(io.StringIO(query("corroboration", "-p", "id", "claim-ai-cpwc-24pct-referred-police",
                                                     fmt="csv"))))
    assert [r["caveats"] for r in csv_rows] == ["second-hand"]


def test_every_query_about_sourced_records_ends_with_caveats(backend):
    counts = {}
    for name, q in sorted(Q.catalogue().items()):
        params = {p.name: p.example for p in q.params if p.required}
        columns, rows = Q.run(backend, q, params)
        assert "citations" in columns, name
        assert columns[-1] == "caveats", name
        assert all(r["caveats"] == sorted(r["caveats"]) == M.caveats(r) for r in rows), name
        counts[name] = sum(1 for r in rows if r["caveats"])
    assert counts == {
        "accountability-gaps": 35, "actor": 21, "allegations": 46, "case": 6, "chain-of-command": 2,
        "corroboration": 212, "disputes": 251, "immunities": 1, "instruments": 4, "recommendations": 2,
        "referral-pathway": 13, "sources-of": 6, "timeline": 55, "who-can-waive": 1,
    }


def test_the_queries_compute_the_same_marks_in_cypher(backend):
    """What the Browser shows from the raw Cypher is what accgraph prints."""
    checked = 0
    for name, q in sorted(Q.catalogue().items()):
        if "citations" not in Q.declared_columns(q):  # a derived query returns whole records
            assert q.derive, name
            continue
        params = Q.bind(backend, q, {p.name: p.example for p in q.params if p.required})
        raw = backend.read(q.body_for(backend.name), params)
        assert Q.declared_columns(q)[-1] == "caveats", name
        for row in raw:
            assert row["caveats"] == M.caveats(Q.normalise_row(row)), (name, row)
            checked += bool(row["caveats"])
    assert checked == 618


def test_the_browser_guide_explains_the_marks(embedded):
    cat = Q.catalogue()
    page = B.guide_html(cat, B.example_params(embedded, cat))
    slides = re.findall(r"<slide.*?</slide>", page, re.S)
    intro = slides[0]
    for key, meaning in M.CAVEATS:
        assert f"<li><b>{key}</b>: {meaning.replace(chr(39), '&#x27;')}</li>" in intro
    assert "<code>caveats</code>" in intro
    marked = {re.search(r"<p><code>([a-z-]+)</code>", s).group(1): s for s in slides[1:] if 'class="marks"' in s}
    assert sorted(marked) == sorted(cat)
    for name, s in marked.items():
        assert "<b>hedged</b>" in s and "<b>second-hand</b>" in s and "<b>editorial</b>" in s
        if "caveats" not in Q.declared_columns(cat[name]):
            assert cat[name].derive
            assert "<code>weakest_link</code>" in s and "as properties" in s
        else:
            assert "the last column, <code>caveats</code>" in s
