"""Segments merged into one, streaming, as Lucene merges.

Whoosh's own merge (`add_reader`) pools every posting of the segments merged
in memory before writing them: some 450 million at 100,000 reports. This one
copies the live documents' columns a document at a time, then walks the
segments' term tables side by side, field by field, in term order (a k-way
merge of sorted term streams), and writes each term's postings, their
document numbers remapped, as soon as every segment has given its part. What
it holds is a term's postings and a map of document numbers (four bytes a
document), whatever the size of the index.

Documents are laid out as the writer lays them (schema.later_in_segment):
passages first, report documents last, each part in the order of the
segments and of their documents, so that the passages of a run of reports
follow one another as the reports do (storage/report_runs.py) and each
column holds one run of documents. Deleted documents are left out.

The new segment is written beside the others; the commit that lists it in
place of those merged writes a new table of contents, which the caller
seals (index_files.seal_generation): until then the index is the one before.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Callable
from itertools import islice

from ..storage import later_in_segment, segment_reader, term_stream, writer_hooks
from .writer import NUMPY_POSTINGS, FieldTerms, Writer

# How often (in documents copied) the progress callback is told. It counts
# work in documents: each document once copied, and once more spread over
# the fields as their postings are merged.
PROGRESS_EVERY = 10_000


@writer_hooks
class SegmentMerge(Writer):
    """A writer whose segment is the merge of `sources` (segments of the index
    it is opened on, the index locked by the caller)."""

    def __init__(self, ix, sources: list, progress: Callable[[int], None] | None = None):
        super().__init__(ix, _lk=False)
        self.sources = sources
        self.readers = [segment_reader(self.storage, self.schema, s) for s in sources]
        self.progress = progress or (lambda done: None)
        self.copied = 0
        # The commit writes the segment, unless every document merged was deleted.
        self._added = self.documents() > 0

    def documents(self) -> int:
        """Live documents of the segments merged."""
        return sum(reader.doc_count() for reader in self.readers)

    def commit_merge(self) -> None:
        """Write the merged segment and a table of contents that lists it in
        place of its sources (not yet the generation's: seal it)."""
        merged = {s.segment_id() for s in self.sources}
        try:
            self.commit(mergetype=lambda _, segments: [
                s for s in segments if s.segment_id() not in merged])
        finally:
            self._close_readers()

    def cancel(self) -> None:
        self._close_readers()
        super().cancel()

    def _close_readers(self) -> None:
        for reader in self.readers:
            reader.close()
        self.readers = []

    def flush_segment(self) -> None:
        maps, order = self._layout()
        self._copy_documents(order)
        self.perdocwriter.close()
        self._merge_postings(maps)
        self.fieldwriter.close()

    def _layout(self) -> tuple[list[array], list[tuple[int, array]]]:
        """Each source's map from its document numbers to the new ones (-1:
        deleted), and the new order as (source, its documents) parts."""
        places = [self._places(reader) for reader in self.readers]
        maps = [array("i", [-1]) * reader.doc_count_all() for reader in self.readers]
        order: list[tuple[int, array]] = []
        docnum = 0
        for place in sorted({p for found in places for p in set(found)}):
            for n, reader in enumerate(self.readers):
                deleted = reader.is_deleted if reader.has_deletions() else None
                docs = array("I", (d for d, p in enumerate(places[n])
                                   if p == place and not (deleted and deleted(d))))
                docmap = maps[n]
                for d in docs:
                    docmap[d] = docnum
                    docnum += 1
                if docs:
                    order.append((n, docs))
        return maps, order

    @staticmethod
    def _places(reader) -> array:
        """Where each document of a segment goes (later_in_segment of its kind)."""
        found = array("b", [later_in_segment({})]) * reader.doc_count_all()
        for btext, pieces in term_stream(reader, "kind"):
            place = later_in_segment({"kind": btext.decode("utf-8")})
            for ids, _ in pieces:
                for d in ids:
                    found[d] = place
        return found

    def _copy_documents(self, order: list[tuple[int, array]]) -> None:
        """Every live document's column values, in the new order (the schema
        keeps no stored fields: what a document shows is in its columns)."""
        perdoc = self.perdocwriter
        columns = [(name, field.column_type, field.column_type.default_value())
                   for name, field in self.schema.items() if field.column_type]
        for n, docs in order:
            reader = self.readers[n]
            readers = [(name, kind, default, reader.column_reader(name, kind, translate=False))
                       for name, kind, default in columns if reader.has_column(name)]
            for d in docs:
                perdoc.start_doc(self.docnum)
                for name, kind, default, values in readers:
                    value = values[d]
                    if value != default:  # a document without a value reads as the default
                        perdoc.add_column_value(name, kind, value)
                perdoc.finish_doc()
                self.docnum += 1
                self.copied += 1
                if self.copied % PROGRESS_EVERY == 0:
                    self.progress(self.copied)
        self.progress(self.copied)

    def _merge_postings(self, maps: list[array]) -> None:
        """Each field's terms of every source merged in term order, written as
        the last source gives its part of a term."""
        postings = sum(reader.doc_count_all() for reader in self.readers)
        with_numpy = postings >= NUMPY_POSTINGS
        fields = sorted(name for name, field in self.schema.items() if field.indexed)
        for done, fieldname in enumerate(fields):
            self.progress(self.copied + self.copied * done // len(fields))
            counted = self.pool.counts.get(fieldname) is not None
            streams = [_numbered(n, term_stream(reader, fieldname))
                       for n, reader in enumerate(self.readers)]
            terms = None
            current, ids, weights = None, array("I"), array("f")
            for btext, n, pieces in heapq.merge(*streams, key=lambda item: item[0]):
                if btext != current:
                    if ids:
                        terms = terms or FieldTerms(self.schema, self.fieldwriter, fieldname,
                                                    counted, with_numpy)
                        _write_term(terms, current, ids, weights)
                    current, ids, weights = btext, array("I"), array("f")
                docmap = maps[n]
                for piece_ids, piece_weights in pieces:
                    for old, weight in zip(piece_ids, piece_weights, strict=True):
                        new = docmap[old]
                        if new >= 0:
                            ids.append(new)
                            weights.append(weight)
            if ids:
                terms = terms or FieldTerms(self.schema, self.fieldwriter, fieldname,
                                            counted, with_numpy)
                _write_term(terms, current, ids, weights)
            if terms is not None:
                terms.finish()
        self.progress(2 * self.copied)


def _numbered(n: int, stream):
    """A source's term stream, each term with the source's number."""
    for btext, pieces in stream:
        yield btext, n, pieces


def _write_term(terms: FieldTerms, btext: bytes, ids: array, weights: array) -> None:
    """A term's postings, in document order (a source's report documents
    follow the passages of every source)."""
    if any(a > b for a, b in zip(ids, islice(ids, 1, None), strict=False)):
        pairs = sorted(zip(ids, weights, strict=True))
        ids, weights = array("I", (d for d, _ in pairs)), array("f", (w for _, w in pairs))
    terms.add(btext, ids, weights)
