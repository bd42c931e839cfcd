"""PDF text: PDFium (pypdfium2) first, pypdf where PDFium cannot place the text.

PDFium reads Word and LibreOffice exports, whose fonts are embedded, fast and
in order, and gives each character's box: paragraphs, table rows and page
furniture are then read from the page's geometry (``pdf_lines``,
``pdf_layout``). Where a Chinese CID font is not embedded, PDFium can lose
line breaks and whole lines; a "line" longer than any page can hold shows
it, and the file is then read with pypdf, slower but right on such fonts,
as lines of text with the blank lines and indents their places on the page
show (``pdf_runs``), read as a text file is.
"""

from __future__ import annotations

import ctypes
import re

from ..errors import UnreadableReport
from .furniture import mark_typed_pages
from .list_labels import is_bullet
from .model import Extracted, Line, Properties
from .pdf_columns import column_pages
from .pdf_layout import layout, text_columns
from .pdf_lines import CELL_GAP, PageLine, Segment
from .pdf_runs import PlacedLine, laid_out, printed_narrower
from .pdf_runs import page_lines as pypdf_lines
from .properties import pdf_properties
from .text import indent_of

# PDFium's own lines: runs of characters between the line ends it adds.
RUN_RE = re.compile(r"[^\r\n\ufffe\x00-\x08\x0b-\x1f]+")
# Spaces inside a run, where a wide gap (a table's next cell) may open.
GAP_RE = re.compile(r"(?<=\S)[ \t\u3000]+(?=\S)")
# A run that starts with a label or a bullet: its first characters are placed
# one by one.
LABEL_RE = re.compile(r"^\S{0,7}[、.．)）:：]")

# A note's mark after a line's text: digits or superscripts, set smaller than this share.
NOTE_MARK_CHARS = frozenset("0123456789*⁰¹²³⁴⁵⁶⁷⁸⁹")
MARK_SIZE = 0.9

# No page holds a line of this many characters: the layout was lost.
LONGEST_LINE = 160
# Fewer characters than this a page: next to no text was read.
SPARSE = 40


def read(data: bytes, path: str) -> Extracted:
    texts, glyphs, width, properties, unread = pdfium_pages(data, path)
    # A page's text objects PDFium gives no text for (a CID font it cannot
    # map, not embedded): their lines are lost, however short the report.
    lost = any(unread) or any(len(line) > LONGEST_LINE for text in texts
                              for line in text.split("\n"))
    if not lost and sum(len("".join(text.split())) for text in texts) < SPARSE * len(texts):
        # Next to no text: a scan, or a font PDFium cannot read; pypdf may.
        other = pypdf_pages(data, path)
        lost = sum(len("".join(t.split())) for t in other) > 2 * sum(
            len("".join(t.split())) for t in texts)
    if lost:
        pages = text_pages(pypdf_pages(data, path))
    else:
        placed = column_pages(glyphs)
        printed = as_printed(placed)
        if printed_narrower(printed):
            # A text printed narrower than its own lines (a full line, then its
            # tail, again and again): its page geometry shows the printer's
            # lines, not paragraphs; read the text's own lines, as pypdf's.
            pages = text_pages([normalize(text) for text in laid_out(printed)])
        else:
            pages = mark_typed_pages(layout(placed, width), text_columns(placed, width))
    if not any(line.text for page in pages for line in page):
        raise UnreadableReport(path, "PDF has no text layer (a scan?); run OCR on it first")
    return Extracted("pdf", pages, properties)


def pdfium_pages(data: bytes, path: str
                 ) -> tuple[list[str], list[list[Segment]], float, Properties, list[bool]]:
    """Each page's text, its placed runs of text, the page width, the
    document's properties, and for each page whether text objects on it gave
    PDFium no text."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise UnreadableReport(path, "encrypted PDF (needs a password)") from None
        raise UnreadableReport(path, f"damaged PDF ({e})") from None
    texts, glyphs, width, unread = [], [], 0.0, []
    try:
        properties = pdf_properties(document.get_metadata_dict(skip_empty=True))
        for page in document:
            width = max(width, page.get_width())
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            texts.append(normalize(text))
            glyphs.append(page_segments(textpage, text))
            unread.append(unread_objects(page, textpage))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as e:
        raise UnreadableReport(path, f"damaged PDF ({e})") from None
    finally:
        document.close()
    return texts, glyphs, width, properties, unread


# Text objects with no text PDFium can give: this many, and this share of a page's.
UNREAD_OBJECTS = 2
UNREAD_SHARE = 0.25


def unread_objects(page, textpage) -> bool:
    """Whether many of a page's text objects give no text: PDFium drew them
    but cannot map their characters (a non-embedded CID font), and dropped
    their lines from the page's text."""
    import pypdfium2.raw as raw

    objects = unread = 0
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        objects += 1
        # The size in bytes of the object's text, its terminator included.
        unread += raw.FPDFTextObj_GetText(obj, textpage, None, 0) <= 2
    return unread >= max(UNREAD_OBJECTS, UNREAD_SHARE * objects)


