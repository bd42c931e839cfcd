"""One structured front matter rendered in many layouts, with a small body.

The front (title, agency, travellers, dates, trip type, place, keywords,
abstract paragraphs, contents entries) is drawn from small vocabularies; the
layout decides the cover's wording, order and colons, a table or box-drawn
form (a travellers' table with a column of their roles), the 提要 form with
ticked boxes, the contents page's title, leaders, page digits and place,
where the abstract and keywords stand and whether they carry a label, a
bilingual cover. `render` gives the text; the test parses it and compares
with the structure.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from hypothesis import strategies as st

TITLES = [
    ("出席世界關務組織第 85 屆政策委員會會議報告", "開會"),
    ("赴日本研習港口保全制度", "研習"),
    ("參加 2023 年亞太經濟合作會議貿易暨投資委員會出國報告", "開會"),
    ("赴美國進修食品安全檢驗技術", "進修"),
    ("考察德國職業訓練與技能檢定制度", "考察"),
    ("赴荷蘭實習動物疫苗檢驗流程", "實習"),
    ("赴英國研究海關風險管理模型", "研究"),
    ("臺美雙邊經貿諮商出國報告", "其他"),
]
ENGLISH = {"開會": "Report on Attending the Meeting", "研習": "Report on the Training Course",
           "進修": "Report of the Advanced Study", "考察": "Report on the Study Visit",
           "實習": "Report of the Internship", "研究": "Report of the Research Stay",
           "其他": "Report on the Bilateral Consultations"}
AGENCIES = [("財政部關務署", "Customs Administration, Ministry of Finance"),
            ("交通部航港局", "Maritime and Port Bureau, MOTC"),
            ("衛生福利部食品藥物管理署", "Taiwan Food and Drug Administration"),
            ("經濟部標準檢驗局", "Bureau of Standards, Metrology and Inspection"),
            ("勞動部勞動力發展署", "Workforce Development Agency"),
            ("國家發展委員會", "National Development Council")]
NAMES = ["王大明", "李小華", "陳怡君", "林志明", "張淑芬", "黃建國"]
RANKS = ["科長", "技正", "專門委員", "簡任技正", "研究員", "副組長", "技士", "視察",
         "稽察", "副審計"]  # an audit office's grades too
KEYWORDS = ["港口保全", "風險管理", "WTO", "單一窗口", "食品安全", "AEO", "職業訓練", "檢疫"]
SENTENCES = [
    "本次出國係依年度計畫辦理，與各國代表交流制度與實務。",
    "會中各國分享執行經驗，並討論未來合作方向與時程。",
    "建議持續派員參與相關會議，以掌握國際規範之最新發展。",
    "研習課程涵蓋法規架構、風險評估及實地操作等主題。",
    "我方說明國內推動情形，獲與會代表肯定並詢問細節。",
]
BODY = [("壹、目的", "本次出國目的在於瞭解他國制度，作為我國精進之參考。"),
        ("貳、過程", None),
        ("一、行程概要", "行程共計七日，拜會主管機關並參加研討課程。"),
        ("二、會議討論", "與會各方就資料交換與互相承認進行討論。"),
        ("參、心得與建議", "建議參考他國經驗，檢討我國相關作業流程。")]
EXTRA_ENTRY = "附錄 B 問卷調查結果"
LEADERS = ["…" * 12, "……", "..........", "...", "．．．．．．", "‥‥‥‥", "··········", "‧‧‧‧‧‧",
           "⋯⋯⋯⋯", "﹍﹍﹍﹍﹍﹍", "＿＿＿＿＿", "┄┄┄┄┄┄", "∙∙∙∙∙∙∙",
           "───────", "\t", "        ", " . . . . . . ", "－－－－", "　", " "]
# One space before the page: on an untitled page, the body's headings
# repeating the entries tell it from text.
PLAIN_SPACE = len(LEADERS) - 1
CONTENTS_TITLES = ["目錄", "目次", "目　錄", "目 錄", "Contents", "CONTENTS", "Contents 目次",
                   "目錄（Table of Contents）", None]
# English glosses a bilingual cover adds to its labels, in cover_fields' order.
LABEL_GLOSSES = ["Agency", "Officers", "Country", "Period", "Date"]
# The same labels in English alone, a wording each (a cover written for
# readers abroad: Agency: …, Travellers: …, Report Date: …).
ENGLISH_LABELS = [["Agency", "Organization", "Service Agency"],
                  ["Travellers", "Delegates", "Participants"],
                  ["Destination", "Country", "Countries"],
                  ["Period", "Dates", "Travel Period"],
                  ["Report Date", "Date of Report", "Submission Date"]]
BOXES = [("■", "□"), ("☑", "☐")]
TRIP_OPTIONS = ["開會", "考察", "研習", "進修", "研究", "實習", "其他"]
ZH_DIGITS = "〇一二三四五六七八九"
PEOPLE_LABELS = ["姓名職稱", "出國人員", "姓名/職稱"]
# Trips whose cover may name the travellers by the trip: 進修人員, 實習人員.
KIND_PEOPLE = ("研習", "進修", "研究", "實習", "考察")


@dataclass
class Front:
    title: str
    kind: str
    agency: int
    people: list[tuple[str, str]]
    report_date: tuple[int, int, int | None]  # ROC year, month, day
    keywords: list[str]
    abstract: list[str]


@dataclass
class Layout:
    colon: str
    title_breaks: list[int]
    # 0 none, 1 行政院…報告書 + (出國類別：X), 2 出國報告（出國類別：X），
    # 3 <agency>出國報告 + 出國類別：X, 4 <agency>出國報告（出國類別：X）
    boilerplate: int
    bilingual: bool
    cover: str  # "plain", "fields" (label：value), "aligned" (label　　value), "table"
    table_style: str  # "box", "bar", "fullbar", "tab"
    field_order: list[int]
    people_style: str  # "comma", "space", "lines", "rank-first", "header", "numbered", "bulleted"
    person_sep: str  # between a name and its rank
    date_style: int
    slash_label: bool
    form: bool  # the 提要 form
    boxes: int  # -1 no boxes (trip type written), else BOXES index
    abstract_place: str  # "form" (in the 提要 form), "front" (a block of its own)
    abstract_label: str  # "", "摘要", "摘要：", "內容摘要", "提要：", "Abstract"
    blank_between: bool  # a blank line between the abstract's paragraphs
    keywords_label: str
    contents_title: str | None
    leader: int
    page_digits: str  # "arabic", "full", "roman"
    contents_place: str  # "after-cover", "before-abstract", "after-abstract"
    wording: int  # which wording of the cover's labels
    title_row: bool  # a table cover holds the title as its first row
    title_blank: bool  # a blank line after the cover's title
    trip_lines: bool  # the 提要 form's trip types on lines of their own
    extra_entry: bool
    spaced_blanks: bool  # a blank line between every line of the cover
    bare_entries: bool = False  # contents entries with neither leader nor page number
    kind_people: bool = False  # the travellers' label names the trip: 進修人員, 實習人員
    # A travellers' table (people_style "header") lined up by spaces under the
    # label alone (出國人員：), and its names column after the ranks' (職稱 姓名).
    people_aligned: bool = False
    names_last: bool = False
    form_last: bool = False  # the 提要 form after the body, at the report's end
    glossed_labels: bool = False  # labels with an English gloss: 服務機關 Agency：
    english_first: bool = False  # a bilingual cover's English title above the Chinese
    english_labels: bool = False  # a fields or table cover's labels in English alone
    page_column: bool = False  # a 頁次 header over the contents page's page numbers
    # An itinerary table on the cover, under its caption and with no blank
    # line before it (as a word processor writes it): "" none, "after-cover"
    # (below the cover's fields), "after-title" (right below the title).
    itinerary: str = ""
    # Its rows parted by tabs (a plain-text cover), else drawn with bars.
    itinerary_tabs: bool = False
    # A travellers' table drawn with bars has a last column of each one's role
    # in the delegation (團長, 團員), its header's words spaced out (姓　名).
    roles: bool = False
    # The contents page lists the 提要 form that follows it (出國報告提要……i).
    form_entry: bool = False
    # The form names the plan (計畫名稱：…) before the report (出國報告名稱：…).
    plan_name: bool = False
    # A fields cover with every field on one line, parted by a spaced slash
    # (服務機關：…　／　姓名職稱：…　／　報告日期：…).
    one_line: bool = False
    # Each traveller written name／rank (王大明／科長、李小華／技正).
    slash_people: bool = False
    # A contents page in two columns: two entries a line, a wide gap between.
    contents_columns: bool = False
    # The 提要 form's travellers one a line, each with a telephone that the
    # page's width pushed onto the line under it ((02)2349-6000#7301).
    phones: bool = False


def iso(front: Front) -> str:
    y, m, d = front.report_date
    return f"{y + 1911:04d}-{m:02d}" + (f"-{d:02d}" if d else "")


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)


def zh_digits(n: int) -> str:
    return "".join(ZH_DIGITS[int(c)] for c in str(n))


def zh_count(n: int) -> str:
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else ZH_DIGITS[tens]) + "十" if tens else "") + (
        ZH_DIGITS[ones] if ones or not tens else "")


def render_date(front: Front, style: int) -> str:
    y, m, d = front.report_date
    day = d or 0
    forms = [
        f"中華民國 {y} 年 {m} 月" + (f" {d} 日" if d else ""),
        f"民國{y}年{m}月" + (f"{d}日" if d else ""),
        full_width(f"{y}年{m}月") + (full_width(f"{d}") + "日" if d else ""),
        f"{y + 1911} 年 {m} 月" + (f" {d} 日" if d else ""),
        # ("2023/08" alone reads as a page number "3 / 18": no cover writes it so)
        f"{y + 1911}/{m:02d}/{day:02d}" if d else f"{y + 1911} 年 {m:02d} 月",
        f"{y}.{m}.{d}" if d else f"{y}.{m}",
        f"{y + 1911}-{m:02d}-{day:02d}" if d else f"{y + 1911}-{m:02d}",
        f"中華民國{zh_digits(y)}年{zh_count(m)}月" + (f"{zh_count(d)}日" if d else ""),
    ]
    return forms[style % len(forms)]


def person(name: str, rank: str, layout: Layout) -> str:
    if layout.people_style == "rank-first":
        return f"{rank} {name}"
    if layout.slash_people and layout.people_style in ("comma", "lines", "numbered"):
        return f"{name}／{rank}"
    return f"{name}{layout.person_sep}{rank}"


ROLES = ["團長", "團員", "團員", "團員"]


def with_roles(layout: Layout) -> bool:
    """Whether the travellers' table carries a column of roles (drawn with bars)."""
    return layout.roles and layout.people_style == "header" and layout.cover == "table" \
        and not layout.people_aligned and layout.table_style != "tab"


