"""Writing a document made of simple blocks as ODT (OpenDocument 1.3) or DOCX (WordprocessingML).

``calc.vorlage`` builds the council paper draft as blocks (``Paragraph``, ``Heading``, ``Items``,
``Table``, each text a tuple of runs) and hands them to ``write``; this module knows nothing of
councils or climate protection, only of the two file formats.

The same blocks give the same bytes on CPython and in Pyodide: fixed order and timestamps, and
every part is STORED, because deflate output differs between zlib builds. XML is written by
ElementTree (it escapes); characters XML 1.0 does not allow are removed before.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

MEDIA_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile("[ \t\n\r]+")  # not \s: the no-break space between number and unit stays
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CM = 567  # twips per centimetre (DOCX)


def clean_text(text: str) -> str:
    """Text as XML 1.0 can carry it: control characters and lone surrogates removed, line breaks
    and runs of spaces as one space."""
    return _SPACE.sub(" ", _NOT_XML.sub("", text))


# --------------------------------------------------------------------------------------------
# The document as blocks
# --------------------------------------------------------------------------------------------

Run = tuple[str, str]  # (text, kind): "" plain, "gap" a gap to fill in, "strong"
Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    style: str = "text"  # "text" | "draft" (the note on top) | "caption" (above a table)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[Runs, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    widths: tuple[float, ...]  # centimetres
    header: tuple[str, ...] | None
    rows: tuple[tuple[Runs, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns


def cell(text: str, kind: str = "") -> Runs:
    """One run: a table cell, a heading."""
    return ((text, kind),)


def write(kind: str, blocks: list, title: str, texts: dict) -> bytes:
    """The document as ``kind`` ("odt" | "docx"); ``texts["dokument"]`` gives the footer line."""
    return _odt(blocks, title, texts) if kind == "odt" else _docx(blocks, title, texts)


# --------------------------------------------------------------------------------------------
# XML and the package
# --------------------------------------------------------------------------------------------

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",  # written as default namespace
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",  # written as default namespace
    "xml": "http://www.w3.org/XML/1998/namespace",
}
for _prefix, _uri in NS.items():
    if _prefix not in ("xml", "ct", "rel"):
        ET.register_namespace(_prefix, _uri)
_DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items() if prefix != "xml")


def _q(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def _el(tag: str, attrs: dict | None = None, *children) -> ET.Element:
    """An element; names as 'prefix:name'; children are elements, text (cleaned) or lists of both."""
    element = ET.Element(_q(tag), {_q(key): str(value) for key, value in (attrs or {}).items()})
    last = None
    for child in _flat(children):
        if isinstance(child, str):
            if last is None:
                element.text = (element.text or "") + clean_text(child)
            else:
                last.tail = (last.tail or "") + clean_text(child)
        else:
            element.append(child)
            last = child
    return element


def _flat(children):
    for child in children:
        if isinstance(child, (list, tuple)):
            yield from _flat(child)
        elif child is not None:
            yield child


def _parse(fixed: str) -> ET.Element:
    """A fixed piece of XML (no data in it) written with the prefixes of ``NS``."""
    start = fixed.index(">")
    return ET.fromstring(f"{fixed[:start]} {_DECLARATIONS}{fixed[start:]}")


def _xml(root: ET.Element | str, default_namespace: str | None = None) -> bytes:
    root = _parse(root) if isinstance(root, str) else root
    body = ET.tostring(root, encoding="unicode", default_namespace=default_namespace)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode("utf-8")


def _package(parts: list[tuple[str, bytes]]) -> bytes:
    """A zip with fixed timestamps and attributes, parts in the given order, all STORED."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.create_system = 3  # Unix on every platform (Windows would write 0)
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# ODT (OpenDocument 1.3)
# --------------------------------------------------------------------------------------------

