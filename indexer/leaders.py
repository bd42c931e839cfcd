"""The best passages found so far, and whether a candidate can still join them.

Passages rank by score, then by their place in the archive (report key, then
number). Scores equal to six decimals tie: an archive repeats template
paragraphs, and passages that score alike are told apart by their place,
which a column gives without reading the passage. So a candidate whose
bound only ties the last of the top is ruled out by its place alone.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable


def tie_score(score: float) -> float:
    """A score as ranking compares it (exact to 1e-6; identical paragraphs tie)."""
    return round(score, 6)


def order_key(report: str, number: int) -> bytes:
    """A passage's place in the archive, ordered as (report, number) is; report
    keys are slugs (no NUL)."""
    return report.encode("utf-8") + b"\0" + number.to_bytes(4, "big")


def number_at(place: bytes, report: str) -> int | None:
    """The passage number of a place in `report`, or None if elsewhere."""
    prefix = report.encode("utf-8") + b"\0"
    return int.from_bytes(place[len(prefix):], "big") if place.startswith(prefix) else None


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

    def excludes(self, ceiling: float, key: Callable[[], bytes]) -> bool:
        """A passage scoring at most `ceiling`, at the place `key()` (looked up
        only when the score alone does not decide), cannot join."""
        if self.beyond(ceiling):
            return True
        if not self.full:
            return False
        last_score, last_key = self._entries[-1]
        return -tie_score(ceiling) == last_score and key() > last_key
