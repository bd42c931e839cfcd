"""Parse the text of a 出國報告 into metadata, passages, annexes, meetings and topics.

The reports share one layout: a cover, the 提要 form (``KEY：value`` lines), a
table of contents, a body of numbered headings (壹、 / 一、 / (一)) and
paragraphs, and an annex list (柒、附件).  The text comes out of PDFs, so a
page break leaves a blank line that may cut a sentence or a word in two, and
the page header (the title) repeats between pages.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .glossary import learn_glossary, name_key
from .model import Annex, Heading, Meeting, Passage, Report, Topic

# Recorded in every index; bump it when parsing changes what passages an
# unchanged file yields, so that old indexes are rebuilt rather than mixed.
PARSER_VERSION = 2

CHAPTER_NUMERALS = "壹貳參肆伍陸柒捌玖拾"
NUMERALS = "一二三四五六七八九十百"

HEADING_PATTERNS = [
    (1, re.compile(rf"^([{CHAPTER_NUMERALS}]+、)\s*(.*)$")),
    (2, re.compile(rf"^([{NUMERALS}]+、)\s*(.*)$")),
    (3, re.compile(rf"^([(（][{NUMERALS}]+[)）])\s*(.*)$")),
]

# Fields of the 提要 form and the cover, by their label with spaces removed.
FIELDS = {
    "出國報告名稱": "title",
    "出國計畫主辦機關": "agency",
    "服務機關": "service_agency",
    "出國人": "authors",
    "姓名職稱": "names",
    "出國類別": "trip_type",
    "出國期間": "period",
    "出國地區": "place",
    "派赴國家": "country",
    "報告日期": "report_date",
    "關鍵詞": "keywords",
    "關鍵字": "keywords",
    "內容摘要": "abstract",
}
MULTILINE_FIELDS = {"authors", "keywords", "abstract"}
FIELD_RE = re.compile(r"^\s*([^:：]{2,12}?)\s*[:：]\s*(.*)$")

TOC_TITLES = {"目錄", "目次"}
TOC_ENTRY_RE = re.compile(r"\t|[.…·‧]{3,}\s*\d*\s*$")
PAGE_NUMBER_RE = re.compile(r"^[-–—\s]*\d{1,3}[-–—\s]*$")
ANNEX_ITEM_RE = re.compile(r"^(\d{1,3})\s*[.、．)]\s*(.*)$")
ANNEX_CITE_RE = re.compile(r"附件\s*(\d{1,3})((?:\s*[、,，及和]\s*\d{1,3})*)")

# A paragraph that ends like this is complete; anything else may continue
# after a page break.
SENTENCE_END_RE = re.compile(r"([。！？!?」』]|[。！？][)）]?\s*[(（]附件[^()（）]*[)）])$")
CLAUSE_PUNCT_RE = re.compile(r"[，、；：,;:]")
WORD_RE = re.compile(r"[^\W_]")
MIN_SPLIT_PARAGRAPH = 30

MEETING_WORDS_RE = re.compile(
    r"會議|研討會|對話|論壇|Meeting|Conference|Dialogue|Forum|Workshop", re.I)
PAREN_RE = re.compile(r"[(（]([^()（）]*)[)）]")
ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9&/\-]*[A-Z0-9]$")
TOPIC_HEADING_RE = re.compile(r"^(.+?)\s*議題$")
GENERIC_TOPICS = {"其他", "其它"}


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one paragraph the way the report spaces its text.

    Chinese runs join with nothing between them; a space goes between an ASCII
    word and what follows it, as in "2017 年 1 月" or "Cloud Data Services".
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    ascii_word = (a.isascii() and (a.isalnum() or a in ",.;:!?)")) or (b.isascii() and b.isalnum())
    return f"{left} {right}" if ascii_word else left + right


def heading_of(line: str) -> Heading | None:
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(line)
        # A heading names something: `一、。` is the tail of a cut paragraph.
        if m and WORD_RE.search(m.group(2)):
            return Heading(level, m.group(1), m.group(2).strip())
    return None


def is_complete(paragraph: str) -> bool:
    """Whether a paragraph cut by a blank line can be taken as finished."""
    text = paragraph.rstrip()
    if SENTENCE_END_RE.search(text):
        return True
    return len(text) < MIN_SPLIT_PARAGRAPH and not CLAUSE_PUNCT_RE.search(text)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parse_report(text: str, key: str, path: str = "") -> Report:
    """Parse one report's text; never raises on odd input, it just finds less."""
    lines = [line.strip() for line in normalize_newlines(text).split("\n")]
    body_start, toc = find_body_start(lines)
    fields = parse_fields(lines[: toc if toc is not None else body_start])
    report = Report(key=key, path=path)
    report.title = re.sub(r"\s+", " ", fields.get("title", "")).strip()
    report.agency = fields.get("agency") or fields.get("service_agency", "")
    report.authors = parse_authors(fields.get("authors") or fields.get("names", ""))
    report.trip_type = fields.get("trip_type", "")
    report.period = fields.get("period", "")
    report.place = fields.get("place") or fields.get("country", "")
    report.report_date = fields.get("report_date", "")
    report.keywords = split_keywords(fields.get("keywords", ""))

    headers = page_header_lines(lines, report.title)
    body = [
        "" if (squash(line) in headers or PAGE_NUMBER_RE.match(line)) else line
        for line in lines[body_start:]
    ]
    abstract = [
        "" if squash(line) in headers else line for line in fields.get("_abstract_lines", [])
    ]
    report.abstract = "\n".join(assemble_paragraphs(abstract))

    parse_body(report, body)
    if report.abstract:
        report.passages.insert(0, Passage(key, 0, report.abstract,
                                          (Heading(0, "", "內容摘要"),), 1))
    for number, passage in enumerate(report.passages, start=1):
        passage.number = number

    report.glossary = learn_glossary(report)
    report.meetings = find_meetings(report)
    report.topics = find_topics(report)
    assign_topics(report)
    return report


