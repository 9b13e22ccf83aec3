"""``finder``: expected values from shared/design/calculator-rules.md (part ``finder``) and the
"Geeignete Ausgangslage" of the Steckbriefe, not from the code.
"""

from __future__ import annotations

import re

import pytest
from calc_spec import MODELS, PROPERTY, assert_german
from hypothesis import given
from hypothesis import strategies as st

from calc.errors import InputError

MET, PARTLY, NOT_MET = "erfüllt", "teilweise", "nicht erfüllt"
FITS, CONDITIONAL, FAILS = "passt", "bedingt", "passt nicht"
LEVELS = ("gering", "mittel", "hoch")
# "Grad der personellen Verstetigung (sehr gering < gering < mittel < hoch < sehr hoch)"
STAGES = ("sehr gering", "gering", "mittel", "hoch", "sehr hoch")


# A municipality for which the base values satisfy every criterion of V7 (and most others).
BASE = {
    "kind": "gemeinde",
    "inhabitants": 80000,
    "history": "hoch",
    "relevance": "hoch",
    "budget_per_inhabitant": 20,
    "staff_fte": 10,
}


@pytest.fixture(scope="module")
def find(session):
    def _find(**changes):
        data = dict(BASE)
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return session.compute("finder", data)

    return _find


def entry(result: dict, model: str) -> dict:
    found = [m for m in result["models"] if m["model"] == model]
    assert len(found) == 1, f"{model} appears {len(found)} times"
    return found[0]


# The spec names the six criteria but not their labels; find each by its (German) name.
CRITERIA = {
    "kind": lambda n: bool(re.search(r"\bArt\b|Kommunenart|Typ", n)),
    "size": lambda n: "größe" in n.lower(),
    "staff": lambda n: ("Personal" in n or "Stellen" in n) and "Klimaschutz" not in n,
    "budget": lambda n: "Budget" in n and "Personal" not in n,
    "history": lambda n: "Historie" in n,
    "relevance": lambda n: "Relevanz" in n,
}


def status(result: dict, model: str, criterion: str) -> str:
    criteria = entry(result, model)["criteria"]
    found = [c for c in criteria if CRITERIA[criterion](c["criterion"])]
    names = [c["criterion"] for c in criteria]
    assert len(found) == 1, f"criterion {criterion!r} of {model}: {names}"
    return found[0]["status"]


# --------------------------------------------------------------------------------------------
# Output shape
# --------------------------------------------------------------------------------------------


def test_all_14_models_with_six_criteria_and_reasons(find):
    result = find()
    assert sorted(m["model"] for m in result["models"]) == sorted(MODELS)
    for m in result["models"]:
        assert m["name"].strip()
        assert m["url"].strip()
        assert m["fit"] in (FITS, CONDITIONAL, FAILS)
        assert len(m["criteria"]) == 6
        for c in m["criteria"]:
            assert c["criterion"].strip()
            assert c["status"] in (MET, PARTLY, NOT_MET)
            assert_german(c["reason"])
        assert m["reasons"], f"{m['model']} has no reason"
        for reason in m["reasons"]:
            assert_german(reason)
        for name in CRITERIA:
            status(result, m["model"], name)  # each of the six criteria is there exactly once


# --------------------------------------------------------------------------------------------
# Kind: "V7a Landkreise only; V3 Gemeinden only; V2, V6d-f, V10, V11 both; all others Gemeinden.
# Wrong kind -> nicht erfüllt." The Steckbrief V 8 says of Landkreise: "eine Stabsstelle zwar
# möglich, jedoch ... nicht zielführend" -> teilweise, so V 8 is at most "bedingt" for a Landkreis.
# --------------------------------------------------------------------------------------------

KINDS = {
    "V7a": ("landkreis",),
    "V3": ("gemeinde",),
    "V2": ("gemeinde", "landkreis"),
    "V6d-f": ("gemeinde", "landkreis"),
    "V10": ("gemeinde", "landkreis"),
    "V11": ("gemeinde", "landkreis"),
}
POSSIBLE_NOT_EXPEDIENT = {("V8", "landkreis")}


def kind_status(model: str, kind: str) -> str:
    if (model, kind) in POSSIBLE_NOT_EXPEDIENT:
        return PARTLY
    return MET if kind in KINDS.get(model, ("gemeinde",)) else NOT_MET


KIND_CASES = [
    pytest.param(model, kind, kind_status(model, kind), id=f"{model}-{kind}")
    for model in MODELS
    for kind in ("gemeinde", "landkreis")
]


@pytest.mark.parametrize("model, kind, expected", KIND_CASES)
def test_kind(find, model, kind, expected):
    result = find(kind=kind, municipalities=30 if kind == "landkreis" else None)
    assert status(result, model, "kind") == expected
    if expected == NOT_MET:
        assert entry(result, model)["fit"] == FAILS  # "kind ... nicht erfüllt -> passt nicht"
    if expected == PARTLY:
        assert entry(result, model)["fit"] != FITS


V8_LANDKREIS = (
    "Im Landkreis hält der Steckbrief eine Stabsstelle zwar für möglich, aber nicht für zielführend: Die "
    "Aufgaben eines Kreises sind dafür zu breit gestreut, von der Betreuung der Gemeinden bis zu seinen "
    "eigenen Vorhaben."
)


def test_v8_in_a_landkreis_is_possible_but_not_expedient(find):
    # Everything else fits a Stabsstelle: a large Landkreis with money, staff and backing.
    result = find(kind="landkreis", inhabitants=300000, municipalities=40)
    v8 = entry(result, "V8")
    assert v8["fit"] == CONDITIONAL
    assert [c["status"] for c in v8["criteria"]] == [PARTLY, MET, MET, MET, MET, MET]
    assert v8["reasons"] == [V8_LANDKREIS]


