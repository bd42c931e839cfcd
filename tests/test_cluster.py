"""The same search on a cluster: two real `searchd` nodes on loopback, two
shards and a distributed table with an agent, filled by rsearch and compared
with the embedded index command by command; then the faults (a node down,
paused or refusing, a schema from another rsearch) and the processes left."""

from __future__ import annotations

import json
import shutil
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from rsearch.cli.main import cli
from rsearch.corpus import sample_report_path
from rsearch.indexer import build_index

from .searchd_nodes import SearchdCluster, alive, searchd_or_skip

FIXTURES = Path(__file__).parent / "fixtures"
QUERY_FILES = [FIXTURES / "queries.jsonl", Path(__file__).parent / "data" / "dev_queries.jsonl"]
# What the query files do not exercise: every filter, paging, --exact, the
# query syntax, one character, parts of a term, nothing found, bad values.
MORE = [
    ["AEO"], ["AEO", "--offset", "3", "--limit", "4"], ["單一窗口", "--exact"],
    ["AEO AND MRA"], ["海關 OR 檢疫"], ["海關", "-單一窗口"], ['"供應鏈 安全"'], ["稅"],
    ["貿易便捷"], ["法規", "--agency", "標準檢驗局"], ["會議", "--since", "2020"],
    ["會議", "--until", "108/12"], ["會議", "--type", "考察"], ["會議", "--type", "開會"],
    ["合作", "--report", "2023-wto-tbt-committee", "--report", "sample"],
    ["AEO", "--section", "肆、三"], ["評估", "--topic", "法規"], ["評估", "--meeting", "TBT"],
    ["不存在的詞彙"], ["AEO", "--meeting", "沒有這個會議"], ["AEO", "--agency", "外星署"],
    ["AEO", "--report", "no-such-report"], ["AEO", "--since", "明年"],
    ["化學品", "--limit", "30"],
]


def query_args() -> list[list[str]]:
    out = []
    for path in QUERY_FILES:
        for line in path.read_text("utf-8").splitlines():
            q = json.loads(line)
            args = [q["query"]]
            for option in ("meeting", "topic"):
                if q.get(option):
                    args += [f"--{option}", q[option]]
            out.append(args)
    return out + MORE


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for report in sorted((FIXTURES / "reports").iterdir()):
        shutil.copy(report, folder / report.name)
    shutil.copy(sample_report_path(), folder / "sample.txt")
    return folder


@pytest.fixture(scope="module")
def embedded(corpus, tmp_path_factory) -> list[str]:
    index_dir = tmp_path_factory.mktemp("embedded")
    build_index(index_dir, [corpus], workers=0)
    return ["--index-dir", str(index_dir)]


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    searchd = searchd_or_skip()
    with SearchdCluster(tmp_path_factory.mktemp("cluster"), searchd=searchd) as running:
        yield running


@pytest.fixture(scope="module")
def engine(nodes, corpus) -> list[str]:
    """The corpus pushed as a large archive is: prepared in worker processes
    past the first file, rows of several reports to a statement and a
    report's rows over several statements (the faults' cluster is pushed
    with the defaults: five files, prepared here)."""
    from rsearch.indexer.engines.sphinxql import feed

    args = ["--engine", nodes.engine_file]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feed, "IN_PROCESS_FILES", 1)
        patch.setattr(feed, "BATCH_ROWS", 7)
        result = CliRunner().invoke(cli, [*args, "index", str(corpus)])
    assert result.exit_code == 0, result.output
    return args


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def same(embedded: list[str], engine: list[str], *args: str) -> None:
    here, there = run(*embedded, *args), run(*engine, *args)
    # An error names where it looked: the index folder, or the cluster file.
    assert (there.exit_code, there.stdout, there.stderr) == (
        here.exit_code, here.stdout, here.stderr.replace(embedded[1], engine[1])), args


def test_every_query_answers_as_the_embedded_index(embedded, engine):
    for args in query_args():
        same(embedded, engine, "search", *args, "--format", "json")


def words_of(corpus: Path) -> list[str]:
    """Pieces of the reports' own text: Chinese runs cut to 1-4 characters,
    Latin words and numbers."""
    import re

    text = "".join(p.read_text("utf-8") for p in sorted(corpus.iterdir()))
    pieces = set(re.findall(r"[A-Za-z]{2,}|[0-9]{2,}", text))
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        pieces.update(run[i:i + n] for n in (1, 2, 3, 4) for i in range(0, len(run) - n + 1, 7))
    return sorted(pieces)


