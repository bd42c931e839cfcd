"""Hard-wrapped text as a PDF-to-text export gives it (report_forms' wrapped
form): a footer set off far right that the wrap broke, a table row whose
tail keeps the spaces of the gap the wrap broke in, and a page break after a
quoted term that closes a full line."""

import os
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report

from .paragraph_layouts import (
    CELLS,
    FOOTER,
    SENTENCES,
    Lone,
    bodies,
    broken_footers,
    layouts,
    page_kind,
    rendered,
    width,
    wrap,
)
from .test_paragraph_layouts import got, parsed, squash, want

WIDE_CELLS = [cell for cell in CELLS if not cell.isascii() and " " not in cell]
TITLED = [FOOTER + "\u3000第 {n} 頁", FOOTER + "    - {n} -"]


@st.composite
def broken_footer_layouts(draw):
    layout = draw(layouts().filter(lambda layout: layout.convention.startswith("wrap")))
    layout.form_feed, layout.far_right = True, True
    # (lines full in columns: a page cut after a ragged PDF line, with a footer
    # broken under it, is not read yet)
    layout.ragged = (0,)
    layout.page_number = draw(st.sampled_from(TITLED))
    return layout


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), broken_footer_layouts())
def test_a_footer_the_wrap_broke_is_furniture(sections, layout):
    # The running title set off far right, its page number flush left under
    # it: both furniture, and a page's notes end above them.
    # A body line in the broken number's own form counts up with it: no layout.
    number = layout.page_number.replace(FOOTER, "").strip("\u3000 ")
    assume(not any(isinstance(item, Lone) and page_kind(item.form, item.total)
                   == page_kind(number, item.total) for s in sections for item in s.items))
    text = broken_footers(rendered(sections, layout), layout)
    found = got(parse_report(text, "k"))
    assert found == want(sections, layout, found), text


def test_a_footer_the_wrap_broke_around_a_page_break_of_its_own():
    """The export's page break (its number and running header) falls between
    the set-off title and the page number of the text's own footer: the
    footer is furniture still, and the sentence it cut joins again."""
    title = "勞動部職業安全衛生署出國報告"
    lines = ["出國報告提要", "", "壹、研習過程",
             "　　講師說明歐盟機械指令要求製造商於產品上市前完成風險評估並簽署符合性聲",
             "明，並將具自主學習功能之人工智慧安全元件納入高風險",
             "", " " * 40 + title, "- 3 -", "出國報告提要", "第 5 頁", "",
             "清單。檢查人員遇有防護不足之機械，應同時追查製造商之責任。",
             "貳、心得與建議", "　　案例研討以金屬加工廠之事故為例，講師強調",
             "────────────", "註1：德國自2020年起要求職業災害調查報告須載明組織因素。",
             " " * 40 + title, "第 11 頁", "", "調查報告應具體指出組織責任。",
             "參、附錄", "　　無。", "- 4 -", "出國報告提要", "　　結束。", "- 5 -"]
    texts = [text for _, _, text in parsed("\n".join(lines))]
    assert "講師說明歐盟機械指令要求製造商於產品上市前完成風險評估並簽署符合性聲明，" \
        "並將具自主學習功能之人工智慧安全元件納入高風險清單。檢查人員遇有防護不足之機械，" \
        "應同時追查製造商之責任。" in texts
    assert "註1：德國自2020年起要求職業災害調查報告須載明組織因素。" in texts
    assert "案例研討以金屬加工廠之事故為例，講師強調調查報告應具體指出組織責任。" in texts
    assert not [text for text in texts if title in text or "頁" in text]


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(3, 5), st.integers(1, 3), st.integers(44, 60),
       st.lists(st.tuples(st.lists(st.sampled_from(WIDE_CELLS), min_size=14, max_size=16),
                          st.sampled_from(["Arlington, TX", "Glen Rose, TX", "Burlington, KS",
                                           "雪梨國際機場", "坎培拉總部"])),
                min_size=2, max_size=4))
