"""The passages a filter admits, as runs of document numbers.

A filter resolves to its passages before a search scores anything (filters.py):
a report's passages are one run of consecutive documents, and the passages
of a meeting, topic or section come in runs too (a report's passages under
one heading sit side by side). Runs are sorted and disjoint, [start, end);
a candidate is looked up by bisection, an array of candidates at once
(numpy's searchsorted), so that applying a filter costs what the candidates
cost, and making it what the admitted passages cost.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

# A document looked up in the runs by bisection costs about as much as this
# many looked up in a set.
RUN_LOOKUPS = 16
# Candidates looked up in a filter at a time (mask()): the positions and
# comparisons of a million candidates at once would be some 20 MB.
MASK_SLICE = 1 << 17
# Candidates asked of a filter (in all, so far) from which it is made a
# bitmap over the span of its documents (one bit each, Bitmap), asked of
# ever after: a bit looked up costs some 2 ns, a binary search among 80,000
# runs some 17, and making the bitmap some 2 ns a document of the span. From
# one candidate per this many documents of the span (BITMAP_SPAN): a broad
# filter (a common kind of trip, most years) is asked of about its postings.
BITMAP_SPAN = 8
# Documents of a bitmap's span laid out at a time (a bool each, then packed):
# a multiple of 8.
BITMAP_PIECE = 1 << 20


class Admitted:
    """Sorted, disjoint runs of document numbers: [starts[i], ends[i])."""

    __slots__ = ("_starts", "_ends", "_arrays", "_bits", "_asked")

    def __init__(self, starts: list[int] | None, ends: list[int] | None, arrays=None):
        self._starts, self._ends = starts, ends
        self._arrays = arrays
        self._bits: Bitmap | None = None
        self._asked = 0  # documents asked of mask() so far

    @classmethod
    def _of_numpy(cls, starts, ends) -> Admitted:
        """From numpy arrays of sorted, disjoint runs: the lists made only when
        asked (a broad report filter's 80,000 runs as Python ints are some
        6 MB of a search's memory, as arrays 1.3)."""
        return cls(None, None, (starts, ends))

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = self._arrays[0].tolist()
        return self._starts

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = self._arrays[1].tolist()
        return self._ends

    def arrays(self):
        """The starts and ends as numpy arrays, made once: a search asks of
        each block of a term in each segment (overlaps()), and a report
        filter's runs are tens of thousands."""
        if self._arrays is None:
            import numpy as np

            self._arrays = (np.asarray(self.starts, np.int64), np.asarray(self.ends, np.int64))
        return self._arrays

    def among(self, docs: set[int]) -> AdmittedSet:
        """These documents, those admitted: each run's documents looked up in
        the set (in C) unless the runs hold many more documents than it, else
        each document in the runs (by bisection, in Python)."""
        if len(self) < RUN_LOOKUPS * len(docs):
            found: set[int] = set()
            for start, end in zip(self.starts, self.ends, strict=True):
                found.update(docs.intersection(range(start, end)))
            return AdmittedSet(found)
        return AdmittedSet({d for d in docs if d in self})

    @classmethod
    def of_runs(cls, runs: Iterable[tuple[int, int]]) -> Admitted:
        """From runs [start, end) in any order, overlapping or touching."""
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(runs):
            if end <= start:
                continue
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        return cls(starts, ends)

    @classmethod
    def of_arrays(cls, starts, ends) -> Admitted:
        """The same from numpy arrays of starts and ends, merged at once."""
        import numpy as np

        keep = ends > starts
        order = np.argsort(starts[keep], kind="stable")
        starts, ends = starts[keep][order], ends[keep][order]
        if not len(starts):
            return cls([], [])
        reach = np.maximum.accumulate(ends)
        # A run starts past the end of every run before it.
        new = np.flatnonzero(starts[1:] > reach[:-1]) + 1
        first = np.concatenate(([0], new))
        last = np.concatenate((new - 1, [len(starts) - 1]))
        return cls._of_numpy(starts[first].astype(np.int64), reach[last].astype(np.int64))

    @classmethod
    def of_docs(cls, docs: Iterable[int]) -> Admitted:
        """From document numbers in any order, repeated or not."""
        starts: list[int] = []
        ends: list[int] = []
        for d in sorted(set(docs)):
            if ends and d == ends[-1]:
                ends[-1] = d + 1
            else:
                starts.append(d)
                ends.append(d + 1)
        return cls(starts, ends)

    def __contains__(self, docnum: object) -> bool:
        if not isinstance(docnum, int):
            return False
        i = bisect_right(self.starts, docnum) - 1
        return i >= 0 and docnum < self.ends[i]

    def __and__(self, other) -> Admitted | set[int]:
        """With another Admitted: the documents both admit; with a collection
        of documents: those of it admitted (a set)."""
        if isinstance(other, Admitted):
            return self.intersection(other)
        if isinstance(other, AdmittedSet):
            return self.among(other.docs)
        if isinstance(other, AdmittedArray):
            return other & self
        return {d for d in other if d in self}

    __rand__ = __and__

    @classmethod
    def of_sorted(cls, docs) -> Admitted:
        """From a sorted numpy array of distinct document numbers."""
        import numpy as np

        if not len(docs):
            return cls([], [])
        breaks = np.flatnonzero(np.diff(docs) != 1) + 1
        starts = np.concatenate(([0], breaks))
        ends = np.concatenate((breaks, [len(docs)]))
        return cls._of_numpy(docs[starts].astype(np.int64), docs[ends - 1].astype(np.int64) + 1)

    def intersection(self, other: Admitted) -> Admitted:
        starts: list[int] = []
        ends: list[int] = []
        i = j = 0
        while i < len(self.starts) and j < len(other.starts):
            start = max(self.starts[i], other.starts[j])
            end = min(self.ends[i], other.ends[j])
            if start < end:
                starts.append(start)
                ends.append(end)
            if self.ends[i] < other.ends[j]:
                i += 1
            else:
                j += 1
        return Admitted(starts, ends)

    def mask(self, docs):
        """Which of these documents (a numpy array) are admitted, as a boolean
        array (looked up a slice at a time)."""
        import numpy as np

        starts, ends = self.arrays()
        out = np.zeros(len(docs), bool)
        if not len(starts):
            return out
        self._asked += len(docs)
        if self._bits is None and self._asked * BITMAP_SPAN >= int(ends[-1]) - int(starts[0]):
            self._bits = Bitmap.of_runs(starts, ends)
        if self._bits is not None:
            return self._bits.mask(docs)
        for at in range(0, len(docs), MASK_SLICE):
            part = docs[at:at + MASK_SLICE]
            i = np.searchsorted(starts, part, side="right") - 1
            out[at:at + MASK_SLICE] = (i >= 0) & (part < ends[np.maximum(i, 0)])
        return out

    def overlaps(self, lows, highs):
        """Which spans [lows[i], highs[i]] (numpy arrays) hold an admitted
        document, as a boolean array: a block of postings none of whose
        documents can be admitted is not decoded (arrays.read_postings)."""
        import numpy as np

        starts, ends = self.arrays()
        # The first run that ends past a span's low end holds one if it starts
        # at or before its high end.
        i = np.searchsorted(ends, lows, side="right")
        inside = i < len(ends)
        out = np.zeros(len(lows), bool)
        out[inside] = starts[i[inside]] <= highs[inside]
        return out

    def __iter__(self) -> Iterator[int]:
        """Every admitted document, in order."""
        for start, end in zip(self.starts, self.ends, strict=True):
            yield from range(start, end)

    def __len__(self) -> int:
        if self._starts is None:
            starts, ends = self._arrays
            return int(ends.sum()) - int(starts.sum())
        return sum(self.ends) - sum(self.starts)

    def __bool__(self) -> bool:
        return bool(len(self._arrays[0]) if self._starts is None else self._starts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Admitted) and (self.starts, self.ends) == (
            other.starts, other.ends)

    def __repr__(self) -> str:
        return f"Admitted({list(zip(self.starts, self.ends, strict=True))})"


class AdmittedSet:
    """Admitted documents as a set (the passages of a meeting, topic or section,
    read whole from their postings)."""

    __slots__ = ("docs", "_sorted")

    def __init__(self, docs: set[int]):
        self.docs = docs
        self._sorted = None

    def __contains__(self, docnum: object) -> bool:
        return docnum in self.docs

    def __and__(self, other) -> AdmittedSet | set[int]:
        if isinstance(other, AdmittedSet):
            return AdmittedSet(self.docs & other.docs)
        if isinstance(other, Admitted):
            return other.among(self.docs)
        if isinstance(other, AdmittedArray):
            return AdmittedSet(other & self.docs)
        return self.docs.intersection(other)

    __rand__ = __and__

    def mask(self, docs):
        """Which of these documents (a numpy array) are admitted."""
        import numpy as np

        return np.isin(docs, np.fromiter(self.docs, np.int64, len(self.docs)))

    def overlaps(self, lows, highs):
        """Admitted.overlaps() (the documents sorted once)."""
        import numpy as np

        if self._sorted is None:
            self._sorted = np.fromiter(sorted(self.docs), np.int64, len(self.docs))
        return sorted_overlaps(self._sorted, lows, highs)

    def __iter__(self) -> Iterator[int]:
        return iter(sorted(self.docs))

    def __len__(self) -> int:
        return len(self.docs)

    def __bool__(self) -> bool:
        return bool(self.docs)


class AdmittedArray:
    """Admitted documents as a sorted numpy array of document numbers: the
    passages of a meeting, topic or section that many passages hold (a
    Python set of them costs some 70 bytes a passage, 60 MB for the 836,300
    passages of a meeting at 100,000 reports; the array 4)."""

    __slots__ = ("docs", "_bits", "_asked")

    def __init__(self, docs):
        self.docs = docs
        self._bits: Bitmap | None = None
        self._asked = 0  # documents asked of mask() so far

    @classmethod
    def of(cls, docs) -> AdmittedArray | Admitted:
        """These documents (sorted, distinct), as runs when they stand in few
        of them (a meeting's passages stand together in its reports)."""
        runs = 1 + int((docs[1:] != docs[:-1] + 1).sum()) if len(docs) else 0
        return Admitted.of_sorted(docs) if runs * RUN_LOOKUPS <= len(docs) else cls(docs)

    def __contains__(self, docnum: object) -> bool:
        import numpy as np

        if not isinstance(docnum, int):
            return False
        at = int(np.searchsorted(self.docs, docnum))
        return at < len(self.docs) and int(self.docs[at]) == docnum

    def mask(self, docs):
        """Which of these documents (a numpy array) are admitted, a slice at a time."""
        import numpy as np

        out = np.zeros(len(docs), bool)
        if not len(self.docs):
            return out
        self._asked += len(docs)
        if self._bits is None and self._asked * BITMAP_SPAN > int(self.docs[-1]) - int(
                self.docs[0]):
            self._bits = Bitmap.of_sorted(self.docs)
        if self._bits is not None:
            return self._bits.mask(docs)
        last = len(self.docs) - 1
        for at in range(0, len(docs), MASK_SLICE):
            part = docs[at:at + MASK_SLICE]
            i = np.minimum(np.searchsorted(self.docs, part), last)
            out[at:at + MASK_SLICE] = self.docs[i] == part
        return out

    def overlaps(self, lows, highs):
        """Admitted.overlaps()."""
        return sorted_overlaps(self.docs, lows, highs)

    def __and__(self, other) -> AdmittedArray | set[int]:
        """With admitted passages: those both admit; with a collection of
        documents: those of it admitted (a set)."""
        import numpy as np

        if isinstance(other, AdmittedArray):
            return AdmittedArray(np.intersect1d(self.docs, other.docs, assume_unique=True))
        if isinstance(other, Admitted):
            return AdmittedArray(self.docs[other.mask(self.docs)])
        if isinstance(other, AdmittedSet):
            return AdmittedSet(self & other.docs)
        asked = np.fromiter(other, np.int64)
        return set(asked[self.mask(asked)].tolist())

    __rand__ = __and__

    def __iter__(self) -> Iterator[int]:
        return iter(self.docs.tolist())

    def __len__(self) -> int:
        return len(self.docs)

    def __bool__(self) -> bool:
        return bool(len(self.docs))


def sorted_overlaps(docs, lows, highs):
    """Which spans [lows[i], highs[i]] hold one of these documents (a sorted
    numpy array), as a boolean array."""
    import numpy as np

    # (In the documents' own type: else numpy copies them all to search.)
    i = np.searchsorted(docs, lows.astype(docs.dtype, copy=False))
    inside = i < len(docs)
    out = np.zeros(len(lows), bool)
    out[inside] = docs[i[inside]] <= highs[inside]
    return out


class Bitmap:
    """Admitted documents as one bit each, over the span from the first to
    the last (packed eight a byte: 0.7 MB for 5.5 million documents, which
    stays in the processor's cache as a bool a document does not)."""

    __slots__ = ("base", "size", "bits")

    def __init__(self, base: int, size: int, bits):
        self.base, self.size, self.bits = base, size, bits

    @classmethod
    def of_runs(cls, starts, ends) -> Bitmap:
        """From sorted, disjoint runs [starts[i], ends[i]) (numpy arrays, one
        at least): a piece of the span at a time (BITMAP_PIECE documents, a
        bool each, then packed), each piece's runs cut to it and laid out at
        once (np.repeat of each gap and run)."""
        import numpy as np

        base, size = int(starts[0]), int(ends[-1]) - int(starts[0])
        starts, ends = starts - base, ends - base
        bits = np.zeros((size + 7) // 8, np.uint8)
        pattern = np.array([False, True])
        for low in range(0, size, BITMAP_PIECE):
            high = min(low + BITMAP_PIECE, size)
            first = int(np.searchsorted(ends, low, side="right"))
            stop = int(np.searchsorted(starts, high))
            cut_starts = np.clip(starts[first:stop], low, high) - low
            cut_ends = np.clip(ends[first:stop], low, high) - low
            # The gap before each run, each run, and the gap after the last.
            lengths = np.empty(2 * len(cut_starts) + 1, np.int64)
            lengths[0] = cut_starts[0] if len(cut_starts) else 0
            lengths[2:-1:2] = cut_starts[1:] - cut_ends[:-1]
            lengths[1::2] = cut_ends - cut_starts
            lengths[-1] = (high - low) - (int(cut_ends[-1]) if len(cut_ends) else 0)
            flags = np.repeat(np.append(np.tile(pattern, len(cut_starts)), False), lengths)
            bits[low // 8:(high + 7) // 8] = np.packbits(flags, bitorder="little")
        return cls(base, size, bits)

    @classmethod
    def of_sorted(cls, docs) -> Bitmap:
        """From a sorted numpy array of distinct document numbers (one at
        least), a piece of the span at a time."""
        import numpy as np

        base, size = int(docs[0]), int(docs[-1]) - int(docs[0]) + 1
        bits = np.zeros((size + 7) // 8, np.uint8)
        for low in range(0, size, BITMAP_PIECE):
            high = min(low + BITMAP_PIECE, size)
            first, stop = np.searchsorted(docs, [base + low, base + high])
            flags = np.zeros(high - low, bool)
            flags[docs[first:stop] - (base + low)] = True
            bits[low // 8:(high + 7) // 8] = np.packbits(flags, bitorder="little")
        return cls(base, size, bits)

    def mask(self, docs):
        """Which of these documents (a numpy array) are admitted, a slice at a time."""
        import numpy as np

        out = np.zeros(len(docs), bool)
        for at in range(0, len(docs), MASK_SLICE):
            part = docs[at:at + MASK_SLICE].astype(np.int64) - self.base
            inside = (part >= 0) & (part < self.size)
            part[~inside] = 0
            held = (self.bits[part >> 3] >> (part & 7).astype(np.uint8)) & 1
            out[at:at + MASK_SLICE] = inside & held.view(bool)
        return out
