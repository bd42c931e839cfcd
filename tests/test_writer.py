"""Our segment writer writes what Whoosh's own writer writes, and the stored
column gives back what was put in it."""

import struct
from array import array
from io import BytesIO
from unittest.mock import patch

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rsearch.corpus import parse_report_file, read_report_files, sample_report_path
from rsearch.indexer.build import writer
from rsearch.indexer.build.documents import report_documents
from rsearch.indexer.build.writer import INLINE_LIMIT, TermPool, Writer, by_term
from rsearch.indexer.errors import DAMAGE
from rsearch.indexer.storage import codec, record_column
from rsearch.indexer.storage.codec import PostingsFormatError, pack_postings, unpack_postings
from rsearch.indexer.storage.record_column import BLOCK, RecordColumn
from rsearch.indexer.storage.schema import (
    PASSAGE,
    REPORT,
    SECTION,
    later_in_segment,
    make_schema,
)
from rsearch.indexer.storage.tail_column import TailColumn
from rsearch.indexer.storage.whoosh_door import Codec, TermInfo
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import ID, KEYWORD, Schema, UnknownFieldError
from whoosh.filedb.structfile import StructFile
from whoosh.formats import Frequency, Positions


def sample_documents(key: str) -> list[dict]:
    file = next(read_report_files([(sample_report_path(), key)]))
    return report_documents(parse_report_file(file), file.digest)


def contents(ix) -> dict:
    """Every posting, stored document and length of an index."""
    with ix.reader() as reader:
        postings = {}
        for fieldname, btext in reader.all_terms():
            matcher = reader.postings(fieldname, btext)
            postings[fieldname, btext] = (list(matcher.all_ids()),
                                          [w for _, w in reader.postings(fieldname, btext)
                                           .items_as("weight")])
        lengths, stored = reader.column_reader("length"), reader.column_reader("stored")
        return {"postings": postings,
                "stored": [stored[d] for d in range(reader.doc_count_all())],
                "lengths": [lengths[d] for d in range(reader.doc_count_all())]}


def test_a_passage_holds_the_keys_of_the_headings_it_stands_under():
    """--section reads the keys a passage holds (under_keys): exactly those of
    its section's document, which comes before the section's first passage."""
    keys_of, held = {}, []
    for doc in sample_documents("sample"):
        if doc["kind"] == SECTION:
            keys_of[doc["report"], doc["stored"]["heading_key"]] = doc["section_keys"]
        elif doc["kind"] == PASSAGE:
            assert doc["under_keys"] == keys_of[doc["report"], doc["section"]]
            held.append(doc["under_keys"])
    assert len(held) > 20 and sum(1 for keys in held if keys) > len(held) // 2


def write_with(tmp_path, name, documents, make_writer, commits=1):
    folder = tmp_path / name
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), make_schema())
    size = -(-len(documents) // commits)
    for start in range(0, len(documents), size):
        writer = make_writer(ix)
        for doc in documents[start:start + size]:
            writer.add_document(**doc)
        writer.commit(merge=False)
    return ix


@pytest.mark.parametrize("numpy_postings", [0, writer.NUMPY_POSTINGS])
def test_same_index_as_whoosh_writer(tmp_path, numpy_postings):
    documents = sample_documents("a") + sample_documents("b")
    with patch.object(writer, "NUMPY_POSTINGS", numpy_postings):  # long lists packed either way
        ours = write_with(tmp_path, "ours", documents, Writer)
    theirs = write_with(tmp_path, "theirs", documents, lambda ix: ix.writer())
    written = contents(ours)
    assert written == contents(theirs)
    sizes = {len(ids) for ids, _ in written["postings"].values()}
    assert min(sizes) < INLINE_LIMIT <= max(sizes)  # both inlined and block-written lists


def test_merging_segments_keeps_every_posting(tmp_path):
    documents = sample_documents("a") + sample_documents("b") + sample_documents("c")
    single = write_with(tmp_path, "single", documents, Writer)
    split = write_with(tmp_path, "split", documents, Writer, commits=3)
    assert len(split._segments()) == 3
    writer = Writer(split)
    writer.commit(optimize=True)
    assert len(split._segments()) == 1
    assert contents(split) == contents(single)


def test_refuses_fields_it_cannot_write(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), Schema(id=ID, tags=KEYWORD(scorable=True)))
    with pytest.raises(ValueError, match="'tags'"):
        Writer(ix)


def ascending(values: list[int]) -> list[int]:
    return sorted(set(values))


WEIGHTS = st.one_of(st.just(1.0), st.integers(0, 255).map(float),
                    st.integers(0, 70_000).map(float),
                    st.floats(0, 1e6, width=32, allow_subnormal=False))


@given(st.lists(st.tuples(st.integers(0, 2**32 - 1), WEIGHTS), min_size=1, max_size=300,
                unique_by=lambda p: p[0]))