def test_a_row_broken_inside_a_gap_keeps_its_tail(gap, left, columns, cells):
    # A wrap that breaks a row inside a gap of spaces drops one of them: the
    # rest (`left`) indent the tail, short of the next cell: it goes back
    # onto its row. The rows fill the page's width as its prose does.
    assume(left <= gap - 2)
    rows = []
    for k, (pieces, last) in enumerate(cells, start=1):
        # The row's head as wide as the wrap lets it be, a gap's spaces short.
        base, text = f"T-{k}{' ' * gap}", "".join(pieces)
        mid = text[:(columns - gap + left + 1 - width(base)) // 2]
        assume(len(mid) < len(text))
        rows.append(f"{base}{mid}{' ' * gap}{last}")
    # (rows alike but for their numbers, or tails alike, read as a running line)
    assume(len({re.sub(r"\d", "", row.split()[1]) for row in rows}) == len(rows)
           and len({last for _, last in cells}) == len(cells))
    lines = ["壹、研習過程", *wrap("　　" + "".join(SENTENCES[:6]), columns)]
    for row in rows:
        head = row[:row.rindex(" " * gap)]
        printed = wrap(row, width(head) + gap - left - 1)
        # (the wrap broke the row: its tail's first word would not have fitted
        # after it and the least gap, two spaces)
        first = re.match(r"[A-Za-z,]+|.", last_cell(row, gap)).group(0)
        assume(len(printed) == 2 and width(head) + 2 + width(first) > columns)
        assert printed[1].startswith(" " * left) and not printed[1].startswith(" " * (left + 1))
        lines += printed
    lines += wrap("　　" + SENTENCES[9] + SENTENCES[10], columns)
    got_rows = [squash(text) for kind, _, text in parsed("報告\n\n" + "\n".join(lines))
                if kind in ("table_row", "table_text", "agenda_row")]
    assert got_rows == [squash(row) for row in rows], "\n".join(lines)


def last_cell(row: str, gap: int) -> str:
    return row[row.rindex(" " * gap) + gap:]


def test_contents_entries_wider_than_a_narrow_wrap_leave_it_measured(tmp_path):
    """A text hard-wrapped narrow (twenty characters), printed with its long
    lines (a front line, a note) broken at the page's width: its contents
    entries, whose leaders run to a page number wider than the wrap, show no
    line of one paragraph a line; the wrap is measured, and a numbered item
    set at an indent that fills it goes on at the margin as in the text."""
    from rsearch.corpus import read_report

    from .report_forms import write_form

    body = ["　　近年電子商務包裹量快速成長，本公司", "包裹業務量自二〇二〇年之一億件增至二〇",
            "二四年之一億六千萬件，現有郵件處理中心", "之分揀能量已近飽和，亟需瞭解國際郵政業",
            "者之自動化設備與營運模式。", ""]
    items = ["　　一、新建物流園區宜採交叉帶式分揀機", "搭配六面掃描，並預留擴充空間，以因應業",
             "務量之變動。", "", "　　二、智慧櫃之布建宜參考荷蘭郵政之開放",
             "網絡模式，研議開放其他物流業者付費使", "用，提高設備使用率。", ""]
    lines = ["公務出國報告", "赴荷蘭出席國際郵件包裹博覽會報告",
             "姓名職稱：陳建宏（郵務處副處長）、林佩君（資訊處高級專員）、黃士銘（臺北郵件處理中心經理）",
             "", "目次", "壹、目的 ------------------------------ 1",
             "　10月7日（星期二）博覽會開幕及執行長論壇 -- 2",
             "　10月8日（星期三）博覽會展區參觀及技術研討 -- 3",
             "　10月9日（星期四）荷蘭郵政包裹分揀中心及總部座談 -- 4",
             "貳、建議 ------------------------------ 5", "", "壹、目的", ""] + body * 3 \
        + ["註1：本公司郵件處理中心現行系統對中文手寫地址之判讀率約為百分之七十，"
           "仍須人工補登。", "", "貳、建議", ""] + items
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wanted = ["一、新建物流園區宜採交叉帶式分揀機搭配六面掃描，並預留擴充空間，"
              "以因應業務量之變動。",
              "二、智慧櫃之布建宜參考荷蘭郵政之開放網絡模式，研議開放其他物流業者付費使用，"
              "提高設備使用率。"]
    assert [squash(p.text) for p in read_report(source).passages][-2:] == wanted
    written = write_form(source, "wrapped", tmp_path / "wrapped")
    assert [squash(p.text) for p in read_report(written).passages][-2:] == wanted


def test_a_term_quoted_at_a_full_lines_end_goes_on_over_a_page_break():
    """A page break after a full line whose last mark closes a quoted term
    (文物採「釘子對釘子」, no sentence's end inside the quote) cuts the
    sentence: its halves are one paragraph. A quote that closes a sentence
    (…之目標。」) at a full line's end ends its paragraph there."""
    title = "國立故宮博物院出國報告"
    lines = ["壹、借展文物", "借展文物計三十件，包括書畫八件、器物十九件及圖書文獻",
             "三件，均經本院審查會議審定為非限展品。文物採「釘子對釘子」",
             "- 1 -", title,
             "全程保險，由借展方投保，保險金額依本院估價計列。", "",
             "館方表示，本次展覽為該館首次以清代宮廷收藏為主題之大型",
             "特展，館長並稱：「展覽將促進雙方之交流與合作之目標。」",
             "- 2 -", title,
             "展期自十一月十二日起，為期三個月，預計吸引參觀人次逾",
             "二十萬，館方並將出版專書一冊。", "- 3 -", title]
    texts = [text for _, _, text in parsed("報告\n\n" + "\n".join(lines))]
    assert texts == [
        "借展文物計三十件，包括書畫八件、器物十九件及圖書文獻三件，均經本院審查會議審定為"
        "非限展品。文物採「釘子對釘子」全程保險，由借展方投保，保險金額依本院估價計列。",
        "館方表示，本次展覽為該館首次以清代宮廷收藏為主題之大型特展，館長並稱：「展覽將"
        "促進雙方之交流與合作之目標。」",
        "展期自十一月十二日起，為期三個月，預計吸引參觀人次逾二十萬，館方並將出版專書一冊。"]


QUOTED = ["單一窗口", "釘子對釘子（nail to nail）", "優質企業", "Do Not Pay", "零排放城市",
          "紅隊測試（red teaming）"]
QUOTE_TAILS = ["模式，並以 2025 年為整合期限。", "全程保險，由借展方投保。",
               "之做法，已納入下年度計畫。"]


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 3, deadline=None,
          derandomize="RSEARCH_LAYOUTS" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data(), st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3, unique=True),
       st.sampled_from(QUOTED), st.sampled_from(QUOTE_TAILS),
       st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=2, unique=True),
       st.sampled_from(["", "\u3000\u3000"]))
