"""The body of a report: headings, paragraphs and annexes, into passages.

Every line of the body lands in exactly one passage or heading: a heading
with nothing under it (an agenda item, a list of visits) becomes a passage
of its own, and under an annex list (柒、附件) each numbered line is an
annex title and a passage; appendix bodies and text after the list are
passages like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .annexes import AnnexRegistry
from .datelines import day_line
from .footnotes import attach_notes
from .formats.model import Line
from .heading_rules import body_heading, in_annex_list
from .headings import HeadingStack, match_heading
from .line_context import LineContext
from .marks import list_signs
from .model import Annex, Heading, OutlineEntry, Passage
from .numbering import (
    Numbering,
    heading_tail,
    left_open,
    translated_title,
)
from .paragraphs import (
    INDENT,
    NAMING_KINDS,
    Block,
    assemble_blocks,
    blank_separated,
    indent_marked,
    join_fragments,
)
from .roles import is_role_line
from .subheadings import ENGLISH_STYLE, Candidate, accepted, looks_like_subheading
from .tables import caption_heading, split_cells

ANNEX_ITEM_RE = re.compile(r"^(\d{1,3})\s*[.、．)）]\s*(.*)$")
LISTING_WEIGHT = 0.5
# A note (a footnote, a numbered remark under a page or a section) adds to
# the text that cites it, in few characters: it ranks after a paragraph that
# mentions a term as often, and before a listing.
NOTE_WEIGHT = 0.75
# A heading's English name on the line after it: "(Sub-Committee on ..., SCCP)會議".
# (not a list's label in brackets before its text: (a) …, (iv) …).
HEADING_TAIL_RE = re.compile(r"^[(（](?![A-Za-z][)）]|[ivxIVX]{1,4}[)）]\s*\S)[A-Za-z]")


def day_headings(lines: list[Line]) -> dict[int, tuple[str, str]]:
    """The date lines (by id) that head a day: each stands apart from the other
    date lines and from a table's rows, with text after it (a run of dated
    lines is an itinerary or a schedule's rows; a date at the end of the body
    is a signature's)."""
    found = {i: day for i, line in enumerate(lines) if line.text and not line.note
             and not match_heading(line.text) and (day := day_line(line.text))}
    if not found:
        return {}
    filled = [i for i, line in enumerate(lines) if line.text and not line.note]
    place = {i: k for k, i in enumerate(filled)}
    out = {}
    for i, day in found.items():
        k = place[i]
        before = filled[k - 1] if k else None
        after = filled[k + 1] if k + 1 < len(filled) else None
        # A date and a title a cell's gap apart, beside a row, is a table's row
        # (a numbered heading beside it, `第三章　紀要`, is not a row).
        row = day[1] and split_cells(lines[i]) is not None and any(
            k is not None and split_cells(lines[k]) is not None
            and not match_heading(lines[k].text) for k in (before, after))
        if after is not None and after not in found and before not in found and not row:
            out[id(lines[i])] = day
    return out


@dataclass
class Body:
    passages: list[Passage] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    # Every heading in order, with the headings above it and, when nothing
    # stood under it, the passage its own line became.
    outline: list[OutlineEntry] = field(default_factory=list)
    indented: bool = False  # whether paragraphs are marked by a first-line indent


def block_section(block: Block, path: tuple[Heading, ...]) -> tuple[Heading, ...]:
    """A table's rows sit under its caption (corpus.tables.caption_heading)."""
    return path + (caption_heading(block.caption, len(path) + 1),) if block.caption else path


def block_weight(block: Block, listing: bool) -> float:
    """A list of annex titles names subjects without discussing them, as a
    line of who spoke (講師：<name>（<unit>）) names the speaker's, a table's
    row, a caption or a line of an agenda names its subject."""
    listed = listing or block.kind in NAMING_KINDS or is_role_line(block.text)
    return LISTING_WEIGHT if listed else NOTE_WEIGHT if block.kind == "footnote" else 1.0


