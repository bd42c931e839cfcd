"""A column whose values start late in the segment.

Whoosh's columns keep a slot (or a length and an offset) for every document
from the first to the last one with a value. A segment lays out its passages
first and its report documents last (build/writer.py), so a column only report
documents have (where a report's file is, how many passages it has) would
spend its bytes on every passage. This one keeps Whoosh's column of the
documents from the first with a value on, and the number of that document.

Whoosh pickles the schema, and so this column, into every index's table of
contents: opening an index imports this module (keep it light).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from whoosh.columns import Column, ColumnReader, ColumnWriter

_FIRST = struct.Struct("<I")  # the first document the inner column holds


class TailColumn(Column):
    """Whoosh's column `inner`, holding the documents from the first with a value on."""

    def __init__(self, inner: Column):
        self.inner = inner
        self.default = inner.default_value()

    def default_value(self, reverse: bool = False):
        return self.default

    def writer(self, dbfile) -> ColumnWriter:
        return _Writer(dbfile, self.inner.writer(dbfile))

    def reader(self, dbfile, basepos: int, length: int, doccount: int) -> ColumnReader:
        (first,) = _FIRST.unpack(dbfile.get(basepos + length - _FIRST.size, _FIRST.size))
        first = min(first, doccount)
        inner = self.inner.reader(dbfile, basepos, length - _FIRST.size, doccount - first)
        return TailReader(inner, first, doccount, self.default)


class _Writer(ColumnWriter):
    def __init__(self, dbfile, inner: ColumnWriter):
        self._dbfile, self._inner = dbfile, inner
        self._first: int | None = None

    def add(self, docnum: int, value) -> None:
        if self._first is None:
            self._first = docnum
        self._inner.add(docnum - self._first, value)

    def finish(self, doccount: int) -> None:
        first = doccount if self._first is None else self._first
        self._inner.finish(doccount - first)
        self._dbfile.write(_FIRST.pack(first))


class TailReader(ColumnReader):
    """Values by document number: the default before `first`, then `inner`'s."""

    def __init__(self, inner: ColumnReader, first: int, doccount: int, default):
        self.inner, self.first, self.default = inner, first, default
        self._doccount = doccount

    def __len__(self) -> int:
        return self._doccount

    def __getitem__(self, docnum: int):
        # Past the end reads as the default, as in Whoosh's fixed-width
        # columns: Whoosh's reader of several segments sends the documents of
        # a segment without this column to the segment before it.
        if not self.first <= docnum < self._doccount:
            return self.default
        return self.inner[docnum - self.first]

    def __iter__(self) -> Iterator:
        yield from [self.default] * self.first
        yield from self.inner
