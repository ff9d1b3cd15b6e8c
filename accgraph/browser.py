"""The Neo4j Browser experience: a stylesheet, a guide, deep links, a guide server.

What Neo4j Browser 5.24 expects (read from its bundle, checked in tests/test_browser.py):

* GraSS (``:style``, a dropped ``.grass`` file, or ``:style <url>``): CSS-like rules
  ``node.Label { ... }`` and ``relationship.TYPE { ... }``.  A ``caption`` is
  interpolated: ``{prop}`` becomes the property's value, ``<type>``/``<id>`` the
  type or id, anything else stays literal text.  The parser drops quotes and splits
  on ``;`` and ``:``, so a value may contain neither.
* A guide (``:play <url>``, the host must be in ``browser.remote_content_hostname_whitelist``)
  is HTML whose ``<slide>`` elements become the slides; scripts and ``on*``
  attributes are stripped.  Clicking a ``pre.runnable`` puts its text into the
  editor; the play icon the Browser adds in front of it runs it at once.  The
  Browser fetches the guide with extra headers, so the server must answer the
  CORS preflight.
* A URL ``/browser/?cmd=edit&arg=<text>`` puts ``text`` into the editor (``cmd=play``
  and ``cmd=guide`` run a command instead; only the first ``cmd`` counts).  The
  Browser decodes the whole URL before it reads ``arg``, so the text cannot carry
  ``&`` or ``#``.  ``:param {...};`` followed by the query would run both (multi-statement
  mode), but the Browser shows a multi-statement run as a status list without its
  rows, so a deep link writes the parameter values into the query as literals.
"""

from __future__ import annotations

import html
import json
import math
import re
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote

from accgraph import marks, queries, schema as S

BROWSER_URL = "http://127.0.0.1:7474/browser/"
HOST = "127.0.0.1"  # where the guide server listens
#: How the Browser is told to reach it: "localhost" is on every Neo4j's default
#: remote-content allowlist (browser.remote_content_hostname_whitelist), so
#: :play and :style work even before the Browser has read the server's settings.
PLAY_HOST = "localhost"
GUIDE_PATH = "/accgraph.html"
GRASS_PATH = "/accgraph.grass"

#: Browser diameter (px) per unit of NodeType.size (the vis.js radius of the HTML views).
DIAMETER_PER_SIZE = 2.5


# --- style ------------------------------------------------------------------------


def _shade(color: str, factor: float) -> str:
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in rgb)


def _text_color(color: str) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#2A2C34" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"


def _rule(selector: str, props: dict[str, Any]) -> str:
    lines = []
    for key, value in props.items():
        assert not set(value) & set(";:'\"") and (key == "caption" or "{" not in value), (selector, key, value)
        lines.append(f"  {key}: '{value}';" if key == "caption" else f"  {key}: {value};")
    return f"{selector} {{\n" + "\n".join(lines) + "\n}\n"


def grass() -> str:
    """The GraSS stylesheet: schema colours and sizes, names on nodes, sentences on edges."""
    out = [_rule("node", {"diameter": "50px", "color": "#A5ABB6", "border-color": "#9AA1AC", "border-width": "2px",
                          "text-color-internal": "#FFFFFF", "font-size": "10px", "caption": "{name}"}),
           _rule("relationship", {"color": "#A5ABB6", "shaft-width": "1px", "font-size": "8px", "padding": "3px",
                                  "text-color-external": "#000000", "text-color-internal": "#FFFFFF",
                                  "caption": "<type>"})]
    for nt in S.NODE_TYPES:
        out.append(_rule(f"node.{nt.name}", {
            "color": nt.color, "border-color": _shade(nt.color, 0.75), "text-color-internal": _text_color(nt.color),
            "diameter": f"{round(nt.size * DIAMETER_PER_SIZE)}px", "caption": "{name}"}))
    for et in S.EDGE_TYPES:
        out.append(_rule(f"relationship.{et.name}", {"color": et.color, "shaft-width": f"{et.width}px",
                                                     "caption": et.sentence}))
    out.append(_rule(f"node.{S.META_LABEL}", {"color": "#DDDDDD", "border-color": "#BBBBBB",
                                              "text-color-internal": "#2A2C34", "diameter": "20px",
                                              "font-size": "8px", "caption": "{id} {version}"}))
    return "\n".join(out)


# --- guide ------------------------------------------------------------------------


def example_params(backend, catalogue: dict[str, queries.Query]) -> dict[str, dict[str, Any]]:
    """Each query's example parameters, names resolved to node ids, so the guide runs as is."""
    return {q.name: queries.bind(backend, q, {p.name: p.example for p in q.params if p.example})
            for q in catalogue.values()}


def param_command(params: dict[str, Any]) -> str:
    """A ``:param`` command that sets exactly these parameters (it replaces all others)."""
    return ":param " + json.dumps(params, ensure_ascii=False)


def _runnable(text: str) -> str:
    return f'<pre class="code runnable">{html.escape(text)}</pre>'


