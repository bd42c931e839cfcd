"""A PDF's lines, placed on their pages, into paragraphs, table rows and furniture.

Where a paragraph starts, the page says: its first line is indented, or the
gap above it is wider than the line pitch, or its type is another size, or
the line before it stops short of the right margin (in justified text, where
every other line runs exactly to the margin, by any amount). A line that goes on
where the one before it left off (a full line above, no indent, no gap) is
the same paragraph, on the next page too. A line whose text starts under a
character of the line above, after its label, hangs from a list item.

Lines of two or more cells (wide gaps between characters) are table rows;
a line whose cells fall under the columns of the row above without filling
its first column is a cell wrapping inside that row. A line alone at the
top or bottom of a page, apart from the text, that is a page number or comes
back at that edge on other pages, is furniture.

Lines in smaller type at a page's foot, the first starting with a note's
mark (a number, a superscript, ``[n]``, ``註n``, ``*``), are footnotes: each
mark starts a note line (``note``), and the paragraph the page break cut
goes on over them on the next page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from statistics import median

from ..agenda import is_agenda_line
from ..fields import field_of
from ..headings import match_heading
from ..line_keys import furniture_key
from ..numbering import SIBLING_SCAN, Numbering, heading_tail, next_sibling, reads_as_title
from ..page_numbers import is_page_number
from ..paragraphs import LEADER_END_RE, join_fragments, schedule_start
from ..roles import is_role_line
from ..spacing import display_width
from .list_labels import BULLET_CLASS, is_bullet
from .model import Line
from .pdf_lines import PageLine

# A right edge this many character heights short of the margin ends a paragraph.
SHORT = 1.5
# A gap wider than the line pitch by this share of a character height is a paragraph gap.
PARAGRAPH_GAP = 0.35
INDENT = 0.5
# A line starting this many character heights right of the margin is set far
# right: no first-line indent is so deep.
FAR_INDENT = 6
# In justified text, a line ending this share of a character short of the margin
# was not stretched to it: a paragraph's last line.
JUSTIFIED = 0.1
# Where the stretched lines all end at the margin to within a hair (their
# lines mostly within this share of a character of it, twice over), a line
# short of it by more than they stray was not stretched, however little.
HAIR = 0.02
SIZE_CHANGE = 0.1
# A line whose next word would have ended within this share of a character
# height of the margin, or past it, had no room for it (a wrapper counts a
# space it dropped at the break).
RAN_ON_SLACK = 0.25
# In ragged text, a line reaching this share of the text's width is nearly full.
NEARLY_FULL = 0.75
# Where the page's geometry says nothing (a full line, no indent), a line that
# ends a sentence and a next line with a heading's or list item's label part.
SENTENCE_END_RE = re.compile(r"[。！？!?」』]$")
# A sentence's end, with the marks of the notes it cites after it (`。12`, `。¹`).
NOTED_END_RE = re.compile(r"[。！？!?」』][\d¹²³⁴⁵⁶⁷⁸⁹⁰*]*$")
# A line that stops on a clause mark stops in mid-sentence: the next line goes on.
CLAUSE_END_RE = re.compile(r"[，、；,;]$")
# A line's first word: a run of Latin letters and digits (kept whole by a
# printer) with what clings to it, or one character.
FIRST_WORD_RE = re.compile(r"[（(「『]*(?:[A-Za-z0-9][A-Za-z0-9\-.,'’%/]*|\S)[，。、；：）」』]*")
LABEL_RE = re.compile(r"^(?:[\[［]\d{1,3}[\]］]|[¹²³⁴⁵⁶⁷⁸⁹]|"
                      r"第\s*[一二三四五六七八九十\d]+\s*[章節篇條]|"
                      r"[壹貳參肆伍陸柒捌玖拾一二三四五六七八九十]+\s*[、.．]|"
                      r"[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}(?:\.\d{1,2})*\s*[.、．]?\s|"
                      + BULLET_CLASS + ")")
# Footnotes are set in type smaller than this share of the text's, and start with a mark.
NOTE_SIZE = 0.9
NOTE_MARK_RE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[\[［]\d{1,3}[\]］]|[(（]?註\s*\d{1,3}[)）]?|\d{1,3}"
                          r"|\*{1,3}|[①-⑳])(?!\d)[\s.．、:：)）]*\S")
RULE_RE = re.compile(r"^[_＿─━—–\-﹍]{3,}$")
# A line drawn of box-drawing or rule characters alone (three or more, spaces aside).
BORDER_RE = re.compile(r"^\s*(?:[\u2500-\u257f_＿—–\-﹍=＝]\s*){3,}$")
# A table's drawn column bar.
DRAWN_BAR_RE = re.compile(r"[│┃｜║]")
# Marks that close what stands before them: no line of a paragraph's own starts with one.
CLOSING = frozenset("，。、；：！？）」』】〕》〉,.;:!?)")
# A hanging indent lines up after a label that ends in one of these.
LABEL_END = "、.．)）:：． "


def layout(pages: list[list[PageLine]], width: float) -> list[list[Line]]:
    """Pages of whole paragraphs, table rows (cells joined by tabs) and
    furniture; `width` is the page's."""
    measured = measure(pages, width)
    if measured is None:
        return [[] for _ in pages]
    margin, right_edge, height, rights = measured
    pitch = line_pitch(pages, height)
    furniture = find_furniture(pages, pitch, height)
    assembler = Assembler(margin, right_edge, pitch)
    assembler.breaks.height = height
    near = [r for r in rights if abs(r - right_edge) <= SHORT * height]
    exact = [r for r in near if abs(r - right_edge) <= JUSTIFIED * height]
    assembler.breaks.justified = len(exact) >= 3 and len(exact) >= 0.5 * len(near)
    assembler.breaks.stretched = stretched_slack(exact, right_edge, height)
    assembler.breaks.first_indent = first_indent(pages, margin)
    return assembler.run(pages, furniture)


