"""Hard-wrapped text whose lines mix Latin words and Chinese, wrapped at a
width in display columns (a wide character two, a Latin one one, or a bit
less in a PDF's proportional font): the wrap width is measured and every
paragraph joined back, however much of a line is Latin."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report

from .paragraph_layouts import Para, Section, layouts, rendered

# Pieces of mixed sentences: Chinese clauses, English names and phrases,
# acronyms, numbers.
ZH_PIECES = ["會中討論", "各國代表說明", "我國代表發言表示", "秘書處報告", "與會者同意",
             "並請會員於下次會議前提供意見", "之推動現況", "及其實施經驗", "獲多國支持",
             "預計於明年完成", "之規範調和", "之資料交換"]
LATIN_PIECES = ["Single Window interoperability", "AEO MRA", "the WCO SAFE Framework of Standards",
                "Trade Facilitation Agreement (TFA)", "e-Commerce", "APEC SCCP",
                "Pre-arrival Processing", "Authorized Economic Operator", "risk management",
                "Time Release Study", "2024", "73.5%", "Data Model v3.10", "ASEAN",
                "Post-Clearance Audit (PCA)", "Advance Rulings", "OECD", "UNECE Recommendation 33"]


@st.composite
def mixed_sentences(draw) -> str:
    pieces = []
    for _ in range(draw(st.integers(3, 8))):
        pieces.append(draw(st.sampled_from(ZH_PIECES)))
        if draw(st.integers(0, 2)):
            pieces.append(f" {draw(st.sampled_from(LATIN_PIECES))} ")
    text = "".join(pieces).strip()
    return re.sub(r" {2,}", " ", text) + draw(st.sampled_from(["。", "。", "！"]))


@st.composite
def mixed_bodies(draw) -> list[Section]:
    sections = []
    for heading in ["壹、會議緣起", "貳、會議紀要"]:
        paras = [Para("".join(draw(st.lists(mixed_sentences(), min_size=1, max_size=4))))
                 for _ in range(draw(st.integers(3, 5)))]
        sections.append(Section(heading, paras))
    return sections


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "100")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(mixed_bodies(), layouts().filter(lambda layout: layout.convention.startswith("wrap")))
def test_mixed_latin_and_chinese_lines_wrap_back_into_their_paragraphs(sections, layout):
    text = rendered(sections, layout)
    report = parse_report(text, "mixed")
    got = [(p.section[0].text, p.text) for p in report.passages
           if p.section and p.section[0].level > 0]
    want = [(s.heading, item.text) for s in sections for item in s.items]
    assert [(h, squash(t)) for h, t in got] == [(h, squash(t)) for h, t in want], text
    # Latin words keep one space between them where a line broke, and none
    # goes inside a word or its brackets (a space between a Latin word and
    # Chinese is the report's style, which a line break does not show).
    for (_, t), (_, w) in zip(got, want, strict=True):
        assert latin_runs(t) == latin_runs(w)


def latin_runs(text: str) -> list[str]:
    """Runs of Latin words, numbers and their punctuation, spaced as written."""
    return re.findall(r"[!-~]+(?: [!-~]+)*", text)


def test_a_sentence_ending_full_line_measures_the_wrap_where_fits_tie():
    """Found by the property: paragraphs apart by blank lines, wrapped at 72
    columns with a Latin character one column; a narrower measure (70, a
    Latin character 0.9) explains as many mid-sentence breaks, but under it
    the line ending `…Recommendation 33。`, 72 columns with text under it,
    stopped short and the paragraph's last sentence was split off. Of
    measures alike, the one under which more lines with text under them
    were full is the wrap."""
    para = ("會中討論會中討論會中討論。會中討論會中討論會中討論會中討論會中討論 AEO MRA 會中討論 "
            "the WCO SAFE Framework of Standards 會中討論我國代表發言表示。會中討論 Single Window "
            "interoperability 各國代表說明各國代表說明 Single Window interoperability 會中討論 "
            "e-Commerce 我國代表發言表示 Single Window interoperability 並請會員於下次會議前"
            "提供意見各國代表說明 the WCO SAFE Framework of Standards 秘書處報告 "
            "UNECE Recommendation 33。"
            "會中討論會中討論會中討論。")
    text = "\n".join([
        "出席 2024 年亞太經濟合作會議海關程序次級委員會報告", "", "壹、會議緣起", "",
        "會中討論會中討論各國代表說明。會中討論 Single Window interoperability 會",
        "中討論會中討論。", "",
        "會中討論會中討論會中討論。會中討論會中討論會中討論會中討論 Single Window",
        "interoperability 會中討論會中討論。", "",
        "會中討論會中討論會中討論。會中討論會中討論會中討論。會中討論 Single",
        "Window interoperability 會中討論會中討論會中討論會中討論會中討論。", "",
        "貳、會議紀要", "",
        "會中討論會中討論會中討論會中討論會中討論會中討論 Single Window",
        "interoperability 會中討論。會中討論會中討論會中討論。會中討論會中討論會",
        "中討論。會中討論會中討論會中討論。", "",
        "會中討論會中討論會中討論會中討論會中討論會中討論 Single Window",
        "interoperability。會中討論會中討論會中討論會中討論會中討論會中討論。", "",
        "會中討論會中討論會中討論。會中討論會中討論會中討論會中討論會中討論 AEO",
        "MRA 會中討論 the WCO SAFE Framework of Standards 會中討論我國代表發言表",
        "示。會中討論 Single Window interoperability 各國代表說明各國代表說明",
        "Single Window interoperability 會中討論 e-Commerce 我國代表發言表示",
        "Single Window interoperability 並請會員於下次會議前提供意見各國代表說明",
        "the WCO SAFE Framework of Standards 秘書處報告 UNECE Recommendation 33。",
        "會中討論會中討論會中討論。", ""])
    report = parse_report(text, "mixed")
    assert report.passages[-1].text == para
