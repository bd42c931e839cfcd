"""How wide a line is, and how two pieces of one paragraph join."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


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


# Brackets that open (no space after them) and what closes (none before it).
OPENING = "([{（［｛「『〔【《〈"
CLOSING = ")]}）］｝」』〕】》〉,.;:!?%，。、；：！？"


class Wrap(int):
    """A wrap width in columns, with the columns a half-width character took
    as the wrapping measured it: 1 in a text editor, less in a PDF's
    proportional font, where a line holding Latin words fits more of them
    than display columns count."""

    narrow: float = 1.0

    def __new__(cls, width: int, narrow: float = 1.0) -> Wrap:
        wrap = super().__new__(cls, width)
        wrap.narrow = narrow
        return wrap


def line_width(text: str, wrap: int | None) -> float:
    """Columns a line takes as its wrap measured it: two for a wide
    character, the wrap's `narrow` (1 unless a Wrap says less) for any other."""
    width = display_width(text)
    narrow = getattr(wrap, "narrow", 1.0)
    if narrow == 1.0:
        return width
    wide = width - len(text)
    return 2 * wide + narrow * (len(text) - wide)


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one paragraph the way the report spaces its text.

    Chinese runs join with nothing between them; a space goes between an ASCII
    word and what follows it, as in "2017 年 1 月" or "Cloud Data Services".
    None goes inside brackets ("(" + "TFA)", "（" + "AEO）"), before
    punctuation that closes ("AEO" + ", MRA", "73.5" + "%"), after a slash
    (a path or URL broken at it) or inside a word broken at its hyphen
    ("e-" + "Commerce").
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if a in OPENING or b in CLOSING or a == "/" or (
            a == "-" and left[-2:-1].isalpha() and b.isalpha()):
        return left + right
    ascii_word = (a.isascii() and (a.isalnum() or a in ",.;:!?)")) or (b.isascii() and b.isalnum())
    return f"{left} {right}" if ascii_word else left + right
