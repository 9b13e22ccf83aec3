"""Data derived from the loaded content for other consumers: the calculator's parameters
(``calc_parameters``, ``draft_parameters``) and the open data under /daten/ (``data_files``)."""

from __future__ import annotations

import csv
import io
import json
import posixpath

from guide.content import Content, Model
from guide.schema_messages import SCHEMA_DIR
from guide.urls import CALCULATOR, DATA, chapter_doc, doc_url, model_doc


def calc_parameters(content: Content) -> dict:
    """JSON-friendly parameters for ``calc.params.Parameters.from_dict``."""
    calc = content.calculator
    guide = calc["richtwerte"]
    notes, too_large = calc["modellhinweise"], calc["zu_gross"]
    return {
        "models": {m.calc_id: _model(m, content, notes.get(m.id), too_large.get(m.id)) for m in content.models},
        "guide": {
            "inhabitants_per_fte": guide["einwohner_je_stelle"],
            "municipalities_per_fte": guide["gemeinden_je_stelle"],
            "inhabitants_from": content.model(guide["einwohner_steckbrief"]).calc_id,
            "municipalities_from": content.model(guide["gemeinden_steckbrief"]).calc_id,
            "step": guide["stellenraster"],
        },
        "defaults": {
            "cost_per_fte": {
                "value": cost_per_fte(calc["kosten_je_stelle"]),
                "source": _cited(calc["kosten_je_stelle"], content),
            },
            "pay_rise": _default(calc["tarifsteigerung"], content),
            "workplace_cost": _default(calc["arbeitsplatzkosten"], content),
            "first_year": first_year(calc["stand"]),
        },
        "funding": [_way(way, content) for way in calc["foerderwege"]],
        "rules": [_rules(r, content) for r in calc["regelwerke"]],
        "default_rules": calc["regelwerk_standard"],
        "funding_notice": calc["hinweis_foerderung"],
        "land_notice": " ".join(rule["text"] for rule in calc["laenderregeln"]),
        "finder": {
            "size_tolerance": calc["finder"]["groessentoleranz"],
            "start_advice": _advice(calc["finder"]["einstieg"], content),
        },
        "urls": {"calculator": doc_url(CALCULATOR.doc)},
        "vorlage": draft_parameters(content),
    }


def monthly_pay(cost: dict, group: str, step: int) -> float:
    table = {row["gruppe"]: row["stufen"] for row in cost["entgelte"]}
    return table[group][step - 1]


def yearly_cost(cost: dict, monthly: float) -> float:
    """Employer cost of a full post a year: twelve months, the annual special payment, contributions."""
    return monthly * (12 + cost["jahressonderzahlung"]) * (1 + cost["arbeitgeberanteil"])


def cost_per_fte(cost: dict) -> int:
    """The default cost per post: the yearly cost of the content's pay group and step, rounded."""
    exact = yearly_cost(cost, monthly_pay(cost, cost["gruppe"], cost["stufe"]))
    return round(exact / cost["rundung"]) * cost["rundung"]


def first_year(stand: str) -> int:
    """'November 2026' -> 2026: the default first year of the projection (no clock, deterministic)."""
    years = [int(word) for word in stand.replace(".", " ").split() if word.isdigit() and len(word) == 4]
    if not years:
        raise ValueError(f"stand {stand!r} nennt kein Jahr")
    return years[-1]


def _cited(entry: dict, content: Content) -> str:
    source = content.sources[entry["quelle"]]
    stand = entry.get("stand") or source.stand
    return f"{source.citation.rstrip('.')} (Stand {stand})" if stand else source.citation


def _default(entry: dict, content: Content) -> dict:
    return {"value": entry["standard"], "source": _cited(entry, content)}


def _model(m: Model, content: Content, note: str | None, too_large: str | None) -> dict:
    start = m.data["ausgangslage"]
    size, staff, budget = start["kommunengroesse"], start["budget_personal"], start["budget_klimaschutz"]
    return {
        "id": m.id,
        "number": m.number,
        "name": m.name,
        "order": m.order,
        "min_fte": staff["min_stellen"],
        "richtwert": staff["richtwert"],
        "budget": {
            "min": budget["min_eur_je_einwohner"],
            "max": budget["max_eur_je_einwohner"],
            "open_ended": budget["offen"],
            "label": budget["wert"],
        },
        "size": {
            "min": size["min_einwohner"],
            "max": size["max_einwohner"],
            "circa": size["circa"],
            "kinds": size["arten"],
            "label": size["wert"],
            "kind_notes": [_kind_note(note) for note in size.get("arten_hinweise", [])],
        },
        "history": _span(start["historie"]),
        "relevance": _span(start["relevanz"]),
        "stage": m.data["eigenschaften"]["verstetigungsgrad"]["stufe"],
        "stage_label": m.data["eigenschaften"]["verstetigungsgrad"]["wert"],
        "url": doc_url(model_doc(m.id)),
        "source": content.sources[m.data["quelle"]].citation,
        **({"note": note} if note else {}),
        **({"too_large": too_large} if too_large else {}),
    }


def _advice(advice: dict, content: Content) -> dict:
    title = next(ch.title for ch in content.chapters if ch.slug == advice["kapitel"])
    return {"text": advice["text"], "url": doc_url(chapter_doc(advice["kapitel"])), "title": title}


def _kind_note(note: dict) -> dict:
    return {
        "kind": note["art"],
        "expedient": note["eignung"] == "geeignet",
        "size_applies": note.get("groessenbereich", True),
        "text": note["hinweis"],
    }


