"""Structured documents rendered as a word processor or its PDF export lays them
out: paragraphs with first-line indents or gaps (and last lines that fill the
line), tables whose cells wrap, page headers and footers, page furniture typed
into the body, outline headings without numbering, footnotes and endnotes.

A document is a list of blocks; `expected_lines` says what a reader must give
back for it, so a test can render random documents and compare.
"""

from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FONT = "Boxes"
PAGE_W, PAGE_H, MARGIN = 595.0, 842.0, 72.0
BODY_TOP, BODY_BOTTOM = PAGE_H - MARGIN, MARGIN + 20
NOTE_SIZE = 9.0
GUTTER = 24.0  # between two columns of text


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    by_style: bool = True  # DOCX: a Heading style, or Normal with an outline level


@dataclass(frozen=True)
class Paragraph:
    text: str
    notes: tuple[str, ...] = ()  # footnotes, cited at the paragraph's end
    endnotes: tuple[str, ...] = ()
    cut: int | None = None  # typed page furniture between text[:cut] and text[cut:]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Bulleted:
    """A bulleted list item (PDF only) as Word prints one: the bullet its own
    run of text at `left` (in a symbol font's private-use code, or as a
    symbol), then the item's text at `left + hang` (after a tab), its lines
    after the first wrapped under that text (a hanging indent)."""

    bullet: str
    text: str
    left: float = 0.0
    hang: float = 24.0


@dataclass
class Document:
    blocks: list = field(default_factory=list)
    header: str = "出國報告"
    footer: str = "- {n} -"
    convention: str = "indent"  # PDF paragraphs: "indent", "gap" or "both"
    even_header: str = ""  # a header of its own on even pages (PDF)
    pdf_notes: bool = False  # PDF: footnotes drawn at the page's foot, small, under a rule
    # PDF: a page's last note of two or more lines goes on at the next page's
    # foot (its first half of lines here, the rest there, above that page's notes).
    split_notes: bool = False
    title: str = ""  # PDF document properties
    columns: int = 1  # PDF: text set in this many columns a page
    author: str = ""


def expected_pdf_notes(doc: Document) -> tuple[list[str], list[str]]:
    """For a PDF with drawn footnotes (`pdf_notes`): the text of each body line
    (a citing paragraph ends in its marks' digits) and each note ("n text")."""
    body, notes = [], []
    n = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(block.text)
        elif isinstance(block, Table):
            body.extend("\t".join(row) for row in block.rows)
        elif isinstance(block, Bulleted):
            body.append(block.bullet + " " + block.text)
        else:
            marks = []
            for text in block.notes:
                n += 1
                marks.append(str(n))
                notes.append(f"{n} {text}")
            body.append(block.text + "".join(marks))
    return body, notes


def expected_lines(doc: Document, notes: bool = True) -> list[tuple[str, int | None, bool]]:
    """(text, heading level, is a note) of each line a reader gives, furniture
    aside; `notes=False` for a PDF, where outline levels and notes are not kept."""
    out: list[tuple[str, int | None, bool]] = []
    counts = {"footnote": 0, "endnote": 0}
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append((block.text, block.level if notes else None, False))
        elif isinstance(block, Table):
            out.extend(("\t".join(row), None, False) for row in block.rows)
        elif isinstance(block, Bulleted):
            out.append((block.bullet + " " + block.text, None, False))
        elif not notes:
            out.append((block.text, None, False))
        else:
            cited = note_marks(block, counts)
            out.append((block.text + "".join(f"[{mark}]" for mark, _, _ in cited), None, False))
            out.extend((f"[{mark}] {text}", None, True) for mark, _, text in cited)
    return out


def note_marks(block: Paragraph, counts: dict[str, int]) -> list[tuple[str, str, str]]:
    """(mark, kind, text) of the notes a paragraph cites, numbered through the
    document: footnotes 1, 2, 3, endnotes i, ii, iii."""
    cited = []
    for kind, texts in (("footnote", block.notes), ("endnote", block.endnotes)):
        for text in texts:
            counts[kind] += 1
            mark = str(counts[kind]) if kind == "footnote" else roman(counts[kind])
            cited.append((mark, kind, text))
    return cited


