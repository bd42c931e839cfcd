"""Reading impact tiers for a search: the bound they set on every passage,
seen or not, and the search that reads them best first until no unread
passage can enter the top (the tiers themselves: impacts.py)."""

from __future__ import annotations

import heapq
import math
from functools import partial

from .impacts import RANKED_DOWN
from .leaders import Leaders
from .ranking import (
    AVERAGE_LENGTH,
    HEADING_WEIGHT,
    K1,
    SLACK,
    B,
    evaluate,
    final_score,
    saturate,
)


def most_mentions(impact: float, length: int) -> float:
    """The most mentions a passage of this length can hold at this impact (the
    inverse of BM25's saturation), so that the mentions of several spellings
    can be added before they saturate, as the exact score adds them."""
    if impact >= K1 + 1:
        return math.inf
    norm = K1 * (1 - B + B * length / AVERAGE_LENGTH)
    return impact * norm / (K1 + 1 - impact) * (1 + SLACK)


def mention_ratio(impact: float) -> float:
    """The most mentions a passage of any length can hold at this impact, as a
    share of its length's norm (K1 * (1 - B + B * length / AVERAGE_LENGTH)):
    BM25 saturates a share x to (K1 + 1) * x / (x + 1), so shares of several
    spellings, weighted, add up before they saturate, as the exact score's
    counts do."""
    if impact >= K1 + 1:
        return math.inf
    return impact / (K1 + 1 - impact)


class TierBound:
    """What the sources read so far say a passage may score: no lower than its
    exact score. A source that has not given the passage may still give it at
    its head. With its length known, what a text source gave is a count of
    mentions (a tier's impact turned back into the most mentions it allows),
    and a tier without the heading mark says the passage's headings lack the
    spelling. An unseen passage's length is not known, but an impact bounds
    its mentions in units of the length's norm whatever the length
    (mention_ratio), and those add up, weighted: it holds the largest spelling
    under a heading that holds it too (at that source's headed head, and any
    heading), or without (at its other head, and the heading of another
    spelling at most), or not at all. A passage ranked down (`low`, once a
    text tier has said whether it is) lies in the tiers of its kind only,
    and scores at RANKED_DOWN of its worth; one not known to be either may
    be either."""

    exact = False
    __slots__ = ("known", "sources", "length", "low")

    def __init__(self, sources: dict[int, list], length: int | None,
                 low: bool | None = None):
        self.sources, self.length, self.low = sources, length, low
        self.known: dict[tuple[int, int], float] = {}

    def term(self, r) -> tuple[bool, float, int, float]:
        key, length, low = id(r), self.length, self.low
        if length is None and low is None:
            score = max(self._unseen(key, False), RANKED_DOWN * self._unseen(key, True))
        elif length is None:
            score = self._unseen(key, low) * (RANKED_DOWN if low else 1.0)
        else:
            count = heading = 0.0
            for i, source in enumerate(self.sources.get(key, ())):
                value = self.known.get((key, i))
                if source.heading:
                    heading = max(heading, source.head if value is None else value)
                    continue
                if value is None:
                    head = source.head if low is None else max(source.heads[low])
                    value = most_mentions(head, length) if head else 0.0
                count += source.weight * value
            # A passage's mentions of every spelling saturate together: never past K1 + 1.
            impact = K1 + 1 if count == math.inf else min(saturate(count, length), K1 + 1)
            score = impact + HEADING_WEIGHT * heading if impact > 0 or heading > 0 else 0.0
            if low:
                score *= RANKED_DOWN
        if score > 0:
            return (True, r.idf * (score + SLACK), 1, 0.0)
        return (False, 0.0, 0, 0.0)

    def _unseen(self, key: int, low: bool) -> float:
        """The most a passage of this kind (ranked down or not) whose length is
        not known can score, before its weight."""
        ratio, largest, largest_head, headings = 0.0, None, 0.0, []
        for i, source in enumerate(self.sources.get(key, ())):
            value = self.known.get((key, i))
            if source.heading:
                headings.append((source.spelling, source.head if value is None else value))
                continue
            if value is not None:
                ratio += source.weight * mention_ratio(value)
                continue
            head = max(source.heads[low])
            if largest is None or head > largest_head:
                if largest is not None:
                    ratio += largest.weight * mention_ratio(largest_head)
                largest, largest_head = source, head
            else:
                ratio += source.weight * mention_ratio(head)
        heading = max((value for _, value in headings), default=0.0)

        def with_heading(text: float, weight: float) -> float:
            impact = K1 + 1 if text == math.inf else (K1 + 1) * text / (text + 1)
            return impact + HEADING_WEIGHT * weight if text > 0 or weight > 0 else 0.0

        if largest is None:
            return with_heading(ratio, heading)
        other = max((value for spelling, value in headings if spelling != largest.spelling),
                    default=0.0)
        # (Holding it not at all is bounded by the first, its headed head at least 0.)
        headed, unheaded = largest.heads[low]
        return max(with_heading(ratio + largest.weight * mention_ratio(headed), heading),
                   with_heading(ratio + largest.weight * mention_ratio(unheaded), other))

    def adjacent(self, tokens: list[str]) -> bool:
        return True


# A source with at most this many passages left is read to its end before the
# heads of larger ones: a rare spelling costs little to rule out entirely.
CHEAP_SOURCE = 2000


