"""The exact German sentences a reader gets for bad input, the help texts of the forms and small
formatting rules – table-driven, so a changed article, number or list separator fails a test.

Found by mutation testing (``make bench``): these texts are the product, and a test that only
matched a word let a broken sentence through.
"""

from __future__ import annotations

import pytest

from calc import fmt, limits
from calc.errors import InputError
from calc.estimate import FIELDS as ESTIMATE_FIELDS

NBSP = "\u00a0"
FUNDING_CHOICES = (
    "Möglich sind: „Keine Förderung“ (none), „Erstvorhaben und Anschlussvorhaben (Kommunalrichtlinie)“ "
    "(erst+anschluss), „Nur Anschlussvorhaben (Kommunalrichtlinie)“ (anschluss), „Klimaschutzkoordination "
    "(Landkreise, Kommunalrichtlinie)“ (koordination)."
)
MODELS = "V1, V2, V3, V4, V5, V6a-c, V6d-f, V7, V7a, V7b, V8, V9, V10, V11"
BASE = {"model": "V7", "inhabitants": 5000}

MESSAGES = [
    ("estimate", {"inhabitants": 5000}, "model", "Bitte wählen Sie ein Modell (V 1 bis V 11).", True),
    ("estimate", BASE | {"model": 7}, "model", "Das Modell muss als Text angegeben werden, z. B. „V7“.", False),
    ("estimate", BASE | {"model": "V12"}, "model", f"Das Modell „V12“ gibt es nicht. Erlaubt sind: {MODELS}.", False),
    ("estimate", {"model": "V7"}, "inhabitants", "Bitte geben Sie die Einwohnerzahl an.", True),
    (
        "estimate",
        BASE | {"funding": "gross"},
        "funding",
        f"Der Förderweg „gross“ ist nicht vorgesehen. {FUNDING_CHOICES}",
        False,
    ),
    # a value that is no text, or blank text, is not quoted back
    ("estimate", BASE | {"funding": 5}, "funding", f"Der Förderweg ist nicht vorgesehen. {FUNDING_CHOICES}", False),
    ("estimate", BASE | {"funding": "  "}, "funding", f"Der Förderweg ist nicht vorgesehen. {FUNDING_CHOICES}", False),
    ("estimate", BASE | {"funding": ""}, "funding", "Bitte wählen Sie den Förderweg.", True),
    (
        "estimate",
        BASE | {"cost_per_fte": 5},
        "cost_per_fte",
        "Bitte geben Sie die Kosten je Vollzeitstelle als Zahl zwischen 10.000 und 500.000 an.",
        False,
    ),
    (
        "estimate",
        BASE | {"inhabitants": 0},
        "inhabitants",
        "Bitte geben Sie die Einwohnerzahl als ganze Zahl zwischen 1 und 10.000.000 an.",
        False,
    ),
    (
        "estimate",
        BASE | {"rules": "krl-1999"},
        "rules",
        "Das Regelwerk „krl-1999“ ist nicht vorgesehen. Möglich sind: „Kommunalrichtlinie 2024“ (krl-2024), "
        "„Kommunalrichtlinie 2021/2022“ (krl-2022).",
        False,
    ),
    ("estimate", [], "", 'Die Eingabe muss ein JSON-Objekt sein, z. B. {"model": "V7", "inhabitants": 50000}.', False),
    (
        "estimate",
        BASE | {"Model": 1},
        "Model",
        f"Das Feld „Model“ ist unbekannt. Erlaubt sind: {', '.join(ESTIMATE_FIELDS)}.",
        False,
    ),
    # a choice whose name is its value in small letters is not named twice
    (
        "finder",
        {"kind": "gemeinde", "inhabitants": 5000, "history": "x", "relevance": "mittel"},
        "history",
        "Die Historie im Klimaschutz „x“ ist nicht vorgesehen. Möglich sind: „gering“, „mittel“, „hoch“.",
        False,
    ),
    (
        "finder",
        {"kind": "dorf", "inhabitants": 5000},
        "kind",
        "Die Art der Kommune „dorf“ ist nicht vorgesehen. Möglich sind: „Gemeinde“, „Landkreis“.",
        False,
    ),
    (
        "compare",
        {"models": ["V7", "V8", "V9", "V10", "V11"], "inhabitants": 5000},
        "models",
        'Bitte wählen Sie 2 bis 4 verschiedene Modelle zum Vergleich, z. B. ["V7", "V10"].',
        False,
    ),
    (
        "compare",
        {"models": ["V7", "V7"], "inhabitants": 5000},
        "models",
        "Bitte wählen Sie 2 bis 4 verschiedene Modelle zum Vergleich; V 7 steht mehrfach in der Liste.",
        False,
    ),
    (
        "compare",
        {"models": ["V8", "V7", "V8", "V7"], "inhabitants": 5000},
        "models",
        "Bitte wählen Sie 2 bis 4 verschiedene Modelle zum Vergleich; V 7, V 8 stehen mehrfach in der Liste.",
        False,
    ),
]


