"""How many passages (and reports) a query matches under its filters: exactly
the passages a search would list if it were asked for all of them (those
scoring above 0 among its candidates), at little more than the cost of
reading the candidates' postings.

The index decides most passages without reading them: a spelling of one
token (AEO, a lone character) or of two that an index term witnesses side by
side (海關; single|window, a join) is held by exactly the passages whose
postings name it, so the passages that may hold a term and those that surely
do are both sets of postings. Evaluating the query over
those sets, true / false / unknown per passage (Kleene's three-valued logic,
in the shape of ranking.evaluate), leaves unknown only the passages that
hold every index term of a longer spelling and none of the single-term
spellings or parts: those alone are read and scored exactly. The engines
give the sets (Spellings); the formula is written once, here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from ..analysis import grams, joins
from .query import All, Exclude, Node, Soft, Term
from .ranking import ResolvedTerm

# A page's totals (ReportIndex.page with `bounded`) read at most this many
# passages the index cannot decide (some 0.1 ms each); past it they are a
# range, the least and the most: `海關 AND AEO` at 100,000 reports leaves
# 74,075 undecided (7 s to read), holding every pair of 優質企業.
PAGE_READS = 1000


@dataclass(frozen=True)
class Totals:
    """How many passages, in how many reports, a search matches; with
    `at_most`, the least (the passages the index decides) and, in `at_most`,
    the most (passages, reports): the passages it cannot decide were not read."""

    passages: int
    reports: int
    at_most: tuple[int, int] | None = None

    @property
    def exact(self) -> bool:
        return self.at_most is None


@dataclass
class Page:
    """One page of a search's hits, and the totals it is a page of."""

    hits: list
    totals: Totals


class Spellings(ABC):
    """What an engine says of one spelling within the filters: the passages
    that may hold it in their text, and those under a heading that may."""

    @abstractmethod
    def text_docs(self, tokens: list[str]) -> set:
        """Passages holding every index term and every join the tokens make
        (all that hold the tokens, and only those when there are two)."""

    @abstractmethod
    def heading_docs(self, tokens: list[str]) -> set:
        """Passages whose headings hold every index term of the tokens."""

    def collected(self, docs=()) -> set:
        """Passages as this engine's sets hold them (sets; arrays where they
        are many: array_counts.py): the formula below takes |, & and - of them."""
        return set(docs)


def decided_by_index(tokens: list[str], heading: bool = False) -> bool:
    """Whether the passages Spellings gives for these tokens are exactly those
    that hold them: one token (a Latin or digit token, a lone Chinese
    character, held by the index terms holding it), or two side by side that
    one index term witnesses (two Chinese characters) or, in the text, one join."""
    if len(tokens) == 1:
        return True
    return len(tokens) == 2 and (not heading or len(grams(tokens)) == 1 and not joins(tokens))


def decided_whole(r: ResolvedTerm) -> bool:
    """Whether the index decides every spelling of a term (in the text, and
    under headings unless quoted) and every part of it."""
    return (all(decided_by_index(v.tokens) for v in r.variants)
            and (r.term.quoted or all(decided_by_index(v.tokens, heading=True)
                                      for v in r.variants))
            and all(decided_by_index(p.tokens) for p in r.parts))


class Truth:
    """A three-valued truth over passages: `yes` surely, `maybe` unknown until
    read, every other passage of the universe surely not."""

    __slots__ = ("yes", "maybe")

    def __init__(self, yes: set, maybe: set):
        # (Where one side is empty, the other is kept, not copied: at 100,000
        # reports a side can be a million passages.)
        self.yes, self.maybe = yes, maybe - yes if len(yes) and len(maybe) else maybe

    def possible(self) -> set:
        return self.yes | self.maybe if len(self.maybe) else self.yes


def both(a: Truth, b: Truth) -> Truth:
    yes = a.yes & b.yes
    return Truth(yes, (a.possible() & b.possible()) - yes)


def either(a: Truth, b: Truth) -> Truth:
    return Truth(a.yes | b.yes, a.maybe | b.maybe)


