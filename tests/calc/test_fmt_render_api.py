"""German number formatting, the HTML result (``data-field``/``data-value``), the JSON boundary
``Session.run`` and the command line ``python -m calc`` (ARCHITECTURE.md, "Stable interfaces").
"""

from __future__ import annotations

import json
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from calc_spec import OWN_SHARE_CASES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calc import fmt

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"
PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------------------------
# German formatting: "1.234.567 €, 2,5 VZÄ" with a non-breaking space before the unit
# --------------------------------------------------------------------------------------------

FORMAT = [
    pytest.param(fmt.euro, 1234567, f"1.234.567{NBSP}€", id="euro-millions"),
    pytest.param(fmt.euro, 160000, f"160.000{NBSP}€", id="euro-thousands"),
    pytest.param(fmt.euro, 999, f"999{NBSP}€", id="euro-hundreds"),
    pytest.param(fmt.euro, 0, f"0{NBSP}€", id="euro-0"),
    pytest.param(fmt.euro, 1000.4, f"1.000{NBSP}€", id="euro-rounded-down"),
    pytest.param(fmt.euro, 1000.6, f"1.001{NBSP}€", id="euro-rounded-up"),
    pytest.param(fmt.fte, 2.5, f"2,5{NBSP}VZÄ", id="fte-2.5"),
    pytest.param(fmt.fte, 2.0, f"2{NBSP}VZÄ", id="fte-2.0"),
    pytest.param(fmt.fte, 0.5, f"0,5{NBSP}VZÄ", id="fte-0.5"),
    pytest.param(fmt.fte, 0, f"0{NBSP}VZÄ", id="fte-0"),
    pytest.param(fmt.fte, 1.6, f"1,6{NBSP}VZÄ", id="fte-1.6"),
    pytest.param(fmt.fte, 0.25, f"0,25{NBSP}VZÄ", id="fte-0.25"),
    pytest.param(fmt.fte, 1000, f"1.000{NBSP}VZÄ", id="fte-1000"),
    pytest.param(fmt.percent, 0.7, f"70{NBSP}%", id="percent-70"),
    pytest.param(fmt.percent, 0.4, f"40{NBSP}%", id="percent-40"),
    pytest.param(fmt.percent, 0, f"0{NBSP}%", id="percent-0"),
    pytest.param(fmt.inhabitants, 80000, f"80.000{NBSP}EW", id="inhabitants"),
    pytest.param(fmt.residents, 1, "1 Einwohnerin oder Einwohner", id="residents-one"),
    pytest.param(fmt.residents, 2, "2 Einwohnerinnen und Einwohner", id="residents-two"),
    pytest.param(lambda v: fmt.residents(v, dative=True), 1, "1 Einwohnerin oder Einwohner", id="residents-one-dative"),
    pytest.param(
        lambda v: fmt.residents(v, dative=True), 80000, "80.000 Einwohnerinnen und Einwohnern", id="residents-dative"
    ),
    pytest.param(fmt.municipalities, 1, "1 Gemeinde", id="municipalities-one"),
    pytest.param(fmt.municipalities, 40, "40 Gemeinden", id="municipalities"),
    pytest.param(fmt.euro_per_inhabitant, 5, f"5{NBSP}€/EW", id="euro-per-inhabitant-5"),
    pytest.param(lambda v: fmt.number(v, 1), 2.5, "2,5", id="number-2.5"),
    pytest.param(lambda v: fmt.number(v, 1), 1234.5, "1.234,5", id="number-1234.5"),
    pytest.param(fmt.number, 10_000_000, "10.000.000", id="number-ten-million"),
]


@pytest.mark.parametrize("formatter, value, expected", FORMAT)
def test_german_formatting(formatter, value, expected):
    assert formatter(value) == expected


@PROPERTY
@given(st.integers(min_value=0, max_value=10**12))
def test_euro_round_trip(value):
    text = fmt.euro(value)
    assert text.endswith(f"{NBSP}€")
    digits = text[: -len(f"{NBSP}€")]
    assert "," not in digits and " " not in digits
    assert int(digits.replace(".", "")) == value
    groups = digits.split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


