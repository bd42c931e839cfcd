"""OpenDocument text: headings with their outline level, paragraphs, lists,
notes and table rows in document order, read from ``content.xml``.

What is read, as it is printed:

- headings (``text:h``) with their outline level, and paragraphs; the label
  an outline or list style generates (``一、``, ``1.2``: not in the text)
  put before the text as if typed (corpus.formats.odt_lists);
- lists and their items, sections, the body of a generated index (a
  contents page: ``text:table-of-content``), never its template;
- frames and text boxes (a cover often is one), anchored to the page or to
  a paragraph, as paragraphs of their own;
- tables row by row, cells apart by tabs, covered (merged) cells once, a
  cell's paragraphs on its line; a table of one column (a frame round
  paragraphs) as the paragraphs it holds;
- spaces (``text:s``), tabs, line breaks, links and spans; never tracked
  deletions, comments or ruby annotations;
- notes (``text:note``, footnote or endnote): the citation stays as an
  ``[n]`` mark in the paragraph, the note follows it as an ``[n] text`` line.

Headers and footers live in the master pages of ``styles.xml`` and are not
read; page furniture typed into the body is marked (``furniture``). The
document's metadata (``meta.xml``) gives its title, author and date.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from io import BytesIO

from ..errors import UnreadableReport
from .cells import CellRows
from .furniture import mark_furniture
from .list_labels import Counters, contents_entry, join_label
from .model import Extracted, Line
from .odt_lists import TEXT, OdtNumbering
from .properties import package_properties
from .text import indent_of

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
HEADING, PARAGRAPH, LIST = f"{TEXT}h", f"{TEXT}p", f"{TEXT}list"
ITEMS = (f"{TEXT}list-item", f"{TEXT}list-header")
NOTE, CITATION, NOTE_BODY = f"{TEXT}note", f"{TEXT}note-citation", f"{TEXT}note-body"
INDEXES = {f"{TEXT}{kind}" for kind in ("table-of-content", "alphabetical-index",
                                        "illustration-index", "table-index", "object-index",
                                        "user-index", "bibliography")}
CONTAINERS = {f"{TEXT}section", f"{TEXT}index-body", f"{TEXT}index-title",
              f"{DRAW}frame", f"{DRAW}text-box", f"{DRAW}a", f"{DRAW}g",
              f"{TABLE}table-header-rows", f"{TABLE}table-rows", f"{TABLE}table-row-group",
              f"{OFFICE}text"} | INDEXES
# Not printed: comments, tracked deletions, ruby annotations, generated numbers
# (read apart), an index's template, drawings' titles.
SKIPPED = {f"{OFFICE}annotation", f"{OFFICE}annotation-end", f"{TEXT}tracked-changes",
           f"{TEXT}ruby-text", f"{TEXT}number", "{urn:oasis:names:tc:opendocument:xmlns:"
           "svg-compatible:1.0}title", "{urn:oasis:names:tc:opendocument:xmlns:"
           "svg-compatible:1.0}desc"} | {f"{TEXT}{kind}-source" for kind in (
            "table-of-content", "alphabetical-index", "illustration-index", "table-index",
            "object-index", "user-index", "bibliography")}
FRAMES = (f"{DRAW}frame", f"{DRAW}text-box")
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def read(data: bytes, path: str) -> Extracted:
    from lxml import etree

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            content = etree.fromstring(archive.read("content.xml"))
            names = set(archive.namelist())
            styles = etree.fromstring(archive.read("styles.xml")) \
                if "styles.xml" in names else None
        reader = BodyReader(OdtNumbering([r for r in (styles, content) if r is not None]))
        for body in content.iter(f"{OFFICE}text"):
            reader.blocks(body)
    except Exception as e:  # a damaged package fails in many ways
        raise UnreadableReport(path, f"damaged ODT ({type(e).__name__})") from None
    return Extracted("odt", [mark_furniture(reader.lines, reader.breaks)],
                     package_properties(data))


class BodyReader(CellRows):
    def __init__(self, numbering: OdtNumbering) -> None:
        self.numbering = numbering
        self.lines: list[Line] = []
        self.breaks: set[int] = set()

    def blocks(self, element, item: tuple | None = None) -> None:
        """The blocks under `element`; `item` is the list item they stand in:
        (list style, counters, level, start value), its label not yet given."""
        for child in element:
            tag = child.tag
            if tag in (HEADING, PARAGRAPH):
                self.paragraph(child, item)
                item = None  # an item's label goes before its first paragraph only
            elif tag == f"{TABLE}table":
                self.table(child)
            elif tag == LIST:
                self.list(child, item)
            elif tag == f"{TEXT}soft-page-break":
                self.breaks.add(len(self.lines))
            elif tag in INDEXES:
                self.index(child)
            elif tag in CONTAINERS:
                self.blocks(child)

    def index(self, element) -> None:
        """A generated index (a contents page): its body's entries as typed."""
        start = len(self.lines)
        self.blocks(element)
        self.lines[start:] = [replace(line, text=contents_entry(line.text))
                              for line in self.lines[start:]]
        if element.tag == f"{TEXT}table-of-content":  # a contents page is a page of its own
            self.breaks.add(len(self.lines))

    def list(self, element, outer: tuple | None) -> None:
        style = element.get(f"{TEXT}style-name")
        if outer is not None or self.list_level:  # nested: the same list, a level down
            style = style or self.list_style
            counters, level = self.list_counters, self.list_level + 1
        else:
            counters, level = self.numbering.list_counters(
                style or "", element.get(f"{TEXT}continue-numbering") == "true",
                element.get(f"{TEXT}continue-list"), element.get(XML_ID)), 1
        saved = self.list_style, self.list_counters, self.list_level
        self.list_style, self.list_counters, self.list_level = style, counters, level
        try:
            for child in element:
                if child.tag == f"{TEXT}list-item":
                    start = child.get(f"{TEXT}start-value")
                    self.blocks(child, (style, counters, level,
                                        int(start) if start and start.isdigit() else None))
                elif child.tag == f"{TEXT}list-header":
                    self.blocks(child)
        finally:
            self.list_style, self.list_counters, self.list_level = saved

    list_style: str | None = None
    list_counters: Counters | None = None
    list_level = 0

    def paragraph(self, element, item: tuple | None) -> None:
        parts: list[str] = []
        notes: list[str] = []
        frames: list = []
        inline(element, parts, notes, frames)
        if any(True for _ in element.iter(f"{TEXT}soft-page-break")):
            self.breaks.add(len(self.lines))
        for frame in frames:
            self.blocks(frame)
        text = "".join(parts)
        level = None
        label: tuple[str, str | None] = ("", None)
        if element.tag == HEADING:
            value = element.get(f"{TEXT}outline-level", "1")
            level = int(value) if value.isdigit() else 1
            if item is None and element.get(f"{TEXT}is-list-header") != "true" \
                    and self.numbering.numbers_heading(element.get(f"{TEXT}style-name")):
                start = element.get(f"{TEXT}start-value")
                label = self.numbering.heading_label(
                    level, int(start) if start and start.isdigit() else None,
                    element.get(f"{TEXT}restart-numbering") == "true")
        if item is not None:
            style, counters, depth, start = item
            style = style or self.numbering.style_list(element.get(f"{TEXT}style-name"))
            label = self.numbering.item_label(style or "", counters, depth, start)
        cached = element.find(f"{TEXT}number")
        if cached is not None and (cached.text or "").strip():
            label = (cached.text.strip(), None)  # as the word processor last drew it
        self.lines.append(Line(join_label(label[0], text.strip(), label[1]) if text.strip() else "",
                               whole=True, heading=level, indent=indent_of(text)))
        self.lines.extend(Line(note, whole=True, note=True) for note in notes)

    def table(self, table) -> None:
        rows = list(table_rows(table))
        cells = [[c for c in row if c.tag == f"{TABLE}table-cell"] for row in rows]
        self.rows(cells)