@pytest.mark.parametrize(("command", "data", "field", "message", "missing"), MESSAGES)
def test_message_is_exactly_the_sentence(session, command, data, field, message, missing):
    with pytest.raises(InputError) as info:
        session.compute(command, data)
    assert (info.value.field, info.value.message, info.value.missing) == (field, message, missing)


def test_four_models_are_the_most_a_comparison_takes(session):
    """On the limit: four models compare, five do not (above)."""
    result = session.compute("compare", {"models": ["V7", "V8", "V9", "V10"], "inhabitants": 80000})
    assert [r["model"] for r in result["results"]] == ["V7", "V8", "V9", "V10"]
    assert result["warnings"] == []


def test_mixed_comparison_warning_names_both_groups(session):
    result = session.compute("compare", {"models": ["V7a", "V7", "V1"], "inhabitants": 50000, "municipalities": 10})
    assert result["warnings"] == [
        "Der Vergleich mischt Modelle für Landkreise (V 7a) mit Modellen für Gemeinden (V 7, V 1); es kann nur "
        "eine der beiden Gruppen zu Ihrer Kommune passen."
    ]


HELP_TEXTS = [
    ("inhabitants", "ganze Zahl von 1 bis 10.000.000"),
    ("municipalities", "ganze Zahl von 1 bis 1.000"),
    ("cost_per_fte", "Zahl von 10.000 bis 500.000"),
    ("years", "ganze Zahl von 1 bis 20"),
    ("first_year", "ganze Zahl von 2000 bis 2100"),  # a year without a thousands dot
    ("funding_years_done", "ganze Zahl von 0 bis 20"),
    ("funded_fte", "Zahl von 0 bis 1.000"),
    ("pay_rise", "Zahl von 0 bis 10"),
    ("workplace_cost", "Zahl von 0 bis 100.000"),
    ("budget_per_inhabitant", "Zahl von 0 bis 1.000"),
    ("staff_fte", "Zahl von 0 bis 1.000"),
]


@pytest.mark.parametrize(("field", "text"), HELP_TEXTS)
def test_help_range_of_every_field(field, text):
    assert limits.help_range(field) == text


def test_help_range_covers_every_field():
    assert [field for field, _ in HELP_TEXTS] == list(limits.FIELDS)


@pytest.mark.parametrize(
    ("function", "value", "text"),
    [
        (fmt.decimal, 0.333, "0,33"),  # at most two decimals
        (fmt.decimal, 2.5, "2,5"),
        (fmt.decimal, 2.0, "2"),
        (fmt.decimal, 1250.25, "1.250,25"),
        (fmt.euro_per_inhabitant, 1.64, f"1,64{NBSP}€/EW"),
        (fmt.euro_per_inhabitant, 1.5, f"1,50{NBSP}€/EW"),  # cents: two decimals, also a trailing zero
        (fmt.euro_per_inhabitant, 3, f"3{NBSP}€/EW"),
        (fmt.percent, 0.655, f"66{NBSP}%"),
        (fmt.inline, "Gering-Mittel", "gering-mittel"),  # the first part of a hyphenated label
        (fmt.inline, "Gering-Mittel-Hoch Relevanz", "gering-mittel-hoch Relevanz"),
        (fmt.inline, "Hoch", "hoch"),
        (fmt.inline, "Landkreise ab 100.000 EW", "Landkreise ab 100.000 EW"),  # a noun stays
        (fmt.inline, "Klein-Gemeinden", "Klein-Gemeinden"),
    ],
)
def test_formatting_rules(function, value, text):
    assert function(value) == text
