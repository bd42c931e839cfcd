"""Random documents of word-processor features (numbered lists that go on or
restart, multilevel lists of mixed formats, headings by style, text boxes,
content controls, tracked changes, tables with merged cells, frames), written
as Word and LibreOffice write them: the reader gives every printed line once,
in order, labels as typed, outline levels as the styles give them, and no
deleted text."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.corpus.formats import extract

from .front_layouts import zh_count
from .word_packages import (
    docx_package,
    odt_contents,
    odt_level,
    odt_package,
    w_contents,
    w_level,
    w_numbering,
    w_p,
    w_style,
)

EXAMPLES = int(os.environ.get("RSEARCH_LAYOUTS", "60"))

# Per family: Word numFmt and lvlText, LibreOffice num-format, prefix and
# suffix, and the label of n written independently of the reader.
FAMILIES = [
    ("taiwaneseCountingThousand", "%1、", "一, 二, 三, ...", "", "、",
     lambda n: f"{zh_count(n)}、"),
    ("decimal", "(%1)", "1", "(", ")", lambda n: f"({n})"),
    ("upperLetter", "%1.", "A", "", ".", lambda n: f"{chr(64 + n)}. "),
]
ROMANS = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
          "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]
# The formats a multilevel list mixes: Word numFmt -> (LibreOffice num-format,
# n as printed, written apart from the reader).
MIXED: dict[str, tuple[str, Callable[[int], str]]] = {
    "decimal": ("1", str),
    "decimalFullWidth": ("１, ２, ３, ...",
                         lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n))),
    "upperRoman": ("I", lambda n: ROMANS[n]),
    "lowerLetter": ("a", lambda n: "abcdefghijklmnopqrstuvwxyz"[n - 1]),
    "chineseCounting": ("一, 二, 三, ...", zh_count),
    "taiwaneseCountingThousand": ("一, 二, 三, ...", zh_count),
    "ideographTraditional": ("甲, 乙, 丙, ...", lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]),
}
FRAMES = [("", "."), ("(", ")"), ("第", "章"), ("", "、"), ("（", "）")]
LEVELS = 3


@dataclass(frozen=True)
class Scheme:
    """A multilevel list's levels: format, prefix and suffix, how many levels
    the label shows, what follows it, Word's lvlRestart (None: under any
    level above; 0: never; n: under levels 1..n) and legal numbering (isLgl)
    on the last level."""

    formats: tuple[str, ...]
    frames: tuple[tuple[str, str], ...]
    shown: tuple[int, ...]
    gaps: tuple[str, ...]  # "nothing" or "space"
    restarts: tuple[int | None, ...]
    legal: bool


@dataclass(frozen=True)
class Multi:
    level: int  # 0-based
    start: int | None  # a new instance of the list restarting its first level here
    styled: bool  # numbered through its paragraph style's numPr, not its own
    text: str


@dataclass(frozen=True)
class Numbered:
    family: int
    restart: int | None  # a new list from this number, else the family's list goes on
    text: str


@dataclass(frozen=True)
class Titled:
    level: int  # Heading 1 or 2
    kind: str  # "heading": the Heading style; "custom": a style based on it;
    # "body": based on it but set to body text (no outline level)
    text: str


@dataclass(frozen=True)
class Plain:
    text: str
    deleted: str = ""  # tracked as deleted, inside the paragraph
    boxed: tuple[str, ...] = ()  # text boxes anchored in the paragraph
    control: bool = False  # wrapped in a content control (Word) / a section (ODT)


@dataclass(frozen=True)
class Grid:
    rows: tuple[tuple[str, ...], ...]
    merged: bool  # the first row's first two cells merged


words = st.integers(0, 10**6).map(lambda n: f"段{n}")


@st.composite
def schemes(draw):
    shown = tuple(draw(st.integers(1, k + 1)) for k in range(LEVELS))
    restarts = tuple(None if k == 0 else draw(st.sampled_from([None, *range(k + 1)]))
                     for k in range(LEVELS))
    return Scheme(tuple(draw(st.sampled_from(sorted(MIXED))) for _ in range(LEVELS)),
                  tuple(draw(st.sampled_from(FRAMES)) for _ in range(LEVELS)), shown,
                  tuple(draw(st.sampled_from(["nothing", "space"])) for _ in range(LEVELS)),
                  restarts, draw(st.booleans()))


@st.composite
def blocks(draw):
    kind = draw(st.sampled_from(["numbered", "multi", "titled", "plain", "grid"]))
    text = draw(words)
    if kind == "numbered":
        return Numbered(draw(st.integers(0, len(FAMILIES) - 1)),
                        draw(st.none() | st.integers(1, 12)), text)
    if kind == "multi":
        return Multi(draw(st.integers(0, LEVELS - 1)), draw(st.none() | st.integers(1, 5)),
                     draw(st.booleans()), text)
    if kind == "titled":
        return Titled(draw(st.integers(1, 2)),
                      draw(st.sampled_from(["heading", "custom", "body"])), text)
    if kind == "plain":
        return Plain(text, draw(st.sampled_from(["", "刪除"])),
                     tuple(draw(st.lists(words, max_size=2))), draw(st.booleans()))
    rows = draw(st.integers(1, 3))
    cells = tuple(tuple(draw(words) for _ in range(3)) for _ in range(rows))
    return Grid(cells, draw(st.booleans()))


def settled(doc: list) -> list:
    """The document with each multilevel item at most one level below the
    last (a restart is on the first level): every level above it is counted."""
    out, depth = [], 0
    for block in doc:
        if isinstance(block, Multi):
            level = 0 if block.start is not None else min(block.level, depth)
            depth = level + 1  # a level below restarts under it, in both word processors
            block = Multi(level, block.start, block.styled, block.text)
        out.append(block)
    return out


def multi_labels(doc: list, scheme: Scheme, word: bool) -> list[str]:
    """Each multilevel item's line as printed. LibreOffice restarts a level
    under any level above and has no legal numbering."""
    out: list[str] = []
    counts: dict[int, int] = {}
    first = 1
    for block in (b for b in doc if isinstance(b, Multi)):
        if block.start is not None:
            counts, first = {}, block.start
        level = block.level
        counts[level] = counts[level] + 1 if level in counts else (first if level == 0 else 1)
        for deeper in [d for d in counts if d > level]:
            bound = scheme.restarts[deeper] if word and scheme.restarts[deeper] is not None \
                else deeper
            if level < bound:
                del counts[deeper]
        legal = word and scheme.legal and level == LEVELS - 1
        numbers = [MIXED["decimal" if legal else scheme.formats[k]][1](counts[k])
                   for k in range(level - scheme.shown[level] + 1, level + 1)]
        prefix, suffix = scheme.frames[level]
        gap = " " if scheme.gaps[level] == "space" else ""
        out.append(f"{prefix}{'.'.join(numbers)}{suffix}{gap}{block.text}")
    return out


def expected(doc: list, scheme: Scheme, word: bool) -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = []
    counts: dict[int, int] = {}
    multis = iter(multi_labels(doc, scheme, word))
    for block in doc:
        if isinstance(block, Numbered):
            n = counts[block.family] = block.restart or counts.get(block.family, 0) + 1
            out.append((FAMILIES[block.family][5](n) + block.text, None))
        elif isinstance(block, Multi):
            out.append((next(multis), None))
        elif isinstance(block, Titled):
            out.append((block.text, None if block.kind == "body" else block.level))
        elif isinstance(block, Plain):
            out.extend((t, None) for t in block.boxed)
            out.append((block.text, None))
        else:
            for k, row in enumerate(block.rows):
                cells = [row[0] + " " + row[1], row[2]] if k == 0 and block.merged else row
                out.append(("\t".join(cells), None))
    return out


@dataclass(frozen=True)
class Dialect:
    """How Word or LibreOffice writes a table and a content control."""

    cell: Callable[[str], str]
    merged: Callable[[str, str], str]  # a cell over two columns, a paragraph each
    row: str
    table: str
    control: str


WORD = Dialect(lambda t: f"<w:tc>{w_p(t)}</w:tc>",
               lambda a, b: f'<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{w_p(a)}{w_p(b)}'
                            "</w:tc>",
               "<w:tr>{}</w:tr>", "<w:tbl>{}</w:tbl>",
               "<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>")
OFFICE = Dialect(lambda t: f"<table:table-cell><text:p>{t}</text:p></table:table-cell>",
                 lambda a, b: '<table:table-cell table:number-columns-spanned="2">'
                              f"<text:p>{a}</text:p><text:p>{b}</text:p></table:table-cell>"
                              "<table:covered-table-cell/>",
                 "<table:table-row>{}</table:table-row>", "<table:table>{}</table:table>",
                 '<text:section text:name="s">{}</text:section>')


def grid(block: Grid, dialect: Dialect) -> str:
    rows = []
    for k, row in enumerate(block.rows):
        cells = dialect.merged(row[0], row[1]) + dialect.cell(row[2]) \
            if k == 0 and block.merged else "".join(map(dialect.cell, row))
        rows.append(dialect.row.format(cells))
    return dialect.table.format("".join(rows))


def controlled(block: Plain, paragraph: str, dialect: Dialect) -> str:
    return dialect.control.format(paragraph) if block.control else paragraph


MULTI_NUM = 1000


def word_scheme(scheme: Scheme, nums: dict[int, tuple[int, str]]) -> str:
    """The multilevel list (abstractNum 10) and its instances, after the families'."""
    levels = []
    for k in range(LEVELS):
        prefix, suffix = scheme.frames[k]
        text = prefix + ".".join(f"%{j + 1}" for j in range(k - scheme.shown[k] + 1, k + 1)) \
            + suffix
        levels.append(
            f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{scheme.formats[k]}"/>'
            + (f'<w:lvlRestart w:val="{scheme.restarts[k]}"/>'
               if scheme.restarts[k] is not None else "")
            + ("<w:isLgl/>" if scheme.legal and k == LEVELS - 1 else "")
            + f'<w:suff w:val="{scheme.gaps[k]}"/><w:lvlText w:val="{text}"/></w:lvl>')
    families = w_numbering({k: [w_level(0, f[0], f[1], suffix="nothing" if k == 0 else "")]
                            for k, f in enumerate(FAMILIES)},
                           {n: v for n, v in nums.items() if n < MULTI_NUM})
    return families + w_numbering({10: levels}, {n: v for n, v in nums.items()
                                                 if n >= MULTI_NUM})


