"""Reports in layouts no earlier fixture has (tests/fixtures/unseen18): a
veterans agency's visit (Big5 with CRLF, hard wraps at 30 columns, `▍壹、`
chapters set off by a bar, `〈第一日〉` days over `①` sites, travellers
bulleted with `‧`, the abstract after the annexes), a petroleum company at an
ISO committee (UTF-16, a key/value cover table dated first, `CONTENTS`,
一、/(一)/1、/(1)/①, subcommittees under 會議紀要 with a plenary whose items
report on them and name the next meeting) and a hospital's ECMO course
(`【一、前言】` parts over `〈一〉`, `〈模組1〉` and `〈結業考試〉` headings over `ⅰ.`,
a visit named in a framed, numbered part)."""

from rsearch.corpus import parse_report
from rsearch.corpus.headings import is_annex_part, match_heading, unbracketed
from rsearch.corpus.model import Heading
from rsearch.corpus.people import unlisted

from .fixture_sets import outline, squash


def units(report):
    return [(u.kind, u.key) for u in report.meetings]


def test_a_bar_before_a_numbered_label_keeps_the_numbers_family():
    assert match_heading("▍壹、考察緣起及目的") == ("upper", "▍壹、", "考察緣起及目的")
    assert match_heading("▌ 一、緣起") == ("zh", "▌一、", "緣起")
    assert match_heading("■ 二、考察行程") == ("zh", "■二、", "考察行程")
    # a sign and a title, or an annex, read as before
    assert match_heading("▍摘要") == ("mark▍", "▍", "摘要")
    assert match_heading("■ 附錄　考察照片") == ("appendix", "■ 附錄", "考察照片")
    # a sign before a label that names a day or session: the title names it
    assert match_heading("◎ 第一天：原產地規則") == ("mark◎", "◎", "第一天：原產地規則")


BARRED = ("國軍退除役官兵輔導委員會出國報告（出國類別：考察）\n\n赴韓國考察報告\n\n"
          "服務機關：國軍退除役官兵輔導委員會\n出國人員：\n"
          "　‧張國華　國軍退除役官兵輔導委員會就養養護處處長\n"
          "　‧李婉婷　國軍退除役官兵輔導委員會就養養護處專門委員\n"
          "報告日期：民國114年12月12日\n\n"
          "▍壹、考察緣起\n\n　　本會派員考察。\n\n"
          "▍貳、考察紀要\n\n〈第一日〉10月20日（星期一）　首爾\n\n"
          "①首爾地方報勳廳\n\n　　該廳簡報。\n\n②國立首爾顯忠院\n\n　　院方說明。\n\n"
          "〈第二日〉10月21日（星期二）　水原\n\n①水原報勳療養院\n\n　　院方說明。\n\n"
          "▍參、心得\n\n一、照顧路徑\n\n　　心得一。\n\n"
          "附件一　考察行程表\n\n首爾　首爾地方報勳廳、國立首爾顯忠院\n\n"
          "摘要\n\n　　本會考察韓國退伍軍人照顧。\n")


def test_days_in_angle_brackets_over_circled_sites_under_barred_chapters():
    report = parse_report(BARRED, "k")
    assert outline(report) == [(level, squash(text)) for level, text in [
        (1, "▍壹、考察緣起"), (1, "▍貳、考察紀要"),
        (2, "〈第一日〉10月20日（星期一）首爾"), (3, "①首爾地方報勳廳"), (3, "②國立首爾顯忠院"),
        (2, "〈第二日〉10月21日（星期二）水原"), (3, "①水原報勳療養院"),
        (1, "▍參、心得"), (2, "一、照顧路徑"), (1, "附件一考察行程表"), (1, "摘要")]]
    assert [(kind, squash(key)) for kind, key in units(report)] == [
        ("day", "第一日10月20日首爾"), ("site", "首爾地方報勳廳"), ("site", "國立首爾顯忠院"),
        ("day", "第二日10月21日水原"), ("site", "水原報勳療養院")]
    assert "第一日" in report.meetings[0].names


def test_bulleted_travellers_lose_their_bullet():
    assert unlisted("‧張國華　處長") == "張國華　處長"
    assert unlisted("・陳志明 科長") == "陳志明 科長"
    assert unlisted("1. 處長　陳志明") == "處長　陳志明"
    report = parse_report(BARRED, "k")
    assert report.authors == ["張國華 國軍退除役官兵輔導委員會就養養護處處長",
                              "李婉婷 國軍退除役官兵輔導委員會就養養護處專門委員"]


def test_an_abstract_after_the_annexes_where_the_front_has_none():
    """The abstract placed last, after 附件一: a part of its own, its text no
    row of the annex; where the front holds an abstract, a 摘要 in an annex
    is the annex's (a paper's own abstract)."""
    report = parse_report(BARRED, "k")
    last = report.passages[-1]
    assert [h.text for h in last.section] == ["摘要"]
    assert squash(last.text) == "本會考察韓國退伍軍人照顧。"
    fronted = BARRED.replace("報告日期：民國114年12月12日\n\n",
                             "報告日期：民國114年12月12日\n\n摘要：本會派員赴韓國考察。\n\n")
    report = parse_report(fronted, "k")
    assert "摘要" not in [e.heading.text for e in report.outline]
    assert report.passages[-1].section[0].text == "附件一考察行程表"


