"""Database schema statements, derived from :mod:`accgraph.schema`."""

from __future__ import annotations

from accgraph import schema as S


def _column(p: S.Prop) -> str:
    return f"`{p.name}` {S.PROP_TYPES[p.type][0]}"


def ladybug_ddl() -> list[str]:
    """``CREATE NODE/REL TABLE`` statements for LadybugDB."""
    out = []
    for nt in S.NODE_TYPES:
        cols = [f"{_column(p)}{' PRIMARY KEY' if p.name == 'id' else ''}" for p in S.stored_node_columns(nt.name)]
        out.append(f"CREATE NODE TABLE IF NOT EXISTS `{nt.name}`({', '.join(cols)})")
    out.append(f"CREATE NODE TABLE IF NOT EXISTS {S.META_LABEL}(id STRING PRIMARY KEY, version STRING, "
               "digest STRING, origin STRING, loaded_at STRING)")
    out.append(f"CREATE NODE TABLE IF NOT EXISTS `{S.LOOKUP_LABEL}`("
               + ", ".join(f"{_column(p)}{' PRIMARY KEY' if p.name == 'id' else ''}" for p in S.LOOKUP_COLUMNS) + ")")
    pairs = [f"FROM `{S.LOOKUP_LABEL}` TO `{nt.name}`" for nt in S.NODE_TYPES]
    out.append(f"CREATE REL TABLE IF NOT EXISTS `{S.LOOKUP_REL}`("
               + ", ".join(pairs + [_column(p) for p in S.LOOKUP_REL_COLUMNS]) + ")")
    out.append(f"CREATE NODE TABLE IF NOT EXISTS `{S.TERM_LABEL}`("
               + ", ".join(f"{_column(p)}{' PRIMARY KEY' if p.name == 'id' else ''}" for p in S.TERM_COLUMNS) + ")")
    pairs = [f"FROM `{S.TERM_LABEL}` TO `{nt.name}`" for nt in S.NODE_TYPES]
    out.append(f"CREATE REL TABLE IF NOT EXISTS `{S.TERM_REL}`("
               + ", ".join(pairs + [_column(p) for p in S.TERM_REL_COLUMNS]) + ")")
    for et in S.EDGE_TYPES:
        pairs = [f"FROM `{a}` TO `{b}`" for a, b in et.pairs()]
        cols = [_column(p) for p in S.stored_edge_columns(et.name)]
        out.append(f"CREATE REL TABLE IF NOT EXISTS `{et.name}`({', '.join(pairs + cols)})")
    return out


def neo4j_schema() -> list[str]:
    """Uniqueness constraints (Community edition) and relationship indexes for Neo4j 5."""
    out = []
    for nt in S.NODE_TYPES + (S.NodeType(S.META_LABEL, "meta", ""), S.NodeType(S.LOOKUP_LABEL, "lookup", "")):
        out.append(
            f"CREATE CONSTRAINT accgraph_{nt.name.lower()}_id IF NOT EXISTS "
            f"FOR (n:`{nt.name}`) REQUIRE n.id IS UNIQUE"
        )
    for et in S.EDGE_TYPES:
        out.append(f"CREATE INDEX accgraph_{et.name.lower()}_id IF NOT EXISTS FOR ()-[r:`{et.name}`]-() ON (r.id)")
    out.append(search_index())
    return out


def search_index() -> str:
    """The full-text index behind ``accgraph search`` (every node type, the searched properties)."""
    from accgraph import search

    labels = "|".join(f"`{nt.name}`" for nt in S.NODE_TYPES)
    props = ", ".join(f"n.`{p}`" for p in search.INDEXED)
    return (f"CREATE FULLTEXT INDEX {search.INDEX} IF NOT EXISTS FOR (n:{labels}) ON EACH [{props}] "
            f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{search.ANALYZER}'}}}}")
