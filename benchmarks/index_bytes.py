"""Where an index's bytes go: by kind of file, and per passage by stored field.

    python benchmarks/index_bytes.py INDEX_DIR [--sample 3000]
"""

from __future__ import annotations

import argparse
import itertools
import pickle
from collections import Counter
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index_dir", type=Path)
    ap.add_argument("--sample", type=int, default=3000, help="passages to weigh")
    args = ap.parse_args()

    from rsearch.indexer.storage.generations import current_generation, open_whoosh
    from rsearch.indexer.storage.records import StoredPassage
    from rsearch.indexer.storage.schema import StoredRecords
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage
    from whoosh.query import Term

    generation = current_generation(args.index_dir)
    files: Counter[str] = Counter()
    storage = FileStorage(str(generation))
    for segment in generation.glob("*.seg"):
        compound = CompoundStorage(storage.open_file(segment.name))
        for name, info in compound._dir.items():
            stored = name.endswith(("_stored.col", "stored.col"))
            kind = "stored records" if stored else {
                "trm": "term dictionary", "pst": "postings", "col": "other columns"}.get(
                name.rsplit(".", 1)[-1], name.rsplit(".", 1)[-1])
            files[kind] += info["length"]
        compound.close()
    total = sum(files.values())
    print(f"{total / 1e6:.1f} MB in {len(list(generation.glob('*.seg')))} segments")
    for kind, size in files.most_common():
        print(f"  {kind:18}{size / 1e6:9.1f} MB {100 * size / total:5.0f} %")

    searcher = open_whoosh(generation).searcher()
    records = StoredRecords(searcher.reader())
    docs = list(itertools.islice(searcher.docs_for_query(Term("kind", "passage")), args.sample))
    fields: Counter[str] = Counter()
    text = 0
    for docnum in docs:
        stored = records[docnum]
        passage = StoredPassage.of(stored)
        text += len(passage.text.encode("utf-8"))
        for name, value in vars(passage).items():
            fields[name] += len(pickle.dumps(value, protocol=4))
    n = max(len(docs), 1)
    print(f"stored record of a passage ({len(docs)} weighed), uncompressed: "
          f"{sum(fields.values()) / n:.0f} bytes for {text / n:.0f} bytes of text")
    for name, size in fields.most_common():
        print(f"  {name:18}{size / n:9.0f} bytes")


if __name__ == "__main__":
    main()
