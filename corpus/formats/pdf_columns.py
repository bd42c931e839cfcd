"""A PDF page set in two columns, read column by column.

Side by side on one baseline, the lines of two columns would read as the
rows of a two-column table. A page is set in columns when a vertical band
(the gutter), a few characters wide, that no run of text crosses, but for a few full-width lines
(a title, a centred page number), has runs of prose on both sides: columns
of about one width, whose lines mostly run to the column's right edge (a
table's first column is narrow and its cells stop short). Such a page is
read as its full-width lines in place and, between two of them, the left
column's lines, then the right column's, moved left onto the left column, so
that the paragraph logic sees one column of text that goes on from the foot
of one column to the head of the next.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import median

from .pdf_lines import PageLine, Segment, page_lines

# Runs on the fuller side of a gutter, and on the other (a last page's short
# column), at the least, for a page in columns.
MIN_RUNS = 6
MIN_SHORT_RUNS = 3
# Of the page's runs, at most this share may cross the gutter (full-width lines).
MAX_CROSSING = 0.2
# The narrower column is at least this share of the wider one.
SIMILAR_WIDTH = 0.7
# Of a column's runs, at least this share run to its right edge (full lines of prose).
FULL_SHARE = 0.5
# A gutter is at most this many type sizes wide: a wider band between a
# table's first cells and its second column's is no gutter.
MAX_GUTTER = 5
# Of the baselines with runs on both sides, this share holding three runs or
# more makes the page a table's, not two columns.
TABLE_SHARE = 0.25


def column_pages(pages: list[list[Segment]]) -> list[list[PageLine]]:
    """Each page's lines in reading order: column by column where the page is
    set in two. Columns are the document's: a page that shows no gutter of its
    own (a last page whose second column holds a line or two) has the one the
    others show, if no more of its lines cross it than a full page's do."""
    gutters = [find_gutter(page) for page in pages]
    found = [g for g in gutters if g is not None]
    common = (median(g[0] for g in found), median(g[1] for g in found)) if found else None
    out = []
    for page, gutter in zip(pages, gutters, strict=True):
        if gutter is None and common is not None and fits(page, common):
            gutter = common
        out.append(page_lines(page) if gutter is None else column_lines(page, gutter))
    return out


def fits(page: list[Segment], gutter: tuple[float, float]) -> bool:
    """Whether a page's runs keep out of the gutter but for a few, with some
    right of it."""
    start, end = gutter
    crossing = sum(1 for s in page if s.right > start and s.left < end)
    return any(s.left >= end for s in page) and crossing <= MAX_CROSSING * len(page)


def column_lines(segments: list[Segment], gutter: tuple[float, float]) -> list[PageLine]:
    """The page's lines in reading order, column by column."""
    start, end = gutter
    left = [s for s in segments if s.right <= start]
    right = [s for s in segments if s.left >= end]
    full = [s for s in segments if s.right > start and s.left < end]  # page number too
    if not left or not right:
        return page_lines(segments)
    margin = min(s.left for s in left)
    shift = min(s.left for s in right) - margin
    moved = [replace(s, left=s.left - shift, right=s.right - shift,
                     starts=tuple(x - shift for x in s.starts)) for s in right]
    lefts, rights = page_lines(left), page_lines(moved)
    out: list[PageLine] = []
    for line in page_lines(full):
        out += [a for a in lefts if a.bottom > line.bottom] + \
            [b for b in rights if b.bottom > line.bottom]
        lefts = [a for a in lefts if a.bottom <= line.bottom]
        rights = [b for b in rights if b.bottom <= line.bottom]
        out.append(line)
    return out + lefts + rights


def find_gutter(segments: list[Segment]) -> tuple[float, float] | None:
    """(right edge of the left column, left edge of the right column), if the
    page is set in two columns."""
    if len(segments) < MIN_RUNS + MIN_SHORT_RUNS:
        return None
    size = median(s.size for s in segments)
    # Columns are set in the body's type: a running header, a page number or a
    # footnote in a smaller one is no evidence of a column (a table's rows
    # under a header and above a page number would otherwise look like two).
    segments = [s for s in segments if abs(s.size - size) <= 0.1 * size]
    if len(segments) < MIN_RUNS + MIN_SHORT_RUNS:
        return None
    lo, hi = min(s.left for s in segments), max(s.right for s in segments)
    best = None
    for x in sorted({round(s.left) for s in segments}):
        if not lo + 0.3 * (hi - lo) <= x <= lo + 0.7 * (hi - lo):
            continue
        right = [s for s in segments if s.left >= x - 0.5 * size]
        left = [s for s in segments if s.right < x - 0.5 * size]
        crossing = len(segments) - len(left) - len(right)
        if min(len(left), len(right)) < MIN_SHORT_RUNS or max(len(left), len(right)) < MIN_RUNS \
                or crossing > MAX_CROSSING * len(segments):
            continue
        if best is None or min(len(left), len(right)) > best[0]:
            best = (min(len(left), len(right)), max(s.right for s in left),
                    min(s.left for s in right), left, right)
    if best is None or table_rows(segments, size):
        return None
    _, _, end, left, right = best
    # The left column ends where its full lines do: a line past it (a centred
    # page number) crosses the gutter.
    start = sorted(s.right for s in left)[int(0.9 * (len(left) - 1))] + 0.5 * size
    left = [s for s in left if s.right <= start]
    if not (prose(left, size) and prose(right, size)):
        return None
    widths = (start - min(s.left for s in left), max(s.right for s in right) - end)
    if min(widths) < SIMILAR_WIDTH * max(widths) or end - start > MAX_GUTTER * size:
        return None
    return start, end


def table_rows(segments: list[Segment], size: float) -> bool:
    """Whether the page's lines are a table's rows: two columns put one run on
    a baseline each, a table of three or more columns puts more on many."""
    runs: dict[int, int] = {}
    for s in segments:
        key = round(s.baseline / (0.5 * size))
        runs[key] = runs.get(key, 0) + 1
    shared = [n for n in runs.values() if n >= 2]
    return bool(shared) and sum(1 for n in shared if n >= 3) >= TABLE_SHARE * len(shared)


def prose(column: list[Segment], size: float) -> bool:
    """Whether most runs of a column reach its right edge, as full lines of text do."""
    edge = sorted(s.right for s in column)[int(0.9 * (len(column) - 1))]
    return sum(1 for s in column if s.right >= edge - 2 * size) >= FULL_SHARE * len(column)
