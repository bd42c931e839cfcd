"""Lines to paragraphs: the blocks of text a report is made of, in every convention.

Lines come in five conventions, told apart run by run: paragraphs a word
processor marks (``whole`` lines, never joined); a blank line after each
paragraph (a page break may leave one in mid-sentence); one paragraph a
line, with no blank lines; a first-line indent (two ideographic spaces or
spaces) and nothing else; and text hard-wrapped at a fixed width, where a
line that would have had room for the next word ended its paragraph. Page
furniture has gone already (``cleanup``), leaving a blank where it stood,
and footnotes lifted from a page's foot wait until the paragraph they cut
is closed. Table rows (``tables``), captions, list items and notes are
blocks of their own kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .agenda import is_agenda_line, is_time
from .contents import LEADER, PAGE
from .datelines import day_line
from .dates import EN_MONTHS
from .footnotes import NOTES_TITLE_RE, is_note_start, without_cited_mark
from .formats.model import Line
from .headings import QUANTITY_RE
from .roles import is_role_line
from .spacing import Wrap, display_width, join_fragments, line_width
from .tables import BARS, Table, caption_of, find_tables, is_rule, split_cells

__all__ = ["Block", "assemble_blocks", "assemble_paragraphs", "blank_separated",
           "display_width",
           "indent_marked", "is_row", "join_fragments", "line_width", "wrap_width"]

KINDS = ("paragraph", "table_row", "table_text", "caption", "agenda_row", "list_item",
         "footnote")
# A table's row is a table_row (labels, names, figures), an agenda_row (its
# first cell a time) or table_text (a cell that discusses: a 心得 or 說明
# column), which ranks as a paragraph does (row_kind).
# Kinds that name a subject (a table's row, a caption, a line of an agenda)
# rather than discuss it: they rank as a listing does (corpus.structure).
NAMING_KINDS = frozenset({"table_row", "caption", "agenda_row"})
SENTENCE_END_RE = re.compile(r"([。！？!?」』]|[。！？][)）]?\s*[(（]附件[^()（）]*[)）])$")
# An English sentence's full stop after a word or a bracket (…in Appendix B).):
# a paragraph a blank line cuts there is finished.
ENGLISH_END_RE = re.compile(r"(?:[a-z]{2,}|[)）\"”’])\.$")
# An item written in English ends its sentence so: a word, a number or a
# bracket, and a full stop.
ENGLISH_ITEM_END_RE = re.compile(r"[A-Za-z0-9)）\"”’]\.$")
CLAUSE_PUNCT_RE = re.compile(r"[，、；：,;:]")
SENTENCE_PUNCT_RE = re.compile(r"[，、；,;]")  # inside a sentence, unlike a label's colon
CLAUSE_END_RE = re.compile(r"[，、；,;]\s*$")  # a line that a list or a clause goes on from
# Where prose (an abstract) may end a paragraph at a line's end.
PROSE_END_RE = re.compile(r"[。！？；：」』!?;:]\s*$")
# Where a lead-in or a list's item stops, before the next item's label.
LEAD_END_RE = re.compile(r"[：:；;]\s*$")
# A second item's label inside a line, after a clause's mark: a run-in list.
RUN_IN_ITEM_RE = re.compile(r"[、，,；;]\s*(?:[(（][0-9０-９一二三四五六七八九十]{1,3}[)）]"
                            r"|[0-9０-９]{1,3}[.．)）、](?![0-9０-９])|[•●◆■□○▪➢✓※])")
MIN_SPLIT_PARAGRAPH = 30
# A line starting with a lowercase Latin word goes on an English sentence (no
# paragraph, title or item opens so).
LOWER_START_RE = re.compile(r"^[a-z]")
# A paragraph ending so stops in mid-sentence (a colon or a bracket may close a lead-in).
MID_SENTENCE_RE = re.compile(r"[，、；,;\u4e00-\u9fff]$")
# A line a second wrap broke off its sentence ends so (a Latin word too).
WRAP_PIECE_END_RE = re.compile(r"[，、；,;\u4e00-\u9fffA-Za-z0-9（(「『《〈［）)]$")
# A number and its unit (corpus.headings.QUANTITY_RE): a line starting so is a
# sentence under way, not a paragraph.
QUANTITY_START_RE = re.compile(r"^\d+(?:\.\d+)?\s*" + QUANTITY_RE.pattern.removeprefix("^"))
# A line at least this share of the wrap width was wrapped, not ended.
FULL_LINE = 0.8
# Columns a wrapping line may leave free (a character kept off a line's start).
WRAP_SLACK = 2
INDENT = 2
# A contents entry's end: a leader run and a page number.
LEADER_END_RE = re.compile(rf"{LEADER}(?:[ \u3000]?{LEADER})+\s*{PAGE}\s*$")
# Starts of list items and bullets: a new paragraph even without a blank
# line. A number is an item's label only before a bracket, 、 or a full stop
# that no digit follows (1.1 億, 73.5% and 第 7.7 條 are text).
ITEM_START_RE = re.compile(
    r"^(?:[(（][0-9０-９一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,3}[)）、]"
    r"|[0-9０-９]{1,3}[.．](?![0-9０-９%％])|[一二三四五六七八九十]{1,3}、"
    r"|[•●◆■□○▪➢✓※]|第\s*\S{1,3}\s*天)")
ANNEX_CITATION_RE = re.compile(r"^[(（]\s*附[件錄][^()（）]*[)）]$")
# A cell that discusses: a sentence (or more) at least this wide, in columns
# (40 wide characters), ending a sentence or holding a clause's punctuation.
DISCURSIVE_CELL = 80
CELL_SENTENCE_RE = re.compile(r"[，；。！？]|[,;] |[.!?]$")


@dataclass(frozen=True)
class Block:
    """A paragraph, table row, caption, list item or footnote; a row carries
    its table's caption."""

    text: str
    kind: str = "paragraph"
    caption: str = ""
    table: bool = False  # a table's row, whatever its kind (not an agenda's line of text)