def expected_people(front: Front, layout: Layout) -> list[str]:
    if with_roles(layout) and not layout.form:
        rows = people_columns(front, layout)[1:]
        return ["".join(row) for row in rows]
    if layout.people_style == "header" and layout.names_last and not layout.form and (
            layout.cover == "table" or layout.people_aligned) \
            and layout.cover not in ("columns", "stacked"):
        # A row read as written (科長 王大明); the 提要 form's 出國人 field,
        # where there is one, names them as it writes them.
        return [r + n for n, r in front.people]
    return ["".join(person(n, r, layout).split()) for n, r in front.people]


def title_lines(front: Front, layout: Layout) -> list[str]:
    title, lines, last = front.title, [], 0
    for cut in sorted(set(layout.title_breaks)):
        cut = min(max(cut, 2), len(title) - 2)
        if cut <= last or title[cut - 1:cut + 1].isascii() or title[cut] == " ":
            continue
        lines.append(title[last:cut].strip())
        last = cut
    lines.append(title[last:].strip())
    return [line for line in lines if line]


def trip_line(front: Front, layout: Layout, c: str) -> list[str]:
    if layout.boxes < 0:
        return [f"出國類別{c}{front.kind}"]
    on, off = BOXES[layout.boxes]
    ticks = [f"{on if o == front.kind else off}{o}" for o in TRIP_OPTIONS]
    if layout.trip_lines:
        return [f"出國類別{c}", " ".join(ticks[:4]), " ".join(ticks[4:])]
    return [f"出國類別{c}{' '.join(ticks)}"]


