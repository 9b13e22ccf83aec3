"""Data derived from the loaded content for other consumers: calc parameters and open data."""

from __future__ import annotations

from guide.loader import Content, Model
from guide.urls import CALCULATOR_DOC, doc_url, model_doc


def calc_parameters(content: Content) -> dict:
    """JSON-friendly parameters for ``calc.params.Parameters.from_dict``."""
    calc = content.calculator
    cost = calc["kosten_je_stelle"]
    guide = calc["richtwerte"]
    return {
        "models": {m.calc_id: _model(m, content) for m in content.models},
        "guide": {
            "inhabitants_per_fte": guide["einwohner_je_stelle"],
            "municipalities_per_fte": guide["gemeinden_je_stelle"],
            "step": guide["stellenraster"],
        },
        "cost_per_fte": {
            "default": cost["standard"],
            "min": cost["min"],
            "max": cost["max"],
            "source": f"{content.sources[cost['quelle']].citation} (Stand {cost['stand']})",
        },
        "funding": [_funding(way, content) for way in calc["foerderwege"]],
        "funding_notice": calc["hinweis_foerderung"],
        "finder": {"size_tolerance": calc["finder"]["groessentoleranz"]},
        "urls": {"calculator": doc_url(CALCULATOR_DOC)},
    }


def _model(m: Model, content: Content) -> dict:
    start = m.data["ausgangslage"]
    size, staff, budget = start["kommunengroesse"], start["budget_personal"], start["budget_klimaschutz"]
    return {
        "id": m.id,
        "number": m.number,
        "name": m.name,
        "order": m.order,
        "min_fte": staff["min_stellen"],
        "guide": staff["richtwert"],
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
        },
        "history": _span(start["historie"]),
        "relevance": _span(start["relevanz"]),
        "stage": m.data["eigenschaften"]["verstetigungsgrad"]["stufe"],
        "url": doc_url(model_doc(m.id)),
        "source": content.sources[m.data["quelle"]].citation,
    }


def _span(span: dict) -> dict:
    return {"low": span["von"], "high": span["bis"], "label": span["wert"]}


def _funding(way: dict, content: Content) -> dict:
    def weak_origin(phase: dict) -> dict:
        origin = phase.get("quote_finanzschwach_herkunft")
        if origin is None:
            return {}
        return {"weak_basis": content.sources[origin["quelle"]].citation, "weak_confidence": origin["gesichert"]}

    return {
        "id": way["id"],
        "name": way["name"],
        "models": None if way["modelle"] == "alle" else way["modelle"],
        "phases": [
            {
                "name": p["name"],
                "years": p["jahre"],
                "rate": p["quote"],
                "rate_weak": p["quote_finanzschwach"],
                "basis": p["rechtsgrundlage"],
                "stand": p["stand"],
                "confidence": p["gesichert"],
                **weak_origin(p),
            }
            for p in way["phasen"]
        ],
    }
