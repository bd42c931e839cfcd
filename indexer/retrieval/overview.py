"""How many passages and reports match a query, per year, agency, kind of
trip, meeting or report: counted from the index, nothing ranked or read
but the few records that name the buckets.

A passage matches a term when it holds every index term of one of the
term's spellings (its other names too, unless quoted) in its text or its
headings, as a search's candidates do; words side by side and AND need
every one, OR any one, NOT leaves out the passages that hold the word.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..storage import (
    DENSE,
    PLACE_KEY_BYTES,
    ReportRuns,
    field_postings,
    ids_near,
    posting_ids,
    read_column,
)
from .arrays import members, positions, read_postings, union
from .buckets import add, bucket_rows
from .query import Any, Exclude, Node, Term
from .reads import IndexReads

# Report data that names a report's bucket.
REPORT_BUCKET: dict[str, Callable[[dict], str]] = {
    "year": lambda data: (data.get("report_date_iso") or data.get("period_start") or "")[:4],
    "agency": lambda data: data.get("agency", ""),
    "type": lambda data: data.get("trip_type", ""),
}


class ArrayReads:
    """What a count by buckets reads, as sorted numpy arrays of document
    numbers: the documents that hold index terms, never their counts. (As
    Python sets, the 1.6 million passages of 海關 at 100,000 reports cost
    some 100 MB; as arrays, 4 bytes each.)"""

    def __init__(self, searcher):
        self.reads = IndexReads(searcher)  # spellings' index terms, frequencies, sets
        self.reader = searcher.reader()
        self._ids: dict[tuple[str, str], np.ndarray] = {}

    def ids(self, field: str, term: str) -> np.ndarray:
        """A term's documents, read whole once (its counts are not kept)."""
        key = (field, term)
        if key not in self._ids:
            self._ids[key] = read_postings(self.reader, field, term)[0]
        return self._ids[key]

    def holding(self, field: str, terms: list[str]) -> np.ndarray:
        """The documents holding every one of these terms: the rarest's,
        narrowed by each other's (read whole when they are many beside it,
        else only the blocks that may hold one)."""
        ordered = sorted(dict.fromkeys(terms), key=lambda t: self.reads.frequency(field, t))
        found = self.ids(field, ordered[0])
        for term in ordered[1:]:
            if not len(found):
                break
            if (field, term) in self._ids or \
                    len(found) * DENSE >= self.reads.frequency(field, term):
                held = self.ids(field, term)
            else:
                held = read_postings(self.reader, field, term, among=found)[0]
            found = found[members(found, held)]
        return found

    def variant_docs(self, tokens: list[str]) -> np.ndarray:
        """IndexReads.variant_docs() as an array."""
        required = self.reads.required_grams(tokens)
        if required:
            return self.holding("grams", required)
        return as_array(self.reads.variant_docs(tokens))

    def heading_docs(self, tokens: list[str]) -> np.ndarray:
        """IndexReads.heading_docs() as an array."""
        required = self.reads.required_grams(tokens)
        if required:
            return self.holding("heading_grams", required)
        return as_array(self.reads.heading_docs(tokens, None))


def as_array(docs) -> np.ndarray:
    return np.array(sorted(docs), np.int64)


def matching_docs(node: Node, resolved: dict, reads: ArrayReads) -> np.ndarray:
    """The passages that match a query node (see above), sorted."""
    if isinstance(node, Term):
        found = []
        for v in resolved[node].variants:
            found.append(reads.variant_docs(v.tokens))
            if not node.quoted:
                found.append(reads.heading_docs(v.tokens))
        return union(found)
    if isinstance(node, Any):
        return union([matching_docs(c, resolved, reads) for c in node.children])
    wanted = [c for c in node.children if not isinstance(c, Exclude)]
    found = matching_docs(wanted[0], resolved, reads) if wanted else as_array(())
    for child in wanted[1:]:
        found = found[members(found, matching_docs(child, resolved, reads))]
    for child in node.children:
        if isinstance(child, Exclude) and len(found):
            found = found[~members(found, matching_docs(child.child, resolved, reads))]
    return found


