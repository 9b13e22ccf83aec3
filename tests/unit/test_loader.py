"""guide.loader: every kind of content error names file, line, column and field path in German.

Each case copies content/ into a temporary directory, breaks one file in one way and expects a
``ContentError`` whose text contains
``content/<file>:<line>:<col>: <field.path>: <German message>``.
The expected line and column are computed from the injected text: the character ``⟨`` in the
replacement marks the position the error must point at and is removed before the file is written.

Positions point at what has to be fixed: the value for a wrong value (type, enum, pattern,
reference), the key for an unknown or duplicate key, the place where a missing key belongs
(first entry of its mapping) for a missing required field, the offending character for a YAML
syntax error, and 1:1 for an empty or missing file.
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from site_contract import ASPECT_SLUGS, MODEL_IDS

from guide.content import INPUT_KEYS, ExampleLandkreis
from guide.loader import ContentError, load_content

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
MARK = "⟨"


# English phrases of jsonschema / PyYAML that must not reach a reader on their own.
ENGLISH = (
    "is not of type",
    "is a required property",
    "Additional properties",
    "is not one of",
    "does not match",
    "is not valid under",
    "Traceback",
)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Replace the one match of ``pattern`` (regex, multiline) by ``new`` (literal text)."""

    pattern: str
    new: str


def line(pattern: str, new: str) -> Edit:
    """Replace one whole line that matches ``pattern`` (anchored at both ends)."""
    return Edit(rf"^{pattern}$", new)


def after(pattern: str, added: str) -> Edit:
    """Keep the one line matching ``pattern`` and add ``added`` (one or more lines) below it."""
    return Edit(rf"^(?:{pattern})$", "\\g<0>\n" + added)


# the marker at the start of the default comparison's explanation (vergleich_standard.erlaeuterung)
def at_folded_text(block: str, field: str) -> Edit:
    """The error's place: the folded text ``field`` (``>-``) of the top-level ``block`` of a file."""
    return Edit(rf"^({block}:\n(?:  .*\n)*?  {field}: )>-$", f"\\g<1>{MARK}>-")


AT_COMPARISON_TEXT = at_folded_text("vergleich_standard", "erlaeuterung")