_ODT_SPAN = {"gap": "Luecke", "strong": "Stark"}
_ODT_PARAGRAPH = {"text": "Standard", "draft": "Entwurf", "caption": "Caption"}
_ODT_MANIFEST = (
    '<manifest:manifest manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)
_ODT_FONTS = (
    '<office:font-face-decls><style:font-face style:name="Arial" svg:font-family="Arial" '
    'style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>'
)
_ODT_LABEL = (
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" '
    'fo:text-indent="-0.6cm" fo:margin-left="0.6cm"/></style:list-level-properties>'
)
_HEADING = 'style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Standard"'
_TABLE_TEXT = 'style:family="paragraph" style:parent-style-name="Table_20_Contents"'
_ODT_STYLES = (
    f'<office:document-styles office:version="1.3">{_ODT_FONTS}<office:styles>'
    '<style:default-style style:family="paragraph"><style:paragraph-properties style:writing-mode="lr-tb"/>'
    '<style:text-properties style:font-name="Arial" fo:font-size="11pt" fo:language="de" fo:country="DE"/>'
    "</style:default-style>"
    '<style:style style:name="Standard" style:family="paragraph" style:class="text"><style:paragraph-properties '
    'fo:margin-top="0cm" fo:margin-bottom="0.2cm" fo:line-height="115%"/></style:style>'
    '<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" '
    'style:next-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0.45cm" '
    'fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>'
    f'<style:style style:name="Heading_20_1" style:display-name="Heading 1" {_HEADING} style:default-outline-level="1"'
    ' style:class="text"><style:text-properties fo:font-size="17pt"/></style:style>'
    f'<style:style style:name="Heading_20_2" style:display-name="Heading 2" {_HEADING} style:default-outline-level="2"'
    ' style:class="text"><style:text-properties fo:font-size="13.5pt"/></style:style>'
    f'<style:style style:name="Heading_20_3" style:display-name="Heading 3" {_HEADING} style:default-outline-level="3"'
    ' style:class="text"><style:text-properties fo:font-size="11.5pt"/></style:style>'
    '<style:style style:name="Entwurf" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:paragraph-properties fo:padding="0.15cm" fo:border="0.75pt solid #000000" fo:margin-bottom="0.3cm"/>'
    '<style:text-properties fo:font-size="10pt" fo:font-weight="bold"/></style:style>'
    '<style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:paragraph-properties fo:margin-top="0.2cm" fo:keep-with-next="always"/>'
    '<style:text-properties fo:font-style="italic"/></style:style>'
    '<style:style style:name="Liste" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:paragraph-properties fo:margin-bottom="0.1cm"/></style:style>'
    '<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" '
    'style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0cm" fo:line-height="100%"/>'
    '<style:text-properties fo:font-size="9pt"/></style:style>'
    f'<style:style style:name="Table_20_Heading" style:display-name="Table Heading" {_TABLE_TEXT}>'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
    f'<style:style style:name="Tabelle_20_Zahl" style:display-name="Tabelle Zahl" {_TABLE_TEXT}>'
    '<style:paragraph-properties fo:text-align="end"/></style:style>'
    '<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:paragraph-properties fo:margin-bottom="0cm"/><style:text-properties fo:font-size="9pt"/></style:style>'
    '<style:style style:name="Luecke" style:display-name="Lücke" style:family="text">'
    '<style:text-properties fo:background-color="#fff2a8"/></style:style>'
    '<style:style style:name="Stark" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
    '<text:list-style style:name="Aufzaehlung"><text:list-level-style-bullet text:level="1" text:bullet-char="•">'
    f"{_ODT_LABEL}</text:list-level-style-bullet></text:list-style>"
    '<text:list-style style:name="Nummerierung"><text:list-level-style-number text:level="1" style:num-suffix="." '
    f'style:num-format="1">{_ODT_LABEL}</text:list-level-style-number></text:list-style></office:styles>'
    '<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" '
    'fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="1.5cm" '
    'fo:margin-left="2cm" fo:margin-right="2cm"/><style:footer-style><style:header-footer-properties '
    'fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout></office:automatic-styles>'
    '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"><style:footer>'
    '<text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p>'
    "</style:footer></style:master-page></office:master-styles></office:document-styles>"
)


def _odt(blocks: list, title: str, texts: dict) -> bytes:
    tables = [block for block in blocks if isinstance(block, Table)]
    automatic = [
        _el(
            "style:style",
            {"style:name": "Zelle", "style:family": "table-cell"},
            _el("style:table-cell-properties", {"fo:border": "0.5pt solid #808080", "fo:padding": "0.1cm"}),
        )
    ]
    for number, table in enumerate(tables, 1):
        width = {"style:width": f"{sum(table.widths):.2f}cm", "table:align": "left", "fo:margin-bottom": "0.2cm"}
        automatic.append(
            _el(
                "style:style",
                {"style:name": f"T{number}", "style:family": "table"},
                _el("style:table-properties", width),
            )
        )
        for column, width in enumerate(table.widths, 1):
            name = {"style:name": f"T{number}.{column}", "style:family": "table-column"}
            automatic.append(
                _el("style:style", name, _el("style:table-column-properties", {"style:column-width": f"{width:.2f}cm"}))
            )
    numbers = iter(range(1, len(tables) + 1))
    content = _el(
        "office:document-content",
        {"office:version": "1.3"},
        _parse(_ODT_FONTS),
        _el("office:automatic-styles", None, automatic),
        _el("office:body", None, _el("office:text", None, [_odt_block(block, numbers) for block in blocks])),
    )
    meta = _el("office:meta", None, _el("dc:title", None, title), _el("dc:language", None, "de-DE"))
    styles = _parse(_ODT_STYLES)
    footer = styles.find(f".//{_q('style:footer')}/{_q('text:p')}")
    footer.text = clean_text(texts["dokument"]["fusszeile"]) + " "
    return _package(
        [
            ("mimetype", MEDIA_TYPES["odt"].encode("ascii")),
            ("META-INF/manifest.xml", _xml(_ODT_MANIFEST)),
            ("content.xml", _xml(content)),
            ("styles.xml", _xml(styles)),
            ("meta.xml", _xml(_el("office:document-meta", {"office:version": "1.3"}, meta))),
        ]
    )


def _odt_runs(runs: Runs) -> list:
    return [text if not kind else _el("text:span", {"text:style-name": _ODT_SPAN[kind]}, text) for text, kind in runs]


def _odt_block(block, tables) -> ET.Element:
    if isinstance(block, Heading):
        style = f"Heading_20_{block.level}"
        return _el("text:h", {"text:style-name": style, "text:outline-level": block.level}, block.text)
    if isinstance(block, Paragraph):
        return _el("text:p", {"text:style-name": _ODT_PARAGRAPH[block.style]}, _odt_runs(block.runs))
    if isinstance(block, Items):
        items = [
            _el("text:list-item", None, _el("text:p", {"text:style-name": "Liste"}, _odt_runs(i))) for i in block.items
        ]
        return _el("text:list", {"text:style-name": "Nummerierung" if block.numbered else "Aufzaehlung"}, items)
    return _odt_table(block, next(tables))


def _odt_table(table: Table, number: int) -> ET.Element:
    def row(cells: tuple[Runs, ...], header: bool) -> ET.Element:
        styles = [
            "Table_20_Heading" if header else "Tabelle_20_Zahl" if right else "Table_20_Contents"
            for right in table.numeric
        ]
        return _el(
            "table:table-row",
            None,
            [
                _el(
                    "table:table-cell",
                    {"table:style-name": "Zelle", "office:value-type": "string"},
                    _el("text:p", {"text:style-name": style}, _odt_runs(runs)),
                )
                for runs, style in zip(cells, styles, strict=True)
            ],
        )

    columns = [
        _el("table:table-column", {"table:style-name": f"T{number}.{i}"}) for i in range(1, len(table.widths) + 1)
    ]
    head = None
    if table.header:
        head = _el("table:table-header-rows", None, row(tuple(cell(label) for label in table.header), True))
    rows = [row(cells, False) for cells in table.rows]
    return _el("table:table", {"table:name": f"Tabelle{number}", "table:style-name": f"T{number}"}, columns, head, rows)


# --------------------------------------------------------------------------------------------
# DOCX (Office Open XML, WordprocessingML)
# --------------------------------------------------------------------------------------------

_DOCX_RUN = {"gap": "Luecke", "strong": "Stark"}
_DOCX_PARAGRAPH = {"text": None, "draft": "Entwurf", "caption": "Caption"}
_OOXML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DOCX_TYPES = (
    '<ct:Types><ct:Default ct:Extension="rels" '
    'ct:ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<ct:Default ct:Extension="xml" ct:ContentType="application/xml"/>'
    f'<ct:Override ct:PartName="/word/document.xml" ct:ContentType="{_OOXML}.document.main+xml"/>'
    f'<ct:Override ct:PartName="/word/styles.xml" ct:ContentType="{_OOXML}.styles+xml"/>'
    f'<ct:Override ct:PartName="/word/numbering.xml" ct:ContentType="{_OOXML}.numbering+xml"/>'
    f'<ct:Override ct:PartName="/word/footer1.xml" ct:ContentType="{_OOXML}.footer+xml"/>'
    '<ct:Override ct:PartName="/docProps/core.xml" '
    'ct:ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></ct:Types>'
)
_DOCX_PACKAGE_RELS = (
    f'<rel:Relationships><rel:Relationship rel:Id="rId1" rel:Type="{_RELS}/officeDocument" '
    'rel:Target="word/document.xml"/><rel:Relationship rel:Id="rId2" '
    'rel:Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'rel:Target="docProps/core.xml"/></rel:Relationships>'
)
_DOCX_DOCUMENT_RELS = (
    f'<rel:Relationships><rel:Relationship rel:Id="rId1" rel:Type="{_RELS}/styles" rel:Target="styles.xml"/>'
    f'<rel:Relationship rel:Id="rId2" rel:Type="{_RELS}/numbering" rel:Target="numbering.xml"/>'
    f'<rel:Relationship rel:Id="rId3" rel:Type="{_RELS}/footer" rel:Target="footer1.xml"/></rel:Relationships>'
)
_SIZE = '<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>'
_BOX = "".join(
    f'<w:{side} w:val="single" w:sz="6" w:space="4" w:color="000000"/>' for side in ("top", "left", "bottom", "right")
)
_GRID = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_PADDING = "".join(f'<w:{side} w:w="57" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))


def _docx_heading(level: int, size: int) -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>'
        f'<w:spacing w:before="260" w:after="120"/><w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f"<w:rPr><w:b/><w:bCs/>{_SIZE.format(size)}</w:rPr></w:style>"
    )


def _docx_style(key: str, name: str, inner: str, kind: str = "paragraph", based_on: str | None = "Normal") -> str:
    parent = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return f'<w:style w:type="{kind}" w:styleId="{key}"><w:name w:val="{name}"/>{parent}{inner}</w:style>'


_DOCX_STYLES = (
    '<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" '
    f'w:cs="Arial"/>{_SIZE.format(22)}<w:lang w:val="de-DE"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
    '<w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    + _docx_heading(1, 34)
    + _docx_heading(2, 27)
    + _docx_heading(3, 23)
    + _docx_style(
        "Entwurf",
        "Entwurf",
        f'<w:pPr><w:pBdr>{_BOX}</w:pBdr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/>{_SIZE.format(20)}</w:rPr>',
    )
    + _docx_style(
        "Caption",
        "caption",
        '<w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr>',
    )
    + _docx_style(
        "ListParagraph",
        "List Paragraph",
        '<w:pPr><w:spacing w:after="60"/><w:ind w:left="340" w:hanging="340"/></w:pPr>',
    )
    + _docx_style(
        "Tabelleninhalt",
        "Tabelleninhalt",
        f'<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr>{_SIZE.format(18)}</w:rPr>',
    )
    + _docx_style("Tabellenkopf", "Tabellenkopf", "<w:rPr><w:b/><w:bCs/></w:rPr>", based_on="Tabelleninhalt")
    + _docx_style("Footer", "footer", f'<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr>{_SIZE.format(18)}</w:rPr>')
    + _docx_style(
        "Luecke", "Lücke", '<w:rPr><w:shd w:val="clear" w:color="auto" w:fill="FFF2A8"/></w:rPr>', "character", None
    )
    + _docx_style("Stark", "Stark", "<w:rPr><w:b/><w:bCs/></w:rPr>", "character", None)
    + _docx_style(
        "Tabelle",
        "Tabelle",
        f"<w:tblPr><w:tblBorders>{_GRID}</w:tblBorders><w:tblCellMar>{_PADDING}</w:tblCellMar></w:tblPr>",
        "table",
        None,
    )
    + "</w:styles>"
)
_DOCX_LEVEL = '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="340" w:hanging="340"/></w:pPr></w:lvl></w:abstractNum>'
_DOCX_NUMBERING = (
    '<w:numbering><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
    f'<w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>{_DOCX_LEVEL}'
    '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
    f'<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>{_DOCX_LEVEL}</w:numbering>'
)
_DOCX_FOOTER = (
    '<w:ftr><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve"/></w:r>'
    '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>'
)


def _w(tag: str, value=None, *children) -> ET.Element:
    """A WordprocessingML element; ``value`` becomes its w:val."""
    return _el(f"w:{tag}", None if value is None else {"w:val": value}, *children)


def _docx(blocks: list, title: str, texts: dict) -> bytes:
    lists = [block for block in blocks if isinstance(block, Items)]
    ids = iter(range(1, len(lists) + 1))
    body = [
        _docx_block(block, ids, isinstance(before, Table))
        for before, block in zip([None, *blocks], blocks, strict=False)
    ]
    margins = {"w:top": 2 * CM, "w:right": 2 * CM, "w:bottom": round(1.5 * CM), "w:left": 2 * CM}
    section = _el(
        "w:sectPr",
        None,
        _el("w:footerReference", {"w:type": "default", "r:id": "rId3"}),
        _el("w:pgSz", {"w:w": 11906, "w:h": 16838}),
        _el("w:pgMar", margins | {"w:header": 567, "w:footer": 567, "w:gutter": 0}),
    )
    numbering = _parse(_DOCX_NUMBERING)
    for key, block in enumerate(lists, 1):
        restart = _el("w:lvlOverride", {"w:ilvl": 0}, _w("startOverride", 1)) if block.numbered else None
        numbering.append(_el("w:num", {"w:numId": key}, _w("abstractNumId", int(block.numbered)), restart))
    footer = _parse(_DOCX_FOOTER)
    footer.find(f".//{_q('w:t')}").text = clean_text(texts["dokument"]["fusszeile"]) + " "
    core = _el("cp:coreProperties", None, _el("dc:title", None, title), _el("dc:language", None, "de-DE"))
    return _package(
        [
            ("[Content_Types].xml", _xml(_DOCX_TYPES, NS["ct"])),
            ("_rels/.rels", _xml(_DOCX_PACKAGE_RELS, NS["rel"])),
            ("word/document.xml", _xml(_el("w:document", None, _el("w:body", None, body, _w("p"), section)))),
            ("word/_rels/document.xml.rels", _xml(_DOCX_DOCUMENT_RELS, NS["rel"])),
            ("word/styles.xml", _xml(_DOCX_STYLES)),
            ("word/numbering.xml", _xml(numbering)),
            ("word/footer1.xml", _xml(footer)),
            ("docProps/core.xml", _xml(core)),
        ]
    )


def _run(text: str, kind: str = "") -> ET.Element:
    properties = _w("rPr", None, _w("rStyle", _DOCX_RUN[kind])) if kind else None
    return _w("r", None, properties, _el("w:t", {"xml:space": "preserve"}, text))


def _paragraph(style: str | None, runs: Runs, *properties) -> ET.Element:
    """A paragraph; ``properties`` in the order WordprocessingML wants after the style."""
    children = [_w("pStyle", style) if style else None, *properties]
    settings = _w("pPr", None, children) if any(child is not None for child in children) else None
    return _w("p", None, settings, [_run(text, kind) for text, kind in runs])


def _docx_block(block, list_ids, after_table: bool) -> ET.Element | list:
    space = _el("w:spacing", {"w:before": 160}) if after_table else None
    if isinstance(block, Heading):
        return _paragraph(f"Heading{block.level}", cell(block.text))
    if isinstance(block, Paragraph):
        return _paragraph(_DOCX_PARAGRAPH[block.style], block.runs, space)
    if isinstance(block, Items):
        number = _w("numPr", None, _w("ilvl", 0), _w("numId", next(list_ids)))
        return [
            _paragraph("ListParagraph", item, number, space if i == 0 else None) for i, item in enumerate(block.items)
        ]
    return _docx_table(block)


def _docx_table(table: Table) -> ET.Element:
    widths = [round(width * CM) for width in table.widths]

    def row(cells: tuple[Runs, ...], header: bool) -> ET.Element:
        style = "Tabellenkopf" if header else "Tabelleninhalt"
        marks = _w("trPr", None, _w("cantSplit"), _w("tblHeader") if header else None)
        return _w(
            "tr",
            None,
            marks,
            [
                _w(
                    "tc",
                    None,
                    _w("tcPr", None, _el("w:tcW", {"w:w": width, "w:type": "dxa"})),
                    _paragraph(style, runs, _w("jc", "right") if right and not header else None),
                )
                for runs, width, right in zip(cells, widths, table.numeric, strict=True)
            ],
        )

    look = {"w:val": "0420", "w:firstRow": 1, "w:lastRow": 0, "w:firstColumn": 0, "w:lastColumn": 0, "w:noHBand": 1}
    properties = _w(
        "tblPr",
        None,
        _w("tblStyle", "Tabelle"),
        _el("w:tblW", {"w:w": sum(widths), "w:type": "dxa"}),
        _el("w:tblLayout", {"w:type": "fixed"}),
        _el("w:tblLook", look | {"w:noVBand": 1}),
    )
    grid = _w("tblGrid", None, [_el("w:gridCol", {"w:w": width}) for width in widths])
    head = row(tuple(cell(label) for label in table.header), header=True) if table.header else None
    return _w("tbl", None, properties, grid, head, [row(cells, header=False) for cells in table.rows])