WORD_STYLES = "".join(
    w_style(f"Heading{k}", f"heading {k}")  # a heading style without w:outlineLvl
    + w_style(f"Custom{k}", f"Report Title {k}", based_on=f"Heading{k}")
    + w_style(f"Body{k}", f"Lead {k}", '<w:outlineLvl w:val="9"/>', based_on=f"Heading{k}")
    for k in (1, 2)) + "".join(
    w_style(f"ML{k}", f"List Level {k}", f'<w:numPr><w:ilvl w:val="{k}"/><w:numId '
            f'w:val="{MULTI_NUM}"/></w:numPr>') for k in range(LEVELS))
TITLE_STYLES = {"heading": "Heading{}", "custom": "Custom{}", "body": "Body{}"}


def docx_of(doc: list, scheme: Scheme) -> bytes:
    nums: dict[int, tuple[int, str]] = {MULTI_NUM: (10, "")}
    current: dict[int, int] = {}
    multi = MULTI_NUM
    body = []
    for block in doc:
        if isinstance(block, Numbered):
            if block.family not in current or block.restart is not None:
                num = len(nums)
                start = block.restart or 1
                nums[num] = (block.family, f'<w:lvlOverride w:ilvl="0"><w:startOverride '
                                           f'w:val="{start}"/></w:lvlOverride>')
                current[block.family] = num
            body.append(w_p(block.text, num=(str(current[block.family]), 0)))
        elif isinstance(block, Multi):
            if block.start is not None:
                multi = MULTI_NUM + len([n for n in nums if n >= MULTI_NUM])
                nums[multi] = (10, f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val='
                                   f'"{block.start}"/></w:lvlOverride>')
            body.append(w_p(block.text, f"ML{block.level}") if block.styled
                        and block.start is None else w_p(block.text, num=(str(multi), block.level)))
        elif isinstance(block, Titled):
            body.append(w_p(block.text, TITLE_STYLES[block.kind].format(block.level)))
        elif isinstance(block, Plain):
            boxes = "".join(
                '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline>'
                '<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
                f'{w_p(t)}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
                '</wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
                f'<w:txbxContent>{w_p(t)}</w:txbxContent></v:textbox></v:shape></w:pict>'
                '</mc:Fallback></mc:AlternateContent></w:r>' for t in block.boxed)
            deleted = (f'<w:del w:id="9"><w:r><w:delText>{block.deleted}</w:delText></w:r>'
                       "</w:del>") if block.deleted else ""
            body.append(controlled(block, f'<w:p>{boxes}<w:r><w:t>{block.text}</w:t></w:r>'
                                          f'{deleted}</w:p>', WORD))
        else:
            body.append(grid(block, WORD))
    return docx_package("".join(body), word_scheme(scheme, nums), WORD_STYLES)