def normalize_newlines(text: str) -> str:
    return text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")


def find_body_start(lines: list[str]) -> tuple[int, int | None]:
    """Index of the first body line, and of the table of contents if there is one."""
    toc = next((i for i, line in enumerate(lines) if squash(line) in TOC_TITLES), None)
    if toc is not None:
        i = toc + 1
        while i < len(lines) and (not lines[i] or TOC_ENTRY_RE.search(lines[i])):
            i += 1
        return i, toc
    first_heading = next((i for i, line in enumerate(lines)
                          if heading_of(line) and heading_of(line).level == 1), None)
    if first_heading is not None:
        return first_heading, None
    # No structure at all: everything after the last front-matter field is body.
    last_field = -1
    for i, line in enumerate(lines):
        m = FIELD_RE.match(line)
        if m and squash(m.group(1)) in FIELDS:
            last_field = i
    if last_field >= 0 and field_name(lines[last_field]) == "abstract":
        return len(lines), None
    return last_field + 1, None


def field_name(line: str) -> str | None:
    m = FIELD_RE.match(line)
    return FIELDS.get(squash(m.group(1))) if m else None


def parse_fields(lines: list[str]) -> dict:
    """The 提要 form: ``KEY：value`` lines; some values run onto the next lines."""
    fields: dict = {}
    current = None
    for line in lines:
        name = field_name(line)
        if name:
            value = FIELD_RE.match(line).group(2).strip()
            current = name if name in MULTILINE_FIELDS else None
            if name == "abstract":
                fields["_abstract_lines"] = [value]
            elif name not in fields or not fields[name]:
                fields[name] = value
            continue
        if current == "abstract":
            fields["_abstract_lines"].append(line)
        elif current and line:
            sep = "\n" if current == "authors" else ""
            fields[current] = join_fragments(fields[current], sep + line) if sep == "" \
                else fields[current] + sep + line
    return fields


