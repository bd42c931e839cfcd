"""What a report is about: the meetings, sessions, visited sites and days of the trip.

Units are read from the shape of the report's outline, not from a list of
examples:

- a heading whose title names a meeting (會議, 研討會, 論壇, 工作坊, 分享會,
  Forum, Workshop…) is a meeting; inside another unit it must end in such a
  noun (or carry a name of its own, an acronym or an English name), so that
  `(四) 2016 海關與企業對話結論` stays an item of its meeting;
- a session of an agenda (場次, Session N, 議題一, 模組, Module), and every
  item numbered beside one (開幕式, 閉幕式 beside `Session 1: …`);
- a day of a trip or a course (第一天, 第1天, Day 2);
- a site, when the heading sits under a part about visits (考察, 參訪, 拜會…).

Nothing under the reflections part (心得, 建議, 結論, 檢討) or an appendix is
a unit, and a bracketed remark (`（本場次…）`) is not read for one. Headings
that name only a part of any report (會議過程, 會議紀要, 考察內容) are not
units. A passage belongs to every unit on its heading path; its `meeting` is
the outermost.
"""

from __future__ import annotations

import re

from .datelines import Trip, bare_date, day_line, day_names, title_day_names
from .glossary import name_key
from .headings import ANGLED, BARE_LABELS, is_annex_part, match_heading, unbracketed
from .memo import per_report
from .model import Heading, Meeting, OutlineEntry, Report

# Talks between delegations are meetings too: 雙邊會談, 經貿諮商, Consultations.
CONSULTATION_NOUNS = (r"會談|會晤|諮商|磋商|協商|談判|協調會|籌備會|審查會|交流會|研商會|發表會|"
                      r"簡報會|問答交流|意見交流|"
                      r"consultations?|talks|negotiations?")
# A ceremony attended (頒獎典禮, 開幕典禮, Award Ceremony) is an event as a meeting is.
MEETING_NOUNS = (r"會議|例會|年會|大會|研討會|論壇|對話|峰會|委員會|工作小組|工作坊|座談會?|研習會|"
                 r"典禮|"
                 r"分享會|說明會|研習班|訓練班|訓練課程|課程|訓練|研習|"
                 r"meeting|conference|dialogue|forum|workshop|summit|committee|symposium|"
                 rf"seminar|roundtable|round table|training|course|ceremony|{CONSULTATION_NOUNS}")
MEETING_RE = re.compile(MEETING_NOUNS, re.I)
# Nouns that name a meeting wherever they stand in a top-level title; the
# others (訓練, 課程…) also name places and things (檢疫犬訓練中心) unless last.
NAMED_ANYWHERE_RE = re.compile(
    r"會議|例會|年會|大會|研討會|論壇|對話|峰會|委員會|工作小組|工作坊|座談會?|研習會|分享會|說明會|"
    rf"meeting|conference|dialogue|forum|workshop|summit|committee|symposium|seminar|"
    rf"{CONSULTATION_NOUNS}", re.I)
# A meeting noun that says whose programme or state a title describes (大會議程與
# 論文發表形式, 本屆年會概況): the title is about the meeting, names none.
DESCRIBED_MEETING_RE = re.compile(r"(?:會議|例會|年會|大會|研討會|論壇|峰會|委員會)"
                                  r"(?:議程|日程|程序|概況|概要|概述|簡介|背景|緣起|"
                                  r"地點|場地|時間|規模|架構|結構|形式|流程)")
# A title that ends in a meeting noun, give or take a number (第 14 次會議, Meeting 2).
ENDS_IN_MEETING_RE = re.compile(rf"(?:{MEETING_NOUNS})\s*(?:\d+|[A-Z]|[IVX]+)?\s*$", re.I)
# An award (世界智慧城市大獎, Innovation Awards, …Prize) names the event that
# presents it, as its ceremony does: among visits it is attended, not visited.
AWARD_END_RE = re.compile(r"(?:[^學]獎|\bawards?|\bprizes?)\s*$", re.I)
# 議程第5項 numbers an agenda's item as 議程5 does.
SESSION_RE = re.compile(r"場次|(?:議程|議題|議案|提案|單元|案由|課程|主題|講題)"
                        r"\s*(?:第\s*)?[一二三四五六七八九十\d]|專題(?!研究)|分組(?!委員會|工作小組)|模組|第\s*[一二三四五六七八九十\d]+\s*(?:[講堂]|單元|模組)|"
                        r"session|panel|module|lecture|plenary|keynote|(?<![a-z])(?:track|stream)(?![a-z])",
                        re.I)
