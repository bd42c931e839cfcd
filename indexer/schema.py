"""The Whoosh schema and the record of how an index was built.

Analysis happens in our own code (``analysis``) before Whoosh sees the text:
the analyzed fields arrive as space-separated terms, so the schema pickled
into the index holds only Whoosh's own classes.
"""

from __future__ import annotations

from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, STORED, FieldType, Schema
from whoosh.formats import Existence

from .analysis import FOLDING

SCHEMA_VERSION = 2

# Passage documents, one report document per report, and one alias document
# per group of names a report defines as the same thing.
PASSAGE, REPORT, ALIAS = "passage", "report", "alias"


def terms() -> FieldType:
    """Space-separated terms, recorded only as present: ranking happens in our code.

    Scorable only because Whoosh looks up a length for every posting it writes,
    and for a field without lengths that lookup is a file-system call.
    """
    return FieldType(Existence(), SpaceSeparatedTokenizer(), scorable=True)


def make_schema() -> Schema:
    return Schema(
        kind=ID(stored=True),
        id=ID(stored=True, unique=True),
        report=ID(stored=True),
        grams=terms(),
        heading_grams=terms(),
        words=terms(),
        meeting_keys=terms(),
        topic_keys=terms(),
        section_keys=terms(),
        alias_keys=terms(),
        path=ID(stored=True),
        data=STORED(),
    )


def search_build_info() -> dict:
    """What a search must agree with: schema and text folding."""
    return {"schema_version": SCHEMA_VERSION, "folding": FOLDING, "segmenter": "jieba"}
