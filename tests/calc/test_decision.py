"""The decision tool (shared/design/decision-tool.md §1–4): calendar years, years of funding already
behind, funded posts, pay rises, workplace costs, the rules in force, the step after funding and
``compare``. Expected values are worked out here from the contract, not read from the code."""

from __future__ import annotations

import copy
import json
import re
from html import unescape

import pytest
from calc_spec import PROPERTY, assert_german
from hypothesis import given
from hypothesis import strategies as st

from calc.api import Session
from calc.errors import InputError
from calc.render import council_summary

FLAT = {"pay_rise": 0, "workplace_cost": 0}  # the rows of calculator-rules.md
LANDKREIS = {"model": "V7a", "inhabitants": 250_000, "municipalities": 40}  # 2 posts, 1 €/EW budget
V8 = {"model": "V8", "inhabitants": 80_000}  # 2 posts, 5 €/EW budget


@pytest.fixture(scope="module")
def run(session):
    def _run(**data):
        return session.compute("estimate", data)

    return _run


def _error(session, command: str, data: dict) -> InputError:
    with pytest.raises(InputError) as caught:
        session.compute(command, data)
    assert_german(caught.value.message)
    return caught.value


# --------------------------------------------------------------------------------------------
# The council's question
# --------------------------------------------------------------------------------------------


def test_the_issue_example_landkreis_after_anschluss(run):
    """2 posts at 80.000 €, Anschlussvorhaben 40 % from 2026: funded 2026–2028, alone from 2029."""
    result = run(**LANDKREIS, **FLAT, funding="anschluss")
    assert [y["calendar_year"] for y in result["projection"]] == list(range(2026, 2034))
    assert [y["funding"] for y in result["projection"][:4]] == [64_000, 64_000, 64_000, 0]
    assert result["after_funding"] == {
        "calendar_year": 2029,
        "own_share": 160_000,
        "increase": 64_000,
        "per_inhabitant": 1.64,  # (160.000 + 250.000 budget) / 250.000
    }


def test_two_of_three_anschluss_years_behind(run):
    # "anschluss with 2 done -> row 1 is Anschlussvorhaben year 3, row 2 has no funding"
    result = run(**LANDKREIS, **FLAT, funding="anschluss", funding_years_done=2, first_year=2027)
    first, second = result["projection"][:2]
    assert (first["calendar_year"], first["phase"], first["funding"]) == (2027, "Anschlussvorhaben", 64_000)
    assert (second["calendar_year"], second["phase"], second["funding"]) == (2028, "Eigenfinanzierung", 0)
    assert result["after_funding"]["calendar_year"] == 2028
    assert result["inputs"]["funding_years_done"] == 2


def test_first_year_defaults_to_the_year_of_the_content_stand(run, params):
    assert run(**V8)["projection"][0]["calendar_year"] == params.first_year == 2026


# "funding_years_done: larger than the line -> field error"; the line's own length is allowed.
DONE = [
    pytest.param("erst+anschluss", 0, ["Erstvorhaben"] * 2 + ["Anschlussvorhaben"] * 3, id="erst-0"),
    pytest.param("erst+anschluss", 2, ["Anschlussvorhaben"] * 3, id="erst-2"),
    pytest.param("erst+anschluss", 4, ["Anschlussvorhaben"], id="erst-4"),
    pytest.param("erst+anschluss", 5, [], id="erst-5-all-done"),
    pytest.param("anschluss", 1, ["Anschlussvorhaben"] * 2, id="anschluss-1"),
    pytest.param("anschluss", 3, [], id="anschluss-3-all-done"),
    pytest.param("koordination", 3, ["Klimaschutzkoordination"], id="koordination-3"),
]


@pytest.mark.parametrize("funding, done, funded_phases", DONE)
def test_years_done_cut_the_line(run, funding, done, funded_phases):
    result = run(**LANDKREIS, **FLAT, funding=funding, funding_years_done=done)
    rows = result["projection"]
    assert [y["phase"] for y in rows[: len(funded_phases)]] == funded_phases
    assert all(y["funding"] == 0 and y["phase"] == "Eigenfinanzierung" for y in rows[len(funded_phases) :])
    if funded_phases:
        assert result["after_funding"]["calendar_year"] == 2026 + len(funded_phases)
    else:  # no funded row before the first unfunded one: nothing to step from
        assert result["after_funding"] is None