def _slide(*parts: str) -> str:
    return '<slide class="row-fluid">\n<div class="col-sm-12">\n' + "\n".join(parts) + "\n</div>\n</slide>"


def _marks_note() -> str:
    """What the marks mean, for the intro slide."""
    items = "".join(f"<li><b>{html.escape(key)}</b>: {html.escape(meaning)}</li>" for key, meaning in marks.CAVEATS)
    return ("<p>Some facts carry a mark: read them as such, not as plain fact. In <code>accgraph query</code> "
            f"(table, JSON and CSV) every row about a sourced record ends with a <code>{marks.COLUMN}</code> column, "
            "the sorted list of the marks that apply (empty when none):</p>"
            f"<ul>{items}</ul>"
            "<p>In the Browser the queries that list records end with the same <code>caveats</code> column; the "
            "others return whole records. Every node and relationship holds the marks as properties: "
            "<code>hedged</code> (true), <code>weakest_link</code> ('hedged', 'second-hand' or both) and "
            "<code>editorial</code> (the reason).</p>")


def _query_marks_note(columns: list[str], derived: bool = False) -> str:
    """How one query's rows show the marks."""
    meaning = ("<b>hedged</b>: the sources hedge it; <b>second-hand</b>: every citation has a <code>via</code>; "
               "<b>editorial</b>: the project's identification, with its reason.")
    if marks.COLUMN in columns:
        return (f"<p class=\"marks\">Marks: the last column, <code>{marks.COLUMN}</code>, lists the marks of the "
                "record each row is about, computed by the query from its <code>editorial</code> and "
                f"<code>weakest_link</code> (empty when none). {meaning}</p>")
    where = ("the records in the rows hold <code>hedged</code>, <code>editorial</code> and <code>weakest_link</code> "
             "as properties (accgraph reads its verdicts from them)" if derived else
             "the rows end with <code>hedged</code>, <code>editorial</code> and <code>weakest_link</code>")
    return (f"<p class=\"marks\">Marks: {where}; <code>accgraph query</code> gathers them in its "
            f"<code>{marks.COLUMN}</code> column. <b>hedged</b>: <code>hedged</code> is true or "
            "<code>weakest_link</code> names it; <b>second-hand</b>: <code>weakest_link</code> names it (every "
            "citation has a <code>via</code>); <b>editorial</b>: <code>editorial</code> holds the reason.</p>")


def guide_html(catalogue: dict[str, queries.Query], params: dict[str, dict[str, Any]] | None = None,
               grass_url: str | None = None) -> str:
    """A ``:play`` guide: an intro slide, then one slide per query with its ``:param`` and Cypher.

    ``params`` maps a query name to its parameter values (see :func:`example_params`);
    without it a query gets its header's examples as written.
    """
    e = html.escape
    drag = "write <code>accgraph browser style -o accgraph.grass</code> and drag the file onto this window"
    style = (f"<p>Style the graph with the project's colours, node names and edge sentences:</p>\n"
             f"{_runnable(':style ' + grass_url)}\n<p>(or {drag}).</p>" if grass_url else
             f"<p>To style the graph with the project's colours, node names and edge sentences, {drag}.</p>")
    intro = _slide(
        "<h3>accountability-graph</h3>",
        "<p class=\"lead\">Who was responsible, who reported to whom, who was immune, and who could have "
        "lifted that immunity: the trafficking of women in Kosovo, 2001-2004, as five documents describe it.</p>",
        "<p>Every node has an <code>id</code>, a <code>name</code>, its type as <code>kind</code> and a label "
        "of that name, and <code>citations</code> (JSON) naming the source document and locator.</p>",
        style,
        f"<p>The next {len(catalogue)} slides are the canned queries. Click a grey block to put it in the "
        "editor, or its play icon to run it: first the <code>:param</code> block, then the query.</p>",
        _runnable("MATCH (n) WHERE n.kind IS NOT NULL\nRETURN n.kind AS kind, count(*) AS nodes ORDER BY nodes DESC"),
        _marks_note(),
    )
    slides = [intro]
    for q in catalogue.values():
        values = (params or {}).get(q.name) or {p.name: p.example or "" for p in q.params}
        parts = [f"<h3>{e(q.title)}</h3>", f"<p><code>{e(q.name)}</code> &middot; {e(q.category)}</p>",
                 f"<p>{e(q.description)}</p>"]
        if q.params:
            parts.append("<ul>" + "".join(f"<li><code>${e(p.name)}</code>{'' if p.required else ' (optional)'}: "
                                          f"{e(p.description)}</li>" for p in q.params) + "</ul>")
            parts.append(_runnable(param_command(values)))
        parts.append(_runnable(q.cypher))
        columns = queries.declared_columns(q)
        if q.derive or marks.sourced(columns):
            parts.append(_query_marks_note(columns, bool(q.derive)))
        slides.append(_slide(*parts))
    return ("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>accountability-graph</title></head>\n"
            "<body>\n<article class=\"guide\">\n<carousel class=\"deck container-fluid\">\n"
            + "\n".join(slides) + "\n</carousel>\n</article>\n</body>\n</html>\n")


