"""BM25's length normalization has a floor: a table row, a caption or a list
of speakers that mentions a term once in a few characters does not outrank a
paragraph that discusses it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rsearch.indexer import ReportIndex, build_index
from rsearch.indexer.retrieval.ranking import AVERAGE_LENGTH, MIN_LENGTH, saturate


@given(st.integers(1, 20_000), st.integers(1, 20_000))
def test_shortness_earns_nothing_below_the_floor(a, b):
    # A shorter passage never scores lower; below the floor, no higher either.
    short, long = sorted((a, b))
    assert saturate(1, short) >= saturate(1, long)
    if long <= MIN_LENGTH:
        assert saturate(1, short) == saturate(1, long)


def test_one_mention_never_beats_two_in_a_typical_paragraph():
    # However short the passage that mentions a term once.
    assert max(saturate(1, n) for n in range(1, 200)) < saturate(2, AVERAGE_LENGTH)
    assert max(saturate(1, n) for n in range(1, 200)) < saturate(3, 2 * AVERAGE_LENGTH)


REPORT = """出席國際實驗室認證研討會出國報告

服務機關：經濟部標準檢驗局
出國期間：民國 113 年 5 月 6 日至 5 月 10 日

壹、會議過程

一、議程

能力試驗：林科長

二、討論

各國認證機構說明能力試驗之設計方式，包括樣品均勻性與穩定性之評估、指定值之決定方法及參加實驗室
結果之統計評估，並強調實驗室應依能力試驗結果採取矯正措施，以維持檢驗數據之可信度與國際相互承認。

三、其他

與會者交流實驗室管理系統之導入經驗，並說明文件管制、內部稽核及管理審查等要求之實務作法。
"""


def test_a_short_row_does_not_outrank_the_paragraph_that_discusses_it(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    build_index(tmp_path / "index", [report], workers=0)
    with ReportIndex(tmp_path / "index") as ix:
        hits = ix.search("能力試驗", limit=5)
    assert [h.text[:6] for h in hits] == ["各國認證機構", "能力試驗：林"]


LIST_REPORT = """出席國際實驗室認證研討會出國報告

服務機關：經濟部標準檢驗局
出國期間：民國 113 年 5 月 6 日至 5 月 10 日

壹、會議過程

一、討論

各國認證機構說明能力試驗之設計方式與評估方法，並強調實驗室應依試驗結果採取矯正措施，以維持檢驗數據之可信度及國際間之相互承認與信任，並分享實務經驗。

二、建議

1. 建議本局持續參加能力試驗，並公布參加實驗室之結果。
"""


def test_a_list_item_below_the_floor_ties_with_a_short_paragraph(tmp_path):
    # A list item of 23 index terms and a paragraph of 69 that each mention the
    # term once score alike (both below the floor), so place orders them: the
    # paragraph that discusses the term first. Under half the mean the item's
    # shortness put it first.
    report = tmp_path / "report.txt"
    report.write_text(LIST_REPORT, encoding="utf-8")
    build_index(tmp_path / "index", [report], workers=0)
    with ReportIndex(tmp_path / "index") as ix:
        hits = ix.search("能力試驗", limit=5)
    assert [h.text[:6] for h in hits] == ["各國認證機構", "1. 建議本"]
    assert hits[0].score == hits[1].score
    assert MIN_LENGTH == 72