V6DF_LANDKREIS = (
    "Für Landkreise nennt der Steckbrief keine Einwohnerzahl. Er weist aber darauf hin, dass ein Landkreis "
    "sein Klimaschutzmanagement in einer regionalen Energieagentur ansiedeln kann (vgl. V 6e)."
)


@pytest.mark.parametrize("inhabitants", [30000, 180000, 1_000_000])
def test_v6d_f_reaches_landkreise_whatever_their_size(find, inhabitants):
    # "Ca. 10.000 bis 25.000 EW ... Landkreise haben die Möglichkeit, das Klimaschutzmanagement in
    # einer regionalen Energieagentur anzusiedeln": the size range is the Gemeinden's.
    result = find(kind="landkreis", inhabitants=inhabitants, municipalities=30, history="mittel", relevance="mittel")
    v6 = entry(result, "V6d-f")
    size = [c for c in v6["criteria"] if CRITERIA["size"](c["criterion"])][0]
    assert (size["status"], size["reason"]) == (MET, V6DF_LANDKREIS)
    assert v6["fit"] == FITS


def test_v6d_f_keeps_its_size_range_for_gemeinden(find):
    assert status(find(inhabitants=80000), "V6d-f", "size") == NOT_MET


# --------------------------------------------------------------------------------------------
# Size: "inside the Steckbrief's range -> erfüllt; within 20 % outside a bound -> teilweise;
# further -> nicht erfüllt." Ranges from the Steckbriefe: V1 "< 5.000 bis < 50.000 EW",
# V2 "Alle Kommunengrößen", V3 "< 5.000 bis 20.000 EW", V4 "Ca. 5.000–25.000 EW", V5 "> 5.000 EW",
# V6a-c/V6d-f "Ca. 10.000 bis 25.000 EW", V7/V7b/V8/V9 "> 25.000 EW", V7a "Alle Landkreise",
# V10/V11 "> 50.000 EW".
# --------------------------------------------------------------------------------------------

SIZE = [
    ("V1", 20000, MET),
    ("V1", 49999, MET),
    ("V1", 60000, PARTLY),
    ("V1", 60001, NOT_MET),
    ("V2", 1, MET),
    ("V2", 10_000_000, MET),
    ("V3", 1000, MET),
    ("V3", 20000, MET),
    ("V3", 24000, PARTLY),
    ("V3", 24001, NOT_MET),
    ("V4", 15000, MET),
    ("V4", 5000, MET),
    ("V4", 25000, MET),
    ("V4", 4000, PARTLY),
    ("V4", 3999, NOT_MET),
    ("V4", 30000, PARTLY),
    ("V4", 30001, NOT_MET),
    ("V5", 6000, MET),
    ("V5", 4000, PARTLY),
    ("V5", 3999, NOT_MET),
    ("V5", 10_000_000, MET),
    ("V6a-c", 15000, MET),
    ("V6a-c", 8000, PARTLY),
    ("V6a-c", 7999, NOT_MET),
    ("V6a-c", 30000, PARTLY),
    ("V6a-c", 30001, NOT_MET),
    ("V6d-f", 12000, MET),
    ("V6d-f", 29000, PARTLY),
    ("V6d-f", 80000, NOT_MET),
    ("V7", 80000, MET),
    ("V7", 22000, PARTLY),
    ("V7", 20000, PARTLY),
    ("V7", 19999, NOT_MET),
    ("V7", 5000, NOT_MET),
    ("V7", 10_000_000, MET),
    ("V7b", 30000, MET),
    ("V7b", 21000, PARTLY),
    ("V7b", 15000, NOT_MET),
    ("V8", 26000, MET),
    ("V8", 19999, NOT_MET),
    ("V9", 40000, MET),
    ("V9", 20000, PARTLY),
    ("V10", 60000, MET),
    ("V10", 40000, PARTLY),
    ("V10", 39999, NOT_MET),
    ("V11", 100000, MET),
    ("V11", 45000, PARTLY),
    ("V11", 30000, NOT_MET),
]


@pytest.mark.parametrize(
    "model, inhabitants, expected",
    [pytest.param(*case, id=f"{case[0]}-{case[1]}") for case in SIZE],
)
def test_size(find, model, inhabitants, expected):
    result = find(inhabitants=inhabitants)
    assert status(result, model, "size") == expected
    if expected == NOT_MET:
        assert entry(result, model)["fit"] == FAILS  # "size nicht erfüllt -> passt nicht"


@pytest.mark.parametrize("inhabitants", [1, 5000, 250_000, 10_000_000])
def test_size_v7a_all_landkreise(find, inhabitants):
    result = find(kind="landkreis", inhabitants=inhabitants, municipalities=20)
    assert status(result, "V7a", "size") == MET


# --------------------------------------------------------------------------------------------
# Staff: "staff_fte >= the model's required posts (minimum; for V7a also municipalities/20) ->
# erfüllt; >= half of it -> teilweise; below -> nicht erfüllt. Models needing none -> erfüllt."
# --------------------------------------------------------------------------------------------

