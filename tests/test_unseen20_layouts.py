"""Reports in layouts no earlier fixture has (tests/fixtures/unseen20): an
environment agency's bilateral consultations written as minutes (甲、/㈠/⑴,
`案由一：` items under `㈡　討論事項`, a box-drawn delegation, a BOM and CRLF,
a three-line cover title), an agriculture institute's twelve-week internship
in weekly logs (`壹　前言` chapters parted from their numerals by a space alone,
`第3-4週（3/18-3/29）　<title>` weeks, a part introducing the host, paragraphs
hard-wrapped at 38 and cut by a running header and `- n -`) and a highway
agency's research stay (`Chapter 1 Introduction` over `1.1.` and `1.1.1.`)."""

from rsearch.corpus import parse_report
from rsearch.corpus.formats.model import Line
from rsearch.corpus.headings import match_heading
from rsearch.corpus.tables import split_cells

from .fixture_sets import outline, units


def test_a_numeral_parted_from_its_title_by_a_space_is_its_familys_label():
    assert match_heading("壹　前言") == ("upper", "壹", "前言")
    assert match_heading("參 實習紀要") == ("upper", "參", "實習紀要")
    assert match_heading("貳　Background") == ("upper", "貳", "Background")
    assert match_heading("一　緣起") == ("zh", "一", "緣起")
    assert match_heading("十二　附錄") == ("zh", "十二", "附錄")
    # with its 、 as before
    assert match_heading("壹、前言") == ("upper", "壹、", "前言")
    # a table's row of cells spaced apart is none
    assert match_heading("一　　二　　三") is None
    assert match_heading("壹\t甲案\t乙案") is None
    # nor a sentence
    assert match_heading("一　本署派員出席會議。") is None


def test_a_decimal_label_keeps_the_dot_that_closes_it():
    assert match_heading("1.1. 研究背景") == ("decimal-2", "1.1.", "研究背景")
    assert match_heading("2.2.1. 鋪面狀況調查資料分析") == (
        "decimal-3", "2.2.1.", "鋪面狀況調查資料分析")
    assert match_heading("1.2.3.4. 細項") == ("decimal-4", "1.2.3.4.", "細項")
    assert match_heading("1.1 研究背景") == ("decimal-2", "1.1", "研究背景")
    assert match_heading("1.1. 億歐元") is None  # a quantity


STAY = ("出國報告\n\n報告日期：113年7月15日\n\n"
        "壹　前言\n　　本所派員赴日本實習。\n"
        "貳　實習機構簡介\n一、農研機構\n　　農研機構為國立研究開發法人。\n"
        "二、野菜花卉研究部門\n　　該部門下設施設生產研究領域。\n"
        "參　實習紀要\n第1週（3/4-3/8）　報到及研究環境介紹\n　　辦理報到手續。\n"
        "第3-4週（3/18-3/29）　UECS環境控制系統\n　　組裝控制節點。\n"
        "肆　參訪紀要\n一、千葉大學植物工廠\n　　參觀人工光型植物工廠。\n"
        "伍　心得與建議\n一、心得\n　　開放規格有助整合。\n")


def test_weekly_logs_under_spaced_formal_numerals_and_a_host_profile_that_names_no_site():
    report = parse_report(STAY, "k")
    assert outline(report) == [
        (1, "壹前言"), (1, "貳實習機構簡介"), (2, "一、農研機構"), (2, "二、野菜花卉研究部門"),
        (1, "參實習紀要"), (2, "第1週(3/4-3/8)報到及研究環境介紹"),
        (2, "第3-4週(3/18-3/29)UECS環境控制系統"),
        (1, "肆參訪紀要"), (2, "一、千葉大學植物工廠"), (1, "伍心得與建議"), (2, "一、心得")]
    # the host's divisions, described, are no places the stay went to
    assert units(report) == [("day", "第1週報到及研究環境介紹"), ("day", "第3-4週UECS環境控制系統"),
                             ("site", "千葉大學植物工廠")]
    week = report.meetings[1]
    assert "第3-4週" in week.names and "UECS環境控制系統" in week.names


def test_a_part_where_the_stay_worked_still_names_its_places():
    text = STAY.replace("貳　實習機構簡介", "貳　實習機構")
    assert ("site", "農研機構") in units(parse_report(text, "k"))


CHAPTERS = ("出國報告\n\n報告日期：民國113年9月2日\n\n"
            "Chapter 1 Introduction\n\n1.1. 研究背景\n\n本局轄管省道約5,000公里。\n\n"
            "1.2. 研究目的\n\n學習鋪面管理。\n\n"
            "Chapter 2 Research Programme\n\n2.1. 研究工作\n\n"
            "2.1.1. 鋪面狀況調查資料分析\n\n分析TRACS資料。\n\n"
            "2.1.2. 鋪面劣化模型\n\n以馬可夫鏈建立模型。\n\n"
            "2.2. 參訪及會議\n\n2.2.1. 肯特郡議會道路管理處\n\n該處管理地方道路。\n\n"
            "Chapter 3 Findings\n\n3.1. 結論\n\n預防性養護可延長壽命。\n\n"
            "References\n\n[1] TRL (2023), Annual Review.\n")


