"""Reports of the kinds the first fixtures barely cover (a training course, a
research stay, bilateral minutes, site visits), written as a reader finds
them: their expected structure (tests/fixtures/kinds/structure.json) is what a
reader sees in them, not what the parser happened to give."""

from .fixture_sets import (  # noqa: F401 (assert_units_found, squash: the sets' old names)
    assert_front_matter,
    assert_headings,
    assert_units_found,
    case_fixture,
    fixture_set,
    owners,
    squash,
)

KINDS, EXPECTED = fixture_set("kinds")
case = case_fixture(KINDS, EXPECTED)


def test_front_matter(case):
    assert_front_matter(*case)


def test_annexes(case):
    report, expected = case
    titles = [annex.title for annex in report.annexes]
    assert len(titles) == len(expected["annexes"]), titles
    for title, wanted in zip(titles, expected["annexes"], strict=True):
        assert squash(wanted) in squash(title)


def test_headings(case):
    assert_headings(*case)


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
