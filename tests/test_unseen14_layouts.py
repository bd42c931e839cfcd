"""Reports in layouts no earlier fixture has (tests/fixtures/unseen14): a
metrology forum's meeting (a cover of labels each over its value, an inline
摘要： with the travellers after the keywords, name over post; `Chapter n` and
`n.n` headings titled in English with the Chinese title on the line under
them, a contents page with neither leaders nor page numbers, dates as
Jan. 9, 2026, numbered resolutions in English; UTF-8 with a BOM and CRLF), a
correction agency's prison visits (Big5 and CRLF; ■ parts over
參訪單位一：<place> over ◎ topics, a │─┼ schedule whose date cells span two
rows, paragraphs indented and hard-wrapped at 36 columns, a running header of
title and date after form feeds) and a science council's facility visits
(【一】 parts, 【摘要】 and 【附錄一】, the same 1.設施概況 opening every site)."""

from rsearch.corpus import parse_report
from rsearch.corpus.datelines import day_line
from rsearch.corpus.dates import parse_date, parse_period
from rsearch.corpus.headings import match_heading
from rsearch.corpus.people import split_people

from .fixture_sets import outline, units


def texts(report, section: str) -> list[str]:
    return [p.text for p in report.passages if p.section and p.section[-1].title == section]


def test_a_visit_counted_by_the_word_for_its_host_is_a_stop():
    assert match_heading("參訪單位一：法務省矯正局") == ("stop", "參訪單位一", "法務省矯正局")
    assert match_heading("參訪機構2、東京保護觀察所") == ("stop", "參訪機構2", "東京保護觀察所")
    assert match_heading("拜會對象三：外務省") == ("stop", "拜會對象三", "外務省")
    assert match_heading("參訪單位一行人抵達東京") is None  # a sentence, no separator
    assert match_heading("參、心得") == ("upper", "參、", "心得")
    text = ("出國報告\n\n赴日本考察報告\n\n一、考察紀要\n\n"
            "參訪單位一：府中刑務所\n\n該所為日本最大之刑事設施。\n\n"
            "參訪單位二：東京保護觀察所\n\n保護司協助更生人。\n\n二、建議\n\n建議如下。\n")
    report = parse_report(text, "k")
    assert outline(report) == [(1, "一、考察紀要"), (2, "參訪單位一府中刑務所"),
                               (2, "參訪單位二東京保護觀察所"), (1, "二、建議")]
    assert units(report) == [("site", "參訪單位一府中刑務所"), ("site", "參訪單位二東京保護觀察所")]


def test_a_dated_row_of_a_table_drawn_with_bars_heads_no_day():
    assert day_line("2025年10月25日(六)│全日│東京羽田機場－桃園機場") is None
    assert day_line("10月3日（五）｜抵達") is None
    assert day_line("2025年10月3日(五)　抵達曼谷") is not None
    text = ("出國報告\n\n赴日本考察報告\n\n一、考察行程\n\n日期│時間│行程\n────┼──┼────\n"
            "2025年10月24日(五)│上午│參訪川越少年刑務所\n　　　　│下午│參訪東京保護觀察所\n"
            "────┼──┼────\n2025年10月25日(六)│全日│東京－桃園\n\n二、心得\n\n心得如下。\n")
    report = parse_report(text, "k")
    assert outline(report) == [(1, "一、考察行程"), (1, "二、心得")]
    assert units(report) == []


MARKED = ("出國報告\n\n赴日本考察報告\n\n■ 考察目的\n\n瞭解高齡受刑人處遇。\n\n■ 考察紀要\n\n"
          "參訪單位一：府中刑務所\n\n該所設有養護工場。\n\n"
          "◎ 高齡受刑人專區\n\n工場配置介護福祉士。\n\n"
          "◎ 國際受刑人處遇\n\n國際對策室配置口譯。\n\n參訪單位二：美禰社會復歸促進中心\n\n"
          "該中心以PFI方式營運。\n\n◎ 公私協力之分工\n\n民間負責供膳。\n\n■ 建議\n\n建議如下。\n\n"
          "■ 附錄　考察照片\n\n照片1：府中刑務所\n")