@pytest.fixture(scope="module")
def both(embedded, engine):
    from rsearch.indexer.engines import open_engine

    with open_engine(None, Path(embedded[1])) as here, \
            open_engine(engine[1], Path(embedded[1])) as there:
        yield here, there


def answer(store, query: str, filters, exact: bool, offset: int):
    from rsearch.indexer import SearchIndexError

    try:
        return [(h.id, h.score, h.match, h.highlights, h.citation)
                for h in store.search(query, filters, limit=10, offset=offset, exact=exact)]
    except SearchIndexError as e:
        return (type(e).__name__, str(e), e.hint)


def test_best_first_bounds_are_never_below_a_score(both, corpus):
    """Every candidate of every one-term query the corpus' words make: the
    bound the engine orders by, and the one rsearch stops by, are no lower
    than the exact score (then reading best first finds the same top)."""
    from rsearch.indexer.engines.sphinxql.ranking import (
        ENGINE_ROUNDING,
        FULL_MATCH,
        SLACK,
        BestFirst,
        IndexReads,
        Term,
        content_number,
        passage_of,
    )
    from rsearch.indexer.storage import dated, report_trip

    _, there = both
    checked = 0
    for word in words_of(corpus)[::3]:
        search = there._search(None)
        node, resolved, positive = search.prepared(word, False)
        if not (isinstance(node, Term) and all(
                IndexReads.required_grams(v.tokens) for v in positive[0].variants)):
            continue
        r, best = positive[0], BestFirst(search, node, resolved)
        match, where = search.candidates([tuple(v.tokens) for v in r.variants], headings=True)
        rows = best.candidates(r, match, where, 0, 100_000)
        assert [row[8] for row in rows] == sorted((row[8] for row in rows), reverse=True)
        for _, report, number, content, record, length, ranked, weight, engine in rows:
            passage = passage_of(report, record)
            # (What a search scores the passages of one content by: under a
            # day's dated heading, in its report's trip too.)
            trip = report_trip(search.lookups.report_data(report)) \
                if dated(passage.headings) else None
            assert (passage.report, passage.number, content_number(passage, trip)) == (
                report, number, content)
            score = search.exact(node, resolved, passage)
            bound = best.bound(r, weight, length, ranked)
            assert score <= bound, (word, report)
            assert bound <= FULL_MATCH + SLACK + r.idf * float(engine) * (1 + ENGINE_ROUNDING)
            checked += 1
    assert checked > 1000


def test_any_query_and_filter_answers_as_the_embedded_index(both, corpus):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from rsearch.indexer import Filters

    here, there = both
    words = words_of(corpus)
    filters = st.one_of(
        st.just(Filters()),
        st.builds(Filters, meeting=st.sampled_from(["TBT", "第二場次", "會議", "參訪"])),
        st.builds(Filters, topic=st.sampled_from(["法規", "暴露評估", "AEO"])),
        st.builds(Filters, section=st.sampled_from(["肆、三", "心得", "建議", "2.2"])),
        st.builds(Filters, since=st.sampled_from(["2019", "110", "2023-06"]),
                  until=st.sampled_from([None, "2023", "112/12/31"])),
        st.builds(Filters, trip_type=st.sampled_from(["開會", "考察", "研習"])),
        st.builds(Filters, agency=st.sampled_from(["關務署", "標準檢驗局", "經濟部"])))

    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(words), min_size=1, max_size=3), filters,
           st.booleans(), st.sampled_from([0, 0, 5]))
    def check(query_words, chosen, exact, offset):
        query = " ".join(query_words)
        assert answer(there, query, chosen, exact, offset) == answer(
            here, query, chosen, exact, offset)

    check()


