"""Filters as the engine's attribute conditions: meeting, topic and section
resolved to the keys the embedded index would find (folded names, exact
first, else contained), report-level ones (report, agency, dates, kind of
trip) as conditions on every row. Unknown values are refused with the same
errors as the embedded index."""

from __future__ import annotations

import json

from ...analysis import fold_key
from ...errors import UnknownFilter
from ...retrieval import Filters, date_bound, known_list, trip_type
from .connection import Nodes
from .rows import MEETING, REPORT, SECTION, TOPIC, date_number, engine_term, h63


class ClusterFilters:
    def __init__(self, nodes: Nodes, other_names, unit_keys):
        self.nodes, self.other_names, self.unit_keys = nodes, other_names, unit_keys

    def conditions(self, filters: Filters) -> list[str]:
        """Conditions of a passage search (SphinxQL, values inlined as numbers)."""
        out = []
        for what, value, column in (("meeting", filters.meeting, "units_h"),
                                    ("topic", filters.topic, "topics_h"),
                                    ("section", filters.section, "section_h")):
            if value is not None:
                out.append(f"{column} IN ({', '.join(map(str, self.facet_values(what, value)))})")
        return out + self.report_conditions(filters)

    def report_conditions(self, filters: Filters) -> list[str]:
        out = []
        if filters.reports:
            wanted = {h63(k): k for k in filters.reports}
            found = {key for _, key in self.nodes.pages(
                "report", f"kind = {REPORT} AND report_h IN ({', '.join(map(str, wanted))})")}
            for key in filters.reports:
                if key not in found:
                    keys = sorted(k for _, k in self.nodes.pages("report", f"kind = {REPORT}"))
                    raise UnknownFilter(f"unknown report {key!r}", known_list(keys, key),
                                        "report")
            out.append(f"report_h IN ({', '.join(map(str, wanted))})")
        if filters.agency:
            out.append(self.agency_condition(filters.agency))
        if filters.trip_type:
            out.append(f"trip_h = {h63(trip_type(filters.trip_type))}")
        if filters.since or filters.until:
            low = date_number(date_bound(filters.since, upper=False)) if filters.since else 0
            high = (date_number(date_bound(filters.until, upper=True).rstrip("\uffff"),
                                upper=True) if filters.until else 99999999)
            # An undated report (0) is within no bound (the embedded index
            # has no date term for it).
            out.append(f"date_n BETWEEN {max(low, 1)} AND {high}")
        return out

    def agency_condition(self, agency: str) -> str:
        wanted = fold_key(agency)
        records = [json.loads(r) for _, _, r in self.nodes.read(
            f"SELECT id, agency_h, record FROM {self.nodes.cluster.distributed} "
            f"WHERE kind = {REPORT} GROUP BY agency_h LIMIT 100000 OPTION max_matches=100000")]
        keys = [r["agency_key"] for r in records if wanted and wanted in r["agency_key"]]
        if not keys:
            names = sorted({r["data"]["agency"] for r in records} - {""})
            raise UnknownFilter(f"no report of agency {agency!r}", known_list(names, agency),
                                "agency")
        return f"agency_h IN ({', '.join(str(h63(k)) for k in keys)})"

    def facet_values(self, what: str, value: str) -> list[int]:
        """The hashed keys a --meeting, --topic or --section stands for."""
        kind = {"meeting": MEETING, "topic": TOPIC, "section": SECTION}[what]
        records = self.records_with_key(kind, value)
        if what != "section":
            # Known by another name: TBT Committee finds the unit 「TBT 委員會第 91 次例會」.
            for name in ([] if records else self.other_names(value)):
                records += self.records_with_key(kind, name)
        values = sorted({r["heading_key"] if what == "section" else fold_key(r["key"])
                         for r in records})
        if not values:
            if what == "section":
                hint = "give a heading's words or numbering, e.g. 肆、三 or 單一窗口議題"
            else:
                hint = known_list(self.unit_keys(what), value)
            raise UnknownFilter(f"unknown {what} {value!r}", hint, what)
        return [h63(v) for v in values]

    def records_with_key(self, kind: int, value: str) -> list[dict]:
        """Rows of a kind whose keys hold the folded value, else one that contains
        it (read from every row of the kind: the engine has no substring index)."""
        key = fold_key(value)
        if not key:
            return []
        exact = [json.loads(r) for _, r in self.nodes.pages(
            "record", f"MATCH(%s) AND kind = {kind}", (f"@name_keys {engine_term(key)}",))]
        exact = [r for r in exact if key in r["keys"]]
        if exact:
            return exact
        rows = [json.loads(r) for _, r in self.nodes.pages("record", f"kind = {kind}")]
        return [r for r in rows if any(key in k for k in r["keys"])]
