"""Lookup rows: one per folded id, name and alias, linked to every record carrying it."""

from __future__ import annotations

from accgraph import lookup
from accgraph import schema as S
from accgraph.textkey import fold


def test_keys_fold_and_keep_the_strongest_field():
    row = {"id": "org-kfor", "name": "KFOR", "aliases": ["Kosovo Force", "kfor", "  KOSOVO   force "]}
    assert lookup.keys(row) == [("org-kfor", "id"), ("kfor", "name"), ("kosovo force", "alias")]
    assert lookup.keys({"id": "x-peje", "name": "Pejë", "aliases": None}) == [("x-peje", "id"), ("peje", "name")]


def expected_lookup(dataset) -> set[tuple[str, str, str]]:
    out = set()
    facets = lookup.dataset_facets(dataset)
    for rec in dataset.nodes.values():
        for key, field in lookup.keys({**rec.data, "kind": rec.type}, facets):
            out.add((key, rec.id, field))
    return out


def test_facets_list_what_whole_graph_questions_start_from(dataset):
    """Facet keys: every dated allegation, event and instrument; every record granted immunity or
    under a waiver rule; every record that refers victims on. No folded name can equal one."""
    got: dict[str, set[str]] = {k: set() for k in lookup.FACETS}
    for key, node_id, field in expected_lookup(dataset):
        if field == lookup.FACET_FIELD:
            got[key].add(node_id)
    dated = {r.id for r in dataset.nodes.values() if r.type in ("Allegation", "Event", "Instrument")
             and any(p in r.data for p in ("date", "start", "end"))}
    immune = {e.data["to"] for e in dataset.edges if e.type in ("GRANTS_IMMUNITY", "MAY_WAIVE")}
    refers = {e.data["from"] for e in dataset.edges if e.type == "REFERS_VICTIMS_TO"}
    stated = {e.data["to"] for e in dataset.edges if e.type == "STATES"}
    assert got == {" dated": dated, " immune": immune, " refers": refers, " stated": stated}
    assert len(dated) > 50 and "cat-kfor-troops" in immune and "unit-tpiu" in refers
    for key in lookup.FACETS:
        assert key != fold(key) and fold(" " + key) != key


def test_lookup_rows_cover_every_id_name_and_alias(backend, dataset):
    rows = backend.read(f"MATCH (l:{S.LOOKUP_LABEL})-[r:{S.LOOKUP_REL}]->(n) RETURN l.id AS key, n.id AS id, r.field AS field")
    got = {(r["key"], r["id"], r["field"]) for r in rows}
    assert len(got) == len(rows)
    assert got == expected_lookup(dataset)
    n_keys = backend.read(f"MATCH (l:{S.LOOKUP_LABEL}) RETURN count(l) AS c")[0]["c"]
    assert n_keys == len({k for k, _, _ in got})


def test_a_name_resolves_through_the_lookup_key(backend):
    rows = backend.read(
        f"MATCH (l:{S.LOOKUP_LABEL} {{id: $key}})-[r:{S.LOOKUP_REL}]->(n) RETURN n.id AS id, r.field AS field",
        {"key": fold("KOSOVO  force")},
    )
    assert rows == [{"id": "org-kfor", "field": "name"}]


def test_lookup_is_bookkeeping_not_data(backend, dataset):
    assert S.LOOKUP_LABEL not in backend.counts()["nodes"]
    assert S.LOOKUP_REL not in backend.counts()["edges"]


def test_every_facet_a_query_starts_from_is_defined_and_used():
    """The facet keys in the canned queries are the ones the loader makes, and each is used."""
    import re

    from accgraph import queries as Q

    used = set()
    for q in Q.catalogue().values():
        for key, field in re.findall(r"Lookup \{id: '( [a-z]+)'\}\)-\[\w*:LOOKUP_OF \{field: '(\w+)'\}", q.cypher + (q.ladybug_cypher or "")):
            assert field == lookup.FACET_FIELD, (q.name, key)
            used.add(key)
    assert used == set(lookup.FACETS)
    assert {lookup.DATED[0]} | {key for key, _ in lookup.EDGE_FACETS.values()} == set(lookup.FACETS)
