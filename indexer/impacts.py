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
only to the bound of the marked tiers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container
from functools import partial

from .leaders import Leaders
from .postings import (
    holding_all,
    holding_every,
    posting_counts,
    posting_ids,
    posting_set,
    segments,
)
from .ranking import AVERAGE_LENGTH, HEADING_WEIGHT, K1, B, saturate
from .schema import read_column

STEP = 1 / 16
# Index terms are letters and digits only (analysis.TOKEN_RE): never a "#".
SEPARATOR = "#"
# Marks the tiers of passages whose headings hold the index term too.
HEADED = "h"
# Rounding in the score arithmetic must never make a bound fall below a score.
SLACK = 1e-9
# A segment keeps an index term's tiers only when at least this many of its
# passages hold the term (and its tiers list them all): the tiers of rarer
# terms, about half of all tier postings, are made when a search reads them,
# from the term's counts and the passages' lengths.
TIERED_FROM = 500


def tier_of(count: int, length: int) -> int:
    return max(1, math.ceil(saturate(count, length) / STEP))


def tier_name(tier: int, headed: bool) -> str:
    return f"{SEPARATOR}{HEADED if headed else ''}{tier}"


def tier_terms(passage_grams: list[str], heading_grams: Container[str]) -> str:
    """The tiers field of a passage: one term per index term its text holds."""
    length = len(passage_grams)
    # Most index terms of a passage occur once, and not in its headings.
    tiers: dict[tuple[int, bool], str] = {}
    out = []
    for gram, n in Counter(passage_grams).items():
        key = (n, gram in heading_grams)
        tier = tiers.get(key)
        if tier is None:
            tier = tiers[key] = tier_name(tier_of(n, length), key[1])
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
    dropped = {gram for gram, count in listed.items()
               if count < TIERED_FROM or count != len(grams.get(gram, ()))}
    for term in [t for t in tiers if t.rpartition(separator)[0] in dropped]:
        del tiers[term]


def made_tiers(segment, gram: str) -> dict[tuple[int, bool], list[int]]:
    """The tiers a segment did not keep for an index term, made from its
    counts, the passages' lengths and their headings' terms: (segment)
    document numbers by tier and heading mark."""
    counts = posting_counts(segment, "grams", gram)
    if not counts:
        return {}
    lengths = read_column(segment, "length")
    headed = posting_set(segment, "heading_grams", gram)
    tiers: dict[tuple[int, bool], list[int]] = {}
    tier_at: dict[tuple[int, int], int] = {}  # most passages share a count and length
    for docnum, count in counts.items():
        key = (int(count), lengths[docnum])
        tier = tier_at.get(key)
        if tier is None:
            tier = tier_at[key] = tier_of(*key)
        tiers.setdefault((tier, docnum in headed), []).append(docnum)
    return tiers


def tier_ceiling(tier: int) -> float:
    return tier * STEP + SLACK


# Stands in a source's tiers for the tiers of segments that kept none, until
# they are made: above every tier a passage can reach (saturation stays
# under K1 + 1).
UNMADE = math.ceil((K1 + 1) / STEP) + 1


def most_mentions(impact: float, length: int) -> float:
    """The most mentions a passage of this length can hold at this impact (the
    inverse of BM25's saturation), so that the mentions of several spellings
    can be added before they saturate, as the exact score adds them."""
    if impact >= K1 + 1:
        return math.inf
    norm = K1 * (1 - B + B * length / AVERAGE_LENGTH)
    return impact * norm / (K1 + 1 - impact) * (1 + SLACK)


class TierSource:
    """The passages that may hold one spelling of a term, a tier at a time, best
    first: the tiers of its rarest index term, those under a heading that holds
    it ranked a heading's weight higher."""

    heading = False

    def __init__(self, searcher, required: list[str], weight: float, idf: float,
                 spelling: str):
        reader = self.reader = searcher.reader()
        self.weight, self.idf, self.spelling = weight, idf, spelling
        rarest = min(required, key=lambda g: reader.doc_frequency("grams", g))
        self.required = [rarest, *(g for g in dict.fromkeys(required) if g != rarest)]
        sizes: dict[tuple[int, bool], int] = {}
        # (segment, its first document) of the segments that kept no tiers for
        # the term: their tiers are made when a search first reads this source.
        self.unmade: list[tuple] = []
        self.made: dict[tuple[int, bool], list[int]] = {}
        prefix = (rarest + SEPARATOR).encode("utf-8")
        headed = HEADED.encode("utf-8")
        for segment, offset in segments(reader):
            kept = False
            for term, info in segment.iter_prefix("tiers", prefix):
                name = term[len(prefix):]
                key = (int(name.lstrip(headed)), name.startswith(headed))
                sizes[key] = sizes.get(key, 0) + info.doc_frequency()
                kept = True
            if not kept and segment.doc_frequency("grams", rarest):
                self.unmade.append((segment, offset))
                key = (UNMADE, True)
                sizes[key] = sizes.get(key, 0) + segment.doc_frequency("grams", rarest)
        self._order(sizes)
        self.remaining = sum(sizes.values())

    @property
    def reach(self) -> float:
        return self.idf * self.head

    def _order(self, sizes: dict[tuple[int, bool], int]) -> None:
        self.tiers = sorted(sizes.items(), key=_tier_order, reverse=True)
        # The most the term's mentions can add to a passage this source has not
        # given: of those whose headings lack the term, and of the others.
        self.head_unheaded = self.head_headed = 0.0
        for (tier, headed), _ in reversed(self.tiers):
            if headed:
                self.head_headed = tier_ceiling(tier)
            else:
                self.head_unheaded = tier_ceiling(tier)
        if self.tiers and self.tiers[0][0][0] == UNMADE:
            self.head_unheaded = self.head_headed
        self.head = max(self.head_unheaded, self.head_headed)

    def next_tier(self) -> tuple[float, list[int], bool]:
        """A tier's ceiling, passages, and whether their headings hold the term."""
        if self.tiers[0][0][0] == UNMADE:
            self._make_tiers()
            if not self.tiers:
                return 0.0, [], False
        (tier, headed), size = self.tiers.pop(0)
        self.remaining -= size
        self._order(dict(self.tiers))
        # Passages with the rarest index term but not the others are let through
        # (checking them costs a pass through common terms' postings): their
        # stored text rules them out if they come near the top.
        term = self.required[0] + tier_name(tier, headed)
        docs = posting_ids(self.reader, "tiers", term) + self.made.pop((tier, headed), [])
        return tier_ceiling(tier), docs, headed

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