def test_counts_and_totals_lines_equal_the_embedded_index(embedded, engine):
    """--count in each format, the table's totals line, a page past the end and
    the names suggested for an unknown filter value, as the embedded index's."""
    for args in [*MORE, ["AEO", "--offset", "40"], ["AEO", "--meeting", "ACDB"],
                 ["AEO", "--topic", "Cutsoms"], ["AEO", "--report", "sampel"],
                 ["海關", "-單一窗口", "--exact"], ['"單一窗口"'], ["關"]]:
        same(embedded, engine, "search", *args)
        for fmt in ("table", "json", "csv"):
            same(embedded, engine, "search", *args, "--count", "--format", fmt)
    assert run(*engine, "search", "AEO", "--count").stdout == "23 passages in 1 report\n"


def test_any_query_and_filter_counts_as_the_embedded_index(both, corpus):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from rsearch.indexer import Filters, SearchIndexError

    here, there = both
    words = words_of(corpus)
    filters = st.sampled_from([Filters(), Filters(meeting="TBT"), Filters(topic="法規"),
                               Filters(agency="關務署"), Filters(since="2019", until="2023"),
                               Filters(section="心得"), Filters(trip_type="開會")])
    forms = ["{a}", "{a} {b}", "{a} OR {b}", "{a} -{b}", '"{a}{b}"', "{a} AND {b}"]

    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(words), st.sampled_from(words), st.sampled_from(forms), filters,
           st.booleans())
    def check(a, b, form, chosen, exact):
        query = form.format(a=a, b=b)
        try:
            expected = here.count(query, chosen, exact=exact)
        except SearchIndexError:
            return
        assert there.count(query, chosen, exact=exact) == expected, query
        page = there.page(query, chosen, limit=3, exact=exact)
        assert page.totals == expected
        assert [h.id for h in page.hits] == [
            h.id for h in here.search(query, chosen, limit=3, exact=exact)]

    check()


def test_tables_and_listings_equal_the_embedded_index(embedded, engine):
    hits = json.loads(run(*embedded, "search", "AEO", "--format", "json").stdout)
    ids = [hit["id"] for hit in hits[:3]]
    for args in (["search", "單一窗口"], ["show", ids[0], "--context", "2"],
                 ["show", ids[1], "--format", "json"], ["cite", *ids],
                 ["show", "sample:99999"], ["show", "nonsense"],
                 ["meetings", "--format", "json"], ["topics", "--format", "json"],
                 ["reports", "--format", "json"], ["reports", "--agency", "關務署"],
                 ["reports", "--since", "2022", "--format", "csv"], ["meetings"], ["topics"],
                 ["reports", "--limit", "2", "--offset", "1", "--format", "json"],
                 ["meetings", "--limit", "3", "--offset", "2", "--type", "開會"],
                 ["topics", "--since", "2022", "--format", "json"],
                 ["topics", "--limit", "2", "--offset", "1", "--format", "csv"],
                 *(["search", query, "--by", by, "--format", "json"]
                   for query in ("單一窗口", "AEO OR 風險", "海關 -單一窗口", '"e-commerce"')
                   for by in ("year", "agency", "type", "meeting", "report")),
                 ["search", "單一窗口", "--by", "year"],
                 ["search", "AEO", "--by", "report", "--since", "2022", "--format", "csv"]):
        same(embedded, engine, *args)


def test_listings_page_in_the_engine_as_the_embedded_index_pages(embedded, engine):
    """Pages of one report from the engine (each next of two, then four...):
    every offset and limit lists what the embedded index lists."""
    from rsearch.indexer.engines.sphinxql import listing

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(listing, "FIRST_PAGE", 1)
        for offset in range(0, 7):
            for limit in (1, 2, 5):
                for what in (["reports"], ["meetings"], ["reports", "--since", "2022"]):
                    same(embedded, engine, *what, "--offset", str(offset), "--limit",
                         str(limit), "--format", "json")


def test_a_listing_reads_the_reports_of_its_page(engine, nodes):
    """A first page reads the reports of a first engine page, not every report."""
    from rsearch.indexer.engines import open_engine
    from rsearch.indexer.engines.sphinxql import listing

    with pytest.MonkeyPatch.context() as patch, \
            open_engine(engine[1], Path(nodes.folder)) as there:
        patch.setattr(listing, "FIRST_PAGE", 2)
        first = list(there.reports(limit=1))
        # (A page ends on a whole date: of two reports dated apart, one is read.)
        assert len(first) == 1 and list(there.listings._reports) == [first[0]["key"]]
        every = list(there.reports())
        assert len(every) == 5 and every[:1] == first


