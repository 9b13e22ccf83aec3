"""``estimate``: staff, budget, personnel cost and funding over the years for one model.

Rules: shared/design/calculator-rules.md; numbers: content/ via ``Parameters``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from calc import fmt
from calc.errors import InputError
from calc.inputs import choice, decimal_number, flag, model_key, reject_unknown, require_object, whole_number
from calc.params import ModelParams, Parameters

FIELDS = ("model", "inhabitants", "municipalities", "cost_per_fte", "funding", "financially_weak", "years")
MAX_INHABITANTS = 10_000_000


@dataclass(frozen=True)
class EstimateInput:
    model: str
    inhabitants: int
    municipalities: int | None
    cost_per_fte: float
    funding: str
    financially_weak: bool
    years: int


@dataclass(frozen=True)
class Fte:
    minimum: float
    guidance: float | None
    recommended: float
    rule: str


@dataclass(frozen=True)
class Budget:
    min: int
    max: int | None
    open_ended: bool


@dataclass(frozen=True)
class Year:
    year: int
    phase: str
    rate: float
    personnel: int
    funding: int
    own_share: int
    budget_min: int


@dataclass(frozen=True)
class EstimateResult:
    model: str
    model_name: str
    inputs: EstimateInput
    fte: Fte
    budget_eur_per_year: Budget
    personnel_eur_per_year: int
    projection: tuple[Year, ...]
    warnings: tuple[str, ...]
    sources: tuple[str, ...]

    def to_dict(self) -> dict:
        data = asdict(self)
        data["projection"] = list(data["projection"])
        data["warnings"] = list(self.warnings)
        data["sources"] = list(self.sources)
        return data


def parse_estimate_input(raw: object, params: Parameters) -> EstimateInput:
    """Check every field of the raw JSON input; raise ``InputError`` on the first bad one."""
    raw = require_object(raw)
    reject_unknown(raw, FIELDS)
    key = model_key(raw, "model", tuple(params.models))
    inhabitants = whole_number(raw, "inhabitants", "Die Einwohnerzahl", 1, MAX_INHABITANTS, required=True)
    needs_municipalities = params.models[key].guide == "gemeinden"
    municipalities = whole_number(
        raw, "municipalities", "Die Zahl der Gemeinden", 1, 1000, required=needs_municipalities
    )
    cost = decimal_number(
        raw,
        "cost_per_fte",
        "Die Kosten je Vollzeitstelle",
        params.cost_min,
        params.cost_max,
        default=params.cost_default,
    )
    ways = {key: way.name for key, way in params.funding.items()}
    funding = choice(raw, "funding", "Der Förderweg", ways, default="none")
    weak = flag(raw, "financially_weak", "finanzschwache Kommune")
    years = whole_number(raw, "years", "Die Zahl der Jahre", 1, 20, default=8)
    return EstimateInput(key, inhabitants, municipalities, cost, funding, weak, years)


def estimate(inp: EstimateInput, params: Parameters) -> EstimateResult:
    model = params.models[inp.model]
    staff = _fte(inp, model, params)
    budget = _budget(inp.inhabitants, model)
    personnel = round(staff.recommended * inp.cost_per_fte)
    projection = tuple(_projection(inp, personnel, budget.min, params))
    return EstimateResult(
        model=model.key,
        model_name=model.name,
        inputs=inp,
        fte=staff,
        budget_eur_per_year=budget,
        personnel_eur_per_year=personnel,
        projection=projection,
        warnings=tuple(_warnings(inp, model, params)),
        sources=tuple(_sources(inp, model, params)),
    )


def estimate_raw(raw: object, params: Parameters) -> dict:
    """JSON in, JSON out; raises ``InputError``."""
    return estimate(parse_estimate_input(raw, params), params).to_dict()


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


def steps_per_post(step: float) -> int:
    """0.5 -> 2: posts are counted in whole steps (the raster must divide one post)."""
    count = round(1 / step)
    if count < 1 or abs(count * step - 1) > 1e-9:
        raise ValueError(f"stellenraster {step} teilt eine Stelle nicht in gleiche Teile")
    return count


def round_up_to_step(numerator: int, denominator: int, step: float) -> float:
    """numerator/denominator posts rounded up to the next step, exactly: 2.4 -> 2.5, 2.0 -> 2.0.

    Integer arithmetic instead of ``fractions`` keeps the worker's start-up short (the module
    costs about 50 ms to import in Pyodide).
    """
    per_post = steps_per_post(step)
    return -(-numerator * per_post // denominator) / per_post


def _fte(inp: EstimateInput, model: ModelParams, params: Parameters) -> Fte:
    if model.guide == "einwohner":
        ratio = (inp.inhabitants, params.inhabitants_per_fte)
        rule = (
            f"Richtwert: 1 Stelle je {fmt.number(params.inhabitants_per_fte)} Einwohnerinnen und Einwohner "
            f"({fmt.number(inp.inhabitants)} ÷ {fmt.number(params.inhabitants_per_fte)})"
        )
    elif model.guide == "gemeinden":
        ratio = (inp.municipalities or 0, params.municipalities_per_fte)
        rule = (
            f"Richtwert: mindestens 1 Stelle je {params.municipalities_per_fte} Gemeinden "
            f"({fmt.number(inp.municipalities or 0)} ÷ {params.municipalities_per_fte})"
        )
    else:
        ratio = None
        rule = (
            "Kein Richtwert nach Einwohnern oder Gemeinden: es zählt nur das Mindestpersonal des Steckbriefs"
            if model.min_fte > 0
            else "Kein Richtwert: das Modell kommt ohne eigenes Klimaschutzpersonal aus"
        )
    minimum = _minimum_units(model.min_fte, params.fte_step)
    guided = 0.0 if ratio is None else round_up_to_step(*ratio, params.fte_step)
    recommended = max(minimum, guided)  # ceil(max(a, b)) == max(ceil(a), ceil(b))
    rule += (
        f"; Empfehlung = größerer Wert aus Mindestpersonal und Richtwert, aufgerundet auf {fmt.fte(params.fte_step)}"
    )
    guide_value = None if ratio is None else round(ratio[0] / ratio[1], 2)
    return Fte(float(model.min_fte), guide_value, recommended, rule)


def _minimum_units(min_fte: float, step: float) -> float:
    """The Steckbrief's minimum on the raster (0.5 stays 0.5; a minimum between steps rounds up)."""
    per_post = steps_per_post(step)
    return math.ceil(round(min_fte * per_post, 9)) / per_post


