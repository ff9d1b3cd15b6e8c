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
    for rec in dataset.nodes.values():
        for key, field in lookup.keys(rec.data):
            out.add((key, rec.id, field))
    return out


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
