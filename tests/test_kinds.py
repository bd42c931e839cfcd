"""Reports of the kinds the first fixtures barely cover (a training course, a
research stay, bilateral minutes, site visits), written as a reader finds
them: their expected structure (tests/fixtures/kinds/structure.json) is what a
reader sees in them, not what the parser happened to give."""

import json
import re
import unicodedata
from pathlib import Path

import pytest
from rsearch.corpus import read_report
from rsearch.indexer.analysis.text import fold_key

KINDS = Path(__file__).parent / "fixtures" / "kinds"
EXPECTED = json.loads((KINDS / "structure.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    """Spaces out, full- and half-width forms as one (labels are kept half-width)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def case(request):
    return read_report(KINDS / f"{request.param}.txt"), EXPECTED[request.param]


def test_front_matter(case):
    report, expected = case
    assert (squash(report.title), report.agency, report.report_date_iso, report.trip_type) == (
        squash(expected["title"]), expected["agency"], expected["report_date_iso"],
        expected["trip_type"])


def test_annexes(case):
    report, expected = case
    titles = [annex.title for annex in report.annexes]
    assert len(titles) == len(expected["annexes"]), titles
    for title, wanted in zip(titles, expected["annexes"], strict=True):
        assert squash(wanted) in squash(title)


def test_headings(case):
    report, expected = case
    found = [[len(entry.parents) + 1, squash(entry.heading.text)] for entry in report.outline]
    assert found == [[depth, squash(text)] for depth, text in expected["headings"]]


def owners(report, name: str) -> list:
    """The units that `--meeting name` would pick out of this report."""
    key = fold_key(name)
    return [unit for unit in report.meetings
            if any(key in fold_key(n) for n in [unit.key, *unit.names])]


def assert_units_found(report, expected: dict) -> None:
    """Every unit of a structure.json is found under each of its names, one
    unit of an expected kind, and the report holds no other unit than those
    and the optional ones."""
    named = []
    for unit in expected["units"]:
        found = [owners(report, name) for name in unit["names"]]
        assert all(len(f) == 1 and f[0] is found[0][0] for f in found), (unit, found)
        assert found[0][0].kind in unit["kinds"], (unit, found[0][0])
        named.append(found[0][0])
    optional = [u for n in expected.get("optional_units", []) for u in owners(report, n)]
    assert [u.key for u in report.meetings
            if all(u is not v for v in named + optional)] == []


def test_every_expected_unit_is_found_under_each_name(case):
    report, expected = case
    for unit in expected["units"]:
        found = [owners(report, name) for name in unit["names"]]
        assert all(len(f) == 1 for f in found), (unit, found)
        assert all(f[0] is found[0][0] for f in found), (unit, found)
        assert found[0][0].kind in unit["kinds"], (unit, found[0][0])


def test_no_unit_is_invented(case):
    report, expected = case
    named = [u for unit in expected["units"] for u in owners(report, unit["names"][0])]
    optional = [u for n in expected["optional_units"] for u in owners(report, n)]
    extra = [u for u in report.meetings
             if all(u is not v for v in named) and all(u is not v for v in optional)]
    assert extra == []
