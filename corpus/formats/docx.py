"""Word DOCX through python-docx: paragraphs and table rows in body order.

The document's outline level (a Heading style, or an outline level set on
the paragraph or its style) is passed on as the line's heading level.
Footnotes and endnotes (``word/footnotes.xml``, ``word/endnotes.xml``) follow
the paragraph that cites them as ``[n] text`` note lines, the paragraph
carrying the ``[n]`` mark where the reference stands. Page furniture typed
into the body is marked (``furniture``). The document properties
(``docProps/core.xml``) give its title, author and date.
"""

from __future__ import annotations

import re
from io import BytesIO

from ..errors import UnreadableReport
from .furniture import mark_furniture
from .model import Extracted, Line
from .properties import package_properties
from .text import indent_of

HEADING_STYLE_RE = re.compile(r"^(?:heading|標題)\s*(\d)$", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTE_KINDS = {"footnotes": f"{W}footnoteReference", "endnotes": f"{W}endnoteReference"}
# Word numbers footnotes 1, 2, 3 and endnotes i, ii, iii.
ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
TEXT_TAGS = {f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n",
             NOTE_KINDS["footnotes"]: "note", NOTE_KINDS["endnotes"]: "note"}


def read(data: bytes, path: str) -> Extracted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[Line] = []
    breaks: set[int] = set()
    try:
        document = docx.Document(BytesIO(data))
        notes = Notes(document)
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                if page_break_before(block._p):
                    breaks.add(len(lines))
                text, cited = notes.text(block._p)
                lines.append(Line(text.strip(), whole=True, heading=outline_level(block),
                                  indent=indent_of(text)))
                lines.extend(Line(note, whole=True, note=True) for note in cited)
                if page_break_after(block._p):
                    breaks.add(len(lines))
            elif isinstance(block, Table):
                lines.extend(Line(row, whole=True) for row in table_rows(block))
    except Exception as e:  # python-docx raises many kinds on a damaged package
        raise UnreadableReport(path, f"damaged DOCX ({type(e).__name__})") from None
    return Extracted("docx", [mark_furniture(lines, breaks)], package_properties(data))


def outline_level(paragraph) -> int | None:
    """1 for Heading 1 (or outline level 0) and so on; None for body text."""
    p_pr = paragraph._p.pPr
    level = p_pr.find(f"{W}outlineLvl") if p_pr is not None else None
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        style = None
    while level is None and style is not None:
        m = HEADING_STYLE_RE.match(style.name or "")
        if m:
            return int(m.group(1))
        s_pr = style.element.pPr
        level = s_pr.find(f"{W}outlineLvl") if s_pr is not None else None
        style = style.base_style
    if level is None:
        return None
    value = int(level.get(f"{W}val", "9"))
    return value + 1 if value < 9 else None


def page_break_before(p) -> bool:
    p_pr = p.pPr
    return p_pr is not None and p_pr.find(f"{W}pageBreakBefore") is not None \
        or any(True for _ in p.iter(f"{W}lastRenderedPageBreak"))


def page_break_after(p) -> bool:
    p_pr = p.pPr
    return any(br.get(f"{W}type") == "page" for br in p.iter(f"{W}br")) \
        or (p_pr is not None and p_pr.find(f"{W}sectPr") is not None)


class Notes:
    """The document's footnotes and endnotes by id, numbered as they are cited."""

    def __init__(self, document):
        self.bodies: dict[str, dict[str, str]] = {}
        self.numbers: dict[tuple[str, str], str] = {}
        for rel in document.part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind in NOTE_KINDS and not rel.is_external:
                self.bodies[kind] = note_texts(rel.target_part.blob, kind[:-1])

    def text(self, p) -> tuple[str, list[str]]:
        """A paragraph's text with its note marks, and the notes it cites."""
        if not self.bodies or not any(True for _ in p.iter(*NOTE_KINDS.values())):
            return "".join(plain_text(p)), []
        parts: list[str] = []
        cited: list[str] = []
        for element in p.iter(*TEXT_TAGS):
            value = TEXT_TAGS[element.tag]
            if value != "note":
                parts.append(element.text or "" if value is None else value)
                continue
            kind = "footnotes" if element.tag == NOTE_KINDS["footnotes"] else "endnotes"
            note_id = element.get(f"{W}id")
            body = self.bodies.get(kind, {}).get(note_id)
            if body is None:
                continue
            mark = self.number(kind, note_id)
            parts.append(f"[{mark}]")
            cited.append(f"[{mark}] {body}")
        return "".join(parts), cited

    def number(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self.numbers:
            n = sum(1 for k, _ in self.numbers if k == kind) + 1
            self.numbers[key] = str(n) if kind == "footnotes" else roman(n)
        return self.numbers[key]


def plain_text(p):
    for element in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        value = TEXT_TAGS[element.tag]
        yield element.text or "" if value is None else value


def note_texts(blob: bytes, tag: str) -> dict[str, str]:
    """Each note's text by its id; separators (negative ids, typed) are not notes."""
    from lxml import etree

    root = etree.fromstring(blob)
    notes = {}
    for note in root.iter(f"{W}{tag}"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = ["".join(plain_text(p)).strip() for p in note.iter(f"{W}p")]
        notes[note.get(f"{W}id")] = " ".join(p for p in paragraphs if p)
    return notes


def roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def table_rows(table) -> list[str]:
    """Each row as one line, its cells joined by tabs (merged cells once)."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen = None
        for cell in row.cells:
            if cell._tc is seen:
                continue  # a merged cell: python-docx gives it once per grid column
            seen = cell._tc
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append("\t".join(cells).strip())
    return rows
