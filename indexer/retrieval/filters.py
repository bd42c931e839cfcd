"""Narrowing a search or a listing: by meeting, topic, section, report, agency,
date and kind of trip. Each value the index does not know is refused with
the known ones, never silently matched to nothing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ..analysis import fold_key
from ..errors import UnknownFilter
from ..storage import FACET, PASSAGE, REPORT, SECTION

# The kinds of trip of the 出國報告 form, and other words a user may type for them.
TRIP_TYPES = {
    "開會": ("開會", "會議", "meeting", "conference"),
    "考察": ("考察", "參訪", "visit", "study tour"),
    "研習": ("研習", "訓練", "training", "workshop"),
    "進修": ("進修", "study", "education"),
    "實習": ("實習", "internship"),
    "研究": ("研究", "research"),
    "其他": ("其他", "other"),
}
DATE_RE = re.compile(r"(?:中華)?(?:民國)?\s*(\d{2,4})\s*(?:年|[-/.])?"
                     r"\s*(?:(\d{1,2})\s*(?:月|[-/.])?\s*(?:(\d{1,2})\s*日?)?)?")
DATE_HINT = "e.g. 110 (民國), 2021, 2021-07, 110/7/1 or 2021-07-01"
KNOWN_SHOWN = 12


@dataclass
class Filters:
    """What a search or a listing is narrowed to; None or empty means any."""

    meeting: str | None = None
    topic: str | None = None
    section: str | None = None
    reports: tuple[str, ...] = ()
    agency: str | None = None
    since: str | None = None
    until: str | None = None
    trip_type: str | None = None

    def by_report(self) -> bool:
        return bool(self.reports or self.agency or self.since or self.until or self.trip_type)


def date_bound(text: str, upper: bool) -> str:
    """A date the user typed (民國 or AD; a year, a month or a day) as the ISO
    string that bounds it: `--until 2021` takes in every date of 2021."""
    normal = unicodedata.normalize("NFKC", text).strip()
    m = DATE_RE.fullmatch(normal)
    if not m:
        raise UnknownFilter(f"cannot read {text!r} as a date", DATE_HINT, "date")
    year = int(m.group(1))
    year = year + 1911 if year < 1911 else year
    month, day = m.group(2), m.group(3)
    if not 1912 <= year <= 2200 or (month and not 1 <= int(month) <= 12) or (
            day and not 1 <= int(day) <= 31):
        raise UnknownFilter(f"cannot read {text!r} as a date", DATE_HINT, "date")
    bound = f"{year:04d}" + (f"-{int(month):02d}" if month else "") + (
        f"-{int(day):02d}" if day else "")
    # ISO strings compare as dates do; a shorter one is the start of its period.
    return bound + "\uffff" if upper else bound


def trip_type(text: str) -> str:
    wanted = text.strip().casefold()
    for kind, names in TRIP_TYPES.items():
        if wanted in (n.casefold() for n in names):
            return kind
    raise UnknownFilter(f"unknown kind of trip {text!r}", "known: " + ", ".join(TRIP_TYPES),
                        "type")


def known_list(values: list[str] | dict[str, list[str]], near: str = "") -> str:
    """The known values, those closest to `near` first (`values` may map each
    to its other names, which are compared too)."""
    from .suggest import closest

    if not values:
        return "this index has none"
    named = values if isinstance(values, dict) else {v: [] for v in values}
    values = list(named)
    close = closest(near, named) if near else []
    shown = close or values[:KNOWN_SHOWN]
    more = "" if close or len(values) <= KNOWN_SHOWN else f", … ({len(values)} in all)"
    return ("did you mean: " if close else "known: ") + ", ".join(shown) + more


class FilterResolver:
    """Turns Filters into the set of passage documents they allow."""

    def __init__(self, searcher, known_units: Callable[[str], dict[str, list[str]]],
                 other_names: Callable[[str], list[str]]):
        self.searcher, self.stored = searcher, searcher.stored
        self.known_units = known_units
        self.other_names = other_names  # the names the reports and glossaries give

    def allowed(self, filters: Filters) -> set[int] | None:
        """Passages a search may return (None: any)."""
        facets = [(what, value) for what, value in (
            ("meeting", filters.meeting), ("topic", filters.topic), ("section", filters.section))
            if value is not None]
        if not facets and not filters.by_report():
            return None
        from whoosh.query import And, Or
        from whoosh.query import Term as WTerm

        queries = [self.facet_query(what, value) for what, value in facets]
        if filters.by_report():
            keys = self.report_keys(filters)
            if not keys:
                return set()
            queries.append(Or([WTerm("report", k) for k in keys]))
        return set(self.searcher.docs_for_query(And([WTerm("kind", PASSAGE), *queries])))

    def report_docs(self, filters: Filters) -> list[int]:
        """The report documents that pass the report-level filters."""
        from whoosh.query import And, Or
        from whoosh.query import Term as WTerm

        clauses = [WTerm("kind", REPORT)]
        if filters.reports:
            ids = self.lexicon("id")
            for key in filters.reports:
                if key not in ids or self.searcher.document_number(id=key, kind=REPORT) is None:
                    raise UnknownFilter(f"unknown report {key!r}",
                                        known_list(self.report_keys(Filters()), key), "report")
            clauses.append(Or([WTerm("id", k) for k in filters.reports]))
        if filters.agency:
            wanted = fold_key(filters.agency)
            agencies = [a for a in self.lexicon("agency_key") if wanted and wanted in a]
            if not agencies:
                names = sorted({self.stored[d]["data"]["agency"]
                                for d in self.searcher.docs_for_query(WTerm("kind", REPORT))}
                               - {""})
                raise UnknownFilter(f"no report of agency {filters.agency!r}",
                                    known_list(names, filters.agency), "agency")
            clauses.append(Or([WTerm("agency_key", a) for a in agencies]))
        if filters.trip_type:
            clauses.append(WTerm("trip_type", trip_type(filters.trip_type)))
        if filters.since or filters.until:
            low = date_bound(filters.since, upper=False) if filters.since else ""
            high = date_bound(filters.until, upper=True) if filters.until else "\uffff"
            dates = [d for d in self.lexicon("date") if low <= d <= high]
            if not dates:
                return []
            clauses.append(Or([WTerm("date", d) for d in dates]))
        return list(self.searcher.docs_for_query(And(clauses)))

    def report_keys(self, filters: Filters) -> list[str]:
        return sorted(self.stored[d]["report"] for d in self.report_docs(filters))

    def facet_query(self, what: str, value: str):
        """A Whoosh query for --meeting, --topic or --section; UnknownFilter if nothing fits."""
        from whoosh.query import And, Or
        from whoosh.query import Term as WTerm

        if what == "section":
            docs = self.docs_with_keys(WTerm("kind", SECTION), "section_keys", value)
            field_name = "section"
            values = {self.stored[d]["heading_key"] for d in docs}
        else:
            kind = And([WTerm("kind", FACET), WTerm("facet", what)])
            docs = self.docs_with_keys(kind, "facet_keys", value)
            # Known by another name: TBT Committee finds the unit 「TBT 委員會第 91 次例會」.
            for name in ([] if docs else self.other_names(value)):
                docs += self.docs_with_keys(kind, "facet_keys", name)
            field_name = "meeting" if what == "meeting" else "topics"
            values = {fold_key(self.stored[d]["data"]["key"]) for d in docs}
        if not values:
            if what == "section":
                hint = "give a heading's words or numbering, e.g. 肆、三 or 單一窗口議題"
            else:
                hint = known_list(self.known_units(what), value)
            raise UnknownFilter(f"unknown {what} {value!r}", hint, what)
        return Or([WTerm(field_name, v) for v in sorted(values)])

    def docs_with_keys(self, kind_query, field_name: str, value: str) -> list[int]:
        """Documents whose keys equal the folded value, else contain it."""
        from whoosh.query import And, Or
        from whoosh.query import Term as WTerm

        key = fold_key(value)
        if not key:
            return []
        lexicon = self.lexicon(field_name)
        for keys in ([key] if key in lexicon else [], [k for k in lexicon if key in k]):
            if keys:
                found = list(self.searcher.docs_for_query(
                    And([kind_query, Or([WTerm(field_name, k) for k in keys])])))
                if found:
                    return found
        return []

    def lexicon(self, field_name: str) -> list[str]:
        return [t.decode("utf-8") if isinstance(t, bytes) else t
                for t in self.searcher.reader().lexicon(field_name)]
