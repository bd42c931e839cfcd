"""The merge policy of updates (build/merging.py), against brute force."""

from hypothesis import given
from hypothesis import strategies as st
from rsearch.indexer.build.merging import MERGE_DOCS, SMALL_SEGMENTS, TIER_BASE, tier, to_merge


def test_tiers_grow_by_the_factor():
    assert [tier(n) for n in (0, 1, TIER_BASE, TIER_BASE + 1, 4 * TIER_BASE,
                              4 * TIER_BASE + 1, 16 * TIER_BASE + 1)] == [0, 0, 0, 1, 1, 2, 3]


@given(st.lists(st.integers(0, 3 * MERGE_DOCS), max_size=12))
def test_the_lowest_tier_gathered_and_small_enough_is_merged(counts):
    chosen = to_merge(counts)
    eligible = sorted({tier(c) for c in counts
                       if sum(1 for d in counts if tier(d) == tier(c)) >= SMALL_SEGMENTS
                       and sum(d for d in counts if tier(d) == tier(c)) <= MERGE_DOCS})
    if not eligible:
        assert chosen == []
    else:
        assert chosen == [n for n, c in enumerate(counts) if tier(c) == eligible[0]]
        assert sum(counts[n] for n in chosen) <= MERGE_DOCS


def test_an_update_never_merges_a_builds_segments():
    assert to_merge([200_000, 190_000, 180_000, 170_000, 2_000, 40]) == []
    assert to_merge([200_000, 60, 40, 10, 0]) == [1, 2, 3, 4]