# A day, or a week, a month or a term of a longer stay's log (第 3～6 週,
# Week 2, 第二個月, 第一學期, Fall Semester 2024).
DAY_RE = re.compile(
    r"第\s*[一二三四五六七八九十\d]+(?:\s*[-–—~～至到]\s*[一二三四五六七八九十\d]+)?\s*"
    r"(?:[天日週周]|個月|學期)|(?:day|week|month)\s*\d+|^\d{1,2}\s*月\s*\d{1,2}\s*日|"
    r"^(?:暑期|暑假|寒假|夏季|秋季|春季|冬季|[上下])學期|"
    r"\b(?:fall|spring|summer|autumn|winter)\s+(?:semester|term|quarter)\b", re.I)
# A session numbered as one: beside it, every item is one of the agenda.
NUMBERED_SESSION_RE = re.compile(
    r"(?:session|panel|module|lecture|plenary)\s*\d|第\s*[一二三四五六七八九十\d]+\s*(?:[場講堂]|單元|模組)|"
    r"(?:track|stream|session)\s*(?-i:[A-Z])(?:[-–.]?\d|\b)|分組(?:會議|討論)\s*(?-i:[A-Z])|"
    r"(?:議題|議程|議案|提案|模組|單元|案由|課程|主題|講題)\s*(?:第\s*)?[一二三四五六七八九十\d]",
    re.I)
NUMBERED_RE = re.compile(r"[一二三四五六七八九十\d]")
# Items of an agenda that stand beside its numbered sessions.
AGENDA_ITEM_RE = re.compile(r"開幕|閉幕|開場|致詞|歡迎|結語|閉會|開會|總結|專題演講|主題演講|"
                            r"opening|closing|welcome|keynote|wrap.?up|remarks", re.I)
VISIT_PART_RE = re.compile(
    r"考察|參訪|拜會|拜訪|訪問|參觀|觀摩|訪視|實地|查廠|visits?\b|field trips?|study tours?|"
    r"(?:site|plant|factory) inspections?", re.I)
# What a part about visits calls the places and the record of them, in general:
# 參訪機構與研究過程, 考察行程及心得, 實驗室與參訪, Technical site visits.
VISIT_PART_WORDS = re.compile(
    r"機構|單位|機關|地點|場所|據點|設施|場域|實驗室|研究室|行程|過程|經過|內容|紀要|紀錄|情形|"
    r"概要|概述|重點|研究|學習|交流|實務|成果|"
    r"\b(?:sites?|laborator(?:y|ies)|labs?|technical|study|and|of|the|to|on)\b", re.I)
# A site named by the visit: 參訪…, 拜會…, 考察…, an inspection (實地查核, 訪視, 查廠).
VISIT_RE = re.compile(r"^(參訪|拜會|拜訪|訪問|參觀|觀摩|考察|實地(?:考察|訪查|查核|參訪)?|"
                      r"訪視|視察|查訪|查廠)|"
                      # in English: Visit to the OeNB, Headquarters Visit, Rockville
                      r"^Visit\s+(?:to|of)\s|\bVisit\b(?=\s*(?:,|$))|"
                      # or a place and then the visit: 鍾路區投票所參訪, 那珂川水岸再生案例參訪
                      r"(?<=[^\W\d_]{2})(?:參訪|參觀|考察|訪視)$")
# A part about a stay at places (實習過程, 駐點單位, 研究機構): its child headings
# that name a body (an office, a laboratory, a plant) are the places stayed at.
# A part about work done at places is one too: an acceptance test or inspection
# of equipment (驗收測試紀要, 廠驗過程, Test records) names the plants, tracks and
# laboratories where it was done.
STAY_PART_RE = re.compile(r"實習|見習|駐點|進修|研究|驗收|測試|試驗|檢測|查驗|廠驗|監造|見證|"
                          r"placements?|attachments?|acceptance|tests?|testing|trials?", re.I)
BODY_NOUN_RE = re.compile(r"(?:部|廳|署|局|處|院|所|台|臺|站|中心|實驗室|研究室|公司|工廠|廠|大學|"
                          r"(?<!小)組|科|學院|機構|總部|協會|基金會|醫院|學校|銀行|港|場|軌道|館)$|"
                          # and in English: … at Wolf Creek Generating Station
                          r"\b(?:Plant|Station|Office|Laborator(?:y|ies)|Cent(?:re|er)|Headquarters|"
                          r"Agency|Commission|Authority|Institute|University|Bank|Port|Hospital|"
                          r"Ministry|Department|Company|Factory|Facility|Terminal)$")
