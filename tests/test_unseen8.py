"""Reports in layouts no earlier fixture has (tests/fixtures/unseen8): a power
company's plant visit (CRLF line ends, a cover whose labels stand before
their values with no colon and whose travellers run down under an empty
label column, `・` leaders with a roman-numbered abstract, indent-only
paragraphs hard-wrapped with no blank line, a running footer of agency and
page number cut into paragraphs, `｜` tables, superscript notes ¹ under a
section); a police course by days (travellers with their posts in brackets
on one line, `﹍` leaders, 壹/一 over 第1日 day headings with a date and a
topic, blank-line paragraphs hard-wrapped and cut mid-paragraph by a page
number, a form feed and a running header, 附註 blocks of 註n notes, tab
tables); a digital ministry's conference (一/(一)/1、 numbering, one line a
paragraph, numbered main sessions, side events and bilateral talks,
full-width-space tables, ＊註： notes)."""

import pytest
from rsearch.corpus import parse_report
from rsearch.corpus.contents import entry_of


@pytest.mark.parametrize("leader", ["﹍﹍﹍﹍﹍﹍", "＿＿＿＿＿", "┄┄┄┄┄┄", "∙∙∙∙∙∙", "═══════"])
def test_a_leader_of_any_filler_ends_a_contents_entry(leader):
    entry = entry_of(f"貳、研習過程{leader}2")
    assert (entry.text, entry.strong) == ("貳、研習過程", True)
    assert entry_of(f"摘要{leader}Ⅰ").text == "摘要"


def test_a_contents_page_with_dashed_low_line_leaders_is_no_outline():
    text = ("出國報告\n\n赴新加坡研習報告\n\n目　　次\n壹、研習目的﹍﹍﹍﹍﹍﹍1\n"
            "貳、研習過程﹍﹍﹍﹍﹍﹍2\n附件一　課程表﹍﹍﹍﹍﹍﹍5\n\n"
            "壹、研習目的\n\n本署派員。\n\n貳、研習過程\n\n研習五日。\n\n附件一　課程表\n\n表。\n")
    report = parse_report(text, "k")
    assert [e.heading.text for e in report.outline] == [
        "壹、研習目的", "貳、研習過程", "附件一課程表"]
    assert [a.title for a in report.annexes] == ["課程表"]


def test_a_part_of_main_sessions_holds_the_sessions_and_is_none():
    text = ("出國報告\n\n出席論壇報告\n\n一、會議紀要\n(一)主題場次\n"
            "1、主題場次1：人工智慧治理（Main Session 1: AI Governance）\n討論。\n"
            "2、主題場次2：資訊完整性\n討論。\n(二)分組場次\n1、分組場次A：資料治理\n討論。\n"
            "二、心得與建議\n建議。\n")
    report = parse_report(text, "k")
    assert [u.key for u in report.meetings if u.kind == "session"] == [
        "主題場次1：人工智慧治理", "主題場次2：資訊完整性", "分組場次A：資料治理"]


FOOTER = "台灣電力公司出國報告" + "\u3000" * 14


def test_a_running_title_and_a_bare_page_number_far_apart_are_furniture():
    page = "\u3000\u3000本公司派員考察，檢修週期依等效運轉時數而定，並以遠端監控中心\n預警。\n" * 7
    text = ("出國報告\n\n赴日本考察報告\n\n一、考察紀要\n" + page
            + "\u3000\u3000電廠備有整組燃燒器及第一\n" + FOOTER + "1\n級靜葉之輪換備品。\n"
            + page + FOOTER + "2\n" + page + FOOTER + "3\n")
    report = parse_report(text, "k")
    assert "電廠備有整組燃燒器及第一級靜葉之輪換備品。" in [p.text for p in report.passages]
    assert not any("台灣電力公司出國報告" in p.text for p in report.passages)


def test_rows_that_end_in_numbers_counting_up_stay_a_table():
    text = ("出國報告\n\n赴日本考察報告\n\n一、考察行程\n表1　機組\n"
            "機組名稱" + "\u3000" * 6 + "1\n機組名稱" + "\u3000" * 6 + "2\n"
            "機組名稱" + "\u3000" * 6 + "3\n\n本公司派員考察。\n")
    report = parse_report(text, "k")
    assert "".join(p.text for p in report.passages).count("機組名稱") == 3


def test_an_indented_paragraph_of_the_abstract_stays_in_it_whatever_its_first_line():
    text = ("出國報告\n\n赴日本考察報告\n\n服務機關：台灣電力公司\n\n摘　　要\n\n"
            "\u3000\u3000本公司派員赴日本考察燃氣複循環機組之檢修與壽命\n管理。\n"
            "\u3000\u3000建議本公司：（一）建立熱組件之等效運轉時數（\n"
            "Equivalent Operating Hours, EOH）統一計算規則；（二）研\n"
            "議設置遠端監控中心。\n\n一、考察目的\n\n本公司派員。\n")
    report = parse_report(text, "k")
    assert report.abstract.split("\n") == [
        "本公司派員赴日本考察燃氣複循環機組之檢修與壽命管理。",
        "建議本公司：（一）建立熱組件之等效運轉時數（Equivalent Operating Hours, EOH）"
        "統一計算規則；（二）研議設置遠端監控中心。"]


def test_a_traveller_wrapped_inside_the_brackets_of_the_post_is_one():
    text = ("出國報告\n\n赴新加坡研習報告\n\n服務機關：內政部警政署\n"
            "出國人員：張家豪（刑事警察局警務正）、林怡君（刑事警\n察局偵查員）\n"
            "報告日期：114年12月5日\n\n壹、研習目的\n\n本署派員。\n")
    assert parse_report(text, "k").authors == [
        "張家豪（刑事警察局警務正）", "林怡君（刑事警察局偵查員）"]


def test_a_bare_page_number_after_a_running_title_is_one_of_a_kind_of_its_own():
    from rsearch.corpus.page_numbers import BARE_KIND, page_form

    kind = "台灣電力公司出國報告" + BARE_KIND
    assert page_form(FOOTER + "3") == (kind, 3)
    assert page_form("台灣電力公司出國報告\t3") == (kind, 3)  # a PDF read by positions
    assert page_form("台灣電力公司出國報告 3") is None  # one space: a sentence's number
    assert page_form("4號系列｜M701F｜3軸｜152") is None
