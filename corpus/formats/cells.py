"""Tables of a word processor's body, as the DOCX and ODT readers both read
them: a row a line (cells apart by tabs, each cell's paragraphs joined), the
notes its cells cite after it; a table of one cell a row is a frame round
paragraphs and reads as them."""

from __future__ import annotations

from .model import Line


class CellRows:
    """Mixed into a body reader that has `lines`, `breaks` and `blocks(element)`."""

    lines: list[Line]
    breaks: set

    def rows(self, cells: list[list]) -> None:
        """Each row's cells (elements) as one line, or their blocks in a frame."""
        if cells and all(len(row) <= 1 for row in cells):
            for row in cells:  # a frame round paragraphs, not a table of values
                for cell in row:
                    self.blocks(cell)
            return
        for row in cells:
            texts: list[str] = []
            notes: list[Line] = []
            for cell in row:
                inside = self.collect(cell)
                notes.extend(line for line in inside if line.note)
                texts.append(" ".join(" ".join(line.text.split()) for line in inside
                                      if line.text and not line.note))
            self.lines.append(Line("\t".join(texts).strip(), whole=True))
            self.lines.extend(notes)

    def collect(self, element) -> list[Line]:
        """The lines of the blocks in `element` (a table cell), apart from the body's."""
        lines, breaks = self.lines, self.breaks
        self.lines, self.breaks = [], set()
        try:
            self.blocks(element)
            return self.lines
        finally:
            self.lines, self.breaks = lines, breaks
