"""The glossary against the WTO Trade Facilitation Agreement's articles, the
WCO's instruments and laboratory and food-safety vocabulary: every name of a
term (the English name, the acronym, the Chinese term Taiwan's texts use and
the paraphrases officials write beside it) is one term's and leads to the
others both ways; a search through the command line by a Chinese name finds
a report that writes only the acronym, and the reverse; a topic filter by
one name keeps the passages that name the topic by another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rsearch.cli.main import cli
from rsearch.indexer import build_index
from rsearch.indexer.analysis import bundled_glossary, fold_key
from rsearch.indexer.analysis.glossary import BUNDLED, folded_terms

from .glossary_checks import assert_apart, assert_reach_both_ways

GLOSSARY = Path(__file__).resolve().parent.parent / "indexer" / "analysis" / "data" / "glossary"

# (English name, acronym or None, Chinese names): the Agreement, article by article.
TFA = [
    ("Trade Facilitation Agreement", "TFA", ["貿易便捷化協定", "貿易便捷協定"]),
    ("Publication and availability of information", None,
     ["資訊之公布與可取得性", "資訊之公布及可取得性", "資訊之公布與提供", "資訊之公布與取得"]),
    ("Enquiry points", None, ["查詢點"]),
    ("Opportunity to comment", None, ["評論之機會"]),
    ("Information before entry into force", None, ["生效前之資訊"]),
    ("Advance ruling", None, ["預先核定", "預先審核", "預審制度"]),
    ("Advance ruling on valuation", None, ["估價預先審核"]),
    ("Appeal or review", None, ["上訴或審查程序"]),
    ("Other measures to enhance impartiality, non-discrimination and transparency", None,
     ["加強公正性、非歧視性及透明化之其他措施"]),
    ("Fees and charges", None, ["進出口規費及費用"]),
    ("Release and clearance of goods", None, ["貨物之放行與通關", "放行與通關"]),
    ("Pre-arrival processing", None, ["抵達前之處理", "抵達前處理"]),
    ("Electronic payment", None, ["電子付款", "電子支付"]),
    ("Separation of release from final determination", None, ["放行與最終核定分離"]),
    ("Risk management", None, ["風險管理"]),
    ("Post-clearance audit", "PCA", ["通關後稽核", "事後稽核"]),
    ("Average release time", None, ["平均放行時間"]),
    ("Trade facilitation measures for authorized operators", None,
     ["對經認證業者之貿易便捷化措施", "優質企業之貿易便捷化措施"]),
    ("Authorized Economic Operator", "AEO", ["優質企業", "授權經濟營運者", "經認證業者"]),
    ("Express consignments", None, ["快遞貨物"]),
    ("Perishable goods", None, ["易腐貨物"]),
    ("Border agency cooperation", None, ["邊境機關合作"]),
    ("Movement of goods intended for import under customs control", None,
     ["受海關監管之進口貨物之移動", "海關監管下貨物之移動"]),
    ("Formalities and documentation requirements", None, ["手續及文件要求"]),
    ("Acceptance of copies", None, ["接受副本"]),
    ("Use of international standards", None, ["使用國際標準"]),
    ("Single Window", "SW", ["單一窗口"]),
    ("Preshipment inspection", "PSI", ["裝運前檢驗"]),
    ("Use of customs brokers", None, ["報關人之使用"]),
    ("Common border procedures", None, ["共同邊境程序"]),
    ("Rejected goods", None, ["被拒貨物"]),
    ("Temporary admission", None, ["暫准通關"]),
    ("Freedom of transit", None, ["過境自由", "轉運自由"]),
    ("Transshipment", None, ["轉運"]),
    ("Customs cooperation", None, ["海關合作", "關務合作"]),
    ("Special and differential treatment", "S&DT", ["特殊與差別待遇", "特殊暨差別待遇"]),
    ("Technical assistance", "TACB", ["技術協助", "能力建構"]),
    ("Committee on Trade Facilitation", None, ["貿易便捷化委員會"]),
    ("National Trade Facilitation Committee", "NTFC", ["國家貿易便捷化委員會"]),
]

# The WCO's instruments and bodies.
WCO = [
    ("World Customs Organization", "WCO", ["世界關務組織", "世界海關組織"]),
    ("Customs Co-operation Council", "CCC", ["關務合作理事會", "關稅合作理事會"]),
    ("Revised Kyoto Convention", "RKC",
     ["修正版京都公約", "京都公約修正案", "修訂京都公約", "關務程序簡化與調和國際公約"]),
    ("SAFE Framework of Standards", "SAFE Framework",
     ["全球貿易安全與便捷標準架構", "全球貿易安全與便捷化標準架構", "SAFE 標準架構"]),
    ("Harmonized System", "HS", ["國際商品統一分類制度", "調和制度"]),
    ("HS Convention", None, ["國際商品統一分類制度公約"]),
    ("ATA Convention", None, ["ATA 公約", "貨品暫准通關公約"]),
    ("ATA Carnet", None, ["ATA 暫准通關證", "暫准通關證", "貨品暫准通關證"]),
    ("Istanbul Convention", None, ["伊斯坦堡公約", "暫准通關公約"]),
    ("WCO Data Model", None, ["WCO 資料模型", "世界關務組織資料模型"]),
    ("Time Release Study", "TRS", ["放行時間研究", "通關時間研究", "時間釋放研究"]),
    ("Customs valuation", None, ["關稅估價", "海關估價"]),
    ("Agreement on Customs Valuation", None, ["關稅估價協定"]),
    ("Rules of origin", "ROO", ["原產地規則", "原產地規定"]),
    ("Mutual Recognition Arrangement", "MRA", ["相互承認協議", "相互承認"]),
    ("AEO mutual recognition", "AEO MRA", ["優質企業相互承認", "AEO 相互承認"]),
    ("Integrated Supply Chain Management", "ISCM", ["整合供應鏈管理"]),
    ("Pre-loading advance cargo information", "PLACI", ["裝載前預報貨物資訊"]),
    ("Advance cargo information", "ACI", ["預報貨物資訊", "艙單預報"]),
    ("Economic Competitiveness Package", "ECP", ["經濟競爭力套件"]),
    ("TIR Convention", "TIR", ["TIR 公約"]),
    ("Immediate Release Guidelines", None, ["立即放行指南"]),
    ("Coordinated Border Management", "CBM", ["協同邊境管理"]),
]

# Laboratories and food safety.
LABORATORY = [
    ("General requirements for the competence of testing and calibration laboratories",
     "ISO/IEC 17025", ["測試與校正實驗室能力一般要求", "CNS 17025"]),
    ("Reference material producer", "RMP", ["參考物質生產機構"]),
    ("Proficiency testing", "PT", ["能力試驗", "能力驗證"]),
    ("Measurement uncertainty", None, ["量測不確定度", "測量不確定度"]),
    ("Reference material", "RM", ["參考物質", "標準物質"]),
    ("Certified reference material", "CRM", ["驗證參考物質", "認證參考物質"]),
    ("Laboratory accreditation", None, ["實驗室認證", "實驗室認可"]),
    ("Taiwan Accreditation Foundation", "TAF", ["全國認證基金會"]),
    ("Good Laboratory Practice", "GLP", ["優良實驗室操作規範", "良好實驗室規範"]),
    ("Hazard Analysis and Critical Control Point", "HACCP",
     ["危害分析重要管制點", "食品安全管制系統"]),
    ("Maximum Residue Limit", "MRL", ["最大殘留容許量", "殘留容許量", "最大殘留限量"]),
    ("Food additives", None, ["食品添加物", "食品添加劑"]),
    ("Rapid Alert System for Food and Feed", "RASFF",
     ["歐盟食品及飼料快速警示系統", "食品及飼料快速預警系統"]),
    ("Codex Alimentarius", "Codex", ["國際食品法典", "食品法典"]),
    ("Codex Alimentarius Commission", "CAC", ["國際食品法典委員會", "食品法典委員會"]),
    ("Food Safety Modernization Act", "FSMA", ["食品安全現代化法"]),
]

ALL = TFA + WCO + LABORATORY


def the_term(name: str):
    """The one term a name belongs to."""
    terms = bundled_glossary().terms_named(fold_key(name))
    assert len(terms) == 1, (name, [t.names for t in terms])
    return terms[0]


@pytest.mark.parametrize("english, acronym, chinese", ALL, ids=[t[0][:40] for t in ALL])
def test_every_name_is_one_term_s(english, acronym, chinese):
    names = [english, *([acronym] if acronym else []), *chinese]
    term = the_term(english)
    assert [the_term(n) for n in names] == [term] * len(names)


@pytest.mark.parametrize("english, acronym, chinese", ALL, ids=[t[0][:40] for t in ALL])
def test_a_chinese_name_leads_to_the_english_name_and_acronym_and_back(english, acronym, chinese):
    latin = [english, *([acronym] if acronym else [])]
    for name in chinese:
        assert_reach_both_ways(name, latin)
    for name in latin:
        assert_reach_both_ways(name, chinese)


# (two names of different things: neither leads to the other)
APART = [
    ("Enforcement Committee", "ECP"),  # the WCO's is the EC; ECP is a package
    ("報單", "進口報單"),  # a customs declaration, and an import declaration
    ("進口報單", "出口報單"),
    ("Container yard", "貨櫃集散站"),
    ("HS code", "貨品分類號列"),  # Taiwan's CCC code, not the six-digit HS code
    ("Advance ruling", "稅則預先審核"),  # the binding tariff information's
    ("MSME", "中小企業"),  # SMEs; micro enterprises are 微型企業
    ("Transshipment", "過境自由"),
    ("Reference material", "標準品"),  # an analytical standard
]


@pytest.mark.parametrize("name, other", APART, ids=[f"{a}-{b}" for a, b in APART])
def test_names_of_two_things_stay_apart(name, other):
    assert_apart(name, other)


@pytest.mark.parametrize("field", ["trade", "customs", "laboratory"])
def test_a_name_is_one_term_s_across_the_files(field):
    """No name of trade.tsv, customs.tsv or laboratory.tsv is another line's
    too, in any file."""
    texts = [(BUNDLED, path.read_text("utf-8")) for path in sorted(GLOSSARY.glob("*.tsv"))]
    by_key = folded_terms(texts)
    own = folded_terms([(BUNDLED, (GLOSSARY / f"{field}.tsv").read_text("utf-8"))])
    assert {key: [t.names[0] for t in by_key[key]] for key in own if len(by_key[key]) > 1} == {}


def report(title: str, keywords: str, *paragraphs: str) -> str:
    return (f"出國報告名稱：{title}\n關鍵詞：{keywords}\n\n壹、會議紀要\n\n"
            + "\n\n".join(paragraphs) + "\n")


REPORTS = {
    # Only acronyms and English names.
    "acronyms": report("出席世界關務組織會議出國報告", "WCO",
                       "秘書處報告 RKC 締約方之增加情形。",
                       "會員分享 PCA 與 TRS 之實施經驗。",
                       "實驗室說明參加 PT 之結果。"),
    # Only Chinese names.
    "chinese": report("赴日本考察食品檢驗出國報告", "食品檢驗",
                      "日方說明最大殘留容許量之訂定程序。",
                      "日方說明驗證參考物質之管理。",
                      "日方說明快遞貨物之通關與通關後稽核。"),
    # A topic the report names 預先核定; passages name it otherwise.
    "topic": report("出席貿易便捷化委員會出國報告", "預先核定",
                    "各會員說明 Advance rulings 之申請制度。",
                    "歐盟說明預先審核之申請制度。",
                    "美國說明單一窗口之申請制度。"),
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tfa-reports")
    paths = []
    for name, text in REPORTS.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    index = tmp_path_factory.mktemp("tfa-index")
    build_index(index, paths, workers=0)
    return index


def hits(runner, index_dir, *args) -> list[tuple[str, str]]:
    """(report, text) of each hit of `rsearch search ARGS`."""
    result = runner.invoke(cli, ["--index-dir", str(index_dir), "search", *args,
                                 "--limit", "20", "--format", "json"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return [(h["report"], h["text"]) for h in json.loads(result.stdout or "[]")]


@pytest.mark.parametrize("query, report, text", [
    ("修正版京都公約", "acronyms", "秘書處報告 RKC 締約方之增加情形。"),
    ("通關後稽核", "acronyms", "會員分享 PCA 與 TRS 之實施經驗。"),
    ("時間釋放研究", "acronyms", "會員分享 PCA 與 TRS 之實施經驗。"),
    ("能力試驗", "acronyms", "實驗室說明參加 PT 之結果。"),
    ("MRL", "chinese", "日方說明最大殘留容許量之訂定程序。"),
    ("CRM", "chinese", "日方說明驗證參考物質之管理。"),
    ("PCA", "chinese", "日方說明快遞貨物之通關與通關後稽核。"),
    ("Express consignments", "chinese", "日方說明快遞貨物之通關與通關後稽核。"),
])
def test_a_search_by_one_name_finds_a_passage_that_writes_another(runner, index_dir, query,
                                                                 report, text):
    assert (report, text) in hits(runner, index_dir, query)


def test_a_search_finds_no_passage_of_a_name_kept_apart(runner, index_dir):
    """單一窗口 is no advance ruling: the passage that names only it is not found."""
    found = hits(runner, index_dir, "Advance ruling")
    assert ("topic", "美國說明單一窗口之申請制度。") not in found
    assert ("topic", "歐盟說明預先審核之申請制度。") in found


@pytest.mark.parametrize("topic", ["預先核定", "Advance ruling", "預先審核"])
def test_a_topic_by_one_name_keeps_the_passages_that_name_it_by_another(runner, index_dir,
                                                                       topic):
    found = hits(runner, index_dir, "申請制度", "--topic", topic)
    assert sorted(found) == [("topic", "各會員說明 Advance rulings 之申請制度。"),
                             ("topic", "歐盟說明預先審核之申請制度。")]
