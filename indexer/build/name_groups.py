"""The index's groups of names (the aliases reports define, glossary.py), one
document per distinct group with how many reports define it, kept up to date
by what an update changes: the reports it deletes and the ones it writes.

An update reads the records of the reports it deletes and the group
documents, never every report's record, so its cost follows the change, not
the archive. An index written before the counts were kept is recounted once
from every report's record.
"""

from __future__ import annotations

from collections import Counter


class NameGroups:
    """The group documents of an index as an update changes them."""

    def __init__(self, reader) -> None:
        from ..storage import ALIAS_GROUP, StoredRecords, posting_set

        self._reader = reader
        self._records = StoredRecords(reader)
        # group -> (its document, how many reports define it; None if not kept)
        self._docs: dict[bytes, tuple[int, int | None]] = {}
        for docnum in sorted(posting_set(reader, "kind", ALIAS_GROUP)):
            record = self._records[docnum]
            self._docs[record["alias_names"]] = (docnum, record.get("alias_reports"))
        self._added: Counter[bytes] = Counter()
        self._removed: Counter[bytes] = Counter()
        self._dropped: set[int] = set()

    def drop(self, report_docnum: int) -> None:
        """A report document the update deletes: its groups lose one report."""
        from .documents import report_alias_groups

        if report_docnum not in self._dropped:
            self._dropped.add(report_docnum)
            self._removed.update(report_alias_groups(self._records[report_docnum]["data"]))

    def add(self, groups) -> None:
        """A report the update writes defines these groups."""
        self._added.update(groups)

    def write(self, writer) -> None:
        """Delete the documents of the groups whose count changed, and add them
        again with their new count if a report still defines them."""
        from .documents import alias_group_document

        if any(count is None for _, count in self._docs.values()):
            counts = self._recount()
            changed = self._docs.keys() | counts.keys()
        else:
            counts = {group: count for group, (_, count) in self._docs.items()}
            changed = set()
            for group in self._added.keys() | self._removed.keys():
                change = self._added[group] - self._removed[group]
                if change:
                    counts[group] = counts.get(group, 0) + change
                    changed.add(group)
        for group in sorted(changed):
            if group in self._docs:
                writer.delete_document(self._docs[group][0])
            if counts.get(group, 0) > 0:
                writer.add_document(**alias_group_document(group, counts[group]))

    def _recount(self) -> Counter[bytes]:
        """Every group's count from every report's record (an index without counts)."""
        from ..storage import REPORT, posting_set
        from .documents import report_alias_groups

        counts: Counter[bytes] = Counter()
        for docnum in sorted(posting_set(self._reader, "kind", REPORT)):
            if docnum not in self._dropped:
                counts.update(report_alias_groups(self._records[docnum]["data"]))
        return counts + self._added
