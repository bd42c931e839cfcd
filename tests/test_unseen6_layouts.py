"""Reports in layouts no earlier fixture has (tests/fixtures/unseen6): a
culture ministry's book fair (cover fields in two columns, the travellers
down the left one; a form heading `文化部及所屬機關出國報告`; a tabbed
contents page with no page numbers; 一、/(一)/1 <title> with a bare number;
events named in English only under a part of events; markdown `|` tables;
※ notes; a running header of title and agency over page cuts), a nuclear
regulator's internship (A./C.1/i. numbering, a tabbed contents page with an
annex list, English-heavy text, sites named in English) and a central bank's
course (half-width punctuation, hard wraps at 58 columns, a 服務機關 and
姓名職稱 pair for each traveller, headings whose English name in brackets
fills the line)."""

import pytest
from rsearch.corpus import parse_report
from rsearch.corpus.contents import entry_of, find_contents
from rsearch.corpus.cover import cover_title, is_boilerplate
from rsearch.corpus.headings import match_heading
from rsearch.corpus.numbering import named_in_brackets

from .fixture_sets import (
    squash,
)


def names(text: str) -> list[str]:
    return [author for author in parse_report(text, "k").authors]


def test_travellers_down_the_left_column_beside_the_right_ones_fields():
    text = ("文化部出國報告\n\n赴德國參展報告\n\n"
            "出國人員：司長　　蔡宜芳　　　　　　　派赴國家：德國\n"
            "　　　　　科長　　周怡君　　　　　　　出國期間：民國114年10月13日至10月20日\n"
            "　　　　　專員　　李冠廷　　　　　　　報告日期：民國114年12月5日\n\n"
            "一、前言\n本部參展。\n")
    report = parse_report(text, "k")
    assert report.authors == ["司長 蔡宜芳", "科長 周怡君", "專員 李冠廷"]
    assert report.report_date_iso == "2025-12-05"


def test_a_traveller_for_each_agency_in_turn():
    text = ("中央銀行出國報告\n參加課程報告\n服務機關:中央銀行金融業務檢查處\n"
            "姓名職稱:襄理 林欣儀\n"
            "服務機關:中央銀行經濟研究處\n姓名職稱:研究員 張哲維\n報告日期:114/11/14\n"
            "一、前言\n本行派員。\n")
    report = parse_report(text, "k")
    assert report.authors == ["襄理 林欣儀", "研究員 張哲維"]
    assert report.agency == "中央銀行金融業務檢查處"


def test_the_same_traveller_on_cover_and_form_is_read_once():
    text = ("出國報告\n赴日本考察報告\n服務機關:環境部\n姓名職稱:科長 王大明\n"
            "服務機關:環境部\n姓名職稱:科長 王大明\n一、前言\n本部派員。\n")
    assert parse_report(text, "k").authors == ["科長 王大明"]


@pytest.mark.parametrize("line", ["文化部及所屬機關出國報告",
                                  "交通部及所屬機關出國報告（出國類別：其他）"])
def test_a_ministry_and_its_bodies_form_heading_is_no_title(line):
    assert is_boilerplate(line)
    assert cover_title([line, "", "2025年德國法蘭克福書展臺灣館參展報告"]) \
        == "2025年德國法蘭克福書展臺灣館參展報告"


@pytest.mark.parametrize("line, text", [
    ("C.1\tReactor Oversight Process Classroom Training\t3",
     "C.1 Reactor Oversight Process Classroom Training"),
    ("A.\t實習緣起與目的 Background and Purpose\t1", "A. 實習緣起與目的 Background and Purpose"),
    ("一、\t前言\t1", "一、 前言")])
def test_a_tab_after_an_entrys_label_is_its_gap(line, text):
    entry = entry_of(line)
    assert entry is not None and entry.text == text and entry.strong


def test_a_tab_inside_an_entry_is_still_a_tables():
    assert entry_of("項目\t數量\t3") is None


def test_an_annex_list_inside_the_contents_page():
    lines = ["目　錄", "A.\t實習緣起與目的\t1", "B.\t實習內容\t2", "", "附件清單",
             "附件A　實習行程表", "附件B　實習證明", "", "A. 實習緣起與目的", "本會派員。",
             "B. 實習內容", "實習三個月。", "附件A　實習行程表", "Week 1", "附件B　實習證明",
             "證明。"]
    contents = find_contents(lines)
    assert sorted(contents.lines) == list(range(0, 7))


