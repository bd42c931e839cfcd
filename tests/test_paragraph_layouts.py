"""Paragraphs, tables, captions and footnotes come back from text in every
paragraph convention, across page cuts (tests/paragraph_layouts.py)."""

import os
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report

from .paragraph_layouts import (
    SENTENCES,
    TITLE,
    Agenda,
    Fields,
    Layout,
    Note,
    Para,
    Section,
    bodies,
    expected,
    fields,
    layouts,
    paragraphs,
    render,
    rendered,
    twice_wrapped_layouts,
    wrap,
)


def squash(text):
    return re.sub(r"\s+", "", text)


def body_passages(report):
    return [p for p in report.passages if p.section and p.section[0].level > 0]


def got(report):
    out = []
    for p in body_passages(report):
        caption = ""
        if p.kind == "table_row" and len(p.section) > 1:  # the caption is the path's tail
            caption = p.section[-1].label + p.section[-1].title
        out.append((p.kind, squash(p.text), p.section[0].text, squash(caption)))
    return out


def want(sections, layout, found=None):
    """The passages expected; a line that may run on into the paragraph after
    it is joined to it where the passages `found` join it."""
    out, may_run_on = [], False
    for e in expected(sections, layout.notes_title, layout.notes_at):
        item = (e.kind, squash(e.text), e.heading, squash(e.caption))
        if may_run_on and e.kind == "paragraph" and e.heading == out[-1][2]:
            joined = ("paragraph", out[-1][1] + item[1], e.heading, "")
            if found is not None and len(out) <= len(found) and found[len(out) - 1] == joined:
                out[-1], may_run_on = joined, False
                continue
        out.append(item)
        may_run_on = e.runs_on
    return out


# RSEARCH_LAYOUTS=5000 runs more layouts than the default.
@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "300")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), layouts())
def test_every_convention_gives_back_the_body(sections, layout):
    text = rendered(sections, layout)
    report = parse_report(text, "k")
    found = got(report)
    assert found == want(sections, layout, found), text


@settings(max_examples=max(30, int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 6),
          deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), layouts())
def test_notes_a_lost_page_break_leaves_mid_page_end_where_the_text_goes_on(sections, layout):
    """A page's notes under their rule with the page's number, form feed and
    header lost (unseen21's degree study wrapped again): the notes end at the
    blank line after them, the text goes on. Drawn apart from the main
    property, so that its examples stay what they were."""
    layout.lost_break = True
    text = rendered(sections, layout)
    found = got(parse_report(text, "k"))
    assert found == want(sections, layout, found), text


def test_an_english_field_repeated_three_times_in_a_text_without_pages_is_text():
    """A draw of the property above (blank lines, no page cut): the fields
    `時間：…` / `Venue：Sydney Convention Centre` typed three times, the last
    with ASCII colons. The Chinese label's line was text however often it
    repeats, but the English one read as a running line and two of its
    three lines were lost: a field is text whatever its label's language."""
    fields = [["時間：2024 年 3 月 1 日上午", "Venue：Sydney Convention Centre"]] * 2 \
        + [["時間: 2024 年 3 月 1 日上午", "Venue: Sydney Convention Centre"]]
    text = "\n".join([TITLE, "", "壹、會議緣起", "", SENTENCES[0], "",
                      *[line for pair in fields for line in [*pair, ""]], SENTENCES[1], ""])
    assert [t for _, _, t in parsed(text)] == [
        SENTENCES[0], *[line for pair in fields for line in pair], SENTENCES[1]]


def test_an_english_field_over_another_field_under_each_heading_is_no_subheading():
    """A draw of the property above (blank lines, seed 1 at 1,000 layouts):
    two sections each open with the fields `Venue: Sydney Convention Centre`
    / `時間: 2024 年 3 月 1 日上午`. The English field, short and ASCII, read
    as an unnumbered English subheading (it stood right under two headings of
    one family) and was lost, and the Chinese field joined the paragraph
    under it: a line of a run of fields is a field, not a subheading."""
    fields = ["Venue: Sydney Convention Centre", "時間: 2024 年 3 月 1 日上午"]
    lines = [TITLE, "", "壹、會議緣起", "", SENTENCES[0], ""]
    for heading in ["貳、會議紀要", "參、心得與建議"]:
        lines += [heading, "", *fields, "", SENTENCES[1], ""]
    assert parsed("\n".join(lines)) == [
        ("paragraph", "壹、會議緣起", SENTENCES[0]),
        *[(kind, label, text) for label in ["貳、會議紀要", "參、心得與建議"]
          for kind, text in [("paragraph", fields[0]), ("paragraph", fields[1]),
                             ("paragraph", SENTENCES[1])]]]


def test_a_bare_numbered_page_note_is_not_taken_by_a_raised_mark_with_a_note_of_its_own():
    """A draw of the property above (blank lines, form feeds, seed 1 at 1,000
    layouts, once the fields above were read): a page's note `² …` under the
    paragraph citing `億歐元²`, and pages on another page's note `2 …` under
    the paragraph citing `億歐元2`. The bare 2 was taken for the raised ²
    before it and its note read under that paragraph: a raised mark with a
    note of its own cites that note, not one numbered alike."""
    rule = "────────────"
    first, rest = SENTENCES[0].split("，", 1)
    lines = [TITLE, "壹、會議緣起", "", first + "²，", rule,
             "² 參見 WTO 貿易便捷化協定第 2 條之說明。", "", "- 1 -", "\f" + rest, "",
             SENTENCES[1], "", "貳、會議紀要", "", first + "2，", rule,
             "2 參見 WTO 貿易便捷化協定第 11 條之說明。", "", "- 2 -", "\f" + rest, "", "- 3 -"]
    assert parsed("\n".join(lines)) == [
        ("paragraph", "壹、會議緣起", first + "²，" + rest),
        ("footnote", "壹、會議緣起", "² 參見 WTO 貿易便捷化協定第 2 條之說明。"),
        ("paragraph", "壹、會議緣起", SENTENCES[1]),
        ("paragraph", "貳、會議紀要", first + "2，" + rest),
        ("footnote", "貳、會議紀要", "2 參見 WTO 貿易便捷化協定第 11 條之說明。")]


@pytest.mark.parametrize("number", ["- 2 -", "2", "第 2 頁"])
def test_a_page_cut_inside_a_bracketed_english_name_is_joined(number):
    """A saved draw of the property above (one paragraph a line): a page
    number between the halves of a bracketed English name (`單一窗口（Single`
    / `- 2 -` / `Window）資料交換。`). The short first half, no clause mark in
    it, read as a finished paragraph; a line that leaves a bracket open stops
    inside a name and goes on."""
    text = "\n".join([TITLE, "", "壹、會議緣起", "", SENTENCES[0], "單一窗口（Single", "", number,
                      "", "Window）資料交換。", SENTENCES[1], "", number.replace("2", "3")])
    assert [t for _, _, t in parsed(text)] == [
        SENTENCES[0], "單一窗口（Single Window）資料交換。", SENTENCES[1]]


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 3, deadline=None,
          derandomize="RSEARCH_LAYOUTS" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow])
@given(bodies(labelled=True), layouts().filter(lambda layout: not layout.convention.startswith(
    "wrap")))
def test_numbered_items_parted_from_their_labels_by_a_space_give_back_the_body(sections, layout):
    """Paragraphs that are a list's items, each label an ideographic space
    from its text (⑴　我方說明…), come back whole in every convention of a
    paragraph a line: no item is a row of two cells, nor a heading where a
    page cuts it after a clause. (Hard-wrapped, an item's first line cut
    before its first clause's end can still read as a heading: docs/formats.md.)"""
    text = rendered(sections, layout)
    report = parse_report(text, "k")
    found = got(report)
    assert found == want(sections, layout, found), text


def test_a_caption_under_a_paragraph_whose_line_opens_like_a_label_is_its_own():
    """A paragraph marked by its indent whose wrap put `點：` at a line's head
    (…本次會議重 / 點：擴大 AEO …。) reads that line as a label's, and took the
    caption under it (圖 3 <title>) for the label's tail a wrap cut off (a
    draw of the body property)."""
    text = ("出席 2024 年亞太經濟合作會議海關程序次級委員會報告\n\n壹、會議緣起\n"
            "\u3000\u3000歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿\n"
            "易便捷化協定（TFA）。會員國光纖連網比例，平均已達\n"
            "73.5% 以上。依協定第 7.7 條規定，優質企業（AEO）應\n"
            "享有額外之通關便捷措施。2024 年起，APEC 將推動單一\n"
            "窗口（Single Window）資料交換。主席說明本次會議重\n"
            "點：擴大 AEO 相互承認，並推動單一窗口資料交換。\n"
            "圖 3 檢疫犬勤務\n"
            "\u3000\u3000歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿\n"
            "易便捷化協定（TFA）。\n")
    found = got(parse_report(text, "k"))
    assert [(kind, text[-12:]) for kind, text, _, _ in found] == [
        ("paragraph", "並推動單一窗口資料交換。"), ("caption", "圖3檢疫犬勤務"),
        ("paragraph", "易便捷化協定（TFA）。")]


def test_a_field_repeated_under_three_headings_is_text_in_a_text_without_pages():
    """Sessions held in one hall each write their time and place (`時間：…` /
    `地點：…`) alike: in a text without pages a short line repeated three
    times apart from the text is a running header, but a field is never one
    (a draw of the body property lost every copy after the first)."""
    where = ["時間：2024 年 3 月 1 日上午", "地點：雪梨國際會議中心 3 樓"]
    said = "歐盟宣布投入 1.1 億歐元{mark}，協助開發中國家執行貿易便捷化協定（TFA）。"

    def para(n):
        note = Note(f"[{n}]", f"[{n}] 參見 WTO 貿易便捷化協定第 {n} 條之說明。", foot=False)
        return Para(said.format(mark=f"[{n}]"), note=note)

    spaced = [line.replace("：", ": ") for line in where]
    sections = [Section("壹、會議緣起",
                        [para(1), Fields(where, False), Fields(where, False), para(2)]),
                Section("貳、會議紀要", [Fields(spaced, False), Para(said.format(mark=""))]),
                Section("參、心得與建議", [para(3)])]
    layout = Layout(convention="blank", width=40, indent="\u3000\u3000", page_number="- {n} -",
                    rule="────────────", form_feed=True, header=False, notes_title="註釋",
                    ragged=(0,), far_right=False, number_first=False, notes_at="end")
    found = got(parse_report(rendered(sections, layout), "k"))
    assert [text for kind, text, heading, _ in found if heading != "參、心得與建議"
            and kind == "paragraph" and not text.startswith("歐盟")] == [
        "時間：2024年3月1日上午", "地點：雪梨國際會議中心3樓",
        "時間：2024年3月1日上午", "地點：雪梨國際會議中心3樓",
        "時間:2024年3月1日上午", "地點:雪梨國際會議中心3樓"]
    assert found == want(sections, layout, found)


def test_a_footer_wrapped_onto_two_lines_printed_once_inside_a_cut_sentence_goes():
    """A text of two pages numbers its second page only, with the footer's
    title over the number (`海關程序次級委員會報告` / `第 2 頁／共 3 頁`),
    inside a sentence the page cut: the title goes with the number and the
    halves join (found by the random layouts: the title, printed once, was
    joined into the sentence)."""
    para = SENTENCES[0] + SENTENCES[1]
    text = (f"{TITLE}\n\n壹、會議緣起\n\n{para}\n\n{para}\n\n"
            "歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協\n\n"
            "海關程序次級委員會報告\n第 2 頁／共 3 頁\n\n定（TFA）。\n")
    found = [(kind, body) for kind, body, _, _ in got(parse_report(text, "k"))]
    assert found == [("paragraph", squash(para)), ("paragraph", squash(para)),
                     ("paragraph", squash(SENTENCES[0]))]


