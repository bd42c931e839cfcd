"""The embedded index's side of counting (counting.py): the sets of passages
a spelling may be in, from the postings a search reads (read once per
search, shared with its ranking), and how many reports the passages are in:
for many passages, from the runs of report documents (storage.ReportRuns),
all at once; for few, from their places."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from itertools import islice

from ..analysis import joins
from ..storage import (
    PASSAGE,
    PLACE_KEY_BYTES,
    PLACE_SIZE,
    REPORT,
    ReportRuns,
    read_column,
    report_part,
    segment_ids,
    segment_numbers,
    segments,
)
from .candidates import Candidates
from .counting import Spellings, Totals, matching_range
from .query import Node
from .ranking import ResolvedTerm
from .report_parts import reports_of_parts
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


def index_totals(searcher, prepared: Prepared, prefixes: SharedParts,
                 places=None, reads: int | None = None) -> Totals:
    """How many passages, in how many reports, the prepared search matches;
    a range (Totals.at_most) when more than `reads` passages are left that
    only their text can decide (counting.matching_range)."""
    top = prepared.top

    def scoring(docs: Iterable[int]) -> list[int]:
        return [d for d in docs if top.exact(d)[0] > 0]

    spellings = IndexSpellings(prepared.candidates, prepared.allowed)
    reports = partial(report_count, searcher, prefixes=prefixes, places=places)
    if prepared.positive and prepared.candidates.bounded_as_arrays(*prepared.positive):
        # Many passages: counted over arrays (array_counts.py), not sets.
        from .array_counts import ArraySpellings, array_report_count

        spellings = ArraySpellings(prepared.candidates.arrays, spellings, prepared.allowed)

        def reports(docs) -> int:
            return array_report_count(searcher, docs.docs, prefixes)

    least, most = matching_range(spellings, prepared.node, prepared.resolved,
                                 prepared.positive, scoring, reads)
    totals = Totals(len(least), reports(least))
    if most is least:
        return totals
    return Totals(totals.passages, totals.reports, (len(most), reports(most)))


def report_prefixes(report_keys: Iterable[str]) -> dict[bytes, int]:
    """How many of the report keys each place's report part stands for."""
    shared: dict[bytes, int] = {}
    for key in report_keys:
        prefix = report_part(key)
        shared[prefix] = shared.get(prefix, 0) + 1
    return shared


# Looking one report part up in the report lexicon costs about what reading
# this many of its terms does: a count that meets more parts than the
# index's reports / this reads the lexicon whole.
PART_LOOKUPS = 64


class SharedParts:
    """Which report parts of places stand for more than one report key (the
    report lexicon's terms; a deleted report's key may stay there until its
    segment is merged, which only sends its passages to their records).
    A part padded with NUL is a whole key (keys hold no NUL): only the parts
    of keys of PLACE_KEY_BYTES bytes or more are looked up, those a count
    meets, one by one, or in the lexicon read whole once when they are many."""

    def __init__(self, reader):
        self.reader = reader
        self._whole: dict[bytes, int] | None = None

    def shared(self, parts: Iterable[bytes]) -> set[bytes]:
        cut = [p for p in parts if not p.endswith(b"\0")]
        if not cut:
            return set()
        if self._whole is None and len(cut) * PART_LOOKUPS > self.reader.doc_frequency(
                "kind", REPORT):
            self._whole = report_prefixes(t.decode("utf-8") if isinstance(t, bytes) else t
                                          for t in self.reader.lexicon("report"))
        if self._whole is not None:
            return {p for p in cut if self._whole.get(p, 1) > 1}
        return {p for p in cut if len(list(islice(self.reader.expand_prefix("report", p), 2))) > 1}


# Reading the place column whole costs about what looking this many places up
# one by one does: a count of more passages than the index's documents / this
# reads it whole, a smaller one looks its passages' places up (its cost
# follows the answer, not the archive).
WHOLE_COLUMN = 40


def report_count(searcher, docs: set[int], prefixes: SharedParts, places=None) -> int:
    """How many reports these passages are in: their places name their reports
    (a report key's first PLACE_KEY_BYTES bytes); where two keys share those
    (`prefixes`), the passages' stored records say which.
    `places`: the place column read whole (fixed_column_slices), or a function
    that reads it, called only for a count of many passages."""
    if not docs:
        return 0
    reader = searcher.reader()
    if len(docs) * WHOLE_COLUMN >= reader.doc_count_all():
        # Many passages: placed in their reports from the runs of report
        # documents at once; only those of runs laid out otherwise by place.
        import numpy as np

        ordered = np.fromiter(docs, np.int64, len(docs))
        ordered.sort()
        count, left = ReportRuns(reader, searcher.stored).report_count(ordered)
        if not len(left):
            return count
        return count + placed_report_count(searcher, left.tolist(), prefixes,
                                           places() if callable(places) else places)
    return placed_report_count(searcher, sorted(docs), prefixes,
                               None if callable(places) else places)


def placed_report_count(searcher, docs: list[int], prefixes: SharedParts, places) -> int:
    """How many reports these passages (sorted) are in, from their places."""
    by_prefix: dict[bytes, list[int]] = {}
    for d, part in report_parts(searcher, docs, places):
        by_prefix.setdefault(part, []).append(d)
    return reports_of_parts(searcher, by_prefix, prefixes, lambda members: members)


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


def passage_count(reader) -> int:
    """Passages in the index: Whoosh's count of the kind, exact in a segment
    where nothing is deleted; else the sum of each live report's count (a
    read per report). Only segments an update deleted from are read: at
    100,000 reports, reading every segment's counts cost each search 38 ms."""
    if not reader.has_deletions():
        return max(reader.doc_frequency("kind", PASSAGE), 1)
    # A segment at a time: the column of every document read at once held
    # some 50 MB of a search at 100,000 reports (7 million documents).
    total = 0
    for segment, _ in segments(reader):
        if not segment.has_deletions():
            total += segment.doc_frequency("kind", PASSAGE)
            continue
        reports = segment_ids(segment, 0, "kind", REPORT)
        if reports:
            counts = segment_numbers(segment, "passages")
            total += sum(counts[d] for d in reports)
    return max(total, 1)
