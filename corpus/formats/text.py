"""Plain text: decoded with confidence, pages split at form feeds."""

from __future__ import annotations

from ..encoding import decode_text
from .model import Extracted, Line


def read(data: bytes, path: str) -> Extracted:
    return pages_of(decode_text(data, path))


def pages_of(text: str) -> Extracted:
    """Text as pages of lines: any line ending, a form feed between pages."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return Extracted("text", [[Line(line.strip(), indent=indent_of(line))
                               for line in page.split("\n")] for page in text.split("\f")])


def indent_of(line: str) -> int:
    """Columns of white space a line starts with: an ideographic space is two,
    a tab four (paragraphs marked only by a first-line indent need it)."""
    if not line[:1].isspace():
        return 0  # most lines
    head = line[:len(line) - len(line.lstrip())]
    return len(head) + head.count("\u3000") + 3 * head.count("\t")
