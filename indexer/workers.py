"""Analysis of report files for indexing: in this process or in worker processes.

A few files are analyzed here; more go to one worker process per core while
this process writes the index. Workers leave Ctrl-C to the indexing process
and end when it ends, even by kill -9.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rsearch.corpus import ReportFile

Progress = Callable[[int, int, str], None]
# Up to this many changed files are analyzed in the indexing process; more go
# to worker processes, whose start costs about as much as analyzing this many
# (a fresh index of 8 benchmark reports: 0.44-0.48 s here, 0.42-0.44 s with
# two workers; of 4: 0.35-0.37 s here, 0.36-0.38 s with workers).
IN_PROCESS_FILES = 8
# Files handed to the workers ahead of the one being written. Results are
# taken in order, so a long report at the head holds back the rest; two
# files per worker left the workers idle a third of a build (1,000 reports:
# 33 s with 2 per worker, 21 s with 16 or 32). A result waiting is 20-330 KB
# pickled.
IN_FLIGHT_PER_WORKER = 16


class Analysis:
    """Files parsed and analyzed, given back in order by iterating.

    A few files are analyzed here; more go to `workers` processes beside this
    one, which writes the index meanwhile. At most IN_FLIGHT_PER_WORKER files
    per worker are in flight at once, so memory stays bounded when writing is
    slower than analysis; `read_ahead` raises that for a while.
    """

    def __init__(self, files: list[ReportFile], workers: int,
                 progress: Progress | None) -> None:
        self._files, self._workers, self._progress = files, workers, progress
        self._queue = iter(files)
        self._pending: deque = deque()
        self._executor: ProcessPoolExecutor | None = None

    def __iter__(self) -> Iterator:
        if len(self._files) <= IN_PROCESS_FILES or self._workers < 1:
            return self._here()
        return self._in_workers()

    @property
    def in_flight(self) -> int:
        """Files handed to the workers whose results are not taken yet."""
        return len(self._pending)

    def read_ahead(self, count: int) -> None:
        """Hand `count` more files to the workers than they would have: the
        caller is about to be busy a while (writing a segment) and would leave
        them idle. Their results wait (about 150 KB each) until it is back."""
        if self._executor is not None:
            self._submit(len(self._pending) + count)

    def _submit(self, up_to: int) -> None:
        from .documents import prepare

        while len(self._pending) < up_to:
            file = next(self._queue, None)
            if file is None:
                return
            self._pending.append(self._executor.submit(prepare, file))

    def _here(self) -> Iterator:
        from .documents import prepare

        for done, file in enumerate(self._files, start=1):
            prepared = prepare(file)
            self._report(done, prepared)
            yield prepared

    def _in_workers(self) -> Iterator:
        self._executor = ProcessPoolExecutor(max_workers=self._workers,
                                             initializer=_start_worker, initargs=(os.getpid(),))
        window = IN_FLIGHT_PER_WORKER * self._workers
        finished = False
        try:
            self._submit(window)
            done = 0
            while self._pending:
                prepared = self._pending.popleft().result()
                self._submit(window)
                done += 1
                self._report(done, prepared)
                yield prepared
            finished = True
        finally:
            self._executor.shutdown(wait=not finished, cancel_futures=not finished)
            self._executor = None

    def _report(self, done: int, prepared) -> None:
        if self._progress:
            self._progress(done, len(self._files), prepared.path)


def _start_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the main process, which cancels the build cleanly,
    and end when it ends, even by kill -9: a worker left behind would hold the
    caller's stdout and stderr open, and a caller reading them would hang."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    forked = os.getppid() == parent
    if sys.platform.startswith("linux") and forked:
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    threading.Thread(target=_exit_with, args=(parent, forked), daemon=True).start()


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_CHECK_SECONDS = 0.5


def _exit_with(parent: int, forked: bool) -> None:
    """Where the kernel cannot tell a worker its parent died (another system, a
    worker that started after its parent died, or one started by a fork
    server): look, now and then. A forked worker watches for being handed to
    another parent, which happens at once, even while the dead parent is a
    zombie that still answers to its pid."""
    while parent_alive(parent, forked):
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def parent_alive(parent: int, forked: bool) -> bool:
    if forked:
        return os.getppid() == parent
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass  # alive, owned by someone else
    try:  # a zombie is dead too, though its pid still answers
        return Path(f"/proc/{parent}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def default_workers() -> int:
    """Analysis processes: one per core (the writing process mostly waits on them)."""
    return max(1, min(os.cpu_count() or 1, 8))
