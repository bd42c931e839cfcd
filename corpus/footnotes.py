"""Footnotes: lifted from a page's foot, kept whole, tied to the paragraph citing them.

A page's notes stand under a rule (``____``, ``──``, ``﹍``) at its foot,
each starting with a mark (``¹``, ``1``, ``[1]``, ``註1``, ``*``); the
clean-up lifts them out of the text (``lift_page_notes``), so that the
sentence a page break cut joins again. Notes gathered at the end of a
report (under 註釋, 附註 or Notes) start with ``[n]`` or ``註n``. Each note
is a passage of its own, moved beside the paragraph whose text holds its
mark (``attach_notes``): the mark stays in that paragraph, the note takes
its section.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .formats.model import Line
from .model import Passage

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
RULE_RE = re.compile(r"^[_＿─━—–\-﹍﹉﹊﹋﹌﹎﹏‐=﹦ー]{3,}$")
ZH_NUMERALS = "一二三四五六七八九十"
# 註 and a number, Arabic or Chinese (註1, 註 12, 註一, 註十二), in brackets or
# not; the number whole (註十一，… is a citing sentence's 註十一, not 註十 and 一…).
ZHU_MARK = rf"[(（]?註\s*(?:\d{{1,3}}|[{ZH_NUMERALS}]{{1,3}})(?![\d{ZH_NUMERALS}])[)）]?"
# The mark a note starts with: a superscript, [n], 註n (註一), a circled
# number, or (under a rule only) a number and a space; then the note's text.
# A mark followed by a clause's punctuation is a citing sentence's, wrapped
# onto a line of its own (`…評估工具` / `註3，事業單位…`).
NOTE_START_RE = re.compile(
    rf"^(?:[{SUPERSCRIPTS}]+|[\[［]\d{{1,3}}[\]］]|{ZHU_MARK}|[①-⑳])\s*[:：.．、]?\s*"
    r"[^\s，,。；;！!？?）)」』]")
# A note's mark cited after a sentence's end: 。註1, 。[2], 。¹, 。（註3）.
CITED_MARK_RE = re.compile(rf"(?<=[。！？!?」』）)；;])\s*"
                           rf"(?:[{SUPERSCRIPTS}]+|[\[［]\d{{1,3}}[\]］]|{ZHU_MARK})$")
# A bare number starting a note lifted from a page's foot, then its text.
BARE_MARK_RE = re.compile(r"^([0-9]{1,3})[\s　]+\S")
# Digits a PDF's raised mark leaves right after a sentence's end, not a
# quantity's (`。3 人`, `。2024年`).
BARE_CITE_RE = re.compile(r"[。！？!?」』）)；;]([0-9]{1,6})(?![\d.．,，:：/\-~～])"
                          r"(?!\s*[%％A-Za-z年月日時分秒歲人個位名家件項次種條場天週周屆期頁萬億元])")
# Digits a raised mark leaves right after a term in mid-sentence (`單一窗口2的`,
# `WCO1 的`), before the sentence goes on: not a quantity's (`3 個`, `2024年`),
# nor a count's or a label's (`第 7`, `約 3`, `G20`'s letters and digits aside).
MID_CITE_RE = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])(?<![第約共達逾近計每前後])\s?([0-9]{1,3})"
                         r"(?![\d.．,:：/\-~～])"
                         r"(?!\s*[%％A-Za-z年月日時分秒歲人個位名家件項次種條場天週周屆期頁萬億元倍])"
                         r"(?=\s*[\u4e00-\u9fff，,、；;）)])")
BARE_NOTE_RE = re.compile(r"^(?:\d{1,3}|\*{1,3})(?:[\s　]+|[.．、:：]\s*)\S")
NOTES_TITLE_RE = re.compile(r"^(註釋|註解|附註|註|腳註|尾註|Notes?|Endnotes|Footnotes)[:：]?$",
                            re.IGNORECASE)


def without_cited_mark(text: str) -> str:
    """The text without the note mark a sentence's end cites (`…排放。註1`)."""
    return CITED_MARK_RE.sub("", text)


def is_rule(text: str) -> bool:
    return bool(RULE_RE.match("".join(text.split())))


