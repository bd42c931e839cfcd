"""Bounds of a one-term search with many candidates, computed over arrays.

A common word or name (海關; 電子商務, e-commerce, 跨境電子商務) is held by
tens of thousands of passages at 10,000 reports, and every one is bounded
before the best are read. Done a passage at a time in Python, that costs a
few microseconds per passage per spelling (sets and dicts of their postings,
intersected and summed). Here the postings of each index term are decoded
whole into numpy arrays, and the same bounds as Candidates.term_ceilings()
are computed for all candidates at once; tests check the two agree. Reading
every posting of a common term this way cost less, at 1,000 and at 10,000
reports, than reading the best of them first from impact-ordered lists
(README, "Performance").

numpy takes some 60 ms to import: only searches that bound many candidates
import it (candidates.ARRAYS_FROM).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from ..analysis import joins
from ..storage import (
    DENSE,
    ITEM_SIZES,
    RANKED_DOWN,
    RANKED_DOWN_FLAG,
    column_values_at,
    layout,
    segments,
    term_blocks,
)
from .ranking import SLACK, ResolvedTerm, counted_spellings, term_ceiling, term_score
from .sites import site_discounts

# Candidates whose bounds are computed at a time (elementwise: the same floats).
SLICE = 1 << 17
# A part of union_places() this many times as long as the others together is
# the spine the others are placed in (_spine_places), not sorted with them.
SPINE = 4
# A map of document numbers (a byte each) finds documents among keys where
# the keys are at most MAPPED_KEYS times as many as the documents and the
# numbers up to the last document at most MAPPED_SPAN times (mapped()).
MAPPED_KEYS = 4
MAPPED_SPAN = 512
# The values a map of values_at() holds (a byte each; 0 is none).
SMALL_VALUES = 254
# Document numbers in arrays: Whoosh numbers documents below 2**31, and half
# the bytes of int64 is half the memory of a common term's postings.
DOC = np.int32


def read_postings(reader, field: str, term: str, among: np.ndarray | None = None,
                  within=None) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, counts) of the live documents holding a term; with
    `among` (sorted), only blocks that may hold one of those are decoded, and
    what they hold besides may be given too. With `within` (a filter's
    passages, admitted.py), only blocks whose span of documents holds an
    admitted one are decoded, and only the postings it admits are given: the
    cost follows what the filter admits, not the term's postings."""
    ids_parts, count_parts = [], []
    btext = term.encode("utf-8")
    for segment, offset in segments(reader):
        wanted = None
        size = segment.doc_count_all()
        if among is not None:
            start, end = np.searchsorted(among, [offset, offset + size])
            wanted = among[start:end]
            if not len(wanted):
                continue
        if within is not None and not within.overlaps(np.array([offset], np.int64),
                                                      np.array([offset + size - 1], np.int64))[0]:
            continue
        found = term_blocks(segment, field, btext)
        if found is None:
            continue
        packed, listed = found
        if packed is not None:
            blocks = list(packed)
            if wanted is not None:
                blocks = _holding(blocks, wanted - offset)
            if within is not None and blocks:
                blocks = _admitting(blocks, within, offset)
            if not blocks:
                continue
            ids, counts = _decoded(blocks)
        else:  # postings kept with the term: a list
            ids, counts = np.array(listed[0], DOC), np.array(listed[1], np.float64)
        if len(ids) and (ids.min() < 0 or ids.max() >= segment.doc_count_all()):
            raise EOFError("postings damaged: a document number out of range")
        if segment.has_deletions():
            live = ~np.isin(ids, np.fromiter(segment.deleted_docs_set, np.int64))
            ids, counts = ids[live], None if counts is None else counts[live]
        ids += offset
        if within is not None:
            # Admitted a segment at a time: a broad filter's postings and
            # those it admits are not both held whole at once.
            ids, counts = admitted(within, ids, counts)
        ids_parts.append(ids)
        count_parts.append(counts)
    if not ids_parts:
        return np.zeros(0, DOC), np.zeros(0, np.float64)
    ids = ids_parts[0] if len(ids_parts) == 1 else np.concatenate(ids_parts)
    if all(c is None for c in count_parts):
        # Postings without counts (headings, flags) hold ones: none are stored.
        counts = np.broadcast_to(np.float64(1.0), ids.shape)
    else:
        counts = np.concatenate([np.ones(len(i)) if c is None else c
                                 for i, c in zip(ids_parts, count_parts, strict=True)])
    return ids, counts


