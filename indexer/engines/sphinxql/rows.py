"""The rows a report becomes in a shard table: the embedded index's
documents (documents.prepare), each a row with the same fields as
space-separated engine terms and the same stored record.

Index terms are the embedded index's (Chinese character pairs, Latin and
digit tokens); a term the tables' charset_table would split (Kana, Hangul,
accented letters, the `|` of a join) or that is too long for a Sphinx
keyword goes as a digest `0q…`, which no plain term can be (plain terms are
letters or digits, never both)."""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache

from ...analysis import is_cjk
from ...storage import StoredPassage, report_trip

PASSAGE, REPORT, SECTION, MEETING, TOPIC = 1, 2, 3, 4, 5
PLAIN_RE = re.compile(r"[a-z]+|[0-9]+|[\u3400-\u4dbf\u4e00-\u9fff]+")
# Sphinx keeps keywords up to 42 bytes; longer ones are hashed, not cut.
MAX_PLAIN_BYTES = 40


def h63(text: str) -> int:
    """A stable positive 63-bit number for a key (row ids, filter values)."""
    value = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")
    return (value & (2**63 - 1)) or 1


@lru_cache(maxsize=1 << 17)  # an archive's terms repeat: character pairs above all
def engine_term(term: str) -> str:
    if PLAIN_RE.fullmatch(term) and len(term.encode("utf-8")) <= MAX_PLAIN_BYTES:
        return term
    return "0q" + hashlib.blake2b(term.encode("utf-8"), digest_size=8).hexdigest()


def engine_terms(terms) -> str:
    """Terms as the engine gets them, each once (where only presence counts)."""
    return " ".join(map(engine_term, dict.fromkeys(terms)))


def cjk_chars(grams: str) -> str:
    """The Chinese characters of a passage's index terms: a query of one
    character finds the passages where it stands in any of them."""
    return engine_terms(c for g in dict.fromkeys(grams.split()) for c in _chars_of(g))


@lru_cache(maxsize=1 << 17)
def _chars_of(gram: str) -> str:
    return gram if is_cjk(gram) else ""


def date_number(iso: str, upper: bool = False) -> int:
    """An ISO date (or the start of one: 2021, 2021-07) as YYYYMMDD; missing
    parts 00, or 99 for an upper bound. Compares as the ISO strings do."""
    digits = re.findall(r"\d+", iso)
    if not digits:
        return 0
    parts = [int(d) for d in digits[:3]]
    parts += [99 if upper else 0] * (3 - len(parts))
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def passage_of(report: str, record: str) -> StoredPassage:
    """A passage row's stored record (StoredPassage.pack, as JSON)."""
    (text, length, number, paragraph, headings, meeting, units, topics, annexes,
     weight) = json.loads(record)
    return StoredPassage(report, text, length, number, paragraph,
                         tuple(tuple(h) for h in headings), meeting, tuple(units),
                         tuple(topics), tuple(annexes), weight)


def content_number(passage: StoredPassage, trip=None) -> int:
    """A passage's content key (what its exact score depends on; in its
    report's `trip`) as a number: the content_h of its row, by which a search
    scores each content once and reads the record of one passage of each."""
    return (int.from_bytes(passage.content_key(trip), "big") & (2**63 - 1)) or 1


def passage_id_number(report: str, number: int) -> int:
    return h63(f"p\0{report}\0{number}")


def report_id_number(report: str) -> int:
    return h63(f"r\0{report}")


def rows_of(documents: list[dict]) -> list[dict]:
    """A prepared report's documents as rows; its report row last, so that a
    push cut short leaves no report row and is done again."""
    [report_doc] = [d for d in documents if d["kind"] == "report"]
    key = report_doc["report"]
    shared = {"report": key, "report_h": h63(key), "agency_h": h63(report_doc["agency_key"]),
              "trip_h": h63(report_doc["trip_type"]),
              "date_n": date_number(report_doc["date"] or "")}
    data = report_doc["stored"]["data"]
    trip = report_trip(data)
    rows = [row for doc in documents if doc["kind"] != "report"
            for row in [_row(doc, shared, trip)]]
    keys = {k for group in data["alias_groups"] for k in _alias_keys(group)}
    rows.append({**shared, "id": report_id_number(key), "kind": REPORT,
                 "words": engine_terms(report_doc["words"].split()),
                 "name_keys": engine_terms(sorted(keys)),
                 "record": json.dumps({"data": data, "agency_key": report_doc["agency_key"]},
                                      ensure_ascii=False)})
    return rows


def _alias_keys(group: str) -> set[str]:
    from ...analysis import fold_key

    return {fold_key(name) for name in json.loads(group)} - {""}


def _row(doc: dict, shared: dict, trip=None) -> dict:
    kind, key = doc["kind"], shared["report"]
    if kind == "passage":
        pack = doc["stored"]["data"]
        number = pack[2]
        record = json.dumps(pack, ensure_ascii=False)
        return {**shared, "id": passage_id_number(key, number), "kind": PASSAGE,
                # Every occurrence: how often a term stands in a passage bounds
                # its score before the passage is read (ranking.py).
                "grams": " ".join(map(engine_term, doc["grams"].split())),
                "heading_grams": engine_terms(doc["heading_grams"].split()),
                "chars": cjk_chars(doc["grams"]), "heading_chars": cjk_chars(doc["heading_grams"]),
                "joins": engine_terms(doc["joins"].split()), "number": number,
                "length": doc["length"], "ranked_down": int(bool(doc["flags"])),
                "section_h": h63(doc["section"]),
                "units_h": sorted({h63(k) for k in doc["meeting"].split()}),
                "topics_h": sorted({h63(k) for k in doc["topics"].split()}),
                "content_h": content_number(passage_of(key, record), trip), "record": record}
    if kind == "section":
        heading = doc["stored"]["heading_key"]
        keys = doc["section_keys"].split()
        return {**shared, "id": h63(f"s\0{key}\0{heading}"), "kind": SECTION,
                "name_keys": engine_terms(keys), "section_h": h63(heading),
                "record": json.dumps({"heading_key": heading, "keys": keys}, ensure_ascii=False)}
    facet, item = doc["facet"], doc["stored"]["data"]["key"]
    keys = doc["facet_keys"].split()
    return {**shared, "id": h63(f"f\0{key}\0{facet}\0{item}"),
            "kind": MEETING if facet == "meeting" else TOPIC, "name_keys": engine_terms(keys),
            "record": json.dumps({"key": item, "keys": keys}, ensure_ascii=False)}
