"""The glossary's fields beside trade and customs (health, immigration,
standards, transport, agriculture, labour, environment, laboratory), audited
as customs.tsv was: a name is one term's in every file (the same English
name, acronym or Chinese name is not in two lines), a name that means two
things stays with one of them, an agency is named as Taiwan's ministries
write it, before and after a reorganisation (農業部 since 2023 beside
行政院農業委員會 before it), beside the paraphrases officials write, and a
search by one name finds a report that writes only another."""

from __future__ import annotations

from pathlib import Path

import pytest
from rsearch.indexer.analysis.glossary import BUNDLED, folded_terms

from .glossary_checks import assert_apart, assert_reach_both_ways, found_reports, texts_index

GLOSSARY = Path(__file__).resolve().parent.parent / "indexer" / "analysis" / "data" / "glossary"
AUDITED = ["health", "immigration", "standards", "transport", "agriculture", "labour",
           "environment", "laboratory"]

# (field, a name, names it must reach both ways)
TERMS = [
    ("health", "衛生福利部", ["MOHW", "Ministry of Health and Welfare", "衛福部", "行政院衛生署",
                         "衛生署", "Department of Health"]),
    ("health", "疾病管制署", ["Taiwan CDC", "疾管署", "疾病管制局", "疾管局"]),
    ("health", "食品藥物管理署", ["TFDA", "食藥署", "食品藥物管理局", "衛生福利部食品藥物管理署"]),
    ("health", "中央健康保險署", ["NHIA", "健保署", "中央健康保險局", "健保局"]),
    ("health", "國民健康署", ["HPA", "國健署", "國民健康局"]),
    ("immigration", "移民署", ["NIA", "內政部移民署", "入出國及移民署"]),
    ("immigration", "海巡署", ["CGA", "海洋委員會海巡署", "行政院海岸巡防署"]),
    ("standards", "CNS", ["Chinese National Standards", "中華民國國家標準", "中國國家標準"]),
    ("standards", "ISO 14001", ["環境管理系統", "Environmental management system"]),
    ("transport", "交通部民用航空局", ["CAA", "民航局", "Civil Aeronautics Administration"]),
    ("transport", "機場", ["Airport", "Aerodrome", "航空站"]),
    ("transport", "台鐵", ["TRA", "臺灣鐵路管理局", "國營臺灣鐵路股份有限公司"]),
    ("agriculture", "農業部", ["MOA", "Ministry of Agriculture", "行政院農業委員會", "農委會",
                           "COA", "Council of Agriculture"]),
    ("agriculture", "林業及自然保育署", ["林務局", "Forestry Bureau"]),
    ("agriculture", "獸醫研究所", ["家畜衛生試驗所", "畜衛所"]),
    ("agriculture", "動植物防疫檢疫署", ["防檢署", "動植物防疫檢疫局", "防檢局", "BAPHIQ"]),
    ("agriculture", "糧食自給率", ["Food self-sufficiency ratio", "Food self-sufficiency"]),
    ("labour", "勞動部", ["MOL", "Ministry of Labor", "行政院勞工委員會", "勞委會"]),
    ("labour", "職業安全衛生署", ["職安署", "OSHA Taiwan"]),
    ("labour", "勞動力發展署", ["WDA", "勞發署", "職業訓練局", "職訓局"]),
    ("environment", "環境部", ["MOENV", "Ministry of Environment", "行政院環境保護署", "環保署",
                           "EPA"]),
    ("environment", "化學物質管理署", ["化學署", "毒物及化學物質局", "毒化局"]),
    ("environment", "國家環境研究院", ["環境檢驗所", "環檢所"]),
    ("environment", "排放許可", ["Emission permits", "Pollution discharge permits", "排放許可證"]),
    ("laboratory", "回收率", ["Recovery rate"]),
    ("laboratory", "ISO/IEC 17025", ["ISO 17025", "測試與校正實驗室能力一般要求"]),
]

# (field, two names that mean different things: neither reaches the other)
APART = [
    ("health", "US CDC", "疾病管制署"),
    ("health", "FDA", "食品藥物管理署"),
    ("immigration", "安全檢查", "勞動安全檢查"),
    ("immigration", "Removal", "驅逐出國"),
    ("immigration", "Integration", "移民融合"),
    ("standards", "中國國家標準", "GB 標準"),
    ("standards", "檢查", "度量衡器檢查"),
    ("transport", "航空站", "Airport operations"),
    ("agriculture", "糧食安全", "糧食自給率"),
    ("labour", "外送員", "平台工作者"),
    ("labour", "US OSHA", "職業安全衛生署"),
    ("environment", "回收率", "資源回收率"),
    ("environment", "US EPA", "環境部"),
    ("laboratory", "Recovery", "回收率"),
]


