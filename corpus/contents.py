"""Contents pages (目錄, 目次, Contents, or no title at all), wherever they stand.

An entry is a line's text, a leader and a page number: leaders of any kind
(`…`, `……`, `...`, `．．．`, `‥`, `·`, `───`, dotted lines with spaces, a tab,
a run of spaces, an ideographic space, or, on a titled page, one plain
space), page numbers in Arabic, full-width or Roman digits. A page whose
entries have neither leader nor page number, titled or not, is the run of
short lines before the body that the body's headings repeat in order. A page
of entries is never the body's structure: the parser takes its lines out of the body,
drops the entries that a heading of the body repeats and keeps the others.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .headings import PART_RE, match_heading
from .memo import per_report
from .numbering import translated_title
from .tables import tab_table_row

# A leader is a run of one filler: dots, bullets, dashes and rules, low lines
# and overlines in any width (﹍﹍﹍, ＿＿＿, ┄┄┄, ═══, ∙∙∙).
LEADER_CHARS = ".…‥·‧・．･_-─━—–－⋯﹒•∙⋅―‒┄┅┈┉╌╍═﹉﹊﹋﹌﹍﹎﹏＿﹘"
LEADER = "[" + re.escape(LEADER_CHARS) + "]"
PAGE = r"(?:[0-9０-９]{1,3}|[ivxlcIVXLCｉｖｘ]{1,7}|[\u2160-\u217f]{1,3})"
# group "text", then a leader run (perhaps spaced) and a page, a wide gap and
# a page, or (weak) one space and a page.
# A page number may say it is one: p. 3, P.12.
PAGE_WORD = r"(?:[pP]\.\s?)?"
ENTRY_RE = re.compile(
    rf"^(?P<text>.*?\S)(?:\s*(?P<leader>{LEADER}(?:[ \u3000]?{LEADER})+)\s*{PAGE_WORD}"
    rf"(?P<page>{PAGE})?"
    # one drawn rule or ellipsis left where a long entry met its page number
    rf"|\s*(?P<short>[─━…‥⋯])\s*(?P<spage>{PAGE})"
    rf"|(?:\t|[ ]{{2,}}|\u3000)[\s\u3000]*{PAGE_WORD}(?P<gap>{PAGE})|[ ](?P<weak>{PAGE}))\s*$")
# 目錄, Contents, and both in either order (Contents 目次, 目錄（Table of Contents）).
TITLE_RE = re.compile(r"^(?:目[錄录次][(（]?(?:(?:tableof)?contents?)?[)）]?"
                      r"|(?:tableof)?contents?[(（]?(?:目[錄录次])?[)）]?)$", re.I)
PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")
# The title of a list of annexes inside a contents page: 附件清單, 附錄目次, List of Annexes.
ANNEX_LIST_RE = re.compile(r"^(?:附件|附錄|附表)(?:清單|目錄|目次|一覽表?|列表)$|"
                           r"^(?:listof)?(?:annexes|appendices|attachments)$", re.I)
SENTENCE_END = ("。", "！", "？", "；", "，", "：")


@dataclass(frozen=True)
class Entry:
    index: int  # the line's index in the report
    text: str  # what it names, without leader or page
    strong: bool  # a leader or a wide gap, not a plain space, before the page
    column: int = 0  # the entry's column, on a page of entries in two columns


@dataclass
class Contents:
    """The report's contents pages: their lines and the entries they hold."""

    lines: set[int] = field(default_factory=set)
    entries: list[Entry] = field(default_factory=list)

    @property
    def first(self) -> int | None:
        return min(self.lines) if self.lines else None


@per_report
def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_title(line: str) -> bool:
    text = line.lstrip()[:1]
    if not text or text not in "目CcTtＣｃＴｔ" or len(line) > 40:
        return False  # most lines
    return bool(TITLE_RE.match(squash(line)))


ENDS = frozenset("ivxlcIVXLCｉｖｘ" + LEADER_CHARS) | {chr(c) for c in range(0x2160, 0x2180)}


# Where a page in two columns parts a line's entries: a page number, then a
# wide gap (two ideographic spaces, four spaces or a tab) before the next entry.
COLUMN_GAP_RE = re.compile(rf"(?<![0-9０-９A-Za-z])(?P<page>{PAGE})"
                           rf"(?:\u3000{{2,}}|[ ]{{4,}}|\t+)(?=\S)")


