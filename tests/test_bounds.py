"""Bounds and block-wise postings: the fast paths give what the slow ones give."""

import random

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from rsearch.indexer import Filters, ReportIndex
from rsearch.indexer.analysis.text import count, match_string, match_text
from rsearch.indexer.retrieval import topk
from rsearch.indexer.retrieval.query import Soft
from rsearch.indexer.retrieval.ranking import Variant, counted_spellings, mentions, phrase
from rsearch.indexer.retrieval.topk import TopK
from rsearch.indexer.storage.postings import (
    counts_among,
    holding_every,
    posting_counts,
    posting_ids,
    posting_set,
)
from rsearch.indexer.storage.schema import RANKED_DOWN, RANKED_DOWN_FLAG

from .archives import queries_from
from .texts import pieces


def test_passages_ranked_down_are_flagged_for_their_bounds(sample_report):
    from rsearch.indexer.build.documents import report_documents
    from rsearch.indexer.storage.schema import PASSAGE

    docs = [d for d in report_documents(sample_report, "digest") if d["kind"] == PASSAGE]
    weights = [p.weight for p in sample_report.passages]
    assert [d["flags"] for d in docs] == [RANKED_DOWN_FLAG if w <= RANKED_DOWN else ""
                                          for w in weights]
    assert 0 < sum(w <= RANKED_DOWN for w in weights) < len(weights)


def test_postings_read_by_block_match_whooshs_matchers(updated_archive):
    with ReportIndex(updated_archive) as ix:
        reader = ix.searcher.reader()
        assert reader.has_deletions() and len(list(reader.leaf_readers())) > 1
        for term in ["海关", "单一", "aeo", "wco", "会议", "附件"]:
            matcher = reader.postings("grams", term)
            expected = {}
            while matcher.is_active():
                expected[matcher.id()] = matcher.weight()
                matcher.next()
            assert posting_counts(reader, "grams", term) == expected
            assert posting_ids(reader, "grams", term) == sorted(expected)
            wanted = sorted(random.Random(term).sample(range(reader.doc_count_all()), 300))
            assert counts_among(reader, "grams", term, wanted) == {
                d: w for d, w in expected.items() if d in wanted}
            assert posting_set(reader, "grams", term) == set(expected)
        # Common with rare (looked up block by block) and common with common (as sets).
        for terms in (["海关", "单一", "窗口"], ["会议", "海关"], ["aeo", "会议", "wco"]):
            expected = set.intersection(*(set(posting_counts(reader, "grams", t))
                                          for t in terms))
            assert expected and holding_every(reader, [("grams", t) for t in terms]) == expected


def test_words_apart_and_fewer_words_held_cost_reads_not_hits(updated_archive, monkeypatch):
    from rsearch.indexer.retrieval.candidates import Candidates
    from rsearch.indexer.retrieval.ranking import evaluate, final_score

    pieces = queries_from(count=40, seed=5)
    queries = ["海關 AEO", "WCO 會議", "單一窗口 APEC", "貿易 便捷", "API PNR", "海關 合作",
               "海關 海關 合作", "單一窗口 (APEC OR WCO)"]
    queries += [f"{a} {b}" for a, b in zip(pieces[9::2], pieces[10::2], strict=False)]
    apart = []
    together = Candidates.together
    words_ceilings = Candidates.words_ceilings

    def spy_together(self, tokens, docs):
        out = together(self, tokens, docs)
        apart.append(len(docs) - len(out))
        return out

    def spy_ceilings(self, positive, found, docs, held, holding):
        # The same floats as bounds marked apart and evaluated one by one.
        ceilings = words_ceilings(self, positive, found, docs, held, holding)
        bounds = self.bounds_of(found, docs)
        node = Soft([r.term for r in positive])
        resolved = {r.term: r for r in positive}
        if held == len(positive):
            self.mark_apart(node, resolved, bounds)
        else:
            for bound in bounds.values():
                bound.apart.add(match_string(phrase(node, resolved)))
        assert ceilings == {d: final_score(evaluate(node, resolved, b))
                            for d, b in bounds.items()}
        return ceilings

    def run():
        with ReportIndex(updated_archive) as ix:
            return {q: [(h.id, h.score, h.match) for h in ix.search(q, limit=15)]
                    for q in queries}

    monkeypatch.setattr(Candidates, "together", spy_together)
    monkeypatch.setattr(Candidates, "words_ceilings", spy_ceilings)
    fast = run()
    assert sum(apart) > 100  # the phrase bound fell for many candidates
    # Neither the phrase bound nor reading candidates by the words they may hold
    # changes a hit: every candidate bounded as if it held the words as typed.
    monkeypatch.setattr(Candidates, "mark_apart", lambda self, node, resolved, bounds: None)

    def every_candidate(self, positive, allowed, limit):
        bounds = self.candidates.evidence(positive, allowed)
        return self.top(bounds, limit), bounds

    monkeypatch.setattr(TopK, "top_by_coverage", every_candidate)
    assert run() == fast


