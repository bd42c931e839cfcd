"""A day in every form Taiwan's officials write it (corpus.dayforms): each
form of a random day is read to that day by the query's reader, by the index's
reader of a day's heading and by the date filters, and the spellings a search
looks for find a passage that writes the day in any other form."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.corpus.datelines import heading_dates
from rsearch.corpus.dayforms import NAMES_APART, Day, day_spellings, read_days, span_day_names
from rsearch.indexer.analysis import match_tokens
from rsearch.indexer.retrieval.filters import date_bound

from .conftest import index_of_texts

# Written here apart from the code under test: a month's or a day's number in
# Chinese numerals, and a year's digit by digit (一一三, 二〇二四, 一○三).
NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
            "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "二十一", "二十二",
            "二十三", "二十四", "二十五", "二十六", "二十七", "二十八", "二十九", "三十", "三十一"]
DIGITS = "〇一二三四五六七八九"
WIDE = str.maketrans("0123456789/.-", "０１２３４５６７８９／．－")


def digit_by_digit(n: int, zero: str = "〇") -> str:
    return "".join(DIGITS[int(c)] if c != "0" else zero for c in str(n))


def yearless_forms(m: int, d: int) -> list[str]:
    return [f"{m}月{d}日", f"{m} 月 {d} 日", f"{m}/{d}", f"{m:02d}/{d:02d}",
            f"{NUMERALS[m]}月{NUMERALS[d]}日", f"{m:02d}月{d:02d}日"]


def yeared_forms(y: int, m: int, d: int) -> list[str]:
    roc = y - 1911
    return [f"{y}/{m}/{d}", f"{y}-{m:02d}-{d:02d}", f"{y}.{m}.{d}", f"{y}年{m}月{d}日",
            f"{roc}年{m}月{d}日", f"民國{roc}年{m}月{d}日", f"中華民國 {roc} 年 {m} 月 {d} 日",
            f"{roc}.{m}.{d}", f"{roc}/{m:02d}/{d:02d}", f"{roc}/{m}/{d}",
            f"{digit_by_digit(roc)}年{NUMERALS[m]}月{NUMERALS[d]}日",
            f"民國{digit_by_digit(roc, '○')}年{NUMERALS[m]}月{NUMERALS[d]}日",
            f"{digit_by_digit(y)}年{NUMERALS[m]}月{NUMERALS[d]}日"]


def wide(forms: list[str]) -> list[str]:
    return forms + [f.translate(WIDE) for f in forms]


days = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2099, 12, 31))


@given(days, st.data())
def test_every_form_of_a_day_is_read_to_that_day(date, data):
    y, m, d = date.year, date.month, date.day
    form = data.draw(st.sampled_from(wide(yearless_forms(m, d))))
    assert read_days(form) == [Day(m, d)], form
    form = data.draw(st.sampled_from(wide(yeared_forms(y, m, d))))
    assert read_days(form) == [Day(m, d, y)], form


@given(days, st.data())
def test_a_day_s_heading_is_read_to_that_day_at_index_time(date, data):
    """A heading that is a day's date, in any form with its year (or 月日
    without), answers to the day's ISO date and 月日 (storage's heading words)."""
    y, m, d = date.year, date.month, date.day
    form = data.draw(st.sampled_from(wide(yeared_forms(y, m, d))))
    assert {date.isoformat(), f"{m}月{d}日"} <= set(heading_dates("", form)), form
    form = data.draw(st.sampled_from([f for f in yearless_forms(m, d) if "月" in f]))
    assert f"{m}月{d}日" in heading_dates("", form), form


@given(days, st.data())
def test_the_date_filters_read_every_form_with_a_year(date, data):
    form = data.draw(st.sampled_from(wide(yeared_forms(date.year, date.month, date.day))))
    assert date_bound(form, upper=False) == date.isoformat(), form


def found(query: str, text: str) -> bool:
    """Whether one of the query's spellings is in the text as a search matches
    it (a run of the text's match tokens), or among the days the text's spans
    hold (a day typed only: a search looks there for a date)."""
    spellings = day_spellings(query)
    haystacks = [match_tokens(text)]
    if spellings:
        haystacks.append(match_tokens(NAMES_APART.join(span_day_names(text))))
    for spelling in [query, *spellings]:
        want = match_tokens(spelling)
        if any(have[i:i + len(want)] == want for have in haystacks
               for i in range(len(have) - len(want) + 1)):
            return True
    return False


@settings(max_examples=300)
@given(days, st.data())
def test_a_search_for_one_form_finds_a_passage_written_in_another(date, data):
    """Any form in the query finds a passage that writes the day in any
    other form, but for two rules: a query that names the year finds the
    day where the text names it too, and numbers alone in the text (8/3,
    2024/8/3, 113.8.3) are found by the numbers typed (8/3, 08/03, or with
    the year), since a search cannot tell 8/3 from 8.3 or Day 8 (3/9)."""
    y, m, d = date.year, date.month, date.day
    yearless, yeared = wide(yearless_forms(m, d)), wide(yeared_forms(y, m, d))
    query = data.draw(st.sampled_from(yearless + yeared))
    if query in yeared:
        texts = yeared
    elif "月" in query:
        texts = [f for f in yearless + yeared if "月" in f]
    else:
        texts = yearless + yeared
    text = data.draw(st.sampled_from(texts))
    assert found(query, f"代表團於{text}抵達並拜會主管機關。"), (query, text)


@given(days, st.data())
def test_a_day_with_its_year_is_not_found_in_a_date_without_one(date, data):
    """8月3日 alone may be another year's: 113年8月3日 does not find it, nor
    another year's date."""
    y, m, d = date.year, date.month, date.day
    query = data.draw(st.sampled_from(wide(yeared_forms(y, m, d))))
    text = data.draw(st.sampled_from(wide(yearless_forms(m, d)) + yeared_forms(y + 1, m, d)
                                     if (m, d) != (2, 29) else wide(yearless_forms(m, d))))
    assert not found(query, f"代表團於{text}抵達。"), (query, text)


@given(days)
def test_a_day_in_words_is_not_found_in_numbers_a_heading_s_label_runs_into(date):
    """8月3日 is not 8.3, nor the label and date of Day 8 (3/9)."""
    m, d = date.month, date.day
    for text in (f"第 {m}.{d} 節", f"Day {m} ({d}/9)", f"表{m}-{d}"):
        assert not found(f"{m}月{d}日", text), text


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 1)),
       st.integers(1, 6), st.data())
