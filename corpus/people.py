"""Travellers: a cover's names field split into people.

People stand one per line, or on one line separated by 、，；, or by spaces
only (`陳翠琴副組長 張淑絹簡任稽核`). A space also separates a person's own
parts (`林怡君 科長`, `財政部關務署 副組長 陳翠琴`): a part that is only a
rank or an agency belongs to the name beside it.
"""

from __future__ import annotations

import re

RANK = (r"(簡任|薦任|委任|副|代理|主任|專門|高級|資深|首席|助理|一等|二等|三等|正|幫|總|駐外)*"
        r"(部長|次長|署長|局長|司長|處長|組長|科長|課長|股長|隊長|所長|館長|院長|主任|秘書|專員|"
        r"科員|技正|技士|技佐|視察|稽核|稽查|參事|研究員|委員|分析師|檢查員|檢驗員|督導|"
        r"主委|主任委員|執行長|經理|工程師|教授|講師|博士|專家|顧問|代表|大使|公使|參贊|"
        r"秘書長|辦事員|書記|管理師|護理師|醫師|檢察官|法官|警監|警正|警佐|關務監|關務員|"
        r"審查員|管理員|技術員|研究助理|主任秘書|組員|約聘人員|約僱人員|幹事|領隊|團長|團員|"
        # heads of a station, plant, field or ship; a city's engineering grades
        r"臺長|台長|站長|廠長|場長|船長|校長|會長|社長|董事長|總經理|協理|襄理|副理|"
        r"工程司|技監|設計師|規劃師|"
        # a prison's warden and its officers
        r"典獄長|教誨師|戒護員|調查員|輔導員|"
        # examiners and officers titled 官; a university's students and fellows
        r"審查官|事務官|法制官|外交官|博士候選人|博士生|碩士生|研究生|博士後研究員|"
        # an audit office's grades (審計部: 審計, 稽察, 審計員)
        r"審計長|審計官|審計員|審計|稽察長|稽察)")
RANK_RE = re.compile(rf"^{RANK}$")
RANK_END_RE = re.compile(rf"{RANK}$")
# Common surnames: a name glued to its rank (陳翠琴副組長) starts with one; a
# rank with its trade before it (船舶檢查員) does not.
SURNAMES = set("陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高簡朱鍾施游詹沈彭胡余"
               "盧潘顏梁趙柯翁魏方孫戴范宋鄧杜傅侯曹温溫薛丁馬唐蔣卓藍馮姚石董紀歐程連古汪湯姜田康"
               "鄒白涂尤巫韓龔嚴袁鐘黎金阮陸倪夏童邵柳")
AGENCY_PART_RE = re.compile(r"(部|署|局|院|處|廳|司|館|所|中心|分署|辦公室|委員會|組|科|室|隊|學系|"
                            r"大學|學院|公司|銀行)$")
# A telephone: labelled (電話：…, to the line's end), or a number alone with its
# area code and extension ((02)2706-5866#2610, 02-2311-1234 分機 15).
PHONE_RE = re.compile(r"(電話|分機|TEL|Tel|tel|聯絡電話)\s*[:：]?.*$|"
                      r"[(（]0\d{1,2}[)）]\s*\d{3,4}-?\d{4}(?:\s*(?:#|分機|轉|ext\.?)\s*\d{1,5})?|"
                      r"(?<!\d)0\d{1,2}-\d{3,4}-?\d{4}(?:\s*(?:#|分機|轉|ext\.?)\s*\d{1,5})?")
SEPARATOR_RE = re.compile(r"[、，,；;]")


def is_attribute(token: str) -> bool:
    """A rank or an agency: a part of a person, never a person alone. A
    token of parts apart by slashes (鄭文豪／科長) is one when every part is."""
    if "／" in token or "/" in token:
        return all(is_attribute(p) for p in re.split(r"[/／]", token) if p)
    if RANK_RE.match(token) or AGENCY_PART_RE.search(token) and (
            len(token) > 4 or len(token) >= 3 and not looks_like_name(token)):
        return True  # 證券期貨局, 檢查局; not 陳志組, a name
    m = RANK_END_RE.search(token)
    return bool(m) and m.start() > 0 and not looks_like_name(token[:m.start()])


def looks_like_name(text: str) -> bool:
    return 2 <= len(text) <= 4 and text[0] in SURNAMES


def split_people(value: str) -> list[str]:
    """The travellers a field names, each as written (spaces kept inside)."""
    people: list[str] = []
    for line in re.split(r"\n", value):
        line = PHONE_RE.sub("", line).strip()
        for part in SEPARATOR_RE.split(line):
            part = part.strip()
            if people and part and all(is_attribute(t) for t in part.split()):
                people[-1] = f"{people[-1]} {part}"  # a rank on the line below its name
            else:
                people.extend(people_of(part))
    return [re.sub(r"\s+", " ", p) for p in people if p]


def is_whole_token(token: str) -> bool:
    """A rank, an agency or a name: no word cut by a line's end."""
    return is_attribute(token) or looks_like_name(token) or bool(
        RANK_END_RE.search(token))


def people_of(part: str) -> list[str]:
    """One piece of a names field: one person or several separated by spaces."""
    tokens = part.split()
    if len(tokens) > 1 and all(re.search("[/／]", t) and not is_attribute(t) for t in tokens):
        return tokens  # 王大明／科長 李小華／技正: a person a token
    if len(tokens) <= 1 or "/" in part or "／" in part:
        return [part] if part else []
    names = [i for i, t in enumerate(tokens) if not is_attribute(t)]
    if len(names) <= 1:
        return [part]
    groups: list[list[str]] = []
    if is_attribute(tokens[0]):  # ranks before names: 副組長 陳翠琴 簡任稽核 張淑絹
        current: list[str] = []
        for token in tokens:
            current.append(token)
            if not is_attribute(token):
                groups.append(current)
                current = []
        if current:
            groups[-1].extend(current)
    else:  # names before ranks: 林怡君 科長 黃志明 技正
        for token in tokens:
            if is_attribute(token) and groups:
                groups[-1].append(token)
            else:
                groups.append([token])
    return [" ".join(g) for g in groups]


# A numbered list's label before a traveller (1. 處長　陳志明, (2) 科長 林美玲),
# or a bulleted list's bullet (‧張國華　處長, ・陳志明).
# (Not (02): the area code a traveller's telephone wrapped onto its own line starts with.)
LISTED_RE = re.compile(r"^\s*(?:\d{1,2}\s*[.．、)）]|[(（]\s*(?!0)\d{1,2}\s*[)）]|"
                       r"[‧・•·●○◦▪◆◎－])\s*")


def unlisted(line: str) -> str:
    """A line without the list number it starts with, if any."""
    return LISTED_RE.sub("", line, count=1)


def listed_traveller(line: str) -> bool:
    """Whether a line is a numbered list's item that names a traveller."""
    return bool(LISTED_RE.match(line)) and is_person_line(unlisted(line))


def is_person_line(line: str) -> bool:
    """Whether a line reads as more travellers (under a names field)."""
    text = PHONE_RE.sub("", line).strip()
    if not text or len(text) > 60 or re.search(r"[。：:！？]", text):
        return False
    tokens = [t for t in re.split(r"[\s、，,；;/／]+", text) if t]
    # A post runs an agency, its unit and a rank together, and may be long
    # (國家通訊傳播委員會基礎設施事業管理處科長): so long only ending in a rank.
    return 0 < len(tokens) <= 12 and all(
        len(t) <= 16 or len(t) <= 30 and RANK_END_RE.search(t) for t in tokens)
