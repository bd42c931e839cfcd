"""The obvious build, for comparison: jieba's own ChineseAnalyzer in a plain Whoosh schema.

Paragraphs are split at blank lines, as the field notes' first row measured.

    python benchmarks/baseline.py index INDEX_DIR CORPUS_DIR
    python benchmarks/baseline.py add INDEX_DIR FILE
    python benchmarks/baseline.py search INDEX_DIR QUERY
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def schema():
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    return Schema(id=ID(stored=True, unique=True), text=TEXT(stored=True,
                                                             analyzer=ChineseAnalyzer()))


def paragraphs(path: Path):
    text = path.read_text(encoding="utf-8")
    for i, block in enumerate(re.split(r"\n\s*\n", text)):
        if block.strip():
            yield f"{path.stem}:{i}", block.strip()


def add_files(ix, files) -> None:
    writer = ix.writer()
    for path in files:
        for doc_id, text in paragraphs(path):
            writer.add_document(id=doc_id, text=text)
    writer.commit()


def main(argv: list[str]) -> None:
    import jieba
    from whoosh import index

    jieba.setLogLevel(60)
    command, index_dir = argv[0], Path(argv[1])
    if command == "index":
        index_dir.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(index_dir), schema())
        add_files(ix, sorted(Path(argv[2]).glob("*.txt")))
    elif command == "add":
        add_files(index.open_dir(str(index_dir)), [Path(argv[2])])
    elif command == "search":
        from whoosh.qparser import QueryParser

        ix = index.open_dir(str(index_dir))
        with ix.searcher() as searcher:
            query = QueryParser("text", ix.schema).parse(argv[2])
            hits = [{"id": h["id"], "score": h.score, "text": h["text"]}
                    for h in searcher.search(query, limit=10)]
        print(json.dumps(hits, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
