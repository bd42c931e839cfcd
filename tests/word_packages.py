"""DOCX and ODT packages written from raw XML, as Word and LibreOffice save
them: numbering definitions, content controls, text boxes with their VML
fallback, fields, tracked changes, headers and footers, notes, list and
outline styles, indexes and frames, which python-docx and odfdo do not write."""

from __future__ import annotations

import zipfile
from io import BytesIO

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def docx_package(body: str, numbering: str = "", styles: str = "", footnotes: str = "",
                 header: str = "") -> bytes:
    """A DOCX whose body is `body` (w:p, w:tbl, w:sdt ... elements); the other
    arguments are the inner XML of numbering.xml, styles.xml, footnotes.xml and
    a default page header."""
    section = '<w:headerReference w:type="default" r:id="rH"/>' if header else ""
    parts = {"word/document.xml": f'<w:document {DOCX_NAMESPACES}><w:body>{body}'
                                  f'<w:sectPr>{section}</w:sectPr></w:body></w:document>'}
    rels = []
    types = [f'<Override PartName="/word/document.xml" ContentType="{WML}.document.main+xml"/>']
    for name, inner, root, kind, rid in (
            ("numbering", numbering, "numbering", "numbering", "rN"),
            ("styles", styles, "styles", "styles", "rS"),
            ("footnotes", footnotes, "footnotes", "footnotes", "rF"),
            ("header1", header, "hdr", "header", "rH")):
        if not inner:
            continue
        parts[f"word/{name}.xml"] = f'<w:{root} {DOCX_NAMESPACES}>{inner}</w:{root}>'
        rels.append(f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{name}.xml"/>')
        types.append(f'<Override PartName="/word/{name}.xml" ContentType="{WML}.{kind}+xml"/>')
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'{"".join(rels)}</Relationships>')
    parts["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="r1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'{"".join(types)}</Types>')
    return zipped(parts)


def zipped(parts: dict[str, str], first: str = "") -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if first:
            archive.writestr(first, parts[first], compress_type=zipfile.ZIP_STORED)
        for name, text in parts.items():
            if name != first:
                archive.writestr(name, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def w_p(text: str = "", style: str = "", num: tuple[str, int] | None = None,
        inner: str = "") -> str:
    """A Word paragraph: its style, its numbering (numId, level), its runs."""
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        if num else "")
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f'<w:p>{"<w:pPr>" + props + "</w:pPr>" if props else ""}{run}{inner}</w:p>'


def w_level(ilvl: int, fmt: str, text: str, start: int = 1, style: str = "",
            suffix: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:pStyle w:val="{style}"/>' if style else "")
            + (f'<w:suff w:val="{suffix}"/>' if suffix else "")
            + f'<w:lvlText w:val="{text}"/></w:lvl>')


def w_numbering(abstracts: dict[int, list[str]], nums: dict[int, tuple[int, str]]) -> str:
    """Abstract lists (their levels) and the numbering instances that use them
    (numId: (abstractNumId, overrides XML))."""
    return "".join(f'<w:abstractNum w:abstractNumId="{a}">{"".join(levels)}</w:abstractNum>'
                   for a, levels in abstracts.items()) + "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>{extra}</w:num>'
        for n, (a, extra) in nums.items())


def w_style(style_id: str, name: str, inner: str = "", based_on: str = "") -> str:
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
            + f'<w:pPr>{inner}</w:pPr></w:style>')


ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xlink": "http://www.w3.org/1999/xlink",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}
ODF_NAMESPACES = " ".join(f'xmlns:{k}="{v}"' for k, v in ODF.items())


def odt_package(body: str, styles: str = "", automatic: str = "", master: str = "") -> bytes:
    """An ODT whose office:text holds `body`; `styles` goes into styles.xml's
    office:styles, `automatic` into content.xml's automatic styles, `master`
    into styles.xml's master styles (page headers and footers)."""
    parts = {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": f'<office:document-content {ODF_NAMESPACES} office:version="1.3">'
                       f'<office:automatic-styles>{automatic}</office:automatic-styles>'
                       f'<office:body><office:text>{body}</office:text></office:body>'
                       '</office:document-content>',
        "styles.xml": f'<office:document-styles {ODF_NAMESPACES} office:version="1.3">'
                      f'<office:styles>{styles}</office:styles>'
                      f'<office:master-styles>{master}</office:master-styles>'
                      '</office:document-styles>',
        "META-INF/manifest.xml": (
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
            'manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type='
            '"text/xml"/><manifest:file-entry manifest:full-path="styles.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>'),
    }
    return zipped(parts, first="mimetype")


def odt_level(level: int, fmt: str, prefix: str = "", suffix: str = "", shown: int = 1,
              outline: bool = False) -> str:
    tag = "outline-level-style" if outline else "list-level-style-number"
    return (f'<text:{tag} text:level="{level}" style:num-format="{fmt}" '
            f'style:num-prefix="{prefix}" style:num-suffix="{suffix}" '
            f'text:display-levels="{shown}"/>')


def w_contents(entries: list[tuple[str, str]], control: bool) -> str:
    """A contents page as Word generates it: `toc 1` paragraphs, the TOC field
    begun in the first and ended in the last, inside a Table of Contents
    content control (`control`) or loose in the body."""
    paragraphs = []
    for k, (title, page) in enumerate(entries):
        begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o '
                 '"1-3" \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
                 '</w:r>') if k == 0 else ""
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if k == len(entries) - 1 else ""
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{begin}<w:r><w:t>'
                          f'{title}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>{page}</w:t></w:r>'
                          f'{end}</w:p>')
    inner = "".join(paragraphs)
    if not control:
        return inner
    return ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            f'<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{inner}</w:sdtContent>'
            '</w:sdt>')


def odt_contents(entries: list[tuple[str, str]]) -> str:
    """A contents page as LibreOffice generates it: a text:table-of-content index."""
    inner = "".join(f'<text:p text:style-name="Contents_20_1">{title}<text:tab/>{page}</text:p>'
                    for title, page in entries)
    return ('<text:table-of-content text:name="Table of Contents1"><text:table-of-content-'
            'source text:outline-level="3"><text:index-title-template>目次</text:index-title-'
            f'template></text:table-of-content-source><text:index-body>{inner}'
            '</text:index-body></text:table-of-content>')