def column_entries(line: str, index: int = 0) -> list[Entry]:
    """The entries of a line of a contents page set in two columns (`§1　前言
    …… 1　　　　§3　研究成果 …… 15`), each an entry of its own with its
    leader and page; [] for a line of one entry or none."""
    line = line.strip()
    for m in COLUMN_GAP_RE.finditer(line):
        left, right = single_entry(line[:m.end("page")], index), \
            single_entry(line[m.end():], index)
        # (a page number one space after its entry: where both entries read as
        # headings, the 提要 form by its title as well)
        if left and right and (left.strong and right.strong or all(
                names_a_part(e.text) or FORM_TITLE_RE.match(squash(e.text))
                for e in (left, right))):
            return [left, Entry(index, right.text, right.strong, 1)]
    return []


def entry_of(line: str, index: int = 0) -> Entry | None:
    """The entry a line reads as, if it does (the left one of two columns)."""
    columns = column_entries(line, index) if line[-1:].isdecimal() or line[-1:] in ENDS else []
    return columns[0] if columns else single_entry(line, index)


def single_entry(line: str, index: int = 0) -> Entry | None:
    """The entry a line of one entry reads as, if it does."""
    line = line.strip()
    if not line or len(line) > 120 or not (line[-1].isdecimal() or line[-1] in ENDS):
        return None  # most lines: no page number or leader at the end
    m = ENTRY_RE.match(line)
    if not m:
        return None
    text = label_tab(m.group("text").strip())
    if "\t" in text or re.search(r"\S {3,}\S", text) or text.endswith(SENTENCE_END) \
            or not re.search(r"[^\W\d_]", text):
        return None
    if m.group("leader") and not m.group("page") and len(m.group("leader")) < 3:
        return None  # "等.." without a page: a sentence cut short
    strong = m.group("weak") is None
    return Entry(index, text, strong)


def label_tab(text: str) -> str:
    """An entry's text with the tab a word processor sets between a heading's
    label and its title (`C.1<tab>Reactor Oversight`, or the spaces a print
    left for it) read as a space; a tab or a gap anywhere else is a table's."""
    m = re.match(r"^(\S{1,8})(?:\t+|[ ]{2,})(?=\S)", text)
    if m is None:
        return text
    joined = f"{m.group(1)} {text[m.end():]}"
    found = match_heading(joined)
    return joined if found and found[0] != "part" and squash(found[1]) == squash(m.group(1)) \
        else text


def names_a_part(text: str) -> bool:
    """An entry's text as a heading reads: numbered, or a part such as 附錄, 摘要."""
    return bool(match_heading(text)) or bool(PART_RE.match(squash(text))) or bool(
        re.match(r"^(執行摘要|摘要|提要|前言|結論|目的|附錄|附件|參考|abstract|introduction|"
                 r"appendix|annex|references)", squash(text), re.I))


def find_contents(lines: list[str]) -> Contents:
    """Every contents page of a report: a title and the entries under it, or
    a run of entries without a title whose texts read as headings."""
    later = LineCounts(lines)
    found = Contents()
    i = 0
    while i < len(lines):
        titled = is_title(lines[i]) or column_header(lines, i)
        if titled or entry_of(lines[i], i):
            end, entries = run_of_entries(lines, i + 1 if titled else i, later, titled)
            headed = sum(1 for e in entries if names_a_part(e.text))
            strong = sum(1 for e in entries if e.strong)
            if titled or (strong and headed * 2 >= len(entries)
                          and (len(entries) >= 2 or "…" in lines[i] or "..." in lines[i])):
                found.lines.update(range(i, end) if titled else
                                   range(i, (entries[-1].index + 1) if entries else i + 1))
                found.entries.extend(entries)
                i = max(end, i + 1)
                continue
        i += 1
    if not any(e.strong for e in found.entries):
        # No entry with a page number: a page of entries alone, titled or not.
        taken = {e.index for e in found.entries}
        unmarked = [e for e in repeated_run(lines) if e.index not in taken]
        if unmarked:
            found.lines.update(range(unmarked[0].index, unmarked[-1].index + 1))
            found.entries = sorted(found.entries + unmarked, key=lambda e: e.index)
    return found


