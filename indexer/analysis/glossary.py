"""The glossaries a search uses beside the names the reports define.

rsearch ships a glossary of customs and trade terms (``data/glossary.tsv``);
a user glossary in the same format extends it: the file named by
``$RSEARCH_GLOSSARY``, else ``glossary.tsv`` in the per-user config folder.
A line is one term, its names separated by tabs; ``#`` starts a comment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import SearchIndexError
from .text import DATA_DIR, fold_key

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
