"""Headings marked by a sign instead of a number: ■ 考察目的 over ◎ 收容概況.

Each sign is a family of its own, nested as numbering families nest (the
first one a report uses is its top level). A sign marks headings only as a
title reads: short, no clause or sentence mark in it (■ 德國郵政指出，… is a
bulleted item). And a report that starts a line of prose with the sign, or
two lines in a row with it, uses it for list items: there it heads nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .formats.model import Line

# (□ is left out: an unticked box of a form, far more often than a heading's sign.)
# The bars a heading is set off with (▍壹、前言) are signs as well.
SIGNS = "■◆◇◎●○★☆▲△▶►◼◾▪◈▣▍▌▎▋▊▉▐▏"
BOXES = "□☐☑☒✓✔"
# A form's trip types, each ticked in a box: ■開會 on a line of its own.
TRIP_TYPE_RE = re.compile(r"^(?:開會|考察|研習|進修|研究|實習|訪問|洽公|談判|其他)$")
MARKED_RE = re.compile(rf"^([{SIGNS}])[ \u3000]*(\S.*?)\s*$")
# What a title holds no one of: a clause or sentence mark outside brackets.
CLAUSE_RE = re.compile(r"[，。；,;！？!?]")
BRACKETS_RE = re.compile(r"[(（][^()（）]*[)）]")
PAIRS = ("()", "（）", "「」", "『』", "《》", "〈〉")
MAX_MARKED_TITLE = 60  # as a numbered title (corpus.headings.MAX_TITLE)
STYLE_PREFIX = "mark"
# An annex named after the sign: ■ 附錄　考察照片, ◆ 附件一 議程.
ANNEX_RE = re.compile(r"^(附錄|附件|附表)\s*([一二三四五六七八九十\d]*)[\s\u3000：:、]+(\S.*)$")


def marked(text: str) -> tuple[str, str] | None:
    """(sign, title) when a line is a sign and a title."""
    m = MARKED_RE.match(text.strip())
    if m is None:
        return None
    title = m.group(2)
    bare = BRACKETS_RE.sub("", title)
    if len(re.sub(r"\s+", "", bare)) > MAX_MARKED_TITLE or not re.search(r"[^\W\d_]", bare):
        return None
    if any(c in SIGNS or c in BOXES for c in title):
        return None  # ■開會 □考察 □研習: boxes ticked, a form's choice
    if TRIP_TYPE_RE.match(title.strip()):
        return None  # ■開會: the trip's type ticked in the form
    if any(title.count(a) > title.count(b) for a, b in PAIRS):
        return None  # a bracket left open: a wrapped item's first line goes on
    if CLAUSE_RE.search(bare):
        return None  # a sentence under way (a colon may follow a title's word: 實地查核：…)
    return m.group(1), title


def marked_heading(text: str) -> tuple[str, str, str] | None:
    """(family, label, title) of a marked heading, as headings.match_heading
    gives a numbered one: the family `mark<sign>`, or an annex's when the
    title names one (■ 附錄　考察照片)."""
    found = marked(text)
    if found is None:
        return None
    sign, title = found
    annex = ANNEX_RE.match(title)
    if annex:
        return ("appendix", f"{sign} {annex.group(1)}{annex.group(2)}", annex.group(3))
    return (STYLE_PREFIX + sign, sign, title)


def is_marked_style(style: str) -> bool:
    return style.startswith(STYLE_PREFIX) and len(style) == len(STYLE_PREFIX) + 1


def list_signs(lines: list[Line]) -> frozenset[str]:
    """The signs this text marks list items with: a sign some line of prose
    starts with, or two lines in a row."""
    out = set()
    before = None
    for line in lines:
        text = line.text.strip()
        sign = text[:1] if text[:1] and text[:1] in SIGNS else None
        if sign and marked(text) is None:
            out.add(sign)
        if sign and before == sign:
            out.add(sign)
        before = sign if text else None
    return frozenset(out)


# A heading marked as Markdown marks one (# 壹、前言, ## 一、緣起, ### Day 1):
# one to six hashes and a space before a title. The marks are the heading's
# level, as a word processor's outline level is; the title alone is its text.
HASHED_RE = re.compile(r"^(#{1,6})[ \t\u3000]+(\S.*?)\s*$")
MAX_HASHED_TITLE = 80
SENTENCE_END_RE = re.compile(r"[。！？!?；;]$")


def unhashed(line: Line) -> Line:
    """A line marked as a Markdown heading, its marks taken off and its level
    kept; any other line as it is (#1 優先, # 後接一句話。 are text)."""
    m = HASHED_RE.match(line.text.strip()) if line.text[:1] == "#" or \
        line.text.lstrip()[:1] == "#" else None
    if m is None or len(m.group(2)) > MAX_HASHED_TITLE or SENTENCE_END_RE.search(m.group(2)):
        return line
    return replace(line, text=m.group(2), heading=line.heading or len(m.group(1)))
