"""Reports in layouts no earlier fixture has (tests/fixtures/unseen17): a
financial supervisor's six-month fellowship written as monthly logs (`§1` /
`§2.1` headings, the cover's fields on one line parted by `　／　`, a
two-column contents page, 民國 dates in Chinese numerals, `第 n 頁，共 m 頁`
cutting paragraphs), an agriculture agency's rounds of talks (第一部分 over
Ａ． over ① positions, travellers as 單位／職稱／姓名) and an immigration
agency's course written in English under Chinese headings marked as Markdown
marks them (`# 壹、前言`, `## 一、緣起`), with a Chinese and an English
abstract and `- n / m -` page numbers."""

from rsearch.corpus import parse_report
from rsearch.corpus.fields import fields_of
from rsearch.corpus.formats.model import Line
from rsearch.corpus.headings import match_heading
from rsearch.corpus.marks import unhashed
from rsearch.corpus.page_numbers import is_page_number
from rsearch.corpus.people import split_people

from .fixture_sets import outline, units


def test_markdown_marks_are_a_headings_level_not_its_text():
    assert unhashed(Line("## 一、研習緣起")) == Line("一、研習緣起", heading=2)
    assert unhashed(Line("# Abstract")) == Line("Abstract", heading=1)
    for text in ("#1 優先事項", "# 本段以井字號開頭，是一句話。", "C# 程式語言"):
        assert unhashed(Line(text)) == Line(text)
    report = parse_report(
        "內政部移民署出國報告\n\n赴澳洲研習報告\n\n服務機關：內政部移民署\n\n"
        "# 壹、前言 Introduction\n\n## 一、研習緣起\n\nThe agency sent two officers.\n\n"
        "## 二、研習目的\n\nTo learn how the ABF targets travellers.\n\n"
        "# 貳、研習課程 Programme\n\n## 一、10月13日（週一）　邊境風險評估\n\n"
        "Risk profiles are built from past detections.\n", "k")
    assert outline(report) == [
        (1, "壹、前言Introduction"), (2, "一、研習緣起"), (2, "二、研習目的"),
        (1, "貳、研習課程Programme"), (2, "一、10月13日(週一)邊境風險評估")]
    assert not any("#" in p.text for p in report.passages)


def test_a_page_number_and_its_total_between_dashes():
    assert is_page_number("- 3 / 18 -")
    assert is_page_number("— 3/18 —")
    assert not is_page_number("- 18 / 3 -")  # no page past the last
    text = "\n\n".join(["壹、前言", "甲" * 30 + "。", "- 1 / 3 -", "貳、緣起", "乙" * 30 + "。",
                        "- 2 / 3 -", "參、建議", "丙" * 30 + "。", "- 3 / 3 -"])
    report = parse_report(text, "k")
    assert not any("/ 3" in p.text for p in report.passages)


def test_travellers_as_a_name_and_a_post_apart_by_a_slash():
    assert split_people("鄭文豪／國境事務大隊科長、蘇怡君／移民資訊組專員") == [
        "鄭文豪／國境事務大隊科長", "蘇怡君／移民資訊組專員"]
    assert split_people("農業部農糧署糧食產業組／組長／林建志\n農業部國際事務司／專員／黃冠霖") == [
        "農業部農糧署糧食產業組／組長／林建志", "農業部國際事務司／專員／黃冠霖"]
    assert split_people("王大明／科長 李小華／技正") == ["王大明／科長", "李小華／技正"]
    assert split_people("財政部關務署／副組長 陳翠琴") == ["財政部關務署／副組長 陳翠琴"]
    # a rank and a rank apart by a slash stay the post of the name above
    assert split_people("林怡君 科長\n副組長／簡任稽核") == ["林怡君 科長 副組長／簡任稽核"]


def test_cover_fields_on_one_line_parted_by_spaced_slashes():
    line = ("服務機關：金融監督管理委員會銀行局　／　姓名職稱：陳柏宇　科長　／　派赴國家：英國"
            "　／　報告日期：中華民國一百一十四年十月六日")
    assert fields_of(line) == ("", [("service_agency", "金融監督管理委員會銀行局"),
                                    ("names", "陳柏宇\u3000科長"), ("country", "英國"),
                                    ("report_date", "中華民國一百一十四年十月六日")])
    report = parse_report("金融監督管理委員會出國報告（出國類別：進修）\n\n赴英國進修報告\n\n"
                          + line + "\n\n§1　前言\n\n本會選派人員赴英進修。\n", "k")
    assert (report.agency, report.authors, report.report_date_iso) == (
        "金融監督管理委員會銀行局", ["陳柏宇 科長"], "2025-10-06")


