"""A report's text to metadata, passages, annexes, units and topics.

The steps, each in its own module, run one way: a format reader gives pages
of lines (``formats``), page furniture goes (``cleanup``), the front matter
and table of contents are told from the body (``frontmatter``), the body is
cut into headings and paragraphs (``headings``, ``paragraphs``,
``structure``), then the report's names (``glossary``), units (``units``)
and topics (``topics``) are found.
"""

from __future__ import annotations

import re

from .cleanup import clean
from .contents import FORM_TITLE_RE, Contents, core, find_contents, repeated_entries
from .cover import take_properties
from .fields import label_name
from .formats.model import Extracted, Line
from .formats.text import pages_of
from .frontmatter import ABSTRACT_TITLE_RE, FrontMatter, describe, field_of, read_front_matter
from .glossary import define_passages, learn_glossary
from .headings import match_heading
from .memo import new_report
from .model import Heading, Passage, Report
from .numbering import left_open
from .paragraphs import (
    FULL_LINE,
    PROSE_END_RE,
    SENTENCE_END_RE,
    assemble_paragraphs,
    line_width,
    wrap_width,
)
from .people import listed_traveller
from .rewrap import unwrap_twice
from .structure import BodyParser
from .tables import tab_table_row
from .topics import assign_topics, find_topics
from .units import find_units

COVER, ABSTRACT, KEYWORDS, CONTENTS = "封面及提要", "摘要", "關鍵詞", "目錄"
FRONT_WEIGHT = 0.5
# Entries that name the front's own parts, not a heading of the body.
FRONT_PARTS = {"摘要", "內容摘要", "執行摘要", "提要", "關鍵詞", "關鍵字", "目錄", "目次",
               "Abstract", "ABSTRACT", "Summary", "Executive Summary", "Keywords"}


def parse_report(source: str | Extracted, key: str, path: str = "") -> Report:
    """Parse one report; never raises on odd input, it just finds less."""
    new_report()
    extracted = pages_of(source) if isinstance(source, str) else source
    lines = clean(extracted)
    wrap = wrap_width(lines)
    if extracted.format == "text":
        unwrapped = unwrap_twice(lines, wrap)  # a second, narrower hard wrap taken out
        if unwrapped is not lines:  # (lines as they were keep the width measured)
            lines, wrap = unwrapped, wrap_width(unwrapped)
    texts = [line.text for line in lines]
    # (travellers listed by number under an empty label are no contents entries;
    # an empty line is asked about not at all, its answer is "" either way)
    contents = find_contents(["" if t and traveller_item(texts, i) else t
                              for i, t in enumerate(texts)])
    body_start = split_front(texts, contents)
    body_end = split_back(texts, body_start)
    front = read_front_matter(["" if i in contents.lines else t
                               for i, t in enumerate(texts[:body_start])]
                              + [""] * (body_end < len(texts)) + texts[body_end:], wrap,
                              [line.indent for line in lines[:body_start]]
                              + [0] * (body_end < len(texts))
                              + [line.indent for line in lines[body_end:]])
    report = Report(key=key, path=path, format=extracted.format)
    describe(report, front)
    take_properties(report, front, extracted.properties)

    title_lines = title_header_lines(texts, report.title)
    body = [Line("") if i in contents.lines or (title_lines and squash(line.text) in title_lines)
            else line for i, line in enumerate(lines[body_start:body_end], start=body_start)]
    parsed = BodyParser(key, wrap, abstract_read=any(front.abstract)).parse(body)
    report.annexes = parsed.annexes
    report.outline = parsed.outline
    kept = [t for t in front.abstract if squash(t) not in title_lines]
    whole = extracted.format in ("docx", "odt")  # a word processor's paragraphs
    abstract_lines = with_indents(kept, lines[:body_start] + lines[body_end:], whole)
    abstract = assemble_paragraphs(abstract_lines, own_wrap(kept, wrap), prose=True,
                                   indented=parsed.indented)
    report.abstract = "\n".join(abstract)
    report.passages = front_passages(report, front, abstract, title_lines) \
        + contents_passages(report, contents, texts) + parsed.passages
    for number, passage in enumerate(report.passages, start=1):
        passage.number = number

    define_passages(report)
    report.glossary = learn_glossary(report)
    report.meetings = find_units(report)
    report.topics = find_topics(report)
    assign_topics(report)
    return report