def test_rows_are_sharded_by_report_over_both_nodes(engine, nodes):
    import pymysql

    held = []
    for shard in nodes.cluster.shards:
        node = nodes.cluster.node(shard.node)
        with pymysql.connect(host=node.host, port=node.port, autocommit=True) as conn, \
                conn.cursor() as cursor:
            cursor.execute(f"SELECT report FROM {shard.table} WHERE kind = 2")
            held.append(sorted(r[0] for r in cursor.fetchall()))
    assert sorted(held[0] + held[1]) == ["2019-oecd-digital-economy",
                                         "2022-chemical-safety-workshop",
                                         "2023-wto-tbt-committee", "2024-biosecurity-study-tour",
                                         "sample"]
    assert held[0] and held[1]


@given(st.text(alphabet=st.sampled_from("ab\\'\"\0\n\r\x1a中%") | st.characters()))
def test_strings_are_quoted_as_pymysql_quotes_them(text):
    from pymysql.converters import escape_str
    from rsearch.indexer.engines.sphinxql.feed import quoted

    assert quoted(text) == escape_str(text)


def test_cluster_init_writes_configs_and_the_cluster_file(tmp_path):
    result = run("cluster", "init", str(tmp_path / "c"), "--nodes", "2", "--base-port", "9400")
    folder = (tmp_path / "c").resolve()
    assert result.exit_code == 0
    assert result.stdout == (
        f"searchd --config {folder}/node1.conf    # node1: SphinxQL 127.0.0.1:9400, agent 9401\n"
        f"searchd --config {folder}/node2.conf    # node2: SphinxQL 127.0.0.1:9402, agent 9403\n"
        f"rsearch --engine {folder}/cluster.json index PATHS\n")
    first = (folder / "node1.conf").read_text("utf-8")
    second = (folder / "node2.conf").read_text("utf-8")
    assert "    local = rsearch_shard1\n    agent = 127.0.0.1:9403:rsearch_shard2\n" in first
    assert "listen = 127.0.0.1:9400:mysql41\n    listen = 127.0.0.1:9401\n" in first
    assert f"pid_file = {folder}/node2/searchd.pid" in second
    assert "index rsearch\n" not in second and "index rsearch_shard2\n" in second
    cluster = json.loads((folder / "cluster.json").read_text("utf-8"))
    assert [n["port"] for n in cluster["nodes"]] == [9400, 9402]
    assert cluster["shards"] == [{"table": "rsearch_shard1", "node": "node1"},
                                 {"table": "rsearch_shard2", "node": "node2"}]


def test_unknown_engine_is_one_line(tmp_path):
    result = run("--engine", str(tmp_path / "nowhere.json"), "search", "AEO")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot read the cluster file {tmp_path / 'nowhere.json'}: No such file or "
        "directory; give sphinxql://HOST:PORT, the cluster.json that `rsearch cluster init` "
        "wrote, or no --engine for the index folder\n")


# -- faults: a cluster of its own, with short timeouts -------------------------

@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    searchd = searchd_or_skip()
    folder = tmp_path_factory.mktemp("faulty")
    reports = folder / "reports"
    shutil.copytree(FIXTURES / "reports", reports)
    with SearchdCluster(folder / "nodes", searchd=searchd, connect_timeout=1.0,
                        read_timeout=2.0) as running:
        assert run("--engine", running.engine_file, "index", str(reports)).exit_code == 0
        yield running, reports


def timed(*args: str):
    started = time.monotonic()
    result = run(*args)
    return result, time.monotonic() - started


def agent_of(nodes, name: str) -> str:
    node = nodes.cluster.node(name)
    return f"{node.host}:{node.agent_port}"


def sql_of(nodes, name: str) -> str:
    node = nodes.cluster.node(name)
    return f"{node.host}:{node.port}"


def hint(name: str) -> str:
    return f"start it (searchd --config DIR/{name}.conf) and try again\n"