@pytest.mark.parametrize(
    "funding, done",
    [("erst+anschluss", 6), ("anschluss", 4), ("koordination", 5), ("anschluss", -1), ("none", 1)],
)
def test_years_done_beyond_the_line_is_a_field_error(session, funding, done):
    error = _error(session, "estimate", dict(LANDKREIS, funding=funding, funding_years_done=done))
    assert error.field == "funding_years_done"


def test_years_done_message_names_the_line_length(session):
    error = _error(session, "estimate", dict(LANDKREIS, funding="anschluss", funding_years_done=4))
    assert error.message == (
        "Bitte geben Sie die Zahl der bereits geförderten Jahre als ganze Zahl zwischen 0 und 3 an."
    )


# --------------------------------------------------------------------------------------------
# Funded posts, pay rise, workplace
# --------------------------------------------------------------------------------------------

FUNDED = [
    pytest.param(None, 64_000, id="default-all-recommended"),
    pytest.param(2.0, 64_000, id="all"),
    pytest.param(1.0, 32_000, id="one-of-two"),
    pytest.param(0.5, 16_000, id="half"),
    pytest.param(0, 0, id="none-funded"),
]


@pytest.mark.parametrize("funded, funding", FUNDED)
def test_funded_fte(run, funded, funding):
    data = dict(V8, **FLAT, funding="anschluss")
    if funded is not None:
        data["funded_fte"] = funded
    result = run(**data)
    first = result["projection"][0]
    assert first["funding"] == funding  # 40 % of funded posts × 80.000 €
    assert first["own_share"] == 160_000 - funding
    assert result["inputs"]["funded_fte"] == (2.0 if funded is None else funded)
    if funding == 0:
        assert result["after_funding"] is None
    elif funded is not None and funded < 2:
        assert any("trägt die Kommune von Anfang an selbst" in w for w in result["warnings"])


@pytest.mark.parametrize(
    "data, message",
    [
        pytest.param(
            dict(V8, funding="anschluss", funded_fte=2.5),
            "Gefördert werden können höchstens die Stellen, die der Rechner für V 8 empfiehlt (2\u00a0VZÄ); "
            "bitte geben Sie eine Zahl zwischen 0 und 2 an.",
            id="more-than-recommended",
        ),
        pytest.param(
            dict(model="V8", inhabitants=50_000, funding="anschluss", funded_fte=2),
            "Gefördert werden können höchstens die Stellen, die der Rechner für V 8 empfiehlt (1\u00a0VZÄ); "
            "bitte geben Sie eine Zahl zwischen 0 und 1 an.",
            id="one-post",
        ),
        pytest.param(
            dict(model="V1", inhabitants=80_000, funding="anschluss", funded_fte=1),
            "Für V 1 sieht der Rechner keine eigenen Stellen vor, also auch keine geförderten; bitte lassen "
            "Sie das Feld leer oder geben Sie 0 an.",
            id="model-without-posts",
        ),
    ],
)
def test_funded_fte_above_the_recommended_posts_is_a_field_error(session, data, message):
    error = _error(session, "estimate", data)
    assert error.field == "funded_fte"
    assert error.message == message


def test_partly_funded_posts_are_named_in_one_sentence(run):
    result = run(model="V9", inhabitants=80_000, funding="erst+anschluss", funded_fte=1)
    sentence = "Die Förderung deckt nur 1\u00a0VZÄ von 2\u00a0VZÄ; den Rest (1\u00a0VZÄ) trägt die Kommune"
    assert sentence + " von Anfang an selbst." in result["warnings"]


def test_funded_fte_exactly_the_recommended_posts_is_accepted(run):
    assert run(**V8, funding="anschluss", funded_fte=2)["inputs"]["funded_fte"] == 2


def test_pay_rise_compounds_from_row_two(run):
    rows = run(**V8, pay_rise=3, workplace_cost=0, funding="anschluss")["projection"]
    assert [y["personnel"] for y in rows[:3]] == [160_000, 164_800, 169_744]
    # funding follows the funded posts' cost of the year: 40 % of 164.800
    assert rows[1]["funding"] == 65_920


