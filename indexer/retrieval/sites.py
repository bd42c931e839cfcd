"""What sites take off a bound: a passage's text counts names that stand side
by side once, the index counts each name on its own (analysis.sites)."""

from __future__ import annotations

from ..analysis import count, site_term
from .ranking import Variant


def site_discounts(variants: list[Variant], counted: list[tuple[Variant, float]]
                   ) -> dict[str, float]:
    """The site terms of two of a term's spellings, each with what one site
    takes off a bound that counts the spellings `counted` (with their weights)."""
    held = [sum(weight * count(v.needle, c.needle) for c, weight in counted) for v in variants]
    out: dict[str, float] = {}
    for i, a in enumerate(variants):
        for j in range(i, len(variants)):
            least = min(held[i], held[j])
            if least > 0:
                out[site_term(a.tokens, variants[j].tokens)] = least
    return out
