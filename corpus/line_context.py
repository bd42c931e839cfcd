"""The lines around the body line read (structure.BodyParser): what they tell
of it. Whether a line fills the width of the wrap, whether the next label of
its family stands further on, whether its title runs on to the next line or
stops where it ends, whether it is one of a schedule's rows or a table's,
and whether the open paragraph before it stops in mid-sentence."""

from __future__ import annotations

import re
import unicodedata

from .footnotes import without_cited_mark
from .formats.model import Line
from .headings import ENGLISH_SENTENCE_RE, match_heading
from .numbering import SIBLING_SCAN, line_stops, next_sibling, runs_past
from .paragraphs import FULL_LINE, INDENT, goes_on_in_english, is_row, line_width, was_wrapped
from .tables import Cells, caption_of, split_cells

# A line this much wider than the wrap width was not wrapped at it.
UNWRAPPED = 1.3
# A bracketed note after a heading's label, a gap before its title: a day's
# date (`Day 2 (3/5)`, `第二天（3月5日）`, `第1天（9月22日）`), no cell of a table.
LABEL_NOTE_RE = re.compile(r"\s*[(（][^()（）]{1,20}[)）]\s*$")

HAN_RE = re.compile(r"[\u3400-\u9fff]")
# A keywords line (關鍵詞：…, Keywords: …), what an abstract ends with.
KEYWORDS_LINE_RE = re.compile(r"^\s*(?:關\s*鍵\s*(?:詞|字|詞彙)|key\s*words?)\s*[:：]", re.I)
CLOSED = ("。", "！", "？", "!", "?", "：", ":", "；", ";", "」", "』", ")", "）")
# A sentence's end inside a bracket or a quote that closes after it (…統計。）,
# …為止。」): the sentence ended, however full its line.
CLOSED_SENTENCE_RE = re.compile(r"[。！？!?][)）」』]+$")
# A field: a short label (Chinese, or one English word), its colon, a value.
FIELD_LINE_RE = re.compile(r"^\s*(?:[\u3400-\u9fff]{1,8}|[A-Za-z]{2,16})\s*[:：]\s*[^\s/]")


def narrow_gap(text: str, cells: Cells) -> bool:
    """Whether a row's first two cells stand a narrow gap apart: an
    ideographic space, with a space beside it at most (no tab, no run of
    spaces lined up as a column)."""
    if cells.bars or len(cells.texts) < 2 or not text.startswith(cells.texts[0]):
        return False
    gap = re.match(r"[ \t\u3000]*", text[len(cells.texts[0]):]).group(0)
    return "\u3000" in gap and "\t" not in gap and len(gap) <= 2


