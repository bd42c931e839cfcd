"""A hard-wrapped text report printed as PDF in a Chinese font that is not
embedded (read by pypdf, line by line), or printed narrower than its lines
in an embedded font (read by PDFium), reads as its text does: the gaps
between lines give back its blank lines, the lines' starts its indents, and
where the page is narrower than the text's lines, the short tail each line
leaves on the next goes back onto it.

The property runs `max_examples` random reports (20 in CI); RSEARCH_LAYOUTS
runs more."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from rsearch.corpus import read_report
from rsearch.corpus.formats import extract

from .drawn import examples, file_layouts
from .report_forms import cells, wrap

EXAMPLES = examples(20)
LAYOUTS = file_layouts(EXAMPLES)

HAN = "的國際會議資料報告合作政策發展經濟貿易海關檢疫標準安全研究計畫委員代表討論推動制度管理"
WORDS = ["OECD", "WTO", "APEC", "AI", "Single Window", "Transport Analysis Guidance"]
TITLE = "赴日本參加國際運輸論壇會議報告"
SIZE = 12.0
PITCH = 20.0
PAGE_LINES = 20


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@st.composite
def sentences(draw, low=4, high=140, latin=True):
    pieces = [draw(st.text(HAN, min_size=2, max_size=4))]
    while sum(map(len, pieces)) < draw(st.integers(low, high)):
        kind = draw(st.integers(0, 5))
        if kind == 0 and latin:
            pieces.append(" " + draw(st.sampled_from(WORDS)) + " ")
        elif kind == 1:
            pieces.append("，")
        pieces.append(draw(st.text(HAN, min_size=1, max_size=8)))
    return re.sub(r"\s+", " ", "".join(pieces)).strip() + "。"


@st.composite
def reports(draw, short=True, latin=False):
    """(text lines, paragraphs): a title, a heading, then paragraphs apart by
    blank lines or marked by a first-line indent, some of one short line
    (unless not `short`: then six or more, all over several lines, in Chinese
    alone), hard-wrapped at
    the text's own width."""
    width = draw(st.integers(28, 38))
    indented = draw(st.booleans())
    kinds = st.one_of(sentences(), sentences(4, 12)) if short \
        else sentences(3 * width, 160, latin=latin)
    # Each paragraph its own start (a line repeated is a running header).
    paragraphs = [HAN[k] + HAN[-k - 1] + text
                  for k, text in enumerate(draw(st.lists(kinds, min_size=3 if short else 6,
                                                         max_size=14)))]
    lines = [TITLE, "", "壹、會議紀要", ""]
    for paragraph in paragraphs:
        if indented:
            lines += wrap("　　" + paragraph, width)
        else:
            lines += wrap(paragraph, width) + [""]
    texts = [line for line in lines if line]
    assume(len(set(texts)) == len(texts))
    return width, lines, paragraphs


