"""What each filter, alone and combined, costs a cold search: every command a
new `rsearch` process (wall and CPU, user + system, from /usr/bin/time), the
code copies given run in turn, command by command and round by round (so a
busy machine's drift falls on each alike); p50 and p95 per command and copy.

    python benchmarks/filter_costs.py INDEX_DIR --code before=/tmp/x/before \
        --code after=/tmp/x/after:OTHER_INDEX [--rounds 5] [--outputs DIR]

Each `--code NAME=DIR[:INDEX]` is put first on PYTHONPATH (a `git archive`
copy of the package as DIR/rsearch) and reads INDEX_DIR, or INDEX when given
(a copy converted to a newer format). With `--outputs`, each copy's stdout
of every command is written there (NAME/LABEL.json), to compare the
answers; `--rounds 0` only writes them. The indexes are only read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (label, arguments after `rsearch`): each filter kind narrow and broad,
# alone and combined; values the benchmark's archive corpus (archive.py) holds.
FILTERS = [
    ("none", ["search", "海關"]),
    ("report", ["search", "海關", "--report", "report-00120"]),
    ("report x3", ["search", "海關", "--report", "report-00120", "--report", "report-00001",
                   "--report", "report-00042"]),
    ("agency", ["search", "海關", "--agency", "關務署"]),
    ("agency narrow", ["search", "海關", "--agency", "衛生福利部"]),
    ("since 2020", ["search", "海關", "--since", "2020"]),
    ("until 2018-06", ["search", "海關", "--until", "2018-06"]),
    ("since 1912", ["search", "海關", "--since", "1912"]),
    ("since-until month", ["search", "海關", "--since", "2019-03", "--until", "2019-04"]),
    ("type 開會", ["search", "海關", "--type", "開會"]),
    ("type 考察", ["search", "檢疫犬", "--type", "考察"]),
    ("type none", ["search", "海關", "--type", "進修"]),
    ("meeting", ["search", "海關", "--meeting", "SCCP"]),
    ("topic", ["search", "海關", "--topic", "IPR"]),
    ("section 心得", ["search", "海關", "--section", "心得"]),
    ("section 會議紀要", ["search", "海關", "--section", "會議紀要"]),
    ("section 心得 (建議)", ["search", "建議", "--section", "心得"]),
    ("section part 紀要", ["search", "海關", "--section", "紀要"]),
    ("section 一、會議", ["search", "海關", "--section", "一、會議"]),
    ("agency+since", ["search", "海關", "--agency", "關務署", "--since", "2020"]),
    ("type+section", ["search", "海關", "--type", "開會", "--section", "會議紀要"]),
    ("meeting+topic", ["search", "海關", "--meeting", "SCCP", "--topic", "IPR"]),
    ("all filters", ["search", "AEO", "--agency", "關務署", "--since", "2015", "--until",
                     "2023", "--type", "開會", "--meeting", "SCCP", "--topic", "IPR",
                     "--section", "會議紀要"]),
]


def timed(cmd: list[str], env: dict, out: Path | None) -> tuple[float, float]:
    """Wall and CPU seconds of one command; its stdout kept in `out` if given."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%U %S", "-o", t.name, *cmd], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        user, system = t.read().split()[-2:]
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed (exit {done.returncode})")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(done.stdout)
    return wall, float(user) + float(system)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index_dir", type=Path)
    ap.add_argument("--code", action="append", required=True, help="NAME=DIR")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--outputs", type=Path)
    ap.add_argument("--only", help="labels, comma-separated")
    args = ap.parse_args()
    codes = [tuple(c.split("=", 1)) for c in args.code]
    indexes = {name: Path(path.partition(":")[2] or args.index_dir) for name, path in codes}
    codes = [(name, path.partition(":")[0]) for name, path in codes]
    wanted = set(args.only.split(",")) if args.only else None
    filters = [(label, a) for label, a in FILTERS if wanted is None or label in wanted]
    base = os.environ.copy()
    base.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules compiled once
    base["NO_COLOR"] = "1"
    envs = {name: dict(base, PYTHONPATH=path) for name, path in codes}
    cmd = {name: [sys.executable, "-m", "rsearch.cli", "--index-dir", str(indexes[name])]
           for name, _ in codes}
    print(f"{', '.join(f'{n}: {i}' for n, i in indexes.items())}, {args.rounds} rounds; "
          f"load average {os.getloadavg()}")
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for label, a in filters:
        for name, _ in codes:  # one untimed run each: the page cache warm
            out = args.outputs / name / f"{label}.json" if args.outputs else None
            timed(cmd[name] + a + ["-f", "json"], envs[name], out)
        if not args.rounds:
            continue
        for _ in range(args.rounds):
            for name, _ in codes:
                runs.setdefault((label, name), []).append(
                    timed(cmd[name] + a + ["-f", "json"], envs[name], None))
        line = f"{label:20}"
        for name, _ in codes:
            walls, cpus = zip(*runs[(label, name)], strict=True)
            line += (f"  {name}: wall {statistics.median(walls):.3f}/{p95(walls):.3f}"
                     f" cpu {statistics.median(cpus):.3f}/{p95(cpus):.3f}")
        print(line, flush=True)
    print(f"load average {os.getloadavg()}; figures p50/p95 seconds")


if __name__ == "__main__":
    main()
