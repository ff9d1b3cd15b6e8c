"""Build views from a backend: each view is a set of node ids plus the edges among them."""

from __future__ import annotations

from typing import Any, Callable

from accgraph import queries as Q
from accgraph import schema as S
from accgraph.viz.model import View

IMMUNITY_EDGES = ["GRANTS_IMMUNITY", "MAY_WAIVE", "IN_CATEGORY"]
DISPUTE_EDGES = ["ABOUT", "STATES", "CONTRADICTS", "CORROBORATES", "RESPONDS_TO"]


class ViewError(Exception):
    pass


def _fill(backend, view: View, ids: set[str] | None, edge_kinds: list[str] | None = None) -> View:
    """Add the nodes with these ids (all when None) and every edge among them."""
    if ids is None:
        nodes = backend.read("MATCH (n) WHERE n.kind IS NOT NULL RETURN n")
        edges = backend.read("MATCH ()-[r]->() WHERE r.kind IS NOT NULL RETURN r")
    else:
        nodes = backend.read("MATCH (n) WHERE n.id IN $ids AND n.kind IS NOT NULL RETURN n", {"ids": sorted(ids)})
        edges = backend.read("MATCH (a)-[r]->(b) WHERE a.id IN $ids AND b.id IN $ids AND r.kind IS NOT NULL RETURN r", {"ids": sorted(ids)})
    for row in sorted(nodes, key=lambda r: r["n"]["id"]):
        view.add_node(row["n"])
    for row in sorted(edges, key=lambda r: r["r"]["id"]):
        if edge_kinds is None or row["r"]["kind"] in edge_kinds:
            view.add_edge(row["r"])
    view.prune_dangling_edges()
    meta = backend.meta() or {}
    view.data_version = f"data {meta.get('digest', '?')[:12]}, loaded {meta.get('loaded_at', '?')}"
    return view


def neighbourhood(backend, start: str, depth: int) -> set[str]:
    ids = {start}
    frontier = {start}
    for _ in range(depth):
        rows = backend.read("MATCH (a)-[r]-(b) WHERE a.id IN $ids AND r.kind IS NOT NULL RETURN DISTINCT b.id AS id", {"ids": sorted(frontier)})
        frontier = {r["id"] for r in rows} - ids
        ids |= frontier
    return ids


def _edge_ends(backend, kinds: list[str]) -> set[str]:
    rows = backend.read("MATCH (a)-[r]->(b) WHERE r.kind IN $kinds RETURN a.id AS a, b.id AS b", {"kinds": kinds})
    return {r["a"] for r in rows} | {r["b"] for r in rows}


def _resolve(backend, value: str, resolve: str, param: str) -> str:
    kinds = Q.RESOLVE_GROUPS.get(resolve, (resolve,))
    return Q.resolve_name(backend, value, kinds, param, "actor" if resolve == "actor" else resolve)


def _name_of(backend, node_id: str) -> str:
    rows = backend.read("MATCH (n) WHERE n.id = $id AND n.kind IS NOT NULL RETURN n.name AS name", {"id": node_id})
    return rows[0]["name"] if rows else node_id


def view_all(backend, params: dict) -> View:
    return _fill(backend, View("The whole graph", "Every actor, instrument, case, claim and source, and every edge between them."), None)


def view_actor(backend, params: dict) -> View:
    if not params.get("name"):
        raise ViewError("view 'actor' needs -p name NAME")
    start = _resolve(backend, params["name"], "actor", "name")
    try:
        depth = int(params.get("depth", 1))
    except ValueError:
        raise ViewError(f"depth must be a whole number, not {params['depth']!r}") from None
    if not 1 <= depth <= 4:
        raise ViewError("depth must be between 1 and 4")
    name = _name_of(backend, start)
    view = View(f"Around {name}", f"Everything within {depth} step(s) of {name}: its units, posts, categories, rules, allegations and sources.")
    return _fill(backend, view, neighbourhood(backend, start, depth))


def view_chain(backend, params: dict) -> View:
    if not params.get("from"):
        raise ViewError("view 'chain-of-command' needs -p from NAME")
    q = Q.get("chain-of-command")
    _, rows = Q.run(backend, q, {"from": params["from"]})
    ids = {r["subordinate_id"] for r in rows} | {r["superior_id"] for r in rows}
    start = _resolve(backend, params["from"], "actor", "from")
    name = _name_of(backend, start)
    view = View(f"Chain of command above {name}",
                f"Reporting, command and part-of lines from {name} up to the top, one rank per step; "
                "arrows point to the superior.",
                hierarchical=True)
    _fill(backend, view, ids or {start}, ["REPORTS_TO", "COMMANDED_BY", "PART_OF", "HOLDS_POST", "MEMBER_OF"])
    levels = {start: 0}
    for r in rows:
        levels.setdefault(r["subordinate_id"], r["level"] - 1)
        levels[r["superior_id"]] = min(levels.get(r["superior_id"], r["level"]), r["level"])
    for n in view.nodes:
        n.level = levels.get(n.id)
    return view


