"""An index opened and checked, and the columns a search reads of it whole,
once per opened index (what a search asks of it is search.py's).

Opening reads the current generation, checks its build information (the
parser and schema it was built with) and opens its segments; what is read
whole (passages' lengths and places, the report parts keys share, the
passage count, the bits of passages ranked down) is read by the first search
that needs it and kept for every search after it. Every passage's length,
which a search bounding many candidates over arrays otherwise reads around
them, is kept from the second search of an opened index on: a process that
searched again will search again (a one-shot search does not pay for it).
So is which segments hold their places in order (ties read fewer places),
and what searches decoded and intersected of the postings (kept.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import damage_reported
from ..storage import (
    PLACE_SIZE,
    RANKED_DOWN_FLAG,
    IndexReading,
    build_info,
    check_build_info,
    column_values,
    current_generation,
    fixed_column_slices,
    open_whoosh,
    read_build_info,
)

if TYPE_CHECKING:
    from .index_counts import SharedParts


class OpenedIndex:
    """An index's current generation, opened once its build information is
    checked, and what searches read of it whole (each once, when first
    needed)."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        generation = current_generation(self.index_dir)
        recorded = read_build_info(generation)
        check_build_info(recorded, build_info(recorded), self.index_dir)
        self.ix = open_whoosh(generation)
        with damage_reported(self.index_dir):
            self.searcher = IndexReading(self.ix)
        self._ranked_down = None  # _ranked_down_bits()
        self._searched = False  # a search ran: the next keeps lengths (_kept_lengths)

    @property
    def stored(self):
        """Documents' stored records by number (generations.IndexReading)."""
        return self.searcher.stored

    def close(self) -> None:
        self.searcher.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @cached_property
    def _places(self):
        """Every document's place, read whole once (fixed_column_slices): a count
        looks up the report of each passage it counts."""
        return fixed_column_slices(self.searcher.reader(), "order", PLACE_SIZE)

    @cached_property
    def _report_prefixes(self) -> SharedParts:
        """Which report parts of places more than one report key shares (a
        passage's report is read from its place where only one does)."""
        from .index_counts import SharedParts

        return SharedParts(self.searcher.reader())

    @cached_property
    def _passage_lengths(self) -> Sequence[int]:
        """Every passage's length in index terms (the BM25 bound needs it for each
        candidate: read at once, not looked up one by one)."""
        return column_values(self.searcher.reader(), "length")

    def _ranked_down_bits(self, make: bool):
        """The passages ranked down as a bit each (arrays.DocBits), made once
        per opened index by the first search that would read the flag's
        postings whole, and asked by every search after it; None until then."""
        if self._ranked_down is None and make:
            from .arrays import DocBits

            self._ranked_down = DocBits.of_term(self.searcher.reader(), "flags",
                                                RANKED_DOWN_FLAG)
        return self._ranked_down

    @cached_property
    def _place_order(self):
        """Which segments' places ascend with their documents
        (place_reads.PlaceOrder), learned by the searches that break ties."""
        from .place_reads import PlaceOrder

        return PlaceOrder()

    @cached_property
    def _kept_postings(self):
        """The arrays searches made of this index's postings, kept for the
        searches after them (kept.KeptPostings): handed to the second search
        on, as lengths are."""
        from .kept import KeptPostings

        return KeptPostings()

    def _kept_lengths(self):
        """Every document's length as a numpy array (over _passage_lengths, not
        copied: 28 MB at 100,000 reports, 44 ms CPU to read once), once this
        opened index has searched before; None for its first search."""
        if not self._searched:
            return None
        import numpy as np

        lengths = self._passage_lengths
        return np.frombuffer(lengths, np.dtype(lengths.typecode)) if len(lengths) else None

    @cached_property
    def _passage_count(self) -> int:
        from .index_counts import passage_count

        return passage_count(self.searcher.reader())
