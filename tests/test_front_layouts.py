"""The front matter read back from every layout the generator renders."""

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report
from rsearch.corpus.contents import column_entries, entry_of
from rsearch.corpus.fields import CELL_RE, field_of, is_rule

from .front_layouts import (
    AGENCIES,
    BODY,
    EXTRA_ENTRY,
    PLAIN_SPACE,
    SENTENCES,
    Front,
    Layout,
    expected_people,
    fronts,
    iso,
    layouts,
    render,
)


def squash(text):
    return re.sub(r"\s+", "", text)


# How many random layouts a run tries: RSEARCH_LAYOUTS=3000 for a long run.
LAYOUTS = int(os.environ.get("RSEARCH_LAYOUTS", "300"))


def words(text):
    """A text without spaces or colons (a label lined up by spaces gains one)."""
    return re.sub(r"[\s:：]+", "", text)


def section_of(report, name):
    return [p.text for p in report.passages if p.section and p.section[0].title == name
            and p.section[0].level == 0]


def check(front, layout):
    text = render(front, layout)
    report = parse_report(text, "k")
    assert squash(report.title) == squash(front.title), text
    assert report.agency == AGENCIES[front.agency][0], text
    assert report.report_date_iso == iso(front), text
    assert [squash(a) for a in report.authors] == expected_people(front, layout), text
    assert report.trip_type == front.kind, text
    assert report.keywords == front.keywords, text
    assert [squash(p) for p in section_of(report, "摘要")] == [squash(p) for p in front.abstract], \
        text
    # No entry of the contents is a heading, and the body reads as written.
    body = [(p.section_label, p.text) for p in report.passages
            if not p.section or p.section[0].level]
    assert body == [(heading if heading.startswith(("壹", "貳", "參")) else f"貳、{heading}",
                     paragraph) for heading, paragraph in BODY if paragraph], text
    kept = section_of(report, "目錄")
    assert kept == ([EXTRA_ENTRY] if layout.extra_entry else []), text
    every_line_lands(text, report)


def is_label(text):
    """A front part's title in two languages (Contents 目次, 摘要（Abstract）), or
    the header of a contents page's page numbers (頁次)."""
    from rsearch.corpus.contents import PAGE_COLUMN_RE, is_title
    from rsearch.corpus.frontmatter import ABSTRACT_TITLE_RE, KEYWORDS_TITLE_RE

    return bool(is_title(text) or ABSTRACT_TITLE_RE.match(text) or KEYWORDS_TITLE_RE.match(text)
                or PAGE_COLUMN_RE.match(text))


def every_line_lands(text, report):
    """Each line's words are in a passage or a heading; nothing is doubled."""
    found = words("".join([p.text for p in report.passages]
                          + [h.text for p in report.passages for h in p.section]))
    total = 0
    for line in text.splitlines():
        if not line.strip() or is_rule(line):
            continue
        total += len(squash(line))
        entry = entry_of(line.strip())
        # (a contents page in two columns: each entry of the line)
        pieces = [e.text for e in column_entries(line.strip())] or [entry.text if entry else line]
        for cell in (c for piece in pieces for c in CELL_RE.split(piece)):
            field = field_of(cell)
            value = field[1] if field else cell
            if squash(value) in ("目錄", "目次", "Contents", "CONTENTS", "摘要", "Abstract",
                                 "關鍵詞", "內容摘要") or is_label(squash(value)):
                continue  # a part's title, in one language or two
            assert words(value) in found, (line, text)
    own = sum(len(squash(p.text)) for p in report.passages)
    assert own <= total


@settings(max_examples=LAYOUTS, deadline=None, report_multiple_bugs=False,
          suppress_health_check=[HealthCheck.too_slow])
@given(fronts(), layouts())
def test_front_matter_reads_back_in_every_layout(front, layout):
    check(front, layout)


