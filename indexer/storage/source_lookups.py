"""Lookups in the columns of the list of report files (sources.py): the row of
a path, and how many rows hold a value. A few lookups scan a column (in C),
more make a table of it once: an update that wrote a few files asks a few
times, where a table of 100,000 reports costs more than the scans."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

# Lookups by path that scan the paths (each some 0.3 ms at 100,000 reports)
# before a dict of them is made (some 20 ms).
SCANNED_LOOKUPS = 24


class ColumnLookups:
    """Lookups in columns of `count` values, each column's bytes a run of values
    separated by NUL; `split` gives a column's values as a list."""

    def __init__(self, count: int, columns: dict[str, bytes],
                 split: Callable[[str], list[str]]) -> None:
        self._count, self._columns, self._split = count, columns, split
        self._rows: dict[str, int] | None = None
        self._lookups = 0
        self._scans: dict[str, int] = {}  # lookups of a column's values (holding)
        self._counts: dict[str, Counter] = {}

    def row_of(self, path: str) -> int | None:
        """The row of a path, None when no row has it."""
        if self._rows is None:
            # A few lookups scan the column (in C); more make a dict of it.
            self._lookups += 1
            if self._lookups <= SCANNED_LOOKUPS:
                try:
                    return self._split("paths").index(path)
                except ValueError:
                    return None
            self._rows = dict(zip(self._split("paths"), range(self._count), strict=True))
        return self._rows.get(path)

    def holding(self, name: str, value: str) -> int:
        """How many rows have this value in a column: a few lookups search the
        column's bytes (an update that wrote one report asks of one text and
        one key, where splitting the column cost 10-15 ms at 100,000 reports),
        more count its values once."""
        if not self._count:
            return 0
        if name not in self._counts:
            self._scans[name] = self._scans.get(name, 0) + 1
            if self._scans[name] <= SCANNED_LOOKUPS:
                data = b"\0" + self._columns[name] + b"\0"
                needle = b"\0" + value.encode("utf-8", "surrogatepass") + b"\0"
                held, at = 0, data.find(needle)
                while at >= 0:  # (neighbouring rows share the NUL between them)
                    held += 1
                    at = data.find(needle, at + len(needle) - 1)
                return held
            self._counts[name] = Counter(self._split(name))
        return self._counts[name][value]
