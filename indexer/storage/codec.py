"""The codec our segments are written with: Whoosh's own file layout, with
postings packed smaller.

Whoosh pickles each block of postings as a tuple of Python ints, floats (nine
bytes each) and value strings, and inlines a short list in the term
dictionary the same way. Our fields keep a presence or a small count per
posting, so a block here is its document-number gaps and counts packed as
arrays of the narrowest machine type that holds them, compressed when that
helps: half the bytes, and decoded in C. The term table, the block
boundaries and the skipping they allow stay Whoosh's.

This module is the bytes alone: how a block and an inlined list are packed
and unpacked. The classes that plug them into Whoosh (Codec, its postings
writer and LeafMatcher) use Whoosh's private names, so they live in the door
to Whoosh (whoosh_door).
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections.abc import Iterator
from itertools import accumulate, islice

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