class BodyParser:
    """Reads body lines in order, keeping the heading path and the open paragraph."""

    def __init__(self, key: str, wrap: int | None, english: frozenset[int] | None = None,
                 abstract_read: bool = False):
        self.key, self.wrap = key, wrap
        # Whether the front held the abstract: if not, one may close the report.
        self.abstract_read = abstract_read
        # Lines (by id) read as unnumbered English subheadings; None on a first reading.
        self.english = english
        self.candidates: list[Candidate] = []
        self.stack = HeadingStack()
        self.body = Body()
        self.pending: list[Line] = []
        self.counters: dict[tuple[Heading, ...], int] = {}
        self.heading_line: str | None = None  # the last heading while nothing is under it
        self.registry = AnnexRegistry()
        self.indented = False
        self.blank_lines = False  # whether blank lines end paragraphs
        self.days: dict[int, tuple[str, str]] = {}  # date lines read as days, by id
        self.list_signs: frozenset[str] = frozenset()  # signs that bullet items (corpus.marks)
        self.numbering = Numbering()  # each family's last label (corpus.numbering)
        self.outlined: set[str] = set()  # families the outline levels number (parse)
        self.full_heading = False  # the last heading filled its line: its tail may follow
        # Headings read so far at the margin and indented (a text whose
        # paragraphs are marked by an indent sets its headings flush).
        self.flush_headings = self.indented_headings = 0
        self.context = LineContext([], wrap)  # the lines around the line read

    def parse(self, lines: list[Line]) -> Body:
        # Whether paragraphs are marked by a first-line indent is the
        # document's convention, seen over its text lines (headings, flush
        # and often numbered like list items, are left out).
        self.indented = indent_marked([line for line in lines if line.text and (
            line.indent >= INDENT or line.whole or not match_heading(line.text))])
        self.body.indented = self.indented
        self.blank_lines = blank_separated([line for line in lines if line.whole or line.note
                                            or not match_heading(line.text)])
        self.days = day_headings(lines)
        self.list_signs = list_signs(lines)
        self.context = LineContext(lines, self.wrap, self.blank_lines)
        # The numbering families a word processor's outline gives its headings:
        # a paragraph outside the outline numbered alike is a list item.
        self.outlined = {found[0] for line in lines if line.whole and line.heading
                         and not line.note and (found := match_heading(line.text))}
        for self.context.at, line in enumerate(lines):
            self.feed(line)
        self.flush()
        self.leaf_heading()
        self.body.passages = attach_notes(self.body.passages)  # corpus.footnotes
        # References resolve once every annex is known: they come before it.
        for passage in self.body.passages:
            passage.annexes = self.registry.cited(passage.text)
        self.body.annexes = self.registry.annexes
        if self.english is None and self.candidates:
            english = accepted(self.candidates, self.body.outline)
            if english:  # read again, with them as headings
                return BodyParser(self.key, self.wrap, frozenset(english),
                                  self.abstract_read).parse(lines)
        return self.body

    def feed(self, line: Line) -> None:
        text = line.text
        if self.english and id(line) in self.english:
            self.push_heading(ENGLISH_STYLE, "", text.strip(), text)
            return
        context = self.context
        found = body_heading(self, line)
        if found:
            self.push_heading(*found, text)
            self.full_heading = context.full_line(line)
            if line.indent >= INDENT:
                self.indented_headings += 1
            else:
                self.flush_headings += 1
            return
        # A heading's tail: the line after a heading that filled its line or
        # left a bracket or a quote open, ending it as a title.
        tail = (self.full_heading or left_open(self.heading_line or "")) and text \
            and not context.full_line(line) and not line.note \
            and heading_tail(self.heading_line or "", text)
        self.full_heading = False
        # The title in Chinese right under a heading titled in English.
        translation = self.heading_line is not None and not line.note \
            and context.neighbours()[0] == self.heading_line \
            and translated_title(self.stack.path[-1].title, text)
        if self.heading_line is not None and (HEADING_TAIL_RE.match(text) or tail or translation) \
                and not any(p.text for p in self.pending):
            top = self.stack.path[-1]
            self.stack.retitle(join_fragments(top.title, text))
            entry = self.body.outline[-1]
            self.body.outline[-1] = OutlineEntry(self.stack.path[-1], entry.parents, entry.style)
            if entry.style == "appendix":
                self.registry.retitle(entry.heading.label, self.stack.path[-1].title)
            self.heading_line = join_fragments(self.heading_line, text)
            return
        if text and in_annex_list(self.stack.path) and ANNEX_ITEM_RE.match(text):
            self.flush()
        if self.english is None and self.heading_line is not None and self.outline_style() \
                and not any(p.text for p in self.pending) and looks_like_subheading(text) \
                and not context.goes_on_in_english(line) and not context.opens_fields(line):
            self.candidates.append(Candidate(id(line), self.stack.path[-1], self.outline_style(),
                                             text))
        elif self.english is None and self.outline_style() and any(p.text for p in self.pending) \
                and looks_like_subheading(text) and not line.note \
                and not context.goes_on_in_english(line) \
                and self.context.stands_alone(line, self.pending):
            self.candidates.append(Candidate(id(line), self.stack.path[-1], self.outline_style(),
                                             text, inner=True))
        self.pending.append(line)

    def outline_style(self) -> str:
        """The family of the last heading, when it is numbered."""
        entry = self.body.outline[-1] if self.body.outline else None
        return entry.style if entry and entry.heading.label else ""

    def push_heading(self, style: str, label: str, title: str, text: str) -> None:
        self.flush()
        before = self.stack.path
        style = self.stack.style_of(style, title)
        heading = self.stack.push(style, label, title)
        self.numbering.seen(style, label)
        if self.heading_line is not None and before and heading.level <= before[-1].level:
            self.leaf_heading(before)  # nothing was under it
        self.heading_line = text
        self.body.outline.append(OutlineEntry(heading, self.stack.path[:-1], style))
        if style == "appendix":
            self.registry.register(label, heading.title)

    def sibling_stands(self, style: str, count: tuple[int, ...]) -> bool:
        """Whether the next label of a family stands as a heading further on,
        before the families open on the heading path go on."""
        return self.context.sibling_stands(style, count, {s for s, _ in self.stack.entries})

    def leaf_heading(self, path: tuple[Heading, ...] | None = None) -> None:
        """The last heading, if nothing is under it, is a passage under its parent."""
        path = self.stack.path if path is None else path
        if self.heading_line is not None and path:
            self.add_passage(self.heading_line, path[:-1])
            entry = self.body.outline[-1]
            self.body.outline[-1] = OutlineEntry(entry.heading, entry.parents, entry.style,
                                                 self.body.passages[-1])
        self.heading_line = None

    def flush(self) -> None:
        if not self.pending:
            return
        lines, self.pending = self.pending, []
        blocks = assemble_blocks(lines, self.wrap, self.indented, blank_lines=self.blank_lines)
        if blocks:
            self.heading_line = None
        listing = in_annex_list(self.stack.path)
        for block in blocks:
            if listing:
                self.add_annex_title(block.text)
            self.add_passage(block.text, block_section(block, self.stack.path),
                             block_weight(block, listing), block.kind)

    def add_annex_title(self, text: str) -> None:
        m = ANNEX_ITEM_RE.match(text)
        if m:
            word = re.sub(r"\s+", "", self.stack.path[-1].title)[:2]
            self.registry.add_listed(word if word in ("附件", "附錄", "附表") else "附件",
                                     int(m.group(1)), m.group(2).strip())

    def add_passage(self, text: str, section: tuple[Heading, ...], weight: float = 1.0,
                    kind: str = "paragraph") -> None:
        count = self.counters.get(section, 0) + 1
        self.counters[section] = count
        self.body.passages.append(Passage(self.key, 0, text, section, count, weight=weight,
                                          kind=kind))
