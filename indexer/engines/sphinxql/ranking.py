"""A search on the cluster: the engine finds the candidates (passages that
hold every index term of a spelling of a query term, in their text or their
headings, within the filters); rsearch resolves the terms as the embedded
index does (other names, parts, idf from the engine's counts) and scores
each candidate exactly on its stored text with its own ranking. So hits,
scores, labels and highlights are the embedded index's.

A query of one term whose spellings all have index terms reads its
candidates best first, as the embedded index does: the engine orders them by
a bound on their score (BestFirst), and reading stops once no unread one can
enter the top. Other queries read and score every candidate: their cost
grows with the candidates of the query's rarest spelling.
"""

from __future__ import annotations

import heapq

from ...retrieval import (
    AVERAGE_LENGTH,
    FULL_MATCH,
    HEADING_WEIGHT,
    K1,
    MIN_LENGTH,
    SLACK,
    Any,
    B,
    IndexReads,
    Soft,
    Term,
    TermResolver,
    evaluate,
    final_score,
    literal,
    parse_query,
    passage_text,
    query_terms,
    rank_order,
    saturate,
    tie_score,
)
from ...storage import (
    RANKED_DOWN,
    StoredPassage,
    dated,
    heading_match,
    order_key,
    report_trip,
)
from .connection import Nodes
from .rows import PASSAGE, content_number, engine_terms, passage_of


def spelling_match(tokens: list[str], headings: bool) -> str:
    """The engine's full-text condition for passages that may hold the tokens:
    every index term they make, in the text (or the headings); a lone Chinese
    character, wherever it stands in an index term."""
    clause = field_match(tokens, heading=False)
    return f"{clause} | {field_match(tokens, heading=True)}" if headings else clause


def field_match(tokens: list[str], heading: bool) -> str:
    """spelling_match() of the text alone, or of the headings alone."""
    required = IndexReads.required_grams(tokens)
    if required:
        field = "heading_grams" if heading else "grams"
        terms = engine_terms(required)
    else:
        field = "heading_chars" if heading else "chars"
        terms = engine_terms(tokens[:1])
    return f"(@{field} {terms})"


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

    def most_holding(self, tokens: list[str]) -> int | None:
        return None  # the engine counts a name's passages, nothing cheaper

    def aliases(self, text: str) -> list[str]:
        key = text
        if key not in self._names:
            self._names[key] = self.lookups.other_names(text)
        return self._names[key]


