"""Analysis, the Whoosh schema, and building, updating and searching the index."""

from .errors import (
    CorruptIndex,
    IncompatibleIndex,
    IndexBusy,
    NoIndex,
    SearchIndexError,
    UnknownFilter,
    UnknownPassage,
)
from .query import QuerySyntaxError, parse_query
from .search import Hit, PassageRecord, ReportIndex, best_fragment
from .store import IndexResult, build_index

__all__ = [
    "CorruptIndex", "Hit", "IncompatibleIndex", "IndexBusy", "IndexResult", "NoIndex",
    "PassageRecord", "QuerySyntaxError", "ReportIndex", "SearchIndexError", "UnknownFilter",
    "UnknownPassage", "best_fragment", "build_index", "parse_query",
]
