"""Page furniture typed into a word processor's body, and the paragraphs it cuts.

A DOCX or ODT keeps its page headers, footers and page numbers out of the
body, but reports converted from print often carry them typed in: a
``第 3 頁，共 12 頁``, ``- 3 -`` or ``Page 3 of 12`` paragraph (one of a
kind that counts up through the document), the title
typed again at the top of every page, each beside a page break. Such lines
are furniture (a header: the same line at the top of two pages or more); a
paragraph they cut in mid-sentence is joined again. A line printed far right
just above a page number (spaces or an indent pushing it there, short, no
sentence in it) is a footer, even on one page only.

A PDF whose text was laid out again (a text export printed) carries the same
typed furniture in mid-page: ``mark_typed_pages`` marks it on the PDF's pages
and joins only the paragraphs that typed furniture cut.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..cleanup import SHORT, joined_line
from ..contents import find_contents
from ..footnotes import is_note_start, is_rule
from ..headings import match_heading
from ..line_keys import TEXT_MARK_RE, line_key
from ..marks import unhashed
from ..page_numbers import HEADER_MIN, OFF_MARGIN, is_page_number, page_numbers
from ..paragraphs import SENTENCE_END_RE, is_row
from ..spacing import display_width
from .model import Line

LONGEST_RUNNING_LINE = 60
# A footer is pushed right by at least this many columns (four ideographic spaces)
# and ends past this share of a full line (a centred line of SHORT width ends short of it).
FOOTER_INDENT = 8
FOOTER_END = 0.85
# Column separators: a line holding one is a table row, never a piece of a paragraph.
CELL_MARK_RE = re.compile(r"[\t|｜│┃]")
NOTE_MARKS_RE = re.compile(r"(?:\[\w{1,4}\])+$")
# No paragraph opens with a comma, a full stop or a closing mark: a line that
# does goes on the text before it, even after a closing quote (…」 / ，…).
GOES_ON_RE = re.compile(r"^[，。、；：！？）」』】〕》〉]")
# Notes typed under a rule run at most this many lines to the page's end.
NOTE_LINES = 12


def is_text(line: Line) -> bool:
    """A paragraph of running text: no heading, note, table row or furniture."""
    return bool(line.text) and not (line.heading or line.note or line.furniture
                                    or "\t" in line.text)


def mark_furniture(lines: list[Line], breaks: set[int]) -> list[Line]:
    """`lines` with typed page furniture marked, and the notes typed under a
    rule at a page's foot marked as notes; `breaks` holds the indices of
    lines that follow a page break."""
    marked = typed_furniture(lines, breaks)
    lines = typed_notes([replace(line, furniture=True) if i in marked else line
                         for i, line in enumerate(lines)], breaks)
    return join_cut_paragraphs(lines)


def typed_notes(lines: list[Line], breaks: set[int]) -> list[Line]:
    """Footnotes typed at a page's foot, as a text printed from a page has
    them: a rule (``＿＿＿``) and, up to the page's end (a page break or a
    typed page number), lines the first of which starts with a note's mark.
    They become notes (the rule a blank line), so that the paragraph the
    page cut joins again over them (corpus.footnotes)."""
    rules = [i for i, line in enumerate(lines) if line.text and is_rule(line.text)
             and not line.furniture]
    if not rules:
        return lines
    out = list(lines)
    for i in rules:
        end = i + 1
        while end < len(lines) and end - i <= NOTE_LINES and not lines[end].furniture \
                and end not in breaks:
            end += 1
        notes = [k for k in range(i + 1, end) if lines[k].text]
        reaches = end == len(lines) or lines[end].furniture or end in breaks
        if notes and reaches and is_note_start(lines[notes[0]].text, True) \
                and not any(lines[k].heading or lines[k].note for k in notes):
            out[i] = Line("", whole=True)
            for k in notes:
                out[k] = replace(lines[k], note=True)
    return out


def typed_furniture(lines: list[Line], breaks: set[int], columns: int | None = None
                    ) -> set[int]:
    """Indices of page numbers, running lines and footers typed among the lines."""
    set_off = {i for i, line in enumerate(lines) if line.indent >= OFF_MARGIN}
    # Typed page numbers count up among themselves (a text's own pages), or
    # with those a reader placed in the margin (a page cut typed in once,
    # beside the file's own number).
    set_off |= wrapped_numbers(lines, set_off, breaks)
    numbers = page_numbers([line.text if is_text(line) else "" for line in lines], set_off) \
        | {i for i in page_numbers([line.text if is_text(line) or line.furniture
                                    and is_page_number(line.text) else "" for line in lines],
                                   set_off) if not lines[i].furniture}
    # The top of a page: its first line of text after a page break (blank
    # paragraphs may come first), or after the page number that ends the page
    # before (the printer's own footer and header between, where the paper's
    # page broke there too).
    tops = set()
    for b in breaks:
        while b < len(lines) and not lines[b].text:
            b += 1
        tops.add(b)
    previous = None
    after_number = set()
    for i, line in enumerate(lines):
        if previous in numbers:
            after_number.add(i)
        if line.text and not (line.furniture and previous in numbers):
            previous = i
    tops |= after_number
    keys = {i: line_key(line.text) for i, line in enumerate(lines)
            if i in tops and is_text(line) and len(line.text) <= LONGEST_RUNNING_LINE
            and not TEXT_MARK_RE.search(line.text)}
    counts = Counter(keys.values())
    running = {i for i, key in keys.items() if counts[key] >= 2}
    # A short text's running title, typed once after a page number: the
    # title it repeats stood earlier as a line of its own (the report's title
    # over its first part), not as an entry of a typed contents page: the
    # heading an entry names may open a page, once.
    running |= typed_once(lines, keys, after_number)
    # A running line printed twice in a row (the PDF's own header over the
    # one typed into the text it was printed from) is furniture both times;
    # but on the first page the second is the cover's own line (the title).
    second_page = min((b for b in breaks if b > 0), default=len(lines))
    for i in sorted(running):
        if i < second_page:
            continue
        j = i + 1
        while j < len(lines) and not lines[j].text:
            j += 1
        if j < len(lines) and is_text(lines[j]) and line_key(lines[j].text) == keys[i]:
            running.add(j)
    return numbers | running | footers(lines, numbers, columns)


def typed_once(lines: list[Line], keys: dict[int, str], after_number: set[int]) -> set[int]:
    """The lines after a page number (of `after_number`, keyed by line_key in
    `keys`) that repeat a line standing earlier on its own outside a
    contents page: a short text's running title, typed on one page only. A
    numbered heading (附件A …, 第二章 …) is the body's, never such a title."""
    def earlier(skip: set[int]) -> dict[str, int]:
        return {line_key(line.text): i for i, line in reversed(list(enumerate(lines)))
                if i not in skip and is_text(line) and len(line.text) <= LONGEST_RUNNING_LINE}

    first = earlier(set())
    found = {i for i, key in keys.items()
             if i in after_number and first.get(key, i) < i and len(key) >= HEADER_MIN
             and not match_heading(lines[i].text)}
    if not found:
        return found  # most texts: nothing repeated after a page number
    outside = earlier(find_contents([line.text for line in lines]).lines)
    return {i for i in found if outside.get(keys[i], i) < i}


