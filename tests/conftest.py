"""Shared fixtures: the packaged seeds, an embedded database, a real Neo4j.

Neo4j tests talk to the server that ``scripts/neo4j start`` runs (or any server
named by NEO4J_URI). Without one they are skipped, unless
ACCGRAPH_REQUIRE_NEO4J=1 (set by .ci/run), in which case they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accgraph.loader import load as L
from accgraph.loader.backends import BackendError, EmbeddedBackend, Neo4jBackend
from accgraph.seeds_path import default_seeds

REPO = Path(__file__).resolve().parents[1]
SOURCES = Path(os.environ.get("ACCGRAPH_SOURCES", REPO.parent / "shared" / "sources"))
SEEDS = Path(os.environ.get("ACCGRAPH_TEST_SEEDS") or default_seeds())
ARTIFACTS = Path(os.environ.get("ACCGRAPH_TEST_ARTIFACTS", REPO / "test-artifacts"))


@pytest.fixture(scope="session")
def dataset():
    return L.read_valid(SEEDS)


@pytest.fixture(scope="session")
def embedded_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("embedded") / "graph.lbdb"
    L.load(None, SEEDS, replace=True, embedded_path=path)
    return path


@pytest.fixture(scope="session")
def embedded(embedded_path):
    with EmbeddedBackend(embedded_path, read_only=True) as be:
        yield be


def _neo4j_or_skip():
    try:
        return Neo4jBackend(os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    except BackendError as exc:
        if os.environ.get("ACCGRAPH_REQUIRE_NEO4J") == "1":
            pytest.fail(f"Neo4j is required here but not reachable: {exc}")
        pytest.skip(f"no Neo4j server: {exc}")


@pytest.fixture(scope="session")
def neo4j():
    be = _neo4j_or_skip()
    L.load(be, SEEDS, replace=True, force=True)
    yield be
    be.close()


@pytest.fixture(params=["embedded", "neo4j"])
def backend(request):
    """Each test that takes it runs once per backend."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


CHROMIUM = os.environ.get("ACCGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("ACCGRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is required here but {CHROMIUM} does not exist")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
