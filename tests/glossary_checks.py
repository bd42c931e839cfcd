"""What the glossary tests check, written once: a term's names reach one
another both ways, two meanings stay apart, and a search by one name finds
a report that writes only another (tests/test_glossary_*.py)."""

from __future__ import annotations

import pytest
from rsearch.indexer.analysis import bundled_glossary, fold_key

from .conftest import index_of_texts


def names_of(name: str) -> set[str]:
    """The folded names a search for `name` also looks for."""
    return {fold_key(other) for other, _ in bundled_glossary().names(name)}


def assert_reach_both_ways(name: str, others: list[str]) -> None:
    assert {fold_key(o) for o in others} <= names_of(name)
    for other in others:
        assert fold_key(name) in names_of(other), other


def assert_apart(name: str, other: str) -> None:
    """Neither name brings the other into a search."""
    assert fold_key(other) not in names_of(name), (name, other)
    assert fold_key(name) not in names_of(other), (other, name)


def texts_index(texts: dict[str, str]):
    """A module's fixture: an index of these reports (name: text)."""

    @pytest.fixture(scope="module")
    def index(tmp_path_factory):
        yield from index_of_texts(tmp_path_factory, texts)

    return index


def found_reports(index, query: str) -> set[str]:
    return {h.report for h in index.search(query, limit=20)}
