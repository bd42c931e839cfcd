"""The fixture reports in the forms they are published in: wrapped text with
page furniture, legacy encodings, PDF (reportlab), DOCX (python-docx) and ODT
(odfdo), plain or as written in the word processor (tests.word_forms). Each
form is made from the fixture's text, one paragraph a line."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from rsearch.corpus.encoding import decode_text
from rsearch.corpus.headings import match_heading

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = sorted((FIXTURES / "reports").glob("*.txt"))
QUERIES = FIXTURES / "queries.jsonl"
LINE_CELLS = 34  # a line of a page: 34 Chinese characters, or twice as many Latin ones
PAGE_LINES = 28


def source_lines(path: Path) -> list[str]:
    """The fixture's lines, in whatever encoding it is saved (UTF-8 with or
    without a BOM, Big5) and with either line end."""
    return decode_text(path.read_bytes(), str(path)).splitlines()


def cells(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.5


def wrap(line: str, width: float = LINE_CELLS) -> list[str]:
    """A paragraph broken into lines as a page lays it out (Latin words whole).
    A table row (cells apart by tabs or drawn bars) is laid out in its cells,
    never broken across the page's width."""
    if "\t" in line or any(bar in line for bar in "│┃｜"):
        return [line]
    out, current, used = [], "", 0.0
    tokens: list[str] = []
    for char in line:
        if tokens and char.isascii() and not char.isspace() and tokens[-1][-1:].isascii() \
                and not tokens[-1][-1:].isspace():
            tokens[-1] += char
        else:
            tokens.append(char)
    for token in tokens:
        size = sum(cells(c) for c in token)
        if used + size > width and current.strip():
            out.append(current.rstrip())
            current, used = "", 0.0
            token = token.lstrip()
        current += token
        used += size
    if current.strip():
        out.append(current.rstrip())
    return out or [""]


def pages(path: Path) -> list[list[str]]:
    """Wrapped lines cut into pages; paragraphs keep no blank line between them."""
    lines = [piece for line in source_lines(path) for piece in (wrap(line) if line else [""])]
    return [lines[i:i + PAGE_LINES] for i in range(0, len(lines), PAGE_LINES)]


def wrapped_text(path: Path, footer: str) -> str:
    """A PDF-to-text export: wrapped lines, a running header and a page footer."""
    all_pages = pages(path)
    header = source_lines(path)[0]
    out = []
    for n, page in enumerate(all_pages, start=1):
        out.append(header)
        out.extend(page)
        out.append(footer.format(n=n, total=len(all_pages)))
    return "\n".join(out) + "\n"


