"""Plain text: decoded with confidence, pages split at form feeds."""

from __future__ import annotations

from ..encoding import decode_text
from .model import Extracted, Line


def read(data: bytes, path: str) -> Extracted:
    return pages_of(decode_text(data, path))


def pages_of(text: str) -> Extracted:
    """Text as pages of lines: any line ending, a form feed between pages."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return Extracted("text", [[Line(line.strip()) for line in page.split("\n")]
                              for page in text.split("\f")])
