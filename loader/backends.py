"""Two storage backends behind one small interface.

* :class:`EmbeddedBackend` - LadybugDB, a database file on the user's disk.
* :class:`Neo4jBackend` - a Neo4j 5 server, through the official driver.

Both run the same Cypher and return rows as plain Python values: nodes and
relationships become dicts of their properties (with ``citations`` parsed),
paths become ``{"nodes": [...], "rels": [...]}``.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import os
import re
import shutil
import tempfile
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import unquote, urlsplit, urlunsplit

from accgraph import __version__
from accgraph import schema as S
from accgraph.loader import ddl
from accgraph.loader.rows import Statement


class BackendError(Exception):
    """A problem a user can act on (no connection, locked file, foreign database...)."""


ProgressFn = Callable[[Statement], None]


def _clean_props(props: dict) -> dict:
    out = {}
    for k, v in props.items():
        if k.startswith("_") or v is None:
            continue
        if k == "citations" and isinstance(v, str):
            v = json.loads(v)
        out[k] = v
    return out


class Backend(ABC):
    name: str

    def read(self, cypher: str, params: dict | None = None) -> list[dict]:
        """Run a read-only query; rows as dicts of normalised values."""
        return self.read_columns(cypher, params)[1]

    @abstractmethod
    def read_columns(self, cypher: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
        """Run a read-only query; its column names, and rows as dicts of normalised values."""

    @abstractmethod
    def write_all(self, statements: Iterable[Statement], replace: bool = False,
                  progress: ProgressFn | None = None, meta: dict | None = None) -> None:
        """Run every statement in one transaction: all of them, or none."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create tables / constraints from the schema, if missing."""

    @abstractmethod
    def meta(self) -> dict | None:
        """The accgraph bookkeeping record, or None when accgraph never wrote here."""

    @abstractmethod
    def is_empty(self) -> bool: ...

    def close(self) -> None:  # pragma: no cover - trivial
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # shared helpers ---------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        nodes, edges = {}, {}
        for nt in S.NODE_TYPES:
            n = self.read(f"MATCH (n:`{nt.name}`) RETURN count(n) AS c")[0]["c"]
            if n:
                nodes[nt.name] = n
        for et in S.EDGE_TYPES:
            n = self.read(f"MATCH ()-[r:`{et.name}`]->() RETURN count(r) AS c")[0]["c"]
            if n:
                edges[et.name] = n
        return {"nodes": nodes, "edges": edges}

    def check_wipe_allowed(self, force: bool) -> None:
        if force or self.is_empty() or self.meta() is not None:
            return
        raise BackendError(
            f"the {self.name} database holds data that accgraph did not write; "
            "refusing to replace it (use --force to wipe it anyway)"
        )


