"""Would block-max top-k pay on an index? A probe, not part of CI.

    python benchmarks/block_bounds.py INDEX_DIR 海關 跨境電子商務 附件

A term's postings are kept in blocks of up to 1,024; each block's header
gives its last document and its highest count. Block-max top-k bounds every
span of document numbers between block ends, and reads only the spans whose
bound can beat the 10th score. For each one-term query this prints how many
spans there are and in how many a top-10 passage may lie, by two bounds:

- header: what the header gives today (the highest count of each spelling's
  rarest index term, BM25 at its shortest length, any heading);
- impact: with each block's highest BM25 part (count at the passage's own
  length) stored beside it, as an index format change would store it.

When nearly every span may hold a top-10 passage, block-max reads nearly
every block: on the benchmark's generated archive, whose reports repeat the
same paragraphs all over the archive, it does.
"""

from __future__ import annotations

import sys

from rsearch.indexer import Filters, ReportIndex
from rsearch.indexer.retrieval.ranking import (
    FULL_MATCH,
    HEADING_WEIGHT,
    counted_spellings,
    saturate,
)
from rsearch.indexer.storage import decoded_blocks, segments, term_matcher


def blocks(reader, field: str, term: str, lengths) -> list[tuple[int, int, float, float]]:
    """(first, last, highest count, highest BM25 part) of the span each block covers."""
    out = []
    for segment, offset in segments(reader):
        matcher = term_matcher(segment, field, term)
        if matcher is None:
            continue
        first = offset
        for last, decode in decoded_blocks(matcher):
            ids, counts = decode()
            impact = max(saturate(c, lengths[d + offset]) for d, c in zip(ids, counts, strict=True))
            out.append((first, offset + last, max(counts), impact))
            first = offset + last + 1
    return out


def covering(layers, first: int, at: list[int]):
    """Each layer's block covering the span from `first` (None where none does)."""
    for n, (spans, _) in enumerate(layers):
        while at[n] < len(spans) and spans[at[n]][1] < first:
            at[n] += 1
        yield spans[at[n]] if at[n] < len(spans) and spans[at[n]][0] <= first else None


def probe(ix: ReportIndex, query: str) -> str:
    hits = ix.search(query, limit=10)
    prepared = ix._prepared(query, Filters(), False)
    r, reads = prepared.positive[0], prepared.candidates
    if len(prepared.positive) != 1 or len(hits) < 10:
        return f"{query}: not a one-term query with ten hits"
    reader, lengths = ix.searcher.reader(), ix._passage_lengths
    mentions, headings = [], []
    for v, weight in counted_spellings(r.variants):
        required = reads.required_grams(v.tokens)
        if not required:
            return f"{query}: a spelling without index terms of its own"
        mentions.append((blocks(reader, "grams", reads.rarest(required), lengths), weight))
        rarest = min(required, key=lambda g: reads.frequency("heading_grams", g))
        headings.append((blocks(reader, "heading_grams", rarest, lengths), v.weight))
    cuts = sorted({edge for spans, _ in mentions + headings
                   for first, last, *_ in spans for edge in (first, last + 1)})
    # Hits show scores to four decimals: the 10th is taken a hair lower.
    tenth = hits[-1].score - 5e-5
    spans = by_header = by_impact = 0
    at_mentions, at_headings = [0] * len(mentions), [0] * len(headings)
    for first in cuts[:-1]:
        found = list(covering(mentions, first, at_mentions))
        heads = [w for b, (_, w) in zip(covering(headings, first, at_headings), headings,
                                        strict=True) if b is not None]
        if not heads and not any(found):
            continue
        spans += 1
        tf = sum(w * b[2] for b, (_, w) in zip(found, mentions, strict=True) if b)
        impact = sum(b[3] for b in found if b)
        heading = HEADING_WEIGHT * max(heads, default=0.0)
        header = saturate(tf, 0)  # at the shortest length BM25 normalizes by
        by_header += FULL_MATCH + r.idf * (header + heading) >= tenth
        by_impact += FULL_MATCH + r.idf * (min(impact, header) + heading) >= tenth
    return (f"{query}: {spans} spans; a top-10 passage may lie in {by_header} by the header, "
            f"{by_impact} by stored block impacts (10th score {hits[-1].score})")


def main() -> None:
    with ReportIndex(sys.argv[1]) as ix:
        for query in sys.argv[2:]:
            print(probe(ix, query))


if __name__ == "__main__":
    main()
