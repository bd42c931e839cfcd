"""Word DOCX: paragraphs and table rows in body order, read from the XML.

python-docx opens the package; the body is walked here, because its own
walk skips content controls (``w:sdt``), where Word keeps its cover pages
and its contents page. What is read, as it is printed:

- paragraphs, with the label Word's numbering generates (``一、``, ``1.1``:
  not in the text, drawn from ``word/numbering.xml``) put before the text as
  if typed, and the outline level of a Heading style or an outline level
  (corpus.formats.docx_styles);
- text boxes and frames (a cover often is one) as paragraphs of their own
  before the paragraph that anchors them, once (Word stores each box twice,
  as a drawing and as its VML fallback);
- tables row by row, cells apart by tabs, a merged cell once, a cell's
  paragraphs and nested tables in the cell; a table of one column (a frame
  drawn round a cover or a whole text) as the paragraphs it holds;
- soft line breaks, tabs, hyperlinks, smart tags, fields (their result: the
  contents page Word generates, page numbers; a form check box as ■ or □),
  inserted text; never deleted or moved-away text (tracked changes; a
  paragraph whose mark was deleted runs on into the next), hidden text or
  field instructions;
- footnotes and endnotes (``word/footnotes.xml``, ``word/endnotes.xml``)
  after the paragraph that cites them as ``[n] text`` note lines, the
  paragraph carrying the ``[n]`` mark where the reference stands.

Headers and footers live in parts of their own and are not read; page
furniture typed into the body is marked (``furniture``). The document
properties (``docProps/core.xml``) give its title, author and date.
"""

from __future__ import annotations

from io import BytesIO

from ..errors import UnreadableReport
from .cells import CellRows
from .docx_styles import Styles, W, WordNumbering, paragraph_label
from .furniture import mark_furniture
from .list_labels import contents_entry, roman
from .model import Extracted, Line
from .properties import package_properties
from .text import indent_of

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
NOTE_KINDS = {"footnotes": f"{W}footnoteReference", "endnotes": f"{W}endnoteReference"}
# Word numbers footnotes 1, 2, 3 and endnotes i, ii, iii.
# Not printed: deleted and moved-away text, field instructions, properties.
SKIPPED = {f"{W}{tag}" for tag in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText",
                                   "delInstrText", "commentReference", "tblPr", "tcPr",
                                   "trPr", "sectPr", "tblGrid")} | {f"{MC}Fallback"}
CONTAINERS = {f"{W}{tag}" for tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo",
                                      "smartTag", "txbxContent")}
PARTS = ("styles", "numbering", "footnotes", "endnotes")


def read(data: bytes, path: str) -> Extracted:
    import docx

    try:
        document = docx.Document(BytesIO(data))
        reader = BodyReader(related_parts(document))
        reader.blocks(document.element.body)
        reader.finish()
    except Exception as e:  # python-docx raises many kinds on a damaged package
        raise UnreadableReport(path, f"damaged DOCX ({type(e).__name__})") from None
    return Extracted("docx", [mark_furniture(reader.lines, reader.breaks)],
                     package_properties(data))


def related_parts(document) -> dict:
    """The XML of the parts the body refers to, by kind (styles, numbering, notes)."""
    from lxml import etree

    parts = {}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in PARTS and not rel.is_external:
            part = rel.target_part
            parts[kind] = part.element if hasattr(part, "element") \
                else etree.fromstring(part.blob)
    return parts