def traveller_item(texts: list[str], i: int) -> bool:
    """Whether a numbered line is an item of the travellers listed under an
    empty names field (出國人員： / 1. 處長　陳志明 / 2. …), not a heading."""
    k = i
    while k >= 0 and (not texts[k].strip() or listed_traveller(texts[k])):
        k -= 1  # (a cover may space its lines by blanks)
    if not 0 <= k < i:
        return False
    found = field_of(texts[k].strip())
    if found is None:  # a label alone, without its colon (姓名職稱)
        found = (label_name(re.sub(r"[：:]$", "", texts[k].strip())), "")
    return found[0] in ("authors", "names") and not found[1]


def split_front(texts: list[str], contents: Contents | None = None) -> int:
    """Where the body starts: its first heading outside the contents pages."""
    skip = contents.lines if contents else set()
    first = next((i for i, t in enumerate(texts) if t and i not in skip
                  and not (i and runs_on(texts[i - 1], t))
                  and not (i + 1 < len(texts) and runs_on(t, texts[i + 1]))
                  and match_heading(t) and not traveller_item(texts, i)
                  and not tab_table_row(texts, i)), None)
    # A line after the contents that repeats an entry is a heading, whatever
    # its numbering (one the patterns do not know): the body starts there.
    # Not the 提要 form's title: an entry for the form placed after the
    # contents names a part of the front, as 摘要 does.
    named = {c for e in contents.entries if not FORM_TITLE_RE.match(c := core(e.text))} \
        - FRONT_PARTS if contents else set()
    after = min(skip) if skip else len(texts)
    repeat = next((i for i in range(after, first if first is not None else len(texts))
                   if texts[i] and i not in skip and core(texts[i]) in named), None)
    if repeat is not None or first is not None:
        return repeat if repeat is not None else first
    # No headings at all: the body follows the last field of the form (and the
    # paragraph of a multi-line field such as the abstract), or the contents.
    fields = [i for i, t in enumerate(texts) if i not in skip
              and (field_of(t) or ABSTRACT_TITLE_RE.match("".join(t.split())))]
    if not fields:
        return max(skip) + 1 if skip else 0
    start = fields[-1] + 1
    if not (field_of(texts[fields[-1]]) or ("", ""))[1]:  # its text is on the next lines
        while start < len(texts) and not texts[start]:
            start += 1
        while start < len(texts) and texts[start]:
            start += 1
    return max([start] + [i + 1 for i in skip])


def split_back(texts: list[str], body_start: int) -> int:
    """Where a 提要 form placed after the body starts (len(texts) if none): its
    heading, then to the end the form: a field first, three fields or more,
    and no heading of a body among the rest (the form's multi-line values, an
    abstract, boxes of trip types, are no fields) unless fields are most lines."""
    for i in range(body_start, len(texts)):
        if FORM_TITLE_RE.match(squash(texts[i])):
            rest = [t for t in texts[i + 1:] if t.strip()]
            fields = sum(1 for t in rest if field_of(t))
            if rest and field_of(rest[0]) and fields >= 3 and (
                    2 * fields >= len(rest) or not any(match_heading(t) for t in rest)):
                return i
    return len(texts)


