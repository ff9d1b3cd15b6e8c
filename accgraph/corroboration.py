"""Corroboration by independent origin, computed once per dataset at load time.

For every node and edge the loader stores these columns (declared in
``accgraph.schema.DERIVED``):

``n_sources`` and ``stated_in``
    how many distinct documents state it, and which (the ``source`` of the
    citations that support it);
``n_origins``
    how many independent origins those citations go back to.  A citation
    without ``via`` is the cited document speaking for itself: its origin is
    that document.  A citation with ``via`` reports what someone else said:
    its origin is where the ``via`` chain ends.  The chain continues from a
    Source through ``DRAWS_ON`` while that Source draws on exactly one other
    Source (a news release that announces one report stands for that report);
    a Source that draws on several stops the chain, because the data does not
    say which of them a fact came from.  Citations that end at the same origin
    count once: the Home Office repeating Amnesty is one origin, not two.
    ``origin_ids`` lists them;
``weakest_link``
    ``hedged`` when the record itself is hedged, ``second-hand`` when every
    citation reports it via someone else (no document states it in its own
    voice), ``hedged, second-hand`` for both, empty otherwise.

What supports a record: its own citations; for a node, those of every record
it is ``SAME_AS`` (they describe one thing); and for a claim, those of the
claims that corroborate it or that it corroborates (``CORROBORATES``, either
way), so that a claim the Home Office repeats via Amnesty counts two sources
and one origin.  ``weakest_link`` speaks of the record itself (with its
``SAME_AS`` records), not of the claims that corroborate it.
"""

from __future__ import annotations

from dataclasses import dataclass

HEDGED = "hedged"
SECOND_HAND = "second-hand"


@dataclass(frozen=True)
class Corroboration:
    stated_in: tuple[str, ...]
    origin_ids: tuple[str, ...]
    weakest_link: str

    @property
    def n_sources(self) -> int:
        return len(self.stated_in)

    @property
    def n_origins(self) -> int:
        return len(self.origin_ids)

    def columns(self) -> dict:
        return {"n_sources": self.n_sources, "n_origins": self.n_origins, "weakest_link": self.weakest_link,
                "stated_in": list(self.stated_in), "origin_ids": list(self.origin_ids)}


class Index:
    """What the computation needs from a dataset: DRAWS_ON chains, SAME_AS groups, CORROBORATES links."""

    def __init__(self, ds) -> None:
        self.ds = ds
        draws: dict[str, set[str]] = {}
        same: dict[str, set[str]] = {}
        self.corroborates: dict[str, set[str]] = {}
        for rec in ds.edges:
            a, b = rec.data["from"], rec.data["to"]
            if rec.type == "DRAWS_ON":
                draws.setdefault(a, set()).add(b)
            elif rec.type == "SAME_AS":
                same.setdefault(a, set()).add(b)
                same.setdefault(b, set()).add(a)
            elif rec.type == "CORROBORATES":
                self.corroborates.setdefault(a, set()).add(b)
                self.corroborates.setdefault(b, set()).add(a)
        self.draws_on = {a: next(iter(bs)) for a, bs in draws.items() if len(bs) == 1}
        self.groups = _components(same)
        self._origins: dict[str, str] = {}

    def origin(self, start: str) -> str:
        """Where a chain that starts at ``start`` ends."""
        if start not in self._origins:
            seen = [start]
            node = start
            while node in self.draws_on and self.draws_on[node] not in seen:
                node = self.draws_on[node]
                seen.append(node)
            self._origins[start] = node
        return self._origins[start]

    def citation_origin(self, cite: dict) -> str:
        return self.origin(cite.get("via") or cite["source"])

    def group(self, rec) -> list:
        """The record and, for a node, every record it is the same as."""
        if rec.kind != "node" or rec.id not in self.groups:
            return [rec]
        return [self.ds.nodes[i] for i in sorted(self.groups[rec.id]) if i in self.ds.nodes]

    def stands_alone(self, rec) -> bool:
        """True when only the record's own citations and ``hedged`` decide its columns (no SAME_AS group,
        and for a claim no CORROBORATES link)."""
        if rec.kind != "node":
            return True
        if rec.id in self.groups:
            return False
        return not (rec.type == "Claim" and any(o in self.ds.nodes for o in self.corroborates.get(rec.id, ())))

    def support(self, rec) -> list:
        """The records whose citations support this one: its group and, for a claim, the claims linked by CORROBORATES."""
        own = self.group(rec)
        out = {r.id: r for r in own}
        if rec.kind == "node" and rec.type == "Claim":
            for r in own:
                for other in sorted(self.corroborates.get(r.id, ())):
                    if other in self.ds.nodes:
                        out.setdefault(other, self.ds.nodes[other])
        return [out[k] for k in sorted(out)]

    def of(self, rec) -> Corroboration:
        cites = [c for r in self.support(rec) for c in r.data["cite"]]
        own = self.group(rec)
        own_cites = [c for r in own for c in r.data["cite"]]
        weak = []
        if any(r.data.get("hedged") for r in own):
            weak.append(HEDGED)
        if own_cites and all(c.get("via") for c in own_cites):
            weak.append(SECOND_HAND)
        return Corroboration(tuple(sorted({c["source"] for c in cites})),
                             tuple(sorted({self.citation_origin(c) for c in cites})), ", ".join(weak))


def _components(links: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for start in sorted(links):
        if start in out:
            continue
        group, todo = {start}, [start]
        while todo:
            for nxt in links.get(todo.pop(), ()):
                if nxt not in group:
                    group.add(nxt)
                    todo.append(nxt)
        frozen = frozenset(group)
        for node_id in group:
            out[node_id] = frozen
    return out


def index(ds) -> Index:
    """The dataset's index, built on first use and kept on the dataset."""
    idx = getattr(ds, "_corroboration", None)
    if idx is None or idx.ds is not ds:
        idx = Index(ds)
        ds._corroboration = idx
    return idx


def columns(rec, ds) -> dict:
    """The derived corroboration columns of one record (``n_sources``, ``n_origins``, ``weakest_link``,
    ``stated_in``, ``origin_ids``)."""
    return index(ds).of(rec).columns()