STAFF = [
    pytest.param("V1", 0, None, MET, id="V1-needs-none"),
    pytest.param("V2", 0, None, MET, id="V2-needs-none"),
    pytest.param("V3", 0, None, MET, id="V3-needs-none"),
    pytest.param("V4", 0, None, MET, id="V4-needs-none"),
    pytest.param("V5", 0.5, None, MET, id="V5-0.5"),
    pytest.param("V5", 0.25, None, PARTLY, id="V5-0.25"),
    pytest.param("V5", 0.2, None, NOT_MET, id="V5-0.2"),
    pytest.param("V7", 0.5, None, MET, id="V7-minimum-only"),
    pytest.param("V7", 0, None, NOT_MET, id="V7-0"),
    pytest.param("V6a-c", 0.3, None, PARTLY, id="V6a-c-0.3"),
    pytest.param("V9", 1, None, MET, id="V9-1"),
    pytest.param("V10", 2, None, MET, id="V10-2"),
    pytest.param("V10", 1.5, None, PARTLY, id="V10-1.5"),
    pytest.param("V10", 1, None, PARTLY, id="V10-1"),
    pytest.param("V10", 0.99, None, NOT_MET, id="V10-0.99"),
    pytest.param("V11", 3, None, MET, id="V11-3"),
    pytest.param("V11", 1.5, None, PARTLY, id="V11-1.5"),
    pytest.param("V11", 1.49, None, NOT_MET, id="V11-1.49"),
    pytest.param("V7a", 1, None, MET, id="V7a-no-municipalities-1"),
    pytest.param("V7a", 0.5, None, PARTLY, id="V7a-no-municipalities-0.5"),
    pytest.param("V7a", 0.49, None, NOT_MET, id="V7a-no-municipalities-0.49"),
    pytest.param("V7a", 1, 10, MET, id="V7a-10-gemeinden-minimum-1"),
    pytest.param("V7a", 3, 60, MET, id="V7a-60-gemeinden-3"),
    pytest.param("V7a", 2.99, 60, PARTLY, id="V7a-60-gemeinden-2.99"),
    pytest.param("V7a", 1.5, 60, PARTLY, id="V7a-60-gemeinden-1.5"),
    pytest.param("V7a", 1.49, 60, NOT_MET, id="V7a-60-gemeinden-1.49"),
    pytest.param("V7a", 50, 1000, MET, id="V7a-1000-gemeinden-50"),
    pytest.param("V7a", 24.9, 1000, NOT_MET, id="V7a-1000-gemeinden-24.9"),
]


@pytest.mark.parametrize("model, staff, municipalities, expected", STAFF)
def test_staff(find, model, staff, municipalities, expected):
    kind = "landkreis" if model == "V7a" else "gemeinde"
    result = find(kind=kind, staff_fte=staff, municipalities=municipalities)
    assert status(result, model, "staff") == expected


# --------------------------------------------------------------------------------------------
# Budget: ">= the band's lower bound -> erfüllt; >= half -> teilweise; else nicht erfüllt. Models
# needing none -> erfüllt." Lower bounds: V2 3, V3 1, V5 1, V6 1, V7 5, V7a 1, V7b 1, V8-V10 5,
# V11 10; V1 and V4 need none.
# --------------------------------------------------------------------------------------------

BUDGET = [
    ("V1", 0, MET),
    ("V4", 0, MET),
    ("V2", 3, MET),
    ("V2", 1.5, PARTLY),
    ("V2", 1.49, NOT_MET),
    ("V3", 1, MET),
    ("V3", 0.5, PARTLY),
    ("V3", 0.49, NOT_MET),
    ("V5", 1, MET),
    ("V6a-c", 0.6, PARTLY),
    ("V6d-f", 0.4, NOT_MET),
    ("V7", 5, MET),
    ("V7", 4.99, PARTLY),
    ("V7", 2.5, PARTLY),
    ("V7", 2.49, NOT_MET),
    ("V7b", 1, MET),
    ("V8", 5, MET),
    ("V9", 3, PARTLY),
    ("V10", 0, NOT_MET),
    ("V11", 10, MET),
    ("V11", 5, PARTLY),
    ("V11", 4.99, NOT_MET),
]


@pytest.mark.parametrize("model, budget, expected", [pytest.param(*case, id=f"{case[0]}-{case[1]}") for case in BUDGET])
def test_budget(find, model, budget, expected):
    assert status(find(budget_per_inhabitant=budget), model, "budget") == expected


@pytest.mark.parametrize("budget", [0, 1000])
def test_budget_v7a(find, budget):
    result = find(kind="landkreis", municipalities=20, budget_per_inhabitant=budget)
    assert status(result, "V7a", "budget") == (MET if budget else NOT_MET)


# --------------------------------------------------------------------------------------------
# Historie: "inside -> erfüllt; one level off -> teilweise; two -> nicht erfüllt." Ranges from the
# Steckbriefe: V1 "Gering", V6a-c "Mittel", V7 "Mittel bis hoch", V7b "Gering bis mittel",
# V8 "Gering bis hoch", V9 "Hoch".
# --------------------------------------------------------------------------------------------

HISTORY = [
    ("V1", "gering", MET),
    ("V1", "mittel", PARTLY),
    ("V1", "hoch", NOT_MET),
    ("V9", "hoch", MET),
    ("V9", "mittel", PARTLY),
    ("V9", "gering", NOT_MET),
    ("V6a-c", "mittel", MET),
    ("V6a-c", "gering", PARTLY),
    ("V6a-c", "hoch", PARTLY),
    ("V7", "mittel", MET),
    ("V7", "hoch", MET),
    ("V7", "gering", PARTLY),
    ("V7b", "gering", MET),
    ("V7b", "mittel", MET),
    ("V7b", "hoch", PARTLY),
    ("V8", "gering", MET),
    ("V8", "mittel", MET),
    ("V8", "hoch", MET),
]


@pytest.mark.parametrize(
    "model, history, expected", [pytest.param(*case, id=f"{case[0]}-{case[1]}") for case in HISTORY]
)
def test_history(find, model, history, expected):
    assert status(find(history=history), model, "history") == expected