def test_headings_marked_by_signs_nest_as_numbering_families_do():
    """■ is the top family, a stop goes under it, ◎ under the stop; the next
    stop closes ◎, the next ■ closes both; ■ 附錄 <title> is an annex."""
    report = parse_report(MARKED, "k")
    assert outline(report) == [
        (1, "■考察目的"), (1, "■考察紀要"), (2, "參訪單位一府中刑務所"), (3, "◎高齡受刑人專區"),
        (3, "◎國際受刑人處遇"), (2, "參訪單位二美禰社會復歸促進中心"), (3, "◎公私協力之分工"),
        (1, "■建議"), (1, "■附錄考察照片")]
    assert [a.title for a in report.annexes] == ["考察照片"]
    assert units(report) == [("site", "參訪單位一府中刑務所"),
                             ("site", "參訪單位二美禰社會復歸促進中心")]


def test_a_sign_that_bullets_items_heads_nothing():
    """A report that starts a sentence with ■, or two lines in a row, bullets
    its items with it: its short ■ lines are items too."""
    for items in ("■ 德國郵政指出，包裹量成長。\n\n■ 智慧櫃\n", "■ 智慧櫃\n■ 電動車隊\n"):
        text = (f"出國報告\n\n赴荷蘭考察報告\n\n一、考察紀要\n\n重點如下：\n\n{items}\n"
                "二、建議\n\n建議如下。\n")
        assert outline(parse_report(text, "k")) == [(1, "一、考察紀要"), (1, "二、建議")]
    assert match_heading("■ 配送車隊電動化，阿姆斯特丹等城市") is None
    # an item's first line a hard wrap cut inside a bracket; a form's ticked box
    assert match_heading("● 執行長論壇：論壇由萬國郵政聯盟（") is None
    assert match_heading("■開會 □考察 □研習") is None
    assert match_heading("■開會") is None
    assert match_heading("◎ 「新收調查」之流程") == ("mark◎", "◎", "「新收調查」之流程")


BILINGUAL = ("出國報告\n\n出席年會報告\n\n目錄\n\nChapter 1  Introduction 前言\n"
             "Chapter 2  Meeting Proceedings 會議過程\n"
             "2.1 Panel 2: Digital Transformation 數位轉型座談\n"
             "2.2 Bilateral Meeting 雙邊會談\nAnnex 1  Resolutions 決議事項\n\n"
             "Chapter 1  Introduction\n前言\n\n本局派員出席年會。\n\n"
             "Chapter 2  Meeting Proceedings\n會議過程\n\n"
             "2.1 Panel 2: Digital Transformation in Legal Metrology\n數位轉型座談\n\n"
             "與談人說明數位證書。\n\n"
             "2.2 Bilateral Meeting with CBWM\n雙邊會談\n\n雙方交換意見。\n\n"
             "Annex 1  Resolutions\n決議事項\n\n"
             "1. The Forum adopted the Work Programme 2026-2028.\n"
             "2. The Forum endorsed the Pilot Project on Digital Calibration Certificates.\n")


def test_a_title_in_english_with_its_chinese_name_under_it_is_one_heading():
    """Chapter 2  Meeting Proceedings / 會議過程: one heading titled in both;
    the contents page that gives both on one line, without leaders or page
    numbers, is taken out, its shortened entry (2.1 … Digital Transformation)
    with the rest; English resolutions numbered a line each are items."""
    report = parse_report(BILINGUAL, "k")
    assert outline(report) == [
        (1, "Chapter1Introduction前言"), (1, "Chapter2MeetingProceedings會議過程"),
        (2, "2.1Panel2:DigitalTransformationinLegalMetrology數位轉型座談"),
        (2, "2.2BilateralMeetingwithCBWM雙邊會談"), (1, "Annex1Resolutions決議事項")]
    assert [a.title for a in report.annexes] == ["Resolutions 決議事項"]
    assert texts(report, "Resolutions 決議事項") == [
        "1. The Forum adopted the Work Programme 2026-2028.",
        "2. The Forum endorsed the Pilot Project on Digital Calibration Certificates."]


def test_a_chinese_line_under_a_chinese_heading_or_a_sentence_is_no_title():
    text = ("出國報告\n\n出席年會報告\n\n一、前言\n會議過程\n\n本局派員出席。\n\n"
            "Chapter 2  Meeting Proceedings\n\n會議於曼谷舉行。\n")
    report = parse_report(text, "k")
    assert outline(report) == [(1, "一、前言"), (1, "Chapter2MeetingProceedings")]


def test_dates_written_in_english():
    assert parse_date("Jan. 9, 2026") == "2026-01-09"
    assert parse_date("9 January 2026") == "2026-01-09"
    assert parse_date("Sept. 3, 2025") == "2025-09-03"
    assert parse_date("報告日期：114年12月30日") == "2025-12-30"
    assert parse_period("Nov. 9, 2025 – Nov. 15, 2025") == ("2025-11-09", "2025-11-15")
    assert parse_date("the forum may 2 members") == ""


