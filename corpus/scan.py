"""Walking the files and folders to index, with everything that is not read
accounted for: folders that cannot be listed (their reports are kept, not
taken for gone), special files (devices, FIFOs, sockets), which are never
opened (reading /dev/zero or a FIFO never ends), documents in a format
rsearch does not read (.wps, .rtf: a report could be in one, so each is
named), and every other file (images, spreadsheets: counted as not reports).
Hidden files and folders (a name starting with a dot: .DS_Store, .git) are
the system's and the tools', not the user's: they are not counted."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from pathlib import Path


def file_stamp(status: os.stat_result) -> tuple[int, int]:
    """What tells a file unchanged without reading it: its size and mtime."""
    return (status.st_size, status.st_mtime_ns)


# Files read as candidates: the report formats, and legacy Word files, which
# are read only to tell a DOCX misnamed .doc from a real one (named as skipped).
CANDIDATE_SUFFIXES = (".txt", ".text", ".pdf", ".docx", ".odt", ".doc")

# Word processors' formats rsearch does not read: a report kept in one is named
# as skipped, with what to do. (A .doc is read, to tell a DOCX misnamed .doc.)
UNSUPPORTED_SUFFIXES = {
    ".docm": "Word macro-enabled (DOCM)", ".dot": "Word template (DOT)",
    ".dotx": "Word template (DOTX)", ".wps": "WPS or Works (WPS)", ".wpd": "WordPerfect (WPD)",
    ".rtf": "Rich Text (RTF)", ".pages": "Apple Pages", ".sxw": "StarOffice (SXW)",
    ".ott": "OpenDocument template (OTT)", ".hwp": "Hangul (HWP)",
}

# Folders are listed and their files stat'ed through a descriptor where the
# system allows it (not on Windows).
AT_FD = os.listdir in os.supports_fd and os.stat in os.supports_dir_fd

SPECIAL_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                 (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


@dataclass
class Scan:
    """What a walk found: report files (`found`: each file's path, with the
    root it was found under and its stamp, see file_stamp, None if it
    could not be taken), folders it could not list (folder, why), special
    files passed over (file, why), documents in a format not read (file,
    why), and the other files in the folders."""

    found: dict[str, tuple[Path, tuple[int, int] | None]] = field(default_factory=dict)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    special: list[tuple[Path, str]] = field(default_factory=list)
    unsupported: list[tuple[Path, str]] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)

    @property
    def files(self) -> list[tuple[Path, Path]]:
        """(file, root) of every report file, in a stable order: the roots' order,
        then each root's files in path order."""
        order = {root: n for n, root in enumerate(dict.fromkeys(r for r, _ in self.found.values()))}
        files = [(Path(path), root) for path, (root, _) in self.found.items()]
        # (Path order, without Path's slow comparisons)
        return sorted(files, key=lambda fr: (order[fr[1]], fr[0].parts))


def special_kind(mode: int) -> str | None:
    """What kind of special file a mode is; None for a regular file or folder."""
    return next((name for test, name in SPECIAL_KINDS if test(mode)), None)


def scan_reports(roots: Iterable[Path]) -> Scan:
    """The report files named or under the folders named (a file under two
    roots belongs to the first), each with its stamp. A path that does not
    exist raises FileNotFoundError."""
    scan = Scan()
    found = scan.found
    for root in roots:
        if not root.exists():
            raise FileNotFoundError(str(root))
        root = root.resolve()
        if root.is_dir():
            _walk(root, scan)
            continue
        stat_ = root.stat()
        kind = special_kind(stat_.st_mode)
        if kind:
            scan.special.append((root, f"{kind}, not a report file; not read"))
            continue
        why = unsupported(root)
        if why:
            scan.unsupported.append((root, why))
            continue
        found.setdefault(str(root), (root, file_stamp(stat_)))
    # A file named and under a folder is counted once.
    scan.special = list(dict(scan.special).items())
    scan.unsupported = sorted(dict(scan.unsupported).items())
    scan.others = sorted(set(scan.others))
    return scan


