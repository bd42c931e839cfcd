"""A passage's place in the archive as a fixed-width key: the report key's first
PLACE_KEY_BYTES bytes, then the passage number. The writer stores it in a
column; a search reads it there to break ties without reading the passage.

A fixed width lets the column be read at any document without loading an
index of offsets (which grows with the archive)."""

from __future__ import annotations

PLACE_KEY_BYTES = 20
PLACE_SIZE = PLACE_KEY_BYTES + 4


def report_part(report: str) -> bytes:
    """The part of a place that names its report."""
    # Report keys are slugs (no NUL): padding sorts a key before its extensions.
    return report.encode("utf-8")[:PLACE_KEY_BYTES].ljust(PLACE_KEY_BYTES, b"\0")


def order_key(report: str, number: int) -> bytes:
    """A passage's place in the archive, ordered as (report, number) is."""
    return report_part(report) + number.to_bytes(4, "big")


def number_at(place: bytes, report: str) -> int | None:
    """The passage number of a place of one of `report`'s documents (None for
    a document that is no passage)."""
    if place[:PLACE_KEY_BYTES] != report_part(report):
        return None
    return int.from_bytes(place[PLACE_KEY_BYTES:], "big")