def typed_breaks(doc: Document) -> int:
    """How many typed page breaks a document gets: one at each cut paragraph."""
    return sum(1 for block in doc.blocks if isinstance(block, Paragraph) and block.cut)


def roman(n: int) -> str:
    return ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
            "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"][n]


# --- PDF -------------------------------------------------------------------

# The characters the test font draws: Latin with its supplement (± ¹ é), Greek (μg), general
# punctuation, super- and subscripts, letterlike and number forms (Ⅰ–Ⅻ), arrows
# and mathematical operators (≤ ≥), technical symbols, circled numbers, box
# drawing and geometric shapes (│ ┌ ■ □), symbols, CJK radicals, punctuation,
# kana and bopomofo, enclosed CJK, ideographs, compatibility and small forms,
# full-width forms, a symbol font's codes: whatever a report's text holds draws as a box.
GLYPH_RANGES = [(0x21, 0x7E), (0xA1, 0xFF), (0x391, 0x3C9), (0x2010, 0x2027), (0x2030, 0x205E),
                (0x2070, 0x209F), (0x2100, 0x218F), (0x2190, 0x23FF), (0x2460, 0x27BF),
                (0x2E80, 0x2FDF), (0x3001, 0x33FF), (0x3400, 0x9FFF), (0xF900, 0xFAFF),
                (0xFE30, 0xFE6F), (0xFF01, 0xFFEF),
                (0xF020, 0xF0FF)]  # the private-use codes a symbol font's bullets print as
# East Asian "ambiguous" characters that a Chinese font draws one em wide.
WIDE_AMBIGUOUS = [(0x2160, 0x218F), (0x2460, 0x24FF), (0x2500, 0x25FF), (0x2600, 0x27BF)]


def is_wide(char: str) -> bool:
    code = ord(char)
    return unicodedata.east_asian_width(char) in "WF" \
        or any(low <= code <= high for low, high in WIDE_AMBIGUOUS)


