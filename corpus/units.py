"""What a report is about: the meetings, sessions, visited sites and days of the trip.

A heading is a unit when it names one: a meeting (會議, 例會, 研討會, Forum…),
a session of an agenda or a workshop (場次, 議程, Session…), a day of the
trip (第一天, Day 2, 11 月 6 日), or a site when it sits under a part about
visits (考察, 參訪, 拜會…). Headings that name only a part of any report
(會議過程, 會議紀要, 考察內容) are not units. A passage belongs to every unit
on its heading path; its `meeting` is the outermost.
"""

from __future__ import annotations

import re

from .glossary import name_key
from .model import Heading, Meeting, Report

MEETING_RE = re.compile(
    r"會議|例會|年會|大會|研討會|論壇|對話|峰會|委員會|工作小組|工作坊|座談會?|研習會|"
    r"meeting|conference|dialogue|forum|workshop|summit|committee|symposium", re.I)
SESSION_RE = re.compile(r"場次|議程\s*[一二三四五六七八九十\d]|專題|分組|session|panel", re.I)
DAY_RE = re.compile(
    r"第\s*[一二三四五六七八九十\d]+\s*[天日]|day\s*\d+|^\d{1,2}\s*月\s*\d{1,2}\s*日", re.I)
VISIT_PART_RE = re.compile(r"考察|參訪|拜會|拜訪|訪問|參觀|實地")
VISIT_RE = re.compile(r"^(參訪|拜會|拜訪|訪問|參觀)")
# Words that name a part of any report, not a particular meeting or place.
GENERIC_WORDS = re.compile(
    r"會議|研討會|研習會?|考察|參訪|訪問|拜會|參觀|實地|行程|過程|經過|紀要|紀錄|記錄|概述|概況|概要|"
    r"內容|時間|地點|議程|主席|目的|摘要|前言|緣起|背景|心得|建議|結論|重點|情形|說明|簡介|介紹|"
    r"總結|成員|代表|人員|出席|與會|其他|相關|及|與|和|之|暨|的|我方|我國|本次|本署|本局|各國|"
    r"報告|附件|附錄|資料|議題|討論|事項|安排|參考|剪影|照片")
PAREN_RE = re.compile(r"[(（]([^()（）]*)[)）]")
WHEN_WHERE_RE = re.compile(
    r"^(會議|研習|考察|參訪|活動|訓練)?\s*(時間|日期|期間|地點|地址|場地)\s*[:：]")
# What frames a meeting's name in a report's title: 出席…報告, 參加…之報告.
TITLE_FRAME_RE = re.compile(r"^(出席|參加|參與|赴)\s*|\s*(之)?(出國)?報告書?$")
ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9&/\-]*[A-Z0-9]$")


def heading_names(title: str) -> tuple[list[str], list[str], str]:
    """Acronyms, English names and the Chinese name in a heading title."""
    acronyms: list[str] = []
    english: list[str] = []
    for group in PAREN_RE.findall(title):
        for part in re.split(r"\s*[,，]\s*", group.strip()):
            if ACRONYM_RE.match(part) and sum(c.isupper() for c in part) >= 2:
                acronyms.append(part)
            elif re.search(r"[A-Za-z]{3,}", part):
                english.append(part)
    chinese = re.sub(r"\s+", " ", PAREN_RE.sub(" ", title)).strip()
    chinese = re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff：:，,])", "", chinese)
    return acronyms, english, chinese


def is_generic(title: str) -> bool:
    if WHEN_WHERE_RE.match(title):
        return True  # 會議時間：112 年 5 月 1 日 is when, not what
    rest = GENERIC_WORDS.sub("", PAREN_RE.sub("", title))
    return len(re.findall(r"[^\W\d_]", rest)) < 2


def unit_kind(heading: Heading, parents: tuple[Heading, ...]) -> str | None:
    """meeting, session, day or site, when the heading names one."""
    title = heading.title
    if is_generic(title) or title.endswith("議題"):
        return None
    if DAY_RE.search(title):
        return "day"
    if SESSION_RE.search(title):
        return "session"
    if MEETING_RE.search(title):
        return "meeting"
    if VISIT_RE.search(title) or (parents and VISIT_PART_RE.search(parents[-1].title)
                                  and len(title) <= 30):
        return "site"
    return None


def unit_names(report: Report, title: str) -> list[str]:
    acronyms, english, chinese = heading_names(title)
    key = acronyms[-1] if acronyms else chinese
    names = [key, *acronyms, chinese, *english, title]
    # "第一場次：GHS 標示" answers to 第一場次 and to GHS 標示 too.
    names += [part.strip() for part in re.split(r"[：:]", chinese) if len(part.strip()) >= 2]
    for part in re.split(r"[-/]", key):
        names.extend(alias_names(report, part))
    return unique(names)


def alias_names(report: Report, name: str) -> list[str]:
    key = name_key(name)
    for group in report.glossary:
        if any(name_key(n) == key for n in group):
            return group
    return []


def find_units(report: Report) -> list[Meeting]:
    """The units of a report, in order, and each passage's units and meeting."""
    units: dict[Heading, Meeting] = {}
    for passage in report.passages:
        for depth, heading in enumerate(passage.section):
            if heading in units or heading.level == 0:
                continue
            kind = unit_kind(heading, passage.section[:depth])
            if kind is None:
                continue
            # Inside a meeting, an item that mentions a meeting is one only
            # when it has a name of its own: "(四) 2016 海關與企業對話結論" is not.
            acronyms, english, _ = heading_names(heading.title)
            if kind == "meeting" and not (acronyms or english) and any(
                    h in units for h in passage.section[:depth]):
                continue
            names = unit_names(report, heading.title)
            units[heading] = Meeting(names[0], names, kind)
    whole = None if units else title_meeting(report)
    for passage in report.passages:
        found = [units[h].key for h in passage.section if h in units]
        if whole is not None:
            found = [whole.key]
        passage.units = found
        passage.meeting = found[0] if found else None
    return list(units.values()) if whole is None else [whole]


def title_meeting(report: Report) -> Meeting | None:
    """The meeting a report's title names, when no heading names a unit: the
    whole report is about it (出席…委員會第 14 次會議報告)."""
    title = TITLE_FRAME_RE.sub("", report.title.strip())
    if not title or not MEETING_RE.search(title) or is_generic(title):
        return None
    names = unit_names(report, title)
    return Meeting(names[0], names, "meeting")


def unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        k = name_key(item)
        if item and k not in seen:
            seen.add(k)
            out.append(item)
    return out
