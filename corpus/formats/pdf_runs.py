"""The lines pypdf reads from a page, placed where the page prints them.

pypdf gives a page's text line by line, with no blank line where a paragraph
ends and no indent where one starts: a hard-wrapped report printed as PDF
would read as one paragraph a line. Its `visitor_text` hook gives each piece
of text it reads with the text matrix it is printed at; the pieces, joined,
are the page's text. Each line is placed by the first piece of it that has
text: a step down wider than the document's line pitch is a blank line, a
start right of the page's left edge an indent, as the text file printed
would have them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..headings import match_heading
from ..page_numbers import is_page_number

# A step down this many line pitches wide holds a blank line.
BLANK_STEP = 1.6
# No report sets its lines this many type sizes apart: a blank line is there.
OPEN_STEP = 3.0
# A step taken this share of the time is the pitch, if none narrower is.
OFTEN = 0.2
# Steps closer than this share of the type size are one line (a raised mark).
SAME_LINE = 0.5
# A printed line this close to the measure (columns) is full.
FULL_SLACK = 2.0
# A line this share of the measure or less, after a full line, is its tail.
TAIL_SHARE = 0.25
# A row's last cell, several words the printer wrapped, may leave a tail this
# share of the measure long.
ROW_TAIL = 0.5
# A document whose full lines are followed by a tail this often was printed
# narrower than its own text's lines: each tail goes back onto its line.
TAIL_RATE = 1 / 3
# Fewer tails than this are no evidence of a narrower printer.
TAILS_LEAST = 3
# A line ending so ends a sentence.
SENTENCE_END_RE = re.compile(r"[。！？!?」』.]$")
# A line's first word: a run of Latin letters, digits and signs (a printer
# keeps `A-CDM` or `Surveillance-Broadcast,` whole), or one character.
FIRST_WORD_RE = re.compile(r"\s*([!-~]+|\S)")
# A line of closing punctuation alone: on the baseline of the line before
# it, the extractor broke that line there (one a pitch below is the text's
# own line, wrapped before its closing mark as a text file's may be).
CLOSING_RE = re.compile(r"^[，。、；：！？）」』】〕,.;:!?)]+$")
# Cells set apart by two spaces or an ideographic one: a table row or a
# label's line, whose text never wraps back to the margin.
ROW_GAP_RE = re.compile(r"\S(?: {2,}|\u3000+)\S")
# A Chinese clause's marks: a sentence, which no table's cell of names holds.
CLAUSE_RE = re.compile(r"[，、；。！？]")


@dataclass
class PlacedLine:
    text: str
    x: float | None = None  # where the line starts, None if pypdf placed no text of it
    y: float | None = None  # its baseline
    size: float = 0.0
    depth: float = 0.0  # how far below `y` its last baseline is (a tail put back)

    @property
    def last(self) -> float:
        return (self.y or 0.0) - self.depth


def page_lines(page) -> list[PlacedLine]:
    """The page's text split into lines, each with the place of its first text."""
    lines = [PlacedLine("")]

    def visit(text, cm, tm, font, size) -> None:
        for k, piece in enumerate(text.split("\n")):
            if k:
                lines.append(PlacedLine(""))
            line = lines[-1]
            if piece.strip() and line.x is None:
                # The text matrix, then the page's transform: where it prints.
                line.x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                line.y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                line.size = abs(size * (tm[3] or 1.0) * (cm[3] or 1.0))
            line.text += piece

    page.extract_text(visitor_text=visit)
    if lines and not lines[-1].text:
        lines.pop()
    return lines


def line_pitch(pages: list[list[PlacedLine]]) -> float:
    """The narrowest step often taken from one line of text down to the next
    of its size (a document of one-line paragraphs steps mostly over blanks)."""
    steps: Counter[float] = Counter()
    for lines in pages:
        placed = [line for line in lines if line.y is not None]
        for above, below in zip(placed, placed[1:], strict=False):
            step = above.last - below.y
            if above.size == below.size and step > SAME_LINE * below.size:
                steps[round(step, 1)] += 1
    often = [step for step, n in steps.items() if n >= OFTEN * sum(steps.values())]
    return min(often) if often else 0.0


