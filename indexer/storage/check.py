"""Checking a whole index (`rsearch check`), as Lucene's CheckIndex and
SQLite's integrity_check do: every file of the current generation against
its checksums, the small files' contents, then every stored record decoded."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorruptIndex, IncompatibleIndex, damage_reported
from .checksums import verify_generation


@dataclass
class CheckResult:
    """What `check_index` found: the files verified, and the damage, one line each."""

    index_dir: str
    files: int = 0
    documents: int = 0
    problems: list[str] = field(default_factory=list)


def check_index(index_dir: Path) -> CheckResult:
    """Verify every byte of the index in `index_dir`; NoIndex if there is none."""
    from .checksums import read_manifest
    from .generations import build_info, check_build_info, current_generation, read_build_info
    from .index_files import read_roots

    index_dir = Path(index_dir)
    result = CheckResult(str(index_dir))
    try:
        generation = current_generation(index_dir)
        recorded = read_build_info(generation)
        check_build_info(recorded, build_info(recorded), index_dir)
    except (CorruptIndex, IncompatibleIndex) as e:
        result.problems.append(str(e))
        return result
    result.problems += verify_generation(generation)
    if result.problems:
        return result
    result.files = len(read_manifest(generation)["files"])
    try:
        read_roots(generation)
        result.documents = _decode_all(index_dir, generation)
    except CorruptIndex as e:
        result.problems.append(str(e))
    return result


def _decode_all(index_dir: Path, generation: Path) -> int:
    """Every stored record and every term of every live document decoded."""
    from .generations import IndexReading, open_whoosh

    with damage_reported(index_dir):
        reading = IndexReading(open_whoosh(generation))
        try:
            reader = reading.reader()
            count = 0
            for docnum in reader.all_doc_ids():
                reading.stored[docnum]
                count += 1
            for field_name in reader.indexed_field_names():
                for _ in reader.lexicon(field_name):
                    pass
        except CorruptIndex:
            raise
        except Exception as e:  # any decoding failure of verified bytes is damage too
            raise CorruptIndex(f"the index in {index_dir} is damaged "
                               f"({type(e).__name__} decoding it)") from None
        finally:
            reading.close()
        return count
