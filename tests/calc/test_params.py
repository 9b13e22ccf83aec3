"""``Parameters.from_dict``: every field of the JSON-friendly parameters arrives in the value objects
unchanged (the build writes that JSON for the browser; a field lost here changes every result)."""

from __future__ import annotations

import pytest

from calc.params import Parameters, Phase


def test_every_model_field_arrives(params_dict):
    params = Parameters.from_dict(params_dict)
    assert list(params.models) == list(params_dict["models"])
    for key, raw in params_dict["models"].items():
        model = params.models[key]
        assert model.key == key
        for field in ("id", "number", "name", "order", "min_fte", "richtwert", "stage", "url", "source"):
            assert getattr(model, field) == raw[field], (key, field)
        assert model.note == raw.get("note") and model.too_large == raw.get("too_large")
        assert (model.budget.min, model.budget.max) == (raw["budget"]["min"], raw["budget"]["max"])
        assert (model.budget.open_ended, model.budget.label) == (raw["budget"]["open_ended"], raw["budget"]["label"])
        size = raw["size"]
        assert (model.size.min, model.size.max, model.size.circa) == (size["min"], size["max"], size["circa"])
        assert model.size.kinds == tuple(size["kinds"]) and model.size.label == size["label"]
        assert len(model.size.notes) == len(size.get("kind_notes", ()))
        for level, name in ((model.history, "history"), (model.relevance, "relevance")):
            assert (level.low, level.high, level.label) == (raw[name]["low"], raw[name]["high"], raw[name]["label"])


def test_funding_ways_and_rules_arrive(params_dict):
    params = Parameters.from_dict(params_dict)
    assert list(params.funding) == [way["id"] for way in params_dict["funding"]]
    for raw in params_dict["funding"]:
        way = params.funding[raw["id"]]
        assert way.name == raw["name"]
        assert way.models == (None if raw["models"] is None else tuple(raw["models"]))
        assert (way.note, way.note_url, way.note_title) == (raw.get("note"), raw.get("note_url"), raw.get("note_title"))
    assert params.funding["none"].models is None and params.funding["koordination"].models == ("v7a",)
    assert list(params.rules) == [r["id"] for r in params_dict["rules"]]
    for raw in params_dict["rules"]:
        rules = params.rules[raw["id"]]
        assert (rules.id, rules.name, rules.valid, rules.note) == (
            raw["id"],
            raw["name"],
            raw["valid"],
            raw.get("note"),
        )
        assert list(rules.phases) == list(raw["phases"])
        for way, phases in raw["phases"].items():
            assert [vars(p) for p in rules.phases[way]] == [
                {"flat_per_fte": None, "max_fte": None, "weak_basis": None, "weak_confidence": None} | p for p in phases
            ]
    assert params.phases("krl-2024", "none") == ()
    assert params.rules["krl-2024"].note.startswith("Die Kommunalrichtlinie 2024 fördert Personal mit pauschalisierten")
    assert params.rules["krl-2022"].note is None


def test_defaults_and_settings_arrive(params_dict):
    params = Parameters.from_dict(params_dict)
    guide, defaults = params_dict["guide"], params_dict["defaults"]
    assert (params.inhabitants_per_fte, params.municipalities_per_fte, params.fte_step) == (
        guide["inhabitants_per_fte"],
        guide["municipalities_per_fte"],
        guide["step"],
    )
    for name in ("cost_per_fte", "pay_rise", "workplace_cost"):
        default = getattr(params, name)
        assert (default.value, default.source) == (defaults[name]["value"], defaults[name]["source"])
    assert params.first_year == defaults["first_year"]
    assert params.default_rules == params_dict["default_rules"]
    assert params.funding_notice == params_dict["funding_notice"]
    assert params.land_notice == params_dict["land_notice"]
    assert params.size_tolerance == params_dict["finder"]["size_tolerance"]
    assert params.calculator_url == params_dict["urls"]["calculator"]
    assert params.vorlage == params_dict["vorlage"]
    advice = params_dict["finder"].get("start_advice")
    assert (params.start_advice is None) == (advice is None)
    if advice:
        assert vars(params.start_advice) == advice


@pytest.mark.parametrize(
    ("confidence", "weak_confidence", "weak", "expected"),
    [
        ("Sekundärquelle", "geprüft", True, "geprüft"),  # the weak rate rests on a source of its own
        ("Sekundärquelle", "geprüft", False, "Sekundärquelle"),
        ("Sekundärquelle", None, True, "Sekundärquelle"),  # no source of its own: the phase's
    ],
)
def test_confidence_of_the_applied_rate(confidence, weak_confidence, weak, expected):
    phase = Phase(
        "Erstvorhaben", 2, 0.7, 0.9, "Nr. 4.1.8 a)", "KRL", "2024", confidence, weak_confidence=weak_confidence
    )
    assert phase.confidence_of(weak) == expected
