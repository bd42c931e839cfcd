"""The Whoosh schema, how Whoosh writes it, and the record of how an index was built.

Analysis happens in our own code (``analysis``) before Whoosh sees the text:
the analyzed fields arrive as space-separated terms. Whoosh finds candidates
and bounds their scores; the ranking itself reads the passages' stored text.
"""

from __future__ import annotations

from collections import Counter

from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.fields import ID, NUMERIC, STORED, FieldType, Schema
from whoosh.formats import Existence, Frequency
from whoosh.system import pack_uint

from .analysis import FOLDING

SCHEMA_VERSION = 6

# Passage documents; per report one report document (with the report's jieba
# vocabulary), one per section path (its headings), one per meeting and topic
# (their names), and one per group of names the report defines as the same.
PASSAGE, REPORT, SECTION, FACET, ALIAS = "passage", "report", "section", "facet", "alias"


class TermSet(FieldType):
    """Space-separated terms that arrive analyzed: indexing splits on spaces and
    skips Whoosh's token machinery. With `counts`, postings keep each term's
    frequency (an upper bound for ranking before the text is read); without,
    only its presence.
    """

    def __init__(self, counts: bool = False):
        super().__init__(Frequency() if counts else Existence(), SpaceSeparatedTokenizer())

    def index(self, value, **kwargs):
        counts = Counter(value.split())
        encode = pack_uint if isinstance(self.format, Frequency) else (lambda n: b"")
        return ((term.encode("utf-8"), n, float(n), encode(n)) for term, n in counts.items())


class _LengthlessDocReader(W3PerDocReader):
    # Whoosh asks for a field length for every posting it writes; for a field
    # without lengths its reader checks the file system again each time.
    def _cached_reader(self, fieldname, column):
        if fieldname not in self._readers:
            self._readers[fieldname] = (self.column_reader(fieldname, column)
                                        if self.has_column(fieldname) else None)
        return self._readers[fieldname]


class Codec(W3Codec):
    """Whoosh's own codec, with the field-length lookup remembered."""

    def per_document_reader(self, storage, segment):
        return _LengthlessDocReader(storage, segment)


def make_schema() -> Schema:
    return Schema(
        kind=ID(stored=True),
        id=ID(stored=True, unique=True),
        report=ID(stored=True),
        grams=TermSet(counts=True),
        length=NUMERIC(sortable=True),
        heading_grams=TermSet(),
        words=TermSet(),
        section=ID(),
        heading_key=ID(stored=True),
        section_keys=TermSet(),
        meeting=TermSet(),
        topics=TermSet(),
        facet=ID(),
        facet_keys=TermSet(),
        alias_keys=TermSet(),
        path=ID(stored=True),
        data=STORED(),
    )


def search_build_info() -> dict:
    """What a search must agree with: schema and text folding."""
    return {"schema_version": SCHEMA_VERSION, "folding": FOLDING, "segmenter": "jieba"}
