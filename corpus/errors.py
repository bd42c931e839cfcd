"""What can go wrong reading a report file."""

from __future__ import annotations


class CorpusError(Exception):
    """A report file that cannot be read; the message says why."""


class UnreadableReport(CorpusError):
    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
