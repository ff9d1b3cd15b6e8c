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
from accgraph import marks, verdicts
from accgraph.seeds_path import default_cypher
from accgraph.textkey import fold

HEADER_KEYS = {"name", "title", "description", "category", "parameters", "derive"}
PARAM_KEYS = {"name", "description", "required", "example", "resolve", "type"}
PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
LADYBUG_MARK = re.compile(r"^//\s*ladybug:\s*$", re.M)
#: ``// hint: (a JOIN r) JOIN b`` after a MATCH: LadybugDB's join order for that pattern (a Cypher comment
#: to Neo4j, which plans for itself). LadybugDB may otherwise scan every table an unlabelled end could be
#: in and join it by hash, where walking out from the anchored node reads only the answer.
HINT_MARK = re.compile(r"^([ \t]*)//\s*hint:[ \t]*(\S[^\n]*)$", re.M)

#: What a parameter's ``resolve`` may name: a group or a node type.
RESOLVE_GROUPS = {
    "actor": S.ACTORS,
    "any": tuple(S.NODES),
}


def with_hints(body: str) -> str:
    """``body`` for LadybugDB: each ``// hint:`` line becomes the ``HINT`` clause it names."""
    return HINT_MARK.sub(r"\1HINT \2", body)


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
    derive: str | None = None

    def text_for(self, backend_name: str) -> str:
        """The body as written for that backend (its ``// hint:`` lines still comments)."""
        return (self.ladybug_cypher or self.cypher) if backend_name == "embedded" else self.cypher

    def body_for(self, backend_name: str) -> str:
        """The body to run on that backend."""
        text = self.text_for(backend_name)
        return with_hints(text) if backend_name == "embedded" else text

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def collected(self) -> frozenset[str]:
        """Columns that hold a list the query collects (sorted in every answer)."""
        return collected_columns(self.cypher) | collected_columns(self.ladybug_cypher or "")


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
    if header.get("derive") is not None and header["derive"] not in verdicts.DERIVERS:
        problems.append(f"unknown derive {header['derive']!r} (known: {', '.join(sorted(verdicts.DERIVERS))})")
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
                 tuple(params), cypher, ladybug, path, header.get("derive"))


COLLECT_AS = re.compile(r"\bcollect\s*\((?:[^()]|\([^()]*\))*\)\s+AS\s+`?([A-Za-z_][A-Za-z0-9_]*)", re.I)
RENAME_AS = re.compile(r"(?<![.\w])([A-Za-z_][A-Za-z0-9_]*)\s+AS\s+`?([A-Za-z_][A-Za-z0-9_]*)", re.I)


def collected_columns(body: str) -> frozenset[str]:
    """Names bound to ``collect(...)`` in a query body, and the names they are returned under."""
    body = _strip_comments(body)
    names = set(COLLECT_AS.findall(body))
    for _ in range(3):
        names |= {new for old, new in RENAME_AS.findall(body) if old in names}
    return frozenset(names)


def _sort_key(value: Any) -> tuple:
    if isinstance(value, (dict, list)):
        return (2, json.dumps(value, sort_keys=True, ensure_ascii=False))
    if value is None:
        return (3, "")
    return (1, str(value)) if isinstance(value, str) else (0, value)


def sort_collected(row: dict, columns: frozenset[str]) -> dict:
    """Sort the collected lists of a row, so both backends give the same order."""
    for key in columns:
        if isinstance(row.get(key), list):
            row[key] = sorted(row[key], key=_sort_key)
    return row


def _strip_comments(body: str) -> str:
    return "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("//"))


#: Environment variable naming user query folders (separated like PATH).
QUERIES_ENV = "ACCGRAPH_QUERIES"
_user = {"dirs": (), "override": False}


def configure(folders=(), override: bool = False) -> None:
    """User query folders given on the command line (``accgraph --queries DIR``), besides $ACCGRAPH_QUERIES;
    ``override`` lets a user query replace a packaged one of the same name."""
    _user["dirs"] = tuple(Path(f) for f in folders)
    _user["override"] = override


def user_folders() -> list[Path]:
    import os

    env = [Path(p) for p in os.environ.get(QUERIES_ENV, "").split(os.pathsep) if p.strip()]
    return env + list(_user["dirs"])


def _read_folder(directory: Path) -> dict[str, Query]:
    out = {}
    for path in sorted(directory.glob("*.cypher")):
        q = parse_file(path)
        out[q.name] = q
    return out