def test_a_heading_a_page_s_foot_leaves_over_its_number_is_no_footer_title():
    """The rule above meets a heading (附件二　<title>) that a printed page's
    foot left right over the printer's page number: the heading is the
    body's, not a footer's title (the lines of unseen6's annex heading,
    lost when its report was printed to PDF); a short title there goes."""
    from rsearch.corpus.cleanup import cut_footer_titles

    def lines(over: str) -> list[str]:
        return ["| 10/18 | 13:00-14:30 | Picture Books from Taiwan: Meet the",
                "Illustrators | 插畫家二人、波隆那插畫展評審 |", "", over, "- 10 -",
                "文化部及所屬機關出國報告", "| 類別 | 洽談場次 | 授權意向 | 主要語種 |"]

    assert cut_footer_titles(lines("附件二\u3000版權洽談成果一覽表"), {4}) == set()
    assert cut_footer_titles(lines("一、參訪心得"), {4}) == set()
    assert cut_footer_titles(lines("海關程序次級委員會報告"), {4}) == {3}


def test_a_wrapped_line_opening_with_a_cited_chinese_numbered_mark_and_a_comma_goes_on():
    """A draw of the property above (wrap-indent, 40 columns): a hard wrap
    puts the citing mark `註十一，` at a line's head; a comma after the whole
    number makes it a citing sentence's, not a note `註十` whose text starts
    `一，…` (it read as a note and took the paragraph's tail)."""
    other = "".join(SENTENCES[:4])
    text = "\n".join([
        '出席 2024 年亞太經濟合作會議海關程序次級委員會報告',
        '',
        '壹、會議緣起',
        '\u3000\u3000歐盟宣布投入 1.1 億歐元，協助開發中',
        '國家執行貿易便捷化協定（TFA）。會員國光',
        '纖連網比例，平均已達 73.5% 以上。依協定',
        '第 7.7 條規定，優質企業（AEO）應享有額外',
        '之通關便捷措施。2024 年起，APEC 將推動單',
        '一窗口（Single Window）資料交換。',
        '\u3000\u3000歐盟宣布投入 1.1 億歐元，協助開發中',
        '國家執行貿易便捷化協定（TFA）。會員國光',
        '纖連網比例，平均已達 73.5% 以上。依協定',
        '第 7.7 條規定，優質企業（AEO）應享有額外',
        '之通關便捷措施。2024 年起，APEC 將推動單',
        '一窗口（Single Window）資料交換。',
        '參、心得與建議',
        '\u3000\u3000大會於 9 月 12 日星期二上午開幕',
        '註十一，由主席致詞並說明議程。歐盟宣布投',
        '入 1.1 億歐元，協助開發中國家執行貿易便',
        '捷化協定（TFA）。',
        '註釋',
        '（註十一） 參見 WTO 貿易便捷化協定第 11',
        '條之說明。',
    ]) + "\n"
    found = [(kind, body) for kind, body, _, _ in got(parse_report(text, "k"))]
    assert found == [
        ("paragraph", squash(other)), ("paragraph", squash(other)),
        ("paragraph", "大會於9月12日星期二上午開幕註十一，由主席致詞並說明議程。"
                      "歐盟宣布投入1.1億歐元，協助開發中國家執行貿易便捷化協定（TFA）。"),
        ("footnote", "（註十一）參見WTO貿易便捷化協定第11條之說明。")]


def test_a_note_at_the_end_wrapped_ragged_short_of_the_width_takes_its_tail():
    """A draw of the property above (wrap-indent, 40 columns, lines stopping
    up to 4 columns short): each note under the notes title stops in
    mid-sentence and its tail (`說明。`) opens nothing: the tail is the
    note's, not a paragraph of its own."""
    text = "\n".join([
        '出席 2024 年亞太經濟合作會議海關程序次級委員會報告',
        '',
        '壹、會議緣起',
        '\u3000\u3000歐盟宣布投入 1.1 億歐元[1]，協助',
        '開發中國家執行貿易便捷化協定（TFA）。會',
        '員國光纖連網比例，平均已達 73.5% 以',
        '上。依協定第 7.7 條規定，優質企業（AEO）',
        '應享有額外之通關便捷措施。2024 年',
        '起，APEC 將推動單一窗口（Single Window）',
        '資料交換。',
        '\u3000\u3000歐盟宣布投入 1.1 億歐元註二，協',
        '助開發中國家執行貿易便捷化協定（TFA）。',
        '會員國光纖連網比例，平均已達 73.5%',
        '以上。依協定第 7.7 條規定，優質企業（',
        'AEO）應享有額外之通關便捷措施。2024',
        '年起，APEC 將推動單一窗口（Single',
        'Window）資料交換。',
        '\u3000\u3000歐盟宣布投入 1.1 億歐元，協助開',
        '發中國家執行貿易便捷化協定（TFA）。會員',
        '國光纖連網比例，平均已達 73.5% 以',
        '上。依協定第 7.7 條規定，優質企業（AEO）',
        '應享有額外之通關便捷措施。2024 年',
        '起，APEC 將推動單一窗口（Single Window）',
        '資料交換。',
        '\u3000\u3000歐盟宣布投入 1.1 億歐元[4]，協助',
        '開發中國家執行貿易便捷化協定（TFA）。',
        '註釋',
        '[1] 參見 WTO 貿易便捷化協定第 1 條之',
        '說明。',
        '註二 參見 WTO 貿易便捷化協定第 2 條',
        '之說明。',
        '[4] 參見 WTO 貿易便捷化協定第 4 條之',
        '說明。',
    ]) + "\n"
    notes = [body for kind, body, _, _ in got(parse_report(text, "k")) if kind != "paragraph"
             or body.endswith("說明。")]
    assert notes == ["[1]參見WTO貿易便捷化協定第1條之說明。",
                     "註二參見WTO貿易便捷化協定第2條之說明。",
                     "[4]參見WTO貿易便捷化協定第4條之說明。"]


def test_label_lines_under_a_space_aligned_row_are_fields_not_its_wrapped_tail():
    """Hard-wrapped text whose paragraphs open with an indent: a row of cells
    apart by spaces, then 時間：/地點： lines with no indent. The row's wide
    gap would have left no room for their first word, but a run of label
    lines is a list of fields, each a passage, never the row's tail."""
    text = ("出席 2024 年亞太經濟合作會議海關程序次級委員會報告\n\n壹、會議緣起\n"
            "\u3000\u3000歐盟宣布投入 1.1 億歐元，協助\n開發中國家執行貿易便捷化協定（TFA）。\n"
            "會員國光纖連網比例，平均已達 73.5%\n以上。\n"
            "項目      培訓費用      2 萬元\n機票      雪梨          73.5%\n"
            "時間：2024 年 3 月 1 日上午\n地點：雪梨國際會議中心 3 樓\n"
            "\u3000\u3000依協定第 7.7 條規定，優質企業\n（AEO）應享有額外之通關便捷措施。\n"
            "貳、會議紀要\n\u3000\u3000秘書處報告，2022 年會員共提出\n"
            "4,185 件通知文件，創歷年新高。\n")
    found = [(kind, body) for kind, body, _, _ in got(parse_report(text, "k"))]
    assert found == [
        ("paragraph", "歐盟宣布投入1.1億歐元，協助開發中國家執行貿易便捷化協定（TFA）。"
                      "會員國光纖連網比例，平均已達73.5%以上。"),
        ("table_row", "項目培訓費用2萬元"), ("table_row", "機票雪梨73.5%"),
        ("paragraph", "時間：2024年3月1日上午"), ("paragraph", "地點：雪梨國際會議中心3樓"),
        ("paragraph", "依協定第7.7條規定，優質企業（AEO）應享有額外之通關便捷措施。"),
        ("paragraph", "秘書處報告，2022年會員共提出4,185件通知文件，創歷年新高。")]


# A fixed draw unless more layouts are asked for (RSEARCH_LAYOUTS).
@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 3, deadline=None,
          derandomize="RSEARCH_LAYOUTS" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), twice_wrapped_layouts())
def test_text_wrapped_twice_gives_back_the_body(sections, layout):
    """Paragraphs hard-wrapped, then wrapped again at a narrower width (a long
    line and a short one in turn), come back as written, headings too."""
    text = rendered(sections, layout)
    report = parse_report(text, "k")
    found = got(report)
    assert found == want(sections, layout, found), text


def test_a_piece_two_wraps_left_alike_under_a_page_number_and_over_another_is_text():
    """A draw of the property above (RSEARCH_LAYOUTS=3000, seed 2; 60 columns,
    then 48): the same sentence cut by two page numbers, its piece
    `前提供書面意` once heading a page under `- 2 -` and once ending another
    over `- 3 -`. Printed twice beside a page number it looked like a running
    line and was lost both times; a header keeps its place over its page's
    text and a footer under it, so a line at a page's head once and at its
    foot once is text."""
    text = "\n".join([
        TITLE, "", "壹、會議緣起", "",
        "歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿", "易便捷化協定",
        "（TFA）。澳洲介紹其信賴業者計畫，並說明試驗階段", "先成立產業諮",
        "詢團體。3 個工作小組分別報告進度，並請會員於 10 月底", "", "- 2 -", "",
        "前提供書面意", "見。新加坡人力部介紹其定量暴露評估工具，事業單位", "輸入化學品用",
        "量即可試算。", "", "貳、心得與建議", "",
        "本署代表於會中發言，說明我國推動電子商務（", "e-Commerce）通關之", "經驗。", "",
        "3 個工作小組分別報告進度，並請會員於 10 月底", "前提供書面意", "", "- 3 -", "",
        "見。", ""])
    assert [(s, squash(t)) for _, s, t in parsed(text)] == [
        ("壹、會議緣起", squash("歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）。"
                           "澳洲介紹其信賴業者計畫，並說明試驗階段先成立產業諮詢團體。3 個工作"
                           "小組分別報告進度，並請會員於 10 月底前提供書面意見。新加坡人力部介紹"
                           "其定量暴露評估工具，事業單位輸入化學品用量即可試算。")),
        ("貳、心得與建議",
         squash("本署代表於會中發言，說明我國推動電子商務（e-Commerce）通關之經驗。")),
        ("貳、心得與建議", squash("3 個工作小組分別報告進度，並請會員於 10 月底前提供書面意見。"))]


def test_a_paragraph_printed_twice_that_a_page_number_cuts_at_the_same_words_keeps_its_piece():
    """A draw of the property above (RSEARCH_LAYOUTS=3000, seed 2; 60 columns,
    then 48, bare page numbers): one paragraph printed twice, each time cut by
    a page number after the same piece (`化學品用量即`). Printed twice over a
    page number it looked like a running footer and was lost both times; a
    running line stands against each page's own text, and this piece is right
    under the same line of text both times: a passage printed twice."""
    para = ["依協定第 7.7 條規定，優質企業（AEO）應享有額外之", "通關便捷措",
            "施。新加坡人力部介紹其定量暴露評估工具，事業單位輸入", "化學品用量即", "", "{n}",
            "", "可試算。會員國光纖連網比例，平均已達", "73.5% 以上。", ""]
    text = "\n".join([
        TITLE, "", "壹、會議緣起", "", *[line.replace("{n}", "2") for line in para],
        "歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易", "便捷化協定（", "TFA）。", "",
        *[line.replace("{n}", "3") for line in para],
        "貳、會議紀要", "", "本署代表於會中發言。", "", "4"])
    whole = squash("依協定第 7.7 條規定，優質企業（AEO）應享有額外之通關便捷措施。新加坡人力部"
                   "介紹其定量暴露評估工具，事業單位輸入化學品用量即可試算。會員國光纖連網比例，"
                   "平均已達 73.5% 以上。")
    assert [(s, squash(t)) for _, s, t in parsed(text)] == [
        ("壹、會議緣起", whole),
        ("壹、會議緣起", squash(SENTENCES[0])), ("壹、會議緣起", whole),
        ("貳、會議紀要", "本署代表於會中發言。")]


