"""The same archive in the embedded index and in a two-node cluster.

Writes N archive reports (archive.py), starts two `searchd` nodes on free
loopback ports (tests/searchd_nodes.py: configs from rsearch's own writer,
two shards, a distributed table with an agent), pushes the reports into the
cluster and builds the embedded index of them, then times the same queries
on both: push throughput, cold searches (a new `rsearch` process each) and
warm ones (one process), p50/p95, and whether the top 10 agree.

    .venv/bin/python benchmarks/cluster.py --reports 1000
    .venv/bin/python benchmarks/cluster.py --archive /work/bench/archive-10k

`--archive FOLDER` takes an archive written before (read only: the push and
the build read it, nothing is written there) instead of writing one.
`--keep DIR` keeps the nodes' data and the embedded index; run again with the
same DIR, the nodes start on their data and only the searches are timed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
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

print = functools.partial(print, flush=True)  # noqa: A001 (a long run shows its figures as they come)


def warm(engine, queries: list[str], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            engine.search(query, limit=10)
            times.append(time.perf_counter() - start)
    return times


def load() -> str:
    """The machine's load beside each figure (the machine may be shared)."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + \
        time.strftime(" at %H:%M:%S UTC", time.gmtime())


def figures(name: str, cold: list[float], hot: list[float]) -> str:
    return (f"{name:9} cold p50 {percentile(cold, 0.5) * 1000:7.0f} ms  "
            f"p95 {percentile(cold, 0.95) * 1000:7.0f} ms   warm p50 "
            f"{percentile(hot, 0.5) * 1000:7.1f} ms  p95 {percentile(hot, 0.95) * 1000:7.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--archive", type=Path, help="an archive folder to read instead of writing "
                    "one (its reports are counted)")
    ap.add_argument("--keep", type=Path, help="keep the nodes' data and the embedded index in "
                    "this folder; run again with it, only the searches are timed again")
    ap.add_argument("--rounds", type=int, default=3, help="warm rounds over the queries")
    args = ap.parse_args()
    with contextlib.ExitStack() as stack:
        work = args.keep or Path(stack.enter_context(
            tempfile.TemporaryDirectory(prefix="rsearch-cluster-bench-")))
        work.mkdir(parents=True, exist_ok=True)
        run(args, work.resolve())
    return 0


def run(args, work: Path) -> None:
    from rsearch.indexer import build_index
    from rsearch.indexer.engines import open_engine

    if args.archive:
        folder = args.archive.resolve()
        files = [p for p in folder.rglob("*") if p.is_file()]
        args.reports, size = len(files), sum(p.stat().st_size for p in files)
    else:
        folder = work / "reports"
        if not folder.exists():
            folder.mkdir()
            make_archive(folder, args.reports)
        size = sum(p.stat().st_size for p in folder.iterdir())
    print(f"{args.reports} reports, {size / 1e6:.1f} MB ({folder}); {os.cpu_count()} cores, "
          f"{load()}")
    index_dir, done = work / "index", work / "filled"
    # Generous waits: at 10,000 reports on a busy machine a statement may take seconds.
    with SearchdCluster(work / "nodes", connect_timeout=5.0, read_timeout=120.0,
                        reuse=done.exists(), wait=600.0) as nodes:
        cluster = open_engine(nodes.engine_file, work)
        if done.exists():
            print(f"cluster and embedded index as filled before: {done.read_text('utf-8')}")
        else:
            start = time.perf_counter()
            pushed = cluster.index([folder])
            seconds = time.perf_counter() - start
            print(f"cluster push: {seconds:.1f} s, {args.reports / seconds:.1f} reports/s, "
                  f"{pushed.passages / seconds:.0f} passages/s, {size / 1e6 / seconds:.2f} MB/s "
                  f"(reading and analysis included, one worker per core); {load()}")
            start = time.perf_counter()
            build_index(index_dir, [folder])
            seconds = time.perf_counter() - start
            print(f"embedded build: {seconds:.1f} s, {size / 1e6 / seconds:.2f} MB/s "
                  f"(one worker per core); {load()}")
            done.write_text(time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "utf-8")
        embedded = open_engine(None, index_dir)
        differ = [q for q in QUERIES
                  if [(h.id, h.score) for h in cluster.search(q)]
                  != [(h.id, h.score) for h in embedded.search(q)]]
        print(f"top 10 (ids and scores) differ on {len(differ)} of {len(QUERIES)} queries"
              + (f": {differ}" if differ else ""))
        env = dict(os.environ, NO_COLOR="1")
        rsearch = str(HERE.parent / ".venv" / "bin" / "rsearch")
        for name, prefix in (("embedded", ["--index-dir", str(index_dir)]),
                             ("cluster", ["--engine", nodes.engine_file])):
            engine = embedded if name == "embedded" else cluster
            cold = cold_searches(lambda q, p=prefix: [rsearch, *p, "search", q], QUERIES, env)
            print(figures(name, cold, warm(engine, QUERIES, args.rounds)) + f"; {load()}")
        cluster.close()
        embedded.close()


if __name__ == "__main__":
    sys.exit(main())
