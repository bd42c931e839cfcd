"""Numbered headings in every numbering family, nested as each report nests them.

A family's depth is not fixed: the first family a report uses is its top
level, a family not seen before goes one level below the current heading, and
a family seen before returns to its level (as Word's outline numbering does).
So 壹、/一、/(一), 第一章/第一節, 1./1.1/1.1.1, Ⅰ、/A./(a) and 一、/（一）/1、
all nest right. Labels are matched on the line's half-width form (NFKC), so
full- and half-width spellings of a family (（１）, (1)) are one family.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .marks import SIGNS, marked_heading
from .memo import per_report
from .model import Heading

ZH_DIGITS = "〇零一二三四五六七八九十百"
UPPER_DIGITS = "壹貳參叁肆伍陸柒捌玖拾"
ZH_NUM = rf"[{ZH_DIGITS}]+"
# What counts 第…章, 第…節, 第…站: Chinese, formal (第壹章, 第貳節) or Arabic numerals.
NUM = rf"(?:[{ZH_DIGITS}{UPPER_DIGITS}]+|\d{{1,3}})"
# Ⅰ … Ⅻ (one character each) read as I … XII once NFKC-folded.
ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
ROMAN_LOWER = ROMAN.lower()
# What may stand between a label and its title (a bar too: Session 1｜<title>,
# matched half-width).
SEP = r"\s*[、：:.．|]?\s*"
# A span of days or sessions the label covers (Day 7–9, 第 7 至 9 天, Session 2-3);
# not a date that follows the label (Day 1 - 9月12日).
RANGE = r"(?:\s*[-–—~～]\s*\d{1,2}(?!\s*[\d月/.．]))?"
ZH_RANGE = rf"(?:\s*[-–—~～至到]\s*{NUM}(?!\s*[\d月/.．]))?"
APPENDIX_WORD = r"附錄|附件|附表|Annex|Appendix|ANNEX|APPENDIX"
# A term of a year's study: 第一學期, 上學期, 暑期學期, Fall Semester 2024, Spring Term.
SEASONS = r"(?:[Ff]all|FALL|[Ss]pring|SPRING|[Ss]ummer|SUMMER|[Aa]utumn|AUTUMN|[Ww]inter|WINTER)"
TERM = (rf"第\s*{NUM}{ZH_RANGE}\s*學期|(?:暑期|暑假|寒假|夏季|秋季|春季|冬季|[上下])\s*學期|"
        rf"{SEASONS}\s+(?:[Ss]emester|SEMESTER|[Tt]erm|TERM|[Ss]ession|SESSION|[Qq]uarter|QUARTER)"
        r"(?:\s+\d{4}(?:[-–/]\d{2,4})?)?")
# The heavenly stems count annexes too: 附件甲, 附件乙.
STEMS = "甲乙丙丁戊己庚辛壬癸"
# (family, pattern): group 1 is the label, group 2 the title.
STYLES = [
    # 第一篇, and 第一部分 (a part; not 第一部 of a count of films or books);
    # Part I, PART 2 (not "Part of the fund…", "Part 2 of the survey…").
    ("volume", re.compile(rf"^(第\s*{NUM}\s*(?:篇|部分)(?![章節])|"
                          rf"(?:Part|PART)\s+(?:(?=[IVX])(?:{ROMAN})|\d{{1,2}})(?![\w.])"
                          rf"(?!\s*(?:of|and|to|in)\b)){SEP}(.*)$")),
    ("chapter", re.compile(rf"^(第\s*{NUM}\s*章|(?:Chapter|CHAPTER)\s*\d{{1,2}}(?![\d.\-]))"
                           rf"{SEP}(.*)$")),
    ("section", re.compile(rf"^(第\s*{NUM}\s*節){SEP}(.*)$")),
    # A day of a trip or a course, or a week, a month or a term of a longer
    # stay (第 3～6 週, Week 2, 第二個月, Month 4, 第一學期, 暑期學期, Fall Semester 2024).
    ("day", re.compile(rf"^(第\s*{NUM}{ZH_RANGE}\s*(?:[天日週周]|個月)|{TERM}|"
                       rf"(?:[Dd]ay|DAY|[Ww]eek|WEEK|[Mm]onth|MONTH)\s*\d{{1,2}}{RANGE})"
                       rf"(?![\d])\s*[、：:.．|\-–]?\s*(.*)$")),
    # 案由一 only with its separator: 案由 also begins a sentence's count.
    # 議程第5項 (an agenda's item as the agenda numbers it) is 議程5 said in full.
    ("agenda", re.compile(rf"^((?:議題|議程|議案|提案)\s*(?:第\s*{NUM}\s*項|{NUM})|"
                          rf"案由\s*{NUM}(?=\s*[、：:.．|]))"
                          rf"(?!\d){SEP}(.*)$")),
    # A conference's parallel tracks and breakouts, lettered or numbered within
    # a letter (Track A-3, Session B2, Stream C, 分組會議 B：, 分組討論二、).
    ("session", re.compile(rf"^((?:Session|SESSION|Module|MODULE|Panel|PANEL)\s*"
                           rf"(?:[A-Z][-–.]?)?\d{{1,2}}{RANGE}|"
                           rf"(?:Track|TRACK|Stream|STREAM|Breakout|BREAKOUT)\s*"
                           rf"(?:[A-Z][-–.]?\d{{1,2}}(?![\w-])|\d{{1,2}}{RANGE}|"
                           # a letter alone only before its separator or a Chinese title
                           rf"[A-Z](?=\s*(?:[、：:.．|]|[^\x00-\x7f]|$)))|"
                           rf"(?:分組會議|分組討論|平行場次|平行會議)\s*(?:[A-Z]|{NUM})(?=\s*[、：:.．|])|"
                           rf"第\s*{NUM}{ZH_RANGE}\s*場次?|(?:模組|單元)\s*{NUM}|"
                           # a course's lectures: 第三講, 第二堂, 課程一：, Lecture 4
                           rf"第\s*{NUM}\s*[講堂]|(?:課程|主題|講題)\s*{NUM}(?=\s*[、：:.．|])|"
                           rf"(?:Lecture|LECTURE)\s*\d{{1,2}}|"
                           # side events numbered as such: 周邊會議一, 週邊活動2, Side Event 1
                           rf"(?:[周週場]邊(?:會議|活動)|(?:Side|SIDE)\s+(?:Event|EVENT))\s*{NUM})"
                           r"(?!\d)\s*[、：:.．|\-–]?\s*(.*)$")),
    # A stop of a tour: 第二站：<place>, Site 3, Stop 1, Visit 2; and the place
    # counted by the word for a visit's host: 參訪單位一：<place>, 參訪機構2、,
    # 拜會對象三： (only with its separator: 參訪單位一行 begins a sentence).
    ("stop", re.compile(rf"^(第\s*{NUM}\s*站|(?:(?:Site|SITE|Field|FIELD|Study|STUDY|"
                        rf"Technical|TECHNICAL)\s+(?:Visit|VISIT)|"
                        rf"Site|SITE|Stop|STOP|Visit|VISIT)\s*\d{{1,2}}|"
                        rf"(?:參訪|拜會|考察)(?:單位|機構|機關|地點|對象)\s*{NUM}(?=\s*[、：:.．|]))"
                        r"(?!\d)\s*[、：:.．|\-–]?\s*(.*)$")),
    # 附件一覽表 is a list of annexes, not 附件一: a Chinese numeral ends at a non-Han.
    ("appendix", re.compile(rf"^((?:{APPENDIX_WORD})\s*"
                            rf"(?:{ZH_NUM}(?![\u3400-\u9fff])|\d{{1,3}}|[A-Z]|{ROMAN}(?=\W)|[{STEMS}]))"
                            r"(?![A-Za-z\d])\s*[：:、.．|\-–]?\s*(.*)$")),
    # 壹、前言 and 壹　前言: a formal or a Chinese numeral parted from its title
    # by a space alone is the same family (a table's row, its cells spaced
    # apart, is none: see acceptable_title).
    ("upper", re.compile(rf"^([{UPPER_DIGITS}]+\s*[、.．]|[{UPPER_DIGITS}]+(?=\s))\s*(.*)$")),
    ("zh", re.compile(rf"^({ZH_NUM}\s*[、.．]|{ZH_NUM}(?=\s))\s*(.*)$")),
    # 甲、乙、丙: the heavenly stems as a family of parts, bare or in brackets.
    ("stem", re.compile(rf"^([{STEMS}]\s*[、.．])\s*(.*)$")),
    ("stem-paren", re.compile(rf"^([(（][{STEMS}][)）])\s*[、.]?\s*(.*)$")),
    ("zh-paren", re.compile(rf"^([(（]\s*{ZH_NUM}\s*[)）])\s*[、.]?\s*(.*)$")),
    ("roman", re.compile(rf"^((?=[IVX])({ROMAN})\s*[、.．)）])\s*(?P<t>.*)$")),
    # (I) (II) (III), （Ⅳ）: Roman numerals in brackets, a family of their own.
    ("roman-paren", re.compile(rf"^([(（](?=[IVX])({ROMAN})[)）])\s*(?P<t>.*)$")),
    ("roman-lower", re.compile(rf"^([(（]?(?=[ivx])({ROMAN_LOWER})\s*[.．)）])\s*(?P<t>.*)$")),
    # §1, §2.1, §2.1.3: sections counted after the section sign, a family
    # for each depth as decimals are.
    ("sign-decimal-4", re.compile(r"^(§\s*\d{1,2}\.\d{1,2}\.\d{1,2}\.\d{1,2})\.?(?![\d.])"
                                  r"\s*(.*)$")),
    ("sign-decimal-3", re.compile(r"^(§\s*\d{1,2}\.\d{1,2}\.\d{1,2})\.?(?![\d.])\s*(.*)$")),
    ("sign-decimal-2", re.compile(r"^(§\s*\d{1,2}\.\d{1,2})\.?(?![\d.])\s*(.*)$")),
    ("sign-decimal", re.compile(r"^(§\s*\d{1,2})(?![\d.])\s*[、：:.．]?\s*(.*)$")),
    # 1.1 and 1.1. alike: a trailing dot is the label's own, as 1.'s is.
    ("decimal-4", re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2}\.\d{1,2}\.?)(?![\d.])\s*(.*)$")),
    ("decimal-3", re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2}\.?)(?![\d.])\s*(.*)$")),
    ("decimal-2", re.compile(r"^(\d{1,2}\.\d{1,2}\.?)(?![\d.])\s*(.*)$")),
    # 1-1, 2-1-3: sections numbered within their chapter by hyphens (or dashes).
    ("hyphen-4", re.compile(r"^(\d{1,2}[-–]\d{1,2}[-–]\d{1,2}[-–]\d{1,2})(?![\d.\-–])\s*[、：:.．]?"
                            r"\s*(.*)$")),
    ("hyphen-3", re.compile(r"^(\d{1,2}[-–]\d{1,2}[-–]\d{1,2})(?![\d.\-–])\s*[、：:.．]?\s*(.*)$")),
    ("hyphen-2", re.compile(r"^(\d{1,2}[-–]\d{1,2})(?![\d.\-–])\s*[、：:.．]?\s*(.*)$")),
    ("arabic", re.compile(r"^(\d{1,2}\s*[.．](?!\d))\s*(.*)$")),
    ("arabic-comma", re.compile(r"^(\d{1,2}\s*、)\s*(.*)$")),
    # Not (02): an area code that a wrapped telephone number starts a line with.
    ("arabic-paren", re.compile(r"^([(（]\s*(?!0)\d{1,2}\s*[)）])\s*(.*)$")),
    ("arabic-half-paren", re.compile(r"^(\d{1,2}\s*[)）])\s*(.*)$")),
    # A., then A.1, A.2: sections numbered within a lettered chapter.
    ("latin-decimal", re.compile(r"^([A-Z][.．]\d{1,2})(?![\d.．])\s*[、：:]?\s*(.*)$")),
    # 1 <title>: a bare number and a space (or a tab) before a title; a label
    # only where it counts (structure: a 1, or the next after the last).
    ("arabic-bare", re.compile(r"^([1-9]\d?)[ \t]+(?=[^\W\d_])(.*)$")),
    ("latin", re.compile(r"^([A-Z]\s*[.．、])\s*(.*)$")),
    # a. b. c. (ａ．): letters in lower case with a stop; not e.g. (a stop after
    # the next letter too).
    ("latin-lower", re.compile(r"^([a-z]\s*[.．、])(?!\s*[a-z]\s*[.．])\s*(.*)$")),
    ("latin-paren", re.compile(r"^([(（][a-z][)）])\s*(.*)$")),
    ("latin-upper-paren", re.compile(r"^([(（][A-Z][)）])\s*(.*)$")),
    ("latin-half-paren", re.compile(r"^([a-z][)）])\s*(.*)$")),
]
# ① … ⑳ ㉑ … ㊿, ❶ … ❿, ➀ … ➉, ➊ … ➓: circled numbers, matched on the line as
# written (NFKC folds ① to a bare 1).
CIRCLED = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2776-\u277f\u2780-\u2793"
CIRCLED_RE = re.compile(rf"^([{CIRCLED}])\s*[、.．：:]?\s*(.*)$")
# What a hyphenated label (1-2, 3-5) counts when a unit follows it: a span of
# months, days, hours, people, not a section (1-2 月, 3-5 人).
# A unit ends its word there (3-5 月, 10-12 人之, 1-2 年內); 2-1 日本水產廳,
# 2-2 周邊活動 and 1-1 年度計畫 go on with a word of their own.
SPAN_UNIT_RE = re.compile(r"^(?:[年月日時點分秒人週周天次歲名個件號樓項倍]|小時|分鐘)"
                          r"(?:$|[^\w]|[之的間內份以至為起止左右後前])")
# The families a line may match, by its first character (half-width form).
STARTS = {"volume": "第a", "chapter": "第a", "hyphen-4": "0", "hyphen-3": "0", "hyphen-2": "0",
          "stem": "S",
          "stem-paren": "(", "section": "第", "day": "第a暑寒夏秋春冬上下", "agenda": "議提案",
          "session": "第a模單課主講周週場分平", "stop": "第aU拜考", "appendix": "附a", "upper": "U",
          "zh": "Z", "zh-paren": "(",
          "roman": "a", "roman-lower": "(a", "roman-paren": "(", "decimal-4": "0", "decimal-3": "0",
          "decimal-2": "0", "arabic": "0", "arabic-comma": "0", "arabic-paren": "(",
          "arabic-half-paren": "0", "arabic-bare": "0", "latin": "a", "latin-decimal": "a",
          "latin-paren": "(", "latin-lower": "a",
          "latin-upper-paren": "(", "latin-half-paren": "a",
          "sign-decimal-4": "§", "sign-decimal-3": "§", "sign-decimal-2": "§",
          "sign-decimal": "§"}
STYLES_BY_START = {start: [(style, pattern) for style, pattern in STYLES if start in STARTS[style]]
                   for start in set("".join(STARTS.values()))}


def start_class(first: str) -> str:
    if first.isdecimal():
        return "0"
    if first in UPPER_DIGITS:
        return "U"
    if first in ZH_DIGITS:
        return "Z"
    if first in STEMS:
        return "S"
    return "a" if first.isascii() and first.isalpha() else first


# What a line's half-width form can start with to match a family or be a part
# heading; \d also matches any other decimal digit (str.isdecimal).
HEADING_STARTS = frozenset("第附參拜考議提案課主講模單周週場分平結註尾腳暑寒夏秋春冬上下(（【§"
                           + ZH_DIGITS
                           + UPPER_DIGITS + STEMS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                           + "abcdefghijklmnopqrstuvwxyz")
LATIN_START_RE = re.compile(
    r"^(?:[A-Za-z]{1,4}\s*[.．、)）]|"
    r"(?:(?:fall|spring|summer|autumn|winter)\s+(?:semester|term|session|quarter)|"
    r"day|week|month|session|module|panel|track|stream|breakout|lecture|site|stop|visit|field|study|"
    r"technical|annex|appendix|annexes|chapter|part|"
    r"references|bibliography|conclusions?|side\s+events?|"
    r"appendices)\b)", re.I)
# A part heading standing alone: 附件, 附錄, 參考資料, a notes or references
# part (尾註, 註釋, Notes, Endnotes, References), and the closing part a
# numbered outline leaves unnumbered: 結論, 結語.
PART_RE = re.compile(r"^(附件|附錄|附錄資料|附件資料|參考資料|參考文獻|結論|結語|"
                     r"Annexes|Appendices|註釋|註解|腳註|尾註|"
                     r"Notes|Endnotes|Footnotes|References|Bibliography)$", re.I)
# The same part named in English and Chinese: References 參考文獻, 結論 Conclusions.
ENGLISH_PART = r"(?:References|Bibliography|Conclusions?|Annexes|Appendices)"
BILINGUAL_PART_RE = re.compile(rf"^(?:{ENGLISH_PART}\s*(?P<a>[^\x00-\x7f]\S*)|"
                               rf"(?P<b>[^\x00-\x7f]\S*?)\s*{ENGLISH_PART})$", re.I)
WORD_RE = re.compile(r"[^\W_]")
PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")
OPEN_PAREN_RE = re.compile(r"[(（][^()（）]*$")
INLINE_LIST_RES = {
    "arabic-paren": re.compile(r"[(（]\s*\d{1,2}\s*[)）]"),
    "latin-paren": re.compile(r"[(（][a-z][)）]"),
    "arabic": re.compile(r"[、，,；;]\s*\d{1,2}\s*[.、．](?!\d)"),
    "arabic-comma": re.compile(r"[、，,；;]\s*\d{1,2}\s*[.、．](?!\d)"),
    "arabic-half-paren": re.compile(r"[、，,；;\s]\d{1,2}[)）]"),
    "latin-half-paren": re.compile(r"[、，,；;\s][a-z][)）]"),
    "latin-lower": re.compile(r"[、，,；;]\s*[a-z]\s*[.．、](?![a-z])"),
}
# Families that also number items inside a sentence: after a line that does
# not end a sentence, such a label continues the paragraph.
WEAK_STYLES = {"arabic", "arabic-comma", "arabic-paren", "arabic-half-paren", "latin",
               "latin-lower",
               "latin-decimal", "arabic-bare",
               "latin-paren", "latin-upper-paren", "latin-half-paren", "roman-lower",
               "decimal-2", "decimal-3", "decimal-4", "hyphen-2", "hyphen-3", "hyphen-4", "circled",
               # § 12 of an act a wrapped sentence cites
               "sign-decimal", "sign-decimal-2", "sign-decimal-3", "sign-decimal-4",
               # 第二日起，… and Session 2 … may also run on from a cut sentence.
               "day", "session", "agenda", "stop"}
# A number that a wrapped line starts with is a quantity, not a label, when a
# unit follows it: "1.1 億歐元", "73.5%", "2.5 倍".
QUANTITY_RE = re.compile(r"^(?:[%％‰億萬兆倍噸]|千[萬億]?|百萬|公[噸斤里尺頃克]|美元|歐元|日圓|"
                         r"英鎊|元|個百分點|百分點|成[^\w]|度[^\w]|°)")
# What follows the first time of a span (9.30-10.00, 9.30 to 10.00, 9.30 至
# 10.00): a dash or a word for it, and a number.
TIME_SPAN_TAIL_RE = re.compile(r"^(?:[-–—~～〜－至到]|to\b)\s*\d")
# What a bare number counts when it begins a wrapped line: a measure word
# that ends its word (12 月, 3 家之中, 5 人、), a percentage, or a word in
# lower case (2 km, 12 months), a unit in capitals (3 GB of data) but for a
# title in capitals (3  KEY LEARNINGS); 1 日本金融廳 and 2 周邊活動 go on with words
# of their own.
BARE_QUANTITY_RE = re.compile(r"^(?:[%％‰倍]|[a-z]|"
                              r"[A-Z]{1,3}\b(?!(?:\s+[A-Z][A-Z&\-]+)+\s*(?:$|[^\x00-\x7f]))|"
                              r"(?:[年月日時分秒人家個件項種位名座場次週周天歲號億萬元]|小時|分鐘)"
                              r"(?:$|[^\w]|[之的間內份以至為起止左右後前及與]))")
SENTENCE_END_RE = re.compile(r"[。！？!?；;]$")
CLAUSE_END_RE = re.compile(r"[，,]$")
# An English title that ends a sentence: "1. The Chair opened the meeting.",
# "5. Both sides agreed to meet in 2026." (five words or more before a full stop).
ENGLISH_SENTENCE_RE = re.compile(r"[a-z]{2,}\s*\.$|^(?:\S+\s+){4,}\S*\w[)）\]\"”’]*\s*\.$")
MAX_TITLE = 60
# Latin titles are wordier: so many characters, or words.
MAX_LATIN_TITLE, MAX_LATIN_WORDS = 120, 16
# Families whose label alone makes a heading (附件 3, Day 2, 第三天).
BARE_LABELS = {"appendix", "day", "session", "agenda", "stop"}
# The style of a heading that has no label, only the document's outline level.
OUTLINE = "style-"


@per_report
def match_heading(line: str) -> tuple[str, str, str] | None:
    """(family, label, title) when a line reads as a numbered heading.

    A heading names something (`一、。` is the tail of a cut paragraph), is
    short, and does not end a sentence: `一、擴充檢疫犬隊：… 逐年擴充。` is a
    list item, a paragraph of its own. A number followed by a unit (`1.1 億`,
    `73.5%`) is a quantity that a wrapped line starts with.
    """
    line = line.strip()
    circled = CIRCLED_RE.match(line)
    if circled:
        title = circled.group(2).strip()
        return ("circled", circled.group(1), title) if acceptable_title("circled", title) else None
    # The first character's half-width form is the whole line's (no character
    # a family starts with is made by composing with the next one, but for
    # Roman numerals, which fold to Latin letters).
    if not line:
        return None
    if line[0] in SIGNS:
        return signed_heading(line)  # ■ 考察目的, ◎ 收容概況, ▍壹、前言
    if line[0] in ANGLE_OPEN:
        return angled_heading(line)  # 〈第一日〉10月20日, 〈一〉緣起, 〈結業考試〉
    first = unicodedata.normalize("NFKC", line[:1])[:1]
    if not (first in HEADING_STARTS or first.isdecimal() or first.isspace()):
        return None  # most lines: no family starts so, nor does a part heading
    text = unicodedata.normalize("NFKC", line)
    bilingual = BILINGUAL_PART_RE.match(text.strip())
    if PART_RE.match("".join(text.split())) or bilingual and PART_RE.match(
            bilingual.group("a") or bilingual.group("b")):
        return ("part", "", re.sub(r"\s+", "", line))
    if first.isascii() and first.isalpha() and not LATIN_START_RE.match(text):
        return None  # an English line, not "A.", "IV、", "Day 2", "Annex B"
    if first == "【":
        return bracketed_heading(line)
    # Matched on the half-width form; the title keeps the report's own characters.
    for style, pattern in STYLES_BY_START.get(start_class(first), ()):
        m = pattern.match(text)
        if not m:
            continue
        start = m.start("t") if "t" in pattern.groupindex else m.start(2)
        if style in ("roman", "roman-lower", "roman-paren") and not m.group(2):
            continue  # "V、" with no numeral: nothing matched
        label = re.sub(r"\s+", "", m.group(1))
        if style in BARE_LABELS and " " in m.group(1).strip():
            label = re.sub(r"\s+", " ", m.group(1).strip())  # "Annex 2", "Day 1"
        title = (line[start:] if len(text) == len(line) else original_tail(line, start)).strip()
        if style in BARE_LABELS and not title:
            return (style, label, label)
        spaced = style in ("upper", "zh") and label[-1] not in "、.．"
        if not acceptable_title(f"{style}-spaced" if spaced else style, title):
            return None
        return (style, label, title)
    return None


def signed_heading(line: str) -> tuple[str, str, str] | None:
    """A sign and a title (■ 考察目的: the sign's family, corpus.marks), or a
    sign before a numbered label (▍壹、前言, ■ 一、緣起): the numbering's
    family, the sign kept in the label, so the outline nests by the numbers
    as it does where no sign marks them."""
    sign, rest = line[0], line[1:].lstrip(" \u3000")
    numbered = match_heading(rest) if rest[:1] not in SIGNS else None
    if numbered is None or numbered[0] in ("part", "circled", *BARE_LABELS) or not numbered[1]:
        return marked_heading(line)  # (◎ 第一天：<title> stays the sign's: its title names the day)
    return numbered[0], sign + numbered[1], numbered[2]


# A label in angle brackets heads its line: 〈第一日〉10月20日（星期一）,
# 〈一〉訓練緣起, 〈模組1〉<title>, 〈結業考試〉<title>. The brackets are the
# family (one level of the outline, whatever the label inside); the label
# inside says what the heading is (a day, a session), read by unbracketed.
# A bracketed word alone (〔照片〕, 〈圖〉) is a placeholder or a remark: no heading.
# The label holds up to 24 characters (〈Spring Semester 2025〉: English runs long).
ANGLE_OPEN, ANGLE_CLOSE = "〈⟨", "〉⟩"
ANGLED_RE = re.compile(r"^([〈⟨])\s*([^〈〉⟨⟩\s](?:[^〈〉⟨⟩]{0,22}[^〈〉⟨⟩\s])?)\s*"
                       r"([〉⟩])\s*(\S.*)$")
ANGLED = "angle"
CLAUSE_MARK_RE = re.compile(r"[，。；,;！？!?]")


def angled_heading(line: str) -> tuple[str, str, str] | None:
    m = ANGLED_RE.match(line)
    if m is None or ANGLE_OPEN.index(m.group(1)) != ANGLE_CLOSE.index(m.group(3)):
        return None
    inner, rest = m.group(2), m.group(4).strip()
    if re.search(r"[：:]", inner) or CLAUSE_MARK_RE.search(inner) \
            or CLAUSE_MARK_RE.search(PAREN_RE.sub("", rest)):
        return None  # 〈氣候變遷報告〉指出，…: a work's name opens a sentence
    if not acceptable_title(ANGLED, rest) or not acceptable_title(ANGLED, inner):
        return None
    # 〈附錄一〉<title>: the annex 附錄一, as 附錄一　<title> is
    found = match_heading(f"{inner}\u3000{rest}")
    if found is not None and found[0] == "appendix" and squashed(found[1]) == squashed(inner):
        return found
    return ANGLED, f"{m.group(1)}{inner}{m.group(3)}", rest


def squashed(label: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))


def unbracketed(style: str, heading: Heading) -> tuple[str, Heading]:
    """The family and heading a bracketed label reads as without its brackets:
    〈第一日〉10月20日 is a day labelled 第一日, 〈模組1〉<title> a session,
    〈結業考試〉<title> a heading labelled 結業考試; any other heading as it is."""
    if style != ANGLED:
        return style, heading
    inner = heading.label[1:-1]
    # (labels read only with their separator, 參訪單位一：<place>, get one)
    for sep in ("\u3000", "："):
        found = match_heading(f"{inner}{sep}{heading.title}")
        # (a bare numeral, 〈一〉, names no unit: the brackets stay its family,
        # though 一　<title> is a label of its own)
        if found is not None and squashed(found[1]) == squashed(inner) \
                and found[0] not in ("upper", "zh"):
            return found[0], Heading(heading.level, found[1], found[2])
    return style, Heading(heading.level, inner, heading.title)


# A heading written in lenticular brackets on a line of its own: 【前言】, or
# 【附錄】<title>; a few words inside (a label and a title spaced apart:
# 【議題一　區域展望】), and a short title after, if any.
BRACKETED_RE = re.compile(r"^【\s*([^【】\s](?:[^【】]{0,28}[^【】\s])?)\s*】\s*([^【】]{0,40})$")
ANNEX_WORD_RE = re.compile(r"^(?:附錄|附件|附表)$")
APPENDIX_LABEL_RE = re.compile(rf"^(?:附錄|附件|附表)\s*(?:{ZH_NUM}|\d{{1,3}}|[A-Z])$")
# The front's parts, not the body's: 【摘要】, 【關鍵詞】.
FRONT_PART_RE = re.compile(r"^(?:(?:內容|報告)?摘要|提要|關鍵[詞字])$")


def bracketed_heading(line: str) -> tuple[str, str, str] | None:
    """A part of the report named in 【】 (the part family: unnumbered, at the
    top), or an annex when the brackets hold the word for one and a title
    follows (【附錄】活動照片)."""
    m = BRACKETED_RE.match(line)
    if m is None or re.search(r"[，；,;。：:]", line) or SENTENCE_END_RE.search(line):
        return None
    inner, rest = m.group(1), m.group(2).strip()
    if not rest and FRONT_PART_RE.match(re.sub(r"\s+", "", inner)):
        return None  # 【摘要】: the front's abstract, labelled as a part is
    if rest and (ANNEX_WORD_RE.match(inner) or APPENDIX_LABEL_RE.match(inner)):
        return ("appendix", f"【{inner}】", rest)  # 【附錄】活動照片, 【附錄一】考察照片
    return ("part", "", re.sub(r"\s+", "", line)) if acceptable_title("part", inner) else None


def original_tail(line: str, start: int) -> str:
    """What follows the first `start` characters of the line's NFKC form, in the
    line's own characters (Ⅱ、 folds to two characters, ㈠ to three)."""
    folded = 0
    for i, char in enumerate(line):
        if folded >= start:
            return line[i:]
        folded += len(unicodedata.normalize("NFKC", char))
    return ""


# Families whose label may stand apart from its title by a space alone (壹　前言);
# such a title holds no run of spaces or a tab, as a table's row of cells does.
SPACED_STYLES = ("upper-spaced", "zh-spaced")
SPACED_CELLS_RE = re.compile(r"\t|[ \u3000]{2,}")


def acceptable_title(style: str, title: str) -> bool:
    if not WORD_RE.search(title) or SENTENCE_END_RE.search(title) or "。" in title \
            or "，" in PAREN_RE.sub("", title) or CLAUSE_END_RE.search(title):
        return False  # (⑹ 歐盟宣布投入1.1億歐元，協: a sentence cut after its first clause)
    if (style.startswith(("decimal", "hyphen")) or style in ("arabic", "arabic-comma")) \
            and (QUANTITY_RE.match(title) or TIME_SPAN_TAIL_RE.match(title)):
        return False  # 1.1 億歐元; 9.30-10.00 開幕式, an agenda's span of times
    if style == "circled" and re.search(r"[，；,;]", PAREN_RE.sub("", title)):
        return False  # ①<a sentence under way>: circled numbers mostly count list items
    if style == "arabic-bare" and BARE_QUANTITY_RE.match(title):
        return False  # 3 家出版社, 2 km, 12 months: a count, not a label
    if style in SPACED_STYLES and SPACED_CELLS_RE.search(title):
        return False  # 一　　二　　三, 壹\t甲案\t乙案: cells spaced apart, not a title
    if style.startswith("hyphen") and SPAN_UNIT_RE.match(title):
        return False  # 3-5 月, 10-12 人: a span, not a section
    # English names in brackets can be long: "(Secure Trade in the APEC Region …)",
    # and so can one a wrap left open at the line's end, its rest on the next line.
    bare = OPEN_PAREN_RE.sub("", PAREN_RE.sub("", title))
    if bare.isascii():
        if len(bare) > MAX_LATIN_TITLE or len(bare.split()) > MAX_LATIN_WORDS \
                or ENGLISH_SENTENCE_RE.search(bare):
            return False
    elif len(bare) > MAX_TITLE:
        return False
    return not (style in INLINE_LIST_RES and INLINE_LIST_RES[style].search(title))


# Families that begin a report's outline afresh: what was above them closes.
TOP_STYLES = ("part", "volume")
# A title in 【】 under a numbered heading: a sub-title of that heading's part.
BRACKETED_STYLE = "bracketed"


class HeadingStack:
    """The headings above the current line; levels come from the order families appear."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, Heading]] = []
        # The outline a references part (參考文獻, 參考資料) closed: a heading of
        # its top family right after the part goes on with it (肆、 after 參、).
        self.closed: list[tuple[str, Heading]] = []

    @property
    def path(self) -> tuple[Heading, ...]:
        return tuple([heading for _, heading in self.entries])  # (a list is built faster)

    def style_of(self, style: str, title: str) -> str:
        """A 【】 title is a part of the report where parts head the outline
        (【出國目的】 … 【心得與建議】); under an outline that numbered headings
        begin (一、 … 二、會議過程 / 【議題一　…】), one that is no part or
        annex by its name is a sub-title nested under the current heading."""
        if style != "part" or not title.startswith("【") or not self.entries \
                or self.entries[0][0] in TOP_STYLES:
            return style
        inner = re.sub(r"\s+", "", title.strip("【】"))
        if PART_RE.match(inner) or ANNEX_PART_RE.match(inner):
            return style
        return BRACKETED_STYLE

    def push(self, style: str, label: str, title: str) -> Heading:
        if style.startswith(OUTLINE):
            # The document's own outline level: a level-2 heading closes any
            # outline heading at level 2 or deeper, whatever came between.
            level = int(style[len(OUTLINE):])
            while self.entries and self.entries[-1][0].startswith(OUTLINE) \
                    and int(self.entries[-1][0][len(OUTLINE):]) >= level:
                self.entries.pop()
        styles = [s for s, _ in self.entries]
        if style not in styles and self.entries and self.entries[-1][0] == "part" \
                and self.closed and style == self.closed[0][0]:
            self.entries = self.closed  # the body's outline goes on after the references
            styles = [s for s, _ in self.entries]
        if style in styles:
            del self.entries[styles.index(style):]
        elif style in TOP_STYLES or (style == "chapter" and "volume" not in styles):
            self.closed = self.entries if style == "part" and not ANNEX_PART_RE.match(
                re.sub(r"\s+", "", title)) else []
            self.entries = []
        elif style == "appendix" and not self._in_part():
            self.entries = []  # the report's annex, also after parts (第三部分 …)
        heading = Heading(len(self.entries) + 1, label, title)
        self.entries.append((style, heading))
        return heading

    def _in_part(self) -> bool:
        return any(is_annex_part(h) for _, h in self.entries)

    def retitle(self, title: str) -> None:
        """The last heading's title, continued on the next line."""
        style, h = self.entries[-1]
        self.entries[-1] = (style, Heading(h.level, h.label, title))


ANNEX_PART_RE = re.compile(
    r"^(附件|附錄|附表)(資料|清單|列表)?$|^(annex(es)?|appendix|appendices)$", re.I)


@lru_cache(maxsize=1024)
def is_annex_part(heading: Heading) -> bool:
    """A heading over the annexes: 柒、附件, 肆、附錄, 附件, 【附件】, Annexes."""
    return bool(ANNEX_PART_RE.match(re.sub(r"\s+", "", heading.title).strip("【】")))
