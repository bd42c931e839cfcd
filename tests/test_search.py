import json
import random
import re
import subprocess
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rsearch.indexer import Filters, QuerySyntaxError, ReportIndex, UnknownFilter, best_fragment
from rsearch.indexer.analysis.text import match_string, match_tokens

from .texts import pieces


def texts(hits):
    return [h.text for h in hits]


def squash(text):
    return re.sub(r"\s+", "", text)


def test_every_passage_containing_the_text_is_found(index, sample_report):
    """Random pieces of passages, searched as typed: no passage holding them is missed."""
    rng = random.Random(7)
    passages = sample_report.passages
    for _ in range(60):
        source = rng.choice(passages).text
        start = rng.randrange(len(source))
        piece = source[start:start + rng.randint(2, 8)].strip()
        needle = match_string(match_tokens(piece))
        if needle == " " or '"' in piece:
            continue
        expected = {p.id for p in passages if needle in match_string(match_tokens(p.text))}
        found = {h.id for h in index.search(f'"{piece}"', limit=500)}
        assert found == expected, piece


def test_simplified_query_finds_traditional_text(index):
    hits = index.search("单一窗口", limit=50)
    assert len(hits) == len(index.search("單一窗口", limit=50))
    assert "單一窗口" in hits[0].text


def test_term_inside_a_longer_jieba_word(index):
    # jieba keeps 我國海關 as one word; 海關 must still find it
    assert any("我國海關" in t for t in texts(index.search("海關", limit=200)))


def test_phrase_across_a_page_break(index):
    [hit] = index.search('"檢視清單"')
    assert "檢視清單" in squash(hit.text)


def test_acronym_finds_its_chinese_name_and_back(index):
    aeo_only = "優質企業認證"  # a passage that says 優質企業 but never AEO
    assert any(aeo_only in t for t in texts(index.search("AEO", limit=100)))
    pnr_hits = texts(index.search("旅客電腦訂位紀錄", limit=50))
    assert any("PNR" in t and "旅客電腦訂位紀錄" not in t for t in pnr_hits)


def test_alias_matches_do_not_drown_literal_ones(index):
    hits = index.search("AEO", limit=100)
    assert all("AEO" in h.text for h in hits[:6])
    assert any("AEO" not in h.text and "優質企業" in h.text for h in hits)


def test_english_name_finds_chinese_passages(index):
    hits = index.search("Passenger Name Record", limit=10)
    assert "PNR" in hits[0].text or "旅客電腦訂位紀錄" in hits[0].text
    assert all("PNR" in h.text or "旅客電腦訂位紀錄" in h.text for h in hits[:3])


def test_mixed_tokens_stay_searchable(index):
    assert "UNI-PASS" in index.search("UNI-PASS")[0].text
    assert "ACE/ITDS" in index.search("ACE/ITDS")[0].text
    assert "680 家" in index.search("680家")[0].text
    assert "SCCP2" in squash(index.search("SCCP2")[0].text)


def test_heading_context_counts(index):
    hits = index.search("IPR", limit=20)
    assert any("打擊仿冒汽車零件" in t for t in texts(hits))  # under (十) IPR 議題


def test_all_terms_rank_above_some(index):
    hits = index.search("AEO 新加坡", limit=30)
    both = [("AEO" in h.text and "新加坡" in h.text) for h in hits]
    assert both[0] and both.index(False) == sum(both)


def test_boolean_operators(index):
    both = texts(index.search("AEO AND MRA", limit=100))
    # MRA, the name the report defines, or one the glossary gives.
    assert both and all(any(n in t for n in ("MRA", "相互認證協定", "相互承認協議"))
                        for t in both)
    either = index.search('"SUNAT" OR "UNI-PASS"', limit=100)
    assert {"SUNAT" in h.text or "UNI-PASS" in h.text for h in either} == {True}
    assert len(either) == 4  # three passages and the annex list line of UNI-PASS
    excluded = texts(index.search("單一窗口 NOT 韓國", limit=100))
    assert excluded and not any("韓國" in t for t in excluded)
    # AND NOT, AND -: the same passages, ranked the same, as NOT alone.
    for query in ("單一窗口 AND NOT 韓國", "單一窗口 AND -韓國"):
        assert [(h.id, h.score) for h in index.search(query, limit=100)] == \
            [(h.id, h.score) for h in index.search("單一窗口 NOT 韓國", limit=100)]


def test_quoted_phrase_is_exact(index):
    hits = index.search('"貿易便捷"', limit=100)
    assert hits and all("貿易便捷" in t for t in texts(hits))