def table_rows(table):
    """A table's own rows, through header rows and row groups, not a nested table's."""
    for child in table:
        if child.tag == f"{TABLE}table-row":
            yield child
        elif child.tag in CONTAINERS:
            yield from table_rows(child)


def inline(element, parts: list[str], notes: list[str], frames: list) -> None:
    """The text of `element` with each note as its [citation] mark; the notes
    go to `notes` as "[citation] text", frames to `frames`."""
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if tag == NOTE:
            citation = (child.findtext(CITATION) or "").strip()
            body: list[str] = []
            for p in child.iterfind(f"{NOTE_BODY}/*"):
                piece: list[str] = []
                inline(p, piece, notes, [])
                body.append("".join(piece).strip())
            parts.append(f"[{citation}]")
            notes.append(f"[{citation}] {' '.join(b for b in body if b)}")
        elif tag == f"{TEXT}s":
            count = child.get(f"{TEXT}c", "1")
            parts.append(" " * (int(count) if count.isdigit() else 1))
        elif tag == f"{TEXT}tab":
            parts.append("\t")
        elif tag == f"{TEXT}line-break":
            parts.append("\n")
        elif tag in FRAMES:
            frames.append(child)
        elif tag not in SKIPPED:
            inline(child, parts, notes, frames)
        if child.tail:
            parts.append(child.tail)
