"""The parser's fast paths give what the slow ones gave: each against its
reference over generated text, and the memos of a report's lines."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report
from rsearch.corpus.datelines import day_line, may_start_a_date, read_day_line
from rsearch.corpus.glossary import (
    _ONE_CHAR_FOLD,
    DETERMINERS,
    GENERIC_NOUNS,
    names_one_thing,
)
from rsearch.corpus.headings import match_heading
from rsearch.indexer.analysis import fold_char

# Characters that start dates and headings in every width and spelling, that
# fold or compose under NFKC (①, ¨ and a combining mark, ㈠, Ⅱ), white space
# of every kind, and the words of dates.
DATE_CHARS = ("0123456789０１２３４５６７８９①⑫㈠Ⅱ〇零一二三四五六七八九十百中華民國年月日"
              "星期()（）/.-～至 \u3000\t\u00a0\u00a8\u0301\u2002ab、：第天")
date_lines = st.text(alphabet=DATE_CHARS, max_size=24)


@settings(max_examples=400)
@given(date_lines)
@example("一一二年八月七日（星期一）參訪")
@example("\u00a0２０２３年8月7日")
@example("①")
@example("")
def test_a_line_told_by_its_first_character_has_no_date(text):
    assert day_line(text) == read_day_line(text)
    if not may_start_a_date(text):
        assert read_day_line(text) is None


@given(st.text(alphabet="".join(GENERIC_NOUNS | DETERMINERS) + "關務署優質企業單一窗口",
               max_size=14))
def test_category_nouns_are_looked_for_at_every_ending_that_can_hold_one(chinese):
    brute = not any(chinese[i:] in GENERIC_NOUNS and chinese[:i] in DETERMINERS
                    for i in range(len(chinese)))
    assert names_one_thing(chinese) == brute


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2ffff,
                                      exclude_categories=("Cs",)), max_size=30))
@example("臺灣關務署ｱＡ㈠")
def test_a_run_folds_for_the_segmenter_character_for_character(run):
    slow = "".join(f if len(f := fold_char(c)) == 1 else c for c in run)
    assert run.translate(_ONE_CHAR_FOLD) == slow


def test_a_report_parse_forgets_the_lines_of_the_report_before():
    first, second = "壹、目的\n\n本次出國參加會議。\n", "一、前言\n\n說明。\n"
    parse_report(second, "b")
    alone = match_heading.cache_info().currsize
    assert alone > 0
    parse_report(first, "a")
    parse_report(second, "b")
    assert match_heading.cache_info().currsize == alone
    assert match_heading("壹、目的") == match_heading.__wrapped__("壹、目的")


@given(st.text(alphabet=st.characters(max_codepoint=0x3100, exclude_categories=("Cs",)),
               max_size=40))
@example("a\u3000b\u00a0c\u2028d\x1ce\x85f")
def test_a_text_is_bared_of_what_whitespace_patterns_match(text):
    import re

    from rsearch.corpus.identity import _bare

    assert _bare(text) == re.sub(r"\s+", "", text).encode("utf-8")


def despaced_as_it_was(text: str) -> str:
    """cleanup.despace's rule, written the slow way: Chinese characters
    counted before the spaces between them."""
    from rsearch.corpus.cleanup import CJK_CHAR_RE, SPACED_CJK_RE

    chars = CJK_CHAR_RE.findall(text)
    if " " in text and len(chars) >= 3 \
            and len(SPACED_CJK_RE.findall(text)) >= 0.8 * (len(chars) - 1):
        return SPACED_CJK_RE.sub("", text)
    return text


@settings(max_examples=400)
@given(st.text(alphabet="委託研究計畫ab1 \u3000、。", max_size=30))
@example("委 託 研 究")
@example("委 託研究")
@example("委 託 研究計畫")
def test_a_line_is_despaced_as_the_rule_says(text):
    from rsearch.corpus.cleanup import despace
    from rsearch.corpus.formats.model import Line

    assert despace(Line(text)).text == despaced_as_it_was(text)


def test_a_run_s_words_are_remembered_for_one_report_and_given_as_a_new_list():
    from rsearch.corpus.glossary import _segment, segment

    words = segment("建立單一窗口")
    words.append(("x", "x"))  # a caller's list is its own
    assert segment("建立單一窗口") == list(_segment.__wrapped__("建立單一窗口"))
    parse_report("一、前言\n\n說明。\n", "b")
    assert _segment.cache_info().currsize == 0


# White space of every kind a line may start with, and text after it.
INDENTS = st.text(alphabet=" \t\u3000\u00a0\u2002\u3000", max_size=12)


@given(INDENTS, st.sampled_from(["", "本次會議", "1. Introduction", "\u3000"]))
@example("\t\u3000 ", "一、前言")
def test_a_line_indent_counts_as_the_character_by_character_sum(head, rest):
    from rsearch.corpus.formats.text import indent_of

    line = head + rest
    lead = line[:len(line) - len(line.lstrip())]
    assert indent_of(line) == sum(2 if c == "\u3000" else 4 if c == "\t" else 1 for c in lead)


# Running titles, gaps and numbers in every width, and lines ending otherwise.
PAGE_LINE_CHARS = ("出國報告第頁共/-－ \u3000\t0123456789０１２３４５６７８９①Ⅱ"
                   "ivxPage.。，\u00a0\u2002ab")


@settings(max_examples=400)
@given(st.text(alphabet=PAGE_LINE_CHARS, max_size=30))
@example("台灣電力公司出國報告\u3000\u3000\u3000\u3000１２\u3000")
@example("出國報告    7 \u00a0")
@example("出國報告    7①")
def test_a_bare_page_number_after_a_title_is_looked_for_only_where_it_can_be(text):
    from rsearch.corpus.page_numbers import TITLED_BARE_RE

    # page_form tries the pattern only on a line whose last character that
    # is not white space is a digit: no other line can match it.
    if not text.rstrip()[-1:].isdecimal():
        assert TITLED_BARE_RE.match(text) is None


# What a contents page's column header is made of, the characters NFKC makes
# those of (⾴ the radical, Ｐ the full width, ㏘ p.m.), white space of every
# kind and marks that compose.
COLUMN_CHARS = ("章節項目內容標題次錄頁碼數pPaAgGeEsSＰａｇｅ⾴㏘㍱ſ "
                "\u3000\t\u00a0\u00a8\u0301\u0308ab1")


@settings(max_examples=400)
@given(st.text(alphabet=COLUMN_CHARS, max_size=8))
@example("\u3000⾴次")
@example("\u00a0Ｐａｇｅｓ")
@example("\u00a8頁次")
@example("")
def test_a_line_that_cannot_start_a_column_header_is_not_squashed_to_look(text):
    from rsearch.corpus.contents import PAGE_COLUMN_RE, may_head_column, squash

    if PAGE_COLUMN_RE.match(squash(text)):
        assert may_head_column(text)


def test_a_column_header_is_told_from_its_first_kept_character():
    from rsearch.corpus.contents import column_header, may_head_column

    assert may_head_column(" \u3000⾴碼") and may_head_column("Ｐａｇｅ")
    assert not may_head_column("一、前言") and not may_head_column(" \u3000")
    lines = ["⾴次", "", "壹、前言 ........ 1"]
    assert column_header(lines, 0)
    assert not column_header(["參訪頁次", "", "壹、前言 ........ 1"], 0)


def test_the_memos_of_a_line_answer_as_the_rule_does():
    from rsearch.corpus.agenda import is_agenda_line
    from rsearch.corpus.contents import squash
    from rsearch.corpus.numbering import left_open
    from rsearch.corpus.tables import is_rule
    from rsearch.corpus.units import bare

    for memo, line in ((squash, " 目\u3000錄 "), (is_rule, "─────"),
                       (left_open, "（一）會議（"), (bare, "第一場次（主持人：王大明）"),
                       (is_agenda_line, "09:00-10:00 開幕式")):
        assert memo(line) == memo.__wrapped__(line) == memo(line)
        assert memo.cache_info().hits >= 1


# Brackets of both widths, Latin letters, Chinese, white space of every kind.
DEFINITION_CHARS = "()（）ABCsw單一窗口優質企業 \u3000\t\u00a0,，、"


@settings(max_examples=400)
@given(st.text(alphabet=DEFINITION_CHARS, max_size=30))
@example("單一窗口（\u3000Single Window）")
@example("優質企業 (AEO)")
@example("(（ A")
def test_a_text_with_no_bracket_a_latin_letter_opens_defines_nothing(text):
    from rsearch.corpus.glossary import (
        CHINESE_DEFINITION_RE,
        DEFINING_BRACKET_RE,
        LATIN_DEFINITION_RE,
    )

    # definitions() looks no further where the first pattern finds nothing.
    if DEFINING_BRACKET_RE.search(text) is None:
        assert CHINESE_DEFINITION_RE.search(text) is None
        assert LATIN_DEFINITION_RE.search(text) is None


def test_a_line_s_cells_are_remembered_and_each_caller_gets_its_own():
    from rsearch.corpus.formats.model import Line
    from rsearch.corpus.tables import _cells_of, split_cells

    line = Line("日期\u3000\u3000地點\u3000\u3000議程", indent=2)
    first = split_cells(line)
    first.texts[0] = "changed"  # a caller joins a wrapped row's pieces into its cells
    again = split_cells(line)
    assert again == _cells_of.__wrapped__(line.text, line.indent)
    assert again.texts == ["日期", "地點", "議程"] and again.starts == [2, 10, 18]
    assert _cells_of.cache_info().hits >= 1
    assert split_cells(Line("本次會議")) is None


def test_a_text_with_no_second_wrap_keeps_its_lines_and_its_width():
    from rsearch.corpus.formats.model import Line
    from rsearch.corpus.paragraphs import wrap_width
    from rsearch.corpus.rewrap import unwrap_twice

    lines = [Line("本次會議討論各國海關推動單一窗口之進展與挑戰，並分享我國經驗。")] * 12
    assert unwrap_twice(lines, wrap_width(lines)) is lines
