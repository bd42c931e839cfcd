"""Parsing a report body in any layout gives back its structure: the heading
tree, the units, the annexes and the references to them, every line in
exactly one passage or heading (tests/body_layouts.py renders the layouts)."""

import os

from hypothesis import HealthCheck, given, settings
from rsearch.corpus import parse_report

from .body_layouts import AnnexStyle, Layout, layouts, render, squash

# RSEARCH_LAYOUTS=5000 runs more random layouts than CI does.
EXAMPLES = int(os.environ.get("RSEARCH_LAYOUTS", "150"))


def check(layout: Layout) -> None:
    text, expected = render(layout)
    report = parse_report(text, "k")
    assert [(e.heading.level, e.heading.title) for e in report.outline] == expected.headings
    assert [(m.key, m.kind) for m in report.meetings] == expected.units
    assert [(a.number, a.title, a.label) for a in report.annexes] == expected.annexes
    got = [(tuple(h.title for h in p.section), squash(p.text)) for p in report.passages]
    assert got == expected.passages
    for passage in report.passages:
        if squash(passage.text) in expected.citations:
            assert passage.annexes == expected.citations[squash(passage.text)], passage.text


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts)
def test_a_body_in_any_layout_parses_to_its_structure(layout):
    check(layout)


def test_one_layout_of_each_kind():
    annex = AnnexStyle("附錄", "zh", False, " ")
    check(Layout(["upper", "zh", "zh-paren-full", "arabic"], False, annex, "附錄", True, False,
                 True, True, True, False, True, True, 0))
    check(Layout(["roman-full", "latin", "arabic-paren-full", "latin-paren"], True,
                 AnnexStyle("Appendix", "letter", True, ": "), None, False, True, False, True,
                 True, True, True, False, 2))
    check(Layout(["decimal"], False, AnnexStyle("附件", "digit", True, "："), "附件", False,
                 False, True, False, False, True, False, True, 4))