def english_labels(layout: Layout) -> bool:
    return layout.english_labels and layout.cover in ("fields", "table") \
        and layout.people_style != "header"


def people_label(front: Front, layout: Layout) -> str:
    if english_labels(layout):
        return ENGLISH_LABELS[1][layout.wording]
    if layout.kind_people and front.kind in KIND_PEOPLE:
        return f"{front.kind}人員"
    return PEOPLE_LABELS[layout.wording]


def people_field(front: Front, layout: Layout, label: str, c: str) -> list[str]:
    written = [person(n, r, layout) for n, r in front.people]
    style = layout.people_style
    if style == "header" and layout.people_aligned and layout.cover != "table":
        return [f"{label}{c}".rstrip()] + aligned_people(front, layout)
    if style == "lines" or (style == "header" and layout.cover != "table"):
        return [f"{label}{c}{written[0]}"] + written[1:]
    if style == "numbered":  # the label and its colon alone, then 1. 王大明 科長 / 2. …
        colon = c.strip() or "："  # (a label set off by spaces alone is not read)
        return [f"{label}{colon}"] + [f"{k}. {w}" for k, w in enumerate(written, 1)]
    if style == "bulleted":  # the label alone, then ‧王大明 科長 / ‧… (indented)
        colon = c.strip() or "："
        return [f"{label}{colon}"] + [f"\u3000‧{w}" for w in written]
    sep = {"comma": "、", "space": " ", "rank-first": " "}.get(style, "、")
    if sep == " " and layout.person_sep == " " and style != "rank-first":
        sep = "、"  # "王大明 科長 李小華 技正" would do too, but keep it readable
    return [f"{label}{c}{sep.join(written)}"]


