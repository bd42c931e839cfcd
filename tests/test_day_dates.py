"""A day of a trip answers to its date by every name, whatever form its heading
writes it in: a plain search for 2016-03-15, 3月15日, 2016年3月15日 or
105年3月15日 reaches a day headed `Day 2 (Tuesday, 15 March 2016)`,
`Day 2: March 15, 2016`, `Day 2 – 15 Mar. 2016`, `Day 2 (15.3.2016)`,
`第二天（2016年3月15日）`, `一、105年3月15日（星期二）` or `2016/03/15 週二`, as
it does one whose heading writes the Chinese form (corpus.datelines.heading_dates,
indexer.storage.heading_words). A heading without the year answers to 3月15日.
"""

from __future__ import annotations

import datetime
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report
from rsearch.corpus.datelines import Trip, heading_dates, title_day_names
from rsearch.indexer.storage import heading_words

from .conftest import index_of_texts

ZH = "一二三四五六七八九十"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ZH_WEEKDAYS = "一二三四五六日"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# (heading line of day n on date t, whether it writes the year)
FORMS = [
    (lambda n, t: f"Day {n} ({WEEKDAYS[t.weekday()]}, {t.day} {MONTHS[t.month - 1]} {t.year})",
     True),
    (lambda n, t: f"Day {n}: {MONTHS[t.month - 1]} {t.day}, {t.year}", True),
    (lambda n, t: f"Day {n} – {t.day} {MONTHS[t.month - 1][:3]}. {t.year}", True),
    (lambda n, t: f"Day {n} ({t.day}.{t.month}.{t.year}) Site visit", True),
    (lambda n, t: f"Day {n} ({WEEKDAYS[t.weekday()][:3]} {t.day} {MONTHS[t.month - 1][:3]})",
     False),
    (lambda n, t: f"第{ZH[n - 1]}天（{t.year}年{t.month}月{t.day}日）", True),
    (lambda n, t: f"第{ZH[n - 1]}天（{t.month}月{t.day}日）", False),
    (lambda n, t: f"{ZH[n - 1]}、{t.year - 1911}年{t.month}月{t.day}日"
                  f"（星期{ZH_WEEKDAYS[t.weekday()]}）", True),
    (lambda n, t: f"{t.year}/{t.month:02d}/{t.day:02d} 週{ZH_WEEKDAYS[t.weekday()]}", True),
]
# A day-first date without a year (Wednesday 16/3) is told from a month-first
# one (8/7) only where its first number cannot be a month.
DAY_FIRST = (lambda n, t: f"Day {n} ({WEEKDAYS[t.weekday()]} {t.day}/{t.month})", False)


def names_of(t: datetime.date, with_year: bool) -> list[str]:
    md = f"{t.month}月{t.day}日"
    if not with_year:
        return [md]
    return [t.isoformat(), md, f"{t.year}年{md}", f"{t.year - 1911}年{md}"]


def report_text(lines: list[str]) -> str:
    body = []
    for k, line in enumerate(lines):
        body += [line, "", f"本日課程說明第{ZH[k]}項重點，並進行分組討論。", ""]
    return "研習報告\n\n壹、研習過程\n\n" + "\n".join(body)


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "200")), deadline=None)
@given(form=st.sampled_from([*FORMS, DAY_FIRST]),
       start=st.dates(datetime.date(1990, 1, 1), datetime.date(2035, 12, 20)))
def test_a_day_heading_answers_to_its_date_by_every_name(form, start):
    render, with_year = form
    days = [start + datetime.timedelta(days=k) for k in range(2)]
    if form is DAY_FIRST:
        days = [d for d in days if d.day > 12] or [start.replace(day=13)]
    report = parse_report(report_text([render(n, t) for n, t in enumerate(days, 1)]), "k")
    headings = [e.heading for e in report.outline if e.heading.level > 1 or e.parents]
    assert len(headings) == len(days)
    for heading, t in zip(headings, days, strict=True):
        assert heading_dates(heading.label, heading.title) == names_of(t, with_year)
        words = heading_words(heading.label, heading.title)
        assert all(name in words for name in names_of(t, with_year))


@pytest.mark.parametrize("title, names", [
    ("Day 3 March 15, 2016", ["2016-03-15", "3月15日", "2016年3月15日", "105年3月15日"]),
    ("Day 4 (Wednesday 16/3)", ["3月16日"]),
    ("Day 1（8/7）", ["8月7日"]),  # month first, as Taiwan writes it
    ("Day 2 (Tue 3/15)", ["3月15日"]),
    ("Week 2 (3 Apr - 7 Apr)", ["4月3日"]),
    ("Day 3 (Day 15 Mar)", []),  # no number after Day is the month's day
])
def test_the_label_s_number_is_no_day_of_the_month(title, names):
    assert title_day_names(title) == names


