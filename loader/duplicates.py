"""Probable duplicates across files, for a human to decide.

Two records are listed when they are of the same kind, come from different
files, do not contradict each other on date or place, and share words of
their names or a run of words of their quotes.  A ``SAME_AS`` edge between
them (directly or through others) records the decision and ends the listing,
as does ``accept: ["probable-duplicate: reason"]`` on either record.

Candidates are found through an index of name words and quote word-runs, so
the work grows with the number of records, not with its square.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accgraph.textkey import fold

#: words too common to say two names are alike
_STOP = frozenset("a an and the of in on for to by at with from de kosovo unmik".split())
_WORD = re.compile(r"[a-z0-9]+")
SHINGLE = 6  # words in a quote run; three overlapping runs (8 words) count as shared unless date or place agree
MAX_BUCKET = 40
NAME_OVERLAP = 0.6  # shared name words, as a share of all their name words  # an index key shared by more records than this says nothing


@dataclass(frozen=True)
class Pair:
    first: object  # Record
    second: object
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        a, b = self.first, self.second
        return (f"{a.file}:{a.line}: {_fmt(a.path)}: probable-duplicate: {a.id!r} and {b.id!r} ({a.type}; "
                f"{'; '.join(self.reasons)}) also at {b.where}")


def _fmt(path) -> str:
    from accgraph.loader.validate import fmt_path

    return fmt_path(path)


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _name_keys(rec) -> set[str]:
    names = [rec.data.get("name", "")] + list(rec.data.get("aliases", []))
    return {w for n in names for w in _words(n) if w not in _STOP and len(w) > 2}


def _quote_keys(rec) -> set[str]:
    out = set()
    for c in rec.data["cite"]:
        words = _words(c.get("quote", ""))
        for i in range(len(words) - SHINGLE + 1):
            out.add(" ".join(words[i:i + SHINGLE]))
    return out


class _Groups:
    """Union-find over SAME_AS links."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def find(ds) -> list[Pair]:
    groups = _Groups()
    for e in ds.edges:
        if e.type == "SAME_AS":
            groups.join(e.data["from"], e.data["to"])
    index: dict[tuple, list] = {}
    keys: dict[str, tuple[set[str], set[str]]] = {}
    for rec in ds.nodes.values():
        if rec.type == "Source":
            continue
        names, quotes = _name_keys(rec), _quote_keys(rec)
        keys[rec.id] = (names, quotes)
        for k in names:
            index.setdefault((rec.type, "n", k), []).append(rec)
        for k in quotes:
            index.setdefault((rec.type, "q", k), []).append(rec)
    seen: set[tuple[str, str]] = set()
    out: list[Pair] = []
    for bucket in index.values():
        if len(bucket) < 2 or len(bucket) > MAX_BUCKET:
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if pair in seen or a.file == b.file:
                    continue
                seen.add(pair)
                reasons = _alike(a, b, keys)
                if reasons and groups.find(a.id) != groups.find(b.id) and not _accepted(a, b):
                    first, second = sorted((a, b), key=lambda r: (r.file, r.line))
                    out.append(Pair(first, second, reasons))
    return sorted(out, key=lambda p: (p.first.file, p.first.line, p.second.file, p.second.line))


def _accepted(a, b) -> bool:
    return any("probable-duplicate" in r.data.get("_accept", {}) for r in (a, b))


def _alike(a, b, keys) -> tuple[str, ...]:
    reasons = []
    for prop in ("date", "start", "place"):
        x, y = a.data.get(prop), b.data.get(prop)
        if x and y:
            if prop == "place" and fold(x) != fold(y) or prop != "place" and not (x.startswith(y) or y.startswith(x)):
                return ()  # they disagree: two things
            reasons.append(f"same {prop} {x}")
    (na, qa), (nb, qb) = keys[a.id], keys[b.id]
    shared = na & nb
    names_alike = len(shared) >= 2 and len(shared) >= NAME_OVERLAP * len(na | nb)
    if names_alike:
        reasons.append("names share " + ", ".join(sorted(shared)))
    # one shared run of words is enough when date or place agree; otherwise a longer run
    shared_runs = len(qa & qb)
    quotes_alike = shared_runs >= (1 if reasons else 3)
    if quotes_alike:
        reasons.append("quotes overlap")
    if not (names_alike or quotes_alike):
        return ()
    return tuple(reasons)


def listing(ds) -> list[str]:
    return [str(p) for p in find(ds)]
