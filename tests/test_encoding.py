"""Big5 in the variants reports are saved in: CP950 (what Windows and Word
write as "Big5") and Big5-HKSCS, which part ways where headings' numerals
stand (Ⅰ、, ⅰ、, ①, ⑴): every variant's file reads back as it was written."""

from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report
from rsearch.corpus.encoding import decode_text

from .body_layouts import FAMILIES, layouts, render

NUMERALS = ["Ⅰ、", "Ⅱ、", "Ⅴ、", "Ⅹ、", "ⅰ、", "ⅲ、", "ⅴ、", "①", "⑤", "⑩", "⑴", "⑶", "⑽"]
LINES = ["研習目的", "研習過程說明", "心得與建議", "講師示範前處理步驟",
         "參訪東京都健康安全研究中心", "ヒアリング調査", "QuEChERS 前處理實作"]
ENCODINGS = ["cp950", "big5hkscs"]


def encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(NUMERALS), st.sampled_from(LINES)), min_size=1,
                max_size=12), st.sampled_from(ENCODINGS), st.booleans())
def test_numbered_lines_survive_every_big5_variant(lines, encoding, crlf):
    body = "\n".join(numeral + line for numeral, line in lines)
    text = f"出國報告\n{body}\n本次研習報告。\n"
    assume(encodable(text, encoding))
    data = (text.replace("\n", "\r\n") if crlf else text).encode(encoding)
    assert decode_text(data).replace("\r\n", "\n") == text


def roman_top(layout):
    """The layout with its top level numbered Ⅰ、Ⅱ、… (if no other level is Roman)."""
    if len(layout.families) == 1 or any(FAMILIES[f][0] == "roman"
                                             for f in layout.families[1:]):
        return None
    return replace(layout, families=["roman-full", *layout.families[1:]])


@settings(max_examples=60, deadline=None)
@given(layouts, st.sampled_from(ENCODINGS))
def test_a_report_numbered_in_roman_numerals_parses_alike_from_big5(layout, encoding):
    layout = roman_top(layout)
    assume(layout is not None)
    text = render(layout)[0]
    assume(encodable(text, encoding))
    decoded = decode_text(text.replace("\n", "\r\n").encode(encoding))
    assert decoded.replace("\r\n", "\n") == text
    one, two = parse_report(text, "k"), parse_report(decoded, "k")
    assert [(e.heading.label, e.heading.title) for e in two.outline] == \
        [(e.heading.label, e.heading.title) for e in one.outline]
    assert [e.heading.label for e in one.outline][:1] == ["I、"]
