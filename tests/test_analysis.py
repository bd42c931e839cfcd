from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.indexer.analysis.text import (
    PassageTerms,
    cjk_runs,
    fold_char,
    fold_key,
    grams,
    is_cjk,
    jieba_words,
    joins,
    match_string,
    match_text,
    match_tokens,
    passage_terms,
    table_fold,
    tokenize,
)

from tests.make_fold_table import cjk_chars, opencc_folds

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def test_folding_script_width_and_case():
    assert match_tokens("單一窗口") == match_tokens("单一窗口")
    assert match_tokens("ＡＥＯ　２０１６") == ["aeo", "2016"]
    assert match_tokens("臺灣") == match_tokens("台湾")
    assert fold_key("STAR-CTWG") == "starctwg"


def test_fold_table_is_opencc_one_character_at_a_time():
    # The table rsearch ships must fold exactly as OpenCC does, or an index and
    # a query could fold one character two ways; regenerate it with
    # tests/make_fold_table.py when this fails.
    folds = opencc_folds()
    assert {char: fold_char(char) for char in cjk_chars() if fold_char(char) != char} == folds
    assert fold_char("體") == "体" and fold_char("\uf900") == "岂" and fold_char("中") == "中"


def test_is_cjk_is_the_cjk_character_class():
    import re

    from rsearch.indexer.analysis.text import _CJK_EDGES, CJK

    cjk_class = re.compile(rf"[{CJK}]")
    codes = set(range(0x10000)) | {e + d for e in _CJK_EDGES for d in (-1, 0, 1)}
    assert [c for c in sorted(codes)
            if is_cjk(chr(c)) != bool(cjk_class.match(chr(c)))] == []
    assert is_cjk("單一") and is_cjk("\U00020000") and not is_cjk("API") and not is_cjk("")


def test_mixed_tokens():
    assert match_tokens("UNI-PASS") == ["uni", "pass"]
    assert match_tokens("ACE/ITDS") == ["ace", "itds"]
    assert match_tokens("SCCP2") == ["sccp", "2"]
    assert match_tokens("680 家") == ["680", "家"]


def test_match_string_is_token_exact():
    text = match_string(match_tokens("我國 API 則由移民署建置 APIS"))
    assert match_string(match_tokens("國API")) in text
    assert match_string(match_tokens("API")) in text
    assert text.count(match_string(match_tokens("API"))) == 1  # APIS is another word


def test_grams():
    assert grams(match_tokens("我國海關 AEO 家")) == ["我国", "国海", "海关", "aeo", "家"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_tokenize_never_crashes_and_spans_are_in_bounds(text):
    words, starts, ends = tokenize(text)
    assert len(words) == len(starts) == len(ends)
    for word, start, end in zip(words, starts, ends, strict=True):
        assert word
        assert 0 <= start < end <= len(text)
    grams(match_tokens(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("海關單一窗口 AEO 2016 ａＢ１é，、。\n") | st.characters()))
def test_match_tokens_are_the_tokens_tokenize_finds(text):
    # match_tokens and match_text are fast paths of what tokenize finds.
    assert match_tokens(text) == tokenize(text).words
    assert match_text(text) == match_string(match_tokens(text))
    assert fold_key(text) == "".join(match_tokens(text))


@pytest.mark.parametrize("text", ["ＡＥＯ２０１６年", "Straße ﬁle ①②", "a㊀b", "e\u0301t",
                                  "\u1100\u1161x", "・々〇", "x_y\x00z", ""])
def test_match_text_folds_tricky_letters_as_match_tokens_does(text):
    assert match_text(text) == match_string(match_tokens(text))
    assert fold_key(text) == "".join(match_tokens(text))


def terms_token_by_token(text):
    tokens = match_tokens(text)
    return PassageTerms(grams(tokens), joins(tokens), cjk_runs(tokens))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("海關單一窗口 AEO 2016 ａＢ１é，、。\n") | st.characters()))
def test_passage_terms_are_those_of_its_tokens(text):
    assert passage_terms(text) == terms_token_by_token(text)
    # As a build asks, with the table fold its sites read too.
    assert passage_terms(text, table_fold(text)) == terms_token_by_token(text)


@pytest.mark.parametrize("text", ["ＡＥＯ２０１６年", "Straße ﬁle ①②", "a㊀b", "e\u0301t",
                                  "海，關 API2 單", "國API", "a b c", "單", "x_y\x00z", ""])
def test_passage_terms_of_tricky_texts_are_those_of_its_tokens(text):
    assert passage_terms(text) == terms_token_by_token(text)


