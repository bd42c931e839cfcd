"""The Whoosh schema and the record of how an index was built.

Analysis happens in our own code (``analysis``) before Whoosh sees the text:
the analyzed fields arrive as space-separated terms, so the schema pickled
into the index holds only Whoosh's own classes.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, Schema

from .analysis import FOLDING

SCHEMA_VERSION = 1

# Passage documents, one report document per report, and one alias document
# per group of names a report defines as the same thing.
PASSAGE, REPORT, ALIAS = "passage", "report", "alias"


def make_schema() -> Schema:
    return Schema(
        kind=ID(stored=True),
        id=ID(stored=True, unique=True),
        report=ID(stored=True),
        grams=KEYWORD(scorable=True),
        heading_grams=KEYWORD(scorable=True),
        words=KEYWORD(scorable=True),
        meeting_keys=KEYWORD(),
        topic_keys=KEYWORD(),
        section_keys=KEYWORD(),
        alias_keys=KEYWORD(),
        path=ID(stored=True),
        data=STORED(),
    )


def search_build_info() -> dict:
    """What a search must agree with: schema and text folding."""
    return {"schema_version": SCHEMA_VERSION, "folding": FOLDING, "segmenter": "jieba"}
