"""Format readers: a report file's bytes to pages of lines.

Each reader has one job and one interface, ``read(data, path) -> Extracted``;
``extract`` picks the reader by the file's content, not its name, and refuses
a file whose suffix names another format.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from ..errors import UNSUPPORTED, UnreadableReport
from .model import Extracted, Line

SUFFIX_FORMATS = {".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".txt": "text",
                  ".text": "text"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)", "odt": "OpenDocument (ODT)",
                "text": "text", "zip": "ZIP archive", "doc": "legacy Word (DOC)"}


def sniff(data: bytes) -> str:
    """The format the bytes are in, whatever the file is called."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "doc"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return "odt"
        except (zipfile.BadZipFile, KeyError, OSError):
            pass
        return "zip"
    return "text"


def extract(data: bytes, path: str, suffix: str) -> Extracted:
    """The pages of lines in a report file; UnreadableReport says why not."""
    if not data.strip():
        raise UnreadableReport(path, "empty file")
    found = sniff(data)
    claimed = SUFFIX_FORMATS.get(suffix.lower())
    if claimed and claimed != found and not (claimed == "text" and found == "text"):
        raise UnreadableReport(path, f"named {suffix} but the content is "
                                     f"{FORMAT_NAMES.get(found, found)}")
    if found == "pdf":
        from . import pdf

        return pdf.read(data, path)
    if found == "docx":
        from . import docx

        return docx.read(data, path)
    if found == "odt":
        from . import odt

        return odt.read(data, path)
    if found in ("doc", "zip"):
        raise UnreadableReport(path, f"{FORMAT_NAMES[found]} files are not read; "
                                     f"save it as DOCX, ODT or PDF", UNSUPPORTED)
    from . import text

    return text.read(data, path)


__all__ = ["SUFFIX_FORMATS", "Extracted", "Line", "extract", "sniff"]
