"""The names a report defines: the Chinese name before a bracketed English
name or acronym, whatever clause precedes it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.corpus.glossary import definitions

# Names and their English names, as reports write them.
NAMES = [
    ("單一窗口", "Single Window", "SW"),
    ("優質企業", "Authorized Economic Operator", "AEO"),
    ("安全資料表", "Safety Data Sheet", "SDS"),
    ("風險管理", "Risk Management", "RM"),
    ("旅客電腦訂位紀錄", "Passenger Name Record", "PNR"),
    ("國家單一窗口", "National Single Window", "NSW"),
    ("貿易便捷化委員會", "Trade Facilitation Committee", "TFC"),
    ("世界關務組織", "World Customs Organization", "WCO"),
    ("預報旅客資訊系統", "Advance Passenger Information System", "APIS"),
    ("最大殘留容許量", "Maximum Residue Limit", "MRL"),
]
PLACES = ["越南", "泰國", "秘魯", "美國", "日本", "各會員體", "我國", "菲律賓"]


@lru_cache(maxsize=2)
def jieba_verbs(traditional: bool = True) -> list[str]:
    """Verbs of two characters from jieba's own dictionary (tagged v), in
    Traditional characters (or the dictionary's own): verbs from no list of
    ours."""
    import opencc

    convert = opencc.OpenCC("s2t").convert if traditional else str
    return sorted({convert(w) for w, f, t in jieba_entries()
                   if t == "v" and len(w) == 2 and f >= 2000})


@lru_cache(maxsize=1)
def jieba_entries() -> list[tuple[str, int, str]]:
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    return [(w, int(f), t) for w, f, t in
            (line.split(" ") for line in path.read_text("utf-8").splitlines())]


@lru_cache(maxsize=1)
def misread_endings() -> list[str]:
    """Clauses of four characters, a verb and a word, that the segmenter cuts
    into a lone verb or adverb, a verb or adverb across the two, and a lone
    character (瞭 解決 心 of 瞭解決心, 不 可以 爲 of 不可以爲): clauses whose last
    word is one character. Built from jieba's dictionary: no list of ours."""
    import opencc
    from rsearch.corpus.glossary import segment

    to_traditional = opencc.OpenCC("s2t")
    by_first: dict[str, list[str]] = {}
    for word, freq, _ in jieba_entries():
        if len(word) == 2 and freq >= 500:
            by_first.setdefault(word[0], []).append(word)
    endings = set()
    for verb in jieba_verbs(traditional=False):
        for middle in by_first.get(verb[1], []):
            for last in by_first.get(middle[1], []):
                clause = to_traditional.convert(verb + last)
                words = segment(clause)
                if len(words) == 3 and len(words[0][0]) == len(words[2][0]) == 1 \
                        and words[0][1][:1] in "vd" and words[1][1][:1] in "vd":
                    endings.add(clause)
    return sorted(endings)


@lru_cache(maxsize=1)
def one_character_verbs() -> list[str]:
    """Verbs of one character from jieba's dictionary (用 of 決定用)."""
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    return sorted({to_traditional.convert(w) for w, f, t in jieba_entries()
                   if t == "v" and len(w) == 1 and f >= 20000})


@st.composite
def clauses(draw):
    """`…協助<地>及<地>建立<名稱>(<English name>, <ACR>)` and the like; some
    end in a word of one character (瞭解決心, 決定用)."""
    verbs = st.sampled_from(jieba_verbs())
    parts = []
    for _ in range(draw(st.integers(0, 2))):
        parts.append(draw(verbs))
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(PLACES)))
            if draw(st.booleans()):
                parts.append("及" + draw(st.sampled_from(PLACES)))
    kind = draw(st.sampled_from(["verb", "misread", "one-character verb"]))
    if kind == "misread":
        parts.append(draw(st.sampled_from(misread_endings())))
    else:
        parts.append(draw(verbs))
        if kind == "one-character verb":
            parts.append(draw(st.sampled_from(one_character_verbs())))
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), clauses(), st.booleans(), st.booleans())
def test_the_name_is_learned_not_the_clause(name, clause, english, elsewhere):
    chinese, english_name, acronym = name
    inside = f"{english_name}, {acronym}" if english else acronym
    text = f"本次會議中，{clause}{chinese}({inside})。"
    # A report that also writes the name on its own elsewhere, or not.
    whole = text + (f"\n二、{chinese}之現況" if elsewhere else "")
    pairs = definitions(text, whole)
    learned = {a for a, _ in pairs}
    # Verbs the segmenter glues to the name's first characters are not tested:
    # no rule that cuts at word boundaries can see such a boundary.
    from rsearch.corpus.glossary import segment

    # Nor clauses whose last word the segmenter reads, in this context, as a
    # noun, a name or an idiom (刺激作用, 值得注意): a noun phrase may begin there.
    segmented = segment(clause + chinese)
    words = [w for w, _ in segmented]
    glued = not any("".join(words[:i]) == clause for i in range(len(words)))
    if glued:
        return
    cut = next(i for i in range(len(words) + 1) if "".join(words[:i]) == clause)
    if cut and not segmented[cut - 1][1].startswith("v"):
        return
    assert chinese in learned, (text, pairs)
    assert all(chinese.endswith(a) for a in learned), (text, pairs)
    assert {b for _, b in pairs} == ({english_name, acronym} if english else {acronym})