def test_a_cover_of_labels_each_over_its_value_and_travellers_name_over_post():
    text = ("經濟部標準檢驗局出國報告（出國類別：開會）\n\n"
            "報告名稱\n出席亞太法定度量衡論壇年會報告\n\n"
            "服務機關\n經濟部標準檢驗局\n\n報告日期\nJan. 9, 2026\n\n"
            "摘要：本局派員出席年會，並與泰國度量衡局會談。\n\n關鍵字：APLMF、智慧電表\n\n"
            "出國人員\n陳怡君\n經濟部標準檢驗局第六組技正\n王俊傑\n經濟部標準檢驗局臺南分局課長\n\n"
            "一、前言\n\n本局派員出席。\n")
    report = parse_report(text, "k")
    assert (report.title, report.agency, report.report_date_iso, report.trip_type) == (
        "出席亞太法定度量衡論壇年會報告", "經濟部標準檢驗局", "2026-01-09", "開會")
    assert report.authors == [
        "陳怡君 經濟部標準檢驗局第六組技正", "王俊傑 經濟部標準檢驗局臺南分局課長"]


def test_a_warden_is_a_rank():
    assert split_people("黃文彬　法務部矯正署副署長\n鄭志豪　臺北監獄副典獄長") == [
        "黃文彬 法務部矯正署副署長", "鄭志豪 臺北監獄副典獄長"]


def test_the_same_first_subheading_under_every_site_is_no_running_line():
    """1.設施概況 opens each site's part, short and apart from the text as a
    running line is: each time the first heading under another one, it is
    a heading (a text without page breaks)."""
    sites = "".join(f"({n})歐洲{name}\n\n1.設施概況\n\n{name}位於歐洲，規模龐大。\n\n"
                    f"2.{topic}\n\n雙方同意交流{name}之經驗。\n\n"
                    for n, name, topic in (("一", "核子研究組織", "實驗團隊交流"),
                                           ("二", "同步輻射設施", "資料政策"),
                                           ("三", "散裂中子源", "非會員之參與")))
    text = (f"出國報告\n\n赴歐洲考察報告\n\n【一】前言\n\n本會派員考察。\n\n【二】考察紀要\n\n"
            f"{sites}【三】建議\n\n建議如下。\n")
    assert [t for d, t in outline(parse_report(text, "k")) if d == 3] == [
        "1.設施概況", "2.實驗團隊交流", "1.設施概況", "2.資料政策", "1.設施概況", "2.非會員之參與"]


def test_the_same_second_subheading_under_every_site_is_no_running_line():
    """2.合作機會 under each site's part, after its 1.參訪內容 and a
    paragraph: repeated, short and apart from the text as a running line is,
    but each time the next label after its family's last, it is a heading
    (a running line counts nothing; a text without page breaks)."""
    sites = "".join(f"({n}){name}\n\n1.參訪內容\n\n{name}說明港區營運情形。\n\n"
                    f"2.合作機會\n\n雙方同意交流{name}之經驗。\n\n"
                    for n, name in (("一", "東京港港務局"), ("二", "橫濱港港務局"),
                                    ("三", "大阪港港務局"), ("四", "神戶港港務局")))
    text = (f"出國報告\n\n赴日本考察報告\n\n【一】前言\n\n本局派員考察。\n\n【二】考察紀要\n\n"
            f"{sites}【三】建議\n\n建議如下。\n")
    assert [t for d, t in outline(parse_report(text, "k")) if d == 3] == [
        "1.參訪內容", "2.合作機會"] * 4


def test_a_bracketed_abstract_title_is_the_fronts_and_a_bracketed_annex_label_an_annex():
    text = ("出國報告（出國類別：考察）\n\n赴歐洲考察大型研究設施報告\n\n"
            "服務機關：國家科學及技術委員會\n\n"
            "【摘要】\n\n本會派員考察歐洲研究設施。\n\n【一】前言\n\n本會派員考察。\n\n"
            "【二】建議\n\n建議如下。\n\n【附錄一】考察照片\n\n圖1：CERN\n\n"
            "【附錄二】申請流程\n\n一、提出計畫書。\n")
    report = parse_report(text, "k")
    assert report.abstract == "本會派員考察歐洲研究設施。"
    assert outline(report) == [(1, "【一】前言"), (1, "【二】建議"), (1, "【附錄一】考察照片"),
                               (1, "【附錄二】申請流程")]
    assert [(a.number, a.title) for a in report.annexes] == [(1, "考察照片"), (2, "申請流程")]
