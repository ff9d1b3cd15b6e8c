"""Load the seeds into a backend: validate first, then write all or nothing.

How the write is done depends on the backend and the size:

* embedded (LadybugDB): the database is always built in a temporary folder
  beside the file and moved into place at the end (a merge load starts from a
  copy of the current file), so readers see the old complete graph until the
  swap.  A new database (the first use, or ``--replace``) gets its rows
  through Parquet files in the build folder and ``COPY FROM``
  (:mod:`accgraph.loader.bulk`): below :data:`COPY_MIN_ROWS` rows several
  ``COPY`` statements share a commit, from it on the rows stream to the
  files and each ``COPY`` commits alone.  A merge load (into an existing
  file) uses batched ``UNWIND ... MERGE`` statements.
  One load at a time per file: a lock file beside it says so.
* Neo4j: small loads run in one transaction; from :data:`NEO4J_BATCH_MIN_ROWS`
  rows on, in many transactions with the bookkeeping record marked
  ``loading`` until the last one, and every reading command refuses such a
  database (``Neo4jBackend.check_complete``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from accgraph import schema as S
from accgraph.loader import rows as R
from accgraph.loader.backends import (
    Backend,
    BackendError,
    EmbeddedBackend,
    Neo4jBackend,
    ProgressFn,
    build_embedded,
    clean_stale_builds,
    meta_record,
)
from accgraph.loader.validate import Dataset, collector_paused, input_digest, read
from accgraph.seeds_path import default_seeds


#: From this many rows on, a new embedded database is filled by streaming the
#: rows to Parquet, each COPY committing alone (bounded memory at any size).
COPY_MIN_ROWS = int(os.environ.get("ACCGRAPH_COPY_MIN_ROWS", "20000"))
#: COPY statements per transaction when a load below COPY_MIN_ROWS builds a new database.
COPY_COMMIT_EVERY = 32
#: From this many rows on, Neo4j loads in batches of transactions.
NEO4J_BATCH_MIN_ROWS = int(os.environ.get("ACCGRAPH_NEO4J_BATCH_MIN_ROWS", "50000"))


def lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def load_lock(path: Path, wait: float = 0.0):
    """Hold the load lock of the embedded database ``path`` (released on exit, or when the process dies)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise BackendError(f"another load is running into {path}; wait for it to finish") from None
                time.sleep(0.2)
        clean_stale_builds(path)
        yield
    finally:
        os.close(fd)


class InvalidSeeds(Exception):
    def __init__(self, ds: Dataset):
        self.dataset = ds
        super().__init__(f"{len(ds.issues)} validation error(s); nothing was loaded")


@dataclass
class LoadResult:
    nodes: dict[str, int] = field(default_factory=dict)
    edges: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    seconds: float = 0.0
    #: warnings of the validation that no record accepts (they do not block a load)
    warnings: int = 0


def data_digest(ds: Dataset) -> str:
    """Seeds digest combined with the schema, so either change triggers a rebuild."""
    return _with_schema(ds.digest)


def _with_schema(seeds_digest: str) -> str:
    schema_src = Path(S.__file__).read_bytes()
    return hashlib.sha256(seeds_digest.encode() + hashlib.sha256(schema_src).hexdigest().encode()).hexdigest()


def origin_of(seeds: str | Path | None) -> str:
    """How the bookkeeping record names where the data came from."""
    return "packaged" if seeds is None else str(Path(seeds).resolve())


def read_valid(seeds: str | Path | None = None) -> Dataset:
    ds = read(seeds or default_seeds())
    if ds.issues:
        raise InvalidSeeds(ds)
    return ds


