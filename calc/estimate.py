"""``estimate``: staff, budget, personnel cost and funding over the years for one model.

Rules: shared/design/calculator-rules.md; numbers: content/ via ``Parameters``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from calc import fmt, limits
from calc.errors import InputError
from calc.inputs import bounded, choice, flag, model_key, reject_unknown, require_object
from calc.params import ModelParams, Parameters, Phase

FIELDS = (
    "model",
    "inhabitants",
    "municipalities",
    "cost_per_fte",
    "funding",
    "financially_weak",
    "years",
    "first_year",
    "funding_years_done",
    "funded_fte",
    "pay_rise",
    "workplace_cost",
    "rules",
)


@dataclass(frozen=True)
class EstimateInput:
    model: str
    inhabitants: int
    municipalities: int | None
    cost_per_fte: float
    funding: str
    financially_weak: bool
    years: int
    first_year: int
    funding_years_done: int
    funded_fte: float | None  # None: the default (the rules' cap, else the recommended posts)
    pay_rise: float
    workplace_cost: float
    rules: str


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
    calendar_year: int
    phase: str
    rate: float
    personnel: int
    workplace: int
    funding: int
    own_share: int
    budget_min: int
    own_total: int


@dataclass(frozen=True)
class AfterFunding:
    calendar_year: int
    own_share: int
    increase: int
    per_inhabitant: float


@dataclass(frozen=True)
class Totals:
    """Sums over the projection of the ``Year`` fields of the same names."""

    personnel: int
    workplace: int
    funding: int
    own_share: int
    budget_min: int
    own_total: int


@dataclass(frozen=True)
class EstimateResult:
    model: str
    model_name: str
    inputs: EstimateInput
    fte: Fte
    budget_eur_per_year: Budget
    personnel_eur_per_year: int
    projection: tuple[Year, ...]
    after_funding: AfterFunding | None
    totals: Totals
    warnings: tuple[str, ...]
    notes: tuple[str, ...]  # what the calculation assumes for this model and funding (not a problem)
    sources: tuple[str, ...]

    def to_dict(self) -> dict:
        data = asdict(self)
        data["projection"] = list(data["projection"])
        data["warnings"] = list(self.warnings)
        data["notes"] = list(self.notes)
        data["sources"] = list(self.sources)
        return data


def parse_estimate_input(raw: object, params: Parameters, fields: tuple[str, ...] = FIELDS) -> EstimateInput:
    """Check every field of the raw JSON input; raise ``InputError`` on the first bad one.

    ``fields``: the keys allowed (``compare`` passes its own, with ``models`` for ``model``)."""
    raw = require_object(raw)
    reject_unknown(raw, fields)
    key = model_key(raw, "model", params.models)
    inhabitants = bounded(raw, "inhabitants", required=True)
    model = params.models[key]
    if model.richtwert == "gemeinden" and raw.get("municipalities") is None:
        raise InputError(
            "municipalities",
            f"Für {model.number} fehlt noch die Zahl der Gemeinden im Landkreis: Der Steckbrief rechnet "
            f"mit mindestens einer Stelle je {params.municipalities_per_fte} Gemeinden. Bitte tragen Sie die "
            "Zahl ein.",
            missing=True,
        )
    municipalities = bounded(raw, "municipalities")
    cost = bounded(raw, "cost_per_fte", default=params.cost_per_fte.value)
    ways = {key: way.name for key, way in params.funding.items()}
    funding = choice(raw, "funding", "Der Förderweg", ways, default="none")
    weak = flag(raw, "financially_weak", "finanzschwache Kommune")
    years = bounded(raw, "years", default=8)
    first_year = bounded(raw, "first_year", default=params.first_year)
    rule_names = {key: rules.name for key, rules in params.rules.items()}
    rules = choice(raw, "rules", "Das Regelwerk", rule_names, default=params.default_rules)
    line = sum(phase.years for phase in params.phases(rules, funding))
    done = _years_done(raw, line, ways[funding])
    funded = bounded(raw, "funded_fte")
    pay_rise = bounded(raw, "pay_rise", default=params.pay_rise.value)
    workplace = bounded(raw, "workplace_cost", default=params.workplace_cost.value)
    return EstimateInput(
        key,
        inhabitants,
        municipalities,
        cost,
        funding,
        weak,
        years,
        first_year,
        done,
        funded,
        pay_rise,
        workplace,
        rules,
    )


def _years_done(raw: dict, line: int, way_name: str) -> int:
    if line == 0:
        if raw.get("funding_years_done") not in (None, 0):
            raise InputError(
                "funding_years_done",
                f"Beim Förderweg „{way_name}“ gibt es keine Förderjahre; "
                "bitte lassen Sie die bereits geförderten Jahre leer oder wählen Sie einen Förderweg.",
            )
        return 0
    return bounded(raw, "funding_years_done", default=0, high=line)


def estimate(inp: EstimateInput, params: Parameters) -> EstimateResult:
    model = params.models[inp.model]
    staff = _fte(inp, model, params)
    inp = replace(inp, funded_fte=_funded_fte(inp, staff.recommended, model, params))
    budget = _budget(inp.inhabitants, model)
    personnel = round(staff.recommended * inp.cost_per_fte)
    projection = tuple(_projection(inp, staff.recommended, budget.min, params))
    after = _after_funding(projection, inp.inhabitants)
    return EstimateResult(
        model=model.key,
        model_name=model.name,
        inputs=inp,
        fte=staff,
        budget_eur_per_year=budget,
        personnel_eur_per_year=personnel,
        projection=projection,
        after_funding=after,
        totals=Totals(**{f.name: sum(getattr(y, f.name) for y in projection) for f in fields(Totals)}),
        warnings=tuple(_warnings(inp, model, params, staff.recommended, after)),
        notes=tuple(_notes(inp, model, params)),
        sources=tuple(_sources(inp, model, params)),
    )


def estimate_raw(raw: object, params: Parameters) -> dict:
    """JSON in, JSON out; raises ``InputError``."""
    return estimate(parse_estimate_input(raw, params), params).to_dict()


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


GUIDE_VALUE_STEP = 0.01  # the guide value is shown to the hundredth of a post


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


def _guide_from(params: Parameters, source: str, model: ModelParams) -> str:
    """'Richtwert nach dem Steckbrief V 7', and for another model that the site carries it over
    (content/rechner.yml: richtwerte.erlaeuterung)."""
    text = f"Richtwert nach dem Steckbrief {params.models[source].number}"
    return text if model.key == source else f"{text}, hier auf {model.number} übertragen"


def _fte(inp: EstimateInput, model: ModelParams, params: Parameters) -> Fte:
    if model.richtwert == "einwohner":
        ratio = (inp.inhabitants, params.inhabitants_per_fte)
        rule = (
            f"{_guide_from(params, params.inhabitants_from, model)}: "
            f"1 Stelle je {fmt.residents(params.inhabitants_per_fte)} "
            f"({fmt.number(inp.inhabitants)} ÷ {fmt.number(params.inhabitants_per_fte)})"
        )
    elif model.richtwert == "gemeinden":
        ratio = (inp.municipalities or 0, params.municipalities_per_fte)
        rule = (
            f"{_guide_from(params, params.municipalities_from, model)}: "
            f"mindestens 1 Stelle je {fmt.municipalities(params.municipalities_per_fte)} "
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
    step = fmt.fte(params.fte_step)
    if ratio is not None:
        rule += f"; Empfehlung = größerer Wert aus Mindestpersonal und Richtwert, aufgerundet auf {step}"
    elif model.min_fte > 0:
        rule += f"; Empfehlung = Mindestpersonal, aufgerundet auf {step}"
    # to the hundredth, rounded up like the recommendation: 100,001 inhabitants give 2,01 (not 2) and
    # the recommendation of 2,5 that follows from it
    guide_value = None if ratio is None else round_up_to_step(*ratio, GUIDE_VALUE_STEP)
    return Fte(float(model.min_fte), guide_value, recommended, rule)


def _minimum_units(min_fte: float, step: float) -> float:
    """The Steckbrief's minimum on the raster (0.5 stays 0.5; a minimum between steps rounds up)."""
    per_post = steps_per_post(step)
    return math.ceil(round(min_fte * per_post, 9)) / per_post


