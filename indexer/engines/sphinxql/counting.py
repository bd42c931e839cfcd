"""Counting on the cluster (retrieval/counting.py): the passages that may hold
a spelling, within the filters, are the ids the engine matches for its index
terms (with each passage's report); those the index cannot decide are read
and scored as a search scores them."""

from __future__ import annotations

from ...analysis import joins
from ...retrieval import Spellings, Totals, matching
from .ranking import BATCH, ClusterSearch, field_match
from .rows import PASSAGE, engine_terms


class ClusterSpellings(Spellings):
    """Ids of the passages whose text or headings may hold a spelling, within
    a search's conditions; each passage's report noted as it comes."""

    def __init__(self, search: ClusterSearch):
        self.search = search
        self.reports: dict[int, str] = {}
        self._docs: dict[tuple, set[int]] = {}

    def _matching(self, tokens: list[str], heading: bool) -> set[int]:
        key = (heading, *tokens)
        if key not in self._docs:
            _, where = self.search.candidates([tuple(tokens)], headings=False)
            docs = set()
            match = field_match(tokens, heading)
            pairs = [] if heading else joins(tokens)
            if pairs:  # words side by side: their joins too (Spellings.text_docs)
                match = f"{match} (@joins {engine_terms(pairs)})"
            for row_id, report in self.search.nodes.pages("report", where, (match,)):
                docs.add(row_id)
                self.reports[row_id] = report
            self._docs[key] = docs
        return self._docs[key]

    def text_docs(self, tokens: list[str]) -> set[int]:
        return self._matching(tokens, heading=False)

    def heading_docs(self, tokens: list[str]) -> set[int]:
        return self._matching(tokens, heading=True)


def cluster_totals(search: ClusterSearch, prepared: tuple) -> Totals:
    """How many passages, in how many reports, a prepared search matches."""
    node, resolved, positive = prepared
    spellings = ClusterSpellings(search)

    def scoring(ids) -> list[int]:
        ids, kept = sorted(ids), []
        for start in range(0, len(ids), BATCH):
            batch = ", ".join(map(str, ids[start:start + BATCH]))
            for row_id, report, content, record in search.nodes.pages(
                    "report, content_h, record", f"kind = {PASSAGE} AND id IN ({batch})"):
                if search.score_row(node, resolved, row_id, report, content, record) > 0:
                    kept.append(row_id)
        return kept

    docs = matching(spellings, node, resolved, positive, scoring)
    return Totals(len(docs), len({spellings.reports[d] for d in docs}))