def reference_grams(tokens):
    """grams() as first written, one regex test per token."""
    out = []
    for i, tok in enumerate(tokens):
        if not is_cjk(tok):
            out.append(tok)
        elif i + 1 < len(tokens) and is_cjk(tokens[i + 1]):
            out.append(tok + tokens[i + 1])
        elif not (i > 0 and is_cjk(tokens[i - 1])):
            out.append(tok)
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("海關單一窗口 AEO 2016 ａ，、。\n") | st.characters()))
def test_grams_and_runs_as_specified(text):
    tokens = match_tokens(text)
    assert grams(tokens) == reference_grams(tokens)
    assert "".join(cjk_runs(tokens)) == "".join(t for t in tokens if is_cjk(t))


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_jieba_words_never_crash(text):
    for word in jieba_words(cjk_runs(match_tokens(text))):
        assert len(word) >= 2


def reference_words(runs: list[str]) -> set[str]:
    """The words jieba itself (the Python package) cuts in search mode."""
    import jieba

    jieba.setLogLevel(60)
    return {word for run in runs for word in jieba.cut_for_search(run, HMM=False)
            if len(word) >= 2}


def test_words_are_jiebas_on_every_test_report(sample_text):
    # The segmenter is jieba-rs (rjieba): its words must be jieba's, or the
    # vocabulary would split queries into other parts than jieba's would.
    texts = [sample_text] + [path.read_text("utf-8")
                             for path in sorted(FIXTURES.glob("*.txt"))]
    assert len(texts) >= 5
    for text in texts:
        runs = cjk_runs(match_tokens(text))
        assert jieba_words(runs) == reference_words(runs)
    assert {"海关", "单一", "窗口"} <= jieba_words(cjk_runs(match_tokens(sample_text)))


# Characters that make many dictionary words with each other, in both scripts.
WORDY = "海關單一窗口優質企業貿易便捷化協定電子商務跨境我國與對話的是在臺灣中华人民共和国"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(WORDY) | st.characters(), max_size=60))
def test_words_are_jiebas_on_any_text(text):
    runs = cjk_runs(match_tokens(text))
    assert jieba_words(runs) == reference_words(runs)


def words_run_by_run(runs: list[str]) -> set[str]:
    """jieba_words as it was: the segmenter called on each run alone."""
    import rjieba

    return {word for run in runs for word in rjieba.cut_for_search(run, False)
            if len(word) >= 2}


# Every kind of character a run may hold: CJK's ranges (kana, hangul,
# extension A, compatibility ideographs, the planes above) beside common words.
RUN_CHARS = st.sampled_from(WORDY) | st.sampled_from(
    "ぁアー〆〇\u3021ㄅㄱ\u31a0\u3400\u4dbf\u9fd6\u9fffがク가힣豈\ufaff\U00020000\U0003134f")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=RUN_CHARS, min_size=1, max_size=12), max_size=12))
def test_words_of_runs_cut_together_are_those_cut_apart(runs):
    assert jieba_words(runs) == words_run_by_run(runs)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["海關單一窗口", "優質企業", "貿易便捷化協定", "電子商務",
                                          "跨境電子商務", "我國與對話", "中华人民共和国"])
                         | st.text(alphabet=RUN_CHARS, min_size=1, max_size=12), max_size=8),
                min_size=1, max_size=6),
       st.integers(min_value=1, max_value=12))
def test_words_of_runs_remembered_are_those_cut_apart(reports, remembered):
    # Report after report (runs recurring, some remembered, some new, the
    # memory cleared when full), each report's words are its runs' own.
    from rsearch.indexer.analysis import text

    kept = text.RUNS_REMEMBERED
    text._RUN_WORDS.clear()
    text.RUNS_REMEMBERED = remembered
    try:
        most = remembered  # a report's new runs are remembered whatever their number
        for runs in reports:
            assert jieba_words(runs) == words_run_by_run(runs)
            most = max(most, len(set(runs)))
            assert len(text._RUN_WORDS) <= most
    finally:
        text.RUNS_REMEMBERED = kept
        text._RUN_WORDS.clear()


def test_a_remembered_run_gives_its_words_without_the_segmenter(monkeypatch):
    import rjieba
    from rsearch.indexer.analysis import text

    text._RUN_WORDS.clear()
    assert jieba_words(["海关单一窗口"]) == {"海关", "单一", "窗口"}
    monkeypatch.setattr(rjieba, "cut_for_search", lambda *a: 1 / 0)
    assert jieba_words(["海关单一窗口", "海关单一窗口"]) == {"海关", "单一", "窗口"}
    text._RUN_WORDS.clear()


def test_joins_are_the_neighbours_grams_leave_out():
    tokens = match_tokens("海關AEO 2016年 Single Window")
    assert joins(tokens) == ["关|aeo", "aeo|2016", "2016|年", "年|single", "single|window"]
