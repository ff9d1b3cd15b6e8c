"""The Neo4j Browser experience: stylesheet, guide, deep links; and all three in the real Browser 5.24."""

from __future__ import annotations

import dataclasses
import html
import os
import re
import threading
import urllib.error
import urllib.request
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from accgraph import browser as B, queries as Q, schema as S
from accgraph.cli import main
from accgraph.loader.backends import neo4j_settings

HOSTILE = "<script>window.__pwned = 1</script> \"quoted\" & 'single' <img src=x onerror=window.__pwned=2>"
HTTP_PORT = os.environ.get("NEO4J_HTTP_PORT", "7474")
BROWSER_URL = os.environ.get("ACCGRAPH_BROWSER_URL", f"http://127.0.0.1:{HTTP_PORT}/browser/")
BOLT_ADDRESS = urlsplit(os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")).netloc
OFFSITE = re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/])")  # telemetry, fonts: not needed, often unreachable


# --- what the Browser 5.24 bundle does, ported to check our output offline ------------


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """``parseGrass`` from the Browser bundle (used by :style, dropped files and :style URL)."""
    rules, quoted, in_rule, nested, selector, body = {}, False, False, False, "", ""
    for ch in text:
        if ch in "'\"":
            quoted = not quoted
            continue
        if ch == "{" and not quoted:
            nested, in_rule = (True, True) if in_rule else (nested, True)
            continue
        if ch == "}" and not quoted:
            if nested:
                nested = False
            else:
                in_rule, rules[selector], selector, body = False, body, "", ""
            continue
        if in_rule:
            body += ch
        elif not ch.isspace():
            selector += ch
    return {sel: {p[0].strip(): p[1].strip() for p in (d.split(":") for d in body.split(";")) if len(p) == 2}
            for sel, body in rules.items()}


def clean_html(text: str) -> str:
    """``cleanHtml`` from the Browser bundle, applied to every fetched guide."""
    text = re.sub(r"""(\s+(on[^\s=]+)[^\s=]*\s*=\s*("[^"]*"|'[^']*'|[\w\-.:]+\s*))""", "", text, flags=re.I)
    return re.sub(r"<script\b[^<]*(?:(?!</script>)<[^<]*)*(</script>)?", "", text, flags=re.I)


def editor_content(url: str) -> str:
    """What ``populateEditorFromUrlEpic`` puts into the editor for a ``cmd=edit`` URL."""
    assert re.findall(r"[?&]cmd=([^&#]*)", url) == ["edit"]
    return "\n".join(re.findall(r"[?&]arg=([^&#]*)", unquote(url.replace("+", " "))))


# --- stylesheet -------------------------------------------------------------------------


def test_grass_styles_every_type_from_the_schema():
    rules = parse_grass(B.grass())
    for nt in S.NODE_TYPES:
        rule = rules[f"node.{nt.name}"]
        assert rule["color"] == nt.color and rule["caption"] == "{name}"
        assert rule["diameter"] == f"{round(nt.size * B.DIAMETER_PER_SIZE)}px" and rule["border-color"].startswith("#")
    for et in S.EDGE_TYPES:
        assert rules[f"relationship.{et.name}"]["caption"] == et.sentence
        assert rules[f"relationship.{et.name}"]["color"] == et.color
    assert rules[f"node.{S.META_LABEL}"]["diameter"] == "20px"
    assert len(rules) == 2 + len(S.NODE_TYPES) + len(S.EDGE_TYPES) + 1


# --- guide ----------------------------------------------------------------------------


def test_guide_has_an_intro_and_a_slide_per_query_with_param_and_body(embedded):
    cat = Q.catalogue()
    params = B.example_params(embedded, cat)
    assert params["who-can-waive"] == {"holder": "unit-unmik-police", "as_of": "2001-06-01"}
    page = B.guide_html(cat, params)
    assert page.count("<slide ") == len(cat) + 1 and page.count("</slide>") == len(cat) + 1
    slides = page.split("<slide ")[2:]
    for q, slide in zip(cat.values(), slides):
        assert html.escape(q.title) in slide and html.escape(q.cypher) in slide
        if q.params:
            assert f'<pre class="code runnable">{html.escape(B.param_command(params[q.name]))}</pre>' in slide
        else:
            assert ":param" not in slide
    assert ('<pre class="code runnable">:param {&quot;holder&quot;: &quot;unit-unmik-police&quot;, '
            '&quot;as_of&quot;: &quot;2001-06-01&quot;}</pre>') in page
    assert clean_html(page) == page  # the Browser's sanitiser leaves it alone


