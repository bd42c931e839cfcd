"""The embedded index's side of counting (counting.py): the sets of passages
a spelling may be in, from the postings a search reads (read once per
search, shared with its ranking), and how many reports the passages are in,
from their places."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..analysis import joins
from ..storage import PLACE_KEY_BYTES, PLACE_SIZE, StoredPassage, read_column, report_part
from .candidates import Candidates
from .counting import Spellings, Totals, matching
from .query import Node
from .ranking import ResolvedTerm
from .topk import TopK


@dataclass
class Prepared:
    """A search's query parsed and resolved, within its filters: what ranking
    and counting both start from."""

    candidates: Candidates
    node: Node
    resolved: dict
    positive: list[ResolvedTerm]
    allowed: set | None
    top: TopK


class IndexSpellings(Spellings):
    """The passages that may hold a spelling, by the same lookups ranking
    makes (Candidates), within the filters."""

    def __init__(self, candidates: Candidates, allowed: set | None):
        self.candidates, self.allowed = candidates, allowed

    def text_docs(self, tokens: list[str]) -> set:
        c = self.candidates
        required = list(dict.fromkeys(c.required_grams(tokens)))
        if len(required) == 1 and not joins(tokens) and ("grams", required[0]) not in \
                c.counts_cache:
            # One index term whose counts ranking did not read: its documents
            # alone (phrase_docs would read the counts too).
            docs = c.term_docs("grams", required[0])
        else:
            docs = c.phrase_docs(tokens)
        return docs if self.allowed is None else docs & self.allowed

    def heading_docs(self, tokens: list[str]) -> set:
        return self.candidates.heading_docs(tokens, self.allowed)


def index_totals(searcher, prepared: Prepared, prefixes: dict[bytes, int],
                 places=None) -> Totals:
    """How many passages, in how many reports, the prepared search matches."""
    top = prepared.top

    def scoring(docs: Iterable[int]) -> list[int]:
        return [d for d in docs if top.exact(d)[0] > 0]

    docs = matching(IndexSpellings(prepared.candidates, prepared.allowed), prepared.node,
                    prepared.resolved, prepared.positive, scoring)
    return Totals(len(docs), report_count(searcher, docs, prefixes, places))


def report_prefixes(report_keys: Iterable[str]) -> dict[bytes, int]:
    """How many of the report keys each place's report part stands for."""
    shared: dict[bytes, int] = {}
    for key in report_keys:
        prefix = report_part(key)
        shared[prefix] = shared.get(prefix, 0) + 1
    return shared


# Reading the place column whole costs about what looking this many places up
# one by one does: a count of more passages than the index's documents / this
# reads it whole, a smaller one looks its passages' places up (its cost
# follows the answer, not the archive).
WHOLE_COLUMN = 40


def report_count(searcher, docs: set[int], prefixes: dict[bytes, int], places=None) -> int:
    """How many reports these passages are in: their places name their reports
    (a report key's first PLACE_KEY_BYTES bytes); where two keys share those
    (`prefixes`: report_prefixes()), the passages' stored records say which.
    `places`: the place column read whole (fixed_column_slices), or a function
    that reads it, called only for a count of many passages."""
    if not docs:
        return 0
    if callable(places):
        many = len(docs) * WHOLE_COLUMN >= searcher.reader().doc_count_all()
        places = places() if many else None
    by_prefix: dict[bytes, list[int]] = {}
    for d, part in report_parts(searcher, sorted(docs), places):
        by_prefix.setdefault(part, []).append(d)
    count = 0
    for prefix, members in by_prefix.items():
        if prefixes.get(prefix, 1) == 1:
            count += 1
        else:
            count += len({StoredPassage.of(searcher.stored[d]).report for d in members})
    return count


def report_parts(searcher, docs: list[int], places):
    """(document, the report part of its place) of sorted documents."""
    if places is None:
        column = read_column(searcher.reader(), "order")
        for d in docs:
            yield d, column[d][:PLACE_KEY_BYTES]
        return
    segment = 0
    for d in docs:
        while segment + 1 < len(places) and places[segment + 1][0] <= d:
            segment += 1
        start, count, values = places[segment]
        at = (d - start) * PLACE_SIZE
        # (A document past the values written has none: it is no passage.)
        yield d, values[at:at + PLACE_KEY_BYTES] if d - start < count else b""