def best_first(node, resolved: dict, sources: dict[int, list], allowed: set | None,
               limit: int, lengths, read, place, budget: int, bound_whole
               ) -> tuple[dict[int, tuple], dict] | None:
    """The best `limit` passages, exactly scored by `read(docnum)` -> (score, key);
    `place(docnum)` is the key without reading the passage.

    A term's spellings but its largest are not read by tiers: `bound_whole(
    sources)` gives every passage those sources give and the final bounds of
    the candidates among them, from the index (as a search without tiers
    bounds its candidates), so that an unseen passage holds none of them.
    Tiers are read while an unseen passage may beat every seen one; seen
    passages are read best bound first, once their bound rests on what every
    source gave them. Stops when neither a seen passage nor an unread tier can
    enter the top. Returns the passages found and every passage seen, or None
    once more than `budget` passages are seen (the best are spread too deep
    in the tiers for them to pay)."""

    def ceiling_of(bound: TierBound) -> float:
        return final_score(evaluate(node, resolved, bound))

    every = [(key, i, s) for key, group in sources.items() for i, s in enumerate(group)]
    bounded = sources_bounded_whole(sources)
    given, fixed = bound_whole([s for key, i, s in every if (key, i) in bounded])
    if len(fixed) > budget:
        return None
    seen: dict[int, TierBound] = {}
    # (-ceiling when queued, docnum): the bounds of `fixed` are final.
    queue = [(-ceiling, docnum) for docnum, ceiling in fixed.items()]
    heapq.heapify(queue)
    unseen = TierBound(sources, None)
    unseen.known.update(dict.fromkeys(bounded, 0.0))
    found: dict[int, tuple] = {}
    leaders = Leaders(limit)

    # The heading source of each text source's spelling.
    heading_slots = {(key, i): (key, j) for key, group in sources.items()
                     for i, s in enumerate(group) if not s.heading
                     for j, h in enumerate(group) if h.heading and h.spelling == s.spelling}

    def advance(key: int, i: int, source) -> None:
        slot = (key, i)
        ceiling, docs, headed, low = source.next_tier()
        # The passages of a tier without the heading mark lack the spelling's
        # heading: what its heading source will give them is known.
        no_heading = heading_slots.get(slot) if not headed else None
        # Queued at what the tier alone allows (impacts added up): refined, to
        # mentions added up at the passage's length, when it nears the top.
        first = TierBound(sources, None, low)
        first.known.update(unseen.known)
        first.known[slot] = ceiling
        if no_heading:
            first.known[no_heading] = 0.0
        first_ceiling = -ceiling_of(first)
        docs = [d for d in docs if (allowed is None or d in allowed) and d not in given]
        # A passage's count, not the most its tier allows at its length (up to
        # a tier's step more): fewer passages near the top are read for nothing.
        counts = source.counts(docs) if not source.heading and docs else {}
        for docnum in docs:
            length = lengths[docnum]
            value = (ceiling if source.heading
                     else counts.get(docnum) or most_mentions(ceiling, length))
            bound = seen.get(docnum)
            if bound is None:
                bound = seen[docnum] = TierBound(sources, length, low)
                bound.known.update(unseen.known)
                bound.known[slot] = value
                heapq.heappush(queue, (first_ceiling, docnum))
            else:
                bound.known[slot] = min(bound.known.get(slot, value), value)
                if low is not None:
                    bound.low = low
            if no_heading:
                bound.known[no_heading] = 0.0

    def settle(key: int, i: int, source) -> None:
        """What a source gives every seen passage it has not given yet, from one
        pass through its postings that skips the blocks holding none of them."""
        slot = (key, i)
        open_docs = [d for d, bound in seen.items() if slot not in bound.known]
        for docnum, value in source.resolve(open_docs).items():
            seen[docnum].known[slot] = value

    def every_seen() -> dict:
        # The passages bounded whole count as seen, with or without a bound of tiers.
        return {**dict.fromkeys(given), **seen}

    # What an unseen passage may score changes only as tiers are read.
    unseen_ceiling = None
    while True:
        while queue and queue[0][1] not in fixed:  # bring the best queued bound up to date
            negative, docnum = queue[0]
            ceiling = ceiling_of(seen[docnum])
            if ceiling >= -negative:
                break
            heapq.heapreplace(queue, (-ceiling, docnum))
        pending = [p for p in every if p[2].tiers and (p[0], p[1]) not in bounded]
        if unseen_ceiling is None:
            unseen_ceiling = ceiling_of(unseen)
        if queue and -queue[0][0] >= unseen_ceiling:
            ceiling, docnum = -queue[0][0], queue[0][1]
            if leaders.beyond(ceiling):
                return found, every_seen()
            if docnum not in fixed:
                known = seen[docnum].known
                open_sources = [p for p in pending if (p[0], p[1]) not in known]
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
            return found, every_seen()
        advance(*next_source(pending))
        unseen_ceiling = None
        if len(seen) + len(fixed) > budget:
            return None


def sources_bounded_whole(sources: dict[int, list]) -> set[tuple[int, int]]:
    """The text sources whose passages are bounded whole rather than by tiers.

    An unseen passage may hold every spelling at its source's head, so heads
    add up: only a source whose passages are all seen stops counting. A term
    keeps its largest spelling to read by tiers."""
    out = set()
    for key, group in sources.items():
        text = sorted(((s.remaining, i) for i, s in enumerate(group) if not s.heading),
                      reverse=True)
        out.update((key, i) for _, i in text[1:])
    return out


def next_source(pending: list[tuple]) -> tuple:
    """The source to read a tier of: small ones first (smallest first), then
    text sources by the most they weigh; headings, long and worth little
    each, last."""
    first = [p for p in pending if p[2].remaining <= CHEAP_SOURCE]
    if first:
        return min(first, key=lambda p: p[2].remaining)
    text = [p for p in pending if not p[2].heading]
    return max(text or pending, key=lambda p: p[2].reach)
