"""A numbered heading exactly one line long is a heading, in every numbering
family, in hard-wrapped text and in a PDF whose headings are set in the text's
own type (where nothing but the label tells a heading that fills the line from
a paragraph's first line).

The generator renders an outline of two levels (any two families, decimals
too), some of whose headings fill the line to the last column, each over
paragraphs of running text (or, for a heading with sub-headings, right over
its first sub-heading), with or without blank lines and first-line indents;
the property reads it back: every heading a heading, every paragraph one
passage under it, no line dropped or doubled.
RSEARCH_LAYOUTS=2000 runs more examples."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report, read_report
from rsearch.corpus.numbering import (
    Numbering,
    label_span,
    left_open,
    line_stops,
    next_sibling,
    reads_as_title,
)
from rsearch.corpus.paragraphs import display_width

from .body_layouts import FAMILIES, MARKED, TOP_ONLY
from .drawn import examples, file_layouts

EXAMPLES = examples(20)
LAYOUTS = file_layouts(EXAMPLES)
HAN = "國際會議資料報告合作政策發展經濟貿易海關檢疫標準安全研究計畫委員代表討論推動制度管理港口"
TITLE = "赴歐洲研習港口岸電設施出國報告"
SIZE = 12.0


@dataclass
class Outline:
    # (level, heading line, fills the line) and paragraphs, in reading order
    blocks: list[tuple[str, object]] = field(default_factory=list)

    def headings(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == "heading"]

    def paragraphs(self) -> list[tuple[str, str]]:
        """(paragraph, the heading line it stands under)."""
        out, under = [], ""
        for kind, text in self.blocks:
            if kind == "heading":
                under = text
            else:
                out.append((text, under))
        return out


def labels(families: tuple[str, str]):
    """The label of heading `n` (from 0) at level 1 and 2, and `parent` above it."""
    if families == ("decimal", "decimal"):
        return lambda level, n, parent: f"{parent + 1}.{n + 1} " if level == 2 else f"{n + 1}. "
    return lambda level, n, parent: FAMILIES[families[level - 1]][1](n)


@st.composite
def sentences(draw, low=40, high=110):
    pieces = []
    while sum(map(len, pieces)) < draw(st.integers(low, high)):
        pieces.append(draw(st.text(HAN, min_size=3, max_size=12)))
        pieces.append(draw(st.sampled_from(["，", "，", " APEC ", "、"])))
    return "".join(pieces[:-1]) + "。"


def fills(draw, count: int, stops: bool = False) -> list[bool]:
    """Which of `count` sibling headings fill their line: any, where the
    layout shows that a line stops (`stops`: a blank line or an indented
    paragraph after it); else any but a first one whose next sibling does not
    stand on a shorter line (a first label that fills its line, a flush line
    of text right under it, cannot be told from a list item's first line)."""
    out = [draw(st.booleans()) for _ in range(count)]
    if out and out[0] and (count == 1 or out[1]) and not stops:
        out[0] = False
    return out


@st.composite
def outlines(draw, fill, stops: bool = False, bare: bool = False, signs: bool = True):
    """An outline whose headings fill `fill(label, title)` columns when asked
    to. `stops`: the layout shows where a line stops (fills); `bare`: the
    top headings may have no paragraph of their own, each right over its
    first sub-heading (on a shorter line: it shows a line stops there)."""
    # (`signs`: the families of ■ ◎ too; a sign's line whose title leaves a
    # bracket open at the line's end is a bulleted item's first line: corpus.marks)
    pairs = [(a, b) for a in FAMILIES for b in FAMILIES
             if FAMILIES[a][0] != FAMILIES[b][0] and b not in TOP_ONLY
             and (signs or not {a, b} & MARKED)]
    families = draw(st.sampled_from([("decimal", "decimal"), *pairs]))
    label = labels(families)
    outline = Outline()
    tops = draw(st.integers(1, 3))
    lone_tops = bare and draw(st.booleans())
    for n, top_fills in enumerate(fills(draw, tops, stops or lone_tops)):
        children = draw(st.integers(1 if lone_tops else 0, 3))
        child_fills = fills(draw, children, stops)
        if lone_tops:
            child_fills[0] = False  # a sub-heading that stands on a shorter line
        for level, k, filled in [(1, n, top_fills)] + [
                (2, m, f) for m, f in enumerate(child_fills)]:
            text = label(level, k, n)
            title = draw(st.text(HAN, min_size=2, max_size=8))
            if filled:
                title = fill(text, title)
            outline.blocks.append(("heading", (text + title).strip()))
            for _ in range(0 if level == 1 and lone_tops else draw(st.integers(1, 2))):
                outline.blocks.append(("paragraph", draw(sentences())))
    return outline


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most `columns` (two a Chinese character), Latin words whole."""
    lines, current = [], ""
    for token in re.findall(r"[A-Za-z0-9]+|.", text):
        if current.strip() and display_width(current + token) > columns:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    return lines + [current.rstrip()] if current.strip() else lines


COLUMNS = 68


def fill_columns(label: str, title: str) -> str:
    while display_width(label + title + title[-1]) <= COLUMNS:
        title += title[-1]
    return title


def check(report, outline: Outline) -> None:
    got = [squash(e.heading.text) for e in report.outline]
    assert got == [squash(h) for h in outline.headings()]
    headings = {e.heading for e in report.outline}
    body = [(squash(p.text), squash(p.section[-1].text))
            for p in report.passages if p.section and p.section[-1] in headings]
    assert body == [(squash(text), squash(under)) for text, under in outline.paragraphs()]


@st.composite
def wrapped_layouts(draw):
    """(outline, blank lines between blocks, paragraphs' first-line indent)."""
    blank, indent = draw(st.booleans()), draw(st.sampled_from(["", "", "\u3000\u3000"]))
    return draw(outlines(fill_columns, stops=blank or bool(indent), bare=True)), blank, indent


@LAYOUTS
@given(layout=wrapped_layouts())
def test_a_heading_that_fills_a_wrapped_line_is_a_heading(layout, tmp_path_factory):
    outline, blank, indent = layout
    lines = [TITLE, ""]
    for kind, text in outline.blocks:
        pieces = wrap(indent + text if kind == "paragraph" else text, COLUMNS)
        # A paragraph's last line that fills the width cannot be told from one
        # that goes on (paragraph_layouts): the generator leaves it room.
        assume(kind == "heading" or display_width(pieces[-1]) < COLUMNS - 4)
        lines.extend(pieces + ([""] if blank else []))
    # A line printed three times is a running line to any reader (paragraph_layouts).
    assume(max(Counter(line for line in lines if line).values()) < 3)
    path = tmp_path_factory.mktemp("wrapped") / "report.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check(read_report(path), outline)


def pdf_fill(label: str, title: str) -> str:
    from .page_forms import MARGIN, PAGE_W, box_font, measure

    box_font()
    width = PAGE_W - 2 * MARGIN
    while measure(label + title + title[-1], SIZE) <= width:
        title += title[-1]
    return title


def write_pdf(outline: Outline, target, indent: bool) -> bool:
    """Headings in the text's type, flush; paragraphs justified (a first-line
    indent if `indent`, else none), their last lines short; a heading that
    fills the line runs to the margin exactly. Whether every paragraph's last
    line leaves room for another character (one that does not cannot be told
    from a line that goes on, as in paragraph_layouts)."""
    from reportlab.pdfgen import canvas

    from .page_forms import MARGIN, PAGE_H, PAGE_W, box_font, measure, wrap_width

    font = box_font()
    pdf = canvas.Canvas(str(target), pagesize=(PAGE_W, PAGE_H))
    width, right = PAGE_W - 2 * MARGIN, PAGE_W - MARGIN
    y = PAGE_H - MARGIN

    def draw(x: float, text: str, justify: bool) -> None:
        nonlocal y
        if y < MARGIN + 40:
            pdf.showPage()
            y = PAGE_H - MARGIN
        space = (right - x - measure(text, SIZE)) / (len(text) - 1) if justify else 0.0
        pdf.setFont(font, SIZE)
        pdf.drawString(x, y, text, charSpace=space)
        y -= SIZE * 1.5

    draw(MARGIN, TITLE, False)
    room = True
    for kind, text in outline.blocks:
        if kind == "heading":
            fills = measure(text + text[-1], SIZE) > width
            draw(MARGIN, text, fills)
            continue
        first = 2 * SIZE if indent else 0.0
        pieces = wrap_width(text, width, SIZE, first)
        for k, piece in enumerate(pieces):
            draw(MARGIN + (first if k == 0 else 0.0), piece, k < len(pieces) - 1)
        start = first if len(pieces) == 1 else 0.0
        room = room and start + measure(pieces[-1] + "代", SIZE) <= width
    pdf.showPage()
    pdf.save()
    return room


@LAYOUTS
@given(outline=outlines(pdf_fill), indent=st.booleans())
def test_a_heading_that_fills_a_pdf_line_is_a_heading(outline, indent, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    assume(write_pdf(outline, path, indent))
    check(read_report(path), outline)


def write_wrapped(outline: Outline, path: Path, blank: bool = False) -> Path:
    lines = [TITLE, ""]
    for _, text in outline.blocks:
        lines.extend(wrap(text, COLUMNS) + ([""] if blank else []))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SAID = "代代代，代代代，代代代，代代代，代代代，代代代，代代代，代代代，代代代，代代代。"


def test_a_sign_s_heading_a_line_long_before_a_shorter_one_is_a_heading(tmp_path):
    """■ marks headings (no clause in the title): one that fills its line,
    its next sign on a shorter line further on, is a heading as a numbered
    one is, not a bulleted item's first line (two draws of the properties
    above, text and PDF, lost it, and in the PDF every ■ heading with it)."""
    for first in ("（一）代代", "壹、代代"):
        long = "■ " + fill_columns("■ ", "代代")
        outline = Outline([("heading", first), ("paragraph", SAID), ("heading", long),
                           ("paragraph", SAID), ("heading", "■ 代代"), ("paragraph", SAID)])
        check(read_report(write_wrapped(outline, tmp_path / f"{first}.txt")), outline)
    outline = Outline([("heading", "壹、代代"), ("paragraph", SAID),
                       ("heading", "■ " + pdf_fill("■ ", "代代")), ("paragraph", SAID),
                       ("heading", "■ 代代"), ("paragraph", SAID)])
    path = tmp_path / "report.pdf"
    assert write_pdf(outline, path, False)
    check(read_report(path), outline)


def test_a_sign_s_heading_a_line_long_after_a_sibling_is_a_heading(tmp_path):
    outline = Outline([("heading", "壹、代代"), ("paragraph", SAID), ("heading", "■ 代代"),
                       ("paragraph", SAID), ("heading", "■ " + fill_columns("■ ", "代代")),
                       ("paragraph", SAID)])
    check(read_report(write_wrapped(outline, tmp_path / "report.txt")), outline)
    outline.blocks[4] = ("heading", "■ " + pdf_fill("■ ", "代代"))
    path = tmp_path / "report.pdf"
    assert write_pdf(outline, path, False)
    check(read_report(path), outline)


def test_a_bar_marked_first_heading_a_line_long_before_its_shorter_sibling(tmp_path):
    """▍壹、 filling its line, ▍貳、 on a shorter line further on: the bar
    before each label leaves the label's family, so the sibling is found and
    the first is a heading (a CI draw of the property above lost it once
    bar-marked labels kept their number's family)."""
    said = ("代代代，代代代，代代代，代代代，代代代代代代代代代代代，代代代代代代代代代代代代。",
            "代代代，代代代，代代代，代代代，代代代代代代代代，代代代代代代代代代代代，"
            "代代代代代代代代代代代代，代代代代代代代代代代代代。",
            "代代代，代代代，代代代代代，代代代代代代代代代代代代，代代代代代代代代代代代代。",
            "代代代，代代代代，代代代代代，代代代代代，代代代代代，代代代代代代代代代代代代。")
    outline = Outline([("heading", "▍壹、" + "代" * 32), ("paragraph", said[0]),
                       ("paragraph", said[1]), ("heading", "▍貳、代代"),
                       ("paragraph", said[2]), ("paragraph", said[3])])
    check(read_report(write_wrapped(outline, tmp_path / "report.txt")), outline)
    assert next_sibling([("本段說明。", False), ("▍貳、代代", False)], "upper", (2,), set())


@pytest.mark.parametrize("style, label, span", [
    ("decimal-2", "2.4", ((2, 4), (2, 4))),
    ("upper", "參、", ((3,), (3,))),
    ("zh-paren", "（十二）", ((12,), (12,))),
    ("chapter", "第二十章", ((20,), (20,))),
    ("day", "第10～12週", ((10,), (12,))),
    ("day", "Day 2–4", ((2,), (4,))),
    ("roman", "IV.", ((4,), (4,))),
    ("roman-lower", "ix)", ((9,), (9,))),
    ("latin", "C.", ((3,), (3,))),
    ("appendix", "附錄B", ((2,), (2,))),
    ("arabic-paren", "（７）", ((7,), (7,))),
    # An English word and Roman numerals, run together once spaces are dropped.
    ("volume", "PartIII", ((3,), (3,))),
    ("volume", "PART IV", ((4,), (4,))),
    ("chapter", "ChapterIX", ((9,), (9,))),
])
def test_a_label_counts_in_its_family(style, label, span):
    assert label_span(style, label) == span


def test_the_next_label_after_a_heading_carries_the_outline_on():
    numbering = Numbering()
    numbering.seen("decimal-2", "2.3")
    numbering.seen("day", "第7～9週")
    assert numbering.follows("decimal-2", "2.4")
    assert not numbering.follows("decimal-2", "2.5")
    assert not numbering.follows("decimal-2", "3.4")
    assert not numbering.follows("decimal-2", "3.1")
    assert numbering.follows("day", "第10～12週")
    assert not numbering.follows("zh", "二、")  # no heading of the family yet


@pytest.mark.parametrize("after, expected", [
    ([("本段說明。", False), ("二、資料完整性", False)], True),
    ([("二、資料完整性", True)], False),  # fills its line too: no evidence
    ([("二、建立無菌製程模擬查核訓練：建議規劃模擬查核課程，提升判斷能力。", False)], False),
    ([("三、資料完整性", False)], False),
    ([("貳、課程內容", False), ("二、資料完整性", False)], False),  # the family above went on
    ([("(一)國際會議", False), ("二、資料完整性", False)], True),
])
def test_a_first_label_is_a_heading_where_its_next_sibling_stands_as_one(after, expected):
    numbering = Numbering()
    numbering.seen("upper", "壹、")
    found = ("zh", "一、", "將資料完整性查核要點納入本署查核手冊")

    def stands(style, count):
        return next_sibling(after, style, count, {"upper"})

    assert numbering.full_line_heading(found, stands) is expected


@pytest.mark.parametrize("title, expected", [
    ("第10～12週（11月6日至11月24日）：不確定度評估與成果報告", True),
    ("APEC 貿易安全會議(Secure Trade in the APEC Region Conference, STAR)", True),
    ("本局派員赴日本研習，並與指導研究員討論合作", False),
    ("The Chair opened the meeting, then asked", False),
])
def test_a_title_has_no_clause_punctuation_outside_brackets(title, expected):
    assert reads_as_title(title) is expected


def test_part_iii_whose_title_fills_its_line_after_part_ii_is_a_heading(tmp_path):
    # Drawn by the wrapped-line property: `Part III　<title>` filling the width
    # was taken for a paragraph's first line (then a row), because a Roman
    # count after an English word was no count, so Part III did not follow II.
    clauses = "代代代，" * 5
    outline = Outline(blocks=[
        ("heading", "Part I\u3000代代"),
        ("paragraph", clauses + "代代代代代代，代代代代代代代代代代代作。"),
        ("heading", "壹、代代"),
        ("paragraph", "代代代，代代代，代代代代代代，代代代代代代代，代代代代代代代代代代代。"),
        ("heading", "Part II\u3000代代"),
        ("paragraph", clauses + "代代代代代，代代代代代代，代代代代代代。"),
        ("heading", "Part III\u3000" + "代" * 29),
        ("paragraph", "代代代，" * 3 + "代代代代代代代，代代代代代代代代代，代代代代代代代代代，"
                      "代代代代代代代代代，代代代代代代代代代代代代。"),
        ("paragraph", "代代代，代代代，代代代代代代代，代代代代代代代代代代，"
                      "代代代代代代代代代代代代。"),
    ])
    lines = [TITLE, ""]
    for _, text in outline.blocks:
        lines.extend(wrap(text, COLUMNS))
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check(read_report(path), outline)


def test_the_research_stay_s_last_week_fills_its_line(tmp_path):
    """The case the kinds fixtures showed as a PDF (read as lines, wrapped at
    34 characters): 2.4 fills its line and is still the stay's last weeks."""
    from .report_forms import wrap as wrap_cells

    prose = "依量測不確定度表示指引建立吸附修正之不確定度預算，合成標準不確定度為3.2 μg，" \
        "並於研究室內部研討會報告進修成果，與指導研究員討論返國後之合作比對規劃。"
    source = [TITLE, "第二章　研究過程", "2.3　第7～9週（10月16日至11月3日）：吸附係數評估",
              prose, prose, "2.4　第10～12週（11月6日至11月24日）：不確定度評估與成果報告",
              prose, "第三章　研究主題與成果", prose, prose]
    lines = [piece for line in source for piece in wrap_cells(line)]
    assert "2.4　第10～12週（11月6日至11月24日）：不確定度評估與成果報告" in lines
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = read_report(path)
    assert [e.heading.text for e in report.outline] == [
        "第二章研究過程", "2.3第7～9週（10月16日至11月3日）：吸附係數評估",
        "2.4第10～12週（11月6日至11月24日）：不確定度評估與成果報告", "第三章研究主題與成果"]
    # (joined where the line broke: "為 3.2 μg" with the space a Latin word takes)
    assert [squash(p.text) for p in report.passages
            if p.section and p.section[-1].label == "2.4"] == [squash(prose)]


def test_a_list_item_whose_first_line_fills_the_width_stays_one_paragraph(tmp_path):
    """Recommendations numbered 一、二、 under 伍、: the first fills its line
    before its sentence goes on, and its sibling is a sentence too."""
    from .report_forms import wrap as wrap_cells

    first = "一、將資料完整性查核要點納入本署查核手冊：建議參考ALCOA+原則及FDA之資料完整性" \
        "指引，增訂電子紀錄及稽核軌跡之查核程序。"
    second = "二、建立無菌製程模擬查核訓練：建議規劃培養基充填試驗及隔離器操作之模擬查核課程，" \
        "提升查核人員對無菌保證之判斷能力。"
    prose = "本次課程以實例說明查核技巧，對我國查核人員熟悉國際查核實務甚有助益，" \
        "建議持續派員參訓並將教材納入內部訓練，以利經驗傳承。"
    source = [TITLE, "肆、心得", prose * 3, prose.replace("本次", "此次") * 3, "伍、建議", first,
              second]
    lines = [piece for line in source for piece in wrap_cells(line)]
    assert display_width(lines[lines.index("伍、建議") + 1]) >= 67  # it fills the line
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = read_report(path)
    assert [e.heading.text for e in report.outline] == ["肆、心得", "伍、建議"]
    assert [squash(p.text) for p in report.passages if p.section[-1].title == "建議"] == \
        [squash(first), squash(second)]


@pytest.mark.parametrize("after, wrapped, expected", [
    ([("", False, False), ("本段說明。", False, False)], True, True),  # a blank line
    ([("本段說明，", True, False)], True, True),  # an indented paragraph starts
    ([("（一）資料完整性", False, False)], True, True),  # a sub-heading stands
    ([("二、資料完整性", False, False)], True, True),  # so does its sibling
    ([("（一）" + "資料" * 30, False, True)], True, False),  # a sub-label that fills its line
    ([("（一）資料完整性，並說明。", False, False)], True, False),  # a list item's sentence
    ([("訓練課程，提升判斷能力。", False, False)], True, False),  # its first line's rest
    ([("訓練課程，提升判斷能力。", False, False)], False, True),  # its first word would fit
    ([], True, False),  # the last line: nothing shows it
])
def test_a_line_that_fills_the_width_shows_where_it_stops(after, wrapped, expected):
    assert line_stops(after, wrapped) is expected


def test_a_lone_first_heading_that_fills_its_line_over_a_sub_heading():
    # 一、 fills the line; no 二、 follows; （一） right under it shows it stops.
    title = "一、" + "國際實驗室認證合作與能力試驗推動" * 2
    body = "各國代表說明能力試驗之設計方式，包括樣品均勻性與穩定性之評估及結果之統計評估。"
    width = display_width(title)
    lines = [TITLE, "", "壹、會議紀要", title, "（一）能力試驗", *wrap(body * 3, width),
             "（二）量測不確定度", *wrap(body * 2, width)]
    report = parse_report("\n".join(lines) + "\n", "lone")
    assert [squash(e.heading.text) for e in report.outline] == [
        "壹、會議紀要", squash(title), "(一)能力試驗", "(二)量測不確定度"]


# A title's words for a heading that runs past its line: Han, an English
# name in brackets, a quoted name.
ENGLISH = ["Regional", "Training", "Center", "Service", "Authority", "Port", "Customs",
           "Laboratory", "Network", "Summit", "Forum", "Programme"]


@st.composite
def long_titles(draw, label: str, title: str) -> str:
    """`title` grown past the line after `label`: on by Han characters, or by a
    name in brackets or quotes that the line's end leaves open; its tail (the
    part past the line) shorter than half a line."""
    kind = draw(st.sampled_from(["plain", "bracket", "english", "quote", "label"]))
    over = draw(st.integers(2, COLUMNS // 2 - 4))  # columns past the line
    if kind == "label":
        # A bracket the line leaves open, closed on the next line by what
        # reads as a label there (（第一期 / A）之營運).
        text = title + "（"
        while display_width(label + text) < COLUMNS - 1:
            text += draw(st.text(HAN, min_size=1, max_size=1))
        return text + draw(st.sampled_from(["A）", "B）", "1）", "2）", "b）"])) \
            + draw(st.text(HAN, min_size=0, max_size=6))

    def grow(text: str, closer: str) -> str:
        # The tail's first word would not fit on the line: the line is full
        # up to the break, and the text runs `over` columns past it.
        while display_width(label + text + closer) < COLUMNS + over:
            text += draw(st.sampled_from(ENGLISH)) + " " if kind == "english" \
                else draw(st.text(HAN, min_size=1, max_size=1))
        return text.rstrip() + closer

    if kind == "plain":
        return grow(title, "")
    opener, closer = {"bracket": ("（", "）"), "english": ("（", "）"),
                      "quote": ("「", "」")}[kind]
    return grow(title + opener, closer)


def long_fill(draw):
    """A fill for outlines(): a title that runs past the line, drawn afresh."""
    return lambda label, title: draw(long_titles(label, title))


@st.composite
def running_past_layouts(draw):
    """An outline whose headings may run past the line, in any numbering family."""
    return draw(outlines(long_fill(draw), stops=True, signs=False))


def source_text(outline: Outline) -> str:
    """The report one block a line, as report_forms makes its forms from."""
    return "\n".join([TITLE, *(text for _, text in outline.blocks)]) + "\n"


def printed(outline: Outline, folder: Path) -> Path:
    """The outline's text printed as a PDF read by line positions, under `folder`."""
    from .report_forms import write_form

    source = folder / "source" / "report.txt"
    source.parent.mkdir()
    source.write_text(source_text(outline), encoding="utf-8")
    return write_form(source, "pdf", folder / "out")



# A fixed draw unless more layouts are asked for (RSEARCH_LAYOUTS, with
# --hypothesis-seed).
ASKED = "RSEARCH_LAYOUTS" in os.environ


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not ASKED,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@given(outline=running_past_layouts(),
       form=st.sampled_from(["wrapped", "pdf", "pdf-embedded"]))
def test_a_heading_that_runs_past_its_line_is_one_heading(outline, form, tmp_path_factory):
    """A numbered heading longer than the line (its bracket or quote left
    open at the line's end, or its title going on), hard-wrapped in text or
    printed to PDF with its font embedded or not, is one heading whatever its
    family, its paragraphs under it."""
    from .report_forms import wrap as wrap_cells
    from .report_forms import write_form

    # Too few wrapped lines show no wrap width (nor a PDF's measure).
    assume(sum(len(wrap_cells(text)) - 1 for text, _ in outline.paragraphs()) >= 8)
    folder = tmp_path_factory.mktemp("past")
    for kind, text in outline.blocks:
        pieces = wrap_cells(text)
        # (nor a full stop alone: a PDF's reader puts it back on the full line)
        assume(kind == "heading" or 2 < display_width(pieces[-1]) < COLUMNS - 4)
        # A heading runs past its line or stands short of it (one exactly a
        # line long is the outlines above's, under their conditions).
        assume(kind == "paragraph" or len(pieces) == 2 or display_width(pieces[0]) < COLUMNS - 4)
        # A tail that starts with a label of its own starts an item (A) …),
        # unless it closes a bracket the heading's line left open.
        assume(kind == "paragraph" or len(pieces) == 1 or left_open(pieces[0])
               or not re.match(r"\S{1,2}[)）.、]", pieces[1]))
    source = folder / "source" / "report.txt"
    source.parent.mkdir()
    source.write_text(source_text(outline), encoding="utf-8")
    if form == "wrapped":  # the lines alone (one page: a page number would be a line)
        target = folder / "report.txt"
        target.write_text("\n".join(piece for line in source_text(outline).splitlines()
                                    for piece in wrap_cells(line)) + "\n", encoding="utf-8")
    else:
        target = write_form(source, form, folder / "out")
    check(read_report(target), outline)


def test_the_first_heading_whose_bracket_the_wrap_closes_on_the_next_line_is_no_title():
    """Found by the property above when a line opening with a closing mark
    came to go on the line before it (（註一），…): the body's first heading,
    its bracket left open at the line's end and closed alone on the next
    line, is a heading, not the title's second line."""
    heading = "(一) 代表團參訪（鹿特丹港務局全自動化貨櫃碼頭岸電設施營運中心A"
    prose = "代表團參訪港務局，了解其營運模式，並就岸電設施之建置進行交流。"
    report = parse_report("\n".join([TITLE, heading, "）", prose, "壹、心得", prose]) + "\n", "k")
    assert report.title == TITLE
    assert [squash(e.heading.text) for e in report.outline] == [
        squash(heading + "）"), "壹、心得"]


def test_a_paragraph_after_a_heading_past_its_line_in_a_pdf_keeps_to_itself(tmp_path):
    """Found by the property above (a PDF read by line positions): every
    heading runs a character or two past its line, and its tail after a full
    line looked like a printer's, so the text was taken for one printed
    narrower, each paragraph's short last line put back onto its full line,
    and the paragraph after `１．` took the next one's first line. A numbered
    heading's tail is the text's own wrap: no evidence of a narrower print."""
    from rsearch.corpus.formats.pdf_runs import page_lines, printed_narrower


    outline = Outline(blocks=[
        ("heading", "①代代（Regional Regional Regional Regional Regional Regional Regional）"),
        ("paragraph", "代代代，代代代，代代代，代代代代代，"
                      "代代代代代代，代代代代代代，代代代代代代代。"),
        ("heading", "１．" + "代" * 33),
        ("paragraph", "代代代，代代代代代代代代代，"
                      "代代代代代代代代代代代代，代代代代代代代代代代代代。"),
        ("paragraph", "代代代，代代代，代代代，代代代，代代代代代代，"
                      "代代代代代代，代代代代代代代代代代代，"
                      "代代代代代代代代代代代代 APEC 代代代代代代代代代代代代。"),
        ("heading", "②" + "代" * 35),
        ("paragraph", "代代代，" * 9 + "代代代。"),
        ("heading", "１．" + "代" * 33),
        ("paragraph", "代代代，" * 9 + "代代代。"),
        ("heading", "２．代代代（" + "代" * 28 + "）"),
        ("paragraph", "代代代，代代代，代代代，代代代，代代代代代，"
                      "代代代代代，代代代代代代代，代代代代代代代，"
                      "代代代代代代代代代代代代，代代代代代代代代代代代代。")])
    target = printed(outline, tmp_path)
    import pypdf

    assert not printed_narrower([page_lines(page) for page in pypdf.PdfReader(target).pages])
    check(read_report(target), outline)


def test_a_bracketed_title_past_its_line_in_a_pdf_is_one_heading(tmp_path):
    """Found by the property above (a PDF read by line positions): `1.1`'s
    bracket closes alone on the next line, at the margin a pitch below; put
    back onto its line as if the extractor had broken it there, the heading
    stood a line wider than the measure, flush over its paragraph, and was
    read as a paragraph's first line. The text's own line stays a line (the
    text's reading joins a heading's tail, as in the wrapped form)."""
    from rsearch.corpus.formats import extract


    first = "代代代，代代代，代代代，代代代，代代代代代代代代代代，代代代代代代代代代代代代。"
    later = "代代代，代代代代代代，代代代代代代代代，代代代代代代代代，代代代代代代代代代代。"
    outline = Outline(blocks=[
        ("heading", "1. " + "代" * 34), ("paragraph", first),
        ("heading", "1.1 代代代代代（" + "代" * 26 + "）"), ("paragraph", first),
        ("heading", "1.2 " + "代" * 33), ("paragraph", first),
        ("heading", "2. 代代"),
        ("paragraph", "代代代，代代代，代代代，代代代，代代代代，"
                      "代代代代代，代代代代代代代代代代代代。"),
        ("heading", "2.1 代代"),
        ("paragraph", "代代代，代代代，代代代代代代代代代代，代代代代代代代代代代代，"
                      "代代代代代代代代代代代代，代代代代代代代代代代代代，代代代代代代代代代代代代。"),
        ("paragraph", later), ("heading", "2.2 代代"), ("paragraph", later)])
    target = printed(outline, tmp_path)
    lines = [line.text for page in extract(target.read_bytes(), str(target), ".pdf").pages
             for line in page]
    assert lines[lines.index("1.1 代代代代代（" + "代" * 26) + 1] == "）"
    check(read_report(target), outline)


def test_a_chapter_heading_past_its_line_in_a_pdf_is_not_a_row(tmp_path):
    """Found by the property above (a PDF read by line positions): the gap
    after `第一章　` read as a table row's, so the heading's tail went back
    onto it, a line wider than the measure that its sibling `第二章` (past its
    line too) could not show to be a heading. The gap after a label is the
    label's; the tail stays the text's own line, joined as in the wrapped form."""
    from rsearch.corpus.formats.pdf_runs import in_cells


    assert not in_cells("第一章\u3000發展研檢畫計口討（Regional Regional Regional")
    assert in_cells("港口\u3000岸電設施\u3000二座")
    first = "代代代，" * 9 + "代代代。"
    later = "代代代，代代代，代代代，代代代，代代代，代代代，推海合討，港表管委疫究安表動告全關。"
    outline = Outline(blocks=[
        ("heading", "第一章\u3000發展研檢畫計口討（" + "Regional " * 4 + "Regional）"),
        ("paragraph", first), ("heading", "一、" + "代" * 33), ("paragraph", later),
        ("heading", "二、" + "代" * 33), ("paragraph", later.replace("推海", "海推")),
        ("heading", "第二章\u3000度濟研標員貿全關（" + "Regional " * 4 + "Forum Regional）"),
        ("paragraph", later.replace("港表", "表港")),
        ("paragraph", first.replace("代代代。", "代" * 12 + "。"))])
    check(read_report(printed(outline, tmp_path)), outline)


def test_a_heading_the_page_break_cuts_in_a_pdf_is_one_heading(tmp_path):
    """Found by the property above (a PDF read by line positions): `2.`'s
    title runs past its line at page 1's foot, its tail heads page 2; the
    text's reading joins no heading over the page's furniture, so the tail was
    a paragraph. A heading's tail the page break carried over goes back onto
    it, as a narrower print's does."""
    from rsearch.corpus.formats import extract


    outline = Outline(blocks=[
        ("heading", "(I) 會全疫料合（Forum Summit Service Train"
         "ing Training Customs Network Center "
         "Programme）"),
        ("paragraph", "代海準畫合際論濟動貿畫 APEC 報會議準疫發動際資研港推，度濟員畫作管"
         "全料資濟作，度全作疫、發合關安，濟作代合，資推究代。"),
        ("paragraph", "合際經，表檢動政海合制濟際港策論 APEC 度策度計海海發、發際動畫報委"
         "發港，經展討，代論安議管易策，關關代，安政標理政。"),
        ("heading", "(II) 計展檢報討會"),
        ("paragraph", "度制討濟發究研疫易易委海，濟檢議貿報國告標經制 APEC 論理作 APE"
         "C 報展動研理經發易檢推告，表檢動畫策口易計、際研表口表合易論政。"),
        ("paragraph", "委員會，動發關告度動貿員標政畫動、疫疫口理 APEC 關關發動畫資，際報"
         "代究委議、海會疫度檢策 APEC 制度口國易濟計經制海 APEC 濟制檢"
         "制委究代議報員。"),
        ("heading", "(III) 度議論海經理計理海關表告計論發關討口究口制推發貿研政制制代議"
         "制委推度經論作安制政推"),
        ("paragraph", "易計合畫討全濟，國口推展標、展制作準標計度經研管告管、檢際制安資告動全全"
         "濟會資、管際推準際作員理港報論標，資國告會口制安理 APEC 理理檢 A"
         "PEC 海關計濟全合研。"),
        ("paragraph", "委員會，動發關告度動貿員標政畫動、疫疫口理 APEC 關關發動畫資，際報"
         "代究委議、海會疫度檢策 APEC 制度口國易濟計經制海 APEC 濟制檢"
         "制委究代議報員。"),
        ("heading", "1. 合口"),
        ("paragraph", "易易策國論，制濟際，動展準報資，管檢理 APEC 疫口政口策策，關檢作報"
         "告濟經推研動論制，展會制研報易論料料畫作推，管檢安。"),
        ("paragraph", "度國疫告資議員國表議貿 APEC 度濟員制，員研疫度國易口、表討研表經料"
         "，管政標員告準理展疫口發，發議會貿資會，代推議料議，會告議作管計資作，安"
         "理論理。"),
        ("heading", "2. 計際經標表議計研展疫口作標關港疫究代安議發議檢報安動作制推動策展關"
         "合理報計代委"),
        ("paragraph", "際關研安際安合畫員經委會，動理會海展論制政員推，政制合員，料經研討討安料"
         "度 APEC 標理究制易港推作，委員會 APEC 畫會展關理，議告表策海"
         "，展代制。")])
    target = printed(outline, tmp_path)
    pages = extract(target.read_bytes(), str(target), ".pdf").pages
    # (the heading's first line ends page 1: its tail goes back across the break)
    assert [line.text for line in pages[0]][-2:] == [outline.headings()[-1], "- 1 -"]
    check(read_report(target), outline)


def test_a_heading_s_long_tail_the_page_break_carries_in_a_pdf_goes_back(tmp_path):
    """Found by the property above, as the test before: `壹、`'s tail heading
    page 2 is longer than a printer's tail (a heading's runs to half a line)."""

    outline = Outline(blocks=[
        ("heading", "（１）政國料究論表畫（Training Regional Laborat"
         "ory Programme Summit Programme Custo"
         "ms Port Port）"),
        ("paragraph", "貿告制度委表準制、準報口度海展、委員會、推推推疫管員論、表員究代 APE"
         "C 研討會，制濟報疫理料報報管議港疫、國國代資員國，論表貿合合制料發討疫"
         "標口，計度動表海資。"),
        ("heading", "壹、計制會議"),
        ("paragraph", "疫代發作研究關表、發口料口 APEC 展告料疫疫 APEC 員理疫表論，"
         "貿安易，動計疫經、會推作經究會理計、發政發理代告代疫海關檢究，究議際、安"
         "海合委作際資員究策員制，討管際告畫準貿安論安。"),
        ("heading", "貳、貿究制政度管報（港貿表員究展濟報貿論資畫際作論代發展展濟疫員會會關研"
         "國論口口）"),
        ("paragraph", "究代會制 APEC 會準理、準作員港委度安計準討口疫，港全經海、料易際易"
         "疫際表委研究、海管港安報，展發動代安資合濟，討關報，委員會。"),
        ("heading", "參、論發「論研資畫報準國海報濟研論議貿港資政際貿港代告討資報檢表國員作告"
         "展議」"),
        ("paragraph", "管研易代推委表討港合經理 APEC 全資討議究、合理資推議標料論理國討代"
         "、理港際，表論議，畫政報表畫，標全策，經策國動經檢告經，會全安疫、討港標"
         "討管料港委畫動展檢、關度安資發。"),
        ("paragraph", "推濟表，究策動畫海策報，度易全資資標料推國委究 APEC 關議發展港計資"
         "安發口際濟，海委委易委究貿代，研際海關貿合表制，政策標、濟經貿。"),
        ("heading", "（２）海論港港（Center Regional Authority Ne"
         "twork Service Service Summit Customs"
         "）"),
        ("paragraph", "港發港檢 APEC 濟表討代易政，策濟關策理推安，貿理告疫究表濟報委計代"
         "會，告政易口，討際料 APEC 港料展動。"),
        ("paragraph", "動告管報議貿國討制易，港國經料濟易全，制標委代經議告報合推委作，究議際、"
         "準委制，全管作 APEC 理國海際。"),
        ("heading", "壹、國研度代委會代討展計會發展研論準發合口國口展口研合告海政策議制政貿安"
         "安政準安討標國展濟口告計"),
        ("paragraph", "員畫表推代發討討準討會計、制國論議合計疫展濟動，計委代檢理，制檢代發度料"
         "易、合表展會報報，究口際 APEC 發準全研策貿，議政代貿研討展標議港討"
         "討。"),
        ("heading", "（３）管理口貿"),
        ("paragraph", "表度論關際發理告 APEC 究理制港口政檢安委表 APEC 表會資理料國"
         "研 APEC 作易畫。"),
        ("paragraph", "議動標畫管，關策制檢海疫、委究濟全動、貿料動管討國計論展料際口、畫理濟政"
         "料疫管策，推展表海研究論告策合濟關，管口際究安論委安推展檢標 APEC "
         "表口易討究檢國發貿國作際，濟貿論安理合員。"),
        ("heading", "壹、告疫國料"),
        ("paragraph", "貿告制度委表準制、準報口度海展、委員會、推推推疫管員論、表員究代 APE"
         "C 研討會，制濟報疫理料報報管議港疫、國國代資員國，論表貿合合制料發討疫"
         "標口，計度動表海資。"),
        ("heading", "貳、動發合報發政「告計海動合疫資濟議委計關安檢管委動資貿海際論發作關代易"
         "代準疫口全」"),
        ("paragraph", "檢國準管易全論、表疫港準標 APEC 經研發代計口 APEC 研討會，告"
         "料究論議全疫全討，貿口準議港研告理檢發會合，推制論政政報究全港議代港，港"
         "告委易動際議易資動海度。"),
        ("heading", "參、標報發檢制（Regional Laboratory Authorit"
         "y Training Port Forum Center Trainin"
         "g）"),
        ("paragraph", "際海員海表代研討貿告易策 APEC 研推料經、代合作國疫動 APEC 檢"
         "合推表推會料國、發安貿口、究表際，港報度際代委推安全 APEC 檢資策合"
         "畫發易告展展議，關報計料代制安論議發動。")])
    check(read_report(printed(outline, tmp_path)), outline)


@pytest.mark.parametrize("form", ["wrapped", "pdf", "pdf-embedded"])
def test_a_last_line_a_few_columns_short_ends_its_paragraph(form, tmp_path):
    """Found by the runs-past property drawing the pdf form: a paragraph
    whose last line (wide characters alone, ending a sentence) stops six
    columns short of the measure, a flush paragraph right under it, hard-
    wrapped with no blank line between paragraphs, or printed as PDF. The
    lines of wide characters alone that stop on a clause's mark show the
    measure; the paragraphs' last lines, shorter, do not set it."""
    from .report_forms import wrap as wrap_cells

    outline = Outline(blocks=[
        ("heading", "（Ⅰ）資疫國推標度理貿策策關論政員濟管標會易發國資資發動報制展標究國發港"
         "資經討管國員易準"),
        ("paragraph", "策料制關究易，理疫動檢全論告，經全員，國檢國際展論展代準，計策畫檢，委標"
         "發計制。"),
        ("heading", "（Ⅱ）港際口動資"),
        ("paragraph", "料港料濟發作 APEC 經理關政全港易委理 APEC 究會畫檢動 APE"
         "C 計關究港易理料經表，委員會、濟議料推計貿關口檢，料理合究討論告會討料"
         "度。"),
        ("paragraph", "海港關標作策檢檢，代策推 APEC 研討會，論管資，會貿料策報度料濟畫政"
         "制標 APEC 報推計推畫 APEC 資會員疫港料濟發作經海討。"),
        ("heading", "（Ⅲ）口準合"),
        ("paragraph", "動制貿安際動資度，代合度理料動合報料安度推 APEC 易告標發議理員國會"
         "委、計論標政報討檢關 APEC 關代標。"),
        ("paragraph", "度料準告作際發作告委畫告 APEC 國作港疫論告疫畫發安，員會政度管，委"
         "員會 APEC 研討會 APEC 員海推政、貿推究。"),
        ("heading", "(1)制合料理作港資關"),
        ("paragraph", "政港員推計員濟畫告 APEC 員討標疫研標推論討，員疫合報 APEC 安"
         "報理、告作準畫關展策究度準經易，準海委表推口。"),
        ("paragraph", "料港料濟發作 APEC 經理關政全港易委理 APEC 究會畫檢動 APE"
         "C 計關究港易理料經表，委員會、濟議料推計貿關口檢，料理合究討論告會討料"
         "度。"),
        ("heading", "(2)貿料"),
        ("paragraph", "港度畫會政檢海政動安貿討 APEC 代代代 APEC 論政代，研會際策制"
         "告，資政討討作研展，發資檢表代理標議。")])
    if form == "wrapped":
        text = "\n".join(piece for line in source_text(outline).splitlines()
                         for piece in wrap_cells(line)) + "\n"
        check(parse_report(text, "short"), outline)
    else:
        from .report_forms import write_form

        source = tmp_path / "source" / "report.txt"
        source.parent.mkdir()
        source.write_text(source_text(outline), encoding="utf-8")
        check(read_report(write_form(source, form, tmp_path / "out")), outline)


@pytest.mark.parametrize("label", ["A）", "b）", "2）", "a）"])
def test_a_wrapped_heading_whose_tail_closes_its_bracket_with_a_label(label):
    """Found by the property above: a heading that fills its line, a bracket
    left open at the line's end, whose tail starts like a label (`B）`,
    `2）`) that closes the bracket: one heading, the tail no item nor heading."""
    heading = "貳、參訪荷蘭鹿特丹港務局全自動化貨櫃碼頭岸電設施之營運與管理（第二期"
    assert display_width(heading) == COLUMNS
    prose = ("本團參訪鹿特丹港務局，了解其自動化貨櫃碼頭之營運模式，並與港務局人員就港口數位化"
             "及岸電設施之建置進行交流，雙方同意持續合作，並於明年再度互訪，交換岸電之營運經驗。")
    lines = [TITLE, "", "壹、前言", *wrap(prose, COLUMNS), heading, label + "工程）",
             *wrap(prose.replace("本團", "代表團"), COLUMNS), "參、心得", "建議持續交流。"]
    report = parse_report("\n".join(lines) + "\n", "k")
    assert [squash(e.heading.text) for e in report.outline] == [
        "壹、前言", squash(f"{heading}{label}工程）"), "參、心得"]
    assert [(p.section[-1].label, p.text) for p in report.passages if p.section
            and p.section[-1].level > 0] == [
        ("壹、", prose), ("貳、", prose.replace("本團", "代表團")), ("參、", "建議持續交流。")]