def cover_fields(front: Front, layout: Layout) -> list[tuple[str, list[str]]]:
    """(label, value lines) of the cover's fields, in the layout's order."""
    agency = AGENCIES[front.agency][0]
    w = layout.wording
    place = "派赴國家/地區" if layout.slash_label else ["派赴國家", "出國地區", "前往國家/地區"][w]
    written = [person(n, r, layout) for n, r in front.people]
    people = (people_label(front, layout), written if layout.people_style in ("lines", "header")
              else [("、" if layout.person_sep == " " or layout.people_style == "comma"
                     else " ").join(written)])
    fields = [(["服務機關", "服務單位", "機關名稱"][w], [agency]), people, (place, ["日本東京"]),
              (["出國期間", "出國日期", "出國起訖日期"][w], ["112 年 6 月 19 日至 6 月 25 日"]),
              (["報告日期", "報告完成日期", "報告繳交日期"][w],
               [render_date(front, layout.date_style)])]
    if english_labels(layout):
        fields = [(labels[w], values)
                  for (_, values), labels in zip(fields, ENGLISH_LABELS, strict=True)]
    elif layout.glossed_labels:
        fields = [(f"{label} {gloss}", values)
                  for (label, values), gloss in zip(fields, LABEL_GLOSSES, strict=True)]
    return [fields[i] for i in layout.field_order]