def _tier_order(item: tuple[tuple[int, bool], int]) -> float:
    (tier, headed), _ = item
    return tier_ceiling(tier) + (HEADING_WEIGHT if headed else 0.0)


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

    def next_tier(self) -> tuple[float, list[int], bool]:
        self.tiers, self.remaining, self.head = [], 0, 0.0
        return self.weight, sorted(holding_every(
            self.reader, [("heading_grams", g) for g in self.required])), True

    def resolve(self, docnums: list[int]) -> dict[int, float]:
        present = holding_all(self.reader, "heading_grams", self.required, docnums)
        return {d: self.weight if d in present else 0.0 for d in docnums}


class TierBound:
    """What the sources read so far say a passage may score: no lower than its
    exact score. A source that has not given the passage may still give it at
    its head. With its length known, what a text source gave is a count of
    mentions (a tier's impact turned back into the most mentions it allows),
    and a tier without the heading mark says the passage's headings lack the
    spelling. An unseen passage's length is not known, and impacts add up
    instead: it holds the largest spelling under a heading that holds it too
    (at that source's headed head, and any heading), or without (at its other
    head, and the heading of another spelling at most), or not at all."""

    exact = False
    __slots__ = ("known", "sources", "length")

    def __init__(self, sources: dict[int, list], length: int | None):
        self.sources, self.length = sources, length
        self.known: dict[tuple[int, int], float] = {}

    def term(self, r) -> tuple[bool, float, int, float]:
        key, length = id(r), self.length
        if length is None:
            score = self._unseen(key)
        else:
            count = heading = 0.0
            for i, source in enumerate(self.sources.get(key, ())):
                value = self.known.get((key, i))
                if source.heading:
                    heading = max(heading, source.head if value is None else value)
                    continue
                if value is None:
                    value = most_mentions(source.head, length) if source.head else 0.0
                count += source.weight * value
            # A passage's mentions of every spelling saturate together: never past K1 + 1.
            impact = K1 + 1 if count == math.inf else min(saturate(count, length), K1 + 1)
            score = impact + HEADING_WEIGHT * heading if impact > 0 or heading > 0 else 0.0
        if score > 0:
            return (True, r.idf * (score + SLACK), 1, 0.0)
        return (False, 0.0, 0, 0.0)

    def _unseen(self, key: int) -> float:
        impact, largest, headings = 0.0, None, []
        for i, source in enumerate(self.sources.get(key, ())):
            value = self.known.get((key, i))
            if source.heading:
                headings.append((source.spelling, source.head if value is None else value))
            elif value is not None:
                impact += value
            elif largest is None or source.head > largest.head:
                if largest is not None:
                    impact += largest.head
                largest = source
            else:
                impact += source.head
        heading = max((value for _, value in headings), default=0.0)

        def with_heading(text: float, weight: float) -> float:
            text = min(text, K1 + 1)
            return text + HEADING_WEIGHT * weight if text > 0 or weight > 0 else 0.0

        if largest is None:
            return with_heading(impact, heading)
        other = max((value for spelling, value in headings if spelling != largest.spelling),
                    default=0.0)
        # (Holding it not at all is bounded by the first, its headed head at least 0.)
        return max(with_heading(impact + largest.head_headed, heading),
                   with_heading(impact + largest.head_unheaded, other))

    def adjacent(self, tokens: list[str]) -> bool:
        return True


# A source with at most this many passages left is read to its end before the
# heads of larger ones: a rare spelling costs little to rule out entirely.
CHEAP_SOURCE = 2000


