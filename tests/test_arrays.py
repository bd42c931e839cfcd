"""Bounds over arrays: the postings and bounds numpy makes are those of the
sets and dicts, and searches that take them find the same hits."""

import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rsearch.indexer import Filters, ReportIndex
from rsearch.indexer.analysis.text import grams, match_tokens
from rsearch.indexer.retrieval import arrays, best_first, candidates
from rsearch.indexer.retrieval.candidates import Candidates
from rsearch.indexer.retrieval.query import Term
from rsearch.indexer.retrieval.terms import TermResolver
from rsearch.indexer.storage.postings import posting_counts
from rsearch.indexer.storage.schema import RANKED_DOWN_FLAG, column_values, column_values_at

from .archives import build_updated_archive, queries_from


def some_terms(reader):
    """Terms of every field the bounds read, rare and common."""
    out = [("grams", g) for q in queries_from(count=30) for g in grams(match_tokens(q))]
    for field in ("heading_grams", "joins", "sites"):
        out += [(field, t.decode("utf-8")) for t in list(reader.lexicon(field))[:15]]
    return [*dict.fromkeys(out), ("flags", RANKED_DOWN_FLAG), ("grams", "不在索引")]


@pytest.fixture(scope="module")
def small_blocks_archive(tmp_path_factory):
    """The updated archive written in blocks of 4 postings: most terms span many."""
    from rsearch.indexer.build import writer
    from rsearch.indexer.storage.whoosh_door import Codec

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "Codec", lambda: Codec(blocklimit=4))
        return build_updated_archive(tmp_path_factory)


def test_postings_read_as_arrays_are_whooshs(small_blocks_archive):
    with ReportIndex(small_blocks_archive) as ix:
        reader = ix.searcher.reader()
        assert reader.has_deletions() and len(list(reader.leaf_readers())) > 1
        several_blocks = 0
        for field, term in some_terms(reader):
            expected = posting_counts(reader, field, term)
            ids, counts = arrays.read_postings(reader, field, term)
            assert dict(zip(ids.tolist(), counts.tolist(), strict=True)) == expected
            assert ids.tolist() == sorted(expected)
            several_blocks += len(expected) > 8
            wanted = np.array(sorted(random.Random(term).sample(
                range(reader.doc_count_all()), 200)))
            some, _ = arrays.read_postings(reader, field, term, among=wanted)
            # Whole blocks: more than asked for, never less.
            assert set(wanted.tolist()) & set(expected) <= set(some.tolist()) <= set(expected)
        assert several_blocks > 20


