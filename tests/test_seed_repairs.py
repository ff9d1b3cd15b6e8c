"""Repairs of the seed data against the documents: paragraph and section labels,
one record per event and testimony, one edge per relation, accused groups
recorded as what the documents say they are."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from accgraph import queries as Q


def run(backend, query_name, **params):
    return Q.run(backend, Q.get(query_name), params)[1]


def cites(dataset, source):
    for rec in list(dataset.nodes.values()) + list(dataset.edges):
        for c in rec.data["cite"]:
            if c["source"] == source:
                yield c


def edges(dataset, etype, src=None, dst=None):
    return [e.data for e in dataset.edges
            if e.type == etype and (src is None or e.data["from"] == src) and (dst is None or e.data["to"] == dst)]


# --- locators -----------------------------------------------------------------------------

def test_press_release_paragraphs_are_counted_from_line_6(dataset):
    # The statement's paragraphs sit on lines 6, 8, ..., 20: paragraph n is on line 2n + 4.
    seen = Counter()
    for c in cites(dataset, "doc-unmik-pr-1180"):
        m = re.fullmatch(r"para (\d+), line (\d+)", c["at"])
        if m:
            para, line = int(m.group(1)), int(m.group(2))
            assert line == 2 * para + 4, c["at"]
            seen[para] += 1
    assert sorted(seen) == [1, 2, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize("record, at", [
    ("unit-tpiu", "Chapter 3: Responses to trafficking – law enforcement and criminal justice, line 1332"),
    ("unit-vaau", "The right to assistance, line 1980"),
    ("org-nato", "Chapter 1: Background, line 395"),
    ("post-comkfor", "NATO and KFOR, line 2994"),
    ("org-unhcr", "3.d Shelter, line 74"),
    ("cat-contractors", "para 3.4, line 48"),
])
def test_section_labels_name_the_section_holding_the_line(dataset, record, at):
    assert at in [c["at"] for c in dataset.nodes[record].data["cite"]]


# --- one record per event ---------------------------------------------------------------------

@pytest.mark.parametrize("src, dst", [
    ("case-ho-kfor-soldiers-mitrovica-2003", "case-ai-french-kfor-mitrovica-2003"),
    ("alg-ho-kfor-soldiers-mitrovica-2003", "alg-ai-french-kfor-mitrovica-2003"),
    ("event-ho-kfor-soldiers-sent-home-2003", "event-ai-french-kfor-2003-sent-home"),
    ("person-ho-kfor-soldiers-mitrovica-2003", "person-ai-french-kfor-mitrovica-2003"),
    ("case-ho-civpol-commander-pristina-2003", "case-ai-unmik-police-commander-2003"),
    ("alg-ho-civpol-commander-pristina-2003", "alg-ai-unmik-police-commander-2003"),
    ("person-ho-civpol-commander-pristina-2003", "person-ai-unmik-police-commander-2003"),
    ("case-ai-five-children-locked-room", "case-ai-five-children-rtk-2003"),
    ("unit-omik-human-rights-division", "unit-omik-human-rights-rule-of-law"),
    ("alg-ai-dn-article-251-rape", "alg-ai-peja-moldovan-rape"),
    ("claim-ho-ai-local-80-clientele", "claim-ai-locals-80pct-clients"),
])
def test_the_same_thing_in_two_places_is_linked_with_the_reason(dataset, src, dst):
    [link] = edges(dataset, "SAME_AS", src, dst)
    assert link["editorial"] and len(link["cite"]) >= 2


def test_the_cpwc_break_in_is_one_case_with_both_documents(dataset):
    assert "case-ho-cpwc-burglary-2003" not in dataset.nodes
    case = dataset.nodes["case-ai-cpwc-break-in-2003"].data
    assert {c["source"] for c in case["cite"]} == {"doc-amnesty-2004", "doc-homeoffice-cib-2004"}


def test_kfor_soldiers_sent_home_from_mitrovica_are_listed_once(embedded):
    rows = run(embedded, "allegations", against="KFOR")
    mitrovica_2003 = [r for r in rows if r["allegation"] in
                      {"alg-ai-french-kfor-mitrovica-2003", "alg-ho-kfor-soldiers-mitrovica-2003"}]
    assert [(r["allegation"], r["accused"], r["same_as"]) for r in mitrovica_2003] == [
        ("alg-ai-french-kfor-mitrovica-2003", ["Five French KFOR soldiers sent home from Mitrovica (2003)"],
         ["alg-ho-kfor-soldiers-mitrovica-2003"])]


# --- one testimony, one allegation --------------------------------------------------------------

def test_the_girl_s_testimony_is_one_allegation_credited_to_her(dataset):
    assert "alg-ai-testimony-forced-to-serve-internationals" not in dataset.nodes
    girl = dataset.nodes["alg-ai-girl-12-international-clients"].data
    assert sorted(c["at"] for c in girl["cite"]) == ["Introduction, lines 14-15", "The demand, lines 2706-2707"]
    assert [e["from"] for e in edges(dataset, "ALLEGES", dst="alg-ai-girl-12-international-clients")] == [
        "person-ai-girl-12-internally-trafficked", "doc-amnesty-2004"]
    other = dataset.nodes["alg-ai-testimony-raped-by-internationals"].data
    assert [c["at"] for c in other["cite"]] == ["The demand, lines 2703-2704"]
    assert edges(dataset, "AGAINST", src="alg-ai-testimony-raped-by-internationals") == []


# --- one edge per relation ----------------------------------------------------------------------

def test_no_relation_is_recorded_twice_with_the_same_properties(dataset):
    seen = Counter()
    for e in dataset.edges:
        d = e.data
        key = (e.type, d["from"], d["to"], d.get("pathway"), d.get("step"), d.get("victim"))
        seen[key] += 1
    assert [k for k, n in seen.items() if n > 1] == []


def test_merged_relations_keep_every_citation(dataset):
    [e] = edges(dataset, "APPLIES_TO", "inst-off-limits-list", "cat-unmik-personnel")
    assert sorted(c["source"] for c in e["cite"]) == [
        "doc-amnesty-2004", "doc-amnesty-2004", "doc-homeoffice-cib-2004", "doc-unmik-pr-1180"]
    [e] = edges(dataset, "REPORTS_TO", "post-srsg", "post-un-sg")
    assert sorted(c["source"] for c in e["cite"]) == ["doc-amnesty-2004", "doc-usstate-cable-2002"]


# --- what the accused are ---------------------------------------------------------------------

def test_royal_marines_allegation_is_hedged_not_substantiated(dataset):
    alg = dataset.nodes["alg-ai-uk-royal-marines-2000"].data
    assert (alg["status"], alg["hedged"]) == ("alleged", True)


@pytest.mark.parametrize("alg, accused, contingent", [
    ("alg-ai-uk-royal-marines-2000", "person-ai-uk-royal-marines-2000", "unit-kfor-uk-contingent"),
    ("alg-ai-french-kfor-mitrovica-2003", "person-ai-french-kfor-mitrovica-2003", "unit-kfor-french-contingent"),
    ("alg-ai-french-kfor-ten-suspects-2003", "person-ai-french-kfor-ten-suspects-2003", "unit-kfor-french-contingent"),
])
def test_unnamed_soldiers_are_accused_not_their_contingent(dataset, alg, accused, contingent):
    assert [e["to"] for e in edges(dataset, "AGAINST", src=alg)] == [accused]
    assert dataset.nodes[accused].data["anonymous"] is True
    assert [e["to"] for e in edges(dataset, "MEMBER_OF", src=accused)] == [contingent]


@pytest.mark.parametrize("group", [
    "org-ai-two-men-border-2002-05", "org-ai-three-suspects-2001",
    "org-ai-four-accused-girl-under-14", "org-ai-fushe-kosove-five-serbs",
])
def test_suspects_not_convicted_are_not_a_criminal_group(dataset, group):
    org = dataset.nodes[group].data
    assert org["org_kind"] == "other" and org["note"]


def test_kosovo_organized_crime_police_has_its_sourced_link(dataset):
    [e] = edges(dataset, "CONCERNS", dst="unit-ai-kosovo-organized-crime-police")
    assert e["from"] == "claim-ai-raids-largely-abandoned-2003"
    assert [c["at"] for c in e["cite"]] == ["Undercover operations, lines 1689-1690"]