def row_kind(cells: list[str]) -> str:
    """A table's row told by its cells' shape: table_text when a cell is a
    discursive paragraph (DISCURSIVE_CELL columns or more, written as a
    sentence), agenda_row when its first cell is a time (09:00-10:30), else
    table_row: labels, names and figures."""
    for cell in cells:
        cell = cell.strip()
        if display_width(cell) >= DISCURSIVE_CELL and CELL_SENTENCE_RE.search(cell):
            return "table_text"
    return "agenda_row" if len(cells) >= 2 and is_time(cells[0]) else "table_row"


def is_row(line: str) -> bool:
    """A line that splits into cells by itself (a tab, a bar, a wide gap)."""
    cells = split_cells(Line(line))
    return cells is not None and cells.strong


def wrap_width(lines: list[Line]) -> int | None:
    """The width the text was wrapped at, if it was: most long lines end near it
    (table rows and rules, whatever their width, are not wrapped). Where lines
    mix Latin words and Chinese, the width a half-width character took is
    measured too (a Wrap): the one under which most lines that run on to the
    next line were full, and none ran past the width."""
    # (a contents entry's leader runs to its page number at whatever width:
    # no wrap set it)
    long = [k for k, line in enumerate(lines)
            if len(line.text) >= 10 and not line.whole and split_cells(line) is None
            and not is_rule(line.text) and not LEADER_END_RE.search(line.text)]
    # Lines each followed by a blank are paragraphs a line (a page cut leaves
    # halves of one alike in width): a wrap runs on to the next line.
    alone = sum(1 for k in long if k + 1 == len(lines) or not lines[k + 1].text)
    if long and alone > 0.8 * len(long):
        return None
    width = _wrap_at(lines, long, 1.0)
    mixed = sum(1 for k in long if narrow_share(lines[k].text) >= LATIN_SHARE)
    if width is None or mixed < MIN_MIXED:
        return width
    # The best fit; of those alike, the one under which more lines with text
    # under them were full (a sentence's end too: a wrap breaks after one
    # as anywhere, and a measure under which such a line stopped short
    # would end a paragraph there); then the narrowest width (a half-width
    # character measured wider than it was makes lines that held Latin words
    # look wider than the wrap), and of those, the widest character.
    best, best_key = width, (fitting(lines, long, width), ran_on(lines, long, width), -width)
    for narrow in NARROWS:
        found = _wrap_at(lines, long, narrow)
        if found is not None:
            wrap = Wrap(found, narrow)
            key = (fitting(lines, long, wrap), ran_on(lines, long, wrap), -found)
            if key > best_key:
                best, best_key = wrap, key
    return best


