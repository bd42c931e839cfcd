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

from .formats.model import Line
from .headings import WEAK_STYLES, HeadingStack, is_annex_part, match_heading
from .model import Annex, Heading, Passage
from .paragraphs import FULL_LINE, assemble_paragraphs, display_width, is_row, join_fragments

ANNEX_ITEM_RE = re.compile(r"^(\d{1,3})\s*[.、．)）]\s*(.*)$")
ANNEX_CITE_RE = re.compile(r"附件\s*(\d{1,3})((?:\s*[、,，及和]\s*\d{1,3})*)")
APPENDIX_NUMBER_RE = re.compile(r"(\d+|[〇零一二三四五六七八九十]+)")
ZH_NUMBERS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
LISTING_WEIGHT = 0.5
CLOSED = ("。", "！", "？", "!", "?", "：", ":", "；", ";", "」", "』", ")", "）")
# A heading's English name on the line after it: "(Sub-Committee on ..., SCCP)會議".
HEADING_TAIL_RE = re.compile(r"^[(（][A-Za-z]")


@dataclass
class Body:
    passages: list[Passage] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)


def zh_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(c not in ZH_NUMBERS and c != "十" for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (ZH_NUMBERS.get(tens, 1) if tens else 1) * 10 + (ZH_NUMBERS.get(ones, 0)
                                                                if ones else 0)
    return ZH_NUMBERS[text] if len(text) == 1 else None


def cited_annexes(text: str) -> list[int]:
    numbers: list[int] = []
    for m in ANNEX_CITE_RE.finditer(text):
        for n in re.findall(r"\d{1,3}", m.group(0)):
            if int(n) not in numbers:
                numbers.append(int(n))
    return numbers


class BodyParser:
    """Reads body lines in order, keeping the heading path and the open paragraph."""

    def __init__(self, key: str, wrap: int | None):
        self.key, self.wrap = key, wrap
        self.stack = HeadingStack()
        self.body = Body()
        self.pending: list[Line] = []
        self.counters: dict[tuple[Heading, ...], int] = {}
        self.heading_line: str | None = None  # the last heading while nothing is under it

    def parse(self, lines: list[Line]) -> Body:
        for line in lines:
            self.feed(line)
        self.flush()
        self.leaf_heading()
        return self.body

    def feed(self, line: Line) -> None:
        text = line.text
        found = match_heading(text) if text else None
        if found and self.full_line(line):
            found = None
        if found is None and line.heading and text and len(text) <= 40 \
                and not text.endswith("。"):
            found = ("style-" + str(line.heading), "", text)
        if found and self.in_annex_list() and found[0] == "arabic":
            found = None  # "1. Agenda" under 柒、附件 is an annex title
        if found and found[0] in WEAK_STYLES and self.open_sentence() and not line.heading:
            found = None
        if found:
            self.flush()
            before = self.stack.path
            style, label, title = found
            heading = self.stack.push(style, label, title)
            if self.heading_line is not None and before and heading.level <= before[-1].level:
                self.add_passage(self.heading_line, before[:-1])  # nothing was under it
            self.heading_line = text
            self.register_appendix(style, label, heading)
            return
        if self.heading_line is not None and HEADING_TAIL_RE.match(text) \
                and not any(p.text for p in self.pending):
            top = self.stack.path[-1]
            self.stack.retitle(join_fragments(top.title, text))
            self.heading_line = join_fragments(self.heading_line, text)
            return
        if text and self.in_annex_list() and ANNEX_ITEM_RE.match(text):
            self.flush()
        self.pending.append(line)

    def full_line(self, line: Line) -> bool:
        """A line that runs to the wrap width goes on: a paragraph, not a heading."""
        return self.wrap is not None and not line.whole \
            and display_width(line.text) >= FULL_LINE * self.wrap

    def open_sentence(self) -> bool:
        """Whether the text so far stops in mid-sentence (a page break, say)."""
        last = next((p.text for p in reversed(self.pending) if p.text), "")
        return bool(last) and not last.endswith(CLOSED) and not is_row(last)

    def in_annex_list(self) -> bool:
        path = self.stack.path
        return bool(path) and is_annex_part(path[-1])

    def register_appendix(self, style: str, label: str, heading: Heading) -> None:
        if style != "appendix" or not label.startswith("附件"):
            return
        m = APPENDIX_NUMBER_RE.search(label)
        number = zh_number(m.group(1)) if m else None
        if number is not None and all(a.number != number for a in self.body.annexes):
            self.body.annexes.append(Annex(number, heading.title))

    def leaf_heading(self) -> None:
        """The last heading, if nothing is under it, is a passage under its parent."""
        if self.heading_line is not None and self.stack.path:
            self.add_passage(self.heading_line, self.stack.path[:-1])
        self.heading_line = None

    def flush(self) -> None:
        if not self.pending:
            return
        lines, self.pending = self.pending, []
        paragraphs = assemble_paragraphs(lines, self.wrap)
        if paragraphs:
            self.heading_line = None
        listing = self.in_annex_list()
        for text in paragraphs:
            if listing:
                self.add_annex_title(text)
            # A list of annex titles names subjects without discussing them.
            self.add_passage(text, self.stack.path, LISTING_WEIGHT if listing else 1.0)

    def add_annex_title(self, text: str) -> None:
        m = ANNEX_ITEM_RE.match(text)
        if m:
            self.body.annexes.append(Annex(int(m.group(1)), m.group(2).strip()))

    def add_passage(self, text: str, section: tuple[Heading, ...], weight: float = 1.0) -> None:
        count = self.counters.get(section, 0) + 1
        self.counters[section] = count
        self.body.passages.append(Passage(self.key, 0, text, section, count,
                                          annexes=cited_annexes(text), weight=weight))
