"""The council paper draft (shared/design/decision-tool.md §5): valid ODT and DOCX packages with real
headings and tables, the same bytes on every run and in every runtime, input text as data, and every
number exactly what ``estimate`` gives, written by ``calc.fmt``.

The documents are read back with the standard library only (zipfile, ElementTree), so these tests
also run inside Pyodide; tests/sitebuild/test_vorlage_office.py opens them in LibreOffice.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from calc_spec import MODELS, OWN_SHARE_CASES, PROPERTY, assert_german
from hypothesis import given
from hypothesis import strategies as st
from vorlage_cases import CASES, COMPARISON, LANDKREIS

from calc import fmt, render
from calc.errors import InputError
from calc.vorlage import PLACEHOLDER, PLACEHOLDERS, clean_text

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
FORMATS = ("odt", "docx")
V8 = {"model": "V8", "inhabitants": 80_000, "funding": "erst+anschluss"}


def build(session, kind: str, **data) -> bytes:
    return session.vorlage({**data, "format": kind}).data


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def body(data: bytes) -> ET.Element:
    files = parts(data)
    return ET.fromstring(files["content.xml"] if "content.xml" in files else files["word/document.xml"])


def paragraphs(data: bytes) -> list[str]:
    """Every paragraph and heading (also those in tables and lists) as the reader sees its text."""
    root = body(data)
    tags = {f"{{{ODF['text']}}}p", f"{{{ODF['text']}}}h", f"{W}p"}
    return ["".join(element.itertext()) for element in root.iter() if element.tag in tags]


def tables(data: bytes) -> list[list[list[str]]]:
    """Every table as rows of cell texts (the header row first)."""
    root = body(data)
    if root.tag.startswith(W):
        table, row, cell = f"{W}tbl", f"{W}tr", f"{W}tc"
    else:
        table, row, cell = (f"{{{ODF['table']}}}{name}" for name in ("table", "table-row", "table-cell"))
    return [[["".join(c.itertext()) for c in r.iter(cell)] for r in t.iter(row)] for t in root.iter(table)]


def headings(data: bytes) -> list[tuple[int, str]]:
    """(outline level, text) of every real heading: text:h in ODT, a HeadingN paragraph in DOCX."""
    root = body(data)
    found = []
    for element in root.iter():
        if element.tag == f"{{{ODF['text']}}}h":
            found.append((int(element.get(f"{{{ODF['text']}}}outline-level")), "".join(element.itertext())))
        elif element.tag == f"{W}p":
            style = element.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val", "").startswith("Heading"):
                found.append((int(style.get(f"{W}val")[-1]), "".join(element.itertext())))
    return found


def euro_values(result: dict) -> set[str]:
    """Every amount in euros that ``estimate`` gives for one model, written by calc.fmt."""
    amounts = [result["personnel_eur_per_year"], result["budget_eur_per_year"]["min"]]
    amounts += [result["inputs"]["cost_per_fte"], result["inputs"]["workplace_cost"]]
    amounts += [row[key] for row in result["projection"] for key in result["totals"]]
    amounts += list(result["totals"].values())
    if result["budget_eur_per_year"]["max"] is not None:
        amounts.append(result["budget_eur_per_year"]["max"])
    shown = {fmt.euro(amount) for amount in amounts}
    after = result["after_funding"]
    if after:
        shown |= {fmt.euro(after["own_share"]), fmt.euro(after["increase"])}
        shown.add(f"{fmt.number(after['per_inhabitant'], 2)}{NBSP}€")
    return shown


EURO = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?[ \u00a0]€(?!/EW)")  # an amount; not a Steckbrief label


# --------------------------------------------------------------------------------------------
# Packages
# --------------------------------------------------------------------------------------------


def test_odt_package(session):
    data = build(session, "odt", **LANDKREIS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == ODT_TYPE.encode()
        assert archive.testzip() is None
    # ODF: the media type readable at a fixed offset (no extra field in the first local header)
    assert data[30:38] == b"mimetype" and data[38 : 38 + len(ODT_TYPE)] == ODT_TYPE.encode()
    files = parts(data)
    manifest = ET.fromstring(files["META-INF/manifest.xml"])
    listed = {e.get(f"{{{ODF['manifest']}}}full-path") for e in manifest}
    assert listed == {"/"} | (set(files) - {"mimetype", "META-INF/manifest.xml"})
    assert {"content.xml", "styles.xml", "meta.xml"} <= set(files)
    for name in files:
        if name.endswith(".xml"):
            ET.fromstring(files[name])  # well-formed
    styles = ET.fromstring(files["styles.xml"])
    page = styles.find(f".//{{{ODF['style']}}}page-layout-properties")
    assert (page.get(f"{{{ODF['fo']}}}page-width"), page.get(f"{{{ODF['fo']}}}page-height")) == ("21cm", "29.7cm")
    assert b'svg:font-family="Arial"' in files["styles.xml"]


def test_docx_package(session):
    data = build(session, "docx", **LANDKREIS)
    files = parts(data)
    for name in files:
        ET.fromstring(files[name])  # every part is XML
    types = ET.fromstring(files["[Content_Types].xml"])
    overrides = {e.get("PartName").lstrip("/") for e in types.iter(f"{CT}Override")}
    assert overrides == {name for name in files if not name.endswith(".rels") and name != "[Content_Types].xml"}
    package = [e.get("Target") for e in ET.fromstring(files["_rels/.rels"]).iter(f"{REL}Relationship")]
    document = [
        e.get("Target") for e in ET.fromstring(files["word/_rels/document.xml.rels"]).iter(f"{REL}Relationship")
    ]
    assert all(target in files for target in package)
    assert all(f"word/{target}" in files for target in document)
    styles = ET.fromstring(files["word/styles.xml"])
    levels = {
        s.get(f"{W}styleId"): s.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val")
        for s in styles.iter(f"{W}style")
        if s.get(f"{W}styleId", "").startswith("Heading")
    }
    assert levels == {"Heading1": "0", "Heading2": "1", "Heading3": "2"}
    size = ET.fromstring(files["word/document.xml"]).find(f".//{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4 in twentieths of a point


@pytest.mark.parametrize("kind", FORMATS)
def test_real_headings_and_tables(session, kind):
    data = build(session, kind, **COMPARISON)
    found = headings(data)
    assert found[0] == (1, "Beschlussvorlage")
    titles = [text for level, text in found if level == 2]
    assert titles == [
        "Betreff",
        "Beratungsfolge",
        "Beschlussvorschlag",
        "Sachverhalt",
        "Finanzielle Auswirkungen",
        "Alternativen",
        "Quellen und Stand",
    ]
    assert {level for level, _ in found} == {1, 2, 3}
    head, order, years, comparison = tables(data)
    assert [row[0] for row in head][0] == "Kommune"
    assert order[0] == ["Gremium", "Sitzung am", "Zuständigkeit"] and order[-1][0] == "Stadtrat"
    assert years[0][:2] == ["Jahr", "Phase"] and len(years) == 1 + 8 + 1  # header, 8 years, sum
    assert len(comparison) == 1 + 3


@pytest.mark.parametrize("kind", FORMATS)
def test_the_same_bytes_on_every_run(session, kind):
    first = build(session, kind, **LANDKREIS)
    assert build(session, kind, **LANDKREIS) == first
    assert build(session, kind, **(LANDKREIS | {"kommune": "Landkreis B"})) != first


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("kind", FORMATS)
def test_every_model_gives_a_document(session, model, kind):
    data = build(session, kind, model=model, inhabitants=40_000, municipalities=30)
    assert headings(data)[0] == (1, "Beschlussvorlage")
    assert any(model.replace("V", "V ", 1) in text for text in paragraphs(data))


# --------------------------------------------------------------------------------------------
# Numbers: exactly what estimate gives
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("data", [LANDKREIS, V8, COMPARISON], ids=["landkreis", "v8", "vergleich"])
def test_every_amount_is_one_of_estimate(session, kind, data):
    calc_input = {k: v for k, v in data.items() if k not in ("kommune", "gremium")}
    if "models" in data:
        results = session.compute("compare", calc_input)["results"]
    else:
        results = [session.compute("estimate", calc_input)]
    allowed = set().union(*(euro_values(r) for r in results))
    text = "\n".join(paragraphs(build(session, kind, **data)))
    amounts = EURO.findall(text)
    assert amounts, "no amounts in the draft"
    assert set(amounts) <= allowed, sorted(set(amounts) - allowed)


@pytest.mark.parametrize("kind", FORMATS)
def test_year_table_is_the_projection(session, kind):
    result = session.compute("estimate", {k: v for k, v in LANDKREIS.items() if k != "kommune"})
    years = tables(build(session, kind, **LANDKREIS))[2]
    keys = ("personnel", "workplace", "funding", "own_share", "budget_min", "own_total")
    expected = [
        [str(y["calendar_year"]), y["phase"], *(fmt.euro(y[key]) for key in keys)] for y in result["projection"]
    ]
    assert years[1:-1] == expected
    assert years[-1] == ["Summe", "", *(fmt.euro(result["totals"][key]) for key in keys)]


@pytest.mark.parametrize("kind", FORMATS)
def test_step_after_funding_and_decision(session, kind):
    result = session.compute("estimate", {k: v for k, v in LANDKREIS.items() if k != "kommune"})
    after = result["after_funding"]
    text = "\n".join(paragraphs(build(session, kind, **LANDKREIS)))
    sentence = next(line for line in text.splitlines() if line.startswith(f"Im Jahr {after['calendar_year']}"))
    assert fmt.euro(after["own_share"]) in sentence and fmt.euro(after["increase"]) in sentence
    assert f"{fmt.number(after['per_inhabitant'], 2)}{NBSP}€" in sentence
    posts = fmt.fte(result["fte"]["recommended"])
    assert f"Dafür werden im Stellenplan {posts} (VZÄ = Vollzeitäquivalent) unbefristet ausgewiesen." in text
    assert fmt.euro(result["budget_eur_per_year"]["min"]) in text


@pytest.mark.parametrize("kind", FORMATS)
def test_comparison_table_is_compare(session, kind):
    results = session.compute("compare", {k: v for k, v in COMPARISON.items() if k != "gremium"})["results"]
    rows = tables(build(session, kind, **COMPARISON))[3][1:]
    for row, result in zip(rows, results, strict=True):
        after = result["after_funding"]
        assert row[1:3] == [fmt.fte(result["fte"]["recommended"]), fmt.euro(result["personnel_eur_per_year"])]
        assert row[3] == f"{fmt.euro(after['own_share'])} ab {after['calendar_year']}"
        assert row[4] == render.budget_text(result["budget_eur_per_year"])  # the band, as on the page


@pytest.mark.parametrize("data, column, _title, cell", OWN_SHARE_CASES)
@pytest.mark.parametrize("kind", FORMATS)
def test_comparison_column_names_the_year_it_shows(session, kind, data, column, _title, cell):
    """The paper's comparison never calls a share with funding 'after funding' (as the page)."""
    table = next(t for t in tables(build(session, kind, first_year=2026, **data)) if t[0][0] == "Modell")
    assert table[0][3] == column
    assert re.fullmatch(cell, table[1][3]), table[1][3]