# How narrow a half-width character may have been as the wrapping measured it.
NARROWS = (0.95, 0.9, 0.85, 0.8)
LATIN_SHARE = 0.2  # of a line's columns: a line that mixes Latin words in
MIN_MIXED = 6


def narrow_share(text: str) -> float:
    """The share of a line's columns its half-width characters take."""
    width = display_width(text)
    return (2 * len(text) - width) / width if width else 0.0


def fitting(lines: list[Line], long: list[int], wrap: int) -> int:
    """How well a wrap explains the lines: the long lines that run on to the
    next line and were full (the next word would not have fitted), less those
    that run past the width."""
    full = sum(1 for k in long if k + 1 < len(lines) and lines[k + 1].text
               and not lines[k + 1].whole and not ends_sentence(lines[k].text)
               and was_wrapped(lines[k], lines[k + 1], wrap))
    over = sum(1 for k in long if lines[k].indent + line_width(lines[k].text, wrap) > wrap + 1)
    return full - over


def ran_on(lines: list[Line], long: list[int], wrap: int) -> int:
    """How many long lines with text under them were full at a wrap, a
    sentence's end or not."""
    return sum(1 for k in long if k + 1 < len(lines) and lines[k + 1].text
               and not lines[k + 1].whole and was_wrapped(lines[k], lines[k + 1], wrap))


def _wrap_at(lines: list[Line], long: list[int], narrow: float) -> int | None:
    """wrap_width, a half-width character measured `narrow` columns."""
    measure = Wrap(0, narrow)
    measured = sorted((line_width(lines[k].text, measure) + lines[k].indent, k)
                      for k in long)
    widths = [w for w, _ in measured if w >= 20]
    if len(widths) < 6:
        return None
    top = widths[int(len(widths) * 0.9) - 1]
    near = [(w, k) for w, k in measured if 0.85 * top <= w <= 1.1 * top]
    # Lines of one paragraph each may be alike in length too, but they end
    # sentences with the next line right under them; a wrapped paragraph's
    # last line, long or short, has a blank line under it.
    ended = sum(1 for _, k in near if ends_sentence(lines[k].text)
                and k + 1 < len(lines) and lines[k + 1].text)
    # Wrapped text has almost no line wider than its wrap; one paragraph a line
    # has many. A line alone between blanks (a title, a speaker line) was
    # never wrapped, whatever its width.
    wider = sum(1 for w, k in measured if w >= 20 and w > 1.1 * top
                and k + 1 < len(lines) and lines[k + 1].text)
    if len(near) < max(6, 0.3 * len(widths)) or top > 160 or ended >= 0.4 * len(near) \
            or wider > max(2, 0.03 * len(widths)):
        return None
    # Lines the wrap broke (the next line goes on in their block) measure it;
    # a line standing alone between blanks (a speaker line, a title) was never
    # wrapped and may be wider, as two alike may be.
    broken = [(w, k) for w, k in near if k + 1 < len(lines) and lines[k + 1].text]
    if len(broken) >= 3:
        near = broken
    # The widest line but one: a title or a row may stand out. Lines of wide
    # characters alone measure the wrap truly; a line with Latin glyphs may
    # run past it (a PDF's proportional font fits more of them on a line).
    # Measured with a half-width character narrower than a column, no line
    # runs past it: lines of wide characters alone may stop short of it
    # (before a long Latin word).
    wide = sorted(w for w, k in near if all_wide(lines[k].text)) if narrow == 1.0 else []
    if len(wide) < 3:
        return round(near[-2][0])
    # A line of wide characters alone that stops on a clause's mark with the
    # text going on under it was broken by the wrap (no title or row ends
    # so): the wrap is that wide at least, whatever paragraphs' last lines
    # (which in text without blank lines have text under them too) fill the
    # rest of those lines.
    clauses = [w for w, k in near if all_wide(lines[k].text)
               and CLAUSE_END_RE.search(lines[k].text) and k + 1 < len(lines)
               and lines[k + 1].text]
    return round(min(near[-2][0], max([wide[-2], *clauses])))


def all_wide(text: str) -> bool:
    """Whether every character of a line (spaces aside) takes two columns."""
    return all(display_width(c) == 2 for c in text if not c.isspace())


def english_item(text: str, before: str) -> bool:
    """Whether a line opens a list's item after a text whose sentence in
    English ended with a full stop (English sentences end in no 。)."""
    return bool(ITEM_START_RE.match(text)) and bool(ENGLISH_ITEM_END_RE.search(before[-3:])) \
        and not RUN_IN_ITEM_RE.search(text) and bool(re.match(r"^\S+\s+[A-Z]", text))