def page_segments(textpage, text: str) -> list[Segment]:
    """The page's runs of text (PDFium's lines, split where a wide gap opens),
    each placed by its first and last characters."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(textpage)
    if len(text) != count:  # characters outside the BMP: ask one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()

    def edges(i: int) -> tuple[float, float]:
        raw.FPDFText_GetLooseCharBox(textpage, i, box)
        return box.left, box.right

    def place(start: int, end: int) -> Segment | None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            return None
        left = edges(start)[0]
        raw.FPDFText_GetCharOrigin(textpage, start, ctypes.byref(x), ctypes.byref(y))
        size = raw.FPDFText_GetFontSize(textpage, start)
        # Note marks set small after the line's last word (`。¹²`, `。12`)
        # stand past its measure: the line ends where its text does.
        last = end - 1
        while last > start and text[last] in NOTE_MARK_CHARS \
                and raw.FPDFText_GetFontSize(textpage, last) < MARK_SIZE * size:
            last -= 1
        right = edges(last)[1]
        piece = text[start:end]
        starts: tuple[float, ...] = ()
        if LABEL_RE.match(piece) or is_bullet(piece[0]):
            starts = tuple(edges(i)[0] for i in range(start, min(end, start + 10)))
        return Segment(piece, left, right, y.value, size, starts)

    segments: list[Segment] = []
    for m in RUN_RE.finditer(text):
        start, end = m.start(), m.end()
        size = 0.0
        for gap in GAP_RE.finditer(text, start, end):
            if not size:
                size = raw.FPDFText_GetFontSize(textpage, start)
            if edges(gap.end())[0] - edges(gap.start() - 1)[1] > CELL_GAP * size:
                segments.append(place(start, gap.start()))
                start = gap.end()
        segments.append(place(start, end))
    return [s for s in segments if s is not None]


def text_pages(texts: list[str]) -> list[list[Line]]:
    """Pages of text laid out as printed (blank lines, indents), read as a
    text file's lines: typed furniture marked."""
    return furniture_unspaced(mark_typed_pages(
        [[Line(line.strip(), indent=indent_of(line)) for line in text.split("\n")]
         for text in texts], join=False))


def as_printed(pages: list[list[PageLine]]) -> list[list[PlacedLine]]:
    """PDFium's lines as a printed text's: each starts at the document's left
    margin for its type size, with a space for each half type size it is
    indented (as the spaces of a text file printed would put it)."""
    margin: dict[float, float] = {}
    for page in pages:
        for line in page:
            margin[line.height] = min(margin.get(line.height, line.left), line.left)
    out = []
    for page in pages:
        lines = []
        for line in page:
            left = margin[line.height]
            shift = round((line.left - left) / (line.height / 2)) if line.height else 0
            lines.append(PlacedLine(" " * shift + spaced(line), left, line.bottom, line.height))
        out.append(lines)
    return out


def spaced(line: PageLine) -> str:
    """The line's cells apart by a space for each half type size between them."""
    half = max(line.height, 1.0) / 2
    text = line.cells[0].text
    for before, cell in zip(line.cells, line.cells[1:], strict=False):
        text += " " * max(1, round((cell.left - before.right) / half)) + cell.text
    return text


def pypdf_pages(data: bytes, path: str) -> list[str]:
    from io import BytesIO

    import pypdf

    try:
        reader = pypdf.PdfReader(BytesIO(data))
        return [normalize(text) for text in laid_out([pypdf_lines(page) for page in reader.pages])]
    except Exception as e:  # pypdf raises many kinds on a damaged file
        raise UnreadableReport(path, f"damaged PDF ({type(e).__name__})") from None


def furniture_unspaced(pages: list[list[Line]]) -> list[list[Line]]:
    """The pages without the blank lines next to their furniture: a page sets
    its header and footer apart by a gap, which ends no paragraph (one the
    page break cut joins again over them)."""
    out = []
    for page in pages:
        keep = [True] * len(page)
        for i, line in enumerate(page):
            if not line.furniture:
                continue
            for step in (-1, 1):
                j = i + step
                while 0 <= j < len(page) and not page[j].text and not page[j].furniture:
                    keep[j] = False
                    j += step
        out.append([line for line, kept in zip(page, keep, strict=True) if kept])
    return out


def normalize(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "")
