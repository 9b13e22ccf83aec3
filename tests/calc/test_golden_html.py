"""The HTML the calculator renders (at build time and in the browser), compared whole with reviewed
copies in tests/calc/golden/: every label, class, data-field and number a reader or a script sees.

After an intended change of the output, write the new copies with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/calc/test_golden_html.py`` and review the diff.
"""

from __future__ import annotations

import json

import pytest
from calc_spec import assert_golden

CASES = [
    pytest.param(
        "estimate",
        {
            "model": "V7a",
            "inhabitants": 250000,
            "municipalities": 40,
            "funding": "koordination",
            "funding_years_done": 1,
            "pay_rise": 3,
            "workplace_cost": 9000,
            "years": 5,
            "financially_weak": True,
        },
        "estimate-v7a-koordination",
        id="estimate-v7a-koordination",
    ),
    pytest.param(
        "estimate",
        {
            "model": "V8",
            "inhabitants": 80000,
            "funding": "erst+anschluss",
            "funded_fte": 1.5,
            "years": 7,
            "rules": "krl-2022",
        },
        "estimate-v8-part-funded",
        id="estimate-v8-part-funded",
    ),
    pytest.param("estimate", {"model": "V1", "inhabitants": 4000, "years": 2}, "estimate-v1", id="estimate-v1"),
    pytest.param(
        "compare",
        {"models": ["V7a", "V10", "V8"], "inhabitants": 250000, "municipalities": 40, "funding": "anschluss"},
        "compare-v7a-v10-v8",
        id="compare",
    ),
    pytest.param(
        "compare",
        {"models": ["V5", "V10", "V1"], "inhabitants": 12000, "first_year": 2027, "funding": "none"},
        "compare-ohne-foerderung",
        id="compare-without-funding",  # no step after funding: each model's own share in the first year
    ),
    pytest.param(
        "finder",
        {
            "kind": "gemeinde",
            "inhabitants": 12000,
            "history": "gering",
            "relevance": "mittel",
            "budget_per_inhabitant": 2,
            "staff_fte": 0.5,
        },
        "finder-gemeinde",
        id="finder",
    ),
]


@pytest.mark.parametrize("command, data, name", CASES)
def test_rendered_html_equals_the_reviewed_copy(session, command, data, name):
    html = json.loads(session.run(command, json.dumps(data)))["html"]
    assert_golden(f"{name}.html", html + "\n")
