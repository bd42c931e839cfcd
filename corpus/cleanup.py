"""Page clean-up: drop the furniture a page adds to the text, once, for every format.

Page numbers ("- 7 -", "第 5 頁，共 18 頁", "3 / 18", "Page 3 of 18"), running
headers and footers (a line, such as the title, repeated on page after page),
and the extra spaces some extractors put after every Chinese character
("委 託 研 究 報 告") go; the pages are then one sequence of lines.

A line in a page number's form is one only where the lines of its kind count
up across the file (page_numbers): a lone `7/8`, `- 7 -` or `7` in the body
(a date, a score) is text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from .footnotes import carry_rules, lift_page_notes
from .formats.model import Extracted, Line
from .headings import match_heading
from .line_keys import (
    FIELD_KEY_RE,
    SENTENCE_MARK_RE,
    TEXT_MARK_RE,
    furniture_key,
    leaves_open,
    unpaged_key,
)
from .marks import unhashed
from .numbering import label_span
from .page_numbers import (
    CUT_PROSE,
    OFF_MARGIN,
    SENTENCE_ENDS,
    apart_repeats,
    cuts_sentence,
    goes_on,
    is_page_number,
    page_form,
    page_numbers,
)
from .spacing import display_width, join_fragments

# How many lines at the top and at the bottom of a page may be furniture.
EDGE_LINES = 3
CJK_CHAR = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
CJK_CHAR_RE = re.compile(CJK_CHAR)
SPACED_CJK_RE = re.compile(rf"(?<={CJK_CHAR}) (?={CJK_CHAR})")


def clean(extracted: Extracted) -> list[Line]:
    """The report's lines with page furniture gone and the pages joined."""
    if extracted.format in ("docx", "odt"):
        # Word processors keep headers, footers and page numbers out of the
        # body; the readers mark those someone typed in, and what they miss of
        # a run of typed furniture goes here.
        lines = [line for page in extracted.pages for line in page]
        return pasted_lines(clean_typed([unhashed(despace(line)) for line in lines
                                         if not line.furniture]), page_ends(lines))
    pages = extracted.pages
    numbers = numbered_lines(pages)
    # Page by page, a header's page number changes; without pages, a line
    # must repeat word for word (圖1 會議現場照片, 圖2 會議現場照片 are text).
    # Once per distinct line: running_lines and the loop below both ask.
    key_of = cache(furniture_key if len(pages) >= 3 else unpaged_key)
    running = running_lines(pages, key_of, numbers)

    def furniture(line: Line) -> bool:
        # (A reader marks what it placed in the margin, or typed furniture it
        # found in mid-page: a page of notes ends there too.)
        return line.furniture or id(line) in numbers \
            or (bool(line.text) and key_of(line.text) in running)

    right = right_margin(pages, furniture)
    pages = carry_rules(pages, furniture)
    tails = wrapped_tails([line for page in pages for line in page], furniture)
    seen: set[str] = set()
    out: list[Line] = []
    closed = False  # the page before ended in its page number
    header_cut = False  # the line before was furniture dropped
    kept: int | None = None  # the place in `out` of the last line kept
    cut: int | None = None  # that place, where furniture was dropped after it
    for n, page in enumerate(pages):
        numbered = {id(page[i]) for i in beside_page_number(page, numbers)}
        # A running line beside one that is (the printer's header over the
        # text's own, a typed page's number between): beside the number too.
        chain = [line for line in page if line.text]
        for before, after in [*zip(chain, chain[1:], strict=False),
                              *zip(chain[::-1], chain[::-1][1:], strict=False)]:
            if id(before) in numbered and key_of(before.text) in running \
                    and key_of(after.text) in running:
                numbered.add(id(after))
        if closed:  # a page cut: the head of this page is furniture from its first time
            numbered |= {id(line) for line in [line for line in page if line.text][:EDGE_LINES]}
        filled = [line for line in page if line.text]
        closed = bool(filled) and id(filled[-1]) in numbers
        if right and n < len(pages) - 1:  # a page a form feed ends
            page = without_foot_furniture(page, right)
        # Notes under a rule at the page's foot: lifted out of the text (corpus.footnotes).
        for line in lift_page_notes(page, furniture):
            if line.note:  # notes alike but for their numbers are no running line
                out.append(line)
                # (a whole paragraph the typed notes cut goes on after them)
                kept, cut = None, cut if cut is not None else kept
                continue
            if not line.text:
                out.append(line)
                header_cut = False
                continue
            if line.furniture:  # placed in the margin by the reader: never the title
                out.append(Line(""))
                header_cut = True
                continue
            key = key_of(line.text)
            # The first time, a running header is the cover's title: it stays,
            # unless it stands beside the page's number (a footer from page one)
            # or heads a page whose previous page closed with its number.
            repeated = key in running and (key in seen or id(line) in numbered)
            # The rest of a header a wrap broke (the printer's furniture between).
            tail = header_cut and line.text.strip() in tails
            header_cut = id(line) in numbers or repeated or tail
            seen.add(key)
            if id(line) in numbers or repeated or tail:
                # A blank keeps the place, so that the paragraph logic sees
                # the page break as a break, not as the end of a paragraph.
                out.append(Line(""))
                cut = cut if cut is not None else kept
            elif cut is not None and joins_over(out[cut], line) and goes_on([line.text], 0) \
                    and len(out[cut].text.strip()) >= CUT_LINE \
                    and not match_heading(out[cut].text.strip()):
                # A paragraph (a whole line, a line of prose or more) cut by
                # furniture typed mid-page: its halves joined again.
                out[cut] = joined_line(out[cut], despace(line).text)
                kept, cut = cut, None
            else:
                out.append(unhashed(despace(line)))
                kept, cut = len(out) - 1, None
        out.append(Line(""))
    return out


