"""Choosing a search's best passages: from the impact tiers of a common term,
or from bounds on every candidate, reading passages best bound first and
scoring them exactly from the match strings of their text. One TopK serves one
search."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import chain

from .candidates import Candidates
from .impacts import HeadingSource, TierSource
from .leaders import Leaders, order_key
from .query import Node, Soft, Term
from .ranking import (
    FULL_MATCH,
    HEADING_WEIGHT,
    K1,
    PHRASE_BONUS,
    PassageText,
    ResolvedTerm,
    evaluate,
    final_score,
    phrase,
)
from .records import StoredPassage, heading_match
from .schema import read_column
from .tier_search import best_first

# Below this many passages for its largest spelling, a term's candidates are
# all bounded at once (tiers cost more than they save).
TIERS_FROM = 5000
# Tiers cost about four times as much per passage seen as bounding costs per
# candidate: a search whose tiers have seen more than 1/TIERS_GIVE_UP of the
# candidates bounds them all instead (at most half again the bounding's cost).
TIERS_GIVE_UP = 8


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
              limit: int) -> tuple[dict[int, tuple], dict]:
        """The best passages that contain the query whole, and every candidate seen."""
        sources = self.tier_sources(positive)
        if sources:
            candidate_count = sum(s.remaining for group in sources.values() for s in group)
            result = best_first(self.node, self.resolved, sources, allowed, limit,
                                self.candidates.lengths,
                                self.exact, self.place, candidate_count // TIERS_GIVE_UP,
                                partial(self.bounded_whole, positive[0], allowed))
            if result is not None:
                return result
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

    def tier_sources(self, positive: list[ResolvedTerm]) -> dict | None:
        """The impact tiers to read for a search, or None when bounding every
        candidate costs less.

        Tiers answer one term (with several, a passage that holds them all may
        hold them side by side, which only its text tells), each spelling with
        index terms of its own (a lone Chinese character has none). They pay
        when one spelling holds most of the passages: the others are read whole
        first, and reading tiers costs more per passage than bounding it (once
        the others alone are more than tiers may see before giving up, they
        would give up before the largest spelling's first tier)."""
        if len(positive) != 1 or not all(self.candidates.required_grams(v.tokens)
                                         for v in positive[0].variants):
            return None
        sources = self.sources(positive[0])
        sizes = sorted((s.remaining for s in sources if not s.heading), reverse=True)
        if not sizes or sizes[0] < TIERS_FROM or sizes[0] < 2 * sum(sizes[1:]):
            return None
        if sum(sizes[1:]) > sum(s.remaining for s in sources) // TIERS_GIVE_UP:
            return None
        return {id(positive[0]): sources}

    def bounded_whole(self, term: ResolvedTerm, allowed: set | None, sources: list
                      ) -> tuple[set[int], dict[int, float]]:
        """Every passage these tier sources give (those holding the rarest index
        term of their spelling), and the final bounds of the term's candidates
        among them, from the index as a search without tiers bounds them."""
        given = set().union(*(self.candidates.term_docs("grams", s.required[0])
                              for s in sources))
        if allowed is not None:
            given &= allowed
        return given, self.candidates.term_ceilings(term, given) if given else {}

    def sources(self, term: ResolvedTerm) -> list:
        """The tiers of the term's spellings that no other spelling lies within:
        every mention of 跨境電子商務 is one of 電子商務, and counts once with it
        at the weight of the longer name (in a heading too)."""
        variants = term.variants
        sources: list = []
        for v in variants:
            if any(o is not v and o.needle in v.needle for o in variants):
                continue
            required = self.candidates.required_grams(v.tokens)
            weight = max(o.weight for o in variants if v.needle in o.needle)
            sources.append(TierSource(self.searcher, required, weight, term.idf, v.needle))
            if not term.term.quoted:
                sources.append(HeadingSource(self.searcher, required, weight, term.idf,
                                             v.needle))
        return sources

    def place(self, docnum: int) -> bytes:
        """A passage's place in the archive (for ties), without reading it."""
        if self._places is None:
            self._places = read_column(self.searcher.reader(), "order")
        return self._places[docnum]

    def exact(self, docnum: int) -> tuple[float, bytes]:
        """A passage's exact score from its stored text, and its place for ties.
        A passage whose content was scored already is not read again."""
        if self._contents is None:
            self._contents = read_column(self.searcher.reader(), "content")
        content = self._contents[docnum]
        score = self._scores.get(content)
        if score is not None:
            return score, self.place(docnum)
        stored = self.searcher.stored[docnum]
        passage = StoredPassage.of(stored)
        headings = self._heading_matches.get(passage.headings)
        if headings is None:
            headings = self._heading_matches[passage.headings] = heading_match(passage.headings)
        text = PassageText(passage.match, headings, passage.length)
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
        found_by_term = {id(r): candidates.term_evidence(r, allowed) for r in positive}
        # A word typed twice counts twice, as the query's evaluation counts it.
        held = Counter(chain.from_iterable(
            found_by_term[id(r)][0].keys() | found_by_term[id(r)][1].keys() for r in positive))
        groups: dict[int, list[int]] = {}
        for docnum, count in held.items():
            groups.setdefault(count, []).append(docnum)
        only_words = all(isinstance(c, Term) for c in self.node.children)
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
            if leaders.excludes(ceiling, partial(self.place, docnum)):
                continue
            score, key = self.exact(docnum)
            if score > 0:
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
