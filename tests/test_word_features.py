"""What Word and LibreOffice put in a document beside plain paragraphs, read as
it is printed: generated list and heading labels, content controls, text
boxes, fields, tracked changes, tables with merged and nested cells, notes,
headers and footers, frames and indexes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.corpus.formats import extract
from rsearch.corpus.formats.list_labels import format_count
from rsearch.corpus.headings import match_heading
from rsearch.corpus.parser import parse_report

from .front_layouts import zh_count
from .word_packages import (
    docx_package,
    odt_level,
    odt_package,
    w_level,
    w_numbering,
    w_p,
    w_style,
)


def lines_of(data: bytes, suffix: str):
    extracted = extract(data, f"report{suffix}", suffix)
    return [(line.text, line.heading, line.note) for page in extracted.pages
            for line in page if line.text and not line.furniture]


def texts(data: bytes, suffix: str):
    return [text for text, _, _ in lines_of(data, suffix)]


# Headings numbered by Word's multilevel list, linked to the Heading styles.
HEADING_STYLES = "".join(
    w_style(f"Heading{k}", f"heading {k}", f'<w:numPr><w:numId w:val="1"/></w:numPr>'
            f'<w:outlineLvl w:val="{k - 1}"/>') for k in (1, 2, 3))
HEADING_LIST = w_numbering(
    {1: [w_level(0, "taiwaneseCountingThousand", "%1、", style="Heading1", suffix="nothing"),
         w_level(1, "taiwaneseCountingThousand", "（%2）", style="Heading2", suffix="nothing"),
         w_level(2, "decimal", "%3.", style="Heading3")],
     2: [w_level(0, "decimal", "%1.")]},
    {1: (1, ""), 2: (2, ""),
     3: (2, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')})


def test_word_generated_heading_labels_reach_the_text_as_typed():
    body = "".join([
        w_p("目的", "Heading1"), w_p("本團出席會議。"),
        w_p("過程", "Heading1"), w_p("大會", "Heading2"), w_p("開幕", "Heading3"),
        w_p("閉幕", "Heading3"), w_p("分組會議", "Heading2"), w_p("議程", "Heading3"),
        w_p("議程內容。"),
        w_p("甲項", num=("2", 0)), w_p("乙項", num=("2", 0)),
        w_p("重新編號", num=("3", 0)), w_p("不編號", "Heading1", inner="")
        .replace("<w:pStyle w:val=\"Heading1\"/>",
                 '<w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr>'),
        w_p("心得", "Heading1")])
    got = lines_of(docx_package(body, HEADING_LIST, HEADING_STYLES), ".docx")
    assert got == [("一、目的", 1, False), ("本團出席會議。", None, False),
                   ("二、過程", 1, False), ("（一）大會", 2, False), ("1. 開幕", 3, False),
                   ("2. 閉幕", 3, False), ("（二）分組會議", 2, False), ("1. 議程", 3, False),
                   ("議程內容。", None, False),
                   ("1. 甲項", None, False), ("2. 乙項", None, False),
                   ("1. 重新編號", None, False), ("不編號", 1, False), ("三、心得", 1, False)]
    report = parse_report(extract(docx_package(body, HEADING_LIST, HEADING_STYLES),
                                  "r.docx", ".docx"), "r")
    paths = {p.text: [h.text for h in p.section] for p in report.passages}
    assert paths["本團出席會議。"] == ["一、目的"]
    assert paths["議程內容。"] == ["二、過程", "(二)分組會議", "1.議程"]


WORD_FORMATS = ["decimal", "decimalFullWidth", "upperRoman", "lowerLetter",
                "taiwaneseCountingThousand", "taiwaneseCounting", "ideographLegalTraditional"]


@settings(max_examples=30, deadline=None)
@given(fmt=st.sampled_from(WORD_FORMATS), start=st.integers(1, 30), count=st.integers(1, 12),
       template=st.sampled_from(["%1、", "（%1）", "%1.", "第%1章"]))
def test_a_word_list_counts_in_its_format_from_its_start(fmt, start, count, template):
    numbering = w_numbering({1: [w_level(0, fmt, template, start=start)]}, {1: (1, "")})
    body = "".join(w_p(f"項目{k}", num=("1", 0)) for k in range(count))
    got = texts(docx_package(body, numbering), ".docx")
    for k, text in enumerate(got):
        label = template.replace("%1", format_count(start + k, fmt))
        assert text.startswith(label) and text.endswith(f"項目{k}")
        if fmt in ("taiwaneseCounting", "taiwaneseCountingThousand") and start + k < 100:
            assert format_count(start + k, fmt) == zh_count(start + k)
        if template in ("%1、", "（%1）") and fmt.startswith("taiwanese"):
            assert match_heading(text)[1].strip("()（）、") == format_count(start + k, fmt)


def test_counting_numerals_as_word_writes_them():
    assert [format_count(n, "taiwaneseCountingThousand") for n in (1, 10, 11, 20, 99, 100, 101,
                                                                  110, 1005)] == \
        ["一", "十", "十一", "二十", "九十九", "一百", "一百〇一", "一百一十", "一千〇五"]
    assert [format_count(n, "ideographLegalTraditional") for n in (1, 3, 10, 12)] == \
        ["壹", "參", "壹拾", "壹拾貳"]
    assert [format_count(n, "ideographTraditional") for n in (1, 2, 10, 11)] == \
        ["甲", "乙", "癸", "甲"]
    assert [format_count(n, f) for n, f in ((4, "upperRoman"), (9, "lowerRoman"),
                                            (27, "lowerLetter"), (12, "decimalFullWidth"))] == \
        ["IV", "ix", "aa", "１２"]
    assert format_count(1, "bullet") is None


BOX = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
       '<wp:positionV relativeFrom="page"><wp:posOffset>{offset}</wp:posOffset></wp:positionV>'
       '<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent>'
       '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
       '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent>'
       '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def test_a_cover_in_text_boxes_and_content_controls_is_read_once_top_to_bottom():
    boxes = BOX.format(offset=5000000, inner=w_p("服務機關：經濟部國際貿易署")) + \
        BOX.format(offset=1000000, inner=w_p("出國報告（出國類別：開會）")
                   + w_p("出席世界貿易組織會議報告"))
    cover = f'<w:sdt><w:sdtPr/><w:sdtContent>{w_p(inner=boxes)}</w:sdtContent></w:sdt>'
    assert texts(docx_package(cover + w_p("壹、目的")), ".docx") == [
        "出國報告（出國類別：開會）", "出席世界貿易組織會議報告", "服務機關：經濟部國際貿易署",
        "壹、目的"]


def field(instruction: str, result: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> {instruction} '
            f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


PAGEREF_SWITCH = "\\h"
TOC_FIELD = 'TOC \\o "1-3" \\h \\z \\u'


def test_a_generated_contents_page_in_a_content_control_gives_its_entries_not_its_codes():
    entries = [("壹、目的", "1"), ("貳、過程", "2")]
    toc = "".join(
        f'<w:p><w:hyperlink w:anchor="_Toc{k}"><w:r><w:t>{title}</w:t></w:r><w:r><w:tab/></w:r>'
        + field(f"PAGEREF _Toc{k} " + PAGEREF_SWITCH, page) + "</w:hyperlink></w:p>"
        for k, (title, page) in enumerate(entries))
    first = toc.replace("<w:p>", "<w:p>" + field(TOC_FIELD, "")
                        .replace("<w:r><w:t></w:t></w:r>", ""), 1)
    body = (f'<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            f'</w:docPartObj></w:sdtPr><w:sdtContent>{w_p("目次")}{first}</w:sdtContent></w:sdt>'
            + w_p("壹、目的") + w_p("本團出席會議。") + w_p("貳、過程") + w_p("會議經過。"))
    got = texts(docx_package(body), ".docx")
    assert got[:3] == ["目次", "壹、目的\t1", "貳、過程\t2"]
    assert not any("PAGEREF" in t or "TOC" in t for t in got)
    report = parse_report(extract(docx_package(body), "r.docx", ".docx"), "r")
    assert [[h.text for h in p.section] for p in report.passages
            if p.text == "會議經過。"] == [["貳、過程"]]


def test_tracked_changes_hidden_text_symbols_and_soft_breaks_read_as_printed():
    body = w_p(inner='<w:r><w:t>本團</w:t></w:r><w:del w:id="1"><w:r><w:delText>刪去</w:delText>'
                     '</w:r></w:del><w:ins w:id="2"><w:r><w:t>出席</w:t></w:r></w:ins>'
                     '<w:moveFrom w:id="3"><w:r><w:t>移走</w:t></w:r></w:moveFrom>'
                     '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隱藏</w:t></w:r>'
                     '<w:smartTag><w:r><w:t>會議</w:t></w:r></w:smartTag>'
                     '<w:r><w:sym w:font="Wingdings" w:char="F0E0"/><w:t>。</w:t></w:r>'
                     '<w:r><w:br/><w:t>第二行</w:t></w:r>')
    assert texts(docx_package(body), ".docx") == ["本團出席會議。\n第二行"]


def tc(inner: str, props: str = "") -> str:
    return f'<w:tc>{"<w:tcPr>" + props + "</w:tcPr>" if props else ""}{inner}</w:tc>'


def test_word_tables_give_each_cell_once_on_its_row():
    nested = f'<w:tbl><w:tr>{tc(w_p("甲"))}{tc(w_p("乙"))}</w:tr></w:tbl>'
    rows = [
        tc(w_p("項目"), '<w:gridSpan w:val="2"/>') + tc(w_p("說明")),
        tc(w_p("會議"), '<w:vMerge w:val="restart"/>') + tc(w_p("日期")) + tc(w_p("5月1日")
                                                                         + w_p("上午")),
        tc(w_p(""), "<w:vMerge/>") + tc(w_p("地點")) + tc(w_p("日內瓦") + nested),
    ]
    frame = f'<w:tbl><w:tr>{tc(w_p("框內段落一") + w_p("框內段落二"))}</w:tr></w:tbl>'
    controlled = (f'<w:sdt><w:sdtContent><w:tr>{tc(w_p("列內"))}<w:sdt><w:sdtContent>'
                  f'{tc(w_p("控制項"))}</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>')
    body = f'<w:tbl>{"".join(f"<w:tr>{r}</w:tr>" for r in rows)}{controlled}</w:tbl>' + frame
    assert texts(docx_package(body), ".docx") == [
        "項目\t說明", "會議\t日期\t5月1日 上午", "地點\t日內瓦 甲 乙", "列內\t控制項", "框內段落一",
        "框內段落二"]


def test_headers_footers_are_not_read_and_notes_in_a_cell_follow_the_row():
    footnotes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                 '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>資料來源：大會。</w:t></w:r>'
                 '</w:p></w:footnote>')
    cell = w_p(inner='<w:r><w:t>產值</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>')
    body = f'<w:tbl><w:tr>{tc(cell)}{tc(w_p("100"))}</w:tr></w:tbl>' + w_p("本文。")
    header = w_p("出國報告") + w_p(inner=field("PAGE", "3"))
    got = lines_of(docx_package(body, footnotes=footnotes, header=header), ".docx")
    assert got == [("產值[1]\t100", None, False), ("[1] 資料來源：大會。", None, True),
                   ("本文。", None, False)]


# --- ODT --------------------------------------------------------------------

OUTLINE = ('<text:outline-style style:name="Outline">'
           + odt_level(1, "一, 二, 三, ...", suffix="、", outline=True)
           + odt_level(2, "一, 二, 三, ...", prefix="（", suffix="）", outline=True)
           + odt_level(3, "1", suffix=")", shown=2, outline=True) + '</text:outline-style>')
ODT_STYLES = OUTLINE + "".join(
    f'<style:style style:name="Heading_20_{k}" style:family="paragraph" '
    f'style:default-outline-level="{k}"/>' for k in (1, 2, 3)) + (
    '<text:list-style style:name="L1">' + odt_level(1, "1", suffix=".")
    + odt_level(2, "a", prefix="(", suffix=")") + '</text:list-style>')


def h(level: int, text: str, styled: bool = True) -> str:
    style = f' text:style-name="Heading_20_{level}"' if styled else ""
    return f'<text:h text:outline-level="{level}"{style}>{text}</text:h>'


def items(*texts: str, attrs: str = "") -> str:
    return f'<text:list text:style-name="L1"{attrs}>' + "".join(
        f"<text:list-item>{t if t.startswith('<') else f'<text:p>{t}</text:p>'}"
        "</text:list-item>" for t in texts) + "</text:list>"


def test_odt_outline_and_list_labels_reach_the_text_as_typed():
    nested = "<text:p>分項</text:p>" + items("細項一", "細項二")
    body = (h(1, "目的") + "<text:p>本團出席會議。</text:p>" + h(1, "過程") + h(2, "大會")
            + h(3, "開幕") + h(3, "閉幕") + h(1, "附註", styled=False)
            + items("甲", nested) + items("乙")
            + items("丙", attrs=' text:continue-numbering="true"') + h(1, "心得"))
    assert lines_of(odt_package(body, ODT_STYLES), ".odt") == [
        ("一、目的", 1, False), ("本團出席會議。", None, False), ("二、過程", 1, False),
        ("（一）大會", 2, False), ("一.1)開幕", 3, False), ("一.2)閉幕", 3, False),
        ("附註", 1, False), ("1. 甲", None, False), ("2. 分項", None, False),
        ("(a)細項一", None, False), ("(b)細項二", None, False), ("1. 乙", None, False),
        ("2. 丙", None, False), ("三、心得", 1, False)]


def test_odt_index_frames_tables_and_changes_read_as_printed():
    toc = ('<text:table-of-content><text:table-of-content-source><text:index-title-template>'
           '目次</text:index-title-template></text:table-of-content-source><text:index-body>'
           '<text:index-title><text:p>目次</text:p></text:index-title>'
           '<text:p><text:a xlink:href="#x">壹、目的<text:tab/>1</text:a></text:p>'
           '</text:index-body></text:table-of-content>')
    frame = ('<draw:frame text:anchor-type="page"><draw:text-box><text:p>出國報告</text:p>'
             '<text:p>服務機關：交通部</text:p></draw:text-box></draw:frame>')
    inline_frame = ('<text:p>壹、目的<draw:frame><draw:text-box><text:p>照片說明</text:p>'
                    '</draw:text-box></draw:frame><draw:frame><draw:image/></draw:frame></text:p>')
    cells = ('<table:table><table:table-header-rows><table:table-row><table:table-cell '
             'table:number-columns-spanned="2"><text:p>項目</text:p></table:table-cell>'
             '<table:covered-table-cell/><table:table-cell><text:p>說明</text:p>'
             '</table:table-cell></table:table-row></table:table-header-rows><table:table-row>'
             '<table:table-cell><text:p>會議</text:p></table:table-cell><table:table-cell>'
             '<text:p>日期</text:p></table:table-cell><table:table-cell><text:p>5月1日</text:p>'
             '<text:p>上午</text:p></table:table-cell></table:table-row></table:table>')
    one_column = ('<table:table><table:table-row><table:table-cell><text:p>框內一</text:p>'
                  '<text:p>框內二</text:p></table:table-cell></table:table-row></table:table>')
    changes = ('<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
               '<text:p>刪去</text:p></text:deletion></text:changed-region></text:tracked-changes>')
    spaced = ('<text:p>本團<text:change text:change-id="c1"/>出席<office:annotation><text:p>'
              '批註</text:p></office:annotation>會議<text:s text:c="2"/>A<text:tab/>B'
              '<text:line-break/>第二行</text:p>')
    body = changes + frame + toc + inline_frame + cells + one_column + spaced
    assert texts(odt_package(body), ".odt") == [
        "出國報告", "服務機關：交通部", "目次", "壹、目的\t1", "照片說明", "壹、目的",
        "項目\t說明", "會議\t日期\t5月1日 上午", "框內一", "框內二", "本團出席會議  A\tB\n第二行"]


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_a_page_header_in_its_own_part_is_never_read(suffix):
    if suffix == ".docx":
        data = docx_package(w_p("本文。"), header=w_p("出國報告頁首"))
    else:
        data = odt_package("<text:p>本文。</text:p>", master=(
            '<style:master-page style:name="Standard"><style:header><text:p>出國報告頁首'
            '</text:p></style:header><style:footer><text:p><text:page-number>1</text:page-number>'
            '</text:p></style:footer></style:master-page>'))
    assert texts(data, suffix) == ["本文。"]


@pytest.mark.parametrize("header", [
    w_p("本報告內容僅供參考，不代表本機關立場。"),  # a sentence, not furniture's shape
    w_p("機密等級：普通") + w_p("交通部民用航空局"),  # a classification and the agency
    "<w:tbl><w:tr><w:tc>" + w_p("出國報告") + "</w:tc><w:tc>" + w_p("第 1 頁")
    + "</w:tc></w:tr></w:tbl>",  # a table laid out in the header
    w_p('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        "<w:txbxContent>" + w_p("頁首文字方塊之說明文字。") + "</w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r>")])
def test_text_typed_in_a_docx_header_part_is_not_read_whatever_its_shape(header):
    """Whatever Word's header part (header1.xml) holds, a sentence, a label and
    value, a table or a text box: it prints in every page's margin, so it is
    the page's furniture, never a passage (issue 28's decision)."""
    data = docx_package(w_p("壹、目的") + w_p("本文。"), header=header)
    assert texts(data, ".docx") == ["壹、目的", "本文。"]


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_notes_typed_under_a_rule_at_a_page_foot_are_notes_and_cut_no_paragraph(suffix):
    before = ["壹、目的", "緣起。", "- 1 -", "本團出席會議，討論肯定列表制度¹與", "＿＿＿＿＿＿",
              "¹ 肯定列表制度係日本之農藥殘留管理制度。", "- 2 -", "殘留容許量之訂定。"]
    # A rule in mid-page, no page's end within reach: the lines under it are text.
    kept = ["貳、心得", "分隔線之後：", "＿＿＿＿＿＿", "1 並非註解之列表項目"] + \
        [f"第{k}段落。" for k in range(13)]
    if suffix == ".docx":
        data = docx_package("".join(w_p(t) for t in before + kept))
    else:
        data = odt_package("".join(f"<text:p>{t}</text:p>" for t in before + kept))
    assert lines_of(data, suffix) == [
        ("壹、目的", None, False), ("緣起。", None, False),
        ("本團出席會議，討論肯定列表制度¹與殘留容許量之訂定。", None, False),
        ("¹ 肯定列表制度係日本之農藥殘留管理制度。", None, True)] + [
        (text, None, False) for text in kept]


def test_a_deleted_paragraph_mark_joins_two_paragraphs_and_check_boxes_print_their_state():
    def check_box(ticked: bool) -> str:
        state = f'<w:checked w:val="{int(ticked)}"/>'
        return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox>{state}'
                '</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX '
                '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')

    joined = ('<w:p><w:pPr><w:rPr><w:del w:id="1"/></w:rPr></w:pPr><w:r><w:t>本團出席</w:t>'
              '</w:r></w:p>' + w_p("會議。"))
    form = w_p(inner=f"<w:r><w:t>出國類別：</w:t></w:r>{check_box(True)}<w:r><w:t>開會</w:t></w:r>"
                     f"{check_box(False)}<w:r><w:t>考察</w:t></w:r>")
    assert texts(docx_package(joined + form), ".docx") == ["本團出席會議。", "出國類別：■開會□考察"]


def test_a_multilevel_word_list_places_the_counts_above_and_legal_levels_in_digits():
    legal = w_level(1, "decimal", "%1.%2", suffix="space").replace(
        '<w:numFmt w:val="decimal"/>', '<w:numFmt w:val="decimal"/><w:isLgl/>')
    numbering = w_numbering({1: [w_level(0, "taiwaneseCounting", "第%1章", suffix="space"), legal,
                                 w_level(2, "decimal", "%1.%2.%3", suffix="space")]},
                            {1: (1, "")})
    body = "".join(w_p(t, num=("1", k)) for t, k in [
        ("緒論", 0), ("緣起", 1), ("目的", 1), ("細項", 2), ("過程", 0), ("大會", 1), ("議程", 2)])
    assert texts(docx_package(body, numbering), ".docx") == [
        "第一章 緒論", "1.1 緣起", "1.2 目的", "一.2.1 細項", "第二章 過程", "2.1 大會",
        "二.1.1 議程"]


TOC_STYLES = "".join(w_style(f"TOC{k}", f"toc {k}") for k in (1, 2))


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_a_generated_contents_page_of_numbered_headings_is_a_contents_page(suffix):
    """Word and LibreOffice put a tab between a heading's number and its title
    in a contents entry: the entry reads as typed, and the page as contents."""
    entries = [("壹、", "目的", "1"), ("貳、", "過程", "2"), ("一、", "大會", "2")]
    body = [("壹、目的", "本團出席會議。"), ("貳、過程", "會議經過。"), ("一、大會", "大會開幕。")]
    if suffix == ".docx":
        toc = "".join(
            f'<w:p><w:pPr><w:pStyle w:val="TOC{1 + (k == 2)}"/></w:pPr><w:hyperlink '
            f'w:anchor="_Toc{k}"><w:r><w:t>{label}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>'
            f'{title}</w:t></w:r><w:r><w:tab/></w:r>'
            + field(f"PAGEREF _Toc{k} " + PAGEREF_SWITCH, page) + "</w:hyperlink></w:p>"
            for k, (label, title, page) in enumerate(entries))
        data = docx_package(w_p("目次") + toc + "".join(w_p(h) + w_p(t) for h, t in body),
                            styles=TOC_STYLES)
    else:
        toc = ("<text:table-of-content><text:index-body><text:index-title><text:p>目次</text:p>"
               "</text:index-title>" + "".join(
                   f"<text:p>{label}<text:tab/>{title}<text:tab/>{page}</text:p>"
                   for label, title, page in entries)
               + "</text:index-body></text:table-of-content>")
        data = odt_package(toc + "".join(f"<text:p>{h}</text:p><text:p>{t}</text:p>"
                                         for h, t in body))
    assert texts(data, suffix)[:4] == ["目次", "壹、 目的\t1", "貳、 過程\t2", "一、 大會\t2"]
    report = parse_report(extract(data, f"r{suffix}", suffix), "r")
    assert [(p.text, [h.text for h in p.section]) for p in report.passages] == [
        ("本團出席會議。", ["壹、目的"]), ("會議經過。", ["貳、過程"]),
        ("大會開幕。", ["貳、過程", "一、大會"])]


def test_odt_lists_go_on_by_name_restart_by_value_and_headings_restart_their_number():
    body = (items("甲", "乙", attrs=' xml:id="list1"') + items("別一")
            + items("丙", attrs=' text:continue-list="list1"')
            + '<text:list text:style-name="L1"><text:list-header><text:p>說明</text:p>'
              '</text:list-header><text:list-item><text:p>首項</text:p></text:list-item>'
              '<text:list-item text:start-value="5"><text:p>跳號</text:p></text:list-item>'
              '</text:list>'
            + h(1, "目的") + h(1, "過程")
            + '<text:h text:outline-level="1" text:style-name="Heading_20_1" '
              'text:restart-numbering="true">附論</text:h>' + h(1, "心得"))
    assert texts(odt_package(body, ODT_STYLES), ".odt") == [
        "1. 甲", "2. 乙", "1. 別一", "3. 丙", "說明", "1. 首項", "5. 跳號",
        "一、目的", "二、過程", "一、附論", "二、心得"]


def test_word_labels_of_no_number_legacy_lists_and_body_text_styles():
    numbering = w_numbering(
        {1: [w_level(0, "none", "附表", suffix="space")],
         2: [w_level(0, "decimal", "%1)").replace(
             "<w:lvlText", '<w:legacy w:legacy="1" w:legacySpace="0" w:legacyIndent="360"/>'
                           "<w:lvlText")]},
        {1: (1, ""), 2: (2, "")})
    styles = (w_style("Heading1", "heading 1")
              + w_style("Lead", "Lead", '<w:outlineLvl w:val="9"/>', based_on="Heading1")
              + w_style("Chapter", "Chapter Title", based_on="Heading1"))
    body = "".join([w_p("甲表", num=("1", 0)), w_p("第一項", num=("2", 0)),
                    w_p("第二項", num=("2", 0)), w_p("導言", "Lead"), w_p("總論", "Chapter"),
                    w_p("總說", "Heading1")])
    assert lines_of(docx_package(body, numbering, styles), ".docx") == [
        ("附表 甲表", None, False), ("1)第一項", None, False), ("2)第二項", None, False),
        ("導言", None, False), ("總論", 1, False), ("總說", 1, False)]


# (Word numFmt, lvlText, ODT num-format, prefix, suffix): a family a heading
# and the list items under it share.
SHARED_FAMILIES = [("decimal", "%1.", "1", "", "."), ("decimal", "(%1)", "1", "(", ")"),
                   ("taiwaneseCountingThousand", "%1、", "一, 二, 三, ...", "", "、"),
                   ("taiwaneseCountingThousand", "（%1）", "一, 二, 三, ...", "（", "）"),
                   ("upperRoman", "%1.", "I", "", "."), ("upperLetter", "%1.", "A", "", ".")]


def shared_family_docx(family, heading_style: str) -> bytes:
    fmt, text = family[0], family[1]
    numbering = w_numbering({1: [w_level(0, "ideographLegalTraditional", "%1、")],
                             2: [w_level(0, fmt, text, suffix="nothing")],
                             3: [w_level(0, fmt, text, suffix="nothing")]},
                            {1: (1, ""), 2: (2, ""), 3: (3, ""),
                             4: (3, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
                                    "</w:lvlOverride>")})
    styles = (w_style("Heading1", "heading 1") + w_style("Heading2", "heading 2")
              + w_style("Section", "Section Title", based_on="Heading2"))
    body = "".join([w_p("前言", "Heading1", num=("1", 0)),
                    w_p("背景", heading_style, num=("2", 0)),
                    w_p("本團出席下列會議："), w_p("貿易便捷委員會", num=("3", 0)),
                    w_p("關務程序次級委員會", num=("3", 0)),
                    w_p("會議過程", heading_style, num=("2", 0)), w_p("開幕。"),
                    w_p("議程採認", num=("4", 0)), w_p("會員報告", num=("4", 0))])
    return docx_package(body, numbering, styles)


def shared_family_odt(family) -> bytes:
    _, _, fmt, prefix, suffix = family
    outline = ('<text:outline-style style:name="Outline">'
               + odt_level(1, "壹, 貳, 參, ...", suffix="、", outline=True)
               + odt_level(2, fmt, prefix, suffix, outline=True) + "</text:outline-style>")
    styles = outline + "".join(
        f'<style:style style:name="Heading_20_{k}" style:family="paragraph" '
        f'style:default-outline-level="{k}"/>' for k in (1, 2)) + (
        f'<text:list-style style:name="L1">{odt_level(1, fmt, prefix, suffix)}</text:list-style>')

    def listed(*texts: str, attrs: str = "") -> str:
        return f'<text:list text:style-name="L1"{attrs}>' + "".join(
            f"<text:list-item><text:p>{t}</text:p></text:list-item>" for t in texts) \
            + "</text:list>"

    body = (h(1, "前言") + h(2, "背景") + "<text:p>本團出席下列會議：</text:p>"
            + listed("貿易便捷委員會", "關務程序次級委員會") + h(2, "會議過程")
            + "<text:p>開幕。</text:p>" + listed("議程採認", "會員報告"))
    return odt_package(body, styles)


@pytest.mark.parametrize("family", SHARED_FAMILIES, ids=lambda f: f[1] + f[0])
@pytest.mark.parametrize("form", ["Heading2", "Section", "odt"])
def test_list_items_numbered_like_the_outline_headings_above_stay_items(family, form):
    """A heading the document's outline gives (a Heading style, a style based
    on one, an ODT outline level) and the list items under it numbered in the
    same family: the items stay passages of the heading's section."""
    data = shared_family_odt(family) if form == "odt" else shared_family_docx(family, form)
    report = parse_report(extract(data, "r." + ("odt" if form == "odt" else "docx"),
                                  ".odt" if form == "odt" else ".docx"), "r")
    outline = [entry.heading.title for entry in report.outline]
    assert outline == ["前言", "背景", "會議過程"]
    def section(tail: str) -> list[str]:
        passage = next(p for p in report.passages if p.text.endswith(tail))
        assert passage.kind in ("list_item", "paragraph")
        return [h.title for h in passage.section]

    assert section("貿易便捷委員會") == section("關務程序次級委員會") == ["前言", "背景"]
    assert section("議程採認") == section("會員報告") == ["前言", "會議過程"]