def ends_sentence(text: str) -> bool:
    """Whether a text ends a sentence (its tail is enough: the pattern is anchored
    at the end, and a long paragraph is slow to search from its start)."""
    return SENTENCE_END_RE.search(without_cited_mark(text[-60:])) is not None


def closes_term(text: str) -> bool:
    """Whether a text ends on a quote's closing mark with no sentence's end
    inside it (「釘子對釘子」, not 「…為止。」): a term quoted in mid-sentence
    as much as a sentence's end."""
    return re.search(r"[^。！？!?.][」』]$", text.rstrip()[-2:]) is not None


def is_complete(paragraph: str) -> bool:
    """Whether a paragraph cut by a blank line can be taken as finished."""
    text = paragraph.rstrip()
    if ends_sentence(text) or ENGLISH_END_RE.search(text):
        return True
    # (A short line that leaves a bracket open stops inside a name: 單一窗口（Single.)
    return len(text) < MIN_SPLIT_PARAGRAPH and not CLAUSE_PUNCT_RE.search(text) \
        and len(re.findall(r"[（(]", text)) <= len(re.findall(r"[）)]", text))


def goes_on_in_english(paragraph: str, text: str) -> bool:
    """Whether `text` goes on an English sentence `paragraph` left open: it
    starts with a lowercase word, and the paragraph ends in no sentence's end
    (a word, a comma, a quote's close). A wrap broke it there, whatever width
    the lines seem to fill (a text wrapped at two widths, a paragraph a line
    wrapped by a narrower page beside paragraphs of a wider hard wrap)."""
    return bool(LOWER_START_RE.match(text)) and not is_complete(paragraph)


def cut_mid_sentence(paragraph: str) -> bool:
    """Whether a paragraph stops where no paragraph ends: a sentence of a
    paragraph under way (clause marks before) stopped on a clause mark or a
    character of text, as a page's break leaves it, however short the last
    line a narrower page left it."""
    return not is_complete(paragraph) and MID_SENTENCE_RE.search(paragraph) is not None


def kind_of(text: str) -> str:
    if caption_of(text):
        return "caption"
    if is_agenda_line(text):
        return "agenda_row"
    if is_note_start(text):
        return "footnote"
    return "list_item" if ITEM_START_RE.match(text) else "paragraph"


def was_wrapped(last: Line, line: Line, wrap: int) -> bool:
    """Whether the line before `line` ran on: the first word of `line` would not
    have fitted after it."""
    # A wrapper keeps closing punctuation with the word before it, and an
    # opening bracket with the word after it (「（Asia/Pacific」 moves whole),
    # and a note's mark is one word (（註12）).
    word = re.match(r"[（(「『《〈［]*(?:註\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]?"
                    r"|[A-Za-z0-9\-.,'’%/]+|\S)(?:\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰])*"
                    r"[，。、；：）」』！？]*", line.text)
    need = line_width(word.group(0), wrap) if word else 2
    if word and join_fragments(last.text, word.group(0)) != last.text + word.group(0):
        need += line_width(" ", wrap)  # the space before or after a Latin word
    return last.indent + line_width(last.text, wrap) + need > wrap - WRAP_SLACK


def indent_marked(lines: list[Line]) -> bool:
    """Paragraphs marked by a first-line indent: lines after the first start
    indented and flush alike, and no flush list item is followed by indented
    lines (a hanging indent)."""
    texts = [line for line in lines if line.text and not line.whole and not line.note]
    indented = [line.indent >= INDENT for line in texts]
    if not (any(indented[1:]) and not all(indented[1:])):
        return False
    return not any(b and not a and ITEM_START_RE.match(prev.text)
                   for prev, a, b in zip(texts, indented, indented[1:], strict=False))


def blank_separated(lines: list[Line]) -> bool:
    """Paragraphs ended by blank lines: about as many sentence ends at a line's
    end are followed by a blank line as not (a page cut leaves a blank too,
    but mostly in mid-sentence, and far less often)."""
    gaps, ends, ended, blank = 0, 0, False, False
    for line in lines:
        if not line.text or line.note:
            blank = blank or not line.text
            continue
        gaps += ended and blank
        ended = ends_sentence(line.text)
        ends += ended
        blank = False
    return gaps > 0 and 2 * gaps >= ends


