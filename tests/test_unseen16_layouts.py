"""Reports in layouts no earlier fixture has (tests/fixtures/unseen16): a
communications regulator at APEC TEL (a cover whose Chinese title runs into
its English subtitle, travellers in a box-drawn table with a column of their
roles, Ⅰ、 chapters over A. and (a), `Session n｜<title>` lines, 附件 cited
as （詳附件一）), a health agency's IARC course (the abstract and keywords
after the contents page with no label, I. II. chapters, `Day n (m/d) <title>`
days, `圖n：` captions under photo placeholders) and a railway company's
trade-show trip (its name on the line over 出國報告, paragraphs marked only by
an indent and hard-wrapped, a centred page number and a running header
inside paragraphs, `第n天（date）　<title>` days)."""

from rsearch.corpus import parse_report
from rsearch.corpus.cover import cover_title
from rsearch.corpus.fields import table_lines
from rsearch.corpus.glossary import without_shared_names
from rsearch.corpus.headings import match_heading
from rsearch.corpus.people import is_person_line

from .fixture_sets import outline, squash, units

BOXED = ("國家通訊傳播委員會出國報告（出國類別：開會）\n\n出席年會報告\n\n"
         "┌────┬────────────┬────┐\n"
         "│ 姓　名 │ 服務機關及職稱                │ 任　務 │\n"
         "├────┼────────────┼────┤\n"
         "│ 林志遠 │ 國家通訊傳播委員會綜合規劃處副處長 │ 團　長 │\n"
         "│ 陳思妤 │ 國家通訊傳播委員會基礎設施事業管理處科長 │ 團　員 │\n"
         "└────┴────────────┴────┘\n\n"
         "報告日期：中華民國114年12月10日\n\nⅠ、前言\n\n本會派員出席。\n")


def test_travellers_in_a_box_drawn_table_with_their_roles():
    """A header of words run together (服務機關及職稱) or spaced out (姓　名),
    a role column whose cells are words a label could be (團員): the rows are
    travellers, each with a post longer than a name's token."""
    assert table_lines("│ 姓　名 │ 服務機關及職稱 │ 任　務 │") == ["姓名 服務機關及職稱 任務："]
    assert table_lines("│ 陳思妤 │ 國家通訊傳播委員會科長 │ 團　員 │") == [
        "陳思妤 國家通訊傳播委員會科長 團員"]
    assert table_lines("│出國人員│王大明│") == ["出國人員：王大明"]  # a label heads its row
    assert is_person_line("陳思妤 國家通訊傳播委員會基礎設施事業管理處科長")
    assert not is_person_line("陳思妤 本會基礎設施事業管理處負責海纜登陸站及備援路由之規劃")
    report = parse_report(BOXED, "k")
    assert report.authors == ["林志遠 國家通訊傳播委員會綜合規劃處副處長 團長",
                              "陳思妤 國家通訊傳播委員會基礎設施事業管理處科長 團員"]
    assert (report.title, report.agency, report.report_date_iso) == (
        "出席年會報告", "國家通訊傳播委員會", "2025-12-10")


def test_a_bodys_name_over_the_forms_heading_is_the_agency_not_the_title():
    cover = ["國營臺灣鐵路股份有限公司", "出國報告", "", "赴德國參加軌道交通技術展",
             "暨考察軌道車輛維修報告", "", "服務機關：國營臺灣鐵路股份有限公司"]
    assert cover_title(cover) == "赴德國參加軌道交通技術展暨考察軌道車輛維修報告"
    # a printer's running header repeats the cover's first line above it
    assert cover_title(["國營臺灣鐵路股份有限公司", *cover]) == (
        "赴德國參加軌道交通技術展暨考察軌道車輛維修報告")
    assert cover_title(["國營臺灣鐵路股份有限公司", "", *cover[1:]]) == (
        "赴德國參加軌道交通技術展暨考察軌道車輛維修報告")
    # a title's first line, no body's name, stays the title's (with what follows)
    assert cover_title(["赴德國考察", "出國報告", "", "服務機關：某公司"]) == "赴德國考察出國報告"


