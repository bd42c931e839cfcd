"""What sites take off a bound: a passage's text counts names that stand side
by side once, the index counts each name on its own (analysis.sites).

A site of two names is written only for a passage whose text holds both, so
only a passage that may hold each of them (their candidates: mentions.py)
can hold it. A term of many names (優質企業, AEO and a dozen more) makes a
site term for each pair of them, mostly of names that no passage holds, and
looking a term up visits every segment (some 0.5 ms at 100,000 reports): a
site of a name without candidates is not looked up."""

from __future__ import annotations

from collections.abc import Collection

from ..analysis import count, site_term
from .ranking import Variant


def site_discounts(variants: list[Variant], counted: list[tuple[Variant, float]],
                   unheld: Collection[tuple[str, ...]] = ()) -> dict[str, float]:
    """The site terms of two of a term's spellings, each with what one site
    takes off a bound that counts the spellings `counted` (with their weights).
    `unheld`: the tokens of spellings no candidate may hold (their sites are
    held by none: left out)."""
    held = [sum(weight * count(v.needle, c.needle) for c, weight in counted) for v in variants]
    out: dict[str, float] = {}
    for i, a in enumerate(variants):
        if tuple(a.tokens) in unheld:
            continue
        for j in range(i, len(variants)):
            least = min(held[i], held[j])
            if least > 0 and tuple(variants[j].tokens) not in unheld:
                out[site_term(a.tokens, variants[j].tokens)] = least
    return out
