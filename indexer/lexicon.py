"""jieba's dictionary in SQLite, so that a small update reads only what its text needs.

Loading jieba's whole dictionary takes most of a second, longer than
analysing a report. jieba only ever looks up substrings of the text it cuts,
so a dictionary holding every entry that could be such a substring, with the
whole dictionary's total frequency, segments exactly as the whole one does.
Entries are keyed by their first two characters (a one-character entry by
itself); a text needs the keys made of its characters and pairs of
neighbouring characters.

The SQLite copy is a cache: it lives in the user's cache folder (or
``RSEARCH_CACHE_DIR``), is named after the dictionary's fingerprint, and is
written by whichever process has the whole dictionary loaded and finds it
missing. When it is missing or unreadable, the whole dictionary is used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path

LEXICON_FORMAT = 1
# SQLite's smallest limit on the parameters of one statement.
KEYS_PER_QUERY = 999


def lexicon_path(dictionary: str) -> Path:
    """Where the SQLite copy of the dictionary with this fingerprint lives."""
    folder = os.environ.get("RSEARCH_CACHE_DIR")
    if not folder:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("rsearch", appauthor=False)
    digest = hashlib.blake2b(f"{LEXICON_FORMAT}:{dictionary}".encode(), digest_size=8)
    return Path(folder) / f"jieba-{digest.hexdigest()}.sqlite3"


def keys_of(runs: list[str]) -> set[str]:
    """The lookup keys of every dictionary entry that can occur in these runs."""
    keys: set[str] = set()
    for run in runs:
        keys.update(run)
        keys.update(run[i:i + 2] for i in range(len(run) - 1))
    return keys


def write_lexicon(path: Path, freq: dict[str, int], total: int) -> bool:
    """Write the dictionary `freq` (jieba's FREQ, prefixes included) to `path`,
    atomically. A cache that cannot be written only makes updates slower, so
    failure is reported by the return value, not raised."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(tmp)
        try:
            db.execute("CREATE TABLE meta (total INTEGER)")
            db.execute("INSERT INTO meta VALUES (?)", (total,))
            db.execute("CREATE TABLE entries (key TEXT, word TEXT, freq INTEGER, "
                       "PRIMARY KEY (key, word)) WITHOUT ROWID")
            # Sorted by word is sorted by (key, word): rows arrive in the table's order.
            db.executemany("INSERT INTO entries VALUES (?, ?, ?)",
                           ((word[:2], word, freq[word]) for word in sorted(freq)))
            db.commit()
        finally:
            db.close()
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error):
        return False
    finally:
        with contextlib.suppress(OSError):  # the folder may be what failed
            tmp.unlink(missing_ok=True)


class Lexicon:
    """A read-only SQLite copy of jieba's dictionary."""

    def __init__(self, path: Path):
        """Open it; sqlite3.Error or OSError if it is missing or damaged."""
        if not path.is_file():
            raise FileNotFoundError(path)
        self.db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            row = self.db.execute("SELECT total FROM meta").fetchone()
            if row is None:
                raise sqlite3.DatabaseError(f"{path} has no total")
        except BaseException:
            self.db.close()
            raise
        self.total = row[0]

    def entries(self, runs: list[str]) -> dict[str, int]:
        """Every entry that can occur in these runs, with its frequency."""
        keys = sorted(keys_of(runs))
        found: dict[str, int] = {}
        for start in range(0, len(keys), KEYS_PER_QUERY):
            chunk = keys[start:start + KEYS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(
                f"SELECT word, freq FROM entries WHERE key IN ({marks})", chunk))
        return found

    def tokenizer(self, runs: list[str]):
        """A jieba tokenizer that cuts these runs exactly as the whole dictionary does."""
        from .analysis import import_jieba

        tokenizer = import_jieba().Tokenizer()
        tokenizer.FREQ = self.entries(runs)
        tokenizer.total = self.total
        tokenizer.initialized = True
        return tokenizer

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Lexicon:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
