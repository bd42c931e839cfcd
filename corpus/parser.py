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
from .formats.model import Extracted, Line
from .formats.text import pages_of
from .frontmatter import ABSTRACT_TITLE_RE, describe, field_of, find_toc, read_front_matter
from .glossary import define_passages, learn_glossary
from .headings import match_heading
from .model import Heading, Passage, Report
from .paragraphs import assemble_paragraphs, wrap_width
from .structure import BodyParser
from .topics import assign_topics, find_topics
from .units import find_units

COVER, ABSTRACT, KEYWORDS = "封面及提要", "摘要", "關鍵詞"
LEADERS_RE = re.compile(r"[.…·‧．]{4,}\s*[\d０-９ivxIVX]{1,4}\s*$")
FRONT_WEIGHT = 0.5


def parse_report(source: str | Extracted, key: str, path: str = "") -> Report:
    """Parse one report; never raises on odd input, it just finds less."""
    extracted = pages_of(source) if isinstance(source, str) else source
    lines = clean(extracted)
    texts = [line.text for line in lines]
    body_start, toc = split_front(texts)
    front_end = toc[0] if toc else body_start
    front = read_front_matter(texts[:front_end])
    report = Report(key=key, path=path, format=extracted.format)
    describe(report, front)

    title_lines = title_header_lines(texts, report.title)
    # A table of contents without its title still shows by its dot leaders.
    body = [Line("") if (title_lines and squash(line.text) in title_lines)
            or LEADERS_RE.search(line.text) else line for line in lines[body_start:]]
    wrap = wrap_width(lines)
    parsed = BodyParser(key, wrap).parse(body)
    report.annexes = parsed.annexes
    report.outline = parsed.outline
    report.abstract = "\n".join(assemble_paragraphs(
        [Line(t) for t in front.abstract if squash(t) not in title_lines], wrap))
    report.passages = front_passages(report, front) + parsed.passages
    for number, passage in enumerate(report.passages, start=1):
        passage.number = number

    define_passages(report)
    report.glossary = learn_glossary(report)
    report.meetings = find_units(report)
    report.topics = find_topics(report)
    assign_topics(report)
    return report


def split_front(texts: list[str]) -> tuple[int, tuple[int, int] | None]:
    """Where the body starts, and the table of contents if there is one."""
    toc = find_toc(texts)
    if toc is not None:
        return toc[1], toc
    first = next((i for i, t in enumerate(texts) if t and match_heading(t)), None)
    if first is not None:
        return first, None
    # No headings at all: the body follows the last field of the form (and the
    # paragraph of a multi-line field such as the abstract).
    fields = [i for i, t in enumerate(texts) if field_of(t) or ABSTRACT_TITLE_RE.match(t)]
    if not fields:
        return 0, None
    start = fields[-1] + 1
    if not (field_of(texts[fields[-1]]) or ("", ""))[1]:  # its text is on the next lines
        while start < len(texts) and not texts[start]:
            start += 1
        while start < len(texts) and texts[start]:
            start += 1
    return start, None


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


def front_passages(report: Report, front) -> list[Passage]:
    """The cover and form, the keywords and the abstract, as passages of their own."""
    out: list[Passage] = []

    def add(text: str, section: str, weight: float) -> None:
        if text.strip():
            out.append(Passage(report.key, 0, text, (Heading(0, "", section),), 1,
                               weight=weight))

    add("\n".join(line for line in front.cover + front.form if line), COVER, FRONT_WEIGHT)
    add(report.abstract, ABSTRACT, 1.0)
    add(front.keywords, KEYWORDS, FRONT_WEIGHT)
    return out