@cache
def box_font() -> str:
    """A TrueType font (made here, with fontTools) whose glyphs are boxes: one em
    wide for Chinese, half for Latin. Embedded as a Word export embeds its
    fonts, it gives PDFium each character's place."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def box(width):
        pen = TTGlyphPen(None)
        pen.moveTo((50, -100))
        pen.lineTo((50, 800))
        pen.lineTo((width - 50, 800))
        pen.lineTo((width - 50, -100))
        pen.closePath()
        return pen.glyph()

    cmap = {}
    for low, high in GLYPH_RANGES:
        for code in range(low, high + 1):
            cmap[code] = "wide" if is_wide(chr(code)) else "narrow"
    for code in (0x20, 0xA0):
        cmap[code] = "space"
    cmap[0x3000] = "wide-space"  # an ideographic space: blank, one em wide
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "wide", "narrow", "space", "wide-space"])
    builder.setupCharacterMap(cmap)
    builder.setupGlyf({".notdef": box(500), "wide": box(1000), "narrow": box(500),
                       "space": TTGlyphPen(None).glyph(), "wide-space": TTGlyphPen(None).glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 50), "wide": (1000, 50),
                                    "narrow": (500, 50), "space": (500, 0),
                                    "wide-space": (1000, 0)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": FONT, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    path = Path(tempfile.mkdtemp(prefix="rsearch-font-")) / "boxes.ttf"
    builder.save(str(path))
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


def measure(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, box_font(), size)


def wrap_width(text: str, width: float, size: float, first_indent: float = 0.0) -> list[str]:
    """Lines as a word processor breaks them: Latin words whole, Chinese anywhere."""
    tokens: list[str] = []
    for char in text:
        if tokens and char.isascii() and char.isalnum() and tokens[-1][-1:].isascii() \
                and tokens[-1][-1:].isalnum():
            tokens[-1] += char
        else:
            tokens.append(char)
    lines, current = [], ""
    for token in tokens:
        room = width - (first_indent if not lines else 0.0)
        if current.strip() and measure(current + token, size) > room:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


class PdfPages:
    """Draws lines top to bottom, turning pages, with a header and a footer."""

    def __init__(self, target, doc: Document, size: float, header: str):
        from reportlab.pdfgen import canvas

        self.pdf = canvas.Canvas(target, pagesize=(PAGE_W, PAGE_H))
        self.doc, self.size, self.pitch, self.header = doc, size, size * 1.5, header
        self.y = BODY_TOP
        self.page = 1
        self.furniture: list[str] = []
        self.notes: list[list[str]] = []  # the footnotes of this page, each its lines
        self.carried = False  # whether the page's first note is the tail of one cut
        self.notes_drawn: list[str] = []
        self.column, self.x0 = 0, 0.0  # the column drawn in, and how far right it starts
        self.column_step = 0.0
        if doc.title or doc.author:
            self.pdf.setTitle(doc.title)
            self.pdf.setAuthor(doc.author)

    def room(self, height: float) -> None:
        if self.y - height < BODY_BOTTOM + self.notes_height():
            if self.column + 1 < self.doc.columns:  # the next column of the page
                self.column += 1
                self.x0 = self.column * self.column_step
                self.y = BODY_TOP
            else:
                self.turn()

    def notes_height(self, count: int = 0) -> float:
        lines = sum(len(note) for note in self.notes) + count
        return lines * NOTE_SIZE * 1.4 + NOTE_SIZE if lines else 0.0

    def draw_notes(self, last: bool = False) -> None:
        """The page's footnotes at its foot, in small type, under a short rule
        (a long one over a note's tail, as Word's continuation separator)."""
        if not self.notes:
            return
        carry: list[str] = []
        if self.doc.split_notes and not last and len(self.notes[-1]) > 1 \
                and not (self.carried and len(self.notes) == 1):
            keep = (len(self.notes[-1]) + 1) // 2
            self.notes[-1], carry = self.notes[-1][:keep], self.notes[-1][keep:]
        y = BODY_BOTTOM + self.notes_height() - NOTE_SIZE * 0.5
        self.pdf.line(MARGIN, y, MARGIN + (PAGE_W - 2 * MARGIN if self.carried else 100), y)
        y -= NOTE_SIZE * 0.5
        for text in (line for note in self.notes for line in note):
            y -= NOTE_SIZE * 1.4
            self.pdf.setFont(box_font(), NOTE_SIZE)
            self.pdf.drawString(MARGIN, y + NOTE_SIZE * 0.3, text)
        self.notes = [carry] if carry else []
        self.carried = bool(carry)

    def turn(self) -> None:
        self.draw_notes()
        self.draw_furniture()
        self.pdf.showPage()
        self.page += 1
        self.y = BODY_TOP
        self.column, self.x0 = 0, 0.0

    def draw_furniture(self) -> None:
        self.pdf.setFont(box_font(), 9)
        footer = self.doc.footer.format(n=self.page, total=99)
        self.pdf.drawString(PAGE_W / 2 - 20, MARGIN - 30, footer)
        self.furniture.append(footer)
        header = self.doc.even_header if self.page % 2 == 0 and self.doc.even_header \
            else self.header
        if header:
            self.pdf.drawString(MARGIN, PAGE_H - MARGIN + 30, header)
            self.furniture.append(header)

    def line(self, x: float, text: str, size: float, justify_to: float | None = None) -> None:
        self.room(self.pitch)
        self.pdf.setFont(box_font(), size)
        space = 0.0
        if justify_to is not None and len(text) > 1:
            space = max(0.0, (justify_to - x - measure(text, size)) / (len(text) - 1))
        self.pdf.drawString(x + self.x0, self.y - size, text, charSpace=space)
        self.y -= self.pitch

    def mark(self, x: float, baseline: float, marks: str) -> None:
        """Note marks raised after a line's end, in small type."""
        self.pdf.setFont(box_font(), NOTE_SIZE - 2)
        self.pdf.drawString(x + self.x0 + 1, baseline + self.size * 0.35, marks)

    def finish(self) -> None:
        self.draw_notes(last=True)
        self.draw_furniture()
        self.pdf.showPage()
        self.pdf.save()


def write_pdf(doc: Document, target: Path) -> list[str]:
    """The document as its PDF export lays it out (footnotes drawn at the
    page's foot if `doc.pdf_notes`, else not drawn); the furniture drawn, page
    by page: a header in small type, on a one-page document too."""
    return draw_pdf(doc, str(target), doc.header).furniture