def test_a_page_break_after_a_quoted_term_keeps_the_paragraph_whole(data, lead, term, tail,
                                                                     more, indent):
    # A page breaks after a full line that a quoted term's closing mark ends
    # (各國採「單一窗口」 / 模式，…): the sentence goes on over the page's
    # furniture; the paragraphs round it are read as drawn.
    title = "國立故宮博物院出國報告"
    text = "".join(lead) + f"各國採「{term}」{tail}" + "".join(more)
    fits = [columns for columns in range(36, 66, 2)
            if any(line.endswith("」") for line in wrap(indent + text, columns)[:-1])]
    assume(fits)
    columns = data.draw(st.sampled_from(fits))
    lines = wrap(indent + text, columns)
    at = next(k for k, line in enumerate(lines[:-1], start=1) if line.endswith("」"))
    before = wrap(indent + "".join(SENTENCES[:4]), columns)
    after = wrap(indent + "".join(SENTENCES[4:8]), columns)
    # Paragraphs open indented, or (flush) after a blank line.
    gap = [] if indent else [""]
    page = ["壹、借展文物", *before, *gap, *lines[:at], "- 1 -", title, *lines[at:], *gap,
            *after, "- 2 -", title, *wrap(indent + "".join(SENTENCES[8:11]), columns), "- 3 -"]
    texts = [squash(t) for _, _, t in parsed(title + "\n\n" + "\n".join(page))]
    assert texts == [squash(p) for p in ("".join(SENTENCES[:4]), text, "".join(SENTENCES[4:8]),
                                         "".join(SENTENCES[8:11]))], "\n".join(page)