# --------------------------------------------------------------------------------------------
# HTML: every shown value sits in an element with data-field (dotted path) and data-value (JSON)
# --------------------------------------------------------------------------------------------


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, list] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-field" in attrs:
            assert "data-value" in attrs, f"data-field {attrs['data-field']!r} without data-value"
            self.fields.setdefault(attrs["data-field"], []).append(json.loads(attrs["data-value"]))


def fields_of(html: str) -> dict[str, list]:
    parser = _Fields()
    parser.feed(html)
    parser.close()
    return parser.fields


def resolve(result, path: str):
    value = result
    for part in path.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


RENDER_CASES = [
    pytest.param({"model": "V8", "inhabitants": 80000}, id="V8"),
    pytest.param({"model": "V1", "inhabitants": 20000}, id="V1-guidance-null-budget-0"),
    pytest.param({"model": "V2", "inhabitants": 50000}, id="V2-no-max"),
    pytest.param({"model": "V7", "inhabitants": 10000, "funding": "koordination"}, id="V7-warnings"),
    pytest.param(
        {
            "model": "V7a",
            "inhabitants": 300000,
            "municipalities": 50,
            "funding": "erst+anschluss",
            "financially_weak": True,
            "years": 12,
        },
        id="V7a-erst+anschluss-weak",
    ),
    pytest.param(
        {
            "model": "V11",
            "inhabitants": 10_000_000,
            "cost_per_fte": 500000,
            "funding": "anschluss",
            "years": 1,
        },
        id="V11-largest",
    ),
]


@pytest.mark.parametrize("data", RENDER_CASES)
def test_render_data_fields_match_the_result(session, data):
    answer = json.loads(session.run("estimate", json.dumps(data)))
    assert "error" not in answer
    result, html = answer["result"], answer["html"]
    fields = fields_of(html)

    # every data-field holds exactly the value at its dotted path in the JSON result
    for path, values in fields.items():
        expected = resolve(result, path)
        for value in values:
            assert value == expected, f"{path}: shown {value!r}, result {expected!r}"

    # and every fte/budget/personnel/projection/warnings value is shown
    required = [f"fte.{k}" for k in ("minimum", "guidance", "recommended")]
    required += [
        "budget_eur_per_year.min",
        "budget_eur_per_year.open_ended",
        "personnel_eur_per_year",
    ]
    if result["budget_eur_per_year"]["max"] is not None:
        required.append("budget_eur_per_year.max")
    for i, year in enumerate(result["projection"]):
        required += [f"projection.{i}.{key}" for key in year if key != "year"]
    required += [f"warnings.{i}" for i in range(len(result["warnings"]))]
    missing = [path for path in required if path not in fields]
    assert not missing, f"not shown with data-field: {missing}"
    assert f"projection.{len(result['projection'])}.personnel" not in fields


@pytest.mark.parametrize("data", RENDER_CASES)
def test_render_chart_notice_and_sources(session, params_dict, data):
    answer = json.loads(session.run("estimate", json.dumps(data)))
    html, result = answer["html"], answer["result"]
    # "Show it as a chart (stacked bars: funded share vs own share per year) and as a table."
    assert "<svg" in html and "<table" in html
    assert html.count('class="calc-bar-funded"') == len(result["projection"])
    assert html.count('class="calc-bar-own"') == len(result["projection"])
    # "... a note that rates change and must be checked before applying."
    assert params_dict["funding_notice"] in unescape(html)
    for source in result["sources"]:
        assert source in unescape(html)


def _chart(html: str) -> str:
    return html[html.index('<figure class="calc-chart">') : html.index("</figure>")]


def test_chart_axis_reaches_the_highest_year(session):
    answer = json.loads(session.run("estimate", '{"model": "V8", "inhabitants": 80000, "funding": "erst+anschluss"}'))
    chart = unescape(_chart(answer["html"]))
    highest = max(y["funding"] + y["own_share"] for y in answer["result"]["projection"])
    assert f'text-anchor="end">{fmt.euro(highest)}</text>' in chart
    assert f'text-anchor="end">{fmt.euro(0)}</text>' in chart
    assert "in keinem Jahr" not in chart