@pytest.mark.parametrize("text, whole, names", [
    # The report writes the whole name on its own elsewhere: the longest such.
    ("協助越南及泰國建立國家單一窗口(NSW)。", "、國家單一窗口。", {"國家單一窗口"}),
    # Category nouns name no one thing.
    ("南韓簡報其海關(KCS)的風險管理技術。", "", set()),
    ("各國政府(Governments)均表支持。", "", set()),
    # 備置 is a verb: the name is what it prepares.
    ("事業單位應備置安全資料表(Safety Data Sheet, SDS)。", "", {"安全資料表"}),
    ("簽署經濟合作暨發展組織(OECD)之宣言。", "", {"經濟合作暨發展組織"}),
    ("表示支持國際海事組織(IMO)。", "", {"國際海事組織"}),
    ("評估推動預先核定(Advance Ruling)。", "", {"預先核定"}),
    ("進行檢疫(Quarantine)。", "檢疫犬與檢疫", {"檢疫"}),
    ("加強邊境生物安全(Biosecurity)。", "", {"生物安全"}),
    # A clause that ends in a lone character (瞭 解決 心, 決定 用, 完全 都):
    # the name starts after it.
    ("瞭解決心亞太經濟合作企業諮詢委員會(ABAC)。", "", {"亞太經濟合作企業諮詢委員會"}),
    ("瞭解決心微中小型企業(MSME)。", "", {"微中小型企業"}),
    ("瞭解決心航前旅客資訊系統(APIS)。", "", {"航前旅客資訊系統"}),
    ("說完全都微中小型企業(MSME)。", "", {"微中小型企業"}),
    # 護航 is a word, but 體 ends 會員體 and 航 begins the name; 入微 is a
    # word, but 在 is a preposition.
    ("各會員體保護航前旅客資訊系統(APIS)。", "", {"航前旅客資訊系統"}),
    ("不在投入微中小型企業(MSME)。", "", {"微中小型企業"}),
    # A name the segmenter cuts into a lone noun, a verb and a suffix (熱 釋放 率).
    ("本次研討會說明熱釋放率(Heat Release Rate, HRR)。", "", {"熱釋放率"}),
    # A sentence that defines the name it opens (a note's): the whole run is
    # the name, though the segmenter calls its first word a verb (肯定).
    ("¹ 肯定列表制度(Positive List System)係日本自 2006 年起實施之制度。",
     "說明該所於日本肯定列表制度¹中扮演之角色。", {"肯定列表制度"}),
    ("肯定列表制度(Positive List System)是日本之制度。", "日本肯定列表制度之角色",
     {"肯定列表制度"}),
    # Not where the run follows other words of its sentence, nor where no
    # copula follows: the verb is the clause's (推動 單一窗口).
    ("我國推動單一窗口(Single Window System)係重點。", "推動單一窗口之成效", {"單一窗口"}),
    ("推動單一窗口(Single Window System)之建置。", "推動單一窗口之成效", {"單一窗口"}),
    # A name of verbs alone, as many as the English words, after a word that
    # takes no object (之, 以).
    ("並以同儕審查之開放取用（open access）機制分配光束時間。", "", {"開放取用"}),
    ("例如以虛擬交換（virtual exchange）讓學生共同完成專題。", "", {"虛擬交換"}),
    # Not after a verb, nor at the run's start (the subject before it is Latin).
    ("價格由NZa訂定上限（maximum tarief）。", "", set()),
])
def test_names_from_word_boundaries(text, whole, names):
    learned = {a for a, _ in definitions(text, text + whole)}
    # The name, and at most a shorter ending of it (合作暨發展組織): never the clause.
    assert names <= learned and all(any(n.endswith(a) for n in names) for a in learned)
    assert bool(learned) == bool(names)


