"""Dates as the reports write them (民國 or AD, full- or half-width) to ISO 8601."""

from __future__ import annotations

import re
import unicodedata

DATE_RE = re.compile(
    r"(?:中華)?(?:民國)?\s*(\d{2,4})\s*(?:年|[./-])\s*(\d{1,2})\s*(?:月|[./-])?"
    r"(?:\s*(\d{1,2})\s*日?)?")
ROC_OFFSET = 1911
ZH_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
# The characters of a Chinese number in a date (normalize makes them digits).
ZH_NUMERALS = "〇○零一二三四五六七八九十百"
ZH_NUMBER_RE = re.compile(rf"[{ZH_NUMERALS}]+(?=\s*[年月日])")


def zh_number(text: str) -> str:
    """一一二 -> 112, 一百一十二 -> 112, 三十 -> 30, 二十一 -> 21, 十二 -> 12."""
    if "十" not in text and "百" not in text:
        return "".join(str(ZH_DIGITS[c]) for c in text)
    value = 0
    if "百" in text:
        hundreds, _, text = text.partition("百")
        value += ZH_DIGITS.get(hundreds[-1:], 1) * 100
    if "十" in text:
        tens, _, text = text.partition("十")
        value += ZH_DIGITS.get(tens[-1:], 1) * 10
    return str(value + (ZH_DIGITS.get(text[-1:], 0) if text else 0))


def normalize(text: str) -> str:
    """Half-width digits, and Arabic ones for the Chinese numerals of a date."""
    text = unicodedata.normalize("NFKC", text or "")
    if "年" in text or "月" in text:
        text = ZH_NUMBER_RE.sub(lambda m: zh_number(m.group(0)), text)
    return text


def _year(value: str) -> int:
    year = int(value)
    return year + ROC_OFFSET if year < 1911 else year


# A date in English, month first or day first: Jan. 9, 2026, January 9 2026,
# 9 January 2026, 9 Jan. 2026.
EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
EN_MONTH = r"(?P<{}>(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*)\.?"
EN_DATE_RE = re.compile(
    rf"\b(?:{EN_MONTH.format('m1')}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{EN_MONTH.format('m2')},?\s+(?P<y2>\d{{4}}))\b", re.I)


def parse_date(text: str) -> str:
    """The first date in a text as YYYY-MM-DD (or YYYY-MM when the day is missing);
    民國 105 年 10 月 20 日 is 2016-10-20, Jan. 9, 2026 is 2026-01-09. Empty
    when there is none."""
    text = normalize(text)
    found = []
    for m in DATE_RE.finditer(text):
        year, month, day = _year(m.group(1)), int(m.group(2)), m.group(3)
        if not 1 <= month <= 12 or not 1912 <= year <= 2200:
            continue
        found.append((m.start(), f"{year:04d}-{month:02d}-{int(day):02d}"
                      if day and 1 <= int(day) <= 31 else f"{year:04d}-{month:02d}"))
        break
    english = EN_DATE_RE.search(text) if re.search(r"[A-Za-z]", text) else None
    if english:
        name = (english.group("m1") or english.group("m2"))[:3].lower()
        day = int(english.group("d1") or english.group("d2"))
        year = int(english.group("y1") or english.group("y2"))
        if name in EN_MONTHS and 1 <= day <= 31 and 1912 <= year <= 2200:
            found.append((english.start(), f"{year:04d}-{EN_MONTHS.index(name) + 1:02d}-{day:02d}"))
    return min(found)[1] if found else ""


def parse_period(text: str) -> tuple[str, str]:
    """A travel period "112 年 6 月 19 日至 6 月 25 日" as ISO start and end dates."""
    text = normalize(text)
    start = parse_date(text)
    if not start:
        return "", ""
    dates = [m for m in DATE_RE.finditer(text) if m.group(3)]
    if len(dates) >= 2 and len(dates[1].group(1)) >= 3:  # 2023/6/19-2023/6/25
        end = parse_date(dates[1].group(0))
        if end:
            return start, end
    parts = re.split(r"至|到|~|～|－|—|–|(?<=日)\s*-\s*", text, maxsplit=1)
    if len(parts) < 2:
        return start, ""
    tail = parts[1]
    end = parse_date(tail)
    if not end:
        m = re.search(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日?", tail) or re.search(
            r"^\s*(\d{1,2})\s*日", tail)
        if m and m.lastindex == 2:
            end = f"{start[:4]}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
        elif m:
            end = f"{start[:7]}-{int(m.group(1)):02d}"
    return start, end
