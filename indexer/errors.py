"""What can go wrong with an index or a search; each error carries a hint."""

from __future__ import annotations

import functools
import pickle
import struct
import zlib
from contextlib import contextmanager
from pathlib import Path

# What Whoosh raises when a segment file is truncated or overwritten.
DAMAGE = (EOFError, struct.error, zlib.error, pickle.UnpicklingError)


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


class WorkerFailed(SearchIndexError):
    """An indexing worker process ended without finishing its files (killed,
    out of memory); nothing it wrote is part of the index."""

    hint = "run `rsearch index` again; the index is as it was before"


class UnknownPassage(SearchIndexError):
    hint = "ids are shown by `rsearch search QUERY` (first column) and look like REPORT:N"


class NotIndexed(SearchIndexError):
    """A path given to remove that the index was not built from (a usage error)."""


class WouldDrop(SearchIndexError):
    """A rebuild that would drop the reports of a folder that is missing or
    cannot be read now (an update keeps them)."""


class UnknownFilter(SearchIndexError):
    """A filter value the index does not know (a usage error); `option` names the
    filter: meeting, topic, section, report, agency, date or type."""

    def __init__(self, message: str, hint: str, option: str):
        super().__init__(message, hint)
        self.option = option


@contextmanager
def damage_reported(index_dir: Path | str):
    """A damaged index file becomes CorruptIndex (a truncated segment raises
    EOFError, which Click would otherwise take for Ctrl-D and print "Aborted.")."""
    try:
        yield
    except DAMAGE as e:
        raise CorruptIndex(f"the index in {index_dir} is damaged "
                           f"({type(e).__name__}: {e or 'file cut short'})") from None


def reads_index(method):
    """Decorates ReportIndex methods that read index files."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with damage_reported(self.index_dir):
            return method(self, *args, **kwargs)

    return wrapper
