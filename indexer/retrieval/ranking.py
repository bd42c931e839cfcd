"""Scoring a passage for a query: exactly from its stored text, or as an upper
bound from what the index says it may hold.

A term's mentions are counted on the passage's match string (names side by
side, as in 優質企業(AEO), count once); BM25 saturates them with the
passage's length; a heading that names the term adds a smaller weight.
Whole matches score 100 per term present (and for words side by side) plus
that; passages with only parts of the terms score below 1.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from copy import copy
from dataclasses import dataclass, field

from ..analysis import (
    aligned_fold,
    count,
    match_string,
    match_text,
    needle_pattern,
    occurrences,
    places_in_fold,
)
from .query import All, Any, Exclude, Node, Soft, Term

K1, B = 1.2, 0.75
UNBOUNDED = 1e9
# Another name's weight beside the name typed, at most: less for a name
# commoner than the one typed (terms.TermResolver.resolve).
ALIAS_WEIGHT = 0.7
HEADING_WEIGHT = 0.4
SPAN_WEIGHT = ALIAS_WEIGHT * HEADING_WEIGHT
PHRASE_BONUS = 1
FULL_MATCH = 100.0
# BM25's length pivot. A constant rather than the collection's mean keeps
# scores the same whether an index was built at once or updated piece by
# piece (Whoosh's length statistics still count deleted documents); it is
# the mean passage length of the sample report, in index terms.
AVERAGE_LENGTH = 128.0
# The shortest length BM25 normalizes by, 9/16 of the mean passage: a table
# row, a caption, a list item or a list of speakers is short for what kind of
# passage it is, not for being about the term, and below this its shortness
# earns it nothing. One mention then never outscores two in a passage of the
# mean length (nor three in one twice as long): tests/test_floor.py. Half the
# mean let a list item of 40 characters outrank the paragraph of 70 that
# discusses its term; a floor at the mean ties most passages of a report and
# lets place decide (docs/design.md, 2026-12-06).
MIN_LENGTH = AVERAGE_LENGTH * 9 / 16
# Rounding in the score arithmetic must never make a bound fall below a score.
SLACK = 1e-9
@dataclass
class Variant:
    """One spelling a term may take in a passage, with its weight."""

    tokens: list[str]
    weight: float
    needle: str = field(init=False)  # looked for in match strings, once per passage read

    def __post_init__(self) -> None:
        self.needle = match_string(self.tokens)


@dataclass
class ResolvedTerm:
    """A term's spellings, parts and idf; `day` when it names a day, which
    the days of a text's spans stand for too (ExactText.in_spans)."""

    term: Term
    variants: list[Variant]
    parts: list[Variant]
    idf: float = 1.0
    day: bool = False


def mentions(haystack: str, variants: list[Variant]) -> float:
    """Weighted mentions of a term: names standing side by side, as in a definition
    優質企業(AEO), count once, at the weight of the best of them."""
    spans = sorted((start, start + len(v.needle), v.weight) for v in variants
                   for start in occurrences(haystack, v.needle))
    # A needle holds the spaces at both its ends: one side by side overlaps.
    return _runs_weight(spans, lambda start, end: start < end)


def mentions_in_fold(folded: str, variants: list[Variant]) -> float:
    """mentions() of a text's match string, found in its aligned fold: names
    side by side have nothing but separators (spaces in the fold) between."""
    spans = sorted((start, stop, v.weight) for v in variants
                   for start, stop in places_in_fold(folded, v.tokens))
    return _runs_weight(spans, lambda start, end: start <= end or folded[end:start].isspace())


def _runs_weight(spans: list[tuple[int, int, float]], joins_run) -> float:
    """The weights of runs of spans (sorted) that `joins_run(start, end of the
    run so far)` joins, each run at its heaviest span's weight."""
    if not spans:
        return 0.0
    total, (_, end, weight) = 0.0, spans[0]
    for start, stop, w in spans[1:]:
        if joins_run(start, end):
            end, weight = max(end, stop), max(weight, w)
            continue
        total += weight
        end, weight = stop, w
    return total + weight


