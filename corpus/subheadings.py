"""Unnumbered English subheadings among a report's numbered headings.

A short English line right under a numbered heading, before its paragraphs
(`2.3 議題二` / `Semiconductor supply chain` / …), is a subheading only when
the report does so at that place more than once: under two or more headings
of the same family and level, each with no numbered heading of its own (a
numbered child would be a sibling numbered otherwise). A line that ends a
sentence is never one, nor a long one.

Among a heading's paragraphs, a short English line standing alone (the text
before it ends a sentence, a paragraph of Chinese text follows it) is a
subheading when two or more stand so under the same heading: the talks of a
part on sessions (`（三）論壇場次` / … / `Keynote: Asia Travel Outlook` / … /
`Travel Tech: AI in Distribution` / …), each over its own paragraphs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .model import Heading, OutlineEntry

# The style of an unnumbered English subheading in the outline.
ENGLISH_STYLE = "english"
MAX_WORDS = 10
# A label and a name may be parted by a colon inside it (Keynote: Asia Outlook).
ENGLISH_LINE_RE = re.compile(r"^[A-Z][A-Za-z0-9&/'’\-,() ]*(?::\s*[A-Za-z0-9&/'’\-,() ]+)?"
                             r"[A-Za-z0-9)]$")


@dataclass(frozen=True)
class Candidate:
    line: int  # id() of the Line
    heading: Heading  # the numbered heading it stands under
    style: str  # that heading's family
    text: str
    inner: bool = False  # standing alone among the heading's paragraphs


def looks_like_subheading(text: str) -> bool:
    """Short, English, and not a sentence: no full stop, colon or comma at its end."""
    text = text.strip()
    return bool(ENGLISH_LINE_RE.match(text)) and len(text.split()) <= MAX_WORDS


def accepted(candidates: list[Candidate], outline: list[OutlineEntry]) -> set[int]:
    """The candidate lines that are subheadings, from a first reading of the body."""
    with_children = {e.parents[-1] for e in outline if e.parents}
    places: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
    inner: dict[Heading, list[Candidate]] = defaultdict(list)
    for c in candidates:
        if c.heading not in with_children:
            if c.inner:
                inner[c.heading].append(c)
            else:
                places[(c.style, c.heading.level)].append(c)
    return {c.line for found in places.values() if len({c.heading for c in found}) >= 2
            for c in found} | {c.line for found in inner.values() if len(found) >= 2 for c in found}