def _budget(inhabitants: int, model: ModelParams) -> Budget:
    band = model.budget
    high = None if band.max is None else round(band.max * inhabitants)
    return Budget(round(band.min * inhabitants), high, band.open_ended)


def _funded_fte(inp: EstimateInput, recommended: float, model: ModelParams, params: Parameters) -> float:
    """The posts the funding covers: as given (at most the recommended posts), else the rules' cap
    where the source states one, else all recommended posts."""
    if inp.funded_fte is not None:
        if inp.funded_fte > recommended:
            shown = limits.FIELDS["funded_fte"].show(recommended)
            if recommended == 0:
                raise InputError(
                    "funded_fte",
                    f"Für {model.number} sieht der Rechner keine eigenen Stellen vor, also auch keine "
                    "geförderten; bitte lassen Sie das Feld leer oder geben Sie 0 an.",
                )
            raise InputError(
                "funded_fte",
                f"Gefördert werden können höchstens die Stellen, die der Rechner für {model.number} "
                f"empfiehlt ({fmt.fte(recommended)}); bitte geben Sie eine Zahl zwischen 0 und {shown} an.",
            )
        return inp.funded_fte
    caps = [p.max_fte for p in params.phases(inp.rules, inp.funding) if p.max_fte is not None]
    return min([recommended, *caps])