def table(rows: list[tuple[str, list[str]]], style: str) -> list[str]:
    if style == "tab":
        out = []
        for label, values in rows:
            out.append(f"{label}\t{values[0]}")
            out.extend(f"\t{v}" for v in values[1:])
        return out
    bar = {"box": "│", "bar": "|", "fullbar": "｜", "heavy": "┃"}[style]
    out = ["┌────────┬──────────────┐"] if style == "box" else []
    for n, (label, values) in enumerate(rows):
        if style == "box" and n:
            out.append("├────────┼──────────────┤")
        out.append(f"{bar}{label}{bar}{values[0]}{bar}")
        out.extend(f"{bar}{'　' * 4}{bar}{v}{bar}" for v in values[1:])
    if style == "box":
        out.append("└────────┴──────────────┘")
    return out


def people_columns(front: Front, layout: Layout) -> list[list[str]]:
    rows = [["姓名", "職稱"]] + [[n, r] for n, r in front.people]
    rows = [row[::-1] for row in rows] if layout.names_last else rows
    if with_roles(layout):
        rows = [[" ".join(rows[0][0]), " ".join(rows[0][1]), "任　務"]] + [
            [*row, ROLES[k]] for k, row in enumerate(rows[1:])]
    return rows


def people_table(front: Front, layout: Layout) -> list[str]:
    if layout.people_aligned:
        return aligned_people(front, layout)
    bar = "\t" if layout.table_style == "tab" else "│"
    rows = [bar + bar.join(row) + bar for row in people_columns(front, layout)]
    return [row.strip("\t") for row in rows]


def aligned_people(front: Front, layout: Layout) -> list[str]:
    """The travellers' table with its columns lined up by ideographic spaces."""
    rows = people_columns(front, layout)
    width = max(len(row[0]) for row in rows) + 2
    return [row[0] + "　" * (width - len(row[0])) + row[1] for row in rows]


