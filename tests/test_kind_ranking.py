"""A passage that names a term in a few characters (a table's row, a caption,
an agenda's line, a line of who spoke) ranks after the paragraph that
discusses it, in every layout (tests/paragraph_layouts.py).

The judged report: the term once in the naming passage, two to four times in
a paragraph of up to about 300 characters under a heading of its own (whose
heading may name the term too, as may the table's caption); the paragraph
must be the first hit, and every naming passage rank after it. RSEARCH_LAYOUTS=500
runs more layouts."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.corpus import parse_report
from rsearch.corpus.paragraphs import NAMING_KINDS
from rsearch.corpus.structure import NOTE_WEIGHT
from rsearch.indexer import ReportIndex, build_index
from rsearch.indexer.retrieval.ranking import (
    AVERAGE_LENGTH,
    MIN_LENGTH,
    term_score,
)
from rsearch.indexer.storage.schema import RANKED_DOWN, ranked_down

from .paragraph_layouts import (
    CELLS,
    HEADINGS,
    SENTENCES,
    Figure,
    Para,
    Role,
    Section,
    Table,
    agendas,
    layouts,
    rendered,
)

TERMS = ["能力試驗", "單一窗口", "風險管理", "原產地證明", "檢疫犬", "電子商務"]
# Sentences that discuss a term: each mentions it once.
DISCUSSING = [
    "各國代表說明{t}之推動現況，並分享實務上遭遇之困難與解決方式。",
    "會中就{t}之規範調和進行討論，與會者均表示支持並同意持續交換資訊。",
    "秘書處報告{t}之執行成果，並請會員於下次會議前提供書面意見。",
    "我國代表發言說明{t}之導入經驗，獲得多國代表肯定。",
]


def naming_item(draw, term: str, number: int):
    """What names the term once, in few characters."""
    kind = draw(st.sampled_from(["table", "figure", "agenda", "role"]))
    if kind == "table":
        columns = draw(st.integers(2, 4))
        rows = [draw(st.lists(st.sampled_from(CELLS), min_size=columns, max_size=columns,
                              unique=True)) for _ in range(draw(st.integers(2, 4)))]
        rows[draw(st.integers(1, len(rows) - 1))][0] = term
        caption = draw(st.sampled_from([None, f"表 {number} {term}時程", f"表{number} 經費一覽",
                                        f"Table {number} {term}"]))
        return Table(rows, draw(st.sampled_from(["tabs", "ideographic", "spaces", "pipes",
                                                 "fullwidth", "box"])), caption)
    if kind == "figure":
        return Figure(draw(st.sampled_from([f"圖 {number} {term}研討現場", f"圖{number} {term}",
                                            f"Figure {number} {term} session"])))
    if kind == "agenda":
        return draw(agendas(draw(st.sampled_from([term, f"{term}研討", f"專題演講：{term}"]))))
    return Role(draw(st.sampled_from([f"講師：王大明（{term}小組）", f"主持人：{term}工作組 李小華",
                                      f"Speaker: Ms. Priya Raman ({term})"])))


@st.composite
def judged_reports(draw):
    """(sections, term, the discussing paragraph's text)."""
    term = draw(st.sampled_from(TERMS))
    mentions = draw(st.lists(st.sampled_from(DISCUSSING), min_size=2, max_size=4, unique=True))
    filler = draw(st.lists(st.sampled_from(SENTENCES), max_size=3, unique=True))
    sentences = [s.format(t=term) for s in mentions] + filler
    paragraph = "".join(draw(st.permutations(sentences)))
    headings = list(HEADINGS[:3])
    if draw(st.booleans()):
        headings[1] = f"貳、{term}之討論"
    naming = Section(headings[1 if draw(st.booleans()) else 0])
    naming.items = [naming_item(draw, term, 1)]
    # Paragraphs that open the report (a wrap width to show), the naming item,
    # the discussing paragraph, and one more that does not name the term.
    opening = Section(headings[0], [Para("".join(SENTENCES[:4])), Para("".join(SENTENCES[4:8]))])
    discussing = Section(headings[1], [Para(paragraph)])
    closing = Section(headings[2], [Para("".join(SENTENCES[8:11]))])
    if naming.heading == opening.heading:
        opening.items += naming.items
    else:
        discussing.items = (naming.items + discussing.items if draw(st.booleans())
                            else discussing.items + naming.items)
    return [opening, discussing, closing], term, paragraph


@settings(max_examples=int(os.environ.get("RSEARCH_LAYOUTS", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(judged_reports(), layouts())
def test_the_paragraph_that_discusses_a_term_ranks_first(tmp_path_factory, judged, layout):
    sections, term, paragraph = judged
    text = rendered(sections, layout)
    squashed = "".join(paragraph.split())
    # The paragraph reads back as one passage (tests/test_paragraph_layouts.py).
    report = parse_report(text, "judged")
    assert squashed in ["".join(p.text.split()) for p in report.passages]
    folder = tmp_path_factory.mktemp("judged")
    (folder / "judged.txt").write_text(text, encoding="utf-8")
    build_index(folder / "index", [folder / "judged.txt"], workers=0)
    with ReportIndex(folder / "index") as ix:
        hits = ix.search(term, limit=20)
    assert "".join(hits[0].text.split()) == squashed, [h.text[:30] for h in hits[:3]]


def test_every_naming_kind_is_ranked_down():
    # Rows, captions and agenda lines weigh as listings do: the index flags
    # them, so that bounds scale them as scores do.
    text = "\n".join(["報告", "", "壹、議程", "", "表 1 議程", "時間\t主題", "09:00\t開幕式", "",
                      "10:00-11:00 能力試驗", "11:00-12:00 綜合座談", "",
                      "圖 1 會議現場", "", "會中討論能力試驗之推動現況，並分享經驗。"])
    report = parse_report(text, "agenda")
    got = [(p.kind, ranked_down(p.weight)) for p in report.passages if p.section[0].level]
    # A row whose first cell is a time is an agenda's row, as the lines after it.
    assert got == [("caption", True), ("table_row", True), ("agenda_row", True),
                   ("agenda_row", True), ("agenda_row", True), ("caption", True),
                   ("paragraph", False)]
    assert {"table_row", "caption", "agenda_row"} == NAMING_KINDS


def test_a_naming_passage_never_outscores_two_mentions_in_a_paragraph():
    # However short the naming passage, and with its heading (a caption) naming
    # the term, against two mentions in a paragraph up to three times the
    # mean length with no heading that names it.
    best_namer = max(RANKED_DOWN * term_score(1.0, 1, n, 1.0) for n in range(1, 400))
    assert best_namer == RANKED_DOWN * term_score(1.0, 1, MIN_LENGTH, 1.0)
    assert best_namer < term_score(1.0, 2, 3 * AVERAGE_LENGTH, 0.0)


NOTED = """出席國際實驗室認證研討會出國報告

服務機關：經濟部標準檢驗局
出國期間：民國 113 年 5 月 6 日至 5 月 10 日

壹、會議過程

一、討論

各國認證機構說明能力試驗之設計方式，包括樣品均勻性與穩定性之評估、指定值之決定方法及參加實驗室結果之統計評估[1]，並強調實驗室應依試驗結果採取矯正措施，以維持檢驗數據之可信度與國際相互承認。

[1] 能力試驗之統計評估多採 z 分數。

二、其他

表 1 研討會議程
時間\t主題
09:00\t開幕式
10:00\t能力試驗
"""


def test_a_note_ranks_after_the_paragraph_and_before_a_listing(tmp_path):
    # A note weighs NOTE_WEIGHT: less than a paragraph that mentions the term as
    # often (at full weight the note's 17 index terms put it first), more than
    # a row of the agenda. It is not flagged: its bound stays at weight 1.
    report = parse_report(NOTED, "noted")
    weights = {p.kind: p.weight for p in report.passages if p.section[0].level}
    assert weights == {"paragraph": 1.0, "footnote": NOTE_WEIGHT, "caption": RANKED_DOWN,
                       "table_row": RANKED_DOWN, "agenda_row": RANKED_DOWN}
    assert RANKED_DOWN < NOTE_WEIGHT < 1 and not ranked_down(NOTE_WEIGHT)
    (tmp_path / "noted.txt").write_text(NOTED, encoding="utf-8")
    build_index(tmp_path / "index", [tmp_path / "noted.txt"], workers=0)
    with ReportIndex(tmp_path / "index") as ix:
        hits = ix.search("能力試驗", limit=5)
    assert [h.text[:6] for h in hits] == ["各國認證機構", "[1] 能力", "10:00\t"]
