"""What the checksums cost: building (recording them) and searching
(verifying them), against the same work with them patched off.

    python benchmarks/checksum_cost.py INDEX_DIR [--rounds 7]

Build: the time to record the checksums of every file of the index's
generation (what a build spends on them), beside the build time you give
with --build-seconds. Search: the queries of benchmarks/bench.py run warm in
one process, checksums verified as read (on) and with every chunk taken as
verified and the small files unread (off), alternating, median of rounds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["單一窗口", "海關", "AEO", "檢疫", "電子商務", "WTO", "風險管理", "數位貿易",
           "關務合作", "食品安全"]


def record_seconds(generation: Path) -> tuple[float, int]:
    """Seconds to compute every checksum a commit records, and the bytes."""
    from rsearch.indexer.storage.checksums import SEGMENT_SUFFIX, chunk_crcs, file_crc

    started, size = time.perf_counter(), 0
    for path in sorted(generation.iterdir()):
        if path.name.endswith(SEGMENT_SUFFIX):
            chunk_crcs(path)
        elif path.suffix in (".toc", ".json"):
            file_crc(path)
        else:
            continue
        size += path.stat().st_size
    return time.perf_counter() - started, size


def checks_off():
    """Patch the verification off: every chunk counts as verified, small files unread."""
    from rsearch.indexer.storage import checksums

    def segment(self, name, real=checksums.GenerationChecks.segment):
        checks = real(self, name)
        checks.verified[:] = b"\1" * len(checks.verified)
        return checks

    checksums.GenerationChecks.segment = segment
    checksums.GenerationChecks.verify_small_files = lambda self: None


def search_ms(index_dir: Path, rounds: int) -> tuple[float, list[float]]:
    """The first round's CPU ms a search (chunks verified as first read), and
    the warm rounds' (the host is shared: CPU time, not wall time)."""
    from rsearch.indexer import ReportIndex

    with ReportIndex(index_dir) as ix:
        started = time.process_time()
        for q in QUERIES:
            ix.search(q, limit=10)
        first = (time.process_time() - started) * 1000 / len(QUERIES)
        times = []
        for _ in range(rounds):
            started = time.process_time()
            for q in QUERIES:
                ix.search(q, limit=10)
            times.append((time.process_time() - started) * 1000 / len(QUERIES))
        return first, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--off", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.off:
        checks_off()
    from rsearch.indexer.storage.generations import current_generation

    if not args.off:
        seconds, size = record_seconds(current_generation(args.index_dir))
        print(f"recording checksums: {seconds:.2f} s for {size / 1e6:.0f} MB")
    started = time.perf_counter()
    from rsearch.indexer import ReportIndex

    with ReportIndex(args.index_dir):
        pass
    print(f"open ({'off' if args.off else 'on'}): {(time.perf_counter() - started) * 1000:.0f} ms")
    first, times = search_ms(args.index_dir, args.rounds)
    print(f"search ({'off' if args.off else 'on'}), CPU ms a query: first round {first:.1f}, "
          f"warm min {min(times):.2f} median {statistics.median(times):.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
