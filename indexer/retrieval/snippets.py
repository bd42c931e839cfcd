"""Snippets: where a hit's terms occur, and the best fragment to show around them."""

from __future__ import annotations

import re
from itertools import accumulate

from ..analysis import aligned_fold, match_string, places_in_fold, tokenize
from .ranking import Variant

SENTENCE_END_RE = re.compile(r"(?<=[。！？；!?;])")

# How far a cut moves to keep a Latin word whole ([Single Window]…, not [Singl]…).
WORD_SLACK = 16


def word_start(text: str, start: int) -> int:
    """The start moved back to the beginning of the Latin word it cuts, if near."""
    i = start
    while i > 0 and start - i < WORD_SLACK and is_latin(text[i - 1]) and is_latin(text[i]):
        i -= 1
    return i if start - i < WORD_SLACK else start


def word_end(text: str, end: int) -> int:
    """The end moved on to the end of the Latin word it cuts, if near."""
    i = end
    while i < len(text) and i - end < WORD_SLACK and is_latin(text[i - 1]) and is_latin(text[i]):
        i += 1
    return i if i - end < WORD_SLACK else end


def is_latin(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "-'")


def highlight_spans(text: str, variants: list[Variant]) -> list[tuple[int, int]]:
    """Character spans of the text where any variant occurs, merged and sorted."""
    folded = aligned_fold(text)
    spans = spans_by_tokens(text, variants) if folded is None else spans_in_fold(folded, variants)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or not text[merged[-1][1]:start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def spans_in_fold(folded: str, variants: list[Variant]) -> list[tuple[int, int]]:
    """Spans where any variant occurs, found by a regular expression each in
    the text's aligned fold (a few scans in C, not a token at a time)."""
    return [span for v in variants if v.tokens for span in places_in_fold(folded, v.tokens)]


def spans_by_tokens(text: str, variants: list[Variant]) -> list[tuple[int, int]]:
    """Spans of the text where any variant occurs, found in its match string
    and mapped back through its tokens' spans (any text)."""
    tokens = tokenize(text)
    haystack = match_string(tokens.words)
    # A variant's needle starts at the space before its first token.
    first_token = dict(zip(accumulate((len(w) + 1 for w in tokens.words), initial=0),
                           range(len(tokens.words)), strict=False))
    spans = []
    for v in variants:
        start = haystack.find(v.needle) if v.tokens else -1
        while start != -1:
            i = first_token[start]
            spans.append((tokens.starts[i], tokens.ends[i + len(v.tokens) - 1]))
            start = haystack.find(v.needle, start + 1)
    return spans


def best_fragment(text: str, spans: list[tuple[int, int]], width: int = 120
                  ) -> tuple[str, list[tuple[int, int]]]:
    """The sentences around the densest run of matches, cut at Chinese sentence ends."""
    bounds = [0] + [m.end() for m in SENTENCE_END_RE.finditer(text) if m.end() < len(text)]
    bounds.append(len(text))
    sentences = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)
                 if bounds[i] < bounds[i + 1]]
    if not sentences:
        return text, spans

    def hits_in(start: int, end: int) -> int:
        return sum(1 for s, e in spans if s >= start and e <= end)

    best, best_key = (0, 0), None
    for i, (start, _) in enumerate(sentences):
        end = start
        for _, sentence_end in sentences[i:]:
            if end > start and sentence_end - start > width:
                break
            end = sentence_end
        key = (hits_in(start, end), -start)
        if best_key is None or key > best_key:
            best, best_key = (start, end), key
    start, end = best
    if end - start > width:
        first = next((s for s, e in spans if s >= start), start)
        start = max(start, min(first - width // 4, end - width))
        end = min(end, start + width)
        start, end = word_start(text, start), word_end(text, end)
        # A match the cut would halve is left out whole, or shown whole when first.
        start = min([start] + [s for s, e in spans if s < start < e])
        cut = [s for s, e in spans if s < end < e and s > start]
        end = min([end] + cut)
    fragment = text[start:end].strip()
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    # A match cut by the fragment's edge is marked as far as it shows.
    inside = [(max(s, offset) - offset, min(e, offset + len(fragment)) - offset)
              for s, e in spans if s < offset + len(fragment) and e > offset]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix)
    return prefix + fragment + suffix, [(s + shift, e + shift) for s, e in inside]
