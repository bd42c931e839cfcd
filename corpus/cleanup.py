"""Page clean-up: drop the furniture a page adds to the text, once, for every format.

Page numbers ("- 7 -", "第 5 頁，共 18 頁", "3 / 18", "Page 3 of 18"), running
headers and footers (a line, such as the title, repeated on page after page),
and the extra spaces some extractors put after every Chinese character
("委 託 研 究 報 告") go; the pages are then one sequence of lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace
from functools import cache

from .datelines import is_dated
from .footnotes import lift_page_notes
from .formats.model import Extracted, Line
from .spacing import display_width, join_fragments

PAGE_NUMBER_RE = re.compile("|".join([
    r"[-–—~－\s]*\d{1,4}[-–—~－\s]*",
    r"第\s*\d{1,4}\s*頁\s*(?:[,，/、]?\s*共\s*\d{1,4}\s*頁)?",
    r"共\s*\d{1,4}\s*頁\s*[,，]?\s*第\s*\d{1,4}\s*頁",
    r"\d{1,4}\s*/\s*\d{1,4}",
    r"(?i:(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)",
    r"(?i:[ivxlc]{1,6})",
]))
# How many lines at the top and at the bottom of a page may be furniture.
EDGE_LINES = 3
CJK_CHAR = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
CJK_CHAR_RE = re.compile(CJK_CHAR)
SPACED_CJK_RE = re.compile(rf"(?<={CJK_CHAR}) (?={CJK_CHAR})")
DIGITS_RE = re.compile(r"\d+")
SENTENCE_ENDS = ("。", "！", "？", "!", "?", "」", "』", "：", ":")


def is_page_number(text: str) -> bool:
    first = text.lstrip()[:1]
    if "\u4e00" <= first <= "\u9fff" and first not in "第共":
        # Most lines: a Chinese character (which NFKC keeps as it is) that no
        # page number starts with.
        return False
    text = unicodedata.normalize("NFKC", text).strip()
    if not text or PAGE_NUMBER_RE.fullmatch(text) is None:
        return False
    # A page counts up to the pages there are: 3/18 is a page, 2023/08 and
    # 8/7 are dates, and a year alone (2023) is no page of a report.
    numbers = [int(n) for n in DIGITS_RE.findall(text)]
    if "/" in text and len(numbers) == 2 and not 1 <= numbers[0] <= numbers[1]:
        return False
    return not (len(numbers) == 1 and 1900 <= numbers[0] <= 2199)


def furniture_key(text: str) -> str:
    """A line as it repeats from page to page: spaces dropped, numbers alike;
    but a day's heading or date line keeps its numbers (a diary's date lines
    and a course's Day N differ from page to page, while a running date line
    repeats word for word)."""
    key = line_key(text)
    return key if is_dated(key) else DIGITS_RE.sub("#", key)


def line_key(text: str) -> str:
    """A line as it repeats word for word: spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", text).split())  # split(): what \s matches


# Without pages, a line with one of these is text, never a running line; NFKC
# keeps each (or makes it one: ，-> ,), so its key would hold it too.
TEXT_MARK_RE = re.compile("[。，；、,;]")
SENTENCE_MARK_RE = re.compile("[。,]")  # in a key: NFKC made ， a comma


def unpaged_key(text: str) -> str:
    """line_key(), or the line itself when it holds a mark of text: no running
    line (running_lines) holds one, so such a line needs no key of its own,
    and the key it is given cannot be a running line's (normalizing long
    paragraphs was most of the clean-up's time)."""
    return text if TEXT_MARK_RE.search(text) else line_key(text)


