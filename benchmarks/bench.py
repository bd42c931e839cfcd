"""Benchmark rsearch against the obvious build on a synthetic corpus, in one run.

    python benchmarks/bench.py --reports 100
    python benchmarks/bench.py --reports 1000 --queries 10

Makes N reports from the bundled one (paragraphs rotated and numbered so no
two files are alike), then measures for rsearch and for the obvious build
(benchmarks/baseline.py: jieba's ChineseAnalyzer in a plain Whoosh schema):
full index build time and throughput, peak memory of the indexing process
tree (proportional set sizes, summed), the time to add one report to the built
index, cold one-shot search latency (p50 and p95 of a new process per search),
and warm in-process search latency. Every figure is printed with its ratio to
the obvious build.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = ["單一窗口", "跨境電子商務", "供應鏈安全", "API", "風險管理", "優質企業", "海關",
           "貿易便捷", "恐怖主義", "ABAC", "共同行動", "電子商務", "UNI-PASS", "附件",
           "資訊科技", "微中小型企業", "旅客", "秘魯", "日本", "WCO"]


def make_corpus(folder: Path, count: int, start: int = 0) -> int:
    """Write `count` reports; returns their total size in bytes."""
    from rsearch.corpus import sample_report_path

    text = sample_report_path().read_text(encoding="utf-8")
    head, marker, body = text.partition("壹、會議時間")
    blocks = body.split("\n\n")
    total = 0
    for n in range(start, start + count):
        shift = n % max(len(blocks) // 3, 1)
        middle = blocks[1:-40]
        rotated = middle[shift:] + middle[:shift]
        numbered = head.replace("第 2 次", f"第 {n + 2} 次") + marker
        report = numbered + "\n\n".join([blocks[0], *rotated, *blocks[-40:]])
        report += f"\n\n本報告為第 {n} 號測試報告。\n"
        path = folder / f"report-{n:05d}.txt"
        path.write_text(report, encoding="utf-8")
        total += path.stat().st_size
    return total


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
            time.sleep(0.02)

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


def cold_searches(cmd_for, queries: list[str], env: dict) -> list[float]:
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=100)
    ap.add_argument("--queries", type=int, default=20, help="cold searches per system")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="rsearch-bench-"))
    corpus, extra = work / "corpus", work / "extra"
    corpus.mkdir()
    extra.mkdir()
    size = make_corpus(corpus, args.reports)
    make_corpus(extra, 1, start=args.reports)
    new_report = extra / f"report-{args.reports:05d}.txt"
    # A fresh cache folder: the build pays for writing the dictionary copy
    # that later updates read, as it would on a new machine.
    env = dict(os.environ, NO_COLOR="1", RSEARCH_CACHE_DIR=str(work / "cache"))
    # The installed command, as users run it (`-m cli` would import the
    # sources of whatever folder the benchmark is started from).
    script = Path(sys.executable).with_name("rsearch")
    rsearch = [str(script)] if script.exists() else [sys.executable, "-m", "cli"]
    baseline = [sys.executable, str(HERE / "baseline.py")]
    queries = (QUERIES * (args.queries // len(QUERIES) + 1))[: args.queries]
    ours_dir, base_dir = work / "rsearch-index", work / "baseline-index"

    print(f"{args.reports} reports, {size / 1e6:.1f} MB, on {platform.machine()} "
          f"with {os.cpu_count()} cores, Python {platform.python_version()}", flush=True)
    ours_build, ours_mem = run_measured(
        rsearch + ["--index-dir", str(ours_dir), "index", str(corpus)], env)
    base_build, base_mem = run_measured(baseline + ["index", str(base_dir), str(corpus)], env)

    shutil.copy(new_report, corpus / new_report.name)
    ours_add, _ = run_measured(rsearch + ["--index-dir", str(ours_dir), "index", str(corpus)],
                               env)
    base_add, _ = run_measured(baseline + ["add", str(base_dir), str(new_report)], env)

    ours_cold = cold_searches(lambda q: rsearch + ["--index-dir", str(ours_dir), "search", q,
                                                   "--format", "json"], queries, env)
    base_cold = cold_searches(lambda q: baseline + ["search", str(base_dir), q], queries, env)
    ours_warm = warm_rsearch(ours_dir, QUERIES, 3)
    base_warm = warm_baseline(base_dir, QUERIES, 3)

    rows = [
        ("index build (s)", ours_build, base_build),
        ("throughput (MB/s)", size / 1e6 / ours_build, size / 1e6 / base_build),
        ("peak memory indexing (MB)", ours_mem / 1024, base_mem / 1024),
        ("add one report (s)", ours_add, base_add),
        ("add one / full build", ours_add / ours_build, base_add / base_build),
        ("cold search p50 (s)", statistics.median(ours_cold), statistics.median(base_cold)),
        ("cold search p95 (s)", percentile(ours_cold, 0.95), percentile(base_cold, 0.95)),
        ("warm search p50 (ms)", 1000 * statistics.median(ours_warm),
         1000 * statistics.median(base_warm)),
        ("warm search p95 (ms)", 1000 * percentile(ours_warm, 0.95),
         1000 * percentile(base_warm, 0.95)),
    ]
    print(f"{'':28}{'rsearch':>10}{'obvious':>10}{'ratio':>8}")
    for name, ours, base in rows:
        print(f"{name:28}{ours:10.3f}{base:10.3f}{ours / base:8.2f}")
    if args.keep:
        print(f"work folder: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