def break_file(root: Path, file: str, edits: list[Edit]) -> tuple[int, int]:
    """Apply the edits to content/<file>; return the 1-based (line, column) of the ``⟨`` marker."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    for edit in edits:
        matches = list(re.finditer(edit.pattern, text, flags=re.MULTILINE))
        assert len(matches) == 1, f"{edit.pattern!r} passt {len(matches)}-mal in {file} (erwartet: genau einmal)"
        match = matches[0]
        new = match.expand(edit.new) if "\\g<" in edit.new else edit.new
        text = text[: match.start()] + new + text[match.end() :]
    assert text.count(MARK) == 1, "der Testfall muss genau eine Position markieren"
    index = text.index(MARK)
    line_no = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    path.write_text(text.replace(MARK, ""), encoding="utf-8")
    return line_no, col


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def issue_lines(exc: ContentError) -> list[str]:
    return str(exc).splitlines()


def assert_reported(exc: ContentError, prefix: str, message: str) -> None:
    lines = issue_lines(exc)
    hits = [text for text in lines if text.startswith(prefix)]
    assert hits, f"keine Meldung beginnt mit {prefix!r}; gemeldet:\n" + "\n".join(lines)
    assert any(message in text for text in hits), f"{message!r} fehlt in {hits}"
    for text in lines:
        assert not any(phrase in text for phrase in ENGLISH), f"englische Meldung: {text}"


def _foerderweg_index(root: Path, models: list[str]) -> int:
    ways = yaml.safe_load((root / "rechner.yml").read_text(encoding="utf-8"))["foerderwege"]
    return next(i for i, way in enumerate(ways) if way["modelle"] == models)


def _term_index(root: Path, abbreviation: str) -> int:
    terms = yaml.safe_load((root / "glossar.yml").read_text(encoding="utf-8"))["begriffe"]
    return next(i for i, term in enumerate(terms) if term.get("abkuerzung") == abbreviation)


def _aspect_index(root: Path, slug: str) -> int:
    aspects = yaml.safe_load((root / "aspekte.yml").read_text(encoding="utf-8"))["aspekte"]
    return next(i for i, aspect in enumerate(aspects) if aspect["slug"] == slug)


# Start of a block below a two-space key, e.g. the lines of "  historie:" up to one of its children.
def _inside(parent: str, child: str) -> str:
    return rf"^(  {parent}:\n(?:(?!  [a-z]).*\n)*?)    {child}: .*$"


# --------------------------------------------------------------------------------------------
# One broken file, one error
# --------------------------------------------------------------------------------------------

CASES = [
    # --- unknown keys --------------------------------------------------------------------------
    pytest.param(
        "modelle/v7.yml",
        [after(r"name: .*", f"{MARK}farbe: grün")],
        "farbe",
        "unbekanntes Feld (erlaubt:",
        id="unknown-key-top-level",
    ),
    pytest.param(
        "modelle/v7.yml",
        [after(r"    offen: .*", f"    {MARK}foo: 1")],
        "ausgangslage.budget_klimaschutz.foo",
        "unbekanntes Feld",
        id="unknown-key-nested",
    ),
    pytest.param(
        "modelle/v7.yml",
        [after(r"    offen: .*", f"    {MARK}foo:\n      bar: 1")],
        "ausgangslage.budget_klimaschutz.foo",
        "unbekanntes Feld",
        id="unknown-key-with-block-value",
    ),
    pytest.param(
        "kapitel/grundlagen.yml",
        [after(r"abschnitte:\n  - titel: .*", f"    {MARK}untertitel: Zusatz")],
        "abschnitte.0.untertitel",
        "unbekanntes Feld",
        id="unknown-key-in-chapter-section",
    ),
    # --- duplicate keys ------------------------------------------------------------------------
    pytest.param(
        "modelle/v7.yml",
        [after(r"tabellenname: .*", f"{MARK}name: Doppelt")],
        "name",
        "Schlüssel ist doppelt",
        id="duplicate-key-top-level",
    ),
    pytest.param(
        "modelle/v7.yml",
        [after(r"    offen: .*", f"    {MARK}offen: false")],
        "ausgangslage.budget_klimaschutz.offen",
        "Schlüssel ist doppelt",
        id="duplicate-key-nested",
    ),
    # --- wrong types ---------------------------------------------------------------------------
    pytest.param(
        "modelle/v7.yml",
        [line(r"    min_eur_je_einwohner: .*", f"    min_eur_je_einwohner: {MARK}fünf")],
        "ausgangslage.budget_klimaschutz.min_eur_je_einwohner",
        "'fünf' ist kein Wert vom Typ Zahl",
        id="wrong-type-number",
    ),
    pytest.param(
        "modelle/v7.yml",
        [line(r"weiterentwicklung_zu: .*", f"weiterentwicklung_zu: {MARK}v9")],
        "weiterentwicklung_zu",
        "'v9' ist kein Wert vom Typ Liste",
        id="wrong-type-list",
    ),
    pytest.param(
        "modelle/v7.yml",
        [line(r"    circa: .*", f"    circa: {MARK}vielleicht")],
        "ausgangslage.kommunengroesse.circa",
        "ist kein Wert vom Typ Wahrheitswert",
        id="wrong-type-boolean",
    ),
    # --- missing required fields ---------------------------------------------------------------
    pytest.param(
        "modelle/v7.yml",
        [Edit(r"^quelle: .*\n", ""), line(r"id: v7", f"{MARK}id: v7")],
        "quelle",
        "Pflichtfeld fehlt",
        id="missing-required-top-level",
    ),
    pytest.param(
        "modelle/v7.yml",
        [Edit(r"^  budget_klimaschutz:\n    wert: .*\n    ", f"  budget_klimaschutz:\n    {MARK}")],
        "ausgangslage.budget_klimaschutz.wert",
        "Pflichtfeld fehlt",
        id="missing-required-nested",
    ),
    # --- enum, pattern, range ------------------------------------------------------------------
    pytest.param(
        "modelle/v7.yml",
        [line(r"    stufe: .*", f"    stufe: {MARK}riesig")],
        "eigenschaften.verstetigungsgrad.stufe",
        "'riesig' ist nicht erlaubt (erlaubt: sehr gering, gering, mittel, hoch, sehr hoch)",
        id="enum-stufe",
    ),
    pytest.param(
        "modelle/v7.yml",
        [line(r"gruppe: .*", f"gruppe: {MARK}irgendwie")],
        "gruppe",
        "'irgendwie' ist nicht erlaubt",
        id="enum-gruppe",
    ),
    pytest.param(
        "modelle/v7.yml",
        [line(r"id: v7", f"id: {MARK}V7")],
        "id",
        "'V7' hat nicht die erwartete Form: URL-Kennung, z. B. v7 oder v6a-c",
        id="pattern-id",
    ),
    pytest.param(
        "quellen.yml",
        [line(r"    stand: 01\.04\.2025", f"    stand: {MARK}1.4.2025")],
        "quellen.12.stand",
        "'1.4.2025' hat nicht die erwartete Form: Stand als Jahr, Monat und Jahr oder Datum mit zwei Ziffern für "
        "Tag und Monat, z. B. 2020, März 2020 oder 01.04.2025",
        id="pattern-source-date",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  einwohner_steckbrief: v7 .*", f"  einwohner_steckbrief: {MARK}v5")],
        "richtwerte.einwohner_steckbrief",
        "'v5' hat nicht den Richtwert nach Einwohnern (budget_personal.richtwert: einwohner)",
        id="guide-value-source-without-a-guide-value",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  gemeinden_steckbrief: v7a", f"  gemeinden_steckbrief: {MARK}v7")],
        "richtwerte.gemeinden_steckbrief",
        "'v7' hat nicht den Richtwert nach Gemeinden (budget_personal.richtwert: gemeinden)",
        id="guide-value-source-of-another-guide-value",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  einwohner_steckbrief: v7 .*", f"  einwohner_steckbrief: {MARK}v99")],
        "richtwerte.einwohner_steckbrief",
        "Modell 'v99' gibt es nicht",
        id="guide-value-source-unknown",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  stand: 01\.04\.2025", f"  stand: {MARK}April 25")],
        "kosten_je_stelle.stand",
        "'April 25' hat nicht die erwartete Form: Stand als Jahr",
        id="pattern-parameter-date",
    ),
    pytest.param(
        "modelle/v7.yml",
        [line(r"    min_stellen: .*", f"    min_stellen: {MARK}-1")],
        "ausgangslage.budget_personal.min_stellen",
        "liegt außerhalb des erlaubten Bereichs",
        id="below-minimum",
    ),
    pytest.param(
        "modelle/v7.yml",
        [Edit(r"^vorteile:\n(?:  .*\n)+", f"vorteile: {MARK}[]\n")],
        "vorteile",
        "zu kurz oder leer",
        id="empty-list",
    ),
    # --- references ----------------------------------------------------------------------------
    pytest.param(
        "modelle/v7.yml",
        [line(r"weiterentwicklung_zu: .*", f"weiterentwicklung_zu: [{MARK}v99]")],
        "weiterentwicklung_zu.0",
        "Modell 'v99' gibt es nicht",
        id="unknown-model-in-weiterentwicklung_zu",
    ),
    pytest.param(
        "modelle/v7b.yml",
        [line(r"weiterentwicklung_zu: .*", f"weiterentwicklung_zu: [v7, {MARK}v42]")],
        "weiterentwicklung_zu.1",
        "Modell 'v42' gibt es nicht",
        id="unknown-model-second-entry",
    ),
    pytest.param(
        "modelle/v7.yml",
        [line(r"quelle: .*", f"quelle: {MARK}gibtsnicht")],
        "quelle",
        "Quelle 'gibtsnicht' steht nicht in content/quellen.yml",
        id="unknown-source-model",
    ),
    pytest.param(
        "kapitel/grundlagen.yml",
        [line(r"quelle: .*", f"quelle: {MARK}gibtsnicht")],
        "quelle",
        "Quelle 'gibtsnicht' steht nicht in content/quellen.yml",
        id="unknown-source-chapter",
    ),
    pytest.param(
        "aufgaben.yml",
        [line(r"quelle: .*", f"quelle: {MARK}gibtsnicht")],
        "quelle",
        "Quelle 'gibtsnicht' steht nicht in content/quellen.yml",
        id="unknown-source-tasks",
    ),
    pytest.param(
        "rechner.yml",
        [
            Edit(
                r"^(kosten_je_stelle:\n(?:(?![a-z]).*\n)*?)  quelle: .*$",
                f"\\g<1>  quelle: {MARK}gibtsnicht",
            )
        ],
        "kosten_je_stelle.quelle",
        "Quelle 'gibtsnicht' steht nicht in content/quellen.yml",
        id="unknown-source-calculator",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"    modelle: \[v7a\]", f"    modelle: [v7a, {MARK}v99]")],
        lambda root: f"foerderwege.{_foerderweg_index(root, ['v7a'])}.modelle.1",
        "Modell 'v99' gibt es nicht",
        id="unknown-model-in-foerderwege",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"regelwerk_standard: krl-2024", f"regelwerk_standard: {MARK}krl-2030")],
        "regelwerk_standard",
        "Regelwerk 'krl-2030' gibt es nicht",
        id="unknown-default-rules",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  v3: >-", f"  v33: {MARK}>-")],
        "zu_gross.v33",
        "Modell 'v33' gibt es nicht",
        id="unknown-model-in-zu_gross",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  v7a: >-", f"  v7c: {MARK}>-")],
        "modellhinweise.v7c",
        "Modell 'v7c' gibt es nicht",
        id="unknown-model-in-modellhinweise",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  modelle: \[v8, v9\]", f"  modelle: [v8, {MARK}v99]")],
        "vergleich_standard.modelle.1",
        "Modell 'v99' gibt es nicht",
        id="unknown-model-in-the-default-comparison",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"    kapitel: klimaschutzkoordination-landkreis", f"    kapitel: {MARK}koordination")],
        lambda root: f"foerderwege.{_foerderweg_index(root, ['v7a'])}.kapitel",
        "Kapitel 'koordination' gibt es nicht",
        id="unknown-chapter-of-a-funding-way",
    ),
    # --- identity ------------------------------------------------------------------------------
    pytest.param(
        "modelle/v11.yml",
        [line(r"id: v11", f"id: {MARK}v12")],
        "id",
        "'v12' passt nicht zum Dateinamen v11.yml",
        id="id-not-file-name",
    ),
    pytest.param(
        "modelle/v7.yml",
        [line(r"nummer: .*", f"nummer: {MARK}V 8")],
        "nummer",
        "'V 8' passt nicht zur Kennung 'v7'",
        id="nummer-not-id",
    ),
    pytest.param(
        "kapitel/aufgaben.yml",
        [line(r"fundstelle: .*", "# no fundstelle"), line(r"bereich: .*", f"bereich: {MARK}leitfaden")],
        "bereich",
        "fundstelle fehlt: ein Kapitel des Leitfadens oder der Steckbriefe nennt seine Stelle, z. B. Kapitel 5.2",
        id="chapter-without-locator",
    ),
    pytest.param(
        "kapitel/grundlagen.yml",
        [line(r"slug: .*", f"slug: {MARK}grundlage")],
        "slug",
        "'grundlage' passt nicht zum Dateinamen grundlagen.yml",
        id="slug-not-file-name",
    ),
    # --- YAML syntax and empty files ---------------------------------------------------------
    pytest.param(
        "modelle/v7.yml",
        [line(r"name: .*", f"name: KSM{MARK}: im Fachamt")],
        "<Datei>",
        "kein gültiges YAML",
        id="yaml-syntax-colon",
    ),
    pytest.param(
        "modelle/v7.yml",
        [after(r"name: .*", f"{MARK}\tfarbe: grün")],
        "<Datei>",
        "kein gültiges YAML",
        id="yaml-syntax-tab",
    ),
    pytest.param(
        "modelle/v11.yml",
        [Edit(r"\A[\s\S]*\Z", MARK)],
        "<Datei>",
        "die Datei ist leer",
        id="empty-file",
    ),
    pytest.param(
        "quellen.yml",
        [Edit(r"\A[\s\S]*\Z", f"{MARK}# nur ein Kommentar\n")],
        "<Datei>",
        "die Datei ist leer",
        id="comments-only-file",
    ),
    # --- slips YAML accepts silently -----------------------------------------------------------
    pytest.param(
        "modelle/v7.yml",
        [line(r"    min_einwohner: 25000", f"    min_einwohner: {MARK}25.000")],
        "ausgangslage.kommunengroesse.min_einwohner",
        "'25.000' würde als Kommazahl gelesen (Tausenderpunkt): ohne Punkt schreiben, also 25000",
        id="thousands-dot",
    ),
    pytest.param(
        "modelle/v7.yml",
        [Edit(r"^  - (Innerhalb wie .*)\n  - (Im eigenen Amt .*)$", f"  - {MARK}\\g<1>\n    - \\g<2>")],
        "vorteile.0",
        "ein Listenpunkt ('- ') ist in den Text davor gerutscht",
        id="list-item-indented-too-far",
    ),
    pytest.param(
        "quellen.yml",
        [Edit(r'^    stand: "2020"$(?=\n  - id: leitfaden)', f"    stand: {MARK}2020-03-01")],  # the Steckbriefe's
        "quellen.0.stand",
        'Datum als Text in Anführungszeichen schreiben: "2020-03-01"',
        id="unquoted-date",
    ),
    pytest.param(
        "modelle/v7.yml",
        [after(r"name: .*", f"{MARK}<<: {{}}")],
        "<Datei>",
        "Zusammenführen mit '<<' wird nicht unterstützt",
        id="yaml-merge-key",
    ),
    pytest.param(
        "modelle/v7.yml",
        [Edit(r"^    max_einwohner: null\n    circa: false$", f"  max_einwohner: null\n    circa{MARK}: false")],
        "<Datei>",
        "Doppelpunkt an unerwarteter Stelle: Einrückung prüfen",
        id="yaml-dedented-key",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"    modelle: \[v7a\]", f"    modelle: {MARK}[v7a")],
        "<Datei>",
        "eckige Klammer nicht geschlossen oder Komma fehlt",
        id="yaml-unclosed-bracket",
    ),
    pytest.param(
        "modelle/v1.yml",
        [Edit(r"\Z", f"{MARK}---\nid: v1\n")],
        "<Datei>",
        "mehr als ein YAML-Dokument",
        id="yaml-second-document",
    ),
    pytest.param(
        "kapitel/aufgaben.yml",
        [
            Edit(r"^(  - titel: Der Aufgabenkatalog zum Ausfüllen\n    text: )>-$", f"\\g<1>{MARK}>-"),
            Edit(r"\]\(\.\./arbeitszeit\.md\)", "](../arbeitsblatt.md)"),
        ],
        "abschnitte.3.text",
        "der Link '../arbeitsblatt.md' führt ins Leere (es gibt keine Seite arbeitsblatt.md)",
        id="broken-link-in-chapter-text",
    ),
    # --- unique ids, one intro, no headings in text -------------------------------------------
    pytest.param(
        "quellen.yml",
        [line(r"  - id: leitfaden", f"  - id: {MARK}steckbriefe")],
        "quellen.1.id",
        "'steckbriefe' kommt doppelt vor",
        id="duplicate-source-id",
    ),
    pytest.param(
        "aspekte.yml",
        [line(r"  - slug: netzwerke", f"  - slug: {MARK}strategie")],
        lambda root: f"aspekte.{_aspect_index(root, 'netzwerke')}.slug",
        "'strategie' kommt doppelt vor",
        id="duplicate-aspect-slug",
    ),
    pytest.param(
        "kapitel/aufgaben.yml",
        [line(r"bereich: leitfaden", f"bereich: {MARK}modelle")],
        "bereich",
        "nur ein Kapitel darf die Einleitung von /modelle/ sein",
        id="second-models-intro",
    ),
    pytest.param(
        "kapitel/aufgaben.yml",
        [Edit(r"^(  - titel: Zwei Arbeitsfelder.*\n    text: )\|-$", f"\\g<1>{MARK}|-\n      ## Zwischentitel")],
        "abschnitte.1.text",
        "Zeile 1 des Texts ist eine Überschrift ('#')",
        id="heading-in-chapter-text",
    ),
    # --- bands ---------------------------------------------------------------------------------
    pytest.param(
        "modelle/v6a-c.yml",
        [line(r"    min_einwohner: .*", f"    min_einwohner: {MARK}9999999")],
        "ausgangslage.kommunengroesse.min_einwohner",
        "ist größer als max_einwohner",
        id="min-above-max-einwohner",
    ),
    pytest.param(
        "modelle/v6a-c.yml",
        [line(r"    min_eur_je_einwohner: .*", f"    min_eur_je_einwohner: {MARK}999")],
        "ausgangslage.budget_klimaschutz.min_eur_je_einwohner",
        "ist größer als max_eur_je_einwohner",
        id="min-above-max-budget",
    ),
    pytest.param(
        "modelle/v1.yml",
        [Edit(_inside("historie", "von"), f"\\g<1>    von: {MARK}hoch")],
        "ausgangslage.historie.von",
        "liegt über 'bis'",
        id="von-above-bis",
    ),
    # --- aspects -------------------------------------------------------------------------------
    pytest.param(
        "aspekte.yml",
        [line(r"      - feld: ziele", f"      - feld: {MARK}zielsetzung")],
        lambda root: f"aspekte.{_aspect_index(root, 'ziele')}.felder.0.feld",
        "'zielsetzung' ist nicht erlaubt",
        id="aspect-unknown-feld",
    ),
    pytest.param(
        "aspekte.yml",
        [line(r"  - slug: netzwerke", f"  - slug: {MARK}Netz-Werke")],
        lambda root: f"aspekte.{_aspect_index(root, 'netzwerke')}.slug",
        "'Netz-Werke' hat nicht die Form",
        id="aspect-slug-pattern",
    ),
    # --- what a Steckbrief says about a kind, readings of the site, Stand of the sources ----------
    pytest.param(
        "modelle/v8.yml",
        [
            line(r"    arten: \[gemeinde\]", "    arten: [gemeinde, landkreis]"),
            line(r"      - art: landkreis", f"      - art: {MARK}landkreis"),
        ],
        "ausgangslage.kommunengroesse.arten_hinweise.0.art",
        "'landkreis' steht in arten, ist hier aber als 'möglich, aber nicht zielführend' markiert",
        id="kind-note-contradicts-arten",
    ),
    pytest.param(
        "modelle/v6d-f.yml",
        [
            line(r"    arten: \[gemeinde, landkreis\]", "    arten: [gemeinde]"),
            line(r"      - art: landkreis", f"      - art: {MARK}landkreis"),
        ],
        "ausgangslage.kommunengroesse.arten_hinweise.0.art",
        "'landkreis' ist als geeignet markiert, steht aber nicht in arten",
        id="kind-note-suitable-but-not-listed",
    ),
    pytest.param(
        "modelle/v8.yml",
        [line(r"        eignung: möglich, aber nicht zielführend", f"        eignung: {MARK}ungeeignet")],
        "ausgangslage.kommunengroesse.arten_hinweise.0.eignung",
        "'ungeeignet' ist nicht erlaubt (erlaubt: geeignet, möglich, aber nicht zielführend)",
        id="kind-note-unknown-suitability",
    ),
    pytest.param(
        "modelle/v9.yml",
        [line(r"  v10: >-", f"  {MARK}v11: >-")],
        "weiterentwicklung_deutung.v11",
        "'v11' steht nicht in weiterentwicklung_zu",
        id="reading-for-a-step-that-is-not-there",
    ),
    pytest.param(
        "modelle/v10.yml",
        [line(r"weiterentwicklung_zu: \[\]", f"weiterentwicklung_zu: [{MARK}v7]")],
        "weiterentwicklung_zu.0",
        "'v7' hat einen geringeren Grad der personellen Verstetigung (hoch) als 'v10' (sehr hoch): ein Schritt zurück",
        id="step-to-a-lower-degree",
    ),
    pytest.param(
        "quellen.yml",
        [
            line(
                r"  quellen: \[steckbriefe, leitfaden, kurzuebersicht\]",
                f"  quellen: [steckbriefe, leitfaden, {MARK}kurzfassung]",
            )
        ],
        "stand_hinweis.quellen.2",
        "Quelle 'kurzfassung' steht nicht unter quellen",
        id="stand-note-for-unknown-source",
    ),
    pytest.param(
        "quellen.yml",
        [
            line(
                r"  quellen: \[steckbriefe, leitfaden, kurzuebersicht\]",
                f"  quellen: [steckbriefe, leitfaden, {MARK}kurzuebersicht]",
            ),
            Edit(r'^    stand: "2020"\n(?=  - id: govshare)', ""),  # the Kurzübersicht's stand
        ],
        "stand_hinweis.quellen.2",
        "Quelle 'kurzuebersicht' hat einen Hinweis auf ihren Stand, aber kein Feld stand",
        id="stand-note-for-source-without-stand",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"    kapitel: fokusberatung", f"    kapitel: {MARK}fokus")],
        "finder.einstieg.kapitel",
        "Kapitel 'fokus' gibt es nicht",
        id="finder-advice-unknown-chapter",
    ),
    # --- the inputs the calculator and finder pages open with, the example Landkreis -----------
    # rechner.yml: eingaben_standard (the calculator), finder.eingaben_standard, beispiel_landkreis.
    # The schema names the fields and their types; bounds and the rest are the calculator's own rules.
    pytest.param(
        "rechner.yml",
        [after(r"  einwohner: 50000", f"  {MARK}foerderweg: anschluss")],
        "eingaben_standard.foerderweg",
        "unbekanntes Feld (erlaubt: einwohner, gemeinden, modell)",
        id="calculator-defaults-unknown-field",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  einwohner: 50000", f"  einwohner: {MARK}fünfzigtausend")],
        "eingaben_standard.einwohner",
        "'fünfzigtausend' ist kein Wert vom Typ ganze Zahl",
        id="calculator-defaults-inhabitants-text",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  einwohner: 50000", f"  einwohner: {MARK}50000.5")],
        "eingaben_standard.einwohner",
        "50000.5 ist kein Wert vom Typ ganze Zahl",
        id="calculator-defaults-inhabitants-fraction",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  einwohner: 50000", f"  einwohner: {MARK}50.000")],
        "eingaben_standard.einwohner",
        "'50.000' würde als Kommazahl gelesen (Tausenderpunkt): ohne Punkt schreiben, also 50000",
        id="calculator-defaults-thousands-dot",
    ),
    pytest.param(
        "rechner.yml",
        [Edit(r"^eingaben_standard:\n((?:  #.*\n)*)  modell: v7\n  ", f"eingaben_standard:\n\\g<1>  {MARK}")],
        "eingaben_standard.modell",
        "Pflichtfeld fehlt",
        id="calculator-defaults-model-missing",
    ),
    pytest.param(
        "rechner.yml",
        [Edit(r"^eingaben_standard:\n(?:  .*\n)+", ""), Edit(r"^stand: ", f"{MARK}stand: ")],
        "eingaben_standard",
        "Pflichtfeld fehlt",
        id="calculator-defaults-missing",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  modell: v7", f"  modell: {MARK}V7")],
        "eingaben_standard.modell",
        "'V7' hat nicht die erwartete Form: Kennung des Standardmodells (content/modelle/<id>.yml), z. B. v7",
        id="calculator-defaults-model-pattern",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  modell: v7", f"  modell: {MARK}v99")],
        "eingaben_standard.modell",
        "Modell 'v99' gibt es nicht",
        id="calculator-defaults-unknown-model",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  einwohner: 50000", f"  einwohner: {MARK}0")],
        "eingaben_standard.einwohner",
        "der Rechner nimmt diese Eingabe nicht an: "
        "Bitte geben Sie die Einwohnerzahl als ganze Zahl zwischen 1 und 10.000.000 an.",
        id="calculator-defaults-inhabitants-zero",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  einwohner: 50000", f"  einwohner: {MARK}10000001")],
        "eingaben_standard.einwohner",
        "der Rechner nimmt diese Eingabe nicht an: "
        "Bitte geben Sie die Einwohnerzahl als ganze Zahl zwischen 1 und 10.000.000 an.",
        id="calculator-defaults-inhabitants-above-limit",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  modell: v7", f"  {MARK}modell: v7a")],
        "eingaben_standard.gemeinden",
        "der Rechner nimmt diese Eingabe nicht an: Für V 7a fehlt noch die Zahl der Gemeinden im Landkreis: "
        "Der Steckbrief rechnet mit mindestens einer Stelle je 20 Gemeinden. Bitte tragen Sie die Zahl ein.",
        id="calculator-defaults-municipalities-missing-for-v7a",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  modell: v7", "  modell: v7a"), after(r"  einwohner: 50000", f"  gemeinden: {MARK}1001")],
        "eingaben_standard.gemeinden",
        "der Rechner nimmt diese Eingabe nicht an: "
        "Bitte geben Sie die Zahl der Gemeinden als ganze Zahl zwischen 1 und 1.000 an.",
        id="calculator-defaults-municipalities-above-limit",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  modelle: \[v8, v9\]", f"  modelle: {MARK}[v8, v7]")],
        "vergleich_standard.modelle",
        "der Rechner nimmt diese Eingabe nicht an: "
        "Bitte wählen Sie 2 bis 4 verschiedene Modelle zum Vergleich; V 7 steht mehrfach in der Liste.",
        id="default-comparison-repeats-the-default-model",
    ),
    pytest.param(
        "rechner.yml",
        [
            line(r"  modell: v7", "  modell: v10"),
            AT_COMPARISON_TEXT,
        ],
        "vergleich_standard.erlaeuterung",
        "der Text nennt V 10 nicht, das Standardmodell aus eingaben_standard.modell",
        id="default-comparison-text-misses-the-default-model",
    ),
    pytest.param(
        "rechner.yml",
        [
            line(r"  modelle: \[v8, v9\]", "  modelle: [v8, v10]"),
            AT_COMPARISON_TEXT,
        ],
        "vergleich_standard.erlaeuterung",
        "der Text nennt V 10 nicht, ein Modell aus vergleich_standard.modelle",
        id="default-comparison-text-misses-a-compared-model",
    ),
    pytest.param(
        "rechner.yml",
        [
            line(r"  einwohner: 50000", "  einwohner: 60000"),
            AT_COMPARISON_TEXT,
        ],
        "vergleich_standard.erlaeuterung",
        "der Text nennt 60.000 nicht, die Einwohnerzahl aus eingaben_standard.einwohner",
        id="default-comparison-text-misses-the-inhabitants",
    ),
    pytest.param(
        "rechner.yml",
        [
            line(r"  einwohner_je_stelle: 50000", "  einwohner_je_stelle: 40000"),
            at_folded_text("richtwerte", "erlaeuterung"),
        ],
        "richtwerte.erlaeuterung",
        "der Text nennt 40.000 nicht, den Wert aus richtwerte.einwohner_je_stelle",
        id="guide-value-text-misses-the-guide-value",
    ),
    pytest.param(
        "rechner.yml",
        [
            line(r"  einwohner_steckbrief: v7 .*", "  einwohner_steckbrief: v8"),
            at_folded_text("richtwerte", "erlaeuterung"),
        ],
        "richtwerte.erlaeuterung",
        "der Text nennt V 8 nicht, das Modell aus richtwerte.einwohner_steckbrief",
        id="guide-value-text-misses-its-model",
    ),
    pytest.param(
        "rechner.yml",
        [
            line(r"  jahressonderzahlung: 0.7028", "  jahressonderzahlung: 0.75"),
            at_folded_text("kosten_je_stelle", "herleitung"),
        ],
        "kosten_je_stelle.herleitung",
        "der Text nennt 75 % nicht, den Wert aus kosten_je_stelle.jahressonderzahlung",
        id="cost-text-misses-the-annual-payment",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"    art: gemeinde", f"    art: {MARK}stadt")],
        "finder.eingaben_standard.art",
        "'stadt' ist nicht erlaubt (erlaubt: gemeinde, landkreis)",
        id="finder-defaults-unknown-kind",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"    historie: gering", f"    historie: {MARK}keine")],
        "finder.eingaben_standard.historie",
        "'keine' ist nicht erlaubt (erlaubt: gering, mittel, hoch)",
        id="finder-defaults-unknown-history",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"    budget_je_einwohner: 1", f"    budget_je_einwohner: {MARK}1 €")],
        "finder.eingaben_standard.budget_je_einwohner",
        "'1 €' ist kein Wert vom Typ Zahl",
        id="finder-defaults-budget-text",
    ),
    pytest.param(
        "rechner.yml",
        [after(r"    stellen: 0.5", f"    {MARK}foerderweg: keiner")],
        "finder.eingaben_standard.foerderweg",
        "unbekanntes Feld (erlaubt: art, budget_je_einwohner, einwohner, gemeinden, historie, relevanz, stellen)",
        id="finder-defaults-unknown-field",
    ),
    pytest.param(
        "rechner.yml",
        [Edit(r"^    relevanz: mittel\n", ""), line(r"    art: gemeinde", f"    {MARK}art: gemeinde")],
        "finder.eingaben_standard.relevanz",
        "Pflichtfeld fehlt",
        id="finder-defaults-relevance-missing",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"    einwohner: 12000", f"    einwohner: {MARK}0")],
        "finder.eingaben_standard.einwohner",
        "der Rechner nimmt diese Eingabe nicht an: "
        "Bitte geben Sie die Einwohnerzahl als ganze Zahl zwischen 1 und 10.000.000 an.",
        id="finder-defaults-inhabitants-zero",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"    stellen: 0.5", f"    stellen: {MARK}-0.5")],
        "finder.eingaben_standard.stellen",
        "der Rechner nimmt diese Eingabe nicht an: "
        "Bitte geben Sie die Zahl der finanzierbaren Stellen als Zahl zwischen 0 und 1.000 an.",
        id="finder-defaults-negative-posts",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"    budget_je_einwohner: 1", f"    budget_je_einwohner: {MARK}1001")],
        "finder.eingaben_standard.budget_je_einwohner",
        "der Rechner nimmt diese Eingabe nicht an: "
        "Bitte geben Sie das Budget je Einwohnerin und Einwohner als Zahl zwischen 0 und 1.000 an.",
        id="finder-defaults-budget-above-limit",
    ),
    pytest.param(
        "rechner.yml",
        [after(r"    einwohner: 12000", f"    gemeinden: {MARK}0")],
        "finder.eingaben_standard.gemeinden",
        "der Rechner nimmt diese Eingabe nicht an: "
        "Bitte geben Sie die Zahl der Gemeinden als ganze Zahl zwischen 1 und 1.000 an.",
        id="finder-defaults-municipalities-zero",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  gemeinden: 30", f"  gemeinden: {MARK}dreißig")],
        "beispiel_landkreis.gemeinden",
        "'dreißig' ist kein Wert vom Typ ganze Zahl",
        id="example-landkreis-municipalities-text",
    ),
    pytest.param(
        "rechner.yml",
        [Edit(r"^  gemeinden: 30\n", ""), line(r"  einwohner: 150000", f"  {MARK}einwohner: 150000")],
        "beispiel_landkreis.gemeinden",
        "Pflichtfeld fehlt",
        id="example-landkreis-municipalities-missing",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  gemeinden: 30", f"  gemeinden: {MARK}0")],
        "beispiel_landkreis.gemeinden",
        "der Rechner nimmt diese Eingabe für V 7a nicht an: "
        "Bitte geben Sie die Zahl der Gemeinden als ganze Zahl zwischen 1 und 1.000 an.",
        id="example-landkreis-municipalities-zero",
    ),
    pytest.param(
        "rechner.yml",
        [line(r"  einwohner: 150000", f"  einwohner: {MARK}10000001")],
        "beispiel_landkreis.einwohner",
        "der Rechner nimmt diese Eingabe für V 7a nicht an: "
        "Bitte geben Sie die Einwohnerzahl als ganze Zahl zwischen 1 und 10.000.000 an.",
        id="example-landkreis-inhabitants-above-limit",
    ),
    # --- glossary ------------------------------------------------------------------------------
    pytest.param(
        "glossar.yml",
        [line(r"    quelle: ksg", f"    quelle: {MARK}ksg-2099")],
        lambda root: f"begriffe.{_term_index(root, 'KSG')}.quelle",
        "Quelle 'ksg-2099' steht nicht in content/quellen.yml",
        id="glossary-unknown-source",
    ),
    pytest.param(
        "glossar.yml",
        [line(r"    mehr: modelle/v5.md", f"    mehr: {MARK}modelle/v55.md")],
        lambda root: f"begriffe.{_term_index(root, 'KEM')}.mehr",
        "'modelle/v55.md' ist keine Seite der Website",
        id="glossary-link-to-no-page",
    ),
    pytest.param(
        "glossar.yml",
        [line(r"    abkuerzung: UBA", f"    abkuerzung: {MARK}KSM")],
        lambda root: f"begriffe.{_term_index(root, 'UBA')}.abkuerzung",
        "'KSM' kommt doppelt vor",
        id="glossary-duplicate-abbreviation",
    ),
    pytest.param(
        "glossar.yml",
        [line(r"  - begriff: Umweltbundesamt", f"  - begriff: {MARK}Klimaschutzmanagement")],
        lambda root: f"begriffe.{_term_index(root, 'UBA')}.begriff",
        "'Klimaschutzmanagement' kommt doppelt vor",
        id="glossary-duplicate-term",
    ),
    pytest.param(
        "glossar.yml",
        [line(r"    abkuerzung: VZÄ", f"    abkuerzung: {MARK}V Z Ä")],
        lambda root: f"begriffe.{_term_index(root, 'VZÄ')}.abkuerzung",
        "'V Z Ä' hat nicht die erwartete Form: Abkürzung, wie sie in Texten steht",
        id="glossary-abbreviation-with-spaces",
    ),
    pytest.param(
        "glossar.yml",
        [after(r"    abkuerzung: UBA", f"    {MARK}siehe: KEA-BW")],
        lambda root: f"begriffe.{_term_index(root, 'UBA')}.siehe",
        "unbekanntes Feld (erlaubt: abkuerzung, begriff, erklaerung, mehr, quelle)",
        id="glossary-unknown-field",
    ),
]


@pytest.mark.parametrize(("file", "edits", "field", "message"), CASES)
def test_broken_file_is_reported_with_position(tmp_path, file, edits, field, message):
    root = copy_content(tmp_path)
    field = field(root) if callable(field) else field
    line_no, col = break_file(root, file, edits)

    with pytest.raises(ContentError) as info:
        load_content(root)

    assert_reported(info.value, f"content/{file}:{line_no}:{col}: {field}: ", message)
    assert info.value.issues, "ContentError trägt die einzelnen Meldungen"
    assert all(issue.file.startswith("content/") for issue in info.value.issues)


def test_fixed_docs_are_exactly_the_pages_besides_models_aspects_and_chapters(real_content):
    """The page table guide.urls.PAGES (also used to check links in chapter texts) is what the build
    makes besides the per-item pages: the generated pages plus the hand-written start page."""
    from guide import urls
    from guide.pages import site_pages

    operator = collections.defaultdict(lambda: "x")  # any operator data will do
    made = set(site_pages(real_content, "0", operator)) | {"index.md"}
    per_item = {urls.model_doc(m.id) for m in real_content.models}
    per_item |= {urls.aspect_doc(a.slug) for a in real_content.aspects}
    per_item |= {urls.chapter_doc(c.slug) for c in real_content.chapters if c.area != "modelle"}
    assert made - per_item == {page.doc for page in urls.PAGES}
    assert (ROOT / "docs" / "index.md").is_file()


def test_file_not_in_utf8_is_reported_at_the_bad_byte(tmp_path):
    root = copy_content(tmp_path)
    path = root / "modelle" / "v7.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = "name: Klimaschutz im Fachamt für Straßen\n"
    path.write_bytes("".join(lines[:3]).encode("utf-8") + lines[3].encode("latin-1") + "".join(lines[4:]).encode())
    with pytest.raises(ContentError) as info:
        load_content(root)
    col = len("name: Klimaschutz im Fachamt f") + 1  # 'ü' is the first byte that is not UTF-8
    assert_reported(info.value, f"content/modelle/v7.yml:4:{col}: <Datei>: ", "nicht in UTF-8 gespeichert")


# --------------------------------------------------------------------------------------------
# Files missing, several problems at once
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("file", ["aspekte.yml", "aufgaben.yml", "quellen.yml", "rechner.yml", "glossar.yml"])
def test_missing_file_is_reported(tmp_path, file):
    root = copy_content(tmp_path)
    (root / file).unlink()
    with pytest.raises(ContentError) as info:
        load_content(root)
    assert_reported(info.value, f"content/{file}:1:1: <Datei>: ", "Datei fehlt")


def test_deleted_model_leaves_dangling_references(tmp_path):
    root = copy_content(tmp_path)
    (root / "modelle" / "v9.yml").unlink()
    v7 = (root / "modelle" / "v7.yml").read_text(encoding="utf-8")
    number = next(i for i, text in enumerate(v7.splitlines(), 1) if text.startswith("weiterentwicklung_zu:"))
    with pytest.raises(ContentError) as info:
        load_content(root)
    hits = [
        text
        for text in issue_lines(info.value)
        if text.startswith(f"content/modelle/v7.yml:{number}:") and "Modell 'v9' gibt es nicht" in text
    ]
    assert hits, str(info.value)
    assert any(
        text.startswith("content/rechner.yml:") and "Modell 'v9' gibt es nicht" in text
        for text in issue_lines(info.value)
    ), "rechner.yml verweist in foerderwege auf v9"


def test_all_issues_are_collected_across_files(tmp_path):
    root = copy_content(tmp_path)
    first = break_file(root, "modelle/v7.yml", [line(r"    stufe: .*", f"    stufe: {MARK}riesig")])
    second = break_file(root, "kapitel/grundlagen.yml", [line(r"bereich: .*", f"bereich: {MARK}anhang")])
    with pytest.raises(ContentError) as info:
        load_content(root)
    assert len(info.value.issues) >= 2
    assert_reported(
        info.value,
        f"content/modelle/v7.yml:{first[0]}:{first[1]}: eigenschaften.verstetigungsgrad.stufe: ",
        "'riesig' ist nicht erlaubt",
    )
    assert_reported(
        info.value,
        f"content/kapitel/grundlagen.yml:{second[0]}:{second[1]}: bereich: ",
        "'anhang' ist nicht erlaubt",
    )


def test_every_unknown_key_of_a_mapping_is_reported(tmp_path):
    root = copy_content(tmp_path)
    first = break_file(root, "modelle/v7.yml", [after(r"name: .*", f"{MARK}farbe: grün")])
    second = break_file(root, "modelle/v7.yml", [after(r"farbe: grün", f"{MARK}form: rund")])
    with pytest.raises(ContentError) as info:
        load_content(root)
    assert_reported(info.value, f"content/modelle/v7.yml:{first[0]}:{first[1]}: farbe: ", "unbekanntes Feld")
    assert_reported(info.value, f"content/modelle/v7.yml:{second[0]}:{second[1]}: form: ", "unbekanntes Feld")


def test_non_text_keys_give_a_content_error_not_a_crash(tmp_path):
    """YAML reads '1:' (or 'yes:', 'on:') as non-text keys: report them, do not crash."""
    root = copy_content(tmp_path)
    line_no, _ = break_file(root, "modelle/v7.yml", [after(r"name: .*", f"{MARK}1: eins\nfoo: zwei")])
    with pytest.raises(ContentError) as info:
        load_content(root)
    lines = [i.line for i in info.value.issues if i.file == "content/modelle/v7.yml"]
    assert line_no in lines or line_no + 1 in lines, str(info.value)


def test_issue_text_matches_issue_fields(tmp_path):
    root = copy_content(tmp_path)
    line_no, col = break_file(root, "modelle/v7.yml", [line(r"id: v7", f"id: {MARK}V7")])
    with pytest.raises(ContentError) as info:
        load_content(root)
    issue = next(i for i in info.value.issues if i.field == "id")
    assert (issue.file, issue.line, issue.column) == ("content/modelle/v7.yml", line_no, col)
    assert str(issue) in str(info.value)


# --------------------------------------------------------------------------------------------
# The real content
# --------------------------------------------------------------------------------------------


def test_real_content_loads(real_content):
    assert [m.id for m in real_content.models] == MODEL_IDS
    assert [a.slug for a in real_content.aspects] == ASPECT_SLUGS
    assert real_content.chapters, "Kapitel fehlen"


def test_real_content_model_numbers_and_groups(real_content):
    for model in real_content.models:
        assert model.number.replace(" ", "").lower() == model.id
        assert model.group in ("ohne_personal", "mit_personal")
    assert [m.order for m in real_content.models] == sorted(m.order for m in real_content.models)
    assert len({m.order for m in real_content.models}) == 14, "reihenfolge ist eindeutig"


def test_real_content_chapters_match_files(real_content):
    files = sorted(p.stem for p in (CONTENT / "kapitel").glob("*.yml"))
    assert sorted(c.slug for c in real_content.chapters) == files
    assert real_content.chapters_in("leitfaden"), "Kapitel des Leitfadens fehlen"
    for chapter in real_content.chapters:
        assert chapter.sections and all(s.title and s.text for s in chapter.sections)
        assert chapter.source in real_content.sources


def test_real_content_aspects_cover_every_recommendation_once(real_content):
    fields = [f.field for a in real_content.aspects for f in a.fields]
    assert len(fields) == len(set(fields)) == 8
    for model in real_content.models:
        assert set(model.data["empfehlungen"]) == set(fields), model.id
    massnahmen = next(a for a in real_content.aspects if a.slug == "massnahmen")
    assert [f.field for f in massnahmen.fields] == ["massnahmen_innen", "massnahmen_aussen"]


def test_real_content_references_resolve(real_content):
    ids = {m.id for m in real_content.models}
    for model in real_content.models:
        assert set(model.develops_into) <= ids
        assert model.id not in model.develops_into
        assert model.data["quelle"] in real_content.sources
    variants = {m.id: [v["kennung"] for v in m.data.get("varianten", [])] for m in real_content.models}
    assert variants["v6a-c"] == ["V 6a", "V 6b", "V 6c"]
    assert variants["v6d-f"] == ["V 6d", "V 6e", "V 6f"]


def test_real_content_page_inputs_are_typed_from_rechner_yml(real_content):
    """The inputs the calculator and finder pages open with and the example Landkreis: typed values on
    ``Content``, read from content/rechner.yml (no defaults in code)."""
    raw = yaml.safe_load((CONTENT / "rechner.yml").read_text(encoding="utf-8"))
    given, comparison = raw["eingaben_standard"], raw["vergleich_standard"]
    defaults = real_content.calculator_defaults
    assert (defaults.model, defaults.inhabitants) == (given["modell"], given["einwohner"])
    assert defaults.municipalities == given.get("gemeinden")
    assert defaults.compare == tuple(comparison["modelle"])
    assert defaults.explanation == comparison["erlaeuterung"]
    keys = {m.id: m.calc_id for m in real_content.models}
    sent = defaults.form_input(keys)
    assert sent["model"] == keys[given["modell"]] and sent["compare"] == [keys[m] for m in comparison["modelle"]]
    finder = raw["finder"]["eingaben_standard"]
    expected = {field: finder[key] for field, key in INPUT_KEYS.items() if key in finder}
    assert real_content.finder_defaults.form_input() == expected
    example = raw["beispiel_landkreis"]
    assert real_content.example_landkreis == ExampleLandkreis(example["einwohner"], example["gemeinden"])


def test_whole_numbers_written_with_a_point_zero_are_read_as_whole(tmp_path):
    """YAML reads 50000.0 as a float; the schema accepts it as a whole number, the page shows 50000."""
    root = copy_content(tmp_path)
    path = root / "rechner.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  einwohner: 50000\n", "  einwohner: 50000.0\n"), encoding="utf-8")
    inhabitants = load_content(root).calculator_defaults.inhabitants
    assert inhabitants == 50000 and isinstance(inhabitants, int)


def test_content_is_frozen(real_content):
    with pytest.raises(AttributeError):
        real_content.models = ()  # type: ignore[misc]


# --------------------------------------------------------------------------------------------
# python -m guide check
# --------------------------------------------------------------------------------------------


def _check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "guide", "check", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_command_accepts_real_content():
    result = _check(str(CONTENT))
    assert result.returncode == 0, result.stderr
    assert "14 Modelle" in result.stdout and "7 Aspekte" in result.stdout


def test_check_command_reports_broken_copy(tmp_path):
    root = copy_content(tmp_path)
    line_no, col = break_file(
        root,
        "modelle/v7.yml",
        [line(r"    min_eur_je_einwohner: .*", f"    min_eur_je_einwohner: {MARK}fünf")],
    )
    result = _check(str(root))
    assert result.returncode == 1
    expected = (
        f"content/modelle/v7.yml:{line_no}:{col}: "
        "ausgangslage.budget_klimaschutz.min_eur_je_einwohner: 'fünf' ist kein Wert vom Typ Zahl"
    )
    assert expected in result.stderr
    assert "1 Fehler in" in result.stderr
    assert result.stdout == ""


def test_check_command_without_subcommand_is_usage_error():
    result = subprocess.run([sys.executable, "-m", "guide"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Aufruf" in result.stderr


def _marks(node: yaml.Node, out: list) -> list:
    plain = isinstance(node, yaml.ScalarNode) and not node.style  # style: PyYAML None, libyaml ""
    out.append((node.start_mark.line, node.start_mark.column, node.start_mark.index, node.end_mark.index, plain))
    children = node.value if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) else []
    for child in children:
        for part in child if isinstance(child, tuple) else (child,):
            _marks(part, out)
    return out


@pytest.mark.parametrize("path", sorted(CONTENT.rglob("*.yml")), ids=lambda p: str(p.relative_to(CONTENT)))
def test_libyaml_and_pyyaml_agree_on_every_position(path):
    """The loader parses valid files with libyaml (fast) and reports by those marks; they must be
    PyYAML's marks, which the error tests above pin down."""
    assert yaml.__with_libyaml__, "PyYAML without libyaml: the loader falls back to the slow parser"
    text = path.read_text(encoding="utf-8")
    fast = _marks(yaml.compose(text, Loader=yaml.CSafeLoader), [])
    slow = _marks(yaml.compose(text, Loader=yaml.SafeLoader), [])
    assert len(fast) > 10
    assert fast == slow
