"""``vorlage``: a draft council paper (Beschlussvorlage) as ODT or DOCX.

Contract: shared/design/decision-tool.md §5. The input is that of ``estimate`` or ``compare`` plus
``kommune``, ``gremium`` and ``format`` (``odt`` | ``docx``); the text comes from
content/vorlage.yml through the parameters, every number from ``estimate``, written by ``calc.fmt``.

``vorlage_document(raw, p)``  the draft as ``Document(filename, media_type, data)``; ``InputError``
                              naming the field on bad input (``Document.to_dict``: JSON, bytes as base64)

The same input gives the same bytes on CPython and in Pyodide: fixed order and timestamps, and
every part is STORED, because deflate output differs between zlib builds. XML is written by
ElementTree (it escapes); characters XML 1.0 does not allow are removed before. ElementTree costs
150–600 ms to import in Pyodide (measured under Node), so ``calc.api`` imports this module only
when a draft is asked for.
"""

from __future__ import annotations

import binascii
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

from calc import fmt, limits
from calc.compare import COMPARE_FIELDS, compare_raw
from calc.errors import InputError
from calc.estimate import FIELDS, estimate_raw
from calc.inputs import choice, reject_unknown, require_object
from calc.params import Parameters

FORMATS = {
    "odt": ("ODT (LibreOffice)", "application/vnd.oasis.opendocument.text"),
    "docx": ("DOCX (Word)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
VORLAGE_FIELDS = ("kommune", "gremium", "format")
# The names content/vorlage.yml may use in braces (the loader checks them).
PLACEHOLDERS = frozenset(
    "stand kommune gremium modell modell_name stellen jahr jahr_bis jahr_eigen letztes_foerderjahr "
    "einwohner gemeinden regel budget budget_steckbrief kosten_je_stelle tarifsteigerung "
    "arbeitsplatzkosten foerderphasen regelwerk foerderung_gesamt eigenanteil_danach anstieg je_einwohner "
    "betrag quelle".split()
)
PLACEHOLDER = re.compile(r"\{(\w+)\}")
_TOKEN = re.compile(r"\{(\w+)\}|\[[^\]]*\]")  # a placeholder or a gap to fill in
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile("[ \t\n\r]+")  # not \s: the no-break space between number and unit stays
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CM = 567  # twips per centimetre (DOCX)


def clean_text(text: str) -> str:
    """Text as XML 1.0 can carry it: control characters and lone surrogates removed, line breaks
    and runs of spaces as one space."""
    return _SPACE.sub(" ", _NOT_XML.sub("", text))


# --------------------------------------------------------------------------------------------
# Input and output
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    filename: str
    media_type: str
    data: bytes

    def to_dict(self) -> dict:
        encoded = binascii.b2a_base64(self.data, newline=False).decode("ascii")
        return {"filename": self.filename, "media_type": self.media_type, "size": len(self.data), "base64": encoded}


def vorlage_document(raw: object, params: Parameters) -> Document:
    """Check the input (``InputError`` naming the field) and build the draft."""
    raw = require_object(raw)
    reject_unknown(raw, (COMPARE_FIELDS if "models" in raw else FIELDS) + VORLAGE_FIELDS)
    kind = choice(raw, "format", "Das Dateiformat", {key: label for key, (label, _) in FORMATS.items()})
    kommune, gremium = _text(raw, "kommune"), _text(raw, "gremium")
    calc_input = {key: value for key, value in raw.items() if key not in VORLAGE_FIELDS}
    if "models" in raw:
        answer = compare_raw(calc_input, params)
    else:
        answer = {"results": [estimate_raw(calc_input, params)], "warnings": []}
    texts = params.vorlage["text"]
    chosen = answer["results"][0]
    blocks = _draft(answer, params, kommune, gremium or _default_body(chosen, params))
    title = f"{texts['dokument']['titel']}: {_plain(_fill(texts['betreff']['text'], _values(chosen, params, {})))}"
    data = _odt(blocks, title, texts) if kind == "odt" else _docx(blocks, title, texts)
    filename = f"{texts['dokument']['dateiname']}-{params.models[chosen['model']].id}.{kind}"
    return Document(filename, FORMATS[kind][1], data)


def _text(raw: dict, field: str) -> str | None:
    spec = limits.TEXT_FIELDS[field]
    value = raw.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(field, f"{spec.label} muss als Text angegeben werden.")
    text = clean_text(value).strip()
    if len(text) > spec.max_chars:
        raise InputError(
            field, f"{spec.label} darf höchstens {spec.max_chars} Zeichen lang sein (eingegeben: {len(text)})."
        )
    return text or None


def _default_body(result: dict, params: Parameters) -> str:
    """Kreistag for a model only for counties, or one for both kinds with several municipalities."""
    size = params.models[result["model"]].size
    several = (result["inputs"]["municipalities"] or 0) > 1
    county = size.county_only or (not size.towns_only and several)
    return params.vorlage["text"]["gremien"]["landkreis" if county else "gemeinde"]


# --------------------------------------------------------------------------------------------
# The draft as blocks
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


def _fill(template: str, values: dict) -> Runs:
    """Placeholders replaced by values (never scanned again), ``[…]`` marked as gaps."""
    runs: list[Run] = []
    pos = 0
    for match in _TOKEN.finditer(template):
        runs.append((template[pos : match.start()], ""))
        if match.group(1):
            value = values[match.group(1)]
            runs.append(value if isinstance(value, tuple) else (value, ""))
        else:
            runs.append((match.group(), "gap"))
        pos = match.end()
    runs.append((template[pos:], ""))
    merged: list[Run] = []
    for text, kind in runs:
        if merged and merged[-1][1] == kind:
            merged[-1] = (merged[-1][0] + text, kind)
        elif text:
            merged.append((text, kind))
    return tuple(merged)


def _cell(text: str, kind: str = "") -> Runs:
    return ((text, kind),)


def _plain(runs: Runs) -> str:
    return "".join(text for text, _ in runs)


def _values(result: dict, params: Parameters, extra: dict) -> dict:
    """What the placeholders stand for, from one result of ``estimate``."""
    model = params.models[result["model"]]
    inputs, rows, after = result["inputs"], result["projection"], result["after_funding"]
    funded = [row for row in rows if row["funding"] > 0]
    values = {
        "stand": params.vorlage["stand"],
        "modell": model.number,
        "modell_name": model.name,
        "stellen": fmt.fte(result["fte"]["recommended"]),
        "jahr": str(rows[0]["calendar_year"]),
        "jahr_bis": str(rows[-1]["calendar_year"]),
        "einwohner": fmt.number(inputs["inhabitants"]),
        "gemeinden": fmt.number(inputs["municipalities"] or 0),
        "regel": result["fte"]["rule"],
        "budget": fmt.euro(result["budget_eur_per_year"]["min"]),
        "budget_steckbrief": fmt.inline(model.budget.label),
        "kosten_je_stelle": fmt.euro(inputs["cost_per_fte"]),
        "tarifsteigerung": fmt.percent_value(inputs["pay_rise"]),
        "arbeitsplatzkosten": fmt.euro(inputs["workplace_cost"]),
        "foerderphasen": " und ".join(dict.fromkeys(row["phase"] for row in funded)),
        "regelwerk": params.rules[inputs["rules"]].name,
        "foerderung_gesamt": fmt.euro(result["totals"]["funding"]),
        "quelle": params.vorlage["quelle"],
    }
    if funded:
        values["letztes_foerderjahr"] = str(funded[-1]["calendar_year"])
    if after:
        values["jahr_eigen"] = str(after["calendar_year"])
        values["eigenanteil_danach"] = fmt.euro(after["own_share"])
        values["anstieg"] = fmt.euro(after["increase"])
        values["je_einwohner"] = fmt.cents(after["per_inhabitant"])
    return values | extra


def _draft(answer: dict, params: Parameters, kommune: str | None, gremium: str) -> list:
    texts = params.vorlage["text"]
    results = answer["results"]
    chosen = results[0]
    doc = texts["dokument"]
    name = (kommune, "") if kommune else (doc["kommune_fehlt"], "gap")
    values = _values(chosen, params, {"kommune": name, "gremium": gremium})

    def fill(template: str) -> Runs:
        return _fill(template, values)

    head = tuple((((label, "strong"),), fill(value)) for label, value in doc["kopf"])
    decision = texts["beschlussvorschlag"]
    points = decision["mit_stellen" if chosen["fte"]["recommended"] > 0 else "ohne_stellen"]
    order = texts["beratungsfolge"]
    return [
        Paragraph(fill(doc["entwurf"]), "draft"),
        Heading(1, doc["titel"]),
        Table((4.0, 13.0), None, head, (False, False)),
        Heading(2, texts["betreff"]["titel"]),
        Paragraph(fill(texts["betreff"]["text"])),
        Heading(2, order["titel"]),
        Table(
            (7.0, 4.0, 6.0),
            tuple(order["spalten"]),
            tuple(tuple(fill(c) for c in row) for row in order["zeilen"]),
            (False,) * 3,
        ),
        Heading(2, decision["titel"]),
        Items(tuple(fill(point) for point in points), numbered=True),
        *_facts(chosen, params, fill),
        *_finances(chosen, answer["warnings"], params, fill),
        *_alternatives(results, params, fill),
        *_sources(results, params, fill),
    ]


def _facts(result: dict, params: Parameters, fill) -> list:
    texts = params.vorlage["text"]["sachverhalt"]
    start, model_text = texts["ausgangslage"], texts["modell"]
    model = params.models[result["model"]]
    profile = params.vorlage["modelle"][result["model"]]
    funded = any(row["funding"] > 0 for row in result["projection"])
    if result["after_funding"]:
        funding = start["foerderung_endet"]
    else:
        funding = start["foerderung_laeuft"] if funded else start["ohne_foerderung"]
    basis = start["berechnung_gemeinden" if result["inputs"]["municipalities"] else "berechnung"]
    labels = model_text["kriterien"]
    criteria = (
        (labels["groesse"], model.size.label),
        (labels["historie"], model.history.label),
        (labels["relevanz"], model.relevance.label),
        (labels["verstetigung"], profile["verstetigung"]),
    )
    reasons = [fill(point) for point in texts["gruende"]["punkte"]]
    if result["after_funding"]:
        reasons.append(fill(texts["gruende"]["foerderung_endet"]))
    return [
        Heading(2, texts["titel"]),
        Heading(3, start["titel"]),
        Paragraph(fill(start["einstieg"])),
        Paragraph(fill(funding)),
        Paragraph(fill(basis)),
        Heading(3, _plain(fill(model_text["titel"]))),
        Paragraph(((profile["kurzbeschreibung"], ""),)),
        Paragraph(fill(model_text["passt"])),
        Items(tuple(((label, "strong"), (f": {value}", "")) for label, value in criteria)),
        Paragraph(fill(model_text["begruendung"])),
        Paragraph(fill(model_text["vorteile"])),
        Items(tuple(((item, ""),) for item in profile["vorteile"])),
        Paragraph(fill(model_text["nachteile"])),
        Items(tuple(((item, ""),) for item in profile["nachteile"])),
        Heading(3, texts["bilanz"]["titel"]),
        Paragraph(fill(texts["bilanz"]["einleitung"])),
        Items(tuple(fill(gap) for gap in texts["bilanz"]["luecken"])),
        Heading(3, texts["gruende"]["titel"]),
        Items(tuple(reasons)),
    ]


YEAR_COLUMNS = ("calendar_year", "phase", "personnel", "workplace", "funding", "own_share", "budget_min", "own_total")
YEAR_WIDTHS = (1.4, 3.1, 2.08, 2.08, 2.08, 2.08, 2.08, 2.08)


def _finances(result: dict, compare_warnings: list[str], params: Parameters, fill) -> list:
    texts = params.vorlage["text"]["finanzen"]
    labels = texts["spalten"]
    rows = [
        (_cell(str(y["calendar_year"])), _cell(y["phase"]), *(_cell(fmt.euro(y[key])) for key in YEAR_COLUMNS[2:]))
        for y in result["projection"]
    ]
    sums = tuple(_cell(fmt.euro(result["totals"][key]), "strong") for key in YEAR_COLUMNS[2:])
    rows.append((_cell(texts["summe"], "strong"), ()) + sums)
    notes = [*result["warnings"], *compare_warnings, *result["notes"]]
    return [
        Heading(2, texts["titel"]),
        Paragraph(fill(texts["annahmen"])),
        Paragraph(fill(texts["tabelle"]), "caption"),
        Table(YEAR_WIDTHS, tuple(labels[key] for key in YEAR_COLUMNS), tuple(rows), (False, False) + (True,) * 6),
        *([Paragraph(fill(texts["nach_foerderung"]))] if result["after_funding"] else []),
        Paragraph(fill(texts["haushalt"])),
        *([Paragraph(fill(texts["hinweise"])), Items(tuple(((note, ""),) for note in notes))] if notes else []),
    ]


def _alternatives(results: list[dict], params: Parameters, fill) -> list:
    texts = params.vorlage["text"]["alternativen"]
    blocks: list = [Heading(2, texts["titel"])]
    if len(results) > 1:
        rows = tuple(_alternative_row(r, params, texts) for r in results)
        widths = (4.0, 1.5, 2.9, 3.0, 2.7, 2.9)
        blocks += [
            Paragraph(fill(texts["vergleich"])),
            Table(widths, tuple(texts["spalten"]), rows, (False,) + (True,) * 4 + (False,)),
        ]
    blocks.append(Paragraph(fill(texts["verzicht"])))
    if len(results) == 1:
        blocks.append(Paragraph(fill(texts["weitere"])))
    return blocks


def _alternative_row(result: dict, params: Parameters, texts: dict) -> tuple[Runs, ...]:
    model = params.models[result["model"]]
    after, first = result["after_funding"], result["projection"][0]
    if after:
        own = _fill(texts["ab_jahr"], {"betrag": fmt.euro(after["own_share"]), "jahr": str(after["calendar_year"])})
    else:
        own = _fill(texts["im_jahr"], {"betrag": fmt.euro(first["own_share"]), "jahr": str(first["calendar_year"])})
    cells = (
        f"{model.number} – {model.name}",
        fmt.fte(result["fte"]["recommended"]),
        fmt.euro(result["personnel_eur_per_year"]),
    )
    rest = (fmt.euro(result["budget_eur_per_year"]["min"]), params.vorlage["modelle"][result["model"]]["verstetigung"])
    return tuple(((cell, ""),) for cell in cells) + (own,) + tuple(((cell, ""),) for cell in rest)


def _sources(results: list[dict], params: Parameters, fill) -> list:
    texts = params.vorlage["text"]["quellen"]
    sources: list[str] = []
    for result in results:
        sources.extend(source for source in result["sources"] if source not in sources)
    return [
        Heading(2, texts["titel"]),
        Paragraph(fill(texts["stand"])),
        Items(tuple(((source, ""),) for source in sources)),
        Paragraph(fill(texts["text"])),
        Paragraph(((params.funding_notice, ""),)),
    ]


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
            ("mimetype", FORMATS["odt"][1].encode("ascii")),
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
        head = _el("table:table-header-rows", None, row(tuple(_cell(label) for label in table.header), True))
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
        return _paragraph(f"Heading{block.level}", _cell(block.text))
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
    head = row(tuple(_cell(label) for label in table.header), header=True) if table.header else None
    return _w("tbl", None, properties, grid, head, [row(cells, header=False) for cells in table.rows])


__all__ = ["FORMATS", "PLACEHOLDERS", "Document", "clean_text", "vorlage_document"]
