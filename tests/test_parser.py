import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rsearch.corpus import Heading, parse_report
from rsearch.corpus.headings import match_heading
from rsearch.corpus.model import Passage, Report, Topic
from rsearch.corpus.page_numbers import is_page_number
from rsearch.corpus.paragraphs import join_fragments
from rsearch.corpus.topics import assign_topics


def squash(text):
    return re.sub(r"\s+", "", text)


def test_front_matter_fields(sample_report):
    r = sample_report
    assert r.title == "出席 2016 年 APEC 第 2 次關務程序次級委員會及相關會議報告"
    assert r.agency == "財政部關務署"
    assert r.authors == ["財政部關務署 副組長 陳翠琴", "財政部關務署 簡任稽核 張淑絹"]
    assert r.period == "105 年 8 月 13 日至 8 月 24 日"
    assert r.place == "秘魯利馬"
    assert r.report_date == "105 年 10 月 20 日"
    assert (r.trip_type, r.trip_type_written) == ("開會", "出席國際會議")
    assert (r.period_start, r.period_end, r.report_date_iso) == ("2016-08-13", "2016-08-24",
                                                                  "2016-10-20")


def test_keywords_wrap_onto_second_line(sample_report):
    assert len(sample_report.keywords) == 24
    assert sample_report.keywords[:3] == ["APEC", "SCCP", "ACBD"]
    assert sample_report.keywords[-1] == "經濟合作暨發展組織"


def test_abstract_is_its_own_passage(sample_report):
    first = sample_report.passages[1]
    assert first.section == (Heading(0, "", "摘要"),)
    assert first.text.startswith("本次會議期間計出席 APEC 海關與企業對話")
    assert first.text.endswith("應密切關注後續發展。")


def test_section_paths(sample_report):
    oecd = next(p for p in sample_report.passages if p.text.startswith("經濟合作暨發展組織"))
    assert [h.text for h in oecd.section] == [
        "肆、關務程序次級委員會(Sub-Committee on Customs Procedures, SCCP)會議",
        "三、會議紀要", "(七)單一窗口議題"]
    assert oecd.section_label == "肆、三、(七) 單一窗口議題"
    assert oecd.paragraph == 1


def test_page_break_halves_are_rejoined(sample_report):
    texts = [p.text for p in sample_report.passages]
    assert sum("檢視清單" in squash(t) for t in texts) == 1
    assert sum("圓滿完成任務" in squash(t) for t in texts) == 1
    assert any("雖 ACS 2017 年 1 月方正式啟用" in t for t in texts)
    assert any("（Hybrid Cloud Data Services)" in t for t in texts)
    # the annex citation on its own line stays with its paragraph
    assert any(t.endswith("通力合作。(附件 17)") for t in texts)


def test_short_separate_lines_stay_separate(sample_report):
    texts = [p.text for p in sample_report.passages]
    assert "關務署調查稽核組 副組長 陳翠琴" in texts
    assert "關務署關務查緝組 簡任稽核 張淑絹" in texts


def test_no_table_of_contents_or_page_header_passages(sample_report):
    for p in sample_report.passages:
        assert "\t" not in p.text
        assert not squash(p.text).startswith("出席2016年APEC第2次關務程序次級委員會")
        assert squash(p.text) != "目錄"
    # 86 body paragraphs, the abstract, the cover and form, the keywords, and
    # the 21 lines of the annex list.
    assert len(sample_report.passages) == 86 + 1 + 1 + 1 + 21


def test_annex_titles(sample_report):
    annexes = sample_report.annexes
    assert [a.number for a in annexes] == list(range(1, 22))
    assert annexes[3].title == ("Initiative on Single Window Systems International "
                                "Interoperability (SWS II) (秘魯)")
    assert annexes[13].title == ("APEC Expert Group on C2C Advance (pre-arrival) Electronic "
                                 "Data Exchange (俄羅斯和智利)")
    assert annexes[17].title.endswith("by MSMEs (聯合國)")


def test_passages_cite_annexes(sample_report):
    peru = next(p for p in sample_report.passages if p.text.startswith("秘魯簡報「提升單一窗口"))
    assert peru.annexes == [4]


