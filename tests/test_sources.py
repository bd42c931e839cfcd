"""The index's list of its report files (storage/sources.py): what an update
reads instead of every report document, and what it keeps it to."""

import shutil
from pathlib import Path

import pytest
import rsearch.indexer.build.store
import rsearch.indexer.storage.source_lookups
import rsearch.indexer.storage.sources
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.indexer import CorruptIndex, ReportIndex, build_index
from rsearch.indexer.build import STILL_DUPLICATE, TO_INDEX, UNCHANGED, Duplicate, sort_read
from rsearch.indexer.storage import SOURCES_FILE, SourceRow, Sources, read_sources
from rsearch.indexer.storage.checksums import read_manifest, write_checksums
from rsearch.indexer.storage.generations import current_generation
from rsearch.indexer.storage.source_lookups import without_rows
from rsearch.indexer.storage.whoosh_door import newest_toc, toc_files

from .test_updates import (
    FIXTURES,
    aged_fixtures,
    answers,
    groups_of,
    read_paths,
    write_report,
)

paths = st.text(st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)),
                min_size=1, max_size=12).map(lambda s: "/r/" + s)
rows = st.builds(SourceRow, paths, st.text(st.characters(blacklist_characters="\0"), max_size=6),
                 st.text("0123456789abcdef", min_size=4, max_size=4),
                 st.text("0123456789abcdef", max_size=4),
                 st.one_of(st.none(), st.tuples(st.integers(0, 2**40), st.integers(0, 2**62))))
tables = st.lists(rows, unique_by=lambda r: r.path, max_size=12)


def as_dict(sources: Sources) -> dict[str, SourceRow]:
    return {row.path: row for row in sources}


@settings(max_examples=150)
@given(tables)
def test_a_list_reads_back_as_written(table):
    sources = Sources.decode(Sources.from_rows(table).encode())
    assert len(sources) == len(table)
    assert as_dict(sources) == {row.path: row for row in table}
    for row in table:
        assert row.path in sources and sources.get(row.path) == row
        assert sources.stamp(row.path) == row.stamp
    assert "/not/there" not in sources and sources.get("/not/there") is None


@settings(max_examples=150)
@given(tables, st.data())
def test_a_change_equals_the_list_made_again(table, data):
    sources = Sources.from_rows(table)
    removed = data.draw(st.lists(st.sampled_from([r.path for r in table] or ["/x"])))
    added = data.draw(st.lists(rows, unique_by=lambda r: r.path, max_size=4))
    expected = {r.path: r for r in table if r.path not in removed}
    expected.update((r.path, r) for r in added)
    after = sources.changed(removed, added)
    assert as_dict(after) == expected
    assert as_dict(Sources.decode(after.encode())) == expected
    texts = [r.text for r in expected.values()]
    keys = [r.key for r in expected.values()]
    asked = data.draw(st.lists(st.sampled_from(texts + keys + ["", "0", "ab"])))
    # A few lookups search the column's bytes, more count its values: the same.
    for scanned in (0, 10**9):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(rsearch.indexer.storage.source_lookups, "SCANNED_LOOKUPS", scanned)
            listed = Sources.decode(after.encode())
            for value in [*set(texts), *asked]:
                assert listed.holding_text(value) == (texts.count(value) if value else 0)
                assert listed.holds_key(value) == (value in keys)


@settings(max_examples=150)
@given(tables, st.data())
def test_a_path_found_in_the_bytes_is_its_row(table, data):
    # A list just read has no column split: a lookup searches the paths'
    # bytes, and counts the separators before the one found for its row.
    encoded = Sources.from_rows(table).encode()
    rows = {row.path: row for row in Sources.from_rows(table)}
    near = [p[:-1] for p in rows] + [p + "x" for p in rows] + ["/r/", "/not/there"]
    for path in data.draw(st.lists(st.sampled_from([*rows, *near]), max_size=8)):
        sources = Sources.decode(encoded)
        assert sources.get(path) == rows.get(path)
        assert (path in Sources.decode(encoded)) == (path in rows)
    # Past a few rows read, a column is split once: the same rows.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rsearch.indexer.storage.sources, "SCANNED_LOOKUPS", 2)
        sources = Sources.decode(encoded)
        assert [sources.get(path) for path in rows] == list(rows.values())


