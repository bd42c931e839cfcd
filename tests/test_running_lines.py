"""Running headers in text without page breaks (corpus/cleanup.running_lines)."""

from __future__ import annotations

import pytest
from rsearch.corpus.cleanup import clean
from rsearch.corpus.formats.model import Extracted, Line

HEADER = "行政院所屬各機關因公出國人員出國報告書"


def texts(lines: list[str]) -> list[str]:
    pages = [[Line(text) for text in lines]]
    return [line.text for line in clean(Extracted(pages=pages, format="txt")) if line.text]


@pytest.mark.parametrize("number", ["- 1 -", "1", "第 1 頁"])
def test_a_two_page_text_s_header_goes_the_second_time(number):
    # The cover's first line, repeated once at the second page's head.
    body = texts([HEADER, "（出國類別：開會）", "", "關鍵詞", number, HEADER, "港口保全、風險管理",
                  "", "壹、目的", "", "本次出國目的在於瞭解他國制度。"])
    assert body == [HEADER, "（出國類別：開會）", "關鍵詞", "港口保全、風險管理", "壹、目的",
                    "本次出國目的在於瞭解他國制度。"]


def test_a_heading_repeated_beside_a_page_number_stays():
    # A body heading that repeats a contents entry is not the document's first line.
    body = texts([HEADER, "", "第二章研究過程與發現", "", "第一章緒論與研究背景", "", "- 1 -",
                  "第二章研究過程與發現", "", "研究期間蒐集資料。"])
    assert body.count("第二章研究過程與發現") == 2


def test_a_footer_goes_the_first_time_too_when_it_stands_beside_the_page_number():
    # The title page alone, then pages whose foot holds the footer over the
    # page number: the first footer cuts a sentence as much as the others.
    def page(lines, n):
        return [Line(text) for text in [*lines, "", "海關程序次級委員會報告", "", f"- {n} -"]]

    pages = [[Line("出席亞太經濟合作會議海關程序次級委員會報告")],
             page(["依協定規定，優質企業（"], 2), page(["AEO）應享有通關便捷。", "會員國"], 3),
             page(["光纖連網比例已達七成。"], 4)]
    lines = [line.text for line in clean(Extracted(pages=pages, format="txt")) if line.text]
    assert lines == ["出席亞太經濟合作會議海關程序次級委員會報告", "依協定規定，優質企業（",
                     "AEO）應享有通關便捷。", "會員國", "光纖連網比例已達七成。"]
