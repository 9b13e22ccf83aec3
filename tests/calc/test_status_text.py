"""The live status the page announces after a result, and the formatters it and the results share."""

from __future__ import annotations

import json

import pytest

from calc import fmt


@pytest.mark.parametrize(
    "value, decimal, percent_value, cents",
    [
        (2, "2", "2\xa0%", "2,00\xa0€"),
        (2.8, "2,8", "2,8\xa0%", "2,80\xa0€"),
        (1.64, "1,64", "1,64\xa0%", "1,64\xa0€"),
        (10, "10", "10\xa0%", "10,00\xa0€"),
        (1234.5, "1.234,5", "1.234,5\xa0%", "1.234,50\xa0€"),
    ],
)
def test_decimal_percent_value_and_cents(value, decimal, percent_value, cents):
    assert fmt.decimal(value) == decimal
    assert fmt.percent_value(value) == percent_value
    assert fmt.cents(value) == cents


def _form(session, command: str, data: dict) -> dict:
    return json.loads(session.run(command, json.dumps(data), form=True))


@pytest.mark.parametrize(
    "data, status",
    [
        (
            {"model": "V8", "inhabitants": "80.000"},
            "Ergebnis aktualisiert. Empfohlene Stellen: 2\xa0VZÄ. Personalkosten im ersten Jahr: 160.000\xa0€. "
            "Budget Klimaschutz je Jahr: 400.000\xa0€ bis 800.000\xa0€ und mehr.",
        ),
        (
            {"model": "V7", "inhabitants": "50000"},
            "Ergebnis aktualisiert. Empfohlene Stellen: 1\xa0VZÄ. Personalkosten im ersten Jahr: 80.000\xa0€. "
            "Budget Klimaschutz je Jahr: ab 250.000\xa0€.",
        ),
        (
            {"model": "V1", "inhabitants": "4000"},
            "Ergebnis aktualisiert. Empfohlene Stellen: 0\xa0VZÄ. Personalkosten im ersten Jahr: 0\xa0€. "
            "Budget Klimaschutz je Jahr: kein eigenes Budget nötig.",
        ),
        (
            {"model": "V7", "inhabitants": "50000", "compare": ["V8"]},
            "Vergleich aktualisiert: V 7, V 8. Ergebnis aktualisiert. Empfohlene Stellen: 1\xa0VZÄ. "
            "Personalkosten im ersten Jahr: 80.000\xa0€. Budget Klimaschutz je Jahr: ab 250.000\xa0€.",
        ),
    ],
)
def test_calculator_status_from_the_result(session, data, status):
    assert _form(session, "estimate", data)["status"] == status


def test_finder_status_counts_the_fits(session):
    data = {
        "kind": "gemeinde",
        "inhabitants": "12000",
        "history": "gering",
        "relevance": "mittel",
        "budget_per_inhabitant": "2",
        "staff_fte": "0,5",
    }
    answer = _form(session, "finder", data)
    fits = [m["fit"] for m in answer["result"]["models"]]
    best = answer["result"]["models"][0]
    word = "Modell passt" if fits.count("passt") == 1 else "Modelle passen"
    assert answer["status"] == (
        f"Ergebnis aktualisiert: {fits.count('passt')} {word}, {fits.count('bedingt')} bedingt. "
        f"Am besten passt {best['number']} – {best['name']}."
    )


def test_no_status_outside_the_form_or_on_errors(session):
    assert "status" not in json.loads(session.run("estimate", json.dumps({"model": "V8", "inhabitants": 80000})))
    assert "status" not in _form(session, "estimate", {"model": "V8", "inhabitants": "0"})


@pytest.mark.parametrize(
    "data, status",
    [
        (  # one model fits: the singular
            {"inhabitants": "5000", "relevance": "gering", "budget_per_inhabitant": "0,5"},
            "Ergebnis aktualisiert: 1 Modell passt, 4 bedingt. "
            "Am besten passt V 1 – Klimaschutz durch bestehende Verwaltung.",
        ),
        (
            {"inhabitants": "12000", "relevance": "mittel", "budget_per_inhabitant": "2"},
            "Ergebnis aktualisiert: 4 Modelle passen, 3 bedingt. "
            "Am besten passt V 5 – Kommunales Energiemanagement (KEM).",
        ),
    ],
)
def test_finder_status_exact(session, data, status):
    base = {"kind": "gemeinde", "history": "gering", "staff_fte": "0,5"}
    assert _form(session, "finder", base | data)["status"] == status
