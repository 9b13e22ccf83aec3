"""The JSON boundary used by the command line, the build and the browser worker.

>>> session = Session(params_json)                          # doctest: +SKIP
>>> session.run("estimate", '{"model": "V8", "inhabitants": 80000}')  # doctest: +SKIP
'{"result": {...}, "html": "..."}'
"""

from __future__ import annotations

import json
from typing import Any

from calc.errors import InputError
from calc.estimate import estimate_raw
from calc.finder import finder_raw
from calc.inputs import read_form
from calc.params import Parameters
from calc.render import estimate_html, finder_html

COMMANDS = ("estimate", "finder")
MAX_INPUT_CHARS = 2_000  # real inputs are a few hundred characters; deep nesting could exhaust the stack


def parse_input(text: str) -> Any:
    """JSON text -> data; ``InputError`` for anything that is not small, valid JSON."""
    if len(text) > MAX_INPUT_CHARS:
        raise InputError("", f"Die Eingabe ist zu lang (höchstens {MAX_INPUT_CHARS} Zeichen).")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise InputError("", "Die Eingabe ist kein gültiges JSON.") from None


class Session:
    """Parameters parsed once; ``run`` answers one request."""

    def __init__(self, params: dict | str) -> None:
        self.raw = json.loads(params) if isinstance(params, str) else params
        self.params = Parameters.from_dict(self.raw)

    def compute(self, command: str, data: Any) -> dict:
        """Return the JSON result; raise ``InputError`` on bad input."""
        if command == "estimate":
            return estimate_raw(data, self.params)
        if command == "finder":
            return finder_raw(data, self.params)
        raise ValueError(f"unknown command {command!r}")

    def run(self, command: str, input_json: str, form: bool = False) -> str:
        """JSON text in, JSON text out: ``{"result", "html"}`` or ``{"error": {"field", "message"}}``.

        ``form``: the input comes from the page's form (``calc.inputs.read_form``); the answer then
        also carries the input as read (``"input"``), which the page writes into its address.
        """
        data = None
        try:
            data = parse_input(input_json)
            if form:
                data = read_form(data)
            result = self.compute(command, data)
        except InputError as exc:
            answer = exc.as_dict()
        else:
            answer = {"result": result, "html": self.html(command, result)}
        if form and isinstance(data, dict):
            answer["input"] = data
        return json.dumps(answer, ensure_ascii=False)

    def html(self, command: str, result: dict) -> str:
        if command == "estimate":
            names = {way.id: way.name for way in self.params.funding.values()}
            return estimate_html(result, self.params.funding_notice, names)
        return finder_html(result, self.params.calculator_url)
