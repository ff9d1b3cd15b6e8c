"""Every canned query gives byte-identical JSON on both backends, its collected lists sorted."""

from __future__ import annotations

import pytest

from accgraph import output as O
from accgraph import queries as Q
from accgraph.seeds_path import default_cypher

FILES = sorted(default_cypher().glob("*.cypher"))


def variants(q: Q.Query) -> list[dict]:
    out = [{}] if not any(p.required for p in q.params) else []
    out.append({p.name: p.example for p in q.params if p.example})
    return out


@pytest.mark.neo4j
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_byte_identical_json_on_both_backends(path, embedded, neo4j):
    q = Q.parse_file(path)
    for given in variants(q):
        cols_e, rows_e = Q.run(embedded, q, given)
        cols_n, rows_n = Q.run(neo4j, q, given)
        assert rows_e, (q.name, given)
        assert cols_e == cols_n
        assert O.to_json(rows_e) == O.to_json(rows_n), (q.name, given)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_collected_lists_are_sorted(path, embedded):
    q = Q.parse_file(path)
    for given in variants(q):
        for row in Q.run(embedded, q, given)[1]:
            for col in q.collected() & set(row):
                assert row[col] == sorted(row[col], key=Q._sort_key), (q.name, col)


def test_collected_columns_are_read_from_the_body():
    q = Q.get("recommendations")
    assert {"addressed_to", "concerns"} <= q.collected()
    assert "recommendation" not in q.collected()
    assert Q.get("instruments").collected() >= {"issued_by"}
