"""A report's metadata from its front matter: the form's fields first, the
cover where the form is silent.

The cover's title is its title lines, whatever they end in (a second line
`出國報告` included), after the form's own heading and up to a blank line,
a field, a date, the agency or an English subtitle; an English title above
the Chinese one is its translation.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, timedelta

from .dates import parse_date, parse_period
from .fields import field_of, label_name
from .model import Report
from .paragraphs import join_fragments
from .people import split_people

# The form's own heading, never the title: 行政院所屬各機關因公出國人員出國報告書,
# 文化部及所屬機關出國報告,
# 出國報告（出國類別：研習）, （出國類別：開會）, 出國報告提要.
BOILERPLATE_RE = re.compile(
    r"^(行政院\S*|\S*(?:各|所屬)機關\S*)?(因公)?(公務)?出國(人員)?報告(書|提要)?\s*"
    r"([(（][^()（）]*[)）])?$|^[(（]\s*出國類別.*[)）]$|^出國報告(書)?\s*[(（]")
# The form's heading in English under the Chinese one, with the body's name
# or not: Overseas Research Report, National Cheng Kung University; Report on
# Official Travel Abroad.
ENGLISH_FORM_RE = re.compile(
    r"^(?:(?:Overseas|Official|Business)\s+(?:(?:Trip|Travel|Research|Study|Training|Meeting)\s+)?"
    r"Report|Report\s+on\s+(?:Official|Overseas|Business)\s+(?:Travel|Trips?)(?:\s+Abroad)?)"
    r"(?:\s*[,，(（\-–—]\s*[^,，]*)?$", re.I)
# The strong kind: a heading that ends a title already started.
FORM_HEADING_RE = re.compile(r"^(行政院|\S*(?:各|所屬)機關)|出國類別|提要$")
AGENCY_RE = re.compile(r"(部|署|局|院|會|處|館|所|中心|分署|辦公室|銀行|大學|學院|公司|府)$")
# How the name of a government body starts: a branch, a ministry, a council.
AGENCY_START_RE = re.compile(
    r"^(行政院|總統府|立法院|司法院|考試院|監察院|內政部|外交部|國防部|財政部|教育部|法務部|"
    r"經濟部|交通部|勞動部|衛生福利部|文化部|數位發展部|農業部|環境部|國家|大陸委員會|"
    r"金融監督管理委員會|海洋委員會|僑務委員會|國軍退除役|原住民族委員會|客家委員會|中央|"
    r"公平交易委員會|核能安全委員會|臺灣|台灣|國立|中華民國|駐|\S{1,3}[縣市]政府|\S{1,3}[縣市]立)")
TITLE_WORD_RE = re.compile(r"報告|出國|出席|參加|參與|赴|考察|研習|訪問|會議|研討|論壇|參訪|"
                           r"交流|訓練|課程|計畫|第\s*\d|年")
DATE_ONLY_RE = re.compile(r"^(中華)?(民國|西元)?[\d\s年月日./\-〇零一二三四五六七八九十]*$")
TRIP_TYPES = [("開會", r"開會|會議|出席|研討會|論壇|年會"), ("考察", r"考察|參訪|訪問"),
              ("研習", r"研習|訓練|培訓|講習|課程"), ("進修", r"進修"), ("實習", r"實習"),
              ("研究", r"研究"), ("其他", r"其他")]
TICKED_RE = re.compile(r"[■☑☒✓✔▣◼●]\s*([^\s■□☐☑☒▣◼●○\d]+)")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# The form's heading after the agency's name: 環境部資源循環署出國報告(書).
AGENCY_HEADING_RE = re.compile(r"^(?P<agency>\S+?)\s*(?:因公)?出國(?:人員)?報告書?\s*"
                               r"(?:[(（][^()（）]*[)）])?$")


def is_boilerplate(line: str) -> bool:
    """The form's own heading, alone or after the agency's name."""
    text = nfkc(line).strip()
    if BOILERPLATE_RE.match(text) or ENGLISH_FORM_RE.match(text):
        return True
    m = AGENCY_HEADING_RE.match(text)
    return bool(m) and form_agency(m.group("agency"), text)


def form_agency(agency: str, heading: str) -> bool:
    """Whether the words before 出國報告 in a form's heading are the agency's
    name: one the agency vocabulary knows, or any body's name where the
    heading names the trip's kind (審計部出國報告（出國類別：開會）), which
    no title does."""
    return is_agency_line(agency) or "出國類別" in heading and is_body_name(agency)


def is_body_name(text: str) -> bool:
    """A body's name by its form alone: short, ending as one (部, 局, 公司…),
    with no word of a title."""
    text = "".join(nfkc(text).split())
    return 3 <= len(text) <= 24 and bool(AGENCY_RE.search(text)) \
        and not TITLE_WORD_RE.search(text)


def is_date_line(line: str) -> bool:
    """A line that is a date and nothing more (中華民國 112 年 8 月)."""
    text = "".join(nfkc(line).split())
    return bool(text) and bool(parse_date(text)) and bool(DATE_ONLY_RE.match(text))


def is_agency_line(line: str) -> bool:
    text = "".join(nfkc(line).split())
    return 3 <= len(text) <= 24 and bool(AGENCY_RE.search(text)) \
        and not TITLE_WORD_RE.search(text) and bool(AGENCY_START_RE.match(text))


def latin_share(text: str) -> float:
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    han = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    return letters / max(1, letters + 2 * han)


def is_english_title(line: str) -> bool:
    """A line in English of three words or more: a bilingual cover's translation."""
    return latin_share(line) > 0.5 and len(re.findall(r"[A-Za-z]+", line)) >= 3


