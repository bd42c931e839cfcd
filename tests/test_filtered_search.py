"""Filters resolve to the passages they admit before anything is scored: the
admitted passages are exactly those a brute-force reading of every passage's
record admits, and a filtered top k is exactly the top k of the unfiltered
ranking that the filter admits, for every filter and combination."""

from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rsearch.corpus.model import Heading
from rsearch.indexer import Filters, ReportIndex, build_index
from rsearch.indexer.analysis import fold_key
from rsearch.indexer.build.documents import name_keys
from rsearch.indexer.retrieval import topk
from rsearch.indexer.retrieval.filters import TRIP_TYPES, date_bound, trip_type
from rsearch.indexer.retrieval.query import Term
from rsearch.indexer.storage import PASSAGE, REPORT, ReportRuns, StoredPassage, posting_ids

from benchmarks.archive import make_archive

QUERIES = ["海關", "單一窗口", "AEO", "會議", "檢疫犬", "WCO", "優質企業", "貿易便捷", "計畫"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated archive of every template, then updated (one report changed,
    a few added, then one at a time): several segments, merged ones among
    them, and deleted documents."""
    return build_generated(tmp_path_factory)


@pytest.fixture(scope="module")
def generated_small_blocks(tmp_path_factory):
    """The generated archive written in blocks of 4 postings: a term's postings
    span many blocks, most of which a filter's passages miss."""
    from rsearch.indexer.build import writer
    from rsearch.indexer.storage.whoosh_door import Codec

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "Codec", lambda: Codec(blocklimit=4))
        return build_generated(tmp_path_factory)


def build_generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    make_archive(folder, 20)
    index_dir = tmp_path_factory.mktemp("generated-index")
    build_index(index_dir, [folder], workers=0)
    changed = folder / "report-00003.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\n補充：海關與單一窗口。\n",
                       encoding="utf-8")
    make_archive(folder, 4, start=20, seed=9)
    build_index(index_dir, [folder], workers=0)
    # Small updates, one report each, until small segments are merged into
    # the one being written (build/merging.py).
    for n in range(24, 30):
        make_archive(folder, 1, start=n, seed=9)
        build_index(index_dir, [folder], workers=0)
    return index_dir


class Archive:
    """What brute force knows: every live passage's record and its report's."""

    def __init__(self, ix: ReportIndex):
        reader = ix.searcher.reader()
        self.reports = {r["key"]: r for r in ix.reports()}
        self.passages = {d: StoredPassage.of(ix.stored[d])
                         for d in posting_ids(reader, "kind", PASSAGE)}
        self.by_id = {p.id: p for p in self.passages.values()}
        assert reader.has_deletions() and len(posting_ids(reader, "kind", REPORT)) == 30

    def units(self, what: str, value: str) -> set[str]:
        """The folded keys of the units or topics a value names: those with a
        name equal to it, else those with a name that contains it."""
        items = [item for r in self.reports.values()
                 for item in r["meetings" if what == "meeting" else "topics"]]
        wanted = fold_key(value)
        for fits in (lambda keys: wanted in keys, lambda keys: any(wanted in k for k in keys)):
            found = {fold_key(item["key"]) for item in items if fits(name_keys(item["names"]))}
            if found:
                return found
        return set()

    @staticmethod
    def heading_keys(p: StoredPassage) -> set[str]:
        keys, labels = set(), ""
        for label, title in p.headings:
            labels += label
            keys |= {fold_key(labels), fold_key(title), fold_key(Heading(0, label, title).text)}
        return keys - {""}

    def paths(self, value: str) -> set[tuple]:
        wanted = fold_key(value)
        for fits in (lambda keys: wanted in keys, lambda keys: any(wanted in k for k in keys)):
            found = {tuple(p.section_path)
                     for p in self.passages.values() if fits(self.heading_keys(p))}
            if found:
                return found
        return set()

    def admits(self, f: Filters):
        """A predicate on passages: what the filters admit, read off the records."""
        meetings = self.units("meeting", f.meeting) if f.meeting else None
        topics = self.units("topic", f.topic) if f.topic else None
        paths = self.paths(f.section) if f.section else None
        low = date_bound(f.since, upper=False) if f.since else ""
        high = date_bound(f.until, upper=True) if f.until else "\uffff"

        def admitted(p: StoredPassage) -> bool:
            report = self.reports[p.report]
            date = report.get("report_date_iso") or report.get("period_start")
            return ((not f.reports or p.report in f.reports)
                    and (not f.agency or fold_key(f.agency) in fold_key(report["agency"]))
                    and (not f.trip_type or report["trip_type"] == trip_type(f.trip_type))
                    and (not (f.since or f.until) or bool(date) and low <= date <= high)
                    and (meetings is None or bool(meetings & {fold_key(u) for u in p.units}))
                    and (topics is None or bool(topics & {fold_key(t) for t in p.topics}))
                    and (paths is None or tuple(p.section_path)
                         in paths))
        return admitted


