"""Reports in layouts no earlier fixture has (tests/fixtures/unseen12): a
planning council at an OECD committee (a cover of box-drawn key/value rows,
a contents page of roman page numbers without leaders, 一、 headings over
【】 sub-titles, ※ notes, the abstract last after 建議), a ministry's
education fair and university visits (第一天 … 第五天 over 時間｜活動 rows,
numbering in full-width digits, 照片n： captions in a run) and a city's
smart-city expo and visits (a paragraph a line, no blank lines, pages cut by
form feeds, an award among the visits)."""

from rsearch.corpus import parse_report
from rsearch.corpus.headings import match_heading

from .fixture_sets import outline, squash, units


def test_bracketed_titles_under_a_numbered_heading_are_its_subtitles():
    """【議題一　…】 under 二、會議過程 heads a part of it: nested one level down,
    not a part of the report that closes 二、; a title spaced inside its
    brackets is one heading still."""
    assert match_heading("【議題一　區域展望2025】") == ("part", "", "【議題一區域展望2025】")
    text = ("出國報告\n\n出席委員會會議報告\n\n一、前言\n\n本會派員出席。\n\n二、會議過程\n\n"
            "會議共分三項議題。\n\n【議題一　區域展望】\n\n秘書處報告區域展望。\n\n"
            "【議題二　地方財政】\n\n討論地方財政。\n\n【與秘書處會談】\n\n雙方交換意見。\n\n"
            "三、心得\n\n心得如下。\n")
    report = parse_report(text, "k")
    assert outline(report) == [
        (1, "一、前言"), (1, "二、會議過程"), (2, "【議題一區域展望】"), (2, "【議題二地方財政】"),
        (2, "【與秘書處會談】"), (1, "三、心得")]
    assert units(report) == [("session", "議題一區域展望"), ("session", "議題二地方財政"),
                             ("meeting", "與秘書處會談")]


def test_bracketed_parts_that_head_the_outline_stay_parts():
    """Where 【】 parts begin the outline, a numbered heading sits under them
    and the next 【】 part closes it; 【參考資料】 and 【附錄】 are parts
    wherever they stand."""
    text = ("出國報告\n\n赴日本報告\n\n【出國目的】\n\n本府受獎。\n\n【過程紀要】\n\n"
            "一、頒獎典禮\n\n典禮舉行。\n\n【心得與建議】\n\n心得如下。\n")
    assert outline(parse_report(text, "k")) == [
        (1, "【出國目的】"), (1, "【過程紀要】"), (2, "一、頒獎典禮"), (1, "【心得與建議】")]
    text = ("出國報告\n\n出席會議報告\n\n一、前言\n\n本會派員出席。\n\n二、建議\n\n建議如下。\n\n"
            "【參考資料】\n\nOECD (2025).\n")
    assert outline(parse_report(text, "k")) == [
        (1, "一、前言"), (1, "二、建議"), (1, "【參考資料】")]


def test_an_abstract_placed_after_the_recommendations_is_a_part_of_its_own():
    text = ("出國報告\n\n出席委員會會議報告\n\n一、前言\n\n本會派員出席。\n\n四、建議\n\n"
            "（一）持續參與會議。\n\n摘要\n\n本會派員出席會議，建議持續參與。\n")
    report = parse_report(text, "k")
    assert outline(report) == [(1, "一、前言"), (1, "四、建議"), (1, "摘要")]
    assert [squash(p.section[-1].text) for p in report.passages
            if "建議持續參與" in p.text] == ["摘要"]


def test_a_line_that_only_mentions_an_abstract_title_inside_a_sentence_stays_text():
    text = ("出國報告\n\n出席會議報告\n\n一、前言\n\n本會派員出席，會議之\n摘要\n如下。\n")
    report = parse_report(text, "k")
    assert outline(report) == [(1, "一、前言")]


def test_an_award_among_the_visits_is_an_event_attended_not_a_site():
    text = ("出國報告\n\n考察報告\n\n貳、考察過程\n\n一、市政府資訊局\n\n考察資訊局。\n\n"
            "二、世界智慧城市大獎\n\n本年度城市獎由首爾獲得。\n\n"
            "三、Innovation Awards\n\n頒獎。\n\n四、獎學金基金會\n\n參訪基金會。\n")
    assert units(parse_report(text, "k")) == [
        ("site", "市政府資訊局"), ("meeting", "世界智慧城市大獎"),
        ("meeting", "InnovationAwards"), ("site", "獎學金基金會")]
