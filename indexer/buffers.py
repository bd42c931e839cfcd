"""Open segment files without copying them.

Whoosh reads the files inside a compound segment through a BufferFile over
the segment's memory map, and BufferFile wraps its buffer in a BytesIO,
which copies the whole file: at 10,000 reports, opening an index copied
hundreds of megabytes of term files, most of a second of every search.
Here the file-like reads (read, readline, seek, tell) go to the memory map
itself, and a part of a file is a view of it, not a copy.
"""

from __future__ import annotations

import io
import pickle

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile

from .checksums import CHUNK

CHUNK_BITS = CHUNK.bit_length() - 1
# Enough for a posting block's header, the pickle read most often.
PICKLE_CHUNK = 256


class BufferReader:
    """Sequential reads of a buffer (a memoryview of a memory map), copying
    only what is read (`check(start, end)`, if given, verifies bytes first)."""

    def __init__(self, buf, check=None) -> None:
        self._buf = buf
        self._pos = 0
        self._check = check

    def read(self, size: int = -1) -> bytes:
        end = len(self._buf) if size is None or size < 0 else min(len(self._buf),
                                                                   self._pos + size)
        if self._check is not None:
            self._check(self._pos, end)
        data = bytes(self._buf[self._pos:end])
        self._pos = end
        return data

    def readline(self, size: int = -1) -> bytes:
        line = bytearray()
        while size < 0 or len(line) < size:
            chunk = self.read(256 if size < 0 else min(256, size - len(line)))
            if not chunk:
                break
            cut = chunk.find(b"\n")
            if cut >= 0:
                line += chunk[:cut + 1]
                self._pos -= len(chunk) - cut - 1
                break
            line += chunk
        return bytes(line)

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._buf))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._buf = b""


class ViewBufferFile(BufferFile):
    """A BufferFile that reads its buffer in place; with `checks` (the
    segment file's checksums.SegmentChecks, the buffer starting at `base` in
    it), every byte is verified before it is first read."""

    def __init__(self, buf, name=None, onclose=None, checks=None, base=0, source=None):
        self._buf = buf
        self._name = name
        self.checks, self._base, self._source = checks, base, source
        self.file = BufferReader(buf, self.verify if checks is not None else None)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    def verify(self, start: int, end: int) -> None:
        checks = self.checks
        if checks is not None:
            end = min(end, len(self._buf))
            if end > start:
                first, last = self._base + start, self._base + end - 1
                chunk = first >> CHUNK_BITS
                # Most reads fall in one chunk verified before: no call further.
                if chunk != last >> CHUNK_BITS or not checks.verified[chunk]:
                    checks.verify(self._source, first, last + 1)

    def subset(self, position, length, name=None):
        return ViewBufferFile(memoryview(self._buf)[position:position + length],
                              name=name or self._name, checks=self.checks,
                              base=self._base + position, source=self._source)

    def get(self, position, length):
        checks = self.checks
        if checks is not None:
            first = self._base + position
            chunk = first >> CHUNK_BITS
            if length <= 0 or chunk != (first + length - 1) >> CHUNK_BITS \
                    or not checks.verified[chunk]:
                self.verify(position, position + length)
        return bytes(self._buf[position:position + length])

    def view(self, position, length):
        """Bytes of the buffer, verified, not copied."""
        self.verify(position, position + length)
        return self._buf[position:position + length]

    def read_pickle(self):
        # Unpickling from a Python file object calls its read() once per opcode
        # (some twenty per posting block header); from BytesIO those reads stay in C.
        start = self.file.tell()
        for size in (PICKLE_CHUNK, len(self._buf) - start):
            self.verify(start, start + size)
            chunk = io.BytesIO(self._buf[start:start + size])
            try:
                value = pickle.load(chunk)
            except (EOFError, pickle.UnpicklingError):
                continue  # longer than the chunk
            self.file.seek(start + chunk.tell())
            return value
        raise EOFError("truncated pickle in a segment file")


def install() -> None:
    """Make compound segment files open in place, verified against their
    checksums where a reader registered them (idempotent)."""
    from whoosh.codec.base import Segment

    from .checked_segments import open_compound_file, open_file

    compound.BufferFile = ViewBufferFile
    compound.CompoundStorage.open_file = open_file
    Segment.open_compound_file = open_compound_file