# A line that starts with a day of a schedule: a date (8月17日, 10/27 …, a
# day in English: Nov. 11, 2025, 11 November 2025, Nov. 12 <session>), a day
# or a week of a programme (Day 2, Week 3, 第三天, 第2週).
EN_MONTH = "(?:" + "|".join(EN_MONTHS) + r")[a-z]{0,6}\.?"
SCHEDULE_START_RE = re.compile(
    r"^(?:(?:day|week)\s*\d|第\s*[一二三四五六七八九十\d]+\s*[天日週周](?!\d)"
    r"|\d{1,2}\s*/\s*\d{1,2}(?:\s*[(（][^)）]{1,3}[)）])?\s+\S"
    rf"|{EN_MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}}(?![\d–-])|\s+(?![\d–-])\S)"
    rf"|\d{{1,2}}\s+{EN_MONTH},?\s*\d{{4}}(?![\d–-]))", re.I)


# A line that is a label and its value (時間：…, 地點：…, Venue: …): a label is
# a short word, Chinese or English, no digit (09:00 is a time) and no mark.
LABEL_LINE_RE = re.compile(r"^\s*(?:[\u3400-\u9fff]{1,8}|[A-Za-z][A-Za-z ]{0,19}?)\s*[：:]\s*\S")


def label_line(text: str) -> bool:
    """Whether a line opens with a short label and a colon: two such lines in a
    row, the first ending no clause (a comma goes on), are two fields of a
    list (時間：… / 地點：…), each a block of its own, and so is the line after
    a run of them; a sentence that holds a colon (會議開始，主席說明重點：…)
    opens with no label."""
    return bool(LABEL_LINE_RE.match(text))


def schedule_start(text: str) -> bool:
    """Whether a line opens with a day of a schedule: two such lines in a row
    are two rows of it (Week 1 …, Week 2 …; 10/27 …, 10/28 …), not one
    sentence that ran on."""
    return bool(SCHEDULE_START_RE.match(text.lstrip())) or day_line(text) is not None


def opens_block(text: str) -> bool:
    """Whether a line opens a block of its own even where the line before it
    ran on: a list item, a note, a notes title, a role's or an agenda's line."""
    return bool(ITEM_START_RE.match(text) or is_note_start(text) or NOTES_TITLE_RE.match(text)
                or is_role_line(text) or is_agenda_line(text))


