"""A query's matching passages per bucket, counted by the cluster as the
embedded index counts them (retrieval's overview): a passage matches a term
when it holds every index term of a spelling in its text or headings; the
engine finds them with one full-text condition, nothing is ranked."""

from __future__ import annotations

from ...retrieval import (
    All,
    Any,
    Exclude,
    Soft,
    Term,
    literal,
    parse_query,
    query_terms,
    report_buckets,
    unit_buckets,
)
from .connection import Nodes
from .ranking import ClusterTerms, passage_of, spelling_match
from .rows import PASSAGE, h63

# Reports whose records are asked for at a time.
BATCH = 500


def match_of(node, resolved: dict) -> str:
    """The engine's full-text condition for the passages a query node matches
    ("" when none can)."""
    if isinstance(node, Term):
        spellings = [v.tokens for v in resolved[node].variants if v.tokens]
        return " | ".join(f"({spelling_match(s, headings=not node.quoted)})"
                          for s in spellings)
    if isinstance(node, Any):
        parts = [m for m in (match_of(c, resolved) for c in node.children) if m]
        return " | ".join(f"({m})" for m in parts)
    assert isinstance(node, (All, Soft))
    wanted = [match_of(c, resolved) for c in node.children if not isinstance(c, Exclude)]
    if not wanted or not all(wanted):
        return ""
    left_out = [match_of(c.child, resolved) for c in node.children if isinstance(c, Exclude)]
    return " ".join([*(f"({m})" for m in wanted), *(f"-({m})" for m in left_out if m)])


class ClusterOverview:
    def __init__(self, nodes: Nodes, listings, conditions: list[str]):
        self.nodes, self.listings, self.conditions = nodes, listings, conditions

    def count(self, query: str, by: str, exact: bool) -> list[dict]:
        names = ClusterTerms(self.listings, max(self.listings.passage_count(
            f"kind = {PASSAGE}"), 1))
        node = parse_query(query)
        node = literal(node) if exact else names.merge_names(node)
        resolved = {t: names.resolve(t) for t in query_terms(node, excluded=True)}
        match = match_of(node, resolved)
        if not match:
            return []
        where = " AND ".join([f"MATCH(%s) AND kind = {PASSAGE}", *self.conditions])
        if by == "meeting":
            return unit_buckets(passage_of(report, record) for _, report, record
                                in self.nodes.pages("report, record", where, (match,)))
        per_report: dict[str, int] = {}
        for _, report in self.nodes.pages("report", where, (match,)):
            per_report[report] = per_report.get(report, 0) + 1
        keys = list(per_report)
        for start in range(0, len(keys) if by != "report" else 0, BATCH):
            hashes = ", ".join(str(h63(k)) for k in keys[start:start + BATCH])
            self.listings.reports([f"report_h IN ({hashes})"])  # kept by listings
        return report_buckets(per_report, by, self.listings.report_data)
