"""The small files of an index folder, validated when read: CURRENT (the
generation in use), a generation's build record (build.json) and roots.json
(the files and folders it was built from), and its checksums. Bad content
is CorruptIndex naming the file, never a traceback, and never taken for an
empty list of folders.

The build record keeps a copy of the remembered folders, so that damage to
roots.json, to CURRENT or to the segments still leaves the folders to
rebuild from (remembered_roots).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CorruptIndex, NoIndex
from .checksums import (
    CHECKSUMS_FILE,
    PENDING,
    GenerationChecks,
    crc32,
    damaged,
    read_file,
    read_manifest,
    write_checksums,
)

if TYPE_CHECKING:  # an update reads the sources; a search does not import them
    from .sources import Sources

CURRENT = "CURRENT"
BUILD_FILE = "build.json"
ROOTS_FILE = "roots.json"
GENERATION = re.compile(r"gen-[0-9]+")
REBUILD_NAMING = "name them: rsearch index --rebuild PATHS"


def generations(index_dir: Path) -> list[Path]:
    """The generation folders of an index folder, newest first."""
    try:
        found = [Path(e.path) for e in os.scandir(index_dir)
                 if GENERATION.fullmatch(e.name) and e.is_dir()]
    except OSError:
        return []
    return sorted(found, key=lambda p: int(p.name[4:]), reverse=True)


def read_current(index_dir: Path) -> Path:
    """The folder CURRENT names; NoIndex if there is no index at all."""
    try:
        data = (index_dir / CURRENT).read_bytes()
    except FileNotFoundError:
        if generations(index_dir):
            raise CorruptIndex(f"the index in {index_dir} is damaged: {CURRENT} is missing"
                               ) from None
        raise NoIndex(f"no index in {index_dir}") from None
    except OSError as e:
        raise CorruptIndex(f"cannot read the index in {index_dir}: {e.strerror}") from None
    name = data.decode("ascii", errors="replace").strip()
    if not GENERATION.fullmatch(name):
        raise CorruptIndex(f"the index in {index_dir} is damaged: {CURRENT} does not name "
                           "a generation")
    generation = index_dir / name
    if not generation.is_dir():
        raise CorruptIndex(f"the index in {index_dir} is damaged: {CURRENT} names {name}, "
                           "which is missing")
    return generation


_checks: dict[tuple, GenerationChecks] = {}


def generation_checks(generation: Path) -> GenerationChecks:
    """A generation's checksums, read once per version of its checksums file."""
    try:
        stat = os.stat(generation / CHECKSUMS_FILE)
    except FileNotFoundError:
        raise damaged(generation, CHECKSUMS_FILE, "is missing") from None
    except OSError as e:
        raise damaged(generation, CHECKSUMS_FILE, f"cannot be read ({e.strerror})") from None
    key = (os.path.abspath(generation), stat.st_ino, stat.st_mtime_ns, stat.st_size)
    if key not in _checks:
        _checks.clear()
        _checks[key] = GenerationChecks(generation)
    return _checks[key]


def _read(generation: Path, name: str, checked: bool) -> bytes:
    """A small file of a generation, verified against the checksums when `checked`."""
    if checked:
        return generation_checks(generation).small_file(name)
    return read_file(generation, name)


def _parse_build_record(generation: Path, data: bytes) -> dict:
    try:
        recorded = json.loads(data.decode("utf-8"))
        if not isinstance(recorded, dict) or "roots" in recorded and _roots(recorded["roots"]
                                                                            ) is None:
            raise ValueError
    except ValueError:
        raise damaged(generation, BUILD_FILE, "is not a build record") from None
    return recorded


def read_build_record(generation: Path) -> dict:
    """The build record, verified (one without checksums is an older index's:
    its record says so, and check_build_info asks for a rebuild)."""
    try:
        data = _read(generation, BUILD_FILE, checked=True)
    except CorruptIndex:
        recorded = _parse_build_record(generation, _read(generation, BUILD_FILE, checked=False))
        if "checksums" in recorded:
            raise
        return recorded
    return _parse_build_record(generation, data)


def _roots(value) -> list[Path] | None:
    """The folders of a roots list, None if it is not one."""
    if not isinstance(value, list) or not all(isinstance(v, str) and os.path.isabs(v)
                                              for v in value):
        return None
    return [Path(v) for v in value]


def read_roots(generation: Path, checked: bool = True) -> list[Path]:
    data = _read(generation, ROOTS_FILE, checked)
    try:
        roots = _roots(json.loads(data.decode("utf-8")))
    except ValueError:
        roots = None
    if roots is None:
        raise damaged(generation, ROOTS_FILE, "is not a list of files and folders")
    return roots


