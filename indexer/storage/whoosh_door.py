"""The one door to Whoosh's internals.

rsearch uses Whoosh's public API where it has one (fields, columns, queries,
opening, committing). Where it goes further (its codec writes and reads
postings its own way, segment files are read in place and verified against
their checksums as they are read, a column is read whole, the writer files
postings by term), it relies on names Whoosh keeps
private or classes it does not document: every one of them is used here, and
only here, and listed in PRIVATE_NAMES, which tests/test_whoosh_door.py checks
against the installed Whoosh (pyproject.toml pins the versions tested).

Whoosh pickles the codec into every index's table of contents, so opening an
index imports this module (keep it light: nothing of Whoosh's writing side
is imported at the top).
"""

from __future__ import annotations

import io
import mmap
import os
import pickle
import re
import struct
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.codec.whoosh3 import (
    W3Codec,
    W3LeafMatcher,
    W3PerDocReader,
    W3PostingsWriter,
    W3TermInfo,
    W3TermsReader,
)
from whoosh.filedb import compound
from whoosh.filedb.filetables import _lengths, _pointer
from whoosh.filedb.structfile import BufferFile
from whoosh.formats import Existence, Frequency
from whoosh.matching import ListMatcher
from whoosh.reading import ReaderClosed, TermNotFound
from whoosh.system import pack_uint, pack_ushort

from .buffers import BufferReader
from .checksums import GenerationChecks, damaged
from .codec import (
    BLOCK_HEADER,
    MAX_BLOCK,
    PostingsFormatError,
    pack_postings,
    unpack_ids,
    unpack_postings,
)

# Every private name (and undocumented internal) of Whoosh used here: the
# class or module it belongs to, and the names. An attribute that Whoosh sets
# on its objects (not a method) is found in the class's source as `self.NAME =`.
PRIVATE_NAMES = {
    "whoosh.codec.whoosh3.W3TermInfo": ("_inlined",),
    "whoosh.codec.whoosh3.W3PostingsWriter": (
        "_terminfo", "_format", "_blockcount", "_new_block", "_startoffset", "_ids",
        "_write_block", "_weights", "_maxweight", "_blocklimit", "_postfile"),
    "whoosh.codec.whoosh3.W3LeafMatcher": (
        "_read_header", "_baseoffset", "_startoffset", "_length", "_goto", "_postfile", "_data",
        "_ids",
        "_weights", "_values", "_i", "_blocklength", "_maxid", "_maxweight", "_lastblock",
        "_dataoffset", "_nextoffset", "_compression", "_minlength", "_maxlength",
        "_read_data", "_read_ids", "_read_weights", "_read_values", "_next_block"),
    "whoosh.codec.whoosh3.W3PerDocReader": ("_cached_reader", "_readers"),
    "whoosh.codec.whoosh3.W3Codec": ("_blocklimit", "_inlinelimit"),
    "whoosh.codec.whoosh3.W3FieldWriter": ("_postwriter", "_fieldid", "_tindex"),
    "whoosh.filedb.compound": ("BufferFile",),
    "whoosh.filedb.compound.CompoundStorage": (
        "_file", "_dir", "_options", "_source", "_locks", "open_file"),
    "whoosh.codec.base.Segment": ("open_compound_file", "COMPOUND_EXT"),
    "whoosh.filedb.structfile.BufferFile": ("_buf", "_name"),
    "whoosh.reading.SegmentReader": ("_terms",),
    "whoosh.columns.NumericColumn.Reader": (
        "_typecode", "_dbfile", "_basepos", "_count", "_fixedlen", "_default", "_doccount"),
    "whoosh.columns.FixedBytesColumn.Reader": ("_dbfile", "_basepos", "_count", "_fixedlen"),
    "whoosh.writing.SegmentWriter": (
        "_check_state", "_added", "_finalize_segment", "_finish", "_flush_segment",
        "_commit_toc"),
    "whoosh.index.FileIndex": ("_segments", "_read_toc", "_schema"),
    "whoosh.index": ("clean_files",),
    "whoosh.filedb.filetables": ("_INT_SIZE", "_dir_entry", "_directory_size", "_hash_functions",
                                 "_lengths", "_pointer"),
    "whoosh.codec.whoosh3.W3TermsReader": ("_tindex", "_keycoder", "_postfile"),
    "whoosh.filedb.filetables.HashReader": (
        "dbfile", "startoffset", "is_closed", "hashtype", "hashfn", "startofdata",
        "_read_extras", "tables", "endofdata"),
    "whoosh.filedb.filetables.OrderedHashReader": (
        "closest_key_pos", "extras", "indexbase", "indexlen", "indexsize", "_get_pos"),
}


