"""The list of report files as updates keep it (storage/source_changes.py):
a base written whole now and then, and the changes since, which an update
writes alone. Read back, it is the list the updates made; an update finds
every file added, rewritten (in place too) or removed; a crash at any step
of a commit that rewrites the base reads as before or after it."""

import os
import shutil
from pathlib import Path

import pytest
import rsearch.indexer.storage.source_changes as source_changes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.indexer import build_index
from rsearch.indexer.storage import SOURCES_FILE, SourceRow, Sources, read_sources
from rsearch.indexer.storage.checksums import read_manifest
from rsearch.indexer.storage.generations import current_generation
from rsearch.indexer.storage.source_changes import CHANGES_FILE, files_to_write, with_changes

from .test_commit import (
    Crash,
    answers,
    crash_after_checksums,
    crash_before_checksums,
    crash_before_cleanup,
    setup,
)
from .test_sources import as_dict, indexed_fixtures, paths, rows, tables


def stored_again(sources: Sources, base: Sources) -> tuple[Sources, Sources]:
    """The list as the next update reads it after this one wrote it (and the base)."""
    files = files_to_write(sources)
    if SOURCES_FILE in files:
        base = Sources.decode(files[SOURCES_FILE])
    return with_changes(base, files[CHANGES_FILE]), base


@settings(max_examples=150)
@given(tables, st.lists(st.tuples(st.lists(paths, max_size=4),
                                  st.lists(rows, unique_by=lambda r: r.path, max_size=4)),
                        max_size=6),
       st.sampled_from([0, 2, 1000]), st.data())
def test_a_list_kept_as_changes_reads_back_as_the_list_changed(table, steps, compact, data):
    real = source_changes.COMPACT_ROWS
    source_changes.COMPACT_ROWS = compact
    try:
        base = Sources.decode(Sources.from_rows(table).encode())
        stored = with_changes(base, None)
        expected = {r.path: r for r in table}
        for removed, added in steps:
            known = list(expected)
            removed = removed + data.draw(st.lists(st.sampled_from(known), max_size=3)
                                          if known else st.just([]))
            stored = stored.changed(removed, added)
            for path in removed:
                expected.pop(path, None)
            expected.update((r.path, r) for r in added)
            assert as_dict(stored) == expected
            stored, base = stored_again(stored, base)
            assert as_dict(stored) == expected
            assert len(stored) == len(expected)
            for text in {r.text for r in expected.values()}:
                assert stored.holding_text(text) == (
                    sum(r.text == text for r in expected.values()) if text else 0)
    finally:
        source_changes.COMPACT_ROWS = real


def test_a_version_1_list_is_rewritten_whole_by_the_next_update():
    row = SourceRow("/r/a", "a", "d1", "t1", (1, 2))
    data = Sources.from_rows([row]).encode().replace(b'"version": 2', b'"version": 1')
    old = Sources.decode(data)
    assert (old.version, list(old)) == (1, [row])
    read = with_changes(old, None)
    assert read.stored is None
    written = files_to_write(read.changed([], []))
    assert Sources.decode(written[SOURCES_FILE]).version == 2


def listed(index_dir: Path) -> dict:
    return {(r.path, r.key, r.digest, r.text)
            for r in read_sources(current_generation(index_dir))}


def test_an_update_writes_its_changes_and_leaves_the_base(tmp_path):
    folder, generation = indexed_fixtures(tmp_path)
    base = (generation / SOURCES_FILE).read_bytes()
    base_entry = read_manifest(generation)["files"][SOURCES_FILE]
    (folder / "new.txt").write_text("壹、目的\n\n新增一份報告。\n", encoding="utf-8")
    (folder / "2023-wto-tbt-committee.txt").unlink()
    result = build_index(tmp_path / "ix", [folder], workers=0)
    assert (result.added, len(result.removed)) == ([str(folder / "new.txt")], 1)
    assert (generation / SOURCES_FILE).read_bytes() == base
    assert read_manifest(generation)["files"][SOURCES_FILE] == base_entry
    changes = (generation / CHANGES_FILE).read_bytes()
    assert len(changes) < len(base) and b"new.txt" in changes
    build_index(tmp_path / "fresh", [folder], workers=0)
    assert listed(tmp_path / "ix") == listed(tmp_path / "fresh")


# One step of a folder's life: a file added, rewritten in place (its folder's
# mtime put back, as a rewrite in place leaves it), or removed.
operations = st.lists(st.tuples(st.sampled_from(["add", "rewrite", "remove"]),
                                st.sampled_from(["a.txt", "sub/b.txt", "sub/deep/c.txt",
                                                 "2019-oecd-digital-economy.txt"])),
                      min_size=1, max_size=5)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(operations, st.sampled_from([0, 1000]))
def test_every_file_added_rewritten_or_removed_is_found(tmp_path_factory, steps, compact):
    real = source_changes.COMPACT_ROWS
    source_changes.COMPACT_ROWS = compact
    try:
        base = tmp_path_factory.mktemp("steps")
        folder, _ = indexed_fixtures(base)
        for n, (operation, name) in enumerate(steps):
            path = folder / name
            parent = path.parent
            parent.mkdir(parents=True, exist_ok=True)
            before = os.stat(parent).st_mtime_ns
            if operation == "remove":
                path.unlink(missing_ok=True)
            elif operation == "add" or path.exists():
                with open(path, "w", encoding="utf-8") as f:  # in place when it exists
                    f.write(f"壹、目的\n\n第 {n} 次改寫的報告，說明檢疫措施。\n")
                os.utime(path, ns=(1_600_000_000_000_000_000 + n, 1_600_000_000_000_000_000 + n))
                if operation == "rewrite":
                    os.utime(parent, ns=(before, before))
            build_index(base / "ix", [folder], workers=0)
            shutil.rmtree(base / "fresh", ignore_errors=True)
            build_index(base / "fresh", [folder], workers=0)
            assert listed(base / "ix") == listed(base / "fresh")
    finally:
        source_changes.COMPACT_ROWS = real


@pytest.mark.parametrize("step, committed", [(crash_before_checksums, False),
                                             (crash_after_checksums, True),
                                             (crash_before_cleanup, True)])
@pytest.mark.parametrize("compact", [0, 1000])
def test_a_commit_cut_short_reads_the_list_as_before_or_after(tmp_path, monkeypatch, step,
                                                               committed, compact):
    monkeypatch.setattr(source_changes, "COMPACT_ROWS", compact)
    index_dir, one, two = setup(tmp_path)
    build_index(index_dir, [one, two], workers=0)  # changes kept beside the base
    before, list_before = answers(index_dir), listed(index_dir)
    (one / "2019-oecd-digital-economy.txt").unlink()
    (two / "more.txt").write_text("壹、目的\n\n另一份補充說明。\n", encoding="utf-8")
    reference = tmp_path / "reference"
    build_index(reference, [one, two], workers=0)
    with monkeypatch.context() as patched:
        step(patched)
        with pytest.raises(Crash):
            build_index(index_dir, [one, two], workers=0)
    if committed:
        assert listed(index_dir) == listed(reference)
    else:
        assert listed(index_dir) == list_before
        assert answers(index_dir) == before
    build_index(index_dir, [one, two], workers=0)
    assert listed(index_dir) == listed(reference)
    assert answers(index_dir)["reports"] == answers(reference)["reports"]