# A Chinese title that ends as one (…報告, …報告書) and its English subtitle
# run into the same line (a PDF that joined the two lines).
SUBTITLED_RE = re.compile(r"^(.*\S報告書?)\s*([A-Z][^\u3400-\u9fff]*)$")


def cover_title(cover: list[str]) -> str:
    """The title lines of a cover, joined."""
    parts: list[str] = []
    for k, line in enumerate(cover):
        if not line:
            if parts:
                break
            continue
        if is_boilerplate(line):
            if parts and FORM_HEADING_RE.search(line):
                break
            if not parts:
                continue
        elif is_date_line(line) or field_of(line) or label_name(line.strip()) is not None \
                or (is_agency_line(line) and parts):
            # A field's label alone (出國人員, its table below) ends the title too.
            if parts:
                break
            continue
        elif is_agency_line(line) or over_form_heading(cover, k):
            continue
        if parts and line == parts[-1]:
            continue  # a running header over the cover's own first line
        if parts and latin_share(line) > 0.5 >= latin_share("".join(parts)):
            break  # a bilingual cover's English subtitle
        if parts and latin_share(line) <= 0.5 and is_english_title(" ".join(parts)):
            parts = []  # an English title above the Chinese: its translation
        subtitled = SUBTITLED_RE.match(line)
        if subtitled and is_english_title(subtitled.group(2)):
            parts.append(subtitled.group(1))  # its English subtitle run into the line
            break
        parts.append(line)
        if len(parts) == 4:
            break
    title = ""
    for part in parts:
        title = join_fragments(title, part)
    return title


def over_form_heading(cover: list[str], k: int) -> bool:
    """Whether the line at k is a body's name right over the form's heading
    (國營臺灣鐵路股份有限公司 / 出國報告): the agency, whatever its name starts with.
    Nothing stands around it but blank lines and the same line again (a
    printer's running header, or the blank a cleaned one left)."""
    rest = [line for line in cover[k + 1:] if line and line != cover[k]]
    return all(not line or line == cover[k] for line in cover[:k]) and bool(rest) \
        and is_body_name(cover[k]) and is_boilerplate(rest[0])


# The same heading with whatever the line goes on with: 農業部漁業署出國報告（出國類別：….
AGENCY_HEADING_START_RE = re.compile(r"^(?P<agency>\S+?)\s*(?:因公)?出國(?:人員)?報告")


def heading_agency(line: str) -> str:
    """The agency a form's heading names before 出國報告, else ""."""
    m = AGENCY_HEADING_START_RE.match(nfkc(line).strip())
    return m.group("agency") if m and form_agency(m.group("agency"), nfkc(line)) else ""


def cover_agency(cover: list[str]) -> str:
    return next((line for line in cover if line and is_agency_line(line)), "") or next(
        (agency for line in cover if line and (agency := heading_agency(line))), "") or next(
        (line for line in cover if line and AGENCY_RE.search(line) and len(line) <= 20
         and not TITLE_WORD_RE.search(line)), "")


def shared_agency(people: list[str]) -> str:
    """The body every traveller serves in, when each names their agency
    first (a table of 服務機關, 姓名, 職稱 and no agency elsewhere): the
    longest start their agencies share that is a body's name (國立故宮博物院
    of 國立故宮博物院登錄保存處 and 國立故宮博物院書畫文獻處)."""
    firsts = [person.split()[0] for person in people if len(person.split()) > 1]
    if not firsts or len(firsts) < len(people) or not all(is_agency_line(f) for f in firsts):
        return ""
    shared = os.path.commonprefix(firsts)
    return next((shared[:end] for end in range(len(shared), 2, -1)
                 if is_agency_line(shared[:end])), "")


