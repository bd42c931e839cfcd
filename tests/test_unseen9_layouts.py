"""Reports in layouts no earlier fixture has (tests/fixtures/unseen9): a
foreign ministry's bilateral consultations (the report date before the
travellers, parts numbered Ⅰ、 … Ⅴ、 over 1、 and 議題一 items, a contents page
with full-width dot leaders and page numbers, paragraphs marked only by an
indent and hard-wrapped, a running header and a －n－ footer on every page,
a table with ｜ separators), a university's research stay written in English
and Chinese (bilingual cover labels, 2025/10/24 dates, headings numbered
1 / 1.1 without a dot and titled in both languages, tab-separated contents
and tables, one line a paragraph, CRLF, [n] references) and an IP office's
WIPO committee session (travellers in a tab-separated table, agenda items
as 議程第5項 and side events as 周邊會議一, superscript notes ¹ ² closing a
part, blank-line paragraphs, 第n頁／共m頁 footers)."""

from rsearch.corpus import parse_report
from rsearch.corpus.cover import is_boilerplate
from rsearch.corpus.headings import match_heading
from rsearch.corpus.numbering import in_item_run
from rsearch.corpus.people import split_people

from .fixture_sets import (
    squash,
)


def outline(report):
    return [(len(e.parents) + 1, squash(e.heading.text)) for e in report.outline]


def test_agenda_items_as_議程第n項_and_numbered_side_events_are_sessions():
    text = ("出國報告\n\n出席委員會會議報告\n\n壹、議程討論紀要\n\n"
            "議程第5項　專利權之例外與限制\n\n秘書處報告問卷結果。\n\n"
            "議程第6項　專利品質\n\n各國說明審查實務。\n\n貳、周邊會議紀要\n\n"
            "周邊會議一　AI輔助專利審查\n\n各局分享經驗。\n\nSide Event 2: Patent search tools\n\n"
            "展示新功能。\n")
    report = parse_report(text, "k")
    assert outline(report) == [
        (1, "壹、議程討論紀要"), (2, "議程第5項專利權之例外與限制"), (2, "議程第6項專利品質"),
        (1, "貳、周邊會議紀要"), (2, "周邊會議一AI輔助專利審查"),
        (2, "SideEvent2Patentsearchtools")]
    assert [(u.kind, u.key) for u in report.meetings if u.key != "委員會會議"] == [
        ("session", "議程第5項 專利權之例外與限制"), ("session", "議程第6項 專利品質"),
        ("session", "周邊會議一 AI輔助專利審查"), ("session", "Side Event 2 Patent search tools")]
    assert match_heading("議程第5項至第9項為實質議題，其餘為程序事項。") is None


def test_a_programme_reproduced_in_an_annex_names_no_sessions_or_days():
    """Found when unseen8 met unseen9's numbered side events: an annex that
    reproduces a programme (its side events, sessions, days, agenda items
    with their chairs and speakers) holds lines, not headings; the same
    labels in the body are the report's units."""
    text = ("出國報告\n\n出席論壇報告\n\n壹、周邊活動\n\n周邊活動一：數位韌性分享會\n\n"
            "本部分享經驗。\n\n附件2　周邊活動議程及講者名單\n"
            "周邊活動一：數位韌性分享會（6月24日12:30-13:30）\n主持人：處長\n講者：科長\n"
            "周邊活動二：開放源碼圓桌（6月25日18:00-19:30）\n主持人：執行長\n"
            "Session 3: Closing\n第2日　6月25日（星期三）　參訪\n議題一：結論\n")
    report = parse_report(text, "k")
    assert outline(report) == [(1, "壹、周邊活動"), (2, "周邊活動一數位韌性分享會"),
                               (1, "附件2周邊活動議程及講者名單")]
    assert [u.key for u in report.meetings if u.key != "論壇"] == ["周邊活動一 數位韌性分享會"]


