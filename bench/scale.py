"""Scale benchmark: the seeds plus N synthetic nodes, loaded and queried.

For each size it writes the packaged seeds plus N synthetic nodes (about 3
edges each, endpoint types the schema allows, every record cited) as YAML seed
files, then prints in one run:

* ``accgraph load`` time (a subprocess, as a user runs it) and its peak memory;
* the bulk floor: a bare libyaml parse of the same files plus ``COPY FROM``
  Parquet of the same rows into a fresh database;
* a per-row ``MERGE`` baseline (one statement per row) on a sample, scaled to
  the whole row count;
* every canned query's time at that size (the best of three runs, in-process), with the header's example
  parameters and, for a query whose parameters are all optional, also without them; and
  ``accgraph search`` with a word common in the seeds and a rare one;
* at the end, one table per backend: each query's time on the packaged seeds alone (measured in the
  same run) next to its time at each size, the ratio at the largest size, and whether the answer grew;
* at the first size, the first ``accgraph query`` on a fresh install (it builds
  the embedded database from the packaged seeds).

    python bench/scale.py                         # 10k, 100k and 1M synthetic nodes
    python bench/scale.py --sizes 10000 --neo4j   # also load into Neo4j (NEO4J_URI; it is wiped)

It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from accgraph import queries as Q
from accgraph import schema as S
from accgraph.seeds_path import default_seeds

#: Synthetic claims are about synthetic topics (one per 1,000 nodes, about 375 links each), so a seed
#: topic's claims stay the seeds' own, as a selective query on a real corpus expects.
NODE_MIX = {"Person": 0.45, "Unit": 0.15, "Organisation": 0.1, "Allegation": 0.1, "Claim": 0.1,
            "PersonnelCategory": 0.05, "Post": 0.05, "Topic": 0.001}
EDGE_MIX = [("MEMBER_OF", "Person", "Unit"), ("MEMBER_OF", "Person", "Organisation"),
            ("PART_OF", "Unit", "Organisation"), ("IN_CATEGORY", "Person", "PersonnelCategory"),
            ("AGAINST", "Allegation", "Person"), ("REPORTS_TO", "Unit", "Post"), ("HOLDS_POST", "Person", "Post"),
            ("ABOUT", "Claim", "Topic")]
SOURCE = "doc-amnesty-2004"
FILE_NODES = 5000  # synthetic nodes per YAML file


def synthetic(n: int, seed: int = 7):
    """``(nodes, edges)``: N synthetic node records and about 3N edge records, as YAML records."""
    nodes, edges = [], []
    for section, rec in synthetic_records(n, seed):
        (nodes if section == "nodes" else edges).append(rec)
    return nodes, edges


def synthetic_records(n: int, seed: int = 7):
    """``(section, record)`` pairs of :func:`synthetic`, one at a time: every node, then every edge."""
    rnd = random.Random(seed)
    kinds, weights = list(NODE_MIX), list(NODE_MIX.values())
    def cite():
        return [{"source": SOURCE, "at": "synthetic"}]
    ids: dict[str, list[str]] = {}
    for i in range(n):
        kind = rnd.choices(kinds, weights)[0]
        rec = {"id": f"syn-{kind.lower()}-{i}", "type": kind, "name": f"Synthetic {kind} {i}", "cite": cite()}
        if kind == "Allegation":
            rec["status"] = "alleged"
        if kind == "Claim":
            rec["text"] = f"synthetic claim {i}"
        if kind == "Topic":
            rec["question"] = f"synthetic question {i}"
        yield "nodes", rec
        ids.setdefault(kind, []).append(rec["id"])
    for j in range(3 * n):
        etype, a, b = rnd.choice(EDGE_MIX)
        assert S.EDGES[etype].allows(a, b)
        if not ids.get(a) or not ids.get(b):
            continue
        yield "edges", {"type": etype, "from": rnd.choice(ids[a]), "to": rnd.choice(ids[b]),
                        "id": f"syn-e{j}", "cite": cite()}


def write_seeds(folder: Path, n: int) -> Path:
    """The packaged seeds plus N synthetic nodes, as YAML under ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(default_seeds(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    nodes, edges = synthetic(n)
    out = folder / "synthetic"
    out.mkdir()
    per_file = max(1, FILE_NODES)
    for k in range(0, max(len(nodes), 1), per_file):
        part = {"nodes": nodes[k:k + per_file], "edges": edges[3 * k:3 * (k + per_file)]}
        if part["nodes"] or part["edges"]:
            with open(out / f"part-{k // per_file:04d}.yaml", "w", encoding="utf-8") as f:
                yaml.dump(part, f, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                          allow_unicode=True, width=1000)
    return folder


BULK_FILE_RECORDS = 200_000  # synthetic records per bulk file
CSV_NODE_HEADER = ["id:ID", ":LABEL", "name", "status", "text", "question", "cite"]
CSV_EDGE_HEADER = [":START_ID", ":END_ID", ":TYPE", "id", "cite"]


def write_bulk_seeds(folder: Path, n: int, fmt: str) -> Path:
    """The packaged seeds (YAML) plus N synthetic nodes as bulk files (``ndjson`` or neo4j-admin ``csv``)."""
    import csv

    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(default_seeds(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    out = folder / "synthetic"
    out.mkdir()
    fh = writer = None
    current, count, part = None, 0, 0
    try:
        for section, rec in synthetic_records(n):
            if section != current or count >= BULK_FILE_RECORDS:
                if fh is not None:
                    fh.close()
                part = part + 1 if section == current else 0
                current, count = section, 0
                fh = open(out / f"{section}-{part:04d}.{fmt}", "w", encoding="utf-8", newline="")
                if fmt == "csv":
                    writer = csv.writer(fh)
                    writer.writerow(CSV_NODE_HEADER if section == "nodes" else CSV_EDGE_HEADER)
            count += 1
            if fmt == "ndjson":
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            elif section == "nodes":
                writer.writerow([rec["id"], rec["type"], rec["name"], rec.get("status", ""), rec.get("text", ""),
                                 rec.get("question", ""), json.dumps(rec["cite"])])
            else:
                writer.writerow([rec["from"], rec["to"], rec["type"], rec["id"], json.dumps(rec["cite"])])
    finally:
        if fh is not None:
            fh.close()
    return folder


def bulk_parse_seconds(seeds: Path) -> float:
    """A bare parse of the seed folder: libyaml for the YAML, ``json.loads`` per NDJSON line, the csv reader."""
    import csv

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    t0 = time.perf_counter()
    for f in sorted(seeds.rglob("*")):
        if f.suffix == ".yaml":
            with open(f, encoding="utf-8") as fh:
                yaml.load(fh, Loader=loader)
        elif f.suffix == ".ndjson":
            with open(f, "rb") as fh:
                for line in fh:
                    json.loads(line)
        elif f.suffix == ".csv":
            with open(f, encoding="utf-8", newline="") as fh:
                for _ in csv.reader(fh):
                    pass
    return time.perf_counter() - t0


def run(cmd: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall time, peak memory (MiB) and output of a subprocess."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    dt = time.perf_counter() - t0
    out = proc.stdout.read() + proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{out[-2000:]}")
    return dt, usage.ru_maxrss / 1024, out


def floor(seeds: Path, work: Path) -> tuple[float, float, int]:
    """libyaml parse time of the seed files, and COPY time of the same rows into a fresh database."""
    from accgraph.loader import bulk, load as L, rows as R
    from accgraph.loader.backends import EmbeddedBackend

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    t0 = time.perf_counter()
    for f in sorted(seeds.rglob("*.yaml")):
        with open(f, encoding="utf-8") as fh:
            yaml.load(fh, Loader=loader)
    parse = time.perf_counter() - t0
    copy, total = copy_floor(seeds, work)
    return parse, copy, total


def bulk_floor(seeds: Path, work: Path) -> tuple[float, float, int]:
    """The floor of a folder with bulk files: their bare parse, and COPY of the same rows."""
    parse = bulk_parse_seconds(seeds)
    copy, total = copy_floor(seeds, work, terms=True)
    return parse, copy, total


def copy_floor(seeds: Path, work: Path, terms: bool = False) -> tuple[float, int]:
    """COPY time of the seeds' rows (written to Parquet first, untimed) into a fresh database.

    With ``terms`` the rows include the word index (``SearchTerm``, ``TERM_OF``), as the embedded load
    writes them.  The rows stream to Parquet, so a large set does not need them all in memory.
    """
    from accgraph.loader import bulk, load as L, rows as R
    from accgraph.loader.backends import EmbeddedBackend

    sink = bulk.ParquetSink(work / "parquet")
    total = 0
    spent = [L.read_valid(seeds)]
    for group, row in R.stream_rows(spent.pop(), terms=terms, release=True):
        sink.add_row(group, row)
        total += 1
    files = sink.close()
    with EmbeddedBackend(work / "floor.lbdb") as be:
        be.ensure_schema()
        t0 = time.perf_counter()
        be.copy_files(files)
        copy = time.perf_counter() - t0
    return copy, total


def admin_floor(seeds: Path, work: Path) -> float:
    """Wall time of ``scripts/neo4j import`` (neo4j-admin database import full) of the same rows, in a scratch home."""
    from accgraph.loader import admincsv, load as L, rows as R

    ds = L.read_valid(seeds)
    node_rows, edge_rows = R.dataset_rows(ds)
    meta = {"id": "accgraph", "digest": L.data_digest(ds)}
    del ds
    admincsv.write(node_rows, edge_rows, work / "admin-csv", meta)
    del node_rows, edge_rows
    script = str(Path(__file__).resolve().parents[1] / "scripts" / "neo4j")
    env = dict(os.environ, ACCGRAPH_NEO4J_HOME=str(work / "n4j-import"))
    subprocess.run([script, "fetch"], env=env, check=True, capture_output=True)
    t, _, _ = run([script, "import", str(work / "admin-csv")], env)
    return t


def per_row_rate(seeds: Path, work: Path, sample: int, neo4j: bool = False) -> float:
    """Rows per second when every row is its own MERGE statement (a sample of the rows)."""
    from accgraph.loader import load as L, rows as R
    from accgraph.loader.backends import EmbeddedBackend, Neo4jBackend

    ds = L.read_valid(seeds)
    stmts = list(itertools.islice(R.statements(*R.dataset_rows(ds), batch_size=1), sample))
    if neo4j:
        with Neo4jBackend() as be:
            be.write_all([], replace=True)
            t0 = time.perf_counter()
            for st in stmts:
                be._write(st.cypher, {"rows": st.rows})
            dt = time.perf_counter() - t0
    else:
        with EmbeddedBackend(work / "per-row.lbdb") as be:
            be.ensure_schema()
            t0 = time.perf_counter()
            for st in stmts:
                be._exec(st.for_ladybug(), {"rows": st.rows})
            dt = time.perf_counter() - t0
    return len(stmts) / dt


#: ``accgraph search`` timed with the queries: a word common in the seeds and a rare one (the synthetic
#: records hold neither, so both answers stay the same at every size).
SEARCHES = {"search (common word)": "trafficking", "search (rare word)": "bondsteel"}
#: Times per query; the best one is kept (the machine is shared, a single run varies).
REPEAT = 3


def query_cases() -> list[tuple[str, str, dict]]:
    """``(label, query, parameters)``: every canned query with its header's example parameters (labelled
    with the query's name) and, when all its parameters are optional, once more without any."""
    out = []
    for name, q in sorted(Q.catalogue().items()):
        out.append((name, name, {p.name: p.example for p in q.params if p.example is not None}))
        if q.params and not any(p.required for p in q.params):
            out.append((f"{name} (no parameters)", name, {}))
    return out


def query_jobs(be) -> list[tuple[str, object]]:
    """``(label, job)`` for each case of :func:`query_cases` and each search: calling job answers it on ``be``."""
    from accgraph import search as SE

    cat = Q.catalogue()
    jobs = [(label, lambda q=cat[name], p=params: Q.run(be, q, p)[1]) for label, name, params in query_cases()]
    return jobs + [(label, lambda w=word: SE.search(be, w, limit=1000)) for label, word in SEARCHES.items()]


def query_figures(be, repeat: int = REPEAT) -> dict[str, dict]:
    """Best-of-``repeat`` seconds and row count of each query case and search, in-process on ``be``."""
    secs, rows = {}, {}
    for label, job in query_jobs(be):
        best = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            answer = job()
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        secs[label], rows[label] = round(best, 3), len(answer)
    return {"queries": secs, "query_rows": rows}


def query_times(be) -> dict[str, float]:
    return query_figures(be)["queries"]


def seeds_query_figures(args, work: Path, results: list) -> None:
    """The query figures on the packaged seeds alone, on each backend the run measures (the left column of
    the side-by-side table)."""
    from accgraph.loader.backends import EmbeddedBackend, Neo4jBackend

    if not (args.neo4j and args.neo4j_only):
        db = work / "seeds-only.lbdb"
        run(accgraph() + ["load", "--db", str(db), "--replace"])
        with EmbeddedBackend(db, read_only=True) as be:
            fig = {"backend": "embedded", "nodes": 0, **query_figures(be)}
        print(json.dumps(fig), flush=True)
        results.append(fig)
    if args.neo4j:
        run(accgraph() + ["load", "--backend", "neo4j", "--replace", "--force"])
        with Neo4jBackend() as be:
            fig = {"backend": "neo4j", "nodes": 0, **query_figures(be)}
        print(json.dumps(fig), flush=True)
        results.append(fig)


def size_label(n: int) -> str:
    if n == 0:
        return "seeds"
    for unit, div in (("M", 1_000_000), ("k", 1000)):
        if n >= div and n % (div // 10) == 0:
            return f"{n / div:g}{unit}"
    return str(n)


def query_table(results: list, backend: str) -> str:
    """Markdown: each query's best time on the seeds alone and at each size, and the ratio at the largest.
    A ratio is only a target when the answer does not grow with the synthetic data; "rows" says whether it
    did (seeds -> largest)."""
    figs = sorted((f for f in results if f.get("backend") == backend and "queries" in f), key=lambda f: f["nodes"])
    if not figs or figs[0]["nodes"] != 0:
        return ""
    sizes = [size_label(f["nodes"]) for f in figs]
    lines = [f"| query ({backend}) | " + " | ".join(s + " (s)" for s in sizes) + " | ratio at largest | rows |",
             "|---" * (len(sizes) + 3) + "|"]
    base, last = figs[0], figs[-1]
    for label in base["queries"]:
        cells = [f"{f['queries'].get(label, float('nan')):.3f}" for f in figs]
        t0, t1 = base["queries"][label], last["queries"].get(label)
        ratio = f"{t1 / t0:.1f}x" if t1 is not None and t0 > 0 and len(figs) > 1 else "-"
        r0, r1 = base["query_rows"][label], last.get("query_rows", {}).get(label)
        rows = str(r0) if r1 in (None, r0) else f"{r0} -> {r1} (grows)"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio} | {rows} |")
    return "\n".join(lines)


def embedded_figures(args, n: int, seeds: Path, size_dir: Path, db: Path, results: list) -> int:
    from accgraph.loader.backends import EmbeddedBackend

    t, mem, out = run(accgraph() + ["load", "--db", str(db), "--seeds", str(seeds), "--replace"])
    rows = int(out.split("Loaded ")[1].split()[0])
    parse, copy, _ = (bulk_floor if args.bulk else floor)(seeds, size_dir)
    rate = per_row_rate(seeds, size_dir, args.baseline_rows) if args.baseline_rows else None
    fig = {"input": args.bulk or "yaml", "backend": "embedded", "nodes": n, "rows": rows, "load_s": round(t, 2), "peak_mib": round(mem),
           "parse_s": round(parse, 2), "copy_s": round(copy, 2), "x_floor": round(t / (parse + copy), 2),
           "us_per_row": round(1e6 * t / rows, 1), "per_row_merge_s": round(rows / rate, 1) if rate else None}
    print(json.dumps(fig), flush=True)
    if args.no_queries:
        results.append(fig)
        return rows
    with EmbeddedBackend(db, read_only=True) as be:
        fig.update(query_figures(be))
    print(json.dumps({"backend": "embedded", "nodes": n, "queries": fig["queries"]}), flush=True)
    results.append(fig)
    return rows


def accgraph() -> list[str]:
    return [sys.executable, "-c", "import sys; from accgraph.cli import main; sys.exit(main())"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="synthetic node counts, comma-separated")
    ap.add_argument("--work", type=Path, help="scratch folder [default: a temporary one, removed at the end]")
    ap.add_argument("--baseline-rows", type=int, default=2000, help="rows in the per-row MERGE sample")
    ap.add_argument("--neo4j", action="store_true", help="also load into the Neo4j at NEO4J_URI (wiped), and time "
                    "neo4j-admin import of the same rows into a scratch Neo4j home")
    ap.add_argument("--neo4j-only", action="store_true", help="with --neo4j: skip the embedded figures")
    ap.add_argument("--no-first-use", action="store_true", help="skip the fresh-install first query")
    ap.add_argument("--bulk", choices=("ndjson", "csv"), help="write the synthetic part as bulk files (NDJSON, or "
                    "CSV in the neo4j-admin header format) instead of YAML; the floor parses them bare")
    ap.add_argument("--no-queries", action="store_true", help="skip the canned query times")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--keep", action="store_true", help="keep each size's files and database under --work "
                    "(for bench/queries.py)")
    args = ap.parse_args(argv)
    from accgraph.loader.backends import EmbeddedBackend, Neo4jBackend

    work = args.work or Path(tempfile.mkdtemp(prefix="accgraph-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        if not args.no_first_use:
            env = dict(os.environ, ACCGRAPH_DB=str(work / "fresh" / "accgraph.lbdb"))
            t, mem, _ = run(accgraph() + ["query", "who-can-waive", "-p", "holder", "KFOR", "--format", "json"], env)
            print(f"first query on a fresh install (builds the database): {t:.2f} s, peak {mem:.0f} MiB", flush=True)
            results.append({"first_query_s": round(t, 2), "peak_mib": round(mem)})
        if not args.no_queries:
            seeds_query_figures(args, work, results)
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            size_dir = work / f"n{n}"
            size_dir.mkdir(exist_ok=True)
            seeds = (write_bulk_seeds(size_dir / "seeds", n, args.bulk) if args.bulk
                     else write_seeds(size_dir / "seeds", n))
            db = size_dir / "graph.lbdb"
            rows = 0
            if not (args.neo4j and args.neo4j_only):
                rows = embedded_figures(args, n, seeds, size_dir, db, results)
            if args.neo4j:
                t, mem, out = run(accgraph() + ["load", "--backend", "neo4j", "--seeds", str(seeds), "--replace",
                                                "--force"])
                rows = int(out.split("Loaded ")[1].split()[0])
                rate = per_row_rate(seeds, size_dir, args.baseline_rows, neo4j=True) if args.baseline_rows else None
                admin = admin_floor(seeds, size_dir)
                fig = {"backend": "neo4j", "nodes": n, "rows": rows, "load_s": round(t, 2), "peak_mib": round(mem),
                       "neo4j_admin_import_s": round(admin, 2), "x_floor": round(t / admin, 2),
                       "us_per_row": round(1e6 * t / rows, 1),
                       "per_row_merge_s": round(rows / rate, 1) if rate else None}
                if not args.no_queries:
                    # the per-row sample wiped the graph: load it again before the queries
                    run(accgraph() + ["load", "--backend", "neo4j", "--seeds", str(seeds), "--replace", "--force"])
                    with Neo4jBackend() as be:
                        fig.update(query_figures(be))
                print(json.dumps(fig), flush=True)
                results.append(fig)
            if not args.keep:
                shutil.rmtree(size_dir, ignore_errors=True)
        for backend in ("embedded", "neo4j"):
            table = query_table(results, backend)
            if table:
                print("\n" + table, flush=True)
    finally:
        if args.json:
            args.json.write_text(json.dumps(results, indent=1))
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