@st.composite
def filters(draw, archive: Archive):
    reports = sorted(archive.reports)
    agencies = sorted({r["agency"] for r in archive.reports.values()})
    passages = sorted(archive.passages.values(), key=lambda p: p.id)
    chosen = {}
    if draw(st.booleans()):
        chosen["reports"] = tuple(draw(st.lists(st.sampled_from(reports), min_size=1,
                                                max_size=3, unique=True)))
    if draw(st.booleans()):
        agency = draw(st.sampled_from(agencies))
        start = draw(st.integers(0, len(agency) - 2))
        chosen["agency"] = agency[start:start + draw(st.integers(2, len(agency)))]
    if draw(st.booleans()):
        chosen["since"] = str(draw(st.integers(2010, 2025)))
    if draw(st.booleans()):
        chosen["until"] = draw(st.sampled_from(["2016", "2019-06", "110", "2024/3/1"]))
    if draw(st.booleans()):
        chosen["trip_type"] = draw(st.sampled_from([*TRIP_TYPES, "visit", "training"]))
    for what, field in (("meeting", "units"), ("topic", "topics")):
        if draw(st.booleans()):
            p = draw(st.sampled_from([p for p in passages if getattr(p, field)]))
            key = draw(st.sampled_from(getattr(p, field)))
            names = [n for r in archive.reports.values()
                     for item in r["meetings" if what == "meeting" else "topics"]
                     if item["key"] == key for n in item["names"]] or [key]
            chosen[what] = draw(st.sampled_from(names))
    if draw(st.booleans()):
        p = draw(st.sampled_from([p for p in passages if p.headings]))
        label, title = draw(st.sampled_from(p.headings))
        # A heading's title, its label and title, or a part of its title (no
        # key equals it: every key holding it is looked up).
        chosen["section"] = draw(st.sampled_from([title, Heading(0, label, title).text,
                                                  title[1:] or title, title[:2]]))
    return Filters(**chosen)


def admitted_docs(ix, archive: Archive, f: Filters) -> list[int]:
    """The passages a filter admits, in order (None: every passage)."""
    allowed = ix._filters.allowed(f)
    return sorted(archive.passages) if allowed is None else list(allowed)


@pytest.fixture(scope="module")
def opened(generated):
    with ReportIndex(generated) as ix:
        yield ix, Archive(ix)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_filters_admit_what_the_records_admit(opened, data):
    ix, archive = opened
    f = data.draw(filters(archive))
    admits = archive.admits(f)
    expected = {d for d, p in archive.passages.items() if admits(p)}
    allowed = ix._filters.allowed(f)
    if allowed is None:  # any passage: no filter, or one every report passes
        assert expected == set(archive.passages)
        assert not (f.meeting or f.topic or f.section)
    else:
        assert list(allowed) == sorted(expected)
        assert len(allowed) == len(expected)
        outside = set(archive.passages) - expected
        assert not any(d in allowed for d in outside)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), query=st.sampled_from(QUERIES), limit=st.sampled_from([1, 3, 10]))
def test_a_filtered_top_k_is_the_top_k_it_admits(opened, data, query, limit):
    ix, archive = opened
    f = data.draw(filters(archive))
    admits = archive.admits(f)
    everything = ix.search(query, limit=100_000)
    expected = [(h.id, h.score) for h in everything if admits(archive.by_id[h.id])][:limit]
    assert [(h.id, h.score) for h in ix.search(query, f, limit=limit)] == expected


