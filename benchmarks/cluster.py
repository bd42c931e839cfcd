"""The same archive in the embedded index and in a two-node cluster.

Writes N archive reports (archive.py), starts two `searchd` nodes on free
loopback ports (tests/searchd_nodes.py: configs from rsearch's own writer,
two shards, a distributed table with an agent), pushes the reports into the
cluster and builds the embedded index of them, then times the same queries
on both: push throughput, cold searches (a new `rsearch` process each) and
warm ones (one process), p50/p95, and whether the top 10 agree.

    .venv/bin/python benchmarks/cluster.py --reports 1000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from archive import make_archive  # noqa: E402
from bench import QUERIES, cold_searches, percentile  # noqa: E402

from tests.searchd_nodes import SearchdCluster  # noqa: E402


def warm(engine, queries: list[str], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            engine.search(query, limit=10)
            times.append(time.perf_counter() - start)
    return times


def figures(name: str, cold: list[float], hot: list[float]) -> str:
    return (f"{name:9} cold p50 {percentile(cold, 0.5) * 1000:7.0f} ms  "
            f"p95 {percentile(cold, 0.95) * 1000:7.0f} ms   warm p50 "
            f"{percentile(hot, 0.5) * 1000:7.1f} ms  p95 {percentile(hot, 0.95) * 1000:7.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3, help="warm rounds over the queries")
    args = ap.parse_args()
    from rsearch.indexer import build_index
    from rsearch.indexer.engines import open_engine

    rsearch = str(HERE.parent / ".venv" / "bin" / "rsearch")
    with tempfile.TemporaryDirectory(prefix="rsearch-cluster-bench-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        size = make_archive(folder, args.reports)
        print(f"{args.reports} reports, {size / 1e6:.1f} MB")
        with SearchdCluster(Path(tmp) / "nodes") as nodes:
            cluster = open_engine(nodes.engine_file, Path(tmp))
            start = time.perf_counter()
            pushed = cluster.index([folder])
            seconds = time.perf_counter() - start
            print(f"cluster push: {seconds:.1f} s, {args.reports / seconds:.1f} reports/s, "
                  f"{pushed.passages / seconds:.0f} passages/s, {size / 1e6 / seconds:.2f} MB/s "
                  "(one process: reading and analysis included)")
            index_dir = Path(tmp) / "index"
            start = time.perf_counter()
            build_index(index_dir, [folder])
            seconds = time.perf_counter() - start
            print(f"embedded build: {seconds:.1f} s, {size / 1e6 / seconds:.2f} MB/s "
                  "(one worker per core)")
            embedded = open_engine(None, index_dir)
            differ = [q for q in QUERIES
                      if [(h.id, h.score) for h in cluster.search(q)]
                      != [(h.id, h.score) for h in embedded.search(q)]]
            print(f"top 10 (ids and scores) differ on {len(differ)} of {len(QUERIES)} queries"
                  + (f": {differ}" if differ else ""))
            env = dict(os.environ, NO_COLOR="1")
            for name, prefix in (("embedded", ["--index-dir", str(index_dir)]),
                                 ("cluster", ["--engine", nodes.engine_file])):
                engine = embedded if name == "embedded" else cluster
                cold = cold_searches(lambda q, p=prefix: [rsearch, *p, "search", q],
                                     QUERIES, env)
                print(figures(name, cold, warm(engine, QUERIES, args.rounds)))
            cluster.close()
            embedded.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
