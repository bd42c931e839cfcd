"""A day as Taiwan's officials write it, read from a word and written back in
every form: 8月3日, 八月三日, 8/3, 08/03, 2024/8/3, 2024-08-03, 2024.8.3,
113年8月3日, 民國113年8月3日, 一一三年八月三日, 113.8.3, 113/08/03, in full- or
half-width digits, and spans of days (8月3日至5日, 8/3-8/5, 8月3日～8月5日).

`read_days` reads a word that is a date (or a span) and nothing else;
`spellings` gives what a text may write for a day, so that a search for one
form finds a passage written in another (a search's terms, retrieval.terms);
8/3 in a text is found by a day typed in numbers (8/3, 08/03) only. Numbers
alone without a year are read only with a slash (8/3): 8.3 and 8-3 are a
section's or a figure's numbers. `span_day_names` gives the days a span in
a text holds but does not write whole (the 4th and 5th of 8月3日至5日), which
the index holds beside the passage's words (build.documents) and a search
for a day matches as an alias (retrieval.ranking).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache

from .dates import ROC_OFFSET, normalize

ERA = r"(?:(?:中華)?民國\s*)?"
# One day, the whole word: 113年8月3日, 8月3日, 2024/8/3, 113.08.03, 2024-08-03, 8/3.
DAY = (rf"{ERA}(?:(?P<y>\d{{2,4}})\s*年\s*)?(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日號号]?"
       rf"|{ERA}(?P<ny>\d{{2,4}})\s*(?P<s>[./-])\s*(?P<nm>\d{{1,2}})\s*(?P=s)\s*(?P<nd>\d{{1,2}})"
       r"|(?P<sm>\d{1,2})\s*/\s*(?P<sd>\d{1,2})")
# The second half of a span: a whole day, or a day of the first one's month (5日, 5).
TAIL = r"(?P<d>\d{1,2})\s*[日號号]?"
SPAN_SEPARATORS = "至到~～－—–-"
MAX_SPAN = 31
ZH = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Day:
    """A day; `year` (AD) is None when the text gives none."""

    month: int
    day: int
    year: int | None = None

    def valid(self) -> bool:
        try:
            datetime.date(self.year or 2000, self.month, self.day)  # 2000: 2月29日 is a day
        except ValueError:
            return False
        return self.year is None or 1912 <= self.year <= 2200

    def date(self) -> datetime.date:
        return datetime.date(self.year or 2000, self.month, self.day)


@cache
def _compiled(pattern: str) -> re.Pattern:
    """Compiled on first use: a search whose words are no dates never pays for it."""
    return re.compile(pattern)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + ROC_OFFSET if len(text) <= 3 else year


def read_day(text: str) -> Day | None:
    """The day a word names, when it is a date and nothing else (normalized:
    full-width and Chinese numerals read as digits)."""
    m = _compiled(DAY).fullmatch(text.strip())
    if not m:
        return None
    if m.group("m"):
        day = Day(int(m.group("m")), int(m.group("d")), _year(m.group("y")))
    elif m.group("nm"):
        day = Day(int(m.group("nm")), int(m.group("nd")), _year(m.group("ny")))
    else:
        day = Day(int(m.group("sm")), int(m.group("sd")))
    return day if day.valid() else None


def read_days(text: str) -> list[Day]:
    """The days a word names: one, or each day of a span (8月3日至5日: the 3rd,
    4th and 5th); [] when the word is not a date."""
    word = normalize(text).strip()
    if not word or not word[0].isdecimal() and word[0] not in "中民":
        return []  # most words
    one = read_day(word)
    if one:
        return [one]
    for i, char in enumerate(word):
        if char not in SPAN_SEPARATORS:
            continue
        first = read_day(word[:i])
        last = first and span_end(first, word[i + 1:])
        days = days_between(first, last) if last else []
        if len(days) > 1:
            return days
    return []


def span_end(first: Day, text: str) -> Day | None:
    """The last day of a span that starts on `first`: a whole day (its year the
    first's when it names none), or a day of the first one's month."""
    text = text.strip()
    end = read_day(text)
    if end is None:
        m = _compiled(TAIL).fullmatch(text)
        end = Day(first.month, int(m.group("d")), first.year) if m else None
    elif end.year is None and first.year is not None:
        # The first day's year, or the next one's when the span runs past the
        # new year (89年12月30日至1月2日).
        year = first.year + ((end.month, end.day) < (first.month, first.day))
        end = Day(end.month, end.day, year)
    return end if end and end.valid() else None


def days_between(first: Day, last: Day) -> list[Day]:
    """Every day from `first` to `last` (a span over the new year when the last
    month is before the first, years unnamed); [] past MAX_SPAN days."""
    start = first.date()
    end = last.date()
    if end < start and last.year is None:
        end = end.replace(year=start.year + 1)
    span = (end - start).days
    if not 0 <= span < MAX_SPAN:
        return []
    days = [start + datetime.timedelta(days=n) for n in range(span + 1)]
    year = first.year is not None
    return [Day(d.month, d.day, d.year if year else None) for d in days]


# A span of days in a text, its first day whole (in words, 日 written; in
# numbers, a slash without a year), a weekday beside either day, and its last
# day whole or a day of the first one's month: 8月3日至5日, 8月3日（六）～8月5日（一）,
# 2016年8月3日至8日, 民國105年7月30日至8月2日, 8/3-8/5, 2016/8/3-2016/8/5.
def _span_day(sep: str) -> str:
    """A whole day as a span writes it (its numbers' separator named `sep`)."""
    return (rf"{ERA}(?:\d{{2,4}}\s*年\s*)?\d{{1,2}}\s*月\s*\d{{1,2}}\s*[日號号]"
            rf"|{ERA}\d{{2,4}}\s*(?P<{sep}>[./-])\s*\d{{1,2}}\s*(?P={sep})\s*\d{{1,2}}"
            r"|\d{1,2}\s*/\s*\d{1,2}")


WEEKDAY_NOTE = r"(?:\s*[(（][^()（）\d]{1,4}[)）])?"
SPAN_IN_TEXT = (rf"(?<![\d./-])(?P<first>{_span_day('s1')}){WEEKDAY_NOTE}"
                rf"\s*(?:起至|[{SPAN_SEPARATORS}])\s*"
                rf"(?P<tail>{_span_day('s2')}|\d{{1,2}}\s*[日號号]?){WEEKDAY_NOTE}(?![\d./])")
# English: 3-5 August 2016, 30 July - 2 August, August 3-5, 2016, Aug. 30 to Sept. 2.
EN_MONTHS = ("jan(?:uary)?", "feb(?:ruary)?", "mar(?:ch)?", "apr(?:il)?", "may", "june?",
             "july?", "aug(?:ust)?", "sept?(?:ember)?", "oct(?:ober)?", "nov(?:ember)?",
             "dec(?:ember)?")
EN_MONTH = "(?:" + "|".join(EN_MONTHS) + r")\b\.?"
EN_SEP = r"\s*(?:[~～－—–-]|to|through|until)\s*"
EN_DAY = r"(?:st|nd|rd|th)?"
EN_SPAN = (rf"(?i:(?<![-A-Za-z0-9/.])(?P<d1>\d{{1,2}}){EN_DAY}"
           rf"(?:\s+(?P<m1>{EN_MONTH})(?:,?\s*(?P<y1>\d{{4}}))?)?"
           rf"{EN_SEP}(?P<d2>\d{{1,2}}){EN_DAY}\s+(?P<m2>{EN_MONTH})(?:,?\s*(?P<y>\d{{4}}))?(?!\d)"
           rf"|(?<![A-Za-z])(?P<m3>{EN_MONTH})\s*(?P<d3>\d{{1,2}}){EN_DAY}{EN_SEP}"
           rf"(?:(?P<m4>{EN_MONTH})\s*)?(?P<d4>\d{{1,2}}){EN_DAY}(?:,?\s*(?P<y2>\d{{4}}))?(?!\d))")
# What a text holds before it is looked at for spans: a separator after a
# digit, a day, a weekday or a month's name (most passages have none).
SPAN_HINT = (r"[\d日號号)）]\s*(?:起至|[至到~～－—–-]|to\b|through\b|until\b)"
             r"|[a-zA-Z.]\s*(?:[~～－—–-]|to|through|until)\s*\d")
# The names of a span's days are written apart by a word no date holds, so
# that no day's spelling runs across two of them (8/4 及 8/5 holds no 4/8).
NAMES_APART = " 及 "


def span_day_names(text: str) -> list[str]:
    """The days of each span a text writes (at most MAX_SPAN days: a course
    of a month, not a year's period) that the text does not write whole, each
    in the span's own kind: in words (8月3日至5日: 8月4日, 8月5日; with the
    year, 2016年8月4日), in numbers (8/3-8/5: 8/4; 2016/8/3-8/5: 2016/8/4,
    found as numbers in the text are, by the numbers or with the year) or in
    English (3-5 August 2016: every day, 2016年8月3日 to 2016年8月5日)."""
    names = weekday_day_names(text)
    if not _compiled(SPAN_HINT).search(text):
        return names
    text = normalize(text)
    for m in _compiled(SPAN_IN_TEXT).finditer(text):
        names.extend(_span_names(m.group("first"), m.group("tail")))
    for m in _compiled(EN_SPAN).finditer(text):
        names.extend(_english_span_names(m))
    return names


# A day in numbers with its weekday after it (10/3（五）, 10/3 (星期五)): the
# weekday says it is a day, not a ratio or a section's number.
WEEKDAY_DAY = (r"(?<![\d./])(?P<m>\d{1,2})\s*/\s*(?P<d>\d{1,2})(?![\d/])"
               r"\s*[(（](?:星期|週|周|礼拜|禮拜)?[一二三四五六日天][)）]")


def weekday_day_names(text: str) -> list[str]:
    """Each day written in numbers with its weekday (10/3（五）), in words
    (10月3日): a search for the day in words finds it as it finds a span's days."""
    if "/" not in text:
        return []
    names = []
    for m in _compiled(WEEKDAY_DAY).finditer(normalize(text)):
        day = Day(int(m.group("m")), int(m.group("d")))
        if day.valid():
            names.append(day_name(day, True))
    return names


def _span_names(first_text: str, tail: str) -> list[str]:
    first = read_day(first_text)
    words = "月" in first_text
    if first is None or words and not re.search("[日號号]$", tail.strip()):
        return []  # 8月3日-5 is no span: 5 of what
    last = span_end(first, tail)
    days = days_between(first, last) if last else []
    if len(days) < 2:
        return []
    whole = read_day(tail)
    if whole is not None and whole.year == last.year:
        days = days[:-1]  # written whole, as the first day is
    return [day_name(day, words) for day in days[1:]]


def _english_span_names(m: re.Match) -> list[str]:
    g = m.groupdict()
    first_year = None
    if g["d1"]:
        d1, d2, m2, year, first_year = g["d1"], g["d2"], g["m2"], g["y"], g["y1"]
        m1 = g["m1"] or m2
    else:
        d1, d2, m1, year = g["d3"], g["d4"], g["m3"], g["y2"]
        m2 = g["m4"] or m1
    months = [_en_month(m1), _en_month(m2)]
    # The year written after the span is its last day's (30 December - 2
    # January 2017 starts in 2016), unless the first day writes its own.
    last = Day(months[1], int(d2), int(year) if year else None)
    back = year and (months[1], int(d2)) < (months[0], int(d1))
    first = Day(months[0], int(d1), int(first_year) if first_year and year
                else last.year - 1 if back else last.year)
    if not (first.valid() and last.valid()):
        return []
    days = days_between(first, last)
    return [day_name(day, True) for day in days] if len(days) > 1 else []


def _en_month(name: str) -> int:
    key = name.lower()
    return next(i for i, p in enumerate(EN_MONTHS, 1) if re.match(p, key))


def day_name(day: Day, words: bool) -> str:
    """A day as a span's names write it: 2016年8月4日 or 8月4日 in words,
    2016/8/4 or 8/4 in numbers."""
    if words:
        return f"{day.year}年{day.month}月{day.day}日" if day.year else f"{day.month}月{day.day}日"
    return f"{day.year}/{day.month}/{day.day}" if day.year else f"{day.month}/{day.day}"


def zh_numeral(n: int) -> str:
    """3 -> 三, 10 -> 十, 12 -> 十二, 31 -> 三十一, 113 -> 一百一十三, 105 -> 一百零五."""
    hundreds, n = divmod(n, 100)
    tens, units = divmod(n, 10)
    if hundreds:
        rest = ZH[tens] + "十" if tens else "零" if units else ""
        return ZH[hundreds] + "百" + rest + (ZH[units] if units else "")
    return (ZH[tens] if tens > 1 else "") + ("十" if tens else "") + (ZH[units] if units else "")


def zh_digits(n: int) -> list[str]:
    """A year digit by digit: 113 -> 一一三, 2024 -> 二〇二四 and 二○二四 (the circle
    officials type for zero)."""
    return list(dict.fromkeys("".join(ZH[int(c)] for c in str(n)).replace("〇", zero)
                              for zero in "〇○"))


def spellings(day: Day, numbers: bool = False) -> list[str]:
    """What a text may write for the day, one spelling per sequence of the
    search's match tokens (punctuation is not one: 2024/8/3 stands for
    2024.8.3 and 2024-8-3 too; 8月3日 is found inside 8月3日（六）). A day
    without a year is found however a text writes it, with or without a year;
    a day with its year only where the text names that year (民國 or AD, in
    digits or numerals), never in a date without a year, which may be another
    year's. A span that holds the day (8月3日至5日 for the 4th or 5th) is not
    a spelling: the index holds the days of the spans a text writes
    (span_day_names), which a search for any spelling finds, at no cost per
    span. Numbers alone without a year (8/3, 08/03) only for a day typed so
    (`numbers`): the search cannot tell them from 8.3 or Day 8 (3/9), which
    8月3日 never meant."""
    m, d = day.month, day.day
    zh_day = f"{zh_numeral(m)}月{zh_numeral(d)}日"
    if day.year is None:
        forms = [f"{m}月{d}日", f"{m:02d}月{d:02d}日", zh_day]
        forms += [f"{m}/{d}", f"{m:02d}/{d:02d}"] if numbers else []
    else:
        years = (day.year, day.year - ROC_OFFSET)
        forms = [f for y in years for f in (f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日",
                                            f"{y}/{m}/{d}", f"{y}/{m:02d}/{d:02d}")]
        forms += [f"{y}年{zh_day}" for n in years for y in zh_digits(n)]
        forms.append(f"{zh_numeral(years[1])}年{zh_day}")
    return list(dict.fromkeys(forms))


def day_spellings(text: str) -> list[str]:
    """Every spelling of every day a word names ([] when it is no date); the
    days of a span typed in the query by their own forms only."""
    days = read_days(text)
    numbers = not re.search("[年月]", normalize(text))
    return list(dict.fromkeys(s for day in days for s in spellings(day, numbers)))