def office_scheme(scheme: Scheme) -> str:
    """The list style M; LibreOffice 7.2 and later also write each label
    whole (loext:num-list-format), here on the levels with a prefix."""
    levels = "".join(
        f'<text:list-level-style-number text:level="{k + 1}" style:num-format='
        f'"{MIXED[scheme.formats[k]][0]}" style:num-prefix="{scheme.frames[k][0]}" '
        f'style:num-suffix="{scheme.frames[k][1]}" text:display-levels="{scheme.shown[k]}"'
        + (' loext:num-list-format="' + scheme.frames[k][0] + ".".join(
            f"%{j + 1}%" for j in range(k - scheme.shown[k] + 1, k + 1))
           + scheme.frames[k][1] + '"' if scheme.frames[k][0] else "") + ">"
        '<style:list-level-properties text:list-level-position-and-space-mode="label-'
        f'alignment"><style:list-level-label-alignment text:label-followed-by="'
        f'{scheme.gaps[k]}"/></style:list-level-properties></text:list-level-style-number>'
        for k in range(LEVELS))
    return f'<text:list-style style:name="M">{levels}</text:list-style>'


def odt_of(doc: list, scheme: Scheme) -> bytes:
    styles = "".join(f'<text:list-style style:name="F{k}">{odt_level(1, f[2], f[3], f[4])}'
                     "</text:list-style>" for k, f in enumerate(FAMILIES)) + office_scheme(scheme)
    started: set[int] = set()
    multi_started = False
    body = []
    for block in doc:
        if isinstance(block, Numbered):
            goes_on = block.family in started and block.restart is None
            started.add(block.family)
            start = f' text:start-value="{block.restart}"' if block.restart else ""
            go_on = ' text:continue-numbering="true"' if goes_on else ""
            body.append(f'<text:list text:style-name="F{block.family}"{go_on}>'
                        f"<text:list-item{start}><text:p>{block.text}</text:p></text:list-item>"
                        "</text:list>")
        elif isinstance(block, Multi):
            go_on = ' text:continue-numbering="true"' \
                if multi_started and block.start is None else ""
            multi_started = True
            start = f' text:start-value="{block.start}"' if block.start is not None else ""
            item = f"<text:list-item{start}><text:p>{block.text}</text:p></text:list-item>"
            for _ in range(block.level):  # the levels above: items of no paragraph
                item = f"<text:list-item><text:list>{item}</text:list></text:list-item>"
            body.append(f'<text:list text:style-name="M"{go_on}>{item}</text:list>')
        elif isinstance(block, Titled):
            body.append(f'<text:h text:outline-level="{block.level}">{block.text}</text:h>'
                        if block.kind != "body" else f"<text:p>{block.text}</text:p>")
        elif isinstance(block, Plain):
            frames = "".join(f"<draw:frame><draw:text-box><text:p>{t}</text:p></draw:text-box>"
                             "</draw:frame>" for t in block.boxed)
            deleted = ('<text:tracked-changes><text:changed-region text:id="d"><text:deletion>'
                       f"<text:p>{block.deleted}</text:p></text:deletion></text:changed-region>"
                       "</text:tracked-changes>") if block.deleted else ""
            body.append(controlled(block, f"{deleted}<text:p>{frames}{block.text}<text:change "
                                          'text:change-id="d"/></text:p>', OFFICE))
        else:
            body.append(grid(block, OFFICE))
    return odt_package("".join(body), automatic=styles)