def is_note_start(text: str, under_rule: bool = False) -> bool:
    return bool(NOTE_START_RE.match(text) or (under_rule and BARE_NOTE_RE.match(text)))


def note_mark(text: str) -> str | None:
    """How a paragraph cites the note: ¹, [1], 註1 (註一), or a bare number (`1 text`)."""
    m = re.match(rf"^([{SUPERSCRIPTS}]+|[\[［]\d{{1,3}}[\]］]|{ZHU_MARK}|[①-⑳])", text)
    if not m:
        bare = BARE_MARK_RE.match(text)
        return bare.group(1) if bare else None
    mark = re.sub(r"[\s()（）]", "", m.group(1)).replace("［", "[").replace("］", "]")
    return mark


def lift_page_notes(page: list[Line], is_furniture) -> list[Line]:
    """A page with the notes under a rule at a page's foot marked as notes, the rule gone.

    The notes run from the rule to the page's end, or to the page number or
    running line that closes the page (text without form feeds holds many
    pages), or to a blank line after which no note starts (a page break a
    wrap dropped leaves the next page's text there); the first note starts
    with a mark.
    """
    if not any(line.text and is_rule(line.text) for line in page):
        return page  # most pages
    out: list[Line] = []
    i = 0
    while i < len(page):
        line = page[i]
        end = i + 1
        if line.text and is_rule(line.text):
            while end < len(page) and not is_furniture(page[end]) \
                    and not ends_notes(page, end):
                end += 1
            notes = [n for n in page[i + 1:end] if n.text]
            if notes and is_note_start(notes[0].text, True):
                out.extend(replace(n, note=True) if n.text else n for n in page[i + 1:end])
                i = end
                continue
        out.append(line)
        i += 1
    return out


def ends_notes(page: list[Line], k: int) -> bool:
    """Where notes end before the page does: at a blank line after them whose
    next line starts no note, or at a paragraph (a whole line: a PDF's or a
    word processor's) after a whole note that starts none. A page break a
    wrap dropped, or a page the printer made longer, leaves the next page's
    text there."""
    if k == 0 or not page[k - 1].text:
        return False
    if page[k].text:
        return page[k].whole and page[k - 1].whole and not is_note_start(page[k].text, True)
    after = next((line for line in page[k + 1:] if line.text), None)
    return after is not None and not is_note_start(after.text, True)


def carry_rules(pages: list[list[Line]], is_furniture) -> list[list[Line]]:
    """The pages with a rule that ends a page (furniture aside) moved to the
    next page's top, under its furniture, where that page starts with a note:
    a page break printed between a rule and the notes under it (a text's page
    longer than the paper's) parts them, and a page's notes are found under
    their rule."""
    out = list(pages)
    for n in range(len(out) - 1):
        last = next((k for k in range(len(out[n]) - 1, -1, -1) if out[n][k].text
                     and not is_furniture(out[n][k])), None)
        if last is None or not is_rule(out[n][last].text):
            continue  # most pages
        after = out[n + 1]
        top = next((k for k, line in enumerate(after) if line.text and not is_furniture(line)),
                   None)
        if top is not None and is_note_start(after[top].text, True):
            rule = out[n][last]
            out[n] = out[n][:last] + [Line("")] + out[n][last + 1:]
            out[n + 1] = after[:top] + [rule] + after[top:]
    return out


