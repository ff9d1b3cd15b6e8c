"""Everything derived from the one schema: DDL, constraints, docs, styles."""

from __future__ import annotations

from pathlib import Path

from accgraph import docs, schema as S
from accgraph.loader import ddl
from accgraph.viz.model import View

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_ladybug_ddl_has_a_table_per_type_with_every_column():
    stmts = ddl.ladybug_ddl()
    for nt in S.NODE_TYPES:
        stmt = next(s for s in stmts if s.startswith(f"CREATE NODE TABLE IF NOT EXISTS `{nt.name}`("))
        for p in S.stored_node_columns(nt.name):
            assert f"`{p.name}` " in stmt
    for et in S.EDGE_TYPES:
        stmt = next(s for s in stmts if s.startswith(f"CREATE REL TABLE IF NOT EXISTS `{et.name}`("))
        for a, b in et.pairs():
            assert f"FROM `{a}` TO `{b}`" in stmt


def test_neo4j_constraints_cover_every_node_type():
    stmts = ddl.neo4j_schema()
    for nt in S.NODE_TYPES:
        assert f"CREATE CONSTRAINT accgraph_{nt.name.lower()}_id IF NOT EXISTS FOR (n:`{nt.name}`) REQUIRE n.id IS UNIQUE" in stmts


def test_endpoints_are_known_types():
    for et in S.EDGE_TYPES:
        for a, b in et.pairs():
            assert a in S.NODES and b in S.NODES, et.name


def test_data_model_doc_has_not_drifted():
    text = (DOCS / "data-model.md").read_text()
    assert docs.data_model_with_schema(text) == text, "run 'accgraph docs'"
    for nt in S.NODE_TYPES:
        assert f"| `{nt.name}` |" in text


def test_queries_doc_has_not_drifted():
    assert (DOCS / "queries.md").read_text() == docs.queries_markdown(), "run 'accgraph docs'"


def test_view_legend_uses_schema_styles():
    v = View("t", "c")
    v.add_node({"id": "a", "kind": "Post", "name": "A"})
    v.add_node({"id": "b", "kind": "PersonnelCategory", "name": "B"})
    v.add_edge({"id": "e", "kind": "MAY_WAIVE", "src": "a", "dst": "b"})
    node_types, edge_types = v.legend()
    assert [t.name for t in node_types] == ["Post", "PersonnelCategory"]
    assert [t.color for t in edge_types] == [S.EDGES["MAY_WAIVE"].color]
