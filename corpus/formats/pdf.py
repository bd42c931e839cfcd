"""PDF text: PDFium (pypdfium2) first, pypdf where PDFium cannot place the text.

PDFium reads Word and LibreOffice exports, whose fonts are embedded, fast and
in order. Where a Chinese CID font is not embedded, it can lose line breaks
and whole lines; a "line" longer than any page can hold shows it, and the
file is then read with pypdf, slower but right on such fonts.
"""

from __future__ import annotations

from ..errors import UnreadableReport
from .model import Extracted, Line

# No page holds a line of this many characters: the layout was lost.
LONGEST_LINE = 160


def read(data: bytes, path: str) -> Extracted:
    texts = pdfium_pages(data, path)
    if any(len(line) > LONGEST_LINE for text in texts for line in text.split("\n")):
        texts = pypdf_pages(data, path)
    pages = [[Line(line.strip()) for line in text.split("\n")] for text in texts]
    if not any(line.text for page in pages for line in page):
        raise UnreadableReport(path, "PDF has no text layer (a scan?); run OCR on it first")
    return Extracted("pdf", pages)


def pdfium_pages(data: bytes, path: str) -> list[str]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise UnreadableReport(path, "encrypted PDF (needs a password)") from None
        raise UnreadableReport(path, f"damaged PDF ({e})") from None
    texts = []
    try:
        for page in document:
            textpage = page.get_textpage()
            texts.append(normalize(textpage.get_text_range()))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as e:
        raise UnreadableReport(path, f"damaged PDF ({e})") from None
    finally:
        document.close()
    return texts


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
