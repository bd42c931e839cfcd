"""The codec our segments are written with: Whoosh's own file layout, with
postings packed smaller.

Whoosh pickles each block of postings as a tuple of Python ints, floats (nine
bytes each) and value strings, and inlines a short list in the term
dictionary the same way. Our fields keep a presence or a small count per
posting, so a block here is its document-number gaps and counts packed as
arrays of the narrowest machine type that holds them, compressed when that
helps: half the bytes, and decoded in C. The term table, the block
boundaries and the skipping they allow stay Whoosh's.

Whoosh pickles the codec into every index's table of contents, so opening an
index imports this module (keep it light, and keep its name).
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, islice

from whoosh.codec.whoosh3 import (
    W3Codec,
    W3LeafMatcher,
    W3PerDocReader,
    W3PostingsWriter,
    W3TermInfo,
)
from whoosh.formats import Existence, Frequency
from whoosh.matching import ListMatcher
from whoosh.system import pack_uint

# A block on disk: its byte length (negative for a term's last block), then
# how many postings, its last document number and its highest weight.
BLOCK_HEADER = struct.Struct("<iHIf")
MAX_BLOCK = 1024
# Packed postings start with one byte: bits 0-1 the type of the gaps, bits
# 2-3 that of the weights (none stored when all are 1), bit 4 set when the
# rest is zlib-compressed.
ID_TYPES = "BHI"
WEIGHT_TYPES = ("", "B", "H", "f")
COMPRESSED = 16
# Shorter packings are left uncompressed: zlib gains them some 2 % of their
# bytes for most of the time their packing takes (300 benchmark reports:
# 6,521 packings of 32-63 bytes, 384,298 -> 377,586 bytes in 43 ms).
COMPRESS_FROM = 64
ITEM_SIZES = {kind: array(kind).itemsize for kind in ID_TYPES + "".join(WEIGHT_TYPES)}


class PostingsFormatError(ValueError):
    """A field whose postings are more than a presence or a count."""


# From this many postings, packing them as numpy arrays is faster (32 counts:
# 21 -> 9 us; 32 presences: 11 -> 4 us); below it, numpy's own overhead is not.
NUMPY_FROM = 16


def pack_postings(ids, weights, with_numpy: bool = False) -> bytes:
    """Document numbers (ascending) and their weights (None: all 1), packed
    (`with_numpy`: long lists with numpy, which a writer of many postings has
    imported)."""
    if with_numpy and len(ids) >= NUMPY_FROM:
        id_type, weight_type, body = _packed_arrays(ids, weights)
    else:
        gaps = array("I", ids)
        if len(gaps) > 1:
            gaps[1:] = array("I", map(int.__sub__, ids[1:], ids[:-1]))
        widest = max(gaps)
        id_type = 0 if widest < 1 << 8 else 1 if widest < 1 << 16 else 2
        body = array(ID_TYPES[id_type], gaps).tobytes()
        weight_type = 0 if weights is None else _weight_type(weights)
        if weight_type:
            kind = WEIGHT_TYPES[weight_type]
            body += array(kind, weights if kind == "f" else map(int, weights)).tobytes()
    flags = id_type | weight_type << 2
    if len(body) >= COMPRESS_FROM:
        packed = zlib.compress(body, 6)
        if len(packed) < len(body):
            return bytes((flags | COMPRESSED,)) + packed
    return bytes((flags,)) + body


def _packed_arrays(ids, weights) -> tuple[int, int, bytes]:
    """pack_postings' id type, weight type and body, made with numpy (imported
    here: a search never packs postings, nor does a small update)."""
    import numpy as np

    numbers = np.asarray(ids, dtype=np.uint32)
    gaps = np.empty_like(numbers)
    gaps[0] = numbers[0]
    np.subtract(numbers[1:], numbers[:-1], out=gaps[1:])
    widest = int(gaps.max())
    id_type = 0 if widest < 1 << 8 else 1 if widest < 1 << 16 else 2
    body = gaps.astype(ID_TYPES[id_type]).tobytes()
    if weights is None:
        return id_type, 0, body
    counts = np.asarray(weights, dtype=np.float32)
    high, low = counts.max(), counts.min()
    if high == low == 1:
        return id_type, 0, body
    if low >= 0 and high < 1 << 16 and (counts == np.trunc(counts)).all():
        weight_type = 1 if high < 1 << 8 else 2
    else:
        weight_type = 3
    return id_type, weight_type, body + counts.astype(WEIGHT_TYPES[weight_type]).tobytes()


def _weight_type(weights) -> int:
    if weights.count(1) == len(weights):
        return 0
    if min(weights) >= 0 and max(weights) < 1 << 16 and list(map(int, weights)) == list(weights):
        return 1 if max(weights) < 1 << 8 else 2
    return 3


def layout(data: bytes) -> tuple[bytes, str, str, int]:
    """(body, type of the gaps, type of the weights, how many postings) of
    packed postings; EOFError (as Whoosh raises for a cut segment) when they
    cannot be packed postings."""
    flags = data[0] if data else 0xFF
    if flags & ~(COMPRESSED | 15) or flags & 3 == 3:
        raise EOFError("postings damaged: unknown packing")
    body = zlib.decompress(data[1:]) if flags & COMPRESSED else data[1:]
    id_type, weight_type = ID_TYPES[flags & 3], WEIGHT_TYPES[flags >> 2 & 3]
    width = ITEM_SIZES[id_type] + (ITEM_SIZES[weight_type] if weight_type else 0)
    count = len(body) // width
    if not count or len(body) % width:
        raise EOFError("postings damaged: cut short")
    return body, id_type, weight_type, count


def unpack_postings(data: bytes) -> tuple[tuple[int, ...], list[float] | array]:
    """(document numbers, weights) of packed postings."""
    body, id_type, weight_type, count = layout(data)
    split = count * ITEM_SIZES[id_type]
    ids = tuple(accumulate(array(id_type, body[:split])))
    if not weight_type:
        return ids, [1.0] * count
    return ids, array(weight_type, body[split:])


def unpack_ids(data: bytes, offset: int) -> Iterator[int]:
    """The document numbers of packed postings plus `offset`, one by one: no
    tuple of them is made, and no second pass adds the offset."""
    body, id_type, _, count = layout(data)
    gaps = array(id_type, body[:count * ITEM_SIZES[id_type]])
    return islice(accumulate(gaps, initial=offset), 1, None)


def _values(format_, weights) -> list:
    """Whoosh's value strings, made from the weights (only merges ask for them)."""
    if format_.fixed_value_size() == 0:
        return [None] * len(weights)
    return [pack_uint(int(w)) for w in weights]


