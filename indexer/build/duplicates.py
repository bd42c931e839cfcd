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

The embedded index settles duplicates after an update's commit, from its
list of report files (storage/sources.py) and the texts the update wrote
(`settle_index`); both commits are sealed by one checksums file, so a run
cut short leaves neither. An index whose list is made from its report
documents (one from before the list) is settled whole once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Container, Iterable
from dataclasses import asdict, dataclass

from ..storage import DUPLICATE, Sources, StoredRecords, posting_set
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


def settle(reports: Iterable[Copy], stood: Container[str]) -> list[Duplicate]:
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
    from .stored import with_stored

    return with_stored({"kind": DUPLICATE, "id": DUPLICATE_ID + duplicate.key,
                        "data": asdict(duplicate)})


def forget_duplicate(writer, duplicate: Duplicate) -> None:
    writer.delete_by_term("id", DUPLICATE_ID + duplicate.key)


# What an update does with a file it read (sort_read).
UNCHANGED, STILL_DUPLICATE, TO_INDEX = "unchanged", "duplicate", "index"


def sort_read(digest: str, indexed: str | None, copy: Duplicate | None) -> str:
    """What becomes of a file an update read, whose bytes have `digest`:
    UNCHANGED when the index holds its report from these bytes (`indexed`, the
    digest it keeps; None for a file it holds no report of); STILL_DUPLICATE
    when it is remembered as a duplicate (`copy`) of these bytes (it stays
    one while the report it repeats stays as it was); else TO_INDEX. Every
    engine's update sorts read files by this."""
    if indexed is not None and indexed == digest:
        return UNCHANGED
    if copy is not None and copy.digest == digest:
        return STILL_DUPLICATE
    return TO_INDEX


def remembered_duplicates(reader) -> dict[str, Duplicate]:
    """The duplicates an index remembers (read by `reader`), by path."""
    records = StoredRecords(reader)
    found = [Duplicate(**records[d]["data"])
             for d in sorted(posting_set(reader, "kind", DUPLICATE))]
    return {d.path: d for d in found}


def report_docnum(reader, key: str) -> int | None:
    """The live report document of a report key (its `id` term)."""
    found = posting_set(reader, "id", key)
    return min(found) if found else None


def repeating(sources: Sources, texts: Iterable[str] | None) -> list[Copy]:
    """The reports of `sources` whose text another report has too: among
    those of the texts given (the reports an update wrote), or among all
    (None: a list read from the report documents, which an update cut short
    before settling may have left with both files of a report)."""
    if texts is None:
        counts = Counter(sources.column("texts"))
        shared = {text for text, n in counts.items() if n > 1 and text}
    else:
        shared = {text for text in texts if sources.holding_text(text) > 1}
    if not shared:
        return []
    return [Copy(r.path, r.key, r.digest, r.text) for r in sources if r.text in shared]


def settle_index(ix, sources: Sources, texts: Iterable[str] | None, stood: Container[str],
                 remembered: dict[str, Duplicate], mergetype
                 ) -> tuple[list[Duplicate], dict[str, int], Sources]:
    """Settle the reports an index holds after a commit (`sources`, the list
    of them; `texts`, see `repeating`; `remembered`, the duplicates it
    remembers): each found to repeat another is deleted and remembered as a
    duplicate (committed with the merge policy `mergetype`). Returns every
    duplicate the index remembers, the new ones' passage counts (by path),
    and the list of reports without them."""
    remembered = dict(remembered)
    found = settle(repeating(sources, texts), stood)
    if not found:
        return sorted(remembered.values(), key=lambda d: d.path), {}, sources
    counts = {}
    with ix.reader() as reader:
        records = StoredRecords(reader)
        groups = NameGroups(reader)
        writer = open_writer(ix, lookup=reader)
        try:
            for duplicate in found:
                docnum = report_docnum(reader, duplicate.key)
                if docnum is not None:
                    counts[duplicate.path] = records[docnum]["data"]["passages"]
                    groups.drop(docnum)
                writer.delete_by_term("report", duplicate.key)
                forget_duplicate(writer, duplicate)
                writer.add_document(**duplicate_document(duplicate))
            groups.write(writer)
        except BaseException:
            writer.cancel()
            raise
    writer.commit(mergetype=mergetype)
    remembered.update((d.path, d) for d in found)
    return (sorted(remembered.values(), key=lambda d: d.path),
            {d.path: counts.get(d.path, 0) for d in found},
            sources.changed([d.path for d in found], []))
