"""Lines to paragraphs: lines wrapped by a page layout are joined again.

Three kinds of text come in: paragraphs a word processor marks (``whole``
lines, never joined), text where a blank line ends a paragraph (a page break
may leave one in mid-sentence), and text wrapped at a fixed width, as PDF
extraction and PDF-to-text exports give it, where a line that stops short of
the width ends its paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .formats.model import Line

SENTENCE_END_RE = re.compile(r"([。！？!?」』]|[。！？][)）]?\s*[(（]附件[^()（）]*[)）])$")
CLAUSE_PUNCT_RE = re.compile(r"[，、；：,;:]")
MIN_SPLIT_PARAGRAPH = 30
# A line at least this share of the wrap width was wrapped, not ended.
FULL_LINE = 0.8
# Starts of list items and bullets: a new paragraph even without a blank line.
ITEM_START_RE = re.compile(
    r"^(?:[(（]?[0-9０-９一二三四五六七八九十]{1,3}[)）、.．]|[•●◆■□○▪➢✓※]|第\s*\S{1,3}\s*[天日條])")


ANNEX_CITATION_RE = re.compile(r"^[(（]\s*附[件錄][^()（）]*[)）]$")
# Cells of a table row: a tab, an ideographic space or a wide gap between words.
COLUMN_GAP_RE = re.compile(r"\S(?:\t|\u3000|\s{3,})+\S")


def is_row(line: str) -> bool:
    return bool(COLUMN_GAP_RE.search(line))


class _WideChars(dict):
    """A str.translate table that keeps wide characters and drops the others,
    filled as characters are met."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        kept = self[code] = char if unicodedata.east_asian_width(char) in "WF" else None
        return kept


_WIDE_CHARS = _WideChars()


@lru_cache(maxsize=4096)  # a line is measured for the wrap width, then where it ends
def display_width(text: str) -> int:
    """Columns a line takes: two for a wide character, one for any other."""
    return len(text) + len(text.translate(_WIDE_CHARS))


def wrap_width(lines: list[Line]) -> int | None:
    """The width the text was wrapped at, if it was: most long lines end near it."""
    widths = sorted(width for line in lines if line.text and not line.whole
                    and (width := display_width(line.text)) >= 20)
    if len(widths) < 6:
        return None
    top = widths[int(len(widths) * 0.9) - 1]
    near = sum(1 for w in widths if 0.85 * top <= w <= 1.1 * top)
    return top if near >= 0.3 * len(widths) and top <= 160 else None


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one paragraph the way the report spaces its text.

    Chinese runs join with nothing between them; a space goes between an ASCII
    word and what follows it, as in "2017 年 1 月" or "Cloud Data Services".
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    ascii_word = (a.isascii() and (a.isalnum() or a in ",.;:!?)")) or (b.isascii() and b.isalnum())
    return f"{left} {right}" if ascii_word else left + right


def is_complete(paragraph: str) -> bool:
    """Whether a paragraph cut by a blank line can be taken as finished."""
    text = paragraph.rstrip()
    if SENTENCE_END_RE.search(text):
        return True
    return len(text) < MIN_SPLIT_PARAGRAPH and not CLAUSE_PUNCT_RE.search(text)


def assemble_paragraphs(lines: list[Line], wrap: int | None = None) -> list[str]:
    """Paragraphs of a run of lines; `wrap` is the document's wrap width, if any."""
    paragraphs: list[str] = []
    current, last_line, last_row = "", "", False
    after_blank = False

    def ends_here(line: str, row: bool) -> bool:
        if ANNEX_CITATION_RE.match(line):
            return False  # "(附件 17)" alone closes the paragraph before it
        if row or last_row:
            return True
        if wrap is not None:
            short = display_width(last_line) < FULL_LINE * wrap
            return short or bool(ITEM_START_RE.match(line)) or (
                after_blank and bool(SENTENCE_END_RE.search(current)))
        if after_blank:
            return is_complete(current)
        return bool(SENTENCE_END_RE.search(current))

    for line in lines:
        if line.whole:
            if current:
                paragraphs.append(current)
            current, after_blank = "", False
            if line.text:
                paragraphs.append(line.text)
            continue
        if not line.text:
            after_blank = bool(current)
            continue
        row = is_row(line.text)
        if current and ends_here(line.text, row):
            paragraphs.append(current)
            current = ""
        current = join_fragments(current, line.text) if current else line.text
        last_line, last_row, after_blank = line.text, row, False
    if current:
        paragraphs.append(current)
    return paragraphs
