"""Unnumbered English subheadings among a report's numbered headings.

A short English line right under a numbered heading, before its paragraphs
(`2.3 議題二` / `Semiconductor supply chain` / …), is a subheading only when
the report does so at that place more than once: under two or more headings
of the same family and level, each with no numbered heading of its own (a
numbered child would be a sibling numbered otherwise). A line that ends a
sentence is never one, nor a long one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .model import Heading, OutlineEntry

# The style of an unnumbered English subheading in the outline.
ENGLISH_STYLE = "english"
MAX_WORDS = 10
ENGLISH_LINE_RE = re.compile(r"^[A-Z][A-Za-z0-9&/'’\-,() ]*[A-Za-z0-9)]$")


@dataclass(frozen=True)
class Candidate:
    line: int  # id() of the Line
    heading: Heading  # the numbered heading it stands under
    style: str  # that heading's family
    text: str


def looks_like_subheading(text: str) -> bool:
    """Short, English, and not a sentence: no full stop, colon or comma at its end."""
    text = text.strip()
    return bool(ENGLISH_LINE_RE.match(text)) and len(text.split()) <= MAX_WORDS


def accepted(candidates: list[Candidate], outline: list[OutlineEntry]) -> set[int]:
    """The candidate lines that are subheadings, from a first reading of the body."""
    with_children = {e.parents[-1] for e in outline if e.parents}
    places: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
    for c in candidates:
        if c.heading not in with_children:
            places[(c.style, c.heading.level)].append(c)
    return {c.line for found in places.values() if len({c.heading for c in found}) >= 2
            for c in found}
