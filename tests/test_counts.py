"""How many passages and reports a search matches: the table's last line,
--count in each format, a page past the end; the count equal to a brute-force
count over every passage of the index; names suggested for unknown filter
values."""

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.cli import render
from rsearch.cli.main import cli
from rsearch.corpus import sample_report_path
from rsearch.indexer import Filters, ReportIndex, UnknownFilter, build_index
from rsearch.indexer.retrieval import Totals, candidates
from rsearch.indexer.retrieval.counting import decided_by_index
from rsearch.indexer.retrieval.suggest import closest, edit_distance
from rsearch.indexer.storage import PASSAGE, StoredPassage, posting_ids

from .archives import queries_from
from .report_forms import REPORTS


def run(runner, *args):
    return runner.invoke(cli, list(args), catch_exceptions=False)


# -- the table's last line ----------------------------------------------------------------

def test_the_table_ends_with_the_totals_on_stderr(runner, cli_index):
    result = run(runner, "search", '"UNI-PASS"', "--limit", "1")
    assert result.exit_code == 0
    assert result.stdout.startswith("rank    id ")  # the table alone, as before
    assert result.stdout.count("\n") == 3
    assert result.stderr == "1 of 3 passages in 1 report\n"


def test_a_later_page_says_which_hits_it_shows(runner, cli_index):
    assert run(runner, "search", "AEO", "--offset", "10").stderr == (
        "11-20 of 23 passages in 1 report\n")
    assert run(runner, "search", "AEO", "--offset", "22").stderr == (
        "23 of 23 passages in 1 report\n")
    assert run(runner, "search", "AEO", "-n", "30").stderr == "23 of 23 passages in 1 report\n"


def test_the_footer_groups_thousands():
    assert render.hits_footer(10, 0, Totals(1234, 87)) == "10 of 1,234 passages in 87 reports"
    assert render.hits_footer(10, 1000, Totals(1234, 1)) == (
        "1,001-1,010 of 1,234 passages in 1 report")
    assert render.hits_footer(1, 0, Totals(1, 1)) == "1 of 1 passage in 1 report"


def test_totals_left_undecided_are_a_range_with_the_way_to_count_them():
    assert render.hits_footer(10, 0, Totals(35459, 1990, (42820, 2000))) == (
        "10 of 35,459-42,820 passages in 1,990-2,000 reports "
        "(--count counts them exactly)")
    assert render.hits_footer(1, 0, Totals(0, 0, (1, 1))) == (
        "1 of 0-1 passages in 0-1 reports (--count counts them exactly)")
    assert render.hits_footer(10, 0, Totals(1234, 87, (1300, 87))) == (
        "10 of 1,234-1,300 passages in 87 reports (--count counts them exactly)")
    assert render.no_hits("AEO", 50, Totals(30, 2, (45, 3))) == (
        "No passages past 50: 30-45 match 'AEO' (--count counts them exactly).")
    assert render.no_hits("AEO", 50, Totals(0, 0, (45, 3))).startswith(
        "No passages past 50: 0-45 match")


