"""Open segment files without copying them.

Whoosh reads the files inside a compound segment through a BufferFile over
the segment's memory map, and BufferFile wraps its buffer in a BytesIO,
which copies the whole file: at 10,000 reports, opening an index copied
hundreds of megabytes of term files, most of a second of every search.
Here the file-like reads (read, readline, seek, tell) go to the memory map
itself, and a part of a file is a view of it, not a copy. (The BufferFile
that reads through a BufferReader, ViewBufferFile, is in whoosh_door.)
"""

from __future__ import annotations


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
