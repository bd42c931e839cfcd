"""A line naming who spoke, chaired or taught is a line of its own
(corpus.roles), in text of every paragraph convention (the property in
test_paragraph_layouts draws such lines) and in every published format."""

from __future__ import annotations

import re

import pytest
from rsearch.corpus import read_report
from rsearch.corpus.roles import is_role_line

from .report_forms import write_form


@pytest.mark.parametrize("line", [
    "講師：Dr. Karen Whitfield（OMQ處長）",
    "主講人：王大明教授",
    "主持人／與談人：李小華（經濟部國際貿易署副署長）、陳美玲",
    "與談人 : 佐藤健一、張志強",
    "報告人：本署關務組科長王大明",
    "Speaker: Mr. Daniel Ortiz (OMQ)",
    "Moderators: Prof. Lee, Dr. Chen",
    "Chair and Rapporteur: Ms. Priya Raman",
    "Keynote speaker: Dr. Helen Cho",
    "講師：陳美玲教授, Mr. Daniel Ortiz (OMQ)",
    "Panelists: Dr. Anna van der Berg (Ministry of Finance) and Mr. Tan",
])
def test_a_role_and_its_names_is_a_role_line(line):
    assert is_role_line(line)


@pytest.mark.parametrize("line", [
    "主席：請各位代表就本議題發表意見。",  # the minutes' speech
    "講師說明美國聯邦法規第21篇為藥品cGMP之法源。",
    "講師：王大明，其後說明課程安排",
    "與談人：",
    "主持人：李小華、",  # the names go on
    "Speaker: Mr. Ortiz, who then explained the new inspection programme.",
    "The speaker: a former inspector",
    "Speaker: Mr. Ortiz, who then explained the new inspection rules",
    "講師費：新臺幣2萬元",
])
def test_speech_a_sentence_or_another_label_is_not(line):
    assert not is_role_line(line)


SOURCE = """赴美國研習藥品優良製造規範查核訓練課程出國報告

壹、課程內容

一、第一天（4月8日）：課程總覽

講師：Dr. Karen Whitfield（OMQ處長）

講師說明美國聯邦法規第21篇第210及211部為藥品優良製造規範之法源，查核結果分為三級，判定為官方採取行動之境外工廠，其產品可能遭列入進口警示，並須提出矯正預防措施。

二、第二天（4月9日）：品質風險管理

主持人／與談人：李小華（經濟部國際貿易署副署長）、陳美玲

課程以品質風險管理為主軸，介紹失效模式與效應分析及危害分析重要管制點等工具，講師強調風險評估之主觀性須以跨部門團隊降低，並以實例說明業者常將風險分數設定過低以規避驗證。

Speaker: Mr. Daniel Ortiz (OMQ)

下午分組以失效模式與效應分析評估一條錠劑包裝線，我國學員負責撰寫嚴重度評分依據，並於課後向全體學員報告評估結果與改善建議，講師逐項回饋。

貳、心得與建議

一、本次課程以實例說明查核技巧，對我國查核人員熟悉國際查核實務甚有助益，建議持續派員參訓並將教材納入內部訓練。

二、美方查核報告格式與我國略有不同，建議參考其分級方式，調整國內查核結果之判定基準，以利雙方資訊交換。

三、資料完整性已為各國查核重點，建議於下年度查核計畫中增列電子紀錄稽核軌跡之抽查項目，並辦理業者說明會。

四、課程期間與各國學員建立聯繫管道，建議定期交流查核經驗，並邀請講師來臺分享最新法規與指引之修正重點。
"""
ROLE_LINES = ["講師：Dr. Karen Whitfield（OMQ處長）",
              "主持人／與談人：李小華（經濟部國際貿易署副署長）、陳美玲",
              "Speaker: Mr. Daniel Ortiz (OMQ)"]


def squash(text):
    return re.sub(r"\s+", "", text)


# (The "pdf" form, a CID font not embedded, is left out: on a report this short
# PDFium drops whole lines of it without the text looking lost, before any
# paragraph logic; the kinds fixtures are long enough to be read right.)
@pytest.mark.parametrize("form", ["txt", "wrapped", "big5-crlf", "pdf-embedded", "docx", "odt"])
def test_a_role_line_is_a_passage_of_its_own_in_every_form(form, tmp_path):
    source = tmp_path / "source" / "2025-course.txt"
    source.parent.mkdir()
    source.write_text(SOURCE, encoding="utf-8")
    report = read_report(write_form(source, form, tmp_path / form))
    body = [squash(p.text) for p in report.passages
            if p.section and p.section[0].title == "課程內容"]
    lines = SOURCE.splitlines()
    paragraphs = [line for line in lines[4:lines.index("貳、心得與建議")]
                  if line and line not in ROLE_LINES and not re.match(r"^[一二]、", line)]
    assert body == [squash(t) for t in [ROLE_LINES[0], paragraphs[0], ROLE_LINES[1],
                                         paragraphs[1], ROLE_LINES[2], paragraphs[2]]]


def test_a_role_line_ranks_as_a_listing():
    """Who spoke names the speaker's unit (資料完整性小組) without discussing
    it: weighed as a list of annex titles is, under the talk it heads."""
    from rsearch.corpus import parse_report

    report = parse_report("研習報告\n\n壹、課程內容\n\n"
                          "講師：Ms. Priya Raman（CDER資料完整性小組）\n\n"
                          "資料完整性以ALCOA+原則為核心，講師並說明常見缺失態樣。\n", "k")
    top = report.outline[0].heading
    body = [(p.text, p.weight) for p in report.passages if p.section[:1] == (top,)]
    assert body == [("講師：Ms. Priya Raman（CDER資料完整性小組）", 0.5),
                    ("資料完整性以ALCOA+原則為核心，講師並說明常見缺失態樣。", 1.0)]