# --------------------------------------------------------------------------------------------
# Text variants
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, sentence",
    [
        ({"model": "V8", "inhabitants": 80_000}, "Gerechnet ist mit 80.000 Einwohnerinnen und Einwohnern. "),
        ({"model": "V8", "inhabitants": 1}, "Gerechnet ist mit 1 Einwohnerin oder Einwohner. "),
        (
            {"model": "V7a", "inhabitants": 250_000, "municipalities": 40},
            "Gerechnet ist mit 250.000 Einwohnerinnen und Einwohnern in 40 Gemeinden. ",
        ),
        (
            {"model": "V7a", "inhabitants": 2, "municipalities": 1},
            "Gerechnet ist mit 2 Einwohnerinnen und Einwohnern in 1 Gemeinde. ",
        ),
    ],
)
def test_inhabitants_and_municipalities_in_words(session, data, sentence):
    """'1 Einwohnerin oder Einwohner', '1 Gemeinde': no plural after one."""
    text = "\n".join(paragraphs(build(session, "odt", **data)))
    assert sentence in text


def test_model_without_posts_and_without_funding(session):
    text = "\n".join(paragraphs(build(session, "odt", model="V1", inhabitants=5_000)))
    assert "eigene Stellen für das Klimaschutzmanagement sieht dieses Modell nicht vor" in text
    assert "Die Übersicht rechnet ohne Förderung" in text
    assert "unbefristet" not in text


