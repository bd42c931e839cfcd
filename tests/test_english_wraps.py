"""English text hard-wrapped at two widths, and sentences a line's full
measure hides the end of: a paragraph a line (a list's items, a Chinese
paragraph) wrapped by a narrower page beside paragraphs of a wider hard wrap
put back together (a text wrapped twice, a PDF printed narrower), where no
one wrap width explains every line. A lowercase word under a line that ends
no sentence goes on its English sentence whatever width the line seems to
fill: a numbered line over it is an item's first line, no heading, and a
short English line over it no subheading. A full line's English full stop
with a blank line after it ends its paragraph, as does a sentence's end
inside a bracket that closes it (…統計。）), so a label after either heads
a section (Day 5 – …, 2) 研討會架構)."""

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.corpus import read_report
from rsearch.corpus.formats.model import Line
from rsearch.corpus.line_context import LineContext
from rsearch.corpus.paragraphs import assemble_blocks, goes_on_in_english
from rsearch.corpus.spacing import Wrap

from .fixture_sets import squash
from .paragraph_layouts import wrap
from .report_forms import FIXTURES, write_form

# A text wrapped at 68 columns beside lines of an 80-column wrap, measured
# as the reader measures it: 68 columns, a Latin letter 0.85 of one.
MIXED = Wrap(68, 0.85)
ITEMS = [
    "1. The ABF treats the border as a continuum that starts before the",
    'traveller boards. Its use of PNR data and its "do not board"',
    "recommendations move the decision away from the arrival counter.",
    "2. Performance of automated gates is managed through daily measures",
    "of false rejection, with lighting and cameras checked before",
    "thresholds are touched, a practice our own e-Gate maintenance could follow.",
]


def test_a_lowercase_word_goes_on_an_english_sentence_left_open():
    first = "1. The ABF treats the border as a continuum that starts before the"
    assert goes_on_in_english(first, "traveller boards.")
    assert goes_on_in_english('boards. Its use of PNR data and its "do not board"',
                              "recommendations move")
    assert goes_on_in_english("Automated gates are measured daily, in every terminal,",
                              "with lighting checked")
    assert not goes_on_in_english("recommendations move the decision away from the counter.",
                                  "recommendations move")
    assert not goes_on_in_english(first, "Traveller boards.")
    assert not goes_on_in_english(first, "2. Performance")
    chinese = "本署派員參加澳洲邊境執法署主辦之國際邊境管理研習班，課程涵蓋"
    assert not goes_on_in_english(chinese, "旅客")
    # a short line with no clause in it (a title, a name) is complete already
    assert not goes_on_in_english("Site Visit", "notes")


def test_items_wrapped_narrower_than_the_text_s_measure_are_whole():
    # Each line would have held the next word at the measure: the text's
    # lines show no stop but the sentences' ends.
    blocks = assemble_blocks([Line(t) for t in ITEMS], MIXED)
    assert [(b.kind, b.text[:20]) for b in blocks] == [
        ("list_item", "1. The ABF treats th"), ("list_item", "2. Performance of au")]
    assert blocks[0].text.endswith("before the traveller boards. Its use of PNR data and its "
                                   '"do not board" recommendations move the decision away '
                                   "from the arrival counter.")


def test_a_numbered_line_a_lowercase_word_goes_on_is_no_heading():
    lines = [Line(t) for t in ITEMS]
    context = LineContext(lines, MIXED)
    assert context.full_line(lines[0])
    assert not context.line_stops(lines[0])
    context.at = 3
    assert not context.line_stops(lines[3])
    # the next label of the family fills its line and goes on: no sibling stands
    context.at = 0
    assert not context.sibling_stands("arabic", (2,), set())


def test_a_full_line_s_closed_sentence_before_a_blank_ends_it():
    wrap = Wrap(68)
    english = [Line("care, as evidence of whether the relationship influenced the price."),
               Line("")]
    context = LineContext(english, wrap)
    assert context.full_line(english[0])
    assert not context.open_sentence(english)
    assert context.open_sentence(english[:1])  # no blank: a page's line may go on
    bracket = [Line("代表約200人。（註：與會人數依主辦單位閉幕時公布之註冊統計。）"), Line("")]
    assert LineContext(bracket, wrap).full_line(bracket[0])
    assert not LineContext(bracket, wrap).open_sentence(bracket)
    # a bracket closing no sentence at a full line's end goes on
    open_bracket = [Line("研討會除開幕專題演講外，分為三條平行軌道"
                         "（Track A：職場熱危害與氣候調適）"), Line("")]
    assert LineContext(open_bracket, wrap).open_sentence(open_bracket)