def write_pdf(path: Path, target: Path, embedded: bool = False) -> None:
    """The fixture as a PDF: in reportlab's CID font MSung-Light, not embedded
    (PDFium cannot place its characters: read as lines), or `embedded` in a
    font of the file, as Word exports, with its lines justified (read from the
    page's geometry)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if embedded:
        from .page_forms import box_font, measure

        font = box_font()
    else:
        # MSung-Light labels itself Simplified unless told the Traditional encoding.
        font = "MSung-Light"
        pdfmetrics.registerFont(UnicodeCIDFont(font, "UniCNS-UCS2-H"))
    pdf = canvas.Canvas(str(target), pagesize=A4)
    header = source_lines(path)[0]
    all_pages = pages(path)
    ends = paragraph_ends(path)
    for n, page in enumerate(all_pages, start=1):
        pdf.setFont(font, 9)
        pdf.drawString(60, 800, header)
        pdf.setFont(font, 12)
        y = 770
        for k, line in enumerate(page):
            # A form feed is no character to draw (the page breaks where it will).
            text = line.replace("\t", "    ").replace("\f", "")
            space = 0.0
            if embedded and not ends[(n - 1) * PAGE_LINES + k] and len(text) > 1 \
                    and "\t" not in line:
                space = max(0.0, (LINE_CELLS * 12 - measure(text, 12)) / (len(text) - 1))
            pdf.drawString(60, y, text, charSpace=space)
            y -= 24
        pdf.setFont(font, 9)
        pdf.drawString(280, 40, f"- {n} -")
        pdf.showPage()
    pdf.save()


def paragraph_ends(path: Path) -> list[bool]:
    """For each wrapped line of `pages`, whether it ends its paragraph."""
    ends: list[bool] = []
    for line in source_lines(path):
        pieces = wrap(line) if line else [""]
        ends.extend([False] * (len(pieces) - 1) + [True])
    return ends


def blocks(path: Path):
    return blocks_of(source_lines(path))


def blocks_of(lines: list[str]):
    """The fixture as a word processor holds it: ("table", rows) for runs of
    tab-separated lines, ("heading", level, text) for numbered headings of the
    upper styles (level 1 for 壹、 and 第一章), ("paragraph", text) for the rest."""
    rows: list[list[str]] = []
    for line in lines + [""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            yield ("table", rows)
            rows = []
        if not line:
            continue
        found = match_heading(line)
        if found and found[0] in ("upper", "chapter", "zh", "decimal-2"):
            yield ("heading", 1 if found[0] in ("upper", "chapter") else 2, line)
        else:
            yield ("paragraph", line, bool(found))


def docx_table(document, rows: list[list[str]]) -> None:
    """A table of `rows` at the end of a python-docx document, a value a cell."""
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = value


def odt_table(rows: list[list[str]]):
    """An odfdo table of `rows`, a value a cell."""
    from odfdo import Table

    table = Table("table", width=max(len(r) for r in rows), height=len(rows))
    for y, values in enumerate(rows):
        for x, value in enumerate(values):
            table.set_value((x, y), value)
    return table


def write_docx(path: Path, target: Path) -> None:
    import docx

    document = docx.Document()
    for block in blocks(path):
        if block[0] == "table":
            docx_table(document, block[1])
        elif block[0] == "heading":
            document.add_paragraph(block[2], style=f"Heading {block[1]}")
        else:
            # Word reports fake some headings in bold instead of a style.
            document.add_paragraph().add_run(block[1]).bold = block[2]
    document.save(str(target))


def write_odt(path: Path, target: Path) -> None:
    from odfdo import Document, Header, Paragraph

    document = Document("text")
    body = document.body
    body.clear()
    for block in blocks(path):
        if block[0] == "table":
            body.append(odt_table(block[1]))
        elif block[0] == "heading":
            body.append(Header(block[1], block[2]))
        else:
            body.append(Paragraph(block[1]))
    document.save(str(target))


def write_form(path: Path, form: str, folder: Path) -> Path:
    """The fixture at `path` written in `form` into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = path.stem
    if form == "txt":
        target = folder / f"{stem}.txt"
        target.write_bytes(path.read_bytes())
    elif form == "wrapped":
        target = folder / f"{stem}.txt"
        target.write_text(wrapped_text(path, "- {n} -"), encoding="utf-8")
    elif form == "big5-crlf":
        target = folder / f"{stem}.txt"
        text = wrapped_text(path, "第 {n} 頁，共 {total} 頁")
        target.write_bytes(text.replace("\n", "\r\n").encode("cp950", errors="replace"))
    elif form in ("pdf", "pdf-embedded"):
        target = folder / f"{stem}.pdf"
        write_pdf(path, target, embedded=form == "pdf-embedded")
    elif form == "docx":
        target = folder / f"{stem}.docx"
        write_docx(path, target)
    elif form == "docx-word":
        from .word_forms import write_docx_word

        target = folder / f"{stem}.docx"
        write_docx_word(path, target)
    elif form == "odt-office":
        from .word_forms import write_odt_office

        target = folder / f"{stem}.odt"
        write_odt_office(path, target)
    else:
        target = folder / f"{stem}.odt"
        write_odt(path, target)
    return target


# docx-word and odt-office: as written in the word processor (generated labels, a
# generated contents page, a cover in a text box or frame, header and footer parts).
FORMS = ["txt", "wrapped", "big5-crlf", "pdf", "pdf-embedded", "docx", "odt", "docx-word",
         "odt-office"]
