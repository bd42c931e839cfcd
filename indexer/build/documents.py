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
from ...corpus.topics import widen_topics
from ..analysis import (
    bundled_glossary,
    fold_key,
    grams,
    jieba_words,
    match_tokens,
    passage_terms,
    site_terms,
)
from ..storage import (
    ALIAS_GROUP,
    FACET,
    NAMED,
    NAMED_SEPARATOR,
    PASSAGE,
    RANKED_DOWN_FLAG,
    REPORT,
    SECTION,
    StoredPassage,
    heading_words,
    order_key,
    ranked_down,
)


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


def report_documents(report: Report, digest: str, stamp: tuple[int, int] | None = None,
                     text: str = "") -> list[dict]:
    # A topic holds every passage that names it by any of its names, the
    # glossary's too.
    glossary = bundled_glossary()
    widen_topics(report, lambda name: [other for other, _ in glossary.names(name)])
    docs: list[dict] = []
    sections: dict[tuple, tuple[str, str]] = {}
    runs: list[str] = []
    name_key = cache(fold_key)  # the same few units and topics, passage after passage
    for passage in report.passages:
        terms = passage_terms(passage.text)
        passage_grams = terms.grams
        runs.extend(terms.runs)
        if passage.section not in sections:
            heading_tokens = match_tokens(
                " ".join(heading_words(h.label, h.title) for h in passage.section))
            sections[passage.section] = (path_key(passage),
                                         " ".join(dict.fromkeys(grams(heading_tokens))))
            docs.append({
                "kind": SECTION,
                "report": report.key,
                "heading_key": sections[passage.section][0],
                "section_keys": " ".join(sorted(section_keys(passage))),
            })
        section_key, heading_grams = sections[passage.section]
        names = [name for pair in passage.defined for name in pair]
        stored = StoredPassage(
            report.key, passage.text, len(passage_grams), passage.number, passage.paragraph,
            tuple((h.label, h.title) for h in passage.section), passage.meeting,
            tuple(passage.units), tuple(passage.topics), tuple(passage.annexes), passage.weight)
        # No id term: a passage is found by its report and place (an id term per
        # passage was a tenth of the index).
        docs.append({
            "kind": PASSAGE,
            "report": report.key,
            "grams": " ".join(passage_grams),
            "flags": RANKED_DOWN_FLAG if ranked_down(passage.weight) else "",
            "joins": " ".join(terms.joins),
            "sites": " ".join(site_terms(passage.text, names)) if names else "",
            "length": len(passage_grams),
            "order": order_key(report.key, passage.number),
            "heading_grams": heading_grams,
            "section": section_key,
            "meeting": " ".join(dict.fromkeys(map(name_key, passage.units))),
            "topics": " ".join(map(name_key, passage.topics)),
            "content": stored.content_key(),
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


# The fields a document keeps to be read back, in the stored column; of them,
# only the report is also looked up.
READ_BACK = ("report", "heading_key", "data", "alias_names", "alias_reports", "named",
             "named_reports")
ONLY_READ_BACK = ("heading_key", "data", "alias_names", "alias_reports", "named_reports")


def with_stored(doc: dict) -> dict:
    """The document with what it keeps to be read back gathered in `stored`."""
    stored = {name: doc[name] for name in READ_BACK if name in doc}
    for name in ONLY_READ_BACK:
        doc.pop(name, None)
    if stored:
        doc["stored"] = stored
    return doc


def alias_group(names: list[str]) -> str:
    """A group of names the report defines as the same, as the index keeps it."""
    return json.dumps(names, ensure_ascii=False)


def report_alias_groups(report_data: dict) -> set[bytes]:
    """What a report counts for in the index's groups of names (its report
    document's data): the groups of names it defines, and its entries in the
    table of names (named_entries)."""
    return ({group.encode("utf-8") for group in report_data["alias_groups"]}
            | named_entries(report_data))


# An entry of the table of names: the facet, the key and one name of a meeting
# or topic (the key's own entry has no name, so that every key is listed),
# counted over the reports that give it as a group of names is.
NAMED_ENTRY = b"\x01"


def named_entries(report_data: dict) -> set[bytes]:
    """A report's entries in the table of names (its report document's data)."""
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
    facet, _, name = named_term(entry).split(NAMED_SEPARATOR)
    keys = name_keys([name]) if name else set()
    return with_stored({"kind": NAMED, "named": named_term(entry),
                        "named_keys": " ".join(sorted(f"{facet}{NAMED_SEPARATOR}{k}"
                                                      for k in keys)),
                        "named_reports": reports})


def alias_fields(group: bytes) -> dict:
    """The lookup keys and the names of a group of names (JSON) as fields."""
    keys = {fold_key(name) for name in json.loads(group)} - {""}
    return {"alias_keys": " ".join(sorted(keys)), "alias_names": group}


def alias_group_document(group: bytes, reports: int) -> dict:
    """One distinct group of names, whichever reports define it, with how many
    do (an update that removes one of them tells whether the group goes); or
    one entry of the table of names (named_document)."""
    if is_named(group):
        return named_document(group, reports)
    return with_stored({"kind": ALIAS_GROUP, **alias_fields(group), "alias_reports": reports})
