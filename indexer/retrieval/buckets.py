"""Rows of buckets of matching passages, the same for every engine and every
way of counting them (overview.py from the index's postings, unit_counts.py
from unit terms, the cluster's rows)."""

from __future__ import annotations

from collections.abc import Iterable

from ..storage import StoredPassage


def bucket_rows(counts: dict[str, tuple[int, set[str]]], by: str) -> list[dict]:
    """Rows of (bucket, passages, reports): years in order (undated last),
    else most passages first; the same for every engine."""
    if by == "year":
        order = sorted(counts, key=lambda b: (not b, b))
    else:
        order = sorted(counts, key=lambda b: (-counts[b][0], not b, b))
    return [{"bucket": b, "passages": counts[b][0], "reports": len(counts[b][1])} for b in order]


def add(counts: dict, bucket: str, report: str, passages: int = 1) -> None:
    entry = counts.setdefault(bucket, [0, set()])
    entry[0] += passages
    entry[1].add(report)


def unit_buckets(passages: Iterable[StoredPassage]) -> list[dict]:
    """Matching passages per meeting (a passage under several counts in each;
    those under none in the bucket "")."""
    counts: dict[str, list] = {}
    for passage in passages:
        for unit in passage.units or ("",):
            add(counts, unit, passage.report)
    return bucket_rows(counts, "meeting")
