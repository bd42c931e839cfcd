"""How a search bounds its candidates, behind one interface.

Two ways give the same bounds (tests/test_arrays.py holds them equal): a
passage at a time, over sets and dicts of postings (candidates.py), or all
candidates at once over numpy arrays (arrays.py), which pays for numpy's
import only when a term's spellings hold many passages. Which one a search
takes is decided here (bounds_for); top-k asks the way it is given for
candidates best bound first, and knows neither.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from itertools import chain

from .candidates import Candidates
from .ranking import FULL_MATCH, PHRASE_BONUS, ResolvedTerm

# What a way gives: (bound on the final score, document), best bound first.
Ordered = Iterator[tuple[float, int]]


def bounds_for(candidates: Candidates, terms: list[ResolvedTerm], words_only: bool = True):
    """The way to bound these terms' candidates: over arrays when their
    spellings hold many passages (for a term, or words side by side), else a
    passage at a time (and always for a group that is not words only)."""
    if words_only and candidates.bounded_as_arrays(*terms):
        return ArrayWay(candidates)
    return DictWay(candidates)


class DictWay:
    """Bounds a passage at a time (Candidates)."""

    def __init__(self, candidates: Candidates):
        self.candidates = candidates
        self.found: dict[int, tuple[dict, dict]] = {}  # term_evidence() of each word

    def term(self, r: ResolvedTerm, allowed: set | None) -> tuple[Ordered, Container[int]]:
        """A one-term query's candidates best bound first, and all of them."""
        ceilings = self.candidates.term_ceilings(r, allowed)
        return by_bound(ceilings), ceilings

    def words(self, positive: list[ResolvedTerm], allowed: set | None
              ) -> tuple[Iterable[tuple[int, object]], Container[int]]:
        """Candidates of words side by side by how many words each may hold
        (a word typed twice counts twice), most first, and all of them."""
        self.found = {id(r): self.candidates.term_evidence(r, allowed) for r in positive}
        held = Counter(chain.from_iterable(
            self.found[id(r)][0].keys() | self.found[id(r)][1].keys() for r in positive))
        groups: dict[int, list[int]] = {}
        for docnum, count in held.items():
            groups.setdefault(count, []).append(docnum)
        return ((count, groups[count]) for count in sorted(groups, reverse=True)), held

    def words_ceilings(self, positive: list[ResolvedTerm], count: int, group,
                       tokens: list[str]) -> Ordered:
        """A group's candidates best bound first; `tokens`, the words as typed
        when the group may hold them all (else empty)."""
        together = self.candidates.together(tokens, group) if tokens else set()
        return by_bound(self.candidates.words_ceilings(positive, self.found, group, count,
                                                       together))

    def group_bounds(self, group) -> dict:
        """A group's bounds, to evaluate (a group of other than words)."""
        return self.candidates.bounds_of(self.found, group)


class ArrayWay:
    """Bounds of all candidates at once, over arrays (arrays.ArrayBounds)."""

    def __init__(self, candidates: Candidates):
        from . import arrays

        self.arrays, self.module = candidates.arrays, arrays

    def term(self, r: ResolvedTerm, allowed: set | None) -> tuple[Ordered, Container[int]]:
        """Candidates bounded exactly only as far as they are read (refined.py)."""
        from .refined import best_first_refined

        docs, mentions, heading = self.arrays.term_evidence(r, allowed)
        return (best_first_refined(self.arrays, r, docs, mentions, heading),
                self.module.Marked(docs))

    def words(self, positive: list[ResolvedTerm], allowed: set | None
              ) -> tuple[Iterable[tuple[int, object]], Container[int]]:
        docs, held, scores = self.arrays.words_evidence(positive, allowed)
        groups = ((count, (group_docs, group_scores)) for count, group_docs, group_scores
                  in self.module.by_words_held(docs, held, scores))
        return groups, self.module.Marked(docs)

    def words_ceilings(self, positive: list[ResolvedTerm], count: int, group,
                       tokens: list[str]) -> Ordered:
        docs, scores = group
        together = self.arrays.together(tokens, docs) if tokens else False
        from .best_first import best_first_of

        return best_first_of(
            docs, FULL_MATCH * (count + PHRASE_BONUS * together) + scores)


def by_bound(ceilings: dict[int, float]) -> Ordered:
    """(bound, document), best bound first (ties by document): a heap, as only
    the first few are read."""
    ordered = [(-ceiling, docnum) for docnum, ceiling in ceilings.items()]
    heapq.heapify(ordered)
    while ordered:
        negative, docnum = heapq.heappop(ordered)
        yield -negative, docnum
