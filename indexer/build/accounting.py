"""Every file an `index` run did not index, by kind, with why.

The kinds, in the order they are counted: documents in a format rsearch
does not read (unsupported), files the system would not hand over
(unreadable), report files that do not read as a report (damaged: broken,
empty, encrypted, scanned, misnamed), files that repeat a report indexed
from another file (duplicate), devices, FIFOs and sockets, never opened
(special), and the other files found in the folders (not reports: images,
spreadsheets; hidden files are not counted)."""

from __future__ import annotations

from ...corpus.errors import DAMAGED, UNREADABLE, UNSUPPORTED
from .store import IndexResult

DUPLICATE, SPECIAL, OTHER = "duplicate", "special", "other"
KINDS = (UNSUPPORTED, UNREADABLE, DAMAGED, DUPLICATE, SPECIAL, OTHER)


def not_indexed(result: IndexResult) -> dict[str, list[tuple[str, str]]]:
    """(file, why) for each file not indexed, by kind (in KINDS order; kinds
    with no file left out), files sorted by path."""
    found: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for path, why in result.skipped:
        if path in result.kept:
            why += "; the index keeps its earlier version"
        found[result.skip_kinds.get(path) or DAMAGED].append((path, why))
    found[UNSUPPORTED] += result.unsupported
    found[DUPLICATE] += [(path, f"the same report as {of}, indexed once")
                         for path, of in result.duplicates]
    found[SPECIAL] += result.special
    found[OTHER] += [(path, "not a report file") for path in result.others]
    return {kind: sorted(files) for kind, files in found.items() if files}
