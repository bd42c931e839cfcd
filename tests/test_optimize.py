"""`rsearch optimize` (build/optimize.py, segment_merge.py): an index whose
segments are merged answers exactly as before (ids, scores, filtered answers,
counts), and an interrupted merge leaves the index as it was."""

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.cli.main import cli
from rsearch.indexer import ReportIndex, build_index, optimize_index
from rsearch.indexer.build import optimize as optimizing
from rsearch.indexer.build import segment_merge
from rsearch.indexer.build.merging import MERGE_AT_ONCE, next_merge
from rsearch.indexer.retrieval.index_counts import passage_count
from rsearch.indexer.storage import (
    REPORT,
    ReportRuns,
    StoredPassage,
    current_generation,
    posting_ids,
)

from benchmarks.archive import make_archive

from .archives import queries_from
from .test_filtered_search import QUERIES, Archive, filters, generated  # noqa: F401

ASKED = list(dict.fromkeys(QUERIES + queries_from(30)))


def optimized_copy(source: Path, target: Path, segments: int = 1) -> Path:
    shutil.copytree(source, target)
    optimize_index(target, segments)
    return target


@pytest.fixture(scope="module")
def indexes(generated, tmp_path_factory):  # noqa: F811
    """The generated archive (several segments, deleted documents), merged
    into one segment, and into two."""
    base = tmp_path_factory.mktemp("optimized")
    one = optimized_copy(generated, base / "one")
    two = optimized_copy(generated, base / "two", segments=2)
    with ReportIndex(generated) as before, ReportIndex(one) as merged, \
            ReportIndex(two) as halfway:
        yield before, Archive(before), merged, halfway


def segment_count(ix: ReportIndex) -> int:
    return len(ix.searcher.reader().leaf_readers())


def test_the_merges_leave_the_segments_asked_for(indexes):
    before, _, merged, halfway = indexes
    assert segment_count(before) >= 4
    assert segment_count(merged) == 1 and segment_count(halfway) == 2
    assert not merged.searcher.reader().has_deletions()
    for ix in (merged, halfway):
        reader = ix.searcher.reader()
        assert reader.doc_count() == before.searcher.reader().doc_count()
        assert passage_count(reader) == passage_count(before.searcher.reader())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), query=st.sampled_from(ASKED), limit=st.sampled_from([1, 3, 10, 50]))
def test_a_merged_index_answers_as_the_unmerged_one(indexes, data, query, limit):
    before, archive, merged, halfway = indexes
    f = data.draw(filters(archive))
    expected = [(h.id, h.score) for h in before.search(query, f, limit=limit)]
    admits = archive.admits(f)
    # The unmerged index against brute force, as test_filtered_search holds it.
    everything = before.search(query, limit=100_000)
    assert expected == [(h.id, h.score) for h in everything
                        if admits(archive.by_id[h.id])][:limit]
    for ix in (merged, halfway):
        assert [(h.id, h.score) for h in ix.search(query, f, limit=limit)] == expected
        assert ix.count(query, f) == before.count(query, f)


def test_every_run_of_a_merged_segment_is_placed_without_looking_reports_up(indexes,
                                                                            monkeypatch):
    # The merge lays passages first and report documents last, in the order
    # of the segments merged: every report's passages are one run.
    _, archive, merged, _ = indexes
    reader = merged.searcher.reader()
    runs = ReportRuns(reader, merged.stored)
    monkeypatch.setattr(runs, "_by_key", lambda docnum: pytest.fail("looked up by key"))
    for docnum in posting_ids(reader, "kind", REPORT):
        key = merged.stored[docnum]["report"]
        expected = sorted(p.id for p in archive.passages.values() if p.report == key)
        placed = runs.passages(docnum)
        assert isinstance(placed, range)
        assert sorted(StoredPassage.of(merged.stored[d]).id for d in placed) == expected


def test_a_merged_index_is_sound_and_takes_updates(generated, tmp_path, runner):  # noqa: F811
    target = optimized_copy(generated, tmp_path / "ix")
    assert runner.invoke(cli, ["--index-dir", str(target), "check"]).exit_code == 0
    with ReportIndex(target) as ix:
        keys = {r["key"] for r in ix.reports()}
    reports = tmp_path / "more"
    reports.mkdir()
    make_archive(reports, 1, start=90, seed=3)
    build_index(target, [reports], workers=0)
    with ReportIndex(target) as ix:
        assert len({r["key"] for r in ix.reports()} - keys) == 1
        assert segment_count(ix) == 3  # the update's reports and its groups of names


