"""Reading 出國報告 files of every format into passages with metadata."""

from .encoding import decode_text
from .errors import CorpusError, UnreadableReport
from .glossary import learn_glossary, name_key
from .model import Annex, Heading, Meeting, Passage, Report, Topic, citation, passage_id
from .parser import parse_report
from .reader import (
    REPORT_SUFFIXES,
    ReportFile,
    assign_keys,
    find_reports,
    parse_report_file,
    read_report,
    read_report_files,
    sample_report_path,
)

__all__ = [
    "REPORT_SUFFIXES", "Annex", "CorpusError", "Heading", "Meeting", "Passage", "Report",
    "ReportFile", "Topic", "UnreadableReport", "assign_keys", "citation", "decode_text",
    "find_reports",
    "learn_glossary", "name_key", "parse_report", "parse_report_file", "passage_id",
    "read_report", "read_report_files", "sample_report_path",
]
