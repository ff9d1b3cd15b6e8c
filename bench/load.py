"""Load throughput on a synthetic graph that follows the schema.

For each size it generates N nodes with about 3 edges per node (endpoint types
always allowed by the schema), loads them through the real loader path
(batched ``UNWIND $rows`` in one transaction) into each backend, and, in the
same run, a per-row ``MERGE`` baseline over a sample of the same rows.

    python bench/load.py --sizes 10000,100000 --backends embedded,neo4j

Neo4j is the server named by NEO4J_URI (default bolt://127.0.0.1:7687); the
benchmark wipes it (--replace semantics), so do not point it at real data.
This is a benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from accgraph import schema as S
from accgraph.loader import rows as R
from accgraph.loader.backends import EmbeddedBackend, Neo4jBackend

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import EDGE_MIX, NODE_MIX  # noqa: E402  (the same synthetic mix as the scale bench)


def synthetic(n: int, seed: int = 7) -> tuple[dict, dict]:
    rnd = random.Random(seed)
    ids: dict[str, list[str]] = {}
    nodes: dict[str, list[dict]] = {}
    kinds, weights = list(NODE_MIX), list(NODE_MIX.values())
    cite = '[{"source": "doc-synthetic", "at": "row"}]'
    for i in range(n):
        kind = rnd.choices(kinds, weights)[0]
        row = {p.name: None for p in S.stored_node_columns(kind)}
        row.update(id=f"{kind.lower()}-{i}", name=f"{kind} {i}", kind=kind, citations=cite,
                   source_ids=["doc-synthetic"])
        if kind == "Allegation":
            row["status"] = "alleged"
        if kind == "Claim":
            row["text"] = f"claim {i}"
        if kind == "Topic":
            row["question"] = f"question {i}"
        nodes.setdefault(kind, []).append(row)
        ids.setdefault(kind, []).append(row["id"])
    edges: dict[tuple, list[dict]] = {}
    for j in range(3 * n):
        etype, a, b = rnd.choice(EDGE_MIX)
        assert S.EDGES[etype].allows(a, b)
        if not ids.get(a) or not ids.get(b):
            continue
        src, dst = rnd.choice(ids[a]), rnd.choice(ids[b])
        row = {p.name: None for p in S.stored_edge_columns(etype)}
        row.update(id=f"e{j}", src=src, dst=dst, kind=etype, citations=cite, source_ids=["doc-synthetic"])
        edges.setdefault((etype, a, b), []).append(row)
    return nodes, edges


def per_row(stmts: list[R.Statement], sample: int) -> list[R.Statement]:
    """The same rows as one statement per row (the naive baseline)."""
    out: list[R.Statement] = []
    for st in stmts:
        for row in st.rows:
            if len(out) >= sample:
                return out
            out.append(R.Statement(st.cypher, [row], st.label, st.typed_cypher))
    return out


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bench_embedded(stmts, baseline):
    tmp = Path(tempfile.mkdtemp(prefix="accgraph-bench-"))
    try:
        with EmbeddedBackend(tmp / "a.lbdb") as be:
            batched = timed(lambda: be.write_all(stmts))
        with EmbeddedBackend(tmp / "b.lbdb") as be:
            naive = timed(lambda: be.write_all(baseline))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return batched, naive


def bench_neo4j(stmts, baseline):
    with Neo4jBackend() as be:
        be.write_all([], replace=True)
        batched = timed(lambda: be.write_all(stmts))
        be.write_all([], replace=True)
        naive = timed(lambda: be.write_all(baseline))
        be.write_all([], replace=True)
    return batched, naive


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated node counts")
    ap.add_argument("--backends", default="embedded,neo4j")
    ap.add_argument("--batch-size", type=int, default=R.BATCH_SIZE)
    ap.add_argument("--baseline-rows", type=int, default=2000, help="rows in the per-row MERGE sample")
    args = ap.parse_args(argv)
    print(f"{'backend':<9} {'nodes':>8} {'rows':>9} {'batched s':>10} {'rows/s':>10} "
          f"{'per-row rows/s':>15} {'speed-up':>9}")
    for n in [int(s) for s in args.sizes.split(",")]:
        nodes, edges = synthetic(n)
        stmts = list(R.statements(nodes, edges, args.batch_size))
        total = R.count_rows(nodes, edges)
        baseline = per_row(stmts, args.baseline_rows)
        for backend in args.backends.split(","):
            fn = {"embedded": bench_embedded, "neo4j": bench_neo4j}[backend]
            batched, naive = fn(stmts, baseline)
            rate, naive_rate = total / batched, len(baseline) / naive
            print(f"{backend:<9} {n:>8} {total:>9} {batched:>10.2f} {rate:>10.0f} {naive_rate:>15.0f} "
                  f"{rate / naive_rate:>8.1f}x", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
