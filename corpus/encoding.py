"""Bytes of a text file to text, only when the encoding is certain.

Reports are UTF-8 (with or without BOM), UTF-16 (with or without BOM), or
Taiwan's legacy Big5 (CP950, or Big5-HKSCS where its reading fits
better). Anything else is decoded only when a detector is
sure it is a Chinese encoding; a file that would come out as mojibake is
refused with a reason instead.
"""

from __future__ import annotations

import codecs
import re

from .errors import UnreadableReport

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
CHINESE_ENCODINGS = {"big5", "cp950", "big5hkscs", "gb18030", "gbk", "gb2312", "hz"}
HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Share of the non-space characters that must be Chinese for a legacy decode to
# count as right: a Latin-1 file read as Big5 gives a few stray characters.
MIN_HAN_SHARE = 0.2
# Characters that Big5's variants put where others have numerals (kana,
# Cyrillic, Kangxi radicals) or that no variant defines (the private use
# area): rare in a report, so the variant that reads fewer of them is right.
OUT_OF_PLACE_RE = re.compile("[\u3040-\u30ff\u0400-\u04ff\u2f00-\u2fdf\ue000-\uf8ff]")


def decode_text(data: bytes, path: str = "<bytes>") -> str:
    """The text of a file; UnreadableReport when it is empty, binary or uncertain."""
    if not data.strip():
        raise UnreadableReport(path, "empty file")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as e:
                raise UnreadableReport(path, f"not valid {encoding}: {e.reason}") from None
    if b"\x00" in data[:4096]:
        text = utf16_without_bom(data)
        if text is None:
            raise UnreadableReport(path, "binary file (NUL bytes)")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = big5_text(data)
    if text is not None:
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding in CHINESE_ENCODINGS:
        text = str(best)
        if looks_like_text(text) and han_share(text) >= MIN_HAN_SHARE:
            return text
    guess = f" (it looks like {best.encoding})" if best is not None else ""
    raise UnreadableReport(path, f"not UTF-8, UTF-16 or Big5{guess}; save it as UTF-8")


def big5_text(data: bytes) -> str | None:
    """Taiwan's legacy Big5, in the variant whose reading fits: CP950 (what
    Windows and Word write as "Big5"), else Big5-HKSCS. The two part ways at
    C6A1-C8FE, where CP950 has kana and Cyrillic and Big5-HKSCS (like the
    ETEN extension and Big5-2003) has ①-⑩, ⑴-⑽ and ⅰ-ⅹ, which number headings:
    a reading with kana or Cyrillic in it is tried the other way too, and
    the one with fewer such characters wins (CP950 when alike)."""
    readings = []
    for encoding in ("cp950", "big5hkscs"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text) and han_share(text) >= MIN_HAN_SHARE:
            readings.append(text)
            if not OUT_OF_PLACE_RE.search(text):
                break  # most files: nothing the variants read apart
    return min(readings, key=lambda text: len(OUT_OF_PLACE_RE.findall(text)), default=None)


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark, if that is what the bytes are."""
    if len(data) % 2:
        return None
    best, best_share = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not looks_like_text(text):
            continue
        readable = sum(1 for c in text if c.isprintable() or c in "\t\n\r\f") / len(text)
        if readable > best_share:
            best, best_share = text, readable
    return best if best_share > 0.95 else None


def looks_like_text(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return controls / len(text) < 0.01 and "\x00" not in text


def han_share(text: str) -> float:
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return 0.0
    if all(ord(c) < 128 for c in visible):
        return 1.0  # pure ASCII decodes the same in every encoding
    return len(HAN_RE.findall(text)) / len(visible)
