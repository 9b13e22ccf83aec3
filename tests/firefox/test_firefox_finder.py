"""The Modell-Finder (/finder/) in Firefox ESR, checked against `python -m calc finder`."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl, urljoin

from firefoxkit import check, evaluate, fill, goto, js, select, wait, wait_state
from officekit import calc_cli
from site_contract import LANDKREIS, MODEL_KEYS

TAB = "finder"
# The finder as the page shows it, in one round trip.
SNAPSHOT = evaluate(
    """(() => {
  const root = document.querySelector('#finder');
  const result = root.querySelector('[data-calc-result]');
  return {
    state: root.dataset.calcState,
    status: root.querySelector('[data-calc-status]').textContent,
    search: location.search,
    result_visible: !result.hidden && result.checkVisibility(),
    errors: Object.fromEntries([...root.querySelectorAll('.calc-error')].filter(e => !e.hidden)
      .map(e => [e.id, e.textContent])),
    items: [...result.querySelectorAll('[data-model]')].map(item => ({
      model: item.dataset.model,
      heading: item.querySelector('h3 a').textContent,
      steckbrief: item.querySelector('h3 a').href,
      criteria: [...item.querySelectorAll('tbody th')].map(th => th.textContent),
      fields: Object.fromEntries([...item.querySelectorAll('[data-field]')]
        .map(e => [e.dataset.field, JSON.parse(e.dataset.value)])),
    })),
  };
})()"""
)


def finder(payload: dict) -> dict:
    return json.loads(calc_cli("finder", payload))


def fill_form(values: dict) -> list[dict]:
    return [
        check(f"#f-kind-{values['kind']}"),
        fill("#f-inhabitants", values["inhabitants"]),
        fill("#f-municipalities", values.get("municipalities", "")),
        select("#f-history", values["history"]),
        select("#f-relevance", values["relevance"]),
        fill("#f-budget", values["budget_per_inhabitant"]),
        fill("#f-staff", values["staff_fte"]),
    ]


def answered(values: dict) -> dict:
    """Until the address holds ``values`` (written after the worker's answer) and the state is ready."""
    conditions = ["document.querySelector('#finder').dataset.calcState === 'ready'"]
    for key, value in values.items():
        conditions.append(f"new URLSearchParams(location.search).get({js(key)}) === {js(str(value))}")
    return wait(" && ".join(conditions), 20_000)


def open_finder(firefox, base_url: str) -> dict:
    return firefox.run(base_url, [goto("finder/"), wait_state("#finder"), SNAPSHOT], page=TAB, fresh=True).last


def assert_matches_cli(snapshot: dict, expected: dict, base_url: str) -> None:
    items = snapshot["items"]
    assert [i["model"] for i in items] == [m["model"] for m in expected["models"]], "Reihenfolge"
    assert sorted(i["model"] for i in items) == sorted(MODEL_KEYS)
    for i, (item, model) in enumerate(zip(items, expected["models"], strict=True)):
        want = {f"models.{i}.fit": model["fit"]}
        for j, criterion in enumerate(model["criteria"]):
            want[f"models.{i}.criteria.{j}.status"] = criterion["status"]
            want[f"models.{i}.criteria.{j}.reason"] = criterion["reason"]
        assert item["fields"] == want, model["model"]
        assert item["criteria"] == [c["criterion"] for c in model["criteria"]], model["model"]
        assert model["number"] in item["heading"] and model["name"] in item["heading"]
        assert item["steckbrief"] == urljoin(base_url, model["url"])


def test_finder_answers_as_the_command_line(firefox, base_url):
    """Ready with the default example, then a Landkreis as a reader enters it: the command line's order,
    fit and reasons for all 14 models; the address carries the inputs."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        expected = pool.submit(finder, LANDKREIS)
        first = open_finder(firefox, base_url)
        assert first["state"] == "ready", first["status"]
        assert len(first["items"]) == 14
        snapshot = firefox.run(base_url, [*fill_form(LANDKREIS), answered(LANDKREIS), SNAPSHOT], page=TAB).last
        expected = expected.result()
    assert snapshot["result_visible"], snapshot["status"]
    assert_matches_cli(snapshot, expected, base_url)
    sent = dict(parse_qsl(snapshot["search"].lstrip("?")))
    for key, value in LANDKREIS.items():
        assert sent.get(key) == str(value), f"{key} fehlt oder weicht ab in {snapshot['search']}"


def test_finder_bad_input_gives_the_message_at_the_field(firefox, base_url):
    snapshot = firefox.run(base_url, [evaluate("location.pathname")], page=TAB).last
    if not snapshot.endswith("/finder/"):
        assert open_finder(firefox, base_url)["state"] == "ready"
    broken, fixed = firefox.run(
        base_url,
        [
            fill("#f-inhabitants", "0"),
            wait("document.querySelector('#finder').dataset.calcState === 'error'", 20_000),
            SNAPSHOT,
            fill("#f-inhabitants", "25000"),
            answered({"inhabitants": 25000}),
            SNAPSHOT,
        ],
        page=TAB,
    ).reads
    message = broken["errors"].get("err-inhabitants")
    assert message and "Einwohnerzahl" in message, broken["errors"]
    assert re.search(r"\b(Bitte|muss)\b", message), message
    assert not broken["result_visible"], "ein altes Ergebnis steht noch da, als gälte es"
    assert fixed["errors"] == {} and fixed["result_visible"], fixed["status"]
    assert len(fixed["items"]) == 14
