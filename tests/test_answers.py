"""The answers users come for, asserted on the seed data, on both backends."""

from __future__ import annotations

import pytest

from accgraph import queries as Q


def run(backend, query_name, **params):
    return Q.run(backend, Q.get(query_name), params)[1]


def sources(rows) -> set[str]:
    return {c["source"] for r in rows for c in r.get("citations") or []}


def test_un_secretary_general_may_waive_for_unmik_police(backend):
    rows = run(backend, "who-can-waive", holder="UNMIK Police")
    assert [(r["authority"], r["covered_as"], r["instrument"], r["provision"]) for r in rows] == [
        ("UN Secretary-General", "UNMIK personnel", "UNMIK Regulation 2000/47", "Section 6")
    ]
    assert "doc-amnesty-2004" in sources(rows)


def test_contingent_commander_may_waive_for_a_kfor_soldier(backend):
    rows = run(backend, "who-can-waive", holder="person-ho-kfor-soldiers-mitrovica-2003")
    assert {r["authority"] for r in rows} == {"Commander of a national KFOR contingent"}
    assert {r["covered_as"] for r in rows} == {"KFOR troops"}


def test_waiver_rules_without_a_holder(backend):
    rows = run(backend, "who-can-waive")
    assert {(r["holder"], r["authority"]) for r in rows if r["authority"]} == {
        ("UNMIK personnel", "UN Secretary-General"),
        ("KFOR troops", "Commander of a national KFOR contingent"),
        ("Contractors working for UNMIK or KFOR", "UN Secretary-General"),
        ("Staff of some other organisations", "UN Secretary-General"),
    }


def test_names_resolve_by_alias_ignoring_case(backend):
    assert run(backend, "who-can-waive", holder="civpol") == run(backend, "who-can-waive", holder="unit-unmik-police")


def test_immunities_name_the_instrument_and_who_may_waive(backend):
    rows = {r["holder"]: r for r in run(backend, "immunities") if r["instrument"] == "UNMIK Regulation 2000/47"}
    assert set(rows) >= {"UNMIK personnel", "KFOR troops", "Contractors working for UNMIK or KFOR"}
    assert rows["UNMIK personnel"]["waivable_by"] == ["UN Secretary-General"]
    assert rows["KFOR troops"]["immunity_kind"] == "sending_state_jurisdiction"
    assert rows["Contractors working for UNMIK or KFOR"]["waivable_by"] == ["UN Secretary-General"]


def test_chain_of_command_above_the_tpiu(backend):
    rows = run(backend, "chain-of-command", **{"from": "TPIU"})
    links = {(r["level"], r["subordinate"], r["relation"], r["superior"]) for r in rows}
    assert (1, "Trafficking and Prostitution Investigation Unit", "PART_OF", "UNMIK Police") in links
    assert (2, "UNMIK Police", "REPORTS_TO", "Special Representative of the UN Secretary-General") in links
    assert (3, "Special Representative of the UN Secretary-General", "REPORTS_TO", "UN Secretary-General") in links
    assert max(r["level"] for r in rows) >= 4
    assert all(r["citations"] for r in rows)


def test_referral_path_for_a_foreign_victim(backend):
    rows = run(backend, "referral-pathway", victim="international")
    assert {r["victim"] for r in rows} <= {"international", "any"}
    steps = [(r["step"], r["referred_by"], r["referred_to"]) for r in rows if r["pathway"] == "ai-2004-international"]
    assert steps[0] == (1, "Trafficking and Prostitution Investigation Unit", "OSCE Regional Trafficking Focal Points")
    assert (2, "OSCE Regional Trafficking Focal Points", "International Organization for Migration") in steps
    assert any(to.startswith("IOM shelter") for _, _, to in steps)
    domestic = run(backend, "referral-pathway", victim="domestic")
    assert "ai-2004-domestic" in {r["pathway"] for r in domestic}
    assert "ai-2004-international" not in {r["pathway"] for r in domestic}


def test_the_sides_of_the_penalty_range_dispute(backend):
    rows = run(backend, "disputes", topic="topic-penalty-trafficking")
    figures = {(r["stated_by"].split(" ")[0], r["figure"]) for r in rows}
    assert ("Amnesty", "2 to 12 years (maximum 15 for a minor)") in figures
    assert ("UK", "5 to 20 years") in figures
    assert ("OSCE", "two to 20 years") in figures
    assert len({r["stated_by"] for r in rows}) >= 4
    assert any(r["contradicts"] for r in rows)


