from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rsearch.indexer.analysis.sites import name_term, site_terms
from rsearch.indexer.analysis.text import count, match_string, match_text, match_tokens
from rsearch.indexer.retrieval.candidates import Candidates
from rsearch.indexer.retrieval.query import parse_query
from rsearch.indexer.retrieval.ranking import Variant, counted_spellings, mentions
from rsearch.indexer.retrieval.sites import site_discounts
from rsearch.indexer.retrieval.terms import TermResolver
from rsearch.indexer.storage.records import StoredPassage

from .texts import pieces

ABAC_NAMES = ["亞太經濟合作企業諮詢委員會", "企業諮詢委員會", "APEC Business Advisory Council",
              "ABAC"]


def test_a_name_is_one_term_that_keeps_its_token_breaks():
    assert name_term(match_tokens("亞太經濟合作")) == "亚太经济合作"
    assert name_term(match_tokens("E-Commerce")) == "e_commerce"
    assert name_term(match_tokens("eCommerce")) == "ecommerce"
    assert name_term(match_tokens("單一窗口 2.0")) == "单一窗口_2_0"


def test_names_side_by_side_make_a_site_for_each_neighbour():
    text = "亞太經濟合作企業諮詢委員會(APEC Business Advisory Council, ABAC)於會中報告。"
    # The shorter Chinese name lies inside the longer one: only the longer counts.
    assert site_terms(text, ABAC_NAMES) == [
        "apec_business_advisory_council|亚太经济合作企业咨询委员会",
        "abac|apec_business_advisory_council",
    ]


@pytest.mark.parametrize("text", [
    "ABAC 於會中報告，亞太經濟合作企業諮詢委員會並提出建議。",  # apart
    "ABAC報告",  # one name
    "",
])
def test_names_apart_make_no_site(text):
    assert site_terms(text, ABAC_NAMES) == []


TOKENS = ["甲", "乙", "丙", "ab", "cd"]
spelling = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=3)


@given(st.lists(st.tuples(spelling, st.sampled_from([1.0, 0.7, 0.4])), min_size=1,
                max_size=5, unique_by=lambda s: tuple(s[0])),
       st.lists(st.one_of(spelling, st.sampled_from(TOKENS).map(lambda t: [t])), max_size=12),
       st.lists(spelling, max_size=4),
       st.data())
@example([(["甲", "乙"], 1.0), (["乙"], 0.7), (["ab"], 0.7)], [["甲", "乙"], ["ab"]], [], None)
def test_sites_take_off_only_what_the_text_counts_twice(spellings, pieces, others, data):
    # A passage made of spellings and other tokens; the names it defines are
    # some of the spellings and other names. The bound counts every occurrence
    # of each spelling counted (the least the index can say), less what its
    # sites take off: never below what the text counts.
    variants = [Variant(tokens, weight) for tokens, weight in spellings]
    tokens = [t for piece in pieces for t in piece]
    defined = others + (data.draw(st.lists(st.sampled_from([s for s, _ in spellings])))
                        if data else [s for s, _ in spellings])
    names = [" ".join(name) for name in defined]
    haystack = match_string(tokens)
    counted = counted_spellings(variants)
    bound = sum(weight * count(haystack, v.needle) for v, weight in counted)
    discounts = site_discounts(variants, counted)
    sites = Counter(site_terms(haystack, names))
    bound -= sum(n * discounts.get(term, 0.0) for term, n in sites.items())
    assert mentions(haystack, variants) <= bound + 1e-9


def test_a_definition_is_counted_once_in_a_bound(index):
    # 旅客電腦訂位紀錄 (Passenger Name Record, PNR): three names of PNR side by
    # side, one mention in the text. The index counts each name; the two sites
    # take off the aliases' 0.7 each.
    candidates = Candidates(index.searcher, lambda: index._passage_lengths)
    term = TermResolver(index.searcher, candidates, index._passage_count).resolve(
        parse_query("PNR"))
    found, _ = candidates.term_evidence(term, None)
    defining = [d for d in found if "旅客電腦訂位紀錄 (Passenger Name Record, PNR)"
                in StoredPassage.of(index.stored[d]).text]
    assert defining
    for docnum in defining:
        counted = sum(weight * candidates.mention_bounds(v.tokens, None).get(docnum, 0)
                      for v, weight in counted_spellings(term.variants))
        assert found[docnum] == pytest.approx(counted - 2 * 0.7, abs=1e-6)
        text = match_text(StoredPassage.of(index.stored[docnum]).text)
        assert found[docnum] >= mentions(text, term.variants)


@settings(max_examples=300, deadline=None)
@given(pieces, st.lists(st.tuples(pieces, st.sampled_from(["", " "])), min_size=1, max_size=5))
def test_sites_found_in_the_fold_are_those_of_the_match_string(text_pieces, spellings):
    from rsearch.indexer.analysis import table_fold
    from rsearch.indexer.analysis.sites import _sites_in_match

    text = "".join(text_pieces)
    names = [gap.join(name) for name, gap in spellings]
    # Names cut from the text itself stand side by side in it more often.
    names += ["".join(text_pieces[i:i + 2]) for i in range(0, len(text_pieces), 2)]
    assert site_terms(text, names) == _sites_in_match(match_text(text), names)
    # As a build asks, with the text's table fold its terms were made from.
    assert site_terms(text, names, table_fold(text)) == site_terms(text, names)
