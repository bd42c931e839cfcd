"""A Whoosh segment writer that keeps postings grouped by term.

Whoosh's own writer turns every posting into a tuple, sorts all of them when
a segment is written (spilling sorted runs to disk past `limitmb`), then
writes them one call at a time. Ours files each posting under its field and
term as it arrives (a document number, and a count where the field keeps
counts), sorts only the terms, and writes each term's postings a block at a
time. The files it writes are Whoosh's own format; only the way there differs.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Collection
from itertools import accumulate, repeat

from whoosh.analysis import IDTokenizer
from whoosh.fields import ID, UnknownFieldError
from whoosh.formats import Existence, Frequency
from whoosh.writing import SegmentWriter

from ..storage import (
    Codec,
    TermInfo,
    TermSet,
    check_open,
    field_key,
    field_postings_writer,
    follow_commit,
    later_in_segment,
    mark_added,
    term_table,
    write_segment,
    writer_hooks,
)

# Posting lists shorter than this are stored with their term instead of in a
# block of the postings file: no block to compress now, no seek to read later.
# (Whoosh's own inlining is off by default and broken when on: it calls
# `set_inline`, which its term info does not have.)
INLINE_LIMIT = 16
# A segment of this many postings packs its long lists with numpy: importing
# it (about 80 ms) costs less than it saves. A block holds up to
# codec.MAX_BLOCK (1024) postings; packing one with numpy took a tenth of the
# time without (0.4 against 4.1 ms for 1024 counted postings, 2026-12-05).
NUMPY_POSTINGS = 250_000


class _TermNumbers(dict):
    """A field's terms numbered in the order they first come: a term not
    numbered yet is given the next number when it is looked up, so that
    looking up a document's terms is one C call (map) however many there are."""

    def __missing__(self, btext: bytes) -> int:
        number = self[btext] = len(self)
        return number


class _FieldPostings:
    """One field's postings in the order they were added, one entry an array
    each: the term's number, the document's, and (a Frequency field) the count."""

    __slots__ = ("terms", "numbers", "docs", "weights")

    def __init__(self, counted: bool) -> None:
        self.terms = _TermNumbers()
        self.numbers = array("I")
        self.docs = array("I")
        self.weights = array("f") if counted else None


class TermPool:
    """Postings by field, in the order documents were added, grouped by term
    when the segment is written.

    An Existence field keeps document numbers only (every weight is 1); a
    Frequency field keeps each posting's count too, which is both its weight
    and, packed, its value. A posting is three array entries, added a
    document's terms at a time in C (a dict lookup and appends a posting in
    Python cost a report some 2 ms); the postings are put in term order once,
    by a stable sort of their term numbers, so each term's documents stay
    ascending.
    """

    def __init__(self, schema) -> None:
        self.fields: dict[str, _FieldPostings] = {}
        self.counts: dict[str, bool] = {}  # the Frequency fields
        for name, field in schema.items():
            if field.indexed:
                postings = self.fields[name] = _FieldPostings(isinstance(field.format, Frequency))
                if postings.weights is not None:
                    self.counts[name] = True
        self.count = 0

    def add_terms(self, fieldname: str, docnum: int, terms: Collection[bytes]) -> None:
        """Add a document's terms (distinct) of an Existence field."""
        postings = self.fields[fieldname]
        numbers = postings.numbers
        before = len(numbers)
        numbers.extend(map(postings.terms.__getitem__, terms))
        added = len(numbers) - before
        postings.docs.extend(repeat(docnum, added))
        if postings.weights is not None:
            postings.weights.extend(repeat(1, added))
        self.count += added

    def add_counts(self, fieldname: str, docnum: int, counts: dict[bytes, float]) -> None:
        """Add a document's terms with their counts (for an Existence field the
        counts are dropped)."""
        postings = self.fields[fieldname]
        if postings.weights is None:
            self.add_terms(fieldname, docnum, counts)
            return
        postings.numbers.extend(map(postings.terms.__getitem__, counts))
        postings.docs.extend(repeat(docnum, len(counts)))
        postings.weights.extend(counts.values())
        self.count += len(counts)

    def add(self, item: tuple) -> None:
        """Add one (fieldname, term bytes, docnum, weight, value) posting: the
        interface Whoosh uses when it merges segments into this one."""
        fieldname, btext, docnum, weight, _ = item
        self.add_counts(fieldname, docnum, {btext: weight})

    def write(self, schema, fieldwriter) -> None:
        """Write every term's postings through a Whoosh field writer."""
        with_numpy = self.count >= NUMPY_POSTINGS
        for fieldname in sorted(self.fields):
            postings = self.fields[fieldname]
            if not postings.terms:
                continue
            counted = postings.weights is not None
            terms = FieldTerms(schema, fieldwriter, fieldname, counted, with_numpy)
            for btext, ids, weights in by_term(postings, with_numpy):
                terms.add(btext, ids, weights if counted else array("f", [1.0]) * len(ids))
            terms.finish()
            self.fields[fieldname] = _FieldPostings(counted)  # its memory freed for the next

    def cleanup(self) -> None:
        self.fields.clear()
        self.counts.clear()


