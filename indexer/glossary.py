"""The glossaries a search uses beside the names the reports define.

rsearch ships a glossary of customs and trade terms (``data/glossary.tsv``);
a user glossary in the same format extends it: the file named by
``$RSEARCH_GLOSSARY``, else ``glossary.tsv`` in the per-user config folder.
A line is one term, its names separated by tabs; ``#`` starts a comment.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .analysis import DATA_DIR, fold_key, is_cjk, match_tokens
from .errors import SearchIndexError

GLOSSARY_ENV = "RSEARCH_GLOSSARY"
BUNDLED, USER = "glossary", "user glossary"


class GlossaryError(SearchIndexError):
    hint = f"fix the file, or unset ${GLOSSARY_ENV}"


@dataclass(frozen=True)
class Term:
    names: tuple[str, ...]
    source: str


def parse_glossary(text: str, source: str) -> list[Term]:
    terms = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        names = tuple(dict.fromkeys(n.strip() for n in line.split("\t") if n.strip()))
        if len(names) > 1:
            terms.append(Term(names, source))
    return terms


def user_glossary_path() -> Path:
    named = os.environ.get(GLOSSARY_ENV)
    if named:
        return Path(named)
    from platformdirs import user_config_dir

    return Path(user_config_dir("rsearch", appauthor=False)) / "glossary.tsv"


class Glossary:
    """Terms by the folded key of each of their names."""

    def __init__(self, terms: list[Term]):
        self.terms = terms
        self.by_key: dict[str, list[Term]] = {}
        for term in terms:
            for name in term.names:
                key = fold_key(name)
                if key and term not in self.by_key.setdefault(key, []):
                    self.by_key[key].append(term)

    def names(self, text: str) -> list[tuple[str, str]]:
        """(name, source) of every other name of the terms `text` names."""
        key = fold_key(text)
        found: dict[str, str] = {}
        for term in self.by_key.get(key, []):
            for name in term.names:
                if fold_key(name) != key:
                    found.setdefault(name, term.source)
        return list(found.items())


def load_glossary() -> Glossary:
    """The bundled glossary and the user's (each read once per process)."""
    return glossary_with(user_glossary_path(), bool(os.environ.get(GLOSSARY_ENV)))


@lru_cache(maxsize=4)
def glossary_with(path: Path, named: bool) -> Glossary:
    bundled = DATA_DIR / "glossary.tsv"
    terms = parse_glossary(bundled.read_text(encoding="utf-8"), BUNDLED)
    if named or path.is_file():
        try:
            terms += parse_glossary(path.read_text(encoding="utf-8-sig"), USER)
        except FileNotFoundError:
            raise GlossaryError(f"no glossary file {path}") from None
        except (OSError, UnicodeDecodeError) as e:
            reason = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
            raise GlossaryError(f"cannot read the glossary {path}: {reason}") from None
    return Glossary(terms)


# Names of one thing in one script share at least this share of the shorter
# one's characters (相互承認協議, 相互認證協定) or words (Authorized Economic
# Operator, Authorised Economic Operators); two names that share less name
# two things.
SIMILAR = 0.5


def _pieces(name: str) -> tuple[bool, set[str]]:
    """(whether the name is Chinese, its characters or its words folded)."""
    tokens = match_tokens(name)
    if any(is_cjk(t) for t in tokens):
        return True, {t for t in tokens if is_cjk(t)}
    return False, {t.rstrip("s") for t in tokens}


def same_meaning(a: list[str], b: list[str], key: str) -> bool:
    """Whether two groups of names that both hold `key` (an acronym) can name
    one thing: they share another name, or a name of each in one script is
    like the other; groups with no script in common cannot be told apart (one
    may translate the other), so they count as one."""
    others = [[n for n in g if fold_key(n) != key] for g in (a, b)]
    if {fold_key(n) for n in others[0]} & {fold_key(n) for n in others[1]}:
        return True
    compared = False
    for x in map(_pieces, others[0]):
        for y in map(_pieces, others[1]):
            if x[0] == y[0] and x[1] and y[1]:
                compared = True
                if len(x[1] & y[1]) >= SIMILAR * min(len(x[1]), len(y[1])):
                    return True
    return not compared


def agreed_groups(key: str, groups: list[list[str]], glossary: list[str],
                  written: Callable[[str], int]) -> list[list[str]]:
    """The groups of names the reports define for `key` that a search may use
    in every report: all of them when they mean one thing; when reports give
    the key different meanings, those of the meaning the glossary gives it,
    else of the meaning the index writes most (written(name): in how many
    passages, at most), else (a tie) none."""
    meanings: list[list[list[str]]] = []
    for group in groups:
        joined = [m for m in meanings if any(same_meaning(group, g, key) for g in m)]
        merged = [group] + [g for m in joined for g in m]
        meanings = [m for m in meanings if m not in joined] + [merged]
    if len(meanings) <= 1:
        return groups
    if glossary:
        agree = [m for m in meanings if any(same_meaning(glossary, g, key) for g in m)]
        if len(agree) == 1:
            return agree[0]
    reach = [max((written(n) for g in m for n in g if fold_key(n) != key), default=0)
             for m in meanings]
    best = max(reach)
    return meanings[reach.index(best)] if reach.count(best) == 1 else []
