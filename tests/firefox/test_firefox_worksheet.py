"""The IST/SOLL working-time worksheet (/arbeitszeit/) in Firefox ESR: shares of working time typed in
as a reader does, sums, totals and differences in German number format, kept over a reload."""

from __future__ import annotations

import json

import pytest
from firefoxkit import check, evaluate, fill, goto, type_keys, wait

TAB = "arbeitszeit"
MINUS = "\u2212"

SHEET = evaluate(
    """(() => {
  const text = (s) => document.querySelector(s).textContent;
  const groups = [...document.querySelectorAll('tbody[data-group]')].map(g => g.dataset.group);
  return {
    sums: Object.fromEntries(groups.map(g => [g, [text(`[data-sum="ist-${g}"]`), text(`[data-sum="soll-${g}"]`)]])),
    totals: [text('[data-total="ist"]'), text('[data-total="soll"]')],
    diffs: Object.fromEntries([...document.querySelectorAll('[data-diff]')].map(e => [e.dataset.diff, e.textContent])),
    note: text('[data-ws-note]'),
    bad: document.querySelector('[data-ws-note]').classList.contains('ws-total-bad'),
    values: Object.fromEntries([...document.querySelectorAll('input[type=number]')].filter(e => e.value !== '')
      .map(e => [e.name, e.value])),
    landkreis: document.querySelector('#ws-kind-landkreis').checked,
  };
})()"""
)


def enter(values: dict[str, tuple]) -> list[dict]:
    steps = []
    for task, (ist, soll) in values.items():
        steps += [fill(f"[name=ist-{task}]", ist), fill(f"[name=soll-{task}]", soll)]
    return steps


def note_is(text: str) -> dict:
    return wait(f"document.querySelector('[data-ws-note]').textContent === {json.dumps(text)}")


@pytest.fixture
def sheet(firefox, base_url):
    """A fresh tab (empty browser storage) on the worksheet."""
    firefox.run(base_url, [goto("arbeitszeit/"), note_is("Noch keine Angaben.")], page=TAB, fresh=True, isolated=True)


def test_sums_and_differences_in_german_number_format(firefox, base_url, sheet):
    values = {
        "verwaltungsarbeit": (20, 10),
        "liegenschaften": (12.5, 15),
        "konzepte": (30, 25),
        "oeffentlichkeitsarbeit": (10, 20),
    }
    partial, full = firefox.run(
        base_url,
        [
            *enter(values),
            note_is("Achtung: IST ergibt 72,5 % statt 100 %; SOLL ergibt 70 % statt 100 %."),
            SHEET,
            *enter({"akteure-vernetzen": (27.5, 30), "qualitaetsziele": (0, 0)}),
            note_is("IST und SOLL ergeben jeweils 100 %."),
            SHEET,
        ],
        page=TAB,
    ).reads
    assert partial["sums"]["pflichtaufgaben"] == ["32,5 %", "25 %"]
    assert partial["sums"]["management"] == ["30 %", "25 %"]
    assert partial["sums"]["extern"] == ["10 %", "20 %"]
    assert partial["sums"]["vernetzung"] == ["0 %", "0 %"]
    assert partial["totals"] == ["72,5 %", "70 %"]
    assert partial["bad"] is True
    assert partial["diffs"]["verwaltungsarbeit"] == f"{MINUS}10 Prozentpunkte"
    assert partial["diffs"]["liegenschaften"] == "+2,5 Prozentpunkte"
    assert partial["diffs"]["aemteruebergreifend"] == ""  # nothing entered, nothing shown

    assert full["sums"]["vernetzung"] == ["27,5 %", "30 %"]
    assert full["totals"] == ["100 %", "100 %"]
    assert full["diffs"]["akteure-vernetzen"] == "+2,5 Prozentpunkte"
    assert full["diffs"]["qualitaetsziele"] == "±0"
    assert full["bad"] is False


def test_entries_survive_a_reload_and_landkreis_rows_count(firefox, base_url, sheet):
    values = {"verwaltungsarbeit": (20, 10), "konzepte": (42.5, 20), "kommunen-beraten": (37.5, 70)}
    before, after = firefox.run(
        base_url,
        [
            check("#ws-kind-landkreis"),
            *enter(values),
            note_is("IST und SOLL ergeben jeweils 100 %."),
            SHEET,
            {"reload": True},
            note_is("IST und SOLL ergeben jeweils 100 %."),
            SHEET,
        ],
        page=TAB,
    ).reads
    assert before["landkreis"] and before["sums"]["gemeinden"] == ["37,5 %", "70 %"]
    assert before["totals"] == ["100 %", "100 %"]
    assert after == before, "nach dem Neuladen anders als vorher"
    assert after["values"]["ist-konzepte"] == "42.5"


def test_decimal_comma_typed_into_the_fields(firefox, base_url, sheet):
    """Firefox reads "12,5" typed into a number field of a German page as 12.5 (Chromium would not
    let a reader type the comma at all); the sheet counts it and shows German decimals."""
    (shown,) = firefox.run(
        base_url,
        [
            type_keys("[name=ist-verwaltungsarbeit]", "12,5"),
            type_keys("[name=ist-konzepte]", "87,5"),
            type_keys("[name=soll-konzepte]", "100"),
            note_is("IST und SOLL ergeben jeweils 100 %."),
            SHEET,
        ],
        page=TAB,
    ).reads
    assert shown["values"]["ist-verwaltungsarbeit"] == "12.5"
    assert shown["sums"]["pflichtaufgaben"] == ["12,5 %", "0 %"]
    assert shown["sums"]["management"] == ["87,5 %", "100 %"]
    assert shown["diffs"]["konzepte"] == "+12,5 Prozentpunkte"
