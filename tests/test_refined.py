"""Candidates bounded exactly a group at a time, highest roofs first
(refined.py), come in the order of bounding them all first."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.indexer import ReportIndex
from rsearch.indexer.retrieval import best_first, candidates, refined
from rsearch.indexer.retrieval.ranking import term_ceiling
from rsearch.indexer.storage import RANKED_DOWN

from .test_arrays import bounded_terms


class Bounds:
    """ArrayBounds.ceilings_of() over given lengths and flags."""

    def __init__(self, lengths: dict[int, float], low: dict[int, bool], idf: float):
        self.lengths, self.low, self.idf = lengths, low, idf
        self.bounded: list[int] = []

    def ceilings_of(self, r, docs, mentions, heading, out_of=0):
        self.bounded += docs.tolist()
        lengths = np.array([self.lengths[d] for d in docs.tolist()], float)
        weights = np.array([RANKED_DOWN if self.low[d] else 1.0 for d in docs.tolist()])
        return term_ceiling(self.idf, mentions, lengths, heading, weights)


class Term:
    def __init__(self, idf: float):
        self.idf = idf


candidate = st.tuples(st.sampled_from([0.5, 1.0, 1.7, 2.0, 3.0]),  # mentions
                      st.sampled_from([0.0, 0.7, 1.0]),  # heading
                      st.sampled_from([1, 30, 64, 65, 128, 500]),  # length
                      st.booleans())  # ranked down


@settings(max_examples=300, deadline=None)
@given(st.lists(candidate, max_size=80), st.sampled_from([0.3, 1.82, 4.0]),
       st.integers(1, 8), st.integers(2, 4), st.integers(0, 80), st.sampled_from([1, 3, 1 << 14]))
def test_bounded_a_group_at_a_time_they_come_as_bounded_all_at_once(rows, idf, first, growth,
                                                                    read, sample):
    docs = np.arange(0, 3 * len(rows), 3)
    mentions = np.array([m for m, *_ in rows], float)
    heading = np.array([h for _, h, *_ in rows], float)
    lengths = {int(d): float(n) for d, (*_, n, _) in zip(docs, rows, strict=True)}
    low = {int(d): flag for d, (*_, flag) in zip(docs, rows, strict=True)}
    whole = Bounds(lengths, low, idf)
    expected = list(best_first.best_first_of(docs, whole.ceilings_of(None, docs, mentions,
                                                                     heading)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(refined, "FIRST", first)
        patch.setattr(refined, "GROWTH", growth)
        patch.setattr(refined, "SAMPLE", sample)  # cuts among every n-th roof
        lazy = Bounds(lengths, low, idf)
        found = refined.best_first_refined(lazy, Term(idf), docs, mentions, heading)
        taken = [item for _, item in zip(range(read), found, strict=False)]
    assert taken == expected[:read]
    # What is handed on was bounded exactly, and nothing twice.
    assert {d for _, d in taken} <= set(lazy.bounded)
    assert len(lazy.bounded) == len(set(lazy.bounded))


def test_roofs_bound_the_bounds():
    mentions = np.array([0.0, 0.3, 1.0, 2.0, 7.0] * 6)
    heading = np.array([0.0, 1.0, 0.7] * 10)
    lengths = np.array([0, 1, 63, 64, 65, 1000] * 5, float)
    for idf in (0.01, 1.82, 9.0):
        ceilings = term_ceiling(idf, mentions, lengths, heading, 1.0)
        assert (refined.roofs(Term(idf), mentions, heading) >= ceilings).all()
        shortest = term_ceiling(idf, mentions, np.zeros(len(mentions)), heading, 1.0)
        assert refined.roofs(Term(idf), mentions, heading).tolist() == shortest.tolist()


@pytest.mark.parametrize(("first", "growth", "sample"), [(1, 2, 1 << 14), (7, 3, 5)])
def test_a_terms_candidates_refined_come_as_bounded_all_at_once(updated_archive, first, growth,
                                                                sample, monkeypatch):
    monkeypatch.setattr(candidates, "ARRAYS_FROM", 0)
    monkeypatch.setattr(refined, "SAMPLE", sample)
    monkeypatch.setattr(refined, "FIRST", first)
    monkeypatch.setattr(refined, "GROWTH", growth)
    compared = 0
    with ReportIndex(updated_archive) as ix:
        for _, r, bounds, among in bounded_terms(ix):
            docs, ceilings = bounds.term_ceilings(r, among)
            evidence = bounds.term_evidence(r, among)
            found = list(refined.best_first_refined(bounds, r, *evidence))
            assert found == list(best_first.best_first_of(docs, ceilings))
            compared += len(found)
    assert compared > 1000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([1.0, 2.0, 3.0, 4.0]), st.sampled_from([0.0, 1.0, 2.0])),
                max_size=60),
       st.integers(1, 5), st.integers(2, 3), st.sampled_from([1, 2, 1 << 14]))
def test_bounds_that_equal_roofs_left_wait_for_them(rows, first, growth, sample):
    """Bounds as far below their roofs as may be, so that many equal the
    roof of another candidate: those come in the order of their documents."""
    docs = np.arange(len(rows))
    high = np.array([roof for roof, _ in rows])
    ceilings = {int(d): roof - drop for d, (roof, drop) in zip(docs, rows, strict=True)}

    class Given:
        def ceilings_of(self, r, docs, mentions, heading, out_of=0):
            return np.array([ceilings[d] for d in docs.tolist()], float)

    expected = list(best_first.best_first_of(docs, np.array([ceilings[d] for d in docs.tolist()])))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(refined, "roofs", lambda r, mentions, heading: high)
        patch.setattr(refined, "FIRST", first)
        patch.setattr(refined, "GROWTH", growth)
        patch.setattr(refined, "SAMPLE", sample)
        zeros = np.zeros(len(rows))
        assert list(refined.best_first_refined(Given(), None, docs, zeros, zeros)) == expected
