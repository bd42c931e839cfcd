import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import rsearch.indexer.build.store
import rsearch.indexer.build.workers
from rsearch.corpus import sample_report_path
from rsearch.indexer import (
    CorruptIndex,
    IncompatibleIndex,
    IndexBusy,
    NoIndex,
    NotIndexed,
    ReportIndex,
    UnknownPassage,
    WorkerFailed,
    build_index,
    remembered_roots,
    remove_from_index,
)
from rsearch.indexer.build.merging import SMALL_SEGMENTS
from rsearch.indexer.build.store import WriteLock
from rsearch.indexer.storage.checksums import write_checksums
from rsearch.indexer.storage.generations import current_generation, open_whoosh
from rsearch.indexer.storage.whoosh_door import newest_toc, toc_files

from .conftest import copy_sample

EXTRA = ("\n陸、補充說明\n\n一、新增段落\n\n"
         "本段為測試用新增之單一窗口補充說明，僅出現在修改後的檔案。\n")


def snapshot(index_dir, queries=("單一窗口", "AEO", "e-commerce", "補充說明")):
    with ReportIndex(index_dir) as ix:
        return {q: [(h.id, h.score, h.text, h.citation) for h in ix.search(q, limit=100)]
                for q in queries}


def test_incremental_add_change_delete_rebuild(tmp_path, corpus_dir):
    index_dir = tmp_path / "ix"
    first = copy_sample(corpus_dir, "first.txt")
    result = build_index(index_dir, [corpus_dir], workers=0)
    assert (result.added, result.rebuilt) == ([str(first)], True)

    second = copy_sample(corpus_dir, "second.txt")
    result = build_index(index_dir, [corpus_dir], workers=0)
    assert (result.added, result.unchanged, result.rebuilt) == ([str(second)], [str(first)],
                                                                False)

    with open(second, "a", encoding="utf-8") as f:
        f.write(EXTRA)
    result = build_index(index_dir, [corpus_dir], workers=0)
    assert (result.updated, result.unchanged) == ([str(second)], [str(first)])

    first.unlink()
    result = build_index(index_dir, [corpus_dir], workers=0)
    assert (result.removed, result.unchanged) == ([str(first)], [str(second)])
    with ReportIndex(index_dir) as ix:
        assert [r["key"] for r in ix.reports()] == ["second"]

    updated = snapshot(index_dir)
    assert updated["補充說明"]
    fresh_dir = tmp_path / "fresh"
    build_index(fresh_dir, [corpus_dir], workers=0)
    assert snapshot(fresh_dir) == updated

    result = build_index(index_dir, [corpus_dir], rebuild=True, workers=0)
    assert result.rebuilt and result.added == [str(second)]
    assert snapshot(index_dir) == updated


def test_updates_keep_segments_few(tmp_path, corpus_dir):
    for name in "abc":
        copy_sample(corpus_dir, f"{name}.txt")
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir], workers=0)
    counts = []
    for n in range(2 * SMALL_SEGMENTS):
        (corpus_dir / f"extra-{n}.txt").write_text(
            f"壹、第 {n} 號補充報告\n\n一、說明\n\n本段說明第 {n} 號補充報告的單一窗口事項。\n",
            encoding="utf-8")
        assert build_index(index_dir, [corpus_dir], workers=0).added
        counts.append(len(open_whoosh(current_generation(index_dir))._segments()))
    # Two segments from the build (its reports; the groups of names they
    # define and the table of names, past the lowest tier), one per update
    # until four of the lowest tier (four updates') are merged into the one
    # being written (build/merging.py).
    assert counts == [3, 4, 5, 6, 4, 5, 6, 4]
    build_index(tmp_path / "fresh", [corpus_dir], workers=0)
    assert snapshot(index_dir) == snapshot(tmp_path / "fresh")


def test_unchanged_files_are_not_parsed_again(tmp_path, corpus_dir, monkeypatch):
    copy_sample(corpus_dir)
    build_index(tmp_path / "ix", [corpus_dir], workers=0)
    import rsearch.indexer.build.documents

    def refuse(file, *args):
        raise AssertionError(f"parsed {file.path} again")

    monkeypatch.setattr(rsearch.indexer.build.documents, "prepare", refuse)
    result = build_index(tmp_path / "ix", [corpus_dir], workers=0)
    assert len(result.unchanged) == 1