def with_indents(texts: list[str], front: list[Line], whole: bool) -> list[Line]:
    """The abstract's lines with the indents they had in the front, found in
    order (a line that followed its label on one line has none)."""
    out, j = [], 0
    for text in texts:
        indent, one = 0, whole
        if text:
            k = next((k for k in range(j, len(front)) if front[k].text.endswith(text)), None)
            if k is not None:
                indent = front[k].indent if front[k].text == text else 0
                # A word processor's paragraph, unless the clean-up read it as a line.
                one = whole and front[k].whole
                j = k + 1
        out.append(Line(text, one and bool(text), indent=indent))
    return out


# A line that opens with a comma or a closing mark, a cited note's mark before
# it or not ((註一)，…, [2]。…): no line opens so, it goes on the line above.
GOES_ON_RE = re.compile(r"^\s*(?:[(（]註[^()（）]{1,4}[)）]|\[\d{1,3}\])?[，。、；：）」』]")


def runs_on(text: str, next_text: str) -> bool:
    """A line of prose that stops in mid-sentence, and a line of prose after
    it that goes on with it ("依協定第" / "7.7 條規定，…" is no heading 7.7;
    "3 個工作小組分別報告進度" / "（註一），並請…" is no heading 3; a list of
    keywords before "1. 目的" is no prose)."""
    if GOES_ON_RE.match(next_text) and not PROSE_END_RE.search(text[-2:]) \
            and not left_open(text):
        return True  # (a heading's bracket the next line closes is its title's tail)
    return bool(re.search(r"[，。]", text)) and bool(re.search(r"[，。]", next_text)) \
        and not PROSE_END_RE.search(text[-2:])


def own_wrap(texts: list[str], wrap: int | None) -> int | None:
    """The wrap width if these lines show it: a full line that stops mid-sentence.
    Lines that each end a sentence are paragraphs of their own, however long."""
    if wrap is None:
        return None
    return wrap if any(line_width(t, wrap) >= FULL_LINE * wrap and not SENTENCE_END_RE.search(t)
                       for t in texts) else None


def title_header_lines(lines: list[str], title: str) -> set[str]:
    """Lines of the body that repeat (part of) the title: a page header."""
    squashed = squash(title)
    if not squashed:
        return set()
    shortest = max(8, len(squashed) // 2)
    found = set()
    for line in lines:
        if len(line) < shortest or line.lstrip()[:1] != squashed[0]:
            continue  # too short, or cannot start the title: most lines
        s = squash(line)
        if len(s) >= shortest and squashed.startswith(s) and not match_heading(line):
            found.add(s)
    return found


def squash(text: str) -> str:
    """The text without its white space (split(): what \\s matches)."""
    return "".join(text.split())


def front_passages(report: Report, front: FrontMatter, abstract: list[str],
                   title_lines: set[str]) -> list[Passage]:
    """The cover and form, each paragraph of the abstract, and the keywords, as
    passages of their own. A line of the cover that repeats the title once
    the cover has shown it (a page header) goes."""
    seen = ""
    cover = []
    for line in front.cover + front.form:
        key = squash(line)
        if key and not (key in title_lines and key in seen):
            cover.append(line)
            seen += key
    out = [front_passage(report, "\n".join(cover), COVER, FRONT_WEIGHT)]
    out += [front_passage(report, text, ABSTRACT, 1.0, n) for n, text in enumerate(abstract, 1)]
    out.append(front_passage(report, front.keywords, KEYWORDS, FRONT_WEIGHT))
    return [p for p in out if p.text.strip()]


def contents_passages(report: Report, contents: Contents, texts: list[str]) -> list[Passage]:
    """The entries of the contents pages that no heading repeats, as one
    passage ranked like the cover, so that no line is lost."""
    repeated = repeated_entries(contents, texts)
    kept = [e.text for e in contents.entries if (e.index, e.column) not in repeated]
    return [front_passage(report, "\n".join(kept), CONTENTS, FRONT_WEIGHT)] if kept else []


def front_passage(report: Report, text: str, section: str, weight: float,
                  paragraph: int = 1) -> Passage:
    return Passage(report.key, 0, text, (Heading(0, "", section),), paragraph, weight=weight)