# Two reports in front-matter layouts none of the fixtures has.
TRAINING_COURSE = """\
行政院所屬各機關因公出國人員出國報告書
（出國類別：研習）

赴新加坡參加國際港口國管制檢查員
訓練課程出國報告
Report on the Port State Control Inspector Training Course

┌────────┬──────────────────┐
│服務機關│交通部航港局          │
├────────┼──────────────────┤
│出國人員│陳建志　船舶檢查員    │
│        │林美玲　科長          │
├────────┼──────────────────┤
│派赴國家/地區│新加坡        │
├────────┼──────────────────┤
│出國期間│113年9月2日至9月13日  │
├────────┼──────────────────┤
│報告日期│中華民國113年11月8日  │
└────────┴──────────────────┘

目　次

壹、研習目的……1
貳、研習過程……2
　一、課程內容……2
　二、實地參訪……4
參、心得與建議……6
附錄 A 課程表……8
附錄 B 港口國管制檢查清單……9

本署派員參加東京備忘錄組織於新加坡舉辦之港口國管制檢查員訓練課程，學習船舶安全檢查程序。

課程並安排實地登輪檢查，建議精進我國檢查員訓練制度。

關鍵字：港口國管制、東京備忘錄、船舶檢查

壹、研習目的

瞭解區域港口國管制之檢查標準與作業程序。

貳、研習過程

一、課程內容

課程涵蓋船舶結構、消防設備與救生設備之檢查重點。

二、實地參訪

學員分組登輪，實地演練檢查程序。

參、心得與建議

建議定期派員參訓，並建立檢查員在職訓練制度。

附錄 A 課程表

第一週為法規課程，第二週為實務演練。
"""


def test_a_training_report_with_a_box_form_and_an_unlabelled_abstract_after_its_contents():
    report = parse_report(TRAINING_COURSE, "k")
    assert report.title == "赴新加坡參加國際港口國管制檢查員訓練課程出國報告"
    assert report.agency == "交通部航港局"
    assert report.report_date_iso == "2024-11-08"
    assert (report.trip_type, report.place) == ("研習", "新加坡")
    assert (report.period_start, report.period_end) == ("2024-09-02", "2024-09-13")
    assert report.authors == ["陳建志 船舶檢查員", "林美玲 科長"]
    assert report.keywords == ["港口國管制", "東京備忘錄", "船舶檢查"]
    assert section_of(report, "摘要") == [
        "本署派員參加東京備忘錄組織於新加坡舉辦之港口國管制檢查員訓練課程，學習船舶安全檢查程序。",
        "課程並安排實地登輪檢查，建議精進我國檢查員訓練制度。"]
    # The appendix the body lacks stays, ranked down; no entry is a heading.
    assert section_of(report, "目錄") == ["附錄 B 港口國管制檢查清單"]
    assert [p.section_label for p in report.passages if p.section[0].level] == [
        "壹、研習目的", "貳、一、課程內容", "貳、二、實地參訪", "參、心得與建議", "附錄 A 課程表"]
    every_line_lands(TRAINING_COURSE, report)


BILATERAL_MINUTES = """\
臺日漁業委員會第 8 次會議
出國報告

派赴國家/地區：日本東京
出國人員：黃志遠 副處長 吳佩珊 技正 劉國華 專員
報告日期：2024.3.15

行政院及所屬各機關出國報告提要

出國報告名稱：臺日漁業委員會第 8 次會議出國報告
頁數：10　含附件：否
出國計畫主辦機關：農業部漁業署
出國類別：☐考察 ☐進修 ☐研究 ☐實習 ☑其他（雙邊諮商）
出國期間：113年1月22日至1月26日
關 鍵 詞：臺日漁業協議、漁業委員會

壹、會議目的．．．．．．．．．．．．Ⅰ
貳、會議經過．．．．．．．．．．．．Ⅱ
參、建議事項．．．．．．．．．．．．Ⅴ

提要

雙方就協議水域作業規則進行諮商，同意維持現行規則。

我方並提出漁船緊急避難案件之處理，日方允予研議。

壹、會議目的

依臺日漁業協議召開第 8 次漁業委員會。

貳、會議經過

雙方確認上年度作業規則之執行情形。

參、建議事項

建議持續蒐集漁民意見，作為下次諮商之準備。
"""