def _check_format(format_) -> None:
    if type(format_) not in (Existence, Frequency):
        raise PostingsFormatError(
            f"rsearch's codec keeps presence or counts only, not {type(format_).__name__}")


class TermInfo(W3TermInfo):
    """Whoosh's term info, with short posting lists inlined packed.

    Whoosh pickles what it inlines with protocol 2, which spends some forty
    bytes on any bytes object but two on an int: the packing goes in as one,
    with a final 1 so that no zero byte at its end is lost.
    """

    def set_inlined(self, ids, weights) -> None:
        self._inlined = int.from_bytes(pack_postings(ids, weights) + b"\x01", "little")


def _inlined_postings(terminfo) -> bytes:
    number = terminfo.inlined_postings()
    return number.to_bytes((number.bit_length() + 7) // 8, "little")[:-1]


class _PostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer, writing packed blocks. It counts the bytes it
    writes rather than asking the file where it is (a buffered file asks the
    system, twice a term)."""

    with_numpy = False  # see pack_postings
    ones = False  # every weight is 1 (a presence field): not looked at to pack

    def __init__(self, dbfile, **kwargs) -> None:
        super().__init__(dbfile, **kwargs)
        self._position = dbfile.tell()  # a writer per field: nothing else writes meanwhile

    def start_postings(self, format_, terminfo) -> None:
        _check_format(format_)
        if self._terminfo:
            raise ValueError("postings started within a term")
        self._format, self._terminfo, self._blockcount = format_, terminfo, 0
        self._new_block()
        self._startoffset = self._position

    def finish_postings(self):
        terminfo = self._terminfo
        if self._ids:
            self._write_block(last=True)
        terminfo.set_extent(self._startoffset, self._position - self._startoffset)
        self._terminfo = None
        return terminfo

    def add_postings(self, ids: array, weights: array) -> None:
        """Add a term's postings, all at once (no field lengths: none are scored)."""
        limit = self._blocklimit
        for start in range(0, len(ids), limit):
            if self._ids:
                self._write_block()
            self._ids = ids[start:start + limit]
            self._weights = weights[start:start + limit]
            self._maxweight = max(self._weights)

    def _write_block(self, last: bool = False) -> None:
        self._terminfo.add_block(self)
        data = pack_postings(self._ids, None if self.ones else self._weights, self.with_numpy)
        length = BLOCK_HEADER.size - 4 + len(data)
        self._postfile.write(BLOCK_HEADER.pack(-length if last else length, len(self._ids),
                                               self._ids[-1], self._maxweight))
        self._postfile.write(data)
        self._position += 4 + length
        self._blockcount += 1
        self._new_block()


class LeafMatcher(W3LeafMatcher):
    """Whoosh's block matcher over packed blocks."""

    def _read_header(self) -> None:
        self._baseoffset = self._startoffset  # no tag before the first block

    def _goto(self, position: int) -> None:
        postfile = self._postfile
        self._data = self._ids = self._weights = self._values = None
        self._i = 0
        length, self._blocklength, self._maxid, self._maxweight = BLOCK_HEADER.unpack(
            postfile.get(position, BLOCK_HEADER.size))
        self._lastblock = length < 0
        self._dataoffset = position + BLOCK_HEADER.size
        self._nextoffset = position + 4 + abs(length)
        self._compression, self._minlength, self._maxlength = 0, 0, 0

    def _read_data(self) -> None:
        self._data = unpack_postings(
            self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset))

    def _read_ids(self) -> None:
        self._ids = self.block()[0]

    def _read_weights(self) -> None:
        self._weights = self.block()[1]

    def _read_values(self) -> None:
        self._values = _values(self.format, self.block()[1])

    def block(self) -> tuple[tuple[int, ...], list[float] | array]:
        """The current block's document numbers and weights."""
        if self._data is None:
            self._read_data()
        return self._data

    def packed_blocks(self) -> Iterator[tuple[int, bytes]]:
        """(last document number, packed postings) of every block of the term,
        from the first: no matcher state is kept per block, and where the
        file is mapped (Whoosh's BufferFile), nothing is copied (buffers.ViewBufferFile
        verifies it first)."""
        postfile, position = self._postfile, self._startoffset
        mapped = getattr(postfile, "_buf", None)
        get = getattr(postfile, "view", None) or (
            (lambda start, size: mapped[start:start + size]) if mapped is not None
            else postfile.get)
        while True:
            header = get(position, BLOCK_HEADER.size)
            if len(header) < BLOCK_HEADER.size:
                raise EOFError("postings damaged: cut short")
            length, _, last, _ = BLOCK_HEADER.unpack(header)
            following = position + 4 + abs(length)
            yield last, get(position + BLOCK_HEADER.size, following - position - BLOCK_HEADER.size)
            if length < 0:
                return
            position = following

    def block_ids(self, offset: int) -> Iterable[int]:
        """The current block's document numbers plus `offset` (to fill a set)."""
        if self._data is not None:
            return map(offset.__add__, self._data[0])
        return unpack_ids(self._postfile.get(self._dataoffset,
                                             self._nextoffset - self._dataoffset), offset)


class _LengthlessDocReader(W3PerDocReader):
    # Whoosh asks for a field length for every posting it merges; for a field
    # without lengths its reader checks the file system again each time.
    def _cached_reader(self, fieldname, column):
        if fieldname not in self._readers:
            self._readers[fieldname] = (self.column_reader(fieldname, column)
                                        if self.has_column(fieldname) else None)
        return self._readers[fieldname]


class Codec(W3Codec):
    """Whoosh's own codec, with packed postings and the field-length lookup
    remembered."""

    def __init__(self, blocklimit: int = MAX_BLOCK, inlinelimit: int = 1) -> None:
        if blocklimit > MAX_BLOCK:
            raise ValueError(f"blocks hold at most {MAX_BLOCK} postings")
        super().__init__(blocklimit, compression=0, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=0, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights = unpack_postings(_inlined_postings(terminfo))
            return ListMatcher(ids, weights, _values(format_, weights), format_,
                               scorer=scorer, term=term, terminfo=terminfo)
        offset, length = terminfo.extent()
        return LeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def per_document_reader(self, storage, segment):
        return _LengthlessDocReader(storage, segment)
