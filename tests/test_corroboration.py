"""Corroboration by independent origin: the derived columns and the canned query, on both backends."""

from __future__ import annotations

from accgraph import corroboration as C
from accgraph import queries as Q
from accgraph.loader.validate import Dataset, Record


def node(node_id: str, node_type: str, cites: list[dict], **data) -> Record:
    return Record("node", node_type, {"id": node_id, "name": node_id, "cite": cites, **data}, "t.yaml", 1, ())


def edge(etype: str, a: str, b: str, cites: list[dict] | None = None, **data) -> Record:
    cites = cites or [{"source": "doc-a", "at": "line 1"}]
    return Record("edge", etype, {"id": f"{etype.lower()}:{a}:{b}", "from": a, "to": b, "cite": cites, **data},
                  "t.yaml", 1, ())


def cite(source: str, via: str | None = None) -> dict:
    return {"source": source, "at": "line 1", **({"via": via} if via else {})}


def small_dataset() -> Dataset:
    ds = Dataset()
    for n in [
        node("doc-a", "Source", [cite("doc-a")]),
        node("doc-b", "Source", [cite("doc-b")]),
        node("doc-c", "Source", [cite("doc-c")]),
        node("src-release", "Source", [cite("doc-b")]),  # draws on doc-a only
        node("src-digest", "Source", [cite("doc-b")]),  # draws on two reports: the chain stops here
        node("org-x", "Organisation", [cite("doc-a")]),
        # doc-a first-hand; doc-b via a release that stands for doc-a
        node("claim-1", "Claim", [cite("doc-a"), cite("doc-b", "src-release")], text="t"),
        # both documents repeat org-x; hedged
        node("claim-2", "Claim", [cite("doc-a", "org-x"), cite("doc-c", "org-x")], text="t", hedged=True),
        # via a source that draws on several: its own origin
        node("claim-3", "Claim", [cite("doc-b", "src-digest")], text="t"),
        # stated by doc-c itself, and corroborated by claim-5, which doc-b repeats via the release
        node("claim-4", "Claim", [cite("doc-c")], text="t"),
        node("claim-5", "Claim", [cite("doc-b", "src-release")], text="t"),
        node("alg-1", "Allegation", [cite("doc-a")], status="alleged"),
        node("alg-2", "Allegation", [cite("doc-b", "doc-a")], status="alleged"),
        node("alg-3", "Allegation", [cite("doc-c")], status="alleged", hedged=True),
    ]:
        ds.nodes[n.id] = n
    ds.edges += [
        edge("DRAWS_ON", "src-release", "doc-a"),
        edge("DRAWS_ON", "src-digest", "doc-a"),
        edge("DRAWS_ON", "src-digest", "doc-c"),
        edge("CORROBORATES", "claim-5", "claim-4"),
        edge("SAME_AS", "alg-2", "alg-1"),
        edge("SAME_AS", "alg-3", "alg-2"),
        edge("MEMBER_OF", "org-x", "doc-a", [cite("doc-b", "doc-a"), cite("doc-c", "src-digest")]),
    ]
    return ds


def figures(ds: Dataset, rec: Record) -> tuple:
    c = C.columns(rec, ds)
    return c["n_sources"], c["n_origins"], c["weakest_link"], c["stated_in"], c["origin_ids"]


def test_via_chains_end_at_their_origin():
    ds = small_dataset()
    n = ds.nodes
    assert figures(ds, n["claim-1"]) == (2, 1, "", ["doc-a", "doc-b"], ["doc-a"])
    assert figures(ds, n["claim-2"]) == (2, 1, "hedged, second-hand", ["doc-a", "doc-c"], ["org-x"])
    assert figures(ds, n["claim-3"]) == (1, 1, "second-hand", ["doc-b"], ["src-digest"])


def test_a_claim_counts_the_claims_that_corroborate_it_both_ways():
    ds = small_dataset()
    ds = small_dataset()
    assert figures(ds, ds.nodes["claim-4"]) == (2, 2, "", ["doc-b", "doc-c"], ["doc-a", "doc-c"])
    # the weakest link speaks of the record itself: claim-5 is second-hand even though claim-4 is not
    assert figures(ds, ds.nodes["claim-5"]) == (2, 2, "second-hand", ["doc-b", "doc-c"], ["doc-a", "doc-c"])


def test_same_as_records_share_their_support():
    ds = small_dataset()
    expected = (3, 2, "hedged", ["doc-a", "doc-b", "doc-c"], ["doc-a", "doc-c"])
    assert [figures(ds, ds.nodes[i]) for i in ("alg-1", "alg-2", "alg-3")] == [expected] * 3


def test_edges_count_their_own_citations():
    ds = small_dataset()
    member = next(e for e in ds.edges if e.type == "MEMBER_OF")
    assert figures(ds, member) == (2, 2, "second-hand", ["doc-b", "doc-c"], ["doc-a", "src-digest"])
    draws = ds.edges[0]
    assert figures(ds, draws) == (1, 1, "", ["doc-a"], ["doc-a"])


