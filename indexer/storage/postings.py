"""Reading postings a block at a time.

Whoosh's matcher API costs several Python calls per posting (is_active, id,
weight, next; skip_to steps through a block one posting at a time). Our codec
stores a term's postings in blocks of up to codec.MAX_BLOCK (1024), or inline
in the term table when they are few; a block's header gives its last
document. These readers decode a block's ids in one call, and skip a block
without decoding it when no wanted document can be in it. Deleted documents
are left out, as Whoosh's own reader leaves them out.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from .whoosh_door import (
    LeafMatcher,
    info_ids,
    next_block,
    term_infos,
    term_infos_holding,
    term_items,
    term_postings,
)

# Past one wanted document per this many postings, nearly every block holds
# one: reading them all beats looking for each.
DENSE = 16


def segments(reader) -> list[tuple]:
    """(segment reader, its first document number) for each segment of a reader."""
    return list(reader.leaf_readers()) if reader.is_atomic() is False else [(reader, 0)]


def term_matcher(segment, field: str, term: str):
    """A segment's matcher of a term's postings; None when it lacks the term."""
    return term_postings(segment, field, term.encode("utf-8"))


def decoded_blocks(matcher) -> Iterator[tuple[int, object]]:
    """(last id of the block, a function that decodes its ids and weights)."""
    if isinstance(matcher, LeafMatcher):
        while matcher.is_active():
            yield matcher.block_max_id(), matcher.block
            next_block(matcher)
    else:  # postings kept with the term: a list
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        if ids:
            yield ids[-1], lambda: (ids, weights)


def _id_blocks(matcher, offset: int) -> Iterator[Iterable[int]]:
    """The document numbers of each block, plus `offset`."""
    if isinstance(matcher, LeafMatcher):
        while matcher.is_active():
            yield matcher.block_ids(offset)
            next_block(matcher)
        return
    for _, decode in decoded_blocks(matcher):
        yield map(offset.__add__, decode()[0])


def posting_ids(reader, field: str, term: str) -> list[int]:
    """Every live document that holds a term, in order."""
    return list(posting_counts(reader, field, term))


def segment_ids(segment, offset: int, field: str, term: str) -> list[int]:
    """The live documents of one segment that hold a term, plus `offset`."""
    matcher = term_matcher(segment, field, term)
    if matcher is None:
        return []
    deleted = segment.deleted_docs_set if segment.has_deletions() else ()
    return [d + offset for _, decode in decoded_blocks(matcher) for d in decode()[0]
            if d not in deleted]


def prefix_postings(segment, offset: int, field: str, prefix: str,
                    start: str | None = None) -> Iterator[tuple[str, list[int]]]:
    """(term, its live documents plus `offset`) of one segment's terms of a
    field that begin with `prefix`, from `start` (or the prefix) on, in order:
    one walk of the term table, no term looked up twice."""
    head = prefix.encode("utf-8")
    deleted = segment.deleted_docs_set if segment.has_deletions() else ()
    for btext, ids in term_items(segment, field, (start or prefix).encode("utf-8")):
        if not btext.startswith(head):
            return
        yield btext.decode("utf-8"), [d + offset for d in ids if d not in deleted]


def span_entries(segment, field: str, low: str, high: str) -> tuple[list, list]:
    """(inside, outside): the (term, term info) of one segment's terms of a
    field from `low` to `high` (both in, as strings compare) and of its
    others, no postings read (entries_ids() reads them). The field's terms
    walked once from the first: the term infos' counts tell whether the
    span holds every document of the field (a few dozen dates a segment; a
    walk from the span's start costs the same search of the table)."""
    start = low.encode("utf-8")
    inside, outside = [], []
    for btext, info in term_infos(segment, field, b""):
        within = btext >= start and btext.decode("utf-8") <= high
        (inside if within else outside).append((btext, info))
    return inside, outside


def keyed_entries(segment, field: str, fits: Callable[[bytes], bool]) -> list:
    """The (term, term info) of one segment's terms of a field that fit, no
    postings read (entries_ids() reads them): the field's terms walked once,
    as span_entries() walks them, for more terms than are cheaper looked up
    one by one, or terms known only by a part."""
    return [(btext, info) for btext, info in term_infos(segment, field, b"") if fits(btext)]


def entries_holding(segment, field: str, part: str) -> list:
    """The (term, term info) of one segment's terms of a field that hold
    `part`, no postings read: the field's terms searched as bytes, not
    walked one by one (a part of a UTF-8 string's bytes that is a whole
    string's is a part of its characters)."""
    return term_infos_holding(segment, field, part.encode("utf-8"))


def entries_ids(segment, field: str, entries: list) -> list[int]:
    """The document numbers (deleted ones too) of span_entries()' terms, in turn."""
    return [d for btext, info in entries for d in info_ids(segment, field, btext, info)]


def ids_near(reader, field: str, term: str, docnum: int) -> list[int]:
    """The live documents holding a term in the segment of document `docnum`
    (one segment's term table looked up, not every segment's)."""
    for segment, offset in segments(reader):
        if offset <= docnum < offset + segment.doc_count_all():
            return segment_ids(segment, offset, field, term)
    return []


def field_postings(reader, field: str) -> Iterator[tuple[str, list[int]]]:
    """(term, its live documents in one segment) for every term of a field,
    segment by segment: each segment's own terms, looked up there only."""
    for segment, offset in segments(reader):
        yield from prefix_postings(segment, offset, field, "")


def posting_counts(reader, field: str, term: str) -> dict[int, float]:
    """Every live document that holds a term, with its count (weight)."""
    out: dict[int, float] = {}
    for segment, offset in segments(reader):
        matcher = term_matcher(segment, field, term)
        if matcher is None:
            continue
        deleted = segment.deleted_docs_set if segment.has_deletions() else None
        for _, decode in decoded_blocks(matcher):
            ids, weights = decode()
            if deleted:
                out.update((d + offset, w) for d, w in zip(ids, weights, strict=True)
                           if d not in deleted)
            else:
                out.update(zip(map(offset.__add__, ids), weights, strict=True))
    return out


def counts_among(reader, field: str, term: str, docnums: list[int]) -> dict[int, float]:
    """Of these documents (sorted), those that hold a term, with its count:
    blocks that hold none of them are skipped undecoded."""
    out: dict[int, float] = {}
    if not docnums:
        return out
    for segment, offset in segments(reader):
        end = offset + segment.doc_count_all()
        wanted = docnums[bisect_left(docnums, offset):bisect_left(docnums, end)]
        if not wanted:
            continue
        matcher = term_matcher(segment, field, term)
        if matcher is None:
            continue
        deleted = segment.deleted_docs_set if segment.has_deletions() else None
        if deleted:
            wanted = [d for d in wanted if d - offset not in deleted]
            if not wanted:
                continue
        if len(wanted) * DENSE >= segment.doc_frequency(field, term):
            # Wanted in most blocks: decode them all and intersect.
            held: dict[int, float] = {}
            for _, decode in decoded_blocks(matcher):
                held.update(zip(*decode(), strict=True))
            found = held.keys() & (map(offset.__rsub__, wanted) if offset else wanted)
            out.update(zip(map(offset.__add__, found), map(held.__getitem__, found),
                           strict=True))
            continue
        i = 0
        for last, decode in decoded_blocks(matcher):
            if wanted[i] - offset > last:
                continue
            ids, weights = decode()
            while i < len(wanted) and wanted[i] - offset <= last:
                n = bisect_left(ids, wanted[i] - offset)
                if n < len(ids) and ids[n] == wanted[i] - offset:
                    out[wanted[i]] = weights[n]
                i += 1
            if i == len(wanted):
                break
    return out


def posting_set(reader, field: str, term: str) -> set[int]:
    """Every live document that holds a term (ids only: built in C)."""
    out: set[int] = set()
    for segment, offset in segments(reader):
        matcher = term_matcher(segment, field, term)
        if matcher is None:
            continue
        for ids in _id_blocks(matcher, offset):
            out.update(ids)
        if segment.has_deletions():
            out.difference_update(d + offset for d in segment.deleted_docs_set)
    return out


def holding_every(reader, terms: list[tuple[str, str]], among=None,
                  read: Callable[[str, str], set[int]] | None = None) -> set[int]:
    """The live documents (of `among`, if given) that hold every one of the
    (field, term) pairs: the rarest's documents, narrowed by each other's (read
    whole and intersected as sets when they are many, looked up block by block
    when few). `read` gives a term's documents whole (posting_set, unless
    the caller remembers them); the sets it gives are not changed."""
    read = read or partial(posting_set, reader)
    ordered = list(dict.fromkeys(terms))
    # How many documents hold a term, looked up once (in every segment).
    frequencies: dict[tuple[str, str], int] = {}

    def frequency(pair: tuple[str, str]) -> int:
        if pair not in frequencies:
            frequencies[pair] = reader.doc_frequency(*pair)
        return frequencies[pair]

    if len(ordered) > 1:  # one term is read as it is: its count is not looked up
        ordered.sort(key=frequency)
    if among is not None:
        found = set(among)
    elif ordered:
        found = read(*ordered.pop(0))
    else:
        raise ValueError("holding_every needs a term or documents to narrow")
    for field, term in ordered:
        if not found:
            break
        if len(found) * DENSE >= frequency((field, term)):
            found = found & read(field, term)
        else:
            found = set(counts_among(reader, field, term, sorted(found)))
    return found


def leading_ids(reader, field: str, term: str, count: int, within: int | None = None
                ) -> list[int]:
    """The first `count` live documents that hold a term, in order (of the
    segment that holds document `within` only, if given): blocks past them
    are not read."""
    out: list[int] = []
    if count <= 0:
        return out
    for segment, offset in segments(reader):
        if within is not None and not offset <= within < offset + segment.doc_count_all():
            continue
        matcher = term_matcher(segment, field, term)
        if matcher is None:
            continue
        deleted = segment.deleted_docs_set if segment.has_deletions() else ()
        for _, decode in decoded_blocks(matcher):
            out.extend(d + offset for d in decode()[0] if d not in deleted)
            if len(out) >= count:
                return out[:count]
    return out
