"""The canned query catalogue: one ``.cypher`` file per query.

A file starts with a header of ``//`` comment lines holding YAML::

    // name: who-can-waive
    // title: Who can waive immunity, for whom
    // category: immunity
    // description: >
    //   What the query answers and how to read it.
    // parameters:
    //   - name: holder
    //     description: An actor, unit, organisation or personnel category.
    //     required: false
    //     example: UNMIK Police
    //     resolve: actor

The body follows.  A line ``// ladybug:`` starts an optional LadybugDB variant
of the body, for the rare query that cannot be written in the dialect both
backends share.  Parameters are always ``$name``; names given by users are
resolved to node ids here, in Python, before the query runs.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from accgraph import schema as S
from accgraph.seeds_path import default_cypher

HEADER_KEYS = {"name", "title", "description", "category", "parameters"}
PARAM_KEYS = {"name", "description", "required", "example", "resolve", "type"}
PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
LADYBUG_MARK = re.compile(r"^//\s*ladybug:\s*$", re.M)

#: What a parameter's ``resolve`` may name: a group or a node type.
RESOLVE_GROUPS = {
    "actor": S.ACTORS,
    "any": tuple(S.NODES),
}


class QueryError(Exception):
    """A user-facing problem with a query name, file or parameter."""


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    required: bool = False
    example: str | None = None
    resolve: str | None = None
    type: str = "string"

    def kinds(self) -> tuple[str, ...] | None:
        if self.resolve is None:
            return None
        return RESOLVE_GROUPS.get(self.resolve, tuple(k.strip() for k in self.resolve.split(",")))


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    category: str
    params: tuple[Param, ...]
    cypher: str
    ladybug_cypher: str | None
    path: Path

    def body_for(self, backend_name: str) -> str:
        if backend_name == "embedded" and self.ladybug_cypher:
            return self.ladybug_cypher
        return self.cypher

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_file(path: Path) -> Query:
    """Parse one query file; raise :class:`QueryError` listing every problem."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header_lines = []
    i = 0
    while i < len(lines) and lines[i].startswith("//"):
        header_lines.append(lines[i][2:].removeprefix(" "))
        i += 1
    rest = "\n".join(lines[i:])
    problems: list[str] = []
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"{path}: header is not valid YAML: {exc}") from None
    if not isinstance(header, dict):
        raise QueryError(f"{path}: header must be a mapping")
    for key in sorted(set(header) - HEADER_KEYS):
        problems.append(f"unknown header key {key!r}")
    for key in ("name", "title", "description", "category"):
        if not isinstance(header.get(key), str) or not header.get(key).strip():
            problems.append(f"header needs {key!r}")
    if header.get("name") and header["name"] != path.name.removesuffix(".cypher"):
        problems.append(f"name {header['name']!r} differs from the file name {path.name!r}")
    params = []
    for j, p in enumerate(header.get("parameters") or []):
        if not isinstance(p, dict) or "name" not in p or "description" not in p:
            problems.append(f"parameter {j} needs a name and a description")
            continue
        for key in sorted(set(p) - PARAM_KEYS):
            problems.append(f"parameter {p['name']!r}: unknown key {key!r}")
        if p.get("resolve") and p["resolve"] not in RESOLVE_GROUPS:
            for kind in str(p["resolve"]).split(","):
                if kind.strip() not in S.NODES:
                    problems.append(f"parameter {p['name']!r}: cannot resolve to {kind.strip()!r}")
        example = p.get("example")
        params.append(Param(p["name"], p["description"], bool(p.get("required", False)),
                            None if example is None else str(example), p.get("resolve"), p.get("type", "string")))
    parts = LADYBUG_MARK.split(rest, maxsplit=1)
    cypher = parts[0].strip()
    ladybug = parts[1].strip() if len(parts) > 1 else None
    if not cypher:
        problems.append("the query body is empty")
    declared = {p.name for p in params}
    for body, label in ((cypher, "body"), (ladybug, "LadybugDB variant")):
        if body is None:
            continue
        used = set(PARAM_RE.findall(_strip_comments(body)))
        for name in sorted(used - declared):
            problems.append(f"{label} uses ${name}, which the header does not declare")
        for name in sorted(declared - used):
            problems.append(f"header declares {name!r}, which the {label} does not use")
    if problems:
        raise QueryError(f"{path}: " + "; ".join(problems))
    return Query(header["name"], header["title"].strip(), header["description"].strip(), header["category"],
                 tuple(params), cypher, ladybug, path)


def _strip_comments(body: str) -> str:
    return "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("//"))