def test_guide_escapes_text_and_falls_back_to_examples():
    q = Q.get("who-can-waive")
    bad = dataclasses.replace(q, title=f"T {HOSTILE}", description=f"D {HOSTILE}",
                              params=(dataclasses.replace(q.params[0], description=HOSTILE),))
    page = B.guide_html({"who-can-waive": bad}, grass_url="http://127.0.0.1:1/accgraph.grass")
    assert "<script>" not in page and "<img" not in page
    assert html.escape(f"T {HOSTILE}") in page and html.escape(f"D {HOSTILE}") in page
    assert html.escape(':param {"holder": "UNMIK Police"}') in page  # no mapping: the header's example
    assert ":style http://127.0.0.1:1/accgraph.grass" in page


# --- deep links -------------------------------------------------------------------------


def test_deep_link_round_trips():
    q = Q.get("who-can-waive")
    url = B.deep_link(q, {"holder": "unit-unmik-police"}, base="http://h:1/browser/")
    assert url.startswith("http://h:1/browser/?cmd=edit&arg=")
    text = editor_content(url)
    # unset: ''; a line that is only a comment is left blank
    blanked = re.sub(r"(?m)^[ \t]*//[^\n]*", "", q.cypher)
    assert text == blanked.replace("$holder", "'unit-unmik-police'").replace("$as_of", "''")
    plain = Q.get("instruments")
    assert editor_content(B.deep_link(plain, {})) == plain.cypher
    assert B.editor_text(q, {"holder": "it's \\"}).count(r"'it\'s \\'") == 2
    assert "'a\\u0026b\\u0023'" in editor_content(B.deep_link(q, {"holder": "a&b#"}))  # & and # end the URL's arg


# --- guide server -----------------------------------------------------------------------


