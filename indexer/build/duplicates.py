"""The same report in two files is indexed once.

Two files are the same report when they read to the same text
(corpus.text_digest): a report kept as PDF and as DOCX, a copied text file.
Of such files one stands for the report: the one the index held as a report
before (an update never swaps it for its copy, nor reads the copy again),
else the one whose path sorts first. The others are duplicates: not indexed,
but remembered in the index (a DUPLICATE document: path, digests, the report
it repeats), so that `rsearch reports` names them and an update reads one
again only when it changed or its report changed or went: then it may stand
in its place.

The embedded index settles duplicates after an update's commit, from what
the index holds (`settle_index`): a run cut short between the two commits
leaves both files indexed, and the next update settles them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from ..storage import DUPLICATE, REPORT, StoredRecords, posting_set, read_column
from .documents import Source, with_stored
from .name_groups import NameGroups
from .writer import open_writer

# A duplicate's document is found by this id (a report key never holds ":").
DUPLICATE_ID = "duplicate:"


@dataclass(frozen=True)
class Copy:
    """A file held as a report: its path, key, and digests of bytes and text
    ("" when indexed before texts were recorded: it is compared with none)."""

    path: str
    key: str
    digest: str
    text: str
    docnum: int = -1  # its report document in the index it was read from


@dataclass(frozen=True)
class Duplicate:
    """A file not indexed: it reads as the report of the file `of` (key `of_key`)."""

    path: str
    key: str
    digest: str
    text: str
    of: str
    of_key: str


def settle(reports: Iterable[Copy], stood: set[str]) -> list[Duplicate]:
    """The reports that repeat another, by path: of each group that reads to
    one text, the one in `stood` (the first by path, if several) stands,
    else the first by path; the others repeat it."""
    groups: dict[str, list[Copy]] = defaultdict(list)
    for report in reports:
        if report.text:
            groups[report.text].append(report)
    found = []
    for group in groups.values():
        if len(group) > 1:
            stands = min(group, key=lambda r: (r.path not in stood, r.path))
            found += [Duplicate(r.path, r.key, r.digest, r.text, stands.path, stands.key)
                      for r in group if r is not stands]
    return sorted(found, key=lambda d: d.path)


def duplicate_document(duplicate: Duplicate) -> dict:
    return with_stored({"kind": DUPLICATE, "id": DUPLICATE_ID + duplicate.key,
                        "data": asdict(duplicate)})


def forget_duplicate(writer, duplicate: Duplicate) -> None:
    writer.delete_by_term("id", DUPLICATE_ID + duplicate.key)


def indexed_copies(ix) -> tuple[list[Copy], dict[str, Duplicate]]:
    """The reports an index holds, and the duplicates it remembers by path."""
    with ix.reader() as reader:
        column = read_column(reader, "source")
        reports = []
        for docnum in sorted(posting_set(reader, "kind", REPORT)):
            source = Source.decode(column[docnum])
            reports.append(Copy(source.path, source.key, source.digest, source.text, docnum))
    return reports, remembered_duplicates(ix)


def remembered_duplicates(ix) -> dict[str, Duplicate]:
    """The duplicates an index remembers, by path."""
    with ix.reader() as reader:
        records = StoredRecords(reader)
        found = [Duplicate(**records[d]["data"])
                 for d in sorted(posting_set(reader, "kind", DUPLICATE))]
    return {d.path: d for d in found}


def settle_index(ix, stood: set[str], mergetype) -> tuple[list[Duplicate], dict[str, int]]:
    """Settle the reports an index holds after a commit: each found to repeat
    another is deleted and remembered as a duplicate (committed with the
    merge policy `mergetype`). Returns every duplicate the index remembers,
    and the new ones' passage counts (by path)."""
    reports, remembered = indexed_copies(ix)
    found = settle(reports, stood)
    if not found:
        return sorted(remembered.values(), key=lambda d: d.path), {}
    docnums = {report.key: report.docnum for report in reports}
    with ix.reader() as reader:
        passages = read_column(reader, "passages")
        counts = {key: passages[docnum] for key, docnum in docnums.items()}
        groups = NameGroups(reader)
        writer = open_writer(ix)
        try:
            for duplicate in found:
                writer.delete_by_term("report", duplicate.key)
                groups.drop(docnums[duplicate.key])
                forget_duplicate(writer, duplicate)
                writer.add_document(**duplicate_document(duplicate))
            groups.write(writer)
        except BaseException:
            writer.cancel()
            raise
    writer.commit(mergetype=mergetype)
    remembered.update((d.path, d) for d in found)
    return (sorted(remembered.values(), key=lambda d: d.path),
            {d.path: counts.get(d.key, 0) for d in found})
