"""HTML views: the view model, and the rendered page in a real headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from accgraph.cli import main
from accgraph.viz import render, views
from accgraph.viz.model import View

HOSTILE = "<script>window.__pwned = 1</script> \"quoted\" & 'single' <img src=x onerror=window.__pwned=2>"


def first_case_id(backend) -> str:
    rows = backend.read("MATCH (c:`Case`)<-[:IN_CASE]-(:Allegation) RETURN DISTINCT c.id AS id ORDER BY id")
    return rows[0]["id"]


def view_params(backend, name: str) -> dict:
    if name == "case":
        return {"id": first_case_id(backend)}
    if name == "disputes-topic":
        return {"topic": "topic-penalty-trafficking"}
    return {
        "all": {},
        "actor": {"name": "TPIU", "depth": "1"},
        "chain-of-command": {"from": "TPIU"},
        "immunity": {},
        "disputes": {},
        "query": {"name": "who-can-waive", "holder": "KFOR troops"},
    }[name]


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_function("window.accgraphView && window.accgraphView.settled", timeout=60000)
    return page, problems, requests


def hover_first_node(page) -> str:
    """Hover a node that nothing else covers and return the tooltip text."""
    pos = page.evaluate(
        """(() => {
          for (const id of nodes.getIds()) {
            network.focus(id, {scale: 1.2, animation: false});
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            if (network.getNodeAt(p) === id) { return p; }
          }
          return null;
        })()"""
    )
    assert pos is not None
    box = page.locator("#mynetwork").bounding_box()
    x, y = box["x"] + pos["x"], box["y"] + pos["y"]
    page.mouse.move(x - 30, y - 30)
    tip = page.locator("div.vis-tooltip")
    for i in range(10):  # small moves, as a hand would make, until vis shows the tooltip
        page.mouse.move(x + i, y + i, steps=3)
        page.wait_for_timeout(400)
        if tip.count() and tip.is_visible():
            return tip.inner_text()
    raise AssertionError("no tooltip appeared")


# --- the view model --------------------------------------------------------------


def test_immunity_view_holds_rules_and_authorities(embedded):
    v = views.build(embedded, "immunity", {})
    kinds = {e.kind for e in v.edges}
    assert {"GRANTS_IMMUNITY", "MAY_WAIVE"} <= kinds
    names = {n.name for n in v.nodes}
    assert {"UN Secretary-General", "Commander of a national KFOR contingent", "UNMIK Regulation 2000/47"} <= names


def test_chain_view_is_hierarchical_and_reaches_unmik(embedded):
    v = views.build(embedded, "chain-of-command", {"from": "TPIU"})
    assert v.hierarchical
    assert "UN Interim Administration Mission in Kosovo" in {n.name for n in v.nodes}


def test_unknown_view_and_missing_parameter(embedded):
    with pytest.raises(views.ViewError, match="unknown view 'nope'"):
        views.build(embedded, "nope", {})
    with pytest.raises(views.ViewError, match="needs -p name NAME"):
        views.build(embedded, "actor", {})


def hostile_view() -> View:
    v = View(f"Title {HOSTILE}", f"Caption {HOSTILE}", data_version="test")
    cite = [{"source": "doc-x", "at": f"line 1 {HOSTILE}", "quote": HOSTILE}]
    v.add_node({"id": "a", "kind": "Organisation", "name": f"A {HOSTILE}", "summary": HOSTILE, "citations": cite})
    v.add_node({"id": "b", "kind": "Person", "name": "B & co", "citations": cite})
    v.add_edge({"id": "e", "kind": "MEMBER_OF", "src": "b", "dst": "a", "citations": cite})
    return v


def test_tooltips_escape_data():
    v = hostile_view()
    assert "<script>" not in v.nodes[0].tooltip_html
    assert "&lt;script&gt;" in v.nodes[0].tooltip_html
    page = render.render(v)
    assert "<script>window.__pwned" not in page
    assert "Title &lt;script&gt;" in page


def test_no_lib_folder_is_written(tmp_path, embedded_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["viz", "immunity", "-o", "v.html", "--db", str(embedded_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.html"]
    assert "cdn.jsdelivr" not in (tmp_path / "v.html").read_text() and "cdnjs" not in (tmp_path / "v.html").read_text()


# --- in Chromium -------------------------------------------------------------------

VIEW_NAMES = [v for v in views.VIEWS if v != "timeline"] + ["disputes-topic"]  # timeline: test_timeline_view.py


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_view_renders_offline_in_chromium(name, embedded, browser, tmp_path, artifacts):
    model = views.build(embedded, name.split("-topic")[0], view_params(embedded, name))
    assert model.nodes, name
    path = tmp_path / f"{name}.html"
    path.write_text(render.render(model), encoding="utf-8")
    page, problems, requests = open_page(browser, path)
    try:
        assert problems == []
        assert requests == [path.as_uri()]
        drawn = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
        assert drawn == [len(model.nodes), len(model.edges)]
        page.screenshot(path=str(artifacts / f"view-{name}.png"))
        tip = hover_first_node(page)
        assert "sources:" in tip and "doc-" in tip
        page.screenshot(path=str(artifacts / f"view-{name}-tooltip.png"))
    finally:
        page.close()


def test_injected_script_does_not_run(browser, tmp_path, artifacts):
    path = tmp_path / "hostile.html"
    path.write_text(render.render(hostile_view()), encoding="utf-8")
    page, problems, requests = open_page(browser, path)
    try:
        tip = hover_first_node(page)
        assert page.evaluate("window.__pwned === undefined")
        assert "<script>window.__pwned = 1</script>" in tip or "B & co" in tip
        assert "<script>window.__pwned = 1</script>" in page.locator("#accgraph-head h1").inner_text()
        assert requests == [path.as_uri()]
        page.screenshot(path=str(artifacts / "view-hostile.png"))
    finally:
        page.close()
