"""Reports in layouts no earlier fixture has (tests/fixtures/unseen4): an air
navigation provider's meeting report with 第1章 chapters, 1-1 sections and
㈠ items, a cover of 服務機關 / 出國人員（姓名／職稱） with names before ranks
and dotted dates (114.05.12), a contents page after the abstract, hard wraps
at 38 characters cut by 第 n 頁／共 m 頁, 註n marks after a sentence's end
and the 提要 form at the end; a fisheries agency's visit with 甲、乙、丙 parts,
⑴ items, a travellers' table lined up by spaces (服務機關 職稱 姓名), indented
hard wraps and [n] notes; a city's factory acceptance test with Chapter n,
1-1 and 1-1-1 sections, bracketed English names, one line a paragraph cut by
Page n of m and Appendix A/B."""

import pytest
from rsearch.corpus import parse_report
from rsearch.corpus.footnotes import without_cited_mark
from rsearch.corpus.formats.model import Line
from rsearch.corpus.headings import match_heading
from rsearch.corpus.paragraphs import was_wrapped
from rsearch.corpus.people import split_people


def outline(text):
    return [(e.heading.level, e.heading.label, e.heading.title)
            for e in parse_report(text, "k").outline]


def test_a_note_mark_after_a_sentence_end_closes_it():
    """`…碳排放。註1` ends its sentence: the decimal-like heading after it is one."""
    text = ("第1章　前言\n\n1-1　緣起\n\n會議於曼谷舉行，以減少碳排放。註1\n1-2　行程\n\n"
            "行程五日。[2]\n"
            "1-3　心得\n\n心得如下。¹\n")
    assert outline(text) == [(1, "第1章", "前言"), (2, "1-1", "緣起"), (2, "1-2", "行程"),
                             (2, "1-3", "心得")]
    assert without_cited_mark("以減少碳排放。（註3）") == "以減少碳排放。"
    assert without_cited_mark("依第[1]條") == "依第[1]條"  # no sentence ended before it


@pytest.mark.parametrize(("line", "found"), [
    ("2-1　日本水產廳", ("hyphen-2", "2-1", "日本水產廳")),
    ("2-2　周邊活動：分享會", ("hyphen-2", "2-2", "周邊活動：分享會")),
    ("1-1　年度計畫", ("hyphen-2", "1-1", "年度計畫")),
    ("2-1-3　靜態功能測試", ("hyphen-3", "2-1-3", "靜態功能測試")),
    ("3-5 月間", None), ("10-12 人之", None), ("1-2 年內", None), ("3-5 天", None),
    ("Chapter 2　驗收測試紀要 Test Records", ("chapter", "Chapter2", "驗收測試紀要 Test Records")),
    ("甲、考察目的", ("stem", "甲、", "考察目的")),
    ("（乙）考察行程", ("stem-paren", "(乙)", "考察行程")),
    ("②衛生管理型市場", ("circled", "②", "衛生管理型市場")),
    ("①首列車之工廠驗收測試係發現設計缺失之最佳時機，本次開立之七件", None),
])
def test_hyphen_chapter_stem_and_circled_families(line, found):
    assert match_heading(line) == found


def test_a_bracket_that_opens_a_latin_name_moves_with_it_to_the_next_line():
    """A wrapper never ends a line with （: the line before stops short."""
    last = Line("全體大會之專題演講由ICAO亞太區域辦公室代表說明亞太無縫空中航行計畫")
    line = Line("（Asia/Pacific Seamless ANS Plan）之推動進度，強調各ANSP應於2025年底前完成")
    assert was_wrapped(last, line, 76)
    assert not was_wrapped(last, Line("（附件）之推動進度"), 76)


def test_agency_from_the_form_heading_that_also_names_the_trip_type():
    text = ("農業部漁業署出國報告（出國類別：考察）\n\n赴日本考察漁港報告\n\n"
            "出國期間：民國113年10月21日至10月26日\n報告日期：民國113年12月20日\n\n"
            "甲、考察目的\n\n瞭解制度。\n")
    report = parse_report(text, "k")
    assert (report.agency, report.trip_type, report.report_date_iso) == (
        "農業部漁業署", "考察", "2024-12-20")


