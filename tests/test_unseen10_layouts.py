"""Reports in layouts no earlier fixture has (tests/fixtures/unseen10): an
audit office's conference and visits (a cover centred by leading spaces, the
title on three lines under the form's heading `審計部出國報告（出國類別：開會）`,
travellers in a `服務機關｜姓名｜職稱` table with an audit office's grades,
chapters 第一章 / 第一節 over 一、 with one line a paragraph and no blank lines,
a contents page with `·····` leaders, a box-drawn table, ① notes, 附錄), a
postal company's study tour (days headed by their date and a title, a text
hard-wrapped at 38 columns, ● ■ ◆ items with a hanging indent, `-----`
leaders, a running header and a `第 n 頁` footer with form feeds, 註1：
notes, a tab-separated table) and a museum's couriers of an exhibition loan
(travellers in a box-drawn table, the agency nowhere else, days as
（一）11月3日（星期一）… under 三、, tab-leadered contents, ┏━┓ tables)."""

from rsearch.corpus import parse_report
from rsearch.corpus.cover import heading_agency, is_boilerplate
from rsearch.corpus.people import split_people

from .fixture_sets import outline, squash

# Three paragraphs hard-wrapped at 38 columns (nineteen ideographs a line).
WRAPPED = ("　　上午參觀展區，重點觀察自動分揀設備\n及機器人搬運系統；下午出席影像辨識與地\n"
           "址判讀技術研討，並洽詢廠商報價。\n",
           "　　中心為最大之包裹處理設施，占地約六\n萬平方公尺，日處理量約一百萬件，全天候\n"
           "三班運作，尖峰期另增聘臨時人員。\n",
           "　　歐洲郵政業者面對包裹量成長趨緩，均\n以自動化降低單件成本，並以包裹智慧櫃取\n"
           "代逐戶投遞，兼顧效率與減碳之目標。\n")


def test_a_day_line_as_wide_as_a_narrow_wrap_heads_its_day_where_it_stops():
    text = ("出國報告\n\n參訪報告\n\n壹、參訪紀要\n\n"
            "10月8日（星期三）　博覽會展區參觀及技術研討\n\n" + WRAPPED[0] +
            "\n10月9日（星期四）　PostNL Nieuwegein包裹分揀中心\n\n" + WRAPPED[1] +
            "\n貳、心得\n\n" + WRAPPED[2])
    report = parse_report(text, "k")
    assert outline(report) == [
        (1, "壹、參訪紀要"), (2, "10月8日(星期三)博覽會展區參觀及技術研討"),
        (2, "10月9日(星期四)PostNLNieuwegein包裹分揀中心"), (1, "貳、心得")]
    assert [(u.kind, u.key) for u in report.meetings] == [
        ("day", "10月8日 博覽會展區參觀及技術研討"),
        ("day", "10月9日 PostNL Nieuwegein包裹分揀中心")]
    # A wide date line that runs on into the next line is a paragraph's first.
    text = ("出國報告\n\n參訪報告\n\n壹、參訪紀要\n\n" + WRAPPED[0] +
            "\n10月8日（星期三）上午參觀展區及技術研討\n會後並洽詢廠商之報價及交貨期程。\n\n"
            + WRAPPED[1] + "\n" + WRAPPED[2])
    assert outline(parse_report(text, "k")) == [(1, "壹、參訪紀要")]


def test_the_forms_heading_after_a_body_it_names_the_trip_kind_of_is_no_title():
    assert is_boilerplate("審計部出國報告（出國類別：開會）")
    assert heading_agency("審計部出國報告（出國類別：開會）") == "審計部"
    assert not is_boilerplate("審計部出國報告")  # no kind: a body the vocabulary knows not
    assert not is_boilerplate("出席政府審計研討會報告（出國類別：開會）")
    text = ("                    審計部出國報告（出國類別：開會）\n\n\n"
            "              出席美國政府會計師協會\n"
            "          2025年專業發展研討會暨拜會\n"
            "              美國聯邦審計總署報告\n\n\n"
            "          服務機關｜姓名｜職稱\n"
            "          審計部第一廳｜王志明｜副審計\n"
            "          審計部資訊室｜許雅婷｜稽察\n"
            "          臺北市審計處｜周俊傑｜審計員\n\n"
            "          報告日期：中華民國114年10月15日\n\n\n"
            "第一章　前言\n本部每年遴派人員出席國際專業組織之研討會。\n")
    report = parse_report(text, "k")
    assert squash(report.title) == (
        "出席美國政府會計師協會2025年專業發展研討會暨拜會美國聯邦審計總署報告")
    assert (report.agency, report.report_date_iso) == ("審計部", "2025-10-15")
    assert report.authors == ["審計部第一廳 王志明 副審計", "審計部資訊室 許雅婷 稽察",
                              "臺北市審計處 周俊傑 審計員"]