# What a part that describes the host calls itself: 實習機構簡介, 研究單位概況,
# 進修機構介紹, Host Institution Overview.
HOST_PROFILE_RE = re.compile(r"簡介|介紹|概況|概述|沿革|\b(?:overview|profile)\b", re.I)
# A part of events: 臺灣館主題活動, 周邊活動, Side Events.
EVENT_PART_RE = re.compile(r"(?:活動|\bevents?|\bactivit(?:y|ies))$", re.I)
# A title that ends in a course's noun: 基礎訓練課程, Classroom Training.
COURSE_END_RE = re.compile(r"(?:課程|訓練|研習|training|course)\s*$", re.I)
# A part that holds the courses: 修習課程, 課程內容, 研習課程紀要, Courses taken.
COURSE_PART_RE = re.compile(r"^(?:修習|修讀|選修|研習|進修|訓練)?(?:課程|科目)(?:內容|紀要|重點)?$|"
                            r"^(?:courses?|modules?)(?:taken)?$")
# A part that records talks or a meeting: 會談紀要, 會議過程, 諮商經過, Minutes.
MINUTES_PART_RE = re.compile(r"(?:會談|會議|諮商|磋商|協商|會晤|談判)"
                             r"(?:紀要|紀錄|記錄|過程|經過|重點|情形)|minutes|proceedings", re.I)
REFLECTION_RE = re.compile(r"心得|建議|結論|檢討|感想|省思|結語|展望|意見|觀察與|"
                           r"recommendation|conclusion|reflection|lessons", re.I)
# Words that name a part of any report, not a particular meeting or place.
GENERIC_WORDS = re.compile(
    r"會議|會談|會晤|諮商|磋商|協商|談判|研討會|研習會?|考察|參訪|訪問|拜會|參觀|觀摩|實地|訪視|查核|"
    r"查廠|行程|過程|經過|紀要|紀錄|記錄|概述|概況|概要|"
    r"內容|時間|地點|議程|主席|目的|摘要|前言|緣起|背景|心得|建議|結論|檢討|感想|省思|結語|展望|"
    r"重點|情形|說明|簡介|介紹|周邊|週邊|活動|"
    r"總結|成員|代表|人員|出席|與會|其他|相關|及|與|和|之|暨|的|我方|我國|本次|本署|本局|各國|"
    r"下屆|下次|次屆|上屆|上次|前次|本屆|歷屆|"  # 下屆會議: a meeting only by its place in a series
    r"雙邊|雙方|多邊|"
    r"報告|附件|附錄|資料|議題|討論|事項|安排|參考|剪影|照片|課程|訓練|"
    r"註釋|註解|附註|腳註|尾註|文獻|書目")  # a notes or references part
# The English words a bilingual part title adds (三、心得 Reflections, 二、實習過程
# Programme): they name a part of any report, as GENERIC_WORDS do.
GENERIC_ENGLISH = re.compile(
    r"\b(?:purposes?|objectives?|background|introduction|programmes?|programs?|itinerary|"
    r"schedules?|agenda|process|proceedings|summary|abstract|overview|contents?|reflections?|"
    r"recommendations?|suggestions?|conclusions?|findings|observations|remarks|minutes|"
    r"outcomes?|results?|records?|references|appendix|appendices|annex(?:es)?|courses?|modules?|"
    r"notes|endnotes|footnotes|bibliography|attended|participated|"
    r"and|of|the|on|for|to|in)\b", re.I)
# A remark or another name in brackets of any kind: (…), （…）, […], 【…】, 〔…〕.
PAREN_RE = re.compile(r"[(（\[［【〔]([^()（）\[\]［］【】〔〕]*)[)）\]］】〕]")
FRAMED_RE = re.compile(r"^【([^【】]+)】$")
WHEN_WHERE_RE = re.compile(
    r"^(會議|研習|考察|參訪|活動|訓練|課程)?\s*(時間|日期|期間|地點|地址|場地)\s*[:：]")
# What frames a meeting's name in a report's title: 出席…報告, 參加…之報告.
TITLE_FRAME_RE = re.compile(r"^(出席|參加|參與|赴)\s*|\s*(之)?(出國)?報告書?$")
# Talks that name a subject as well (公眾諮商, 談判策略): a meeting only at the top.
SUBJECT_ENDS_RE = re.compile(r"(?:諮商|磋商|協商|談判|consultations?|negotiations?)\s*$", re.I)
# What a title adds after the meeting's name: …會議紀要暨, …會談紀錄.
MINUTES_TAIL_RE = re.compile(r"\s*(?:紀要|紀錄|記錄|摘要)?\s*(?:暨|及|與|和)?\s*$")
ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9&/\-]*[A-Z0-9]$")
# A title in Latin script alone, of two words or more: an English subtitle.
LATIN_TITLE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9'’&,.\-]*(?:\s+[A-Za-z0-9'’&,.\-]+)+$")
# Families whose label names the unit (Day 2, 議題一, Session 3).
LABELLED = {"day": "day", "date": "day", "agenda": "session", "session": "session",
            "stop": "site"}
