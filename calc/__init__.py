"""Staff and budget calculator for municipal climate-protection management (pure Python).

Runs unchanged on CPython 3.11+ and on Pyodide. Parameters come in as data.

=======================  ===============================================================
``Session(params)``      parse parameters once; ``run(command, json)`` for the browser
``estimate(inp, p)``     posts, budget, personnel cost and funding projection
``rank_models(inp, p)``  all models, best fit first (Modell-Finder)
``InputError``           the one domain error: ``field`` and a German ``message``
=======================  ===============================================================
"""

from calc.api import Session
from calc.errors import InputError
from calc.estimate import EstimateInput, EstimateResult, estimate, parse_estimate_input
from calc.finder import FinderInput, parse_finder_input, rank_models
from calc.params import Parameters

__all__ = [
    "EstimateInput",
    "EstimateResult",
    "FinderInput",
    "InputError",
    "Parameters",
    "Session",
    "estimate",
    "parse_estimate_input",
    "parse_finder_input",
    "rank_models",
]