@pytest.mark.parametrize(
    "model, budget_point",
    [
        ("V1", "Ein eigenes Budget für Klimaschutzmaßnahmen sieht der Steckbrief des Modells nicht vor"),
        ("V4", "Ein eigenes Budget für Klimaschutzmaßnahmen sieht der Steckbrief des Modells nicht vor"),
        ("V3", "Die Verwaltung plant ab dem Haushaltsjahr 2026 Mittel für Klimaschutzmaßnahmen von mindestens 5.000"),
    ],
)
@pytest.mark.parametrize("kind", FORMATS)
def test_paper_for_a_model_without_posts_speaks_of_no_post(session, kind, model, budget_point):
    """No 'mindestens 0 €', no '0 VZÄ at 80.000 €', no reasons about a post the model does not have."""
    text = "\n".join(paragraphs(build(session, kind, model=model, inhabitants=5_000, first_year=2026)))
    assert budget_point in text
    assert "mindestens 0\u00a0€" not in text
    assert "Das Modell sieht keine eigenen Stellen für den Klimaschutz vor" in text
    assert "Die Übersicht rechnet mit 0\u00a0VZÄ" not in text
    assert "Die Kommune hat die Stelle schon während der Förderung" not in text
    assert "an die künftig Zuständigen zu übergeben" in text
    assert "(–)" not in text
    # the subject and the alternative speak of a responsibility, not of continuing a post
    assert (
        "Klimaschutz nach dem Ende des geförderten Klimaschutzmanagements (KSM): Fortführung ohne eigene Stelle" in text
    )
    assert "dauerhafte Fortführung" not in text
    assert "Verzicht auf eine benannte Zuständigkeit" in text
    assert "Verzicht auf die Verstetigung" not in text
    assert "Das Modell kann darum nur ein Anfang sein" in text


