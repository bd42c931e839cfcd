"""A PDF page's runs of text, placed, into lines and cells.

PDFium gives the page's text in runs (its own lines) and each character's
box; a run is placed by its first and last characters (left edge, right
edge, baseline, type size). Runs on one baseline form a line, read left to
right; a gap wider than a character or two splits a line into cells (the
columns of a table, or a tab stop).
"""

from __future__ import annotations

from dataclasses import dataclass

from .list_labels import is_bullet

# Baselines this share of the type size apart are on different lines (a
# superscript note mark, raised a third of the size, stays on its line).
LINE_BREAK = 0.5
# A gap this many type sizes wide separates two cells.
CELL_GAP = 1.2
# A gap this wide reads as a space.
WORD_GAP = 0.2
# A bullet stands this many type sizes or less before its item's text (the
# tab of a hanging indent): a list item's label, not a cell of its own.
BULLET_GAP = 4.0


@dataclass
class Segment:
    """A run of text on one baseline, without a wide gap in it."""

    text: str
    left: float
    right: float
    baseline: float
    size: float
    # Where the first characters start, for a line whose text starts with a
    # label (a hanging indent lines up with one of them); else empty.
    starts: tuple[float, ...] = ()


@dataclass
class Cell:
    text: str
    left: float
    right: float
    starts: tuple[float, ...] = ()


@dataclass
class PageLine:
    cells: list[Cell]
    bottom: float  # the baseline
    height: float  # the type size

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
        return self.bottom + self.height / 3


def page_lines(segments: list[Segment]) -> list[PageLine]:
    """The lines of a page, top to bottom."""
    ordered = sorted(segments, key=lambda s: -s.baseline)
    lines: list[PageLine] = []
    group: list[Segment] = []
    for segment in ordered:
        if group and group[0].baseline - segment.baseline > \
                LINE_BREAK * max(segment.size, group[0].size, 1.0):
            lines.append(make_line(group))
            group = []
        group.append(segment)
    if group:
        lines.append(make_line(group))
    return lines


def make_line(group: list[Segment]) -> PageLine:
    group.sort(key=lambda s: s.left)
    size = max(s.size for s in group)
    cells: list[Cell] = []
    for s in group:
        # (a bullet alone, first on its line, then its item's text)
        bullet = len(cells) == 1 and is_bullet(cells[0].text) \
            and 0 <= s.left - cells[-1].right <= BULLET_GAP * size
        if cells and (s.left - cells[-1].right <= CELL_GAP * size or bullet):
            last = cells[-1]
            space = " " if s.left - last.right > WORD_GAP * size else ""
            starts = last.starts
            if bullet:
                # (where the item's text starts after its bullet, for a hanging indent)
                starts = (last.left,) + ((last.right,) if space else ()) + (s.starts or (s.left,))
            cells[-1] = Cell(last.text + space + s.text, last.left, max(last.right, s.right),
                             starts)
        else:
            cells.append(Cell(s.text, s.left, s.right, s.starts))
    return PageLine(cells, max(s.baseline for s in group), size)