def test_a_page_s_note_cited_by_digits_after_a_term_above_it_is_not_a_later_raised_mark_s():
    """A draw of the property above (80 columns, then 64): a page's note
    under a rule, `3 …`, cited by digits after a term in the paragraph the
    page cut (`億歐元3，`), and a later paragraph citing a note of its own
    raised (`億歐元³`): a page's note stands under the text citing it, so the
    note is the paragraph's above it (it went to the later one)."""
    text = "\n".join([
        '出席 2024 年亞太經濟合作會議海關程序次級委員會報告',
        '',
        '壹、會議緣起',
        '',
        '歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（',
        'TFA）。會員國光纖連網',
        '比例，平均已達 73.5% 以上。',
        '',
        '- 2 -',
        '',
        '歐盟宣布投入 1.1 億歐元3，協助開發中國家執行貿易便捷化協定（',
        'TFA）。會員國光纖連',
        '網比例，平均已達 73.5% 以上。依協定第 7.7 條規定，優質企業（',
        'AEO）應享有額外之通',
        '關便捷措施。2024 年起，APEC 將推動單一窗口（Single Window）資料',
        '────────────',
        '3 參見 WTO 貿易便捷化協定第 3 條之說明。',
        '',
        '- 3 -',
        '',
        '交換。秘書處報',
        '告，2022 年會員共提出 4,185 件通知文件，創歷年新高。',
        '',
        '參、心得與建議',
        '',
        '秘書處報告，2022 年會員共提出 4,185 件通知文件，創歷年新高。',
        '',
        '歐盟宣布投入 1.1 億歐元³，協助開發中國家執行貿易便捷化協定（',
        '────────────',
        '³ 參見 WTO 貿易便捷化協定第 12 條之說明。',
        '',
        '- 4 -',
        '',
        'TFA）。',
    ]) + "\n"
    assert [(kind, label, text.split("，")[0]) for kind, label, text in parsed(text)] == [
        ("paragraph", "壹、會議緣起", "歐盟宣布投入 1.1 億歐元"),
        ("paragraph", "壹、會議緣起", "歐盟宣布投入 1.1 億歐元3"),
        ("footnote", "壹、會議緣起", "3 參見 WTO 貿易便捷化協定第 3 條之說明。"),
        ("paragraph", "參、心得與建議", "秘書處報告"),
        ("paragraph", "參、心得與建議", "歐盟宣布投入 1.1 億歐元³"),
        ("footnote", "參、心得與建議", "³ 參見 WTO 貿易便捷化協定第 12 條之說明。")]


def test_a_piece_read_as_a_heading_after_a_sentence_s_end_that_fills_the_first_wrap_goes_on():
    """A draw of the property above (72 columns, then 58): a first-wrap line
    whose long piece ends a sentence at the narrower width and whose short
    piece opens with a number (`3 個工作小組分`, read alone as a heading): the
    two run to the first width with text under them, so they are one line of
    the paragraph, not a paragraph's end and a heading."""
    para = ("澳洲介紹其信賴業者計畫，並說明試驗階段先成立產業諮詢團體。3 個工作小組分別報告進度，"
            "並請會員於 10 月底前提供書面意見。歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易"
            "便捷化協定（TFA）。會員國光纖連網比例，平均已達 73.5% 以上。")
    lines = twice(para, 72, 58)
    assert lines[:2] == ["澳洲介紹其信賴業者計畫，並說明試驗階段先成立產業諮詢團體。",
                         "3 個工作小組分"]
    other = "".join(SENTENCES[:5])
    text = "\n".join([TITLE, "", "壹、會議緣起", "", *twice(other, 72, 58), "", *lines, "",
                      "貳、會議紀要", "", *twice(other, 72, 58), ""])
    assert [(s, squash(t)) for _, s, t in parsed(text)] == [
        ("壹、會議緣起", squash(other)), ("壹、會議緣起", squash(para)),
        ("貳、會議紀要", squash(other))]


def test_a_field_under_a_programme_s_line_in_text_wrapped_twice_is_its_own_line():
    """A draw of the property above (50 columns, then 36): a programme's line
    (`9:30–10:00  專題演講：數位海關`) short of the narrower width, a field's
    line under it (`Date：1 March 2024`) whose first word would not have
    fitted: a field of its own, not the piece the second wrap broke off."""
    from .paragraph_layouts import Lone, Note

    sections = [Section(heading='壹、會議緣起',
    items=[Para(text=('主席說明本次會議重點：擴大 AEO 相互承認，並推動單一窗口資料交換。歐'
          '盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）。'
          '會員國光纖連網比例，平均已達 73.5% 以上。依協定第 7.7 條規定'
          '，優質企業（AEO）應享有額外之通關便捷措施。3 個工作小組分別報告進度'
          '，並請會員於 10 月底前提供書面意見。'),
    note=None,
    cut=None),
    Para(text=('歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）'
          '。會員國光纖連網比例，平均已達 73.5% 以上。依協定第 7.7 條規'
          '定，優質企業（AEO）應享有額外之通關便捷措施。2024 年起，APEC'
          ' 將推動單一窗口（Single Window）資料交換。'),
    note=None,
    cut=None),
    Para(text=('歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）'
          '。會員國光纖連網比例，平均已達 73.5% 以上。依協定第 7.7 條規'
          '定，優質企業（AEO）應享有額外之通關便捷措施。2024 年起，APEC'
          ' 將推動單一窗口（Single Window）資料交換。'),
    note=None,
    cut=112),
    Agenda(lines=['8時00分 開幕式', '9時30分 Session 1: Trade Facilitation']),
    Agenda(lines=['8:00–9:00  午餐', '9:30–10:00  專題演講：數位海關']),
    Fields(lines=['Date：1 March 2024', '主持人：張志強副局長'], wrapped=False),
    Para(text='2024 年起，APEC 將推動單一窗口（Single Window）資料交換。',
    note=None,
    cut=37)]),
    Section(heading='貳、會議紀要',
    items=[Agenda(lines=['8.00-9.00\u3000報到', '9.30-10.00\u3000午餐']),
    Agenda(lines=['8:00–9:00  午餐', '9:30–10:00  專題演講：數位海關']),
    Para(text=('如表 3-2 所示，各國預算均較前一年度成長，其中韓國增加 12.5 億'
          '韓圜。新加坡人力部介紹其定量暴露評估工具，事業單位輸入化學品用量即可試算'
          '。'),
    note=None,
    cut=None)]),
    Section(heading='參、心得與建議',
    items=[Para(text=('大會於 9 月 12 日星期二上午開幕，由主席致詞並說明議程。主席說明本'
          '次會議重點：擴大 AEO 相互承認，並推動單一窗口資料交換。第 2 次會'
          '議決議，由美國及日本共同主持 MRA 行動計畫。'),
    note=None,
    cut=None),
    Para(text=('2024 年起⁷，APEC 將推動單一窗口（Single Window）'
          '資料交換。會員國光纖連網比例，平均已達 73.5% 以上。'),
    note=Note(mark='⁷', text=('⁷ 參見 WTO 貿易便捷化協定第 7 條之說明。'), foot=True),
    cut=54),
    Lone(form='- {n} -', n=2, total=8),
    Para(text='2024 年起，APEC 將推動單一窗口（Single Window）資料交換。',
    note=None,
    cut=None)])]
    layout = Layout(convention="wrap-indent", width=50, indent="\u3000\u3000",
                    page_number="Page {n} of {total}", rule="____________", form_feed=False,
                    header=False, notes_title="Endnotes", ragged=(0,), far_right=False,
                    number_first=False, narrow=1.0, short_header=True, rewrap=36,
                    notes_at="after", last_unnumbered=False)
    text = render(sections, layout)
    assert "9:30–10:00  專題演講：數位海關\nDate：1 March 2024" in text
    found = got(parse_report(text, "k"))
    assert found == want(sections, layout, found), text


def test_rows_of_cells_apart_by_tabs_in_text_wrapped_twice_are_a_row_each():
    """A draw of the property above (50 columns, then 31): a table's rows of
    cells apart by tabs, a row short of the narrower width and the next
    row's first cell too wide for what is left: each line is a row, never a
    piece a second wrap broke off the row above."""
    from .paragraph_layouts import Note, Role, Table

    sections = [Section(heading='壹、會議緣起',
    items=[Para(text=('第 2 次會議決議[1]，由美國及日本共同主持 MRA 行動計畫。歐盟宣'
          '布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）。會員'
          '國光纖連網比例，平均已達 73.5% 以上。依協定第 7.7 條規定，優'
          '質企業（AEO）應享有額外之通關便捷措施。2024 年起，APEC 將推'
          '動單一窗口（Single Window）資料交換。秘書處報告，2022 '
          '年會員共提出 4,185 件通知文件，創歷年新高。'),
    note=Note(mark='[1]', text='[1] 參見 WTO 貿易便捷化協定第 1 條之說明。', foot=False),
    cut=60),
    Para(text=('歐盟宣布投入 1.1 億歐元[2]，協助開發中國家執行貿易便捷化協定（T'
          'FA）。會員國光纖連網比例，平均已達 73.5% 以上。依協定第 7.7'
          ' 條規定，優質企業（AEO）應享有額外之通關便捷措施。2024 年起，A'
          'PEC 將推動單一窗口（Single Window）資料交換。'),
    note=Note(mark='[2]', text='[2] 參見 WTO 貿易便捷化協定第 2 條之說明。', foot=False),
    cut=None),
    Para(text=('歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）'
          '。會員國光纖連網比例，平均已達 73.5% 以上。依協定第 7.7 條規'
          '定，優質企業（AEO）應享有額外之通關便捷措施。2024 年起，APEC'
          ' 將推動單一窗口（Single Window）資料交換。'),
    note=None,
    cut=None),
    Role(text='講師：王大明、李小華（經濟部國際貿易署副署長）'),
    Para(text=('歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）'
          '。依協定第 7.7 條規定，優質企業（AEO）應享有額外之通關便捷措施。'
          '如表 3-2 所示，各國預算均較前一年度成長，其中韓國增加 12.5 億'
          '韓圜。'),
    note=None,
    cut=52),
    Table(rows=[['項目', '檢疫站', '項目'],
    ['1.1 億', '講師鐘點', '3 月 10 日'],
    ['WCO', 'WCO', '坎培拉'],
    ['雪梨', '場地租金', '雪梨']],
    style='tabs',
    caption=None,
    wrapped=None),
    Para(text='會員國光纖連網比例，平均已達 73.5% 以上。', note=None, cut=None)]),
    Section(heading='貳、會議紀要',
    items=[Para(text=('歐盟宣布投入 1.1 億歐元註七，協助開發中國家執行貿易便捷化協定（TF'
          'A）。新加坡人力部介紹其定量暴露評估工具，事業單位輸入化學品用量即可試算'
          '。'),
    note=Note(mark='註七', text='註七 參見 WTO 貿易便捷化協定第 7 條之說明。', foot=False),
    cut=None)])]
    layout = Layout(convention='wrap-blank',
    width=50,
    indent='\u3000\u3000',
    page_number='Page {n} of {total}',
    rule='────────────',
    form_feed=False,
    header=False,
    notes_title='註釋',
    ragged=(0,),
    far_right=False,
    number_first=False,
    narrow=1.0,
    short_header=False,
    rewrap=31,
    notes_at='section',
    last_unnumbered=False)
    text = render(sections, layout)
    assert "1.1 億\t講師鐘點\t3 月 10 日\nWCO\tWCO\t坎培拉" in text
    found = got(parse_report(text, "k"))
    assert found == want(sections, layout, found), text


