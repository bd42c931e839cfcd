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


class Admitted:
    """Sorted, disjoint runs of document numbers: [starts[i], ends[i])."""

    __slots__ = ("starts", "ends")

    def __init__(self, starts: list[int], ends: list[int]):
        self.starts, self.ends = starts, ends

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
        return cls(starts[first].tolist(), reach[last].tolist())

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
        return {d for d in other if d in self}

    __rand__ = __and__

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
        """Which of these documents (a numpy array) are admitted, as a boolean array."""
        import numpy as np

        starts = np.asarray(self.starts, np.int64)
        ends = np.asarray(self.ends, np.int64)
        i = np.searchsorted(starts, docs, side="right") - 1
        return (i >= 0) & (docs < ends[np.maximum(i, 0)]) if len(starts) else (
            np.zeros(len(docs), bool))

    def __iter__(self) -> Iterator[int]:
        """Every admitted document, in order."""
        for start, end in zip(self.starts, self.ends, strict=True):
            yield from range(start, end)

    def __len__(self) -> int:
        return sum(self.ends) - sum(self.starts)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Admitted) and (self.starts, self.ends) == (
            other.starts, other.ends)

    def __repr__(self) -> str:
        return f"Admitted({list(zip(self.starts, self.ends, strict=True))})"


class AdmittedSet:
    """Admitted documents as a set (the passages of a meeting, topic or section,
    read whole from their postings)."""

    __slots__ = ("docs",)

    def __init__(self, docs: set[int]):
        self.docs = docs

    def __contains__(self, docnum: object) -> bool:
        return docnum in self.docs

    def __and__(self, other) -> AdmittedSet | set[int]:
        if isinstance(other, AdmittedSet):
            return AdmittedSet(self.docs & other.docs)
        if isinstance(other, Admitted):
            return other.among(self.docs)
        return self.docs.intersection(other)

    __rand__ = __and__

    def mask(self, docs):
        """Which of these documents (a numpy array) are admitted."""
        import numpy as np

        return np.isin(docs, np.fromiter(self.docs, np.int64, len(self.docs)))

    def __iter__(self) -> Iterator[int]:
        return iter(sorted(self.docs))

    def __len__(self) -> int:
        return len(self.docs)

    def __bool__(self) -> bool:
        return bool(self.docs)