def test_headings_that_are_no_day_take_no_date_names():
    assert heading_dates("2.1", "2016年APEC會議") == []
    assert heading_dates("壹、", "會議緣起") == []
    assert heading_words("壹、", "會議緣起") == "會議緣起"


def two_days(first: str, second: str, title: str = "Training report") -> str:
    return (f"{title}\n\n壹、研習過程\n\n{first}\n\n上午說明課程安排。\n\n"
            f"{second}\n\n下午進行實作。\n")


DAY_REPORTS = {
    "long-english": two_days("Day 1 (Monday, 14 March 2016) Opening",
                             "Day 2 (Tuesday, 15 March 2016) Lab work"),
    "us-english": two_days("Day 1: March 14, 2016", "Day 2: March 15, 2016"),
    "abbreviated": two_days("Day 1 – 14 Mar. 2016", "Day 2 – 15 Mar. 2016"),
    "chinese": two_days("一、105年3月14日（星期一）", "二、105年3月15日（星期二）", "研習報告"),
    "no-year": two_days("Day 1 (Monday 14/3)", "Day 2 (Wednesday 15/3)"),
}


@pytest.fixture(scope="module")
def day_index(tmp_path_factory):
    yield from index_of_texts(tmp_path_factory, DAY_REPORTS)


@pytest.mark.parametrize("query", ["2016-03-15", "3月15日", "2016年3月15日", "105年3月15日"])
def test_a_search_for_a_date_reaches_the_day_however_its_heading_writes_it(day_index, query):
    hits = day_index.search(query, limit=50)
    reached = {h.report for h in hits if h.text == "下午進行實作。"}
    with_year = {"long-english", "us-english", "abbreviated", "chinese"}
    assert reached == (with_year | {"no-year"} if query == "3月15日" else with_year)
    assert not any(h.text == "上午說明課程安排。" for h in hits)


# Days written day first without a year (Tuesday 3/8 is 3 August, as Europe
# writes it): the cover's 出國期間 settles which reading falls inside the
# trip, and gives the year.
DAY_FIRST_FORMS = [
    lambda n, t: f"Day {n} ({WEEKDAYS[t.weekday()]} {t.day}/{t.month})",
    lambda n, t: f"Day {n}（{t.day}/{t.month}）",
    lambda n, t: f"{t.day}/{t.month}（{ZH_WEEKDAYS[t.weekday()]}）",
]


def trip_report(days: list[datetime.date], render) -> str:
    start, end = days[0], days[-1]
    period = (f"民國 {start.year - 1911} 年 {start.month} 月 {start.day} 日至"
              f" {end.year - 1911} 年 {end.month} 月 {end.day} 日")
    cover = f"赴歐洲研習檢驗技術出國報告\n\n服務機關：經濟部標準檢驗局\n出國期間：{period}\n\n"
    return cover + report_text([render(n, t) for n, t in enumerate(days, 1)]).split("\n", 1)[1]


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "100")), deadline=None)
@given(render=st.sampled_from(DAY_FIRST_FORMS),
       start=st.dates(datetime.date(1995, 1, 1), datetime.date(2035, 12, 20)),
       length=st.integers(2, 8))
def test_a_day_first_date_reads_as_the_day_inside_the_trip(render, start, length):
    days = [start + datetime.timedelta(days=k) for k in range(length)]
    report = parse_report(trip_report(days, render), "trip")
    assert (report.period_start, report.period_end) == (days[0].isoformat(),
                                                        days[-1].isoformat())
    units = [u for u in report.meetings if u.kind == "day"]
    assert len(units) == len(days)
    for unit, t in zip(units, days, strict=True):
        assert set(names_of(t, True)) <= set(unit.names), unit.names
        if t.day <= 12 and t.day != t.month:  # the other reading is a day too
            assert f"{t.day}月{t.month}日" not in unit.names


@given(t=st.dates(datetime.date(1995, 1, 1), datetime.date(2035, 12, 31)))
def test_a_weekday_settles_a_day_first_date_with_its_year(t):
    title = f"Day 2 ({WEEKDAYS[t.weekday()]} {t.day}/{t.month}/{t.year})"
    other = datetime.date(t.year, t.day, t.month) if t.day <= 12 else None
    if other is not None and other.weekday() == t.weekday() and other != t:
        return  # both readings fall on the weekday: month first, as before
    assert title_day_names(title) == names_of(t, True)