def test_a_short_text_wrapped_twice_over_a_table_and_fields_is_made_whole():
    """A draw of the property above (80 columns, then 64): three paragraphs
    wrapped twice over a box-drawn table and two fields' lines, in a text
    so short that the table's lines and the fields (no join puts them
    together at any width) were as many as the second wrap's stops; counted
    with them, the stops a join took away looked too few, the second wrap
    was left in, and a first-wrap line full to the width (`…已達 73.5%`)
    ended its paragraph."""
    from .paragraph_layouts import Note, Table

    def para(text, mark=None):
        note = Note(mark=mark, text=f"{mark} 參見 WTO 貿易便捷化協定第 {mark[1]} 條之說明。",
                    foot=False) if mark else None
        return Para(text=text, note=note, cut=None)

    first = ("歐盟宣布投入 1.1 億歐元{}，協助開發中國家執行貿易便捷化協定（TFA）。"
             "會員國光纖連網比例，平均已達 73.5% 以上。"
             "依協定第 7.7 條規定，優質企業（AEO）應享有額外之通關便捷措施。"
             "2024 年起，APEC 將推動單一窗口（Single Window）資料交換。")
    sections = [
        Section(heading="壹、會議緣起", items=[
            para(first.format("[1]"), "[1]"), para(first.format("[2]"), "[2]"),
            para("歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）。2024 年起，"
                 "APEC 將推動單一窗口（Single Window）資料交換。會員國光纖連網比例，平均已達 73.5% "
                 "以上。依協定第 7.7 條規定，優質企業（AEO）應享有額外之通關便捷措施。"),
            Table(rows=[["項目", "項目"], ["項目", "培訓費用"], ["項目", "差旅費"]], style="box",
                  caption=None, wrapped=None),
            Fields(lines=["時間：2024 年 3 月 1 日上午", "地點：雪梨國際會議中心 3 樓"],
                   wrapped=False),
            para("歐盟宣布投入 1.1 億歐元[5]，協助開發中國家執行貿易便捷化協定（TFA）。", "[5]"),
            para("會員國光纖連網比例[6]，平均已達 73.5% 以上。", "[6]")]),
        Section(heading="貳、會議紀要", items=[
            para("歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）。")])]
    layout = Layout(convention="wrap-blank", width=80, indent="\u3000\u3000",
                    page_number="- {n} -", rule="────────────", form_feed=False,
                    header=False, notes_title="註釋", ragged=(0,), far_right=False,
                    number_first=False, narrow=1.0, short_header=False, rewrap=64,
                    notes_at="end", last_unnumbered=False)
    text = render(sections, layout)
    assert "例，平均已達 73.5%\n以上。依協定第 7.7 條規定" in text
    found = got(parse_report(text, "k"))
    assert found == want(sections, layout, found), text


def test_a_box_s_last_rule_in_text_wrapped_twice_takes_no_field_under_it():
    """A draw of the property above (50 columns, then 31; RSEARCH_LAYOUTS=1000
    --hypothesis-seed=7): a box-drawn table under the paragraphs, its last
    rule (`└───┴───┘`, whose box-drawing characters measure narrow in a text
    that mixes Latin words in) short of the narrower wrap, and a field under
    it too wide to have fitted after it: the rule is the table's, never a
    line the second wrap broke, and each field stays a line of its own."""
    text = "\n".join([
        '出席 2024 年亞太經濟合作會議海',
        '關程序次級委員會報告',
        '',
        '壹、會議緣起',
        '',
        '歐盟宣布投入 1.1 億歐元[1]，協',
        '助開發中國家執行貿易',
        '便捷化協定（TFA）。大會於 9 月',
        '12 日星期二上午開',
        '幕，由主席致詞並說明議程。會員',
        '國光纖連網比例，平均',
        '已達 73.5% 以上。依協定第 7.7',
        '條規定，優質企業（',
        'AEO）應享有額外之通關便捷措施。',
        '',
        '歐盟宣布投入 1.1 億歐元[2]，協',
        '助開發中國家執行貿易',
        '便捷化協定（TFA）。會員國光纖連',
        '網比例，平均已達',
        '73.5% 以上。依協定第 7.7 條規',
        '',
        '- 2 -',
        '',
        '定，優質企業（AEO）應',
        '享有額外之通關便捷措施。2024 年',
        '起，APEC 將推動單一',
        '窗口（Single Window）資料交換。',
        '',
        '歐盟宣布投入 1.1 億歐元，協助開',
        '發中國家執行貿易便',
        '捷化協定（TFA）。會員國光纖連網',
        '比例，平均已達',
        '73.5% 以上。依協定第 7.7 條規',
        '定，優質企業（AEO）應',
        '享有額外之通關便捷措施。2024 年',
        '起，APEC 將推動單一',
        '窗口（Single Window）資料交換。',
        '秘書處報告，2022 年',
        '會員共提出 4,185 件通知文件，創',
        '歷年新高。',
        '',
        '┌─────────┬───────────────────────┐',
        '│ 項目    │ 3 月 10 日            │',
        '├─────────┼───────────────────────┤',
        '│ 項目    │ 含講師鐘點            │',
        '│         │ 及場地租金            │',
        '├─────────┼───────────────────────┤',
        '│ 檢疫站  │ 項目                  │',
        '└─────────┴───────────────────────┘',
        '',
        'Date：1 March 2024',
        '時間：2024 年 3 月 1 日上午',
        '地點：雪梨國際會議中心 3 樓',
        '',
        '主席說明本次會議重點：擴大 AEO',
        '相互承認，並推動單',
        '一窗口資料交換。歐盟宣布投入',
        '1.1 億歐元，協助開發',
        '中國家執行貿易便捷化協定（',
        'TFA）。',
        '',
        '圖 5 Plenary',
        '',
        '歐盟宣布投入 1.1 億歐元註七，協',
        '助開發中國家執行貿',
        '',
        '- 3 -',
        '',
        '易便捷化協定（TFA）。',
        '',
        '貳、會議紀要',
        '',
        '歐盟宣布投入 1.1 億歐元，協助開',
        '發中國家執行貿易便',
        '捷化協定（TFA）。',
        '',
        '項目\t3 月 10 日\t項目',
        '項目\t項目\t項目',
        '',
        '歐盟宣布投入 1.1 億歐元[10]，協',
        '助開發中國家執行貿',
        '易便捷化協定（TFA）。',
        '',
        '註釋',
        '',
        '[1] 參見 WTO 貿易便捷化協定第 1',
        '條之說明。',
        '',
        '[2] 參見 WTO 貿易便捷化協定第 2',
        '條之說明。',
        '',
        '註七 參見 WTO 貿易便捷化協定第',
        '7 條之說明。',
        '',
        '[10] 參見 WTO 貿易便捷化協定第',
        '10 條之說明。',
        '',
        '',
        '- 4 -',
    ]) + "\n"
    passages = [(p.kind, squash(p.text)) for p in body_passages(parse_report(text, "k"))]
    assert passages[5:12] == [
        ("table_row", "│項目│3月10日│"), ("table_row", "│項目│含講師鐘點│││及場地租金│"),
        ("table_row", "│檢疫站│項目│"), ("paragraph", "Date：1March2024"),
        ("paragraph", "時間：2024年3月1日上午"), ("paragraph", "地點：雪梨國際會議中心3樓"),
        ("paragraph", "主席說明本次會議重點：擴大AEO相互承認，並推動單一窗口資料交換。"
                      "歐盟宣布投入1.1億歐元，協助開發中國家執行貿易便捷化協定（TFA）。")]
    assert len(passages) == 20


def twice(paragraph, outer, inner):
    return [piece for line in wrap(paragraph, outer) for piece in wrap(line, inner)]


def test_a_paragraph_wrapped_at_72_then_at_50_is_one_paragraph():
    first, second = "".join(SENTENCES[:5]), "".join(SENTENCES[5:10])
    lines = ["壹、會議緣起", "", *twice(first, 72, 50), "", "貳、會議紀要", "",
             *twice(second, 72, 50), ""]
    # long and short in turn
    assert [len(line) > 20 for line in lines[2:6]] == [True, False, True, False]
    assert [(s, squash(t)) for _, s, t in parsed(TITLE + "\n\n" + "\n".join(lines))] == [
        ("壹、會議緣起", squash(first)), ("貳、會議紀要", squash(second))]


def test_text_wrapped_once_is_left_as_it_is():
    """A report wrapped once whose short lines stop in mid-sentence, line
    after line (a line that introduces a paragraph), shows no second wrap."""
    body = "".join(SENTENCES[:6])
    lines = ["壹、會議緣起"]
    for k in range(8):
        lines += [f"第{k + 1}位代表發言如下", *wrap(body, 60)]
    texts = [t for _, _, t in parsed(TITLE + "\n\n" + "\n".join(lines))]
    assert [squash(t) for t in texts] == [squash(t) for k in range(8)
                                          for t in (f"第{k + 1}位代表發言如下", body)]


def test_a_footer_of_the_title_and_its_page_number_on_two_lines_is_lifted_out():
    """`<title> 第 n 頁／共 m 頁` wrapped onto two lines between two halves of a
    sentence: both lines go and the halves join."""
    head, tail = "秘書處報告，2022 年會員共提出 4,185", "件通知文件，創歷年新高。"
    pages = []
    for n, label in zip((1, 2, 3), "壹貳參", strict=True):
        pages.append(f"{label}、會議{n}\n\n{head}\n\n出席 2024 年亞太經濟合作會議海關程序次級\n"
                     f"委員會報告 第 {n} 頁／共 3 頁\n\f{tail}\n")
    texts = [(s, t) for _, s, t in parsed(TITLE + "\n\n" + "".join(pages))]
    whole = "秘書處報告，2022 年會員共提出 4,185 件通知文件，創歷年新高。"
    assert texts == [(f"{label}、會議{n}", whole)
                     for n, label in zip((1, 2, 3), "壹貳參", strict=True)]


def test_label_lines_are_a_passage_each_and_a_sentence_with_a_colon_is_not_split():
    text = (TITLE + "\n\n壹、會議紀要\n\n會議於上午開幕，由主席致詞。\n\n"
            "時間：2024 年 3 月 1 日上午\n地點：雪梨國際會議中心\n出席：王大明、李小華\n"
            "記錄：林怡君\n會議開始，主席說明本次會議重點：擴大 AEO 相互承認，\n"
            "並推動單一窗口資料交換。\n\n主席說明重點：擴大相互承認，\n重點：單一窗口。\n")
    assert [t for _, _, t in parsed(text)] == [
        "會議於上午開幕，由主席致詞。", "時間：2024 年 3 月 1 日上午", "地點：雪梨國際會議中心",
        "出席：王大明、李小華", "記錄：林怡君",
        "會議開始，主席說明本次會議重點：擴大 AEO 相互承認，並推動單一窗口資料交換。",
        "主席說明重點：擴大相互承認，重點：單一窗口。"]


