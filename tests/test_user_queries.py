"""User query folders: --queries DIR and $ACCGRAPH_QUERIES, beside the packaged queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from accgraph import browser, queries
from accgraph.cli import main

RUNS = """// name: run-by
// title: Who runs a facility
// category: support
// description: The organisations and units that run a facility.
// parameters:
//   - name: facility
//     description: A facility (id, name or alias).
//     required: true
//     example: ISF
//     resolve: Facility
MATCH (o)-[:RUNS]->(f:Facility)
WHERE f.id = $facility
RETURN o.id AS id, o.name AS name
ORDER BY id
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "run-by.cypher").write_text(RUNS, encoding="utf-8")
    yield tmp_path
    queries.configure()


def test_user_query_runs_beside_the_packaged_ones(backend, folder):
    queries.configure([folder])
    cat = queries.catalogue()
    assert "run-by" in cat and "who-can-waive" in cat
    cols, rows = queries.run(backend, queries.get("run-by"), {"facility": "Interim Secure Facility"})
    assert (cols, rows) == (["id", "name"], [{"id": "org-unmik", "name": "UN Interim Administration Mission in Kosovo"},
                                             {"id": "unit-vaau", "name": "Victims Advocacy and Assistance Unit"}])


def test_cli_lists_runs_and_links_user_queries(embedded_path, folder, monkeypatch):
    runner = CliRunner()
    db = ["--db", str(embedded_path)]
    listed = runner.invoke(main, ["--queries", str(folder), "queries", "--format", "csv"])
    assert listed.exit_code == 0 and "run-by,support,Who runs a facility,facility\n" in listed.output
    ran = runner.invoke(main, ["--queries", str(folder), "query", "run-by", "-p", "facility", "ISF",
                               "--format", "csv", *db])
    assert (ran.exit_code, ran.output) == (0, "id,name\norg-unmik,UN Interim Administration Mission in Kosovo\n"
                                              "unit-vaau,Victims Advocacy and Assistance Unit\n")
    monkeypatch.setenv(queries.QUERIES_ENV, str(folder))
    link = runner.invoke(main, ["browser", "link", "run-by", "-p", "facility", "ISF", *db])
    assert link.exit_code == 0 and "fac-interim-secure-facility" in link.output
    guide = runner.invoke(main, ["browser", "guide", *db])
    assert guide.exit_code == 0 and "<h3>Who runs a facility</h3>" in guide.output
    assert browser.editor_text(queries.get("run-by"), {"facility": "x"}).startswith("MATCH (o)-[:RUNS]->")


def test_bad_header_is_a_file_level_error(folder):
    (folder / "broken.cypher").write_text("// name: broken\n// title: T\nRETURN 1 AS x\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["--queries", str(folder), "queries"])
    assert res.exit_code == 1
    assert res.output == f"Error: {folder / 'broken.cypher'}: header needs 'description'; header needs 'category'\n"


def test_user_query_cannot_shadow_a_packaged_one_without_override(embedded_path, folder):
    (folder / "actor.cypher").write_text(RUNS.replace("name: run-by", "name: actor"), encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["--queries", str(folder), "query", "actor", "-p", "facility", "ISF"])
    assert res.exit_code == 1
    assert res.output == (f"Error: {folder / 'actor.cypher'}: query 'actor' has the name of a packaged query; "
                          "rename it, or add --override-packaged to run it in place of the packaged one\n")
    res = runner.invoke(main, ["--queries", str(folder), "--override-packaged", "query", "actor", "-p", "facility",
                               "ISF", "--format", "csv", "--db", str(embedded_path)])
    assert res.exit_code == 0 and res.output.startswith("id,name\norg-unmik,")


def test_missing_folder_is_an_error(tmp_path):
    res = CliRunner().invoke(main, ["--queries", str(tmp_path / "nope"), "queries"])
    assert res.exit_code == 1 and res.output == f"Error: query folder not found: {tmp_path / 'nope'}\n"
    queries.configure()
