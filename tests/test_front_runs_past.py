"""A numbered heading whose English name in brackets runs past its line, the
wrap leaving the bracket open at the line's end, is a heading in every
numbering family: right after a cover of one title line (where the body
starts) as further on, its paragraphs under it, none taken for the cover
or an abstract."""

from __future__ import annotations

import re
import unicodedata

import pytest
from rsearch.corpus import read_report
from rsearch.corpus.headings import MAX_TITLE
from rsearch.corpus.paragraphs import display_width

from .body_layouts import FAMILIES, MARKED
from .report_forms import LINE_CELLS, wrap

TITLE = "赴歐洲研習港口岸電設施出國報告"
ENGLISH = ["Regional", "Port", "Training", "Center", "Service", "Authority"]
PARAGRAPH = "代表團與各國討論推動制度，港口管理合作，海關檢疫標準，經濟貿易發展政策，" \
    "研究計畫委員會議資料，國際合作與安全研究，代表討論港口岸電設施。"
# Lines of 40 Chinese characters: the name the first line holds, past any
# label, is longer than a title alone may be (headings.MAX_TITLE).
CELLS = LINE_CELLS + 6


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def long_heading(label: str) -> str:
    """The label, a Han title and an English name in brackets that runs past
    the line by a few words (the bracket open at the line's end)."""
    text, n = f"{label}港（", 0
    while display_width(text + "）") < 2 * CELLS + 12:
        text += ENGLISH[n % len(ENGLISH)] + " "
        n += 1
    return text.rstrip() + "）"


@pytest.mark.parametrize("where", ["first", "later"])
# (A sign's line that leaves a bracket open is a bulleted item's first line,
# not a marked heading: corpus.marks.)
@pytest.mark.parametrize("family", sorted(set(FAMILIES) - MARKED))
def test_a_heading_whose_bracket_runs_past_its_line(family, where, tmp_path):
    label = FAMILIES[family][1]
    long = long_heading(label(1 if where == "later" else 0))
    pieces = wrap(long, CELLS)
    assert len(pieces) == 2 and "）" not in pieces[0].split("港（")[1]
    assert len(pieces[0].split("港（")[1]) > MAX_TITLE
    headings = [long, label(2 if where == "later" else 1) + "會議"]
    if where == "later":
        headings.insert(0, label(0) + "目的")
    blocks = []
    for heading in headings:
        blocks += [heading, PARAGRAPH, PARAGRAPH]
    path = tmp_path / "report.txt"
    path.write_text("\n".join(p for b in [TITLE, *blocks] for p in wrap(b, CELLS)) + "\n",
                    encoding="utf-8")
    report = read_report(path)
    assert [squash(e.heading.text) for e in report.outline] == [squash(h) for h in headings]
    assert report.title == TITLE and report.abstract == ""
    body = [p for p in report.passages if p.section[0].label]
    assert [(squash(p.section[-1].text), p.text) for p in body] == [
        (squash(h), PARAGRAPH) for h in headings for _ in range(2)]
