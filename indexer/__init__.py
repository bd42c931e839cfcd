"""Analysis, the Whoosh schema, and building, updating and searching the index."""

from .errors import (
    CorruptIndex,
    IncompatibleIndex,
    IndexBusy,
    NoIndex,
    NotIndexed,
    SearchIndexError,
    UnknownFilter,
    UnknownPassage,
)
from .filters import Filters
from .glossary import GlossaryError
from .query import QuerySyntaxError, parse_query
from .search import Hit, PassageRecord, ReportIndex
from .snippets import best_fragment
from .store import IndexResult, build_index, remembered_roots, remove_from_index

__all__ = [
    "CorruptIndex", "Filters", "GlossaryError", "Hit", "IncompatibleIndex", "IndexBusy",
    "IndexResult", "NoIndex", "NotIndexed", "PassageRecord", "QuerySyntaxError", "ReportIndex",
    "SearchIndexError", "UnknownFilter", "UnknownPassage", "best_fragment", "build_index",
    "parse_query", "remembered_roots", "remove_from_index",
]