def test_chart_of_a_model_without_posts_says_why_it_is_empty(session):
    answer = json.loads(session.run("estimate", '{"model": "V1", "inhabitants": 20000}'))
    chart = unescape(_chart(answer["html"]))
    assert all(y["funding"] + y["own_share"] == 0 for y in answer["result"]["projection"])
    assert f">1{NBSP}€<" not in chart  # no axis up to 1 € for bars of 0 €
    assert f'text-anchor="end">{fmt.euro(0)}</text>' in chart
    assert "ohne eigene Stellen fallen in keinem Jahr Personal- oder Arbeitsplatzkosten an" in chart


def test_render_shows_german_numbers(session):
    html = json.loads(session.run("estimate", '{"model": "V8", "inhabitants": 80000}'))["html"]
    text = unescape(html)
    assert f"160.000{NBSP}€" in text  # personnel
    assert f"400.000{NBSP}€" in text and f"800.000{NBSP}€" in text  # budget
    assert f"2{NBSP}VZÄ" in text and f"1,6{NBSP}VZÄ" in text


def test_finder_render_data_fields(session):
    data = {
        "kind": "gemeinde",
        "inhabitants": 8000,
        "history": "gering",
        "relevance": "mittel",
        "budget_per_inhabitant": 2,
        "staff_fte": 0.5,
    }
    answer = json.loads(session.run("finder", json.dumps(data)))
    fields = fields_of(answer["html"])
    for path, values in fields.items():
        for value in values:
            assert value == resolve(answer["result"], path), path
    for i, model in enumerate(answer["result"]["models"]):
        assert fields[f"models.{i}.fit"] == [model["fit"]]
        for j in range(len(model["criteria"])):
            assert f"models.{i}.criteria.{j}.status" in fields


# --------------------------------------------------------------------------------------------
# Session.run: JSON text in, JSON text out, never an exception for bad input
# --------------------------------------------------------------------------------------------


def assert_error(answer: str, field: str | None = None) -> dict:
    data = json.loads(answer)
    assert set(data) == {"error"}, data
    error = data["error"]
    assert set(error) in ({"field", "message"}, {"field", "message", "missing"})
    assert error.get("missing", True) is True  # only ever present as true
    assert isinstance(error["field"], str)
    assert isinstance(error["message"], str) and error["message"].strip()
    if field is not None:
        assert error["field"] == field
    return error


def test_session_run_ok(session):
    data = {"model": "V8", "inhabitants": 80000}
    answer = json.loads(session.run("estimate", json.dumps(data)))
    assert set(answer) == {"result", "html"}
    assert answer["result"] == json.loads(json.dumps(session.compute("estimate", data)))
    assert answer["html"].strip()


def test_session_accepts_json_text(params_dict):
    from calc.api import Session

    session = Session(json.dumps(params_dict))
    answer = json.loads(session.run("estimate", '{"model": "v 7", "inhabitants": 120000}'))
    assert answer["result"]["fte"]["recommended"] == 2.5


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("{", id="open-brace"),
        pytest.param("nope", id="word"),
        pytest.param('{"model": }', id="missing-value"),
        pytest.param("{'model': 'V7'}", id="single-quotes"),
        pytest.param("[" * 2_000, id="nesting-2000"),
        pytest.param('{"model": ' * 2_000, id="nesting-objects-2000"),
        # Deep nesting would overflow the JavaScript stack in Pyodide; the size guard in
        # calc.api.parse_input rejects such input before json.loads sees it.
        pytest.param("[" * 100_000, id="nesting-100000"),
        pytest.param(" " * 5_000 + "{}", id="too-long"),
    ],
)
@pytest.mark.parametrize("command", ["estimate", "finder"])
def test_session_run_bad_json(session, command, text):
    error = assert_error(session.run(command, text))
    assert "JSON" in error["message"] or "Eingabe" in error["message"]


