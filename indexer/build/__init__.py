"""Building: a report file parsed into the documents Whoosh stores
(documents), written into segments by our writer (writer), in this process or
in worker processes (workers), and committed to the index folder under its
lock, a new generation for a rebuild (store).

Names are imported from their modules on first use: a search loads none of it.
"""

from __future__ import annotations

from ...corpus.exports import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["IndexResult", "build_index", "remove_from_index", "roots_kept"],
                    "store"),
    "prepare": "documents",
    **dict.fromkeys(["OptimizeResult", "optimize_index"], "optimize"),
    "not_indexed": "accounting",
    "default_workers": "workers",
    **dict.fromkeys(["Copy", "Duplicate", "STILL_DUPLICATE", "TO_INDEX", "UNCHANGED", "settle",
                     "sort_read"], "duplicates"),
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
