"""``python -m calc`` run in-process through ``calc.__main__.main`` (so it also runs in Pyodide, which
has no subprocesses, and mutation testing sees which test covers the command line)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from calc_spec import assert_german

from calc.__main__ import main


@pytest.fixture
def params_file(tmp_path: Path, params_dict) -> str:
    path = tmp_path / "params.json"
    path.write_text(json.dumps(params_dict, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _run(monkeypatch, argv: list[str], stdin: str) -> tuple[int, bytes]:
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="utf-8"))
    code = main(argv)
    sys.stdout.flush()
    return code, out.getvalue()


@pytest.mark.parametrize(
    "command, data",
    [
        ("estimate", {"model": "V8", "inhabitants": 80000}),
        ("estimate", {"model": "V7a", "inhabitants": 250000, "municipalities": 40, "funding": "anschluss"}),
        ("compare", {"models": ["V7", "V8"], "inhabitants": 80000}),
        (
            "finder",
            {
                "kind": "gemeinde",
                "inhabitants": 8000,
                "history": "gering",
                "relevance": "mittel",
                "budget_per_inhabitant": 2,
                "staff_fte": 0.5,
            },
        ),
    ],
)
def test_commands_print_the_session_result(monkeypatch, params_file, session, command, data):
    code, out = _run(monkeypatch, [command, "--params", params_file], json.dumps(data))
    assert code == 0
    assert json.loads(out) == session.compute(command, data)
    assert out.decode("utf-8").startswith('{\n  "')  # indented JSON, umlauts as they are
    assert "\\u00" not in out.decode("utf-8")


@pytest.mark.parametrize(
    "command, stdin, field",
    [
        ("estimate", '{"model": "V8", "inhabitants": 0}', "inhabitants"),
        ("estimate", '{"model": "V99", "inhabitants": 1000}', "model"),
        ("estimate", "{", ""),
        ("compare", '{"models": ["V8"], "inhabitants": 1000}', "models"),
        ("finder", '{"kind": "dorf", "inhabitants": 1000}', "kind"),
    ],
)
def test_bad_input_exits_2_with_the_field(monkeypatch, params_file, command, stdin, field):
    code, out = _run(monkeypatch, [command, "--params", params_file], stdin)
    assert code == 2
    error = json.loads(out)["error"]
    assert set(error) == {"field", "message"} and error["field"] == field
    assert_german(error["message"])
    assert "ä" in out.decode("utf-8") or "ü" in out.decode("utf-8") or "\\u" not in out.decode("utf-8")


def test_format_only_for_vorlage(monkeypatch, params_file):
    with pytest.raises(SystemExit) as stop:
        _run(monkeypatch, ["estimate", "--params", params_file, "--format", "odt"], "{}")
    assert stop.value.code == 2


@pytest.mark.parametrize("fmt", ["odt", "docx"])
def test_vorlage_writes_the_document_bytes(monkeypatch, params_file, session, fmt):
    data = {"model": "V8", "inhabitants": 80000, "kommune": "Musterstadt"}
    code, out = _run(monkeypatch, ["vorlage", "--params", params_file, "--format", fmt], json.dumps(data))
    assert code == 0
    assert out == session.vorlage(data | {"format": fmt}).data
    assert out.startswith(b"PK")


@pytest.mark.skipif(sys.platform == "emscripten", reason="the content loader is not copied into Pyodide")
def test_parameters_from_content_by_default(monkeypatch, session):
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    code, out = _run(monkeypatch, ["estimate"], '{"model": "V8", "inhabitants": 80000}')
    assert code == 0 and json.loads(out) == session.compute("estimate", {"model": "V8", "inhabitants": 80000})
