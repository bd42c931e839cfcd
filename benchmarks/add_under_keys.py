"""A copy of an index of schema 36 given what schema 37 adds (the keys of the
headings each passage stands under, the `under_keys` field that --section
reads), for timing a search on an index built before without building it
again: each segment is copied alone through `rsearch optimize`'s streaming
merge (build/segment_merge.py: the same documents in the same order, every
column and every other field's postings as they were) with the new field's
postings added, and the generation sealed with schema_version 37.

    python benchmarks/add_under_keys.py INDEX_DIR COPY_DIR [--workers N]

COPY_DIR must not exist; INDEX_DIR is only read (copied first). A passage's
keys are those of its section: the section documents of its segment whose
heading path (`heading_key`, the passage's `section` term) is the passage's
give their `section_keys` (a build gives a passage its own section's; the
two differ only where one heading path is split into label and title in two
ways, which the json of the filtered commands, compared before and after,
would show).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pickle
import shutil
import sys
import time
from array import array
from collections import defaultdict
from pathlib import Path

from rsearch.indexer.build import segment_merge
from rsearch.indexer.build.segment_merge import SegmentMerge
from rsearch.indexer.build.writer import NUMPY_POSTINGS, FieldTerms
from rsearch.indexer.storage import (
    index_segments,
    make_schema,
    open_whoosh,
    read_column,
    read_current,
    read_roots,
    seal_generation,
    term_stream,
)
from rsearch.indexer.storage.index_files import BUILD_FILE
from rsearch.indexer.storage.schema import SCHEMA_VERSION
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

FIELD = "under_keys"


def under_keys(reader) -> list[tuple[bytes, list]]:
    """The new field's term stream of one segment (term order, each term's
    documents in one piece), made from its section documents and passages."""
    keys_of: dict[int, list[bytes]] = defaultdict(list)  # section document -> its keys
    for btext, pieces in term_stream(reader, "section_keys"):
        for ids, _ in pieces:
            for d in ids:
                keys_of[d].append(btext)
    stored = read_column(reader, "stored")
    path_keys: dict[str, set[bytes]] = defaultdict(set)  # heading path -> keys
    for d, keys in keys_of.items():
        path_keys[stored[d]["heading_key"]].update(keys)
    docs_of: dict[bytes, list[int]] = defaultdict(list)
    for btext, pieces in term_stream(reader, "section"):
        keys = path_keys.get(btext.decode("utf-8"), ())
        for ids, _ in pieces:
            for d in ids:
                for key in keys:
                    docs_of[key].append(d)
    return [(key, [(array("I", sorted(docs)), array("f", [1.0]) * len(docs))])
            for key, docs in sorted(docs_of.items())]


class Copy(SegmentMerge):
    """A segment copied alone: when its documents keep their numbers (a
    segment laid out as a writer lays it, none deleted) each term's postings
    are written as read, not remapped a posting at a time."""

    def _merge_postings(self, maps: list[array]) -> None:
        (reader,) = self.readers
        if maps[0] != array("i", range(reader.doc_count_all())):
            super()._merge_postings(maps)
            return
        with_numpy = reader.doc_count_all() >= NUMPY_POSTINGS
        for fieldname in sorted(name for name, field in self.schema.items() if field.indexed):
            counted = self.pool.counts.get(fieldname) is not None
            terms = None
            for btext, pieces in segment_merge.term_stream(reader, fieldname):
                ids, weights = array("I"), array("f")
                for piece_ids, piece_weights in pieces:
                    ids.extend(_as(ids.typecode, piece_ids))
                    weights.extend(_as(weights.typecode, piece_weights))
                if ids:
                    terms = terms or FieldTerms(self.schema, self.fieldwriter, fieldname,
                                                counted, with_numpy)
                    terms.add(btext, ids, weights)
            if terms is not None:
                terms.finish()


def _as(typecode: str, values) -> array:
    same = isinstance(values, array) and values.typecode == typecode
    return values if same else array(typecode, values)


def convert(generation: Path, ids: list[str], out: Path) -> None:
    """Copy these segments of the generation with the new field (a worker:
    the new segments written, none committed), and pickle the (old id, new
    segment) pairs to `out`."""
    plain = segment_merge.term_stream
    made: dict[int, list] = {}
    # A writer's scratch folder of its own (Whoosh names it after the index
    # and removes it when done: workers side by side would share it).
    temp_storage = FileStorage.temp_storage
    FileStorage.temp_storage = lambda self, name=None: temp_storage(
        self, f"{name or 'scratch'}-{os.getpid()}")

    def stream(reader, fieldname):
        return iter(made[id(reader)]) if fieldname == FIELD else plain(reader, fieldname)

    segment_merge.term_stream = stream
    copied = []
    for wanted in ids:
        # Opened again for each: the table of contents a copy starts from is
        # the one the checksums name.
        ix = open_whoosh(generation)
        ix._schema = make_schema()  # the new segments' and table of contents' schema
        segment, = [s for s in index_segments(ix) if s.segment_id() == wanted]
        writer = Copy(ix, [segment])
        made.clear()
        made[id(writer.readers[0])] = under_keys(writer.readers[0])
        # The segment written, its table of contents not: the caller writes one
        # for every segment copied.
        old = segment.segment_id()
        writer._commit_toc = lambda segments, old=old: copied.append((old, segments[-1]))
        writer.commit_merge()
        print(f"{segment.segment_id()}: {segment.doc_count()} documents", flush=True)
    out.write_bytes(pickle.dumps(copied))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("copy_dir", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.copy_dir.exists():
        sys.exit(f"{args.copy_dir} exists")
    started = time.perf_counter()
    shutil.copytree(args.index_dir, args.copy_dir)
    generation = read_current(args.copy_dir)
    record = json.loads((generation / BUILD_FILE).read_text(encoding="utf-8"))
    if record.get("schema_version") != SCHEMA_VERSION - 1:
        sys.exit(f"{args.index_dir}: schema {record.get('schema_version')}, not "
                 f"{SCHEMA_VERSION - 1}")
    info = {k: v for k, v in record.items() if k != "roots"}
    info["schema_version"] = SCHEMA_VERSION
    roots = read_roots(generation)
    ix = open_whoosh(generation)
    listed = index_segments(ix)
    # The segments dealt to the workers largest first, each to the least loaded.
    groups: list[list] = [[] for _ in range(args.workers)]
    for segment in sorted(listed, key=lambda s: -s.doc_count_all()):
        min(groups, key=lambda g: sum(s.doc_count_all() for s in g)).append(segment)
    outs = [args.copy_dir / f"worker-{n}.pickle" for n in range(args.workers)]
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=convert, args=(generation, [s.segment_id() for s in g], o))
               for g, o in zip(groups, outs, strict=True)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
        if worker.exitcode:
            sys.exit(f"a worker failed (exit {worker.exitcode})")
    copied = dict(pair for o in outs for pair in pickle.loads(o.read_bytes()))
    for o in outs:
        o.unlink()
    if set(copied) != {s.segment_id() for s in listed}:
        sys.exit("not every segment was copied")
    TOC(make_schema(), [copied[s.segment_id()] for s in listed],
        ix.latest_generation() + 1).write(ix.storage, ix.indexname)
    seal_generation(generation, roots, info)
    print(f"{args.copy_dir}: {len(copied)} segments with {FIELD}, "
          f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