def test_packed_postings_read_back_as_written(postings):
    # Gaps and weights of every width: ones (not stored), bytes, shorts, floats.
    postings.sort()
    ids, weights = [d for d, _ in postings], [w for _, w in postings]
    read_ids, read_weights = unpack_postings(pack_postings(ids, weights))
    assert list(read_ids) == ids
    assert list(read_weights) == weights
    if len(ids) < INLINE_LIMIT:  # inlined in the term dictionary, read as Whoosh reads it
        info = TermInfo(df=len(ids), minid=ids[0], maxid=ids[-1])
        info.set_inlined(ids, weights)
        matcher = Codec().postings_reader(None, W3TermInfo.from_bytes(info.to_bytes()),
                                          Frequency())
        read = []
        while matcher.is_active():
            read.append((matcher.id(), matcher.weight()))
            matcher.next()
        assert read == postings


@given(st.lists(st.tuples(st.integers(0, 2**32 - 1), WEIGHTS), min_size=1, max_size=300,
                unique_by=lambda p: p[0]))
def test_postings_packed_with_numpy_or_without_are_the_same_bytes(postings):
    postings.sort()
    ids, weights = array("I", [d for d, _ in postings]), array("f", [w for _, w in postings])
    ones = array("f", [1.0]) * len(ids)
    with patch.object(codec, "NUMPY_FROM", 1):
        assert pack_postings(ids, weights, with_numpy=True) == pack_postings(ids, weights)
        # Weights known to be ones (None) pack as ones found to be so.
        assert (pack_postings(ids, None, with_numpy=True) == pack_postings(ids, None)
                == pack_postings(ids, ones) == pack_postings(ids, ones, with_numpy=True))


@pytest.mark.parametrize("data", [
    b"", b"\x03\x01", b"\x20\x01", b"\x01\x01", b"\x05\x01\x00\x02\x00",
    b"\x10not zlib", pack_postings([3, 900], [2.0, 1.0])[:-1],
])
def test_damaged_postings_are_named_as_damage(data):
    with pytest.raises(DAMAGE):
        unpack_postings(data)


def test_codec_refuses_postings_it_cannot_pack():
    writer = Codec().postings_writer(StructFile(BytesIO()))
    with pytest.raises(PostingsFormatError, match="Positions"):
        writer.start_postings(Positions(), None)


RECORDS = st.one_of(st.none(), st.text(), st.binary(),
                    st.tuples(st.text(), st.integers(), st.lists(st.text(max_size=3))),
                    st.dictionaries(st.text(max_size=5), st.text(max_size=40)))


@given(st.lists(st.tuples(st.integers(0, BLOCK + 2), RECORDS), max_size=60),
       st.integers(0, BLOCK + 1), st.binary(max_size=9), st.sampled_from([1, 7, 40, 4000]))
def test_record_column_gives_back_every_record(added, trailing, before, sampled):
    # Documents without a record (gaps, the documents after the last record)
    # read as None; a column can start anywhere in its file; the dictionary
    # is chosen before the first block, within one, or at the end.
    expected, out = [], BytesIO(before)
    out.seek(len(before))
    with patch.object(record_column, "SAMPLED", sampled):
        writer = RecordColumn().writer(StructFile(out))
        for gap, record in added:
            expected += [None] * gap
            writer.add(len(expected), record)
            expected.append(record)
        expected += [None] * trailing
        writer.finish(len(expected))
    data = out.getvalue()
    reader = RecordColumn().reader(StructFile(BytesIO(data)), len(before),
                                   len(data) - len(before), len(expected))
    assert len(reader) == len(expected)
    assert list(reader) == expected
    assert [reader[d] for d in reversed(range(len(expected)))] == expected[::-1]
    with pytest.raises(IndexError):
        reader[len(expected)]


def test_a_damaged_record_block_is_refused_not_misread():
    # Blocks are raw deflate streams with a checksum of their contents: a
    # changed byte anywhere in one (stream or checksum) reads as damage, or
    # (in the padding bits of the stream's last byte) as the records written.
    records = [("海關與單一窗口" * (n % 5 + 1), n, ["AEO", "WCO"][: n % 3]) for n in range(BLOCK)]
    out = BytesIO()
    with patch.object(record_column, "SAMPLED", 1):
        writer = RecordColumn().writer(StructFile(out))
        for docnum, record in enumerate(records):
            writer.add(docnum, record)
        writer.finish(BLOCK)
    data = out.getvalue()
    block_end = struct.unpack_from("<Q", data, len(data) - 8 - 2 * 8 + 8)[0]
    refused = 0
    for position in range(block_end):
        damaged = bytearray(data)
        damaged[position] ^= 0xFF
        reader = RecordColumn().reader(StructFile(BytesIO(bytes(damaged))), 0, len(data), BLOCK)
        try:
            assert [reader[d] for d in range(BLOCK)] == records
        except DAMAGE:
            refused += 1
    assert refused >= block_end - 1


