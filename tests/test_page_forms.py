"""The format readers give back the paragraphs, table rows, outline headings and
notes a document was rendered from, whatever the layout: PDF paragraphs by
the page's geometry (first-line indents, gaps, last lines that fill the
line), table rows with cells wrapping inside them, page headers and footers
apart, and page furniture typed into a DOCX or ODT body lifted out.

The properties run `max_examples` random documents per format (20 in CI);
RSEARCH_LAYOUTS=2000 runs more."""

from __future__ import annotations

import re
from functools import partial

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from rsearch.corpus import read_report
from rsearch.corpus.formats import extract

from .drawn import examples, file_layouts
from .page_forms import (
    MARGIN,
    NOTE_SIZE,
    PAGE_W,
    Bulleted,
    Document,
    Heading,
    Paragraph,
    Table,
    expected_lines,
    expected_pdf_notes,
    fill_last_line,
    measure,
    wrap_width,
    write_docx,
    write_odt,
    write_pdf,
)

EXAMPLES = examples(20)
LAYOUTS = file_layouts(EXAMPLES)

HAN = "的國際會議資料報告合作政策發展經濟貿易海關檢疫標準安全研究計畫委員代表討論推動制度管理"
WORDS = ["OECD", "WTO", "APEC", "AI", "Data", "Single Window", "AEO"]
ENDS = "。"


@st.composite
def sentences(draw, low=4, high=120):
    """Running text: Chinese with English names, clauses, a full stop."""
    pieces = [draw(st.text(HAN, min_size=2, max_size=4))]
    while sum(map(len, pieces)) < draw(st.integers(low, high)):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            pieces.append(" " + draw(st.sampled_from(WORDS)) + " ")
        elif kind == 1:
            pieces.append("，")
        pieces.append(draw(st.text(HAN, min_size=1, max_size=8)))
    return re.sub(r"\s+", " ", "".join(pieces)).strip() + ENDS


# Bullets as Word prints them: symbols, and a symbol font's private-use codes
# (Symbol's •, Wingdings' ●, ■, ▪, ➢, ❖, ✓).
BULLETS = "●■◆•▪➢✓※○□" + "\uf0b7\uf06c\uf06e\uf0a7\uf0d8\uf076\uf0fc"


@st.composite
def bulleted(draw):
    """A bulleted item: its text after the bullet at a tab stop (a hanging
    indent of one to two and a half characters), or after a typed space."""
    bullet = draw(st.sampled_from(BULLETS))
    hang = draw(st.sampled_from([measure(bullet + " ", 12.0), 18.0, 21.0, 24.0, 30.0]))
    return Bulleted(bullet, draw(sentences(30, 200)), draw(st.sampled_from([0.0, 24.0])), hang)


@st.composite
def documents(draw, notes=True, cuts=True, note_high=40, bullets=False):
    doc = Document(header=draw(st.text(HAN, min_size=4, max_size=12)) + "出國報告",
                   footer=draw(st.sampled_from(["- {n} -", "第 {n} 頁，共 {total} 頁",
                                                "Page {n} of {total}"])),
                   convention=draw(st.sampled_from(["indent", "gap", "both"])))
    # A report has running text: lines that reach the right margin show where
    # it is (a page of two one-line paragraphs shows neither margin).
    doc.blocks.append(Paragraph(draw(sentences(200, 260))))
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["heading", "paragraph", "paragraph", "long-last", "table"]
                                    + ["bullets"] * bullets))
        if kind == "bullets":
            doc.blocks.extend(draw(st.lists(bulleted(), min_size=1, max_size=4)))
        elif kind == "heading":
            doc.blocks.append(Heading(draw(st.integers(1, 3)),
                                      draw(st.text(HAN, min_size=2, max_size=14)),
                                      draw(st.booleans())))
        elif kind == "table":
            columns = draw(st.integers(2, 4))
            rows = []
            for r in range(draw(st.integers(1, 4))):
                first = draw(st.text(HAN, min_size=1, max_size=5)) + str(r)
                rest = [draw(sentences(1, 40)) for _ in range(columns - 1)]
                rows.append((first, *rest))
            doc.blocks.append(Table(tuple(rows)))
            # Two tables in a row, of the same columns, are one table on the page.
            doc.blocks.append(Paragraph(draw(sentences(2, 20))))
        else:
            text = draw(sentences(4, 300))
            if kind == "long-last":
                text = fill_last_line(text, draw(st.text(HAN, min_size=1, max_size=1)), doc)
            note_texts = draw(st.lists(sentences(4, note_high), max_size=2)) if notes else []
            end_texts = draw(st.lists(sentences(4, 40), max_size=1)) if notes else []
            cut = None
            if cuts and len(text) > 8 and draw(st.booleans()):
                cut = draw(st.integers(2, len(text) - 3))
                while cut > 1 and text[cut - 1] in "。 ，":
                    cut -= 1
                cut = cut if text[:cut].strip() and text[cut:].strip() else None
            doc.blocks.append(Paragraph(text, tuple(note_texts), tuple(end_texts), cut))
    return doc


def squash(text):
    return re.sub(r"\s+", "", text)


def read_lines(path):
    extracted = extract(path.read_bytes(), str(path), path.suffix)
    lines = [line for page in extracted.pages for line in page if line.text]
    return ([(squash(line.text), line.heading, line.note) for line in lines if not line.furniture],
            [line.text for line in lines if line.furniture])


def squashed(lines):
    return [(squash(text), level, note) for text, level, note in lines]


