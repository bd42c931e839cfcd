"""What an opened index keeps or remembers for its searches gives what the
index says: the bits of passages ranked down are the flag's postings, term
lookups remembered within a search (and read in fewer pieces) are Whoosh's,
and a report's record found in its passage's segment is the one found by
looking in every segment."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rsearch.indexer import ReportIndex
from rsearch.indexer.retrieval import arrays
from rsearch.indexer.retrieval.candidates import Candidates
from rsearch.indexer.storage import whoosh_door
from rsearch.indexer.storage.postings import posting_set, segments
from rsearch.indexer.storage.schema import RANKED_DOWN_FLAG

from .test_arrays import bounded_terms, every_term_over_arrays, some_terms  # noqa: F401


@given(st.sets(st.integers(0, 2000)), st.lists(st.integers(0, 2000)), st.integers(0, 40))
def test_bits_of_documents_hold_what_the_set_holds(held, asked, beyond):
    size = max([*held, *asked, 0]) + 1 + beyond
    bits = arrays.DocBits(np.array(sorted(held), np.int32), size)
    docs = np.array(sorted(asked), np.int32)
    assert bits.mask(docs).tolist() == [d in held for d in sorted(asked)]


def test_the_index_bits_of_passages_ranked_down_are_the_flags_postings(updated_archive):
    with ReportIndex(updated_archive) as ix:
        reader = ix.searcher.reader()
        assert reader.has_deletions()
        assert ix._ranked_down_bits(False) is None  # made by the first search that needs them
        bits = ix._ranked_down_bits(True)
        assert ix._ranked_down_bits(False) is bits
        flagged = posting_set(reader, "flags", RANKED_DOWN_FLAG)
        every = np.arange(reader.doc_count_all(), dtype=np.int32)
        assert len(flagged) > 0 and set(every[bits.mask(every)].tolist()) == flagged


def test_bounds_with_the_index_bits_are_the_bounds_of_dicts(updated_archive,
                                                            every_term_over_arrays):  # noqa: F811
    compared = 0
    with ReportIndex(updated_archive) as ix:
        bits = ix._ranked_down_bits(True)
        for dicts, r, _, among in bounded_terms(ix):
            with_bits = Candidates(ix.searcher, lambda: ix._passage_lengths, lambda make: bits)
            docs, ceilings = arrays.ArrayBounds(with_bits).term_ceilings(r, among)
            expected = dicts.term_ceilings(r, among)
            assert dict(zip(docs.tolist(), ceilings.tolist(), strict=True)) == expected
            compared += len(expected)
    assert compared > 1000


def test_term_lookups_are_whooshs_inside_a_search_and_out(updated_archive):
    from whoosh.codec.whoosh3 import W3TermInfo

    with ReportIndex(updated_archive) as ix:
        reader = ix.searcher.reader()
        terms = some_terms(reader) + [("words", "海關"), ("id", "no-such-report"),
                                      ("kind", "x" * 200)]
        looked_up = 0
        for segment, _ in segments(reader):
            table = segment._terms
            for field, term in terms:
                if field not in segment.schema:
                    continue
                btext = term.encode("utf-8")
                key = table._keycoder(field, btext)
                # Whoosh's own lookup: every value of the key, read its way.
                whooshs = next(iter(table._tindex.all(key)), None)
                assert whoosh_door._hash_value(table._tindex, key) == whooshs
                expected = (None if whooshs is None
                            else W3TermInfo.from_bytes(whooshs).doc_frequency())
                for remembered in (False, True, True):
                    if remembered:
                        with whoosh_door.lookups_remembered():
                            found = segment.doc_frequency(field, term), (field, term) in segment
                    else:
                        found = segment.doc_frequency(field, term), (field, term) in segment
                    assert found == (expected or 0, expected is not None)
                looked_up += whooshs is not None
        assert looked_up > 50
        assert not whoosh_door._searching


@pytest.mark.parametrize("slots_read", [1, 2, 3, 8])
def test_every_key_of_every_term_table_is_found_as_whoosh_finds_it(updated_archive, monkeypatch,
                                                                   slots_read):
    """Probes reading 1, 2, 3 or 8 slots at once (past a table's end they go on
    from its start), with a key's hash remembered across the tables or not:
    every key a table holds gives Whoosh's value, and keys it lacks (each key
    with a byte more, its last byte changed) give None, as Whoosh's lookup."""
    monkeypatch.setattr(whoosh_door, "_SLOTS_READ", slots_read)
    monkeypatch.setattr(whoosh_door, "_HASHES_KEPT", 50)
    monkeypatch.setattr(whoosh_door, "_hashes", {})
    with ReportIndex(updated_archive) as ix:
        found = absent = 0
        for segment, _ in segments(ix.searcher.reader()):
            table = segment._terms._tindex
            keys = list(table.keys())
            for key in keys:
                assert whoosh_door._hash_value(table, key) == next(iter(table.all(key)))
                found += 1
            held = set(keys)
            for key in keys[::7]:
                for other in (key + b"\x00", key[:-1] + bytes([(key[-1] + 1) % 256])):
                    if other not in held:
                        assert next(iter(table.all(other)), None) is None
                        assert whoosh_door._hash_value(table, other) is None
                        absent += 1
        assert found > 1000 and absent > 300
        assert len(whoosh_door._hashes) <= 50


