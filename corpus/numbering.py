"""Where a heading's label stands in its family's count, and whether a line
that fills the whole width is a heading all the same.

In wrapped text (and a PDF's lines), a numbered line that runs to the wrap
width looks like the first line of a paragraph that goes on, as a list item's
does (`一、<topic>：<sentence that wraps>`). It is a heading when its text
reads as a title (no sentence or clause punctuation outside brackets) and its
label carries an outline of headings on: it is the next after a heading of
its family (2.3 then 2.4, 貳、 then 參、, （二） then （三）), or it is the first
of its family and the next label of the family, before the family above goes
on, stands as a heading of its own (a title on a line it does not fill).
A title longer than the line, its next line a short tail with no label of
its own (runs_past), is a heading whose title wraps, as one that fits a line
is. A line shows that it stops where it ends (line_stops) when a blank line, an
indented paragraph or a heading of a family below comes right after it, or
when the next line's first word would have fitted on it: then it is a
heading as a shorter line is. Every numbering family counts alike: Chinese,
formal (壹貳參) and Arabic numerals, decimals, Roman numerals and Latin
letters; spans (第 10～12 週, Day 2–4) count from their first number to their
last.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .annexes import zh_number
from .headings import CIRCLED_RE, STEMS, STYLES_BY_START, match_heading, start_class
from .marks import SIGNS, STYLE_PREFIX, is_marked_style, marked_heading
from .memo import per_report
from .spacing import join_fragments

UPPER_TO_ZH = str.maketrans("壹貳參叁肆伍陸柒捌玖拾", "一二三三四五六七八九十")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
DECIMAL_RE = re.compile(r"^(\d{1,3}(?:[.\-–]\d{1,3})+)\.?$")
NUMBER_RE = re.compile(r"\d{1,3}|[〇零一二三四五六七八九十百壹貳參叁肆伍陸柒捌玖拾]+")
ROMAN_RE = re.compile(r"[IVXivx]+")
LETTER_RE = re.compile(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])")
# An English label's word and its count in Roman numerals, run together once
# spaces are dropped (PartIII, CHAPTERIV, ModuleII).
WORD_ROMAN_RE = re.compile(r"(?i:part|chapter|module|session|section|day|week|annex|appendix"
                           r"|unit|volume|book|stage|phase|topic|lesson|article)([IVXivx]+)")
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
    text = unicodedata.normalize("NFKC", label).replace(" ", "").lstrip("§")
    m = DECIMAL_RE.match(text)
    if m:
        value = tuple(int(n) for n in re.split(r"[.\-–]", m.group(1)))
        return value, value
    if style == "latin-decimal":  # C.2: the chapter's letter, then the number
        letter, number = re.split(r"[.．]", text, maxsplit=1)
        value = (ord(letter.lower()) - ord("a") + 1, int(number))
        return value, value
    if style.startswith("stem"):
        found = [STEMS.index(t) + 1 for t in text if t in STEMS]
    elif style.startswith("roman"):
        found = [roman(t) for t in ROMAN_RE.findall(text)]
    elif style.startswith("latin"):
        found = [ord(t.lower()) - ord("a") + 1 for t in LETTER_RE.findall(text)]
    elif (m := WORD_ROMAN_RE.fullmatch(text)):
        found = [roman(m.group(1))]
    else:
        found = [zh_number(t.translate(UPPER_TO_ZH)) for t in NUMBER_RE.findall(text)] \
            or [ord(t.lower()) - ord("a") + 1 for t in LETTER_RE.findall(text)]  # 附錄 B
    values = [v for v in found if v is not None]
    if not values:
        return None
    return (values[0],), (values[-1],)


OPEN_BRACKET_RE = re.compile(r"[(（][^()（）]*$")


def reads_as_title(title: str) -> bool:
    """No sentence or clause punctuation outside brackets (a bracket a wrap
    left open runs to the line's end: 場次4A：碳捕捉（Carbon Capture, Utilisation and)."""
    return not CLAUSE_RE.search(OPEN_BRACKET_RE.sub("", BRACKETS_RE.sub("", title)))


def family_of(text: str) -> tuple[str, str] | None:
    """(family, label) of a line that starts with a label, whatever follows it
    (a list item's sentence too)."""
    circled = CIRCLED_RE.match(text.strip())
    if circled:
        return "circled", circled.group(1)
    line = unicodedata.normalize("NFKC", text.strip())
    for style, pattern in STYLES_BY_START.get(start_class(line[:1]), ()):
        m = pattern.match(line)
        if m and m.group(1).strip():
            return style, re.sub(r"\s+", "", m.group(1))
    return None


def next_label(style: str, label: str) -> tuple[int, ...] | None:
    span = label_span(style, label)
    return None if span is None else (*span[1][:-1], span[1][-1] + 1)


class Numbering:
    """The last label of each family read as a heading so far, in reading order."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[int, ...]] = {}

    def seen(self, style: str, label: str) -> None:
        span = label_span(style, label)
        if span is not None:
            self.last[style] = span[1]
        elif is_marked_style(style):
            self.last[style] = ()  # a sign counts nothing: that it headed something

    def follows(self, style: str, label: str) -> bool:
        """Whether the label is the next after the last heading of its family."""
        span = label_span(style, label)
        before = self.last.get(style)
        return span is not None and before is not None and len(before) == len(span[0]) \
            and before[:-1] == span[0][:-1] and span[0][-1] == before[-1] + 1

    def full_line_heading(self, found: tuple[str, str, str] | None,
                          sibling_stands: Callable[[str, tuple[int, ...]], bool],
                          stops: Callable[[], bool] | None = None) -> bool:
        """Whether a heading match (headings.match_heading) on a line that
        fills the width is a heading; `sibling_stands(family, count)` says
        whether the family's next label stands as a heading further on, and
        `stops()` whether the line shows it stops where it ends (line_stops)."""
        if found is None or not found[1] or not reads_as_title(found[2]):
            return False
        if self.follows(found[0], found[1]) or stops is not None and stops() \
                or named_in_brackets(found[2]):
            return True
        if is_marked_style(found[0]):
            # A sign's title (no clause in it, corpus.marks) a line long, in a
            # family that already heads a part or whose next sign stands as a
            # heading further on: a heading, not an item's first line.
            return found[0] in self.last or sibling_stands(found[0], ())
        span = label_span(found[0], found[1])
        return span is not None and span[0][-1] == 1 and \
            sibling_stands(found[0], next_label(found[0], found[1]))


# A title's own words, brackets aside, when an English name in brackets fills
# the rest of its line: a few words, as a name is.
GLOSS_END_RE = re.compile(r"[(（][^()（）]*[A-Za-z]{2,}[^()（）]*[)）]$")
MAX_GLOSSED = 16


def named_in_brackets(title: str) -> bool:
    """A title of a few words whose English name in brackets closes at the
    line's end (奧地利國家銀行(Oesterreichische Nationalbank, OeNB)): the
    name filled the line, the title ends there; a sentence cut at the wrap
    has more words of its own."""
    own = BRACKETS_RE.sub("", title).strip()
    return bool(GLOSS_END_RE.search(title.strip())) and 0 < len(own) <= MAX_GLOSSED


# Families that name what they number (第三章, 議題一, Day 2, 附件一): a run of
# them line after line is an outline, not the items of a list.
NAMED_FAMILIES = frozenset({"volume", "chapter", "section", "day", "agenda", "session", "stop",
                            "appendix"})


def in_item_run(before: str | None, after: str | None, style: str, label: str) -> bool:
    """Whether a numbered line stands right next to the label before or after
    it in its family, with no line between (1. 會議開幕 / 2. 通過議程 / …): the
    items of a list, each a line, not headings each with nothing under it."""
    if style in NAMED_FAMILIES:
        return False
    span = label_span(style, label)
    if span is None:
        return False
    for text, first, second in ((after, label, None), (before, None, label)):
        family = family_of(text) if text else None
        if family is None or family[0] != style:
            continue
        first, second = first or family[1], second or family[1]
        second_span = label_span(style, second)
        if second_span is not None and next_label(style, first) == second_span[0]:
            return True
    return False


# How far on a first label's next sibling is looked for, in lines.
SIBLING_SCAN = 400


def next_sibling(lines: list[tuple[str, bool]], style: str, count: tuple[int, ...],
                 ancestors: set[str]) -> bool:
    """Whether, among the (text, fills the width) lines after a first label, the
    family's next label stands as a heading (a title on a line it does not
    fill) before a label of a family in `ancestors`, or of this family, does
    not."""
    for text, full in lines[:SIBLING_SCAN]:
        family = family_of(text) if text else None
        if family is None and text and text.strip()[:1] in SIGNS:
            # ▍貳、…: a sign before a numbered label is read by the label
            rest = text.strip()[1:].lstrip()
            family = family_of(rest) if rest else None
            if family is not None:
                text = rest
            else:
                family = (STYLE_PREFIX + text.strip()[0], text.strip()[0])
        if family is None:
            continue
        if family[0] == style and is_marked_style(style):
            return marked_heading(text) is not None and not full
        if family[0] == style:
            span, found = label_span(style, family[1]), match_heading(text)
            return span is not None and span[0] == count and found is not None \
                and reads_as_title(found[2]) and not full
        if family[0] in ancestors:
            return False
    return False


def line_stops(after: list[tuple[str, bool, bool]], wrapped: bool) -> bool:
    """Whether a numbered line that fills the width stops there, as a heading
    does, rather than going on as a list item's first line. `after`: the
    (text, starts indented, fills the width) lines after it; `wrapped`:
    whether the next line's first word would not have fitted on it. It
    stops where a blank line comes next, or the next line starts indented (a
    paragraph's first line), or is a heading (a label and a title on a line
    it does not fill), or its first word would have fitted."""
    if not after or not after[0][0]:
        return bool(after)  # a blank line after it
    text, indented, full = after[0]
    if indented or not wrapped:
        return True
    found = match_heading(text) if family_of(text) else None
    return found is not None and bool(found[1]) and not full and reads_as_title(found[2])


def heading_tail(heading: str, line: str) -> bool:
    """Whether `line` ends a heading wrapped after its first line: the two
    read as one heading with the same label, a title still."""
    first, whole = match_heading(heading), match_heading(join_fragments(heading, line))
    return first is not None and whole is not None and whole[1] == first[1] \
        and reads_as_title(whole[2])


# A title's Chinese name alone on a line: Han and the marks a name holds.
CHINESE_NAME_RE = re.compile(r"^[\u3400-\u9fff][\u3400-\u9fff（）()、・‧]{1,29}$")
LATIN_TITLE_RE = re.compile(r"^[A-Za-z][\x20-\x7e]*$")


def translated_title(title: str, line: str) -> bool:
    """Whether `line`, right under a heading titled in Latin letters alone, is
    that title in Chinese (Chapter 3  Meeting Proceedings / 會議過程, 3.2
    Session A1: Utility Meters / 公用事業計量器工作組, Module 1：Data Assimilation
    / 資料同化 with full-width punctuation): a name, no sentence."""
    title = unicodedata.normalize("NFKC", title)
    return bool(LATIN_TITLE_RE.match(title.strip())) and re.search(r"[a-z]", title) is not None \
        and bool(CHINESE_NAME_RE.match(line.strip()))


def runs_past(heading: str, tail: str, tail_full: bool) -> bool:
    """Whether a numbered line that fills the width is a heading whose title
    runs past the line (a bracket or a quote left open at its end, or a title
    longer than the line), ended by `tail`, the next line: one that fills no
    line and starts with no label of its own, the two read as one heading
    with the same label, a title still, as a heading on a shorter line is."""
    return bool(tail.strip()) and not tail_full \
        and (family_of(tail) is None or closes_bracket(heading, tail)) \
        and heading_tail(heading, tail)


# A label-like start closing a bracket (A）, 2）): of a heading's tail when
# the heading's line left the bracket open (…碼頭（Terminal / B）之營運).
CLOSING_LABEL_RE = re.compile(r"^\s*[A-Za-z0-9０-９Ａ-Ｚａ-ｚ]{1,2}\s*[)）]")


def closes_bracket(heading: str, tail: str) -> bool:
    """Whether `tail`, starting like a label (A）), closes a bracket the
    heading's line left open: the heading's tail, no item of its own."""
    return bool(CLOSING_LABEL_RE.match(tail)) and left_open(heading) \
        and heading_tail(heading, tail)


OPENERS, CLOSERS = "(（「『【〔[", ")）」』】〕]"


@per_report
def left_open(text: str) -> bool:
    """Whether a line leaves a bracket or a quote open at its end."""
    depth = 0
    for char in text:
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS:
            depth = max(0, depth - 1)
    return depth > 0