def catalogue(directory: Path | None = None) -> dict[str, Query]:
    """The packaged queries and those of the user folders (or only those of ``directory``)."""
    if directory is not None:
        return _read_folder(directory)
    out = _read_folder(default_cypher())
    packaged = set(out)
    for folder in user_folders():
        if not folder.is_dir():
            raise QueryError(f"query folder not found: {folder}")
        for name, q in _read_folder(folder).items():
            if name in packaged and not _user["override"]:
                raise QueryError(f"{q.path}: query {name!r} has the name of a packaged query; rename it, "
                                 "or add --override-packaged to run it in place of the packaged one")
            if name in out and name not in packaged:
                raise QueryError(f"{q.path}: query {name!r} is also defined in {out[name].path}")
            out[name] = q
    return out


def get(name: str, directory: Path | None = None) -> Query:
    cat = catalogue(directory)
    if name not in cat:
        close = difflib.get_close_matches(name, list(cat), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; run 'accgraph queries' to list them"
        raise QueryError(f"unknown query {name!r}{hint}")
    return cat[name]


# --- parameters ---------------------------------------------------------------


def _has_lookup(backend) -> bool:
    """True when the database holds the derived name-lookup index."""
    cached = getattr(backend, "_accgraph_has_lookup", None)
    if cached is None:
        try:
            cached = bool(backend.read(f"MATCH (k:{S.LOOKUP_LABEL}) RETURN k.id AS id LIMIT 1"))
        except Exception:  # a database written before the lookup index existed
            cached = False
        try:
            backend._accgraph_has_lookup = cached
        except AttributeError:  # pragma: no cover - backends with __slots__
            pass
    return cached


def resolve_name(backend, value: str, kinds: tuple[str, ...], param: str, what: str = "node") -> str:
    """Resolve an id, name or alias (ignoring case and diacritics) to one node id.

    The database's ``Lookup`` index answers: the folded key is looked up by its
    primary key, and on a miss only keys sharing its first letters are read for
    close matches.
    """
    if not _has_lookup(backend):
        return _resolve_by_scan(backend, value, kinds, param, what)
    key = fold(value)
    rows = backend.read(
        f"MATCH (k:{S.LOOKUP_LABEL} {{id: $key}})-[l:{S.LOOKUP_REL}]->(n) WHERE n.kind IN $kinds "
        "RETURN n.id AS id, n.kind AS kind, n.name AS name, l.field AS field",
        {"key": key, "kinds": list(kinds)},
    )
    by_id = sorted(r["id"] for r in rows if r["field"] == "id")
    if by_id:
        return by_id[0]
    hits = {r["id"]: r for r in rows}
    if len(hits) == 1:
        return next(iter(hits))
    if len(hits) > 1:
        names = ", ".join(f"{r['id']} ({r['kind']}: {r['name']})" for _, r in sorted(hits.items()))
        raise QueryError(f"{param} {value!r} is ambiguous: {names}; give an id")
    prefix = key[:3]
    near = backend.read(
        f"MATCH (k:{S.LOOKUP_LABEL}) WHERE k.id STARTS WITH $prefix "
        f"MATCH (k)-[:{S.LOOKUP_REL}]->(n) WHERE n.kind IN $kinds RETURN k.id AS key, n.id AS id LIMIT 5000",
        {"prefix": prefix, "kinds": list(kinds)},
    ) if prefix else []
    labels: dict[str, str] = {}
    for r in sorted(near, key=lambda r: (r["key"], r["id"])):
        labels.setdefault(r["key"], r["id"])
    raise QueryError(f"no {what} matches {param} {value!r}{_close_hint(key, labels)}")


def _close_hint(key: str, labels: dict[str, str]) -> str:
    close = difflib.get_close_matches(key, sorted(labels), n=5, cutoff=0.6)
    close += [k for k in sorted(labels) if key and key in k and k not in close][: 5 - len(close)]
    ids: list[str] = []
    for k in close:
        if labels[k] not in ids:
            ids.append(labels[k])
    return f"; close matches: {', '.join(ids)}" if ids else ""


def _resolve_by_scan(backend, value: str, kinds: tuple[str, ...], param: str, what: str) -> str:
    """Resolution for a database without the lookup index: read the candidates of the given kinds."""
    labels_expr = "|".join(f"`{k}`" for k in kinds)
    rows = backend.read(
        f"MATCH (n:{labels_expr}) RETURN n.id AS id, n.kind AS kind, n.name AS name, n.aliases AS aliases"
    )
    key = fold(value)
    by_id = [r for r in rows if fold(r["id"]) == key]
    if by_id:
        return by_id[0]["id"]
    hits = [r for r in rows if key == fold(r["name"]) or key in {fold(a) for a in (r.get("aliases") or [])}]
    if len(hits) == 1:
        return hits[0]["id"]
    if len(hits) > 1:
        names = ", ".join(f"{r['id']} ({r['kind']}: {r['name']})" for r in sorted(hits, key=lambda r: r["id"]))
        raise QueryError(f"{param} {value!r} is ambiguous: {names}; give an id")
    labels: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: r["id"]):
        for label in [r["id"], r["name"]] + list(r.get("aliases") or []):
            labels.setdefault(fold(label), r["id"])
    raise QueryError(f"no {what} matches {param} {value!r}{_close_hint(key, labels)}")


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
        if p.type == "date":
            try:
                verdicts.interval(value)
            except verdicts.DateError:
                raise QueryError(f"parameter {p.name!r} must be a date (YYYY, YYYY-MM or YYYY-MM-DD), "
                                 f"not {value!r}") from None
            params[p.name] = value
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