def write_pdf(lines: list[str], target, print_width: int, embedded: bool = False,
              cut: bool = False) -> None:
    """The text printed in reportlab's CID font MSung-Light, not embedded, or
    (`embedded`) in a font of the file, as Word embeds its fonts (read by
    PDFium): each line wrapped at `print_width`, an indent as the line's start
    right of the margin, a blank line as a gap; the title as a running header,
    the page number as a footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from .page_forms import box_font

    font = box_font() if embedded else "MSung-Light"
    if not embedded:
        pdfmetrics.registerFont(UnicodeCIDFont(font, "UniCNS-UCS2-H"))
    pages: list[list[str]] = [[]]
    for k, line in enumerate(lines):
        # A page ends between paragraphs, after the blank line if there is
        # one (the paragraph logic's reading of a page's foot is not this
        # reader's: tested elsewhere).
        if len(pages[-1]) >= PAGE_LINES and line and (not lines[k - 1] or line.startswith("　")) \
                and not cut:
            pages.append([])
        for printed in wrap(line, print_width) if line else [""]:
            # `cut`: every page full, broken wherever its lines run out.
            if cut and len(pages[-1]) >= PAGE_LINES:
                pages.append([])
            pages[-1].append(printed)
    pdf = canvas.Canvas(str(target), pagesize=A4)
    for n, page in enumerate(pages, start=1):
        pdf.setFont(font, 9)
        pdf.drawString(60, 800, TITLE)
        y = 770.0
        for line in page:
            body = line.lstrip("　 ")
            indent = sum(cells(c) for c in line[:len(line) - len(body)])
            pdf.setFont(font, SIZE)
            pdf.drawString(60 + indent * SIZE, y, body)
            y -= PITCH
        pdf.setFont(font, 9)
        pdf.drawString(280, 40, f"- {n} -")
        pdf.showPage()
    pdf.save()


def passages(path) -> list[str]:
    return [squash(p.text) for p in read_report(path).passages]


def text_and_pdf(tmp_path_factory, lines: list[str], print_width: int, **printing):
    """The report's lines written as text, and printed as PDF `print_width`
    columns wide (write_pdf's options), side by side in a new folder."""
    folder = tmp_path_factory.mktemp("report")
    source = folder / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = folder / "report.pdf"
    write_pdf(lines, target, print_width, **printing)
    return source, target


def printed_apart(lines: list[str], print_width: int) -> bool:
    """Whether every line the printer makes is printed once: a line printed
    again on another page is a running header to any reader (the filler of
    long drawn paragraphs can print the same full line twice)."""
    printed = [piece for line in lines if line for piece in wrap(line, print_width)]
    return len(set(printed)) == len(printed)


@LAYOUTS
@given(data=st.data(), narrower=st.integers(0, 4))
def test_a_hard_wrapped_report_printed_without_its_font_reads_as_its_text(data, narrower,
                                                                           tmp_path_factory):
    """Printed at its own width, any report; printed narrower (a tail of one
    to four columns under each long line), a report of paragraphs over
    several lines of Chinese, where the tails are evidence enough. Known, not
    read: one line tailed in a report of one-line paragraphs stays a line of
    its own, and a Latin word pushed under a line is not always its tail."""
    width, lines, paragraphs = data.draw(reports(short=not narrower))
    assume(printed_apart(lines, width - narrower))
    source, target = text_and_pdf(tmp_path_factory, lines, width - narrower)
    text = passages(source)
    assert text[-len(paragraphs):] == [squash(p) for p in paragraphs]
    assert passages(target) == text


@LAYOUTS
@given(data=st.data(), narrower=st.integers(1, 4))
def test_a_hard_wrapped_report_printed_narrower_in_an_embedded_font_reads_as_its_text(
        data, narrower, tmp_path_factory):
    """The same printed in an embedded font (PDFium places every character):
    the page shows the printer's lines, a full one and its tail again and
    again; the text's own lines are read instead, as pypdf's are."""
    width, lines, paragraphs = data.draw(reports(short=False))
    assume(printed_apart(lines, width - narrower))
    source, target = text_and_pdf(tmp_path_factory, lines, width - narrower, embedded=True)
    assert passages(target) == passages(source)


@LAYOUTS
@given(data=st.data(), narrower=st.integers(1, 4))
def test_a_hard_wrapped_report_printed_narrower_reads_as_its_text_over_latin_words_and_pages(
        data, narrower, tmp_path_factory):
    """Printed narrower without its font, every page full and broken
    wherever its lines run out: a Latin word the printer pushed down whole
    (a short line above, a longer tail) goes back, and so does a tail the
    page break carried to the next page, over the running header and the
    page number."""
    width, lines, paragraphs = data.draw(reports(short=False, latin=True))
    source, target = text_and_pdf(tmp_path_factory, lines, width - narrower, cut=True)
    assert passages(target) == passages(source)


def test_the_pdf_is_read_by_pypdf_and_its_gaps_and_indents_come_back(tmp_path):
    """The form above is the pypdf path (PDFium cannot map the font), and its
    lines come back as the text's, blank lines and indents included."""
    lines = [TITLE, "", "壹、會議紀要", "", "　　我國代表說明推動單一窗口之經驗，", "並提出建議。",
             "", "　　與會代表均表支持。"]
    target = tmp_path / "report.pdf"
    write_pdf(lines, target, 34)
    got = [(line.text, line.indent) for page in extract(target.read_bytes(), str(target),
                                                        ".pdf").pages for line in page]
    body = got[got.index(("壹、會議紀要", 0)):]
    # No blank line kept before the page number: a page's gap around its furniture.
    assert body == [("壹、會議紀要", 0), ("", 0), ("我國代表說明推動單一窗口之經驗，", 4),
                    ("並提出建議。", 0), ("", 0), ("與會代表均表支持。", 4), ("- 1 -", 49)]


# A table of cells apart by runs of spaces, its rows wider than the page:
# the printer wraps each row in a gap or inside its last cell.
WIDE_ROWS = ["1      06/02-06/06       Orientation; IMC 1245 basic courses"
             "           Arlington, TX",
             "9-11   07/28-08/15       Triennial fire protection inspection"
             "           Burlington, KS",
             "12     08/18-08/22       Inspection report writing"
             "                      Arlington, TX",
             "Week 9-11         Wolf Creek GS, Burlington, KS          Triennial fire protection "
             "inspection"]


@pytest.mark.parametrize("embedded", [False, True])
def test_a_row_printed_narrower_gets_back_the_tail_the_printer_broke_in_a_gap(
        tmp_path_factory, embedded):
    """Found in a fixture printed as PDF: a row of cells apart by spaces,
    wider than the printed line, is broken by the printer in a gap (the
    tail starts with the gap's spaces it kept, short of the row's second
    cell) or inside its last cell of several words (a tail longer than a
    text line's); each tail goes back onto its row, and the table reads as
    the text's does."""
    paragraph = "會議討論貿易便捷化協定之執行進度，各國代表說明單一窗口之推動經驗與成效，" * 3
    lines = [TITLE, "", "壹、會議紀要", "", *wrap(paragraph + "並交換意見。", 38), "",
             *wrap("我國代表說明推動單一窗口之經驗，" * 6 + "並提出建議。", 38), "", "貳、行程", "",
             *WIDE_ROWS, "", *wrap("與會代表均表支持，" * 9 + "會議圓滿結束。", 38)]
    source, target = text_and_pdf(tmp_path_factory, lines, 34, embedded=embedded)
    text = passages(source)
    assert [squash(row) for row in WIDE_ROWS] == [p for p in text if p.startswith(
        ("1", "9-11", "12", "Week"))]
    assert passages(target) == text
