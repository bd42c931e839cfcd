"""What an opened index holds: its reports, the meetings (and the other units
of a trip: sessions, visited sites, course days) and topics they are about,
each with the number of passages under it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..analysis import BUNDLED, fold_key, load_glossary
from ..storage import DUPLICATE, PASSAGE, IndexReading, holding_every
from .filters import Filters


class Listings:
    """Listings of one opened index. `report_docs(filters)` gives the report
    documents that filters allow (the index's FilterResolver)."""

    def __init__(self, reading: IndexReading,
                 report_docs: Callable[[Filters], Iterable[int]]):
        self.reading, self.report_docs = reading, report_docs

    def reports(self, filters: Filters | None = None) -> list[dict]:
        """Reports with their metadata, by date (undated last), then key; each
        with the files that repeat it (`duplicates`: their paths)."""
        stored = self.reading.stored
        copies = self._duplicates()
        out = [{"key": stored[d]["report"], **stored[d]["data"],
                "duplicates": copies.get(stored[d]["report"], [])}
               for d in self.report_docs(filters or Filters())]
        return sorted(out, key=lambda r: (not r.get("report_date_iso"),
                                          r.get("report_date_iso", ""), r["key"]))

    def meetings(self) -> list[dict]:
        return self._named("meetings", "meeting")

    def units(self) -> list[dict]:
        """Each report's meetings, sessions, visited sites and days, in report order,
        with the number of passages under each."""
        return [{"report": report["key"], "key": item["key"],
                 "kind": item.get("kind", "meeting"), "names": item["names"],
                 "passages": self._passages(("report", report["key"]),
                                            ("meeting", fold_key(item["key"])))}
                for report in self.reports() for item in report["meetings"]]

    def topics(self) -> list[dict]:
        """Topics with the names the reports give them, and those the glossaries add."""
        return with_glossary_names(self._named("topics", "topics"))

    def _named(self, kind: str, field_name: str) -> list[dict]:
        """Meetings or topics of all reports, merged by key, with passage counts."""
        merged: dict[str, dict] = {}
        for report in self.reports():
            for item in report[kind]:
                entry = merged.setdefault(item["key"], {"key": item["key"], "names": [],
                                                        "reports": []})
                entry["names"] += [n for n in item["names"] if n not in entry["names"]]
                entry["reports"].append(report["key"])
        for key, entry in merged.items():
            entry["passages"] = self._passages((field_name, fold_key(key)))
        return list(merged.values())

    def _duplicates(self) -> dict[str, list[str]]:
        """The paths of the files that repeat a report, by its key (build/duplicates.py)."""
        reader, stored = self.reading.reader(), self.reading.stored
        if not reader.doc_frequency("kind", DUPLICATE):
            return {}
        copies: dict[str, list[str]] = {}
        for d in holding_every(reader, [("kind", DUPLICATE)]):
            data = stored[d]["data"]
            copies.setdefault(data["of_key"], []).append(data["path"])
        return {key: sorted(paths) for key, paths in copies.items()}

    def _passages(self, *terms: tuple[str, str]) -> int:
        """How many live passages hold every one of these (field, term) pairs."""
        return len(holding_every(self.reading.reader(), [("kind", PASSAGE), *terms]))


def with_glossary_names(topics: list[dict]) -> list[dict]:
    """Topics with the names the glossaries add beside the reports' own (for
    every engine's listing)."""
    glossary = load_glossary()
    for topic in topics:
        known = {fold_key(n) for n in topic["names"]}
        topic["glossary"], topic["user_glossary"] = [], []
        for name in topic["names"]:
            for other, source in glossary.names(name):
                if fold_key(other) not in known:
                    known.add(fold_key(other))
                    topic["glossary" if source == BUNDLED else "user_glossary"].append(other)
    return topics
