"""Turn a parsed report into the documents Whoosh stores (runs in worker processes)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from functools import cache

from ...corpus import (
    Passage,
    Report,
    ReportFile,
    UnreadableReport,
    parse_report_file,
    text_digest,
)
from ...corpus.datelines import Trip
from ...corpus.dayforms import NAMES_APART, span_day_names
from ...corpus.topics import widen_topics
from ..analysis import (
    bundled_glossary,
    fold_key,
    grams,
    jieba_words,
    match_tokens,
    passage_terms,
    site_terms,
    table_fold,
)
from ..storage import (
    FACET,
    PASSAGE,
    RANKED_DOWN_FLAG,
    REPORT,
    SECTION,
    StoredPassage,
    dated,
    heading_words,
    order_key,
    ranked_down,
)
from .name_groups import alias_group, alias_group_document, report_alias_groups  # noqa: F401
from .stored import with_stored


@dataclass
class Prepared:
    """One file ready to write: its documents and the digest of the text it
    read to (corpus.text_digest), or why it was skipped and what kind of
    file it is (corpus.errors: unsupported, unreadable, damaged)."""

    path: str
    key: str
    digest: str
    documents: list[dict]
    skipped: str | None = None
    text: str = ""
    skip_kind: str = ""


def prepare(file: ReportFile) -> Prepared:
    """Parse and analyze a file."""
    try:
        report = parse_report_file(file)
    except UnreadableReport as e:
        return Prepared(str(file.path), file.key, file.digest, [], e.reason, skip_kind=e.kind)
    text = text_digest(report)
    return Prepared(str(file.path), file.key, file.digest,
                    report_documents(report, file.digest, file.stamp, text), text=text)


def name_keys(names: list[str]) -> set[str]:
    """Lookup keys for a list of names: each folded, and each part of a compound acronym."""
    keys = set()
    for name in names:
        keys.add(fold_key(name))
        if re.fullmatch(r"[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+", name):
            keys.update(fold_key(part) for part in re.split(r"[-/]", name))
    keys.discard("")
    return keys


def section_keys(passage: Passage) -> set[str]:
    keys = set()
    labels = ""
    for heading in passage.section:
        labels += heading.label
        keys.add(fold_key(labels))
        keys.add(fold_key(heading.title))
        keys.add(fold_key(heading.text))
    keys.discard("")
    return keys


def path_key(passage: Passage) -> str:
    """The same for every passage under the same headings, in any report, so that
    a heading that recurs across reports is one term to look up."""
    path = "\n".join(h.text for h in passage.section)
    return hashlib.blake2b(path.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Source:
    """A report's entry in the `source` column, all an update reads of an
    unchanged report: its file, key, content digest, the digest of its text
    (what tells duplicates) and the file's stamp (size and mtime; None when
    it was not to be trusted)."""

    path: str
    key: str
    digest: str
    text: str = ""
    stamp: tuple[int, int] | None = None

    def encode(self) -> bytes:
        return json.dumps([self.path, self.key, self.digest, self.text,
                           *(self.stamp or ())]).encode("utf-8")

    @classmethod
    def decode(cls, entry: bytes) -> Source:
        # Indexes of earlier versions wrote [path, key, digest] or [path, key, digest, text].
        path, key, digest, *rest = json.loads(entry)
        text = rest[0] if rest else ""
        stamp = tuple(rest[1:3]) if len(rest) >= 3 else None
        return cls(path, key, digest, text, stamp)


def span_terms(text: str) -> tuple[list[str], list[str]]:
    """Index terms and joins of the days a passage's spans hold but do not
    write whole (8月4日 and 8月5日 of 8月3日至5日: corpus.dayforms), beside its
    own terms (not counted in its length): a search for a day finds them as
    its exact score does (retrieval.ranking.ExactText.in_spans)."""
    names = span_day_names(text)
    if not names:
        return [], []
    terms = passage_terms(NAMES_APART.join(names))
    return terms.grams, terms.joins


def report_documents(report: Report, digest: str, stamp: tuple[int, int] | None = None,
                     text: str = "") -> list[dict]:
    # A topic holds every passage that names it by any of its names, the
    # glossary's too.
    glossary = bundled_glossary()
    widen_topics(report, lambda name: [other for other, _ in glossary.names(name)])
    docs: list[dict] = []
    # Per section: its path key, heading grams, headings as stored, whether
    # they may hold a date, and its keys (worked out once a section, not once
    # a passage).
    sections: dict[tuple, tuple[str, str, tuple, bool, str]] = {}
    runs: list[str] = []
    name_key = cache(fold_key)  # the same few units and topics, passage after passage
    trip = Trip.of(report.period_start, report.period_end)  # how a day's date is read
    for passage in report.passages:
        folded = table_fold(passage.text)  # read by its terms and its sites
        terms = passage_terms(passage.text, folded)
        passage_grams = terms.grams
        runs.extend(terms.runs)
        if passage.section not in sections:
            heading_tokens = match_tokens(
                " ".join(heading_words(h.label, h.title, trip) for h in passage.section))
            headings = tuple((h.label, h.title) for h in passage.section)
            sections[passage.section] = (path_key(passage),
                                         " ".join(dict.fromkeys(grams(heading_tokens))),
                                         headings, trip is not None and dated(headings),
                                         " ".join(sorted(section_keys(passage))))
            docs.append({
                "kind": SECTION,
                "report": report.key,
                "heading_key": sections[passage.section][0],
                "section_keys": sections[passage.section][4],
            })
        section_key, heading_grams, headings, headings_dated, keys = sections[passage.section]
        span_grams, span_joins = span_terms(passage.text)
        names = [name for pair in passage.defined for name in pair]
        stored = StoredPassage(
            report.key, passage.text, len(passage_grams), passage.number, passage.paragraph,
            headings, passage.meeting,
            tuple(passage.units), tuple(passage.topics), tuple(passage.annexes), passage.weight)
        # No id term: a passage is found by its report and place (an id term per
        # passage was a tenth of the index).
        docs.append({
            "kind": PASSAGE,
            "report": report.key,
            "grams": " ".join(passage_grams + span_grams),
            "flags": RANKED_DOWN_FLAG if ranked_down(passage.weight) else "",
            "joins": " ".join(terms.joins + span_joins),
            "sites": " ".join(site_terms(passage.text, names, folded)) if names else "",
            "length": len(passage_grams),
            "order": order_key(report.key, passage.number),
            "heading_grams": heading_grams,
            "section": section_key,
            "under_keys": keys,
            "meeting": " ".join(dict.fromkeys(map(name_key, passage.units))),
            "topics": " ".join(map(name_key, passage.topics)),
            "content": stored.content_key(trip, headings_dated),
            "data": stored.pack(),
        })
    for facet, items in (("meeting", report.meetings), ("topic", report.topics)):
        for item in items:
            docs.append({
                "kind": FACET,
                "report": report.key,
                "facet": facet,
                "facet_keys": " ".join(sorted(name_keys(item.names))),
                "data": {"key": item.key},
            })
    docs.append({
        "kind": REPORT,
        "id": report.key,
        "report": report.key,
        "source": Source(report.path, report.key, digest, text, stamp).encode(),
        "passages": len(report.passages),
        "words": " ".join(sorted(jieba_words(runs))),
        "agency_key": fold_key(report.agency),
        "date": report.report_date_iso or report.period_start,
        "trip_type": report.trip_type,
        "data": {
            "digest": digest,
            "text_digest": text,
            "path": report.path,
            "format": report.format,
            "title": report.title,
            "agency": report.agency,
            "authors": report.authors,
            "trip_type": report.trip_type,
            "trip_type_written": report.trip_type_written,
            "period": report.period,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "place": report.place,
            "report_date": report.report_date,
            "report_date_iso": report.report_date_iso,
            "keywords": report.keywords,
            "passages": len(report.passages),
            "annexes": [asdict(a) for a in report.annexes],
            "meetings": [asdict(m) for m in report.meetings],
            "topics": [asdict(t) for t in report.topics],
            # Read when an update refreshes the index's groups of names.
            "alias_groups": [alias_group(group) for group in report.glossary],
        },
    })
    return [with_stored(doc) for doc in docs]
