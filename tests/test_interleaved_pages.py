"""A text that carries its own typed page furniture (page numbers, a running
header, a footer of a title and a bare number), printed or wrapped again: the
printer's page count and header interleave with the text's own. Both counts
go, each counting up on its own; a header too wide for the hard wrap goes
with its tail; a paragraph the typed furniture cut reads whole."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rsearch.corpus import read_report
from rsearch.corpus.page_numbers import page_numbers

from .drawn import examples, file_layouts

LAYOUTS = file_layouts(examples(12))


def squash(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_two_interleaved_counts_of_one_form_are_both_page_numbers():
    """`- n -` every 30 lines and a second `- n -` count (NFKC folds `－2－`
    into it) every 45: each counts up on its own, so both are page numbers."""
    texts = ["本文之一行，說明會議討論之內容。"] * 200
    printed = {29 + 30 * k: f"- {k + 1} -" for k in range(6)}
    own = {40 + 45 * k: f"－{k + 1}－" for k in range(4)}
    for i, text in {**printed, **own}.items():
        texts[i] = text
    assert page_numbers(texts) == set(printed) | set(own)


def test_a_second_count_too_close_to_be_pages_is_no_page_number():
    """Numbers of the form counting up a line or two apart (a list's steps
    between pages) are no second count of pages."""
    texts = ["本文之一行，說明會議討論之內容。"] * 200
    printed = {29 + 30 * k: f"- {k + 1} -" for k in range(6)}
    steps = {100 + 2 * k: f"- {k + 11} -" for k in range(3)}
    for i, text in {**printed, **steps}.items():
        texts[i] = text
    assert page_numbers(texts) == set(printed)


HEADER = "內政部警政署出國報告－赴新加坡參加國際刑警組織數位鑑識暨虛擬資產追查研習"


def typed_source(tmp_path):
    """A report typed with its own page furniture (`－n－` and a running
    header wider than a page's line) before each day's heading."""
    paragraph = ("上午進行分組實作，各組取得一起模擬之投資詐欺案件資料，包括被害人手機映像檔、"
                 "交易所調閱資料及區塊鏈交易紀錄，須於三小時內完成資金流向圖並提出凍結請求"
                 "之對象與理由，由講師逐組講評並說明實務上之注意事項。")
    lines = ["內政部警政署出國報告", "", "赴新加坡研習報告", "", "壹、研習過程", ""]
    for day in range(1, 6):
        lines += [f"第{day}日\u300011月{day + 2}日\u3000課程紀要", ""]
        for k in range(4):
            lines += [f"{paragraph}（第{day}日第{k + 1}段）", ""]
        lines += [f"－{day}－", "", HEADER, ""]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


@pytest.mark.parametrize("form", ["wrapped"])
def test_typed_furniture_wrapped_again_goes_and_each_day_heading_stays(form, tmp_path):
    """Wrapped again with the printer's header and `- n -`: the text's own
    `－n－` and its header, tail and all, go; each day is a meeting of its own."""
    from .report_forms import write_form

    source = typed_source(tmp_path)
    wanted = read_report(source)
    got = read_report(write_form(source, form, tmp_path / form))
    def days(report):  # each day's text (passages may pack its paragraphs apart)
        out: dict[str, str] = {}
        for p in report.passages:
            out[p.meeting] = out.get(p.meeting, "") + squash(p.text)
        return out

    assert days(got) == days(wanted)
    assert [day[:3] for day in days(got) if day] == [f"第{day}日" for day in range(1, 6)]
    assert not any(squash(p.text) in ("研習", squash(HEADER)) for p in got.passages)


@pytest.mark.parametrize("form", ["pdf", "pdf-embedded"])
def test_a_typed_footer_of_a_title_and_a_bare_number_cuts_no_paragraph(form, tmp_path):
    """A footer typed into the text (the office's name, spaces, a bare page
    number) in the middle of paragraphs, printed to PDF: it goes, and the
    halves of each sentence it cut join again."""
    from .report_forms import wrap, write_form

    footer = "台灣電力公司出國報告" + "\u3000" * 14 + "{}"
    paragraphs = [f"\u3000\u3000第{k}段說明燃燒器檢查間隔約為一萬二千等效運轉時數，熱組件"
                  "檢查約為二萬四千等效運轉時數，大修約為四萬八千等效運轉時數，電廠備有整組"
                  "燃燒器及第一級靜葉之輪換備品。" for k in range(42)]
    # a first line a Latin name left short (`…熱障塗層（` / `Thermal Barrier …`)
    paragraphs[27] = ("\u3000\u3000修護中心展示靜葉及動葉之修護流程：拆除舊有熱障塗層（Thermal "
                      "Barrier Coating, TBC）、以螢光滲透檢測裂紋、以雷射熔覆補焊葉片尖端。")
    lines = ["台灣電力公司出國報告", "", "赴日本考察報告", "", "壹、考察紀要"]
    for k, paragraph in enumerate(paragraphs):
        wrapped = wrap(paragraph)
        if k == 27:  # typed wrapped before the name, as a text export breaks it
            cut = paragraph.index("Thermal")
            wrapped = [paragraph[:cut], *wrap(paragraph[cut:])]
        if k % 14 == 13:  # a page's worth of paragraphs apart
            wrapped[1:1] = [footer.format(k // 14 + 1)]
        lines += wrapped
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = [squash(p.text) for p in read_report(write_form(source, form, tmp_path / form)).passages]
    assert got[-len(paragraphs):] == [squash(p) for p in paragraphs]


HAN = "的國際會議資料報告合作政策發展經濟貿易海關檢疫標準安全研究計畫委員代表討論推動制度管理"


@st.composite
def typed_reports(draw):
    """A report of days, each a page's worth or more, typed with its own page
    furniture before each day but the first: a page number of a form NFKC
    folds into the printer's `- n -` (`－n－`, `-n-`, `- n -`) and a running
    header, as wide as a page's line or wider, or a short one."""
    form = draw(st.sampled_from(["－{}－", "-{}-", "- {} -"]))
    header = "某某部出國報告－" + "".join(draw(st.lists(st.sampled_from(HAN), min_size=4,
                                                        max_size=34)))
    lines = ["某某部出國報告", "", "赴國外研習報告", "", "壹、研習過程", ""]
    # (four days or more: the typed header printed three times or more; a
    # text of two typed pages is another case)
    for day in range(1, draw(st.integers(4, 6)) + 1):
        if day > 1:
            lines += [form.format(day - 1), "", header, ""]
        lines += [f"第{day}日\u3000課程紀要", ""]
        for _ in range(draw(st.integers(4, 6))):  # a page's worth: 12 lines or more a day
            clauses = draw(st.lists(st.text(HAN, min_size=10, max_size=30), min_size=3,
                                    max_size=6))
            lines += ["，".join(clauses) + "。", ""]
    return lines


@LAYOUTS
@given(lines=typed_reports())
def test_typed_furniture_wrapped_again_reads_as_the_text(lines, tmp_path_factory):
    """Property: a text with its own typed page numbers and running header,
    wrapped again with the printer's, reads day by day as the text does."""
    from .report_forms import write_form

    folder = tmp_path_factory.mktemp("typed")
    source = folder / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def days(report):
        out: dict[str, str] = {}
        for p in report.passages:
            out[p.meeting] = out.get(p.meeting, "") + squash(p.text)
        return out

    got = days(read_report(write_form(source, "wrapped", folder / "wrapped")))
    assert got == days(read_report(source))
    assert [day[:3] for day in got if day] == [line[:3] for line in lines if line[:1] == "第"]


def test_a_wide_typed_header_the_pdf_reader_set_in_the_margin_goes_with_its_tail(tmp_path):
    """Printed to PDF as lines: the reader places the text's own header (as
    wide as a page's line, its tail wrapped) in the margin; its tail goes
    too, and the day heading under it heads its day."""
    from .report_forms import write_form

    source = tmp_path / "report.txt"
    paragraph = ("上午講授雲端服務證據之調取，講師說明各大雲端業者之執法機關請求入口、資料保存"
                 "請求之時效，以及透過司法互助調取內容資料之程序，並以實例說明")
    lines = ["內政部警政署出國報告", "", "赴新加坡研習報告", "", "壹、研習過程", ""]
    for day in range(1, 6):
        if day > 1:  # the typed page's own break, as the text was saved
            lines += [f"－{day - 1}－", "", "\f" + HEADER, ""]
        lines += [f"第{day}日\u300011月{day + 2}日\u3000課程紀要", ""]
        for k in range(day % 3 + 3):
            lines += [f"{paragraph}（第{day}日第{k + 1}段）。", ""]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = read_report(write_form(source, "pdf", tmp_path / "pdf"))
    assert not any(squash(p.text) == "研習" for p in got.passages)
    assert sorted({p.meeting[:3] for p in got.passages if p.meeting}) \
        == [f"第{day}日" for day in range(1, 6)]