def columns_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def two_columns(front: Front, layout: Layout, c: str) -> list[str]:
    """The cover's fields in two columns: the agency and the travellers, one
    a line down the left, beside the other fields down the right one."""
    fields = cover_fields(front, layout)
    label = next(f[0] for f in fields if f[0].startswith(people_label(front, layout)))
    agency = next(f for f in fields if not f[0].startswith(label) and AGENCIES[front.agency][0]
                  in f[1])
    written = [person(n, r, layout) for n, r in front.people]
    pad = "　" * (len(label) + (1 if c.strip() else 0))
    left = [f"{agency[0]}{c}{agency[1][0]}", f"{label}{c}{written[0]}"] \
        + [pad + w for w in written[1:]]
    right = [f"{name}{c}{values[0]}" for name, values in fields
             if name not in (label, agency[0])]
    width = max(columns_width(line) for line in left) + 4
    rows = []
    for k in range(max(len(left), len(right))):
        here = left[k] if k < len(left) else ""
        there = right[k] if k < len(right) else ""
        room = width - columns_width(here)
        gap = "　" * (room // 2) + " " * (room % 2)
        rows.append((here + gap + there).rstrip() if there else here)
    return rows


# The cover's itinerary: its caption, and rows of days, places and what was done.
# (a caption may name no table by number, or be a lead-in naming it: 表：參訪行程,
# 參訪行程如下表)
ITINERARY_CAPTIONS = ["行程表", "表1　參訪行程", "議程", "出國行程表", "表：參訪行程",
                      "表　出國行程", "參訪行程如下表："]
ITINERARY = [("日次", "行程", "備註"), ("第一天", "臺北→東京", "啟程"),
             ("第二天", "東京", "出席會議　拜會主辦單位"), ("第三天", "東京→臺北", "返程")]


def itinerary(layout: Layout) -> list[str]:
    """Caption and rows, parted by tabs (as plain text writes a table) or
    drawn with bars (as a word processor's table is read)."""
    rows = ["\t".join(row) if layout.itinerary_tabs else f"| {' | '.join(row)} |"
            for row in ITINERARY]
    caption = ITINERARY_CAPTIONS[layout.field_order[0] % len(ITINERARY_CAPTIONS)]
    return [caption, *rows]


def cover(front: Front, layout: Layout) -> list[str]:
    c = layout.colon
    out: list[str] = []
    if layout.boilerplate == 1:
        out += ["行政院所屬各機關因公出國人員出國報告書", f"（出國類別{c}{front.kind}）", ""]
    elif layout.boilerplate == 2:
        out += [f"出國報告（出國類別{c}{front.kind}）", ""]
    elif layout.boilerplate == 3:  # the agency's name before the form's heading
        out += [f"{AGENCIES[front.agency][0]}出國報告", f"出國類別{c}{front.kind}", ""]
    elif layout.boilerplate == 4:  # all on one line
        out += [f"{AGENCIES[front.agency][0]}出國報告（出國類別{c}{front.kind}）", ""]
    title = title_lines(front, layout)
    in_table = layout.cover == "table" and layout.title_row
    if layout.bilingual:
        title.insert(0 if layout.english_first else len(title), ENGLISH[front.kind])
    after: list[str] = [""] if layout.title_blank or in_table else []
    out, before = after, out
    if layout.cover == "plain":
        agency, english = AGENCIES[front.agency]
        out.append(agency)
        if layout.bilingual:
            out.append(english)
        out += people_field(front, layout, "報告人", c)
        out.append(render_date(front, layout.date_style))
    elif layout.cover == "fields" and layout.one_line and not english_labels(layout) \
            and layout.people_style != "header":
        # (labels in English alone are read at a line's start only: not drawn so)
        people = "、".join(person(n, r, layout) for n, r in front.people)
        out.append("\u3000／\u3000".join(
            f"{label}{c}{people if label.startswith(people_label(front, layout)) else values[0]}"
            for label, values in cover_fields(front, layout)))
    elif layout.cover in ("fields", "aligned"):
        if layout.cover == "aligned":  # no colon: the value lined up by spaces
            c = "　　" if layout.colon == "：" else "    "
        for label, values in cover_fields(front, layout):
            if label.startswith(people_label(front, layout)):
                out += people_field(front, layout, label, c)
            else:
                out.append(f"{label}{c}{values[0]}")
    elif layout.cover == "columns":
        out += two_columns(front, layout, c)
    elif layout.cover == "stacked":  # each label alone, its value on the lines under it
        for label, values in cover_fields(front, layout):
            out += [label, *values]
    else:
        rows = cover_fields(front, layout)
        if in_table:  # the title is the table's first row, wrapped in its cell
            rows.insert(0, ("Report Title" if english_labels(layout) else "出國報告名稱",
                            title_lines(front, layout)))
            title = [ENGLISH[front.kind]] if layout.bilingual else []
        if layout.people_style == "header":
            rows = [r for r in rows if not r[0].startswith(people_label(front, layout))]
            out += table(rows, layout.table_style) + [""] + people_table(front, layout)
        else:
            out += table(rows, layout.table_style)
    # A blank after every line but the title's (not in a tab-separated table:
    # a text reader strips the tab that starts a continuation row).
    # (Nor under a label alone: its value is the line under it, no blank between.)
    if layout.spaced_blanks and not (layout.cover == "table" and layout.table_style == "tab") \
            and layout.cover != "stacked":
        before = [x for line in before for x in (line, "")]
        out = [x for line in out for x in (line, "")]
    if layout.itinerary == "after-title" and not in_table:
        title = title + itinerary(layout)
    elif layout.itinerary:
        out = out + itinerary(layout)
    return before + title + out


def abstract_block(front: Front, layout: Layout) -> list[str]:
    label, out = layout.abstract_label, []
    paragraphs = list(front.abstract)
    if label.endswith("："):
        out.append(label + paragraphs.pop(0))
    elif label:
        out.append(label)
    for text in paragraphs:
        if layout.blank_between and out:
            out.append("")
        out.append(text)
    return out


def keywords_line(front: Front, layout: Layout) -> list[str]:
    label = layout.keywords_label
    items = "、".join(front.keywords)
    return [label, items] if not label.endswith(("：", ":")) else [label + items]


FORM_TITLE = "行政院及所屬各機關出國報告提要"


def form(front: Front, layout: Layout) -> list[str]:
    c = layout.colon
    plan = [f"計畫名稱{c}{front.title.removesuffix('報告')}計畫"] if layout.plan_name else []
    out = [FORM_TITLE, "", *plan, f"出國報告名稱{c}{front.title}",
           f"頁數{c}12　含附件{c}是",
           f"{['出國計畫主辦機關', '主辦機關', '計畫主辦機關'][layout.wording]}{c}"
           f"{AGENCIES[front.agency][0]}"]
    people = people_field(front, layout, "出國人員姓名/服務機關/單位/職稱", c) \
        if layout.people_style in ("lines", "comma") else \
        [f"出國人{c}" + "、".join(person(n, r, layout) for n, r in front.people)]
    if layout.phones and layout.people_style == "lines":
        people = [line for k, one in enumerate(people)
                  for line in (one, f"(02)2349-6000#{7301 + k}")]
    out += people
    out += trip_line(front, layout, c)
    out += [f"出國期間{c}112 年 6 月 19 日至 6 月 25 日", f"出國地區{c}日本東京",
            f"報告日期{c}{render_date(front, layout.date_style)}"]
    if layout.abstract_place == "form":
        out += keywords_line(front, layout)
        label = layout.abstract_label or "內容摘要："
        out += abstract_block(front, Layout(**{**layout.__dict__, "abstract_label": label}))
    return out


def page(n: int, digits: str) -> str:
    if digits == "full":
        return full_width(str(n))
    if digits == "roman":
        return ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][n - 1]
    return str(n)