@pytest.mark.parametrize(
    "command, text, field",
    [
        pytest.param("estimate", '{"model": "V7", "inhabitants": 0}', "inhabitants", id="inhabitants"),
        pytest.param("estimate", '{"inhabitants": 5000}', "model", id="model-missing"),
        pytest.param(
            "estimate",
            '{"model": "V7a", "inhabitants": 5000}',
            "municipalities",
            id="municipalities",
        ),
        pytest.param("estimate", '{"model": "V7", "inhabitants": 5000, "x": 1}', "x", id="unknown"),
        pytest.param("estimate", '{"model": "V7", "inhabitants": NaN}', "inhabitants", id="NaN"),
        pytest.param(
            "estimate",
            '{"model": "V7", "inhabitants": 5000, "years": Infinity}',
            "years",
            id="Infinity",
        ),
        pytest.param(
            "estimate",
            '{"model": "V7", "inhabitants": 5000, "cost_per_fte": 1' + "0" * 400 + "}",
            "cost_per_fte",
            id="cost-huge-integer",
        ),
        pytest.param("estimate", "[]", "", id="list"),
        pytest.param("finder", '{"kind": "stadt"}', "kind", id="finder-kind"),
        pytest.param(
            "finder",
            '{"kind": "gemeinde", "inhabitants": 5000, "history": "gering", '
            '"relevance": "gering", "budget_per_inhabitant": 1, "staff_fte": 1e999}',
            "staff_fte",
            id="finder-staff-inf",
        ),
    ],
)
def test_session_run_bad_input(session, command, text, field):
    assert_error(session.run(command, text), field)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
ESTIMATE_KEYS = (
    "model",
    "inhabitants",
    "municipalities",
    "cost_per_fte",
    "funding",
    "financially_weak",
    "years",
)
FINDER_KEYS = (
    "kind",
    "inhabitants",
    "municipalities",
    "history",
    "relevance",
    "budget_per_inhabitant",
    "staff_fte",
)
plausible = {
    "model": st.sampled_from(("V1", "v 7", "V7a", "V11", "V12", "")) | json_values,
    "inhabitants": st.integers(min_value=-5, max_value=10_000_005) | json_values,
    "municipalities": st.integers(min_value=-1, max_value=1002) | json_values,
    "cost_per_fte": st.floats() | st.integers() | json_values,
    "funding": st.sampled_from(("none", "erst+anschluss", "anschluss", "koordination", "x")),
    "financially_weak": st.booleans() | json_values,
    "years": st.integers(min_value=-1, max_value=22) | json_values,
    "kind": st.sampled_from(("gemeinde", "landkreis", "stadt")) | json_values,
    "history": st.sampled_from(("gering", "mittel", "hoch", "sehr hoch")) | json_values,
    "relevance": st.sampled_from(("gering", "mittel", "hoch")) | json_values,
    "budget_per_inhabitant": st.floats() | st.integers() | json_values,
    "staff_fte": st.floats() | st.integers() | json_values,
}


def _objects(keys):
    return st.fixed_dictionaries({}, optional={k: plausible[k] for k in keys})


def assert_answer(answer: str) -> None:
    data = json.loads(answer)
    assert set(data) in ({"result", "html"}, {"error"}), data
    if "error" in data:
        assert_error(answer)


@PROPERTY
@given(command=st.sampled_from(("estimate", "finder")), text=st.text(max_size=40))
def test_session_run_never_raises_on_any_text(session, command, text):
    assert_answer(session.run(command, text))


@PROPERTY
@given(command=st.sampled_from(("estimate", "finder")), value=json_values)
def test_session_run_never_raises_on_any_json(session, command, value):
    assert_answer(session.run(command, json.dumps(value)))


@PROPERTY
@given(data=_objects(ESTIMATE_KEYS))
def test_session_run_never_raises_on_estimate_objects(session, data):
    assert_answer(session.run("estimate", json.dumps(data)))


@PROPERTY
@given(data=_objects(FINDER_KEYS))
def test_session_run_never_raises_on_finder_objects(session, data):
    assert_answer(session.run("finder", json.dumps(data)))


