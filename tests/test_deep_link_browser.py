"""A hostile value in a deep link, run in the real Neo4j Browser 5.24: one read, nothing written."""

from __future__ import annotations

import pytest

from accgraph import browser as B, queries as Q

from test_browser import connect, editor, latest_result, neo4j_browser, run  # noqa: F401 (a fixture)

HOSTILE = "x'\n//\n' OR true WITH 1 AS one MATCH (n) DETACH DELETE n;\n// ;MATCH (m) DETACH DELETE m\n\\"


@pytest.mark.neo4j
@pytest.mark.browser
def test_hostile_deep_link_runs_as_one_read(browser, neo4j, neo4j_browser):
    from playwright.sync_api import expect

    before = neo4j.counts()
    q = Q.get("who-can-waive")
    page = connect(browser, B.deep_link(q, {"holder": HOSTILE}, base=neo4j_browser))
    try:
        expect(editor(page)).to_contain_text(r"'x\'\n//\n\' OR true WITH 1 AS one MATCH (n) DETACH DELETE n;")
        run(page)
        expect(latest_result(page)).to_contain_text("no changes, no records")
    finally:
        page.close()
    assert neo4j.counts() == before