def load(
    backend: Backend | None,
    seeds: str | Path | None = None,
    *,
    replace: bool = False,
    force: bool = False,
    embedded_path: Path | None = None,
    progress: ProgressFn | None = None,
    on_start: Callable[[int], None] | None = None,
    batch_size: int = R.BATCH_SIZE,
    lock_wait: float = 0.0,
    count: bool = True,
) -> LoadResult:
    """Validate ``seeds`` and write them.

    For the embedded backend (``backend`` None) the database is built beside
    ``embedded_path`` and moved into place (see the module's notes); for a
    server the rows are written in one transaction, or in batches with the
    ``loading`` mark when there are many.  With ``count`` False an embedded
    load does not read the new database back for its counts.
    """
    t0 = time.perf_counter()
    ds = read_valid(seeds)
    warnings = len(ds.warnings)
    meta = meta_record(data_digest(ds), origin_of(seeds))
    if (backend is None and len(ds.nodes) + len(ds.edges) >= COPY_MIN_ROWS
            and (replace or not Path(embedded_path).exists())):
        # Many records: their rows stream to Parquet and the records go as their rows are made.
        assert embedded_path is not None
        spent = [ds]
        del ds
        with load_lock(embedded_path, wait=lock_wait):
            counts, total = _stream_embedded(embedded_path, spent, meta, replace, force, progress, on_start,
                                             batch_size, count)
        return LoadResult(counts.get("nodes", {}), counts.get("edges", {}), total, time.perf_counter() - t0,
                          warnings)
    if (isinstance(backend, Neo4jBackend) and len(ds.nodes) + len(ds.edges) >= NEO4J_BATCH_MIN_ROWS
            and (replace or not backend.has_records())):
        # Many records into an empty (or emptied) database: rows are made as the writes go.
        spent = [ds]
        del ds
        total = _stream_neo4j(backend, spent, meta, replace, force, progress, on_start, batch_size)
        counts = backend.counts()
        return LoadResult(counts.get("nodes", {}), counts.get("edges", {}), total, time.perf_counter() - t0,
                          warnings)
    node_rows, edge_rows = R.dataset_rows(ds)
    total = R.count_rows(node_rows, edge_rows)
    if on_start:
        on_start(R.count_record_rows(node_rows, edge_rows))
    if backend is None:
        assert embedded_path is not None
        with load_lock(embedded_path, wait=lock_wait):
            counts = _load_embedded(embedded_path, node_rows, edge_rows, total, meta, replace, force, progress,
                                    batch_size, count)
    else:
        if isinstance(backend, Neo4jBackend):
            _check_neo4j_target(backend, replace, force)
        elif replace:
            backend.check_wipe_allowed(force)
        if isinstance(backend, Neo4jBackend):
            # Into an empty database (or one --replace empties) the rows are created, not merged.
            make = R.create_statements if replace or not backend.has_records() else R.statements
            # A replace that would delete a large graph in one transaction (beyond a server's memory) deletes
            # it in bounded ones instead, the database marked loading meanwhile, as a large load does.
            if total >= NEO4J_BATCH_MIN_ROWS or (replace and backend.node_count() >= NEO4J_BATCH_MIN_ROWS):
                stmts = make(node_rows, edge_rows, max(batch_size, R.NEO4J_BULK_BATCH))
                backend.write_batches(stmts, replace=replace, progress=progress, meta=meta, origin=meta["origin"])
            else:
                backend.write_all(make(node_rows, edge_rows, batch_size), replace=replace, progress=progress,
                                  meta=meta)
        else:
            backend.write_all(R.statements(node_rows, edge_rows, batch_size), replace=replace, progress=progress,
                              meta=meta)
        counts = backend.counts()
    return LoadResult(counts.get("nodes", {}), counts.get("edges", {}), total, time.perf_counter() - t0, warnings)


def _check_neo4j_target(backend: Neo4jBackend, replace: bool, force: bool) -> None:
    """Refuse a load over an unfinished one unless it replaces it, and a replace of records accgraph did
    not write unless forced (an unfinished load may be replaced without --force)."""
    incomplete = backend.incomplete()
    if incomplete is not None and not replace:
        raise BackendError("a previous load into this Neo4j database did not finish; "
                           "run accgraph load --backend neo4j --replace")
    if replace and incomplete is None:
        backend.check_wipe_allowed(force)


def _stream_neo4j(backend: Neo4jBackend, spent: list, meta: dict, replace: bool, force: bool, progress,
                  on_start, batch_size: int) -> int:
    """Create the dataset in ``spent`` (which this empties) in an empty Neo4j database, in batches.

    The statements are made in a second thread while the server runs the ones
    before them (:func:`prefetched`), and each edge record is dropped once its
    row is made, so the rows are never all in memory.  Returns the number of rows.
    """
    _check_neo4j_target(backend, replace, force)
    ds = spent[0]
    if on_start:
        on_start(len(ds.nodes) + len(ds.edges))
    counts: dict = {}
    stmts = R.create_stream(spent.pop(), max(batch_size, R.NEO4J_BULK_BATCH), release=True, counts=counts)
    del ds
    backend.write_batches(prefetched(stmts), replace=replace, progress=progress, meta=meta, origin=meta["origin"])
    return counts["rows"]


