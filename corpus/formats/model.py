"""What every format reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One line of a page, or one whole paragraph where the format marks them.

    ``whole`` lines (DOCX, ODT, and PDF paragraphs rebuilt from the page's
    geometry) are paragraphs as the author made them: never joined to a
    neighbour. ``heading`` is the outline level the document gives (Heading 2
    is 2), trusted over the text's label. ``indent`` is the width of the white
    space the line started with (two per ideographic space), where the format
    keeps it. ``furniture`` is a page header, footer or page number (by its
    place on the page, or typed into the body): no text of the report.
    ``note`` is a footnote or endnote: lifted from a page's foot
    (corpus.footnotes), or ``[n] text`` after the paragraph that cites it.
    ``pieces``: where furniture cut a paragraph joined again (the lengths of
    the text before each join); ``crossed``: furniture such a join went across.
    """

    text: str
    whole: bool = False
    heading: int | None = None
    indent: int = 0
    furniture: bool = False
    note: bool = False
    # Where typed furniture cut the line, joined again: the length of each
    # piece before a join (a pasted text's lines are split there again).
    pieces: tuple[int, ...] = field(default=(), compare=False)
    # Furniture a paragraph was joined across (it cut no paragraph's end).
    crossed: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Properties:
    """What a file says of itself beside its text (a PDF's document information,
    a DOCX's or ODT's document properties): ``date`` is the day (ISO) it was
    last saved, else created."""

    title: str = ""
    author: str = ""
    date: str = ""


@dataclass
class Extracted:
    """A file's text as pages of lines (a format without pages has one)."""

    format: str
    pages: list[list[Line]] = field(default_factory=list)
    properties: Properties = field(default_factory=Properties)
