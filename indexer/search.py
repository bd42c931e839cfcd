"""Searching an index: find candidates with Whoosh, then rank them exactly.

A query term matches a passage when its match tokens occur in the passage in
order (so matching ignores spaces, width, case and script), when a name the
reports define as the same thing occurs (優質企業 for AEO), or when the
passage's headings contain it.  Candidates come from the Whoosh index (every
passage holding all of a term's index terms, or under a heading that does).
Each gets an upper bound on its score from the index alone; candidates are
then read best bound first, checked against their stored match strings and
scored with BM25 on the real number of mentions, plus weight for a heading
that names the term, until no unread one can enter the top.  Passages that
contain only parts of a term (便捷 for 貿易便捷) follow all passages that
contain it whole.
"""

from __future__ import annotations

import heapq
import json
import math
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .analysis import cjk_runs, fold_key, is_cjk, match_tokens
from .candidates import Candidates
from .errors import UnknownPassage, damage_reported, reads_index
from .filters import FilterResolver, Filters
from .generations import (
    build_info,
    check_build_info,
    current_generation,
    open_whoosh,
    read_build_info,
)
from .glossary import BUNDLED, load_glossary
from .impacts import HeadingSource, TierSource, best_first
from .query import All, Any, Node, Soft, Term, literal, parse_query, terms
from .ranking import (
    ALIAS_WEIGHT,
    FULL_MATCH,
    HEADING_WEIGHT,
    K1,
    PHRASE_BONUS,
    PassageText,
    ResolvedTerm,
    Variant,
    evaluate,
    final_score,
    match_kind,
)
from .schema import ALIAS_GROUP, PASSAGE, REPORT, column_values, read_column
from .snippets import highlight_spans

# Below this many passages for its largest spelling, a term's candidates are
# all bounded at once (tiers cost more than they save).
TIERS_FROM = 5000
# The most words a defined name spans in a query ("Secure Trade in the APEC
# Region"), and the longest word the segmenter's vocabulary holds that is
# worth a partial match: both keep a query's cost linear in its length.
MAX_NAME_WORDS = 8
MAX_WORD = 8


@dataclass
class Hit:
    """One ranked passage."""

    id: str
    rank: int
    score: float
    text: str
    report: str
    section: str
    meeting: str | None
    topics: list[str]
    citation: str
    # exact: the terms as typed; alias: a term under another name; heading: a
    # term only in the heading; some: not every word; partial: only parts.
    match: str = "exact"
    section_path: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    annexes: list[int] = field(default_factory=list)
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PassageRecord:
    id: str
    report: str
    number: int
    paragraph: int
    text: str
    section: str
    section_path: list[str]
    meeting: str | None
    topics: list[str]
    citation: str
    annexes: list[dict]
    units: list[str] = field(default_factory=list)