def test_partial_matches_follow_whole_ones(index):
    hits = index.search("貿易便捷", meeting="ACBD", limit=50)
    whole = ["貿易便捷" in h.text or "貿易便捷" in h.section for h in hits]
    assert whole[0] and False in whole
    assert whole.index(False) == sum(whole)


@pytest.mark.parametrize("option, value, meeting", [
    ("meeting", "STAR", "STAR-CTWG"),
    ("meeting", "ctwg", "STAR-CTWG"),
    ("meeting", "海關與企業對話", "ACBD"),
    ("meeting", "Sub-Committee on Customs Procedures", "SCCP"),
])
def test_meeting_filter_accepts_any_name(index, option, value, meeting):
    hits = index.search("安全", limit=100, **{option: value})
    assert hits and {h.meeting for h in hits} == {meeting}


def test_topic_and_section_filters(index):
    hits = index.search("共同行動", topic="智慧財產權", limit=100)
    assert hits and all("IPR" in h.topics for h in hits)
    hits = index.search("日本", section="肆、三、(七)", limit=100)
    assert hits and {h.section for h in hits} == {"肆、三、(七) 單一窗口議題"}


def test_unknown_filter_lists_known_meetings(index):
    with pytest.raises(UnknownFilter) as e:
        index.search("AEO", meeting="WTO")
    assert str(e.value) == "unknown meeting 'WTO'"
    assert e.value.hint == \
        "known: ACBD, APEC 反恐工作及貿易安全會議, CTI, SCCP, STAR-CTWG, 分組討論"


def test_malformed_query_raises(index):
    with pytest.raises(QuerySyntaxError):
        index.search('"unclosed')


@pytest.mark.parametrize(("query", "raises"), [("海關", False), ('"unclosed', True)])
def test_the_cycle_collector_rests_during_a_search_only(index, monkeypatch, query, raises):
    # Paused while the search runs, as it was afterwards, even when the search
    # raises; a caller that had it off finds it off.
    import gc

    during = []
    prepared = ReportIndex._prepared

    def spy(self, *args):
        during.append(gc.isenabled())
        return prepared(self, *args)

    monkeypatch.setattr(ReportIndex, "_prepared", spy)
    for enabled in (True, False):
        for ask in (index.search, index.count, index.page):  # a count and a page too
            (gc.enable if enabled else gc.disable)()
            try:
                ask(query)
                assert not raises
            except QuerySyntaxError:
                assert raises
            finally:
                assert gc.isenabled() is enabled
                gc.enable()
    assert during == [False] * 6


def test_annex_citation_query(index):
    hit = index.search("附件 4")[0]
    assert hit.text.endswith("(附件 4)")
    assert hit.annexes == [4]


def test_hits_carry_citation_and_highlights(index):
    hit = index.search("UNI-PASS")[0]
    start, end = hit.highlights[0]
    assert hit.text[start:end] == "UNI-PASS"
    assert hit.citation.startswith(
        "財政部關務署，〈出席 2016 年 APEC 第 2 次關務程序次級委員會及相關會議報告〉")


def test_snippet_is_cut_at_chinese_sentence_ends():
    from rsearch.indexer import best_fragment

    text = "第一句沒有關鍵字。第二句談到單一窗口的進展！第三句也沒有；第四句很長" + "。" * 3
    fragment, spans = best_fragment(text, [(text.index("單一窗口"), text.index("單一窗口") + 4)],
                                    width=15)
    assert fragment == "…第二句談到單一窗口的進展！…"
    [(start, end)] = spans
    assert fragment[start:end] == "單一窗口"



def test_snippet_marks_a_match_longer_than_itself():
    from rsearch.indexer import best_fragment

    text = "海關" * 100
    fragment, spans = best_fragment(text, [(0, len(text))], width=10)
    assert (fragment, spans) == ("海關" * 5 + "…", [(0, 10)])


SEARCH_IN_A_NEW_PROCESS = """
import sys
from rsearch.cli.main import cli
try:
    cli(["search", "單一窗口", "--format", "json"])
except SystemExit:
    pass
heavy = ["rjieba", "jieba", "sqlite3", "rsearch.indexer.build.writer", "whoosh.writing"]
print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)
"""


def test_a_search_loads_no_segmenter_and_no_writer(cli_index):
    done = subprocess.run([sys.executable, "-c", SEARCH_IN_A_NEW_PROCESS],
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)[0]["rank"] == 1
    assert done.stderr.strip() == "[]"


def test_a_search_opens_no_column_that_grows_with_the_archive(built_index, monkeypatch):
    # Whoosh's variable-width columns load an offset for every document when
    # opened: a search (names, filters, citations) must read none of them.
    from whoosh.columns import VarBytesColumn

    def refuse(self):
        raise AssertionError("a variable-width column was opened")

    monkeypatch.setattr(VarBytesColumn.Reader, "_read_offsets_and_lengths", refuse)
    with ReportIndex(built_index) as ix:
        for query in ("單一窗口", "Single Window", "AEO", "e-commerce 海關"):
            assert ix.search(query, Filters(agency="關務署", since="105"))
        assert ix.search("WCO", topic="Customs")


