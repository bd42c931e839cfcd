"""A Sphinx 2.2 / Manticore Search cluster spoken to over SphinxQL: shard
tables of real-time rows (rows.py), filled by rsearch (push.py), searched
through a distributed table (ranking.py, filters.py), listed (listing.py).
`config.py` writes the nodes' configs and the cluster file."""

from __future__ import annotations

import re
from pathlib import Path

from ...retrieval import Filters, paged
from .. import Engine, UnknownEngine, Warn
from .config import Cluster

URL_RE = re.compile(r"sphinxql://([^:/\s]+):(\d+)/?")


def cluster_of(url_or_path: str, *, allow_partial: bool = False,
               warn: Warn | None = None) -> SphinxQLEngine:
    """The engine of sphinxql://HOST:PORT, a cluster.json or its folder."""
    m = URL_RE.fullmatch(url_or_path)
    if m:
        return SphinxQLEngine(Cluster.single(m.group(1), int(m.group(2))), allow_partial, warn)
    path = Path(url_or_path)
    if path.is_dir():
        path = path / "cluster.json"
    try:
        cluster = Cluster.from_json(path.read_text("utf-8"), str(path))
    except OSError as e:
        raise UnknownEngine(f"cannot read the cluster file {path}: {e.strerror}") from None
    except (ValueError, KeyError, TypeError) as e:
        raise UnknownEngine(f"{path} is not a cluster file rsearch wrote ({e})") from None
    return SphinxQLEngine(cluster, allow_partial, warn)


def page_of(items, offset: int, limit: int | None):
    """Items offset+1.. offset+limit of an iterator, the rest never read."""
    from itertools import islice

    return islice(items, offset, None if limit is None else offset + max(limit, 0))


class SphinxQLEngine(Engine):
    def __init__(self, cluster: Cluster, allow_partial: bool = False, warn: Warn | None = None):
        from .connection import Nodes
        from .listing import Listings

        self.cluster, self.where = cluster, cluster.where
        self.nodes = Nodes(cluster, allow_partial, warn)
        self.listings = Listings(self.nodes)

    def open(self) -> None:
        self.nodes.meta()

    def remembered(self) -> list[Path]:
        return self._pusher().roots()

    def index(self, paths, *, rebuild=False, replace=False, progress=None):
        return self._pusher().index(list(paths), rebuild, replace, progress)

    def remove(self, paths):
        return self._pusher().remove(list(paths))

    def _pusher(self):
        from .push import Pusher

        return Pusher(self.nodes)

    def _filters(self):
        from .filters import ClusterFilters

        return ClusterFilters(self.nodes, self.listings.other_names, self.listings.unit_keys)

    def search(self, query, filters=None, *, limit=10, offset=0, exact=False):
        found = self._search(filters).run(query, limit, offset, exact)
        return [self.listings.hit(*item) for item in found]

    def count(self, query, filters=None, *, exact=False):
        from .counting import cluster_totals

        search = self._search(filters)
        return cluster_totals(search, search.prepared(query, exact))

    def page(self, query, filters=None, *, limit=10, offset=0, exact=False, bounded=False):
        # Counted exactly, bounded or not: the nodes score a batch of rows at once.
        from ...retrieval import Page
        from .counting import cluster_totals

        search = self._search(filters)
        prepared = search.prepared(query, exact)
        hits = [self.listings.hit(*item) for item in search.ranked(prepared, limit, offset)]
        return Page(hits, cluster_totals(search, prepared))

    def _search(self, filters):
        from .ranking import ClusterSearch

        return ClusterSearch(self.nodes, self.listings, self._filters().conditions(
            filters or Filters()))

    def passage(self, passage_id):
        return self.listings.passage(passage_id)

    def context(self, passage_id, before_after):
        return self.listings.context(passage_id, before_after)

    def units(self, filters=None, *, offset=0, limit=None):
        return page_of(self.listings.units_in_order(self._report_conditions(filters)), offset,
                       limit)

    def topics(self, filters=None, *, offset=0, limit=None):
        return paged([self.listings.topics(self._report_conditions(filters))], offset, limit)

    def reports(self, filters=None, *, offset=0, limit=None):
        copies: dict[str, list[str]] = {}
        for duplicate in self.nodes.record().get("duplicates", []):
            copies.setdefault(duplicate["of_key"], []).append(duplicate["path"])
        found = ({**report, "duplicates": sorted(copies.get(report["key"], []))}
                 for report in self.listings.in_order(self._report_conditions(filters)))
        return page_of(found, offset, limit)

    def _report_conditions(self, filters) -> list[str]:
        return self._filters().report_conditions(filters or Filters())

    def overview(self, query, by, filters=None, *, exact=False):
        from .overview import ClusterOverview

        conditions = self._filters().conditions(filters or Filters())
        return ClusterOverview(self.nodes, self.listings, conditions).count(query, by, exact)

    def check(self):
        from .check import check_cluster

        return check_cluster(self.nodes)

    def close(self) -> None:
        self.nodes.close()