def counted_spellings(variants: list[Variant]) -> list[tuple[Variant, float]]:
    """The spellings whose counts, weighted, add up to a bound on mentions(),
    each with the weight it is counted at: its own, less the largest weight
    of a spelling it holds. Every mention of 跨境電子商務 (typed, 1.0) is one
    of 電子商務 (an alias, 0.7) too, so it is counted at 0.3 beside 電子商務's
    0.7; a spelling that holds another of no less weight (亞太經濟合作企業諮詢
    委員會 and 企業諮詢委員會) is not counted at all. Sound: a run of mentions
    holds its heaviest spelling, which holds a chain of spellings, each the
    heaviest that the one before it holds, down to one that holds none; the
    weights they are counted at add up to at least the run's."""
    out = []
    for v in variants:
        held = max((o.weight for o in variants if o is not v and o.needle in v.needle),
                   default=0.0)
        if v.weight > held:
            out.append((v, v.weight - held))
    return out


# BM25, written once: a term's part of a score, from its weighted mentions
# (tf), the passage's length and the weight of the heading that names it. Each
# function takes numbers, or numpy arrays of them (arrays.py bounds many
# passages at once): the same arithmetic in the same order, so both paths give
# the same floats. Counts are never negative, and a count of 0 saturates to 0.


def floored(length):
    """A passage's length as BM25 normalizes it: MIN_LENGTH at least, so that a
    ten-character table row or caption does not outrank the paragraph that
    discusses a term (a number, or a numpy array of them)."""
    if hasattr(length, "clip"):  # numpy
        return length.clip(min=MIN_LENGTH)
    return length if length > MIN_LENGTH else MIN_LENGTH


def saturate(tf, length):
    """BM25's term-frequency saturation with length normalization."""
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * floored(length) / AVERAGE_LENGTH))


def term_score(idf, tf, length, in_heading, spans=0.0):
    """A term's BM25 part: its saturated mentions plus its heading's weight
    (and a day's part from the spans that hold it: span_part)."""
    return idf * (saturate(tf, length) + HEADING_WEIGHT * in_heading + spans)


def span_part(count: float, length: float) -> float:
    """A day's part in a passage that does not write it but writes spans that
    hold it (8月3日至5日 for 8月4日), from their weighted count: an alias's
    heading weight at most, so that it ranks below a day heading and below a
    passage that writes the day (of up to some 900 index terms), and never
    more than the count's saturation, which the index's bound gives it (it
    counts those days as mentions: build.documents)."""
    return min(SPAN_WEIGHT, saturate(count, length)) if count > 0 else 0.0


def most_term_score(idf: float) -> float:
    """The most term_score() gives: saturate() stays under K1 + 1, and a
    heading weighs 1 at most."""
    return idf * (K1 + 1 + HEADING_WEIGHT)


def term_ceiling(idf, tf, length, in_heading, weight):
    """A bound, as a final score, of a passage of a one-term query that may
    hold the term (final_score() of a whole match, a hair above so that no
    rounding puts it under the score it bounds). `weight`: the passage's, at
    most (1, or RANKED_DOWN for a passage the index flags)."""
    return FULL_MATCH + SLACK + weight * term_score(idf, tf, length, in_heading)


def term_evaluation(r: ResolvedTerm, tf: float, in_heading: float, part_counts,
                    length: float, spans: float = 0.0) -> tuple[bool, float, int, float]:
    """evaluate() of one term, from its mentions, its heading's weight, a
    day's part from spans (span_part) and (only looked at when none) its
    parts' counts: exact or bounds."""
    if tf > 0 or in_heading > 0 or spans > 0:
        return (True, term_score(r.idf, tf, length, in_heading, spans), 1, 0.0)
    partial = sum(saturate(c, length) for c in part_counts)
    return (False, 0.0, 0, r.idf * partial / max(len(r.parts), 1))