def test_passages_ruled_out_by_score_or_place_would_not_have_ranked(updated_archive,
                                                                    monkeypatch):
    from rsearch.indexer.retrieval.leaders import Leaders

    # The archive holds the sample twice: its paragraphs tie, told apart by place.
    queries = queries_from(count=30, seed=3)

    def run():
        with ReportIndex(updated_archive) as ix:
            return {q: [(h.id, h.score) for h in ix.search(q, limit=10)] for q in queries}

    by_place = []
    excludes = Leaders.excludes

    def spy(self, ceiling, key):
        out = excludes(self, ceiling, key)
        by_place.append(out and not self.beyond(ceiling))
        return out

    tied_last = Leaders.tied_last

    def spy_ties(self, ceiling):  # ties ruled out by places read many at a time
        out = tied_last(self, ceiling)
        by_place.append(out is not None)
        return out

    monkeypatch.setattr(Leaders, "excludes", spy)
    monkeypatch.setattr(Leaders, "tied_last", spy_ties)
    pruned = run()
    assert any(by_place)  # ties ruled out without reading the passage
    monkeypatch.setattr(Leaders, "beyond", lambda self, ceiling: ceiling <= 0)
    monkeypatch.setattr(Leaders, "excludes", lambda self, ceiling, key: ceiling <= 0)
    monkeypatch.setattr(Leaders, "tied_last", lambda self, ceiling: None)
    assert run() == pruned  # every candidate read


def test_one_term_ceilings_are_the_bounds_evaluate_gives(updated_archive, monkeypatch):
    from rsearch.indexer.retrieval.candidates import Candidates
    from rsearch.indexer.retrieval.ranking import evaluate, final_score

    checked, ranked_down = [], []
    term_ceilings = Candidates.term_ceilings

    def spy(self, r, allowed):
        ceilings = term_ceilings(self, r, allowed)
        bounds = self.evidence([r], allowed)
        # A passage ranked down scores its BM25 part at its weight, at most RANKED_DOWN.
        low = self.term_docs("flags", RANKED_DOWN_FLAG)
        expected = {d: final_score(evaluate(r.term, {r.term: r}, b),
                                   RANKED_DOWN if d in low else 1.0)
                    for d, b in bounds.items()}
        # The same bounds, written out: never lower, higher by a hair at most.
        assert ceilings.keys() == expected.keys()
        assert all(0 <= ceilings[d] - expected[d] < 1e-8 for d in ceilings)
        checked.append(len(ceilings))
        ranked_down.append(len(ceilings.keys() & low))
        return ceilings

    def run():
        with ReportIndex(updated_archive) as ix:
            return {(q, exact): [(h.id, h.score, h.match) for h in
                                 ix.search(q, Filters(agency="關務署") if exact else None,
                                           exact=exact)]
                    for q in queries_from() for exact in (False, True)}

    monkeypatch.setattr(Candidates, "term_ceilings", spy)
    fast = run()
    assert len(checked) > 60 and sum(checked) > 1000 and sum(ranked_down) > 20
    monkeypatch.setattr(topk, "Term", type("NoTerm", (), {}))  # every query the general way
    assert run() == fast


@given(st.lists(st.recursive(st.none() | st.integers() | st.floats(allow_nan=False) | st.text(),
                             lambda inner: st.lists(inner, max_size=40).map(tuple)),
                min_size=1, max_size=4))
