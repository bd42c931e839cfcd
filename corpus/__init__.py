"""Reading 出國報告 files of every format into passages with metadata.

Names are imported from their modules on first use, so that a program that
needs one light piece (a search needs only the parser's version) does not
load every reader and its patterns.
"""

from __future__ import annotations

from .exports import lazy_exports

_EXPORTS = {
    "decode_text": "encoding",
    "CorpusError": "errors", "UnreadableReport": "errors",
    "text_digest": "identity",
    "learn_glossary": "glossary", "name_key": "glossary",
    "Annex": "model", "Heading": "model", "Meeting": "model", "Passage": "model",
    "Report": "model", "Topic": "model", "citation": "model", "passage_id": "model",
    "parse_report": "parser",
    "REPORT_SUFFIXES": "reader", "ReportFile": "reader", "assign_keys": "reader",
    "find_reports": "reader", "parse_report_file": "reader", "read_report": "reader",
    "read_report_files": "reader", "sample_report_path": "reader",
    "Scan": "scan", "scan_reports": "scan", "UNSUPPORTED_SUFFIXES": "scan",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
