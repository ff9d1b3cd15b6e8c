"""Ad-hoc read-only Cypher (``accgraph cypher``).

Two layers keep a statement from changing anything or reaching outside the graph:

1. the database itself: the embedded file is opened read-only, and Neo4j runs
   the statement in a READ transaction, so any write is refused by the engine;
2. :func:`check`, which refuses what those layers let through: several
   statements at once, reading or writing files (``LOAD CSV``, ``LOAD FROM``,
   ``COPY``, ``EXPORT``), extensions, attached databases, transactions, and any
   procedure that is not on a short list of read-only catalogue procedures.
"""

from __future__ import annotations

import re

from accgraph.queries import QueryError, normalise_row

#: Clause keywords an ad-hoc statement may not use (either backend).
FORBIDDEN = (
    "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "ALTER", "FOREACH",
    "LOAD", "COPY", "EXPORT", "IMPORT", "INSTALL", "ATTACH", "CHECKPOINT",
    "BEGIN", "COMMIT", "ROLLBACK", "GRANT", "DENY", "REVOKE", "TERMINATE",
)

#: Procedures an ad-hoc statement may CALL: catalogue look-ups that read only.
ALLOWED_PROCEDURES = frozenset({
    # Neo4j
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
    # LadybugDB
    "show_tables", "table_info", "show_connection",
})

_LEXEME = re.compile(
    r"""(?P<comment>//[^\n]*|/\*.*?\*/)"""
    r"""|(?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
    r"""|(?P<quoted>`(?:[^`]|``)*`)"""
    r"""|(?P<word>[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*)"""
    r"""|(?P<other>.)""",
    re.S,
)


def _lexemes(text: str):
    for m in _LEXEME.finditer(text):
        yield m.lastgroup, m.group()


def check(cypher: str) -> None:
    """Raise :class:`QueryError` if the statement may do more than read the graph."""
    if not cypher.strip():
        raise QueryError("the statement is empty")
    lex = [(k, v) for k, v in _lexemes(cypher) if k != "comment" and not (k == "other" and v.isspace())]
    for i, (kind, value) in enumerate(lex):
        if kind == "other" and value == ";":
            if any(k != "other" or v != ";" for k, v in lex[i + 1:]):
                raise QueryError("one statement at a time: remove the ';' and what follows it")
            continue
        if kind != "word":
            continue
        prev = lex[i - 1][1] if i else ""
        nxt = lex[i + 1][1] if i + 1 < len(lex) else ""
        if prev in (".", "$", ":") or nxt == ":" and prev in ("{", ","):
            continue  # a property, parameter, label or map key, not a clause
        word = re.sub(r"\s+", "", value)
        if word.upper() in FORBIDDEN:
            raise QueryError(f"read-only: {word.upper()} is not allowed here (accgraph cypher only reads the graph)")
        if word.upper() == "CALL" and i + 1 < len(lex) and lex[i + 1][0] == "word":
            proc = re.sub(r"\s+", "", lex[i + 1][1]).lower()
            if proc not in ALLOWED_PROCEDURES:
                raise QueryError(f"read-only: procedure {proc!r} is not allowed here; allowed: "
                                 + ", ".join(sorted(ALLOWED_PROCEDURES)))


def parse_params(pairs) -> dict:
    """``-p NAME VALUE`` pairs: numbers, true/false/null and JSON lists or maps are parsed, the rest is text."""
    import json

    out = {}
    for name, value in pairs:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"parameter name {name!r} is not a valid Cypher name")
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = value
        out[name] = parsed if isinstance(parsed, (int, float, bool, list, dict)) or parsed is None else value
    return out


def run(backend, cypher: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
    """Check and run one read-only statement; return its columns and rows."""
    check(cypher)
    columns, rows = backend.read_columns(cypher, params or {})
    return columns, [normalise_row(r) for r in rows]