@given(st.integers(0, 40), st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2**32 - 1)),
                                    max_size=30),
       st.integers(0, 5), st.sampled_from(["numbers", "bytes"]))
@example(first=0, added=[], trailing=0, kind="numbers")  # a column no document has
def test_tail_column_gives_back_every_value(first, added, trailing, kind):
    # The default before the first value and in the gaps after it; any kind
    # of Whoosh column inside.
    inner = NumericColumn("I") if kind == "numbers" else VarBytesColumn()
    default = inner.default_value()
    expected = [default] * first
    out = BytesIO(b"ahead")
    out.seek(5)
    writer = TailColumn(inner).writer(StructFile(out))
    for gap, value in added:
        expected += [default] * gap
        value = value if kind == "numbers" else str(value).encode()
        writer.add(len(expected), value)
        expected.append(value)
    expected += [default] * trailing
    writer.finish(len(expected))
    data = out.getvalue()
    reader = TailColumn(inner).reader(StructFile(BytesIO(data)), 5, len(data) - 5,
                                      len(expected))
    assert list(reader) == expected
    assert [reader[d] for d in range(len(expected))] == expected
    assert reader[len(expected)] == default  # as Whoosh's fixed-width columns read


def test_writer_holds_documents_to_the_end_of_the_segment(tmp_path):
    # Passages as they come, then the others, report documents last; each
    # keeps its own record.
    documents = sample_documents("a") + sample_documents("b")
    ix = write_with(tmp_path, "laid-out", documents,
                    lambda ix: Writer(ix, later=later_in_segment))
    with ix.reader() as reader:
        kind_of = {d: kind for kind in (PASSAGE, REPORT)
                   for d in reader.postings("kind", kind).all_ids()}
        laid_out = [kind_of.get(d, "other") for d in range(reader.doc_count_all())]
    passages = sum(d["kind"] == PASSAGE for d in documents)
    reports = sum(d["kind"] == REPORT for d in documents)
    assert laid_out == ([PASSAGE] * passages + ["other"] * (len(documents) - passages - reports)
                        + [REPORT] * reports)
    in_place = sorted(range(len(documents)), key=lambda i: (later_in_segment(documents[i]), i))
    assert contents(ix)["stored"] == [documents[i].get("stored") for i in in_place]


def test_writer_refuses_an_unknown_field_when_it_is_added(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), make_schema())
    writer = Writer(ix, later=later_in_segment)
    with pytest.raises(UnknownFieldError):
        writer.add_document(kind=REPORT, colour="red")  # held to the segment's end
    with pytest.raises(UnknownFieldError):
        writer.add_document(kind=PASSAGE, colour="red")  # written at once
    writer.cancel()


def grouped_by_hand(documents: list[dict[bytes, int]], counted: bool) -> list[tuple]:
    """Each term's documents and counts, in term order, posting by posting."""
    found: dict[bytes, tuple[list, list]] = {}
    for docnum, counts in enumerate(documents):
        for btext, n in counts.items():
            ids, weights = found.setdefault(btext, ([], []))
            ids.append(docnum)
            weights.append(float(n))
    return [(btext, ids, weights if counted else None)
            for btext, (ids, weights) in sorted(found.items())]


def pooled(documents: list[dict[bytes, int]], fieldname: str, with_numpy: bool) -> list[tuple]:
    pool = TermPool(make_schema())
    for docnum, counts in enumerate(documents):
        pool.add_counts(fieldname, docnum, counts)
    return [(btext, list(ids), None if weights is None else list(weights))
            for btext, ids, weights in by_term(pool.fields[fieldname], with_numpy)]


TERMS = st.binary(min_size=1, max_size=3)


@given(st.lists(st.dictionaries(TERMS, st.integers(1, 300), max_size=12), max_size=40),
       st.sampled_from(["grams", "heading_grams"]))
def test_the_pool_gives_each_terms_postings_in_document_order(documents, fieldname):
    # Postings kept in arrays in the order they came, then sorted by term
    # (numpy's radix sort or Python's) give what keeping them by term gives.
    expected = grouped_by_hand(documents, counted=fieldname == "grams")
    assert pooled(documents, fieldname, with_numpy=True) == expected
    assert pooled(documents, fieldname, with_numpy=False) == expected


def test_the_pool_sorts_more_terms_than_sixteen_bits_number():
    # Past 65,536 terms the numbers are sorted by their low halves, then their high.
    documents = [{b"%06d" % ((d * 800 + i) % 70_001): 1 + i % 3 for i in range(800)}
                 for d in range(120)]
    expected = grouped_by_hand(documents, counted=True)
    assert len(expected) > 1 << 16
    assert pooled(documents, "grams", with_numpy=True) == expected