# --------------------------------------------------------------------------------------------
# Relevanz: "at or above the range's lower level -> erfüllt; one level below -> teilweise; two ->
# nicht erfüllt." Lower levels from the Steckbriefe: V1 gering, V3 mittel, V2/V9 hoch.
# --------------------------------------------------------------------------------------------

RELEVANCE = [
    ("V1", "gering", MET),
    ("V1", "mittel", MET),
    ("V1", "hoch", MET),
    ("V3", "gering", PARTLY),
    ("V3", "mittel", MET),
    ("V3", "hoch", MET),
    ("V9", "gering", NOT_MET),
    ("V9", "mittel", PARTLY),
    ("V9", "hoch", MET),
    ("V2", "gering", NOT_MET),
    ("V2", "mittel", PARTLY),
]


@pytest.mark.parametrize(
    "model, relevance, expected",
    [pytest.param(*case, id=f"{case[0]}-{case[1]}") for case in RELEVANCE],
)
def test_relevance(find, model, relevance, expected):
    assert status(find(relevance=relevance), model, "relevance") == expected


# --------------------------------------------------------------------------------------------
# Fit: "kind or size nicht erfüllt -> passt nicht; all erfüllt -> passt; otherwise bedingt."
# --------------------------------------------------------------------------------------------

FIT = [
    pytest.param("V7", {}, FITS, id="all-met"),
    pytest.param("V7a", {}, FAILS, id="kind-not-met"),
    pytest.param("V7", {"inhabitants": 5000}, FAILS, id="size-not-met"),
    pytest.param("V7", {"inhabitants": 22000}, CONDITIONAL, id="size-partly"),
    pytest.param("V10", {"staff_fte": 0.5}, CONDITIONAL, id="staff-not-met-only"),
    pytest.param("V10", {"staff_fte": 1}, CONDITIONAL, id="staff-partly"),
    pytest.param("V7", {"budget_per_inhabitant": 0}, CONDITIONAL, id="budget-not-met-only"),
    pytest.param("V9", {"history": "gering"}, CONDITIONAL, id="history-not-met-only"),
    pytest.param("V9", {"relevance": "gering"}, CONDITIONAL, id="relevance-not-met-only"),
    pytest.param(
        "V9",
        {"history": "gering", "relevance": "gering", "staff_fte": 0, "budget_per_inhabitant": 0},
        CONDITIONAL,
        id="four-not-met-kind-size-ok",
    ),
    pytest.param(
        "V1",
        {"inhabitants": 20000, "history": "gering", "relevance": "gering"},
        FITS,
        id="V1-small-beginner",
    ),
    pytest.param(
        "V7a",
        {
            "kind": "landkreis",
            "municipalities": 40,
            "history": "mittel",
            "relevance": "mittel",
            "staff_fte": 2,
            "budget_per_inhabitant": 1,
        },
        FITS,
        id="V7a-landkreis",
    ),
]


@pytest.mark.parametrize("model, changes, expected", FIT)
def test_fit(find, model, changes, expected):
    assert entry(find(**changes), model)["fit"] == expected


def test_reasons_of_a_perfect_fit_and_of_a_miss(find):
    result = find()
    perfect, miss = entry(result, "V7"), entry(result, "V7a")
    assert perfect["fit"] == FITS and perfect["reasons"]
    assert miss["fit"] == FAILS
    kind_reason = [c["reason"] for c in miss["criteria"] if CRITERIA["kind"](c["criterion"])][0]
    assert kind_reason in miss["reasons"]  # the failed criterion is explained


# --------------------------------------------------------------------------------------------
# Reasons as a council member reads them: first what the Steckbrief asks, then how the
# municipality compares. The exact sentences are the product.
# --------------------------------------------------------------------------------------------