def test_the_table_reads_no_more_than_a_page_of_undecided_passages(runner, cli_index,
                                                                   monkeypatch):
    from rsearch.indexer.retrieval import search

    # 單一窗口 holds 窗口: quoted, a passage that holds 單一, 一窗 and 窗口 may
    # hold the name apart, and only its text can tell.
    exact = run(runner, "search", '"單一窗口" AND 進展', "-n", "1")
    counted = json.loads(run(runner, "search", '"單一窗口" AND 進展', "--count",
                             "-f", "json").stdout)
    assert exact.stderr == f"1 of {counted['passages']} passages in 1 report\n"
    monkeypatch.setattr(search, "PAGE_READS", 0)
    bounded = run(runner, "search", '"單一窗口" AND 進展', "-n", "1")
    assert bounded.stdout == exact.stdout
    # No passage holds the name's pairs side by side (a join would say): none decided.
    assert bounded.stderr == "1 of 0-5 passages in 0-1 reports (--count counts them exactly)\n"
    assert 0 < counted["passages"] <= 5
    # --count and the other formats count exactly all the same.
    assert json.loads(run(runner, "search", '"單一窗口" AND 進展', "--count", "-f",
                          "json").stdout) == counted


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_other_formats_are_as_they_were(runner, cli_index, fmt):
    result = run(runner, "search", "AEO", "-n", "2", "-f", fmt)
    assert result.exit_code == 0
    assert result.stderr == ""
    past = run(runner, "search", "AEO", "--offset", "40", "-f", fmt)
    assert (past.exit_code, past.stderr) == (1, "")
    assert past.stdout == {"json": "[]\n", "csv": "id,rank,score,text,report,section,meeting,"
                                                  "topics,citation,match\n", "markdown": "\n"}[fmt]


# -- --count ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, expected", [
    ("table", "23 passages in 1 report\n"),
    ("markdown", "23 passages in 1 report\n"),
    ("json", '{\n  "passages": 23,\n  "reports": 1\n}\n'),
    ("csv", "passages,reports\n23,1\n"),
])
def test_count_in_each_format(runner, cli_index, fmt, expected):
    result = run(runner, "search", "AEO", "--count", "-f", fmt, "--limit", "1")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def test_count_honours_every_filter(runner, cli_index):
    assert run(runner, "search", "AEO", "-m", "SCCP", "--count").stdout == (
        "7 passages in 1 report\n")
    assert run(runner, "search", "AEO", "-m", "SCCP", "--count", "--exact").stdout == (
        "6 passages in 1 report\n")
    nothing = run(runner, "search", "單一窗口", "--since", "2017", "--count")
    assert (nothing.exit_code, nothing.stdout) == (1, "0 passages in 0 reports\n")
    json_nothing = run(runner, "search", "xyzzy", "--count", "-f", "json")
    assert (json_nothing.exit_code, json.loads(json_nothing.stdout)) == (
        1, {"passages": 0, "reports": 0})


def test_a_page_past_the_end_says_how_many_there_were(runner, cli_index):
    result = run(runner, "search", "AEO", "--offset", "40")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "No passages past 40: 23 match 'AEO'.\n"
    assert run(runner, "search", "AEO", "--offset", "23").stderr == (
        "No passages past 23: 23 match 'AEO'.\n")
    none = run(runner, "search", "xyzzy", "--offset", "5")
    assert (none.exit_code, none.stderr) == (1, "No passages match 'xyzzy'.\n")


# -- the count is what a search could list -----------------------------------------------

def brute_force(ix, query, filters, exact):
    """Every passage of the index scored exactly, kept when above 0."""
    prepared = ix._prepared(query, filters, exact)
    reader = ix.searcher.reader()
    allowed = prepared.allowed
    docs = [d for d in posting_ids(reader, "kind", PASSAGE) if not reader.is_deleted(d)
            and (allowed is None or d in allowed) and prepared.top.exact(d)[0] > 0]
    reports = {StoredPassage.of(ix.stored[d]).report for d in docs}
    return Totals(len(docs), len(reports))


WORDS = [*queries_from(count=30, seed=3), "關", "MRA", "WCO AEO", "e-commerce", "電子商務",
         "供應鏈", "安全", "檢疫", "GHS", "貿易便捷", "xyzzy", "海關與企業", "單一窗口",
         "Single Window", "window single"]
# Passages holding every index term of a name but not the name: the index
# cannot decide them, only their text can.
APART = """出席 APEC 會議報告

壹、單一的一窗與窗口

本段談單一的一窗與窗口，不談那個名稱。

貿易與易便及便捷三者並列，電子與子商及商務亦然，供應與應鏈也是。

Window of the single office, single and window apart.

貳、會議過程

海關代表說明 AEO 與 MRA 的進展。
"""


