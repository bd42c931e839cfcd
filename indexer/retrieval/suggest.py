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
    """Edits from one to the other: insertions, deletions, substitutions, and
    two neighbours swapped (ACDB for ACBD is one edit: the optimal string
    alignment distance)."""
    if len(a) < len(b):
        a, b = b, a
    before, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        before, previous = previous, current
    return previous[-1]


def closest(value: str, known: dict[str, Iterable[str]], n: int = 3) -> list[str]:
    """The keys of `known` (key -> its names) whose key, a name, or a word of one
    is within a third of the value's length in edits (at least one): those
    closest, a whole key or name before a word inside one, at most n."""
    wanted = fold(value)
    if not wanted:
        return []
    allowed = max(1, len(wanted) // 3)
    scored = []
    for key, names in known.items():
        whole = {fold(key), *(fold(n) for n in names)}
        words = {w for s in whole for w in WORD.findall(s)} - whole
        best = min((edit_distance(wanted, s), 0) for s in whole)
        if words:
            best = min(best, min((edit_distance(wanted, w), 1) for w in words))
        if best[0] <= allowed:
            scored.append((best, key))
    if not scored:
        return []
    nearest = min(best for best, _ in scored)
    return [key for best, key in sorted(scored) if best == nearest][:n]
