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
import errno
import os
import shutil
import time
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field, replace
from itertools import filterfalse
from pathlib import Path

from ...corpus import assign_keys, read_report_files, scan_reports
from ..errors import CorruptIndex, IndexBusy, NoIndex, NotIndexed, WouldDrop, damage_reported
from ..storage import (
    CURRENT,
    REPORT,
    SourceRow,
    Sources,
    build_info,
    check_build_info,
    collector_paused,
    current_generation,
    files_to_write,
    index_segments,
    make_schema,
    open_whoosh,
    read_build_info,
    read_column,
    read_sources,
    remembered_roots,
    seal_generation,
)
from .duplicates import (
    STILL_DUPLICATE,
    UNCHANGED,
    Duplicate,
    forget_duplicate,
    remembered_duplicates,
    report_docnum,
    settle_index,
    sort_read,
)
from .merging import merge_small_segments
from .name_groups import NameGroups
from .workers import Progress, Writing, Written, default_workers
from .writer import open_writer

# Parsing and analysis (documents.py and the corpus readers) are imported
# where a file is written: an update that finds nothing changed loads none.

LOCK_FILE = "write.lock"

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


def column_sources(ix) -> Sources:
    """The list of an index's report files made from its report documents'
    `source` column (an index from before the list was kept)."""
    from ..storage import posting_set
    from .documents import Source

    reader = ix.reader()  # not a searcher: Whoosh's queries cost an update 80 ms to import
    try:
        column = read_column(reader, "source")
        rows = []
        for docnum in sorted(posting_set(reader, "kind", REPORT)):
            source = Source.decode(column[docnum])
            rows.append(SourceRow(source.path, source.key, source.digest, source.text,
                                  source.stamp))
        return Sources.from_rows(rows)
    finally:
        reader.close()


def indexed_sources(ix, generation: Path) -> tuple[Sources, bool]:
    """The list of the index's report files, and whether it was made from the
    report documents now (then it is written with the update's commit, and
    every report is settled against every other once)."""
    sources = read_sources(generation)
    if sources is not None:
        return sources, False
    return column_sources(ix), True


def build_index(index_dir: Path, paths: list[Path], *, rebuild: bool = False,
                replace: bool = False, progress: Progress | None = None,
                workers: int | None = None) -> IndexResult:
    """Index the reports under `paths` beside those of the files and folders the
    index remembers.

    Unchanged files (same size and mtime, or same content hash) are left as
    they are, changed ones replaced, files gone from a folder removed. An
    update of paths inside the remembered folders walks those paths alone
    (`rsearch index FILE` reads that file); otherwise every remembered path
    is walked. A remembered folder
    that is missing, or a folder that cannot be listed, keeps its reports
    (see `IndexResult.missing` and `.unreadable`). `replace` makes the index
    hold exactly the reports under `paths`; `rebuild` starts from scratch
    (report keys stay as they were), and refuses (WouldDrop) while a folder
    whose reports it would drop is missing or unreadable. `workers` is the
    number of analysis processes (default: one per core; 0 analyzes in this
    process).
    """
    started = time.perf_counter()
    workers = default_workers() if workers is None else workers
    index_dir = Path(index_dir)
    named = [Path(p).resolve() for p in paths]
    # A file or folder named that is gone, inside a remembered folder that is
    # there, is looked for and not found, as a walk of that folder would: its
    # reports are removed (`rsearch index FILE` after deleting FILE), without
    # walking the folder. Any other path gone is refused, before the index
    # folder is touched.
    vanished = [p for p in named if not p.exists()]
    if vanished:
        _refuse_vanished(vanished, [] if replace or rebuild else
                         _remembered(index_dir, False, False))
    info = build_info()
    with WriteLock(index_dir):
        remembered = _remembered(index_dir, replace, rebuild and bool(named))
        generation = _usable_generation(index_dir, rebuild)
        if vanished:
            _refuse_vanished(vanished, remembered if generation is not None else [])
        # An update of files or folders inside the remembered ones walks them
        # alone (they are those folders', not more to remember); naming a new
        # one adds it and brings every other up to date.
        scoped = (generation is not None and bool(named) and not replace
                  and all(_under_any(p, remembered) for p in named))
        roots = list(dict.fromkeys(remembered + [p for p in named if not (
            scoped and _under_any(p, remembered) and p not in remembered)]))
        walked = list(dict.fromkeys(named)) if scoped else roots
        missing = [root for root in walked if not root.exists() and root not in vanished]
        with collector_paused():
            scan = scan_reports(root for root in walked if root.exists())
        # Reports under a folder that cannot be listed now stay, as a missing one's.
        missing += [folder for folder, _ in scan.unreadable]
        roots = [root for root in roots if root not in dict(scan.special)]  # never read
        if generation is None:
            if rebuild and missing:
                _refuse_to_drop(index_dir, missing, scan)
            found = scan.files
            known = _known_keys(index_dir)  # a rebuild keeps every report's key
            keys = assign_keys(found, known)
            files = [(path, keys[path]) for path, _ in found]
            result = _write_generation(index_dir, files, roots, info, progress, workers,
                                       set(known))
        else:
            with damage_reported(index_dir):
                ix = open_whoosh(generation)
                _remove_unlisted_segments(ix)  # of a commit cut short before its checksums
                with collector_paused():
                    sources, made = indexed_sources(ix, generation)
                walk = Walk(scan, walked if scoped else None, missing, remembered)
                result = _update_generation(ix, generation, sources, made, walk, roots,
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
            sources, made = indexed_sources(ix, generation)
            gone = [p for p in sources.paths() if not _under_strings(p, kept)]
            writer = None
            with ix.reader() as reader:
                copies = [d for d in remembered_duplicates(reader).values()
                          if not _under_strings(d.path, kept)]
                if gone or copies:
                    groups = NameGroups(reader)
                    writer = open_writer(ix, lookup=reader)
                    _remove_reports(writer, reader, groups, sources, gone, result)
                    for duplicate in copies:
                        forget_duplicate(writer, duplicate)
                    groups.write(writer)
            if writer is not None:
                writer.commit(mergetype=merge_small_segments)
        changed = sources.changed(gone, []) if gone or made else None
        _write_roots(generation, kept, changed)
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


def _refuse_vanished(vanished: list[Path], remembered: list[Path]) -> None:
    """FileNotFoundError for a path gone that is not inside a remembered
    folder that is there (see build_index)."""
    here = [root for root in remembered if root.exists()]
    for path in vanished:
        if not _under_any(path, [root for root in here if root != path]):
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))


