"""The calculator (/rechner/) in Firefox ESR, checked against `python -m calc estimate`.

Every shown value sits in an element with ``data-field`` (dotted path of the JSON output) and
``data-value`` (the raw JSON value), as in tests/browser/test_calculator.py. One tab serves the
module after the first test loaded it (a Pyodide start takes seconds); each test brings the form
to its own inputs first.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl

import pytest
from browserkit import lookup
from firefoxkit import check, evaluate, fill, goto, js, select, wait, wait_state
from officekit import calc_cli

TAB = "rechner"
LINK = {"model": "V8", "inhabitants": 90000}
LINK_PATH = "rechner/?model=V8&inhabitants=90000"
NBSP = "\u00a0"
BAD_TEXT = re.compile(r"NaN|undefined|Traceback|\[object|\bNone\b|\bnull\b|Infinity")

# What the page shows, in one round trip: state, status line, address, form and result fields.
SNAPSHOT = evaluate(
    """(() => {
  const root = document.querySelector('#rechner');
  const result = root.querySelector('[data-calc-result]');
  const field = (s) => root.querySelector(s);
  return {
    state: root.dataset.calcState,
    status: field('[data-calc-status]').textContent,
    search: location.search,
    title: field('#ergebnis-titel')?.textContent ?? null,
    result_visible: !result.hidden && result.checkVisibility(),
    result_text: result.textContent,
    errors: Object.fromEntries([...root.querySelectorAll('.calc-error')].filter(e => !e.hidden)
      .map(e => [e.id, e.textContent])),
    form: {model: field('#f-model').value, inhabitants: field('#f-inhabitants').value,
           funding: field('#f-funding').value, weak: field('#f-weak').checked, years: field('#f-years').value},
    fields: [...result.querySelectorAll('[data-field]')]
      .map(e => [e.dataset.field, e.dataset.value, e.textContent]),
  };
})()"""
)


def estimate(payload: dict) -> dict:
    return json.loads(calc_cli("estimate", payload))


def shown(snapshot: dict) -> dict[str, object]:
    """data-field -> parsed data-value (the first element for a path shown twice)."""
    values: dict[str, object] = {}
    for field, raw, _text in snapshot["fields"]:
        values.setdefault(field, json.loads(raw))
    return values


def texts(snapshot: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    for field, _raw, text in snapshot["fields"]:
        out.setdefault(field, text.replace(NBSP, " ").strip())
    return out


def de_number(value: float, decimals: int = 0) -> str:
    text = f"{abs(value):,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return ("-" if value < 0 else "") + text


def assert_matches_cli(snapshot: dict, result: dict) -> None:
    """Every shown value is the command line's; the main figures, every year, warning and source are shown."""
    assert snapshot["state"] == "ready", snapshot["status"]
    values = shown(snapshot)
    for field, value in values.items():
        try:
            want = lookup(result, field)
        except (KeyError, IndexError, ValueError):
            pytest.fail(f"data-field {field!r} gibt es in der Ausgabe von `python -m calc estimate` nicht")
        assert value == want, f"{field}: Firefox zeigt {value!r}, Kommandozeile {want!r}"
    for path in ("fte.recommended", "fte.guidance", "personnel_eur_per_year", "budget_eur_per_year.min"):
        assert path in values, f"{path} wird nicht angezeigt"
    years = [y for y in values if re.fullmatch(r"projection\.\d+\.funding", y)]
    assert len(years) == len(result["projection"]) == result["inputs"]["years"]
    for kind in ("warnings", "sources"):
        assert sorted(f for f in values if f.startswith(kind + ".")) == sorted(
            f"{kind}.{i}" for i in range(len(result[kind]))
        ), f"{kind}: nicht genau die der Kommandozeile"
    assert result["model"].replace("V", "V ", 1) + " –" in snapshot["title"]
    assert not BAD_TEXT.search(snapshot["result_text"]), BAD_TEXT.search(snapshot["result_text"]).group(0)
    # German number format as a reader sees it
    shown_text = texts(snapshot)
    fte = de_number(result["fte"]["recommended"], 2).rstrip("0").rstrip(",")
    assert shown_text["fte.recommended"] == f"{fte} VZÄ"
    assert shown_text["personnel_eur_per_year"] == de_number(round(result["personnel_eur_per_year"])) + " €"


