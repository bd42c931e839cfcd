"""Checksums of the files of an index generation, recorded when it is
committed and verified when they are read (as Lucene's file footers and
RocksDB's block checksums are).

A generation's `checksums` file lists every file the generation holds, with
its size and CRC32: small files (the table of contents, the build record,
roots.json) are verified whole when the index is opened; a segment file by
chunks of CHUNK bytes, each verified the first time a read touches it, so a
search verifies the few chunks it reads, not the whole index. The file
starts with a line holding the CRC32 of the rest, so its own damage is seen;
then a line of JSON listing the files (a segment's entry says where its
chunks' CRCs start), then the segments' chunk CRCs, 4 bytes each (version 1
had them in the JSON as base64: with 4 KB chunks, 8 ms of every search at
100,000 reports parsed and decoded them). Any mismatch raises CorruptIndex
naming the file.

The checksums file is also the commit point of an update. It lists one
table of contents (Whoosh's `_MAIN_<n>.toc`) and the segment files that
table lists; a reader opens that table, not a newer one, so a commit cut
short before its checksums were written (a newer table, new segments) is not
the index, and the files of the one before are still there (a commit removes
them only after its checksums). A small file a commit changes (roots.json,
the build record) is first written beside the old one as `<name>.next`, and
moved in place after the checksums: until then the old one matches the old
checksums and the new one the new checksums, so a reader takes whichever of
the two matches.
"""

from __future__ import annotations

import base64
import contextlib
import json
import mmap
import os
from array import array
from collections.abc import Sequence
from pathlib import Path

from ..errors import CorruptIndex

try:
    # libdeflate's CRC-32: the same checksum as zlib's, some 4-8x faster (SIMD).
    # A cold search verifies every chunk it reads: thousands of them at
    # 100,000 reports, where zlib's took 0.1-0.25 s of each search (32 KB chunks).
    from deflate import crc32
except ImportError:  # no wheel for this platform: zlib's, slower, the same values
    from zlib import crc32

CHECKSUMS_FILE = "checksums"
# 2: chunks of 8 KB, their CRCs after the listing (1 had 32 KB, in the listing).
CHECKSUMS_VERSION = 2
MAGIC = "rsearch-checksums"
# A segment file's chunk: most of what a search reads of a segment is a few
# bytes here and there (a term's entry in a term table, a posting block's
# header, a candidate's place), and each verifies the whole chunk it falls in.
# At 32 KB a cold search at 100,000 reports read and verified some 120 MB
# for 3,700 such reads, 20-100 ms of CPU (most of it the kernel's copying).
# The checksums file lists 4 bytes a chunk, read whole when a search opens
# the index and kept: at 8 KB, 0.7 MB for an index of 1.4 GB. Chunks of 4 KB
# read half as much again but held 1.4 MB, 2 MB more of a search's peak, with
# no gain in CPU to show for it (bench.py's 20 queries at 100,000 reports, cold
# CPU p50 0.375 s with 4 KB chunks against 0.370 s with 8 KB, alternated).
CHUNK = 1 << 13
# The chunk of each version: an older index's checksums are still read (its
# build record verified), so that it is refused for its version, with a rebuild
# asked, not taken for a damaged one.
VERSION_CHUNKS = {1: 1 << 15, CHECKSUMS_VERSION: CHUNK}
SEGMENT_SUFFIX = ".seg"
# A small file's next version, written before the checksums that list it.
PENDING = ".next"
# Small files verified when read, not when the index is opened: the list of
# the reports' files and its changes (sources.py, source_changes.py), which
# only an update reads.
READ_WHEN_USED = ("sources", "sources-changes")


def damaged(generation: Path, name: str, what: str) -> CorruptIndex:
    return CorruptIndex(f"the index in {generation.parent} is damaged: {name} {what}")


def file_crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            crc = crc32(block, crc)
    return crc