def draw_pdf(doc: Document, target, header: str) -> PdfPages:
    size = 12.0
    pages = PdfPages(target, doc, size, header)
    width = (PAGE_W - 2 * MARGIN - GUTTER * (doc.columns - 1)) / doc.columns
    right = MARGIN + width
    pages.column_step = width + GUTTER
    indent = paragraph_indent(doc, size)
    gap = size * 0.8 if doc.convention in ("gap", "both") else 0.0
    for block in doc.blocks:
        if isinstance(block, Heading):
            pages.y -= size
            pages.room(2 * pages.pitch)
            lines = wrap_width(block.text, width, size + 2)
            for k, text in enumerate(lines):
                pages.line(MARGIN, text, size + 2, right if k < len(lines) - 1 else None)
        elif isinstance(block, Table):
            pages.y -= gap
            draw_table(pages, block, width)
            pages.y -= size
        elif isinstance(block, Bulleted):
            pages.y -= gap
            at = MARGIN + block.left + block.hang
            lines = wrap_width(block.text, right - at, size)
            pages.room(pages.pitch)  # the bullet on its text's first line's page
            pages.pdf.setFont(box_font(), size)
            pages.pdf.drawString(MARGIN + block.left + pages.x0, pages.y - size, block.bullet)
            for k, text in enumerate(lines):
                pages.line(at, text, size, right if k < len(lines) - 1 else None)
        else:
            pages.y -= gap
            lines = wrap_width(block.text, width, size, indent)
            notes = [] if not doc.pdf_notes else \
                [f"{len(pages.notes_drawn) + k} {text}" for k, text in enumerate(block.notes, 1)]
            note_lines = [wrap_width(note, width, NOTE_SIZE) for note in notes]
            for k, text in enumerate(lines):
                full = k < len(lines) - 1
                x = MARGIN + (indent if k == 0 else 0.0)
                if not full and notes:  # the citing line and its notes on one page
                    count = sum(map(len, note_lines))
                    pages.room(pages.pitch + pages.notes_height(count) - pages.notes_height())
                pages.line(x, text, size, right if full else None)
            if notes:
                marks = "".join(note.split(" ", 1)[0] for note in notes)
                pages.mark(x + measure(lines[-1], size), pages.y + pages.pitch - size, marks)
                pages.notes.extend(note_lines)
                pages.notes_drawn.extend(notes)
    pages.finish()
    return pages


def paragraph_indent(doc: Document, size: float) -> float:
    return 2 * size if doc.convention in ("indent", "both") else 0.0


def fill_last_line(text: str, filler: str, doc: Document, size: float = 12.0) -> str:
    """`text` grown with `filler` until its last line on the page is full."""
    width = PAGE_W - 2 * MARGIN
    indent = paragraph_indent(doc, size)
    for _ in range(200):
        lines = wrap_width(text + filler[:1], width, size, indent)
        if len(lines) > len(wrap_width(text, width, size, indent)):
            return text
        text = text[:-1] + filler[:1] + text[-1:]
    return text


def draw_table(pages: PdfPages, table: Table, width: float) -> None:
    size = pages.size
    columns = max(len(row) for row in table.rows)
    column = width / columns
    for row in table.rows:
        cells = [wrap_width(cell, column - 2 * size, size) or [""] for cell in row]
        height = max(len(c) for c in cells)
        pages.room(height * pages.pitch + size)
        top = pages.y
        for k, lines in enumerate(cells):
            pages.y = top
            for text in lines:
                pages.line(MARGIN + k * column, text, size)
        pages.y = top - height * pages.pitch - size * 0.6


# --- DOCX ------------------------------------------------------------------

