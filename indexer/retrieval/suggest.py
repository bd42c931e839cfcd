"""The known names closest to one that is not known, for a hint: edit
distance on whole names and on the words inside them (acronyms such as SCCP
in 海關程序小組 (SCCP)), case and width folded."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def closest(value: str, known: dict[str, Iterable[str]], n: int = 3) -> list[str]:
    """The keys of `known` (key -> its names) whose key, a name, or a word of one
    is within a third of the value's length in edits (at least one), closest first."""
    wanted = fold(value)
    if not wanted:
        return []
    allowed = max(1, len(wanted) // 3)
    scored = []
    for key, names in known.items():
        spellings = {fold(key), *(fold(n) for n in names)}
        spellings |= {w for s in list(spellings) for w in WORD.findall(s)}
        best = min(edit_distance(wanted, s) for s in spellings)
        if best <= allowed:
            scored.append((best, key))
    return [key for _, key in sorted(scored)[:n]]
