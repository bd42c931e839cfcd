"""Annexes and appendices, and the references the text makes to them.

An annex is named by a word (附件, 附錄, 附表, Annex, Appendix) and an index
written as a Chinese numeral, an Arabic numeral, a Latin letter, a Roman
numeral or a heavenly stem: 附錄二, 附錄 B, 附件 3, 附件甲, Annex 2, Appendix B.
附件 and Annex are one series, 附錄 and Appendix another, 附表 a third. Each annex gets a number of
its own in the report (its index, unless another series took it), and a
reference in any spelling resolves to that number.
"""

from __future__ import annotations

import re
import unicodedata

from .marks import SIGNS
from .model import Annex

SERIES = {"附件": "annex", "annex": "annex", "附錄": "appendix", "appendix": "appendix",
          "附表": "schedule"}
ZH_NUMBERS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# The heavenly stems (附件甲, 附件乙) count as letters do.
STEMS = "甲乙丙丁戊己庚辛壬癸"
INDEX = (r"(?:\d{1,3}|[〇零一二三四五六七八九十]{1,3}|[A-Z](?![A-Za-z])|[IVX]{1,4}(?![A-Za-z])|"
         rf"[{STEMS}])")
WORD = r"(?:附件|附錄|附表|[Aa]nnex|ANNEX|[Aa]ppendix|APPENDIX)"
REFERENCE_RE = re.compile(
    rf"({WORD})\s*({INDEX})((?:\s*(?:[、,，及和與]|and|&)\s*{INDEX})*)")
NEXT_INDEX_RE = re.compile(INDEX)
# What a text that refers to an annex holds, in any width.
MARKS = ("附", "nnex", "NNEX", "ppendix", "PPENDIX",
         "ｎｎｅｘ", "ＮＮＥＸ", "ｐｐｅｎｄｉｘ", "ＰＰＥＮＤＩＸ")
LABEL_RE = re.compile(rf"^({WORD})\s*({INDEX})$")
WORD_RE = re.compile(rf"^{WORD}$")


def zh_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; digits as they are; None for anything else."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in ZH_NUMBERS and c != "十" for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return (ZH_NUMBERS.get(tens, 1) if tens else 1) * 10 + (ZH_NUMBERS.get(ones, 0)
                                                                if ones else 0)
    return ZH_NUMBERS[text] if len(text) == 1 else None


def roman_number(text: str) -> int | None:
    if not text or any(c not in ROMAN_VALUES for c in text):
        return None
    values = [ROMAN_VALUES[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                for i, v in enumerate(values))
    return total if 0 < total < 40 else None


def index_of(text: str) -> tuple[str, int] | None:
    """The kind of an annex index (number or letter) and its value."""
    value = zh_number(text)
    if value is not None:
        return ("number", value)
    if len(text) == 1 and "A" <= text <= "Z":
        return ("letter", ord(text) - ord("A") + 1)
    if len(text) == 1 and text in STEMS:
        return ("letter", STEMS.index(text) + 1)
    value = roman_number(text)
    return ("number", value) if value is not None else None


def series_of(word: str) -> str:
    return SERIES[word.lower() if word.isascii() else word]


class AnnexRegistry:
    """The annexes of one report, by series and index, with the numbers they get."""

    def __init__(self) -> None:
        self.annexes: list[Annex] = []
        self.numbers: dict[tuple[str, str, int], int] = {}

    def key(self, word: str, index: str) -> tuple[str, str, int] | None:
        found = index_of(index)
        return (series_of(word), *found) if found else None

    def register(self, label: str, title: str) -> int | None:
        """An annex heading's label (附錄二, Annex B) and title; its number."""
        folded = unicodedata.normalize("NFKC", label).strip().strip("【】" + SIGNS).strip()
        m = LABEL_RE.match(folded)
        key = self.key(m.group(1), m.group(2)) if m else None
        if key is None and title and WORD_RE.match(folded):
            # A word with no index (附件　訓練證書): the one annex of its
            # series, first of it if it is the first.
            series = series_of(folded)
            key = (series, "number", 1) if (series, "number", 1) not in self.numbers \
                else (series, "unnumbered", len(self.annexes) + 1)
        return None if key is None else self.add(key, label, title)

    def retitle(self, label: str, title: str) -> None:
        """The last annex's title, continued on the next line (its Chinese name
        under an English one)."""
        if self.annexes and self.annexes[-1].label == label:
            last = self.annexes[-1]
            self.annexes[-1] = Annex(last.number, title, last.label)

    def add_listed(self, word: str, number: int, title: str) -> None:
        """An annex a list of annexes names by number (柒、附件 / 1. <title>)."""
        self.add((series_of(word), "number", number), f"{word} {number}", title)

    def add(self, key: tuple[str, str, int], label: str, title: str) -> int:
        if key in self.numbers:
            return self.numbers[key]
        taken = {a.number for a in self.annexes}
        number = key[2] if key[2] not in taken else max(taken) + 1
        self.numbers[key] = number
        self.annexes.append(Annex(number, title, label))
        return number

    def cited(self, text: str) -> list[int]:
        """The annexes a text refers to: 附件 4, (附件 1、2), 詳如附錄 B, see Annex 2.

        A numbered 附件 is an annex even when no heading registers it (the
        report's list may not survive), unless another annex has its number;
        any other spelling counts only when the report has such an annex, so
        附件一覽表 is not 附件一.
        """
        numbers: list[int] = []
        if not any(w in text for w in MARKS):
            return numbers  # most passages: no reference
        folded = unicodedata.normalize("NFKC", text)
        for m in REFERENCE_RE.finditer(folded):
            word = m.group(1)
            for index in [m.group(2), *NEXT_INDEX_RE.findall(m.group(3))]:
                key = self.key(word, index)
                if key is None:
                    continue
                number = self.numbers.get(key)
                if number is None and key[0] == "annex" and index.isdigit() \
                        and all(a.number != int(index) for a in self.annexes):
                    number = int(index)
                if number is not None and number not in numbers:
                    numbers.append(number)
        return numbers
