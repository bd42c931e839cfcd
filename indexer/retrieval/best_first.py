"""Candidates handed on highest bound first, and a run of those that tie
taken at once.

At 100,000 reports the 10th passage of a common term (海關, 附件) ties
with thousands to some 30,000 copies of a template paragraph across the
archive; each is ruled out by its place (topk.TopK._untied), and pulling
them one at a time through the generators that order them cost 30-60 ms a
search. BestFirst holds the candidates as ordered chunks (lists of bounds
and documents) and hands on a run of those that tie, as ranking compares
them (leaders.tie_score), found by bisection in each chunk: the same
candidates in the same order as pulling them one by one
(tests/test_best_first.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .leaders import tie_score

# Candidates handed on, best bound first, at a time: most searches read a few.
CHUNK = 256


class BestFirst:
    """(bound, document) pairs, highest bound first, from chunks (a list of
    bounds and one of documents, each in that order, every bound of a
    chunk at least those of the chunks after it)."""

    def __init__(self, chunks: Iterator[tuple[list[float], list[int]]]):
        self._chunks = chunks
        self._bounds: list[float] = []
        self._docs: list[int] = []
        self._at = 0

    def __iter__(self) -> BestFirst:
        return self

    def _filled(self) -> bool:
        """Whether a pair is left (the next chunk taken up when needed)."""
        while self._at >= len(self._bounds):
            chunk = next(self._chunks, None)
            if chunk is None:
                return False
            (self._bounds, self._docs), self._at = chunk, 0
        return True

    def __next__(self) -> tuple[float, int]:
        if not self._filled():
            raise StopIteration
        at = self._at
        self._at += 1
        return self._bounds[at], self._docs[at]

    def tied(self, tie: float, most: int) -> tuple[list[float], list[int]]:
        """The next pairs (at most `most`) whose bound ties `tie` as ranking
        compares them, as (bounds, documents); the pair after them is next.
        Bounds only fall, so they are a run: its end found by bisection."""
        bounds: list[float] = []
        docs: list[int] = []
        while len(bounds) < most and self._filled():
            start = low = self._at
            high = min(len(self._bounds), start + most - len(bounds))
            while low < high:  # the first pair past the run
                middle = (low + high) // 2
                if tie_score(self._bounds[middle]) == tie:
                    low = middle + 1
                else:
                    high = middle
            bounds += self._bounds[start:low]
            docs += self._docs[start:low]
            self._at = low
            if low < len(self._bounds):  # the run ends in this chunk (or `most` is reached)
                break
        return bounds, docs


def best_first_of(docs: np.ndarray, ceilings: np.ndarray) -> BestFirst:
    """(bound, document) of candidates, highest bound first (ties by document).
    Most searches read a few: the best CHUNK (and any tied with the last of
    them) are sorted first, not all of them, then twice as many at a time.
    The rest are listed only when a search reads past the first chunk."""
    return BestFirst(chunks_of(docs, ceilings))


def chunks_of(docs: np.ndarray, ceilings: np.ndarray
              ) -> Iterator[tuple[list[float], list[int]]]:
    """best_first_of()'s pairs as chunks (bounds, documents)."""
    size = CHUNK
    if len(docs) > size:
        cut = len(docs) - size
        first = np.flatnonzero(ceilings >= np.partition(ceilings, cut)[cut])
        size *= 2
    else:
        first = np.arange(len(docs))
    yield _in_order(docs, ceilings, first)
    if len(first) == len(docs):
        return
    remaining = np.delete(np.arange(len(docs)), first)
    while len(remaining):
        if len(remaining) > size:
            values = ceilings[remaining]
            cut = len(values) - size
            taken = values >= np.partition(values, cut)[cut]
            chunk, remaining = remaining[taken], remaining[~taken]
            size *= 2
        else:
            chunk, remaining = remaining, remaining[:0]
        yield _in_order(docs, ceilings, chunk)


def _in_order(docs: np.ndarray, ceilings: np.ndarray, chunk: np.ndarray
              ) -> tuple[list[float], list[int]]:
    """The bounds and documents of these candidates, highest bound first,
    ties by document."""
    chunk = chunk[np.lexsort((docs[chunk], -ceilings[chunk]))]
    return ceilings[chunk].tolist(), docs[chunk].tolist()