@pytest.mark.parametrize("field, name, others", TERMS, ids=[f"{t[0]}-{t[1]}" for t in TERMS])
def test_a_term_s_names_reach_one_another_both_ways(field, name, others):
    assert_reach_both_ways(name, others)


@pytest.mark.parametrize("field, name, other", APART, ids=[f"{t[0]}-{t[1]}" for t in APART])
def test_names_of_two_meanings_stay_apart(field, name, other):
    assert_apart(name, other)


@pytest.mark.parametrize("field", AUDITED)
def test_a_name_is_one_term_s_across_the_files(field):
    """No name of the field's file is another line's too, in any file (the
    same English name, acronym or Chinese name in two groups)."""
    texts = [(BUNDLED, path.read_text("utf-8")) for path in sorted(GLOSSARY.glob("*.tsv"))]
    by_key = folded_terms(texts)
    own = folded_terms([(BUNDLED, (GLOSSARY / f"{field}.tsv").read_text("utf-8"))])
    shared = {key: [t.names[0] for t in by_key[key]] for key in own if len(by_key[key]) > 1}
    assert shared == {}


def report(title: str, part: str, sentence: str) -> str:
    return f"{title}\n\n壹、{part}\n\n{sentence}\n"


REPORTS = {
    "health-before": report("出席世界衛生大會出國報告", "會議紀要",
                            "行政院衛生署疾病管制局報告我國防疫經驗。"),
    "agriculture-before": report("赴日本考察農業出國報告", "考察過程",
                                 "行政院農業委員會動植物防疫檢疫局派員說明輸出檢疫程序。"),
    "environment-after": report("出席氣候變化綱要公約締約方大會出國報告", "會議紀要",
                                "環境部說明我國淨零排放路徑。"),
    "labour-before": report("赴德國考察職業訓練出國報告", "考察過程",
                            "勞委會職訓局介紹技能檢定制度。"),
    "immigration-before": report("赴美國考察移民業務出國報告", "考察過程",
                                 "內政部入出國及移民署說明國境線上查驗作業。"),
    "immigration-screening": report("赴新加坡考察機場出國報告", "考察過程",
                                    "樟宜機場說明旅客及行李安全檢查之流程。"),
    "labour-delivery": report("赴荷蘭考察勞動政策出國報告", "考察過程",
                              "荷蘭說明外送員之職業災害保險。"),
    "transport-aerodrome": report("出席國際民航組織研討會出國報告", "研討會紀要",
                                  "講者說明 aerodrome certification 與跑道安全之關聯。"),
    "standards-cns": report("赴日本考察標準制度出國報告", "考察過程",
                            "雙方交流中國國家標準與日本工業規格之調和。"),
    "laboratory-recovery": report("赴美國研習食品檢驗出國報告", "研習過程",
                                  "課程講解添加標準品之回收率計算。"),
}
domain_index = texts_index(REPORTS)


@pytest.mark.parametrize("query, report", [
    ("衛生福利部", "health-before"),
    ("疾病管制署", "health-before"),
    ("農業部", "agriculture-before"),
    ("防檢署", "agriculture-before"),
    ("行政院環境保護署", "environment-after"),
    ("勞動部", "labour-before"),
    ("勞動力發展署", "labour-before"),
    ("移民署", "immigration-before"),
    ("機場", "transport-aerodrome"),
    ("CNS", "standards-cns"),
    ("Recovery rate", "laboratory-recovery"),
])
def test_a_search_by_one_name_finds_a_report_that_writes_another(domain_index, query, report):
    assert report in found_reports(domain_index, query)


@pytest.mark.parametrize("query, report", [
    ("Recycling rate", "laboratory-recovery"),
    ("Safety inspections", "immigration-screening"),
    ("Platform workers", "labour-delivery"),
])
def test_a_search_for_one_meaning_does_not_find_the_other(domain_index, query, report):
    """(A Chinese name inside another is found in it: 回收率 in 資源回收率.)"""
    assert report not in found_reports(domain_index, query)
