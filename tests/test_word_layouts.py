"""Random documents of word-processor features (numbered lists that go on or
restart, text boxes, content controls, tracked changes, tables with merged
cells, frames), written as Word and LibreOffice write them: the reader gives
every printed line once, in order, labels as typed, and no deleted text."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.corpus.formats import extract

from .front_layouts import zh_count
from .word_packages import docx_package, odt_level, odt_package, w_level, w_numbering, w_p

# Per family: Word numFmt and lvlText, LibreOffice num-format, prefix and
# suffix, and the label of n written independently of the reader.
FAMILIES = [
    ("taiwaneseCountingThousand", "%1、", "一, 二, 三, ...", "", "、",
     lambda n: f"{zh_count(n)}、"),
    ("decimal", "(%1)", "1", "(", ")", lambda n: f"({n})"),
    ("upperLetter", "%1.", "A", "", ".", lambda n: f"{chr(64 + n)}. "),
]


@dataclass(frozen=True)
class Numbered:
    family: int
    restart: int | None  # a new list from this number, else the family's list goes on
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
def blocks(draw):
    kind = draw(st.sampled_from(["numbered", "plain", "grid"]))
    text = draw(words)
    if kind == "numbered":
        return Numbered(draw(st.integers(0, len(FAMILIES) - 1)),
                        draw(st.none() | st.integers(1, 12)), text)
    if kind == "plain":
        return Plain(text, draw(st.sampled_from(["", "刪除"])),
                     tuple(draw(st.lists(words, max_size=2))), draw(st.booleans()))
    rows = draw(st.integers(1, 3))
    cells = tuple(tuple(draw(words) for _ in range(3)) for _ in range(rows))
    return Grid(cells, draw(st.booleans()))


def expected(doc: list) -> list[str]:
    out: list[str] = []
    counts: dict[int, int] = {}
    for block in doc:
        if isinstance(block, Numbered):
            n = counts[block.family] = block.restart or counts.get(block.family, 0) + 1
            out.append(FAMILIES[block.family][5](n) + block.text)
        elif isinstance(block, Plain):
            out.extend(block.boxed)
            out.append(block.text)
        else:
            for k, row in enumerate(block.rows):
                cells = [row[0] + " " + row[1], row[2]] if k == 0 and block.merged else row
                out.append("\t".join(cells))
    return out


def docx_of(doc: list) -> bytes:
    nums: dict[int, tuple[int, str]] = {}
    current: dict[int, int] = {}
    body = []
    for block in doc:
        if isinstance(block, Numbered):
            if block.family not in current or block.restart is not None:
                num = len(nums) + 1
                start = block.restart or 1
                nums[num] = (block.family, f'<w:lvlOverride w:ilvl="0"><w:startOverride '
                                           f'w:val="{start}"/></w:lvlOverride>')
                current[block.family] = num
            body.append(w_p(block.text, num=(str(current[block.family]), 0)))
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
            paragraph = f'<w:p>{boxes}<w:r><w:t>{block.text}</w:t></w:r>{deleted}</w:p>'
            body.append(f"<w:sdt><w:sdtContent>{paragraph}</w:sdtContent></w:sdt>"
                        if block.control else paragraph)
        else:
            rows = []
            for k, row in enumerate(block.rows):
                if k == 0 and block.merged:
                    cells = (f'<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{w_p(row[0])}'
                             f'{w_p(row[1])}</w:tc><w:tc>{w_p(row[2])}</w:tc>')
                else:
                    cells = "".join(f"<w:tc>{w_p(c)}</w:tc>" for c in row)
                rows.append(f"<w:tr>{cells}</w:tr>")
            body.append(f'<w:tbl>{"".join(rows)}</w:tbl>')
    numbering = w_numbering({k: [w_level(0, f[0], f[1], suffix="nothing" if k == 0 else "")]
                             for k, f in enumerate(FAMILIES)}, nums)
    return docx_package("".join(body), numbering)


def odt_of(doc: list) -> bytes:
    styles = "".join(f'<text:list-style style:name="F{k}">{odt_level(1, f[2], f[3], f[4])}'
                     "</text:list-style>" for k, f in enumerate(FAMILIES))
    started: set[int] = set()
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
        elif isinstance(block, Plain):
            frames = "".join(f"<draw:frame><draw:text-box><text:p>{t}</text:p></draw:text-box>"
                             "</draw:frame>" for t in block.boxed)
            deleted = ('<text:tracked-changes><text:changed-region text:id="d"><text:deletion>'
                       f"<text:p>{block.deleted}</text:p></text:deletion></text:changed-region>"
                       "</text:tracked-changes>") if block.deleted else ""
            paragraph = f"{deleted}<text:p>{frames}{block.text}<text:change text:change-id=" \
                        '"d"/></text:p>'
            body.append(f'<text:section text:name="s">{paragraph}</text:section>'
                        if block.control else paragraph)
        else:
            rows = []
            for k, row in enumerate(block.rows):
                if k == 0 and block.merged:
                    cells = ('<table:table-cell table:number-columns-spanned="2">'
                             f"<text:p>{row[0]}</text:p><text:p>{row[1]}</text:p>"
                             "</table:table-cell><table:covered-table-cell/>"
                             f"<table:table-cell><text:p>{row[2]}</text:p></table:table-cell>")
                else:
                    cells = "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>"
                                    for c in row)
                rows.append(f"<table:table-row>{cells}</table:table-row>")
            body.append(f'<table:table>{"".join(rows)}</table:table>')
    return odt_package("".join(body), automatic=styles)


def read_texts(data: bytes, suffix: str) -> list[str]:
    extracted = extract(data, f"r{suffix}", suffix)
    return [line.text for page in extracted.pages for line in page if line.text]


@settings(max_examples=60, deadline=None)
@given(doc=st.lists(blocks(), min_size=1, max_size=12))
def test_every_printed_line_once_in_order_and_no_deleted_text(doc):
    want = expected(doc)
    for suffix, data in ((".docx", docx_of(doc)), (".odt", odt_of(doc))):
        got = read_texts(data, suffix)
        assert got == want, suffix
        assert not any("刪除" in text for text in got)
