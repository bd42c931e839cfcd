"""Where each query's first search in a warm process goes: one process, two
searches of queries outside bench.py's 20 first (the process's own first
search and the lengths its second keeps), then each query once, with the
CPU of the search and of its phases (each counted where it is entered
first, so a phase inside another is counted in both):

- idf: resolving the terms (the passages holding every gram of the typed
  spelling, counted);
- mentions: the passages that may hold each spelling, with their counts
  (the typed spelling's are those the idf counted);
- aliases: of those, the spellings other than the typed one;
- headings: the passages under a heading holding a spelling;
- union: the candidates placed among each other;
- top: candidates bounded and read, best bound first.

For a one-term query it also says whether a passage holding only the
term's other names could reach the 10th score at all (its roof: their
weighted highest counts, the shortest length, no heading): where it cannot,
MaxScore could leave those spellings unread but for the passages the typed
spelling or a heading holds.

    python benchmarks/first_searches.py INDEX_DIR

The index is only read. Internal functions are wrapped to time them: the
figures are for finding where the time goes, not for the issue's targets
(searches.py).
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

from bench import QUERIES, percentile  # noqa: E402

# Searched first: what a process pays once (its first search; the lengths
# its second keeps) is not counted in a query's first search.
WARM_UPS = ("研討會", "會議")


def wrapped(owner, name: str, label: str, spent: collections.Counter,
            active: collections.Counter, on_result=None) -> None:
    """Counts the CPU of `owner.name` under `label`, where it is entered first."""
    function = getattr(owner, name)

    def timed(*args, **kwargs):
        if active[label]:
            return function(*args, **kwargs)
        active[label] += 1
        start = time.process_time()
        try:
            result = function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start
            active[label] -= 1
        if on_result is not None:
            on_result(args, result, time.process_time() - start)
        return result

    setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index_dir", type=Path)
    args = parser.parse_args()
    from rsearch.indexer import ReportIndex
    from rsearch.indexer.retrieval import arrays, terms, topk
    from rsearch.indexer.retrieval.ranking import counted_spellings, term_ceiling

    spent: collections.Counter = collections.Counter()
    active: collections.Counter = collections.Counter()
    spellings: dict[tuple, tuple[float, float]] = {}  # first call: CPU, highest count
    seen: dict[str, list] = {}

    def spelling(call_args, result, cpu):
        key = tuple(call_args[1])
        if key not in spellings:
            spellings[key] = (cpu, float(result[1].max()) if len(result[1]) else 0.0)

    wrapped(terms.TermResolver, "resolve", "idf", spent, active)
    wrapped(arrays.ArrayBounds, "mention_bounds", "mentions", spent, active, spelling)
    wrapped(arrays.ArrayBounds, "heading_docs", "headings", spent, active)
    wrapped(arrays, "union_places", "union", spent, active)
    wrapped(topk.TopK, "top_of", "top", spent, active)
    wrapped(topk.TopK, "whole", "whole", spent, active,
            lambda call_args, result, cpu: seen.setdefault("positive", call_args[1]))
    cpus = []
    with ReportIndex(args.index_dir) as ix:
        for query in WARM_UPS:
            ix.search(query, limit=10)
        for query in QUERIES:
            spent.clear()
            spellings.clear()
            seen.clear()
            start = time.process_time()
            hits = ix.search(query, limit=10)
            cpu = time.process_time() - start
            cpus.append(cpu)
            line = f"{query}\t{1000 * cpu:.1f} ms\t" + " ".join(
                f"{label} {1000 * spent[label]:.1f}"
                for label in ("idf", "mentions", "headings", "union", "top"))
            positive = seen.get("positive")
            if positive and len(positive) == 1 and len(hits) == 10:
                r = positive[0]
                typed = tuple(r.variants[0].tokens)
                others = [(v, w) for v, w in counted_spellings(r.variants)
                          if tuple(v.tokens) != typed]
                roof = term_ceiling(r.idf, sum(w * spellings.get(tuple(v.tokens), (0, 0))[1]
                                               for v, w in others), 0, 0.0, 1.0)
                tenth = hits[9].score
                alias_cpu = sum(spellings.get(tuple(v.tokens), (0, 0))[0] for v, _ in others)
                line += (f"\taliases {1000 * alias_cpu:.1f} ms; alone at most {roof:.4f}, "
                         f"10th {tenth:.4f}: "
                         + ("cannot reach" if round(roof, 6) < round(tenth, 6) else "may reach"))
            print(line)
    print(f"first searches CPU p50 / p95 {1000 * statistics.median(cpus):.1f} / "
          f"{1000 * percentile(cpus, 0.95):.1f} ms")


if __name__ == "__main__":
    main()