def view_immunity(backend, params: dict) -> View:
    ids = _edge_ends(backend, ["GRANTS_IMMUNITY", "MAY_WAIVE"])
    rows = backend.read("MATCH (a)-[r]->(b) WHERE r.kind = 'PART_OF' AND a.kind = 'PersonnelCategory' "
                        "RETURN a.id AS a, b.id AS b")
    ids |= {r["a"] for r in rows} | {r["b"] for r in rows}
    view = View("Immunity and who may waive it",
                "Instruments that grant immunity (orange), the personnel categories they cover, and the posts that may waive it (red-orange).")
    return _fill(backend, view, ids, IMMUNITY_EDGES + ["PART_OF"])


def view_disputes(backend, params: dict) -> View:
    if params.get("topic"):
        topic = _resolve(backend, params["topic"], "Topic", "topic")
        claims = {r["id"] for r in backend.read(
            "MATCH (c:Claim)-[:ABOUT]->(t:Topic) WHERE t.id = $t RETURN c.id AS id", {"t": topic})}
        near = backend.read("MATCH (c:Claim)-[r]-(x) WHERE c.id IN $ids AND r.kind IN $kinds RETURN x.id AS id",
                            {"ids": sorted(claims), "kinds": ["STATES", "CONTRADICTS", "CORROBORATES"]})
        ids = {topic} | claims | {r["id"] for r in near}
        name = _name_of(backend, topic)
        view = View(f"Disputed: {name}", "The claims on this topic, who states each, and which contradict (dashed) "
                    "or corroborate each other, including claims filed under other topics.")
        return _fill(backend, view, ids, DISPUTE_EDGES)
    ids = _edge_ends(backend, DISPUTE_EDGES)
    view = View("Disputed claims",
                "Topics, the claims each source makes about them, and which claims contradict (dashed) or corroborate "
                "each other. Give -p topic TOPIC for one topic.")
    return _fill(backend, view, ids, DISPUTE_EDGES)


def view_case(backend, params: dict) -> View:
    if not params.get("id"):
        raise ViewError("view 'case' needs -p id CASE")
    case = _resolve(backend, params["id"], "Case", "id")
    ids = neighbourhood(backend, case, 2)
    name = _name_of(backend, case)
    view = View(f"Case: {name}", "The case, its allegations and events, the accused, who alleged what, and the sources.")
    return _fill(backend, view, ids)


def view_query(backend, params: dict) -> View:
    params = dict(params)
    name = params.pop("name", None)
    if not name:
        raise ViewError("view 'query' needs -p name QUERY (and that query's parameters)")
    q = Q.get(name)
    _, rows = Q.run(backend, q, params)
    every = backend.read("MATCH (n) WHERE n.kind IS NOT NULL RETURN n.id AS id, n.name AS name")
    by_label: dict[str, str] = {}
    for r in every:
        by_label.setdefault(r["name"], r["id"])
        by_label.setdefault(r["id"], r["id"])
    ids: set[str] = set()

    def collect(v: Any) -> None:
        if isinstance(v, dict):
            if v.get("kind") in S.NODES and "id" in v:
                ids.add(v["id"])
            for x in v.values():
                collect(x)
        elif isinstance(v, list):
            for x in v:
                collect(x)
        elif isinstance(v, str) and v in by_label:
            ids.add(by_label[v])

    for r in rows:
        collect({k: v for k, v in r.items() if not k.endswith("citations")})
    shown = ", ".join(f"{k}={v}" for k, v in params.items())
    view = View(f"Query: {q.title}" + (f" ({shown})" if shown else ""), q.description)
    return _fill(backend, view, ids)


def view_timeline(backend, params: dict) -> View:
    """The timeline view (its module, and Jinja2, load only when it is drawn)."""
    from accgraph.viz.timeline import view_timeline as draw

    return draw(backend, params)


VIEWS: dict[str, tuple[Callable, str]] = {
    "all": (view_all, "the whole graph"),
    "actor": (view_actor, "the neighbourhood of one actor (-p name NAME -p depth N)"),
    "chain-of-command": (view_chain, "the line upward from a unit, post or person (-p from NAME)"),
    "immunity": (view_immunity, "instruments, personnel categories and waiver authorities"),
    "disputes": (view_disputes, "topics, claims, their sources, contradictions (-p topic TOPIC for one)"),
    "case": (view_case, "one case (-p id CASE)"),
    "query": (view_query, "any canned query drawn as a network (-p name QUERY ...)"),
    "timeline": (view_timeline, "allegations, events, outcomes and instruments by date (-p actor NAME for one)"),
}


def build(backend, view: str, params: dict) -> View:
    if view not in VIEWS:
        raise ViewError(f"unknown view {view!r}; views: {', '.join(VIEWS)}")
    return VIEWS[view][0](backend, params)