def test_minutes_with_a_ticked_form_and_an_untitled_contents_page():
    report = parse_report(BILATERAL_MINUTES, "k")
    # A title whose second line is 出國報告 is still title.
    assert report.title == "臺日漁業委員會第 8 次會議出國報告"
    assert report.agency == "農業部漁業署"
    assert report.report_date_iso == "2024-03-15"
    assert (report.trip_type, report.trip_type_written) == ("其他", "雙邊諮商")
    assert report.place == "日本東京"
    assert report.authors == ["黃志遠 副處長", "吳佩珊 技正", "劉國華 專員"]
    assert report.keywords == ["臺日漁業協議", "漁業委員會"]
    assert len(section_of(report, "摘要")) == 2
    assert section_of(report, "目錄") == []  # every entry is a heading of the body
    assert [p.section_label for p in report.passages if p.section[0].level] == [
        "壹、會議目的", "貳、會議經過", "參、建議事項"]
    every_line_lands(BILATERAL_MINUTES, report)


@pytest.mark.parametrize("value, people", [
    ("陳翠琴副組長 張淑絹簡任稽核", ["陳翠琴副組長", "張淑絹簡任稽核"]),
    ("林怡君 科長、黃志明 技正", ["林怡君 科長", "黃志明 技正"]),
    ("林怡君 科長 黃志明 技正", ["林怡君 科長", "黃志明 技正"]),
    ("副組長 陳翠琴 簡任稽核 張淑絹", ["副組長 陳翠琴", "簡任稽核 張淑絹"]),
    ("財政部關務署 副組長 陳翠琴 電話：02-25505500 轉 2701", ["財政部關務署 副組長 陳翠琴"]),
    ("陳建志　船舶檢查員\n林美玲　科長", ["陳建志 船舶檢查員", "林美玲 科長"]),
    ("王大明，李小華；張淑芬", ["王大明", "李小華", "張淑芬"]),
    ("陳雅婷／防疫檢疫署／檢疫組／簡任技正", ["陳雅婷／防疫檢疫署／檢疫組／簡任技正"]),
    # a form's columns with each traveller's telephone, a number alone
    ("張淑芬　健保署　醫務管理組　副組長　(02)2706-5866#2610\n"
     "李冠廷　健保署　科長　02-2706-5866 分機 2631",
     ["張淑芬 健保署 醫務管理組 副組長", "李冠廷 健保署 科長"]),
])
def test_travellers_split_into_people(value, people):
    from rsearch.corpus.people import split_people

    assert split_people(value) == people


@pytest.mark.parametrize("line, text, strong", [
    ("壹、目的………………1", "壹、目的", True),
    ("壹、目的……1", "壹、目的", True),
    ("附錄 B 問卷調查結果 …… 6", "附錄 B 問卷調查結果", True),
    ("貳、過程..2", "貳、過程", True),
    ("貳、過程．．．．１２", "貳、過程", True),
    ("一、行程‥‥‥3", "一、行程", True),
    ("一、行程·····iii", "一、行程", True),
    ("參、建議 ───── Ⅴ", "參、建議", True),
    ("參、建議 . . . . . . 7", "參、建議", True),
    ("第一章　前言　１", "第一章\u3000前言", True),
    ("第一章 前言\t1", "第一章 前言", True),
    ("第一章 前言      12", "第一章 前言", True),
    ("第一章 前言 1", "第一章 前言", False),
])
def test_contents_entries_of_every_leader(line, text, strong):
    entry = entry_of(line)
    assert (entry.text, entry.strong) == (text, strong)


@pytest.mark.parametrize("line", ["出國期間：112 年 6 月 19 日至 6 月 25 日", "頁數：12",
                                  "研習會為期 4 天，共 6 個場次。", "2023-08-30", "等..", ""])
def test_lines_that_are_no_contents_entry(line):
    assert entry_of(line) is None


@pytest.mark.parametrize("text, iso_date", [
    ("中華民國 112 年 8 月 30 日", "2023-08-30"), ("１１２年８月３０日", "2023-08-30"),
    ("2023/08/30", "2023-08-30"), ("112.8.30", "2023-08-30"), ("2023-08-30", "2023-08-30"),
    ("中華民國一一二年八月三十日", "2023-08-30"), ("一百零五年十月二十日", "2016-10-20"),
    ("中華民國 108 年 12 月", "2019-12"),
])
def test_report_dates_in_every_variant(text, iso_date):
    from rsearch.corpus.dates import parse_date

    assert parse_date(text) == iso_date