class BodyReader(CellRows):
    def __init__(self, parts: dict) -> None:
        self.styles = Styles(parts.get("styles"))
        self.numbering = WordNumbering(parts.get("numbering"), self.styles)
        self.notes = Notes(parts)
        self.lines: list[Line] = []
        self.breaks: set[int] = set()
        self.carried = ""  # the text of paragraphs whose mark a tracked change deleted
        self.notes_carried: list[str] = []
        self.in_contents = False  # the last paragraph was a contents page's entry

    def finish(self) -> None:
        """A last paragraph whose mark was deleted (Word keeps the last mark)."""
        if self.carried.strip() or self.notes_carried:
            self.lines.append(Line(self.carried.strip(), whole=True))
            self.lines.extend(Line(n, whole=True, note=True) for n in self.notes_carried)

    def blocks(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in CONTAINERS:
                self.blocks(child)
                if contents_control(child):
                    self.breaks.add(len(self.lines))

    def paragraph(self, p) -> None:
        p_pr = p.find(f"{W}pPr")
        if page_break_before(p):
            self.breaks.add(len(self.lines))
        parts: list[str] = []
        cited: list[str] = []
        boxes: list = []
        inline(p, parts, boxes, lambda reference: self.notes.cite(reference, cited))
        for box in sorted_boxes(boxes):
            self.blocks(box)
        text = self.carried + "".join(parts)
        self.carried = ""
        if mark_deleted(p_pr):  # its mark deleted: the paragraph runs on into the next
            self.carried = text
            self.notes_carried.extend(cited)
            return
        cited[:0], self.notes_carried = self.notes_carried, []
        style = paragraph_style(p_pr)
        entry = self.styles.contents_entry(style)
        if entry:
            text = contents_entry(text)
        elif self.in_contents:  # a generated contents page is a page of its own
            self.breaks.add(len(self.lines))
        self.in_contents = entry
        label = self.numbering.label(p_pr, style)  # counted even where nothing follows
        if not text.strip() and not cited:
            self.lines.append(Line("", whole=True))
        else:
            outline = p_pr.find(f"{W}outlineLvl") if p_pr is not None else None
            level = int(outline.get(f"{W}val", "9")) + 1 if outline is not None \
                else self.styles.outline_level(style)
            self.lines.append(Line(paragraph_label(label, text.strip()), whole=True,
                                   heading=level if level and level < 10 else None,
                                   indent=indent_of(text)))
            self.lines.extend(Line(note, whole=True, note=True) for note in cited)
        if page_break_after(p):
            self.breaks.add(len(self.lines))

    def table(self, tbl) -> None:
        rows = own(tbl, f"{W}tr")
        cells = [own(row, f"{W}tc") for row in rows]
        self.rows(cells)


def inline(element, parts: list[str], boxes: list, cite) -> None:
    """The printed text under `element`, a note reference as the mark `cite`
    gives it; text boxes go to `boxes`."""
    for child in element:
        tag = child.tag
        if tag in SKIPPED or (tag == f"{W}r" and hidden(child)):
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("" if child.get(f"{W}type") == "page" else "\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}sym":
            parts.append(symbol(child))
        elif tag == f"{W}fldChar":
            parts.append(check_box(child))
        elif tag in NOTE_KINDS.values():
            parts.append(cite(child))
        elif tag == f"{W}txbxContent":
            boxes.append(child)
        else:
            inline(child, parts, boxes, cite)


def contents_control(element) -> bool:
    """Whether a content control holds Word's generated contents page (its
    gallery: Table of Contents), which ends its page."""
    gallery = element.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery") \
        if element.tag == f"{W}sdt" else None
    return gallery is not None and "contents" in (gallery.get(f"{W}val") or "").lower()


def own(element, tag: str) -> list:
    """The rows of a table, or the cells of a row, also inside content
    controls, never a nested table's."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag in CONTAINERS:
            found.extend(own(child, tag))
    return found


def paragraph_style(p_pr) -> str | None:
    style = p_pr.find(f"{W}pStyle") if p_pr is not None else None
    return style.get(f"{W}val") if style is not None else None


def mark_deleted(p_pr) -> bool:
    return p_pr is not None and p_pr.find(f"{W}rPr/{W}del") is not None


def hidden(run) -> bool:
    r_pr = run.find(f"{W}rPr")
    vanish = r_pr.find(f"{W}vanish") if r_pr is not None else None
    return vanish is not None and vanish.get(f"{W}val", "true") not in ("0", "false")


def check_box(field_char) -> str:
    """A legacy form check box (FORMCHECKBOX) as printed, ticked or not: ■ or
    □ (its field has no text); any other field mark is nothing."""
    box = field_char.find(f"{W}ffData/{W}checkBox")
    if box is None:
        return ""
    state = box.find(f"{W}checked")
    if state is None:
        state = box.find(f"{W}default")
    ticked = state is not None and state.get(f"{W}val", "1") not in ("0", "false")
    return "■" if ticked else "□"


def symbol(element) -> str:
    """A w:sym character; a symbol font's private-use code is no text."""
    try:
        code = int(element.get(f"{W}char", ""), 16)
    except ValueError:
        return ""
    return "" if 0xE000 <= code <= 0xF8FF else chr(code)


def sorted_boxes(boxes: list) -> list:
    """Text boxes top to bottom where each says how far down the page it stands."""
    offsets = []
    for box in boxes:
        anchor = next((a for a in box.iterancestors(f"{WP}anchor")), None)
        position = anchor.find(f"{WP}positionV/{WP}posOffset") if anchor is not None else None
        offsets.append(int(position.text) if position is not None
                       and (position.text or "").lstrip("-").isdigit() else None)
    if None in offsets or len(boxes) < 2:
        return boxes
    return [box for _, box in sorted(zip(offsets, boxes, strict=True), key=lambda x: x[0])]


def page_break_before(p) -> bool:
    p_pr = p.find(f"{W}pPr")
    return p_pr is not None and p_pr.find(f"{W}pageBreakBefore") is not None \
        or any(True for _ in p.iter(f"{W}lastRenderedPageBreak"))


def page_break_after(p) -> bool:
    p_pr = p.find(f"{W}pPr")
    return any(br.get(f"{W}type") == "page" for br in p.iter(f"{W}br")) \
        or (p_pr is not None and p_pr.find(f"{W}sectPr") is not None)


class Notes:
    """The document's footnotes and endnotes by id, numbered as they are cited."""

    def __init__(self, parts: dict) -> None:
        self.bodies = {kind: note_texts(parts[kind], kind[:-1]) for kind in NOTE_KINDS
                       if kind in parts}
        self.numbers: dict[tuple[str, str], str] = {}

    def cite(self, reference, cited: list[str]) -> str:
        """The mark of a note reference; the note goes to `cited`."""
        kind = "footnotes" if reference.tag == NOTE_KINDS["footnotes"] else "endnotes"
        note_id = reference.get(f"{W}id")
        body = self.bodies.get(kind, {}).get(note_id)
        if body is None:
            return ""
        key = (kind, note_id)
        if key not in self.numbers:
            n = sum(1 for k, _ in self.numbers if k == kind) + 1
            self.numbers[key] = str(n) if kind == "footnotes" else roman(n).lower()
        mark = self.numbers[key]
        cited.append(f"[{mark}] {body}")
        return f"[{mark}]"


def plain_text(p) -> str:
    """A note's paragraph: its text, and its text boxes' after it."""
    parts: list[str] = []
    boxes: list = []
    inline(p, parts, boxes, lambda reference: "")
    return "".join(parts) + "".join(" " + plain_text(q) for box in boxes
                                    for q in box.iter(f"{W}p"))


def note_texts(root, tag: str) -> dict[str, str]:
    """Each note's text by its id; separators (negative ids, typed) are not notes."""
    notes = {}
    for note in root.iter(f"{W}{tag}"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = [plain_text(p).strip() for p in note.iter(f"{W}p")]
        notes[note.get(f"{W}id")] = " ".join(p for p in paragraphs if p)
    return notes

