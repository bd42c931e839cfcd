"""A one-term search's candidates best bound first, bounded exactly only as
far as the search reads.

A candidate's bound (arrays.ArrayBounds.ceilings_of) needs its length and
whether the index ranks it down: for a common term at 100,000 reports, a
lookup for each of a million candidates, when the search reads a few
thousand at most. Its mentions and heading alone give a roof over that
bound: the bound of a passage of the shortest length BM25 tells apart
(saturation never grows with length), not ranked down. Candidates are
bounded exactly a group at a time, highest roofs first, and one is handed on
once its bound beats every roof left: the same candidates in the same order
as bounding them all first (tests/test_refined.py).

Skipping windows of documents whose best bound cannot reach the top (block-max
WAND) does not pay on the benchmark archive: at 100,000 reports the top 10 of
each of its 20 queries is a tie of hundreds to 30,000 copies of a template
paragraph spread over the whole index: windows of 4,096 documents whose best
exact bound reaches the 10th score hold 34 % (海關) to all (附件, 電子商務) of
the candidates, so nearly every posting would be read all the same.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .arrays import SLICE
from .best_first import BestFirst, chunks_of
from .ranking import ResolvedTerm, term_ceiling

# The candidates of the first group bounded exactly; each next group holds
# GROWTH times as many.
FIRST = 1024
GROWTH = 4
# Past this many candidates, the cuts are chosen among every n-th roof (this
# many of them), not all: any falling cuts hand the candidates on in the same
# order (only how many are bounded at a time changes), and a selection among
# a million roofs cost 18-34 ms of a search for 海關 at 100,000 reports.
SAMPLE = 1 << 14


def roofs(r: ResolvedTerm, mentions: np.ndarray, heading: np.ndarray) -> np.ndarray:
    """A bound over each candidate's bound: its length the shortest BM25
    normalizes by (a length of 0, floored), its weight 1."""
    out = np.empty(len(mentions))
    for start in range(0, len(mentions), SLICE):
        part = slice(start, start + SLICE)
        out[part] = term_ceiling(r.idf, mentions[part], np.zeros(len(out[part])),
                                 heading[part], 1.0)
    return out


def best_first_refined(bounds, r: ResolvedTerm, docs: np.ndarray, mentions: np.ndarray,
                       heading: np.ndarray) -> BestFirst:
    """(bound, document) of a term's candidates (sorted, with their evidence
    from ArrayBounds.term_evidence()), highest bound first, ties by document:
    best_first_of(docs, bounds.ceilings_of(...)), bounding as few as it can."""
    return BestFirst(_refined_chunks(bounds, r, docs, mentions, heading))


def _refined_chunks(bounds, r: ResolvedTerm, docs: np.ndarray, mentions: np.ndarray,
                    heading: np.ndarray) -> Iterator[tuple[list[float], list[int]]]:
    """best_first_refined()'s pairs as chunks (best_first.chunks_of)."""
    high = roofs(r, mentions, heading)
    cuts = _cuts(high)
    pending = np.zeros(0, np.int64)  # bounded, not handed on yet
    pending_ceilings = np.zeros(0)
    above = np.inf
    for cut in cuts:
        group = np.flatnonzero((high >= cut) & (high < above))
        above = cut
        if not len(group):  # roofs tied across cuts
            continue
        below = high < cut
        # The highest roof left: no candidate left can be bound above it.
        left = high.max(where=below, initial=-np.inf) if below.any() else -np.inf
        ceilings = bounds.ceilings_of(r, docs[group], mentions[group], heading[group],
                                      out_of=len(docs))
        pending = np.concatenate([pending, group])
        pending_ceilings = np.concatenate([pending_ceilings, ceilings])
        ready = pending_ceilings > left
        if ready.any():
            yield from chunks_of(docs[pending[ready]], pending_ceilings[ready])
            pending, pending_ceilings = pending[~ready], pending_ceilings[~ready]


def _cuts(high: np.ndarray) -> list[float]:
    """Roofs that split the candidates into groups, highest first: the
    FIRST highest (and any tied with the last of them), then GROWTH times as
    many, and so on; the last cut takes every candidate."""
    ranks, size = [], FIRST
    while size < len(high):
        ranks.append(size - 1)
        size *= GROWTH
    if not ranks:
        return [-np.inf]
    # Among many, every n-th roof stands for the n around it.
    step = max(len(high) // SAMPLE, 1)
    if step > 1:
        high = high[::step]
        ranks = sorted({min(rank // step, len(high) - 1) for rank in ranks})
    # One selection finds every cut: the highest roofs come first (selected
    # in place in one copy of them).
    part = np.negative(high)
    part.partition(ranks)
    return [float(-part[rank]) for rank in ranks] + [-np.inf]