def measure(pages: list[list[PageLine]], width: float
            ) -> tuple[float, float, float, list[float]] | None:
    """The text's left margin, the right edge its full lines reach, its type
    size and its lines' right edges (sorted); None for pages without text."""
    body = [line for page in pages for line in page if len(line.cells) == 1]
    if not body:
        body = [line for page in pages for line in page]
    if not body:
        return None
    lefts = sorted(line.left for line in body)
    margin = lefts[int(0.05 * (len(lefts) - 1))]  # indents and centred lines stand right of it
    # The edge is the text's: a page number centred on the page, a drawn rule
    # and a row drawn with bars are set to their own width, which a narrow
    # measure's text does not reach.
    rights = sorted(line.right for line in [b for b in body if wording(b.text)] or body)
    right_edge = rights[int(0.9 * (len(rights) - 1))]
    # (the notes at the pages' feet aside: where they hold as many lines as
    # the text, their size is no less the lines' median)
    feet = foot_runs(pages)
    height = median(line.height for line in [b for b in body if id(b) not in feet] or body)
    if sum(1 for r in rights if abs(r - right_edge) <= INDENT * height) < 3:
        # Too few lines of text run to one edge to show it: the edge they
        # and the page's table rows run to past it (a row too wide for the
        # measure wraps there), else the margins taken as even.
        shared = shared_edge([line.right for page in pages for line in page], height)
        right_edge = shared if shared is not None and shared >= right_edge \
            else max(right_edge, width - margin)
    return margin, right_edge, height, rights


def wording(text: str) -> bool:
    """Whether a line is set as the text's words: no page number, no rule or
    border, no row drawn with bars between its cells."""
    return not (is_page_number(text) or BORDER_RE.match(text) or DRAWN_BAR_RE.search(text))


def stretched_slack(exact: list[float], right_edge: float, height: float) -> float:
    """How far short of the margin (a share of a character) a justified
    text's stretched lines end: JUSTIFIED where they stray, down to HAIR
    where most end on it (a justified paragraph's last line that happens to
    end a point short of the margin is its last, not a stretched one)."""
    if not exact:
        return JUSTIFIED
    strays = sorted(abs(r - right_edge) / max(height, 1.0) for r in exact)
    return min(JUSTIFIED, max(HAIR, 2 * strays[int(0.8 * (len(strays) - 1))]))


def shared_edge(rights: list[float], height: float) -> float | None:
    """The rightmost edge at least three lines end at (within INDENT of a
    character height), or None."""
    for r in sorted(rights, reverse=True):
        if sum(1 for other in rights if abs(other - r) <= INDENT * height) >= 3:
            return r
    return None


