"""What a listing reads of the index, each thing once: report documents in
date order (from the `date` field's terms, which sort as dates do), and the
passages of a meeting's or topic's key (its postings, kept while they fit).

A page of a listing reads the report records it shows, and of the others
only what puts them in order: no listing reads every record to show a few.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator

from ..storage import REPORT, posting_ids, posting_set, segment_ids, segments

# Postings kept by TermDocs (ids, about 8 bytes each): a listing's memory
# stays bounded however large the archive.
KEPT_IDS = 2_000_000


def report_order(reader, allowed: set[int] | None,
                 key_of: Callable[[int], str]) -> Iterator[list[int]]:
    """Report documents (of `allowed`, or all) by date, then key; undated last.
    Given in groups of one date, each sorted by key only when asked for:
    a pager skips whole groups without reading their records."""
    dated: set[int] = set()
    for raw in reader.lexicon("date"):
        date = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if not date:
            continue
        docs = posting_ids(reader, "date", date)
        if allowed is not None:
            docs = [d for d in docs if d in allowed]
        dated.update(docs)
        if docs:
            yield LazySorted(docs, key_of)
    rest = allowed if allowed is not None else set(posting_ids(reader, "kind", REPORT))
    undated = [d for d in rest if d not in dated]
    if undated:
        yield LazySorted(undated, key_of)


class LazySorted:
    """Documents sorted by key the first time they are iterated."""

    def __init__(self, docs: list[int], key_of: Callable[[int], str]):
        self.docs, self.key_of, self.ordered = docs, key_of, len(docs) < 2

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self) -> Iterator[int]:
        if not self.ordered:
            self.docs.sort(key=self.key_of)
            self.ordered = True
        return iter(self.docs)


class Group:
    """A group of known size whose items are made when it is iterated."""

    def __init__(self, size: int, make: Callable[[], Iterable]):
        self.size, self.make = size, make

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator:
        return iter(self.make())


def paged(groups: Iterable, offset: int = 0, limit: int | None = None) -> Iterator:
    """Items `offset + 1` to `offset + limit` of groups given in order; whole
    groups before the offset are skipped without being iterated."""
    if limit is not None and limit <= 0:
        return
    for group in groups:
        if offset >= len(group):
            offset -= len(group)
            continue
        for item in group:
            if offset:
                offset -= 1
                continue
            yield item
            if limit is not None:
                limit -= 1
                if not limit:
                    return


class TermDocs:
    """The live documents holding each term of one field, read once and kept
    (least recently used dropped past KEPT_IDS ids)."""

    def __init__(self, reader, field: str, kept: int = KEPT_IDS):
        self.reader, self.field, self.kept = reader, field, kept
        self._docs: OrderedDict[str, array] = OrderedDict()
        self._held = 0

    def docs(self, term: str) -> array:
        found = self._docs.get(term)
        if found is not None:
            self._docs.move_to_end(term)
            return found
        found = array("q", sorted(posting_set(self.reader, self.field, term)))
        self._docs[term] = found
        self._held += len(found)
        while self._held > self.kept and len(self._docs) > 1:
            _, dropped = self._docs.popitem(last=False)
            self._held -= len(dropped)
        return found

    def count(self, term: str, among: set[int] | None = None,
              span: tuple[int, int] | None = None) -> int:
        """How many live documents hold the term (of `among`, if given, whose
        least and greatest are `span`): only its documents within the span
        are looked at."""
        if among is None:
            return live_count(self.reader, self.field, term)
        docs = self.docs(term)
        if not among:
            return 0
        low, high = span or (min(among), max(among))
        within = docs[bisect_left(docs, low):bisect_right(docs, high)]
        return sum(1 for d in within if d in among)


def live_count(reader, field: str, term: str) -> int:
    """How many live documents hold a term: each segment's count from its term
    table, and its postings read only in a segment with deleted documents."""
    count = 0
    for segment, offset in segments(reader):
        if segment.has_deletions():
            count += len(segment_ids(segment, offset, field, term))
        elif (field, term) in segment:
            count += segment.doc_frequency(field, term)
    return count
