"""A report body of known paragraphs, tables, captions and footnotes, rendered
as text in every paragraph convention, with page cuts inside paragraphs.

Conventions: ``blank`` (a paragraph a line, a blank line after it),
``lines`` (a paragraph a line, no blank lines), ``indent`` (a first-line
indent of two ideographic spaces, two or four spaces, and nothing else),
``wrap-blank`` and ``wrap-indent`` (hard-wrapped at a fixed width, with blank
lines or first-line indents). Text wrapped at a fixed width with neither is
left out: a paragraph whose last line happens to fill the width cannot be told
from one that goes on. Text wrapped twice (``twice_wrapped_layouts``): each
line of a paragraph wrapped again at a narrower width, as text pasted from
one editor into another is.

A page cut falls between two halves of a sentence: the page's footnotes
under a rule, a page number in one of several styles (counting from 1, or
from 2 after an unnumbered cover; the last page's at the end), a form feed and the running
header (the title) stand between them; a footer of the title and the page
number may take two lines. A body line in a page number's form
(7/8, - 7 -, 第 7 頁, 7) that cannot count up with the pages is text. Tables come in tabs,
ideographic spaces, runs of spaces, ASCII bars, full-width bars and box
drawing, some with a cell wrapped onto a line of its own. A run of
`label：value` lines (時間：…, 地點：…) gives a passage a line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from hypothesis import assume
from hypothesis import strategies as st

TITLE = "出席 2024 年亞太經濟合作會議海關程序次級委員會報告"
FOOTER = "海關程序次級委員會報告"  # a running footer, printed far right
# A running header that is not the cover's title: furniture from its first page on.
SHORT_HEADER = "亞太經濟合作會議出國報告"
CONVENTIONS = ["blank", "lines", "indent", "wrap-blank", "wrap-indent"]
INDENTS = ["\u3000\u3000", "  ", "    "]
PLAIN_NUMBERS = ["- {n} -", "{n}", "第 {n} 頁", "第 {n} 頁，共 {total} 頁", "{n} / {total}",
                 "Page {n} of {total}", "— {n} —", "－{n}－"]
# The running footer and the page number on one line, apart by a wide gap;
# the title and the page number a space apart, wrapped onto two lines where
# the line is too narrow for both (the number kept whole), or on two lines.
PAGE_NUMBERS = [*PLAIN_NUMBERS, FOOTER + "\u3000第 {n} 頁", FOOTER + "    - {n} -",
                TITLE + " 第 {n} 頁／共 {total} 頁", TITLE + "\u3000第 {n} 頁／共 {total} 頁",
                FOOTER + "\n第 {n} 頁／共 {total} 頁"]
LONE_FORMS = [*PLAIN_NUMBERS, "{n}/{total}", "第{n}頁"]
# The next page number may be this many pages on (a page or a few unnumbered).
MAX_SKIP = 4
RULES = ["────────────", "____________", "﹍﹍﹍﹍﹍﹍", "━━━━━━━━"]
# (heavy: ┏━┳━┓ over ┃ rows, a ┣━╋━┫ rule under the header only)
TABLE_STYLES = ["tabs", "ideographic", "spaces", "spaces2", "pipes", "fullwidth", "box", "heavy"]
WRAPPING_STYLES = {"spaces", "pipes", "fullwidth", "box", "heavy"}
HEADINGS = ["壹、會議緣起", "貳、會議紀要", "參、心得與建議", "肆、其他事項"]
# Sentences: Chinese with English acronyms, numbers that may start a line,
# and an article reference. Each has a comma before its end.
SENTENCES = [
    "歐盟宣布投入 1.1 億歐元，協助開發中國家執行貿易便捷化協定（TFA）。",
    "會員國光纖連網比例，平均已達 73.5% 以上。",
    "依協定第 7.7 條規定，優質企業（AEO）應享有額外之通關便捷措施。",
    "2024 年起，APEC 將推動單一窗口（Single Window）資料交換。",
    "秘書處報告，2022 年會員共提出 4,185 件通知文件，創歷年新高。",
    "世界關務組織（WCO）說明，其 SAFE 標準架構已有 170 個會員簽署意向書。",
    "如表 3-2 所示，各國預算均較前一年度成長，其中韓國增加 12.5 億韓圜。",
    "澳洲介紹其信賴業者計畫，並說明試驗階段先成立產業諮詢團體。",
    "本署代表於會中發言，說明我國推動電子商務（e-Commerce）通關之經驗。",
    "3 個工作小組分別報告進度，並請會員於 10 月底前提供書面意見。",
    "新加坡人力部介紹其定量暴露評估工具，事業單位輸入化學品用量即可試算。",
    "第 2 次會議決議，由美國及日本共同主持 MRA 行動計畫。",
    # A date a wrapped line may start with, in mid-sentence: no day's heading.
    "大會於 9 月 12 日星期二上午開幕，由主席致詞並說明議程。",
    # A colon inside a sentence: no label's line.
    "主席說明本次會議重點：擴大 AEO 相互承認，並推動單一窗口資料交換。",
]
CELLS = ["項目", "培訓費用", "差旅費", "機票", "2 萬元", "1.1 億", "講師鐘點", "場地租金",
         "雪梨", "坎培拉", "AEO", "WCO", "3 月 10 日", "海關", "檢疫站", "73.5%"]
LONG_CELLS = ["含講師鐘點及場地租金", "雪梨國際機場檢疫站", "農漁林業部總部及實驗室"]
# Numbered as a report numbers them: no two captions alike.
CAPTIONS = ["表 {n}-2 經費一覽", "表{zh} 參訪行程", "Table {n} Budget", "表 {n} 與會人員",
            "表 {n}\u3000參訪人員", "表 {n}-1\u3000經費來源", "表{n}\t出席名單"]
# Figures show different things: captions alike but for their numbers, on
# three pages, are a running line.
FIGURES = ["圖 {n} {subject}", "圖{zh} {subject}", "Figure {n} {subject}", "圖 {n}\u3000{subject}"]
SUBJECTS = ["會議現場照片", "代表團合影", "Opening session", "檢疫犬勤務", "X 光檢查儀",
            "Plenary", "分組討論", "郵件中心", "Site visit", "單一窗口架構", "實驗室",
            "Closing session", "與會人員", "雪梨機場", "AEO 驗證流程", "Panel 2",
            "坎培拉總部", "行李查驗", "Field trip", "成果發表"]
ZH = "一二三四五六七八九十"


@dataclass
class Note:
    mark: str  # as the paragraph cites it
    text: str  # as the note reads, mark first
    foot: bool  # at the foot of the page of a cut, else gathered at the end


@dataclass
class Para:
    text: str
    note: Note | None = None
    cut: int | None = None  # a page cut after this many characters


@dataclass
class Table:
    rows: list[list[str]]
    style: str
    caption: str | None = None
    wrapped: tuple[int, int] | None = None  # (row, column) of a cell that wraps


@dataclass
class Figure:
    caption: str


@dataclass
class Lone:
    """A body line in a page number's form (a date, a score, a count: 7/8,
    - 7 -, 第 7 頁, 7): text, unless it counts up with the pages' numbers."""

    form: str
    n: int
    total: int

    @property
    def text(self) -> str:
        return self.form.format(n=self.n, total=self.total)