def chunk_crcs(path: Path, chunk: int = CHUNK) -> array:
    """The CRC32 of each `chunk` bytes of a file."""
    crcs = array("I")
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size:
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                view = memoryview(mapped)
                crcs.extend(crc32(view[start:start + chunk])
                            for start in range(0, size, chunk))
                view.release()
    return crcs


def write_checksums(generation: Path, names: list[str], pending: dict[str, bytes],
                    kept: tuple[str, ...] = ()) -> None:
    """Record the checksums of the files `names` of a generation, the small
    files of `pending` as that content (written as `<name>.next`); a segment
    file already listed with the same size keeps its entry: segments never
    change; so does each small file of `kept` listed before. Atomic: the one
    step that commits an update."""
    try:
        manifest = read_manifest(generation)
        before = manifest["files"] if manifest["chunk"] == CHUNK else {}
    except CorruptIndex:
        manifest, before = None, {}
    files = {name: before[name] for name in kept if name in before and name not in pending}
    table = bytearray()  # the segments' chunk checksums, after the listing
    for name in sorted(set(names) | pending.keys()):
        if name in pending:
            files[name] = {"size": len(pending[name]), "crc": crc32(pending[name])}
            continue
        path = generation / name
        size = path.stat().st_size
        if name.endswith(SEGMENT_SUFFIX):
            old = before.get(name)
            crcs = (segment_crcs(manifest, name) if old and old["size"] == size
                    and "at" in old else chunk_crcs(path).tobytes())
            files[name] = {"size": size, "at": len(table)}
            table += crcs
        else:
            files[name] = {"size": size, "crc": file_crc(path)}
    body = json.dumps({"version": CHECKSUMS_VERSION, "chunk": CHUNK, "files": files},
                      separators=(",", ":")).encode("ascii") + b"\n" + table
    tmp = generation / f"{CHECKSUMS_FILE}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(f"{MAGIC} {crc32(body):08x}\n".encode("ascii"))
        f.write(body)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, generation / CHECKSUMS_FILE)


def read_file(generation: Path, name: str) -> bytes:
    """A file of a generation; CorruptIndex naming it if it is missing or
    cannot be read."""
    try:
        return (generation / name).read_bytes()
    except FileNotFoundError:
        raise damaged(generation, name, "is missing") from None
    except OSError as e:
        raise damaged(generation, name, f"cannot be read ({e.strerror})") from None


def read_manifest(generation: Path) -> dict:
    """The checksums file of a generation, checked; CorruptIndex if it is
    missing or damaged."""
    data = read_file(generation, CHECKSUMS_FILE)
    # Views of the file, not copies of its parts (0.7 MB at 100,000 reports).
    head_end = data.find(b"\n") + 1 or len(data)
    parts = data[:head_end].rstrip(b"\n").split(b" ")
    if (len(parts) != 2 or parts[0] != MAGIC.encode()
            or parts[1] != b"%08x" % crc32(memoryview(data)[head_end:])):
        raise damaged(generation, CHECKSUMS_FILE, "does not match its checksum")
    # Version 1 has no table: its listing holds the chunks' CRCs.
    listing_end = data.find(b"\n", head_end)
    listing_end = len(data) if listing_end < 0 else listing_end
    listing, table = data[head_end:listing_end], memoryview(data)[listing_end + 1:]
    try:
        manifest = json.loads(listing)
        files = manifest["files"]
        if (manifest["chunk"] != VERSION_CHUNKS.get(manifest["version"])
                or not isinstance(files, dict)):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise damaged(generation, CHECKSUMS_FILE, "is not a checksums file") from None
    manifest["table"] = table
    return manifest