class _Assembler:
    """Joins lines into blocks, one decision at each line break."""

    def __init__(self, wrap: int | None, indented: bool, blank_lines: bool,
                 prose: bool = False, blank_wrap: bool = False):
        self.wrap, self.indented, self.blank_lines = wrap, indented, blank_lines
        self.prose = prose
        # Blank lines end the document's paragraphs (a run too short to show it
        # alone follows the document): a wrapped line's short piece goes on.
        self.blank_wrap = blank_wrap or blank_lines
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.current, self.last, self.after_blank = "", None, False
        self.labels = 0  # label lines (時間：…) fed in a row, the last one included

    def close(self) -> None:
        if self.current:
            self.blocks.append(Block(self.current, kind_of(self.current)))
        self.current, self.last, self.after_blank = "", None, False
        self.blocks.extend(Block(note, "footnote") for note in self.notes)
        self.notes = []

    def note(self, line: Line) -> None:
        if self.notes and not is_note_start(line.text, True):
            self.notes[-1] = join_fragments(self.notes[-1], line.text)
        else:
            self.notes.append(line.text)

    def ends_here(self, line: Line) -> bool:
        text, current = line.text, self.current
        if ANNEX_CITATION_RE.match(text):
            return False  # "(附件 17)" alone closes the paragraph before it
        if self.label_tail(line):
            return False  # a label line's tail the wrap cut goes back onto it
        # A caption, a note, a role's label (講師：<name>) or a line of an
        # agenda (09:00-10:30 開幕式) is a block of its own, as is each line of a
        # run of labels and values (時間：… / 地點：…), from a line after a
        # sentence's end, and the line after the run.
        fields = bool(self.labels and self.last is not None
                      and not CLAUSE_END_RE.search(self.last.text)
                      and (label_line(text) or self.labels > 1))
        starts = bool(is_note_start(text) or caption_of(text) or caption_of(current)
                      or NOTES_TITLE_RE.match(text) or NOTES_TITLE_RE.match(current)
                      or is_role_line(text) or is_role_line(current)
                      or is_agenda_line(text) or is_agenda_line(current)
                      or schedule_start(text) and schedule_start(current)
                      or fields or label_line(text) and ends_sentence(current)
                      # an item after one that ended an English sentence
                      # (1. The Forum adopted … 2028. / 2. The Forum …)
                      or english_item(text, current)
                      # a question or an answer of a Q&A record (問：…, Q1：…, A1：…)
                      # opens a block, after a lead-in's colon or an indented page's
                      # unindented line; pair_answers joins each answer to its question
                      or bool(QUESTION_RE.match(text) or ANSWER_RE.match(text)))
        if self.prose and not self.after_blank and line.indent < INDENT and not starts \
                and not ITEM_START_RE.match(text) \
                and not PROSE_END_RE.search(without_cited_mark(current[-8:])[-2:]):
            return False  # a sentence under way goes on, however short its line
        if self.wrap is not None and not self.after_blank and not self.indented \
                and self.last is not None and was_wrapped(self.last, line, self.wrap) \
                and not (line.indent >= INDENT and ends_sentence(current)):
            # (A field's line long enough to look wrapped still ends its field.)
            return opens_block(text) or fields
        if self.indented:
            return line.indent >= INDENT or starts or bool(ITEM_START_RE.match(text))
        if self.wrap is not None:
            if is_note_start(current) and not self.after_blank and not starts \
                    and line.indent < INDENT and not opens_block(text) \
                    and not ends_sentence(current):
                # A note is prose: its line stopping in mid-sentence (a ragged
                # wrap short of the width) goes on into a line that opens nothing.
                return False
            if self.blank_wrap and not self.after_blank and not starts \
                    and line.indent < INDENT and not ITEM_START_RE.match(text) \
                    and not is_complete(current) and WRAP_PIECE_END_RE.search(current):
                # Blank lines end the paragraphs: a short line in mid-sentence
                # (a clause mark, a Chinese character or a Latin word) with
                # text under it is a second, narrower wrap's piece.
                return False
            if not self.after_blank and not starts and line.indent < INDENT \
                    and goes_on_in_english(current, text):
                return False  # (…starts before the / traveller boards.)
            if starts or ITEM_START_RE.match(text) or not self.after_blank:
                return True  # the line before stopped short
            # (A term's closing quote at a full line's end, no sentence's
            # mark inside it, stops no sentence: 文物採「釘子對釘子」 / 全程保險.)
            # (An English sentence's full stop ends it as 。 does.)
            return ends_sentence(current) and not closes_term(current) \
                or ENGLISH_END_RE.search(current[-60:]) is not None or not (
                self.last is not None and was_wrapped(self.last, line, self.wrap)
                or cut_mid_sentence(current))
        if self.after_blank:
            return starts or bool(ITEM_START_RE.match(text)) or is_complete(current)
        if self.blank_lines:
            # Blank lines end paragraphs: a line break alone is a soft wrap,
            # but for a list's item after a lead-in's colon or an item's ；
            # (an item a line: a run-in list, (1)…、(2)…, goes on the sentence).
            return starts or ends_sentence(current) or bool(
                ITEM_START_RE.match(text) and LEAD_END_RE.search(current[-2:])
                and not RUN_IN_ITEM_RE.search(text))
        # One paragraph a line, unless the line is long or a sentence under way
        # ("…成長，詳如"); "主席：王大明" is a line of its own.
        # A line that starts with a quantity ("1.1 億歐元", "73.5%") goes on.
        return starts or ends_sentence(current) or (
            len(current) < MIN_SPLIT_PARAGRAPH and not SENTENCE_PUNCT_RE.search(current)
            and not QUANTITY_START_RE.match(text))

    def label_tail(self, line: Line) -> bool:
        """Whether `line` is the tail a wrap cut off the label line before it
        (講者：…、挪威電信管理 / 局代表): a short line with no label of its own,
        starting no block and no caption, under a label line that filled the wrap width (where
        paragraphs open indented, their lines may stop ragged: one near it)."""
        last, wrap = self.last, self.wrap
        if wrap is None or not self.labels or last is None or self.after_blank \
                or not label_line(last.text) or label_line(line.text) \
                or opens_block(line.text) or caption_of(line.text) or line.indent >= INDENT:
            return False
        filled = was_wrapped(last, line, wrap) or self.indented and \
            last.indent + line_width(last.text, wrap) >= FULL_LINE * wrap
        return filled and line.indent + line_width(line.text, wrap) < wrap - WRAP_SLACK

    def feed(self, line: Line) -> None:
        if line.note:
            self.note(line)
        elif not line.text:
            self.after_blank = bool(self.current)
        elif line.whole:
            self.close()
            cells = split_cells(line)
            row = cells is not None and cells.strong
            self.blocks.append(Block(line.text, row_kind(cells.texts) if row
                                     else kind_of(line.text), table=row))
        else:
            tail = bool(self.current) and self.label_tail(line)
            if self.current and self.ends_here(line):
                self.close()
                tail = False
            self.current = join_fragments(self.current, line.text) if self.current \
                else line.text
            if not tail:  # (a label line's tail leaves the run of labels as it was)
                self.labels = self.labels + 1 if label_line(line.text) else 0
            self.last, self.after_blank = line, False


