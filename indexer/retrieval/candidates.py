"""Candidates of a search and the bounds on their scores, from the index alone.

A passage is a candidate for a term when it holds every index term of one of
the term's spellings, or sits under a heading that does (which passages may
hold a spelling, and how often at most, is mentions.py's). Its bound counts
the mentions the index allows (the least count of the spelling's index terms
and joins) at its length, plus the heading's weight: no lower than the exact
score its text will give. One Candidates serves one search; what it reads of
the index (reads.py), it reads once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property

from ..analysis import match_string
from ..storage import RANKED_DOWN, RANKED_DOWN_FLAG, ColumnLookup
from .mentions import Mentions
from .query import soft_groups
from .ranking import (
    FULL_MATCH,
    PHRASE_BONUS,
    SLACK,
    PassageBound,
    ResolvedTerm,
    counted_spellings,
    phrase,
    term_ceiling,
    term_score,
)
from .sites import site_discounts

# From this many postings of the rarest index terms of a term's spellings,
# its candidates are bounded over arrays (arrays.py). Below it, numpy's import
# (some 60 ms of a one-shot search) costs more than the arrays save; above it,
# arrays answer an in-process search 2-3x faster than sets and dicts.
ARRAYS_FROM = 3000


class Candidates(Mentions):
    """The candidates of one search and the bounds on their scores, from the
    passages that may hold each spelling and how often (mentions.py)."""

    def __init__(self, searcher, all_lengths: Callable[[], Sequence[int]],
                 ranked_down_bits: Callable[[bool], object] | None = None,
                 kept_lengths: Callable[[], object] | None = None,
                 kept_postings=None):
        super().__init__(searcher)
        # Arrays made by the opened index's searches before (kept.KeptPostings).
        self.kept = kept_postings
        self._all_lengths = all_lengths
        # The opened index's bits of passages ranked down (arrays.DocBits):
        # `ranked_down_bits(make)` gives them when made, or made when `make`.
        self._ranked_down_bits = ranked_down_bits
        # Every document's length as a numpy array when the opened index keeps
        # them for this search (OpenedIndex._kept_lengths), else None.
        self._kept_lengths = kept_lengths

    def kept_lengths(self):
        """Every document's length (a numpy array) if the opened index keeps
        them for this search, else None: then arrays look candidates' up."""
        return None if self._kept_lengths is None else self._kept_lengths()

    def ranked_down_bits(self, make: bool):
        """The opened index's bits of passages ranked down (arrays.DocBits), if
        it keeps them and they are made (or `make`); else None."""
        return None if self._ranked_down_bits is None else self._ranked_down_bits(make)

    @cached_property
    def lengths(self) -> ColumnLookup:
        """Documents' lengths: a few candidates' looked up one by one, every
        document's read at once (in time that grows with the archive) for many."""
        return ColumnLookup(self.searcher.reader(), "length", self._all_lengths)

    @cached_property
    def arrays(self):
        """The postings of this search as arrays, and bounds made of them."""
        from .arrays import ArrayBounds

        return ArrayBounds(self)

    def bounded_as_arrays(self, *terms: ResolvedTerm) -> bool:
        """Whether the terms' spellings hold so many passages that their
        candidates are best bounded over arrays (each spelling needs index terms
        of its own)."""
        postings = 0
        for v in (v for r in terms for v in r.variants):
            required = self.required_grams(v.tokens)
            if not required:
                return False
            postings += self.frequency("grams", self.rarest(required))
        return postings >= ARRAYS_FROM

    def document_frequency(self, tokens: list[str]) -> int:
        """How many passages hold every index term of the tokens: idf is counted
        from these rather than from Whoosh's statistics, which count deleted
        documents until a merge (without deletions, one term's count is exact)."""
        required = set(self.required_grams(tokens))
        reader = self.searcher.reader()
        if len(required) == 1 and not reader.has_deletions():
            return reader.doc_frequency("grams", required.pop())
        if required and self.frequency("grams", self.rarest(list(required))) >= ARRAYS_FROM:
            return self.arrays.document_frequency(tokens)
        return len(self.variant_docs(tokens))

    def term_evidence(self, r: ResolvedTerm, allowed: set | None
                      ) -> tuple[dict[int, float], dict[int, float]]:
        """What the index says of one term: each candidate's most weighted
        mentions (less what names side by side add twice: sites.py), and the
        weight of the best spelling its heading holds."""
        mentions: dict[int, float] = {}
        heading: dict[int, float] = {}
        counted = counted_spellings(r.variants)
        unheld = set()  # spellings no candidate may hold: their sites are not looked up
        for v, weight in counted:
            bounds = self.mention_bounds(v.tokens, allowed)
            if not bounds:
                unheld.add(tuple(v.tokens))
            if not mentions:
                mentions = {docnum: weight * tf for docnum, tf in bounds.items()}
                continue
            for docnum, tf in bounds.items():
                mentions[docnum] = mentions.get(docnum, 0.0) + weight * tf
        for term, discount in site_discounts(r.variants, counted, unheld).items():
            for docnum, sites in self.postings(term, "sites").items():
                if docnum in mentions:
                    # (A hair above: the bound must not round below the text's count.)
                    mentions[docnum] = max(mentions[docnum] - sites * discount, 0.0) + SLACK
        if not r.term.quoted:
            # Heaviest first, so that a passage keeps the first weight it gets.
            for v in sorted(r.variants, key=lambda v: -v.weight):
                docs = self.heading_docs(v.tokens, allowed)
                heading.update(dict.fromkeys(docs.difference(heading), v.weight))
        return mentions, heading

    def evidence(self, resolved: list[ResolvedTerm], allowed: set | None) -> dict:
        """Upper bounds for every passage that may match a term whole."""
        found = {id(r): self.term_evidence(r, allowed) for r in resolved}
        docs = set().union(*(m.keys() | h.keys() for m, h in found.values()))
        return self.bounds_of(found, docs)

    def bounds_of(self, found: dict, docs) -> dict[int, PassageBound]:
        """Bounds for these passages from term_evidence() of each term (by id)."""
        lengths = self.lengths.for_lookups(len(docs))
        bounds: dict[int, PassageBound] = {}
        for docnum in docs:
            b = bounds[docnum] = PassageBound(lengths[docnum])
            for key, (mentions, heading) in found.items():
                if docnum in mentions:
                    b.mentions[key] = mentions[docnum]
                if docnum in heading:
                    b.heading[key] = heading[docnum]
        return bounds

    def term_ceilings(self, r: ResolvedTerm, allowed: set | None) -> dict[int, float]:
        """For a query of one term, every candidate's bound as a final score: what
        evidence() and final_score(evaluate(term, bound)) give, without a
        PassageBound per candidate (most are never read)."""
        mentions, heading = self.term_evidence(r, allowed)
        lengths, idf = self.lengths.for_lookups(len(mentions)), r.idf
        low = self.counts_in("flags", RANKED_DOWN_FLAG, mentions.keys() | heading.keys())
        # A passage ranked down scores its BM25 part at RANKED_DOWN at most.
        ceilings = {d: term_ceiling(idf, tf, lengths[d], heading.get(d, 0.0),
                                    RANKED_DOWN if d in low else 1.0)
                    for d, tf in mentions.items()}
        # Passages only under a heading that holds the term: no length needed.
        ceilings.update({d: term_ceiling(idf, 0.0, 0, weight, RANKED_DOWN if d in low else 1.0)
                         for d, weight in heading.items() if d not in mentions})
        return ceilings

    def mark_apart(self, node, resolved: dict, bounds: dict) -> None:
        """Candidates that cannot hold a query's words side by side: those that
        lack one of the index terms the words make together (the pair across
        two words, 海關 AEO's 關|aeo). Without this, every passage holding all
        the words would be bounded as if it held them as typed, and read."""
        for soft in soft_groups(node):
            tokens = phrase(soft, resolved) if len(soft.children) > 1 else []
            if not tokens:
                continue
            needle, together = match_string(tokens), self.together(tokens, bounds)
            for docnum, bound in bounds.items():
                if docnum not in together:
                    bound.apart.add(needle)

    def words_ceilings(self, positive: list[ResolvedTerm], found: dict, docs,
                       held: int, together: set[int]) -> dict[int, float]:
        """For words typed side by side (a query of terms only), the bounds of
        passages that may hold `held` of them as final scores: what bounds_of(),
        mark_apart() and evaluate() give, without a PassageBound per passage.
        `together` are those that may hold them all as typed."""
        lengths = self.lengths.for_lookups(len(docs))
        terms = [(r.idf, *found[id(r)]) for r in positive]
        out = {}
        for docnum in docs:
            length, score = lengths[docnum], 0.0
            for idf, mentions, heading in terms:
                score += term_score(idf, mentions.get(docnum, 0.0), length,
                                    heading.get(docnum, 0.0))
            coverage = held + PHRASE_BONUS if docnum in together else held
            out[docnum] = FULL_MATCH * coverage + score
        return out

    def part_evidence(self, resolved: list[ResolvedTerm], allowed: set | None,
                       exclude: dict) -> dict:
        """Upper bounds for passages that hold only parts of the terms."""
        bounds: dict[int, PassageBound] = {}
        for r in resolved:
            for part in r.parts:
                for docnum, tf in self.mention_bounds(part.tokens, allowed).items():
                    if docnum in exclude:
                        continue
                    if docnum not in bounds:
                        bounds[docnum] = PassageBound(self.lengths[docnum])
                    bounds[docnum].parts.setdefault(id(r), []).append(tf)
        return bounds
