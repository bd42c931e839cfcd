"""Where the passages live: one interface, one backend per room.

`open_engine(None, index_dir)` is the embedded index in a folder (the
default); `open_engine("sphinxql://HOST:PORT")` or a `cluster.json` written
by `rsearch cluster init` is a Sphinx/Manticore cluster spoken to over
SphinxQL. Either reads, cleans and structures the reports the same way and
answers with the same hits, records and listings: the CLI talks to this
interface only.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import IncompatibleIndex, SearchIndexError
from ..retrieval import Filters

# What `Engine.overview` counts by: a report's year (its date, else its trip's
# start), agency, kind of trip, each meeting a passage is under, the report.
OVERVIEW_BUCKETS = ("year", "agency", "type", "meeting", "report")

Progress = Callable[[int, int, str], None]
Warn = Callable[[str], None]


class UnknownEngine(SearchIndexError):
    hint = ("give sphinxql://HOST:PORT, the cluster.json that `rsearch cluster init` "
            "wrote, or no --engine for the index folder")


class EngineUnavailable(SearchIndexError):
    """A node did not connect or answer in time, or refused; the message names it."""

    hint = "start it (searchd --config DIR/NODE.conf) and try again"


class EngineMismatch(IncompatibleIndex):
    """The engine's tables were made for another layout or analysis than this rsearch's."""

    hint = ("write the configs again with `rsearch cluster init`, restart the nodes on "
            "empty data folders, then `rsearch index --rebuild`")


@dataclass
class Checked:
    """What Engine.check found: what was verified (a phrase), and the trouble,
    one line each, with the one-line error that sums it up (no problems: the
    store is sound)."""

    where: str
    verified: str = ""
    problems: list[str] = field(default_factory=list)
    failed: str = ""


class Engine(ABC):
    """Indexing and searching one store of passages."""

    where = ""  # what messages name: the index folder, or the cluster

    @abstractmethod
    def open(self) -> None:
        """Be ready to answer; raises NoIndex when nothing was indexed yet."""

    @abstractmethod
    def remembered(self) -> list[Path]:
        """The files and folders the index was built from."""

    def sources_unknown(self) -> bool:
        """Whether an index is there but does not say what it was built from."""
        return False

    @abstractmethod
    def index(self, paths: list[Path], *, rebuild: bool = False, replace: bool = False,
              progress: Progress | None = None):
        """Index reports under `paths` beside the remembered ones (store.IndexResult)."""

    @abstractmethod
    def remove(self, paths: list[Path]):
        """Forget files or folders and their reports (store.IndexResult)."""

    @abstractmethod
    def search(self, query: str, filters: Filters | None = None, *, limit: int = 10,
               offset: int = 0, exact: bool = False) -> list:
        """Ranked hits (retrieval.Hit), `offset + 1` to `offset + limit`."""

    @abstractmethod
    def count(self, query: str, filters: Filters | None = None, *, exact: bool = False):
        """How many passages, in how many reports, the query matches under the
        filters: every passage a search could list (counting.Totals)."""

    def page(self, query: str, filters: Filters | None = None, *, limit: int = 10,
             offset: int = 0, exact: bool = False, bounded: bool = False):
        """A page of hits and the totals it is a page of (counting.Page); an
        engine shares what the two read where it can. `bounded`: the totals
        may be a range (counting.Totals.at_most) where counting them exactly
        would read many passages (an engine may count them all the same)."""
        from ..retrieval import Page

        return Page(self.search(query, filters, limit=limit, offset=offset, exact=exact),
                    self.count(query, filters, exact=exact))

    @abstractmethod
    def passage(self, passage_id: str):
        """One passage (retrieval.PassageRecord)."""

    @abstractmethod
    def context(self, passage_id: str, before_after: int) -> tuple[list, list]:
        """The passages just before and after one, in report order."""

    # Listings: rows `offset + 1` to `offset + limit` (all from the offset when
    # no limit), narrowed by the report filters of `filters`, given as they
    # are made.

    @abstractmethod
    def units(self, filters: Filters | None = None, *, offset: int = 0,
              limit: int | None = None) -> Iterator[dict]:
        """Each report's meetings, sessions, sites and days with passage counts,
        reports in date order."""

    @abstractmethod
    def topics(self, filters: Filters | None = None, *, offset: int = 0,
               limit: int | None = None) -> Iterator[dict]:
        """Topics with their names, the glossaries' names and passage counts."""

    @abstractmethod
    def reports(self, filters: Filters | None = None, *, offset: int = 0,
                limit: int | None = None) -> Iterator[dict]:
        """Reports with their metadata, by date (the report's, else the trip's
        start; undated last), then key."""

    @abstractmethod
    def overview(self, query: str, by: str, filters: Filters | None = None, *,
                 exact: bool = False) -> list[dict]:
        """Passages and reports matching a query per bucket of `by` (one of
        OVERVIEW_BUCKETS), counted from the index without ranking."""

    @abstractmethod
    def check(self) -> Checked:
        """Verify the whole store (`rsearch check`); NoIndex when there is none."""

    @abstractmethod
    def close(self) -> None:
        """Let go of what open() took."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_engine(url_or_path: str | None, index_dir: Path, *, allow_partial: bool = False,
                warn: Warn | None = None) -> Engine:
    """The engine a `--engine` value names: none (or "embedded") for the index
    in `index_dir`, sphinxql://HOST:PORT for one node, or a cluster file."""
    if not url_or_path or url_or_path == "embedded":
        from .embedded import EmbeddedEngine

        return EmbeddedEngine(index_dir)
    from .sphinxql import cluster_of

    return cluster_of(url_or_path, allow_partial=allow_partial, warn=warn)


def write_cluster(folder: Path, nodes: int, base_port: int):
    """`rsearch cluster init`: a searchd config per node and the cluster file
    that `--engine` takes (sphinxql.config)."""
    from .sphinxql.config import write_cluster as write

    return write(folder, nodes, base_port)


__all__ = ["OVERVIEW_BUCKETS", "Checked", "Engine", "EngineMismatch", "EngineUnavailable",
           "UnknownEngine", "open_engine", "write_cluster"]
