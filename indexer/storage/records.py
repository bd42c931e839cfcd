"""What the index stores of a passage, and what is derived from it when read.

A passage's stored record is a tuple (no field names repeated in every
record) holding what cannot be derived: its text, place, headings and units.
What a search finds names in (the text's fold or match string, its
headings' match string), its section label and its citation are derived
when the passage is read: storing them cost more bytes than the text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...corpus.citation import Heading, citation, citation_title, passage_id, section_label
from ..analysis import match_text

CONTENT_KEY_SIZE = 8


@dataclass(frozen=True)
class StoredPassage:
    """One passage as the index keeps it."""

    report: str
    text: str
    length: int
    number: int
    paragraph: int
    headings: tuple[tuple[str, str], ...]  # (label, title) from the outermost
    meeting: str | None
    units: tuple[str, ...]
    topics: tuple[str, ...]
    annexes: tuple[int, ...]
    weight: float

    def pack(self) -> tuple:
        return (self.text, self.length, self.number, self.paragraph, self.headings,
                self.meeting, self.units, self.topics, self.annexes, self.weight)

    @classmethod
    def of(cls, stored: dict) -> StoredPassage:
        """The passage of a passage document's stored record (see pack)."""
        return cls(stored["report"], *stored["data"])

    def content_key(self, trip=None, headings_dated: bool | None = None) -> bytes:
        """What its exact score depends on, digested: passages with the same text,
        headings and weight (template paragraphs) score alike for any query;
        under a dated heading, in the same `trip` too (heading_words).
        `headings_dated`: dated(self.headings), when the caller knows it (a
        build asks once a section, not once a passage)."""
        import hashlib  # a build's: hashlib loads OpenSSL, which a search never uses

        digest = hashlib.blake2b(digest_size=CONTENT_KEY_SIZE)
        if trip is not None and headings_dated is None:
            headings_dated = dated(self.headings)
        trips = (f"{trip.start}/{trip.end}",) if trip is not None and headings_dated else ()
        # Each part ended by a NUL, digested in one update (the same bytes).
        parts = (self.text, *(title for _, title in self.headings), repr(self.weight), *trips)
        digest.update(("\0".join(parts) + "\0").encode("utf-8"))
        return digest.digest()

    @property
    def id(self) -> str:
        return passage_id(self.report, self.number)

    @property
    def section_path(self) -> list[str]:
        return [Heading(0, label, title).text for label, title in self.headings]

    @property
    def section(self) -> str:
        return section_label(tuple(Heading(0, label, title) for label, title in self.headings))

    def citation(self, report_data: dict) -> str:
        """The citation to paste, from the report's stored record."""
        title = citation_title(report_data["title"], report_data["path"], self.report)
        return citation(report_data["agency"], title, report_data["report_date"],
                        self.section, self.paragraph)


# A label that names its heading (附錄二, 第三節, 2.1.4, Annex B, Day 2), beside
# labels that only number it (一、, (三), II.).
NAMING_LABEL_RE = re.compile(
    r"[^\W\d〇零一二三四五六七八九十百壹貳參叁肆伍陸柒捌玖拾A-Za-z]|\d+\.\d+|(?![IVXivx]+\b)[A-Za-z]{2,}")


# What a heading that holds a day's date holds (a month, two numbers joined by
# a slash, dot or dash, Day/Week, 第N天, an English month): only then are the
# date readers loaded, which a search of reports without days never pays for.
DATED_HINT_RE = re.compile(
    r"\d\s*月|\d\s*[/.．\-–]\s*\d|第\s*\S{1,4}\s*[天日週周]"
    r"|(?i:\b(?:day|week|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))")


def heading_words(label: str, title: str, trip=None) -> str:
    """What a query finds a heading by: its title, its label when that names
    it, and a day's date by every name it answers to (2016-03-15, 3月15日,
    2016年3月15日, 105年3月15日), however the heading writes it; a date of
    numbers alone read inside the report's `trip` (corpus.datelines.Trip), as
    its units are."""
    words = f"{label} {title}" if label and NAMING_LABEL_RE.search(label) else title
    if not DATED_HINT_RE.search(f"{label} {title}"):
        return words
    from ...corpus.datelines import heading_dates

    dates = heading_dates(label, title, trip)
    return f"{words} {' '.join(dates)}" if dates else words


def dated(headings: tuple[tuple[str, str], ...]) -> bool:
    """Whether headings may hold a day's date, whose reading depends on the
    report's trip (heading_words): their match string is then the report's."""
    return any(DATED_HINT_RE.search(f"{label} {title}") for label, title in headings)


def report_trip(data: dict):
    """The trip (corpus.datelines.Trip) of a report's stored record, or None."""
    from ...corpus.datelines import Trip

    return Trip.of(data.get("period_start") or "", data.get("period_end") or "")


def heading_match(headings: tuple[tuple[str, str], ...], trip=None) -> str:
    """The match string of a passage's headings (in its report's `trip`)."""
    return match_text(" ".join(heading_words(label, title, trip) for label, title in headings))