def best_first(node, resolved: dict, sources: dict[int, list], allowed: set | None,
               limit: int, lengths, read, place, budget: int
               ) -> tuple[dict[int, tuple], dict[int, TierBound]] | None:
    """The best `limit` passages, exactly scored by `read(docnum)` -> (score, key);
    `place(docnum)` is the key without reading the passage.

    Tiers are read while an unseen passage may beat every seen one; seen
    passages are read best bound first, once their bound rests on what every
    source gave them. Stops when neither a seen passage nor an unread tier can
    enter the top. Returns the passages found and every passage seen, or None
    once more than `budget` passages are seen (the best are spread too deep
    in the tiers for them to pay)."""
    import heapq

    from .ranking import evaluate, final_score

    def ceiling_of(bound: TierBound) -> float:
        return final_score(evaluate(node, resolved, bound))

    seen: dict[int, TierBound] = {}
    queue: list[tuple[float, int]] = []  # (-ceiling when queued, docnum)
    unseen = TierBound(sources, None)
    every = [(key, i, s) for key, group in sources.items() for i, s in enumerate(group)]
    to_exhaust = sources_to_exhaust(sources)
    found: dict[int, tuple] = {}
    leaders = Leaders(limit)

    # The heading source of each text source's spelling.
    heading_slots = {(key, i): (key, j) for key, group in sources.items()
                     for i, s in enumerate(group) if not s.heading
                     for j, h in enumerate(group) if h.heading and h.spelling == s.spelling}

    def advance(key: int, i: int, source) -> None:
        slot = (key, i)
        ceiling, docs, headed = source.next_tier()
        # The passages of a tier without the heading mark lack the spelling's
        # heading: what its heading source will give them is known.
        no_heading = heading_slots.get(slot) if not headed else None
        # Queued at what the tier alone allows (impacts added up): refined, to
        # mentions added up at the passage's length, when it nears the top.
        first = TierBound(sources, None)
        first.known[slot] = ceiling
        if no_heading:
            first.known[no_heading] = 0.0
        first_ceiling = -ceiling_of(first)
        for docnum in docs:
            if allowed is not None and docnum not in allowed:
                continue
            length = lengths[docnum]
            value = most_mentions(ceiling, length) if not source.heading else ceiling
            bound = seen.get(docnum)
            if bound is None:
                bound = seen[docnum] = TierBound(sources, length)
                bound.known[slot] = value
                heapq.heappush(queue, (first_ceiling, docnum))
            else:
                bound.known[slot] = min(bound.known.get(slot, value), value)
            if no_heading:
                bound.known[no_heading] = 0.0

    def settle(key: int, i: int, source) -> None:
        """What a source gives every seen passage it has not given yet, from one
        pass through its postings that skips the blocks holding none of them."""
        slot = (key, i)
        open_docs = [d for d, bound in seen.items() if slot not in bound.known]
        for docnum, value in source.resolve(open_docs).items():
            seen[docnum].known[slot] = value

    while True:
        while queue:  # bring the best queued bound up to date
            negative, docnum = queue[0]
            ceiling = ceiling_of(seen[docnum])
            if ceiling >= -negative:
                break
            heapq.heapreplace(queue, (-ceiling, docnum))
        pending = [p for p in every if p[2].tiers]
        unseen_ceiling = ceiling_of(unseen)
        if queue and -queue[0][0] >= unseen_ceiling:
            ceiling, docnum = -queue[0][0], queue[0][1]
            if leaders.beyond(ceiling):
                return found, seen
            bound = seen[docnum]
            open_sources = [p for p in pending if (p[0], p[1]) not in bound.known]
            if open_sources:
                # Its bound still counts on a source's head: settle what that
                # source gives every passage seen, at one pass through its postings.
                settle(*max(open_sources, key=lambda p: p[2].reach))
                continue
            heapq.heappop(queue)
            if leaders.excludes(ceiling, partial(place, docnum)):
                continue
            score, key = read(docnum)
            if score > 0:
                found[docnum] = (score, key)
                leaders.add(score, key)
            continue
        if leaders.beyond(unseen_ceiling) or not pending:
            return found, seen
        advance(*next_source(pending, to_exhaust))
        if len(seen) > budget:
            return None


def sources_to_exhaust(sources: dict[int, list]) -> set[tuple[int, int]]:
    """The text sources read to their end before any other is read by tiers.

    An unseen passage may hold every spelling at its source's head, so heads
    add up: only a source read to its end stops counting. A term keeps its
    largest spelling to read by tiers."""
    out = set()
    for key, group in sources.items():
        text = sorted(((s.remaining, i) for i, s in enumerate(group) if not s.heading),
                      reverse=True)
        out.update((key, i) for _, i in text[1:])
    return out


def next_source(pending: list[tuple], to_exhaust: set) -> tuple:
    """The source to read a tier of: first those to read to their end and small
    ones (smallest first), then text sources by the most they weigh; headings,
    long and worth little each, last."""
    first = [p for p in pending if (p[0], p[1]) in to_exhaust or p[2].remaining <= CHEAP_SOURCE]
    if first:
        return min(first, key=lambda p: p[2].remaining)
    text = [p for p in pending if not p[2].heading]
    return max(text or pending, key=lambda p: p[2].reach)
