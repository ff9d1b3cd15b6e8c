"""The YAML reader: every kind of bad input is refused with one exact file:line message, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from accgraph.cli import main
from accgraph.loader import validate as v
from accgraph.loader import yamlio

BAD = Path(__file__).parent / "bad"

EXPECTED = {
    "alias.yaml": ['alias.yaml:2: anchors and aliases are not allowed (&org)'],
    "bad-edge-id.yaml": ["bad-edge-id.yaml:2: edges[0].id: edge id 'part of\\nx' must be lower-case words joined by hyphens, underscores or colons (a-z, 0-9, -, _, :)"],
    "bad-node-id.yaml": ['bad-node-id.yaml:2: nodes[0].id: id "org-b\' OR true //" must be lower-case words joined by hyphens (a-z, 0-9, -)'],
    "billion-laughs.yaml": ['billion-laughs.yaml:1: anchors and aliases are not allowed (&a0)'],
    "comment-only.yaml": [],
    "deep-nesting.yaml": ['deep-nesting.yaml:5: nested more than 32 levels deep'],
    "duplicate-key.yaml": ["duplicate-key.yaml:5: duplicate key 'name' (first at line 4)"],
    "empty.yaml": [],
    "impossible-date.yaml": ["impossible-date.yaml:5: nodes[0].start: '2004-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", "impossible-date.yaml:6: nodes[0].end: '2004-13-01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"],
    "long-string.yaml": ['long-string.yaml:5: text of 20001 characters; at most 20000 allowed'],
    "name-number.yaml": ['name-number.yaml:4: nodes[0].name: expected short text, got 12345'],
    "not-utf8.yaml": ['not-utf8.yaml:4: not UTF-8 text (byte 0xe9 cannot be decoded)'],
    "syntax-cascade.yaml": ["syntax-cascade.yaml:6: YAML syntax error: did not find expected ',' or ']'"],
    "tag.yaml": ['tag.yaml:2: YAML tags are not allowed (tag:yaml.org,2002:python/object:os.system)'],
    "two-documents.yaml": ['two-documents.yaml:2: more than one YAML document in the file'],
    "type-list.yaml": ['type-list.yaml:3: nodes[0].type: expected a node type, got a list'],
    "type-mapping.yaml": ['type-mapping.yaml:2: edges[0].type: expected an edge type, got a mapping'],
}

#: Files that read, but hold nothing: a warning, not an error.
EMPTY = {
    "comment-only.yaml": "comment-only.yaml:1: warning: file holds no records (empty, comment-only or truncated) [empty-file]",
    "empty.yaml": "empty.yaml:1: warning: file holds no records (empty, comment-only or truncated) [empty-file]",
}


def test_every_reader_case_has_an_expectation():
    assert sorted(p.name for p in (BAD / "reader").glob("*.yaml")) == sorted(EXPECTED)


def _workdir(tmp_path: Path, monkeypatch, *cases: str) -> None:
    shutil.copy(BAD / "base.yaml", tmp_path / "base.yaml")
    for case in cases:
        shutil.copy(BAD / "reader" / case, tmp_path / case)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_input_gives_its_exact_message(case, tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch, case)
    ds = v.read(Path("."), BAD / "sources")
    assert [str(i) for i in ds.issues] == EXPECTED[case]
    if case in EMPTY:
        assert [str(w) for w in ds.warnings] == [EMPTY[case]]


@pytest.mark.parametrize("case", ["billion-laughs.yaml", "not-utf8.yaml", "deep-nesting.yaml", "type-list.yaml"])
def test_cli_gives_one_line_per_error_and_no_traceback(case, tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch, case)
    result = CliRunner().invoke(main, ["validate", "."])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.splitlines() == EXPECTED[case] + [f"Error: {len(EXPECTED[case])} error(s) in 2 file(s)"]


def test_empty_file_warns_but_validates(tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch, "empty.yaml")
    result = CliRunner().invoke(main, ["validate", "."])
    assert result.exit_code == 0
    assert result.output.splitlines() == [EMPTY["empty.yaml"], "ok: 2 files, 2 nodes, 0 edges; 1 warning(s)"]
    assert CliRunner().invoke(main, ["validate", ".", "--strict"]).exit_code == 1


def test_a_syntax_error_stops_the_cascade(tmp_path, monkeypatch):
    """The broken file's records are missing, but other files' references to them are not reported."""
    _workdir(tmp_path, monkeypatch, "syntax-cascade.yaml")
    (tmp_path / "refs.yaml").write_text(
        "edges:\n  - {type: PART_OF, from: org-b, to: org-a, cite: [{source: doc-test, at: 'line 2'}]}\n"
        "  - {type: PART_OF, from: org-a, to: org-c, colour: red, cite: [{source: doc-test, at: 'line 2'}]}\n")
    ds = v.read(Path("."), BAD / "sources")
    assert [str(i) for i in ds.issues] == [
        "syntax-cascade.yaml:6: YAML syntax error: did not find expected ',' or ']'",
        "refs.yaml:3: edges[1].colour: unknown key 'colour'",
    ]


def test_file_size_is_capped(tmp_path, monkeypatch):
    _workdir(tmp_path, monkeypatch)
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 100)
    ds = v.read(Path("."), BAD / "sources")
    size = (tmp_path / "base.yaml").stat().st_size
    assert [str(i) for i in ds.issues] == [f"base.yaml:1: file is {size} bytes; at most 100 allowed"]


def test_values_are_read_as_yaml_1_1_except_dates():
    loaded = yamlio.load(b"a: [yes, no, ~, 12, 1.5, 0x10, '12', 2004-02-30, 2004-05-06, 1:30]\nb: {c: d}\n")
    assert loaded.problems == []
    assert loaded.value == {"a": [True, False, None, 12, 1.5, 16, "12", "2004-02-30", "2004-05-06", 90],
                            "b": {"c": "d"}}
    assert dict(loaded.lines) == {(): 1, ("a",): 1, ("b",): 2, ("b", "c"): 2, **{("a", i): 1 for i in range(10)}}


def test_aliases_cost_nothing():
    """A billion-laughs file is refused at its first anchor, before anything expands."""
    loaded = yamlio.load((BAD / "reader" / "billion-laughs.yaml").read_bytes())
    assert loaded.value is None and [p.message for p in loaded.problems] == ["anchors and aliases are not allowed (&a0)"]


hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(st.one_of(
    st.binary(max_size=300),
    st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#%@` \n\tab01.~?,")), max_size=200),
))
def test_the_reader_never_raises(data):
    """Whatever the bytes, the reader answers with a value or with problems that have a line."""
    loaded = yamlio.load(data)
    assert all(p.line >= 1 and p.message for p in loaded.problems)
    if loaded.fatal:
        assert loaded.value is None


def test_an_empty_value_is_no_value():
    assert yamlio.load(b"a:\nb: ''\nc: y\n").value == {"a": None, "b": "", "c": "y"}