def _stable_order(np, numbers, distinct: int):
    """The order that sorts term numbers stably: numpy's radix sort of 16-bit
    numbers, once, or twice (low halves, then high halves) for more terms:
    some 0.07 and 0.13 s for 5.3 million postings, where its stable sort of
    32-bit numbers takes 0.3."""
    if distinct <= 1 << 16:
        return np.argsort(numbers.astype(np.uint16), kind="stable")
    order = np.argsort((numbers & 0xFFFF).astype(np.uint16), kind="stable")
    return order[np.argsort((numbers[order] >> 16).astype(np.uint16), kind="stable")]


def by_term(postings: _FieldPostings, with_numpy: bool):
    """(term, its document numbers, their weights (None: not counted)) of a
    field, in term order: the postings sorted stably by term number (numpy
    for a pool of many, else Python's sort), each term's the run its number
    gives in that order. The field's postings are taken: its arrays are left
    empty."""
    numbers, counted = postings.numbers, postings.weights is not None
    if with_numpy:
        import numpy as np

        # Each array of the pool is let go once its sorted copy is made: the
        # copies and the sort's order are what a segment's end adds to memory.
        terms = np.frombuffer(numbers, dtype=np.uint32)
        order = _stable_order(np, terms, len(postings.terms))
        ends = np.cumsum(np.bincount(terms, minlength=len(postings.terms))).tolist()
        del terms, numbers
        postings.numbers = array("I")
        docs = memoryview(np.frombuffer(postings.docs, dtype=np.uint32)[order]).cast("B")
        postings.docs = array("I")
        weights = (memoryview(np.frombuffer(postings.weights, dtype=np.float32)[order]).cast("B")
                   if counted else None)
        postings.weights = array("f") if counted else None
        del order
    else:
        order = sorted(range(len(numbers)), key=numbers.__getitem__)
        per_term = Counter(numbers)
        ends = list(accumulate(per_term[n] for n in range(len(postings.terms))))
        docs = memoryview(array("I", map(postings.docs.__getitem__, order))).cast("B")
        weights = (memoryview(array("f", map(postings.weights.__getitem__, order))).cast("B")
                   if counted else None)
        postings.numbers, postings.docs = array("I"), array("I")
        postings.weights = array("f") if counted else None
    size = array("I").itemsize
    for btext, number in sorted(postings.terms.items()):
        start, end = (ends[number - 1] if number else 0) * size, ends[number] * size
        ids = array("I")
        ids.frombytes(docs[start:end])
        if counted:
            counts = array("f")
            counts.frombytes(weights[start:end])
            yield btext, ids, counts
        else:
            yield btext, ids, None


class FieldTerms:
    """One field's terms written through a Whoosh field writer, in term
    order: a term's postings (ascending document numbers, their weights)
    all at once."""

    def __init__(self, schema, fieldwriter, fieldname: str, counted: bool,
                 with_numpy: bool) -> None:
        fieldwriter.start_field(fieldname, schema[fieldname])
        self.fieldwriter, self.counted = fieldwriter, counted
        self.postings_writer = field_postings_writer(fieldwriter)
        self.postings_writer.with_numpy = with_numpy
        self.postings_writer.ones = not counted
        self.key = field_key(fieldwriter)
        self.terms = term_table(fieldwriter)

    def add(self, btext: bytes, ids, weights) -> None:
        if len(ids) < INLINE_LIMIT:
            # Most terms: stored with their postings in the term table
            # straight away, as the field writer would after a round trip.
            info = TermInfo(weight=sum(weights), df=len(ids),
                            maxweight=max(weights), minid=ids[0], maxid=ids[-1])
            info.set_inlined(ids, weights if self.counted else None)
            self.terms.add(self.key + btext, info.to_bytes())
            return
        self.fieldwriter.start_term(btext)
        self.postings_writer.add_postings(ids, weights)
        self.fieldwriter.finish_term()

    def finish(self) -> None:
        self.fieldwriter.finish_field()


# How a field's value becomes postings: counted terms, present terms, the
# whole value as one term, Whoosh's own analysis, or none (not indexed).
_COUNTS, _PRESENT, _WHOLE, _ANALYZED, _NONE = "counts", "present", "whole", "analyzed", None


def _field_plan(field, counts: bool) -> tuple[str | None, object]:
    """(how its values are indexed, the field), worked out once per writer."""
    if not field.indexed:
        return _NONE, field
    if isinstance(field, TermSet):
        return (_COUNTS if counts else _PRESENT), field
    if isinstance(field, ID) and isinstance(field.analyzer, IDTokenizer):
        return _WHOLE, field
    return _ANALYZED, field


