"""What every format reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One line of a page, or one whole paragraph where the format marks them.

    ``whole`` lines (DOCX, ODT) are paragraphs as the author made them: never
    joined to a neighbour. ``heading`` is the outline level a style gives
    (Heading 2 is 2), a hint beside the text patterns. ``indent`` is the
    width of the white space the line started with (two per ideographic
    space), where the format keeps it; ``note`` marks a footnote lifted from
    a page's foot (corpus.footnotes).
    """

    text: str
    whole: bool = False
    heading: int | None = None
    indent: int = 0
    note: bool = False


@dataclass
class Extracted:
    """A file's text as pages of lines (a format without pages has one)."""

    format: str
    pages: list[list[Line]] = field(default_factory=list)