FUNDING_ASSUMPTIONS = [
    # input, the rates sentence expected, whether the note on unchecked rates follows
    (
        {"model": "V8", "inhabitants": 90_000, "funding": "anschluss", "first_year": 2026},
        "Gerechnet ist die Förderung nach der Kommunalrichtlinie 2024 mit den Quoten für Kommunen, die nicht als "
        f"finanzschwach gelten: Anschlussvorhaben 40{NBSP}% nach Nr. 4.1.8 b) (Sekundärquelle) der Personalkosten "
        f"von 2{NBSP}VZÄ.",
        True,
    ),
    (
        {"model": "V7", "inhabitants": 60_000, "funding": "erst+anschluss", "financially_weak": True},
        "Gerechnet ist die Förderung nach der Kommunalrichtlinie 2024 mit den Quoten für finanzschwache Kommunen: "
        f"Erstvorhaben 90{NBSP}% nach Nr. 4.1.8 a) (Sekundärquelle) und Anschlussvorhaben 60{NBSP}% nach Nr. 4.1.8 b) "
        f"(Sekundärquelle) der Personalkosten von 1,5{NBSP}VZÄ.",
        True,
    ),
    (
        {"model": "V7", "inhabitants": 60_000, "funding": "erst+anschluss", "rules": "krl-2022", "funded_fte": 1},
        "Gerechnet ist die Förderung nach der Kommunalrichtlinie 2021/2022 mit den Quoten für Kommunen, die nicht "
        f"als finanzschwach gelten: Erstvorhaben 70{NBSP}% nach Nr. 4.1.8 a), Quoten Nr. 7.3 und 7.5 (geprüft) und "
        f"Anschlussvorhaben 40{NBSP}% nach Nr. 4.1.8 b), Quoten Nr. 7.3 (geprüft) der Personalkosten von 1{NBSP}VZÄ.",
        False,
    ),
]


