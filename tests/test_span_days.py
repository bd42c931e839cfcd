"""Every day of a span a text writes is found by a search for that day, in
any form the span is written (8月3日至5日, 8月3日-8月5日, 8/3-8/5,
2016年8月3日至8日, 民國 years, across a month's end, 3-5 August 2016), and no
day outside it is (corpus.dayforms.span_day_names, indexed beside the text by
build.documents, matched as an alias by retrieval.ranking). The reference is
brute force: each day from three before the span to three after, typed in
words, with its year and in numbers, against what a span of its kind holds.
"""

from __future__ import annotations

import datetime
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.corpus.dayforms import MAX_SPAN, span_day_names

from .conftest import index_of_texts
from .test_dayforms import NUMERALS, found

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = "一二三四五六日"


def weekday(t: datetime.date) -> str:
    return f"（{WEEKDAYS[t.weekday()]}）"


# (render of a span from a to b, its kind, whether it names the year, whether
# it needs both days in one month). Kinds: words (found by a day typed in
# words or numbers), numbers (by numbers typed, or with the year by any form
# with the year), english (found as words are).
SPAN_FORMS = [
    (lambda a, b: f"{a.month}月{a.day}日至{b.day}日", "words", False, True),
    (lambda a, b: f"{a.month}月{a.day}日至{b.month}月{b.day}日", "words", False, False),
    (lambda a, b: f"{a.month}月{a.day}日-{b.month}月{b.day}日", "words", False, False),
    (lambda a, b: f"{a.month} 月 {a.day} 日{weekday(a)}～{b.month} 月 {b.day} 日{weekday(b)}",
     "words", False, False),
    (lambda a, b: f"{NUMERALS[a.month]}月{NUMERALS[a.day]}日至{NUMERALS[b.day]}日",
     "words", False, True),
    (lambda a, b: f"{a.year}年{a.month}月{a.day}日至{b.day}日", "words", True, True),
    (lambda a, b: f"{a.year - 1911}年{a.month}月{a.day}日至{b.month}月{b.day}日",
     "words", True, False),
    (lambda a, b: f"民國{a.year - 1911}年{a.month}月{a.day}日至{b.year - 1911}年{b.month}月"
                  f"{b.day}日", "words", True, False),
    (lambda a, b: f"{a.month}/{a.day}-{b.month}/{b.day}", "numbers", False, False),
    (lambda a, b: f"{a.month:02d}/{a.day:02d}～{b.month:02d}/{b.day:02d}", "numbers", False,
     False),
    (lambda a, b: f"{a.year}/{a.month}/{a.day}-{b.year}/{b.month}/{b.day}", "numbers", True,
     False),
    (lambda a, b: f"{a.year}/{a.month}/{a.day}-{b.month}/{b.day}", "numbers", True, False),
    (lambda a, b: f"{a.day}-{b.day} {MONTHS[a.month - 1]} {a.year}", "english", True, True),
    (lambda a, b: f"{a.day} {MONTHS[a.month - 1]} – {b.day} {MONTHS[b.month - 1][:3]} {b.year}",
     "english", True, False),
    (lambda a, b: f"{MONTHS[a.month - 1]} {a.day}-{b.day}, {a.year}", "english", True, True),
    (lambda a, b: f"{a.day}–{b.day} {MONTHS[a.month - 1]}", "english", False, True),
]


def expected(query_kind: str, span_kind: str, yeared: bool, inside: bool) -> bool:
    """Whether a day typed so is found in a span of this kind (the rules of
    test_dayforms' forms: numbers in the text are found by numbers typed or by
    a day with its year; a day with its year only where the text names it)."""
    if not inside:
        return False
    if query_kind == "yeared":
        return yeared
    if query_kind == "words":
        return span_kind != "numbers"
    return True  # numbers typed find every kind


def queries(t: datetime.date) -> list[tuple[str, str]]:
    return [(f"{t.month}月{t.day}日", "words"), (f"{t.year}年{t.month}月{t.day}日", "yeared"),
            (t.isoformat(), "yeared"), (f"{t.year - 1911}年{t.month}月{t.day}日", "yeared"),
            (f"{t.month}/{t.day}", "numbers")]


# A fixed draw in CI; random ones when more are asked for (RSEARCH_LAYOUTS).
@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "200")), deadline=None,
          derandomize="RSEARCH_LAYOUTS" not in os.environ)
@given(form=st.sampled_from(SPAN_FORMS),
       start=st.dates(datetime.date(1995, 1, 1), datetime.date(2035, 12, 1)),
       length=st.integers(1, 12))
def test_every_day_of_a_span_is_found_and_no_other(form, start, length):
    render, kind, yeared, one_month = form
    end = start + datetime.timedelta(days=length)
    if one_month and end.month != start.month:
        end = start.replace(day=28) if start.day < 28 else None
        if end is None:
            return
    text = f"會議期間為{render(start, end)}，於巴黎舉行。"
    for k in range(-3, (end - start).days + 4):
        t = start + datetime.timedelta(days=k)
        for query, query_kind in queries(t):
            assert found(query, text) == expected(query_kind, kind, yeared, start <= t <= end), \
                (query, text)


