"""Bounds of a query that joins terms with AND or OR (海關 AND AEO, (海關 OR
關務) AND AEO, "單一窗口" AND 海關 -WCO, (海關 AND AEO) -WCO): only for the
passages that may match it.

Such a query scores a passage above 0 only when the passage matches it whole
(ranking.evaluate: AND and OR have no partial score, and NOT leaves a bound
untouched), so a candidate whose bound does not match the query, one that
lacks a term AND requires, is never read. Those are most candidates of two
common words: a bound for each of them (a PassageBound per passage, 25 s
and 2 GB for 海關 AND AEO at 100,000 reports) bought nothing. Here the
passages whose bounds match are found first, from the terms' candidates
alone, and only they are bounded: a passage at a time when they are few
(candidates.py), else all at once over arrays (arrays.py), with the same
floats either way (tests/test_groups.py).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce

from .query import All, Any, Exclude, Node, Soft, Term
from .ranking import FULL_MATCH, ResolvedTerm, term_score


def is_group(node: Node) -> bool:
    """A query whose top is AND or OR, alone or with words excluded ((海關 AND
    AEO) -WCO): only what matches it whole scores, 100 and its terms' BM25
    parts (no partial score, no words side by side to count)."""
    if isinstance(node, Soft):
        wanted = [c for c in node.children if not isinstance(c, Exclude)]
        return len(wanted) == 1 and is_group(wanted[0])
    return isinstance(node, All | Any)


def matched(node: Node, term: Callable[[Term], object]):
    """Which passages a bound says match the node, given which match each term
    (`term`: sets, or masks over one array of passages): every term of AND,
    one of OR or of words side by side; words excluded leave a bound matched."""
    if isinstance(node, Term):
        return term(node)
    parts = [matched(c, term) for c in node.children if not isinstance(c, Exclude)]
    return reduce(operator.and_ if isinstance(node, All) else operator.or_, parts)


def held_by(evidence: tuple[dict, dict]) -> set[int]:
    """The passages a term's evidence (Candidates.term_evidence) says may hold
    it: mentions above 0, or a heading that names it."""
    mentions, heading = evidence
    return {d for d, tf in mentions.items() if tf > 0} | {d for d, w in heading.items() if w > 0}


def group_bounds(candidates, node: Node, resolved: dict, positive: list[ResolvedTerm],
                 allowed) -> dict:
    """Candidates.evidence() of the passages whose bounds match the node."""
    found = {id(r): candidates.term_evidence(r, allowed) for r in positive}
    held = {key: held_by(evidence) for key, evidence in found.items()}
    docs = matched(node, lambda t: held[id(resolved[t])])
    return candidates.bounds_of(found, docs)


def group_ceilings(arrays, node: Node, resolved: dict, positive: list[ResolvedTerm],
                   allowed):
    """(passages whose bounds match the node, sorted; their bounds as final
    scores) over arrays: what final_score(evaluate(node, bound)) gives each,
    FULL_MATCH plus the BM25 parts of the terms the bound holds, summed as
    evaluate sums them (a group's matched children, in order)."""
    import numpy as np

    from .arrays import members, union, values_at

    evidence = {id(r): arrays.term_evidence(r, allowed) for r in positive}
    everywhere = union([docs for docs, _, _ in evidence.values()])
    # Each term's passages that may hold it (mentions above 0, or a heading
    # that names it), found once and asked of the candidates as a mask.
    holding: dict[int, np.ndarray] = {}

    def held_among(docs: np.ndarray):
        masks: dict[int, np.ndarray] = {}

        def term(t: Term) -> np.ndarray:
            key = id(resolved[t])
            if key not in masks:
                if key not in holding:
                    term_docs, mentions, heading = evidence[key]
                    held = (mentions > 0) | (heading > 0)
                    holding[key] = term_docs if held.all() else term_docs[held]
                masks[key] = members(docs, holding[key])
            return masks[key]
        return term

    docs = everywhere[matched(node, held_among(everywhere))]
    del everywhere
    lengths = arrays.lengths(docs)
    held = held_among(docs)

    def term_scores(t: Term) -> np.ndarray:
        term_docs, mentions, heading = evidence[id(resolved[t])]
        return term_score(resolved[t].idf, values_at(term_docs, mentions, docs), lengths,
                          values_at(term_docs, heading, docs))

    return docs, FULL_MATCH + group_scores(node, term_scores, held, len(docs))


def group_scores(node: Node, term_scores: Callable, held: Callable, size: int):
    """The BM25 parts evaluate() sums for a group's matched children, over
    `size` passages (`term_scores` of a term, `held`: which passages hold it).
    A function of the module, not one nested in group_ceilings that calls
    itself: such a function is a reference cycle, and with the collector
    paused over a search (storage.collector_paused) the cycle kept every
    term's evidence arrays alive to the end of the search (51 MB of
    `海關 AND AEO` at 100,000 reports while its totals were counted)."""
    import numpy as np

    if isinstance(node, Term):
        return term_scores(node)
    total = np.zeros(size)
    for child in node.children:
        if not isinstance(child, Exclude):
            total += np.where(matched(child, held), group_scores(child, term_scores, held, size),
                              0.0)
    return total
