"""The dataset: valid, sourced from all five documents, every fact cited."""

from __future__ import annotations

from collections import Counter

import pytest

from accgraph.loader import validate as v
from tests.conftest import SEEDS, SOURCES

PRIMARY = {"doc-unmik-pr-1180", "doc-homeoffice-cib-2004", "doc-osce-2001", "doc-amnesty-2004",
           "doc-usstate-cable-2002"}


def facts_per_source(ds) -> Counter:
    """How many nodes and edges cite each primary document."""
    counts: Counter = Counter()
    for rec in list(ds.nodes.values()) + ds.edges:
        for source in {c["source"] for c in rec.data["cite"]}:
            counts[source] += 1
    return counts


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the source documents are not beside the project")
def test_seeds_validate_against_the_source_documents():
    ds = v.read(SEEDS, SOURCES)
    assert [str(i) for i in ds.issues] == []


def test_all_five_documents_contribute(dataset):
    counts = facts_per_source(dataset)
    for doc in PRIMARY:
        assert counts[doc] >= 25, (doc, counts[doc])
    assert {r.id for r in dataset.nodes.values() if r.type == "Source" and r.data.get("primary")} == PRIMARY


def test_every_node_and_edge_has_a_citation(dataset):
    for rec in list(dataset.nodes.values()) + dataset.edges:
        assert rec.data["cite"], rec.id
        for c in rec.data["cite"]:
            assert c["source"] in dataset.nodes and c["at"].strip()


def test_the_model_is_populated(dataset):
    nodes = dataset.counts()["nodes"]
    edges = dataset.counts()["edges"]
    for kind in ("Organisation", "Unit", "Person", "Post", "PersonnelCategory", "Instrument", "Case",
                 "Allegation", "Topic", "Claim", "Recommendation", "Facility", "Event", "Source"):
        assert nodes.get(kind, 0) > 0, kind
    for kind in ("GRANTS_IMMUNITY", "MAY_WAIVE", "REFERS_VICTIMS_TO", "AGAINST", "ALLEGES", "STATES",
                 "CONTRADICTS", "RESPONDS_TO", "RECOMMENDS", "ADDRESSED_TO", "REPORTS_TO", "COMMANDED_BY"):
        assert edges.get(kind, 0) > 0, kind


def test_secondary_reports_are_sources_too(dataset):
    secondary = [r for r in dataset.nodes.values() if r.type == "Source" and not r.data.get("primary")]
    assert len(secondary) >= 10
    vias = {c["via"] for rec in list(dataset.nodes.values()) + dataset.edges for c in rec.data["cite"] if "via" in c}
    assert vias & {r.id for r in secondary}


def test_unmik_press_release_answers_amnesty(dataset):
    assert any(e.type == "RESPONDS_TO" and e.data["from"] == "doc-unmik-pr-1180" and e.data["to"] == "doc-amnesty-2004"
               for e in dataset.edges)
