"""The Modell-Finder (/finder/) as a reader uses it, checked against `python -m calc finder`."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from browserkit import READER, expect_field_message, wait_settled, wait_until
from playwright.sync_api import Page, expect
from site_contract import LANDKREIS
from site_contract import MODEL_KEYS as MODELS

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def enable_instant_navigation(context, base_url: str) -> None:
    """Material's instant navigation only follows links listed in sitemap.xml and keeps the
    sitemap's port when it rebases it onto the page's host – so on a local server with a port it
    is off. Serve the sitemap as GitHub Pages would (same origin) so links behave as for readers."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))

    def rewrite(route):
        response = route.fetch()
        body = re.sub(r"(<loc>)https?://[^/<]+", lambda m: m.group(1) + origin, response.text())
        route.fulfill(response=response, body=body)

    context.route(base_url + "sitemap.xml", rewrite)


@pytest.fixture(scope="module")
def finder_page(browser, base_url):
    context = browser.new_context(**READER)
    enable_instant_navigation(context, base_url)
    page = context.new_page()
    yield page
    context.close()


def open_finder(page: Page, base_url: str) -> None:
    if page.url.startswith(base_url + "finder/") and page.get_attribute("#finder", "data-calc-state") == "ready":
        return  # already a working finder: no second Pyodide start
    page.goto(base_url + "finder/")
    assert wait_settled(page, "#finder") == "ready", page.inner_text("[data-calc-status]")


def fill_form(page: Page, values: dict) -> None:
    page.check(f"#f-kind-{values['kind']}")
    page.fill("#f-inhabitants", str(values["inhabitants"]))
    page.fill("#f-municipalities", str(values.get("municipalities", "")))
    page.select_option("#f-history", values["history"])
    page.select_option("#f-relevance", values["relevance"])
    page.fill("#f-budget", str(values["budget_per_inhabitant"]))
    page.fill("#f-staff", str(values["staff_fte"]))


def shown_result(page: Page) -> dict:
    """The finder result as the page shows it, in the shape of the command line's JSON."""
    items = page.eval_on_selector_all(
        "#finder [data-calc-result] [data-model]",
        """items => items.map(item => ({
        model: item.dataset.model,
        heading: item.querySelector('h3 a').textContent,
        steckbrief: item.querySelector('h3 a').href,
        calculator: item.querySelector('a[href*="rechner/"]')?.href,
        criteria: [...item.querySelectorAll('tbody th')].map(th => th.textContent),
        fields: [...item.querySelectorAll('[data-field]')]
            .map(e => [e.dataset.field, e.dataset.value]),
    }))""",
    )
    for item in items:
        item["fields"] = {field: json.loads(raw) for field, raw in item["fields"]}
    return {"items": items}


def assert_matches_cli(page: Page, expected: dict, base_url: str) -> None:
    items = shown_result(page)["items"]
    assert [i["model"] for i in items] == [m["model"] for m in expected["models"]], "Reihenfolge"
    assert sorted(i["model"] for i in items) == sorted(MODELS)
    for i, (item, model) in enumerate(zip(items, expected["models"], strict=True)):
        want = {f"models.{i}.fit": model["fit"]}
        for j, criterion in enumerate(model["criteria"]):
            want[f"models.{i}.criteria.{j}.status"] = criterion["status"]
            want[f"models.{i}.criteria.{j}.reason"] = criterion["reason"]
        assert item["fields"] == want, model["model"]
        assert item["criteria"] == [c["criterion"] for c in model["criteria"]]
        assert model["number"] in item["heading"] and model["name"] in item["heading"]
        assert item["steckbrief"] == urljoin(base_url, model["url"])
        if model["calculator_query"] is None:  # V 7a without the number of Gemeinden: a sentence, no link
            assert item["calculator"] is None
            continue
        query = {"model": model["model"], "inhabitants": expected["inputs"]["inhabitants"]}
        if expected["inputs"].get("municipalities"):
            query["municipalities"] = expected["inputs"]["municipalities"]
        assert item["calculator"] == f"{base_url}rechner/?{urlencode(query)}"


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "selector, value, field, wording",
    [
        pytest.param("#f-inhabitants", "", "inhabitants", "Einwohnerzahl", id="inhabitants-empty"),
        pytest.param("#f-inhabitants", "0", "inhabitants", "Einwohnerzahl", id="inhabitants-zero"),
        pytest.param("#f-staff", "", "staff_fte", "Stellen", id="staff-empty"),
        pytest.param("#f-budget", "5000", "budget_per_inhabitant", "Budget", id="budget-too-high"),
    ],
)
def test_invalid_input_shows_error_at_the_field(finder_page, base_url, selector, value, field, wording):
    page = finder_page
    open_finder(page, base_url)
    control = page.locator(selector)
    good = control.input_value()
    error = page.locator(f"#err-{field}")

    control.fill(value)
    expect(page.locator("#finder")).to_have_attribute("data-calc-state", "error")
    expect_field_message(control, error, value)
    assert f"err-{field}" in control.get_attribute("aria-describedby").split()
    expect(error).to_be_visible()
    assert wording in error.inner_text()
    assert re.search(r"\b(Bitte|muss)\b", error.inner_text())
    expect(page.locator("#finder [data-calc-result]")).to_be_hidden()

    control.fill(good)
    expect(page.locator("#finder")).to_have_attribute("data-calc-state", "ready")
    expect(control).not_to_have_attribute("aria-invalid", "true")
    expect(error).to_be_hidden()
    expect(page.locator("#finder [data-calc-result]")).to_be_visible()


