"""A fixture report as Word and LibreOffice hold one that was written in them,
not pasted: its numbered headings and list items numbered by the word
processor (the label is not in the text: a Word numbering definition, an
ODT list style), its contents page generated (Word: a TOC field in a content
control, entries linked to their headings with a PAGEREF page; ODT: a
text:table-of-content index), its cover in a text box (Word, with its VML
fallback) or a frame (ODT), and a page header and a footer with the page
number in their own parts. Reading either must give the report its text gives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from rsearch.corpus.contents import find_contents
from rsearch.corpus.formats.list_labels import format_count
from rsearch.corpus.headings import match_heading

ZH = "〇一二三四五六七八九"
LEGAL = "零壹貳參肆伍陸柒捌玖"
LABEL_RE = re.compile(r"^(?P<open>第|\(|（)?(?P<number>[一二三四五六七八九十]+"
                      r"|[壹貳參肆伍陸柒捌玖拾]+|[0-9]{1,2}|[０-９]{1,2})"
                      r"(?P<close>、|章|節|\.|．|\)|）)(?P<gap>[ \u3000]?)(?=\S)(?![0-9０-９])")
PAIRS = {"": "、.．", "第": "章節", "(": ")", "（": "）"}
LEADER_RE = re.compile(r"^(?P<title>.*?\S)\s*[.…‥·‧・．･⋯﹒•\-─—]{2,}\s*(?P<page>\d{1,3})\s*$")
ODT_FORMATS = {"taiwaneseCountingThousand": "一, 二, 三, ...",
               "ideographLegalTraditional": "壹, 貳, 參, ...", "decimal": "1",
               "decimalFullWidth": "１, ２, ３, ..."}


def zh_value(numeral: str, digits: str, ten: str) -> int:
    if ten in numeral:
        tens, _, ones = numeral.partition(ten)
        return (digits.index(tens) if tens else 1) * 10 + (digits.index(ones) if ones else 0)
    return digits.index(numeral) if len(numeral) == 1 else -1


@dataclass(frozen=True)
class Label:
    """A label the word processor can generate: its template (%1 for the
    number), format, number, and what stands between it and the text."""

    template: str
    fmt: str
    number: int
    gap: str
    text: str


def generated_label(line: str) -> Label | None:
    """The label of a numbered line, if Word would write it the same way."""
    m = LABEL_RE.match(line)
    if not m or not match_heading(line):
        return None
    opening, number, closing = m.group("open") or "", m.group("number"), m.group("close")
    if closing not in PAIRS[opening]:
        return None
    if number[0] in ZH:
        fmt, value = "taiwaneseCountingThousand", zh_value(number, ZH, "十")
    elif number[0] in LEGAL + "拾":
        fmt, value = "ideographLegalTraditional", zh_value(number, LEGAL, "拾")
    elif number.isascii():
        fmt, value = "decimal", int(number)
    else:
        fmt, value = "decimalFullWidth", int(number.translate({c: c - 0xFEE0 for c in
                                                               range(0xFF10, 0xFF1A)}))
    if value < 1 or format_count(value, fmt) != number:
        return None
    return Label(f"{opening}%1{closing}", fmt, value, m.group("gap"), line[m.end():])


@dataclass
class Lists:
    """One list per label family; a label that does not follow on from the
    last of its family starts the list again at its number."""

    families: dict[tuple[str, str], int] = field(default_factory=dict)  # -> list id
    last: dict[int, int] = field(default_factory=dict)
    starts: dict[int, int] = field(default_factory=dict)  # list id -> its first number
    labels: dict[int, Label] = field(default_factory=dict)

    def place(self, label: Label) -> tuple[int, bool]:
        """The list the label is counted in, and whether it goes on from the last."""
        family = (label.template, label.fmt)
        list_id = self.families.get(family)
        if list_id is not None and self.last[list_id] + 1 == label.number:
            self.last[list_id] = label.number
            return list_id, True
        list_id = len(self.labels) + 1
        self.families[family] = list_id
        self.last[list_id] = self.starts[list_id] = label.number
        self.labels[list_id] = label
        return list_id, False


def plan(path: Path):
    """The report as blocks: ("cover", lines), ("contents", [(title, page) or
    line]), ("table", rows), ("label", Label, heading level or None),
    ("paragraph", text)."""
    from .report_forms import blocks_of, source_lines

    lines = source_lines(path)
    contents = find_contents(lines)
    first = contents.first if contents.first is not None else next(
        (i for i, line in enumerate(lines) if match_heading(line)), 0)
    cover = [line for line in lines[:first] if line.strip()]
    if cover and contents.first is not None:
        yield ("cover", cover)
    else:
        first = 0
    if contents.lines:
        end = contents.first  # the first contents page, to the first line of another kind
        while end < len(lines) and (end in contents.lines or not lines[end].strip()):
            end += 1
        entries = []
        for line in lines[contents.first:end]:
            m = LEADER_RE.match(line.strip())
            if line.strip():
                entries.append((m.group("title").strip(), m.group("page")) if m else line)
        yield ("contents", entries)
        rest = lines[end:] if cover else lines[:contents.first] + [""] + lines[end:]
    else:
        rest = lines[first:]
    for block in blocks_of(rest):
        if block[0] == "table":
            yield block
            continue
        text = block[1] if block[0] == "paragraph" else block[2]
        label = generated_label(text)
        if label is None:
            yield ("paragraph", text, block[1] if block[0] == "heading" else None)
        else:
            yield ("label", label, block[1] if block[0] == "heading" else None)


# --- DOCX -------------------------------------------------------------------

W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BOX_XML = (
    '<w:r xmlns:w="{w}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:positionV relativeFrom="page">'
    '<wp:posOffset>900000</wp:posOffset></wp:positionV><a:graphic><a:graphicData><wps:wsp>'
    '<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData>'
    '</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
    '<w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
    '</mc:AlternateContent></w:r>')


def w_run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def w_field(instruction: str, result: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space='
            f'"preserve"> {escape(instruction)} </w:instrText></w:r><w:r><w:fldChar '
            f'w:fldCharType="separate"/></w:r>{w_run(result) if result else ""}'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def write_docx_word(path: Path, target: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    from .report_forms import docx_table, source_lines

    document = docx.Document()
    body = document.element.body
    lists = Lists()
    numbered: list[tuple] = []
    for block in plan(path):
        if block[0] == "cover":
            inner = "".join(f"<w:p>{w_run(line)}</w:p>" for line in block[1])
            paragraph = document.add_paragraph()
            paragraph._p.append(parse_xml(BOX_XML.format(w=W_URI, inner=inner)))
        elif block[0] == "contents":
            toc_style = contents_style(document)
            entries = []
            for k, entry in enumerate(block[1]):
                if isinstance(entry, str):
                    entries.append(f"<w:p>{w_run(entry)}</w:p>")
                    continue
                title, page = entry
                label, rest = split_label(title)
                text = (w_run(label) + "<w:r><w:tab/></w:r>" if label else "") + w_run(rest)
                entries.append(
                    f'<w:p><w:pPr><w:pStyle w:val="{toc_style}"/><w:tabs><w:tab w:val="right" '
                    f'w:leader="dot" w:pos="8296"/></w:tabs></w:pPr>'
                    + (w_field('TOC \\o "1-3" \\h \\z \\u', "") if k == 0 else "")
                    + f'<w:hyperlink w:anchor="_Toc{k}" w:history="1">{text}'
                    f'<w:r><w:tab/></w:r>{w_field(f"PAGEREF _Toc{k} " + chr(92) + "h", page)}'
                    '</w:hyperlink></w:p>')
            add_block(body, parse_xml(
                f'<w:sdt xmlns:w="{W_URI}"><w:sdtPr><w:docPartObj><w:docPartGallery '
                f'w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>'
                f'<w:sdtContent>{"".join(entries)}</w:sdtContent></w:sdt>'))
        elif block[0] == "table":
            docx_table(document, block[1])
        elif block[0] == "label":
            label, level = block[1], block[2]
            paragraph = document.add_paragraph(
                label.text, style=heading_style(document, level) if level else None)
            numbered.append((paragraph, *lists.place(label)))
        else:
            style = heading_style(document, block[2]) if block[2] else None
            document.add_paragraph(block[1], style=style)
    word_numbering(document, lists, numbered)
    section = document.sections[0]
    section.header.paragraphs[0].text = source_lines(path)[0]
    footer = section.footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_URI}" w:instr=" PAGE ">'
                               f'{w_run("1")}</w:fldSimple>'))
    document.save(str(target))


def add_block(body, element) -> None:
    """`element` at the body's end, before its section properties (as python-docx adds)."""
    section = body.find(f"{{{W_URI}}}sectPr")
    if section is not None:
        section.addprevious(element)
    else:
        body.append(element)


