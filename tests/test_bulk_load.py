"""Bulk loads: COPY on the embedded backend, batches on Neo4j; locks, crash safety, refusal of half graphs."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from accgraph import schema as S
from accgraph.loader import load as L
from accgraph.loader import rows as R
from accgraph.loader.backends import INCOMPLETE_MESSAGE, BackendError, EmbeddedBackend, build_embedded
from tests.conftest import REPO, SEEDS
from tests.test_load import snapshot

CLI = [sys.executable, "-c", "import sys; from accgraph.cli import main; sys.exit(main())"]


def bench():
    spec = importlib.util.spec_from_file_location("bench_scale", REPO / "bench" / "scale.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def cli(*args, env=None):
    return subprocess.run(CLI + list(args), capture_output=True, text=True, env=env)


def test_copy_path_builds_the_same_graph_as_unwind(embedded, tmp_path, monkeypatch):
    monkeypatch.setattr(L, "COPY_MIN_ROWS", 0)
    path = tmp_path / "copy.lbdb"
    L.load(None, SEEDS, replace=True, embedded_path=path)
    with EmbeddedBackend(path, read_only=True) as be:
        assert snapshot(be) == snapshot(embedded)
        assert be.meta()["digest"] == embedded.meta()["digest"]
        assert be.read(f"MATCH (l:{S.LOOKUP_LABEL}) RETURN count(l) AS c") == \
            embedded.read(f"MATCH (l:{S.LOOKUP_LABEL}) RETURN count(l) AS c")


def test_neo4j_batches_build_the_same_graph_and_end_complete(embedded, neo4j, monkeypatch):
    monkeypatch.setattr(L, "NEO4J_BATCH_MIN_ROWS", 0)
    monkeypatch.setattr(R, "NEO4J_BULK_BATCH", 500)
    monkeypatch.setattr(R, "NEO4J_TX_ROWS", 1200)
    try:
        L.load(neo4j, SEEDS, replace=True, force=True)  # CREATE into the emptied database
        assert neo4j.meta()["state"] == "complete"
        assert snapshot(neo4j) == snapshot(embedded)
        L.load(neo4j, SEEDS)  # MERGE into the loaded one
        assert neo4j.meta()["state"] == "complete"
        assert snapshot(neo4j) == snapshot(embedded)
    finally:
        L.load(neo4j, SEEDS, replace=True, force=True)


def test_neo4j_graph_marked_loading_is_refused_until_replace(neo4j):
    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    neo4j._write(f"MATCH (m:{S.META_LABEL}) SET m.state = 'loading', m.loaded_at = '2026-01-01T00:00:00+00:00'")
    try:
        res = cli("query", "who-can-waive", "-p", "holder", "KFOR", "--backend", "neo4j", "--uri", uri)
        assert res.returncode == 1
        assert res.stderr == "Error: " + INCOMPLETE_MESSAGE.format(since="2026-01-01T00:00:00+00:00") + "\n"
        with pytest.raises(BackendError, match="did not finish"):
            L.load(neo4j, SEEDS)
    finally:
        L.load(neo4j, SEEDS, replace=True)
    assert neo4j.meta()["state"] == "complete"
    assert neo4j.incomplete() is None


def test_loading_into_an_empty_neo4j_prints_nothing_from_the_driver(neo4j):
    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    neo4j._write("MATCH (n) DETACH DELETE n")
    try:
        res = cli("load", "--backend", "neo4j", "--uri", uri, "--seeds", str(SEEDS), "--replace")
        assert res.returncode == 0, res.stderr
        assert "01N5" not in res.stderr + res.stdout
        assert "notification" not in (res.stderr + res.stdout).lower()
    finally:
        L.load(neo4j, SEEDS, replace=True, force=True)


def test_a_second_load_is_refused_while_one_runs(tmp_path):
    path = tmp_path / "graph.lbdb"
    with L.load_lock(path):
        with pytest.raises(BackendError, match=f"another load is running into {path}"):
            L.load(None, SEEDS, replace=True, embedded_path=path)
    assert not path.exists()


def test_stale_build_folders_are_removed_by_the_next_load(embedded_path, tmp_path):
    path = tmp_path / "graph.lbdb"
    stale = tmp_path / f".accgraph-build-{path.name}-abc123"
    stale.mkdir()
    (stale / path.name).write_bytes(b"x" * 1000)
    legacy = tmp_path / ".accgraph-build-old"
    legacy.mkdir()
    (legacy / path.name).write_bytes(b"x")
    other = tmp_path / ".accgraph-build-other.lbdb-zzz"
    other.mkdir()
    (other / "other.lbdb").write_bytes(b"x")
    L.load(None, SEEDS, replace=True, embedded_path=path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".accgraph-build-other.lbdb-zzz", f".{path.name}.lock", path.name])


def test_a_failed_swap_keeps_what_the_old_database_committed(tmp_path, dataset, monkeypatch):
    """Data committed only to the old database's write-ahead log survives a crash before the swap."""
    path = tmp_path / "graph.lbdb"
    L.load(None, SEEDS, replace=True, embedded_path=path)
    # Commit a change and die without a checkpoint: the change lives in the WAL only.
    code = (
        "import os, signal, sys; from accgraph.loader.backends import EmbeddedBackend\n"
        "be = EmbeddedBackend(sys.argv[1])\n"
        "be._exec(\"MATCH (n:Organisation {id: 'org-kfor'}) SET n.note = 'committed'\")\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)])
    assert Path(str(path) + ".wal").exists()
    import accgraph.loader.backends as B

    real_replace = os.replace

    def crash(src, dst):
        if Path(dst) == path:
            raise OSError("simulated crash before the swap")
        return real_replace(src, dst)

    monkeypatch.setattr(B.os, "replace", crash)
    stmts = list(R.statements(*R.dataset_rows(dataset)))
    with pytest.raises(OSError, match="simulated"):
        build_embedded(path, stmts, B.meta_record("x", "test"))
    monkeypatch.setattr(B.os, "replace", real_replace)
    with EmbeddedBackend(path, read_only=True) as be:
        assert be.read("MATCH (n:Organisation {id: 'org-kfor'}) RETURN n.note AS note") == [{"note": "committed"}]


def _kill_when(proc, ready, timeout=600.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("the load finished before it could be killed; use a bigger data set")
        if ready():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return
        time.sleep(0.05)
    pytest.fail("the load never reached the point to kill it")


@pytest.fixture(scope="module")
def big_seeds(tmp_path_factory):
    return bench().write_seeds(tmp_path_factory.mktemp("big") / "seeds", 3000)


def test_embedded_bulk_load_killed_halfway_leaves_the_previous_graph(embedded_path, tmp_path, big_seeds):
    path = tmp_path / "graph.lbdb"
    import shutil

    shutil.copy(embedded_path, path)
    before = cli("query", "who-can-waive", "-p", "holder", "KFOR", "--db", str(path), "--format", "json")
    assert before.returncode == 0, before.stderr
    env = dict(os.environ, ACCGRAPH_COPY_MIN_ROWS="0")
    proc = subprocess.Popen(CLI + ["load", "--db", str(path), "--seeds", str(big_seeds), "--replace"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    # Kill it once the COPY into the new database has started.
    _kill_when(proc, lambda: any((d / path.name).exists() and any((d / "parquet").glob("rel-*"))
                                 for d in tmp_path.glob(".accgraph-build-*")))
    after = cli("query", "who-can-waive", "-p", "holder", "KFOR", "--db", str(path), "--format", "json")
    assert (after.returncode, after.stdout) == (0, before.stdout)
    res = cli("load", "--db", str(path), "--seeds", str(SEEDS), "--replace")
    assert res.returncode == 0, res.stderr
    assert not list(tmp_path.glob(".accgraph-build-*"))


def test_neo4j_bulk_load_killed_halfway_is_refused_then_recovered(neo4j, big_seeds):
    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    env = dict(os.environ, ACCGRAPH_NEO4J_BATCH_MIN_ROWS="0", ACCGRAPH_NEO4J_TX_ROWS="2000")
    proc = subprocess.Popen(CLI + ["load", "--backend", "neo4j", "--uri", uri, "--seeds", str(big_seeds),
                                   "--replace", "--force", "--batch-size", "200"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        _kill_when(proc, lambda: neo4j.read(
            "MATCH (m:AccgraphMeta) WHERE m.state = 'loading' MATCH (n:Person) WHERE n.id STARTS WITH 'syn-' "
            "RETURN count(n) AS c")[0]["c"] > 0)
        for args in (["query", "who-can-waive", "-p", "holder", "KFOR"], ["query", "accountability-gaps"],
                     ["report", "-o", os.devnull]):
            res = cli(*args, "--backend", "neo4j", "--uri", uri)
            assert res.returncode == 1
            assert res.stderr.startswith("Error: a load into this Neo4j database did not finish"), res.stderr
            assert len(res.stderr.splitlines()) == 1
    finally:
        if proc.poll() is None:
            proc.kill()
        L.load(neo4j, SEEDS, replace=True, force=True)
    assert neo4j.incomplete() is None


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_a_full_disk_leaves_the_previous_database_and_replace_recovers(tmp_path, embedded_path):
    mnt = tmp_path / "small"
    mnt.mkdir()
    size = embedded_path.stat().st_size + 3 * 1024 * 1024
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)]).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        path = mnt / "graph.lbdb"
        import shutil

        shutil.copy(embedded_path, path)
        before = cli("query", "who-can-waive", "-p", "holder", "KFOR", "--db", str(path), "--format", "json")
        assert before.returncode == 0, before.stderr
        res = cli("load", "--db", str(path), "--seeds", str(SEEDS))  # a merge load needs a second copy
        assert res.returncode == 1
        assert "disk full" in res.stderr and "previous database is unchanged" in res.stderr
        assert "Traceback" not in res.stderr
        after = cli("query", "who-can-waive", "-p", "holder", "KFOR", "--db", str(path), "--format", "json")
        assert (after.returncode, after.stdout) == (0, before.stdout)
        assert not list(mnt.glob(".accgraph-build-*"))
    finally:
        subprocess.run(["umount", str(mnt)])


def test_scale_bench_smoke(tmp_path):
    out = tmp_path / "figures.json"
    bench().main(["--sizes", "40", "--baseline-rows", "20", "--no-first-use", "--work", str(tmp_path / "w"),
                  "--json", str(out)])
    import json

    seeds_only, fig = json.loads(out.read_text())
    assert (seeds_only["backend"], seeds_only["nodes"]) == ("embedded", 0)
    assert fig["backend"] == "embedded" and fig["nodes"] == 40
    cases = [label for label, _, _ in bench().query_cases()] + list(bench().SEARCHES)
    assert set(__import__("accgraph.queries", fromlist=["x"]).catalogue()) < set(cases)
    assert list(seeds_only["queries"]) == list(fig["queries"]) == cases
    assert seeds_only["query_rows"]["search (rare word)"] == fig["query_rows"]["search (rare word)"] == 2


def test_side_by_side_query_bench_smoke(tmp_path):
    import json

    spec = importlib.util.spec_from_file_location("bench_queries", REPO / "bench" / "queries.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    db, out = tmp_path / "seeds.lbdb", tmp_path / "figures.json"
    L.load(None, None, replace=True, force=True, embedded_path=db, count=False)
    assert mod.main(["--db", str(db), "--baseline-db", str(db), "--repeat", "1", "--nodes", "40",
                     "--json", str(out)]) == 0
    base, big = json.loads(out.read_text())
    cases = [label for label, _, _ in mod.scale.query_cases()] + list(mod.scale.SEARCHES)
    assert list(base["queries"]) == list(big["queries"]) == cases
    assert base["query_rows"] == big["query_rows"]  # the same graph on both sides
    assert big["query_rows"]["who-can-waive"] == 1 and big["query_rows"]["search (rare word)"] == 2


def test_a_small_replace_of_a_large_neo4j_graph_deletes_it_in_batches(embedded, neo4j, monkeypatch):
    """Deleting a large graph in the one transaction of a small load would exhaust the server's memory."""
    rows = R.count_rows(*R.dataset_rows(L.read_valid(SEEDS)))
    neo4j._write("UNWIND range(1, $n) AS i CREATE (:Scratch {id: 'scratch-' + toString(i)})", {"n": rows + 1})
    monkeypatch.setattr(L, "NEO4J_BATCH_MIN_ROWS", rows + 1)  # above the seeds' rows, below the nodes held
    assert rows + 1 <= neo4j.node_count()

    def whole(*args, **kwargs):
        raise AssertionError("the large graph was deleted in one transaction")

    monkeypatch.setattr(type(neo4j), "write_all", whole)
    L.load(neo4j, SEEDS, replace=True, force=True)
    assert neo4j.read("MATCH (n:Scratch) RETURN count(n) AS n") == [{"n": 0}]
    assert neo4j.meta()["state"] == "complete"
    assert snapshot(neo4j) == snapshot(embedded)
