"""Find report files, key them, and read each through the reader of its format."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import UNREADABLE, UnreadableReport
from .model import Report
from .scan import file_stamp, scan_reports

REPORT_SUFFIXES = (".txt", ".text", ".pdf", ".docx", ".odt")
SAMPLE_NAME = "2016-apec-sccp2-report.txt"


@dataclass(frozen=True)
class ReportFile:
    path: Path
    key: str
    digest: str
    data: bytes
    error: str | None = None
    # The file's size and modification time when it was read (see `scan.file_stamp`):
    # an update reads again only a file whose stamp changed.
    stamp: tuple[int, int] | None = None


def sample_report_path() -> Path:
    """The sample report bundled with the package."""
    return Path(str(resources.files("rsearch.corpus") / "data" / SAMPLE_NAME))


def report_key(path: Path, root: Path) -> str:
    """A readable key from the file's path within the folder it was indexed from
    (2019/wco-report.pdf is 2019-wco-report; a file named on its own is its name):
    it depends on nothing but that path."""
    relative = path.relative_to(root) if path != root else Path(path.name)
    return slug(str(relative.with_suffix(""))) or "report"


def slug(name: str) -> str:
    return re.sub(r"[^\w\-]+", "-", name).strip("-").lower()


def find_reports(roots: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(file, root) for the report files named or under the folders named, in a
    stable order; a file under two roots belongs to the first.

    A path that does not exist raises FileNotFoundError.
    """
    return scan_reports(roots).files


def assign_keys(files: list[tuple[Path, Path]], known: dict[str, str] | None = None,
                taken: Container[str] = frozenset()) -> dict[Path, str]:
    """Each file's key: the one it had (`known`, by path), else its path's key.
    Two files whose paths give one key (a.txt beside a.pdf) are told apart by
    their suffix, the first in path order keeping the plain key. `taken`: keys
    of other files, which no file here gets (looked up, not copied: an update
    that adds one file to a large archive passes every report's key)."""
    known = known or {}
    keys: dict[Path, str] = {}
    given = {known[str(f)] for f, _ in files if str(f) in known}
    # (as Path order, without Path's slow comparisons)
    for file, root in sorted(files, key=lambda fr: (fr[0].parts, fr[1].parts)):
        if str(file) in known:
            keys[file] = known[str(file)]
            continue
        key = report_key(file, root)
        if key in given or key in taken:
            key = f"{key}-{file.suffix.lstrip('.').lower()}" if file.suffix else key
        n, base = 2, key
        while key in given or key in taken:
            key, n = f"{base}-{n}", n + 1
        given.add(key)
        keys[file] = key
    return keys


# A file modified this recently when it is read may change again within the
# file system's timestamp granularity without its stamp changing ("racily
# clean", as git calls it): its stamp is not kept, so the next update hashes it.
RACY_NANOSECONDS = 2_000_000_000


def read_report_files(files: Iterable[tuple[Path, str]]) -> Iterator[ReportFile]:
    """Read each (file, key) once, with its stamp taken before its bytes (a
    change while it is read gives it a newer stamp than the one kept)."""
    for path, key in files:
        try:
            stat = path.stat()
            data = path.read_bytes()
        except OSError as e:
            yield ReportFile(path, key, "", b"", f"cannot read the file ({e.strerror})")
            continue
        racy = time.time_ns() - stat.st_mtime_ns < RACY_NANOSECONDS
        yield ReportFile(path, key, hashlib.sha256(data).hexdigest(), data,
                         stamp=None if racy else file_stamp(stat))


def parse_report_file(file: ReportFile) -> Report:
    """Decode and parse one file; raises UnreadableReport when it is no report."""
    # Imported here: an update that finds nothing changed never parses.
    from .formats import extract
    from .parser import parse_report

    if file.error:
        raise UnreadableReport(str(file.path), file.error, UNREADABLE)
    extracted = extract(file.data, str(file.path), file.path.suffix)
    report = parse_report(extracted, file.key, str(file.path))
    if not report.passages:
        raise UnreadableReport(str(file.path), "no paragraphs of text found")
    return report


def read_report(path: str | Path) -> Report:
    """Read and parse one report file."""
    path = Path(path).resolve()
    [file] = list(read_report_files([(path, report_key(path, path))]))
    return parse_report_file(file)