def test_a_label_in_angle_brackets_heads_its_line():
    assert match_heading("〈第一日〉10月20日（星期一）　首爾") == (
        "angle", "〈第一日〉", "10月20日（星期一）　首爾")
    assert match_heading("〈一〉訓練緣起") == ("angle", "〈一〉", "訓練緣起")
    # a bracketed word alone is a placeholder (〈照片〉, 〔照片〕)
    assert match_heading("〈照片〉") is None
    assert match_heading("〔照片〕") is None
    assert match_heading("〈周邊活動〉東協貿易：分享會") == (
        "angle", "〈周邊活動〉", "東協貿易：分享會")
    assert match_heading("〈附錄一〉與會人員名單") == ("appendix", "附錄一", "與會人員名單")
    # a work's name opens a sentence; brackets that do not pair
    assert match_heading("〈氣候變遷報告〉指出，全球暖化加劇") is None
    assert match_heading("〈第一日〕首爾") is None


def test_a_bracketed_label_reads_as_it_would_unbracketed():
    def read(line):
        style, label, title = match_heading(line)
        style, heading = unbracketed(style, Heading(2, label, title))
        return style, heading.label, heading.title

    assert read("〈第一日〉10月20日（星期一）　首爾") == (
        "day", "第一日", "10月20日（星期一）　首爾")
    assert read("〈模組1〉ECMO生理學及適應症") == ("session", "模組1", "ECMO生理學及適應症")
    assert read("〈參訪單位一〉府中刑務所") == ("stop", "參訪單位一", "府中刑務所")
    assert read("〈結業考試〉筆試及模擬情境測驗") == ("angle", "結業考試", "筆試及模擬情境測驗")
    assert read("〈一〉訓練緣起") == ("angle", "一", "訓練緣起")


COURSE = ("國立臺灣大學醫學院附設醫院　公務出國報告\n\n"
          "報告日期：114年9月30日　　　　出國類別：訓練\n"
          "報告名稱：赴新加坡參加葉克膜專科訓練課程報告\n"
          "服務機關：國立臺灣大學醫學院附設醫院　　出國地點：新加坡\n"
          "出國人員：陳怡君（外科加護病房護理長）　蔡承翰（心臟血管外科主治醫師）\n\n"
          "【一、前言】\n\n〈一〉訓練緣起\n\n　　本院派員受訓。\n\n"
          "【二、課程內容】\n\n〈模組1〉ECMO生理學及適應症\n\n"
          "ⅰ. 氣體交換\n\n　　講師說明。\n\nⅱ. 適應症\n\n　　講師說明。\n\n"
          "〈模組2〉插管與管路管理\n\n　　講師示範。\n\n"
          "〈結業考試〉筆試及模擬情境測驗\n\n　　筆試50題。\n\n"
          "【三、參訪新加坡國立大學醫院】\n\n〈一〉心胸外科加護病房\n\n　　病床24床。\n\n"
          "【四、心得與建議】\n\n〈一〉心得\n\n　　心得。\n\n"
          "【附件】\n\n附件一　課程表\n\n8月18日　模組1\n")


def test_modules_and_an_exam_in_angle_brackets_and_a_visit_in_a_framed_part():
    report = parse_report(COURSE, "k")
    assert outline(report) == [
        (1, "【一、前言】"), (2, "〈一〉訓練緣起"), (1, "【二、課程內容】"),
        (2, "〈模組1〉ECMO生理學及適應症"), (3, "i.氣體交換"), (3, "ii.適應症"),
        (2, "〈模組2〉插管與管路管理"), (2, "〈結業考試〉筆試及模擬情境測驗"),
        (1, "【三、參訪新加坡國立大學醫院】"), (2, "〈一〉心胸外科加護病房"),
        (1, "【四、心得與建議】"), (2, "〈一〉心得"), (1, "【附件】"), (2, "附件一課程表")]
    assert units(report) == [("session", "模組1 ECMO生理學及適應症"),
                             ("session", "模組2 插管與管路管理"),
                             ("session", "筆試及模擬情境測驗"),
                             ("site", "參訪新加坡國立大學醫院")]
    assert "結業考試" in report.meetings[2].names
    assert [a.title for a in report.annexes] == ["課程表"]
    assert report.trip_type == "研習"  # 訓練 is the form's 研習


def test_a_framed_part_over_the_annexes():
    assert is_annex_part(Heading(1, "", "【附件】"))
    assert is_annex_part(Heading(1, "柒、", "附件"))
    assert not is_annex_part(Heading(1, "", "【附件一】"))


MEETING = ("台灣中油股份有限公司出國報告（出國類別：開會）\n\n出席ISO/TC 28年會報告\n\n"
           "服務機關：台灣中油股份有限公司\n出國人員：鄭明德\n報告日期：114年11月28日\n\n"
           "一、會議紀要\n\n(一)SC 2石油計量分組委員會\n\n1、儲槽自動量測\n\n液位計之校正。\n\n"
           "(二)SC 5液化天然氣計量分組委員會\n\n1、LNG計量\n\n船對船輸送。\n\n"
           "(三)全體會議\n\n1、開幕及議程確認\n\n主席主持。\n\n2、分組委員會報告\n\n"
           "各分組主席報告。\n\n3、下屆會議\n\n將於鹿特丹舉行。\n\n"
           "二、心得\n\n心得。\n")


def test_a_plenary_s_items_that_report_on_subcommittees_or_name_the_next_meeting():
    """分組 before a meeting's noun (分組委員會) is part of that noun: inside a
    meeting, 分組委員會報告 reports on the subcommittees and is no session of
    its own; 下屆會議 names a meeting only by its place in a series."""
    report = parse_report(MEETING, "k")
    assert [(kind, squash(key)) for kind, key in units(report)] == [
        ("meeting", "SC2石油計量分組委員會"), ("meeting", "SC5液化天然氣計量分組委員會"),
        ("meeting", "全體會議")]