def test_a_reports_passages_lead_its_documents(opened):
    # The layout report_passages() reads: a report's passages come first among
    # its documents (and one after another), in every segment, after updates.
    ix, archive = opened
    reader = ix.searcher.reader()
    for key in archive.reports:
        docs = posting_ids(reader, "report", key)
        passages = [d for d in docs if d in archive.passages]
        assert docs[:len(passages)] == passages
        assert passages == list(range(passages[0], passages[-1] + 1))


def test_every_run_of_reports_is_placed_without_looking_reports_up(opened, monkeypatch):
    # Merged segments too: each report's passages come from its run (one
    # range), none from the lookup by key that a run laid out otherwise takes.
    ix, archive = opened
    reader = ix.searcher.reader()
    runs = ReportRuns(reader, ix.stored)
    monkeypatch.setattr(runs, "_by_key", lambda docnum: pytest.fail("looked up by key"))
    for docnum in posting_ids(reader, "kind", REPORT):
        key = ix.stored[docnum]["report"]
        expected = sorted(d for d, p in archive.passages.items() if p.report == key)
        placed = runs.passages(docnum)
        assert isinstance(placed, range) and list(placed) == expected


def owned_by_brute_force(ix, archive, docs: list[int]) -> list[tuple[int, int, int]]:
    """(report document, its first passage of docs, how many of docs are its)."""
    reader = ix.searcher.reader()
    report_doc = {ix.stored[d]["report"]: d for d in posting_ids(reader, "kind", REPORT)}
    found: dict[int, list[int]] = {}
    for d in docs:
        found.setdefault(report_doc[archive.passages[d].report], []).append(d)
    return sorted((r, ds[0], len(ds)) for r, ds in found.items())


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_each_passage_is_owned_by_its_report_document(opened, data):
    # What search --by reads: the report document of every passage, at once.
    ix, archive = opened
    every = sorted(archive.passages)
    docs = sorted(data.draw(st.sets(st.sampled_from(every))) if data.draw(st.booleans())
                  else every)
    owned, unknown = ReportRuns(ix.searcher.reader(), ix.stored).owned(docs)
    assert unknown == []
    assert sorted(owned) == owned_by_brute_force(ix, archive, docs)
    # What the totals of many passages read: how many reports hold them.
    import numpy as np

    count, left = ReportRuns(ix.searcher.reader(), ix.stored).report_count(
        np.array(docs, np.int64))
    assert (count, left.tolist()) == (len({archive.passages[d].report for d in docs}), [])
    # What search --by reads: each passage's report document, at once.
    report_doc = {ix.stored[d]["report"]: d
                  for d in posting_ids(ix.searcher.reader(), "kind", REPORT)}
    owners = ReportRuns(ix.searcher.reader(), ix.stored).owners(np.array(docs, np.int32))
    assert owners.tolist() == [report_doc[archive.passages[d].report] for d in docs]


@settings(max_examples=200, deadline=None)
@given(runs=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=12))
def test_runs_merged_at_once_are_the_runs_merged_one_by_one(runs):
    import numpy as np
    from rsearch.indexer.retrieval.admitted import Admitted

    spans = [(start, start + length) for start, length in runs]
    starts = np.array([s for s, _ in spans], np.int64)
    ends = np.array([e for _, e in spans], np.int64)
    merged = Admitted.of_arrays(starts, ends)
    assert merged == Admitted.of_runs(spans)
    assert list(merged) == sorted({d for s, e in spans for d in range(s, e)})


def test_filters_of_runs_laid_out_otherwise_admit_the_same(opened, monkeypatch):
    from rsearch.indexer.storage import report_runs

    ix, archive = opened
    wanted = [Filters(since="2015"), Filters(trip_type="開會"), Filters(until="2019-06")]
    expected = [admitted_docs(ix, archive, f) for f in wanted]
    monkeypatch.setattr(report_runs._Run, "placed", lambda self, runs: None)
    ix._filters._runs = None
    assert [admitted_docs(ix, archive, f) for f in wanted] == expected
    ix._filters._runs = None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), query=st.sampled_from(QUERIES), limit=st.sampled_from([1, 3, 10]),
       excluded=st.lists(st.sampled_from(QUERIES), min_size=1, max_size=2),
       form=st.sampled_from(["{q} -{x}", "{q} NOT {x}"]))