@dataclass
class Role:
    """A line naming who spoke, chaired or taught (講師：<name>, Speaker: <name>):
    a passage of its own, whatever the paragraph after it."""

    text: str


# Roles of people on a programme, in Chinese and English, one or two to a line.
ROLES = ["講師", "主講人", "主持人", "與談人", "報告人", "引言人", "評論人", "主席", "共同主持人",
         "Speaker", "Speakers", "Moderator", "Chair", "Panelists", "Lecturer", "Instructor",
         "Keynote Speaker", "Discussant"]
ROLE_JOINS = ["／", "/", "、", " and "]
ROLE_COLONS = ["：", ": ", "：", " : "]
PEOPLE = ["王大明", "李小華（經濟部國際貿易署副署長）", "Dr. Karen Whitfield（OMQ處長）",
          "Mr. Daniel Ortiz (OMQ)", "陳美玲教授", "Ms. Priya Raman", "佐藤健一（日本財務省關稅局）",
          "Prof. Lee", "張志強副局長"]


@dataclass
class Fields:
    """A run of `label：value` lines (時間：…, 地點：…, 出席：…) with no blank line
    between them: each line a passage of its own."""

    lines: list[str]
    # Hard-wrapped text wraps the lines (else they run past the width).
    wrapped: bool = False


# Labels and values of a meeting's record, Chinese and English.
FIELDS = [("時間", "2024 年 3 月 1 日上午"), ("地點", "雪梨國際會議中心 3 樓"),
          ("出席", "王大明、李小華、陳美玲"), ("主持人", "張志強副局長"), ("記錄", "林怡君"),
          ("會議名稱", "APEC 海關程序次級委員會第 2 次會議"), ("Venue", "Sydney Convention Centre"),
          ("Date", "1 March 2024"), ("議題", "單一窗口資料交換")]
# Fields long enough that a wrap at the narrower widths cuts them, leaving a
# short tail with no label of its own on the line under them.
LONG_FIELDS = [("講者", "吳佳蓉（數位發展部韌性建設司科長）、臺灣網路資訊中心董事長"),
               ("與會人員", "王大明、李小華、陳美玲、張志強副局長、林怡君專門委員"),
               ("地點", "雪梨國際會議中心 3 樓第 2 會議室（ICC Sydney）及周邊展覽廳")]