@pytest.mark.parametrize(("data", "sentence", "unchecked"), FUNDING_ASSUMPTIONS)
def test_paper_states_how_the_funding_is_computed(session, params_dict, data, sentence, unchecked):
    """Rules, rate of each funded phase with its section and how sure it is, whether the municipality
    counts as financially weak, and the funded posts; a check to make where a rate is not verified."""
    lines = paragraphs(build(session, "odt", **data))
    text = "\n".join(lines)
    assert sentence in text
    assert (sentence in lines) is not unchecked  # the whole paragraph where nothing follows
    assert ("[Förderbetrag mit dem Zuwendungsbescheid abgleichen]" in text) is unchecked
    assert ("Quoten ohne den Vermerk „geprüft“ sind nicht im Wortlaut der Richtlinie geprüft." in text) is unchecked
    # what the rule set's rates leave out (flat amounts in 2024): for the administration to check
    rules = {r["id"]: r for r in params_dict["rules"]}[data.get("rules", params_dict["default_rules"])]
    if rules.get("note"):
        assert f"[Für die Verwaltung, vor dem Versand löschen: {rules['note']}]" in lines
    else:
        assert "Pauschal" not in text and "None" not in text


@pytest.mark.parametrize(("cost", "flagged"), [(None, True), (80_000, True), (85_000, False)])
def test_default_cost_per_post_is_flagged_as_an_estimate(session, cost, flagged):
    data = {"model": "V8", "inhabitants": 90_000} | ({} if cost is None else {"cost_per_fte": cost})
    text = "\n".join(paragraphs(build(session, "odt", **data)))
    assert ("Die Kosten je Stelle sind der Standardwert des Rechners" in text) is flagged
    assert ("[Wert der Personalabteilung prüfen oder einsetzen]" in text) is flagged
    assumptions = next(
        line for line in paragraphs(build(session, "odt", **data)) if line.startswith("Die Übersicht rechnet mit")
    )
    assert assumptions.endswith("[Wert der Personalabteilung prüfen oder einsetzen]" if flagged else "und mehr).")


def test_rate_resting_on_a_source_of_its_own_shows_that_sources_confidence(params):
    """The weak municipalities' rate may rest on another source than the phase (weak_confidence):
    the paper gives the one of the rate it applies, and asks for a check only where that is unverified."""
    from dataclasses import replace

    from calc.vorlage import vorlage_document

    rules = params.rules["krl-2022"]
    first, *rest = rules.phases["erst+anschluss"]
    unsure = replace(first, weak_confidence="Sekundärquelle")
    changed = replace(rules, phases=rules.phases | {"erst+anschluss": (unsure, *rest)})
    changed_params = replace(params, rules=params.rules | {"krl-2022": changed})
    data = {"model": "V7", "inhabitants": 60_000, "funding": "erst+anschluss", "rules": "krl-2022", "format": "odt"}
    weak = "\n".join(paragraphs(vorlage_document(data | {"financially_weak": True}, changed_params).data))
    assert f"Erstvorhaben 90{NBSP}% nach Nr. 4.1.8 a), Quoten Nr. 7.3 und 7.5 (Sekundärquelle)" in weak
    assert "[Förderbetrag mit dem Zuwendungsbescheid abgleichen]" in weak
    strong = "\n".join(paragraphs(vorlage_document(data | {"financially_weak": False}, changed_params).data))
    assert f"Erstvorhaben 70{NBSP}% nach Nr. 4.1.8 a), Quoten Nr. 7.3 und 7.5 (geprüft)" in strong
    assert "abgleichen" not in strong


@pytest.mark.parametrize("key", ["funding_notice", "land_notice"])
def test_the_calculators_notices_are_gaps_for_the_administration(session, params_dict, key):
    """'Prüfen Sie …' speaks to the administration, not to the council: marked yellow to delete."""
    data = build(session, "odt", model="V8", inhabitants=90_000, funding="anschluss")
    notice = f"[Für die Verwaltung, vor dem Versand löschen: {params_dict[key]}]"
    assert notice in paragraphs(data)
    content = parts(data)["content.xml"].decode("utf-8")
    assert f'<text:span text:style-name="Luecke">{notice}</text:span>' in content
    assert sum(params_dict[key] in line for line in paragraphs(data)) == 1  # once, and only as the gap