def test_lookups_a_search_made_are_kept_for_the_searches_after(updated_archive, monkeypatch):
    seen = []
    looked_up = whoosh_door._looked_up

    def spy(terms, field, btext):
        seen.append((id(terms), field, btext, whoosh_door._searching))
        return looked_up(terms, field, btext)

    monkeypatch.setattr(whoosh_door, "_looked_up", spy)
    with ReportIndex(updated_archive) as ix:
        first = [(h.id, h.score) for h in ix.search("海關", limit=5)]
        during = len(seen)
        assert during and all(inside for *_, inside in seen)
        # Each term of each segment once.
        assert len({key[:3] for key in seen}) == during
        # The same search again looks nothing up, and finds what it found.
        assert [(h.id, h.score) for h in ix.search("海關", limit=5)] == first
        assert len(seen) == during
        # Outside a search, lookups are not kept.
        reader = ix.searcher.reader()
        for _ in range(2):
            reader.doc_frequency("grams", "會議")
        outside = seen[during:]
        assert outside and not any(inside for *_, inside in outside)
        assert len(outside) == 2 * len({key[:3] for key in outside})
    assert not whoosh_door._searching


def test_searches_keeping_few_lookups_find_what_searches_keeping_none_find(updated_archive,
                                                                          monkeypatch):
    from .archives import queries_from

    queries = queries_from(count=30, seed=9)

    def run():
        with ReportIndex(updated_archive) as ix:
            found = {q: [(h.id, h.score, h.match) for h in ix.search(q, limit=10)]
                     for q in queries}
            tables = [segment._terms for segment, _ in segments(ix.searcher.reader())]
            return found, [len(getattr(t, "_kept_lookups", {})) for t in tables]

    monkeypatch.setattr(whoosh_door, "_searching", False)
    monkeypatch.setattr(whoosh_door, "lookups_remembered", lambda: __import__(
        "contextlib").nullcontext())
    from rsearch.indexer.retrieval import search as searching

    monkeypatch.setattr(searching, "lookups_remembered", whoosh_door.lookups_remembered)
    reference, kept = run()
    assert not any(kept)  # nothing kept outside a search
    monkeypatch.undo()
    monkeypatch.setattr(whoosh_door, "KEPT_LOOKUPS", 3)
    found, kept = run()
    assert found == reference
    assert kept and max(kept) <= 3 and any(kept)


def test_a_report_found_from_its_passage_is_the_report(updated_archive):
    with ReportIndex(updated_archive) as ix:
        reader = ix.searcher.reader()
        passages = ix._passages
        checked = 0
        for docnum in sorted(posting_set(reader, "kind", "passage")):
            report = ix.stored[docnum]["report"]
            assert passages.report_data(report, near=docnum) == passages.report_data(report)
            checked += 1
        assert checked > 200


@given(st.lists(st.sets(st.integers(0, 2**31 - 1) | st.integers(0, 60), max_size=60),
                min_size=2, max_size=5), st.data())
def test_a_union_placed_on_its_spine_is_the_union_sorted_whole(parts, data):
    # Whichever part is the spine, long or not: the same union and places.
    arrays_of = [np.array(sorted(part), arrays.DOC) for part in parts]
    longest = data.draw(st.integers(0, len(parts) - 1))
    docs, places = arrays._spine_places(arrays_of, longest)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(arrays, "SPINE", float("inf"))  # never a spine: one sort of them all
        sorted_docs, sorted_places = arrays.union_places(arrays_of)
    assert docs.tolist() == sorted_docs.tolist() == sorted(set().union(*parts))
    assert [p.tolist() for p in places] == [p.tolist() for p in sorted_places]
    assert docs.dtype == sorted_docs.dtype