def test_a_via_cycle_ends():
    ds = small_dataset()
    ds.edges.append(edge("DRAWS_ON", "doc-a", "src-release"))  # doc-a now draws on one source, which draws on doc-a
    ds.nodes["claim-x"] = node("claim-x", "Claim", [cite("doc-b", "src-release")], text="t")
    assert figures(ds, ds.nodes["claim-x"])[4] == ["doc-a"]


# --- on the seeds, both backends ---------------------------------------------------


def run(backend, **params):
    return Q.run(backend, Q.get("corroboration"), params)[1]


def test_a_home_office_claim_repeated_via_amnesty_is_one_origin(backend):
    rows = run(backend, id="claim-ho-ai-redress-protection")
    assert [{k: v for k, v in r.items() if k not in ("statement", "citations")} for r in rows] == [{
        "kind": "Claim", "id": "claim-ho-ai-redress-protection", "n_sources": 2, "n_origins": 1,
        "weakest_link": "second-hand", "stated_in": ["doc-amnesty-2004", "doc-homeoffice-cib-2004"],
        "origin_ids": ["doc-amnesty-2004"], "linked": ["claim-ai-ad-not-in-force"],
        "hedged": None, "editorial": None, "caveats": ["second-hand"],
    }]
    # the bulletin cites Amnesty's news release, which draws on the report: the chain ends at the report
    assert {c["via"] for c in rows[0]["citations"]} == {"src-ai-news-release-2004"}


def test_records_the_same_as_another_are_listed_once(backend):
    rows = {r["id"]: r for r in run(backend)}
    assert "claim-ho-ai-extent-impossible" not in rows
    amnesty = rows["claim-ai-extent-impossible-to-estimate"]
    assert (amnesty["n_sources"], amnesty["n_origins"], amnesty["weakest_link"], amnesty["linked"]) == (
        2, 1, "", ["claim-ho-ai-extent-impossible"])
    # asked for by id, the Home Office record answers with the figures of the pair
    ho = run(backend, id="claim-ho-ai-extent-impossible")
    assert [(r["n_sources"], r["n_origins"], r["weakest_link"], r["linked"]) for r in ho] == [
        (2, 1, "", ["claim-ai-extent-impossible-to-estimate"])]


def test_claims_with_fewer_origins_than_sources(backend):
    rows = run(backend)
    repeated = {r["id"] for r in rows if r["kind"] == "Claim" and r["n_origins"] < r["n_sources"]}
    assert {"claim-ai-ad-not-in-force", "claim-ai-extent-impossible-to-estimate", "claim-ai-iom-37pct-mothers",
            "claim-ho-ai-redress-protection", "claim-ho-iom-victim-family-2002"} <= repeated
    both = {r["id"]: r for r in rows}
    # Amnesty and the Home Office both repeat the same IOM report: two documents, one origin
    assert both["claim-ai-iom-37pct-mothers"]["origin_ids"] == ["src-iom-sitrep-2000-2002"]
    assert {r["kind"] for r in rows} == {"Claim", "Allegation"}
    assert all(r["n_sources"] == len(r["stated_in"]) and r["n_origins"] == len(r["origin_ids"]) for r in rows)
    assert all(r["weakest_link"] in ("", "hedged", "second-hand", "hedged, second-hand") for r in rows)
    kinds = [r["kind"] for r in rows]
    assert kinds == sorted(kinds, key=["Claim", "Allegation"].index)
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows if r["kind"] == "Claim") + sorted(
        r["id"] for r in rows if r["kind"] == "Allegation")
    assert all(r["linked"] == sorted(r["linked"]) for r in rows)


def test_both_backends_give_the_same_corroboration(embedded, neo4j):
    assert run(embedded) == run(neo4j)
    cypher = "MATCH (n) WHERE n.kind IS NOT NULL RETURN n.id AS id, n.n_sources AS s, n.n_origins AS o, " \
             "n.weakest_link AS w, n.stated_in AS si, n.origin_ids AS oi ORDER BY id"
    assert embedded.read(cypher) == neo4j.read(cypher)


def test_disputes_and_allegations_show_corroboration(backend):
    rows = Q.run(backend, Q.get("disputes"), {})[1]
    figures = {(r["n_sources"], r["n_origins"], r["weakest_link"]) for r in rows
               if r["claim_id"] == "claim-ho-ai-redress-protection"}
    assert figures == {(2, 1, "second-hand")}
    rows = Q.run(backend, Q.get("allegations"), {"against": "KFOR"})[1]
    french = {r["allegation"]: (r["n_sources"], r["n_origins"], r["weakest_link"]) for r in rows
              if "french" in r["allegation"]}
    # Amnesty and the Home Office (via the State Department) describe the 2003 case: two documents, two origins
    assert french == {
        "alg-ai-unifem-french-kfor-mitrovica-1999": (1, 1, "hedged, second-hand"),
        "alg-ai-french-kfor-mitrovica-2003": (2, 2, ""),
        "alg-ai-french-kfor-ten-suspects-2003": (1, 1, "second-hand"),
    }