# --------------------------------------------------------------------------------------------
# Command line: JSON on stdin, JSON on stdout, exit 0; bad input: exit 2 and {"error": {...}}
# --------------------------------------------------------------------------------------------

cli = pytest.mark.skipif(sys.platform == "emscripten", reason="no subprocesses in Pyodide")


def run_cli(command: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "calc", command],
        input=stdin,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@cli
def test_cli_estimate_ok():
    done = run_cli("estimate", '{"model": "V8", "inhabitants": 80000}')
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["model"] == "V8"
    assert result["fte"]["recommended"] == 2.0
    assert result["budget_eur_per_year"]["min"] == 400000
    assert result["budget_eur_per_year"]["max"] == 800000
    assert result["personnel_eur_per_year"] == 160000
    assert len(result["projection"]) == 8


@cli
def test_cli_finder_ok():
    done = run_cli(
        "finder",
        json.dumps(
            {
                "kind": "gemeinde",
                "inhabitants": 8000,
                "history": "gering",
                "relevance": "mittel",
                "budget_per_inhabitant": 2,
                "staff_fte": 0.5,
            }
        ),
    )
    assert done.returncode == 0, done.stderr
    models = json.loads(done.stdout)["models"]
    assert len(models) == 14 and all(m["reasons"] for m in models)


@cli
@pytest.mark.parametrize(
    "command, stdin, field",
    [
        pytest.param(
            "estimate",
            '{"model": "V8", "inhabitants": 0}',
            "inhabitants",
            id="estimate-inhabitants",
        ),
        pytest.param("estimate", '{"model": "V99", "inhabitants": 1000}', "model", id="estimate-model"),
        pytest.param("estimate", "{", None, id="estimate-bad-json"),
        pytest.param("finder", '{"kind": "dorf", "inhabitants": 1000}', "kind", id="finder-kind"),
    ],
)
def test_cli_bad_input_exits_2(command, stdin, field):
    done = run_cli(command, stdin)
    assert done.returncode == 2, (done.stdout, done.stderr)
    error = json.loads(done.stdout)["error"]
    assert set(error) == {"field", "message"}
    assert error["message"].strip()
    if field is not None:
        assert error["field"] == field


@pytest.mark.parametrize(
    ("label", "inline"),
    [
        ("Ca. 5.000–25.000 EW", "ca. 5.000–25.000 EW"),
        ("Gering", "gering"),
        ("Mittel-Hoch", "mittel-hoch"),
        ("Mindestens 5 Euro/EW", "mindestens 5 Euro/EW"),
        ("Kommunen mit Klimaschutzbeauftragten", "Kommunen mit Klimaschutzbeauftragten"),
        ("> 25.000 EW", "> 25.000 EW"),
        ("ca. 1–3 Euro/EW", "ca. 1–3 Euro/EW"),
    ],
)
def test_labels_inside_a_sentence(label, inline):
    assert fmt.inline(label) == inline


# --------------------------------------------------------------------------------------------
# Form input: number fields are text, read the German way or plainly (calc.inputs.read_form)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("80.000", 80_000),
        ("1.250.000", 1_250_000),
        ("80000", 80_000),
        (" 45 000 ", 45_000),
        ("45\u00a0000", 45_000),
        ("2,5", 2.5),
        ("2.5", 2.5),
        ("85.000,50", 85_000.5),
        ("-3", -3),
        ("0", 0),
    ],
)
def test_read_number_text(text, number):
    from calc.inputs import read_number_text

    read = read_number_text(text)
    assert read == number and type(read) is type(number)


@pytest.mark.parametrize("text", ["", "achtzigtausend", "80.00.0", "1,2,3", "2e5", "V7", "erst+anschluss", "1.2.3"])
def test_text_that_is_no_number_stays_text(text):
    from calc.inputs import read_number_text

    assert read_number_text(text) == text