@pytest.fixture(scope="module")
def apart_archive(tmp_path_factory):
    """The fixture reports, the sample, and a report of names held apart, then
    one report changed: several segments, and deleted documents."""
    folder = tmp_path_factory.mktemp("apart-reports")
    for path in [*REPORTS, sample_report_path()]:
        shutil.copy(path, folder / path.name)
    index_dir = tmp_path_factory.mktemp("apart-index")
    build_index(index_dir, [folder], workers=0)
    (folder / "apart.txt").write_text(APART, encoding="utf-8")
    changed = folder / REPORTS[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\n補充：單一的窗口。\n",
                       encoding="utf-8")
    build_index(index_dir, [folder], workers=0)
    return index_dir
FILTERS = [Filters(), Filters(meeting="SCCP"), Filters(topic="AEO"), Filters(agency="關務署"),
           Filters(since="2019"), Filters(until="2020", trip_type="開會"),
           Filters(section="肆、三"), Filters(reports=("2016-apec-sccp2-report",))]


@st.composite
def queries(draw):
    a, b, c = (draw(st.sampled_from(WORDS)) for _ in range(3))
    form = draw(st.sampled_from(["{a}", "{a} {b}", "{a} AND {b}", "{a} OR {b}", "{a} -{b}",
                                 '"{a}"', "({a} OR {b}) {c}", "{a} {b} -{c}",
                                 "{a} NOT ({b} OR {c})"]))
    return form.format(a=a, b=b, c=c)


