"""The index's list of its reports' files (`sources` in a generation): for
each report its file's path, its key, the digests of its bytes and of its
text, and the file's stamp (size and mtime) when it was read.

An update reads it in one go instead of a column of every report document,
and splits only what it needs: the paths and stamps tell an unchanged file
(no row is parsed), the keys are read when a new file needs one, the texts
when a written report may repeat another. It is stored by column: each a
run of values separated by NUL (which no path holds), the stamps a run of
64-bit integers, after one header line (JSON: version, row count, the byte
length of each column).

It is a small file of the generation, committed with the checksums like
roots.json (index_files.seal_generation), and checked when read, not when the
index is opened (a search never reads it). An index whose checksums do not
list it (built before it, or updated by an rsearch that did not keep it) is
read from its report documents' `source` column once, and the list written
with that update's commit.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, filterfalse, repeat
from operator import eq, itemgetter

from ..errors import CorruptIndex
from .source_lookups import (
    SCANNED_LOOKUPS,
    ColumnLookups,
    column_without,
    kept_spans,
    value_span,
)

SOURCES_FILE = "sources"
# Version 2 is a list that may have changes kept beside it (source_changes.py):
# an rsearch that knows only version 1 refuses it and makes its list again
# from the report documents, never reading a list without its changes.
SOURCES_VERSION = 2
READ_VERSIONS = (1, 2)
MAGIC = b"rsearch-sources "
TEXT_COLUMNS = ("paths", "keys", "digests", "texts")
NO_STAMP = -1
# `unchanged` looks each file found up by its path when they are fewer than
# the rows' share 1/LOOKED_UP_SHARE; else it passes over every row once.
LOOKED_UP_SHARE = 64
# The entry of a file not found, to `unchanged` (its stamp: None, no row's).
NOT_FOUND = (None, None)


@dataclass(frozen=True)
class SourceRow:
    """One report's file: path, key, digest of its bytes, digest of its text,
    and its stamp (size, mtime in ns; None when it was not to be trusted)."""

    path: str
    key: str
    digest: str
    text: str = ""
    stamp: tuple[int, int] | None = None


def _join(values: Iterable[str]) -> bytes:
    return "\0".join(values).encode("utf-8", "surrogatepass")


def _split(data: bytes, count: int) -> list[str]:
    if not count:
        return []
    values = data.decode("utf-8", "surrogatepass").split("\0")
    if len(values) != count:
        raise ValueError("a column has the wrong number of values")
    return values


class Sources:
    """The rows of a sources file, each column split on first use."""

    def __init__(self, count: int, columns: dict[str, bytes], stamps: array) -> None:
        self._count, self._columns, self._stamps = count, columns, stamps
        self._split: dict[str, list[str]] = {}
        self._cut: dict[str, int] = {}  # values cut from a column's bytes (_value)
        self._find = ColumnLookups(count, columns, self.column, self._split.__contains__)
        self.version = SOURCES_VERSION
        # How the list is stored (source_changes.Stored), when it was read
        # from a generation: its base list and the changes since, carried
        # through `changed` so that an update writes its changes alone.
        self.stored = None

    @classmethod
    def from_rows(cls, rows: Iterable[SourceRow]) -> Sources:
        rows = sorted(rows, key=lambda r: r.path)
        stamps = array("q")
        for row in rows:
            stamps.extend(row.stamp or (NO_STAMP, NO_STAMP))
        columns = {"paths": _join(r.path for r in rows), "keys": _join(r.key for r in rows),
                   "digests": _join(r.digest for r in rows),
                   "texts": _join(r.text for r in rows)}
        return cls(len(rows), columns, stamps)

    @classmethod
    def decode(cls, data: bytes, where: str = SOURCES_FILE) -> Sources:
        """Raises CorruptIndex naming `where` when the data is no sources file."""
        try:
            # (The columns sliced from the data as read: no copy of the body.)
            end = data.index(b"\n")
            if not data.startswith(MAGIC):
                raise ValueError
            header = json.loads(data[len(MAGIC):end])
            if header["version"] not in READ_VERSIONS:
                raise ValueError
            count, lengths = header["count"], header["lengths"]
            columns, start = {}, end + 1
            for name in TEXT_COLUMNS:
                columns[name] = data[start:start + lengths[name]]
                start += lengths[name]
            stamps = array("q")
            stamps.frombytes(memoryview(data)[start:])
            if header["byteorder"] != sys.byteorder:
                stamps.byteswap()
            if len(stamps) != 2 * count or any(len(c) != lengths[n]
                                               for n, c in columns.items()):
                raise ValueError
        except (ValueError, KeyError, TypeError):
            raise CorruptIndex(f"{where} is not a list of the index's report files") from None
        sources = cls(count, columns, stamps)
        sources.version = header["version"]
        return sources

    def encode(self) -> bytes:
        header = {"version": SOURCES_VERSION, "count": self._count,
                  "byteorder": sys.byteorder,
                  "lengths": {n: len(self._columns[n]) for n in TEXT_COLUMNS}}
        return b"".join([MAGIC, json.dumps(header, sort_keys=True).encode("ascii"), b"\n",
                         *(self._columns[n] for n in TEXT_COLUMNS), self._stamps.tobytes()])

    def copy(self) -> Sources:
        """The same rows (their bytes shared), remembering no stored form."""
        return Sources(self._count, self._columns, self._stamps)

    def __len__(self) -> int:
        return self._count

    def column(self, name: str) -> list[str]:
        if name not in self._split:
            try:
                self._split[name] = _split(self._columns[name], self._count)
            except (ValueError, UnicodeDecodeError):
                raise CorruptIndex(f"{SOURCES_FILE} is not a list of the index's report "
                                   "files") from None
        return self._split[name]

    def paths(self) -> list[str]:
        return self.column("paths")

    def __contains__(self, path: str) -> bool:
        return self._find.row_of(path) is not None

    def stamp(self, path: str) -> tuple[int, int] | None:
        """The stamp kept for a file (None when none is, or it is no report's)."""
        row = self._find.row_of(path)
        if row is None or self._stamps[2 * row] == NO_STAMP:
            return None
        return self._stamps[2 * row], self._stamps[2 * row + 1]

    def get(self, path: str) -> SourceRow | None:
        row = self._find.row_of(path)
        return None if row is None else self._row(row)

    def _row(self, row: int) -> SourceRow:
        size, mtime = self._stamps[2 * row], self._stamps[2 * row + 1]
        return SourceRow(*(self._value(name, row) for name in TEXT_COLUMNS),
                         None if size == NO_STAMP else (size, mtime))

    def _value(self, name: str, row: int) -> str:
        """A row's value of a column: from the list when the column is split,
        else cut from its bytes (an update asks for the rows of the few files
        it rewrote: splitting every column took some 40 ms at 100,000 reports)."""
        self._cut[name] = self._cut.get(name, 0) + 1
        if name in self._split or self._cut[name] > SCANNED_LOOKUPS:
            # (more rows than a few: the column split once, as a pass over it
            # a row would cost an update of many files far more)
            return self.column(name)[row]
        try:
            start, end = value_span(self._columns[name], row, self._count)
            return self._columns[name][start:end].decode("utf-8", "surrogatepass")
        except (ValueError, UnicodeDecodeError):
            raise CorruptIndex(f"{SOURCES_FILE} is not a list of the index's report "
                               "files") from None

    def __iter__(self) -> Iterator[SourceRow]:
        for name in TEXT_COLUMNS:
            self.column(name)  # (every row: each column split once)
        return (self._row(row) for row in range(self._count))

    def holding_text(self, text: str) -> int:
        """How many rows have this text digest ("" is no text: none)."""
        return self._find.holding("texts", text) if text else 0

    def holds_key(self, key: str) -> bool:
        """Whether a row has this key."""
        return self._find.holding("keys", key) > 0

    def changed(self, removed: Iterable[str], added: Iterable[SourceRow]) -> Sources:
        """These rows with the files `removed` taken out and `added` put in (a
        path already here is replaced). Rows are kept in slices between those
        taken out, added rows go last: the cost is a copy of each column,
        not a row object per report."""
        removed, added = list(removed), {row.path: row for row in added}
        result = self._changed(removed, added)
        if result is self:  # (nothing changed: a copy, to carry its own `stored`)
            result = self.copy()
        if self.stored is not None:
            result.stored = self.stored.changed(removed, added, self)
        return result

    def _changed(self, removed: Iterable[str], added: dict[str, SourceRow]) -> Sources:
        drop = sorted({r for p in set(removed) | added.keys()
                       if (r := self._find.row_of(p)) is not None})
        if not drop:
            return self._appended(list(added.values()))
        spans = kept_spans(drop, self._count)
        columns = {}
        for name in TEXT_COLUMNS:
            try:
                columns[name] = column_without(self._columns[name], self._count, drop, spans)
            except ValueError:
                raise CorruptIndex(f"{SOURCES_FILE} is not a list of the index's report "
                                   "files") from None
        stamps = array("q")
        for a, b in spans:
            stamps.extend(self._stamps[2 * a:2 * b])
        kept = Sources(self._count - len(drop), columns, stamps)
        return kept._appended(list(added.values()))

    def _appended(self, rows: list[SourceRow]) -> Sources:
        if not rows:
            return self
        columns = {}
        for name, attr in zip(TEXT_COLUMNS, ("path", "key", "digest", "text"), strict=True):
            joined = _join(getattr(r, attr) for r in rows)
            columns[name] = (self._columns[name] + b"\0" + joined if self._count else joined)
        stamps = array("q", self._stamps)
        for row in rows:
            stamps.extend(row.stamp or (NO_STAMP, NO_STAMP))
        appended = Sources(self._count + len(rows), columns, stamps)
        # Columns split already stay split (a list copied, no value made again).
        for name, attr in zip(TEXT_COLUMNS, ("path", "key", "digest", "text"), strict=True):
            if name in self._split:
                appended._split[name] = self._split[name] + [getattr(r, attr) for r in rows]
        return appended

    def unchanged(self, found: dict[str, tuple]) -> tuple[list[str], list[str]]:
        """Of the files found (path: (root, stamp)), those whose stamp is the one
        kept (unchanged, told without reading them), and the others."""
        if len(found) * LOOKED_UP_SHARE < self._count:
            # A few files (`rsearch index FILE`): each looked up by its path,
            # not a pass over every report.
            same = [path for path, (_, stamp) in found.items()
                    if stamp is not None and self.stamp(path) == stamp]
            told = set(same)
            return same, [path for path in found if path not in told]
        # (One pass over every report, in C loops: the stamps as a list of ints
        # once, paired into tuples, each path's entry found, its stamp taken
        # and compared with the one kept; no Python code a report.)
        flat, paths = self._stamps.tolist(), self.paths()
        kept = zip(flat[0::2], flat[1::2], strict=True)
        stamps = map(itemgetter(1), map(found.get, paths, repeat(NOT_FOUND)))
        same = list(compress(paths, map(eq, stamps, kept)))
        if len(same) == len(found):
            return same, []
        return same, list(filterfalse(set(same).__contains__, found))