def test_numbered_lines_one_after_another_are_a_list_not_headings():
    text = ("出國報告\n\n出席會議報告\n\n一、會議概述\n\n議程共四項。\n\n附錄一　會議議程\n\n"
            "1. 會議開幕\n2. 通過議程\n3. 國際專利制度報告\n4. 主席總結\n")
    report = parse_report(text, "k")
    assert outline(report) == [(1, "一、會議概述"), (1, "附錄一會議議程")]
    assert in_item_run(None, "2. 通過議程", "arabic", "1.")
    assert in_item_run("1. 會議開幕", None, "arabic", "2.")
    assert not in_item_run("1. 目的", "本段說明。", "arabic", "3.")
    assert not in_item_run(None, "議題二　電子廢棄物", "agenda", "議題一")  # named: an outline
    # A family that already heads the outline goes on heading it, empty or not.
    text = ("出國報告\n\n出席會議報告\n\n1. 會議紀要\n\n1.1 開幕式\n主席致詞。\n"
            "1.2 閉幕式\n1.3 主題會議\n各國分享經驗。\n")
    assert outline(parse_report(text, "k")) == [
        (1, "1.會議紀要"), (2, "1.1開幕式"), (2, "1.2閉幕式"), (2, "1.3主題會議")]


def test_a_traveller_line_of_agency_rank_and_name_in_columns_is_one_person():
    assert split_people("外交部亞東太平洋司　副司長　　林書豪\n"
                        "外交部亞東太平洋司　科長　　　張雅筑") == [
        "外交部亞東太平洋司 副司長 林書豪", "外交部亞東太平洋司 科長 張雅筑"]
    assert split_people("陳冠宇　副教授；李承翰　博士候選人") == [
        "陳冠宇 副教授", "李承翰 博士候選人"]
    assert split_people("蔡佳蓉\t專利一組\t專利審查官") == ["蔡佳蓉 專利一組 專利審查官"]


def test_the_form_heading_in_english_under_the_chinese_one_is_not_the_title():
    text = ("國立成功大學出國報告（出國類別：研究）\n"
            "Overseas Research Report, National Cheng Kung University\n\n\n"
            "赴荷蘭台夫特理工大學研究離岸風電併網\nResearch Visit to Delft University "
            "of Technology\n\n服務機關 Institution：國立成功大學電機工程學系\n"
            "報告日期 Date：2025/10/24\n\n"
            "1  Introduction 緒論\n研究目的如下。\n")
    report = parse_report(text, "k")
    assert report.title == "赴荷蘭台夫特理工大學研究離岸風電併網"
    assert (report.agency, report.report_date_iso) == ("國立成功大學電機工程學系", "2025-10-24")
    assert is_boilerplate("Report on Official Travel Abroad")
    assert not is_boilerplate("Report on the Fifth Taiwan-Netherlands Meeting")


def test_an_english_full_stop_after_a_bracket_ends_a_paragraph_a_line_each():
    text = ("出國報告\n\n赴荷蘭研究報告\n\n1  Results 成果\n"
            "阻尼反而下降。The optimum lay between 2 s and 3 s (abstract in Appendix B).\n\n\n"
            "2  Reflections and Recommendations 心得與建議\n一、建置平台：建議爭取經費。\n\n"
            "References 參考文獻\n[1] R. Lasseter, Grid-forming inverters, 2020.\n")
    report = parse_report(text, "k")
    assert outline(report) == [(1, "1Results成果"),
                               (1, "2ReflectionsandRecommendations心得與建議"),
                               (1, "References參考文獻")]
    assert [p.text for p in report.passages if p.text.startswith("阻尼")] == [
        "阻尼反而下降。The optimum lay between 2 s and 3 s (abstract in Appendix B)."]
    assert match_heading("參考文獻 References") == ("part", "", "參考文獻References")
    assert match_heading("References are listed below.") is None


def test_the_labs_and_sites_of_a_lab_visits_part_are_sites():
    text = ("出國報告\n\n赴荷蘭研究報告\n\n1  Laboratory and Site Visits 實驗室與參訪\n\n"
            "1.1  ESP Lab 電力永續實驗室\n實驗室分為四區。\n\n"
            "1.2  TenneT National Control Centre TenneT國家控制中心\n控制中心負責調度。\n")
    report = parse_report(text, "k")
    assert [(u.kind, u.key) for u in report.meetings] == [
        ("site", "電力永續實驗室"), ("site", "TenneT國家控制中心")]


def test_an_agenda_item_named_議程第n項_in_a_title_is_a_session():
    text = ("出國報告\n\n出席會議報告\n\n1. 會議過程\n\n1.1 亞太海關會議\n會議舉行。\n\n"
            "1.1.1 議程第1項：數位轉型\n各國分享。\n\n1.1.2 議程第2項：風險管理\n各國分享。\n")
    report = parse_report(text, "k")
    assert [(u.kind, u.key) for u in report.meetings] == [
        ("meeting", "亞太海關會議"), ("session", "議程第1項：數位轉型"),
        ("session", "議程第2項：風險管理")]
