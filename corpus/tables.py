"""Tables and captions in text: rows from any column separator, one row a block.

A row's cells are split at a bar (``|``, ``｜``, box drawing ``│┃``), a tab,
an ideographic space or a run of spaces; rule lines (``───``, ``━┼━``,
``+---+``) go. A run of two spaces splits a line only when a neighbouring
line splits into as many cells (English prose puts two spaces after a full
stop). A line whose first column is empty, right under a row, is the rest
of cells that wrapped: its pieces join the cells above them. Captions
(``表 3-2 …``, ``表一 …``, ``圖 2 …``, ``Table 1``, ``Figure 2``) name the
table next to them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .formats.model import Line
from .headings import match_heading
from .memo import per_report
from .model import Heading
from .spacing import display_width, join_fragments

BARS = "|｜│┃"
BAR_SPLIT_RE = re.compile(r"\s*[|｜│┃]\s*")
# Every box-drawing character (a rule's joints: ┣━╋━┫ as ├─┼─┤), and the
# marks a typed rule is drawn with.
RULE_CHARS = "".join(map(chr, range(0x2500, 0x2580))) + "+-=_:：~" + BARS
RULE_RE = re.compile("^[" + re.escape(RULE_CHARS) + r"\s]+$")
# A strong gap splits a line alone; a weak one only beside a row like it.
STRONG_GAP_RE = re.compile(r"[ \t\u3000]*(?:\t|\u3000| {3,})[ \t\u3000]*")
WEAK_GAP_RE = re.compile(r" {2,}")
SPLITTABLE_RE = re.compile("  |[\t\u3000" + BARS + "]")
# An absolute value or a norm in a sentence (|z| ≤ 2, ||x||): its bars split nothing.
ABSOLUTE_RE = re.compile(r"\|{1,2}[A-Za-z][\w.]{0,8}\|{1,2}")
WEAK_CELL = 30  # columns: a cell split at two spaces is short, not a sentence
ZH_NUMERAL = "一二三四五六七八九十百〇零"
CAPTION_RE = re.compile(
    r"^(?P<label>(?:表|圖|照片|相片|圖片|附表|附圖)\s*(?:[0-9０-９]+(?:\s*[-–－.．]\s*[0-9０-９]+)*(?![0-9０-９])"
    rf"|[{ZH_NUMERAL}]+(?=[\s　：:、.．]|$))"
    r"|(?:Table|Figure|Fig\.|Photo|Picture)\s*[0-9]+(?:[-.][0-9]+)*)"
    r"\s*[：:、.．]?\s*(?P<title>.*)$")
# Words that make "表 3-2 所示" a sentence that cites a table, not its caption.
CITING_RE = re.compile(
    r"^(所示|所列|中[，,的可所]|之|顯示|列[出示]|的|可[知見]|為|係|說明|[，,。])")


@dataclass
class Cells:
    texts: list[str]
    starts: list[int]  # the column each cell starts at; for bar rows, its index
    bars: bool = False
    strong: bool = True
    aligned: bool = False  # split at runs of spaces: cells line up in columns


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)
    caption: str = ""
    # Each row as the report wrote it: its line(s), separators and all, a
    # wrapped row's lines joined as a paragraph's are.
    texts: list[str] = field(default_factory=list)


@per_report
def is_rule(text: str) -> bool:
    """A line drawn to separate rows or columns: no word in it."""
    return len(text) >= 3 and bool(RULE_RE.match(text)) \
        and sum(c in RULE_CHARS for c in text) >= 3


def tab_table_row(texts: list[str], i: int) -> bool:
    """Whether line i is a row of a table written with tabs (an itinerary on
    the cover: 日次<tab>行程 / 第一天<tab>臺北→東京), not a heading: one of a run
    of lines parted by tabs into as many cells, two or more, where a line is
    no heading (a header row) or has three cells or more (a heading is a
    label and its title)."""
    def cells(k: int) -> int:
        return len(texts[k].strip().split("\t"))

    count = cells(i)
    if count < 2:
        return False
    start, end = i, i + 1
    while start > 0 and cells(start - 1) == count:
        start -= 1
    while end < len(texts) and cells(end) == count:
        end += 1
    return end - start >= 2 and (count >= 3 or any(
        not match_heading(texts[k].strip()) for k in range(start, end)))



def caption_of(text: str) -> tuple[str, str] | None:
    """(label, title) of a caption line."""
    m = CAPTION_RE.match(text)
    if not m or "。" in text or "，" in text or CITING_RE.match(m.group("title")):
        return None
    return re.sub(r"\s+", " ", m.group("label")), m.group("title").strip()


def split_cells(line: Line) -> Cells | None:
    """The cells of a line that reads as a table row, else None (a new Cells
    each time: a caller may join a wrapped row's pieces into it)."""
    text = line.text
    if not text or not SPLITTABLE_RE.search(text):
        return None  # most lines: nothing to split at
    cells = _cells_of(text, line.indent)
    return None if cells is None else Cells(list(cells.texts), list(cells.starts), cells.bars,
                                            cells.strong, cells.aligned)


# (Remembered for the report: the wrap, the tables, the rows around a line
# each ask about the same lines; the memo's own Cells is never handed out.)
@per_report
def _cells_of(text: str, indent: int) -> Cells | None:
    if caption_of(text):
        return None  # 表 1\u3000<title>: a caption, whatever space follows its label
    bars = sum(ABSOLUTE_RE.sub("", text).count(b) for b in BARS)
    if bars and (text[0] in BARS or bars >= 2 or re.search(r"\s[|｜│┃]\s", text)):
        cells = BAR_SPLIT_RE.split(text)
        if text[0] in BARS:
            cells = cells[1:]
        if text[-1] in BARS:
            cells = cells[:-1]
        if len(cells) >= 2:
            return Cells(cells, list(range(len(cells))), bars=True)
    for gap, strong in ((STRONG_GAP_RE, True), (WEAK_GAP_RE, False)):
        pieces = list(gap.finditer(text))
        if not pieces:
            continue
        cells, starts, at = [], [], 0
        for m in pieces:
            cells.append(text[at:m.start()])
            starts.append(indent + display_width(text[:at]))
            at = m.end()
        cells.append(text[at:])
        starts.append(indent + display_width(text[:at]))
        if not strong and max(display_width(c) for c in cells) > WEAK_CELL:
            return None
        if len(cells) == 2 and "\t" not in text and labelled_item(cells[0], cells[1]):
            return None  # ⑴　<a sentence>: a list's item, not a row of two cells
        aligned = all(set(m.group(0)) == {" "} for m in pieces)
        return Cells(cells, starts, strong=strong, aligned=aligned)
    return None


# A list item's label standing alone before its text: ⑴ (1) （一） ① 1. 1、 (a) a)
# (matched half-width: ⑴ folds to (1)).
ITEM_LABEL_RE = re.compile(r"^(?:[(（]\s*(?:\d{1,2}|[a-z]|[一二三四五六七八九十]{1,2})\s*[)）]|"
                           r"\d{1,2}\s*[.．、)]|[a-z][.)]|"
                           "[\u2460-\u2473\u2776-\u277f\u2780-\u2793])$")
CLAUSE_MARK_RE = re.compile(r"[，。；！？]")


def labelled_item(label: str, text: str) -> bool:
    """A label alone and a sentence after it (⑴　我方說明…，…), or a line of one
    that a wrap cut before its first clause's end (longer than a cell): a
    numbered item of a list whose label an ideographic space parts from its
    text, however its lines wrap, not a row of a two-column table."""
    folded = unicodedata.normalize("NFKC", label.strip()) if label[:1] not in CIRCLED \
        else label.strip()
    return bool(ITEM_LABEL_RE.match(folded)) and (
        bool(CLAUSE_MARK_RE.search(text)) or display_width(text) > WEAK_CELL)


CIRCLED = "".join(map(chr, (*range(0x2460, 0x2474), *range(0x2776, 0x2780),
                            *range(0x2780, 0x2794))))


def continues_row(cells: Cells | None, line: Line, row: Cells) -> bool:
    """Whether a line is the wrapped rest of the row above it: its first column is empty."""
    if cells is not None and cells.bars:
        return row.bars and len(cells.texts) == len(row.texts) and not cells.texts[0]
    if row.bars or not row.aligned or len(row.starts) < 2:
        return False
    first = cells.starts[0] if cells is not None else line.indent
    end = row.starts[-1] + display_width(row.texts[-1])
    return first >= row.starts[1] - 1 and line.indent + display_width(line.text) <= end + 2


def merge_row(row: Cells, cells: Cells | None, line: Line) -> None:
    """Join the pieces of a wrapped row to the cells above them."""
    pieces = cells if cells is not None else Cells([line.text], [line.indent])
    for k, (text, start) in enumerate(zip(pieces.texts, pieces.starts, strict=True)):
        if not text:
            continue
        column = k if pieces.bars else max(
            (i for i, s in enumerate(row.starts) if s <= start + 1), default=0)
        row.texts[column] = join_fragments(row.texts[column], text) if row.texts[column] else text


def find_tables(lines: list[Line]) -> dict[int, tuple[int, Table]]:
    """Tables among lines: the index of each table's first line to (the index
    after its last line, the table). Rule lines inside a table belong to it."""
    # A caption is no row, though an ideographic space may part its label and title.
    cells = [None if line.whole or is_rule(line.text) or caption_of(line.text)
             else split_cells(line) for line in lines]
    is_row = [c is not None and (c.strong or _weak_neighbour(cells, i))
              for i, c in enumerate(cells)]
    tables: dict[int, tuple[int, Table]] = {}
    i = 0
    while i < len(lines):
        if not is_row[i]:
            i += 1
            continue
        start, table, row = i, Table(), None
        # A rule right above the first row (the table's top border) is the table's.
        while start > 0 and not lines[start - 1].whole and is_rule(lines[start - 1].text):
            start -= 1
        while i < len(lines):
            text = lines[i].text
            if is_row[i] and (row is None or not continues_row(cells[i], lines[i], row)):
                row = Cells(list(cells[i].texts), list(cells[i].starts), cells[i].bars,
                            aligned=cells[i].aligned)
                table.rows.append(row.texts)
                table.texts.append(text)
            elif row is not None and text and not lines[i].whole and not is_rule(text) \
                    and continues_row(cells[i], lines[i], row):
                merge_row(row, cells[i], lines[i])
                table.texts[-1] = join_fragments(table.texts[-1], text)
            elif not (text and is_rule(text)):
                break
            i += 1
        tables[start] = (i, table)
    return tables


def _weak_neighbour(cells: list[Cells | None], i: int) -> bool:
    """A line split at two spaces is a row when the line next to it splits alike."""
    n = len(cells[i].texts)
    return any(0 <= j < len(cells) and cells[j] is not None and len(cells[j].texts) == n
               for j in (i - 1, i + 1))


def caption_heading(caption: str, level: int) -> Heading:
    """A caption as the last element of its rows' section path."""
    found = caption_of(caption)
    label, title = found if found else ("", caption)
    return Heading(level, label, title or label)