NBSP = "\u00a0"
# A Gemeinde of 12,000 inhabitants at the start of its climate work (the example on /finder/).
SMALL = {
    "kind": "gemeinde",
    "inhabitants": 12000,
    "history": "gering",
    "relevance": "mittel",
    "budget_per_inhabitant": 1,
    "staff_fte": 0.5,
}
GEMEINDE = "Ihre Gemeinde hat 12.000 Einwohnerinnen und Einwohner"
REASONS = [
    ("V5", "kind", {}, MET, "Der Steckbrief sieht das Modell für Gemeinden vor."),
    ("V2", "kind", {}, MET, "Der Steckbrief sieht das Modell für Gemeinden und Landkreise vor."),
    ("V7a", "kind", {}, NOT_MET, "Der Steckbrief sieht das Modell nur für Landkreise vor, nicht für Gemeinden."),
    (
        "V6d-f",
        "size",
        {},
        MET,
        f"Größe laut Steckbrief: ca. 10.000 bis 25.000 EW. {GEMEINDE} und liegt damit im Bereich.",
    ),
    (
        "V6a-c",
        "size",
        {"inhabitants": 28000},
        PARTLY,
        "Größe laut Steckbrief: ca. 10.000 bis 25.000 EW. Ihre Gemeinde hat 28.000 Einwohnerinnen und Einwohner "
        f"und ist damit etwas größer, aber um nicht mehr als 20{NBSP}%.",
    ),
    ("V7", "size", {}, NOT_MET, f"Größe laut Steckbrief: > 25.000 EW. {GEMEINDE} und ist damit deutlich kleiner."),
    (
        "V7",
        "size",
        {"inhabitants": 1},
        NOT_MET,
        "Größe laut Steckbrief: > 25.000 EW. Ihre Gemeinde hat 1 Einwohnerin oder Einwohner und ist damit deutlich "
        "kleiner.",
    ),
    # no bound in the Steckbrief: nothing to compare the inhabitants with
    (
        "V2",
        "size",
        {},
        MET,
        "Größe laut Steckbrief: alle Kommunengrößen. Eine Grenze nach der Einwohnerzahl nennt er nicht.",
    ),
    (
        "V7a",
        "size",
        {"kind": "landkreis", "inhabitants": 9_000_000},
        MET,
        "Größe laut Steckbrief: alle Landkreise. Eine Grenze nach der Einwohnerzahl nennt er nicht.",
    ),
    ("V1", "staff", {}, MET, "Das Modell braucht kein zusätzliches Personal."),
    (
        "V5",
        "staff",
        {},
        MET,
        "Personal laut Steckbrief: mindestens eine halbe Stelle. Ihre Gemeinde kann eine halbe Stelle finanzieren "
        "– das reicht.",
    ),
    (
        "V10",
        "staff",
        {"staff_fte": 1},
        PARTLY,
        f"Personal laut Steckbrief: mindestens 2{NBSP}Stellen. Ihre Gemeinde kann eine Stelle finanzieren, also "
        "mindestens die Hälfte.",
    ),
    (
        "V11",
        "staff",
        {"staff_fte": 0},
        NOT_MET,
        f"Personal laut Steckbrief: mindestens 3{NBSP}Stellen. Ihre Gemeinde kann keine Stelle finanzieren, also "
        "weniger als die Hälfte.",
    ),
    (
        "V7a",
        "staff",
        {"kind": "landkreis", "inhabitants": 250000, "municipalities": 60, "staff_fte": 1.5},
        PARTLY,
        f"Personal laut Steckbrief: mindestens 3{NBSP}Stellen (eine je 20 Gemeinden). Ihr Landkreis kann "
        f"1,5{NBSP}Stellen finanzieren, also mindestens die Hälfte.",
    ),
    ("V4", "budget", {}, MET, "Das Modell braucht kein eigenes Klimaschutzbudget."),
    (
        "V6d-f",
        "budget",
        {},
        MET,
        f"Budget Klimaschutz laut Steckbrief: mindestens 1 bis 3 €/EW im Jahr. Ihre Gemeinde kann "
        f"1{NBSP}€/EW ausgeben – das reicht.",
    ),
    (
        "V2",
        "budget",
        {"budget_per_inhabitant": 2},
        PARTLY,
        f"Budget Klimaschutz laut Steckbrief: mindestens 3 €/EW im Jahr. Ihre Gemeinde kann 2{NBSP}€/EW "
        "ausgeben, also mindestens die Hälfte der Untergrenze.",
    ),
    (
        "V8",
        "budget",
        {},
        NOT_MET,
        f"Budget Klimaschutz laut Steckbrief: 5 bis 10 €/EW und mehr im Jahr. Ihre Gemeinde kann "
        f"1{NBSP}€/EW ausgeben, also weniger als die Hälfte der Untergrenze.",
    ),
    (
        "V6d-f",
        "history",
        {},
        MET,
        "Erfahrung im Klimaschutz laut Steckbrief: gering bis mittel. Ihre Gemeinde hat „gering“ angegeben – das "
        "passt.",
    ),
    (
        "V9",
        "history",
        {},
        NOT_MET,
        "Erfahrung im Klimaschutz laut Steckbrief: hoch. Ihre Gemeinde hat „gering“ angegeben – zwei Stufen weniger.",
    ),
    (
        "V1",
        "history",
        {"history": "mittel"},
        PARTLY,
        "Erfahrung im Klimaschutz laut Steckbrief: gering. Ihre Gemeinde hat „mittel“ angegeben – eine Stufe mehr; "
        "das Modell ist eher für Kommunen mit weniger Erfahrung gedacht.",
    ),
    (
        "V3",
        "relevance",
        {},
        MET,
        "Gewicht des Klimaschutzes bei Verwaltungsspitze und Politik laut Steckbrief: mindestens „mittel“. Ihre "
        "Gemeinde hat „mittel“ angegeben – das reicht.",
    ),
    (
        "V4",
        "relevance",
        {},
        PARTLY,
        "Gewicht des Klimaschutzes bei Verwaltungsspitze und Politik laut Steckbrief: mindestens „hoch“. Ihre "
        "Gemeinde hat „mittel“ angegeben – eine Stufe zu wenig.",
    ),
    (
        "V2",
        "relevance",
        {"relevance": "gering"},
        NOT_MET,
        "Gewicht des Klimaschutzes bei Verwaltungsspitze und Politik laut Steckbrief: mindestens „hoch“. Ihre "
        "Gemeinde hat „gering“ angegeben – zwei Stufen zu wenig.",
    ),
]


@pytest.mark.parametrize(
    "model, criterion, changes, expected_status, sentence",
    [pytest.param(*case, id=f"{case[0]}-{case[1]}-{case[3]}") for case in REASONS],
)
def test_reason_sentences(session, model, criterion, changes, expected_status, sentence):
    result = session.compute("finder", SMALL | changes)
    found = [c for c in entry(result, model)["criteria"] if CRITERIA[criterion](c["criterion"])]
    assert (found[0]["status"], found[0]["reason"]) == (expected_status, sentence)


# --------------------------------------------------------------------------------------------
# Starting point: which model first, what it costs, where the Fokusberatung helps
# --------------------------------------------------------------------------------------------