@pytest.mark.parametrize("near", [0, 3, 1024, 8192])
def test_lengths_read_in_pieces_are_the_columns(updated_archive, near, monkeypatch):
    import random

    from rsearch.indexer.storage import schema

    monkeypatch.setattr(schema, "SPARSE_VALUES", 10**9)  # always in pieces
    monkeypatch.setattr(schema, "NEAR_VALUES", near)
    with ReportIndex(updated_archive) as ix:
        reader = ix.searcher.reader()
        every = list(schema.column_values(reader, "length"))
        size = reader.doc_count_all()
        assert len(list(reader.leaf_readers())) > 1 and every.count(0) > 0
        rng = random.Random(near)
        for count in (1, 5, 200, size // 2, size):
            docs = np.array(sorted(rng.sample(range(size), count)), arrays.DOC)
            assert schema.column_values_at(reader, "length", docs).tolist() == [
                every[d] for d in docs.tolist()]


def test_a_dated_headings_trip_is_read_once_a_report_from_its_passages_segment(updated_archive,
                                                                             monkeypatch):
    from rsearch.indexer.retrieval.search import ReportIndex as Searching
    from rsearch.indexer.storage import report_trip

    from .archives import queries_from

    queries = queries_from(count=40, seed=5) + ["會議", "參訪", "行程"]

    def run():
        with ReportIndex(updated_archive) as ix:
            return {q: [(h.id, h.score, h.match) for h in ix.search(q, limit=10)]
                    for q in queries}

    # The reference: the record looked up in every segment, for each heading.
    monkeypatch.setattr(Searching, "_trip", lambda self, report, near: report_trip(
        self._passages.report_data(report)))
    reference = run()
    monkeypatch.undo()
    asked = []
    trip = Searching._trip

    def spy(self, report, near):
        asked.append((id(self), report, self.stored[near]["report"]))
        return trip(self, report, near)

    monkeypatch.setattr(Searching, "_trip", spy)
    assert run() == reference
    assert asked and all(report == near for _, report, near in asked)


def test_an_opened_index_keeps_every_length_from_its_second_search(updated_archive):
    from rsearch.indexer.storage import schema

    with ReportIndex(updated_archive) as ix:
        assert ix._kept_lengths() is None  # a one-shot search looks its candidates' up
        ix.search("海關", limit=3)
        kept = ix._kept_lengths()
        reader = ix.searcher.reader()
        assert kept.tolist() == list(schema.column_values(reader, "length"))
        assert len(kept) == reader.doc_count_all()


def test_a_first_search_s_arrays_are_handed_no_kept_lengths(updated_archive, monkeypatch,
                                                          every_term_over_arrays):  # noqa: F811
    """The first search marks the index as searched before its arrays ask
    for lengths: they must still be told none are kept (a one-shot search
    held every passage's length, 28 MB more at 100,000 reports)."""
    from rsearch.indexer.retrieval.candidates import Candidates

    seen = []
    kept_lengths = Candidates.kept_lengths

    def recorded(self):
        kept = kept_lengths(self)
        seen.append(kept is not None)
        return kept

    monkeypatch.setattr(Candidates, "kept_lengths", recorded)
    with ReportIndex(updated_archive) as ix:
        ix.search("會議", limit=3)
        first, seen[:] = list(seen), []
        ix.search("會議", limit=3)
    assert first and not any(first)
    assert seen and all(seen)


def test_searches_with_the_lengths_kept_are_one_shot_searches(updated_archive,
                                                             every_term_over_arrays):  # noqa: F811
    from .archives import queries_from

    queries = queries_from(count=30, seed=3)

    def hits(ix, query):
        return [(h.id, h.score, h.match) for h in ix.search(query, limit=10)]

    one_shot = {}
    for query in queries:
        with ReportIndex(updated_archive) as ix:
            one_shot[query] = hits(ix, query)
    with ReportIndex(updated_archive) as ix:
        hits(ix, "會議")
        assert ix._kept_lengths() is not None
        assert {q: hits(ix, q) for q in queries} == one_shot
