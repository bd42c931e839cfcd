"""Updates cost the change: unchanged files are told by their stamp without
being read, and the groups of names follow the reports an update deletes and
writes without reading every report's record. Whatever path an update takes,
the index answers as a rebuild of the same files does."""

import os
import shutil
from pathlib import Path

import rsearch.indexer.build.documents
import rsearch.indexer.build.store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.indexer import ReportIndex, build_index, remove_from_index
from rsearch.indexer.storage import ALIAS_GROUP, StoredRecords
from rsearch.indexer.storage.generations import current_generation, open_whoosh

from .archives import updated_in_steps

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
PAST = 1_600_000_000  # an mtime long before any test runs: a stamp that is kept
GROUPS = [("量子通關平台", "QCP"), ("智慧邊境系統", "SBS"), ("跨境電商平台", "CBEP"),
          ("綠色航運走廊", "GSC")]


def groups_of(index_dir: Path) -> dict[str, int]:
    """The index's groups of names and how many reports define each."""
    from whoosh.query import Term

    ix = open_whoosh(current_generation(index_dir))
    with ix.searcher() as searcher:
        records = StoredRecords(searcher.reader())
        found = {}
        for docnum in searcher.docs_for_query(Term("kind", ALIAS_GROUP)):
            record = records[docnum]
            assert record["alias_names"] not in found  # one document per group
            found[record["alias_names"].decode("utf-8")] = record["alias_reports"]
        return found


QUERIES = ["單一窗口", "QCP", "量子通關平台", "SBS", "CBEP", "綠色航運走廊", "AEO", "WTO", "檢疫"]


def answers(index_dir: Path) -> dict:
    """Every hit of each query, ranked, with its score."""
    with ReportIndex(index_dir) as ix:
        return {q: [(h.id, h.score, h.text, h.citation) for h in ix.search(q, limit=50)]
                for q in QUERIES}


def passages_found(index_dir: Path) -> dict:
    """The passages each query finds. (After a report is deleted, its documents
    count in the index's statistics until their segment is merged away, as in
    Lucene, so scores may differ from a rebuild's; which passages match may not.)"""
    with ReportIndex(index_dir) as ix:
        return {q: sorted((h.id, h.text) for h in ix.search(q, limit=50)) for q in QUERIES}


def write_report(folder: Path, name: str, groups: list[int], variant: int = 0) -> Path:
    # The name in the text: two reports of the same groups are two reports, not
    # one and its duplicate (tests/test_accounted.py has those).
    lines = [f"壹、目的\n\n本報告（{name}）第 {variant} 版說明邊境管理之推動。\n"]
    for n in groups:
        long, short = GROUPS[n]
        lines.append(f"推動{long}({short})之建置，並檢討{long}之成效。\n")
    lines.append("貳、心得\n\n各國持續精進單一窗口與" + "、".join(GROUPS[n][0] for n in groups)
                 + "。\n")
    path = folder / f"{name}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    os.utime(path, (PAST + variant, PAST + variant))
    return path


def read_paths(monkeypatch) -> list[str]:
    """The files the updates read, recorded."""
    seen: list[str] = []
    real = rsearch.indexer.build.store.read_report_files

    def recording(files):
        files = list(files)
        seen.extend(str(path) for path, _ in files)
        return real(files)

    monkeypatch.setattr(rsearch.indexer.build.store, "read_report_files", recording)
    return seen


def aged_fixtures(tmp_path: Path) -> Path:
    """The fixture reports copied with an mtime long past (stamps kept)."""
    folder = tmp_path / "reports"
    shutil.copytree(FIXTURES, folder)
    for path in folder.iterdir():
        os.utime(path, (PAST, PAST))
    return folder


def test_unchanged_files_are_not_read(tmp_path, monkeypatch):
    folder = aged_fixtures(tmp_path)
    build_index(tmp_path / "ix", [folder], workers=0)
    seen = read_paths(monkeypatch)
    result = build_index(tmp_path / "ix", [folder], workers=0)
    assert seen == [] and len(result.unchanged) == 4

    # A file touched (same bytes, new mtime) is read and found unchanged.
    touched = folder / "2023-wto-tbt-committee.txt"
    os.utime(touched, (PAST + 5, PAST + 5))
    result = build_index(tmp_path / "ix", [folder], workers=0)
    assert seen == [str(touched)]
    assert (result.updated, len(result.unchanged)) == ([], 4)

    # A file of another size is read and replaced.
    with open(touched, "a", encoding="utf-8") as f:
        f.write("\n捌、補充\n\n本段為更新後新增之補充說明。\n")
    os.utime(touched, (PAST + 5, PAST + 5))  # the same mtime: the size tells
    seen.clear()
    result = build_index(tmp_path / "ix", [folder], workers=0)
    assert seen == [str(touched)] and result.updated == [str(touched)]
    with ReportIndex(tmp_path / "ix") as ix:
        assert ix.search("更新後新增之補充說明", exact=True)


