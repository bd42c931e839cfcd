"""Reports in layouts no earlier fixture has (tests/fixtures/unseen5): an
energy conference with parallel sessions, side events and bilateral talks
(a box-drawn cover whose title wraps in its cell, an abstract with no label,
壹/一/(一)/1./(1) in mixed widths, `‥` leaders, the title running over a page
cut in mid-sentence); a fire-investigation course (a bilingual cover with
the English title above the Chinese, labels glossed in English, `Contents
目次`, `Abstract 摘要`, `Keywords:`, English-first headings I./Module/A.,
one line a paragraph, captions 圖1/照片 1, Annex I with a weekly schedule);
a financial supervisor's study tour (first-line indents over hard wraps,
`───` leaders, one leader left before a long entry's page, page cuts under
the title, an agency of three characters before a rank)."""

import pytest
from rsearch.corpus import parse_report
from rsearch.corpus.contents import entry_of, is_title
from rsearch.corpus.cover import cover_title
from rsearch.corpus.fields import aligned_field, field_of, label_name
from rsearch.corpus.frontmatter import ABSTRACT_TITLE_RE, KEYWORDS_TITLE_RE
from rsearch.corpus.people import split_people
from rsearch.corpus.tables import caption_of
from rsearch.corpus.units import glossed

from .fixture_sets import (
    squash,
)


@pytest.mark.parametrize("label, field", [
    ("服務機關 Agency", "service_agency"), ("Agency 服務機關", "service_agency"),
    ("出國人員（Officers）", "authors"), ("出國期間 Period", "period"),
    ("報告日期 Date", "report_date"), ("出國類別 Category", "trip_type"),
    ("進修地點 Place", "place"), ("實習地點", "place"), ("Keywords", "keywords"),
    ("關鍵詞 Keywords", "keywords"), ("Abstract 摘要", "abstract")])
def test_a_label_glossed_in_english_names_its_field(label, field):
    assert label_name(label) == field
    assert field_of(f"{label}：x") == (field, "x")


def test_an_aligned_label_may_carry_its_gloss():
    assert aligned_field("服務機關 Agency　　財政部關務署") == "服務機關 Agency：財政部關務署"


@pytest.mark.parametrize("title", ["Contents 目次", "目錄 Contents", "目錄（Table of Contents）",
                                   "Table of Contents", "目　次", "CONTENTS"])
def test_a_contents_title_in_either_language_or_both(title):
    assert is_title(title)


@pytest.mark.parametrize("label", ["Abstract 摘要", "摘要（Abstract）", "摘要 Abstract", "摘要",
                                   "Summary"])
def test_an_abstract_label_in_either_language_or_both(label):
    assert ABSTRACT_TITLE_RE.match(squash(label))
    assert not ABSTRACT_TITLE_RE.match(squash(label) + "說明會")


@pytest.mark.parametrize("label", ["Keywords 關鍵詞", "關鍵字（Keywords）", "Key words"])
def test_a_keywords_label_in_either_language_or_both(label):
    assert KEYWORDS_TITLE_RE.match(squash(label))


@pytest.mark.parametrize("line, text", [
    ("附件2　韓國虛擬資產使用者保護法重要條文（摘譯）─13",
     "附件2　韓國虛擬資產使用者保護法重要條文（摘譯）"),
    ("四、心得與建議…12", "四、心得與建議"), ("第三章 結論━7", "第三章 結論")])
def test_one_leader_left_before_a_long_entrys_page(line, text):
    entry = entry_of(line)
    assert entry is not None and entry.text == text and entry.strong


def test_a_hyphen_before_a_number_is_no_leader():
    assert entry_of("依據第3-1") is None or entry_of("依據第3-1").text != "依據第3"


@pytest.mark.parametrize("line, label", [("照片 2　本團與會代表合影", "照片 2"),
                                         ("相片3 參訪實驗室", "相片3"),
                                         ("Photo 1 The delegation", "Photo 1"),
                                         ("圖片 4：會場", "圖片 4")])