@example([5, ("海關" * 300, 1.5), None])
@example([("海關" * 3000, 2), "x" * 70000, 7])  # tried at 256 bytes, 4 KB, 64 KB, the rest
def test_pickles_read_in_place_are_what_was_written(values):
    # Segment files are read in place; a pickle longer than the first chunk
    # read for it (a block header is short) is read whole all the same.
    import pickle

    from rsearch.indexer.storage.whoosh_door import ViewBufferFile

    data = b"".join(pickle.dumps(v, 2) for v in values) + b"tail"
    segment = ViewBufferFile(memoryview(data))
    assert [segment.read_pickle() for _ in values] == values
    assert segment.read(4) == b"tail"


def test_a_names_candidates_are_the_passages_holding_its_words_side_by_side(updated_archive):
    from rsearch.indexer.analysis.text import match_tokens
    from rsearch.indexer.retrieval.candidates import Candidates
    from rsearch.indexer.storage.records import StoredPassage
    from whoosh.query import Term as WTerm

    with ReportIndex(updated_archive) as ix:
        searcher = ix.searcher
        matches = {}
        for docnum in searcher.docs_for_query(WTerm("kind", "passage")):
            stored = ix.stored[docnum]
            matches[docnum] = match_text(StoredPassage.of(stored).text)
        candidates = Candidates(searcher, lambda: ix._passage_lengths)
        narrower = 0
        for name in ["World Customs Organization", "Single Window", "Passenger Name Record",
                     "AEO 制度", "AEO MRA",
                     "e-commerce", "第 4 代"]:
            tokens = match_tokens(name)
            holding = {d for d, match in matches.items() if match_string(tokens) in match}
            phrase, wide = candidates.phrase_docs(tokens), candidates.variant_docs(tokens)
            assert holding and holding <= phrase <= wide
            narrower += phrase < wide
        assert narrower >= 3


def test_a_names_mentions_are_bounded_by_the_joins_of_its_words(index):
    # Advanced Passenger Information: "advanced" also stands in Advanced
    # Passenger Processing, "passenger" in Passenger Name Record; the count
    # of a join of its words (advanced|passenger) is what bounds the name.
    from rsearch.indexer.analysis.text import match_tokens
    from rsearch.indexer.retrieval.candidates import Candidates
    from rsearch.indexer.storage.records import StoredPassage

    candidates = Candidates(index.searcher, lambda: index._passage_lengths)
    tokens = match_tokens("Advanced Passenger Information")
    bounds = candidates.mention_bounds(tokens, None)
    rarest = candidates.rarest(candidates.required_grams(tokens))
    tightened = 0
    for docnum, bound in bounds.items():
        match = match_text(StoredPassage.of(index.stored[docnum]).text)
        assert count(match, match_string(tokens)) <= bound
        tightened += bound < count(match, f" {rarest} ")
    assert tightened


def test_a_names_mentions_are_bounded_by_the_least_count_of_its_pairs(updated_archive):
    # 電子商務's rarest pair by passages may be counted in a passage more often
    # than the name (电子 of 電子商貨, 子商 of 電子商); the least count of its
    # pairs in that passage bounds it too, never below its mentions.
    from rsearch.indexer.analysis.text import match_tokens
    from rsearch.indexer.retrieval.candidates import Candidates
    from rsearch.indexer.storage.records import StoredPassage

    tightened = 0
    with ReportIndex(updated_archive) as ix:
        candidates = Candidates(ix.searcher, lambda: ix._passage_lengths)
        for query in queries_from(count=80, seed=5):
            tokens = match_tokens(query)
            required = candidates.required_grams(tokens)
            if len(set(required)) < 2:
                continue
            rarest = candidates.postings(candidates.rarest(required))
            for docnum, bound in candidates.mention_bounds(tokens, None).items():
                match = match_text(StoredPassage.of(ix.stored[docnum]).text)
                assert count(match, match_string(tokens)) <= bound
                tightened += bound < rarest[docnum]
    assert tightened


slugs = st.text(alphabet="abc-19", min_size=1, max_size=30)