# -- Segment files read in place (buffers.BufferReader does the reading),
# verified against the generation's checksums (checksums.py) as they are read --

# Enough for a posting block's header, the pickle read most often; a longer
# pickle is tried at 16 times as many bytes, and so on (4 KB holds a term
# table's extras, some 300-450 bytes, read as a segment is opened). Tried at
# the rest of the buffer straight after the first size, the extras of each
# segment's term table verified all that follows them, its ordered index of
# every term, which a search never reads: 5.6 MB of 39 segments at 100,000
# reports.
PICKLE_CHUNK = 256
PICKLE_GROWTH = 16


class MappedSegment(mmap.mmap):
    """A segment file mapped, with the file kept open beside it: what is copied
    out (ViewBufferFile.get, a chunk verified) is read from the file, not through
    the mapping. A read through the mapping maps some 64 KB around it into the
    process (the kernel's fault-around), so a search that looks a value up for
    each of thousands of candidates held hundreds of MB of the index's pages;
    read from the file, it holds what it copied."""

    file: io.FileIO | None = None

    def read_at(self, start: int, size: int) -> bytes:
        """Bytes of the file, copied, without mapping them."""
        return os.pread(self.file.fileno(), size, start)

    def close(self) -> None:
        super().close()
        if self.file is not None:
            self.file.close()


def mapped_segment(fileno: int) -> MappedSegment:
    source = MappedSegment(fileno, 0, access=mmap.ACCESS_READ)
    source.file = io.FileIO(os.dup(fileno), "rb", closefd=True)
    return source


class ViewBufferFile(BufferFile):
    """A BufferFile that reads its buffer in place; with `checks` (the
    segment file's checksums.SegmentChecks, the buffer starting at `base` in
    it), every byte is verified before it is first read."""

    def __init__(self, buf, name=None, onclose=None, checks=None, base=0, source=None):
        self._buf = buf
        self._name = name
        self.checks, self._base, self._source = checks, base, source
        # get() reads from a MappedSegment's file (the file itself: closed
        # with the segment) the bytes up to the buffer's end (its length).
        self._file = source.file if isinstance(source, MappedSegment) else None
        self._buffer_length = len(buf)
        self.file = BufferReader(buf, self.verify if checks is not None else None)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    def verify(self, start: int, end: int) -> None:
        checks = self.checks
        if checks is not None:
            end = min(end, len(self._buf))
            if end > start:
                first, last, bits = self._base + start, self._base + end - 1, checks.bits
                chunk = first >> bits
                # Most reads fall in one chunk verified before: no call further.
                if chunk != last >> bits or not checks.verified[chunk]:
                    checks.verify(self._source, first, last + 1)

    def subset(self, position, length, name=None):
        return ViewBufferFile(memoryview(self._buf)[position:position + length],
                              name=name or self._name, checks=self.checks,
                              base=self._base + position, source=self._source)

    def get(self, position, length):
        # (The path of most reads of a search, some 5,000-17,000 a search at
        # 100,000 reports: kept to a few steps.)
        checks, file = self.checks, self._file
        if file is not None and position >= 0:
            first, size = self._base + position, self._buffer_length - position
            if length < size:
                size = length
            if size <= 0:
                return b""
            if checks is not None:
                bits = checks.bits
                chunk = first >> bits
                if chunk != (first + size - 1) >> bits or not checks.verified[chunk]:
                    # The chunks not verified yet are read once, with the bytes asked.
                    return checks.read(self._source, first, first + size)
            return os.pread(file.fileno(), size, first)
        if checks is not None:
            first, bits = self._base + position, checks.bits
            chunk = first >> bits
            if length <= 0 or chunk != (first + length - 1) >> bits \
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
        start, size = self.file.tell(), PICKLE_CHUNK
        rest = len(self._buf) - start
        while True:
            size = min(size, rest)
            self.verify(start, start + size)
            chunk = io.BytesIO(self._buf[start:start + size])
            try:
                value = pickle.load(chunk)
            except (EOFError, pickle.UnpicklingError):
                if size == rest:
                    raise EOFError("truncated pickle in a segment file") from None
                size *= PICKLE_GROWTH  # longer than the chunk
                continue
            self.file.seek(start + chunk.tell())
            return value