def foot_runs(pages: list[list[PageLine]]) -> set[int]:
    """The ids of the lines that read as footnotes before the text's size is
    known: on each page, the last lines (in one cell), in type smaller by
    NOTE_SIZE than the line above them, the first starting with a note's
    mark (a page number or footer under them goes with them)."""
    feet: set[int] = set()
    for page in pages:
        k = len(page)
        smallest = float("inf")
        while k > 0 and len(page[k - 1].cells) == 1 \
                and NOTE_SIZE * page[k - 1].height < smallest:
            smallest = min(smallest, page[k - 1].height)
            k -= 1
        run = page[k:]
        if k == 0 or not run or max(line.height for line in run) >= NOTE_SIZE * page[k - 1].height:
            continue  # a page in one size, or no smaller type at its foot
        if NOTE_MARK_RE.match(run[0].text):
            feet.update(id(line) for line in run)
    return feet


def text_columns(pages: list[list[PageLine]], width: float) -> int | None:
    """How wide a full line of text is, in columns (two a character of the
    text's type size), as a text file would count it."""
    measured = measure(pages, width)
    if measured is None:
        return None
    margin, right_edge, height, _ = measured
    return round(2 * (right_edge - margin) / max(height, 1.0))


def first_indent(pages: list[list[PageLine]], margin: float) -> float | None:
    """The paragraphs' first-line indent, where a line goes back to the margin
    after an indented one; not where a bulleted item's text, hanging under
    the text after its bullet, goes back to the margin at the next item."""
    indents: Counter[int] = Counter()
    for page in pages:
        hanging: float | None = None  # where the open item's text hangs
        for above, a, b in zip([None, *page], page, page[1:], strict=False):
            height = max(a.height, 1.0)
            if above is not None and is_bullet(above.text[:1]) \
                    and a.left - above.left > INDENT * height and hangs(above, a, height):
                hanging = a.left
            elif hanging is None or above is None or NOTED_END_RE.search(above.text) \
                    or abs(a.left - hanging) > INDENT * height:
                hanging = None
            if hanging is None and abs(b.left - margin) <= INDENT * height and \
                    INDENT * height < a.left - margin < 6 * height and \
                    abs(a.height - b.height) <= SIZE_CHANGE * height:
                indents[round(a.left - margin)] += 1
    return indents.most_common(1)[0][0] if indents else None


