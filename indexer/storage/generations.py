"""Finding and opening an index's current generation and checking how it was
built: all that a search needs of the index folder (build/store.py builds it)."""

from __future__ import annotations

from pathlib import Path

from ..errors import CorruptIndex, IncompatibleIndex
from .schema import StoredRecords, search_build_info


def build_info(recorded: dict | None = None) -> dict:
    """The full record of how this version builds an index (`recorded`, an index's
    record, saves asking an unchanged segmenter its version)."""
    from ...corpus.version import PARSER_VERSION
    from ..analysis import segmenter_info
    from .checksums import CHECKSUMS_VERSION

    return {**search_build_info(), "parser_version": PARSER_VERSION,
            **segmenter_info(recorded), "checksums": CHECKSUMS_VERSION}


# How the segmenter's installation was recognised, not what it is: not compared.
NOT_COMPARED = {"segmenter_stat"}


def current_generation(index_dir: Path) -> Path:
    """The folder of the generation in use; NoIndex if there is none, CorruptIndex
    if CURRENT is lost, unreadable or names no generation."""
    from .index_files import read_current

    return read_current(Path(index_dir))


def read_build_info(generation: Path) -> dict:
    """The build record, verified against the generation's checksums (an index
    that predates them has none: check_build_info tells it is too old)."""
    from .index_files import read_build_record

    return read_build_record(generation)


def check_build_info(recorded: dict, expected: dict, where: Path) -> None:
    for key, value in expected.items():
        if key not in NOT_COMPARED and recorded.get(key) != value:
            raise IncompatibleIndex(
                f"the index in {where} was built with {key}={recorded.get(key)!r}, "
                f"this rsearch uses {value!r}")


class IndexReading:
    """An opened index as a search reads it: Whoosh's reader, the documents'
    stored records, and Whoosh's searcher only for the lookups that need
    Whoosh's queries (filters, listings). Importing those costs a search about
    9 ms, most of it whoosh.lang.morph_en compiling its rules, which rsearch
    never uses."""

    def __init__(self, ix):
        self._ix, self._reader, self._searcher = ix, ix.reader(), None
        self.stored = StoredRecords(self._reader)

    def reader(self):
        return self._reader

    def doc_frequency(self, field: str, term: str) -> int:
        return self._reader.doc_frequency(field, term)

    def document_number(self, **terms: str) -> int | None:
        """The first live document holding every one of these field=term pairs."""
        from .postings import holding_every

        found = holding_every(self._reader, list(terms.items()))
        return min(found) if found else None

    def docs_for_query(self, query):
        if self._searcher is None:
            from whoosh.searching import Searcher

            self._searcher = Searcher(self._reader, fromindex=self._ix)
        return self._searcher.docs_for_query(query)

    def close(self) -> None:
        (self._searcher or self._reader).close()


def open_whoosh(generation: Path):
    """The generation's Whoosh index as its checksums have it, its small files
    verified against them and its segments registered to be verified as they
    are read."""
    from .index_files import generation_checks
    from .whoosh_door import install_buffers, newest_toc_of, open_at, register_checks

    checks = generation_checks(generation)
    checks.verify_small_files()
    register_checks(generation, checks)
    install_buffers()
    try:
        # The commit the checksums name: a newer one was cut short before them.
        return open_at(generation, newest_toc_of(checks.files))
    except CorruptIndex:
        raise
    except Exception as e:  # Whoosh raises many kinds on a damaged folder
        raise CorruptIndex(f"the index in {generation.parent} is damaged ({type(e).__name__})"
                           ) from None
