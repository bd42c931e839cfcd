"""Python's cycle collector paused over work that makes many small objects and
no cycles to speak of."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector paused, as it was before afterwards. Each pass walks
    every object of the process, and passes come with the containers made:
    a search of a common name makes tens of thousands (47 ms of a one-shot
    search that bounds 60,000 passages), a walk of 100,000 report files a few
    a file (some 80 ms of its 550). What the work leaves in cycles, if
    anything, is collected after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
