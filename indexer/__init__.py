"""Analysis, the Whoosh schema, and building, updating and searching the index.

Names are imported from their modules on first use: a search, a fresh
process every time, loads neither the report readers nor the indexing workers.
"""

from __future__ import annotations

from rsearch.corpus.exports import lazy_exports

from .whoosh_import import import_whoosh

import_whoosh()

_EXPORTS = {
    "CorruptIndex": "errors", "IncompatibleIndex": "errors", "IndexBusy": "errors",
    "NoIndex": "errors", "NotIndexed": "errors", "SearchIndexError": "errors",
    "UnknownFilter": "errors", "UnknownPassage": "errors", "WorkerFailed": "errors",
    "Filters": "filters",
    "GlossaryError": "glossary",
    "QuerySyntaxError": "query", "parse_query": "query",
    "Hit": "search", "PassageRecord": "search", "ReportIndex": "search",
    "best_fragment": "snippets",
    "IndexResult": "store", "build_index": "store", "remembered_roots": "store",
    "remove_from_index": "store",
    # What another engine (engines/) needs to hold and rank the same passages:
    # the documents of a report file, terms and filters resolved as here, and
    # exact scores, labels and highlights from a passage's stored record.
    "fold_key": "analysis", "is_cjk": "analysis",
    "prepare": "documents",
    "date_bound": "filters", "known_list": "filters", "trip_type": "filters",
    "BUNDLED": "glossary", "load_glossary": "glossary",
    "order_key": "leaders", "rank_order": "leaders", "tie_score": "leaders",
    "Any": "query", "Soft": "query", "Term": "query", "literal": "query",
    "query_terms": "query",
    "FULL_MATCH": "ranking", "evaluate": "ranking", "final_score": "ranking",
    "match_kind": "ranking", "passage_text": "ranking", "HEADING_WEIGHT": "ranking",
    "RANKED_DOWN": "ranking", "SLACK": "ranking", "saturate": "ranking",
    "IndexReads": "reads",
    "StoredPassage": "records", "heading_match": "records",
    "search_build_info": "schema",
    "highlight_spans": "snippets",
    "TermResolver": "terms",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
