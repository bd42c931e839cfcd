"""The places (storage.places) of many passages at once, to break a tie.

An archive repeats template paragraphs: thousands of passages in as many
reports may score what the last of the top does, and each is ruled in or out
by its place alone (leaders.py). Looked up one at a time, every place costs a
read of the column; here the places of passages that lie near each other in a
segment are read in one piece (nearby passages of a report, or reports next
to each other): documents at most NEAR apart, PIECE places at most.
"""

from __future__ import annotations

from bisect import bisect_right

from ..storage import PLACE_SIZE, fixed_bytes_reader

# Passages read in one piece when they lie at most this many documents apart.
NEAR = 512
PIECE = 4096


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