def test_schedule_lines_past_a_narrow_wraps_edge_are_rows_of_their_own_in_a_pdf(tmp_path):
    """A text hard-wrapped narrow (nineteen characters a line) whose annex
    lists a programme a line a session, each line at the wrap's edge or past
    it, its session's title short or long, in a PDF read from its page's
    geometry: each line is its own passage, and
    the next annex's heading under them opens its own section (a line past
    the text's edge was set apart, not wrapped at it)."""
    from rsearch.corpus import read_report

    from .report_forms import write_form

    body = ["　　近年電子商務包裹量快速成長，本公司", "包裹業務量自二〇二〇年之一億件增至二〇",
            "二四年之一億六千萬件，現有郵件處理中心", "之分揀能量已近飽和，亟需瞭解國際郵政業",
            "者之自動化設備與營運模式。"]
    agenda = ["5月12日 09:00　開幕典禮", "5月12日 10:30　專題論壇：跨境電商包裹之通關及查驗",
              "5月13日 14:00　技術研討：影像判讀之應用",
              "5月13日 15:30　綜合座談：各國郵政業者之包裹業務及末端配送之最新發展",
              "5月14日 11:00　技術研討：末端配送之減碳及電動車隊"]
    lines = ["公務出國報告", "赴德國出席國際郵政物流研討會報告", "", "壹、目的", *body * 6,
             "", "附件一　研討會議程", "", *agenda, "", "附件二　簡報資料清單",
             "1. Parcel Volumes in Europe 2024", "2. Automated Sorting at Scale"]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    written = write_form(source, "pdf-embedded", tmp_path / "pdf")
    passages = [(p.section_label, squash(p.text)) for p in read_report(written).passages]
    assert passages[-len(agenda) - 2:] == [
        *[("附件一 研討會議程", squash(line)) for line in agenda],
        ("附件二 簡報資料清單", "1.ParcelVolumesinEurope2024"),
        ("附件二 簡報資料清單", "2.AutomatedSortingatScale")]


SESSIONS = ["開幕典禮", "影像判讀之應用", "跨境電商包裹之通關及查驗", "末端配送之減碳及電動車隊",
            "自動分揀設備", "國際郵政聯盟之最新規範與各會員國之因應作法及未來展望",
            "智慧櫃網絡", "包裹追蹤資料之交換標準"]