def line_pitch(pages: list[list[PageLine]], height: float) -> float:
    """The pitch of the text's lines (of type size `height`: footnotes and
    headings, set smaller or larger, have their own)."""
    gaps = [a.bottom - b.bottom for page in pages for a, b in zip(page, page[1:], strict=False)
            if abs(a.height - height) <= SIZE_CHANGE * height
            and abs(b.height - height) <= SIZE_CHANGE * height and a.bottom > b.bottom]
    # The lower quartile: gaps between paragraphs and rows are the wider ones.
    return sorted(gaps)[len(gaps) // 4] if gaps else 0.0


def find_furniture(pages: list[list[PageLine]], pitch: float, height: float = 0.0
                   ) -> set[tuple[int, int]]:
    """(page, line) of headers, footers and page numbers: an edge line apart
    from the text that is a page number or comes back on another page, or
    that is set smaller than the text (`height`) and is no sentence and no
    footnote, which a header printed on one page only (a one-page report,
    headers of odd and even pages) is; a cover's own small lines aside."""
    candidates: list[tuple[int, int, str]] = []
    for p, page in enumerate(pages):
        if len(page) < 2:
            continue
        for i, j in ((0, 1), (len(page) - 1, len(page) - 2)):
            a, b = page[i], page[j]
            if abs(a.middle - b.middle) > pitch + PARAGRAPH_GAP * a.height or \
                    abs(a.height - b.height) > SIZE_CHANGE * b.height:
                candidates.append((p, i, page[i].text))
    counts = Counter(furniture_key(text) for _, _, text in candidates)

    def small(p: int, i: int) -> bool:
        line = pages[p][i]
        return line.height < NOTE_SIZE * height and (p > 0 or len(pages) == 1) \
            and len(line.text) <= 60 and not SENTENCE_END_RE.search(line.text) \
            and not NOTE_MARK_RE.match(line.text)

    return {(p, i) for p, i, text in candidates
            if is_page_number(text) or counts[furniture_key(text)] >= 2 or small(p, i)}


class Assembler:
    """Walks the lines in reading order, closing a paragraph where the next starts."""

    def __init__(self, margin: float, right_edge: float, pitch: float):
        self.breaks = Breaks(margin, right_edge, pitch)
        self.out: list[list[Line]] = []
        self.text = ""
        self.slot: tuple[int, int] | None = None
        self.previous: PageLine | None = None
        self.table: Table | None = None

    def run(self, pages: list[list[PageLine]], furniture: set[tuple[int, int]]):
        breaks = self.breaks
        breaks.flat = [line for p, page in enumerate(pages) for i, line in enumerate(page)
                       if (p, i) not in furniture and len(line.cells) == 1]
        breaks.place = {id(line): k for k, line in enumerate(breaks.flat)}
        carried: PageLine | None = None  # the last line of the last page's footnotes
        for p, page in enumerate(pages):
            self.out.append([])
            new_page = True
            notes = foot_notes(page, [(p, i) in furniture for i in range(len(page))],
                               breaks.height, carried, breaks.right_edge)
            for i, line in enumerate(page):
                if (p, i) in furniture:
                    self.out[-1].append(Line(line.text, whole=True, furniture=True))
                    continue
                if i in notes:
                    continue
                self.feed(line, new_page)
                new_page = False
            self.close_table()
            feet = [page[i] for i in sorted(notes)]
            add_notes(self.out, feet)
            carried = feet[-1] if feet else None
        self.close()
        return self.out

    def feed(self, line: PageLine, new_page: bool) -> None:
        if self.table is not None and self.table.takes(line, new_page):
            return
        self.close_table()
        if len(line.cells) > 1:
            self.close()
            self.table = Table(line, self.breaks.pitch, self.breaks.right_edge)
            return
        if BORDER_RE.match(line.text):
            # A table's drawn border or a rule: a line of its own, whatever its
            # width (box drawing runs past a text's margin), never a paragraph's.
            self.close()
            self.out[-1].append(Line(line.text))
            return
        if self.previous is None or self.breaks.starts(self.previous, line, new_page):
            self.breaks.after_number = self.previous is not None \
                and is_page_number(self.previous.text)
            self.close()
            self.out[-1].append(Line(""))
            self.slot = (len(self.out) - 1, len(self.out[-1]) - 1)
            self.breaks.first = line
            self.text = line.text
        else:
            self.text = join_fragments(self.text, line.text)
        self.previous = line

    def close(self) -> None:
        if self.slot is not None:
            page, index = self.slot
            found = match_heading(self.text)
            if found is not None and reads_as_title(found[2]):
                # (an item's sentence after its label heads nothing)
                self.breaks.numbering.seen(found[0], found[1])
            self.out[page][index] = Line(self.text, whole=True,
                                         indent=self.indent(self.breaks.first))
        self.slot, self.previous, self.breaks.first, self.text = None, None, None, ""

    def indent(self, line: PageLine | None) -> int:
        """How far right of the margin a paragraph starts, in columns (two a
        character of its type size), as a text's spaces would say it."""
        if line is None:
            return 0
        return max(0, round(2 * (line.left - self.breaks.margin) / max(line.height, 1.0)))

    def close_table(self) -> None:
        if self.table is not None:
            self.out[-1].extend(Line(row, whole=True) for row in self.table.rows())
            self.table = None


class Breaks:
    """Whether a line opens a paragraph or goes on the open one: the tests
    against the text's measure (its margin, right edge, pitch, first-line
    indent, justification) and the paragraph read so far (its first line,
    the labels of the one-line paragraphs before it)."""

    def __init__(self, margin: float, right_edge: float, pitch: float):
        self.margin, self.right_edge, self.pitch = margin, right_edge, pitch
        self.first: PageLine | None = None  # the open paragraph's first line
        self.after_number = False  # whether a typed page number stands right before it
        self.first_indent: float | None = None
        # Justified text: every line but a paragraph's last runs to the margin exactly.
        self.justified = False
        self.stretched = JUSTIFIED  # how far short of the margin a stretched line may end
        self.height = 0.0  # the text's type size
        self.numbering = Numbering()  # the labels of the one-line paragraphs so far
        self.flat: list[PageLine] = []  # the text's lines (no furniture, no rows), in order
        self.place: dict[int, int] = {}

    def starts(self, above: PageLine, line: PageLine, new_page: bool) -> bool:
        height = max(above.height, 1.0)
        if abs(line.height - above.height) > SIZE_CHANGE * height \
                or is_page_number(above.text) or is_page_number(line.text):
            return True  # (a page number typed into the text is a line of its own)
        if not new_page and above.bottom - line.bottom > self.pitch + PARAGRAPH_GAP * height:
            return True
        shift = line.left - above.left
        if LEADER_END_RE.search(above.text):
            return True  # a contents entry ends at its leader and page number
        if above is self.first and shift <= INDENT * height and field_of(line.text) is not None \
                and field_of(above.text) is not None:
            return True  # a cover's field under another's line, its value filling it
        if self.past_edge(above) and opens_line(line.text):
            return True  # (a line past the text's edge was set apart, not wrapped at it)
        if above is self.first and self.after_number and (
                self.short(above) or self.past_edge(above)
                and line.right >= self.margin + NEARLY_FULL * (self.right_edge - self.margin)):
            # a short line after a typed page number, or one past the text's
            # edge (set whole) over a line of text nearly as wide as the
            # text's, no wrapped tail of its own: a running title, alone
            return True
        if line.text[:1] in CLOSING and shift <= INDENT * height:
            return False  # no paragraph opens with a closing mark: the line before went on
        if CLAUSE_END_RE.search(above.text) and shift <= INDENT * height \
                and not LABEL_RE.match(line.text):
            return False  # ragged text: a line cut short at a clause, the sentence goes on
        if above is self.first and programme_line(above.text) and programme_line(line.text):
            return True  # two days or sessions of a schedule, a line each (as in text)
        if self.first_indent is not None and not self.justified and shift <= INDENT * height \
                and above.right >= self.margin + NEARLY_FULL * (self.right_edge - self.margin) \
                and abs(line.left - self.margin) <= INDENT * height \
                and not SENTENCE_END_RE.search(above.text) and not LABEL_RE.match(line.text) \
                and field_of(line.text) is None \
                and not (above is self.first and titled(above.text)
                         and not wraps_back(above, line, self.margin)) \
                and above.left - self.margin < FAR_INDENT * height:
            # Ragged text whose paragraphs open with an indent: a line that
            # nearly fills the line and stops mid-sentence goes on in an
            # unindented next line (proportional Latin leaves lines uneven),
            # unless that line opens with a form's field label (出國人員：…);
            # a numbered title, or a line set far right (a page's number
            # typed into the text), is left to the tests below.
            return False
        if self.short(above) and not self.ran_on(above, line):
            return True
        if above is self.first and not self.past_edge(above) and self.numbering.full_line_heading(
                match_heading(above.text), lambda style, count: self.sibling_stands(
                    above, style, count)):
            # A heading exactly a line long, unless this line is its wrapped
            # tail, or the line goes on an item's paragraph (a heading past
            # the text's edge was set whole: no tail of it wraps).
            return not (wraps_back(above, line, self.margin)
                        or line.right < self.right_edge - SHORT * height
                        and heading_tail(above.text, line.text))
        if self.hanging_on(above, line):
            return False  # (after a heading a line long: its paragraph may open there)
        if shift > INDENT * height:
            return not hangs(above, line, height)
        if shift < -INDENT * height:
            # Back from a first-line indent: the same paragraph; but a line set far
            # right (a footer typed in, a date, a signature) is no paragraph's first
            # line, and a bullet after a sentence's end opens an item.
            if is_bullet(line.text[:1]) and SENTENCE_END_RE.search(above.text):
                return True
            return above is not self.first or above.left - self.margin >= FAR_INDENT * height
        if above is self.first and self.first_indent is not None and \
                abs(above.left - self.margin - self.first_indent) <= INDENT * height:
            return True  # a first line, then another: its text would go back to the margin
        return bool(SENTENCE_END_RE.search(above.text)
                    and (LABEL_RE.match(line.text) or is_role_line(line.text)
                         or match_heading(line.text)))

    def ran_on(self, above: PageLine, line: PageLine) -> bool:
        """Whether `above`, short of the margin, stopped there only because
        the first word of `line` had no room after it (a printed text's line
        holding proportional Latin ends short of the measure, and a text
        wrapped by its own author stops as near): a sentence under way that
        goes on at the margin, no heading and no label."""
        height = max(above.height, 1.0)
        first = FIRST_WORD_RE.match(line.text)
        # (a sentence's end ends a paragraph there, unless paragraphs open indented)
        hung = self.hung(above, line)
        if first is None or NOTED_END_RE.search(above.text) and (self.first_indent is None or hung
                                                                 and opens_at(line, self)) \
                or abs(line.left - self.margin) > INDENT * height and not hung \
                or line.left - above.left > INDENT * height and not hung \
                or LABEL_RE.match(line.text) or match_heading(line.text) \
                or above is self.first and self.heads_line(above, line):
            return False
        return above.right + word_width(above, first.group(0)) \
            > self.right_edge - RAN_ON_SLACK * height

    def heads_line(self, above: PageLine, line: PageLine) -> bool:
        """Whether a numbered first line that the next line's first word had
        no room after is a heading: as full as a line that reaches the
        margin, it is one where such a line is (a family that heads parts,
        or whose next label stands as a heading), not the first line of an
        item whose text wraps to the margin under its label."""
        found = match_heading(above.text)
        if found is None or wraps_back(above, line, self.margin):
            return False
        if not found[1] or not found[2]:
            return True  # a label alone
        if not reads_as_title(found[2]):
            return False  # a sentence under way
        return self.numbering.full_line_heading(found, lambda style, count: self.sibling_stands(
            above, style, count))

    def hanging_on(self, above: PageLine, line: PageLine) -> bool:
        """Whether `line` goes on a list item's text at its hanging indent
        after a line nearly as wide as the text that ends no sentence:
        ragged text, as a hard-wrapped item's, stops short of the margin at
        any width."""
        return not LABEL_RE.match(line.text) and not NOTED_END_RE.search(above.text) \
            and above.right >= self.margin + NEARLY_FULL * (self.right_edge - self.margin) \
            and self.hung(above, line)

    def hung(self, above: PageLine, line: PageLine) -> bool:
        """Whether `line` starts at the open paragraph's hanging indent: under
        the text after its first line's label or bullet, where the item's
        lines after the first start too."""
        height = max(above.height, 1.0)
        first = self.first
        if first is None:
            return False
        if above is first:
            return line.left - above.left > INDENT * height and hangs(above, line, height)
        return abs(line.left - above.left) <= INDENT * height \
            and above.left - first.left > INDENT * height and hangs(first, above, height)

    def sibling_stands(self, line: PageLine, style: str, count: tuple[int, ...]) -> bool:
        """Whether the next label of a family stands as a heading after `line`
        (corpus.numbering): a title on a line short of the margin, before a
        label of another family read as a heading goes on."""
        at = self.place.get(id(line), len(self.flat))
        scan = self.flat[at + 1:at + 2 + SIBLING_SCAN]
        after = [(a.text, self.fills(a, b)) for a, b in zip(
            scan[:SIBLING_SCAN], [*scan[1:SIBLING_SCAN + 1], None], strict=False)]
        return next_sibling(after, style, count, set(self.numbering.last) - {style})

    def fills(self, line: PageLine, after: PageLine | None) -> bool:
        """Whether a line fills the width: it reaches the margin, or the
        first word of the line after it would not have fitted on it."""
        if not self.short(line):
            return True
        first = FIRST_WORD_RE.match(after.text) if after is not None else None
        return first is not None and line.right + word_width(line, first.group(0)) \
            > self.right_edge - RAN_ON_SLACK * max(line.height, 1.0)

    def past_edge(self, line: PageLine) -> bool:
        """Whether a line runs past the right edge the text's full lines
        reach, by more than a wrap leaves: a line set as it is (a programme's
        session, a row whose cells no wide gap parts), never one the text
        wrapped at its edge."""
        return line.right > self.right_edge + SHORT * max(line.height, 1.0)

    def short(self, line: PageLine) -> bool:
        height = max(line.height, 1.0)
        return line.right < self.right_edge - (self.stretched if self.justified else SHORT) * height


def add_notes(out: list[list[Line]], feet: list[PageLine]) -> None:
    """A page's footnotes, after its text (the last page of `out`); the rest
    of the last page's last note, which the page break cut, goes on it."""
    tail = carried_tail(feet)
    if tail:
        carry_note(out, tail)
    out[-1].extend(note_lines(feet[len(tail):]))


def carry_note(out: list[list[Line]], tail: list[PageLine]) -> None:
    """The lines of a footnote the page break cut, joined to its head: the
    last note of the pages before."""
    for page in reversed(out[:-1]):
        for k in range(len(page) - 1, -1, -1):
            if page[k].note:
                text = page[k].text
                for line in tail:
                    text = join_fragments(text, line.text)
                page[k] = replace(page[k], text=text)
                return


def opens_line(text: str) -> bool:
    """Whether a line opens a block of its own by its words: a heading's or
    an item's label, a day of a schedule or a time of an agenda."""
    return bool(LABEL_RE.match(text) or match_heading(text)) or programme_line(text)


# A day's date before a session's time (10月7日 10:30　…, 10/7（二）09:00 …).
DAY_PREFIX_RE = re.compile(r"^\s*\d{1,2}\s*(?:月\s*\d{1,2}\s*日|/\s*\d{1,2})"
                           r"(?:\s*[(（][^)）]{1,3}[)）])?\s*")


def programme_line(text: str) -> bool:
    """Whether a line is one of a programme's: a day of a schedule, a time
    of an agenda and its item, or a day's date and then such a time (its
    session's title as long as it is)."""
    if schedule_start(text) or is_agenda_line(text):
        return True
    day = DAY_PREFIX_RE.match(text)
    return day is not None and is_agenda_line(text[day.end():])


def opens_at(line: PageLine, text: Breaks) -> bool:
    """Whether `line` starts where the text's paragraphs open (its first-line
    indent): after a sentence's end, a new paragraph, though an item's text
    hangs there too."""
    return abs(line.left - text.margin - text.first_indent) <= INDENT * max(line.height, 1.0)


def wraps_back(above: PageLine, line: PageLine, margin: float) -> bool:
    """Whether `line` takes back to the margin the text of a numbered line
    set at an indent that stops mid-sentence: a list item's paragraph
    (a title wraps under itself, its label or its text, never left of its
    label)."""
    height = max(above.height, 1.0)
    return line.left - above.left < -INDENT * height \
        and abs(line.left - margin) <= INDENT * height \
        and not SENTENCE_END_RE.search(above.text)


def foot_notes(page: list[PageLine], furniture: list[bool], height: float,
               carried: PageLine | None = None, right_edge: float = 0.0) -> set[int]:
    """Indices of the footnotes at the page's foot: the last lines (furniture
    aside) in smaller type than the text's, from the first that starts with a
    note's mark (a typed rule above them goes with them). After a page whose
    foot ended in a note line that ran on to the margin (`carried`), the
    lines in its type size before the first mark are the rest of that note,
    which the page break cut."""
    foot: list[int] = []
    for i in range(len(page) - 1, -1, -1):
        if furniture[i]:
            continue
        line = page[i]
        if len(line.cells) > 1 or line.height >= NOTE_SIZE * height:
            break
        foot.insert(0, i)
    if carried is not None:
        size = max(carried.height, 1.0)
        while foot and abs(page[foot[0]].height - size) > SIZE_CHANGE * size:
            foot.pop(0)
        first = FIRST_WORD_RE.match(page[foot[0]].text) if foot else None
        if first and NOTE_MARK_RE.match(page[foot[0]].text) is None \
                and carried.right + word_width(carried, first.group(0)) \
                > right_edge - RAN_ON_SLACK * size:
            return set(foot)  # a note's tail heads the foot; no rule is typed above it
    while foot and not NOTE_MARK_RE.match(page[foot[0]].text):
        foot.pop(0)
    if not foot:
        return set()
    above = foot[0] - 1
    while above >= 0 and furniture[above]:
        above -= 1
    rule = {above} if above >= 0 and RULE_RE.match("".join(page[above].text.split())) else set()
    return set(foot) | rule


def carried_tail(lines: list[PageLine]) -> list[PageLine]:
    """The foot's lines before its first note's mark (a typed rule aside): the
    tail of a note the page before began."""
    tail: list[PageLine] = []
    for line in lines:
        if NOTE_MARK_RE.match(line.text) or RULE_RE.match("".join(line.text.split())):
            break
        tail.append(line)
    return tail


def note_lines(lines: list[PageLine]) -> list[Line]:
    """Footnote lines, one a note: a line starting with a mark starts one."""
    notes: list[str] = []
    for line in lines:
        text = line.text
        if RULE_RE.match("".join(text.split())):
            continue
        if NOTE_MARK_RE.match(text) or not notes:
            notes.append(text)
        else:
            notes[-1] = join_fragments(notes[-1], text)
    return [Line(text, whole=True, note=True) for text in notes]


def word_width(above: PageLine, word: str) -> float:
    """How wide `word` would have been after the line `above` (two columns
    a character of its type size), with the space a break beside a Latin
    word took."""
    half = max(above.height, 1.0) / 2
    space = word[:1].isascii() or above.text[-1:].isascii()
    return (display_width(word) + space) * half


def hangs(above: PageLine, line: PageLine, height: float) -> bool:
    """Whether `line` starts under a character of `above` that follows its
    label, or, after a bullet, anywhere from the bullet's right edge to where
    its item's text starts (a symbol font's bullet may be wider or narrower
    than the tab stop or space after it leaves room for)."""
    cell = above.cells[0]
    if is_bullet(cell.text[:1]) and len(cell.starts) > 1:
        k = next((k for k in range(1, len(cell.starts)) if not cell.text[k].isspace()), 1)
        return cell.starts[1] - INDENT * height <= line.left <= cell.starts[k] + INDENT * height
    for k in range(1, min(len(cell.text), len(cell.starts))):
        if cell.text[k - 1] in LABEL_END and abs(cell.starts[k] - line.left) <= INDENT * height:
            return True
    return False


class Table:
    """Rows of cells under column positions; a wrapped cell joins its row."""

    def __init__(self, line: PageLine, pitch: float, right_edge: float = 0.0):
        self.columns = [cell.left for cell in line.cells]
        self.row_lines: list[list[PageLine]] = [[line]]
        self.row_gap: float | None = None
        self.pitch, self.right_edge = pitch, right_edge

    def takes(self, line: PageLine, new_page: bool) -> bool:
        """Whether `line` is a row of this table or a cell wrapping in the last row."""
        if new_page:
            return False
        last = self.row_lines[-1][-1]
        height = max(last.height, 1.0)
        near = INDENT * height
        aligned = all(any(abs(cell.left - c) <= near for c in self.columns)
                      for cell in line.cells)
        first_filled = abs(line.left - self.columns[0]) <= near
        gap = last.bottom - line.bottom
        # Rows spaced wider than the text's lines: a line at the line pitch wraps a cell.
        tight = self.row_gap is not None and self.row_gap > self.pitch + 0.2 * height \
            and gap <= self.pitch + 0.2 * height
        spaced_alike = self.row_gap is not None and gap <= self.row_gap + 0.2 * height
        if len(line.cells) > 1 and first_filled and not tight and (aligned or spaced_alike):
            self.row_gap = gap if self.row_gap is None else min(self.row_gap, gap)
            self.add_columns(line, near)
            self.row_lines.append([line])
            return True
        wrapped = (aligned and not first_filled
                   and gap <= max(self.row_gap or 0.0, self.pitch) + 0.2 * height)
        if wrapped or (aligned and tight):
            self.row_lines[-1].append(line)
            return True
        if self.tail(last, line, gap):
            # The row's last cell, its tail put back under its column.
            cell = replace(line.cells[0], left=last.cells[-1].left)
            self.row_lines[-1].append(PageLine([cell], line.bottom, line.height))
            return True
        return False

    def tail(self, last: PageLine, line: PageLine, gap: float) -> bool:
        """Whether `line` is the tail of a row printed as running text, which
        a printer wrapped at the margin (it knew no cells): a row of cells
        that runs to the right edge, then, one line pitch down, one short
        piece at the margin that would not have fitted after it and would
        fit under the row's last column."""
        height = max(last.height, 1.0)
        first = FIRST_WORD_RE.match(line.text)
        if len(line.cells) != 1 or len(last.cells) < 2 or first is None or not self.right_edge \
                or abs(line.left - self.columns[0]) > INDENT * height \
                or abs(gap - self.pitch) > 0.2 * height or LABEL_RE.match(line.text):
            return False
        return last.right + word_width(last, first.group(0)) \
            > self.right_edge - RAN_ON_SLACK * height \
            and line.right - line.left <= self.right_edge - last.cells[-1].left

    def add_columns(self, line: PageLine, near: float) -> None:
        for cell in line.cells:
            if all(abs(cell.left - c) > near for c in self.columns):
                self.columns.append(cell.left)
        self.columns.sort()

    def column_of(self, left: float, near: float) -> int:
        index = 0
        for k, c in enumerate(self.columns):
            if c <= left + near:
                index = k
        return index

    def rows(self) -> list[str]:
        rows = []
        for lines in self.row_lines:
            cells = [""] * len(self.columns)
            for line in lines:
                for cell in line.cells:
                    k = self.column_of(cell.left, INDENT * max(line.height, 1.0))
                    cells[k] = join_fragments(cells[k], cell.text) if cells[k] else cell.text
            rows.append("\t".join(cells).strip())
        return rows


def titled(text: str) -> bool:
    """A line that reads as a numbered heading: a label and a title."""
    found = match_heading(text)
    return found is not None and bool(found[1]) and reads_as_title(found[2])