def test_travellers_lined_up_under_a_header_in_any_column_order():
    text = ("赴日本考察漁港報告\n\n出國人員：\n服務機關　　　　職稱　　姓名\n"
            "農業部漁業署　　副署長　黃建民\n高雄市政府海洋局　技正　劉冠宏\n"
            "報告日期：民國113年12月20日\n\n甲、考察目的\n\n瞭解制度。\n")
    assert parse_report(text, "k").authors == ["農業部漁業署 副署長 黃建民",
                                               "高雄市政府海洋局 技正 劉冠宏"]


@pytest.mark.parametrize(("value", "people"), [
    ("趙國華　副總臺長\n許雅婷　航管組組長", ["趙國華 副總臺長", "許雅婷 航管組組長"]),
    ("機電系統工程處　正工程司　吳志遠\n機電系統工程處　幫工程司　陳品妤",
     ["機電系統工程處 正工程司 吳志遠", "機電系統工程處 幫工程司 陳品妤"]),
])
def test_heads_of_a_station_and_a_city_engineering_grade_are_ranks(value, people):
    assert split_people(value) == people


def test_places_of_an_acceptance_test_are_sites_named_in_any_brackets():
    text = ("Chapter 1　緒論\n\n說明。\n\nChapter 2　驗收測試紀要 Test Records\n\n"
            "2-1　雷焦卡拉布里亞車廠 [Reggio Calabria Plant]\n\n2-1-1　車體檢查\n\n量測。\n\n"
            "2-2　皮斯托亞測試軌道【Pistoia Test Track】\n\n測試。\n\n"
            "Chapter 3　心得及建議\n\n建議。\n")
    units = [(m.kind, m.key, m.names[1]) for m in parse_report(text, "k").meetings]
    assert units == [("site", "雷焦卡拉布里亞車廠", "Reggio Calabria Plant"),
                     ("site", "皮斯托亞測試軌道", "Pistoia Test Track")]


def test_tests_under_a_test_part_are_no_sites():
    """Only a child that names a body or place is one: 靜態測試 is what was done."""
    text = ("壹、目的\n\n說明。\n\n貳、測試紀要\n\n一、靜態測試\n\n量測。\n\n"
            "二、動態測試\n\n測試。\n")
    assert parse_report(text, "k").meetings == []


def test_the_form_at_the_end_is_front_matter():
    text = ("出國報告（出國類別：開會）\n\n出席會議報告\n\n服務機關：交通部民用航空局\n\n"
            "第1章　前言\n\n會議舉行。\n\n附錄一　會議議程\n\n議程如下。\n\n出國報告提要\n\n"
            "出國報告名稱：出席會議報告\n出國人員：趙國華、許雅婷\n出國類別：開會\n"
            "報告日期：民國114年7月8日\n關鍵詞：CANSO、ATFM\n")
    report = parse_report(text, "k")
    assert (report.report_date_iso, report.authors, report.keywords) == (
        "2025-07-08", ["趙國華", "許雅婷"], ["CANSO", "ATFM"])
    assert [p.text for p in report.passages if p.section[-1].title == "會議議程"] == ["議程如下。"]


def test_a_keyword_cut_by_the_wrap_is_read_whole():
    filler = "本次會議討論區域流量管理網路之擴展與安全績效指標之共同定義，並規劃後續之合作。"
    text = ("出席會議報告\n\n服務機關：交通部民用航空局\n報告日期：114.07.08\n\n"
            f"{filler[:36]}\n{filler[36:]}\n\n"
            "關鍵詞：CANSO、飛航服務提供者、航空交通流量管理、安全績效指標、無人\n機交通管理\n\n"
            "第1章　前言\n\n" + "".join(f"{filler[:36]}\n{filler[36:]}\n\n" for _ in range(4)))
    assert parse_report(text, "k").keywords == ["CANSO", "飛航服務提供者", "航空交通流量管理",
                                                "安全績效指標", "無人機交通管理"]
