"""SQLite FTS5 with its trigram tokenizer, for comparison: the C-engine ceiling.

Paragraphs are split at blank lines. Terms of three characters or more are
matched through the trigram index and ranked with bm25; shorter ones, which
a trigram index cannot look up, scan with LIKE, as a user of FTS5 would.

    python benchmarks/fts5.py index DB CORPUS_DIR
    python benchmarks/fts5.py search DB QUERY
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path


def index(db: Path, corpus: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE passages USING fts5(id UNINDEXED, text, "
                "tokenize='trigram')")
    with con:
        for path in sorted(corpus.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            con.executemany("INSERT INTO passages VALUES (?, ?)",
                            [(f"{path.stem}:{i}", block.strip())
                             for i, block in enumerate(re.split(r"\n\s*\n", text))
                             if block.strip()])
    con.close()


def search(con: sqlite3.Connection, query: str, limit: int = 10) -> list[dict]:
    if len(query) >= 3:
        rows = con.execute("SELECT id, text, bm25(passages) FROM passages WHERE passages "
                           "MATCH ? ORDER BY bm25(passages) LIMIT ?",
                           ('"' + query.replace('"', '""') + '"', limit)).fetchall()
    else:
        rows = con.execute("SELECT id, text, 0 FROM passages WHERE text LIKE ? LIMIT ?",
                           (f"%{query}%", limit)).fetchall()
    return [{"id": i, "text": t, "score": s} for i, t, s in rows]


def main(argv: list[str]) -> None:
    command, db = argv[0], Path(argv[1])
    if command == "index":
        index(db, Path(argv[2]))
    elif command == "search":
        con = sqlite3.connect(db)
        print(json.dumps(search(con, argv[2]), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