FIELD_COLONS = ["：", "：", ": "]


@st.composite
def fields(draw, long: bool = False) -> Fields:
    """Two to four fields; `long`: one or more of them long enough to wrap."""
    pairs = draw(st.lists(st.sampled_from(FIELDS), min_size=2, max_size=4, unique=True))
    if long:
        longs = draw(st.lists(st.sampled_from(LONG_FIELDS), min_size=1, max_size=2, unique=True))
        for pair in longs:
            pairs.insert(draw(st.integers(0, len(pairs))), pair)
    colon = draw(st.sampled_from(FIELD_COLONS))
    return Fields([label + colon + value for label, value in pairs], long)


@dataclass
class Agenda:
    """Lines of a programme written as text, a time (or span) and an item each
    (09:00-10:30 開幕式): each a passage of its own, an agenda's row."""

    lines: list[str]


# Times of day and spans of them, as programmes write them: (time at h:m,
# whether it stands only in a span: 0900-1030, 9.00-10.30).
FULL_WIDTH = str.maketrans("0123456789:-~", "０１２３４５６７８９：－～")
CLOCKS = [
    (lambda h, m: f"{h:02d}:{m:02d}", False),
    (lambda h, m: f"{h}:{m:02d}", False),
    (lambda h, m: f"{h:02d}：{m:02d}", False),
    (lambda h, m: f"上午 {h}:{m:02d}", False),
    (lambda h, m: f"{h:02d}:{m:02d}".translate(FULL_WIDTH), False),
    (lambda h, m: f"{h}:{m:02d} a.m.", False),
    (lambda h, m: f"{h}:{m:02d}am", False),
    (lambda h, m: f"{h} a.m." if not m else f"{h}:{m:02d} a.m.", False),
    (lambda h, m: f"{h:02d}h{m:02d}", False),
    (lambda h, m: f"上午 {h} 時" + (f" {m} 分" if m else ""), False),
    (lambda h, m: f"上午{h}時" + ("半" if m == 30 else ""), False),
    (lambda h, m: f"{h}時{m:02d}分", False),
    (lambda h, m: f"{h:02d}{m:02d}", True),
    (lambda h, m: f"{h}.{m:02d}", True),
]
SPANS = ["-", "–", "～", " - ", " to ", "至", "－"]
TIME_GAPS = [" ", "\u3000", "  "]
ITEMS = ["開幕式", "Session 1: Trade Facilitation", "分組討論", "午餐", "閉幕式", "參訪雪梨機場",
         "專題演講：數位海關", "Panel 2 – AEO MRA", "綜合座談", "Coffee break", "報到"]


@st.composite
def agendas(draw, subject: str | None = None) -> Agenda:
    """Two to four lines of a programme; `subject`, if given, is one line's item."""
    items = draw(st.lists(st.sampled_from(ITEMS), min_size=2, max_size=4, unique=True))
    if subject is not None:
        items[draw(st.integers(0, len(items) - 1))] = subject
    (clock, in_span), gap = draw(st.sampled_from(CLOCKS)), draw(st.sampled_from(TIME_GAPS))
    span = draw(st.sampled_from(SPANS if in_span else ["", *SPANS]))
    start = draw(st.integers(8, 9))
    lines = []
    for k, item in enumerate(items):
        time = clock(start + k, 30 * (k % 2))
        if span:
            time += span + clock(start + k + 1, 0).removeprefix("上午 ").removeprefix("上午")
        lines.append(f"{time}{gap}{item}")
    return Agenda(lines)


@st.composite
def roles(draw) -> Role:
    words = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=2, unique=True))
    join = draw(st.sampled_from(ROLE_JOINS))
    people = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=2, unique=True))
    names = draw(st.sampled_from(["、", ", "])).join(people)
    return Role(join.join(words) + draw(st.sampled_from(ROLE_COLONS)) + names)


@dataclass
class Section:
    heading: str
    items: list = field(default_factory=list)


