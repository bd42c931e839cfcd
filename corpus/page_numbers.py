"""Page numbers: which lines of a file number its pages.

A line in a page number's form ("- 7 -", "第 5 頁，共 18 頁", "3 / 18",
"- 3 / 18 -", "Page 3 of 18", a Roman numeral) is one only where the lines of its kind count up
across the file (page_numbers), in one count or in two that interleave (a
text's own typed numbers printed again); a lone `7/8`, `- 7 -` or `7` in the
body (a date, a score) is text. corpus.cleanup lifts them out.
"""

from __future__ import annotations

import re
import unicodedata

from .footnotes import is_note_start, is_rule
from .headings import match_heading
from .line_keys import DIGITS_RE, TEXT_MARK_RE, line_key

SENTENCE_ENDS = ("。", "！", "？", "!", "?", "」", "』", "：", ":")
PAGE_NUMBER_RE = re.compile("|".join([
    r"[-–—~－\s]*\d{1,4}[-–—~－\s]*",
    r"第\s*\d{1,4}\s*頁\s*(?:[,，/、]?\s*共\s*\d{1,4}\s*頁)?",
    r"共\s*\d{1,4}\s*頁\s*[,，]?\s*第\s*\d{1,4}\s*頁",
    r"[-–—~－\s]*\d{1,4}\s*/\s*\d{1,4}[-–—~－\s]*",
    r"(?i:(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)",
    r"(?i:[ivxlc]{1,6})",
]))

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


# A page number may skip a few pages (a figure or a blank page printed
# without one): the next of its kind is at most this many pages on.
MAX_SKIP = 4
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


# A running title and its page number on one line, apart by a wide gap:
# 勞動部出國報告　第 5 頁, <title>    - 5 -, <title>  Page 5 of 12 (not a
# bare number: a table row ends in one); a page number that names itself
# (第 5 頁, Page 5) needs a space only (<title> 第 5 頁／共 9 頁).
TITLED_NUMBER_RE = re.compile(
    r"^\s*(?P<title>[^\s。，；、,;].{1,40}?)(?:\u3000|\s{2,}|\s(?=第|(?i:page)\s*\d))\s*"
    r"(?P<number>第\s*\d{1,4}\s*頁.*|[-–—~－]\s*\d{1,4}\s*[-–—~－]|\d{1,4}\s*/\s*\d{1,4}|"
    r"(?i:page|p\.)\s*\d.*)$")


# A running title and a bare page number far apart (台灣電力公司出國報告 and
# the number pushed right by a run of spaces, or a tab where a PDF is read by
# the positions of its words): a table's row ends in a number
# too, so the kind counts only when its lines stand pages apart (BARE_APART).
TITLED_BARE_RE = re.compile(
    r"^\s*(?P<title>[^\s\d。，；、,;](?:[^\t\u3000。，；、,;]|[ ](?! )){1,40}?)"
    r"(?:\t|[\u3000 ]{4})[\u3000 \t]*(?P<number>\d{1,4})\s*$")
BARE_KIND = "\t#"  # no key holds a tab (keys drop spaces): the mark of that kind
# Lines between two of a bare kind at the least: a page's worth, not a table's rows.
BARE_APART = 12


def page_form(text: str) -> tuple[str, int] | None:
    """(kind, page) of a line in a page number's form, alone or after a
    running title: the kind is the line with its page number made # and its
    spaces dropped, a total kept (3/18 and 3/20 are kinds apart); None for
    any other line."""
    titled = TITLED_NUMBER_RE.match(text) if " " in text or "\u3000" in text else None
    if titled and is_page_number(titled.group("number")) \
            and not TEXT_MARK_RE.search(titled.group("title")):
        form = page_form(titled.group("number"))
        if form is not None:
            title = "".join(unicodedata.normalize("NFKC", titled.group("title")).split())
            return title + form[0], form[1]
    # (Only a line that ends in a digit can end in a bare page number: the
    # pattern is tried on few lines, where it cost more than the rest of the
    # page numbers' work together.)
    bare = TITLED_BARE_RE.match(text) if titled is None and (" " in text or "\u3000" in text
                                                             or "\t" in text) \
        and text.rstrip()[-1:].isdecimal() else None
    if bare and not is_page_number(bare.group("title")):
        title = "".join(unicodedata.normalize("NFKC", bare.group("title")).split())
        return title + BARE_KIND, int(bare.group("number"))
    if not is_page_number(text):
        return None
    norm = "".join(unicodedata.normalize("NFKC", text).casefold().split())
    numbers = list(DIGITS_RE.finditer(norm))
    if not numbers:
        page = roman_value(norm)
        kind = "roman" if text.strip().islower() else "ROMAN"
        return (kind, page) if page else None
    m = numbers[1] if norm.startswith("共") and len(numbers) > 1 else numbers[0]
    return norm[:m.start()] + "#" + norm[m.end():], int(m.group())