def clean(extracted: Extracted) -> list[Line]:
    """The report's lines with page furniture gone and the pages joined."""
    if extracted.format in ("docx", "odt"):
        # Word processors keep headers, footers and page numbers out of the
        # body; the readers mark those someone typed in, and what they miss of
        # a run of typed furniture goes here.
        return pasted_lines(clean_typed([despace(line) for page in extracted.pages
                                         for line in page if not line.furniture]))
    pages = extracted.pages
    # Page by page, a header's page number changes; without pages, a line
    # must repeat word for word (圖1 會議現場照片, 圖2 會議現場照片 are text).
    # Once per distinct line: running_lines and the loop below both ask.
    key_of = cache(furniture_key if len(pages) >= 3 else unpaged_key)
    running = running_lines(pages, key_of)

    def furniture(text: str) -> bool:
        return is_page_number(text) or (bool(text) and key_of(text) in running)

    right = right_margin(pages, furniture)
    seen: set[str] = set()
    out: list[Line] = []
    for n, page in enumerate(pages):
        numbered = {id(page[i]) for i in beside_page_number(page)}
        if right and n < len(pages) - 1:  # a page a form feed ends
            page = without_foot_furniture(page, right)
        # Notes under a rule at the page's foot: lifted out of the text (corpus.footnotes).
        for line in lift_page_notes(page, furniture):
            if line.note:  # notes alike but for their numbers are no running line
                out.append(line)
                continue
            if line.furniture:  # placed in the margin by the reader: never the title
                out.append(Line(""))
                continue
            key = key_of(line.text)
            # The first time, a running header is the cover's title: it stays,
            # unless it stands beside the page's number (a footer from page one).
            repeated = key in running and (key in seen or id(line) in numbered)
            seen.add(key)
            if is_page_number(line.text) or repeated:
                # A blank keeps the place, so that the paragraph logic sees
                # the page break as a break, not as the end of a paragraph.
                out.append(Line(""))
            else:
                out.append(despace(line))
        out.append(Line(""))
    return out


def beside_page_number(lines: list[Line]) -> set[int]:
    """The places of the lines next to a page number, blanks between ignored."""
    filled = [i for i, line in enumerate(lines) if line.text]
    out = set()
    for before, after in zip(filled, filled[1:], strict=False):
        if is_page_number(lines[after].text):
            out.add(before)
        if is_page_number(lines[before].text):
            out.add(after)
    return out


# A line at a page's foot that ends near the right margin (at least this
# share of it) and is short (at most this share) is printed far right: a
# running line or a page number, not text (a centred line ends short of it).
FAR_RIGHT, SHORT = 0.9, 0.6
GAP_RE = re.compile(r"\t| {3,}|\u3000(?!\u3000*$)")


def right_margin(pages: list[list[Line]], furniture) -> int | None:
    """Where the text's lines end when full (the 90th percentile of their right
    edges), if the pages keep their lines' indents and there are enough (table
    rows, spread by their gaps, and running lines are no measure)."""
    edges = sorted(line.indent + display_width(line.text) for page in pages for line in page
                   if len(line.text) >= 10 and not line.whole and not GAP_RE.search(line.text)
                   and not furniture(line.text))
    return edges[int(len(edges) * 0.9) - 1] if len(edges) >= 10 else None


def without_foot_furniture(page: list[Line], right: int) -> list[Line]:
    """The page without a line printed far right among its last lines (a
    running line or page number, even one printed on this page only)."""
    foot = [k for k, line in enumerate(page) if line.text][-EDGE_LINES:]
    out = list(page)
    for k in foot:
        line = page[k]
        width = display_width(line.text)
        if not line.whole and line.indent >= 8 and width <= SHORT * right \
                and line.indent + width >= FAR_RIGHT * right:
            out[k] = Line("")
    return out


