"""Listings that page and stream (reports, meetings, topics) and overviews of
a query (search --by): each equal to a slow reference read from every record."""

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.cli.listing_commands import REPORT_FIELDS
from rsearch.cli.main import cli
from rsearch.cli.render import STREAM_ROWS
from rsearch.indexer import Filters, ReportIndex, build_index
from rsearch.indexer.analysis import fold_key, grams, match_tokens, passage_terms
from rsearch.indexer.build import remove_from_index
from rsearch.indexer.build.documents import name_keys
from rsearch.indexer.retrieval.candidates import Candidates
from rsearch.indexer.retrieval.query import Any, Exclude, Term, parse_query, terms
from rsearch.indexer.retrieval.reads import IndexReads
from rsearch.indexer.retrieval.terms import TermResolver
from rsearch.indexer.storage import (
    DUPLICATE,
    NAMED,
    PASSAGE,
    REPORT,
    StoredPassage,
    heading_words,
    holding_every,
    posting_ids,
)

from .archives import queries_from

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "reports"


def generated_archive(folder: Path, count: int, seed: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_archive",
                                                  ROOT / "benchmarks" / "archive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_archive(folder, count, seed=seed)


@pytest.fixture(scope="module")
def fixture_index(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("fixture-index")
    build_index(index_dir, [FIXTURES], workers=0)
    return index_dir


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated archive of 40 reports, then 10 more (two segments)."""
    folder = tmp_path_factory.mktemp("generated")
    index_dir = tmp_path_factory.mktemp("generated-index")
    generated_archive(folder, 40, seed=3)
    build_index(index_dir, [folder], workers=0)
    more = tmp_path_factory.mktemp("more")
    generated_archive(more, 10, seed=5)
    for path in more.iterdir():
        path.rename(folder / f"more-{path.name}")
    build_index(index_dir, [folder], workers=0)
    return index_dir


@pytest.fixture(params=["fixture_index", "generated", "updated_archive"])
def any_index(request):
    with ReportIndex(request.getfixturevalue(request.param)) as ix:
        yield ix


# -- the slow references: every record read, one index query per unit or topic --

def every_report(ix, filters=None):
    """Every report's record, in listing order, read one by one, with the
    paths of the duplicates that name it."""
    reader = ix.searcher.reader()
    docs = holding_every(reader, [("kind", REPORT)])
    if filters is not None:
        docs &= set(ix._filters.report_docs(filters))
    copies: dict[str, list[str]] = {}
    for d in holding_every(reader, [("kind", DUPLICATE)]):
        data = ix.stored[d]["data"]
        copies.setdefault(data["of_key"], []).append(data["path"])
    records = [{"key": ix.stored[d]["report"], **ix.stored[d]["data"],
                "duplicates": sorted(copies.get(ix.stored[d]["report"], []))} for d in docs]

    def order(r):
        date = r.get("report_date_iso") or r.get("period_start") or ""
        return (not date, date, r["key"])

    return sorted(records, key=order)


def unit_reference(ix, filters=None):
    reader = ix.searcher.reader()
    return [{"report": r["key"], "key": item["key"], "kind": item.get("kind", "meeting"),
             "names": item["names"],
             "passages": len(holding_every(reader, [("kind", PASSAGE), ("report", r["key"]),
                                                    ("meeting", fold_key(item["key"]))]))}
            for r in every_report(ix, filters) for item in r["meetings"]]


def topic_reference(ix, filters=None):
    """Topics by key, each with the names its reports give it, the most
    reports' first (then by name), and its passages (of the reports allowed)."""
    reader = ix.searcher.reader()
    given = {}
    for report in every_report(ix, filters):
        for item in report["topics"]:
            given.setdefault(item["key"], Counter())
        given_here = {(item["key"], n) for item in report["topics"] for n in item["names"]}
        for key, name in given_here:
            given[key][name] += 1
    allowed = ix._filters.allowed(filters) if filters else None
    out = []
    for key in sorted(given):
        docs = holding_every(reader, [("kind", PASSAGE), ("topics", fold_key(key))])
        out.append({"key": key, "names": sorted(given[key], key=lambda n: (-given[key][n], n)),
                    "passages": len(docs if allowed is None else docs & allowed)})
    return out


def without_glossary(topics):
    return [{k: v for k, v in t.items() if k not in ("glossary", "user_glossary")}
            for t in topics]


FILTERS = [None, Filters(since="2020"), Filters(until="2021-06"), Filters(trip_type="開會"),
           Filters(agency="關務署"), Filters(since="2019", until="2023", trip_type="考察")]


def known(ix, filters):
    try:
        ix._filters.report_docs(filters or Filters())
    except Exception:  # an agency or type this archive lacks
        return False
    return True


def test_listings_equal_the_slow_reference(any_index):
    ix = any_index
    for filters in FILTERS:
        if not known(ix, filters):
            continue
        assert ix.reports(filters) == every_report(ix, filters)
        assert ix.units(filters) == unit_reference(ix, filters)
        assert without_glossary(ix.topics(filters)) == topic_reference(ix, filters)
    assert ix.units() and ix.topics()


def test_merged_meetings_count_as_one_query_per_key_did(any_index):
    reader = any_index.searcher.reader()
    for meeting in any_index.meetings():
        assert meeting["passages"] == len(holding_every(
            reader, [("kind", PASSAGE), ("meeting", fold_key(meeting["key"]))]))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(what=st.sampled_from(["reports", "units", "topics"]),
       cuts=st.lists(st.integers(min_value=0, max_value=120), max_size=5),
       offset=st.integers(min_value=0, max_value=130), limit=st.integers(min_value=1, max_value=40),
       filtered=st.booleans())
def test_pages_put_together_are_the_whole_listing(generated, what, cuts, offset, limit,
                                                  filtered):
    filters = Filters(since="2019") if filtered else None
    with ReportIndex(generated) as ix:
        whole = list(ix.listing(what, filters))
        assert list(ix.listing(what, filters, offset=offset, limit=limit)) == \
            whole[offset:offset + limit]
        bounds = [0, *sorted(set(cuts)), len(whole) + 1]
        pieces = [row for start, end in zip(bounds, bounds[1:], strict=False) if end > start
                  for row in ix.listing(what, filters, offset=start, limit=end - start)]
        assert pieces == whole


# -- the command line -------------------------------------------------------------

@pytest.fixture
def on_fixtures(fixture_index, monkeypatch):
    monkeypatch.setenv("RSEARCH_INDEX_DIR", str(fixture_index))


def test_reports_page_on_the_command_line(on_fixtures, runner):
    result = runner.invoke(cli, ["reports", "--limit", "2", "--offset", "1", "--format", "csv"])
    assert result.exit_code == 0
    assert [line.split(",")[:3] for line in result.stdout.splitlines()] == [
        ["report", "passages", "title"],
        ["2022-chemical-safety-workshop", "18", "參加亞太化學品安全管理研習會報告"],
        ["2023-wto-tbt-committee", "20", "出席世界貿易組織技術性貿易障礙委員會第 91 次例會報告"]]
    result = runner.invoke(cli, ["reports", "--type", "開會", "--offset", "1"])
    assert result.stdout.splitlines()[2].split()[:4] == [
        "2023-wto-tbt-committee", "20", "2023-08-30", "開會"]
    assert len(result.stdout.splitlines()) == 3


def test_json_listings_stream_one_valid_list(on_fixtures, runner):
    for command in ("reports", "meetings", "topics"):
        whole = runner.invoke(cli, [command, "--format", "json"])
        rows = json.loads(whole.stdout)
        assert rows and whole.stdout == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
        first = {"reports": ["report", "passages", *REPORT_FIELDS, "duplicates"],
                 "meetings": ["report", "meeting", "kind", "passages", "names"],
                 "topics": ["topic", "passages", "names", "glossary", "user glossary"]}[command]
        assert list(rows[0]) == first
        page = runner.invoke(cli, [command, "--format", "json", "--offset", "1", "--limit", "2"])
        assert json.loads(page.stdout) == rows[1:3]
        empty = runner.invoke(cli, [command, "--format", "json", "--offset", "500"])
        assert empty.stdout == "[]\n"
        csv_empty = runner.invoke(cli, [command, "--format", "csv", "--offset", "500"])
        assert csv_empty.stdout.count("\n") == 1


def test_meetings_and_topics_take_report_filters(on_fixtures, runner):
    result = runner.invoke(cli, ["meetings", "--report", "2019-oecd-digital-economy",
                                 "--format", "csv"])
    assert result.exit_code == 0
    assert {line.split(",")[0] for line in result.stdout.splitlines()[1:]} == {
        "2019-oecd-digital-economy"}
    result = runner.invoke(cli, ["topics", "--agency", "nowhere"])
    assert result.exit_code == 2
    assert "no report of agency 'nowhere'" in result.output


def test_search_by_year_on_the_command_line(on_fixtures, runner):
    result = runner.invoke(cli, ["search", "風險", "--by", "year"])
    assert result.exit_code == 0
    assert result.stdout == (
        "year    passages    reports    bar\n"
        "------  ----------  ---------  ----------------------------------------\n"
        "2022    2           1          #############\n"
        "2024    6           1          ########################################\n")
    result = runner.invoke(cli, ["search", "風險", "--by", "type", "--format", "csv"])
    assert result.stdout == "type,passages,reports\n考察,6,1\n研習,2,1\n"
    result = runner.invoke(cli, ["search", "風險", "--by", "agency", "--since", "2023",
                                 "--format", "json"])
    assert json.loads(result.stdout) == [
        {"agency": "農業部動植物防疫檢疫署", "passages": 6, "reports": 1}]
    result = runner.invoke(cli, ["search", "量子標籤", "--by", "year"])
    assert result.exit_code == 1
    assert result.stdout == ""


# -- overviews: buckets equal a brute-force count over every passage --------------

def index_grams(tokens):
    return set(grams(tokens))


def holds(tokens, text_grams, heading_grams, headings_too):
    required = IndexReads.required_grams(tokens)
    places = [text_grams, heading_grams] if headings_too else [text_grams]
    if required:
        return any(set(required) <= place for place in places)
    return any(tokens[0] in g for place in places for g in place)


def brute_matches(node, resolved, passage_grams):
    text_grams, heading_grams = passage_grams
    if isinstance(node, Term):
        return any(holds(v.tokens, text_grams, heading_grams, not node.quoted)
                   for v in resolved[node].variants if v.tokens)
    if isinstance(node, Any):
        return any(brute_matches(c, resolved, passage_grams) for c in node.children)
    wanted = [c for c in node.children if not isinstance(c, Exclude)]
    return bool(wanted) and all(brute_matches(c, resolved, passage_grams) for c in wanted) \
        and not any(brute_matches(c.child, resolved, passage_grams)
                    for c in node.children if isinstance(c, Exclude))


def brute_overview(ix, query, by, filters=None):
    reader = ix.searcher.reader()
    candidates = Candidates(ix.searcher, lambda: ix._passage_lengths)
    names = TermResolver(ix.searcher, candidates, ix._passage_count)
    node = names.merge_names(parse_query(query))
    resolved = {t: names.resolve(t) for t in terms(node, excluded=True)}
    allowed = ix._filters.allowed(filters or Filters())
    records = {r["key"]: r for r in every_report(ix)}
    passages, reports, ids = Counter(), {}, set()
    for d in holding_every(reader, [("kind", PASSAGE)]):
        if allowed is not None and d not in allowed:
            continue
        p = StoredPassage.of(ix.stored[d])
        heading = match_tokens(" ".join(heading_words(*h) for h in p.headings))
        if not brute_matches(node, resolved, (set(passage_terms(p.text).grams),
                                              index_grams(heading))):
            continue
        ids.add(p.id)
        data = records[p.report]
        buckets = {"year": [(data.get("report_date_iso") or data.get("period_start") or "")[:4]],
                   "agency": [data["agency"]], "type": [data["trip_type"]],
                   "meeting": list(p.units) or [""], "report": [p.report]}[by]
        for b in buckets:
            passages[b] += 1
            reports.setdefault(b, set()).add(p.report)
    return {b: (n, len(reports[b])) for b, n in passages.items()}, ids


@pytest.mark.parametrize("by", ["year", "agency", "type", "meeting", "report"])
def test_buckets_equal_a_brute_force_count(any_index, by):
    queries = ["單一窗口", "AEO OR 風險", "海關 -單一窗口", "會議 檢疫", '"e-commerce"', "關",
               *queries_from(12, seed=5)]
    for filters in (None, Filters(since="2020")):
        for query in queries:
            rows = any_index.overview(query, by, filters)
            counted = {r["bucket"]: (r["passages"], r["reports"]) for r in rows}
            assert counted == brute_overview(any_index, query, by, filters)[0], query
            if by == "year":
                assert [r["bucket"] for r in rows] == sorted(counted, key=lambda b: (not b, b))
            else:
                assert [-r["passages"] for r in rows] == sorted(-r["passages"] for r in rows)


def test_buckets_of_runs_laid_out_otherwise_are_counted_passage_by_passage(
        any_index, monkeypatch):
    from rsearch.indexer.storage import report_runs

    monkeypatch.setattr(report_runs._Run, "placed", lambda self, runs: None)
    for by in ("year", "agency", "type", "meeting", "report"):
        for query in ("單一窗口", "關"):
            rows = any_index.overview(query, by)
            counted = {r["bucket"]: (r["passages"], r["reports"]) for r in rows}
            assert counted == brute_overview(any_index, query, by, None)[0], query


def test_every_whole_hit_of_a_search_is_counted(any_index):
    for query in ["單一窗口", "AEO", "海關 AEO", "檢疫", *queries_from(10, seed=9)]:
        _, ids = brute_overview(any_index, query, "report")
        hits = any_index.search(query, limit=10_000)
        whole = {h.id for h in hits if h.match in ("exact", "alias", "heading")}
        assert whole <= ids, query


def test_long_listings_stream_in_chunks_as_one_list(generated, runner, monkeypatch):
    monkeypatch.setenv("RSEARCH_INDEX_DIR", str(generated))
    with ReportIndex(generated) as ix:
        units = ix.units()
    assert len(units) > STREAM_ROWS  # more than one write
    result = runner.invoke(cli, ["meetings", "--format", "json"])
    rows = json.loads(result.stdout)
    assert rows == [{"report": u["report"], "meeting": u["key"], "kind": u["kind"],
                     "passages": u["passages"], "names": u["names"]} for u in units]
    assert result.stdout == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    result = runner.invoke(cli, ["meetings", "--format", "csv"])
    lines = result.stdout.splitlines()
    assert lines[0] == "report,meeting,kind,passages,names"
    assert [line.split(",")[0] for line in lines[1:]] == [u["report"] for u in units]


# -- the table of names, kept by updates -------------------------------------------

def table_of_names(ix):
    """Every live entry of the index's table of names, with its count."""
    reader = ix.searcher.reader()
    return {ix.stored[d]["named"]: ix.stored[d]["named_reports"]
            for d in posting_ids(reader, "kind", NAMED)}


def names_recounted(ix):
    """The same, counted from every report's record."""
    counts = Counter()
    for report in ix.reports():
        for facet, items in (("meeting", report["meetings"]), ("topic", report["topics"])):
            counts.update({"\x1f".join((facet, item["key"], name))
                           for item in items for name in ("", *item["names"])})
    return dict(counts)


def test_the_table_of_names_follows_every_change(tmp_path):
    folder, index_dir = tmp_path / "reports", tmp_path / "index"
    folder.mkdir()
    generated_archive(folder, 12, seed=11)
    build_index(index_dir, [folder], workers=0)
    files = sorted(folder.iterdir())
    # One report changed into another's text, two deleted, three added, then removed.
    files[0].write_text(files[5].read_text(encoding="utf-8") + "\n\n補充。\n",
                        encoding="utf-8")
    files[1].unlink()
    files[2].unlink()
    build_index(index_dir, [folder], workers=0)
    more = tmp_path / "more"
    more.mkdir()
    generated_archive(more, 3, seed=12)
    for path in more.iterdir():
        path.rename(more / f"more-{path.name}")
    build_index(index_dir, [more], workers=0)
    with ReportIndex(index_dir) as ix:
        assert table_of_names(ix) == names_recounted(ix)
    remove_from_index(index_dir, [more])
    with ReportIndex(index_dir) as ix:
        kept = table_of_names(ix)
        assert kept == names_recounted(ix)
        assert len(ix.reports()) == 10 and kept
        assert without_glossary(ix.topics()) == topic_reference(ix)
        meetings = ix.meetings()
    build_index(index_dir, [folder], rebuild=True, workers=0)
    with ReportIndex(index_dir) as ix:
        assert table_of_names(ix) == kept
        assert ix.meetings() == meetings


def test_a_name_leads_to_the_keys_it_names(any_index):
    """A filter's value stands for the keys of the meetings or topics with a
    name whose lookup key is it, else contains it (read off the records)."""
    items = {facet: [item for r in any_index.reports() for item in r[kind]]
             for facet, kind in (("meeting", "meetings"), ("topic", "topics"))}
    names = any_index.listings.names
    for facet, its in items.items():
        for value in sorted({n for item in its for n in item["names"]})[:40]:
            for wanted in (fold_key(value), fold_key(value)[1:3]):
                expected = {fold_key(i["key"]) for i in its if wanted in name_keys(i["names"])}
                expected = expected or {fold_key(i["key"]) for i in its
                                        if any(wanted in k for k in name_keys(i["names"]))}
                assert names.keys_named(facet, wanted) == expected
