"""The Whoosh schema and the record of how an index was built.

Analysis happens in our own code (``analysis``) before Whoosh sees the text:
the analyzed fields arrive as space-separated terms. Whoosh keeps the terms,
postings (in our codec), columns and stored records; finding candidates and
bounding their scores (retrieval, over storage's postings readers) and the
ranking itself (from the passages' stored text) are rsearch's own.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Sequence

from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.columns import FixedBytesColumn, NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, FieldType, Schema
from whoosh.formats import Existence, Frequency
from whoosh.system import pack_uint

from ..analysis import FOLDING, SEGMENTER
from .places import PLACE_SIZE
from .record_column import RecordColumn
from .records import CONTENT_KEY_SIZE
from .tail_column import TailColumn, TailReader
from .whoosh_door import fixed_bytes_column, numeric_column, numeric_values_reader

SCHEMA_VERSION = 37  # 37: passages hold their headings' keys (under_keys)
# Passages the parser ranks down (the cover, the form, listings of annexes:
# short, and full of every name) weigh at most this; the index flags them
# (RANKED_DOWN_FLAG in the flags field), so that bounds scale their BM25 part
# as scores do.
RANKED_DOWN = 0.5
RANKED_DOWN_FLAG = "ranked_down"


def ranked_down(weight: float) -> bool:
    return weight <= RANKED_DOWN


# Passage documents; per report one report document (with the report's jieba
# vocabulary and the groups of names it defines as the same), one per
# section path (its headings), one per meeting and topic (their names); and
# one per distinct group of names in the whole index, which searches read.
PASSAGE, REPORT, SECTION, FACET = "passage", "report", "section", "facet"
ALIAS_GROUP = "aliasgroup"
# The index's table of names: one document per meeting or topic key and name
# a report gives it, with how many reports do, kept up to date by updates like
# the groups of names (build/name_groups.py). Its `named` terms, in the order
# of the lexicon, list the meetings and topics by key without reading a record;
# its `named_keys` terms lead from a name's lookup keys to the keys it names.
NAMED = "named"
NAMED_SEPARATOR = "\x1f"
# A file that reads to the same text as a report in the index: not indexed,
# remembered (its path, digests, the report it repeats) so that an update
# neither reads it again nor forgets it (build/duplicates.py).
DUPLICATE = "duplicate"


def later_in_segment(doc: dict) -> int:
    """Where a document goes in its segment (see writer.Writer): passages first,
    report documents last, so that the columns only passages have (length,
    order, content) and those only reports have (passages, source) each hold
    one run of documents."""
    kind = doc.get("kind")
    return 0 if kind == PASSAGE else 2 if kind == REPORT else 1


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
        if isinstance(self.format, Frequency):
            return ((t.encode("utf-8"), n, float(n), pack_uint(n)) for t, n in counts.items())
        return ((t.encode("utf-8"), 1, 1.0, b"") for t in counts)


def make_schema() -> Schema:
    return Schema(
        kind=ID(),
        id=ID(),  # a report's key, on its report document
        report=ID(),
        grams=TermSet(counts=True),
        flags=TermSet(),  # RANKED_DOWN_FLAG on passages ranked down
        joins=TermSet(counts=True),
        sites=TermSet(counts=True),  # names side by side (analysis/sites.py)
        length=COLUMN(NumericColumn("I")),
        order=COLUMN(FixedBytesColumn(PLACE_SIZE)),
        content=COLUMN(FixedBytesColumn(CONTENT_KEY_SIZE)),
        heading_grams=TermSet(),
        passages=COLUMN(TailColumn(NumericColumn("I"))),
        words=TermSet(),
        section=ID(),
        section_keys=TermSet(),
        # On passages: the keys of the headings a passage stands under (the
        # section_keys of its section), what --section looks up.
        under_keys=TermSet(),
        meeting=TermSet(),
        topics=TermSet(),
        facet=ID(),
        facet_keys=TermSet(),
        alias_keys=TermSet(),
        named=ID(),  # facet, key and name, NAMED_SEPARATOR between
        named_keys=TermSet(),  # facet and a name's lookup key, NAMED_SEPARATOR between
        source=COLUMN(TailColumn(VarBytesColumn())),
        agency_key=ID(),
        date=ID(),
        trip_type=ID(),
        # What a document keeps to be read back (build/stored.READ_BACK), compressed
        # in blocks (record_column.py), in place of Whoosh's stored fields.
        stored=COLUMN(RecordColumn()),
    )


class StoredRecords:
    """What each document stored (those of build/stored.READ_BACK it has), by
    document number: the stored column, opened on first use and kept, with the
    blocks it has decompressed, for the life of a reader."""

    def __init__(self, reader):
        self._reader, self._column = reader, None

    def __getitem__(self, docnum: int) -> dict:
        if self._column is None:
            self._column = read_column(self._reader, "stored")
        return self._column[docnum] or {}


def read_column(reader, name: str):
    """The column `name` of a Whoosh reader, by document number. An index with
    no documents has an EmptyReader, which has no columns (and nothing to look up).
    Our columns hold their values as they are (COLUMN fields translate nothing):
    without Whoosh's translating layer, a lookup is one call fewer."""
    return reader.column_reader(name, translate=False) if reader.has_column(name) else {}


