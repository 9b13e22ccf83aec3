"""Fixtures for the calculator tests.

These tests run on CPython and, unchanged, inside Pyodide (tests/pyodide/run-pytest.mjs), so they
import nothing but ``calc``, pytest, hypothesis and the standard library.

``params_dict``: the calculator parameters as JSON-friendly data. If ``CALC_PARAMS_JSON`` names a
file (the Pyodide runner writes one), it is read; otherwise the parameters are computed from
``content/`` with the project's loader (``guide``), exactly as the build does.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, Path(__file__).parent):  # ``calc`` (and ``guide``); ``calc_spec`` beside the tests
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))


@pytest.fixture(scope="session")
def params_dict() -> dict:
    path = os.environ.get("CALC_PARAMS_JSON")
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    from guide.export import calc_parameters
    from guide.loader import load_content

    return calc_parameters(load_content(ROOT / "content"))


@pytest.fixture(scope="session")
def params(params_dict):
    from calc.params import Parameters

    return Parameters.from_dict(params_dict)


@pytest.fixture(scope="session")
def session(params_dict):
    from calc.api import Session

    return Session(params_dict)