# A paragraph's first half a typed footer cut off: a line of prose, not a label.
CUT_LINE = 15
# A line of a page's width: at least this share of the widest lines.
FULL_LINE = 0.9


def wrapped_tails(lines: list[Line], furniture) -> set[str]:
    """The texts of the short lines that, wherever they stand, follow a line
    of furniture (`furniture(line)`: a running line, one the reader placed in
    the margin) as wide as the page's lines: the tail of a running header too
    wide for a hard wrap, broken with the text."""
    widths = sorted(display_width(line.text) for line in lines if len(line.text) >= 10)
    if len(widths) < 10:
        return set()
    full = FULL_LINE * widths[int(len(widths) * 0.9) - 1]
    follows: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wide = 0.0  # the widest furniture right above (the printer's between)
    for line in lines:
        text = line.text
        if not text:
            wide = 0.0
            continue
        if furniture(line):
            wide = max(wide, 0.0 if is_page_number(text) else display_width(text))
            continue
        key = text.strip()
        total[key] += 1
        if wide >= full and display_width(text) < wide / 2 \
                and not SENTENCE_MARK_RE.search(text) and not match_heading(text.strip()):
            follows[key] += 1
        wide = 0.0
    return {key for key, n in follows.items() if n >= 2 and n == total[key]}


def numbered_lines(pages: list[list[Line]]) -> set[int]:
    """The ids of the lines that are page numbers (page_numbers), across pages.
    A footer set off far right (a running title and its page number) that a
    hard wrap broke leaves its title set off and its number flush left on the
    next line: that number is set off too, and the title a page number's line."""
    flat = [line for page in pages for line in page]
    set_off = {i for i, line in enumerate(flat) if line.indent >= OFF_MARGIN}
    texts = [line.text for line in flat]
    found = page_numbers(texts, set_off)
    # (a number that counts up with the file's own is the file's, whatever is above it)
    broken = {i for i in range(1, len(flat)) if i - 1 in set_off and i not in set_off | found
              and wrapped_footer(flat[i - 1].text, flat[i].text)}
    if not broken:
        return {id(flat[i]) for i in found | cut_footer_titles(texts, found)}
    found = page_numbers(texts, set_off | broken)
    titles = {i - 1 for i in found & broken}
    # The file's own page break may fall between the two: its page number
    # (and the next page's header) stand between the title and a number of
    # the kind the other broken footers print.
    kinds = {page_form(flat[i].text)[0] for i in found & broken}
    filled = [i for i, line in enumerate(flat) if line.text]
    for n, i in enumerate(filled):
        if not kinds or i in found or i in set_off \
                or (page_form(flat[i].text) or ("", 0))[0] not in kinds:
            continue
        before = filled[max(0, n - 3):n]
        cut = next((k for k, j in enumerate(before) if j in found and j not in broken), None)
        if cut and before[cut - 1] in set_off \
                and wrapped_footer(flat[before[cut - 1]].text, flat[i].text):
            found.add(i)
            titles.add(before[cut - 1])
    return {id(flat[i]) for i in found | titles | cut_footer_titles(texts, found)}


