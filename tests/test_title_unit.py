"""The meeting a report's title ends in is the outermost unit of agenda items
and lectures that no meeting heading stands over (minutes of a 會談 whose body
is its 議題); never over days (a tour's days are the trip's), sites, or beside
a meeting heading of the body."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report

ZH = "一二三四五六七八九十"
PARTS = {  # the label of the n-th part, and the kind of unit it is
    "議題": (lambda n: f"議題{ZH[n]}：", "session"),
    "案由": (lambda n: f"案由{ZH[n]}：", "session"),
    "提案": (lambda n: f"提案{ZH[n]} ", "session"),
    "Session": (lambda n: f"Session {n + 1}: ", "session"),
    "講": (lambda n: f"第{ZH[n]}講 ", "session"),
    "Day": (lambda n: f"Day {n + 1} ", "day"),
    "天": (lambda n: f"第{ZH[n]}天：", "day"),
    "週": (lambda n: f"第{n + 1}週：", "day"),
}
MEETINGS = ["臺越農業合作會議", "臺加經貿諮商", "雙邊漁業會談", "食品安全研討會",
            "藥品查核訓練課程"]
TOPICS = ["動物檢疫", "漁業合作", "技術交流", "市場進入", "人員培訓"]


def report(title: str, parts: list[str], *, site: bool = False, meeting: str = "") -> str:
    lines = ["出國報告", "", title, "", "服務機關：農業部", "報告日期：113年12月10日", "",
             "壹、紀要", ""]
    if meeting:
        lines += [f"一、{meeting}", "", "雙方代表介紹與會人員。", ""]
    for n, label in enumerate(parts):
        lines += [f"{'（' + ZH[n] + '）' if meeting else ZH[n] + '、'}{label}{TOPICS[n]}", "",
                  f"第{n}段說明{TOPICS[n]}之討論結果。", ""]
    if site:
        lines += ["貳、參訪行程", "", "一、東京羽田貨運站", "", "參訪貨運站之查驗流程。", ""]
    lines += ["參、心得與建議", "", "建議持續合作。", ""]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(PARTS)), st.sampled_from(MEETINGS), st.integers(2, 4),
       st.sampled_from(["出席第五屆{}報告", "參加{}出國報告", "{}會議紀要", "{}紀要暨出國報告"]))
def test_the_title_meeting_holds_the_parts(word, name, count, frame):
    label, kind = PARTS[word]
    parsed = parse_report(report(frame.format(name), [label(n) for n in range(count)]), "k")
    if kind == "day":
        assert [u.kind for u in parsed.meetings] == ["day"] * count
        return
    whole, *parts = parsed.meetings
    assert (whole.kind, [u.kind for u in parts]) == ("meeting", [kind] * count)
    assert name.replace("會議", "") in whole.key
    body = [p for p in parsed.passages if p.section]
    assert body and all(p.units[0] == whole.key for p in body)
    under_parts = [p for p in body if len(p.units) == 2]
    assert [p.units[1] for p in under_parts] == [u.key for u in parts]


@pytest.mark.parametrize("word", sorted(PARTS))
def test_no_title_meeting_beside_sites_or_a_meeting_heading(word):
    label, _ = PARTS[word]
    parts = [label(n) for n in range(2)]
    with_site = parse_report(report("出席臺越農業合作會議報告", parts, site=True), "k")
    assert "site" in [u.kind for u in with_site.meetings]
    assert "meeting" not in [u.kind for u in with_site.meetings]
    with_heading = parse_report(
        report("出席臺越農業合作會議報告", parts, meeting="第五屆臺越農業合作會議"), "k")
    meetings = [u.key for u in with_heading.meetings if u.kind == "meeting"]
    assert meetings == ["第五屆臺越農業合作會議"] == [with_heading.meetings[0].key]