def test_without_a_trip_or_weekday_numbers_alone_read_month_first():
    assert title_day_names("Day 1（8/7）") == ["8月7日"]
    trip = Trip.of("2016-08-01", "2016-08-06")
    assert title_day_names("Day 3（3/8）", trip) == names_of(datetime.date(2016, 8, 3), True)
    assert title_day_names("Day 3（8/3）", trip) == names_of(datetime.date(2016, 8, 3), True)
    assert title_day_names("Day 9（9/9）", trip) == ["9月9日"]  # outside the trip: no year


# A plain search reaches a day headed day first without a year (3/8（三）,
# Wednesday 3/8, 13/1（四）) by the date as the report writes it and by every
# name of the day inside the trip (8月3日, 2016-08-03, 2016年8月3日,
# 105年8月3日), at search time as at build time: the heading's date is read
# in the report's trip (storage.heading_words), as its unit is.
SEARCH_FORMS = [*DAY_FIRST_FORMS,
                lambda n, t: f"{WEEKDAYS[t.weekday()]} {t.day}/{t.month}"]


def generated_trips(seed: int, count: int) -> dict[str, list[datetime.date]]:
    """Trips of 2 to 5 days at random (month and day both 12 or less half the
    time, where only the trip tells the readings apart)."""
    import random

    rng = random.Random(seed)
    trips = {}
    for k in range(count):
        start = datetime.date(rng.randrange(1998, 2034), rng.randrange(1, 13),
                              rng.randrange(1, 9) if k % 2 else rng.randrange(13, 24))
        trips[f"trip{k}"] = [start + datetime.timedelta(days=d)
                             for d in range(rng.randrange(2, 6))]
    return trips


TRIPS = generated_trips(28, 8)


@pytest.fixture(scope="module")
def trip_index(tmp_path_factory):
    texts = {key: trip_report(days, SEARCH_FORMS[k % len(SEARCH_FORMS)])
             for k, (key, days) in enumerate(TRIPS.items())}
    yield from index_of_texts(tmp_path_factory, texts)


def day_passages(hits) -> set[tuple[str, int]]:
    """(report, day number) of the hits that are a day's paragraph and match whole."""
    found = set()
    for h in hits:
        if h.match != "partial" and h.text.startswith("本日課程說明第"):
            found.add((h.report, ZH.index(h.text[len("本日課程說明第")]) + 1))
    return found


@pytest.mark.parametrize("key", list(TRIPS))
def test_a_day_first_date_is_found_by_every_name_of_the_day_in_its_trip(trip_index, key):
    render = SEARCH_FORMS[list(TRIPS).index(key) % len(SEARCH_FORMS)]
    for n, t in enumerate(TRIPS[key], 1):
        holding = {(other, days.index(t) + 1) for other, days in TRIPS.items() if t in days}
        for query in (t.isoformat(), f"{t.year}年{t.month}月{t.day}日",
                      f"{t.year - 1911}年{t.month}月{t.day}日"):
            assert day_passages(trip_index.search(query, limit=50)) == holding, query
        same_day = {(other, d + 1) for other, days in TRIPS.items()
                    for d, u in enumerate(days) if (u.month, u.day) == (t.month, t.day)}
        assert day_passages(trip_index.search(f"{t.month}月{t.day}日", limit=50)) == same_day
        # As the report writes it: its own day first among the hits.
        written = render(n, t).split("(")[-1].rstrip(")") if "(" in render(n, t) \
            else render(n, t).removeprefix(f"Day {n}")
        hits = trip_index.search(written, limit=50)
        assert (key, n) in day_passages(hits[:1]), written


# A plain search for a date that only an English day heading writes reaches
# the passages under that heading (as --meeting does), by the heading's date,
# and ranks them below passages that write the date, even a long one.
HEADED_REPORTS = {
    "headed": ("Training report\n\n壹、研習過程\n\nDay 1 (6 Nov)\n\n上午說明課程安排。\n\n"
               "Day 2 (Tuesday, 15 March 2016)\n\n下午進行實作。\n"),
    "written": ("研習報告\n\n壹、研習心得\n\n" + "本次研習內容豐富，" * 40
                + "11月6日與3月15日之課程尤其實用。\n"),
}


@pytest.fixture(scope="module")
def headed_index(tmp_path_factory):
    yield from index_of_texts(tmp_path_factory, HEADED_REPORTS)


@pytest.mark.parametrize("query, text", [("11月6日", "上午說明課程安排。"),
                                         ("3月15日", "下午進行實作。")])
def test_a_plain_search_reaches_an_english_day_heading_below_the_date_written(
        headed_index, query, text):
    hits = headed_index.search(query, limit=10)
    assert [(h.report, h.match) for h in hits] == [("written", "exact"), ("headed", "heading")]
    assert hits[1].text == text
