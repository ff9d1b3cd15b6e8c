"""Seed text reaches every output as text: never as Markdown, HTML, a formula or a terminal command."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings, strategies as st
from markdown_it import MarkdownIt

from accgraph import output, report as R

PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    "<img src=http://127.0.0.1:9/x.png onerror=alert(1)>",
    "![tracker](http://127.0.0.1:9/pixel.png)",
    "[click](javascript:alert(1))",
    "<http://127.0.0.1:9/auto>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`code` *em* _em_ **strong** ~~gone~~ | pipe \\ back",
    "<a href='http://127.0.0.1:9/'>link</a>",
]
HOSTILE_CHARS = ["<", ">", "&", "!", "[", "]", "(", ")", "*", "_", "`", "~", "|", "\\", "#", "=", "+", "-", "@",
                 "\t", "\r", "\n", "\x1b", "\x1b[31m", "\x1b]0;title\x07", "\x9b", "\x07", "\x00", "\u2028",
                 "\u202e", "http://x.test/", "script", "img", "href", " "]
texts = st.lists(st.one_of(st.sampled_from(HOSTILE_CHARS + PAYLOADS), st.text(max_size=5)), max_size=10).map("".join)


# --- Markdown ------------------------------------------------------------------------


def render_markdown(text: str) -> str:
    """What a CommonMark viewer with GitHub tables shows."""
    return MarkdownIt("commonmark").enable("table").render(text)


def elements(rendered: str) -> set[tuple[str, tuple]]:
    """Every element of the rendered page, with its attributes."""
    found = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.add((tag, tuple(attrs)))

    Collect().feed(rendered)
    return found


def one_cell_table(value) -> str:
    return f"| h |\n|---|\n| {R._md_cell(value)} |\n"


def cell_text(rendered: str) -> str:
    m = re.fullmatch(r"<table>\n<thead>\n<tr>\n<th>h</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>(.*)</td>\n"
                     r"</tr>\n</tbody>\n</table>\n", rendered, re.S)
    assert m, rendered
    assert "<" not in m.group(1), rendered  # no element at all inside the cell
    return html.unescape(m.group(1))


@settings(max_examples=300, deadline=None)
@given(texts)
@example(PAYLOADS[0])
@example(PAYLOADS[2])
def test_markdown_cell_renders_as_its_own_text(value):
    shown = cell_text(render_markdown(one_cell_table(value)))
    assert shown == output.printable(value).strip()


def test_report_markdown_runs_no_script_and_fetches_nothing():
    row = {"citations": [{"source": "doc-x", "at": PAYLOADS[1]}]}
    rows = [{"a": p, "b": [p, p], "gap": p, **row} for p in PAYLOADS]
    sections = [R.Section("Hostile", ["a", "b"], "intro", rows, "query x"),
                R.Section("Grouped", ["a"], "intro", rows, "query y", groups=R.impunity_groups(rows))]
    rendered = render_markdown(R._markdown(sections, "stamp"))
    assert elements(rendered) <= {("h1", ()), ("h2", ()), ("h3", ()), ("p", ()), ("code", ()), ("table", ()), ("thead", ()),
                                  ("tbody", ()), ("tr", ()), ("th", ()), ("td", ())}
    for p in PAYLOADS:
        assert html.escape(output.printable(p).strip(), quote=False) in rendered


# --- CSV --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(texts, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()),
                min_size=1, max_size=4))
@example(["=HYPERLINK(\"http://x.test/?\"&A1)", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", -5])
def test_csv_cells_never_start_a_formula(values):
    columns = [f"c{i}" for i in range(len(values))]
    text = output.to_csv(columns, [dict(zip(columns, values))])
    header, row = list(csv.reader(io.StringIO(text)))
    assert header == columns
    for value, got in zip(values, row):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            assert got == output.cell(value)  # numbers stay numbers, negative ones too
            continue
        assert not got.startswith(output.FORMULA_START)
        assert got == output.cell(value) or got == "'" + output.cell(value)


def test_csv_formula_cells_get_a_quote():
    text = output.to_csv(["a", "b", "n"], [{"a": "=1+2", "b": "@cmd", "n": -3}, {"a": "-2+3", "b": "ok", "n": 1.0}])
    assert text == "a,b,n\n'=1+2,'@cmd,-3\n'-2+3,ok,1\n"


# --- table and JSON -------------------------------------------------------------------------

TERMINAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, min_size=1, max_size=3), st.integers(40, 200))
@example(["\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m"], 80)
def test_table_sends_no_control_to_the_terminal(values, width):
    columns = [f"c{i}" for i in range(len(values))]
    text = output.to_table(columns, [dict(zip(columns, values))], width=width)
    assert not TERMINAL.search(text)


def test_table_drops_escape_sequences_whole():
    text = output.to_table(["a"], [{"a": "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m\x9b1mX"}])
    assert text == "a\n----\nredX\n"


@settings(max_examples=200, deadline=None)
@given(texts)
def test_json_round_trips_and_escapes_controls(value):
    text = output.to_json([{"a": value}])
    assert json.loads(text) == [{"a": value}]
    assert not TERMINAL.search(text.replace("\n", " "))


def test_printable_keeps_ordinary_text():
    assert output.printable("Kosovo, 2001-2004: UNMIK Police & KFOR <ok> ü") == \
        "Kosovo, 2001-2004: UNMIK Police & KFOR <ok> ü"


@pytest.mark.parametrize("value", ["a\nb", "a\tb"])
def test_table_turns_line_breaks_into_spaces(value):
    assert output.to_table(["a"], [{"a": value}]).splitlines()[2] == "a b"


def test_show_sends_no_control_to_the_terminal():
    from accgraph import show

    evil = "A\x1b]0;pwned\x07\x1b[2J\nB\u202e"
    rec = {"name": evil, "kind": "Person", "id": "person-x", "marks": [evil], "properties": {"summary": evil},
           "citations": [{"source": "doc-x", "at": evil, "quote": evil}],
           "outgoing": [{"sentence": evil, "other": {"kind": "Unit", "id": evil}, "marks": [evil],
                         "properties": {"role": evil}, "citations": [{"source": "doc-x", "at": evil}]}],
           "incoming": []}
    text = show.to_text(rec)
    assert not TERMINAL.search(text)
    assert text.splitlines()[0] == "A B   [Person person-x]"