def test_postings_read_within_a_filter_are_those_it_admits(small_blocks_archive, monkeypatch):
    """read_postings(within=): exactly the postings the filter admits, and no
    block decoded whose span of documents holds no admitted passage."""
    from rsearch.indexer.retrieval.admitted import Admitted, AdmittedArray, AdmittedSet

    decoded = []
    real = arrays._decoded
    monkeypatch.setattr(arrays, "_decoded", lambda blocks: decoded.append(blocks) or real(blocks))
    with ReportIndex(small_blocks_archive) as ix:
        reader = ix.searcher.reader()
        size = reader.doc_count_all()
        rng = random.Random(7)
        some = sorted(rng.sample(range(size), 40))
        kinds = [Admitted([], []), Admitted([size // 3], [size // 3 + 25]),
                 Admitted.of_runs([(0, size - 3)]), Admitted.of_runs([(0, 1), (size - 1, size)]),
                 AdmittedArray(np.array(some, np.int32)), AdmittedSet(set(some)),
                 Admitted.of_docs(d for d in range(size) if d % 17)]
        skipped = 0
        for field, term in some_terms(reader):
            expected = posting_counts(reader, field, term)
            for within in kinds:
                admitted = set(within)
                decoded.clear()
                ids, counts = arrays.read_postings(reader, field, term, within=within)
                assert dict(zip(ids.tolist(), counts.tolist(), strict=True)) == {
                    d: c for d, c in expected.items() if d in admitted}
                assert ids.tolist() == sorted(admitted & expected.keys())
                # Blocks' spans do not overlap: an admitted passage lies in one
                # block's at most, and a block holds 4 postings.
                read = sum(len(real(blocks)[0]) for blocks in decoded)
                assert read <= 4 * len(admitted)
                skipped += read < len(expected)
        assert skipped > 20


@pytest.fixture
def every_term_over_arrays(monkeypatch):
    monkeypatch.setattr(candidates, "ARRAYS_FROM", 0)


def resolved_terms(ix, queries):
    searcher = ix.searcher
    dicts = Candidates(searcher, lambda: ix._passage_lengths)
    names = TermResolver(searcher, dicts, ix._passage_count)
    for query in queries:
        node = names.merge_names(Term(query))
        if isinstance(node, Term) and dicts.bounded_as_arrays(r := names.resolve(node)):
            yield dicts, r


def bounded_terms(ix):
    """(dicts, a resolved term, its bounds over arrays, the passages admitted
    or None) for every term of the generated queries bounded over arrays,
    unfiltered and filtered by agency."""
    allowed = ix._filters.allowed(Filters(agency="關務署"))
    for dicts, r in resolved_terms(ix, queries_from()):
        bounds = arrays.ArrayBounds(dicts)
        for among in (None, allowed):
            yield dicts, r, bounds, among


def test_bounds_over_arrays_are_the_bounds_of_dicts(updated_archive, every_term_over_arrays):
    compared = 0
    with ReportIndex(updated_archive) as ix:
        for dicts, r, bounds, among in bounded_terms(ix):
            docs, ceilings = bounds.term_ceilings(r, among)
            expected = dicts.term_ceilings(r, among)
            # The same floats: the arithmetic is written alike.
            assert dict(zip(docs.tolist(), ceilings.tolist(), strict=True)) == expected
            compared += len(expected)
            for v in r.variants if among is None else ():
                assert bounds.document_frequency(v.tokens) == len(dicts.variant_docs(v.tokens))
    assert compared > 1000


def test_sites_left_unread_would_take_nothing_off(updated_archive, every_term_over_arrays,
                                                  monkeypatch):
    # A site of a name that no candidate may hold is not looked up (sites.py):
    # the bounds, over arrays and over dicts, are those made from every site
    # term of the term's names, and some terms leave sites unread.
    from rsearch.indexer.retrieval import sites

    def bounds_of_every_term():
        with ReportIndex(updated_archive) as ix:
            out = []
            for dicts, r, bounds, among in bounded_terms(ix):
                docs, ceilings = bounds.term_ceilings(r, among)
                out.append((dict(zip(docs.tolist(), ceilings.tolist(), strict=True)),
                            dicts.term_ceilings(r, among)))
            return out

    real, unread = sites.site_discounts, []

    def every_site(variants, counted, unheld=()):
        unread.append(len(real(variants, counted)) - len(real(variants, counted, unheld)))
        return real(variants, counted)

    leaving = bounds_of_every_term()
    monkeypatch.setattr(arrays, "site_discounts", every_site)
    monkeypatch.setattr(candidates, "site_discounts", every_site)
    assert bounds_of_every_term() == leaving
    assert sum(unread) > 10


@pytest.mark.parametrize("limit", [1, 10, 40])
def test_searches_over_arrays_find_what_searches_over_dicts_find(updated_archive, limit,
                                                                 monkeypatch):
    pieces = queries_from(count=40, seed=5)
    queries = queries_from() + ["海關 AEO", "WCO 會議", "貿易 便捷", "海關 海關 合作"]
    queries += [f"{a} {b}" for a, b in zip(pieces[9::2], pieces[10::2], strict=False)]
    filters = [None, Filters(agency="關務署")]

    def run():
        with ReportIndex(updated_archive) as ix:
            return {(q, n, exact): [(h.id, h.score, h.match) for h in
                                    ix.search(q, f, limit=limit, exact=exact)]
                    for q in queries for n, f in enumerate(filters) for exact in (False, True)}

    monkeypatch.setattr(candidates, "ARRAYS_FROM", 10**9)
    over_dicts = run()
    monkeypatch.setattr(candidates, "ARRAYS_FROM", 0)
    took_arrays, took_words = [], []
    term_evidence = arrays.ArrayBounds.term_evidence
    words_evidence = arrays.ArrayBounds.words_evidence

    def spy(self, r, allowed):
        took_arrays.append(r)
        return term_evidence(self, r, allowed)

    monkeypatch.setattr(arrays.ArrayBounds, "term_evidence", spy)
    monkeypatch.setattr(arrays.ArrayBounds, "words_evidence", lambda self, positive, allowed: (
        took_words.append(positive), words_evidence(self, positive, allowed))[1])
    assert run() == over_dicts
    assert len(took_arrays) > len(over_dicts) // 2 and len(took_words) > 20


@given(st.lists(st.sampled_from([100.5, 101.0, 101.25, 102.0]), max_size=700))
def test_candidates_come_best_bound_first_ties_by_document(values):
    docs = np.arange(0, 3 * len(values), 3)
    ceilings = np.array(values, np.float64)
    assert list(best_first.best_first_of(docs, ceilings)) == sorted(
        zip(values, docs.tolist(), strict=True), key=lambda pair: (-pair[0], pair[1]))


def test_words_bounds_over_arrays_are_the_bounds_of_dicts(updated_archive,
                                                          every_term_over_arrays):
    from collections import Counter

    from rsearch.indexer.retrieval.query import Soft, parse_query, terms
    from rsearch.indexer.retrieval.ranking import FULL_MATCH

    pieces = queries_from(count=40, seed=5)
    queries = ["海關 AEO", "WCO 會議", "單一窗口 APEC", "貿易 便捷", "海關 海關 合作"]
    queries += [f"{a} {b}" for a, b in zip(pieces[9::2], pieces[10::2], strict=False)]
    compared = 0
    with ReportIndex(updated_archive) as ix:
        for query in queries:
            dicts = Candidates(ix.searcher, lambda: ix._passage_lengths)
            names = TermResolver(ix.searcher, dicts, ix._passage_count)
            node = names.merge_names(parse_query(query))
            if not isinstance(node, Soft):
                continue
            positive = [names.resolve(t) for t in terms(node)]
            if not dicts.bounded_as_arrays(*positive):  # a word with no index terms
                continue
            found = {id(r): dicts.term_evidence(r, None) for r in positive}
            held = Counter(d for r in positive for d in found[id(r)][0].keys() | found[id(r)][1])
            docs, counts, scores = arrays.ArrayBounds(dicts).words_evidence(
                positive, None)
            assert dict(zip(docs.tolist(), counts.tolist(), strict=True)) == held
            for count, group, group_scores in arrays.by_words_held(docs, counts, scores):
                expected = dicts.words_ceilings(positive, found, group.tolist(), count, set())
                assert dict(zip(group.tolist(), (FULL_MATCH * count + group_scores).tolist(),
                                strict=True)) == expected
                compared += len(expected)
    assert compared > 500


def test_postings_out_of_the_segment_are_damage_not_a_crash(updated_archive, monkeypatch):
    # Garbled gaps that still unpack give numbers past the segment's documents.
    monkeypatch.setattr(arrays, "_decoded", lambda blocks: (np.array([10**9]), np.ones(1)))
    with ReportIndex(updated_archive) as ix, pytest.raises(EOFError, match="out of range"):
        arrays.read_postings(ix.searcher.reader(), "grams", "海关")


def test_lengths_looked_up_for_some_documents_are_the_columns(small_blocks_archive):
    # Looked up where they lie, segment by segment, for any sorted documents.
    with ReportIndex(small_blocks_archive) as ix:
        reader = ix.searcher.reader()
        assert len(list(reader.leaf_readers())) > 1
        every = list(column_values(reader, "length"))
        size = reader.doc_count_all()
        rng = random.Random(7)
        for count in (0, 1, 5, 200, size):
            docs = np.array(sorted(rng.sample(range(size), count)), np.int64)
            assert column_values_at(reader, "length", docs).tolist() == [
                every[d] for d in docs.tolist()]


@given(st.lists(st.integers(0, 60), max_size=40), st.lists(st.integers(0, 60), max_size=40))
def test_members_and_positions_are_those_of_sets(keys, docs):
    keys_array = np.array(sorted(set(keys)), np.int64)
    docs_array = np.array(sorted(set(docs)), np.int64)
    values = keys_array * 2.5
    assert arrays.members(docs_array, keys_array).tolist() == [d in set(keys) for d in
                                                                docs_array.tolist()]
    assert arrays.values_at(keys_array, values, docs_array).tolist() == [
        d * 2.5 if d in set(keys) else 0.0 for d in docs_array.tolist()]
    marked = arrays.Marked(keys_array)
    assert [d for d in range(-1, 62) if d in marked] == sorted(set(keys))
    assert "3" not in marked


@given(st.dictionaries(st.integers(0, 3000), st.sampled_from([1.0, 2.0, 7.0, 254.0, 255.0,
                                                              300.0, 0.5, 0.0]), max_size=60),
       st.lists(st.integers(0, 3000), max_size=60), st.booleans())
def test_documents_found_by_a_map_are_those_a_search_finds(postings, docs, whole_counts):
    # Postings with counts (whole numbers from 1 to 254 held by a byte map,
    # any other making values_at search), documents few or many beside them.
    if whole_counts:
        postings = {d: float(1 + int(c) % 254) for d, c in postings.items()}
    keys = np.array(sorted(postings), arrays.DOC)
    values = np.array([postings[k] for k in sorted(postings)], np.float64)
    for wanted in (sorted(set(docs)), sorted(set(docs) | set(postings))):
        docs_array = np.array(wanted, arrays.DOC)
        assert arrays.members(docs_array, keys).tolist() == [d in postings for d in wanted]
        assert arrays.values_at(keys, values, docs_array).tolist() == [
            postings.get(d, 0.0) for d in wanted]
        if len(keys) and len(keys) <= len(docs_array) and \
                docs_array[-1] < arrays.MAPPED_SPAN * len(docs_array):
            assert arrays.mapped(docs_array, keys)  # the map is what was compared


def test_a_map_is_taken_only_where_it_costs_less():
    docs = np.arange(0, 6_000_000, 13, dtype=arrays.DOC)  # 460,000 passages
    assert arrays.mapped(docs, np.arange(0, 6_000_000, 9, dtype=arrays.DOC))
    # Twenty times as many keys: a search of each document costs less.
    assert not arrays.mapped(docs[::20], np.arange(0, 6_000_000, 9, dtype=arrays.DOC))
    # A few documents far apart: a map as long as the last costs more.
    assert not arrays.mapped(np.array([5, 6_000_000], arrays.DOC), docs[:3])
    assert not arrays.mapped(docs[:0], docs) and not arrays.mapped(docs, docs[:0])


@given(st.lists(st.sets(st.integers(0, 2**31 - 1) | st.integers(0, 50), max_size=40),
                max_size=5))
def test_a_union_places_each_part_where_a_search_of_it_would(parts):
    # Postings of several index terms (sorted, a document once each, some
    # empty, sharing documents or not) placed among all their documents.
    arrays_of = [np.array(sorted(part), arrays.DOC) for part in parts]
    docs, places = arrays.union_places(arrays_of)
    assert docs.tolist() == sorted(set().union(*parts))
    assert docs.tolist() == arrays.union(arrays_of).tolist()
    assert len(places) == len(parts)
    for part, at in zip(arrays_of, places, strict=True):
        assert at.tolist() == np.searchsorted(docs, part).tolist()
        assert docs[at].tolist() == part.tolist()


def test_a_union_of_many_postings_holds_little_more_than_them():
    # Four spellings' postings of a common term (600,000 of them, sharing
    # documents): placing them among their union holds 21 bytes a posting
    # beyond the parts (the sort's int64 order, the union sorted, the flag of
    # each first, DOC-sized ranks and places); int64 places, running sum and
    # its copy less one held 41.
    import tracemalloc

    rng = np.random.default_rng(7)
    parts = [np.sort(rng.choice(2_000_000, size, replace=False)).astype(arrays.DOC)
             for size in (250_000, 180_000, 110_000, 60_000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        docs, places = arrays.union_places(parts)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert peak <= 22 * 600_000
    assert docs.tolist() == arrays.union(parts).tolist()
    for part, at in zip(parts, places, strict=True):
        assert np.array_equal(at, np.searchsorted(docs, part))


def test_members_of_many_documents_hold_one_array_of_positions():
    # Which of a million documents are among 800,000 keys: searchsorted's int64
    # positions, the keys found there and the mask, 13 bytes a document;
    # positions() held some 27 (a mask of those inside, and copies of the
    # positions and documents inside).
    import tracemalloc

    rng = np.random.default_rng(11)
    docs = np.sort(rng.choice(3_000_000, 1_000_000, replace=False)).astype(arrays.DOC)
    keys = np.sort(rng.choice(3_000_000, 800_000, replace=False)).astype(arrays.DOC)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        found = arrays.members(docs, keys)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert peak <= 13.5 * len(docs)
    assert np.array_equal(found, np.isin(docs, keys))


@given(st.lists(st.integers(0, 40), max_size=30), st.lists(st.integers(0, 40), max_size=30),
       st.lists(st.integers(0, 40), max_size=30))
def test_doc_arrays_take_the_operations_of_sets(a, b, admitted):
    from rsearch.indexer.retrieval.admitted import Admitted
    from rsearch.indexer.retrieval.array_counts import DocArray

    x, y = DocArray.of(a), DocArray.of(b)
    assert (x | y).docs.tolist() == sorted(set(a) | set(b))
    assert (x & y).docs.tolist() == sorted(set(a) & set(b))
    assert (x - y).docs.tolist() == sorted(set(a) - set(b))
    assert (x | set(b)).docs.tolist() == sorted(set(a) | set(b))  # a set beside an array
    assert (x & DocArray.of()).docs.tolist() == []
    assert list(x) == sorted(set(a)) and len(x) == len(set(a)) and bool(x) == bool(a)
    runs = sorted(set(admitted))
    filtered = Admitted(runs, [d + 1 for d in runs])  # each admitted document a run
    assert (x & filtered).docs.tolist() == sorted(set(a) & set(admitted))


def test_passages_counted_a_segment_at_a_time_are_the_columns_sum(small_blocks_archive):
    # With deletions, the count idf takes is each live report's count of passages.
    from rsearch.indexer.storage import REPORT, posting_ids

    with ReportIndex(small_blocks_archive) as ix:
        reader = ix.searcher.reader()
        assert reader.has_deletions() and len(list(reader.leaf_readers())) > 1
        counts = column_values(reader, "passages")
        expected = sum(counts[d] for d in posting_ids(reader, "kind", REPORT))
        assert expected > 100 and ix._passage_count == expected


def test_passages_of_a_spelling_found_from_fewer_grams_are_those_found_alone(
        updated_archive, every_term_over_arrays):
    # A spelling's grams holding another's (跨境電子商務 and 電子商務): its
    # passages, counts and headed passages narrowed from the other's found.
    with ReportIndex(updated_archive) as ix:
        found = list(resolved_terms(ix, queries_from(count=40) + ["跨境電子商務", "貿易便捷化"]))
        dicts = found[0][0]
        # The spelling's shorter pieces first, then the spelling.
        spellings = [[v.tokens[:k] for k in range(2, len(v.tokens))] + [v.tokens]
                     for _, r in found for v in r.variants]
        reused = 0
        for chain in spellings:
            shared = arrays.ArrayBounds(dicts)
            for tokens in chain:
                before = dict(shared._by_grams)
                got = (shared.mention_bounds(tokens), shared.heading_docs(tokens),
                       shared.document_frequency(tokens))
                alone = arrays.ArrayBounds(dicts)
                expected = (alone.mention_bounds(tokens), alone.heading_docs(tokens),
                            alone.document_frequency(tokens))
                assert got[0][0].tolist() == expected[0][0].tolist()
                # (and as a passage at a time: Candidates.mention_bounds)
                assert dict(zip(got[0][0].tolist(), got[0][1].tolist(), strict=True)) == \
                    dicts.mention_bounds(tokens, None)
                assert got[0][1].tolist() == expected[0][1].tolist()
                assert got[1].tolist() == expected[1].tolist()
                assert got[2] == expected[2]
                reused += any(done < wanted for _, done in before
                              for _, wanted in shared._by_grams)
        assert reused > 20
