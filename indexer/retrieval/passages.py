"""Passages by id, and what a passage shows: the record `show` and `cite`
print and the hit a search lists, one way for every engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UnknownPassage
from ..storage import (
    IndexReading,
    StoredPassage,
    dated,
    heading_match,
    ids_near,
    number_at,
    posting_ids,
    read_column,
    report_trip,
)
from .ranking import FULL_MATCH, ResolvedTerm, match_kind, passage_text
from .snippets import highlight_spans


@dataclass
class Hit:
    """One ranked passage."""

    id: str
    rank: int
    score: float
    text: str
    report: str
    section: str
    meeting: str | None
    topics: list[str]
    citation: str
    # exact: the terms as typed; alias: a term under another name; heading: a
    # term only in the heading; some: not every word; partial: only parts.
    match: str = "exact"
    section_path: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    annexes: list[int] = field(default_factory=list)
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PassageRecord:
    id: str
    report: str
    number: int
    paragraph: int
    text: str
    section: str
    section_path: list[str]
    meeting: str | None
    topics: list[str]
    citation: str
    annexes: list[dict]
    units: list[str] = field(default_factory=list)


class PassageLookup:
    """Passages of one opened index by id, and the passages around one."""

    def __init__(self, reading: IndexReading, index_dir: Path):
        self.reading, self.index_dir = reading, index_dir

    def record(self, passage_id: str) -> PassageRecord:
        report, _, number = passage_id.rpartition(":")
        docnum = self._docs(report).get(int(number)) if number.isdigit() else None
        if docnum is None:
            raise UnknownPassage(f"no passage with id {passage_id!r} in {self.index_dir}")
        return self._record(self.reading.stored[docnum])

    def context(self, passage_id: str, before_after: int) -> tuple[list, list]:
        """Up to `before_after` passages each side of one, in report order. The
        cost follows the passages the report has, however wide the range asked."""
        record = self.record(passage_id)
        docs = self._docs(record.report)
        near = sorted(n for n in docs if 0 < abs(n - record.number) <= before_after)
        records = [self._record(self.reading.stored[docs[n]]) for n in near]
        return ([r for r in records if r.number < record.number],
                [r for r in records if r.number > record.number])

    def report_data(self, report: str, near: int | None = None) -> dict:
        """A report's stored record (every passage's report has one; its id is its
        key). `near`, one of its passages: a writer puts a report's document in
        the segment of its passages, so that segment's term table is looked up
        first, not every segment's (39 at 100,000 reports)."""
        docnum = None
        if near is not None:
            docnum = min(ids_near(self.reading.reader(), "id", report, near), default=None)
        if docnum is None:
            docnum = self.reading.document_number(id=report)
        return self.reading.stored[docnum]["data"]

    def _docs(self, report: str) -> dict[int, int]:
        """A report's passages by number: its documents' places, from a column."""
        places = read_column(self.reading.reader(), "order")
        numbers = {d: number_at(places[d], report)
                   for d in posting_ids(self.reading.reader(), "report", report)}
        return {n: d for d, n in numbers.items() if n is not None}

    def _record(self, stored: dict) -> PassageRecord:
        passage = StoredPassage.of(stored)
        return passage_record(passage, self.report_data(passage.report))


# What a passage shows, from its stored record and its report's: one way for
# every engine (indexer/engines builds the same records from its rows).


def passage_record(passage: StoredPassage, report: dict) -> PassageRecord:
    """A passage in full, with its citation and the annexes it cites."""
    titles = {a["number"]: a["title"] for a in report["annexes"]}
    # As the report writes it (附錄二, Annex B); 附件 N in indexes made before.
    labels = {a["number"]: a.get("label") for a in report["annexes"]}
    return PassageRecord(
        id=passage.id, report=passage.report, number=passage.number,
        paragraph=passage.paragraph, text=passage.text, section=passage.section,
        section_path=passage.section_path, meeting=passage.meeting,
        topics=list(passage.topics), citation=passage.citation(report),
        units=list(passage.units),
        annexes=[{"number": n, "title": titles.get(n), "label": labels.get(n) or f"附件 {n}"}
                 for n in passage.annexes])


def passage_hit(rank: int, score: float, passage: StoredPassage, report: dict, resolved: dict,
                positive: list[ResolvedTerm], every: bool) -> Hit:
    """A ranked passage: how it matches, its highlights and its citation."""
    match = "partial" if score < FULL_MATCH else match_kind(
        passage_text(passage.text, heading_match(
            passage.headings, report_trip(report) if dated(passage.headings) else None),
            passage.length),
        positive, every)
    variants = [v for r in resolved.values() for v in r.variants]
    spans = highlight_spans(passage.text, variants)
    if not spans:
        spans = highlight_spans(passage.text, [p for r in resolved.values() for p in r.parts])
    return Hit(id=passage.id, rank=rank, score=round(score, 4), text=passage.text,
               report=passage.report, section=passage.section, meeting=passage.meeting,
               topics=list(passage.topics), citation=passage.citation(report),
               match=match, section_path=passage.section_path, units=list(passage.units),
               annexes=list(passage.annexes), highlights=spans)
