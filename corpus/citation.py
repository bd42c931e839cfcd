"""What a passage is cited by: the headings above it, its id, its section's
label and the citation line (a search needs these, not the rest of the model)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True)
class Heading:
    """One numbered heading: level 1 is 壹、, 2 is 一、, 3 is (一)."""

    level: int
    label: str
    title: str

    @property
    def text(self) -> str:
        # A day's date line alone is both its label and its title: written once.
        return self.label if self.title == self.label else f"{self.label}{self.title}"


def passage_id(report: str, number: int) -> str:
    return f"{report}:{number}"


# Labels that end in punctuation need no space before what follows.
TIGHT = ("、",)


def section_label(section: tuple[Heading, ...]) -> str:
    if not section:
        return ""
    labels = "".join(h.label + ("" if h.label.endswith(TIGHT) else " ")
                     for h in section if h.label)
    if not labels.endswith(TIGHT):
        return f"{labels.rstrip()} {section[-1].title}".strip()
    return f"{labels}{section[-1].title}"


def citation_title(title: str, path: str, key: str) -> str:
    """The title a citation names: the report's, else its file's name, else its key."""
    return title or PurePath(path).name or key


def citation(agency: str, title: str, report_date: str, section: str, paragraph: int) -> str:
    parts = [agency, f"〈{title}〉" if title else "", report_date, section,
             f"第 {paragraph} 段"]
    return "，".join(p for p in parts if p)
