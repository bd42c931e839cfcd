"""Our segment writer writes what Whoosh's own writer writes."""

import pytest
from rsearch.corpus import parse_report_file, read_report_files, sample_report_path
from rsearch.indexer.documents import report_documents
from rsearch.indexer.schema import make_schema
from rsearch.indexer.writer import INLINE_LIMIT, Writer
from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, Schema


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
        lengths = reader.column_reader("length")
        return {"postings": postings,
                "stored": list(reader.all_stored_fields()),
                "lengths": [lengths[d] for d in range(reader.doc_count_all())]}


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


def test_same_index_as_whoosh_writer(tmp_path):
    documents = sample_documents("a") + sample_documents("b")
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
