"""What can go wrong with an index or a search; each error carries a hint."""

from __future__ import annotations


class SearchIndexError(Exception):
    """Base class: ``hint`` tells the user what to do next."""

    hint = ""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class NoIndex(SearchIndexError):
    hint = "run `rsearch index --rebuild` to build it"


class IncompatibleIndex(SearchIndexError):
    hint = "run `rsearch index --rebuild`"


class CorruptIndex(SearchIndexError):
    hint = "run `rsearch index --rebuild`"


class IndexBusy(SearchIndexError):
    hint = "wait for the other `rsearch index` to finish, then try again"


class UnknownPassage(SearchIndexError):
    hint = "ids are shown by `rsearch search QUERY` (first column) and look like REPORT:N"


class UnknownFilter(SearchIndexError):
    """An unknown --meeting, --topic or --section value (a usage error)."""
