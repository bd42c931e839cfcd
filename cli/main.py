"""The `rsearch` command: the group with every command, and the entry point."""

from __future__ import annotations

import gc
import os

# The cycle collector is paused over the commands' imports (Click, the
# library, Whoosh): run, it made some 40 passes over the objects they made,
# finding next to nothing (4-5 ms of every command). What they made is then
# frozen (as main() freezes it): a collection right after the pause would
# walk all of it at once, for as long.
_collecting = gc.isenabled()
gc.disable()
try:
    from .cluster_commands import cluster
    from .group import cli
    from .index_commands import check, index, remove
    from .listing_commands import meetings, reports, topics
    from .optimize_command import optimize
    from .search_commands import cite, search, show
finally:
    gc.freeze()
    if _collecting:
        gc.enable()

for command in (index, check, remove, optimize, search, show, cite, meetings, topics, reports,
                cluster):
    cli.add_command(command)


# numpy's OpenBLAS starts a thread per core as numpy is imported, and
# rsearch multiplies no matrices: one thread saves some 16 ms of CPU of every
# command that imports numpy (a search of a common term, filters, --by).
BLAS_THREADS = {"OPENBLAS_NUM_THREADS": "1"}

# glibc's allocator, as mallopt(3) sets it: a block under 32 MB comes from the
# heap, and what is freed stays there for the next one (and the heap grows
# 16 MB at a time), instead of each large block (by default from 128 KB up,
# the bound rising only as such blocks are freed) being mapped afresh and
# unmapped when freed. A search's arrays (postings decoded, masks, sorts) are
# made and dropped by the hundred, and each fresh page is a fault: at 100,000
# reports 8,000-30,000 faults a search, a third to a half fewer so, for the
# same peak. (M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, M_TOP_PAD.)
MALLOC_OPTIONS = ((-3, 32 << 20), (-1, 256 << 20), (-2, 16 << 20))


def keep_freed_memory() -> bool:
    """Set MALLOC_OPTIONS where the C library has mallopt (glibc); whether it did."""
    if os.environ.get("RSEARCH_MALLOC") == "default":
        return False
    try:
        import ctypes  # numpy, which a search imports, imports it too

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, ImportError):
        return False  # not glibc (macOS, Windows): its own allocator as it is
    return all(mallopt(option, value) == 1 for option, value in MALLOC_OPTIONS)


def main() -> None:
    # Every command is a new process, and what it has imported stays until it
    # exits: frozen, it is never walked again by the cycle collector, which
    # walks every object once more as the process exits (13-20 ms of a search).
    gc.freeze()
    keep_freed_memory()
    for name, value in BLAS_THREADS.items():
        os.environ.setdefault(name, value)  # a user's own setting stands
    cli(prog_name="rsearch")


if __name__ == "__main__":
    main()