class QueryTruth:
    """ranking.evaluate() over sets: for each node, whether a passage matches
    it whole (the first of evaluate's values) and whether it has a partial
    score above 0 (the last), as Truths over the universe."""

    def __init__(self, spellings: Spellings, resolved: dict, universe: set):
        self.spellings, self.resolved, self.universe = spellings, resolved, universe
        self.nothing = Truth(spellings.collected(), spellings.collected())

    def negate(self, t: Truth) -> Truth:
        return Truth(self.universe - t.yes - t.maybe, t.maybe)

    def held(self, variants, headings: bool) -> Truth:
        """Passages holding one of the spellings (in the text, or the headings too)."""
        yes = maybe = self.spellings.collected()
        for v in variants:
            text = self.spellings.text_docs(v.tokens) & self.universe
            if decided_by_index(v.tokens):
                yes = yes | text
            else:
                maybe = maybe | text
            if headings:
                heading = self.spellings.heading_docs(v.tokens) & self.universe
                if decided_by_index(v.tokens, heading=True):
                    yes = yes | heading
                else:
                    maybe = maybe | heading
        return Truth(yes, maybe)

    def term(self, r: ResolvedTerm, partial: bool) -> tuple[Truth, Truth]:
        matched = self.held(r.variants, headings=not r.term.quoted)
        if not partial or not r.parts:
            return matched, self.nothing
        # term_evaluation counts parts only where the term is not matched; but
        # a partial score is only ever taken beside its term's match (matched,
        # or else partial: of() and scoring()), and m or (not m and p) is m or p,
        # which three values decide more often (a passage that may hold a name
        # and surely holds a part of it scores above 0).
        return matched, self.held(r.parts, headings=False)

    def of(self, node: Node, partial: bool) -> tuple[Truth, Truth]:
        """(matches whole, partial score above 0); `partial` False when the
        latter cannot reach the final score (under AND, OR and NOT)."""
        if isinstance(node, Term):
            return self.term(self.resolved[node], partial)
        if isinstance(node, Exclude):
            return self.negate(self.of(node.child, False)[0]), self.nothing
        soft = isinstance(node, Soft)
        results = [self.of(c, partial and soft and not isinstance(c, Exclude))
                   for c in node.children]
        kept = None  # not excluded by a NOT child: None while there is none
        matched: Truth | None = None
        parts = self.nothing
        for child, (whole, part) in zip(node.children, results, strict=True):
            if isinstance(child, Exclude):
                kept = whole if kept is None else both(kept, whole)
                continue
            if matched is None:
                matched = whole
            else:
                matched = both(matched, whole) if isinstance(node, All) else either(matched, whole)
            parts = either(parts, part)
        if matched is None:  # no positive child: all() of nothing holds, any() does not
            matched = Truth(self.universe, self.nothing.yes) if isinstance(node, All) \
                else self.nothing
        if kept is None:
            # Every Truth here is within the universe, so both() with the
            # universe would give it back (and copy the universe to say so).
            return matched, parts if soft else self.nothing
        if not soft:
            return both(kept, matched), self.nothing
        return both(kept, matched), both(kept, parts)

    def scoring(self, node: Node) -> Truth:
        """Passages whose final score is above 0 (final_score: matched whole,
        or a partial score above 0; partial matches only for words and terms,
        as a search takes them)."""
        whole, part = self.of(node, partial=isinstance(node, (Term, Soft)))
        return either(whole, part)


def universe_of(spellings: Spellings, node: Node, positive: list[ResolvedTerm]) -> set:
    """The passages a search draws from: those that may hold a term whole (in
    their text, or their headings unless quoted), and for words or a term,
    those that may hold parts of one."""
    found = []
    for r in positive:
        for v in r.variants:
            found.append(spellings.text_docs(v.tokens))
            if not r.term.quoted:
                found.append(spellings.heading_docs(v.tokens))
        if isinstance(node, (Term, Soft)):
            found += [spellings.text_docs(p.tokens) for p in r.parts]
    docs = spellings.collected()
    for more in found:
        docs = docs | more
    return docs


def matching(spellings: Spellings, node: Node, resolved: dict, positive: list[ResolvedTerm],
             scores_above_zero) -> set:
    """The passages the query matches: those the index decides, and of the
    rest, those `scores_above_zero(docs)` (each read and scored) keeps."""
    return matching_range(spellings, node, resolved, positive, scores_above_zero)[0]


def matching_range(spellings: Spellings, node: Node, resolved: dict,
                   positive: list[ResolvedTerm], scores_above_zero,
                   reads: int | None = None) -> tuple[set, set]:
    """(the least, the most) passages the query matches: the same set twice,
    matching()'s, unless more than `reads` passages are left undecided by
    the index; then those it decides, and those with the undecided (none read)."""
    universe = universe_of(spellings, node, positive)
    if isinstance(node, Term) and decided_whole(resolved[node]):
        # One term whose every spelling and part the index decides: every
        # passage it draws from holds one (QueryTruth would say all `yes`).
        return universe, universe
    truth = QueryTruth(spellings, resolved, universe).scoring(node)
    if not truth.maybe:
        return truth.yes, truth.yes
    if reads is not None and len(truth.maybe) > reads:
        return truth.yes, truth.possible()
    docs = truth.yes | spellings.collected(scores_above_zero(truth.maybe))
    return docs, docs
