"""The small value types a parsed report is made of."""

from __future__ import annotations

from dataclasses import dataclass, field

# A search reads headings and cites passages, and builds no report: what it
# needs of the model lives apart, so that it does not make the classes below.
from .citation import Heading, citation, citation_title, passage_id, section_label


@dataclass(frozen=True)
class Annex:
    """An annex or appendix: its number in the report, its title, and its
    label as the report writes it (附錄二, Annex B), if other than 附件 N."""

    number: int
    title: str
    label: str = ""


@dataclass(frozen=True)
class OutlineEntry:
    """A heading of the body, the headings above it, its numbering family, and
    the passage its own line became when nothing stood under it."""

    heading: Heading
    parents: tuple[Heading, ...]
    style: str = ""
    leaf: Passage | None = None


@dataclass
class Meeting:
    """A unit of the trip: a meeting, a session, a visited site or a day.

    `key` is its short name (the acronym, or the heading's words); `kind` is
    meeting, session, site or day.
    """

    key: str
    names: list[str]
    kind: str = "meeting"


@dataclass
class Topic:
    """A subject from the report's own vocabulary (keyword pairs, 議題 headings)."""

    key: str
    names: list[str]


@dataclass
class Passage:
    """One paragraph of a report with the context a hit needs."""

    report: str
    number: int
    text: str
    section: tuple[Heading, ...]
    paragraph: int
    meeting: str | None = None
    topics: list[str] = field(default_factory=list)
    annexes: list[int] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    # Below 1 for the cover and the form: they name every subject of the
    # report, so they rank after the passages that discuss one; 0.5 for
    # listings and kinds that name a subject, 0.75 for notes (corpus.structure).
    weight: float = 1.0
    # Pairs of names the text defines as one thing (優質企業(AEO)): names that
    # stand side by side in it (corpus.glossary.definitions).
    defined: list[tuple[str, str]] = field(default_factory=list)
    # What the text is: paragraph, table_row, caption, list_item or footnote
    # (corpus.paragraphs.KINDS).
    kind: str = "paragraph"

    @property
    def id(self) -> str:
        return passage_id(self.report, self.number)

    @property
    def section_label(self) -> str:
        """Short form of the section path, e.g. 肆、三、(七) 單一窗口議題."""
        return section_label(self.section)


@dataclass
class Report:
    key: str
    path: str = ""
    format: str = "text"
    title: str = ""
    agency: str = ""
    authors: list[str] = field(default_factory=list)
    trip_type: str = ""
    trip_type_written: str = ""
    period: str = ""
    period_start: str = ""
    period_end: str = ""
    place: str = ""
    report_date: str = ""
    report_date_iso: str = ""
    keywords: list[str] = field(default_factory=list)
    abstract: str = ""
    passages: list[Passage] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    glossary: list[list[str]] = field(default_factory=list)
    outline: list[OutlineEntry] = field(default_factory=list)

    def citation(self, passage: Passage) -> str:
        return citation(self.agency, citation_title(self.title, self.path, self.key),
                        self.report_date, passage.section_label, passage.paragraph)