def test_a_term_with_words_excluded_ranks_as_the_reference_does(
        opened, data, query, limit, excluded, form):
    """`海關 -AEO` takes the one-term path (the term's bounds, read best first);
    the reference bounds every candidate of the whole query (topk.TopK.whole
    before one_term): the same hits and scores, with and without filters."""
    ix, archive = opened
    excluded = [x for x in excluded if x != query]
    assume(excluded)
    f = data.draw(filters(archive))
    text = query + "".join(" " + form.format(q="", x=x).strip() for x in excluded)
    fast = [(h.id, h.score) for h in ix.search(text, f, limit=limit)]
    with mock.patch.object(topk, "one_term", lambda node: isinstance(node, Term)):
        slow = [(h.id, h.score) for h in ix.search(text, f, limit=limit)]
    assert fast == slow


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), query=st.sampled_from(QUERIES), limit=st.sampled_from([1, 3, 10]),
       every_term_over_arrays=st.booleans(), keys_walked=st.booleans())
def test_facets_read_as_arrays_admit_and_rank_as_sets_do(opened, data, query, limit,
                                                         every_term_over_arrays, keys_walked):
    """A meeting, topic or section that many passages hold is read as a sorted
    array (or runs), not a set: the same passages admitted, alone and with the
    report filters, the same filtered top k and counts, a term bounded over
    arrays or a passage at a time, its keys looked up one by one or found
    walking each segment's terms (filters.keyed_docs)."""
    from rsearch.indexer.retrieval import candidates
    from rsearch.indexer.retrieval import filters as filter_module
    from rsearch.indexer.retrieval.admitted import AdmittedSet

    ix, archive = opened
    f = data.draw(filters(archive))
    assume(f.meeting or f.topic or f.section)
    admits = archive.admits(f)
    expected = sorted(d for d, p in archive.passages.items() if admits(p))
    everything = ix.search(query, limit=100_000)
    top = [(h.id, h.score) for h in everything if admits(archive.by_id[h.id])][:limit]
    as_sets = ix.count(query, f)
    with mock.patch.object(filter_module, "FACET_ARRAYS_FROM", 0), \
            mock.patch.object(filter_module, "KEYS_LOOKED_UP", 0 if keys_walked else 10**9), \
            mock.patch.object(candidates, "ARRAYS_FROM", 0 if every_term_over_arrays else 10**9):
        allowed = ix._filters.allowed(f)
        assert not isinstance(allowed, AdmittedSet)
        assert list(allowed) == expected and len(allowed) == len(expected)
        assert [d for d in archive.passages if d in allowed] == expected
        assert [(h.id, h.score) for h in ix.search(query, f, limit=limit)] == top
        assert ix.count(query, f) == as_sets


# Fields with terms, the first and last of the term table among them.
TERM_FIELDS = ["kind", "id", "report", "grams", "flags", "joins", "heading_grams", "section",
               "section_keys", "under_keys", "meeting", "topics", "named_keys", "agency_key",
               "date", "trip_type"]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_terms_holding_a_part_are_those_a_walk_of_the_terms_finds(opened, data):
    """What --section by a part of a key reads: each segment's terms of a field
    whose bytes hold the part, found by searching the table's bytes, are the
    terms (and infos, and postings) a walk of every term finds, in order; for
    a part of a term, and for a part that occurs in the table's lengths and
    term infos (a digit, a letter) or nowhere."""
    from rsearch.indexer.retrieval.filters import entries_docs
    from rsearch.indexer.storage import entries_holding, entries_ids, segments
    from rsearch.indexer.storage.whoosh_door import term_infos

    ix, _ = opened
    parts = segments(ix.searcher.reader())
    field = data.draw(st.sampled_from(TERM_FIELDS))
    terms = sorted({t for segment, _ in parts for t, _ in term_infos(segment, field, b"")})
    if terms and data.draw(st.booleans()):
        term = data.draw(st.sampled_from(terms)).decode("utf-8")
        start = data.draw(st.integers(0, len(term) - 1))
        part = term[start:start + data.draw(st.integers(1, 4))]
    else:
        part = data.draw(st.text("0123456789aez一會議紀要\x00\x01", min_size=1, max_size=3))
    wanted = part.encode("utf-8")
    for segment, _ in parts:
        walked = [(t, info) for t, info in term_infos(segment, field, b"") if wanted in t]
        found = entries_holding(segment, field, part)
        assert [(t, i.doc_frequency(), i.is_inlined()) for t, i in found] == [
            (t, i.doc_frequency(), i.is_inlined()) for t, i in walked]
        assert entries_docs(segment, field, found).tolist() == entries_ids(segment, field, walked)


