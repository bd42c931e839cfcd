"""`rsearch optimize`: the index's segments merged into few.

Every search visits every segment (a build of 100,000 reports leaves 39).
Merges are chosen by merging.next_merge and written by segment_merge, which
streams postings term by term, so memory stays bounded whatever the size of
the archive. Each merge is committed on its own: a new segment, a new table
of contents, then the generation's checksums (the commit point); an
interrupted optimize leaves the index as its last sealed merge left it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import damage_reported
from ..storage import current_generation, index_segments, open_whoosh, read_roots, seal_generation
from .merging import MAX_MERGE_BYTES, next_merge
from .segment_merge import SegmentMerge
from .store import WriteLock, _remove_unlisted_segments


@dataclass
class OptimizeResult:
    """What one optimize did."""

    index_dir: str
    segments_before: int = 0
    segments_after: int = 0
    merges: int = 0
    documents: int = 0  # documents copied, over all merges
    seconds: float = 0.0


def optimize_index(index_dir: Path, segments: int = 1,
                   progress: Callable[[int, int], None] | None = None) -> OptimizeResult:
    """Merge the index's segments until at most `segments` are left.
    `progress(done, total)` counts work over the merges planned, in documents
    (each copied, then its share of the postings merged: two a document)."""
    started = time.perf_counter()
    index_dir = Path(index_dir)
    result = OptimizeResult(str(index_dir))
    with WriteLock(index_dir), damage_reported(index_dir):
        generation = current_generation(index_dir)
        ix = open_whoosh(generation)
        _remove_unlisted_segments(ix)  # of a commit cut short before its checksums
        listed = index_segments(ix)
        result.segments_before = len(listed)
        total = _planned(listed, segments)
        roots = read_roots(generation)
        while chosen := _capped(generation, listed, next_merge([s.doc_count() for s in listed],
                                                              segments)):
            writer = SegmentMerge(ix, [listed[n] for n in chosen],
                                  _told(progress, 2 * result.documents, 2 * total))
            try:
                writer.commit_merge()
            except BaseException:
                with contextlib.suppress(Exception):  # not if the commit got that far
                    writer.cancel()
                _remove_unlisted_segments(ix)
                raise
            result.documents += writer.copied
            result.merges += 1
            seal_generation(generation, roots)
            listed = index_segments(ix)
        result.segments_after = len(listed)
    result.seconds = time.perf_counter() - started
    return result


def _capped(generation: Path, listed: list, chosen: list[int]) -> list[int]:
    """Of the segments chosen, the smallest whose files hold at most
    MAX_MERGE_BYTES together (none when fewer than two do)."""
    sizes = {n: (generation / f"{listed[n].segment_id()}.seg").stat().st_size for n in chosen}
    kept, total = [], 0
    for n in sorted(chosen, key=lambda n: (sizes[n], n)):
        if total + sizes[n] > MAX_MERGE_BYTES:
            break
        kept.append(n)
        total += sizes[n]
    return sorted(kept) if len(kept) >= 2 else []


def _told(progress: Callable[[int, int], None] | None, done: int,
          total: int) -> Callable[[int], None] | None:
    """A merge's progress as the whole optimize's."""
    if progress is None:
        return None
    return lambda worked: progress(min(done + worked, total), total)


def _planned(listed: list, segments: int) -> int:
    """The documents the merges next_merge will choose copy, in all (at most:
    MAX_MERGE_BYTES may stop them sooner)."""
    counts, total = [s.doc_count() for s in listed], 0
    while chosen := next_merge(counts, segments):
        merged = sum(counts[n] for n in chosen)
        total += merged
        counts = [c for n, c in enumerate(counts) if n not in chosen] + [merged]
    return total
