"""Names side by side in a passage: 優質企業(AEO), 亞太經濟合作企業諮詢委員會
(APEC Business Advisory Council, ABAC).

A passage's text counts names that stand side by side once, at the weight of
the best of them (ranking.mentions); the index counts each name on its own,
so a bound adds them up: a definition of three names is bounded at 2.4
mentions where its text counts one, and the passage is read for nothing.

At indexing, the names a passage defines (Passage.defined) are looked for in
its text as in its match string (analysis.places_in_fold). Of their
occurrences, each inside or across an earlier, longer one is dropped; each
two of those kept that stand side by side make a site, an index term naming
the two. A search takes off its bound (retrieval.sites), for each
site of two of a term's spellings, the lesser of what the spellings counted
in the bound (ranking.counted_spellings) add up to within each of the two.
Sound: the two stand in one run of mentions, and the spellings the run is
scored by lie nested in one span, within at most one of the two (they do not
overlap), so what the other holds was counted beyond the run's worth. The
sites of a passage chain its kept spans left to right, each span in two at
most: along a chain, each site can be charged to a span of its own that the
run's spellings do not lie in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from .text import (
    aligned_fold,
    cjk_flags,
    match_string,
    match_text,
    match_tokens,
    occurrences,
    places_in_fold,
)

# Between the two names of a site term; "_" between the tokens of a name that
# are not both Chinese characters (tokens are letters and digits only).
SITE, TOKEN_BREAK = "|", "_"


def name_term(tokens: Sequence[str]) -> str:
    """A name's match tokens as one index term."""
    flags = cjk_flags(tokens)
    parts = list(tokens[:1])
    for i in range(1, len(tokens)):
        if not (flags[i - 1] and flags[i]):
            parts.append(TOKEN_BREAK)
        parts.append(tokens[i])
    return "".join(parts)


def site_term(a: Sequence[str], b: Sequence[str]) -> str:
    """The index term of a site of two names (in either order)."""
    return SITE.join(sorted((name_term(a), name_term(b))))


def site_terms(text: str, names: Iterable[str], table: str | None = None) -> list[str]:
    """The sites of a passage's text where two of these names stand side by
    side: found in its aligned fold (separators alone between them), or, for
    a text without one, in its match string (`table`: the text's table_fold,
    when the caller has it)."""
    folded = aligned_fold(text, table)
    if folded is None:
        return _sites_in_match(match_text(text), names)
    spans = []
    for name in set(names):
        name_tokens = _tokens(name)
        if name_tokens:
            spans += [(start, -end, name_tokens) for start, end in
                      places_in_fold(folded, name_tokens)]
    kept = _outermost(spans, lambda start, end: start < end)
    return [site_term(a[2], b[2]) for a, b in zip(kept, kept[1:], strict=False)
            if a[1] == b[0] or folded[a[1]:b[0]].isspace()]


def _sites_in_match(match: str, names: Iterable[str]) -> list[str]:
    spans = []
    for name in set(names):
        name_tokens = _tokens(name)
        if name_tokens:
            needle = match_string(name_tokens)
            spans += [(start, -(start + len(needle)), name_tokens)
                      for start in occurrences(match, needle)]
    # Needles start and end with a space: spans side by side share one.
    kept = _outermost(spans, lambda start, end: start < end - 1)
    return [site_term(a[2], b[2]) for a, b in zip(kept, kept[1:], strict=False)
            if b[0] == a[1] - 1]


def _outermost(spans: list[tuple[int, int, tuple[str, ...]]], overlaps
               ) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, tokens) of the spans (start, -end, tokens) not inside or
    across an earlier, longer one, left to right."""
    spans.sort()  # by start, the longest first
    kept: list[tuple[int, int, tuple[str, ...]]] = []
    for start, negative_end, name_tokens in spans:
        if kept and overlaps(start, kept[-1][1]):
            continue
        kept.append((start, -negative_end, name_tokens))
    return kept


@lru_cache(maxsize=4096)  # the same names are defined passage after passage, report after report
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(match_tokens(name))