FOKUSBERATUNG = (
    "Wer im Klimaschutz noch am Anfang steht, kann sich von einer Einstiegsberatung nach der Kommunalrichtlinie "
    "begleiten lassen (früher „Fokusberatung Klimaschutz“): Externe Fachleute erarbeiten mit Verwaltung, Politik "
    "und Akteuren vor Ort in Workshops ein Leitbild, wie der Klimaschutz dauerhaft verankert werden kann. Die "
    "Steckbriefe V 1 und V 2 empfehlen, die ersten Schritte auf diese Weise zu planen. Ob und wie die Beratung "
    "gefördert wird, steht in der jeweils geltenden Fassung der Richtlinie."
)


def _euro(value: float) -> str:
    return f"{round(value):,}".replace(",", ".") + f"{NBSP}€"


def test_small_gemeinde_gets_a_plain_starting_point(session, params_dict):
    result = session.compute("finder", SMALL)
    fits = [m["model"] for m in result["models"] if m["fit"] == FITS]
    assert fits == ["V5", "V6d-f", "V3", "V1"]  # a clear answer: four models fit fully
    cost = params_dict["defaults"]["cost_per_fte"]["value"]
    workplace = params_dict["defaults"]["workplace_cost"]["value"]
    assert result["start"] == {
        "model": "V5",
        "sentences": [
            "Als Startpunkt passt V 5 „Kommunales Energiemanagement (KEM)“: Alle sechs Kriterien des "
            "Finders sind erfüllt.",
            f"Was das kostet: eine halbe Stelle, nach den Standardwerten des Rechners rund {_euro(cost / 2)} "
            f"Personal- und {_euro(workplace / 2)} Arbeitsplatzkosten im Jahr, dazu ein Klimaschutzbudget von "
            f"mindestens 12.000{NBSP}€ im Jahr "
            "(Steckbrief: mindestens 1 €/EW).",
            FOKUSBERATUNG,
        ],
        "calculator_query": "model=V5&inhabitants=12000",
        "advice_url": "leitfaden/fokusberatung/",
        "advice_title": "Einstieg: geförderte Stelle und Fokusberatung Klimaschutz",
    }


def test_starting_point_of_a_conditional_fit_without_beginners_advice(session):
    # 30,000 inhabitants, some history, backing only "mittel": V 7 meets five criteria (Relevanz
    # "hoch" is one level above), more than any other model.
    result = session.compute("finder", BASE | {"inhabitants": 30000, "relevance": "mittel", "history": "mittel"})
    start = result["start"]
    assert start["model"] == result["models"][0]["model"] == "V7"
    assert start["sentences"] == [
        "Am ehesten kommt V 7 „KSM im Fachamt“ infrage: 5 der sechs Kriterien sind erfüllt, die übrigen nur "
        "teilweise oder nicht – die Gründe stehen unten beim Modell.",
        start["sentences"][1],
    ]
    assert start["sentences"][1].startswith("Was das kostet: eine Stelle, ")  # 30,000 / 50,000 rounded up
    assert start["sentences"][1].endswith(
        f"dazu ein Klimaschutzbudget von mindestens 150.000{NBSP}€ im Jahr (Steckbrief: mindestens 5 €/EW)."
    )
    assert (start["advice_url"], start["advice_title"]) == (None, None)  # history "mittel": no Fokusberatung


def test_starting_point_when_no_model_is_possible(params_dict):
    from calc.finder import finder_raw
    from calc.params import Parameters

    only_landkreise = params_dict | {"models": {"V7a": params_dict["models"]["V7a"]}}
    start = finder_raw(SMALL | {"history": "hoch"}, Parameters.from_dict(only_landkreise))["start"]
    assert start["model"] is None and start["calculator_query"] is None
    assert start["sentences"] == [
        "Nach Ihren Angaben kommt keines der Modelle infrage, weil Art oder Größe Ihrer Kommune zu keinem "
        "Steckbrief passen. Prüfen Sie die Angaben oder sehen Sie sich die Übersicht der Modelle an."
    ]


def test_starting_point_cost_without_staff_and_budget(session):
    start = session.compute("finder", SMALL | {"relevance": "gering", "budget_per_inhabitant": 0, "staff_fte": 0})
    assert start["start"]["model"] == "V1"
    assert start["start"]["sentences"][1] == (
        "Was das kostet: kein zusätzliches Personal, dazu kein eigenes Klimaschutzbudget."
    )


# --------------------------------------------------------------------------------------------
# Links into the calculator: always with what the calculator needs, or a friendly sentence
# --------------------------------------------------------------------------------------------

LINKS = [
    pytest.param(SMALL, "V8", "model=V8&inhabitants=12000", None, id="gemeinde"),
    pytest.param(
        SMALL,
        "V7a",
        None,
        "V 7a ist ein Modell für Landkreise; der Rechner braucht dafür die Zahl ihrer Gemeinden. Wählen Sie oben "
        "„Landkreis“ und tragen Sie die Zahl ein, um damit zu rechnen.",
        id="V7a-gemeinde",
    ),
    pytest.param(
        SMALL | {"kind": "landkreis", "inhabitants": 180000},
        "V7a",
        None,
        "Für V 7a rechnet der Rechner mit der Zahl der Gemeinden im Landkreis. Tragen Sie sie oben ein, dann "
        "führt hier ein Link in den Rechner.",
        id="V7a-landkreis-without-gemeinden",
    ),
    pytest.param(
        SMALL | {"kind": "landkreis", "inhabitants": 180000, "municipalities": 34},
        "V7a",
        "model=V7a&inhabitants=180000&municipalities=34",
        None,
        id="V7a-landkreis-with-gemeinden",
    ),
]


@pytest.mark.parametrize("data, model, query, hint", LINKS)
def test_calculator_links(session, data, model, query, hint):
    found = entry(session.compute("finder", data), model)
    assert (found["calculator_query"], found["calculator_hint"]) == (query, hint)


