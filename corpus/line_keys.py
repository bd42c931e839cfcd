"""Keys of lines: a line as it repeats from page to page (spaces dropped,
numbers alike), for telling running headers, footers and page numbers."""

from __future__ import annotations

import re
import unicodedata

from .datelines import is_dated

DIGITS_RE = re.compile(r"\d+")


def furniture_key(text: str) -> str:
    """A line as it repeats from page to page: spaces dropped, numbers alike;
    but a day's heading or date line keeps its numbers (a diary's date lines
    and a course's Day N differ from page to page, while a running date line
    repeats word for word)."""
    key = line_key(text)
    return key if is_dated(key) else DIGITS_RE.sub("#", key)


def line_key(text: str) -> str:
    """A line as it repeats word for word: spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", text).split())  # split(): what \s matches


# Without pages, a line with one of these is text, never a running line; NFKC
# keeps each (or makes it one: ，-> ,), so its key would hold it too.
TEXT_MARK_RE = re.compile("[。，；、,;]")
SENTENCE_MARK_RE = re.compile("[。,]")  # in a key: NFKC made ， a comma


def leaves_open(key: str) -> bool:
    """Whether a line leaves a bracket open or closes one it did not open
    (`…貿易便捷化協定（` / `TFA）。…`): a sentence a wrap cut, never a running
    title, which a page prints whole. (In a key: NFKC made （） ASCII.)"""
    depth = 0
    for ch in key:
        depth += ch in "([" and 1 or ch in ")]" and -1 or 0
        if depth < 0:
            return True
    return depth != 0
# Without pages, a field (a short label, Chinese or English, its colon, a
# value) is text however often it repeats: sessions held in one hall write
# `地點：…` or `Venue: …` under each; a running header names the report, never
# a field of it. (In a key: spaces dropped; an address's `http://` no label.)
FIELD_KEY_RE = re.compile(r"^(?:[\u3400-\u9fff]{1,8}|[A-Za-z]{2,16}):(?!//).")


def unpaged_key(text: str) -> str:
    """line_key(), or the line itself when it holds a mark of text: no running
    line (running_lines) holds one, so such a line needs no key of its own,
    and the key it is given cannot be a running line's (normalizing long
    paragraphs was most of the clean-up's time)."""
    return text if TEXT_MARK_RE.search(text) else line_key(text)