def contents(layout: Layout) -> list[str]:
    leader = LEADERS[layout.leader]
    entries = [h for h, _ in BODY] + ([EXTRA_ENTRY] if layout.extra_entry else [])
    if layout.form_entry and layout.form and not layout.form_last \
            and layout.contents_place == "after-cover":
        entries = [FORM_TITLE, *entries]  # the form follows the contents page
    out = [layout.contents_title, ""] if layout.contents_title else []
    if layout.page_column and not layout.bare_entries:  # the page numbers' column header
        out.append(" " * 40 + "頁次")
    lines = [entry if layout.bare_entries else f"{entry}{leader}{page(n, layout.page_digits)}"
             for n, entry in enumerate(entries, start=1)]
    if layout.contents_columns and not layout.bare_entries and not layout.page_column:
        half = (len(lines) + 1) // 2  # down the left column, then the right one
        lines = [left + ("\u3000" * 4 + lines[k + half] if k + half < len(lines) else "")
                 for k, left in enumerate(lines[:half])]
    return out + lines


def body() -> list[str]:
    out = []
    for heading, text in BODY:
        out += [heading, ""] + ([text, ""] if text else [])
    return out


def render(front: Front, layout: Layout) -> str:
    """The report as text: the front in the layout, then the body."""
    toc = contents(layout)
    parts = [cover(front, layout)]
    if layout.contents_place == "after-cover":
        parts.append(toc)
    if layout.form and not layout.form_last:
        parts.append(form(front, layout))
    elif layout.boilerplate == 0:
        parts.append(trip_line(front, layout, layout.colon))
    abstract = abstract_block(front, layout) + [""] + keywords_line(front, layout)
    if layout.abstract_place == "form" and layout.form:
        abstract = []
    if layout.contents_place == "before-abstract":
        parts += [toc, abstract]
    elif layout.contents_place == "after-abstract":
        parts += [abstract, toc]
    else:
        parts.append(abstract)
    parts.append(body())
    if layout.form and layout.form_last:
        parts.append(form(front, layout))
    return "\n\n".join("\n".join(part) for part in parts if part) + "\n"


