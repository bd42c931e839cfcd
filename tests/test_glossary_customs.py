"""Customs and trade facilitation vocabulary (glossary customs.tsv and
trade.tsv) against the Chinese terms of the WTO Trade Facilitation
Agreement's articles and the WCO's instruments as Taiwan's agencies write
them: each term's acronym, English names, official Chinese term and the
paraphrases officials write beside it reach one another both ways, a name
means one thing (Detention is 扣留, not the seizure 扣押), and a search by one
name finds a report that writes only another."""

from __future__ import annotations

import pytest
from rsearch.indexer.analysis import bundled_glossary, fold_key

from .glossary_checks import assert_apart, assert_reach_both_ways, found_reports, texts_index

# (a name, names it must reach, in both directions)
TERMS = [
    # The Agreement, article by article
    ("Publication and availability of information", ["資訊之公布與取得", "資訊之公布及取得",
                                                     "資訊之公布與可取得性"]),
    ("Information before entry into force", ["生效前之資訊"]),
    ("Advance ruling", ["預先核定", "預先審核", "預先裁定", "Advance rulings"]),
    ("Appeal or review", ["上訴或審查程序", "上訴或覆審", "申訴或覆審"]),
    ("Other measures to enhance impartiality, non-discrimination and transparency",
     ["加強公正性、非歧視性及透明化之其他措施"]),
    ("Fees and charges", ["規費及費用", "進出口規費及費用"]),
    ("Release and clearance of goods", ["放行與通關", "貨物之放行與通關", "貨物放行及通關"]),
    ("Pre-arrival processing", ["抵達前處理", "貨物抵達前之處理", "預先通關"]),
    ("Separation of release from final determination", ["放行與最終核定分離", "先放後稅"]),
    ("PCA", ["Post-clearance audit", "通關後稽核", "事後稽核"]),
    ("Release time", ["Average release time", "平均放行時間", "放行時間"]),
    ("Trade facilitation measures for authorized operators", ["對經認證業者之貿易便捷化措施"]),
    ("Express consignments", ["Expedited shipments", "快遞貨物", "快速貨物"]),
    ("Perishable goods", ["易腐貨物"]),
    ("Use of customs brokers", ["報關人之使用", "使用報關業者"]),
    ("Formalities and documentation requirements", ["手續及文件要求"]),
    ("Detention", ["扣留"]),
    ("Seizure", ["扣押", "查獲"]),
    # The WCO's instruments
    ("Revised Kyoto Convention", ["RKC", "修正版京都公約", "修訂京都公約", "京都公約",
                                  "簡化及調和海關制度國際公約"]),
    ("SAFE Framework", ["SAFE 標準架構", "全球貿易安全與便捷標準架構", "SAFE 架構",
                        "WCO SAFE Framework"]),
    ("AEO", ["優質企業", "Authorized Economic Operator", "經認證業者"]),
    ("MRA", ["相互承認", "相互承認協議", "Mutual Recognition Arrangement"]),
    ("AEO MRA", ["AEO 相互承認", "優質企業相互承認"]),
    ("ISCM", ["Integrated Supply Chain Management", "整合供應鏈管理"]),
    ("PLACI", ["Pre-loading advance cargo information", "裝載前預報貨物資訊"]),
]


@pytest.mark.parametrize("name, others", TERMS, ids=[t[0][:30] for t in TERMS])
def test_a_term_s_names_reach_one_another_both_ways(name, others):
    assert_reach_both_ways(name, others)


def test_detention_is_no_seizure():
    assert_apart("Detention", "扣押")
    assert_apart("Seizure", "扣留")


def test_a_term_is_written_once_across_the_files():
    """Terms named in trade.tsv are not repeated in customs.tsv: one line
    holds each of the Agreement's and the WCO's terms (their names merged)."""
    glossary = bundled_glossary()
    for name in ("Revised Kyoto Convention", "Expedited shipments", "SAFE Framework"):
        assert len(glossary.terms_named(fold_key(name))) == 1, name


REPORTS = {
    "official": "出席世界貿易組織貿易便捷化委員會出國報告\n\n壹、會議紀要\n\n"
                "會員報告預先核定制度之實施情形，並討論貨物之放行與通關及易腐貨物之處理。\n",
    "paraphrase": "赴歐盟考察海關制度出國報告\n\n壹、考察過程\n\n"
                  "比利時海關說明其 Advance rulings 作業，"
                  "以及 SAFE 標準架構與 AEO 相互承認之推動。\n",
    "older": "出席世界關務組織會議出國報告\n\n壹、會議紀要\n\n"
             "秘書處報告修訂京都公約之締約情形。\n",
}


customs_index = texts_index(REPORTS)


@pytest.mark.parametrize("query, report", [
    ("預先審核", "official"),
    ("Advance ruling", "official"),
    ("預先核定", "paraphrase"),
    ("Release and clearance of goods", "official"),
    ("Perishable goods", "official"),
    ("全球貿易安全與便捷標準架構", "paraphrase"),
    ("優質企業相互承認", "paraphrase"),
    ("Revised Kyoto Convention", "older"),
    ("修正版京都公約", "older"),
])
def test_a_search_by_one_name_finds_a_report_that_writes_another(customs_index, query, report):
    assert report in found_reports(customs_index, query)
