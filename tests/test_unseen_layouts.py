"""Reports in layouts no earlier fixture has (tests/fixtures/unseen2): a
training course whose 出國報告提要 form comes before its cover, Roman-numeral
chapters over Latin-letter modules, indent-only paragraphs cut by page
furniture and form feeds, footnotes under a rule and `[n]` notes; bilateral
minutes with an unlabelled abstract after the contents, box-drawn and
space-aligned tables, 議題 items with English subheadings; an internship
report with 第一章/第一節, `⋯` leaders, lists of tables and figures, hard-wrapped
blank-line paragraphs and 附錄 A/B. Their expected structure
(structure.json) is what a reader sees in them."""

import re

from .fixture_sets import (
    assert_annexes,
    assert_front_matter,
    assert_headings,
    assert_travellers,
    assert_units_found,
    case_fixture,
    fixture_set,
)

FOLDER, EXPECTED = fixture_set("unseen2")
case = case_fixture(FOLDER, EXPECTED)
SENTENCE_END_RE = re.compile(r"[。！？)）」]$")


def test_front_matter(case):
    assert_front_matter(*case)


def test_travellers_are_one_person_each(case):
    assert_travellers(*case)


def test_annexes(case):
    assert_annexes(*case)


def test_headings(case):
    assert_headings(*case)


def test_every_unit_is_found_under_each_name_and_none_is_invented(case):
    assert_units_found(*case)


def test_body_paragraphs_are_whole(case):
    """Every paragraph of prose in these bodies ends a sentence: none was cut
    at a wrapped line, a page's furniture or its footnotes."""
    report, _ = case
    cut = [p.text for p in report.passages if p.kind == "paragraph" and p.section
           and p.section[0].level > 0 and "，" in p.text
           and not SENTENCE_END_RE.search(p.text.rstrip())]
    assert cut == []


def test_an_annex_heading_without_an_index_is_an_annex():
    """附件　<title> with no number: the report's one annex of its series."""
    from rsearch.corpus import parse_report

    text = ("出國報告\n\n壹、目的\n\n瞭解查核實務。\n\n附件　訓練證書\n\n證書影本二份。\n\n"
            "附錄　課程表\n\n上午講授，下午實作。\n")
    report = parse_report(text, "k")
    assert [(a.number, a.label, a.title) for a in report.annexes] == [
        (1, "附件", "訓練證書"), (2, "附錄", "課程表")]
