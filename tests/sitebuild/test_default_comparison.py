"""The comparison on /rechner/ is prerendered for the default inputs (issue 10, "prerendered for the
default inputs like the single result"): the built page holds, before any script runs, exactly what
``python -m calc compare`` prints for the models and values its form preselects."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from browserkit import lookup_compared

from calc.inputs import read_number_text  # how the worker reads the form's text ("2,8")

ROOT = Path(__file__).resolve().parents[2]
LIST_SELECTS = ("f-compare-1", "f-compare-2", "f-compare-3")


class _Form(HTMLParser):
    """The form's default values, as the page's script reads them (calc-page.js readForm)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, object] = {}
        self.compare: list[str] = []
        self._select: str | None = None  # the open <select>: its id

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "select":
            self._select = a.get("id", "")
            self._name = a.get("name", "")
        elif tag == "option" and self._select and "selected" in a:
            if self._select in LIST_SELECTS:
                self.compare.append(a["value"])
            else:
                self.values[self._name] = a["value"]
        elif tag == "input" and a.get("name") and a.get("type") == "checkbox":
            self.values[a["name"]] = "checked" in a
        elif tag == "input" and a.get("name") and a.get("value"):
            self.values[a["name"]] = a["value"]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


class _Page:
    def __init__(self, html: str) -> None:
        form = _Form()
        form.feed(html.split("data-calc-result", 1)[0])
        self.values, self.compare = form.values, form.compare
        result = html.split("data-calc-result", 1)[1].split("data-calc-vorlage", 1)[0]
        self.fields = {
            field: json.loads(unescape(raw))
            for field, raw in re.findall(r'data-field="([^"]+)" data-value="([^"]*)"', result)
        }


@pytest.fixture(scope="module")
def rechner(built_site: Path) -> _Page:
    return _Page((built_site / "rechner" / "index.html").read_text(encoding="utf-8"))


def test_default_comparison_comes_from_content(rechner):
    calc = yaml.safe_load((ROOT / "content" / "rechner.yml").read_text(encoding="utf-8"))
    assert [key.lower() for key in rechner.compare] == calc["vergleich_standard"]["modelle"]
    assert rechner.values["model"] not in rechner.compare
    # the default inputs: content/rechner.yml eingaben_standard
    assert rechner.values["model"].lower() == calc["eingaben_standard"]["modell"]
    assert read_number_text(rechner.values["inhabitants"]) == calc["eingaben_standard"]["einwohner"]


def test_prerendered_comparison_equals_the_command_line(rechner):
    inputs = {
        key: value if key in ("model", "funding", "rules", "financially_weak") else read_number_text(value)
        for key, value in rechner.values.items()
        if key not in ("kommune", "gremium")  # the council paper's fields, not calculator inputs
    }
    payload = {"models": [inputs.pop("model"), *rechner.compare], **inputs}
    run = subprocess.run(
        [sys.executable, "-m", "calc", "compare"],
        input=json.dumps(payload),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    expected = json.loads(run.stdout)
    shown = rechner.fields
    assert len(shown) > 50, shown  # the table, the chart's rows and the first model's full result
    for field, value in shown.items():
        node = lookup_compared(expected, field)
        assert node == value, f"{field}: Seite {value!r}, python -m calc compare {node!r}"
    for i, result in enumerate(expected["results"]):
        assert shown[f"results.{i}.model"] == result["model"]
        assert shown[f"results.{i}.fte.recommended"] == result["fte"]["recommended"]
        assert shown[f"results.{i}.personnel_eur_per_year"] == result["personnel_eur_per_year"]