UNION_ALL = re.compile(r"^[ \t]*UNION ALL[ \t]*$", re.M)
#: A branch that starts ``MATCH ...`` then ``WHERE $p = ''`` (alone or before AND) lists everything when p is empty.
EMPTY_GUARD = re.compile(r"\AMATCH [^\n]*\nWHERE \$([A-Za-z_][A-Za-z0-9_]*) = ''(?:\s*$|\s+AND\s)", re.M)
#: A branch whose first clause is a MATCH anchored on a record or lookup key ``{id: $p}``.
ID_ANCHOR = re.compile(r"\AMATCH [^\n]*\{id: \$([A-Za-z_][A-Za-z0-9_]*)\}")


def live_branches(body: str, params: dict[str, Any]) -> list[str]:
    """The ``UNION ALL`` branches of the body that can give a row for these parameters, in file order.

    A branch whose first ``MATCH`` is followed by ``WHERE $p = ''`` gives nothing when p is given, and one
    whose first ``MATCH`` is anchored on ``{id: $p}`` gives nothing when p is empty (no record or lookup key
    is empty). Leaving them out gives the same rows; it spares the backend planning and running the branch
    for nothing (LadybugDB reads whole tables for the build side of a join even when the other side is
    empty). Only the choice of branches depends on the parameters; their values are still passed as
    parameters."""
    parts = UNION_ALL.split(body)
    if len(parts) == 1:
        return [body]
    keep = []
    for part in parts:
        branch = _strip_comments(part).strip()
        guard = EMPTY_GUARD.match(branch)
        anchor = ID_ANCHOR.match(branch)
        if guard and params.get(guard.group(1)) not in ("", None):
            continue
        if anchor and params.get(anchor.group(1)) in ("", None):
            continue
        keep.append(part.strip("\n"))
    return keep


def run(backend, query: Query, given: dict[str, str] | None = None) -> tuple[list[str], list[dict]]:
    """Run a canned query read-only; return its columns and normalised rows."""
    params = bind(backend, query, given or {})
    collected = query.collected()
    # Each branch runs on its own and their rows follow in file order, as UNION ALL means; a backend may
    # interleave the branches of one UNION ALL statement (LadybugDB does, now and then).
    found = [r for branch in live_branches(query.body_for(backend.name), params) for r in backend.read(branch, params)]
    rows = [sort_collected(normalise_row(r), collected) for r in found]
    if query.derive:
        rows = verdicts.DERIVERS[query.derive](rows, params)
    columns = list(rows[0]) if rows else declared_columns(query)
    return marks.mark_rows(columns, rows), rows


def declared_columns(query: Query) -> list[str]:
    """The columns the query's RETURN names (for a derived query, those the deriver reads)."""
    body = query.body_for("neo4j")
    last = body.rsplit("RETURN", 1)[-1].split("ORDER BY")[0]
    return [m.strip("` ") for m in re.findall(r"\bAS\s+(`?[A-Za-z_][A-Za-z0-9_]*`?)", last)]
