"""A line of an agenda written as text: a time of day or a span of times and
what was on then (`09:00-10:30 開幕式`, `上午 9:30～10:00 Session 1: Opening`,
`14:00 to 15:30 分組討論`).

Such a line names an item of the programme, as a row of an agenda table does;
the sentence of a diary that starts with a time (`09:00 抵達機場，隨即前往…`)
does not: the title after the time holds no sentence or clause punctuation.
"""

from __future__ import annotations

import re

CLOCK = (r"(?:(?:上午|下午|中午|晚上|早上)\s*)?[0-9０-９]{1,2}\s*[:：][0-9０-９]{2}"
         r"(?:\s*(?:[AaPp]\.?\s*[Mm]\.?)(?![A-Za-z]))?")
AGENDA_LINE_RE = re.compile(
    rf"^\s*{CLOCK}(?:\s*(?:[-–—~～〜至到]|to\b)\s*{CLOCK})?"
    r"(?:\s*[|｜│\t　]\s*|\s+|\s*[：:]\s*)(?P<title>\S.*)$")
SENTENCE_RE = re.compile(r"[，。！？；;]|[.!?]$")
MAX_TITLE = 60


def is_agenda_line(text: str) -> bool:
    """Whether a line is a time (or span of times) and a programme item's title."""
    first = text.lstrip()[:1]
    if not (first.isdecimal() or first in "上下中晚早"):
        return False  # most lines
    m = AGENDA_LINE_RE.match(text)
    if m is None:
        return False
    title = m.group("title").strip()
    return len(title) <= MAX_TITLE and not SENTENCE_RE.search(title)