def wrapped_numbers(lines: list[Line], set_off: set[int], breaks: set[int]) -> set[int]:
    """Lines in a page number's form that a running line pushed right wrapped
    onto (a typed `<title>　第 5 頁` too wide for a page's line, printed as
    the title far right and, under it at the margin, `第 5 頁`, on the next
    page too, under that page's own header and over its number): set off, as
    the line they end is. `breaks`: the indices of the lines after a page break."""
    headers = {line_key(lines[j].text) for j in first_lines(lines, breaks)}
    found = set()
    for i, line in enumerate(lines):
        if not line.text or not is_page_number(line.text):
            continue
        k = i - 1
        while k >= 0 and (not lines[k].text or is_page_number(lines[k].text)
                          or (k + 1 in breaks or k in breaks) and line_key(lines[k].text)
                          in headers):
            k -= 1
        if k in set_off and is_text(lines[k]) and len(lines[k].text) <= LONGEST_RUNNING_LINE \
                and not TEXT_MARK_RE.search(lines[k].text):
            found.add(i)
    return found


def first_lines(lines: list[Line], breaks: set[int]) -> list[int]:
    """The first line holding text of each page after the first (its header, if any)."""
    out = []
    for b in sorted(breaks):
        j = b
        while j < len(lines) and not lines[j].text:
            j += 1
        if b and j < len(lines):
            out.append(j)
    return out


def footers(lines: list[Line], numbers: set[int], columns: int | None = None) -> set[int]:
    """The line just above a page number when it is printed far right: short,
    no sentence in it, pushed right by its indent to where full lines end
    (`columns` wide, or as far as most long lines run)."""
    right = columns
    if right is None:
        widths = sorted(line.indent + display_width(line.text) for line in lines
                        if is_text(line) and len(line.text) >= 10)
        if len(widths) < 10:
            return set()
        right = widths[int(len(widths) * 0.9) - 1]
    found = set()
    for n in numbers:
        k = n - 1
        while k >= 0 and not lines[k].text:
            k -= 1
        if k < 0 or not is_text(lines[k]) or k in numbers:
            continue
        line = lines[k]
        width = display_width(line.text)
        if line.indent >= FOOTER_INDENT and width <= SHORT * right \
                and line.indent + width >= FOOTER_END * right \
                and not TEXT_MARK_RE.search(line.text):
            found.add(k)
    return found