# A label that is a name, not a count alone (結業考試, not 一 or 3).
NAMING_LABEL_RE = re.compile(r"[^\W\d_〇零一二三四五六七八九十百]")
# A stop of a tour named in a title: 1.1 Site 1: <place>, 二、第一站：<place>.
STOP_RE = re.compile(r"^(?:第\s*[一二三四五六七八九十\d]+\s*站|(?:site|stop|visit)\s*\d|"
                     r"(?:參訪|拜會|考察)(?:單位|機構|機關|地點|對象)\s*[一二三四五六七八九十\d]+\s*[、：:])",
                     re.I)


# A bilingual title without brackets: an English name of two words or more
# before or after a Chinese one of four characters or more (ATF Fire Research
# Laboratory 菸酒槍炮及爆裂物管理局火災研究實驗室; 火災動力學 Fire Dynamics). The
# Chinese name may start with a Latin word glued to it (TenneT National Control
# Centre TenneT國家控制中心).
LATIN_NAME = r"[A-Za-z][A-Za-z0-9'’&.\-]*(?:,?\s+[A-Za-z0-9'’&.\-/]+)+"
HAN_NAME = r"(?:[A-Za-z][A-Za-z0-9&\-]*(?=[\u3400-\u9fff]))?[\u3400-\u9fff][^A-Za-z]*"
GLOSSED_RE = re.compile(rf"^(?:(?P<en>{LATIN_NAME})\s+(?P<zh>{HAN_NAME})"
                        rf"|(?P<zh2>{HAN_NAME}?)\s+(?P<en2>{LATIN_NAME}))$")


def glossed(title: str) -> tuple[str, str] | None:
    """(Chinese, English) of a title that gives its name in both, unbracketed."""
    m = GLOSSED_RE.match(title.strip())
    if not m:
        return None
    zh, en = (m.group("zh"), m.group("en")) if m.group("en") else (m.group("zh2"), m.group("en2"))
    if len(re.findall(r"[\u3400-\u9fff]", zh)) < 4 or re.search(r"\d", en) \
            or len(re.findall(r"[A-Za-z]{2,}", en)) < 2:
        return None  # 參訪 Port of Rotterdam, Day 5 港口參訪: the English names or numbers it
    return zh.strip(), en.strip()


def unframed(title: str) -> str:
    """A title wholly inside 【】 (【議題一　區域展望】) is its inside: the
    brackets frame the heading, they add no remark to it; a number inside
    them (【三、參訪<place>】) counts the part, as 三、 does unframed (a label
    that names, 【議題一　…】, stays)."""
    m = FRAMED_RE.match(title.strip())
    if m is None:
        return title
    numbered = match_heading(m.group(1).strip())
    if numbered is not None and numbered[1] and numbered[0] not in ("part", *BARE_LABELS):
        return numbered[2].strip()
    return m.group(1).strip()


def heading_names(title: str) -> tuple[list[str], list[str], str]:
    """Acronyms, English names and the Chinese name in a heading title."""
    title = unframed(title)
    acronyms: list[str] = []
    english: list[str] = []
    pair = glossed(PAREN_RE.sub(" ", title).strip())
    if pair:
        english.append(pair[1])
        title = title.replace(pair[1], " ")
    for group in PAREN_RE.findall(title):
        for part in re.split(r"\s*[,，]\s*", group.strip()):
            if ACRONYM_RE.match(part) and sum(c.isupper() for c in part) >= 2:
                acronyms.append(part)
            elif re.search(r"[A-Za-z]{3,}", part):
                english.append(part)
    chinese = re.sub(r"\s+", " ", PAREN_RE.sub(" ", title)).strip()
    chinese = re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff：:，,])", "", chinese)
    return acronyms, english, chinese


@per_report
def bare(title: str) -> str:
    """A title without its bracketed remarks and names: what it is, not what it adds."""
    title = unframed(title)
    stripped = re.sub(r"\s+", " ", PAREN_RE.sub(" ", title)).strip()
    pair = glossed(stripped)
    return pair[0] if pair else stripped or title


