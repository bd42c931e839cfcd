"""Find report files, key them, and read each through the reader of its format."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import UnreadableReport
from .formats import extract
from .model import Report
from .parser import parse_report

REPORT_SUFFIXES = (".txt", ".text", ".pdf", ".docx", ".odt")
SAMPLE_NAME = "2016-apec-sccp2-report.txt"


@dataclass(frozen=True)
class ReportFile:
    path: Path
    key: str
    digest: str
    data: bytes
    error: str | None = None


def sample_report_path() -> Path:
    """The sample report bundled with the package."""
    return Path(str(resources.files("rsearch.corpus") / "data" / SAMPLE_NAME))


def report_key(path: Path, taken: set[str]) -> str:
    """A short readable key from the file name, made unique within one corpus."""
    key, parent = slug(path.stem) or "report", path.parent
    while key in taken and parent != parent.parent:
        key = f"{slug(parent.name)}-{key}"
        parent = parent.parent
    n = 2
    base = key
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def slug(name: str) -> str:
    return re.sub(r"[^\w\-]+", "-", name).strip("-").lower()


def find_report_files(paths: Iterable[Path]) -> list[Path]:
    """Report files named or under the folders named, in a stable order.

    A path that does not exist raises FileNotFoundError.
    """
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(str(path))
        if path.is_dir():
            # Hidden only below the folder named: "../reports" or "~/.local/reports" count.
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                                and not any(part.startswith(".")
                                            for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p.resolve(), None)
    return list(unique)


def read_report_files(paths: Iterable[Path], known_keys: dict[str, str] | None = None
                      ) -> Iterator[ReportFile]:
    """Read each file once and key it; a path in `known_keys` keeps the key it had."""
    known_keys = known_keys or {}
    taken = set(known_keys.values())
    for path in paths:
        key = known_keys.get(str(path)) or report_key(path, taken)
        try:
            data = path.read_bytes()
        except OSError as e:
            yield ReportFile(path, key, "", b"", f"cannot read the file ({e.strerror})")
            continue
        yield ReportFile(path, key, hashlib.sha256(data).hexdigest(), data)


def parse_report_file(file: ReportFile) -> Report:
    """Decode and parse one file; raises UnreadableReport when it is no report."""
    if file.error:
        raise UnreadableReport(str(file.path), file.error)
    extracted = extract(file.data, str(file.path), file.path.suffix)
    report = parse_report(extracted, file.key, str(file.path))
    if not report.passages:
        raise UnreadableReport(str(file.path), "no paragraphs of text found")
    return report


def read_report(path: str | Path) -> Report:
    """Read and parse one report file."""
    path = Path(path)
    [file] = list(read_report_files([path]))
    return parse_report_file(file)