class ColumnLookup:
    """A numeric column looked up one document at a time (a few microseconds
    each) until so many are looked up that reading all of it at once, in
    time that grows with the archive, costs less."""

    # About where the two cost the same at 10,000 reports (850,000 documents).
    WHOLE_AFTER = 3000

    def __init__(self, reader, name: str, whole: Callable[[], Sequence[int]]):
        self._column, self._whole = read_column(reader, name), whole
        self._values: Sequence[int] | None = None
        self._looked_up = 0

    def __getitem__(self, docnum: int) -> int:
        if self._values is None:
            self._looked_up += 1
            if self._looked_up <= self.WHOLE_AFTER:
                return self._column[docnum]
            self._values = self._whole()
        return self._values[docnum]

    def for_lookups(self, count: int):
        """Values by document number for about `count` lookups: the whole column
        read at once when they are many, else this lookup."""
        if self._values is None and self._looked_up + count > self.WHOLE_AFTER:
            self._values = self._whole()
        return self if self._values is None else self._values


def column_values(reader, name: str) -> Sequence[int]:
    """A numeric column of every document, read in one go per segment (looking
    values up one document at a time costs microseconds each, which adds up over
    the candidates of a common word). The values stay in one machine array:
    made into a list, the 868,000 lengths of 10,000 reports took 5-7 ms to
    read (1.0-1.5 ms as an array); indexed, an array makes each int as it is
    looked up, at no more cost over 60,000 candidates."""
    if not reader.has_column(name):
        return []
    column = reader.column_reader(name, translate=False)
    # Whoosh leaves out the segments that have no such column (a segment of
    # groups of names has no lengths): their documents take the default.
    parts = getattr(column, "_readers", [column])
    starts = getattr(column, "_doc_offsets", [0])
    numbers = [_whole_numbers(part) for part in parts]
    if None in numbers or len({n.typecode for n in numbers}) > 1:
        column = read_column(reader, name)
        return [column[d] for d in range(reader.doc_count_all())]
    default = reader.schema[name].column_type.default_value()
    values = array(numbers[0].typecode if numbers else "I")
    for start, part in zip(starts, numbers, strict=True):
        values.extend(_filled(values.typecode, default, start - len(values)))
        values.extend(part)
    values.extend(_filled(values.typecode, default, reader.doc_count_all() - len(values)))
    return values


def column_values_at(reader, name: str, docs):
    """A numeric column's values of these documents (a sorted numpy array),
    as a numpy array: each segment's values are looked up where they lie, so
    that the cost and the memory follow the documents asked for, not the
    archive (column_values() reads every document's)."""
    import numpy as np

    out = np.empty(len(docs), np.int64)
    if not len(docs):
        return out
    if not reader.has_column(name):
        out.fill(reader.schema[name].column_type.default_value())
        return out
    column = reader.column_reader(name, translate=False)
    parts = getattr(column, "_readers", [column])
    starts = getattr(column, "_doc_offsets", [0])
    # Documents of segments without the column take the default.
    out.fill(reader.schema[name].column_type.default_value())
    bounds = [*starts[1:], reader.doc_count_all()]
    for start, end, part in zip(starts, bounds, parts, strict=True):
        first, last = np.searchsorted(docs, [start, end])
        if first == last:
            continue
        local = docs[first:last] - start
        pieces = numeric_values_reader(part)
        if pieces is not None and pieces[0] in "bBhHiIlL" \
                and len(local) * SPARSE_VALUES < end - start:
            out[first:last] = _values_in_pieces(local, *pieces)
            continue
        found = numeric_column(part)
        if found is None or found[0] not in "bBhHiIlL":
            out[first:last] = [part[int(d)] for d in local]
            continue
        # A copy of the segment's values, let go after: mapped, every page
        # read would stay in the process (whoosh_door.MappedSegment).
        typecode, data, default, _ = found
        values = np.frombuffer(data, np.dtype(typecode).newbyteorder(">"))
        count = len(values)
        inside = local < count
        out[first:last] = default
        out[first:last][inside] = values[local[inside]]
    return out