@pytest.mark.parametrize("line, found", [
    ("C.1 Reactor Oversight Process Classroom Training",
     ("latin-decimal", "C.1", "Reactor Oversight Process Classroom Training")),
    ("A.2：情境設計", ("latin-decimal", "A.2", "情境設計")),
    ("1 Taiwan Comics Today", ("arabic-bare", "1", "Taiwan Comics Today")),
    ("2 拜會德國書商及出版商協會", ("arabic-bare", "2", "拜會德國書商及出版商協會")),
    ("2 周邊活動：東協貿易分享會", ("arabic-bare", "2", "周邊活動：東協貿易分享會")),
    ("1 日本金融廳", ("arabic-bare", "1", "日本金融廳")),
    ("3 家之中", None), ("2 km of cable were laid", None), ("12 月", None), ("30 %", None),
    ("5 人、", None), ("2025 年", None)])
def test_lettered_sections_and_bare_numbers(line, found):
    assert match_heading(line) == found


def test_a_bare_number_is_a_label_only_where_it_counts_on():
    text = ("一、紀要\n\n本團參展五日。\n\n1 Taiwan Comics Today\n\n漫畫家與編輯對談。\n\n"
            "2 Translating Taiwan\n\n譯者不足。\n\n二、數據\n\n洽談成果如下。\n\n"
            "5 Rights sold to France\n\n授權意向四十六件。\n")
    report = parse_report(text, "k")
    assert [squash(e.heading.text) for e in report.outline] == [
        "一、紀要", "1TaiwanComicsToday", "2TranslatingTaiwan", "二、數據"]


def test_a_first_label_stands_when_its_sibling_fills_the_line_before_a_blank():
    """Blank-line paragraphs: a sibling heading that runs to the width ends
    at the blank line after it, so it stands and the first label with it."""
    long = "2 拜會德國書商及出版商協會（Börsenverein des Deutschen Buchhandels）"
    prose = "書展公司說明主題國制度之運作，主題國須於書展期間舉辦系列文學活動並資助德譯，" * 4
    prose += "。"
    lines = "\n".join(prose[k:k + 36] for k in range(0, len(prose), 36))
    text = ("(四)拜會行程\n\n1 拜會法蘭克福書展公司（Frankfurter Buchmesse GmbH）\n\n"
            f"{lines}\n\n{long}\n\n{lines}\n")
    report = parse_report(text, "k")
    assert [squash(e.heading.text)[:6] for e in report.outline] == [
        "(四)拜會行", "1拜會法蘭克", "2拜會德國書"]


@pytest.mark.parametrize("title, named", [
    ("奧地利國家銀行(Oesterreichische Nationalbank, OeNB)", True),
    ("奧地利金融市場監理局（Financial Market Authority, FMA）", True),
    ("對新承作之不動產貸款同時設定上限並報送逐筆資料(loan-to-value)", False),
    ("奧地利國家銀行(OeNB)之說明", False)])
def test_a_title_whose_english_name_fills_the_line(title, named):
    assert named_in_brackets(title) is named


def test_events_of_a_part_of_events_are_sessions_and_a_visit_a_site():
    text = ("一、參展紀要\n(一)臺灣館主題活動\n1 Taiwan Comics Today\n漫畫家對談。\n"
            "2 Translating Taiwan: A Rights Roundtable\n譯者不足。\n"
            "(二)拜會行程\n1 拜會法蘭克福書展公司\n說明主題國制度。\n"
            "2 拜會德國書商協會\n說明書價。\n")
    report = parse_report(text, "k")
    assert [(m.kind, m.key) for m in report.meetings] == [
        ("session", "Taiwan Comics Today"), ("session", "Translating Taiwan: A Rights Roundtable"),
        ("site", "拜會法蘭克福書展公司"), ("site", "拜會德國書商協會")]


def test_an_internships_training_plants_and_visit_named_in_english():
    text = ("A. 目的\n瞭解制度。\nC. 實習內容 Attachment Activities\n"
            "C.1 Reactor Oversight Process Classroom Training\n課堂訓練。\n"
            "C.2 Resident Inspector Program at Comanche Peak Nuclear Power Plant\n駐廠視察。\n"
            "C.3 Headquarters Visit, Rockville\n拜會總部。\n")
    report = parse_report(text, "k")
    assert [(m.kind, m.key) for m in report.meetings] == [
        ("session", "Reactor Oversight Process Classroom Training"),
        ("site", "Resident Inspector Program at Comanche Peak Nuclear Power Plant"),
        ("site", "Headquarters Visit, Rockville")]
