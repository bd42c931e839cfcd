"""A line of an agenda written as text: a time of day or a span of times and
what was on then, in every way a programme writes its times: `09:00-10:30
開幕式`, `09：00～10：30　開幕` (full width), `0900-1030 開幕式` (a span of
four-digit clock times), `9.00-10.30 Opening`, `09h00 Opening`, `上午 9 時
開幕式`, `上午9時至10時30分 開幕式`, `下午2時半 分組討論`, `9:00 a.m. Opening`,
`9 a.m. Opening`, `14:00 to 15:30 分組討論`; the time may sit in a table's
first cell (`09:00-10:30 | 開幕式`: the row, told by its first cell).

Such a line names an item of the programme, as a row of an agenda table does;
the sentence of a diary that starts with a time (`09:00 抵達機場，隨即前往…`)
does not: the title after the time holds no sentence or clause punctuation.
"""

from __future__ import annotations

import re
import unicodedata

from .memo import per_report

PERIOD = r"(?:(?:上午|下午|中午|晚上|早上|晚間|傍晚)\s*)?"
AMPM = r"(?:\s*[AaPp]\.?\s*[Mm]\.?(?![A-Za-z]))"
# 09:00 and 09h00 stand alone; 9.00 (a section's number too: 2.10) only in a span.
COLON = rf"\d{{1,2}}\s*(?::|h(?=\d))\s*\d{{2}}{AMPM}?"
DOTTED = rf"\d{{1,2}}\.\d{{2}}{AMPM}?"
ZH_TIME = r"\d{1,2}\s*[時点點](?:\s*(?:\d{1,2}\s*分|半))?"
HOUR = rf"\d{{1,2}}{AMPM}"
CLOCK = rf"{PERIOD}(?:{COLON}|{ZH_TIME}|{HOUR})"
SPAN_CLOCK = rf"{PERIOD}(?:{COLON}|{DOTTED}|{ZH_TIME}|{HOUR})"
TO = r"\s*(?:[-–—~〜至到]|to\b)\s*"
# A span of four-digit clock times (0900-1030): never a year's span (2016-2020,
# 1930-1945), so neither time starts in 19 or 20.
COMPACT = r"(?:[01][0-8]|2[1-3]|09)[0-5]\d"
TIMES = rf"(?:{COMPACT}{TO}{COMPACT}(?![\d年])|{SPAN_CLOCK}{TO}{SPAN_CLOCK}|{CLOCK})"
AGENDA_LINE_RE = re.compile(
    rf"^\s*{TIMES}(?:\s*[|｜│\t]\s*|\s+|\s*[：:]\s*)(?P<title>(?![年月日]|\d)\S.*)$")
TIME_CELL_RE = re.compile(rf"^\s*{TIMES}\s*$")
SENTENCE_RE = re.compile(r"[，。！？；;]|[.!?]$")
MAX_TITLE = 60


@per_report
def is_agenda_line(text: str) -> bool:
    """Whether a line is a time (or span of times) and a programme item's title."""
    first = text.lstrip()[:1]
    if not (first.isdecimal() or first in "上下中晚早傍"):
        return False  # most lines
    m = AGENDA_LINE_RE.match(unicodedata.normalize("NFKC", text))
    if m is None:
        return False
    # Its punctuation as written (NFKC makes a full-width comma a Latin one);
    # the times hold none of it.
    return len(m.group("title").strip()) <= MAX_TITLE and not SENTENCE_RE.search(text.strip())


def is_time(text: str) -> bool:
    """Whether a table's cell is a time of day or a span of times alone (the
    first cell of an agenda's row)."""
    first = text.lstrip()[:1]
    if not (first.isdecimal() or first in "上下中晚早傍"):
        return False
    return TIME_CELL_RE.match(unicodedata.normalize("NFKC", text)) is not None
