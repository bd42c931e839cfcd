"""How many reports passages grouped by their place's report part are in:
what the totals of a search count, from lists of passages (index_counts.py)
and from sorted arrays of them (array_counts.py) alike."""

from __future__ import annotations

from ..storage import StoredPassage


def reports_of_parts(searcher, by_prefix: dict, prefixes, docs_of) -> int:
    """How many reports passages grouped by their place's report part are in:
    one a part, but for parts several reports share (then their passages'
    records, `docs_of` a part's group, tell)."""
    count = 0
    shared = prefixes.shared(by_prefix)
    for prefix, group in by_prefix.items():
        if prefix not in shared:
            count += 1
        else:
            count += len({StoredPassage.of(searcher.stored[d]).report for d in docs_of(group)})
    return count