class ClusterSearch:
    """One search. Candidates come from the engine with their content number
    (rows.content_number): a record is parsed and scored once per content,
    and again only for a hit."""

    def __init__(self, nodes: Nodes, lookups, conditions: list[str]):
        self.nodes, self.lookups, self.conditions = nodes, lookups, conditions
        self._scores: dict[int, float] = {}  # by content number
        self._headings: dict[tuple, str] = {}
        self._records: dict[int, tuple[str, str]] = {}  # (report, record) of rows scored > 0

    def prepared(self, query: str, exact: bool) -> tuple:
        """The query parsed and resolved: (node, resolved, positive)."""
        names = ClusterTerms(self.lookups, max(self.lookups.passage_count(
            f"kind = {PASSAGE}"), 1))
        node = parse_query(query)
        node = literal(node) if exact else names.merge_names(node)
        resolved = {t: names.resolve(t) for t in query_terms(node, excluded=True)}
        return node, resolved, [resolved[t] for t in query_terms(node)]

    def run(self, query: str, limit: int, offset: int, exact: bool):
        """[(rank, score, passage, resolved, positive, every)] of hits offset+1.."""
        return self.ranked(self.prepared(query, exact), limit, offset)

    def ranked(self, prepared: tuple, limit: int, offset: int):
        node, resolved, positive = prepared
        limit += offset
        spellings = [v.tokens for r in positive for v in r.variants]
        if isinstance(node, Term) and spellings and all(
                IndexReads.required_grams(s) for s in spellings):
            found, seen = BestFirst(self, node, resolved).top(positive[0], limit)
        else:
            found = self.scored(node, resolved, spellings, headings=True, exclude=set())
            seen = found.keys()
        full = sum(1 for score, _ in found.values() if score >= FULL_MATCH)
        if full < limit and isinstance(node, (Term, Soft)):
            parts = [p.tokens for r in positive for p in r.parts]
            partial = self.scored(node, resolved, parts, headings=False, exclude=seen)
            best = sorted(partial.items(), key=lambda item: rank_order(*item[1]))
            found.update(best[:limit - full])
        ranked = sorted(found.items(), key=lambda item: rank_order(*item[1]))[offset:limit]
        every = not isinstance(node, Any)
        return [(rank, score, passage_of(*self._records[row_id]), resolved, positive, every)
                for rank, (row_id, (score, _)) in enumerate(ranked, start=offset + 1)]

    def scored(self, node, resolved, spellings: list[list[str]], headings: bool,
               exclude) -> dict[int, tuple]:
        """Candidates holding one of the spellings, scored exactly (score > 0
        kept): {id: (score, order key)}."""
        spellings = [s for s in dict.fromkeys(map(tuple, spellings)) if s]
        if not spellings:
            return {}
        match, where = self.candidates(spellings, headings)
        found = {}
        for row_id, report, number, content, record in self.nodes.pages(
                "report, number, content_h, record", where, (match,)):
            if row_id in exclude:
                continue
            score = self.score_row(node, resolved, row_id, report, content, record)
            if score > 0:
                found[row_id] = (score, order_key(report, number))
        return found

    def candidates(self, spellings, headings: bool) -> tuple[str, str]:
        """The MATCH of passages that may hold a spelling, and the whole condition."""
        match = " | ".join(spelling_match(list(s), headings) for s in spellings)
        return match, " AND ".join([f"MATCH(%s) AND kind = {PASSAGE}", *self.conditions])

    def score_row(self, node, resolved, row_id: int, report: str, content: int,
                  record: str) -> float:
        """A candidate's exact score: its content's, scored from its record
        the first time the content comes; the record kept for a hit."""
        score = self._scores.get(content)
        if score is None:
            score = self._scores[content] = self.exact(node, resolved,
                                                       passage_of(report, record))
        if score > 0:
            self._records[row_id] = (report, record)
        return score

    def exact(self, node, resolved, passage: StoredPassage) -> float:
        """A passage's exact score from its stored text; as in the embedded
        index, scored once per content (an archive repeats template
        paragraphs) and its headings matched once per search."""
        trip = report_trip(self.lookups.report_data(passage.report)) \
            if dated(passage.headings) else None  # a day's date is read in its trip
        content = content_number(passage, trip)
        if content not in self._scores:
            key = (passage.report, passage.headings) if trip else passage.headings
            headings = self._headings.get(key)
            if headings is None:
                headings = self._headings[key] = heading_match(passage.headings, trip)
            text = passage_text(passage.text, headings, passage.length)
            self._scores[content] = final_score(evaluate(node, resolved, text), passage.weight)
        return self._scores[content]


# The engine's count of a passage's occurrences of the query's index terms in
# its text (grams field): a bound on how often any spelling stands there;
# plus HEADED when its headings hold one of them (else no spelling is there).
HEADED = 1_000_000
TERM_HITS = (f"ranker=expr('sum(if(user_weight==1,hit_count,0)) + "
             f"{HEADED}*sum(if(user_weight==2,1,0))'), field_weights=(grams=1, heading_grams=2)")
# Passages read at a time, best bound first (the first page; each next twice
# as many, up to PAGE_MOST).
BATCH = 100
PAGE_MOST = 1600
# The engine computes the bounds it orders by in single precision: a row's
# bound is taken this much higher (relatively) when deciding to stop.
ENGINE_ROUNDING = 1e-4


def hits_weight(variants) -> float:
    """c such that c times the hits of a term's index terms in a passage's text
    (H, each occurrence of one of them once) bounds the weighted mentions of
    its spellings. A mention of spelling v stands on an occurrence of each of
    its n_v index terms (a mention further on, on other ones), so its mentions
    m_v are at most the fewest occurrences of one of them, at most their mean:
    sum_v w_v m_v <= sum_v (w_v / n_v) sum_{g in v} tf(g)
                  = sum_g tf(g) sum_{v holding g} (w_v / n_v) <= H max_g (...)."""
    share: dict[str, float] = {}
    for v in variants:
        grams = set(IndexReads.required_grams(v.tokens))
        for gram in grams:
            share[gram] = share.get(gram, 0.0) + v.weight / len(grams)
    # (A hair above: the division must not round the bound below the count.)
    return max(share.values()) * (1 + 1e-12)


