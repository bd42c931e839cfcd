"""Port, shipping and power vocabulary of trip reports (glossary transport.tsv
and environment.tsv): each term's acronym, English names, official Chinese
term and the paraphrases beside it expand to one another both ways, and a
search by one finds a report that writes only another."""

from __future__ import annotations

import pytest
from rsearch.indexer.analysis import bundled_glossary, fold_key

from .glossary_checks import assert_reach_both_ways, found_reports, texts_index

# (a name, names it must reach, in both directions)
TERMS = [
    ("OPS", ["Onshore power supply", "Shore power", "Cold ironing", "岸電", "岸上供電",
             "船舶岸電"]),
    ("HVSC", ["High-voltage shore connection", "高壓岸電"]),
    ("ECA", ["Emission Control Area", "排放管制區"]),
    ("SECA", ["Sulphur Emission Control Area", "硫氧化物排放管制區"]),
    ("EEDI", ["Energy Efficiency Design Index", "能源效率設計指數"]),
    ("SEEMP", ["Ship Energy Efficiency Management Plan", "船舶能源效率管理計畫"]),
    ("MEPC", ["Marine Environment Protection Committee", "海洋環境保護委員會"]),
    ("EGCS", ["Scrubber", "廢氣洗滌系統", "洗滌塔"]),
    ("VLSFO", ["Very low sulphur fuel oil", "超低硫燃油"]),
    ("STS crane", ["Quay crane", "岸邊起重機"]),
    ("Reefer", ["Refrigerated container", "冷藏貨櫃"]),
    ("Ro-Ro", ["Roll-on/roll-off ship", "滾裝船"]),
    ("ESS", ["Energy storage", "儲能系統", "儲能"]),
    ("TPC", ["Taipower", "台灣電力公司", "台電"]),
    ("Microgrid", ["微電網"]),
]


@pytest.mark.parametrize("name, others", TERMS, ids=[t[0] for t in TERMS])
def test_a_term_s_names_reach_one_another_both_ways(name, others):
    assert_reach_both_ways(name, others)


def test_the_shore_power_acronym_is_one_thing_everywhere():
    """OPS names onshore power supply and nothing else in the glossary."""
    terms = bundled_glossary().terms_named(fold_key("OPS"))
    assert [t.names[:2] for t in terms] == [("OPS", "Onshore power supply")]


REPORTS = {
    "chinese-only": "赴德國考察港口岸電設施出國報告\n\n壹、考察過程\n\n漢堡港於郵輪碼頭設置岸電，"
                    "船舶靠港期間關閉輔助發電機。\n",
    "english-only": "Report on a visit to the Port of Rotterdam\n\n壹、考察過程\n\n鹿特丹港說明其"
                    "onshore power supply 之建置規劃與費率。\n",
    "scrubbers": "出席國際海事組織會議出國報告\n\n壹、會議紀要\n\n"
                 "會議討論 EGCS 洗滌水排放之管制。\n",
}


port_index = texts_index(REPORTS)


@pytest.mark.parametrize("query, report", [
    ("OPS", "chinese-only"),
    ("OPS", "english-only"),
    ("岸電", "english-only"),
    ("Onshore power supply", "chinese-only"),
    ("洗滌塔", "scrubbers"),
    ("Scrubber", "scrubbers"),
])
def test_a_search_by_one_name_finds_a_report_that_writes_another(port_index, query, report):
    assert report in found_reports(port_index, query)