def test_paragraphs_that_repeat_wrapped_lines_are_no_contents_page():
    """Two paragraphs wrapped alike repeat three lines, the first numbered
    like a heading (`7.7 條規定…`); after a heading with a wrapped paragraph
    under it, the body has begun and they are text, not an untitled contents
    page taken out of it (found by the random layouts)."""
    para = ["歐盟宣布投入 1.1 億歐元{}，協助開發中國", "家執行貿易便捷化協定（TFA）。依協定第",
            "7.7 條規定，優質企業（AEO）應享有額外之", "通關便捷措施。會員國光纖連網比例，平均已",
            "達 73.5% 以上。2024 年起，APEC 將推動單", "一窗口（Single Window）資料交換。"]
    lines = ["壹、會議緣起", "", "會員國光纖連網比例，平均已達 73.5% 以",
             "上。歐盟宣布投入 1.1 億歐元。", "",
             *[t.format("[2]") for t in para], "", *[t.format("[3]") for t in para]]
    texts = [t for _, _, t in parsed("報告\n\n" + "\n".join(lines))]
    same = "".join(para)
    assert [t.replace(" ", "") for t in texts] == [
        "會員國光纖連網比例，平均已達73.5%以上。歐盟宣布投入1.1億歐元。",
        same.format("[2]").replace(" ", ""), same.format("[3]").replace(" ", "")]


def parsed(text):
    return [(p.kind, p.section_label, p.text) for p in body_passages(parse_report(text, "k"))]


def test_a_wrapped_line_starting_with_a_number_goes_on():
    lines = ["壹、會議紀要",
             "　　歐盟宣布投入 1.1 億歐元協助開發中國家執行貿易便捷化協定，並請會員國於",
             "2024 年底前完成通知，較前一年度之比例增加約 12 個百分點，會員國之完成率約",
             "73.5%，尚未完成之會員國應依協定第 7.7 條之規定辦理，並由秘書處追蹤，其",
             "1.1 節所列之措施應於下次會議前提出報告，供委員會討論並作成決議。",
             "　　秘書處報告，2022 年會員共提出 4,185 件通知文件，創歷年新高，其中約有",
             "30 件涉及優質企業（AEO）相互承認，另有多件涉及單一窗口之資料交換。"] * 1
    texts = [t for _, _, t in parsed("報告\n\n" + "\n".join(lines))]
    assert texts == [
        "歐盟宣布投入 1.1 億歐元協助開發中國家執行貿易便捷化協定，並請會員國於 2024 年底前"
        "完成通知，較前一年度之比例增加約 12 個百分點，會員國之完成率約 73.5%，尚未完成之會員國"
        "應依協定第 7.7 條之規定辦理，並由秘書處追蹤，其 1.1 節所列之措施應於下次會議前提出"
        "報告，供委員會討論並作成決議。",
        "秘書處報告，2022 年會員共提出 4,185 件通知文件，創歷年新高，其中約有 30 件涉及優質企業"
        "（AEO）相互承認，另有多件涉及單一窗口之資料交換。"]


def test_one_paragraph_a_line_and_a_page_cut_between_two_halves():
    text = ("報告\n\n壹、會議紀要\n主席：王大明\n"
            "本次會議討論貿易便捷化協定之執行，歐盟宣布投入\n- 3 -\n\f"
            "1.1 億歐元協助開發中國家。\n"
            "會員國光纖連網比例平均已達 73.5% 以上。\n- 4 -\n")
    assert parsed(text) == [
        ("paragraph", "壹、會議紀要", "主席：王大明"),
        ("paragraph", "壹、會議紀要",
         "本次會議討論貿易便捷化協定之執行，歐盟宣布投入 1.1 億歐元協助開發中國家。"),
        ("paragraph", "壹、會議紀要", "會員國光纖連網比例平均已達 73.5% 以上。")]


def test_footnotes_under_a_rule_are_lifted_out_and_kept_whole():
    header = "出國報告：貿易便捷化會議"
    text = (f"{header}\n\n壹、會議紀要\n\n本次會議討論貿易便捷化協定¹之執行情形，歐盟宣布投入\n"
            "────────\n¹ WTO 貿易便捷化協定（Trade Facilitation Agreement, TFA），\n"
            "於 2017 年生效。\n- 2 -\f"
            f"{header}\n1.1 億歐元協助開發中國家。\n\n第二段說明優質企業之推動情形。\n"
            "﹍﹍﹍﹍﹍\n2 見附件 3。\n- 3 -\f"
            f"{header}\n第三段說明單一窗口。\n- 4 -\n")
    assert parsed(text) == [
        ("paragraph", "壹、會議紀要",
         "本次會議討論貿易便捷化協定¹之執行情形，歐盟宣布投入 1.1 億歐元協助開發中國家。"),
        ("footnote", "壹、會議紀要",
         "¹ WTO 貿易便捷化協定（Trade Facilitation Agreement, TFA），於 2017 年生效。"),
        ("paragraph", "壹、會議紀要", "第二段說明優質企業之推動情形。"),
        ("footnote", "壹、會議紀要", "2 見附件 3。"),
        ("paragraph", "壹、會議紀要", "第三段說明單一窗口。")]


def test_notes_gathered_at_the_end_go_to_the_section_citing_them():
    text = ("報告\n\n壹、會議緣起\n\n本次會議討論優質企業[1]之相互承認。\n\n"
            "貳、會議紀要\n\n會員國說明其單一窗口註2之建置。\n\n"
            "參、附註\n\n[1] 優質企業（Authorized Economic Operator, AEO）。\n\n"
            "註2 單一窗口（Single Window）。\n")
    report = parse_report(text, "k")
    notes = [p for p in report.passages if p.kind == "footnote"]
    assert [(n.section_label, n.text) for n in notes] == [
        ("壹、會議緣起", "[1] 優質企業（Authorized Economic Operator, AEO）。"),
        ("貳、會議紀要", "註2 單一窗口（Single Window）。")]
    texts = [p.text for p in report.passages]
    # each note right after the paragraph citing it; the mark stays in the paragraph
    assert texts[texts.index("本次會議討論優質企業[1]之相互承認。") + 1] == notes[0].text
    assert texts[texts.index("會員國說明其單一窗口註2之建置。") + 1] == notes[1].text


def test_notes_typed_after_a_paragraph_or_a_section_with_a_chinese_numeral():
    """Notes `註一：`, `（註2）`, `註 3.` typed as lines after the paragraph
    citing them or at a section's end, one paragraph a line: each a note of
    its own beside what cites it (`（註一）`, `註2`), none joined to the text."""
    text = ("報告\n壹、會議緣起\n本團赴日本考察通關作業（註一），為期五日。\n"
            "參訪東京海關註2，並交換意見。\n註一：考察期間為五日。\n"
            "（註2）東京海關位於台場。\n貳、心得與建議\n建議推動單一窗口（註十一）。\n"
            "參訪橫濱港之貨櫃場。\n註十一、單一窗口由關務署主政。\n")
    assert parsed(text) == [
        ("paragraph", "壹、會議緣起", "本團赴日本考察通關作業（註一），為期五日。"),
        ("footnote", "壹、會議緣起", "註一：考察期間為五日。"),
        ("paragraph", "壹、會議緣起", "參訪東京海關註2，並交換意見。"),
        ("footnote", "壹、會議緣起", "（註2）東京海關位於台場。"),
        ("paragraph", "貳、心得與建議", "建議推動單一窗口（註十一）。"),
        ("footnote", "貳、心得與建議", "註十一、單一窗口由關務署主政。"),
        ("paragraph", "貳、心得與建議", "參訪橫濱港之貨櫃場。")]


@pytest.mark.parametrize("title", ["Notes", "Endnotes", "Footnotes"])
def test_an_english_notes_title_standing_alone_heads_a_notes_part(title):
    """`Notes` alone on its line heads a notes part as 註釋 does: a heading,
    not a passage of the last section, its notes beside what cites them."""
    text = ("報告\n\n壹、會議緣起\n\n本團赴日本考察通關作業[1]。\n\n貳、心得與建議\n\n"
            f"建議推動單一窗口。\n\n{title}\n\n[1] 考察期間為五日。\n")
    report = parse_report(text, "k")
    assert [e.heading.title for e in report.outline] == ["會議緣起", "心得與建議", title]
    assert parsed(text) == [
        ("paragraph", "壹、會議緣起", "本團赴日本考察通關作業[1]。"),
        ("footnote", "壹、會議緣起", "[1] 考察期間為五日。"),
        ("paragraph", "貳、心得與建議", "建議推動單一窗口。")]


def test_a_quantity_after_a_sentence_end_cites_no_bare_note():
    """A page's note `3 …` whose mark the paragraph raised (`³`) stays by
    that paragraph; `。3 個工作小組` further on is a quantity, not its mark."""
    text = ("報告\n\n壹、會議緣起\n\n歐盟宣布投入 1.1 億歐元³，協助開發中國家\n"
            "────────\n3 參見貿易便捷化協定。\n\n- 2 -\n\n執行協定。\n\n"
            "新加坡介紹評估工具。3 個工作小組分別報告進度。\n\n- 3 -\n")
    assert parsed(text) == [
        ("paragraph", "壹、會議緣起", "歐盟宣布投入 1.1 億歐元³，協助開發中國家執行協定。"),
        ("footnote", "壹、會議緣起", "3 參見貿易便捷化協定。"),
        ("paragraph", "壹、會議緣起", "新加坡介紹評估工具。3 個工作小組分別報告進度。")]


@pytest.mark.parametrize("number", ["- 2 -", "第 2 頁", "2/2", "Page 2 of 2", "第 2 頁，共 2 頁"])
def test_the_one_page_number_of_a_text_cutting_a_sentence_is_lifted_out(number):
    """A text of two pages, no form feed nor running header: its one page
    number, alone on a line inside a sentence, goes and the halves join."""
    text = ("報告\n\n壹、會議緣起\n\n本團赴日本考察海關通關作業，並與日方交換意見，"
            f"雙方就貿易便捷化之推動現況，\n{number}\n以及未來合作方向進行討論。\n\n"
            "貳、心得\n\n建議持續交流。\n")
    assert parsed(text) == [
        ("paragraph", "壹、會議緣起", "本團赴日本考察海關通關作業，並與日方交換意見，"
         "雙方就貿易便捷化之推動現況，以及未來合作方向進行討論。"),
        ("paragraph", "貳、心得", "建議持續交流。")]


@pytest.mark.parametrize("number", ["- 2 -", "第 2 頁", "2/2"])
@pytest.mark.parametrize("notes", [
    ["¹ 考察期間為五日。"], ["¹ 考察期間為五日，行程詳附件一，", "並由駐日代表處協助安排。"]])
def test_the_one_page_number_under_a_page_s_notes_is_lifted_out(number, notes):
    """A text of two pages whose one page number stands under the first
    page's notes (a rule, then notes ending a sentence): the text over the
    rule is what the page cut, so the number goes, the notes are a note and
    the sentence's halves join."""
    text = ("報告\n\n壹、會議緣起\n\n本團赴日本考察海關通關作業¹，並與日方交換意見，"
            "雙方就貿易便捷化之推動現況，\n────────\n" + "\n".join(notes)
            + f"\n{number}\n以及未來合作方向進行討論。\n\n貳、心得\n\n建議持續交流。\n")
    assert [(kind, label, squash(body)) for kind, label, body in parsed(text)] == [
        ("paragraph", "壹、會議緣起", "本團赴日本考察海關通關作業¹，並與日方交換意見，"
         "雙方就貿易便捷化之推動現況，以及未來合作方向進行討論。"),
        ("footnote", "壹、會議緣起", squash("".join(notes))),
        ("paragraph", "貳、心得", "建議持續交流。")]


def test_a_bare_number_or_a_list_item_after_a_cut_sentence_is_no_page_number():
    """A bare number on its own line (a list's or a cell's) stays text, and so
    does a page number's form before a list item (no sentence goes on)."""
    text = ("報告\n\n壹、會議緣起\n\n本團赴日本考察海關通關作業，並與日方交換意見，"
            "雙方就貿易便捷化之推動現況，\n3\n以及未來合作方向進行討論。\n\n"
            "貳、心得\n\n本團赴日本考察海關通關作業，並與日方交換意見，雙方就推動現況，\n"
            "- 5 -\n\n1. 以及未來合作方向。\n")
    assert [text for _, _, text in parsed(text)] == [
        "本團赴日本考察海關通關作業，並與日方交換意見，雙方就貿易便捷化之推動現況， 3 "
        "以及未來合作方向進行討論。",
        "本團赴日本考察海關通關作業，並與日方交換意見，雙方就推動現況，- 5 -",
        "1. 以及未來合作方向。"]