def prefetched(items, depth: int = 2):
    """The items of the iterator ``items``, made in a background thread up to ``depth`` ahead.

    The consumer's waits (a server at work) and the producer's Python work
    overlap.  An error on the producer's side is raised to the consumer; a
    consumer that stops early stops the producer.
    """
    import queue
    import threading

    ready: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()
    failed: list[BaseException] = []

    def offer(item) -> bool:
        """Queue ``item`` unless the consumer has stopped; False when it has."""
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not offer(item):
                    return
        except BaseException as exc:  # handed to the consumer
            failed.append(exc)
        finally:
            offer(done)

    worker = threading.Thread(target=produce, name="accgraph-rows", daemon=True)
    worker.start()
    try:
        while True:
            item = ready.get()
            if item is done:
                break
            yield item
        if failed:
            raise failed[0]
    finally:
        stop.set()
        worker.join()


def _check_existing(path: Path, replace: bool, force: bool) -> Path | None:
    """Refuse to overwrite what accgraph did not write; the database a merge load starts from, if any."""
    if not path.exists():
        return None
    try:
        with EmbeddedBackend(path) as existing:
            if replace:
                existing.check_wipe_allowed(force)
            elif existing.meta() is None and not existing.is_empty():
                raise BackendError(f"{path} was not written by accgraph; use --replace --force to overwrite it")
    except BackendError as exc:
        # --replace always recovers a database that cannot be opened any more.
        if not (replace and str(exc).startswith(("cannot open", "disk full"))):
            raise
    return None if replace else path


@collector_paused()
def _stream_embedded(path: Path, spent: list, meta: dict, replace: bool, force: bool, progress,
                     on_start, batch_size: int, count: bool = True) -> tuple[dict, int]:
    """Load the dataset in ``spent`` (which this empties) through Parquet files and ``COPY``.

    The rows are written to Parquet as they are made, each edge record is
    dropped once its row is written, and the whole dataset is let go before
    ``COPY`` starts, so the records, the rows and the database never all sit
    in memory at once.  A merge load (no ``--replace`` into an existing file)
    goes through batched statements as before.
    """
    start_from = _check_existing(path, replace, force)
    if start_from is not None:
        ds = spent.pop()
        node_rows, edge_rows = R.dataset_rows(ds)
        del ds
        total = R.count_rows(node_rows, edge_rows)
        if on_start:
            on_start(R.count_record_rows(node_rows, edge_rows))
        R.add_term_rows(node_rows, edge_rows)
        build_embedded(path, R.statements(node_rows, edge_rows, batch_size), meta, progress, start_from=start_from)
    else:
        total = _stream_new(path, spent, meta, progress, on_start)
    if not count:
        return {}, total
    with EmbeddedBackend(path, read_only=True) as be:
        return be.counts(), total


def _stream_new(path: Path, spent: list, meta: dict, progress, on_start) -> int:
    """Write the rows of the dataset in ``spent`` to Parquet as they are made and COPY them into a new
    database; the number of rows (the word index apart).

    The node pass comes first (node rows and the derived index rows); its files
    are copied in a second thread while this one makes the edge rows (LadybugDB
    lets Python run while it copies).  The edge rows come one relationship
    group at a time, and each group's file is copied while the next is made.
    """
    from accgraph.loader import bulk

    total = 0

    def fill(be: EmbeddedBackend, folder: Path) -> None:
        nonlocal total
        sink = bulk.ParquetSink(folder / "parquet")
        ds = spent.pop()
        if on_start:
            on_start(len(ds.nodes) + len(ds.edges))
        with _copying(be, meta, progress) as send:
            for group, row in R.node_pass(ds, terms=True):
                if not (group == S.TERM_LABEL or (type(group) is tuple and group[0] == S.TERM_REL)):
                    total += 1  # the word index is not counted, as in the batched path
                sink.add_row(group, row)
            send(sink.close_open().items())
            # Edge rows group by group: each group's file is copied while the next one is made.
            for group, rows in R.edge_groups(ds, release=True):
                for row in rows:
                    total += 1
                    sink.add_row(group, row)
                send(sink.close_open([group]).items())
            del ds

    build_embedded(path, None, meta, progress, fill=fill)
    return total