def test_workplace_cost_is_per_post_and_not_indexed(run):
    rows = run(**V8, pay_rise=5, workplace_cost=10_000)["projection"]
    assert {y["workplace"] for y in rows} == {20_000}
    assert rows[0]["own_share"] == 180_000
    assert rows[0]["own_total"] == 180_000 + 400_000  # budget V 8: 5 €/EW × 80.000


def test_defaults_come_from_content(run, params):
    inputs = run(**V8)["inputs"]
    assert inputs["pay_rise"] == params.pay_rise.value == 2.8
    assert inputs["workplace_cost"] == params.workplace_cost.value == 9082
    assert inputs["cost_per_fte"] == params.cost_per_fte.value == 80_000
    assert inputs["rules"] == params.default_rules == "krl-2024"
    assert inputs["financially_weak"] is False


def test_financially_weak_default_is_not_weak_with_funding(run):
    """Leaving out financially_weak must give the normal rate (70 %), not the weak one (90 %)."""
    rows = run(**V8, **FLAT, funding="erst+anschluss")["projection"]
    assert rows[0]["rate"] == 0.7 and rows[0]["funding"] == 112_000


# --------------------------------------------------------------------------------------------
# Rules in force, for every funding line
# --------------------------------------------------------------------------------------------

# (rules, funding, weak) -> [(phase, rate, years)] – the rates of content/rechner.yml's sources:
# KRL 2021/2022 Nr. 7.3/7.5 (weak Erstvorhaben 90 % for applications from 2023) and the summaries
# of the KRL 2024.
SCHEDULES = {
    "erst+anschluss": ([("Erstvorhaben", 0.7, 2), ("Anschlussvorhaben", 0.4, 3)], [0.9, 0.6]),
    "anschluss": ([("Anschlussvorhaben", 0.4, 3)], [0.6]),
    "koordination": ([("Klimaschutzkoordination", 0.7, 4)], [0.9]),
}
RULE_CASES = [
    pytest.param(rules, funding, weak, id=f"{rules}-{funding}-{'weak' if weak else 'normal'}")
    for rules in ("krl-2024", "krl-2022")
    for funding in SCHEDULES
    for weak in (False, True)
]


@pytest.mark.parametrize("rules, funding, weak", RULE_CASES)
def test_each_funding_line_under_both_rule_sets(run, rules, funding, weak):
    phases, weak_rates = SCHEDULES[funding]
    result = run(**LANDKREIS, **FLAT, funding=funding, rules=rules, financially_weak=weak, years=8)
    expected = [
        (name, weak_rates[i] if weak else rate) for i, (name, rate, years) in enumerate(phases) for _ in range(years)
    ]
    rows = result["projection"]
    assert [(y["phase"], y["rate"]) for y in rows[: len(expected)]] == expected
    assert all(y["funding"] == round(160_000 * y["rate"]) for y in rows)
    assert all(y["phase"] == "Eigenfinanzierung" for y in rows[len(expected) :])
    assert any(result["inputs"]["rules"] and "Stand" in s and "Nr. 4.1" in s for s in result["sources"])


@pytest.mark.parametrize("rules", ["krl-2024", "krl-2022"])
def test_sources_say_how_sure_each_rate_is(run, rules):
    sources = run(**LANDKREIS, funding="erst+anschluss", rules=rules)["sources"]
    funding_sources = [s for s in sources if s.startswith("Kommunalrichtlinie")]
    assert len(funding_sources) == 2  # Erstvorhaben, Anschlussvorhaben
    for source in funding_sources:
        assert any(word in source for word in ("geprüft", "Sekundärquelle", "ungeprüft")), source
        assert "Nr. 4.1.8" in source


def test_unknown_rules_is_a_field_error(session):
    error = _error(session, "estimate", dict(V8, rules="krl-2019"))
    assert error.field == "rules"
    assert "„krl-2019“" in error.message and "Kommunalrichtlinie 2024" in error.message


