"""The table of names answers from the terms it walks exactly what reading
every term of it would: the keys of each facet in order (a key's names are
skipped unread, keys sharing a beginning included) and each key's names,
on an index whose updates left deleted entries in several segments."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.indexer import ReportIndex
from rsearch.indexer.retrieval.names import NameTable, named_order
from rsearch.indexer.storage import NAMED_SEPARATOR, posting_ids

from .archives import updated_in_steps

# Names whose keys begin alike (AEO, AEO MRA, AEOX): a walk that skips a key's
# names must land on the next key, not past it.
NAMES = ["AEO", "AEO MRA", "AEOX", "AE", "單一窗口", "Single Window", "單一", "IPR", "IPR 保護"]


def report(name: str, keywords: list[str]) -> str:
    return (f"{name}研討會出國報告\n\n關鍵詞：{'、'.join(keywords)}\n\n壹、會議過程\n\n"
            f"我國代表說明{'、'.join(keywords)}之推動（{name}）。\n")


def brute_force(reader, stored, facet: str) -> dict[str, list[str]]:
    """Every key of the facet with its names, from every term of the table."""
    prefix = f"{facet}{NAMED_SEPARATOR}"
    entries = {}
    for raw in reader.expand_prefix("named", prefix):
        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        docs = posting_ids(reader, "named", term)
        if docs:
            _, key, name = term.split(NAMED_SEPARATOR)
            entries[(key, name)] = stored[docs[0]]["named_reports"]
    keys = sorted({key for key, name in entries if not name},
                  key=lambda k: f"{k}{NAMED_SEPARATOR}")
    return {key: named_order({name: n for (k, name), n in entries.items() if k == key and name})
            for key in keys}


reports = st.dictionaries(st.sampled_from("abcde"),
                          st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True),
                          max_size=5)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(reports, min_size=1, max_size=3))
def test_the_table_walk_equals_every_term_read(tmp_path_factory, steps):
    base = tmp_path_factory.mktemp("names")

    def write(folder, name, keywords, _):
        (folder / f"{name}.txt").write_text(report(name, keywords), encoding="utf-8")

    # each step an update: reports added, changed, removed
    for _ in updated_in_steps(base, steps, write):
        with ReportIndex(base / "ix") as ix:
            reader = ix.searcher.reader()
            table = NameTable(reader, ix.stored)
            for facet in ("topic", "meeting"):
                expected = brute_force(reader, ix.stored, facet)
                assert list(table.keys(facet)) == list(expected)
                assert table.named(facet) == expected


def test_the_table_walks_only_the_segments_that_hold_it(updated_archive):
    # The passages' segments hold no term of the table: walked, each answered
    # nothing for every key listed.
    from rsearch.indexer.storage import segments

    with ReportIndex(updated_archive) as ix:
        reader = ix.searcher.reader()
        table = NameTable(reader, ix.stored)
        every = segments(reader)
        assert 0 < len(table.parts()) < len(every)
        for segment, _ in every:
            if all(segment is not held for held, _ in table.parts()):
                assert not list(segment.expand_prefix("named", ""))
        for facet in ("meeting", "topic"):
            listed = table.named(facet)
            assert listed and listed == brute_force(reader, ix.stored, facet)
