"""Memos of the parser's pure functions of a line, kept for one report.

A report asks about its lines several times (the front matter, the body,
the units and the days each look for headings): a memo answers the repeats.
Each is emptied when the next report's parse begins, so that it holds one
report's lines, never those of reports parsed long before.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

F = TypeVar("F", bound=Callable)
# A bound all the same, for a caller that asks outside a report's parse.
MAX_ENTRIES = 8192
_MEMOS: list = []


def per_report(function: F) -> F:
    """`function` (pure, of hashable arguments) with a memo of its answers."""
    memo = lru_cache(maxsize=MAX_ENTRIES)(function)
    _MEMOS.append(memo)
    return memo


def new_report() -> None:
    """Forget the answers about the report parsed before."""
    for memo in _MEMOS:
        memo.cache_clear()