# Documents asked of a segment's column, one per this many of its documents or
# fewer: their values are read in pieces around them, not the whole column
# (28 MB at 100,000 reports, copied for each group of candidates bounded).
SPARSE_VALUES = 64
# Values read in one piece when the documents lie at most this many apart:
# a read costs a call down to the file and a check of the chunks it touches
# (tens of microseconds), 8,192 values (32 KB of 4-byte lengths) a copy of
# a few. At 1,024 a first search at 100,000 reports made 1,100-3,500 reads
# of lengths (單一窗口: 3,495, some 30 ms of its 190); at 8,192, 38-156.
NEAR_VALUES = 8192


def _values_in_pieces(local, typecode: str, count: int, default: int, read):
    """A segment's values of these documents (sorted, numbered in the
    segment), each run of documents near each other read in one piece;
    documents past the values written take the default."""
    import numpy as np

    dtype = np.dtype(typecode).newbyteorder(">")
    out = np.full(len(local), default, np.int64)
    inside = int(np.searchsorted(local, count))
    if not inside:
        return out
    written = local[:inside]
    cuts = np.flatnonzero(np.diff(written) > NEAR_VALUES) + 1
    for run in np.split(np.arange(inside), cuts):
        first, last = int(written[run[0]]), int(written[run[-1]])
        values = np.frombuffer(read(first, last - first + 1), dtype)
        out[run] = values[written[run] - first]
    return out


def segment_numbers(segment, name: str) -> Sequence[int]:
    """One segment's numeric column, every document's value (the default where
    it has none), read in one go."""
    count = segment.doc_count_all()
    if not segment.has_column(name):
        return _filled("I", segment.schema[name].column_type.default_value(), count)
    column = segment.column_reader(name, translate=False)
    numbers = _whole_numbers(column)
    if numbers is None:
        return [column[d] for d in range(count)]
    return numbers


def segment_numbers_span(segment, name: str, start: int, stop: int):
    """One segment's numeric column, the values of documents `start` to
    `stop - 1` (a numpy array; the default where a document has none): only
    their bytes read, not the segment's every value (a column only report
    documents have leaves the passages before them to the default)."""
    import numpy as np

    column = segment.column_reader(name, translate=False) if segment.has_column(name) else None
    first = 0
    if isinstance(column, TailReader):
        first, column = column.first, column.inner
    pieces = None if column is None else numeric_values_reader(column)
    if pieces is None or pieces[0] not in "bBhHiIlL":
        return np.asarray(segment_numbers(segment, name)[start:stop], np.int64)
    typecode, written, default, read = pieces
    out = np.full(max(stop - start, 0), default, np.int64)
    low, high = max(start, first), min(stop, first + written)
    if low < high:
        out[low - start:high - start] = np.frombuffer(
            read(low - first, high - low), np.dtype(typecode).newbyteorder(">"))
    return out


def fixed_column_slices(reader, name: str, width: int):
    """A fixed-width bytes column of every document, read in one go per
    segment: for each, (its first document, how many values it holds, the
    values side by side, `width` bytes each); None when a segment's column is
    not a plain fixed-width bytes column of that width (look values up one by one)."""
    if not reader.has_column(name):
        return None
    column = reader.column_reader(name, translate=False)
    parts = getattr(column, "_readers", [column])
    starts = getattr(column, "_doc_offsets", [0])
    out = []
    for start, part in zip(starts, parts, strict=True):
        found = fixed_bytes_column(part)
        if found is None or found[0] != width:
            return None
        out.append((start, found[1], found[2]))
    return out


def _filled(typecode: str, value: int, count: int) -> array:
    return array(typecode, [value]) * max(count, 0)


def _whole_numbers(part) -> array | None:
    """Every value of one segment's integer column, or None for another kind."""
    import sys

    leading = None
    if isinstance(part, TailReader):
        leading, part = (part.default, part.first), part.inner
    numbers = numeric_column(part)
    if numbers is None or numbers[0] not in "bBhHiIlL":
        return None
    typecode, raw, default, unfilled = numbers
    data = array(typecode)
    data.frombytes(raw)
    if sys.byteorder == "little":
        data.byteswap()  # Whoosh writes them big-endian
    data.extend(_filled(data.typecode, default, unfilled))
    if leading is not None:
        data = _filled(data.typecode, *leading) + data
    return data


def search_build_info() -> dict:
    """What a search must agree with: schema and text folding."""
    return {"schema_version": SCHEMA_VERSION, "folding": FOLDING, "segmenter": SEGMENTER}
