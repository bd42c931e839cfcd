"""What the searches of one opened index decoded and intersected, kept for the
searches after them.

A warm search of a common Chinese term spends most of its time decoding the
postings of its character pairs (貿易 alone: 1.1 million postings at 100,000
reports) and intersecting them; the next search of the same process asks
for many of the same pairs (電子商務 and 跨境電子商務 share three, 貿易便捷
and 貿易 one) and of the same spellings. An opened index is read-only, so
what a search made of its postings is the same for every search after it:
the postings read whole, the passages holding every gram of a spelling (with
their least counts), and how many documents hold a term. Those are kept here,
least recently used first out, within a budget of bytes: the arrays a
search makes from them are the same arrays, so its hits are the same
(tests/test_kept.py holds them to a fresh index's).

Nothing is kept for a one-shot search: the opened index hands this to its
second search on, as it does every passage's length.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

# Bytes of arrays kept at most (the postings of some eight of the commonest
# grams at 100,000 reports, or thousands of spellings' passages).
KEPT_BYTES = 128 << 20
# An entry larger than this part of the budget is not kept: it would push out
# many smaller ones that cost as much to make again.
LARGEST_PART = 4
# How many documents hold a term: looked up in every segment (39 at 100,000
# reports), an int kept by (field, term), at most this many.
FREQUENCIES = 1 << 16


def size_of(value) -> int:
    """Bytes held by a tuple of numpy arrays (a broadcast one holds one item)."""
    total = 0
    for part in value:
        strides = getattr(part, "strides", None)
        if strides is None:
            continue
        total += part.itemsize if part.size and 0 in strides else part.nbytes
    return total


class KeptPostings:
    """Arrays searches made of an opened index's postings, by key, and the
    frequencies of its terms, within a budget of bytes."""

    def __init__(self, budget: int | None = None):
        self.budget = KEPT_BYTES if budget is None else budget
        self.held = 0
        self._arrays: OrderedDict[Hashable, tuple] = OrderedDict()
        self._sizes: dict[Hashable, int] = {}
        self._frequencies: dict[tuple[str, str], int] = {}

    def __contains__(self, key: Hashable) -> bool:
        return key in self._arrays

    def get(self, key: Hashable) -> tuple | None:
        """The arrays kept by this key (now the most recently used), or None."""
        value = self._arrays.get(key)
        if value is not None:
            self._arrays.move_to_end(key)
        return value

    def keep(self, key: Hashable, value: tuple) -> tuple:
        """Keeps arrays by this key (made read-only: a search that changed
        them in place would change the next search's) and gives them back;
        the least recently used go while the budget is passed."""
        size = size_of(value)
        if size * LARGEST_PART > self.budget or key in self._arrays:
            return value
        for part in value:
            if hasattr(part, "flags") and part.flags.writeable:
                part.flags.writeable = False
        self._arrays[key], self._sizes[key] = value, size
        self.held += size
        while self.held > self.budget:
            old, _ = self._arrays.popitem(last=False)
            self.held -= self._sizes.pop(old)
        return value

    def made(self, key: Hashable, make: Callable[[], tuple]) -> tuple:
        """The arrays kept by this key, else made and kept."""
        value = self.get(key)
        return value if value is not None else self.keep(key, make())

    def frequency(self, field: str, term: str, look_up: Callable[[], int]) -> int:
        """How many documents hold a term, looked up once."""
        key = (field, term)
        found = self._frequencies.get(key)
        if found is None:
            if len(self._frequencies) >= FREQUENCIES:
                self._frequencies.clear()
            found = self._frequencies[key] = look_up()
        return found