@settings(max_examples=300)
@given(st.lists(st.text(st.characters(blacklist_characters="\0"), max_size=5), min_size=1,
                max_size=40), st.data())
def test_rows_cut_from_the_bytes_leave_the_others(values, data):
    # A few rows dropped by an update are cut out of each column where they
    # are (found from a guess in proportion), the rest left as bytes.
    column = "\0".join(values).encode("utf-8", "surrogatepass")
    drop = sorted(data.draw(st.sets(st.integers(0, len(values) - 1), min_size=1)))
    kept = [v for n, v in enumerate(values) if n not in drop]
    assert without_rows(column, len(values), drop) == "\0".join(kept).encode(
        "utf-8", "surrogatepass")


@settings(max_examples=100)
@given(tables, st.data())
def test_unchanged_files_are_those_of_the_same_stamp(table, data):
    sources = Sources.from_rows(table)
    found = {}
    for row in data.draw(st.lists(st.sampled_from(table), unique_by=lambda r: r.path)
                         if table else st.just([])):
        found[row.path] = (Path("/r"), data.draw(st.sampled_from([row.stamp, (1, 2), None])))
    found.update((p, (Path("/r"), (1, 2))) for p in data.draw(st.lists(paths, max_size=3))
                 if p not in sources)
    expected = sorted(p for p, (_, stamp) in found.items()
                      if stamp is not None and sources.stamp(p) == stamp)
    # Both ways of telling them: a pass over every row (many files found), and
    # a lookup of each file found (a few, as `rsearch index FILE` finds).
    for share in (0, 10**9):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(rsearch.indexer.storage.sources, "LOOKED_UP_SHARE", share)
            same, other = sources.unchanged(found)
        assert sorted(same + other) == sorted(found)
        assert sorted(same) == expected


def test_a_damaged_list_is_refused():
    data = Sources.from_rows([SourceRow("/r/a", "a", "d1", "t1", (1, 2))]).encode()
    for bad in (b"", data[:-3], b"rsearch-sources {}\n",
                data.replace(b'"version": 2', b'"version": 9')):
        with pytest.raises(CorruptIndex):
            Sources.decode(bad)


def test_a_read_file_is_sorted_once_for_every_engine():
    copy = Duplicate("/r/b", "b", "d2", "t", "/r/a", "a")
    assert sort_read("d1", "d1", None) == UNCHANGED
    assert sort_read("d1", "d1", copy) == UNCHANGED
    assert sort_read("d2", "d1", copy) == STILL_DUPLICATE
    assert sort_read("d2", None, copy) == STILL_DUPLICATE
    assert sort_read("d3", "d1", copy) == TO_INDEX
    assert sort_read("d3", None, None) == TO_INDEX
    assert sort_read("", None, None) == TO_INDEX


def column_read(monkeypatch) -> list[int]:
    """Counts the reads of the report documents' column."""
    reads = []
    real = rsearch.indexer.build.store.column_sources

    def counting(ix):
        reads.append(1)
        return real(ix)

    monkeypatch.setattr(rsearch.indexer.build.store, "column_sources", counting)
    return reads


def test_updates_read_the_list_not_the_report_documents(tmp_path, monkeypatch):
    folder = aged_fixtures(tmp_path)
    build_index(tmp_path / "ix", [folder], workers=0)
    reads = column_read(monkeypatch)
    write_report(folder, "a", [0, 1])
    build_index(tmp_path / "ix", [folder], workers=0)
    write_report(folder, "a", [1], variant=1)
    (folder / "2023-wto-tbt-committee.txt").unlink()
    result = build_index(tmp_path / "ix", [folder], workers=0)
    assert (len(result.updated), len(result.removed)) == (1, 1)
    assert reads == []
    listed = {row.path: row.key for row in read_sources(current_generation(tmp_path / "ix"))}
    assert listed == {str(p): p.stem for p in folder.iterdir()}


