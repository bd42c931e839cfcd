"""The glossary rsearch ships: every file parses, no name means two things,
names are written in Traditional characters, and the lazy lookup a search
makes finds what folding every name would."""

from __future__ import annotations

import re
import unicodedata
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.indexer.analysis import fold_key
from rsearch.indexer.analysis.glossary import (
    BUNDLED,
    SCANS,
    Glossary,
    Term,
    bundled_files,
    parse_glossary,
    same_meaning,
)

FILES = bundled_files()
TERMS = [t for f in FILES for t in parse_glossary(f.read_text("utf-8"), f.stem)]
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def test_every_field_has_its_file():
    assert {f.stem for f in FILES} >= {"trade", "customs", "laboratory", "health",
                                       "immigration", "standards", "transport",
                                       "agriculture", "labour", "environment"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_line_is_a_term_or_a_comment(path):
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        assert all(c == c.strip() and c for c in cells), (path.name, number, line)
        assert len(cells) >= 2, (path.name, number, line)
        # No name twice in one term, however it is spelled.
        keys = [fold_key(c) for c in cells]
        assert len(set(keys)) == len(keys), (path.name, number, line)
        assert any(HAN.search(c) for c in cells), (path.name, number, "no Chinese name")
        assert any(not HAN.search(c) for c in cells), (path.name, number, "no English name")


def test_a_name_in_two_terms_means_one_thing_in_both():
    by_key: dict[str, list[Term]] = {}
    for term in TERMS:
        for key in {fold_key(n) for n in term.names}:
            by_key.setdefault(key, []).append(term)
    for key, terms in by_key.items():
        for a, b in combinations(terms, 2):
            assert same_meaning(list(a.names), list(b.names), key), (key, a.names, b.names)


def simplified_only() -> set[str]:
    """Characters of the glossary that OpenCC writes only in Simplified text."""
    import opencc

    to_traditional = opencc.OpenCC("s2twp")
    to_simplified = opencc.OpenCC("t2s")
    chars = {c for t in TERMS for n in t.names for c in n if HAN.match(c)}
    return {c for c in chars if to_simplified.convert(c) == c and to_traditional.convert(c) != c}


# Characters Taiwan's agencies write although OpenCC (s2twp) would write others.
TAIWAN_FORMS = set("台着准污干俣游虱")  # 干擾, 水俣 (Minamata), 游離輻射, 虱目魚


def test_chinese_names_are_traditional():
    assert simplified_only() - TAIWAN_FORMS == set()


def test_the_glossary_is_a_few_hundred_terms_a_field():
    counts = {f.stem: len(parse_glossary(f.read_text("utf-8"), f.stem)) for f in FILES}
    assert all(n >= 100 for n in counts.values()), counts
    assert sum(counts.values()) >= 1500, counts


def spellings(name: str) -> st.SearchStrategy[str]:
    """Ways a user may type a name: as written, upper or lower case, full-width,
    in Simplified characters."""
    import opencc

    simplified = opencc.OpenCC("t2s").convert(name)
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in name)
    return st.sampled_from([name, name.upper(), name.lower(), simplified, wide])


NAMES = sorted({n for t in TERMS for n in t.names})


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NAMES).flatmap(spellings))
def test_a_lookup_finds_what_folding_every_name_finds(typed):
    texts = [(BUNDLED, f.read_text("utf-8")) for f in FILES]
    lazy = Glossary(texts)
    eager = Glossary(texts)
    eager.lookups = SCANS  # every name folded at the next lookup
    assert lazy.names(typed) == eager.names(typed)
    assert eager.by_key is not None and lazy.by_key is None
    assert unicodedata.normalize("NFKC", typed)  # a name is never empty


def test_the_bundled_glossary_is_read_by_a_scan():
    # Full-width or accented letters would make a file be folded whole on
    # every search (see Glossary).
    from rsearch.indexer.analysis.glossary import scannable

    assert [f.name for f in FILES if not scannable(f.read_text("utf-8"))] == []


@pytest.mark.parametrize("user", ["Ｌｉｍａ　ｖｅｎｕｅ\t利馬會議中心\n",
                                  "café\t咖啡館\nLima\t利馬\n"])
def test_a_file_the_scan_cannot_read_is_folded(user):
    texts = [(BUNDLED, f.read_text("utf-8")) for f in FILES] + [("user glossary", user)]
    lazy = Glossary(texts)
    name = user.split("\t")[0]
    chinese = user.split("\t")[1].split("\n")[0]
    assert lazy.names(name) == [(chinese, "user glossary")]
    assert lazy.names(chinese) == [(name, "user glossary")]


def test_lookups_expected_past_the_scans_fold_every_name_at_once():
    texts = [(BUNDLED, f.read_text("utf-8")) for f in FILES]
    few, many, all_of_them = Glossary(texts), Glossary(texts), Glossary(texts)
    few.expect(SCANS)
    many.expect(SCANS + 1)
    all_of_them.expect(None)
    assert few.by_key is None
    assert many.by_key is not None and all_of_them.by_key is not None
    for name in NAMES[::50]:
        assert few.names(name) == many.names(name) == Glossary(texts).names(name)


def test_a_names_category_noun_is_the_longest_it_ends_in_in_every_process():
    # 技術工作小組 ends in 工作小組 and in 小組: the head before the noun must
    # not follow the hash seed (a set's order), so every noun that ends
    # another comes after it.
    from rsearch.corpus.glossary import GENERIC_ENDINGS
    for i, noun in enumerate(GENERIC_ENDINGS):
        for later in GENERIC_ENDINGS[i + 1:]:
            assert not later.endswith(noun) or later == noun, (noun, later)
    assert GENERIC_ENDINGS.index("工作小組") < GENERIC_ENDINGS.index("小組")
