"""Benchmark rsearch beside the obvious build and SQLite FTS5, in one run.

    python benchmarks/bench.py --reports 1000
    python benchmarks/bench.py --reports 1000 10000 --queries 20
    python benchmarks/bench.py --reports 100 --corpus copies --skip obvious

Makes an archive of N reports (benchmarks/archive.py: five layouts, a
vocabulary that grows with the archive, a rare term in few reports; or
`--corpus copies` of the bundled report, the worst case), then measures for
rsearch, the obvious build (benchmarks/baseline.py: jieba's ChineseAnalyzer in
a plain Whoosh schema) and SQLite FTS5 with the trigram tokenizer
(benchmarks/fts5.py, the C-engine ceiling): full index build time and
throughput, peak memory of the indexing process tree (proportional set sizes,
summed), index size on disk per byte of text, the time to add one report,
cold one-shot searches (p50 and p95 of a new process per search) and warm
searches in one process; for rsearch also the commands of
benchmarks/commands.py (every filter and filters combined, the listings'
first pages, `--by` overviews: wall, CPU and peak memory of a new process
each; `--no-commands` skips them). With several sizes, the last rows give how
each figure grows from the first size to the last.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from archive import make_archive, make_copies
from commands import command_figures

HERE = Path(__file__).resolve().parent
QUERIES = ["單一窗口", "跨境電子商務", "供應鏈安全", "API", "風險管理", "優質企業", "海關",
           "貿易便捷", "恐怖主義", "ABAC", "共同行動", "電子商務", "UNI-PASS", "附件",
           "資訊科技", "微中小型企業", "旅客", "檢疫犬", "暴露評估", "WCO"]
SYSTEMS = ["rsearch", "obvious", "fts5"]


# How often a build's memory is sampled. Reading the processes' page tables
# costs CPU that the build would use: every 20 ms it took 1.8 CPU-s of a
# 12 s build of 1,000 reports (and 139 s for 10,000 reports, 118 s unsampled).
MEMORY_SAMPLE_SECONDS = 0.25


def tree_memory_kb(pid: int) -> int:
    """Memory of a process and all its descendants, in KiB: the sum of their
    proportional set sizes, so pages that forked workers share with their parent
    count once (RSS would count them in every process)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(cmd: list[str], env: dict) -> tuple[float, int]:
    """Wall time and peak memory (sum over the process tree, sampled) of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_memory_kb(proc.pid))
            time.sleep(MEMORY_SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    sampler.join()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} failed: {err.decode()[-500:]}")
    return elapsed, peak


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def compile_package() -> None:
    """Compile rsearch's modules to bytecode, as pip does at install. An editable
    install compiles each module on its first import, unless the environment
    says not to write bytecode (PYTHONDONTWRITEBYTECODE, set on some machines):
    then every search compiled the modules changed since their bytecode was
    last written, tens of milliseconds of each cold search that no user pays."""
    subprocess.run([sys.executable, "-c",
                    "import compileall, os, rsearch.cli, rsearch.corpus, rsearch.indexer\n"
                    "for m in (rsearch.cli, rsearch.corpus, rsearch.indexer):\n"
                    "    compileall.compile_dir(os.path.dirname(m.__file__), quiet=1)"],
                   env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
                   check=True, stdout=subprocess.DEVNULL)


def cold_searches(cmd_for, queries: list[str], env: dict) -> list[float]:
    """A new process per search, its modules compiled (compile_package), one
    untimed search first (the index's files in the page cache)."""
    compile_package()
    subprocess.run(cmd_for(queries[0]), env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    times = []
    for query in queries:
        start = time.perf_counter()
        subprocess.run(cmd_for(query), env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def warm_rsearch(index_dir: Path, queries: list[str], rounds: int) -> list[float]:
    from rsearch.indexer import ReportIndex

    times = []
    with ReportIndex(index_dir) as ix:
        for _ in range(rounds):
            for query in queries:
                start = time.perf_counter()
                ix.search(query, limit=10)
                times.append(time.perf_counter() - start)
    return times


def warm_baseline(index_dir: Path, queries: list[str], rounds: int) -> list[float]:
    import jieba
    from whoosh import index
    from whoosh.qparser import QueryParser

    jieba.setLogLevel(60)
    ix = index.open_dir(str(index_dir))
    times = []
    with ix.searcher() as searcher:
        parser = QueryParser("text", ix.schema)
        for _ in range(rounds):
            for query in queries:
                start = time.perf_counter()
                hits = searcher.search(parser.parse(query), limit=10)
                [h["text"] for h in hits]
                times.append(time.perf_counter() - start)
    return times


def warm_fts5(db: Path, queries: list[str], rounds: int) -> list[float]:
    sys.path.insert(0, str(HERE))
    from fts5 import search

    con = sqlite3.connect(db)
    times = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            search(con, query)
            times.append(time.perf_counter() - start)
    return times


def folder_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(system: str, corpus: Path, extra: Path, work: Path, queries: list[str],
            env: dict, size: int, commands: bool = True) -> dict:
    """Every figure of one system on one corpus."""
    script = Path(sys.executable).with_name("rsearch")
    rsearch = [str(script)] if script.exists() else [sys.executable, "-m", "rsearch.cli"]
    target = work / f"{system}-index"
    if system == "rsearch":
        build = rsearch + ["--index-dir", str(target), "index", str(corpus)]
        add = build
        cold = lambda q: rsearch + ["--index-dir", str(target), "search", q, "-f", "json"]  # noqa: E731
        warm = lambda: warm_rsearch(target, QUERIES, 3)  # noqa: E731
    elif system == "obvious":
        tool = [sys.executable, str(HERE / "baseline.py")]
        build = tool + ["index", str(target), str(corpus)]
        add = tool + ["add", str(target), str(extra)]
        cold = lambda q: tool + ["search", str(target), q]  # noqa: E731
        warm = lambda: warm_baseline(target, QUERIES, 3)  # noqa: E731
    else:
        tool = [sys.executable, str(HERE / "fts5.py")]
        target = work / "fts5.db"
        build = tool + ["index", str(target), str(corpus)]
        add = None  # FTS5 adds a report with one INSERT; no process of its own to time
        cold = lambda q: tool + ["search", str(target), q]  # noqa: E731
        warm = lambda: warm_fts5(target, QUERIES, 3)  # noqa: E731
    seconds, memory = run_measured(build, env)
    figures = {"index build (s)": seconds, "throughput (MB/s)": size / 1e6 / seconds,
               "peak memory indexing (MB)": memory / 1024,
               "index bytes per text byte": folder_bytes(target) / size}
    if add is not None:
        shutil.copy(extra, corpus / extra.name)
        added, _ = run_measured(add, env)
        (corpus / extra.name).unlink()
        figures["add one report (s)"] = added
    cold_times = cold_searches(cold, queries, env)
    warm_times = warm()
    figures["cold search p50 (s)"] = statistics.median(cold_times)
    figures["cold search p95 (s)"] = percentile(cold_times, 0.95)
    figures["warm search p50 (ms)"] = 1000 * statistics.median(warm_times)
    figures["warm search p95 (ms)"] = 1000 * percentile(warm_times, 0.95)
    if system == "rsearch" and commands:
        figures.update(command_figures(target, env))
    return figures


def print_table(title: str, results: dict[str, dict]) -> None:
    systems = list(results)
    names = list(next(iter(results.values())))
    print(title)
    names += [n for r in results.values() for n in r if n not in names]
    width = max(28, *(len(n) + 2 for n in names))
    print(f"{'':{width}}" + "".join(f"{s:>10}" for s in systems))
    for name in names:
        cells = "".join(f"{results[s][name]:10.3f}" if name in results[s] else f"{'-':>10}"
                        for s in systems)
        print(f"{name:{width}}{cells}")
    print(flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, nargs="+", default=[100])
    ap.add_argument("--corpus", choices=["archive", "copies"], default="archive")
    ap.add_argument("--queries", type=int, default=20, help="cold searches per system")
    ap.add_argument("--skip", nargs="*", default=[], choices=SYSTEMS)
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--no-commands", action="store_true",
                    help="skip rsearch's filtered searches, listings and overviews "
                         "(benchmarks/commands.py)")
    args = ap.parse_args()

    make = make_archive if args.corpus == "archive" else make_copies
    queries = (QUERIES * (args.queries // len(QUERIES) + 1))[: args.queries]
    systems = [s for s in SYSTEMS if s not in args.skip]
    print(f"{args.corpus} corpus on {platform.machine()} with {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}", flush=True)
    by_size: dict[int, dict] = {}
    for count in args.reports:
        work = Path(tempfile.mkdtemp(prefix="rsearch-bench-"))
        corpus, extras = work / "corpus", work / "extra"
        corpus.mkdir()
        extras.mkdir()
        size = make(corpus, count)
        make(extras, 1, start=count)
        extra = next(extras.iterdir())
        env = dict(os.environ, NO_COLOR="1")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        results = {system: measure(system, corpus, extra, work, queries, env, size,
                                   not args.no_commands)
                   for system in systems}
        print_table(f"{count} reports, {size / 1e6:.1f} MB of text", results)
        by_size[count] = results
        if args.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if len(by_size) > 1:
        first, last = by_size[min(by_size)], by_size[max(by_size)]
        growth = {s: {name: last[s][name] / first[s][name] for name in first[s]
                      if first[s][name]} for s in systems}
        print_table(f"growth from {min(by_size)} to {max(by_size)} reports (ratio)", growth)


if __name__ == "__main__":
    main()