# Whoosh's compound segment files opened with their checksums: the segment's
# header and directory verified before Whoosh reads them, and every file inside
# it handed out as a ViewBufferFile verified chunk by chunk as it is read. A
# generation's checksums are registered when the index is opened
# (generations.open_whoosh); segments of a folder not registered open as Whoosh
# opens them (an index being built).

_registered: dict[str, GenerationChecks] = {}
# A compound file starts with its directory's offset and length (Whoosh's !q, !i).
_HEADER = struct.Struct("!qi")


def register_checks(generation: Path, checks: GenerationChecks) -> None:
    _registered[os.path.abspath(generation)] = checks


def _open_compound_file(segment, storage):
    from whoosh.filedb.compound import CompoundStorage

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
    source = mapped_segment(dbfile.fileno())
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
    newest = newest_toc(checks.generation)  # by number: _MAIN_10 is newer than _MAIN_9
    return newest is not None and newest not in checks.files


def _open_file(self, name, *args, **kwargs):
    """CompoundStorage.open_file: a buffer over the mapped segment, verified as
    read when the segment has checksums."""
    from whoosh.filedb.compound import SubFile
    from whoosh.filedb.filestore import StorageError
    from whoosh.filedb.structfile import StructFile

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


def _hash_reader_init(self, dbfile, length=None, magic=b"HSH3", startoffset=0):
    """HashReader.__init__ (a segment's term dictionary, opened with the segment),
    reading its directory of 256 hash tables in one read, not one read each:
    an index of 40 segments made 10,000 reads to open."""
    from whoosh.filedb.filetables import (
        _INT_SIZE,
        FileFormatError,
        _dir_entry,
        _directory_size,
        _hash_functions,
    )

    self.dbfile, self.startoffset, self.is_closed = dbfile, startoffset, False
    if length is None:
        dbfile.seek(0, os.SEEK_END)
        length = dbfile.tell() - startoffset
    dbfile.seek(startoffset)
    filemagic = dbfile.read(4)
    if filemagic != magic:
        raise FileFormatError(f"Unknown file header {filemagic!r}")
    self.hashtype = dbfile.read_byte()
    self.hashfn = _hash_functions[self.hashtype]
    dbfile.read_int()  # two ints kept for later use
    dbfile.read_int()
    self.startofdata = dbfile.tell()
    exptr = startoffset + length - _INT_SIZE
    expos = exptr - dbfile.get_int(exptr)
    dbfile.seek(expos)
    self._read_extras()
    dbfile.seek(expos - _directory_size)
    directory = dbfile.read(_directory_size)
    if len(directory) != _directory_size:
        raise FileFormatError("hash table directory cut short")
    self.tables = list(_dir_entry.iter_unpack(directory))
    self.endofdata = self.tables[0][0]


def install_buffers() -> None:
    """Make compound segment files open in place, verified against their
    checksums where a reader registered them, their term dictionaries'
    directories read at once (idempotent)."""
    from whoosh.codec.base import Segment
    from whoosh.filedb.filetables import HashReader

    compound.BufferFile = ViewBufferFile
    compound.CompoundStorage.open_file = _open_file
    Segment.open_compound_file = _open_compound_file
    HashReader.__init__ = _hash_reader_init
    W3TermsReader.term_info = _term_info
    W3TermsReader.doc_frequency = _doc_frequency
    W3TermsReader.__contains__ = _holds_term


# -- Term lookups: each (segment, term) once per opened segment, in two reads --

# The term infos searches looked up, kept by each segment's term table for
# the searches after (what the table says cannot change while it is open): a
# search asks how many documents hold a term, then reads its postings, and a
# name's spellings share index terms; each ask visits every segment (39 at
# 100,000 reports, some 14 us each), and a warm process asks for the grams of
# common words again. At most KEPT_LOOKUPS a table, forgotten all at once
# past that (some 300 bytes each). Outside a search nothing is kept.
KEPT_LOOKUPS = 1024
_searching = False
_ABSENT = object()
# Bytes read at a term's entry beyond its key: its lengths, key and a term
# info (23 bytes; more with postings kept inline) in one read, not three.
_ENTRY_READ = 64


