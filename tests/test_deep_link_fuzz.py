"""Deep links against the Neo4j Browser's editor preprocessing, fuzzed with hypothesis.

Before the Browser 5.24 splits the editor text into statements it drops every line
(split on line feeds only) whose trimmed text starts with ``//`` and every blank line,
even inside a string literal (``cleanCommand`` in its bundle); a single statement goes
to the server as typed.  A literal must therefore come out of both paths unchanged.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from accgraph import browser as B, queries as Q

from test_browser import editor_content

# JavaScript's String.prototype.trim and the \s class: WhiteSpace and LineTerminator.
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
           "\u2028\u2029\u202f\u205f\u3000\ufeff"


def js_trim(line: str) -> str:
    return line.strip(JS_SPACE)


def clean_command(text: str) -> str:
    """The bundle's ``cleanCommand``: comment lines out, then blank lines out."""
    lines = [line for line in text.split("\n") if not js_trim(line).startswith("//")]
    return "\n".join(line for line in lines if js_trim(line))


_ESC = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _decode(body: str) -> str:
    """A Cypher string literal's body to its value (UTF-16 escapes joined as Java does)."""
    units, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            units.append(ch)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "u":
            units.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        elif nxt == "U":
            units.append(chr(int(body[i + 2:i + 10], 16)))
            i += 10
        else:
            units.append(_ESC[nxt])
            i += 2
    return "".join(units).encode("utf-16-le", "surrogatepass").decode("utf-16-le")


TOKEN = re.compile(r"""(?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(?P<name>`[^`]*`)|(?P<comment>//[^\n]*|/\*.*?\*/)"""
                   r"""|(?P<param>\$[A-Za-z_][A-Za-z0-9_]*)|(?P<space>\s+)|(?P<word>[A-Za-z0-9_.]+)|(?P<sym>.)""", re.S)


def tokens(text: str) -> list[tuple[str, str]]:
    """Cypher's tokens, as far as statement boundaries and literals go; comments dropped."""
    out = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("space", "comment"):
            continue
        if kind == "str":
            out.append(("str", _decode(m.group()[1:-1])))
        else:
            out.append((kind, m.group()))
    assert "".join(m.group() for m in TOKEN.finditer(text)) == text
    return out


def statements(toks: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    out = [[]]
    for t in toks:
        if t == ("sym", ";"):
            out.append([])
        else:
            out[-1].append(t)
    return [s for s in out if s]


def as_the_browser_runs_it(text: str) -> list[list[tuple[str, str]]]:
    """What the Browser sends for an editor text: one statement as is, several after cleaning."""
    multi = len([p for p in text.split(";") if js_trim(p)]) > 1
    return statements(tokens(clean_command(text) if multi else text))


def intended(query: Q.Query, params: dict) -> list[list[tuple[str, str]]]:
    return statements([("str", params.get(t[1][1:], "")) if t[0] == "param" else t for t in tokens(query.cypher)])


HOSTILE = ["\n", "\r", "\r\n", "//", "/*", "*/", "'", '"', "\\", ";", "`", "&", "#", "%", "+", "$holder",
           "\u2028", "\u2029", "\u0085", "\x00", "\x1b", "\t", "\v", "\f", "\u00a0", "\ufeff", "\u200e",
           " DETACH DELETE n ", "\U0001F600", "\ud7ff", "\ue000"]
values = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), max_size=12).map("".join)


def check_link(query: Q.Query, params: dict) -> None:
    text = editor_content(B.deep_link(query, params, base="http://127.0.0.1:7474/browser/"))
    assert text == B.editor_text(query, params)
    assert as_the_browser_runs_it(text) == intended(query, params)
    assert statements(tokens(text)) == intended(query, params)
    for line in text.split("\n"):
        assert not js_trim(line).startswith("//")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values)
@example("\n//")
@example("x\n// '\n;MATCH (n) DETACH DELETE n;\n//")
@example("a&b#c")
def test_deep_link_literal_survives_the_browser(value):
    check_link(Q.get("who-can-waive"), {"holder": value})


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b"]), values, min_size=2))
def test_several_parameters_and_literals_in_the_template(params):
    query = Q.Query("t", "t", "t", "t", (), "MATCH (n) // a comment with $a\nWHERE n.x = '$b' AND n.a = $a\n"
                    "  AND n.`$a` = $b\nRETURN n.id AS id", None, None)
    check_link(query, params)


def test_newline_and_comment_marker_become_escapes():
    text = B.editor_text(Q.get("who-can-waive"), {"holder": "x\n// y\r\u2028;'"})
    assert "'x\\n// y\\r\\u2028;\\''" in text and "$holder" not in text
    assert text.count("\n") == Q.get("who-can-waive").cypher.count("\n")


def test_literal_of_other_values():
    assert [B.cypher_literal(v) for v in (None, True, 3, 2.5, ["a", 1])] == ["null", "true", "3", "2.5", "['a', 1]"]
    assert B.cypher_literal("\U0001F600\U000E0001") == "'\U0001F600\\uDB40\\uDC01'"
    with pytest.raises(ValueError):
        B.cypher_literal(float("nan"))
    with pytest.raises(TypeError):
        B.cypher_literal({"a": 1})


@pytest.mark.neo4j
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values)
def test_literal_round_trips_through_neo4j(neo4j, value):
    assert neo4j.read(f"RETURN {B.cypher_literal(value)} AS v") == [{"v": value}]
