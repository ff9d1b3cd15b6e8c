"""The click layer: exact output, one output path for three formats, one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from accgraph import queries as Q
from accgraph.cli import main
from tests.conftest import SEEDS


@pytest.fixture()
def cli(embedded_path):
    runner = CliRunner()

    def invoke(*args, db=True):
        extra = ["--db", str(embedded_path)] if db else []
        return runner.invoke(main, list(args) + extra, env={"COLUMNS": "200"}, catch_exceptions=False)

    return invoke


WAIVE_KFOR = [
    "holder,holder_kind,covered_as,verdict,reason,authority,authority_kind,instrument,provision,condition,"
    "immune_under,derivation,citations,caveats",
    "KFOR troops,PersonnelCategory,KFOR troops,immune,\"immune under UNMIK Regulation 2000/47, Regulation 2000/47 "
    "(section not cited), in force from 2000-08-18\",Commander of a national KFOR contingent,Post,"
    "UNMIK Regulation 2000/47,not specified in the sources,"
    "Immunity of KFOR personnel may be waived by the head of their national battalion.,UNMIK Regulation 2000/47,"
    "UNMIK Regulation 2000/47 grants immunity to KFOR troops; "
    "Commander of a national KFOR contingent may waive the immunity of KFOR troops,"
    '"doc-amnesty-2004 (Responsibility and accountability in Kosovo, lines 529-531); doc-amnesty-2004 '
    '(Recommendations 1(iii), lines 3096-3097); doc-amnesty-2004 (Responsibility and accountability in Kosovo, '
    'lines 532-533)",',
]


def test_query_csv_exact(cli):
    result = cli("query", "who-can-waive", "-p", "holder", "KFOR troops", "--format", "csv")
    assert result.exit_code == 0
    assert result.output.splitlines() == WAIVE_KFOR


def test_query_json_is_a_list_of_row_objects(cli):
    result = cli("query", "who-can-waive", "-p", "holder", "kfor troops", "--format", "json")
    rows = json.loads(result.output)
    assert [r["authority"] for r in rows] == ["Commander of a national KFOR contingent"]
    assert rows[0]["citations"][0]["source"] == "doc-amnesty-2004"


def test_json_is_the_default_when_not_on_a_terminal(cli):
    result = cli("query", "immunities")
    assert isinstance(json.loads(result.output), list)


def test_table_format(cli):
    result = cli("query", "who-can-waive", "-p", "holder", "KFOR troops", "--format", "table")
    lines = result.output.splitlines()
    assert lines[0].split() == ["holder", "holder_kind", "covered_as", "verdict", "reason", "authority",
                                "authority_kind", "instrument", "provision", "condition", "immune_under",
                                "derivation", "citations", "caveats"]
    assert set(lines[1]) <= {"-", " "}
    assert "Commander of a national" in result.output


def test_the_three_formats_carry_the_same_rows(cli):
    rows = json.loads(cli("query", "instruments", "--format", "json").output)
    table = list(csv.DictReader(io.StringIO(cli("query", "instruments", "--format", "csv").output)))
    assert [r["instrument"] for r in rows] == [r["instrument"] for r in table]


def test_queries_lists_every_query(cli):
    result = cli("queries", "--format", "csv", db=False)
    lines = result.output.splitlines()
    assert lines[0] == "name,category,title,parameters"
    assert "who-can-waive,immunity,\"Who can waive immunity, for whom\",\"holder?, as_of?\"" in lines
    assert "chain-of-command,structure,Chain of command and reporting line upward,\"from, as_of?\"" in lines
    assert len(lines) == 1 + len(Q.catalogue())


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "nope"], "Error: unknown query 'nope'; run 'accgraph queries' to list them"),
        (["query", "who-can-wave"], "Error: unknown query 'who-can-wave'; did you mean who-can-waive?"),
        (["query", "who-can-waive", "-p", "nope", "x"],
         "Error: query 'who-can-waive' has no parameter 'nope' (parameters: holder, as_of)"),
        (["query", "chain-of-command"], "Error: query 'chain-of-command' needs parameter 'from' (e.g. -p from 'TPIU')"),
        (["query", "case", "-p", "id", "no-such-case"], "Error: no Case matches id 'no-such-case'"),
        (["viz", "actor", "-o", "x.html"], "Error: view 'actor' needs -p name NAME"),
    ],
)
def test_errors_are_one_clear_line(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 1
    assert result.output.splitlines() == [message]


def test_neo4j_connection_failure_is_one_line():
    result = CliRunner().invoke(main, ["query", "immunities", "--backend", "neo4j", "--uri", "bolt://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot connect to Neo4j at bolt://127.0.0.1:9: ServiceUnavailable")
    assert len(result.output.splitlines()) == 1


def test_ambiguous_names_list_the_candidates():
    class TwoPosts:
        name = "test"

        def read(self, cypher, params=None):
            return [{"id": "post-a", "kind": "Post", "name": "Commander", "aliases": None, "field": "name"},
                    {"id": "post-b", "kind": "Post", "name": "commander", "aliases": None, "field": "name"}]

    with pytest.raises(Q.QueryError) as err:
        Q.resolve_name(TwoPosts(), "COMMANDER", ("Post",), "holder", "actor")
    assert str(err.value) == ("holder 'COMMANDER' is ambiguous: post-a (Post: Commander), "
                              "post-b (Post: commander); give an id")


def test_load_prints_a_summary_and_is_repeatable(tmp_path):
    db = tmp_path / "g.lbdb"
    first = CliRunner().invoke(main, ["load", "--db", str(db), "--seeds", str(SEEDS)])
    assert first.exit_code == 0, first.output
    assert "Loaded " in first.output and "nodes: " in first.output and "  MAY_WAIVE " in first.output
    second = CliRunner().invoke(main, ["load", "--db", str(db), "--seeds", str(SEEDS)])
    summary = lambda out: [l for l in out.splitlines() if not l.startswith("Loaded")]  # noqa: E731
    assert summary(second.output) == summary(first.output)


def test_load_refuses_invalid_seeds(tmp_path):
    bad = tmp_path / "seeds"
    bad.mkdir()
    (bad / "x.yaml").write_text("nodes:\n  - {id: org-x, type: Organisation, name: X}\n")
    result = CliRunner().invoke(main, ["load", "--db", str(tmp_path / "g.lbdb"), "--seeds", str(bad)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Error: 1 validation error(s); nothing was loaded"
    assert not (tmp_path / "g.lbdb").exists()


def test_report_cites_its_sources(cli, tmp_path):
    out = tmp_path / "r.md"
    assert cli("report", "-o", str(out)).exit_code == 0
    text = out.read_text()
    assert "## Impunity: allegations against people who may hold immunity" in text
    assert "| KFOR troops | Commander of a national KFOR contingent | UNMIK Regulation 2000/47 |" in text
    assert "doc-amnesty-2004 (Responsibility and accountability in Kosovo, lines 531-532)" in text
    assert "## Sources cited" in text and "| doc-osce-2001 | Background Report: Combatting Trafficking in Kosovo |" in text
    html_out = tmp_path / "r.html"
    assert cli("report", "--html", "-o", str(html_out)).exit_code == 0
    assert "<h2>Where the sources disagree</h2>" in html_out.read_text()
