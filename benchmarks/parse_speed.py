"""How fast report files are parsed (and analyzed into the documents the index
stores), in CPU time, and what they parse to, to hold a speed-up to the same
output.

    python benchmarks/parse_speed.py PATH... [--limit N] [--documents]
        [--dump FILE | --compare FILE] [--profile FILE] [--rounds N]

PATH: report files or folders (a folder's report files in name order, the
first --limit of each). Prints the bytes read and MB/s of parsing (and of
parsing and analysis with --documents), from process_time: the host is
shared, wall time is not the figure.

--dump writes one line per file: its name, the parsed report whole (every
field of every passage, the metadata, units, topics, glossary, outline) and,
with --documents, a digest of the documents written for it; --compare reads
such a file and names every file whose output differs (exit 1).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import pstats
import sys
import time
from dataclasses import asdict
from pathlib import Path


def report_files(paths: list[Path], limit: int | None) -> list[Path]:
    from rsearch.corpus import REPORT_SUFFIXES

    files = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in REPORT_SUFFIXES)
            files.extend(found[:limit] if limit else found)
        else:
            files.append(path)
    return files


def documents_digest(documents: list[dict]) -> str:
    """A digest of the documents as the writer is given them (every field)."""
    return hashlib.sha256(repr(documents).encode("utf-8", "surrogatepass")).hexdigest()


def run(files: list[Path], documents: bool,
        profile: cProfile.Profile | None = None) -> tuple[int, float, list[dict]]:
    """Bytes read, CPU seconds spent parsing (and analyzing), and each file's
    output (the profile, if given, sees the parsing and analysis alone)."""
    from rsearch.corpus import UnreadableReport, parse_report_file, read_report_files, text_digest
    from rsearch.indexer.build.documents import report_documents

    read = list(read_report_files((path, path.stem) for path in files))
    size = sum(len(file.data) for file in read)
    outputs, spent = [], 0.0
    for file in read:
        started = time.process_time()
        if profile:
            profile.enable()
        try:
            report = parse_report_file(file)
        except UnreadableReport as e:
            report, docs = None, None
            skipped = e.reason
        else:
            skipped = None
            docs = (report_documents(report, file.digest, None, text_digest(report))
                    if documents else None)
        if profile:
            profile.disable()
        spent += time.process_time() - started
        outputs.append({"file": file.path.name, "skipped": skipped,
                        "report": asdict(report) if report else None,
                        "documents": documents_digest(docs) if docs is not None else None})
    return size, spent, outputs


def compare(outputs: list[dict], dumped: Path) -> int:
    before = {}
    with dumped.open(encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            before[entry["file"]] = entry
    differ = 0
    for entry in outputs:
        now = json.loads(json.dumps(entry, ensure_ascii=False))  # tuples as lists
        if before.get(entry["file"]) != now:
            differ += 1
            print(f"differs: {entry['file']}", file=sys.stderr)
    missing = before.keys() - {e["file"] for e in outputs}
    print(f"compared {len(outputs)} files: {differ} differ, {len(missing)} not parsed now")
    return 1 if differ or missing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="files a folder gives")
    parser.add_argument("--documents", action="store_true", help="analyze into documents too")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--profile", type=Path, help="write cProfile stats here")
    parser.add_argument("--rounds", type=int, default=1,
                        help="parse the files this many times; the least CPU time counts")
    args = parser.parse_intermixed_args(argv)

    files = report_files(args.paths, args.limit)
    # Load what every report needs (the glossary, the segmenter's dictionary) first.
    run(files[:1], args.documents)
    profile = cProfile.Profile() if args.profile else None
    size, spent, outputs = run(files, args.documents, profile)
    for _ in range(args.rounds - 1):
        spent = min(spent, run(files, args.documents)[1])
    if profile:
        profile.dump_stats(str(args.profile))
        pstats.Stats(str(args.profile)).sort_stats("tottime").print_stats(25)
    what = "parse + documents" if args.documents else "parse"
    print(f"{len(files)} files, {size / 1e6:.1f} MB, {what}: {spent:.2f} CPU s, "
          f"{size / 1e6 / spent:.2f} MB/s, {spent / len(files) * 1000:.2f} ms a file")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for entry in outputs:
                f.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
    if args.compare:
        return compare(outputs, args.compare)
    return 0


if __name__ == "__main__":
    sys.exit(main())
