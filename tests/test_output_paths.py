"""Output paths: no output replaces a database or a seed file, missing folders are made,
and a mistyped --db is an error instead of a fresh database."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from accgraph.cli import main
from accgraph.seeds_path import default_seeds

from conftest import SEEDS


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert isinstance(result.exception, (SystemExit, type(None))), result.exception  # never a traceback
    return result


@pytest.fixture()
def own_db(tmp_path, embedded_path):
    """A copy of the test database, so a failure here cannot damage the shared one."""
    db = tmp_path / "same.lbdb"
    shutil.copy(embedded_path, db)
    return db


@pytest.mark.parametrize("command", [["report"], ["report", "--html"], ["viz", "immunity"], ["browser", "guide"]])
def test_output_never_replaces_the_database_in_use(command, own_db):
    before = own_db.read_bytes()
    result = invoke(*command, "-o", own_db, "--db", own_db)
    assert result.exit_code == 1
    assert result.output == f"Error: refusing to write {own_db}: it is the database this command reads; " \
                            "choose another output file\n"
    assert own_db.read_bytes() == before
    assert invoke("query", "immunities", "--db", own_db, "--format", "json").exit_code == 0


def test_output_never_replaces_another_database(own_db, embedded_path, tmp_path):
    other = tmp_path / "other.lbdb"
    shutil.copy(embedded_path, other)
    result = invoke("report", "-o", other, "--db", own_db)
    assert result.exit_code == 1 and result.output.endswith("it is a LadybugDB database; choose another output file\n")


def test_output_never_replaces_a_seed_file(own_db, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    target = seeds / "sources.yaml"
    before = target.read_text()
    result = invoke("viz", "immunity", "-o", target, "--db", own_db)
    assert result.exit_code == 1
    assert result.output == f"Error: refusing to write {target}: it is a .yaml file (seeds and queries are never " \
                            "outputs); choose another output file\n"
    assert target.read_text() == before
    packaged = default_seeds() / "sources.yaml"
    result = invoke("browser", "style", "-o", packaged)
    assert result.exit_code == 1 and "it is part of the packaged seeds and queries" in result.output


def test_missing_output_folder_is_created(own_db, tmp_path):
    out = tmp_path / "new" / "deeper" / "report.md"
    result = invoke("report", "-o", out, "--db", own_db)
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("# Accountability report")


def test_unwritable_output_is_one_line(own_db, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = invoke("report", "-o", blocker / "report.md", "--db", own_db)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot write {blocker / 'report.md'}: ") and result.output.count("\n") == 1


@pytest.mark.parametrize("command", [["query", "immunities"], ["report", "-o", "{tmp}/r.md"],
                                     ["viz", "immunity", "-o", "{tmp}/v.html"], ["browser", "link", "immunities"]])
def test_explicit_db_that_does_not_exist_is_an_error(command, tmp_path):
    missing = tmp_path / "mistyped.lbdb"
    result = invoke(*[c.format(tmp=tmp_path) for c in command], "--db", missing)
    assert result.exit_code == 1
    assert result.output == f"Error: no database at {missing}; check the path, or build one there with " \
                            f"'accgraph load --db {missing}'\n"
    assert not missing.exists() and not (tmp_path / "r.md").exists()


def test_load_still_creates_an_explicit_db(tmp_path):
    db = tmp_path / "fresh" / "g.lbdb"
    result = invoke("load", "--db", db, "--seeds", SEEDS)
    assert result.exit_code == 0, result.output
    assert db.exists()
