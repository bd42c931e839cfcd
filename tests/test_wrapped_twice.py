"""Text hard-wrapped at one width and wrapped again at a width a little
narrower (a text export's lines pasted into a page of 34 characters): each
line of the first wrap comes back as a full line and a piece of a few
characters. Paragraphs, bar-drawn and gap-aligned rows and cover fields the
second wrap broke come back whole."""

import re

from rsearch.corpus import parse_report

from .paragraph_layouts import SENTENCES, TITLE, wrap


def squash(text):
    return re.sub(r"\s+", "", text)


def body(text):
    report = parse_report(text, "k")
    return [(p.kind, p.section_label, squash(p.text)) for p in report.passages
            if p.section and p.section[0].level > 0]


def twice(paragraph, outer, inner):
    return [piece for line in wrap(paragraph, outer) for piece in wrap(line, inner)]


PARAGRAPHS = ["".join(SENTENCES[k:k + 4]) for k in range(0, 12, 3)]


def test_blank_separated_paragraphs_wrapped_at_72_then_68_come_back_whole():
    """A short piece in mid-sentence with text under it goes on where blank
    lines end the paragraphs, in a section of one paragraph too (the
    document's convention, not the section's)."""
    lines = ["壹、會議緣起", "", *twice(PARAGRAPHS[0], 72, 68), "",
             *twice(PARAGRAPHS[1], 72, 68), "", "貳、會議紀要", "",
             *twice(PARAGRAPHS[2], 72, 68), "", "參、心得與建議", "",
             *twice(PARAGRAPHS[3], 72, 68), ""]
    # long and short in turn: the short pieces stop in mid-sentence
    assert len(lines[2]) > 30 and len(lines[3]) <= 3
    assert body(TITLE + "\n\n" + "\n".join(lines)) == [
        ("paragraph", "壹、會議緣起", squash(PARAGRAPHS[0])),
        ("paragraph", "壹、會議緣起", squash(PARAGRAPHS[1])),
        ("paragraph", "貳、會議紀要", squash(PARAGRAPHS[2])),
        ("paragraph", "參、心得與建議", squash(PARAGRAPHS[3]))]


def test_a_piece_ending_on_an_opening_bracket_or_a_latin_word_goes_on():
    first = ("本場圓桌由版權經紀人、德語譯者及英國出版社版權主管對談，討論作品翻譯出版之瓶頸。"
             "歐洲出版社最需要的是完整之英文樣章（",
             "sample translation）及市場資料，本部之翻譯出版補助（Books from Taiwan",
             "Translation Grant）可補助翻譯費用，已成為其提案時說服編輯部之重要誘因。")
    lines = ["壹、會議紀要", ""]
    for line in first:
        lines += wrap(line, 68)
    text = "\n".join(lines + ["", *twice(PARAGRAPHS[0], 72, 68), "",
                              *twice(PARAGRAPHS[1], 72, 68), ""])
    assert body(TITLE + "\n\n" + text)[0] == ("paragraph", "壹、會議紀要", squash("".join(first)))


def prose(k):
    return twice(PARAGRAPHS[k], 72, 68)


def test_a_bar_drawn_row_the_wrap_broke_is_one_row():
    """A row between bars wider than the page: its closing cell went onto the
    next line, which opens with no bar and closes with one."""
    rows = ["| 日期 | 時間 | 活動 | 地點 |",
            "| 10/17(五) | 11:00-12:00 | Translating Taiwan: A Rights",
            "Roundtable | 臺灣館活動舞臺 |",
            "| 10/18(六) | 13:00-14:30 | 版權媒合會 | 臺灣館洽談區 |"]
    text = "\n".join(["壹、參展行程", "", *prose(0), "", *rows, "", *prose(1), ""])
    assert [(k, t) for k, _, t in body(TITLE + "\n\n" + text)] == [
        ("paragraph", squash(PARAGRAPHS[0])),
        ("table_row", "|日期|時間|活動|地點|"),
        ("table_row", "|10/17(五)|11:00-12:00|TranslatingTaiwan:ARightsRoundtable|臺灣館活動舞臺|"),
        ("table_row", "|10/18(六)|13:00-14:30|版權媒合會|臺灣館洽談區|"),
        ("paragraph", squash(PARAGRAPHS[1]))]


