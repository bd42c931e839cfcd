"""What an opened index holds: its reports, the meetings (and the other units
of a trip: sessions, visited sites, course days) and topics they are about,
each with the number of passages under it.

Every listing is given a page at a time (`offset`, `limit`), as rows are
made: reports in date order from the index's dates (listing_reads), a page
reading only its own reports' records. Passage counts come from each
meeting's or topic's postings, each read once for the whole listing (never
one index query per unit).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial

from ..analysis import BUNDLED, fold_key, load_glossary
from ..storage import DUPLICATE, IndexReading, ids_near, posting_set, read_column
from .filters import FilterResolver, Filters
from .listing_reads import Group, TermDocs, paged, report_order


class Listings:
    """Listings of one opened index, narrowed by report filters (`resolver`:
    the index's FilterResolver)."""

    def __init__(self, reading: IndexReading, resolver: FilterResolver):
        self.reading, self.resolver = reading, resolver
        self._terms: dict[str, TermDocs] = {}
        self._sources = None

    def reports(self, filters: Filters | None = None, offset: int = 0,
                limit: int | None = None) -> Iterator[dict]:
        """Reports with their metadata, by date (the report's, else the trip's
        start; undated last), then key; each with the files that repeat it
        (`duplicates`: their paths)."""
        copies = self._duplicates()
        for docnum in paged(self._report_docs(filters), offset, limit):
            report = self._report(docnum)
            yield {**report, "duplicates": copies.get(report["key"], [])}

    def units(self, filters: Filters | None = None, offset: int = 0,
              limit: int | None = None) -> Iterator[dict]:
        """Each report's meetings, sessions, visited sites and days, in report order,
        with the number of passages under each."""
        return paged(self._units(filters), offset, limit)

    def topics(self, filters: Filters | None = None, offset: int = 0,
               limit: int | None = None) -> Iterator[dict]:
        """Topics with the names the reports give them, and those the glossaries
        add; the passages counted are those of the reports the filters allow."""
        named = self._named("topics", "topics", filters)
        return (with_glossary_names([t])[0] for t in paged([named], offset, limit))

    def meetings(self) -> list[dict]:
        """Meetings of all reports, merged by key (what --meeting suggests)."""
        return self._named("meetings", "meeting", None)

    def _report_docs(self, filters: Filters | None):
        filters = filters or Filters()
        allowed = set(self.resolver.report_docs(filters)) if filters.by_report() else None
        return report_order(self.reading.reader(), allowed, self._key)

    def _key(self, docnum: int) -> str:
        """A report document's key, from its source column (a record holds all
        of the report and costs more to read)."""
        if self._sources is None:
            self._sources = read_column(self.reading.reader(), "source")
        return json.loads(self._sources[docnum])[1]

    def _report(self, docnum: int) -> dict:
        stored = self.reading.stored[docnum]
        return {"key": stored["report"], **stored["data"]}

    def _units(self, filters: Filters | None) -> Iterator[Group]:
        """Each report's units, one group per report, counted only when shown."""
        for docnum in paged(self._report_docs(filters)):
            report = self._report(docnum)
            yield Group(len(report["meetings"]), partial(self._counted_units, report, docnum))

    def _counted_units(self, report: dict, docnum: int) -> list[dict]:
        # A report's documents are in the segment of its report document, its
        # passages first (storage.later_in_segment): their span is that of
        # its first `passages` documents.
        ids = ids_near(self.reading.reader(), "report", report["key"], docnum)
        passages = ids[:report["passages"]]
        docs, span = set(passages), (passages[0], passages[-1]) if passages else None
        return [{"report": report["key"], "key": item["key"],
                 "kind": item.get("kind", "meeting"), "names": item["names"],
                 "passages": self._count("meeting", item["key"], docs, span)}
                for item in report["meetings"]]

    def _named(self, kind: str, field_name: str, filters: Filters | None) -> list[dict]:
        """Meetings or topics of the reports, merged by key, with passage counts."""
        merged: dict[str, dict] = {}
        for docnum in paged(self._report_docs(filters)):
            report = self._report(docnum)
            for item in report[kind]:
                entry = merged.setdefault(item["key"], {"key": item["key"], "names": [],
                                                        "reports": []})
                entry["names"] += [n for n in item["names"] if n not in entry["names"]]
                entry["reports"].append(report["key"])
        among = self.resolver.allowed(filters) if filters and filters.by_report() else None
        span = (min(among), max(among)) if among else None
        for key, entry in merged.items():
            entry["passages"] = self._count(field_name, key, among, span)
        return list(merged.values())

    def _duplicates(self) -> dict[str, list[str]]:
        """The paths of the files that repeat a report, by its key (build/duplicates.py)."""
        reader, stored = self.reading.reader(), self.reading.stored
        if not reader.doc_frequency("kind", DUPLICATE):
            return {}
        copies: dict[str, list[str]] = {}
        for d in sorted(posting_set(reader, "kind", DUPLICATE)):
            data = stored[d]["data"]
            copies.setdefault(data["of_key"], []).append(data["path"])
        return {key: sorted(paths) for key, paths in copies.items()}

    def _count(self, field_name: str, key: str, among: set[int] | None,
               span: tuple[int, int] | None = None) -> int:
        """Live passages holding a meeting's or topic's key (of `among`, if given):
        its postings, read once per listing (only passages hold these fields)."""
        terms = self._terms.get(field_name)
        if terms is None:
            terms = self._terms[field_name] = TermDocs(self.reading.reader(), field_name)
        return terms.count(fold_key(key), among, span)


def with_glossary_names(topics: list[dict]) -> list[dict]:
    """Topics with the names the glossaries add beside the reports' own (for
    every engine's listing)."""
    glossary = load_glossary()
    for topic in topics:
        known = {fold_key(n) for n in topic["names"]}
        topic["glossary"], topic["user_glossary"] = [], []
        for name in topic["names"]:
            for other, source in glossary.names(name):
                if fold_key(other) not in known:
                    known.add(fold_key(other))
                    topic["glossary" if source == BUNDLED else "user_glossary"].append(other)
    return topics
