"""Sensitivity and redaction, to protect survivors.

A record or citation is *restricted* when it says ``sensitivity: restricted``,
and by default (derived at read time, whatever the seeds say) when it is:

* a Person that a case or event INVOLVES in the role ``victim`` or ``witness``;
* a child case: a Case whose name or summary speaks of a minor, a child or a
  girl (the words in :data:`CHILD_WORDS`), or that involves such a victim;
* an edge whose ``sensitivity`` is restricted.

``--redact`` replaces, everywhere in an output, the name, aliases and id of a
restricted record with a stable placeholder (``[restricted Person 1a2b3c4d]``,
the same in every output and every run, from a hash of the id), its texts with
``[restricted]``, and the quotes of restricted records, of restricted
citations and of edges that touch a restricted record with
``[restricted quote]``.  Structure and counts stay: every node and edge is
still there, under its placeholder.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from accgraph import schema as S
from accgraph.textkey import fold

CHILD_WORDS = frozenset({"minor", "minors", "child", "children", "girl", "girls", "juvenile", "juveniles",
                         "underage", "schoolgirl", "schoolgirls"})
RESTRICTED_ROLES = ("victim", "witness")
QUOTE = "[restricted quote]"
TEXT = "[restricted]"
#: Node properties replaced by TEXT in a restricted record (name and aliases get the placeholder).
TEXT_PROPS = ("summary", "note", "role", "text", "question", "provides", "figure", "title", "editorial")
#: Of those, the texts also scrubbed out of every other record (places and the like stay readable).
SCRUBBED_PROPS = ("summary", "note", "role")
_MIN_SCRUB = 4
SCRUB_QUOTE_WORDS = 8  # shorter names are not scrubbed out of other texts


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]


def placeholder_id(node_id: str) -> str:
    return f"restricted-{_hash(node_id)}"


def placeholder_name(kind: str, node_id: str) -> str:
    return f"[restricted {kind} {_hash(node_id)}]"


def _citations(value: Any) -> list[dict]:
    if isinstance(value, str):
        value = json.loads(value)
    return [dict(c) for c in value or []]


class Redactor:
    """Built once from the backend; then redacts records, rows and texts."""

    def __init__(self, backend):
        self.kinds: dict[str, str] = {}  # restricted node id -> kind
        for r in backend.read("MATCH (n) WHERE n.sensitivity = 'restricted' AND n.kind IS NOT NULL "
                              "RETURN n.id AS id, n.kind AS kind"):
            self.kinds[r["id"]] = r["kind"]
        victims = backend.read(
            "MATCH (c)-[r:`INVOLVES`]->(p:`Person`) WHERE r.role IN $roles "
            "RETURN p.id AS id, p.name AS name, p.role AS role, c.id AS case_id, c.kind AS case_kind",
            {"roles": list(RESTRICTED_ROLES)})
        for r in victims:
            self.kinds[r["id"]] = "Person"
        child_victims = {r["case_id"] for r in victims if r["case_kind"] == "Case" and self._childish(r["name"], r["role"])}
        for r in backend.read("MATCH (c:`Case`) RETURN c.id AS id, c.name AS name, c.summary AS summary"):
            if r["id"] in child_victims or self._childish(r["name"], r["summary"]):
                self.kinds[r["id"]] = "Case"
        self.edges = {r["id"] for r in backend.read(
            "MATCH ()-[r]->() WHERE r.sensitivity = 'restricted' AND r.kind IS NOT NULL RETURN r.id AS id")}
        self._strings: dict[str, str] = {}
        if self.kinds:
            for r in backend.read("MATCH (n) WHERE n.id IN $ids AND n.kind IS NOT NULL RETURN n",
                                  {"ids": sorted(self.kinds)}):
                n = r["n"]
                name = placeholder_name(n["kind"], n["id"])
                for s in [n.get("name")] + list(n.get("aliases") or []):
                    if isinstance(s, str) and len(s.strip()) >= _MIN_SCRUB:
                        self._strings.setdefault(s.strip(), name)
                self._strings[n["id"]] = placeholder_id(n["id"])
                for c in _citations(n.get("citations")):
                    self._add_quote(c)
                for key in SCRUBBED_PROPS:
                    if isinstance(n.get(key), str) and len(n[key].strip()) >= _MIN_SCRUB:
                        self._strings.setdefault(n[key].strip(), TEXT)
        for r in backend.read("MATCH (a)-[r]->(b) WHERE r.kind IS NOT NULL AND (a.id IN $ids OR b.id IN $ids OR r.id IN $edges) "
                              "RETURN r.citations AS citations",
                              {"ids": sorted(self.kinds), "edges": sorted(self.edges)}):
            for c in _citations(r["citations"]):
                self._add_quote(c)
        self._pattern = (re.compile("|".join(re.escape(s) for s in sorted(self._strings, key=lambda s: (-len(s), s))),
                                    re.I) if self._strings else None)
        self._lower = {s.lower(): v for s, v in self._strings.items()}

    def _add_quote(self, c: dict) -> None:
        """Long restricted quotes are scrubbed wherever they recur; short ones ("an UNMIK officer")
        only where they are cited as restricted evidence."""
        quote = (c.get("quote") or "").strip()
        if len(quote.split()) >= SCRUB_QUOTE_WORDS:
            self._strings.setdefault(quote, QUOTE)

    @staticmethod
    def _childish(*texts) -> bool:
        words = set()
        for t in texts:
            if isinstance(t, str):
                words |= set(re.findall(r"[^\W_]+", fold(t)))
        return bool(words & CHILD_WORDS) or any(re.search(r"\bunder (1[0-7]|[1-9])\b", fold(t))
                                                for t in texts if isinstance(t, str))

    # --- texts -------------------------------------------------------------------------

    def restricted_strings(self) -> list[str]:
        """Every string a redacted output must not contain (for tests and checks)."""
        return sorted(self._strings)

    def scrub(self, value: Any) -> Any:
        """Replace restricted strings inside a text (or every text in a list or dict)."""
        if isinstance(value, str):
            if self._pattern is None:
                return value
            return self._pattern.sub(lambda m: self._lower[m.group().lower()], value)
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        if isinstance(value, dict):
            return {k: self.scrub(v) for k, v in value.items()}
        return value

    def row(self, row: dict) -> dict:
        """A query result row, every text scrubbed (citations' quotes too)."""
        return {k: self.scrub(v) for k, v in row.items()}

    # --- records -----------------------------------------------------------------------

    def is_restricted(self, node_id: str) -> bool:
        return node_id in self.kinds

    def node_id(self, node_id: str) -> str:
        """The placeholder of a restricted record; other ids with a restricted id inside, scrubbed."""
        return placeholder_id(node_id) if node_id in self.kinds else self.scrub(node_id)

    def _cites(self, cites: Any, hide_all: bool) -> list[dict]:
        out = []
        for c in _citations(cites):
            if c.get("quote") and (hide_all or c.get("sensitivity") == "restricted"):
                c["quote"] = QUOTE
            out.append(self.scrub(c))
        return out

    def node(self, props: dict) -> dict:
        """A stored node's properties, redacted (the same keys)."""
        nid, kind = props["id"], props.get("kind")
        out = dict(props)
        out["id"] = self.node_id(nid)
        if nid in self.kinds:
            out["name"] = placeholder_name(kind, nid)
            if out.get("aliases"):
                out["aliases"] = [out["name"]] * len(out["aliases"])
            for key in TEXT_PROPS:
                if out.get(key):
                    out[key] = TEXT
        if "citations" in out:
            out["citations"] = self._cites(out["citations"], nid in self.kinds)
        return {k: (v if k in ("id", "citations") else self.scrub(v)) for k, v in out.items()}

    def edge(self, props: dict) -> dict:
        """A stored edge's properties (with id, src, dst), redacted."""
        out = dict(props)
        touches = out.get("src") in self.kinds or out.get("dst") in self.kinds or out.get("id") in self.edges
        out["id"] = placeholder_id(out["id"]) if touches else self.scrub(out["id"])
        for end in ("src", "dst"):
            if out.get(end):
                out[end] = self.node_id(out[end])
        if "citations" in out:
            out["citations"] = self._cites(out["citations"], touches)
        return {k: (v if k in ("id", "src", "dst", "citations") else self.scrub(v)) for k, v in out.items()}


    def view(self, model):
        """A view model (accgraph.viz.model.View) with restricted records under their placeholders."""
        for n in model.nodes:
            restricted = n.id in self.kinds
            n.props = self.node({**n.props, "id": n.id, "kind": n.kind, "name": n.name})
            n.id, n.name = n.props["id"], n.props["name"]
            if not restricted:
                n.name = self.scrub(n.name)
        for e in model.edges:
            e.props = self.edge({**e.props, "id": e.id, "kind": e.kind, "src": e.src, "dst": e.dst})
            e.id, e.src, e.dst = e.props["id"], e.props["src"], e.props["dst"]
        model.title = self.scrub(model.title)
        model.caption = self.scrub(model.caption)
        return model


class NoRedaction:
    """Stands in for :class:`Redactor` when nothing is redacted."""

    def scrub(self, value: Any) -> Any:
        return value

    def row(self, row: dict) -> dict:
        return row

    def node(self, props: dict) -> dict:
        return props

    def edge(self, props: dict) -> dict:
        return props

    def node_id(self, node_id: str) -> str:
        return node_id


def for_backend(backend, redact: bool):
    return Redactor(backend) if redact else NoRedaction()


__all__ = ["Redactor", "NoRedaction", "for_backend", "placeholder_id", "placeholder_name", "S"]