def catalogue(directory: Path | None = None) -> dict[str, Query]:
    directory = directory or default_cypher()
    out = {}
    for path in sorted(directory.glob("*.cypher")):
        q = parse_file(path)
        out[q.name] = q
    return out


def get(name: str, directory: Path | None = None) -> Query:
    cat = catalogue(directory)
    if name not in cat:
        close = difflib.get_close_matches(name, list(cat), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; run 'accgraph queries' to list them"
        raise QueryError(f"unknown query {name!r}{hint}")
    return cat[name]


# --- parameters ---------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def resolve_name(backend, value: str, kinds: tuple[str, ...], param: str, what: str = "node") -> str:
    """Resolve an id, name or alias (case-insensitive) to one node id."""
    rows = backend.read(
        "MATCH (n) WHERE n.kind IN $kinds RETURN n.id AS id, n.kind AS kind, n.name AS name, n.aliases AS aliases",
        {"kinds": list(kinds)},
    )
    key = _norm(value)
    by_id = [r for r in rows if _norm(r["id"]) == key]
    if by_id:
        return by_id[0]["id"]
    hits = [r for r in rows if key == _norm(r["name"]) or key in {_norm(a) for a in (r.get("aliases") or [])}]
    if len(hits) == 1:
        return hits[0]["id"]
    if len(hits) > 1:
        names = ", ".join(f"{r['id']} ({r['kind']}: {r['name']})" for r in sorted(hits, key=lambda r: r["id"]))
        raise QueryError(f"{param} {value!r} is ambiguous: {names}; give an id")
    labels: dict[str, str] = {}
    for r in rows:
        for label in [r["id"], r["name"]] + list(r.get("aliases") or []):
            labels.setdefault(_norm(label), r["id"])
    close = difflib.get_close_matches(key, list(labels), n=5, cutoff=0.6)
    close += [k for k in labels if key and key in k and k not in close][: 5 - len(close)]
    ids = []
    for k in close:
        if labels[k] not in ids:
            ids.append(labels[k])
    hint = f"; close matches: {', '.join(ids)}" if ids else ""
    raise QueryError(f"no {what} matches {param} {value!r}{hint}")


def check_names(query: Query, given: dict[str, str]) -> None:
    """Reject parameters the query does not declare (before any database work)."""
    for name in given:
        if query.param(name) is None:
            declared = ", ".join(p.name for p in query.params) or "none"
            raise QueryError(f"query {query.name!r} has no parameter {name!r} (parameters: {declared})")


def bind(backend, query: Query, given: dict[str, str]) -> dict[str, Any]:
    """Check user parameters against the header and resolve names to ids."""
    check_names(query, given)
    params: dict[str, Any] = {}
    for p in query.params:
        value = given.get(p.name)
        if value is None or value == "":
            if p.required:
                raise QueryError(f"query {query.name!r} needs parameter {p.name!r} (e.g. -p {p.name} {p.example!r})")
            params[p.name] = 0 if p.type == "int" else ""
            continue
        if p.type == "int":
            try:
                params[p.name] = int(value)
            except ValueError:
                raise QueryError(f"parameter {p.name!r} must be a whole number, not {value!r}") from None
            continue
        kinds = p.kinds()
        if not kinds:
            params[p.name] = value
            continue
        what = {"actor": "actor", "any": "node"}.get(p.resolve, " or ".join(kinds))
        params[p.name] = resolve_name(backend, value, kinds, p.name, what)
    return params


# --- results --------------------------------------------------------------------


def _parse_citations(value: Any) -> list[dict]:
    out: list[dict] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            item = json.loads(item)
        if isinstance(item, dict):
            item = [item]
        for c in item or []:
            if c not in out:
                out.append(c)
    return out


def normalise_row(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if key.endswith("citations") and value is not None:
            value = _parse_citations(value)
        out[key] = value
    return out


def run(backend, query: Query, given: dict[str, str] | None = None) -> tuple[list[str], list[dict]]:
    """Run a canned query read-only; return its columns and normalised rows."""
    params = bind(backend, query, given or {})
    rows = [normalise_row(r) for r in backend.read(query.body_for(backend.name), params)]
    columns = list(rows[0]) if rows else _declared_columns(query)
    return columns, rows


def _declared_columns(query: Query) -> list[str]:
    body = query.body_for("neo4j")
    last = body.rsplit("RETURN", 1)[-1].split("ORDER BY")[0]
    return [m.strip("` ") for m in re.findall(r"\bAS\s+(`?[A-Za-z_][A-Za-z0-9_]*`?)", last)]