def test_ids_survive_a_reindex(tmp_path, corpus_dir):
    copy_sample(corpus_dir)
    build_index(tmp_path / "a", [corpus_dir], workers=0)
    build_index(tmp_path / "a", [corpus_dir], rebuild=True, workers=0)
    build_index(tmp_path / "b", [corpus_dir], workers=1)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    with ReportIndex(tmp_path / "a") as ix:
        assert ix.search("UNI-PASS")[0].id == "sample:21"


def test_parallel_build_matches_serial(tmp_path, corpus_dir, monkeypatch):
    copy_sample(corpus_dir, "a.txt")
    copy_sample(corpus_dir, "b.txt")
    build_index(tmp_path / "one", [corpus_dir], workers=0)
    # workers even for two
    monkeypatch.setattr(rsearch.indexer.build.workers, "IN_PROCESS_FILES", 0)
    build_index(tmp_path / "two", [corpus_dir], workers=1)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


@pytest.mark.parametrize("workers", [0, 1])
def test_a_build_in_segments_finds_the_same(tmp_path, corpus_dir, monkeypatch, workers):
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        copy_sample(corpus_dir, name)
    build_index(tmp_path / "one", [corpus_dir], workers=0)
    monkeypatch.setattr(rsearch.indexer.build.workers, "IN_PROCESS_FILES", 0)
    monkeypatch.setattr(rsearch.indexer.build.workers, "SEGMENT_POSTINGS", 1)  # one per report
    build_index(tmp_path / "four", [corpus_dir], workers=workers)
    # A segment per report, and the last for the groups of names they define.
    assert len(open_whoosh(current_generation(tmp_path / "four"))._segments()) == 5
    assert snapshot(tmp_path / "four") == snapshot(tmp_path / "one")


def index_files(index_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(index_dir)) for p in index_dir.rglob("*")
                  if p.name != "MAIN_WRITELOCK")


@pytest.mark.parametrize("workers", [0, 1])
@pytest.mark.parametrize("rebuild", [True, False])
def test_interrupted_build_leaves_the_index_as_it_was(tmp_path, corpus_dir, monkeypatch,
                                                      rebuild, workers):
    copy_sample(corpus_dir, "a.txt")
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir], workers=0)
    before, files_before = snapshot(index_dir), index_files(index_dir)
    copy_sample(corpus_dir, "b.txt")
    copy_sample(corpus_dir, "c.txt")
    monkeypatch.setattr(rsearch.indexer.build.workers, "IN_PROCESS_FILES", 0)

    def interrupt(done, total, path):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(index_dir, [corpus_dir], rebuild=rebuild, progress=interrupt,
                    workers=workers)
    assert snapshot(index_dir) == before
    assert index_files(index_dir) == files_before  # nothing half-written left
    build_index(index_dir, [corpus_dir], workers=0)
    assert sorted(p.name for p in index_dir.iterdir() if p.is_dir()) == [
        current_generation(index_dir).name]


def test_a_workers_error_reaches_the_caller(tmp_path, corpus_dir, monkeypatch):
    copy_sample(corpus_dir, "a.txt")
    copy_sample(corpus_dir, "b.txt")
    monkeypatch.setattr(rsearch.indexer.build.workers, "IN_PROCESS_FILES", 0)

    def disk_full(file):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rsearch.indexer.build.documents, "prepare", disk_full)
    with pytest.raises(OSError, match="No space left"):
        build_index(tmp_path / "ix", [corpus_dir], workers=1)


def test_a_worker_that_dies_is_reported(tmp_path, corpus_dir, monkeypatch):
    copy_sample(corpus_dir, "a.txt")
    copy_sample(corpus_dir, "b.txt")
    monkeypatch.setattr(rsearch.indexer.build.workers, "IN_PROCESS_FILES", 0)
    monkeypatch.setattr(rsearch.indexer.build.documents, "prepare", lambda file: os._exit(3))
    with pytest.raises(WorkerFailed, match=r"ended unexpectedly \(exit code 3\)"):
        build_index(tmp_path / "ix", [corpus_dir], workers=1)


KILLED_BUILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from rsearch.indexer import build_index

    def slow(done, total, path):
        Path(sys.argv[2]).touch()
        time.sleep(0.5)

    build_index(Path(sys.argv[1]), [Path(sys.argv[3])], rebuild=True, progress=slow, workers=0)