def _budget(inhabitants: int, model: ModelParams) -> Budget:
    band = model.budget
    high = None if band.max is None else round(band.max * inhabitants)
    return Budget(round(band.min * inhabitants), high, band.open_ended)


def _projection(inp: EstimateInput, personnel: int, budget_min: int, params: Parameters):
    schedule = [
        (phase, phase.rate_weak if inp.financially_weak else phase.rate)
        for phase in params.funding[inp.funding].phases
        for _ in range(phase.years)
    ]
    after = "Eigenfinanzierung" if schedule else "Ohne Förderung"
    for year in range(1, inp.years + 1):
        phase, rate = schedule[year - 1] if year <= len(schedule) else (None, 0.0)
        funding = round(personnel * rate)
        yield Year(year, phase.name if phase else after, rate, personnel, funding, personnel - funding, budget_min)


def _warnings(inp: EstimateInput, model: ModelParams, params: Parameters) -> list[str]:
    warnings = []
    size = model.size
    too_small = size.min is not None and inp.inhabitants < size.min
    too_large = size.max is not None and inp.inhabitants > size.max
    if model.key == "V3" and too_large:
        warnings.append(
            f"{model.number} ist für kleine Gemeinden gedacht, die vom Klimaschutzmanagement des "
            f"Landkreises betreut werden; bei {fmt.inhabitants(inp.inhabitants)} ist ein eigenes "
            f"Klimaschutzmanagement angebracht."
        )
    elif too_small or too_large:
        warnings.append(
            f"Mit {fmt.inhabitants(inp.inhabitants)} liegt die Kommune außerhalb der Größe, für die "
            f"der Steckbrief {model.number} das Modell empfiehlt ({fmt.inline(size.label)})."
        )
    if "landkreis" in size.kinds and "gemeinde" not in size.kinds and inp.municipalities == 1:
        warnings.append(
            f"{model.number} ist für Landkreise gedacht; bei nur einer Gemeinde passt ein Modell für Gemeinden besser."
        )
    way = params.funding[inp.funding]
    if way.models is not None and model.id not in way.models:
        warnings.append(
            f"Der Förderweg „{way.name}“ passt nicht zu {model.number} ({model.name}); "
            f"die Förderprojektion ist deshalb nur ein Rechenbeispiel."
        )
    if way.phases and inp.years <= sum(p.years for p in way.phases):
        warnings.append(
            "Der Zeitraum endet, bevor die Förderung ausläuft; verlängern Sie ihn, um die Jahre der "
            "vollen Eigenfinanzierung zu sehen."
        )
    return warnings


def _sources(inp: EstimateInput, model: ModelParams, params: Parameters) -> list[str]:
    sources = [f"{model.source} – Steckbrief {model.number}", params.cost_source]
    for phase in params.funding[inp.funding].phases:
        entries = [f"{phase.basis} (Stand {phase.stand}, {phase.confidence})"]
        if inp.financially_weak and phase.weak_basis:
            entries.append(f"Quote für finanzschwache Kommunen: {phase.weak_basis} ({phase.weak_confidence})")
        sources.extend(entry for entry in entries if entry not in sources)
    return sources


__all__ = [
    "EstimateInput",
    "EstimateResult",
    "InputError",
    "estimate",
    "estimate_raw",
    "parse_estimate_input",
    "round_up_to_step",
]
