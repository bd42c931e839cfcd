"""Learn a report's own acronyms and bilingual names.

The reports define their terms inline, 優質企業(AEO), 旅客電腦訂位紀錄
(Passenger Name Record, PNR), Travel Facilitation Initiative (TFI), and pair an
English and a Chinese keyword list in the same order.  Each definition links
names; linked names form one alias group.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Report

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A Chinese name right before a parenthesis that starts with a Latin letter.
# (The lookbehinds only skip starts inside a run, where no match can be
# leftmost; without them every start in a long run is retried to its end.)
CHINESE_DEFINITION_RE = re.compile(
    rf"(「[^「」]{{2,24}}」|(?<![{HAN}])[{HAN}]{{2,}})\s*[(（]\s*([A-Za-z][^()（）]*?)\s*[)）]")
# An acronym and its expansion, either way round: "TFI (Travel Facilitation
# Initiative)" or "Travel Facilitation Initiative (TFI)".
LATIN_DEFINITION_RE = re.compile(
    r"(?<![A-Za-z])([A-Za-z][A-Za-z0-9/&\-]*(?:\s+[A-Za-z][A-Za-z0-9/&\-]*){0,9})\s*[(（]"
    r"\s*([A-Za-z][A-Za-z0-9/&\- ]*?)\s*[)）]")
ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9&/\-]*[A-Z0-9]s?$")
ENGLISH_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9'’/&.\- ]*$")
# Where a Chinese name starts: after the last of these in the run before it.
NAME_BREAKS = [
    "尤其是", "例如", "包括", "設有", "推動", "推行", "建置", "簡報", "報告", "介紹", "簡介",
    "說明", "指出", "提出", "成立", "實施", "導入", "加入", "達到", "處理", "有關", "以及",
    "發表", "發行", "由於", "透過", "利用", "運用", "其中", "其他", "加強", "強調", "提升",
    "設定", "交換", "分享", "遵守", "使用", "僅有", "出席", "參加", "參與", "提交", "召開",
    "舉辦", "主辦", "是", "將", "較", "其", "的", "屬", "依",
    "已", "為", "於", "在", "由", "以", "並", "即", "等", "如", "年", "月", "之一", "之",
]
_BREAKS_BY_FIRST: dict[str, list[str]] = {}
for _word in NAME_BREAKS:
    _BREAKS_BY_FIRST.setdefault(_word[0], []).append(_word)
# Joining words that cannot start a name, and counters that follow a number.
LEADING_JOINERS = "及與和、"
COUNTERS = "個項根屆次位家件名"
# Nouns for a kind of thing, never the name of one.
GENERIC_NOUNS = {
    "海關", "政府", "委員會", "會議", "公司", "企業", "業者", "組織", "機關", "機構", "部門",
    "國家", "會員", "會員體", "經濟體", "秘書處", "計畫", "系統", "協定", "小組", "工作小組",
    "論壇", "研討會", "中心", "單位", "主管機關", "各國", "我國", "本署", "主席", "代表",
    "報告", "文件", "資料", "制度", "平台", "專案", "倡議", "架構", "方案", "機制",
}
# Words that point at a thing without naming it: 各國政府 is still any government.
DETERMINERS = {"", "各", "各國", "該", "其", "本", "本案", "此", "這", "相關", "有關", "所有",
               "部分", "其他", "多數", "主要", "各該", "該國", "他國", "外國"}
MAX_NAME = 16
MIN_REUSED = 4


NAME_KEY_DROPS_RE = re.compile(r"[\s\-_]")


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """How two spellings of one name compare: width, case, spaces and hyphens
    folded. (Remembered: a report's names are compared with each other often.)"""
    return NAME_KEY_DROPS_RE.sub("", unicodedata.normalize("NFKC", name).casefold())


def is_acronym(text: str) -> bool:
    return bool(ACRONYM_RE.match(text)) and sum(c.isupper() for c in text) >= 2


def is_english_name(text: str) -> bool:
    return bool(ENGLISH_NAME_RE.match(text)) and len(re.findall(r"[A-Za-z]", text)) >= 3 \
        and len(text.split()) <= 10


MINOR_WORDS = {"of", "the", "and", "for", "on", "in", "to", "a", "an"}


def initials_match(acronym: str, expansion: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", acronym).upper().rstrip("S")
    words = [w for w in re.split(r"[\s/\-]+", expansion) if w]
    if not words or words[0].lower() in MINOR_WORDS:
        return False  # "on Passenger Name Record" starts one word too early
    major = "".join(w[0] for w in words if w[0].isupper() or w.lower() not in
                    MINOR_WORDS).upper()
    every = "".join(w[0] for w in words).upper()
    return len(letters) >= 2 and letters in (major, every)


def chinese_name(run: str, after_number: bool = False) -> str | None:
    if run.startswith("「"):
        return run.strip("「」").strip() or None
    if after_number:
        run = run.lstrip(COUNTERS)
    run = run.lstrip(LEADING_JOINERS)
    cut = 0
    # Only the breaks that start with a character of the run can be in it.
    for word in (w for first in set(run) & _BREAKS_BY_FIRST.keys()
                 for w in _BREAKS_BY_FIRST[first]):
        i = run.rfind(word)
        if i >= 0 and i + len(word) < len(run) - 1:
            cut = max(cut, i + len(word))
    name = run[cut:].lstrip(LEADING_JOINERS)
    return name if len(name) >= 2 else None


def reused_names(name: str, text: str) -> list[str]:
    """The names the words before a definition give: the words themselves when
    short enough to be a name, and the longest ending of four characters or
    more that the report writes again elsewhere (備置安全資料表(SDS) also names
    安全資料表; a shorter ending, such as 海關, is too common to name one thing)."""
    names = [name] if len(name) <= MAX_NAME else []
    uses = _count(text, name)
    for start in range(1, len(name) - MIN_REUSED + 1):
        suffix = name[start:]
        # Written more often than the whole: so somewhere on its own.
        if len(suffix) <= MAX_NAME and _count(text, suffix) > uses:
            names.append(suffix)
            break
    return names


@lru_cache(maxsize=1024)
def _count(text: str, part: str) -> int:
    """text.count(part), remembered: the same report's text is asked about
    the same names for each passage that defines them. (The cache keeps at
    most this many reports' texts alive; a report asks a few dozen.)"""
    return text.count(part)


def names_one_thing(chinese: str) -> bool:
    """Whether a Chinese name before a bracketed acronym can name what the acronym
    does: in 南韓簡報其海關(KCS) the words before the bracket are a category noun
    (海關, 政府, 委員會), which names a kind of thing, not this one; so is such a
    noun after a word that only points at it (各國政府, 該委員會)."""
    # Each way of cutting it into a word that points and a noun that follows.
    return not any(chinese[i:] in GENERIC_NOUNS and chinese[:i] in DETERMINERS
                   for i in range(len(chinese)))


def _follows_digit(text: str, end: int) -> bool:
    """Whether text[:end] ends in a digit and spaces (`\\d\\s*$`)."""
    i = end - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i].isdecimal()


def definitions(text: str, whole: str = "") -> list[tuple[str, str]]:
    """Pairs of names that the text defines as the same thing (`whole`, the
    report's text, tells where a Chinese name starts)."""
    pairs: list[tuple[str, str]] = []
    if "(" not in text and "（" not in text:
        return pairs  # both kinds of definition have a bracket
    for m in CHINESE_DEFINITION_RE.finditer(text):
        after_number = _follows_digit(text, m.start())
        name = chinese_name(m.group(1), after_number)
        if name is None:
            continue
        names = [name] if m.group(1).startswith("「") else reused_names(name, whole or text)
        parts = [p.strip() for p in re.split(r"\s*[,，]\s*", m.group(2)) if p.strip()]
        good = [p for p in parts if is_acronym(p) or is_english_name(p)]
        pairs.extend((n, p) for n in names if names_one_thing(n) for p in good)
    for m in LATIN_DEFINITION_RE.finditer(text):
        before, inside = m.group(1).strip(), m.group(2).strip()
        if is_acronym(inside) and not is_acronym(before):
            words = before.split()
            for start in range(len(words)):
                candidate = " ".join(words[start:])
                if initials_match(inside, candidate):
                    pairs.append((candidate, inside))
                    break
        elif is_acronym(before.split()[-1]) and is_english_name(inside):
            acronym = before.split()[-1]
            if initials_match(acronym, inside):
                pairs.append((acronym, inside))
    return pairs


def define_passages(report: Report) -> None:
    """Find what each passage defines (Passage.defined), once: the glossary
    learns from it, and the index marks where names stand side by side."""
    whole = glossary_text(report)
    for passage in report.passages:
        passage.defined = definitions(passage.text, whole)


def glossary_text(report: Report) -> str:
    """The report's text where definitions are found: abstract, passages and
    headings (tells definitions() where a Chinese name starts)."""
    headings = {h.title for p in report.passages for h in p.section}
    return "\n".join([report.abstract] + [p.text for p in report.passages] + sorted(headings))


def learn_glossary(report: Report) -> list[list[str]]:
    """Alias groups of two or more names, learned from one report: its keyword
    lists, its abstract and headings, and what its passages define (their
    `defined`, filled by define_passages)."""
    pairs: list[tuple[str, str]] = []
    english = [k for k in report.keywords if not re.search(f"[{HAN}]", k)]
    chinese = [k for k in report.keywords if re.search(f"[{HAN}]", k)]
    if english and len(english) == len(chinese):
        pairs.extend(zip(english, chinese, strict=True))
    whole = glossary_text(report)
    pairs.extend(definitions(report.abstract, whole))
    for passage in report.passages:
        pairs.extend(passage.defined)
    for heading in sorted({h.title for p in report.passages for h in p.section}):
        pairs.extend(definitions(heading, whole))

    parent: dict[str, str] = {}
    spelling: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in pairs:
        ka, kb = name_key(a), name_key(b)
        if not ka or not kb or ka == kb:
            continue
        spelling.setdefault(ka, a)
        spelling.setdefault(kb, b)
        parent[find(ka)] = find(kb)
    groups: dict[str, list[str]] = {}
    for k in spelling:
        groups.setdefault(find(k), []).append(spelling[k])
    return [g for g in groups.values() if len(g) > 1]