def test_full_finder_run(finder_page, base_url, calc_cli):
    page = finder_page
    code, expected = calc_cli("finder", LANDKREIS)
    assert code == 0, expected
    open_finder(page, base_url)
    fill_form(page, LANDKREIS)

    wait_until(lambda: assert_matches_cli(page, expected, base_url))
    assert page.get_attribute("#finder", "data-calc-state") == "ready"
    expect(page.locator("#finder [data-model]")).to_have_count(14)
    search = page.evaluate("location.search")
    for key, value in LANDKREIS.items():
        assert f"{key}={value}" in search, search
    finder_url = page.url

    # each model links to its Steckbrief …
    first = expected["models"][0]
    link = page.locator(f'#finder [data-model="{first["model"]}"] h3 a')
    with page.expect_response(lambda r: r.url.split("?")[0] == urljoin(base_url, first["url"])) as response:
        link.click()
    assert response.value.status == 200
    page.wait_for_url(urljoin(base_url, first["url"]))
    expect(page.locator("h1")).to_contain_text(first["number"])

    # … and back again, the finder shows the reader's own input (from the link) again
    page.go_back()
    page.wait_for_url(finder_url)
    assert wait_settled(page, "#finder") == "ready"
    assert page.is_checked("#f-kind-landkreis")
    assert page.input_value("#f-inhabitants") == str(LANDKREIS["inhabitants"])
    wait_until(lambda: assert_matches_cli(page, expected, base_url))

    # … and to the calculator with that model selected
    other = next(m for m in expected["models"] if m["model"] != "V7a")
    page.locator(f'#finder [data-model="{other["model"]}"] a[href*="rechner/"]').click()
    page.wait_for_url(re.compile(r".*/rechner/\?.*"))
    assert wait_settled(page, "#rechner") == "ready", page.inner_text("[data-calc-status]")
    assert page.input_value("#f-model") == other["model"]
    expect(page.locator("#rechner #ergebnis-titel")).to_contain_text(other["number"] + " –")
    assert f"model={other['model']}" in page.evaluate("location.search")


def test_calculator_link_carries_the_readers_input(finder_page, base_url):
    page = finder_page
    query = "&".join(f"{k}={v}" for k, v in LANDKREIS.items())
    page.goto(f"{base_url}finder/?{query}")
    assert wait_settled(page, "#finder") == "ready"
    page.locator('#finder [data-model="V7a"] a[href*="rechner/"]').click()
    page.wait_for_url(re.compile(r".*/rechner/\?.*"))
    assert wait_settled(page, "#rechner") == "ready", page.inner_text("[data-calc-status]")
    assert page.input_value("#f-inhabitants") == str(LANDKREIS["inhabitants"])
    assert page.input_value("#f-municipalities") == str(LANDKREIS["municipalities"])


def test_without_javascript_matrix_and_example(nojs_page, base_url, calc_cli):
    page = nojs_page
    response = page.goto(base_url + "finder/")
    assert response.status == 200
    note = page.locator(".calc-noscript")
    expect(note).to_be_visible()
    assert "JavaScript" in note.inner_text()

    # the static matrix: one row per model, each linking to its Steckbrief
    matrix = page.locator("xpath=//h2[contains(., 'Was jedes Modell verlangt')]/following::table[1]")
    matrix.scroll_into_view_if_needed()  # rendered only near the screen (site.css, content-visibility)
    expect(matrix).to_be_visible()
    rows = matrix.locator("tbody tr")
    expect(rows).to_have_count(14)
    links = rows.locator("td:first-child a").evaluate_all("links => links.map(a => a.href)")
    assert sorted(links) == sorted(f"{base_url}modelle/{m.lower()}/" for m in MODELS)
    # the text as written, not as rendered: a table the browser has not yet painted near the screen
    # (content-visibility: auto) has no innerText
    headers = [text.strip() for text in matrix.locator("thead th").all_text_contents()]
    assert headers[:3] == ["Modell", "Art", "Größe"] and "Relevanz" in headers

    # the prerendered example result: computed for the form's default values
    expect(page.locator("#finder")).to_have_attribute("data-calc-state", "prerendered")
    expect(page.locator("#finder [data-calc-result] [data-model]")).to_have_count(14)
    expect(page.locator("#finder [data-calc-result] [data-model]").first).to_be_visible()
    defaults = {
        "kind": page.locator("[name=kind]:checked").get_attribute("value"),
        "inhabitants": int(page.input_value("#f-inhabitants")),
        "history": page.input_value("#f-history"),
        "relevance": page.input_value("#f-relevance"),
        "budget_per_inhabitant": float(page.input_value("#f-budget").replace(",", ".")),
        "staff_fte": float(page.input_value("#f-staff").replace(",", ".")),
    }
    for field in ("#f-budget", "#f-staff"):  # written as the help text and a German reader write them
        assert "." not in page.input_value(field), page.input_value(field)
    code, expected = calc_cli("finder", defaults)
    assert code == 0, expected
    assert_matches_cli(page, expected, base_url)
