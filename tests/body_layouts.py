"""One structured report body rendered in many layouts, with what parsing it must give back.

A body is a tree of headings (four levels at most) with paragraphs: a purpose
part, a part about the trip (a meeting with sessions and opening/closing items
or agenda items, a meeting named inside it, a side event, a visit part with
its sites, days of a course), a reflections part whose headings mention
meetings, and appendices that paragraphs refer to. A layout picks a numbering
family per level (壹、/一、/（一）/(1)/1./1、/1)/第一章/第一節/Ⅰ、/I./i)/A./(a)/(A),
full- or half-width, or a decimal outline 1./1.1/1.1.1/1.1.1.1), the way
sessions, days and agenda items are labelled, the appendices' label style
(附錄一, 附錄 B, 附件 3, Annex 2, Appendix B), agenda items in 【】 under the
meeting's numbered heading, a bar between a session's own label and its
title (Session 1｜<title>), whether they stand under a part
heading, blank lines between blocks or none, and paragraph indents.
`render(layout)` gives the text and the `Expected` structure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from hypothesis import strategies as st

ZH = "一二三四五六七八九十"
UPPER = "壹貳參肆伍陸柒捌玖拾"
ROMAN_FULL = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LATIN = "ABCDEFGH"
STEMS = "甲乙丙丁戊己庚辛壬癸"  # 附件甲, 附件乙
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# A numbering family: its parse family (two spellings of one family cannot
# number two levels) and the label of its n-th heading (n from 0).
FAMILIES = {
    "upper": ("upper", lambda n: f"{UPPER[n]}、"),
    "zh": ("zh", lambda n: f"{ZH[n]}、"),
    "zh-paren-full": ("zh-paren", lambda n: f"（{ZH[n]}）"),
    "zh-paren-half": ("zh-paren", lambda n: f"({ZH[n]}) "),
    "chapter": ("chapter", lambda n: f"第{ZH[n]}章　"),
    "section": ("section", lambda n: f"第{ZH[n]}節 "),
    "roman-full": ("roman", lambda n: f"{ROMAN_FULL[n]}、"),
    "roman": ("roman", lambda n: f"{ROMAN[n]}. "),
    "roman-lower": ("roman-lower", lambda n: f"{ROMAN[n].lower()}) "),
    "latin": ("latin", lambda n: f"{LATIN[n]}. "),
    "latin-paren": ("latin-paren", lambda n: f"({LATIN[n].lower()}) "),
    "latin-upper-paren": ("latin-upper-paren", lambda n: f"({LATIN[n]}) "),
    # a. b. c., and ａ．ｂ．ｃ． in full-width letters
    "latin-lower": ("latin-lower", lambda n: f"{LATIN[n].lower()}. "),
    "latin-lower-full": ("latin-lower", lambda n: full_width(f"{LATIN[n].lower()}.")),
    "roman-paren": ("roman-paren", lambda n: f"({ROMAN[n]}) "),
    "roman-paren-full": ("roman-paren", lambda n: f"（{ROMAN_FULL[n]}）"),
    "arabic": ("arabic", lambda n: f"{n + 1}. "),
    "arabic-full": ("arabic", lambda n: full_width(f"{n + 1}.")),
    "arabic-comma": ("arabic-comma", lambda n: f"{n + 1}、"),
    "arabic-paren": ("arabic-paren", lambda n: f"({n + 1})"),
    "arabic-paren-full": ("arabic-paren", lambda n: full_width(f"({n + 1})")),
    "arabic-half-paren": ("arabic-half-paren", lambda n: f"{n + 1}) "),
    "arabic-bare": ("arabic-bare", lambda n: f"{n + 1} "),
    "stem": ("stem", lambda n: f"{STEMS[n]}、"),
    "stem-paren": ("stem-paren", lambda n: f"（{STEMS[n]}）"),
    "circled": ("circled", lambda n: CIRCLED[n]),
    "circled-spaced": ("circled", lambda n: f"{CIRCLED[n]} "),
    "chapter-arabic": ("chapter", lambda n: f"第{n + 1}章　"),
    # 第壹章, 第貳節: the formal numerals count chapters and sections too.
    "chapter-upper": ("chapter", lambda n: f"第{UPPER[n]}章　"),
    "section-upper": ("section", lambda n: f"第{UPPER[n]}節　"),
    "chapter-english": ("chapter", lambda n: f"Chapter {n + 1}　"),
    "part-zh": ("volume", lambda n: f"第{ZH[n]}部分　"),
    "part-english": ("volume", lambda n: f"Part {ROMAN[n]}　"),
    "arabic-bare-ideographic": ("arabic-bare", lambda n: f"{n + 1}　"),
    # 壹　前言, 一　緣起: a formal or Chinese numeral parted from its title by a
    # space alone, the family its 、 would make.
    "upper-spaced": ("upper", lambda n: f"{UPPER[n]}　"),
    "zh-spaced": ("zh", lambda n: f"{ZH[n]} "),
    # Headings marked by a sign, each sign a family (■ over ◎): drawn where
    # blank lines part the blocks (two marked lines in a row are a list's).
    "mark-square": ("mark■", lambda n: "■ "),
    "mark-circle": ("mark◎", lambda n: "◎ "),
    "mark-diamond": ("mark◆", lambda n: "◆\u3000"),
    # A bar before a numbered label (▍壹、前言): the numbers' family still.
    "upper-barred": ("upper", lambda n: f"▍{UPPER[n]}、"),
    "zh-barred": ("zh", lambda n: f"▌ {ZH[n]}、"),
    # A label in angle brackets (〈一〉緣起): the brackets are a family.
    "angle-zh": ("angle", lambda n: f"〈{ZH[n]}〉"),
    "angle-arabic": ("angle", lambda n: f"〈{n + 1}〉"),
}
MARKED = {"mark-square", "mark-circle", "mark-diamond"}
# Families that only a top level may take (a chapter closes what was open).
TOP_ONLY = {"chapter", "chapter-arabic", "chapter-english", "chapter-upper", "part-zh",
            "part-english"}
# Outlines numbered by their place alone: 1.2.3 (decimal) and, under 第1章 or
# Chapter 1, 1-2-3 (hyphen), or under 第１章 １．２．３ in full-width digits
# parted from the title by an ideographic space (decimal-full).
# §1 / §1.1 / §1.1.1: a decimal outline after the section sign (sign-decimal).
# Chapter 1 <title> over 1.1. / 1.1.1.: decimals each closed by a dot
# (decimal-dotted).
OUTLINES = {"decimal": ".", "hyphen": "-", "hyphen-english": "-", "decimal-full": ".",
            "sign-decimal": ".", "decimal-dotted": "."}

TOPICS = ["風險管理", "數位轉型", "供應鏈安全", "跨境電子商務", "食品安全", "碳邊境調整",
          "智慧海關", "檢疫制度", "原產地規則", "資料保護", "港口保全", "標準調和"]
# Where a stay's traveller worked (an internship, a research stay): bodies.
STAY_PLACES = ["氣象廳本廳地震火山部", "國立衛生研究所", "大阪管區氣象台", "聯邦材料測試研究院",
               "Fraunhofer 研究所", "職業醫學中心", "分子流行病學組", "品質保證科"]
STAY_TITLES = ("實習過程", "駐點研究機構", "見習單位")
COURSE_PARTS = ["修習課程", "課程內容", "進修課程"]
COURSES = ["運輸需求模型", "公共運輸規劃", "品質管理系統", "風險評估方法"]
COURSE_ENGLISH = ["Transport Demand Modelling", "Public Transport Planning",
                  "Quality Management Systems", "Risk Assessment Methods"]
PLACES = ["雪梨機場檢疫站", "墨爾本港務局", "東京羽田貨運站", "新加坡樟宜物流園", "釜山新港碼頭",
          "鹿特丹港口管理局", "Schiphol Airport Cargo Terminal"]
NAMES = ["亞太海關", "東協貿易", "國際標準", "全球檢疫", "區域物流", "跨國稽核"]
ACRONYMS = ["APCF", "ATWG", "ISMC", "GQF", "RLSC", "XAUD"]
ENGLISH = ["Asia Pacific Customs Forum", "ASEAN Trade Working Group",
           "International Standards Meeting Council", "Global Quarantine Forum",
           "Regional Logistics Steering Committee", "Cross-border Audit Dialogue"]
ENGLISH_TOPICS = ["Trade Facilitation Agreement Implementation", "Risk Management Tools",
                  "Single Window Interoperability", "Authorized Economic Operators"]
# Wrapped lines that start with a number are not headings: a quantity, an article.
QUANTITY_PARAGRAPH = ("歐盟本年度相關預算達\n1.1 億歐元，較前一年度增加\n73.5%，並依第\n"
                      "7.7 條規定辦理。")
APPENDIX_TITLES = ["會議議程", "與會人員名單", "主席總結報告", "簡報資料", "合作備忘錄全文"]


@dataclass(frozen=True)
class AnnexStyle:
    word: str  # 附錄, 附件, Annex, Appendix
    index: str  # zh, digit, letter
    space: bool
    sep: str

    def index_text(self, n: int) -> str:
        return {"zh": ZH[n - 1], "digit": str(n), "letter": LATIN[n - 1],
                "stem": STEMS[n - 1]}[self.index]

    def label(self, n: int) -> str:
        space = " " if self.space or self.word.isascii() else ""
        return f"{self.word}{space}{self.index_text(n)}"

    def reference(self, n: int, form: int) -> str:
        label = self.label(n)
        if self.word.isascii():
            return [f"(see {label})", f"，see {label}", f"({label})"][form]
        return [f"(全文詳{label})", f"，詳如{label}", f"({label})"][form]


@dataclass
class Layout:
    families: list[str]  # per level, or ["decimal"]
    own_labels: bool  # sessions, days, agenda items labelled "Session 1:", "Day 1", "議題一："
    annex: AnnexStyle
    annex_part: str | None  # a part heading over the appendices (附錄, 柒、附件) or none
    blank_lines: bool
    indent: bool
    acronym: bool  # the meeting carries its English name and acronym
    sites: bool
    days: bool
    agenda: bool  # agenda items (議題一) rather than sessions
    side_event: bool
    nested_meeting: bool
    topic_shift: int  # rotates the name pools
    session_word: str = "Session"  # Session 1, 第一場次, Module 1, 模組一, Track A-1 or 分組會議 A
    # Day 1, 第1天 or 第一天, 第一個月 (a month of a long stay), 第一學期 or Fall
    # Semester 2024 (a term of a year's study), or "date": a date line
    # (DATE_FORMS).
    day_word: str = "Day"
    date_form: int = 0  # which of DATE_FORMS a date line takes
    date_title: str = ""  # after a date line's date: "" (the date alone), or a separator
    english: bool = False  # an English subheading among the Chinese ones
    quantities: bool = False  # a paragraph whose wrapped lines start with 1.1 億, 73.5%
    # Under the agenda items with paragraphs: an unnumbered English subtitle
    # line over them ("titles"), or an English sentence as their paragraph.
    english_lines: str = ""
    visit_title: str = "參訪行程"  # the part about visits: 參訪機構與研究過程, Site visits…
    visits_top: bool = False  # the visit part is a top-level part, not inside the process
    visit_day: bool = False  # a day of the visits, with a site under it
    ranges: bool = False  # a day and a session label spanning several (Day 2–4, Session 2-3)
    # Other kinds of trip: the meeting's noun (a bilateral 會談 or 諮商), the
    # agenda items' word (議題一, 案由一, 提案一, 議程第1項), and sites named by their
    # visit (考察…, 拜會…, 實地查核：…) beside the meeting, outside a visit part.
    meeting_noun: str = "會議"
    agenda_word: str = "議題"
    site_verb: str = ""
    subject_talks: bool = False  # a fourth-level subject that ends in 諮商
    nested_noun: str = "主題會議"  # the meeting inside the meeting: 主題會議, 雙邊會談
    site_label: str = ""  # the visit part's sites numbered as stops: 第{zh}站, Site {n}
    process_title: str = "會議過程"  # the part over the meeting: 會議紀要, 雙邊會談紀要…
    day_date: int = 0  # which of DAY_DATES dates a labelled day in brackets
    # The gap after a labelled day's label: a space, an ideographic space, or
    # both mixed (Day 2　（11/7）…, 第2天 　…).
    day_sep: str = " "
    # The part over the days: a course's log, or a stretch of the trip named
    # by its city and a visit (布里斯本參訪), the days' sites under it.
    days_title: str = "研習課程紀要"
    # Part titles glossed in English (目的 Purpose, 實習過程 Programme, 心得與建議
    # Reflections and Recommendations): the gloss names no unit.
    gloss: bool = False
    # A part of the courses taken (修習課程), each course a unit with an
    # unnumbered English subtitle under it (a name of the course, no unit).
    courses: bool = False
    # Minutes of talks no heading names: the process part holds the agenda's
    # items (opening, topics with English names, signing), each a session.
    minutes: bool = False
    # Agenda items labelled of their own written in 【】 under the numbered
    # meeting heading (【議題一　風險管理】): sub-titles nested under it.
    bracketed: bool = False
    # A bar between an own-labelled session's label and its title (Session 1｜<title>).
    bar: bool = False
    # Headings marked as Markdown marks them, a hash a level (# 壹、目的, ## 一、…).
    hashes: bool = False
    # Labels of their own in angle brackets, the title right after them
    # (〈Session 1〉<title>, 〈第一天〉<title>, 〈第一站〉<place>).
    angled: bool = False


@dataclass
class Node:
    title: str
    children: list[Node] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    unit: tuple[str, str] | None = None  # (key, kind)
    own_label: str = ""  # "Session 1" replaces the level's label
    own_sep: str = "："
    bracketed: bool = False  # the label and title written inside 【】
    # A line with no label: read as a "heading", or as a "paragraph" (with the
    # node's paragraphs under the node's parent).
    unnumbered: str = ""
    date: str = ""  # the date a day answers to (11月6日)


Placed = tuple[tuple[str, ...], str]  # a passage's section titles and squashed text


@dataclass
class Expected:
    headings: list[tuple[int, str]] = field(default_factory=list)
    units: list[tuple[str, str]] = field(default_factory=list)
    annexes: list[tuple[int, str, str]] = field(default_factory=list)
    # (section titles, text) of every passage, in order; texts squashed.
    passages: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    # The annexes each passage cites, by its squashed text.
    citations: dict[str, list[int]] = field(default_factory=dict)
    # The date a day unit answers to (8月7日), by the unit's key.
    day_dates: dict[str, str] = field(default_factory=dict)
    # Lines that are text and may be a paragraph of their own or begin the
    # next one: the passages give them joined to it.
    runs_on: set[str] = field(default_factory=set)

    def joined(self, passages: list[Placed]) -> list[Placed]:
        out: list[Placed] = []
        for section, text in passages:
            if out and out[-1][0] == section and out[-1][1] in self.runs_on:
                out[-1] = (section, out[-1][1] + text)
            else:
                out.append((section, text))
        return out


def pick(pool: list[str], shift: int, i: int) -> str:
    return pool[(shift + i) % len(pool)]


def body_tree(layout: Layout) -> tuple[list[Node], list[Node]]:
    """The body's top-level parts and its appendices."""
    s = layout.topic_shift
    counter = iter(range(1000))

    def para(text: str) -> str:
        # Lengths vary as a report's paragraphs do (alike, they would read as
        # a text wrapped at one width).
        n = next(counter)
        more = "，各國亦分享相關制度之設計與推動時程" * (n * 7 % 5)
        return f"第{n}段說明{text}之執行情形與各國經驗{more}。"

    gloss = (lambda zh, en: f"{zh} {en}") if layout.gloss else (lambda zh, en: zh)
    purpose = Node(gloss("目的", "Purpose"), paragraphs=[para("本次出國")])
    # A bracketed remark says 場次: no unit.
    purpose.children.append(Node(f"{pick(TOPICS, s, 0)}（本場次由主辦國說明）",
                                 paragraphs=[para(pick(TOPICS, s, 0))]))
    name = pick(NAMES, s, 0)
    if layout.acronym:
        acronym, english = pick(ACRONYMS, s, 0), pick(ENGLISH, s, 0)
        meeting = Node(f"{name}{layout.meeting_noun} ({english}, {acronym})",
                       unit=(acronym, "meeting"))
    else:
        meeting = Node(f"{name}{layout.meeting_noun}", unit=(f"{name}{layout.meeting_noun}",
                                                             "meeting"))
    meeting.paragraphs.append(para(name) + "(附件 1)")
    items: list[Node] = []
    if layout.agenda:
        for i in range(3):
            topic = pick(TOPICS, s, i + 1)
            word = layout.agenda_word.format(zh=ZH[i], n=i + 1) if "{" in layout.agenda_word \
                else f"{layout.agenda_word}{ZH[i]}"
            if layout.own_labels and layout.bracketed and not layout.english_lines:
                items.append(Node(topic, own_label=word, own_sep="\u3000", bracketed=True,
                                  unit=(f"{word}{topic}", "session")))
            elif layout.own_labels:
                items.append(Node(topic, own_label=word, unit=(f"{word} {topic}", "session")))
            else:
                items.append(Node(f"{word}：{topic}", unit=(f"{word}：{topic}", "session")))
    else:
        if not layout.own_labels:
            items.append(Node("開幕式", unit=("開幕式", "session")))
        for i in range(2):
            topic = pick(TOPICS, s, i + 1)
            word = {"Session": f"Session {i + 1}", "Module": f"Module {i + 1}",
                    "模組": f"模組{ZH[i]}", "Lecture": f"Lecture {i + 1}",
                    "講": f"第{ZH[i]}講", "主題": f"主題{ZH[i]}",
                    # a conference's parallel tracks and breakouts, lettered
                    "Track": f"Track {'AB'[i]}-{i + 1}", "分組會議": f"分組會議 {'AB'[i]}",
                    # 第一單元 under a family's label; as a label of its own, 單元一.
                    "單元": f"單元{ZH[i]}" if layout.own_labels else f"第{ZH[i]}單元"}.get(
                        layout.session_word, f"第{ZH[i]}場次")
            if layout.ranges and i == 1:  # one session over two slots
                word = {"Session": "Session 2-3", "Module": "Module 2–3"}.get(
                    layout.session_word, "第二至三場次" if layout.session_word == "場次" else word)
            sep = "｜" if layout.bar else ": " if layout.session_word.isascii() else "："
            if layout.own_labels:
                items.append(Node(topic, own_label=word, own_sep=sep,
                                  unit=(f"{word} {topic}", "session")))
            else:
                items.append(Node(f"{word}{sep}{topic}", unit=(f"{word}{sep}{topic}", "session")))
        if not layout.own_labels:
            items.append(Node("閉幕式", unit=("閉幕式", "session")))
    for i, item in enumerate(items):
        if i % 2 == 0 and layout.english_lines == "sentences":
            item.paragraphs.append(f"The delegates agreed on the {['first', 'next'][i // 2]} item.")
        elif i % 2 == 0:
            item.paragraphs.append(para(item.title))
        if i % 2 == 0 and layout.english_lines == "titles":
            # A subheading when the report has one under two items or more.
            item.children.append(Node(pick(ENGLISH_TOPICS, s, i // 2 + 1), [], item.paragraphs,
                                      unnumbered="heading" if len(items[::2]) >= 2
                                      else "paragraph"))
            item.paragraphs = []
        if i == 1:  # a fourth level under a session: topics, no unit
            item.children.append(Node(f"{pick(TOPICS, s, 6)}之討論",
                                      paragraphs=[para("分組")]))
            if layout.english:
                item.children.append(Node(pick(ENGLISH_TOPICS, s, 0), paragraphs=[para("英文")]))
            if layout.quantities:
                item.children[0].paragraphs.append(QUANTITY_PARAGRAPH)
            if layout.subject_talks:  # a subject discussed, though it ends in 諮商
                item.children.append(Node(f"{pick(TOPICS, s, 7)}公眾諮商",
                                          paragraphs=[para("諮商")]))
    meeting.children = items
    if layout.nested_meeting and not layout.own_labels:
        topic = pick(TOPICS, s, 4)
        name = f"{topic}{layout.nested_noun}"  # 主題會議, or talks on the margins
        meeting.children.append(Node(name, [], [para(topic)], unit=(name, "meeting")))
    process = Node(layout.process_title, children=[meeting])
    if layout.minutes:
        # The talks' items stand right under the minutes part: no meeting heading.
        process.children = [Node("開幕致詞", paragraphs=[para("開幕")],
                                  unit=("開幕致詞", "session"))]
        for i in range(2):
            topic = pick(TOPICS, s, i + 1)
            process.children.append(Node(f"{topic}（{pick(ENGLISH_TOPICS, s, i)}）",
                                         paragraphs=[para(topic)], unit=(topic, "session")))
        process.children.append(Node("會議紀錄簽署", paragraphs=[para("簽署") + "(附件 1)"],
                                     unit=("會議紀錄簽署", "session")))
    if layout.side_event and not layout.minutes:
        event = pick(NAMES, s, 1)
        process.children.append(Node(f"周邊活動：{event}分享會", paragraphs=[para(event)],
                                     unit=(f"{event}分享會", "meeting")))
    if layout.site_verb and not layout.minutes:  # sites named by the visit, beside the meeting
        for i in (3, 4):
            place = pick(PLACES, s, i)
            key = place if layout.site_verb.endswith("：") else f"{layout.site_verb}{place}"
            process.children.append(Node(f"{layout.site_verb}{place}", paragraphs=[para(place)],
                                         unit=(key, "site")))
    parts = [purpose, process]
    if layout.sites:
        # The sites are the visit part's children, whatever else its title says.
        visit_title = gloss(layout.visit_title, "Programme") \
            if not layout.visit_title.isascii() else layout.visit_title
        visits = Node(visit_title, paragraphs=[para("參訪")])
        stay = layout.visit_title in STAY_TITLES  # the bodies stayed at, unnumbered
        for i in range(2):
            place = pick(STAY_PLACES if stay else PLACES, s, i)
            if not layout.site_label or stay:
                visits.children.append(Node(place, paragraphs=[para(place)], unit=(place, "site")))
                continue
            # A numbered stop of the tour: 第一站：<place>, Site 1: <place>.
            label = layout.site_label.format(n=i + 1, zh=ZH[i])
            sep = ": " if label.isascii() else "："
            if layout.own_labels:
                visits.children.append(Node(place, own_label=label, own_sep=sep,
                                            paragraphs=[para(place)],
                                            unit=(f"{label} {place}", "site")))
            else:
                visits.children.append(Node(f"{label}{sep}{place}", paragraphs=[para(place)],
                                            unit=(f"{label}{sep}{place}", "site")))
        # A day of the visits: a day, its sites sites (not beside stops that carry
        # labels of their own: Site 1, Site 2 and Day 5 are no siblings).
        if layout.visit_day and not (layout.site_label and layout.own_labels) and not stay:
            place = pick(PLACES, s, 2)
            title = "Day 5 港口參訪" if layout.own_labels else "第五天：港口參訪"
            day = Node(title, unit=(title, "day"))
            day.children.append(Node(place, paragraphs=[para(place)], unit=(place, "site")))
            visits.children.append(day)
        (parts if layout.visits_top or layout.minutes else process.children).append(visits)
    if layout.days and layout.day_word == "date":
        course = Node(layout.days_title)
        for i in range(3):
            topic = pick(TOPICS, s, 8 + i)
            day, weekday = DATE_FORMS[layout.date_form]
            date = day(8, 7 + i) + weekday(ZH[i])
            if layout.date_title:
                course.children.append(Node(topic, own_label=date, own_sep=layout.date_title,
                                            paragraphs=[para(topic)],
                                            unit=(f"{day(8, 7 + i)} {topic}", "day")))
            else:
                course.children.append(Node(date, paragraphs=[para(topic)], unnumbered="heading",
                                            unit=(day(8, 7 + i), "day")))
        parts.append(course)
    elif layout.days:
        course = Node(layout.days_title)
        for i in range(2):
            topic = pick(TOPICS, s, 8 + i)
            span = layout.ranges and i == 1  # days 2 to 4, dated in brackets
            if layout.own_labels:
                # The weeks of a longer stay's log are its days.
                word = {"Day": f"Day {i + 1}", "digit": f"第{i + 1}天", "日": f"第{ZH[i]}日",
                        "Week": f"Week {i + 1}", "週": f"第{i + 1}週",
                        "月": f"第{ZH[i]}個月", "學期": f"第{ZH[i]}學期",
                        "Semester": f"{('Fall', 'Spring')[i]} Semester {2024 + i}"}.get(
                            layout.day_word, f"第{ZH[i]}天")
                if span:
                    word = {"Day": "Day 2–4", "digit": "第 2 至 4 天", "日": "第二至四日",
                            "Week": "Week 2–4", "週": "第 2～4 週", "月": "第二至四個月",
                            "學期": "第二至三學期", "Semester": "Spring Semester 2025"}.get(
                                layout.day_word, "第二至四天")
                when = "（11月7日至9日）" if span else DAY_DATES[layout.day_date](6 + i)
                label = unicodedata.normalize("NFKC", word)  # 第 2～4 週 is read 第 2~4 週
                # A date in brackets is no part of the day's name; one written
                # bare (112.11.6（一）) is, as the title writes it.
                kept = re.sub(r"[（(][^）)]*[）)]", "", when).strip()
                course.children.append(Node(f"{when}{topic}", own_label=word,
                                            own_sep=layout.day_sep, paragraphs=[para(topic)],
                                            unit=(" ".join(filter(None, (label, kept, topic))),
                                                  "day"),
                                            date=f"11月{6 + i}日"))
            else:
                unit = "週" if layout.day_word in ("Week", "週") else \
                    "個月" if layout.day_word == "月" else \
                    "學期" if layout.day_word in ("學期", "Semester") else "天"
                word = f"第二至四{unit}" if span else f"第{ZH[i]}{unit}"
                course.children.append(Node(f"{word}：{topic}", paragraphs=[para(topic)],
                                            unit=(f"{word}：{topic}", "day")))
        parts.append(course)
    if layout.courses:
        part = Node(pick(COURSE_PARTS, s, 0))
        for i in range(2):
            course = pick(COURSES, s, i)
            subtitle = Node(f"{pick(COURSE_ENGLISH, s, i)} (TRAN{5040 + 100 * i}M)",
                            paragraphs=[para(course)], unnumbered="heading")
            part.children.append(Node(course, [subtitle], unit=(course, "session")))
        parts.append(part)
    reflections = Node(gloss("心得與建議", "Reflections and Recommendations"),
                       paragraphs=[para("心得")])
    reflections.children.append(Node(f"持續參與{name}會議之效益",
                                     paragraphs=[para("參與") + layout.annex.reference(2, 0)]))
    reflections.children.append(Node(f"建議派員出席{pick(NAMES, s, 2)}研討會",
                                     paragraphs=[para("派員") + layout.annex.reference(1, 1)
                                                 + "。"]))
    parts.append(reflections)
    appendices = []
    for n in (1, 2, 3):
        title = pick(APPENDIX_TITLES, s, n)
        if n == 3:
            title += "（本場次由主辦國提供）"
        node = Node(title, own_label=layout.annex.label(n), own_sep=layout.annex.sep)
        if n != 2:
            node.paragraphs.append(para(f"第{n}份文件") + layout.annex.reference(n, 2))
        appendices.append(node)
    return parts, appendices


# A day's date line as training logs and study tours write it: the date
# (month, day) and the weekday (weekday) after it, if any.
DATE_FORMS = [
    (lambda m, d: f"2023年{m}月{d}日", lambda w: f"（星期{w}）"),
    (lambda m, d: f"{m}月{d}日", lambda w: f"({w})"),
    (lambda m, d: f"{m}/{d}", lambda w: f"（{w}）"),
    (lambda m, d: f"112年{m}月{d}日", lambda w: ""),
    (lambda m, d: f"2023/{m:02d}/{d:02d}", lambda w: ""),
    (lambda m, d: f"{m}月{d}日", lambda w: f" 星期{w}"),
    (lambda m, d: full_width(f"{m}") + "月" + full_width(f"{d}") + "日", lambda w: f"（{w}）"),
    (lambda m, d: f"民國 112 年 {m} 月 {d} 日", lambda w: f"（週{w}）"),
]


# The date in brackets after a day's label (Day 1（11/6）), in the forms
# reports write it: spaced or not, full-width, 民國 or AD, English.
DAY_DATES = [
    lambda d: f"（11/{d}）",
    lambda d: f"（11 月 {d} 日）",
    lambda d: f"({d} Nov) ",
    lambda d: "（１１月" + full_width(str(d)) + "日）",
    lambda d: f"（112年11月{d}日）",
    lambda d: f"（2023 年 11 月 {d} 日）",
    lambda d: f"(Nov {d}, 2023) ",
    lambda d: f"（11月{d}日，星期{ZH[d - 6]}）",
    lambda d: f"112.11.{d}（{ZH[d - 6]}） ",  # a 民國 year, dotted
]


def label_of(layout: Layout, level: int, number: tuple[int, ...]) -> str:
    if layout.families == ["decimal"]:
        return ".".join(str(n + 1) for n in number) + ("." if level == 1 else "") + " "
    if layout.families == ["sign-decimal"]:
        return "§" + ".".join(str(n + 1) for n in number) + "\u3000"
    if layout.families == ["decimal-dotted"]:
        if level == 1:
            return f"Chapter {number[0] + 1} "
        return ".".join(str(n + 1) for n in number) + ". "
    if layout.families == ["decimal-full"]:
        if level == 1:
            return f"第{full_width(str(number[0] + 1))}章　"
        return full_width(".".join(str(n + 1) for n in number)) + "　"
    if layout.families[0].startswith("hyphen"):
        if level == 1:
            top = "Chapter" if layout.families[0] == "hyphen-english" else "第"
            return f"{top} {number[0] + 1}　" if top == "Chapter" else f"第{number[0] + 1}章　"
        return "-".join(str(n + 1) for n in number) + "　"
    return FAMILIES[layout.families[level - 1]][1](number[-1])


def render(layout: Layout) -> tuple[str, Expected]:
    parts, appendices = body_tree(layout)
    lines: list[str] = []
    expected = Expected()
    gap = [""] if layout.blank_lines else []
    indent = "\u3000\u3000" if layout.indent else ""

    def emit(node: Node, level: int, number: tuple[int, ...], path: tuple[str, ...],
             parent_level: int) -> None:
        if node.bracketed:
            line = f"【{node.own_label}{node.own_sep}{node.title}】"
        elif node.own_label and layout.angled and not (layout.day_word == "date"
                                                        and node.unit and node.unit[1] == "day"):
            line = f"〈{node.own_label}〉{node.title}"
        elif node.own_label:
            line = f"{node.own_label}{node.own_sep}{node.title}"
        elif node.unnumbered:
            line = node.title
        else:
            line = label_of(layout, level, number) + node.title
        title = "".join(line.split()) if node.bracketed else node.title
        heading_level = parent_level + 1
        # (the marks are no text: a heading with nothing under it is its line, unmarked)
        marks = "#" * heading_level + " " if layout.hashes and node.unnumbered != "paragraph" \
            else ""
        lines.extend([marks + line, *gap])
        if node.unnumbered == "paragraph":
            # An unnumbered line the report does not repeat at its place: text,
            # which may run on into the paragraph after it (it ends no sentence).
            texts = [squash(t) for t in node.paragraphs]
            texts[0] = squash(line) + texts[0]
            expected.runs_on.add(squash(line))
            for text in node.paragraphs:
                lines.extend([indent + text, *gap])
            expected.passages.extend((path, t) for t in texts)
            return
        expected.headings.append((heading_level, title))
        if node.unit:
            expected.units.append(node.unit)
        if node.date:
            expected.day_dates[node.unit[0]] = node.date
        if not node.paragraphs and not node.children:
            expected.passages.append((path, squash(line)))
        here = (*path, title)
        for text in node.paragraphs:
            lines.extend([indent + text, *gap])
            expected.passages.append((here, squash(text)))
        for i, child in enumerate(node.children):
            emit(child, level + 1, (*number, i), here, heading_level)

    for i, part in enumerate(parts):
        emit(part, 1, (i,), (), 0)
    base: tuple[str, ...] = ()
    base_level = 0
    if layout.annex_part is not None:
        part_title = layout.annex_part
        line = label_of(layout, 1, (len(parts),)) + part_title
        lines.extend(["# " * layout.hashes + line, *gap])
        expected.headings.append((1, part_title))
        base, base_level = (part_title,), 1
    for n, node in enumerate(appendices, start=1):
        emit(node, base_level + 1, (n,), base, base_level)
        expected.annexes.append((n, node.title, layout.annex.label(n)))
    for node in (*parts, *appendices):
        collect_citations(node, layout, expected)
    return "\n".join(lines) + "\n", expected


def collect_citations(node: Node, layout: Layout, expected: Expected) -> None:
    for text in node.paragraphs:
        cited = []
        # 附件 1 is an annex of its own series, numbered 1 (附件一 too).
        if "(附件 1)" in text and layout.annex.word in ("附件", "Annex") \
                and layout.annex.index not in ("letter", "stem"):
            cited.append(1)
        for n in (1, 2, 3):
            for form in range(3):
                if layout.annex.reference(n, form) in text and n not in cited:
                    cited.append(n)
        expected.citations[squash(text)] = cited
    for child in node.children:
        collect_citations(child, layout, expected)


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def family_lists():
    """Distinct parse families per level, a chapter only at the top; or a decimal outline."""
    names = sorted(FAMILIES)

    @st.composite
    def draw(draw):
        outline = draw(st.integers(0, 8))
        if outline < len(OUTLINES):
            return [list(OUTLINES)[outline]]
        chosen: list[str] = []
        for level in range(4):
            options = [n for n in names if FAMILIES[n][0] not in {FAMILIES[c][0] for c in chosen}
                       and (level == 0 or n not in TOP_ONLY)]
            chosen.append(draw(st.sampled_from(options)))
        return chosen

    return draw()


annex_styles = st.builds(
    AnnexStyle,
    st.sampled_from(["附錄", "附件", "Annex", "Appendix"]),
    st.sampled_from(["zh", "digit", "letter", "stem"]),
    st.booleans(),
    st.sampled_from(["：", " ", "、", ": "]),
).filter(lambda a: not (a.word.isascii() and a.index in ("zh", "stem")))

layouts = st.builds(
    Layout,
    families=family_lists(),
    own_labels=st.booleans(),
    annex=annex_styles,
    annex_part=st.sampled_from([None, "附錄", "附件"]),
    blank_lines=st.booleans(),
    indent=st.booleans(),
    acronym=st.booleans(),
    sites=st.booleans(),
    days=st.booleans(),
    agenda=st.booleans(),
    side_event=st.booleans(),
    nested_meeting=st.booleans(),
    topic_shift=st.integers(0, 5),
    session_word=st.sampled_from(["Session", "場次", "Module", "模組", "Lecture", "講", "主題",
                                  "單元", "Track", "分組會議"]),
    day_word=st.sampled_from(["Day", "digit", "zh", "日", "date", "Week", "週", "月", "學期",
                              "Semester"]),
    days_title=st.sampled_from(["研習課程紀要", "布里斯本參訪", "東京及大阪參訪"]),
    day_sep=st.sampled_from([" ", "\u3000", " \u3000", "\u3000 "]),
    date_form=st.integers(0, 7),
    date_title=st.sampled_from(["", " ", "\u3000", "："]),
    english=st.booleans(),
    quantities=st.booleans(),
    english_lines=st.sampled_from(["", "titles", "sentences"]),
    visit_title=st.sampled_from(["參訪行程", "參訪機構與研究過程", "考察內容", "拜會行程及心得",
                                 "實驗室與參訪", "Laboratory and site visits",
                                 "實地參訪", "Site visits", "Technical visits and study",
                                 "觀摩行程", "訪視紀要", "查廠過程", "Plant inspections",
                                 *STAY_TITLES]),
    visits_top=st.booleans(),
    visit_day=st.booleans(),
    ranges=st.booleans(),
    meeting_noun=st.sampled_from(["會議", "會談", "諮商", "工作小組會議", "雙邊磋商", "會晤",
                                  "協調會"]),
    agenda_word=st.sampled_from(["議題", "案由", "提案", "議程第{n}項", "議題第{zh}項"]),
    site_verb=st.sampled_from(["", "參訪", "考察", "拜會", "實地查核：", "訪視", "觀摩"]),
    subject_talks=st.booleans(),
    nested_noun=st.sampled_from(["主題會議", "雙邊會談", "部長會晤"]),
    process_title=st.sampled_from(["會議過程", "會議紀要", "雙邊會談紀要", "會談紀要", "諮商經過"]),
    site_label=st.sampled_from(["", "第{zh}站", "Site {n}", "Visit {n}", "第{n}站", "參訪單位{zh}",
                                "拜會對象{n}", "Site Visit {n}"]),
    gloss=st.booleans(),
    courses=st.booleans(),
    minutes=st.booleans(),
    bracketed=st.booleans(),
    bar=st.booleans(),
    hashes=st.booleans(),
    angled=st.booleans(),
).filter(lambda layout: layout.blank_lines or not MARKED & set(layout.families)).filter(
    # Angle brackets number one level: own labels in them keep the families out.
    lambda layout: not (layout.angled and any(FAMILIES[f][0] == "angle"
                                              for f in layout.families if f in FAMILIES)))
