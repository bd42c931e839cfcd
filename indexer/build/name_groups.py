"""The index's groups of names (the aliases reports define, glossary.py), one
document per distinct group with how many reports define it, and its table of
names (the names reports give their meetings and topics, one document per
facet, key and name: named_entries), kept up to date by what an update
changes: the reports it deletes and the ones it writes.

An update reads the records of the reports it deletes and of the groups and
entries whose count it changes (a group found by its rarest lookup key, an
entry by its term), never every report's or group's record, so its cost
follows the change, not the archive. An index written before the counts of
groups were kept has its groups recounted once from every report's record.
"""

from __future__ import annotations

import json
from collections import Counter


def alias_group(names: list[str]) -> str:
    """A group of names the report defines as the same, as the index keeps it."""
    return json.dumps(names, ensure_ascii=False)


def report_alias_groups(report_data: dict) -> set[bytes]:
    """What a report counts for (its report document's data): the groups of
    names it defines, and its entries in the table of names."""
    return ({group.encode("utf-8") for group in report_data["alias_groups"]}
            | named_entries(report_data))


# An entry of the table of names: the facet, the key and one name of a meeting
# or topic (the key's own entry has no name, so that every key is listed),
# counted over the reports that give it as a group of names is.
NAMED_ENTRY = b"\x01"


def named_entries(report_data: dict) -> set[bytes]:
    """A report's entries in the table of names (its report document's data)."""
    from ..storage import NAMED_SEPARATOR

    entries = set()
    for facet, items in (("meeting", report_data["meetings"]), ("topic", report_data["topics"])):
        for item in items:
            for name in ("", *item["names"]):
                entries.add(NAMED_ENTRY + NAMED_SEPARATOR.join(
                    (facet, item["key"], name)).encode("utf-8"))
    return entries


def is_named(entry: bytes) -> bool:
    return entry.startswith(NAMED_ENTRY)


def named_term(entry: bytes) -> str:
    """An entry's term in the `named` field."""
    return entry[len(NAMED_ENTRY):].decode("utf-8")


def named_document(entry: bytes, reports: int) -> dict:
    """One entry of the table of names, with how many reports give it; its
    `named_keys` lead from the name's lookup keys to it."""
    from ..storage import NAMED, NAMED_SEPARATOR
    from .documents import name_keys
    from .stored import with_stored

    facet, _, name = named_term(entry).split(NAMED_SEPARATOR)
    keys = name_keys([name]) if name else set()
    return with_stored({"kind": NAMED, "named": named_term(entry),
                        "named_keys": " ".join(sorted(f"{facet}{NAMED_SEPARATOR}{k}"
                                                      for k in keys)),
                        "named_reports": reports})


def alias_fields(group: bytes) -> dict:
    """The lookup keys and the names of a group of names (JSON) as fields."""
    from ..analysis import fold_key

    keys = {fold_key(name) for name in json.loads(group)} - {""}
    return {"alias_keys": " ".join(sorted(keys)), "alias_names": group}


def alias_group_document(group: bytes, reports: int) -> dict:
    """One distinct group of names, whichever reports define it, with how many
    do (an update that removes one of them tells whether the group goes); or
    one entry of the table of names (named_document)."""
    from ..storage import ALIAS_GROUP
    from .stored import with_stored

    if is_named(group):
        return named_document(group, reports)
    return with_stored({"kind": ALIAS_GROUP, **alias_fields(group), "alias_reports": reports})


class _SegmentsHolding:
    """A reader's segments that hold documents of some kinds, as the lookups
    of storage.postings take a reader: a group's keys are looked up in the
    few segments that hold group documents (a build writes them all into one,
    an update into its own), not in each of the index's segments (dozens at
    100,000 reports, each lookup some reads of its term table)."""

    def __init__(self, reader, kinds: tuple[str, ...]) -> None:
        from ..storage import segments

        self._leaves = [(segment, offset) for segment, offset in segments(reader)
                        if any(segment.doc_frequency("kind", kind) for kind in kinds)]

    def is_atomic(self) -> bool:
        return False

    def leaf_readers(self) -> list[tuple]:
        return self._leaves

    def doc_frequency(self, field: str, text: str) -> int:
        return sum(segment.doc_frequency(field, text) for segment, _ in self._leaves)