# A contents page with neither title nor page numbers holds at least so many
# entries, and the headings after it repeat at least this share, in order.
MIN_RUN, IN_ORDER = 3, 0.8
MAX_ENTRY = 80


def entry_text(line: str) -> str:
    """What a line of a contents page names: the entry's text, or the line."""
    found = entry_of(line)
    return found.text if found else line.strip()


# What a line of prose holds and an entry of a contents page does not: a
# wrapped paragraph's lines repeated word for word ("7.7 條規定，…") are no entries.
PROSE_MARK_RE = re.compile(r"[，。；]")


def repeated_run(lines: list[str]) -> list[Entry]:
    """A contents page with no title, leaders or page numbers: a run of short
    lines, the first a heading, that the report's headings after it repeat in
    the same order (the body starts at the first of them). The run ends at a
    line of prose or at the label of a front part (摘要, 關鍵詞) that an
    abstract after it starts with. Empty when there is none."""
    keys: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line and len(line) <= MAX_ENTRY and not line.rstrip().endswith(SENTENCE_END):
            keys.setdefault(core(entry_text(line)), []).append(i)
    for i, line in enumerate(lines):
        if not line or PROSE_MARK_RE.search(line) or tab_table_row(lines, i) \
                or not (match_heading(entry_text(line)) or names_a_part(entry_text(line))):
            continue  # (a table's row, 第一天<tab>臺北, is no heading)
        run, seen = [], set()
        for k in range(i, len(lines)):
            if not lines[k]:
                continue
            key = core(entry_text(lines[k]))
            # A line of prose, a front part's label, or a line that repeats an
            # entry or any line above it (the body's first heading; the 提要
            # form's title after a page that listed it) ends it.
            if k not in keys.get(key, ()) or FRONT_LABEL_RE.match(squash(lines[k])) or key in seen \
                    or keys[key][0] < k or PROSE_MARK_RE.search(lines[k]):
                break
            if len(keys[key]) < 2 and not (match_heading(entry_text(lines[k]))
                                           or names_a_part(entry_text(lines[k]))):
                break  # neither a heading nor a line the body repeats: a field, a title
            run.append(k)
            seen.add(key)
        later = [j for j in keys.get(core(entry_text(line)), ()) if run and j > run[-1]]
        if len(run) >= MIN_RUN and later \
                and in_order(run, lines, keys, later[0]) >= IN_ORDER * len(run):
            return [Entry(k, entry_text(lines[k]), False) for k in run]
        if not FRONT_LABEL_RE.match(squash(line)) and (not run or run[-1] + 1 < len(lines)
                                                      and (prose_after(lines, run[-1])
                                                           or wrapped_after(lines, run[-1], keys))):
            return []  # a heading with its text under it: the body, where no contents stand
    return []


def wrapped_after(lines: list[str], k: int, keys: dict[str, list[int]]) -> bool:
    """Whether the text after line k (blank lines aside) starts with a
    hard-wrapped paragraph: two lines in a row that are neither headings nor
    lines the report repeats (a contents page's entries are both). Short,
    unclosed lines are prose too when a report is wrapped at a narrow width."""
    first = next((j for j in range(k + 1, len(lines)) if lines[j]), len(lines))
    after = lines[first:first + 2]
    return len(after) == 2 and all(
        t and len(keys.get(core(entry_text(t)), ())) < 2
        and not (match_heading(entry_text(t)) or names_a_part(entry_text(t))) for t in after)


def prose_after(lines: list[str], k: int) -> bool:
    """Whether the next line after k that holds text is prose (not an entry)."""
    nxt = next((t for t in lines[k + 1:] if t), "")
    return len(nxt) > MAX_ENTRY or nxt.rstrip().endswith(SENTENCE_END)


# The label an abstract or keywords start with (摘要, 內容摘要：, Abstract).
FRONT_LABEL_RE = re.compile(
    r"^(內容|執行)?(摘要|提要)[:：]?|^關鍵[詞字][:：]?|^(abstract|summary|keywords)(?![a-z])", re.I)


