"""Reports in layouts no earlier fixture has (tests/fixtures/unseen21): a
medicine institute at a scientific congress (headings numbered in full-width
digits and letters, １．/（１）/ａ．, Plenary/Symposium/Workshop sessions, a
contents page of tab leaders, the 提要 form at the end), an airport company's
e-gate visits (【參訪點一】 sites, a cover of reordered fields dated 114.07.02,
photo and figure captions, tables aligned by spaces) and an education
researcher's degree study (terms over courses, 第一學期（Fall Semester 2024）
/ 課程一：, one line a paragraph, superscript notes under a rule, a form feed
in mid-sentence)."""

from rsearch.corpus import parse_report
from rsearch.corpus.headings import match_heading

from .fixture_sets import outline, owners, units
from .report_forms import wrap


def test_lower_case_letters_with_a_stop_are_a_family():
    assert match_heading("ａ．生合成基因簇之預測") == ("latin-lower", "a.", "生合成基因簇之預測")
    assert match_heading("b. Molecular networking") == ("latin-lower", "b.", "Molecular networking")
    assert match_heading("c、其他事項") == ("latin-lower", "c、", "其他事項")
    # an item's sentence, an abbreviation and an inline list are none
    assert match_heading("ａ．發表本所研究成果，提升我國中藥研究之國際能見度。") is None
    assert match_heading("e.g. the Nagoya Protocol") is None
    assert match_heading("a. 品質管制、b. 分子鑑定") is None


def test_a_term_of_a_years_study_is_a_day_label():
    assert match_heading("第一學期（Fall Semester 2024）") == (
        "day", "第一學期", "（Fall Semester 2024）")
    assert match_heading("暑期學期（Summer Session 2025）") == (
        "day", "暑期學期", "（Summer Session 2025）")
    assert match_heading("下學期") == ("day", "下學期", "下學期")
    assert match_heading("第二至三學期：論文研究") == ("day", "第二至三學期", "論文研究")
    assert match_heading("Fall Semester 2024") == (
        "day", "Fall Semester 2024", "Fall Semester 2024")
    assert match_heading("Spring Term: Dissertation") == ("day", "Spring Term", "Dissertation")
    # a sentence that opens with a term, a table's row of a season, are none
    assert match_heading("第一學期修習試題反應理論及多層次模型，第二學期修習適性測驗。") is None
    assert match_heading("上學期結束後，職即前往普林斯頓。") is None
    assert match_heading("Spring 2025\tEDUC 735\tComputerized Adaptive Testing") is None


CONGRESS = ("衛生福利部國家中醫藥研究所\n出國報告（出國類別：開會）\n\n"
            "出席第73屆國際藥用植物及天然物研究學會年會（GA 2025）報告\n\n"
            "報告日期：民國114年9月15日\n\n"
            "１．前言\n\n（１）會議緣起及目的\n\n本次派員出席，目的如下：\n\n"
            "ａ．發表本所研究成果。\n\nｂ．瞭解歐洲藥典之修訂方向。\n\n"
            "２．會議紀要\n\n（１）Plenary 1：天然物研究與人工智慧\n\n"
            "ａ．生合成基因簇之預測\n\n講者說明以深度學習預測基因簇。\n\n"
            "ｂ．質譜分子網絡\n\nGNPS已累積大量圖譜。\n\n"
            "（２）Symposium S3：中草藥品質管制與真偽鑑定\n\n"
            "ａ．歐洲藥典草藥專論之修訂\n\n主持人說明草藥專論。\n\n"
            "３．心得與建議\n\n（１）建議\n\nａ．建議採用HPTLC。\n\nｂ．建議持續派員。\n")


def test_full_width_digits_and_letters_nest_three_levels_and_items_stay_text():
    report = parse_report(CONGRESS, "g")
    assert outline(report) == [
        (1, "1.前言"), (2, "(1)會議緣起及目的"), (1, "2.會議紀要"),
        (2, "(1)Plenary1:天然物研究與人工智慧"), (3, "a.生合成基因簇之預測"), (3, "b.質譜分子網絡"),
        (2, "(2)SymposiumS3:中草藥品質管制與真偽鑑定"), (3, "a.歐洲藥典草藥專論之修訂"),
        (1, "3.心得與建議"), (2, "(1)建議")]
    # sessions only: the congress the title names holds them, under its
    # bracketed name too
    assert [kind for kind, _ in units(report)] == ["meeting", "session", "session"]
    assert owners(report, "GA 2025") == [report.meetings[0]]
    assert "第73屆國際藥用植物及天然物研究學會年會（GA 2025）" in report.meetings[0].names


