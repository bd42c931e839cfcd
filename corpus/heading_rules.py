"""Which body line opens a heading: the rules structure.BodyParser.feed
weighs a line's label by, against the lines around it (corpus.line_context)
and the headings read so far. They read the parser's state and change none
of it; the parser pushes the heading they find."""

from __future__ import annotations

from typing import Protocol

from .formats.model import Line
from .frontmatter import ABSTRACT_TITLE_RE
from .headings import WEAK_STYLES, HeadingStack, is_annex_part, match_heading
from .line_context import LineContext
from .marks import is_marked_style
from .model import Heading, OutlineEntry
from .numbering import Numbering, closes_bracket, in_item_run
from .paragraphs import INDENT


class Outlined(Protocol):
    outline: list[OutlineEntry]


class ParserState(Protocol):
    """What the rules read of the parser (structure.BodyParser), and nothing
    more: the headings read so far, the lines around the line read, the
    report's own conventions."""

    stack: HeadingStack
    body: Outlined
    context: LineContext
    pending: list[Line]
    numbering: Numbering
    indented: bool
    flush_headings: int
    indented_headings: int
    heading_line: str | None
    outlined: set[str]
    days: dict[int, tuple[str, str]]
    list_signs: frozenset[str]
    abstract_read: bool

    def sibling_stands(self, style: str, count: tuple[int, ...]) -> bool: ...


# The family of a day's date line (2023年8月7日（星期一）), a heading of its own.
DATE_STYLE = "date"
# A bare number before a title (1 <title>): a label only where it counts on.
BARE_STYLE = "arabic-bare"
# The labels of a programme's parts (Session 2, 周邊活動一, Day 3, 議題一, 第二站):
# units in the body, an agenda's or a timetable's lines inside an annex.
PROGRAMME_STYLES = frozenset({"session", "day", "agenda", "stop"})


def in_annex(path: tuple[Heading, ...], outline: list[OutlineEntry]) -> bool:
    """Whether a heading path is inside an annex (附件2 …, Appendix B)."""
    ids = {id(heading) for heading in path}
    return any(entry.style == "appendix" and id(entry.heading) in ids for entry in outline)


def in_annex_list(path: tuple[Heading, ...]) -> bool:
    """Whether a heading path ends in a part listing annexes (附件：)."""
    return bool(path) and is_annex_part(path[-1])


def body_heading(parser: ParserState, line: Line) -> tuple[str, str, str] | None:
    """The heading a body line opens, as (family, label, title), or None
    where the line is text: a numbered line weighed against its place, a
    styled line, a closing abstract's title, a day's date line."""
    text = line.text
    context = parser.context
    found = match_heading(text) if text and not line.note else None  # a lifted footnote
    if found is None and closing_abstract(parser, text):
        found = ("part", "", text.strip())
    if found and context.full_line(line) and not parser.numbering.full_line_heading(
            found, parser.sibling_stands, lambda: context.line_stops(line)) \
            and not context.title_runs_past(line):
        found = None  # a paragraph's first line, unless it carries the outline on
    if found and parser.indented and line.indent >= INDENT and not line.heading \
            and parser.flush_headings >= 2 and not parser.indented_headings \
            and context.runs_on(line):
        found = None  # indented as the paragraphs, under headings at the margin: an item
    if found and parser.heading_line is not None and not line.heading \
            and not any(p.text for p in parser.pending) \
            and closes_bracket(parser.heading_line, text):
        found = None  # …碼頭（Terminal / B）之營運: the heading's tail
    if found and line.whole and not line.heading and found[0] in parser.outlined:
        found = None  # the document's outline numbers this family: a list item
    if found is None and id(line) in parser.days and not context.open_sentence(parser.pending) \
            and (not context.full_line(line) or context.line_stops(line)) \
            and not (line.heading and line.whole):
        # A day's line as wide as a narrow wrap is a heading still where
        # it stops there (a blank line or an indented paragraph after it);
        # a text's heading marks (## 8月7日 …) make it no other heading.
        date, title = parser.days[id(line)]
        found = (DATE_STYLE, date, title or date)
    # (a text's heading marks, ## <title>, allow a title as long as they do)
    if found is None and line.heading and text and len(text) <= (40 if line.whole else 80) \
            and not text.endswith("。"):
        found = ("style-" + str(line.heading), "", text)
    if found and in_annex_list(parser.stack.path) and found[0] == "arabic":
        found = None  # "1. Agenda" under 柒、附件 is an annex title
    if found and found[0] in PROGRAMME_STYLES and not line.heading \
            and in_annex(parser.stack.path, parser.body.outline):
        found = None  # an annex reproduces a programme: its sessions and days are its lines
    if found and found[0] == "day" and not line.heading and context.in_schedule():
        found = None  # Week 1 … / Week 2 … line after line: a schedule's rows
    if found and not line.heading and not line.whole and found[0] not in parser.numbering.last \
            and in_item_run(*context.neighbours(), found[0], found[1]):
        # 1. 會議開幕 / 2. 通過議程, line after line, in a family that heads
        # nothing yet: a list's items (2.1.4 閉幕式 / 2.1.5 … carry the outline on)
        found = None
    if found and found[1][:1] in parser.list_signs \
            and (is_marked_style(found[0]) or found[0] == "appendix"):
        # ■ a list's item where the report bullets lines with ■ (▍壹、 counts
        # by its number: a sign before a label stays the label's)
        found = None
    if found and found[0] == BARE_STYLE and not counts_on(parser, found):
        found = None  # a number a line starts with, not a label of a count
    if found and found[0] in WEAK_STYLES and not line.heading and (
            context.open_sentence(parser.pending)
            or context.in_table(line, found[1], parser.pending)):
        found = None
    return found


def closing_abstract(parser: ParserState, text: str) -> bool:
    """An abstract's title standing alone after the body's headings (摘要
    after 四、建議): the abstract placed last, a part of its own, not a
    line of the part before it. After the annexes too (附件二 …, then 摘要)
    where its text runs to the report's end with no heading and ends in a
    keywords line, or the front held no abstract (a paper an annex reproduces
    goes on past its abstract to its own sections)."""
    return bool(text) and bool(parser.body.outline) \
        and bool(ABSTRACT_TITLE_RE.match(text.strip())) \
        and (not in_annex(parser.stack.path, parser.body.outline)
             or parser.context.ends_with_keywords()
             or (not parser.abstract_read and parser.context.runs_to_end())) \
        and not parser.context.open_sentence(parser.pending)


def counts_on(parser: ParserState, found: tuple[str, str, str]) -> bool:
    """Whether a bare number is a label: the first of its family, or the
    next after the last (5 Rights sold… after a sentence is a count)."""
    style, label, _ = found
    return label == "1" or parser.numbering.follows(style, label)
