"""``compare``: the same inputs for two to four models, each result exactly what ``estimate`` gives.

Contract: shared/design/decision-tool.md §4.
"""

from __future__ import annotations

from calc.errors import InputError
from calc.estimate import FIELDS, estimate, parse_estimate_input
from calc.inputs import model_key, reject_unknown, require_object
from calc.limits import MODELS_TO_COMPARE
from calc.params import Parameters

COMPARE_FIELDS = tuple("models" if field == "model" else field for field in FIELDS)


def compare_models(raw: object, params: Parameters) -> list[str]:
    """The model keys of ``raw["models"]``: 2 to 4 distinct known models, as written in any case."""
    low, high = MODELS_TO_COMPARE
    value = raw.get("models")
    wanted = f"Bitte wählen Sie {low} bis {high} verschiedene Modelle zum Vergleich"
    if not isinstance(value, list) or not low <= len(value) <= high:
        raise InputError("models", f'{wanted}, z. B. ["V7", "V10"].')
    keys = [model_key({"models": item}, "models", params.models) for item in value]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        names = ", ".join(params.models[key].number for key in repeated)
        verb = "steht" if len(repeated) == 1 else "stehen"
        raise InputError("models", f"{wanted}; {names} {verb} mehrfach in der Liste.")
    return keys


def compare_raw(raw: object, params: Parameters) -> dict:
    """JSON in, JSON out: ``{"results": [estimate output per model], "warnings": [...]}``."""
    raw = require_object(raw)
    reject_unknown(raw, COMPARE_FIELDS)
    keys = compare_models(raw, params)
    results = []
    for key in keys:
        single = {name: value for name, value in raw.items() if name != "models"} | {"model": key}
        inp = parse_estimate_input(single, params)
        results.append(estimate(inp, params).to_dict())
    return {"results": results, "warnings": _warnings(keys, params)}


def _warnings(keys: list[str], params: Parameters) -> list[str]:
    models = [params.models[key] for key in keys]
    county_only = [m.number for m in models if m.size.county_only]
    town_only = [m.number for m in models if m.size.towns_only]
    if county_only and town_only:
        return [
            f"Der Vergleich mischt Modelle für Landkreise ({', '.join(county_only)}) mit Modellen für Gemeinden "
            f"({', '.join(town_only)}); es kann nur eine der beiden Gruppen zu Ihrer Kommune passen."
        ]
    return []


def funding_ends(results: list[dict]) -> bool:
    """Some compared model's funding ends within the period: a comparison's own-share column and chart
    are then about the year after funding, else about the first year."""
    return any(r["after_funding"] for r in results)


def comparison_columns(texts: dict, ends: bool) -> list[str]:
    """The column heads of a comparison (content/vorlage.yml, alternativen), on the page as in the
    council paper: the own-share column names the year it shows (``funding_ends``)."""
    heads = list(texts["spalten"])
    heads[3] = heads[3] if ends else texts["spalte_erstes_jahr"]
    return heads


def other_warnings(results: list[dict]) -> list[tuple[str, list[tuple[int, int]]]]:
    """The warnings of the compared models after the first (whose full result shows its own): each
    text once, with the (model, warning) indexes that give it, in the order they first come."""
    found: dict[str, list[tuple[int, int]]] = {}
    for i, result in enumerate(results[1:], start=1):
        for j, text in enumerate(result["warnings"]):
            found.setdefault(text, []).append((i, j))
    return list(found.items())


__all__ = ["COMPARE_FIELDS", "compare_models", "comparison_columns", "compare_raw", "funding_ends", "other_warnings"]
