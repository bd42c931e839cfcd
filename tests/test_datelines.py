"""A date alone on a line is text (a diary's date line), never a page number or
a running line; a page number is one of the forms that count up across
pages. A date line with the day's text under it heads a day; a date inside a
sentence, a run of dated lines or the cover's date does not."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report
from rsearch.corpus.cleanup import clean
from rsearch.corpus.datelines import day_line
from rsearch.corpus.formats.model import Extracted, Line
from rsearch.corpus.page_numbers import is_page_number, page_numbers

from .body_layouts import DATE_FORMS, full_width

PAGE_FORMS = [
    lambda n, m: str(n),
    lambda n, m: f"- {n} -",
    lambda n, m: f"－{n}－",
    lambda n, m: f"第 {n} 頁",
    lambda n, m: f"第{n}頁，共{m}頁",
    lambda n, m: f"{n}/{m}",
    lambda n, m: f"{n} / {m}",
    lambda n, m: f"Page {n} of {m}",
    lambda n, m: full_width(str(n)),
]
MONTH_FORMS = [
    lambda y, m: f"{y}/{m:02d}",
    lambda y, m: f"{y}年{m}月",
    lambda y, m: f"{y - 1911}年{m}月",
    lambda y, m: f"中華民國{y - 1911}年{m}月",
    lambda y, m: f"{y}.{m}",
    lambda y, m: str(y),
]
WEEKDAYS = "一二三四五六日"


@given(st.integers(0, len(PAGE_FORMS) - 1), st.integers(1, 60), st.integers(0, 60))
def test_a_page_number_in_any_form_is_one(form, n, more):
    assert is_page_number(PAGE_FORMS[form](n, n + more))


@given(st.integers(0, len(MONTH_FORMS) - 1), st.integers(1990, 2030), st.integers(1, 12))
def test_a_month_or_year_alone_is_no_page_number(form, year, month):
    assert not is_page_number(MONTH_FORMS[form](year, month))


@given(st.integers(0, len(DATE_FORMS) - 1), st.integers(1, 12), st.integers(1, 28),
       st.integers(0, 6))
def test_a_date_alone_is_no_page_number_and_reads_as_a_day(form, month, day, weekday):
    date, week = DATE_FORMS[form]
    line = date(month, day) + week(WEEKDAYS[weekday])
    assert not is_page_number(line)
    assert day_line(line) == (line, "")


def test_a_later_day_than_month_is_a_date_not_a_page():
    assert not is_page_number("8/7")  # page 8 of 7 is none
    assert is_page_number("7/8")


@pytest.mark.parametrize("line", [
    "8月7日搭機前往雪梨，於當地時間晚間抵達。",  # a sentence that starts with a date
    "8/7",  # no year, no weekday: a fraction or a page as much as a date
    "1.2",
    "13月7日",
    "Day 1 (8/7)",  # the day family's (headings.py)
    "11 月 6 日　人工智慧政策；OECD 人工智慧原則",
])
def test_lines_that_are_no_date_line(line):
    assert day_line(line) is None


def page(lines: list[str]) -> list[Line]:
    return [Line(t) for t in lines]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(DATE_FORMS) - 1), st.integers(0, len(PAGE_FORMS) - 1),
       st.integers(3, 8), st.booleans())
def test_a_diary_of_a_day_a_page_keeps_every_date_line(date_form, page_form, pages, header):
    # Each page opens with its day's date line (numbers alike but for the
    # day, at the page's top on every page) and ends with its page number:
    # the page numbers and a running header go, every date line and
    # paragraph stays, once.
    date, week = DATE_FORMS[date_form]
    texts, extracted = [], []
    for n in range(pages):
        day = date(8, 1 + n) + week(WEEKDAYS[n % 7])
        body = [day, f"第{n}天上午前往研究所聽取簡報並參觀實驗室。"]
        texts += body
        extracted.append(page((["農藥殘留檢驗研習報告"] if header else []) + body
                              + ["", PAGE_FORMS[page_form](n + 1, pages)]))
    lines = [line.text for line in clean(Extracted("text", extracted)) if line.text]
    kept = texts if not header else ["農藥殘留檢驗研習報告"] + texts
    assert lines == kept


def test_a_diary_s_days_are_units_named_by_their_dates():
    text = ("農藥殘留檢驗研習報告\n\n壹、目的\n了解檢驗實務。\n\n貳、研習過程\n"
            "2023年8月7日（星期一）\n上午抵達東京，下午報到。\n\n"
            "8月8日(二)\n參訪實驗室。\n\n8/9（三）　方法確效\n學習方法確效。\n"
            "行程如下：\n8月10日 參訪\n8月11日 返國\n結束後撰寫報告。\n\n"
            "參、心得與建議\n建議持續派員。\n中華民國112年9月1日\n")
    report = parse_report(text, "k")
    assert [(m.key, m.kind) for m in report.meetings] == [
        ("2023年8月7日", "day"), ("8月8日", "day"), ("8/9 方法確效", "day")]
    assert report.meetings[0].names == ["2023年8月7日", "2023年8月7日（星期一）", "2023-08-07",
                                        "8月7日", "112年8月7日"]
    # An itinerary's dated lines, the signature's date: text, each line once.
    lines = [t for p in report.passages for t in p.text.split("\n")]
    assert "8月10日 參訪" in lines and "8月11日 返國" in lines
    assert lines[-1] == "中華民國112年9月1日"
    assert [p.section[-1].title for p in report.passages if p.text == "結束後撰寫報告。"] \
        == ["方法確效"]


def test_a_cover_date_and_a_wrapped_date_are_no_heading():
    text = ("出國報告\n\n服務機關：農業部\n報告日期：112年9月1日\n2023年8月7日\n\n"
            "壹、研習過程\n本次研習於東京舉行，全程共計五天，首日於\n"
            "8月7日（一）抵達後隨即前往\n研究所報到。\n")
    report = parse_report(text, "k")
    assert [e.heading.title for e in report.outline] == ["研習過程"]
    assert report.meetings == []


@pytest.mark.parametrize("heading, date_names", [
    ("Day 1（8/7）開訓", ["8月7日"]),
    ("第一天 8月7日", ["8月7日"]),
    ("Day 2 - 2023年8月8日 參訪", ["2023-08-08", "8月8日"]),
    ("Day 3 實驗操作", []),
])
def test_a_day_heading_answers_to_its_date(heading, date_names):
    text = f"研習報告\n\n壹、研習過程\n{heading}\n講師說明課程內容。\n\n貳、心得\n收穫良多。\n"
    (day,) = parse_report(text, "k").meetings
    assert day.kind == "day"
    assert [n for n in day.names if n in date_names] == date_names


@pytest.mark.parametrize("gap", ["\t", "  ", "\u3000\u3000", "    "])
def test_a_row_whose_first_cell_is_a_date_is_no_day(gap):
    assert day_line(f"3 月 10 日{gap}項目") is None
    assert day_line(f"8月7日（一）{gap}參訪雪梨港") is None


def test_a_table_row_that_starts_with_a_date_is_no_day():
    # Cells one ideographic space apart: the gap a day's title may also follow.
    text = "報告\n\n壹、行程\n日期　地點\n3 月 10 日　雪梨\n\n本次行程如上。\n"
    report = parse_report(text, "k")
    assert [e.heading.title for e in report.outline] == ["行程"]
    assert report.meetings == []


def page_lines(numbers, body=("本段說明會議之進行情形。", "各國代表分享經驗。")):
    """A text of pages, each closed by the given line (None: no number)."""
    out = []
    for number in numbers:
        out += list(body)
        if number is not None:
            out.append(number)
    return out


@pytest.mark.parametrize("form", range(len(PAGE_FORMS)))
@given(first=st.integers(1, 3), pages=st.integers(2, 12), skipped=st.sets(st.integers(0, 11)))
@settings(max_examples=30)
def test_page_numbers_count_up_with_gaps_and_a_missing_first_page(form, first, pages, skipped):
    # A page unnumbered here and there (a figure), never two in a row.
    skipped = {k for k in skipped if k - 1 not in skipped and 0 < k < pages - 1}
    numbers = [None if k in skipped else PAGE_FORMS[form](first + k, first + pages)
               for k in range(pages)]
    lines = page_lines(numbers)
    assert page_numbers(lines) == {i for i, text in enumerate(lines)
                                   if text and text[0] not in "本各"}


@pytest.mark.parametrize("form", range(len(PAGE_FORMS)))
def test_a_lone_line_in_a_page_number_s_form_is_text(form):
    lone = PAGE_FORMS[form](7, 8)
    assert page_numbers(page_lines([lone])) == set()
    # Among pages numbered alike, a line that breaks the count is text.
    numbers = [PAGE_FORMS[form](k, 20) for k in range(1, 6)]
    lines = page_lines(numbers[:2]) + ["各國代表分享經驗。", PAGE_FORMS[form](15, 20)] \
        + page_lines(numbers[2:])
    assert page_numbers(lines) == {i for i, text in enumerate(lines)
                                   if text in numbers}


def test_a_score_or_date_beside_pages_of_another_total_is_text():
    lines = page_lines([f"{k}/12" for k in range(1, 5)])
    lines[3:3] = ["7/8"]
    assert "7/8" not in {lines[i] for i in page_numbers(lines)}
    assert len(page_numbers(lines)) == 4


def test_a_front_matter_numbered_apart_counts_up_on_its_own():
    lines = page_lines(["i", "ii", "iii"]) + page_lines(["- 1 -", "- 2 -", "- 3 -"])
    assert len(page_numbers(lines)) == 6
    restarted = page_lines(["- 1 -", "- 2 -"]) + page_lines(["- 1 -", "- 2 -", "- 3 -"])
    assert len(page_numbers(restarted)) == 5


def test_a_lone_page_number_in_text_stays_in_its_paragraph():
    text = ("出國報告\n\n壹、會議紀要\n\n本次會議討論貿易便捷化協定之執行，得分為\n\n7/8\n\n"
            "各國代表分享經驗。\n")
    passages = [p.text for p in parse_report(text, "k").passages]
    assert sum(p.count("7/8") for p in passages) == 1


@pytest.mark.parametrize("form", range(len(PAGE_FORMS)))
def test_a_lone_page_number_set_off_from_the_margin_is_one(form):
    # Centred or pushed right, as a page's footer is: the one page number a
    # text kept. The same line at the margin is text.
    number = PAGE_FORMS[form](4, 9)
    for indent, dropped in (("\u3000" * 20, True), (" " * 30, True), ("", False),
                            ("\u3000\u3000", False)):
        lines = ["出國報告", "本段說明會議之進行情形。", indent + number, "各國代表分享經驗。"]
        kept = cleaned(lines)
        assert (number.strip() not in kept) == dropped, (indent, kept)


def cleaned(lines):
    from rsearch.corpus.formats.text import pages_of

    return [line.text for line in clean(pages_of("\n".join(lines))) if line.text]


@pytest.mark.parametrize("form", range(len(PAGE_FORMS)))
def test_a_page_numbered_twice_loses_both_numbers(form):
    # At its head and its foot, or a page cut typed into the text beside the
    # file's own number: both are page numbers, not text.
    numbers = [PAGE_FORMS[form](k, 9) for k in range(1, 6)]
    lines = []
    for number in numbers:
        lines += [number, "本段說明會議之進行情形。", "各國代表分享經驗。", number]
    assert page_numbers(lines) == {i for i, text in enumerate(lines) if text in numbers}
