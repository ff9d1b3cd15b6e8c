"""search, show and cypher: exact answers on both backends; ad-hoc Cypher never writes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from accgraph import adhoc, search, show
from accgraph.cli import main
from accgraph.loader.backends import BackendError
from accgraph.queries import QueryError

ISF = "fac-interim-secure-facility"


def test_search_finds_the_facility_first(backend):
    hits = search.search(backend, "Interim Secure Facility")
    assert hits[0].row() == {"kind": "Facility", "id": ISF, "name": "Interim Secure Facility", "field": "name",
                             "snippet": "Interim Secure Facility"}
    # then the records that name it, before those that only mention it
    named = [h for h in hits if "interim secure facility" in h.name.casefold()]
    assert hits[:len(named)] == named and len(named) >= 5
    assert "claim-ai-isf-opened-june-2003" in {h.id for h in named}


def test_search_ignores_case_and_diacritics(backend):
    def ids(text):
        return sorted(h.id for h in search.search(backend, text, limit=1000))

    peja = ids("Peja")
    assert ids("Pejë") == ids("Peć") == ids("PEJE") == ids("pec") == peja
    assert len(peja) >= 30
    assert {"case-ai-peja-2003", "org-court-peja-district", "fac-ai-ngo-shelter-peja",
            "event-ho-peje-release-2003"} <= set(peja)
    assert ids("interim SECURE facility") == ids("Interim Secure Facility")


def test_search_by_kind_alias_and_quote(backend):
    assert [h.id for h in search.search(backend, "secure facility", ["Facility"])] == [ISF]
    isf = search.search(backend, "ISF", ["Facility"])
    assert [(h.id, h.field, h.snippet) for h in isf] == [(ISF, "aliases", "ISF")]
    quoted = search.search(backend, "operated a separate", ["Facility"])
    assert [(h.id, h.field) for h in quoted] == [(ISF, "quote")]
    assert quoted[0].snippet.startswith("UNMIK has since March 2003 operated a separate Interim Secure Facility")


def test_search_answers_are_the_same_on_both_backends(embedded, neo4j):
    for text in ("UNMIK police", "waiver immunity", "Prishtina", "shelter", "trafficking women"):
        assert [h.row() for h in search.search(embedded, text, limit=50)] == \
               [h.row() for h in search.search(neo4j, text, limit=50)], text


def test_search_needs_a_word(embedded):
    with pytest.raises(search.SearchError, match="nothing to search for"):
        search.search(embedded, "the of ...")


def test_show_facility_names_who_runs_it(backend):
    rec = show.record(backend, show.resolve(backend, "Interim Secure Facility"))
    assert rec["id"] == ISF and rec["kind"] == "Facility"
    runs = [r["sentence"] for r in rec["incoming"] if r["type"] == "RUNS"]
    assert runs == ["UN Interim Administration Mission in Kosovo runs Interim Secure Facility",
                    "Victims Advocacy and Assistance Unit runs Interim Secure Facility"]
    assert rec["marks"] == ["second-hand (via src-seerights-2002-2003, src-usstate-hrr-2003)"]
    assert rec["citations"][0]["quote"].startswith("UNMIK has since March 2003 operated")
    text = show.to_text(rec)
    assert "UN Interim Administration Mission in Kosovo runs Interim Secure Facility  (Organisation org-unmik) " \
           "[second-hand (via src-seerights-2002-2003)]" in text


def test_show_reads_edges_as_sentences(backend):
    rec = show.record(backend, show.resolve(backend, "UNMIK Police"))
    assert "UNMIK Police is part of UN Interim Administration Mission in Kosovo" in [r["sentence"] for r in rec["outgoing"]]


def test_show_is_the_same_on_both_backends(embedded, neo4j):
    for name in ("ISF", "UNMIK Police", "case-ai-peja-2003"):
        assert show.record(embedded, name if "-" in name else show.resolve(embedded, name)) == \
               show.record(neo4j, name if "-" in name else show.resolve(neo4j, name))


def test_show_miss_gives_close_matches(embedded):
    with pytest.raises(QueryError, match="no record matches record 'Interim Secure Facilty'.*fac-interim-secure-facility"):
        show.resolve(embedded, "Interim Secure Facilty")


HOSTILE = [
    "CREATE (x:Organisation {id: 'hostile', name: 'x'}) RETURN x",
    "MATCH (n:Facility) DETACH DELETE n",
    "MATCH (n:Facility) DELETE n",
    "MATCH (n:Facility) SET n.name = 'changed' RETURN n",
    "MATCH (n:Facility) REMOVE n.summary RETURN n",
    "MERGE (x:Organisation {id: 'hostile'}) RETURN x",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD FROM '/etc/passwd' RETURN *",
    "COPY Facility FROM '/tmp/x.csv'",
    "EXPORT DATABASE '/tmp/accgraph-export'",
    "CALL db.createLabel('Hostile')",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "CALL db.clearQueryCaches()",
    "CALL threads=1",
    "MATCH (n) RETURN count(n); CREATE (x:Organisation {id: 'hostile', name: 'x'})",
    "MATCH (n) RETURN count(n); MATCH (m) RETURN count(m)",
    "CREATE INDEX hostile IF NOT EXISTS FOR (n:Facility) ON (n.place)",
    "DROP CONSTRAINT accgraph_facility_id",
    "CALL { CREATE (x:Organisation {id: 'hostile', name: 'x'}) } IN TRANSACTIONS RETURN 1",
    "MATCH (n:Facility) FOREACH (x IN [1] | SET n.name = 'changed')",
    "ATTACH '/tmp/other.lbdb' AS other (dbtype lbug)",
    "INSTALL fts",
]

SIGNATURE = "MATCH (n) WHERE n.kind IS NOT NULL RETURN count(n) AS nodes, collect(DISTINCT n.name)[0..3] AS names"


def _state(backend):
    counts = backend.counts()
    names = backend.read("MATCH (f:Facility) RETURN f.id AS id, f.name AS name, f.summary AS summary ORDER BY id")
    return counts, names


@pytest.mark.parametrize("statement", HOSTILE)
def test_cypher_refuses_every_write(backend, statement):
    before = _state(backend)
    with pytest.raises((QueryError, BackendError)):
        adhoc.run(backend, statement)
    assert _state(backend) == before


@pytest.mark.parametrize("statement", HOSTILE[:6] + HOSTILE[16:20])
def test_database_itself_refuses_writes(backend, statement):
    """Past the statement check, the read-only file / read transaction still refuses."""
    before = _state(backend)
    with pytest.raises(BackendError):
        backend.read_columns(statement)
    assert _state(backend) == before


def test_cypher_reads_with_parameters(backend):
    cols, rows = adhoc.run(backend, "MATCH (f:Facility) WHERE f.id = $id RETURN f.name AS name, $n + 1 AS n",
                           adhoc.parse_params([("id", ISF), ("n", "41")]))
    assert (cols, rows) == (["name", "n"], [{"name": "Interim Secure Facility", "n": 42}])


def test_cypher_allows_properties_named_like_keywords(embedded):
    cols, rows = adhoc.run(embedded, "MATCH (f:Facility) WHERE f.id = $id RETURN f.name AS start, {set: 1} AS m",
                           {"id": ISF})
    assert rows == [{"start": "Interim Secure Facility", "m": {"set": 1}}]


def test_cypher_cli_output_and_one_line_errors(embedded_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["cypher", "MATCH (f:Facility) WHERE f.id = $id RETURN f.name AS name",
                              "-p", "id", ISF, "--format", "csv", "--db", str(embedded_path)])
    assert (ok.exit_code, ok.output) == (0, "name\nInterim Secure Facility\n")
    bad = runner.invoke(main, ["cypher", "MATCH (n) SET n.x = 1", "--db", str(embedded_path)])
    assert bad.exit_code == 1
    assert bad.output == "Error: read-only: SET is not allowed here (accgraph cypher only reads the graph)\n"
    broken = runner.invoke(main, ["cypher", "MATCH (", "--db", str(embedded_path)])
    assert broken.exit_code == 1 and broken.output.count("\n") == 1
    assert broken.output.startswith("Error: query failed on the embedded database: Parser exception")


def test_search_and_show_cli(embedded_path):
    runner = CliRunner()
    res = runner.invoke(main, ["search", "Interim Secure Facility", "--kind", "Facility", "--format", "json",
                               "--db", str(embedded_path)])
    assert res.exit_code == 0
    assert json.loads(res.output) == [{"kind": "Facility", "id": ISF, "name": "Interim Secure Facility",
                                       "field": "name", "snippet": "Interim Secure Facility"}]
    res = runner.invoke(main, ["show", "ISF", "--db", str(embedded_path)])
    assert res.exit_code == 0
    assert res.output.splitlines()[0] == f"Interim Secure Facility  [Facility {ISF}]"
    assert "Victims Advocacy and Assistance Unit runs Interim Secure Facility  (Unit unit-vaau)" in res.output


def test_embedded_search_uses_its_word_index(embedded, monkeypatch):
    """The SearchTerm index gives the same hits as reading every node table."""
    from accgraph import schema as S

    assert S.TERM_LABEL in embedded.tables()
    texts = ("Interim Secure Facility", "Peć", "UNMIK police", "waiver immunity", "operated a separate")
    indexed = {t: [h.row() for h in search.search(embedded, t, limit=100)] for t in texts}
    tables = embedded.tables()
    monkeypatch.setattr(embedded, "tables", lambda: {k: v for k, v in tables.items() if k != S.TERM_LABEL})
    assert {t: [h.row() for h in search.search(embedded, t, limit=100)] for t in texts} == indexed
    assert indexed["Interim Secure Facility"][0]["id"] == ISF