def test_paper_without_funding_states_no_rates(session):
    text = "\n".join(paragraphs(build(session, "odt", model="V8", inhabitants=90_000, funding="none")))
    assert "Gerechnet ist die Förderung" not in text
    assert "abgleichen" not in text
    assert "pauschalisierten" not in text  # the rules' note belongs to funding under them


@pytest.mark.parametrize("kind", FORMATS)
def test_paper_for_a_model_with_posts_keeps_its_reasons(session, kind):
    text = "\n".join(paragraphs(build(session, kind, **V8)))
    assert "Die Kommune hat die Stelle schon während der Förderung mit einem Eigenanteil bezahlt" in text
    assert "Die Übersicht rechnet mit 2\u00a0VZÄ" in text
    assert "an die künftig Zuständigen zu übergeben" not in text


def test_funding_beyond_the_years_shown(session):
    text = "\n".join(paragraphs(build(session, "docx", **V8, years=3)))  # 2026-2028: the last year, not the second
    assert "reicht mindestens bis zum Ende des betrachteten Zeitraums (2028)" in text
    assert "dem ersten Jahr ohne Förderung" not in text


@pytest.mark.parametrize(
    ("data", "body_name"),
    [
        pytest.param(LANDKREIS, "Kreistag", id="county-model"),
        pytest.param(V8, "Gemeinderat", id="town-model"),
        pytest.param({"model": "V10", "inhabitants": 200_000, "municipalities": 30}, "Kreistag", id="both-kinds-30"),
        pytest.param({"model": "V10", "inhabitants": 200_000}, "Gemeinderat", id="both-kinds-town"),
        # the boundary: two municipalities are already several, one is a town
        pytest.param({"model": "V10", "inhabitants": 20_000, "municipalities": 2}, "Kreistag", id="both-kinds-2"),
        pytest.param({"model": "V10", "inhabitants": 20_000, "municipalities": 1}, "Gemeinderat", id="both-kinds-1"),
        pytest.param(V8 | {"gremium": "Stadtrat"}, "Stadtrat", id="given"),
    ],
)
def test_deciding_body(session, data, body_name):
    order = tables(build(session, "odt", **data))[1]
    assert order[-1] == [body_name, "[…]", "Entscheidung"]


def test_no_name_leaves_a_gap(session):
    head = tables(build(session, "docx", **V8))[0]
    assert head[0] == ["Kommune", "[Name der Kommune]"]


def test_placeholders_of_the_content_are_known(params_dict):
    def strings(value):
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    used = {name for text in strings(params_dict["vorlage"]["text"]) for name in PLACEHOLDER.findall(text)}
    assert used <= PLACEHOLDERS
    assert used >= {"kommune", "gremium", "stand", "modell", "stellen", "anstieg", "je_einwohner"}


# --------------------------------------------------------------------------------------------
# Input text is data
# --------------------------------------------------------------------------------------------