def test_sections_counted_after_a_section_sign():
    assert match_heading("§1　前言") == ("sign-decimal", "§1", "前言")
    assert match_heading("§2.1　第一個月（114年1月）　報到") == (
        "sign-decimal-2", "§2.1", "第一個月（114年1月）　報到")
    assert match_heading("§ 3.2.1 Scope") == ("sign-decimal-3", "§3.2.1", "Scope")
    report = parse_report("赴英國進修報告\n\n§1　前言\n\n§1.1　緣起\n\n本會選派人員。\n\n"
                          "§1.2　機構\n\n學院創立於1826年。\n\n§2　心得\n\n甚有收穫。\n", "k")
    assert outline(report) == [(1, "§1前言"), (2, "§1.1緣起"), (2, "§1.2機構"), (1, "§2心得")]


def test_months_of_a_long_stay_are_its_days():
    assert match_heading("第二個月（114年2月）　監理沙盒文獻研析")[:2] == ("day", "第二個月")
    assert match_heading("Month 4: Digital assets")[:2] == ("day", "Month 4")
    report = parse_report("赴英國進修報告\n\n一、前言\n\n本會選派人員。\n\n二、進修月誌\n\n"
                          "（一）第一個月（114年1月）　報到\n\n辦理報到。\n\n"
                          "（二）第二個月（114年2月）　文獻研析\n\n研析文獻。\n\n"
                          "三、心得\n\n甚有收穫。\n", "k")
    assert units(report) == [("day", "第一個月報到"), ("day", "第二個月文獻研析")]


def test_an_english_abstract_after_the_chinese_one():
    report = parse_report(
        "內政部移民署出國報告\n\n赴澳洲研習報告\n\n服務機關：內政部移民署\n\n摘要\n\n"
        "本署派員赴澳洲參加研習，學員來自14個國家。\n\nAbstract\n\n"
        "Two officers of the National Immigration Agency attended the International\n"
        "Border Management Programme of the Australian Border Force in Canberra.\n\n"
        "壹、前言\n\n本署派員。\n", "k")
    assert report.abstract.split("\n") == [
        "本署派員赴澳洲參加研習，學員來自14個國家。",
        "Two officers of the National Immigration Agency attended the International Border "
        "Management Programme of the Australian Border Force in Canberra."]


def test_a_contents_page_in_two_columns():
    from rsearch.corpus.contents import column_entries, entry_of

    line = "§1　前言 ………… 1　　　　　　§3　研究成果 ………… 15"
    assert [(e.text, e.column) for e in column_entries(line, 4)] == [
        ("§1　前言", 0), ("§3　研究成果", 1)]
    assert entry_of(line).text == "§1　前言"
    assert entry_of("§2.1　第一個月 … 3").text == "§2.1　第一個月"  # one leader, spaced
    assert [e.text for e in column_entries("壹、目的\ti　　　　二、會議討論\tiv")] == [
        "壹、目的", "二、會議討論"]  # tab leaders, Roman page numbers
    assert [e.text for e in column_entries("壹、目的 1　　　　二、會議討論 4")] == [
        "壹、目的", "二、會議討論"]  # one space before each page number
    assert column_entries("壹、前言……1") == []
    assert column_entries("項目　　2016年　　18件") == []  # a table's row
    report = parse_report(
        "赴英國進修報告\n\n目　錄\n\n§1　前言 …… 1　　　　§3　心得 …… 5\n"
        "§2　月誌 …… 2　　　　附件一　研究計畫 …… 7\n\n§1　前言\n\n本會選派人員。\n\n"
        "§2　月誌\n\n一月報到。\n\n§3　心得\n\n甚有收穫。\n\n"
        "附件一　研究計畫\n\n研究題目：沙盒\n", "k")
    assert outline(report) == [(1, "§1前言"), (1, "§2月誌"), (1, "§3心得"), (1, "附件一研究計畫")]
    assert not any(h.title == "目錄" for p in report.passages for h in p.section)


def test_contents_page_numbers_that_say_they_are_one():
    from rsearch.corpus.contents import entry_of

    assert entry_of("壹、前言 Introduction　p. 1").text == "壹、前言 Introduction"
    assert entry_of("壹、前言……p.3").text == "壹、前言"
    assert entry_of("Chapter 2 Methods  P.12").text == "Chapter 2 Methods"


def test_no_paragraph_joins_a_markdown_heading_over_typed_furniture():
    from rsearch.corpus.formats.furniture import joinable

    assert not joinable("training in identifying trafficking victims.", "# 壹、前言 Introduction")
    assert not joinable("in the Indo-Pacific since", "## Background")
    assert joinable("in the Indo-Pacific since", "2016, and the programme grew.")