@settings(max_examples=300, deadline=None)
@given(docs=st.sets(st.integers(0, 200)), runs=st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 20)), max_size=8),
       others=st.sets(st.integers(0, 200)))
def test_admitted_arrays_meet_runs_sets_and_arrays_as_sets_do(docs, runs, others):
    import numpy as np
    from rsearch.indexer.retrieval.admitted import Admitted, AdmittedArray, AdmittedSet

    array = AdmittedArray(np.array(sorted(docs), np.int32))
    both = AdmittedArray.of(np.array(sorted(docs), np.int32))
    admitted = Admitted.of_runs((s, s + n) for s, n in runs)
    in_runs = set(admitted)
    asked = np.array(sorted(others), np.int64)
    for held in (array, both):
        assert list(held) == sorted(docs) and len(held) == len(docs)
        assert bool(held) == bool(docs)
        assert [d for d in range(-1, 202) if d in held] == sorted(docs)
        assert asked[held.mask(asked)].tolist() == sorted(docs & others)
        assert set(held & admitted) == set(admitted & held) == docs & in_runs
        assert set(held & AdmittedSet(set(others))) == docs & others
        assert set(AdmittedSet(set(others)) & held) == docs & others
        assert set(held & others) == set(others & held) == docs & others
        other_array = AdmittedArray(np.array(sorted(others), np.int32))
        assert set(held & other_array) == docs & others


def edge_filters(archive: Archive) -> list[Filters]:
    """Filters at the edges: admitting nothing, one report, one passage's
    report and section, nearly everything, everything dated."""
    reports = sorted(archive.reports)
    return [Filters(since="2025", until="2010"), Filters(reports=(reports[0],)),
            Filters(reports=(reports[-1],)), Filters(reports=tuple(reports[1:])),
            Filters(since="1912"), Filters(until="2200", trip_type="開會")]


@st.composite
def any_filters(draw, archive: Archive):
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(edge_filters(archive)))
    return draw(filters(archive))


@pytest.fixture(scope="module")
def opened_small_blocks(generated_small_blocks):
    with ReportIndex(generated_small_blocks) as ix:
        yield ix, Archive(ix)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), query=st.sampled_from(QUERIES), limit=st.sampled_from([1, 3, 10]),
       facets_as_arrays=st.booleans())
def test_postings_read_within_a_filter_rank_and_count_as_brute_force(
        opened_small_blocks, data, query, limit, facets_as_arrays):
    """Every term bounded over arrays, in blocks of 4 postings: a filtered
    search reads a term's postings only in blocks that may hold an admitted
    passage, and its top k is the top k of the unfiltered ranking the filter
    admits, its counts those of the passage-by-passage path, for filters
    admitting nothing, one report, nearly everything and any combination."""
    from rsearch.indexer.retrieval import candidates
    from rsearch.indexer.retrieval import filters as filter_module

    ix, archive = opened_small_blocks
    f = data.draw(any_filters(archive))
    admits = archive.admits(f)
    everything = ix.search(query, limit=100_000)
    top = [(h.id, h.score) for h in everything if admits(archive.by_id[h.id])][:limit]
    with mock.patch.object(candidates, "ARRAYS_FROM", 10**9):
        as_dicts = ix.count(query, f)
    with mock.patch.object(filter_module, "FACET_ARRAYS_FROM", 0 if facets_as_arrays else 10**9), \
            mock.patch.object(candidates, "ARRAYS_FROM", 0):
        assert [(h.id, h.score) for h in ix.search(query, f, limit=limit)] == top
        assert ix.count(query, f) == as_dicts
        page = ix.page(query, f, limit=limit)
        assert [(h.id, h.score) for h in page.hits] == top and page.totals == as_dicts


