"""What one search reads from the index, read once: postings, their counts and
document sets, how many documents hold a term, and the passages that may
hold a term's tokens (as typed, side by side, or under a heading)."""

from __future__ import annotations

from ..analysis import JOIN, grams, is_cjk, joins
from ..storage import DENSE, counts_among, holding_every, posting_counts, posting_set


class IndexReads:
    """The index lookups of one search, each made once."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.docs_cache: dict[tuple, set[int]] = {}
        self.counts_cache: dict[tuple[str, str], dict[int, float]] = {}
        self.sets_cache: dict[tuple[str, str], set[int]] = {}
        self._frequencies: dict[tuple[str, str], int] = {}
        # What the opened index keeps of searches before this one
        # (kept.KeptPostings), from its second search on; else None.
        self.kept = None

    @staticmethod
    def required_grams(tokens: list[str]) -> list[str]:
        """Index terms every passage containing these tokens must have."""
        found = grams(tokens)
        if any(not is_cjk(t) for t in tokens) or any(len(g) == 2 for g in found):
            return [g for g in found if not (len(g) == 1 and is_cjk(g))]
        return []

    def single_char_query(self, field_name: str, char: str):
        from whoosh.query import Or
        from whoosh.query import Term as WTerm

        lexicon = self.searcher.reader().lexicon(field_name)
        matches = [t for t in (x.decode("utf-8") for x in lexicon) if char in t]
        return Or([WTerm(field_name, t) for t in matches]) if matches else None

    def variant_query(self, field_name: str, tokens: list[str]):
        from whoosh.query import And
        from whoosh.query import Term as WTerm

        required = self.required_grams(tokens)
        if required:
            return And([WTerm(field_name, g) for g in dict.fromkeys(required)])
        return self.single_char_query(field_name, tokens[0]) if tokens else None

    def variant_docs(self, tokens: list[str]) -> set[int]:
        """Passages holding every index term of the tokens (a superset of those
        that contain them)."""
        key = tuple(tokens)
        if key not in self.docs_cache:
            required = list(dict.fromkeys(self.required_grams(tokens)))
            reader = self.searcher.reader()
            if len(required) == 1:
                self.docs_cache[key] = set(self.postings(required[0]))
            elif required:
                # The rarest term's counts are the mentions' bounds too
                # (mention_bounds): read once, with its counts, and narrowed.
                rarest = self.rarest(required)
                self.docs_cache[key] = holding_every(
                    reader, [("grams", g) for g in required if g != rarest],
                    among=self.postings(rarest).keys(), read=self.term_docs)
            else:
                query = self.variant_query("grams", tokens)
                self.docs_cache[key] = (set(self.searcher.docs_for_query(query)) if query
                                         else set())
        return self.docs_cache[key]

    def phrase_docs(self, tokens: list[str]) -> set[int]:
        """Passages that may contain the tokens as typed: those holding every
        index term and every join they make (words side by side, as in a Latin
        name: apec|business). Fewer than variant_docs() for names of several
        words, whose words are common on their own."""
        pairs = joins(tokens)
        if not pairs or not self.required_grams(tokens):
            return self.variant_docs(tokens)
        key = ("phrase", *tokens)
        if key not in self.docs_cache:
            joined = {t for pair in pairs for t in pair.split(JOIN)}
            terms = [("grams", g) for g in self.required_grams(tokens) if g not in joined]
            terms += [("joins", j) for j in pairs]
            self.docs_cache[key] = holding_every(self.searcher.reader(), terms,
                                                 read=self.term_docs)
        return self.docs_cache[key]

    def counts_in(self, field: str, term: str, docs) -> dict[int, float]:
        """A term's counts, in these documents at least: its postings read whole
        when the documents are many beside them, else only blocks that hold one."""
        if (field, term) in self.counts_cache or len(docs) * DENSE >= self.frequency(field, term):
            return self.postings(term, field)
        return counts_among(self.searcher.reader(), field, term, sorted(docs))

    def rarest(self, required: list[str]) -> str:
        """The index term that the fewest passages hold (the first of them, as
        min() gives it). One that none holds is the rarest: the terms after it
        are not looked up (in every segment) at all."""
        best, least = None, None
        for gram in required:
            frequency = self.frequency("grams", gram)
            if least is None or frequency < least:
                best, least = gram, frequency
            if not frequency:
                break
        if best is None:
            raise ValueError("rarest() of no index terms")
        return best

    def most_holding(self, tokens: list[str]) -> int | None:
        """No fewer passages than hold every index term of the tokens (and so
        than document_frequency() gives): how many hold the rarest of them,
        deleted ones too; None for tokens with no such term (one character)."""
        required = list(dict.fromkeys(self.required_grams(tokens)))
        return self.frequency("grams", self.rarest(required)) if required else None

    def frequency(self, field: str, term: str) -> int:
        """How many documents hold a term (deleted ones too, until a merge),
        looked up once per search: a lookup visits every segment."""
        key = (field, term)
        if key not in self._frequencies:
            look_up = self.searcher.reader().doc_frequency
            self._frequencies[key] = (look_up(field, term) if self.kept is None else
                                      self.kept.frequency(field, term,
                                                          lambda: look_up(field, term)))
        return self._frequencies[key]

    def postings(self, term: str, field: str = "grams") -> dict[int, float]:
        """Passages (deleted ones left out) and counts of one index term, read once
        per search."""
        key = (field, term)
        if key not in self.counts_cache:
            self.counts_cache[key] = posting_counts(self.searcher.reader(), field, term)
        return self.counts_cache[key]

    def term_docs(self, field: str, term: str) -> set[int]:
        """Documents holding one index term, read once per search: a name's
        spellings share index terms (電子商務, 跨境電子商務), and its headings
        are looked up for each spelling."""
        key = (field, term)
        if key not in self.sets_cache:
            self.sets_cache[key] = posting_set(self.searcher.reader(), field, term)
        return self.sets_cache[key]

    def heading_docs(self, tokens: list[str], allowed: set | None) -> set[int]:
        """Passages under a heading that contains the tokens."""
        required = list(dict.fromkeys(self.required_grams(tokens)))
        if required:
            docs = holding_every(self.searcher.reader(), [("heading_grams", g) for g in required],
                                 read=self.term_docs)
        else:
            query = self.variant_query("heading_grams", tokens)
            docs = set(self.searcher.docs_for_query(query)) if query else set()
        return docs if allowed is None else docs & allowed

    def side_by_side(self, tokens: list[str]) -> list[tuple[str, str]]:
        """The (field, term) pairs a passage holds where the tokens stand side
        by side: their pairs and the joins they make."""
        needed = [("grams", g) for g in self.required_grams(tokens)]
        needed += [("joins", j) for j in joins(tokens)]
        return list(dict.fromkeys(needed))
