"""What a file says of itself beside its text: a DOCX's ``docProps/core.xml``,
an ODT's ``meta.xml``, a PDF's document information.

Each gives a title, an author and the days the file was created and last
saved. They fill in only what the report's own text lacks (corpus.cover):
a template's or a tool's leftovers ("Untitled", "python-docx", a template
made years before the trip) are no report's, and are dropped here or there.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timedelta, timezone
from io import BytesIO
from xml.etree import ElementTree

from .model import Properties

# What a word processor's export puts before and after a file name as its title.
EXPORT_TITLE_RE = re.compile(r"^(?:Microsoft Word|Microsoft PowerPoint)\s*-\s*|"
                             r"\.(?:docx?|odt|rtf|pdf|txt)$", re.IGNORECASE)
# Names a template or a tool leaves where a person or a title would be.
PLACEHOLDERS = {"untitled", "anonymous", "unknown", "user", "admin", "administrator", "owner",
                "無標題", "未命名", "使用者", "python-docx", "odfdo", "word document"}
# Reports are written in Taiwan: a saved moment is a day of Taiwan's clock.
TAIWAN = timezone(timedelta(hours=8))
CORE = {"dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
W3C_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
                    r"(Z|[+-]\d{2}:?\d{2})?)?$")
PDF_DATE_RE = re.compile(r"^D?:?(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?"
                         r"(Z|[+-]\d{2}'?\d{2}'?)?)?")


def properties(title: str, author: str, saved: str, created: str) -> Properties:
    """Properties without placeholders; the date is the day last saved, else created."""
    title = EXPORT_TITLE_RE.sub("", " ".join(title.split()))
    author = " ".join(author.split())
    title = "" if len(title) < 4 or title.lower() in PLACEHOLDERS else title
    author = "" if author.lower() in PLACEHOLDERS else author
    return Properties(title, author, saved or created)


def package_properties(data: bytes) -> Properties:
    """The properties of a DOCX or ODT package (empty if it holds none)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "docProps/core.xml" in names:
                return docx_properties(archive)
            if "meta.xml" in names:
                return odt_properties(archive)
    except (zipfile.BadZipFile, OSError):
        pass
    return Properties()


def docx_properties(archive: zipfile.ZipFile) -> Properties:
    """docProps/core.xml: dc:title, dc:creator, dcterms:modified and created."""
    root = xml_part(archive, "docProps/core.xml")
    if root is None:
        return Properties()
    return properties(text_of(root, "dc:title"), text_of(root, "dc:creator"),
                      w3c_day(text_of(root, "dcterms:modified")),
                      w3c_day(text_of(root, "dcterms:created")))


def odt_properties(archive: zipfile.ZipFile) -> Properties:
    """meta.xml: dc:title, meta:initial-creator (else dc:creator, who saved it
    last), dc:date (saved) and meta:creation-date."""
    root = xml_part(archive, "meta.xml")
    if root is None:
        return Properties()
    meta = root.find("office:meta", CORE)
    if meta is None:
        return Properties()
    return properties(text_of(meta, "dc:title"),
                      text_of(meta, "meta:initial-creator") or text_of(meta, "dc:creator"),
                      w3c_day(text_of(meta, "dc:date")),
                      w3c_day(text_of(meta, "meta:creation-date")))


def pdf_properties(info: dict[str, str]) -> Properties:
    """The document information: Title, Author, ModDate and CreationDate."""
    return properties(info.get("Title", ""), info.get("Author", ""),
                      pdf_day(info.get("ModDate", "")), pdf_day(info.get("CreationDate", "")))


def xml_part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        return ElementTree.fromstring(archive.read(name))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return None


def text_of(root: ElementTree.Element, tag: str) -> str:
    found = root.find(tag, CORE)
    return (found.text or "").strip() if found is not None else ""


def w3c_day(text: str) -> str:
    """The day (YYYY-MM-DD, on Taiwan's clock when the moment has a zone) of a
    W3C date-time as core.xml and meta.xml write them; "" if it is none."""
    m = W3C_RE.match(text.strip())
    if not m:
        return ""
    return day_of(*m.groups())


def pdf_day(text: str) -> str:
    """The day of a PDF date (D:20230815103000+08'00'); "" if it is none."""
    m = PDF_DATE_RE.match(text.strip())
    if not m:
        return ""
    return day_of(*m.groups())


def day_of(year, month, day, hour=None, minute=None, second=None, zone=None) -> str:
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                          int(second or 0))
    except ValueError:
        return ""
    if hour is not None and zone:
        zone = zone.replace("'", "").replace(":", "")
        offset = timedelta(0) if zone == "Z" else (1 if zone[0] == "+" else -1) * timedelta(
            hours=int(zone[1:3]), minutes=int(zone[3:5] or 0))
        moment = (moment - offset).replace(tzinfo=timezone.utc).astimezone(TAIWAN)
    return moment.strftime("%Y-%m-%d")