def test_meetings_from_headings(sample_report):
    meetings = {m.key: m for m in sample_report.meetings}
    # A meeting named inside another (its title ends in 會議) is a unit too.
    assert list(meetings) == ["SCCP", "ACBD", "STAR-CTWG", "APEC 反恐工作及貿易安全會議", "CTI",
                              "分組討論"]
    assert meetings["分組討論"].kind == "session"
    assert "關務程序次級委員會" in meetings["SCCP"].names
    assert "APEC Customs Business Dialogue" in meetings["ACBD"].names
    assert "STAR" in meetings["STAR-CTWG"].names
    assert "貿易暨投資委員會" in meetings["CTI"].names
    per_meeting = {}
    for p in sample_report.passages:
        per_meeting[p.meeting] = per_meeting.get(p.meeting, 0) + 1
    assert per_meeting == {None: 16 + 23, "SCCP": 43, "ACBD": 8, "STAR-CTWG": 10,
                           "CTI": 10}


def test_topics_from_keywords_and_headings(sample_report):
    topics = {t.key: t for t in sample_report.topics}
    assert topics["Single Window"].names[:2] == ["Single Window", "單一窗口"]
    assert "SW" in topics["Single Window"].names
    assert "共同行動計畫" in topics
    assert "CAP" in topics["共同行動計畫"].names
    ipr = next(p for p in sample_report.passages if "打擊仿冒汽車零件" in p.text)
    assert "IPR" in ipr.topics  # from its heading (十) IPR 議題, not its text


@pytest.mark.parametrize("text, found", [
    ("推動 single window 計畫。", True),
    ("推動SINGLE WINDOW計畫。", True),
    ("推動 ſingle window 計畫。", True),  # the long s is an s to re.IGNORECASE
    ("推動 SİNGLE WINDOW 計畫。", True),  # so is the dotted capital I an i
    ("推動單一窗口計畫。", True),
    ("推動 AEO 計畫。", False),
    ("推動 singlewindows 計畫。", False),
])
def test_a_passage_has_a_topic_its_text_names_in_any_case(text, found):
    report = Report(key="r", topics=[Topic("Single Window", ["Single Window", "單一窗口"]),
                                     Topic("ＧＨＳ", ["ＧＨＳ"])])
    report.passages = [Passage("r", 1, text, (), 1), Passage("r", 2, "採用ｇｈｓ標示。", (), 2)]
    assign_topics(report)
    assert report.passages[0].topics == (["Single Window"] if found else [])
    assert report.passages[1].topics == ["ＧＨＳ"]  # full-width: no quick check, the pattern's


@pytest.mark.parametrize("text, generic", [
    ("南韓簡報其海關(KCS)的風險管理技術。", True),
    ("各國政府(Governments)均表支持。", True),
    ("本案提交委員會(Committee)審議。", True),
    ("出席會議(Meeting)之代表。", True),
    ("秘魯海關(SUNAT)主辦。", False),
    ("推動優質企業(AEO)制度。", False),
    ("建置單一窗口(Single Window)。", False),
])
def test_a_category_noun_is_not_an_acronyms_name(text, generic):
    from rsearch.corpus.glossary import definitions

    pairs = definitions(text)
    assert (pairs == []) == generic, pairs


def test_glossary_learns_definitions(sample_report):
    groups = [set(g) for g in sample_report.glossary]

    def linked(a, b):
        return any(a in g and b in g for g in groups)

    assert linked("AEO", "優質企業")
    assert linked("PNR", "旅客電腦訂位紀錄")
    assert linked("PNR", "Passenger Name Record")
    assert linked("TFI", "Travel Facilitation Initiative")
    assert linked("e-commerce", "電子商務") or linked("E-Commerce", "電子商務")
    assert linked("麥卡托計畫", "Mercator Program")
    assert not linked("AEO", "PNR")


def test_line_ends_do_not_matter(sample_text):
    lf = parse_report(sample_text, "r")
    for variant in (sample_text.replace("\n", "\r\n"), sample_text.replace("\n", "\r")):
        other = parse_report(variant, "r")
        assert [p.text for p in other.passages] == [p.text for p in lf.passages]


