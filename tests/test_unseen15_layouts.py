"""Reports in layouts no earlier fixture has (tests/fixtures/unseen15): a
health-insurance agency's research trip (the 出國報告提要 form with ■/□ boxes
after a contents page of ‥ leaders and two-line entries, 第壹章/第一節/一、/（一）
chapters, one paragraph a line with no blank lines and page cuts: running
header, footnote under a rule and a lone page number between the halves of a
sentence), a tourism agency's fair (｜ tables with 表2-1 captions, the sessions
attended as a table and then as English subheadings among the paragraphs of a
part, [n] notes at the end, 附錄A) and a water agency's internship (第１章 over
full-width １．１ sections parted by an ideographic space, contents with tab
leaders and two-line entries, Module n headings in English with the Chinese
title under them, Appendix n)."""

from rsearch.corpus import parse_report
from rsearch.corpus.headings import match_heading
from rsearch.corpus.numbering import translated_title
from rsearch.corpus.people import is_person_line
from rsearch.corpus.subheadings import looks_like_subheading

from .fixture_sets import outline, units


def test_formal_numerals_count_chapters_and_sections():
    assert match_heading("第壹章　前言") == ("chapter", "第壹章", "前言")
    assert match_heading("第參章 心得") == ("chapter", "第參章", "心得")
    assert match_heading("第貳節　研究過程") == ("section", "第貳節", "研究過程")
    text = ("出國報告\n\n赴德國研究報告\n\n第壹章　前言\n\n第一節　研究緣起\n\n"
            "本署研議支付制度。\n\n第二節　研究目的\n\n一、研究目的\n\n瞭解制度。\n\n"
            "第貳章　心得\n\n心得如下。\n")
    assert outline(parse_report(text, "k")) == [
        (1, "第壹章前言"), (2, "第一節研究緣起"), (2, "第二節研究目的"), (3, "一、研究目的"),
        (1, "第貳章心得")]


def test_a_full_width_decimal_parted_by_an_ideographic_space_is_a_section():
    """１．１　實習緣起: the label read half-width (1.1) is the row's whole first
    cell, so the line is no row of a table."""
    text = ("出國報告\n\n赴荷蘭實習報告\n\n第１章　前言\n\n１．１　實習緣起\n\n"
            "臺灣河川坡陡流急。\n\n１．２　實習目的\n\n熟悉系統。\n\n第２章　實習過程\n\n"
            "２．１　系統設定\n\n第一週授課。\n")
    assert outline(parse_report(text, "k")) == [
        (1, "第1章前言"), (2, "1.1實習緣起"), (2, "1.2實習目的"), (1, "第2章實習過程"),
        (2, "2.1系統設定")]


def test_a_chinese_title_under_an_english_one_with_full_width_punctuation():
    assert translated_title("Module 1：Delft-FEWS System Configuration", "系統設定")
    assert translated_title("Module 2: Data Assimilation", "資料同化")
    assert not translated_title("模組一：系統設定", "資料同化")
    text = ("出國報告\n\n赴荷蘭實習報告\n\n第１章　實習過程\n\n"
            "１．１　Module 1：Delft-FEWS System Configuration\n系統設定\n\n第一週授課。\n\n"
            "１．２　Module 2：Data Assimilation with OpenDA\n資料同化\n\n第二週授課。\n")
    report = parse_report(text, "k")
    assert outline(report) == [
        (1, "第1章實習過程"), (2, "1.1Module1:Delft-FEWSSystemConfiguration系統設定"),
        (2, "1.2Module2:DataAssimilationwithOpenDA資料同化")]
    assert [u.kind for u in report.meetings] == ["session", "session"]


def test_a_body_named_before_a_colon_under_a_stay_part_is_a_site():
    """第一節　荷蘭健康照護局（NZa）：DBC支付制度 under 第貳章　研究過程 names the
    body visited, then what was learnt there; a subject alone names none."""
    text = ("出國報告\n\n赴荷蘭研究報告\n\n第壹章　研究過程\n\n"
            "第一節　荷蘭健康照護局（NZa）：DBC支付制度\n\n一、價格之訂定\n\nNZa說明價格。\n\n"
            "第二節　德國醫院支付系統研究所：G-DRG之年度校正\n\nInEK說明校正。\n\n"
            "第三節　品質指標之發展\n\n指標逐年增加。\n\n第貳章　建議\n\n建議如下。\n")
    assert units(parse_report(text, "k")) == [
        ("site", "荷蘭健康照護局:DBC支付制度"), ("site", "德國醫院支付系統研究所:G-DRG之年度校正")]


SESSIONS = ("出國報告\n\n參加旅展報告\n\n一、目的\n\n拓展市場。\n\n二、過程\n\n"
            "（一）論壇場次 Conference Sessions\n\n本署人員出席之場次如下。\n\n"
            "Keynote: Asia Travel Outlook 2026\n\n主講人指出，亞太旅次已恢復。\n\n"
            "Travel Tech: AI in Distribution\n\n與談人分享以生成式AI規劃行程之經驗。\n\n"
            "（二）拜會新加坡旅遊局 Meeting with STB\n\n雙方交換意見。\n\n三、建議\n\n建議如下。\n")