STUDY = ("國家教育研究院出國報告（出國類別：進修）\n赴美國攻讀碩士學位進修報告\n"
         "報告日期：民國114年10月31日\n"
         "一、前言\n本院選送職赴美進修。\n"
         "二、修課紀要\n第一學期（Fall Semester 2024）\n"
         "課程一：試題反應理論（EDUC 732 Item Response Theory）\n本課程介紹試題反應理論。\n"
         "課程二：多層次模型（EDUC 771 Hierarchical Linear Modeling）\n本課程介紹多層次模型。\n"
         "第二學期（Spring Semester 2025）\n"
         "課程三：電腦化適性測驗（EDUC 735 Computerized Adaptive Testing）\n本課程介紹適性測驗。\n"
         "三、碩士專題研究\n職之碩士專題研究以差異試題功能為題。\n"
         "四、心得與建議\n美國之大型評量重視技術報告之公開。\n")


def test_terms_head_the_courses_taken_in_them():
    report = parse_report(STUDY, "m")
    assert outline(report) == [
        (1, "一、前言"), (1, "二、修課紀要"), (2, "第一學期(FallSemester2024)"),
        (3, "課程一試題反應理論(EDUC732ItemResponseTheory)"),
        (3, "課程二多層次模型(EDUC771HierarchicalLinearModeling)"),
        (2, "第二學期(SpringSemester2025)"),
        (3, "課程三電腦化適性測驗(EDUC735ComputerizedAdaptiveTesting)"),
        (1, "三、碩士專題研究"), (1, "四、心得與建議")]
    # a term is a day unit of the stay (as a month is), named in both
    # languages; a master's project (專題研究) is research, no session
    assert units(report) == [("day", "第一學期"), ("session", "課程一試題反應理論"),
                             ("session", "課程二多層次模型"), ("day", "第二學期"),
                             ("session", "課程三電腦化適性測驗")]
    assert owners(report, "Spring Semester 2025") == [report.meetings[3]]
    course = report.passages[[p.text for p in report.passages].index("本課程介紹試題反應理論。")]
    assert course.units == ["第一學期", "課程一 試題反應理論"]


def wrapped(*paragraphs: str) -> list[str]:
    return [piece for text in paragraphs for piece in (wrap(text) if text else [""])]


def test_notes_under_a_rule_end_where_the_next_page_s_text_goes_on():
    # a text of one line a paragraph wrapped again with its form feeds lost:
    # the page's notes end at the blank line the break left, and the text
    # after it is the body's: a heading, then an item that a page's cut (its
    # furniture gone, a blank left) breaks in mid-word, no heading a line long
    item = wrapped("1.前五週：古典測驗理論（Classical Test Theory, CTT）之限制、試題特徵曲線及試題"
                   "訊息函數。")
    lines = ["出國報告", "報告日期：民國114年10月31日", *wrapped(
        "一、前言",
        "本院辦理臺灣學生學習成就評估資料庫，並參與國際學生能力評量計畫¹，定期評量國中小學生之"
        "學習成就，作為課程修訂及教學改進之參考，近年並規劃將評量轉為電腦化施測。",
        "本院測驗及評量研究中心現有研究人員十四名，具心理計量學位者僅三名，且近年陸續有資深同仁"
        "退休，專業人才之傳承已為迫切之課題。",
        "______________________________",
        "¹ PISA每三年辦理一次，我國自2006年起參加，由本院負責抽樣、施測及資料分析。", "",
        "二、修課紀要", "課程一：試題反應理論", "課程進度分為三個部分："),
        item[0], "", *item[1:], *wrapped(
        "2.第六至十週：二元計分及多元計分模型之參數估計，包括邊際最大概似估計法及期望後驗估計法。",
        "三、心得與建議",
        "美國之大型評量重視技術報告之公開，其試題參數、等化方法及差異試題功能之分析結果均公開於網站，"
        "值得本院參考。")]
    report = parse_report("\n".join(lines) + "\n", "n")
    assert [t for _, t in outline(report)] == ["一、前言", "二、修課紀要", "課程一試題反應理論",
                                             "三、心得與建議"]
    notes = [p.text for p in report.passages if p.kind == "footnote"]
    assert notes == ["¹ PISA每三年辦理一次，我國自2006年起參加，由本院負責抽樣、施測及資料分析。"]
    assert "".join(item) in [p.text for p in report.passages]


