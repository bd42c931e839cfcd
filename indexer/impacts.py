"""Impact tiers: each passage listed under every index term it holds by how much
that term can add to its score, so that a search reads a common word's best
passages first and stops as soon as no unread passage can enter the top.

A passage's impact for an index term is the most its mentions of the term can
add to its BM25 part: the saturated count at the passage's length. The index
keeps one term per index term and impact, rounded up to a tier of STEP
(海關#30 lists the passages whose impact for 海關 is at most 30 steps), and
apart from them those whose headings hold the term too (海關#h30): the idea
of impact-ordered indexes (Anh and Moffat), in plain Whoosh terms that merge
and update like any other (a segment keeps them only for the terms common in
it: TIERED_FROM). A search reads a term's tiers from the highest; the tiers
it has reached bound every passage it has not yet seen. Most of a word's
best passages sit under a heading that names it: a passage listed without
the heading mark cannot have that heading, so the heading's weight is added
only to the bound of the marked tiers. Passages the parser ranks down (the
cover, the form, listings of annexes: short, and full of every name) are
marked apart too (海關#l30), and bounded at the weight they score with.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container

from .postings import (
    counts_among,
    holding_all,
    holding_every,
    posting_counts,
    posting_ids,
    posting_set,
    segments,
)
from .ranking import HEADING_WEIGHT, K1, SLACK, saturate
from .schema import read_column

STEP = 1 / 16
# Index terms are letters and digits only (analysis.TOKEN_RE): never a "#".
SEPARATOR = "#"
# Marks the tiers of passages whose headings hold the index term too.
HEADED = "h"
# Marks the tiers of passages ranked down (a weight of at most RANKED_DOWN),
# and alone, as a term of its own, lists them all (for tiers a search makes).
LOW = "l"
RANKED_DOWN = 0.5
# The term of the tiers field that lists every passage ranked down.
RANKED_DOWN_LIST = SEPARATOR + LOW
# A segment keeps an index term's tiers only when at least this many of its
# passages hold the term (and its tiers list them all): the tiers of rarer
# terms, about half of all tier postings, are made when a search reads them,
# from the term's counts and the passages' lengths.
TIERED_FROM = 500


def tier_of(count: int, length: int) -> int:
    return max(1, math.ceil(saturate(count, length) / STEP))


def tier_name(tier: int, headed: bool, low: bool) -> str:
    return f"{SEPARATOR}{HEADED if headed else ''}{LOW if low else ''}{tier}"


def parse_tier(name: bytes) -> tuple[int, bool, bool]:
    """(tier, headed, low) of what follows an index term and SEPARATOR."""
    headed = name.startswith(HEADED.encode())
    rest = name[1:] if headed else name
    low = rest.startswith(LOW.encode())
    return int(rest[1:] if low else rest), headed, low


def ranked_down(weight: float) -> bool:
    return weight <= RANKED_DOWN


def tier_terms(passage_grams: list[str], heading_grams: Container[str], weight: float) -> str:
    """The tiers field of a passage: one term per index term its text holds."""
    length, low = len(passage_grams), ranked_down(weight)
    # Most index terms of a passage occur once, and not in its headings.
    tiers: dict[tuple[int, bool], str] = {}
    out = [RANKED_DOWN_LIST] if low else []
    for gram, n in Counter(passage_grams).items():
        key = (n, gram in heading_grams)
        tier = tiers.get(key)
        if tier is None:
            tier = tiers[key] = tier_name(tier_of(n, length), key[1], low)
        out.append(gram + tier)
    return " ".join(out)


def prune_tiers(postings: dict[str, dict[bytes, list]]) -> None:
    """Before a segment is written, drop the tiers of each index term that fewer
    than TIERED_FROM of its passages hold, or whose tiers do not list all of
    them (a merge of segments that kept them and segments that did not).
    `postings`: document numbers by field and term."""
    grams, tiers = postings.get("grams"), postings.get("tiers")
    if not grams or not tiers:
        return
    separator = SEPARATOR.encode("utf-8")
    listed: Counter[bytes] = Counter()
    for term, docs in tiers.items():
        listed[term.rpartition(separator)[0]] += len(docs)
    listed.pop(b"", None)  # the list of passages ranked down, kept whole
    dropped = {gram for gram, count in listed.items()
               if count < TIERED_FROM or count != len(grams.get(gram, ()))}
    for term in [t for t in tiers if t.rpartition(separator)[0] in dropped]:
        del tiers[term]


def made_tiers(segment, gram: str) -> dict[tuple[int, bool, bool], list[int]]:
    """The tiers a segment did not keep for an index term, made from its
    counts, the passages' lengths, their headings' terms and the list of
    those ranked down: (segment) document numbers by tier and marks."""
    counts = posting_counts(segment, "grams", gram)
    if not counts:
        return {}
    lengths = read_column(segment, "length")
    headed = posting_set(segment, "heading_grams", gram)
    low = posting_set(segment, "tiers", RANKED_DOWN_LIST)
    tiers: dict[tuple[int, bool, bool], list[int]] = {}
    tier_at: dict[tuple[int, int], int] = {}  # most passages share a count and length
    for docnum, count in counts.items():
        key = (int(count), lengths[docnum])
        tier = tier_at.get(key)
        if tier is None:
            tier = tier_at[key] = tier_of(*key)
        tiers.setdefault((tier, docnum in headed, docnum in low), []).append(docnum)
    return tiers


def tier_ceiling(tier: int) -> float:
    return tier * STEP + SLACK


# Stands in a source's tiers for the tiers of segments that kept none, until
# they are made: above every tier a passage can reach (saturation stays
# under K1 + 1).
UNMADE = math.ceil((K1 + 1) / STEP) + 1


class TierSource:
    """The passages that may hold one spelling of a term, a tier at a time, best
    first: the tiers of its rarest index term, those under a heading that holds
    it ranked a heading's weight higher, those ranked down at their weight."""

    heading = False

    def __init__(self, searcher, required: list[str], weight: float, idf: float,
                 spelling: str):
        reader = self.reader = searcher.reader()
        self.weight, self.idf, self.spelling = weight, idf, spelling
        rarest = min(required, key=lambda g: reader.doc_frequency("grams", g))
        self.required = [rarest, *(g for g in dict.fromkeys(required) if g != rarest)]
        sizes: dict[tuple[int, bool, bool], int] = {}
        # (segment, its first document) of the segments that kept no tiers for
        # the term: their tiers are made when a search first reads this source.
        self.unmade: list[tuple] = []
        self.made: dict[tuple[int, bool, bool], list[int]] = {}
        prefix = (rarest + SEPARATOR).encode("utf-8")
        for segment, offset in segments(reader):
            kept = False
            for term, info in segment.iter_prefix("tiers", prefix):
                key = parse_tier(term[len(prefix):])
                sizes[key] = sizes.get(key, 0) + info.doc_frequency()
                kept = True
            if not kept and segment.doc_frequency("grams", rarest):
                self.unmade.append((segment, offset))
                key = (UNMADE, True, False)
                sizes[key] = sizes.get(key, 0) + segment.doc_frequency("grams", rarest)
        self._order(sizes)
        self.remaining = sum(sizes.values())

    @property
    def reach(self) -> float:
        return self.idf * self.head

    def _order(self, sizes: dict[tuple[int, bool, bool], int]) -> None:
        self.tiers = sorted(sizes.items(), key=_tier_order, reverse=True)
        # The most the term's mentions can add to a passage this source has not
        # given, by whether it is ranked down: (headed, unheaded), of those
        # whose headings hold the term and of the others.
        heads = {False: [0.0, 0.0], True: [0.0, 0.0]}
        for (tier, headed, low), _ in self.tiers:
            slot = heads[low]
            slot[not headed] = max(slot[not headed], tier_ceiling(tier))
        if self.tiers and self.tiers[0][0][0] == UNMADE:
            # Passages not yet made into tiers: any marks, at the highest tier.
            heads = dict.fromkeys(heads, [tier_ceiling(UNMADE)] * 2)
        self.heads = {low: tuple(pair) for low, pair in heads.items()}
        self.head = max(max(pair) for pair in self.heads.values())

    def next_tier(self) -> tuple[float, list[int], bool, bool]:
        """A tier's ceiling, passages, whether their headings hold the term, and
        whether they are ranked down."""
        if self.tiers[0][0][0] == UNMADE:
            self._make_tiers()
            if not self.tiers:
                return 0.0, [], False, False
        (tier, headed, low), size = self.tiers.pop(0)
        self.remaining -= size
        self._order(dict(self.tiers))
        # Passages with the rarest index term but not the others are let through
        # (checking them costs a pass through common terms' postings): their
        # stored text rules them out if they come near the top.
        term = self.required[0] + tier_name(tier, headed, low)
        docs = posting_ids(self.reader, "tiers", term) + self.made.pop((tier, headed, low), [])
        return tier_ceiling(tier), docs, headed, low

    def _make_tiers(self) -> None:
        """Make the tiers of the segments that kept none for the term."""
        _, estimate = self.tiers.pop(0)
        sizes = dict(self.tiers)
        for segment, offset in self.unmade:
            for key, docs in made_tiers(segment, self.required[0]).items():
                self.made.setdefault(key, []).extend(d + offset for d in docs)
                sizes[key] = sizes.get(key, 0) + len(docs)
        self.unmade = []
        self.remaining += sum(map(len, self.made.values())) - estimate
        self._order(sizes)

    def resolve(self, docnums: list[int]) -> dict[int, float]:
        """For each passage, the most mentions of the spelling it can hold (0 when
        it lacks one of the index terms): the count of its rarest index term."""
        present = holding_all(self.reader, "grams", self.required, docnums)
        return {d: present.get(d, 0.0) for d in docnums}

    def counts(self, docnums: list[int]) -> dict[int, float]:
        """The count of the rarest index term in each of these passages (of a
        tier of it): no more than the tier allows, and no less than the
        spelling's mentions."""
        return counts_among(self.reader, "grams", self.required[0], sorted(docnums))


