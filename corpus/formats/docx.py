"""Word DOCX through python-docx: paragraphs and table rows in body order,
heading styles kept as hints."""

from __future__ import annotations

import re
from io import BytesIO

from ..errors import UnreadableReport
from .model import Extracted, Line

HEADING_STYLE_RE = re.compile(r"^(?:heading|標題)\s*(\d)$", re.I)


def read(data: bytes, path: str) -> Extracted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[Line] = []
    try:
        document = docx.Document(BytesIO(data))
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(Line(block.text.strip(), whole=True, heading=heading_level(block)))
            elif isinstance(block, Table):
                lines.extend(Line(row, whole=True) for row in table_rows(block))
    except Exception as e:  # python-docx raises many kinds on a damaged package
        raise UnreadableReport(path, f"damaged DOCX ({type(e).__name__})") from None
    return Extracted("docx", [lines])


def heading_level(paragraph) -> int | None:
    try:
        name = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, ValueError):
        return None
    m = HEADING_STYLE_RE.match(name or "")
    return int(m.group(1)) if m else None


def table_rows(table) -> list[str]:
    """Each row as one line, its cells joined by tabs (merged cells once)."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if not cells or text != cells[-1]:
                cells.append(text)
        rows.append("\t".join(cells).strip())
    return rows