def is_generic(title: str) -> bool:
    if WHEN_WHERE_RE.match(title):
        return True  # 會議時間：112 年 5 月 1 日 is when, not what
    rest = GENERIC_ENGLISH.sub("", GENERIC_WORDS.sub("", PAREN_RE.sub("", title)))
    return len(re.findall(r"[^\W\d_]", rest)) < 2


# Words that call a part the sessions of any meeting: 平行場次, 議程及出席場次,
# 主題場次, 分組場次, 論壇場次, 大會場次, Parallel Sessions, Breakout sessions,
# Main Sessions, Conference Sessions.
# (主題, 分組 only before 場次: 分組討論, 主題會議 name a session or a meeting)
SESSION_PART_WORDS = re.compile(r"(?:主題|分組|專題|全體|分科|論壇|大會|會議|研討會)?場次|平行|"
                                r"(?:main|thematic|conference|forum)\s+sessions?|sessions?|parallel|"
                                r"concurrent|(?:parallel\s+)?tracks|"
                                r"breakout|plenary", re.I)


def is_session_part(title: str) -> bool:
    """A title that names sessions in general, without a number or a subject."""
    rest = SESSION_PART_WORDS.sub("", title)
    return not NUMBERED_RE.search(title) and is_generic(rest) and rest != title


def is_short(title: str) -> bool:
    """Short enough to name a place: 30 characters, or 10 words of English."""
    return len(title.split()) <= 10 if title.isascii() else len(title) <= 30


def is_reflection(heading: Heading) -> bool:
    """The part of a report that reflects and recommends: 心得與建議, 結論
    (not a part about visits that also names its reflections: 參訪行程及心得)."""
    title = bare(heading.title)
    return bool(REFLECTION_RE.search(title)) and is_generic(title) \
        and not (is_visit_part(heading) and VISIT_PART_WORDS.search(title))


def is_visit_part(heading: Heading) -> bool:
    """A part whose title says the trip visited places, and names nothing else
    than its purpose: 參訪機構與研究過程, 參、參訪行程, 三、考察內容, Site visits.
    Its child headings are the sites; the part itself is none."""
    return names_only_its_part(heading, VISIT_PART_RE)


def letters_left(rest: str) -> int:
    """The letters of a part title's rest that name something (not a word any report uses)."""
    return len(re.findall(r"[^\W\d_]", GENERIC_ENGLISH.sub("", GENERIC_WORDS.sub("", rest))))


def is_stay_part(heading: Heading) -> bool:
    """A part whose title says where the traveller stayed or worked, and
    nothing else: 第二章　實習過程, 貳、研究機構, 駐點單位; not one that
    introduces the host (實習機構簡介, 研究單位概況): its headings describe the
    host's divisions, none of them a place the stay went to."""
    return names_only_its_part(heading, STAY_PART_RE) \
        and not HOST_PROFILE_RE.search(bare(heading.title))


def names_only_its_part(heading: Heading, part_re: re.Pattern) -> bool:
    """A title that part_re finds in, with fewer than two letters left that
    name something once that part's words and the visits' words are out."""
    title = bare(heading.title)
    if not part_re.search(title):
        return False
    rest = VISIT_PART_WORDS.sub("", part_re.sub("", title))
    return letters_left(rest) < 2


def is_event_part(heading: Heading) -> bool:
    """A part whose title says it holds a programme of events: 主題活動,
    周邊活動（Side Events）, Events. Its child headings are the events."""
    return bool(EVENT_PART_RE.search(bare(heading.title))) and not is_reflection(heading)


def is_course_part(heading: Heading) -> bool:
    """A part whose title says it holds the courses taken, and nothing else:
    第二章　修習課程, 參、課程內容, Courses taken. Its child headings are the
    courses (modules of a degree or a training)."""
    return bool(COURSE_PART_RE.match(letters_only(bare(heading.title))))


def is_minutes_part(heading: Heading) -> bool:
    """A part that records talks or a meeting item by item, and names none:
    三、會談紀要, 貳、會議過程, 諮商經過. Unless one of them is a meeting of its
    own, its child headings are the items of that meeting's agenda."""
    title = bare(heading.title)
    return bool(MINUTES_PART_RE.search(title)) and is_generic(title) \
        and not is_visit_part(heading) and not is_reflection(heading)


def letters_only(title: str) -> str:
    """A part title without its English gloss and spaces, lower-cased:
    修習課程 Courses → 修習課程; Courses taken → coursestaken."""
    if re.search(r"[\u3400-\u9fff]", title):
        title = re.sub(r"[A-Za-z][A-Za-z\s'&-]*$", "", title)
    return re.sub(r"[\W\d_]", "", title).lower()


