import csv
import io
import json
import re
from pathlib import Path

import pytest
from rsearch.cli.main import cli

from .conftest import copy_sample, refuse_reading

CITATION = ("財政部關務署，〈出席 2016 年 APEC 第 2 次關務程序次級委員會及相關會議報告〉，"
            "105 年 10 月 20 日")
ANNEX_4 = "Initiative on Single Window Systems International Interoperability (SWS II) (秘魯)"


def run(runner, *args):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_help_has_examples(runner):
    result = run(runner, "--help")
    assert result.exit_code == 0
    assert "rsearch search 單一窗口" in result.stdout
    for command in ("index", "search", "show", "cite", "meetings", "topics", "reports"):
        assert command in result.stdout
    assert "rsearch search \"AEO AND MRA\"" in run(runner, "search", "--help").stdout


def test_every_command_s_help_shows_an_example(runner):
    for name, command in sorted(cli.commands.items()):
        text = run(runner, name, "--help").stdout
        assert re.search(rf"Examples?:\n +rsearch {name}\b", text), name
        for sub in getattr(command, "commands", {}):
            text = run(runner, name, sub, "--help").stdout
            assert re.search(r"Examples?:\n +rsearch ", text), sub


def test_index_says_what_it_indexed(runner, tmp_path):
    result = run(runner, "index")
    assert result.exit_code == 0
    assert re.fullmatch(
        rf"Indexed 1 report \(110 passages\) into {re.escape(str(tmp_path / 'index'))}: "
        r"1 added, 0 updated, 0 removed, 0 unchanged, 0 skipped in \d+\.\d s\.\n", result.stdout)
    again = run(runner, "index")
    assert ": 0 added, 0 updated, 0 removed, 1 unchanged, 0 skipped" in again.stdout