def test_koordination_warns_that_it_is_no_follow_up_for_the_county_ksm(run, params, session):
    result = run(**LANDKREIS, funding="koordination")
    way = params.funding["koordination"]
    assert way.note in result["warnings"]
    assert "nicht das eigene Klimaschutzmanagement des Kreises" in way.note
    html = json.loads(session.run("estimate", json.dumps(dict(LANDKREIS, funding="koordination"))))["html"]
    assert f'href="../{way.note_url}"' in html and way.note_url == "leitfaden/klimaschutzkoordination-landkreis/"


def test_v7a_says_its_posts_are_the_minimum(run):
    notes = run(**LANDKREIS)["notes"]
    assert any("Minimum" in n and "20 Gemeinden" in n for n in notes)


@pytest.mark.parametrize("model", ["V6a-c", "V6d-f"])
def test_v6_says_what_is_costed(run, model):
    notes = run(model=model, inhabitants=20_000)["notes"]
    assert len(notes) == 1 and "Der Rechner" in notes[0]


def test_land_rule_is_named_with_funding_only(run):
    assert any("Niedersachsen" in n for n in run(**V8, funding="anschluss")["notes"])
    assert not any("Niedersachsen" in n for n in run(**V8)["notes"])


# --------------------------------------------------------------------------------------------
# after_funding and totals
# --------------------------------------------------------------------------------------------


def test_after_funding_is_null_without_funding(run):
    assert run(**V8)["after_funding"] is None


@pytest.mark.parametrize("years, more", [(3, 1), (2, 2), (1, 3)])
def test_projection_ending_while_funded_says_how_many_years_more(run, years, more):
    result = run(**V8, funding="anschluss", years=years)
    assert result["after_funding"] is None
    word = "Jahr" if more == 1 else "Jahre"
    assert any(f"um {more} {word}" in w for w in result["warnings"]), result["warnings"]


def test_projection_one_year_past_funding_shows_the_step(run):
    result = run(**V8, funding="anschluss", years=4)
    assert result["after_funding"]["calendar_year"] == 2029
    assert not any("verlängern" in w for w in result["warnings"])


def test_totals_in_the_example(run):
    totals = run(**LANDKREIS, **FLAT, funding="anschluss", years=4)["totals"]
    assert totals == {
        "personnel": 640_000,
        "workplace": 0,
        "funding": 192_000,
        "own_share": 448_000,
        "budget_min": 1_000_000,
        "own_total": 1_448_000,
    }


# --------------------------------------------------------------------------------------------
# Input bounds of the new fields
# --------------------------------------------------------------------------------------------

BAD = [
    pytest.param("first_year", 1999, "zwischen 2000 und 2100", id="first_year-1999"),
    pytest.param("first_year", 2101, "zwischen 2000 und 2100", id="first_year-2101"),
    pytest.param("first_year", 2026.5, "ganze Zahl", id="first_year-fraction"),
    pytest.param("first_year", "2026", "ganze Zahl", id="first_year-text"),
    pytest.param("pay_rise", -0.1, "zwischen 0 und 10", id="pay_rise-negative"),
    pytest.param("pay_rise", 10.01, "zwischen 0 und 10", id="pay_rise-above"),
    pytest.param("pay_rise", True, "Zahl", id="pay_rise-bool"),
    pytest.param("workplace_cost", -1, "zwischen 0 und 100.000", id="workplace-negative"),
    pytest.param("workplace_cost", 100_001, "zwischen 0 und 100.000", id="workplace-above"),
    pytest.param("funded_fte", -0.5, "Zahl", id="funded-negative"),
    pytest.param("funded_fte", "eins", "Zahl", id="funded-text"),
    pytest.param("rules", 2024, "nicht vorgesehen", id="rules-number"),
]


@pytest.mark.parametrize("field, value, words", BAD)
def test_bad_new_fields(session, field, value, words):
    error = _error(session, "estimate", dict(V8, funding="anschluss", **{field: value}))
    assert error.field == field
    assert words in error.message


@pytest.mark.parametrize(
    "field, value",
    [("first_year", 2000), ("first_year", 2100), ("pay_rise", 0), ("pay_rise", 10), ("workplace_cost", 100_000)],
)
def test_bounds_of_new_fields_are_accepted(run, field, value):
    assert run(**V8, **{field: value})["inputs"][field] == value


