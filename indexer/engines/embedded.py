"""The embedded index (a folder on this machine) behind the engine interface."""

from __future__ import annotations

from pathlib import Path

from ..errors import CorruptIndex
from ..retrieval import ReportIndex
from . import Checked, Engine

# Building loads the report readers and the workers: a search, a process of
# its own, must not pay for them, so build's names are imported where used.


class EmbeddedEngine(Engine):
    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.where = str(index_dir)
        self._index = None

    def open(self) -> None:
        if self._index is None:
            self._index = ReportIndex(self.index_dir)

    @property
    def opened(self):
        self.open()
        return self._index

    def remembered(self) -> list[Path]:
        from ..storage import remembered_roots

        return remembered_roots(self.index_dir)

    def sources_unknown(self) -> bool:
        return not self.remembered() and any(self.index_dir.glob("gen-*"))

    def index(self, paths, *, rebuild=False, replace=False, progress=None):
        from ..build import build_index

        return build_index(self.index_dir, paths, rebuild=rebuild, replace=replace,
                                   progress=progress)

    def remove(self, paths):
        from ..build import remove_from_index

        return remove_from_index(self.index_dir, paths)

    def search(self, query, filters=None, *, limit=10, offset=0, exact=False):
        return self.opened.search(query, filters, limit=limit, offset=offset, exact=exact)

    def count(self, query, filters=None, *, exact=False):
        return self.opened.count(query, filters, exact=exact)

    def page(self, query, filters=None, *, limit=10, offset=0, exact=False, bounded=False):
        return self.opened.page(query, filters, limit=limit, offset=offset, exact=exact,
                                bounded=bounded)

    def passage(self, passage_id):
        return self.opened.passage(passage_id)

    def context(self, passage_id, before_after):
        return self.opened.context(passage_id, before_after)

    def units(self, filters=None, *, offset=0, limit=None):
        return self.opened.listing("units", filters, offset=offset, limit=limit)

    def topics(self, filters=None, *, offset=0, limit=None):
        return self.opened.listing("topics", filters, offset=offset, limit=limit)

    def reports(self, filters=None, *, offset=0, limit=None):
        return self.opened.listing("reports", filters, offset=offset, limit=limit)

    def overview(self, query, by, filters=None, *, exact=False):
        return self.opened.overview(query, by, filters, exact=exact)

    def check(self) -> Checked:
        from ..storage import check_index

        result = check_index(self.index_dir)
        return Checked(self.where, f"{result.files} files, {result.documents} documents verified",
                       result.problems,
                       f"the index in {self.where} is damaged; {CorruptIndex.hint}")

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