def against_brute_force(ix, check, max_examples: int) -> None:
    """check(query, filters, exact, expected) over drawn queries, filters and
    modes, with the brute-force count of each (draws whose filter names
    nothing known are passed over)."""
    @settings(max_examples=max_examples, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(queries(), st.sampled_from(FILTERS), st.booleans())
    def drawn(query, filters, exact):
        try:
            expected = brute_force(ix, query, filters, exact)
        except UnknownFilter:
            return
        check(query, filters, exact, expected)

    drawn()


@pytest.mark.parametrize("arrays_from", [candidates.ARRAYS_FROM, 0])
def test_the_count_is_a_brute_force_count(apart_archive, arrays_from, monkeypatch):
    from rsearch.indexer.retrieval import array_counts

    monkeypatch.setattr(candidates, "ARRAYS_FROM", arrays_from)
    # Over arrays, places are read in windows of three: runs cross them.
    monkeypatch.setattr(array_counts, "WINDOW", 3)
    with ReportIndex(apart_archive) as ix:
        assert ix.searcher.reader().has_deletions()

        def check(query, filters, exact, expected):
            assert ix.count(query, filters, exact=exact) == expected, query
            page = ix.page(query, filters, limit=3, exact=exact)
            assert page.totals == expected
            assert len(ix.search(query, filters, limit=10_000, exact=exact)) == expected.passages
            assert [h.id for h in page.hits] == [
                h.id for h in ix.search(query, filters, limit=3, exact=exact)]
            bounded = ix.page(query, filters, limit=3, exact=exact, bounded=True)
            assert bounded.totals == expected  # a page's undecided, no more: read
            assert [h.id for h in bounded.hits] == [h.id for h in page.hits]

        against_brute_force(ix, check, max_examples=120)


def test_a_range_of_totals_holds_the_count(apart_archive, monkeypatch):
    from rsearch.indexer.retrieval import search

    # Nothing undecided read: the least is what the index decides, the most
    # what it may hold; both exact when the index decides every passage.
    monkeypatch.setattr(search, "PAGE_READS", 0)
    ranged = []
    with ReportIndex(apart_archive) as ix:
        def check(query, filters, exact, expected):
            totals = ix.page(query, filters, limit=3, exact=exact, bounded=True).totals
            if totals.exact:
                assert totals == expected
                return
            ranged.append(query)
            most_passages, most_reports = totals.at_most
            assert totals.passages <= expected.passages <= most_passages
            assert totals.reports <= expected.reports <= most_reports
            assert (totals.passages, totals.reports) != (most_passages, most_reports)

        against_brute_force(ix, check, max_examples=80)
    assert ranged  # some query left passages undecided


def build_shared_prefix_index(tmp_path) -> None:
    """An index at tmp_path/index of four reports whose keys are alike in
    their first 20 bytes (a place holds no more of the key), as long and
    alone, and short."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for path, name in zip(REPORTS[:4], ["shared-prefix-of-keys-one", "shared-prefix-of-keys-two",
                                         "a-long-key-that-is-alone", "other"], strict=True):
        shutil.copy(path, folder / f"{name}.txt")
    build_index(tmp_path / "index", [folder], workers=0)


@pytest.mark.parametrize("lookups", [0, 10**6])
def test_reports_whose_keys_share_a_place_prefix_are_told_apart(tmp_path, monkeypatch, lookups):
    from rsearch.indexer.retrieval import index_counts

    # Shared parts looked up one by one (0), or in the lexicon read whole.
    monkeypatch.setattr(index_counts, "PART_LOOKUPS", lookups)
    build_shared_prefix_index(tmp_path)
    with ReportIndex(tmp_path / "index") as ix:
        for query in ("會議", "報告", "委員會", "安全 OR 第"):
            assert ix.count(query) == brute_force(ix, query, Filters(), False)
        assert ix.count("委員會") == Totals(12, 3)
        assert ix.count("報告").reports == 4
        assert ix._places is not None  # the place column read whole, per segment
        ix.__dict__["_places"] = None  # else looked up one passage at a time
        assert ix.count("委員會") == Totals(12, 3)
        assert (ix._report_prefixes._whole is None) == (lookups == 0)


@pytest.mark.parametrize("window", [1, 2, 5, 1 << 16])
def test_reports_counted_over_arrays_are_the_brute_force_count(tmp_path, monkeypatch, window):
    from rsearch.indexer.retrieval import array_counts

    # Every search counted over arrays, places read `window` at a time; keys
    # alike in their first 20 bytes told apart by their records.
    monkeypatch.setattr(candidates, "ARRAYS_FROM", 0)
    monkeypatch.setattr(array_counts, "WINDOW", window)
    read = []
    runs = array_counts.report_runs
    monkeypatch.setattr(array_counts, "report_runs",
                        lambda reader, docs: read.append(len(docs)) or runs(reader, docs))
    build_shared_prefix_index(tmp_path)
    with ReportIndex(tmp_path / "index") as ix:
        for query in ("會議", "報告", "委員會", "安全 OR 第", "AEO", "海關 -WCO"):
            assert ix.count(query) == brute_force(ix, query, Filters(), False), query
        assert ix.count("委員會") == Totals(12, 3)
        assert ix.count("報告").reports == 4
    assert len(read) >= 4 and min(read) > 0  # (a lone character is counted over sets)


def test_one_token_or_two_witnessed_side_by_side_decide_their_passages():
    for tokens in (["aeo"], ["关"], ["2016"]):
        assert decided_by_index(tokens) and decided_by_index(tokens, heading=True)
    assert decided_by_index(["海", "关"]) and decided_by_index(["海", "关"], heading=True)
    # A join witnesses two tokens side by side; headings have no joins.
    for tokens in (["single", "window"], ["e", "化"]):
        assert decided_by_index(tokens) and not decided_by_index(tokens, heading=True)
    assert not decided_by_index(["单", "一", "窗"])


# -- names suggested for an unknown value ------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["-m", "ACDB"], "unknown meeting 'ACDB'; did you mean: ACBD"),
    (["-m", "STAR-CTWF"], "unknown meeting 'STAR-CTWF'; did you mean: STAR-CTWG"),
    (["-t", "Cutsoms"], "unknown topic 'Cutsoms'; did you mean: Customs"),
    (["-t", "single windw"], "unknown topic 'single windw'; did you mean: Single Window"),
    (["-r", "2016-apec-scp2-report"],
     "unknown report '2016-apec-scp2-report'; did you mean: 2016-apec-sccp2-report"),
])
def test_an_unknown_value_suggests_the_closest_names(runner, cli_index, args, message):
    option = {"-m": "--meeting", "-t": "--topic", "-r": "--report"}[args[0]]
    for extra in ([], ["--count"]):
        result = run(runner, "search", "AEO", *args, *extra)
        assert result.exit_code == 2
        assert result.stderr == (f"Error: Invalid value for {option}: {message} "
                                 "(see 'cli search --help')\n")


def test_nothing_close_lists_the_known_names(runner, cli_index):
    result = run(runner, "search", "AEO", "-m", "QQQQQQ")
    # In the order of their keys, as `rsearch meetings` and `topics` list them.
    assert result.stderr.startswith("Error: Invalid value for --meeting: unknown meeting "
                                    "'QQQQQQ'; known: ACBD, APEC 反恐工作及貿易安全會議, CTI, "
                                    "SCCP, STAR-CTWG, ")


@given(st.text(alphabet="ABCDEFGHIJ", min_size=2, max_size=8), st.integers(0, 6))
def test_two_neighbours_swapped_are_one_edit(name, where):
    where = min(where, len(name) - 2)
    swapped = name[:where] + name[where + 1] + name[where] + name[where + 2:]
    assert edit_distance(swapped, name) == (0 if swapped == name else 1)
    assert edit_distance(name + "X", name) == 1 and edit_distance("", name) == len(name)


def test_a_whole_name_is_closer_than_a_word_inside_one():
    known = {"Customs": ["海關"], "ACBD": ["APEC Customs Business Dialogue"],
             "SCCP": ["Sub-Committee on Customs Procedures"]}
    assert closest("Custom", known) == ["Customs"]
    assert closest("Dialog", known) == ["ACBD"]
    assert closest("Procedure", known) == ["SCCP"]


def test_counting_reads_only_what_the_index_cannot_decide(apart_archive, monkeypatch):
    from rsearch.indexer.retrieval import topk

    read = []
    exact = topk.TopK.exact
    monkeypatch.setattr(topk.TopK, "exact", lambda self, d: read.append(d) or exact(self, d))
    with ReportIndex(apart_archive) as ix:
        # Names of one token or two, and names whose parts are: none read.
        for query in ("海關", "關", "WCO OR MRA", "會議 2016", "海關 -WCO", "電子商務"):
            assert ix.count(query).passages > 0
        assert read == []
        # Quoted, a name has no parts: passages holding its index terms are read,
        # those that hold them apart too, and they are not counted.
        totals = ix.count('"單一窗口"')
        texts = [StoredPassage.of(ix.stored[d]).text for d in set(read)]
        assert sum("單一窗口" not in t for t in texts) == 1  # 單一的一窗與窗口
        assert len(texts) == totals.passages + 1
        assert totals == brute_force(ix, '"單一窗口"', Filters(), False)


def test_reports_of_runs_laid_out_otherwise_are_counted_by_their_places(apart_archive,
                                                                        monkeypatch):
    # A count of many passages places them in runs of report documents; a run
    # not laid out as expected leaves its passages to their places.
    from rsearch.indexer.retrieval.index_counts import WHOLE_COLUMN
    from rsearch.indexer.storage import report_runs

    monkeypatch.setattr(report_runs._Run, "placed", lambda self, runs: None)
    with ReportIndex(apart_archive) as ix:
        for query in ("會議", "報告", "關", "單一窗口 OR AEO"):
            expected = brute_force(ix, query, Filters(), False)
            assert expected.passages * WHOLE_COLUMN >= ix.searcher.reader().doc_count_all()
            assert ix.count(query) == expected, query