def _span(span: dict) -> dict:
    return {"low": span["von"], "high": span["bis"], "label": span["wert"]}


def _way(way: dict, content: Content) -> dict:
    data = {"id": way["id"], "name": way["name"], "models": None if way["modelle"] == "alle" else way["modelle"]}
    if "hinweis" in way:
        data["note"] = way["hinweis"]
    if "kapitel" in way:
        data["note_url"] = doc_url(chapter_doc(way["kapitel"]))
        data["note_title"] = next(ch.title for ch in content.chapters if ch.slug == way["kapitel"])
    return data


def _rules(rules: dict, content: Content) -> dict:
    return {
        "id": rules["id"],
        "name": rules["name"],
        "valid": rules["gilt"],
        "note": rules.get("hinweis"),
        "phases": {way: [_phase(p, content) for p in phases] for way, phases in rules["phasen"].items()},
    }


def _phase(p: dict, content: Content) -> dict:
    phase = {
        "name": p["name"],
        "years": p["jahre"],
        "rate": p["quote"],
        "rate_weak": p["quote_finanzschwach"],
        "section": p["nr"],
        "basis": content.sources[p["quelle"]].citation,
        "stand": p["stand"],
        "confidence": p["gesichert"],
    }
    if "pauschale_je_stelle" in p:
        phase["flat_per_fte"] = p["pauschale_je_stelle"]
    if "max_stellen" in p:
        phase["max_fte"] = p["max_stellen"]
    origin = p.get("quote_finanzschwach_herkunft")
    if origin:
        phase["weak_basis"] = content.sources[origin["quelle"]].citation
        phase["weak_confidence"] = origin["gesichert"]
    return phase


def draft_parameters(content: Content) -> dict:
    """What ``calc.vorlage`` needs for the council paper draft: its text (content/vorlage.yml), the
    data Stand, the source of its arguments and, per model, the Steckbrief parts it quotes."""
    return {
        "text": {key: value for key, value in content.draft.items() if key != "quelle"},
        "stand": content.calculator["stand"],
        "quelle": content.sources[content.draft["quelle"]].citation,
        "modelle": {
            m.calc_id: {
                "kurzbeschreibung": m.data["kurzbeschreibung"],
                "vorteile": m.data["vorteile"],
                "nachteile": m.data["nachteile"],
            }
            for m in content.models
        },
    }


# --------------------------------------------------------------------------------------------
# Open data (/daten/)
# --------------------------------------------------------------------------------------------


def data_files(content: Content) -> dict[str, str]:
    """Open data files next to the page /daten/: JSON exports, CSV overview and the schemas."""
    folder = posixpath.dirname(DATA.doc)

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"

    files = {
        f"{folder}/modelle.json": dump([m.data for m in content.models]),
        f"{folder}/aspekte.json": dump(
            {"quelle": content.aspects_source, "aspekte": [_aspect_dict(a) for a in content.aspects]}
        ),
        f"{folder}/aufgaben.json": dump(content.tasks),
        f"{folder}/rechner.json": dump(content.calculator),
        f"{folder}/quellen.json": dump({"quellen": [_source_dict(s) for s in content.sources.values()]}),
        f"{folder}/glossar.json": dump({"begriffe": [_term_dict(t) for t in content.glossary]}),
        f"{folder}/modelle.csv": models_csv(content),
    }
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        files[f"{folder}/schema/{schema.name}"] = schema.read_text(encoding="utf-8")
    return files


def _source_dict(source) -> dict:
    data = {"id": source.id, "zitat": source.citation, "beschreibung": source.description, "art": source.kind}
    return data | ({"stand": source.stand} if source.stand else {})


def _term_dict(term) -> dict:
    data = {"begriff": term.term, "erklaerung": term.explanation, "quelle": term.source}
    return (
        data
        | ({"abkuerzung": term.abbreviation} if term.abbreviation else {})
        | ({"mehr": term.more} if term.more else {})
    )


def _aspect_dict(aspect) -> dict:
    return {
        "slug": aspect.slug,
        "titel": aspect.title,
        "einleitung": aspect.intro,
        "felder": [{"feld": f.field, "titel": f.title} for f in aspect.fields],
    }


CSV_COLUMNS = (
    "id",
    "nummer",
    "name",
    "gruppe",
    "min_einwohner",
    "max_einwohner",
    "arten",
    "min_stellen",
    "budget_min_eur_je_ew",
    "budget_max_eur_je_ew",
    "budget_offen",
    "verstetigungsgrad",
)


def models_csv(content: Content) -> str:
    """Model overview for spreadsheets: ';' separated, UTF-8 with BOM, German decimal comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in content.models:
        start = m.data["ausgangslage"]
        size, budget = start["kommunengroesse"], start["budget_klimaschutz"]
        writer.writerow(
            [
                m.id,
                m.number,
                m.name,
                m.group,
                _csv(size["min_einwohner"]),
                _csv(size["max_einwohner"]),
                ",".join(size["arten"]),
                _csv(start["budget_personal"]["min_stellen"]),
                _csv(budget["min_eur_je_einwohner"]),
                _csv(budget["max_eur_je_einwohner"]),
                "ja" if budget["offen"] else "nein",
                m.data["eigenschaften"]["verstetigungsgrad"]["stufe"],
            ]
        )
    return "\ufeff" + buffer.getvalue()


def _csv(value) -> str:
    if value is None:
        return ""
    return str(value).replace(".", ",")
