"""Each report's passages as one run of documents, found from its report
document without looking the report up.

The writer (build/writer.py) adds a report's passages as they come and holds
its other documents (sections, units, topics, and last the report document)
to the end of the segment, in the order the reports came; a merge copies a
segment's documents in order, leaving out deleted ones (a report is deleted
whole). So in a segment the report documents stand in runs of consecutive
documents, one run per writer, and the passages of a run's reports follow
one another in the same order. The first report of a run with passages,
looked up by its key, places every other's by the passage counts before
it. Each run is checked at its last report with passages (looked up by its
key too); a run that fails the check (a layout this module does not know)
is read a report at a time, by key.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .postings import decoded_blocks, leading_ids, segments, term_matcher
from .schema import REPORT, segment_numbers_span


class ReportRuns:
    """Report document -> (first passage, passage count), for one reader."""

    def __init__(self, reader, stored):
        self.reader, self.stored = reader, stored
        self._firsts: list[int] | None = None  # each run's first report document
        self._runs: list[_Run] = []

    def passages(self, docnum: int) -> range | list[int]:
        """The passage documents of a (live) report document."""
        if self._firsts is None:
            self._read_runs()
        i = bisect_right(self._firsts, docnum) - 1
        run = self._runs[i] if i >= 0 else None
        if run is None or not run.first <= docnum < run.first + len(run.counts):
            return self._by_key(docnum)
        starts = run.placed(self)
        if starts is None:
            return self._by_key(docnum)
        j = docnum - run.first
        first = int(starts[j])
        return range(first, first + int(run.counts[j]))

    def spans(self, report_docs):
        """The passages of these report documents (a sorted numpy array) as
        runs: the arrays of their starts and ends, for all those of runs laid
        out as expected at once, and the report documents left to `passages`.
        Each run's documents are a slice found by binary search (not a mask
        of every document a run)."""
        import numpy as np

        if self._firsts is None:
            self._read_runs()
        starts, ends = [], []
        left = np.ones(len(report_docs), bool)
        bounds = np.searchsorted(report_docs, [b for run in self._runs
                                               for b in (run.first, run.first + len(run.counts))])
        for run, low, high in zip(self._runs, bounds[::2].tolist(), bounds[1::2].tolist(),
                                  strict=True):
            if low == high:
                continue
            placed = run.placed(self)
            if placed is None:
                continue
            j = report_docs[low:high] - run.first
            first = placed[j]
            starts.append(first)
            ends.append(first + run.counts[j])
            left[low:high] = False
        joined = (np.concatenate(starts), np.concatenate(ends)) if starts else (
            np.zeros(0, np.int64), np.zeros(0, np.int64))
        return (*joined, report_docs[left].tolist())

    def owned(self, docs: list[int]) -> tuple[list[tuple[int, int, int]], list[int]]:
        """Of these passages (document numbers in order): (report document,
        its first passage among them, how many of them are its) for each
        report that holds some, found with two binary searches a report; and
        the passages of runs not laid out as expected (their reports unknown)."""
        owned: list[tuple[int, int, int]] = []
        unknown: list[int] = []
        if not docs:
            return owned, unknown
        for run, placed in self._laid_out():
            starts, counts = placed.tolist(), run.counts.tolist()
            # Starts count up (each the one before plus its passages).
            i = bisect_left(docs, starts[0])
            stop = bisect_left(docs, starts[-1] + counts[-1])
            while i < stop:
                # A report with no passages has the start of the next: the
                # last of equal starts holds the passage.
                j = bisect_right(starts, docs[i]) - 1
                end = starts[j] + counts[j] if j >= 0 else 0
                if docs[i] >= end:
                    i += 1
                    continue
                k = bisect_left(docs, end, i, stop)
                owned.append((run.first + j, docs[i], k - i))
                i = k
        if sum(count for *_, count in owned) < len(docs):
            inside: set[int] = set()
            for _, first, count in owned:
                at = bisect_left(docs, first)
                inside.update(docs[at:at + count])
            unknown = [d for d in docs if d not in inside]
        return owned, unknown

    def report_count(self, docs):
        """How many reports hold these passages (a sorted numpy array of
        document numbers), and the passages of runs not laid out as expected
        (an array; their reports unknown here): each run's passages placed
        at once (numpy's searchsorted), for a count of many passages."""
        import numpy as np

        count, placed = 0, np.zeros(len(docs), bool)
        for _run, low, high, j, held in self._placings(docs):
            owners = j[held]  # in order: a report's passages side by side
            count += int(np.count_nonzero(np.diff(owners))) + 1 if len(owners) else 0
            placed[low:high] |= held
        return count, docs[~placed]

    def owners(self, docs):
        """The report document of each of these passages (a sorted numpy array
        of document numbers), -1 for those of runs not laid out as expected:
        report_count()'s placing, kept."""
        import numpy as np

        out = np.full(len(docs), -1, np.int64)
        for run, low, high, j, held in self._placings(docs):
            out[low:high][held] = run.first + j[held]
        return out

    def _laid_out(self):
        """Each run of passages laid out as expected, with its reports' first
        passages (the runs read on first use)."""
        if self._firsts is None:
            self._read_runs()
        for run in self._runs:
            starts = run.placed(self)
            if starts is not None and len(run.counts):
                yield run, starts

    def _placings(self, docs):
        """For each run laid out as expected: the run, the slice docs[low:high]
        its passages may fall in, each of those documents' report within the
        run (j) and whether the document is inside that report's passages."""
        import numpy as np

        for run, starts in self._laid_out():
            ends = starts + run.counts
            low, high = np.searchsorted(docs, [starts[0], ends[-1]])
            # A report with no passages has the start of the next: the last of equal starts wins.
            j = np.searchsorted(starts, docs[low:high], side="right") - 1
            yield run, low, high, j, (j >= 0) & (docs[low:high] < ends[np.maximum(j, 0)])

    def by_key(self, docnum: int) -> list[int]:
        """The passage documents of a (live) report document, found by its key
        (its record, its passage count and its key's postings in its
        segment), the runs not read: what a few reports cost."""
        return self._by_key(docnum)

    def _by_key(self, docnum: int) -> list[int]:
        key = self.stored[docnum]["report"]
        count = self._count(docnum)
        return leading_ids(self.reader, "report", key, count, within=docnum)

    def _count(self, docnum: int) -> int:
        for run in self._runs:
            if run.first <= docnum < run.first + len(run.counts):
                return int(run.counts[docnum - run.first])
        from .schema import read_column

        return read_column(self.reader, "passages")[docnum]

    def _read_runs(self) -> None:
        """Every segment's report documents (deleted ones too: their passages
        still take their places) in runs of consecutive documents, found at
        once (numpy), not a report at a time."""
        import numpy as np

        self._firsts, self._runs = [], []
        for segment, offset in segments(self.reader):
            matcher = term_matcher(segment, "kind", REPORT)
            if matcher is None:
                continue
            blocks = [np.asarray(decode()[0], np.int64) for _, decode in decoded_blocks(matcher)]
            docs = np.concatenate(blocks) if blocks else np.zeros(0, np.int64)
            if not len(docs):
                continue
            # The passage counts of the report documents and what lies between them.
            low = int(docs[0])
            counts = segment_numbers_span(segment, "passages", low, int(docs[-1]) + 1)
            cuts = np.flatnonzero(np.diff(docs) != 1) + 1
            for first, last in zip(docs[np.concatenate(([0], cuts))].tolist(),
                                   docs[np.concatenate((cuts - 1, [len(docs) - 1]))].tolist(),
                                   strict=True):
                self._firsts.append(offset + first)
                self._runs.append(_Run(segment, offset, offset + first,
                                       counts[first - low:last + 1 - low]))


class _Run:
    """Consecutive report documents of one segment, with their passage counts
    (a numpy array)."""

    def __init__(self, segment, offset: int, first: int, counts):
        self.segment, self.offset, self.first, self.counts = segment, offset, first, counts
        self._starts = None
        self._checked = False

    def placed(self, runs: ReportRuns):
        """Each report's first passage (a numpy array); None if the run is not
        laid out as expected."""
        import numpy as np

        if not self._checked:
            self._checked = True
            with_passages = np.flatnonzero(self.counts)
            if not len(with_passages):
                self._starts = np.zeros(len(self.counts), np.int64)
                return self._starts
            anchor, last = int(with_passages[0]), int(with_passages[-1])
            first = self._first_posting(runs, anchor)
            if first is None:
                return None
            # Reports before the anchor have no passages: they start where it does.
            starts = np.full(len(self.counts), first, np.int64)
            starts[anchor + 1:] += np.cumsum(self.counts[anchor:-1])
            if last == anchor or self._first_posting(runs, last) == int(starts[last]):
                self._starts = starts
        return self._starts

    def _first_posting(self, runs: ReportRuns, j: int) -> int | None:
        """The first document of report j's key in this segment (deleted or not)."""
        key = runs.stored[self.first + j]["report"]
        matcher = term_matcher(self.segment, "report", key)
        if matcher is None:
            return None
        for _, decode in decoded_blocks(matcher):
            return self.offset + decode()[0][0]
        return None
