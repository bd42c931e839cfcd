"""A notes or references part title (尾註, 註釋, 附註, 參考文獻, Notes,
References) as each format prints it, numbered as a heading or not: its notes
stay passages beside the paragraphs that cite them, the title takes in no
heading after it and is never a unit (a site under a visits part, say)."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from rsearch.corpus.formats import extract
from rsearch.corpus.parser import parse_report

from .word_packages import docx_package, odt_package, w_p, w_style

TITLES = ["尾註", "註釋", "附註", "參考文獻", "Notes", "References"]
# (text, heading level given by the word processor's outline or None)
def report_lines(title: str, numbered: bool) -> list[tuple[str, int | None]]:
    return [("壹、目的", 1), ("本團赴日本考察[1]。", None), ("貳、參訪過程", 1),
            ("一、東京海關", 2), ("參訪東京海關之通關作業[2]。", None), ("二、橫濱港", 2),
            ("參訪橫濱港之貨櫃場。", None), (f"三、{title}" if numbered else title, 2),
            ("[1] 考察期間為五日。", None), ("[2] 東京海關位於台場。", None),
            ("參、心得與建議", 1), ("建議持續交流。", None)]


def written(lines: list[tuple[str, int | None]], form: str) -> tuple[bytes, str]:
    if form == "text":
        return "\n\n".join(text for text, _ in lines).encode("utf-8") + b"\n", ".txt"
    if form == "docx":
        styles = "".join(w_style(f"Heading{k}", f"heading {k}") for k in (1, 2))
        body = "".join(w_p(escape(t), f"Heading{level}" if level else "") for t, level in lines)
        return docx_package(body, styles=styles), ".docx"
    body = "".join(f'<text:h text:outline-level="{level}">{escape(t)}</text:h>' if level
                   else f"<text:p>{escape(t)}</text:p>" for t, level in lines)
    return odt_package(body), ".odt"


@pytest.mark.parametrize("numbered", [True, False])
@pytest.mark.parametrize("form", ["text", "docx", "odt"])
@pytest.mark.parametrize("title", TITLES)
def test_a_notes_title_is_no_unit_and_its_notes_stay_with_what_cites_them(title, form,
                                                                           numbered):
    data, suffix = written(report_lines(title, numbered), form)
    report = parse_report(extract(data, f"r{suffix}", suffix), "r")
    assert sorted(m.key for m in report.meetings) == ["東京海關", "橫濱港"]
    notes = {p.text: [h.title for h in p.section] for p in report.passages
             if p.kind == "footnote"}
    assert notes == {"[1] 考察期間為五日。": ["目的"],
                     "[2] 東京海關位於台場。": ["參訪過程", "東京海關"]}
    titles = [entry.heading.title for entry in report.outline]
    assert titles[-1] == "心得與建議"
    closing = next(p for p in report.passages if p.text == "建議持續交流。")
    assert [h.title for h in closing.section] == ["心得與建議"]
    # The title is printed once: a heading of the outline, or a passage.
    assert (titles.count(title) + sum(p.text == title for p in report.passages)) == 1


@pytest.mark.parametrize("form", ["text", "docx", "odt"])
@pytest.mark.parametrize("title", ["尾註", "註釋", "註解", "腳註", "Notes", "Endnotes",
                                   "Footnotes"])
def test_an_unnumbered_notes_title_outside_a_heading_style_heads_a_notes_part(title, form):
    """A notes title alone on its line, in body text (no heading style, no
    outline level), heads a notes part as 參考文獻 does: the title is in the
    outline, not a one-line passage of the section before it; its notes go
    beside what cites them, and the chapter after it is not put under it."""
    lines = [(text, None if text == title else level)
             for text, level in report_lines(title, False)]
    data, suffix = written(lines, form)
    report = parse_report(extract(data, f"r{suffix}", suffix), "r")
    assert [entry.heading.title for entry in report.outline] == [
        "目的", "參訪過程", "東京海關", "橫濱港", title, "心得與建議"]
    assert [(p.kind, p.text, [h.title for h in p.section]) for p in report.passages
            if p.section and p.section[0].level > 0] == [
        ("paragraph", "本團赴日本考察[1]。", ["目的"]),
        ("footnote", "[1] 考察期間為五日。", ["目的"]),
        ("paragraph", "參訪東京海關之通關作業[2]。", ["參訪過程", "東京海關"]),
        ("footnote", "[2] 東京海關位於台場。", ["參訪過程", "東京海關"]),
        ("paragraph", "參訪橫濱港之貨櫃場。", ["參訪過程", "橫濱港"]),
        ("paragraph", "建議持續交流。", ["心得與建議"])]
    assert sorted(m.key for m in report.meetings) == ["東京海關", "橫濱港"]
