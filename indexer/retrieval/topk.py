"""Choosing a search's best passages: bounds on every candidate from the index
(over arrays for a term with many), then passages read best bound first and
scored exactly from the match strings of their text. One TopK serves one
search."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from functools import partial
from itertools import chain

from ..storage import StoredPassage, heading_match, order_key, read_column
from .candidates import Candidates
from .leaders import Leaders
from .query import Node, Soft, Term
from .ranking import (
    FULL_MATCH,
    HEADING_WEIGHT,
    K1,
    PHRASE_BONUS,
    ResolvedTerm,
    evaluate,
    final_score,
    passage_text,
    phrase,
)


class TopK:
    """The best passages of one search."""

    def __init__(self, searcher, candidates: Candidates, node: Node, resolved: dict):
        self.searcher, self.candidates = searcher, candidates
        self.node, self.resolved = node, resolved
        # Passages under the same headings, in one report or many, share them.
        self._heading_matches: dict[tuple, str] = {}
        self._places = self._contents = None
        self._scores: dict[bytes, float] = {}  # by content key

    def whole(self, positive: list[ResolvedTerm], allowed: set | None,
              limit: int) -> tuple[dict[int, tuple], Container[int]]:
        """The best passages that contain the query whole, and every candidate seen."""
        if isinstance(self.node, Term):
            if self.candidates.bounded_as_arrays(positive[0]):
                from .arrays import Marked, best_first_of

                arrays = self.candidates.arrays
                docs, ceilings = arrays.term_ceilings(positive[0], allowed)
                return (self.top_of(best_first_of(docs, ceilings), limit),
                        Marked(docs, arrays.size))
            ceilings = self.candidates.term_ceilings(positive[0], allowed)
            return self.top_of(by_bound(ceilings), limit), ceilings
        if isinstance(self.node, Soft) and len(positive) >= 2:
            return self.top_by_coverage(positive, allowed, limit)
        bounds = self.candidates.evidence(positive, allowed)
        self.candidates.mark_apart(self.node, self.resolved, bounds)
        return self.top(bounds, limit), bounds

    def place(self, docnum: int) -> bytes:
        """A passage's place in the archive (for ties), without reading it."""
        if self._places is None:
            self._places = read_column(self.searcher.reader(), "order")
        return self._places[docnum]

    def exact(self, docnum: int) -> tuple[float, bytes | None]:
        """A passage's exact score from its stored text, and its place for ties
        (None when its content was scored already: it is not read again)."""
        if self._contents is None:
            self._contents = read_column(self.searcher.reader(), "content")
        content = self._contents[docnum]
        score = self._scores.get(content)
        if score is not None:
            return score, None
        stored = self.searcher.stored[docnum]
        passage = StoredPassage.of(stored)
        headings = self._heading_matches.get(passage.headings)
        if headings is None:
            headings = self._heading_matches[passage.headings] = heading_match(passage.headings)
        text = passage_text(passage.text, headings, passage.length)
        score = self._scores[content] = final_score(evaluate(self.node, self.resolved, text),
                                                    passage.weight)
        return score, order_key(passage.report, passage.number)

    def top_by_coverage(self, positive: list[ResolvedTerm], allowed: set | None,
                        limit: int) -> tuple[dict[int, tuple], dict]:
        """The best passages for words typed side by side, and every candidate:
        the candidates that may hold the most words first. Each word held is
        worth 100, more than any BM25 part, so once the top is full, passages
        that may hold fewer words are not bounded at all."""
        candidates = self.candidates
        only_words = all(isinstance(c, Term) for c in self.node.children)
        if only_words and candidates.bounded_as_arrays(*positive):
            return self.top_by_coverage_over_arrays(positive, allowed, limit)
        found_by_term = {id(r): candidates.term_evidence(r, allowed) for r in positive}
        # A word typed twice counts twice, as the query's evaluation counts it.
        held = Counter(chain.from_iterable(
            found_by_term[id(r)][0].keys() | found_by_term[id(r)][1].keys() for r in positive))
        groups: dict[int, list[int]] = {}
        for docnum, count in held.items():
            groups.setdefault(count, []).append(docnum)
        most_bm25 = sum(r.idf * (K1 + 1 + HEADING_WEIGHT) for r in positive)
        found: dict[int, tuple] = {}
        for count in sorted(groups, reverse=True):
            scores = heapq.nlargest(limit, (score for score, _ in found.values()))
            # Words stand together only in a passage that holds them all.
            bonus = PHRASE_BONUS if count == len(positive) else 0
            if len(scores) >= limit and scores[-1] > FULL_MATCH * (count + bonus) + most_bm25:
                break
            docs = groups[count]
            if only_words:
                tokens = phrase(self.node, self.resolved) if bonus else []
                together = candidates.together(tokens, docs) if tokens else set()
                found.update(self.top_of(by_bound(candidates.words_ceilings(
                    positive, found_by_term, docs, count, together)), limit))
            else:
                bounds = candidates.bounds_of(found_by_term, docs)
                candidates.mark_apart(self.node, self.resolved, bounds)
                found.update(self.top(bounds, limit))
        return found, held

    def top_by_coverage_over_arrays(self, positive: list[ResolvedTerm], allowed: set | None,
                                    limit: int) -> tuple[dict[int, tuple], Container[int]]:
        """top_by_coverage() for words only, with their bounds over arrays."""
        from .arrays import Marked, best_first_of, by_words_held

        arrays = self.candidates.arrays
        docs, held, scores = arrays.words_evidence(positive, allowed)
        most_bm25 = sum(r.idf * (K1 + 1 + HEADING_WEIGHT) for r in positive)
        found: dict[int, tuple] = {}
        for count, group_docs, group_scores in by_words_held(docs, held, scores):
            best = heapq.nlargest(limit, (score for score, _ in found.values()))
            bonus = PHRASE_BONUS if count == len(positive) else 0
            if len(best) >= limit and best[-1] > FULL_MATCH * (count + bonus) + most_bm25:
                break
            tokens = phrase(self.node, self.resolved) if bonus else []
            together = arrays.together(tokens, group_docs) if tokens else False
            ceilings = FULL_MATCH * (count + PHRASE_BONUS * together) + group_scores
            found.update(self.top_of(best_first_of(group_docs, ceilings), limit))
        return found, Marked(docs, arrays.size)

    def top(self, bounds: dict, limit: int) -> dict[int, tuple]:
        """The best `limit` passages among the candidates, reading as few as possible."""
        return self.top_of(by_bound({docnum: final_score(evaluate(self.node, self.resolved, b))
                                     for docnum, b in bounds.items()}), limit)

    def top_of(self, ordered: Iterable[tuple[float, int]], limit: int) -> dict[int, tuple]:
        """The best `limit` passages among candidates given as (bound on the final
        score, document), best bound first, reading as few as possible."""
        found: dict[int, tuple] = {}
        leaders = Leaders(limit)
        for ceiling, docnum in ordered:
            if leaders.beyond(ceiling):
                break
            place = partial(self.place, docnum)
            if leaders.excludes(ceiling, place):
                continue
            score, key = self.exact(docnum)
            place_known = place if key is None else partial(bytes, key)
            # A passage that cannot join the best so far never will: not kept.
            if score <= 0 or leaders.excludes(score, place_known):
                continue
            key = place_known()
            found[docnum] = (score, key)
            leaders.add(score, key)
        return found


def by_bound(ceilings: dict[int, float]) -> Iterator[tuple[float, int]]:
    """(bound, document), best bound first (ties by document): a heap, as only
    the first few are read."""
    ordered = [(-ceiling, docnum) for docnum, ceiling in ceilings.items()]
    heapq.heapify(ordered)
    while ordered:
        negative, docnum = heapq.heappop(ordered)
        yield -negative, docnum
