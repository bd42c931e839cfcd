"""Matching passages per meeting (a trip's unit: meeting, session, visited
site or day) from the index, without reading the passages' records.

A passage document's `meeting` terms are the folded keys of its units
(build/documents.py), and the table of names (names.py) lists every unit's
key as the reports write it: a term that one written key folds to names its
bucket, and its postings among the matching passages are the bucket's
passages, placed in their reports as the other buckets' are (overview.py).
What the terms cannot tell is read from the records, as before: the passages
of a term that several written keys (or none) fold to, and, when some key
folds to nothing (so no term stands for it), every passage. The counts are
those of buckets.unit_buckets over every record (tests/test_unit_counts.py).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..analysis import fold_key
from ..storage import StoredPassage, field_postings
from .arrays import positions
from .buckets import add, bucket_rows, unit_buckets
from .names import NameTable


def written_keys(reader, stored) -> dict[str, list[str]] | None:
    """Each folded unit key with the keys written that fold to it; None when
    a written key folds to nothing."""
    found: dict[str, list[str]] = {}
    for key in NameTable(reader, stored).keys("meeting"):
        folded = fold_key(key)
        if not folded:
            return None
        found.setdefault(folded, []).append(key)
    return found


def meeting_buckets(searcher, docs: set[int],
                    report_ids: Callable[[set[int]], tuple[np.ndarray, np.ndarray]]
                    ) -> list[dict]:
    """Rows of (meeting, passages, reports) for these passages: a passage under
    several units counts in each, one under none in the bucket "".
    `report_ids`: the passages in order, and an id of each one's report."""
    reader, stored = searcher.reader(), searcher.stored
    keys = written_keys(reader, stored)
    if keys is None:
        return unit_buckets(StoredPassage.of(stored[d]) for d in docs)
    ordered, reports = report_ids(docs)
    counts: dict[str, list] = {}
    placed: dict[str, list[np.ndarray]] = {}
    under_some = np.zeros(len(ordered), bool)
    for term, held in field_postings(reader, "meeting"):
        # Looked up in the passages' own type: no copy of them per term.
        at, found = positions(ordered, np.asarray(held, ordered.dtype))
        at = at[found]
        if not len(at):
            continue
        under_some[at] = True
        written = keys.get(term, [])
        if len(written) == 1:
            placed.setdefault(written[0], []).append(at)
            continue
        for d in ordered[at].tolist():  # which written key: the record says
            passage = StoredPassage.of(stored[d])
            for unit in passage.units:
                if fold_key(unit) == term:
                    add(counts, unit, passage.report)
    placed.setdefault("", []).append(np.flatnonzero(~under_some))
    for bucket, parts in placed.items():
        at = np.concatenate(parts)
        if len(at):
            counts[bucket] = [len(at), set(np.unique(reports[at]).tolist())]
    return bucket_rows(counts, "meeting")
