"""Reports in layouts no earlier fixture has (tests/fixtures/unseen13): a
quarantine agency's training course (出國報告書, travellers as 職稱　姓名,
dates as 114.9.8, an executive summary cut by a page, a contents page with a
頁次 column, days as （一）第1天　114.9.8（一）　<topic> under parts, +---+
tables, 註釋), an environment ministry's COP30 side events (cover labels in
English alone, dates in Chinese numerals, 1. / (a) headings, paragraphs
indented by a tab and set apart by lines of spaces, lines with trailing
spaces) and a city fire bureau's study visit (the report date first on the
cover, 第一站 … 第五站 sites, a Q1：/A1： record, a numbered itinerary)."""

import pytest
from rsearch.corpus import parse_report
from rsearch.corpus.datelines import title_day_names
from rsearch.corpus.fields import field_of

from .fixture_sets import outline, squash, units


@pytest.mark.parametrize("line, field", [
    ("Title:        參加締約方大會周邊會議報告", ("title", "參加締約方大會周邊會議報告")),
    ("Agency: 環境部氣候變遷署", ("service_agency", "環境部氣候變遷署")),
    ("Travellers:   副署長　王建中", ("authors", "副署長　王建中")),
    ("Report Date:  民國一一五年一月十六日", ("report_date", "民國一一五年一月十六日")),
    ("Period: 114.11.9-114.11.22", ("period", "114.11.9-114.11.22")),
    ("Destination:  巴西貝倫", ("place", "巴西貝倫")),
    ("Summary: 本署派員出席", ("abstract", "本署派員出席")),
    ("Note: 本報告僅供參考", None),
])
def test_cover_labels_in_english_alone_name_their_fields(line, field):
    assert field_of(line) == field


def test_a_cover_labelled_in_english_alone_gives_its_fields():
    text = ("出國報告（出國類別：開會）\n\n\nTitle:        參加第30次締約方大會周邊會議報告\n"
            "Agency:       環境部氣候變遷署\nTravellers:   副署長　王建中\n"
            "              科長　許雅雯\n"
            "Destination:  巴西貝倫\nPeriod:       民國一一四年十一月九日至十一月二十二日\n"
            "Report Date:  民國一一五年一月十六日\n\n\n1. 前言\n\n本署派員出席大會。\n")
    report = parse_report(text, "k")
    assert (report.title, report.agency, report.report_date_iso, report.trip_type) == (
        "參加第30次締約方大會周邊會議報告", "環境部氣候變遷署", "2026-01-16", "開會")
    assert report.authors == ["副署長 王建中", "科長 許雅雯"]


def test_a_visit_part_over_days_is_a_stretch_of_the_trip_not_a_site():
    """三、<city>參訪 over （一）第8天 … days: the days are the units, the
    part over them none; the same title over no days stays a site."""
    text = ("出國報告\n\n研習報告\n\n貳、研習過程\n\n一、每日課程紀要\n\n"
            "（一）第1天　114.9.8（一）　概論\n\n講授概論。\n\n二、布里斯本參訪\n\n"
            "（一）第2天　114.9.9（二）　機場檢查站\n\n參觀檢查站。\n\n"
            "（二）第3天　114.9.10（三）　處理設施\n\n參觀處理廠。\n")
    assert [kind for kind, _ in units(parse_report(text, "k"))] == ["day", "day", "day"]
    text = ("出國報告\n\n考察報告\n\n貳、考察過程\n\n一、布里斯本參訪\n\n參觀檢查站。\n\n"
            "二、雪梨參訪\n\n參觀港口。\n")
    assert units(parse_report(text, "k")) == [("site", "布里斯本參訪"), ("site", "雪梨參訪")]


@pytest.mark.parametrize("title, names", [
    ("第9天　114.9.18（四）　輻射照射處理設施",
     ["2025-09-18", "9月18日", "2025年9月18日", "114年9月18日"]),
    ("Day 2 2025.9.14 港口參訪", ["2025-09-14", "9月14日", "2025年9月14日", "114年9月14日"]),
    ("第3天　1.1.2 方法", []),
    ("第3天　ISPM 28.1.2", []),
])
def test_a_day_dated_with_a_dotted_year_answers_to_its_date(title, names):
    assert title_day_names(title) == names