HOSTILE = [
    pytest.param('<script>alert("x")</script> & Co', '<script>alert("x")</script> & Co', id="markup"),
    pytest.param("A &amp; B ]]> 'C' \"D\"", "A &amp; B ]]> 'C' \"D\"", id="entities-quotes"),
    pytest.param("Stadt\nam\r\nFluss\tOst", "Stadt am Fluss Ost", id="line-breaks"),
    pytest.param("Null\x00Glocke\x07Esc\x1bDel\x7f\x85Ende", "NullGlockeEscDelEnde", id="control-characters"),
    pytest.param("\ud800Halb\udfff\ufffe", "Halb", id="lone-surrogates"),
    pytest.param("[kein Platzhalter] {kommune}", "[kein Platzhalter] {kommune}", id="brackets-braces"),
    pytest.param("Ä" * 199 + "ß", "Ä" * 199 + "ß", id="200-characters"),
]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize(("name", "shown"), HOSTILE)
def test_hostile_names_come_out_literally(session, kind, name, shown):
    data = build(session, kind, **V8, kommune=name, gremium=name[:100])
    head, order = tables(data)[:2]
    assert head[0] == ["Kommune", shown]
    assert order[-1][0] == shown[:100].strip()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        pytest.param("kommune", "x" * 201, "höchstens 200 Zeichen", id="kommune-201"),
        pytest.param("kommune", "\x01" + "y" * 201, "höchstens 200 Zeichen", id="kommune-201-after-cleaning"),
        pytest.param("gremium", "Rat" * 34, "höchstens 100 Zeichen", id="gremium-102"),
        pytest.param("kommune", 12345, "als Text", id="kommune-number"),
        pytest.param("gremium", ["Rat"], "als Text", id="gremium-list"),
        pytest.param("format", "pdf", "„pdf“ ist nicht vorgesehen", id="format-pdf"),
        pytest.param("format", None, "Bitte wählen Sie das Dateiformat", id="format-missing"),
        pytest.param("format", 1, "nicht vorgesehen", id="format-number"),
    ],
)
def test_bad_input_names_the_field(session, field, value, words):
    data = {**V8, "format": "odt", field: value}
    if value is None:
        del data[field]
    with pytest.raises(InputError) as caught:
        session.vorlage(data)
    assert caught.value.field == field
    assert words in caught.value.message
    assert_german(caught.value.message)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        pytest.param({"model": "V8", "inhabitants": 0}, "inhabitants", id="inhabitants"),
        pytest.param({"models": ["V8"], "inhabitants": 80_000}, "models", id="one-model"),
        pytest.param({"model": "V8", "inhabitants": 8, "farbe": "grün"}, "farbe", id="unknown-field"),
        pytest.param({"model": "V7a", "inhabitants": 80_000}, "municipalities", id="municipalities"),
    ],
)
def test_invalid_calculator_input(session, data, field):
    with pytest.raises(InputError) as caught:
        session.vorlage({**data, "format": "docx"})
    assert caught.value.field == field
    assert_german(caught.value.message)


@PROPERTY
@given(name=st.text(max_size=230))
def test_any_name_gives_a_document_or_a_clean_error(session, name):
    shown = clean_text(name).strip()
    try:
        data = build(session, "odt", **V8, kommune=name)
    except InputError as exc:
        assert exc.field == "kommune" and len(shown) > 200
        return
    assert tables(data)[0][0] == ["Kommune", shown or "[Name der Kommune]"]


# --------------------------------------------------------------------------------------------
# The JSON boundary (browser worker) and the command line
# --------------------------------------------------------------------------------------------


def test_session_run_returns_the_bytes_as_base64(session):
    import base64

    answer = json.loads(session.run("vorlage", json.dumps({**LANDKREIS, "format": "docx"})))
    assert set(answer) == {"result"}
    result = answer["result"]
    assert result["filename"] == "beschlussvorlage-klimaschutzmanagement-v7a.docx"
    assert result["media_type"] == DOCX_TYPE
    assert base64.b64decode(result["base64"]) == build(session, "docx", **LANDKREIS)
    assert result["size"] == len(base64.b64decode(result["base64"]))


def test_form_input_keeps_names_as_text(session):
    form = {"model": "V8", "compare": ["V7"], "inhabitants": "80.000", "kommune": "1000", "format": "odt"}
    answer = json.loads(session.run("vorlage", json.dumps(form), form=True))
    assert answer["command"] == "vorlage" and answer["input"]["kommune"] == "1000"
    import base64

    data = base64.b64decode(answer["result"]["base64"])
    assert tables(data)[0][0] == ["Kommune", "1000"]
    assert len(tables(data)[3]) == 1 + 2  # compared: V8 and V7


def test_form_error_is_on_the_field(session):
    form = {"model": "V8", "inhabitants": "80000", "kommune": "k" * 201, "format": "odt"}
    answer = json.loads(session.run("vorlage", json.dumps(form), form=True))
    assert answer["error"]["field"] == "kommune"


