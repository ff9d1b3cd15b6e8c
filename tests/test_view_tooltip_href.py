"""A tooltip whose text says "href" must not switch the view to pyvis's link popups."""

from __future__ import annotations

from accgraph.viz import render
from accgraph.viz.model import View

from test_views import hover_first_node, open_page


def href_view() -> View:
    v = View("Title", "Caption", data_version="test")
    cite = [{"source": "doc-x", "at": "line 1", "quote": "see <a href='http://127.0.0.1:9/'>here</a>"}]
    v.add_node({"id": "a", "kind": "Organisation", "name": "A", "summary": "an href in the text", "citations": cite})
    v.add_node({"id": "b", "kind": "Person", "name": "B", "citations": cite})
    v.add_edge({"id": "e", "kind": "MEMBER_OF", "src": "b", "dst": "a", "citations": cite})
    return v


def test_page_never_uses_the_link_popup():
    page = render.render(href_view())
    assert "popup.innerHTML" not in page


def test_tooltip_with_href_shows_its_text(browser, tmp_path):
    path = tmp_path / "href.html"
    path.write_text(render.render(href_view()), encoding="utf-8")
    page, problems, requests = open_page(browser, path)
    try:
        tip = hover_first_node(page)
        assert "object HTMLDivElement" not in tip
        assert "sources:" in tip and "doc-x" in tip
        assert "<a href='http://127.0.0.1:9/'>here</a>" in tip  # shown as text, not a link
        assert problems == [] and requests == [path.as_uri()]
    finally:
        page.close()