""")


def test_killed_rebuild_leaves_the_index_searchable(tmp_path, corpus_dir):
    copy_sample(corpus_dir, "a.txt")
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir], workers=0)
    before = snapshot(index_dir)
    for name in "bcdef":
        copy_sample(corpus_dir, f"{name}.txt")
    started = tmp_path / "started"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(index_dir), str(started),
                             str(corpus_dir)])
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert started.exists()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert snapshot(index_dir) == before
    assert build_index(index_dir, [corpus_dir], workers=0).added  # the lock was released


HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from rsearch.indexer.build.store import WriteLock

    with WriteLock(Path(sys.argv[1])):
        Path(sys.argv[2]).touch()
        time.sleep(30)
""")


def test_second_writer_is_refused(tmp_path, corpus_dir):
    copy_sample(corpus_dir)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir], workers=0)
    before = snapshot(index_dir)
    held = tmp_path / "held"
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(index_dir), str(held)])
    try:
        deadline = time.monotonic() + 30
        while not held.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(IndexBusy):
            build_index(index_dir, [corpus_dir], rebuild=True, workers=0)
    finally:
        proc.kill()
        proc.wait()
    assert snapshot(index_dir) == before


def test_lock_is_exclusive_within_a_process(tmp_path):
    with WriteLock(tmp_path), pytest.raises(IndexBusy):
        WriteLock(tmp_path).__enter__()


