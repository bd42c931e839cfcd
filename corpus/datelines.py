"""A date on a line of its own: the date line of a diary, a training log or a
study tour (`2023年8月7日（星期一）`, `8月7日(一)`, `8/7（一）`, `112年8月7日`,
`2023/08/07 週一`), perhaps with a short title after it.

Such a line is text, never a page number or a running line (each page's date
differs), and when it stands apart from other date lines with the day's
paragraphs under it, it is a heading: a day of the trip (corpus.structure,
corpus.units). A date inside a sentence, or a list of dated lines (an
itinerary, a schedule table), is neither.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from .dates import ZH_NUMERALS, normalize, parse_date
from .memo import per_report

WEEKDAY = (r"(?:[(（]\s*(?:星期|週|周|禮拜)?\s*[一二三四五六日天]\s*[)）]"
           r"|(?:星期|週|周|禮拜)\s*[一二三四五六日天]"
           r"|[(（]?\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?\s*[)）]?)")
YEAR = r"(?:(?:中華)?民國\s*)?\d{2,4}\s*年\s*"
# A day: 2023年8月7日, 8月7日, 2023/8/7, 112.8.7; a span of days may follow
# (8月7日至9日, 8/7-8/9).
ZH_DAY = rf"(?:{YEAR})?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日"
NUM_DAY = r"(?:\d{2,4}\s*[./-]\s*)?\d{1,2}\s*[./-]\s*\d{1,2}"
SPAN = r"(?:\s*[-–—~～至到]\s*(?:\d{1,2}\s*[月/.]\s*)?\d{1,2}\s*日?)?"
# A weekday before the date: Tuesday 3/8, Tue. 8 Mar, 星期二 8月3日, 週二 3/8.
LEAD_WEEKDAY = (r"(?:(?:星期|週|周|禮拜)\s*[一二三四五六日天]"
                r"|(?i:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?"
                r"\b\.?))\s*[,，、]?\s*")
DAY_LINE_RE = re.compile(
    rf"^(?P<lead>{LEAD_WEEKDAY})?"
    rf"(?P<date>(?:(?P<zh>{ZH_DAY})|(?P<num>{NUM_DAY})){SPAN}\s*(?P<weekday>{WEEKDAY})?)"
    r"(?:\s*[：:、\-–]?\s*(?P<title>\S.*))?$")
# A month alone: 2023年8月, 民國112年8月, 2023/08, 2023.8.
MONTH_LINE_RE = re.compile(rf"^(?:{YEAR}\d{{1,2}}\s*月|\d{{4}}\s*[./-]\s*\d{{1,2}})$")
YEARED_RE = re.compile(r"\d{2,4}\s*[./-]\s*\d{1,2}\s*[./-]")  # 2023/8/7, 112.8.7
# What a day's line can start with once normalized, beside a digit (a
# weekday's first character included: Tuesday 3/8, 星期二 8月3日), and before.
LINE_STARTS = "中民星週周禮MTWFSmtwfs"
DATE_STARTS = LINE_STARTS + ZH_NUMERALS
CELL_GAP_RE = re.compile(r"\t| {2,}|\u3000{2,}")
# The bars a drawn table's row is divided by (2025年10月21日(二)│上午│拜會…).
CELL_BAR_RE = re.compile(r"[|｜│┃]")
TITLE_END_RE = re.compile(r"[。！？!?；;，,]")
MAX_TITLE = 30


@per_report
def day_line(text: str) -> tuple[str, str] | None:
    """(date, title) when a line is a day's date, alone or with a short title.

    A date of numbers only (8/7, 2023.8.7) needs a year or a weekday: 8/7
    alone may be a page of seven, 1.2 a section. The title is "" when the
    line is only the date."""
    # Most lines cannot start with a digit once normalized: told by their first
    # character (its half-width form, or a Chinese numeral the date's digits
    # may be written in), before the whole line is normalized.
    if not may_start_a_date(text):
        return None
    return read_day_line(text)


def may_start_a_date(text: str) -> bool:
    """False for a line whose normalized form cannot start with a digit, 中 or 民
    (read_day_line finds no date in it)."""
    first = unicodedata.normalize("NFKC", text.lstrip()[:1])[:1]
    return not first or first.isdecimal() or first in DATE_STARTS


def read_day_line(text: str) -> tuple[str, str] | None:
    """day_line, every line normalized."""
    line = normalize(text.strip())
    if not line or not (line[0].isdecimal() or line[0] in LINE_STARTS):
        return None  # most lines
    m = DAY_LINE_RE.match(line)
    if not m or not parse_day(m):
        return None
    if m.group("num") and not (m.group("weekday") or m.group("lead")) \
            and not YEARED_RE.match(m.group("num")):
        return None
    title = (m.group("title") or "").strip()
    date_end = m.start("date") + len(m.group("date").rstrip())
    if title and (CELL_GAP_RE.search(line[date_end:m.start("title")]) or CELL_BAR_RE.search(title)):
        return None  # a table's row: its first cell a date, its cells apart by gaps or bars
    if title and (len(title) > MAX_TITLE or TITLE_END_RE.search(title)
                  or not re.search(r"[^\W\d_]", title) or re.search(r"\t| {2,}|\u3000", title)):
        return None  # a dated sentence or a table's row, not a day's heading
    if len(line) == len(text.strip()):  # the report's own characters (（一）, not (一))
        original = text.strip()
        return original[:m.end("date")].strip(), \
            original[m.start("title"):].strip() if title else ""
    return m.group("date").strip(), title


def bare_date(date: str) -> str:
    """A day's date without its weekday, in the report's characters when it can."""
    text = date.strip()
    m = DAY_LINE_RE.match(normalize(text))
    if not m:
        return text
    end = m.start("weekday") if m.group("weekday") else m.end("date")
    return (text if len(normalize(text)) == len(text) else m.group(0))[m.start("date"):end].strip()


def parse_day(m: re.Match) -> bool:
    """Whether the date's month and day are a calendar's (13/45 is not; 13/1,
    numbers alone, is the 13th of January written day first)."""
    nums = [int(n) for n in re.findall(r"\d+", m.group("zh") or m.group("num"))]
    month, day = nums[-2], nums[-1]
    if m.group("num") and month > 12:
        month, day = day, month
    return 1 <= month <= 12 and 1 <= day <= 31


def is_date_alone(text: str) -> bool:
    """A date and nothing else on the line: a day (with its weekday) or a month."""
    found = day_line(text)
    if found is not None:
        return not found[1]
    return bool(MONTH_LINE_RE.match(normalize(text.strip())))


DAY_LABEL_RE = re.compile(r"^(?:day\s*\d|第\s*[一二三四五六七八九十\d]+\s*[天日](?!\d))", re.I)


def is_dated(text: str) -> bool:
    """A day's heading (Day 3, 第三天, a date line) or a month alone: a line
    whose numbers tell it from the same line on another page."""
    first = text.lstrip()[:1]
    if not (first.isdecimal() or first in "中民第Dd八九十一二三四五六七" or first in DATE_STARTS):
        return False  # most lines
    return bool(DAY_LABEL_RE.match(text.lstrip())) or day_line(text) is not None \
        or is_date_alone(text)


def day_names(date: str) -> list[str]:
    """Other names of a day's date: ISO (when it has a year) and 8月7日."""
    m = DAY_LINE_RE.match(normalize(date))
    if not m:
        return []
    names = []
    iso = parse_date(m.group("zh") or m.group("num"))
    if len(iso) == 10 and (m.group("zh") and "年" in m.group("zh")
                           or YEARED_RE.match(m.group("num") or "")):
        names.append(iso)
    nums = [int(n) for n in re.findall(r"\d+", m.group("zh") or m.group("num"))]
    month, day = (nums[-1], nums[-2]) if nums[-2] > 12 else (nums[-2], nums[-1])  # 13/1
    names.append(f"{month}月{day}日")
    return names