def test_an_acronym_beside_a_common_noun_finds_only_itself(index):
    hits = index.search("KCS", limit=50)
    assert hits[0].text.startswith("南韓簡報其海關(KCS)")
    assert all("KCS" in h.text for h in hits if h.score >= 100)


@pytest.mark.parametrize("width", [12, 20, 30, 40, 60])
def test_snippets_do_not_halve_a_match(index, width):
    for query in ("Single Window", "e-commerce", "單一窗口"):
        for hit in index.search(query, limit=20):
            fragment, spans = best_fragment(hit.text, hit.highlights, width)
            whole = {hit.text[s:e] for s, e in hit.highlights}
            for start, end in spans:
                assert fragment[start:end] in whole, (query, fragment)


def test_a_search_reads_each_index_term_once(index, monkeypatch):
    # 跨境電子商務's names share index terms (跨境電商, and the headings of
    # each): what one spelling read, the next one reuses.
    from rsearch.indexer.retrieval import reads as index_reads

    reads = []

    def counted(reader, field, term):
        reads.append((field, term))
        return real(reader, field, term)

    real = index_reads.posting_set
    monkeypatch.setattr(index_reads, "posting_set", counted)
    assert index.search("跨境電子商務")
    assert reads
    assert len(reads) == len(set(reads))


@given(st.text(alphabet="海關AEO aeo單一窗口-2016", max_size=60),
       st.lists(st.text(alphabet="海關AEO aeo單一窗口-2016", min_size=1, max_size=6),
                min_size=1, max_size=4))
def test_highlights_are_every_run_of_a_variants_tokens(text, names):
    from rsearch.indexer.analysis.text import match_tokens, tokenize
    from rsearch.indexer.retrieval.ranking import Variant
    from rsearch.indexer.retrieval.snippets import highlight_spans

    variants = [Variant(match_tokens(name), 1.0) for name in names if match_tokens(name)]
    words, starts, ends = tokenize(text)
    expected = set()
    for v in variants:
        k = len(v.tokens)
        expected.update((starts[i], ends[i + k - 1])
                        for i in range(len(words) - k + 1) if words[i:i + k] == v.tokens)
    spans = highlight_spans(text, variants)
    # Merged: every run lies in one span, and every span starts and ends a run.
    assert all(any(s <= a and b <= e for s, e in spans) for a, b in expected)
    assert all(any(a == s for a, _ in expected) and any(b == e for _, b in expected)
               for s, e in spans)


@settings(max_examples=400, deadline=None)
@given(pieces, st.lists(st.tuples(pieces, st.sampled_from(["", " "])), min_size=1, max_size=4))
def test_spans_in_the_fold_are_the_spans_by_tokens(text_pieces, names):
    # Every text whose fold keeps its characters in place takes the fast path;
    # it must find what the token-by-token path finds, span for span.
    from rsearch.indexer.analysis.text import aligned_fold, match_tokens
    from rsearch.indexer.retrieval.ranking import Variant
    from rsearch.indexer.retrieval.snippets import spans_by_tokens, spans_in_fold

    text = "".join(text_pieces)
    variants = [Variant(match_tokens(gap.join(name)), 1.0) for name, gap in names]
    variants = [v for v in variants if v.tokens]
    folded = aligned_fold(text)
    assume(folded is not None and variants)
    assert sorted(spans_in_fold(folded, variants)) == sorted(spans_by_tokens(text, variants))


@pytest.mark.parametrize(("text", "name", "spans"), [
    ("e-commerce 與 ecommerce", "E-Commerce", [(0, 10)]),
    ("APIS 與 API、國API2", "API", [(7, 10), (12, 15)]),
    ("SCCP2 及 SCCP 2", "sccp2", [(0, 5), (8, 14)]),
    ("跨境、電子商務", "跨境電子商務", [(0, 7)]),
    ("ｕｎｉ－ｐａｓｓ", "UNI-PASS", [(0, 8)]),
])
def test_spans_in_the_fold_of_tricky_texts(text, name, spans):
    from rsearch.indexer.analysis.text import aligned_fold, match_tokens
    from rsearch.indexer.retrieval.ranking import Variant
    from rsearch.indexer.retrieval.snippets import spans_by_tokens, spans_in_fold

    variants = [Variant(match_tokens(name), 1.0)]
    assert spans_in_fold(aligned_fold(text), variants) == spans
    assert spans_by_tokens(text, variants) == spans