def test_edge_filters_admit_what_the_records_admit(opened):
    ix, archive = opened
    sizes = []
    for f in edge_filters(archive):
        admits = archive.admits(f)
        expected = sorted(d for d, p in archive.passages.items() if admits(p))
        assert admitted_docs(ix, archive, f) == expected
        sizes.append(len(expected))
    # Nothing, one report's passages (of 30 reports), all but one report's.
    assert sizes[0] == 0 and 0 < sizes[1] < len(archive.passages) // 5
    assert len(archive.passages) - sizes[1] == sizes[3]
    # Every report dated: --since 1912 admits every passage, resolved to no
    # filter at all (a search pays for none); all but one report are runs.
    assert sizes[4] == len(archive.passages)
    assert ix._filters.allowed(Filters(since="1912")) is None
    assert ix._filters.allowed(Filters(reports=tuple(sorted(archive.reports)[1:]))) is not None


@settings(max_examples=300, deadline=None)
@given(docs=st.sets(st.integers(0, 200)), runs=st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 20)), max_size=8),
       spans=st.lists(st.tuples(st.integers(0, 210), st.integers(0, 30)), max_size=20))
def test_admitted_passages_tell_which_spans_hold_one_as_sets_do(docs, runs, spans):
    import numpy as np
    from rsearch.indexer.retrieval.admitted import Admitted, AdmittedArray, AdmittedSet

    lows = np.array([low for low, _ in spans], np.int64)
    highs = np.array([low + n for low, n in spans], np.int64)
    admitted = Admitted.of_runs((s, s + n) for s, n in runs)
    for held in (AdmittedArray(np.array(sorted(docs), np.int32)), AdmittedSet(set(docs)),
                 admitted):
        members = set(held)
        expected = [any(d in members for d in range(low, high + 1)) for low, high in
                    zip(lows.tolist(), highs.tolist(), strict=True)]
        assert held.overlaps(lows, highs).tolist() == expected


def test_a_span_of_dates_admits_the_reports_on_its_edges(opened):
    # The span of dates is read walking each segment's date terms from the
    # first bound to the first term past the second: a report dated on
    # either bound is in, the day before or after is out.
    ix, archive = opened
    dates = sorted({r.get("report_date_iso") or r.get("period_start")
                    for r in archive.reports.values()} - {None, ""})
    assert len(dates) > 5
    edges = [Filters(since=dates[0], until=dates[0]), Filters(since=dates[-1]),
             Filters(until=dates[0]), Filters(since=dates[3], until=dates[-2]),
             Filters(since=dates[-1], until=dates[0]), Filters(until=dates[-1][:7]),
             Filters(since=dates[1][:4], until=dates[-2][:4], agency=next(
                 iter(archive.reports.values()))["agency"])]
    for date in dates[:4] + dates[-4:]:
        edges += [Filters(since=date), Filters(until=date), Filters(since=date, until=date)]
    for f in edges:
        admits = archive.admits(f)
        expected = sorted(d for d, p in archive.passages.items() if admits(p))
        assert admitted_docs(ix, archive, f) == expected, f


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_span_of_a_segments_numbers_is_what_the_whole_column_holds(opened, data):
    # The report documents' passage counts are read from their own bytes of
    # the column (a column only report documents have starts late): the same
    # values as the segment's whole column, the default past what is written.
    from rsearch.indexer.storage import segment_numbers, segments
    from rsearch.indexer.storage.schema import segment_numbers_span

    ix, _ = opened
    parts = segments(ix.searcher.reader())
    segment, _ = data.draw(st.sampled_from(parts))
    whole = list(segment_numbers(segment, "passages"))
    start = data.draw(st.integers(0, len(whole)))
    stop = data.draw(st.integers(start, len(whole)))
    assert segment_numbers_span(segment, "passages", start, stop).tolist() == whole[start:stop]
    assert len(parts) > 1 and any(v for v in whole)
    for each, _ in parts:
        every = list(segment_numbers(each, "passages"))
        assert segment_numbers_span(each, "passages", 0, len(every)).tolist() == every


@settings(max_examples=300, deadline=None)
@given(runs=st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=10),
       asked=st.lists(st.integers(-5, 360), max_size=60), bitmap=st.booleans(),
       slice_size=st.sampled_from([3, 1 << 17]), piece=st.sampled_from([8, 16, 64, 1 << 20]),
       listed=st.sets(st.integers(0, 340)))