@pytest.fixture()
def served():
    server = B.guide_server(Q.catalogue(), port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_guide_server_answers_cors_preflight_and_serves_both_files(served):
    assert served.server_address[0] == "127.0.0.1"
    url = B.play_url(served)
    preflight = {"Origin": "http://127.0.0.1:7474", "Access-Control-Request-Headers": "pragma,cache-control"}
    req = urllib.request.Request(url, method="OPTIONS", headers=preflight)
    with urllib.request.urlopen(req) as r:
        assert r.status == 204
        assert r.headers["Access-Control-Allow-Origin"] == "*" and r.headers["Access-Control-Allow-Headers"] == "*"
    with urllib.request.urlopen(url) as r:
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        assert f":style {B.play_url(served, B.GRASS_PATH)}" in r.read().decode()
    with urllib.request.urlopen(B.play_url(served, B.GRASS_PATH)) as r:
        assert r.read().decode() == B.grass()
    with pytest.raises(urllib.error.HTTPError, match="404"):
        urllib.request.urlopen(B.play_url(served, "/etc/passwd"))


# --- CLI ----------------------------------------------------------------------------------


def test_cli_style_guide_and_link(tmp_path, embedded_path):
    runner = CliRunner()
    db = ["--db", str(embedded_path)]
    result = runner.invoke(main, ["browser", "style", "-o", str(tmp_path / "a.grass")])
    assert result.exit_code == 0 and (tmp_path / "a.grass").read_text() == B.grass()
    result = runner.invoke(main, ["browser", "guide", "-o", str(tmp_path / "g.html")] + db)
    assert result.exit_code == 0, result.output
    assert "unit-unmik-police" in (tmp_path / "g.html").read_text()
    result = runner.invoke(main, ["browser", "link", "who-can-waive", "-p", "holder", "UNMIK Police"] + db)
    assert result.exit_code == 0, result.output
    link = editor_content(result.output.strip())
    assert link == B.editor_text(Q.get("who-can-waive"), {"holder": "unit-unmik-police"}) and "'unit-unmik-police'" in link
    result = runner.invoke(main, ["browser", "link", "who-can-waive", "-p", "holder", "Nobody here"] + db)
    assert result.exit_code == 1 and result.output.startswith("Error: no actor matches holder 'Nobody here'")
    result = runner.invoke(main, ["browser", "link", "case"] + db)
    assert result.exit_code == 1 and "needs parameter 'id'" in result.output


# --- in the real Neo4j Browser 5.24, in Chromium --------------------------------------------


@pytest.fixture(scope="module")
def neo4j_browser(neo4j):
    try:
        urllib.request.urlopen(BROWSER_URL, timeout=10).close()
    except OSError as exc:
        if os.environ.get("ACCGRAPH_REQUIRE_NEO4J") == "1":
            pytest.fail(f"the Neo4j Browser is required here but {BROWSER_URL} does not answer: {exc}")
        pytest.skip(f"no Neo4j Browser at {BROWSER_URL}: {exc}")
    return BROWSER_URL


@pytest.fixture(scope="module")
def guide(neo4j):
    cat = Q.catalogue()
    server = B.guide_server(cat, B.example_params(neo4j, cat), port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def connect(browser, url: str):
    """Open the Browser at url and log in through its connect form, as the README says: bolt://,
    user neo4j and the password scripts/neo4j generated (or "No authentication" for a server
    without one, which may also connect by itself)."""
    from playwright.sync_api import Error as PlaywrightError, expect

    cfg = neo4j_settings(os.environ.get("NEO4J_URI"))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.route(OFFSITE, lambda route: route.abort())
    page.goto(url)
    connected = page.get_by_text("Connected to Neo4j", exact=True)
    expect(connected.or_(page.locator("[data-testid=connect]"))).to_be_visible(timeout=60000)
    if not connected.is_visible():
        try:
            page.select_option("[data-testid=bolt-scheme-select]", "bolt://", timeout=5000)
            page.fill("[data-testid=boltaddress]", BOLT_ADDRESS, timeout=5000)
            if cfg["password"]:
                page.select_option("[data-testid=authenticationMethod]", "NATIVE", timeout=5000)
                page.fill("[data-testid=username]", cfg["user"], timeout=5000)
                page.fill("[data-testid=password]", cfg["password"], timeout=5000)
            else:
                page.select_option("[data-testid=authenticationMethod]", "NO_AUTH", timeout=5000)
            page.click("[data-testid=connect]", timeout=5000)
        except PlaywrightError:  # with auth disabled, the Browser may connect by itself meanwhile
            if cfg["password"]:
                raise
    expect(connected).to_be_visible(timeout=60000)
    return page


def editor(page):
    return page.locator("#monaco-main-editor .view-lines")


def run(page, text: str | None = None) -> None:
    """Run what the editor holds, after typing text into it if given."""
    if text is not None:
        page.click("#monaco-main-editor")
        page.keyboard.insert_text(text)
    page.click("[data-testid=editor-Run]")


def latest_result(page):
    return page.locator("[data-testid=frame-loaded-contents]").first


def latest_table(page):
    """The newest result as a table: a query that returns records opens in the graph view, whose
    captions are cut short; the Table view shows every property in full."""
    from playwright.sync_api import expect

    expect(latest_result(page)).to_be_visible(timeout=30000)
    table = page.locator("[data-testid=frame]").first.locator("[data-testid=cypherFrameSidebarTable]")
    if table.count():
        table.click()
    return latest_result(page)


# True once no frame has moved for 600 ms: the stream slides new frames in, and a screenshot
# taken meanwhile shows them half hidden under the editor.
SETTLED = """() => {
  const now = performance.now();
  const moving = Array.from(document.querySelectorAll('[data-testid=frame]')).some(f => {
    for (let a = f; a; a = a.parentElement) {
      const t = getComputedStyle(a).transform;
      if (t !== 'none' && t !== 'matrix(1, 0, 0, 1, 0, 0)') return true;
    }
    return false;
  });
  if (moving || window.__accgraphStill === undefined) window.__accgraphStill = now;
  return now - window.__accgraphStill > 600;
}"""


def screenshot(page, path) -> None:
    page.evaluate("delete window.__accgraphStill")
    page.wait_for_function(SETTLED, polling=100)
    page.screenshot(path=str(path))


def test_guide_runs_who_can_waive_in_the_browser(browser, neo4j, neo4j_browser, guide, artifacts):
    from playwright.sync_api import expect

    q = Q.get("who-can-waive")
    _, rows = Q.run(neo4j, q, {"holder": "UNMIK Police"})
    authorities = {r["authority"] for r in rows}
    assert "UN Secretary-General" in authorities
    page = connect(browser, neo4j_browser)
    try:
        run(page, f":play {B.play_url(guide)}")
        deck = page.locator("[data-testid=carousel]").first
        title = deck.locator("h3", has_text=q.title)
        expect(deck.locator("h3", has_text="accountability-graph")).to_be_visible()
        for _ in range(len(Q.catalogue())):
            if title.is_visible():
                break
            deck.locator("[data-testid=nextSlide]").click()
        expect(title).to_be_visible()
        screenshot(page, artifacts / "browser-guide.png")
        slide = deck.locator(".slide", has=page.locator("h3", has_text=q.title))

        slide.locator("pre.runnable", has_text=":param").click()  # a click fills the editor
        expect(editor(page)).to_contain_text(':param {"holder": "unit-unmik-police", "as_of": "2001-06-01"}')
        run(page)
        expect(page.get_by_text("Successfully set your parameters.")).to_be_visible()

        slide.locator("pre.runnable", has_text="MATCH").click()
        expect(editor(page)).to_contain_text(q.cypher.splitlines()[0])
        run(page)
        result = latest_table(page)
        for name in authorities:
            expect(result).to_contain_text(name)
        expect(result).to_contain_text("UNMIK Police")
        screenshot(page, artifacts / "browser-result.png")
    finally:
        page.close()


def test_stylesheet_from_the_guide_colours_the_graph(browser, neo4j, neo4j_browser, guide, artifacts):
    from playwright.sync_api import expect

    page = connect(browser, neo4j_browser)
    try:
        run(page, f":play {B.play_url(guide)}")
        page.locator("[data-testid=carousel] pre.runnable", has_text=":style").locator("i.fa-play-circle-o").click()
        style_frame = page.locator("pre", has_text="relationship.MAY_WAIVE")  # the Browser's view of the loaded style
        expect(style_frame).to_contain_text(f'caption: "{S.EDGES["MAY_WAIVE"].sentence}"')
        run(page, "MATCH p = (:Post)-[:MAY_WAIVE]->() RETURN p")
        expect(page.locator("svg g.relationship").first).to_be_visible()
        fills = page.locator("svg g.node circle.b-outline").evaluate_all("cs => cs.map(c => c.getAttribute('fill'))")
        assert S.NODES["Post"].color in fills
        captions = page.locator("svg g.relationship text").all_text_contents()
        assert any(c.startswith("may waive the") for c in captions), captions  # long captions end in "…"
        screenshot(page, artifacts / "browser-graph.png")
    finally:
        page.close()


def test_dropped_grass_file_is_loaded(browser, neo4j_browser):
    from playwright.sync_api import expect

    page = connect(browser, neo4j_browser)
    try:  # what dragging accgraph.grass onto the window does: one file dropped on the app
        page.evaluate("""(text) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], 'accgraph.grass', {type: 'text/plain'}));
            for (const type of ['dragenter', 'dragover', 'drop'])
                document.querySelector('.filedrop').dispatchEvent(new DragEvent(type, {dataTransfer: dt, bubbles: true}));
        }""", B.grass())
        style_frame = page.locator("pre", has_text="relationship.MAY_WAIVE")
        expect(style_frame).to_contain_text(f'caption: "{S.EDGES["MAY_WAIVE"].sentence}"')
    finally:
        page.close()


def test_deep_link_prefills_the_editor(browser, neo4j, neo4j_browser, artifacts):
    from playwright.sync_api import expect

    q = Q.get("who-can-waive")
    url = B.deep_link(q, Q.bind(neo4j, q, {"holder": "UNMIK Police"}), base=neo4j_browser)
    page = connect(browser, url)
    try:
        expect(editor(page)).to_contain_text(B.editor_text(q, {"holder": "unit-unmik-police"}).splitlines()[0])
        expect(editor(page)).to_contain_text("'unit-unmik-police'")
        screenshot(page, artifacts / "browser-link.png")
        run(page)
        expect(latest_table(page)).to_contain_text("UN Secretary-General")
        screenshot(page, artifacts / "browser-link-result.png")
    finally:
        page.close()