def assemble_blocks(lines: list[Line], wrap: int | None = None,
                    indented: bool = False, prose: bool = False,
                    blank_lines: bool = False) -> list[Block]:
    """Blocks of a run of lines; `wrap` is the document's wrap width, if any,
    and `indented` whether the document marks paragraphs by a first-line
    indent (a run too short to show it alone, one paragraph under a heading,
    follows the document when a line of it is indented). In `prose` (an
    abstract: no table, list or label line), a line that stops in mid-sentence
    goes on to the next unless that is indented or after a blank, however
    short it is (a PDF's line full in points, not in columns). `blank_lines`:
    the document ends its paragraphs by blank lines, so in hard-wrapped text a
    short line in mid-sentence with text under it goes on (a second, narrower
    wrap broke a line of the first in two)."""
    lines = rejoined_rows(lines, wrap)
    tables = find_tables(lines)
    in_table = {k for start, (end, _) in tables.items() for k in range(start, end)}
    text = [line for k, line in enumerate(lines) if k not in in_table]
    content = [line for line in text if line.text and not line.whole and not line.note]
    opens_indented = bool(content) and content[0].indent >= INDENT
    # Prose (an abstract) follows the document, and is marked so when it opens
    # indented, even as one paragraph.
    marked = indent_marked(text) or indented and (
        prose or any(line.indent >= INDENT for line in content)) or prose and opens_indented
    assembler = _Assembler(wrap, marked, blank_separated(text), prose, blank_lines)
    i = 0
    while i < len(lines):
        if i in tables:
            end, table = tables[i]
            assembler.close()
            assembler.blocks.extend(_rows(table))
            i = end
            continue
        if not (lines[i].text and not lines[i].whole and is_rule(lines[i].text)):
            assembler.feed(lines[i])
        i += 1
    assembler.close()
    return pair_answers(tie_captions(assembler.blocks))


# The least gap before a row's next cell: a wrap broke the row when that
# cell's first word did not fit after it.
ROW_GAP = "  "


def rejoined_rows(lines: list[Line], wrap: int | None) -> list[Line]:
    """A table's row the page's wrap broke: a row (cells parted by tabs, bars or
    wide gaps) that runs to the wrap width, then a line of no cells that would
    not have fitted after it and starts no item, note, caption or row of its
    own, is the row's tail (flush left, not under a column: the wrapper knew
    no cells) and goes back onto it; a run of `label：value` lines (時間：… /
    地點：…) under the row is a list of fields, no tail. A wrapper breaking in the gap before a
    cell leaves the gap's rest at the tail's head (an indented tail), or, at
    the gap's end, a row that with a gap as wide as its own would have been
    full."""
    if wrap is None:
        return lines
    out: list[Line] = []
    for k, line in enumerate(lines):
        above = out[-1] if out else None
        after = lines[k + 1].text if k + 1 < len(lines) else ""
        if above is not None and line.text and not line.whole and not line.note \
                and above.text and not above.whole and not above.note \
                and is_row(above.text) and split_cells(line) is None \
                and not (label_line(line.text) and label_line(after)) \
                and under_no_column(above, line) \
                and not is_rule(line.text) and kind_of(line.text) == "paragraph" \
                and not is_role_line(line.text) and not schedule_start(line.text) \
                and (line.indent > above.indent
                     or was_wrapped(replace(above, text=above.text + row_gap(above.text)
                                            * (not whole_row(out))), line, wrap)) \
                and line.indent + line_width(line.text, wrap) < wrap - WRAP_SLACK:
            # (a tail fills no line of its own: a full line opens a paragraph)
            out[-1] = replace(above, text=join_fragments(above.text, line.text.strip()))
            continue
        if above is not None and _open_bar_row(above) and _bar_row_tail(line) \
                and was_wrapped(above, line, wrap):
            out[-1] = replace(above, text=join_fragments(above.text, line.text.strip()))
            continue
        out.append(line)
    return out


