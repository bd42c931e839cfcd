"""glibc's allocator as a search, a process of its own, is best served by it.

A search makes and drops its arrays by the hundred (postings decoded, masks,
sorts, lengths). glibc maps each block from 128 KB up afresh and unmaps it
when freed (the bound rising only as such blocks are freed), and every page
of a fresh mapping is a fault as it is first written: at 100,000 reports
8,000-30,000 faults a search, much of its system time. With mallopt(3), a
block under 32 MB comes from the heap, what is freed stays there for the next
one, and the heap grows 16 MB at a time: a third to a half fewer faults, for
the same peak. An index build, which runs for minutes and frees hundreds of
MB, is left to glibc's own bounds (RSEARCH_MALLOC=default leaves a search
to them too, to compare).
"""

from __future__ import annotations

import os

# (M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, M_TOP_PAD) and their values.
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