def names_body(title: str) -> bool:
    """A short title that names a body (an office, a laboratory, a plant), or
    names one before a colon and then the subject learnt there (荷蘭健康照護局：
    DBC支付制度, Deltares: Flood Forecasting)."""
    return any(BODY_NOUN_RE.search(name.strip()) and is_short(name.strip())
               for name in (title, re.split(r"[：:]", title, maxsplit=1)[0]))


def is_annex(entry_style: str, heading: Heading) -> bool:
    return entry_style == "appendix" or is_annex_part(heading)


class UnitFinder:
    """Walks a report's outline and tells which headings are units, and of what kind."""

    def __init__(self, report: Report):
        self.report = report
        # A label in brackets reads as it would without them (〈第一日〉 a day).
        self.styles = {e.heading: unbracketed(e.style, e.heading)[0] for e in report.outline}
        self.kinds: dict[Heading, str] = {}
        self.closed_parts: dict[Heading, bool] = {}
        self.children: dict[Heading, list[Heading]] = {}
        # Headings over a labelled session, day or stop (Session 2, Day 3,
        # 分組會議 B): parts holding a programme, not a unit of it.
        self.over_labelled: set[Heading] = set()
        for entry in report.outline:
            if entry.parents:
                self.children.setdefault(entry.parents[-1], []).append(entry.heading)
            if entry.style in LABELLED and entry.style != "date":
                self.over_labelled.update(entry.parents)

    def excluded(self, entry: OutlineEntry) -> bool:
        return any(self.closed(h) for h in (*entry.parents, entry.heading))

    def closed(self, heading: Heading) -> bool:
        """A reflections part or an appendix: nothing in it is a unit."""
        if heading not in self.closed_parts:
            self.closed_parts[heading] = is_reflection(heading) or is_annex(
                self.styles.get(heading, ""), heading)
        return self.closed_parts[heading]

    def kind(self, entry: OutlineEntry) -> str | None:
        heading, parents, style = entry.heading, entry.parents, self.styles[entry.heading]
        if style == "date" and entry.leaf is not None:
            return None  # a date line with nothing under it heads no day
        if style in LABELLED:
            return LABELLED[style]
        title = bare(heading.title)
        if day_line(title) is not None:
            return "day"  # a date, a day of the trip: 一、112年11月6日（星期一）
        if is_generic(title) or title.endswith("議題"):
            return None
        if heading in self.over_labelled and not ENDS_IN_MEETING_RE.search(title):
            return None  # Daily Sessions over Day 1 …; 會員大會、分組會議及參訪 over 分組會議 A
        if DAY_RE.search(title):
            return "day"
        if STOP_RE.search(title):
            return "site"
        if SESSION_RE.search(title):
            if is_session_part(title):
                return None  # 平行場次, Parallel Sessions: the sessions are its children
            return "session"
        if is_course_part(heading):
            return None  # the courses are its children
        parent = parents[-1] if parents else None
        inside = any(p in self.kinds for p in parents)
        # A course taken; an item of the talks' agenda, unless the minutes are
        # of a meeting the outline names (its items stay items of it).
        if parent is not None and is_short(title) and not ENDS_IN_MEETING_RE.search(title) \
                and (is_course_part(parent) or (self.agenda_part(parent) and not inside)):
            return "session"
        # An event of a part that holds a programme of events (臺灣館主題活動,
        # 周邊活動, Side Events): a session of it, whatever it is called.
        if parent is not None and is_event_part(parent) and is_short(title) \
                and not VISIT_RE.search(title):
            return "session"
        # A part of sessions (Sessions Attended, 平行場次): its short children are
        # the sessions, whatever they are called (IPS 112: <subject>).
        if parent is not None and is_session_part(bare(parent.title)) and is_short(title) \
                and not VISIT_RE.search(title):
            return "session"
        # A course taken during a stay (an internship's classroom training) is
        # a part of the stay, as a course of a course part is.
        if parent is not None and is_stay_part(parent) and COURSE_END_RE.search(title) \
                and is_short(title):
            return "session"
        # Inside a meeting, 利害關係人諮商 is a subject discussed, not talks held.
        ends_in_meeting = bool(ENDS_IN_MEETING_RE.search(title) or AWARD_END_RE.search(title)) \
            and not (inside and SUBJECT_ENDS_RE.search(title))
        if is_visit_part(heading) or self.holds_days(heading) and not ends_in_meeting:
            # The sites are its children, or the days they were visited on (a
            # meeting's days are the meeting's: 第五屆…會議 over Day 1, Day 2).
            return None
        if self.under_visits(parents) and not ends_in_meeting and is_short(title):
            return "site"
        if parents and is_stay_part(parents[-1]) and names_body(title):
            return "site"
        if ends_in_meeting or NAMED_ANYWHERE_RE.search(DESCRIBED_MEETING_RE.sub("", title)):
            acronyms, english, _ = heading_names(heading.title)
            # Inside a meeting, an item that mentions a meeting is one only when
            # it is named as one: "(四) 2016 海關與企業對話結論" is not.
            if not inside or ends_in_meeting or (
                    (acronyms or english) and ENDS_IN_MEETING_RE.search(heading.title)):
                return "meeting"
        if VISIT_RE.search(title):
            return "site"
        return None

    def holds_days(self, heading: Heading) -> bool:
        """A part whose headings are days of the trip (三、布里斯本參訪 over
        （一）第8天 …): a stretch of it, whatever it is called, not one site."""
        return any(LABELLED.get(self.styles.get(child, "")) == "day"
                   or DAY_RE.search(bare(child.title)) or day_line(bare(child.title)) is not None
                   for child in self.children.get(heading, ()))

    def agenda_part(self, heading: Heading) -> bool:
        """A minutes part (is_minutes_part) none of whose items is a meeting, a
        day or a part about visits: its items are one meeting's agenda."""
        return is_minutes_part(heading) and not any(
            ENDS_IN_MEETING_RE.search(bare(child.title)) or DAY_RE.search(child.title)
            or is_visit_part(child) for child in self.children.get(heading, ()))

    def under_visits(self, parents: tuple[Heading, ...]) -> bool:
        """Right under a part about visits, or under a day of it: not inside a site."""
        for i in range(len(parents) - 1, -1, -1):
            parent = parents[i]
            if is_visit_part(parent):
                return True
            if self.kinds.get(parent) != "day" and not is_generic(bare(parent.title)):
                return False
        return False

    def find(self) -> dict[Heading, str]:
        entries = [e for e in self.report.outline if not self.excluded(e)]
        for entry in entries:
            kind = self.kind(entry)
            if kind is not None and entry.heading not in self.kinds:
                self.kinds[entry.heading] = kind
        # Items numbered beside a session are items of the same agenda.
        session_levels = {(e.parents, e.style) for e in entries
                          if self.kinds.get(e.heading) == "session" and (
                              self.styles[e.heading] in LABELLED
                              or NUMBERED_SESSION_RE.search(e.heading.title))}
        for entry in entries:
            if entry.heading in self.kinds or (entry.parents, entry.style) not in session_levels:
                continue
            title = bare(entry.heading.title)
            if AGENDA_ITEM_RE.search(title) or not is_generic(title):
                self.kinds[entry.heading] = "session"
        order = {e.heading: i for i, e in reversed(list(enumerate(entries)))}
        return dict(sorted(self.kinds.items(), key=lambda item: order[item[0]]))


