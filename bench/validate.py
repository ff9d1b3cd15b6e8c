"""Validation throughput against a bare libyaml parse of the same files.

Writes the packaged seeds plus N synthetic YAML nodes (about 3 edges each, in
files of 500 nodes) to a temporary folder, then times, on the same files:

- the floor: ``yaml.load`` with libyaml's ``CSafeLoader``, nothing else;
- ``accgraph validate``'s reader and every check (``validate.read``).

Times are CPU seconds of this process (best of --runs), so that other load
on the machine does not blur the ratio.

    python bench/validate.py --sizes 0,10000
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from accgraph.loader import validate as v
from accgraph.seeds_path import default_seeds

TYPES = ("Organisation", "Unit", "Person")


def write_synthetic(folder: Path, n: int, per_file: int = 500) -> None:
    """N actor nodes and about 3 edges per node, all valid, spread over files."""
    for start in range(0, n, per_file):
        lines = ["nodes:"]
        for i in range(start, min(n, start + per_file)):
            t = TYPES[i % 3]
            lines += [f"  - id: syn-{t.lower()}-{i}", f"    type: {t}", f"    name: Synthetic {t} {i}",
                      f"    summary: Record {i} of a synthetic set, written to measure validation.",
                      "    cite: [{source: doc-unmik-pr-1180, at: \"line 6\", quote: \"has received the report\"}]"]
        lines.append("edges:")
        for i in range(start, min(n, start + per_file)):
            for k in (1, 2, 3):
                j = (i * 7 + k * 31) % n
                lines.append(f"  - {{type: REPORTS_TO, from: syn-{TYPES[i % 3].lower()}-{i}, "
                             f"to: syn-{TYPES[j % 3].lower()}-{j}, id: \"syn:{i}:{k}\", "
                             "cite: [{source: doc-unmik-pr-1180, at: \"line 6\"}]}")
        (folder / f"synthetic-{start:07d}.yaml").write_text("\n".join(lines) + "\n")


def best_of(fn, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0,10000", help="synthetic node counts, comma-separated")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    print("| synthetic nodes | files | records | libyaml parse s | validate s | ratio |")
    print("|---|---|---|---|---|---|")
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "seeds"
            shutil.copytree(default_seeds(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
            write_synthetic(folder, n)
            files = sorted(folder.rglob("*.yaml"))

            def parse() -> None:
                for f in files:
                    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)

            ds = v.read(folder)
            if ds.issues:
                print(ds.issues[0], file=sys.stderr)
                return 1
            floor = best_of(parse, args.runs)
            full = best_of(lambda: v.read(folder), args.runs)
            records = len(ds.nodes) + len(ds.all_edges)
            print(f"| {n:,} | {len(files)} | {records:,} | {floor:.2f} | {full:.2f} | {full / floor:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