def stretches(owners: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value, first position, length) of each stretch of equal values."""
    if not len(owners):
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    firsts = np.concatenate(([0], np.flatnonzero(owners[1:] != owners[:-1]) + 1))
    lengths = np.diff(np.concatenate((firsts, [len(owners)])))
    return owners[firsts], firsts, lengths


def report_buckets(per_report: dict[str, int], by: str,
                   data_of: Callable[[str], dict]) -> list[dict]:
    """Matching passages (counted per report) per bucket of their reports."""
    counts: dict[str, list] = {}
    for report, passages in per_report.items():
        bucket = report if by == "report" else REPORT_BUCKET[by](data_of(report))
        add(counts, bucket, report, passages)
    return bucket_rows(counts, by)


class Buckets:
    """Passages of one opened index put in buckets."""

    def __init__(self, searcher):
        self.searcher, self.stored = searcher, searcher.stored

    def count(self, docs: np.ndarray, by: str) -> list[dict]:
        """Rows of buckets of these passages (sorted document numbers)."""
        if by == "meeting":
            from .unit_counts import meeting_buckets

            return meeting_buckets(self.searcher, docs, self.report_ids)
        # Each report is told by its report document where the runs of report
        # documents place its passages (storage.ReportRuns.owners), else by its
        # key; a bucket of year, agency or kind comes from the report
        # document's term, not from the key or the record.
        owners = ReportRuns(self.searcher.reader(), self.stored).owners(docs)
        placed = np.flatnonzero(owners >= 0)
        # A report's passages are one run of documents: one stretch of owners.
        report_docs, firsts, passages = stretches(owners[placed])
        counts: dict[str, list] = {}
        self._docs: dict[int | str, int] = {}
        self._near: dict[str, int] = {}  # a passage of each report told by key
        if by == "report":
            first_docs = docs[placed[firsts]].tolist()
            for first, n in zip(first_docs, passages.tolist(), strict=True):
                key = self.report_of(first)
                add(counts, key, key, n)
        else:
            self._placed_buckets(counts, report_docs, passages, by)
        per_key: dict[str, int] = {}
        for d in docs[owners < 0].tolist():
            report = self.report_of(d)
            per_key[report] = per_key.get(report, 0) + 1
            self._near.setdefault(report, d)
        for report, n in per_key.items():
            bucket = report if by == "report" else REPORT_BUCKET[by](self.report_data(report, by))
            add(counts, bucket, report, n)
        return bucket_rows(counts, by)

    def _placed_buckets(self, counts: dict, report_docs: np.ndarray, passages: np.ndarray,
                        by: str) -> None:
        """Reports (their report documents, each with its matching passages)
        added to their buckets of year, agency or kind: each report
        document's term of the field, its postings walked once."""
        field = {"year": "date", "agency": "agency_key", "type": "trip_type"}[by]
        order = np.argsort(report_docs, kind="stable")
        ordered = report_docs[order]
        label = np.zeros(len(report_docs), np.int64)  # 0: no term
        terms: dict[str, int] = {"": 0}
        for term, held in field_postings(self.searcher.reader(), field):
            at, found = positions(ordered, np.asarray(held, np.int64))
            if found.any():
                label[order[at[found]]] = terms.setdefault(term, len(terms))
        named = list(terms)
        by_label = np.argsort(label, kind="stable")
        edges = np.searchsorted(label[by_label], np.arange(len(named) + 1))
        for i, term in enumerate(named):
            group = by_label[edges[i]:edges[i + 1]]
            if not len(group):
                continue
            bucket = REPORT_BUCKET[by](self._bucket_data(term, by))
            entry = counts.setdefault(bucket, [0, set()])
            entry[0] += int(passages[group].sum())
            entry[1].update(report_docs[group].tolist())

    def _bucket_data(self, term: str, by: str) -> dict:
        """What names a bucket, from the report document's term of its field."""
        if by == "year":
            return {"report_date_iso": term}
        if by == "agency":
            return {"agency": self._agency(term)}
        return {"trip_type": term}

    def report_ids(self, docs: np.ndarray):
        """These passages in order (a numpy array), and an id of each one's
        report: its report document, or for a report told by key a number
        below 0 of its own."""
        ids = ReportRuns(self.searcher.reader(), self.stored).owners(docs)
        keys: dict[str, int] = {}
        for at in np.flatnonzero(ids < 0).tolist():
            ids[at] = -1 - keys.setdefault(self.report_of(int(docs[at])), len(keys))
        return docs, ids

    def report_of(self, docnum: int) -> str:
        """A passage's report key, from its place (a column) when the place
        holds the whole key, else from the index's report keys or its record."""
        if not hasattr(self, "_places"):
            self._places, self._keys = read_column(self.searcher.reader(), "order"), {}
        prefix = bytes(self._places[docnum][:PLACE_KEY_BYTES])
        key = self._keys.get(prefix)
        if key is None:
            key = self._keys[prefix] = self._key_with(prefix)
        return key or self.stored[docnum]["report"]

    def _key_with(self, prefix: bytes) -> str:
        """The one report key these bytes begin ("" when several or none do)."""
        if prefix.endswith(b"\0"):
            return prefix.rstrip(b"\0").decode("utf-8")
        start = prefix.decode("utf-8", errors="ignore")
        keys = [k for k in self.searcher.reader().expand_prefix("id", start)
                if (k if isinstance(k, bytes) else k.encode("utf-8")).startswith(prefix)]
        if len(keys) != 1:
            return ""
        return keys[0].decode("utf-8") if isinstance(keys[0], bytes) else keys[0]

    def report_data(self, report: int | str, by: str) -> dict:
        """What names a report's bucket of `by` (as its record's data has it),
        from the report document's date, agency or kind-of-trip term: the
        field's terms walked once, not a record read per report."""
        reader = self.searcher.reader()
        # A report told by key: its report document is in the segment of its passages.
        docnum = self._docs.get(report)
        if docnum is None:
            docnum = next(iter(ids_near(reader, "id", report, self._near[report])
                               or posting_ids(reader, "id", report)))
        field = {"year": "date", "agency": "agency_key", "type": "trip_type"}[by]
        return self._bucket_data(self._terms(field).get(docnum, ""), by)

    def _terms(self, field: str) -> dict[int, str]:
        """Each report document's term of a field of one term per report."""
        if not hasattr(self, "_fields"):
            self._fields: dict[str, dict[int, str]] = {}
        if field not in self._fields:
            found = {}
            for term, docs in field_postings(self.searcher.reader(), field):
                found.update(dict.fromkeys(docs, term))
            self._fields[field] = found
        return self._fields[field]

    def _agency(self, agency_key: str) -> str:
        """An agency's name as its first report writes it."""
        if not agency_key:
            return ""
        if not hasattr(self, "_agencies"):
            self._agencies: dict[str, str] = {}
        if agency_key not in self._agencies:
            first = posting_ids(self.searcher.reader(), "agency_key", agency_key)[0]
            self._agencies[agency_key] = self.stored[first]["data"]["agency"]
        return self._agencies[agency_key]