def read_lines(data: bytes, suffix: str) -> list[tuple[str, int | None]]:
    extracted = extract(data, f"r{suffix}", suffix)
    return [(line.text, line.heading) for page in extracted.pages for line in page if line.text]


@settings(max_examples=EXAMPLES, deadline=None)
@given(doc=st.lists(blocks(), min_size=1, max_size=14), scheme=schemes())
def test_every_printed_line_once_in_order_and_no_deleted_text(doc, scheme):
    doc = settled(doc)
    for suffix, data, word in ((".docx", docx_of(doc, scheme), True),
                               (".odt", odt_of(doc, scheme), False)):
        got = read_lines(data, suffix)
        assert got == expected(doc, scheme, word), suffix
        assert not any("刪除" in text for text, _ in got)


multis = st.builds(Multi, st.integers(0, LEVELS - 1),
                   st.sampled_from([None] * 5 + [1, 3]), st.booleans(), words)


@settings(max_examples=EXAMPLES, deadline=None)
@given(doc=st.lists(multis, min_size=1, max_size=24), scheme=schemes())
def test_multilevel_labels_as_each_word_processor_prints_them(doc, scheme):
    """Mixed formats per level, labels that show the levels above, Word's
    lvlRestart and legal numbering, restarts by a new list instance (Word's
    startOverride, LibreOffice's start value), numbering through a style."""
    doc = settled(doc)
    assert read_lines(docx_of(doc, scheme), ".docx") == expected(doc, scheme, True)
    assert read_lines(odt_of(doc, scheme), ".odt") == expected(doc, scheme, False)