def parse_authors(value: str) -> list[str]:
    authors = []
    for line in value.split("\n"):
        line = re.sub(r"(電話|分機|TEL|Tel)[:：].*$", "", line).strip()
        if line:
            authors.append(re.sub(r"\s+", " ", line))
    return authors


def split_keywords(value: str) -> list[str]:
    items = re.split(r"[、，,；;]", value.rstrip("。."))
    return [item.strip() for item in items if item.strip()]


def page_header_lines(lines: list[str], title: str) -> set[str]:
    """Lines that repeat the title between pages (whitespace removed)."""
    headers = set()
    squashed_title = squash(title)
    counts: dict[str, int] = defaultdict(int)
    for line in lines:
        s = squash(line)
        if s:
            counts[s] += 1
    for s, n in counts.items():
        if heading_of(s) or field_name(s):
            continue
        title_part = bool(squashed_title) and len(s) >= max(8, len(squashed_title) // 2) \
            and squashed_title.startswith(s)
        repeated = n >= 3 and 6 <= len(s) <= 60 and not re.search(r"[。，；：:、,;]", s)
        if title_part or repeated:
            headers.add(s)
    return headers


def assemble_paragraphs(lines: list[str]) -> list[str]:
    """Lines to paragraphs: a blank line ends one unless the text runs on."""
    paragraphs: list[str] = []
    current = ""
    after_blank = False
    for line in lines:
        if not line:
            after_blank = bool(current)
            continue
        if current and after_blank and is_complete(current):
            paragraphs.append(current)
            current = ""
        current = join_fragments(current, line) if current else line
        after_blank = False
    if current:
        paragraphs.append(current)
    return paragraphs


def parse_body(report: Report, lines: list[str]) -> None:
    stack: list[Heading] = []
    pending: list[str] = []
    in_annexes = False
    counters: dict[tuple[Heading, ...], int] = defaultdict(int)
    last_was_heading = False

    def flush() -> None:
        section = tuple(stack)
        for text in assemble_paragraphs(pending):
            if in_annexes:
                add_annex_lines(report, text)
                continue
            counters[section] += 1
            report.passages.append(Passage(
                report.key, 0, text, section, counters[section],
                annexes=cited_annexes(text)))
        pending.clear()

    for line in lines:
        heading = heading_of(line)
        if heading:
            flush()
            stack[:] = [h for h in stack if h.level < heading.level] + [heading]
            in_annexes = heading.level == 1 and squash(heading.title) in ("附件", "附錄")
            last_was_heading = True
            continue
        if last_was_heading and line and re.match(r"^[(（][A-Za-z]", line) and stack:
            # "肆、關務程序次級委員會" + "(Sub-Committee on Customs Procedures, SCCP)會議"
            top = stack[-1]
            stack[-1] = Heading(top.level, top.label, join_fragments(top.title, line))
            continue
        if line:
            last_was_heading = False
        if in_annexes:
            m = ANNEX_ITEM_RE.match(line)
            if m:
                flush()
                pending.append(line)
                continue
        pending.append(line)
    flush()


def add_annex_lines(report: Report, text: str) -> None:
    m = ANNEX_ITEM_RE.match(text)
    if m:
        report.annexes.append(Annex(int(m.group(1)), m.group(2).strip()))
    elif report.annexes:
        last = report.annexes[-1]
        report.annexes[-1] = Annex(last.number, join_fragments(last.title, text))


def cited_annexes(text: str) -> list[int]:
    numbers: list[int] = []
    for m in ANNEX_CITE_RE.finditer(text):
        for n in re.findall(r"\d{1,3}", m.group(0)):
            if int(n) not in numbers:
                numbers.append(int(n))
    return numbers


def heading_names(title: str) -> tuple[list[str], list[str], str]:
    """Acronyms, English names and the Chinese name in a heading title."""
    acronyms: list[str] = []
    english: list[str] = []
    for group in PAREN_RE.findall(title):
        for part in re.split(r"\s*[,，]\s*", group.strip()):
            if ACRONYM_RE.match(part) and sum(c.isupper() for c in part) >= 2:
                acronyms.append(part)
            elif re.search(r"[A-Za-z]{3,}", part):
                english.append(part)
    chinese = re.sub(r"\s+", " ", PAREN_RE.sub(" ", title)).strip()
    chinese = re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])", "", chinese)
    return acronyms, english, chinese