def _holding(blocks: list[tuple[int, bytes]], wanted: np.ndarray) -> list[tuple[int, bytes]]:
    """The blocks whose span of document numbers holds one of these (sorted)."""
    lasts = np.fromiter((last for last, _ in blocks), np.int64, len(blocks))
    reached = np.searchsorted(wanted, lasts, side="right")
    return [blocks[i] for i in np.flatnonzero(np.diff(reached, prepend=0))]


def _admitting(blocks: list[tuple[int, bytes]], within, offset: int
               ) -> list[tuple[int, bytes]]:
    """The blocks whose span of document numbers (from the one after the
    block before's last, to its own last) holds a document `within` admits."""
    lasts = np.fromiter((last for last, _ in blocks), np.int64, len(blocks)) + offset
    lows = np.empty(len(lasts), np.int64)
    lows[0] = offset
    lows[1:] = lasts[:-1] + 1
    return [blocks[i] for i in np.flatnonzero(within.overlaps(lows, lasts))]


def _decoded(blocks) -> tuple[np.ndarray, np.ndarray | None]:
    """Document numbers and counts (None: all ones) of packed blocks: each block's gaps start
    from its first document number, made a gap from the block before's last
    so that one running sum decodes them all."""
    gaps, counts, lasts = [], [], []
    counted = False  # blocks without counts hold ones
    for last, data in blocks:
        body, id_type, weight_type, count = layout(data)
        gaps.append(np.frombuffer(body, id_type, count))
        if weight_type:
            counted = True
            counts.append(np.frombuffer(body, weight_type, count, count * ITEM_SIZES[id_type]))
        else:
            counts.append(count)
        lasts.append(last)
    ids = np.concatenate(gaps, dtype=DOC)
    starts = np.cumsum([len(g) for g in gaps[:-1]], dtype=np.int64)
    ids[starts] -= np.array(lasts[:-1], DOC)
    np.cumsum(ids, out=ids)
    if not counted:
        return ids, None
    return ids, np.concatenate(
        [np.ones(c) if isinstance(c, int) else c for c in counts], dtype=np.float64)


def admitted(allowed, docs: np.ndarray, counts: np.ndarray | None = None
             ) -> tuple[np.ndarray, np.ndarray | None]:
    """These documents (sorted) and their counts, of those a filter admits
    (all when `allowed` is None)."""
    if allowed is None:
        return docs, counts
    keep = allowed.mask(docs)
    if counts is not None and len(counts) and counts.strides == (0,):
        # One count for all (postings without counts): kept as it is, not
        # made an array of ones as long as the postings a filter admits.
        kept = docs[keep]
        return kept, np.broadcast_to(counts[0], kept.shape)
    return docs[keep], None if counts is None else counts[keep]