def evaluate(node: Node, resolved: dict, doc) -> tuple[bool, float, int, float]:
    """(matched, score, how many soft parts matched, partial score) of one passage,
    exactly from its text or as an upper bound from the index."""
    if isinstance(node, Term):
        return doc.term(resolved[node])
    if isinstance(node, Exclude):
        matched, *_ = evaluate(node.child, resolved, doc)
        return (not matched or not doc.exact, 0.0, 0, 0.0)
    results = [evaluate(c, resolved, doc) for c in node.children]
    excluded = any(isinstance(c, Exclude) and not r[0]
                   for c, r in zip(node.children, results, strict=True))
    positive = [r for c, r in zip(node.children, results, strict=True)
                if not isinstance(c, Exclude)]
    score = sum(r[1] for r in positive if r[0])
    if excluded:
        return (False, 0.0, 0, 0.0)
    if isinstance(node, All):
        return (all(r[0] for r in positive), score, 1, 0.0)
    if isinstance(node, Any):
        return (any(r[0] for r in positive), score, 1, 0.0)
    coverage = sum(1 for r in positive if r[0])
    if coverage == len(positive) and doc.adjacent(phrase(node, resolved)):
        coverage += PHRASE_BONUS
    partial = sum(r[3] for r in positive)
    return (coverage > 0, score, coverage, partial)


def phrase(node: Soft, resolved: dict) -> list[str]:
    """The soft group's words as typed, side by side (empty if it is not all words)."""
    if not all(isinstance(c, Term) and resolved[c].variants for c in node.children):
        return []
    return [t for c in node.children for t in resolved[c].variants[0].tokens]


def match_kind(text: ExactText, positive: list[ResolvedTerm], every: bool) -> str:
    """How a passage that contains the query matches it: exact (every term as
    typed in its text), heading (a term only in its heading), alias (a term
    only under another name), some (not every term; `every` unless OR)."""
    found = set()
    for r in positive:
        if not r.variants:
            continue
        if text.adjacent(r.variants[0].tokens):
            found.add("exact")
        elif any(text.adjacent(v.tokens) for v in r.variants[1:]) or text.in_spans(r) > 0:
            found.add("alias")
        elif any(v.needle in text.heading for v in r.variants):
            found.add("heading")
        else:
            found.add("missing")
    if "missing" in found and every:
        return "some"
    for kind in ("alias", "heading"):
        if kind in found:
            return kind
    return "exact"


def final_score(evaluation: tuple[bool, float, int, float], weight: float = 1.0) -> float:
    """Whole matches score 100 per term present (and for words side by side) plus BM25;
    passages with only parts of the terms score below 1. `weight` (at most 1) scales
    the BM25 part, so an upper bound computed without it stays one."""
    matched, score, coverage, partial = evaluation
    if matched:
        return FULL_MATCH * coverage + weight * score
    partial *= weight
    return partial / (partial + 1.0) if partial > 0 else 0.0


def passage_text(text: str, heading: str, length: int) -> ExactText:
    """What exact scores are made from: the text's aligned fold where it has
    one (finding names in it costs about two thirds of making and searching
    a match string), else its match string."""
    folded = aligned_fold(text)
    if folded is None:
        return PassageText(match_text(text), heading, length, text)
    return FoldedText(folded, heading, length, text)


def span_days(text: str) -> str:
    """The match string of the days a text's spans hold but do not write
    whole (corpus.dayforms.span_day_names), the index's terms for them."""
    from ...corpus.dayforms import NAMES_APART, span_day_names

    return match_text(NAMES_APART.join(span_day_names(text)))