def test_runs_tell_which_documents_they_admit_with_and_without_a_bitmap(
        runs, asked, bitmap, slice_size, piece, listed):
    # A broad filter asked of many candidates answers from a bitmap of its
    # span (admitted.Bitmap), a narrow one by binary search of its runs or
    # its array: the same documents either way, inside the span, on its
    # edges and out.
    import numpy as np
    from rsearch.indexer.retrieval import admitted as admitted_module
    from rsearch.indexer.retrieval.admitted import Admitted, AdmittedArray

    docs = np.array(sorted(asked), np.int32)
    for held in (Admitted.of_runs((s, s + n) for s, n in runs),
                 AdmittedArray(np.array(sorted(listed), np.int32))):
        members = set(held)
        with mock.patch.object(admitted_module, "BITMAP_SPAN", 10**9 if bitmap else 0), \
                mock.patch.object(admitted_module, "MASK_SLICE", slice_size), \
                mock.patch.object(admitted_module, "BITMAP_PIECE", piece):
            assert docs[held.mask(docs)].tolist() == [d for d in sorted(asked) if d in members]
            assert (held._bits is not None) == (bitmap and bool(members) and len(docs) > 0)
            assert docs[held.mask(docs)].tolist() == [d for d in sorted(asked) if d in members]


def test_a_span_of_every_date_reads_no_dates_postings(opened, monkeypatch):
    # A span holding every report's date resolves to no filter from the
    # term infos alone: every date term of each segment inside, held by as
    # many documents as the segment has reports. One leaving a dated report
    # out reads its dates' postings, and so does one where a report might
    # hold no date (the counts disagree).
    from rsearch.indexer.retrieval.filters import span_docs
    from rsearch.indexer.storage import postings

    ix, archive = opened
    reader = ix.searcher.reader()
    dates = sorted({r.get("report_date_iso") or r.get("period_start")
                    for r in archive.reports.values()} - {None, ""})
    read = []
    real = postings.info_ids
    monkeypatch.setattr(postings, "info_ids", lambda *args: read.append(args) or real(*args))

    def bounds(f: Filters) -> tuple[str, str]:
        return (date_bound(f.since, upper=False) if f.since else "",
                date_bound(f.until, upper=True) if f.until else "\uffff")

    for f in [Filters(since="1912"), Filters(until="2200"),
              Filters(since=dates[0], until=dates[-1]), Filters(since=dates[0][:4])]:
        read.clear()
        assert span_docs(reader, "date", *bounds(f)) is None and read == []
        assert ix._filters.allowed(f) is None
    for f in [Filters(since=dates[1]), Filters(until=dates[-2]),
              Filters(since=dates[0], until=dates[-2][:7]), Filters(since="1912", agency=next(
                  iter(archive.reports.values()))["agency"])]:
        read.clear()
        admits = archive.admits(f)
        assert admitted_docs(ix, archive, f) == sorted(
            d for d, p in archive.passages.items() if admits(p))
        assert bool(read) == (f.agency is None)
    # As if a report held no date: the span's postings read, every report found.
    segment_type = type(reader.leaf_readers()[0][0]) if hasattr(reader, "leaf_readers") \
        else type(reader)
    counted = segment_type.doc_frequency
    monkeypatch.setattr(segment_type, "doc_frequency", lambda self, field, text: counted(
        self, field, text) + (field == "kind" and text == REPORT))
    read.clear()
    (found,) = span_docs(reader, "date", "1912", "\uffff")
    assert read and found.tolist() == posting_ids(reader, "kind", REPORT)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), few=st.sampled_from([0, 1, 3, 10**6]))
def test_few_reports_found_by_key_admit_what_their_runs_admit(opened, data, few):
    # Up to FEW_REPORTS reports are each found by key, more from the runs of
    # every report: the passages the records admit either way.
    from rsearch.indexer.retrieval import filters as filter_module

    ix, archive = opened
    f = data.draw(any_filters(archive))
    admits = archive.admits(f)
    with mock.patch.object(filter_module, "FEW_REPORTS", few):
        assert admitted_docs(ix, archive, f) == sorted(
            d for d, p in archive.passages.items() if admits(p))
