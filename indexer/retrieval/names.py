"""The index's table of names (storage.NAMED documents, written and kept up
to date by build/name_groups.py): the meetings' and topics' keys in order,
each with the names the reports give it, and the keys a name stands for.

Its `named` terms (facet, key, name) sort by key, so a listing pages through
the lexicon and reads the records of the entries it shows only; its
`named_keys` terms (facet, a name's lookup key) lead to the entries of the
names a filter's value stands for. Neither reads a report's record: their
cost follows the keys asked for, not the archive.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from itertools import groupby

from ..analysis import fold_key
from ..storage import NAMED, NAMED_SEPARATOR, posting_ids, prefix_postings, segments

# Sorts just past NAMED_SEPARATOR: a key followed by it sorts after every term
# of that key (key, separator, name) and before every later key's.
PAST_SEPARATOR = chr(ord(NAMED_SEPARATOR) + 1)


class NameTable:
    """The table of names of one reader."""

    def __init__(self, reader, stored):
        self.reader, self.stored = reader, stored
        self._parts: list[tuple] | None = None

    def parts(self) -> list[tuple]:
        """(segment, first document) of the segments that hold the table's
        documents (those that wrote or merged groups of names): a walk of the
        `named` terms in every segment found none in most of them, a walk
        per key shown (40 segments at 100,000 reports)."""
        if self._parts is None:
            self._parts = [(segment, offset) for segment, offset in segments(self.reader)
                           if segment.doc_frequency("kind", NAMED)]
        return self._parts

    def keys(self, facet: str) -> Iterator[str]:
        """The keys of the facet ("meeting" or "topic") that some live report
        gives, in order. A key's own entry sorts before its names (its name is
        empty), and its names are skipped unread: the walk goes on from the
        first term past them, so it costs the keys given, not their names."""
        prefix = f"{facet}{NAMED_SEPARATOR}"
        # Each segment's first term from `start` on (a segment is walked again
        # only when the walk passes its term); None when it has no more.
        parts = self.parts()
        heads = [self._first(segment, offset, prefix, prefix) for segment, offset in parts]
        while any(heads):
            term = min(head[0] for head in heads if head)
            _, key, name = term.split(NAMED_SEPARATOR)
            if not name and any(head[1] for head in heads if head and head[0] == term):
                yield key
            start = f"{prefix}{key}{PAST_SEPARATOR}"
            heads = [self._first(segment, offset, prefix, start)
                     if head and head[0] < start else head
                     for (segment, offset), head in zip(parts, heads, strict=True)]

    @staticmethod
    def _first(segment, offset: int, prefix: str, start: str) -> tuple[str, list[int]] | None:
        return next(prefix_postings(segment, offset, "named", prefix, start), None)

    def names(self, facet: str, key: str) -> list[str]:
        """The names the reports give a key, most reports first (named_order)."""
        counts = {name: self.stored[docs[0]]["named_reports"] for _, name, docs in
                  self._entries(f"{facet}{NAMED_SEPARATOR}{key}{NAMED_SEPARATOR}")
                  if name and docs}
        return named_order(counts)

    def named(self, facet: str) -> dict[str, list[str]]:
        """Every key of the facet with its names."""
        return {key: self.names(facet, key) for key in self.keys(facet)}

    def keys_named(self, facet: str, value: str) -> set[str]:
        """The folded keys of the facet's meetings or topics with a name whose
        lookup key (build.documents.name_keys) equals the folded value, else
        contains it: the lexicon is read only when none equals it."""
        wanted = fold_key(value)
        if not wanted:
            return set()
        prefix = f"{facet}{NAMED_SEPARATOR}"
        exact = [prefix + wanted] if ("named_keys", prefix + wanted) in self.reader else []
        for terms in (lambda: exact,
                      lambda: [t for t in self._lexicon("named_keys", prefix)
                               if wanted in t[len(prefix):]]):
            docs = sorted({d for t in terms() for d in posting_ids(self.reader, "named_keys", t)})
            found = {fold_key(self.stored[d]["named"].split(NAMED_SEPARATOR)[1]) for d in docs}
            if found:
                return found
        return set()

    def _entries(self, prefix: str) -> Iterator[tuple[str, str, list[int]]]:
        """(key, name, live documents) of the `named` terms that start with the
        prefix, in order: each segment's terms, looked up in it only."""
        found = [prefix_postings(segment, offset, "named", prefix)
                 for segment, offset in self.parts()]
        for term, held in groupby(heapq.merge(*found, key=lambda t: t[0]), key=lambda t: t[0]):
            _, key, name = term.split(NAMED_SEPARATOR)
            yield key, name, [d for _, docs in held for d in docs]

    def _lexicon(self, field: str, prefix: str) -> Iterator[str]:
        for term in self.reader.expand_prefix(field, prefix):
            yield term.decode("utf-8") if isinstance(term, bytes) else term


def named_order(counts: dict[str, int]) -> list[str]:
    """Names given a meeting or topic, the most reports' first, then in the
    order of their characters."""
    return sorted(counts, key=lambda name: (-counts[name], name))


def merged_names(reports: Iterable[list[dict]]) -> dict[str, dict[str, int]]:
    """The meetings or topics of reports (each report's items) merged by key:
    each key's names with how many of the reports give each, the keys in the
    table's order (key_order)."""
    merged: dict[str, dict[str, int]] = {}
    for items in reports:
        for item in items:
            merged.setdefault(item["key"], {})
        for key, name in {(item["key"], name) for item in items for name in item["names"]}:
            if name:
                merged[key][name] = merged[key].get(name, 0) + 1
    return {key: merged[key] for key in sorted(merged, key=key_order)}


def key_order(key: str) -> str:
    """Where a key stands in the table (as its terms sort in the lexicon)."""
    return key + NAMED_SEPARATOR
