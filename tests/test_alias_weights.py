"""Another name of a term weighs ALIAS_WEIGHT of the name typed, less as it
is commoner than that name (retrieval.terms): an acronym defined once and
written nowhere else is searched for the passage that defines it, not for
every passage that names its expansion."""

from __future__ import annotations

import math

import pytest
from rsearch.indexer import ReportIndex, build_index
from rsearch.indexer.retrieval.candidates import Candidates
from rsearch.indexer.retrieval.query import parse_query
from rsearch.indexer.retrieval.ranking import ALIAS_WEIGHT, FULL_MATCH
from rsearch.indexer.retrieval.terms import TermResolver

# TFD is defined once, in a paragraph of some 170 characters; 東京消防廳 is
# written in four short paragraphs besides.
PURPOSE = ("本局為精進大規模災害之指揮調度及市民防災教育，派員赴日本考察東京消防廳"
           "（Tokyo Fire Department, TFD）之綜合指令室、防災教育設施及消防學校，"
           "了解其受理報案、派遣調度、市民防災體驗及新進人員訓練之作法，"
           "並比較我國與日本於災害應變體制、人力配置及資訊系統整合之差異，"
           "作為本局精進相關業務之參考。")
DEFINED_ONCE = f"""赴日本考察都市消防機關出國報告

服務機關：新北市政府消防局
出國期間：民國 114 年 10 月 19 日至 10 月 25 日

壹、考察目的

{PURPOSE}

貳、考察過程

一、綜合指令室

東京消防廳本部位於千代田區大手町，綜合指令室負責東京都之報案受理及派遣。

二、防災館

本所防災館為東京消防廳設置之防災體驗設施，免費開放市民參觀。

三、消防學校

消防學校隸屬東京消防廳，負責新進人員之初任教育及在職訓練。

參、心得

東京消防廳之派遣系統整合地震觀測資料，值得本局參考。
"""


@pytest.fixture(scope="module")
def fire_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fire")
    (folder / "fire.txt").write_text(DEFINED_ONCE, encoding="utf-8")
    build_index(folder / "index", [folder / "fire.txt"], workers=0)
    with ReportIndex(folder / "index") as ix:
        yield ix


def resolved(ix: ReportIndex, query: str):
    candidates = Candidates(ix.searcher, lambda: ix._passage_lengths)
    return TermResolver(ix.searcher, candidates, ix._passage_count).resolve(parse_query(query))


def idf(ix: ReportIndex, df: int) -> float:
    return math.log(1 + (ix._passage_count - df + 0.5) / (df + 0.5))


def test_the_definition_of_an_acronym_ranks_before_its_expansion_named_alone(fire_index):
    # Each short paragraph names 東京消防廳 once; at 0.7 of a mention each
    # outscored the definition's one mention of TFD in 170 characters.
    hits = fire_index.search("TFD", limit=10)
    assert [h.text[:6] for h in hits] == ["本局為精進大", "東京消防廳本", "本所防災館為",
                                          "消防學校隸屬", "東京消防廳之"]


def test_an_alias_commoner_than_the_name_typed_weighs_less(fire_index):
    # TFD: one passage; 東京消防廳: five; Tokyo Fire Department: one.
    term = resolved(fire_index, "TFD")
    weights = {"".join(v.tokens): v.weight for v in term.variants}
    assert term.idf == pytest.approx(idf(fire_index, 1))
    assert weights == {"tfd": 1.0, "tokyofiredepartment": ALIAS_WEIGHT,
                       "东京消防厅": pytest.approx(ALIAS_WEIGHT * idf(fire_index, 5)
                                                   / idf(fire_index, 1))}
    assert weights["东京消防厅"] < ALIAS_WEIGHT


def test_an_alias_rarer_than_the_name_typed_weighs_alias_weight(fire_index):
    term = resolved(fire_index, "東京消防廳")
    weights = {"".join(v.tokens): v.weight for v in term.variants}
    assert weights == {"东京消防厅": 1.0, "tfd": ALIAS_WEIGHT, "tokyofiredepartment": ALIAS_WEIGHT}
    # The five passages that write it match it whole (the cover holds parts).
    hits = fire_index.search("東京消防廳", limit=10)
    assert [h.score >= FULL_MATCH for h in hits] == [True] * 5 + [False]


@pytest.mark.parametrize("query", ["AEO", "PNR", "ABAC", "WCO", "單一窗口", "電子商務",
                                   "Single Window", "e-commerce", "優質企業"])
def test_alias_weights_are_those_of_every_names_count(index, query):
    # An alias is counted only where the passages holding its rarest index
    # term outnumber the name typed's: the weights are those every count gives.
    candidates = Candidates(index.searcher, lambda: index._passage_lengths)
    names = TermResolver(index.searcher, candidates, index._passage_count)
    term = names.resolve(names.merge_names(parse_query(query)))  # Single Window: one name
    assert len(term.variants) > 1
    typed = idf(index, candidates.document_frequency(term.variants[0].tokens))
    assert term.idf == pytest.approx(typed)
    for v in term.variants[1:]:
        own = idf(index, candidates.document_frequency(v.tokens))
        assert v.weight == pytest.approx(ALIAS_WEIGHT * min(1.0, own / typed))