def test_a_bare_note_mark_after_a_term_in_mid_sentence_takes_its_note():
    """A page's note with a bare number (`2 …`) is cited by those digits right
    after a term, mid-sentence (`單一窗口2的`), in a paragraph before the page
    cut: the note goes after it. Digits of a count or a quantity (`第 3 階段`,
    `3 個`) cite no note: note 3 stays where the page's foot put it."""
    text = ("報告\n\n壹、會議緣起\n\n會員國說明其單一窗口2的建置，並於 2024 年完成第 3 階段。\n\n"
            "另有 3 個工作小組報告進度。\n\n本次會議討論貿易便捷化協定之執行情形，歐盟宣布投入\n"
            "────────\n2 單一窗口由財政部關務署主政。\n3 工作小組名單詳附件。\n\n- 2 -\n\n"
            "1.1 億歐元協助開發中國家。\n\n貳、心得\n\n建議持續交流。\n\n- 3 -\n")
    assert parsed(text) == [
        ("paragraph", "壹、會議緣起", "會員國說明其單一窗口2的建置，並於 2024 年完成第 3 階段。"),
        ("footnote", "壹、會議緣起", "2 單一窗口由財政部關務署主政。"),
        ("paragraph", "壹、會議緣起", "另有 3 個工作小組報告進度。"),
        ("paragraph", "壹、會議緣起",
         "本次會議討論貿易便捷化協定之執行情形，歐盟宣布投入 1.1 億歐元協助開發中國家。"),
        ("footnote", "壹、會議緣起", "3 工作小組名單詳附件。"),
        ("paragraph", "貳、心得", "建議持續交流。")]


def test_a_box_drawn_table_with_a_wrapped_cell_under_its_caption():
    text = ("報告\n\n壹、考察行程\n\n表 3-2 參訪行程\n"
            "┌──────┬──────────┬──────┐\n"
            "│ 日期 │ 行程     │ 地點 │\n"
            "├──────┼──────────┼──────┤\n"
            "│ 3/10 │ 雪梨國際 │ 雪梨 │\n"
            "│      │ 機場檢疫站│      │\n"
            "├──────┼──────────┼──────┤\n"
            "│ 3/11 │ 郵件中心 │ 雪梨 │\n"
            "└──────┴──────────┴──────┘\n\n圖 2 檢疫犬勤務\n")
    assert parsed(text) == [
        ("caption", "壹、考察行程", "表 3-2 參訪行程"),
        # A row's text is the row as written; a wrapped row's lines joined.
        ("table_row", "壹、表 3-2 參訪行程", "│ 日期 │ 行程     │ 地點 │"),
        ("table_row", "壹、表 3-2 參訪行程",
         "│ 3/10 │ 雪梨國際 │ 雪梨 ││      │ 機場檢疫站│      │"),
        ("table_row", "壹、表 3-2 參訪行程", "│ 3/11 │ 郵件中心 │ 雪梨 │"),
        ("caption", "壹、考察行程", "圖 2 檢疫犬勤務")]


def test_rows_from_every_separator():
    tables = {
        "spaces": "項目        金額\n培訓費用    1.1 億\n            (含稅)\n差旅費      2 萬\n",
        "two spaces": "項目  金額\n培訓費用  1.1 億\n差旅費  2 萬\n",
        "pipes": "| 項目 | 金額 |\n|------|------|\n| 培訓費用 | 1.1 億 |\n| 差旅費 | 2 萬 |\n",
        "full-width bars": "｜項目｜金額｜\n｜培訓費用｜1.1 億｜\n｜差旅費｜2 萬｜\n",
        "heavy bars": "┃項目┃金額┃\n━━━━━━━━\n┃培訓費用┃1.1 億┃\n┃差旅費┃2 萬┃\n",
        "tabs": "項目\t金額\n培訓費用\t1.1 億\n差旅費\t2 萬\n",
    }
    for name, table in tables.items():
        rows = [(kind, t) for kind, _, t in parsed("報告\n\n壹、經費\n\nTable 1 Budget\n" + table)]
        # Each row's text is its line as written (rules gone, a wrapped cell's line joined).
        written = [line for line in table.splitlines()
                   if not set(line) <= set("|-━")]
        if name == "spaces":
            written[1:3] = [written[1] + written[2].strip()]  # 億 and ( join as CJK do
        assert rows == [("caption", "Table 1 Budget")] + [
            ("table_row", line) for line in written], name


@pytest.mark.parametrize("rows", [
    ["1    培訓費用    2 萬元", "2    機票        73.5%"],
    ["1.1    培訓費用    2 萬元", "1.2    機票    雪梨", "1.3    住宿    雪梨"]])
def test_rows_a_blank_line_apart_that_open_with_numbers_are_rows(rows):
    """A table whose rows a blank line parts (paragraphs ended by blank
    lines) and whose first cells are numbers: each line splits into three
    cells as the line beside it does, so each is a row, none a heading."""
    text = ("報告\n\n壹、會議緣起\n\n本團赴日本考察海關通關作業，並與日方交換意見。\n\n"
            + "\n\n".join(rows) + "\n\n雙方就推動現況進行討論。\n\n貳、心得\n\n建議持續交流。\n")
    assert parsed(text) == [
        ("paragraph", "壹、會議緣起", "本團赴日本考察海關通關作業，並與日方交換意見。"),
        *[("table_row", "壹、會議緣起", row) for row in rows],
        ("paragraph", "壹、會議緣起", "雙方就推動現況進行討論。"),
        ("paragraph", "貳、心得", "建議持續交流。")]


def test_bars_of_an_absolute_value_and_a_captions_space_split_no_cells():
    # |z| in a sentence is no bar between cells; 表 1<ideographic space><title>
    # is a caption above its table, not a row of two cells.
    texts = parsed("報告\n\n壹、結果\n\n以 z 分數評估：|z| ≤ 2 為滿意，|z| ≥ 3 為不滿意。\n\n"
                   "表 1\u3000能力試驗結果\n年度｜樣品｜滿意\n2020｜小麥粉｜18\n")
    assert texts == [
        ("paragraph", "壹、結果", "以 z 分數評估：|z| ≤ 2 為滿意，|z| ≥ 3 為不滿意。"),
        ("caption", "壹、結果", "表 1\u3000能力試驗結果"),
        ("table_row", "壹、表 1 能力試驗結果", "年度｜樣品｜滿意"),
        ("table_row", "壹、表 1 能力試驗結果", "2020｜小麥粉｜18")]


def test_a_sentence_citing_a_table_is_no_caption():
    texts = parsed("報告\n\n壹、經費\n\n各國預算均較前一年度成長，詳如\n"
                   "表 3-2 所示，其中韓國增加最多。\n")
    assert texts == [("paragraph", "壹、經費",
                      "各國預算均較前一年度成長，詳如表 3-2 所示，其中韓國增加最多。")]


def test_list_items_are_marked():
    kinds = [k for k, _, _ in parsed("報告\n\n壹、建議\n\n建議如下：\n\n(1) 擴充檢疫犬隊。\n\n"
                                     "• 導入影像判讀。\n\n本署將持續辦理。\n")]
    assert kinds == ["paragraph", "list_item", "list_item", "paragraph"]


def test_page_furniture_typed_into_a_word_processor_body_goes():
    from rsearch.corpus.formats.model import Extracted, Line

    def whole(text, heading=None):
        return Line(text, whole=True, heading=heading)

    title = "出國報告：貿易便捷化會議"
    body = [whole(title), whole("壹、會議紀要", 1),
            whole("本次會議討論貿易便捷化協定之執行，歐盟宣布投入"),
            whole("第 2 頁，共 4 頁"), whole(title),
            whole("1.1 億歐元協助開發中國家。"), whole("第二段說明優質企業。"),
            whole("第 3 頁，共 4 頁"), whole(title), whole("第三段說明單一窗口。"),
            whole("第 4 頁，共 4 頁"), whole(title), whole("貳、心得", 1), whole("建議持續參與。")]
    passages = body_passages(parse_report(Extracted("docx", [body]), "k"))
    assert [(p.section_label, p.text) for p in passages] == [
        ("壹、會議紀要",
         "本次會議討論貿易便捷化協定之執行，歐盟宣布投入 1.1 億歐元協助開發中國家。"),
        ("壹、會議紀要", "第二段說明優質企業。"),
        ("壹、會議紀要", "第三段說明單一窗口。"),
        ("貳、心得", "建議持續參與。")]


ABSTRACT_FRONT = ("出國報告（出國類別：開會）\n\n" + TITLE + "\n\n服務機關：財政部關務署\n"
                  "姓名職稱：王大明 科長\n派赴國家：澳大利亞\n"
                  "出國期間：113 年 3 月 10 日至 3 月 15 日\n報告日期：113 年 5 月 1 日\n\n")
CONTENTS_PAGE = "目　　次\n\n壹、會議緣起 ........ 1\n貳、會議紀要 ........ 2\n\n"
BODY = ("壹、會議緣起\n\u3000\u3000本次會議於雪梨舉行，為期 5 天，與會者來自\n21 個會員。\n"
        "\u3000\u3000與會者計 42 人，其中\n我國代表 3 人。\n"
        "貳、會議紀要\n\u3000\u3000會員國報告其執行進度，並\n請秘書處彙整。\n")


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraphs(0, (2, 4)), min_size=1, max_size=3),
       st.sampled_from([40, 50, 60, 72]),
       st.lists(st.integers(0, 6), min_size=1, max_size=7),
       st.sampled_from(["摘要：", "摘要\n", ""]), st.booleans())
def test_a_hard_wrapped_abstract_is_a_passage_a_paragraph(paras, columns, ragged, label,
                                                          after_contents):
    # Lines of slightly different widths (a PDF's are full in points, not
    # columns), paragraphs marked by a first-line indent as the body's are
    # (the first right after an inline label has none).
    texts = [p.text for p in paras]
    lines = [line for k, text in enumerate(texts) for line in wrap(
        text, columns, "" if k == 0 and label == "摘要：" else "\u3000\u3000", tuple(ragged))]
    # Known, not yet fixed: right after a contents page, a line ending in a
    # number ("…並請會員於 10") is read as a contents entry and its page.
    assume(not (after_contents and any(line[-1:].isdigit() for line in lines)))
    abstract = label + "\n".join(lines) + "\n\n"
    front = ABSTRACT_FRONT + (CONTENTS_PAGE + abstract if after_contents
                              else abstract + CONTENTS_PAGE)
    report = parse_report(front + BODY, "k")
    got = [squash(p.text) for p in report.passages
           if p.section and p.section[0].level == 0 and p.section[0].title == "摘要"]
    assert got == [squash(t) for t in texts], front


def test_an_unlabelled_abstract_whose_first_line_a_note_mark_did_not_fit_is_whole():
    """An abstract with no label, its first line short by its indent and by
    the note mark (with its comma) that did not fit and opens the next line:
    that line opens the paragraph, not the cover."""
    abstract = ("\u3000\u3000歐盟宣布投入 1.1 億歐元\n（註一），協助開發中國家執行貿易便捷\n"
                "化協定（TFA）。會員國光纖連網比例，\n平均已達 73.5% 以上。\n\n")
    report = parse_report(ABSTRACT_FRONT + abstract + CONTENTS_PAGE + BODY, "k")
    got = [squash(p.text) for p in report.passages
           if p.section and p.section[0].level == 0 and p.section[0].title == "摘要"]
    assert got == [squash("歐盟宣布投入 1.1 億歐元（註一），協助開發中國家執行貿易便捷化協定"
                          "（TFA）。會員國光纖連網比例，平均已達 73.5% 以上。")]


