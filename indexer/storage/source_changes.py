"""The list of the index's report files as an update keeps it: a base list
(sources.py, written whole by a build, and again once the changes outgrow a
share of it) and the changes since (`sources-changes`: the rows added or
rewritten, and the base's paths they drop or replace), so that an update
writes the files it changed, not the list of every report (some 21 MB at
100,000 reports), and reads the base it did not write as it is.

Both are small files of the generation that its checksums commit: each is
written beside the old one as `<name>.next` and moved in place after the
checksums (index_files.seal_generation), so an update cut short at any step,
kill -9 included, reads as the list before it or after it. A base with
changes beside it has version 2, which an rsearch that knows no changes
refuses: it makes its list from the report documents again instead of
reading a base without its changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import CorruptIndex
from .sources import SOURCES_FILE, SOURCES_VERSION, SourceRow, Sources, _join, _split

CHANGES_FILE = "sources-changes"
CHANGES_VERSION = 1
MAGIC = b"rsearch-source-changes "
# The changes are folded into a new base when they hold more rows than the
# base's share 1/COMPACT_SHARE (and COMPACT_ROWS at least): the base is
# rewritten once every so many changed files, the changes stay small.
COMPACT_SHARE = 8
COMPACT_ROWS = 1000


@dataclass(frozen=True)
class Stored:
    """A list as stored: the number of rows of its base, the base's paths the
    changes drop (removed, or replaced by a row of `rows`), and the rows
    since the base, by path. (The base itself is not kept: once the list is
    read, the update holds one copy of its rows.)"""

    base_rows: int
    dropped: frozenset[str]
    rows: dict[str, SourceRow]

    def changed(self, removed: list[str], added: dict[str, SourceRow],
                listed: Sources) -> Stored:
        """The stored form of the list `listed` (which this one stands for)
        with `removed` taken out and `added` put in."""
        touched = set(removed) | added.keys()
        rows = {p: r for p, r in self.rows.items() if p not in touched}
        rows.update(added)
        # A path listed and not among the rows since the base is the base's
        # (one of the rows that is also the base's was dropped when written).
        dropped = self.dropped | {p for p in touched if p not in self.rows and p in listed}
        return Stored(self.base_rows, frozenset(dropped), rows)

    def size(self) -> int:
        return len(self.dropped) + len(self.rows)

    def encode(self) -> bytes:
        dropped = _join(sorted(self.dropped))
        header = {"version": CHANGES_VERSION, "dropped": len(self.dropped),
                  "length": len(dropped)}
        return b"".join([MAGIC, json.dumps(header, sort_keys=True).encode("ascii"), b"\n",
                         dropped, Sources.from_rows(self.rows.values()).encode()])

    @classmethod
    def decode(cls, base: Sources, data: bytes) -> Stored:
        """The changes file `data` of the list `base`."""
        """Raises CorruptIndex when the data is no changes file."""
        try:
            head, _, body = data.partition(b"\n")
            if not head.startswith(MAGIC):
                raise ValueError
            header = json.loads(head[len(MAGIC):])
            if header["version"] != CHANGES_VERSION:
                raise ValueError
            length = header["length"]
            dropped = frozenset(_split(body[:length], header["dropped"]))
            rows = Sources.decode(body[length:], CHANGES_FILE)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise CorruptIndex(f"{CHANGES_FILE} is not a list of changed report files") from None
        return cls(len(base), dropped, {row.path: row for row in rows})


def with_changes(base: Sources, data: bytes | None) -> Sources:
    """The list a base and its changes file (None: none kept) stand for, which
    remembers how it is stored. A version 1 base keeps no changes: the next
    update writes the list whole."""
    if base.version != SOURCES_VERSION:
        return base
    stored = Stored(len(base), frozenset(), {}) if data is None else Stored.decode(base, data)
    sources = base.changed(stored.dropped, stored.rows.values()) if stored.size() else base
    if sources is base:
        sources = base.copy()
    sources.stored = stored
    return sources


def files_to_write(sources: Sources) -> dict[str, bytes]:
    """The files an update writes for its list of report files: the changes
    since the base alone, or (a list with no base read, or changes grown past
    their share) the whole list as a new base, with no changes beside it."""
    stored = sources.stored
    if stored is not None and stored.size() <= max(COMPACT_ROWS,
                                                   stored.base_rows // COMPACT_SHARE):
        return {CHANGES_FILE: stored.encode()}
    none = Stored(len(sources), frozenset(), {})
    return {SOURCES_FILE: sources.encode(), CHANGES_FILE: none.encode()}
