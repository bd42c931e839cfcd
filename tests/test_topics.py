"""A topic holds every passage that names it by any of its names."""

import pytest
from rsearch.corpus import Passage, Report, Topic
from rsearch.corpus.topics import assign_topics, widen_topics
from rsearch.indexer import ReportIndex, build_index


@pytest.mark.parametrize("text, found", [
    ("推動 Single Window 計畫。", True),
    ("推動 single-window 計畫。", True),
    ("推動 SingleWindow 計畫。", True),
    ("推動ＳＩＮＧＬＥ　ＷＩＮＤＯＷ計畫。", True),
    ("推動單一窗口計畫。", True),
    ("推動 single windows 計畫。", False),
    ("推動 a single 窗口。", False),
])
def test_a_passage_names_a_topic_in_any_spelling_of_its_names(text, found):
    report = Report(key="r", topics=[Topic("Single Window", ["Single Window", "單一窗口"])])
    report.passages = [Passage("r", 1, text, (), 1)]
    assign_topics(report)
    assert report.passages[0].topics == (["Single Window"] if found else [])


def test_a_topic_holds_passages_that_name_it_by_another_known_name():
    report = Report(key="r", topics=[Topic("IPR", ["IPR", "智慧財產權"])])
    report.passages = [Passage("r", 1, "各國討論 intellectual property rights 之執法。", (), 1),
                       Passage("r", 2, "各國討論海關風險管理。", (), 2)]
    assign_topics(report)
    assert [p.topics for p in report.passages] == [[], []]
    widen_topics(report, lambda name: ["Intellectual Property Rights"] if name == "IPR" else [])
    assert [p.topics for p in report.passages] == [["IPR"], []]
    assert report.topics[0].names == ["IPR", "智慧財產權"]  # the report's own names


REPORT = """出國報告名稱：出席智慧財產權邊境執法會議報告
關鍵詞：IPR

壹、會議紀要

一、執法合作

各國討論 Intellectual Property Rights 之邊境執法合作。

二、其他事項

各國討論邊境風險管理之執法工具。
"""


def test_a_topic_filter_keeps_passages_that_name_it_by_a_glossary_name(tmp_path):
    path = tmp_path / "ipr.txt"
    path.write_text(REPORT, encoding="utf-8")
    build_index(tmp_path / "index", [path], workers=0)
    with ReportIndex(tmp_path / "index") as ix:
        hits = ix.search("執法", topic="IPR", limit=20)
        texts = [h.text for h in hits]
        assert "各國討論 Intellectual Property Rights 之邊境執法合作。" in texts
        assert "各國討論邊境風險管理之執法工具。" not in texts