def attach_notes(passages: list[Passage]) -> list[Passage]:
    """Each footnote passage moved right after the last passage before it that
    cites its mark (or the first after it); paragraphs renumbered per section.
    A note lifted from a page's foot with a bare number (a PDF prints the
    mark raised, its text gives the digits) is cited by those digits right
    after a sentence's end (`。1`, `。23` for notes 2 and 3) or raised; where no
    text before it cites it so, by the digits right after a term in
    mid-sentence (`單一窗口2的`, `WCO1 的`; not a quantity's, `3 個`, nor 第 7)
    in the nearest passage before it, sooner than by a mark after it."""
    notes = [p for p in passages if p.kind == "footnote" and note_mark(p.text)]
    if not notes:
        return passages
    noted = {id(p) for p in notes}
    place = {id(p): i for i, p in enumerate(passages)}
    order = [p for p in passages if id(p) not in noted]
    marks = {note_mark(p.text) for p in notes}
    for note in notes:
        cites = cite_re(note_mark(note.text))
        if isinstance(cites, BareCites) and cites.raised_mark in marks:
            cites.raised_too = False  # (a note of its own under that raised mark cites it)
        before = place[id(note)]
        citing = [i for i, p in enumerate(order)
                  if p.kind != "footnote" and cites.search(p.text)]
        if isinstance(cites, BareCites) and not any(place[id(order[i])] < before
                                                    for i in citing):
            # A page's note stands under the text citing it: digits after a
            # term before it cite it sooner than a mark of its number after it.
            citing = [i for i, p in enumerate(order) if p.kind != "footnote"
                      and place[id(p)] < before and cites.within(p.text)] or citing
        if not citing:
            order.insert(_position(order, passages, before), note)
            continue
        earlier = [i for i in citing if place[id(order[i])] < before]
        at = earlier[-1] if earlier else citing[0]
        while at + 1 < len(order) and order[at + 1].kind == "footnote":
            at += 1
        note.section = order[at].section
        order.insert(at + 1, note)
    counters: dict = {}
    for p in order:
        counters[p.section] = p.paragraph = counters.get(p.section, 0) + 1
    return order


def cite_re(mark: str) -> re.Pattern | BareCites:
    """The mark as a paragraph writes it: ¹ not inside ¹², 註1 not inside 註12,
    註一 not inside 註十一 nor 註一二."""
    if mark.isascii() and mark.isdigit():
        return BareCites(int(mark))
    if mark[0] in SUPERSCRIPTS:
        return re.compile(re.escape(mark) + f"(?![{SUPERSCRIPTS}])")
    if mark.startswith("註"):
        return re.compile(r"註\s*" + mark[1:] + rf"(?![\d{ZH_NUMERALS}])")
    return re.compile(re.escape(mark))


class BareCites:
    """Where a text cites note `number` by bare digits after a sentence's end
    (the digits are one number or a run of consecutive ones, `23`: 2 and 3;
    a quantity's, `。3 個`, are no mark), or by the number raised (`³`)."""

    def __init__(self, number: int):
        self.number = number
        self.raised_too = True  # whether the number raised cites the note too

    def search(self, text: str) -> bool:
        return any(self.number in consecutive(run) for run in BARE_CITE_RE.findall(text)) \
            or (self.raised_too and self.raised.search(text) is not None)

    def within(self, text: str) -> bool:
        """Whether the text cites the note by its digits right after a term
        in mid-sentence: not a quantity's, a count's nor a label's."""
        return any(int(run) == self.number for run in MID_CITE_RE.findall(text))

    @property
    def raised_mark(self) -> str:
        """The number set raised (³, ¹²)."""
        return str(self.number).translate(str.maketrans("0123456789", SUPERSCRIPTS))

    @property
    def raised(self) -> re.Pattern:
        """The number set raised, where the note's text gave it bare."""
        return re.compile(rf"(?<![A-Za-z{SUPERSCRIPTS}]){self.raised_mark}(?![{SUPERSCRIPTS}])")


def consecutive(run: str) -> set[int]:
    """The numbers a run of note digits cites: `12` as 1 and 2 or as 12, `910`
    as 9 and 10; a run that splits into no consecutive numbers as itself."""
    for width in range(1, len(run) + 1):
        start = int(run[:width])
        numbers, rest, n = [start], run[width:], start
        while rest and rest.startswith(str(n + 1)):
            n += 1
            numbers.append(n)
            rest = rest[len(str(n)):]
        if not rest and (len(numbers) > 1 or width == len(run)):
            return set(numbers) | ({int(run)} if len(run) <= 3 else set())
    return {int(run)}


def _position(order: list[Passage], passages: list[Passage], before: int) -> int:
    """Where a note nothing cites goes back: after the passages that came before it."""
    earlier = {id(p) for p in passages[:before]}
    return sum(1 for p in order if id(p) in earlier)
