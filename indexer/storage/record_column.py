"""Each document's stored record, compressed a block of documents at a time.

Whoosh compresses each stored record on its own, which gains little on a
passage of short Chinese text (one passage's record compresses to about 80 %,
sixteen neighbours of one report together to about 40 %). This column keeps
the records of BLOCK consecutive documents in one zlib block, with the block
offsets in a fixed-width table at the end: reading a record reads two offsets
and one block, and opening the column reads its last bytes and a dictionary,
however large the segment. A read costs more than one record's (about 20 us
to inflate a block against 3 us), and a search reads few records.

Every block is compressed against one preset dictionary per segment (zlib's
zdict): a sample of the segment's first records, so that what reports share
(headings, boilerplate, the records' own structure) is not paid for in every
block (stored records of 1,000 generated reports: 11.1 -> 7.0 MB at zlib's
level 6, as benchmarks/index_bytes.py measures them; 7.1 MB at LEVEL). A
block is a raw deflate stream and the Adler-32 of what it inflates to:
zlib's own wrapper would also have each read check the preset dictionary's
Adler-32, 10 us of the 11 that inflating a block costs.

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
# zlib's level 3: a build spends 0.5 ms a report compressing records, against
# 0.8 at its default 6, for 4 % more bytes.
LEVEL = 3
RAW = -15  # zlib's window bits for a raw deflate stream (32 KB window)
# The dictionary: the last DICTIONARY bytes (zlib's window) of every
# SAMPLE_EVERY-th record of the segment's first SAMPLED records (or the
# next multiple of BLOCK: no block is written before it is chosen).
DICTIONARY = 32 * 1024
SAMPLED, SAMPLE_EVERY = 4000, 8
_OFFSET = struct.Struct("<Q")  # a block's start in the column; array "Q" on write
_TRAILER = struct.Struct("<II")  # the block size and the dictionary's length
_CHECK = struct.Struct("<I")  # after each block's deflate stream
# Blocks inflated by one reader and kept: listings, a passage's context and
# merges read neighbouring records in turn.
CACHED_BLOCKS = 64


class RecordColumn(Column):
    """Any picklable value per document (None when a document has none)."""

    def default_value(self, reverse: bool = False):
        return None

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
        self._dictionary: bytes | None = None  # chosen once SAMPLED records are in

    def fill(self, docnum: int) -> None:
        while self._count < docnum:
            self._append(b"")

    def add(self, docnum: int, value) -> None:
        self.fill(docnum)
        self._append(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def _append(self, data: bytes) -> None:
        self._pending.append(data)
        self._count += 1
        if self._dictionary is None:
            if len(self._pending) >= SAMPLED and len(self._pending) % BLOCK == 0:
                self._write_blocks()
        elif len(self._pending) == BLOCK:
            self._write_blocks()

    def _write_blocks(self) -> None:
        """Compress the pending records, BLOCK at a time (the last block of a
        column may hold fewer)."""
        if self._dictionary is None:
            self._dictionary = b"".join(self._pending[::SAMPLE_EVERY])[-DICTIONARY:]
        for start in range(0, len(self._pending), BLOCK):
            records = self._pending[start:start + BLOCK]
            lengths = _little_endian(array("I", map(len, records)))
            body = lengths + b"".join(records)
            compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, RAW, zdict=self._dictionary)
            block = compressor.compress(body) + compressor.flush() + _CHECK.pack(zlib.adler32(body))
            self._dbfile.write(block)
            self._offsets.append(self._offsets[-1] + len(block))
        self._pending = []

    def finish(self, doccount: int) -> None:
        self.fill(doccount)
        if self._pending or self._dictionary is None:
            self._write_blocks()
        self._dbfile.write(self._dictionary)
        self._dbfile.write(_little_endian(self._offsets))
        self._dbfile.write(_TRAILER.pack(BLOCK, len(self._dictionary)))


def _little_endian(numbers: array) -> bytes:
    """The array's bytes in little-endian order, whatever the machine's."""
    if sys.byteorder == "big":
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


class _Reader(ColumnReader):
    def __init__(self, dbfile, basepos: int, length: int, doccount: int):
        super().__init__(dbfile, basepos, length, doccount)
        self.dbfile, self.basepos, self.doccount = dbfile, basepos, doccount
        end = basepos + length
        self._block_size, dictionary = _TRAILER.unpack(
            dbfile.get(end - _TRAILER.size, _TRAILER.size))
        blocks = -(-doccount // self._block_size)
        self._table = end - _TRAILER.size - _OFFSET.size * (blocks + 1)
        self._dictionary = bytes(dbfile.get(self._table - dictionary, dictionary))
        self._blocks: dict[int, tuple[bytes, list[int]]] = {}

    def __getitem__(self, docnum: int):
        if not 0 <= docnum < self.doccount:
            raise IndexError(docnum)
        number, slot = divmod(docnum, self._block_size)
        data, starts = self._block(number)
        start, end = starts[slot], starts[slot + 1]
        return pickle.loads(data[start:end]) if end > start else None

    def _block(self, number: int) -> tuple[bytes, list[int]]:
        found = self._blocks.get(number)
        if found is None:
            get = self.dbfile.get
            start, end = struct.unpack("<QQ", get(self._table + _OFFSET.size * number, 16))
            inflater = zlib.decompressobj(RAW, zdict=self._dictionary)
            data = inflater.decompress(get(self.basepos + start, end - start))
            if not inflater.eof or inflater.unused_data != _CHECK.pack(zlib.adler32(data)):
                raise EOFError(f"stored records damaged (block {number})")
            count = min(self._block_size, self.doccount - number * self._block_size)
            lengths = array("I", data[:4 * count])
            if sys.byteorder == "big":
                lengths.byteswap()
            starts = list(accumulate(lengths, initial=4 * count))
            if len(self._blocks) >= CACHED_BLOCKS:
                self._blocks.clear()
            found = self._blocks[number] = (data, starts)
        return found

    def __iter__(self):
        for docnum in range(self.doccount):
            yield self[docnum]
