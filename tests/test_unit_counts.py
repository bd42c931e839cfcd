"""Matching passages per meeting come from the index's unit terms
(unit_counts.py): the rows are those of reading every matching passage's
record, for any query and filters, and where the terms cannot tell (a
folded key that several written keys, or none, fold to; a key that folds
to nothing) the records are read."""

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.indexer import ReportIndex
from rsearch.indexer.retrieval import unit_counts
from rsearch.indexer.retrieval.buckets import unit_buckets
from rsearch.indexer.storage import StoredPassage

from .test_filtered_search import QUERIES, Archive, filters, generated  # noqa: F401 (a fixture)

GROUPS = ["海關 AND AEO", "(海關 OR 關務) AND 會議", "單一窗口 -海關", '"優質企業" OR WCO']


@pytest.fixture(scope="module")
def opened_units(generated):  # noqa: F811 (the fixture imported)
    with ReportIndex(generated) as ix:
        yield ix, Archive(ix)


def every_record(searcher, docs, report_ids):
    """The reference: every matching passage's record read."""
    return unit_buckets(StoredPassage.of(searcher.stored[d]) for d in docs)


def with_extra_key(written):
    """A written key more for every other folded key: those are read from records."""
    def patched(reader, stored):
        found = written(reader, stored)
        return {term: ["不存在的會議", *keys] if i % 2 else keys
                for i, (term, keys) in enumerate(sorted(found.items()))}
    return patched


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), query=st.sampled_from(QUERIES + GROUPS),
       keys=st.sampled_from(["as indexed", "some shared", "one folds to nothing"]))
def test_meetings_are_counted_as_every_record_counts_them(opened_units, data, query, keys):
    ix, archive = opened_units
    f = data.draw(st.one_of(st.none(), filters(archive)))
    with mock.patch.object(unit_counts, "meeting_buckets", every_record):
        expected = ix.overview(query, "meeting", f)
    written = unit_counts.written_keys
    patched = {"as indexed": written, "some shared": with_extra_key(written),
               "one folds to nothing": lambda reader, stored: None}[keys]
    with mock.patch.object(unit_counts, "written_keys", patched):
        assert ix.overview(query, "meeting", f) == expected


def test_the_archive_has_meetings_and_passages_under_none(opened_units):
    ix, _ = opened_units
    rows = ix.overview("海關", "meeting")
    buckets = {row["bucket"] for row in rows}
    assert "" in buckets and len(buckets) > 5
    written = unit_counts.written_keys(ix.searcher.reader(), ix.stored)
    assert written and all(len(keys) == 1 for keys in written.values())
