"""Reports in layouts no earlier fixture has (tests/fixtures/unseen11): an
investigation bureau's annual meeting of a regional body (Part I … Part III
over headings numbered 1 / 2.1 / 3.1.1 with no dot and an ideographic space,
a spaced 摘　要 with 關鍵詞：, a 目　次 with dot leaders, paragraphs indented by
four spaces and hard-wrapped, plenaries and working groups, a `|` table, [n]
notes with 參考資料, 附錄 A–C, a running header over `- n -` footers), a
statistics office's congress (a 行程表 table at the front whose cells wrap,
headings wholly in English among Chinese ones, IPS/CPS sessions under
`Sessions Attended`, dates as 10/5-10/9) and a hospital's clinical fellowship
(rotations headed `2.1　第1-3週　<department>`, `Other Activities`)."""

from rsearch.corpus import parse_report
from rsearch.corpus.headings import match_heading

from .fixture_sets import outline


def units(report, top):
    return [(u.kind, u.key) for u in report.meetings if u.key != top]


def test_english_parts_numbered_part_i_head_the_outline():
    assert match_heading("Part II　會議紀要") == ("volume", "PartII", "會議紀要")
    assert match_heading("PART 3 Recommendations") == ("volume", "PART3", "Recommendations")
    assert match_heading("Part of the fund was spent on training.") is None
    assert match_heading("Part 2 of the survey asked about income.") is None
    text = ("出國報告\n\n出席年會報告\n\nPart I　會議概要\n\n1　組織與我國參與\n\n"
            "    本組織成立於1997年。\n\n2　本屆概況\n\n2.1　出席代表團\n\n    代表團共14人。\n\n"
            "Part II　會議紀要\n\n3　全體會議\n\n    會議由主席主持。\n")
    assert outline(parse_report(text, "k")) == [
        (1, "PartI會議概要"), (2, "1組織與我國參與"), (2, "2本屆概況"), (3, "2.1出席代表團"),
        (1, "PartII會議紀要"), (2, "3全體會議")]


def test_a_heading_spaced_by_an_ideographic_space_under_a_bar_table_is_no_row():
    """A label and title parted by an ideographic space split as a row would;
    under a table of bars it is no row of that table (its rows have bars)."""
    text = ("出國報告\n\n研修報告\n\n1　前言\n\n1.1　研修行程\n\n    時程如下表：\n\n"
            "| 週次 | 單位 |\n|---|---|\n| 第1-3週 | Heart Failure |\n| 第4-6週 | CICU |\n\n"
            "2　研修內容\n\n2.1　第1-3週　心臟衰竭門診\n\n    門診採一站式設計。\n")
    assert outline(parse_report(text, "k")) == [
        (1, "1前言"), (2, "1.1研修行程"), (1, "2研修內容"), (2, "2.1第1-3週心臟衰竭門診")]


def test_the_short_children_of_a_part_of_sessions_are_sessions():
    """Sessions Attended is a part of sessions as 平行場次 is (出席, attended:
    words any report uses); its children are the sessions, named by a code
    and a subject (IPS 112: <subject>). An opening and keynote and numbered
    plenaries are sessions too."""
    text = ("出國報告\n\n出席世界統計大會報告\n\n1 會議概況\n\n"
            "1.1 Opening Ceremony and Keynote\n\n開幕典禮由會長主持。\n\n"
            "1.2 大會議程與論文發表形式\n\n本屆大會共有IPS 96場。\n\n2 Sessions Attended\n\n"
            "2.1 IPS 112: Measuring the Digital Economy\n\n報告數位供給使用表。\n\n"
            "2.2 CPS 07: Census and Administrative Data\n\n發表論文。\n\n"
            "3 全體會議（Plenary Sessions）\n\n"
            "3.1 Plenary 1：相互評鑑報告審議\n\n審議二份報告。\n\n"
            "3.2 Plenary 2：治理與預算\n\n通過預算。\n")
    report = parse_report(text, "k")
    assert units(report, "世界統計大會") == [
        ("session", "Opening Ceremony and Keynote"),
        ("session", "IPS 112: Measuring the Digital Economy"),
        ("session", "CPS 07: Census and Administrative Data"),
        ("meeting", "全體會議"), ("session", "Plenary 1：相互評鑑報告審議"),
        ("session", "Plenary 2：治理與預算")]


def test_a_title_about_a_meetings_programme_or_state_names_no_meeting():
    text = ("出國報告\n\n出席年會報告\n\n一、本屆年會概況\n\n共41個會員出席。\n\n"
            "二、大會議程與論文發表形式\n\n議程共五日。\n\n三、類型研究工作小組\n\n發表報告。\n")
    assert units(parse_report(text, "k"), "年會") == [("meeting", "類型研究工作小組")]


def test_the_children_of_a_part_of_activities_are_its_events():
    text = ("出國報告\n\n臨床研修報告\n\n1　研修內容\n\n1.1　心臟移植\n\n參與門診。\n\n"
            "2　Other Activities\n\n2.1　Grand Rounds and Journal Club\n\n每週報告。\n\n"
            "2.2　參訪心臟影像中心\n\n參訪影像中心。\n")
    assert units(parse_report(text, "k"), "") == [
        ("session", "Grand Rounds and Journal Club"), ("site", "參訪心臟影像中心")]