def alias_names(report: Report, name: str) -> list[str]:
    key = name_key(name)
    for group in report.glossary:
        if any(name_key(n) == key for n in group):
            return group
    return []


def find_meetings(report: Report) -> list[Meeting]:
    """Chapter or section headings that name a meeting with its acronym or English name."""
    meetings: dict[Heading, Meeting] = {}
    for passage in report.passages:
        for heading in passage.section:
            if heading.level not in (1, 2) or heading in meetings:
                continue
            if any(h in meetings for h in passage.section if h.level < heading.level):
                continue
            acronyms, english, chinese = heading_names(heading.title)
            if not MEETING_WORDS_RE.search(heading.title) or not (acronyms or english):
                continue
            key = acronyms[-1] if acronyms else chinese
            names = unique([key, *acronyms, chinese, *english])
            for part in re.split(r"[-/]", key):
                names.extend(alias_names(report, part))
            meetings[heading] = Meeting(key, unique(names))
    for passage in report.passages:
        found = [meetings[h] for h in passage.section if h in meetings]
        passage.meeting = found[0].key if found else None
    return list(meetings.values())


def find_topics(report: Report) -> list[Topic]:
    """Topics from the keyword line (English and Chinese lists pair up) and 議題 headings."""
    english = [k for k in report.keywords if not has_han(k)]
    chinese = [k for k in report.keywords if has_han(k)]
    if english and len(english) == len(chinese):
        pairs = [[e, c] for e, c in zip(english, chinese, strict=True)]
    else:
        pairs = [[k] for k in report.keywords]
    groups = [with_aliases(report, names) for names in pairs]
    seen_headings = set()
    for passage in report.passages:
        for heading in passage.section:
            m = TOPIC_HEADING_RE.match(heading.title)
            if heading.level != 3 or not m or heading in seen_headings:
                continue
            seen_headings.add(heading)
            acronyms, english_names, chinese_name = heading_names(m.group(1))
            names = [n for n in [chinese_name, *acronyms, *english_names] if n]
            if not names or squash(chinese_name) in GENERIC_TOPICS:
                continue
            names = with_aliases(report, names)
            keys = {name_key(n) for n in names}
            if any(keys & {name_key(n) for n in g} for g in groups):
                continue
            groups.append(names)
    return [Topic(group[0], group) for group in groups]


def with_aliases(report: Report, names: list[str]) -> list[str]:
    out = list(names)
    for name in names:
        out.extend(alias_names(report, name))
    return unique(out)


def assign_topics(report: Report) -> None:
    """A passage has the topic its headings name and every topic its text names."""
    matchers = [(t, [name_pattern(n) for n in t.names]) for t in report.topics]
    for passage in report.passages:
        context = " ".join(h.title for h in passage.section) + "\n" + passage.text
        passage.topics = [topic.key for topic, patterns in matchers
                          if any(p.search(context) for p in patterns)]


def name_pattern(name: str) -> re.Pattern:
    """A name as it may appear in text: case-insensitive, ASCII words whole."""
    parts = [re.escape(p) for p in name.split()]
    body = r"\s*".join(parts)
    if name[:1].isascii() and name[:1].isalnum():
        # Not after a letter or digit: checked once the first character has
        # matched rather than before, which makes the search twice as fast.
        body = body[0] + r"(?<![A-Za-z0-9].)" + body[1:]
    if name[-1:].isascii() and name[-1:].isalnum():
        body += r"(?![A-Za-z0-9])"
    return re.compile(body, re.I)


def has_han(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" for c in text)


def unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        k = name_key(item)
        if item and k not in seen:
            seen.add(k)
            out.append(item)
    return out