def test_whole_lines_after_a_page_s_notes_are_the_text_again():
    from rsearch.corpus.footnotes import lift_page_notes
    from rsearch.corpus.formats.model import Line

    page = [Line("本院辦理學習成就評估¹。", whole=True), Line("____________"),
            Line("¹ PISA每三年辦理一次。", whole=True), Line("² 依該要點辦理。", whole=True),
            Line("二、修課紀要", whole=True), Line("本課程介紹試題反應理論。", whole=True)]
    lifted = lift_page_notes(page, lambda line: False)
    assert [(line.text, line.note) for line in lifted] == [
        ("本院辦理學習成就評估¹。", False), ("¹ PISA每三年辦理一次。", True),
        ("² 依該要點辦理。", True), ("二、修課紀要", False), ("本課程介紹試題反應理論。", False)]


def test_a_travellers_telephone_wrapped_onto_its_own_line_is_no_traveller():
    form = ("出國報告\n\n出國報告提要\n出國報告名稱：出席年會報告\n"
            "出國人員姓名／服務機關／單位／職稱／電話：\n"
            "林佩蓉／衛生福利部國家中醫藥研究所／中藥研究組／研究員／\n(02)2820-1999#7301\n"
            "吳建宏／衛生福利部國家中醫藥研究所／中藥研究組／副研究員／\n(02)2820-1999#7305\n"
            "出國類別：開會\n報告日期：民國114年9月15日\n\n一、前言\n\n本所派員出席年會。\n")
    authors = parse_report(form, "t").authors
    assert len(authors) == 2 and authors[0].startswith("林佩蓉") and authors[1].startswith("吳建宏")


def test_a_printed_covers_field_under_a_field_filling_its_line_is_its_own(tmp_path):
    from rsearch.corpus import read_report

    from .report_forms import write_form

    source = tmp_path / "cover.txt"
    source.write_text("桃園國際機場股份有限公司\n出國報告\n\n"
                      "報告名稱：赴新加坡及香港考察機場自動查驗通關及生物辨識旅客流程報告\n"
                      "報告日期：114.07.02\n出國期間：民國114年5月6日至5月10日\n出國類別：考察\n"
                      "服務機關：桃園國際機場股份有限公司\n\n\n摘要\n\n"
                      "　　本公司為規劃第三航廈啟用後之旅客流程，並配合內政部移民署擴充自動查驗通關"
                      "系統（e-Gate），於民國114年5月6日至10日派員赴新加坡及香港，考察新加坡樟宜"
                      "機場第4航廈、新加坡移民與關卡局、香港國際機場及香港入境事務處之自動通關及生物"
                      "辨識旅客流程。考察重點包括人臉辨識閘門之設置及通過率。\n\n"
                      "　　建議本公司於第三航廈預留生物辨識登機閘門之管線及空間，與移民署共同訂定"
                      "人臉資料之保存及刪除規範，並以單一旅客身分憑證整合報到、安檢、通關及登機流程。\n",
                      encoding="utf-8")
    report = read_report(write_form(source, "pdf-embedded", tmp_path / "pdf"))
    assert (report.title, report.report_date_iso) == (
        "赴新加坡及香港考察機場自動查驗通關及生物辨識旅客流程報告", "2025-07-02")


def test_a_printed_paragraph_the_page_s_typed_notes_cut_goes_on_after_them(tmp_path):
    # the degree study printed with its fonts: the page's notes under their
    # rule stand inside a paragraph the source's page cut in mid-sentence
    from rsearch.corpus import read_report

    from .fixture_sets import fixture_set
    from .report_forms import write_form

    folder, _ = fixture_set("unseen21")
    report = read_report(write_form(folder / "2025-naer-umass-psychometrics-med.txt",
                                    "pdf-embedded", tmp_path))
    texts = [p.text for p in report.passages]
    whole = "同能力受試者答對機率不同，須再經內容專家審查，方能判斷是否為試題偏誤（item bias）。"
    assert any(text.endswith(whole) for text in texts)
    note = "³ 等化係將不同測驗形式之分數轉換至同一量尺，常用方法包括共同題等化及共同受試者等化。"
    assert note in texts
