"""The index, in three wings over shared analysis:

- ``storage``: everything that knows the index's bytes on disk;
- ``build``: turning reports into documents and writing them into the index;
- ``retrieval``: the opened index (ReportIndex) and searching it;
- ``analysis``: folding and tokenizing text, and the glossaries, shared by
  build and retrieval; ``errors``: what can go wrong, with hints.

Imports run one way: build and retrieval stand on storage, all three on
analysis and errors; no module imports past another wing's ``__init__``.

Names are imported from their modules on first use: a search, a fresh
process every time, loads neither the report readers nor the indexing workers.
"""

from __future__ import annotations

from ..corpus.exports import lazy_exports
from .whoosh_import import import_whoosh, stand_in_on_first_import

import_whoosh()
stand_in_on_first_import()

_EXPORTS = {
    "CorruptIndex": "errors", "IncompatibleIndex": "errors", "IndexBusy": "errors",
    "NoIndex": "errors", "NotIndexed": "errors", "SearchIndexError": "errors",
    "UnknownFilter": "errors", "UnknownPassage": "errors", "WorkerFailed": "errors",
    "WouldDrop": "errors",
    "GlossaryError": "analysis",
    "Filters": "retrieval", "Hit": "retrieval", "PassageRecord": "retrieval",
    "QuerySyntaxError": "retrieval", "ReportIndex": "retrieval", "best_fragment": "retrieval",
    "parse_query": "retrieval",
    "IndexResult": "build", "build_index": "build", "remove_from_index": "build",
    "not_indexed": "build", "OptimizeResult": "build", "optimize_index": "build",
    "CheckResult": "storage", "remembered_roots": "storage",
    "standing_in": "whoosh_import", "imported": "whoosh_import",
    "EngineUnavailable": "engines", "UnknownEngine": "engines", "open_engine": "engines",
    "write_cluster": "engines", "OVERVIEW_BUCKETS": "engines",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