def _tier_order(item: tuple[tuple[int, bool, bool], int]) -> float:
    (tier, headed, low), _ = item
    return (tier_ceiling(tier) + (HEADING_WEIGHT if headed else 0.0)) * (
        RANKED_DOWN if low else 1.0)


class HeadingSource:
    """The passages under a heading that holds a spelling of a term: one tier,
    whose ceiling is the spelling's weight."""

    heading = True

    def __init__(self, searcher, required: list[str], weight: float, idf: float,
                 spelling: str):
        reader = self.reader = searcher.reader()
        self.weight, self.idf, self.spelling = weight, idf, spelling
        self.required = sorted(dict.fromkeys(required),
                               key=lambda g: reader.doc_frequency("heading_grams", g))
        # The postings of its rarest index term bound the passages it gives.
        self.remaining = reader.doc_frequency("heading_grams", self.required[0])
        self.tiers = [weight] if self.remaining else []
        self.head = weight if self.tiers else 0.0

    @property
    def reach(self) -> float:
        return self.idf * HEADING_WEIGHT * self.head

    def next_tier(self) -> tuple[float, list[int], bool, None]:
        """Its one tier (ranked down or not: a heading does not say)."""
        self.tiers, self.remaining, self.head = [], 0, 0.0
        return self.weight, sorted(holding_every(
            self.reader, [("heading_grams", g) for g in self.required])), True, None

    def resolve(self, docnums: list[int]) -> dict[int, float]:
        present = holding_all(self.reader, "heading_grams", self.required, docnums)
        return {d: self.weight if d in present else 0.0 for d in docnums}
