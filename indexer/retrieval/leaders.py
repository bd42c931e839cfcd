"""The best passages found so far, and whether a candidate can still join them.

Passages rank by score, then by their place in the archive (report key, then
number). Scores equal to six decimals tie: an archive repeats template
paragraphs, and passages that score alike are told apart by their place,
which a column gives without reading the passage. So a candidate whose
bound only ties the last of the top is ruled out by its place alone.

A place (storage.places) has a fixed width, so that its column is read at
any document without loading an index of offsets (which grows with the
archive). Reports whose keys share its first bytes tie on their place; such
passages are read, never ruled out, and rank among themselves in the order
they were read.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable


def tie_score(score: float) -> float:
    """A score as ranking compares it (exact to 1e-6; identical paragraphs tie)."""
    return round(score, 6)


def rank_order(score: float, key: bytes) -> tuple[float, bytes]:
    """Sort key of a ranked passage: best first."""
    return (-tie_score(score), key)


class Leaders:
    """The `limit` best (score, place) pairs seen so far."""

    def __init__(self, limit: int):
        self.limit = limit
        self._entries: list[tuple[float, bytes]] = []  # rank_order, best first

    def add(self, score: float, key: bytes) -> None:
        insort(self._entries, rank_order(score, key))
        del self._entries[self.limit:]

    @property
    def full(self) -> bool:
        return len(self._entries) >= self.limit

    def beyond(self, ceiling: float) -> bool:
        """No passage scoring at most `ceiling` can join, whatever its place."""
        if ceiling <= 0:
            return True
        return self.full and tie_score(ceiling) < -self._entries[-1][0]

    def tied_last(self, ceiling: float) -> bytes | None:
        """The place of the last of the top when it is full and a passage
        scoring at most `ceiling` can join only by its place, else None. While
        such passages are read, the last place only moves earlier: a passage
        placed after it now never joins."""
        if not self.full or -tie_score(ceiling) != self._entries[-1][0]:
            return None
        return self._entries[-1][1]

    def excludes(self, ceiling: float, key: Callable[[], bytes]) -> bool:
        """A passage scoring at most `ceiling`, at the place `key()` (looked up
        only when the score alone does not decide), cannot join."""
        if self.beyond(ceiling):
            return True
        if not self.full:
            return False
        last_score, last_key = self._entries[-1]
        return -tie_score(ceiling) == last_score and key() > last_key