def test_a_stopped_node_is_named_at_once_or_left_out_when_allowed(faulty):
    nodes, reports = faulty
    engine = ["--engine", nodes.engine_file]
    whole = json.loads(run(*engine, "search", "評估", "--format", "json").stdout)
    nodes.stop("node2")
    try:
        result, seconds = timed(*engine, "search", "評估")
        assert result.exit_code == 1 and seconds < 5
        assert result.stderr.startswith(
            f"Error: node node2 ({agent_of(nodes, 'node2')}) did not reply: ")
        assert result.stderr.endswith("; start it (searchd --config DIR/node2.conf), or pass "
                                      "--allow-partial to answer from the shards that replied\n")
        partial = run(*engine, "--allow-partial", "search", "評估", "--format", "json")
        assert partial.exit_code == 0
        assert partial.stderr == (f"Warning: partial answer: node node2 "
                                  f"({agent_of(nodes, 'node2')}) did not reply; "
                                  "rsearch_shard2 left out.\n")
        on_first = {h["report"] for h in json.loads(partial.stdout)}
        assert on_first and on_first < {h["report"] for h in whole}
        # Writing to the stopped node's shard: refused, named.
        (reports / "2024-biosecurity-study-tour.txt").write_text(
            (FIXTURES / "reports" / "2024-biosecurity-study-tour.txt").read_text("utf-8")
            + "\n\n新增一段。\n", "utf-8")
        (reports / "2019-oecd-digital-economy.txt").write_text(
            (FIXTURES / "reports" / "2019-oecd-digital-economy.txt").read_text("utf-8")
            + "\n\n新增一段。\n", "utf-8")
        result, seconds = timed(*engine, "index")
        assert result.exit_code == 1 and seconds < 5
        assert result.stderr.startswith(
            f"Error: node node2 ({agent_of(nodes, 'node2')}) did not reply: ")
        # Its own SQL port: refused, named.
        result = run("--engine", f"sphinxql://{sql_of(nodes, 'node2')}", "reports")
        assert result.exit_code == 1
        assert result.stderr == (f"Error: node node1 ({sql_of(nodes, 'node2')}) refused the "
                                 f"connection (is searchd running?); {hint('node1')}")
    finally:
        nodes.start("node2")
        for name in ("2024-biosecurity-study-tour.txt", "2019-oecd-digital-economy.txt"):
            shutil.copy(FIXTURES / "reports" / name, reports / name)
    # Back up: every shard answers again, as before.
    result = run(*engine, "index")
    assert " 0 added, 0 updated, 0 removed, 4 unchanged, " in result.stdout
    assert json.loads(run(*engine, "search", "評估", "--format", "json").stdout) == whole


def test_a_paused_node_costs_a_bounded_wait(faulty):
    nodes, _ = faulty
    engine = ["--engine", nodes.engine_file]
    for name, expected in (("node2", f"Error: node node2 ({agent_of(nodes, 'node2')}) did "
                                     "not reply: "),
                           ("node1", f"Error: node node1 ({sql_of(nodes, 'node1')}) did not "
                                     f"answer within 2 s; {hint('node1')}")):
        nodes.signal(name, signal.SIGSTOP)
        try:
            result, seconds = timed(*engine, "search", "評估")
        finally:
            nodes.signal(name, signal.SIGCONT)
        assert result.exit_code == 1 and seconds < 6, (name, seconds)
        assert result.stderr.startswith(expected), result.stderr


def test_connections_the_nodes_closed_are_opened_again(faulty, tmp_path):
    """One engine kept open while its nodes drop its connections (searchd
    closes a SphinxQL connection idle for 15 minutes, as after the long wait
    that follows a large push; here the nodes are restarted): the next
    search and listing answer as before; a node that stays down is named as
    refusing, not as slow."""
    from rsearch.indexer.engines import EngineUnavailable, open_engine

    nodes, _ = faulty
    with open_engine(nodes.engine_file, tmp_path) as engine:
        before = [(h.id, h.score) for h in engine.search("評估")]
        listed = list(engine.reports())
        assert before and listed
        nodes.stop()
        nodes.start()
        assert [(h.id, h.score) for h in engine.search("評估")] == before
        assert list(engine.reports()) == listed
        nodes.stop("node1")
        try:
            with pytest.raises(EngineUnavailable) as failed:
                engine.search("評估")
        finally:
            nodes.start("node1")
        assert str(failed.value) == (f"node node1 ({sql_of(nodes, 'node1')}) refused the "
                                     "connection (is searchd running?)")
        assert [(h.id, h.score) for h in engine.search("評估")] == before


