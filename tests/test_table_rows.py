"""A table's row is told by its cells' shape (corpus.paragraphs.row_kind), in
every table style the parser reads (tests/paragraph_layouts.py): a row whose
first cell is a time is an agenda's row, as a line of an agenda written as
text is."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rsearch.corpus import parse_report
from rsearch.indexer.storage.schema import ranked_down

from .paragraph_layouts import CLOCKS, Table, render_table


@given(clock=st.sampled_from(CLOCKS), hour=st.integers(7, 17), minute=st.sampled_from([0, 30]),
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
