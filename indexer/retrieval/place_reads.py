"""The places (storage.places) of many passages at once, to break a tie.

An archive repeats template paragraphs: thousands of passages in as many
reports may score what the last of the top does, and each is ruled in or out
by its place alone (leaders.py). Looked up one at a time, every place costs a
read of the column; here the places of passages that lie near each other in a
segment are read in one piece (nearby passages of a report, or reports next
to each other): documents at most NEAR apart, PIECE places at most.

A segment whose places ascend with its document numbers (as a build that
adds reports in order writes them; nothing guarantees it) holds the tied
passages placed up to the last of the top as its first few: PlaceOrder finds
them by binary search, reading a few places, not all of them. Whether a
segment's places ascend is read once, whole, and kept by the opened index.
"""

from __future__ import annotations

from bisect import bisect_right

from ..storage import PLACE_SIZE, fixed_bytes_reader

# Passages read in one piece when they lie at most this many documents apart.
NEAR = 512
PIECE = 4096
# A segment's order is read (its places whole: 2.8 MB, some 3 ms, for a
# segment of 118,000 documents at 100,000 reports) when a tie asks about this
# many of its passages; fewer are read in pieces.
ORDER_FROM = 64


def places_at(reader, column, docs: list[int]) -> dict[int, bytes]:
    """The place of each of these documents: `column` is the reader's place
    column (read_column(reader, "order")), looked up one by one where its
    segments do not hold fixed-width places."""
    parts = getattr(column, "_readers", None) or [column]
    starts = getattr(column, "_doc_offsets", None) or [0]
    out: dict[int, bytes] = {}
    for docnum in sorted(set(docs)):
        out[docnum] = b""
    ordered = list(out)
    segment_of = [bisect_right(starts, d) - 1 for d in ordered]
    at = 0
    while at < len(ordered):
        segment = segment_of[at]
        stop = at
        while stop < len(ordered) and segment_of[stop] == segment:
            stop += 1
        _read_segment(parts[segment], starts[segment], ordered[at:stop], out)
        at = stop
    return out


def _read_segment(part, start: int, docs: list[int], out: dict[int, bytes]) -> None:
    """Places of one segment's documents (sorted, numbered in the reader)."""
    found = fixed_bytes_reader(part)
    if found is None or found[0] != PLACE_SIZE:
        for docnum in docs:
            out[docnum] = part[docnum - start]
        return
    _, count, read = found
    at = 0
    while at < len(docs):
        first = docs[at] - start
        if first >= count:  # past the places written: Whoosh's default
            out[docs[at]] = part[first]
            at += 1
            continue
        stop = at + 1
        while (stop < len(docs) and docs[stop] - start < count
               and docs[stop] - docs[stop - 1] <= NEAR and docs[stop] - docs[at] < PIECE):
            stop += 1
        last = docs[stop - 1] - start
        data = bytes(read(first * PLACE_SIZE, (last - first + 1) * PLACE_SIZE))
        for docnum in docs[at:stop]:
            offset = (docnum - start - first) * PLACE_SIZE
            out[docnum] = data[offset:offset + PLACE_SIZE]
        at = stop


class PlaceOrder:
    """Which segments of an opened index hold their places in ascending
    document order, each read once when a tie first asks about many of its
    passages; kept for the searches after."""

    def __init__(self):
        self._ascending: dict[int, bool] = {}  # by segment (its number in the reader)

    def placed_up_to(self, column, docs: list[int], last: bytes) -> list[int]:
        """Of these documents, those that may be placed at or before `last`:
        all but those of a segment whose places ascend placed after it
        (found by binary search over the segment's documents asked about)."""
        parts = getattr(column, "_readers", None) or [column]
        starts = getattr(column, "_doc_offsets", None) or [0]
        ordered = sorted(set(docs))
        kept: list[int] = []
        at = 0
        while at < len(ordered):
            segment = bisect_right(starts, ordered[at]) - 1
            stop = bisect_right(ordered, (starts[segment + 1] - 1) if segment + 1 < len(starts)
                                else ordered[-1])
            kept += self._segment_up_to(segment, parts[segment], starts[segment],
                                        ordered[at:stop], last)
            at = stop
        return kept

    def _segment_up_to(self, segment: int, part, start: int, docs: list[int],
                       last: bytes) -> list[int]:
        if len(docs) < ORDER_FROM and segment not in self._ascending:
            return docs
        found = fixed_bytes_reader(part)
        if found is None or found[0] != PLACE_SIZE:
            return docs
        _, count, read = found
        if segment not in self._ascending:
            self._ascending[segment] = ascending(bytes(read(0, count * PLACE_SIZE)))
        if not self._ascending[segment]:
            return docs
        # Documents past the places written take Whoosh's default: kept.
        written = bisect_right(docs, start + count - 1)
        low, high = 0, written  # the first placed after `last` lies in [low, high]
        while low < high:
            middle = (low + high) // 2
            if part[docs[middle] - start] <= last:
                low = middle + 1
            else:
                high = middle
        return docs[:low] + docs[written:]


def ascending(places: bytes) -> bool:
    """Whether fixed-width places, side by side, never go down."""
    import numpy as np

    if PLACE_SIZE % 8:
        values = np.frombuffer(places, f"S{PLACE_SIZE}")
        # (Fixed-width bytes compare as bytes do: a shorter value is padded
        # with NULs, which sort first.)
        return bool((values[1:] >= values[:-1]).all())
    # Places as big-endian 8-byte words compare as their bytes do, word by
    # word: a third of the time of comparing them as strings of bytes (1.8
    # → 0.5 ms for a segment of 118,000 passages), paid once a segment by a
    # warm process's first tie in it.
    words = np.frombuffer(places, ">u8").reshape(-1, PLACE_SIZE // 8).astype(np.uint64)
    before, after = words[:-1], words[1:]
    rising = after[:, -1] >= before[:, -1]
    for column in range(words.shape[1] - 2, -1, -1):
        rising = (after[:, column] > before[:, column]) | (
            (after[:, column] == before[:, column]) & rising)
    return bool(rising.all())