@dataclass
class Layout:
    convention: str
    width: int
    indent: str
    page_number: str
    rule: str
    form_feed: bool
    header: bool
    notes_title: str
    # How many columns short of the width each wrapped line stops, in turn
    # (wrap-indent): a PDF's lines are full in points, not in columns, where
    # CJK and Latin characters mix.
    ragged: tuple[int, ...] = (0,)
    # A running line and the page number printed far right at the foot of a
    # page (wrapped text with form feeds), on as few as one page.
    far_right: bool = False
    # The pages count from 1 (else from 2: the cover, unnumbered, was page 1).
    number_first: bool = True
    # Columns a Latin glyph takes as the wrapping measured it: below 1 in a
    # PDF's proportional font, so that a line holding Latin words runs past
    # the width of a line of wide characters alone.
    narrow: float = 1.0
    # The running header is a short title of its own, never printed on the cover.
    short_header: bool = False
    # A second, narrower wrap (text pasted from one editor into another): each
    # line of a paragraph or note wrapped again at this width.
    rewrap: int | None = None
    # Where notes not at a page's foot are typed: gathered at the report's end
    # under the notes title ("end"), at the end of the section citing them
    # ("section"), or right after the paragraph citing them ("after").
    notes_at: str = "end"
    # The last page prints no number: a text of two pages whose one page
    # number (in a form that names it a page's: - 2 -, 第 2 頁, 2/2) stands
    # alone inside a sentence the page cut, no form feed nor header beside it.
    last_unnumbered: bool = False
    # A page cut whose notes under the rule are all that is left of it: its
    # number, form feed and running header lost (a text re-paginated as it
    # was wrapped again), a blank line after the notes, then the text.
    lost_break: bool = False

    def wrapped(self, text: str, first: str = "") -> list[str]:
        """A paragraph's lines: wrapped at the width, then again at `rewrap`."""
        lines = wrap(text, self.width, first, self.ragged, self.narrow)
        if self.rewrap is None:
            return lines
        return [piece for line in lines for piece in wrap(line, self.rewrap)]


