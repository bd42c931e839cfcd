"""What the cluster holds, as the embedded index lists it: reports, their
meetings and topics with passage counts, passages by id, and the other
names the reports define (kept on each report row)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ...analysis import fold_key, load_glossary
from ...errors import UnknownPassage
from ...retrieval import (
    Hit,
    PassageRecord,
    merged_names,
    named_order,
    passage_hit,
    passage_record,
    with_glossary_names,
)
from .connection import Nodes
from .ranking import passage_of
from .rows import PASSAGE, REPORT, engine_term, h63, passage_id_number

# A report's date as the engine orders listings: YYYYMMDD (rows.date_number),
# undated after every date.
DATE_ORDER = "IF(date_n = 0, 100000000, date_n)"
# Reports read for a listing's first page; each next page twice as many, up
# to PAGE_MOST.
FIRST_PAGE = 64
PAGE_MOST = 4096


class Listings:
    def __init__(self, nodes: Nodes):
        self.nodes = nodes
        self._reports: dict[str, dict] = {}  # report data by key, as read
        self._counts: dict[str, int] = {}

    # -- counts and names the ranking asks for ---------------------------------

    def passage_count(self, where: str, args=None) -> int:
        key = where + repr(args)
        if key not in self._counts:
            rows = self.nodes.read(f"SELECT COUNT(*) FROM {self.nodes.cluster.distributed} "
                                   f"WHERE {where}", args)
            self._counts[key] = int(rows[0][0]) if rows else 0
        return self._counts[key]

    def has_word(self, word: str) -> bool:
        return self.passage_count(f"MATCH(%s) AND kind = {REPORT}",
                                  (f"@words {engine_term(word)}",)) > 0

    def other_names(self, text: str) -> list[str]:
        """Other names the reports define for this one, then the glossaries' (as
        terms.other_names)."""
        key = fold_key(text)
        if not key:
            return []
        groups = set()
        for _, key_of, record in self.nodes.pages(
                "report, record", f"MATCH(%s) AND kind = {REPORT}",
                (f"@name_keys {engine_term(key)}",)):
            data = json.loads(record)["data"]
            self._reports.setdefault(key_of, data)
            groups.update(data["alias_groups"])
        names: list[str] = []
        for group in sorted(groups):
            members = json.loads(group)
            if key in {fold_key(n) for n in members}:
                names += [n for n in members if fold_key(n) != key and n not in names]
        names.extend(name for name, _ in load_glossary().names(text) if name not in names)
        return names

    # -- reports --------------------------------------------------------------

    def reports(self, conditions: list[str]) -> list[dict]:
        where = " AND ".join([f"kind = {REPORT}", *conditions])
        out = []
        for _, key, record in self.nodes.pages("report, record", where):
            data = json.loads(record)["data"]
            self._reports[key] = data
            out.append({"key": key, **data})
        return sorted(out, key=report_order)

    def in_order(self, conditions: list[str]) -> Iterator[dict]:
        """The reports the conditions allow, as reports() lists them, read from
        the engine a page at a time (each twice the last): the engine orders
        them by date (DATE_ORDER); a page ends on a whole date, whose reports
        rsearch orders by report_order() (undated last, then key)."""
        where = " AND ".join([f"kind = {REPORT}", *conditions])
        last, count = -1, FIRST_PAGE
        while True:
            rows = self.nodes.read(
                f"SELECT id, {DATE_ORDER} AS dkey FROM {self.nodes.cluster.distributed} "
                f"WHERE {where} AND dkey > {last} ORDER BY dkey ASC, id ASC "
                f"LIMIT {count} OPTION max_matches={count}")
            if not rows:
                return
            dates = [int(d) for _, d in rows]
            # The last date may go on past the page: read up to the one before it.
            whole = len(rows) < count or dates[0] == dates[-1]
            upto = dates[-1] if whole else max(d for d in dates if d < dates[-1])
            found = []
            for _, key, record, _ in self.nodes.pages(
                    f"report, record, {DATE_ORDER} AS dkey",
                    f"{where} AND dkey > {last} AND dkey <= {upto}"):
                data = json.loads(record)["data"]
                self._reports[key] = data
                found.append({"key": key, **data})
            yield from sorted(found, key=report_order)
            last, count = upto, min(2 * count, PAGE_MOST)

    def units_in_order(self, conditions: list[str]) -> Iterator[dict]:
        """units(), a report at a time."""
        for report in self.in_order(conditions):
            yield from self.units_of(report)

    def report_data(self, key: str) -> dict:
        if key not in self._reports:
            self.reports([f"report_h = {h63(key)}"])
        return self._reports[key]

    def units_of(self, report: dict) -> list[dict]:
        """A report's meetings, sessions, sites and days, with passage counts."""
        counts = self.grouped("units_h", [m["key"] for m in report["meetings"]],
                              f"report_h = {h63(report['key'])}")
        return [{"report": report["key"], "key": item["key"],
                 "kind": item.get("kind", "meeting"), "names": item["names"],
                 "passages": counts.get(h63(fold_key(item["key"])), 0)}
                for item in report["meetings"]]

    def named(self, kind: str, conditions: list[str]) -> list[dict]:
        """Meetings or topics of the reports the conditions allow, merged by key
        (in the embedded index's order, retrieval.names), with the counts of
        those reports' passages."""
        merged = merged_names(report[kind] for report in self.reports(conditions))
        counts = self.grouped("units_h" if kind == "meetings" else "topics_h", merged,
                              *conditions)
        return [{"key": key, "names": named_order(names),
                 "passages": counts.get(h63(fold_key(key)), 0)}
                for key, names in merged.items()]

    def topics(self, conditions: list[str]) -> list[dict]:
        return with_glossary_names(self.named("topics", conditions))

    def unit_keys(self, what: str) -> dict[str, list[str]]:
        """The meetings' or topics' keys, each with its names (for suggestions)."""
        return {item["key"]: item["names"]
                for item in self.named("meetings" if what == "meeting" else "topics", [])}

    def grouped(self, column: str, keys, *conditions: str) -> dict[int, int]:
        """Passages per folded key of a multi-value column (hashed keys to counts)."""
        values = sorted({h63(fold_key(k)) for k in keys})
        if not values:
            return {}
        where = " AND ".join([f"kind = {PASSAGE}", *conditions,
                              f"{column} IN ({', '.join(map(str, values))})"])
        # A passage's values are keys of its report's meetings (topics): asked for
        # all, there are no more groups than values.
        most = len(values) + 64
        rows = self.nodes.read(
            f"SELECT GROUPBY() AS g, COUNT(*) AS n FROM {self.nodes.cluster.distributed} "
            f"WHERE {where} GROUP BY {column} LIMIT {most} OPTION max_matches={most}")
        return {int(g): int(n) for g, n in rows}

    # -- passages by id -------------------------------------------------------

    def passages(self, report: str, numbers: list[int]) -> dict[int, PassageRecord]:
        ids = ", ".join(str(passage_id_number(report, n)) for n in numbers)
        found = {}
        for _, key, record in self.nodes.pages("report, record",
                                               f"kind = {PASSAGE} AND id IN ({ids})"):
            passage = passage_of(key, record)
            if passage.report == report:
                found[passage.number] = self.record(passage)
        return found

    def passage(self, passage_id: str) -> PassageRecord:
        report, _, number = passage_id.rpartition(":")
        found = self.passages(report, [int(number)]) if number.isdigit() and report else {}
        if not found:
            raise UnknownPassage(f"no passage with id {passage_id!r} in "
                                 f"{self.nodes.cluster.where}")
        return found[int(number)]

    def context(self, passage_id: str, before_after: int) -> tuple[list, list]:
        record = self.passage(passage_id)
        numbers = [n for n in range(record.number - before_after,
                                    record.number + before_after + 1) if n != record.number]
        found = self.passages(record.report, [n for n in numbers if n >= 0]) if numbers else {}
        return ([found[n] for n in numbers if n in found and n < record.number],
                [found[n] for n in numbers if n in found and n > record.number])

    def record(self, passage) -> PassageRecord:
        return passage_record(passage, self.report_data(passage.report))

    def hit(self, rank, score, passage, resolved, positive, every) -> Hit:
        return passage_hit(rank, score, passage, self.report_data(passage.report), resolved,
                           positive, every)




def report_order(report: dict) -> tuple:
    """Where a report goes in a listing, as the embedded index orders them: by
    its date (the report's, else the trip's start), undated last, then key."""
    date = report.get("report_date_iso") or report.get("period_start") or ""
    return (not date, date, report["key"])