@contextmanager
def lookups_remembered() -> Iterator[None]:
    """Term lookups kept by the segments' term tables while this lasts (a
    search), for it and the searches after it."""
    global _searching
    outer = _searching
    _searching = True
    try:
        yield
    finally:
        _searching = outer


def _term_info(self, fieldname, tbytes):
    """W3TermsReader.term_info, kept by the table when a search looks it up."""
    if not _searching:
        info = _looked_up(self, fieldname, tbytes)
    else:
        kept = self.__dict__.get("_kept_lookups")
        if kept is None:
            kept = self._kept_lookups = {}
        key = (fieldname, tbytes)
        info = kept.get(key, _ABSENT)
        if info is _ABSENT:
            if len(kept) >= KEPT_LOOKUPS:
                kept.clear()
            info = kept[key] = _looked_up(self, fieldname, tbytes)
    if info is None:
        raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
    return info


def _looked_up(terms, fieldname, tbytes) -> W3TermInfo | None:
    value = _hash_value(terms._tindex, terms._keycoder(fieldname, tbytes))
    return None if value is None else W3TermInfo.from_bytes(value)


def _doc_frequency(self, fieldname, tbytes):
    """W3TermsReader.doc_frequency from the (remembered) term info: KeyError when
    the segment lacks the term, as Whoosh's."""
    try:
        return self.term_info(fieldname, tbytes).doc_frequency()
    except TermNotFound:
        raise KeyError(tbytes) from None


def _holds_term(self, term) -> bool:
    """W3TermsReader.__contains__ from the (remembered) term info."""
    try:
        self.term_info(*term)
    except TermNotFound:
        return False
    return True


