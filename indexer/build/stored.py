"""What a document keeps to be read back, gathered in its `stored` field (the
stored column, storage/record_column.py)."""

from __future__ import annotations

# The fields a document keeps to be read back, in the stored column; of them,
# only the report is also looked up.
READ_BACK = ("report", "heading_key", "data", "alias_names", "alias_reports", "named",
             "named_reports")
ONLY_READ_BACK = ("heading_key", "data", "alias_names", "alias_reports", "named_reports")


def with_stored(doc: dict) -> dict:
    """The document with what it keeps to be read back gathered in `stored`."""
    stored = {name: doc[name] for name in READ_BACK if name in doc}
    for name in ONLY_READ_BACK:
        doc.pop(name, None)
    if stored:
        doc["stored"] = stored
    return doc