def test_headings_name_something():
    assert match_heading("一、會議紀要") == ("zh", "一、", "會議紀要")
    assert match_heading("(三) AEO 議題") == ("zh-paren", "(三)", "AEO 議題")
    assert match_heading("一、。") is None  # the tail of a paragraph cut by a page break
    assert match_heading("壹、") is None


def test_join_fragments_spacing():
    assert join_fragments("檢視清", "單、(3)") == "檢視清單、(3)"
    assert join_fragments("雖 ACS 2017 年", "1 月方正式") == "雖 ACS 2017 年 1 月方正式"
    assert join_fragments("(Hybrid Cloud Data", "Services)") == "(Hybrid Cloud Data Services)"
    assert join_fragments("通力合作。", "(附件 17)") == "通力合作。(附件 17)"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parser_never_crashes(text):
    report = parse_report(text, "k")
    for p in report.passages:
        assert p.text


HAN_TEXT = st.text(alphabet="的海關單一窗口優質企業貿易便捷安全APEC AEO 2016，、", min_size=1,
                   max_size=80)


@st.composite
def synthetic_body(draw):
    """A report body: headings and paragraphs, some cut by a page break."""
    lines, paragraphs = ["壹、會議紀要", ""], []
    for i in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            lines += [f"({'一二三四五六七八九'[i]}) 議題", ""]
        text = f"第{i}段" + draw(HAN_TEXT).strip() + "。"
        paragraphs.append(text)
        cut = draw(st.integers(0, len(text) - 1))
        # A tail that reads as a heading (`一、…`) is one: the layout cannot tell.
        if draw(st.booleans()) and cut > 0 and match_heading(text[cut:]) is None:
            lines += [text[:cut], "", text[cut:], ""]
        else:
            lines += [text, ""]
    return "\n".join(lines), paragraphs


@settings(max_examples=150, deadline=None)
@given(synthetic_body())
# Lines alike but for their numbers were taken for a running header and dropped.
@example(("壹、會議紀要\n\n第0段00A0\n\n。\n\n第1段00A0\n\n。\n\n第2段00A0\n\n。\n",
          ["第0段00A0。", "第1段00A0。", "第2段00A0。"]))
def test_every_body_character_lands_in_exactly_one_passage(body):
    text, paragraphs = body
    report = parse_report(text, "k")
    assert squash("".join(p.text for p in report.passages)) == squash("".join(paragraphs))


def test_text_without_pages_loses_only_lines_repeated_word_for_word():
    captions = "".join(f"圖{n} 會議現場照片\n\n" for n in range(1, 4))
    header = "出國報告　港口保全研習\n\n"
    sentence = "本署持續推動，以利通關。\n\n"  # repeated, but punctuated: text
    text = ("壹、研習紀要\n\n" + header + "日本說明港口保全評估。\n\n" + header + sentence
            + captions + header + sentence + "建議參考辦理。\n\n" + sentence)
    texts = [squash(p.text) for p in parse_report(text, "k").passages]
    assert [t for t in texts if t.startswith("圖")] == [f"圖{n}會議現場照片" for n in (1, 2, 3)]
    # The header stays once (the first time, it may be the title) and goes after.
    assert sum("港口保全研習" in t for t in texts) == 1
    assert sum("本署持續推動" in t for t in texts) == 3


def test_a_report_without_headings_keeps_its_form_and_body():
    text = ("出國報告名稱：赴日本研習港口保全\n出國計畫主辦機關：交通部航港局\n"
            "報告日期：113 年 2 月 1 日\n內容摘要：本次研習港口保全制度。\n\n"
            "日本國土交通省說明港口保全評估之程序。\n\n建議我國參考辦理。\n")
    report = parse_report(text, "k")
    assert (report.title, report.agency, report.report_date_iso) == (
        "赴日本研習港口保全", "交通部航港局", "2024-02-01")
    assert [p.text for p in report.passages[1:]] == [
        "本次研習港口保全制度。", "日本國土交通省說明港口保全評估之程序。", "建議我國參考辦理。"]


