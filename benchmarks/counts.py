"""What counting costs: a search with and without its totals, on an index
already built (benchmarks/bench.py builds one; it is only read here).

    python benchmarks/counts.py INDEX_DIR [--rounds 3] [--cold 3]

Warm: one process, the index opened once; for each query the median of
`--rounds` runs of search(limit=10), page(limit=10) (the hits and their
totals, as the table shows them) and count(). Cold: a new `rsearch` process
per search (the page cache warm): `--format json` (no totals), the table
(with its totals line) and `--count`; the median of `--cold` runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import QUERIES

MORE = ["AEO", "海關 -單一窗口", "AEO AND MRA", "關"]


def median_seconds(action, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm(index_dir: Path, queries: list[str], rounds: int) -> dict[str, tuple]:
    from rsearch.indexer import ReportIndex

    out = {}
    with ReportIndex(index_dir) as ix:
        for q in queries:
            ix.search(q, limit=10)  # the first search of a term reads what later ones reuse
            totals = ix.count(q)
            out[q] = (totals, median_seconds(lambda q=q: ix.search(q, limit=10), rounds),
                      median_seconds(lambda q=q: ix.page(q, limit=10), rounds),
                      median_seconds(lambda q=q: ix.count(q), rounds))
    return out


def cold(index_dir: Path, queries: list[str], rounds: int) -> dict[str, tuple]:
    rsearch = str(Path(sys.executable).with_name("rsearch"))
    env = {**os.environ, "RSEARCH_INDEX_DIR": str(index_dir)}
    out = {}
    for q in queries:
        out[q] = tuple(median_seconds(lambda extra=extra, q=q: subprocess.run(
            [rsearch, "search", q, *extra], env=env, capture_output=True), rounds)
            for extra in (["--format", "json"], [], ["--count"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", type=int, default=3)
    args = parser.parse_args()
    queries = QUERIES + MORE
    w = warm(args.index_dir, queries, args.rounds)
    c = cold(args.index_dir, queries, args.cold) if args.cold else {}
    print("| query | passages | reports | warm search | warm page | warm count "
          "| cold json | cold table | cold --count |")
    print("|---|---|---|---|---|---|---|---|---|")
    for q in queries:
        totals, search, page, count = w[q]
        cold_cells = " | ".join(f"{t * 1000:.0f}" for t in c.get(q, ()))
        print(f"| {q} | {totals.passages:,} | {totals.reports:,} | {search * 1000:.0f} "
              f"| {page * 1000:.0f} | {count * 1000:.0f} | {cold_cells} |")
    for i, name in enumerate(["warm search", "warm page", "warm count"], start=1):
        print(f"{name}: median {statistics.median(v[i] for v in w.values()) * 1000:.0f} ms")
    for i, name in enumerate(["cold json", "cold table", "cold --count"]):
        if c:
            print(f"{name}: median {statistics.median(v[i] for v in c.values()) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
