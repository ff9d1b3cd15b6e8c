"""The timeline view: its model, and the page in a real headless Chromium (offline, counts, tooltips)."""

from __future__ import annotations

from click.testing import CliRunner

from accgraph import queries as Q
from accgraph.cli import main
from accgraph.viz import render, views
from accgraph.viz.model import View, VNode

HOSTILE = "<script>window.__pwned = 1</script> \"quoted\" & <img src=x onerror=window.__pwned=2>"


def test_the_view_holds_the_timeline_query_rows(embedded):
    model = views.build(embedded, "timeline", {"actor": "KFOR"})
    rows = Q.run(embedded, Q.get("timeline"), {"actor": "KFOR"})[1]
    assert model.layout == "timeline" and model.edges == []
    assert [(n.id, n.props["entry"]) for n in model.nodes] == [(r["id"], r["entry"]) for r in rows]
    assert model.title == "Timeline: Kosovo Force"
    assert {n.kind for n in model.nodes} == {"Allegation", "Event", "Instrument"}


def hostile_view() -> View:
    v = View(f"Timeline {HOSTILE}", f"Caption {HOSTILE}", data_version="test", layout="timeline")
    cite = [{"source": "doc-x", "at": f"line 1 {HOSTILE}", "quote": HOSTILE, "via": "src-y"}]
    v.nodes.append(VNode("alg-x", "Allegation", f"A {HOSTILE}", {
        "date": "2003", "entry": "allegation", "detail": "alleged", "actors": [HOSTILE], "cases": ["case-x"],
        "n_sources": 1, "weakest_link": "hedged, second-hand", "editorial": f"read as one {HOSTILE}",
        "citations": cite}))
    return v


def test_the_page_escapes_data_and_marks_caveats():
    page = render.render(hostile_view())
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "Timeline &lt;script&gt;" in page
    assert page.count("class=\"caveat caveat-") == 3 + 3  # the legend's three, and the entry's three


def open_page(browser, path):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_function("window.accgraphView && window.accgraphView.settled", timeout=30000)
    return page, problems, requests


def test_the_timeline_renders_offline_in_chromium(embedded, browser, tmp_path, artifacts):
    model = views.build(embedded, "timeline", {"actor": "KFOR"})
    path = tmp_path / "timeline.html"
    path.write_text(render.render(model), encoding="utf-8")
    page, problems, requests = open_page(browser, path)
    try:
        assert problems == [] and requests == [path.as_uri()]
        assert page.evaluate("window.accgraphView.nodes") == len(model.nodes)
        lanes = page.evaluate("""[...document.querySelectorAll('li.entry')].map(li => li.className)""")
        expected = [f"entry lane-{n.props['entry'].split(' ')[0]}" for n in model.nodes]
        assert lanes == expected
        dates = page.evaluate("[...document.querySelectorAll('li.entry time')].map(t => t.textContent)")
        assert dates == sorted(dates) == [n.props["date"] for n in model.nodes]
        marked = page.evaluate("[...document.querySelectorAll('li.entry')].filter("
                               "li => li.querySelector('.caveat')).length")
        assert marked == sum(1 for n in model.nodes if n.props.get("weakest_link") or n.props.get("editorial"))
        years = page.evaluate("[...document.querySelectorAll('#years a')].map(a => a.textContent.trim())")
        assert years == sorted({n.props["date"][:4] for n in model.nodes})
        page.screenshot(path=str(artifacts / "view-timeline.png"))
        french = page.locator("li.entry[data-id='alg-ai-french-kfor-mitrovica-2003']")
        french.hover()
        tip = page.locator("#accgraph-tip")
        tip.wait_for(state="visible")
        text = tip.inner_text()
        assert "sources:" in text and "doc-amnesty-2004" in text and "doc-homeoffice-cib-2004" not in text
        assert "n_sources: 2" in text
        page.screenshot(path=str(artifacts / "view-timeline-tooltip.png"))
        page.mouse.move(1, 1)
        tip.wait_for(state="hidden")
        page.locator("li.entry").first.focus()  # the tooltip follows keyboard focus too
        assert "sources:" in tip.inner_text()
    finally:
        page.close()


def test_injected_script_does_not_run(browser, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(render.render(hostile_view()), encoding="utf-8")
    page, problems, requests = open_page(browser, path)
    try:
        page.locator("li.entry").first.hover()
        tip = page.locator("#accgraph-tip")
        tip.wait_for(state="visible")
        assert "<script>window.__pwned = 1</script>" in tip.inner_text()
        assert page.evaluate("window.__pwned === undefined")
        assert requests == [path.as_uri()] and problems == []
    finally:
        page.close()


def test_viz_timeline_command(tmp_path, embedded_path):
    out = tmp_path / "t.html"
    result = CliRunner().invoke(main, ["viz", "timeline", "-p", "actor", "KFOR", "-o", str(out),
                                       "--db", str(embedded_path)])
    assert result.exit_code == 0, result.output
    with_rows = out.read_text(encoding="utf-8")
    assert result.output.startswith(f"Wrote {out} (") and result.output.endswith(" nodes, 0 edges)\n")
    assert "cdn" not in with_rows.lower() and "http://" not in with_rows and "https://" not in with_rows
    bad = CliRunner().invoke(main, ["viz", "timeline", "-p", "actor", "nobody-at-all", "-o", str(out),
                                    "--db", str(embedded_path)])
    assert bad.exit_code == 1 and bad.output.startswith("Error: no actor matches actor 'nobody-at-all'")


def test_network_views_mark_hedged_second_hand_and_editorial_nodes():
    v = View("marks", "caption", data_version="test")
    cite = [{"source": "doc-x", "at": "line 1", "via": "org-y"}]
    v.add_node({"id": "a", "kind": "Claim", "name": "A", "weakest_link": "hedged, second-hand", "citations": cite})
    v.add_node({"id": "b", "kind": "Claim", "name": "B", "weakest_link": "", "citations": cite})
    v.add_node({"id": "c", "kind": "Claim", "name": "C", "weakest_link": "", "editorial": "read as one",
                "citations": cite})
    page = render.render(v)
    assert page.count('"borderDashes": [4, 3]') == 2
    assert "hedged, second-hand or editorial (see its tooltip)" in page
    assert "weakest_link:</span> hedged, second-hand" in v.nodes[0].tooltip_html
    assert "editorial:</span> read as one" in v.nodes[2].tooltip_html