def meta_record(digest: str, origin: str) -> dict:
    return {
        "id": "accgraph",
        "version": __version__,
        "digest": digest,
        "origin": origin,
        "loaded_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


#: A Neo4j load in batches marks the bookkeeping record ``loading`` first and
#: ``complete`` (with the digest) at the end; readers refuse anything else.
NEO4J_META_CYPHER = (
    f"MERGE (m:{S.META_LABEL} {{id: $m.id}}) "
    "SET m.version = $m.version, m.digest = $m.digest, m.origin = $m.origin, m.loaded_at = $m.loaded_at, "
    "m.state = 'complete'"
)
NEO4J_LOADING_CYPHER = (
    f"MERGE (m:{S.META_LABEL} {{id: 'accgraph'}}) "
    "SET m.state = 'loading', m.digest = null, m.origin = $origin, m.loaded_at = $since"
)
#: How long a batched load waits for the indexes it builds at the end (seconds).
INDEX_WAIT_SECONDS = 3600


INCOMPLETE_MESSAGE = (
    "a load into this Neo4j database did not finish (or is still running, started {since}); "
    "nothing is read from a half-loaded graph: wait for it, or run accgraph load --backend neo4j --replace"
)


def disk_full(exc: BaseException) -> bool:
    """True when ``exc`` says the disk (or quota) is full."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc).lower()
    return "no space left" in text or "disk full" in text or "not enough space" in text


META_CYPHER = (
    f"MERGE (m:{S.META_LABEL} {{id: $m.id}}) "
    "SET m.version = $m.version, m.digest = $m.digest, m.origin = $m.origin, m.loaded_at = $m.loaded_at"
)
WIPE_CYPHER = [f"MATCH (n:`{label}`) DETACH DELETE n" for label in [nt.name for nt in S.NODE_TYPES] + [S.LOOKUP_LABEL, S.TERM_LABEL]]


# --- LadybugDB ---------------------------------------------------------------


def _lb_value(v: Any) -> Any:
    if isinstance(v, dict):
        if "_NODES" in v and "_RELS" in v:
            return {"nodes": [_lb_value(n) for n in v["_NODES"]], "rels": [_lb_value(r) for r in v["_RELS"]]}
        if "_LABEL" in v or "_ID" in v:
            return _clean_props(v)
        return {k: _lb_value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_lb_value(x) for x in v]
    return v


#: How long a reader waits for a database file another process holds.
OPEN_WAIT_SECONDS = 10.0


class EmbeddedBackend(Backend):
    """LadybugDB in a single database file."""

    name = "embedded"

    def __init__(self, path: str | Path, read_only: bool = False, threads: int = 0):
        """Open ``path``; ``threads`` caps the database's worker threads (0: one per core)."""
        import ladybug

        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise BackendError(f"no database at {self.path}; run 'accgraph load' first")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + (OPEN_WAIT_SECONDS if read_only else 0)
        while True:
            try:
                self._db = ladybug.Database(str(self.path), read_only=read_only, max_num_threads=threads)
                self._conn = ladybug.Connection(self._db)
                break
            except RuntimeError as exc:
                # Another process may hold the file for a moment (a swap or a
                # checkpoint): readers wait briefly before giving up.
                if "lock" in str(exc).lower() and time.monotonic() < deadline:
                    time.sleep(0.2)
                    continue
                if disk_full(exc):
                    raise BackendError(f"disk full: cannot open the embedded database {self.path}") from None
                raise BackendError(f"cannot open the embedded database {self.path}: {exc}") from None

    def close(self) -> None:
        for attr in ("_conn", "_db"):
            obj = getattr(self, attr, None)
            if obj is not None:
                try:
                    obj.close()
                except Exception:  # pragma: no cover
                    pass
                setattr(self, attr, None)

    def _exec(self, cypher: str, params: dict | None = None):
        return self._conn.execute(cypher, params or {})

    def tables(self) -> dict[str, str]:
        """Table name -> "NODE" or "REL"."""
        res = self._exec("CALL show_tables() RETURN name, type")
        out = {}
        while res.has_next():
            name, kind = res.get_next()
            out[name] = kind
        return out

    def read_columns(self, cypher: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
        try:
            res = self._exec(cypher, params)
            if isinstance(res, list):  # several statements
                raise BackendError("query failed on the embedded database: one statement at a time")
            cols = res.get_column_names()
            rows = []
            while res.has_next():
                rows.append({c: _lb_value(v) for c, v in zip(cols, res.get_next())})
        except RuntimeError as exc:
            raise BackendError(f"query failed on the embedded database: {exc}") from None
        return cols, rows

    def ensure_schema(self) -> None:
        for stmt in ddl.ladybug_ddl():
            self._exec(stmt)

    def meta(self) -> dict | None:
        if S.META_LABEL not in self.tables():
            return None
        rows = self.read(f"MATCH (m:{S.META_LABEL}) RETURN m")
        return rows[0]["m"] if rows else None

    def is_empty(self) -> bool:
        for table, kind in self.tables().items():
            if kind == "NODE" and self._exec(f"MATCH (n:`{table}`) RETURN count(n)").get_next()[0]:
                return False
        return True

    def write_all(self, statements, replace=False, progress=None, meta=None) -> None:
        self.ensure_schema()
        self._exec("BEGIN TRANSACTION")
        try:
            if replace:
                for stmt in WIPE_CYPHER:
                    self._exec(stmt)
            for st in statements:
                self._exec(st.for_ladybug(), {"rows": st.rows})
                if progress:
                    progress(st)
            if meta is not None:
                self._exec(META_CYPHER, {"m": meta})
            self._exec("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self._exec("ROLLBACK")
        except RuntimeError:
            pass  # a failed statement has already ended the transaction

    def copy_files(self, files, meta: dict | None = None, progress: ProgressFn | None = None,
                   commit_every: int | None = None) -> None:
        """Bulk-load Parquet files (see :mod:`accgraph.loader.bulk`) into a fresh database.

        ``files`` maps each table (or relationship pair) to its file, or is an
        iterable of such ``(group, path)`` pairs, node tables first, copied as
        they come.  Each ``COPY`` commits on its own, or with ``commit_every``
        that many share one transaction: fewer commits, while the memory a
        transaction holds until its commit stays bounded.
        """
        from accgraph.loader import bulk

        self.ensure_schema()
        if isinstance(files, dict):
            stmts = bulk.copy_statements(files)
        else:
            stmts = (bulk.copy_statements({group: path})[0] for group, path in files)
        pending = 0  # statements in the open transaction
        try:
            for stmt, group in stmts:
                if commit_every and not pending:
                    self._exec("BEGIN TRANSACTION")
                pending += 1
                res = self._exec(stmt)
                if progress:
                    n = 0
                    while res.has_next():
                        text = str(res.get_next()[0])
                        digits = "".join(ch for ch in text.split(" tuples")[0] if ch.isdigit())
                        n = int(digits) if digits else 0
                    progress(Statement("", [None] * n, group if isinstance(group, str) else group[0]))
                if not commit_every or pending >= commit_every:
                    if commit_every:
                        self._exec("COMMIT")
                    pending = 0
            if pending:
                self._exec("COMMIT")
                pending = 0
        except BaseException:
            if pending:
                self._rollback()
            raise
        if meta is not None:
            self._exec(META_CYPHER, {"m": meta})


BUILD_PREFIX = ".accgraph-build-"


def build_dir_prefix(path: Path) -> str:
    return f"{BUILD_PREFIX}{path.name}-"


def clean_stale_builds(path: Path) -> list[Path]:
    """Remove build folders a crashed load of ``path`` left behind (call with the load lock held)."""
    removed = []
    if not path.parent.is_dir():
        return removed
    for d in path.parent.glob(BUILD_PREFIX + "*"):
        if not d.is_dir():
            continue
        ours = d.name.startswith(build_dir_prefix(path))
        legacy = not d.name.startswith(build_dir_prefix(path)) and (d / path.name).exists()
        if ours or legacy or not any(d.iterdir()):
            shutil.rmtree(d, ignore_errors=True)
            removed.append(d)
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def swap_into_place(new: Path, path: Path, scratch: Path) -> None:
    """Move the finished database ``new`` over ``path`` so that no crash point loses committed data.

    The old database's write-ahead log is first folded into its main file (a
    checkpoint), so that nothing committed lives only in the log; only then is
    the new file moved in.  An old log that cannot be replayed (the database is
    unreadable anyway) is moved into ``scratch`` rather than deleted, so the new
    file never meets a foreign log.
    """
    wal = Path(str(path) + ".wal")
    if path.exists() and wal.exists():
        try:
            with EmbeddedBackend(path) as old:
                old._exec("CHECKPOINT")
        except (BackendError, RuntimeError):
            pass
        if wal.exists():
            os.replace(wal, scratch / (path.name + ".old.wal"))
    Path(str(path) + ".shadow").unlink(missing_ok=True)
    os.replace(new, path)
    _fsync_dir(path.parent)


def build_embedded(path: Path, statements: Iterable[Statement] | None, meta: dict,
                   progress: ProgressFn | None = None, *, fill: Callable | None = None,
                   start_from: Path | None = None, threads: int = 0) -> None:
    """Build a database next to ``path`` and move it into place at the end.

    The new database is either filled with ``statements`` (batched ``UNWIND``)
    or by ``fill(backend, build_folder)`` (the ``COPY`` path).  With
    ``start_from`` the build starts from a copy of that database (a merge load),
    so readers keep the old complete file until the swap.  Readers never see a
    half-built file, and a failure (a full disk included) leaves the old file alone.
    ``threads`` caps the database's worker threads during the build (0: one per core).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix=build_dir_prefix(path), dir=path.parent))
    try:
        tmp = tmpdir / path.name
        if start_from is not None:
            shutil.copyfile(start_from, tmp)
            wal = Path(str(start_from) + ".wal")
            if wal.exists():
                shutil.copyfile(wal, str(tmp) + ".wal")
        with EmbeddedBackend(tmp, threads=threads) as be:
            if fill is not None:
                fill(be, tmpdir)
            else:
                be.write_all(statements or [], replace=False, progress=progress, meta=meta)
            be._exec("CHECKPOINT")
        swap_into_place(tmp, path, tmpdir)
    except (OSError, RuntimeError, BackendError) as exc:
        if disk_full(exc):
            raise BackendError(
                f"disk full while loading into {path}; the previous database is unchanged "
                "(free some space and load again)"
            ) from None
        raise
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


# --- Neo4j -------------------------------------------------------------------


def _neo_value(v: Any) -> Any:
    from neo4j.graph import Node, Path as NeoPath, Relationship

    if isinstance(v, Node):
        return _clean_props(dict(v))
    if isinstance(v, Relationship):
        return _clean_props(dict(v))
    if isinstance(v, NeoPath):
        return {"nodes": [_neo_value(n) for n in v.nodes], "rels": [_neo_value(r) for r in v.relationships]}
    if isinstance(v, list):
        return [_neo_value(x) for x in v]
    if isinstance(v, dict):
        return {k: _neo_value(x) for k, x in v.items()}
    return v


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
_USERINFO = re.compile(r"(\b[A-Za-z][A-Za-z0-9+.-]*://)[^/?#\s]*@")  # up to the authority's last @


def redact(text: str, *secrets: str | None) -> str:
    """Text with the user and password of every URI in it, and the given secrets, hidden."""
    text = _USERINFO.sub(r"\1***@", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def local_password_file() -> Path:
    """Where ``scripts/neo4j`` keeps the password of its server (ACCGRAPH_NEO4J_HOME/password)."""
    home = os.environ.get("ACCGRAPH_NEO4J_HOME") or os.path.join(os.path.expanduser("~"), ".cache", "accgraph", "neo4j")
    return Path(home) / "password"


def local_password() -> str | None:
    try:
        lines = local_password_file().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return lines[0].strip() or None if lines else None


def neo4j_settings(uri: str | None = None) -> dict:
    """Connection settings from arguments and the NEO4J_* environment variables.

    A user and password inside the URI are taken out of it and used as the credentials.
    Without a password, a server on this machine gets the one ``scripts/neo4j`` generated.
    """
    uri = uri or os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687"
    user = os.environ.get("NEO4J_USERNAME") or "neo4j"
    password = os.environ.get("NEO4J_PASSWORD") or None
    try:
        parts = urlsplit(uri)
        host = parts.hostname
    except ValueError as exc:
        raise BackendError(f"invalid Neo4j URI {redact(uri)!r}: {exc}") from None
    if "@" in parts.netloc:
        userinfo, _, hostport = parts.netloc.rpartition("@")
        name, colon, secret = userinfo.partition(":")
        user = unquote(name) or user
        if colon:
            password = unquote(secret)
        uri = urlunsplit(parts._replace(netloc=hostport))
    if parts.scheme.lower() not in BOLT_SCHEMES:
        raise BackendError(f"invalid Neo4j URI {redact(uri)!r}: the scheme must be one of "
                           f"{', '.join(s + '://' for s in BOLT_SCHEMES)} (Bolt, e.g. bolt://127.0.0.1:7687)")
    if password is None and host in LOCAL_HOSTS:
        password = local_password()
    return {
        "uri": uri,
        "user": user,
        "password": password,
        "database": os.environ.get("NEO4J_DATABASE") or None,
    }


logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


class Neo4jBackend(Backend):
    """A Neo4j 5 server. The driver may be passed in (tests, applications)."""

    name = "neo4j"

    def __init__(self, uri: str | None = None, driver=None, database: str | None = None):
        import neo4j

        self._neo4j = neo4j
        cfg = neo4j_settings(uri)
        self.uri = cfg["uri"]
        self.database = database or cfg["database"]
        self._own_driver = driver is None
        if driver is None:
            auth = (cfg["user"], cfg["password"]) if cfg["password"] else None
            try:
                # Server notifications (e.g. "property key does not exist" on an
                # empty database) are for query authors, not for users.
                driver = neo4j.GraphDatabase.driver(self.uri, auth=auth, notifications_min_severity="OFF")
            except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
                raise BackendError(redact(f"invalid Neo4j URI {self.uri!r}: {exc}", cfg["password"])) from None
        self.driver = driver
        try:
            self.driver.verify_connectivity()
        except neo4j.exceptions.AuthError as exc:
            self.close()
            hint = (f"; set NEO4J_USERNAME and NEO4J_PASSWORD (scripts/neo4j keeps its password in "
                    f"{local_password_file()})")
            raise BackendError(redact(f"Neo4j at {self.uri} refused the credentials of user {cfg['user']!r}"
                                      f"{'' if cfg['password'] else ' (no password given)'}: {(exc.message or '').rstrip('.')}{hint}",
                                      cfg["password"])) from None
        except Exception as exc:  # driver raises several types for this
            self.close()
            raise BackendError(redact(f"cannot connect to Neo4j at {self.uri}: {exc.__class__.__name__}: {exc}",
                                      cfg["password"])) from None

    def close(self) -> None:
        if self._own_driver and getattr(self, "driver", None) is not None:
            self.driver.close()
            self.driver = None

    def read_columns(self, cypher: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
        """Run in a READ transaction: the server refuses any write, even on a single instance."""

        def work(tx):
            result = tx.run(cypher, params or {})
            keys = list(result.keys())
            return keys, [{k: _neo_value(r[k]) for k in keys} for r in result]

        try:
            with self.driver.session(database=self.database,
                                     default_access_mode=self._neo4j.READ_ACCESS) as session:
                return session.execute_read(work)
        except self._neo4j.exceptions.Neo4jError as exc:
            raise BackendError(f"query failed on Neo4j: {exc.message}") from None

    def _write(self, cypher: str, params: dict | None = None) -> None:
        self.driver.execute_query(cypher, params or {}, database_=self.database)

    def ensure_schema(self, wait: int = 300) -> None:
        for stmt in ddl.neo4j_schema():
            self._write(stmt)
        self._write("CALL db.awaitIndexes($wait)", {"wait": wait})

    def meta(self) -> dict | None:
        rows = self.read(f"MATCH (m:{S.META_LABEL}) RETURN m LIMIT 1")
        return rows[0]["m"] if rows else None

    def is_empty(self) -> bool:
        return not self.read("MATCH (n) RETURN n.id AS id LIMIT 1")

    def incomplete(self) -> dict | None:
        """The bookkeeping record when a load in batches has not finished, else None."""
        meta = self.meta()
        if meta is not None and meta.get("state") not in (None, "complete"):
            return meta
        return None

    def check_complete(self) -> None:
        """Refuse, in one line, a database whose last load did not finish."""
        meta = self.incomplete()
        if meta is not None:
            raise BackendError(INCOMPLETE_MESSAGE.format(since=meta.get("loaded_at", "?")))

    def checked_complete(self) -> "Neo4jBackend":
        """This backend, after :meth:`check_complete` (closed when it refuses)."""
        try:
            self.check_complete()
        except BackendError:
            self.close()
            raise
        return self

    def node_count(self) -> int:
        """Every node in the database, the bookkeeping ones included (read from the count store)."""
        return self.read("MATCH (n) RETURN count(n) AS n")[0]["n"]

    def has_records(self) -> bool:
        """True when the database holds anything besides the bookkeeping record."""
        return bool(self.read(f"MATCH (n) WHERE NOT n:{S.META_LABEL} RETURN 1 AS x LIMIT 1"))

    def write_batches(self, statements, replace=False, progress=None, meta=None, origin: str = "",
                      tx_rows: int | None = None) -> None:
        """Write in many transactions, with the database marked ``loading`` until the end.

        The constraints exist before the first row (so every edge finds its ends
        through an index); consecutive statements share a transaction until it
        holds ``tx_rows`` rows.  The last transaction also marks the database
        ``complete``.  Readers refuse a database marked ``loading`` (see
        :meth:`check_complete`), so a load that dies halfway leaves a graph that
        every command refuses, never a silent half graph; ``accgraph load
        --replace`` recovers it.
        """
        from accgraph.loader.rows import NEO4J_TX_ROWS

        tx_rows = tx_rows or NEO4J_TX_ROWS
        since = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self._write(NEO4J_LOADING_CYPHER, {"origin": origin, "since": since})
        with self.driver.session(database=self.database) as session:
            if replace:
                # Nobody reads a database marked loading: the old records are
                # deleted without indexes to update, the constraints come back
                # on the empty database (so every edge finds its ends through
                # them), and the other indexes are built once, at the end.
                for name, constraint in self._schema_names():
                    self._write(f"DROP {'CONSTRAINT' if constraint else 'INDEX'} `{name}` IF EXISTS")
                self._wipe(session)
                for stmt in ddl.neo4j_schema():
                    if stmt.startswith("CREATE CONSTRAINT"):
                        self._write(stmt)
            else:
                self.ensure_schema()
            tx, held = None, 0
            try:
                for st in statements:
                    if tx is None:
                        tx, held = session.begin_transaction(), 0
                    tx.run(st.cypher, rows=st.rows).consume()
                    held += len(st.rows)
                    if progress:
                        progress(st)
                    if held >= tx_rows:
                        tx.commit()
                        tx = None
                if tx is not None:
                    tx.commit()
                    tx = None
            except BaseException:
                if tx is not None and tx.closed() is False:
                    tx.rollback()
                raise
        self.ensure_schema(wait=INDEX_WAIT_SECONDS)
        if meta is not None:
            self._write(NEO4J_META_CYPHER, {"m": meta})

    def _schema_names(self) -> list[tuple[str, bool]]:
        """accgraph's constraints and indexes: (name, True for a constraint)."""
        rows = self.read("SHOW INDEXES YIELD name, owningConstraint RETURN name, owningConstraint")
        return [(r["owningConstraint"] or r["name"], r["owningConstraint"] is not None) for r in rows
                if (r["owningConstraint"] or r["name"]).startswith("accgraph_")]

    def _wipe(self, session) -> None:
        """Delete every record (not the bookkeeping one), in transactions of bounded size."""
        session.run("MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 50000 ROWS").consume()
        session.run(
            f"MATCH (n) WHERE NOT n:{S.META_LABEL} "
            "CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 50000 ROWS"
        ).consume()

    def write_all(self, statements, replace=False, progress=None, meta=None) -> None:
        self.ensure_schema()
        with self.driver.session(database=self.database) as session:
            tx = session.begin_transaction()
            try:
                if replace:
                    tx.run("MATCH (n) DETACH DELETE n").consume()
                for st in statements:
                    tx.run(st.cypher, rows=st.rows).consume()
                    if progress:
                        progress(st)
                if meta is not None:
                    tx.run(NEO4J_META_CYPHER, m=meta).consume()
                tx.commit()
            except BaseException:
                if tx.closed() is False:
                    tx.rollback()
                raise