@dataclass
class Expected:
    """A body passage: kind, text, its section's first heading, and a caption
    on its path (table rows)."""

    kind: str
    text: str
    heading: str
    caption: str = ""
    # A short line that ends no sentence: a paragraph of its own, or the
    # start of the paragraph after it (the paragraph logic's choice).
    runs_on: bool = False


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def tokens(text: str) -> list[str]:
    """Pieces a line may not be broken inside: a Latin word or number with its
    punctuation, a wide character; marks and closing punctuation stick to the
    piece before them."""
    out: list[str] = []
    # (a note's mark is one piece: [1], 註1, （註一）; a line may start with
    # 註1, the comma after it kept with it, as no note starts)
    for m in re.finditer(r"[A-Za-z0-9.,%\-]+|\[\d+\]|[(（]?註[\d一二三四五六七八九十]+[)）]?|.",
                         text):
        piece = m.group(0)
        if out and (piece in "，。、；：）」』%¹²³⁴⁵⁶⁷⁸⁹" or piece.startswith("[")):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def measure(text: str, narrow: float = 1.0) -> float:
    """Columns as the wrapping saw them: a wide character 2, a Latin one `narrow`."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else narrow for c in text)


def wrap(text: str, columns: int, first_indent: str = "",
         ragged: tuple[int, ...] = (0,), narrow: float = 1.0) -> list[str]:
    """Greedy wrapping at a fixed width, Latin words kept whole and spaced;
    line k stops ragged[k % len(ragged)] columns short of it; a Latin glyph
    takes `narrow` columns."""
    lines, current = [], first_indent
    for token in tokens(text):
        limit = columns - ragged[len(lines) % len(ragged)]
        if current.strip() and measure(current, narrow) + measure(token, narrow) > limit:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    lines.append(current.rstrip())
    return lines


def cut_points(text: str) -> list[int]:
    """Where a page may cut a paragraph: after its first comma, mid-sentence,
    between two pieces, never right after a sentence end or a colon."""
    comma = text.find("，")
    points, at = [], 0
    for piece in tokens(text)[:-1]:
        at += len(piece)
        if at > comma >= 0 and text[at - 1] not in "。：:！？" and text[at:at + 1] != " " \
                and text[at - 1] != " ":
            points.append(at)
    return points


@st.composite
def paragraphs(draw, number: int, sentences: tuple[int, int] = (1, 3),
               labelled: bool = False) -> Para:
    count = draw(st.integers(*sentences))
    text = "".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=count, max_size=count,
                                 unique=True)))
    points = cut_points(text)
    cut = draw(st.sampled_from(points)) if points and draw(st.booleans()) else None
    note = None
    if draw(st.integers(0, 3)) == 0:
        foot = cut is not None and draw(st.booleans())
        if foot:
            # Raised, or its digits as a PDF's text gives them (歐元3，): the
            # note's number bare, the mark right after the clause's last term.
            mark = "¹²³⁴⁵⁶⁷⁸⁹"[number % 9]
            label = draw(st.sampled_from([mark, str(number % 9 + 1)]))
            if label.isdigit() and draw(st.booleans()):
                mark = label
        else:
            # Cited as [n], 註n or 註 and a Chinese numeral, in brackets or
            # not; the note opens with its mark, a colon or brackets (註1：,
            # (註1)) after 註n or not.
            n = str(number + 1) if draw(st.booleans()) else zh_numeral(number + 1)
            mark = draw(st.sampled_from([f"[{number + 1}]", f"註{n}", f"（註{n}）"]))
            label = mark if mark.startswith("[") else draw(st.sampled_from(
                [f"註{n}", f"註{n}：", f"(註{n})", f"（註{n}）"]))
        at = text.index("，")  # the mark follows the first clause
        text = text[:at] + mark + text[at:]
        if cut is not None and cut > at:
            cut += len(mark)
        gap = "" if label.endswith("：") else " "
        note = Note(mark, f"{label}{gap}參見 WTO 貿易便捷化協定第 {number + 1} 條之說明。", foot)
    if labelled and draw(st.booleans()):
        # A numbered item parted from its label by an ideographic space (⑴　…):
        # a paragraph however it wraps, not a row of two cells.
        label = draw(st.sampled_from(ITEM_LABELS))(number % 9)
        text = label + "\u3000" + text
        cut = None if cut is None else cut + len(label) + 1
    return Para(text, note, cut)


# (not labels a passage's kind reads as a list's, (1) and （一）, nor circled
# numbers, which also mark notes: tests/test_unseen20_layouts.py has them)
ITEM_LABELS = [lambda n: "⑴⑵⑶⑷⑸⑹⑺⑻⑼"[n]]


def zh_numeral(n: int) -> str:
    """n (1 to 99) in Chinese numerals: 一, 十, 十二, 二十三."""
    tens, ones = divmod(n, 10)
    return (("" if tens < 2 else ZH[tens - 1]) + ("十" if tens else "")
            + (ZH[ones - 1] if ones else ""))


def numbered(template: str, n: int) -> str:
    return template.format(n=n, zh=ZH[(n - 1) % 10], subject=SUBJECTS[n % len(SUBJECTS)])


@st.composite
def tables(draw, number: int) -> Table:
    style = draw(st.sampled_from(TABLE_STYLES))
    columns = draw(st.integers(2, 4))
    # Rows differ: a line repeated word for word is a running header to text without pages.
    rows = draw(st.lists(st.lists(st.sampled_from(CELLS), min_size=columns, max_size=columns),
                         min_size=2, max_size=4, unique_by=tuple))
    wrapped = None
    if style in WRAPPING_STYLES and draw(st.booleans()):
        row, column = draw(st.integers(1, len(rows) - 1)), draw(st.integers(1, columns - 1))
        rows[row][column] = draw(st.sampled_from(LONG_CELLS))
        wrapped = (row, column)
    caption = numbered(draw(st.sampled_from(CAPTIONS)), number) if draw(st.booleans()) else None
    return Table(rows, style, caption, wrapped)


@st.composite
def bodies(draw, labelled: bool = False) -> list[Section]:
    """Sections of paragraphs, tables, figures and furniture; `labelled`, some
    paragraphs numbered items (⑴　…)."""
    sections, number = [], 0
    for heading in HEADINGS[:draw(st.integers(1, 3))]:
        section = Section(heading)
        if not sections:
            # A report opens with a few long paragraphs: enough lines for a
            # wrap width to show, as in any real report.
            for _ in range(3):
                section.items.append(draw(paragraphs(number, (4, 6), labelled)))
                number += 1
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from(["para", "para", "para", "table", "figure", "lone",
                                         "role", "agenda", "fields"]))
            if kind == "fields":
                section.items.append(draw(fields()))
            elif kind == "agenda":
                section.items.append(draw(agendas()))
            elif kind == "role":  # who spoke, then what was said
                section.items.append(draw(roles()))
                section.items.append(draw(paragraphs(number, labelled=labelled)))
                number += 1
            elif kind == "para" or not section.items or not isinstance(section.items[-1], Para):
                section.items.append(draw(paragraphs(number, labelled=labelled)))
                number += 1
            elif kind == "table":
                section.items.append(draw(tables(number)))
                number += 1
            elif kind == "lone":
                section.items.append(Lone(draw(st.sampled_from(LONE_FORMS)),
                                          draw(st.integers(1, 60)), draw(st.integers(1, 99))))
            else:
                section.items.append(Figure(numbered(draw(st.sampled_from(FIGURES)), number)))
                number += 1
        if not isinstance(section.items[-1], Para):
            section.items.append(draw(paragraphs(number, labelled=labelled)))
            number += 1
        sections.append(section)
    return sections


@st.composite
def twice_wrapped_layouts(draw) -> Layout:
    """Hard-wrapped text whose paragraphs were wrapped again at a narrower
    width (more than half the first: a long line and a short one in turn)."""
    layout = draw(layouts())
    if not layout.convention.startswith("wrap"):
        layout.convention = "wrap-blank"
    # (a running header printed again would be wrapped again too, and a form
    # feed's page cut between a long piece and its short one is not read yet:
    # neither drawn)
    layout.ragged, layout.narrow, layout.far_right, layout.header = (0,), 1.0, False, False
    layout.form_feed = False
    layout.width = draw(st.sampled_from([50, 60, 72, 80]))
    layout.rewrap = round(layout.width / draw(st.sampled_from([1.25, 1.4, 1.6])))
    return layout


@st.composite
def layouts(draw) -> Layout:
    convention = draw(st.sampled_from(CONVENTIONS))
    ragged = (0,)
    if convention == "wrap-indent" and draw(st.booleans()):
        ragged = tuple(draw(st.lists(st.integers(0, 6), min_size=1, max_size=7)))
    layout = Layout(convention, draw(st.sampled_from([40, 50, 60, 72, 80])),
                  draw(st.sampled_from(INDENTS)), draw(st.sampled_from(PAGE_NUMBERS)),
                  draw(st.sampled_from(RULES)), draw(st.booleans()), draw(st.booleans()),
                  draw(st.sampled_from(["註釋", "附註", "Notes", "Endnotes", "Footnotes"])),
                  ragged, notes_at=draw(st.sampled_from(["end", "section", "after"])))
    layout.far_right = layout.form_feed and convention.startswith("wrap") and draw(st.booleans())
    layout.number_first = draw(st.booleans())
    layout.short_header = layout.header and draw(st.booleans())
    layout.last_unnumbered = convention in ("blank", "lines", "indent") \
        and not layout.form_feed and not layout.header and draw(st.booleans())
    if convention.startswith("wrap"):
        layout.narrow = draw(st.sampled_from([1.0, 0.9]))
    return layout


def render_table(table: Table) -> list[str]:
    return [text for text, _ in table_lines(table)]


def row_texts(table: Table) -> list[str]:
    """Each row as the text shows it: its line(s), bars and gaps included."""
    rows: list[str] = []
    for text, row in table_lines(table):
        if row is not None and row < len(rows):
            rows[row] += text
        elif row is not None:
            rows.append(text)
    return rows


def table_lines(table: Table) -> list[tuple[str, int | None]]:
    """The table's lines, each with its row (None for a rule)."""
    rows, style = table.rows, table.style
    wrapped_row, wrapped_col = table.wrapped or (-1, -1)
    # A wrapped cell: its first half on the row, the rest on a line of its own.
    halves = {}
    if table.wrapped:
        cell = rows[wrapped_row][wrapped_col]
        half = len(cell) // 2
        halves = {wrapped_row: (cell[:half], cell[half:])}
    columns = len(rows[0])
    widths = [max(width(r[c]) for r in rows) + 2 for c in range(columns)]

    def padded(cells: list[str], gap: str) -> str:
        return gap.join(c + " " * (widths[k] - width(c)) for k, c in enumerate(cells)).rstrip()

    out = []
    for r, row in enumerate(rows):
        cells = list(row)
        rest = None
        if r in halves:
            cells[wrapped_col], tail = halves[r]
            rest = ["" for _ in cells]
            rest[wrapped_col] = tail
        if style == "tabs":
            out.append(("\t".join(cells), r))
        elif style == "ideographic":
            out.append(("\u3000".join(cells), r))
        elif style in ("spaces", "spaces2"):
            gap = "  " if style == "spaces2" else "    "
            out.append((padded(cells, gap), r))
            if rest:
                out.append((padded(rest, gap), r))
        else:
            bar = {"pipes": "|", "fullwidth": "｜", "box": "│", "heavy": "┃"}[style]

            def line(cs: list[str], bar: str = bar) -> str:
                return bar + bar.join(
                    " " + c + " " * (widths[k] - width(c)) for k, c in enumerate(cs)) + bar

            if style == "box" and r == 0:
                out.append(("┌" + "┬".join("─" * (w + 1) for w in widths) + "┐", None))
            elif style == "heavy" and r == 0:
                out.append(("┏" + "┳".join("━" * (w + 1) for w in widths) + "┓", None))
            out.append((line(cells), r))
            if rest:
                out.append((line(rest), r))
            if r == 0 and style == "pipes":
                out.append(("|" + "|".join("-" * (w + 1) for w in widths) + "|", None))
            elif style == "box" and r < len(rows) - 1:
                out.append(("├" + "┼".join("─" * (w + 1) for w in widths) + "┤", None))
            elif style == "box":
                out.append(("└" + "┴".join("─" * (w + 1) for w in widths) + "┘", None))
            elif style == "heavy" and r == 0:
                out.append(("┣" + "╋".join("━" * (w + 1) for w in widths) + "┫", None))
            elif style == "heavy" and r == len(rows) - 1:
                out.append(("┗" + "┻".join("━" * (w + 1) for w in widths) + "┛", None))
    return out


