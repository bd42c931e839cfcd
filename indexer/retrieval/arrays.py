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

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from ..analysis import joins
from ..storage import (
    DENSE,
    ITEM_SIZES,
    RANKED_DOWN,
    RANKED_DOWN_FLAG,
    LeafMatcher,
    decoded_blocks,
    layout,
    segments,
    term_matcher,
)
from .ranking import SLACK, ResolvedTerm, counted_spellings, term_ceiling, term_score
from .sites import site_discounts

# Candidates handed on, best bound first, at a time: most searches read a few.
CHUNK = 256


def read_postings(reader, field: str, term: str, among: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, counts) of the live documents holding a term; with
    `among` (sorted), only blocks that may hold one of those are decoded, and
    what they hold besides may be given too."""
    ids_parts, count_parts = [], []
    for segment, offset in segments(reader):
        wanted = None
        if among is not None:
            start, end = np.searchsorted(among, [offset, offset + segment.doc_count_all()])
            wanted = among[start:end]
            if not len(wanted):
                continue
        matcher = term_matcher(segment, field, term)
        if matcher is None:
            continue
        if isinstance(matcher, LeafMatcher):
            blocks = list(matcher.packed_blocks())
            if wanted is not None:
                blocks = _holding(blocks, wanted - offset)
            if not blocks:
                continue
            ids, counts = _decoded(blocks)
        else:  # postings kept with the term: a list
            (_, decode), = decoded_blocks(matcher)
            listed, weights = decode()
            ids, counts = np.array(listed, np.int64), np.array(weights, np.float64)
        if len(ids) and (ids.min() < 0 or ids.max() >= segment.doc_count_all()):
            raise EOFError("postings damaged: a document number out of range")
        if segment.has_deletions():
            live = ~np.isin(ids, np.fromiter(segment.deleted_docs_set, np.int64))
            ids, counts = ids[live], counts[live]
        ids_parts.append(ids + offset)
        count_parts.append(counts)
    if not ids_parts:
        return np.zeros(0, np.int64), np.zeros(0, np.float64)
    return np.concatenate(ids_parts), np.concatenate(count_parts)


def _holding(blocks: list[tuple[int, bytes]], wanted: np.ndarray) -> list[tuple[int, bytes]]:
    """The blocks whose span of document numbers holds one of these (sorted)."""
    lasts = np.fromiter((last for last, _ in blocks), np.int64, len(blocks))
    reached = np.searchsorted(wanted, lasts, side="right")
    return [blocks[i] for i in np.flatnonzero(np.diff(reached, prepend=0))]


def _decoded(blocks) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and counts of packed blocks: each block's gaps start
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
    ids = np.concatenate(gaps, dtype=np.int64)
    starts = np.cumsum([len(g) for g in gaps[:-1]], dtype=np.int64)
    ids[starts] -= np.array(lasts[:-1], np.int64)
    if not counted:
        return ids.cumsum(), np.ones(len(ids))
    return ids.cumsum(), np.concatenate(
        [np.ones(c) if isinstance(c, int) else c for c in counts], dtype=np.float64)


class Workspace:
    """Arrays of a slot per document, all zero between uses, made once for an
    opened index: the fresh pages of new arrays cost a search more than its
    arithmetic on them (60,000 candidates of 868,000 documents: 7.8 -> 2.4 ms
    for five arrays). Whoever sets slots sets them back; an error on the way
    clears them all. It also keeps what every search of the index reads alike."""

    def __init__(self, size: int):
        self.size = size
        self.mentions, self.heading, self.values = (np.zeros(size) for _ in range(3))
        self.candidate, self.marks = np.zeros(size, bool), np.zeros(size, bool)
        self._ranked_down: np.ndarray | None = None

    def ranked_down(self, reader) -> np.ndarray:
        """Which documents the index flags as ranked down, as a mask: the same
        for every search of the opened index, so read once."""
        if self._ranked_down is None:
            mask = np.zeros(self.size, bool)
            mask[read_postings(reader, "flags", RANKED_DOWN_FLAG)[0]] = True
            self._ranked_down = mask
        return self._ranked_down

    def clear(self, docs: np.ndarray | None = None) -> None:
        """Set these documents' slots (or all) back to zero."""
        for slots in (self.mentions, self.heading, self.values, self.candidate, self.marks):
            if docs is None:
                slots.fill(0)
            else:
                slots[docs] = 0

    @contextmanager
    def in_use(self) -> Iterator[Workspace]:
        try:
            yield self
        except BaseException:
            self.clear()
            raise


