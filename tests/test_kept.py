"""What an opened index keeps of its searches' postings (retrieval/kept.py):
searches that take them find what one-shot searches find, whatever the
budget and the order of the searches, and nothing kept can be changed."""

import random

import numpy as np
import pytest
from rsearch.indexer import Filters, ReportIndex
from rsearch.indexer.retrieval import arrays, kept

from .archives import queries_from
from .test_arrays import every_term_over_arrays  # noqa: F401


def hits(ix, query, filters=None):
    return [(h.id, h.score, h.match) for h in ix.search(query, filters, limit=10)]


def test_least_recently_used_go_first_within_the_budget():
    keep = kept.KeptPostings(budget=1000)
    first = np.zeros(200, np.int8)
    for name in "abcde":  # 200 bytes each
        keep.keep(name, (first if name == "a" else np.zeros(200, np.int8),))
    assert keep.held == 1000 and not first.flags.writeable
    assert keep.get("a") is not None  # now the most recently used
    keep.keep("f", (np.zeros(200, np.int8),))
    assert list(keep._arrays) == ["c", "d", "e", "a", "f"] and keep.held == 1000
    # An entry past a quarter of the budget is not kept; a broadcast array holds one item.
    big = (np.zeros(251, np.int8),)
    assert keep.keep("big", big) is big and "big" not in keep
    assert kept.size_of((np.broadcast_to(np.float64(1.0), (10**6,)), np.zeros(3))) == 32
    assert keep.made("g", lambda: (np.zeros(10, np.int32),))[0].tolist() == [0] * 10
    assert keep.made("g", lambda: pytest.fail("made twice")) is keep.get("g")


def test_frequencies_are_looked_up_once():
    keep = kept.KeptPostings()
    asked = []
    for _ in range(3):
        assert keep.frequency("grams", "海關", lambda: asked.append(1) or 7) == 7
    assert asked == [1]


@pytest.mark.parametrize("budget", [None, 64 << 10, 1])
def test_searches_with_postings_kept_are_one_shot_searches(updated_archive, budget, monkeypatch,
                                                           every_term_over_arrays):  # noqa: F811
    queries = queries_from(count=30, seed=11) + ["海關 AEO", "貿易 便捷", "貿易便捷", "便捷",
                                                 "電子商務", "跨境電子商務", '"電子商務" 風險']
    filters = [None, Filters(agency="關務署")]
    one_shot = {}
    for query in queries:
        for n, f in enumerate(filters):
            with ReportIndex(updated_archive) as ix:
                one_shot[query, n] = hits(ix, query, f)
    if budget is not None:
        monkeypatch.setattr(kept, "KEPT_BYTES", budget)
    asked = [(q, n) for q in queries for n in range(len(filters))] * 2
    random.Random(budget).shuffle(asked)
    with ReportIndex(updated_archive) as ix:
        found = {key: hits(ix, key[0], filters[key[1]]) for key in asked}
        held = ix._kept_postings
        assert held.held <= held.budget
        if budget != 1:
            assert held._arrays  # something was kept, and taken
            for value in held._arrays.values():
                assert not any(part.flags.writeable for part in value)
    assert found == one_shot


def test_a_first_search_keeps_nothing(updated_archive, every_term_over_arrays):  # noqa: F811
    with ReportIndex(updated_archive) as ix:
        ix.search("海關", limit=3)
        assert "_kept_postings" not in vars(ix)
        ix.search("海關", limit=3)
        assert ix._kept_postings._arrays


def test_kept_grams_are_what_a_search_reads_itself(updated_archive,
                                                   every_term_over_arrays):  # noqa: F811
    """Each set of grams kept holds the passages holding all of them, with
    the least count: what the postings read whole give."""
    with ReportIndex(updated_archive) as ix:
        for query in queries_from(count=20, seed=2):
            ix.search(query, limit=5)
        reader = ix.searcher.reader()
        checked = 0
        for key, (ids, counts) in list(ix._kept_postings._arrays.items()):
            if key[0] != "grams":
                continue
            _, field, grams = key
            found = None
            for gram in grams:
                held = dict(zip(*(a.tolist() for a in arrays.read_postings(reader, field, gram)),
                                strict=True))
                found = held if found is None else {
                    d: min(c, held[d]) for d, c in found.items() if d in held}
            assert dict(zip(ids.tolist(), counts.tolist(), strict=True)) == found
            checked += 1
        assert checked > 10