def test_a_file_written_just_before_it_is_read_is_read_again(tmp_path, monkeypatch):
    # Its stamp could stay the same through a second change (the file
    # system's mtime granularity): the index keeps none for it.
    folder = tmp_path / "reports"
    folder.mkdir()
    fresh = folder / "fresh.txt"
    fresh.write_text("壹、目的\n\n本報告說明單一窗口之推動。\n", encoding="utf-8")
    build_index(tmp_path / "ix", [folder], workers=0)
    seen = read_paths(monkeypatch)
    assert build_index(tmp_path / "ix", [folder], workers=0).unchanged == [str(fresh)]
    assert seen == [str(fresh)]


def test_an_update_reads_only_the_records_of_the_reports_it_deletes(tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(6):
        write_report(folder, f"r{n}", [n % 4, (n + 1) % 4])
    build_index(tmp_path / "ix", [folder], workers=0)
    read = []
    real = StoredRecords.__getitem__

    def counting(self, docnum):
        record = real(self, docnum)
        if "digest" in record.get("data", {}):
            read.append(record["data"]["path"])
        return record

    monkeypatch.setattr(StoredRecords, "__getitem__", counting)
    changed = write_report(folder, "r2", [3], variant=1)
    (folder / "r4.txt").unlink()
    build_index(tmp_path / "ix", [folder], workers=0)
    assert sorted(read) == sorted([str(changed), str(folder / "r4.txt")])


reports = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]),
                          st.lists(st.integers(0, len(GROUPS) - 1), max_size=3, unique=True),
                          max_size=4)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(reports, min_size=1, max_size=3))
def test_updates_answer_as_a_rebuild_does(tmp_path_factory, steps):
    base = tmp_path_factory.mktemp("updates")
    folder = base / "reports"

    def rewrite(folder, name, groups, variant):
        # each step rewrites its reports (new mtimes): changed or not
        path = folder / f"{name}.txt"
        before = path.read_bytes() if path.exists() else None
        write_report(folder, name, groups, variant=variant if len(groups) % 2 else 0)
        if before not in (None, path.read_bytes()):
            # A file written anew has a new mtime (the stamp tells a change
            # by it: the same size and mtime is the same file).
            os.utime(path, ns=(os.stat(path).st_atime_ns, (PAST + 100 + variant) * 10**9))

    for _ in updated_in_steps(base, steps, rewrite):
        pass
    build_index(base / "fresh", [folder], workers=0)
    assert groups_of(base / "ix") == groups_of(base / "fresh")
    assert passages_found(base / "ix") == passages_found(base / "fresh")


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(added=st.lists(st.lists(st.integers(0, len(GROUPS) - 1), max_size=3, unique=True),
                      min_size=1, max_size=3))
def test_adding_reports_answers_exactly_as_a_rebuild_does(tmp_path_factory, added):
    base = tmp_path_factory.mktemp("adds")
    folder = base / "reports"
    shutil.copytree(FIXTURES, folder)
    write_report(folder, "first", [0, 1])
    build_index(base / "ix", [folder], workers=0)
    for n, groups in enumerate(added):
        write_report(folder, f"added-{n}", groups)
        build_index(base / "ix", [folder], workers=0)
    build_index(base / "fresh", [folder], workers=0)
    assert groups_of(base / "ix") == groups_of(base / "fresh")
    assert answers(base / "ix") == answers(base / "fresh")