def test_an_abstract_paragraph_opening_with_a_number_short_by_its_note_mark_is_no_heading():
    """A labelled abstract's second paragraph opens with a number (3 個…) on a
    line short by the note mark and comma that did not fit: the next line
    opens with them, so the line is no numbered heading starting the body."""
    abstract = ("摘要：歐盟宣布投入 1.1 億歐元[1]，協助開發\n"
                "中國家執行貿易便捷化協定（TFA）。會員\n國光纖連網比例，平均已達 73.5% 以上。\n"
                "\u3000\u30003 個工作小組分別報告進度\n"
                "（註一），並請會員於 10 月底前提供書\n面意見。歐盟宣布投入 1.1 億歐元，協助\n"
                "開發中國家執行貿易便捷化協定（TFA）。\n\n")
    report = parse_report(ABSTRACT_FRONT + abstract + CONTENTS_PAGE + BODY, "k")
    got = [squash(p.text) for p in report.passages
           if p.section and p.section[0].level == 0 and p.section[0].title == "摘要"]
    assert got == [squash(t) for t in [
        "歐盟宣布投入 1.1 億歐元[1]，協助開發中國家執行貿易便捷化協定（TFA）。"
        "會員國光纖連網比例，平均已達 73.5% 以上。",
        "3 個工作小組分別報告進度（註一），並請會員於 10 月底前提供書面意見。"
        "歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）。"]]


def test_an_abstract_whose_two_paragraphs_open_with_the_same_line_is_whole():
    """After a contents page, an unlabelled abstract of three indented
    paragraphs, the first and the third opening with the same sentence and
    so with the same wrapped line: each paragraph a passage of the abstract."""
    repeated = "\u3000\u30003 個工作小組分別報告進度，並請會員於 10 月底前\n"
    abstract = (repeated + "提供書面意見。澳洲介紹其信賴業者計畫，並說明試驗\n"
                "階段先成立產業諮詢團體。\n"
                "\u3000\u3000主席說明本次會議重點：擴大 AEO 相互承認，並推\n動單一窗口資料交換。\n"
                + repeated + "提供書面意見。本署代表於會中發言。\n\n")
    report = parse_report(ABSTRACT_FRONT + CONTENTS_PAGE + abstract + BODY, "k")
    got = [squash(p.text) for p in report.passages
           if p.section and p.section[0].level == 0 and p.section[0].title == "摘要"]
    assert got == [squash(t) for t in [
        "3 個工作小組分別報告進度，並請會員於 10 月底前提供書面意見。澳洲介紹其信賴業者計畫，"
        "並說明試驗階段先成立產業諮詢團體。",
        "主席說明本次會議重點：擴大 AEO 相互承認，並推動單一窗口資料交換。",
        "3 個工作小組分別報告進度，並請會員於 10 月底前提供書面意見。本署代表於會中發言。"]]


@pytest.mark.parametrize("line, note", [
    ("註3 參見 WTO 貿易便捷化協定第 3 條之說明。", True),
    ("註3：參見協定第 3 條。", True),
    ("[2] 參見協定第 2 條。", True),
    ("¹ 參見協定第 1 條。", True),
    # A citing sentence wrapped just before its mark: the mark, then the clause goes on.
    ("註3，事業單位輸入化學品用量即可試算。", False),
    ("[2]，協助開發中國家執行貿易便捷化協定。", False),
    ("¹。歐盟宣布投入 1.1 億歐元。", False),
])
def test_a_note_starts_with_its_mark_and_its_text(line, note):
    from rsearch.corpus.footnotes import is_note_start

    assert is_note_start(line) is note


# A page cut by the random layouts (tests/paragraph_layouts.py), as rendered.
CUT_PAGE = [
        '出席 2024 年亞太經濟合作會議海關程序次級委員會報告',
        '',
        '壹、會議緣起',
        '',
        '歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）。會員國光纖連網',
        '比例，平均已達 73.5% 以上。依協定第 7.7 條規定，優質企業（AEO）應享有額外之通關',
        '便捷措施。2024 年起，APEC 將推動單一窗口（Single Window）資料交換。',
        '',
        '歐盟宣布投入 1.1 億歐元[2]，協助開發中國家執行貿易便捷化協定（TFA）。會員國光纖',
        '連網比例，平均已達 73.5% 以上。依協定第 7.7 條規定，優質企業（AEO）應享有額外之',
        '通關便捷措施。2024 年起，APEC 將推動單一窗口（Single Window）資料交換。',
        '',
        '會員國光纖連網比例³，平均已達 73.5% 以上。2024 年起，APEC 將推動單一窗口（Single',
        '────────────',
        '³ 參見 WTO 貿易便捷化協定第 3 條之說明。',
        '',
        '- 2 -',
        '',
        'Window）資料交換。依協定第 7.7 條規定，優質企業（AEO）應享有額外之通關便捷措施。',
        '歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）。',
        '',
        '歐盟宣布投入 1.1 億歐元[4]，協助開發中國家執行貿易便捷化協定（TFA）。',
        '',
        '貳、會議紀要',
        '',
        '歐盟宣布投入 1.1 億歐元[5]，協助開發中國家執行貿易便捷化協定（TFA）。',
        '',
        '註釋',
        '',
        '[2] 參見 WTO 貿易便捷化協定第 2 條之說明。',
        '',
        '[4] 參見 WTO 貿易便捷化協定第 4 條之說明。',
        '',
        '[5] 參見 WTO 貿易便捷化協定第 5 條之說明。',
        '',
        '',
        '- 3 -',
]


def test_short_paragraphs_whose_last_lines_end_near_the_wrap_are_still_wrapped():
    """Paragraphs under blank lines whose last lines are nearly as long as the
    wrap and end a sentence do not make the text one paragraph a line: the
    paragraph cut by the page keeps the line under its full, sentence-ending
    line (found by the random layouts)."""
    texts = [t.replace(" ", "") for kind, _, t in parsed("\n".join(CUT_PAGE))
             if kind == "paragraph"]
    cut = CUT_PAGE[12] + CUT_PAGE[18] + CUT_PAGE[19]
    assert texts[2:4] == [cut.replace(" ", ""), CUT_PAGE[21].replace(" ", "")]



def test_a_caption_parted_from_its_title_by_an_ideographic_space_is_no_row():
    caption = parse_report("出國報告\n\n第一章　緒論\n\n表 2-1　發布條件\n"
                           "種類\t條件\n預報\t一站\n", "k")
    assert [(p.kind, p.text, p.section[-1].title) for p in body_passages(caption)] == [
        ("caption", "表 2-1\u3000發布條件", "緒論"), ("table_row", "種類\t條件", "發布條件"),
        ("table_row", "預報\t一站", "發布條件")]



# Found by the random layouts: three paragraphs whose wrapped lines repeat word for word.
REPEATED_LINES = """出席 2024 年亞太經濟合作會議海關程序次級委員會報告

壹、會議緣起

歐盟宣布投入 1.1 億歐元，協助開發中國家
執行貿易便捷化協定（TFA）。會員國光纖連
網比例，平均已達 73.5% 以上。依協定第
7.7 條規定，優質企業（AEO）應享有額外之
通關便捷措施。2024 年起，APEC 將推動單一
窗口（Single Window）資料交換。秘書處報
告，2022 年會員共提出 4,185 件通知文件，
創歷年新高。世界關務組織（WCO）說明，其
SAFE 標準架構已有 170 個會員簽署意向書。

歐盟宣布投入 1.1 億歐元，協助開發中國家
執行貿易便捷化協定（TFA）。會員國光纖連
網比例，平均已達 73.5% 以上。2024 年起，
APEC 將推動單一窗口（Single Window）資料
交換。依協定第 7.7 條規定，優質企業（
AEO）應享有額外之通關便捷措施。

歐盟宣布投入 1.1 億歐元[3]，協助開發中國
家執行貿易便捷化協定（TFA）。會員國光纖
連網比例，平均已達 73.5% 以上。依協定第
7.7 條規定，優質企業（AEO）應享有額外之
通關便捷措施。2024 年起，APEC 將推動單一
窗口（Single Window）資料交換。秘書處報
告，2022 年會員共提出 4,185 件通知文件，
創歷年新高。

歐盟宣布投入 1.1 億歐元[4]，協助開發中國
家執行貿易便捷化協定（TFA）。

貳、會議紀要

會員國光纖連網比例，平均已達 73.5% 以
上。

參、心得與建議

會員國光纖連網比例，平均已達 73.5% 以
上。

註釋

[3] 參見 WTO 貿易便捷化協定第 3 條之說
明。

[4] 參見 WTO 貿易便捷化協定第 4 條之說
明。

E       assert [('paragraph'...緣起', ''), ...] == [('paragraph'...緣起', ''), ...]
"""


def test_wrapped_lines_of_prose_that_repeat_are_no_contents_page():
    """Lines of a hard-wrapped paragraph that another repeats word for word,
    the first starting with a number (7.7 條規定，…), are prose: no untitled
    contents page (they were dropped as entries the body repeats)."""
    report = parse_report(REPEATED_LINES, "k")
    texts = [squash(p.text) for p in report.passages]
    assert sum("7.7條規定" in t for t in texts) == 3
    assert not any(p.section[0].title == "目錄" for p in report.passages)


def test_speaker_lines_wider_than_the_wrap_leave_the_wrap_as_it_is():
    """Lines standing alone between blank lines were never wrapped: a title and
    two speaker lines wider than the wrap leave the wrap as it is, and a
    wrapped line that fills it and ends a sentence goes on (found by the
    random layouts)."""
    lines = ["歐盟宣布投入 1.1 億歐元，協助開發中國家", "執行貿易便捷化協定（TFA）。世界關務組織",
             "（WCO）說明，其 SAFE 標準架構已有 170 個", "會員簽署意向書。依協定第 7.7 條規定，優",
             "質企業（AEO）應享有額外之通關便捷措施。", "會員國光纖連網比例，平均已達 73.5% 以",
             "上。"]
    speaker = "講師：王大明、李小華（經濟部國際貿易署副署長）"
    text = "\n".join(["出席 2024 年亞太經濟合作會議海關程序次級委員會報告", "",
                      "壹、會議緣起", "", *lines, "", speaker, "", *lines, "",
                      "貳、會議紀要", "", speaker, "", *lines, ""])
    report = parse_report(text, "k")
    para = "".join(lines).replace(" ", "")
    # The title line first (the cover's passage), then the body.
    body = [p.text.replace(" ", "") for p in report.passages if p.section]
    assert body[1:] == [para, speaker, para, speaker, para]