def test_a_course_day_under_a_dotted_roc_date_is_found_by_its_month_and_day():
    text = ("出國報告\n\n研習報告\n\n貳、研習過程\n\n"
            "（一）第1天　114.9.8（一）　概論\n\n講授概論。\n\n"
            "（二）第2天　114.9.9（二）　分類\n\n講授分類。\n")
    report = parse_report(text, "k")
    assert [("9月8日" in u.names, "9月9日" in u.names) for u in report.meetings] == [
        (True, False), (False, True)]


@pytest.mark.parametrize("indent", ["", "　　"])
def test_a_q_and_a_record_after_a_lead_in_is_a_passage_a_question(indent):
    """Q1：/A1： lines after a lead-in's colon, pairs set apart by blank lines,
    on a page whose paragraphs open indented or not: the lead-in is its own
    passage and each question with its answer one more."""
    text = ("出國報告\n\n考察報告\n\n壹、考察紀要\n\n第三站　消防技術安全所\n\n"
            f"{indent}該所負責消防裝備之開發、\n火災原因之鑑定。\n\n"
            f"{indent}座談時，本局人員就鋰電池火災提出問題，問答紀錄如下：\n\n"
            "Q1：鋰電池火災之起火原因如何鑑定？\nA1：除現場燒損痕跡外，須以X光電腦\n"
            "斷層掃描檢視。\n\nQ2：搶救電動車火災時，用水量為何？\nA2：約為燃油車之十倍。\n\n"
            "第四站　橫濱市消防局\n\n"
            f"{indent}高度救助隊配置於鶴見區。\n")
    assert [squash(p.text) for p in parse_report(text, "k").passages][2:5] == [squash(t) for t in (
        "座談時，本局人員就鋰電池火災提出問題，問答紀錄如下：",
        "Q1：鋰電池火災之起火原因如何鑑定？A1：除現場燒損痕跡外，須以X光電腦斷層掃描檢視。",
        "Q2：搶救電動車火災時，用水量為何？A2：約為燃油車之十倍。")]


COVER = ("農業部動植物防疫檢疫署出國報告書\n（出國類別：研習）\n\n\n赴澳洲參加國際訓練課程\n\n\n"
         "出國人員：技正　劉怡君\n服務機關：農業部動植物防疫檢疫署\n報告日期：114.11.28\n\n\n\n")


@pytest.mark.parametrize("title", ["執行摘要", "Executive Summary",
                                   "執行摘要（Executive Summary）"])
def test_an_executive_summary_is_the_abstract_first_line_and_all(title):
    text = (COVER + f"{title}\n\n澳洲農漁林業部（Department of Agriculture, DAFF）\n"
            "每年與亞太植物保護委員會合辦訓練課程。\n\n壹、前言\n\n本署派員參訓。\n")
    report = parse_report(text, "k")
    assert [(p.section[-1].text, squash(p.text)) for p in report.passages if "DAFF" in p.text] == [
        ("摘要", squash("澳洲農漁林業部（Department of Agriculture, DAFF）每年與亞太植物保護委員會"
                      "合辦訓練課程。"))]
    assert field_of("執行摘要：本署派員參訓。") == ("abstract", "本署派員參訓。")


@pytest.mark.parametrize("title", ["目　　次\n", ""])
def test_a_page_column_header_over_a_contents_page_is_part_of_the_page(title):
    """頁次 over the page numbers, lined up right by spaces, with or without
    the page's title: no passage, and the body starts at its first heading."""
    pad = " " * 40
    text = (COVER + title + pad + "　　頁次\n執行摘要" + pad + "　　　 i\n"
            "壹、前言" + pad + "　　　 1\n貳、研習過程" + pad + "　 3\n\n\n"
            "執行摘要\n\n本署派員參訓。\n\n壹、前言\n\n本署派員參訓。\n\n"
            "貳、研習過程\n\n課程計十日。\n")
    report = parse_report(text, "k")
    assert [p.text for p in report.passages if "頁次" in p.text] == []
    assert outline(report) == [(1, "壹、前言"), (1, "貳、研習過程")]