# --------------------------------------------------------------------------------------------
# Flat amounts and caps (KRL 2024's "pauschalisierte Ansätze"): the rules can state them
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def flat_session(params_dict):
    data = copy.deepcopy(params_dict)
    rules = next(r for r in data["rules"] if r["id"] == "krl-2024")
    rules["phases"]["anschluss"] = [
        dict(rules["phases"]["anschluss"][0], flat_per_fte=50_000, max_fte=1.5),
    ]
    return Session(data)


def test_flat_amount_per_funded_post(flat_session):
    result = flat_session.compute("estimate", dict(V8, **FLAT, funding="anschluss"))
    assert result["inputs"]["funded_fte"] == 1.5  # default: the rules' cap
    assert result["projection"][0]["funding"] == 30_000  # 40 % × 50.000 € × 1,5 posts


def test_flat_amount_never_exceeds_the_cost(flat_session):
    result = flat_session.compute("estimate", dict(V8, **FLAT, funding="anschluss", cost_per_fte=10_000))
    # 40 % × 1,5 × 50.000 € = 30.000 € would exceed what 1,5 posts cost (1,5 × 10.000 €)
    assert result["projection"][0]["funding"] == 15_000


def test_cap_limits_a_larger_funded_fte_and_says_so(flat_session):
    result = flat_session.compute("estimate", dict(V8, **FLAT, funding="anschluss", funded_fte=2))
    assert result["projection"][0]["funding"] == 30_000
    assert any("höchstens 1,5" in w for w in result["warnings"])


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


@st.composite
def decision_inputs(draw):
    model = draw(st.sampled_from(["V5", "V7", "V7a", "V8", "V10", "V11"]))
    funding = draw(st.sampled_from(["none", "erst+anschluss", "anschluss", "koordination"]))
    line = {"none": 0, "erst+anschluss": 5, "anschluss": 3, "koordination": 4}[funding]
    data = {
        "model": model,
        "inhabitants": draw(st.integers(1, 2_000_000)),
        "funding": funding,
        "rules": draw(st.sampled_from(["krl-2024", "krl-2022"])),
        "financially_weak": draw(st.booleans()),
        "years": draw(st.integers(1, 20)),
        "first_year": draw(st.integers(2000, 2100)),
        "funding_years_done": draw(st.integers(0, line)),
        "pay_rise": draw(st.floats(0, 10, allow_nan=False)),
        "workplace_cost": draw(st.integers(0, 100_000)),
        "cost_per_fte": draw(st.integers(10_000, 500_000)),
    }
    if model == "V7a":
        data["municipalities"] = draw(st.integers(1, 1000))
    return data


@PROPERTY
@given(data=decision_inputs(), share=st.floats(0, 1))
def test_decision_invariants(session, data, share):
    recommended = session.compute("estimate", data)["fte"]["recommended"]
    data["funded_fte"] = round(recommended * share * 2) / 2
    result = session.compute("estimate", data)
    rows = result["projection"]
    rise = data["pay_rise"] / 100
    for i, row in enumerate(rows):
        funded_cost = data["funded_fte"] * data["cost_per_fte"] * (1 + rise) ** i
        assert 0 <= row["funding"] <= funded_cost + 0.5  # never more than the funded posts cost
        assert row["own_share"] == row["personnel"] + row["workplace"] - row["funding"]
        assert row["own_total"] == row["own_share"] + row["budget_min"]
        assert row["calendar_year"] == data["first_year"] + i
        assert all(isinstance(row[k], int) for k in ("personnel", "workplace", "funding", "own_share"))
    for key, total in result["totals"].items():
        assert total == sum(row[key] for row in rows)  # sums of the rounded rows
    after = result["after_funding"]
    if after is not None:
        k = next(i for i, row in enumerate(rows) if row["calendar_year"] == after["calendar_year"])
        assert rows[k - 1]["funding"] > 0 and rows[k]["funding"] == 0
        assert all(row["funding"] > 0 for row in rows[:k]) or data["funding_years_done"] > 0
        assert after["own_share"] == rows[k]["own_share"]
        assert after["increase"] == rows[k]["own_share"] - rows[k - 1]["own_share"]
        assert after["per_inhabitant"] == round(rows[k]["own_total"] / data["inhabitants"], 2)
    for text in result["warnings"] + result["notes"]:
        assert_german(text)