def test_index_faults(tmp_path, corpus_dir):
    with pytest.raises(NoIndex):
        ReportIndex(tmp_path / "none")
    copy_sample(corpus_dir)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir], workers=0)
    generation = current_generation(index_dir)
    build = generation / "build.json"
    info = json.loads(build.read_text())

    def record(info: dict) -> None:
        """A build record as another version of rsearch writes it (checksummed)."""
        build.write_text(json.dumps(info))
        write_checksums(generation, toc_files(generation, newest_toc(generation)),
                        {"build.json": build.read_bytes(),
                         "roots.json": (generation / "roots.json").read_bytes()})

    record({**info, "segmenter": "jieba"})
    with pytest.raises(IncompatibleIndex, match="segmenter='jieba'"):
        ReportIndex(index_dir)
    with pytest.raises(IncompatibleIndex):
        build_index(index_dir, [corpus_dir], workers=0)
    record({**info, "segmenter_stat": [0, 0]})
    ReportIndex(index_dir).close()  # same segmenter, only touched: its version asked, accepted
    record({**info, "segmenter_version": "0.1", "segmenter_stat": [0, 0]})
    with pytest.raises(IncompatibleIndex, match="segmenter_version='0.1'"):
        ReportIndex(index_dir)  # another installation of the segmenter: its version is asked
    record({**info, "segmenter_version": "0.1"})
    ReportIndex(index_dir).close()  # the installation it noted: not asked again
    record({**info, "schema_version": 0})
    with pytest.raises(IncompatibleIndex, match="schema_version"):
        ReportIndex(index_dir)
    build.write_text("{not json")  # damage: not checksummed
    with pytest.raises(CorruptIndex):
        ReportIndex(index_dir)
    record(info)
    for toc in generation.glob("*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(CorruptIndex):
        ReportIndex(index_dir)
    assert build_index(index_dir, [corpus_dir], rebuild=True, workers=0).added
    assert snapshot(index_dir)["單一窗口"]


# Whoosh pickles these classes, by module path, into every index's table of
# contents; they lived at the top of rsearch.indexer before the wings.
PICKLED_BEFORE_THE_WINGS = {
    "rsearch.indexer.codec": ("storage.whoosh_door", "Codec"),
    "rsearch.indexer.record_column": ("storage.record_column", "RecordColumn"),
    "rsearch.indexer.schema": ("storage.schema", "TermSet"),
    "rsearch.indexer.tail_column": ("storage.tail_column", "TailColumn"),
}


def test_an_index_from_before_the_wings_is_refused_with_the_rebuild_hint(
        tmp_path, corpus_dir, monkeypatch):
    import importlib

    from click.testing import CliRunner
    from rsearch.cli.main import cli
    from rsearch.indexer.storage.schema import SCHEMA_VERSION

    assert SCHEMA_VERSION > 34  # 34: the last version with modules at the top of indexer/
    copy_sample(corpus_dir)
    index_dir = tmp_path / "ix"
    with monkeypatch.context() as old:  # write the index as the old layout did
        for old_path, (module, name) in PICKLED_BEFORE_THE_WINGS.items():
            real = importlib.import_module(f"rsearch.indexer.{module}")
            old.setitem(sys.modules, old_path, real)
            old.setattr(getattr(real, name), "__module__", old_path)
        build_index(index_dir, [corpus_dir], workers=0)
    generation = current_generation(index_dir)
    tocs = b"".join(toc.read_bytes() for toc in generation.glob("*.toc"))
    assert all(old_path.encode() in tocs for old_path in PICKLED_BEFORE_THE_WINGS)
    assert b"rsearch.indexer.storage" not in tocs
    build = generation / "build.json"
    # Indexes of that layout had no checksums (their build record does not list them).
    recorded = {**json.loads(build.read_text()), "schema_version": SCHEMA_VERSION - 1}
    del recorded["checksums"]
    build.write_text(json.dumps(recorded))
    (generation / "checksums").unlink()

    with pytest.raises(IncompatibleIndex, match=f"schema_version={SCHEMA_VERSION - 1}"):
        ReportIndex(index_dir)
    monkeypatch.setenv("RSEARCH_INDEX_DIR", str(index_dir))
    for args in (["search", "AEO"], ["index"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, args
        assert result.stderr == (
            f"Error: the index in {index_dir} was built with schema_version="
            f"{SCHEMA_VERSION - 1}, this rsearch uses {SCHEMA_VERSION}; "
            "run `rsearch index --rebuild`\n")
    assert CliRunner().invoke(cli, ["index", "--rebuild"]).exit_code == 0
    assert snapshot(index_dir)["單一窗口"]


def test_an_empty_index_can_be_searched_and_filled(tmp_path, corpus_dir):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir], workers=0)
    with ReportIndex(index_dir) as ix:
        assert (ix.search("單一窗口 OR AEO"), ix.reports(), ix.meetings(), ix.topics()) == (
            [], [], [], [])
    report = copy_sample(corpus_dir)
    assert build_index(index_dir, [corpus_dir], workers=0).added == [str(report)]
    assert snapshot(index_dir)["單一窗口"]
    report.unlink()
    assert build_index(index_dir, [corpus_dir], workers=0).removed == [str(report)]
    assert snapshot(index_dir) == {q: [] for q in snapshot(index_dir)}
    copy_sample(corpus_dir)
    assert build_index(index_dir, [corpus_dir], workers=0).added == [str(report)]


def test_default_corpus_is_the_bundled_report(tmp_path):
    result = build_index(tmp_path / "ix", [sample_report_path()], workers=0)
    assert result.passages == 110


def test_a_new_folder_is_added_beside_the_remembered_ones(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    copy_sample(a, "one.txt")
    copy_sample(b, "two.txt")
    build_index(tmp_path / "ix", [a], workers=0)
    second = build_index(tmp_path / "ix", [b], workers=0)
    assert (len(second.added), second.removed) == (1, [])
    copy_sample(a, "three.txt")
    (b / "two.txt").unlink()
    update = build_index(tmp_path / "ix", [], workers=0)
    assert ([Path(p).name for p in update.added], [Path(p).name for p in update.removed]) == (
        ["three.txt"], ["two.txt"])
    assert remembered_roots(tmp_path / "ix") == [a.resolve(), b.resolve()]


def test_a_missing_folder_keeps_its_reports(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    copy_sample(a, "one.txt")
    build_index(tmp_path / "ix", [a], workers=0)
    a.rename(tmp_path / "elsewhere")
    result = build_index(tmp_path / "ix", [], workers=0)
    assert (result.removed, result.missing) == ([], [str(a.resolve())])
    with ReportIndex(tmp_path / "ix") as ix:
        assert [r["key"] for r in ix.reports()] == ["one"]


def test_removing_a_folder_is_explicit(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "sub").mkdir(parents=True)
    b.mkdir()
    copy_sample(a / "sub", "one.txt")
    copy_sample(b, "two.txt")
    build_index(tmp_path / "ix", [a, b], workers=0)
    with pytest.raises(NotIndexed) as inside:
        remove_from_index(tmp_path / "ix", [a / "sub"])
    assert inside.value.hint == (f"it is inside {a.resolve()}: remove that, or move the files "
                                 "out of it")
    result = remove_from_index(tmp_path / "ix", [a])
    assert [Path(p).name for p in result.removed] == ["one.txt"]
    assert remembered_roots(tmp_path / "ix") == [b.resolve()]
    assert build_index(tmp_path / "ix", [], workers=0).added == []


def test_ids_come_from_paths_and_survive_a_rebuild(tmp_path):
    root = tmp_path / "reports"
    for folder in ("a", "b", "c"):
        (root / folder).mkdir(parents=True)
    copy_sample(root / "a", "same.txt")
    copy_sample(root / "b", "same.txt")
    copy_sample(root / "b", "same.docx").write_bytes(b"not a docx")  # same stem, other format
    build_index(tmp_path / "ix", [root], workers=0)
    with ReportIndex(tmp_path / "ix") as ix:
        before = {Path(r["path"]).relative_to(root.resolve()).as_posix(): r["key"]
                  for r in ix.reports()}
    # same.docx comes first in path order and keeps the plain key (it is skipped:
    # no report), so the text beside it is told apart by its suffix.
    assert before == {"a/same.txt": "a-same", "b/same.txt": "b-same-txt"}
    (root / "a" / "same.txt").unlink()
    copy_sample(root / "c", "new.txt")
    build_index(tmp_path / "ix", [], rebuild=True, workers=0)
    with ReportIndex(tmp_path / "ix") as ix:
        after = {Path(r["path"]).relative_to(root.resolve()).as_posix(): r["key"]
                 for r in ix.reports()}
        assert after == {"b/same.txt": "b-same-txt", "c/new.txt": "c-new"}
        with pytest.raises(UnknownPassage):
            ix.passage("a-same:5")


def test_text_after_the_annex_list_is_indexed(tmp_path, sample_text):
    path = tmp_path / "report.txt"
    path.write_text(sample_text.rstrip() + "\n\n附件 1\n\n"
                    "議程附件正文：本段說明第二次會議之議程安排。\n\n"
                    "報告結尾另附聯絡窗口資訊供查詢。\n", encoding="utf-8")
    build_index(tmp_path / "ix", [path], workers=0)
    with ReportIndex(tmp_path / "ix") as ix:
        for words in ("議程附件正文", "聯絡窗口資訊"):
            hits = ix.search(words, exact=True)
            assert len(hits) == 1 and words in hits[0].text


def test_a_group_of_names_is_read_once_and_goes_with_its_last_report(tmp_path):
    from whoosh.query import And, Term

    folder = tmp_path / "reports"
    folder.mkdir()
    defines = "壹、目的\n\n推動量子通關平台(QCP)之建置。\n"
    (folder / "a.txt").write_text(defines, encoding="utf-8")
    # Not a copy of a.txt (which would be indexed once): another text, the same names.
    (folder / "c.txt").write_text(defines.replace("建置", "推廣"), encoding="utf-8")
    (folder / "b.txt").write_text("壹、說明\n\n本署持續精進量子通關平台。\n", encoding="utf-8")
    index_dir = tmp_path / "ix"
    build_index(index_dir, [folder], workers=0)

    def groups_and_hits():
        with ReportIndex(index_dir) as ix:
            query = And([Term("kind", "aliasgroup"), Term("alias_keys", "qcp")])
            return (len(list(ix.searcher.docs_for_query(query))),
                    sorted(h.report for h in ix.search("QCP")))

    assert groups_and_hits() == (1, ["a", "b", "c"])
    (folder / "a.txt").unlink()
    build_index(index_dir, [], workers=0)
    assert groups_and_hits() == (1, ["b", "c"])
    (folder / "c.txt").unlink()
    build_index(index_dir, [], workers=0)
    assert groups_and_hits() == (0, [])


def test_columns_read_whole_skip_no_segment(tmp_path, corpus_dir):
    # The groups of names are written in a segment of their own (a build's,
    # an update's), which has no passages and so none of their columns; the
    # columns read at once must still put each value at its document.
    from rsearch.indexer.storage.schema import column_values, read_column

    index_dir = tmp_path / "ix"
    for fixture in sorted((Path(__file__).parent / "fixtures" / "reports").glob("*.txt")):
        shutil.copy(fixture, corpus_dir)
    build_index(index_dir, [corpus_dir], workers=0)
    removed = copy_sample(corpus_dir)
    build_index(index_dir, [corpus_dir], workers=0)
    removed.unlink()
    build_index(index_dir, [corpus_dir], workers=0)
    (corpus_dir / "c.txt").write_text("附件\n\n海關 單一窗口 AEO 的一段話。\n", encoding="utf-8")
    build_index(index_dir, [corpus_dir], workers=0)
    with ReportIndex(index_dir) as ix:
        reader = ix.searcher.reader()
        segments = [segment for segment, _ in reader.leaf_readers()]
        assert not all(segment.has_column("length") for segment in segments)
        for name in ("length", "passages"):
            column = read_column(reader, name)
            assert list(column_values(reader, name)) == [column[d]
                                                   for d in range(reader.doc_count_all())]
        assert ix.search("單一窗口")
