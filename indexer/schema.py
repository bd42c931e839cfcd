"""The Whoosh schema, how Whoosh writes it, and the record of how an index was built.

Analysis happens in our own code (``analysis``) before Whoosh sees the text:
the analyzed fields arrive as space-separated terms. Whoosh only finds
candidates (which documents hold a term), so term fields record presence and
no frequencies, lengths or positions.
"""

from __future__ import annotations

from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.fields import ID, STORED, FieldType, Schema
from whoosh.formats import Existence

from .analysis import FOLDING

SCHEMA_VERSION = 3

# Passage documents; per report one report document (with the report's jieba
# vocabulary), one per section path (its headings), one per meeting and topic
# (their names), and one per group of names the report defines as the same.
PASSAGE, REPORT, SECTION, FACET, ALIAS = "passage", "report", "section", "facet", "alias"


class TermSet(FieldType):
    """Space-separated terms, recorded only as present.

    The terms arrive analyzed, so indexing splits on spaces and skips Whoosh's
    token machinery.
    """

    def __init__(self):
        super().__init__(Existence(), SpaceSeparatedTokenizer())

    def index(self, value, **kwargs):
        return ((term.encode("utf-8"), 1, 1.0, b"") for term in set(value.split()))


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
        grams=TermSet(),
        heading_grams=TermSet(),
        words=TermSet(),
        section_id=ID(),
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
