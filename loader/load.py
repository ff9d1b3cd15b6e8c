"""Load the seeds into a backend: validate first, then one all-or-nothing write."""

from __future__ import annotations

import hashlib
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
    ProgressFn,
    build_embedded,
    meta_record,
)
from accgraph.loader.validate import Dataset, read
from accgraph.seeds_path import default_seeds


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


def data_digest(ds: Dataset) -> str:
    """Seeds digest combined with the schema, so either change triggers a rebuild."""
    schema_src = Path(S.__file__).read_bytes()
    return hashlib.sha256(ds.digest.encode() + hashlib.sha256(schema_src).hexdigest().encode()).hexdigest()


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
) -> LoadResult:
    """Validate ``seeds`` and write them.

    For the embedded backend with ``replace`` (or a missing file) the database
    is built afresh beside ``embedded_path`` and moved into place; otherwise the
    rows are merged into ``backend`` in one transaction.
    """
    t0 = time.perf_counter()
    ds = read_valid(seeds)
    meta = meta_record(data_digest(ds), origin_of(seeds))
    node_rows, edge_rows = R.dataset_rows(ds)
    total = R.count_rows(node_rows, edge_rows)
    if on_start:
        on_start(total)
    stmts = R.statements(node_rows, edge_rows, batch_size)
    if backend is None:
        assert embedded_path is not None
        if embedded_path.exists():
            with EmbeddedBackend(embedded_path) as existing:
                if replace:
                    existing.check_wipe_allowed(force)
                elif existing.meta() is None and not existing.is_empty():
                    raise BackendError(
                        f"{embedded_path} was not written by accgraph; use --replace --force to overwrite it"
                    )
            if not replace:
                with EmbeddedBackend(embedded_path) as be:
                    be.write_all(stmts, progress=progress, meta=meta)
                    counts = be.counts()
                return LoadResult(counts["nodes"], counts["edges"], total, time.perf_counter() - t0)
        build_embedded(embedded_path, stmts, meta, progress)
        with EmbeddedBackend(embedded_path, read_only=True) as be:
            counts = be.counts()
    else:
        if replace:
            backend.check_wipe_allowed(force)
        backend.write_all(stmts, replace=replace, progress=progress, meta=meta)
        counts = backend.counts()
    return LoadResult(counts["nodes"], counts["edges"], total, time.perf_counter() - t0)


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
        ds = read_valid(seeds)
        if meta.get("digest") == data_digest(ds):
            return False
    load(None, seeds, replace=True, force=True, embedded_path=path)
    return True