def columns(text: str) -> float:
    """Columns a text takes: a wide character two, another one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def set_apart(text: str) -> bool:
    """A line centred or set right (a page number, a footer): more of its
    columns are the space before it than its text; it shows no measure."""
    body = text.strip()
    return columns(text.rstrip()) - columns(text.lstrip()) > columns(body)


def measure(pages: list[list[PlacedLine]]) -> int:
    """The columns the most lines of text fill: the printed measure."""
    counts = Counter(round(columns(line.text.rstrip())) for lines in pages
                     for line in lines if line.y is not None and not set_apart(line.text))
    wide = [n for n in counts if n >= max(counts) / 2] if counts else []
    return max(wide, key=lambda n: sum(counts[m] for m in counts if n - FULL_SLACK <= m <= n))\
        if wide else 0


def is_tail(above: PlacedLine, line: PlacedLine, pitch: float | None, width: int) -> bool:
    """Whether `line` is the end of the line above, wrapped by a printer
    narrower than the text: the line above fills the measure, its first word
    would not fit after it, it is short, starts where the line above does and
    sits one pitch below (`pitch` None: the line above ends the page before).
    A Latin word pushed down whole leaves the line above short and the tail
    long by as much as the word takes."""
    if above.y is None or line.y is None or above.size != line.size or not width \
            or above.depth or (pitch is not None
                               and above.last - line.y > OPEN_STEP * line.size):
        return False
    used = columns(above.text.rstrip())
    if columns(above.text) - columns(above.text.lstrip()) > TAIL_SHARE * width:
        return False  # a line set right or centred, not filled to the measure
    first = FIRST_WORD_RE.match(line.text)
    if first is None or is_page_number(line.text):
        return False  # (a page number typed into the text is a line of its own)
    word = first.group(1)
    # (after or before a Latin word: with the space the break took)
    pushed = columns(word) + (word.isascii() or above.text.rstrip()[-1:].isascii())
    latin = pushed if word.isascii() and len(word) > 1 else 0
    lead = tail_lead(above, line)
    # (a tail in a row's gap: the spaces the line above ended in are not
    # printed, so its fullness shows no more than that it is nearly full)
    return (lead is not None and used >= max((1 - TAIL_SHARE) * width - latin, width / 2)
            and (used + pushed > width or lead > 0)
            and (columns(line.text.strip()) <= TAIL_SHARE * width + latin
                 or in_cells(above.text) and columns(line.text.strip()) <= ROW_TAIL * width)
            and (pitch is None or abs(above.last - line.y - pitch) < SAME_LINE * line.size))


def tail_lead(above: PlacedLine, line: PlacedLine) -> float | None:
    """How far right of where `above` starts `line` starts, in columns, if
    that is where a printer's wrap puts a line's tail (else None): where
    `above` starts (0); or, under a line in cells (a row whose cells stand
    apart by spaces, which the printer took for words), indented by the
    spaces of the gap it broke in (it drops one and keeps the rest, printed
    as spaces or as a start further right), short of the row's second cell
    and with no Chinese clause in it (a cell's names have none; an indented
    paragraph's first line has its sentence)."""
    half = max(line.size, 1.0) / 2
    lead = columns(line.text) - columns(line.text.lstrip()) \
        + ((line.x or 0.0) - (above.x or 0.0)) / half
    if abs(lead) < 1:
        return 0.0
    gap = ROW_GAP_RE.search(above.text)
    if gap is not None and in_cells(above.text) and lead >= 1 \
            and lead < columns(above.text[:gap.end() - 1]) - 1 \
            and not CLAUSE_RE.search(line.text):
        return lead
    return None


def printed_narrower(pages: list[list[PlacedLine]], pitch: float | None = None) -> bool:
    """Whether the document's full lines are followed by a tail that ends no
    sentence often enough to show a text printed narrower than its own lines
    (a paragraph's short last line, after a full one, ends a sentence)."""
    pitch = line_pitch(pages) if pitch is None else pitch
    width = measure(pages)
    full = tails = 0
    for lines in pages:
        for above, line in zip(lines, lines[1:], strict=False):
            # A numbered heading that runs past its line is wrapped by the
            # text as much as by a printer: its tail shows neither.
            if above.y is not None and columns(above.text.rstrip()) >= width - FULL_SLACK \
                    and not match_heading(above.text):
                full += 1
                # A paragraph's short last line after a full one ends its
                # sentence; a printer's tail ends where the text's line did.
                tails += is_tail(above, line, pitch, width) \
                    and not SENTENCE_END_RE.search(line.text.rstrip())
    return tails >= max(TAILS_LEAST, TAIL_RATE * full)


def untailed(pages: list[list[PlacedLine]], pitch: float) -> list[list[PlacedLine]]:
    """The pages with each tail put back at the end of its line, where the
    document's full lines are followed by a tail often enough, else after a
    line of cells (a row or a label set apart, which the text never wraps
    back to the margin); a tail the page break carried onto the next page
    too (the last line of its size on a page, the first on the next)."""
    narrower = printed_narrower(pages, pitch)
    width = measure(pages)
    # The lowest and highest baselines of each type size: a page's foot and head.
    ends: dict[float, tuple[float, float]] = {}
    for lines in pages:
        for line in lines:
            if line.y is not None:
                low, high = ends.get(line.size, (line.y, line.y))
                ends[line.size] = (min(low, line.y), max(high, line.y))
    out: list[list[PlacedLine]] = []
    for lines in pages:
        kept: list[PlacedLine] = []
        seen: set[float] = set()  # the type sizes of the page's lines so far
        for line in lines:
            holder, k = tail_of(out, kept, line, seen)
            if line.y is not None:
                seen.add(line.size)
            above = holder[k] if holder else None
            across = holder is not kept
            if across and above is not None and not at_ends(above, line, ends):
                above = None  # a blank line at the page's foot or head: a paragraph ended
            if above is not None and ((narrower or in_cells(above.text))
                                      and is_tail(above, line, None if across else pitch, width)
                                      or across and carried_title(above, line, width)):
                latin = above.text.rstrip()[-1:].isascii() and line.text[:1].isascii()
                space = " " if latin else ""
                holder[k] = PlacedLine(above.text.rstrip() + space + line.text, above.x, above.y,
                                       above.size, 0.0 if across else above.y - line.y)
                continue
            kept.append(line)
        out.append(kept)
    return out


def carried_title(above: PlacedLine, line: PlacedLine, width: int) -> bool:
    """Whether `line`, heading a page, is the rest of a numbered heading that
    ends the page before (the text's reading joins no heading over the
    furniture between): the heading fills the measure but for a word that
    would not fit, and `line` starts where it does, in its type, shorter than
    a line, ending no sentence and starting no heading of its own."""
    if line.y is None or above.size != line.size or above.depth \
            or not match_heading(above.text) or match_heading(line.text):
        return False
    first = FIRST_WORD_RE.match(line.text)
    used = columns(above.text.rstrip())
    return first is not None and used + columns(first.group(1)) + 1 > width \
        and used >= width / 2 and columns(line.text.strip()) < width - FULL_SLACK \
        and not SENTENCE_END_RE.search(line.text.rstrip()) \
        and abs(line.x - above.x) < line.size / 2


def in_cells(text: str) -> bool:
    """Whether a line is set in cells (a table row, a label's line): a wide
    gap inside its text. The gap after a numbered heading's label (`第一章　`)
    is the label's: a heading's text wraps back to the margin as any line's."""
    heading = match_heading(text)
    return bool(ROW_GAP_RE.search(heading[2] if heading else text))


def at_ends(above: PlacedLine, line: PlacedLine, ends: dict[float, tuple[float, float]]
            ) -> bool:
    """Whether `above` sits at its page's foot and `line` at its page's head
    (the document's lowest and highest baselines of their size): no blank
    line between them, where a page break may cut a line from its tail."""
    low, high = ends[line.size]
    return abs(above.last - low) < SAME_LINE * line.size \
        and abs((line.y or 0.0) - high) < SAME_LINE * line.size


def tail_of(out: list[list[PlacedLine]], kept: list[PlacedLine], line: PlacedLine,
            seen: set[float]) -> tuple[list[PlacedLine], int]:
    """Where the line `line` may be the tail of is held (a page's lines, an
    index; an empty list: none): the line right above on its page, or, for
    the first line of its size on a page, the last of that size on the page
    before (the page break carried the tail over the furniture)."""
    if kept and (not out or line.size in seen):
        return kept, len(kept) - 1
    if line.size in seen:
        return [], 0
    same = [i for i, k in enumerate(out[-1]) if k.y is not None and k.size == line.size] \
        if out else []
    return (out[-1], same[-1]) if same else ([], 0)


def laid_out(pages: list[list[PlacedLine]]) -> list[str]:
    """Each page's text with its blank lines and indents back: a step down
    wider than the pitch is a blank line for each pitch past the first; a
    line starts one column right for each half type size it starts right of
    the document's leftmost line of that size."""
    pitch = line_pitch(pages)
    out = []
    pages = untailed(pages, pitch)
    # The left margin of each type size, over the document (a page may hold
    # one indented line alone).
    left: dict[float, float] = {}
    for lines in pages:
        for line in lines:
            if line.x is not None:
                left[line.size] = min(left.get(line.size, line.x), line.x)
    for lines in pages:
        text: list[str] = []
        above: PlacedLine | None = None
        for line in lines:
            if line.y is None:
                text.append(line.text)
                continue
            if above is not None and text[-1].strip() and CLOSING_RE.match(line.text.strip()) \
                    and abs(above.last - line.y) < SAME_LINE * line.size:
                text[-1] = text[-1].rstrip() + line.text.strip()
                continue
            if above is not None:
                step = above.last - line.y
                if pitch and step > BLANK_STEP * pitch or step > OPEN_STEP * line.size:
                    text.append("")
            shift = round((line.x - left[line.size]) / (line.size / 2)) if line.size else 0
            # pypdf may put a space of its own where the line starts right of the margin.
            text.append(" " * shift + line.text.lstrip(" ") if shift > 0 else line.text)
            above = line
        out.append("\n".join(text))
    return out
