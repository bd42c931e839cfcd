"""Text wrapped twice: its first wrap's lines made whole again.

A paragraph hard-wrapped at one width and then wrapped again at a narrower
one (pasted from one editor into another) leaves each line of the first wrap
as a line that fills the narrower width and a shorter line after it, long
and short in turn. Read as text wrapped once, a short line in mid-sentence
with text under it would end a paragraph: such stops, again and again, show
a second wrap. The first width is the narrowest at which joining back the
lines the narrower wrap broke (greedily, never past that width: a first-wrap
line ended where the next word would not fit) leaves fewest stops, and
fewer than half; then paragraphs are read as usual.
"""

from __future__ import annotations

from dataclasses import replace

from .agenda import is_agenda_line
from .formats.model import Line
from .headings import match_heading
from .paragraphs import (
    INDENT,
    WRAP_SLACK,
    ends_sentence,
    label_line,
    line_width,
    opens_block,
    was_wrapped,
)
from .spacing import join_fragments
from .tables import BARS, is_rule, split_cells

# Short lines in mid-sentence with text under them: at least this many, and
# this share of the line ends in mid-sentence, show a second wrap.
MIN_STOPS = 6
STOP_SHARE = 0.2
# The first width is this much wider than the second at least, and at most.
WIDER, WIDEST = 1.15, 3.0
# Columns past the narrowest first width that leaves fewest stops it may be.
PLATEAU = 4
# The opening lines the first width is measured on: this many stops, or lines.
SAMPLE_STOPS, SAMPLE_LINES = 40, 600


def _text(line: Line) -> bool:
    return bool(line.text) and not line.whole and not line.note


def stops(lines: list[Line], wrap: int) -> tuple[int, int]:
    """Lines that end in mid-sentence with text under them, and of those the
    ones that stopped short of the wrap (the next word would have fitted);
    a break no wrap could have made is none (see _kept_apart)."""
    ends, short = 0, 0
    for line, after in zip(lines, lines[1:], strict=False):
        if _text(line) and _text(after) and not ends_sentence(line.text) \
                and not _kept_apart(line, after):
            ends += 1
            short += not was_wrapped(line, after, wrap)
    return ends, short


def _kept_apart(line: Line, after: Line) -> bool:
    """Whether two lines stand apart whatever the widths, as no join puts
    them together: a drawn table's lines (its rules, its whole rows), a block's opening
    line (an item, a note) and a field's line under another's. Counted as
    stops, they would weigh as much as the breaks a second wrap made, and
    in a short text (a table and a list of fields under three paragraphs)
    hide them."""
    return _drawn(line) or _drawn(after) or opens_block(after.text) \
        or label_line(line.text) and label_line(after.text)


def _drawn(line: Line) -> bool:
    """A table's line drawn whole: a rule, or a row of cells between bars
    that opens and closes with one. No piece of a wrapped line, and no
    line a wrap broke off (a box's rule, its box-drawing characters
    measured narrow, may be short of the narrower wrap with the field under
    the table too wide for it); a row the second wrap broke (its closing
    cell on the next line) is none."""
    text = line.text.strip()
    if is_rule(text):
        return True
    if len(text) < 2 or text[0] not in BARS or text[-1] not in BARS:
        return False
    cells = split_cells(line)
    return cells is not None and cells.bars