# A date inside a day's title: Day 1（8/7）, 第一天 8月7日, Day 2 - 2023年8月8日,
# 112年8月7日, 2023/8/7, Day 1 (7 Aug), Aug 7, 2023, Day 2 (Tuesday, 15 March
# 2016), 15 Mar. 2016, Wednesday 16/3, 16/3/2016, 15.3.2016. A number right
# after Day or Week is the label's, not a day of the month (Day 3 March 15).
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTH_NAME = r"(?P<mname>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?)"
NOT_LABEL = r"(?<!\bday)(?<!\bday )(?<!\bweek)(?<!\bweek )"
DATE_IN_RE = re.compile(
    r"(?:(?:中華)?民國\s*)?(?:(?P<year>\d{2,4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*"
    r"(?P<day>\d{1,2})\s*日"
    # a year of three or four digits, then month and day, dotted: 114.9.18, 2025.9.18
    r"|(?<![\d/.])(?P<dyear>\d{3,4})\.(?P<dmonth>\d{1,2})\.(?P<dday>\d{1,2})(?![\d.])"
    # day, month and a four-digit year: 16/3/2016, 15.3.2016 (3/15/2016 read so too)
    r"|(?<![\d/.])(?P<ta>\d{1,2})\s*(?P<sep>[/.])\s*(?P<tb>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<ty>\d{4})(?![\d/.])"
    rf"|{NOT_LABEL}(?<![\d/.])(?:(?P<nyear>\d{{2,4}})\s*[/.-]\s*)?(?P<nmonth>\d{{1,2}})\s*/\s*"
    r"(?P<nday>\d{1,2})(?![\d/])"
    rf"|{NOT_LABEL}\b(?P<eday>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH_NAME}"
    r"(?:,?\s*(?P<eyear>\d{4}))?\b"
    rf"|\b{MONTH_NAME.replace('mname', 'mname2')}\s+(?P<eday2>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"(?:,?\s*(?P<eyear2>\d{4}))?", re.I)


# A weekday's name beside a date: Tuesday, Tue., 星期二, 週二, 周二, （二）.
EN_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAY_IN_RE = re.compile(
    r"\b(?P<en>mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\b\.?"
    r"|(?:星期|週|周|禮拜)\s*(?P<zh>[一二三四五六日天])"
    r"|[(（]\s*(?P<zhp>[一二三四五六日天])\s*[)）]", re.I)
# A heading's label (（一）) at the start is no weekday.
LEADING_LABEL_RE = re.compile(r"^\s*[(（]\s*[一二三四五六七八九十]+\s*[)）]")


@dataclass(frozen=True)
class Trip:
    """The trip's first and last days (the cover's 出國期間): a date written
    without its year, numbers only, is read as the day that falls inside it."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def of(cls, start: str, end: str) -> Trip | None:
        """From ISO dates (corpus.dates.parse_period); None without a day to start."""
        try:
            first = datetime.date.fromisoformat(start)
        except ValueError:
            return None
        try:
            last = datetime.date.fromisoformat(end)
        except ValueError:
            last = first
        return cls(first, max(first, last))

    def years(self) -> list[int]:
        return sorted({self.start.year, self.end.year})

    def holds(self, day: datetime.date) -> bool:
        # A day either side: the flight out or back may be headed as a day.
        return self.start - datetime.timedelta(days=1) <= day \
            <= self.end + datetime.timedelta(days=1)


def weekday_of(text: str) -> int | None:
    """The weekday (Monday 0) a text names, if any."""
    m = WEEKDAY_IN_RE.search(LEADING_LABEL_RE.sub("", text))
    if m is None:
        return None
    if m.group("en"):
        return EN_WEEKDAYS.index(m.group("en")[:3].lower())
    return "一二三四五六日天".index(m.group("zh") or m.group("zhp")) % 7


def calendar_day(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def numbers_read(a: int, b: int, years: list[int], weekday: int | None,
                 trip: Trip | None) -> tuple[int, int] | None:
    """(month, day) of two numbers that could be read either way (3/8: 3
    March or 8 March), when the context settles it: the one reading that is
    a calendar's day, else the one inside the trip, else the one on the
    weekday named (in a year the text or the trip gives); None when nothing
    settles it."""
    readings = [(a, b), (b, a)] if a != b else [(a, b)]
    known = years or (trip.years() if trip else [])
    valid = [r for r in readings if 1 <= r[0] <= 12
             and any(calendar_day(y, *r) for y in known or [2000])]
    if len(valid) <= 1:
        return valid[0] if valid else None
    if trip is not None:
        inside = [r for r in valid if any((d := calendar_day(y, *r)) and trip.holds(d)
                                          for y in trip.years())]
        if len(inside) == 1:
            return inside[0]
    if weekday is not None and known:
        named = [r for r in valid if any((d := calendar_day(y, *r)) and d.weekday() == weekday
                                         for y in known)]
        if len(named) == 1:
            return named[0]
    return None


def month_and_day(g: dict, weekday: int | None = None,
                  trip: Trip | None = None) -> tuple[int, int]:
    """A date's month and day from DATE_IN_RE's groups. Numbers alone are
    read as the context settles them (numbers_read: the trip's dates, the
    weekday named), else month first (8/7, as Taiwan and the US write them)
    unless the first cannot be a month (16/3) or they are dotted with a year
    (15.3.2016)."""
    name = g["mname"] or g["mname2"]
    if name:
        return MONTHS.index(name[:3].lower()) + 1, int(g["eday"] or g["eday2"])
    if g["month"]:
        return int(g["month"]), int(g["day"])
    if g["dmonth"]:
        return int(g["dmonth"]), int(g["dday"])
    a, b = (int(g["ta"]), int(g["tb"])) if g["ta"] else (int(g["nmonth"]), int(g["nday"]))
    year = g["ty"] or g["nyear"]
    settled = numbers_read(a, b, [int(parse_date(f"{year}年1月1日")[:4])] if year else [],
                           weekday, trip)
    if settled is not None:
        return settled
    if a > 12 or g["sep"] == ".":
        a, b = b, a
    return a, b


def title_day_names(title: str, trip: Trip | None = None) -> list[str]:
    """The first date a day's title holds, by every name it answers to: 8月7日,
    and with a year ISO (2023-08-07), 2023年8月7日 and 民國 112年8月7日 (a
    title may write any of them: spaced, full-width, 民國 or AD, Day 1 (7 Aug),
    Day 2 (Tuesday, 15 March 2016), Wednesday 16/3). Given the `trip`, a date
    of numbers alone is read as the day inside it (Tuesday 3/8 on a trip in
    August is 3 August), and a date without its year takes the trip's year
    when it falls inside the trip."""
    text = normalize(title)
    m = DATE_IN_RE.search(text)
    if not m:
        return []
    g = m.groupdict()
    month, day = month_and_day(g, weekday_of(text), trip)
    year = g["year"] or g["dyear"] or g["nyear"] or g["ty"] or g["eyear"] or g["eyear2"]
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return []
    if not year and trip is not None:
        inside = [y for y in trip.years()
                  if (d := calendar_day(y, month, day)) and trip.holds(d)]
        year = str(inside[0]) if len(inside) == 1 else None
    names = [f"{month}月{day}日"]
    iso = parse_date(f"{year}年{month}月{day}日") if year else ""
    if iso:
        ad = int(iso[:4])
        names = [iso, *names, f"{ad}年{month}月{day}日", f"{ad - 1911}年{month}月{day}日"]
    return names


def heading_dates(label: str, title: str, trip: Trip | None = None) -> list[str]:
    """The names of the day a day's heading holds (Day 2 (15 March 2016),
    第一天（11月6日）, 2023年8月7日（星期一）, 一、112年11月6日), for a search
    by any of them to reach it as its Chinese forms do; [] for other headings.
    Given the report's `trip`, a date of numbers alone is read as its units
    are (title_day_names): 3/8（三） on a trip in August is 2016-08-03."""
    if not (is_dated(label) or is_dated(title)):
        return []
    names = title_day_names(f"{label} {title}", trip)
    for part in (label, title):
        if not names and day_line(part):  # a date line: 112.8.7, 2023/08/07 週一
            names = (title_day_names(part, trip) if trip else []) or day_names(part)
    if names and re.match(r"\d{4}-\d\d-\d\d$", names[0]):  # every year form, as above
        y, m, d = (int(n) for n in names[0].split("-"))
        names = title_day_names(f"{y}年{m}月{d}日")
    return names