def test_english_chapters_over_decimals_closed_by_a_dot():
    report = parse_report(CHAPTERS, "k")
    assert outline(report) == [
        (1, "Chapter1Introduction"), (2, "1.1.研究背景"), (2, "1.2.研究目的"),
        (1, "Chapter2ResearchProgramme"), (2, "2.1.研究工作"), (3, "2.1.1.鋪面狀況調查資料分析"),
        (3, "2.1.2.鋪面劣化模型"), (2, "2.2.參訪及會議"), (3, "2.2.1.肯特郡議會道路管理處"),
        (1, "Chapter3Findings"), (2, "3.1.結論"), (1, "References")]
    assert units(report) == [("site", "肯特郡議會道路管理處")]


MINUTES = ("出國報告\n\n報告日期：民國113年12月16日\n\n"
           "甲、前言\n\n㈠　會議緣起\n\n　　雙方每年輪流舉辦諮商會議。\n\n"
           "丙、會議紀要\n\n㈠　開幕致詞\n\n　　日方致詞。\n\n㈡　討論事項\n\n"
           "案由一：新化學物質登錄制度之執行現況\n\n說明：由我方報告執行情形。\n\n討論：\n"
           "⑴　我方說明累計核准逾12,000件。\n⑵　日方說明少量新化學物質確認制度。\n\n"
           "決議：請雙方交換驗證報告。\n\n"
           "案由二：毒性化學物質釋放量申報（PRTR）\n\n說明：日方報告其制度。\n\n"
           "㈢　臨時動議\n\n　　我方提議建立通報機制。\n\n"
           "丁、機關拜會\n\n㈠　國立環境研究所（NIES）\n\n⑴　生態毒性試驗\n\n　　飼養青鱂魚。\n\n"
           "⑵　環境監測\n\n　　每年採集樣品。\n")


def test_minutes_of_agenda_items_under_stems_and_parenthesised_ideographs():
    report = parse_report(MINUTES, "k")
    assert outline(report) == [
        (1, "甲、前言"), (2, "(一)會議緣起"), (1, "丙、會議紀要"), (2, "(一)開幕致詞"),
        (2, "(二)討論事項"), (3, "案由一新化學物質登錄制度之執行現況"),
        (3, "案由二毒性化學物質釋放量申報(PRTR)"), (2, "(三)臨時動議"),
        (1, "丁、機關拜會"), (2, "(一)國立環境研究所(NIES)"), (3, "(1)生態毒性試驗"),
        (3, "(2)環境監測")]
    # ⑴ items of the discussion, each a sentence, are no headings; the agenda's
    # items are sessions (one keyed by its acronym), the institute visited a site
    assert units(report) == [("session", "開幕致詞"),
                             ("session", "案由一新化學物質登錄制度之執行現況"),
                             ("session", "PRTR"), ("session", "臨時動議"), ("site", "NIES")]
    assert "案由二" in report.meetings[2].names


def test_a_label_and_a_sentence_an_ideographic_space_apart_is_an_item_not_a_row():
    for line in ("⑴　我方說明截至113年9月底，新化學物質登錄累計核准逾12,000件。",
                 "(2)　日方說明化審法之少量新化學物質確認制度",  # wrapped before its clause
                 "（一）　雙方同意交換政府分類結果清單，比對分類差異。",
                 "①　參考NITE-CHRIP之設計，增加跨法規比對功能。",
                 "1.　持續參與雙邊諮商會議，爭取新案由。"):
        assert split_cells(Line(line)) is None, line
    # a table's rows: a label and a short cell, three cells, or cells apart by tabs
    assert split_cells(Line("⑴　化審法審查實務")).texts == ["⑴", "化審法審查實務"]
    assert len(split_cells(Line("1.　王俊傑　科長")).texts) == 3
    assert split_cells(Line("1.\t我方說明已公告PFOA，限制其用途。")) is not None


def test_a_line_whose_title_holds_a_clause_is_no_heading():
    assert match_heading("⑹　歐盟宣布投入 1.1 億歐元，") is None
    assert match_heading("⑷　歐盟宣布投入 1.1 億歐元，協") is None
    assert match_heading("(一)　緣起，目的") is None
    # a comma inside brackets is the title's
    assert match_heading("㈡　國立環境研究所（NIES，筑波）") == (
        "zh-paren", "(二)", "國立環境研究所（NIES，筑波）")


ITEMS = ("出國報告\n\n報告日期：113年12月16日\n\n一、討論事項\n\n"
         "⑴　日方說明依斯德哥爾摩公約之決議，已將PFHxS及其鹽類列為化審法第一種\n"
         "特定化學物質，禁止製造及輸入。\n"
         "⑵　雙方就PFAS之分析方法交換意見，日方表示NIES已建立可同時定量約40種\n"
         "PFAS之液相層析串聯質譜分析方法，可提供我方實驗室參考。\n\n"
         "決議：雙方共同辦理研習。\n")


def test_wrapped_items_after_an_ideographic_space_keep_their_lines():
    texts = ["".join(p.text.split()) for p in parse_report(ITEMS, "k").passages]
    assert "⑴日方說明依斯德哥爾摩公約之決議，已將PFHxS及其鹽類列為化審法第一種特定化學物質，" \
        "禁止製造及輸入。" in texts
    assert "⑵雙方就PFAS之分析方法交換意見，日方表示NIES已建立可同時定量約40種PFAS之" \
        "液相層析串聯質譜分析方法，可提供我方實驗室參考。" in texts