def unit_names(report: Report, heading: Heading, style: str = "") -> list[str]:
    title = heading.title
    acronyms, english, chinese = heading_names(title)
    parts = [part.strip() for part in re.split(r"[：:]", chinese) if len(part.strip()) >= 2]
    # "周邊活動：<name>分享會" is the 分享會; "議題一：<title>" keeps its label.
    named = parts[-1] if len(parts) > 1 and is_generic(parts[0]) \
        and not NUMBERED_RE.search(parts[0]) else chinese
    if style == "date":  # a day's date, without its weekday, and its title
        named = bare_date(heading.label) + (f" {named}" if heading.label != title else "")
    elif style in LABELLED and heading.label and heading.label != title:
        named = f"{heading.label} {named}".strip()
    key = acronyms[-1] if acronyms else named
    names = [key, *acronyms, named, chinese, *english, title]
    if style in LABELLED or style == ANGLED and NAMING_LABEL_RE.search(heading.label):
        names.append(heading.label)  # 第一日; 結業考試 of 〈結業考試〉<title>
        # A date of numbers alone reads as the day inside the trip (3/8（二）
        # on a trip in August is 8月3日), in the trip's year.
        trip = Trip.of(report.period_start, report.period_end)
        if style == "date":  # 2023年8月7日（星期一） answers to 2023-08-07 and 8月7日
            names += (title_day_names(heading.label, trip) if trip else []) \
                or day_names(heading.label)
        elif style == "day":  # Day 1（8/7） answers to 8月7日
            names += title_day_names(title, trip)
    else:
        # "二、Day 7–9（9月12日至14日）風險管理" answers to Day 7–9 as written.
        inner = match_heading(bare(title))
        if inner is not None and inner[0] in LABELLED:
            names += [inner[1], f"{inner[1]} {inner[2]}"]
    # "第一場次：GHS 標示" answers to 第一場次 and to GHS 標示 too.
    names += parts
    for part in re.split(r"[-/]", key):
        names.extend(alias_names(report, part))
    return unique(names)


