"""Read the seed YAML files and check them against the schema.

Every problem is collected (never just the first) as an :class:`Issue` that
prints as ``file:line: path: message``.  Errors go to :attr:`Dataset.issues`;
a :class:`Dataset` is only usable (loadable) when that list is empty.
Warnings go to :attr:`Dataset.warnings`: they print as
``file:line: path: warning: message [check]`` and do not block loading.  A
record accepts a warning by naming its check in ``accept:``
(``"check: reason"``); accepted warnings move to :attr:`Dataset.accepted`.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from accgraph import schema as S
from accgraph.loader import yamlio

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
TOP_KEYS = ("about", "nodes", "edges")
EDGE_KEYS = ("type", "from", "to", "id", "cite")
#: Node ids: lower-case words joined by hyphens.
NODE_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Edge ids: such words (snake_case allowed for the type), joined by colons, e.g. ``part_of:unit-a:org-b``.
EDGE_ID_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*(?::[a-z0-9]+(?:[-_][a-z0-9]+)*)*$")

#: Every check that can produce a warning, with what it means.  ``accept:``
#: entries name one of these.
WARNING_CHECKS = {
    "empty-file": "a file holds no records (empty, comment-only or truncated)",
    "orphan": "a node takes part in no edge",
    "same-relation": "two edges have the same type, from and to",
    "locator-range": "the quote does not lie within the lines the locator cites",
    "locator-section": "the section, heading or paragraph the locator names does not contain the cited lines",
    "locator-lines": "the locator names no line numbers",
    "probable-duplicate": "two records of the same kind probably describe the same thing",
    "unused-accept": "an accept entry names a check that ran and found nothing to accept on the record",
}
#: The checks every ``read`` runs; the locator checks run with a sources folder, and
#: ``probable-duplicate`` only on request (``validate --duplicates``).
ALWAYS_CHECKS = frozenset({"orphan", "same-relation"})
LOCATOR_CHECKS = frozenset({"locator-range", "locator-section", "locator-lines"})
ACCEPT_RE = re.compile(r"^([a-z][a-z-]*):\s*(\S.*)$", re.S)


@dataclass(frozen=True, order=True)
class Issue:
    file: str
    line: int
    path: str
    message: str
    code: str = field(default="", compare=False)  # the check, for warnings
    level: str = field(default="error", compare=False)  # error | warning
    reason: str = field(default="", compare=False)  # why it was accepted

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        if self.level == "warning":
            tail = f" (accepted: {self.reason})" if self.reason else ""
            return f"{self.file}:{self.line}: {where}warning: {self.message} [{self.code}]{tail}"
        return f"{self.file}:{self.line}: {where}{self.message}"


@dataclass(slots=True)
class Record:
    """One node or edge as read from YAML, with where it came from."""

    kind: str  # "node" | "edge"
    type: str
    data: dict[str, Any]
    file: str
    line: int
    path: tuple  # path inside its file, e.g. ("nodes", 3)

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Dataset:
    nodes: dict[str, Record] = field(default_factory=dict)
    edges: list[Record] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    accepted: list[Issue] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    digest: str = ""
    #: edges folded into an earlier edge with the same type, ends and properties
    merged: list[Record] = field(default_factory=list)
    #: every edge as written, before same relations were merged
    all_edges: list[Record] = field(default_factory=list)
    #: line ranges that ``validate --fix-locators`` would rewrite
    fixes: list = field(default_factory=list)
    #: (record, check) pairs whose ``accept`` entry matched a warning
    accept_used: set = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.issues

    def counts(self) -> dict[str, dict[str, int]]:
        nodes: dict[str, int] = {}
        edges: dict[str, int] = {}
        for r in self.nodes.values():
            nodes[r.type] = nodes.get(r.type, 0) + 1
        for r in self.edges:
            edges[r.type] = edges.get(r.type, 0) + 1
        return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}


def _show(value: Any) -> str:
    """A short rendering of a wrong value for a message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def fmt_path(path: Iterable) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def normalise_text(text: str) -> str:
    """Case- and whitespace-insensitive form used to find quotes in documents."""
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def check_date(value: str) -> bool:
    m = DATE_RE.match(value)
    if not m:
        return False
    month, day = m.group(2), m.group(3)
    if month and not 1 <= int(month) <= 12:
        return False
    if day:
        import datetime as dt

        try:
            dt.date(int(m.group(1)), int(month), int(day))
        except ValueError:
            return False
    return True