def _schedule(inp: EstimateInput, params: Parameters) -> list[Phase]:
    """One entry per funded year of the line that is still ahead (years already done cut off)."""
    line = [phase for phase in params.phases(inp.rules, inp.funding) for _ in range(phase.years)]
    return line[inp.funding_years_done :]


def _projection(inp: EstimateInput, recommended: float, budget_min: int, params: Parameters):
    schedule = _schedule(inp, params)
    line_exists = bool(params.phases(inp.rules, inp.funding))
    after = "Eigenfinanzierung" if line_exists else "Ohne Förderung"
    workplace = round(recommended * inp.workplace_cost)
    for year in range(1, inp.years + 1):
        growth = (1 + inp.pay_rise / 100) ** (year - 1)
        personnel_exact = recommended * inp.cost_per_fte * growth
        phase = schedule[year - 1] if year <= len(schedule) else None
        rate, funding = 0.0, 0
        if phase is not None:
            rate = phase.rate_weak if inp.financially_weak else phase.rate
            funding = _funding(phase, rate, inp, growth)
        personnel = round(personnel_exact)
        own_share = personnel + workplace - funding
        yield Year(
            year=year,
            calendar_year=inp.first_year + year - 1,
            phase=phase.name if phase else after,
            rate=rate,
            personnel=personnel,
            workplace=workplace,
            funding=funding,
            own_share=own_share,
            budget_min=budget_min,
            own_total=own_share + budget_min,
        )


def _funding(phase: Phase, rate: float, inp: EstimateInput, growth: float) -> int:
    """Personnel funding of one year: the rate on the funded posts' cost, or on the flat amount the
    rules set per post; never more than the funded posts cost."""
    posts = inp.funded_fte if phase.max_fte is None else min(inp.funded_fte, phase.max_fte)
    cost = posts * inp.cost_per_fte * growth
    eligible = cost if phase.flat_per_fte is None else posts * phase.flat_per_fte
    return round(min(rate * eligible, cost))