def positions(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `docs` stands in `keys` (both sorted), and which of them
    stand there: arrays as long as `docs`, whatever the size of the index."""
    at = np.searchsorted(keys, docs)
    if not len(keys):
        return at, np.zeros(len(docs), bool)
    inside = at < len(keys)
    found = np.zeros(len(docs), bool)
    found[inside] = keys[at[inside]] == docs[inside]
    return at, found


def mapped(docs: np.ndarray, keys: np.ndarray) -> int:
    """The size of a map of document numbers that finds these documents
    (sorted) among `keys` (sorted) at less cost than a binary search of each
    (a byte for every number up to the last document's, each key written
    once, each document read once), or 0 where the binary searches cost less
    (many more keys than documents). At 100,000 reports, 460,000 passages
    among 660,000 postings: 20 ms searched, 7 mapped."""
    if not len(docs) or not len(keys) or len(keys) > MAPPED_KEYS * len(docs):
        return 0
    size = int(docs[-1]) + 1
    return size if size <= MAPPED_SPAN * len(docs) else 0


def _keys_below(keys: np.ndarray, size: int) -> slice:
    """The keys (sorted, none negative) below `size`: a map of that size holds them."""
    return slice(0, int(np.searchsorted(keys, size)))


def members(docs: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Which of `docs` are among `keys` (both sorted): a mask. positions()'
    answer without its copies of the positions and documents inside the keys:
    13 bytes a document at once, not some 27 (a map of numbers, where it
    costs less: a byte a number up to the last document)."""
    if not len(keys):
        return np.zeros(len(docs), bool)
    size = mapped(docs, keys)
    if size:
        held = np.zeros(size, bool)
        held[keys[_keys_below(keys, size)]] = True
        return held[docs]
    at = np.searchsorted(keys, docs)
    # A document past the last key stands at the last: not equal to it.
    np.minimum(at, len(keys) - 1, out=at)
    found = np.take(keys, at, out=at) if at.dtype == keys.dtype else keys[at]
    return found == docs


def values_at(keys: np.ndarray, values: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """The value each of `docs` (sorted) has in (keys, values), 0 where it
    has none: from a map of a byte a number where it costs less (mapped())
    and every value is a whole number from 1 to 254 (a posting's count,
    nearly always), else by a binary search of each document."""
    size = mapped(docs, keys)
    if size:
        below = _keys_below(keys, size)
        keys, values = keys[below], values[below]
        if ((values >= 1) & (values <= SMALL_VALUES) & (values == np.trunc(values))).all():
            held = np.zeros(size, np.uint8)
            held[keys] = values
            return held[docs].astype(values.dtype if len(values) else np.float64)
    return _values_searched(keys, values, docs)


def _values_searched(keys: np.ndarray, values: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """values_at() by a binary search of each document."""
    at, found = positions(keys, docs)
    out = np.zeros(len(docs), values.dtype if len(values) else np.float64)
    out[found] = values[at[found]]
    return out


def union(parts: list[np.ndarray]) -> np.ndarray:
    """Every document of these arrays, sorted, once."""
    if len(parts) <= 1:  # postings are sorted and hold a document once
        return parts[0] if parts else np.zeros(0, DOC)
    # A stable sort merges sorted runs in about linear time (np.unique hashes),
    # in place: one array of them all, not two.
    docs = np.concatenate(parts)
    docs.sort(kind="stable")
    keep = np.ones(len(docs), bool)
    keep[1:] = docs[1:] != docs[:-1]
    return docs[keep]


def union_places(parts: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """union(parts), and where each document of each part stands in it
    (np.searchsorted(union, part) of each part, made by one stable sort of
    them all: a binary search for each of a common term's million postings
    in its candidates cost more than reading them)."""
    if len(parts) <= 1:  # postings are sorted and hold a document once
        return union(parts), [np.arange(len(part)) for part in parts]
    sizes = [len(part) for part in parts]
    longest = sizes.index(max(sizes))
    if sizes[longest] >= SPINE * (sum(sizes) - sizes[longest]):
        return _spine_places(parts, longest)
    # A common term's postings are millions, and each array here is as long
    # as all of them: those done with are let go, and places are DOC-sized (a
    # union is shorter than 2**31) and made in place. The int64 running sum,
    # its copy less one and int64 places (41 bytes a posting in all, now 21)
    # were the peak of a common term's search.
    joined = np.concatenate(parts)
    order = np.argsort(joined, kind="stable")
    docs = joined[order]
    del joined
    first = np.ones(len(docs), bool)
    first[1:] = docs[1:] != docs[:-1]
    ranks = np.cumsum(first, dtype=DOC)
    ranks -= 1
    places = np.empty(len(docs), DOC)
    places[order] = ranks
    del order, ranks
    ends = np.cumsum(sizes)
    return docs[first], np.split(places, ends[:-1])


def _spine_places(parts: list[np.ndarray], longest: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """union_places() when one part is most of the documents (a common
    spelling beside its rarer names and headings): the others' documents it
    lacks are inserted into it, and its own documents move up by those
    inserted before them (linear passes, not a sort of them all)."""
    spine = parts[longest]
    extra = union([part for i, part in enumerate(parts) if i != longest])
    at, found = positions(spine, extra)
    extra, at = extra[~found], at[~found]
    if len(extra):
        docs = np.insert(spine, at, extra)
        moved = np.cumsum(np.bincount(at, minlength=len(spine) + 1)[:len(spine)])
        own = np.arange(len(spine)) + moved
    else:
        docs, own = spine, np.arange(len(spine))
    return docs, [own if i == longest else np.searchsorted(docs, part)
                  for i, part in enumerate(parts)]


class PostingReads:
    """The postings one search reads, as arrays, each read once: whole, within
    the search's filter, or in the blocks that may hold given documents, and
    the passages holding every one of a set of grams."""

    def __init__(self, candidates):
        self.candidates = candidates
        self.reader = candidates.searcher.reader()
        self._read: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        # Passages holding every one of a set of grams (with the least count
        # of them in each, or under a heading holding them), by the set: a
        # spelling whose grams hold another's (跨境電子商務, 電子商務) starts
        # from the passages found for it (_narrowest).
        self._by_grams: dict[tuple[str, frozenset], tuple[np.ndarray, np.ndarray]] = {}
        # What was read within the search's filter (one a search), by term and
        # by tokens: the postings and mentions' bounds it admits.
        self._filter = None
        self._within: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """A term's postings, read whole once per search."""
        key = (field, term)
        if key not in self._read:
            kept = self.candidates.kept
            made = None if kept is None else kept.get(_grams_key(field, [term]))
            if made is None:
                made = read_postings(self.reader, field, term)
                if kept is not None and field not in ("grams", "heading_grams"):
                    # (A gram's are kept as the passages holding it: _narrowest.)
                    made = kept.keep(_grams_key(field, [term]), made)
            self._read[key] = made
        return self._read[key]

    def _whole(self, field: str, term: str) -> bool:
        """Whether a term's postings were read whole by this search: kept by
        the opened index as the passages holding it alone (_narrowest)."""
        if (field, term) in self._read:
            return True
        kept = self.candidates.kept
        return kept is not None and _grams_key(field, [term]) in kept

    def postings_within(self, field: str, term: str, allowed
                        ) -> tuple[np.ndarray, np.ndarray]:
        """A term's postings that a filter admits (all when `allowed` is
        None): of those read whole if they were, else of the blocks that may
        hold an admitted passage (read_postings), once per search."""
        if allowed is None:
            return self.postings(field, term)
        key = (field, term)
        if self._whole(field, term):
            return admitted(allowed, *self.postings(field, term))
        return self._admitted_once(key, allowed, lambda: read_postings(
            self.reader, field, term, within=allowed))

    def _admitted_once(self, key: tuple, allowed, make) -> tuple[np.ndarray, np.ndarray]:
        """What `make` gives within this filter, made once (a search has one
        filter; another forgets what the first admitted)."""
        if allowed is not self._filter:
            self._filter, self._within = allowed, {}
        if key not in self._within:
            self._within[key] = make()
        return self._within[key]

    def postings_among(self, field: str, term: str, docs: np.ndarray, out_of: int = 0
                       ) -> tuple[np.ndarray, np.ndarray]:
        """A term's postings, of the blocks that may hold these documents (sorted)
        when they are few beside the term's (they and the `out_of` that
        will be asked about in groups: read whole once when those are many)."""
        wanted = max(len(docs), out_of)
        if self._whole(field, term) or wanted * DENSE >= self.candidates.frequency(field, term):
            return self.postings(field, term)
        return read_postings(self.reader, field, term, among=docs)

    def holding(self, terms: list[tuple[str, str]], ids: np.ndarray) -> np.ndarray:
        """Which of these documents (sorted) hold every (field, term): a mask."""
        keep = np.ones(len(ids), bool)
        for field, term in terms:
            if not keep.any():  # nothing left to narrow: the rest not looked up
                break
            held, _ = self.postings_among(field, term, ids[keep])
            keep &= members(ids, held)
        return keep

    def ranked_down(self, docs: np.ndarray, out_of: int = 0) -> np.ndarray:
        """Which of these documents (sorted) the index flags as ranked down:
        from the opened index's bits (DocBits) once they are made, or when the
        flag's postings would be read whole (858,319 of them at 100,000
        reports, some 20 ms a search); else from the blocks that may hold
        these documents."""
        wanted = max(len(docs), out_of)
        many = wanted * DENSE >= self.candidates.frequency("flags", RANKED_DOWN_FLAG)
        bits = self.candidates.ranked_down_bits(many)
        if bits is not None:
            return bits.mask(docs)
        flagged, _ = self.postings_among("flags", RANKED_DOWN_FLAG, docs, out_of)
        return members(docs, flagged)

    def _narrowest(self, field: str, grams: list[str], narrow: Callable
                   ) -> tuple[np.ndarray, np.ndarray]:
        """The passages holding every one of the grams in `field` (and their
        counts), made once per search: from those found for the most passages'
        worth of fewer of them (the fewest passages), else from the rarest
        gram's postings, narrowed by each gram left, rarest first
        (`narrow(ids, counts, gram)`)."""
        wanted = frozenset(grams)
        key = (field, wanted)
        if key in self._by_grams:
            return self._by_grams[key]
        kept = self.candidates.kept
        found = None if kept is None else kept.get(_grams_key(field, wanted))
        if found is not None:
            self._by_grams[key] = found
            return found
        held = [(len(ids), sorted(done), ids, counts) for (f, done), (ids, counts)
                in self._by_grams.items() if f == field and done < wanted]
        left = sorted(wanted, key=lambda g: (self.candidates.frequency(field, g), g))
        if held:
            _, done, ids, counts = min(held, key=lambda h: (h[0], h[1]))
            left = [g for g in left if g not in done]
        else:
            ids, counts = self.postings(field, left[0])
            left = left[1:]
        for gram in left:
            if not len(ids):  # none left: the other grams not looked up
                break
            ids, counts = narrow(ids, counts, gram)
        if kept is not None:
            ids, counts = kept.keep(_grams_key(field, wanted), (ids, counts))
        self._by_grams[key] = ids, counts
        return ids, counts


class ArrayBounds(PostingReads):
    """The postings one search reads, as arrays, and the bounds made of them.
    Every array is as long as the postings read or the candidates, never as
    the index: at 100,000 reports (7 million passages) arrays of a slot per
    document held 160 MB of a search's memory."""

    def __init__(self, candidates, lengths=None):
        super().__init__(candidates)
        self.size = self.reader.doc_count_all()
        # Tests hand every document's lengths in; a search takes those the opened
        # index keeps (its second search on), else looks up its candidates'.
        if lengths is None:
            lengths = candidates.kept_lengths()
        self._all_lengths = None if lengths is None else np.asarray(lengths)
        self._bounds: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = {}

    def lengths(self, docs: np.ndarray) -> np.ndarray:
        """These documents' (sorted) lengths, as floats."""
        if self._all_lengths is not None:
            return self._all_lengths[docs].astype(np.float64)
        return column_values_at(self.reader, "length", docs).astype(np.float64)

    def mention_bounds(self, tokens: list[str], allowed=None) -> tuple[np.ndarray, np.ndarray]:
        """Candidates.mention_bounds(): the passages that may hold the tokens
        (those holding every index term and join of theirs), of those a
        filter admits, each with the least count of those in it. Made once
        per search: from the bounds of every passage if they were made (a
        term's idf counts them), else from the postings the filter admits."""
        key = tuple(tokens)
        kept = self.candidates.kept
        if key not in self._bounds and kept is not None:
            # Made by a search before: with joins, as mentions; without, as
            # the passages holding every gram (_holding_grams).
            required = frozenset(self.candidates.required_grams(tokens))
            made = kept.get(("mentions", key) if joins(tokens) or not required else
                            _grams_key("grams", required))
            if made is not None:
                self._bounds[key] = made
        if allowed is not None and key not in self._bounds:
            return self._admitted_once(("mentions", key), allowed,
                                       lambda: self._mention_bounds(tokens, allowed))
        if key not in self._bounds:
            self._bounds[key] = self._mention_bounds(tokens, None)
        return admitted(allowed, *self._bounds[key])

    def _mention_bounds(self, tokens: list[str], allowed) -> tuple[np.ndarray, np.ndarray]:
        # Narrowing is a passage at a time: narrowed to the filter's passages
        # first, or last, the same passages and counts are left.
        required = list(dict.fromkeys(self.candidates.required_grams(tokens)))
        if allowed is None and required and not joins(tokens):
            # Without joins, the passages holding every gram, with the least
            # count: narrowed from those of fewer grams, the same (in any order).
            return self._holding_grams(required)
        rarest = self.candidates.rarest(required)
        ids, counts = self.postings_within("grams", rarest, allowed)
        for field, term in ([] if len(required) == 1 else  # its postings are the bounds
                             self.candidates.bounding_terms(tokens, required, rarest)):
            if not len(ids):  # none left: the other terms not looked up
                break
            ids, counts = narrowed(ids, counts, *self.postings_among(field, term, ids))
        kept = self.candidates.kept
        if allowed is None and kept is not None:
            # (Without joins, the grams' passages are kept by _narrowest.)
            ids, counts = kept.keep(("mentions", tuple(tokens)), (ids, counts))
        return ids, counts

    def heading_docs(self, tokens: list[str], allowed=None) -> np.ndarray:
        """Passages under a heading that holds every index term of the tokens,
        of those a filter admits."""
        grams = list(dict.fromkeys(self.candidates.required_grams(tokens)))
        if allowed is None and grams:
            if not all(self.candidates.frequency("heading_grams", g) for g in grams):
                return np.zeros(0, DOC)  # a term no heading holds

            def holding(ids, counts, gram):
                keep = self.holding([("heading_grams", gram)], ids)
                return ids[keep], counts[keep]

            return self._narrowest("heading_grams", grams, holding)[0]
        required = rarest_first(grams, lambda gram: self.candidates.frequency("heading_grams",
                                                                              gram))
        if required is None:  # a term no heading holds
            return np.zeros(0, DOC)
        ids, _ = self.postings_within("heading_grams", required[0], allowed)
        return ids[self.holding([("heading_grams", g) for g in required[1:]], ids)]

    def _holding_grams(self, grams: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The passages holding every one of these grams, each with the least
        count of them in it (once per search: _narrowest)."""
        return self._narrowest("grams", grams, lambda ids, counts, gram: narrowed(
            ids, counts, *self.postings_among("grams", gram, ids)))

    def term_ceilings(self, r: ResolvedTerm, allowed: set | None
                      ) -> tuple[np.ndarray, np.ndarray]:
        """(candidates, their bounds as final scores): Candidates.term_ceilings()."""
        docs, mentions, heading = self.term_evidence(r, allowed)
        return docs, self.ceilings_of(r, docs, mentions, heading)

    def ceilings_of(self, r: ResolvedTerm, docs: np.ndarray, mentions: np.ndarray,
                    heading: np.ndarray, out_of: int = 0) -> np.ndarray:
        """The bounds of these candidates (sorted) of a term, from their
        evidence (term_evidence()), their lengths and flags (`out_of`: the
        candidates bounded a group at a time, these among them)."""
        low = self.ranked_down(docs, out_of)
        ceilings = np.empty(len(docs))
        # A slice at a time: the lengths, weights and the formula's
        # intermediates of a million candidates would be some 60 MB at once.
        for start in range(0, len(docs), SLICE):
            part = slice(start, start + SLICE)
            weights = np.where(low[part], RANKED_DOWN, 1.0)
            ceilings[part] = term_ceiling(r.idf, mentions[part], self.lengths(docs[part]),
                                          heading[part], weights)
        return ceilings

    def term_evidence(self, r: ResolvedTerm, allowed: set | None
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Candidates.term_evidence() as arrays: the term's candidates (sorted),
        the most weighted mentions each may hold, and the weight of the best
        spelling its heading holds. Made over the candidates alone: each
        spelling's postings are placed among them by their positions."""
        counted = counted_spellings(r.variants)
        spelled = [(self.mention_bounds(v.tokens, allowed), weight) for v, weight in counted]
        headed = [] if r.term.quoted else [
            (self.heading_docs(v.tokens, allowed), v.weight)
            for v in sorted(r.variants, key=lambda v: -v.weight)]
        # Each spelling's postings are read within the filter's passages (only
        # blocks that may hold one decoded) before they are combined: the
        # arrays that follow are as long as what it admits.
        docs, places = union_places([ids for (ids, _), _ in spelled]
                                    + [ids for ids, _ in headed])
        mentions, mentioned = spelled_mentions(len(docs), spelled, places[:len(spelled)])
        unheld = {tuple(v.tokens) for (v, _), ((ids, _), _) in zip(counted, spelled, strict=True)
                  if not len(ids)}
        for term, discount in site_discounts(r.variants, counted, unheld).items():
            # (Only the candidates' postings count: blocks without one not decoded.)
            discount_sites(mentions, mentioned, discount, docs,
                           *self.postings_among("sites", term, docs))
        return docs, mentions, heading_weights(len(docs), headed, places[len(spelled):])

    def words_evidence(self, positive: list[ResolvedTerm], allowed: set | None
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For words typed side by side: every passage that may hold one (sorted),
        how many it may hold (a word typed twice, twice), and the BM25 part of
        its bound, as Candidates.words_ceilings() sums it."""
        evidence = [self.term_evidence(r, allowed) for r in positive]
        docs, places = union_places([term_docs for term_docs, _, _ in evidence])
        held, scores = np.zeros(len(docs), np.int64), np.zeros(len(docs))
        for r, (term_docs, mentions, heading), at in zip(positive, evidence, places,
                                                         strict=True):
            held[at] += 1
            scores[at] += term_score(r.idf, mentions, self.lengths(term_docs), heading)
        return docs, held, scores

    def together(self, tokens: list[str], docs: np.ndarray) -> np.ndarray:
        """Candidates.together() as a mask over these documents (sorted)."""
        return self.holding(self.candidates.side_by_side(tokens), docs)

    def document_frequency(self, tokens: list[str]) -> int:
        """Passages holding every index term of the tokens."""
        if not joins(tokens):  # the passages mention_bounds() gives
            return len(self.mention_bounds(tokens)[0])
        required = list(dict.fromkeys(self.candidates.required_grams(tokens)))
        return len(self._holding_grams(required)[0])


def _grams_key(field: str, grams) -> tuple:
    """What the opened index keeps the passages holding every one of these
    grams (of a field) by (kept.KeptPostings)."""
    return ("grams", field, frozenset(grams))


def narrowed(ids: np.ndarray, counts: np.ndarray, held: np.ndarray, held_counts: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray]:
    """The passages (ids, sorted, with counts) that hold a term too (its
    postings: held, held_counts), each with the lesser of the two counts."""
    found = values_at(held, held_counts, ids)
    keep = found > 0
    return ids[keep], np.minimum(counts[keep], found[keep])


def rarest_first(grams: list[str], frequency: Callable[[str], int]) -> list[str] | None:
    """The grams by their `frequency`, the rarest first (ties in their order);
    None if one is held nowhere (the rest not looked up)."""
    frequencies = []
    for gram in grams:
        frequencies.append(frequency(gram))
        if not frequencies[-1]:
            return None
    return [g for _, g in sorted(zip(frequencies, grams, strict=True), key=lambda pair: pair[0])]


def spelled_mentions(size: int, spelled: list, places: list[np.ndarray]
                     ) -> tuple[np.ndarray, np.ndarray]:
    """The most weighted mentions each of `size` candidates may hold, summed
    over the spellings (((ids, counts), weight) each, placed among the
    candidates at `places`), and which candidates any spelling is in."""
    mentions, mentioned = np.zeros(size), np.zeros(size, bool)
    for ((_, counts), weight), at in zip(spelled, places, strict=True):
        if len(at) == size:  # every candidate, in order: no gather
            mentions += weight * counts
            mentioned[:] = True
            continue
        mentions[at] += weight * counts
        mentioned[at] = True
    return mentions, mentioned


def discount_sites(mentions: np.ndarray, mentioned: np.ndarray, discount: float,
                   docs: np.ndarray, ids: np.ndarray, sites: np.ndarray) -> None:
    """Takes a site's mentions (its postings: ids, sites) off those of the
    candidates (docs, sorted) a spelling is in, in place."""
    at, held = positions(docs, ids)
    held[held] = mentioned[at[held]]
    at, sites = at[held], sites[held]
    mentions[at] = np.maximum(mentions[at] - sites * discount, 0.0) + SLACK


def heading_weights(size: int, headed: list, places: list[np.ndarray]) -> np.ndarray:
    """The weight of the best spelling each of `size` candidates' heading
    holds (headed: (ids, weight) heaviest first, placed at `places`)."""
    heading = np.zeros(size)
    # Lightest first, each overwriting: a passage keeps the heaviest weight.
    for (_, weight), at in reversed(list(zip(headed, places, strict=True))):
        heading[at] = weight
    return heading


def by_words_held(docs: np.ndarray, held: np.ndarray, scores: np.ndarray
                  ) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """(words held, documents, scores) of each group, most words first."""
    for count in sorted(set(held.tolist()), reverse=True):
        group = np.flatnonzero(held == count)
        yield count, docs[group], scores[group]


class DocBits:
    """A set of documents as a bit each (a document's number is its place):
    what an opened index keeps of a flag every search may ask about, made once
    from the flag's postings. 0.9 MB at 100,000 reports (7 million documents)."""

    def __init__(self, docs: np.ndarray, size: int):
        bits = np.zeros(max(size, 1), bool)
        bits[docs] = True
        self.packed = np.packbits(bits, bitorder="little")

    @classmethod
    def of_term(cls, reader, field: str, term: str) -> DocBits:
        """The live documents holding a term."""
        return cls(read_postings(reader, field, term)[0], reader.doc_count_all())

    def mask(self, docs: np.ndarray) -> np.ndarray:
        """Which of these documents are in the set."""
        return (self.packed[docs >> 3] >> (docs & 7).astype(np.uint8)) & 1 == 1


class Marked:
    """Documents (sorted) a search saw, to leave out of partial matches: looked
    up by position, in memory that follows them, not the index."""

    def __init__(self, docs: np.ndarray):
        self.docs = docs

    def __contains__(self, docnum: object) -> bool:
        if not isinstance(docnum, int):
            return False
        at = int(np.searchsorted(self.docs, docnum))
        return at < len(self.docs) and int(self.docs[at]) == docnum
