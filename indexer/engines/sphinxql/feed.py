"""Rows on their way to the shards, fast: reports read, parsed and analysed
side by side in worker processes (documents.prepare, then rows.rows_of, each
row rendered as its SQL values there), and their rows gathered per shard and
sent many reports to a statement.

A push of one report per statement spent its time in round trips and in the
engine's commits (each REPLACE is a transaction, and Sphinx merges its RAM
segments at each): gathered, a statement carries a few thousand rows.
A shard's gathered reports are deleted by key in one statement before their
rows are sent, and each report's own row still follows its passages, so a
push cut short converges when run again (push.py)."""

from __future__ import annotations

import contextlib
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field

from ...build import prepare
from .config import FIELDS, MULTI_64, STRINGS
from .rows import h63, rows_of

# A statement is sent once a shard has gathered this many rows or bytes
# (nodes take packets of up to 32 MB: config.py).
BATCH_ROWS = 4000
BATCH_BYTES = 8 << 20
# Pushed files: up to this many are prepared here; past it, in worker
# processes (whose start costs about as much).
IN_PROCESS_FILES = 8
# Files in the workers' hands beyond one each, so that none waits.
AHEAD_PER_WORKER = 4


def columns() -> tuple[str, ...]:
    """Every column a row may fill, in the order values are rendered."""
    from .config import BIGINTS, UINTS

    return ("id", *FIELDS, *UINTS, *BIGINTS, *MULTI_64, *STRINGS)


COLUMNS = columns()
# As pymysql escapes a string (converters.escape_string), by str.replace,
# which is several times faster than its str.translate on long text.
_ESCAPES = (("\\", "\\\\"), ("\0", "\\0"), ("\n", "\\n"), ("\r", "\\r"), ("\x1a", "\\Z"),
            ("'", "\\'"), ('"', '\\"'))


def quoted(text: str) -> str:
    for char, escaped in _ESCAPES:
        if char in text:
            text = text.replace(char, escaped)
    return "'" + text + "'"


def render(row: dict) -> str:
    """A row's values in COLUMNS order, as SQL; a column it lacks is empty."""
    cells = []
    for c in COLUMNS:
        value = row.get(c)
        if c in MULTI_64:
            cells.append("(" + ",".join(str(int(v)) for v in value or ()) + ")")
        elif c in FIELDS or c in STRINGS:
            cells.append(quoted(value or ""))
        else:
            cells.append(str(int(value or 0)))
    return "(" + ", ".join(cells) + ")"


@dataclass
class Ready:
    """One file prepared: its rows rendered (report row last), or why it was skipped."""

    path: str
    key: str
    skipped: str | None = None
    skip_kind: str = ""
    passages: int = 0
    rows: list[str] = field(default_factory=list)


def ready(file) -> Ready:
    prepared = prepare(file)
    if prepared.skipped:
        return Ready(prepared.path, prepared.key, prepared.skipped, prepared.skip_kind)
    return Ready(prepared.path, prepared.key,
                 passages=sum(1 for d in prepared.documents if d["kind"] == "passage"),
                 rows=[render(row) for row in rows_of(prepared.documents)])


class Prepared:
    """Files prepared in the order given, in worker processes past the first few."""

    def __init__(self):
        self.handed = 0
        self.pool: ProcessPoolExecutor | None = None
        self.queued: deque[tuple[Future, object]] = deque()

    def put(self, file, tag) -> list[tuple[Ready, object]]:
        """Hand a file over; the files done by now, in order, with their tags."""
        self.handed += 1
        if self.handed <= IN_PROCESS_FILES:
            return [(ready(file), tag)]
        if self.pool is None:
            self.workers = default_workers()
            import multiprocessing

            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork"),
                initializer=start_worker)
        self.queued.append((self.pool.submit(ready, file), tag))
        done = []
        while len(self.queued) > self.workers * (AHEAD_PER_WORKER + 1) or (
                self.queued and self.queued[0][0].done()):
            future, tagged = self.queued.popleft()
            done.append((future.result(), tagged))
        return done

    def rest(self) -> list[tuple[Ready, object]]:
        done = [(future.result(), tag) for future, tag in self.queued]
        self.queued.clear()
        return done

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def default_workers() -> int:
    from ...build import default_workers as per_core

    return per_core()


def start_worker() -> None:
    """A worker leaves Ctrl-C to the pushing process, which stops the pool,
    and dies with it (even by kill -9) where the kernel can say so."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class Gathered:
    """Rows gathered per shard table, sent when a statement is full: each
    shard's from a thread of its own, so that the nodes index side by side
    while the next rows are prepared (one statement in flight per shard)."""

    def __init__(self, nodes, shard_of):
        self.nodes, self.shard_of = nodes, shard_of
        self.pending: dict[str, tuple[object, list[int], list[str], int]] = {}
        self.sending: dict[str, Future] = {}
        self.threads: ThreadPoolExecutor | None = None

    def add(self, key: str, rows: list[str]) -> None:
        shard, node = self.shard_of(key)
        _, keys, values, size = self.pending.get(shard.table, (node, [], [], 0))
        keys.append(h63(key))
        values += rows
        size += sum(map(len, rows))
        self.pending[shard.table] = (node, keys, values, size)
        if len(values) >= BATCH_ROWS or size >= BATCH_BYTES:
            self.send(shard.table)

    def send(self, table: str) -> None:
        """A shard's gathered rows on their way (after its statement in flight)."""
        self.wait(table)
        if self.threads is None:
            self.threads = ThreadPoolExecutor(len(self.nodes.cluster.shards))
        self.sending[table] = self.threads.submit(self.write, table, *self.pending.pop(table)[:3])

    def wait(self, table: str) -> None:
        future = self.sending.pop(table, None)
        if future is not None:
            future.result()

    def write(self, table: str, node, keys: list[int], values: list[str]) -> None:
        """The reports' rows deleted by key, then their new rows written."""
        self.nodes.run(node, f"DELETE FROM {table} WHERE report_h IN "
                       f"({', '.join(map(str, keys))})")
        statement, size = [], 0
        for value in values:
            if statement and (len(statement) >= BATCH_ROWS or size + len(value) > BATCH_BYTES):
                self.replace(node, table, statement)
                statement, size = [], 0
            statement.append(value)
            size += len(value)
        if statement:
            self.replace(node, table, statement)

    def replace(self, node, table: str, values: list[str]) -> None:
        self.nodes.run(node, f"REPLACE INTO {table} ({', '.join(COLUMNS)}) VALUES "
                       + ", ".join(values))

    def flush(self) -> None:
        """Every gathered row written."""
        for table in list(self.pending):
            self.send(table)
        for table in list(self.sending):
            self.wait(table)

    def close(self) -> None:
        """Rows not sent are dropped (a push cut short: the next one converges)."""
        if self.threads is not None:
            self.threads.shutdown(wait=True, cancel_futures=True)
            self.threads = None
        self.pending.clear()
        self.sending.clear()
