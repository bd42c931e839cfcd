"""A search on the cluster: the engine finds the candidates (passages that
hold every index term of a spelling of a query term, in their text or their
headings, within the filters); rsearch resolves the terms as the embedded
index does (other names, parts, idf from the engine's counts) and scores
each candidate exactly on its stored text with its own ranking. So hits,
scores, labels and highlights are the embedded index's.

Every candidate is read and scored (the embedded index bounds them from its
postings and reads the best first): the cost grows with the candidates of
the query's rarest spelling, not with the top asked for.
"""

from __future__ import annotations

import json

from rsearch.indexer import (
    FULL_MATCH,
    Any,
    IndexReads,
    Soft,
    StoredPassage,
    Term,
    TermResolver,
    evaluate,
    final_score,
    heading_match,
    literal,
    order_key,
    parse_query,
    passage_text,
    query_terms,
    rank_order,
)

from .connection import Nodes
from .rows import PASSAGE, engine_terms


def spelling_match(tokens: list[str], headings: bool) -> str:
    """The engine's full-text condition for passages that may hold the tokens:
    every index term they make, in the text (or the headings); a lone Chinese
    character, wherever it stands in an index term."""
    required = IndexReads.required_grams(tokens)
    if required:
        text, heading = "grams", "heading_grams"
        terms = engine_terms(required)
    else:
        text, heading = "chars", "heading_chars"
        terms = engine_terms(tokens[:1])
    clause = f"(@{text} {terms})"
    return f"{clause} | (@{heading} {terms})" if headings else clause


class EngineWords:
    """What TermResolver asks of an index, answered by the engine: whether a
    word is in some report's vocabulary (`("words", word) in reader`), and
    how many passages hold a term's index terms."""

    def __init__(self, lookups):
        self.lookups = lookups

    def reader(self):
        return self

    def __contains__(self, field_word: tuple[str, str]) -> bool:
        return self.lookups.has_word(field_word[1])

    def document_frequency(self, tokens: list[str]) -> int:
        return self.lookups.passage_count(f"MATCH(%s) AND kind = {PASSAGE}",
                                          (spelling_match(tokens, headings=False),))


class ClusterTerms(TermResolver):
    """The embedded index's term resolution, with other names from the cluster."""

    def __init__(self, lookups, passage_count: int):
        words = EngineWords(lookups)
        super().__init__(words, words, passage_count)
        self.lookups = lookups

    def aliases(self, text: str) -> list[str]:
        key = text
        if key not in self._names:
            self._names[key] = self.lookups.other_names(text)
        return self._names[key]


class ClusterSearch:
    """One search."""

    def __init__(self, nodes: Nodes, lookups, conditions: list[str]):
        self.nodes, self.lookups, self.conditions = nodes, lookups, conditions
        self._scores: dict[bytes, float] = {}
        self._headings: dict[tuple, str] = {}

    def run(self, query: str, limit: int, offset: int, exact: bool):
        """[(rank, score, passage, resolved, positive, every)] of hits offset+1.."""
        names = ClusterTerms(self.lookups, max(self.lookups.passage_count(
            f"kind = {PASSAGE}"), 1))
        node = parse_query(query)
        node = literal(node) if exact else names.merge_names(node)
        resolved = {t: names.resolve(t) for t in query_terms(node, excluded=True)}
        positive = [resolved[t] for t in query_terms(node)]
        limit += offset
        spellings = [v.tokens for r in positive for v in r.variants]
        found = self.scored(node, resolved, spellings, headings=True, exclude=set())
        full = sum(1 for score, _, _ in found.values() if score >= FULL_MATCH)
        if full < limit and isinstance(node, (Term, Soft)):
            parts = [p.tokens for r in positive for p in r.parts]
            partial = self.scored(node, resolved, parts, headings=False, exclude=found.keys())
            best = sorted(partial.items(), key=lambda item: rank_order(*item[1][:2]))
            found.update(best[:limit - full])
        ranked = sorted(found.values(), key=lambda f: rank_order(f[0], f[1]))[:limit]
        every = not isinstance(node, Any)
        return [(rank, score, passage, resolved, positive, every)
                for rank, (score, _, passage) in enumerate(ranked, start=1) if rank > offset]

    def scored(self, node, resolved, spellings: list[list[str]], headings: bool,
               exclude) -> dict[int, tuple]:
        """Candidates holding one of the spellings, scored exactly (score > 0 kept)."""
        spellings = [s for s in dict.fromkeys(map(tuple, spellings)) if s]
        if not spellings:
            return {}
        match = " | ".join(spelling_match(list(s), headings) for s in spellings)
        where = " AND ".join([f"MATCH(%s) AND kind = {PASSAGE}", *self.conditions])
        found = {}
        for row_id, report, record in self.nodes.pages("report, record", where, (match,)):
            if row_id in exclude:
                continue
            passage = passage_of(report, record)
            score = self.exact(node, resolved, passage)
            if score > 0:
                found[row_id] = (score, order_key(passage.report, passage.number), passage)
        return found


    def exact(self, node, resolved, passage: StoredPassage) -> float:
        """A passage's exact score from its stored text; as in the embedded
        index, scored once per content (an archive repeats template
        paragraphs) and its headings matched once per search."""
        content = passage.content_key()
        if content not in self._scores:
            headings = self._headings.get(passage.headings)
            if headings is None:
                headings = self._headings[passage.headings] = heading_match(passage.headings)
            text = passage_text(passage.text, headings, passage.length)
            self._scores[content] = final_score(evaluate(node, resolved, text), passage.weight)
        return self._scores[content]


def passage_of(report: str, record: str) -> StoredPassage:
    """A passage row's stored record (StoredPassage.pack, as JSON)."""
    (text, length, number, paragraph, headings, meeting, units, topics, annexes,
     weight) = json.loads(record)
    return StoredPassage(report, text, length, number, paragraph,
                         tuple(tuple(h) for h in headings), meeting, tuple(units),
                         tuple(topics), tuple(annexes), weight)