def trip_type(value: str, cover: list[str]) -> tuple[str, str]:
    """(kind, as written): the kind is one of TRIP_TYPES' names."""
    candidates = [value] + [line for line in cover if "出國類別" in line]
    for text in candidates:
        if not text:
            continue
        m = re.search(r"出國類別\s*[:：]\s*([^)）]+)", text)
        written = m.group(1).strip() if m else text.strip()
        # The form lists every option: "1 考察 2 進修 ... 其他(出席國際會議)", or
        # boxes "■開會 □考察"; the chosen one is ticked or is the last, written out.
        ticked = TICKED_RE.search(written)
        if ticked:
            written = ticked.group(1)
        elif re.search(r"[□☐○]", written):
            continue  # boxes, none ticked: the choice is elsewhere
        elif len(re.findall(r"\d\s*\S{2}", written)) >= 3:
            written = re.sub(r"^.*\d\s*\S{2}\s*", "", written) or written
        written = re.sub(r"^其他\s*[(（](.+)[)）]$", r"\1", written).strip()
        for kind, pattern in TRIP_TYPES:
            if re.search(pattern, written):
                return kind, written
        return "其他", written
    return "", ""


def cover_date(cover: list[str]) -> str:
    return next((line for line in cover if line and is_date_line(line)), "") or next(
        (line for line in cover if line and parse_date(line) and len(line) <= 20), "")


def describe(meta: Report, front) -> None:
    """Set a report's metadata from its front matter (frontmatter.FrontMatter)."""
    f = front.fields
    meta.title = re.sub(r"\s+", " ", f.get("title") or f.get("plan_title")
                        or cover_title(front.cover)).strip()
    meta.authors = split_people(f.get("authors") or f.get("names", ""))
    meta.agency = f.get("agency") or f.get("service_agency") or cover_agency(front.cover) \
        or shared_agency(meta.authors)
    meta.trip_type, meta.trip_type_written = trip_type(f.get("trip_type", ""), front.cover)
    if not meta.trip_type:
        # No form: the title says what the trip was ("出席…會議報告", "考察…").
        meta.trip_type = next((kind for kind, pattern in TRIP_TYPES[:-1]
                               if re.search(pattern, meta.title)), "")
    meta.period = f.get("period", "")
    meta.period_start, meta.period_end = parse_period(meta.period)
    meta.place = f.get("place") or f.get("country", "")
    meta.report_date = f.get("report_date", "") or cover_date(front.cover)
    meta.report_date_iso = parse_date(meta.report_date)
    meta.keywords = split_keywords(front.keywords)


def take_properties(meta: Report, front, properties) -> None:
    """What the report's text lacks, from what its file says of itself
    (formats.model.Properties: a PDF's document information, a DOCX's or
    ODT's document properties), never over the text: the title, the author
    for its travellers, and the day last saved for its date (take_date). The
    cover (front.cover) shows the title and author, so they are found."""
    take_date(meta, properties.date)
    title, author = properties.title, properties.author
    if meta.title or not title:
        return
    meta.title = title
    if not meta.trip_type:
        meta.trip_type = next((kind for kind, pattern in TRIP_TYPES[:-1]
                               if re.search(pattern, title)), "")
    if not meta.authors and author:
        meta.authors = split_people(author)
    front.cover[:0] = [title] + ([author] if author else [])


# A report is due within months of the trip: a file saved before the trip
# ended or more than a year after it gives a template's or a copy's day.
REPORT_WITHIN_DAYS = 366


def take_date(meta: Report, day: str) -> None:
    """The file's day (ISO) as the report's date, when the text gives none
    and the day falls within a year after the trip, if the trip's dates are
    known."""
    if meta.report_date or not day:
        return
    trip = meta.period_end or meta.period_start
    if len(trip) == 10:
        ended = date.fromisoformat(trip)
        if not ended <= date.fromisoformat(day) <= ended + timedelta(days=REPORT_WITHIN_DAYS):
            return
    meta.report_date = meta.report_date_iso = day


def split_keywords(value: str) -> list[str]:
    items = re.split(r"[、，,；;]", value.rstrip("。."))
    return [item.strip() for item in items if item.strip()]
