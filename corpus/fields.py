"""The fields of a cover or a 提要 form, in every wording and layout.

A field is a label and its value: `出國報告名稱：…`, `派赴國家/地區：…`, `關 鍵 詞：…`,
several on one line (`聯絡人：… 電話：…`), or the cells of a table row, drawn
with box characters (`│出國人員│王大明│`), bars (`|`, `｜`) or tabs. A row
whose first cell is empty continues the field above it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A label (normalized: NFKC, no spaces, slashes, brackets or 及/與) to the
# metadata it gives; checked in order, so the first pattern that matches wins.
FIELD_PATTERNS = [
    ("title", re.compile(r"^(出國)?報告書?(名稱|題目|標題|主題)$|^(題目|標題|名稱)$")),
    # The plan's name (計畫名稱), which the 提要 form gives beside the report's
    # own (報告名稱): the title only where no report's name is given.
    ("plan_title", re.compile(r"^(出國)?(計畫|計劃)書?(名稱|題目|標題|主題)$")),
    ("agency", re.compile(r"^(出國)?(計[畫劃])?主辦(機關|單位)(名稱)?$")),
    ("service_agency", re.compile(r"^(服務|派遣|所屬)?(機關|單位)(名稱)?(單位)?$")),
    # 進修人員, 實習人員: the trip's own word names its travellers too.
    ("authors", re.compile(r"^(出國|派赴|報告|撰寫|撰稿)(人|者).*$|^(出國)?(成員|團員)$|"
                           r"^(進修|研習|實習|研究|考察|訪問|參訪|受訓|訓練)(人員|者)(姓名)?(職稱)?$")),
    ("names", re.compile(r"^(姓名|職稱姓名|服務(機關|單位)姓名|單位職稱姓名|人員姓名).*$|"
                         # a travellers' table header whose names column is not first
                         r"^(?:(?:服務|所屬)?(?:機關|單位)|職稱|職級|部門)+姓名.*$")),
    ("contact", re.compile(r"^(聯絡(人|電話).*|電話|分機|e-?mail)$", re.I)),
    ("trip_type", re.compile(r"^(出國)?(類別|性質|種類)$")),
    ("report_date", re.compile(r"^報告(完成|繳交|提出|撰寫|送出)?日期$|^(完成|繳交|提出)日期$")),
    ("period", re.compile(r"^(出國|考察|研習|會議|訪問|實習|進修|研究|出差|參訪|研討會)?"
                          r"(期間|日期|時間|起[迄訖]日期|起[迄訖]期間|起[迄訖]時間)$")),
    ("place", re.compile(r"^(出國|考察|研習|會議|前往|派赴|訪問|參訪|進修|實習|研究)?"
                         r"(地區|地點|城市)$")),
    ("country", re.compile(r"^(出國|前往|派赴|訪問|考察)?(國家|國別)(地區|城市|或地區|地點)?$")),
    ("keywords", re.compile(r"^(關鍵(詞|字|詞彙)|keywords?)$", re.I)),
    ("abstract", re.compile(r"^(內容|報告|執行)?(摘要|提要)(說明)?$|"
                            r"^(abstract|(executive)?summary)$", re.I)),
    ("pages", re.compile(r"^(報告)?頁數$|^分類號.*$|^含?附件$")),
]
# The same fields labelled in English alone (Title:, Agency:, Travellers:,
# Report Date:), as a cover written for readers abroad has them; matched on
# the label lower-cased with its spaces out.
ENGLISH_FIELD_PATTERNS = [
    ("title", re.compile(r"^(report|trip)?(title|subject)(ofthe(report|trip))?$")),
    ("service_agency", re.compile(r"^(service)?(agency|organi[sz]ation|affiliation|ministry)$")),
    ("authors", re.compile(r"^(travell?ers?|delegates?|delegation|participants?|officials?|"
                           r"officers?|authors?|reportedby|name(s)?andtitles?|titlesandnames?)$")),
    ("trip_type", re.compile(r"^(trip|travel)?(type|category)(oftrip|oftravel)?$")),
    ("report_date", re.compile(r"^(report|submission)date$|^dateof(the)?report$")),
    ("period", re.compile(r"^(travel|trip)?(period|dates|duration)(oftravel|ofthetrip|oftrip)?$")),
    ("place", re.compile(r"^(destinations?|venue|location)$")),
    ("country", re.compile(r"^(countr(y|ies)|countriesvisited)$")),
]
LABEL_SPACE_RE = re.compile(r"[\s/／、()（）及與暨]")
# "label: value"; a label holds no sentence punctuation.
FIELD_RE = re.compile(r"^\s*([^:：。，,；;]{1,24}?)\s*[:：]\s*(.*)$")
# Another field on the same line: a label after a space or a cell border.
# A label glossed in English (派赴國家 Country：) is one label.
LATER_LABEL_RE = re.compile(r"(?<=[\s\u3000])([^\s\u3000:：。，,；;]{1,14}"
                            r"(?:[ ][A-Za-z][A-Za-z.'&\-]*)?)\s*[:：]")
CELL_RE = re.compile(r"\s*[│┃｜|║\t]\s*")
RULE_RE = re.compile(r"^[\s─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╭╮╯╰┏┓┗┛┣┫┳┻╋+\-=_|│┃║｜]*$")
# A travellers' table's header cell: one such word or several run together
# (服務機關及職稱 folds to 服務機關職稱), a role in the delegation among them.
HEADER_CELLS = re.compile(
    r"^(?:姓名|職稱|職級|服務(?:機關|單位)|機關|單位|部門|電話|備註|出國人員?|人員|"
    r"任務|職務|分工|角色|團職)+$")


# An English gloss beside a Chinese label (服務機關 Agency, Period 出國期間,
# 出國人員（Officers）): the Chinese words name the field.
GLOSS_RE = re.compile(r"[A-Za-z][A-Za-z.'&\-]*")


@lru_cache(maxsize=4096)
def label_name(label: str) -> str | None:
    """The field a label names, if it names one. (Remembered: the same labels
    are asked about for the lines of every form, and the travellers' list is
    asked about for each line below it.)"""
    label = LABEL_SPACE_RE.sub("", unicodedata.normalize("NFKC", label))
    if re.search(r"[\u3400-\u9fff]", label):
        label = GLOSS_RE.sub("", label)
    if not label or len(label) > 20:
        return None
    if label.isascii() and label.isalpha():
        english = next((name for name, pattern in ENGLISH_FIELD_PATTERNS
                        if pattern.match(label.lower())), None)
        if english:
            return english
    for name, pattern in FIELD_PATTERNS:
        if pattern.match(label):
            return name
    return None


def field_of(line: str) -> tuple[str, str] | None:
    """(field, value) of a line that starts with a known label."""
    m = FIELD_RE.match(line)
    if not m:
        return None
    name = label_name(m.group(1))
    return (name, m.group(2).strip()) if name else None


def fields_of(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Text before the first label, and every (field, value) of a line."""
    labels = [(m.start(), m.end(), name) for m in LATER_LABEL_RE.finditer(line)
              if (name := label_name(m.group(1)))]
    first = field_of(line)
    if first:
        m = FIELD_RE.match(line)
        labels = [(0, m.start(2), first[0])] + [x for x in labels if x[0] >= m.start(2)]
    if not labels:
        return line, []
    out = []
    for n, (_, value_start, name) in enumerate(labels):
        value_end = labels[n + 1][0] if n + 1 < len(labels) else len(line)
        out.append((name, clean_value(line[value_start:value_end])))
    return line[:labels[0][0]].strip(), out


