"""Loading: complete, identical on both backends, idempotent, all-or-nothing, safe."""

from __future__ import annotations

import shutil

import pytest

from accgraph.loader import load as L
from accgraph.loader import rows as R
from accgraph.loader.backends import BackendError, EmbeddedBackend
from tests.conftest import SEEDS


def snapshot(be) -> tuple:
    """Every node and edge with all its properties, in a stable order."""
    nodes = be.read("MATCH (n) WHERE n.kind IS NOT NULL RETURN n")
    edges = be.read("MATCH ()-[r]->() WHERE r.kind IS NOT NULL RETURN r")
    key = lambda d: d["id"]  # noqa: E731
    return (sorted((r["n"] for r in nodes), key=key), sorted((r["r"] for r in edges), key=key))


def failing_statements(ds, at: int):
    """The real load statements with a broken one injected after ``at`` batches."""
    stmts = list(R.statements(*R.dataset_rows(ds), batch_size=50))
    assert len(stmts) > at + 1
    return stmts[:at] + [R.Statement("THIS IS NOT CYPHER", [], "boom")] + stmts[at:]


def test_counts_per_type_match_the_seeds(backend, dataset):
    assert backend.counts() == {
        "nodes": {k: v for k, v in dataset.counts()["nodes"].items()},
        "edges": {k: v for k, v in dataset.counts()["edges"].items()},
    }


def test_both_backends_hold_the_same_graph(embedded, neo4j):
    assert snapshot(embedded) == snapshot(neo4j)


def test_every_node_and_edge_keeps_its_provenance(embedded):
    nodes, edges = snapshot(embedded)
    for item in nodes + edges:
        assert item["citations"], item["id"]
        assert item["source_ids"] == sorted({c["source"] for c in item["citations"]})


def test_embedded_load_is_idempotent(embedded_path, tmp_path):
    path = tmp_path / "copy.lbdb"
    shutil.copy(embedded_path, path)
    with EmbeddedBackend(path) as be:
        before = snapshot(be)
    L.load(None, SEEDS, embedded_path=path)  # merge the same seeds again
    with EmbeddedBackend(path, read_only=True) as be:
        assert snapshot(be) == before


def test_neo4j_load_is_idempotent(neo4j):
    before = snapshot(neo4j)
    L.load(neo4j, SEEDS)
    assert snapshot(neo4j) == before
    L.load(neo4j, SEEDS, replace=True)
    assert snapshot(neo4j) == before


def test_embedded_failure_halfway_leaves_the_graph_intact(embedded_path, tmp_path, dataset):
    path = tmp_path / "copy.lbdb"
    shutil.copy(embedded_path, path)
    with EmbeddedBackend(path) as be:
        before = snapshot(be)
        with pytest.raises(RuntimeError):
            be.write_all(failing_statements(dataset, 3), replace=True)
        assert snapshot(be) == before


def test_embedded_rebuild_failure_keeps_the_old_file(embedded_path, tmp_path, dataset):
    from accgraph.loader.backends import build_embedded, meta_record

    path = tmp_path / "copy.lbdb"
    shutil.copy(embedded_path, path)
    with pytest.raises(RuntimeError):
        build_embedded(path, failing_statements(dataset, 3), meta_record("x", "test"))
    with EmbeddedBackend(path, read_only=True) as be:
        assert be.counts()["nodes"] == dataset.counts()["nodes"]
    assert [p.name for p in tmp_path.iterdir()] == ["copy.lbdb"]


def test_neo4j_failure_halfway_leaves_the_graph_intact(neo4j, dataset):
    before = snapshot(neo4j)
    with pytest.raises(Exception):
        neo4j.write_all(failing_statements(dataset, 3), replace=True)
    assert snapshot(neo4j) == before


def test_invalid_seeds_write_nothing(tmp_path):
    bad = tmp_path / "seeds"
    bad.mkdir()
    (bad / "x.yaml").write_text("nodes:\n  - id: org-x\n    type: Organisation\n    name: X\n")
    target = tmp_path / "db.lbdb"
    with pytest.raises(L.InvalidSeeds):
        L.load(None, bad, replace=True, embedded_path=target)
    assert not target.exists()


def test_refuses_to_wipe_a_database_accgraph_did_not_create(tmp_path):
    path = tmp_path / "foreign.lbdb"
    with EmbeddedBackend(path) as be:
        be._exec("CREATE NODE TABLE Thing(id STRING PRIMARY KEY)")
        be._exec("CREATE (:Thing {id: 'mine'})")
    with pytest.raises(BackendError, match="not written by accgraph"):
        L.load(None, SEEDS, embedded_path=path)
    with pytest.raises(BackendError, match="use --force"):
        L.load(None, SEEDS, replace=True, embedded_path=path)
    result = L.load(None, SEEDS, replace=True, force=True, embedded_path=path)
    assert result.nodes


def test_neo4j_refuses_to_wipe_foreign_data_without_force(neo4j):
    from accgraph import schema as S

    neo4j._write(f"MATCH (m:{S.META_LABEL}) DELETE m")
    try:
        with pytest.raises(BackendError, match="use --force"):
            L.load(neo4j, SEEDS, replace=True)
    finally:
        L.load(neo4j, SEEDS, replace=True, force=True)
    assert neo4j.meta()["origin"] == str(SEEDS.resolve())


def test_embedded_default_rebuilds_when_the_seeds_change(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    path = tmp_path / "auto.lbdb"
    assert L.ensure_embedded(path, tmp_path / "seeds") is True
    assert L.ensure_embedded(path, tmp_path / "seeds") is False
    with open(tmp_path / "seeds" / "sources.yaml", "a") as f:
        f.write("\n# a change\n")
    assert L.ensure_embedded(path, tmp_path / "seeds") is True