@pytest.mark.parametrize("text, names", [
    ("8月3日至5日", ["8月4日", "8月5日"]),  # the first day is written whole
    ("8月3日-8月5日", ["8月4日"]),
    ("7月30日至8月2日", ["7月31日", "8月1日"]),
    ("民國105年8月3日至5日", ["2016年8月4日", "2016年8月5日"]),
    ("2016年8月3日至8月5日", ["2016年8月4日", "2016年8月5日"]),  # 8月5日 without the year
    ("8/3-8/5", ["8/4"]),
    ("3-5 August 2016", ["2016年8月3日", "2016年8月4日", "2016年8月5日"]),
    ("30 Dec 2016 – 2 Jan 2017", ["2016年12月30日", "2016年12月31日", "2017年1月1日",
                                  "2017年1月2日"]),
    ("COVID-19 to 20 May", []),  # a name's number is no first day
    ("圖3-5", []), ("8月3日-5項", []), ("第2.1-2.3節", []),
    ("1月1日至12月31日", []),  # a year's period, past MAX_SPAN
])
def test_the_days_a_span_holds_and_does_not_write(text, names):
    assert span_day_names(text) == names


def test_a_span_longer_than_a_month_holds_no_days():
    start = datetime.date(2016, 8, 1)
    for days, held in ((MAX_SPAN - 1, MAX_SPAN - 2), (MAX_SPAN, 0)):  # days between
        end = start + datetime.timedelta(days=days)
        assert len(span_day_names(f"{start.month}月{start.day}日至{end.month}月{end.day}日")) \
            == held


SPAN_REPORTS = {
    "span": "出席委員會出國報告\n\n壹、會議紀要\n\n會議期間為 8月3日至5日，討論港口國管制。\n",
    "written": "出席研討會出國報告\n\n壹、會議紀要\n\n研討會於 8月4日開幕，討論港口國管制。\n",
    "roc": "赴日本考察出國報告\n\n壹、考察過程\n\n本團於民國105年7月30日至8月2日赴東京考察。\n",
    "english": "Training report\n\n壹、研習過程\n\nThe course ran 3-5 August 2016 in Lima.\n",
    "numbers": "赴美國研習出國報告\n\n壹、研習過程\n\n研習期間 8/3-8/5 於洛杉磯。\n",
}


@pytest.fixture(scope="module")
def span_index(tmp_path_factory):
    yield from index_of_texts(tmp_path_factory, SPAN_REPORTS)


def test_a_search_for_a_middle_day_finds_the_span_below_the_day_written(span_index):
    hits = span_index.search("8月4日", limit=20)
    assert [(h.report, h.match) for h in hits[:1]] == [("written", "exact")]
    assert {(h.report, h.match) for h in hits[1:]} == {("span", "alias"), ("english", "alias")}
    assert hits[0].score > hits[1].score


@pytest.mark.parametrize("query, reports", [
    ("2016-08-04", {"english"}),
    ("105年8月4日", {"english"}),
    ("8/4", {"written", "span", "english", "numbers"}),
    ("8月5日", {"span", "english"}),
    ("2016年7月31日", {"roc"}),
    ("8月1日", {"roc"}),
    ("2016年8月3日", {"english"}),
    ("8月6日", set()),
    ("2016年8月3日至4日", {"english"}),
    ('"8月4日"', {"written"}),  # quoted: as typed only
])
def test_a_search_finds_the_spans_that_hold_its_day(span_index, query, reports):
    assert {h.report for h in span_index.search(query, limit=20)} == reports


LONG = "本次研習內容豐富，" * 150  # past 900 index terms: a span's part is its saturation
MEAN = "本次研習內容豐富，" * 80  # some 720 index terms: one mention still outweighs a span


BOUND_REPORTS = {
    f"r{k}": f"研習報告\n\n壹、研習過程\n\n{text}\n"
    for k, text in enumerate([
        "研習期間為8月3日至9日，於東京舉行。", "8月4日上午參訪港口。",
        LONG + "研習期間為8月1日至8月7日。", MEAN + "8月4日參訪。",
        "第一梯次8月2日至5日，第二梯次8月4日至6日。", "3-5 August 2016 in Lima.",
        "8月4日開幕，會期8月3日至5日。", "研習期間 8/3-8/6 於洛杉磯。"])
}


@pytest.fixture(scope="module")
def bound_index(tmp_path_factory):
    yield from index_of_texts(tmp_path_factory, BOUND_REPORTS)


@pytest.mark.parametrize("query", ["8月4日", "8/4", "2016年8月4日", "8月4日 港口", "8月6日",
                                   "8月4日 OR 8月5日"])
def test_the_index_bounds_a_span_s_part_as_its_exact_score(bound_index, query, monkeypatch):
    """Passages ruled out by their bound (the index counts a span's days as
    mentions) would not have ranked: reading every candidate ranks alike."""
    from rsearch.indexer.retrieval.leaders import Leaders

    pruned = [(h.id, h.score, h.match) for h in bound_index.search(query, limit=3)]
    assert pruned
    monkeypatch.setattr(Leaders, "beyond", lambda self, ceiling: ceiling <= 0)
    monkeypatch.setattr(Leaders, "excludes", lambda self, ceiling, key: ceiling <= 0)
    monkeypatch.setattr(Leaders, "tied_last", lambda self, ceiling: None)
    assert [(h.id, h.score, h.match) for h in bound_index.search(query, limit=3)] == pruned


def test_a_long_passage_that_writes_the_day_ranks_above_spans(bound_index):
    hits = bound_index.search("8月4日", limit=20)
    written = {h.report for h in hits if h.match == "exact"}
    assert written == {"r1", "r3", "r4", "r6"}
    assert {h.report for h in hits[:4]} == written
    # In spans only (a span in numbers, r8, is found by the numbers typed).
    assert {(h.report, h.match) for h in hits[4:]} == {("r0", "alias"), ("r2", "alias"),
                                                        ("r5", "alias")}
