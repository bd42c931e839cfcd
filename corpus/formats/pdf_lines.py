"""A PDF page's characters, with their boxes, into lines and cells.

PDFium gives each character's box. Characters whose centres lie close
together vertically form a line, read left to right; a gap wider than a
character or two splits a line into cells (the columns of a table, or a
tab stop), and a smaller gap without a space character reads as one.
"""

from __future__ import annotations

from dataclasses import dataclass

# Glyph: (char, left, right, bottom, top).
Glyph = tuple[str, float, float, float, float]
# Centres this share of a character's height apart are on different lines.
LINE_BREAK = 0.35
# A gap this many character heights wide separates two cells.
CELL_GAP = 1.2
# A gap this wide reads as a space even where the PDF has no space character.
WORD_GAP = 0.4


@dataclass
class Cell:
    text: str
    left: float
    right: float
    # Where each character starts: a hanging indent lines up with one.
    starts: tuple[float, ...]


@dataclass
class PageLine:
    cells: list[Cell]
    top: float
    bottom: float
    height: float

    @property
    def left(self) -> float:
        return self.cells[0].left

    @property
    def right(self) -> float:
        return self.cells[-1].right

    @property
    def text(self) -> str:
        return " ".join(cell.text for cell in self.cells)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def page_lines(glyphs: list[Glyph]) -> list[PageLine]:
    """The lines of a page, top to bottom."""
    marks: list[tuple[float, Glyph]] = []
    height = 0.0
    for glyph in glyphs:
        char, left, right, bottom, top = glyph
        if char.isspace():
            # A space has no height: it stands on the line of the glyph before it.
            marks.append((bottom + height / 2, (" ", left, right, bottom, bottom + height)))
        elif top > bottom:
            height = top - bottom
            marks.append(((bottom + top) / 2, glyph))
    marks.sort(key=lambda m: -m[0])
    lines: list[PageLine] = []
    group: list[Glyph] = []
    last = None
    for middle, glyph in marks:
        if group and last - middle > LINE_BREAK * max(glyph[4] - glyph[3], 1.0) and \
                last - middle > LINE_BREAK * line_height(group):
            lines.extend(make_line(group))
            group = []
        group.append(glyph)
        last = middle
    if group:
        lines.extend(make_line(group))
    return lines


def line_height(group: list[Glyph]) -> float:
    return max((g[4] - g[3] for g in group if g[0] != " "), default=1.0)


def make_line(group: list[Glyph]) -> list[PageLine]:
    inked = [g for g in group if g[0] != " "]
    if not inked:
        return []
    height = line_height(group)
    group.sort(key=lambda g: g[1])
    cells: list[Cell] = []
    text: list[str] = []
    starts: list[float] = []
    left = right = None
    spaced = False
    for char, g_left, g_right, _, _ in group:
        if char == " ":
            spaced = True
            continue
        if right is not None and g_left - right > CELL_GAP * height:
            cells.append(Cell("".join(text), left, right, tuple(starts)))
            text, starts, left, spaced = [], [], None, False
        elif right is not None and text and text[-1] == char and abs(g_left - starts[-1]) < 0.5:
            continue  # the same glyph printed twice (fake bold)
        elif right is not None and (spaced or g_left - right > WORD_GAP * height):
            text.append(" ")
            starts.append(g_left)
        spaced = False
        if left is None:
            left = g_left
        text.append(char)
        starts.append(g_left)
        right = g_right if right is None else max(right, g_right)
    cells.append(Cell("".join(text), left, right, tuple(starts)))
    top = max(g[4] for g in inked)
    bottom = min(g[3] for g in inked)
    return [PageLine(cells, top, bottom, height)]