def segment_crcs(manifest: dict, name: str) -> bytes:
    """A segment file's chunk checksums as the manifest lists them (4 bytes a
    chunk, in this machine's order); ValueError if they are not there."""
    entry = manifest["files"][name]
    count = -(-entry["size"] // manifest["chunk"])
    if "chunks" in entry:  # version 1
        crcs = base64.b64decode(entry["chunks"], validate=True)
    else:
        at = entry["at"]
        if not isinstance(at, int) or at < 0:
            raise ValueError
        crcs = manifest["table"][at:at + 4 * count]
    if len(crcs) != 4 * count:
        raise ValueError
    return crcs


class SegmentChecks:
    """A segment file's chunk checksums, and which chunks were verified."""

    def __init__(self, generation: Path, name: str, size: int, crcs: Sequence[int],
                 chunk: int = CHUNK):
        self.generation, self.name, self.size, self.crcs = generation, name, size, crcs
        self.chunk, self.bits = chunk, chunk.bit_length() - 1
        # One more than the chunks: a read past the end finds it unverified.
        self.verified = bytearray(len(crcs) + 1)

    def verify(self, source, start: int, end: int) -> None:
        """Verify the chunks of `source` (the mapped file) that bytes start..end touch."""
        self._checked(source, start, end, None)

    def read(self, source, start: int, end: int) -> bytes:
        """Bytes start..end of `source` (a MappedSegment), verified: the chunks
        they touch not yet verified are read once, with the bytes asked."""
        return self._checked(source, start, end, True)

    def _checked(self, source, start: int, end: int, wanted) -> bytes | None:
        if end > self.size or start < 0:
            raise damaged(self.generation, self.name, "is read past its end")
        verified, width = self.verified, self.chunk
        first, last = start // width, (max(end, start + 1) - 1) // width
        if first == last and not verified[first]:
            # Most reads: a few bytes in one chunk not verified yet (a term's
            # slot or entry, a posting header), read with their chunk, the
            # chunk checked; as below, in fewer steps.
            low = first * width
            data = _span(source, low, min(self.size, low + width))
            if crc32(data) != self.crcs[first]:
                raise damaged(self.generation, self.name, "does not match its checksum "
                              f"(bytes {low}-{min(self.size, low + width)})")
            verified[first] = 1
            return data[start - low:end - low] if wanted else None
        chunk = verified.find(0, first, last + 1)
        if chunk < 0:
            return source.read_at(start, end - start) if wanted else None
        if wanted:
            low, high = chunk * width, min(self.size, (last + 1) * width)
            if end - start <= 2 * width:  # a few bytes: read with their chunks, cut out
                base = min(start, low)
                data = _span(source, base, max(end, high))
                self._verify_chunks(((base, data),), chunk, last)
                return data[start - base:end - base]
            # Many bytes (a term's postings, a run of values): read as asked, not
            # cut from a larger read (a copy as large), the parts of the chunks
            # at either end read beside them.
            data = _span(source, start, end)
            pieces = ((low, _span(source, low, start) if low < start else b""),
                      (start, data), (end, _span(source, end, high) if end < high else b""))
            self._verify_chunks(pieces, chunk, last)
            return data
        while chunk >= 0:  # each run of chunks not verified in one read
            stop = verified.find(1, chunk, last + 1)
            stop = last + 1 if stop < 0 else stop
            self._verify_chunks(((chunk * width, _span(source, chunk * width,
                                                       min(self.size, stop * width))),),
                                chunk, stop - 1)
            chunk = verified.find(0, stop, last + 1)
        return None

    def _verify_chunks(self, pieces, first: int, last: int) -> None:
        """Verify the chunks first..last not yet verified, from `pieces`
        ((offset in the file, bytes) in order, together covering them)."""
        verified, crcs, width = self.verified, self.crcs, self.chunk
        views = [(base, memoryview(data)) for base, data in pieces]
        for chunk in range(first, last + 1):
            if verified[chunk]:
                continue
            low, high, crc = chunk * width, min(self.size, (chunk + 1) * width), 0
            for base, view in views:
                if base < high and low < base + len(view):
                    crc = crc32(view[max(low, base) - base:min(high, base + len(view)) - base],
                                crc)
            if crc != crcs[chunk]:
                raise damaged(self.generation, self.name,
                              f"does not match its checksum (bytes {low}-{high})")
            verified[chunk] = 1


def _span(source, start: int, end: int) -> bytes:
    """Bytes start..end of a segment file: read from the file where the source
    keeps it open (whoosh_door.MappedSegment: not mapped into the process),
    else from the map."""
    if getattr(source, "file", None) is not None:
        return source.read_at(start, end - start)
    with memoryview(source) as view:
        return bytes(view[start:end])


class GenerationChecks:
    """A generation's checksums as a reader uses them."""

    def __init__(self, generation: Path):
        self.generation = generation
        self.manifest = read_manifest(generation)
        self.files, self.chunk = self.manifest["files"], self.manifest["chunk"]
        self._segments: dict[str, SegmentChecks] = {}

    def verify_small_files(self) -> None:
        """Every file listed is there with its size; the whole ones match."""
        generation = self.generation
        for name, entry in self.files.items():
            if name in READ_WHEN_USED:
                continue  # verified when read (and may be its next version meanwhile)
            if "crc" in entry:
                self.small_file(name)
                continue
            try:
                size = os.stat(generation / name).st_size
            except FileNotFoundError:
                raise damaged(generation, name, "is missing") from None
            if size != entry.get("size"):
                raise damaged(generation, name, f"has {size:,} bytes, not {entry.get('size'):,}")

    def matches(self, name: str, data: bytes) -> bool:
        entry = self.files.get(name)
        return (entry is not None and len(data) == entry.get("size")
                and crc32(data) == entry.get("crc"))

    def small_file(self, name: str) -> bytes:
        """A small file's content as the checksums have it: the file, or its next
        version while a commit moves it in place."""
        data = read_file(self.generation, name)
        if self.matches(name, data):
            return data
        with contextlib.suppress(CorruptIndex):
            pending = read_file(self.generation, name + PENDING)
            if self.matches(name, pending):
                return pending
        if name not in self.files:
            raise damaged(self.generation, name, "is not in the checksums")
        raise damaged(self.generation, name, "does not match its checksum")

    def segment(self, name: str) -> SegmentChecks:
        if name not in self._segments:
            entry = self.files.get(name)
            if entry is None or "crc" in entry:
                raise damaged(self.generation, name, "is not in the checksums")
            try:  # the words read in place in the checksums file, not copied
                crcs = memoryview(segment_crcs(self.manifest, name)).cast("I")
            except (ValueError, KeyError, TypeError):
                raise damaged(self.generation, CHECKSUMS_FILE, "is not a checksums file") from None
            self._segments[name] = SegmentChecks(self.generation, name, entry["size"], crcs,
                                                 self.chunk)
        return self._segments[name]


def verify_generation(generation: Path) -> list[str]:
    """Verify every byte of every file of a generation; the damage found, one
    line each (`rsearch check`)."""
    problems = []
    try:
        checks = GenerationChecks(generation)
    except CorruptIndex as e:
        return [str(e)]
    for name, entry in sorted(checks.files.items()):
        path = generation / name
        try:
            if "crc" in entry:
                checks.small_file(name)
            elif path.stat().st_size != entry.get("size"):
                problems.append(str(damaged(generation, name, "has the wrong size")))
            else:
                segment = checks.segment(name)
                bad = [i for i, (crc, want) in enumerate(zip(chunk_crcs(path, checks.chunk),
                                                             segment.crcs,
                                                             strict=True)) if crc != want]
                if bad:
                    problems.append(str(damaged(
                        generation, name, f"does not match its checksum in {len(bad)} of "
                                          f"{len(segment.crcs)} chunks")))
        except FileNotFoundError:
            problems.append(str(damaged(generation, name, "is missing")))
        except CorruptIndex as e:
            problems.append(str(e))
    return problems
