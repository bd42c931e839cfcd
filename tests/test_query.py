import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.indexer.retrieval.query import (
    All,
    Any,
    Exclude,
    QuerySyntaxError,
    Soft,
    Term,
    parse_query,
)


def test_structure():
    assert parse_query("單一窗口") == Term("單一窗口")
    assert parse_query("AEO MRA") == Soft((Term("AEO"), Term("MRA")))
    assert parse_query('"單一窗口 進展"') == Term("單一窗口 進展", quoted=True)
    assert parse_query("AEO AND MRA") == All((Term("AEO"), Term("MRA")))
    assert parse_query("AEO OR MRA") == Any((Term("AEO"), Term("MRA")))
    assert parse_query("AEO NOT MRA") == Soft((Term("AEO"), Exclude(Term("MRA"))))
    assert parse_query("AEO -MRA") == Soft((Term("AEO"), Exclude(Term("MRA"))))
    assert parse_query('海關 -"風險 管理"') == Soft(
        (Term("海關"), Exclude(Term("風險 管理", quoted=True))))
    assert parse_query("AEO -(MRA OR FTA)") == Soft(
        (Term("AEO"), Exclude(Any((Term("MRA"), Term("FTA"))))))
    assert parse_query("(AEO OR MRA) AND 海關") == All(
        (Any((Term("AEO"), Term("MRA"))), Term("海關")))
    # AND NOT B excludes B from what comes before it, as NOT B does.
    assert parse_query("AEO AND NOT MRA") == All((Term("AEO"), Exclude(Term("MRA"))))
    assert parse_query("AEO AND -MRA -FTA AND 海關") == All(
        (Term("AEO"), Exclude(Term("MRA")), Exclude(Term("FTA")), Term("海關")))


@pytest.mark.parametrize("query, message", [
    ("", "empty query"),
    ("   ", "empty query"),
    ("(((", "unbalanced '(' in the query"),
    ("(AEO", "unbalanced '(' in the query"),
    ("AEO)", "unbalanced ')' in the query"),
    ('"unclosed', "unclosed quote in the query"),
    ("AND", "AND has nothing before it"),
    ("AEO AND", "AND has nothing after it"),
    ("OR MRA", "OR has nothing before it"),
    ("NOT", "NOT has nothing after it"),
    ("NOT AEO", "NOT needs something to search for"),
    ("NOT AEO AND NOT MRA", "NOT needs something to search for"),
    ("AEO OR NOT MRA", "NOT needs something to search for"),
    ("()", "empty parentheses in the query"),
    ('""', "empty phrase in the query"),
])
def test_malformed_queries(query, message):
    with pytest.raises(QuerySyntaxError) as e:
        parse_query(query)
    assert str(e.value) == message
    assert e.value.hint


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab 單"()-', max_size=20) | st.lists(
    st.sampled_from(["AND", "OR", "NOT", "(", ")", '"', "x", "海關"])).map(" ".join))
def test_parser_returns_a_tree_or_a_syntax_error(text):
    try:
        parse_query(text)
    except QuerySyntaxError as e:
        assert e.hint