def test_every_link_opens_the_calculator_without_an_error(session):
    """Each query the finder hands out is a valid calculator input (no error state on arrival)."""
    for data in (SMALL, SMALL | {"kind": "landkreis", "inhabitants": 180000, "municipalities": 34}):
        result = session.compute("finder", data)
        for query in [m["calculator_query"] for m in result["models"]] + [result["start"]["calculator_query"]]:
            if query:
                pairs = dict(part.split("=") for part in query.split("&"))
                request = {key: value if key == "model" else int(value) for key, value in pairs.items()}
                assert session.compute("estimate", request)["model"] == pairs["model"]


def test_calculator_asks_kindly_for_the_gemeinden_of_v7a(session):
    with pytest.raises(InputError) as info:
        session.compute("estimate", {"model": "V7a", "inhabitants": 150000})
    assert info.value.field == "municipalities"
    assert info.value.message == (
        "Für V 7a fehlt noch die Zahl der Gemeinden im Landkreis: Der Steckbrief rechnet mit mindestens einer "
        "Stelle je 20 Gemeinden. Bitte tragen Sie die Zahl ein."
    )
    assert info.value.as_dict()["error"]["missing"] is True  # the page asks, it does not mark a mistake


# --------------------------------------------------------------------------------------------
# Order: "passt, then bedingt, then passt nicht; within a class more criteria erfüllt first, then
# the higher Grad der personellen Verstetigung first; then model number."
# --------------------------------------------------------------------------------------------


def test_order_example(find, params_dict):
    # A large Gemeinde with a long history, strong backing, money and staff: V7, V8, V9, V10 and
    # V11 fit fully. Grad der Verstetigung from the Steckbriefe: V9, V10, V11 "sehr hoch";
    # V7, V8 "hoch".
    stage = {key: m["stage"] for key, m in params_dict["models"].items()}
    assert [stage[k] for k in ("V7", "V8", "V9", "V10", "V11")] == [
        "hoch",
        "hoch",
        "sehr hoch",
        "sehr hoch",
        "sehr hoch",
    ]
    result = find()
    order = [m["model"] for m in result["models"]]
    assert order[:5] == ["V9", "V10", "V11", "V7", "V8"]
    assert all(m["fit"] == FITS for m in result["models"][:5])
    assert all(m["fit"] != FITS for m in result["models"][5:])


def test_order_within_bedingt(find):
    # Relevanz only "mittel": no model fits fully. Bedingt with five criteria erfüllt: V9, V10, V11
    # (Verstetigung "sehr hoch"), V7, V8 ("hoch"), V5 ("mittel"; Historie "Gering" two levels
    # off). Then four erfüllt: V7b ("mittel") before V2 ("sehr gering").
    result = find(relevance="mittel")
    order = [m["model"] for m in result["models"]]
    assert order[:8] == ["V9", "V10", "V11", "V7", "V8", "V5", "V7b", "V2"]
    assert all(m["fit"] == CONDITIONAL for m in result["models"][:8])
    assert all(m["fit"] == FAILS for m in result["models"][8:])


def test_passt_before_bedingt_before_passt_nicht(find):
    result = find(history="gering")
    fits = [m["fit"] for m in result["models"]]
    assert fits == sorted(fits, key=(FITS, CONDITIONAL, FAILS).index)
    order = [m["model"] for m in result["models"]]
    assert entry(result, "V8")["fit"] == FITS  # Historie "Gering bis hoch"
    assert entry(result, "V7")["fit"] == CONDITIONAL  # Historie "Mittel bis hoch"
    assert order.index("V8") < order.index("V7")


@st.composite
def finder_inputs(draw):
    data = {
        "kind": draw(st.sampled_from(("gemeinde", "landkreis"))),
        "inhabitants": draw(st.integers(min_value=1, max_value=10_000_000)),
        "history": draw(st.sampled_from(LEVELS)),
        "relevance": draw(st.sampled_from(LEVELS)),
        "budget_per_inhabitant": draw(
            st.one_of(
                st.integers(min_value=0, max_value=20),
                st.floats(min_value=0, max_value=1000, allow_nan=False),
            )
        ),
        "staff_fte": draw(
            st.one_of(
                st.sampled_from((0, 0.5, 1, 1.5, 2, 3, 5)),
                st.floats(min_value=0, max_value=1000, allow_nan=False),
            )
        ),
    }
    if draw(st.booleans()):
        data["municipalities"] = draw(st.integers(min_value=1, max_value=1000))
    return data


@PROPERTY
@given(data=finder_inputs())
def test_order_and_fit_properties(session, params_dict, data):
    result = session.compute("finder", data)
    models = result["models"]
    assert sorted(m["model"] for m in models) == sorted(MODELS)

    def key(m):
        met = sum(c["status"] == MET for c in m["criteria"])
        stage = STAGES.index(params_dict["models"][m["model"]]["stage"])
        return ((FITS, CONDITIONAL, FAILS).index(m["fit"]), -met, -stage, MODELS.index(m["model"]))

    keys = [key(m) for m in models]
    assert keys == sorted(keys), [m["model"] for m in models]

    for m in models:
        statuses = {name: status(result, m["model"], name) for name in CRITERIA}
        if NOT_MET in (statuses["kind"], statuses["size"]):
            expected = FAILS
        elif all(s == MET for s in statuses.values()):
            expected = FITS
        else:
            expected = CONDITIONAL
        assert m["fit"] == expected, (m["model"], statuses)
        assert m["reasons"]
        assert statuses["kind"] == kind_status(m["model"], data["kind"])


