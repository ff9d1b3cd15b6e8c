"""The timeline query, on both backends."""

from __future__ import annotations

from accgraph import queries as Q


def run(backend, **params):
    return Q.run(backend, Q.get("timeline"), params)[1]


def test_the_timeline_is_in_date_order_and_complete(backend):
    rows = run(backend)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {r["entry"] for r in rows} >= {"allegation", "event", "outcome", "instrument issued"}
    reg = [(r["date"], r["entry"], r["detail"]) for r in rows if r["id"] == "inst-reg-2000-47"]
    assert ("2000-08-18", "instrument issued", "UNMIK/REG/2000/47") in reg
    peja = [(r["date"], r["entry"], r["what"], r["actors"]) for r in rows if r["cases"] == ["case-ai-peja-2003"]]
    assert ("2003", "outcome", "Immunity of the Pakistani UNMIK officer waived",
            ["Pakistani UNMIK police officer arrested in Pejë/Peć (2003)", "UN Secretary-General"]) in peja
    assert all(r["citations"] for r in rows)
    assert all(r["actors"] == sorted(r["actors"]) and r["cases"] == sorted(r["cases"]) for r in rows)


def test_records_the_same_as_another_appear_once(backend):
    rows = {r["id"]: r for r in run(backend) if r["entry"] == "allegation"}
    assert "alg-ho-kfor-soldiers-mitrovica-2003" not in rows
    french = rows["alg-ai-french-kfor-mitrovica-2003"]
    assert (french["date"], french["n_sources"]) == ("2003", 2)


def test_the_timeline_of_kfor(backend):
    rows = run(backend, actor="KFOR")
    got = [(r["date"], r["entry"], r["id"]) for r in rows if r["date"].startswith("2003")]
    assert got == [
        ("2003", "allegation", "alg-ai-continued-use-2003"),
        ("2003", "allegation", "alg-ai-french-kfor-mitrovica-2003"),
        ("2003", "outcome", "event-ai-french-kfor-2003-sent-home"),
        ("2003-09", "allegation", "alg-ai-french-kfor-ten-suspects-2003"),
    ]
    ids = {r["id"] for r in rows}
    # allegations against KFOR's contingents and troops, and the immunity regulation that covers them
    assert {"alg-ai-unifem-french-kfor-mitrovica-1999", "alg-cable-kfor-patronising", "inst-reg-2000-47"} <= ids
    # nothing about UNMIK police alone
    assert "alg-ai-13yo-girl-2001" not in ids


def test_the_timeline_of_one_police_officer(backend):
    rows = run(backend, actor="person-ai-peja-2003-pakistani-officer")
    assert [(r["date"], r["entry"], r["id"]) for r in rows if r["entry"] != "instrument issued"] == [
        ("2003", "event", "event-ho-peje-release-2003"),
        ("2003", "outcome", "event-ai-peja-2003-waiver"),
        ("2003-06", "allegation", "alg-ai-peja-2003-albanian-coaccused"),
        ("2003-06", "allegation", "alg-ai-peja-2003-pakistani-officer"),
        ("2003-06-09", "event", "event-ai-peja-2003-arrest"),
        ("2003-06-13", "event", "event-ai-peja-2003-charges-confirmed"),
        ("2003-09", "event", "event-ai-peja-2003-investigative-proceedings"),
    ]
    # the rules that cover him, through the categories and organisations he belongs to
    assert {"inst-reg-2000-47", "inst-unmik-code-of-conduct-2001"} <= {r["id"] for r in rows}
    # an allegation against his whole category is not an allegation against him
    assert "alg-ai-lsms-police-clients-2000-2001" not in {r["id"] for r in rows}


def test_both_backends_give_the_same_timeline(embedded, neo4j):
    assert run(embedded) == run(neo4j)
    assert run(embedded, actor="UNMIK Police") == run(neo4j, actor="UNMIK Police")
