"""The front of a report: cover, 提要 form, abstract, keywords and table of contents.

The 行政院 form comes in variants: with or without the 提要 page, 摘要 or
內容摘要 (with its text on the same line or below), 關鍵詞 or 關鍵字, fields
spelled with spaces or full-width colons. Reports without any form still have
a cover: the title, the agency, the date.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .dates import parse_date, parse_period
from .headings import match_heading
from .model import Report
from .paragraphs import join_fragments

# A field label (spaces removed) to the metadata it gives; checked in order,
# so the first pattern that matches a label wins.
FIELD_PATTERNS = [
    ("title", re.compile(r"^(出國)?(報告|計畫)(名稱|題目)$")),
    ("agency", re.compile(r"^(出國)?計畫主辦機關$|^主辦機關$")),
    ("service_agency", re.compile(r"^服務機關(名稱)?$|^機關(名稱)?$")),
    ("authors", re.compile(r"^出國人(員)?(姓名)?.*$|^報告人(員)?$|^撰寫人$")),
    ("names", re.compile(r"^姓名(職稱)?.*$")),
    ("contact", re.compile(r"^聯絡人$")),
    ("trip_type", re.compile(r"^出國類別$")),
    ("period", re.compile(r"^(出國|考察|研習|會議)?(期間|日期|時間)$")),
    ("place", re.compile(r"^(出國|考察|研習|會議)?地(區|點)$")),
    ("country", re.compile(r"^派赴國家(地區)?$|^前往(國家|地區)$")),
    ("report_date", re.compile(r"^報告(完成)?日期$")),
    ("keywords", re.compile(r"^關鍵(詞|字|詞彙)$")),
    ("abstract", re.compile(r"^(內容)?摘要$|^提要$")),
    ("pages", re.compile(r"^頁數$|^分類號.*$|^含附件$")),
]
FIELD_RE = re.compile(r"^\s*([^:：]{1,24}?)\s*[:：]\s*(.*)$")
ABSTRACT_TITLE_RE = re.compile(r"^(內容)?摘\s*要$")
FORM_TITLE_RE = re.compile(r"出國(人員)?報告(書|提要)?\s*([(（][^()（）]*[)）])?$|^[(（]?出國類別")
TOC_TITLE_RE = re.compile(r"^目\s*[錄录次]$")
# A table-of-contents entry: dot leaders, or a page number after a gap.
TOC_ENTRY_RE = re.compile(r"[.…·‧．]{3,}\s*\d*\s*$|(\t|\s{2,}|　)\s*[\d０-９]{1,3}\s*$|\t\s*$")
AGENCY_RE = re.compile(r"(部|署|局|院|會|處|館|所|中心|分署|辦公室)$")
TRIP_TYPES = [("開會", r"開會|會議|出席|研討會|論壇|年會"), ("考察", r"考察|參訪|訪問"),
              ("研習", r"研習|訓練|培訓|講習|課程"), ("進修", r"進修"), ("實習", r"實習"),
              ("研究", r"研究"), ("其他", r"其他")]
MULTILINE = {"authors", "keywords", "abstract", "title"}


@dataclass
class FrontMatter:
    fields: dict[str, str] = field(default_factory=dict)
    cover: list[str] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)
    keywords: str = ""
    form: list[str] = field(default_factory=list)  # field lines other than those


def field_of(line: str) -> tuple[str, str] | None:
    m = FIELD_RE.match(line)
    if not m:
        return None
    label = re.sub(r"\s+", "", m.group(1))
    for name, pattern in FIELD_PATTERNS:
        if pattern.match(label):
            return name, m.group(2).strip()
    return None


def is_toc_title(line: str) -> bool:
    return bool(TOC_TITLE_RE.match(line.strip()))


def find_toc(lines: list[str]) -> tuple[int, int] | None:
    """The table of contents as (first, end) line indexes, if the report has one.

    It runs from its title while lines are blank, carry leaders or page
    numbers, or are headings that the body repeats further down.
    """
    start = next((i for i, line in enumerate(lines) if is_toc_title(line)), None)
    if start is None:
        return None
    counts = Counter(re.sub(r"\s+", "", line) for line in lines[start + 1:] if line)
    end = start + 1
    while end < len(lines):
        line = lines[end]
        # An entry is a heading the body repeats, its page number aside (some PDF
        # extractions keep only a plain space before the number).
        squashed = re.sub(r"\s+", "", line)
        entry = re.sub(r"\s+", "", re.sub(r"\s+[\d０-９]{1,3}\s*$", "", line))
        repeated = counts[entry] >= (1 if entry != squashed else 2)
        if line and not TOC_ENTRY_RE.search(line) and not (match_heading(line) and repeated):
            break
        end += 1
    return start, end


def read_front_matter(lines: list[str]) -> FrontMatter:
    """Fields, cover lines, abstract and keywords of the lines before the body."""
    front = FrontMatter()
    current: str | None = None
    for line in lines:
        if ABSTRACT_TITLE_RE.match(line):
            current = "abstract"
            continue
        found = field_of(line)
        if found:
            name, value = found
            current = name if name in MULTILINE else None
            if name == "abstract":
                front.abstract.append(value) if value else None
            elif name == "keywords":
                front.keywords = value
            else:
                front.form.append(line)
                if not front.fields.get(name):
                    front.fields[name] = value
            continue
        if not line:
            if current == "title":
                current = None
            continue
        if current == "authors" and (parse_date(line) or len(line) > 40
                                     or FORM_TITLE_RE.search(line)):
            current = None
        if current == "abstract":
            front.abstract.append(line)
        elif current == "keywords":
            front.keywords = join_fragments(front.keywords, line)
        elif current in ("authors", "title") and not FORM_TITLE_RE.search(line):
            sep = "\n" if current == "authors" else ""
            value = front.fields.get(current, "")
            front.fields[current] = (value + sep + line) if sep else join_fragments(value, line)
            front.form.append(line)
        else:
            front.cover.append(line)
    return front


def cover_title(cover: list[str]) -> str:
    """The title on a cover: the lines after the form's own heading, up to the
    agency or a date, joined (a long title wraps onto two lines)."""
    parts: list[str] = []
    for line in cover:
        if FORM_TITLE_RE.search(line) or line.startswith(("(", "（")) and "類別" in line:
            if parts:
                break
            continue
        if AGENCY_RE.search(line) and parts or parse_date(line) or field_of(line):
            break
        if AGENCY_RE.search(line) and not parts and len(line) <= 12:
            continue
        parts.append(line)
        if len(parts) == 3:
            break
    title = ""
    for part in parts:
        title = join_fragments(title, part)
    return title


def cover_agency(cover: list[str]) -> str:
    return next((line for line in cover if AGENCY_RE.search(line) and len(line) <= 20
                 and not re.search(r"報告|出國", line)), "")


def trip_type(value: str, cover: list[str]) -> tuple[str, str]:
    """(kind, as written): the kind is one of TRIP_TYPES' names."""
    candidates = [value] + [line for line in cover if "出國類別" in line]
    for text in candidates:
        if not text:
            continue
        m = re.search(r"出國類別\s*[:：]\s*([^)）]+)", text)
        written = m.group(1).strip() if m else text.strip()
        # The form lists every option: "1 考察 2 進修 ... 其他(出席國際會議)";
        # the chosen one is ticked or is the last, written out.
        ticked = re.search(r"[■☑✓✔Vv]\s*([^\s\d■□]+)", written)
        if ticked:
            written = ticked.group(1)
        elif len(re.findall(r"\d\s*\S{2}", written)) >= 3:
            written = re.sub(r"^.*\d\s*\S{2}\s*", "", written) or written
            written = re.sub(r"^其他\s*[(（](.*)[)）]$", r"\1", written)
        for kind, pattern in TRIP_TYPES:
            if re.search(pattern, written):
                return kind, written
        return "其他", written
    return "", ""


