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


def main() -> None:
    # Every command is a new process, and what it has imported stays until it
    # exits: frozen, it is never walked again by the cycle collector, which
    # walks every object once more as the process exits (13-20 ms of a search).
    gc.freeze()
    for name, value in BLAS_THREADS.items():
        os.environ.setdefault(name, value)  # a user's own setting stands
    cli(prog_name="rsearch")


if __name__ == "__main__":
    main()
