"""Counting (counting.py) over arrays, for searches whose terms many passages
hold: the passages a spelling may be in as sorted numpy arrays made from the
postings ranking read as arrays (arrays.ArrayBounds), and their reports from
the place column read window by window.

Python sets of a common word's passages (1.6 million for 海關 at 100,000
reports) cost some 60 bytes a passage each, and counting holds several; the
place column read whole holds 24 bytes of every passage of the index. Arrays
hold 8 bytes a passage, and places are read a window at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from ..analysis import JOIN, joins
from ..storage import (
    PLACE_KEY_BYTES,
    PLACE_SIZE,
    fixed_bytes_reader,
    read_column,
)
from .arrays import ArrayBounds, members, union
from .counting import Spellings
from .report_parts import reports_of_parts


class DocArray:
    """Passages as a sorted array of document numbers, with the set operations
    counting.py takes (|, &, -); `&` takes a filter's admitted passages too."""

    __slots__ = ("docs",)

    def __init__(self, docs: np.ndarray):
        self.docs = docs

    @classmethod
    def of(cls, docs: Iterable[int] = ()) -> DocArray:
        if isinstance(docs, DocArray):
            return docs
        if isinstance(docs, np.ndarray):
            return cls(docs)
        return cls(np.array(sorted(set(docs)), np.int64))

    # With an empty side, an operation gives back an operand as it is (arrays
    # are never changed in place): no copy, no sort of a million passages.

    def __or__(self, other) -> DocArray:
        other = DocArray.of(other)
        if not len(other.docs):
            return self
        if not len(self.docs):
            return other
        return DocArray(union([self.docs, other.docs]))

    def __and__(self, other) -> DocArray:
        if not len(self.docs):
            return self
        if hasattr(other, "mask") and not isinstance(other, DocArray):
            return DocArray(self.docs[other.mask(self.docs)])  # a filter's passages
        other = DocArray.of(other)
        if not len(other.docs):
            return other
        return DocArray(self.docs[members(self.docs, other.docs)])

    def __sub__(self, other) -> DocArray:
        other = DocArray.of(other)
        if not len(self.docs) or not len(other.docs):
            return self
        return DocArray(self.docs[~members(self.docs, other.docs)])

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self) -> Iterator[int]:
        return iter(self.docs.tolist())

    def __contains__(self, docnum: object) -> bool:
        return isinstance(docnum, int) and bool(members(self.docs, np.array([docnum]))[0])


class ArraySpellings(Spellings):
    """IndexSpellings over arrays: the same passages, from the postings the
    search's ranking read (ArrayBounds: each term read once)."""

    def __init__(self, bounds: ArrayBounds, sets: Spellings, allowed):
        self.bounds, self.sets, self.allowed = bounds, sets, allowed

    def collected(self, docs=()) -> DocArray:
        return DocArray.of(docs)

    def text_docs(self, tokens: list[str]) -> DocArray:
        c = self.bounds.candidates
        required = list(dict.fromkeys(c.required_grams(tokens)))
        if not required:  # a lone character: the index terms that hold it (sets)
            return DocArray.of(self.sets.text_docs(tokens))
        pairs = joins(tokens)
        joined = {t for pair in pairs for t in pair.split(JOIN)}
        terms = [("grams", g) for g in required if not pairs or g not in joined]
        terms += [("joins", j) for j in pairs]
        return self._holding_every(terms)

    def heading_docs(self, tokens: list[str]) -> DocArray:
        if not self.bounds.candidates.required_grams(tokens):
            return DocArray.of(self.sets.heading_docs(tokens))
        return DocArray(self.bounds.heading_docs(tokens, self.allowed))

    def _holding_every(self, terms: list[tuple[str, str]]) -> DocArray:
        """Documents the filter admits holding every (field, term): the
        rarest's (within the filter), narrowed."""
        terms = list(dict.fromkeys(terms))
        rarest = min(terms, key=lambda pair: self.bounds.candidates.frequency(*pair))
        ids, _ = self.bounds.postings_within(*rarest, self.allowed)
        return DocArray(ids[self.bounds.holding([t for t in terms if t != rarest], ids)])


# Places read at a time: 65,536 of 24 bytes, 1.5 MB.
WINDOW = 1 << 16


def array_report_count(searcher, docs: np.ndarray, prefixes) -> int:
    """index_counts.report_count() of sorted documents, their places read a
    window at a time: runs of passages of one report part (a report's
    passages stand together) are counted, not passages."""
    if not len(docs):
        return 0
    by_prefix: dict[bytes, list[tuple[int, int]]] = {}
    for start, end, part in report_runs(searcher.reader(), docs):
        by_prefix.setdefault(part, []).append((start, end))
    return reports_of_parts(searcher, by_prefix, prefixes, lambda runs: (
        d for start, end in runs for d in docs[start:end].tolist()))


def report_runs(reader, docs: np.ndarray) -> Iterator[tuple[int, int, bytes]]:
    """(first, past the last, report part) of each run of these documents
    (positions in `docs`) whose places share a report part; a document past
    its segment's places has the part b"" (it is no passage)."""
    column = read_column(reader, "order")
    parts = getattr(column, "_readers", [column])
    starts = getattr(column, "_doc_offsets", [0])
    bounds = [*starts[1:], reader.doc_count_all()]
    run_start, run_part = 0, None
    for start, end, part in zip(starts, bounds, parts, strict=True):
        first, last = np.searchsorted(docs, [start, end])
        for at, found in _segment_parts(part, docs[first:last] - start):
            for offset, value in found:
                if value != run_part:
                    if run_part is not None:
                        yield run_start, first + at + offset, run_part
                    run_start, run_part = first + at + offset, value
    if run_part is not None:
        yield run_start, len(docs), run_part


def _segment_parts(part, local: np.ndarray) -> Iterator[tuple[int, list[tuple[int, bytes]]]]:
    """For windows of one segment's documents (sorted, numbered in it): (the
    window's first position, [(position in the window, report part)] where
    the part changes from the document before)."""
    found = fixed_bytes_reader(part)
    if found is None or found[0] != PLACE_SIZE:  # not fixed-width: one by one
        values = [(i, part[d][:PLACE_KEY_BYTES]) for i, d in enumerate(local.tolist())]
        yield 0, values
        return
    _, count, read = found
    at = 0
    while at < len(local):
        window_start = int(local[at])
        stop = int(np.searchsorted(local, window_start + WINDOW))
        window = local[at:stop] - window_start
        written = max(0, min(WINDOW, count - window_start))
        data = np.frombuffer(read(window_start * PLACE_SIZE, written * PLACE_SIZE), np.uint8)
        rows = data.reshape(written, PLACE_SIZE)[:, :PLACE_KEY_BYTES]
        inside = window < written
        changes: list[tuple[int, bytes]] = []
        held = window[inside]
        if len(held):
            taken = rows[held]
            new = np.ones(len(held), bool)
            new[1:] = (taken[1:] != taken[:-1]).any(axis=1)
            changes = [(int(i), taken[j].tobytes()) for i, j in
                       zip(np.flatnonzero(inside)[new].tolist(), np.flatnonzero(new).tolist(),
                           strict=True)]
        # (Documents past the places written come last in a segment.)
        changes += [(int(i), b"") for i in np.flatnonzero(~inside)[:1].tolist()]
        yield at, changes
        at = stop