def _refuse_to_drop(index_dir: Path, missing: list[Path], scan) -> None:
    """A rebuild writes what it reads: reports under a folder that is missing or
    cannot be listed would be dropped, though an update keeps them. (An index
    too damaged to tell its reports is rebuilt without them: result.rebuilt
    tells the caller the missing folders' reports are gone.)"""
    known = _known_keys(index_dir)
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


def _under_strings(path: str, roots: list[Path]) -> bool:
    """_under_any for a path as a string (no Path made: it is asked of every
    report of the index)."""
    return any(path == str(root) or path.startswith(os.path.join(str(root), ""))
               for root in roots)


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


def _known_keys(index_dir: Path) -> dict[str, str]:
    """The keys of the current generation's reports by path, if it can be read:
    a rebuild gives every report the key it had."""
    try:
        with damage_reported(index_dir):
            generation = current_generation(index_dir)
            sources, _ = indexed_sources(open_whoosh(generation), generation)
            return dict(zip(sources.paths(), sources.column("keys"), strict=True))
    except (NoIndex, CorruptIndex, OSError):
        return {}


def _write_roots(generation: Path, roots: list[Path], sources: Sources | None = None) -> None:
    seal_generation(generation, roots,
                    sources=None if sources is None else files_to_write(sources))


def _write_generation(index_dir: Path, files: list[tuple[Path, str]], roots: list[Path],
                      info: dict, progress: Progress | None, workers: int,
                      stood: set[str]) -> IndexResult:
    from whoosh import index as whoosh_index

    from .documents import alias_group_document

    result = IndexResult(str(index_dir), rebuilt=True)
    groups: Counter[bytes] = Counter()
    rows: list[SourceRow] = []
    building = index_dir / f".building-{os.getpid()}-{time.time_ns()}"
    building.mkdir(parents=True)
    try:
        ix = whoosh_index.create_in(str(building), make_schema())
        writer = open_writer(ix)
        try:
            writing = Writing(building, files, workers, progress)
            for written in writing:
                _note(written, result)
                if not written.skipped:
                    rows.append(_row(written))
                groups.update(written.alias_groups)
            for group in sorted(groups):
                writer.add_document(**alias_group_document(group, groups[group]))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=lambda _, segments: segments + writing.segments)
        sources = _settle_duplicates(ix, Sources.from_rows(rows), None, stood, {}, result,
                                     {str(path) for path, _ in files})
        seal_generation(building, roots, info, sources=files_to_write(sources))
        generation = index_dir / f"gen-{time.time_ns()}"
        building.rename(generation)
        _switch_current(index_dir, generation.name)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return result


