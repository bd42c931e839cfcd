"""What a cold search imports, and what each import costs: every module's
execution timed (CPU, its own time without the modules it imports, however
they are imported: `-X importtime` misses those a package loads with
importlib on first use) over a few runs of one `rsearch` command, each
module's time the least any run gave it (a loaded machine only adds), summed
by family.

    python benchmarks/imports.py INDEX_DIR [--runs 5] [--top 25] [-- ARGS...]

ARGS default to `search 海關 -f json`. The index is only read here.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
from pathlib import Path

FAMILIES = ("rsearch", "numpy", "whoosh", "click", "tabulate", "platformdirs", "deflate",
            "cached_property", "jieba", "rjieba")

# Run in the measured process: every loader's exec_module timed, its own time
# (less the modules it imports meanwhile) written as JSON to stderr's last line.
# (A finder needs no base class: importlib.abc imports importlib.resources,
# which loads tempfile, shutil and random, modules a search does without.)
PROBE = r"""
import json, sys, time
own, stack = {}, []
class Timed:
    def find_spec(self, name, path=None, target=None):
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        run = loader.exec_module
        def exec_module(module, run=run, name=name):
            stack.append(0.0)
            start = time.process_time()
            try:
                run(module)
            finally:
                spent = time.process_time() - start
                inner = stack.pop()
                own[name] = own.get(name, 0.0) + spent - inner
                if stack:
                    stack[-1] += spent
        try:
            loader.exec_module = exec_module
        except AttributeError:
            pass
        return spec
sys.meta_path.insert(0, Timed())
start = time.process_time()
sys.argv = ["rsearch"] + sys.argv[1:]
import runpy
try:
    runpy.run_module("rsearch.cli", run_name="__main__")
except SystemExit:
    pass
finally:
    own["(process after start)"] = time.process_time() - start
    sys.stderr.write("\n" + json.dumps(own) + "\n")
"""


def one_run(command: list[str], env: dict) -> dict[str, float]:
    """Each module's own execution time (seconds of CPU) in one run."""
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


def family(module: str) -> str:
    top = module.split(".")[0]
    return top if top in FAMILIES else "stdlib and others"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=25, help="costliest modules shown")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    args.args = argv[cut + 1:] or ["search", "海關", "-f", "json"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    command = [sys.executable, "-c", PROBE, "--index-dir", str(args.index_dir), *args.args]
    runs = [one_run(command, env) for _ in range(args.runs)]
    total = min(run.pop("(process after start)") for run in runs)
    modules = set().union(*runs)
    least = {m: min(run.get(m, 0.0) for run in runs) for m in modules}
    by_family = collections.Counter()
    for module, spent in least.items():
        by_family[family(module)] += spent
    print(f"rsearch {' '.join(args.args)}: {len(modules)} modules, least of {args.runs} runs, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"after Python's start {total * 1000:.1f} ms CPU; imports "
          f"{sum(least.values()) * 1000:.1f} ms: " + ", ".join(
              f"{name} {spent * 1000:.1f}" for name, spent in by_family.most_common()))
    for module, spent in sorted(least.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {spent * 1000:7.2f} ms  {module}")


if __name__ == "__main__":
    main()
