"""What makes two report files the same report: the text they read to.

Two files are the same report when they read to the same text, whatever
their format: a report kept as PDF and as DOCX, or a copied text file. The
digest covers what the parser made of the file, the cover's fields and every
passage under its headings, with all white space removed: the line breaks,
page furniture and spacing a format adds are gone by then (measured on the
fixture reports written as text, wrapped text, Big5, PDF, DOCX and ODT: one
digest per report; a Big5 copy that lost a character it cannot encode
differs, as it should)."""

from __future__ import annotations

import hashlib

from .model import Report

# The cover's fields that tell one report from another (a later edition with
# another date or title is another report).
COVER_FIELDS = ("title", "agency", "authors", "trip_type_written", "period", "place",
                "report_date", "keywords")


def text_digest(report: Report) -> str:
    """A digest of the text a report file reads to (see the module's doc)."""
    digest = hashlib.sha256()
    for name in COVER_FIELDS:
        value = getattr(report, name)
        digest.update(_bare(" ".join(value) if isinstance(value, list) else value))
        digest.update(b"\x1f")
    for passage in report.passages:
        digest.update(_bare("".join(h.text for h in passage.section)))
        digest.update(b"\x1e")
        digest.update(_bare(passage.text))
        digest.update(b"\x1d")
    return digest.hexdigest()


def _bare(text: str) -> bytes:
    # (str.split() splits at what \s matches, and costs half of re.sub.)
    return "".join(text.split()).encode("utf-8")
