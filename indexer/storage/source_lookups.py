"""Lookups in the columns of the list of report files (sources.py): the row of
a path, and how many rows hold a value. A few lookups search a column's
bytes (in C: no value of it made a string), more make a table of it once:
an update that wrote a few files asks a few times, where a table of 100,000
reports costs more than the searches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

# Lookups of a column that search its bytes (each some 0.5 ms at 100,000
# reports) before its values are split and counted or put in a dict (some
# 20 ms).
SCANNED_LOOKUPS = 24
SEPARATOR = b"\0"


def encoded(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def places(data: bytes, value: bytes) -> list[int]:
    """Where the values equal to `value` start in `data`, a run of values
    separated by NUL (which no value holds)."""
    found = [0] if data == value or data.startswith(value + SEPARATOR) else []
    needle = SEPARATOR + value + SEPARATOR
    at = data.find(needle)
    while at >= 0:  # (neighbouring values share the NUL between them)
        found.append(at + 1)
        at = data.find(needle, at + len(needle) - 1)
    if data.endswith(SEPARATOR + value) and len(data) > len(value):
        found.append(len(data) - len(value))
    return found


class ColumnLookups:
    """Lookups in columns of `count` values, each column's bytes a run of values
    separated by NUL; `split` gives a column's values as a list, `split_yet`
    whether it has (then a lookup uses the list)."""

    def __init__(self, count: int, columns: dict[str, bytes],
                 split: Callable[[str], list[str]], split_yet: Callable[[str], bool]) -> None:
        self._count, self._columns, self._split = count, columns, split
        self._split_yet = split_yet
        self._rows: dict[str, int] | None = None
        self._lookups = 0
        self._scans: dict[str, int] = {}  # lookups of a column's values (holding)
        self._counts: dict[str, Counter] = {}

    def row_of(self, path: str) -> int | None:
        """The row of a path, None when no row has it."""
        if self._rows is None:
            self._lookups += 1
            if self._lookups <= SCANNED_LOOKUPS:
                if self._split_yet("paths"):
                    try:
                        return self._split("paths").index(path)
                    except ValueError:
                        return None
                if not self._count:
                    return None
                # The row is the number of NULs before the path's bytes.
                data = self._columns["paths"]
                at = places(data, encoded(path))
                return data.count(SEPARATOR, 0, at[0]) if at else None
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
                return len(places(self._columns[name], encoded(value)))
            self._counts[name] = Counter(self._split(name))
        return self._counts[name][value]


def value_span(data: bytes, row: int, count: int) -> tuple[int, int]:
    """Where the value of `row` (of `count`) starts and ends in `data`, found
    from a guess in proportion and the separators counted before it (in C),
    then a step a value to the row: no value of the column made."""
    if row == 0:
        start = 0
    else:
        # The row's value starts after the row-th separator.
        guess = row * len(data) // count
        seen = data.count(SEPARATOR, 0, guess)
        at = guess
        if seen >= row:
            for _ in range(seen - row + 1):
                at = data.rfind(SEPARATOR, 0, at)
        else:
            at -= 1
            for _ in range(row - seen):
                at = data.find(SEPARATOR, at + 1)
        if at < 0:
            raise ValueError("a column has the wrong number of values")
        start = at + 1
    end = data.find(SEPARATOR, start)
    return start, len(data) if end < 0 else end


def without_rows(data: bytes, count: int, rows: list[int]) -> bytes:
    """A column of `count` values with those of `rows` (sorted, distinct) taken
    out: the runs of values between them cut from the bytes and joined."""
    runs, kept_from, position = [], 0, 0
    for row in rows:
        start, end = value_span(data, row, count)
        if row > kept_from:
            runs.append(data[position:start - 1])
        kept_from, position = row + 1, end + 1
    if kept_from < count:
        runs.append(data[position:])
    return SEPARATOR.join(runs)


def kept_spans(rows: list[int], count: int) -> list[tuple[int, int]]:
    """The runs of rows (start, end) of `count` left when `rows` (sorted,
    distinct) are taken out."""
    spans, start = [], 0
    for row in [*rows, count]:
        if row > start:
            spans.append((start, row))
        start = row + 1
    return spans


def column_without(data: bytes, count: int, rows: list[int],
                   spans: list[tuple[int, int]]) -> bytes:
    """A column of `count` values with those of `rows` (sorted, distinct; the
    rest are `spans`, kept_spans()) taken out, as bytes: no value decoded to
    a string and encoded back; a few rows cut out where they are, more by
    splitting the column. Raises ValueError when the column is not `count`
    values."""
    if len(rows) <= SCANNED_LOOKUPS:
        return without_rows(data, count, rows)
    values = data.split(b"\0")
    if len(values) != count:
        raise ValueError
    return b"\0".join([v for a, b in spans for v in values[a:b]])