def open_calculator(firefox, base_url: str) -> None:
    """The tab on a working calculator: reuse it when the runtime is up, else open the link."""
    where = firefox.run(
        base_url,
        [evaluate("[location.pathname, document.querySelector('#rechner .calc-retry')?.hidden ?? false]")],
        page=TAB,
    ).last
    if where[0].endswith("/rechner/") and where[1]:
        return
    snapshot = firefox.run(base_url, [goto(LINK_PATH), wait_state("#rechner"), SNAPSHOT], page=TAB).last
    assert snapshot["state"] == "ready", snapshot["status"]


def set_form(values: dict) -> list[dict]:
    """Steps that bring the form to ``values`` as a reader does (choose, type, tick)."""
    steps = [select("#f-model", values["model"])]
    if "municipalities" in values:
        steps.append(fill("#f-municipalities", values["municipalities"]))
    steps += [
        fill("#f-inhabitants", values["inhabitants"]),
        fill("#f-cost", values.get("cost_per_fte", 80000)),
        fill("#f-years", values.get("years", 8)),
        select("#f-funding", values.get("funding", "none")),
        check("#f-weak", values.get("financially_weak", False)),
    ]
    return steps


def arrived(values: dict) -> dict:
    """A wait until the result shows ``values`` (the worker answered the last change)."""
    title = js(values["model"].replace("V", "V ", 1) + " –")
    conditions = [
        "document.querySelector('#rechner').dataset.calcState === 'ready'",
        f"document.querySelector('#ergebnis-titel')?.textContent.includes({title})",
    ]
    for key in ("inhabitants", "years", "financially_weak", "funding", "cost_per_fte"):
        if key in values:
            value = float(values[key]) if key == "cost_per_fte" else values[key]
            selector = js(f'#rechner [data-field="inputs.{key}"]')
            conditions.append(f"document.querySelector({selector})?.dataset.value === {js(json.dumps(value))}")
    return wait(" && ".join(conditions), 20_000)


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_link_is_applied_and_runtime_becomes_ready(firefox, base_url):
    """A shared link in a fresh tab: loading, then ready with the command line's figures."""
    expected = estimate(LINK)
    (_, first, _, snapshot), times, _, _ = firefox.run(
        base_url,
        [
            goto(LINK_PATH),
            evaluate("document.querySelector('#rechner').dataset.calcState"),
            wait_state("#rechner"),
            SNAPSHOT,
        ],
        page=TAB,
        fresh=True,
    )
    print(f"\nFirefox: Rechner bereit nach {times[2]:.1f} s")  # pytest -s
    assert first in ("loading", "ready"), first
    assert snapshot["state"] == "ready", f"Zustand {snapshot['state']}: {snapshot['status']}"
    assert snapshot["form"]["model"] == "V8" and snapshot["form"]["inhabitants"] == "90000"
    sent = dict(parse_qsl(snapshot["search"].lstrip("?")))
    assert sent["model"] == "V8" and sent["inhabitants"] == "90000", snapshot["search"]
    assert snapshot["status"].startswith("Ergebnis aktualisiert"), snapshot["status"]
    assert_matches_cli(snapshot, expected)


def test_changing_inputs_gives_the_command_lines_figures(firefox, base_url):
    """Choosing, typing and ticking in the form: the figures of the command line, the link in step."""
    open_calculator(firefox, base_url)
    values = {"model": "V10", "inhabitants": 123456, "funding": "erst+anschluss", "financially_weak": True, "years": 11}
    with ThreadPoolExecutor(max_workers=1) as pool:  # the command line runs while Firefox works
        expected = pool.submit(estimate, values | {"cost_per_fte": 80000})
        snapshot = firefox.run(base_url, [*set_form(values), arrived(values), SNAPSHOT], page=TAB).last
        expected = expected.result()
    sent = dict(parse_qsl(snapshot["search"].lstrip("?")))
    assert sent["model"] == "V10" and sent["inhabitants"] == "123456" and sent["years"] == "11", sent
    assert sent["funding"] == "erst+anschluss" and sent["financially_weak"] == "true", sent
    assert "municipalities" not in sent  # a hidden field is no part of the link
    assert_matches_cli(snapshot, expected)


