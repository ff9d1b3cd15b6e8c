"""Server-side bulk import: the rows as neo4j-admin CSV, imported with scripts/neo4j import into a fresh Neo4j."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess

import pytest

from accgraph import schema as S
from accgraph.loader import admincsv
from accgraph.loader import load as L
from accgraph.loader import rows as R
from accgraph.loader.backends import Neo4jBackend, meta_record
from tests.conftest import REPO, SEEDS
from tests.test_load import snapshot


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.neo4j
def test_neo4j_admin_import_of_the_csv_gives_the_loaded_graph(embedded, dataset, tmp_path, monkeypatch):
    if not shutil.which("java") or not shutil.which("mvn"):
        pytest.skip("needs java and mvn (scripts/neo4j)")
    node_rows, edge_rows = R.dataset_rows(dataset)
    files = admincsv.write(node_rows, edge_rows, tmp_path / "csv",
                           meta_record(L.data_digest(dataset), L.origin_of(SEEDS)))
    assert (tmp_path / "csv" / "nodes-Person.csv").read_text().splitlines()[0].startswith("id:ID(Record),:LABEL,name,")
    assert len(files) == len(node_rows) + len(edge_rows) + 1
    bolt, http = free_port(), free_port()
    env = dict(os.environ, ACCGRAPH_NEO4J_HOME=str(tmp_path / "home"), NEO4J_BOLT_PORT=str(bolt),
               NEO4J_HTTP_PORT=str(http))
    script = str(REPO / "scripts" / "neo4j")
    res = subprocess.run([script, "import", str(tmp_path / "csv")], env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "IMPORT DONE" in res.stdout
    try:
        res = subprocess.run([script, "start"], env=env, capture_output=True, text=True)
        assert res.returncode == 0, res.stderr[-2000:]
        monkeypatch.setenv("ACCGRAPH_NEO4J_HOME", str(tmp_path / "home"))  # where its password is
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
        with Neo4jBackend(f"bolt://127.0.0.1:{bolt}") as be:
            be.check_complete()
            assert be.meta()["digest"] == L.data_digest(dataset)
            got, want = snapshot(be), snapshot(embedded)
            for a, b in zip(got[0] + got[1], want[0] + want[1]):
                assert a == b, {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}
            assert got == want
            q = f"MATCH (l:{S.LOOKUP_LABEL})-[r:{S.LOOKUP_REL}]->(n) RETURN l.id AS k, n.id AS id, r.field AS f"
            assert sorted(map(str, be.read(q))) == sorted(map(str, embedded.read(q)))
    finally:
        subprocess.run([script, "stop"], env=env, capture_output=True)