def test_a_bar_between_a_label_and_its_title():
    assert match_heading("Session 1｜開幕全體會議（Opening Plenary）") == (
        "session", "Session 1", "開幕全體會議（Opening Plenary）")
    assert match_heading("Day 2 | 篩檢品質指標") == ("day", "Day 2", "篩檢品質指標")
    assert match_heading("附件一｜會議議程") == ("appendix", "附件一", "會議議程")
    assert match_heading("第一章｜前言") == ("chapter", "第一章", "前言")
    # labels counted only with their separator take the bar as one
    assert match_heading("主題一｜數位轉型") == ("session", "主題一", "數位轉型")
    assert match_heading("參訪單位二｜府中刑務所") == ("stop", "參訪單位二", "府中刑務所")


SESSIONS = ("出國報告\n\n出席會議報告\n\nⅠ、前言\n\n本會派員出席。\n\nⅡ、會議紀要\n\n"
            "Session 1｜開幕全體會議（Opening Plenary）\n\n(a) 主席致詞\n\n主席致詞。\n\n"
            "Session 2｜自由化指導小組（LSG）會議\n\n(a) 頻譜管理\n\n各國分享頻譜規劃。\n\n"
            "Ⅲ、心得與建議\n\nA. 心得\n\n(a) 海纜韌性已成為各經濟體共同關切之議題。\n\n"
            "(b) AI治理將納入新計畫。\n\nB. 建議\n\n(a) 建議研議海纜備援。\n")


def test_sessions_after_a_bar_and_items_in_brackets_under_a_lettered_heading():
    """Session n｜<title> is the session's heading, titled without the bar;
    (a) <a sentence> under A. 心得 is an item of its own, not the heading's
    bracketed tail (as an English name in brackets under a heading is)."""
    report = parse_report(SESSIONS, "k")
    assert outline(report) == [
        (1, "I、前言"), (1, "II、會議紀要"), (2, "Session1開幕全體會議(OpeningPlenary)"),
        (3, "(a)主席致詞"), (2, "Session2自由化指導小組(LSG)會議"), (3, "(a)頻譜管理"),
        (1, "III、心得與建議"), (2, "A.心得"), (2, "B.建議")]
    assert [p.text for p in report.passages if p.section and p.section[-1].title == "心得"] == [
        "(a) 海纜韌性已成為各經濟體共同關切之議題。", "(b) AI治理將納入新計畫。"]
    assert units(report)[:2] == [("session", "Session1開幕全體會議"),
                                 ("session", "LSG")]


def test_a_heading_s_english_name_in_brackets_on_the_next_line_is_its_tail_still():
    text = ("出國報告\n\n出席會議報告\n\n一、前言\n\n本局派員出席。\n\n二、反恐工作小組會議\n"
            "(Counter-Terrorism Working Group)\n\n會議討論旅客資料。\n")
    assert outline(parse_report(text, "k"))[-1] == (
        1, "二、反恐工作小組會議(Counter-TerrorismWorkingGroup)")


def test_a_day_with_its_date_in_brackets_before_a_gap_and_its_title():
    """第1天（9月22日）　<title>: the bracketed date is the label's, the gap no
    column of a table; indent-only paragraphs under it."""
    text = ("出國報告\n\n赴德國考察報告\n\n一、前言\n　　本公司派員參觀。\n二、紀要\n"
            "第1天（9月22日）　軌道車輛展區\n　　展示區展出新型車輛。\n"
            "第2天（9月23日）　號誌展區\n　　號誌展區以ETCS為重點。\n三、建議\n　　建議如下。\n")
    report = parse_report(text, "k")
    assert outline(report) == [(1, "一、前言"), (1, "二、紀要"), (2, "第1天(9月22日)軌道車輛展區"),
                               (2, "第2天(9月23日)號誌展區"), (1, "三、建議")]
    assert units(report) == [("day", "第1天軌道車輛展區"), ("day", "第2天號誌展區")]
    # a row whose first cell is a quantity, not a label, is a table's still
    rows = ("出國報告\n\n赴德國考察報告\n\n一、統計\n\n項目　　數量\n"
            "1.（含稅）　100\n2.（未稅）　90\n\n二、建議\n\n建議如下。\n")
    assert outline(parse_report(rows, "k")) == [(1, "一、統計"), (1, "二、建議")]