def cut_footer_titles(texts: list[str], found: set[int]) -> set[int]:
    """The places of the running titles printed over a page number (at
    `found`) that cuts a sentence: a short line that is no sentence, apart
    from the text above it by a blank and right over a number naming itself
    as one (第 2 頁／共 3 頁), between the halves of the sentence the page
    cut. A footer wrapped onto two lines shows so even where the text prints
    it once (a text of two pages); a piece of the sentence the wrap left
    short stands tight under its line. A heading (附件二　<title>, 一、<title>)
    that a page's foot left over its number is the body's, not a title."""
    out = set()
    for i in found:
        k = i - 1
        if k > 0 and texts[k].strip() and not texts[k - 1].strip() \
                and len(texts[k].strip()) < CUT_PROSE and k not in found \
                and not match_heading(texts[k].strip()) \
                and wrapped_footer(texts[k].strip(), texts[i]) and cuts_sentence(texts, i):
            out.add(k)
    return out


def wrapped_footer(title: str, number: str) -> bool:
    """Whether a set-off line and the line under it are a running title and a
    page number that names itself (第 5 頁, - 5 -, Page 5; a bare number may be
    a table's or a list's) a hard wrap broke apart: a short title, no sentence."""
    return bool(title) and len(title) <= 40 and not TEXT_MARK_RE.search(title) \
        and page_form(title) is None and not number.strip().isdigit() \
        and page_form(number) is not None


def beside_page_number(lines: list[Line], numbers: set[int]) -> set[int]:
    """The places of the lines next to a page number (by id in `numbers`),
    blanks between ignored."""
    filled = [i for i, line in enumerate(lines) if line.text]
    out = set()
    for before, after in zip(filled, filled[1:], strict=False):
        if id(lines[after]) in numbers:
            out.add(before)
        if id(lines[before]) in numbers:
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
                   and not furniture(line))
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


def joined_line(before: Line, text: str) -> Line:
    """`before` with `text` joined on, where the join is kept (Line.pieces)."""
    return replace(before, text=join_fragments(before.text, text),
                   pieces=(*before.pieces, len(before.text)))



def joins_over(before: Line, line: Line) -> bool:
    """Whether two whole paragraphs a typed page number or running line stood
    between are the halves of one it cut: the first stops mid-sentence and
    neither is a heading or a table's row."""
    return before.whole and line.whole and before.heading is None and line.heading is None \
        and not before.text.endswith(SENTENCE_ENDS) and "\t" not in before.text \
        and "\t" not in line.text


def clean_typed(lines: list[Line]) -> list[Line]:
    """A word processor's paragraphs without the page numbers and running
    headers typed into them (第 3 頁，共 9 頁, the title again), and the two
    pieces of a paragraph such a line cut joined again."""
    if not any(line.text and is_page_number(line.text) for line in lines):
        return lines  # most documents: no page typed in, so no page to cut
    numbers = numbered_lines([lines])
    key_of = cache(unpaged_key)
    running = running_lines([lines], key_of, numbers)
    seen: set[str] = set()
    out: list[Line] = []
    cut = False
    for line in lines:
        key = key_of(line.text) if line.text else ""
        if line.text and (id(line) in numbers or (key in running and key in seen)):
            cut = True
            continue
        seen.add(key)
        before = out[-1] if out else None
        if cut and line.text and before is not None and joins_over(before, line):
            out[-1] = joined_line(before, line.text)
        else:
            out.append(line)
        cut = cut and not line.text
    return out


