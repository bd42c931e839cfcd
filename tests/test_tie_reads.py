"""Ties with the last of the top ruled out by places read many at a time
(topk.TopK._untied, place_reads.places_at) choose what one place at a time
chose."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.indexer import Filters, ReportIndex
from rsearch.indexer.retrieval import place_reads, topk
from rsearch.indexer.retrieval.topk import TopK
from rsearch.indexer.storage import PLACE_SIZE, read_column
from rsearch.indexer.storage.places import PLACE_KEY_BYTES

from .archives import queries_from

CEILINGS = [100.0, 100.5, 100.5000000001, 101.0, 0.0]
PLACES = [b"a", b"b", b"b", b"c", b"d", b"e"]


def one_at_a_time(self, ordered, leaders):
    return ordered


class Stub(TopK):
    """A TopK over candidates given as numbers: exact score and place of each."""

    def __init__(self, passages: dict[int, tuple[float, bytes, bool]]):
        self.passages, self._known_places, self._places = passages, {}, {}
        self.place_order = None

    def exact(self, docnum):
        score, place, scored_before = self.passages[docnum]
        return score, None if scored_before else place


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CEILINGS), st.sampled_from([0.0, 0.5, 1.0]),
                          st.sampled_from(PLACES), st.booleans()), max_size=60),
       st.integers(1, 5), st.integers(1, 4))
def test_ties_read_in_batches_choose_what_one_at_a_time_chooses(rows, limit, batch):
    passages = {docnum: (max(ceiling - drop, 0.0), place, scored_before)
                for docnum, (ceiling, drop, place, scored_before) in enumerate(rows)}
    ordered = sorted(((ceiling, docnum) for docnum, (ceiling, *_) in enumerate(rows)),
                     key=lambda c: (-c[0], c[1]))
    places = {docnum: place for docnum, (_, place, _) in passages.items()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(topk, "places_at", lambda reader, column, docs: {
            d: places[d] for d in docs})
        patch.setattr(topk, "TIE_BATCH", batch)
        stub = Stub(passages)
        stub._places = places
        stub.searcher = type("Searcher", (), {"reader": lambda self: None})()
        batched = stub.top_of(iter(ordered), limit)
        patch.setattr(TopK, "_untied", one_at_a_time)
        reference = Stub(passages)
        reference._places = places
        assert batched == reference.top_of(iter(ordered), limit)


@pytest.mark.parametrize("near", [0, 1, 512])
def test_places_read_many_at_a_time_are_the_columns(updated_archive, near, monkeypatch):
    monkeypatch.setattr(place_reads, "NEAR", near)
    with ReportIndex(updated_archive) as ix:
        reader = ix.searcher.reader()
        assert len(list(reader.leaf_readers())) > 1
        column = read_column(reader, "order")
        docs = list(range(0, reader.doc_count_all(), 3)) + [reader.doc_count_all() - 1, 5, 5]
        assert place_reads.places_at(reader, column, docs) == {d: column[d] for d in docs}


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_searches_ruling_out_ties_in_batches_find_what_they_found(updated_archive, limit,
                                                                  monkeypatch):
    queries = queries_from(count=40, seed=3) + ["海關 -AEO", "單一窗口 OR AEO", "海關 會議"]
    filters = [None, Filters(agency="關務署")]

    def run():
        with ReportIndex(updated_archive) as ix:
            return {(q, n, offset): [(h.id, h.score, h.match) for h in
                                   ix.search(q, f, limit=limit, offset=offset)]
                    for q in queries for n, f in enumerate(filters) for offset in (0, limit)}

    monkeypatch.setattr(TopK, "_untied", one_at_a_time)
    reference = run()
    monkeypatch.undo()
    monkeypatch.setattr(topk, "TIE_BATCH", 2)
    monkeypatch.setattr(place_reads, "NEAR", 1)
    batches = []
    places_at = topk.places_at
    monkeypatch.setattr(topk, "places_at", lambda reader, column, docs: (
        batches.append(len(docs)), places_at(reader, column, docs))[1])
    assert run() == reference
    # (Groups joined by OR or AND take their own path since andq: fewer ties.)
    assert len(batches) > 10 and 2 in batches
    # From the second search on, a segment whose places ascend is read only
    # up to the last's place (any tie of two asks about its order).
    monkeypatch.setattr(topk, "TIE_BATCH", 4)
    monkeypatch.setattr(place_reads, "ORDER_FROM", 2)
    learned = []
    order = place_reads.PlaceOrder._segment_up_to

    def spy(self, segment, part, start, docs, last):
        kept = order(self, segment, part, start, docs, last)
        learned.append((self._ascending.get(segment), len(docs), len(kept)))
        return kept

    monkeypatch.setattr(place_reads.PlaceOrder, "_segment_up_to", spy)
    assert run() == reference
    assert any(ascends and kept < asked for ascends, asked, kept in learned)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(min_size=PLACE_SIZE, max_size=PLACE_SIZE)
                | st.builds(lambda key, n: key.ljust(PLACE_KEY_BYTES, b"\0") + n.to_bytes(4, "big"),
                            st.binary(max_size=PLACE_KEY_BYTES), st.integers(0, 300)),
                max_size=12), st.booleans())
def test_places_ascend_as_bytes_do(places, sort):
    if sort:
        places = sorted(places)
    expected = all(a <= b for a, b in zip(places, places[1:], strict=False))
    assert place_reads.ascending(b"".join(places)) == expected


@pytest.mark.parametrize("ascends", [True, False])
def test_ties_placed_up_to_the_last_are_those_of_the_column(updated_archive, ascends,
                                                            monkeypatch):
    import random

    monkeypatch.setattr(place_reads, "ORDER_FROM", 1)
    if not ascends:  # a segment out of order: every document is kept
        monkeypatch.setattr(place_reads, "ascending", lambda places: False)
    with ReportIndex(updated_archive) as ix:
        reader = ix.searcher.reader()
        column = read_column(reader, "order")
        size = reader.doc_count_all()
        order = place_reads.PlaceOrder()
        rng = random.Random(5)
        for count in (1, 2, 30, 400):
            docs = rng.sample(range(size), count)
            last = column[rng.randrange(size)]
            kept = order.placed_up_to(column, docs, last)
            assert kept == sorted(kept) and set(kept) <= set(docs)
            assert {d for d in docs if column[d] <= last} <= set(kept)
            if not ascends:
                assert kept == sorted(set(docs))
        assert any(order._ascending.values()) == ascends
        # In a segment whose places ascend, exactly those placed up to the last.
        starts = [*column._doc_offsets, size]
        for segment, ascending in order._ascending.items():
            if ascending:
                inside = [d for d in range(starts[segment], starts[segment + 1], 7)]
                last = column[inside[len(inside) // 2]]
                assert order.placed_up_to(column, inside, last) == [
                    d for d in inside if column[d] <= last]
