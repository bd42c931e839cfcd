"""Parsing a report body in any layout gives back its structure: the heading
tree, the units, the annexes and the references to them, every line in
exactly one passage or heading (tests/body_layouts.py renders the layouts)."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from rsearch.corpus import parse_report
from rsearch.corpus.headings import match_heading
from rsearch.indexer.analysis import fold_key

from .body_layouts import DAY_DATES, AnnexStyle, Layout, layouts, render, squash

# RSEARCH_LAYOUTS=5000 runs more random layouts than CI does.
EXAMPLES = int(os.environ.get("RSEARCH_LAYOUTS", "150"))


def check(layout: Layout) -> None:
    text, expected = render(layout)
    report = parse_report(text, "k")
    assert [(e.heading.level, e.heading.title) for e in report.outline] == expected.headings
    assert [(m.key, m.kind) for m in report.meetings] == expected.units
    # A day answers to its date, however the heading writes it.
    names = {m.key: {fold_key(n) for n in m.names} for m in report.meetings}
    for key, date in expected.day_dates.items():
        assert fold_key(date) in names[key], (key, date, names[key])
    assert [(a.number, a.title, a.label) for a in report.annexes] == expected.annexes
    got = [(tuple(h.title for h in p.section), squash(p.text)) for p in report.passages]
    assert expected.joined(got) == expected.passages
    for passage in report.passages:
        if squash(passage.text) in expected.citations:
            assert passage.annexes == expected.citations[squash(passage.text)], passage.text


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts)
def test_a_body_in_any_layout_parses_to_its_structure(layout):
    check(layout)


def test_an_english_term_in_angle_brackets_heads_its_day():
    """A draw of the property above once terms joined the day words: own
    labels in angle brackets over a decimal outline, each a term of a year's
    study (`〈Fall Semester 2024〉（11/6）原產地規則`). The brackets held at most
    16 characters, so the term's 18 made the line a paragraph and its day
    was lost: an English label runs longer than a Chinese one."""
    assert match_heading("〈Fall Semester 2024〉（11/6）原產地規則") == (
        "angle", "〈Fall Semester 2024〉", "（11/6）原產地規則")
    check(Layout(["decimal"], True, AnnexStyle("附錄", "zh", False, "："), None, False, False,
                 False, False, True, False, False, False, 0, day_word="Semester",
                 days_title="研習課程紀要", angled=True))


def test_one_layout_of_each_kind():
    annex = AnnexStyle("附錄", "zh", False, " ")
    check(Layout(["upper", "zh", "zh-paren-full", "arabic"], False, annex, "附錄", True, False,
                 True, True, True, False, True, True, 0))
    check(Layout(["roman-full", "latin", "arabic-paren-full", "latin-paren"], True,
                 AnnexStyle("Appendix", "letter", True, ": "), None, False, True, False, True,
                 True, True, True, False, 2))
    check(Layout(["decimal"], False, AnnexStyle("附件", "digit", True, "："), "附件", False,
                 False, True, False, False, True, False, True, 4))


@pytest.mark.parametrize("families", [["chapter-upper", "section-upper", "zh", "arabic-paren"],
                                      ["decimal-full"]])
def test_formal_numerals_and_full_width_decimals_number_an_outline(families):
    """第壹章/第壹節 count as 第一章/第一節 do; under 第１章, １．１　<title> (full-width
    digits, an ideographic space) is a section as 1.1 <title> is."""
    for own_labels, blank_lines in ((False, True), (True, False)):
        check(Layout(families, own_labels, AnnexStyle("附錄", "zh", False, " "), None,
                     blank_lines, False, True, True, True, False, True, True, 1))


@pytest.mark.parametrize("families", [["chapter", "section", "arabic", "latin-paren"],
                                      ["upper", "zh", "zh-paren-full", "arabic-paren"],
                                      ["zh", "zh-paren-half", "arabic", "arabic-half-paren"],
                                      ["decimal"]])
@pytest.mark.parametrize("title", ["參訪機構與研究過程", "參訪行程", "考察內容", "拜會行程及心得",
                                   "Site visits", "觀摩行程", "訪視紀要", "查廠過程"])
def test_the_sites_are_the_children_of_a_visit_part(families, title):
    annex = AnnexStyle("附錄", "zh", False, " ")
    for own_labels in (False, True):
        check(Layout(families, own_labels, annex, None, False, False, False, True, False, False,
                     False, False, 0, visit_title=title, visits_top=True, visit_day=True))


@pytest.mark.parametrize("english_lines", ["titles", "sentences"])
@pytest.mark.parametrize("agenda, own_labels", [(True, True), (False, True), (False, False)])
def test_unnumbered_english_lines_under_agenda_items(english_lines, agenda, own_labels):
    # Under two sessions or more an English title line is their subheading;
    # under one (own-labelled sessions: one has paragraphs) it is text; a
    # sentence never is.
    check(Layout(["decimal"], own_labels, AnnexStyle("附件", "digit", True, "："), None, False,
                 False, False, False, False, agenda, False, False, 2, english_lines=english_lines))


@pytest.mark.parametrize("line, found", [
    ("Ⅱ、會議過程", ("roman", "II、", "會議過程")),
    ("IV. Background", ("roman", "IV.", "Background")),
    ("iii) Details of the rule", ("roman-lower", "iii)", "Details of the rule")),
    ("B. Opening Remarks", ("latin", "B.", "Opening Remarks")),
    ("（１）項目", ("arabic-paren", "(1)", "項目")),
    ("3、課程內容", ("arabic-comma", "3、", "課程內容")),
    ("第二篇 分論", ("volume", "第二篇", "分論")),
    ("Day 1（11/6）風險管理", ("day", "Day 1", "（11/6）風險管理")),
    ("第2天：參訪", ("day", "第2天", "參訪")),
    # The weeks of a stay's log, a course's lectures, the cases of minutes.
    ("Week 2: 實驗室安全", ("day", "Week 2", "實驗室安全")),
    ("第 2～4 週 資料整理", ("day", "第 2~4 週", "資料整理")),
    ("第三週：成果發表", ("day", "第三週", "成果發表")),
    ("第三講 風險溝通", ("session", "第三講", "風險溝通")),
    ("Lecture 4: Sampling Plans", ("session", "Lecture 4", "Sampling Plans")),
    ("課程二：實驗室品質管理", ("session", "課程二", "實驗室品質管理")),
    ("案由二：修正作業要點", ("agenda", "案由二", "修正作業要點")),
    ("提案一：合作計畫", ("agenda", "提案一", "合作計畫")),
    ("主題二：實驗室品質管理", ("session", "主題二", "實驗室品質管理")),
    ("第二站：港務局", ("stop", "第二站", "港務局")),
    ("Site 3: Cargo Terminal", ("stop", "Site 3", "Cargo Terminal")),
    ("主題演講", None),
    ("案由一共三項，均獲通過", None),
    ("課程3小時，由講師示範", None),
    ("議題一：貿易便捷化", ("agenda", "議題一", "貿易便捷化")),
    ("Session 2: Risk", ("session", "Session 2", "Risk")),
    ("模組一：風險評估", ("session", "模組一", "風險評估")),
    ("附錄 B 與會名單", ("appendix", "附錄 B", "與會名單")),
    ("Annex 2: Agenda", ("appendix", "Annex 2", "Agenda")),
    ("附件 3", ("appendix", "附件 3", "附件 3")),
    ("2.1.4 結論", ("decimal-3", "2.1.4", "結論")),
    ("1.2.3.4 細項", ("decimal-4", "1.2.3.4", "細項")),
    # A label over several days or sessions, as written; a date after a label is no range.
    ("Day 7–9（9月12日至14日）風險管理", ("day", "Day 7–9", "（9月12日至14日）風險管理")),
    ("Day 7-9", ("day", "Day 7-9", "Day 7-9")),
    ("第 7 至 9 天 檢疫制度", ("day", "第 7 至 9 天", "檢疫制度")),
    ("第二至四日：參訪", ("day", "第二至四日", "參訪")),
    ("Session 2-3: Risk", ("session", "Session 2-3", "Risk")),
    ("Day 1 - 9月12日 開幕", ("day", "Day 1", "9月12日 開幕")),
    # Quantities and articles a wrapped line starts with, sentences, lists.
    ("1.1 億歐元，較前一年度增加", None),
    ("73.5%，並依第", None),
    ("第 7.7 條規定辦理", None),
    ("I. The Chair opened the meeting.", None),
    ("附件一覽表如下", None),
    ("APEC 會議於秘魯舉行", None),
    # A telephone number's area code that a wrapped form line starts with.
    ("(02)8590-1302", None),
    ("（02）2345-6789", None),
    ("(2) 實作", ("arabic-paren", "(2)", "實作")),
])
def test_a_line_in_any_numbering_family(line, found):
    assert match_heading(line) == found


@pytest.mark.parametrize("date_form", range(8))
@pytest.mark.parametrize("date_title", ["", " ", "\u3000", "："])
@pytest.mark.parametrize("families", [["upper", "zh", "zh-paren-full", "arabic"], ["decimal"]])
def test_a_date_line_heads_a_day(date_form, date_title, families):
    # 2023年8月7日（星期一）, 8/7（一）, 112年8月7日… alone or with a title, with
    # the day's paragraphs under it: a day named by its date.
    for blank_lines in (False, True):
        check(Layout(families, False, AnnexStyle("附件", "digit", True, "："), None, blank_lines,
                     False, False, False, True, False, False, False, 1, day_word="date",
                     date_form=date_form, date_title=date_title))


def test_a_day_heading_right_under_a_chapter_heading_with_an_ideographic_space():
    """`第三章　紀要` then `2023年8月7日（星期一）　原產地規則`: two lines with a
    gap each, not two rows of a table (found by the random layouts)."""
    check(Layout(
        families=['chapter', 'arabic', 'arabic-comma', 'arabic-half-paren'],
        own_labels=False,
        annex=AnnexStyle(word='附錄', index='zh', space=False, sep='：'),
        annex_part=None,
        blank_lines=False,
        indent=False,
        acronym=False,
        sites=False,
        days=True,
        agenda=False,
        side_event=False,
        nested_meeting=False,
        topic_shift=0,
        session_word='Session',
        day_word='date',
        date_form=0,
        date_title='\u3000',
        english=False,
        quantities=False,
        english_lines='',
        visit_title='參訪行程',
        visits_top=False,
        visit_day=False,
        ranges=False,
    ))


@pytest.mark.parametrize("day_date", range(len(DAY_DATES)))
@pytest.mark.parametrize("day_word", ["Day", "digit", "zh", "日"])
@pytest.mark.parametrize("families", [["upper", "zh", "zh-paren-full", "arabic"], ["decimal"]])
def test_a_day_answers_to_the_date_its_heading_writes(day_date, day_word, families):
    # Day 1（11 月 6 日）, 第一天（１１月６日）, Day 1 (6 Nov), 第1天（112年11月6日）…:
    # the day is a unit named by its label and title, and answers to 11月6日.
    for ranges in (False, True):
        check(Layout(families, True, AnnexStyle("附件", "digit", True, "："), None, False, False,
                     False, False, True, False, False, False, 1, day_word=day_word,
                     day_date=day_date, ranges=ranges))


@pytest.mark.parametrize("day_sep", ["\u3000", " \u3000", "\u3000 "])
@pytest.mark.parametrize("day_word", ["Day", "digit", "Week", "週"])
def test_a_day_label_an_ideographic_space_apart_from_its_title_heads_a_day(day_sep, day_word):
    # Day 2　（11/7）…, 第 2～4 週 　（11月7日至9日）…: the gap after the label
    # (which keeps its own space, or is read `第 2~4 週`) parts no table's cells.
    for ranges in (False, True):
        check(Layout(["decimal"], True, AnnexStyle("附錄", "zh", False, "："), None, False, False,
                     False, False, True, False, False, False, 0, day_word=day_word,
                     day_sep=day_sep, ranges=ranges))


@pytest.mark.parametrize("date, names", [
    ("112年11月6日（星期一）", ["11月6日", "2023-11-06", "2023年11月6日", "112年11月6日"]),
    ("2023 年 11 月 6 日（一）", ["11月6日", "2023-11-06", "112年11月6日"]),
    ("民國 112 年 11 月 6 日", ["11月6日", "2023-11-06"]),
    ("11 月 6 日（星期一）", ["11月6日"]),
    ("2023/11/06（一）", ["11月6日", "2023-11-06"]),
])
def test_a_numbered_heading_that_is_a_date_heads_a_day(date, names):
    text = (f"研習報告\n\n壹、研習過程\n\n一、{date}\n\n上午說明課程。\n\n"
            "二、實驗室實作\n\n下午實作。\n")
    [day] = parse_report(text, "k").meetings
    assert day.kind == "day"
    assert {fold_key(n) for n in names} <= {fold_key(n) for n in day.names}


def test_an_appendix_after_parts_is_the_report_s_annex():
    """Found by the property's fixed draw: 附錄 after 第N部分 parts stands at
    the top of the outline, not under the last part."""
    text = ("某某部出國報告\n\n第一部分　目的\n本次出席會議之目的在於交流。\n"
            "第二部分　心得與建議\n一、建議持續派員\n建議持續派員出席。\n"
            "附錄一：與會人員名單\n名單如下。\n附錄二：主席總結報告\n報告如下。\n")
    report = parse_report(text, "k")
    assert [(len(e.parents) + 1, e.heading.text) for e in report.outline] == [
        (1, "第一部分目的"), (1, "第二部分心得與建議"), (2, "一、建議持續派員"),
        (1, "附錄一與會人員名單"), (1, "附錄二主席總結報告")]
    assert [a.title for a in report.annexes] == ["與會人員名單", "主席總結報告"]


@pytest.mark.parametrize("families", [["upper", "zh", "zh-paren-full", "arabic"],
                                      ["zh", "arabic-full", "arabic-paren-full", "latin"],
                                      ["decimal"]])
def test_agenda_items_in_brackets_under_the_meeting_heading(families):
    """【議題一　風險管理】 under the numbered meeting heading: sub-titles one
    level under it, each a session named by what is inside the brackets."""
    annex = AnnexStyle("附錄", "zh", False, " ")
    layout = Layout(families, True, annex, None, True, False, False, True, False, True, False,
                    False, 0, bracketed=True)
    text, _ = render(layout)
    assert "【議題一\u3000" in text
    check(layout)


@pytest.mark.parametrize("text, label, row", [
    # A schedule's row: the day label in its first column, a column's run of
    # spaces after it (the row above it may be wrapped apart, as in a narrow
    # print): a row, not the day's heading.
    ("Week 13           NRC Headquarters, Rockville, MD        Headquarters visit", "Week 13",
     True),
    ("Day 2\tArrival\tBriefing", "Day 2", True),
    # A day's label an ideographic space (a space beside it at most) from its
    # title, a bracketed date after the label: the day's heading.
    ("Day 2\u3000Arrival and briefing", "Day 2", False),
    ("Day 2 (3/5)\u3000Arrival and briefing", "Day 2", False),
    ("第 2～4 週 \u3000課堂訓練", "第 2～4 週", False),
])
def test_a_gap_after_a_day_s_label_parts_a_row_only_when_it_is_a_column_s(text, label, row):
    from rsearch.corpus.formats.model import Line
    from rsearch.corpus.line_context import LineContext

    line = Line(text)
    assert LineContext([line], 60).in_table(line, label, []) is row


@pytest.mark.parametrize("families, hashes, day_word", [
    (["sign-decimal"], False, "Day"),
    (["sign-decimal"], True, "月"),
    (["upper", "zh", "zh-paren-full", "arabic"], True, "Day"),
    (["chapter", "section", "arabic", "latin-paren"], True, "月"),
])
def test_section_signs_markdown_marks_and_months(families, hashes, day_word):
    """§1/§1.1/§1.1.1/§1.1.1.1 number an outline as 1./1.1 do; headings marked
    with a hash a level (## 一、…) read as unmarked ones; 第一個月 heads a
    month of a long stay, a day unit."""
    for own_labels, blank_lines in ((False, True), (True, False), (True, True)):
        check(Layout(families, own_labels, AnnexStyle("附錄", "zh", False, " "), "附錄",
                     blank_lines, False, True, True, True, False, True, True, 0,
                     hashes=hashes, day_word=day_word))


@pytest.mark.parametrize("families, date_form, date_title", [(["sign-decimal"], 5, ""),
                                                             (["decimal"], 0, " ")])
def test_a_days_date_line_marked_as_a_markdown_heading(families, date_form, date_title):
    """## 2023年8月7日（星期一） 原產地規則: a day's date line with heading marks
    is the day (its date, then its title), not a heading named by its whole line."""
    check(Layout(families, False, AnnexStyle("附錄", "zh", False, "："), None, True, False,
                 False, False, True, False, False, False, 0, day_word="date",
                 date_form=date_form, date_title=date_title, hashes=True))


def test_an_english_subheading_marked_as_a_markdown_heading():
    """#### Trade Facilitation Agreement Implementation: an unnumbered English
    subheading longer than a styled heading's 40 characters, marked by hashes."""
    check(Layout(["decimal"], False, AnnexStyle("附錄", "zh", False, "："), None, False, False,
                 False, False, False, False, False, False, 2, english_lines="titles",
                 hashes=True))