def test_disputes_list_only_topics_with_several_voices(backend):
    rows = run(backend, "disputes")
    topics = {r["topic"] for r in rows}
    assert {"Penalty for trafficking under Regulation 2001/4", "Number of raids and checks on premises",
            "Whether the Amnesty report is outdated"} <= topics
    for topic in topics:
        assert len({r["stated_by"] for r in rows if r["topic"] == topic}) > 1, topic


def test_allegations_against_kfor_include_its_contingents(backend):
    rows = run(backend, "allegations", against="KFOR")
    accused = {a for r in rows for a in r["accused"]}
    assert {"KFOR troops", "French KFOR contingent", "Russian KFOR contingent"} <= accused
    assert all(r["status"] in {"alleged", "substantiated", "denied", "unresolved"} for r in rows)


def test_impunity_report(backend):
    rows = {r["allegation"]: r for r in run(backend, "accountability-gaps")}
    peja = rows["alg-ai-peja-2003-pakistani-officer"]
    assert peja["waiver"] == "granted" and peja["gap"] == "no"
    assert peja["could_waive"] == ["UN Secretary-General"]
    girl = rows["alg-ai-unmik-officer-13yo-2001"]
    assert girl["waiver"] == "none recorded" and girl["gap"] == "yes"
    assert "repatriated" in girl["outcome"]
    kfor = rows["alg-cable-kfor-patronising"]
    assert kfor["could_waive"] == ["Commander of a national KFOR contingent"] and kfor["gap"] == "yes"
    assert sum(r["gap"] == "yes" for r in rows.values()) > 20


def test_case_dossier(backend):
    rows = run(backend, "case", id="case-ai-peja-2003")
    parts = {r["part"] for r in rows}
    assert {"case", "allegation", "accused", "alleged by", "event", "involved"} <= parts
    events = {(r["date"], r["detail"]) for r in rows if r["part"] == "event"}
    assert ("2003-06-09", "arrest") in events
    assert ("2003", "waiver_decision") in events


def test_actor_profile(backend):
    rows = run(backend, "actor", name="TPIU")
    profile = [r for r in rows if r["part"] == "profile"]
    assert profile[0]["other"] == "Trafficking and Prostitution Investigation Unit"
    assert "TPIU" in profile[0]["aliases"]
    assert ("outgoing", "PART_OF", "UNMIK Police") in {(r["part"], r["relation"], r["other"]) for r in rows}


def test_instruments_in_date_order(backend):
    rows = run(backend, "instruments")
    dated = [r["date"] for r in rows if r["date"] != "undated"]
    assert dated == sorted(dated)
    reg = next(r for r in rows if r["instrument"] == "UNMIK Regulation 2001/4")
    assert reg["date"] == "2001-01-12"
    assert "Special Representative of the UN Secretary-General" in reg["issued_by"]


def test_recommendations_to_unmik_include_amending_the_immunity_rule(backend):
    rows = run(backend, "recommendations", to="UNMIK")
    assert "rec-ai-amend-reg-2000-47" in {r["id"] for r in rows}
    assert all("UN Interim Administration Mission in Kosovo" in r["addressed_to"] for r in rows)


def test_sources_of_a_node(backend):
    rows = run(backend, "sources-of", id="post-un-sg")
    waive = next(r for r in rows if r["relation"] == "MAY_WAIVE" and r["item"] == "UNMIK personnel")
    assert {"source": "doc-amnesty-2004", "at": "Responsibility and accountability in Kosovo, lines 531-532",
            "quote": "may therefore only be prosecuted if a waiver is granted by the UN Secretary-General"} in waive["citations"]


def test_unknown_and_ambiguous_names_are_clear_errors(backend):
    with pytest.raises(Q.QueryError, match=r"no actor matches holder 'unmik-polic'; close matches: unit-unmik-police"):
        run(backend, "who-can-waive", holder="unmik-polic")
    with pytest.raises(Q.QueryError, match="has no parameter 'nope'"):
        run(backend, "who-can-waive", nope="x")
    with pytest.raises(Q.QueryError, match="needs parameter 'from'"):
        run(backend, "chain-of-command")