def whole_row(out: list[Line]) -> bool:
    """Whether the last row of `out` has every cell of the row above it (a
    wrap that broke it in a gap before a cell would have left it one short):
    a line under it goes on it only where it ran to the wrap itself."""
    if len(out) < 2 or not out[-2].text or out[-2].whole or out[-2].note:
        return False
    above, row = split_cells(out[-2]), split_cells(out[-1])
    return above is not None and row is not None and above.strong \
        and len(row.texts) >= len(above.texts)


def _open_bar_row(line: Line) -> bool:
    """A row drawn between bars whose closing bar a wrap moved on."""
    text = line.text.strip()
    return bool(text) and not line.whole and not line.note and text[0] in BARS \
        and text[-1] not in BARS and is_row(text)


def _bar_row_tail(line: Line) -> bool:
    """The rest of a row drawn between bars: no opening bar, a closing one."""
    text = line.text.strip()
    return bool(text) and not line.whole and not line.note and text[0] not in BARS \
        and text[-1] in BARS


def row_gap(text: str) -> str:
    """The gap a row's next cell may have stood after: its widest gap."""
    return max([ROW_GAP, *re.findall(r" {2,}|\u3000+", text)], key=display_width)


def under_no_column(row: Line, line: Line) -> bool:
    """Whether a line under a row starts under none of its cells but the
    first: flush left, or indented by a gap's spaces the wrap left at the
    head of the tail (a wrapper breaking inside a gap keeps all but one),
    short of the second cell and with no Chinese clause in it (an indented
    paragraph's first line has its sentence; a cell's place names have commas)."""
    if line.indent <= row.indent and line.indent < INDENT:
        return True
    cells = split_cells(row)
    return cells is not None and cells.aligned and len(cells.starts) >= 2 \
        and row.indent <= line.indent < min(cells.starts[1], row.indent + 2 * INDENT) \
        and not re.search(r"[，、；。！？]", line.text)


def _rows(table: Table) -> list[Block]:
    """A row's passage is its text as the report wrote it (its cells found
    only tell its kind)."""
    return [Block(text, row_kind(cells), table=True)
            for text, cells in zip(table.texts, table.rows, strict=True)]


def tie_captions(blocks: list[Block]) -> list[Block]:
    """A table's caption (the caption right above it, else right below it) on each row."""
    out = list(blocks)
    i = 0
    while i < len(out):
        if not out[i].table:
            i += 1
            continue
        end = i
        while end < len(out) and out[end].table:
            end += 1
        caption = ""
        if i > 0 and out[i - 1].kind == "caption":
            caption = out[i - 1].text
        elif end < len(out) and out[end].kind == "caption" and not (
                end + 1 < len(out) and out[end + 1].table):
            caption = out[end].text
        for k in range(i, end):
            out[k] = Block(out[k].text, out[k].kind, caption, table=True)
        i = end
    return out


# A question and its answer in a Q&A record: 問：…／答：…, Q：…／A：….
QUESTION_RE = re.compile(r"^\s*(?:問|提問|Q\d{0,2})\s*[：:]")
ANSWER_RE = re.compile(r"^\s*(?:答|回應|回答|A\d{0,2})\s*[：:]")


def pair_answers(blocks: list[Block]) -> list[Block]:
    """An answer (答：…) right after its question (問：…) is one block with
    it: the question names what the answer says."""
    out: list[Block] = []
    for block in blocks:
        above = out[-1] if out else None
        if above is not None and not block.table and not above.table \
                and ANSWER_RE.match(block.text) and QUESTION_RE.match(above.text) \
                and not ANSWER_RE.search(above.text):
            out[-1] = replace(above, text=join_fragments(above.text, block.text))
            continue
        out.append(block)
    return out


def assemble_paragraphs(lines: list[Line], wrap: int | None = None,
                        prose: bool = False, indented: bool = False) -> list[str]:
    """The texts of assemble_blocks()."""
    return [block.text for block in assemble_blocks(lines, wrap, indented, prose)]