def test_removing_a_folder_counts_its_groups_out(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    write_report(one, "a", [0, 1])
    write_report(two, "b", [1, 2])
    build_index(tmp_path / "ix", [one, two], workers=0)
    long, short = GROUPS[1]
    assert groups_of(tmp_path / "ix")[f'["{long}", "{short}"]'] == 2
    remove_from_index(tmp_path / "ix", [one])
    build_index(tmp_path / "fresh", [two], workers=0)
    assert groups_of(tmp_path / "ix") == groups_of(tmp_path / "fresh")
    assert passages_found(tmp_path / "ix") == passages_found(tmp_path / "fresh")


def test_an_index_without_counts_is_recounted_once(tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(3):
        write_report(folder, f"r{n}", [0, n + 1])
    plain = rsearch.indexer.build.documents.alias_group_document

    def without_count(group, reports):
        doc = plain(group, reports)
        del doc["stored"]["alias_reports"]
        return doc

    monkeypatch.setattr(rsearch.indexer.build.documents, "alias_group_document", without_count)
    build_index(tmp_path / "ix", [folder], workers=0)
    monkeypatch.setattr(rsearch.indexer.build.documents, "alias_group_document", plain)
    write_report(folder, "r3", [0, 2])
    (folder / "r1.txt").unlink()
    build_index(tmp_path / "ix", [folder], workers=0)
    build_index(tmp_path / "fresh", [folder], workers=0)
    assert groups_of(tmp_path / "ix") == groups_of(tmp_path / "fresh")
    assert passages_found(tmp_path / "ix") == passages_found(tmp_path / "fresh")


def test_a_duplicate_settled_counts_out_of_the_name_groups(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    one = write_report(folder, "one", [0, 1])
    shutil.copy(one, folder / "two.txt")  # the same report: a duplicate
    build_index(tmp_path / "ix", [folder], workers=0)
    long, short = GROUPS[0]
    assert groups_of(tmp_path / "ix")[f'["{long}", "{short}"]'] == 1
    shutil.copy(one, folder / "three.txt")  # another, found by an update
    build_index(tmp_path / "ix", [folder], workers=0)
    one.unlink()  # the copy stands in its place
    build_index(tmp_path / "ix", [folder], workers=0)
    build_index(tmp_path / "fresh", [folder], workers=0)
    assert groups_of(tmp_path / "ix") == groups_of(tmp_path / "fresh")
    assert groups_of(tmp_path / "ix")[f'["{long}", "{short}"]'] == 1


def test_updates_past_the_tenth_commit_read_the_newest(tmp_path):
    # Whoosh numbers its tables of contents: _MAIN_10.toc is newer than
    # _MAIN_9.toc, though it sorts before it as text.
    folder = tmp_path / "reports"
    folder.mkdir()
    write_report(folder, "r", [0])
    build_index(tmp_path / "ix", [folder], workers=0)
    for n in range(11):
        write_report(folder, f"r{n}", [n % 4])
        assert build_index(tmp_path / "ix", [folder], workers=0).added == [
            str(folder / f"r{n}.txt")]
    build_index(tmp_path / "fresh", [folder], workers=0)
    assert answers(tmp_path / "ix") == answers(tmp_path / "fresh")
    assert groups_of(tmp_path / "ix") == groups_of(tmp_path / "fresh")


segments = st.lists(st.sampled_from(["a", "b", "ab", "a.txt"]), min_size=1, max_size=3)
walk_paths = segments.map(lambda parts: "/" + "/".join(parts))


@settings(max_examples=200)
@given(st.lists(walk_paths, unique=True, max_size=12), st.data())
def test_the_files_gone_are_those_a_walk_looked_for_and_did_not_find(indexed, data):
    """Walk.gone (paths kept by their prefix first) is the plain test of every
    path: a sibling whose name starts with a walked folder's ("/ab" beside
    "/a") is not under it."""
    scope = data.draw(st.one_of(st.none(), st.lists(walk_paths, max_size=3)))
    missing = data.draw(st.lists(walk_paths, max_size=2))
    found = dict.fromkeys(data.draw(st.lists(st.sampled_from(indexed or ["/x"]))))
    walk = rsearch.indexer.build.store.Walk(
        None, None if scope is None else [Path(p) for p in scope],
        [Path(p) for p in missing], [])
    assert walk.gone(indexed, found) == [p for p in indexed
                                         if p not in found and walk.covers(p)]


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(reports, min_size=1, max_size=3))
def test_updates_of_the_files_named_answer_as_a_rebuild_does(tmp_path_factory, steps):
    """`rsearch index FILE…` (the files written by a step named, a step that
    removes one naming their folder or the files gone) gives the index a
    rebuild gives."""
    base = tmp_path_factory.mktemp("named")
    folder = base / "reports"
    shutil.copytree(FIXTURES, folder)
    inner = folder / "sub"
    inner.mkdir()
    write_report(folder, "sibling", [0])
    build_index(base / "ix", [folder], workers=0)
    for variant, step in enumerate(steps, start=1):
        gone = [p for p in inner.glob("[abcd].txt") if p.stem not in step]
        for path in gone:
            path.unlink()
        written = []
        for name, groups in step.items():
            path = inner / f"{name}.txt"
            before = path.read_bytes() if path.exists() else None
            written.append(write_report(inner, name, groups,
                                        variant=variant if len(groups) % 2 else 0))
            if before not in (None, path.read_bytes()):
                os.utime(path, ns=(os.stat(path).st_atime_ns, (PAST + 100 + variant) * 10**9))
        # A step that removes files names their folder, or (every other step)
        # the files gone themselves, beside those written.
        named = ([inner] if gone or not written else written) if variant % 2 else (
            written + gone or [inner])
        result = build_index(base / "ix", named, workers=0)
        assert sorted(result.removed) == sorted(map(str, gone))
    build_index(base / "fresh", [folder], workers=0)
    assert groups_of(base / "ix") == groups_of(base / "fresh")
    assert passages_found(base / "ix") == passages_found(base / "fresh")
