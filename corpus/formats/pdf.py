"""PDF through PDFium (pypdfium2): every character in reading order, fast, with
no font quirks on CID-keyed Chinese fonts (see the README for the choice)."""

from __future__ import annotations

from ..errors import UnreadableReport
from .model import Extracted, Line


def read(data: bytes, path: str) -> Extracted:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        reason = str(e).lower()
        if "password" in reason:
            raise UnreadableReport(path, "encrypted PDF (needs a password)") from None
        raise UnreadableReport(path, f"damaged PDF ({e})") from None
    pages: list[list[Line]] = []
    try:
        for page in document:
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "")
            pages.append([Line(line.strip()) for line in text.split("\n")])
    except pdfium.PdfiumError as e:
        raise UnreadableReport(path, f"damaged PDF ({e})") from None
    finally:
        document.close()
    if not any(line.text for page in pages for line in page):
        raise UnreadableReport(path, "PDF has no text layer (a scan?); run OCR on it first")
    return Extracted("pdf", pages)
