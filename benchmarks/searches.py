"""The search rows of bench.py on an index already built: cold searches (a new
`rsearch` process each) and warm ones (one process), p50/p95, and the CPU
time of each, for a change to the search path that leaves the index as it
is (no rebuild of 100,000 reports to time it).

    python benchmarks/searches.py INDEX_DIR [--queries 40] [--rounds 3]

The queries are bench.py's; the index is only read here.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

from bench import QUERIES, cold_searches, percentile  # noqa: E402


def warm(index_dir: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each search in one process, round after round
    (the first `len(QUERIES)` are each query's first search; an opened index
    keeps what a search made of the postings, so a query searched again in
    the same process is cheaper)."""
    from rsearch.indexer import ReportIndex

    walls, cpus = [], []
    with ReportIndex(index_dir) as ix:
        for _ in range(rounds):
            for query in QUERIES:
                start, cpu = time.perf_counter(), time.process_time()
                ix.search(query, limit=10)
                walls.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--queries", type=int, default=40, help="cold searches")
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds of the queries")
    args = parser.parse_args()
    script = Path(sys.executable).with_name("rsearch")
    rsearch = [str(script)] if script.exists() else [sys.executable, "-m", "rsearch.cli"]
    env = {**os.environ, "NO_COLOR": "1"}
    queries = (QUERIES * (args.queries // len(QUERIES) + 1))[: args.queries]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cold = cold_searches(lambda q: rsearch + ["--index-dir", str(args.index_dir), "search", q,
                                              "-f", "json"], queries, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / (len(cold) + 1)
    walls, cpus = warm(args.index_dir, args.rounds)
    print(f"{args.index_dir}: {len(cold)} cold, {len(walls)} warm searches; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"cold p50 / p95 {statistics.median(cold):.3f} / {percentile(cold, 0.95):.3f} s, "
          f"CPU {cpu:.3f} s a search (mean)")
    print(f"warm p50 / p95 {1000 * statistics.median(walls):.1f} / "
          f"{1000 * percentile(walls, 0.95):.1f} ms, CPU p50 / p95 "
          f"{1000 * statistics.median(cpus):.1f} / {1000 * percentile(cpus, 0.95):.1f} ms")
    for kind, times in (("wall", walls), ("CPU", cpus)):
        first, again = times[:len(QUERIES)], times[len(QUERIES):]
        print(f"warm {kind}, each query's first search p50 / p95 "
              f"{1000 * statistics.median(first):.1f} / {1000 * percentile(first, 0.95):.1f} ms"
              + (f"; searched again {1000 * statistics.median(again):.1f} / "
                 f"{1000 * percentile(again, 0.95):.1f} ms" if again else ""))


if __name__ == "__main__":
    main()