def test_an_index_without_the_list_gets_it_with_its_next_update(tmp_path, monkeypatch):
    folder, generation = indexed_fixtures(tmp_path)
    build_index(tmp_path / "fresh", [folder], workers=0)
    # As an rsearch from before the list leaves it: checksums without it.
    (generation / SOURCES_FILE).unlink()
    listed = read_manifest(generation)["files"]
    write_checksums(generation, toc_files(generation, newest_toc(generation)),
                    {n: (generation / n).read_bytes() for n in listed
                     if "crc" in listed[n] and n != SOURCES_FILE and not n.endswith(".toc")})
    assert read_sources(generation) is None
    reads = column_read(monkeypatch)
    assert len(build_index(tmp_path / "ix", [folder], workers=0).unchanged) == 4
    assert reads == [1]
    assert len(read_sources(current_generation(tmp_path / "ix"))) == 4
    build_index(tmp_path / "ix", [folder], workers=0)
    assert reads == [1]
    assert answers(tmp_path / "ix") == answers(tmp_path / "fresh")


def indexed_fixtures(tmp_path: Path) -> tuple[Path, Path]:
    """The fixture reports copied to a folder and indexed in `tmp_path / "ix"`:
    the folder and the index's generation."""
    folder = tmp_path / "reports"
    shutil.copytree(FIXTURES, folder)
    build_index(tmp_path / "ix", [folder], workers=0)
    return folder, current_generation(tmp_path / "ix")


def test_a_file_named_is_the_only_one_read(tmp_path, monkeypatch):
    folder, _ = indexed_fixtures(tmp_path)
    seen = read_paths(monkeypatch)
    for path in folder.iterdir():
        path.touch()  # would all be read by an update of the folder
    added = write_report(folder, "a", [0, 2])
    result = build_index(tmp_path / "ix", [added], workers=0)
    assert seen == [str(added)] and result.added == [str(added)]
    assert rsearch.indexer.storage.remembered_roots(tmp_path / "ix") == [folder.resolve()]
    build_index(tmp_path / "fresh", [folder], workers=0)
    assert answers(tmp_path / "ix") == answers(tmp_path / "fresh")
    assert groups_of(tmp_path / "ix") == groups_of(tmp_path / "fresh")
    # Its key is the one a walk of its folder gives it; removed when named gone.
    assert [r.key for r in read_sources(current_generation(tmp_path / "ix"))
            if r.path == str(added)] == ["a"]


def test_a_file_named_gone_is_removed_alone(tmp_path):
    folder, _ = indexed_fixtures(tmp_path)
    gone = sorted(folder.glob("*.txt"))[0]
    gone.unlink()
    result = build_index(tmp_path / "ix", [gone], workers=0)
    # Its report removed, no other file looked at (a walk finds them unchanged).
    assert result.removed == [str(gone)] and result.unchanged == [] and not result.missing
    build_index(tmp_path / "fresh", [folder], workers=0)
    assert answers(tmp_path / "ix") == answers(tmp_path / "fresh")
    assert groups_of(tmp_path / "ix") == groups_of(tmp_path / "fresh")
    # A path gone that no folder indexed holds is refused, as is any before an index.
    for path, index in ((tmp_path / "elsewhere.txt", "ix"), (gone, "none")):
        with pytest.raises(FileNotFoundError):
            build_index(tmp_path / index, [path], workers=0)


def test_the_list_is_read_from_its_next_version_while_a_commit_moves_it(tmp_path):
    folder, generation = indexed_fixtures(tmp_path)
    committed = (generation / SOURCES_FILE).read_bytes()
    # Between the checksums and the move: the old list in place, the new beside it.
    (generation / (SOURCES_FILE + ".next")).write_bytes(committed)
    (generation / SOURCES_FILE).write_bytes(Sources.from_rows([]).encode())
    with ReportIndex(tmp_path / "ix") as ix:
        assert ix.search("單一窗口")
    assert len(read_sources(generation)) == 4
    assert len(build_index(tmp_path / "ix", [folder], workers=0).unchanged) == 4