@pytest.mark.parametrize("line, field", [
    ("派赴國家/地區：日本", ("country", "日本")),
    ("出國人員姓名／服務機關／單位／職稱：王大明", ("authors", "王大明")),
    ("關 鍵 詞：APEC", ("keywords", "APEC")),
    ("報告完成日期: 113年1月2日", ("report_date", "113年1月2日")),
    ("Keywords: WTO", ("keywords", "WTO")),
    ("本次會議主題：數位貿易", None),
])
def test_field_labels_in_other_wordings(line, field):
    assert field_of(line) == field


def test_a_table_row_gives_its_fields():
    from rsearch.corpus.fields import table_lines

    assert table_lines("│出國類別│■開會 □考察│出國期間│112年6月│") == [
        "出國類別：■開會 □考察", "出國期間：112年6月"]
    assert table_lines("｜　　　　｜李小華 技正｜") == ["李小華 技正"]
    assert table_lines("姓名\t職稱") == ["姓名 職稱："]
    assert table_lines("赴日本研習") is None


# PDF is left out: PDFium loses whole lines of the harness's short, non-embedded-font
# pages (formats/pdf.py falls back to pypdf only past 160 characters a line).
@pytest.mark.parametrize("form", ["wrapped", "docx", "odt"])
@settings(max_examples=max(10, LAYOUTS // 12), deadline=None, report_multiple_bugs=False,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(front=fronts(), layout=layouts())
def test_front_matter_reads_back_in_every_format(form, front, layout, tmp_path_factory):
    from rsearch.corpus import read_report

    from .report_forms import write_form

    # The published forms repeat the first line on every page as a running
    # header: let it be the form's heading, not a piece of the title.
    layout.boilerplate = layout.boilerplate or 2
    if form == "wrapped" and layout.cover == "columns":
        # A print narrower than a two-column cover breaks the right column's
        # values onto lines of their own, under the left one: not read.
        layout.cover = "fields"
    folder = tmp_path_factory.mktemp("layout")
    source = folder / "report.txt"
    source.write_text(render(front, layout), encoding="utf-8")
    report = read_report(write_form(source, form, folder / form))
    assert squash(report.title) == squash(front.title)
    assert (report.agency, report.report_date_iso, report.trip_type) == (
        AGENCIES[front.agency][0], iso(front), front.kind)
    assert [squash(a) for a in report.authors] == expected_people(front, layout)
    assert report.keywords == front.keywords
    assert [squash(p) for p in section_of(report, "摘要")] == [squash(p) for p in front.abstract]
    headings = {h.text for p in report.passages for h in p.section if h.level}
    assert headings <= {heading for heading, _ in BODY}


def test_the_body_starts_at_the_first_line_that_repeats_a_contents_entry():
    # Whatever numbering its headings use: the cover's lines stop there.
    text = ("出國報告名稱：赴英國研究海關風險管理模型\n主辦機關：財政部關務署\n"
            "報告日期：113年5月1日\n\n目錄\n甲、前言……1\n乙、研究過程……2\n\n"
            "甲、前言\n\n本文說明研究緣起。\n\n乙、研究過程\n\n研究期間蒐集資料。\n")
    report = parse_report(text, "k")
    assert (report.title, report.agency, report.abstract) == (
        "赴英國研究海關風險管理模型", "財政部關務署", "")
    assert [p.text for p in report.passages][0] == (
        "出國報告名稱：赴英國研究海關風險管理模型\n主辦機關：財政部關務署\n報告日期：113年5月1日")
    assert sum("本文說明研究緣起" in p.text for p in report.passages) == 1


def test_a_field_after_other_text_on_its_line():
    report = parse_report("赴日本研習港口保全\n\n交通部航港局　報告日期：113年2月1日\n\n"
                          "壹、目的\n\n研習港口保全。\n", "k")
    assert (report.title, report.agency, report.report_date_iso) == (
        "赴日本研習港口保全", "交通部航港局", "2024-02-01")
    assert report.passages[0].text == "赴日本研習港口保全\n交通部航港局\n報告日期：113年2月1日"


def test_a_name_cut_by_the_page_width_after_two_characters_is_one_traveller():
    # 陳怡 could be a name of its own, but a line cannot start with a one-character one.
    text = ("出國報告名稱：出席世界關務組織政策委員會會議報告\n"
            "出國人員：王大明 研究員、李小華 研究員、陳怡\n君 科長\n報告日期：100年1月\n")
    assert [squash(a) for a in parse_report(text, "k").authors] == [
        "王大明研究員", "李小華研究員", "陳怡君科長"]


@pytest.mark.parametrize("title", ["目錄", "目次", None])
@pytest.mark.parametrize("place", ["after-cover", "before-abstract", "after-abstract"])
@pytest.mark.parametrize("extra_entry", [False, True])
@pytest.mark.parametrize("bare", [True, False])
def test_a_contents_page_of_entries_alone(title, place, extra_entry, bare):
    # Neither leaders nor page numbers (or one plain space before the page),
    # titled or not: the run of lines that the headings after it repeat in
    # order is the contents page, never the body's structure; an entry no
    # heading repeats is kept.
    front = Front("出席世界關務組織第 85 屆政策委員會會議報告", "開會", 0, [("王大明", "科長")],
                  (112, 7, 3), ["港口保全", "風險管理"], [SENTENCES[0], SENTENCES[1]])
    layout = Layout("：", [], 0, False, "fields", "box", [0, 1, 2, 3, 4], "comma", " ", 0,
                    False, False, -1, "front", "摘要", True, "關鍵詞：", title, PLAIN_SPACE,
                    "arabic", place, 0, False, False, False, extra_entry, False, bare_entries=bare)
    check(front, layout)


def test_a_list_in_the_body_that_its_subheadings_repeat_is_no_contents_page():
    text = ("出國報告\n\n壹、會議過程\n本次會議議程如下。\n一、開幕式\n二、第一場次\n三、閉幕式\n\n"
            "一、開幕式\n主席致詞。\n\n二、第一場次\n討論風險管理。\n\n三、閉幕式\n通過結論。\n")
    report = parse_report(text, "k")
    assert section_of(report, "目錄") == []
    assert [e.heading.title for e in report.outline][:1] == ["會議過程"]
    every_line_lands(text, report)


def test_a_plain_text_cover_with_a_tab_itinerary_and_the_form_after_its_contents():
    """A plain-text cover whose itinerary's rows are parted by tabs (第一天
    <tab>臺北→東京 reads as a day's heading alone), then the contents and the
    提要 form: the rows are no heading where the body starts nor a contents
    page's first heading, so the form's abstract ends at the body's first
    heading and the body reads as written."""
    text = "\n".join([
        "行政院所屬各機關因公出國人員出國報告書", "（出國類別：考察）", "",
        "赴日本考察港口保全及風險管理制度報告", "行程表", "日次\t行程\t備註",
        "第一天\t臺北→橫濱\t啟程", "第二天\t橫濱\t拜會港務局", "第三天\t橫濱→臺北\t返程", "",
        "服務機關：交通部航港局", "出國人員：陳建志　科長", "出國期間：113年5月6日至5月8日",
        "報告日期：中華民國113年7月1日", "", "目錄", "",
        "壹、目的……1", "貳、過程……2", "參、心得與建議……3", "",
        "行政院及所屬各機關出國報告提要", "",
        "出國報告名稱：赴日本考察港口保全及風險管理制度報告",
        "出國計畫主辦機關：交通部航港局", "出國人：陳建志　科長",
        "出國類別：□開會 ■考察 □研習 □其他", "出國期間：113年5月6日至5月8日",
        "報告日期：中華民國113年7月1日", "關鍵詞：港口保全、風險管理", "內容摘要",
        "本次考察橫濱港之港口保全措施及風險管理制度。", "",
        "壹、目的", "", "瞭解日本港口保全之作業程序。", "",
        "貳、過程", "", "拜會橫濱港務局，聽取簡報並參觀管制中心。", "",
        "參、心得與建議", "", "建議參考日本經驗，檢討我國港口保全作業。", ""])
    report = parse_report(text, "k")
    assert report.title == "赴日本考察港口保全及風險管理制度報告"
    assert report.abstract == "本次考察橫濱港之港口保全措施及風險管理制度。"
    assert report.keywords == ["港口保全", "風險管理"]
    assert [(p.section_label, p.text) for p in report.passages if p.section[0].level] == [
        ("壹、目的", "瞭解日本港口保全之作業程序。"),
        ("貳、過程", "拜會橫濱港務局，聽取簡報並參觀管制中心。"),
        ("參、心得與建議", "建議參考日本經驗，檢討我國港口保全作業。")]


@pytest.mark.parametrize("table_style", ["box", "bar", "fullbar", "heavy"])
@pytest.mark.parametrize("names_last", [False, True])
def test_a_travellers_table_with_a_column_of_their_roles(table_style, names_last):
    """A last column of roles (團長, 團員: 團員 is also a label's word) under a
    header whose words are spaced out (姓　名, 任　務): each row one traveller."""
    front = Front("出席世界關務組織第 85 屆政策委員會會議報告", "開會", 5,
                  [("王大明", "國家發展委員會綜合規劃處副處長"), ("李小華", "科長"),
                   ("陳怡君", "技正")],
                  (112, 7, 3), ["港口保全", "風險管理"], [SENTENCES[0]])
    layout = Layout("：", [], 4, False, "table", table_style, [0, 1, 2, 3, 4], "header", " ", 0,
                    False, False, -1, "front", "摘要", True, "關鍵詞：", "目錄", 0,
                    "arabic", "after-cover", 0, False, False, False, False, False,
                    names_last=names_last, roles=True)
    check(front, layout)
    assert expected_people(front, layout)[1] == (
        "科長李小華團員" if names_last else "李小華科長團員")


@settings(max_examples=max(30, LAYOUTS // 4), deadline=None, report_multiple_bugs=False,
          suppress_health_check=[HealthCheck.too_slow])
@given(fronts(), layouts(), st.booleans(), st.booleans(), st.booleans())
def test_one_line_covers_slashed_travellers_and_two_column_contents(
        front, layout, one_line, slash_people, contents_columns):
    """The cover's fields on one line parted by a spaced slash, travellers
    written name／rank, a contents page in two columns: drawn apart from the
    main property, so that its examples stay what they were."""
    layout.one_line, layout.slash_people = one_line, slash_people
    layout.contents_columns = contents_columns
    check(front, layout)


@settings(max_examples=max(20, LAYOUTS // 8), deadline=None, report_multiple_bugs=False,
          suppress_health_check=[HealthCheck.too_slow])
@given(fronts(), layouts())
def test_a_forms_travellers_with_their_telephones_on_the_lines_under_them(front, layout):
    """The 提要 form's travellers one a line, each telephone pushed onto the
    line under it (unseen21): no telephone is read as a traveller. Drawn
    apart from the main property, so that its examples stay what they were."""
    layout.form, layout.people_style, layout.phones = True, "lines", True
    check(front, layout)


def test_a_two_column_contents_row_opening_with_the_form_s_title_is_two_entries():
    """A draw of the property above (RSEARCH_LAYOUTS=3000, seed 1): a contents
    page in two columns, page numbers a space after their entries, whose first
    row lists the 提要 form by its title beside a numbered heading
    (`行政院及所屬各機關出國報告提要 1　　　　一、行程概要 4`). The form's title
    was not read as naming a part, so the row was no two entries and stayed a
    passage of the contents page: the form's title names a part as 摘要 does."""
    from rsearch.corpus.contents import column_entries

    row = "行政院及所屬各機關出國報告提要 1\u3000\u3000\u3000\u3000一、行程概要 4"
    assert [(e.text, e.column) for e in column_entries(row)] == [
        ("行政院及所屬各機關出國報告提要", 0), ("一、行程概要", 1)]
    front = Front("出席世界關務組織第 85 屆政策委員會會議報告", "開會", 0, [("王大明", "科長")],
                  (100, 1, None), ["港口保全", "風險管理"],
                  ["本次出國係依年度計畫辦理，與各國代表交流制度與實務。"])
    layout = Layout("：", [], 0, False, "plain", "box", [0, 1, 2, 3, 4], "comma", " ", 0,
                    False, True, 0, "form", "", False, "關鍵詞：", "目錄", 19,
                    "arabic", "after-cover", 0, False, False, False, False, False,
                    form_entry=True, contents_columns=True)
    check(front, layout)