@pytest.mark.parametrize(("sync", "labels"), [(False, ["Z.", "AA.", "AB."]),
                                              (True, ["Z.", "AA.", "BB."])])
def test_odt_letters_past_z_as_libreoffice_counts_them(sync, labels):
    style = odt_level(1, "A", suffix=".").replace(
        "/>", ' style:num-letter-sync="true"/>' if sync else "/>")
    styles = f'<text:list-style style:name="L1">{style}</text:list-style>' + (
        '<text:list-style style:name="L2">'
        + odt_level(1, "壹, 贰, 叁, ...", suffix="、") + "</text:list-style>")
    body = '<text:list text:style-name="L1">' + "".join(
        f"<text:list-item><text:p>項{k}</text:p></text:list-item>" for k in range(1, 29)) \
        + '</text:list><text:list text:style-name="L2"><text:list-item text:start-value="3">' \
          "<text:p>簡體</text:p></text:list-item></text:list>"
    got = texts(odt_package(body, styles), ".odt")
    assert [t.split("項")[0].strip() for t in got[25:28]] == labels
    assert got[-1] == "叁、簡體"


def test_odt_labels_libreoffice_writes_whole_are_read_as_written():
    levels = (odt_level(1, "一, 二, 三, ...", suffix="、")
              + odt_level(2, "1", shown=2).replace("/>", ' loext:num-list-format="%1%-%2%："/>'))
    body = ('<text:list text:style-name="L1"><text:list-item><text:p>總則</text:p><text:list>'
            "<text:list-item><text:p>定義</text:p></text:list-item><text:list-item><text:p>"
            "範圍</text:p></text:list-item></text:list></text:list-item></text:list>")
    got = texts(odt_package(body, f'<text:list-style style:name="L1">{levels}</text:list-style>'),
                ".odt")
    assert got == ["一、總則", "一-1：定義", "一-2：範圍"]