def test_an_audit_offices_grades_and_a_hall_are_a_travellers_parts():
    assert split_people("審計部第一廳 王志明 副審計\n審計部資訊室 許雅婷 稽察") == [
        "審計部第一廳 王志明 副審計", "審計部資訊室 許雅婷 稽察"]
    assert split_people("王志明 審計、許雅婷 稽察、周俊傑 審計員") == [
        "王志明 審計", "許雅婷 稽察", "周俊傑 審計員"]


def test_travellers_of_one_body_in_a_table_name_the_agency_the_cover_does_not():
    text = ("出國報告（出國類別：其他）\n\n赴奧地利押運借展文物及點交報告\n\n"
            "┌──────────────┬──────┬─────┐\n"
            "│服務機關                    │姓名        │職稱      │\n"
            "├──────────────┼──────┼─────┤\n"
            "│國立故宮博物院登錄保存處    │李明哲      │研究員    │\n"
            "│國立故宮博物院書畫文獻處    │吳佩珊      │副研究員  │\n"
            "└──────────────┴──────┴─────┘\n\n"
            "報告日期：中華民國114年12月10日\n\n一、前言\n\n本院借展文物三十件。\n")
    report = parse_report(text, "k")
    assert report.agency == "國立故宮博物院"
    assert report.authors == ["國立故宮博物院登錄保存處 李明哲 研究員",
                              "國立故宮博物院書畫文獻處 吳佩珊 副研究員"]
    # Travellers of bodies with no common name leave the agency unknown.
    one = text.replace("國立故宮博物院書畫文獻處", "國立歷史博物館典藏組　　")
    assert parse_report(one, "k").agency == ""


def test_items_under_a_lead_in_are_passages_of_their_own_where_blank_lines_end_paragraphs():
    text = ("出國報告\n\n押運報告\n\n一、前言\n\n"
            "本院借展文物三十件，分兩批空運，\n全程文物狀況良好。\n\n二、過程\n\n點交程序如下：\n1.核對文物登錄號、名稱及尺寸；\n2.檢視並記錄既有之劃痕；\n"
            "3.雙方人員簽名確認；\n4.文物放入內箱後會同封箱。\n\n全部文物於下午五時完成裝箱。\n")
    report = parse_report(text, "k")
    assert [p.text for p in report.passages][1:] == [
        "本院借展文物三十件，分兩批空運，全程文物狀況良好。", "點交程序如下：",
        "1.核對文物登錄號、名稱及尺寸；", "2.檢視並記錄既有之劃痕；", "3.雙方人員簽名確認；",
        "4.文物放入內箱後會同封箱。", "全部文物於下午五時完成裝箱。"]
    # A run-in list after the colon goes on the sentence: (1)…、(2)… on a line.
    run_in = text.replace("1.核對文物登錄號、名稱及尺寸；\n2.檢視並記錄既有之劃痕；\n",
                          "(1) 核對文物登錄號、(2) 檢視並記錄既有之劃痕；\n")
    assert "點交程序如下：(1) 核對文物登錄號、(2) 檢視並記錄既有之劃痕；" in [
        p.text for p in parse_report(run_in, "k").passages]
    # A number that goes on a soft-wrapped sentence is no item's label.
    text = text.replace("點交程序如下：\n1.", "點交程序共計\n1.")
    assert "點交程序共計 1.核對文物登錄號、名稱及尺寸；" in [
        p.text for p in parse_report(text, "k").passages]


def test_a_days_date_line_alone_heads_its_day_written_once():
    text = ("出國報告\n\n參訪報告\n\n壹、參訪紀要\n\n10月7日（星期二）\n\n博覽會於上午開幕。\n\n"
            "10月8日（星期三）\n\n上午參觀展區。\n\n貳、心得\n\n心得如下。\n")
    report = parse_report(text, "k")
    assert outline(report) == [(1, "壹、參訪紀要"), (2, "10月7日(星期二)"),
                               (2, "10月8日(星期三)"), (1, "貳、心得")]
    assert [(u.kind, u.key) for u in report.meetings] == [("day", "10月7日"), ("day", "10月8日")]