def _check_field(name: str, field) -> None:
    if not field.indexed:
        return
    if (field.scorable or field.vector or field.separate_spelling()
            or type(field.format) not in (Existence, Frequency)
            or field.format.field_boost != 1):
        raise ValueError(f"field {name!r} needs Whoosh's own writer")


@writer_hooks
class Writer(SegmentWriter):
    """A SegmentWriter with postings kept in a TermPool, for schemas whose
    fields keep presence or counts only (no scored lengths, positions,
    vectors, spelling or boosts).

    `later` places documents in the segment: those it gives 0 are written as
    they come, the others held to the end of the segment, lowest first. A
    column ends at the last document with a value (Whoosh keeps a slot for
    every document before it), so documents that have a column and those
    that do not are best kept apart.
    """

    def __init__(self, ix, later: Callable[[dict], int] | None = None, **kwargs) -> None:
        super().__init__(ix, codec=Codec(), **kwargs)
        self.index = ix
        for name, field in self.schema.items():
            _check_field(name, field)
        self.pool = TermPool(self.schema)
        self._plan = {name: _field_plan(field, name in self.pool.counts)
                      for name, field in self.schema.items()}
        self._later = later
        self._held: list[tuple[int, int, dict]] = []
        self.lookup = None  # a reader of the commit built on, for delete_by_term (not closed)
        self._lookup = None  # one opened by delete_by_term

    @property
    def postings(self) -> int:
        """Postings added since the writer was opened."""
        return self.pool.count

    def add_document(self, **fields) -> None:
        check_open(self)
        place = self._later(fields) if self._later else 0
        if place:
            unknown = [name for name in fields if name not in self.schema]
            if unknown:  # refused now, not at commit
                raise UnknownFieldError(f"No field named {unknown[0]!r} in {self.schema}")
            self._held.append((place, len(self._held), fields))
            mark_added(self)
        else:
            self._write_document(fields)

    def _write_document(self, fields: dict) -> None:
        pool, docnum, plan = self.pool, self.docnum, self._plan
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        try:
            for name, value in fields.items():
                if value is None:
                    continue
                try:
                    how, field = plan[name]
                except KeyError:
                    raise UnknownFieldError(f"No field named {name!r} in {self.schema}") from None
                if how is _COUNTS:
                    pool.add_counts(name, docnum, Counter(value.encode("utf-8").split()))
                elif how is _PRESENT:
                    pool.add_terms(name, docnum, set(value.encode("utf-8").split()))
                elif how is _WHOLE:
                    pool.add_terms(name, docnum, (value.encode("utf-8"),))
                elif how is _ANALYZED:
                    pool.add_counts(name, docnum, {term: weight for term, _, weight, _
                                                   in field.index(value)})
                if field.stored:
                    perdoc.add_field(name, field, value, 0)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type,
                                            field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        mark_added(self)
        self.docnum += 1

    def delete_by_term(self, fieldname: str, text: str, searcher=None) -> int:
        """Whoosh's, without its query machinery (importing it and opening a
        searcher cost an update a quarter of a second): the live documents of
        the term, from its postings."""
        from ..storage import posting_set

        if self.lookup is None and self._lookup is None:
            self._lookup = self.reader()
        # Deletions marked since are not seen: deleting one again does nothing.
        found = sorted(posting_set(self.lookup or self._lookup, fieldname, text))
        for docnum in found:
            self.delete_document(docnum)
        return len(found)

    def _close_lookup(self) -> None:
        if self._lookup is not None:
            self._lookup.close()
            self._lookup = None

    def cancel(self) -> None:
        self._close_lookup()
        super().cancel()

    def commit(self, *args, **kwargs) -> None:
        self._close_lookup()
        super().commit(*args, **kwargs)
        # The next writer on this index builds on this commit.
        follow_commit(self.index, self.generation)

    def finish_segment(self):
        """Write the segment and close the writer without committing: the
        segment is part of the index once a commit lists it."""
        check_open(self)
        return write_segment(self)

    def flush_segment(self) -> None:
        """Write what the writer holds (Whoosh calls this at a commit)."""
        self._held.sort(key=lambda held: held[:2])
        for _, _, fields in self._held:
            self._write_document(fields)
        self._held.clear()
        self.perdocwriter.close()
        self.pool.write(self.schema, self.fieldwriter)
        self.fieldwriter.close()


def open_writer(ix, lock: bool = True, lookup=None) -> Writer:
    """A segment writer that lays documents out as the schema's columns want;
    without `lock`, one of several writing segments for a writer that holds
    the index's lock. `lookup`: a reader of the commit the writer builds on,
    open already, for delete_by_term (else the writer opens its own)."""
    writer = Writer(ix, later=later_in_segment, _lk=lock)
    writer.lookup = lookup
    return writer
