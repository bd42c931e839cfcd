"""Narrowing a search or a listing: by meeting, topic, section, report, agency,
date and kind of trip. Each value the index does not know is refused with
the known ones, never silently matched to nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..analysis import fold_key
from ..errors import UnknownFilter
from ..storage import (
    REPORT,
    ReportRuns,
    entries_holding,
    entries_ids,
    info_ids,
    info_matcher,
    keyed_entries,
    leading_ids,
    posting_set,
    segments,
    span_entries,
)
from .admitted import Admitted, AdmittedArray, AdmittedSet
from .names import NameTable

# The kinds of trip of the 出國報告 form, and other words a user may type for them.
TRIP_TYPES = {
    "開會": ("開會", "會議", "meeting", "conference"),
    "考察": ("考察", "參訪", "visit", "study tour"),
    "研習": ("研習", "訓練", "training", "workshop"),
    "進修": ("進修", "study", "education"),
    "實習": ("實習", "internship"),
    "研究": ("研究", "research"),
    "其他": ("其他", "other"),
}
DATE_RE = re.compile(r"(?:中華)?(?:民國)?\s*(\d{2,4})\s*(?:年|[-/.])?"
                     r"\s*(?:(\d{1,2})\s*(?:月|[-/.])?\s*(?:(\d{1,2})\s*日?)?)?")
DATE_HINT = "e.g. 110 (民國), 2021, 2021-07, 110/7/1, 113.8.3, 民國113年8月3日 or 2021-07-01"
KNOWN_SHOWN = 12
# From this many postings, a meeting's, topic's or section's passages are read
# as an array (candidates.ARRAYS_FROM: below it numpy's import costs more).
FACET_ARRAYS_FROM = 3000
# Up to this many reports, a filter's reports are each found by key (some
# 0.2 ms a report), not from the runs of every report (10-25 ms at 100,000
# reports: their documents and passage counts in each segment).
FEW_REPORTS = 16
# From this many keys, a facet's passages are found walking each segment's
# table of terms of the field (keyed_docs), not by a lookup of each key in
# each segment (some 0.1 ms each: 5,000 keys in 46 segments took 20 s).
KEYS_LOOKED_UP = 32


@dataclass
class Filters:
    """What a search or a listing is narrowed to; None or empty means any."""

    meeting: str | None = None
    topic: str | None = None
    section: str | None = None
    reports: tuple[str, ...] = ()
    agency: str | None = None
    since: str | None = None
    until: str | None = None
    trip_type: str | None = None

    def by_report(self) -> bool:
        return bool(self.reports or self.agency or self.since or self.until or self.trip_type)


def date_bound(text: str, upper: bool) -> str:
    """A date the user typed (民國 or AD; a year, a month or a day) as the ISO
    string that bounds it: `--until 2021` takes in every date of 2021."""
    from ...corpus.dates import normalize  # (only a search with --since/--until reads it)

    normal = normalize(text).strip()  # full-width digits, Chinese numerals (一一三年八月)
    m = DATE_RE.fullmatch(normal)
    if not m:
        raise UnknownFilter(f"cannot read {text!r} as a date", DATE_HINT, "date")
    year = int(m.group(1))
    year = year + 1911 if year < 1911 else year
    month, day = m.group(2), m.group(3)
    if not 1912 <= year <= 2200 or (month and not 1 <= int(month) <= 12) or (
            day and not 1 <= int(day) <= 31):
        raise UnknownFilter(f"cannot read {text!r} as a date", DATE_HINT, "date")
    bound = f"{year:04d}" + (f"-{int(month):02d}" if month else "") + (
        f"-{int(day):02d}" if day else "")
    # ISO strings compare as dates do; a shorter one is the start of its period.
    return bound + "\uffff" if upper else bound


def trip_type(text: str) -> str:
    wanted = text.strip().casefold()
    for kind, names in TRIP_TYPES.items():
        if wanted in (n.casefold() for n in names):
            return kind
    raise UnknownFilter(f"unknown kind of trip {text!r}", "known: " + ", ".join(TRIP_TYPES),
                        "type")


def known_list(values: list[str] | dict[str, list[str]], near: str = "") -> str:
    """The known values, those closest to `near` first (`values` may map each
    to its other names, which are compared too)."""
    from .suggest import closest

    if not values:
        return "this index has none"
    named = values if isinstance(values, dict) else {v: [] for v in values}
    values = list(named)
    close = closest(near, named) if near else []
    shown = close or values[:KNOWN_SHOWN]
    more = "" if close or len(values) <= KNOWN_SHOWN else f", … ({len(values)} in all)"
    return ("did you mean: " if close else "known: ") + ", ".join(shown) + more


def sorted_unique(docs):
    """A numpy array of document numbers sorted, each once (numpy's unique
    costs 2-4 ms a thousand documents and imports numpy.ma on first use)."""
    import numpy as np

    # (Stable: timsort, which takes the sorted runs of each term's postings
    # as they come, where a quicksort of 700,000 documents took 75 ms.)
    docs = np.sort(docs, kind="stable")
    return docs[np.concatenate(([True], docs[1:] != docs[:-1]))] if len(docs) else docs


def sorted_common(a, b):
    """The documents in both sorted, unique numpy arrays (by binary search of
    the longer: numpy's intersect1d sorts both again)."""
    import numpy as np

    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a
    at = np.minimum(np.searchsorted(b, a), len(b) - 1)
    return a[b[at] == a]


def span_docs(reader, field_name: str, low: str, high: str) -> list | None:
    """The live report documents holding a term of a field from `low` to
    `high` (both in), a sorted array (in a list, as narrow() takes
    them); None when that is every report, as the term infos tell of a
    field of one term a report at most, on reports only (the date): in
    each segment every term in the span and as many documents holding
    them as reports (--since 1912 reads no date's postings). Each
    segment's table of terms walked once, no term looked up by hash (a
    span of dates is thousands of terms in each of dozens of segments),
    the documents offset and the deleted ones dropped at once (numpy)."""
    import numpy as np

    sides = [(segment, offset, *span_entries(segment, field_name, low, high))
             for segment, offset in segments(reader)]
    if all(not outside and sum(info.doc_frequency() for _, info in inside)
           == segment.doc_frequency("kind", REPORT)
           for segment, _, inside, outside in sides):
        return None
    found = []
    for segment, offset, inside, _ in sides:
        ids = np.array(entries_ids(segment, field_name, inside), np.int64)
        if segment.has_deletions() and len(ids):
            ids = ids[~np.isin(ids, np.fromiter(segment.deleted_docs_set, np.int64))]
        found.append(ids + offset)
    # A segment's terms hold their documents in turn: sorted here, once.
    return [sorted_unique(np.concatenate(found) if found else np.zeros(0, np.int64))]


def keyed_docs(reader, field_name: str, entries: Callable[[object], list]):
    """The terms of a field that fit (a set) and the live documents holding
    any of them, a sorted numpy array: `entries(segment)` gives the (term,
    term info) of each segment's terms of the field that fit (keyed_entries
    walks them; entries_holding searches their bytes), and their postings
    are read from the entry, not looked up again, a block at a time (numpy)."""
    import numpy as np

    from .arrays import DOC

    found, keys = [], set()
    for segment, offset in segments(reader):
        fitting = entries(segment)
        keys.update(btext for btext, _ in fitting)
        ids = entries_docs(segment, field_name, fitting)
        if segment.has_deletions() and len(ids):
            ids = ids[~np.isin(ids, np.fromiter(segment.deleted_docs_set, np.int64))]
        found.append(ids + offset)
    docs = sorted_unique(np.concatenate(found)) if found else np.zeros(0, np.int64)
    return {k.decode("utf-8") for k in keys}, docs.astype(DOC)


def entries_docs(segment, field_name: str, entries: list):
    """The document numbers (deleted ones too) of a segment's (term, term
    info) entries, in turn, a numpy array: each term's blocks decoded at once
    (a list of 700,000 numbers made one by one took 80 ms)."""
    import numpy as np

    from .arrays import _decoded

    parts = [np.zeros(0, np.int64)]
    for btext, info in entries:
        matcher = info_matcher(segment, field_name, btext, info)
        if matcher is None:  # postings kept with the term
            parts.append(np.array(info_ids(segment, field_name, btext, info), np.int64))
            continue
        blocks = list(matcher.packed_blocks())
        if blocks:
            parts.append(_decoded(blocks)[0].astype(np.int64))
    return np.concatenate(parts)


class ReportFilter:
    """The report documents that pass the report-level filters (--report,
    --agency, --type, --since/--until), read from postings and the date's
    terms; a value the index does not know is refused with the known ones."""

    def __init__(self, searcher):
        self.searcher, self.stored = searcher, searcher.stored
        self.reader = searcher.reader()

    def report_docs(self, filters: Filters) -> list[int]:
        """The report documents that pass the report-level filters, in order."""
        return self.report_doc_array(filters).tolist()

    def report_doc_array(self, filters: Filters):
        """report_docs() as a sorted numpy array: each filter's documents read
        as arrays (postings decoded a block at a time) and joined and
        intersected at once (numpy), not a report at a time; a span of dates
        read walking each segment's table of terms once."""
        import numpy as np

        from .arrays import read_postings

        docs = self.report_doc_array_or_none(filters)
        return read_postings(self.reader, "kind", REPORT)[0].astype(np.int64) \
            if docs is None else docs

    def report_doc_array_or_none(self, filters: Filters):
        """report_doc_array(), None when every report passes (as is known of
        a span of dates that holds every date, or of no filter)."""
        import numpy as np

        from .arrays import read_postings, union

        found = None

        def narrow(parts: list) -> None:
            nonlocal found
            docs = union([part.astype(np.int64, copy=False) for part in parts])
            found = docs if found is None else sorted_common(found, docs)

        def postings(field_name: str, keys: list[str]) -> list:
            return [read_postings(self.reader, field_name, key)[0] for key in keys]

        if filters.reports:
            for key in filters.reports:
                if self.searcher.document_number(id=key, kind=REPORT) is None:
                    raise UnknownFilter(f"unknown report {key!r}",
                                        known_list(self.report_keys(Filters()), key), "report")
            narrow(postings("id", list(filters.reports)))
        if filters.agency:
            wanted = fold_key(filters.agency)
            agencies = [a for a in self.lexicon("agency_key") if wanted and wanted in a]
            if not agencies:
                raise UnknownFilter(f"no report of agency {filters.agency!r}",
                                    known_list(self.agency_names(), filters.agency), "agency")
            narrow(postings("agency_key", agencies))
        if filters.trip_type:
            narrow(postings("trip_type", [trip_type(filters.trip_type)]))
        if filters.since or filters.until:
            low = date_bound(filters.since, upper=False) if filters.since else ""
            high = date_bound(filters.until, upper=True) if filters.until else "\uffff"
            dated = span_docs(self.reader, "date", low, high)
            if dated is not None:
                narrow(dated)
        return found

    def report_keys(self, filters: Filters) -> list[str]:
        return sorted(self.stored[d]["report"] for d in self.report_docs(filters))

    def agency_names(self) -> list[str]:
        """The agencies' names as the reports write them: one report's record per
        agency key."""
        names = set()
        for key in self.lexicon("agency_key"):
            docs = leading_ids(self.reader, "agency_key", key, 1)
            if docs:
                names.add(self.stored[docs[0]]["data"]["agency"])
        return sorted(names - {""})

    def lexicon(self, field_name: str) -> list[str]:
        return [t.decode("utf-8") if isinstance(t, bytes) else t
                for t in self.reader.lexicon(field_name)]


class FilterResolver:
    """Turns Filters into the passages they admit (admitted.Admitted), from
    postings and columns: each filter costs what it admits, not what the
    index holds."""

    def __init__(self, searcher, other_names: Callable[[str], list[str]]):
        self.stored, self.reader = searcher.stored, searcher.reader()
        self.other_names = other_names  # the names the reports and glossaries give
        self._runs: ReportRuns | None = None
        # The passages of facet keys found by walking the keys (section_keys).
        self._walked: dict[tuple, object] = {}
        self.names = NameTable(self.reader, self.stored)
        self.report_filter = ReportFilter(searcher)  # --report, --agency, --type, dates

    def allowed(self, filters: Filters) -> Admitted | AdmittedArray | AdmittedSet | None:
        """Passages a search may return (None: any)."""
        facets = [(what, value) for what, value in (
            ("meeting", filters.meeting), ("topic", filters.topic), ("section", filters.section))
            if value is not None]
        if not facets and not filters.by_report():
            return None
        # Every value is checked (and refused when unknown) before any is read.
        self._walked.clear()
        keys = {what: self.facet_keys(what, value) for what, value in facets}
        admitted = None
        if filters.by_report():
            docs = self.report_filter.report_doc_array_or_none(filters)
            # Every report admitted (--since 1912): every passage is, as with
            # no filter, and a search pays nothing for it.
            if docs is not None and not self.every_report(docs):
                admitted = self.report_passages(docs)
        field_names = {"meeting": "meeting", "topic": "topics", "section": "under_keys"}
        for what, _ in facets:
            if admitted is not None and not admitted:
                break
            docs = self.facet_passages(field_names[what], keys[what])
            admitted = docs if admitted is None else admitted & docs
        return admitted

    def facet_passages(self, field_name: str, keys: list[str]
                       ) -> Admitted | AdmittedArray | AdmittedSet:
        """The passages holding any of these terms: a set when they are few
        (numpy's import costs more than it saves), else a sorted array, or
        runs when they stand together. Many terms (a heading's words that
        thousands of headings hold) are found walking each segment's table of
        the field once, not looked up one by one in every segment."""
        walked = self._walked.pop((field_name, tuple(keys)), None)
        if walked is not None:
            return AdmittedArray.of(walked)
        if len(keys) > KEYS_LOOKED_UP:
            wanted = {k.encode("utf-8") for k in keys}.__contains__
            return AdmittedArray.of(keyed_docs(
                self.reader, field_name,
                lambda segment: keyed_entries(segment, field_name, wanted))[1])
        if sum(self.reader.doc_frequency(field_name, k) for k in keys) < FACET_ARRAYS_FROM:
            return AdmittedSet(set().union(*(posting_set(self.reader, field_name, k)
                                             for k in keys)))
        from .arrays import read_postings, union

        return AdmittedArray.of(union([read_postings(self.reader, field_name, k)[0]
                                       for k in keys]))

    def every_report(self, report_docs) -> bool:
        """Whether these report documents (a sorted numpy array) are every live
        report of the index: told from the count of report documents first
        (deleted ones too, less every deleted document: at least the live
        reports), read only when they may be."""
        import numpy as np

        from .arrays import read_postings

        deleted = self.reader.doc_count_all() - self.reader.doc_count()
        if len(report_docs) < self.reader.doc_frequency("kind", REPORT) - deleted:
            return False
        reports = read_postings(self.reader, "kind", REPORT)[0].astype(np.int64)
        return len(sorted_common(reports, report_docs)) == len(reports)

    def report_passages(self, report_docs) -> Admitted:
        """The passages of these report documents (a sorted numpy array): one
        run of documents each (storage.ReportRuns); up to FEW_REPORTS of
        them each by its key, the runs of every report not read."""
        if self._runs is None:
            self._runs = ReportRuns(self.reader, self.stored)
        if len(report_docs) <= FEW_REPORTS:
            return Admitted.of_docs(d for docnum in report_docs.tolist()
                                    for d in self._runs.by_key(docnum))
        starts, ends, left = self._runs.spans(report_docs)
        if not left:
            return Admitted.of_arrays(starts, ends)
        runs = list(zip(starts.tolist(), ends.tolist(), strict=True))
        for docnum in left:
            ids = self._runs.passages(docnum)
            if isinstance(ids, range):
                runs.append((ids.start, ids.stop))
            else:
                runs.extend((d, d + 1) for d in ids)
        return Admitted.of_runs(runs)

    def report_docs(self, filters: Filters) -> list[int]:
        """The report documents that pass the report-level filters, in order."""
        return self.report_filter.report_docs(filters)

    def facet_keys(self, what: str, value: str) -> list[str]:
        """The terms of the passages' field that --meeting, --topic or --section
        stands for; UnknownFilter if nothing fits."""
        if what == "section":
            values = set(self.section_keys(value))
        else:
            # The index's table of names leads from a name to the keys it names.
            values = self.names.keys_named(what, value)
            # Known by another name: TBT Committee finds the unit 「TBT 委員會第 91 次例會」.
            for name in ([] if values else self.other_names(value)):
                values |= self.names.keys_named(what, name)
        if not values:
            if what == "section":
                hint = "give a heading's words or numbering, e.g. 肆、三 or 單一窗口議題"
            else:
                hint = known_list(self.names.named(what), value)
            raise UnknownFilter(f"unknown {what} {value!r}", hint, what)
        return sorted(values)

    def section_keys(self, value: str) -> list[str]:
        """The keys of the headings --section stands for: the folded value when
        a passage stands under a heading of that key (label, title or both,
        or the labels down to it: build.documents.section_keys), else every
        key that contains it; none when no live passage is under one. Only
        the term table is read (and a block of the key's postings, to tell
        that a live passage holds it); each segment's keys are walked only
        when no key equals it."""
        key = fold_key(value)
        if not key:
            return []
        if ("under_keys", key) in self.reader and leading_ids(self.reader, "under_keys", key, 1):
            return [key]
        # Every key holding it, and their passages (kept for facet_passages):
        # each segment's keys searched as bytes, only those holding it read.
        keys, docs = keyed_docs(self.reader, "under_keys",
                                lambda segment: entries_holding(segment, "under_keys", key))
        if not len(docs):
            return []
        self._walked["under_keys", tuple(sorted(keys))] = docs
        return sorted(keys)
