"""Models side by side on /rechner/ (decision-tool.md §4): the page's comparison equals
``python -m calc compare``, is shareable through the query string and prints on one A4 page; the
council sentence is the CLI's after_funding, written out."""

from __future__ import annotations

import json
import re

import pytest
from browserkit import lookup_compared, pdf_pages, print_pdf, wait_settled

BASE = {"inhabitants": 250000, "municipalities": 40, "funding": "anschluss", "funding_years_done": 1}
CASES = [
    pytest.param(["V7a", "V10"], BASE, id="V7a-V10-landkreis"),
    pytest.param(["V7a", "V10", "V11"], BASE, id="V7a-V10-V11"),
    pytest.param(
        ["V7", "V8", "V9", "V10"],
        {"inhabitants": 80000, "funding": "erst+anschluss", "financially_weak": True, "rules": "krl-2022"},
        id="four-municipal-models-2022",
    ),
]


def _query(models: list[str], values: dict) -> str:
    parts = [f"model={models[0]}", "compare=" + ",".join(models[1:])]
    parts += [f"{key}={str(value).lower() if isinstance(value, bool) else value}" for key, value in values.items()]
    return "&".join(parts).replace("+", "%2B")


def _fields(page) -> dict:
    rows = page.eval_on_selector(
        "#rechner [data-calc-result]",
        "root => [...root.querySelectorAll('[data-field]')].map(e => [e.dataset.field, e.dataset.value])",
    )
    return {field: json.loads(raw) for field, raw in rows}


@pytest.mark.returning_reader
@pytest.mark.parametrize("models, values", CASES)
def test_comparison_matches_command_line(page, base_url, built_site, calc_cli, models, values):
    code, expected = calc_cli("compare", dict(values, models=models))
    assert code == 0, expected
    page.goto(f"{base_url}rechner/?{_query(models, values)}")
    wait_settled(page)
    assert page.get_attribute("#rechner", "data-calc-state") == "ready"
    shown = _fields(page)
    for field, value in shown.items():
        assert lookup_compared(expected, field) == value, field
    for i, result in enumerate(expected["results"]):
        assert shown[f"results.{i}.model"] == result["model"]
        assert shown[f"results.{i}.fte.recommended"] == result["fte"]["recommended"]
        assert shown[f"results.{i}.personnel_eur_per_year"] == result["personnel_eur_per_year"]
        if result["after_funding"]:
            assert shown[f"results.{i}.after_funding.own_share"] == result["after_funding"]["own_share"]
    # the table links every model's Steckbrief and names its degree of Verstetigung in its words
    params = json.loads((built_site / "assets" / "calc" / "params.json").read_text(encoding="utf-8"))
    rows = page.locator("#rechner .calc-compare-table tbody tr")
    assert rows.count() == len(models)
    for i, key in enumerate(models):
        href = rows.nth(i).locator("a").get_attribute("href")
        assert href.endswith(f"modelle/{key.lower()}/")
        assert rows.nth(i).locator("td").last.inner_text() == params["models"][key]["stage_label"]
    assert page.locator("#rechner .calc-compare-chart svg[role=img]").count() == 1
    # the form shows the compared models and the link keeps them
    assert [page.input_value(f"#f-compare-{i}") for i in range(1, len(models))] == models[1:]
    assert "compare=" + "%2C".join(models[1:]) in page.evaluate("location.search").replace(",", "%2C")


@pytest.mark.returning_reader
def test_council_sentence_is_the_cli_after_funding(page, base_url, calc_cli):
    values = {"model": "V7a", "inhabitants": 250000, "municipalities": 40, "funding": "anschluss"}
    values |= {"pay_rise": 0, "workplace_cost": 0}
    code, result = calc_cli("estimate", values)
    assert code == 0
    page.goto(base_url + "rechner/?" + "&".join(f"{k}={v}" for k, v in values.items()))
    wait_settled(page)
    text = page.inner_text("#rechner .calc-council")
    after = result["after_funding"]
    assert after == {"calendar_year": 2029, "own_share": 160000, "increase": 64000, "per_inhabitant": 1.64}
    assert re.sub(r"\s", " ", text) == (
        "Ab 2029 trägt die Kommune 160.000 € Personal- und Arbeitsplatzkosten im Jahr, 64.000 € mehr als "
        "2028; mit dem Budget Klimaschutz sind das 1,64 € je Einwohnerin und Einwohner."
    )


