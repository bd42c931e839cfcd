"""Retrieval: the opened index and searching it.

A query is parsed (query), its terms resolved into spellings (terms), the
passages that may hold it found and their scores bounded from the index
(mentions, candidates, reads, sites; arrays for a term with many
candidates), the best read and scored exactly (topk, leaders, ranking),
narrowed by filters (filters), shown with snippets (snippets); how many
passages match is counted from the same candidates (counting; index_counts
for this index). ReportIndex (search) searches an index opened and checked
as OpenedIndex (opened); listings lists what it holds. Another engine
(indexer/engines) uses the resolving, checking and ranking named below.

Names are imported from their modules on first use.
"""

from __future__ import annotations

from ...corpus.exports import lazy_exports

_EXPORTS = {
    "ReportIndex": "search",
    **dict.fromkeys(["Hit", "PassageRecord", "passage_hit", "passage_record"], "passages"),
    "Filters": "filters",
    **dict.fromkeys(["Page", "Spellings", "Totals", "matching"], "counting"),
    **dict.fromkeys(["QuerySyntaxError", "parse_query"], "query"),
    "best_fragment": "snippets",
    # What another engine (indexer/engines) needs to resolve, check and rank
    # passages as this one does.
    **dict.fromkeys(["date_bound", "known_list", "trip_type"], "filters"),
    **dict.fromkeys(["rank_order", "tie_score"], "leaders"),
    **dict.fromkeys(["All", "Any", "Exclude", "Soft", "Term", "literal", "query_terms"],
                    "query"),
    **dict.fromkeys(["FULL_MATCH", "HEADING_WEIGHT", "SLACK", "evaluate", "final_score",
                     "match_kind", "passage_text", "saturate"], "ranking"),
    **dict.fromkeys(["AVERAGE_LENGTH", "B", "K1", "MIN_LENGTH"], "ranking"),
    "IndexReads": "reads",
    "highlight_spans": "snippets",
    "TermResolver": "terms",
    "with_glossary_names": "listings",
    "paged": "listing_reads",
    **dict.fromkeys(["merged_names", "named_order"], "names"),
    "report_buckets": "overview",
    "unit_buckets": "buckets",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
