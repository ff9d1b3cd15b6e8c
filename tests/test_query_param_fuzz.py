"""Any text as a query parameter, on both backends: an answer or one clear error, and the graph unchanged."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from accgraph import queries as Q

CATALOGUE = Q.catalogue()
HOSTILE = ["'", '"', "\\", "`", "$", "//", "/*", "*/", ";", "\n", "\r", "\x00", "\u2028", "}", "{", ")", "(", "%",
           "MATCH (n) DETACH DELETE n", "' OR 1=1 //", "`) DETACH DELETE n //", "$holder", "0", "-1", "1e999",
           "9999999999999999999999", "UNMIK Police", "KFOR", "unit-unmik-police", " ", "", "\u00e9", "\U0001F600"]
text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=6).map("".join)
calls = st.sampled_from(sorted(CATALOGUE)).flatmap(
    lambda name: st.tuples(st.just(name), st.dictionaries(
        st.sampled_from([p.name for p in CATALOGUE[name].params] or ["unknown"]), text, max_size=3)))


def fingerprint(backend) -> tuple:
    meta = backend.meta() or {}
    return backend.counts(), meta.get("digest"), meta.get("loaded_at")


def test_query_parameters_never_crash_or_write(backend):
    before = fingerprint(backend)

    @settings(max_examples=30, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(calls)
    def run(call):
        name, params = call
        query = CATALOGUE[name]
        try:
            Q.check_names(query, params)
            columns, rows = Q.run(backend, query, params)
        except Q.QueryError as exc:
            assert str(exc) and "\n" not in str(exc).strip()
            return
        assert isinstance(columns, list) and isinstance(rows, list)

    run()
    assert fingerprint(backend) == before