def test_a_photo_caption_is_a_caption(line, label):
    assert caption_of(line)[0] == label


def test_a_heading_after_a_caption_in_one_line_paragraphs():
    """A caption closes its block: the numbered line after it heads what follows."""
    text = ("一、課程\nModule 1 Fire Dynamics\n熱傳之方式有三種。\n圖1 熱釋放率曲線\n"
            "Module 2 Origin and Cause\n以科學方法檢驗假設。\n")
    report = parse_report(text, "k")
    assert [squash(e.heading.text) for e in report.outline] == [
        "一、課程", "Module1FireDynamics", "Module2OriginandCause"]


@pytest.mark.parametrize("english_first", [True, False])
def test_a_bilingual_cover_gives_the_chinese_title(english_first):
    lines = ["赴美國國家消防學院進修火災調查課程報告"]
    lines.insert(0 if english_first else 1, "Training Report on Fire Investigation")
    assert cover_title(lines) == "赴美國國家消防學院進修火災調查課程報告"


def test_an_english_cover_keeps_its_english_title():
    assert cover_title(["Report on the Fire Investigation Course", "", "報告日期：114年6月"]) \
        == "Report on the Fire Investigation Course"


def test_a_short_agency_before_a_rank_is_no_traveller():
    assert split_people("檢查局　稽核　羅思涵") == ["檢查局 稽核 羅思涵"]
    assert split_people("林志明 科長 陳志組 技正") == ["林志明 科長", "陳志組 技正"]


@pytest.mark.parametrize("title, pair", [
    ("ATF Fire Research Laboratory 菸酒槍炮及爆裂物管理局火災研究實驗室",
     ("菸酒槍炮及爆裂物管理局火災研究實驗室", "ATF Fire Research Laboratory")),
    ("火災動力學模擬 Fire Dynamics", ("火災動力學模擬", "Fire Dynamics")),
    ("Day 5 港口參訪", None), ("參訪 Port of Rotterdam", None), ("APEC 海關與企業對話", None)])
def test_a_title_glossed_without_brackets(title, pair):
    assert glossed(title) == pair


def test_sites_named_in_english_first_under_a_visits_part():
    text = ("一、目的\n瞭解制度。\nIV. Site Visits 參訪\n"
            "A. Fire Research Laboratory 菸酒槍炮及爆裂物管理局火災研究實驗室\n"
            "實驗室設有燃燒實驗廳。\n"
            "B. Maryland State Fire Marshal's Office 馬里蘭州消防局火災調查科\n"
            "調查員具司法警察身分。\n")
    report = parse_report(text, "k")
    assert [(m.kind, m.key) for m in report.meetings] == [
        ("site", "菸酒槍炮及爆裂物管理局火災研究實驗室"), ("site", "馬里蘭州消防局火災調查科")]
    assert "Fire Research Laboratory" in report.meetings[0].names


@pytest.mark.parametrize("part", ["平行場次（Parallel Sessions）", "Parallel Sessions",
                                  "議程及出席場次", "Breakout sessions"])
def test_a_part_holding_sessions_is_no_session(part):
    text = (f"一、會議紀要\n（一）{part}\n1. 場次2A：電網韌性\n各國說明儲能。\n"
            "2. 場次3B：低碳氫能\n各國說明氫能進口。\n")
    report = parse_report(text, "k")
    assert [m.key for m in report.meetings if m.kind == "session"] == ["場次2A：電網韌性",
                                                                        "場次3B：低碳氫能"]


def test_a_weekly_schedule_in_an_annex_is_rows_not_days():
    text = ("一、課程\n上課四週。\n附件1 課程時程表\nWeek 1 (Apr 7-11) Module 1 Fire Dynamics\n"
            "Week 2 (Apr 14-18) Module 2 Origin and Cause\n")
    report = parse_report(text, "k")
    assert [squash(e.heading.text) for e in report.outline] == ["一、課程", "附件1課程時程表"]
    under = " ".join(p.text for p in report.passages if p.section and p.section[-1].label)
    assert "Week 1 (Apr 7-11) Module 1 Fire Dynamics" in under
    assert "Week 2 (Apr 14-18) Module 2 Origin and Cause" in under


