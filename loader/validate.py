"""Read the seed YAML files and check them against the schema.

Every problem is collected (never just the first) as an :class:`Issue` that
prints as ``file:line: path: message``.  A :class:`Dataset` is only usable
when :attr:`Dataset.issues` is empty.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from accgraph import schema as S
from accgraph.loader import yamlio

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
TOP_KEYS = ("about", "nodes", "edges")
EDGE_KEYS = ("type", "from", "to", "id", "cite")


@dataclass(frozen=True, order=True)
class Issue:
    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}: {where}{self.message}"


@dataclass
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
    files: list[str] = field(default_factory=list)
    digest: str = ""

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


class _FileChecker:
    """Checks one file's shape; records are handed to the cross-file pass."""

    def __init__(self, name: str, lines: yamlio.LineMap, issues: list[Issue]):
        self.name, self.lines, self.issues = name, lines, issues

    def err(self, path: tuple, message: str) -> None:
        self.issues.append(Issue(self.name, self.lines.line(path), fmt_path(path), message))

    # -- values ------------------------------------------------------------
    def value(self, prop: S.Prop, value: Any, path: tuple) -> Any:
        value = yamlio.scalar_to_text(value)
        t = prop.type
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

    def mapping(self, value: Any, path: tuple, props: Iterable[S.Prop], fixed: tuple = ()) -> dict | None:
        if not isinstance(value, dict):
            self.err(path, f"expected a mapping, got {type(value).__name__}")
            return None
        props = {p.name: p for p in props}
        out: dict[str, Any] = {}
        for key, v in value.items():
            if key in fixed:
                continue
            if key not in props:
                self.err(path + (key,), f"unknown key {key!r}")
                continue
            if v is None:
                self.err(path + (key,), "has no value")
                continue
            checked = self.value(props[key], v, path + (key,))
            if checked is not None:
                out[key] = checked
        for p in props.values():
            if p.required and p.name not in value:
                self.err(path, f"missing required key {p.name!r}")
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
            checked = self.mapping(c, cp, S.CITATION_KEYS)
            if checked is None:
                continue
            q = checked.get("quote")
            if q is not None and len(q.split()) > S.MAX_QUOTE_WORDS:
                self.err(cp + ("quote",), f"quote has {len(q.split())} words; at most {S.MAX_QUOTE_WORDS} allowed")
            if "source" in checked and "at" in checked:
                checked["_path"] = cp
                out.append(checked)
        return out

    # -- records -----------------------------------------------------------
    def node(self, value: Any, path: tuple) -> Record | None:
        if not isinstance(value, dict):
            self.err(path, f"expected a mapping, got {type(value).__name__}")
            return None
        t = value.get("type")
        if t not in S.NODES:
            known = ", ".join(S.NODES)
            self.err(path + ("type",) if "type" in value else path,
                     f"unknown node type {t!r} (known: {known})" if t else "missing required key 'type'")
            return None
        data = self.mapping(value, path, S.node_props(t), fixed=("type", "cite"))
        cites = self.citations(value.get("cite"), path)
        if data is None or "id" not in data:
            return None
        data["cite"] = cites
        return Record("node", t, data, self.name, self.lines.line(path), path)

    def edge(self, value: Any, path: tuple) -> Record | None:
        if not isinstance(value, dict):
            self.err(path, f"expected a mapping, got {type(value).__name__}")
            return None
        t = value.get("type")
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
                ends[key] = v
        props = (S.Prop("id", "string", "edge id"),) + S.edge_props(t)
        data = self.mapping(value, path, props, fixed=("type", "from", "to", "cite"))
        cites = self.citations(value.get("cite"), path)
        if data is None or len(ends) < 2:
            return None
        data.update(ends)
        data.setdefault("id", f"{t.lower()}:{ends['from']}:{ends['to']}")
        data["cite"] = cites
        return Record("edge", t, data, self.name, self.lines.line(path), path)


def seed_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.yaml") if p.is_file())


def read(path: str | Path, sources_dir: str | Path | None = None) -> Dataset:
    """Read and validate every ``*.yaml`` file under ``path``."""
    path = Path(path)
    ds = Dataset()
    if not path.exists():
        ds.issues.append(Issue(str(path), 0, "", "no such file or directory"))
        return ds
    digest = hashlib.sha256()
    line_maps: dict[str, yamlio.LineMap] = {}
    for f in seed_files(path):
        name = str(f)
        ds.files.append(name)
        text = f.read_text(encoding="utf-8")
        digest.update(str(f.relative_to(path) if path.is_dir() else f.name).encode() + b"\0" + text.encode() + b"\0")
        try:
            doc, lines = yamlio.load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            ds.issues.append(Issue(name, (mark.line + 1) if mark else 1, "", f"YAML syntax error: {problem}"))
            continue
        line_maps[name] = lines
        fc = _FileChecker(name, lines, ds.issues)
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
    ds.digest = digest.hexdigest()
    _cross_checks(ds, line_maps)
    if sources_dir is not None:
        _quote_checks(ds, Path(sources_dir), line_maps)
    ds.issues.sort()
    return ds


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
        for c in rec.data["cite"]:
            sub = c["_path"][len(rec.path):]
            check_ref(rec, sub + ("source",), c["source"], ("Source",))
            if "via" in c:
                check_ref(rec, sub + ("via",), c["via"], next(p.ref for p in S.CITATION_KEYS if p.name == "via"))

    seen_edges: dict[str, Record] = {}
    for rec in ds.edges:
        et = S.EDGES[rec.type]
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
        if all(types) and not et.allows(*types):
            err(rec, (), f"{rec.type} cannot go from {types[0]} to {types[1]}")
        for p in S.edge_props(rec.type):
            if p.type == "ref" and p.name in rec.data:
                check_ref(rec, (p.name,), rec.data[p.name], p.ref)
        check_cites(rec)

    aliases: dict[str, tuple[str, Record]] = {}
    for rec in ds.nodes.values():
        check_cites(rec)
        if rec.type not in S.ACTORS:
            continue
        names = [("name", rec.data["name"])] + [(("aliases", i), a) for i, a in enumerate(rec.data.get("aliases", []))]
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


def _quote_checks(ds: Dataset, sources_dir: Path, line_maps: dict[str, yamlio.LineMap]) -> None:
    texts: dict[str, str | None] = {}
    for rec in ds.nodes.values():
        if rec.type != "Source" or "file" not in rec.data:
            continue
        f = sources_dir / rec.data["file"]
        if f.is_file():
            texts[rec.id] = normalise_text(f.read_text(encoding="utf-8", errors="replace"))
        else:
            p = rec.path + ("file",)
            ds.issues.append(Issue(rec.file, line_maps[rec.file].line(p), fmt_path(p),
                                   f"source file {rec.data['file']!r} not found in {sources_dir}"))
            texts[rec.id] = None
    for rec in list(ds.nodes.values()) + ds.edges:
        for c in rec.data["cite"]:
            if "quote" not in c or c["source"] not in ds.nodes:
                continue
            text = texts.get(c["source"])
            if text is None:
                continue
            if normalise_text(c["quote"]) not in text:
                p = c["_path"] + ("quote",)
                src = ds.nodes[c["source"]].data["file"]
                ds.issues.append(Issue(rec.file, line_maps[rec.file].line(p), fmt_path(p), f"quote not found in {src}"))


def citations_json(cites: list[dict]) -> str:
    return json.dumps([{k: v for k, v in c.items() if not k.startswith("_")} for c in cites], ensure_ascii=False)
