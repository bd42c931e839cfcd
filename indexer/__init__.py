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
    "WouldDrop": "errors",
    "CheckResult": "check", "check_index": "check",
    "Filters": "filters",
    "GlossaryError": "glossary",
    "QuerySyntaxError": "query", "parse_query": "query",
    "Hit": "search", "PassageRecord": "search", "ReportIndex": "search",
    "best_fragment": "snippets",
    "IndexResult": "store", "build_index": "store", "remembered_roots": "store",
    "remove_from_index": "store",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