# --- A text's hard-wrapped lines pasted in, one per paragraph ---------------
# What a report printed from text carries into Word or LibreOffice: its lines
# as paragraphs, its typed page numbers and running title, a generated
# contents page before it, Word tables, rows typed with wide gaps, and
# labelled lines given a heading style (a macro styling every `一、` line).

PASTED_WIDTH = 34  # characters of a wrapped line
FILLER = "交通運輸資料系統管理制度建立推動計畫辦理國際合作研究發展漁港市場協議模式"


@dataclass(frozen=True)
class Wrapped:
    label: str  # "" or a typed label such as 一、
    text: str  # the paragraph, ending in 。
    styled: bool  # its first line given a heading style (labelled only)


@dataclass(frozen=True)
class Typed:
    rows: tuple[str, ...]  # a schedule's rows, cells apart by wide gaps
    grid: bool  # a Word or LibreOffice table instead, cells apart by tabs when read


@st.composite
def wrapped_paragraphs(draw, label: str):
    """A paragraph of 1 to 3 full lines and a short last one (so that it is
    plainly wrapped), clauses of 5 to 9 characters apart by commas."""
    full = draw(st.integers(1, 3))
    size = full * PASTED_WIDTH + draw(st.integers(3, 8)) - len(label)
    text = ""
    while len(text) < size - 1:
        clause = "".join(draw(st.sampled_from(FILLER)) for _ in range(draw(st.integers(5, 9))))
        text += ("，" if text else "") + clause
    text = text[:size - 1].rstrip("，") + "。"
    return Wrapped(label, text, bool(label) and draw(st.booleans()))