@contextlib.contextmanager
def _copying(be: EmbeddedBackend, meta: dict, progress, commit_every: int | None = None):
    """A second thread that ``COPY``s files into ``be`` while this one writes more.

    Yields ``send(pairs)``, which queues ``(group, file)`` pairs (node tables
    before the relationships that need them); they are copied in that order
    (see :meth:`EmbeddedBackend.copy_files`), and ``meta`` is written after the
    last.  Leaving the block waits for the copies; a failure on either side
    ends the load with that error, and the copies still queued are dropped.
    """
    import queue
    import threading

    ready: queue.Queue = queue.Queue()
    failed: list[BaseException] = []
    abandoned = threading.Event()

    def pairs():
        while True:
            item = ready.get()
            if item is None or abandoned.is_set():
                return
            yield item

    def copy() -> None:
        try:
            be.copy_files(pairs(), meta=meta, progress=progress, commit_every=commit_every)
        except BaseException as exc:  # handed to the writing thread
            failed.append(exc)
            while ready.get() is not None:  # let the writer finish
                pass

    def send(items) -> None:
        if failed:
            raise failed[0]
        for item in items:
            ready.put(item)

    worker = threading.Thread(target=copy, name="accgraph-copy", daemon=True)
    worker.start()
    try:
        yield send
    except BaseException:
        abandoned.set()
        raise
    finally:
        ready.put(None)
        worker.join()
    if failed:
        raise failed[0]


def _load_embedded(path: Path, node_rows, edge_rows, total: int, meta: dict, replace: bool, force: bool,
                   progress, batch_size: int, count: bool = True) -> dict:
    start_from = _check_existing(path, replace, force)
    if start_from is not None or total >= COPY_MIN_ROWS:
        R.add_term_rows(node_rows, edge_rows)  # (a small new database adds them while it copies)
    if start_from is None:
        # A new database: every table is empty, so COPY fills it.  A small
        # load writes its files while the database copies them, a few dozen
        # COPY statements to a commit; a large one commits table by table.
        from accgraph.loader import bulk

        def fill(be: EmbeddedBackend, folder: Path) -> None:
            if total < COPY_MIN_ROWS:
                _copy_while_writing(be, folder / "parquet", node_rows, edge_rows, meta, progress)
                return
            sink = bulk.ParquetSink(folder / "parquet")
            for label, rows in node_rows.items():
                sink.add(label, rows)
            for group, rows in edge_rows.items():
                sink.add(group, rows)
            be.copy_files(sink.close(), meta=meta, progress=progress)

        # A small build writes its files on one core while the database copies
        # on the other; more database threads would only compete with the writer.
        build_embedded(path, None, meta, progress, fill=fill, threads=1 if total < COPY_MIN_ROWS else 0)
    else:
        stmts = R.statements(node_rows, edge_rows, batch_size)
        build_embedded(path, stmts, meta, progress, start_from=start_from)
    if not count:
        return {}
    with EmbeddedBackend(path, read_only=True) as be:
        return be.counts()


def _copy_while_writing(be: EmbeddedBackend, folder: Path, node_rows: dict, edge_rows: dict, meta: dict,
                        progress) -> None:
    """Write one Parquet file per table while the database copies the files already written.

    LadybugDB lets the interpreter run while it works, so on two cores the
    writing and the ``COPY`` statements overlap.  The files are copied in the
    order they are written (node tables first), :data:`COPY_COMMIT_EVERY` to a
    commit; a failure on either side ends the load with that error.
    """
    from accgraph.loader import bulk

    written: set = set()
    with _copying(be, meta, progress, COPY_COMMIT_EVERY) as send:

        def write(groups: dict) -> None:
            for group, rows in list(groups.items()):
                if group not in written:
                    sink = bulk.ParquetSink(folder)
                    sink.add(group, rows)
                    send([(group, sink.close()[group])])
                    written.add(group)

        write(node_rows)
        write(edge_rows)
        R.add_term_rows(node_rows, edge_rows)  # the word index, made while the tables above are copied
        write(node_rows)
        write(edge_rows)


def ensure_embedded(path: Path, seeds: str | Path | None = None) -> bool:
    """Build the embedded database from the packaged seeds if missing or stale.

    Only a database that accgraph built from the same seeds (by default the
    packaged ones) is rebuilt automatically; one loaded from other seeds, or
    written by something else, is left alone.
    Returns True when it (re)built.
    """
    if path.exists():
        with EmbeddedBackend(path, read_only=True) as be:
            meta = be.meta()
        if meta is None or meta.get("origin") != origin_of(seeds):
            return False
        if meta.get("digest") == _with_schema(input_digest(seeds or default_seeds())):
            return False
    load(None, seeds, replace=True, force=True, embedded_path=path, lock_wait=120.0, count=False)
    return True
