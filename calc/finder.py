"""``finder``: which of the models fit a municipality, best first, and where to start.

Rules: shared/design/calculator-rules.md (part ``finder``). What a Steckbrief says about a kind of
municipality beyond its list of kinds (a Landkreis for which the source calls a model possible but
not expedient, a size range meant for Gemeinden only) comes from content (``arten_hinweise``).

Every reason is a German sentence for a reader who has never seen a Steckbrief: first what the
Steckbrief asks ("… laut Steckbrief: …"), then how the municipality compares.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from calc import fmt
from calc.errors import InputError
from calc.estimate import estimate_raw
from calc.inputs import bounded, choice, reject_unknown, require_object
from calc.params import LEVELS, STAGES, ModelParams, Parameters

FIELDS = ("kind", "inhabitants", "municipalities", "history", "relevance", "budget_per_inhabitant", "staff_fte")
KIND_NAMES = {"gemeinde": "Gemeinde", "landkreis": "Landkreis"}
KIND_PLURALS = {"gemeinde": "Gemeinden", "landkreis": "Landkreise"}
SUBJECTS = {"gemeinde": "Ihre Gemeinde", "landkreis": "Ihr Landkreis"}
MET, PARTLY, NOT_MET = "erfüllt", "teilweise", "nicht erfüllt"
FITS, CONDITIONAL, FAILS = "passt", "bedingt", "passt nicht"
STEPS = ("", "eine Stufe", "zwei Stufen")


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
    calculator_query: str | None  # query string for the calculator with this model; None if it would miss an input
    calculator_hint: str | None  # why there is no link, in German


@dataclass(frozen=True)
class Start:
    """A plain starting point: which model first, what it costs, where help for beginners is."""

    model: str | None
    sentences: tuple[str, ...]
    calculator_query: str | None
    advice_url: str | None
    advice_title: str | None


def parse_finder_input(raw: object) -> FinderInput:
    raw = require_object(raw)
    reject_unknown(raw, FIELDS)
    kind = choice(raw, "kind", "Die Art der Kommune", KIND_NAMES)
    inhabitants = bounded(raw, "inhabitants", required=True)
    municipalities = bounded(raw, "municipalities")
    levels = {level: level for level in LEVELS}
    history = choice(raw, "history", "Die Historie im Klimaschutz", levels)
    relevance = choice(raw, "relevance", "Die Relevanz für Schlüsselakteure", levels)
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
    start = starting_point(inp, matches, params)
    return {
        "inputs": asdict(inp),
        "start": asdict(start) | {"sentences": list(start.sentences)},
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
    query, hint = _calculator_link(inp, model)
    return Match(model.key, model.name, model.number, fit, criteria, reasons, model.url, query, hint)


def _sort_key(match: Match, params: Parameters) -> tuple:
    model = params.models[match.model]
    met = sum(c.status == MET for c in match.criteria)
    return ((FITS, CONDITIONAL, FAILS).index(match.fit), -met, -STAGES.index(model.stage), model.order)


def _kind(inp: FinderInput, model: ModelParams) -> Criterion:
    note = model.size.note(inp.kind)
    if note is not None and not note.expedient:
        return Criterion("Art der Kommune", PARTLY, note.text)
    kinds = " und ".join(KIND_PLURALS[k] for k in model.size.kinds)
    if inp.kind in model.size.kinds:
        return Criterion("Art der Kommune", MET, f"Der Steckbrief sieht das Modell für {kinds} vor.")
    reason = f"Der Steckbrief sieht das Modell nur für {kinds} vor, nicht für {KIND_PLURALS[inp.kind]}."
    return Criterion("Art der Kommune", NOT_MET, reason)


def _size(inp: FinderInput, model: ModelParams, tolerance: float) -> Criterion:
    size, n = model.size, inp.inhabitants
    note = size.note(inp.kind)
    if note is not None and not note.size_applies:
        return Criterion("Kommunengröße", MET, note.text)
    said = f"Größe laut Steckbrief: {fmt.inline(size.label)}. "
    if size.min is None and size.max is None:
        return Criterion("Kommunengröße", MET, f"{said}Eine Grenze nach der Einwohnerzahl nennt er nicht.")
    has = f"{SUBJECTS[inp.kind]} hat {fmt.residents(n)}"
    below = size.min is not None and n < size.min
    above = size.max is not None and n > size.max
    if not below and not above:
        return Criterion("Kommunengröße", MET, f"{said}{has} und liegt damit im Bereich.")
    near = (below and n >= size.min * (1 - tolerance)) or (above and n <= size.max * (1 + tolerance))
    side = "kleiner" if below else "größer"
    if near:
        reason = f"{said}{has} und ist damit etwas {side}, aber um nicht mehr als {fmt.percent(tolerance)}."
        return Criterion("Kommunengröße", PARTLY, reason)
    return Criterion("Kommunengröße", NOT_MET, f"{said}{has} und ist damit deutlich {side}.")


def required_fte(model: ModelParams, municipalities: int | None, params: Parameters) -> float:
    if model.richtwert == "gemeinden" and municipalities:
        return max(model.min_fte, municipalities / params.municipalities_per_fte)
    return model.min_fte


def _level(have: float, need: float) -> int:
    """The staff and budget rule: the need met -> 0 (erfüllt); at least half of it -> 1; else 2."""
    return 0 if have >= need else 1 if have >= need / 2 else 2


def _staff(inp: FinderInput, model: ModelParams, params: Parameters) -> Criterion:
    need = required_fte(model, inp.municipalities, params)
    if need == 0:
        return Criterion("Personal", MET, "Das Modell braucht kein zusätzliches Personal.")
    per = f" (eine je {params.municipalities_per_fte} Gemeinden)" if need > model.min_fte else ""
    said = f"Personal laut Steckbrief: mindestens {fmt.posts(round(need, 2))}{per}. "
    has = f"{SUBJECTS[inp.kind]} kann {fmt.posts(inp.staff_fte)} finanzieren"
    level = _level(inp.staff_fte, need)
    end = (" – das reicht.", ", also mindestens die Hälfte.", ", also weniger als die Hälfte.")[level]
    return Criterion("Personal", (MET, PARTLY, NOT_MET)[level], f"{said}{has}{end}")


def _budget(inp: FinderInput, model: ModelParams) -> Criterion:
    need = model.budget.min
    if model.budget.none_needed:
        return Criterion("Budget Klimaschutz", MET, "Das Modell braucht kein eigenes Klimaschutzbudget.")
    said = f"Budget Klimaschutz laut Steckbrief: {fmt.inline(model.budget.label)} im Jahr. "
    has = f"{SUBJECTS[inp.kind]} kann {fmt.euro_per_inhabitant(inp.budget_per_inhabitant)} ausgeben"
    level = _level(inp.budget_per_inhabitant, need)
    end = (
        " – das reicht.",
        ", also mindestens die Hälfte der Untergrenze.",
        ", also weniger als die Hälfte der Untergrenze.",
    )[level]
    return Criterion("Budget Klimaschutz", (MET, PARTLY, NOT_MET)[level], f"{said}{has}{end}")


def _history(inp: FinderInput, model: ModelParams) -> Criterion:
    level, low, high = (LEVELS.index(x) for x in (inp.history, model.history.low, model.history.high))
    said = f"Erfahrung im Klimaschutz laut Steckbrief: {fmt.inline(model.history.label)}. "
    has = f"{SUBJECTS[inp.kind]} hat „{inp.history}“ angegeben"
    if low <= level <= high:
        return Criterion("Historie Klimaschutz", MET, f"{said}{has} – das passt.")
    distance = low - level if level < low else level - high
    if level < low:
        end = f" – {STEPS[distance]} weniger."
    else:
        end = f" – {STEPS[distance]} mehr; das Modell ist eher für Kommunen mit weniger Erfahrung gedacht."
    return Criterion("Historie Klimaschutz", (MET, PARTLY, NOT_MET)[distance], f"{said}{has}{end}")


def _relevance(inp: FinderInput, model: ModelParams) -> Criterion:
    distance = max(LEVELS.index(model.relevance.low) - LEVELS.index(inp.relevance), 0)
    said = (
        "Gewicht des Klimaschutzes bei Verwaltungsspitze und Politik laut Steckbrief: "
        f"mindestens „{model.relevance.low}“. "
    )
    has = f"{SUBJECTS[inp.kind]} hat „{inp.relevance}“ angegeben"
    end = " – das reicht." if distance == 0 else f" – {STEPS[distance]} zu wenig."
    return Criterion("Relevanz für Schlüsselakteure", (MET, PARTLY, NOT_MET)[distance], f"{said}{has}{end}")


# --------------------------------------------------------------------------------------------
# Links into the calculator
# --------------------------------------------------------------------------------------------


def _calculator_link(inp: FinderInput, model: ModelParams) -> tuple[str | None, str | None]:
    """The calculator query for ``model`` with the reader's size; a model that counts posts per
    Gemeinde gets a link only with the number of Gemeinden, else a friendly sentence why not.

    Model keys and whole numbers need no percent-encoding, so the string is joined directly
    (``urllib.parse`` would add about 120 ms to the worker's start in Pyodide).
    """
    if model.richtwert == "gemeinden" and not inp.municipalities:
        if inp.kind == "landkreis":
            hint = (
                f"Für {model.number} rechnet der Rechner mit der Zahl der Gemeinden im Landkreis. "
                "Tragen Sie sie oben ein, dann führt hier ein Link in den Rechner."
            )
        else:
            hint = (
                f"{model.number} ist ein Modell für Landkreise; der Rechner braucht dafür die Zahl ihrer "
                "Gemeinden. Wählen Sie oben „Landkreis“ und tragen Sie die Zahl ein, um damit zu rechnen."
            )
        return None, hint
    query = {"model": model.key, "inhabitants": inp.inhabitants}
    if inp.municipalities:
        query["municipalities"] = inp.municipalities
    return "&".join(f"{key}={value}" for key, value in query.items()), None


# --------------------------------------------------------------------------------------------
# Starting point
# --------------------------------------------------------------------------------------------


def starting_point(inp: FinderInput, matches: tuple[Match, ...], params: Parameters) -> Start:
    """The best-ranked model that is not ruled out, what the calculator says it costs, and the
    advice for beginners (Fokusberatung) when the municipality says its history is "gering"."""
    advice = params.start_advice if inp.history == LEVELS[0] else None
    advice_parts = (advice.text,) if advice else ()
    best = next((m for m in matches if m.fit != FAILS), None)
    if best is None:
        sentences = (
            "Nach Ihren Angaben kommt keines der Modelle infrage, weil Art oder Größe Ihrer Kommune "
            "zu keinem Steckbrief passen. Prüfen Sie die Angaben oder sehen Sie sich die Übersicht "
            "der Modelle an.",
        )
        return Start(None, sentences + advice_parts, None, *_advice_link(advice))
    model = params.models[best.model]
    met = sum(c.status == MET for c in best.criteria)
    if best.fit == FITS:
        which = f"Als Startpunkt passt {best.number} „{best.name}“: Alle sechs Kriterien des Finders sind erfüllt."
    else:
        which = (
            f"Am ehesten kommt {best.number} „{best.name}“ infrage: {met} der sechs Kriterien sind erfüllt, "
            "die übrigen nur teilweise oder nicht – die Gründe stehen unten beim Modell."
        )
    sentences = (which, _cost_sentence(inp, model, params), *advice_parts)
    return Start(best.model, sentences, best.calculator_query, *_advice_link(advice))


def _advice_link(advice) -> tuple[str | None, str | None]:
    return (advice.url, advice.title) if advice else (None, None)


def _cost_sentence(inp: FinderInput, model: ModelParams, params: Parameters) -> str:
    """What the calculator's default values give for the model: posts, personnel cost, budget."""
    request = {"model": model.key, "inhabitants": inp.inhabitants}
    if inp.municipalities:
        request["municipalities"] = inp.municipalities
    try:
        result = estimate_raw(request, params)
    except InputError:  # V 7a without the number of Gemeinden: only the Steckbrief's minimum
        posts = model.min_fte
        personnel, workplace = posts * params.cost_per_fte.value, posts * params.workplace_cost.value
    else:
        posts, personnel = result["fte"]["recommended"], result["personnel_eur_per_year"]
        workplace = result["projection"][0]["workplace"]
    staff = (
        "kein zusätzliches Personal"
        if posts == 0
        else f"{fmt.posts(posts)}, nach den Standardwerten des Rechners rund {fmt.euro(personnel)} Personal- und "
        f"{fmt.euro(workplace)} Arbeitsplatzkosten im Jahr"
    )
    return f"Was das kostet: {staff}, dazu {_budget_words(inp.inhabitants, model)}."


def _budget_words(inhabitants: int, model: ModelParams) -> str:
    band = model.budget
    if band.none_needed:
        return "kein eigenes Klimaschutzbudget"
    low = fmt.euro(band.min * inhabitants)
    if band.max is None:
        amount = f"mindestens {low}"
    else:
        amount = f"{fmt.number(round(band.min * inhabitants))} bis {fmt.euro(band.max * inhabitants)}"
        amount += " oder mehr" if band.open_ended else ""
    return f"ein Klimaschutzbudget von {amount} im Jahr (Steckbrief: {fmt.inline(band.label)})"
