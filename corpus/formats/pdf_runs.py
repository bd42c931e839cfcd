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

from collections import Counter
from dataclasses import dataclass

# A step down this many line pitches wide holds a blank line.
BLANK_STEP = 1.6
# Steps closer than this share of the type size are one line (a raised mark).
SAME_LINE = 0.5


@dataclass
class PlacedLine:
    text: str
    x: float | None = None  # where the line starts, None if pypdf placed no text of it
    y: float | None = None  # its baseline
    size: float = 0.0


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
    """The step most often taken from one line of text down to the next."""
    steps: Counter[float] = Counter()
    for lines in pages:
        placed = [line for line in lines if line.y is not None]
        for above, below in zip(placed, placed[1:]):
            step = above.y - below.y
            if step > SAME_LINE * max(above.size, below.size, 1.0):
                steps[round(step, 1)] += 1
    return steps.most_common(1)[0][0] if steps else 0.0


def laid_out(pages: list[list[PlacedLine]]) -> list[str]:
    """Each page's text with its blank lines and indents back: a step down
    wider than the pitch is a blank line for each pitch past the first; a
    line starts one column right for each half type size it starts right of
    the page's leftmost line of that size."""
    pitch = line_pitch(pages)
    out = []
    for lines in pages:
        placed = [line for line in lines if line.y is not None]
        left: dict[float, float] = {}
        for line in placed:
            left[line.size] = min(left.get(line.size, line.x), line.x)
        text: list[str] = []
        above: PlacedLine | None = None
        for line in lines:
            if line.y is None:
                text.append(line.text)
                continue
            if above is not None and pitch:
                step = above.y - line.y
                if step > BLANK_STEP * pitch:
                    text.extend([""] * max(1, round(step / pitch) - 1))
            columns = round((line.x - left[line.size]) / (line.size / 2)) if line.size else 0
            indent = " " * columns if columns > 0 and not line.text[:1].isspace() else ""
            text.append(indent + line.text)
            above = line
        out.append("\n".join(text))
    return out
