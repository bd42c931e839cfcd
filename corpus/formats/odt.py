"""OpenDocument text through odfdo: headings with their outline level,
paragraphs and table rows in document order."""

from __future__ import annotations

from io import BytesIO

from ..errors import UnreadableReport
from .model import Extracted, Line

HEADING, PARAGRAPH, TABLE, LIST = "text:h", "text:p", "table:table", "text:list"


def read(data: bytes, path: str) -> Extracted:
    from odfdo import Document

    lines: list[Line] = []
    try:
        walk(Document(BytesIO(data)).body, lines)
    except Exception as e:  # odfdo raises many kinds on a damaged package
        raise UnreadableReport(path, f"damaged ODT ({type(e).__name__})") from None
    return Extracted("odt", [lines])


def walk(element, lines: list[Line]) -> None:
    for child in element.children:
        tag = child.tag
        if tag == HEADING:
            level = child.get_attribute_integer("text:outline-level") or 1
            lines.append(Line(str(child).strip(), whole=True, heading=level))
        elif tag == PARAGRAPH:
            lines.append(Line(str(child).strip(), whole=True))
        elif tag == TABLE:
            for row in child.get_elements("descendant::table:table-row"):
                cells = [str(cell).strip() for cell in row.get_elements("table:table-cell")]
                lines.append(Line("\t".join(cells).strip(), whole=True))
        elif tag in (LIST, "text:list-item", "text:section"):
            walk(child, lines)