def test_index_warns_when_the_paths_hold_no_reports(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run(runner, "index", str(tmp_path / "empty"))
    assert result.exit_code == 0
    assert result.stderr == ("Warning: no report files (*.txt, *.text, *.pdf, *.docx, *.odt) under "
                             f"{tmp_path / 'empty'}; name the folders that hold them.\n")
    assert result.stdout.startswith("Indexed 0 reports (0 passages)")
    search = runner.invoke(cli, ["search", "AEO"])
    assert (search.exit_code, search.stdout, search.stderr) == (
        1, "", "No passages match 'AEO'.\n")


def test_search_table(runner, cli_index):
    result = run(runner, "search", '"UNI-PASS"', "--limit", "1")
    assert result.exit_code == 0
    assert result.stdout == (
        "rank    id                         meeting    section                    snippet\n"
        "------  -------------------------  ---------  -------------------------  "
        "-----------------------------------------------------------------------\n"
        "1       2016-apec-sccp2-report:21  SCCP       肆、三、(七) 單一窗口議題  "
        "…新導入之第 4 代 [UNI-PASS] 資訊系統，該系統以電腦化處理所有的海關業務…\n")


def test_search_words_without_quotes(runner, cli_index):
    result = run(runner, "search", "附件", "4", "--limit", "1", "--format", "json")
    assert json.loads(result.stdout)[0]["id"] == "2016-apec-sccp2-report:20"


@pytest.mark.parametrize("words", [["海關", "-單一窗口"], ["-單一窗口", "海關"]])
def test_search_dash_word_excludes_it(runner, cli_index, words):
    result = run(runner, "search", *words, "-n", "20", "-f", "json")
    expected = run(runner, "search", "海關 NOT 單一窗口", "-n", "20", "-f", "json")
    assert result.exit_code == 0
    assert result.stdout == expected.stdout
    assert "單一窗口" not in result.stdout


def test_search_json(runner, cli_index):
    result = run(runner, "search", "SUNAT", "--limit", "1", "--format", "json")
    assert result.exit_code == 0
    [hit] = json.loads(result.stdout)
    assert list(hit)[:9] == ["id", "rank", "score", "text", "report", "section", "meeting",
                             "topics", "citation"]
    assert hit["id"] == "2016-apec-sccp2-report:8"
    assert hit["rank"] == 1
    assert hit["text"] == ("Mr. Gustavo Romero, Chief Intendant of Management and Customs Control,"
                           " 秘魯海關(SUNAT)")
    assert hit["meeting"] == "SCCP"
    assert hit["section"] == "肆、一、會議主席"
    assert hit["topics"] == ["SCCP", "Customs"]
    assert hit["citation"] == f"{CITATION}，肆、一、會議主席，第 1 段"
    assert "秘魯海關" in result.stdout  # ensure_ascii=False


def test_search_csv(runner, cli_index):
    result = run(runner, "search", "SUNAT", "--limit", "1", "--format", "csv")
    assert result.stdout == (
        "id,rank,score,text,report,section,meeting,topics,citation,match\n"
        "2016-apec-sccp2-report:8,1,105.2423,\"Mr. Gustavo Romero, Chief Intendant of Management "
        "and Customs Control, 秘魯海關(SUNAT)\",2016-apec-sccp2-report,肆、一、會議主席,SCCP,"
        f"SCCP; Customs,{CITATION}，肆、一、會議主席，第 1 段,exact\n")


def test_search_csv_of_passages_that_cite_annexes(runner, cli_index):
    result = run(runner, "search", "議程採認", "--limit", "2", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "rank", "score", "text", "report", "section", "meeting", "topics",
                       "citation", "match"]
    assert [row[0] for row in rows[1:]] == ["2016-apec-sccp2-report:11",
                                            "2016-apec-sccp2-report:69"]


def test_search_markdown_gives_quotable_blocks(runner, cli_index):
    result = run(runner, "search", "議程採認", "--limit", "1", "--format", "markdown")
    assert result.stdout == (
        "> 採認 2016 年 SCCP 第 2 次會議議程。(附件 1)\n\n"
        f"— {CITATION}，肆、三、(二) 議程採認，第 1 段 [2016-apec-sccp2-report:11; "
        "heading match]\n")
    exact = run(runner, "search", "SUNAT", "--limit", "1", "--format", "markdown")
    assert exact.stdout.endswith("，肆、一、會議主席，第 1 段 [2016-apec-sccp2-report:8]\n")


def test_partial_and_alias_matches_are_labelled(runner, cli_index):
    hits = json.loads(run(runner, "search", "附件正文標記", "-f", "json").stdout)
    assert hits and {h["match"] for h in hits} == {"partial"}
    assert all(h["score"] < 1 for h in hits)
    table = run(runner, "search", "附件正文標記", "-n", "2").stdout.splitlines()
    assert table[0].split() == ["rank", "id", "match", "meeting", "section", "snippet"]
    assert table[2].split()[2] == "partial"
    names = json.loads(run(runner, "search", "Passenger Name Record", "-f", "json").stdout)
    assert names[0]["match"] == "exact" and "alias" in {h["match"] for h in names}


def test_exact_finds_the_terms_as_typed_only(runner, cli_index):
    result = run(runner, "search", "Passenger Name Record", "--exact", "-f", "json")
    hits = json.loads(result.stdout)
    assert hits and all("Passenger Name Record" in h["text"] for h in hits)
    assert {h["match"] for h in hits} == {"exact"}
    assert run(runner, "search", "附件正文標記", "--exact").exit_code == 1


def test_search_with_no_hits(runner, cli_index):
    result = run(runner, "search", "xyzzy")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "No passages match 'xyzzy'.\n"
    as_json = run(runner, "search", "xyzzy", "-f", "json")
    assert (as_json.exit_code, json.loads(as_json.stdout)) == (1, [])


def test_show_with_context_and_annex(runner, cli_index):
    result = run(runner, "show", "2016-apec-sccp2-report:20", "--context", "1")
    assert result.exit_code == 0
    lines = result.stdout.split("\n\n")
    assert lines[0] == (
        "id:        2016-apec-sccp2-report:20\n"
        "section:   肆、三、(七) 單一窗口議題\n"
        "meeting:   SCCP\n"
        "topics:    SCCP, CTI, Customs, Single Window\n"
        f"citation:  {CITATION}，肆、三、(七) 單一窗口議題，第 2 段\n"
        f"annex:     附件 4: {ANNEX_4}")
    assert lines[1].startswith("[context before: 2016-apec-sccp2-report:19]\n經濟合作暨發展組織")
    assert lines[2].startswith("[2016-apec-sccp2-report:20]\n秘魯簡報「提升單一窗口國際介接力」")
    assert lines[3].startswith("[context after: 2016-apec-sccp2-report:21]\n韓國簡報其海關單一窗口")
    assert "第 4 代 UNI-PASS" in lines[3]


def test_show_context_is_bounded(runner, cli_index):
    data = json.loads(run(runner, "show", "2016-apec-sccp2-report:4", "--context", "50",
                          "-f", "json").stdout)
    assert [r["number"] for r in data["context"]["before"]] == [1, 2, 3]
    assert [r["number"] for r in data["context"]["after"]] == list(range(5, 55))
    result = runner.invoke(cli, ["show", "2016-apec-sccp2-report:4", "--context", "51"])
    assert result.exit_code == 2
    assert "Invalid value for '--context' / '-c': 51 is not in the range 0<=x<=50." in (
        result.stderr)


def test_context_costs_what_the_report_holds_not_the_range_asked(cli_index):
    import time

    from rsearch.indexer import ReportIndex

    with ReportIndex(cli_index) as ix:
        start = time.perf_counter()
        before, after = ix.context("2016-apec-sccp2-report:4", 1_000_000_000)
        seconds = time.perf_counter() - start
        assert [r.number for r in before] == [1, 2, 3]
        assert [r.number for r in after] == list(range(5, 111))
        assert (before, after) == ix.context("2016-apec-sccp2-report:4", 106)
        assert ix.context("2016-apec-sccp2-report:4", 0) == ([], [])
    assert seconds < 2  # walking the range asked took some 50 s


def test_show_json_and_markdown(runner, cli_index):
    data = json.loads(run(runner, "show", "2016-apec-sccp2-report:20", "-c", "1",
                          "-f", "json").stdout)
    assert data["annexes"] == [{"number": 4, "title": ANNEX_4, "label": "附件 4"}]
    assert [r["id"] for r in data["context"]["before"]] == ["2016-apec-sccp2-report:19"]
    assert [r["id"] for r in data["context"]["after"]] == ["2016-apec-sccp2-report:21"]
    result = run(runner, "show", "2016-apec-sccp2-report:11", "-f", "markdown")
    assert result.stdout == (
        "> 採認 2016 年 SCCP 第 2 次會議議程。(附件 1)\n\n"
        f"— {CITATION}，肆、三、(二) 議程採認，第 1 段\n\n"
        "Annexes cited:\n\n"
        "- 附件 1: Agenda of SCCP 2\n")


def test_cite_formats(runner, cli_index):
    ids = ["2016-apec-sccp2-report:11", "2016-apec-sccp2-report:49"]
    markdown = run(runner, "cite", *ids)
    assert markdown.stdout == (
        "> 採認 2016 年 SCCP 第 2 次會議議程。(附件 1)\n\n"
        f"— {CITATION}，肆、三、(二) 議程採認，第 1 段\n\n"
        "> 會員採認 2016 SCCP 2 會議紀錄。(附件 15)\n\n"
        f"— {CITATION}，肆、三、(十六) 2016 SCCP 2 會議紀錄採認，第 1 段\n")
    plain = run(runner, "cite", ids[0], "--format", "plain")
    assert plain.stdout == ("「採認 2016 年 SCCP 第 2 次會議議程。(附件 1)」\n"
                            f"{CITATION}，肆、三、(二) 議程採認，第 1 段\n")
    data = json.loads(run(runner, "cite", ids[0], "-f", "json").stdout)
    assert data == [{"id": ids[0], "text": "採認 2016 年 SCCP 第 2 次會議議程。(附件 1)",
                     "citation": f"{CITATION}，肆、三、(二) 議程採認，第 1 段"}]


def test_meetings(runner, cli_index):
    result = run(runner, "meetings", "--format", "csv")
    assert result.stdout.splitlines()[0] == "report,meeting,kind,passages,names"
    rows = json.loads(run(runner, "meetings", "-f", "json").stdout)
    assert [(r["meeting"], r["kind"], r["passages"]) for r in rows] == [
        ("SCCP", "meeting", 43), ("ACBD", "meeting", 8), ("STAR-CTWG", "meeting", 10),
        ("APEC 反恐工作及貿易安全會議", "meeting", 3), ("CTI", "meeting", 10),
        ("分組討論", "session", 1)]
    assert {r["report"] for r in rows} == {"2016-apec-sccp2-report"}
    assert "Secure Trade in the APEC Region Conference" in rows[2]["names"]
    table = run(runner, "meetings").stdout
    # Columns as wide as their widest cell (the sub-meeting's name).
    assert re.split(r"  +", table.splitlines()[2])[:5] == [
        "2016-apec-sccp2-report", "SCCP", "meeting", "43", "SCCP, 關務程序次級委員會會議, "
        "Sub-Committee on Customs Procedures, 關務程序次級委員會(Sub-Committee on Customs "
        "Procedures, SCCP)會議, 關務程序次級委員會"]
    assert run(runner, "meetings", "-f", "markdown").stdout.startswith("| report ")


def test_topics_and_reports(runner, cli_index):
    topics = json.loads(run(runner, "topics", "-f", "json").stdout)
    ipr = next(t for t in topics if t["topic"] == "IPR")
    assert ipr == {"topic": "IPR", "passages": 5, "names": ["IPR", "智慧財產權"],
                   "glossary": ["IPRs", "Intellectual Property Rights", "Intellectual property"],
                   "user glossary": []}
    reports = json.loads(run(runner, "reports", "-f", "json").stdout)
    assert [(r["report"], r["passages"], r["report_date"], r["report_date_iso"])
            for r in reports] == [("2016-apec-sccp2-report", 110, "105 年 10 月 20 日",
                                   "2016-10-20")]
    assert (reports[0]["trip_type"], reports[0]["period_start"], reports[0]["period_end"]) == (
        "開會", "2016-08-13", "2016-08-24")
    assert reports[0]["authors"] == ["財政部關務署 副組長 陳翠琴", "財政部關務署 簡任稽核 張淑絹"]
    assert run(runner, "reports", "-f", "csv").stdout.startswith(
        "report,passages,title,agency,authors,trip_type,trip_type_written,place,period,"
        "period_start,period_end,report_date,report_date_iso,keywords,format,path,"
        "duplicates\n")
    table = run(runner, "reports").stdout.splitlines()
    assert table[0].split() == ["report", "passages", "date", "type", "agency", "title"]
    assert table[2].split()[:4] == ["2016-apec-sccp2-report", "110", "2016-10-20", "開會"]


def test_first_search_builds_the_default_index(runner, monkeypatch, tmp_path):
    monkeypatch.delenv("RSEARCH_INDEX_DIR")
    result = run(runner, "search", "單一窗口", "--limit", "1", "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith("No index yet: indexing the bundled sample report into "
                                    f"{tmp_path / 'data' / 'rsearch' / 'index'}")
    assert json.loads(result.stdout)[0]["rank"] == 1
    again = run(runner, "search", "單一窗口", "--limit", "1")
    assert again.stderr == "1 of 16 passages in 1 report\n"  # no indexing this time


@pytest.mark.parametrize("args, code, message", [
    (["search", ""], 2, "Error: empty query; type a word to search for, e.g. 單一窗口"),
    (["search", "((("], 2, "Error: unbalanced '(' in the query; close it with ')' or remove it"),
    (["search", '"unclosed'], 2, "Error: unclosed quote in the query"),
    (["search", "AND"], 2, "Error: AND has nothing before it"),
    (["search", "AEO", "--limit", "0"], 2, "Error: Invalid value for '--limit' / '-n': 0 is"),
    (["search", "AEO", "--meeting", "WTO"], 2,
     "Error: Invalid value for --meeting: unknown meeting 'WTO'; "
     "known: ACBD, APEC 反恐工作及貿易安全會議, CTI, SCCP, STAR-CTWG, 分組討論"),
    (["search", "AEO", "--topic", "量子"], 2, "Error: Invalid value for --topic: unknown topic"),
    (["show", "nope:1"], 1, "Error: no passage with id 'nope:1' in "),
    (["cite", "2016-apec-sccp2-report:1001"], 1, "Error: no passage with id"),
    (["index", "/no/such/path"], 2, "Error: Invalid value for '[PATHS]...': Path '/no/such/path'"),
    (["frobnicate"], 2, "Error: No such command 'frobnicate'."),
    (["search", "AEO", "--limt", "3"], 2,
     "Error: No such option '--limt'. Did you mean '--limit'?"),
    (["search", "，。！"], 2, "Error: no searchable terms in the query (only punctuation)"),
    (["search", "meeting:SCCP"], 2, "Error: 'meeting:SCCP': field syntax is not part of the "
     "query; use the option instead: --meeting 'SCCP'"),
    (["search", "AEO*"], 2, "Error: 'AEO*': wildcards are not supported"),
    (["search", "海關單一窗口優質企業" * 1000], 2,
     "Error: the query is 10,000 characters long, more than 500"),
    (["search", "(" * 300 + "AEO" + ")" * 300], 2,
     "Error: the query is 603 characters long, more than 500"),
    (["search", "(" * 11 + "AEO" + ")" * 11], 2, "Error: parentheses nested more than 10 deep"),
    (["search", " ".join(f"w{i}" for i in range(40))], 2,
     "Error: the query has more than 32 different terms"),
])
def test_error_table(runner, cli_index, args, code, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_a_long_query_is_answered_or_refused_at_once(runner, cli_index):
    import time

    for query in ("AEO " * 120, "海關單一窗口優質企業" * 50, "海關單一窗口優質企業" * 1000):
        started = time.perf_counter()
        result = runner.invoke(cli, ["search", query])
        assert result.exit_code in (0, 2)
        assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("arrays_from", [10**9, 0])  # bounds passage by passage, over arrays
def test_a_truncated_segment_is_named_as_damage(runner, cli_index, monkeypatch, arrays_from):
    from rsearch.indexer.retrieval import candidates
    from rsearch.indexer.storage.generations import current_generation

    monkeypatch.setattr(candidates, "ARRAYS_FROM", arrays_from)

    segment = max(current_generation(cli_index).glob("*.seg"), key=lambda p: p.stat().st_size)
    full = segment.stat().st_size
    with open(segment, "r+b") as f:
        f.truncate(full // 2)
    size = segment.stat().st_size
    for args in (["search", "單一窗口"], ["meetings"], ["topics"], ["reports"], ["index"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1, args
        assert result.stderr == (f"Error: the index in {cli_index} is damaged: {segment.name} "
                                 f"has {size:,} bytes, not {full:,}; "
                                 "run `rsearch index --rebuild`\n")


def test_no_index_in_a_named_folder(runner, tmp_path):
    result = runner.invoke(cli, ["--index-dir", str(tmp_path / "empty"), "search", "AEO"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no index in {tmp_path / 'empty'}; "
                             "run `rsearch index --rebuild` to build it\n")


def test_index_faults_say_rebuild(runner, cli_index):
    from rsearch.indexer.storage.generations import current_generation

    for toc in current_generation(cli_index).glob("*.toc"):
        toc.write_bytes(b"garbage")
    result = runner.invoke(cli, ["search", "AEO"])
    assert result.exit_code == 1
    assert result.stderr.endswith("run `rsearch index --rebuild`\n")
    assert run(runner, "index", "--rebuild").exit_code == 0
    assert run(runner, "search", "AEO").exit_code == 0


def test_bad_files_are_skipped_and_named(runner, corpus_dir):
    copy_sample(corpus_dir, "good.txt")
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 10)
    (corpus_dir / "big5.txt").write_bytes(
        "出國報告名稱：測試\n\n壹、會議\n\n這是一段以 Big5 編碼的測試文字。\n".encode("cp950"))
    result = run(runner, "index", str(corpus_dir))
    assert result.exit_code == 0
    assert f"skipped {corpus_dir / 'binary.txt'}: binary file (NUL bytes)" in result.stderr
    assert f"skipped {corpus_dir / 'empty.txt'}: empty file" in result.stderr
    assert "2 added, 0 updated, 0 removed, 0 unchanged, 2 skipped" in result.stdout
    hits = json.loads(run(runner, "search", "Big5", "-f", "json").stdout)
    assert hits[0]["report"] == "big5"


def test_a_report_that_turns_bad_keeps_its_indexed_version(runner, corpus_dir):
    report = copy_sample(corpus_dir, "good.txt")
    run(runner, "index", str(corpus_dir))
    before = run(runner, "search", "單一窗口", "-f", "json").stdout
    report.write_bytes(b"\x00half written")
    result = run(runner, "index", str(corpus_dir))
    assert result.exit_code == 0
    assert result.stderr == (f"skipped {report}: binary file (NUL bytes); "
                             "the index keeps its earlier version\n")
    assert ": 0 added, 0 updated, 0 removed, 0 unchanged, 1 skipped" in result.stdout
    assert run(runner, "search", "單一窗口", "-f", "json").stdout == before
    report.unlink()
    assert ": 0 added, 0 updated, 1 removed, 0 unchanged, 0 skipped" in run(
        runner, "index", str(corpus_dir)).stdout


def test_second_writer_is_refused_in_one_line(runner, tmp_path):
    from rsearch.indexer.build.store import WriteLock

    with WriteLock(tmp_path / "index"):
        result = runner.invoke(cli, ["index"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: another `rsearch index` is writing to {tmp_path / 'index'}"
                             "; wait for the other `rsearch index` to finish, then try again\n")


def test_ctrl_c_during_index_keeps_the_old_index(tmp_path, corpus_dir):
    import os
    import signal
    import subprocess
    import sys
    import time

    copy_sample(corpus_dir, "a.txt")
    env = dict(os.environ, RSEARCH_INDEX_DIR=str(tmp_path / "ix"))
    cmd = [sys.executable, "-m", "rsearch.cli"]
    subprocess.run(cmd + ["index", str(corpus_dir)], env=env, check=True, capture_output=True)
    before = subprocess.run(cmd + ["search", "單一窗口", "-f", "json"], env=env, check=True,
                            capture_output=True, text=True).stdout
    for n in range(40):  # long enough to be stopped half way
        copy_sample(corpus_dir, f"more-{n}.txt")
    proc = subprocess.Popen(cmd + ["index", "--rebuild", str(corpus_dir)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list((tmp_path / "ix").glob(".building-*")):  # the rebuild has begun
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "Interrupted: the index was left as it was before."
    assert "Traceback" not in err
    after = subprocess.run(cmd + ["search", "單一窗口", "-f", "json"], env=env, check=True,
                           capture_output=True, text=True).stdout
    assert after == before


def child_pids(pid: int) -> set[int]:
    """Processes whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_workers_end_when_the_index_process_is_killed(tmp_path, corpus_dir):
    import os
    import signal
    import subprocess
    import sys
    import time

    for n in range(30):
        copy_sample(corpus_dir, f"r-{n}.txt")
    env = dict(os.environ, RSEARCH_INDEX_DIR=str(tmp_path / "ix"))
    proc = subprocess.Popen([sys.executable, "-m", "rsearch.cli", "index", "--rebuild",
                             str(corpus_dir)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(workers := child_pids(proc.pid)) < 2:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)  # would hang while a worker held the pipes
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers):
        assert time.monotonic() < deadline, f"workers {workers} outlived their parent"
        time.sleep(0.1)


def test_unreadable_file_is_skipped(runner, corpus_dir, monkeypatch):
    copy_sample(corpus_dir, "good.txt")
    locked = copy_sample(corpus_dir, "locked.txt")
    refuse_reading(monkeypatch, locked)
    result = run(runner, "index", str(corpus_dir))
    assert result.exit_code == 0
    assert f"skipped {locked}: cannot read the file (Permission denied)" in result.stderr
    assert "1 added, 0 updated, 0 removed, 0 unchanged, 1 skipped" in result.stdout


def test_a_worker_that_dies_is_one_line(runner, corpus_dir, monkeypatch):
    import os

    import rsearch.indexer.build.documents
    import rsearch.indexer.build.workers

    for n in range(3):
        copy_sample(corpus_dir, f"r-{n}.txt")
    monkeypatch.setattr(rsearch.indexer.build.workers, "IN_PROCESS_FILES", 0)
    monkeypatch.setattr(rsearch.indexer.build.documents, "prepare", lambda file: os._exit(9))
    result = run(runner, "index", str(corpus_dir))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: an indexing worker ended unexpectedly (exit code 9); "
                                    "run `rsearch index` again")
    assert len(result.stderr.splitlines()) == 1


def test_unwritable_index_folder_is_one_line(runner, tmp_path):
    target = tmp_path / "file-not-folder"
    target.write_text("x")
    result = runner.invoke(cli, ["--index-dir", str(target / "index"), "index"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot use {target / 'index'}")
    assert len(result.stderr.splitlines()) == 1


class FakeTerminal:
    def isatty(self):
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    from rsearch.cli import render

    monkeypatch.delenv("NO_COLOR")
    assert render.use_color(FakeTerminal())
    assert not render.use_color(__import__("io").StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not render.use_color(FakeTerminal())
    assert render.mark("單一窗口進展", [(0, 4)], color=False) == "[單一窗口]進展"
    assert render.mark("單一窗口進展", [(0, 4)], color=True) == "\x1b[31m\x1b[1m單一窗口\x1b[0m進展"


@pytest.mark.parametrize("width", [40, 80, 120, 200])
def test_the_table_fits_the_terminal(cli_index, width):
    from rsearch.cli import render
    from rsearch.indexer import ReportIndex

    with ReportIndex(cli_index) as ix:
        hits = ix.search("Single Window 單一窗口", limit=10)
    out = render.hits_table(hits, False, width)
    assert max(render.display_width(line) for line in out.splitlines()) <= width
    if width < render.COMPACT_BELOW:
        assert out.splitlines()[0].startswith("1. 2016-apec-sccp2-report:")
    else:
        assert out.splitlines()[0].split()[:2] == ["rank", "id"]


def test_index_remembers_its_folders(runner, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    copy_sample(first, "one.txt")
    copy_sample(second, "two.txt")
    assert "1 added" in run(runner, "index").stdout  # the bundled sample stands in
    assert ": 1 added, 0 updated, 1 removed," in run(runner, "index", str(first)).stdout
    assert ": 1 added, 0 updated, 0 removed, 1 unchanged" in run(
        runner, "index", str(second)).stdout
    copy_sample(first, "three.txt")
    assert ": 1 added, 0 updated, 0 removed, 2 unchanged" in run(runner, "index").stdout
    keys = [r["report"] for r in json.loads(run(runner, "reports", "-f", "json").stdout)]
    assert keys == ["one", "three", "two"]
    removed = run(runner, "remove", str(second))
    assert removed.stdout.startswith(f"Removed 1 report from {tmp_path / 'index'} in ")
    bad = runner.invoke(cli, ["remove", str(tmp_path / "elsewhere")])
    assert bad.exit_code == 2
    assert bad.stderr.startswith(f"Error: Invalid value for PATHS: {tmp_path / 'elsewhere'} is "
                                 "not a file or folder the index was built from; indexed: "
                                 f"{first.resolve()}")
    (first / "one.txt").unlink()
    first.rename(tmp_path / "moved")
    result = run(runner, "index")
    assert result.stderr == (f"Warning: {first.resolve()} is missing; its reports stay in the "
                             f"index (`rsearch remove {first.resolve()}` drops them).\n")


def test_glossary_names_are_found_and_listed(runner, cli_index, tmp_path, monkeypatch):
    hits = json.loads(run(runner, "search", "perishable goods", "-f", "json").stdout)
    assert hits[0]["match"] == "alias" and "易腐" in hits[0]["text"]
    tfa = json.loads(run(runner, "search", "TFA", "-n", "50", "-f", "json").stdout)
    assert any("貿易便捷化協定" in h["text"] and "TFA" not in h["text"] for h in tfa)
    assert tfa[0]["match"] == "exact"  # the name typed ranks above the glossary's
    mine = tmp_path / "mine.tsv"
    mine.write_text("# my terms\nLima venue\tLima Convention Center\t利馬會議中心\n",
                    encoding="utf-8")
    monkeypatch.setenv("RSEARCH_GLOSSARY", str(mine))
    venue = json.loads(run(runner, "search", "利馬會議中心", "-f", "json").stdout)
    assert venue[0]["text"] == "秘魯利馬 Lima Convention Center"
    monkeypatch.setenv("RSEARCH_GLOSSARY", str(tmp_path / "missing.tsv"))
    result = runner.invoke(cli, ["search", "AEO"])
    assert (result.exit_code, result.stderr) == (
        1, f"Error: no glossary file {tmp_path / 'missing.tsv'}; fix the file, or unset "
           "$RSEARCH_GLOSSARY\n")


def test_a_rebuild_never_swaps_a_damaged_index_for_the_sample(runner, tmp_path, corpus_dir):
    copy_sample(corpus_dir, "mine.txt")
    run(runner, "index", str(corpus_dir))
    index_dir = tmp_path / "index"
    (index_dir / "CURRENT").write_text("gen-missing\n", encoding="utf-8")
    result = runner.invoke(cli, ["search", "AEO"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: the index in {index_dir} is damaged: CURRENT does not "
                             "name a generation; run `rsearch index --rebuild`\n")
    # The folders are found in the generation's files: the rebuild is of them.
    assert ": 1 added," in run(runner, "index", "--rebuild").stdout
    assert run(runner, "reports", "-f", "csv").stdout.splitlines()[1].startswith("mine,")
    # With neither roots.json nor the build record, nothing says: the paths are asked for.
    (index_dir / "CURRENT").write_text("gen-missing\n", encoding="utf-8")
    for generation in index_dir.glob("gen-*"):
        (generation / "roots.json").unlink()
        (generation / "build.json").unlink()
    result = runner.invoke(cli, ["index", "--rebuild"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: the index in {index_dir} is damaged and does not say "
                             "which files and folders it was built from; name them: "
                             "rsearch index --rebuild PATHS\n")
    assert ": 1 added," in run(runner, "index", "--rebuild", str(corpus_dir)).stdout


@pytest.mark.parametrize("args", [["search", "海關", "-f", "json"], ["reports", "-f", "csv"],
                                  ["search", "海關"]])
def test_a_reader_that_went_away_gets_no_error(cli_index, args):
    """`rsearch … | head -1`: the reader has gone when rsearch writes; rsearch
    stops quietly (no 'Broken pipe' line, no traceback), exit status 1."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, RSEARCH_INDEX_DIR=str(cli_index))
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read
    proc = subprocess.run([sys.executable, "-m", "rsearch.cli", *args], env=env,
                          stdout=write_end, stderr=subprocess.PIPE, timeout=120)
    os.close(write_end)
    assert proc.stderr.decode() == ""
    assert proc.returncode == 1
