"""The labels an ODT's list and outline styles generate (``text:list-style``,
``text:outline-style``): not in the text, drawn by the word processor from
the level's number format, prefix, suffix and the levels it shows
(``1.2``), counting the items of a list, or the headings of the document,
as it goes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .list_labels import Counters, format_count

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
LOEXT = "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}"
PLACE_RE = re.compile(r"%([1-9]|10)%")
# ODF's num-format letters, and LibreOffice's names of its CJK formats by
# their first numeral (一, 二, 三, ...).
FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
           "I": "upperRoman", "一": "taiwaneseCounting", "壹": "ideographLegalTraditional",
           "甲": "ideographTraditional", "子": "ideographZodiac", "１": "decimalFullWidth",
           "①": "decimalEnclosedCircle", "〇": "ideographDigital", "零": "ideographDigital"}


@dataclass(frozen=True)
class LevelStyle:
    fmt: str | None  # None: a bullet or no number
    prefix: str = ""
    suffix: str = ""
    shown: int = 1  # text:display-levels
    start: int = 1
    gap: str | None = None  # what follows the label: nothing, a space, or a tab (None)
    template: str = ""  # LibreOffice's loext:num-list-format: "%1%-%2%" (any text between)


def level_styles(element) -> dict[int, LevelStyle]:
    levels = {}
    for child in element:
        level = int(child.get(f"{TEXT}level", "1"))
        if child.tag in (f"{TEXT}list-level-style-number", f"{TEXT}outline-level-style"):
            raw = child.get(f"{STYLE}num-format", "")
            fmt = FORMATS.get(raw[:1]) if raw else None
            if raw.replace(" ", "").startswith("壹,贰"):
                fmt = "chineseLegalSimplified"
            if fmt in ("upperLetter", "lowerLetter") \
                    and child.get(f"{STYLE}num-letter-sync") != "true":
                fmt = fmt.replace("Letter", "Alphabetic")  # Z, AA, AB (synchronised: Z, AA, BB)
            shown, start = child.get(f"{TEXT}display-levels", "1"), \
                child.get(f"{TEXT}start-value", "1")
            alignment = child.find(f"{STYLE}list-level-properties/"
                                   f"{STYLE}list-level-label-alignment")
            followed = alignment.get(f"{TEXT}label-followed-by") \
                if alignment is not None else None
            levels[level] = LevelStyle(fmt, child.get(f"{STYLE}num-prefix", ""),
                                       child.get(f"{STYLE}num-suffix", ""),
                                       int(shown) if shown.isdigit() else 1,
                                       int(start) if start.isdigit() else 1,
                                       {"nothing": "", "space": " "}.get(followed or ""),
                                       child.get(f"{LOEXT}num-list-format", ""))
        else:
            levels[level] = LevelStyle(None)
    return levels


class OdtNumbering:
    """List styles and the outline style of a document's parts, and the counts."""

    def __init__(self, roots) -> None:
        self.lists: dict[str, dict[int, LevelStyle]] = {}
        self.outline: dict[int, LevelStyle] = {}
        self.paragraph_lists: dict[str, str] = {}
        self.parents: dict[str, str] = {}
        self.in_outline: set[str] = set()  # paragraph styles chapter numbering applies to
        for root in roots:
            for element in root.iter(f"{TEXT}list-style"):
                self.lists[element.get(f"{STYLE}name", "")] = level_styles(element)
            for element in root.iter(f"{TEXT}outline-style"):
                self.outline = level_styles(element)
            for element in root.iter(f"{STYLE}style"):
                name = element.get(f"{STYLE}name", "")
                if element.get(f"{STYLE}list-style-name"):
                    self.paragraph_lists[name] = element.get(f"{STYLE}list-style-name")
                if element.get(f"{STYLE}default-outline-level"):
                    self.in_outline.add(name)
                if element.get(f"{STYLE}parent-style-name"):
                    self.parents[name] = element.get(f"{STYLE}parent-style-name")
        self.headings = Counters()
        self.instances: dict[str, Counters] = {}  # by list style: the last list's counts
        self.named: dict[str, Counters] = {}  # by a list's xml:id

    def chain(self, paragraph_style: str | None):
        seen: set[str] = set()
        while paragraph_style and paragraph_style not in seen:
            seen.add(paragraph_style)
            yield paragraph_style
            paragraph_style = self.parents.get(paragraph_style)

    def style_list(self, paragraph_style: str | None) -> str | None:
        """The list style a paragraph style gives, through its parents."""
        return next((self.paragraph_lists[s] for s in self.chain(paragraph_style)
                     if s in self.paragraph_lists), None)

    def numbers_heading(self, paragraph_style: str | None) -> bool:
        """Whether chapter numbering applies to a heading of this style: its
        style (or one it derives from) is assigned an outline level, and
        names no list style of its own."""
        for style in self.chain(paragraph_style):
            if self.paragraph_lists.get(style) is not None:
                return False
            if style in self.in_outline:
                return True
        return False

    def list_counters(self, style: str, continued: bool, continues: str | None = None,
                      list_id: str | None = None) -> Counters:
        """The counts of a new list: those of the list it names (text:continue-list),
        or the last list's of its style if it goes on (text:continue-numbering, or
        a continue-list naming no list read)."""
        if continues is not None and continues in self.named:
            counters = self.named[continues]
        elif (continued or continues is not None) and style in self.instances:
            counters = self.instances[style]
        else:
            counters = Counters()
        self.instances[style] = counters
        if list_id:
            self.named[list_id] = counters
        return counters

    def heading_label(self, level: int, start: int | None = None,
                      restart: bool = False) -> tuple[str, str | None]:
        """A numbered heading's label; text:restart-numbering starts its level
        again, at text:start-value or the level's own start."""
        if restart and start is None:
            start = self.outline.get(level, LevelStyle(None)).start
        return label(self.outline, self.headings, level, start)

    def item_label(self, style: str, counters: Counters, level: int,
                   start: int | None = None) -> tuple[str, str | None]:
        return label(self.lists.get(style, {}), counters, level, start)


def label(levels: dict[int, LevelStyle], counters: Counters, level: int,
          start: int | None = None) -> tuple[str, str | None]:
    """Count an item at `level` (1-based) and give the label it is drawn
    with, and what follows it (corpus.formats.list_labels.join_label)."""
    style = levels.get(level)
    if style is None:
        return "", None
    if start is not None:
        counters.restart(level - 1)
    counts = counters.step(level - 1, start if start is not None else style.start)
    if style.fmt is None:
        return "", None

    def number(k: int) -> str:
        above = levels.get(k, LevelStyle("decimal"))
        return format_count(counts.get(k - 1, above.start), above.fmt or "decimal") or ""

    if style.template:  # what LibreOffice prints when it says so itself
        return PLACE_RE.sub(lambda m: number(int(m.group(1))), style.template), style.gap
    numbers = [number(k) for k in range(max(1, level - style.shown + 1), level + 1)]
    return f"{style.prefix}{'.'.join(numbers)}{style.suffix}", style.gap