@st.composite
def pasted_reports(draw):
    """A report's body: 6 to 9 paragraphs, some labelled 一、 二、 …, and up to
    two tables among them."""
    body: list = []
    count = 0
    for _ in range(draw(st.integers(6, 9))):
        labelled = draw(st.booleans())
        count += labelled
        body.append(draw(wrapped_paragraphs(f"{zh_count(count)}、" if labelled else "")))
    for _ in range(draw(st.integers(0, 2))):
        rows = tuple("　　　".join("".join(draw(st.sampled_from(FILLER)) for _ in range(4))
                                  for _ in range(3)) for _ in range(draw(st.integers(2, 3))))
        body.insert(draw(st.integers(1, len(body))), Typed(rows, draw(st.booleans())))
    return body


def pasted_lines_of(body: list) -> list[tuple[str, str]]:
    """The body as the text's lines: (kind, text), kind "line", "styled" (a
    first line in a heading style), "row" (typed) or "cell" (a table's row)."""
    out = []
    for block in body:
        if isinstance(block, Typed):
            out.extend(("cell" if block.grid else "row", row) for row in block.rows)
            continue
        text = block.label + block.text
        lines = [text[k:k + PASTED_WIDTH] for k in range(0, len(text), PASTED_WIDTH)]
        out.append(("styled" if block.styled else "line", lines[0]))
        out.extend(("line", line) for line in lines[1:])
    return out


def paged(lines: list[tuple[str, str]], breaks: list[int], title: str, running: bool = True
          ) -> list[tuple[str, str]]:
    """The lines with a typed page number and (if `running`) the running title
    after each break (an index into `lines`), as the printed text had them."""
    out: list[tuple[str, str]] = []
    for k, line in enumerate(lines):
        if k in breaks:
            out.append(("line", f"- {breaks.index(k) + 2} -"))
            if running:
                out.append(("line", title))
        out.append(line)
    return out


def typed_contents(entries) -> list[str]:
    """A contents page typed as plain paragraphs: its title, its entries
    (leader and page), and the list of annexes (no pages)."""
    return ["目　　錄", *(f"{title}……{page}" for title, page in entries), "附件清單", ANNEX]


def pasted_docx(lines: list[tuple[str, str]], entries, control: bool, title: str,
                blank: bool = False, typed: bool = False) -> bytes:
    """The pasted text in Word; `blank`: an empty paragraph after the contents
    page, generated or (`typed`) typed as plain paragraphs."""
    page = "".join(w_p(text) for text in typed_contents(entries)) if typed \
        else w_contents(entries, control)
    body = [w_p("經濟部出國報告"), w_p(f"報告名稱：{title}"), page,
            w_p() if blank else "", w_p(title), w_p("壹、考察內容", "Heading1")]
    k = 0
    while k < len(lines):
        kind, text = lines[k]
        if kind == "cell":
            rows = []
            while k < len(lines) and lines[k][0] == "cell":
                rows.append("<w:tr>" + "".join(f"<w:tc>{w_p(c)}</w:tc>"
                                               for c in lines[k][1].split("　　　")) + "</w:tr>")
                k += 1
            body.append(f"<w:tbl>{''.join(rows)}</w:tbl>")
            continue
        body.append(w_p(text, "Heading2" if kind == "styled" else ""))
        k += 1
    styles = w_style("Heading1", "heading 1") + w_style("Heading2", "heading 2") \
        + w_style("TOC1", "toc 1")
    return docx_package("".join(body), styles=styles)