def _walk(root: Path, scan: Scan) -> None:
    """The candidate files under a folder, with their stamps, into scan.found;
    hidden names below it left out ("../reports" or "~/.local/reports" named
    count), symlinked folders not followed. Paths stay strings: a Path for
    each of 100,000 files costs more than the walk.

    Every candidate file is stat'ed: a file rewritten in place leaves its
    folder's mtime as it was, so no folder can be passed over. The stat is
    taken relative to the folder's descriptor (the kernel resolves one name,
    not the whole path), the one system call a report file costs beside the
    listing; it tells the file's kind too."""
    folders = [str(root)]
    while folders:
        folder = folders.pop()
        fd = None
        try:
            if AT_FD:
                fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            names = os.listdir(folder if fd is None else fd)
            _sort_names(folder, fd, names, root, scan, folders)
        except OSError as e:
            scan.unreadable.append((Path(folder), e.strerror or type(e).__name__))
        finally:
            if fd is not None:
                os.close(fd)


def _sort_names(folder: str, fd: int | None, names: list[str], root: Path, scan: Scan,
                folders: list[str]) -> None:
    """Sort one folder's entries (listed from its descriptor `fd`, or by its
    path when None) into the scan. Its report files (most entries of an
    archive's folder) are stat'ed and filed in bulk, a few C calls a file;
    the other names, and every name of a folder where one of those is not a
    plain file or its stat fails, take _sort_name."""
    prefix = os.path.join(folder, "")
    names = [name for name in names if name[0] != "."]
    plain = [name for name in names if name.lower().endswith(CANDIDATE_SUFFIXES)]
    rest = names
    if plain:
        # (each file's kind and stamp, not its stat: 100,000 of those held
        # at once took 30 MB)
        stat_of = ((lambda name: os.stat(prefix + name)) if fd is None
                   else (lambda name: os.stat(name, dir_fd=fd)))
        try:
            kinds = [(s.st_mode, file_stamp(s)) for s in map(stat_of, plain)]
        except OSError:  # gone since listed, or a dangling link: each on its own
            kinds = None
        if kinds is not None and all(stat.S_ISREG(mode) for mode, _ in kinds):
            new = dict(zip([prefix + name for name in plain],
                           zip(repeat(root), map(itemgetter(1), kinds)), strict=True))
            found = scan.found
            for path in [path for path in new if path in found] if found else ():
                del new[path]  # a file under two roots belongs to the first
            found.update(new)
            rest = ([name for name in names if not name.lower().endswith(CANDIDATE_SUFFIXES)]
                    if len(plain) < len(names) else [])
    for name in rest:
        _sort_name(prefix, fd, name, root, scan, folders)


def _sort_name(prefix: str, fd: int | None, name: str, root: Path, scan: Scan,
               folders: list[str]) -> None:
    """Sort one entry of a folder (not hidden) into the scan: a folder to walk
    (not through a link), a report file, a special file, a document in a
    format not read, or another file."""
    path = prefix + name
    try:
        mode = os.stat(path if fd is None else name, dir_fd=fd, follow_symlinks=False)
        if stat.S_ISDIR(mode.st_mode):
            folders.append(path)
            return
        if stat.S_ISLNK(mode.st_mode):
            mode = os.stat(path if fd is None else name, dir_fd=fd)
    except OSError:
        return  # a dangling link, or gone since listed: not a file
    is_file = stat.S_ISREG(mode.st_mode)
    kind = None if is_file else special_kind(mode.st_mode)
    if is_file and name.lower().endswith(CANDIDATE_SUFFIXES):
        scan.found.setdefault(path, (root, file_stamp(mode)))
    elif kind:
        scan.special.append((Path(path), f"{kind}, not a report file; not read"))
    elif not is_file:
        return  # a link to a folder: not followed
    elif why := unsupported(Path(path)):
        scan.unsupported.append((Path(path), why))
    else:
        scan.others.append(Path(path))


def unsupported(path: Path) -> str | None:
    """Why a document format rsearch does not read is skipped; None for others."""
    name = UNSUPPORTED_SUFFIXES.get(path.suffix.lower())
    return f"{name} files are not read; save it as DOCX, ODT or PDF" if name else None
