"""Whoosh's compound segment files opened with their checksums: the segment's
header and directory verified before Whoosh reads them, and every file
inside it handed out as a buffer verified chunk by chunk as it is read
(buffers.ViewBufferFile). A generation's checksums are registered when the
index is opened (generations.open_whoosh); segments of a folder not
registered open as Whoosh opens them (an index being built)."""

from __future__ import annotations

import mmap
import os
import struct
from pathlib import Path

from whoosh.filedb.compound import CompoundStorage, SubFile
from whoosh.filedb.structfile import StructFile

from .checksums import GenerationChecks, damaged

_registered: dict[str, GenerationChecks] = {}
# A compound file starts with its directory's offset and length (Whoosh's !q, !i).
_HEADER = struct.Struct("!qi")


def register(generation: Path, checks: GenerationChecks) -> None:
    _registered[os.path.abspath(generation)] = checks


def open_compound_file(segment, storage):
    from .buffers import ViewBufferFile

    name = segment.make_filename(segment.COMPOUND_EXT)
    folder = getattr(storage, "folder", None)
    checks = _registered.get(os.path.abspath(folder)) if folder else None
    if checks is None or (name not in checks.files and _committed_since(checks)):
        return CompoundStorage(storage.open_file(name), use_mmap=storage.supports_mmap)
    seg = checks.segment(name)
    dbfile = storage.open_file(name)
    if os.fstat(dbfile.fileno()).st_size != seg.size:
        dbfile.close()
        raise damaged(checks.generation, name, "does not have the size it was written with")
    compound = CompoundStorage.__new__(CompoundStorage)
    source = mmap.mmap(dbfile.fileno(), 0, access=mmap.ACCESS_READ)
    dbfile.close()
    whole = ViewBufferFile(memoryview(source), name=name, checks=seg, source=source)
    diroffset, _ = _HEADER.unpack(whole.get(0, _HEADER.size))
    if not _HEADER.size <= diroffset < seg.size:
        raise damaged(checks.generation, name, "has a damaged directory")
    whole.verify(diroffset, seg.size)
    whole.seek(diroffset)
    compound._file, compound.is_closed, compound._locks = None, False, {}
    compound._dir = whole.read_pickle()
    compound._options = whole.read_pickle()
    compound._source, compound._checks, compound._name = source, seg, name
    return compound


def _committed_since(checks: GenerationChecks) -> bool:
    """Whether the generation has a commit newer than its checksums: a writer's
    own, read back before it records their checksums (a reader that opens the
    index sees every table of contents in them: verify_small_files)."""
    tocs = sorted(n for n in os.listdir(checks.generation) if n.endswith(".toc"))
    return bool(tocs) and tocs[-1] not in checks.files


def open_file(self, name, *args, **kwargs):
    """CompoundStorage.open_file: a buffer over the mapped segment, verified as
    read when the segment has checksums."""
    from whoosh.filedb.filestore import StorageError

    from .buffers import ViewBufferFile

    if self.is_closed:
        raise StorageError("Storage was closed")
    offset, length = self.range(name)
    if self._source:
        checks = getattr(self, "_checks", None)
        return ViewBufferFile(memoryview(self._source)[offset:offset + length], name=name,
                              checks=checks, base=offset, source=self._source)
    if hasattr(self._file, "subset"):
        return self._file.subset(offset, length, name=name)
    return StructFile(SubFile(self._file, offset, length), name=name)

