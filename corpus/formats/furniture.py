"""Page furniture typed into a word processor's body, and the paragraphs it cuts.

A DOCX or ODT keeps its page headers, footers and page numbers out of the
body, but reports converted from print often carry them typed in: a
``第 3 頁，共 12 頁``, ``- 3 -`` or ``Page 3 of 12`` paragraph, the title
typed again at the top of every page, each beside a page break. Such lines
are furniture (a header: the same line at the top of two pages or more); a
paragraph they cut in mid-sentence is joined again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..cleanup import TEXT_MARK_RE, is_page_number, line_key
from ..paragraphs import SENTENCE_END_RE, join_fragments
from .model import Line

LONGEST_RUNNING_LINE = 60
NOTE_MARKS_RE = re.compile(r"(?:\[\w{1,4}\])+$")


def is_text(line: Line) -> bool:
    """A paragraph of running text: no heading, note, table row or furniture."""
    return bool(line.text) and not (line.heading or line.note or line.furniture
                                    or "\t" in line.text)


def mark_furniture(lines: list[Line], breaks: set[int]) -> list[Line]:
    """`lines` with typed page furniture marked; `breaks` holds the indices of
    lines that follow a page break."""
    numbers = {i for i, line in enumerate(lines) if is_text(line) and is_page_number(line.text)}
    # The top of a page: after a page break, or after the page number that ends the page before.
    tops = set(breaks)
    previous = None
    for i, line in enumerate(lines):
        if previous in numbers:
            tops.add(i)
        if line.text:
            previous = i
    keys = {i: line_key(line.text) for i, line in enumerate(lines)
            if i in tops and is_text(line) and len(line.text) <= LONGEST_RUNNING_LINE
            and not TEXT_MARK_RE.search(line.text)}
    counts = Counter(keys.values())
    running = {i for i, key in keys.items() if counts[key] >= 2}
    marked = numbers | running
    out = [replace(line, furniture=True) if i in marked else line
           for i, line in enumerate(lines)]
    return join_cut_paragraphs(out)


def join_cut_paragraphs(lines: list[Line]) -> list[Line]:
    """A paragraph that stops in mid-sentence before furniture goes on after it."""
    out: list[Line] = []
    used = 0  # furniture before this index has joined its paragraph already
    for line in lines:
        if is_text(line):
            k = len(out) - 1
            while k >= 0 and (out[k].furniture or out[k].note or not out[k].text):
                k -= 1
            if k >= 0 and is_text(out[k]) and not ends_sentence(out[k].text) \
                    and any(out[j].furniture for j in range(max(k + 1, used), len(out))):
                out[k] = replace(out[k], text=join_fragments(out[k].text, line.text))
                used = len(out)
                continue
        out.append(line)
    return out


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END_RE.search(NOTE_MARKS_RE.sub("", text)))
