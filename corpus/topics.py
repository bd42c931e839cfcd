"""Topics from the report's own vocabulary: keyword pairs and 議題 headings."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from .glossary import name_key
from .model import Passage, Report, Topic
from .units import alias_names, heading_names, unique

TOPIC_HEADING_RE = re.compile(r"^(.+?)\s*議題$")
GENERIC_TOPICS = {"其他", "其它"}


# Characters a name may be written in that fold to ASCII: full-width letters,
# digits, hyphens and spaces (ＧＨＳ, ＳＩＮＧＬＥ　ＷＩＮＤＯＷ).
WIDE_RE = re.compile(r"[\uff0d\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]")


def has_han(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" for c in text)


def find_topics(report: Report) -> list[Topic]:
    """Topics from the keyword line (English and Chinese lists pair up) and 議題 headings."""
    english = [k for k in report.keywords if not has_han(k)]
    chinese = [k for k in report.keywords if has_han(k)]
    if english and len(english) == len(chinese):
        pairs = [[e, c] for e, c in zip(english, chinese, strict=True)]
    else:
        pairs = [[k] for k in report.keywords]
    groups = [with_aliases(report, names) for names in pairs]
    seen_headings = set()
    for passage in report.passages:
        for heading in passage.section:
            m = TOPIC_HEADING_RE.match(heading.title)
            if heading.level < 2 or not m or heading in seen_headings:
                continue
            seen_headings.add(heading)
            acronyms, english_names, chinese_name = heading_names(m.group(1))
            names = [n for n in [chinese_name, *acronyms, *english_names] if n]
            if not names or re.sub(r"\s+", "", chinese_name) in GENERIC_TOPICS:
                continue
            names = with_aliases(report, names)
            keys = {name_key(n) for n in names}
            if any(keys & {name_key(n) for n in g} for g in groups):
                continue
            groups.append(names)
    return [Topic(group[0], group) for group in groups]


def with_aliases(report: Report, names: list[str]) -> list[str]:
    out = list(names)
    for name in names:
        out.extend(alias_names(report, name))
    return unique(out)


def widen_topics(report: Report, other_names: Callable[[str], Iterable[str]]) -> None:
    """Add each topic to the passages that name it only by another name that
    `other_names` knows for its names (a glossary's). The topics keep the
    names the report gives them."""
    extra = {}
    for topic in report.topics:
        own = {name_key(n) for n in topic.names}
        more = [o for n in topic.names for o in other_names(n) if name_key(o) not in own]
        if more:
            extra[topic.key] = more
    if not extra:
        return
    order = {t.key: i for i, t in enumerate(report.topics)}
    wider = Report(key=report.key, topics=[Topic(k, names) for k, names in extra.items()],
                   passages=[Passage(p.report, p.number, p.text, p.section, p.paragraph)
                             for p in report.passages])
    assign_topics(wider)
    for passage, found in zip(report.passages, wider.passages, strict=True):
        if found.topics and not set(found.topics) <= set(passage.topics):
            passage.topics = sorted({*passage.topics, *found.topics}, key=order.__getitem__)


def assign_topics(report: Report) -> None:
    """A passage has the topic its headings name and every topic its text names,
    by any of the topic's names, in any width and case, its words joined by a
    space, a hyphen or nothing (Single Window, single-window, ＳＩＮＧＬＥ　ＷＩＮＤＯＷ)."""
    # One pattern per topic, its names as alternatives: it matches where any does.
    matchers = []
    for t in report.topics:
        pattern, words = topic_matcher(tuple(t.names))
        if pattern is not None:
            matchers.append((t.key, pattern, words))
    every_word = {w for _, _, words in matchers if words for w in words}
    for passage in report.passages:
        context = " ".join(h.title for h in passage.section) + "\n" + passage.text
        if WIDE_RE.search(context):
            context = unicodedata.normalize("NFKC", context)
        folded = case_folded(context)
        present = {w for w in every_word if w in folded}  # each word looked for once
        passage.topics = [key for key, pattern, words in matchers
                          if (words is None or not present.isdisjoint(words))
                          and pattern.search(context)]


@lru_cache(maxsize=1024)
def topic_matcher(names: tuple[str, ...]) -> tuple[re.Pattern | None, tuple[str, ...] | None]:
    """A topic's pattern (None when it has no name) and the first words of its
    names (first_words). (Remembered: reports of one archive share topics,
    and compiling a topic's pattern costs more than searching a report with it.)"""
    names = [n for n in dict.fromkeys(unicodedata.normalize("NFKC", n) for n in names)
             if n.strip()]
    if not names:
        return None, None
    words = first_words(names)
    return (re.compile("|".join(name_pattern(n) for n in names), re.I),
            None if words is None else tuple(words))


# What re.IGNORECASE matches to each ASCII letter, folded to the lower case
# letter: upper case, and four other characters (İ, ı, ſ, the Kelvin sign).
CASE_FOLD = {**{ord(c): c.lower() for c in string.ascii_uppercase},
             0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}


def case_folded(text: str) -> str:
    """The text with CASE_FOLD applied (str.lower() does the same in C, where
    none of the three characters it folds otherwise is in the text)."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        return text.translate(CASE_FOLD)
    return text.lower()


def first_words(names: list[str]) -> list[str] | None:
    """The first word of each name, case-folded: a text that holds none of them
    (case-folded) holds none of the names. None when a word has a character
    other than ASCII and Han, whose case the fold does not cover."""
    words = [parts[0].translate(CASE_FOLD) for parts in map(name_words, names) if parts]
    if len(words) < len(names) or not all(c.isascii() or has_han(c) for w in words for c in w):
        return None
    return words


# What may stand between the words of a name: Single Window, single-window.
WORD_SEPARATORS_RE = re.compile(r"[\s\-‐‑–_]+")
WORD_GAP = r"[\s\-‐‑–_]*"


def name_words(name: str) -> list[str]:
    return [w for w in WORD_SEPARATORS_RE.split(name) if w]


def name_pattern(name: str) -> str:
    """A name as it may appear in text (case-insensitive, ASCII words whole), as
    a regular expression."""
    parts = [re.escape(p) for p in name_words(name)]
    body = WORD_GAP.join(parts)
    if name[:1].isascii() and name[:1].isalnum():
        # Not after a letter or digit: checked once the first character has
        # matched rather than before, which makes the search twice as fast.
        body = body[0] + r"(?<![A-Za-z0-9].)" + body[1:]
    if name[-1:].isascii() and name[-1:].isalnum():
        body += r"(?![A-Za-z0-9])"
    return body
