"""First use: the database a fresh install builds (COPY FROM Parquet) is the graph the UNWIND statements build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from accgraph.loader import load as L
from accgraph.loader import rows as R
from accgraph.loader.backends import EmbeddedBackend, build_embedded, meta_record

CLI = [sys.executable, "-c", "import sys; from accgraph.cli import main; sys.exit(main())"]


def whole_graph(be: EmbeddedBackend) -> tuple:
    """Every node and relationship of every table (the derived indexes and the bookkeeping record
    included), with its label and all its properties, in a stable order."""

    def key(item: dict) -> str:
        return json.dumps(item, sort_keys=True, default=str)

    nodes = [{"label": r["label"], **r["n"]} for r in be.read("MATCH (n) RETURN label(n) AS label, n")]
    rels = [
        {"type": r["type"], "from": r["src"], "to": r["dst"], **r["r"]}
        for r in be.read("MATCH (a)-[r]->(b) RETURN label(r) AS type, a.id AS src, b.id AS dst, r")
    ]
    for n in nodes:
        n.pop("loaded_at", None)  # the bookkeeping record's time of load
    return sorted(nodes, key=key), sorted(rels, key=key)


@pytest.fixture(scope="module")
def unwind_graph(tmp_path_factory):
    """The packaged seeds written by batched UNWIND statements, as merge loads and Neo4j write them."""
    ds = L.read_valid(None)
    node_rows, edge_rows = R.dataset_rows(ds)
    R.add_term_rows(node_rows, edge_rows)
    path = tmp_path_factory.mktemp("unwind") / "unwind.lbdb"
    meta = meta_record(L.data_digest(ds), L.origin_of(None))
    build_embedded(path, R.statements(node_rows, edge_rows, 100), meta)
    with EmbeddedBackend(path, read_only=True) as be:
        yield whole_graph(be)


def test_fresh_install_builds_the_same_graph_as_unwind(unwind_graph, tmp_path):
    path = tmp_path / "first.lbdb"
    assert L.ensure_embedded(path) is True
    with EmbeddedBackend(path, read_only=True) as be:
        graph = whole_graph(be)
    assert graph == unwind_graph
    nodes, rels = graph
    assert sum(1 for n in nodes if n["label"] == "SearchTerm") > 1000
    assert sum(1 for r in rels if r["type"] == "TERM_OF") > 10000
    assert L.ensure_embedded(path) is False  # up to date: not built again


def test_copy_table_by_table_builds_the_same_graph_as_unwind(unwind_graph, tmp_path, monkeypatch):
    monkeypatch.setattr(L, "COPY_MIN_ROWS", 0)  # a large load: one commit per table
    path = tmp_path / "large.lbdb"
    L.load(None, None, replace=True, embedded_path=path)
    with EmbeddedBackend(path, read_only=True) as be:
        assert whole_graph(be) == unwind_graph


def test_first_query_builds_the_database_and_answers_like_an_explicit_load(tmp_path, embedded_path):
    env = dict(os.environ, ACCGRAPH_DB=str(tmp_path / "data" / "accgraph.lbdb"))
    args = ["query", "who-can-waive", "-p", "holder", "KFOR", "--format", "json"]
    first = subprocess.run(CLI + args, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    assert first.stderr.strip() == f"Built the embedded database at {tmp_path / 'data' / 'accgraph.lbdb'}"
    loaded = subprocess.run(CLI + args + ["--db", str(embedded_path)], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(first.stdout) == json.loads(loaded.stdout)
    assert json.loads(first.stdout)[0]["holder"] == "Kosovo Force"
    again = subprocess.run(CLI + args, capture_output=True, text=True, env=env)
    assert again.returncode == 0 and again.stderr == ""
    assert again.stdout == first.stdout


@pytest.mark.parametrize("side", ["copy", "write"])
def test_a_failure_while_building_keeps_the_previous_database(embedded_path, tmp_path, monkeypatch, side):
    """The files are written while the database copies them: a failure on either side ends the
    load with its error, and the previous database stays as it was, with no build folder left."""
    from accgraph.loader import bulk

    path = tmp_path / "kept.lbdb"
    shutil.copy(embedded_path, path)
    with EmbeddedBackend(path, read_only=True) as be:
        before = whole_graph(be)
    calls = []
    if side == "copy":
        real = bulk.copy_statements

        def broken(files):
            calls.append(files)
            out = real(files)
            return [("COPY NoSuchTable FROM 'nowhere.parquet'", g) for _, g in out] if len(calls) == 40 else out

        monkeypatch.setattr(bulk, "copy_statements", broken)
        expected = RuntimeError
    else:
        real_close = bulk.ParquetSink.close

        def close(self):
            calls.append(self)
            if len(calls) == 40:
                raise OSError("cannot write the file")
            return real_close(self)

        monkeypatch.setattr(bulk.ParquetSink, "close", close)
        expected = OSError
    with pytest.raises(expected):
        L.load(None, None, replace=True, force=True, embedded_path=path)
    assert len(calls) >= 40
    with EmbeddedBackend(path, read_only=True) as be:
        assert whole_graph(be) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".kept.lbdb.lock", "kept.lbdb"]
