"""The index's groups of names (the aliases reports define, glossary.py), one
document per distinct group with how many reports define it, and its table of
names (the names reports give their meetings and topics, one document per
facet, key and name, documents.named_entries), kept up to date by what an
update changes: the reports it deletes and the ones it writes.

An update reads the records of the reports it deletes and the group
documents, and of the table of names only the entries it changes (found by
their term), never every report's record, so its cost follows the change,
not the archive. An index written before the counts of groups were kept is
recounted once from every report's record.
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
        from .documents import alias_group_document, is_named

        touched = self._added.keys() | self._removed.keys()
        self._find_named(sorted(g for g in touched if is_named(g)))
        counts = {group: count for group, (_, count) in self._docs.items()}
        changed = set()
        for group in touched:
            change = self._added[group] - self._removed[group]
            if change:
                counts[group] = (counts.get(group) or 0) + change
                changed.add(group)
        if any(count is None for _, count in self._docs.values()):
            recounted = self._recount()
            aliases = {g for g in self._docs.keys() | recounted.keys() if not is_named(g)}
            counts.update({group: recounted.get(group, 0) for group in aliases})
            changed |= aliases
        for group in sorted(changed):
            if group in self._docs:
                writer.delete_document(self._docs[group][0])
            if counts.get(group, 0) > 0:
                writer.add_document(**alias_group_document(group, counts[group]))

    def _find_named(self, entries: list[bytes]) -> None:
        """The documents of these entries of the table of names, with their counts."""
        from ..storage import posting_ids
        from .documents import named_term

        for entry in entries:
            docs = posting_ids(self._reader, "named", named_term(entry))
            if docs:
                self._docs[entry] = (docs[0], self._records[docs[0]]["named_reports"])

    def _recount(self) -> Counter[bytes]:
        """Every group's count from every report's record (an index without
        counts of groups; the table of names is kept by the changes alone)."""
        from ..storage import REPORT, posting_set
        from .documents import is_named, report_alias_groups

        counts: Counter[bytes] = Counter()
        for docnum in sorted(posting_set(self._reader, "kind", REPORT)):
            if docnum not in self._dropped:
                counts.update(g for g in report_alias_groups(self._records[docnum]["data"])
                              if not is_named(g))
        return counts + Counter({g: n for g, n in self._added.items() if not is_named(g)})