def pasted_odt(lines: list[tuple[str, str]], entries, title: str, blank: bool = False,
               typed: bool = False) -> bytes:
    page = "".join(f"<text:p>{text}</text:p>" for text in typed_contents(entries)) if typed \
        else odt_contents(entries)
    body = ["<text:p>經濟部出國報告</text:p>", f"<text:p>報告名稱：{title}</text:p>",
            page, "<text:p/>" if blank else "", f"<text:p>{title}</text:p>",
            '<text:h text:outline-level="1">壹、考察內容</text:h>']
    k = 0
    while k < len(lines):
        kind, text = lines[k]
        if kind == "cell":
            rows = []
            while k < len(lines) and lines[k][0] == "cell":
                rows.append("<table:table-row>" + "".join(
                    f"<table:table-cell><text:p>{c}</text:p></table:table-cell>"
                    for c in lines[k][1].split("　　　")) + "</table:table-row>")
                k += 1
            body.append(f"<table:table>{''.join(rows)}</table:table>")
            continue
        body.append(f'<text:h text:outline-level="2">{text}</text:h>' if kind == "styled"
                    else f"<text:p>{text}</text:p>")
        k += 1
    return odt_package("".join(body))


def pasted_passages(body: list) -> list[str]:
    """The passages the body must give: each paragraph whole, each row alone."""
    out = []
    for block in body:
        if isinstance(block, Typed):
            out.extend(row.replace("　　　", "\t") if block.grid else row for row in block.rows)
        else:
            out.append(block.label + block.text)
    return out


@settings(max_examples=EXAMPLES, deadline=None)
@given(body=pasted_reports(), data=st.data())
def test_a_pasted_text_reads_as_its_paragraphs_without_its_furniture(body, data):
    """A text's wrapped lines pasted one a paragraph give its paragraphs whole
    (a labelled first line in a heading style too), each row of a table or a
    typed schedule alone, never joined to the paragraph after it or over a
    page number; the running title typed under the generated contents page
    and after each page number is no text."""
    from rsearch.corpus.parser import parse_report

    lines = pasted_lines_of(body)
    breaks = sorted(data.draw(st.sets(st.integers(1, len(lines) - 1), min_size=2, max_size=4)))
    title = "出席年度國際合作考察報告"
    entries = [("壹、考察內容", "1")]
    printed = paged(lines, breaks, title)
    blank = data.draw(st.booleans())
    for suffix, package in ((".docx", pasted_docx(printed, entries, True, title, blank)),
                            (".docx", pasted_docx(printed, entries, False, title, blank)),
                            (".odt", pasted_odt(printed, entries, title, blank))):
        report = parse_report(extract(package, f"r{suffix}", suffix), "r")
        texts = [p.text for p in report.passages if p.section
                 and p.section[0].title == "考察內容"]
        assert texts == pasted_passages(body), suffix


def pasted_body_passages(package: bytes, suffix: str) -> list[str]:
    from rsearch.corpus.parser import parse_report

    report = parse_report(extract(package, f"r{suffix}", suffix), "r")
    return [p.text for p in report.passages if p.section and p.section[0].title == "考察內容"]


FIXED_BODY = [
    Wrapped("", "交通運輸資料系統，" * 4 + "管理制度。", False),
    Wrapped("一、", "建議研議建立國內漁獲物之電子交易憑證制度，" * 2 + "優先試辦。", True),
    Typed(("十月二十三日　　　考察漁港　　　東京", "十月二十四日　　　考察市場　　　東京"), False),
    Wrapped("", "推動計畫辦理國際合作，研究發展漁港市場，" * 3 + "協議模式。", False),
    Typed(("管理制度　　　交通運輸　　　東京", "國際合作　　　研究發展　　　大阪"), True),
    Wrapped("二、", "建議補助主要漁港之漁會拍賣市場改善，" * 3 + "提高價值。", True),
    Wrapped("", "資料系統管理制度，建立推動計畫辦理，" * 2 + "國際合作。", False),
]


