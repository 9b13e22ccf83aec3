"""``finder``: which of the models fit a municipality, best first.

Rules: shared/design/calculator-rules.md (part ``finder``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from calc import fmt
from calc.inputs import bounded, choice, reject_unknown, require_object
from calc.params import LEVELS, STAGES, ModelParams, Parameters

FIELDS = ("kind", "inhabitants", "municipalities", "history", "relevance", "budget_per_inhabitant", "staff_fte")
KIND_NAMES = {"gemeinde": "Gemeinde", "landkreis": "Landkreis"}
MET, PARTLY, NOT_MET = "erfüllt", "teilweise", "nicht erfüllt"
FITS, CONDITIONAL, FAILS = "passt", "bedingt", "passt nicht"


@dataclass(frozen=True)
class FinderInput:
    kind: str
    inhabitants: int
    municipalities: int | None
    history: str
    relevance: str
    budget_per_inhabitant: float
    staff_fte: float


@dataclass(frozen=True)
class Criterion:
    criterion: str
    status: str
    reason: str


@dataclass(frozen=True)
class Match:
    model: str
    name: str
    number: str
    fit: str
    criteria: tuple[Criterion, ...]
    reasons: tuple[str, ...]
    url: str


def parse_finder_input(raw: object) -> FinderInput:
    raw = require_object(raw)
    reject_unknown(raw, FIELDS)
    kind = choice(raw, "kind", "Die Art der Kommune", KIND_NAMES)
    inhabitants = bounded(raw, "inhabitants", required=True)
    municipalities = bounded(raw, "municipalities")
    levels = {level: level for level in LEVELS}
    history = choice(raw, "history", "Die Historie im Klimaschutz", levels)
    relevance = choice(raw, "relevance", "Die Relevanz bei Schlüsselakteuren", levels)
    budget = bounded(raw, "budget_per_inhabitant", required=True)
    staff = bounded(raw, "staff_fte", required=True)
    return FinderInput(kind, inhabitants, municipalities, history, relevance, budget, staff)


def rank_models(inp: FinderInput, params: Parameters) -> tuple[Match, ...]:
    matches = [_match(inp, model, params) for model in params.models.values()]
    return tuple(sorted(matches, key=lambda m: _sort_key(m, params)))


def finder_raw(raw: object, params: Parameters) -> dict:
    """JSON in, JSON out; raises ``InputError``."""
    inp = parse_finder_input(raw)
    matches = rank_models(inp, params)
    return {
        "inputs": asdict(inp),
        "models": [
            asdict(m) | {"criteria": [asdict(c) for c in m.criteria], "reasons": list(m.reasons)} for m in matches
        ],
    }


# --------------------------------------------------------------------------------------------
# Criteria
# --------------------------------------------------------------------------------------------


def _match(inp: FinderInput, model: ModelParams, params: Parameters) -> Match:
    criteria = (
        _kind(inp, model),
        _size(inp, model, params.size_tolerance),
        _staff(inp, model, params),
        _budget(inp, model),
        _history(inp, model),
        _relevance(inp, model),
    )
    if criteria[0].status == NOT_MET or criteria[1].status == NOT_MET:
        fit = FAILS
    elif all(c.status == MET for c in criteria):
        fit = FITS
    else:
        fit = CONDITIONAL
    reasons = tuple(c.reason for c in criteria if c.status != MET) or ("Alle sechs Kriterien sind erfüllt.",)
    return Match(model.key, model.name, model.number, fit, criteria, reasons, model.url)


def _sort_key(match: Match, params: Parameters) -> tuple:
    model = params.models[match.model]
    met = sum(c.status == MET for c in match.criteria)
    return ((FITS, CONDITIONAL, FAILS).index(match.fit), -met, -STAGES.index(model.stage), model.order)


def _kind(inp: FinderInput, model: ModelParams) -> Criterion:
    kinds = " und ".join(KIND_NAMES[k] + ("n" if k == "gemeinde" else "e") for k in model.size.kinds)
    if inp.kind in model.size.kinds:
        return Criterion("Art der Kommune", MET, f"Das Modell ist für {kinds} gedacht.")
    return Criterion("Art der Kommune", NOT_MET, f"Das Modell ist nur für {kinds} gedacht.")


def _size(inp: FinderInput, model: ModelParams, tolerance: float) -> Criterion:
    size, n = model.size, inp.inhabitants
    shown = f"{fmt.inhabitants(n)} – Steckbrief: {fmt.inline(size.label)}"
    below = size.min is not None and n < size.min
    above = size.max is not None and n > size.max
    if not below and not above:
        return Criterion("Kommunengröße", MET, f"Passt: {shown}.")
    near = (below and n >= size.min * (1 - tolerance)) or (above and n <= size.max * (1 + tolerance))
    side = "kleiner" if below else "größer"
    if near:
        allowed = fmt.percent(tolerance)
        return Criterion("Kommunengröße", PARTLY, f"Knapp {side} als empfohlen (bis {allowed} Abweichung): {shown}.")
    return Criterion("Kommunengröße", NOT_MET, f"Deutlich {side} als empfohlen: {shown}.")


def required_fte(model: ModelParams, municipalities: int | None, params: Parameters) -> float:
    if model.richtwert == "gemeinden" and municipalities:
        return max(model.min_fte, municipalities / params.municipalities_per_fte)
    return model.min_fte


def _at_least(criterion: str, have: float, need: float, shown: str, texts: tuple[str, str, str]) -> Criterion:
    """The staff and budget rule: the need met -> erfüllt; at least half of it -> teilweise; else nicht."""
    level = 0 if have >= need else 1 if have >= need / 2 else 2
    return Criterion(criterion, (MET, PARTLY, NOT_MET)[level], f"{texts[level]}: {shown}.")


def _staff(inp: FinderInput, model: ModelParams, params: Parameters) -> Criterion:
    need = required_fte(model, inp.municipalities, params)
    if need == 0:
        return Criterion("Personal", MET, "Das Modell braucht kein zusätzliches Personal.")
    shown = f"finanzierbar {fmt.fte(inp.staff_fte)}, nötig mindestens {fmt.fte(round(need, 2))}"
    texts = ("Genug Stellen", "Mindestens die Hälfte der Stellen", "Zu wenige Stellen")
    return _at_least("Personal", inp.staff_fte, need, shown, texts)


def _budget(inp: FinderInput, model: ModelParams) -> Criterion:
    need = model.budget.min
    if need == 0:
        return Criterion("Budget Klimaschutz", MET, "Das Modell braucht kein eigenes Klimaschutzbudget.")
    shown = (
        f"verfügbar {fmt.euro_per_inhabitant(inp.budget_per_inhabitant)}, Steckbrief: {fmt.inline(model.budget.label)}"
    )
    texts = ("Budget reicht", "Mindestens die Hälfte des Budgets", "Budget zu gering")
    return _at_least("Budget Klimaschutz", inp.budget_per_inhabitant, need, shown, texts)


def _history(inp: FinderInput, model: ModelParams) -> Criterion:
    level, low, high = (LEVELS.index(x) for x in (inp.history, model.history.low, model.history.high))
    distance = low - level if level < low else max(level - high, 0)
    shown = f"Ihre Historie „{inp.history}“, Steckbrief: {fmt.inline(model.history.label)}"
    status = (MET, PARTLY, NOT_MET)[distance]
    text = ("Passt", "Eine Stufe daneben", "Zwei Stufen daneben")[distance]
    return Criterion("Historie Klimaschutz", status, f"{text}: {shown}.")


def _relevance(inp: FinderInput, model: ModelParams) -> Criterion:
    distance = max(LEVELS.index(model.relevance.low) - LEVELS.index(inp.relevance), 0)
    shown = f"Ihre Relevanz „{inp.relevance}“, nötig mindestens „{model.relevance.low}“"
    status = (MET, PARTLY, NOT_MET)[distance]
    text = ("Ausreichend", "Eine Stufe zu niedrig", "Zwei Stufen zu niedrig")[distance]
    return Criterion("Relevanz für Schlüsselakteure", status, f"{text}: {shown}.")