def test_a_span_ending_on_a_day_is_found_by_that_day(start, length, data):
    end = start + datetime.timedelta(days=length)
    if end.month != start.month:
        return
    text = data.draw(st.sampled_from([f"{start.month}月{start.day}日至{end.day}日",
                                      f"{start.month}月{start.day}日～{end.day}日",
                                      f"{start.month}月{start.day}日-{end.day}日"]))
    query = data.draw(st.sampled_from(yearless_forms(end.month, end.day)))
    assert found(query, f"會議期間為{text}，於巴黎舉行。"), (query, text)
    query = data.draw(st.sampled_from(yeared_forms(end.year, end.month, end.day)))
    year = data.draw(st.sampled_from([f"{end.year}年", f"{end.year - 1911}年", "民國"
                                      f"{end.year - 1911}年"]))
    text = f"{start.month}月{start.day}日至{end.day}日"  # with the year, 至 only
    assert found(query, f"會議期間為{year}{text}，於巴黎舉行。"), (query, year, text)


@pytest.mark.parametrize("word, first, last, count", [
    ("8月3日至5日", Day(8, 3), Day(8, 5), 3),
    ("8/3-8/5", Day(8, 3), Day(8, 5), 3),
    ("8月3日～8月5日", Day(8, 3), Day(8, 5), 3),
    ("113年8月3日至5日", Day(8, 3, 2024), Day(8, 5, 2024), 3),
    ("2024/8/3-2024/8/5", Day(8, 3, 2024), Day(8, 5, 2024), 3),
    ("12月30日至1月2日", Day(12, 30), Day(1, 2), 4),
])
def test_a_span_is_read_as_its_days(word, first, last, count):
    found_days = read_days(word)
    assert (found_days[0], found_days[-1], len(found_days)) == (first, last, count)


@pytest.mark.parametrize("word", ["8.3", "8-3", "2/30", "13/1", "113年", "2024", "8月",
                                  "第3日", "8月5日至3日", "1/1-3/1", "ABC", "3.14"])
def test_what_is_no_day_is_not_read_as_one(word):
    """Numbers alone without a year need a slash (8.3 is a section, 8-3 a
    figure), a day must be a calendar's, a span runs forward and within 31 days."""
    assert read_days(word) == []


REPORTS = {
    "dotted": "赴日本考察出國報告\n\n壹、考察過程\n\n本團於 113.8.3 抵達東京並拜會財務省關稅局。\n",
    "numerals": "出席研討會出國報告\n\n壹、會議紀要\n\n研討會於一一三年八月五日在新加坡舉行。\n",
    "worded": "赴美國研習出國報告\n\n壹、研習過程\n\n學員於 8 月 3 日（六）參訪洛杉磯港。\n",
    "span": "出席委員會出國報告\n\n壹、會議紀要\n\n會議期間為 8月10日至12日，討論港口國管制。\n",
}


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory):
    yield from index_of_texts(tmp_path_factory, REPORTS)


@pytest.mark.parametrize("query, report", [
    ("8/3", "dotted"), ("2024-08-03", "dotted"), ("八月三日", "worded"), ("08/03", "worded"),
    ("８／３", "dotted"),
    ("民國113年8月3日", "dotted"), ("8/5", "numerals"), ("2024.8.5", "numerals"),
    ("08/05", "numerals"), ("8月12日", "span"), ("8/3-8/5", "dotted"),
    ("113 年 8 月 5 日", "numerals"), ("8 月 5 日", "numerals"),
    ("民國 113 年 8 月 3 日", "dotted"),
    ("8月4日至5日", "numerals"),
])
def test_a_search_by_one_form_finds_a_report_that_writes_another(dated_index, query, report):
    assert report in {h.report for h in dated_index.search(query, limit=20)}


def test_a_date_quoted_is_found_as_typed_only(dated_index):
    assert {h.report for h in dated_index.search('"8月3日"', limit=20)} == {"worded"}
    assert not dated_index.search('"2024-08-03"', limit=20)