def alias_names(report: Report, name: str) -> list[str]:
    key = name_key(name)
    for group in report.glossary:
        if any(name_key(n) == key for n in group):
            return group
    return []


def find_units(report: Report) -> list[Meeting]:
    """The units of a report, in order, and each passage's units and meeting."""
    kinds = UnitFinder(report).find()
    subtitle = english_subtitles(report, kinds)
    for child in subtitle.values():
        kinds.pop(child, None)
    read = {e.heading: unbracketed(e.style, e.heading) for e in report.outline}
    trip = Trip.of(report.period_start, report.period_end)
    units = {h: Meeting(*first_and_all(unit_names(report, read[h][1], read[h][0])
                                       + (day_unit_names(read[h][1], trip) if kind == "day"
                                          else [])
                                       + (unit_names(report, subtitle[h]) if h in subtitle
                                          else [])),
                        kind)
             for h, kind in kinds.items()}
    # Agenda items or lectures with no meeting heading above them are parts of
    # the meeting the title ends in (minutes of a 會談 whose body is its 議題):
    # it is the outermost unit. Days are not: a tour's days are the trip's.
    sessions_only = units and all(u.kind == "session" for u in units.values())
    whole = title_meeting(report, ending=bool(sessions_only)) \
        if sessions_only or not units else None
    leaves = {id(e.leaf): e.heading for e in report.outline if e.leaf is not None}
    for passage in report.passages:
        path = passage.section
        if id(passage) in leaves:
            path = (*path, leaves[id(passage)])  # a heading with nothing under it
        found = [units[h].key for h in path if h in units]
        if whole is not None:
            found = [whole.key, *found]
        passage.units = list(dict.fromkeys(found))
        passage.meeting = found[0] if found else None
    return ([] if whole is None else [whole]) + list(units.values())


def english_subtitles(report: Report, kinds: dict[Heading, str]) -> dict[Heading, Heading]:
    """A unit heading's English title on the line under it (第一節　運輸需求模型 /
    Transport Demand Modelling (TRAN5340M)): its first child heading, in Latin
    script, with no text of the unit's own before it. The subtitle names the
    unit; it is no unit of its own."""
    first_under: dict[Heading, Heading | None] = {}
    for entry in report.outline:
        if entry.parents:
            first_under.setdefault(entry.parents[-1], entry.heading)
    for passage in report.passages:  # text right under a heading comes before any child
        for k, heading in enumerate(passage.section):
            first_under.setdefault(heading, passage.section[k + 1]
                                   if k + 1 < len(passage.section) else None)
    out = {}
    for heading in kinds:
        child = first_under.get(heading)
        if child is not None and LATIN_TITLE_RE.match(bare(child.title)) \
                and not child.label:
            out[heading] = child
    return out


def first_and_all(names: list[str]) -> tuple[str, list[str]]:
    names = unique(names)
    return names[0], names


def day_unit_names(heading: Heading, trip: Trip | None = None) -> list[str]:
    """The date a day's heading holds, by every name, read inside the `trip`
    (datelines.title_day_names)."""
    return title_day_names(f"{heading.label} {heading.title}", trip)


def title_meeting(report: Report, ending: bool = False) -> Meeting | None:
    """The meeting a report's title names, when no heading names a unit: the
    whole report is about it (出席…委員會第 14 次會議報告). `ending`: only a
    title that ends in a meeting noun, not one that mentions a meeting."""
    title = TITLE_FRAME_RE.sub("", report.title.strip())
    if not title or not MEETING_RE.search(title) or is_generic(title):
        return None
    if ending:
        if not ENDS_IN_MEETING_RE.search(MINUTES_TAIL_RE.sub("", bare(title))):
            return None
        # (its names in brackets are its names still: …年會（GA 2025）)
        title = MINUTES_TAIL_RE.sub("", title)
    names = unit_names(report, Heading(0, "", title))
    return Meeting(names[0], names, "meeting")


def unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        k = name_key(item)
        if item and k not in seen:
            seen.add(k)
            out.append(item)
    return out
