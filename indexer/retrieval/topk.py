"""Choosing a search's best passages: bounds on every candidate from the index
(bounds.py: over dicts or arrays, decided there), then passages read best
bound first and scored exactly from the match strings of their text. One TopK
serves one search."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Container, Iterable, Iterator
from functools import partial

from ..storage import StoredPassage, dated, heading_match, order_key, read_column
from .bounds import bounds_for, by_bound
from .candidates import Candidates
from .groups import group_bounds, group_ceilings, is_group
from .leaders import Leaders, tie_score
from .place_reads import PlaceOrder, places_at
from .query import All, Exclude, Node, Soft, Term
from .ranking import (
    FULL_MATCH,
    PHRASE_BONUS,
    ExactText,
    ResolvedTerm,
    evaluate,
    final_score,
    most_term_score,
    passage_text,
    phrase,
)

# Candidates tied with the last of the top whose places are read at once.
TIE_BATCH = 4096


class TopK:
    """The best passages of one search."""

    def __init__(self, searcher, candidates: Candidates, node: Node, resolved: dict,
                 trips: Callable[[str, int], object] | None = None,
                 place_order: PlaceOrder | None = None):
        self.searcher, self.candidates = searcher, candidates
        # Which segments' places ascend (place_reads.PlaceOrder, kept by the
        # opened index): their ties placed after the last are not read. None:
        # every tie's place is read.
        self.place_order = place_order
        self.node, self.resolved = node, resolved
        # A report's trip (storage.report_trip), for the date of a day's
        # heading: trips(report, one of its passages), read once a report.
        self.trips = trips
        self._trips: dict[str, object] = {}
        # Passages under the same headings, in one report or many, share them.
        self._heading_matches: dict[tuple, str] = {}
        self._dated_matches: dict[tuple, str] = {}  # by (report, headings)
        self._places = self._contents = None
        self._known_places: dict[int, bytes] = {}  # places read for a tie (_untied)
        self._scores: dict[bytes, float] = {}  # by content key
        # Texts read, by text and length: under another heading (another
        # content key), what a text holds is known (ExactText.under).
        self._texts: dict[tuple[str, int], ExactText] = {}

    def whole(self, positive: list[ResolvedTerm], allowed: set | None,
              limit: int) -> tuple[dict[int, tuple], Container[int]]:
        """The best passages that contain the query whole, and every candidate seen."""
        if one_term(self.node):
            # A term's bounds bound it with words excluded too: an excluded
            # passage scores 0 when read, any other what the term alone does.
            ordered, seen = bounds_for(self.candidates, positive).term(positive[0], allowed)
            return self.top_of(ordered, limit), seen
        if is_group(self.node):
            return self.top_of_group(positive, allowed, limit)
        if isinstance(self.node, Soft) and len(positive) >= 2:
            return self.top_by_coverage(positive, allowed, limit)
        bounds = self.candidates.evidence(positive, allowed)
        self.candidates.mark_apart(self.node, self.resolved, bounds)
        return self.top(bounds, limit), bounds

    def place(self, docnum: int) -> bytes:
        """A passage's place in the archive (for ties), without reading it."""
        known = self._known_places.get(docnum)
        if known is not None:
            return known
        if self._places is None:
            self._places = read_column(self.searcher.reader(), "order")
        return self._places[docnum]

    def _untied(self, ordered: Iterable[tuple[float, int]], leaders: Leaders
                ) -> Iterator[tuple[float, int]]:
        """The candidates as ordered, less those that tie the last of the full
        top and are placed after it: top_of() would rule each out by its
        place, read alone. Their places are read TIE_BATCH at a time (those
        of a segment whose places ascend, only up to the last's)."""
        items = iter(ordered)
        pending = next(items, None)
        while pending is not None:
            last = leaders.tied_last(pending[0])
            if last is None:
                yield pending
                pending = next(items, None)
                continue
            bounds, tied_docs, pending = tied_run(items, pending)
            if self._places is None:
                self._places = read_column(self.searcher.reader(), "order")
            docs = tied_docs
            if self.place_order is not None:
                docs = self.place_order.placed_up_to(self._places, docs, last)
            places = places_at(self.searcher.reader(), self._places, docs)
            self._known_places = places
            yield from ((bound, docnum) for bound, docnum in zip(bounds, tied_docs, strict=True)
                        if docnum in places and places[docnum] <= last)

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
            headings = self.heading_match(passage, docnum)
        shared = (passage.text, passage.length)
        if shared in self._texts:
            text = self._texts[shared].under(headings)
        else:
            text = self._texts[shared] = passage_text(passage.text, headings, passage.length)
        score = self._scores[content] = final_score(evaluate(self.node, self.resolved, text),
                                                    passage.weight)
        return score, order_key(passage.report, passage.number)

    def heading_match(self, passage: StoredPassage, docnum: int) -> str:
        """The match string of a passage's headings, kept for the next passage
        under them; under a day's dated heading, its report's (the date is
        read in the trip), kept by report (not found by headings alone). The
        trip is read once a report, its record looked up in the segment of
        the passage (document `docnum`) first."""
        if self.trips is None or not dated(passage.headings):
            found = self._heading_matches[passage.headings] = heading_match(passage.headings)
            return found
        key = (passage.report, passage.headings)
        found = self._dated_matches.get(key)
        if found is None:
            if passage.report not in self._trips:
                self._trips[passage.report] = self.trips(passage.report, docnum)
            found = self._dated_matches[key] = heading_match(
                passage.headings, self._trips[passage.report])
        return found

    def top_by_coverage(self, positive: list[ResolvedTerm], allowed: set | None,
                        limit: int) -> tuple[dict[int, tuple], Container[int]]:
        """The best passages for words typed side by side, and every candidate:
        the candidates that may hold the most words first. Each word held is
        worth 100, more than any BM25 part, so once the top is full, passages
        that may hold fewer words are not bounded at all."""
        only_words = all(isinstance(c, Term) for c in self.node.children)
        way = bounds_for(self.candidates, positive, words_only=only_words)
        groups, seen = way.words(positive, allowed)
        most_bm25 = sum(most_term_score(r.idf) for r in positive)
        found: dict[int, tuple] = {}
        for count, group in groups:
            scores = heapq.nlargest(limit, (score for score, _ in found.values()))
            # Words stand together only in a passage that holds them all.
            bonus = PHRASE_BONUS if count == len(positive) else 0
            if len(scores) >= limit and scores[-1] > FULL_MATCH * (count + bonus) + most_bm25:
                break
            if only_words:
                tokens = phrase(self.node, self.resolved) if bonus else []
                ordered = way.words_ceilings(positive, count, group, tokens)
                found.update(self.top_of(ordered, limit))
            else:
                bounds = way.group_bounds(group)
                self.candidates.mark_apart(self.node, self.resolved, bounds)
                found.update(self.top(bounds, limit))
        return found, seen

    def top_of_group(self, positive: list[ResolvedTerm], allowed: set | None,
                     limit: int) -> tuple[dict[int, tuple], Container[int]]:
        """The best passages for AND or OR (groups.py): only the candidates
        whose bounds match the query are bounded; the others score 0. (What
        the index says of words side by side in a group changes no bound of
        AND or OR: only the top's coverage counts.)"""
        if self.candidates.bounded_as_arrays(*positive):
            from .arrays import Marked
            from .best_first import best_first_of

            docs, ceilings = group_ceilings(self.candidates.arrays, self.node, self.resolved,
                                            positive, allowed)
            return self.top_of(best_first_of(docs, ceilings), limit), Marked(docs)
        bounds = group_bounds(self.candidates, self.node, self.resolved, positive, allowed)
        return self.top(bounds, limit), bounds

    def top(self, bounds: dict, limit: int) -> dict[int, tuple]:
        """The best `limit` passages among the candidates, reading as few as possible."""
        return self.top_of(by_bound({docnum: final_score(evaluate(self.node, self.resolved, b))
                                     for docnum, b in bounds.items()}), limit)

    def top_of(self, ordered: Iterable[tuple[float, int]], limit: int) -> dict[int, tuple]:
        """The best `limit` passages among candidates given as (bound on the final
        score, document), best bound first, reading as few as possible."""
        found: dict[int, tuple] = {}
        leaders = Leaders(limit)
        for ceiling, docnum in self._untied(ordered, leaders):
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


def tied_run(items: Iterator[tuple[float, int]], first: tuple[float, int]
             ) -> tuple[list[float], list[int], tuple[float, int] | None]:
    """The bounds and documents of `first` and the candidates after it that
    tie it as ranking compares them (TIE_BATCH at most), and the candidate
    after those (None: none is left). Candidates ordered over arrays
    (best_first.BestFirst) hand the run on at once."""
    tie = tie_score(first[0])
    if hasattr(items, "tied"):
        bounds, docs = items.tied(tie, TIE_BATCH - 1)
        return [first[0], *bounds], [first[1], *docs], next(items, None)
    bounds, docs = [first[0]], [first[1]]
    pending = next(items, None)
    while pending is not None and len(bounds) < TIE_BATCH and tie_score(pending[0]) == tie:
        bounds.append(pending[0])
        docs.append(pending[1])
        pending = next(items, None)
    return bounds, docs, pending


def one_term(node: Node) -> bool:
    """A query of one term, alone or with words excluded (`海關 -AEO`)."""
    if isinstance(node, Term):
        return True
    return isinstance(node, Soft | All) and sum(
        1 for c in node.children if not isinstance(c, Exclude)) == 1 and all(
        isinstance(c, Term | Exclude) for c in node.children)