def test_a_footer_title_over_its_page_number_on_two_pages_is_furniture():
    """A short report (three pages by its form feeds) prints its running title
    at the foot, a blank line above its page number, on two pages: it is
    furniture, and the sentence the page cut is joined again over it."""
    text = ('出席 2024 年亞太經濟合作會議海關程序次級委員會報告\n'
            '\x0c壹、會議緣起\n'
            '\u3000\u3000歐盟宣布投入 1.1 億歐元，協助開\n'
            '發中國家執行貿易便捷化協定（TFA）。\n'
            '會員國光纖連網比例，平均已達 73.5%\n'
            '以上。依協定第 7.7 條規定，優質企業\n'
            '（AEO）應享有額外之通關便捷措施。\n'
            '2024 年起，APEC 將推動單一窗口（\n'
            'Single Window）資料交換。\n'
            '\u3000\u3000會員國光纖連網比例，平均已達\n'
            '73.5% 以上。歐盟宣布投入 1.1 億歐\n'
            '元，協助開發中國家執行貿易便捷化協定\n'
            '（TFA）。依協定第 7.7 條規定，優質企\n'
            '業（AEO）應享有額外之通關便捷措施。\n'
            '秘書處報告，2022 年會員共提出 4,185\n'
            '件通知文件，創歷年新高。\n'
            '\u3000\u3000會員國光纖連網比例，平均已達\n'
            '73.5% 以上。歐盟宣布投入 1.1 億歐\n'
            '元，協助開發中國家執行貿易便捷化協定\n'
            '（TFA）。依協定第 7.7 條規定，優質企\n'
            '業（AEO）應享有額外之通關便捷措施。\n'
            '2024 年起，APEC 將推動單一窗口（\n'
            'Single Window）資料交換。秘書處報\n'
            '告，2022 年會員共提出 4,185 件通知文\n'
            '件，創歷年新高。\n'
            '\u3000\u3000歐盟宣布投入 1.1 億歐元[4]，協助\n'
            '開發中國家執行貿易便捷化協定（\n'
            '\n'
            '                  海關程序次級委員會報告\n'
            '\n'
            '                                   - 2 -\x0c\n'
            'TFA）。\n'
            '貳、會議紀要\n'
            '\u3000\u3000歐盟宣布投入 1.1 億歐元，協助開\n'
            '發中國家執行貿易便捷化協定（TFA）。\n'
            '會員國光纖連網比例，平均已達 73.5%\n'
            '以上。依協定第 7.7 條規定，優質企業\n'
            '（AEO）應享有額外之通關便捷措施。\n'
            '註釋\n'
            '[4] 參見 WTO 貿易便捷化協定第 4 條之說\n'
            '明。\n'
            '\n'
            '                  海關程序次級委員會報告\n'
            '\n'
            '                                   - 3 -\n'
            '\x0c\x0c\n')
    found = got(parse_report(text, "k"))
    assert not [item for item in found if "次級委員會報告" in item[1]]
    assert ("paragraph", "歐盟宣布投入1.1億歐元[4]，協助開發中國家執行貿易便捷化協定（TFA）。",
            "壹、會議緣起", "") in found


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(26, 40), st.sampled_from(["    ", "　　", "  │  "]),
       st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=4, unique=True))
def test_a_row_the_page_wrap_broke_is_one_row(columns, gap, cells):
    # A hard-wrapped export breaks a long table row at the page's width like any
    # line, flush left and under no column: the tail goes back onto its row.
    prose = "".join(SENTENCES[:8])
    labels = ["第1週", "第2週", "第3週"]
    rows = [f"{label}{gap}{cell}" if "│" not in gap else f"│  {label}{gap}{cell}  │"
            for label, cell in zip(labels, cells, strict=False)]
    lines = ["壹、研習過程", *wrap(prose, columns * 2, "　　")]
    for row in rows:
        lines.extend(wrap(row, columns * 2) if "│" not in gap else [row])
    lines.extend(wrap("　　" + SENTENCES[9] + SENTENCES[10], columns * 2))
    got_rows = [(kind, squash(text)) for kind, _, text in parsed("報告\n\n" + "\n".join(lines))
                if kind in ("table_row", "table_text", "agenda_row")]
    assert got_rows == [(row_kind, squash(row)) for row_kind, row in zip(
        [k for k, _, t in parsed("報告\n\n壹、研習過程\n" + "\n".join(rows))], rows, strict=True)]


def test_a_field_line_long_enough_to_look_wrapped_still_ends_its_field():
    """Found by the property: in hard-wrapped blank-line text, a run of
    label：value lines whose first line runs near the measure (so the next
    line's first word would not have fitted) is still a field a line."""
    paras = ["".join(SENTENCES[k:k + 3]) for k in (0, 3, 6)]
    sections = [Section(heading="壹、會議緣起", items=[
        Para(text=paras[0]), Para(text=paras[1]),
        Fields(lines=["會議名稱：APEC 海關程序次級委員會第 2 次會議",
                      "時間：2024 年 3 月 1 日上午"]),
        Para(text=paras[2])])]
    layout = Layout(convention="wrap-blank", width=40, indent="\u3000\u3000",
                    page_number="- {n} -", rule="────────────", form_feed=False, header=False,
                    notes_title="註釋", number_first=False)
    text = render(sections, layout)
    assert "2 次會議\n時間：" in text
    found = got(parse_report(text, "k"))
    assert found == want(sections, layout, found)


@pytest.mark.parametrize("convention", ["wrap-blank", "wrap-indent"])
def test_a_label_line_the_wrap_cut_takes_its_tail_back(convention):
    """A run of label：value lines whose middle line a hard wrap cut: the
    short line under it, no label of its own, is its tail, not a passage
    apart (`…挪威電信管理` / `局代表`)."""
    paras = ["".join(SENTENCES[k:k + 3]) for k in (0, 3, 6)]
    sections = [Section(heading="壹、會議緣起", items=[
        Para(text=paras[0]), Para(text=paras[1]),
        Fields(lines=["主持人：張志強副局長",
                      "講者：吳佳蓉（數位發展部韌性建設司科長）、臺灣網路資訊中心董事長",
                      "時間：2024 年 3 月 1 日上午"], wrapped=True),
        Para(text=paras[2])])]
    layout = Layout(convention=convention, width=40, indent="\u3000\u3000",
                    page_number="- {n} -", rule="────────────", form_feed=False, header=False,
                    notes_title="註釋", number_first=False)
    text = render(sections, layout)
    assert "韌性建設司科\n長）、臺灣網路資訊中心董事長\n時間：" in text
    found = got(parse_report(text, "k"))
    assert found == want(sections, layout, found)
    assert ("paragraph", "講者：吳佳蓉（數位發展部韌性建設司科長）、臺灣網路資訊中心董事長",
            "壹、會議緣起", "") in found


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.tuples(*(paragraphs(n, (4, 6)) for n in range(3))), fields(long=True),
       paragraphs(3), layouts())
def test_hard_wrapped_label_lines_keep_their_tails(paras, run, after, layout):
    """Label lines long enough that the hard wrap cuts them, between
    paragraphs: each comes back whole, a passage a line."""
    assume(layout.convention.startswith("wrap"))
    sections = [Section(heading="壹、會議緣起", items=[*paras, run, after])]
    text = rendered(sections, layout)
    found = got(parse_report(text, "k"))
    assert found == want(sections, layout, found), text


def test_a_lone_page_form_line_under_a_paragraphs_short_last_line_is_text():
    """A lone `- 1 -` (a body line in a page number's form, no page number
    elsewhere) under a paragraph whose last line is short and ends its
    sentence: that line is no running footer over a page's number, and the
    line is text (a draw of the body property)."""
    lines = ["壹、會議緣起",
             "　　歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿",
             "易便捷化協定（TFA）。會員國光纖連網比例，平均已達",
             "73.5% 以上。依協定第 7.7 條規定，優質企業（AEO）應",
             "享有額外之通關便捷措施。2024 年起，APEC 將推動單一",
             "窗口（Single Window）資料交換。",
             "　　- 1 -",
             "　　歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿",
             "易便捷化協定（TFA）。"]
    texts = [squash(t) for _, _, t in parsed(TITLE + "\n\n" + "\n".join(lines))]
    assert texts == [squash(SENTENCES[0] + SENTENCES[1] + SENTENCES[2] + SENTENCES[3]),
                     "-1-", squash(SENTENCES[0])]


def test_a_heavy_box_tables_joint_rules_are_no_passages():
    """A table drawn in heavy box lines (┏━┳━┓, ┃ between cells, a ┣━╋━┫
    rule under its header, ┗━┻━┛): every joint of the box is a rule's, so
    its rows are the passages and no rule is one, in one paragraph a line
    and in hard-wrapped text alike."""
    table = ["┏━━━━━━━━┳━━━━━━┳━━━━━━━━━━━━━━━━┓",
             "┃類別            ┃件數        ┃包裝方式                        ┃",
             "┣━━━━━━━━╋━━━━━━╋━━━━━━━━━━━━━━━━┫",
             "┃書畫            ┃8           ┃無酸紙捲軸盒外加恆溼箱          ┃",
             "┃器物            ┃19          ┃量身訂製之聚乙烯泡棉內襯木箱    ┃",
             "┗━━━━━━━━┻━━━━━━┻━━━━━━━━━━━━━━━━┛"]
    rows = [("table_row", squash(line)) for line in table[1:5] if "━" not in line]
    one_a_line = ["壹、借展文物", SENTENCES[0] + SENTENCES[1], "各類文物件數及包裝方式如下：",
                  *table, SENTENCES[2]]
    found = [(kind, squash(text)) for kind, _, text in parsed(TITLE + "\n\n"
                                                               + "\n".join(one_a_line))]
    assert found == [("paragraph", squash(SENTENCES[0] + SENTENCES[1])),
                     ("paragraph", "各類文物件數及包裝方式如下："), *rows,
                     ("paragraph", squash(SENTENCES[2]))]
    wrapped = ["壹、借展文物", *wrap(SENTENCES[0] + SENTENCES[1] + SENTENCES[3], 40), "",
               "各類文物件數及包裝方式如下：", "", *table, "",
               *wrap(SENTENCES[2] + SENTENCES[4], 40)]
    found = [(kind, squash(text)) for kind, _, text in parsed(TITLE + "\n\n"
                                                               + "\n".join(wrapped))]
    assert found == [("paragraph", squash(SENTENCES[0] + SENTENCES[1] + SENTENCES[3])),
                     ("paragraph", "各類文物件數及包裝方式如下："), *rows,
                     ("paragraph", squash(SENTENCES[2] + SENTENCES[4]))]


def test_a_lone_page_number_after_a_numbered_line_of_a_sentence_goes():
    """The one page number of a two-page text, between two halves of a
    sentence whose first half opens with a number (`3 個工作小組…，並請會員於`):
    the line holds a clause's comma, so it is prose the page cut, no heading,
    and the number goes (a draw of the body property)."""
    lines = ["壹、會議緣起", "", "3 個工作小組分別報告進度，並請會員於 10 月底前提供書面", "",
             "- 2 -", "",
             "意見。歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）。", "",
             "秘書處報告，2022 年會員共提出 4,185 件通知文件，創歷年新高。", ""]
    texts = [squash(t) for _, _, t in parsed(TITLE + "\n\n" + "\n".join(lines))]
    assert texts == [squash(SENTENCES[9] + SENTENCES[0]), squash(SENTENCES[4])]


def test_rows_of_a_programme_dated_in_english_are_rows_of_their_own():
    # Line after line, each opening with a day in English (Nov. 12, Nov. 12,
    # 2025, 12 November 2025): a programme's rows, not a sentence run on,
    # as 11/12 … and Day 2 … lines are.
    prose = "本局派員出席開幕全體會議、公用事業計量器、醫療量測儀器及預包裝商品三個工作組會議，" \
        "以及法定度量衡數位轉型座談，並與泰國度量衡局進行雙邊會談。"
    for days in (("Nov. 11", "Nov. 12", "Nov. 14"),
                 ("Nov. 11, 2025", "Nov. 12, 2025", "Nov. 14, 2025"),
                 ("11 November 2025", "12 November 2025", "14 November 2025")):
        rows = [f"{days[0]} Opening Plenary；Session A1",
                f"{days[1]} Session A2；Session B1",
                f"{days[2]} Closing Plenary"]
        wrapped = [prose[i:i + 30] for i in range(0, len(prose), 30)]
        text = "\n".join(["出席亞太法定度量衡論壇年會報告", "", "壹、會議過程", *wrapped, *rows,
                          "貳、心得與建議", *wrapped])
        assert [t for _, _, t in parsed(text)] == [prose, *rows, prose], days