class NameGroups:
    """The group and name-table documents of an index as an update changes them."""

    def __init__(self, reader) -> None:
        from ..storage import ALIAS_GROUP, NAMED, StoredRecords

        self._all = reader  # (report documents are in every segment)
        self._reader = _SegmentsHolding(reader, (ALIAS_GROUP, NAMED))
        self._records = StoredRecords(reader)
        self._added: Counter[bytes] = Counter()
        self._removed: Counter[bytes] = Counter()
        self._dropped: set[int] = set()

    def drop(self, report_docnum: int) -> None:
        """A report document the update deletes: its groups lose one report."""
        if report_docnum not in self._dropped:
            self._dropped.add(report_docnum)
            self._removed.update(report_alias_groups(self._records[report_docnum]["data"]))

    def add(self, groups) -> None:
        """A report the update writes defines these groups."""
        self._added.update(groups)

    def write(self, writer) -> None:
        """Delete the documents of the groups whose count changed, and add them
        again with their new count if a report still defines them."""
        changes = {group: self._added[group] - self._removed[group]
                   for group in self._added.keys() | self._removed.keys()}
        docs = {group: self._find(group) for group in changes if changes[group]}
        if self._uncounted() or any(found is not None and found[1] is None
                                    for group, found in docs.items() if not is_named(group)):
            named = {group: found for group, found in docs.items() if is_named(group)}
            docs, counts = self._recount()
            docs.update(named)
            counts.update({group: (found[1] if found else 0) + changes[group]
                           for group, found in named.items()})
        else:
            counts = {group: (found[1] if found else 0) + changes[group]
                      for group, found in docs.items()}
        for group in sorted(docs.keys() | counts.keys()):
            if docs.get(group) is not None:
                writer.delete_document(docs[group][0])
            if counts.get(group, 0) > 0:
                writer.add_document(**alias_group_document(group, counts[group]))

    def _uncounted(self) -> bool:
        """Whether the index keeps no counts of groups (one group document tells)."""
        from ..storage import ALIAS_GROUP, posting_ids

        for docnum in posting_ids(self._reader, "kind", ALIAS_GROUP)[:1]:
            return "alias_reports" not in self._records[docnum]
        return False

    def _find(self, group: bytes) -> tuple[int, int | None] | None:
        """A group's document and how many reports define it (None if the
        index does not keep it), found by the rarest of its lookup keys (an
        entry of the table of names by its term); None when the index has no
        document of it."""
        from ..storage import ALIAS_GROUP, posting_ids, posting_set

        if is_named(group):
            found = posting_ids(self._reader, "named", named_term(group))
            return (found[0], self._records[found[0]]["named_reports"]) if found else None
        keys = alias_fields(group)["alias_keys"].split()
        if keys:
            rarest = min(keys, key=lambda k: self._reader.doc_frequency("alias_keys", k))
            candidates = posting_set(self._reader, "alias_keys", rarest)
        else:
            candidates = posting_set(self._reader, "kind", ALIAS_GROUP)
        for docnum in sorted(candidates):
            record = self._records[docnum]
            if record.get("alias_names") == group:
                return docnum, record.get("alias_reports")
        return None

    def _recount(self) -> tuple[dict[bytes, tuple[int, None]], Counter[bytes]]:
        """Every group's document and count, from every report's record (an
        index without counts of groups; the table of names is kept by the
        changes alone)."""
        from ..storage import ALIAS_GROUP, REPORT, posting_set

        docs = {}
        for docnum in sorted(posting_set(self._reader, "kind", ALIAS_GROUP)):
            docs[self._records[docnum]["alias_names"]] = (docnum, None)
        counts: Counter[bytes] = Counter()
        for docnum in sorted(posting_set(self._all, "kind", REPORT)):
            if docnum not in self._dropped:
                counts.update(group for group in report_alias_groups(
                    self._records[docnum]["data"]) if not is_named(group))
        return docs, counts + Counter({group: n for group, n in self._added.items()
                                       if not is_named(group)})