@pytest.mark.returning_reader
def test_comparison_error_is_shown_next_to_the_field(page, base_url):
    page.goto(f"{base_url}rechner/?model=V7&inhabitants=50000&compare=V7")
    wait_settled(page)
    assert page.get_attribute("#rechner", "data-calc-state") == "error"
    message = page.inner_text("#err-compare")
    assert "mehrfach" in message and "V 7" in message
    assert (
        page.get_attribute("#f-compare-1", "aria-invalid") == "true"
        or page.locator("fieldset[aria-invalid=true], [name=compare][aria-invalid=true]").count()
    )


@pytest.mark.returning_reader
def test_comparison_prints_on_one_page(page, base_url):
    page.goto(f"{base_url}rechner/?{_query(['V7a', 'V10', 'V11'], BASE)}")
    wait_settled(page)
    pdf = print_pdf(page)
    assert pdf_pages(pdf) == 1
    assert page.locator(".calc-compare-table").is_visible()


WASM = "**/assets/pyodide/pyodide.asm.wasm"


def _page_request(page, base_url: str) -> tuple[str, dict]:
    """What the page's form sends (calc-page.js readForm), as the worker reads it."""
    from calc.api import form_command
    from calc.inputs import read_form

    sent = page.evaluate(
        "async (url) => (await import(url)).readForm(document.querySelector('#rechner form'))",
        base_url + "assets/js/calc-page.js",
    )
    return form_command("estimate", read_form(sent))


def test_default_comparison_is_shown_before_and_after_the_runtime(page, base_url, calc_cli):
    """/rechner/ without a link: the comparison for the default inputs is there at first paint
    (prerendered, while the runtime's download is held back) and is the same after the runtime
    has computed it again – both equal to `python -m calc compare`."""
    held = []
    page.route(WASM, lambda route: held.append(route))  # the runtime cannot start until the test lets the file through
    page.goto(f"{base_url}rechner/")
    command, request = _page_request(page, base_url)
    assert command == "compare" and len(request["models"]) >= 2, request
    code, expected = calc_cli("compare", request)
    assert code == 0, expected

    def assert_shows_expected():
        shown = _fields(page)
        assert shown, "kein Ergebnis auf der Seite"
        for field, value in shown.items():
            assert lookup_compared(expected, field) == value, field
        for i, result in enumerate(expected["results"]):
            assert shown[f"results.{i}.model"] == result["model"]
            assert shown[f"results.{i}.fte.recommended"] == result["fte"]["recommended"]
        rows = page.locator("#rechner .calc-compare-table tbody tr")
        assert rows.count() == len(request["models"])
        assert page.locator("#rechner .calc-compare-chart svg[role=img]").is_visible()
        assert page.locator("#rechner .calc-stale-note").is_hidden()  # it belongs to the form's inputs

    page.wait_for_function("() => document.querySelector('#rechner').dataset.calcState === 'loading'")
    assert held, "the runtime's WebAssembly file was not requested"
    assert_shows_expected()
    assert "compare=" not in page.url  # the page's own defaults: nothing written into the address yet

    for route in held:
        route.continue_()
    page.unroute(WASM)
    wait_settled(page)
    assert page.get_attribute("#rechner", "data-calc-state") == "ready"
    assert_shows_expected()
    # computed again by the worker, and the address now names the comparison it shows
    assert "compare=" + "%2C".join(request["models"][1:]) in page.url.replace(",", "%2C")


def test_a_link_without_compare_shows_one_model(page, base_url, calc_cli):
    """A Steckbrief's link (?model=V8) asks for that model alone, not for the preset comparison,
    which would even name V 8 twice; the prerendered comparison is labelled with its own inputs."""
    page.route(WASM, lambda route: route.abort())
    page.goto(f"{base_url}rechner/?model=V8&inhabitants=90000")
    page.wait_for_function("() => document.querySelector('#rechner').dataset.calcState === 'error'")
    assert [page.input_value(f"#f-compare-{i}") for i in range(1, 4)] == ["", "", ""]
    note = page.locator("#rechner .calc-stale-note")
    assert note.is_visible()
    assert "Mit weiteren Modellen vergleichen „V 8" in note.inner_text()
    page.unroute(WASM)
    page.goto(f"{base_url}rechner/?model=V8&inhabitants=90000")
    wait_settled(page)
    assert page.get_attribute("#rechner", "data-calc-state") == "ready"
    code, expected = calc_cli("estimate", {"model": "V8", "inhabitants": 90000})
    assert code == 0
    shown = _fields(page)
    assert shown["fte.recommended"] == expected["fte"]["recommended"]
    assert page.locator("#rechner .calc-compare-table").count() == 0
