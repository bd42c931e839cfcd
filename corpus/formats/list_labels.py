"""The labels a word processor generates for numbered paragraphs (Word's
numbering.xml, an ODT list or outline style), as the reader would have typed
them: ``一、``, ``（二）``, ``1.2``, ``第三章``, ``Ⅳ.``.

A numbering format turns a count into digits, letters or Chinese numerals;
a label template (``%1.%2`` in Word, prefix/suffix and the levels shown in
ODT) places the counts of the levels above. Counters go on per list and
restart below a level that moves on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DIGITS_ZH = "〇一二三四五六七八九"
LEGAL_ZH = "零壹貳參肆伍陸柒捌玖"
LEGAL_SIMPLIFIED = "零壹贰叁肆伍陆柒捌玖"
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# A label ending in one of these is followed by its text directly (一、前言, （一）目的);
# any other by a space (1.1 背景, Chapter 1 Introduction).
CLOSING = "、．，。：:)）】」』]"
# The symbols a word processor prints before a bulleted item (Word's defaults,
# its symbol gallery, and what officials pick from it).
# A symbol font (Symbol, Wingdings) maps its glyphs to the private-use codes
# U+F020..U+F0FF: a bullet printed in one reads as one of them.
BULLET_CLASS = "[•●○◆◇■□▪▫◼◻➢➤►▶▸✓✔❖※◎★☆◘◙\uf020-\uf0ff]"
BULLET_RE = re.compile(BULLET_CLASS)


def is_bullet(char: str) -> bool:
    """Whether `char` is a bullet's symbol, as printed or in a symbol font."""
    return len(char) == 1 and BULLET_RE.fullmatch(char) is not None


def counting(n: int, digits: str = DIGITS_ZH, ten: str = "十", hundred: str = "百",
             thousand: str = "千") -> str:
    """一, 十, 十一, 二十一, 一百〇五, 一千二百: Chinese counting numerals."""
    if n <= 0:
        return digits[0]
    if n < 20 and ten == "十":
        return (ten if n >= 10 else "") + (digits[n % 10] if n % 10 or n < 10 else "")
    out, zero = "", False
    for unit, name in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero and out:
                out += digits[0]
            out += digits[d] + name
            zero = False
        elif out:
            zero = True
        if not n:
            break
    return out


def roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def letters(n: int) -> str:
    """a .. z, aa .. zz (Word and LibreOffice repeat the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def alphabetic(n: int) -> str:
    """a .. z, aa, ab .. az, ba (LibreOffice's letters without letter sync)."""
    out = ""
    while n > 0:
        n, k = divmod(n - 1, 26)
        out = chr(ord("a") + k) + out
    return out


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def format_count(n: int, fmt: str) -> str | None:
    """`n` in one of Word's numFmt values (or an ODT num-format mapped to one);
    None for a format that is no label (bullet, none)."""
    fmt = fmt or "decimal"
    if fmt in ("bullet", "none"):
        return None
    if fmt in ("upperRoman", "lowerRoman"):
        text = roman(n)
        return text if fmt == "upperRoman" else text.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        text = letters(n)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("upperAlphabetic", "lowerAlphabetic"):  # ODT letters, not synchronised
        text = alphabetic(n)
        return text.upper() if fmt == "upperAlphabetic" else text
    if fmt in ("taiwaneseCounting", "taiwaneseCountingThousand", "chineseCounting",
               "chineseCountingThousand", "japaneseCounting", "koreanCounting"):
        return counting(n)
    if fmt in ("ideographLegalTraditional", "chineseLegalSimplified", "japaneseLegal"):
        digits = LEGAL_SIMPLIFIED if fmt == "chineseLegalSimplified" else LEGAL_ZH
        return counting(n, digits, "拾", "佰", "仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(DIGITS_ZH[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac", "ideographZodiacTraditional"):
        cycle = STEMS if fmt == "ideographTraditional" else BRANCHES
        return cycle[(n - 1) % len(cycle)]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return full_width(str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else f"({n})"
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, decimalHalfWidth, ordinal and the rest


def join_label(label: str, text: str, separator: str | None = None) -> str:
    """A generated label before its paragraph's text, as typed."""
    if not label:
        return text
    if separator is None:
        separator = "" if label[-1] in CLOSING or not text else " "
    return label + separator + text


def contents_entry(text: str) -> str:
    """A generated contents page's entry as typed: the tab a word processor
    puts between a heading's number and its title (壹、<tab>目的<tab>3)
    becomes a space; the one before the page number stays, a leader."""
    head, tab, page = text.rpartition("\t")
    return " ".join(head.split("\t")) + tab + page if tab else text


@dataclass
class Counters:
    """The counts of one list's levels (0-based), restarting below a level
    that moves on."""

    counts: dict[int, int] = field(default_factory=dict)

    def step(self, level: int, start: int = 1,
             restart_below: dict[int, int] | None = None) -> dict[int, int]:
        """Count an item at `level`. A deeper level restarts, unless
        `restart_below` gives it another bound (Word's ``w:lvlRestart``): it
        restarts only under an item above that level (0-based), never at 0."""
        if level in self.counts:
            self.counts[level] += 1
        else:
            self.counts[level] = start
        bounds = restart_below or {}
        for deeper in [k for k in self.counts if k > level and level < bounds.get(k, k)]:
            del self.counts[deeper]
        return self.counts

    def restart(self, level: int) -> None:
        for k in [k for k in self.counts if k >= level]:
            del self.counts[k]