class ArrayBounds:
    """The postings one search reads, as arrays, and the bounds made of them."""

    def __init__(self, candidates, lengths, workspace: Workspace | None = None):
        self.candidates = candidates
        self.reader = candidates.searcher.reader()
        self.size = self.reader.doc_count_all()
        self.lengths = np.asarray(lengths)
        self.workspace = workspace or Workspace(self.size)
        self._read: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._bounds: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = {}

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """A term's postings, read whole once per search."""
        key = (field, term)
        if key not in self._read:
            self._read[key] = read_postings(self.reader, field, term)
        return self._read[key]

    def postings_among(self, field: str, term: str, docs: np.ndarray
                       ) -> tuple[np.ndarray, np.ndarray]:
        """A term's postings, of the blocks that may hold these documents (sorted)
        when they are few beside the term's."""
        key = (field, term)
        if key in self._read or len(docs) * DENSE >= self.candidates.frequency(field, term):
            return self.postings(field, term)
        return read_postings(self.reader, field, term, among=docs)

    def holding(self, terms: list[tuple[str, str]], ids: np.ndarray) -> np.ndarray:
        """Which of these documents (sorted) hold every (field, term): a mask."""
        keep = np.ones(len(ids), bool)
        for field, term in terms:
            held, _ = self.postings_among(field, term, ids[keep])
            keep &= self.marked(held, ids)
        return keep

    def marked(self, marks: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """Which of `docs` are among `marks`: a mask."""
        with self.workspace.in_use() as space:
            space.marks[marks] = True
            found = space.marks[docs]
            space.marks[marks] = False
        return found

    def mention_bounds(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Candidates.mention_bounds(): the passages that may hold the tokens
        (those holding every index term and join of theirs), each with the
        least count of those in it. Made once per search."""
        key = tuple(tokens)
        if key not in self._bounds:
            self._bounds[key] = self._mention_bounds(tokens)
        return self._bounds[key]

    def _mention_bounds(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
        required = list(dict.fromkeys(self.candidates.required_grams(tokens)))
        rarest = self.candidates.rarest(required)
        ids, counts = self.postings("grams", rarest)
        if len(required) == 1:  # its postings are the passages and the bounds
            return ids, counts
        for field, term in self.candidates.bounding_terms(tokens, required, rarest):
            held, held_counts = self.postings_among(field, term, ids)
            with self.workspace.in_use() as space:
                space.values[held] = held_counts
                found = space.values[ids]
                space.values[held] = 0
            keep = found > 0
            ids, counts = ids[keep], np.minimum(counts[keep], found[keep])
        return ids, counts

    def heading_docs(self, tokens: list[str]) -> np.ndarray:
        """Passages under a heading that holds every index term of the tokens."""
        required = sorted(dict.fromkeys(self.candidates.required_grams(tokens)),
                          key=lambda g: self.candidates.frequency("heading_grams", g))
        ids, _ = self.postings("heading_grams", required[0])
        return ids[self.holding([("heading_grams", g) for g in required[1:]], ids)]

    def term_ceilings(self, r: ResolvedTerm, allowed: set | None
                      ) -> tuple[np.ndarray, np.ndarray]:
        """(candidates, their bounds as final scores): Candidates.term_ceilings()."""
        docs, mentions, heading = self.term_evidence(r, allowed)
        lengths = self.lengths[docs].astype(np.float64)
        weights = np.where(self.workspace.ranked_down(self.reader)[docs], RANKED_DOWN, 1.0)
        return docs, term_ceiling(r.idf, mentions, lengths, heading, weights)

    def term_evidence(self, r: ResolvedTerm, allowed: set | None
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Candidates.term_evidence() as arrays: the term's candidates (sorted),
        the most weighted mentions each may hold, and the weight of the best
        spelling its heading holds."""
        with self.workspace.in_use() as space:
            touched, docs = self._evidence(r, allowed, space)
            found = docs, space.mentions[docs], space.heading[docs]
            space.clear(touched)
        return found

    def _evidence(self, r: ResolvedTerm, allowed: set | None, space: Workspace
                  ) -> tuple[np.ndarray, np.ndarray]:
        """Every document whose slots were set, and the candidates."""
        mentions, candidate, heading = space.mentions, space.candidate, space.heading
        counted = counted_spellings(r.variants)
        for v, weight in counted:
            ids, counts = self.mention_bounds(v.tokens)
            mentions[ids] += weight * counts
            candidate[ids] = True
        for term, discount in site_discounts(r.variants, counted).items():
            ids, sites = self.postings("sites", term)
            held = candidate[ids]
            ids, sites = ids[held], sites[held]
            mentions[ids] = np.maximum(mentions[ids] - sites * discount, 0.0) + SLACK
        if not r.term.quoted:
            for v in sorted(r.variants, key=lambda v: -v.weight):
                ids = self.heading_docs(v.tokens)
                heading[ids] = np.where(heading[ids] == 0, v.weight, heading[ids])
                candidate[ids] = True
        touched = docs = np.flatnonzero(candidate)
        if allowed is not None:
            docs = docs[allowed.mask(docs)]
        return touched, docs

    def words_evidence(self, positive: list[ResolvedTerm], allowed: set | None
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For words typed side by side: every passage that may hold one (sorted),
        how many it may hold (a word typed twice, twice), and the BM25 part of
        its bound, as Candidates.words_ceilings() sums it."""
        evidence = [self.term_evidence(r, allowed) for r in positive]
        with self.workspace.in_use() as space:
            held, scores, seen = space.heading, space.mentions, space.candidate
            for r, (term_docs, mentions, heading) in zip(positive, evidence, strict=True):
                lengths = self.lengths[term_docs].astype(np.float64)
                held[term_docs] += 1
                scores[term_docs] += term_score(r.idf, mentions, lengths, heading)
                seen[term_docs] = True
            docs = np.flatnonzero(seen)
            found = docs, held[docs].astype(np.int64), scores[docs]
            space.clear(docs)
        return found

    def together(self, tokens: list[str], docs: np.ndarray) -> np.ndarray:
        """Candidates.together() as a mask over these documents (sorted)."""
        return self.holding(self.candidates.side_by_side(tokens), docs)

    def document_frequency(self, tokens: list[str]) -> int:
        """Passages holding every index term of the tokens."""
        if not joins(tokens):  # the passages mention_bounds() gives
            return len(self.mention_bounds(tokens)[0])
        required = list(dict.fromkeys(self.candidates.required_grams(tokens)))
        rarest = self.candidates.rarest(required)
        ids, _ = self.postings("grams", rarest)
        return int(self.holding([("grams", g) for g in required if g != rarest], ids).sum())


def best_first_of(docs: np.ndarray, ceilings: np.ndarray) -> Iterator[tuple[float, int]]:
    """(bound, document) of candidates, highest bound first (ties by document).
    Most searches read a few: the best CHUNK (and any tied with the last of
    them) are sorted first, not all of them, then twice as many at a time."""
    remaining, size = np.arange(len(docs)), CHUNK
    while len(remaining):
        if len(remaining) > size:
            values = ceilings[remaining]
            cut = len(values) - size
            taken = values >= np.partition(values, cut)[cut]
            chunk, remaining = remaining[taken], remaining[~taken]
            size *= 2
        else:
            chunk, remaining = remaining, remaining[:0]
        chunk = chunk[np.lexsort((docs[chunk], -ceilings[chunk]))]
        yield from zip(ceilings[chunk].tolist(), docs[chunk].tolist(), strict=True)


def by_words_held(docs: np.ndarray, held: np.ndarray, scores: np.ndarray
                  ) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """(words held, documents, scores) of each group, most words first."""
    for count in sorted(set(held.tolist()), reverse=True):
        group = np.flatnonzero(held == count)
        yield count, docs[group], scores[group]


class Marked:
    """Documents as a mask: what a search saw, to leave out of partial matches."""

    def __init__(self, docs: np.ndarray, size: int):
        self.mask = np.zeros(size, bool)
        self.mask[docs] = True

    def __contains__(self, docnum: object) -> bool:
        return isinstance(docnum, int) and bool(self.mask[docnum])