def mark_typed_pages(pages: list[list[Line]], columns: int | None = None,
                     join: bool = True) -> list[list[Line]]:
    """A PDF's pages with the furniture typed into their text marked, and (if
    `join`: the lines are paragraphs) the paragraphs it cut joined, across
    pages too; every line keeps its place. Lines of a page read without their
    places are joined by the text's own paragraph logic, over the furniture.
    `columns`: the width of a full line (two a Chinese character)."""
    flat = [line for page in pages for line in page]
    starts, at, edges = set(), 0, set()
    for page in pages:
        starts.add(at)
        filled = [at + k for k, line in enumerate(page) if line.text]
        edges |= set(filled[:1] + filled[-1:])
        at += len(page)
    # The file's own page numbers, one at a page's head or foot, counting up:
    # the numbers typed into its text count among themselves.
    own = page_numbers([line.text if i in edges and is_text(line) else ""
                        for i, line in enumerate(flat)])
    flat = [replace(line, furniture=True) if i in own else line for i, line in enumerate(flat)]
    typed = typed_furniture(flat, starts, columns) | own
    joined = [replace(line, furniture=True) if i in typed else line
              for i, line in enumerate(flat)]
    if join:
        joined = join_cut_paragraphs(joined, typed, keep_places=True)
    out, at = [], 0
    for page in pages:
        out.append(joined[at:at + len(page)])
        at += len(page)
    return out


def join_cut_paragraphs(lines: list[Line], cuts: set[int] | None = None,
                        keep_places: bool = False) -> list[Line]:
    """A paragraph that stops in mid-sentence before furniture goes on after it,
    and so does one the furniture cut after a sentence's end where the text's
    paragraphs open indented and the line after it opens flush; `cuts`, if
    given, holds the indices of the furniture that may cut one (`keep_places`:
    a blank stays where the joined line was, so that the indices of `lines`
    and of the result agree)."""

    def cutting(j: int) -> bool:
        return out[j].furniture and (cuts is None or j in cuts)

    out: list[Line] = []
    used = 0  # furniture before this index has joined its paragraph already
    indented = opens_indented(lines)
    for line in lines:
        if is_text(line):
            k = len(out) - 1
            while k >= 0 and (out[k].furniture or out[k].note or not out[k].text):
                k -= 1
            if k >= 0 and is_text(out[k]) and (not ends_sentence(out[k].text)
                                                or GOES_ON_RE.match(line.text)
                                                or indented and out[k].indent > 0
                                                and line.indent == 0) \
                    and joinable(out[k].text, line.text) \
                    and any(cutting(j) for j in range(max(k + 1, used), len(out))):
                out[k] = joined_line(out[k], line.text)
                out[k + 1:] = [replace(f, crossed=True) if f.furniture else f
                               for f in out[k + 1:]]
                used = len(out)
                if keep_places:
                    out.append(Line(""))
                continue
        out.append(line)
    return out


# A paragraph of prose: at least so many characters.
PROSE_MIN = 15


def opens_indented(lines: list[Line]) -> bool:
    """Whether the text's paragraphs (a reader's whole lines of prose, not
    right after furniture, where a cut paragraph's tail opens) open with an
    indent: most of them, three at least."""
    filled = [line for line in lines if line.text]
    prose = [line.indent > 0 for before, line in zip([None, *filled], filled, strict=False)
             if line.whole and is_text(line) and len(line.text.strip()) >= PROSE_MIN
             and not (before is not None and before.furniture)]
    return sum(prose) >= 3 and sum(prose) > len(prose) / 2


def joinable(before: str, after: str) -> bool:
    """Whether two lines apart by furniture may be one paragraph: neither is a
    table row (cells apart by a tab, a bar or a wide gap) nor a heading (a
    heading holds no clause: 「第」 「7.7 條規定，…」 is one sentence)."""
    if any(CELL_MARK_RE.search(text) or is_row(text) for text in (before, after)):
        return False
    return not any(match_heading(text) and not TEXT_MARK_RE.search(text)
                   or unhashed(Line(text)).heading  # a heading marked so: ## 一、緣起
                   for text in (before, after))


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END_RE.search(NOTE_MARKS_RE.sub("", text)))