class ExactText(ABC):
    """A passage's text as exact scores read it (its heading as a match string)."""

    exact = True

    def __init__(self, heading: str, length: int, source: str = ""):
        self.heading, self.length, self.source = heading, length, source
        # What the text holds, found once: shared with its copies under other headings.
        self._found: dict[tuple, float | int | bool | str] = {}

    def under(self, heading: str) -> ExactText:
        """The same text under another heading. What the text holds is not
        looked for again: a template paragraph stands under many headings in
        many reports (145 passages read for 跨境電子商務 at 10,000 reports
        hold 30 texts), and finding names in a text costs most of scoring it."""
        other = copy(self)
        other.heading = heading
        return other

    def term(self, r: ResolvedTerm) -> tuple[bool, float, int, float]:
        tf = self.mentions(r.variants)
        in_heading = 0.0 if r.term.quoted else max(
            (v.weight for v in r.variants if v.needle in self.heading), default=0.0)
        spans = span_part(self.in_spans(r), self.length) if tf == 0 else 0.0
        return term_evaluation(r, tf, in_heading, (self.count(p) for p in r.parts),
                               self.length, spans)

    def mentions(self, variants: list[Variant]) -> float:
        """Weighted mentions of a term's names (mentions())."""
        key = ("mentions", *((tuple(v.tokens), v.weight) for v in variants))
        if key not in self._found:
            self._found[key] = self._mentions(variants)
        return self._found[key]

    def in_spans(self, r: ResolvedTerm) -> float:
        """Weighted mentions of a day among the days the text's spans hold
        (8月4日 in 8月3日至5日), looked for only by a term that names a day
        (scored by span_part, below the day as written). The index holds
        these days beside the text's terms (build.documents), so its bounds
        count them."""
        if not r.day or not self.source:
            return 0.0
        days = self._found.get(("span days",))
        if days is None:
            days = self._found[("span days",)] = span_days(self.source)
        if days == " ":
            return 0.0
        key = ("spans", *((tuple(v.tokens), v.weight) for v in r.variants))
        if key not in self._found:
            self._found[key] = mentions(days, r.variants)
        return self._found[key]

    def count(self, part: Variant) -> int:
        """How often a part occurs."""
        key = ("count", *part.tokens)
        if key not in self._found:
            self._found[key] = self._count(part)
        return self._found[key]

    def adjacent(self, tokens: list[str]) -> bool:
        """Whether the tokens stand side by side."""
        key = ("adjacent", *tokens)
        if key not in self._found:
            self._found[key] = self._adjacent(tokens)
        return self._found[key]

    @abstractmethod
    def _mentions(self, variants: list[Variant]) -> float:
        """mentions(), looked for in the text."""

    @abstractmethod
    def _count(self, part: Variant) -> int:
        """count(), looked for in the text."""

    @abstractmethod
    def _adjacent(self, tokens: list[str]) -> bool:
        """adjacent(), looked for in the text."""


class PassageText(ExactText):
    """Names found in the text's match string."""

    def __init__(self, match: str, heading: str, length: int, source: str = ""):
        super().__init__(heading, length, source)
        self.match = match

    def _mentions(self, variants: list[Variant]) -> float:
        return mentions(self.match, variants)

    def _count(self, part: Variant) -> int:
        return count(self.match, part.needle)

    def _adjacent(self, tokens: list[str]) -> bool:
        return bool(tokens) and match_string(tokens) in self.match


class FoldedText(ExactText):
    """Names found in the text's aligned fold: the same scores as PassageText."""

    def __init__(self, folded: str, heading: str, length: int, source: str = ""):
        super().__init__(heading, length, source)
        self.folded = folded

    def _mentions(self, variants: list[Variant]) -> float:
        return mentions_in_fold(self.folded, variants)

    def _count(self, part: Variant) -> int:
        return len(places_in_fold(self.folded, part.tokens))

    def _adjacent(self, tokens: list[str]) -> bool:
        return bool(tokens) and needle_pattern(tuple(tokens)).search(self.folded) is not None


class PassageBound:
    """What the index says a passage may hold: scores no lower than the exact ones."""

    exact = False
    # One is made for every candidate of a common word: slots make that cheaper.
    __slots__ = ("length", "mentions", "heading", "parts", "apart")

    def __init__(self, length: int):
        self.length = length
        self.mentions: dict[int, float] = {}
        self.heading: dict[int, float] = {}
        self.parts: dict[int, list[float]] = {}
        self.apart: set[str] = set()  # phrases whose words the index says never meet here

    def term(self, r: ResolvedTerm) -> tuple[bool, float, int, float]:
        return term_evaluation(r, self.mentions.get(id(r), 0.0), self.heading.get(id(r), 0.0),
                               self.parts.get(id(r), []), self.length)

    def adjacent(self, tokens: list[str]) -> bool:
        return bool(tokens) and match_string(tokens) not in self.apart