# A slash set apart by spaces between fields on one line (服務機關：…　／　姓名：…):
# the fields' separator, no part of the value before it.
FIELD_SLASH_RE = re.compile(r"\s+[／/]$")


def clean_value(value: str) -> str:
    value = FIELD_SLASH_RE.sub("", value.strip().strip("│┃｜|").strip()).strip()
    if value.count(")") + value.count("）") > value.count("(") + value.count("（"):
        value = value.rstrip(")）").strip()  # "(出國類別：開會)": the bracket is the line's
    return value


ALIGNED_RE = re.compile(r"^([^\s:：]{2,14}?(?:[ ][A-Za-z][A-Za-z.'&\-]*)?)"
                        r"(?:\u3000+|[ ]{2,}|\u3000*[ ]+\u3000+)\s*(\S.*)$")


def aligned_field(line: str) -> str | None:
    """A label and its value lined up by spaces, no colon: "服務機關　　財政部"."""
    m = ALIGNED_RE.match(line)
    if m and label_name(m.group(1)):
        return f"{m.group(1)}：{m.group(2)}"
    return None


def continues_row(line: str) -> bool:
    """A table row whose first cell is empty: more of the field above."""
    return bool(re.match(r"^[│┃｜|║][\s\u3000]*[│┃｜|║]", line))


def is_rule(line: str) -> bool:
    return bool(line) and RULE_RE.match(line) is not None


def people_header(cells: list[str]) -> list[str] | None:
    """The header of a table of travellers (姓名, 職稱, 服務機關…) as a names
    field whose rows follow; None when the cells are not one."""
    cells = [c for c in cells if c]
    if len(cells) >= 2 and all(HEADER_CELLS.match(LABEL_SPACE_RE.sub("", c)) for c in cells) \
            and any(LABEL_SPACE_RE.sub("", c).startswith(("姓名", "出國人")) for c in cells):
        return [" ".join(cells) + "："]  # a names label (服務機關 職稱 姓名 too)
    return None


# Columns lined up by spaces: two spaces or more, or an ideographic space.
COLUMN_GAP_RE = re.compile(r"[ ]{2,}|[ ]*\u3000[\s\u3000]*")


def aligned_header(line: str) -> list[str] | None:
    """A travellers' table header whose columns are lined up by spaces."""
    return people_header([c for c in COLUMN_GAP_RE.split(line.strip()) if c])


# A cell's word spaced out to fill its width: 姓　名, 團　長.
SPACED_WORD_RE = re.compile(r"^[\u3400-\u9fff](?:[ \u3000]+[\u3400-\u9fff]){1,3}$")


def letters_closed(cell: str) -> str:
    return re.sub(r"[ \u3000]+", "", cell) if SPACED_WORD_RE.match(cell) else cell


def table_lines(line: str) -> list[str] | None:
    """A table row of a form as field lines ("label：value"), or the text of
    its cells (a continuation, a traveller's row); None when it is no row."""
    if not CELL_RE.search(line):
        return None
    cells = [letters_closed(c.strip()) for c in CELL_RE.split(line)]
    header = people_header(cells)  # a names field: the travellers' rows follow
    if header is not None:
        return header
    out: list[list[str]] = []
    filled = [c for c in cells if c]
    for cell in cells:
        if not cell:
            continue
        # A label heads its row or has its value in the next cell; the last
        # cell after values is one more value (a traveller's role: 團員).
        if label_name(cell.rstrip(":：")) and (cell is filled[0] or cell is not filled[-1]):
            out.append([cell.rstrip(":：") + "：", ""])
        elif out:
            out[-1][1] = f"{out[-1][1]} {cell}".strip()
        else:
            out.append(["", cell])
    return [label + value for label, value in out]
