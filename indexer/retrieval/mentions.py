"""Which passages may hold a spelling, and at most how often, from the index
alone: what candidates.py bounds scores with.

A passage may hold a spelling when it holds every index term of it (and, for
words side by side, every pair and join they make); it holds it at most as
often as the least count of those index terms and joins in it.
"""

from __future__ import annotations

from ..analysis import JOIN, joins
from ..storage import holding_every
from .ranking import UNBOUNDED
from .reads import IndexReads


class Mentions(IndexReads):
    """The passages that may hold a spelling and their mentions' bounds, from
    what one search reads of the index (reads.py), read once."""

    def mention_bounds(self, tokens: list[str], allowed: set | None) -> dict[int, float]:
        """For each passage that may contain the tokens, at most how often it does:
        the least count of their index terms and joins in it."""
        required = self.required_grams(tokens)
        if len(set(required)) == 1:
            # One index term: its postings gave the passages and the bounds at once.
            counts = self.postings(required[0])
            if allowed is None:
                return counts
            return {d: tf for d, tf in counts.items() if d in allowed}
        docs = self.phrase_docs(tokens)
        if allowed is not None:
            docs = docs & allowed
        if not required or not docs:
            return dict.fromkeys(docs, UNBOUNDED)
        rarest = self.rarest(required)
        bounds = {d: tf for d, tf in self.postings(rarest).items() if d in docs}
        for field, term in self.bounding_terms(tokens, required, rarest):
            counts = self.counts_in(field, term, bounds)
            for d, tf in bounds.items():
                if counts.get(d, 0) < tf:
                    bounds[d] = counts.get(d, 0)
        return bounds

    @staticmethod
    def bounding_terms(tokens: list[str], required: list[str], rarest: str
                       ) -> list[tuple[str, str]]:
        """The index terms besides the rarest whose counts bound the mentions
        of the tokens. A mention holds each of its index terms and each join
        its tokens make (apec|business): the count of every one bounds it, and
        the least is often closer than the rarest's (电子 of 電子商務 stands in
        電子商貨 too; a word of a name stands in other names)."""
        pairs = list(dict.fromkeys(joins(tokens)))
        # A word in a join is counted no less often than the join: not read.
        joined = {t for pair in pairs for t in pair.split(JOIN)}
        others = [("grams", g) for g in dict.fromkeys(required) if g not in joined | {rarest}]
        return others + [("joins", pair) for pair in pairs]

    def together(self, tokens: list[str], docs) -> set[int]:
        """Of these passages, those that hold every pair and join the tokens make
        side by side: the only ones that may hold them as typed."""
        return holding_every(self.searcher.reader(), self.side_by_side(tokens), among=docs,
                             read=self.term_docs)