@given(counts=st.lists(st.integers(0, 10_000), max_size=80), target=st.integers(1, 5))
def test_an_optimize_merges_in_the_fewest_merges_of_the_smallest(counts, target):
    merges, left = 0, list(counts)
    while chosen := next_merge(left, target):
        assert 2 <= len(chosen) <= MERGE_AT_ONCE
        # The smallest segments are merged first.
        assert max(left[n] for n in chosen) <= min(
            (c for n, c in enumerate(left) if n not in chosen), default=10_001)
        left = [c for n, c in enumerate(left) if n not in chosen] + [sum(left[n] for n in chosen)]
        merges += 1
    assert len(left) == min(len(counts), target) or (not counts and left == [])
    assert sum(left) == sum(counts)
    over = max(0, len(counts) - target)
    assert merges == -(-over // (MERGE_AT_ONCE - 1))


def test_thirty_nine_segments_merge_the_ten_smallest_then_thirty():
    counts = list(range(100, 139))
    assert next_merge(counts) == list(range(10))
    assert next_merge([1000] * 30) == list(range(30))


def files_of(index_dir: Path) -> dict[str, bytes]:
    generation = current_generation(index_dir)
    return {name: (generation / name).read_bytes() for name in sorted(os.listdir(generation))}


def answers(index_dir: Path) -> list:
    with ReportIndex(index_dir) as ix:
        return [[(h.id, h.score) for h in ix.search(q, limit=20)] for q in QUERIES]


def test_a_merge_cut_short_leaves_the_index_as_it_was(generated, tmp_path,  # noqa: F811
                                                      monkeypatch):
    target = tmp_path / "ix"
    shutil.copytree(generated, target)
    files, expected = files_of(target), answers(target)
    written = 0
    add = segment_merge.FieldTerms.add

    def cut(self, *args):
        nonlocal written
        written += 1
        if written > 200:
            raise KeyboardInterrupt
        add(self, *args)

    monkeypatch.setattr(segment_merge.FieldTerms, "add", cut)
    with pytest.raises(KeyboardInterrupt):
        optimize_index(target)
    assert files_of(target) == files  # no segment nor table of contents left behind
    assert answers(target) == expected
    monkeypatch.setattr(segment_merge.FieldTerms, "add", add)
    assert optimize_index(target).segments_after == 1
    assert answers(target) == expected


def test_a_merge_cut_short_before_its_checksums_is_not_the_index(generated,  # noqa: F811
                                                                tmp_path, monkeypatch):
    # The new segment and table of contents are written; the checksums, the
    # commit point, still name the old ones.
    target = tmp_path / "ix"
    shutil.copytree(generated, target)
    files, expected = files_of(target), answers(target)

    def cut(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(optimizing, "seal_generation", cut)
    with pytest.raises(KeyboardInterrupt):
        optimize_index(target)
    assert set(files_of(target)) > set(files)
    assert answers(target) == expected
    with ReportIndex(target) as ix:
        assert segment_count(ix) == len([n for n in files if n.endswith(".seg")])
    monkeypatch.undo()
    assert optimize_index(target).segments_after == 1
    assert answers(target) == expected


def test_optimize_through_the_command(generated, tmp_path, runner):  # noqa: F811
    target = tmp_path / "ix"
    shutil.copytree(generated, target)
    with ReportIndex(target) as ix:
        segments, live = segment_count(ix), ix.searcher.reader().doc_count()
    result = runner.invoke(cli, ["--index-dir", str(target), "optimize"])
    assert result.exit_code == 0
    assert result.output == (f"The index in {target} had {segments} segments; it has "
                             f"1 segment now ({live:,} documents merged).\n")
    again = runner.invoke(cli, ["--index-dir", str(target), "optimize"])
    assert again.exit_code == 0
    assert again.output == f"The index in {target} has 1 segment: nothing to merge.\n"
    cluster = runner.invoke(cli, ["--engine", "sphinxql://localhost:9306", "optimize"])
    assert cluster.exit_code == 2
    assert "a cluster (--engine) merges its own" in cluster.output


def test_an_optimize_merges_no_more_bytes_at_once_than_its_cap(generated, tmp_path,  # noqa: F811
                                                              monkeypatch):
    target = tmp_path / "ix"
    shutil.copytree(generated, target)
    expected = answers(target)
    largest = max(current_generation(target).glob("*.seg"), key=lambda f: f.stat().st_size)
    monkeypatch.setattr(optimizing, "MAX_MERGE_BYTES", largest.stat().st_size - 1)
    result = optimize_index(target)
    assert result.merges >= 1 and result.segments_after >= 2
    assert (current_generation(target) / largest.name).exists()  # never merged
    assert answers(target) == expected


def test_progress_grows_to_its_total(generated, tmp_path):  # noqa: F811
    target = tmp_path / "ix"
    shutil.copytree(generated, target)
    told: list[tuple[int, int]] = []
    result = optimize_index(target, progress=lambda done, total: told.append((done, total)))
    assert {total for _, total in told} == {2 * result.documents}
    assert [done for done, _ in told] == sorted(done for done, _ in told)
    assert told[-1][0] == 2 * result.documents
