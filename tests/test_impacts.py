"""Impact tiers and block-wise postings: the fast paths give what the slow ones give."""

import random

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rsearch.indexer import Filters, ReportIndex, impacts, tier_search, topk
from rsearch.indexer.analysis import match_string
from rsearch.indexer.impacts import RANKED_DOWN, RANKED_DOWN_LIST, tier_ceiling, tier_of
from rsearch.indexer.postings import (
    counts_among,
    holding_all,
    holding_every,
    posting_counts,
    posting_ids,
    posting_set,
)
from rsearch.indexer.query import Soft
from rsearch.indexer.ranking import (
    HEADING_WEIGHT,
    Variant,
    count,
    counted_spellings,
    mentions,
    phrase,
    saturate,
)
from rsearch.indexer.topk import TopK

from .archives import build_updated_archive, queries_from


@given(st.integers(1, 200), st.integers(0, 2000))
def test_a_tier_bounds_the_mentions_it_rounds(count, extra):
    length = count + extra
    ceiling = tier_ceiling(tier_of(count, length))
    assert ceiling >= saturate(count, length)
    assert tier_search.most_mentions(ceiling, length) >= count


@pytest.fixture(scope="module")
def kept_tiers_archive(tmp_path_factory):
    """The same archive with every tier kept in the index (this archive is too
    small for any to be kept by default)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(impacts, "TIERED_FROM", 0)
        return build_updated_archive(tmp_path_factory)


def test_tiers_made_by_a_search_are_the_tiers_an_index_keeps(updated_archive,
                                                             kept_tiers_archive):
    from rsearch.indexer.analysis import grams, match_tokens

    def tiers_of(index_dir, gram):
        with ReportIndex(index_dir) as ix:
            source = impacts.TierSource(ix.searcher, [gram], 1.0, 1.0, gram)
            kept = not source.unmade
            read = []
            while source.tiers:
                ceiling, docs, headed, low = source.next_tier()
                read.append((ceiling, headed, low, sorted(docs)))
            return kept, read

    # Index terms of pieces of the reports' text (a piece cut inside a word
    # makes terms no passage holds: they have no tiers either way).
    some = [g for q in queries_from(count=40) for g in grams(match_tokens(q))][:60]
    several_tiers = 0
    for gram in some:
        kept, read = tiers_of(kept_tiers_archive, gram)
        made, read_made = tiers_of(updated_archive, gram)
        assert read_made == read, gram
        if read:
            assert kept and not made, gram
            several_tiers += len(read) > 1
    assert several_tiers > 5


def test_a_segment_keeps_only_complete_tiers_of_common_terms(monkeypatch):
    monkeypatch.setattr(impacts, "TIERED_FROM", 3)
    postings = {"grams": {b"ab": [1, 2, 3, 4], b"cd": [1, 2], b"ef": [5, 6, 7]},
                "tiers": {b"ab#3": [1, 2], b"ab#l5": [3, 4], b"cd#2": [1, 2],
                          b"ef#1": [5], b"ef#2": [7],  # ef's tiers miss passage 6
                          b"#l": [3, 4]}}  # the passages ranked down
    impacts.prune_tiers(postings)
    assert postings["tiers"] == {b"ab#3": [1, 2], b"ab#l5": [3, 4], b"#l": [3, 4]}


def test_passages_ranked_down_have_tiers_of_their_own():
    grams = ["海关", "关务", "海关", "wco"]
    full = impacts.tier_terms(grams, {"wco"}, 1.0).split()
    low = impacts.tier_terms(grams, {"wco"}, 0.5).split()
    assert low == ["#l", *(t.replace("#h", "#hl") if "#h" in t else t.replace("#", "#l")
                           for t in full)]
    assert [impacts.parse_tier(t.split("#")[1].encode()) for t in low[1:]] == [
        (impacts.tier_of(2, 4), False, True), (impacts.tier_of(1, 4), False, True),
        (impacts.tier_of(1, 4), True, True)]


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
        both = holding_all(reader, "grams", ["单一", "窗口"], list(range(reader.doc_count_all())))
        assert set(both) == set(posting_counts(reader, "grams", "单一")) & set(
            posting_counts(reader, "grams", "窗口"))
        # Common with rare (looked up block by block) and common with common (as sets).
        for terms in (["海关", "单一", "窗口"], ["会议", "海关"], ["aeo", "会议", "wco"]):
            expected = set.intersection(*(set(posting_counts(reader, "grams", t))
                                          for t in terms))
            assert expected and holding_every(reader, [("grams", t) for t in terms]) == expected


@pytest.mark.parametrize("limit", [1, 10, 40])
def test_reading_tiers_finds_what_bounding_every_candidate_finds(updated_archive, limit,
                                                                 monkeypatch):
    queries = queries_from()
    filters = [None, Filters(agency="關務署")]

    def run():
        with ReportIndex(updated_archive) as ix:
            return {(q, n, exact): [(h.id, h.score, h.match) for h in
                                    ix.search(q, f, limit=limit, exact=exact)]
                    for q in queries for n, f in enumerate(filters) for exact in (False, True)}

    monkeypatch.setattr(topk, "TIERS_FROM", 0)  # the archive is small: tiers always
    monkeypatch.setattr(topk, "TIERS_GIVE_UP", 1)  # read tiers to the end
    took_tiers = []
    tier_sources = TopK.tier_sources

    def spy(self, positive):
        sources = tier_sources(self, positive)
        took_tiers.append(sources is not None)
        return sources

    monkeypatch.setattr(TopK, "tier_sources", spy)
    tiered = run()
    monkeypatch.setattr(TopK, "tier_sources", lambda self, positive: None)
    assert run() == tiered
    # Not a vacuous comparison: most searches took the tiers, many filled the limit.
    assert sum(took_tiers) > len(tiered) // 2
    assert sum(1 for hits in tiered.values() if len(hits) == limit) > len(tiered) // 6


def test_tiers_given_up_for_bounds_give_the_same_hits(updated_archive, monkeypatch):
    queries = queries_from(count=30, seed=7)
    gave_up = []
    best_first = tier_search.best_first

    def spy(*args):
        result = best_first(*args)
        gave_up.append(result is None)
        return result

    def run():
        with ReportIndex(updated_archive) as ix:
            return {q: [(h.id, h.score, h.match) for h in ix.search(q)] for q in queries}

    monkeypatch.setattr(topk, "TIERS_FROM", 0)
    monkeypatch.setattr(topk, "best_first", spy)
    monkeypatch.setattr(topk, "TIERS_GIVE_UP", 20)
    early = run()
    assert any(gave_up) and not all(gave_up)
    monkeypatch.setattr(topk, "TIERS_GIVE_UP", 1)
    assert run() == early


class FakeSource:
    """A source as TierBound sees it: where its reading stands. `heads`: by
    whether passages are ranked down, (headed, unheaded) heads."""

    def __init__(self, spelling, weight, heading, head, heads=None):
        self.spelling, self.weight, self.heading = spelling, weight, heading
        self.heads = heads or {False: (0.0, 0.0), True: (0.0, 0.0)}
        self.head = max(head, *(max(pair) for pair in self.heads.values()))


class OneTerm:
    idf = 1.0


spelling_state = st.fixed_dictionaries({
    "weight": st.sampled_from([1.0, 0.7]),
    "mentions": st.integers(0, 6),
    "in_heading": st.booleans(),  # the spelling, in the passage's headings
    "term_in_heading": st.booleans(),  # its rarest index term (held by the spelling)
    "heading_source": st.booleans(),  # not for a quoted term
    "extra_headed": st.sampled_from([0.0, 0.5, 1.0, 2.0]),  # tiers still unread
    "extra_unheaded": st.sampled_from([0.0, 0.5, 1.0, 2.0]),
})


def state(**given):
    return {"weight": 1.0, "mentions": 0, "in_heading": False, "term_in_heading": False,
            "heading_source": True, "extra_headed": 0.0, "extra_unheaded": 0.0, **given}


@given(st.lists(spelling_state, min_size=1, max_size=3), st.integers(1, 300),
       st.sampled_from([1.0, 0.8, 0.5, 0.3]), st.sampled_from([0.0, 1.0, 2.0]), st.booleans())
# The name typed in the text, another name in the heading.
@example([state(mentions=3), state(weight=0.7, in_heading=True)], 50, 1.0, 0.0, False)
# Ranked down, with the other kind's tiers read further.
@example([state(mentions=6, extra_unheaded=2.0)], 20, 0.5, 0.0, False)
def test_an_unseen_passage_scores_no_more_than_its_bound(spellings, length, weight,
                                                         other_kind, kind_known):
    """Whatever its mentions, headings and weight, a passage that no source has
    given yet scores no more than what TierBound allows an unseen passage (of
    its kind, when that is known: the passages of a tier just read)."""
    low = impacts.ranked_down(weight)
    sources, headings = [], []
    for n, state in enumerate(spellings):
        in_heading = state["in_heading"] and state["heading_source"]
        headed = in_heading or state["term_in_heading"]
        headings.append(state["weight"] if in_heading else 0.0)
        # Its tier is unread: each head of its kind is at least its own.
        own = (tier_ceiling(tier_of(state["mentions"], length + state["mentions"]))
               if state["mentions"] else 0.0)
        heads = {low: (max(own if headed else 0.0, state["extra_headed"]),
                       max(0.0 if headed else own, state["extra_unheaded"])),
                 not low: (other_kind, other_kind)}
        sources.append(FakeSource(n, state["weight"], False, 0.0, heads))
        if state["heading_source"]:
            # Unread if the passage is under it (else it would have been given).
            unread = in_heading or state["extra_headed"] > 0
            sources.append(FakeSource(n, state["weight"], True,
                                      state["weight"] if unread else 0.0))
    size = length + sum(state["mentions"] for state in spellings)
    count = sum(state["weight"] * state["mentions"] for state in spellings)
    exact = weight * (saturate(count, size) + HEADING_WEIGHT * max(headings))
    term = OneTerm()
    known = low if kind_known else None
    matched, bound, _, _ = tier_search.TierBound({id(term): sources}, None, known).term(term)
    assert bound >= exact - 1e-9
    assert matched or exact == 0


def test_an_unseen_passage_adds_mentions_before_they_saturate():
    """Two spellings whose unread tiers each allow an impact of 1 allow together
    twice the mentions, saturated: 2.2 * (5/3) / (8/3) = 1.375, not 1 + 1."""
    sources = [FakeSource(n, 1.0, False, 0.0, {False: (0.0, 1.0), True: (0.0, 0.0)})
               for n in range(2)]
    term = OneTerm()
    matched, bound, _, _ = tier_search.TierBound({id(term): sources}, None).term(term)
    assert matched and bound == pytest.approx(1.375)


def test_only_a_terms_largest_spelling_is_read_by_tiers(updated_archive, monkeypatch):
    """The other spellings' passages are bounded whole, from the index, before
    any tier is read: none of their tiers is read, and an unseen passage holds
    none of them."""
    current: list[dict] = []
    read_by_tiers, bounded = [], []
    best_first = tier_search.best_first

    def spy_best_first(node, resolved, sources, *args):
        current[:] = [sources]
        bounded.append(len(tier_search.sources_bounded_whole(sources)))
        return best_first(node, resolved, sources, *args)

    next_tier = impacts.TierSource.next_tier

    def spy_next_tier(self):
        sources = current[0]
        whole = {id(sources[key][i]) for key, i in tier_search.sources_bounded_whole(sources)}
        read_by_tiers.append(id(self) not in whole)
        return next_tier(self)

    monkeypatch.setattr(topk, "TIERS_FROM", 0)
    monkeypatch.setattr(topk, "TIERS_GIVE_UP", 1)
    monkeypatch.setattr(topk, "best_first", spy_best_first)
    monkeypatch.setattr(impacts.TierSource, "next_tier", spy_next_tier)
    with ReportIndex(updated_archive) as ix:
        for query in ["AEO", "WCO", "海關", "ABAC", "單一窗口", *queries_from(count=20)]:
            ix.search(query)
    assert any(bounded) and read_by_tiers and all(read_by_tiers)


def test_an_unseen_passage_is_bounded_again_only_after_a_tier_is_read(updated_archive,
                                                                         monkeypatch):
    """What an unseen passage may score changes only as tiers are read, not as
    the passages seen are read one by one."""
    calls = {"unseen": 0, "tiers": 0}
    unseen, next_tier = tier_search.TierBound._unseen, impacts.TierSource.next_tier

    def count_unseen(self, key, low):
        calls["unseen"] += 1
        return unseen(self, key, low)

    def count_tiers(self):
        calls["tiers"] += 1
        return next_tier(self)

    monkeypatch.setattr(topk, "TIERS_FROM", 0)
    monkeypatch.setattr(topk, "TIERS_GIVE_UP", 1)
    monkeypatch.setattr(tier_search.TierBound, "_unseen", count_unseen)
    monkeypatch.setattr(impacts.TierSource, "next_tier", count_tiers)
    with ReportIndex(updated_archive) as ix:
        for query in ["AEO", "WCO", "海關", "單一窗口", "風險管理"]:
            ix.search(query, limit=40)
    # Per tier read: its first bound and the unseen one, each of either kind
    # (heading sources' one tier each are not counted: a margin for them).
    assert 0 < calls["unseen"] <= 4 * calls["tiers"] + 40


@pytest.mark.parametrize(("sizes", "tiers"), [
    ([10000], True),
    ([10000, 1000], True),  # the other spelling is read whole first: within the budget
    ([10000, 3000], False),  # more than tiers may see (13,000 / 8) before the first tier
    ([10000, 6000], False),  # the largest does not hold most of the passages
    ([4000], False),  # too few for tiers to pay
])
def test_tiers_are_read_only_where_they_can_answer(monkeypatch, sizes, tiers):
    from rsearch.indexer.candidates import Candidates
    from rsearch.indexer.query import Term
    from rsearch.indexer.ranking import ResolvedTerm, Variant

    class Source:
        heading = False

        def __init__(self, remaining):
            self.remaining = remaining

    monkeypatch.setattr(TopK, "sources", lambda self, term: [Source(n) for n in sizes])
    term = ResolvedTerm(Term("aeo"), [Variant(["aeo"], 1.0)], [])
    top = TopK(None, Candidates(None, list), Term("aeo"), {})
    assert (top.tier_sources([term]) is not None) == tiers


def test_words_apart_and_fewer_words_held_cost_reads_not_hits(updated_archive, monkeypatch):
    from rsearch.indexer.candidates import Candidates
    from rsearch.indexer.ranking import evaluate, final_score

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
    from rsearch.indexer.leaders import Leaders

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

    monkeypatch.setattr(Leaders, "excludes", spy)
    pruned = run()
    assert any(by_place)  # ties ruled out without reading the passage
    monkeypatch.setattr(Leaders, "beyond", lambda self, ceiling: ceiling <= 0)
    monkeypatch.setattr(Leaders, "excludes", lambda self, ceiling, key: ceiling <= 0)
    assert run() == pruned  # every candidate read


def test_one_term_ceilings_are_the_bounds_evaluate_gives(updated_archive, monkeypatch):
    from rsearch.indexer.candidates import Candidates
    from rsearch.indexer.ranking import evaluate, final_score

    checked, ranked_down = [], []
    term_ceilings = Candidates.term_ceilings

    def spy(self, r, allowed):
        ceilings = term_ceilings(self, r, allowed)
        bounds = self.evidence([r], allowed)
        # A passage ranked down scores its BM25 part at its weight, at most RANKED_DOWN.
        low = self.term_docs("tiers", RANKED_DOWN_LIST)
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
def test_pickles_read_in_place_are_what_was_written(values):
    # Segment files are read in place; a pickle longer than the first chunk
    # read for it (a block header is short) is read whole all the same.
    import pickle

    from rsearch.indexer.buffers import ViewBufferFile

    data = b"".join(pickle.dumps(v, 2) for v in values) + b"tail"
    segment = ViewBufferFile(memoryview(data))
    assert [segment.read_pickle() for _ in values] == values
    assert segment.read(4) == b"tail"


def test_a_names_candidates_are_the_passages_holding_its_words_side_by_side(updated_archive):
    from rsearch.indexer.analysis import match_tokens
    from rsearch.indexer.candidates import Candidates
    from rsearch.indexer.records import StoredPassage
    from whoosh.query import Term as WTerm

    with ReportIndex(updated_archive) as ix:
        searcher = ix.searcher
        matches = {}
        for docnum in searcher.docs_for_query(WTerm("kind", "passage")):
            stored = ix.stored[docnum]
            matches[docnum] = StoredPassage.of(stored).match
        candidates = Candidates(searcher, lambda: ix._lengths)
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
    from rsearch.indexer.analysis import match_tokens
    from rsearch.indexer.candidates import Candidates
    from rsearch.indexer.records import StoredPassage

    candidates = Candidates(index.searcher, lambda: index._lengths)
    tokens = match_tokens("Advanced Passenger Information")
    bounds = candidates.mention_bounds(tokens, None)
    rarest = candidates.rarest(candidates.required_grams(tokens))
    tightened = 0
    for docnum, bound in bounds.items():
        match = StoredPassage.of(index.stored[docnum]).match
        assert count(match, match_string(tokens)) <= bound
        tightened += bound < count(match, f" {rarest} ")
    assert tightened


slugs = st.text(alphabet="abc-19", min_size=1, max_size=30)


@given(slugs, st.integers(1, 5000), slugs, st.integers(1, 5000))
def test_places_order_as_report_and_number_do(report_a, number_a, report_b, number_b):
    from rsearch.indexer.leaders import PLACE_KEY_BYTES, number_at, order_key

    a, b = order_key(report_a, number_a), order_key(report_b, number_b)
    if a != b:
        assert (a < b) == ((report_a, number_a) < (report_b, number_b))
    else:  # only reports whose keys share their first bytes tie on a place
        assert report_a[:PLACE_KEY_BYTES] == report_b[:PLACE_KEY_BYTES]
        assert number_a == number_b
    assert number_at(a, report_a) == number_a


# Spellings made of a few letters, so that one often holds another, stands
# beside it or overlaps it; weights as aliases and typed names have them.
spelling_tokens = st.lists(st.sampled_from("abc"), min_size=1, max_size=4)


@given(st.lists(st.tuples(spelling_tokens, st.sampled_from([0.7, 1.0])), min_size=1,
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
