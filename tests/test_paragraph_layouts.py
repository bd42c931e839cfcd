"""Paragraphs, tables, captions and footnotes come back from text in every
paragraph convention, across page cuts (tests/paragraph_layouts.py)."""

import re

from hypothesis import HealthCheck, assume, given, settings
from rsearch.corpus import parse_report

from .paragraph_layouts import Unrenderable, bodies, expected, layouts, render


def squash(text):
    return re.sub(r"\s+", "", text)


def body_passages(report):
    return [p for p in report.passages if p.section and p.section[0].level > 0]


def got(report):
    out = []
    for p in body_passages(report):
        caption = ""
        if p.kind == "table_row" and len(p.section) > 1:  # the caption is the path's tail
            caption = p.section[-1].label + p.section[-1].title
        out.append((p.kind, squash(p.text), p.section[0].text, squash(caption)))
    return out


def want(sections, layout):
    return [(e.kind, squash(e.text), e.heading, squash(e.caption))
            for e in expected(sections, layout.notes_title)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), layouts())
def test_every_convention_gives_back_the_body(sections, layout):
    try:
        text = render(sections, layout)
    except Unrenderable:
        assume(False)
    report = parse_report(text, "k")
    assert got(report) == want(sections, layout), text
