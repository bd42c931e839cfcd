"""A search's terms: words typed side by side that spell a defined name merged,
and each term resolved into its spellings (the name typed, the other names the
reports define and the glossaries give), the parts of it worth a partial
match, and its idf. One TermResolver serves one search; what it looks up, it
looks up once."""

from __future__ import annotations

import json
import math

from ..analysis import agreed_groups, cjk_runs, fold_key, grams, is_cjk, load_glossary, match_tokens
from ..storage import ALIAS_GROUP, holding_every
from .query import All, Any, Node, Soft, Term
from .ranking import ALIAS_WEIGHT, ResolvedTerm, Variant

# The most words a defined name spans in a query ("Secure Trade in the APEC
# Region"), and the longest word the segmenter's vocabulary holds that is
# worth a partial match: both keep a query's cost linear in its length.
MAX_NAME_WORDS = 8
MAX_WORD = 8


# What a date typed in a query starts with: a digit of either width, 中華民國 or
# 民國, a Chinese numeral. Only such a word loads the date readers, which a
# search for 海關 never pays for (tests/test_packaging.py).
DATE_FIRST = frozenset("中民〇○零一二三四五六七八九十")


def day_spellings(text: str) -> list[str]:
    """The forms of the day or days a word (or words side by side) names
    (corpus.dayforms), [] when it is no date."""
    first = text.lstrip()[:1]
    if not first or not (first.isdecimal() or first in DATE_FIRST):
        return []
    from ...corpus.dayforms import day_spellings as spellings

    return spellings(text)


def other_names(searcher, text: str) -> list[str]:
    """Other names the reports define for this one (every report's, where they
    agree on what it means: glossary.agreed_groups), then those the glossaries
    give."""
    key = fold_key(text)
    if not key:
        return []
    reader = searcher.reader()
    # In the order of their text, as a rebuild writes them: an update adds a
    # changed group where it writes, not in its place.
    groups = [json.loads(names) for names in sorted(
        searcher.stored[docnum]["alias_names"]
        for docnum in holding_every(reader, [("kind", ALIAS_GROUP), ("alias_keys", key)]))]
    glossary = [name for name, _ in load_glossary().names(text)]
    # Names one report defines help every report, unless reports disagree.
    names: list[str] = []
    for group in agreed_groups(key, groups, glossary, lambda name: written(reader, name)):
        names.extend(n for n in group if fold_key(n) != key and n not in names)
    names.extend(name for name in glossary if name not in names)
    return names


def written(reader, name: str) -> int:
    """In how many passages the index may write a name, at most: those that
    hold its rarest index term."""
    return min((reader.doc_frequency("grams", g) for g in grams(match_tokens(name))),
               default=0)


class TermResolver:
    """The terms of one search."""

    def __init__(self, searcher, candidates, passage_count: int):
        self.searcher, self.candidates, self.passage_count = searcher, candidates, passage_count
        self._names: dict[str, list[str]] = {}

    def aliases(self, text: str) -> list[str]:
        key = fold_key(text)
        if key not in self._names:
            self._names[key] = other_names(self.searcher, text)
        return self._names[key]

    def merge_names(self, node: Node) -> Node:
        """Words side by side that spell one defined name (Single Window) or one
        date (8 月 3 日, as reports space it) become one term."""
        if isinstance(node, (All, Any)):
            return type(node)(tuple(self.merge_names(c) for c in node.children))
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
                    if day_spellings(text) or self.aliases(text):  # 113 年 8 月 3 日
                        merged = (Term(text), j)
                        break
            if merged:
                out.append(merged[0])
                i = merged[1]
            else:
                child = children[i]
                out.append(self.merge_names(child) if isinstance(child, Soft) else child)
                i += 1
        return out[0] if len(out) == 1 else Soft(tuple(out))

    def resolve(self, term: Term, weighted: bool = True) -> ResolvedTerm:
        """A term's spellings and parts, and (`weighted`) its idf: a count
        of its passages that ranking needs and a count by buckets does not.
        A date's other spellings are the day's other forms (corpus.dayforms:
        8/3 for 8月3日, 2024-08-03 for 113年8月3日), it is found among the
        days of a text's spans too (`day`), and a date has no parts."""
        tokens = match_tokens(term.text)
        variants = [Variant(tokens, 1.0)] if tokens else []
        days = [] if term.quoted else day_spellings(term.text)
        if not term.quoted:
            seen = {tuple(tokens)}
            for name in days or self.aliases(term.text):
                alias_tokens = match_tokens(name)
                if alias_tokens and tuple(alias_tokens) not in seen:
                    seen.add(tuple(alias_tokens))
                    variants.append(Variant(alias_tokens, ALIAS_WEIGHT))
        parts = [] if term.quoted or days else self.parts(tokens)
        if not weighted:
            return ResolvedTerm(term, variants, parts, day=bool(days))
        df = self.candidates.document_frequency(tokens) if tokens else 0
        idf = self.idf(df)
        if not days:  # (a date's other forms name the same day)
            for v in variants[1:]:
                v.weight = self.alias_weight(v.tokens, df, idf)
        return ResolvedTerm(term, variants, parts, idf, day=bool(days))

    def idf(self, df: int) -> float:
        """BM25's idf of a name that `df` passages hold."""
        return math.log(1 + (self.passage_count - df + 0.5) / (df + 0.5))

    def alias_weight(self, tokens: list[str], df: int, idf: float) -> float:
        """Another name's weight beside the name typed (which `df` passages
        hold, idf `idf`): ALIAS_WEIGHT, less as it is commoner than that name,
        whose mentions tell more of the term (times its idf over the typed
        name's). A name no commoner needs no count of its passages."""
        most = self.most_holding(tokens)
        if most is not None and most <= df:
            return ALIAS_WEIGHT
        return ALIAS_WEIGHT * min(1.0, self.idf(self.candidates.document_frequency(tokens)) / idf)

    def most_holding(self, tokens: list[str]) -> int | None:
        """As many passages as hold the tokens at least, looked up cheaply
        (None when not known)."""
        return self.candidates.most_holding(tokens)

    def parts(self, tokens: list[str]) -> list[Variant]:
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
