"""The examples in calc's docstrings are run, so they cannot drift from the code (also in Pyodide)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["calc", "calc.api", "calc.compare", "calc.estimate", "calc.finder", "calc.fmt", "calc.inputs", "calc.limits"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_examples_exist():
    """fmt and limits show their use by example; an empty docstring would pass the test above."""
    found = sum(doctest.testmod(importlib.import_module(n)).attempted for n in ("calc.fmt", "calc.limits"))
    assert found >= 3