def test_a_cluster_filled_by_another_rsearch_is_refused(faulty):
    import pymysql

    nodes, _ = faulty
    engine = ["--engine", nodes.engine_file]
    entry = nodes.cluster.entry
    with pymysql.connect(host=entry.host, port=entry.port, autocommit=True) as conn, \
            conn.cursor() as cursor:
        cursor.execute("SELECT value FROM rsearch_meta WHERE id = 1")
        record = json.loads(cursor.fetchone()[0])
        cursor.execute("REPLACE INTO rsearch_meta (id, body, value) VALUES (1, 'meta', %s)",
                       (json.dumps({**record, "schema": {"layout": 0}}),))
    result = run(*engine, "search", "評估")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: the cluster {nodes.engine_file} was filled for {{'layout': 0}}; this rsearch "
        f"needs {record['schema']}; write the configs again with `rsearch cluster init`, "
        "restart the nodes on empty data folders, then `rsearch index --rebuild`\n")
    assert run(*engine, "index", "--rebuild").exit_code == 0
    assert run(*engine, "search", "評估").exit_code == 0


def test_check_names_every_node_that_fails_it_and_a_foreign_schema(faulty):
    import pymysql

    nodes, _ = faulty
    engine = ["--engine", nodes.engine_file]
    sound = (f"The index in {nodes.engine_file} is sound: 2 nodes answer, 2 shard tables "
             "hold this rsearch's columns, the meta record has its schema (Sphinx verifies "
             "its own files: indextool --check).\n")
    failed = (f"Error: the cluster {nodes.engine_file} did not pass the check; start the "
              "nodes named, or for missing tables or columns write the configs again with "
              "`rsearch cluster init`, restart the nodes on empty data folders, then "
              "`rsearch index --rebuild`\n")
    result = run(*engine, "check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, sound, "")
    nodes.stop("node2")
    try:
        result = run(*engine, "check")
    finally:
        nodes.start("node2")
    assert result.exit_code == 1
    assert result.stderr == (f"node node2 ({sql_of(nodes, 'node2')}) refused the connection "
                             f"(is searchd running?)\n{failed}")
    entry = nodes.cluster.entry
    with pymysql.connect(host=entry.host, port=entry.port, autocommit=True) as conn, \
            conn.cursor() as cursor:
        cursor.execute("SELECT value FROM rsearch_meta WHERE id = 1")
        value = cursor.fetchone()[0]
        record = json.loads(value)
        cursor.execute("REPLACE INTO rsearch_meta (id, body, value) VALUES (1, 'meta', %s)",
                       (json.dumps({**record, "schema": {"layout": 0}}),))
        try:
            result = run(*engine, "check")
        finally:
            cursor.execute("REPLACE INTO rsearch_meta (id, body, value) VALUES (1, 'meta', %s)",
                           (value,))
    assert result.exit_code == 1
    assert result.stderr == (f"the cluster {nodes.engine_file} was filled for {{'layout': 0}}; "
                             f"this rsearch needs {record['schema']}\n{failed}")
    assert run(*engine, "check").stdout == sound


def test_updates_are_incremental_and_a_cut_push_converges(faulty, tmp_path):
    from rsearch.corpus import ReportFile
    from rsearch.indexer.build import prepare
    from rsearch.indexer.engines import open_engine
    from rsearch.indexer.engines.sphinxql.push import Pusher
    from rsearch.indexer.engines.sphinxql.rows import rows_of

    nodes, reports = faulty
    engine = ["--engine", nodes.engine_file]
    assert (": 0 added, 0 updated, 0 removed, 4 unchanged, 0 skipped in "
            in run(*engine, "index").stdout)
    changed = reports / "2023-wto-tbt-committee.txt"
    changed.write_text(changed.read_text("utf-8") + "\n\n另討論量子標籤之推動情形。\n", "utf-8")
    result = run(*engine, "index")
    assert " 0 added, 1 updated, 0 removed, 3 unchanged, " in result.stdout
    # A push cut short: the report's old rows deleted, a few new ones written,
    # no report row. Run again, it ends as a whole push does.
    path = changed.resolve()
    data = path.read_bytes()
    prepared = prepare(ReportFile(path, "2023-wto-tbt-committee", "x", data))
    pusher = Pusher(open_engine(nodes.engine_file, tmp_path).nodes)
    pusher.delete(prepared.key)
    pusher.write(rows_of(prepared.documents)[:3])
    result = run(*engine, "index")
    assert " 1 added, 0 updated, 0 removed, 3 unchanged, " in result.stdout
    index_dir = tmp_path / "embedded"
    build_index(index_dir, [reports], workers=0)
    for args in (["search", "量子標籤", "--format", "json"], ["reports", "--format", "json"],
                 ["meetings", "--format", "json"]):
        same(["--index-dir", str(index_dir)], engine, *args)
    same(["--index-dir", str(index_dir)], engine, "remove", str(changed))  # inside a folder
    result = run(*engine, "remove", str(reports))
    assert result.exit_code == 0 and result.stdout.startswith(
        f"Removed 4 reports from {nodes.engine_file} in ")
    assert run(*engine, "search", "量子標籤").exit_code == 1
    assert run(*engine, "index", str(reports)).exit_code == 0


def test_duplicates_are_settled_as_the_embedded_index_does(faulty, tmp_path):
    import re

    nodes, reports = faulty
    engine, embedded = ["--engine", nodes.engine_file], ["--index-dir", str(tmp_path / "ix")]
    build_index(tmp_path / "ix", [reports], workers=0)
    folder = tmp_path / "copies"
    folder.mkdir()
    # Not one of the cluster's reports: a text of its own.
    source = tmp_path / "report.txt"
    source.write_text((FIXTURES / "reports" / "2019-oecd-digital-economy.txt").read_text("utf-8")
                      + "\n會後另行補充之說明。\n", encoding="utf-8")
    shutil.copy(source, folder / "b.txt")
    shutil.copy(source, folder / "c.txt")

    def both(*args: str) -> tuple[str, str]:
        here, there = run(*embedded, *args), run(*engine, *args)
        assert here.exit_code == there.exit_code == 0, (here.output, there.output)
        assert here.stderr == there.stderr
        tail = re.compile(r"^Indexed .*?: (.*) in \d+\.\d s\.\n$")
        if args[0] == "index":
            assert tail.sub(r"\1", here.stdout) == tail.sub(r"\1", there.stdout)
        else:
            assert here.stdout == there.stdout
        return tail.sub(r"\1", there.stdout), there.stderr

    try:
        assert both("index", str(folder)) == (
            "1 added, 0 updated, 0 removed, 4 unchanged, 1 skipped (1 duplicate)",
            f"skipped {folder / 'c.txt'}: the same report as {folder / 'b.txt'}, indexed once\n")
        shutil.copy(source, folder / "a.txt")  # sorts first; b.txt stood first
        assert both("index")[0].startswith("0 added, 0 updated, 0 removed, 5 unchanged, "
                                           "2 skipped (2 duplicates)")
        both("reports", "--format", "json")
        (folder / "b.txt").unlink()
        assert both("index")[0].startswith("1 added, 0 updated, 1 removed, 4 unchanged, "
                                           "1 skipped (1 duplicate)")
        reports = json.loads(both("reports", "--format", "json")[0])
        assert [(r["path"], r["duplicates"]) for r in reports if r["duplicates"]] == [
            (str(folder / "a.txt"), [str(folder / "c.txt")])]
    finally:
        assert run(*engine, "remove", str(folder)).exit_code == 0
    assert not any(r["duplicates"] for r in json.loads(
        run(*engine, "reports", "--format", "json").stdout))


def test_no_searchd_is_left_running(tmp_path):
    with SearchdCluster(tmp_path / "nodes", searchd=searchd_or_skip()) as running:
        started = running.processes()
        assert len(started) >= 2 and all(map(alive, started))
        # (A cluster nothing was pushed to yet says so.)
        result = run("--engine", running.engine_file, "search", "AEO")
        assert (result.exit_code, result.stderr) == (
            1, f"Error: the cluster {running.engine_file} holds no reports yet; run "
               f"`rsearch --engine {running.engine_file} index PATHS`\n")
    assert not any(map(alive, started))


def test_without_searchd_ci_fails_and_a_developer_skips(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="searchd is missing, and CI must run"):
        searchd_or_skip()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="not installed on this developer machine"):
        searchd_or_skip()