def in_order(run: list[int], lines: list[str], keys: dict[str, list[int]], start: int) -> int:
    """How many lines of the run a line from `start` on repeats, in the run's order."""
    at, found = start - 1, 0
    for k in run:
        nxt = next((j for j in keys[core(entry_text(lines[k]))] if j > at), None)
        if nxt is not None:
            at, found = nxt, found + 1
    return found


def title_of(text: str) -> str:
    """A heading's title, its label aside; the line where it is none."""
    found = match_heading(text)
    return found[2] if found else text


class LineCounts:
    """How often each short line occurs, spaces aside (a heading repeated),
    counted when first asked; a heading whose title the body gives in two
    languages on two lines (Chapter 3  Meeting Proceedings / 會議過程) counts
    as the entry that gives both on one."""

    def __init__(self, lines: list[str]):
        self.lines, self.counts = lines, None

    def __getitem__(self, line: str) -> int:
        if self.counts is None:
            short = [("".join(text.split()) if text and len(text) <= 80 else "")
                     for text in self.lines]
            self.counts = Counter(text for text in short if text)
            pairs = zip(short, short[1:], self.lines, strict=False)
            self.counts.update(a + b for a, b, text in pairs
                               if a and b and translated_title(title_of(text), b))
        return self.counts["".join(line.split())]


# The header of a contents page's columns, over its page numbers: 頁次, 頁碼,
# 章節　頁次, Page.
PAGE_COLUMN_RE = re.compile(r"^(?:章節|項目|內容|標題|目次|目錄)?(?:頁次|頁碼|頁數)$|^pages?$",
                            re.I)


# The first characters of what PAGE_COLUMN_RE matches.
PAGE_COLUMN_FIRSTS = frozenset("章項內標目頁pP")


@lru_cache(maxsize=8192)
def squashed_char(char: str) -> str:
    """A character as squash() leaves it (NFKC, white space dropped)."""
    return "".join(unicodedata.normalize("NFKC", char).split())


def may_head_column(line: str) -> bool:
    """Whether squash(line) can start as PAGE_COLUMN_RE wants, asked of its
    first character that squash keeps (most lines: no; none of those
    characters is made by composing, so the characters after it cannot
    change its answer)."""
    for char in line:
        squashed = squashed_char(char)
        if squashed:
            return squashed[0] in PAGE_COLUMN_FIRSTS
    return False


def column_header(lines: list[str], i: int) -> bool:
    """Whether line i heads the page numbers of the entries under it (頁次
    over a contents page that has no title of its own)."""
    if not may_head_column(lines[i]) or not PAGE_COLUMN_RE.match(squash(lines[i])):
        return False
    nxt = next((k for k in range(i + 1, len(lines)) if lines[k]), None)
    entry = entry_of(lines[nxt], nxt) if nxt is not None else None
    return bool(entry and entry.strong)


# The 提要 form's own heading: 出國報告提要, 公務出國報告提要, 行政院所屬各機關出國報告提要.
FORM_TITLE_RE = re.compile(r"^(行政院\S*|\S*各機關\S*)?(因公)?(公務)?出國(人員)?報告(書)?提要$")


def run_of_entries(lines: list[str], start: int, later: LineCounts, titled: bool
                   ) -> tuple[int, list[Entry]]:
    """Entries from `start` on: blanks, entries, headings the body repeats (an
    entry whose page number is lost), a line wrapped before its entry."""
    entries: list[Entry] = []
    end = start
    while end < len(lines):
        line = lines[end]
        if not line:
            end += 1
            continue
        entry = entry_of(line, end)
        if entry and (entry.strong or titled or names_a_part(entry.text)):
            entries.extend(column_entries(line, end) or [entry])
            end += 1
            continue
        nxt = end + 1
        if titled and nxt < len(lines) and (e := entry_of(lines[nxt], nxt)) and e.strong \
                and len(line) <= 60 and not line.endswith(SENTENCE_END) \
                and not names_a_part(e.text) and not PAGE_COLUMN_RE.match(squash(line)):
            # A long entry wrapped onto the next line: one entry.
            entries.append(Entry(end, f"{line} {e.text}", True))
            end += 2
            continue
        if (entries or titled) and PAGE_COLUMN_RE.match(squash(line)):
            end += 1  # the page numbers' column header (頁次, 章節 頁次, Page): the page's
            continue
        if (entries or titled) and ANNEX_LIST_RE.match(squash(line)) and nxt < len(lines) \
                and (match_heading(lines[nxt]) and later[lines[nxt]] >= 2
                     or entry_of(lines[nxt], nxt)):
            end += 1  # 附件清單, a list of the annexes the page goes on with: its title
            continue
        if titled and not entries and FORM_TITLE_RE.match(squash(line)) and later[line] >= 2:
            # The 提要 form the page lists first, by the title it has after the page.
            entries.append(Entry(end, line.strip(), False))
            end += 1
            continue
        if (entries or titled) and match_heading(line) \
                and (later[line] >= 2 or titled and vouched_for(lines, end, later)) \
                and core(line) not in {core(e.text) for e in entries} \
                and not wrapped_prose(lines, end, later):
            # (A line that repeats an entry is the body's first heading.)
            entries.append(Entry(end, line.strip(), False))
            end += 1
            continue
        break
    while end > start and not lines[end - 1]:
        end -= 1
    return end, entries


