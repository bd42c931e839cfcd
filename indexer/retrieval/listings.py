"""What an opened index holds: its reports, the meetings (and the other units
of a trip: sessions, visited sites, course days) and topics they are about,
each with the number of passages under it.

Every listing is given a page at a time (`offset`, `limit`), as rows are
made: reports in date order from the index's dates (listing_reads), a page
reading only its own reports' records; topics in the order of their keys
from the index's table of names (names.py), a page reading only its own
entries. Passage counts come from each meeting's or topic's postings, each
read once for the whole listing (never one index query per unit).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from itertools import islice

from ..analysis import BUNDLED, fold_key, load_glossary
from ..storage import DUPLICATE, IndexReading, ids_near, posting_set, read_column
from .filters import FilterResolver, Filters
from .listing_reads import Group, TermDocs, paged, report_order
from .names import NameTable, merged_names, named_order

# The fewest names a row of topics is expected to have (its key's and one
# more): how many lookups a page of topics is expected to make of the glossaries.
NAMES_A_ROW = 2


class Listings:
    """Listings of one opened index, narrowed by report filters (`resolver`:
    the index's FilterResolver)."""

    def __init__(self, reading: IndexReading, resolver: FilterResolver):
        self.reading, self.resolver = reading, resolver
        self._terms: dict[str, TermDocs] = {}
        self._sources = None
        self.names = NameTable(reading.reader(), reading.stored)

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
        """Topics in the order of their keys, with the names the reports give
        them (the most reports' first) and those the glossaries add; with
        report filters, the topics of those reports, their names and passages
        only."""
        stop = None if limit is None else offset + max(limit, 0)
        # Each row asks the glossaries about each of its names (a page of 20
        # at 10,000 reports: 782 names): every name folded at once beats
        # scanning the files for the first few.
        load_glossary().expect(None if limit is None else NAMES_A_ROW * limit)
        if filters is not None and filters.by_report():
            merged = merged_names(self._report(d)["topics"]
                                  for d in paged(self._report_docs(filters)))
            among = self.resolver.allowed(filters)
            span = (min(among), max(among)) if among else None
            rows = ((key, named_order(names), among, span)
                    for key, names in islice(merged.items(), offset, stop))
        else:
            rows = ((key, self.names.names("topic", key), None, None)
                    for key in islice(self.names.keys("topic"), offset, stop))
        for key, names, among, span in rows:
            yield with_glossary_names([{"key": key, "names": names,
                                        "passages": self._count("topics", key, among, span)}])[0]

    def meetings(self) -> list[dict]:
        """Meetings of all reports, merged by key (what --meeting suggests), from
        the table of names."""
        return [{"key": key, "names": names, "passages": self._count("meeting", key, None)}
                for key, names in self.names.named("meeting").items()]

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