def report_text(title: str, *paragraphs: str) -> str:
    return "\n\n".join([f"{title}出國報告", "壹、會議過程", *paragraphs]) + "\n"


DEFINES = report_text("智慧邊境研討會", "我國介紹推動智慧邊境管理系統"
                      "(Smart Border Management System, SBMS)之進展，說明 SBMS 已於各機場啟用。")
WRITES = report_text("邊境管理考察",
                     "考察團參訪機場，了解智慧邊境管理系統之旅客通關流程與資料保護措施。")
ALSO_WRITES = report_text("機場參訪", "各國分享智慧邊境管理系統之建置經驗及自動查驗通關之成效。")
# Another report gives the same acronym another meaning, and one more writes it.
OTHER_MEANING = report_text("衛星研討會", "日本簡報其衛星海況監測服務(SBMS)之資料產品。")
WRITES_OTHER = report_text("海洋研討會", "與會者討論衛星海況監測服務對漁業管理之應用。")


def search_reports(tmp_path, texts: dict[str, str], query: str) -> set[str]:
    from rsearch.indexer import ReportIndex, build_index

    paths = []
    for name, text in texts.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    build_index(tmp_path / "index", paths, workers=0)
    with ReportIndex(tmp_path / "index") as ix:
        return {h.report for h in ix.search(query, limit=50)}


def test_a_name_one_report_defines_helps_every_report(tmp_path):
    found = search_reports(tmp_path, {"defines": DEFINES, "writes": WRITES}, "SBMS")
    assert found == {"defines", "writes"}


def test_a_meaning_another_report_contradicts_is_not_spread(tmp_path):
    found = search_reports(tmp_path, {"defines": DEFINES, "writes": WRITES,
                                      "also-writes": ALSO_WRITES, "other": OTHER_MEANING,
                                      "writes-other": WRITES_OTHER}, "SBMS")
    # The meaning more reports write spreads; the other reaches only the report
    # that writes the acronym itself.
    assert found == {"defines", "writes", "also-writes", "other"}


def test_a_caption_that_writes_only_the_chinese_name_is_found_by_its_acronym(tmp_path):
    text = report_text("火災研究研討會",
                       "本次研討會說明熱釋放率(Heat Release Rate, HRR)之量測方法。",
                       "圖1 家具燃燒之熱釋放率曲線")
    from rsearch.indexer import ReportIndex, build_index

    path = tmp_path / "fire.txt"
    path.write_text(text, encoding="utf-8")
    build_index(tmp_path / "index", [path], workers=0)
    with ReportIndex(tmp_path / "index") as ix:
        found = {h.text for h in ix.search("HRR", limit=10)}
    assert "圖1 家具燃燒之熱釋放率曲線" in found


def test_reports_that_tie_on_two_meanings_spread_neither(tmp_path):
    found = search_reports(tmp_path, {"defines": DEFINES, "writes": WRITES,
                                      "other": OTHER_MEANING, "writes-other": WRITES_OTHER},
                           "SBMS")
    assert found == {"defines", "other"}


@pytest.mark.parametrize("a, b, same", [
    (["MRA", "相互承認協議"], ["MRA", "相互認證協定"], True),
    (["AEO", "Authorized Economic Operator"], ["AEO", "Authorised Economic Operators"], True),
    (["AEO", "優質企業"], ["AEO", "Authorized Economic Operator"], True),  # two languages
    (["SBMS", "智慧邊境管理系統"], ["SBMS", "衛星海況監測服務"], False),
    (["CBM", "Coordinated Border Management"], ["CBM", "Confidence Building Measures"], False),
])
def test_two_groups_of_names_mean_one_thing(a, b, same):
    from rsearch.indexer.analysis import fold_key
    from rsearch.indexer.analysis.glossary import same_meaning

    assert same_meaning(a, b, fold_key(a[0])) == same