@given(slugs, st.integers(1, 5000), slugs, st.integers(1, 5000))
def test_places_order_as_report_and_number_do(report_a, number_a, report_b, number_b):
    from rsearch.indexer.storage.places import PLACE_KEY_BYTES, number_at, order_key

    a, b = order_key(report_a, number_a), order_key(report_b, number_b)
    if a != b:
        assert (a < b) == ((report_a, number_a) < (report_b, number_b))
    else:  # only reports whose keys share their first bytes tie on a place
        assert report_a[:PLACE_KEY_BYTES] == report_b[:PLACE_KEY_BYTES]
        assert number_a == number_b
    assert number_at(a, report_a) == number_a


# Spellings made of a few letters, so that one often holds another, stands
# beside it or overlaps it; weights as aliases and typed names have them (an
# alias commoner than the name typed weighs less than ALIAS_WEIGHT).
spelling_tokens = st.lists(st.sampled_from("abc"), min_size=1, max_size=4)
spelling_weights = st.sampled_from([0.35, 0.7, 1.0])


@given(st.lists(st.tuples(spelling_tokens, spelling_weights), min_size=1,
                max_size=5, unique_by=lambda v: tuple(v[0])),
       st.lists(st.sampled_from("abcd"), max_size=30))
@example([(["a"], 0.7), (["b", "a", "c"], 1.0), (["a", "c"], 0.7)], list("bacac"))
@example([(["a"], 0.7), (["b", "a", "c"], 1.0)], list("bac"))  # the heavier one is counted
@example([(["a"], 1.0), (["b", "a"], 0.7), (["b", "a", "c"], 1.0)], list("bac"))
def test_counted_spellings_bound_every_run_of_mentions(spellings, text):
    # Each spelling counted at its weight less the largest weight of one it
    # holds (left out when nothing is left), counted as the index counts
    # (every occurrence), still bounds the runs of overlapping mentions the
    # text gives.
    variants = [Variant(tokens, weight) for tokens, weight in spellings]
    haystack = match_string(text)
    bound = sum(weight * count(haystack, v.needle) for v, weight in counted_spellings(variants))
    assert mentions(haystack, variants) <= bound + 1e-9


def test_a_name_typed_is_counted_less_what_an_alias_it_holds_counts():
    # 跨境電子商務 (typed) holds its alias 電子商務: one mention is one run.
    variants = [Variant(list("跨境电子商务"), 1.0), Variant(list("电子商务"), 0.7)]
    haystack = match_string(list("关于跨境电子商务"))
    bound = sum(weight * count(haystack, v.needle) for v, weight in counted_spellings(variants))
    assert mentions(haystack, variants) == 1.0
    assert bound == pytest.approx(1.0)