@dataclass
class Walk:
    """What an update walked: the scan, the paths it was limited to (None:
    every remembered one), the folders missing or unreadable (their reports
    stay), and the remembered roots (a new file's key is made from the one
    it is in)."""

    scan: object
    scope: list[Path] | None
    missing: list[Path]
    remembered: list[Path]

    def covers(self, path: str) -> bool:
        """Whether a report's file was looked for by this walk (else it stays)."""
        return ((self.scope is None or _under_strings(path, self.scope))
                and not _under_strings(path, self.missing))

    def gone(self, paths: list[str], found: dict) -> list[str]:
        """Of the index's report files `paths`, those this walk looked for and
        did not find. A walk limited to a few files or folders first keeps
        the paths that start with one of theirs (one C call a path, where
        `covers` is a few Python calls), so that `rsearch index FILE` does
        not pay a test of every report of the archive. The paths not found
        are taken first, in C (a removal through a folder of 100,000 files
        finds one)."""
        paths = list(filterfalse(found.__contains__, paths))
        if self.scope is not None:
            prefixes = tuple(str(root) for root in self.scope)
            paths = [p for p in paths if p.startswith(prefixes)]
        return [p for p in paths if self.covers(p)]

    def keys(self, paths: list[str], sources: Sources, removed: list[str]) -> dict[str, str]:
        """Keys for files the index holds no report of, made as a full walk
        would (corpus.assign_keys): from the path in its remembered root, none
        taken by another report."""
        found = self.scan.found
        new = []
        for path in paths:
            root = next((r for r in self.remembered if _under_strings(path, [r])),
                        found[path][0])
            new.append((Path(path), root))
        gone = {sources.get(p).key for p in removed}
        return {str(p): k for p, k in assign_keys(new, taken=_Taken(sources, gone)).items()}


@dataclass(frozen=True)
class _Taken:
    """The keys of the list's reports but those of the files gone, looked up
    in the list (not a set of every key: an update that adds one file to a
    large archive asks of a key or two)."""

    sources: Sources
    gone: set[str]

    def __contains__(self, key: object) -> bool:
        return key not in self.gone and self.sources.holds_key(key)


def _row(written: Written) -> SourceRow:
    return SourceRow(written.path, written.key, written.digest, written.text, written.stamp)


def _update_generation(ix, generation: Path, sources: Sources, made: bool, walk: Walk,
                       roots: list[Path], progress: Progress | None,
                       workers: int) -> IndexResult:
    result = IndexResult(str(generation.parent))
    found = walk.scan.found
    with collector_paused():
        same, maybe = sources.unchanged(found)  # told by their stamps, unread
    # Reports of a folder that is missing now (unmounted, renamed) stay. (When
    # every report's file was found again, as it mostly is, none is looked for.)
    refound = len(same) + sum(1 for p in maybe if p in sources)
    removed = [] if refound == len(sources) else walk.gone(sources.paths(), found)
    writer = None
    with ix.reader() as reader:  # one for every lookup: each opens every segment
        remembered = remembered_duplicates(reader)
        changed, held, restamped = _read_changed(sources, walk, same, maybe, removed,
                                                 remembered, result)
        # A duplicate stays one while the file that stands for it stays as it was;
        # else it is read again (it may stand in that file's place).
        rewritten = {str(f.path) for f in changed} | set(removed)

        def stays(path: str) -> bool:
            return path in sources and path not in rewritten

        changed += [(Path(c.path), c.key) for c in held if not stays(c.of)]
        kept = {c.path for c in held if stays(c.of)}
        forgotten = [c for c in remembered.values()
                     if c.path not in kept and (c.path in found or walk.covers(c.path))]
        result.duplicates = sorted((c.path, c.of) for c in held if c.path in kept)
        written_rows: list[SourceRow] = []
        replaced: list[str] = []
        if changed or removed or forgotten:
            writer = open_writer(ix, lookup=reader)
            try:
                groups = NameGroups(reader)
                _remove_reports(writer, reader, groups, sources, removed, result)
                for copy in forgotten:
                    forget_duplicate(writer, copy)
                writing = Writing(generation, changed, workers, progress)
                for written in writing:
                    before = sources.get(written.path)
                    if _take(written, before, writer, reader, groups, result):
                        written_rows.append(_row(written))
                        if before is not None:
                            replaced.append(written.path)
                groups.write(writer)
            except BaseException:
                writer.cancel()
                _remove_unlisted_segments(ix)
                raise
    if writer is not None:
        writer.commit(mergetype=lambda w, segments: (merge_small_segments(w, segments)
                                                     + writing.segments))
    if not (written_rows or removed or restamped or made):
        _write_roots(generation, roots)
        return result
    after = sources.changed(removed + replaced, written_rows + restamped)
    if written_rows or made:
        remembered = {p: d for p, d in remembered.items() if d not in forgotten}
        after = _settle_duplicates(ix, after, None if made else [r.text for r in written_rows],
                                   sources, remembered, result, found)
    _write_roots(generation, roots, after)
    return result