def _after_funding(projection: tuple[Year, ...], inhabitants: int) -> AfterFunding | None:
    """The first row without funding after a funded row: what the municipality then carries."""
    for before, row in zip(projection, projection[1:], strict=False):
        if before.funding > 0 and row.funding == 0:
            return AfterFunding(
                calendar_year=row.calendar_year,
                own_share=row.own_share,
                increase=row.own_share - before.own_share,
                per_inhabitant=round(row.own_total / inhabitants, 2),
            )
    return None


def _warnings(
    inp: EstimateInput, model: ModelParams, params: Parameters, recommended: float, after: AfterFunding | None
) -> list[str]:
    warnings = []
    size = model.size
    too_small = size.min is not None and inp.inhabitants < size.min
    too_large = size.max is not None and inp.inhabitants > size.max
    if too_large and model.too_large:
        warnings.append(model.too_large.replace("{einwohner}", fmt.inhabitants(inp.inhabitants)))
    elif too_small or too_large:
        warnings.append(
            f"Mit {fmt.inhabitants(inp.inhabitants)} liegt die Kommune außerhalb der Größe, für die "
            f"der Steckbrief {model.number} das Modell empfiehlt ({fmt.inline(size.label)})."
        )
    if size.county_only and inp.municipalities == 1:
        warnings.append(
            f"{model.number} ist für Landkreise gedacht; bei nur einer Gemeinde passt ein Modell für Gemeinden besser."
        )
    way = params.funding[inp.funding]
    if way.models is not None and model.id not in way.models:
        warnings.append(
            f"Der Förderweg „{way.name}“ passt nicht zu {model.number} ({model.name}); "
            f"die Förderprojektion ist deshalb nur ein Rechenbeispiel."
        )
    if way.note:
        warnings.append(way.note)
    warnings.extend(_funding_warnings(inp, params, recommended, after))
    return warnings


def _funding_warnings(
    inp: EstimateInput, params: Parameters, recommended: float, after: AfterFunding | None
) -> list[str]:
    warnings = []
    phases = params.phases(inp.rules, inp.funding)
    remaining = len(_schedule(inp, params))
    if remaining and after is None and inp.funded_fte > 0 and inp.years <= remaining:
        more = remaining + 1 - inp.years
        ends = "mit dem letzten Jahr der Förderung" if more == 1 else "vor dem letzten Jahr der Förderung"
        warnings.append(
            f"Der Zeitraum endet {ends}; verlängern Sie ihn um {more} "
            f"{'Jahr' if more == 1 else 'Jahre'}, um das erste Jahr der vollen Eigenfinanzierung zu sehen."
        )
    for phase in (p for p in phases if p.max_fte is not None and inp.funded_fte > p.max_fte):
        warnings.append(
            f"Im {phase.name} fördert die {params.rules[inp.rules].name} höchstens {fmt.fte(phase.max_fte)}; "
            f"gerechnet wird mit diesem Wert statt {fmt.fte(inp.funded_fte)}."
        )
    if phases and 0 < inp.funded_fte < recommended:
        unfunded = recommended - inp.funded_fte
        warnings.append(
            f"Die Förderung deckt nur {fmt.fte(inp.funded_fte)} von {fmt.fte(recommended)}; "
            f"den Rest ({fmt.fte(unfunded)}) trägt die Kommune von Anfang an selbst."
        )
    return warnings


def _notes(inp: EstimateInput, model: ModelParams, params: Parameters) -> list[str]:
    notes = [model.note] if model.note else []
    if params.phases(inp.rules, inp.funding):
        notes.append(params.land_notice)
    return notes


def _sources(inp: EstimateInput, model: ModelParams, params: Parameters) -> list[str]:
    sources = [
        f"{model.source} – Steckbrief {model.number}",
        params.cost_per_fte.source,
        params.pay_rise.source,
        params.workplace_cost.source,
    ]
    for phase in params.phases(inp.rules, inp.funding):
        rules = params.rules[inp.rules].name
        entries = [f"{rules}, {phase.section}: {phase.basis.rstrip('.')} (Stand {phase.stand}, {phase.confidence})"]
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