def running_lines(pages: list[list[Line]], key_of, numbers: set[int] | None = None
                  ) -> set[str]:
    """Headers and footers (as `key_of` gives them): lines repeated at the top or
    bottom of many pages, or, in text without page breaks, short unpunctuated
    lines repeated often, each apart from the text around it (or from a page
    number: the ids of page numbers are `numbers`, page_numbers() if None)."""
    if len(pages) >= 3:
        counts: Counter[str] = Counter()
        for page in pages:
            filled = [line.text for line in page if line.text]
            edges = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
            # A page number is one by counting up (page_numbers), not by repeating.
            counts.update({key_of(text) for text in edges if not is_page_number(text)})
        needed = max(3, len(pages) // 2)
        # A line that heads two pages or more, each after a page that closed
        # with its number, is a running header too (a text of three pages).
        numbers = numbered_lines(pages) if numbers is None else numbers
        heads: Counter[str] = Counter()
        for before, page in zip(pages, pages[1:], strict=False):
            closing = [line for line in before if line.text][-1:]
            opening = [line for line in page if line.text][:1]
            if closing and opening and id(closing[0]) in numbers:
                heads[key_of(opening[0].text)] += 1
        # A line printed beside the page's number on two pages or more is a
        # running title (a footer's title over its number: a text of few pages).
        beside: Counter[str] = Counter()
        for page in pages:
            beside.update({key_of(page[i].text) for i in beside_page_number(page, numbers)})
        # A line that ends a sentence, holds a comma or leaves a bracket open
        # is text, however alike.
        return {key for key, n in counts.items()
                if (n >= needed or heads[key] >= 2 or (n >= 2 and beside[key] >= 2))
                and len(key) <= 80 and not SENTENCE_MARK_RE.search(key)
                and not leaves_open(key)}
    # A running line stands apart from the text on one side at least (a blank,
    # a page number, the page's edge): a wrapped line of text never does.
    lines = [line for page in pages for line in page]
    flat = [line.text for line in lines]
    numbers = numbered_lines(pages) if numbers is None else numbers
    number_at = {i for i, line in enumerate(lines) if id(line) in numbers}

    # The document's first line printed again is the printer's header: a line
    # beside it stands apart as beside a page number (a typed header under it).
    top = next((i for i, text in enumerate(flat) if text), None)
    headed = {i for i, text in enumerate(flat) if top is not None and i > top and text
              and key_of(text) == key_of(flat[top])}

    def apart(i: int) -> bool:
        return any(not 0 <= j < len(flat) or not flat[j] or j in number_at or j in headed
                   for j in (i - 1, i + 1))

    def beside_number(i: int) -> bool:
        """A page number the nearest line of text on either side (blank lines
        between: a form feed's, a page's bottom margin)."""
        return any(j in number_at for j in (nearest_text(flat, i, -1), nearest_text(flat, i, 1)))

    counts = Counter(key_of(text) for i, text in enumerate(flat) if text and apart(i))
    heads = apart_repeats(flat)

    def page_head(key: str) -> bool:
        """Printed first apart from the text, and again beside a page number."""
        return key in heads
    # A short text (two pages) repeats its header once: the document's first
    # line (its cover's heading) again beside a page number is one too, and
    # so is a line printed twice, each time beside a page number.
    first = next((key_of(text) for text in flat if text), None)
    again = Counter(key_of(text) for i, text in enumerate(flat) if text and beside_number(i))
    # A header stays over its page's number and a footer under it: a line
    # printed twice, once under a page number and once over the next (a
    # piece of a sentence two wraps left alike at a page's head and at
    # another's foot), has no place on the page and is text.
    sides: dict[str, set[int]] = {}
    for i, text in enumerate(flat):
        if text and beside_number(i):
            side = {step for step in (-1, 1) if nearest_text(flat, i, step) in number_at}
            key = key_of(text)
            sides[key] = sides[key] & side if key in sides else side
    found = {key for key, n in counts.items()
             if (n >= 3 or (n == 2 and key in again and (key == first or (
                 sides[key] and (again[key] == 2 or page_head(key))))))
             and 6 <= len(key) <= 60 and not TEXT_MARK_RE.search(key)
             and not re.match(r"^[#.、]", key) and not FIELD_KEY_RE.match(key)
             and not leaves_open(key)}
    return found - first_subheadings(flat, found, key_of) \
        - sibling_subheadings(flat, found, key_of) \
        - printed_with_its_text(flat, {key for key in found if counts[key] == 2},
                                found, number_at, key_of) if found else found


def printed_with_its_text(flat: list[str], keys: set[str], found: set[str],
                          number_at: set[int], key_of) -> set[str]:
    """Of lines printed twice, those printed each time right against the same
    line of text (no blank between; not a page number nor a running line
    itself): a running line stands over or under each page's own text, so
    these are a passage printed twice (a paragraph drawn again, its wrap cut
    at the same words by a page number each time)."""
    places: dict[str, list[int]] = {}
    for i, text in enumerate(flat):
        if text and (key := key_of(text)) in keys:
            places.setdefault(key, []).append(i)
    alike = set()
    for key, at in places.items():
        for step in (-1, 1):
            beside = [i + step for i in at]
            if all(0 <= j < len(flat) and flat[j] and j not in number_at for j in beside) \
                    and len({key_of(flat[j]) for j in beside}) == 1 \
                    and key_of(flat[beside[0]]) not in found:
                alike.add(key)
    return alike


def nearest_text(flat: list[str], i: int, step: int) -> int:
    """The place of the nearest line of text from i on, one way (-1 past the start)."""
    j = i + step
    while 0 <= j < len(flat) and not flat[j]:
        j += step
    return j if 0 <= j < len(flat) else -1


def first_subheadings(flat: list[str], keys: set[str], key_of) -> set[str]:
    """Of repeated lines, those that are each time the first heading under
    another one (1.設施概況 under each site's heading, blanks between): a
    part every section of a report opens with, not a running line."""
    after: dict[str, bool] = {}
    previous = ""
    for text in flat:
        if not text:
            continue
        key = key_of(text)
        if key in keys:
            after[key] = after.get(key, True) and bool(previous) and bool(match_heading(previous)) \
                and key_of(previous) not in keys and bool(match_heading(text))
        previous = text
    return {key for key, under in after.items() if under}


def sibling_subheadings(flat: list[str], keys: set[str], key_of) -> set[str]:
    """Of repeated lines, those that are each time a numbered heading whose
    label is the next after its family's last (2.合作機會 after 1.參訪內容
    under each site's heading): a part every section of a report has, not
    a running line, which counts nothing (a running chapter title repeats
    its own label)."""
    last: dict[str, tuple[int, ...]] = {}
    follows: dict[str, bool] = {}
    for text in flat:
        found = match_heading(text) if text else None
        if found is None:
            continue
        span = label_span(found[0], found[1])
        key = key_of(text)
        if key in keys:
            before = last.get(found[0])
            follows[key] = follows.get(key, True) and span is not None and before is not None \
                and len(before) == len(span[0]) and span[0] == (*before[:-1], before[-1] + 1)
        if span is not None:
            last[found[0]] = span[1]
    return {key for key, ok in follows.items() if ok}


def despace(line: Line) -> Line:
    """Undo a space after every Chinese character (委 託 研 究 → 委託研究)."""
    text = line.text
    if " " not in text:
        return line
    # Spaces between Chinese characters counted first: where there are fewer
    # than two (most lines with a space), no count of characters (three or
    # more, 0.8 of their gaps spaced) can make it enough.
    spaced = len(SPACED_CJK_RE.findall(text))
    if spaced < 2:
        return line
    chars = len(CJK_CHAR_RE.findall(text))
    if chars >= 3 and spaced >= 0.8 * (chars - 1):
        return replace(line, text=SPACED_CJK_RE.sub("", text))
    return line


# Clause marks a paragraph may end on besides a sentence's end: a label, a list.
OPEN_END_RE = re.compile(r"[。！？!?」』：:；;）)]\s*$")


def page_ends(lines: list[Line]) -> set[int]:
    """The ids of the lines of text that end a page before the furniture
    typed after them (blanks between), where their paragraph ends too: a
    sentence's end, and no paragraph joined across that furniture."""
    out = set()
    last = None  # the last line of text, if only blanks and furniture came after it
    for line in lines:
        if line.furniture:
            if last is not None and not line.crossed \
                    and last.text.rstrip().endswith(SENTENCE_ENDS):
                out.add(id(last))
        elif line.text:
            last = None if line.note else line
    return out


def pasted_lines(lines: list[Line], ends: set[int] = frozenset()) -> list[Line]:
    """A word processor's paragraphs, unless the document holds a text's
    hard-wrapped lines one per paragraph (a text export pasted in): then most
    of its long paragraphs stop mid-sentence, and they are read as lines (with
    the indents the readers keep), so that the text's own paragraph convention
    joins them. A heading the document's outline marks stays whole, and so
    does a table's row (cells apart by tabs): a table ends where it ends.
    A blank follows each line of `ends` (by id: a page's last line, its
    paragraph ended, before typed furniture), as a text's page break leaves
    one: a full line there ends its paragraph."""
    long = [line for line in lines if line.whole and line.heading is None and not line.note
            and "\t" not in line.text and display_width(line.text.strip()) >= 20]
    if len(long) < 6:
        return lines
    cut = sum(1 for line in long if not OPEN_END_RE.search(line.text))
    if cut * 2 <= len(long):
        return lines
    widths = sorted(display_width(line.text) for line in long)
    full = widths[len(widths) // 2]  # a wrapped line's width: most long lines run to it
    lines = [kept for line in lines
             for kept in ([line, Line("")] if id(line) in ends else [line])]
    out = [piece for line in lines for piece in (
        split_pieces(line, full) if line.whole and line.heading is None and not line.note
        and "\t" not in line.text else [line])]
    for i, line in enumerate(out[:-1]):
        if line.heading is not None and wrapped_first_line(line, out[i + 1], full):
            out[i] = replace(line, heading=None, whole=False)
    return out


def split_pieces(line: Line, full: int) -> list[Line]:
    """A pasted paragraph as the text's lines again: where typed furniture cut
    it after a full wrapped line (joined, it would run past the wrap width),
    it is split back; a shorter piece was no line of its own."""
    if not line.pieces or display_width(line.text[:line.pieces[0]]) < WRAPPED_SHARE * full:
        return [replace(line, whole=False)]
    ends = [*line.pieces, len(line.text)]
    starts = [0, *line.pieces]
    return [replace(line, text=line.text[a:b].strip(), whole=False, pieces=(),
                    indent=line.indent if k == 0 else 0)
            for k, (a, b) in enumerate(zip(starts, ends, strict=True))]


# A wrapped line ends this near the width most long lines run to (a Latin
# word narrower than two columns a letter, or too long to fit, ends it short).
WRAPPED_SHARE = 0.9
# A clause mark inside a line: a sentence's pieces, which no title holds.
CLAUSE_RE = re.compile(r"[，。；]")


def wrapped_first_line(line: Line, after: Line, full: int) -> bool:
    """Whether a line the document's outline marks as a heading is the first
    line of a wrapped paragraph (a style given to every labelled line of a
    pasted text): as wide as the text's wrapped lines, a clause in it, stopped
    in mid-sentence, and the next line, no heading, goes on with it."""
    text = line.text.strip()
    return display_width(line.text) >= WRAPPED_SHARE * full and bool(CLAUSE_RE.search(text[:-1])) \
        and not OPEN_END_RE.search(text) and not after.whole and not after.note \
        and after.heading is None and bool(after.text.strip()) \
        and "\t" not in after.text and not match_heading(after.text.strip())
