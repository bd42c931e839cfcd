"""A copy of an index with its checksums file rewritten in this version's
chunks (checksums.CHUNK, CHECKSUMS_VERSION), for timing a search on an index
built before the chunks changed without building it again: the segment files
are the same bytes a build writes, only the checksums file and the build
record's "checksums" differ.

    python benchmarks/rechunk_checksums.py INDEX_DIR COPY_DIR

COPY_DIR must not exist; INDEX_DIR is only read. Each file of the generation
is verified against the old checksums first (`rsearch check`'s reading), so
a damaged index is not given checksums that match its damage.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from rsearch.indexer.storage import checksums
from rsearch.indexer.storage.index_files import BUILD_FILE, read_current


def old_manifest(generation: Path) -> dict:
    """The checksums file as written (any version), its own CRC checked."""
    head, _, body = checksums.read_file(generation, checksums.CHECKSUMS_FILE).partition(b"\n")
    if head.split(b" ")[1] != b"%08x" % checksums.crc32(body):
        sys.exit(f"{generation}: the checksums file does not match its checksum")
    return json.loads(body)


def verified(generation: Path, manifest: dict) -> None:
    chunk = manifest["chunk"]
    for name, entry in manifest["files"].items():
        path = generation / name
        if "crc" in entry:
            ok = checksums.file_crc(path) == entry["crc"]
        else:
            data = path.read_bytes()
            ok = len(data) == entry["size"] and checksums.array(
                "I", [checksums.crc32(data[i:i + chunk]) for i in range(0, len(data), chunk)]
            ).tobytes() == checksums.base64.b64decode(entry["chunks"])
        if not ok:
            sys.exit(f"{path} does not match its checksums: not copied")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("copy_dir", type=Path)
    args = parser.parse_args()
    if args.copy_dir.exists():
        sys.exit(f"{args.copy_dir} exists")
    source = read_current(args.index_dir)
    verified(source, old_manifest(source))
    shutil.copytree(args.index_dir, args.copy_dir)
    generation = args.copy_dir / source.name
    manifest = old_manifest(generation)
    record = json.loads((generation / BUILD_FILE).read_text(encoding="utf-8"))
    record["checksums"] = checksums.CHECKSUMS_VERSION
    (generation / BUILD_FILE).write_text(json.dumps(record, indent=1), encoding="utf-8")
    (generation / checksums.CHECKSUMS_FILE).unlink()  # nothing kept of the old chunks
    checksums.write_checksums(generation, sorted(manifest["files"]), {})
    print(f"{args.copy_dir}: {len(manifest['files'])} files, chunks of {checksums.CHUNK} bytes")


if __name__ == "__main__":
    main()
