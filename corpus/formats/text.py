"""Plain text: decoded with confidence, pages split at form feeds."""

from __future__ import annotations

from ..encoding import decode_text
from .model import Extracted, Line


def read(data: bytes, path: str) -> Extracted:
    text = decode_text(data, path)
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    pages = [[Line(line.strip()) for line in page.split("\n")] for page in text.split("\f")]
    return Extracted("text", pages)