@LAYOUTS
@given(doc=documents(notes=False, cuts=False, bullets=True))
def test_pdf_paragraphs_rows_and_furniture_from_the_page(doc, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    furniture = write_pdf(doc, path)
    got, got_furniture = read_lines(path)
    assert got == squashed(expected_lines(doc, notes=False))
    assert sorted(got_furniture) == sorted(furniture)


@pytest.mark.parametrize("form, write", [("docx", write_docx), ("odt", write_odt)])
@LAYOUTS
@given(doc=documents())
def test_outline_notes_rows_without_typed_furniture(form, write, doc, tmp_path_factory):
    """DOCX and ODT alike: the file's own outline, notes and rows."""
    path = tmp_path_factory.mktemp(form) / f"report.{form}"
    write(doc, path)
    assert read_lines(path)[0] == squashed(expected_lines(doc))


def outline_paths(doc: Document):
    """(text, titles of the outline headings above it) of each paragraph and note."""
    stack: list[Heading] = []
    out = []
    lines = iter(expected_lines(doc))
    for block in doc.blocks:
        if isinstance(block, Heading):
            next(lines)
            while stack and stack[-1].level >= block.level:
                stack.pop()
            stack.append(block)
            continue
        count = len(block.rows) if isinstance(block, Table) else \
            1 + len(block.notes) + len(block.endnotes)
        for _ in range(count):
            text, _, _ = next(lines)
            out.append((squash(text), tuple(h.text for h in stack)))
    return out


@LAYOUTS
@given(doc=documents(), form=st.sampled_from(["docx", "odt"]))
def test_outline_headings_notes_and_furniture_reach_the_passages(doc, form, tmp_path_factory):
    """Unnumbered outline headings nest by their level; every paragraph, row and
    note is a passage under them; typed furniture is in none."""
    doc.blocks.insert(0, Heading(1, "報告正文"))
    path = tmp_path_factory.mktemp(form) / f"report.{form}"
    (write_docx if form == "docx" else write_odt)(doc, path)
    report = read_report(path)
    passages = [(squash(p.text), tuple(h.title for h in p.section)) for p in report.passages]
    for text, titles in outline_paths(doc):
        assert any(text in got and got_titles == titles for got, got_titles in passages), \
            (text, titles)
    furniture = {squash(doc.header)} | {squash(f"第 {n} 頁，共 99 頁") for n in range(1, 20)}
    assert not any(got in furniture for got, _ in passages)


@pytest.mark.parametrize("convention", ["indent", "gap", "both"])
def test_a_pdf_paragraph_whose_last_line_is_full_ends_there(convention, tmp_path):
    doc = Document(convention=convention)
    first = fill_last_line("我國代表說明推動單一窗口之經驗" * 6 + "。", "的", doc)
    doc.blocks = [Paragraph(first), Paragraph("會議並討論 AEO 相互承認協議之進展。"),
                  Table((("項目", "說明" * 30 + "。"), ("時程", "二〇二四年。"))),
                  Paragraph("以上。")]
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    lines = [line for page in extract(path.read_bytes(), str(path), ".pdf").pages
             for line in page if line.text]
    assert [line.text.replace(" ", "") for line in lines if not line.furniture] == [
        squash(first), "會議並討論AEO相互承認協議之進展。",
        "項目\t" + "說明" * 30 + "。", "時程\t二〇二四年。", "以上。"]
    # A one-page report's header, in small type at the top, is furniture too.
    assert [line.text for line in lines if line.furniture] == ["出國報告", "- 1 -"]


def pdf_body_and_notes(path):
    lines = [line for page in extract(path.read_bytes(), str(path), ".pdf").pages
             for line in page if line.text and not line.furniture]
    return ([squash(line.text) for line in lines if not line.note],
            [squash(line.text) for line in lines if line.note])


@LAYOUTS
@given(doc=documents(cuts=False))
def test_pdf_footnotes_at_the_foot_are_notes_and_cut_no_paragraph(doc, tmp_path_factory):
    """Footnotes drawn small under a rule at the page's foot come back as
    notes, in order; the paragraph a page break cut above them is whole."""
    doc.pdf_notes = True
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    write_pdf(doc, path)
    body, notes = expected_pdf_notes(doc)
    assert pdf_body_and_notes(path) == ([squash(t) for t in body], [squash(t) for t in notes])


@LAYOUTS
@given(doc=documents(cuts=False, note_high=160))
def test_pdf_footnotes_a_page_break_cuts_come_back_whole(doc, tmp_path_factory):
    """Footnotes of many lines, the last on a page going on at the next
    page's foot (above that page's own, under a long rule): each note comes
    back whole, its tail in no paragraph, every line in one note or one
    paragraph, the notes holding as many lines as the text or fewer."""
    width = PAGE_W - 2 * MARGIN
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assume(any(b.notes for b in paragraphs))  # a draw without notes is the layouts' own
    assume(sum(len(wrap_width(b.text, width, 12.0)) for b in paragraphs)
           >= sum(len(wrap_width(n, width, NOTE_SIZE)) for b in paragraphs for n in b.notes))
    doc.pdf_notes = doc.split_notes = True
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    write_pdf(doc, path)
    body, notes = expected_pdf_notes(doc)
    assert pdf_body_and_notes(path) == ([squash(t) for t in body], [squash(t) for t in notes])


def test_a_page_of_as_many_note_lines_as_text_lines_keeps_its_paragraphs(tmp_path):
    """Found by the cut-notes property: one page, eight lines of text, four
    notes of as many lines; the lines' median size is the notes', so the
    text's size is taken with the notes at the pages' feet aside (smaller
    type than the line above them, the first line starting with a mark),
    and the text's lines are not each read as a paragraph."""
    doc = Document(convention="gap", pdf_notes=True, split_notes=True, blocks=[
        Paragraph("會議討論貿易便捷化協定之執行進度，" * 8 + "並交換意見。"),
        Paragraph("我國代表說明單一窗口之經驗。" * 5,
                  notes=("世界海關組織之資料模型第三版，" * 2 + "已於會中說明。",
                         "單一窗口之定義見聯合國建議書，" * 2 + "並經各國採用。")),
        Paragraph("會後參訪海關。" * 3,
                  notes=("參訪行程由地主國安排，" * 4 + "並由我駐外單位陪同。",
                         "海關之通關系統採用單一窗口，" * 5 + "並與各機關連線。"))])
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    body, notes = expected_pdf_notes(doc)
    assert pdf_body_and_notes(path) == ([squash(t) for t in body], [squash(t) for t in notes])


def test_a_footnote_cut_by_a_page_is_one_passage_beside_what_cites_it(tmp_path):
    """A note whose head ends a page and whose tail heads the next page's
    foot is one footnote passage, after the paragraph citing it by its bare
    number (`。2`), in that paragraph's section, not in the section a heading
    opened since."""
    long_note = "資料交換標準係依世界海關組織資料模型訂定，" * 8 + "並經各會員討論通過。"
    doc = Document(pdf_notes=True, split_notes=True, blocks=[
        Heading(1, "壹、目的"),
        Paragraph("第一段說明會議之背景與目的。" * 20, notes=("會議全名為世界海關組織年會。",)),
        Paragraph("第二段說明單一窗口之經驗。" * 24, notes=(long_note,)),
        Heading(1, "貳、過程"),
        Paragraph("第三段說明會議之過程。" * 30, notes=("議程詳附錄。",))])
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    pages = extract(path.read_bytes(), str(path), ".pdf").pages
    # The note was drawn cut: its head on the first page, its tail on the second.
    assert any(line.note and line.text.startswith("2 ") for line in pages[0])
    body, notes = pdf_body_and_notes(path)
    assert notes == [squash("1 會議全名為世界海關組織年會。"), squash("2 " + long_note),
                     squash("3 議程詳附錄。")]
    report = read_report(path)
    got = [(p.kind, squash(p.text), [h.title for h in p.section]) for p in report.passages
           if p.section and p.section[0].level > 0]
    assert got == [
        ("paragraph", squash("第一段說明會議之背景與目的。" * 20) + "1", ["目的"]),
        ("footnote", squash("1 會議全名為世界海關組織年會。"), ["目的"]),
        ("paragraph", squash("第二段說明單一窗口之經驗。" * 24) + "2", ["目的"]),
        ("footnote", squash("2 " + long_note), ["目的"]),
        ("paragraph", squash("第三段說明會議之過程。" * 30) + "3", ["過程"]),
        ("footnote", squash("3 議程詳附錄。"), ["過程"])]


def test_a_paragraph_cut_by_a_page_with_footnotes_is_one_passage(tmp_path):
    long = "我國代表說明推動單一窗口之經驗，並就資料交換標準提出建議" * 12 + "。"
    doc = Document(pdf_notes=True, blocks=[
        Paragraph("第一段說明會議之背景與目的。" * 20, notes=("會議全名為世界海關組織年會。",)),
        Paragraph(long),
        Paragraph(long, notes=("資料交換標準係依 WCO 資料模型訂定。",
                               "單一窗口之定義見 UN/CEFACT 第 33 號建議書。"))])
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    body, notes = pdf_body_and_notes(path)
    assert body == [squash("第一段說明會議之背景與目的。" * 20) + "1", squash(long),
                    squash(long) + "23"]
    assert notes == [squash("1 會議全名為世界海關組織年會。"),
                     squash("2 資料交換標準係依 WCO 資料模型訂定。"),
                     squash("3 單一窗口之定義見 UN/CEFACT 第 33 號建議書。")]
    report = read_report(path)
    kinds = [(p.kind, squash(p.text)) for p in report.passages]
    assert ("paragraph", squash(long)) in kinds
    assert sum(1 for kind, _ in kinds if kind == "footnote") == 3


def test_headers_of_odd_and_even_pages_and_of_one_page_are_furniture(tmp_path):
    text = "會議討論貿易便捷化協定之執行進度與各會員之經驗分享。" * 8
    doc = Document(header="出國報告", even_header="世界海關組織年會",
                   blocks=[Paragraph(text) for _ in range(14)])
    path = tmp_path / "report.pdf"
    drawn = write_pdf(doc, path)
    pages = extract(path.read_bytes(), str(path), ".pdf").pages
    assert len(pages) == 3
    assert drawn.count("世界海關組織年會") == 1
    assert sorted(line.text for page in pages for line in page if line.furniture) == \
        sorted(drawn)
    assert [squash(line.text) for page in pages for line in page
            if line.text and not line.furniture] == [squash(text)] * 14


def test_a_pdf_without_a_cover_takes_its_title_and_author_from_its_properties(tmp_path):
    doc = Document(title="Microsoft Word - 參加世界海關組織資訊管理委員會出國報告.docx",
                   author="王小明", blocks=[
                       Heading(1, "壹、目的"),
                       Paragraph("本次會議討論資料模型與單一窗口之推動經驗。" * 6)])
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    report = read_report(path)
    assert report.title == "參加世界海關組織資訊管理委員會出國報告"
    assert report.authors == ["王小明"]
    assert any("參加世界海關組織資訊管理委員會出國報告" in p.text for p in report.passages)


def test_the_test_font_draws_every_character_the_fixtures_use(tmp_path):
    """PDF figures measure the reader, not the test's font: every character of
    the fixture reports comes back from a PDF in the embedded test font."""
    from .report_forms import FIXTURES, source_lines

    chars = sorted({c for path in FIXTURES.rglob("*.txt")
                    for c in "".join(source_lines(path))
                    if not c.isspace() and c.isprintable()})
    text = "".join(chars)
    doc = Document(blocks=[Paragraph(text[k:k + 30]) for k in range(0, len(text), 30)],
                   convention="gap")
    path = tmp_path / "chars.pdf"
    write_pdf(doc, path)
    body, _ = pdf_body_and_notes(path)
    assert "".join(body) == squash(text)


def test_page_furniture_typed_into_a_pdf_text_goes_and_the_cut_paragraph_joins(tmp_path):
    """A hard-wrapped text printed to PDF: its own page number, a footer pushed
    far right above it and its running header stand in mid-page; they go, and
    the sentence they cut is one paragraph again."""
    from .report_forms import LINE_CELLS, wrap
    from .report_forms import write_pdf as write_text_pdf

    def right(text):
        return "　" * (LINE_CELLS - len(text)) + text

    one = "　　我國代表說明推動單一窗口之經驗，並就資料交換標準提出建議，與會代表均表支持，" \
        "會議並討論 AEO 相互承認協議之進展與後續合作方向，各會員分享執行經驗。"
    two = "　　最後由主席總結本次會議之成果，並宣布下次會議之時間與地點，" \
        "各會員代表均表同意，會議於下午五時結束。"
    wrapped = wrap(one)
    lines = ["出國報告", "", *wrapped[:2], right("單一窗口研究報告"), right("- 2 -"),
             "\f研究報告", *wrapped[2:], *wrap(two), right("- 3 -"), "\f研究報告", *wrap(two)]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / "report.pdf"
    write_text_pdf(source, path, embedded=True)
    body, _ = pdf_body_and_notes(path)
    assert body == [squash(t) for t in ["出國報告", one, two, two]]


@LAYOUTS
@given(doc=documents(notes=False, cuts=False), lead=st.lists(sentences(260, 300), min_size=4,
                                                             max_size=4))
def test_a_two_column_pdf_is_read_column_by_column(doc, lead, tmp_path_factory):
    """Text set in two columns comes back as the one-column text would:
    paragraphs whole from the foot of a column to the head of the next."""
    # The first page's columns full enough to show its gutter (on a page whose
    # second column holds a line, nothing shows it).
    doc.blocks = [Paragraph(text) for text in lead] \
        + [block for block in doc.blocks if not isinstance(block, Table)]
    doc.columns = 2
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    furniture = write_pdf(doc, path)
    got, got_furniture = read_lines(path)
    assert got == squashed(expected_lines(doc, notes=False))
    assert sorted(got_furniture) == sorted(furniture)


def test_two_columns_of_prose_are_no_table_and_a_table_is_no_two_columns(tmp_path):
    text = "會議討論貿易便捷化協定之執行進度與各會員之經驗分享，並就 AEO 相互承認提出建議。" * 3
    doc = Document(columns=2, blocks=[Heading(1, "壹、會議概要")]
                   + [Paragraph(f"{text}第{k}段。") for k in range(12)])
    path = tmp_path / "two.pdf"
    write_pdf(doc, path)
    got, _ = read_lines(path)
    assert got == squashed(expected_lines(doc, notes=False))
    rows = tuple((f"項目{k}", "說明推動單一窗口之經驗與資料交換標準之進展。" * 2) for k in range(8))
    doc = Document(blocks=[Paragraph(text), Table(rows), Paragraph(text)])
    write_pdf(doc, path)
    got, _ = read_lines(path)
    assert got == squashed(expected_lines(doc, notes=False))


@pytest.mark.parametrize("bullet", ["\uf06c", "\uf0b7", "\uf0a7", "●", "■", "◆", "•", "▪"])
def test_a_bulleted_item_printed_by_word_is_one_paragraph_under_its_bullet(bullet, tmp_path):
    """A bullet printed as Word prints it, its own run (a symbol font's code or
    a symbol), a tab stop wide enough to read as a cell's gap before the item's
    text, the item's lines wrapped under its text, is one paragraph a bullet,
    no table row and no paragraph a line."""
    text = "說明推動單一窗口之經驗（電子化），並就資料交換標準提出建議，與會代表均表支持。" * 2
    doc = Document(convention="gap", blocks=[Paragraph(text * 2)] + [
        Bulleted(bullet, f"第{k}項{text}", left, hang)
        for k, (left, hang) in enumerate([(0.0, 30.0), (24.0, 21.0), (0.0, 18.0)])]
        + [Paragraph(text)])
    path = tmp_path / "bullets.pdf"
    write_pdf(doc, path)
    got, _ = read_lines(path)
    assert got == squashed(expected_lines(doc, notes=False))


@pytest.mark.parametrize("bullet", ["●", "■", "◆", "▪"])
def test_a_typed_bullet_s_item_hard_wrapped_under_it_is_one_passage_in_a_pdf(bullet, tmp_path):
    """A text's bulleted items hard-wrapped two columns in (under the text
    after the bullet, counted one column), printed to PDF in a font that
    draws the bullet one em wide: the lines after the first start under the
    space after the bullet, and each item is one passage as in the text; so
    is an item numbered at an indent whose lines go back to the margin."""
    from .report_forms import write_form

    lines = ["會議紀要報告", "", "壹、會議紀要", "",
             "　　本次會議討論貿易便捷化協定之執行進度與各會員之經驗分享，並就相互承認提出建議。",
             ""]
    for k in range(3):
        lines += [f"{bullet} 第{k}項：論壇由萬國郵政聯盟（Universal",
                  "  Postal Union, UPU）國際局副局長主持，",
                  "  邀請德國郵政DHL集團、澳洲郵政及PostNL",
                  "  之高階主管對談，主題為郵政轉型。", ""]
    lines += ["貳、建議", "", "　　一、新建物流園區宜採交叉帶式分揀機",
              "搭配六面掃描，並預留AMR擴充空間，以因", "應業務量之變動。", ""]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = [squash(p.text) for p in read_report(source).passages]
    assert text[-4:] == [squash(f"{bullet} 第{k}項：論壇由萬國郵政聯盟（Universal Postal Union, "
                                "UPU）國際局副局長主持，邀請德國郵政DHL集團、澳洲郵政及PostNL之高階"
                                "主管對談，主題為郵政轉型。") for k in range(3)] \
        + ["一、新建物流園區宜採交叉帶式分揀機搭配六面掃描，"
           "並預留AMR擴充空間，以因應業務量之變動。"]
    written = write_form(source, "pdf-embedded", tmp_path / "pdf")
    assert [squash(p.text) for p in read_report(written).passages] == text


@pytest.mark.parametrize("form", ["pdf", "pdf-embedded", "docx", "odt"])
def test_an_indented_hard_wrapped_text_published_gives_the_text_paragraphs(form, tmp_path):
    """Paragraphs marked only by a first-line indent, hard-wrapped, cut by a
    typed page number, footer and running header, read alike as text and in
    each published form (a PDF read with its geometry or, with its font not
    embedded, as lines)."""
    from .report_forms import LINE_CELLS, wrap, write_form

    def right(text):
        return "　" * (LINE_CELLS - len(text)) + text

    paragraphs = ["　　我國代表說明推動單一窗口之經驗（電子化），並就資料交換標準提出建議，"
                  "與會代表均表支持，會議並討論優質企業相互承認協議之進展與後續合作方向。",
                  "　　各會員分享執行經驗，秘書處說明能力建構計畫之辦理情形，並請會員於下次"
                  "會議前提出書面意見，以利彙整後提報委員會討論。",
                  "　　最後由主席總結本次會議之成果，並宣布下次會議之時間與地點，"
                  "各會員代表均表同意，會議於下午五時結束。"]
    lines = ["會議紀要報告", "", "壹、會議紀要"]  # the running header is the title
    for k, paragraph in enumerate(paragraphs * 3):
        wrapped = wrap(paragraph)
        if k in (1, 4, 7):  # a page ends inside this paragraph
            wrapped[1:1] = [right("會議研究報告"), right(str(k)), "\f會議紀要報告"]
        lines += wrapped
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = read_report(source)
    assert [squash(p.text) for p in text.passages][-9:] == [squash(p) for p in paragraphs * 3]
    written = write_form(source, form, tmp_path / form)
    assert [squash(p.text) for p in read_report(written).passages] == \
        [squash(p.text) for p in text.passages]


def test_a_table_carried_onto_a_page_under_a_small_header_is_no_two_columns(tmp_path):
    """The rest of a table carried onto a short page, its label column on the
    left and its cells on the right, under a running header and over a page
    number in a smaller type, is read row by row, not as two columns of text
    (found by the random layouts)."""
    P = partial(Paragraph, notes=(), endnotes=(), cut=None)  # noqa: N806
    blocks = [
        P('委政 OECD 表政貿究，討安報關動經代論，員作疫，的動，關，討動資'
          '海檢，合管資動 OECD 代 OECD 代 WTO 會會 OECD '
          '代 OECD 代 WTO 關計動經關資論計資資 OECD 代 OEC'
          'D 代 OECD 全資安海告際，合經濟標準安計展資表會代究表海表管 '
          'OECD 國 Single Window 經，告委代易料議政，料策發'
          '安展，經展議政展 OECD 論易畫關報研報，員貿準策計，檢員，海關 '
          'OECD 準，員關易政際研，合標疫全作討合論，討檢資策制的度發，討理'
          '。'),
        P('代表，準濟安國國究論表，準，海海安展檢代，經際，資資，計畫 OECD'
          ' 究海全易合代易度 OECD 理展，理展全經經經經經經經經經經經經經'
          '經經經經經經經經經。'),
        Table(rows=(
            (
                '報資0',
                '究展討合 OECD 際政貿會會標度動，海關，計資貿委論經檢。',
                '管議，委全安安關，疫委制。',
            ),
            (
                '料策發安展1',
                '的國貿經，策推作檢準濟，全政理委員經資討。',
                '檢準會，表易度制合委 OECD 表策經標，論發代發政代的議，'
                 '推制合管作經經。',
            ),
        )),
        P('告標表，易貿資，研標員。'),
        P('代代，論作論疫政論討員 OECD 會展資。'),
        Table(rows=(
            (
                '會0',
                '料員 OECD 的究國作安展的合。',
            ),
            (
                '告報的資1',
                '委標 OECD 策際會易表。',
            ),
            (
                '海表濟的2',
                '推告表國，委畫合員濟關究關，度展究，代政管際政政員動。',
            ),
        )),
        P('究料資經 OECD 告標濟料料際會推。'),
        P('推度，度經展海會制代告，究際展作理，全準展，管貿委計，關論表際準的度'
          '資。'),
        P('資標，經的際發易動員關，際制準的討議管管，報告，關委究海議標際畫海疫'
          '，度全代代關議度 OECD 標，策推推推推推推推推推推推推推推推推推'
          '推推推推推推。'),
        Table(rows=(
            (
                '易推易的0',
                '發理委，論報全告會發政合。',
            ),
            (
                '研1',
                '管議研度委代議海推易，度，究發作研。',
            ),
            (
                '海展易作推2',
                '究政會，代表討發濟制關疫理貿管。',
            ),
            (
                '合理發究國3',
                '度標推發資議動資際會表論計濟討代貿動全。',
            ),
        )),
        P('表的論發，研準政資檢貿。'),
    ]
    doc = Document(blocks=blocks, header="動準資發討安關論計告安究出國報告", footer="- {n} -",
                   convention="both", even_header="", pdf_notes=False, title="", columns=1,
                   author="")
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    assert read_lines(path)[0] == squashed(expected_lines(doc, notes=False))


@st.composite
def typed_pages(draw):
    """A hard-wrapped text whose paragraphs open with an indent, cut inside a
    sentence by typed page furniture: the page's footnotes under a rule, a
    running title pushed right beside its page number (`<title>　第 n 頁`),
    at random so far right that the title ends a PDF's line and the number
    wraps onto a line of its own at the margin, then a form feed;
    a numbered heading stands right after some cuts."""
    from .report_forms import LINE_CELLS

    title = draw(st.text(HAN, min_size=6, max_size=12)) + "出國報告"
    lines, expected, page, notes = ["會議紀要報告", "", "壹、會議紀要"], [], 2, 0
    for k in range(draw(st.integers(3, 5))):
        text = "\u3000\u3000" + draw(sentences(120, 300))
        paragraph = wrap_cells(text)
        if k and draw(st.booleans()):
            heading = f"{'一二三四五'[k]}、" + draw(st.text(HAN, min_size=2, max_size=8))
            lines.append(heading)
            expected.append(("heading", heading))
        cut = len(paragraph) > 2 and draw(st.booleans())
        if cut:
            at = draw(st.integers(1, len(paragraph) - 1))
            typed = []
            if draw(st.booleans()):
                notes += 1
                # One line that fits the PDF's too: a note the paper's page
                # break cuts in two is not read yet (its tail tops the next page).
                typed += ["─" * 12, f"註{notes}：" + draw(st.text(HAN, min_size=4, max_size=24))
                          + "。"]
            # Pushed right to end a line of the text (the page number
            # fits), or with the title alone ending the PDF's line.
            right = 2 * (LINE_CELLS - len(title))
            pad = draw(st.sampled_from([8, right - 12, right]))
            typed += [" " * pad + f"{title}\u3000第 {page} 頁", "\f會議紀要報告"]
            page += draw(st.integers(1, 3))
            paragraph[at:at] = typed
        lines.extend(paragraph)
        expected.append(("paragraph", text))
    return lines, expected


def wrap_cells(text):
    from .report_forms import wrap

    return wrap(text)


@LAYOUTS
@given(source=typed_pages(), form=st.just("pdf"))
def test_typed_page_furniture_of_a_printed_text_ends_its_page_s_notes(source, form,
                                                                       tmp_path_factory):
    """A hard-wrapped text with typed furniture (footnotes under a rule, a
    running title and page number pushed right, wrapped or not) printed to
    PDF reads as the text does: the notes end at the furniture, which goes;
    the cut paragraph is whole, the heading after it a heading."""
    from .report_forms import PAGE_LINES, write_form

    lines, _ = source
    # A PDF of one page numbers it once: its lone `- 1 -` counts up with nothing.
    assume(len(lines) > PAGE_LINES)
    # A running header shows only by repeating (tests/paragraph_layouts.py).
    assume(sum(line.startswith("\f") for line in lines) >= 2)
    folder = tmp_path_factory.mktemp("typed")
    path = folder / "report.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = read_report(path)
    got = read_report(write_form(path, form, folder / form))

    def body(report):  # a one-page PDF prints its running header over the cover's line
        return [(p.kind, squash(p.text), tuple(h.text for h in p.section))
                for p in report.passages if p.section and p.section[0].level > 0]

    assert body(got) == body(text)


def test_a_full_last_line_ending_in_note_marks_at_a_page_s_foot_ends_its_paragraph(tmp_path):
    """A paragraph whose last line fills the line and ends in note marks, set
    small past the margin, at the foot of a page: the marks are no part of the
    line's measure, so the line stops short of the margin as a last line does
    and the paragraph on the next page (after a gap, nothing else) is another
    (found by the random layouts: `。12` read as a full line went on)."""
    feet = 0
    for count in range(30):  # short paragraphs before it, moving it down the page
        doc = Document(convention="gap", pdf_notes=True)
        last = fill_last_line("我國代表說明推動單一窗口之經驗，並就資料交換標準提出建議" * 3
                              + "。", "的", doc)
        doc.blocks = [Paragraph("會議討論貿易便捷化協定之執行進度。" * 12)] + \
            [Paragraph(f"第{k}段說明。") for k in range(count)] + \
            [Paragraph(last, notes=("會議全名為世界海關組織年會。", "資料模型第三版。")),
             Paragraph("最後由主席總結本次會議之成果，並宣布下次會議之時間與地點。" * 3)]
        path = tmp_path / f"report{count}.pdf"
        write_pdf(doc, path)
        body, notes = expected_pdf_notes(doc)
        assert pdf_body_and_notes(path) == ([squash(t) for t in body], [squash(t) for t in notes])
        pages = extract(path.read_bytes(), str(path), ".pdf").pages
        feet += any(line.text.endswith("。12") for line in pages[0]
                    if not line.note and not line.furniture) and len(pages) == 2 \
            and not any(squash(line.text) == squash(last) + "12" for line in pages[1])
    assert feet >= 1


@pytest.mark.parametrize("form", ["pdf", "pdf-embedded"])
def test_a_box_drawn_border_wider_than_the_text_is_no_paragraph_s_line(form, tmp_path):
    """A box-drawn table's bottom border, drawn past the text's margin (box
    drawing is set an em a character), is no full line of a paragraph that
    the field under it goes on: the table ends there, the field is read, and
    the cover's title stops at the title lines (kinds' agriculture talks)."""
    from .report_forms import write_form

    lines = ["出國報告（出國類別：其他）", "", "第四屆臺越農業合作工作小組會議",
             "會談紀要暨出國報告", "", "出國人員：",
             "┌────────┬────────────────┬──────────┐",
             "│姓名    │服務機關        │職稱      │",
             "├────────┼────────────────┼──────────┤",
             "│黃建民  │農業部國際事務司│副司長    │",
             "└────────┴────────────────┴──────────┘",
             "前往地區：越南河內", "出國日期：113年10月21日至10月24日", "",
             "壹、會議經過", "",
             "　　雙方就農業合作交換意見，並簽署會議紀錄，會後參訪河內近郊之農業試驗場。" * 3]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = read_report(source)
    got = read_report(write_form(source, form, tmp_path / form))
    assert got.title == text.title == "第四屆臺越農業合作工作小組會議會談紀要暨出國報告"
    assert not any("└" in p.text and "前往地區" in p.text for p in got.passages)
    assert any("前往地區：越南河內" in p.text for p in got.passages)


@pytest.mark.parametrize("form", ["pdf", "pdf-embedded"])
def test_a_typed_footer_wrapped_by_the_pdf_ends_the_notes_above_it(form, tmp_path):
    """A text printed to PDF whose typed footer (`<title>　第 n 頁`, pushed
    right) is too wide for the PDF's line: the title ends the line, the page
    number wraps to the margin under it. Both are furniture, and the notes
    under a rule above them end there: the heading and paragraph after them
    are read as in the text (unseen2's training report lost a heading and its
    site unit)."""
    from .report_forms import LINE_CELLS, wrap, write_form

    title = "勞動部職業安全衛生署出國報告"
    one = "　　講師以事故調查五步驟說明調查方法：保全現場、蒐集事實、重建經過、分析原因及提出" \
        "對策，避免僅歸咎於勞工之不安全行為（註1）。"
    two = "　　巴斯夫路德維希港廠區占地十平方公里，設有廠區專屬之消防隊及職業醫學中心，" \
        "廠方介紹其零事故計畫，以虛驚事件通報為核心。"
    lines = ["會議紀要報告", "", "壹、課程內容"]
    for n in range(2, 4):
        lines += [*wrap(one), "─" * 12, "註1：德國自2020年起要求職業災害調查報告須載明組織因素。",
                  " " * (2 * (LINE_CELLS - len(title))) + f"{title}\u3000第 {n} 頁",
                  "\f會議紀要報告", f"{'貳參'[n - 2]}、參訪紀要", *wrap(two)]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = read_report(source)
    got = read_report(write_form(source, form, tmp_path / form))
    assert [e.heading.text for e in got.outline] == [e.heading.text for e in text.outline] == \
        ["壹、課程內容", "貳、參訪紀要", "參、參訪紀要"]
    assert [(p.kind, squash(p.text)) for p in got.passages if p.kind == "footnote"] == \
        [("footnote", squash("註1：德國自2020年起要求職業災害調查報告須載明組織因素。"))] * 2
    assert not any(title in p.text or "第 2 頁" in p.text for p in got.passages)


# Latin names a printed line cannot break: a line stops short of the measure
# where the next one has no room.
LONG_WORDS = ["Single Window", "Authorized Economic Operator", "Data Model", "WCO", "grid-forming",
              "Programme"]


@st.composite
def printed_reports(draw):
    """A hard-wrapped report as a text export prints it: lines filled to the
    page's measure (a Latin name kept whole leaves a line short by less than
    the word that did not fit; a closing mark that did not fit opens the next
    line), paragraphs opened by an indent, a table whose rows, too wide for
    the measure, the printer wrapped at the margin, and page cuts typed in
    mid-paragraph (a page number, counting up, then the report's title again,
    which stood before as a line of its own). Gives the lines and the paragraphs."""
    from .report_forms import LINE_CELLS, cells, wrap

    title = draw(st.text(HAN, min_size=6, max_size=12)) + "報告"
    lines = [draw(st.text(HAN, min_size=4, max_size=8)) + "出國報告", "", title, "壹、會議紀要"]
    style = draw(st.sampled_from(["- {n} -", "第 {n} 頁"]))
    page = draw(st.integers(2, 5))
    cuts = draw(st.integers(2, 3))  # a text's own pages: typed numbers count up
    paragraphs = []
    for k in range(draw(st.integers(3, 5))):
        pieces = []
        for _ in range(draw(st.integers(2, 5))):
            pieces.append(draw(sentences(10, 60))[:-1])
            if draw(st.booleans()):
                pieces.append(f"（{draw(st.sampled_from(LONG_WORDS))}）")
            pieces.append(draw(st.sampled_from(["，", "。", "）。", "」，"])))
        text = "\u3000\u3000" + "".join(pieces)
        text = text if text.endswith("。") else text.rstrip("，") + "。"
        if k == 1:
            # Rows too wide for the measure: the tail of the last cell wraps.
            rows = []
            for r in range(draw(st.integers(2, 3))):
                head = f"第{r + 1}項    " + draw(st.text(HAN, min_size=2, max_size=4)) + "    "
                room = LINE_CELLS - sum(cells(c) for c in head)
                tail = draw(st.text(HAN, min_size=int(room) + 1, max_size=int(room) + 5))
                rows.append(head + tail)
            lines += rows
            paragraphs += rows
        wrapped = wrap(text)
        if cuts and len(wrapped) > 2:
            at = draw(st.integers(1, len(wrapped) - 1))
            wrapped[at:at] = [style.format(n=page), title]
            page, cuts = page + 1, cuts - 1
        lines += wrapped
        paragraphs.append(text)
    assume(not cuts)
    return lines, paragraphs


@LAYOUTS
@given(source=printed_reports(), form=st.sampled_from(["pdf", "pdf-embedded"]))
def test_a_printed_hard_wrapped_text_gives_its_paragraphs_rows_and_no_furniture(
        source, form, tmp_path_factory):
    """A hard-wrapped text printed to PDF (font embedded, read by the page's
    geometry, or not, read as lines) reads as the text does: every line in one
    passage, each paragraph whole across the page cut typed into it and the
    short lines a Latin name or a closing mark left, each row of the table
    with its wrapped tail, and the typed page number and title in none."""
    from .report_forms import write_form

    lines, paragraphs = source
    folder = tmp_path_factory.mktemp("printed")
    path = folder / "report.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = [squash(p) for p in paragraphs]
    text = read_report(path)
    assert [squash(p.text) for p in text.passages][-len(expected):] == expected
    got = read_report(write_form(path, form, folder / form))
    assert [squash(p.text) for p in got.passages][-len(expected):] == expected


def test_a_running_title_typed_after_a_page_number_where_the_paper_s_page_breaks_too(tmp_path):
    """A draw of the property above (pdf-embedded): the page cut typed into
    the text (`- 7 -`, the running title) falls where the paper's page breaks
    too, the printer's footer and header between the typed number and the
    title: the title is the typed page's furniture still, not a line the
    paragraph before the cut goes on with."""
    from .report_forms import write_form

    lines = [
        '作計濟檢貿策策料出國報告',
        '',
        '管海議推標合論報的報告',
        '壹、會議紀要',
        '\u3000\u3000準貿，海安畫報發安的理員究政計畫告標檢，委員檢檢經會（Single',
        '- 5 -',
        '管海議推標合論報的報告',
        'Window），研度告 OECD 國國員會合料管代際究安討國貿發研研代的計制報推',
        '安策合料，度論發委員會動標管推議，展 OECD 委議政表研的策畫檢告告策準',
        '員報推標理管代料安動研動資政的會報委 OECD 國管展易準討（Single',
        'Window），代代代檢經討標易理動策，告際管策發 OECD 代動動員際關 OECD',
        '代。',
        '第1項    管政全國    疫安展政的制究告發推度究料料員論畫標安關表會準論討',
        '第2項    代代    代代代代代代代代代代代代代代代代代代代代代代代代代代',
        '第3項    經策    海代理計度推推準關的國畫經經疫表會計理貿制討準委動研',
        '\u3000\u3000代代 OECD 代 OECD 代，代代代代代 OECD 代代標經討 OECD 經推際經研',
        '畫。',
        '\u3000\u3000論推委制理展論海討展代計 OECD 代，代代論檢關的委理易 OECD 國關關',
        '- 6 -',
        '管海議推標合論報的報告',
        '報合際策制，理政，代論議資安研動度（Single Window），代作報理，料關',
        '，國度論員疫代的作推國標濟議動論研全 OECD 代，代代 OECD 代 OECD 代代',
        '。',
        '\u3000\u3000的計的，貿濟檢委 OECD 的關推畫討貿 OECD 代，代代，展作料易議政制',
        '- 7 -',
        '管海議推標合論報的報告',
        '策代貿政究代代，代 OECD 制策關經易員員計告的展濟資畫海究展政制作員畫',
        '。',
    ]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = read_report(write_form(source, "pdf-embedded", tmp_path / "pdf-embedded"))
    last = "".join(squash(line) for line in lines[-5:] if not line.startswith(("- ", "管海")))
    assert [squash(p.text) for p in got.passages][-1] == last
    assert not any("管海議推標合論報的報告" in p.text for p in got.passages[1:])


def test_a_printed_paragraph_cut_after_a_sentence_s_end_goes_on_where_the_next_line_opens_flush(
        tmp_path):
    """A draw of the property above (pdf-embedded): a paragraph whose line
    ends a sentence at the right edge, then the page cut typed into the text
    (`- 3 -`, the running title), then a line opening flush, in a text whose
    paragraphs open indented: the flush line goes on the paragraph (it read
    as a paragraph of its own)."""
    from .report_forms import write_form

    lines = [
        '代代代代出國報告',
        '',
        '代代代代代代報告',
        '壹、會議紀要',
        '\u3000\u3000代代 OECD 代 OECD 代 APEC 國推貿，代代 OECD 員濟 WTO 推易 APEC',
        '- 2 -',
        '代代代代代代報告',
        '疫標，代代 OECD 代 OECD 代 OECD 的疫準策料的制討，政的，準論料 APEC',
        '安制員作管研 APEC 發報發展全表度，全理制關推制關資，員疫研全檢研策會',
        '。',
        '第1項    代代    代代代代代代代代代代代代代代代代代代代代代代代代代代',
        '第2項    代代    代代代代代代代代代代代代代代代代代代代代代代代代代代',
        '\u3000\u3000計合展議易，料關策計制標會際管準論議濟發政準經海研全海表究關）。',
        '- 3 -',
        '代代代代代代報告',
        '代代 OECD 代，展際作全論度員檢告，委議全料全政委標（Single Window）',
        '。',
        '\u3000\u3000論標際展 OECD 理的告資會貿料資，代代 OECD 代 OECD 代 OECD 代。',
        '\u3000\u3000代代 OECD 代 OECD 代，代代 OECD 代 OECD 代。',
    ]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = read_report(write_form(source, "pdf-embedded", tmp_path / "pdf-embedded"))
    assert [squash(p.text) for p in got.passages][-3:] == [
        squash(lines[12] + lines[15] + lines[16]), squash(lines[17]), squash(lines[18])]


def test_a_printed_text_cut_after_sentences_ends_in_turn_goes_on_at_each_flush_line(tmp_path):
    """A draw of the property above (pdf-embedded): typed page cuts in mid-
    sentence and after a sentence's end, each followed by a line opening
    flush, in a text whose paragraphs open indented: the flush lines after
    the furniture are no paragraphs' openings, so the text still reads as
    indented and the cut after the sentence's end joins too."""
    from .report_forms import write_form

    lines = [
        '代代代代出國報告',
        '',
        '代代代代代代報告',
        '壹、會議紀要',
        '\u3000\u3000代代 OECD 濟國 OECD 全報料貿，代代 OECD 代 OECD 代 AI 畫究海究告',
        '- 2 -',
        '代代代代代代報告',
        '貿料作，代代 OECD 代 OECD 代 OECD 合濟的，代代 OECD 代 OECD 的策',
        'OECD 表管議作員貿策代。',
        '第1項    代代    代代代代代代代代代代代代代代代代代代代代代代代代代代',
        '第2項    代代    代代代代代代代代代代代代代代代代代代代代代代代代代代',
        '\u3000\u3000代代代 OECD 代 Data 研代討管海關 Single Window 代，代代 OECD 代',
        '- 3 -',
        '代代代代代代報告',
        'OECD 代，代代 OECD 代 OECD 代，代代 OECD 代 OECD 代，代代 OECD 代',
        'OECD 代 OECD 代。',
        '\u3000\u3000代代代代，代代代代代代代代代代代代代代代代代（grid-forming））。',
        '- 4 -',
        '代代代代代代報告',
        '代代，代，代 OECD 代代代代代代代代）。代代代 OECD 代 OECD 代代代代代',
        '代代。',
    ]
    paragraphs = [
        '\u3000\u3000代代 OECD 濟國 OECD 全報料貿，代代 OECD 代 OECD 代 '
        'AI 畫究海究告貿料作，代代 OECD 代 OECD 代 OECD 合濟的，代代'
        ' OECD 代 OECD 的策 OECD 表管議作員貿策代。',
        '第1項    代代    代代代代代代代代代代代代代代代代代代代代代代代代代代',
        '第2項    代代    代代代代代代代代代代代代代代代代代代代代代代代代代代',
        '\u3000\u3000代代代 OECD 代 Data 研代討管海關 Single Window 代'
        '，代代 OECD 代 OECD 代，代代 OECD 代 OECD 代，代代 OE'
        'CD 代 OECD 代，代代 OECD 代 OECD 代 OECD 代。',
        '\u3000\u3000代代代代，代代代代代代代代代代代代代代代代代（grid-forming））。'
        '代代，代，代 OECD 代代代代代代代代）。代代代 OECD 代 OECD 代代'
        '代代代代代。',
    ]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = read_report(write_form(source, "pdf-embedded", tmp_path / "pdf-embedded"))
    assert [squash(p.text) for p in got.passages][-len(paragraphs):] == \
        [squash(p) for p in paragraphs]


def test_a_row_wrapped_in_a_short_printed_text_takes_its_tail(tmp_path):
    """A draw of the property above (pdf-embedded): two table rows, each one
    character too wide for the line, in a text of a few lines of which only
    two run to the right edge: each row's one-character tail goes back on it."""
    from .report_forms import write_form

    lines = [
        '代代代代出國報告',
        '',
        '代代代代代代報告',
        '壹、會議紀要',
        '\u3000\u3000代代，代代國策安管作海員理政 OECD 際準疫論制究檢政，代代 OECD 代',
        'OECD 代，代代 OECD 代 OECD 代」，代代 OECD 代 OECD 代 APEC 代 APEC',
        '- 2 -',
        '代代代代代代報告',
        '代。',
        '第1項    代代    代代代代代代代代代代代代代代代代代代代代代代代代代代',
        '第2項    代代    代代代代代代代代代代代代代代代代代代代代代代代代代代',
        '\u3000\u3000代代 OECD 代 OECD 代，報告 AI 資作經 OECD 會制檢策 OECD 代，代代',
        '- 3 -',
        '代代代代代代報告',
        'OECD 代 OECD 代 OECD 代政策際 APEC 表度報的關經報（Single Window）',
        '。',
        '\u3000\u3000代代，代 OECD 代，代代 OECD 代 OECD 代。',
    ]
    rows = [line for line in lines if line.startswith("第")]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = read_report(write_form(source, "pdf-embedded", tmp_path / "pdf-embedded"))
    assert [squash(p.text) for p in got.passages if squash(p.text).startswith("第")] == \
        [squash(row) for row in rows]


@pytest.mark.parametrize("form", ["pdf", "pdf-embedded"])
def test_a_line_after_a_typed_page_cut_that_opens_with_a_comma_goes_on_the_quote_before(
        form, tmp_path):
    """A page cut typed in after a line that ends with a closing quote, the
    comma after it on the next page: no paragraph opens with a comma, so the
    line goes on the paragraph before the cut, as in the text (the page's
    geometry read each part as its own)."""
    from .report_forms import write_form

    title = "出席國際會議暨雙邊會談報告"
    first = "\u3000\u3000第{}段討論貿易便捷化協定事項，秘書處說「單一窗口計畫推動之經驗」"
    rest = "，各會員代表分享推動資料交換標準之進展與後續合作方向。"
    lines = ["某某部出國報告", "", title, "壹、會議紀要"]
    for k, number in enumerate("一二三"):
        lines += [first.format(number), *([f"- {k + 2} -", title] if k < 2 else []), rest]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    want = [squash(first.format(number) + rest) for number in "一二三"]
    assert [squash(p.text) for p in read_report(source).passages][-3:] == want
    got = read_report(write_form(source, form, tmp_path / form))
    assert [squash(p.text) for p in got.passages][-3:] == want


@pytest.mark.parametrize("form", ["pdf", "pdf-embedded"])
def test_a_page_cut_typed_once_with_the_title_goes_and_its_paragraph_is_whole(form, tmp_path):
    """One page cut typed into a printed text (its page number, beside the
    PDF's own, and the report's title again, which stood before as a line of
    its own over the first part): both go, and the paragraph they cut reads
    whole, as in the text."""
    from .report_forms import wrap, write_form

    title = "出席國際會議暨雙邊會談報告"
    paragraphs = [f"\u3000\u3000第{k}段會議討論貿易便捷化協定之執行進度，各會員代表分享"
                  "推動單一窗口之經驗與資料交換標準之進展，秘書處並說明能力建構計畫之辦理情形"
                  "與後續合作方向。" for k in range(14)]
    lines = ["某某部出國報告", "", title, "壹、會議紀要"]
    for k, paragraph in enumerate(paragraphs):
        wrapped = wrap(paragraph)
        if k == 9:  # on the PDF's second page, as the page it numbers
            wrapped[2:2] = ["- 2 -", title]
        lines += wrapped
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = [squash(p.text) for p in read_report(source).passages]
    assert text[-len(paragraphs):] == [squash(p) for p in paragraphs]
    got = [squash(p.text) for p in read_report(write_form(source, form, tmp_path / form)).passages]
    assert got[-len(paragraphs):] == [squash(p) for p in paragraphs]


@pytest.mark.parametrize("form", ["txt", "docx", "odt"])
def test_a_heading_the_contents_listed_after_a_typed_page_number_stays_a_heading(form, tmp_path):
    """A numbered heading that follows a typed page number and stood earlier
    as a line of its own (in the contents page's list of annexes) is the
    body's heading, not a running title typed once (as long as one: ten
    characters or more)."""
    from .report_forms import write_form

    footer = "某某委員會出國報告" + "\u3000" * 19 + "第{}頁"
    body = "本次實習參加課堂訓練並隨同視察員執行日常視察，蒐集視察員訓練及資格認證之作法。"
    annexes = ["附件A\u3000實習行程表 Attachment Schedule", "附件B\u3000實習證明 Certificate"]
    lines = ["某某委員會出國報告", "", "赴美國實習視察作業報告", "", "目\u3000錄",
             "一、\t前言\t1", "二、\t心得\t2", "", "附件清單", *annexes, "",
             footer.format(1), "一、前言", body, footer.format(2), "二、心得", body,
             footer.format(3), annexes[0], "實習行程共十三週，詳如下列說明。",
             annexes[1], "實習證明一份。"]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = source if form == "txt" else write_form(source, form, tmp_path / form)
    report = read_report(path)
    assert [squash(a.title) for a in report.annexes] == [
        "實習行程表AttachmentSchedule", "實習證明Certificate"]
    assert [squash(e.heading.text) for e in report.outline] == [
        "一、前言", "二、心得", *map(squash, annexes)]


def test_a_bullet_after_a_one_line_indented_paragraph_opens_its_own_item(tmp_path):
    """A paragraph of one full line, indented and ending a sentence, then a
    bulleted item set at the margin: the bullet opens an item, though the
    line goes back from the paragraph's first-line indent (a derandomized
    draw of the property above joined the item to the paragraph)."""
    doc = Document(convention="indent")
    first = fill_last_line("代代WTO" + "代" * 20 + "。", "代", doc)
    doc.blocks += [Paragraph("代代OECD代代代代代代代代。"), Paragraph(first),
                   Bulleted("●", "代代OECD代OECD代OECD代代代代代代代代。")]
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    got, _ = read_lines(path)
    assert got == squashed(expected_lines(doc, notes=False))
    assert [text for text, _, _ in got][-2:] == [squash(first), squash(
        "●代代OECD代OECD代OECD代代代代代代代代。")]


def test_a_paragraph_at_the_first_line_indent_after_an_item_s_sentence_is_its_own(tmp_path):
    """Paragraphs that open indented, then a bulleted item at the margin whose
    text hangs at the paragraphs' first-line indent and ends a sentence: the
    next line, at that indent, opens a paragraph, though the item's text
    hangs there too (a derandomized draw of the bulleted-page property, in the
    full suite's run, joined the paragraph to the item)."""
    item = "代代 OECD 代 OECD 代 OECD 代 OECD 代 OECD 代代，代代代 OECD 代代代代。"
    doc = Document(header="代代代代出國報告", convention="indent", blocks=[
        Paragraph("代代" + " OECD 代" * 29 + "。"), Heading(1, "代代", False),
        Paragraph("代代，代。"), Bulleted("●", item, 0.0, 18.0), Paragraph("代代 OECD 代。")])
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    got, _ = read_lines(path)
    assert got == squashed(expected_lines(doc, notes=False))
    assert [text for text, _, _ in got][-2:] == [squash("●" + item), squash("代代 OECD 代。")]


def test_items_hanging_text_is_no_first_line_indent_of_paragraphs_set_apart_by_gaps(tmp_path):
    """Paragraphs set apart by gaps, bulleted items whose text hangs under
    the bullet's, and a paragraph whose last line, full and ending a
    sentence, ends the page: the next page opens the next paragraph. The
    items' lines going back to the margin at the next bullet are no
    first-line indent of the text's paragraphs (a derandomized draw of the
    bulleted-page property read them as one, and joined the paragraphs over
    the page break as an indented text's)."""
    def item(text):
        return Bulleted("●", text, 0.0, 18.0)

    last = "推全計經論推 OECD 代代代代代代代代代代代代代代代代代代代代代代代代代代代。"
    after = "會員的合制制政易全議，政，作海管經作告貿動究討討討討討討討討討討討討討討。"
    doc = Document(header="研議全制報報疫檢討準際安出國報告", convention="gap", blocks=[
        Paragraph("關國 OECD 代 OECD 代 OECD 代 OECD 畫制標際 OECD 代 OECD 代 OECD 代 OECD 議 "
                  "OECD 代 OECD 代 OECD 展發易 OECD 代 OECD 代 OECD 議動討易的理國度，易推策員"
                  "推疫關貿，告 OECD 代 OECD 代 OECD 會推合海標展管論 OECD 度標會推作標，關代"
                  "報會度制經易易推 OECD 代 OECD 代，報，代海經究發，展推關檢全海論貿，全標論"
                  "計究畫計貿，政標發的討表作作安海制理作代的，海疫表資推檢全關，委討合制 AI "
                  "全報，會國。"),
        Paragraph("貿發，安經，全究全代策海資議，發準國，作計策關，準研海計委畫易國，究檢際策"
                  "員 OECD 政告的論準究討安，安度資合究會經議，議會 OECD 代。"),
        Heading(1, "代代", False), Heading(1, "會度論全理策報告", False),
        Paragraph("研究，告，表理表表表疫檢告，資，關，關的動報管合，討動資疫易，貿貿經論貿制"
                  "準貿 OECD 管易員員員員員員員員員員員員員員員員員員員員員員員員員員員員員。"),
        Paragraph("際究，動貿全發，討制檢，發發作濟，度際委策推會，海，委，計推研研研研研研。"),
        Heading(3, "資易安究際理檢疫檢計畫合論檢", False),
        Paragraph("準制疫 OECD 會代展制，作檢濟標，安全資準，準表度發，管表貿國度理展，研的 "
                  "OECD 安代動發濟策，資政表貿討海政代，政策理報研作推表，畫易資，畫，貿議表研，"
                  "合，料，海經標畫畫政發委，推制關員全檢動海。"),
        Heading(3, "國海代", False),
        Table((("制料畫0", "推合委海，際報安政究，動，委全員合議國論全。"),)),
        Paragraph("計貿疫，論經委員經政畫貿 OECD 代。"),
        item("代代 OECD 代 OECD 代 OECD 代 OECD 會員，安海制檢告關標作 OECD 資的，計畫，表表度"
             "，際委濟政動，計畫，究的國理管，疫濟告海，告，檢動度理論發研討。"),
        item("究計疫檢 Single Window 海，海關 OECD 計員，告推動貿資，展策議論易全 OECD 會員，"
             "濟，國，論委會會國的計。"),
        item("標貿畫 OECD 代 OECD 代 OECD 代 OECD 全料 OECD 代。"),
        Paragraph(last), Paragraph(after)])
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    got, _ = read_lines(path)
    assert got == squashed(expected_lines(doc, notes=False))
    assert [text for text, _, _ in got][-2:] == [squash(last), squash(after)]


def test_a_one_line_paragraph_a_point_short_of_a_justified_margin_ends_its_page_s_text(tmp_path):
    """Justified paragraphs set apart by gaps (every line but a paragraph's
    last stretched to the margin exactly), and a paragraph of one line that
    ends a sentence a point short of the margin, the last of its page: the
    next page opens the next paragraph. A line short of the margin by more
    than the stretched lines stray was not stretched, however little (a
    derandomized draw of the bulleted-page property joined the paragraphs
    over the page break)."""
    last = "準國計研，代表代度易關經告關表 WTO 動疫全料討動推 OECD 關理國料標安政合濟。"
    doc = Document(header="代代代代出國報告", convention="gap", blocks=[
        Paragraph("代代 OECD 代 OECD 代 OECD 代 OECD 代 OECD 代 OECD 代 OECD 代 OECD 議 OECD 代 "
                  "OECD 代 OECD 展發易 OECD 代 OECD 代 OECD 議動討易的理國度，易推策員推疫關貿，告"
                  " OECD 代 OECD 代 OECD 會推合海標展管論 OECD 度標會推作標，關代報會度制經易易推"
                  " OECD 代 OECD 代，報，代海經究發，展推關檢全海論貿，全標論計究畫計貿，政標發的"
                  "討表作作安海制理作代的，海疫表資推檢全關，委討合制 AI 全報，會國。"),
        Paragraph("貿發，安經，全究全代策海資議，發準國，作計策關，準研海計委畫易國，究檢際策員 "
                  "OECD 政告的論準究討安，安度資合究會經議，議會 OECD 代。"),
        Heading(1, "代代", False),
        Heading(1, "會度論全理策報告", False),
        Paragraph("研究，告，表理表表表疫檢告，資，關，關的動報管合，討動資疫易，貿貿經論貿制準貿"
                  "，研究，委，代計政，會，計員代，經合合合合合合合合合合合合合合合合合。"),
        Heading(1, "全表易政制疫理", False),
        Table((("代表0", "料資制，研動檢 OECD 疫發，貿資 OECD 論料，貿準討討管貿。",
                "委討畫，料畫，代國的委論貿制 OECD 代。", "代代 OECD 代。"),)),
        Paragraph("代代 OECD 動作濟 OECD 委員研究安政。"),
        Paragraph("論全 OECD 合料畫貿作報疫的，策究經論疫研標究 OECD 資海表標，計，會推度，議委全"
                  "表準議政合，討國推安易準會海。"),
        Table((("表作國議議0", "策管。"),
               ("畫關制研易1", "關推，的理，易表動 OECD 討濟合海究告管，料，易報討海。"),
               ("議展標2", "會策告 OECD 檢海易料理代表檢，制全發畫的，究制疫推安。"))),
        Paragraph("代料濟制，計畫，貿安檢，報論料料疫政告準。"),
        Paragraph(last), Paragraph("檢合濟資。"),
        Heading(1, "代代", False), Heading(1, "代代", False)])
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    got, _ = read_lines(path)
    assert got == squashed(expected_lines(doc, notes=False))
    assert [text for text, _, _ in got][-4:-2] == [squash(last), squash("檢合濟資。")]


def test_a_table_of_short_first_cells_on_a_page_of_few_lines_is_no_two_columns(tmp_path):
    """A last page of a few paragraphs and a table of two columns whose first
    cells are short: the band between those cells and the second column's is
    far wider than a gutter, so the page is no two columns and each row keeps
    its cells (a derandomized draw of the bulleted-page property read the
    first cells as one column and the second cells as another)."""
    rows = (("計論易展畫0", "員研表檢經議作表。"), ("檢理1", "易海 APEC 檢畫料料檢度際。"),
            ("議動會會究2", "代準策疫疫告究關委動 Data 動論關推討安。"),
            ("度濟貿政制3", "代海的理度議議策貿策報疫制論。"))
    doc = Document(header="研議全制報報疫檢討準際安出國報告", convention="gap", blocks=[
        Paragraph("關國 OECD 代 OECD 代 OECD 代 OECD 畫制標際 OECD 代 OECD 代 OECD 代 OECD 議 "
                  "OECD 代 OECD 代 OECD 展發易 OECD 代 OECD 代 OECD 議動討易的理國度，易推策員推疫"
                  "關貿，告 OECD 代 OECD 代 OECD 會推合海標展管論 OECD 度標會推作標，關代報會度制經"
                  "易易推 OECD 代 OECD 代，報，代海經究發，展推關檢全海論貿，全標論計究畫計貿，政"
                  "標發的討表作作安海制理作代的，海疫表資推檢全關，委討合制 AI 全報，會國。"),
        Paragraph("貿發，安經，全究全代策海資議，發準國，作計策關，準研海計委畫易國，究檢際策員 "
                  "OECD 政告的論準究討安，安度資合究會經議，議會 OECD 代。"),
        Heading(1, "代代", False),
        Heading(1, "會度論全理策報告", False),
        Paragraph("研究，告，表理表表表疫檢告，資，關，關的動報管合，討動資疫易，貿貿經論貿制準貿"
                  "，研究，委，代計政，會，計員代，經合合合合合合合合合合合合合合合合合。"),
        Heading(1, "全表易政制疫理", False),
        Table((("代表0", "料資制，研動檢 OECD 疫發，貿資 OECD 論料，貿準討討管貿。",
                "委討畫，料畫，代國的委論貿制 OECD 代。", "代代 OECD 代。"),)),
        Paragraph("代代 OECD 動作濟，疫檢準研的討動料。"),
        Bulleted("●", "告報制，究易委會 OECD 報告國動，會濟畫員經研海推，議動全論準經資 OECD 代，"
                      "發濟會代政，作料，論，制畫。", 0.0, 18.0),
        Bulleted("\uf06e", "濟表濟資，計度議標管告作理，表檢疫發安濟，的疫經推經展畫發 OECD 員論動"
                           "標。", 0.0, 12.0),
        Bulleted("●", "討論度 OECD 推標檢 OECD 代 OECD 代 OECD 資準討討政的表委，制，資代經際資際"
                      "會合，料準貿。", 0.0, 18.0),
        Bulleted("\uf076", "濟資 OECD 代 OECD 代 OECD 的討檢究政合發合，論度制檢國，計管經疫濟濟，"
                           "料理海資合會際合，際委度資，政員 OECD 標。", 0.0, 12.0),
        Paragraph("發究全的，告貿論代代關員料。"),
        Paragraph("經計研告論報 AEO 作料表會推度合安表度貿畫的議制貿代際料員管計濟作政 AI 海檢準"
                  "制代標料議疫作易研疫的易疫管研策管檢資全標，報。"),
        Paragraph("報畫政經關究全展動論料告論貿料制貿檢策報關的國海計究討畫全，資畫濟標國告究議 "
                  "AI 資員。"),
        Paragraph("議制理推委標合動全畫制度。"),
        Table(rows),
        Paragraph("疫發 AI 究資關發準發理。")])
    path = tmp_path / "report.pdf"
    write_pdf(doc, path)
    got, _ = read_lines(path)
    assert got == squashed(expected_lines(doc, notes=False))
    assert [text for text, _, _ in got][-5:-1] == [squash("".join(row)) for row in rows]



@pytest.mark.parametrize("form", ["pdf-embedded"])
def test_contents_entries_ending_in_leaders_and_pages_are_lines_of_their_own(form, tmp_path):
    """A contents page printed from a text file (unseen10's parcel-expo
    report): entries of a leader and a page number, some indented a
    character under a numbered one, in a text whose paragraphs open two
    characters in and whose bullets' text hangs one in. Each entry is a line
    of its own (with the bullets' hanging text no longer taken for the
    paragraphs' indent, the indented entries were joined to the ones above)."""
    from pathlib import Path

    from .report_forms import write_form

    source = Path(__file__).parent / "fixtures" / "unseen10" / \
        "2025-chpost-parcel-expo-postnl-visit.txt"
    path = write_form(source, form, tmp_path)
    entries = [line.strip() for line in source.read_text(encoding="utf-8").splitlines()
               if re.search(r"-{2,} \d$", line)]
    assert len(entries) == 11
    extracted = extract(path.read_bytes(), str(path), path.suffix)
    lines = [line.text for page in extracted.pages for line in page if line.text]
    assert [squash(e) for e in entries] == [squash(t) for t in lines if squash(t) in
                                            {squash(e) for e in entries}]
