"""Turn a validated :class:`Dataset` into batched ``UNWIND $rows`` statements.

The same statements serve both backends: they use only Cypher that Neo4j 5
and LadybugDB share (``UNWIND``, ``MERGE`` on ``id``, ``SET`` of named
properties).  Edges are grouped by (type, source label, target label) because
LadybugDB needs labelled endpoints to create a relationship.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from typing import Iterator

from accgraph import corroboration
from accgraph import lookup
from accgraph import schema as S
from accgraph.loader.validate import Dataset, Record, citations_json

BATCH_SIZE = 1000
#: Rows per statement when Neo4j loads in batches.
NEO4J_BULK_BATCH = 10_000
#: Rows per transaction when Neo4j loads in batches (consecutive statements share a transaction).
NEO4J_TX_ROWS = int(os.environ.get("ACCGRAPH_NEO4J_TX_ROWS", "50000"))


@dataclass(frozen=True)
class Statement:
    cypher: str  # as Neo4j runs it
    rows: list[dict]
    label: str  # node or edge type, for progress and summaries
    typed_cypher: str = ""  # LadybugDB variant: values cast to the column types

    def for_ladybug(self) -> str:
        return self.typed_cypher or self.cypher


#: Derived columns kept for reuse at most (see :func:`_derived`).
SHARED_DERIVED_MAX = 100_000


def _derived(rec: Record, ds: Dataset) -> dict:
    """The derived columns of a record.

    For a record that stands alone (no ``SAME_AS`` group, no ``CORROBORATES``
    link) they follow from its citations and its ``hedged`` alone, so records
    that cite alike share one computation.
    """
    idx = corroboration.index(ds)
    if not idx.stands_alone(rec):
        return _compute_derived(rec, ds)
    key = (tuple(tuple(kv for kv in c.items() if kv[0][0] != "_") for c in rec.data["cite"]),
           bool(rec.data.get("hedged")))
    shared = ds.__dict__.setdefault("_shared_derived", {})
    found = shared.get(key)
    if found is None:
        if len(shared) >= SHARED_DERIVED_MAX:
            shared.clear()
        found = shared[key] = _compute_derived(rec, ds)
        del found["kind"]
    return {"kind": rec.type, **found}


def _compute_derived(rec: Record, ds: Dataset) -> dict:
    cites = rec.data["cite"]
    dates = sorted(
        d for d in (ds.nodes[c["source"]].data.get("date") for c in cites if c["source"] in ds.nodes) if d
    )
    ids = sorted({c["source"] for c in cites})
    return {
        "kind": rec.type,
        "citations": citations_json(cites),
        "source_ids": ids or None,
        "first_cited": dates[0] if dates else None,
        "last_cited": dates[-1] if dates else None,
        **corroboration.columns(rec, ds),
    }


_COLUMN_NAMES: dict = {}


def _column_names(kind: str, rtype: str) -> tuple[str, ...]:
    names = _COLUMN_NAMES.get((kind, rtype))
    if names is None:
        cols = S.stored_node_columns(rtype) if kind == "node" else S.stored_edge_columns(rtype)
        names = _COLUMN_NAMES[(kind, rtype)] = tuple(p.name for p in cols)
    return names


def node_row(rec: Record, ds: Dataset) -> dict:
    get = rec.data.get
    row = {name: get(name) for name in _column_names("node", rec.type)}
    row.update(_derived(rec, ds))
    return row


def edge_row(rec: Record, ds: Dataset) -> dict:
    get = rec.data.get
    row = {name: get(name) for name in _column_names("edge", rec.type)}
    row.update(_derived(rec, ds))
    row["id"] = rec.id
    row["src"] = rec.data["from"]
    row["dst"] = rec.data["to"]
    return row


def _sets(var: str, cols: list[S.Prop], typed: bool) -> str:
    out = []
    for p in cols:
        value = f"row.`{p.name}`"
        column_type = S.PROP_TYPES[p.type][0]
        if typed and column_type != "STRING":
            # LadybugDB infers a parameter's type from its values; a batch in
            # which a column is always null would otherwise arrive as STRING.
            value = f"CAST({value} AS {column_type})"
        out.append(f"{var}.`{p.name}` = {value}")
    return ", ".join(out)


def node_cypher(label: str, typed: bool = False) -> str:
    cols = [p for p in S.stored_node_columns(label) if p.name != "id"]
    sets = f" SET {_sets('n', cols, typed)}" if cols else ""
    return f"UNWIND $rows AS row MERGE (n:`{label}` {{id: row.id}}){sets}"


def edge_cypher(etype: str, src: str, dst: str, typed: bool = False) -> str:
    all_cols = S.stored_edge_columns(etype)
    cols = [p for p in all_cols if p.name != "id"]
    sets = _sets("r", cols, typed)
    key = " {id: row.id}" if any(p.name == "id" for p in all_cols) else ""
    return (
        f"UNWIND $rows AS row MATCH (a:`{src}` {{id: row.src}}), (b:`{dst}` {{id: row.dst}}) "
        f"MERGE (a)-[r:`{etype}`{key}]->(b) SET {sets}"
    )


def batches(rows: list[dict], size: int) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def statements(node_rows: dict[str, list[dict]], edge_rows: dict[tuple[str, str, str], list[dict]],
               batch_size: int = BATCH_SIZE) -> Iterator[Statement]:
    """Statements for rows already grouped by label / (type, src label, dst label)."""
    for label, rows in node_rows.items():
        cypher, typed = node_cypher(label), node_cypher(label, typed=True)
        for chunk in batches(rows, batch_size):
            yield Statement(cypher, chunk, label, typed)
    for (etype, src, dst), rows in edge_rows.items():
        cypher, typed = edge_cypher(etype, src, dst), edge_cypher(etype, src, dst, typed=True)
        for chunk in batches(rows, batch_size):
            yield Statement(cypher, chunk, etype, typed)


def _present(row: dict) -> dict:
    """The row without its empty values."""
    return {k: v for k, v in row.items() if v is not None}


def create_statements(node_rows: dict[str, list[dict]], edge_rows: dict[tuple[str, str, str], list[dict]],
                      batch_size: int = NEO4J_BULK_BATCH) -> Iterator[Statement]:
    """Neo4j statements for a load into an empty database: ``CREATE`` where :func:`statements` has ``MERGE``.

    Nothing can match an existing record there, and the rows hold no duplicates
    (the validator refuses a repeated node or edge id, and the derived lookup rows
    are distinct), so ``MERGE`` would only pay for a search that never finds
    anything.  A node id that did exist would still be refused by its uniqueness
    constraint.  Each row is sent with its values only (``SET n = row``), which
    keeps the parameters small and gives every label one short statement to plan;
    the edges find their ends through the labelled ``id`` constraints.
    """
    for label, rows in node_rows.items():
        cypher = create_cypher(label)
        for chunk in batches(rows, batch_size):
            yield Statement(cypher, [_present(r) for r in chunk], label)
    for group, rows in edge_rows.items():
        cypher = create_cypher(group)
        for chunk in batches(rows, batch_size):
            yield Statement(cypher, [_present(r) for r in chunk], group[0])


def _edge_props(etype: str) -> str:
    """What ``SET r = ...`` gives a created edge: edges store their ends (src, dst) with the row;
    the derived lookup edges store only their own columns."""
    cols = [p.name for p in S.stored_edge_columns(etype)]
    return "row" if {"src", "dst"} <= set(cols) else "row {" + ", ".join(f".`{c}`" for c in cols) + "}"


def create_cypher(group) -> str:
    """Neo4j ``CREATE`` for a batch of rows of a node label or a (type, source label, target label) group."""
    if isinstance(group, str):
        return f"UNWIND $rows AS row CREATE (n:`{group}`) SET n = row"
    etype, src, dst = group
    return (f"UNWIND $rows AS row MATCH (a:`{src}` {{id: row.src}}) MATCH (b:`{dst}` {{id: row.dst}}) "
            f"CREATE (a)-[r:`{etype}`]->(b) SET r = {_edge_props(etype)}")


def create_stream(ds: Dataset, batch_size: int = NEO4J_BULK_BATCH, release: bool = False,
                  counts: dict | None = None) -> Iterator[Statement]:
    """The statements of :func:`create_statements` for ``ds``, made as they are consumed.

    Only the records are held, never every row: node rows come first, each
    batch of a label as it fills, with the ``LOOKUP_OF`` edges of the nodes
    already sent (their ``Lookup`` node is merged on its key, so no key list is
    kept); then the edges, group by group (:func:`edge_groups`, ``release`` as
    there).  ``counts``, when given, receives the number of rows (``rows``) at the end.
    """
    index = lookup_index(ds)
    made = 0
    node_buf: dict[str, list[dict]] = {}
    look_buf: dict[tuple, list[dict]] = {}

    def lookup_statement(group: tuple, rows: list[dict]) -> Statement:
        _, label, dst = group
        return Statement(f"UNWIND $rows AS row MATCH (b:`{dst}` {{id: row.dst}}) "
                         f"MERGE (a:`{label}` {{id: row.src}}) CREATE (a)-[r:`{S.LOOKUP_REL}`]->(b) "
                         f"SET r = {_edge_props(S.LOOKUP_REL)}", rows, S.LOOKUP_REL)

    def flush_nodes() -> Iterator[Statement]:
        for label, rows in node_buf.items():
            if rows:
                yield Statement(create_cypher(label), rows, label)
        node_buf.clear()

    for rec in ds.nodes.values():
        row = node_row(rec, ds)
        buf = node_buf.setdefault(rec.type, [])
        buf.append(_present(row))
        made += 1
        for group, lrow in index.edges(rec.type, row):
            lbuf = look_buf.setdefault(group, [])
            lbuf.append(lrow)
            made += 1
            if len(lbuf) >= batch_size:
                yield from flush_nodes()  # the nodes the batch points at go first
                yield lookup_statement(group, lbuf)
                look_buf[group] = []
        if len(buf) >= batch_size:
            yield Statement(create_cypher(rec.type), buf, rec.type)
            node_buf[rec.type] = []
    yield from flush_nodes()
    for group, rows in look_buf.items():
        if rows:
            yield lookup_statement(group, rows)
    look_buf.clear()
    for group, rows in edge_groups(ds, release):
        cypher = create_cypher(group)
        while chunk := [_present(r) for r in itertools.islice(rows, batch_size)]:
            made += len(chunk)
            yield Statement(cypher, chunk, group[0])
    if counts is not None:
        counts["rows"] = made + len(index.keys)


def dataset_rows(ds: Dataset) -> tuple[dict[str, list[dict]], dict[tuple[str, str, str], list[dict]]]:
    nodes: dict[str, list[dict]] = {}
    for rec in ds.nodes.values():
        nodes.setdefault(rec.type, []).append(node_row(rec, ds))
    edges: dict[tuple[str, str, str], list[dict]] = {}
    for rec in ds.edges:
        key = (rec.type, ds.nodes[rec.data["from"]].type, ds.nodes[rec.data["to"]].type)
        edges.setdefault(key, []).append(edge_row(rec, ds))
    add_lookup_rows(nodes, edges, ds)
    return nodes, edges


def _add_index_rows(nodes: dict[str, list[dict]], edges: dict[tuple[str, str, str], list[dict]],
                    label: str, rel: str, keys_of) -> None:
    """Add a derived index: one ``label`` node per key, and a ``rel`` edge (with the key's
    ``field``) from it to every record whose ``keys_of(row)`` pairs name that key."""
    keys: dict[str, None] = {}
    for node_type in [n for n in nodes if n in S.NODES]:
        rels = []
        for row in nodes[node_type]:
            for key, field in keys_of(row):
                keys.setdefault(key)
                rels.append({"src": key, "dst": row["id"], "field": field})
        if rels:
            edges[(rel, label, node_type)] = rels
    if keys:
        nodes[label] = [{"id": k} for k in keys]


def add_lookup_rows(nodes: dict[str, list[dict]], edges: dict[tuple[str, str, str], list[dict]], ds=None) -> None:
    """Add the derived ``Lookup`` nodes and ``LOOKUP_OF`` edges for the node rows in ``nodes``
    (with the facets of ``ds``'s edges, as :func:`lookup_index`)."""
    _add_index_rows(nodes, edges, S.LOOKUP_LABEL, S.LOOKUP_REL, lookup_index(ds).keys_of)


def add_term_rows(nodes: dict[str, list[dict]], edges: dict[tuple[str, str, str], list[dict]]) -> None:
    """Add the derived ``SearchTerm`` nodes and ``TERM_OF`` edges (the embedded backend's word index)."""
    from accgraph import search

    _add_index_rows(nodes, edges, S.TERM_LABEL, S.TERM_REL, lambda row: sorted(search.term_fields(row).items()))


def count_rows(node_rows: dict, edge_rows: dict) -> int:
    return sum(len(v) for v in node_rows.values()) + sum(len(v) for v in edge_rows.values())


#: Node labels and relationship types of the derived indexes (``Lookup``, the word index).
INDEX_GROUPS = frozenset({S.LOOKUP_LABEL, S.LOOKUP_REL, S.TERM_LABEL, S.TERM_REL})


def count_record_rows(node_rows: dict, edge_rows: dict) -> int:
    """Rows of records (nodes and edges of the seeds), the derived index rows apart: what progress counts."""
    return (sum(len(v) for k, v in node_rows.items() if k not in INDEX_GROUPS)
            + sum(len(v) for k, v in edge_rows.items() if k[0] not in INDEX_GROUPS))


class IndexRows:
    """A derived index (``Lookup`` or ``SearchTerm``) built one node row at a time.

    :meth:`edges` gives a node row's ``rel`` edges as they are needed (nothing
    is kept but the set of keys); :meth:`nodes` gives the key nodes at the end.
    The rows are the ones :func:`add_lookup_rows` / :func:`add_term_rows` add.
    """

    def __init__(self, label: str, rel: str, keys_of):
        self.label, self.rel, self.keys_of = label, rel, keys_of
        self.keys: dict[str, None] = {}

    def edges(self, node_type: str, row: dict) -> Iterator[tuple[tuple[str, str, str], dict]]:
        if node_type not in S.NODES:
            return
        group = (self.rel, self.label, node_type)
        keys = self.keys
        for key, field in self.keys_of(row):
            if key not in keys:
                keys[key] = None
            yield group, {"src": key, "dst": row["id"], "field": field}

    def nodes(self) -> Iterator[tuple[str, dict]]:
        for key in self.keys:
            yield self.label, {"id": key}


def lookup_index(ds=None) -> IndexRows:
    """The name index, with the facets that ``ds``'s edges give (:func:`accgraph.lookup.dataset_facets`)."""
    facets = lookup.dataset_facets(ds) if ds is not None else None
    return IndexRows(S.LOOKUP_LABEL, S.LOOKUP_REL, lambda row: lookup.keys(row, facets))


def term_index() -> IndexRows:
    from accgraph import search

    return IndexRows(S.TERM_LABEL, S.TERM_REL, lambda row: sorted(search.term_fields(row).items()))


def stream_rows(ds: Dataset, terms: bool = True, release: bool = False) -> Iterator[tuple[object, dict]]:
    """Every row of :func:`dataset_rows` (and, with ``terms``, of :func:`add_term_rows`), one at a time,
    as ``(group, row)``: group is a node label or a ``(type, source label, target label)`` triple.

    Rows are made as they are consumed, so only the records are held, never every row:
    first :func:`node_pass`, then :func:`edge_groups` (``release`` as there).
    """
    yield from node_pass(ds, terms)
    for group, rows in edge_groups(ds, release):
        for row in rows:
            yield group, row


def node_pass(ds: Dataset, terms: bool = True) -> Iterator[tuple[object, dict]]:
    """The node rows, with the derived index rows: each record's index edges after its row,
    the index nodes at the end.  Nothing after this pass adds a row to these groups."""
    indexes = [lookup_index(ds)] + ([term_index()] if terms else [])
    for rec in ds.nodes.values():
        row = node_row(rec, ds)
        yield rec.type, row
        for index in indexes:
            yield from index.edges(rec.type, row)
    for index in indexes:
        yield from index.nodes()


def edge_groups(ds: Dataset, release: bool = False) -> Iterator[tuple[tuple[str, str, str], Iterator[dict]]]:
    """The rows of the records' edges, one ``(type, source label, target label)`` group after another:
    ``(group, rows)``, the rows of a group in the records' order, made as they are consumed (each
    group's rows before the next group).  With ``release`` the edges leave ``ds`` at the start and
    each record is dropped once its row is made (``ds`` is then spent: only node records remain)."""
    nodes = ds.nodes
    corroboration.index(ds)  # built from every edge before they go
    groups: dict[tuple[str, str, str], list] = {}
    for rec in ds.edges:
        groups.setdefault((rec.type, nodes[rec.data["from"]].type, nodes[rec.data["to"]].type), []).append(rec)
    if release:
        ds.edges = []
        ds.all_edges = []
        ds.merged = []

    def rows(members: list) -> Iterator[dict]:
        for i, rec in enumerate(members):
            yield edge_row(rec, ds)
            if release:
                members[i] = None

    while groups:
        group = next(iter(groups))
        yield group, rows(groups.pop(group))