def write_docx(doc: Document, target: Path, furniture: str = "第 {n} 頁，共 {total} 頁") -> None:
    """The document in Word: outline headings (a Heading style or an outline
    level on a Normal paragraph), footnotes and endnotes, tables, and page
    furniture typed into the body where a paragraph is cut."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    notes = NoteParts()
    pages = 1

    def typed_page_break():
        nonlocal pages
        document.add_paragraph(furniture.format(n=pages, total=99))
        document.add_paragraph().add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
        pages += 1
        if typed_breaks(doc) >= 2:  # a running header runs on more than one page
            document.add_paragraph(doc.header)

    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.by_style:
                document.add_paragraph(block.text, style=f"Heading {block.level}")
            else:
                paragraph = document.add_paragraph(block.text)
                level = OxmlElement("w:outlineLvl")
                level.set(qn("w:val"), str(block.level - 1))
                paragraph._p.get_or_add_pPr().append(level)
        elif isinstance(block, Table):
            rows = block.rows
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=False):
                    cell.text = value
        else:
            if block.cut is not None:
                document.add_paragraph(block.text[:block.cut])
                typed_page_break()
                paragraph = document.add_paragraph(block.text[block.cut:])
            else:
                paragraph = document.add_paragraph(block.text)
            for kind, texts in (("footnote", block.notes), ("endnote", block.endnotes)):
                for text in texts:
                    run = paragraph.add_run()._r
                    reference = OxmlElement(f"w:{kind}Reference")
                    reference.set(qn("w:id"), str(notes.add(kind, text)))
                    run.append(reference)
    if typed_breaks(doc):  # the last page's number, typed as every page's
        document.add_paragraph(furniture.format(n=pages, total=99))
    notes.attach(document)
    document.save(str(target))


class NoteParts:
    """word/footnotes.xml and word/endnotes.xml, as Word writes them."""

    def __init__(self):
        self.notes: dict[str, list[str]] = {"footnote": [], "endnote": []}

    def add(self, kind: str, text: str) -> int:
        self.notes[kind].append(text)
        return len(self.notes[kind])  # ids 1, 2, ...; -1 and 0 are the separators

    def attach(self, document) -> None:
        from xml.sax.saxutils import escape

        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        for kind, texts in self.notes.items():
            if not texts:
                continue
            body = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                    f'</w:p></w:{kind}>',
                    f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                    f'<w:continuationSeparator/></w:r></w:p></w:{kind}>']
            for n, text in enumerate(texts, start=1):
                body.append(f'<w:{kind} w:id="{n}"><w:p><w:r><w:{kind}Ref/></w:r>'
                            f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p>'
                            f'</w:{kind}>')
            xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   f'<w:{kind}s xmlns:w="{w}">{"".join(body)}</w:{kind}s>').encode()
            content_type = CONTENT_TYPE.WML_FOOTNOTES if kind == "footnote" \
                else CONTENT_TYPE.WML_ENDNOTES
            relation = RELATIONSHIP_TYPE.FOOTNOTES if kind == "footnote" \
                else RELATIONSHIP_TYPE.ENDNOTES
            part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml,
                        document.part.package)
            document.part.relate_to(part, relation)


# --- ODT -------------------------------------------------------------------

def write_odt(doc: Document, target: Path, furniture: str = "Page {n} of {total}") -> None:
    """The document in OpenDocument: text:h outline levels, text:note footnotes
    and endnotes, tables, and page furniture typed into the body."""
    from odfdo import Document as OdfDocument
    from odfdo import Element, Header, Note
    from odfdo import Paragraph as OdfParagraph
    from odfdo import Table as OdfTable

    document = OdfDocument("text")
    body = document.body
    body.clear()
    pages = 1
    counts = {"footnote": 0, "endnote": 0}
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(Header(block.level, block.text))
        elif isinstance(block, Table):
            rows = block.rows
            table = OdfTable("table", width=max(len(r) for r in rows), height=len(rows))
            for y, values in enumerate(rows):
                for x, value in enumerate(values):
                    table.set_value((x, y), value)
            body.append(table)
        else:
            text = block.text
            if block.cut is not None:
                body.append(OdfParagraph(text[:block.cut]))
                body.append(OdfParagraph(furniture.format(n=pages, total=99)))
                body.append(Element.from_tag("text:soft-page-break"))
                if typed_breaks(doc) >= 2:
                    body.append(OdfParagraph(doc.header))
                pages += 1
                text = text[block.cut:]
            paragraph = OdfParagraph(text)
            for citation, kind, note in note_marks(block, counts):
                paragraph.append(Note(note_class=kind, note_id=f"{kind}{citation}",
                                      citation=citation, body=note))
            body.append(paragraph)
    if typed_breaks(doc):  # the last page's number, typed as every page's
        body.append(OdfParagraph(furniture.format(n=pages, total=99)))
    document.save(str(target))