# --- deep links ---------------------------------------------------------------------


#: Characters written into a literal as they are; the rest become escapes.  The Browser splits
#: the editor text on line feeds and drops every line that is blank or starts with ``//`` (even
#: inside a string literal) before it splits statements, and JavaScript's ``trim`` and ``\\s``
#: count many more characters as white space, so a literal holds no line break, control,
#: format or separator character at all: its whole text stays on the line of the code around it,
#: which never starts with ``//``.  ``&`` and ``#`` end the URL argument, so they are escaped too.
_SHORT_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _literal_char(ch: str) -> str:
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    cat = unicodedata.category(ch)
    if ch in "&#" or cat[0] in "CZ" and ch != " ":
        code = ord(ch)
        if code > 0xFFFF:  # Cypher's \\u takes UTF-16 units, as Java strings hold them
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04X}\\u{0xDC00 + (code & 0x3FF):04X}"
        return f"\\u{code:04X}"
    return ch


def cypher_literal(value: Any) -> str:
    """``value`` as a Cypher literal that survives the Browser's editor and a URL.

    Strings are single-quoted with every quote, backslash, line break, control, format,
    separator and URL-special character escaped, so the literal is one line of printable text.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no Cypher literal for {value!r}")
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(_literal_char(ch) for ch in value) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for a {type(value).__name__}")


# A Cypher token the substitution must not look inside: strings, quoted names, comments.
_OPAQUE = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""", re.S)


def editor_text(query: queries.Query, params: dict[str, Any]) -> str:
    """The query with each ``$name`` (in code, not in strings or comments) replaced by its
    (bound) value as a Cypher literal."""
    text, out, pos = query.cypher, [], 0

    def value(name: str) -> Any:  # an optional parameter left out is unset, as queries.bind treats it
        if name in params:
            return params[name]
        declared = query.param(name)
        return 0 if declared is not None and declared.type == "int" else ""

    def code(part: str) -> str:
        return queries.PARAM_RE.sub(lambda p: cypher_literal(value(p.group(1))), part)

    for m in _OPAQUE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.group(0).startswith("//") and not text[line_start:m.start()].strip():
            # A line that is only a comment (a note, or a LadybugDB hint) is left blank, keeping the
            # line numbers: the Browser's editor may take a line starting with // for a statement's end.
            out.append(code(text[pos:max(pos, line_start)]))
        else:
            out += [code(text[pos:m.start()]), m.group(0)]
        pos = m.end()
    out.append(code(text[pos:]))
    return "".join(out)


def deep_link(query: queries.Query, params: dict[str, Any], base: str = BROWSER_URL) -> str:
    """A Browser URL whose editor opens holding the query with these parameters: press Run."""
    text = editor_text(query, params)
    if "&" in text or "#" in text:
        raise ValueError(f"query {query.name!r}: the Browser cannot take '&' or '#' from a URL")
    return f"{base}?cmd=edit&arg={quote(text, safe='')}"


# --- guide server -------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*",
            "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS"}

    def _head(self, status: int, length: int = 0, content_type: str | None = None) -> None:
        self.send_response(status)
        for k, v in {**self.CORS, "Cache-Control": "no-store", "Content-Length": str(length)}.items():
            self.send_header(k, v)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.end_headers()

    def do_OPTIONS(self) -> None:  # noqa: N802 (http.server's naming)
        self._head(204)

    def do_GET(self, with_body: bool = True) -> None:  # noqa: N802
        page = self.server.pages.get(self.path.split("?", 1)[0].split("#", 1)[0])
        status, (text, content_type) = (200, page) if page else (404, ("not found\n", "text/plain; charset=utf-8"))
        body = text.encode("utf-8")
        self._head(status, len(body), content_type)
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET(with_body=False)

    def log_message(self, format: str, *args) -> None:  # quiet
        pass


def guide_server(catalogue: dict[str, queries.Query], params: dict[str, dict[str, Any]] | None = None,
                 port: int = 8765) -> ThreadingHTTPServer:
    """A server on 127.0.0.1 (port 0: any free port) for the guide and the stylesheet.

    Call ``serve_forever()`` on it; :func:`play_url` gives the guide's address.
    """
    server = ThreadingHTTPServer((HOST, port), _Handler)
    base = f"http://{PLAY_HOST}:{server.server_port}"
    server.pages = {GUIDE_PATH: (guide_html(catalogue, params, base + GRASS_PATH), "text/html; charset=utf-8"),
                    GRASS_PATH: (grass(), "text/plain; charset=utf-8")}
    return server


def play_url(server: ThreadingHTTPServer, path: str = GUIDE_PATH) -> str:
    return f"http://{PLAY_HOST}:{server.server_port}{path}"