@st.composite
def fronts(draw) -> Front:
    title, kind = draw(st.sampled_from(TITLES))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    people = [(n, draw(st.sampled_from(RANKS))) for n in names]
    day = draw(st.one_of(st.none(), st.integers(1, 28)))
    return Front(title, kind, draw(st.integers(0, len(AGENCIES) - 1)), people,
                 (draw(st.integers(100, 114)), draw(st.integers(1, 12)), day),
                 draw(st.lists(st.sampled_from(KEYWORDS), min_size=2, max_size=5, unique=True)),
                 draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3, unique=True)))


@st.composite
def layouts(draw) -> Layout:
    form_ = draw(st.booleans())
    contents_title = draw(st.sampled_from(CONTENTS_TITLES))
    leader = draw(st.integers(0, len(LEADERS) - 1))
    return Layout(
        colon=draw(st.sampled_from(["：", ":", "： ", "："])),
        title_breaks=draw(st.lists(st.integers(2, 30), max_size=2)),
        boilerplate=draw(st.integers(0, 4)),
        bilingual=draw(st.booleans()),
        cover=draw(st.sampled_from(["plain", "fields", "aligned", "table", "columns", "stacked"])),
        table_style=draw(st.sampled_from(["box", "bar", "fullbar", "heavy", "tab"])),
        field_order=draw(st.permutations(range(5))),
        people_style=draw(st.sampled_from(["comma", "space", "lines", "rank-first", "header",
                                           "numbered", "bulleted"])),
        person_sep=draw(st.sampled_from([" ", "　", ""])),
        date_style=draw(st.integers(0, 7)),
        slash_label=draw(st.booleans()),
        form=form_,
        boxes=draw(st.integers(-1, 1)),
        abstract_place=draw(st.sampled_from(["form", "front"] if form_ else ["front"])),
        abstract_label=draw(st.sampled_from(["", "摘要", "摘要：", "內容摘要", "提要：", "Abstract",
                                             "摘　要", "Abstract 摘要", "摘要（Abstract）",
                                             "執行摘要", "Executive Summary"])),
        blank_between=draw(st.booleans()),
        keywords_label=draw(st.sampled_from(["關鍵詞：", "關鍵字:", "關 鍵 詞：", "關鍵詞",
                                             "Keywords:", "關鍵詞 Keywords：", "Keywords 關鍵詞"])),
        contents_title=contents_title,
        leader=leader,
        contents_place=draw(st.sampled_from(["after-cover", "before-abstract", "after-abstract"])),
        wording=draw(st.integers(0, 2)),
        title_row=draw(st.booleans()),
        title_blank=draw(st.booleans()),
        trip_lines=draw(st.booleans()),
        page_digits=draw(st.sampled_from(["arabic", "full", "roman"])),
        extra_entry=draw(st.booleans()),
        spaced_blanks=draw(st.booleans()),
        bare_entries=draw(st.booleans()),
        kind_people=draw(st.booleans()),
        people_aligned=draw(st.booleans()),
        names_last=draw(st.booleans()),
        form_last=draw(st.booleans()),
        glossed_labels=draw(st.booleans()),
        english_first=draw(st.booleans()),
        english_labels=draw(st.booleans()),
        page_column=draw(st.booleans()),
        itinerary=draw(st.sampled_from(["", "after-cover", "after-title"])),
        itinerary_tabs=draw(st.booleans()),
        roles=draw(st.booleans()),
        form_entry=draw(st.booleans()),
        plan_name=draw(st.booleans()),
    )