@PROPERTY
@given(data=decision_inputs())
def test_zero_rise_and_workplace_give_the_old_rows(session, data):
    data.update(pay_rise=0, workplace_cost=0)
    result = session.compute("estimate", data)
    assert {row["personnel"] for row in result["projection"]} == {result["personnel_eur_per_year"]}
    assert all(row["own_share"] == row["personnel"] - row["funding"] for row in result["projection"])


# --------------------------------------------------------------------------------------------
# compare
# --------------------------------------------------------------------------------------------


def test_compare_gives_exactly_what_estimate_gives(session):
    base = {"inhabitants": 250_000, "municipalities": 40, "funding": "anschluss", "funding_years_done": 1}
    result = session.compute("compare", dict(base, models=["V7a", "v 10", "V8"]))
    assert [r["model"] for r in result["results"]] == ["V7a", "V10", "V8"]
    for r, key in zip(result["results"], ["V7a", "V10", "V8"], strict=True):
        assert r == session.compute("estimate", dict(base, model=key))
    assert result["warnings"] == [
        "Der Vergleich mischt Modelle für Landkreise (V 7a) mit Modellen für Gemeinden (V 8); "
        "es kann nur eine der beiden Gruppen zu Ihrer Kommune passen."
    ]


def test_compare_of_municipal_models_has_no_warning(session):
    assert session.compute("compare", {"models": ["V7", "V8"], "inhabitants": 80_000})["warnings"] == []


COMPARE_BAD = [
    pytest.param({"models": ["V7"]}, "models", "2 bis 4", id="one-model"),
    pytest.param({"models": ["V1", "V2", "V3", "V4", "V5"]}, "models", "2 bis 4", id="five-models"),
    pytest.param({"models": "V7,V8"}, "models", "2 bis 4", id="not-a-list"),
    pytest.param({"models": ["V7", "v 7"]}, "models", "V 7 steht mehrfach", id="repeated"),
    pytest.param({"models": ["V7", "V99"]}, "models", "„V99“ gibt es nicht", id="unknown"),
    pytest.param({"models": ["V7", "V8"], "model": "V7"}, "model", "unbekannt", id="model-instead"),
    pytest.param({"models": ["V7", "V7a"]}, "municipalities", "Gemeinden", id="v7a-needs-municipalities"),
    pytest.param({"models": ["V7", "V8"], "funded_fte": 1.5}, "funded_fte", "V 7", id="funded-above-one-model"),
]


@pytest.mark.parametrize("data, field, words", COMPARE_BAD)
def test_compare_errors(session, data, field, words):
    error = _error(session, "compare", dict({"inhabitants": 50_000}, **data))
    assert error.field == field
    assert words in error.message


def test_form_compare_list_runs_compare_and_names_the_form_field(session):
    answer = json.loads(
        session.run("estimate", json.dumps({"model": "V7", "inhabitants": "50.000", "compare": ["V8"]}), form=True)
    )
    assert answer["command"] == "compare"
    assert [r["model"] for r in answer["result"]["results"]] == ["V7", "V8"]
    assert answer["input"]["compare"] == ["V8"]
    bad = json.loads(
        session.run("estimate", json.dumps({"model": "V7", "inhabitants": "1", "compare": ["V7"]}), form=True)
    )
    assert bad["error"]["field"] == "compare"
    single = json.loads(
        session.run("estimate", json.dumps({"model": "V7", "inhabitants": "1", "compare": []}), form=True)
    )
    assert single["command"] == "estimate"


# --------------------------------------------------------------------------------------------
# Model-specific warnings come from content
# --------------------------------------------------------------------------------------------


def test_v3_warning_for_a_large_municipality_is_its_own_and_first(run):
    warnings = run(model="V3", inhabitants=400_000)["warnings"]
    assert warnings[0] == (
        "V 3 ist für kleine Gemeinden gedacht, die vom Klimaschutzmanagement des Landkreises betreut "
        "werden; bei 400.000\xa0EW ist ein eigenes Klimaschutzmanagement angebracht."
    )
    assert not any("außerhalb der Größe" in w for w in warnings)