@given(n=st.integers(min_value=-(10**12), max_value=10**12))
def test_reading_back_what_the_formatter_writes(n):
    """The one formatter and the one reader agree: 1.234.567 -> 1234567."""
    from calc.inputs import read_number_text

    assert read_number_text(fmt.number(n)) == n
    assert read_number_text(fmt.number(n / 100, 2)) == pytest.approx(n / 100)


def test_session_run_form_reads_text_and_returns_the_input_as_read(session):
    out = json.loads(session.run("estimate", '{"model": "V8", "inhabitants": "80.000", "years": "8"}', True))
    assert out["input"] == {"model": "V8", "inhabitants": 80_000, "years": 8}
    assert out["result"]["fte"]["recommended"] == 2.0
    bad = json.loads(session.run("estimate", '{"model": "V8", "inhabitants": "viele"}', True))
    assert bad["error"]["field"] == "inhabitants" and bad["input"]["inhabitants"] == "viele"
    # the command line and the build keep JSON numbers: text is not read there
    plain = json.loads(session.run("estimate", '{"model": "V8", "inhabitants": "80.000"}'))
    assert plain["error"]["field"] == "inhabitants" and "input" not in plain


@pytest.mark.parametrize("data, column, title, first_cell", OWN_SHARE_CASES)
def test_comparison_names_the_year_it_shows(session, data, column, title, first_cell):
    """The comparison's column and chart speak of the year after funding only where funding ends."""
    import re

    html = json.loads(session.run("compare", json.dumps({"first_year": 2026, **data})))["html"]
    assert re.findall(r'<th scope="col">([^<]*)</th>', html)[3] == column
    chart_title = re.search(r'<title id="vergleich-chart-title">([^<]*)</title>', html)[1]
    assert chart_title == f"Eigenanteil der Kommune je Modell {title}"
    first_row = re.search(r"<tbody><tr>.*?</tr>", html)[0]
    own_share = re.sub(r"<[^>]+>", "", re.findall(r"<td>(.*?)</td>", first_row)[2])
    assert re.fullmatch(first_cell, own_share), own_share


@pytest.mark.parametrize(
    "funding, shown",
    [("none", "– (keine Förderung)"), ("anschluss", "2\u00a0VZÄ")],
)
def test_funded_posts_are_shown_only_with_a_funding_line(session, funding, shown):
    import re

    html = json.loads(session.run("estimate", json.dumps({"model": "V8", "inhabitants": 80000, "funding": funding})))
    cell = re.search(r'<th scope="row">Geförderte Stellen</th><td>(.*?)</td>', html["html"])[1]
    assert re.sub(r"<[^>]+>", "", cell) == shown
    assert 'data-field="inputs.funded_fte" data-value="2.0"' in cell  # the value the command line gives


def test_comparison_shows_the_further_models_warnings_once_each(session):
    """The first model's warnings stand in its full result; the others' are listed with the models
    that give them, each text once, with the path of the first model that gives it."""
    import re

    from calc.compare import other_warnings

    data = {"models": ["V7", "V2", "V9", "V6a-c"], "inhabitants": 30000, "funding": "anschluss", "years": 3}
    answer = json.loads(session.run("compare", json.dumps(data)))
    results = answer["result"]["results"]
    grouped = other_warnings(results)
    texts = [text for text, _ in grouped]
    assert len(texts) == len(set(texts)) == len({w for r in results[1:] for w in r["warnings"]})
    by_models = {", ".join(results[i]["model"] for i, _ in places): text for text, places in grouped}
    assert by_models["V9, V6a-c"].startswith("Der Zeitraum endet mit dem letzten Jahr der Förderung")
    assert "passt nicht zu V 2" in by_models["V2"]
    assert "außerhalb der Größe" in by_models["V6a-c"]
    html = answer["html"]
    for _text, places in grouped:
        i, j = places[0]
        assert f'data-field="results.{i}.warnings.{j}"' in html
    shown = re.sub(r"<[^>]+>", "", html)
    assert "V 9, V 6a-c: Der Zeitraum endet mit dem letzten Jahr der Förderung" in shown
    assert other_warnings(results[:1]) == []