def roman_value(text: str) -> int | None:
    """The value of a Roman numeral written as one (iv, xii), else None (iiii, lc)."""
    values = [ROMAN_VALUES[c] for c in text]
    total = sum(-v if k + 1 < len(values) and v < values[k + 1] else v
                for k, v in enumerate(values))
    return total if total > 0 and to_roman(total) == text else None


def to_roman(n: int) -> str:
    out = ""
    for value, letters in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"),
                           (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


# A line this many columns in (four ideographic spaces) is centred or pushed
# right, as a page's footer is and a line of text is not.
OFF_MARGIN = 8


def page_numbers(texts: list[str], set_off: set[int] = frozenset()) -> set[int]:
    """The places of the lines (of a file, in order) that are page numbers:
    in a page number's form, and counting up with the other lines of their
    kind, each a page or a few after the last (the first page often has
    none), or, alone, set off from the margin (places in `set_off`: centred
    or pushed right, as a footer is). A line of the form that counts up with
    nothing (a date 7/8, a score, a lone 7) is text; so is one that breaks
    its kind's count."""
    forms = {i: form for i, text in enumerate(texts) if text
             and (form := page_form(text)) is not None}
    kinds: dict[str, list[tuple[int, int]]] = {}
    for i, (kind, page) in forms.items():
        kinds.setdefault(kind, []).append((i, page))
    out = {i for i in set(forms) & set(set_off) if not forms[i][0].endswith(BARE_KIND)}
    for kind, found in kinds.items():
        run = sorted(counting_up(found, self_named(kind) and not kind.endswith(BARE_KIND)))
        steps = [b - a for a, b in zip(run, run[1:], strict=False)]
        if kind.endswith(BARE_KIND) and any(step < BARE_APART for step in steps):
            continue  # a table's rows, not a page's foot
        out.update(run)
    if out:
        return out
    # A text of two pages numbers one: its number stands beside the document's
    # first line printed again (the second page's header), or, in the middle
    # of a sentence the page cut, beside a header that stood apart at the head
    # of an earlier page (the report's title over its body) and is printed again.
    # A page number that names itself as one (- 3 -, 第 3 頁, 3/12, Page 3;
    # not a bare 3 nor a Roman iii, which a list or a table's cell also is)
    # standing alone between two halves of a sentence is the one page cut of
    # a text of two pages, running header or none.
    first = next((i for i, text in enumerate(texts) if text), None)
    headers = apart_repeats(texts)
    for i in forms:
        beside = (filled_beside(texts, i, -1), filled_beside(texts, i, 1))
        if any(k is not None and k != first and line_key(texts[k]) == line_key(texts[first])
               for k in beside) or (cuts_sentence(texts, i) and (any(
                   k is not None and headers.get(line_key(texts[k]), k) < k for k in beside)
                   or self_named(forms[i][0]) and goes_on(texts, beside[1]))):
            out.add(i)
    return out


def self_named(kind: str) -> bool:
    """Whether a page number's form (its kind, the number as #) tells it from
    a number of the text: dashes round it, 頁, Page, a total or a running title."""
    return kind not in ("#", "roman", "ROMAN")


def goes_on(texts: list[str], k: int | None) -> bool:
    """Whether line k carries on a sentence: text, not a heading, a list
    item or another page's number."""
    if k is None:
        return False
    text = texts[k].strip()
    return not (match_heading(text) or page_form(text) or LIST_START_RE.match(text))


LIST_START_RE = re.compile(r"^(?:[(（]?[0-9０-９一二三四五六七八九十]{1,3}[)）、.．]|[•●◆■□○▪➢✓※])")


# A line of prose, long enough that a page cut it, not a heading or a label.
CUT_PROSE = 30


def cuts_sentence(texts: list[str], i: int) -> bool:
    """Whether the text before line i (a page number, a header after it, or a
    footer before it aside) is a long line stopped in mid-sentence."""
    k = above_notes(texts, filled_beside(texts, i, -1))
    if k is not None and len(texts[k]) < CUT_PROSE \
            and not texts[k].rstrip().endswith(SENTENCE_ENDS):
        # a running footer over the number (a title: a paragraph's last line
        # ends its sentence)
        k = above_notes(texts, filled_beside(texts, k, -1))
    # (a numbered line holding a clause's comma is a sentence, no heading:
    # 3 個工作小組分別報告進度，並請會員於)
    return k is not None and len(texts[k].strip()) >= CUT_PROSE \
        and not texts[k].rstrip().endswith(SENTENCE_ENDS) \
        and ("，" in texts[k] or not match_heading(texts[k].strip()))


# A page's notes under their rule: at most so many lines.
NOTE_LINES = 8


def above_notes(texts: list[str], k: int | None) -> int | None:
    """Line k, or, where it is the last of a page's notes under a rule (the
    first under the rule starts with a note's mark), the line over the rule:
    the text the page cut."""
    if k is None:
        return None
    j = k
    for _ in range(NOTE_LINES):
        above = filled_beside(texts, j, -1)
        if above is None:
            return k
        if is_rule(texts[above]):
            return filled_beside(texts, above, -1) if is_note_start(texts[j], True) else k
        j = above
    return k


# A table's row or a name beside a rank: cells apart, no running title.
CELL_GAP_RE = re.compile(r"[│┃|｜\t\u3000]|\s{2,}")
HEADER_MIN = 10


def apart_repeats(texts: list[str]) -> dict[str, int]:
    """Lines of one piece of text (no mark of text, no gap between cells, a
    title's length) printed more than once, the first time apart from the
    text (a blank or the file's edge on one side): the key of each, to the
    place it was first printed."""
    seen: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if text and len(text) <= 60 and not TEXT_MARK_RE.search(text) \
                and not CELL_GAP_RE.search(text.strip()):
            seen.setdefault(line_key(text), []).append(i)
    return {key: places[0] for key, places in seen.items() if len(places) >= 2
            and len(key) >= HEADER_MIN and not PAGE_NUMBER_RE.fullmatch(key)
            and any(not 0 <= j < len(texts) or not texts[j]
                    for j in (places[0] - 1, places[0] + 1))}


def filled_beside(texts: list[str], i: int, step: int) -> int | None:
    """The place of the nearest line with text before (step -1) or after (1) line i."""
    j = i + step
    while 0 <= j < len(texts) and not texts[j]:
        j += step
    return j if 0 <= j < len(texts) else None


def counting_up(found: list[tuple[int, int]], interleaved: bool = False) -> list[int]:
    """Of (place, page) in file order, the places of the runs that count up:
    the best run first, then others apart from it (a front matter numbered
    on its own before the body's pages start again at 1), or, where the form
    names itself as a page number (`interleaved`: - 5 -, 第 5 頁), running
    through it a page apart, one by one (a text that carried its own page
    numbers printed again with a second count of the same form)."""
    taken: list[int] = []
    spans: list[tuple[int, int]] = []
    left = found
    while len(left) >= 2:
        run = best_run(left)
        if len(run) < 2:
            break
        places = [left[k][0] for k in run]
        span = (places[0], places[-1])
        if any(a <= span[1] and span[0] <= b for a, b in spans) \
                and not (interleaved and second_count([left[k] for k in run])):
            break
        spans.append(span)
        taken += places
        chosen = set(run) | set(same_pages(left, run))
        taken += [left[k][0] for k in chosen - set(run)]
        # (a line of a second count may stand near a page's own: it stays to count)
        left = [item for k, item in enumerate(left) if k not in (set(run) if interleaved
                                                                 else chosen)]
    return taken


def second_count(run: list[tuple[int, int]]) -> bool:
    """Whether a run of (place, page) is a count of its own among another's:
    each line the next page, a page's worth of lines after the last (but for
    the last page of a run of three or more, which may be short)."""
    steps = list(zip(run, run[1:], strict=False))
    return all(b[1] == a[1] + 1 for a, b in steps) \
        and all(b[0] - a[0] >= BARE_APART for a, b in steps[:len(steps) - (len(run) >= 3)])


def same_pages(found: list[tuple[int, int]], run: list[int]) -> list[int]:
    """Indices into `found` of the other lines that number a page of the run,
    nearer to its line than the run's lines before and after it: a page
    numbered at its head and its foot, or a page cut typed into the text
    beside the file's own page number (not a count that starts again)."""
    places = [found[k][0] for k in run]
    gaps = [b - a for a, b in zip(places, places[1:], strict=False)]
    out = []
    for m, k in enumerate(run):
        before = gaps[m - 1] if m else gaps[0]
        after = gaps[m] if m < len(gaps) else gaps[-1]
        out += [j for j, (place, page) in enumerate(found) if j not in run
                and page == found[k][1] and places[m] - before < place < places[m] + after]
    return out


def best_run(found: list[tuple[int, int]]) -> list[int]:
    """Indices into `found` of the run that counts up best: a step of one
    page scores two, a skip of a few pages one; of two lines of one page
    number, the later (a page's number closes it)."""
    best: dict[int, tuple[int, int]] = {}  # page -> (score, index of the run's last line)
    score, back = [0] * len(found), [-1] * len(found)
    for j, (_, page) in enumerate(found):
        for step in range(1, MAX_SKIP + 1):
            if page - step in best:
                gained = best[page - step][0] + (2 if step == 1 else 1)
                if gained > score[j]:
                    score[j], back[j] = gained, best[page - step][1]
        if page not in best or score[j] >= best[page][0]:
            best[page] = (score[j], j)
    end = max(range(len(found)), key=lambda j: (score[j], j), default=None)
    if end is None or score[end] == 0:
        return []
    run = []
    while end != -1:
        run.append(end)
        end = back[end]
    return run[::-1]
