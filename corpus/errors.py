"""What can go wrong reading a report file."""

from __future__ import annotations


class CorpusError(Exception):
    """A report file that cannot be read; the message says why."""


# What kind of file was not read, for the count of files skipped: a format
# rsearch does not read, a file the system would not hand over, or a file of a
# report format that does not read as a report (damaged, empty, encrypted,
# scanned, misnamed).
UNSUPPORTED, UNREADABLE, DAMAGED = "unsupported", "unreadable", "damaged"


class UnreadableReport(CorpusError):
    def __init__(self, path: str, reason: str, kind: str = DAMAGED):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.kind = kind