def rejoined(lines: list[Line], inner: int, outer: int) -> list[Line]:
    """Each run of lines the narrower wrap broke joined back, as far as the
    first width holds it; across a page cut too (blank lines, lifted notes)
    where the line before it stops in mid-sentence and no heading follows,
    the cut's notes then after the joined line."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line, j, text, moved = lines[k], k, lines[k].text, []
        # (A line wider than the narrower wrap, a column or two aside, was
        # never wrapped at it.)
        while _text(lines[j]) \
                and lines[j].indent + line_width(lines[j].text, inner) <= inner + WRAP_SLACK:
            after, between = j + 1, []
            while after < len(lines) and not lines[after].whole \
                    and (not lines[after].text or lines[after].note):
                between.append(lines[after])
                after += 1
            if after >= len(lines):
                break
            joined = join_fragments(text, lines[after].text)
            if not _goes_on(lines[j], lines[after], bool(between), inner,
                            not between and _fills(line, joined, lines[after + 1:], outer)):
                break
            if line.indent + line_width(joined, inner) > outer:
                break
            # (the cut's blanks go with it: the page's break is mended)
            text, j, moved = joined, after, moved + [b for b in between if b.note]
        out.append(replace(line, text=text) if j > k else line)
        out += moved
        k = j + 1
    return out


def _fills(line: Line, joined: str, rest: list[Line], outer: int) -> bool:
    """Whether `joined` (line's text and the piece after it) is a first-wrap
    line: it ran to the first width, the line under it would not have fitted."""
    return bool(rest) and _text(rest[0]) and rest[0].indent < INDENT \
        and was_wrapped(replace(line, text=joined), rest[0], outer)


def _goes_on(line: Line, after: Line, cut: bool, inner: int, fills: bool = False) -> bool:
    """Whether `after` is a piece the narrower wrap broke off `line` (`cut`:
    blank lines or notes between, a page's cut): it starts flush, after a
    line it would not have fitted on; a block of its own kind (an item, a
    note) stays one, and so does a heading or a label's line after a
    sentence's end (a label's line after another too), and anything after
    one at a page cut (a label's line after a programme's too; a row of
    cells apart by tabs after another). A piece that reads as a heading
    (`3 個工作小組分`) after a sentence's end goes on where the two `fills`
    the first width with text under them: the first wrap's line, not a
    heading of its own."""
    if not _text(after) or after.indent >= INDENT or opens_block(after.text) \
            or "\t" in line.text and "\t" in after.text or _drawn(line) or _drawn(after):
        return False  # (rows of cells apart by tabs: a row each; a drawn table's lines)
    ended = ends_sentence(line.text)
    if ended and (cut or label_line(after.text)
                  or match_heading(after.text) and not fills):
        return False
    if cut and match_heading(after.text) or label_line(after.text) and (
            label_line(line.text) or is_agenda_line(line.text)):
        return False  # a list of fields, a programme's line and the field under it
    return was_wrapped(line, after, inner)


def unwrap_twice(lines: list[Line], inner: int | None) -> list[Line]:
    """The lines with a second wrap's breaks taken out (the very list given, if
    none shows); `inner` is their wrap_width, which the caller keeps for lines
    this leaves as they were."""
    if inner is None:
        return lines
    ends, short = stops(lines, inner)
    if short < MIN_STOPS or short < STOP_SHARE * ends:
        return lines
    # The first width is found on the text's opening lines (a few dozen stops
    # show it), then the whole text is joined at it.
    sample = lines[:_sample_end(lines, inner)]
    base = stops(sample, inner)[1]
    best, outer = base, None
    for width in range(round(WIDER * inner), round(WIDEST * inner) + 1):
        left = stops(rejoined(sample, inner, width), width)[1]
        if left < best:
            best, outer = left, width
    # Stops no join takes away (a heading, a list's line) stay at any width:
    # the join must take away most of them.
    if outer is None or 2 * best > base:
        return lines
    # The sample may hold no line as wide as the first width: the widest
    # width a few columns on that leaves as few stops.
    for width in range(outer + 1, outer + 1 + PLATEAU):
        if stops(rejoined(sample, inner, width), width)[1] == best:
            outer = width
    return rejoined(lines, inner, outer)


def _sample_end(lines: list[Line], wrap: int) -> int:
    """Where the opening lines hold SAMPLE_STOPS stops (at most SAMPLE_LINES)."""
    found = 0
    for k, (line, after) in enumerate(zip(lines, lines[1:], strict=False)):
        if _text(line) and _text(after) and not ends_sentence(line.text) \
                and not was_wrapped(line, after, wrap):
            found += 1
            if found >= SAMPLE_STOPS:
                return k + 2
        if k >= SAMPLE_LINES:
            break
    return min(len(lines), SAMPLE_LINES)