class BestFirst:
    """The best passages for a query of one term whose spellings all have index
    terms, reading as few as the embedded index does: the engine orders the
    candidates by their bound (from the hits of the term's index terms in
    the text, the length, whether the passage is ranked down) and hands them
    over a page at a time with their stored records; they are scored until
    no unread one can enter the top."""

    def __init__(self, search: ClusterSearch, node, resolved):
        self.search, self.node, self.resolved = search, node, resolved

    @staticmethod
    def weights(r) -> tuple[float, float]:
        """What the hits are multiplied by, and the heading's weight (the
        heaviest spelling's)."""
        heading = 0.0 if r.term.quoted else max(v.weight for v in r.variants)
        return hits_weight(r.variants), HEADING_WEIGHT * heading

    def bound(self, r, weight: int, length: int, ranked: int) -> float:
        """No lower than the exact score: the weighted mentions at most
        hits_weight() times the hits; the heading, when it holds one of the
        index terms, at the heaviest spelling. `weight` as TERM_HITS gives it."""
        weights, heading = self.weights(r)
        hits, headed = weight % HEADED, weight >= HEADED
        part = saturate(weights * hits, length) + (heading if headed else 0.0)
        return FULL_MATCH + SLACK + (RANKED_DOWN if ranked else 1.0) * r.idf * part

    def engine_bound(self, r) -> str:
        """bound() without its constants (FULL_MATCH, SLACK, idf), as the
        engine computes it for each candidate: its order is bound()'s."""
        weights, heading = self.weights(r)
        tf = f"{weights!r} * IF(WEIGHT() >= {HEADED}, WEIGHT() - {HEADED}, WEIGHT())"
        norm = f"{K1!r} * ({1 - B!r} + {B / AVERAGE_LENGTH!r} * MAX(length, {MIN_LENGTH!r}))"
        return (f"IF(ranked_down = 1, {RANKED_DOWN!r}, 1.0) * ({tf} * {K1 + 1!r} / ({tf} + {norm})"
                f" + IF(WEIGHT() >= {HEADED}, {heading!r}, 0.0))")

    def candidates(self, r, match: str, where: str, offset: int, count: int) -> tuple:
        """Candidates offset+1.. offset+count by bound: (id, report, number,
        content number, record, length, ranked_down, WEIGHT(), the engine's bound)."""
        return self.search.nodes.read(
            f"SELECT id, report, number, content_h, record, length, ranked_down, WEIGHT(), "
            f"{self.engine_bound(r)} AS b FROM {self.search.nodes.cluster.distributed} "
            f"WHERE {where} ORDER BY b DESC, id ASC LIMIT {offset}, {count} "
            f"OPTION max_matches={offset + count}, {TERM_HITS}", (match,))

    def top(self, r, limit: int) -> tuple[dict[int, tuple], set[int]]:
        search = self.search
        match, where = search.candidates([tuple(v.tokens) for v in r.variants], headings=True)
        found: dict[int, tuple] = {}
        read: set[int] = set()  # (all candidates, when fewer than `limit` match whole)
        best: list[float] = []  # the top's tie scores, lowest first (a heap)
        offset, page = 0, BATCH
        while True:
            rows = self.candidates(r, match, where, offset, page)
            for row_id, report, number, content, record, *_, engine in rows:
                unread = FULL_MATCH + SLACK + r.idf * float(engine) * (1 + ENGINE_ROUNDING)
                if len(best) >= limit and tie_score(unread) < best[0]:
                    return found, read
                read.add(row_id)
                score = search.score_row(self.node, self.resolved, row_id, report, content,
                                         record)
                if score > 0:
                    found[row_id] = (score, order_key(report, number))
                    heapq.heappush(best, tie_score(score))
                    if len(best) > limit:
                        heapq.heappop(best)
            if len(rows) < page:
                return found, read
            offset, page = offset + page, min(2 * page, PAGE_MOST)
