"""A fixture set (a folder of tests/fixtures with a structure.json: what a
reader sees in each report, written before any run) and the checks its
tests share. A set's test module reads:

    FOLDER, EXPECTED = fixture_set("unseen5")
    case = case_fixture(FOLDER, EXPECTED)

    def test_front_matter_and_travellers(case):
        assert_front_matter(*case)
        assert_travellers(*case)
"""

import json
import re
import unicodedata
from pathlib import Path

import pytest
from rsearch.corpus import read_report
from rsearch.indexer.analysis.text import fold_key

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_set(name: str) -> tuple[Path, dict]:
    """The set's folder and its expected structure, report name to fields."""
    folder = FIXTURES / name
    return folder, json.loads((folder / "structure.json").read_text(encoding="utf-8"))


def case_fixture(folder: Path, expected: dict):
    """A `case` fixture: (the report read from folder/<name>.txt, its expected
    structure), once for each report of the set, read once a module."""

    @pytest.fixture(scope="module", params=sorted(expected))
    def case(request):
        return read_report(folder / f"{request.param}.txt"), expected[request.param]

    return case


def squash(text: str) -> str:
    """Spaces out, full- and half-width forms as one (labels are kept half-width)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def outline(report) -> list[tuple[int, str]]:
    """A report's headings as (level, text squashed)."""
    return [(len(e.parents) + 1, squash(e.heading.text)) for e in report.outline]


def units(report) -> list[tuple[str, str]]:
    """A report's units as (kind, key squashed)."""
    return [(u.kind, squash(u.key)) for u in report.meetings]


def assert_front_matter(report, expected: dict) -> None:
    assert (squash(report.title), report.agency, report.report_date_iso, report.trip_type) == (
        squash(expected["title"]), expected["agency"], expected["report_date_iso"],
        expected["trip_type"])


def assert_travellers(report, expected: dict) -> None:
    """One author a traveller, each holding the traveller's name."""
    assert len(report.authors) == len(expected["travellers"]), report.authors
    for author, name in zip(report.authors, expected["travellers"], strict=True):
        assert name in author


def assert_annexes(report, expected: dict) -> None:
    assert [squash(a.title) for a in report.annexes] == [squash(t) for t in expected["annexes"]]


def assert_headings(report, expected: dict, kept_apart=None) -> None:
    """The outline, (depth, title) a heading, is the expected one; less the
    expected headings `kept_apart` matches (a pattern), where a set's
    structure.json counts as headings what the parser keeps otherwise."""
    found = [[len(entry.parents) + 1, squash(entry.heading.text)] for entry in report.outline]
    assert found == [[depth, squash(text)] for depth, text in expected["headings"]
                     if kept_apart is None or not kept_apart.match(text)]


def owners(report, name: str) -> list:
    """The units that `--meeting name` would pick out of this report: those
    with a name that folds to the name's key, else those with one holding it
    (as the search looks names up: `Day 1` is not `Monday 4 August`'s)."""
    key = fold_key(name)
    folded = [(unit, [fold_key(n) for n in [unit.key, *unit.names]]) for unit in report.meetings]
    return [unit for unit, names in folded if key in names] \
        or [unit for unit, names in folded if any(key in n for n in names)]


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