def _read_changed(sources: Sources, walk: Walk, same: list[str], maybe: list[str],
                  removed: list[str], remembered: dict[str, Duplicate],
                  result: IndexResult) -> tuple[list, list, list]:
    """Read the files found whose stamp is not the one kept (`maybe`; `same`
    are those told unchanged by their stamps, unread), and sort them
    (duplicates.sort_read): those to write (their ReportFile), duplicates
    still (Duplicate), and the unchanged (into `result`; the rows of those
    whose stamp changed, to keep their new one)."""
    result.unchanged.extend(same)
    new_keys = walk.keys([p for p in maybe if p not in sources], sources, removed)
    to_read = [(Path(p), sources.get(p).key if p in sources else new_keys[p])
               for p in sorted(maybe, key=lambda p: p.split(os.sep))]
    changed, held, restamped = [], [], []
    for file in read_report_files(to_read):
        path = str(file.path)
        before = sources.get(path)
        verdict = sort_read(file.digest, before.digest if before else None, remembered.get(path))
        if verdict == UNCHANGED:
            result.unchanged.append(path)
            if file.stamp != before.stamp:  # touched: told by its stamp next time
                restamped.append(replace(before, stamp=file.stamp))
        elif verdict == STILL_DUPLICATE:
            held.append(remembered[path])
        else:
            changed.append(file)
    return changed, held, restamped


def _take(written: Written, before: SourceRow | None, writer, reader, groups: NameGroups,
          result: IndexResult) -> bool:
    """Count a file written by an update in; whether its report is in the
    index now (a file that cannot be read now, locked or half-written, keeps
    what the index had of it)."""
    if before is None:
        _note(written, result)
        if written.skipped:
            return False
    elif written.skipped:
        result.skipped.append((written.path, written.skipped))
        result.skip_kinds[written.path] = written.skip_kind
        result.kept.append(written.path)
        return False
    else:
        writer.delete_by_term("report", written.key)
        docnum = report_docnum(reader, before.key)
        if docnum is not None:
            groups.drop(docnum)
        result.updated.append(written.path)
        result.passages += written.passages
    groups.add(written.alias_groups)
    return True


def _remove_reports(writer, reader, groups: NameGroups, sources: Sources, paths: list[str],
                    result: IndexResult) -> None:
    """Delete the reports of these files, their name groups counted out."""
    for path in paths:
        key = sources.get(path).key
        writer.delete_by_term("report", key)
        docnum = report_docnum(reader, key)
        if docnum is not None:
            groups.drop(docnum)
        result.removed.append(path)


def _settle_duplicates(ix, sources: Sources, texts: list[str] | None, stood: Container[str],
                       remembered: dict[str, Duplicate], result: IndexResult,
                       wanted: Container[str]) -> Sources:
    """Files of this run that repeat a report are taken out of the index and
    counted as duplicates (see duplicates.py); the list of reports without them.
    `stood`: the files whose reports the index held before (a set, or the
    list itself: not copied); `wanted`: the files of this run."""
    duplicates, dropped, sources = settle_index(ix, sources, texts, stood, remembered,
                                                merge_small_segments)
    for path, passages in dropped.items():
        for done in (result.added, result.updated):
            if path in done:
                done.remove(path)
        result.passages -= passages
    result.duplicates = [(d.path, d.of) for d in duplicates if d.path in wanted]
    return sources


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