# How far down a titled page an entry the body repeats vouches for the
# headings above it that the body words otherwise (a title shortened).
VOUCH_SCAN = 12


def vouched_for(lines: list[str], k: int, later: LineCounts) -> bool:
    """Whether a heading-like line on a titled contents page, which no line of
    the body repeats, has an entry the body repeats further down the page,
    with nothing but headings and blanks between: an entry the body's
    heading words at more length (3.5 Panel 2: Digital Transformation
    in Legal Metrology)."""
    for j in range(k + 1, min(k + 1 + VOUCH_SCAN, len(lines))):
        if not lines[j]:
            continue
        if not match_heading(lines[j]) or PROSE_MARK_RE.search(lines[j]):
            return False
        if later[lines[j]] >= 2:
            return True
    return False


def wrapped_prose(lines: list[str], k: int, later: LineCounts) -> bool:
    """Whether line k, read as a numbered line the text repeats, is the first
    line of a hard-wrapped paragraph typed twice (two paragraphs opening with
    the same sentence, `3 個工作小組…，並請會員於 10 月底前`): a clause mark
    inside it, and the line right under it, no blank between, neither an
    entry nor a heading the text repeats."""
    nxt = lines[k + 1] if k + 1 < len(lines) else ""
    return bool(PROSE_MARK_RE.search(lines[k].strip()[:-1])) and bool(nxt) \
        and entry_of(nxt) is None and not (match_heading(nxt) and later[nxt] >= 2)


def core(text: str) -> str:
    """What an entry or a heading names: spaces, brackets and leaders aside."""
    return PAREN_RE.sub("", squash(text)).rstrip(".…‥·")


def label_of(text: str) -> str:
    found = match_heading(text)
    return squash(found[1]) if found and found[0] != "part" else ""


def repeated_entries(contents: Contents, lines: list[str]) -> set[tuple[int, int]]:
    """Entries a line outside the contents repeats (a heading of the body,
    perhaps with its English name on the next line): duplicates, as (line,
    column)."""
    if not contents.entries:
        return set()
    wanted = {start(entry.text) for entry in contents.entries}
    others: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        if not line or len(line) > 200 or i in contents.lines or start(line) not in wanted:
            continue  # most lines: too long for a heading, or they start unlike an entry
        joined = [line]
        nxt = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j]), None)
        if nxt is not None and nxt not in contents.lines:
            joined.append(line + lines[nxt])
        for text in joined:
            others.setdefault(label_of(text), []).append(core(text))
    out = set()
    for entry in contents.entries:
        label, mine = label_of(entry.text), core(entry.text)
        if any(names_same(mine, theirs) for theirs in others.get(label, ())):
            out.add((entry.index, entry.column))
    return out


def start(text: str) -> str:
    """A line's first two characters, as an entry and its heading share them."""
    return squash(text.lstrip()[:4])[:2]


def names_same(entry: str, heading: str) -> bool:
    if not entry or not heading:
        return False
    if entry == heading:
        return True
    if len(entry) < 4:
        return False
    pool = Counter(heading)
    shared = sum(min(n, pool[c]) for c, n in Counter(entry).items())
    return shared >= 0.85 * len(entry) and shared >= 0.6 * len(heading)