def read_form(tmp_path: Path, folder: str, stem: str, form: str):
    return read_report(write_form(FIXTURES / folder / f"{stem}.txt", form, tmp_path / form))


def test_an_english_course_s_wrapped_items_are_items_in_text_and_pdf(tmp_path):
    for form in ("wrapped", "pdf"):
        report = read_form(tmp_path, "unseen17", "2025-nia-abf-border-management-course", form)
        items = [(p.section_label, p.kind, p.text[:6]) for p in report.passages
                 if p.section_label.startswith("肆、")]
        assert items == [
            ("肆、一、心得", "list_item", "1. The"),
            ("肆、一、心得", "list_item", "2. Per"),
            ("肆、一、心得", "list_item", "3. The"),
            ("肆、二、建議", "list_item", "1. 擴大運"),
            ("肆、二、建議", "list_item", "2. 自動查"),
            ("肆、二、建議", "list_item", "3. 強化人"),
            ("肆、二、建議", "list_item", "4. Kee"),
        ], form
        afternoon = [p for p in report.passages
                     if p.text.startswith("In the afternoon the Document")]
        assert len(afternoon) == 1, form  # a paragraph of its own after a blank line


def test_days_and_items_after_closed_full_lines_head_their_sections(tmp_path):
    for form in ("wrapped", "pdf"):
        course = read_form(tmp_path, "unseen19", "2025-customs-singapore-risk-course", form)
        days = [squash(u.key) for u in course.meetings if u.kind == "day"]
        assert [d[:4] for d in days] == [f"Day{n}" for n in range(1, 9)], form
        assert not [e for e in course.outline if e.style == "english"], form
        conference = read_form(tmp_path, "unseen19", "2025-osha-aposho39-kl-conference", form)
        assert [squash(e.heading.text) for e in conference.outline][:6] == [
            "(A)前言", "1)目的", "2)行程", "(B)大會概況", "1)會議地點及規模", "2)研討會架構"], form


# Clauses of English items, in lowercase but for the first word (a name the
# wrap put at a line's start would show nothing of the sentence going on).
CLAUSES = [
    "the border is treated as a continuum that starts before the traveller boards",
    "its use of passenger data and its advice not to board move the decision away",
    "performance of automated gates is managed through daily measures of false rejection",
    "lighting and cameras are checked before thresholds are touched",
    "the separation of victim support from cooperation with investigators helps victims",
    "officers at the counter refer travellers to the secondary line with an interpreter",
]


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "300")) // 3, deadline=None)
@given(st.lists(st.lists(st.sampled_from(CLAUSES), min_size=1, max_size=3, unique=True),
                min_size=2, max_size=5),
       st.sampled_from([(68, 0.85), (72, 0.9), (60, 0.8), (64, 1.0)]),
       st.sampled_from([0.7, 0.8, 0.9]))
def test_english_items_wrapped_narrower_than_the_measure_read_whole(items, measure, share):
    # A list of English items, a paragraph a line, wrapped by a page narrower
    # than the measure the reader found (the other paragraphs' wider wrap):
    # each item whole, and none of its lines a heading's.
    columns, narrow = measure
    texts = [f"{n}. " + ", and ".join(clauses).capitalize() + "."
             for n, clauses in enumerate(items, start=1)]
    lines = [Line(t) for text in texts for t in wrap(text, round(columns / narrow * share))]
    wrap_at = Wrap(columns, narrow)
    blocks = assemble_blocks(lines, wrap_at)
    assert [(b.kind, b.text) for b in blocks] == [("list_item", t) for t in texts]
    context = LineContext(lines, wrap_at)
    for context.at, line in enumerate(lines):
        after = lines[context.at + 1] if context.at + 1 < len(lines) else None
        if after is not None and after.text[:1].islower() and context.full_line(line):
            assert not context.line_stops(line), line.text
