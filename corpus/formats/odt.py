"""OpenDocument text through odfdo: headings with their outline level,
paragraphs, notes and table rows in document order.

A note (``text:note``, footnote or endnote) leaves its citation as an ``[n]``
mark in the paragraph and follows it as an ``[n] text`` note line. Page
furniture typed into the body is marked (``furniture``). The document's
metadata (``meta.xml``) gives its title, author and date.
"""

from __future__ import annotations

from io import BytesIO

from ..errors import UnreadableReport
from .furniture import mark_furniture
from .model import Extracted, Line
from .properties import package_properties
from .text import indent_of

HEADING, PARAGRAPH, TABLE, LIST = "text:h", "text:p", "table:table", "text:list"
PAGE_BREAK = "text:soft-page-break"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
NOTE, CITATION, NOTE_BODY = f"{TEXT_NS}note", f"{TEXT_NS}note-citation", f"{TEXT_NS}note-body"
SPACE, TAB, LINE_BREAK = f"{TEXT_NS}s", f"{TEXT_NS}tab", f"{TEXT_NS}line-break"


def read(data: bytes, path: str) -> Extracted:
    from odfdo import Document

    reader = BodyReader()
    try:
        reader.walk(Document(BytesIO(data)).body)
    except Exception as e:  # odfdo raises many kinds on a damaged package
        raise UnreadableReport(path, f"damaged ODT ({type(e).__name__})") from None
    return Extracted("odt", [mark_furniture(reader.lines, reader.breaks)],
                     package_properties(data))


class BodyReader:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.breaks: set[int] = set()

    def walk(self, element) -> None:
        for child in element.children:
            tag = child.tag
            if tag in (HEADING, PARAGRAPH):
                level = (child.get_attribute_integer("text:outline-level") or 1
                         if tag == HEADING else None)
                self.paragraph(child, level)
            elif tag == TABLE:
                for row in child.get_elements("descendant::table:table-row"):
                    cells = [str(cell).strip() for cell in row.get_elements("table:table-cell")]
                    self.lines.append(Line("\t".join(cells).strip(), whole=True))
            elif tag == PAGE_BREAK:
                self.breaks.add(len(self.lines))
            elif tag in (LIST, "text:list-item", "text:section"):
                self.walk(child)

    def paragraph(self, element, level: int | None) -> None:
        xml = element._xml_element
        if xml.find(f".//{TEXT_NS}soft-page-break") is not None:
            self.breaks.add(len(self.lines))
        if xml.find(f".//{NOTE}") is None:
            text = str(element)
            self.lines.append(Line(text.strip(), whole=True, heading=level,
                                   indent=indent_of(text)))
            return
        parts: list[str] = []
        notes: list[str] = []
        inline_text(xml, parts, notes)
        text = "".join(parts)
        self.lines.append(Line(text.strip(), whole=True, heading=level, indent=indent_of(text)))
        self.lines.extend(Line(note, whole=True, note=True) for note in notes)


def inline_text(element, parts: list[str], notes: list[str]) -> None:
    """The text of `element` with each note as its [citation] mark; the notes
    go to `notes` as "[citation] text"."""
    if element.text:
        parts.append(element.text)
    for child in element:
        if child.tag == NOTE:
            citation = (child.findtext(CITATION) or "").strip()
            body: list[str] = []
            for p in child.iterfind(f"{NOTE_BODY}/*"):
                piece: list[str] = []
                inline_text(p, piece, notes)
                body.append("".join(piece).strip())
            parts.append(f"[{citation}]")
            notes.append(f"[{citation}] {' '.join(b for b in body if b)}")
        elif child.tag == SPACE:
            parts.append(" " * int(child.get(f"{TEXT_NS}c", "1")))
        elif child.tag == TAB:
            parts.append("\t")
        elif child.tag == LINE_BREAK:
            parts.append("\n")
        else:
            inline_text(child, parts, notes)
        if child.tail:
            parts.append(child.tail)