cli = pytest.mark.skipif(sys.platform == "emscripten", reason="no subprocesses in Pyodide")


def run_cli(stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "calc", "vorlage", *args],
        input=stdin.encode(),
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )


@cli
@pytest.mark.parametrize(
    ("stdin", "args", "field"),
    [
        pytest.param(json.dumps(V8), ("--format", "pdf"), "format", id="format"),
        pytest.param(json.dumps(V8 | {"kommune": "k" * 201}), ("--format", "odt"), "kommune", id="long-name"),
        pytest.param(json.dumps({"model": "V8"}), ("--format", "docx"), "inhabitants", id="calculator"),
        pytest.param("{kaputt", ("--format", "odt"), "", id="not-json"),
    ],
)
def test_cli_bad_input_exits_2_with_json(stdin, args, field):
    done = run_cli(stdin, *args)
    assert done.returncode == 2, done.stderr
    error = json.loads(done.stdout)["error"]
    assert error["field"] == field
    assert_german(error["message"])


def _cli_digests() -> dict | None:
    """SHA-256 of ``python -m calc vorlage`` per case, computed on CPython by the Pyodide runner."""
    path = os.environ.get("CALC_VORLAGE_CLI_SHA256")
    return json.loads(Path(path).read_text(encoding="utf-8")) if path else None


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_bytes_equal_session_bytes(session, case):
    """The command line (CPython) and the package in this runtime (CPython, or Pyodide under Node)
    write the same bytes."""
    kind, data = CASES[case]
    digests = _cli_digests()
    if digests is not None:
        expected = digests[case]
    elif sys.platform == "emscripten":
        pytest.skip("the Pyodide runner hands in the command line's digests (CALC_VORLAGE_CLI_SHA256)")
    else:
        done = run_cli(json.dumps(data), "--format", kind)
        assert done.returncode == 0, done.stdout + done.stderr
        expected = hashlib.sha256(done.stdout).hexdigest()
    assert hashlib.sha256(build(session, kind, **data)).hexdigest() == expected


@pytest.mark.parametrize("kind", FORMATS)
def test_paper_lists_the_further_models_warnings(session, kind):
    data = {"models": ["V7", "V2", "V6a-c"], "inhabitants": 30000, "funding": "anschluss"}
    text = paragraphs(build(session, kind, **data))
    start = text.index("Hinweise des Rechners zu den weiteren Modellen:")
    listed = text[start + 1 : start + 3]
    assert listed[0].startswith("V 2: Der Förderweg „Nur Anschlussvorhaben (Kommunalrichtlinie)“ passt nicht zu V 2")
    assert listed[1].startswith("V 6a-c: Mit 30.000\u00a0EW liegt die Kommune außerhalb der Größe")


def test_a_warning_shared_by_further_models_names_them_together(session):
    data = {"models": ["V7", "V8", "V9"], "inhabitants": 60_000, "funding": "erst+anschluss", "years": 3}
    text = paragraphs(build(session, "odt", **data))
    listed = text[text.index("Hinweise des Rechners zu den weiteren Modellen:") + 1]
    assert listed.startswith("V 8, V 9: Der Zeitraum endet vor dem letzten Jahr der Förderung")


@pytest.mark.parametrize("kind", FORMATS)
def test_page_and_paper_give_the_steckbrief_degree(session, params_dict, kind):
    """The comparison's last column is the Steckbrief's own words, on the page as in the paper."""
    data = {"models": ["V7", "V6a-c", "V9"], "inhabitants": 30000}
    labels = [params_dict["models"][m]["stage_label"] for m in data["models"]]
    assert labels[1] == "Mittel bis hoch (Verankerung)"
    html = json.loads(session.run("compare", json.dumps(data)))["html"]
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", html.split("<tbody>")[1].split("</tbody>")[0])
    assert [re.findall(r"<td>([^<]*)</td></tr>$", row)[0] for row in rows] == labels
    table = next(t for t in tables(build(session, kind, **data)) if t[0][0] == "Modell")
    assert [row[5] for row in table[1:]] == labels
