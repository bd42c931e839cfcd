"""The index folder: generations, the build record, locking, building and updating.

Layout of an index folder::

    CURRENT          name of the generation searches use (replaced atomically)
    gen-<n>/         a Whoosh index plus build.json, how it was built, and
                     roots.json, the files and folders it was built from
    write.lock       held while `rsearch index` writes

A rebuild writes a new generation beside the current one and switches
CURRENT only when it is complete, so an interrupted rebuild leaves the old
index as it was.  An update commits through Whoosh, whose commit is atomic too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ...corpus import assign_keys, read_report_files, scan_reports
from ..errors import CorruptIndex, IndexBusy, NoIndex, NotIndexed, WouldDrop, damage_reported
from ..storage import (
    CURRENT,
    REPORT,
    build_info,
    check_build_info,
    current_generation,
    index_segments,
    make_schema,
    open_whoosh,
    read_build_info,
    read_column,
    remembered_roots,
    seal_generation,
    segment_reader,
)
from .documents import Source
from .duplicates import forget_duplicate, remembered_duplicates, settle_index
from .name_groups import NameGroups
from .workers import Progress, Writing, Written, default_workers
from .writer import open_writer

LOCK_FILE = "write.lock"

# Every search visits every segment, and every update adds one. Once this
# many segments hold under a tenth of the documents of the largest, an update
# merges them into its own (cheap, since they are small).
SMALL_SEGMENTS = 4


@dataclass
class IndexResult:
    """What one `index` run did."""

    index_dir: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # skipped; their indexed version stays
    missing: list[str] = field(default_factory=list)  # remembered folders not there now
    # folders that could not be listed (folder, why): their reports stay
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    special: list[tuple[str, str]] = field(default_factory=list)  # never read (file, why)
    # Files not indexed, beside `skipped` (whose kinds `skip_kinds` gives, by
    # path): documents of a format not read (file, why), other files found in
    # the folders, and duplicates (file, the file that stands for its report).
    unsupported: list[tuple[str, str]] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    skip_kinds: dict[str, str] = field(default_factory=dict)
    passages: int = 0
    rebuilt: bool = False
    seconds: float = 0.0


class WriteLock:
    """An exclusive lock on an index folder, released even if the process is killed."""

    def __init__(self, index_dir: Path):
        from whoosh.util.filelock import FileLock

        index_dir.mkdir(parents=True, exist_ok=True)
        self.lock = FileLock(str(index_dir / LOCK_FILE))
        self.index_dir = index_dir

    def __enter__(self) -> WriteLock:
        if not self.lock.acquire(blocking=False):
            raise IndexBusy(f"another `rsearch index` is writing to {self.index_dir}")
        return self

    def __exit__(self, *exc) -> None:
        self.lock.release()


def existing_reports(ix) -> dict[str, dict]:
    """Reports in an index by path: their key, content digest, file stamp (size
    and mtime, None if not kept) and report document (from a column: reading
    each report's stored record would unpickle all of it)."""
    from ..storage import posting_set

    reader = ix.reader()  # not a searcher: Whoosh's queries cost an update 80 ms to import
    try:
        column = read_column(reader, "source")
        found = {}
        for docnum in sorted(posting_set(reader, "kind", REPORT)):
            source = Source.decode(column[docnum])
            found[source.path] = {"key": source.key, "digest": source.digest,
                                  "docnum": docnum, "stamp": source.stamp}
        return found
    finally:
        reader.close()


def build_index(index_dir: Path, paths: list[Path], *, rebuild: bool = False,
                replace: bool = False, progress: Progress | None = None,
                workers: int | None = None) -> IndexResult:
    """Index the reports under `paths` beside those of the files and folders the
    index remembers.

    Unchanged files (same content hash) are left as they are, changed ones
    replaced, files gone from a remembered folder removed; a remembered folder
    that is missing, or a folder that cannot be listed, keeps its reports (see
    `IndexResult.missing` and `.unreadable`). `replace` makes the index hold
    exactly the reports under `paths`; `rebuild` starts from scratch (report
    keys stay as they were), and refuses (WouldDrop) while a folder whose
    reports it would drop is missing or unreadable. `workers` is the number of
    analysis processes (default: one per core; 0 analyzes in this process).
    """
    started = time.perf_counter()
    workers = default_workers() if workers is None else workers
    index_dir = Path(index_dir)
    named = [Path(p).resolve() for p in paths]
    for path in named:
        if not path.exists():
            raise FileNotFoundError(str(path))
    info = build_info()
    with WriteLock(index_dir):
        roots = list(dict.fromkeys(_remembered(index_dir, replace, rebuild and bool(named))
                                   + named))
        missing = [root for root in roots if not root.exists()]
        scan = scan_reports(root for root in roots if root.exists())
        found = scan.files
        # Reports under a folder that cannot be listed now stay, as a missing one's.
        missing += [folder for folder, _ in scan.unreadable]
        roots = [root for root in roots if root not in dict(scan.special)]  # never read
        generation = _usable_generation(index_dir, rebuild)
        if generation is None:
            if rebuild and missing:
                _refuse_to_drop(index_dir, missing, scan)
            known = _known_reports(index_dir)  # a rebuild keeps every report's key
            keys = assign_keys(found, {p: r["key"] for p, r in known.items()})
            files = [(path, keys[path]) for path, _ in found]
            result = _write_generation(index_dir, files, roots, info, progress, workers,
                                       set(known))
        else:
            with damage_reported(index_dir):
                ix = open_whoosh(generation)
                _remove_unlisted_segments(ix)  # of a commit cut short before its checksums
                known = existing_reports(ix)
                keys = assign_keys(found, {p: r["key"] for p, r in known.items()})
                files = [(path, keys[path]) for path, _ in found]
                result = _update_generation(ix, generation, known, files, roots, missing,
                                            progress, workers)
        result.missing = [str(root) for root in missing if not root.exists()]
        result.unreadable = [(str(folder), why) for folder, why in scan.unreadable]
        result.special = [(str(path), why) for path, why in scan.special]
        result.unsupported = [(str(path), why) for path, why in scan.unsupported]
        result.others = [str(path) for path in scan.others]
        _remove_stale_generations(index_dir)
    result.seconds = time.perf_counter() - started
    return result


def remove_from_index(index_dir: Path, paths: list[Path]) -> IndexResult:
    """Forget indexed files or folders, and remove their reports.

    Raises NotIndexed for a path that is not one the index was built from.
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    targets = [Path(p).absolute() for p in paths]
    targets = [t.resolve() if t.exists() else t for t in targets]
    with WriteLock(index_dir):
        generation = current_generation(index_dir)
        recorded = read_build_info(generation)
        check_build_info(recorded, build_info(recorded), index_dir)
        roots = remembered_roots(index_dir)
        kept = roots_kept(roots, targets)
        result = IndexResult(str(index_dir))
        with damage_reported(index_dir):
            ix = open_whoosh(generation)
            _remove_unlisted_segments(ix)  # of a commit cut short before its checksums
            known = existing_reports(ix)
            gone = [p for p in known if not _under_any(Path(p), kept)]
            copies = [d for d in remembered_duplicates(ix).values()
                      if not _under_any(Path(d.path), kept)]
            if gone or copies:
                with ix.reader() as reader:
                    groups = NameGroups(reader)
                    writer = open_writer(ix)
                    _remove_reports(writer, groups, known, gone, result)
                    for duplicate in copies:
                        forget_duplicate(writer, duplicate)
                    groups.write(writer)
                writer.commit(mergetype=merge_small_segments)
        _write_roots(generation, kept)
    result.seconds = time.perf_counter() - started
    return result


def _remembered(index_dir: Path, replace: bool, named_rebuild: bool) -> list[Path]:
    """The remembered files and folders; none to remember when the index is
    damaged past telling them and a rebuild names its paths."""
    if replace:
        return []
    try:
        return remembered_roots(index_dir)
    except CorruptIndex:
        if named_rebuild:
            return []
        raise


def _refuse_to_drop(index_dir: Path, missing: list[Path], scan) -> None:
    """A rebuild writes what it reads: reports under a folder that is missing or
    cannot be listed would be dropped, though an update keeps them. (An index
    too damaged to tell its reports is rebuilt without them: result.rebuilt
    tells the caller the missing folders' reports are gone.)"""
    known = _known_reports(index_dir)
    for folder in missing:
        held = [p for p in known if _under_any(Path(p), [folder])]
        if held:
            why = dict(scan.unreadable).get(folder)
            state = f"cannot be read ({why})" if why else "is missing"
            raise WouldDrop(
                f"{folder} {state}: a rebuild would drop its {len(held)} "
                f"report{'s' if len(held) != 1 else ''}",
                f"make it readable, or drop them with `rsearch remove {folder}`, then rebuild")


def _under_any(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _usable_generation(index_dir: Path, rebuild: bool) -> Path | None:
    """The generation to update, or None to write a new one."""
    if rebuild:
        return None
    try:
        generation = current_generation(index_dir)
    except NoIndex:
        return None
    recorded = read_build_info(generation)
    check_build_info(recorded, build_info(recorded), index_dir)
    return generation


def _known_reports(index_dir: Path) -> dict[str, dict]:
    """The reports of the current generation by path, if it can be read: a rebuild
    gives every report the key it had."""
    try:
        with damage_reported(index_dir):
            return existing_reports(open_whoosh(current_generation(index_dir)))
    except (NoIndex, CorruptIndex, OSError):
        return {}


def _write_roots(generation: Path, roots: list[Path]) -> None:
    seal_generation(generation, roots)


def _write_generation(index_dir: Path, files: list[tuple[Path, str]], roots: list[Path],
                      info: dict, progress: Progress | None, workers: int,
                      stood: set[str]) -> IndexResult:
    from whoosh import index as whoosh_index

    from .documents import alias_group_document

    result = IndexResult(str(index_dir), rebuilt=True)
    groups: Counter[bytes] = Counter()
    building = index_dir / f".building-{os.getpid()}-{time.time_ns()}"
    building.mkdir(parents=True)
    try:
        ix = whoosh_index.create_in(str(building), make_schema())
        writer = open_writer(ix)
        try:
            writing = Writing(building, files, workers, progress)
            for written in writing:
                _note(written, result)
                groups.update(written.alias_groups)
            for group in sorted(groups):
                writer.add_document(**alias_group_document(group, groups[group]))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=lambda _, segments: segments + writing.segments)
        _settle_duplicates(ix, stood, result, {str(path) for path, _ in files})
        seal_generation(building, roots, info)
        generation = index_dir / f"gen-{time.time_ns()}"
        building.rename(generation)
        _switch_current(index_dir, generation.name)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return result


def _update_generation(ix, generation: Path, known: dict[str, dict],
                       files: list[tuple[Path, str]], roots: list[Path], missing: list[Path],
                       progress: Progress | None, workers: int) -> IndexResult:
    result = IndexResult(str(generation.parent))
    wanted = {str(path) for path, _ in files}
    # Reports of a folder that is missing now (unmounted, renamed) stay.
    removed = [path for path in known
               if path not in wanted and not _under_any(Path(path), missing)]
    remembered = remembered_duplicates(ix)
    changed, held = [], []
    for file in read_report_files(_maybe_changed(files, known, result)):
        before = known.get(str(file.path))
        copy = remembered.get(str(file.path))
        if before and before["digest"] == file.digest:
            result.unchanged.append(str(file.path))
        elif copy and copy.digest == file.digest:
            held.append(copy)
        else:
            changed.append(file)
    # A duplicate stays one while the file that stands for it stays as it was;
    # else it is read again (it may stand in that file's place).
    stays = set(result.unchanged) | {p for p in known if p not in wanted and p not in removed}
    for copy in held:
        if copy.of not in stays:
            changed.append((Path(copy.path), copy.key))
    kept = {c.path for c in held if c.of in stays}
    forgotten = [c for c in remembered.values()
                 if c.path not in kept and (c.path in wanted or not _under_any(Path(c.path),
                                                                                missing))]
    result.duplicates = sorted((c.path, c.of) for c in held if c.path in kept)
    if changed or removed or forgotten:
        with ix.reader() as reader:
            groups = NameGroups(reader)
            writer = open_writer(ix)
            try:
                _remove_reports(writer, groups, known, removed, result)
                for copy in forgotten:
                    forget_duplicate(writer, copy)
                writing = Writing(generation, changed, workers, progress)
                for written in writing:
                    if written.path not in known:
                        _note(written, result)
                    elif written.skipped:
                        # A file that cannot be read now (locked, half-written) keeps
                        # what the index had of it.
                        result.skipped.append((written.path, written.skipped))
                        result.skip_kinds[written.path] = written.skip_kind
                        result.kept.append(written.path)
                        continue
                    else:
                        writer.delete_by_term("report", written.key)
                        groups.drop(known[written.path]["docnum"])
                        result.updated.append(written.path)
                        result.passages += written.passages
                    groups.add(written.alias_groups)
                groups.write(writer)
            except BaseException:
                writer.cancel()
                _remove_unlisted_segments(ix)
                raise
        writer.commit(mergetype=lambda w, segments: (merge_small_segments(w, segments)
                                                     + writing.segments))
        _settle_duplicates(ix, set(known), result, wanted)
    _write_roots(generation, roots)
    return result


def _remove_reports(writer, groups: NameGroups, known: dict[str, dict], paths: list[str],
                    result: IndexResult) -> None:
    """Delete the reports of these files, their name groups counted out."""
    for path in paths:
        writer.delete_by_term("report", known[path]["key"])
        groups.drop(known[path]["docnum"])
        result.removed.append(path)


def _maybe_changed(files: list[tuple[Path, str]], known: dict[str, dict],
                   result: IndexResult) -> list[tuple[Path, str]]:
    """The files to read: new ones, and those whose stamp (size and mtime) is not
    the one the index kept; the others are unchanged, told without reading them."""
    from ...corpus.reader import file_stamp

    maybe = []
    for path, key in files:
        before = known.get(str(path))
        try:
            same = before is not None and before["stamp"] == file_stamp(path.stat())
        except OSError:
            same = False  # read, to be named as it cannot be
        if same:
            result.unchanged.append(str(path))
        else:
            maybe.append((path, key))
    return maybe


def merge_small_segments(writer, segments: list) -> list:
    """A Whoosh merge policy: once SMALL_SEGMENTS segments hold under a tenth of
    the live documents of the largest, merge them into the segment being
    written. Returns the segments kept as they are."""
    if not segments:
        return segments
    largest = max(segment.doc_count() for segment in segments)
    small = [segment for segment in segments if segment.doc_count() * 10 < largest]
    if len(small) < SMALL_SEGMENTS:
        return segments
    for segment in small:
        reader = segment_reader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [segment for segment in segments if segment not in small]


def _settle_duplicates(ix, stood: set[str], result: IndexResult, wanted: set[str]) -> None:
    """Files of this run that repeat a report are taken out of the index and
    counted as duplicates (see duplicates.py)."""
    duplicates, dropped = settle_index(ix, stood, merge_small_segments)
    for path, passages in dropped.items():
        for done in (result.added, result.updated):
            if path in done:
                done.remove(path)
        result.passages -= passages
    result.duplicates = [(d.path, d.of) for d in duplicates if d.path in wanted]


def _note(written: Written, result: IndexResult) -> None:
    if written.skipped:
        result.skipped.append((written.path, written.skipped))
        result.skip_kinds[written.path] = written.skip_kind
    else:
        result.added.append(written.path)
        result.passages += written.passages


def _remove_unlisted_segments(ix) -> None:
    """Remove the files of the segments and tables of contents an interrupted
    update wrote: the commit the checksums name does not list them."""
    from whoosh.index import clean_files

    with contextlib.suppress(OSError):
        clean_files(ix.storage, ix.indexname, ix.latest_generation(), index_segments(ix))


def _switch_current(index_dir: Path, name: str) -> None:
    tmp = index_dir / f"{CURRENT}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, index_dir / CURRENT)


def _remove_stale_generations(index_dir: Path) -> None:
    """Remove old generations and leftovers of interrupted builds (we hold the lock)."""
    try:
        keep = current_generation(index_dir).name
    except (NoIndex, CorruptIndex):
        keep = None
    for entry in index_dir.iterdir():
        if entry.is_dir() and entry.name != keep and entry.name.startswith(("gen-", ".building-")):
            shutil.rmtree(entry, ignore_errors=True)


def roots_kept(roots: list[Path], targets: list[Path]) -> list[Path]:
    """The remembered files and folders left when `targets` are removed;
    NotIndexed for a target that is none of them (for every engine)."""
    for target in targets:
        if not any(root == target or target in root.parents for root in roots):
            inside = next((r for r in roots if r in target.parents), None)
            raise NotIndexed(
                f"{target} is not a file or folder the index was built from",
                f"it is inside {inside}: remove that, or move the files out of it"
                if inside else "indexed: " + (", ".join(map(str, roots)) or "none"))
    return [r for r in roots if not any(r == t or t in r.parents for t in targets)]
