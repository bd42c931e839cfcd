"""Find report files and decode them, whatever encoding an old file was saved in."""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .model import Report
from .parser import parse_report

REPORT_SUFFIXES = (".txt", ".text")
SAMPLE_NAME = "2016-apec-sccp2-report.txt"


class CorpusError(Exception):
    """A report file that cannot be read; the message says why."""


class UnreadableReport(CorpusError):
    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


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


def decode_report(data: bytes, path: str = "<bytes>") -> str:
    """Bytes to text: BOMs first, then UTF-8, then a detected legacy encoding."""
    if not data.strip():
        raise UnreadableReport(path, "empty file")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as e:
                raise UnreadableReport(path, f"not valid {encoding}: {e.reason}") from None
    if b"\x00" in data[:4096]:
        raise UnreadableReport(path, "binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Taiwan's legacy files are Big5; CP950 is Microsoft's superset of it.
    for encoding in ("cp950", "big5hkscs"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and looks_like_text(str(best)):
        return str(best)
    raise UnreadableReport(path, "cannot detect the text encoding")


def looks_like_text(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return controls / len(text) < 0.01


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
    text = decode_report(file.data, str(file.path))
    report = parse_report(text, file.key, str(file.path))
    if not report.passages:
        raise UnreadableReport(str(file.path), "no paragraphs of text found")
    return report


def read_report(path: str | Path) -> Report:
    """Read and parse one report file."""
    path = Path(path)
    [file] = list(read_report_files([path]))
    return parse_report_file(file)
