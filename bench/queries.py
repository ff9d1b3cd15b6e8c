"""Every canned query on a large graph and on the seeds alone, side by side, interleaved.

For each query case of ``bench/scale.py`` (the header's example parameters,
and no parameters when all are optional, plus ``search`` with a common and a
rare word) it runs the query on the baseline graph, then on the large one,
``--repeat`` times in turn, and keeps the best time of each.  Taking turns
query by query means a busy machine slows both sides alike, so the ratio holds
even when the seconds do not.  It prints the table of ``bench/scale.py``.

    # an embedded database file, against the packaged seeds built fresh
    python bench/queries.py --db big.lbdb
    # a Neo4j server holding the large graph, against another holding the seeds
    python bench/queries.py --neo4j bolt://127.0.0.1:7688 --baseline-neo4j bolt://127.0.0.1:7689

It reads both graphs and writes nothing to them; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402  (the query cases and the table)



def side_by_side(base, big, repeat: int) -> tuple[dict, dict]:
    """Figures for the baseline and the large graph, each query timed on both in turn."""
    figs = ({"queries": {}, "query_rows": {}}, {"queries": {}, "query_rows": {}})
    for (label, job0), (_, job1) in zip(scale.query_jobs(base), scale.query_jobs(big)):
        best = [None, None]
        for _ in range(repeat):
            for side, job in enumerate((job0, job1)):
                t0 = time.perf_counter()
                answer = job()
                dt = time.perf_counter() - t0
                best[side] = dt if best[side] is None else min(best[side], dt)
                figs[side]["query_rows"][label] = len(answer)
        for side in (0, 1):
            figs[side]["queries"][label] = round(best[side], 4)
    return figs


def main(argv=None) -> int:
    from accgraph.loader import load as L
    from accgraph.loader.backends import EmbeddedBackend, Neo4jBackend

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", type=Path, help="the large graph: an embedded database file")
    where.add_argument("--neo4j", help="the large graph: a Neo4j server (Bolt URI)")
    ap.add_argument("--baseline-db", type=Path, help="the baseline embedded database [default: the packaged "
                    "seeds, built in a temporary folder]")
    ap.add_argument("--baseline-neo4j", help="with --neo4j: the Neo4j server holding the baseline (required)")
    ap.add_argument("--nodes", type=int, default=0, help="synthetic nodes in the large graph, for the table's "
                    "heading")
    ap.add_argument("--repeat", type=int, default=scale.REPEAT, help="runs per query and side; the best is kept")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    if args.neo4j and not args.baseline_neo4j:
        ap.error("--neo4j needs --baseline-neo4j")
    with tempfile.TemporaryDirectory(prefix="accgraph-queries-") as tmp:
        if args.neo4j:
            backend = "neo4j"
            base, big = Neo4jBackend(args.baseline_neo4j), Neo4jBackend(args.neo4j)
        else:
            backend = "embedded"
            base_db = args.baseline_db
            if base_db is None:
                base_db = Path(tmp) / "seeds.lbdb"
                L.load(None, None, replace=True, force=True, embedded_path=base_db, count=False)
            base, big = EmbeddedBackend(base_db, read_only=True), EmbeddedBackend(args.db, read_only=True)
        with base, big:
            f0, f1 = side_by_side(base, big, args.repeat)
    nodes = args.nodes or 1
    results = [{"backend": backend, "nodes": 0, **f0}, {"backend": backend, "nodes": nodes, **f1}]
    print(scale.query_table(results, backend))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
