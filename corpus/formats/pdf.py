"""PDF text: PDFium (pypdfium2) first, pypdf where PDFium cannot place the text.

PDFium reads Word and LibreOffice exports, whose fonts are embedded, fast and
in order, and gives each character's box: paragraphs, table rows and page
furniture are then read from the page's geometry (``pdf_lines``,
``pdf_layout``). Where a Chinese CID font is not embedded, PDFium can lose
line breaks and whole lines; a "line" longer than any page can hold shows
it, and the file is then read with pypdf, slower but right on such fonts,
as lines without geometry.
"""

from __future__ import annotations

import ctypes

from ..errors import UnreadableReport
from .model import Extracted, Line
from .pdf_layout import layout
from .pdf_lines import Glyph, page_lines

# No page holds a line of this many characters: the layout was lost.
LONGEST_LINE = 160


def read(data: bytes, path: str) -> Extracted:
    texts, glyphs, width = pdfium_pages(data, path)
    if any(len(line) > LONGEST_LINE for text in texts for line in text.split("\n")):
        pages = [[Line(line.strip()) for line in text.split("\n")]
                 for text in pypdf_pages(data, path)]
    else:
        pages = layout([page_lines(page) for page in glyphs], width)
    if not any(line.text for page in pages for line in page):
        raise UnreadableReport(path, "PDF has no text layer (a scan?); run OCR on it first")
    return Extracted("pdf", pages)


def pdfium_pages(data: bytes, path: str) -> tuple[list[str], list[list[Glyph]], float]:
    """Each page's text, its characters with their boxes, and the page width."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise UnreadableReport(path, "encrypted PDF (needs a password)") from None
        raise UnreadableReport(path, f"damaged PDF ({e})") from None
    texts, glyphs, width = [], [], 0.0
    try:
        for page in document:
            width = max(width, page.get_width())
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            texts.append(normalize(text))
            glyphs.append(page_glyphs(textpage, text))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as e:
        raise UnreadableReport(path, f"damaged PDF ({e})") from None
    finally:
        document.close()
    return texts, glyphs, width


def page_glyphs(textpage, text: str) -> list[Glyph]:
    """(char, left, right, bottom, top) of each character PDFium finds."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(textpage)
    if len(text) != count:  # characters outside the BMP: ask one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    box = raw.FPDFText_GetCharBox
    refs = ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top)
    out: list[Glyph] = []
    for i, char in enumerate(text):
        if char < " " and char != "\t" or char == "\ufffe":
            continue  # line ends PDFium adds, soft hyphens
        box(textpage, i, *refs)
        out.append((char, left.value, right.value, bottom.value, top.value))
    return out


def pypdf_pages(data: bytes, path: str) -> list[str]:
    from io import BytesIO

    import pypdf

    try:
        reader = pypdf.PdfReader(BytesIO(data))
        return [normalize(page.extract_text() or "") for page in reader.pages]
    except Exception as e:  # pypdf raises many kinds on a damaged file
        raise UnreadableReport(path, f"damaged PDF ({type(e).__name__})") from None


def normalize(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "")
