"""Reports in layouts no earlier fixture has (tests/fixtures/unseen7): a
county government's award ceremony (travellers as a numbered list under an
empty 出國人員 label, a contents page drawn as a table, parts named in 【】
with 一、 below them, an itinerary of 第一天 … 第五天 lines with 10/3（五）
dates, photo captions 圖一 under 【附錄】活動照片), a coast guard's research
stay (a 提要 form whose labels are spaced out by ideographic spaces, dates
as 2025.9.14, an acronym table, 1./1.1/1.1.1 with an unnumbered 摘要 and
結論, notes 註n： closing each chapter) and an election commission's
observation (第一部分 … 第四部分 over 一、, a 問：/答： record)."""

from rsearch.corpus import parse_report
from rsearch.corpus.headings import match_heading

COVER = ("縣政府出國報告\n\n赴日本出席頒獎典禮報告\n\n服務機關：縣政府建設處\n"
         "出國人員：\n1. 縣政府建設處處長　陳志明\n2. 縣政府建設處科長　林美玲\n"
         "派赴國家：日本\n報告日期：2025年11月28日\n\n")


def test_travellers_as_a_numbered_list_under_an_empty_label():
    report = parse_report(COVER + "一、目的\n本府受獎。\n", "k")
    assert report.authors == ["縣政府建設處處長 陳志明", "縣政府建設處科長 林美玲"]
    assert report.report_date_iso == "2025-11-28"
    assert [e.heading.text for e in report.outline] == ["一、目的"]


def test_a_numbered_list_of_people_after_a_filled_label_is_no_traveller_list():
    text = ("出國報告\n\n赴日本研究報告\n\n出國人員：科長 王大明\n\n"
            "1. 研究目的\n本署派員。\n")
    report = parse_report(text, "k")
    assert report.authors == ["科長 王大明"]
    assert [e.heading.text for e in report.outline] == ["1.研究目的"]


def test_parts_named_in_lenticular_brackets_head_the_outline():
    text = ("出國報告\n\n赴日本報告\n\n【出國目的】\n本府受獎。\n\n【過程紀要】\n\n"
            "一、頒獎典禮\n典禮舉行。\n\n二、那珂川水岸參訪\n導覽。\n\n【心得與建議】\n"
            "心得如下。\n\n【附錄】活動照片\n\n圖一　受獎\n")
    report = parse_report(text, "k")
    assert [(len(e.parents) + 1, e.heading.text) for e in report.outline] == [
        (1, "【出國目的】"), (1, "【過程紀要】"), (2, "一、頒獎典禮"), (2, "二、那珂川水岸參訪"),
        (1, "【心得與建議】"), (1, "【附錄】活動照片")]
    assert [a.title for a in report.annexes] == ["活動照片"]
    assert [(u.kind, u.key) for u in report.meetings] == [
        ("meeting", "頒獎典禮"), ("site", "那珂川水岸參訪")]


def test_a_bracketed_line_that_says_something_is_no_heading():
    assert match_heading("【說明】本案經評審通過，") is None
    assert match_heading("【出國目的】") == ("part", "", "【出國目的】")
    assert match_heading("【附件】議程表") == ("appendix", "【附件】", "議程表")


def test_parts_numbered_as_第一部分_nest_the_chinese_numbers_below():
    text = ("出國報告\n\n赴韓國觀選報告\n\n第一部分　觀選緣起\n\n一、緣起\n本會派員。\n\n"
            "第二部分　觀選紀要\n\n一、簡報會\n簡報。\n\n結論\n\n制度可參考。\n")
    report = parse_report(text, "k")
    assert [(len(e.parents) + 1, e.heading.text) for e in report.outline] == [
        (1, "第一部分觀選緣起"), (2, "一、緣起"), (1, "第二部分觀選紀要"), (2, "一、簡報會"),
        (1, "結論")]
    assert match_heading("第三部電影") is None


def test_an_answer_is_one_passage_with_its_question():
    text = ("出國報告\n\n赴韓國觀選報告\n\n一、問答紀要\n\n問：如何避免重複投票？\n"
            "答：名冊系統即時連線，\n已領票者無法再領。\n\n問：分類機如何使用？\n答：僅為輔助。\n")
    report = parse_report(text, "k")
    assert [p.text for p in report.passages if p.text.startswith("問")] == [
        "問：如何避免重複投票？答：名冊系統即時連線，已領票者無法再領。",
        "問：分類機如何使用？答：僅為輔助。"]


def test_a_day_in_numbers_with_its_weekday_is_named_in_words():
    from rsearch.corpus.dayforms import span_day_names

    assert span_day_names("第四天　10/5（日）　參訪糸島市") == ["10月5日"]
    assert span_day_names("10/3 (星期五) 上午") == ["10月3日"]
    assert span_day_names("8/3（六）-8/5（一）") == ["8月3日", "8月5日", "8/4"]
    assert span_day_names("比例為 3/4（一）") == ["3月4日"]  # a weekday makes it a day
    assert span_day_names("比例為 3/4，另 13/45（一）") == []