def remembered_roots(index_dir: Path) -> list[Path]:
    """The files and folders the index in `index_dir` was built from; none when
    there is no index. Damage to roots.json, CURRENT or the checksums falls
    back to the build record's copy, then to other generations; CorruptIndex
    when none says."""
    index_dir = Path(index_dir)
    if not index_dir.is_dir():
        return []
    try:
        candidates = [read_current(index_dir)]
    except NoIndex:
        return []
    except CorruptIndex:
        candidates = []
    candidates += [g for g in generations(index_dir) if g not in candidates]
    for checked in (True, False):
        for generation in candidates:
            try:
                return read_roots(generation, checked)
            except CorruptIndex:
                pass
            try:
                data = _read(generation, BUILD_FILE, checked)
                recorded = _parse_build_record(generation, data)
                if "roots" in recorded:
                    return _roots(recorded["roots"])
            except CorruptIndex:
                pass
    raise CorruptIndex(f"the index in {index_dir} is damaged and does not say which files "
                       "and folders it was built from", REBUILD_NAMING)


def seal_generation(generation: Path, roots: list[Path], info: dict | None = None,
                    sources: dict[str, bytes] | None = None) -> None:
    """Commit a generation: its folders (roots.json and the build record's
    copy), the files of the list of its reports' files that changed
    (`sources`, source_changes.files_to_write: the changes since the base, or
    a new base; None keeps what was committed before: the caller changed no
    report) and the checksums of the files of Whoosh's newest table of
    contents, the commit just written. The checksums are the commit point (see
    checksums.py): a small file that changes is written beside the old one
    first and moved in place after them, and the files of earlier commits are
    removed last."""
    from .source_changes import CHANGES_FILE
    from .sources import SOURCES_FILE
    from .whoosh_door import newest_toc, remove_uncommitted, toc_files

    if info is None:
        info = _parse_build_record(generation, _read(generation, BUILD_FILE, checked=True))
    listed = [str(r) for r in roots]
    contents = {
        BUILD_FILE: json.dumps({**info, "roots": listed}, indent=1, ensure_ascii=False),
        ROOTS_FILE: json.dumps(listed, ensure_ascii=False, indent=1)}
    try:
        committed = read_manifest(generation)["files"]
    except CorruptIndex:
        committed = {}
    _finish_pending(generation, committed)
    small = {name: text.encode("utf-8") for name, text in contents.items()}
    changed = [name for name, data in small.items()
               if not (committed.get(name, {}).get("crc") == crc32(data)
                       and _holds(generation / name, data))]
    for name, data in (sources or {}).items():
        small[name] = data
        changed.append(name)
    for name in changed:
        _write_file(generation / (name + PENDING), small[name])
    toc = newest_toc(generation)
    write_checksums(generation, toc_files(generation, toc) if toc else [], small,
                    (SOURCES_FILE, CHANGES_FILE))
    for name in changed:
        os.replace(generation / (name + PENDING), generation / name)
    if toc:
        remove_uncommitted(generation, toc)
    _checks.clear()


def _finish_pending(generation: Path, committed: dict) -> None:
    """Finish what a commit cut short before this one: a small file's next
    version that the checksums already name is moved in place; one they do
    not name (the commit never happened) is removed."""
    from .source_changes import CHANGES_FILE
    from .sources import SOURCES_FILE

    for name in (BUILD_FILE, ROOTS_FILE, SOURCES_FILE, CHANGES_FILE):
        pending = generation / (name + PENDING)
        try:
            data = pending.read_bytes()
        except FileNotFoundError:
            continue
        entry = committed.get(name, {})
        if entry.get("size") == len(data) and entry.get("crc") == crc32(data):
            os.replace(pending, generation / name)
        else:
            pending.unlink()


def read_sources(generation: Path) -> Sources | None:
    """The list of the generation's report files; None when its checksums do
    not list one (an index from before it) or it does not match them (it is
    made again from the report documents)."""
    from .source_changes import CHANGES_FILE, with_changes
    from .sources import SOURCES_FILE, Sources

    checks = generation_checks(generation)
    if SOURCES_FILE not in checks.files:
        return None
    try:
        base = Sources.decode(checks.small_file(SOURCES_FILE))
        changes = checks.small_file(CHANGES_FILE) if CHANGES_FILE in checks.files else None
        return with_changes(base, changes)
    except CorruptIndex:
        return None


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
