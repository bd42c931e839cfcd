"""Which segments an update merges (a Whoosh merge policy).

Every search visits every segment, and every update adds one or two (its
reports', and the groups of names it recounted). Segments are put in tiers
by their live documents: up to TIER_BASE, then each TIER_FACTOR times more.
Once SMALL_SEGMENTS segments of one tier gather, an update merges them into
the segment it writes, as Lucene's tiered policy does: a document is merged
about once per tier, and segments stay few. A merge goes through Whoosh's
own reader, a few thousand documents a second, so an update never merges
more than MERGE_DOCS documents: larger segments (a build's, the groups of
names of a whole archive) are left as they are until a rebuild.
"""

from __future__ import annotations

from collections import defaultdict

from ..storage import segment_reader

SMALL_SEGMENTS = 4
TIER_BASE = 100
TIER_FACTOR = 4
# About 60 reports of the benchmark's archive: one such merge costs an update
# about what writing a few reports does.
MERGE_DOCS = 4000


def tier(docs: int) -> int:
    """The tier of a segment of this many live documents."""
    level, bound = 0, TIER_BASE
    while docs > bound:
        level, bound = level + 1, bound * TIER_FACTOR
    return level


def to_merge(counts: list[int]) -> list[int]:
    """Of segments with these live document counts, the positions of those to
    merge: every one of the lowest tier that has SMALL_SEGMENTS of them and
    no more than MERGE_DOCS documents in all; none when no tier does."""
    tiers: dict[int, list[int]] = defaultdict(list)
    for n, docs in enumerate(counts):
        tiers[tier(docs)].append(n)
    for level in sorted(tiers):
        members = tiers[level]
        if len(members) >= SMALL_SEGMENTS and sum(counts[n] for n in members) <= MERGE_DOCS:
            return members
    return []


def merge_small_segments(writer, segments: list) -> list:
    """The merge policy (Whoosh's `mergetype`): merge the segments `to_merge`
    picks into the segment being written. Returns those kept as they are."""
    chosen = set(to_merge([segment.doc_count() for segment in segments]))
    for n in sorted(chosen):
        reader = segment_reader(writer.storage, writer.schema, segments[n])
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [segment for n, segment in enumerate(segments) if n not in chosen]


# Segments one merge of `rsearch optimize` takes at most (Lucene's
# maxMergeAtOnceExplicit): a merge holds a term's postings and the term
# tables' places of this many segments at once.
MERGE_AT_ONCE = 30
# The most bytes of segment files one merge of `rsearch optimize` takes
# (Lucene's maxMergedSegmentBytes): the merge streams postings, but Whoosh's
# term table writer keeps an entry per term of the new segment in memory.
# Ten of the 39 segments of 100,000 reports, 360 MB, merged at a peak of
# 404 MB (2026-12-06).
MAX_MERGE_BYTES = 400 * 1024 * 1024


def next_merge(counts: list[int], target: int = 1, at_once: int = MERGE_AT_ONCE) -> list[int]:
    """Of segments with these live document counts, the positions of those an
    optimize merges next to leave `target` segments at the end, in the fewest
    merges of at most `at_once` segments: the smallest first, so that a
    document is copied as few times as it can be (merging 39 segments into
    one merges the 10 smallest, then the 30 left). None when no more than
    `target` are left."""
    n = len(counts)
    if n <= target or n < 2:
        return []
    removed = n - target  # a merge of k segments leaves k - 1 fewer
    size = removed % (at_once - 1) + 1
    if size == 1:
        size = min(at_once, removed + 1)
    by_size = sorted(range(n), key=lambda i: (counts[i], i))
    return sorted(by_size[:size])