def split_label(title: str) -> tuple[str, str]:
    """A contents entry's heading number and title, which Word and LibreOffice
    set apart by a tab."""
    label = generated_label(title)
    if label is None:
        return "", title
    return title[:len(title) - len(label.text)].strip(), label.text


def heading_style(document, level: int) -> str:
    """A report template's own heading style, based on Word's Heading N and
    given no outline level of its own (Word takes the level from the style
    it is based on)."""
    from docx.enum.style import WD_STYLE_TYPE

    name = f"Report Heading {level}"
    if name not in [style.name for style in document.styles]:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles[f"Heading {level}"]
    return name


def contents_style(document) -> str:
    """Word's style of the first level of a contents page (toc 1)."""
    from docx.enum.style import WD_STYLE_TYPE

    return document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH).style_id


def word_numbering(document, lists: Lists, numbered: list[tuple]) -> None:
    """Each family's list in numbering.xml, a restarted list as a num with a
    start override, and each numbered paragraph's numPr."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{W_URI}}}num")
    abstracts: dict[tuple[str, str], int] = {}
    for list_id, label in lists.labels.items():
        family = (label.template, label.fmt)
        if family not in abstracts:
            abstracts[family] = 100 + len(abstracts)
            suffix = "space" if label.gap else "nothing"
            element = parse_xml(
                f'<w:abstractNum xmlns:w="{W_URI}" w:abstractNumId="{abstracts[family]}">'
                f'<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="{label.fmt}"/><w:suff w:val="{suffix}"/>'
                f'<w:lvlText w:val="{escape(label.template)}"/></w:lvl></w:abstractNum>')
            if first_num is not None:
                first_num.addprevious(element)
            else:
                numbering.append(element)
        numbering.append(parse_xml(
            f'<w:num xmlns:w="{W_URI}" w:numId="{100 + list_id}"><w:abstractNumId '
            f'w:val="{abstracts[family]}"/><w:lvlOverride w:ilvl="0"><w:startOverride '
            f'w:val="{lists.starts[list_id]}"/></w:lvlOverride></w:num>'))
    for paragraph, list_id, _ in numbered:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = 100 + list_id


# --- ODT --------------------------------------------------------------------

def write_odt_office(path: Path, target: Path) -> None:
    from odfdo import Document, Element, Header, Paragraph

    from .report_forms import odt_table, source_lines

    document = Document("text")
    body = document.body
    body.clear()
    lists = Lists()
    styles: dict[tuple[str, str], str] = {}
    for block in plan(path):
        if block[0] == "cover":
            inner = "".join(f"<text:p>{escape(line)}</text:p>" for line in block[1])
            body.append(Element.from_tag(
                f'<draw:frame text:anchor-type="page" draw:name="cover"><draw:text-box>{inner}'
                '</draw:text-box></draw:frame>'))
        elif block[0] == "contents":
            entries = "".join(
                f"<text:p>{escape(entry)}</text:p>" if isinstance(entry, str) else
                f'<text:p text:style-name="Contents_20_1"><text:a xlink:type="simple" '
                f'xlink:href="#__RefHeading__{k}">{odt_entry(entry[0])}<text:tab/>{entry[1]}'
                f'</text:a></text:p>' for k, entry in enumerate(block[1]))
            body.append(Element.from_tag(
                '<text:table-of-content text:name="Table of Contents1"><text:table-of-content-'
                'source text:outline-level="3"><text:index-title-template>目次</text:index-title-'
                'template></text:table-of-content-source><text:index-body>'
                f'{entries}</text:index-body></text:table-of-content>'))
        elif block[0] == "table":
            body.append(odt_table(block[1]))
        elif block[0] == "label":
            label, level = block[1], block[2]
            family = (label.template, label.fmt)
            styles.setdefault(family, f"L{len(styles) + 1}")
            list_id, goes_on = lists.place(label)
            item = Header(level, label.text) if level else Paragraph(label.text)
            start = "" if goes_on else f' text:start-value="{label.number}"'
            go_on = ' text:continue-numbering="true"' if goes_on else ""
            listed = Element.from_tag(
                f'<text:list text:style-name="{styles[family]}"{go_on}>'
                f"<text:list-item{start}/></text:list>")
            listed.children[0].append(item)
            body.append(listed)
        else:
            body.append(Header(block[2], block[1]) if block[2] else Paragraph(block[1]))
    for (template, fmt), name in styles.items():
        prefix, _, suffix = template.partition("%1")
        gap = next(label.gap for label in lists.labels.values()
                   if (label.template, label.fmt) == (template, fmt))
        document.insert_style(Element.from_tag(
            f'<text:list-style style:name="{name}"><text:list-level-style-number text:level="1" '
            f'style:num-format="{ODT_FORMATS[fmt]}" style:num-prefix="{escape(prefix)}" '
            f'style:num-suffix="{escape(suffix)}"><style:list-level-properties text:list-level-'
            f'position-and-space-mode="label-alignment"><style:list-level-label-alignment '
            f'text:label-followed-by="{"space" if gap else "nothing"}"/>'
            '</style:list-level-properties></text:list-level-style-number></text:list-style>'),
            automatic=True)
    page_furniture(document, source_lines(path)[0])
    document.save(str(target))


def odt_entry(title: str) -> str:
    label, rest = split_label(title)
    return (escape(label) + "<text:tab/>" if label else "") + escape(rest)


def page_furniture(document, header: str) -> None:
    """A header with the title and a footer with the page number, on the
    master page: never in the body."""
    from odfdo import Element

    master = document.get_part("styles.xml").get_element("//style:master-page")
    master.append(Element.from_tag(f"<style:header><text:p>{escape(header)}</text:p>"
                                   "</style:header>"))
    master.append(Element.from_tag('<style:footer><text:p><text:page-number text:select-page='
                                   '"current">1</text:page-number></text:p></style:footer>'))