def test_a_pasted_text_cut_inside_a_paragraph_a_styled_line_and_a_row():
    """The cases the property found and the fixtures showed, exactly: a page
    number and running title cutting a paragraph (its pieces are the text's
    lines again, so its short last line still ends it), and cutting between
    two typed rows (kept apart), a wrapped first line in a heading style, a
    running title under the contents page."""
    lines = pasted_lines_of(FIXED_BODY)
    title = "出席年度國際合作考察報告"
    entries = [("壹、考察內容", "1")]
    # after the first paragraph's first line, between the typed rows, in a paragraph
    breaks = [1, lines.index(("row", FIXED_BODY[2].rows[1])), len(lines) - 2]
    printed = paged(lines, breaks, title)
    expected = pasted_passages(FIXED_BODY)
    for blank in (False, True):  # an empty paragraph after the contents page or not
        assert pasted_body_passages(pasted_docx(printed, entries, True, title, blank),
                                    ".docx") == expected
        assert pasted_body_passages(pasted_docx(printed, entries, False, title, blank),
                                    ".docx") == expected
        assert pasted_body_passages(pasted_odt(printed, entries, title, blank),
                                    ".odt") == expected


# An annex typed after the body, opening a page of its own, listed on a typed contents page.
ANNEX = "附件一　考察行程表"
ANNEX_TEXT = "本次考察行程詳如下表，計拜會四個機關。"
# Its last line full, the first paragraph ends a page: only the page number after it shows its end.
FOOT_BODY = [
    Wrapped("", "交通運輸資料系統，" * 7 + "管理制度。", False),
    Wrapped("", "推動計畫辦理國際合作，研究發展漁港市場，" * 3 + "協議模式。", False),
    Wrapped("一、", "建議研議建立國內漁獲物之電子交易憑證制度，" * 2 + "優先試辦。", False),
    Wrapped("二、", "建議補助主要漁港之漁會拍賣市場改善，" * 3 + "提高價值。", False),
    Wrapped("", "資料系統管理制度，建立推動計畫辦理，" * 2 + "國際合作。", False),
    Wrapped("", "辦理國際合作研究發展，" * 4 + "漁港市場。", False),
]


def test_a_pasted_text_after_a_typed_contents_page_with_an_annex_opening_a_page():
    """A contents page typed as paragraphs (a leader and a page an entry, a
    list of annexes), with or without a running title after each page
    number: a paragraph whose full last line ends a page ends there, and the
    annex the list names, opening a page after its number, is a heading (no
    running title typed once)."""
    from rsearch.corpus.parser import parse_report

    assert len(FOOT_BODY[0].text) == 2 * PASTED_WIDTH
    lines = pasted_lines_of(FOOT_BODY)
    title = "出席年度國際合作考察報告"
    entries = [("壹、考察內容", "1")]
    printed_lines = lines + [("line", ANNEX), ("line", ANNEX_TEXT)]
    for running in (False, True):
        printed = paged(printed_lines, [2, 5, len(lines)], title, running)
        for suffix, package in ((".docx", pasted_docx(printed, entries, False, title,
                                                      typed=True)),
                                (".odt", pasted_odt(printed, entries, title, typed=True))):
            report = parse_report(extract(package, f"r{suffix}", suffix), "r")
            texts = [p.text for p in report.passages if p.section
                     and p.section[0].title == "考察內容"]
            assert texts == pasted_passages(FOOT_BODY), (suffix, running)
            assert [(p.section_label, p.text) for p in report.passages
                    if "附件" in p.section_label or ANNEX_TEXT in p.text] \
                == [("附件一 考察行程表", ANNEX_TEXT)], (suffix, running)