@settings(max_examples=max(4, int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 30),
          deadline=None, derandomize="RSEARCH_LAYOUTS" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(sessions=st.lists(st.tuples(st.integers(1, 28), st.integers(8, 17),
                                   st.sampled_from(["00", "30"]),
                                   st.sampled_from(["", "專題論壇：", "技術研討："]),
                                   st.sampled_from(SESSIONS)),
                         min_size=2, max_size=5, unique_by=lambda s: s[4]))
def test_a_programme_under_a_narrow_wrap_keeps_a_passage_a_line_in_a_pdf(sessions,
                                                                        tmp_path_factory):
    # A programme's lines (a day, a time, a session's title) in an annex of a
    # text hard-wrapped at nineteen characters a line, each line as wide as
    # its title makes it (short of the wrap's edge, at it or past it, or
    # broken at the page's width): in a PDF read by its words' positions
    # each line is a passage, and the next annex's heading opens its own.
    from rsearch.corpus import read_report

    from .report_forms import write_form

    body = ["　　近年電子商務包裹量快速成長，本公司", "包裹業務量自二〇二〇年之一億件增至二〇",
            "二四年之一億六千萬件，現有郵件處理中心", "之分揀能量已近飽和，亟需瞭解國際郵政業",
            "者之自動化設備與營運模式。"]
    agenda = [f"5月{day}日 {hour:02d}:{minute}　{kind}{title}"
              for day, hour, minute, kind, title in sessions]
    lines = ["公務出國報告", "赴德國出席國際郵政物流研討會報告", "", "壹、目的", *body * 6,
             "", "附件一　研討會議程", "", *agenda, "", "附件二　簡報資料清單",
             "1. Parcel Volumes in Europe 2024", "2. Automated Sorting at Scale"]
    folder = tmp_path_factory.mktemp("programme")
    source = folder / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    written = write_form(source, "pdf-embedded", folder / "pdf")
    passages = [(p.section_label, squash(p.text)) for p in read_report(written).passages]
    assert passages[-len(agenda) - 2:] == [
        *[("附件一 研討會議程", squash(line)) for line in agenda],
        ("附件二 簡報資料清單", "1.ParcelVolumesinEurope2024"),
        ("附件二 簡報資料清單", "2.AutomatedSortingatScale")], "\n".join(agenda)


def test_a_line_under_a_row_with_every_cell_of_the_row_above_is_no_tail_of_it():
    """A table lined up by spaces in hard-wrapped text whose last row holds
    as many cells as the rows above it and, with a gap after it, would reach
    the wrap: the short line under it (a remark, `（以下十件從略）`) is its own
    passage, no tail a wrap broke off in a gap before a cell (a row broken
    so has a cell fewer)."""
    prose = wrap("　　" + "".join(SENTENCES[:4]), 56)
    rows = ["序號    登錄號    名稱    類別", "1    故畫000123    清郎世寧畫百駿圖卷    書畫",
            "2    故善001122    清內府四庫全書薈要    圖書文獻"]
    lines = ["壹、借展文物清單", *prose, "", *rows, "（以下十件從略）", "",
             *wrap("　　" + "".join(SENTENCES[4:7]), 56)]
    # (the row and a gap and the next word run past the wrap; the row and the word do not)
    assert width(rows[-1]) + 4 + 4 > 56 - 2 >= width(rows[-1]) + 4
    found = [(kind, squash(text)) for kind, _, text in parsed("報告\n\n" + "\n".join(lines))]
    assert found == [("paragraph", squash("".join(SENTENCES[:4]))),
                     *[("table_row", squash(row)) for row in rows],
                     ("paragraph", "（以下十件從略）"),
                     ("paragraph", squash("".join(SENTENCES[4:7])))]


def test_contents_entries_under_a_narrow_wrap_are_entries_in_a_pdf(tmp_path):
    """A contents page whose entries (`壹、目的 ------ 1`) run past the edge of a
    text hard-wrapped narrow, in a PDF read by its words' positions: each
    entry ends at its leader and page number, so the page reads as contents,
    none of it in the abstract or in a passage."""
    from rsearch.corpus import read_report

    from .report_forms import write_form

    body = ["　　近年電子商務包裹量快速成長，本公司", "包裹業務量自二〇二〇年之一億件增至二〇",
            "二四年之一億六千萬件，現有郵件處理中心", "之分揀能量已近飽和，亟需瞭解國際郵政業",
            "者之自動化設備與營運模式。"]
    abstract = "本公司派員參觀展覽並出席技術研討，瞭解自動化分揀設備之最新發展。"
    lines = ["公務出國報告", "赴德國出席國際郵政物流研討會報告", "", "摘要", abstract, "", "目錄",
             "壹、目的 ------------------------------ 1",
             "貳、過程 ------------------------------ 2",
             "　5月12日（星期一）研討會開幕及專題論壇 -- 2",
             "　5月13日（星期二）自動分揀設備技術研討 ---- 3",
             "參、建議 ------------------------------ 4", "",
             "壹、目的", *body * 3, "", "貳、過程", "", "5月12日（星期一）研討會開幕及專題論壇",
             *body, "", "5月13日（星期二）自動分揀設備技術研討", *body, "", "參、建議", *body]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = read_report(write_form(source, "pdf-embedded", tmp_path / "pdf"))
    assert squash(report.abstract) == squash(abstract)
    assert not [p.text for p in report.passages if "----" in p.text]


def test_a_cut_line_that_heads_two_pages_alike_is_text():
    """Drawn: two paragraphs, each cut by a page's footer at the same words,
    so the same piece (`…貿易便捷化協定（`) opens two pages after their
    numbers. It leaves its bracket open (the next line closes it): a sentence
    the wrap cut, not a running header, and no word of it is lost."""
    piece = ["協助開發中國家執行貿易便捷化協定（", "TFA）。會員國光纖連網比例，平均已達",
             "73.5% 以上。"]
    footer = ["", " " * 18 + "海關程序次級委員會報告", "第 {n} 頁\f"]
    lines = ["出席亞太經濟合作會議海關程序次級委員會報告", "\f壹、會議緣起", "",
             "秘書處報告，2022 年會員共提出 4,185 件通知",
             "文件，創歷年新高。歐盟宣布投入 1.1 億歐元，",
             *[f.format(n=2) for f in footer], *piece, "",
             "本署代表於會中發言，說明我國推動電子商務通", "關之經驗。歐盟宣布投入 1.1 億歐元，",
             *[f.format(n=3) for f in footer], *piece, "",
             "貳、心得與建議", "", "會員國光纖連網比例，平均已達 73.5% 以上。",
             *[f.format(n=4) for f in footer], "參、附錄", "", "無。"]
    texts = ["".join(text.split()) for _, _, text in parsed("\n".join(lines))]
    tail = "協助開發中國家執行貿易便捷化協定（TFA）。會員國光纖連網比例，平均已達73.5%以上。"
    assert "秘書處報告，2022年會員共提出4,185件通知文件，創歷年新高。歐盟宣布投入1.1億歐元，" \
        + tail in texts
    assert "本署代表於會中發言，說明我國推動電子商務通關之經驗。歐盟宣布投入1.1億歐元，" \
        + tail in texts