names = st.lists(st.tuples(pieces, st.sampled_from(["", " "]), spelling_weights),
                 min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(pieces, names, names, st.booleans())
def test_scores_from_the_fold_are_the_scores_from_the_match_string(text_pieces, spellings,
                                                                    part_spellings, quoted):
    from rsearch.indexer.analysis.text import aligned_fold, match_tokens
    from rsearch.indexer.retrieval.query import Term
    from rsearch.indexer.retrieval.ranking import FoldedText, PassageText, ResolvedTerm

    text = "".join(text_pieces)
    folded = aligned_fold(text)
    assume(folded is not None)

    def spelt(chosen):
        found = [Variant(match_tokens(gap.join(name)), weight) for name, gap, weight in chosen]
        return [v for v in found if v.tokens]

    variants, parts = spelt(spellings), spelt(part_spellings)
    assume(variants)
    heading = match_text("海關")
    by_match = PassageText(match_text(text), heading, len(text))
    by_fold = FoldedText(folded, heading, len(text))
    r = ResolvedTerm(Term(text, quoted), variants, parts, idf=1.7)
    assert by_fold.term(r) == by_match.term(r)  # the same floats
    assert by_fold.mentions(variants) == by_match.mentions(variants)
    for v in variants + parts:
        assert by_fold.count(v) == by_match.count(v)
        assert by_fold.adjacent(v.tokens) == by_match.adjacent(v.tokens)


@settings(max_examples=300, deadline=None)
@given(pieces, names, names, pieces, pieces, st.booleans())
def test_a_text_read_once_scores_under_another_heading_as_read_afresh(
        text_pieces, spellings, part_spellings, first_heading, second_heading, quoted):
    # TopK reads a template paragraph's text once per search: under another
    # heading (another content key) it is scored from what the first reading
    # found, and must give the floats a fresh reading gives.
    from rsearch.indexer.analysis.text import match_tokens
    from rsearch.indexer.retrieval.query import Soft, Term
    from rsearch.indexer.retrieval.ranking import (
        ResolvedTerm,
        evaluate,
        final_score,
        passage_text,
    )

    text = "".join(text_pieces)

    def spelt(chosen):
        found = [Variant(match_tokens(gap.join(name)), weight) for name, gap, weight in chosen]
        return [v for v in found if v.tokens]

    variants, parts = spelt(spellings), spelt(part_spellings)
    assume(variants)
    # Two terms, so that what one found is never taken for what the other looks for.
    one = Term("one", quoted)
    other = Term("other", not quoted)
    resolved = {one: ResolvedTerm(one, variants, parts, idf=1.7),
                other: ResolvedTerm(other, variants[::-1] + parts, variants, idf=0.9)}
    node = Soft((one, other))
    headings = [match_text("".join(h)) for h in (first_heading, second_heading)]
    first = passage_text(text, headings[0], len(text))
    assert final_score(evaluate(node, resolved, first)) == final_score(
        evaluate(node, resolved, passage_text(text, headings[0], len(text))))
    shared = first.under(headings[1])
    fresh = passage_text(text, headings[1], len(text))
    assert evaluate(node, resolved, shared) == evaluate(node, resolved, fresh)
    for r in resolved.values():
        assert shared.term(r) == fresh.term(r)
    assert first.heading == headings[0]  # the first reading keeps its own heading


def test_texts_under_other_headings_are_read_once_and_rank_alike(tmp_path, monkeypatch):
    from rsearch.corpus import sample_report_path
    from rsearch.indexer import build_index
    from rsearch.indexer.retrieval.ranking import ExactText

    # The sample, and a copy of it whose chapters are titled otherwise: the
    # same paragraphs under other headings, as template paragraphs stand.
    folder = tmp_path / "reports"
    folder.mkdir()
    text = sample_report_path().read_text(encoding="utf-8")
    (folder / "sample.txt").write_text(text, encoding="utf-8")
    retitled = text.replace("心得與建議事項", "建議與心得").replace("其他相關會議", "相關會議")
    assert retitled != text
    (folder / "retitled.txt").write_text(retitled, encoding="utf-8")
    index_dir = tmp_path / "index"
    build_index(index_dir, [folder], workers=0)
    queries = queries_from(count=40, seed=7) + ["海關 AEO", "單一窗口 APEC", "優質企業 OR 海關"]

    def run():
        with ReportIndex(index_dir) as ix:
            return {q: [(h.id, h.score, h.match) for h in ix.search(q, limit=limit)]
                    for q in queries for limit in (3, 20)}

    shared = []
    under = ExactText.under

    def spy(self, heading):
        shared.append(heading)
        return under(self, heading)

    monkeypatch.setattr(ExactText, "under", spy)
    once = run()
    assert len(shared) > 50
    # Every text read afresh: the texts a search has read are forgotten at once.
    monkeypatch.setattr(TopK, "_texts", property(lambda self: {}, lambda self, value: None),
                        raising=False)
    shared.clear()
    assert run() == once and not shared


def test_a_segment_lacking_a_term_gives_no_postings_in_one_lookup(updated_archive):
    from rsearch.indexer.storage.postings import segments, term_matcher
    from whoosh.reading import ReaderClosed

    with ReportIndex(updated_archive) as ix:
        reader = ix.searcher.reader()
        parts = segments(reader)
        # The segment the added report made holds few terms: most are missing there.
        terms = [t.decode("utf-8") for t in reader.lexicon("grams")][:400] + ["不在索引"]
        missing = 0
        for segment, _ in parts:
            for term in terms:
                matcher = term_matcher(segment, "grams", term)
                held = ("grams", term) in segment
                assert (matcher is not None) == held
                missing += not held
                if held:
                    # Whoosh's own matcher leaves deleted documents out.
                    expected = segment.postings("grams", term)
                    assert [d for d in matcher.all_ids() if not segment.is_deleted(d)] == list(
                        expected.all_ids())
            assert term_matcher(segment, "no such field", "海关") is None
        assert missing > 100
        segment = parts[0][0]
    with pytest.raises(ReaderClosed):
        term_matcher(segment, "grams", "海关")