class LineContext:
    """The body's lines, the index of the line read (`at`), the wrap width,
    and whether blank lines part the paragraphs (else a blank is where a
    page was cut, its furniture gone)."""

    def __init__(self, lines: list[Line], wrap: int | None, blank_lines: bool = True):
        self.lines, self.wrap, self.blank_lines = lines, wrap, blank_lines
        self.at = 0  # the index of the line read

    def neighbours(self) -> tuple[str | None, str | None]:
        """The text of the lines right before and after the line read."""
        lines, at = self.lines, self.at
        return (lines[at - 1].text if 0 < at <= len(lines) else None,
                lines[at + 1].text if 0 <= at + 1 < len(lines) else None)

    def full_line(self, line: Line) -> bool:
        """A line that runs to the wrap width goes on: a paragraph, not a heading.
        A line far wider than the wrap was never wrapped at it (a heading or a
        row the hard wrap left whole): it fills nothing."""
        if self.wrap is None or line.whole:
            return False
        width = line_width(line.text, self.wrap)
        return FULL_LINE * self.wrap <= width <= UNWRAPPED * self.wrap

    def runs_on(self, line: Line) -> bool:
        """Whether the line read runs on to the next text line (over a page's
        cut: blank lines, lifted notes), at the margin: the next line's first
        word would not have fitted on it."""
        k = self.at + 1
        while k < len(self.lines) and (not self.lines[k].text or self.lines[k].note):
            k += 1
        if self.wrap is None or k >= len(self.lines):
            return False
        after = self.lines[k]
        return not after.whole \
            and after.indent < INDENT and was_wrapped(line, after, self.wrap)

    def sibling_stands(self, style: str, count: tuple[int, ...], open_families: set[str]) -> bool:
        """Whether the next label of a family stands as a heading further on,
        before the families above (`open_families`) go on (corpus.numbering)."""
        window = [line for line in self.lines[self.at + 1:self.at + 1 + SIBLING_SCAN]
                  if not line.note]
        # A line that fills the width runs on only when the next line's first
        # word would not have fitted on it; a blank line after it ends it.
        after = [(line.text, self.full_line(line) and (
            k + 1 >= len(window) or (bool(window[k + 1].text)
                                     and self._runs_into(line, window[k + 1]))))
            for k, line in enumerate(window)]
        return next_sibling(after, style, count, open_families)

    def _runs_into(self, line: Line, after: Line) -> bool:
        """Whether a line runs on into the line after it: the next line's first
        word would not have fitted on it, or a lowercase word goes on its
        English sentence, whatever width the line seems to fill."""
        return was_wrapped(line, after, self.wrap) or goes_on_in_english(line.text, after.text)

    def goes_on_in_english(self, line: Line) -> bool:
        """Whether the next line goes on the line read's English sentence (a
        lowercase word right under a line that ends none): no subheading."""
        k = self.at + 1
        return k < len(self.lines) and bool(self.lines[k].text) and not self.lines[k].note \
            and goes_on_in_english(line.text, self.lines[k].text)

    def opens_fields(self, line: Line) -> bool:
        """Whether the line read is a field (`Venue: …`) and the line right
        under it another (`時間: …`): a run of fields, no subheading over them."""
        k = self.at + 1
        return k < len(self.lines) and not self.lines[k].note \
            and all(FIELD_LINE_RE.match(t) for t in (line.text, self.lines[k].text))

    def ends_with_keywords(self) -> bool:
        """Whether the lines after the one read run to the end with no heading
        and end in a keywords line: an abstract's text, the report's last part."""
        rest = self._rest()
        return len(rest) > 1 and bool(KEYWORDS_LINE_RE.match(rest[-1])) \
            and not any(match_heading(t) for t in rest)

    def runs_to_end(self) -> bool:
        """Whether the lines after the one read run to the end with no heading."""
        rest = self._rest()
        return bool(rest) and not any(match_heading(t) for t in rest)

    def _rest(self) -> list[str]:
        return [a.text for a in self.lines[self.at + 1:] if a.text and not a.note]

    def line_stops(self, line: Line) -> bool:
        """Whether a numbered line that fills the width shows it stops where
        it ends (corpus.numbering.line_stops)."""
        after = [a for a in self.lines[self.at + 1:self.at + 3] if not a.note]
        if not self.blank_lines:  # a page's cut after it: the text goes on past it
            after = [a for a in self.lines[self.at + 1:self.at + 8] if a.text and not a.note][:2]
        if line.indent or any(a.whole for a in after[:1]):
            return False
        if after and after[0].text and is_row(after[0].text):
            return True  # a table's row next: no sentence runs on into it
        wrapped = bool(after) and bool(after[0].text) and self._runs_into(line, after[0])
        return line_stops([(a.text, a.indent >= INDENT, self.full_line(a)) for a in after],
                          wrapped)

    def title_runs_past(self, line: Line) -> bool:
        """Whether a numbered line that fills the width is a heading whose
        title the next line ends (corpus.numbering.runs_past)."""
        if line.indent >= INDENT or self.at + 1 >= len(self.lines):
            return False
        tail = self.lines[self.at + 1]
        return not (tail.note or tail.whole or tail.indent >= INDENT or is_row(tail.text)) \
            and bool(tail.text) and was_wrapped(line, tail, self.wrap) \
            and runs_past(line.text, tail.text, self.full_line(tail))

    def stands_alone(self, line: Line, pending: list[Line]) -> bool:
        """Whether a short line stands apart from the text around it: the text
        before it ends a sentence (or a table), the line neither fills the
        width nor splits into cells, and a paragraph of Chinese text, not
        another such line or a heading, follows it."""
        if self.full_line(line) or is_row(line.text) or self.open_sentence(pending):
            return False
        k = self.at + 1
        while k < len(self.lines) and (not self.lines[k].text or self.lines[k].note):
            k += 1
        if k >= len(self.lines):
            return False
        after = self.lines[k].text
        return bool(HAN_RE.search(after)) and not is_row(after) and match_heading(after) is None \
            and (self.full_line(self.lines[k]) or bool(re.search(r"[。，；]", after)))

    def in_schedule(self) -> bool:
        """Whether the line read stands next to another line of the day family
        (Day 1 …, Week 2 …, 第三天 …) with nothing between: rows of a schedule,
        as a run of date lines is (structure.day_headings), not days with their text."""
        for step in (-1, 1):
            k = self.at + step
            while 0 <= k < len(self.lines) and (not self.lines[k].text or self.lines[k].note):
                k += step
            if 0 <= k < len(self.lines):
                found = match_heading(self.lines[k].text)
                if found and found[0] == "day":
                    return True
        return False

    def open_sentence(self, pending: list[Line]) -> bool:
        """Whether the text so far (`pending`, the open paragraph's lines) stops
        in mid-sentence (a page break, say)."""
        last = next((p for p in reversed(pending) if p.text and not p.note), None)
        if last is None:
            return False
        # A line that ran to the wrap width goes on unless it ends a sentence.
        # An English sentence's full stop ends it too ("The Chair closed the meeting.").
        text = without_cited_mark(last.text)
        ended = text.endswith(CLOSED) or bool(ENGLISH_SENTENCE_RE.search(text))
        if caption_of(last.text.strip()):
            return False  # a caption (圖 2 …, 照片 1 …) is a block of its own
        if self.row_tail(last, pending):
            return False  # a table row's last cell, pushed down whole by a wrap
        # (A full line's English full stop with a blank line after it ends its
        # paragraph, as the paragraphs' reading has it: corpus.paragraphs.)
        blank_after = not pending[-1].text and not pending[-1].note
        stopped = text.endswith(CLOSED[:5]) or bool(CLOSED_SENTENCE_RE.search(text)) \
            or blank_after and bool(ENGLISH_SENTENCE_RE.search(text))
        return (not ended or (self.full_line(last) and not stopped)) and not is_row(last.text)

    def row_tail(self, last: Line, pending: list[Line]) -> bool:
        """Whether the last line is the tail of the table row above it (a
        cell a narrower print pushed down): short, with no sentence in it."""
        texts = [p for p in pending if p.text and not p.note]
        if len(texts) < 2 or texts[-1] is not last or self.full_line(last) \
                or re.search(r"[，。；：,;:]", last.text):
            return False
        return is_row(texts[-2].text)

    def in_table(self, line: Line, label: str, pending: list[Line]) -> bool:
        """A row whose first cell is more than the label ("73.5%  項目"; a
        remark in brackets after it is the label's), or any
        row under a row split alike, is the table's, not a heading (a label and
        title parted by a gap are no row of a table of bars above them)."""
        cells = split_cells(line)
        if cells is None:
            return False
        # (a bracketed note after the label is the label's, as a day's date:
        # `Day 2 (3/5)　<title>`; and where a narrow gap parts label and title,
        # spaces and width aside, as `Day 2` keeps a space and `第 2～4 週` is
        # read `第 2~4 週`: a table's column gap, a run of spaces or a tab,
        # leaves `Week 13           <site>` a schedule's row)
        first = LABEL_NOTE_RE.sub("", cells.texts[0])
        if narrow_gap(line.text, cells):
            first, label = (unicodedata.normalize("NFKC", t) for t in (first, label))
            label = "".join(label.split())
        if "".join(first.split()) != label:
            return True
        last = next((p for p in reversed(pending) if p.text and not p.note), None)
        above = split_cells(last) if last is not None else None
        if above is not None and above.bars == cells.bars:
            return True
        # Rows a blank line apart (a spaced table): a line of three cells or
        # more (a gap inside what would be its title), beside a line of as many.
        return len(cells.texts) >= 3 and any(
            other is not None and len(other.texts) == len(cells.texts)
            for other in (split_cells(self.lines[k]) for k in self.filled_beside()))

    def filled_beside(self) -> list[int]:
        """The places of the nearest lines of text (not notes) before and after
        the line read, blank lines aside."""
        out = []
        for step in (-1, 1):
            k = self.at + step
            while 0 <= k < len(self.lines) and (not self.lines[k].text or self.lines[k].note):
                k += step
            if 0 <= k < len(self.lines):
                out.append(k)
        return out
