"""Data fidelity: disputes carry every side, the records say what the documents say,
editorial identifications are marked, and the items users ask about are there."""

from __future__ import annotations

import pytest

from accgraph import queries as Q


def run(backend, query_name, **params):
    return Q.run(backend, Q.get(query_name), params)[1]


def node(dataset, node_id):
    return dataset.nodes[node_id].data


def edges(dataset, etype, src=None, dst=None):
    return [e.data for e in dataset.edges
            if e.type == etype and (src is None or e.data["from"] == src) and (dst is None or e.data["to"] == dst)]


# --- disputes: one claim per side, each stated by its source, opposing claims linked -----------

DISPUTES = {
    # topic: {claim id: (stated by, as_of)}
    "topic-isf-opening": {
        "claim-ho-seerights-isf-since-march-2003": ("doc-homeoffice-cib-2004", "2003-03"),
        "claim-ai-isf-opened-june-2003": ("doc-amnesty-2004", "2003-06"),
    },
    "topic-umcor-shelter-opening": {
        "claim-ho-seerights-umcor-shelter-since-july-2000": ("doc-homeoffice-cib-2004", "2000-07"),
        "claim-ai-shelter-opened-february-2000": ("doc-amnesty-2004", "2000-02"),
        "claim-osce-2001-shelter-set-up-after-raid": ("doc-osce-2001", "2000-02"),
    },
    "topic-article-251-code": {
        "claim-osce-2001-art-251-yugoslav-code": ("doc-osce-2001", None),
        "claim-ai-art-251-serbian-code": ("doc-amnesty-2004", "2001-01"),
    },
}

CONTRADICTIONS = {
    ("claim-ai-report-evidence-2003-2004", "claim-pr-report-outdated"),
    ("claim-ai-internationals-continue-use-2003", "claim-pr-report-outdated"),
    ("claim-ho-seerights-isf-since-march-2003", "claim-ai-isf-opened-june-2003"),
    ("claim-ho-seerights-umcor-shelter-since-july-2000", "claim-ai-shelter-opened-february-2000"),
    ("claim-ho-seerights-umcor-shelter-since-july-2000", "claim-osce-2001-shelter-set-up-after-raid"),
    ("claim-ai-art-251-serbian-code", "claim-osce-2001-art-251-yugoslav-code"),
    ("claim-ai-palermo-definition-applies", "claim-cable-kosovo-not-party-instruments"),
}


@pytest.mark.parametrize("topic", sorted(DISPUTES))
def test_disputes_show_each_side_with_its_source(embedded, topic):
    rows = run(embedded, "disputes", topic=topic)
    doc_names = {r["stated_by"]: r for r in rows}
    got = {r["claim_id"]: r["as_of"] for r in rows if r["stated_by"].startswith(("UK Home", "Amnesty", "OSCE"))}
    assert got == {cid: as_of for cid, (_, as_of) in DISPUTES[topic].items()}
    assert len(doc_names) == len({src for src, _ in DISPUTES[topic].values()})
    assert all(r["stance"] == "asserts" and r["citations"] for r in rows)


def test_the_outdated_report_dispute_has_amnesty_s_side(embedded):
    rows = run(embedded, "disputes", topic="topic-report-outdated")
    by_claim = {r["claim_id"]: r for r in rows}
    assert sorted(by_claim["claim-pr-report-outdated"]["contradicts"]) == [
        "claim-ai-internationals-continue-use-2003", "claim-ai-report-evidence-2003-2004"]
    assert by_claim["claim-ai-report-evidence-2003-2004"]["as_of"] == "2004-03"
    assert {r["stated_by"] for r in rows} >= {
        "UNMIK press release PR/1180 (6 May 2004)",
        "Amnesty International report on trafficked women and girls in Kosovo (6 May 2004)",
        "UK Home Office Country Information Bulletin 4/2004 (25 June 2004)",
    }


