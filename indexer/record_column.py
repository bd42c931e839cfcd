"""Each document's stored record, compressed a block of documents at a time.

Whoosh compresses each stored record on its own, which gains little on a
passage of short Chinese text (one passage's record compresses to about 80 %,
sixteen neighbours of one report together to about 40 %). This column keeps
the records of BLOCK consecutive documents in one zlib block, with the block
offsets in a fixed-width table at the end: reading a record reads two offsets
and one block, and opening the column reads its last four bytes, however
large the segment. A read costs more than one record's (about 20 us to inflate
a block against 3 us), and a search reads few records.

Whoosh pickles the schema, and so this column, into every index's table of
contents: opening an index imports this module (keep it light).
"""

from __future__ import annotations

import pickle
import struct
import sys
import zlib
from array import array
from itertools import accumulate

from whoosh.columns import Column, ColumnReader, ColumnWriter

BLOCK = 16
LEVEL = 6
_OFFSET = struct.Struct("<Q")  # a block's start in the column; array "Q" on write
_TRAILER = struct.Struct("<I")  # the block size the column was written with
# Blocks inflated by one reader and kept: listings, a passage's context and
# merges read neighbouring records in turn.
CACHED_BLOCKS = 64


class RecordColumn(Column):
    """Any picklable value per document (None when a document has none)."""

    _default = None

    def writer(self, dbfile) -> ColumnWriter:
        return _Writer(dbfile)

    def reader(self, dbfile, basepos: int, length: int, doccount: int) -> ColumnReader:
        return _Reader(dbfile, basepos, length, doccount)


class _Writer(ColumnWriter):
    def __init__(self, dbfile):
        self._dbfile = dbfile
        self._count = 0  # documents given a value or filled so far
        self._pending: list[bytes] = []
        self._offsets = array("Q", [0])

    def fill(self, docnum: int) -> None:
        while self._count < docnum:
            self._append(b"")

    def add(self, docnum: int, value) -> None:
        self.fill(docnum)
        self._append(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def _append(self, data: bytes) -> None:
        self._pending.append(data)
        self._count += 1
        if len(self._pending) == BLOCK:
            self._write_block()

    def _write_block(self) -> None:
        lengths = _little_endian(array("I", map(len, self._pending)))
        block = zlib.compress(lengths + b"".join(self._pending), LEVEL)
        self._dbfile.write(block)
        self._offsets.append(self._offsets[-1] + len(block))
        self._pending = []

    def finish(self, doccount: int) -> None:
        self.fill(doccount)
        if self._pending:
            self._write_block()
        self._dbfile.write(_little_endian(self._offsets))
        self._dbfile.write(_TRAILER.pack(BLOCK))


def _little_endian(numbers: array) -> bytes:
    """The array's bytes in little-endian order, whatever the machine's."""
    if sys.byteorder == "big":
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


class _Reader(ColumnReader):
    def __init__(self, dbfile, basepos: int, length: int, doccount: int):
        super().__init__(dbfile, basepos, length, doccount)
        end = basepos + length
        (self._block_size,) = _TRAILER.unpack(dbfile.get(end - _TRAILER.size, _TRAILER.size))
        blocks = -(-doccount // self._block_size)
        self._table = end - _TRAILER.size - _OFFSET.size * (blocks + 1)
        self._blocks: dict[int, tuple[bytes, list[int]]] = {}

    def __getitem__(self, docnum: int):
        if not 0 <= docnum < self._doccount:
            raise IndexError(docnum)
        number, slot = divmod(docnum, self._block_size)
        data, starts = self._block(number)
        start, end = starts[slot], starts[slot + 1]
        return pickle.loads(data[start:end]) if end > start else None

    def _block(self, number: int) -> tuple[bytes, list[int]]:
        found = self._blocks.get(number)
        if found is None:
            get = self._dbfile.get
            start, end = struct.unpack("<QQ", get(self._table + _OFFSET.size * number, 16))
            data = zlib.decompress(get(self._basepos + start, end - start))
            count = min(self._block_size, self._doccount - number * self._block_size)
            lengths = array("I", data[:4 * count])
            if sys.byteorder == "big":
                lengths.byteswap()
            starts = list(accumulate(lengths, initial=4 * count))
            if len(self._blocks) >= CACHED_BLOCKS:
                self._blocks.clear()
            found = self._blocks[number] = (data, starts)
        return found

    def __iter__(self):
        for docnum in range(self._doccount):
            yield self[docnum]
