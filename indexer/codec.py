"""The codec our segments are written with: Whoosh's own, with a postings
writer that takes a term's postings at once.

Whoosh pickles the codec into every index's table of contents, so opening an
index imports this module (keep it light, and keep its name).
"""

from __future__ import annotations

from array import array

from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader, W3PostingsWriter


class _PostingsWriter(W3PostingsWriter):
    def add_postings(self, ids: array, weights: array, values: list[bytes]) -> None:
        """Add a term's postings, all at once (no field lengths: none are scored)."""
        limit = self._blocklimit
        for start in range(0, len(ids), limit):
            if self._ids:
                self._write_block()
            self._ids = ids[start:start + limit]
            self._weights = weights[start:start + limit]
            self._values = values[start:start + limit]
            self._maxweight = max(self._weights)


class _LengthlessDocReader(W3PerDocReader):
    # Whoosh asks for a field length for every posting it merges; for a field
    # without lengths its reader checks the file system again each time.
    def _cached_reader(self, fieldname, column):
        if fieldname not in self._readers:
            self._readers[fieldname] = (self.column_reader(fieldname, column)
                                        if self.has_column(fieldname) else None)
        return self._readers[fieldname]


class Codec(W3Codec):
    """Whoosh's own codec, with our postings writer and the field-length lookup
    remembered."""

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression,
                               inlinelimit=self._inlinelimit)

    def per_document_reader(self, storage, segment):
        return _LengthlessDocReader(storage, segment)
