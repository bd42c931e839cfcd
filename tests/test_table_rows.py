"""A table's row is told by its cells' shape (corpus.paragraphs.row_kind), in
every table style the parser reads (tests/paragraph_layouts.py): a row of
labels, names and figures names its subject and is ranked down; a row one of
whose cells is a discursive paragraph (a 心得 or 說明 column: a sentence of
40 wide characters or more) discusses it and ranks as a paragraph does; a
row whose first cell is a time is an agenda's row, as a line of an agenda
written as text is."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report
from rsearch.corpus.paragraphs import DISCURSIVE_CELL, row_kind
from rsearch.corpus.spacing import display_width
from rsearch.indexer.storage.schema import ranked_down

from .paragraph_layouts import (
    CELLS,
    CLOCKS,
    LONG_CELLS,
    SENTENCES,
    SPANS,
    TABLE_STYLES,
    Table,
    render_table,
)

# What a discursive cell says: one to three sentences of a report.
DISCURSIVE = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3, unique=True).map(
    "".join).filter(lambda text: display_width(text) >= DISCURSIVE_CELL)
# Long cells that are labels: a name or a list of figures, no sentence.
LONG_LABELS = ["財政部關務署基隆關稽查組暨臺北關機動巡查隊與高雄關驗貨課聯合作業小組",
               "World Customs Organization Permanent Technical Committee Plenary",
               *LONG_CELLS]


@st.composite
def tables(draw):
    """(table, each row's expected kind): a header row of labels, label rows,
    and rows with a discursive cell in some column."""
    style = draw(st.sampled_from([s for s in TABLE_STYLES if s != "spaces2"]))
    columns = draw(st.integers(2, 4))
    header = draw(st.lists(st.sampled_from(["項目", "說明", "心得", "單位", "時間"]),
                           min_size=columns, max_size=columns, unique=True))
    rows, kinds = [header], ["table_row"]
    for k in range(draw(st.integers(1, 4))):
        row = [f"{draw(st.sampled_from(CELLS))}{k}"] + draw(st.lists(
            st.sampled_from([*CELLS, *LONG_LABELS]), min_size=columns - 1,
            max_size=columns - 1))
        discursive = draw(st.booleans())
        if discursive:
            row[draw(st.integers(1, columns - 1))] = draw(DISCURSIVE)
        rows.append(row)
        kinds.append("table_text" if discursive else "table_row")
    return Table(rows, style), kinds


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "200")), deadline=None)
@given(tables())
def test_a_row_that_discusses_is_not_ranked_down_as_a_label_row(drawn):
    table, kinds = drawn
    text = "研習報告\n\n壹、研習心得\n\n" + "\n".join(render_table(table)) + "\n"
    report = parse_report(text, "rows")
    rows = [p for p in report.passages if p.section and p.section[0].level > 0]
    assert [p.kind for p in rows] == kinds, [p.text[:40] for p in rows]
    assert [ranked_down(p.weight) for p in rows] == [k == "table_row" for k in kinds]


@given(cells=st.lists(st.sampled_from([*CELLS, *LONG_LABELS]), min_size=2, max_size=6))
def test_label_cells_make_a_label_row_however_long(cells):
    assert row_kind(cells) == "table_row"


# Hours up to 18: a four-digit time starting 19 or 20 reads as a year (1930-1945).
@given(clock=st.sampled_from(CLOCKS), hour=st.integers(7, 15), minute=st.sampled_from([0, 30]),
       item=st.sampled_from(["開幕式", "Session 1: Trade Facilitation", "分組討論", "午餐"]),
       style=st.sampled_from(["tabs", "ideographic", "spaces", "pipes", "fullwidth", "box"]))
def test_a_row_whose_first_cell_is_a_time_is_an_agenda_s_row(clock, hour, minute, item, style):
    render, in_span = clock
    time = render(hour, minute) + ("-" + render(hour + 1, 0) if in_span else "")
    table = Table([["時間", "議程"], [time, item], [render(hour + 2, 0) + (
        "-" + render(hour + 3, 0) if in_span else ""), "綜合座談"]], style)
    text = "會議報告\n\n壹、議程\n\n" + "\n".join(render_table(table)) + "\n"
    rows = [p for p in parse_report(text, "agenda").passages if p.section[0].level > 0]
    assert [p.kind for p in rows] == ["table_row", "agenda_row", "agenda_row"]
    assert all(ranked_down(p.weight) for p in rows)


@given(clock=st.sampled_from(CLOCKS), hour=st.integers(7, 15),
       gap=st.sampled_from([" ", "\u3000"]), span=st.sampled_from(SPANS))
def test_agenda_lines_right_under_a_heading_are_no_headings(clock, hour, gap, span):
    """9.30-10.00 開幕式 is a span of times, not a section 9.30 titled -10.00 開幕式."""
    render, in_span = clock
    lines = [render(hour + k, 30 * (k % 2)) + span + render(hour + k + 1, 0) + gap + item
             for k, item in enumerate(["開幕式", "Session 1: Trade Facilitation"])]
    text = "會議報告\n\n壹、會議緣起\n\n本次會議討論貿易便捷化。\n\n貳、會議紀要\n\n" \
        + "\n".join(lines) + "\n\n會中討論單一窗口之推動現況。\n"
    report = parse_report(text, "agenda")
    rows = [(p.kind, p.text) for p in report.passages if p.section[-1].title == "會議紀要"]
    assert rows == [("agenda_row", line) for line in lines] + [
        ("paragraph", "會中討論單一窗口之推動現況。")]
