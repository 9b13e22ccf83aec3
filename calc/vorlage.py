"""``vorlage``: a draft council paper (Beschlussvorlage) as ODT or DOCX.

Contract: shared/design/decision-tool.md §5. The input is that of ``estimate`` or ``compare`` plus
``kommune``, ``gremium`` and ``format`` (``odt`` | ``docx``); the text comes from
content/vorlage.yml through the parameters, every number from ``estimate``, written by ``calc.fmt``.

``vorlage_document(raw, p)``  the draft as ``Document(filename, media_type, data)``; ``InputError``
                              naming the field on bad input (``Document.to_dict``: JSON, bytes as base64)

This module writes the draft's words and numbers as blocks; ``calc.office`` writes the blocks as a
file, the same input giving the same bytes on CPython and in Pyodide. ``calc.office`` imports
ElementTree, which costs 150–600 ms in Pyodide (measured under Node), so ``calc.api`` imports this
module only when a draft is asked for.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass

from calc import fmt, limits, office, render
from calc.compare import COMPARE_FIELDS, compare_raw, comparison_columns, funding_ends, other_warnings
from calc.errors import InputError
from calc.estimate import FIELDS, estimate_raw
from calc.inputs import choice, reject_unknown, require_object
from calc.office import Heading, Items, Paragraph, Run, Runs, Table, cell, clean_text
from calc.params import VERIFIED, Parameters, Phase

FORMATS = {"odt": "ODT (LibreOffice)", "docx": "DOCX (Word)"}  # the choices, as a reader reads them
VORLAGE_FIELDS = ("kommune", "gremium", "format")
# The names content/vorlage.yml may use in braces (the loader checks them).
PLACEHOLDERS = frozenset(
    "stand kommune gremium modell modell_name stellen jahr jahr_bis jahr_eigen letztes_foerderjahr "
    "einwohner gemeinden regel budget budget_steckbrief kosten_je_stelle tarifsteigerung "
    "arbeitsplatzkosten foerderphasen regelwerk foerderung_gesamt eigenanteil_danach anstieg je_einwohner "
    "betrag quelle finanzlage foerderquoten gefoerderte_stellen".split()
)
PLACEHOLDER = re.compile(r"\{(\w+)\}")
_TOKEN = re.compile(r"\{(\w+)\}|\[[^\]]*\]")  # a placeholder or a gap to fill in
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
    kind = choice(raw, "format", "Das Dateiformat", FORMATS)
    kommune, gremium = _text(raw, "kommune"), _text(raw, "gremium")
    calc_input = {key: value for key, value in raw.items() if key not in VORLAGE_FIELDS}
    if "models" in raw:
        answer = compare_raw(calc_input, params)
    else:
        answer = {"results": [estimate_raw(calc_input, params)], "warnings": []}
    texts = params.vorlage["text"]
    chosen = answer["results"][0]
    blocks = _draft(answer, params, kommune, gremium or _default_body(chosen, params))
    title = f"{texts['dokument']['titel']}: {_plain(_fill(_subject(texts, chosen), _values(chosen, params, {})))}"
    data = office.write(kind, blocks, title, texts)
    filename = f"{texts['dokument']['dateiname']}-{params.models[chosen['model']].id}.{kind}"
    return Document(filename, office.MEDIA_TYPES[kind], data)


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
        "einwohner": fmt.residents(inputs["inhabitants"], dative=True),
        "gemeinden": fmt.municipalities(inputs["municipalities"] or 0),
        "regel": result["fte"]["rule"],
        "budget": fmt.euro(result["budget_eur_per_year"]["min"]),
        "budget_steckbrief": fmt.NO_BUDGET if model.budget.none_needed else fmt.inline(model.budget.label),
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
        texts = params.vorlage["text"]["finanzen"]
        values["finanzlage"] = texts["finanzlage"]["schwach" if inputs["financially_weak"] else "nicht_schwach"]
        values["foerderquoten"] = " und ".join(_rate_texts(result, params))
        values["gefoerderte_stellen"] = fmt.fte(inputs["funded_fte"])
    if after:
        values["jahr_eigen"] = str(after["calendar_year"])
        values["eigenanteil_danach"] = fmt.euro(after["own_share"])
        values["anstieg"] = fmt.euro(after["increase"])
        values["je_einwohner"] = fmt.cents(after["per_inhabitant"])
    return values | extra


def _has_posts(result: dict) -> bool:
    """Whether the model has posts of its own (V 1 to V 4 have none): subject, reasons, assumptions and
    the alternative read differently without them."""
    return result["fte"]["recommended"] > 0


def _subject(texts: dict, result: dict) -> str:
    """The Betreff: a model without posts (V 1 to V 4) is no continuation of a post."""
    return texts["betreff"]["text" if _has_posts(result) else "text_ohne_stellen"]


def _funded_phases(result: dict, params: Parameters) -> list[tuple[Phase, float]]:
    """The phases of the funding line that fund a year of the projection, with the rate applied."""
    phases = {p.name: p for p in params.phases(result["inputs"]["rules"], result["inputs"]["funding"])}
    rates = {row["phase"]: row["rate"] for row in result["projection"] if row["funding"] > 0}
    return [(phases[name], rate) for name, rate in rates.items()]


def _rate_texts(result: dict, params: Parameters) -> list[str]:
    """'Anschlussvorhaben 40 % nach Nr. 4.1.8 b) (Sekundärquelle)' for each funded phase."""
    weak = result["inputs"]["financially_weak"]
    return [
        f"{phase.name} {fmt.percent(rate)} nach {phase.section} ({phase.confidence_of(weak)})"
        for phase, rate in _funded_phases(result, params)
    ]


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
    posts = _has_posts(chosen)
    points = decision["mit_stellen" if posts else "ohne_stellen"]
    if not posts and params.models[chosen["model"]].budget.none_needed:  # V 1, V 4: no "mindestens 0 €"
        points = [decision["ohne_budget"] if "{budget}" in point else point for point in points]
    order = texts["beratungsfolge"]
    return [
        Paragraph(fill(doc["entwurf"]), "draft"),
        Heading(1, doc["titel"]),
        Table((4.0, 13.0), None, head, (False, False)),
        Heading(2, texts["betreff"]["titel"]),
        Paragraph(fill(_subject(texts, chosen))),
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
        (labels["verstetigung"], model.stage_label),
    )
    posts = _has_posts(result)
    reasons = [fill(point) for point in texts["gruende"]["punkte" if posts else "punkte_ohne_stellen"]]
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
        (cell(str(y["calendar_year"])), cell(y["phase"]), *(cell(fmt.euro(y[key])) for key in YEAR_COLUMNS[2:]))
        for y in result["projection"]
    ]
    sums = tuple(cell(fmt.euro(result["totals"][key]), "strong") for key in YEAR_COLUMNS[2:])
    rows.append((cell(texts["summe"], "strong"), ()) + sums)
    notes = [*result["warnings"], *compare_warnings, *result["notes"]]
    notes = [_for_administration(note, params) if note == params.land_notice else ((note, ""),) for note in notes]
    return [
        Heading(2, texts["titel"]),
        Paragraph(fill(_assumptions(result, params))),
        *_funding_assumptions(result, params, fill),
        Paragraph(fill(texts["tabelle"]), "caption"),
        Table(YEAR_WIDTHS, tuple(labels[key] for key in YEAR_COLUMNS), tuple(rows), (False, False) + (True,) * 6),
        *([Paragraph(fill(texts["nach_foerderung"]))] if result["after_funding"] else []),
        Paragraph(fill(texts["haushalt"])),
        *([Paragraph(fill(texts["hinweise"])), Items(tuple(notes))] if notes else []),
    ]


def _assumptions(result: dict, params: Parameters) -> str:
    """What the overview assumes; where the cost per post is the calculator's default, that it is an
    estimate to check."""
    texts = params.vorlage["text"]["finanzen"]
    if not _has_posts(result):
        return texts["annahmen_ohne_stellen"]
    default = result["inputs"]["cost_per_fte"] == params.cost_per_fte.value
    return texts["annahmen"] + (" " + texts["kosten_standard"] if default else "")


def _funding_assumptions(result: dict, params: Parameters, fill) -> list:
    """How the funding is computed (rules, rates, sections), and a check to make where a rate is not
    taken from the checked legal text; nothing without funding."""
    phases = _funded_phases(result, params)
    if not phases:
        return []
    texts = params.vorlage["text"]["finanzen"]
    weak = result["inputs"]["financially_weak"]
    unchecked = any(phase.confidence_of(weak) != VERIFIED for phase, _ in phases)
    note = params.rules[result["inputs"]["rules"]].note  # what the rates leave out, e.g. flat amounts
    return [
        Paragraph(fill(texts["annahmen_foerderung"] + (" " + texts["foerderung_ungeprueft"] if unchecked else ""))),
        *([Paragraph(_for_administration(note, params))] if note else []),
    ]


def _for_administration(text: str, params: Parameters) -> Runs:
    """A notice of the calculator that asks the reader to check something ('Prüfen Sie …'): it speaks to
    the administration, not to the council, so the paper shows it as a gap to delete before sending."""
    return ((f"[{params.vorlage['text']['dokument']['hinweis_verwaltung']} {text}]", "gap"),)


def _alternatives(results: list[dict], params: Parameters, fill) -> list:
    texts = params.vorlage["text"]["alternativen"]
    blocks: list = [Heading(2, texts["titel"])]
    if len(results) > 1:
        ends = funding_ends(results)
        rows = tuple(_alternative_row(r, params, texts, ends) for r in results)
        widths = (4.0, 1.5, 2.9, 3.0, 2.7, 2.9)
        blocks += [
            Paragraph(fill(texts["vergleich"])),
            Table(widths, tuple(comparison_columns(texts, ends)), rows, (False,) + (True,) * 4 + (False,)),
        ]
        others = [
            ((", ".join(params.models[results[i]["model"]].number for i, _ in places) + ": ", "strong"), (text, ""))
            for text, places in other_warnings(results)
        ]
        if others:
            blocks += [Paragraph(fill(texts["hinweise_weitere"])), Items(tuple(others))]
    blocks.append(Paragraph(fill(texts["verzicht" if _has_posts(results[0]) else "verzicht_ohne_stellen"])))
    if len(results) == 1:
        blocks.append(Paragraph(fill(texts["weitere"])))
    return blocks


def _alternative_row(result: dict, params: Parameters, texts: dict, ends: bool) -> tuple[Runs, ...]:
    model = params.models[result["model"]]
    after, first = result["after_funding"], result["projection"][0]
    if after:
        own = _fill(texts["ab_jahr"], {"betrag": fmt.euro(after["own_share"]), "jahr": str(after["calendar_year"])})
    else:
        text = texts["ohne_ende"] if ends else texts["im_jahr"]
        own = _fill(text, {"betrag": fmt.euro(first["own_share"]), "jahr": str(first["calendar_year"])})
    cells = (
        f"{model.number} – {model.name}",
        fmt.fte(result["fte"]["recommended"]),
        fmt.euro(result["personnel_eur_per_year"]),
    )
    rest = (render.budget_text(result["budget_eur_per_year"]), model.stage_label)  # the band, as on the page
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
        Paragraph(_for_administration(params.funding_notice, params)),
    ]


__all__ = ["FORMATS", "PLACEHOLDERS", "Document", "clean_text", "vorlage_document"]
