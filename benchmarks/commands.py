"""What a user's commands cost on an index already built: filtered searches,
listings' first pages and overviews, each a new `rsearch` process (wall time
and peak memory, the median of `--rounds` runs), as the issue's done-when
figures count them.

    python benchmarks/commands.py INDEX_DIR [--rounds 3]

benchmarks/bench.py runs the same commands on the indexes it builds (their
rows are the `cmd:` lines of its table). The index is only read here.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (label, arguments after `rsearch`): every filter alone, filters combined, a
# filter that admits nothing, the listings' first pages and an overview. The
# filter values are ones the benchmark's archive corpus (archive.py) holds.
COMMANDS = [
    ("search 海關", ["search", "海關", "-f", "json"]),
    ("search 海關 (table, totals)", ["search", "海關"]),
    ("--agency --since", ["search", "海關", "--agency", "關務署", "--since", "2020", "-f", "json"]),
    ("--meeting", ["search", "海關", "--meeting", "SCCP", "-f", "json"]),
    ("--topic", ["search", "海關", "--topic", "IPR", "-f", "json"]),
    ("--section", ["search", "海關", "--section", "心得", "-f", "json"]),
    ("--type", ["search", "檢疫犬", "--type", "考察", "-f", "json"]),
    ("--type (admits none)", ["search", "海關", "--type", "進修", "-f", "json"]),
    ("--report", ["search", "海關", "--report", "report-00001", "-f", "json"]),
    ("--report (holds the term)", ["search", "海關", "--report", "report-00120", "-f", "json"]),
    ("--until (about half)", ["search", "海關", "--until", "2018-06", "-f", "json"]),
    ("--since (nearly all)", ["search", "海關", "--since", "1912", "-f", "json"]),
    # Broad filters: a common kind of trip (four reports in five), a common
    # agency, a span holding every date.
    ("--type (most)", ["search", "海關", "--type", "開會", "-f", "json"]),
    ("--agency (common)", ["search", "海關", "--agency", "關務署", "-f", "json"]),
    ("--since --until (every date)", ["search", "海關", "--since", "2010", "--until", "2025",
                                      "-f", "json"]),
    ("all filters", ["search", "AEO", "--agency", "關務署", "--since", "2015", "--until", "2023",
                     "--type", "開會", "--meeting", "SCCP", "--topic", "IPR", "-f", "json"]),
    ("--count", ["search", "海關", "--count", "-f", "json"]),
    ("reports first page", ["reports", "--limit", "20", "-f", "json"]),
    ("meetings first page", ["meetings", "--limit", "20", "-f", "json"]),
    ("topics first page", ["topics", "--limit", "20", "-f", "json"]),
    ("--by year 單一窗口", ["search", "單一窗口", "--by", "year", "-f", "json"]),
    ("--by agency 單一窗口", ["search", "單一窗口", "--by", "agency", "-f", "json"]),
]


def rsearch_command() -> list[str]:
    script = Path(sys.executable).with_name("rsearch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rsearch.cli"]


def timed(cmd: list[str], env: dict) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + system), peak memory (MB, the
    process's maximum resident set) and exit status of one command; its
    output is discarded. CPU time says more than wall time on a busy machine."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", rss.name, *cmd],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        kb, user, system = rss.read().split()[-3:]
    return seconds, float(user) + float(system), int(kb) / 1024, done.returncode


def share(index_dir: Path, term: str, env: dict) -> str:
    """How many of the index's reports hold a term (for the overview rows)."""
    run = lambda *args: json.loads(subprocess.run(  # noqa: E731
        [*rsearch_command(), "--index-dir", str(index_dir), *args], env=env,
        capture_output=True, text=True).stdout or "null")
    counted = run("search", term, "--count", "-f", "json")
    listed = subprocess.run([*rsearch_command(), "--index-dir", str(index_dir), "reports",
                             "-f", "csv"], env=env, capture_output=True, text=True)
    total = max(0, sum(1 for _ in csv.reader(io.StringIO(listed.stdout))) - 1)  # the header
    if not counted or not total:
        return f"{term}: ?"
    return f"{term}: in {counted['reports']:,} of {total:,} reports"


def command_figures(index_dir: Path, env: dict, rounds: int = 3) -> dict[str, float]:
    """`cmd: LABEL (s)`, `… CPU (s)` and `… (MB)` for every command: medians of
    `rounds` fresh processes, after one untimed run (the page cache warm, as
    on a machine that searched before)."""
    figures: dict[str, float] = {}
    base = [*rsearch_command(), "--index-dir", str(index_dir)]
    for label, args in COMMANDS:
        timed(base + args, env)
        runs = [timed(base + args, env) for _ in range(rounds)]
        if any(r[3] not in (0, 1) for r in runs):
            raise SystemExit(f"rsearch {' '.join(args)} failed (exit {runs[0][3]})")
        figures[f"cmd: {label} (s)"] = statistics.median(r[0] for r in runs)
        figures[f"cmd: {label} CPU (s)"] = statistics.median(r[1] for r in runs)
        figures[f"cmd: {label} (MB)"] = statistics.median(r[2] for r in runs)
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index_dir", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    env = dict(os.environ, NO_COLOR="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules compiled once
    figures = command_figures(args.index_dir, env, args.rounds)
    print(f"{'command':36}{'wall (s)':>10}{'CPU (s)':>9}{'peak (MB)':>11}")
    for label, _ in COMMANDS:
        print(f"{label:36}{figures[f'cmd: {label} (s)']:10.3f}"
              f"{figures[f'cmd: {label} CPU (s)']:9.3f}{figures[f'cmd: {label} (MB)']:11.0f}")
    print(share(args.index_dir, "單一窗口", env))


if __name__ == "__main__":
    main()
