"""Full-text search over every node: names, aliases, summaries, texts, notes and quotes.

Matching is on words after :func:`accgraph.textkey.fold` (case and diacritics
ignored, so "Pejë", "PEJE" and "peje" are one word); a record matches when it
holds every word of the search (English stop words aside).  Ranking is computed
here, in Python, from the record itself, so both backends rank alike:

* Neo4j finds the candidates with its full-text index ``accgraph_search``
  (analyzer ``standard-folding``, created with the schema);
* LadybugDB's full-text extension must be downloaded at run time, so the
  embedded loader stores its own index of words: a ``SearchTerm`` node per
  word, linked by ``TERM_OF`` to the records holding it (primary-key look-ups).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from accgraph import schema as S
from accgraph.textkey import fold

#: Name of the Neo4j full-text index (see loader/ddl.py).
INDEX = "accgraph_search"
#: Lucene analyzer for it: standard tokenizer, lower case, diacritics folded.
ANALYZER = "standard-folding"

#: Searched properties and their weight in the ranking; "quote" stands for the quotes in the citations.
FIELDS = {
    "name": 8, "aliases": 8, "id": 4,
    "title": 4, "question": 4, "text": 3, "summary": 3, "provides": 2, "figure": 2, "role": 2, "place": 2,
    "note": 1, "editorial": 1, "quote": 1,
}
#: Node properties the full-text index covers (the quotes live in "citations").
INDEXED = [f for f in FIELDS if f != "quote"] + ["citations"]

#: Lucene's English stop words: the index drops them, so the search ignores them too.
STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there these "
    "they this to was will with".split()
)

#: Towns the documents name twice, Albanian/Serbian ("Pejë/Peć", "Peje/Pec"): a search for one name
#: finds the others.  "Peja", "Prishtina", "Gjakova" are the Albanian definite forms (used in record ids).
PLACE_NAMES = (
    ("Pejë", "Peć", "Peja"),
    ("Prishtinë", "Priština", "Prishtina"),
    ("Rahovec", "Orahovac"),
    ("Mitrovicë", "Mitrovica"),
    ("Gjilan", "Gnjilane"),
    ("Ferizaj", "Uroševac"),
    ("Gjakovë", "Djakovica", "Đakovica", "Gjakova"),
    ("Kosovë", "Kosovo"),
)

_WORD = re.compile(r"[^\W_]+")

#: Candidates considered at most, per search (far above any useful result list).
MAX_CANDIDATES = 10000


class SearchError(Exception):
    pass


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


def query_words(text: str) -> list[str]:
    out: list[str] = []
    for w in words(text):
        if w not in STOP_WORDS and w not in out:
            out.append(w)
    return out


def _place_groups() -> dict[str, tuple[str, ...]]:
    out = {}
    for names in PLACE_NAMES:
        group = tuple(sorted({fold(n) for n in names}))
        for w in group:
            out[w] = group
    return out


_PLACES = _place_groups()


def alternatives(word: str) -> tuple[str, ...]:
    """The word and the other names of the same town."""
    return _PLACES.get(word, (word,))


def _texts(node: dict) -> list[tuple[str, str]]:
    """(field, text) pairs of the searched fields of a stored node."""
    out = []
    for field in FIELDS:
        if field == "quote":
            cites = node.get("citations") or []
            if isinstance(cites, str):
                cites = json.loads(cites)
            out += [("quote", c["quote"]) for c in cites if c.get("quote")]
            continue
        value = node.get(field)
        if isinstance(value, list):
            out += [(field, v) for v in value if isinstance(v, str)]
        elif isinstance(value, str) and value:
            out.append((field, value))
    return out


def terms(node: dict) -> set[str]:
    """Every searchable word of a node (the keys an index of words needs)."""
    return set(term_fields(node))


def term_fields(node: dict) -> dict[str, str]:
    """Each searchable word of a node, with the highest-ranked field that holds it."""
    out: dict[str, str] = {}
    for field, text in _texts(node):
        for w in words(text):
            if w not in STOP_WORDS and (w not in out or FIELDS[field] > FIELDS[out[w]]):
                out[w] = field
    return out


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    name: str
    field: str
    snippet: str
    score: int

    def row(self) -> dict:
        return {"kind": self.kind, "id": self.id, "name": self.name, "field": self.field, "snippet": self.snippet}


def _snippet(text: str, qwords: list[str], width: int = 120) -> str:
    """The part of ``text`` around the first matched word, at most ``width`` characters."""
    text = " ".join(text.split())
    folded = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    first = next((s for s, e, w in folded if fold(w) in qwords), 0)
    if len(text) <= width:
        return text
    start = max(0, min(first - width // 3, len(text) - width))
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + width
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    return ("..." if start else "") + text[start:end].strip() + ("..." if end < len(text) else "")


def _padded(text: str) -> str:
    return " " + " ".join(words(text)) + " "


def score(node: dict, qwords: list[str], phrase: str) -> Hit | None:
    """Rank one candidate; None when it does not hold every word."""
    texts = _texts(node)
    alts = {w: set(alternatives(w)) for w in qwords}
    best: dict[str, int] = {}
    field_best: tuple[int, int, int, str, str] | None = None
    for order, (field, text) in enumerate(texts):
        weight = FIELDS[field]
        present = set(words(text))
        found = {w for w in qwords if alts[w] & present}
        for w in found:
            best[w] = max(best.get(w, 0), weight)
        if not found:
            continue
        has_phrase = f" {phrase} " in _padded(text)
        key = (int(has_phrase), len(found), weight, -order)
        if field_best is None or key > field_best[:4]:
            field_best = key + (field, text)  # type: ignore[assignment]
    if len(best) < len(qwords) or field_best is None:
        return None
    total = sum(best.values())
    for field, text in texts:
        padded = _padded(text)
        if f" {phrase} " in padded:
            total += 2 * FIELDS[field]
            if field in ("name", "aliases") and padded == f" {phrase} ":
                total += 20
    field, text = field_best[4], field_best[5]
    return Hit(node["kind"], node["id"], node.get("name") or node["id"], field, _snippet(text, qwords), total)


def _lucene(qwords: list[str]) -> str:
    # each word, or a longer word it begins (Lucene keeps "unmik's" as one word); the scoring re-checks
    return " ".join("+(" + " ".join(f"{a} {a}*" for a in alternatives(w)) + ")" for w in qwords)


def _candidates_neo4j(backend, qwords: list[str], kinds: list[str]) -> list[dict]:
    return [r["n"] for r in backend.read(
        f"CALL db.index.fulltext.queryNodes('{INDEX}', $q) YIELD node AS n, score "
        "WHERE n.kind IN $kinds RETURN n ORDER BY score DESC, n.id LIMIT $cap",
        {"q": _lucene(qwords), "kinds": kinds, "cap": MAX_CANDIDATES})]


def _candidates_embedded(backend, qwords: list[str], kinds: list[str]) -> list[dict]:
    """Records holding the rarest word of the search, through the SearchTerm index (primary-key
    look-ups); a database built before the index existed is read table by table."""
    if S.TERM_LABEL not in backend.tables():
        out = []
        for kind in kinds:
            out += [r["n"] for r in backend.read(f"MATCH (n:`{kind}`) RETURN n")]
        return out

    def ids(word: str) -> set[str]:
        found = set()
        for alt in alternatives(word):
            found |= {r["id"] for r in backend.read(
                f"MATCH (k:`{S.TERM_LABEL}` {{id: $w}})-[:`{S.TERM_REL}`]->(n) RETURN n.id AS id", {"w": alt})}
        return found

    sets = {w: ids(w) for w in qwords}
    keep = set.intersection(*sets.values())
    rarest = min(qwords, key=lambda w: (len(sets[w]), w))
    out: dict[str, dict] = {}
    for alt in alternatives(rarest):
        for r in backend.read(f"MATCH (k:`{S.TERM_LABEL}` {{id: $w}})-[:`{S.TERM_REL}`]->(n) "
                              "WHERE n.kind IN $kinds RETURN n", {"w": alt, "kinds": kinds}):
            if r["n"]["id"] in keep:
                out[r["n"]["id"]] = r["n"]
    return [out[k] for k in sorted(out)][:MAX_CANDIDATES]


def search(backend, text: str, kinds: list[str] | None = None, limit: int = 20) -> list[Hit]:
    """Ranked hits for ``text``, best first (ties by kind and id)."""
    qwords = query_words(text)
    if not qwords:
        raise SearchError(f"nothing to search for in {text!r}: give a word that is not a stop word")
    for k in kinds or []:
        if k not in S.NODES:
            raise SearchError(f"unknown kind {k!r}; kinds: {', '.join(S.NODES)}")
    kinds = sorted(kinds or S.NODES)
    find = _candidates_neo4j if backend.name == "neo4j" else _candidates_embedded
    phrase = " ".join(words(text))
    hits = [h for h in (score(n, qwords, phrase) for n in find(backend, qwords, kinds)) if h is not None]
    hits.sort(key=lambda h: (-h.score, h.kind, h.id))
    return hits[:limit]