def test_a_chinese_word_that_several_acronyms_share_names_none_of_them():
    """下設自由化指導小組（…, LSG）、安全與繁榮指導小組（…, SPSG）及ICT發展指導小組
    （…, DSG）: 指導小組, which each definition may end in, is what the three
    are, not a name of one; the three stay apart."""
    pairs = [("自由化指導小組", "LSG"), ("指導小組", "LSG"), ("指導小組", "SPSG"),
             ("繁榮指導小組", "SPSG"), ("指導小組", "DSG"), ("世界衛生組織", "WHO"),
             ("世界衛生組織", "World Health Organization"), ("世界衛生組織", "WHO")]
    assert without_shared_names(pairs) == [
        ("自由化指導小組", "LSG"), ("繁榮指導小組", "SPSG"), ("世界衛生組織", "WHO"),
        ("世界衛生組織", "World Health Organization"), ("世界衛生組織", "WHO")]
    text = ("出國報告\n\n出席會議報告\n\n一、前言\n\nTEL下設自由化指導小組（Liberalisation "
            "Steering Group, LSG）、安全與繁榮指導小組（Security and Prosperity Steering Group, "
            "SPSG）及"
            "ICT發展指導小組（ICT Development Steering Group, DSG）三個指導小組。\n")
    groups = [g for g in parse_report(text, "k").glossary if {"LSG", "SPSG", "DSG"} & set(g)]
    assert len(groups) == 3 and all(len({"LSG", "SPSG", "DSG"} & set(g)) == 1 for g in groups)


def test_a_title_and_its_english_subtitle_run_into_one_line():
    """A PDF that joins the cover's title and its English subtitle: the title
    ends where the Chinese title ends as one (…報告), the English is no part of it."""
    line = ("出席電信暨資訊工作小組第71次會議（APEC TEL71）報告 Report on the 71st Meeting of the "
            "APEC Telecommunications and Information Working Group")
    assert cover_title(["國家通訊傳播委員會出國報告（出國類別：開會）", line, "",
                        "報告日期：114年12月10日"]) == (
        "出席電信暨資訊工作小組第71次會議（APEC TEL71）報告")
    # an English name that ends no title's Chinese stays the title's
    assert cover_title(["出國報告", "", "出席 APEC Ministers Responsible for Trade Meeting", ""]) \
        == "出席 APEC Ministers Responsible for Trade Meeting"


NARROW = ("國營臺灣鐵路股份有限公司\n出國報告\n\n赴德國參觀軌道技術展報告\n\n"
          "服務機關：國營臺灣鐵路股份有限公司\n報告日期：115年11月18日\n\f"
          "一、前言\n"
          "　　本公司自113年1月1日由交通部臺灣鐵\n路管理局改制為國營公司後，積極推動車輛\n"
          "維修制度之現代化。現行維修以定期檢修為\n主，依運轉里程或時間進行一級至五級檢修\n"
          "，惟近年新購之城際列車及通勤電聯車均配\n備車載監測系統，具備轉型之條件。\n"
          "　　本公司首次組團參觀柏林國際軌道交通\n技術展，展區分為軌道技術、基礎設施、公\n"
          "共運輸、內裝及隧道建設五大類，並設有戶\n外軌道展示區。參觀之攤位詳附件一。\n"
          "二、參觀紀要\n"
          "第4天（9月26日）　參訪德國聯邦鐵路科隆尼珀斯ICE維修基地\n"
          "　　尼珀斯維修基地為DB長途客運之主要\nICE維修基地，可同時容納四列列車。\n"
          "三、建議\n"
          "　　1.建議以EMU900型電聯車之車門系統為\n先導，建立預測性維修之試辦計畫。\n"
          "　　2.建議於ATP汰換規劃時預留ETCS\nLevel 2之升級能力，並持續追蹤。\n"
          "　　3.建議評估於支線導入電池電聯車。\n"
          "附件一　InnoTrans 2026參觀攤位一覽\n"
          "Hall 2.2　西門子交通：Mireo Plus H\nHall 3.2　阿爾斯通：Coradia Stream\n")


def test_paragraphs_marked_by_an_indent_and_wrapped_narrow_under_headings_left_whole():
    """Hard-wrapped at 19 characters, the headings and rows left whole: a
    heading far wider than the wrap fills no line (the indented paragraph
    under it is no tail of its title); an item indented as the paragraphs
    are, under headings at the margin, that runs on to the next line is an
    item, not a heading; a line a table's row follows stops there."""
    report = parse_report(NARROW, "k")
    assert outline(report) == [
        (1, "一、前言"), (1, "二、參觀紀要"),
        (2, "第4天(9月26日)參訪德國聯邦鐵路科隆尼珀斯ICE維修基地"),
        (1, "三、建議"), (1, "附件一InnoTrans2026參觀攤位一覽")]
    assert [p.text for p in report.passages if p.section and p.section[-1].title == "建議"] == [
        "1.建議以EMU900型電聯車之車門系統為先導，建立預測性維修之試辦計畫。",
        "2.建議於ATP汰換規劃時預留ETCS Level 2之升級能力，並持續追蹤。",
        "3.建議評估於支線導入電池電聯車。"]
    assert report.title == "赴德國參觀軌道技術展報告"