def test_international_instruments_dispute(embedded):
    rows = run(embedded, "disputes", topic="topic-international-instruments-kosovo")
    by_claim = {r["claim_id"]: r for r in rows}
    assert set(by_claim) == {
        "claim-cable-kosovo-not-party-instruments", "claim-ai-palermo-definition-applies",
        "claim-ai-reg-2001-4-definition-from-protocol", "claim-osce-2001-reg-drew-on-international-instruments",
    }
    assert by_claim["claim-cable-kosovo-not-party-instruments"]["contradicts"] == ["claim-ai-palermo-definition-applies"]
    assert by_claim["claim-cable-kosovo-not-party-instruments"]["stated_by"] == (
        "US Office Pristina cable 2002PRISTI00351 (1 March 2002)")


def test_opposing_claims_are_linked_and_reading_them_as_opposed_is_marked_when_editorial(dataset):
    found = {(e["from"], e["to"]) for e in edges(dataset, "CONTRADICTS")}
    assert CONTRADICTIONS <= found
    editorial = {(e["from"], e["to"]) for e in edges(dataset, "CONTRADICTS") if e.get("editorial")}
    assert editorial >= {
        ("claim-ai-report-evidence-2003-2004", "claim-pr-report-outdated"),
        ("claim-ai-internationals-continue-use-2003", "claim-pr-report-outdated"),
        ("claim-ai-palermo-definition-applies", "claim-cable-kosovo-not-party-instruments"),
    }


def test_disputed_dates_are_not_stored_as_fact(dataset):
    assert node(dataset, "fac-interim-secure-facility")["start"] == "2003"
    assert node(dataset, "fac-umcor-pristina-shelter")["start"] == "2000"
    assert "note" not in node(dataset, "claim-ai-isf-opened-june-2003")


# --- outside knowledge: what the documents say, editorial identifications marked ---------------

def test_records_carry_the_documents_words(dataset):
    assert node(dataset, "inst-reg-2001-10")["name"] == "UNMIK Regulation 2001/10"
    assert "Borders" not in " ".join(node(dataset, "inst-reg-2001-10").get("aliases", []))
    assert node(dataset, "inst-osce-2001-reg-borders-boundaries")["name"] == (
        "Regulation on Borders and Boundaries (new in June 2001)")
    assert node(dataset, "unit-osce-lsms")["name"] == "OSCE Legal Systems Monitoring Service"
    assert not any("Section" in a for a in node(dataset, "unit-osce-lsms")["aliases"])
    assert node(dataset, "org-seci")["name"] == "Southeastern European Coordination Initiative"
    assert node(dataset, "org-seci")["aliases"] == ["SECI"]
    assert node(dataset, "unit-state-g-tip")["name"] == "G/TIP (Department of State)"
    assert "date" not in node(dataset, "inst-un-charter")
    assert node(dataset, "unit-unmik-police-justice-pillar")["name"] == "UNMIK Police and Justice Pillar"


def test_undated_osce_events_get_no_year(dataset):
    freeze = node(dataset, "claim-osce-2001-iom-freeze")
    assert "as_of" not in freeze and "2001" not in freeze["text"]
    assert "start" not in node(dataset, "org-shelter-coordination-group")
    funds = edges(dataset, "FUNDS", "org-us-government", "unit-omik-human-rights-division")
    assert [("start" in e, "2001" in e["note"]) for e in funds] == [(False, False)]


@pytest.mark.parametrize("src,dst", [
    ("inst-osce-2001-reg-borders-boundaries", "inst-reg-2001-10"),
    ("unit-unmik-police-justice-pillar", "unit-unmik-pillar-one"),
    ("inst-serbian-cc-art-251", "inst-yugoslav-cc-art-251"),
])
def test_editorial_identifications_are_same_as_links_with_a_reason(dataset, src, dst):
    [link] = edges(dataset, "SAME_AS", src, dst)
    assert "project's identification" in " ".join(link["editorial"].split())
    assert len({c["source"] for c in link["cite"]}) == 2


# --- items users ask about ---------------------------------------------------------------------

