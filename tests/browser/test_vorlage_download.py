"""The council paper draft on /rechner/ (decision-tool.md §5): the buttons under the result build the
file in the browser with the same package (Pyodide in the worker), offer it as a download, and the
file is byte for byte what ``python -m calc vorlage`` writes; opened in LibreOffice it carries the
numbers the page shows. Bad input: a German message at the field, no download."""

from __future__ import annotations

import json

import pytest
from officekit import TEXT, calc_cli, convert, needs_libreoffice, text_lines

from calc import fmt

READY_TIMEOUT = 120_000
NAME = 'Landkreis <Nord> & "Süd"'
KEYS = ("personnel", "workplace", "funding", "own_share", "budget_min", "own_total")
CASES = [
    pytest.param(
        "model=V7a&inhabitants=250000&municipalities=40&funding=anschluss&funding_years_done=1",
        {"model": "V7a", "inhabitants": 250000, "municipalities": 40, "funding": "anschluss", "funding_years_done": 1},
        "odt",
        "",
        id="single-odt",
    ),
    pytest.param(
        "model=V8&compare=V7,V9&inhabitants=80000&funding=erst%2Banschluss",
        {"models": ["V8", "V7", "V9"], "inhabitants": 80000, "funding": "erst+anschluss"},
        "docx",
        "",  # the first model's full result keeps its estimate paths
        id="comparison-docx",
    ),
]


def wait_ready(page) -> None:
    page.wait_for_function(
        "() => document.querySelector('#rechner')?.dataset.calcState === 'ready'", timeout=READY_TIMEOUT
    )


def shown_fields(page) -> dict:
    """Every value the result shows, by its data-field path (the page's numbers)."""
    rows = page.eval_on_selector(
        "#rechner [data-calc-result]",
        "root => [...root.querySelectorAll('[data-field]')].map(e => [e.dataset.field, e.dataset.value])",
    )
    return {field: json.loads(raw) for field, raw in rows}


def _contains_run(lines: list[str], run: list[str]) -> bool:
    return any(lines[i : i + len(run)] == run for i in range(len(lines) - len(run) + 1))


@pytest.mark.returning_reader
@needs_libreoffice
@pytest.mark.parametrize("query, data, kind, prefix", CASES)
def test_download_is_the_cli_draft_with_the_pages_numbers(page, base_url, tmp_path, query, data, kind, prefix):
    page.goto(f"{base_url}rechner/?{query}")
    wait_ready(page)
    box = page.locator("[data-calc-vorlage]")
    assert box.is_visible()
    page.fill("#f-kommune", NAME)
    with page.expect_download() as info:
        box.get_by_role("button", name=f"Beschlussvorlage herunterladen ({kind.upper()})").click()
    download = info.value
    model = (data.get("model") or data["models"][0]).lower()
    assert download.suggested_filename == f"beschlussvorlage-klimaschutzmanagement-{model}.{kind}"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    cli = calc_cli("vorlage", data | {"kommune": NAME}, "--format", kind)
    assert path.read_bytes() == cli  # Pyodide in the browser = the command line
    size = fmt.number(len(cli) / 1000)  # whole kB in German notation, e.g. 1.234
    assert page.locator("[data-vorlage-status]").text_content() == (
        f"Die Beschlussvorlage „{download.suggested_filename}“ ({size}\u00a0kB) wurde erstellt."
    )

    shown = shown_fields(page)
    lines = text_lines(convert([path], TEXT, tmp_path / "text", tmp_path / "profile")[0])
    years = sorted({int(f.split(".")[-2]) for f in shown if f.startswith(f"{prefix}projection.")})
    assert years, "the page shows no year table"
    for i in years:
        row = [str(shown[f"{prefix}projection.{i}.calendar_year"]), shown[f"{prefix}projection.{i}.phase"]]
        row += [fmt.euro(shown[f"{prefix}projection.{i}.{key}"]) for key in KEYS]
        assert _contains_run(lines, row), row
    assert _contains_run(lines, ["Summe", "", *(fmt.euro(shown[f"{prefix}totals.{key}"]) for key in KEYS)])
    assert _contains_run(lines, ["Kommune", NAME])


@pytest.mark.returning_reader
def test_overlong_name_gives_a_german_message_and_no_download(page, base_url):
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(f"{base_url}rechner/?model=V8&inhabitants=80000")
    wait_ready(page)
    page.fill("#f-kommune", "K" * 201)
    page.get_by_role("button", name="Beschlussvorlage herunterladen (DOCX)").click()
    error = page.locator("#err-kommune")
    error.wait_for(state="visible")
    assert "höchstens 200 Zeichen" in error.text_content()
    assert page.get_attribute("#f-kommune", "aria-invalid") == "true"
    page.fill("#f-kommune", "")
    page.fill("#f-inhabitants", "0")  # the calculator's own input: the message stands in the block
    page.get_by_role("button", name="Beschlussvorlage herunterladen (ODT)").click()
    general = page.locator("#err-vorlage")
    general.wait_for(state="visible")
    assert "Einwohnerzahl" in general.text_content()
    assert page.locator("#err-kommune").is_hidden()
    page.wait_for_timeout(500)
    assert downloads == []


def test_without_javascript_the_block_stays_hidden(nojs_page, base_url):
    nojs_page.goto(f"{base_url}rechner/")
    assert nojs_page.locator("[data-calc-vorlage]").count() == 1
    assert nojs_page.locator("[data-calc-vorlage]").is_hidden()