def test_other_models_get_the_general_size_warning_on_the_limit(run, params):
    lower = params.models["V7"].size.min  # "> 25.000 EW"
    assert run(model="V7", inhabitants=lower)["warnings"] == []  # on the limit: inside
    below = run(model="V7", inhabitants=lower - 1)["warnings"]
    assert below == [
        "Mit 24.999\xa0EW liegt die Kommune außerhalb der Größe, für die der Steckbrief V 7 das Modell "
        "empfiehlt (> 25.000 EW)."
    ]
    upper = params.models["V4"].size.max  # "Ca. 5.000 bis 25.000 EW"
    assert run(model="V4", inhabitants=upper)["warnings"] == []
    assert "(ca. 5.000 bis 25.000 EW)" in run(model="V4", inhabitants=upper + 1)["warnings"][0]


# --------------------------------------------------------------------------------------------
# The council's sentence when no step after funding falls in the period (calc.render)
# --------------------------------------------------------------------------------------------

# V 8 with 80,000 EW: 2 posts at 80,000 € = 160,000 €, budget 5 €/EW = 400,000 €. Without funding the
# municipality carries all of it: (160,000 + 400,000) / 80,000 = 7,00 €/EW. With the Anschlussvorhaben
# (40 % for a municipality that is not financially weak) over the whole period it carries 96,000 € of
# the personnel cost: (96,000 + 400,000) / 80,000 = 6,20 €/EW, and the funding outlasts the period.
COUNCIL_WITHOUT_STEP = [
    pytest.param(
        {"funding": "none"},
        "Im Jahr 2026 trägt die Kommune 160.000\u00a0€ Personal- und Arbeitsplatzkosten; mit dem Budget "
        "Klimaschutz sind das 7,00\u00a0€ je Einwohnerin und Einwohner.",
        id="no-funding",
    ),
    pytest.param(
        {"funding": "anschluss", "years": 2},
        "Im Jahr 2026 trägt die Kommune 96.000\u00a0€ Personal- und Arbeitsplatzkosten nach Abzug der "
        "Förderung; mit dem Budget Klimaschutz sind das 6,20\u00a0€ je Einwohnerin und Einwohner. Die "
        "Förderung reicht mindestens bis zum Ende des gewählten Zeitraums (siehe Hinweise).",
        id="funding-outlasts-the-period",
    ),
    pytest.param(
        {"funding": "anschluss", "years": 3},
        "Im Jahr 2026 trägt die Kommune 96.000\u00a0€ Personal- und Arbeitsplatzkosten nach Abzug der "
        "Förderung; mit dem Budget Klimaschutz sind das 6,20\u00a0€ je Einwohnerin und Einwohner. Die "
        "Förderung reicht mindestens bis zum Ende des gewählten Zeitraums (siehe Hinweise).",
        id="funding-ends-with-the-period",
    ),
]


@pytest.mark.parametrize("extra, sentence", COUNCIL_WITHOUT_STEP)
def test_council_sentence_without_a_step_after_funding(run, extra, sentence):
    data = {**V8, **FLAT, "cost_per_fte": 80_000, "first_year": 2026, "financially_weak": False, **extra}
    result = run(**data)
    assert result["after_funding"] is None
    text = unescape(re.sub(r"<[^>]+>", "", council_summary(result)))
    assert text == sentence


@pytest.mark.parametrize(
    "years, warning",
    [
        (
            2,
            "Der Zeitraum endet vor dem letzten Jahr der Förderung; verlängern Sie ihn um 2 Jahre, um das erste "
            "Jahr der vollen Eigenfinanzierung zu sehen.",
        ),
        (
            3,
            "Der Zeitraum endet mit dem letzten Jahr der Förderung; verlängern Sie ihn um 1 Jahr, um das erste "
            "Jahr der vollen Eigenfinanzierung zu sehen.",
        ),
        (4, None),  # 2029 is the first year without funding
    ],
)
def test_a_period_without_a_year_after_funding_says_how_much_longer_it_must_be(run, years, warning):
    """Anschlussvorhaben: three funded years, 2026-2028."""
    result = run(**V8, funding="anschluss", years=years)
    found = [w for w in result["warnings"] if w.startswith("Der Zeitraum endet")]
    assert found == ([warning] if warning else [])
    assert (result["after_funding"] is None) == (warning is not None)
