"""Writing report files into new segments of an index: in this process, or in
worker processes that each parse, analyze and write segments of their own.

A few files are written here; more go to one worker process per core. The
segments are not part of the index until the caller's commit lists them.
Workers leave Ctrl-C to the indexing process and end when it ends, even by
kill -9.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import queue
import shutil
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ...corpus import ReportFile, read_report_files
from ..errors import WorkerFailed

Progress = Callable[[int, int, str], None]
# Up to this many changed files are written in the indexing process; more go
# to worker processes, whose start costs about as much as writing this many
# (a fresh index of 8 benchmark reports: 0.44-0.48 s here, 0.42-0.44 s with
# two workers; of 4: 0.35-0.37 s here, 0.36-0.38 s with workers).
IN_PROCESS_FILES = 8
# Files queued for each worker beyond the one in hand, so that none waits for
# the next; each holds the file's bytes until a worker takes it.
QUEUED_PER_WORKER = 4
# A segment is finished and another started once it holds this many postings
# (some 14 bytes each in the writer's pool, about 165 MB a writer, and as much
# again for a moment while the segment's end sorts them by term: 2026-12-06,
# writer.TermPool): memory stays bounded however large the corpus, and
# segments stay few, since every search visits each one.
SEGMENT_POSTINGS = 12_000_000
# How often the indexing process looks whether a worker died without a word.
WORKER_CHECK_SECONDS = 1.0
# A worker makes and drops a report's objects by the hundred thousand, almost
# none of them in cycles (reference counts free them): Python's cycle
# collector, run every 700 allocations by default, took 0.21 of 12.8 CPU s
# writing 600 archive reports (gc.callbacks); run every 100,000, 0.04 s.
# The same documents either way; cycles are still collected, later.
WORKER_GC_THRESHOLDS = (100_000, 20, 10)


@dataclass(frozen=True)
class Written:
    """One file done: its documents are in a new segment, or it was skipped
    (`skip_kind` says what kind of file it is). `text` and `digest` are
    the digests of its text and of its bytes."""

    path: str
    key: str
    skipped: str | None = None
    passages: int = 0
    alias_groups: frozenset[bytes] = frozenset()
    text: str = ""
    digest: str = ""
    skip_kind: str = ""
    stamp: tuple[int, int] | None = None  # the file's, when read (corpus.file_stamp)


class _Segments:
    """Writes files' documents into a new segment, and starts another once it
    holds SEGMENT_POSTINGS postings."""

    def __init__(self, index_dir: Path) -> None:
        from whoosh.filedb.filestore import FileStorage

        class OwnTempStorage(FileStorage):
            # Whoosh names a writer's temporary folder after the index and
            # removes it when the writer is done, with any other writer's
            # files in it: each process here has its own.
            def temp_storage(self, name: str | None = None):
                return super().temp_storage(_temp_name(name or "tmp", os.getpid()))

        self._ix = OwnTempStorage(str(index_dir)).open_index()
        self._writer = None

    def add(self, file: ReportFile | tuple[Path, str]) -> tuple[Written, object | None]:
        """Write one file (read here when given as its path and key); also returns
        a segment when this file completed one."""
        from ..storage import PASSAGE, REPORT
        from .documents import prepare
        from .name_groups import report_alias_groups
        from .writer import open_writer

        if not isinstance(file, ReportFile):
            [file] = read_report_files([file])
        prepared = prepare(file)
        if prepared.skipped:
            return Written(prepared.path, prepared.key, prepared.skipped,
                           skip_kind=prepared.skip_kind), None
        if self._writer is None:
            self._writer = open_writer(self._ix, lock=False)
        docs = prepared.documents
        for doc in docs:
            self._writer.add_document(**doc)
        report = next(d for d in docs if d["kind"] == REPORT)
        written = Written(prepared.path, prepared.key,
                          passages=sum(1 for d in docs if d["kind"] == PASSAGE),
                          alias_groups=frozenset(report_alias_groups(report["stored"]["data"])),
                          text=prepared.text, digest=prepared.digest, stamp=file.stamp)
        if self._writer.postings >= SEGMENT_POSTINGS:
            return written, self.finish()
        return written, None

    def finish(self):
        """The segment being written, finished (None if it holds nothing)."""
        writer, self._writer = self._writer, None
        return None if writer is None else writer.finish_segment()

    def cancel(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None


class Writing:
    """Files parsed, analyzed and written into new segments of the index in
    `index_dir`. Iterating gives what became of each file, in the order they
    are done; then `segments` holds the segments written, for the caller's
    commit to add to the index. A file not read yet (its path and key) is
    read where it is written: by the workers, side by side."""

    def __init__(self, index_dir: Path, files: list[ReportFile | tuple[Path, str]], workers: int,
                 progress: Progress | None) -> None:
        self._index_dir, self._files = index_dir, files
        self._workers, self._progress = workers, progress
        self.segments: list = []

    def __iter__(self) -> Iterator[Written]:
        if not self._files:
            return iter(())
        if len(self._files) <= IN_PROCESS_FILES or self._workers < 1:
            return self._here()
        return self._in_workers(min(self._workers, len(self._files)))

    def _here(self) -> Iterator[Written]:
        segments = _Segments(self._index_dir)
        try:
            for done, file in enumerate(self._files, start=1):
                written, segment = segments.add(file)
                if segment is not None:
                    self.segments.append(segment)
                self._report(done, written)
                yield written
            last = segments.finish()
        finally:
            segments.cancel()
        if last is not None:
            self.segments.append(last)

    def _in_workers(self, count: int) -> Iterator[Written]:
        import multiprocessing

        context = multiprocessing.get_context()
        jobs, results = context.Queue(), context.Queue()
        jobs.cancel_join_thread()  # files not taken by a worker are dropped at exit
        processes = [context.Process(target=_work, daemon=True,
                                     args=(self._index_dir, jobs, results, os.getpid()))
                     for _ in range(count)]
        files, handed = self._files, 0

        def hand_out(up_to: int) -> None:
            nonlocal handed
            while handed < min(up_to, len(files)):
                jobs.put(files[handed])
                handed += 1
                if handed == len(files):
                    for _ in processes:
                        jobs.put(None)  # no more

        completed = False
        try:
            for process in processes:
                process.start()
            hand_out((QUEUED_PER_WORKER + 1) * count)
            done = finished = 0
            while finished < count:
                kind, value = _next_result(results, processes)
                if kind == "written":
                    done += 1
                    hand_out(handed + 1)
                    self._report(done, value)
                    yield value
                elif kind == "segment":
                    self.segments.append(value)
                elif kind == "done":
                    finished += 1
                    if value is not None:
                        self.segments.append(value)
                else:
                    error, remote = value
                    raise error from WorkerFailed(remote)
            completed = True
        finally:
            for process in processes:
                if not completed and process.is_alive():
                    process.terminate()
                if process.pid is not None:
                    process.join()
                    if not completed:  # what a stopped worker was writing
                        for folder in self._index_dir.glob(_temp_name("*", process.pid)):
                            shutil.rmtree(folder, ignore_errors=True)

    def _report(self, done: int, written: Written) -> None:
        if self._progress:
            self._progress(done, len(self._files), written.path)


def _temp_name(name: str, pid: int) -> str:
    return f"{name}-{pid}"


def _next_result(results, processes: list) -> tuple[str, object]:
    while True:
        try:
            return results.get(timeout=WORKER_CHECK_SECONDS)
        except queue.Empty:
            for process in processes:
                if process.exitcode not in (None, 0):
                    raise WorkerFailed(f"an indexing worker ended unexpectedly "
                                       f"(exit code {process.exitcode})") from None


def _work(index_dir: Path, jobs, results, parent: int) -> None:
    """A worker: write the files handed out until told there are no more."""
    _start_worker(parent)
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    segments = _Segments(index_dir)
    try:
        while (file := jobs.get()) is not None:
            written, segment = segments.add(file)
            if segment is not None:
                results.put(("segment", segment))
            results.put(("written", written))
        results.put(("done", segments.finish()))
    except BaseException as e:
        with contextlib.suppress(Exception):
            segments.cancel()
        remote = traceback.format_exc()
        try:
            pickle.dumps(e)
        except Exception:
            e = WorkerFailed(f"{type(e).__name__}: {e}")
        results.put(("failed", (e, remote)))


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
    """Worker processes: one per core (the indexing process mostly waits on them)."""
    return max(1, min(os.cpu_count() or 1, 8))