def test_a_typed_header_after_a_typed_page_number_and_a_blank_is_page_furniture():
    """Typed furniture printed again: a centred page number, a blank (the
    form feed a text export turned into one), the typed running header, all
    inside a paragraph, and the printer's own header and number too."""
    para = ("　　戶外軌道展示區展出各廠牌之新型車輛，\n包括西門子交通之Mireo Plus H氫燃料電池\n"
            "                 －1－\n\n國營臺灣鐵路股份有限公司赴德國參觀出國報告\n"
            "電聯車及史泰勒之FLIRT Akku電池動車組。\n")
    text = ("出國報告\n\n赴德國參觀軌道技術展報告\n\n一、前言\n　　本公司組團參觀。\n二、紀要\n"
            + para
            + "　　基地自2020年起導入狀態監測維修，以\n車載診斷資料及\n                 －2－\n\n"
              "國營臺灣鐵路股份有限公司赴德國參觀出國報告\n軌旁量測設備取代部分定期檢查。\n"
              "三、建議\n　　建議如下。\n")
    report = parse_report(text, "k")
    assert [p.text for p in report.passages if p.section and p.section[-1].title == "紀要"] == [
        "戶外軌道展示區展出各廠牌之新型車輛，包括西門子交通之Mireo Plus H氫燃料電池"
        "電聯車及史泰勒之FLIRT Akku電池動車組。",
        "基地自2020年起導入狀態監測維修，以車載診斷資料及軌旁量測設備取代部分定期檢查。"]



def test_the_narrow_hard_wrapped_report_printed_to_a_pdf_reads_as_its_text(tmp_path):
    """unseen16's railway report printed with its font embedded and read from
    the page's geometry: a heading past the text's edge (set whole) has no
    wrapped tail, the indented paragraph under it opens its own; a field's
    label opens its line however near the edge the line above stops; the
    typed running header after a typed page number, past the edge, stands
    alone, and the paragraphs it cut are whole again."""
    from rsearch.corpus import read_report

    from .fixture_sets import FIXTURES
    from .report_forms import write_form

    stem = "2026-tr-innotrans-berlin-maintenance"
    write_form(FIXTURES / "unseen16" / f"{stem}.txt", "pdf-embedded", tmp_path)
    report = read_report(tmp_path / f"{stem}.pdf")
    assert (report.agency, report.report_date_iso) == ("國營臺灣鐵路股份有限公司", "2026-11-18")
    assert (3, "第4天(9月26日)參訪德國聯邦鐵路科隆尼珀斯ICE維修基地") not in outline(report)
    assert (2, "第4天(9月26日)參訪德國聯邦鐵路科隆尼珀斯ICE維修基地") in outline(report)
    texts = [squash(p.text) for p in report.passages]
    for cut in ("MireoPlusH氫燃料電池電聯車", "以車載診斷資料及軌旁量測設備取代部分定期檢查"):
        assert any(cut in t for t in texts), cut
    assert not any("出國報告電聯車" in t or "出國報告軌旁" in t for t in texts)


def test_a_typed_running_title_the_page_wrapped_keeps_its_tail(tmp_path):
    """unseen8's course report printed with its font embedded: its typed
    running title after a typed page number is wider than the page, so the
    page wraps it; its short tail (研習) is the title's, and the day heading
    under it stays a heading."""
    from rsearch.corpus import read_report

    from .fixture_sets import FIXTURES
    from .report_forms import write_form

    stem = "2025-npa-interpol-digital-forensics-course"
    write_form(FIXTURES / "unseen8" / f"{stem}.txt", "pdf-embedded", tmp_path)
    report = read_report(tmp_path / f"{stem}.pdf")
    assert (3, "第5日11月7日(星期五)分組實作與結訓") in outline(report)
    assert not any(squash(p.text) == "研習" for p in report.passages)
