"""Candidates highest bound first, and a run of ties taken at once
(retrieval/best_first.py), against pulling them one by one."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.indexer.retrieval import best_first
from rsearch.indexer.retrieval.leaders import tie_score
from rsearch.indexer.retrieval.topk import tied_run

from .drawn import examples

# Bounds that tie as ranking compares them though they differ (a hair apart,
# below the sixth decimal), tie exactly, or differ.
BOUNDS = st.sampled_from([100.5, 100.5000001, 100.4999999, 101.0, 101.25, 102.0,
                          102.0000004, 3.0, 0.75])


def chunked(pairs: list[tuple[float, int]], cuts: list[int]):
    """The pairs in chunks cut at these places."""
    places = sorted({c % (len(pairs) + 1) for c in cuts} | {0, len(pairs)})
    for start, end in zip(places, places[1:], strict=False):
        part = pairs[start:end]
        yield [b for b, _ in part], [d for _, d in part]


def ordered(values: list[float]) -> list[tuple[float, int]]:
    return sorted(zip(values, range(0, 3 * len(values), 3), strict=True),
                  key=lambda pair: (-pair[0], pair[1]))


@settings(max_examples=examples(300))
@given(st.lists(BOUNDS, max_size=80), st.lists(st.integers(0, 80), max_size=6),
       st.lists(st.tuples(st.booleans(), st.integers(1, 20)), max_size=40))
def test_runs_taken_at_once_are_the_pairs_one_by_one(values, cuts, steps):
    pairs = ordered(values)
    items = best_first.BestFirst(chunked(pairs, cuts))
    taken: list[tuple[float, int]] = []
    for run, most in steps:
        if run and len(taken) < len(pairs):
            # A run of those tying the next pair, as ranking compares them.
            tie = tie_score(pairs[len(taken)][0])
            bounds, docs = items.tied(tie, most)
            expected = []
            for pair in pairs[len(taken):]:
                if len(expected) == most or tie_score(pair[0]) != tie:
                    break
                expected.append(pair)
            assert list(zip(bounds, docs, strict=True)) == expected
            taken += expected
        else:
            pair = next(items, None)
            assert pair == (pairs[len(taken)] if len(taken) < len(pairs) else None)
            if pair is not None:
                taken.append(pair)
    assert taken + list(items) == pairs


@settings(max_examples=examples(200))
@given(st.lists(BOUNDS, min_size=1, max_size=700), st.integers(0, 699))
def test_a_tied_run_is_the_same_from_arrays_and_from_any_iterator(values, start):
    docs = np.arange(0, 3 * len(values), 3)
    pairs = list(best_first.best_first_of(docs, np.array(values, np.float64)))
    start %= len(pairs)
    fast = best_first.best_first_of(docs, np.array(values, np.float64))
    slow = iter(list(pairs))
    for _ in range(start + 1):
        first = next(fast), next(slow)
    assert tied_run(fast, first[0]) == tied_run(slow, first[1])
    assert list(fast) == list(slow)


def test_a_run_past_the_batch_stops_at_the_batch():
    docs = np.arange(5000)
    items = best_first.best_first_of(docs, np.full(5000, 7.0))
    first = next(items)
    bounds, found, after = tied_run(items, first)
    assert found == list(range(4096)) and bounds == [7.0] * 4096 and after == (7.0, 4096)