# --------------------------------------------------------------------------------------------
# Input errors
# --------------------------------------------------------------------------------------------


def _with(**changes):
    data = dict(BASE)
    for key, value in changes.items():
        if value is _DROP:
            data.pop(key, None)
        else:
            data[key] = value
    return data


_DROP = object()
NAN, INF = float("nan"), float("inf")

ERRORS = [
    pytest.param(_with(kind=_DROP), "kind", r"Art|Kommune", id="kind-missing"),
    pytest.param(_with(kind="stadt"), "kind", r"Art|Kommune", id="kind-unknown"),
    pytest.param(_with(kind=1), "kind", r"Art|Kommune", id="kind-number"),
    pytest.param(_with(inhabitants=_DROP), "inhabitants", r"Einwohner", id="inhabitants-missing"),
    pytest.param(_with(inhabitants=0), "inhabitants", r"Einwohner", id="inhabitants-0"),
    pytest.param(_with(inhabitants=10_000_001), "inhabitants", r"Einwohner", id="inhabitants-10_000_001"),
    pytest.param(_with(inhabitants=2.5), "inhabitants", r"Einwohner", id="inhabitants-2.5"),
    pytest.param(_with(inhabitants="8000"), "inhabitants", r"Einwohner", id="inhabitants-string"),
    pytest.param(_with(inhabitants=True), "inhabitants", r"Einwohner", id="inhabitants-true"),
    pytest.param(_with(inhabitants=NAN), "inhabitants", r"Einwohner", id="inhabitants-nan"),
    pytest.param(_with(municipalities=0), "municipalities", r"Gemeinden", id="municipalities-0"),
    pytest.param(_with(municipalities=1001), "municipalities", r"Gemeinden", id="municipalities-1001"),
    pytest.param(_with(municipalities=1.5), "municipalities", r"Gemeinden", id="municipalities-1.5"),
    pytest.param(_with(history=_DROP), "history", r"Historie", id="history-missing"),
    pytest.param(_with(history="sehr hoch"), "history", r"Historie", id="history-unknown"),
    pytest.param(_with(history=2), "history", r"Historie", id="history-number"),
    pytest.param(_with(relevance=_DROP), "relevance", r"Relevanz", id="relevance-missing"),
    pytest.param(_with(relevance="extrem"), "relevance", r"Relevanz", id="relevance-unknown"),
    pytest.param(_with(budget_per_inhabitant=_DROP), "budget_per_inhabitant", r"Budget", id="budget-missing"),
    pytest.param(_with(budget_per_inhabitant=-1), "budget_per_inhabitant", r"Budget", id="budget-negative"),
    pytest.param(_with(budget_per_inhabitant="5"), "budget_per_inhabitant", r"Budget", id="budget-string"),
    pytest.param(_with(budget_per_inhabitant=NAN), "budget_per_inhabitant", r"Budget", id="budget-nan"),
    pytest.param(_with(budget_per_inhabitant=INF), "budget_per_inhabitant", r"Budget", id="budget-inf"),
    pytest.param(
        _with(budget_per_inhabitant=10**400),
        "budget_per_inhabitant",
        r"Budget",
        id="budget-huge-integer",
    ),
    pytest.param(_with(staff_fte=_DROP), "staff_fte", r"Stellen", id="staff-missing"),
    pytest.param(_with(staff_fte=-0.5), "staff_fte", r"Stellen", id="staff-negative"),
    pytest.param(_with(staff_fte="1"), "staff_fte", r"Stellen", id="staff-string"),
    pytest.param(_with(staff_fte=INF), "staff_fte", r"Stellen", id="staff-inf"),
    pytest.param(_with(staff_fte=False), "staff_fte", r"Stellen", id="staff-false"),
    pytest.param(_with(model="V7"), "model", r"model", id="unknown-key-model"),
    pytest.param([], "", r"Objekt|JSON", id="input-list"),
    pytest.param("gemeinde", "", r"Objekt|JSON", id="input-string"),
    pytest.param(None, "", r"Objekt|JSON", id="input-null"),
]


@pytest.mark.parametrize("data, field, match", ERRORS)
def test_input_errors(session, data, field, match):
    with pytest.raises(InputError, match=match) as info:
        session.compute("finder", data)
    assert info.value.field == field
    assert_german(info.value.message)
    assert info.value.missing is (isinstance(data, dict) and data.get(field) in (None, ""))


@pytest.mark.parametrize(
    ("extra", "posts", "share"),
    [({"municipalities": 40}, f"2{NBSP}Stellen", 2), ({}, "eine Stelle", 1)],  # without Gemeinden: the minimum
    ids=["with-municipalities", "minimum-without-municipalities"],
)
def test_cost_sentence_of_a_landkreis_names_personnel_and_workplace(session, params_dict, extra, posts, share):
    data = {"kind": "landkreis", "inhabitants": 250_000, "history": "mittel", "relevance": "mittel"}
    start = session.compute("finder", data | {"budget_per_inhabitant": 1, "staff_fte": 2} | extra)["start"]
    cost = params_dict["defaults"]["cost_per_fte"]["value"] * share
    workplace = params_dict["defaults"]["workplace_cost"]["value"] * share
    assert start["model"] == "V7a"
    assert start["sentences"][1] == (
        f"Was das kostet: {posts}, nach den Standardwerten des Rechners rund {_euro(cost)} Personal- und "
        f"{_euro(workplace)} Arbeitsplatzkosten im Jahr, dazu ein Klimaschutzbudget von mindestens "
        f"250.000{NBSP}€ im Jahr (Steckbrief: mindestens 1 €/EW)."
    )
