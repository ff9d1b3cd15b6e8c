"""One test per query file: header, parameters, and the same answers on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accgraph import queries as Q
from accgraph.seeds_path import default_cypher

FILES = sorted(default_cypher().glob("*.cypher"))
REQUIRED = {
    "who-can-waive": ["holder", "as_of"], "immunities": ["holder", "as_of"], "chain-of-command": ["from", "as_of"], "referral-pathway": ["victim"],
    "disputes": ["topic"], "allegations": ["against"], "accountability-gaps": [], "case": ["id"],
    "actor": ["name", "as_of"], "instruments": [], "recommendations": ["to"], "sources-of": ["id"],
}


def canonical(rows: list[dict]) -> list[str]:
    """Rows in a backend-independent form: unordered lists sorted, rows sorted."""

    def norm(v, key=""):
        if isinstance(v, dict):
            if "nodes" in v and "rels" in v:  # a path: order matters
                return {"nodes": [norm(n) for n in v["nodes"]], "rels": [norm(r) for r in v["rels"]]}
            return {k: norm(x, k) for k, x in sorted(v.items())}
        if isinstance(v, list):
            items = [norm(x) for x in v]
            return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return v

    return sorted(json.dumps(norm(r), sort_keys=True) for r in rows)


def test_required_queries_exist_with_their_parameters():
    cat = Q.catalogue()
    for name, params in REQUIRED.items():
        assert name in cat, name
        assert [p.name for p in cat[name].params] == params, name


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_header(path: Path):
    q = Q.parse_file(path)
    assert q.name == path.stem
    assert q.title and q.category and len(q.description) > 40
    for p in q.params:
        assert p.description and p.example, (q.name, p.name)
    assert "$" not in q.title


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_runs_on_both_backends_with_the_same_answers(path: Path, embedded, neo4j):
    q = Q.parse_file(path)
    variants = [{}] if not any(p.required for p in q.params) else []
    example = {p.name: p.example for p in q.params if p.example}
    variants.append(example)
    for given in variants:
        cols_e, rows_e = Q.run(embedded, q, given)
        cols_n, rows_n = Q.run(neo4j, q, given)
        assert rows_e, (q.name, given, "no rows on the seed data")
        assert cols_e == cols_n
        assert canonical(rows_e) == canonical(rows_n), (q.name, given)


def test_header_and_body_parameters_must_agree(tmp_path):
    f = tmp_path / "bad-params.cypher"
    f.write_text(
        "// name: bad-params\n// title: T\n// category: c\n// description: d\n"
        "// parameters:\n//   - name: a\n//     description: x\n"
        "MATCH (n) WHERE n.id = $b RETURN n\n"
    )
    with pytest.raises(Q.QueryError) as err:
        Q.parse_file(f)
    assert str(err.value) == (
        f"{f}: body uses $b, which the header does not declare; header declares 'a', which the body does not use"
    )


def test_name_must_match_file_name(tmp_path):
    f = tmp_path / "one.cypher"
    f.write_text("// name: two\n// title: T\n// category: c\n// description: d\nRETURN 1 AS x\n")
    with pytest.raises(Q.QueryError, match="name 'two' differs from the file name 'one.cypher'"):
        Q.parse_file(f)


def test_ladybug_variant_is_used_on_the_embedded_backend(tmp_path):
    f = tmp_path / "v.cypher"
    f.write_text("// name: v\n// title: T\n// category: c\n// description: d\nRETURN 1 AS x\n// ladybug:\nRETURN 2 AS x\n")
    q = Q.parse_file(f)
    assert q.body_for("neo4j") == "RETURN 1 AS x"
    assert q.body_for("embedded") == "RETURN 2 AS x"


def test_canned_queries_run_read_only(backend):
    from accgraph.loader.backends import BackendError

    with pytest.raises(BackendError):
        backend.read("CREATE (t:Topic {id: 'topic-written-by-a-read'}) RETURN t.id AS id")
    assert backend.read("MATCH (t:Topic) WHERE t.id = 'topic-written-by-a-read' RETURN t.id AS id") == []


def test_a_hint_line_is_a_join_order_for_ladybug_and_a_comment_for_neo4j(tmp_path, embedded):
    f = tmp_path / "hinted.cypher"
    f.write_text(
        "// name: hinted\n// title: T\n// category: c\n// description: d\n"
        "// parameters:\n//   - name: id\n//     description: a case\n"
        "MATCH (c:`Case` {id: $id})<-[i:IN_CASE]-(a:Allegation)\n"
        "  // hint: (c JOIN i) JOIN a\n"
        "RETURN a.id AS allegation ORDER BY allegation\n"
    )
    q = Q.parse_file(f)
    assert q.body_for("neo4j") == q.cypher
    assert "  HINT (c JOIN i) JOIN a\n" in q.body_for("embedded")
    assert "hint:" not in q.body_for("embedded")
    hinted = Q.run(embedded, q, {"id": "case-ai-peja-2003"})[1]
    plain = embedded.read("MATCH (c:`Case` {id: $id})<-[:IN_CASE]-(a:Allegation) RETURN a.id AS allegation "
                          "ORDER BY allegation", {"id": "case-ai-peja-2003"})
    assert hinted == plain and len(hinted) == 2