def test_a_lone_page_number_in_mid_sentence_beside_the_title_again():
    """One page number and the body's running title printed again after it:
    together they are furniture, and the sentence they cut is one passage."""
    title = "出席2025年新加坡國際能源週暨雙邊會談報告"
    text = (f"{title}\n壹、會議紀要\n\n"
            "新加坡能源市場管理局說明其電池儲能系統（BESS）已於裕廊島建置\n"
            f"- 4 -\n{title}\n200MW之設施，為東南亞最大。\n\n貳、心得\n\n建議研議。\n")
    report = parse_report(text, "k")
    whole = ("新加坡能源市場管理局說明其電池儲能系統（BESS）已於裕廊島建置 "
             "200MW之設施，為東南亞最大。")
    assert whole in [p.text for p in report.passages]
    assert not any("- 4 -" in p.text for p in report.passages)


def test_a_heading_wrapped_inside_its_bracket_reads_as_a_title():
    from rsearch.corpus.numbering import reads_as_title

    assert reads_as_title("場次4A：碳捕捉、再利用及封存（Carbon Capture, Utilisation and")
    assert not reads_as_title("場次4A：碳捕捉, 再利用（CCUS）")


def test_an_english_title_wrapped_over_two_lines_above_the_chinese():
    title = "赴美國國家消防學院進修火災調查課程報告"
    assert cover_title(["Report of Overseas Training, National Fire Agency, Ministry of",
                        "the Interior", title, "Training Report on Fire Investigation"]) == title


def test_a_first_label_filling_its_line_stands_when_its_sibling_stops_short():
    """Hard-wrapped text: `A.` fills the width, and so nearly does `B.`, but
    the line after B. starts with a word that would have fitted: B. ends
    there, so it stands as a heading, and A. with it."""
    width = 36
    a = "A. ATF Fire Research Laboratories 菸酒槍炮及爆裂物管理局火災研究實驗室"
    b = "B. Maryland Fire Marshal's Office 馬里蘭州消防局火災調查科"
    prose = "本實驗室位於馬里蘭州貝茨維爾，為全球唯一專供火災調查之大型研究實驗室。" * 3
    lines = [prose[k:k + width] for k in range(0, len(prose), width)]
    text = "\n".join(["一、目的", *lines, "二、參訪", a, *lines, b, *lines]) + "\n"
    report = parse_report(text, "k")
    assert [squash(e.heading.text) for e in report.outline][-2:] == [squash(a), squash(b)]


@pytest.mark.parametrize("rows", [
    ["Week 1 (Apr 7-11) Module 1 Fire Dynamics", "Week 2 (Apr 14-18) Module 2 Origin and Cause"],
    ["10/27 Opening Plenary and Ministerial Roundtable", "10/28 Session 2A Grid Resilience"],
    ["第一天 抵達東京", "第二天 拜會金融廳"], ["Day 1 Arrival in Seoul", "Day 2 Visit to the FSS"]])
def test_rows_of_a_schedule_in_one_line_paragraphs_stay_rows(rows):
    """Short unpunctuated lines run on as a sentence under way, unless each
    opens with a day of a schedule: then each is a row of it."""
    text = "一、目的\n瞭解制度之運作情形及相關作業。\n附件1 時程表\n" + "\n".join(rows) + "\n"
    report = parse_report(text, "k")
    assert [p.text for p in report.passages][-2:] == rows


def test_a_sentence_wrapped_before_a_date_runs_on():
    from rsearch.corpus.paragraphs import schedule_start

    assert schedule_start("10/27 Opening Plenary")
    assert not schedule_start("10/27")  # a page's number, a fraction: no row
    assert not schedule_start("本團於10/27抵達")
