"""The glossaries a search uses beside the names the reports define.

rsearch ships a glossary of the fields the reports cover, one file per field
(``data/glossary/*.tsv``: trade and customs, health, immigration, standards
and metrology, transport, agriculture and food, labour, environment);
a user glossary in the same format extends it: the file named by
``$RSEARCH_GLOSSARY``, else ``glossary.tsv`` in the per-user config folder.
A line is one term, its names separated by tabs; ``#`` starts a comment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import SearchIndexError
from .text import DATA_DIR, fold_key, is_cjk, match_tokens

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
    from ..whoosh_import import imported

    folder = imported("platformdirs").user_config_dir("rsearch", appauthor=False)
    return Path(folder) / "glossary.tsv"


# Between two characters of a name, what folding drops (spaces, hyphens, dots).
SEPARATORS = r"[^\t\n\w]*"
# From this many lookups on (`rsearch topics` asks about every name), every
# name is folded once instead of each lookup scanning the files.
SCANS = 32


class Glossary:
    """Terms by the folded key of each of their names, found lazily: a search
    asks about a few names, so the files' text is scanned for the lines that
    can spell each (a regular expression of every spelling that folds to the
    key), and only those lines are read; folding every name of a glossary of
    thousands of terms would cost a search tens of milliseconds. A file with
    characters the scan cannot unfold (full-width or accented letters) has
    its names folded at once instead."""

    def __init__(self, texts: list[tuple[str, str]]):
        self.texts = texts  # (source, a file's text)
        # (tests/test_glossary.py checks that the bundled files are scannable.)
        self.scanned = [source == BUNDLED or scannable(text) for source, text in texts]
        self.lowered: list[str] | None = None  # scanned texts, in lower case
        # The names of each file the scan cannot read, folded.
        self.folded = {i: folded_terms([texts[i]]) for i, s in enumerate(self.scanned) if not s}
        self.lookups = 0
        self.by_key: dict[str, list[Term]] | None = None

    @property
    def terms(self) -> list[Term]:
        return [t for source, text in self.texts for t in parse_glossary(text, source)]

    def names(self, text: str) -> list[tuple[str, str]]:
        """(name, source) of every other name of the terms `text` names."""
        key = fold_key(text)
        if not key:
            return []
        found: dict[str, str] = {}
        for term in self.terms_named(key):
            for name in term.names:
                if fold_key(name) != key:
                    found.setdefault(name, term.source)
        return list(found.items())

    def expect(self, lookups: int | None) -> None:
        """About this many lookups are coming (None: many; a listing's names):
        past SCANS in all, every name is folded now, not after SCANS scans (a
        page of `rsearch topics` asks about some 800 names)."""
        if self.by_key is None and (lookups is None or self.lookups + lookups > SCANS):
            self.by_key = folded_terms(self.texts)

    def terms_named(self, key: str) -> list[Term]:
        """The terms one of whose names folds to `key`, in the files' order."""
        self.lookups += 1
        if self.by_key is None and self.lookups > SCANS:
            self.by_key = folded_terms(self.texts)
        if self.by_key is not None:
            return self.by_key.get(key, [])
        if self.lowered is None:  # letters in one case: the scan starts at a literal
            self.lowered = [text.lower() for _, text in self.texts]
        pattern, terms = spelling_pattern(key), []
        for i, (source, text) in enumerate(self.texts):
            if i in self.folded:
                terms += self.folded[i].get(key, [])
                continue
            found = pattern.finditer(self.lowered[i])
            starts = {text.rfind("\n", 0, m.start()) + 1 for m in found}
            for start in sorted(starts):
                end = text.find("\n", start)
                line = text[start:end if end >= 0 else len(text)]
                terms += [t for t in parse_glossary(line, source)
                          if any(fold_key(n) == key for n in t.names)]
        return terms


def folded_terms(texts: list[tuple[str, str]]) -> dict[str, list[Term]]:
    """Every term of these files by the folded key of each of its names."""
    by_key: dict[str, list[Term]] = {}
    for source, text in texts:
        for term in parse_glossary(text, source):
            for key in dict.fromkeys(map(fold_key, term.names)):
                by_key.setdefault(key, []).append(term)
    return by_key


# What spelling_pattern() can unfold: ASCII, Chinese characters, the
# punctuation a name holds. (Full-width forms in a character class would cost
# each pattern milliseconds to compile.)
SCANNABLE = ("[^\x00-\x7f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
             "\uf900-\ufaff\u2013\u2014\u2019\u00b7\uff08\uff09\uff0c]")


def scannable(text: str) -> bool:
    """Only a user's glossary is asked (the bundled one is scannable): the
    pattern, 1-3 ms to compile, is compiled then, not by every search."""
    return not re.search(SCANNABLE, text)


def spelling_pattern(key: str) -> re.Pattern:
    """A regular expression that every spelling of a name whose folded key is
    `key` matches in a scannable file in lower case (and more, which the
    caller checks): each Chinese character as any that folds to it,
    separators between. (Alternatives rather than character classes: sre
    compiles a class of Chinese characters in about a millisecond.)"""
    parts = []
    for char in key:
        spellings = [char] if char.isascii() else unfolded(char)
        parts.append("(?:" + "|".join(map(re.escape, spellings)) + ")"
                     if len(spellings) > 1 else re.escape(char))
    return re.compile(SEPARATORS.join(parts))


def unfolded(char: str) -> list[str]:
    """The character and those that fold to it: the lines of the fold table
    (`character TAB fold`) that end in it, found in its text (inverting the
    table would cost a search milliseconds)."""
    table, found = fold_table_text(), [char]
    at = table.find(f"\t{char}\n")
    while at >= 0:
        found.append(table[table.rfind("\n", 0, at) + 1:at])
        at = table.find(f"\t{char}\n", at + 1)
    return found


@lru_cache(maxsize=1)
def fold_table_text() -> str:
    return "\n" + (DATA_DIR / "fold.tsv").read_text("utf-8").rstrip("\n") + "\n"


def load_glossary() -> Glossary:
    """The bundled glossary and the user's (each read once per process)."""
    return glossary_with(user_glossary_path(), bool(os.environ.get(GLOSSARY_ENV)))


def bundled_files() -> list[Path]:
    """The glossary rsearch ships: one file per field (data/glossary/*.tsv)."""
    return sorted((DATA_DIR / "glossary").glob("*.tsv"))


@lru_cache(maxsize=1)
def bundled_glossary() -> Glossary:
    """The glossary rsearch ships alone: what an index may depend on (a user's
    glossary changes without the index knowing)."""
    return Glossary([(BUNDLED, f.read_text(encoding="utf-8")) for f in bundled_files()])


@lru_cache(maxsize=4)
def glossary_with(path: Path, named: bool) -> Glossary:
    texts = [(BUNDLED, f.read_text(encoding="utf-8")) for f in bundled_files()]
    if named or path.is_file():
        try:
            texts.append((USER, path.read_text(encoding="utf-8-sig")))
        except FileNotFoundError:
            raise GlossaryError(f"no glossary file {path}") from None
        except (OSError, UnicodeDecodeError) as e:
            reason = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
            raise GlossaryError(f"cannot read the glossary {path}: {reason}") from None
    return Glossary(texts)


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
