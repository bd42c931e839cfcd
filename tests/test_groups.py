"""AND and OR bound only the candidates that may match them (groups.py): the
hits are those of bounding every candidate of every term (the reference
path, Candidates.evidence), over dicts and over arrays, for queries of every
shape: nested groups, quoted phrases, words side by side and words excluded
inside them, under filters."""

from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rsearch.indexer import Filters, ReportIndex
from rsearch.indexer.retrieval import candidates, groups, topk
from rsearch.indexer.retrieval.groups import group_bounds, group_ceilings, is_group
from rsearch.indexer.retrieval.query import parse_query
from rsearch.indexer.retrieval.ranking import evaluate, final_score

from .test_filtered_search import Archive, filters, generated  # noqa: F401 (a fixture)

WORDS = ["海關", "AEO", "WCO", "單一窗口", "優質企業", "會議", "關務", "貿易便捷", "計畫", "檢疫犬"]


@pytest.fixture(scope="module")
def opened_groups(generated):  # noqa: F811 (the fixture imported)
    """The generated archive of test_filtered_search: segments, deletions."""
    with ReportIndex(generated) as ix:
        yield ix, Archive(ix)


@st.composite
def group_queries(draw, depth: int = 2) -> str:
    """A query of two or three parts joined by AND, OR or side by side, each a
    word, a quoted word or (below the top) a group in parentheses, with words
    excluded now and then."""
    def part() -> str:
        kind = draw(st.sampled_from(["word", "quoted", "group"] if depth else ["word", "quoted"]))
        if kind == "group":
            return f"({draw(group_queries(depth - 1))})"
        word = draw(st.sampled_from(WORDS))
        return f'"{word}"' if kind == "quoted" else word

    text = part()
    excluded = draw(st.integers(0, 3)) == 0
    for _ in range(draw(st.integers(0 if excluded and depth == 2 else 1, 2))):
        text += draw(st.sampled_from([" AND ", " OR ", " "])) + part()
    if excluded:
        text += f" -{draw(st.sampled_from(WORDS))}"
    return text


def reference(ix, query, f, limit):
    """The hits of bounding every candidate of every term."""
    # search.py imports is_group when a search runs: patched where it lives.
    with mock.patch.object(topk, "is_group", lambda node: False), \
            mock.patch.object(groups, "is_group", lambda node: False):
        return hits(ix, query, f, limit)


def hits(ix, query, f, limit):
    return [(h.id, h.score, h.match) for h in ix.search(query, f, limit=limit)]


@pytest.mark.parametrize("arrays_from", [0, 10**9])
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), query=group_queries(), limit=st.sampled_from([1, 3, 10, 50]))
def test_a_group_finds_what_bounding_every_candidate_finds(opened_groups, arrays_from, data,
                                                          query, limit):
    ix, archive = opened_groups
    assume(is_group(parse_query(query)))
    f = data.draw(st.one_of(st.none(), filters(archive)))
    with mock.patch.object(candidates, "ARRAYS_FROM", arrays_from):
        assert hits(ix, query, f, limit) == reference(ix, query, f, limit)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(query=group_queries())
def test_a_groups_bounds_are_the_reference_bounds_of_those_that_match(opened_groups, query):
    # Over dicts and over arrays: the passages kept are exactly those whose
    # reference bound scores above 0, each bounded as the reference does.
    ix, _ = opened_groups
    prepared = ix._prepared(query, Filters(), False)
    node, resolved, positive = prepared.node, prepared.resolved, prepared.positive
    assume(is_group(node))
    every = prepared.candidates.evidence(positive, None)
    expected = {d: final_score(evaluate(node, resolved, b)) for d, b in every.items()}
    expected = {d: score for d, score in expected.items() if score > 0}
    kept = group_bounds(prepared.candidates, node, resolved, positive, None)
    assert {d: final_score(evaluate(node, resolved, b)) for d, b in kept.items()} == expected
    docs, ceilings = group_ceilings(prepared.candidates.arrays, node, resolved, positive, None)
    assert dict(zip(docs.tolist(), ceilings.tolist(), strict=True)) == expected


def test_a_groups_bounds_leave_no_reference_cycle(opened_groups):
    # A search runs with the cycle collector paused, so what a cycle holds
    # stays to the end of the search: group_ceilings once kept every term's
    # evidence arrays that way (a scoring function nested in it that called
    # itself), 51 MB of `海關 AND AEO` at 100,000 reports while the table's
    # totals were counted.
    import gc

    ix, _ = opened_groups
    prepared = ix._prepared("(海關 OR 關務) AND (AEO OR 優質企業) -WCO", Filters(), False)
    node, resolved, positive = prepared.node, prepared.resolved, prepared.positive
    gc.collect()
    gc.disable()
    try:
        docs, ceilings = group_ceilings(prepared.candidates.arrays, node, resolved, positive,
                                        None)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = [o for o in gc.garbage if getattr(o, "__module__", None) == groups.__name__]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert len(docs) and left == []
