"""YAML reading that remembers on which line every value sits.

The file is parsed by libyaml (PyYAML's C parser) into a stream of events,
and the values are built here from those events, so that the reader can
refuse what a seed file never needs and what would make reading unsafe:

- anchors and aliases (an alias can multiply a small file a billion-fold);
- a key given twice in one mapping (the second silently won);
- YAML tags (``!!python/...`` and the like);
- more than one document in a file;
- files, strings or nesting beyond fixed limits;
- bytes that are not UTF-8.

Plain scalars resolve as YAML 1.1 does (null, booleans, integers, floats),
except dates and times, which stay text so that an impossible date such as
``2004-02-30`` reaches the schema check as text instead of failing here.
Every problem is a :class:`Problem` with a 1-based line.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

Path_ = tuple  # a path into the document: ("nodes", 3, "cite", 0, "quote")

#: Limits on one seed file.  Larger data belongs in bulk files.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32  # nested mappings and sequences; the seeds use 5
MAX_STRING = 20_000  # characters in one scalar

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMap(dict):
    """Maps a document path to the 1-based line where that value starts."""

    def line(self, path: Path_) -> int:
        while path:
            if path in self:
                return self[path]
            path = path[:-1]
        return self.get((), 1)


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    fatal: bool = True  # False: the file was read; True: nothing from it can be trusted


@dataclass
class Loaded:
    value: Any
    lines: LineMap
    problems: list[Problem]

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)


# --- plain scalar resolution (YAML 1.1 core types, dates kept as text) -------

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}
_FALSE = {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}
_INT = re.compile(r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""", re.X)
_FLOAT = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""", re.X)
_FIRST = set("0123456789+-.~nNtTfFyYoO")
_constructor = yaml.constructor.SafeConstructor()


def _plain(text: str) -> Any:
    if not text:
        return None
    if text[0] not in _FIRST:
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return _constructor.construct_yaml_int(yaml.ScalarNode("tag:yaml.org,2002:int", text))
    if _FLOAT.match(text) and text not in (".",):
        return _constructor.construct_yaml_float(yaml.ScalarNode("tag:yaml.org,2002:float", text))
    return text  # dates and times stay text


# --- building values from events --------------------------------------------------


class _Stop(Exception):
    """A problem after which the rest of the file cannot be read."""

    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


_NO_KEY = object()


def load(data: bytes | str) -> Loaded:
    """Parse one YAML document; return its value, a line map and any problems.

    Never raises on bad input: every problem comes back with its line.
    """
    lines = LineMap({(): 1})
    problems: list[Problem] = []
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > MAX_FILE_BYTES:
        return Loaded(None, lines, [Problem(1, f"file is {size} bytes; at most {MAX_FILE_BYTES} allowed")])
    if isinstance(data, bytes):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            bad = data[exc.start:exc.start + 1].hex()
            return Loaded(None, lines, [Problem(line, f"not UTF-8 text (byte 0x{bad} cannot be decoded)")])
    try:
        value = _build(data, lines, problems)
    except _Stop as stop:
        problems.append(Problem(stop.line, stop.message))
        return Loaded(None, lines, problems)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem((mark.line + 1) if mark else 1, f"YAML syntax error: {problem}"))
        return Loaded(None, lines, problems)
    return Loaded(value, lines, problems)


def _build(data: bytes | str, lines: LineMap, problems: list[Problem]) -> Any:
    E = yaml.events
    # stack of [container, path, pending key, its line, {key: line}, start line]
    stack: list[list] = []
    root: Any = None
    documents = 0

    def put(value: Any, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            lines[()] = line
            return
        top = stack[-1]
        container = top[0]
        if isinstance(container, list):
            path = top[1] + (len(container),)
            lines[path] = line
            container.append(value)
            return
        key = top[2]
        if key is _NO_KEY:  # this value is a key
            if not isinstance(value, str):
                raise _Stop(line, "a mapping key must be plain text")
            first = top[4].get(value)
            if first is not None:
                problems.append(Problem(line, f"duplicate key {value!r} (first at line {first})", fatal=False))
            top[2], top[3] = value, line
            return
        if key not in top[4]:
            top[4][key] = top[3]
            container[key] = value
            lines[top[1] + (key,)] = top[3]
        top[2] = _NO_KEY

    def refuse_node_features(event, line: int) -> None:
        if event.anchor is not None:
            raise _Stop(line, f"anchors and aliases are not allowed (&{event.anchor})")
        tag = event.tag
        if tag is not None and tag != "!":
            if not (isinstance(event, E.ScalarEvent) and tag == "tag:yaml.org,2002:str"):
                raise _Stop(line, f"YAML tags are not allowed ({tag})")

    for event in yaml.parse(data, Loader=_Parser):
        cls = type(event)
        line = event.start_mark.line + 1
        if cls is E.ScalarEvent:
            refuse_node_features(event, line)
            text = event.value
            if len(text) > MAX_STRING:
                raise _Stop(line, f"text of {len(text)} characters; at most {MAX_STRING} allowed")
            if not event.style and event.implicit[0] and not (stack and stack[-1][2] is _NO_KEY
                                                                   and isinstance(stack[-1][0], dict)):
                put(_plain(text), line)
            else:
                put(text, line)
        elif cls is E.MappingStartEvent or cls is E.SequenceStartEvent:
            refuse_node_features(event, line)
            if len(stack) >= MAX_DEPTH:
                raise _Stop(line, f"nested more than {MAX_DEPTH} levels deep")
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                raise _Stop(line, "a mapping key must be plain text")
            container: Any = {} if cls is E.MappingStartEvent else []
            if not stack:
                path, start = (), 1
            elif isinstance(stack[-1][0], list):
                path, start = stack[-1][1] + (len(stack[-1][0]),), line
            else:
                path, start = stack[-1][1] + (stack[-1][2],), stack[-1][3]
            stack.append([container, path, _NO_KEY, 0, {}, start])
        elif cls is E.MappingEndEvent or cls is E.SequenceEndEvent:
            frame = stack.pop()
            put(frame[0], frame[5])
        elif cls is E.AliasEvent:
            raise _Stop(line, f"anchors and aliases are not allowed (*{event.anchor})")
        elif cls is E.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Stop(line, "more than one YAML document in the file")
    return root


def scalar_to_text(value: Any) -> Any:
    """Dates that YAML parsed as dates (or bare years) become ISO strings."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return value