def invalid_controls() -> dict:
    return evaluate(
        "[...document.querySelectorAll('#rechner [aria-invalid=\"true\"]')]"
        ".map(e => [e.id, e.getAttribute('aria-describedby')])"
    )


@pytest.mark.parametrize(
    ("selector", "bad", "field", "wording", "good"),
    [
        pytest.param("#f-inhabitants", "0", "inhabitants", "Einwohnerzahl", "70000", id="inhabitants-zero"),
        pytest.param("#f-inhabitants", "achtzigtausend", "inhabitants", "ganze Zahl", "80000", id="inhabitants-text"),
        pytest.param("#f-years", "25", "years", "Jahre", "20", id="years-25"),
        pytest.param("#f-cost", "5000", "cost_per_fte", "Kosten je Vollzeitstelle", "90000", id="cost-5000"),
    ],
)
def test_bad_input_gives_the_message_at_the_field_and_no_stale_result(
    firefox, base_url, selector, bad, field, wording, good
):
    """As tests/browser/test_calculator.py: the German message next to the field, the field marked,
    the result hidden (no stale figures that look valid) – and all of it gone once corrected."""
    open_calculator(firefox, base_url)
    start = {"model": "V8", "inhabitants": 50000}
    invalid, broken, fixed = firefox.run(
        base_url,
        [
            *set_form(start),
            arrived(start),
            fill(selector, bad),
            wait("document.querySelector('#rechner').dataset.calcState === 'error'", 20_000),
            invalid_controls(),
            SNAPSHOT,
            fill(selector, good),
            # ready for the whole corrected value: the field may fill key by key, and a prefix of it
            # ("7" of "70000") is a valid input that computes on its own
            wait(
                "(() => { const root = document.querySelector('#rechner');"
                f" const shown = root.querySelector('[data-field=\"inputs.{field}\"]');"
                " return root.dataset.calcState === 'ready' && shown !== null"
                f" && JSON.parse(shown.dataset.value) === {float(good)}; }})()",
                20_000,
            ),
            SNAPSHOT,
        ],
        page=TAB,
    ).reads
    message = broken["errors"].get(f"err-{field}")
    assert message is not None, f"keine Meldung bei {selector}: {broken['errors']}"
    assert wording in message, message
    assert re.search(r"\b(Bitte|muss)\b", message), f"keine deutsche Meldung: {message!r}"
    assert [c for c, _ in invalid] == [selector.lstrip("#")], invalid
    assert f"err-{field}" in invalid[0][1].split()
    assert not broken["result_visible"], "ein altes Ergebnis steht noch da, als gälte es"
    assert message in broken["status"], broken["status"]
    # corrected: the message goes, a result for the corrected input comes
    assert fixed["state"] == "ready" and fixed["result_visible"], fixed["status"]
    assert fixed["errors"] == {}, fixed["errors"]
    number = float(good)
    assert shown(fixed)[f"inputs.{field}"] == number, shown(fixed)[f"inputs.{field}"]


def test_numbers_written_the_german_way(firefox, base_url):
    """ "1.250.000" typed as in a German text is read as 1250000; "85.000,50" as 85000.5."""
    open_calculator(firefox, base_url)
    values = {"model": "V8", "inhabitants": 1_250_000, "cost_per_fte": 85_000.5}
    with ThreadPoolExecutor(max_workers=1) as pool:
        expected = pool.submit(estimate, values)
        snapshot = firefox.run(
            base_url,
            [
                *set_form({"model": "V8", "inhabitants": 50000}),
                fill("#f-inhabitants", "1.250.000"),
                fill("#f-cost", "85.000,50"),
                arrived(values),
                wait("new URLSearchParams(location.search).get('cost_per_fte') === '85000.5'"),
                SNAPSHOT,
            ],
            page=TAB,
        ).last
        expected = expected.result()
    assert_matches_cli(snapshot, expected)
