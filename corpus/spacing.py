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
