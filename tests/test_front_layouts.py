"""The front matter read back from every layout the generator renders."""

import re

from hypothesis import HealthCheck, given, settings
from rsearch.corpus import parse_report
from rsearch.corpus.contents import entry_of
from rsearch.corpus.fields import CELL_RE, field_of, is_rule

from .front_layouts import (
    AGENCIES,
    BODY,
    EXTRA_ENTRY,
    expected_people,
    fronts,
    iso,
    layouts,
    render,
)


def squash(text):
    return re.sub(r"\s+", "", text)


def section_of(report, name):
    return [p.text for p in report.passages if p.section and p.section[0].title == name
            and p.section[0].level == 0]


def check(front, layout):
    text = render(front, layout)
    report = parse_report(text, "k")
    assert squash(report.title) == squash(front.title), text
    assert report.agency == AGENCIES[front.agency][0], text
    assert report.report_date_iso == iso(front), text
    assert [squash(a) for a in report.authors] == expected_people(front, layout), text
    assert report.trip_type == front.kind, text
    assert report.keywords == front.keywords, text
    assert [squash(p) for p in section_of(report, "摘要")] == [squash(p) for p in front.abstract], \
        text
    # No entry of the contents is a heading, and the body reads as written.
    body = [(p.section_label, p.text) for p in report.passages
            if not p.section or p.section[0].level]
    assert body == [(heading if heading.startswith(("壹", "貳", "參")) else f"貳、{heading}",
                     paragraph) for heading, paragraph in BODY if paragraph], text
    kept = section_of(report, "目錄")
    assert kept == ([EXTRA_ENTRY] if layout.extra_entry else []), text
    every_line_lands(text, report)


def every_line_lands(text, report):
    """Each line's words are in a passage or a heading; nothing is doubled."""
    found = squash("".join([p.text for p in report.passages]
                           + [h.text for p in report.passages for h in p.section]))
    total = 0
    for line in text.splitlines():
        if not line.strip() or is_rule(line):
            continue
        total += len(squash(line))
        entry = entry_of(line.strip())
        for cell in CELL_RE.split(entry.text if entry else line):
            field = field_of(cell)
            value = field[1] if field else cell
            if squash(value) in ("目錄", "目次", "Contents", "CONTENTS", "摘要", "Abstract",
                                 "關鍵詞", "內容摘要"):
                continue
            assert squash(value) in found, (line, text)
    own = sum(len(squash(p.text)) for p in report.passages)
    assert own <= total


@settings(max_examples=300, deadline=None, report_multiple_bugs=False,
          suppress_health_check=[HealthCheck.too_slow])
@given(fronts(), layouts())
def test_front_matter_reads_back_in_every_layout(front, layout):
    check(front, layout)
