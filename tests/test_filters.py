"""Narrowing searches and listings to reports: by key, agency, date and kind of trip."""

import json

import pytest
from rsearch.cli.main import cli
from rsearch.corpus import sample_report_path
from rsearch.indexer import Filters, ReportIndex, UnknownFilter, build_index
from rsearch.indexer.retrieval.filters import date_bound

from .report_forms import REPORTS


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("archive")
    build_index(index_dir, [*REPORTS, sample_report_path()], workers=0)
    return index_dir


def keys(hits):
    return sorted({h.report for h in hits})


@pytest.mark.parametrize("text, upper, bound", [
    ("110", False, "2021"), ("2021-07", False, "2021-07"), ("110/7/1", False, "2021-07-01"),
    ("民國 110 年 7 月", False, "2021-07"), ("２０２１", True, "2021\uffff"),
])
def test_dates_in_either_calendar(text, upper, bound):
    assert date_bound(text, upper) == bound


def test_filters_by_agency_date_and_kind(archive):
    with ReportIndex(archive) as ix:
        assert keys(ix.search("韓國", Filters(agency="職業安全"), limit=50)) == [
            "2022-chemical-safety-workshop"]
        assert keys(ix.search("韓國", Filters(since="111"), limit=50)) == [
            "2022-chemical-safety-workshop", "2023-wto-tbt-committee"]
        assert keys(ix.search("韓國", Filters(until="2019-12"), limit=50)) == [
            "2016-apec-sccp2-report", "2019-oecd-digital-economy"]
        assert keys(ix.search("檢疫犬", Filters(trip_type="考察"), limit=50)) == [
            "2024-biosecurity-study-tour"]
        assert ix.search("檢疫犬", Filters(trip_type="研習")) == []
        both = Filters(reports=("2016-apec-sccp2-report",), meeting="ACBD")
        assert {h.meeting for h in ix.search("AEO", both, limit=50)} == {"ACBD"}
        dated = [r["report_date_iso"] for r in ix.reports()]
        assert dated == sorted(dated)


def test_offset_pages_past_the_first_hits(archive):
    with ReportIndex(archive) as ix:
        first = ix.search("韓國", limit=6)
        page = ix.search("韓國", limit=3, offset=3)
        assert [h.id for h in page] == [h.id for h in first[3:]]
        assert [h.rank for h in page] == [4, 5, 6]


@pytest.mark.parametrize("filters, option, message", [
    (Filters(reports=("2023-wto-tbt-comittee",)), "report",
     "unknown report '2023-wto-tbt-comittee'"),
    (Filters(agency="海巡署"), "agency", "no report of agency '海巡署'"),
    (Filters(since="11x"), "date", "cannot read '11x' as a date"),
    (Filters(trip_type="party"), "type", "unknown kind of trip 'party'"),
])
def test_unknown_values_are_refused(archive, filters, option, message):
    with ReportIndex(archive) as ix, pytest.raises(UnknownFilter) as e:
        ix.search("韓國", filters)
    assert (e.value.option, str(e.value)) == (option, message)
    assert e.value.hint


def test_filters_on_the_command_line(archive, runner, monkeypatch):
    monkeypatch.setenv("RSEARCH_INDEX_DIR", str(archive))
    result = runner.invoke(cli, ["search", "韓國", "--agency", "標準檢驗", "-f", "json"])
    assert [h["report"] for h in json.loads(result.stdout)] == ["2023-wto-tbt-committee"]
    listed = runner.invoke(cli, ["reports", "--since", "2022", "--type", "開會", "-f", "json"])
    assert [r["report"] for r in json.loads(listed.stdout)] == ["2023-wto-tbt-committee"]
    none = runner.invoke(cli, ["reports", "--type", "進修"])
    assert (none.exit_code, none.stdout, none.stderr) == (0, "", "No reports match.\n")
    typo = runner.invoke(cli, ["search", "韓國", "--report", "2023-wto-tbt-comittee"])
    assert (typo.exit_code, typo.stderr) == (2, (
        "Error: Invalid value for --report: unknown report '2023-wto-tbt-comittee'; did you "
        "mean: 2023-wto-tbt-committee (see 'cli search --help')\n"))


def test_a_unit_is_found_by_another_name_of_it(archive):
    with ReportIndex(archive) as ix:
        hits = ix.search("評論期", Filters(meeting="TBT Committee"), limit=50)
        assert {h.meeting for h in hits} == {"TBT 委員會第 91 次例會"}
        acbd = ix.search("AEO", Filters(meeting="APEC Customs Business Dialogue"), limit=50)
        assert acbd and {h.meeting for h in acbd} == {"ACBD"}
