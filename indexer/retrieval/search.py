"""Searching an opened index and looking passages up (opening it and what a
search reads of it whole are opened.py's; what it holds is listed by
listings.py).

A query term matches a passage when its match tokens occur in the passage in
order (so matching ignores spaces, width, case and script), when a name the
reports define as the same thing occurs (優質企業 for AEO), or when the
passage's headings contain it. A search resolves its terms (terms.py), finds
the best passages that contain the query whole (topk.py: bounds on every
candidate from the index, read best bound first and scored exactly from the
match strings of their stored text), then, when those are too few,
the passages that contain only parts of a term (便捷 for 貿易便捷).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from ..errors import damage_reported, reads_index
from ..storage import StoredPassage, collector_paused, lookups_remembered, report_trip
from .counting import PAGE_READS, Page, Totals
from .filters import FilterResolver, Filters
from .opened import OpenedIndex
from .passages import Hit, PassageLookup, PassageRecord, passage_hit
from .query import Any, Soft, Term, literal, parse_query, terms
from .ranking import FULL_MATCH, ResolvedTerm
from .terms import TermResolver, other_names

if TYPE_CHECKING:
    from .index_counts import Prepared
    from .listings import Listings

# Ranking's and counting's modules (candidates, topk, index_counts, groups,
# leaders) are imported by the search that uses them: a listing (reports,
# meetings, topics) or a passage looked up by id, each a process of its own,
# does not pay for them.


@contextmanager
def one_search() -> Iterator[None]:
    """What a search runs under: the cycle collector paused, and each term
    looked up in each segment once, kept for the searches after
    (storage.lookups_remembered)."""
    with collector_paused(), lookups_remembered():
        yield


class ReportIndex(OpenedIndex):
    """An opened index (opened.py): search it, look passages up; its listings
    (reports, meetings, units, topics) are those of `listings`."""

    # -- what the index holds (listings.py) -------------------------------------

    @cached_property
    def listings(self) -> Listings:
        from .listings import Listings  # listings and overviews: not a search's

        return Listings(self.searcher, self._filters)

    @reads_index
    def reports(self, filters: Filters | None = None, *, offset: int = 0,
                limit: int | None = None) -> list[dict]:
        return list(self.listings.reports(filters, offset, limit))

    @reads_index
    def meetings(self) -> list[dict]:
        return self.listings.meetings()

    @reads_index
    def units(self, filters: Filters | None = None, *, offset: int = 0,
              limit: int | None = None) -> list[dict]:
        return list(self.listings.units(filters, offset, limit))

    @reads_index
    def topics(self, filters: Filters | None = None, *, offset: int = 0,
               limit: int | None = None) -> list[dict]:
        return list(self.listings.topics(filters, offset, limit))

    def listing(self, what: str, filters: Filters | None = None, *, offset: int = 0,
                limit: int | None = None) -> Iterator[dict]:
        """The rows of `reports`, `units` or `topics` as they are made (a
        damaged file raises CorruptIndex while they are read)."""
        rows = getattr(self.listings, what)(filters, offset, limit)
        with damage_reported(self.index_dir):
            yield from rows

    # -- passages by id (passages.py) -------------------------------------------

    @cached_property
    def _passages(self) -> PassageLookup:
        return PassageLookup(self.searcher, self.index_dir)

    @reads_index
    def passage(self, passage_id: str) -> PassageRecord:
        return self._passages.record(passage_id)

    @reads_index
    def context(self, passage_id: str, before_after: int) -> tuple[list, list]:
        """The passages just before and just after one passage (up to
        `before_after` each side), in report order."""
        return self._passages.context(passage_id, before_after)

    # -- filters ----------------------------------------------------------------

    @cached_property
    def _filters(self) -> FilterResolver:
        return FilterResolver(self.searcher, lambda text: other_names(self.searcher, text))

    # -- overview (overview.py) ---------------------------------------------------

    @reads_index
    def overview(self, query: str, by: str, filters: Filters | None = None, *,
                 exact: bool = False) -> list[dict]:
        """Passages and reports that match a query, per bucket of `by`
        (overview.OVERVIEW_BUCKETS), from the index: nothing is ranked."""
        from .overview import ArrayReads, Buckets, matching_docs

        with one_search():
            # Spellings and postings only: no idf, no bounds (nothing is ranked).
            reads = ArrayReads(self.searcher)
            names = TermResolver(self.searcher, reads.reads, 0)
            node = parse_query(query)
            node = literal(node) if exact else names.merge_names(node)
            resolved = {t: names.resolve(t, weighted=False) for t in terms(node, excluded=True)}
            allowed = self._filters.allowed(filters or Filters())
            docs = matching_docs(node, resolved, reads)
            del reads  # the postings read: only the matching passages are kept
            if allowed is not None:
                docs = docs[allowed.mask(docs)]
            return Buckets(self.searcher).count(docs, by)

    # -- search -----------------------------------------------------------------

    @reads_index
    def search(self, query: str, filters: Filters | None = None, *, limit: int = 10,
               offset: int = 0, exact: bool = False, meeting: str | None = None,
               topic: str | None = None, section: str | None = None) -> list[Hit]:
        """Ranked passages for a query, hits `offset + 1` to `offset + limit`;
        raises QuerySyntaxError or UnknownFilter.

        Candidates get an upper bound on their score from the index alone
        (term frequencies, lengths, headings); their text is read in order of
        that bound until no unread candidate can enter the top. `exact` finds
        the terms as typed only: no other names, no parts. `meeting`, `topic`
        and `section` are shorthands for those of `filters`.
        """
        filters = replace(filters or Filters(), **{k: v for k, v in (
            ("meeting", meeting), ("topic", topic), ("section", section)) if v is not None})
        with one_search():
            return self._ranked(self._prepared(query, filters, exact), limit, offset)

    @reads_index
    def count(self, query: str, filters: Filters | None = None, *,
              exact: bool = False) -> Totals:
        """How many passages, in how many reports, the query matches under the
        filters: every passage a search could list (counting.py)."""
        with one_search():
            return self._totals(self._prepared(query, filters or Filters(), exact))

    @reads_index
    def page(self, query: str, filters: Filters | None = None, *, limit: int = 10,
             offset: int = 0, exact: bool = False, bounded: bool = False) -> Page:
        """search() and count() at once, sharing what both read. `bounded`:
        the totals are a range (Totals.at_most) when more than
        counting.PAGE_READS passages would have to be read to count them."""
        with one_search():
            prepared = self._prepared(query, filters or Filters(), exact)
            return Page(self._ranked(prepared, limit, offset),
                        self._totals(prepared, PAGE_READS if bounded else None))

    def _prepared(self, query: str, filters: Filters, exact: bool) -> Prepared:
        from .candidates import Candidates
        from .index_counts import Prepared
        from .topk import TopK

        # Looked up once per search, not kept from one search to the next; from
        # the second search on (asked here: this search marks the index as
        # searched before its arrays ask), every length is kept, and ties are
        # ruled out by the segments' order.
        again = self._searched
        self._searched = True
        candidates = Candidates(self.searcher, lambda: self._passage_lengths,
                                self._ranked_down_bits, self._kept_lengths if again else None,
                                self._kept_postings if again else None)
        place_order = self._place_order if again else None
        names = TermResolver(self.searcher, candidates, self._passage_count)
        node = parse_query(query)
        node = literal(node) if exact else names.merge_names(node)
        allowed = self._filters.allowed(filters)
        resolved = {t: names.resolve(t) for t in terms(node, excluded=True)}
        positive = [resolved[t] for t in terms(node)]
        return Prepared(candidates, node, resolved, positive, allowed,
                        TopK(self.searcher, candidates, node, resolved, self._trip,
                             place_order))

    def _trip(self, report: str, near: int):
        """A report's trip, which reads the date of a day's heading (topk.TopK);
        `near`, one of its passages (the segment looked up first)."""
        return report_trip(self._passages.report_data(report, near=near))

    def _ranked(self, prepared: Prepared, limit: int, offset: int) -> list[Hit]:
        from .groups import is_group
        from .leaders import rank_order

        candidates, node, top = prepared.candidates, prepared.node, prepared.top
        positive, allowed = prepared.positive, prepared.allowed
        limit += offset
        found, seen = top.whole(positive, allowed, limit)
        full = sum(1 for score, _ in found.values() if score >= FULL_MATCH)
        # Parts of terms score only for words and terms (a group scores whole or not).
        if full < limit and isinstance(node, (Term, Soft)) and not is_group(node):
            partial = candidates.part_evidence(positive, allowed, exclude=seen)
            found.update(top.top(partial, limit - full))
        ranked = sorted(found.items(), key=lambda item: rank_order(*item[1]))[:limit]
        every = not isinstance(node, Any)
        return [self._hit(rank, docnum, score, prepared.resolved, positive, every)
                for rank, (docnum, (score, _)) in enumerate(ranked, start=1) if rank > offset]

    def _totals(self, prepared: Prepared, reads: int | None = None) -> Totals:
        from .index_counts import index_totals

        return index_totals(self.searcher, prepared, self._report_prefixes,
                            lambda: self._places, reads)

    # -- ranking ------------------------------------------------------------------

    def _hit(self, rank: int, docnum: int, score: float, resolved: dict,
             positive: list[ResolvedTerm], every: bool) -> Hit:
        passage = StoredPassage.of(self.stored[docnum])
        return passage_hit(rank, score, passage,
                           self._passages.report_data(passage.report, near=docnum),
                           resolved, positive, every)
