"""Shared by the calculator tests (they also run inside Pyodide, where only tests/calc is copied):
the model keys of shared/design/calculator-rules.md, the check that a reader-facing text is German,
and the comparison with a reviewed copy in tests/calc/golden/."""

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# "one of V1 V2 V3 V4 V5 V6a-c V6d-f V7 V7a V7b V8 V9 V10 V11"
MODELS = ("V1", "V2", "V3", "V4", "V5", "V6a-c", "V6d-f", "V7", "V7a", "V7b", "V8", "V9", "V10", "V11")

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# A German sentence: an umlaut or ß, or one of the common German words.
GERMAN = re.compile(
    r"[äöüÄÖÜß]|\b(bitte|muss|gibt|unbekannt|zwischen|eine?|der|die|das|ist|sein|"
    r"oder|und|nicht|mit|von|bis|zu|genug|mindestens|Zahl|Modell|Eingabe|Feld|"
    r"Stellen?|Kommune|Gemeinden?|Landkreis|Steckbrief)\b",
    re.IGNORECASE,
)
ENGLISH = re.compile(r"\b(must|invalid|error|required|expected|should|unknown|missing)\b", re.IGNORECASE)


def assert_german(text: str) -> None:
    assert isinstance(text, str) and text.strip(), "text must be a non-empty string"
    assert GERMAN.search(text), f"not a German sentence: {text!r}"
    assert not ENGLISH.search(text), f"English words in a reader-facing text: {text!r}"


GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, text: str) -> None:
    """``text`` equals the reviewed copy ``golden/name``; with UPDATE_GOLDEN=1 it becomes the copy."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path.name} fehlt: mit UPDATE_GOLDEN=1 schreiben und prüfen"
    assert text == path.read_text(encoding="utf-8")


# A comparison's own-share column and chart, on the page (calc.render) and in the council paper
# (calc.vorlage): (input, column head, what the chart's title says of the year, the first row's cell).
# The year after funding only where some model's funding ends within the period.
OWN_SHARE_CASES = [
    pytest.param(
        {"models": ["V7", "V9"], "inhabitants": 120_000, "funding": "anschluss"},
        "Eigenanteil nach Förderende",
        "im ersten Jahr nach der Förderung",
        r"[\d.]+\xa0€ ab 2029",
        id="funding-ends",
    ),
    pytest.param(  # the funding's three years fill the period: no year after it is shown
        {"models": ["V7", "V9"], "inhabitants": 120_000, "funding": "anschluss", "years": 3},
        "Eigenanteil im ersten Jahr",
        "im ersten Jahr",
        r"[\d.]+\xa0€ im Jahr 2026",
        id="funding-fills-the-period",
    ),
    pytest.param(
        {"models": ["V7", "V10"], "inhabitants": 120_000, "funding": "none"},
        "Eigenanteil im ersten Jahr",
        "im ersten Jahr",
        r"[\d.]+\xa0€ im Jahr 2026",
        id="no-funding",
    ),
    pytest.param(
        {"models": ["V1", "V7"], "inhabitants": 40_000, "funding": "anschluss"},
        "Eigenanteil nach Förderende",
        "im ersten Jahr nach der Förderung, ohne Förderung im ersten Jahr",
        r"– \(Eigenanteil 0\xa0€ im Jahr 2026\)",
        id="first-model-without-funding",
    ),
]
