"""Where a heading's label stands in its family's count, and whether a line
that fills the whole width is a heading all the same.

In wrapped text (and a PDF's lines), a numbered line that runs to the wrap
width looks like the first line of a paragraph that goes on. It is a heading
when its label carries the outline on (the next in its family: 2.3 then 2.4,
貳、 then 參、, （二） then （三）; or the first of one: 一、, (1), 1.1, Day 1)
and its text reads as a title (no sentence or clause punctuation outside
brackets). Every numbering family counts alike: Chinese, formal (壹貳參)
and Arabic numerals, decimals, Roman numerals and Latin letters, and spans
(第 10～12 週, Day 2–4) count from their first number to their last.
"""

from __future__ import annotations

import re
import unicodedata

from .annexes import zh_number
from .headings import match_heading
from .spacing import join_fragments

UPPER_TO_ZH = str.maketrans("壹貳參叁肆伍陸柒捌玖拾", "一二三三四五六七八九十")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
DECIMAL_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?$")
NUMBER_RE = re.compile(r"\d{1,3}|[〇零一二三四五六七八九十百壹貳參叁肆伍陸柒捌玖拾]+")
ROMAN_RE = re.compile(r"[IVXivx]+")
LETTER_RE = re.compile(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])")
# Punctuation a sentence or a clause holds, and a title does not (brackets aside:
# "(Secure Trade in the APEC Region Conference, Counter-Terrorism …)").
CLAUSE_RE = re.compile(r"[，；。！？;]|,\s|[!?]\s*$")
BRACKETS_RE = re.compile(r"[(（][^()（）]*[)）]")


def roman(text: str) -> int | None:
    values = [ROMAN_VALUES[c] for c in text.lower()]
    total = sum(-v if k + 1 < len(values) and v < values[k + 1] else v
                for k, v in enumerate(values))
    return total if 0 < total < 40 else None


def label_span(style: str, label: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The count a label starts and ends at (2.4 → (2, 4) both; 第10～12週 →
    (10,) and (12,)); None when it holds no count."""
    text = unicodedata.normalize("NFKC", label).replace(" ", "")
    m = DECIMAL_RE.match(text)
    if m:
        value = tuple(int(n) for n in m.group(1).split("."))
        return value, value
    if style.startswith("roman"):
        found = [roman(t) for t in ROMAN_RE.findall(text)]
    elif style.startswith("latin"):
        found = [ord(t.lower()) - ord("a") + 1 for t in LETTER_RE.findall(text)]
    else:
        found = [zh_number(t.translate(UPPER_TO_ZH)) for t in NUMBER_RE.findall(text)] \
            or [ord(t.lower()) - ord("a") + 1 for t in LETTER_RE.findall(text)]  # 附錄 B
    values = [v for v in found if v is not None]
    if not values:
        return None
    return (values[0],), (values[-1],)


def reads_as_title(title: str) -> bool:
    """No sentence or clause punctuation outside brackets."""
    return not CLAUSE_RE.search(BRACKETS_RE.sub("", title))


class Numbering:
    """The last label of each family seen so far, in reading order."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[int, ...]] = {}

    def seen(self, style: str, label: str) -> None:
        span = label_span(style, label)
        if span is not None:
            self.last[style] = span[1]

    def continues(self, style: str, label: str) -> bool:
        """Whether the label is the next of its family, or the first of one
        (a family starts again under each heading above it)."""
        span = label_span(style, label)
        if span is None:
            return False
        first = span[0]
        if first[-1] == 1:
            return True
        before = self.last.get(style)
        return before is not None and len(before) == len(first) \
            and before[:-1] == first[:-1] and first[-1] == before[-1] + 1

    def full_line_heading(self, found: tuple[str, str, str] | None) -> bool:
        """Whether a heading match (headings.match_heading) on a line that
        fills the width is a heading: its label carries the count on and its
        title reads as one."""
        return found is not None and bool(found[1]) and reads_as_title(found[2]) \
            and self.continues(found[0], found[1])


def heading_tail(heading: str, line: str) -> bool:
    """Whether `line` ends a heading wrapped after its first line: the two
    read as one heading with the same label, a title still."""
    first, whole = match_heading(heading), match_heading(join_fragments(heading, line))
    return first is not None and whole is not None and whole[1] == first[1] \
        and reads_as_title(whole[2])
