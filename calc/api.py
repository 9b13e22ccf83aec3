"""The JSON boundary used by the command line, the build and the browser worker.

>>> session = Session(params_json)                          # doctest: +SKIP
>>> session.run("estimate", '{"model": "V8", "inhabitants": 80000}')  # doctest: +SKIP
'{"result": {...}, "html": "..."}'
"""

from __future__ import annotations

import json
from typing import Any

from calc.compare import compare_raw
from calc.errors import InputError
from calc.estimate import estimate_raw
from calc.finder import finder_raw
from calc.inputs import read_form
from calc.params import Parameters
from calc.render import compare_html, estimate_html, finder_html, status_text

COMMANDS = ("estimate", "compare", "finder", "vorlage")
MAX_INPUT_CHARS = 2_000  # real inputs are a few hundred characters; deep nesting could exhaust the stack


def parse_input(text: str) -> Any:
    """JSON text -> data; ``InputError`` for anything that is not small, valid JSON."""
    if len(text) > MAX_INPUT_CHARS:
        raise InputError("", f"Die Eingabe ist zu lang (höchstens {MAX_INPUT_CHARS} Zeichen).")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise InputError("", "Die Eingabe ist kein gültiges JSON.") from None


def form_command(command: str, data: Any) -> tuple[str, Any]:
    """The calculator form sends ``model`` and, to compare, a list ``compare`` of further models;
    that is the ``compare`` command with ``models`` = [model, *compare] (for ``vorlage``: its input
    with ``models``)."""
    if command not in ("estimate", "vorlage") or not isinstance(data, dict) or "compare" not in data:
        return command, data
    rest = {key: value for key, value in data.items() if key not in ("model", "compare")}
    further = data["compare"] if isinstance(data["compare"], list) else [data["compare"]]
    if not further:
        return command, rest | {"model": data.get("model")}
    return "compare" if command == "estimate" else command, rest | {"models": [data.get("model"), *further]}


class Session:
    """Parameters parsed once; ``run`` answers one request."""

    def __init__(self, params: dict | str) -> None:
        self.raw = json.loads(params) if isinstance(params, str) else params
        self.params = Parameters.from_dict(self.raw)

    def compute(self, command: str, data: Any) -> dict:
        """Return the JSON result; raise ``InputError`` on bad input."""
        if command == "estimate":
            return estimate_raw(data, self.params)
        if command == "compare":
            return compare_raw(data, self.params)
        if command == "finder":
            return finder_raw(data, self.params)
        if command == "vorlage":
            return self.vorlage(data).to_dict()
        raise ValueError(f"unknown command {command!r}")

    def vorlage(self, data: Any):
        """The council paper draft (``calc.vorlage.Document``): ``format`` ("odt" | "docx") is part of
        the input. Imported here, not at the top: ElementTree would add 150–600 ms to the worker's start
        in Pyodide, and only a download needs it."""
        from calc.vorlage import vorlage_document

        return vorlage_document(data, self.params)

    def run(self, command: str, input_json: str, form: bool = False) -> str:
        """JSON text in, JSON text out: ``{"result", "html"}`` or ``{"error": {"field", "message"}}``;
        for ``vorlage`` only ``{"result"}`` (filename, media type, size and the bytes as base64).

        ``form``: the input comes from the page's form (``calc.inputs.read_form``); the answer then
        also carries the input as read (``"input"``), which the page writes into its address, and
        ``"command"``, the command that answered (the form's ``compare`` list makes it ``compare``), and
        ``"status"``, the sentence the page's live status announces.
        """
        data = None
        try:
            data = parse_input(input_json)
            if form:
                data = read_form(data)
            answered, request = form_command(command, data) if form else (command, data)
            result = self.compute(answered, request)
        except InputError as exc:
            answer = exc.as_dict()
            if form and exc.field == "models":
                answer["error"]["field"] = "compare"  # the form's field for the further models
        else:
            answer = {"result": result}
            if answered != "vorlage":  # a document, nothing to show
                answer["html"] = self.html(answered, result)
                if form:
                    answer["status"] = status_text(answered, result, self.params)
            if form:
                answer["command"] = answered
        if form and isinstance(data, dict):
            answer["input"] = data
        return json.dumps(answer, ensure_ascii=False)

    def html(self, command: str, result: dict) -> str:
        if command == "estimate":
            return estimate_html(result, self.params)
        if command == "compare":
            return compare_html(result, self.params)
        return finder_html(result, self.params.calculator_url)