def render(sections: list[Section], layout: Layout) -> str:
    """The report as text in the layout."""
    conv = layout.convention
    wrapped, indented = conv.startswith("wrap"), conv.endswith("indent")
    blank = conv in ("blank", "wrap-blank")
    pages = 1
    cuts = [0]
    out: list[str] = [*(wrap(TITLE, layout.rewrap) if layout.rewrap else [TITLE]), ""]
    if layout.form_feed:
        out.append("\f")

    def block(lines: list[str]) -> None:
        out.extend(lines)
        if blank:
            out.append("")

    before: list[str] = []  # the text before each page cut, on its line

    def page_cut(notes: list[Note], line: str) -> list[str]:
        nonlocal pages
        before.append(line)
        lines = []
        if notes:
            lines += [layout.rule] + [line for n in notes for line in (
                layout.wrapped(n.text) if wrapped else [n.text])]
        if layout.lost_break:
            return lines + [""]
        pages += 1
        cuts[0] += 1
        if layout.far_right:
            lines += ["", right(FOOTER)]
        lines += ["", "{n}"]  # the page number, filled once pages are counted
        if layout.form_feed:
            lines.append("\f")
        if layout.header:
            lines.append(SHORT_HEADER if layout.short_header else TITLE)
        lines.append("")
        return lines

    def right(text: str) -> str:
        return " " * (layout.width - width(text)) + text

    def typed_notes(notes: list[Note]) -> None:
        for note in notes:
            block(layout.wrapped(note.text) if wrapped else [note.text])

    def field_lines(line: str) -> list[str]:
        # A field the wrap cut leaves one short tail under it (a longer one,
        # full lines of no label, could as well be a paragraph's).
        lines = wrap(line, layout.width, "", layout.ragged, layout.narrow)
        if len(lines) > 2 or len(lines) == 2 and width(lines[1]) >= layout.width - 4:
            raise Unrenderable
        return [piece for first in lines for piece in (
            wrap(first, layout.rewrap) if layout.rewrap else [first])]

    end_notes: list[Note] = []
    for section in sections:
        block([section.heading])
        section_notes: list[Note] = []
        for item in section.items:
            if section_notes and layout.notes_at == "after":
                typed_notes(section_notes)
                section_notes = []
            if isinstance(item, Para):
                first = layout.indent if indented else ""
                notes = [item.note] if item.note and item.note.foot else []
                if item.note and not item.note.foot:
                    (end_notes if layout.notes_at == "end" else section_notes).append(item.note)
                if wrapped:
                    lines = layout.wrapped(item.text, first)
                    # A page cuts between two lines inside a sentence, if there are any.
                    inside = [k for k in range(1, len(lines)) if lines[k - 1][-1:] not in "。："]
                    if item.cut is not None and inside:
                        at = inside[len(inside) // 2]
                        lines[at:at] = page_cut(notes, lines[at - 1])
                    elif notes:
                        raise Unrenderable
                elif item.cut is not None:
                    lines = [first + item.text[:item.cut]] + page_cut(
                        notes, first + item.text[:item.cut]) + [
                        item.text[item.cut:]]
                else:
                    lines = [first + item.text]
                block(lines)
            elif isinstance(item, Table):
                if item.caption:
                    block([item.caption])
                block(render_table(item))
            elif isinstance(item, (Lone, Role)):
                block([(layout.indent if indented else "") + item.text])
            elif isinstance(item, Fields) and wrapped and item.wrapped:
                block([piece for line in item.lines for piece in field_lines(line)])
            elif isinstance(item, (Agenda, Fields)):
                block(item.lines)
            else:
                block([item.caption])
        typed_notes(section_notes)
    if end_notes:
        block([layout.notes_title])
        typed_notes(end_notes)
    # One page cut, its line (its indent aside) long enough to be prose (not a label's nor a
    # heading's), and its number not a bare one (a list's or a cell's).
    lone = layout.last_unnumbered and cuts[0] == 1 and len(before[0].strip()) >= 30 \
        and layout.page_number != "{n}"
    if cuts[0] and not lone:  # the last page's number, as every page's, at its foot
        out.extend((["", right(FOOTER)] if layout.far_right else []) + ["", "{n}"]
                   + (["\f"] if layout.form_feed else []))
    # A report whose cover is its first page starts the body's count at 2.
    numbered, n = [], 0 if layout.number_first else 1
    pages += 1 - layout.number_first
    for line in out:
        if line != "{n}":
            numbered.append(line)
            continue
        n += 1
        pieces = footer_lines(layout.page_number.format(n=n, total=pages),
                              layout.width if wrapped else None)
        numbered += [right(piece) if layout.far_right else piece for piece in pieces]
    # A lone line that may count up with the pages' numbers (or with another
    # lone line) is a page number as much as text: no layout to test.
    lones = [item for s in sections for item in s.items if isinstance(item, Lone)]
    kinds = [page_kind(item.form, item.total) for item in lones]
    if len(set(kinds)) < len(kinds) or any(
            kind == page_kind(layout.page_number, pages) and item.n <= pages + MAX_SKIP
            for kind, item in zip(kinds, lones, strict=True)):
        raise Unrenderable
    text = "\n".join(numbered)
    if layout.header and cuts[0] < 2:
        raise Unrenderable  # a running header shows only by repeating
    rows = Counter("".join(line.split()) for s in sections for item in s.items
                   if isinstance(item, Table) for line in render_table(item))
    if any(n >= 3 for n in rows.values()):
        raise Unrenderable  # a row printed three times (spaces aside) is a running line
    # Likewise a line of text the wrapping printed three times or more (the same
    # paragraph drawn again and again): a parser rightly takes it for furniture.
    furniture = {"".join(line.split()) for line in (
        layout.rule, FOOTER, TITLE, SHORT_HEADER, "\f",
        *(piece for k in range(1, pages + 2) for piece in footer_lines(
            layout.page_number.format(n=k, total=pages), layout.width if wrapped else None)))}
    texts = Counter(key for line in numbered
                    if (key := "".join(line.split())) and key not in furniture)
    if any(n >= 3 for n in texts.values()):
        raise Unrenderable
    return text.replace("\n\f\n", "\f")


def footer_lines(footer: str, columns: int | None) -> list[str]:
    """A page's footer as printed: on the lines it gives, and wrapped where it
    is wider than the text's width (`columns`, None where the text is not
    wrapped), the page number (第 n 頁…) kept whole on the last line."""
    if "\n" in footer:
        return footer.split("\n")
    m = re.match(r"^(.*?)([ \u3000])(第 .*)$", footer)
    if columns is None or m is None or width(footer) <= columns:
        return [footer]
    head, gap, number = m.groups()
    lines = wrap(head, columns)
    if width(lines[-1] + gap + number) <= columns:
        lines[-1] += gap + number
    else:
        lines.append(number)
    return lines


def page_kind(form: str, total: int) -> str:
    """A page number's form as it reads whatever the page (spaces and widths aside)."""
    return "".join(unicodedata.normalize("NFKC", form.format(n="#", total=total)).split())


class Unrenderable(Exception):
    """A draw the layout cannot show unambiguously (hypothesis rejects it)."""


def rendered(sections: list[Section], layout: Layout) -> str:
    """render() inside a property: a draw the layout cannot show is rejected."""
    try:
        return render(sections, layout)
    except Unrenderable:
        assume(False)
        raise


# Notes titles that, standing alone, head a notes part (a heading, no passage);
# others (附註) stay a line over the notes in the last section.
NOTES_PART_TITLES = ("註釋", "註解", "腳註", "尾註", "Notes", "Endnotes", "Footnotes")


def expected(sections: list[Section], notes_title: str, notes_at: str = "end") -> list[Expected]:
    """The body passages, in order: a note right after the paragraph citing it."""
    out: list[Expected] = []
    for section in sections:
        for item in section.items:
            if isinstance(item, Para):
                out.append(Expected("paragraph", item.text, section.heading))
                if item.note:
                    out.append(Expected("footnote", item.note.text, section.heading))
            elif isinstance(item, Lone):
                out.append(Expected("paragraph", item.text, section.heading, runs_on=True))
            elif isinstance(item, Role):
                out.append(Expected("paragraph", item.text, section.heading))
            elif isinstance(item, Agenda):
                out += [Expected("agenda_row", line, section.heading) for line in item.lines]
            elif isinstance(item, Fields):
                out += [Expected("paragraph", line, section.heading) for line in item.lines]
            elif isinstance(item, Table):
                if item.caption:
                    out.append(Expected("caption", item.caption, section.heading))
                # A row's passage is the row as written, separators and all.
                out += [Expected("table_row", row, section.heading, item.caption or "")
                        for row in row_texts(item)]
            else:
                out.append(Expected("caption", item.caption, section.heading))
    if any(isinstance(i, Para) and i.note and not i.note.foot for s in sections
           for i in s.items) and notes_title not in NOTES_PART_TITLES and notes_at == "end":
        out.append(Expected("paragraph", notes_title, sections[-1].heading))
    return out


def broken_footers(text: str, layout: Layout) -> str:
    """The text with each footer printed far right (the running title and its
    page number, apart by a gap) broken as a second hard wrap, narrower than
    the line it pads, breaks it: the title stays set off, the page number
    goes flush left onto the next line."""
    out = []
    for line in text.split("\n"):
        m = re.match(r"^( {8,})(" + re.escape(FOOTER) + r")[\u3000 ]+(\S.*)$", line)
        out += [m.group(1) + m.group(2), m.group(3)] if m else [line]
    return "\n".join(out)