def test_a_gap_aligned_row_broken_in_a_gap_or_at_its_end_is_one_row():
    """A wrapper breaking inside the gap before a cell leaves the gap's rest
    at the tail's head; breaking at the gap's end, the row with a gap as
    wide as its own gaps filled the line."""
    rows = ["Week       Dates (2025)      Activity",
            "  Location",
            "Week 4-8   06/23-07/25       Resident inspector shadowing",
            "   Glen Rose, TX",
            "Week 13           NRC Headquarters, Rockville, Maryland",
            "Headquarters visit and debrief"]
    text = "\n".join(["壹、實習行程", "", *prose(0), "", *rows, "", *prose(1), ""])
    assert [(k, t) for k, _, t in body(TITLE + "\n\n" + text)] == [
        ("paragraph", squash(PARAGRAPHS[0])),
        ("table_row", "WeekDates(2025)ActivityLocation"),
        ("table_row", "Week4-806/23-07/25ResidentinspectorshadowingGlenRose,TX"),
        ("table_row", "Week13NRCHeadquarters,Rockville,MarylandHeadquartersvisitanddebrief"),
        ("paragraph", squash(PARAGRAPHS[1]))]


def test_a_cover_field_the_wrap_cut_keeps_its_tail():
    """A field at a two-column cover line's end, cut by the wrap: the short
    line under it, with no label, is the rest of its value."""
    cover = ["文化部及所屬機關出國報告", "", "2025年德國法蘭克福書展臺灣館參展報告", "",
             "服務機關：文化部人文及出版司　　　　　出國類別：其他（參展）",
             "出國人員：司長　　蔡宜芳　　　　　　　派赴國家：德國",
             "科長　　周怡君　　　　　　　出國期間：民國114年10月13日至",
             "10月20日",
             "專員　　李冠廷　　　　　　　報告日期：民國114年12月5日", ""]
    text = "\n".join(cover + ["壹、參展目的", "", *prose(0), "", *prose(1), "",
                              "貳、參展紀要", "", *prose(2), ""])
    report = parse_report(text, "k")
    assert (report.period_start, report.period_end) == ("2025-10-13", "2025-10-20")


def test_a_date_under_a_full_field_line_is_the_cover_date_not_the_fields_tail():
    """A cover's date line under a field line that ran near the width (the
    contents' leader lines set it) is a line of its own (found by the front
    layouts)."""
    text = "\n".join([
        "出席世界關務組織第 85 屆政策委員會會議報告", "財政部關務署",
        "報告人：王大明 科長、李小華 科長、陳怡君 科長", "中華民國 100 年 1 月", "", "目錄", "",
        "壹、目的………………………………1", "貳、過程………………………………2",
        "一、行程概要………………………………3", "二、會議討論………………………………4",
        "參、心得與建議………………………………5", "",
        "出國類別：■開會 □考察 □研習 □進修 □研究 □實習 □其他", "",
        "本次出國係依年度計畫辦理，與各國代表交流制度與實務。",
        "會中各國分享執行經驗，並討論未來合作方向與時程。",
        "建議持續派員參與相關會議，以掌握國際規範之最新發展。", "",
        "關鍵詞：港口保全、風險管理", "",
        "壹、目的", "", "本次出國目的在於瞭解他國制度，作為我國精進之參考。", "", "貳、過程", "",
        "一、行程概要", "", "行程共計七日，拜會主管機關並參加研討課程。", "", "二、會議討論", "",
        "與會各方就資料交換與互相承認進行討論。", "", "參、心得與建議", "",
        "建議參考他國經驗，檢討我國相關作業流程。", ""])
    report = parse_report(text, "k")
    assert report.report_date_iso == "2011-01"