class _Props:
    """A set of properties by name, with the required ones (built once per node type, edge type, citation)."""

    __slots__ = ("by_name", "required")

    def __init__(self, props: Iterable[S.Prop]):
        self.by_name = {p.name: p for p in props}
        self.required = tuple(p.name for p in self.by_name.values() if p.required)


_PROPS: dict = {}


def _props_of(kind: str, name: str) -> _Props:
    """The checked properties of a node type (``kind`` "node"), an edge type ("edge") or a citation ("cite")."""
    key = (kind, name)
    found = _PROPS.get(key)
    if found is None:
        if kind == "node":
            props = S.node_props(name)
        elif kind == "edge":
            props = (S.Prop("id", "string", "edge id"),) + S.edge_props(name)
        else:
            props = S.CITATION_KEYS
        found = _PROPS[key] = _Props(props)
    return found


class _FileChecker:
    """Checks one file's shape; records are handed to the cross-file pass."""

    def __init__(self, name: str, lines: yamlio.LineMap, issues: list[Issue]):
        self.name, self.lines, self.issues = name, lines, issues

    def err(self, path: tuple, message: str) -> None:
        self.issues.append(Issue(self.name, self.lines.line(path), fmt_path(path), message))

    # -- values ------------------------------------------------------------
    def value(self, prop: S.Prop, value: Any, path: tuple) -> Any:
        t = prop.type
        if type(value) is str and (t == "string" or t == "text" or t == "ref"):
            # the common case, checked as below
            if not value.strip():
                self.err(path, "must not be empty")
                return None
            return sys.intern(value) if t == "ref" else value
        value = yamlio.scalar_to_text(value)
        if t == "date" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if t in ("string", "text", "ref", "date", "enum"):
            if not isinstance(value, str) or isinstance(value, bool):
                self.err(path, f"expected {S.PROP_TYPES[t][1]}, got {value!r}")
                return None
            if not value.strip():
                self.err(path, "must not be empty")
                return None
            if t == "date" and not check_date(value):
                self.err(path, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
                return None
            if t == "enum" and value not in prop.enum:
                self.err(path, f"{value!r} is not one of: {', '.join(prop.enum)}")
                return None
            return value
        if t == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.err(path, f"expected integer, got {value!r}")
                return None
            return value
        if t == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.err(path, f"expected number, got {value!r}")
                return None
            return float(value)
        if t == "bool":
            if not isinstance(value, bool):
                self.err(path, f"expected true or false, got {value!r}")
                return None
            return value
        # lists
        if not isinstance(value, list):
            self.err(path, f"expected a list, got {value!r}")
            return None
        out = []
        for i, item in enumerate(value):
            item = yamlio.scalar_to_text(item)
            if not isinstance(item, str) or not item.strip():
                self.err(path + (i,), f"expected text, got {item!r}")
            elif t == "enum[]" and item not in prop.enum:
                self.err(path + (i,), f"{item!r} is not one of: {', '.join(prop.enum)}")
            else:
                out.append(item)
        return out

    def mapping(self, value: Any, path: tuple, props: Iterable[S.Prop] | _Props, fixed: tuple = ()) -> dict | None:
        if not isinstance(value, dict):
            self.err(path, f"expected a mapping, got {type(value).__name__}")
            return None
        if not isinstance(props, _Props):
            props = _Props(props)
        by_name = props.by_name
        out: dict[str, Any] = {}
        for key, v in value.items():
            if key in fixed:
                continue
            prop = by_name.get(key) if isinstance(key, str) else None
            if prop is None:
                self.err(path + (key,), f"unknown key {key!r}")
                continue
            if v is None:
                self.err(path + (key,), "has no value")
                continue
            checked = self.value(prop, v, path + (key,))
            if checked is not None:
                out[prop.name] = checked  # the schema's own key string, shared by every record
        for name in props.required:
            if name not in value:
                self.err(path, f"missing required key {name!r}")
        return out

    def citations(self, value: Any, path: tuple) -> list[dict]:
        if value is None or value == []:
            self.err(path, "no citation: every fact needs 'cite' with at least one source and locator")
            return []
        if not isinstance(value, list):
            self.err(path + ("cite",), f"expected a list, got {type(value).__name__}")
            return []
        out = []
        for i, c in enumerate(value):
            cp = path + ("cite", i)
            checked = self.mapping(c, cp, _props_of("cite", ""))
            if checked is None:
                continue
            q = checked.get("quote")
            if q is not None and len(q.split()) > S.MAX_QUOTE_WORDS:
                self.err(cp + ("quote",), f"quote has {len(q.split())} words; at most {S.MAX_QUOTE_WORDS} allowed")
            if "source" in checked and "at" in checked:
                checked["_path"] = cp
                out.append(checked)
        return out

    def accepts(self, data: dict, path: tuple) -> None:
        """Check ``accept:`` entries; keep them as {check: reason} in ``_accept``."""
        out = {}
        for i, entry in enumerate(data.get("accept", [])):
            m = ACCEPT_RE.match(entry)
            if not m:
                self.err(path + ("accept", i), f"expected 'check: reason', got {entry!r}")
            elif m.group(1) not in WARNING_CHECKS:
                self.err(path + ("accept", i), f"unknown check {m.group(1)!r} (known: {', '.join(WARNING_CHECKS)})")
            else:
                out[m.group(1)] = m.group(2).strip()
        if out:  # readers take a missing _accept as none accepted
            data["_accept"] = out

    # -- records -----------------------------------------------------------
    def node(self, value: Any, path: tuple) -> Record | None:
        if not isinstance(value, dict):
            self.err(path, f"expected a mapping, got {type(value).__name__}")
            return None
        t = value.get("type")
        if t is not None and not isinstance(t, str):
            self.err(path + ("type",), f"expected a node type, got {_show(t)}")
            return None
        if t not in S.NODES:
            known = ", ".join(S.NODES)
            self.err(path + ("type",) if "type" in value else path,
                     f"unknown node type {t!r} (known: {known})" if t else "missing required key 'type'")
            return None
        data = self.mapping(value, path, _props_of("node", t), fixed=("type", "cite"))
        cites = self.citations(value.get("cite"), path)
        if data is None or "id" not in data:
            return None
        if not NODE_ID_RE.match(data["id"]):
            self.err(path + ("id",), f"id {data['id']!r} must be lower-case words joined by hyphens (a-z, 0-9, -)")
        data["id"] = sys.intern(data["id"])  # one string for the id and every reference to it
        self.accepts(data, path)
        data["cite"] = cites
        return Record("node", t, data, self.name, self.lines.line(path), path)

    def edge(self, value: Any, path: tuple) -> Record | None:
        if not isinstance(value, dict):
            self.err(path, f"expected a mapping, got {type(value).__name__}")
            return None
        t = value.get("type")
        if t is not None and not isinstance(t, str):
            self.err(path + ("type",), f"expected an edge type, got {_show(t)}")
            return None
        if t not in S.EDGES:
            known = ", ".join(S.EDGES)
            self.err(path + ("type",) if "type" in value else path,
                     f"unknown edge type {t!r} (known: {known})" if t else "missing required key 'type'")
            return None
        ends = {}
        for key in ("from", "to"):
            v = value.get(key)
            if v is None:
                self.err(path, f"missing required key {key!r}")
            elif not isinstance(v, str):
                self.err(path + (key,), f"expected an id, got {v!r}")
            else:
                ends[key] = sys.intern(v)
        data = self.mapping(value, path, _props_of("edge", t), fixed=("type", "from", "to", "cite"))
        cites = self.citations(value.get("cite"), path)
        if data is None or len(ends) < 2:
            return None
        data.update(ends)
        if "id" in data and not EDGE_ID_RE.match(data["id"]):
            self.err(path + ("id",), f"edge id {data['id']!r} must be lower-case words joined by hyphens, "
                                     "underscores or colons (a-z, 0-9, -, _, :)")
        data.setdefault("id", f"{t.lower()}:{ends['from']}:{ends['to']}")
        self.accepts(data, path)
        data["cite"] = cites
        return Record("edge", t, data, self.name, self.lines.line(path), path)


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cycle collector while records are read or turned into rows.

    Records are trees (no reference cycles), and a collection pass walks every
    object alive: with millions of records, those passes cost a large part of
    the read.  Anything cyclic left over is collected once it runs again.
    Also usable as a decorator.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def seed_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.yaml") if p.is_file())


def input_digest(path: str | Path) -> str:
    """Hash of every input file's name and bytes (YAML and bulk files).

    It is what a database records as its data version, and it is cheap: the
    files are hashed, not parsed, so a reader can tell a stale database
    without validating the seeds again.
    """
    from accgraph.loader import bulkfiles

    path = Path(path)
    digest = hashlib.sha256()
    for f in sorted(set(seed_files(path)) | set(bulkfiles.bulk_files(path))):
        name = str(f.relative_to(path) if path.is_dir() else f.name)
        digest.update(name.encode() + b"\0")
        with open(f, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


@collector_paused()
def read(path: str | Path, sources_dir: str | Path | None = None) -> Dataset:
    """Read and validate every ``*.yaml`` file under ``path``.

    A file that cannot be read (syntax, encoding, limits, aliases) is
    reported alone: its errors come first, and the checks across files,
    which would only repeat its absence as a cascade of unknown ids, are
    skipped until it is fixed.
    """
    path = Path(path)
    ds = Dataset()
    if not path.exists():
        ds.issues.append(Issue(str(path), 0, "", "no such file or directory"))
        return ds
    line_maps: dict[str, yamlio.LineMap] = {}
    unreadable: list[Issue] = []
    for f in seed_files(path):
        name = str(f)
        ds.files.append(name)
        data = f.read_bytes()
        loaded = yamlio.load(data)
        for problem in loaded.problems:
            issue = Issue(name, problem.line, "", problem.message)
            (unreadable if problem.fatal else ds.issues).append(issue)
        if loaded.fatal:
            continue
        doc, lines = loaded.value, loaded.lines
        line_maps[name] = lines
        fc = _FileChecker(name, lines, ds.issues)
        if doc is None or (isinstance(doc, dict) and not doc.get("nodes") and not doc.get("edges")):
            ds.warnings.append(Issue(name, 1, "", "file holds no records (empty, comment-only or truncated)",
                                     "empty-file", "warning"))
            if doc is None:
                continue
        if not isinstance(doc, dict):
            fc.err((), "expected a mapping with 'nodes' and/or 'edges'")
            continue
        for key in doc:
            if key not in TOP_KEYS:
                fc.err((key,), f"unknown key {key!r} (expected: {', '.join(TOP_KEYS)})")
        for section, make in (("nodes", fc.node), ("edges", fc.edge)):
            items = doc.get(section) or []
            if not isinstance(items, list):
                fc.err((section,), "expected a list")
                continue
            for i, item in enumerate(items):
                rec = make(item, (section, i))
                if rec is None:
                    continue
                if rec.kind == "node":
                    first = ds.nodes.get(rec.id)
                    if first is not None:
                        fc.err((section, i, "id"), f"duplicate id {rec.id!r} (first defined at {first.where})")
                    else:
                        ds.nodes[rec.id] = rec
                else:
                    ds.edges.append(rec)
    from accgraph.loader import bulkfiles

    for name, lines in bulkfiles.read_into(ds, path, lambda n, lm: _FileChecker(n, lm, ds.issues),
                                           lambda f, line, msg: Issue(f, line, "", msg)):
        line_maps[name] = lines
    ds.digest = input_digest(path)
    if unreadable:
        ds.issues = sorted(unreadable) + sorted(ds.issues)
        ds.warnings.sort()
        return ds
    _cross_checks(ds, line_maps)
    if sources_dir is not None:
        from accgraph.loader import locators

        ds.fixes = locators.check(ds, Path(sources_dir), line_maps)
    _settle_warnings(ds, ALWAYS_CHECKS | (LOCATOR_CHECKS if sources_dir is not None else frozenset()))
    ds.all_edges = list(ds.edges)
    if not ds.issues:
        _merge_same_relations(ds)
    ds.issues.sort()
    return ds


def cite_path(rec: Record, i: int, cite: dict) -> tuple:
    """Where the ``i``-th citation of ``rec`` is written (bulk records share their citations and do not
    keep it)."""
    return cite.get("_path") or rec.path + ("cite", i)


def warn(ds: Dataset, rec: Record | None, file: str, line: int, path: tuple, message: str, code: str,
         also: Record | None = None) -> None:
    """Record a warning about ``rec`` (accepted by ``rec`` or by ``also``)."""
    assert code in WARNING_CHECKS, code
    reason = ""
    for r in (rec, also):
        if r is not None and code in r.data.get("_accept", {}):
            reason = r.data["_accept"][code]
            ds.accept_used.add((id(r), code))
            break
    issue = Issue(file, line, fmt_path(path), message, code, "warning", reason)
    (ds.accepted if reason else ds.warnings).append(issue)


def _settle_warnings(ds: Dataset, checks_run: frozenset) -> None:
    """Flag accept entries of checks that ran but found nothing on their record, then sort."""
    for rec in [*ds.nodes.values(), *ds.edges]:
        for code in rec.data.get("_accept", {}):
            if code in checks_run and (id(rec), code) not in ds.accept_used:
                i = next(i for i, e in enumerate(rec.data["accept"]) if e.startswith(code + ":"))
                warn(ds, None, rec.file, rec.line, rec.path + ("accept", i),
                     f"accepts {code!r} but the check finds nothing here; remove the entry", "unused-accept")
    ds.warnings.sort()
    ds.accepted.sort()


def _own_props(rec: Record) -> str:
    """The edge type's own properties (a referral's pathway and step, a provision, a role...).

    Edges that differ in them state different relations; edges that differ
    only in common ones (note, dates, hedged) state one relation twice.
    """
    own = {p.name: rec.data.get(p.name) for p in S.EDGES[rec.type].props}
    return json.dumps(own, sort_keys=True, ensure_ascii=False) if any(v is not None for v in own.values()) else ""


def _edge_props(rec: Record) -> dict:
    return {k: v for k, v in rec.data.items() if k not in ("cite", "id", "accept") and not k.startswith("_")}


def _merge_same_relations(ds: Dataset) -> None:
    """Fold an edge into an earlier one with the same type, ends and properties.

    The kept edge carries both edges' citations, so a relation recorded in two
    places is loaded, counted and printed once.
    """
    def props_key(rec: Record) -> str:
        return json.dumps(_edge_props(rec), sort_keys=True, ensure_ascii=False)

    # (type, from, to) -> the index in ``out`` of the first such edge, or, once a
    # second one comes, {properties: index}: most relations occur once, and
    # their properties are then never serialised.
    kept: dict[tuple, int | dict] = {}
    out: list[Record] = []
    for rec in ds.edges:
        ends = (rec.type, rec.data["from"], rec.data["to"])
        found = kept.get(ends)
        if found is None:
            kept[ends] = len(out)
            out.append(rec)
            continue
        if not isinstance(found, dict):
            found = kept[ends] = {props_key(out[found]): found}
        key = props_key(rec)
        at = found.get(key)
        if at is None:
            found[key] = len(out)
            out.append(rec)
            continue
        first = out[at]
        merged = dict(first.data)
        seen = {(c["source"], c["at"], c.get("quote")) for c in first.data["cite"]}
        merged["cite"] = list(first.data["cite"]) + [
            c for c in rec.data["cite"] if (c["source"], c["at"], c.get("quote")) not in seen]
        new = Record(first.kind, first.type, merged, first.file, first.line, first.path)
        out[at] = new
        ds.merged.append(rec)
    ds.edges = out


def _cross_checks(ds: Dataset, line_maps: dict[str, yamlio.LineMap]) -> None:
    def err(rec: Record, sub: tuple, message: str) -> None:
        p = rec.path + sub
        ds.issues.append(Issue(rec.file, line_maps[rec.file].line(p), fmt_path(p), message))

    def check_ref(rec: Record, sub: tuple, ref: str, allowed: tuple[str, ...]) -> None:
        target = ds.nodes.get(ref)
        if target is None:
            err(rec, sub, f"unknown id {ref!r}")
        elif target.type not in allowed:
            err(rec, sub, f"{ref!r} is of type {target.type}; expected {' or '.join(allowed)}")

    def check_cites(rec: Record) -> None:
        for i, c in enumerate(rec.data["cite"]):
            sub = cite_path(rec, i, c)[len(rec.path):]
            check_ref(rec, sub + ("source",), c["source"], ("Source",))
            if "via" in c:
                check_ref(rec, sub + ("via",), c["via"], next(p.ref for p in S.CITATION_KEYS if p.name == "via"))

    pairs: dict[str, frozenset] = {}

    def allowed(etype: str) -> frozenset:
        """The (source type, target type) pairs an edge type allows (as ``EdgeType.allows`` reads them)."""
        found = pairs.get(etype)
        if found is None:
            found = pairs[etype] = frozenset(S.EDGES[etype].pairs())
        return found

    seen_edges: dict[str, Record] = {}
    for rec in ds.edges:
        first = seen_edges.get(rec.id)
        if first is not None:
            err(rec, (), f"duplicate edge id {rec.id!r} (first defined at {first.where}); give one of them an 'id'")
        else:
            seen_edges[rec.id] = rec
        types = []
        for key in ("from", "to"):
            target = ds.nodes.get(rec.data[key])
            if target is None:
                err(rec, (key,), f"unknown id {rec.data[key]!r}")
            types.append(target.type if target else None)
        if all(types) and tuple(types) not in allowed(rec.type):
            err(rec, (), f"{rec.type} cannot go from {types[0]} to {types[1]}")
        for p in S.edge_props(rec.type):
            if p.type == "ref" and p.name in rec.data:
                check_ref(rec, (p.name,), rec.data[p.name], p.ref)
        check_cites(rec)

    _relation_warnings(ds, line_maps)
    aliases: dict[str, tuple[str, Record]] = {}
    for rec in ds.nodes.values():
        check_cites(rec)
        if rec.type not in S.ACTORS:
            continue
        names = [("name", rec.data["name"])] if "name" in rec.data else []
        names += [(("aliases", i), a) for i, a in enumerate(rec.data.get("aliases", []))]
        own: set[str] = set()
        for sub, label in names:
            key = normalise_text(label)
            if key in own:
                continue
            own.add(key)
            other = aliases.get(key)
            if other is not None and other[0] != rec.id:
                sub = sub if isinstance(sub, tuple) else (sub,)
                err(rec, sub, f"name or alias {label!r} is shared by {other[0]!r} ({other[1].where}) and {rec.id!r}")
            else:
                aliases[key] = (rec.id, rec)


def _relation_warnings(ds: Dataset, line_maps: dict[str, yamlio.LineMap]) -> None:
    """Same relation twice, and nodes that take part in no edge."""
    linked: set[str] = set()
    # (type, from, to) -> the first such edge, or, once a second one comes, {own properties: first edge}
    first: dict[tuple, Record | dict] = {}
    for rec in ds.edges:
        linked.add(rec.data["from"])
        linked.add(rec.data["to"])
        if "instrument" in rec.data:
            linked.add(rec.data["instrument"])
        ends = (rec.type, rec.data["from"], rec.data["to"])
        found = first.get(ends)
        if found is None:
            first[ends] = rec
            continue
        if not isinstance(found, dict):
            found = first[ends] = {_own_props(found): found}
        other = found.setdefault(_own_props(rec), rec)
        if other is not rec:
            warn(ds, rec, rec.file, rec.line, rec.path,
                 f"same relation {rec.type} {rec.data['from']} -> {rec.data['to']} as at {other.where}"
                 + ("" if _edge_props(rec) == _edge_props(other) else " (with different properties)"),
                 "same-relation", also=other)
    for rec in ds.nodes.values():
        if rec.id not in linked and rec.type != "Source":
            warn(ds, rec, rec.file, rec.line, rec.path, f"node {rec.id!r} has no edges", "orphan")


def citations_json(cites: list[dict]) -> str:
    return json.dumps([{k: v for k, v in c.items() if not k.startswith("_")} for c in cites], ensure_ascii=False)