def test_english_lines_standing_alone_among_a_parts_paragraphs_are_its_subheadings():
    """Two short English lines or more under one heading, each after a
    sentence's end and over a Chinese paragraph: the talks of a part of
    sessions (論壇場次 Conference Sessions heads no session itself)."""
    assert looks_like_subheading("Keynote: Asia Travel Outlook 2026")
    assert not looks_like_subheading("Keynote:")
    report = parse_report(SESSIONS, "k")
    assert outline(report) == [
        (1, "一、目的"), (1, "二、過程"), (2, "(一)論壇場次ConferenceSessions"),
        (3, "Keynote:AsiaTravelOutlook2026"), (3, "TravelTech:AIinDistribution"),
        (2, "(二)拜會新加坡旅遊局MeetingwithSTB"), (1, "三、建議")]
    assert units(report) == [("session", "Keynote:AsiaTravelOutlook2026"),
                             ("session", "TravelTech:AIinDistribution"),
                             ("site", "拜會新加坡旅遊局")]


def test_one_english_line_or_a_list_of_them_heads_nothing():
    one = SESSIONS.replace("Travel Tech: AI in Distribution\n\n", "")
    assert [d for d, _ in outline(parse_report(one, "k"))] == [1, 1, 2, 2, 1]
    listed = SESSIONS.replace("主講人指出，亞太旅次已恢復。\n\n", "")  # English over English
    assert [d for d, _ in outline(parse_report(listed, "k"))] == [1, 1, 2, 2, 1]
    # after a sentence left open, the first is its tail: one stands alone
    cut = SESSIONS.replace("本署人員出席之場次如下。", "本署人員出席之場次包括")
    assert [d for d, _ in outline(parse_report(cut, "k"))] == [1, 1, 2, 2, 1]


FORM_AFTER_CONTENTS = "\n".join([
    "衛生福利部中央健康保險署出國報告（出國類別：研究）", "赴德國研究住院診斷關聯群支付制度",
    "服務機關：衛生福利部中央健康保險署", "姓名職稱：張淑芬　醫務管理組副組長", "",
    "目　次", "出國報告提要‥‥‥‥‥‥ⅰ", "第壹章　前言‥‥‥‥‥‥1", "第貳章　建議‥‥‥‥‥‥2", "",
    "出國報告提要", "系統識別號：C11402871", "計畫名稱：赴德國研究住院診斷關聯群支付制度計畫",
    "報告名稱：赴德國研究住院診斷關聯群支付制度", "主辦機關：衛生福利部中央健康保險署",
    "出國人員：張淑芬　衛生福利部中央健康保險署　醫務管理組　副組長　(02)2706-5866#2610",
    "　　　　　李冠廷　衛生福利部中央健康保險署　醫務管理組　科長　(02)2706-5866#2631",
    "出國類別：□1考察　□2進修　■3研究　□4實習　□5開會　□6其他",
    "報告日期：民國114年12月22日", "關鍵詞：DRG、護理費用", "內容摘要：",
    "本署派員赴德國研究DRG支付制度。", "",
    "第壹章　前言", "本署研議支付制度。", "第貳章　建議", "建議如下。", ""])


def test_a_form_after_the_contents_page_that_lists_it_is_the_fronts():
    """The contents page's entry for the 提要 form names a part of the front
    (as 摘要 does): the form's title after it does not start the body, so its
    abstract and keywords are the report's; 報告名稱 is the title, not the
    plan's name (計畫名稱) before it; the travellers' telephones are no people."""
    assert is_person_line("李冠廷　衛生福利部中央健康保險署　醫務管理組　科長　(02)2706-5866#2631")
    report = parse_report(FORM_AFTER_CONTENTS, "k")
    assert report.title == "赴德國研究住院診斷關聯群支付制度"
    assert report.abstract == "本署派員赴德國研究DRG支付制度。"
    assert report.keywords == ["DRG", "護理費用"]
    assert (report.agency, report.report_date_iso, report.trip_type) == (
        "衛生福利部中央健康保險署", "2025-12-22", "研究")
    assert report.authors == ["張淑芬 衛生福利部中央健康保險署 醫務管理組 副組長",
                              "李冠廷 衛生福利部中央健康保險署 醫務管理組 科長"]
    assert outline(report) == [(1, "第壹章前言"), (1, "第貳章建議")]


def test_a_keyword_list_mixing_english_and_chinese_pairs_nothing():
    """關鍵字：ITB Asia、台灣館、B2B、OTA、穆斯林友善旅遊、永續旅遊 is one list of
    names in either language, not a Chinese list and its English one: OTA is
    not 永續旅遊. Two lists one after the other still pair in order."""
    front = "出國報告\n\n參加旅展報告\n\n服務機關：交通部觀光署\n\n摘要\n\n本署參展。\n\n"
    body = "\n\n一、目的\n\n拓展市場。\n"
    mixed = "關鍵字：ITB Asia、台灣館、B2B、OTA、穆斯林友善旅遊、永續旅遊"
    assert parse_report(f"{front}{mixed}{body}", "k").glossary == []
    two = parse_report(f"{front}關鍵字：台灣館、永續旅遊、Taiwan Pavilion、"
                       f"sustainable tourism{body}", "k")
    assert sorted(sorted(g) for g in two.glossary) == [
        ["Taiwan Pavilion", "台灣館"], ["sustainable tourism", "永續旅遊"]]
