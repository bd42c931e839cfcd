"""Reports in layouts no earlier fixture has (tests/fixtures/unseen3): an
internship report with its travellers in an ASCII box table, `‧` leaders,
bilingual part titles (實習過程 Programme), A./1) numbering, indent-only
hard-wrapped paragraphs cut by running headers and `- n -`, Appendix 1/2;
bilateral labour talks with one line per paragraph and no blank lines, tab
leaders, the 提要 form after the contents, (I)/(II) agenda items under 會談紀要
and 附件甲/乙/丙; a degree study with 第一章/第一節, `．` leaders, courses under
修習課程 with English subtitles, blank-line paragraphs cut by a lone page number,
a form feed and a running header that is not the title, and [n] end notes."""

from rsearch.corpus import parse_report


def test_a_field_label_alone_ends_the_cover_title():
    """出國人員 on its own line, its table below, with no blank line before it."""
    text = ("衛生福利部疾病管制署\n公務出國報告\n赴澳洲實習流感病毒\n抗原分析報告\n出國人員\n"
            "| 姓名 | 職稱 |\n| 郭佳穎 | 副研究員 |\n報告日期：2025.5.16\n\n"
            "一、目的\n\n瞭解作業。\n")
    assert parse_report(text, "k").title == "赴澳洲實習流感病毒抗原分析報告"
