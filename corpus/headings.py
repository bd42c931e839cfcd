"""Numbered headings in every style the reports use, nested as each report nests them.

A style's depth is not fixed: the first style a report uses is its top
level, a style not seen before goes one level below the current heading, and
a style seen before returns to its level (as Word's outline numbering does).
So 壹、/一、/(一), 第一章/第一節, 1./1.1/1.1.1 and 一、/（一）/1、 all nest right.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Heading

ZH_DIGITS = "〇零一二三四五六七八九十百"
UPPER_DIGITS = "壹貳參叁肆伍陸柒捌玖拾"
# (style, pattern): group 1 is the label, group 2 the title.
STYLES = [
    ("chapter", re.compile(rf"^(第\s*[{ZH_DIGITS}\d]+\s*[章篇])\s*[、：:.]?\s*(.*)$")),
    ("section", re.compile(rf"^(第\s*[{ZH_DIGITS}\d]+\s*節)\s*[、：:.]?\s*(.*)$")),
    ("appendix", re.compile(rf"^((?:附錄|附件)\s*(?:[{ZH_DIGITS}]+|\d+|[A-Z])(?![A-Za-z]))"
                            r"\s*[：:、.．]?\s*(.*)$")),
    ("upper", re.compile(rf"^([{UPPER_DIGITS}]+\s*[、.．])\s*(.*)$")),
    ("zh", re.compile(rf"^([{ZH_DIGITS}]+\s*[、.．])\s*(.*)$")),
    ("zh-paren", re.compile(rf"^([(（]\s*[{ZH_DIGITS}]+\s*[)）])\s*[、.]?\s*(.*)$")),
    ("decimal-3", re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2})\.?(?![\d.])\s*(.*)$")),
    ("decimal-2", re.compile(r"^(\d{1,2}\.\d{1,2})\.?(?![\d.])\s*(.*)$")),
    ("arabic", re.compile(r"^(\d{1,2}\s*[.、．](?!\d))\s*(.*)$")),
    ("arabic-paren", re.compile(r"^([(（]\s*\d{1,2}\s*[)）])\s*(.*)$")),
    ("latin-paren", re.compile(r"^([(（][a-z][)）])\s*(.*)$")),
]
# What a line's half-width form can start with to match a style or be a part
# heading; \d also matches any other decimal digit (str.isdecimal).
HEADING_STARTS = frozenset("第附參(（" + ZH_DIGITS + UPPER_DIGITS)
# A part heading standing alone: 附件, 附錄, 參考資料.
PART_RE = re.compile(r"^(附件|附錄|參考資料|參考文獻)$")
WORD_RE = re.compile(r"[^\W_]")
PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")
INLINE_LIST_RES = {
    "arabic-paren": re.compile(r"[(（]\s*\d{1,2}\s*[)）]"),
    "latin-paren": re.compile(r"[(（][a-z][)）]"),
    "arabic": re.compile(r"[、，,；;]\s*\d{1,2}\s*[.、．](?!\d)"),
}
# Styles that also number items inside a sentence: after a line that does
# not end a sentence, such a label continues the paragraph.
WEAK_STYLES = {"arabic", "arabic-paren", "latin-paren", "decimal-2", "decimal-3"}
SENTENCE_END_RE = re.compile(r"[。！？!?；;]$")
MAX_TITLE = 60
# The style of a heading that has no label, only the document's outline level.
OUTLINE = "style-"


def match_heading(line: str) -> tuple[str, str, str] | None:
    """(style, label, title) when a line reads as a numbered heading.

    A heading names something (`一、。` is the tail of a cut paragraph), is
    short, and does not end a sentence: `一、擴充檢疫犬隊：… 逐年擴充。` is a
    list item, a paragraph of its own.
    """
    line = line.strip()
    # The first character's half-width form is the whole line's (no character
    # a style starts with is made by composing with the next one).
    first = unicodedata.normalize("NFKC", line[:1])[:1]
    if not (first in HEADING_STARTS or first.isdecimal() or first.isspace()):
        return None  # most lines: no style starts so, nor does a part heading
    text = unicodedata.normalize("NFKC", line)
    if PART_RE.match(re.sub(r"\s+", "", text)):
        return ("part", "", re.sub(r"\s+", "", line))
    # Matched on the half-width form; the title keeps the report's own characters.
    original = line if len(text) == len(line) else text
    for style, pattern in STYLES:
        m = pattern.match(text)
        if not m:
            continue
        label = re.sub(r"\s+", "", m.group(1))
        title = original[m.start(2):].strip()
        if style == "appendix" and not title:
            return (style, label, label)
        # English names in brackets can be long: "(Secure Trade in the APEC Region …)".
        bare = PAREN_RE.sub("", title)
        if not WORD_RE.search(title) or len(bare) > MAX_TITLE \
                or SENTENCE_END_RE.search(title) or "。" in title:
            return None
        if style in INLINE_LIST_RES and INLINE_LIST_RES[style].search(title):
            return None  # "(1)…、(2)…": an enumeration inside a sentence
        return (style, label, title)
    return None


class HeadingStack:
    """The headings above the current line; levels come from the order styles appear."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, Heading]] = []

    @property
    def path(self) -> tuple[Heading, ...]:
        return tuple(heading for _, heading in self.entries)

    def push(self, style: str, label: str, title: str) -> Heading:
        if style.startswith(OUTLINE):
            # The document's own outline level: a level-2 heading closes any
            # outline heading at level 2 or deeper, whatever came between.
            level = int(style[len(OUTLINE):])
            while self.entries and self.entries[-1][0].startswith(OUTLINE) \
                    and int(self.entries[-1][0][len(OUTLINE):]) >= level:
                self.entries.pop()
        styles = [s for s, _ in self.entries]
        if style in styles:
            del self.entries[styles.index(style):]
        elif style in ("part", "chapter") or (style == "appendix" and not self._in_part()):
            self.entries = [e for e in self.entries if e[0] == "part" and style == "appendix"]
        heading = Heading(len(self.entries) + 1, label, title)
        self.entries.append((style, heading))
        return heading

    def _in_part(self) -> bool:
        return any(is_annex_part(h) for _, h in self.entries)

    def retitle(self, title: str) -> None:
        """The last heading's title, continued on the next line."""
        style, h = self.entries[-1]
        self.entries[-1] = (style, Heading(h.level, h.label, title))


def is_annex_part(heading: Heading) -> bool:
    """A heading over the annexes: 柒、附件, 肆、附錄, 附件."""
    return re.sub(r"\s+", "", heading.title) in ("附件", "附錄", "附件資料", "附錄資料")