def test_roc_and_ad_dates():
    from rsearch.corpus.dates import parse_date, parse_period

    assert parse_date("民國 105 年 10 月 20 日") == "2016-10-20"
    assert parse_date("１１３年５月６日") == "2024-05-06"
    assert parse_date("中華民國 108 年 12 月") == "2019-12"
    assert parse_date("2023/6/19") == "2023-06-19"
    assert parse_date("出席國際會議") == ""
    assert parse_period("112 年 6 月 19 日至 6 月 25 日") == ("2023-06-19", "2023-06-25")
    assert parse_period("2019 年 11 月 6 日至 8 日") == ("2019-11-06", "2019-11-08")


def test_a_report_about_one_meeting_is_that_meeting_throughout():
    text = ("出國報告名稱：出席世界關務組織（WCO）第 85 屆政策委員會會議報告\n"
            "出國計畫主辦機關：財政部關務署\n\n壹、目的\n\n本署派員出席政策委員會。\n\n"
            "貳、會議過程\n\n一、議題討論\n\n各國討論電子商務標準框架之執行。\n")
    report = parse_report(text, "k")
    [meeting] = report.meetings
    assert meeting.key == "WCO" and "世界關務組織第 85 屆政策委員會會議" in meeting.names
    assert {p.meeting for p in report.passages} == {"WCO"}
    # A report whose headings name its units keeps those.
    headed = parse_report("出國報告名稱：出席 2016 年 APEC 會議報告\n\n"
                          "壹、海關與企業對話會議(ACBD)\n\n本段說明。\n", "s")
    assert [m.key for m in headed.meetings] == ["ACBD"]


def test_a_table_of_contents_without_its_title_is_not_text():
    text = ("壹、目的 ........ 1\n貳、過程 ........ 2\n\n壹、目的\n\n本次研習目的為了解制度。\n\n"
            "貳、過程\n\n研習共三天。\n")
    report = parse_report(text, "k")
    assert [(p.section_label, p.text) for p in report.passages] == [
        ("壹、目的", "本次研習目的為了解制度。"), ("貳、過程", "研習共三天。")]


def test_when_and_where_headings_are_not_units():
    text = ("壹、會議概況\n\n一、會議時間：112 年 5 月 1 日至 3 日\n\n"
            "二、會議地點：瑞士日內瓦 WTO 總部\n\n三、第 85 屆政策委員會會議\n\n"
            "各國討論電子商務。\n")
    assert [(m.key, m.kind) for m in parse_report(text, "k").meetings] == [
        ("第 85 屆政策委員會會議", "meeting")]


def test_a_contents_entry_with_a_plain_space_before_its_page():
    # PDFium keeps one plain space where the report had an ideographic one.
    text = ("目錄\n第一章 前言 1\n第二章 心得與建議 9\n\n第一章　前言\n\n本文說明緣起。\n\n"
            "第二章　心得與建議\n\n建議持續辦理。\n")
    report = parse_report(text, "k")
    assert [p.text for p in report.passages] == ["本文說明緣起。", "建議持續辦理。"]


@pytest.mark.parametrize("line", ["- 7 -", "  12", "第 5 頁，共 18 頁", "共18頁，第5頁", "3 / 18",
                                  "Page 3 of 18", "p. 4", "iv", "－１２－", "　第５頁"])
def test_page_numbers_are_told(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["第一章 總則", "共同推動單一窗口", "一、會議目的", "2016 年",
                                  "APEC 2016", "海關 12", ""])
def test_text_is_not_a_page_number(line):
    assert not is_page_number(line)


NAME_PIECES = ["推動", "建置", "尤其是", "是", "其", "之一", "之", "及", "與", "個", "海關",
               "單一窗口", "優質企業", "各國", "政府", "該", "委員會", "資料", "年", "月", "為"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=8))
def test_a_category_noun_after_a_determiner_names_nothing(pieces):
    from rsearch.corpus.glossary import DETERMINERS, GENERIC_NOUNS, names_one_thing

    run = "".join(pieces)
    assert names_one_thing(run) == (not any(
        run.endswith(noun) and run[:-len(noun)] in DETERMINERS for noun in GENERIC_NOUNS))