def describe(meta: Report, front: FrontMatter) -> None:
    """Set a report's metadata from its front matter: the form's fields first,
    the cover where the form is missing."""
    f = front.fields
    meta.title = re.sub(r"\s+", " ", f.get("title", "") or cover_title(front.cover)).strip()
    meta.agency = f.get("agency") or f.get("service_agency") or cover_agency(front.cover)
    meta.authors = parse_authors(f.get("authors") or f.get("names", ""))
    meta.trip_type, meta.trip_type_written = trip_type(f.get("trip_type", ""), front.cover)
    if not meta.trip_type:
        # No form: the title says what the trip was ("出席…會議報告", "考察…").
        meta.trip_type = next((kind for kind, pattern in TRIP_TYPES[:-1]
                               if re.search(pattern, meta.title)), "")
    meta.period = f.get("period", "")
    meta.period_start, meta.period_end = parse_period(meta.period)
    meta.place = f.get("place") or f.get("country", "")
    meta.report_date = f.get("report_date", "")
    if not meta.report_date:
        meta.report_date = next((line for line in front.cover if parse_date(line)
                                 and len(line) <= 20), "")
    meta.report_date_iso = parse_date(meta.report_date)
    meta.keywords = split_keywords(front.keywords)


def parse_authors(value: str) -> list[str]:
    authors = []
    for line in re.split(r"\n|[；;]", value):
        line = re.sub(r"(電話|分機|TEL|Tel)\s*[:：].*$", "", line).strip()
        if line:
            authors.extend(a.strip() for a in re.split(r"[、，,]", line) if a.strip())
    return [re.sub(r"\s+", " ", a) for a in authors]


def split_keywords(value: str) -> list[str]:
    items = re.split(r"[、，,；;]", value.rstrip("。."))
    return [item.strip() for item in items if item.strip()]