def _hash_value(table, key: bytes) -> bytes | None:
    """HashReader.get(key), reading a matching entry's lengths, key and value
    in one read instead of three (Whoosh's ranges_for_key, otherwise), and
    the slots the probe walks up to _SLOTS_READ at a time, not one a read."""
    keyhash = _key_hash(table, key)
    tablestart, numslots = table.tables[keyhash & 255]
    if not numslots:
        return None
    dbfile, size, heads = table.dbfile, _pointer.size, _lengths.size
    end = tablestart + numslots * size
    slotpos = tablestart + ((keyhash >> 8) % numslots) * size
    left = numslots
    while left:
        # (Never past the table's end: a probe goes on from its start.)
        count = min(_SLOTS_READ, left, (end - slotpos) // size)
        for slothash, itempos in _pointer.iter_unpack(dbfile.get(slotpos, count * size)):
            if not itempos:
                return None
            if slothash == keyhash:
                entry = dbfile.get(itempos, heads + len(key) + _ENTRY_READ)
                keylen, datalen = _lengths.unpack(entry[:heads])
                start = heads + keylen
                if keylen == len(key) and entry[heads:start] == key:
                    if len(entry) >= start + datalen:
                        return bytes(entry[start:start + datalen])
                    return dbfile.get(itempos + start, datalen)
        left -= count
        slotpos += count * size
        if slotpos == end:
            slotpos = tablestart
    return None


# How many of a term table's slots (Whoosh's _pointer: a key's hash and its
# entry's place, 12 bytes) a probe reads at once: a probe for a term that a
# segment lacks walked 2.5 slots on average, each a read of its own; 8 slots
# are 96 bytes, within one 8 KB checksum chunk but rarely.
_SLOTS_READ = 8

# A key's hash, by the table's hash function: a search looks each term up in
# every segment (39 at 100,000 reports) and every table hashes it alike.
_hashes: dict[tuple[int, bytes], int] = {}
_HASHES_KEPT = 4096


def _key_hash(table, key: bytes) -> int:
    found = _hashes.get((table.hashtype, key))
    if found is None:
        if len(_hashes) >= _HASHES_KEPT:
            _hashes.clear()
        found = _hashes[table.hashtype, key] = table.hashfn(key)
    return found


# -- The codec: packed postings (codec.py) in Whoosh's file layout --


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
        from the first: no matcher state is kept per block (packed_blocks())."""
        return packed_blocks(self._postfile, self._startoffset, self._length)

    def block_ids(self, offset: int) -> Iterable[int]:
        """The current block's document numbers plus `offset` (to fill a set)."""
        if self._data is not None:
            return map(offset.__add__, self._data[0])
        return unpack_ids(self._postfile.get(self._dataoffset,
                                             self._nextoffset - self._dataoffset), offset)


def packed_blocks(postfile, position: int, length) -> Iterator[tuple[int, bytes]]:
    """(last document number, packed postings) of every block of a term's
    postings at `position` (`length` bytes) of a segment's postings file. A
    segment mapped with its file beside (MappedSegment) gives copies read
    from the file, let go once decoded (mapped pages read would stay in the
    process); another mapped file (Whoosh's BufferFile) gives views, not
    copies."""
    mapped = getattr(postfile, "_buf", None)
    if isinstance(getattr(postfile, "_source", None), MappedSegment):
        # Copied from the file, let go once decoded: the term's blocks in
        # one read (two reads a block cost more than their bytes).
        # (Whoosh reads a term info's length back as a 1-tuple.)
        length = length[0] if isinstance(length, tuple) else length
        whole = memoryview(postfile.get(position, length))
        base = position

        def get(start, size):
            return whole[start - base:start - base + size]
    else:
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


# -- Reading what Whoosh keeps private --


def _field_terms(segment, field: str):
    """A segment's term table, None for an empty reader or a field the segment
    lacks; ReaderClosed once the segment is closed."""
    terms = getattr(segment, "_terms", None)
    if terms is None or field not in segment.schema:
        return None
    if segment.is_closed:
        raise ReaderClosed
    return terms


def term_postings(segment, field: str, btext: bytes):
    """A segment's matcher of a term's postings; None when the segment lacks
    the term. One lookup in the segment's term table (asking whether it holds
    the term, then reading it, walks the table's hash chain twice: 30-65 us a
    term a segment at 10,000 reports, read for each of a search's terms)."""
    terms = _field_terms(segment, field)
    if terms is None:
        return None
    try:
        return terms.matcher(field, btext, segment.schema[field].format)
    except TermNotFound:
        return None


def term_blocks(segment, field: str, btext: bytes):
    """A segment's postings of a term without a matcher (whose making reads
    the first block's header, some 15 us a term a segment, paid for each
    segment of each term a search reads whole): None when the segment lacks
    the term, else (packed_blocks() of its postings, None), or (None,
    (document numbers, weights)) for postings kept with the term."""
    terms = _field_terms(segment, field)
    if terms is None:
        return None
    try:
        info = terms.term_info(field, btext)
    except TermNotFound:
        return None
    if info.is_inlined():
        return None, unpack_postings(_inlined_postings(info))
    offset, length = info.extent()
    return packed_blocks(terms._postfile, offset, length), None


def term_items(segment, field: str, start: bytes) -> Iterator[tuple[bytes, list[int]]]:
    """(term, its document numbers in the segment, deleted ones too) of a
    segment's terms of a field from `start` on, in order: the term table's
    entries read a piece at a time (TABLE_PIECE bytes, not a read for each
    entry's key and another for its value), each term's postings read from
    the entry the walk gives (not looked up again by term; postings kept
    with the term unpacked without a matcher)."""
    for btext, info in term_infos(segment, field, start):
        yield btext, info_ids(segment, field, btext, info)


def term_infos(segment, field: str, start: bytes) -> Iterator[tuple[bytes, object]]:
    """(term, its term info: doc_frequency() and where its postings are) of a
    segment's terms of a field from `start` on, in order, read as
    term_items() reads them, no postings read (info_ids() reads a term's)."""
    terms = _field_terms(segment, field)
    if terms is None:
        return
    yield from _table_entries(terms, field, start, TABLE_PIECE)


def info_ids(segment, field: str, btext: bytes, info) -> list[int]:
    """The document numbers (deleted ones too) of a term from its term info
    (term_infos()): postings kept with the term unpacked without a matcher."""
    if info.is_inlined():
        return list(unpack_postings(_inlined_postings(info))[0])
    matcher = info_matcher(segment, field, btext, info)
    ids: list[int] = []
    while matcher.is_active():
        ids.extend(matcher.block()[0])
        next_block(matcher)
    return ids


def info_matcher(segment, field: str, btext: bytes, info) -> LeafMatcher | None:
    """A block matcher of a term's postings from its term info (term_infos()),
    not looked up again by term; None for postings kept with the term
    (info_ids() unpacks them)."""
    if info.is_inlined():
        return None
    offset, length = info.extent()
    return LeafMatcher(segment._terms._postfile, offset, length,
                       segment.schema[field].format, term=(field, btext))


# Bytes of a term table read at once by a merge walking it.
TABLE_READ = 1 << 20
# ... and by a search walking a span of it (a span of dates: some thousands
# of entries of a few dozen bytes in each segment, read to a stop).
TABLE_PIECE = 1 << 14


def term_stream(segment, field: str) -> Iterator[tuple[bytes, list[tuple]]]:
    """(term, its postings as (document numbers, weights) pieces) of every
    term of a segment's field, in order, deleted documents included: the
    term table's entries (written in key order, one after another) read a
    megabyte at a time, and each term's blocks decoded as the walk reaches
    it, so a merge holds one term's postings at a time."""
    terms = _field_terms(segment, field)
    if terms is None:
        return
    format_, postfile = segment.schema[field].format, terms._postfile
    for btext, info in _table_entries(terms, field, b"", TABLE_READ):
        if info.is_inlined():
            yield btext, [unpack_postings(_inlined_postings(info))]
            continue
        offset, length = info.extent()
        matcher = LeafMatcher(postfile, offset, length, format_, term=(field, btext))
        yield btext, [unpack_postings(bytes(data)) for _, data in matcher.packed_blocks()]


def _table_entries(terms, field: str, start: bytes, read: int) -> Iterator[tuple[bytes, object]]:
    """(term, its term info) of a term table's terms of a field from `start`
    on, in key order: the entries (written one after another) read `read`
    bytes at a time (more for an entry longer than that)."""
    from whoosh.filedb.filetables import _lengths

    try:
        prefix = terms._keycoder(field, b"")
    except KeyError:  # the segment has no term of the field
        return
    table = terms._tindex
    position, end = table.closest_key_pos(prefix + start), table.endofdata
    if position is None:
        return
    heads, width = _lengths.size, len(prefix)
    buf, base = b"", position
    while position < end:
        if position + heads > base + len(buf):
            buf, base = table.dbfile.get(position, min(read, end - position)), position
        keylen, datalen = _lengths.unpack_from(buf, position - base)
        size = heads + keylen + datalen
        if position + size > base + len(buf):
            buf, base = table.dbfile.get(position, min(max(read, size), end - position)), position
        at = position - base + heads
        key = buf[at:at + keylen]
        if key[:width] != prefix:
            return
        info = W3TermInfo.from_bytes(buf[at + keylen:at + keylen + datalen])
        position += size
        yield bytes(key[width:]), info


# The typecodes of an ordered term table's array of entry positions (written
# big-endian), as numpy's.
POSITION_TYPES = {"B": "u1", "H": ">u2", "i": ">i4", "I": ">u4", "q": ">i8"}


def term_infos_holding(segment, field: str, part: bytes) -> list[tuple[bytes, object]]:
    """(term, its term info) of a segment's terms of a field whose bytes hold
    `part`, in order, no postings read: the field's stretch of the term table
    read at once and searched for `part` (bytes.find, in C), and only the
    entries a match falls in parsed, found among the table's positions of its
    entries (binary search). Walking every entry (term_infos) costs some 4
    us each: 74,000 heading keys at 100,000 reports took 0.3-0.4 s."""
    import numpy as np
    from whoosh.filedb.filetables import _lengths

    terms = _field_terms(segment, field) if part else None
    if terms is None:
        return []
    try:
        prefix = terms._keycoder(field, b"")
    except KeyError:  # the segment has no term of the field
        return []
    table = terms._tindex
    first, stop = _entry_index(table, prefix), _entry_index(table, _next_prefix(prefix))
    if first >= stop:
        return []
    dtype = np.dtype(POSITION_TYPES[table.extras["indextype"]])
    size = table.indexsize
    wanted = stop - first + (1 if stop < table.indexlen else 0)
    positions = np.frombuffer(table.dbfile.get(table.indexbase + first * size, wanted * size),
                              dtype).astype(np.int64)
    start = int(positions[0])
    end = int(positions[-1]) if stop < table.indexlen else table.endofdata
    data = table.dbfile.get(start, end - start)
    heads, width, found, at = _lengths.size, len(prefix), [], data.find(part)
    while at >= 0:
        # The entry the match falls in, and whether it falls in its key.
        i = int(np.searchsorted(positions, start + at, side="right")) - 1
        entry = int(positions[i]) - start
        keylen, datalen = _lengths.unpack_from(data, entry)
        key_start, key_end = entry + heads + width, entry + heads + keylen
        if at >= key_start and at + len(part) <= key_end:
            found.append((bytes(data[key_start:key_end]),
                          W3TermInfo.from_bytes(data[key_end:key_end + datalen])))
            at = data.find(part, key_end + datalen)
        else:
            at = data.find(part, at + 1)
    return found


def _entry_index(table, key: bytes) -> int:
    """The index, among an ordered table's entries, of the first whose key is
    `key` or after it (OrderedHashReader.closest_key_pos's search, giving the
    index rather than the position)."""
    lo, hi = 0, table.indexlen
    base, size, get_pos, key_at = table.indexbase, table.indexsize, table._get_pos, table.key_at
    while lo < hi:
        mid = (lo + hi) // 2
        if key_at(get_pos(base + mid * size)) < key:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _next_prefix(prefix: bytes) -> bytes:
    """The least key past every key that begins with `prefix` (a field's
    number, two bytes): the prefix plus one."""
    number = int.from_bytes(prefix, "big") + 1
    return number.to_bytes(len(prefix) + (1 if number >> (8 * len(prefix)) else 0), "big")


def next_block(matcher: LeafMatcher) -> None:
    """Move a block matcher to its next block."""
    matcher._next_block()


def numeric_column(part) -> tuple[str, bytes, int, int] | None:
    """(typecode, the big-endian values Whoosh wrote, the default, the
    documents past the last value) of a segment's numeric column reader;
    None for a reader of another kind."""
    from whoosh.columns import NumericColumn

    if not isinstance(part, NumericColumn.Reader):
        return None
    data = part._dbfile.get(part._basepos, part._count * part._fixedlen)
    return part._typecode, data, part._default, part._doccount - part._count


def numeric_values_reader(part):
    """(typecode, how many values were written, the value of documents past
    them, a function that reads the big-endian values of documents `first`
    to `first + count - 1`) of a segment's numeric column reader; None for a
    reader of another kind."""
    from whoosh.columns import NumericColumn

    if not isinstance(part, NumericColumn.Reader):
        return None
    dbfile, base, width = part._dbfile, part._basepos, part._fixedlen

    def read(first: int, count: int) -> bytes:
        return dbfile.get(base + first * width, count * width)

    return part._typecode, part._count, part._default, read


def fixed_bytes_reader(part):
    """(width, how many values were written, read(start, size): bytes of the
    values from byte `start`) of a segment's fixed-width bytes column reader,
    to read a window of its values at a time; None for a reader of another kind."""
    from whoosh.columns import FixedBytesColumn

    if not isinstance(part, FixedBytesColumn.Reader):
        return None
    dbfile, base = part._dbfile, part._basepos
    return part._fixedlen, part._count, lambda start, size: dbfile.get(base + start, size)


def fixed_bytes_column(part) -> tuple[int, int, bytes] | None:
    """(width, how many values were written, those values side by side) of a
    segment's fixed-width bytes column reader; None for a reader of another kind."""
    from whoosh.columns import FixedBytesColumn

    if not isinstance(part, FixedBytesColumn.Reader):
        return None
    return part._fixedlen, part._count, bytes(part._dbfile.get(part._basepos,
                                                               part._count * part._fixedlen))


def index_segments(ix) -> list:
    """The segments an index's latest commit lists."""
    return ix._segments()


def segment_reader(storage, schema, segment):
    from whoosh.reading import SegmentReader

    return SegmentReader(storage, schema, segment)


# -- The writer's steps, which Whoosh's SegmentWriter keeps private --


def writer_hooks(cls):
    """Class decorator: Whoosh's SegmentWriter calls `_flush_segment` to write
    what it holds; the class's `flush_segment` is called instead. Its commit
    writes the new table of contents and leaves the files of the one before
    (see `remove_uncommitted`)."""
    cls._flush_segment = cls.flush_segment
    cls._commit_toc = _write_toc_only
    return cls


def _write_toc_only(writer, segments) -> None:
    """Whoosh's commit step, without removing the files the new table of
    contents no longer lists: the commit is not the index's until the
    generation's checksums name it (index_files.seal_generation), and until
    then a reader opens the table they name, whose files must still be there."""
    from whoosh.index import TOC

    TOC(writer.schema, segments, writer.generation).write(writer.storage, writer.indexname)


# -- Tables of contents: the one a generation's checksums name is the index --

TOC_NAME = re.compile(r"_MAIN_([0-9]+)\.toc")
INDEX_NAME = "MAIN"


def toc_generation(name: str) -> int | None:
    """The commit number of a table of contents' file name; None for another file."""
    found = TOC_NAME.fullmatch(name)
    return int(found.group(1)) if found else None


def newest_toc(folder: Path) -> str | None:
    return newest_toc_of(os.listdir(folder))


def newest_toc_of(names: Iterable[str]) -> str | None:
    """The newest table of contents among file names, by number (_MAIN_10 is
    newer than _MAIN_9); None when there is none."""
    return max((n for n in names if toc_generation(n) is not None), key=toc_generation,
               default=None)


def toc_files(folder: Path, toc: str) -> list[str]:
    """The files a table of contents makes the index: itself and its segments'."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    info = TOC.read(FileStorage(str(folder)), INDEX_NAME, gen=toc_generation(toc))
    return [toc, *(segment.segment_id() + ".seg" for segment in info.segments)]


def remove_uncommitted(folder: Path, toc: str) -> None:
    """Remove the tables of contents other than `toc` and the segment files it
    does not list: a commit's leftovers once its checksums are written, or
    one cut short before them."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC, clean_files

    storage = FileStorage(str(folder))
    generation = toc_generation(toc)
    segments = TOC.read(storage, INDEX_NAME, gen=generation).segments
    clean_files(storage, INDEX_NAME, generation, segments)


def open_at(folder: Path, toc: str | None):
    """The Whoosh index of a folder as the table of contents `toc` has it (a
    newer one, of a commit cut short before its checksums, is not the index);
    None opens the newest."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC, FileIndex

    if toc is None:
        return FileIndex(FileStorage(str(folder)), indexname=INDEX_NAME)

    class PinnedIndex(FileIndex):
        pinned = True

        def __init__(self, storage, generation: int) -> None:
            self.storage, self._schema, self.indexname = storage, None, INDEX_NAME
            self._generation = generation
            self._read_toc()  # as Whoosh's own: fail now if it cannot be read

        def latest_generation(self) -> int:
            return self._generation

        def _read_toc(self):
            return TOC.read(self.storage, self.indexname, gen=self._generation,
                            schema=self._schema)

    return PinnedIndex(FileStorage(str(folder)), toc_generation(toc))


def follow_commit(ix, generation: int) -> None:
    """After a writer committed `generation` through a pinned index, the index
    is that commit: a later writer on it builds on this one, not on the commit
    it was opened at (which would write the same table of contents again,
    losing this one)."""
    if getattr(ix, "pinned", False):
        ix._generation = generation


def check_open(writer) -> None:
    writer._check_state()


def mark_added(writer) -> None:
    """Tell Whoosh a document was added (so that a commit writes a segment)."""
    writer._added = True


def write_segment(writer):
    """Write the writer's segment and close its files; the segment returned is
    part of the index once a commit lists it."""
    segment = writer._finalize_segment()
    writer._finish()
    return segment


def field_postings_writer(fieldwriter) -> _PostingsWriter:
    """The postings writer of the field a field writer has started."""
    return fieldwriter._postwriter


def field_key(fieldwriter) -> bytes:
    """The prefix of the started field's keys in the term table."""
    return pack_ushort(fieldwriter._fieldid)


def term_table(fieldwriter):
    """The term table a field writer writes (add(key, terminfo bytes))."""
    return fieldwriter._tindex
