"""What a DOCX paragraph takes from its style and from Word's numbering:
its outline level (a Heading style, or an outline level set on the
paragraph or its style) and the label Word generates for it (``numPr``
on the paragraph or its style, defined in ``word/numbering.xml``).

A label is not in the paragraph's text: Word draws ``一、`` or ``1.1`` from
the list's level definition (``w:numFmt``, ``w:lvlText`` such as ``%1.%2``,
``w:start``), counting the paragraphs of the list as it goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .list_labels import Counters, format_count, join_label

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLE_RE = re.compile(r"^(?:heading|標題)\s*(\d)$", re.I)
CONTENTS_STYLE_RE = re.compile(r"^(?:toc|目錄)\s*\d$", re.I)
PLACEHOLDER_RE = re.compile(r"%([1-9])")


def val(element, name: str) -> str | None:
    """The w:val of the child `name` of `element`, or None."""
    if element is None:
        return None
    child = element.find(f"{W}{name}")
    return None if child is None else child.get(f"{W}val")


@dataclass
class Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None  # 1 for Heading 1 / outline level 0
    num_id: str | None = None
    num_level: int | None = None


class Styles:
    """Paragraph styles by id, with what they pass down through w:basedOn."""

    def __init__(self, root) -> None:
        self.styles: dict[str, Style] = {}
        self.default: str | None = None
        for element in root.iter(f"{W}style") if root is not None else ():
            if element.get(f"{W}type", "paragraph") != "paragraph":
                continue
            style_id = element.get(f"{W}styleId") or ""
            p_pr = element.find(f"{W}pPr")
            num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
            level = val(p_pr, "outlineLvl")
            ilvl = val(num_pr, "ilvl")
            self.styles[style_id] = Style(
                name=val(element, "name") or "", based_on=val(element, "basedOn"),
                outline=int(level) + 1 if level and level.isdigit() else None,
                num_id=val(num_pr, "numId"), num_level=int(ilvl) if ilvl else None)
            if element.get(f"{W}default") in ("1", "true"):
                self.default = style_id

    def chain(self, style_id: str | None):
        seen: set[str] = set()
        style_id = style_id or self.default
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield style_id, self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def outline_level(self, style_id: str | None) -> int | None:
        for _, style in self.chain(style_id):
            m = HEADING_STYLE_RE.match(style.name)
            if style.outline is not None:  # 10: body text, set on a style based on a heading
                return style.outline if style.outline < 10 else None
            if m:
                return int(m.group(1))
        return None

    def contents_entry(self, style_id: str | None) -> bool:
        """Whether the style is one of Word's contents-page styles (TOC 1, ...)."""
        return any(CONTENTS_STYLE_RE.match(style.name) for _, style in self.chain(style_id))

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        for _, style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.num_level
        return None, None


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False
    suffix: str = "tab"
    style: str | None = None
    restart: int | None = None  # w:lvlRestart: restarts under levels above this (0: never)


def read_level(element, into: Level | None = None) -> Level:
    level = into or Level()
    fmt, text, start = val(element, "numFmt"), val(element, "lvlText"), val(element, "start")
    level.fmt = fmt if fmt is not None else level.fmt
    level.text = text if text is not None else level.text
    level.start = int(start) if start and start.lstrip("-").isdigit() else level.start
    legal = element.find(f"{W}isLgl")
    level.legal = legal is not None and legal.get(f"{W}val", "1") not in ("0", "false")
    level.suffix = val(element, "suff") or level.suffix
    level.style = val(element, "pStyle") or level.style
    restart = val(element, "lvlRestart")
    level.restart = int(restart) if restart and restart.isdigit() else level.restart
    return level


@dataclass
class ListDef:
    abstract: str
    levels: dict[int, Level] = field(default_factory=dict)
    restarts: dict[int, int] = field(default_factory=dict)  # w:startOverride


class WordNumbering:
    """Word's numbering definitions, counting paragraphs in document order."""

    def __init__(self, root, styles: Styles) -> None:
        self.styles = styles
        abstracts: dict[str, tuple[dict[int, Level], str | None]] = {}
        self.lists: dict[str, ListDef] = {}
        if root is None:
            return
        for element in root.iter(f"{W}abstractNum"):
            levels = {int(lvl.get(f"{W}ilvl", "0")): read_level(lvl)
                      for lvl in element.iter(f"{W}lvl")}
            abstracts[element.get(f"{W}abstractNumId")] = (levels, val(element, "numStyleLink"))
        for element in root.iter(f"{W}num"):
            abstract = val(element, "abstractNumId") or ""
            levels, link = abstracts.get(abstract, ({}, None))
            if link and not levels:  # a list style's numbering, defined through the style
                linked, _ = styles.numbering(link)
                linked_num = root.find(f"{W}num[@{W}numId='{linked}']") if linked else None
                abstract = val(linked_num, "abstractNumId") or abstract
                levels = abstracts.get(abstract, ({}, None))[0]
            listed = ListDef(abstract, {k: Level(**vars(v)) for k, v in levels.items()})
            for override in element.iter(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl", "0"))
                start = val(override, "startOverride")
                if start and start.isdigit():
                    listed.restarts[ilvl] = int(start)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    listed.levels[ilvl] = read_level(lvl, listed.levels.get(ilvl))
            self.lists[element.get(f"{W}numId")] = listed
        self.counters: dict[str, Counters] = {}
        self.started: set[str] = set()

    def label(self, p_pr, style_id: str | None) -> tuple[str, str] | None:
        """The label Word draws before the paragraph, and what follows it (a
        space, nothing, or a tab: None), counting it; None when it has none."""
        num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
        num_id, ilvl = val(num_pr, "numId"), val(num_pr, "ilvl")
        style_num, style_level = self.styles.numbering(style_id)
        num_id = num_id if num_id is not None else style_num
        listed = self.lists.get(num_id or "")
        if listed is None:  # numId 0 takes a style's numbering away
            return None
        if ilvl is not None and ilvl.isdigit():
            level = int(ilvl)
        elif style_level is not None:
            level = style_level
        else:  # a style linked to a level of the list
            ids = {sid for sid, _ in self.styles.chain(style_id)}
            level = next((k for k, v in listed.levels.items() if v.style in ids), 0)
        definition = listed.levels.get(level)
        if definition is None:
            return None
        counters = self.counters.setdefault(listed.abstract, Counters())
        if num_id not in self.started:
            self.started.add(num_id)
            for k in listed.restarts:
                counters.restart(k)
        start = listed.restarts.get(level, definition.start)
        counts = counters.step(level, start, {k: v.restart for k, v in listed.levels.items()
                                              if v.restart is not None})

        def place(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            above = listed.levels.get(k, Level())
            n = counts.get(k, listed.restarts.get(k, above.start))
            # Legal numbering writes every level's number in Arabic digits.
            fmt = "decimal" if definition.legal and above.fmt not in ("none", "bullet") \
                else above.fmt
            return format_count(n, fmt) or ""

        if definition.fmt == "bullet":
            return None  # a bullet: no label of the text
        label = PLACEHOLDER_RE.sub(place, definition.text).strip()
        if not label:
            return None
        return label, {"nothing": "", "space": " "}.get(definition.suffix)


def paragraph_label(label: tuple[str, str] | None, text: str) -> str:
    return text if label is None else join_label(label[0], text, label[1])