# Names whose noun phrase holds together where a count of the English words
# would cut it: a word of one character that begins it (微, 航), a verbal
# noun inside it (合作 of 亞太經濟合作…).
WHOLE_PHRASES = [
    ("微中小型企業", "Micro, Small and Medium Enterprises", "MSME"),
    ("航前旅客資訊系統", "Advance Passenger Information System", "APIS"),
    ("航前旅客資訊", "Advance Passenger Information", "API"),
    ("亞太經濟合作企業諮詢委員會", "APEC Business Advisory Council", "ABAC"),
    ("經濟合作暨發展組織", "Organisation for Economic Co-operation and Development", "OECD"),
]


def is_clause_word(tag: str) -> bool:
    """Verbs, adverbs, prepositions, conjunctions: words no noun phrase has."""
    return tag.startswith(("v", "d", "p", "c")) and tag != "vn"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(WHOLE_PHRASES), clauses(), st.booleans())
def test_a_name_s_noun_phrase_is_not_cut_inside(name, clause, english):
    chinese, english_name, acronym = name
    inside = f"{english_name}, {acronym}" if english else acronym
    text = f"本次會議中，{clause}{chinese}({inside})。"
    from rsearch.corpus.glossary import segment

    segmented = segment(clause + chinese)
    words = [w for w, _ in segmented]
    if not any("".join(words[:i]) == clause for i in range(len(words))):
        return  # a verb glued to the name's first characters: no boundary to see
    # Nor a clause whose last word the segmenter reads, in this context, as a
    # noun, a place word or an idiom (是否是, 下面 上), unless it is a lone
    # character after a word of the clause (心 of 瞭 解決 心).
    cut = next(i for i in range(len(words) + 1) if "".join(words[:i]) == clause)
    tags = [t for _, t in segmented[:cut]]
    if not is_clause_word(tags[-1]) and not (len(words[cut - 1]) == 1 and cut > 1
                                             and is_clause_word(tags[-2])):
        return
    learned = {a for a, _ in definitions(text, text)}
    # The whole name, and never a piece of it cut inside its phrase.
    assert learned == {chinese}, (text, learned)


def test_a_name_less_its_category_noun_is_a_name_too(tmp_path):
    """Positive List System is 肯定列表制度: a text that writes the Chinese
    name is found by the English one less its category noun (system, 制度)."""
    text = report_text("農藥殘留檢驗研習",
                       "部長說明該所於日本肯定列表制度中扮演之角色。",
                       "¹ 肯定列表制度(Positive List System)係日本自 2006 年起實施之制度。")
    from rsearch.indexer import ReportIndex, build_index

    path = tmp_path / "pesticide.txt"
    path.write_text(text, encoding="utf-8")
    build_index(tmp_path / "index", [path], workers=0)
    with ReportIndex(tmp_path / "index") as ix:
        found = {h.text for h in ix.search("positive list", limit=10)}
    assert "部長說明該所於日本肯定列表制度中扮演之角色。" in found


@pytest.mark.parametrize("pairs, learned", [
    ([("肯定列表制度", "Positive List System")], [("肯定列表", "Positive List")]),
    ([("Safety Management System", "安全管理系統")], [("安全管理", "Safety Management")]),
    # The rest names nothing: one word of two characters, a category noun,
    # one English word, a joining word, an acronym.
    ([("資訊系統", "Passenger Information System")], []),
    ([("論壇中心", "Global Forum Centre")], []),
    ([("安全管理系統", "Safety System")], []),
    ([("安全管理系統", "Management of System")], []),
    ([("安全管理系統", "SMS")], []),
    # The kinds differ: no pair.
    ([("安全管理系統", "Safety Management Programme")], []),
])
def test_a_name_and_its_category_noun(pairs, learned):
    from rsearch.corpus.glossary import modifier_pairs

    assert modifier_pairs(pairs) == learned
