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

from ..storage import (
    PLACE_KEY_BYTES,
    field_postings,
    holding_every,
    ids_near,
    posting_ids,
    read_column,
)
from .buckets import add, bucket_rows
from .query import Any, Exclude, Node, Term
from .reads import IndexReads

# Report data that names a report's bucket.
REPORT_BUCKET: dict[str, Callable[[dict], str]] = {
    "year": lambda data: (data.get("report_date_iso") or data.get("period_start") or "")[:4],
    "agency": lambda data: data.get("agency", ""),
    "type": lambda data: data.get("trip_type", ""),
}


class SetReads(IndexReads):
    """What a count by buckets reads: the sets of documents that hold index
    terms, never their counts (which ranking reads with them)."""

    def variant_docs(self, tokens: list[str]) -> set[int]:
        required = list(dict.fromkeys(self.required_grams(tokens)))
        key = tuple(tokens)
        if len(required) > 1 and key not in self.docs_cache:
            self.docs_cache[key] = holding_every(
                self.searcher.reader(), [("grams", g) for g in required], read=self.term_docs)
        elif len(required) == 1 and key not in self.docs_cache:
            self.docs_cache[key] = self.term_docs("grams", required[0])
        return super().variant_docs(tokens)


def matching_docs(node: Node, resolved: dict, reads: IndexReads) -> set[int]:
    """The passages that match a query node (see above)."""
    if isinstance(node, Term):
        r, found = resolved[node], set()
        for v in r.variants:
            found |= reads.variant_docs(v.tokens)
            if not node.quoted:
                found |= reads.heading_docs(v.tokens, None)
        return found
    if isinstance(node, Any):
        return set().union(*(matching_docs(c, resolved, reads) for c in node.children))
    wanted = [c for c in node.children if not isinstance(c, Exclude)]
    found = matching_docs(wanted[0], resolved, reads) if wanted else set()
    for child in wanted[1:]:
        found &= matching_docs(child, resolved, reads)
    for child in node.children:
        if isinstance(child, Exclude):
            found -= matching_docs(child.child, resolved, reads)
    return found


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

    def count(self, docs: set[int], by: str) -> list[dict]:
        if by == "meeting":
            from .unit_counts import meeting_buckets

            return meeting_buckets(self.searcher, docs, self.report_ids)
        # Each report is told by its report document where the runs of report
        # documents place its passages (storage.ReportRuns.owned), else by its
        # key; a bucket of year, agency or kind comes from the report
        # document's term, not from the key or the record.
        per_report: dict[int | str, int] = {}
        self._docs: dict[int | str, int] = {}
        self._near: dict[str, int] = {}  # a passage of each report told by key
        owned, unknown = self._owned(docs)
        for report_doc, first, passages in owned:
            report = self.report_of(first) if by == "report" else report_doc
            per_report[report] = passages
            self._docs[report] = report_doc
        for d in unknown:
            report = self.report_of(d)
            per_report[report] = per_report.get(report, 0) + 1
            self._near.setdefault(report, d)
        return report_buckets(per_report, by, lambda report: self.report_data(report, by))

    def report_ids(self, docs: set[int]):
        """These passages in order (a numpy array), and an id of each one's
        report: its report document, or for a report told by key a number
        below 0 of its own."""
        import numpy as np

        from ..storage import ReportRuns

        listed = sorted(docs)  # the set's own numbers, in order: no copies of them
        ordered = np.array(listed, np.int64)
        ids = np.empty(len(listed), np.int64)
        owned, unknown = ReportRuns(self.searcher.reader(), self.stored).owned(listed)
        del listed
        firsts = np.searchsorted(ordered, np.fromiter((first for _, first, _ in owned), np.int64,
                                                      len(owned))).tolist()
        for (report_doc, _, passages), at in zip(owned, firsts, strict=True):
            ids[at:at + passages] = report_doc
        keys: dict[str, int] = {}
        for d in unknown:
            ids[np.searchsorted(ordered, d)] = -1 - keys.setdefault(self.report_of(d), len(keys))
        return ordered, ids

    def _owned(self, docs: set[int]) -> tuple[list[tuple[int, int, int]], list[int]]:
        from ..storage import ReportRuns

        return ReportRuns(self.searcher.reader(), self.stored).owned(sorted(docs))

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
        if by == "year":
            return {"report_date_iso": self._terms("date").get(docnum, "")}
        if by == "agency":
            return {"agency": self._agency(self._terms("agency_key").get(docnum, ""))}
        return {"trip_type": self._terms("trip_type").get(docnum, "")}

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
