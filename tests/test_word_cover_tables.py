"""A cover written in a word processor has no blank line where its title
ends: the title stops at the form's fields and never runs into a table that
follows (an itinerary), its caption or its rows, whether fields stand
between them or not."""

import pytest
from rsearch.corpus.formats import extract
from rsearch.corpus.parser import parse_report

from .word_packages import docx_package, odt_package, w_p

HEADING = "行政院主計總處出國報告書"
TITLE = ["出席第65屆國際統計學會", "世界統計大會（WSC 2025）報告"]
FIELDS = ["出國人員：陳怡安　綜合統計處專門委員", "出國地點：荷蘭海牙",
          "出國期間：2025/10/03-2025/10/11", "報告日期：2025/12/22"]
ROWS = [["日期", "地點", "行程內容"], ["10/3-10/4", "臺北→海牙", "啟程，經阿姆斯特丹轉乘火車"],
        ["10/5", "海牙", "大會報到"]]
AFTER = ["摘要", "本次出席大會，發表論文並參訪統計機關。", "壹、目的", "瞭解各國官方統計之發展。"]


def docx(paragraphs: list[str], caption: str, rows: list[list[str]]) -> bytes:
    def tc(text: str) -> str:
        return f"<w:tc>{w_p(text)}</w:tc>"
    table = "<w:tbl>" + "".join(f"<w:tr>{''.join(tc(c) for c in row)}</w:tr>"
                                for row in rows) + "</w:tbl>"
    return docx_package("".join(map(w_p, paragraphs)) + w_p(caption) + table
                        + "".join(map(w_p, AFTER)))


def odt(paragraphs: list[str], caption: str, rows: list[list[str]]) -> bytes:
    def p(text: str) -> str:
        return f"<text:p>{text}</text:p>"

    def cell(text: str) -> str:
        return f"<table:table-cell>{p(text)}</table:table-cell>"
    table = "<table:table>" + "".join(
        f"<table:table-row>{''.join(cell(c) for c in row)}</table:table-row>"
        for row in rows) + "</table:table>"
    return odt_package("".join(map(p, paragraphs)) + p(caption) + table
                       + "".join(map(p, AFTER)))


@pytest.mark.parametrize("make,suffix", [(docx, ".docx"), (odt, ".odt")])
@pytest.mark.parametrize("fields", [True, False])
@pytest.mark.parametrize("caption", ["行程表", "表1　參訪行程", "議程", "表：參訪行程",
                                     "表　出國人員名單", "圖：會場配置", "參訪行程如下表："])
def test_a_title_never_runs_into_a_table_after_it_or_its_caption(make, suffix, fields, caption):
    data = make([HEADING, *TITLE, *(FIELDS if fields else [])], caption, ROWS)
    report = parse_report(extract(data, f"r{suffix}", suffix), "r")
    assert report.title == "".join(TITLE)


@pytest.mark.parametrize("make,suffix", [(docx, ".docx"), (odt, ".odt")])
def test_a_title_in_rows_of_a_form_table_is_still_read(make, suffix):
    """The line before a table of the form's fields is no caption: a title
    whose last line stands right above the form's table keeps it."""
    data = make([HEADING, TITLE[0]], TITLE[1], [["出國人員", "陳怡安"], ["出國地點", "荷蘭海牙"]])
    report = parse_report(extract(data, f"r{suffix}", suffix), "r")
    assert report.title == "".join(TITLE)
    assert report.place == "荷蘭海牙"