class ReportIndex:
    """An opened index: search, look up passages, list what it holds."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        generation = current_generation(self.index_dir)
        recorded = read_build_info(generation)
        check_build_info(recorded, build_info(recorded), self.index_dir)
        self.ix = open_whoosh(generation)
        with damage_reported(self.index_dir):
            self.searcher = self.ix.searcher()
        self._alias_cache: dict[str, list[str]] = {}

    def close(self) -> None:
        self.searcher.close()

    def __enter__(self) -> ReportIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- what the index holds ------------------------------------------------

    @reads_index
    def reports(self, filters: Filters | None = None) -> list[dict]:
        """Reports with their metadata, by date (undated last), then key."""
        out = []
        for docnum in self._filters.report_docs(filters or Filters()):
            stored = self.searcher.stored_fields(docnum)
            out.append({"key": stored["report"], **stored["data"]})
        return sorted(out, key=lambda r: (not r.get("report_date_iso"),
                                          r.get("report_date_iso", ""), r["key"]))

    @reads_index
    def meetings(self) -> list[dict]:
        return self._named("meetings", "meeting")

    @reads_index
    def units(self) -> list[dict]:
        """Each report's meetings, sessions, visited sites and days, in report order,
        with the number of passages under each."""
        from whoosh.query import And
        from whoosh.query import Term as WTerm

        out = []
        for report in self.reports():
            for item in report["meetings"]:
                query = And([WTerm("kind", PASSAGE), WTerm("report", report["key"]),
                             WTerm("meeting", fold_key(item["key"]))])
                out.append({"report": report["key"], "key": item["key"],
                            "kind": item.get("kind", "meeting"), "names": item["names"],
                            "passages": sum(1 for _ in self.searcher.docs_for_query(query))})
        return out

    @reads_index
    def topics(self) -> list[dict]:
        """Topics with the names the reports give them, and those the glossaries add."""
        glossary = load_glossary()
        topics = self._named("topics", "topics")
        for topic in topics:
            known = {fold_key(n) for n in topic["names"]}
            topic["glossary"], topic["user_glossary"] = [], []
            for name in topic["names"]:
                for other, source in glossary.names(name):
                    if fold_key(other) not in known:
                        known.add(fold_key(other))
                        topic["glossary" if source == BUNDLED else "user_glossary"].append(other)
        return topics

    def _named(self, kind: str, field_name: str) -> list[dict]:
        """Meetings or topics of all reports, merged by key, with passage counts."""
        from whoosh.query import And
        from whoosh.query import Term as WTerm

        merged: dict[str, dict] = {}
        for report in self.reports():
            for item in report[kind]:
                entry = merged.setdefault(item["key"], {"key": item["key"], "names": [],
                                                        "reports": []})
                entry["names"] += [n for n in item["names"] if n not in entry["names"]]
                entry["reports"].append(report["key"])
        for key, entry in merged.items():
            query = And([WTerm("kind", PASSAGE), WTerm(field_name, fold_key(key))])
            entry["passages"] = sum(1 for _ in self.searcher.docs_for_query(query))
        return list(merged.values())

    # -- passages by id --------------------------------------------------------

    @reads_index
    def passage(self, passage_id: str) -> PassageRecord:
        stored = self.searcher.document(id=passage_id)
        if stored is None or stored.get("kind") != PASSAGE:
            raise UnknownPassage(f"no passage with id {passage_id!r} in {self.index_dir}")
        return self._record(stored)

    @reads_index
    def context(self, passage_id: str, before_after: int) -> tuple[list, list]:
        """The passages just before and just after one passage, in report order."""
        record = self.passage(passage_id)
        report = self.searcher.document(id=record.report) or {}
        last = report.get("data", {}).get("passages", record.number)
        before, after = [], []
        for number in range(max(1, record.number - before_after),
                            min(last, record.number + before_after) + 1):
            if number == record.number:
                continue
            stored = self.searcher.document(id=f"{record.report}:{number}")
            if stored is not None:
                (before if number < record.number else after).append(self._record(stored))
        return before, after

    def _record(self, stored: dict) -> PassageRecord:
        data = stored["data"]
        report = self.searcher.document(id=stored["report"])
        titles = {a["number"]: a["title"] for a in (report or {}).get("data", {}).get(
            "annexes", [])}
        return PassageRecord(
            id=stored["id"], report=stored["report"], number=data["number"],
            paragraph=data["paragraph"], text=data["text"], section=data["section"],
            section_path=data["section_path"], meeting=data["meeting"], topics=data["topics"],
            citation=data["citation"], units=data["units"],
            annexes=[{"number": n, "title": titles.get(n)} for n in data["annexes"]])

    # -- filters ----------------------------------------------------------------

    @cached_property
    def _filters(self) -> FilterResolver:
        return FilterResolver(self.searcher, self._unit_keys, self._aliases)

    def _unit_keys(self, what: str) -> list[str]:
        return [item["key"] for item in (self.meetings() if what == "meeting" else self.topics())]

    # -- search -----------------------------------------------------------------

    @reads_index
    def search(self, query: str, filters: Filters | None = None, *, limit: int = 10,
               offset: int = 0, exact: bool = False, meeting: str | None = None,
               topic: str | None = None, section: str | None = None) -> list[Hit]:
        """Ranked passages for a query, hits `offset + 1` to `offset + limit`;
        raises QuerySyntaxError or UnknownFilter.

        Candidates get an upper bound on their score from the index alone
        (term frequencies, lengths, headings); their text is read in order of
        that bound until no unread candidate can enter the top. `exact` finds
        the terms as typed only: no other names, no parts. `meeting`, `topic`
        and `section` are shorthands for those of `filters`.
        """
        # Looked up once per search, not kept from one search to the next.
        self._candidates = Candidates(self.searcher, self._lengths)
        self._alias_cache = {}
        node = parse_query(query)
        node = literal(node) if exact else self._merge_names(node)
        filters = replace(filters or Filters(), **{k: v for k, v in (
            ("meeting", meeting), ("topic", topic), ("section", section)) if v is not None})
        allowed = self._filters.allowed(filters)
        limit += offset
        resolved = {t: self._resolve(t) for t in terms(node, excluded=True)}
        positive = [resolved[t] for t in terms(node)]
        sources = self._tier_sources(positive)
        if sources:
            found, bounds = best_first(node, resolved, sources, allowed, limit, self._lengths,
                                       lambda docnum: self._exact(node, resolved, docnum))
        else:
            bounds = self._candidates.evidence(positive, allowed)
            self._candidates.mark_apart(node, resolved, bounds)
            found = self._top_by_coverage(node, resolved, positive, bounds, limit)
        full = sum(1 for score, _ in found.values() if score >= FULL_MATCH)
        if full < limit and isinstance(node, (Term, Soft)):
            partial = self._candidates.part_evidence(positive, allowed, exclude=bounds)
            found.update(self._top(node, resolved, partial, limit - full))
        ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[1][1]))[:limit]
        every = not isinstance(node, Any)
        return [self._hit(rank, docnum, score, resolved, positive, every)
                for rank, (docnum, (score, _)) in enumerate(ranked, start=1) if rank > offset]

    def _merge_names(self, node: Node) -> Node:
        """Words side by side that spell one defined name become one term (Single Window)."""
        if isinstance(node, (All, Any)):
            return type(node)(tuple(self._merge_names(c) for c in node.children))
        if not isinstance(node, Soft):
            return node
        # A word typed twice adds nothing to find.
        children = list(dict.fromkeys(node.children))
        out: list = []
        i = 0
        while i < len(children):
            merged = None
            for j in range(min(len(children), i + MAX_NAME_WORDS), i + 1, -1):
                run = children[i:j]
                if all(isinstance(c, Term) and not c.quoted for c in run):
                    text = " ".join(c.text for c in run)
                    if self._aliases(text):
                        merged = (Term(text), j)
                        break
            if merged:
                out.append(merged[0])
                i = merged[1]
            else:
                child = children[i]
                out.append(self._merge_names(child) if isinstance(child, Soft) else child)
                i += 1
        return out[0] if len(out) == 1 else Soft(tuple(out))

    def _aliases(self, text: str) -> list[str]:
        """Other names the reports define for this one, then those the glossaries
        give (looked up once per search)."""
        from whoosh.query import And
        from whoosh.query import Term as WTerm

        key = fold_key(text)
        if not key:
            return []
        if key in self._alias_cache:
            return self._alias_cache[key]
        names: list[str] = self._alias_cache.setdefault(key, [])
        column = read_column(self.searcher.reader(), "alias_names")
        for docnum in self.searcher.docs_for_query(
                And([WTerm("kind", ALIAS_GROUP), WTerm("alias_keys", key)])):
            for name in json.loads(column[docnum]):
                if fold_key(name) != key and name not in names:
                    names.append(name)
        names.extend(name for name, _ in load_glossary().names(text) if name not in names)
        return names

    def _resolve(self, term: Term) -> ResolvedTerm:
        tokens = match_tokens(term.text)
        variants = [Variant(tokens, 1.0)] if tokens else []
        if not term.quoted:
            seen = {tuple(tokens)}
            for name in self._aliases(term.text):
                alias_tokens = match_tokens(name)
                if alias_tokens and tuple(alias_tokens) not in seen:
                    seen.add(tuple(alias_tokens))
                    variants.append(Variant(alias_tokens, ALIAS_WEIGHT))
        parts = [] if term.quoted else self._parts(tokens)
        df = self._candidates.document_frequency(tokens) if tokens else 0
        idf = math.log(1 + (self._passage_count - df + 0.5) / (df + 0.5))
        return ResolvedTerm(term, variants, parts, idf)

    @cached_property
    def _lengths(self) -> list[int]:
        """Every passage's length in index terms (the BM25 bound needs it for each
        candidate: read at once, not looked up one by one)."""
        return column_values(self.searcher.reader(), "length")

    @cached_property
    def _passage_count(self) -> int:
        """Passages in the index: Whoosh's count of the kind, exact when nothing is
        deleted; else the sum of each report's count (a read per report)."""
        from whoosh.query import Term as WTerm

        reader = self.searcher.reader()
        if not reader.has_deletions():
            return max(reader.doc_frequency("kind", PASSAGE), 1)
        counts = column_values(reader, "passages")
        return max(sum(counts[d] for d in self.searcher.docs_for_query(WTerm("kind", REPORT))),
                   1)

    def _parts(self, tokens: list[str]) -> list[Variant]:
        """Sub-words of a term for partial matches: jieba's words within it, Latin words."""
        parts: list[Variant] = []
        latin = [t for t in tokens if not is_cjk(t)]
        if len(tokens) > 1:
            parts += [Variant([t], 1.0) for t in dict.fromkeys(latin)]
        reader = self.searcher.reader()
        for run in cjk_runs(tokens):
            for size in range(min(len(run) - 1, MAX_WORD), 1, -1):
                for start in range(len(run) - size + 1):
                    word = run[start:start + size]
                    if ("words", word) in reader and all(word not in p for p in
                                                         ("".join(v.tokens) for v in parts)):
                        parts.append(Variant(list(word), 1.0))
        return parts

    # -- ranking ------------------------------------------------------------------

    def _tier_sources(self, positive: list[ResolvedTerm]) -> dict | None:
        """The impact tiers to read for a search, or None when bounding every
        candidate costs less.

        Tiers answer one term (with several, a passage that holds them all may
        hold them side by side, which only its text tells), each spelling with
        index terms of its own (a lone Chinese character has none). They pay
        when one spelling holds most of the passages: the others are read whole
        first, and reading tiers costs more per passage than bounding it."""
        if len(positive) != 1 or not all(self._candidates.required_grams(v.tokens)
                                         for v in positive[0].variants):
            return None
        sources = self._sources(positive[0])
        sizes = sorted((s.remaining for s in sources if not s.heading), reverse=True)
        if not sizes or sizes[0] < TIERS_FROM or sizes[0] < 2 * sum(sizes[1:]):
            return None
        return {id(positive[0]): sources}

    def _sources(self, term: ResolvedTerm) -> list:
        """The tiers of the term's spellings that no other spelling lies within:
        every mention of 跨境電子商務 is one of 電子商務, and counts once with it
        at the weight of the longer name (in a heading too)."""
        variants = term.variants
        sources: list = []
        for v in variants:
            if any(o is not v and o.needle in v.needle for o in variants):
                continue
            required = self._candidates.required_grams(v.tokens)
            weight = max(o.weight for o in variants if v.needle in o.needle)
            sources.append(TierSource(self.searcher, required, weight, term.idf))
            if not term.term.quoted:
                sources.append(HeadingSource(self.searcher, required, weight, term.idf))
        return sources

    def _exact(self, node: Node, resolved: dict, docnum: int) -> tuple[float, tuple]:
        """A passage's exact score from its stored text, and its place for ties."""
        stored = self.searcher.stored_fields(docnum)
        data = stored["data"]
        text = PassageText(data["match"], data["heading_match"], data["length"])
        return (final_score(evaluate(node, resolved, text), data["weight"]),
                (stored["report"], data["number"]))

    def _top_by_coverage(self, node: Node, resolved: dict, positive: list[ResolvedTerm],
                         bounds: dict, limit: int) -> dict[int, tuple]:
        """The best passages for words typed side by side, the candidates that may
        hold the most of them first: each word held is worth 100, more than any
        BM25 part, so once the top is full, passages that may hold fewer words
        are not bounded one by one at all."""
        if not isinstance(node, Soft) or len(positive) < 2:
            return self._top(node, resolved, bounds, limit)
        keys = [id(r) for r in positive]
        groups: dict[int, dict] = {}
        for docnum, bound in bounds.items():
            held = sum(1 for key in keys if key in bound.mentions or key in bound.heading)
            groups.setdefault(held, {})[docnum] = bound
        most_bm25 = sum(r.idf * (K1 + 1 + HEADING_WEIGHT) for r in positive)
        found: dict[int, tuple] = {}
        for held in sorted(groups, reverse=True):
            scores = heapq.nlargest(limit, (score for score, _ in found.values()))
            # Words stand together only in a passage that holds them all.
            bonus = PHRASE_BONUS if held == len(positive) else 0
            if len(scores) >= limit and scores[-1] > FULL_MATCH * (held + bonus) + most_bm25:
                break
            found.update(self._top(node, resolved, groups[held], limit))
        return found

    def _top(self, node: Node, resolved: dict, bounds: dict, limit: int) -> dict[int, tuple]:
        """The best `limit` passages among the candidates, reading as few as possible."""
        # Best bound first (ties by document); a heap, as only the first few are read.
        ordered = [(-final_score(evaluate(node, resolved, b)), docnum)
                   for docnum, b in bounds.items()]
        heapq.heapify(ordered)
        found: dict[int, tuple] = {}
        best: list[float] = []  # min-heap of the `limit` best exact scores
        while ordered:
            negative, docnum = heapq.heappop(ordered)
            ceiling = -negative
            if ceiling <= 0 or (len(best) >= limit and ceiling < best[0]):
                break
            score, key = self._exact(node, resolved, docnum)
            if score > 0:
                found[docnum] = (score, key)
                heapq.heappush(best, score)
                if len(best) > limit:
                    heapq.heappop(best)
        return found


    def _hit(self, rank: int, docnum: int, score: float, resolved: dict,
             positive: list[ResolvedTerm], every: bool) -> Hit:
        stored = self.searcher.stored_fields(docnum)
        data = stored["data"]
        match = "partial" if score < FULL_MATCH else match_kind(
            data["match"], data["heading_match"], positive, every)
        variants = [v for r in resolved.values() for v in r.variants]
        spans = highlight_spans(data["text"], variants)
        if not spans:
            spans = highlight_spans(data["text"], [p for r in resolved.values() for p in r.parts])
        return Hit(id=stored["id"], rank=rank, score=round(score, 4), text=data["text"],
                   report=stored["report"], section=data["section"], meeting=data["meeting"],
                   topics=data["topics"], citation=data["citation"],
                   match=match, section_path=data["section_path"], units=data["units"],
                   annexes=data["annexes"], highlights=spans)