def test_home_office_figures_on_cpwc_requests_and_women_in_kps_and_kpc(embedded):
    rows = run(embedded, "disputes", topic="topic-ho-women-violence-institutions")
    figures = {r["claim_id"]: r["figure"] for r in rows}
    assert figures == {
        "claim-ho-usdos-cpwc-5400-requests": "approximately 5,400",
        "claim-ho-usdos-women-kps-15pct": "about 15 percent",
        "claim-ho-usdos-women-kpc-210": "approximately 210 out of 3,000 (7 percent)",
        "claim-ho-usdos-mgos-appointed": "26 Albanian and four Serb MGOs",
    }


def test_claim_values_and_units(dataset):
    assert [(node(dataset, c)["value"], node(dataset, c)["unit"]) for c in (
        "claim-ho-usdos-cpwc-5400-requests", "claim-ho-usdos-women-kps-15pct", "claim-ho-usdos-women-kpc-210")] == [
        (5400, "requests for assistance"), (15, "per cent of the KPS"), (210, "women among active-duty KPC members")]


def test_municipal_gender_officers_resolve_by_abbreviation(embedded):
    rows = run(embedded, "actor", name="MGO")
    assert [r["other"] for r in rows if r["part"] == "profile"] == ["Municipal Gender Officer"]
    assert "claim-ho-usdos-mgos-appointed" not in [r["other"] for r in rows]
    assert any(r["part"] == "incoming" and r["relation"] == "CONCERNS" for r in rows)


def test_regulation_2001_4_sections_and_basis(dataset):
    about_reg = {e["from"] for e in edges(dataset, "CONCERNS", dst="inst-reg-2001-4")}
    assert {"claim-ai-reg-2001-4-s5-2-witness-protection", "claim-ai-reg-2001-4-s12-1-durable-solutions",
            "claim-ai-reg-2001-4-definition-from-protocol"} <= about_reg
    assert [e["from"] for e in edges(dataset, "CONCERNS", dst="inst-trafficking-protocol")
            if e["from"] == "claim-ai-reg-2001-4-definition-from-protocol"] == [
        "claim-ai-reg-2001-4-definition-from-protocol"]
    quotes = {c["quote"] for c in node(dataset, "claim-ai-reg-2001-4-s5-2-witness-protection")["cite"]}
    assert any("Section 5.2" in q for q in quotes)
    assert any(c["at"] == "footnote 204, line 2380"
               for c in node(dataset, "claim-ai-reg-2001-4-s12-1-durable-solutions")["cite"])


def test_amnesty_objections_to_the_administrative_directive(embedded):
    rows = run(embedded, "disputes", topic="topic-ai-administrative-directive")
    amnesty = {r["claim_id"] for r in rows
               if r["stated_by"] == "Amnesty International report on trafficked women and girls in Kosovo (6 May 2004)"}
    assert {
        "claim-ai-ad-rights-not-recognised", "claim-ai-ad-application-obstacle", "claim-ai-ad-evidence-burden",
        "claim-ai-ad-decision-too-slow", "claim-ai-ad-panel-confidentiality", "claim-ai-ad-means-and-resources",
        "claim-ai-ad-wrong-department",
    } <= amnesty


def test_cable_release_history(embedded):
    rows = run(embedded, "case", id="case-cable-2002-release")
    events = [(r["date"], r["item"]) for r in rows if r["part"] == "event"]
    assert sorted(events, key=lambda e: (e[0] is None, e[0] or "")) == [
        ("2002-11-27", "State Department review of the cable, 27 November 2002 (William J. Gehron)"),
        ("2004-10-29", "Appeals Review Panel releases the cable in full, 29 October 2004"),
        (None, 'Cable marked "DENIED IN FULL" (B5)'),
    ]
    assert {(r["item"], r["detail"]) for r in rows if r["part"] == "involved"} == {
        ("William J. Gehron", "authority"), ("Appeals Review Panel (Department of State)", "authority")}


def test_residence_topic_gathers_every_document_that_speaks_to_it(embedded):
    rows = run(embedded, "disputes", topic="topic-victim-residence")
    assert {r["claim_id"] for r in rows} == {
        "claim-cable-reg-no-deportation", "claim-ho-usdos-protection-progress", "claim-ai-tirana-not-implemented",
        "claim-ai-reg-2001-4-s12-1-durable-solutions", "claim-ai-residence-raises-convictions",
    }