def clean_typed(lines: list[Line]) -> list[Line]:
    """A word processor's paragraphs without the page numbers and running
    headers typed into them (第 3 頁，共 9 頁, the title again), and the two
    pieces of a paragraph such a line cut joined again."""
    if not any(line.text and is_page_number(line.text) for line in lines):
        return lines  # most documents: no page typed in, so no page to cut
    key_of = cache(unpaged_key)
    running = running_lines([lines], key_of)
    seen: set[str] = set()
    out: list[Line] = []
    cut = False
    for line in lines:
        key = key_of(line.text) if line.text else ""
        if line.text and (is_page_number(line.text) or (key in running and key in seen)):
            cut = True
            continue
        seen.add(key)
        before = out[-1] if out else None
        if cut and line.text and before is not None and before.whole and line.whole \
                and before.heading is None and line.heading is None \
                and not before.text.endswith(SENTENCE_ENDS) and "\t" not in before.text \
                and "\t" not in line.text:
            out[-1] = replace(before, text=join_fragments(before.text, line.text))
        else:
            out.append(line)
        cut = cut and not line.text
    return out


def running_lines(pages: list[list[Line]], key_of) -> set[str]:
    """Headers and footers (as `key_of` gives them): lines repeated at the top or
    bottom of many pages, or, in text without page breaks, short unpunctuated
    lines repeated often, each apart from the text around it."""
    if len(pages) >= 3:
        counts: Counter[str] = Counter()
        for page in pages:
            filled = [line.text for line in page if line.text]
            edges = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
            counts.update({key_of(text) for text in edges})
        needed = max(3, len(pages) // 2)
        # A line that ends a sentence or holds a comma is text, however alike.
        return {key for key, n in counts.items() if n >= needed and len(key) <= 80
                and not SENTENCE_MARK_RE.search(key)}
    # A running line stands apart from the text on one side at least (a blank,
    # a page number, the page's edge): a wrapped line of text never does.
    flat = [line.text for page in pages for line in page]

    def apart(i: int) -> bool:
        return any(not 0 <= j < len(flat) or not flat[j] or is_page_number(flat[j])
                   for j in (i - 1, i + 1))

    def beside_number(i: int) -> bool:
        return any(0 <= j < len(flat) and is_page_number(flat[j]) for j in (i - 1, i + 1))

    counts = Counter(key_of(text) for i, text in enumerate(flat) if text and apart(i))
    # A short text (two pages) repeats its header once: the document's first
    # line (its cover's heading) again beside a page number is one too.
    first = next((key_of(text) for text in flat if text), None)
    again = {key_of(text) for i, text in enumerate(flat) if text and beside_number(i)}
    return {key for key, n in counts.items()
            if (n >= 3 or (n == 2 and key == first and key in again))
            and 6 <= len(key) <= 60 and not TEXT_MARK_RE.search(key)
            and not re.match(r"^[#.、]", key)}


def despace(line: Line) -> Line:
    """Undo a space after every Chinese character (委 託 研 究 → 委託研究)."""
    text = line.text
    if " " not in text:
        return line
    chars = CJK_CHAR_RE.findall(text)
    if len(chars) >= 3 and len(SPACED_CJK_RE.findall(text)) >= 0.8 * (len(chars) - 1):
        return replace(line, text=SPACED_CJK_RE.sub("", text))
    return line


# Clause marks a paragraph may end on besides a sentence's end: a label, a list.
OPEN_END_RE = re.compile(r"[。！？!?」』：:；;）)]\s*$")


def pasted_lines(lines: list[Line]) -> list[Line]:
    """A word processor's paragraphs, unless the document holds a text's
    hard-wrapped lines one per paragraph (a text export pasted in): then most
    of its long paragraphs stop mid-sentence, and they are read as lines (with
    the indents the readers keep), so that the text's own paragraph convention
    joins them. A heading the document's outline marks stays whole."""
    long = [line for line in lines if line.whole and line.heading is None and not line.note
            and "\t" not in line.text and display_width(line.text.strip()) >= 20]
    if len(long) < 6:
        return lines
    cut = sum(1 for line in long if not OPEN_END_RE.search(line.text))
    if cut * 2 <= len(long):
        return lines
    return [replace(line, whole=False) if line.whole
            and line.heading is None and not line.note else line for line in lines]
