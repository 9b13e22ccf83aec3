"""The IST/SOLL working-time worksheet (/arbeitszeit/) used the way a reader uses it."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

KEY = "ksm-arbeitszeit-v1"  # localStorage key of docs/assets/js/worksheet.js
MINUS = "\u2212"
BAD = re.compile(r"\bws-total-bad\b")


@pytest.fixture
def sheet(page: Page, base_url: str):
    """The worksheet page; at the end, nothing may have been requested from another host."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + "arbeitszeit/")
    expect(page.locator("[data-ws-note]")).to_have_text("Noch keine Angaben.")
    yield page
    foreign = [url for url in requests if not url.startswith((origin + "/", "blob:", "data:"))]
    assert not foreign, f"Anfragen an andere Hosts: {foreign}"
    assert any(url.startswith(base_url + "arbeitszeit/") for url in requests)


def enter(page: Page, values: dict[str, tuple]) -> None:
    for task, (ist, soll) in values.items():
        page.fill(f"[name=ist-{task}]", "" if ist is None else str(ist))
        page.fill(f"[name=soll-{task}]", "" if soll is None else str(soll))


def sums(page: Page, group: str) -> tuple[str, str]:
    return page.inner_text(f'[data-sum="ist-{group}"]'), page.inner_text(f'[data-sum="soll-{group}"]')


def totals(page: Page) -> tuple[str, str]:
    return page.inner_text('[data-total="ist"]'), page.inner_text('[data-total="soll"]')


def diff(page: Page, task: str) -> str:
    return page.inner_text(f'[data-diff="{task}"]')


def stored(page: Page):
    return page.evaluate(f"localStorage.getItem('{KEY}')")


def test_sums_differences_and_notes(sheet):
    page = sheet
    enter(
        page,
        {
            "verwaltungsarbeit": (20, 10),
            "liegenschaften": (12.5, 15),
            "konzepte": (30, 25),
            "oeffentlichkeitsarbeit": (10, 20),
        },
    )

    assert sums(page, "pflichtaufgaben") == ("32,5 %", "25 %")
    assert sums(page, "management") == ("30 %", "25 %")
    assert sums(page, "extern") == ("10 %", "20 %")
    assert sums(page, "vernetzung") == ("0 %", "0 %")
    assert totals(page) == ("72,5 %", "70 %")
    assert diff(page, "verwaltungsarbeit") == f"{MINUS}10 Prozentpunkte"
    assert diff(page, "liegenschaften") == "+2,5 Prozentpunkte"
    assert diff(page, "konzepte") == f"{MINUS}5 Prozentpunkte"
    assert diff(page, "oeffentlichkeitsarbeit") == "+10 Prozentpunkte"
    assert diff(page, "aemteruebergreifend") == ""  # nothing entered, nothing shown

    note = page.locator("[data-ws-note]")
    expect(note).to_have_text("Achtung: IST ergibt 72,5 % statt 100 %; SOLL ergibt 70 % statt 100 %.")
    expect(note).to_have_class(BAD)
    expect(page.locator('[data-total="ist"]')).to_have_class(BAD)

    # exactly 100 % in both columns
    enter(page, {"akteure-vernetzen": (27.5, 30), "qualitaetsziele": (0, 0)})
    assert sums(page, "vernetzung") == ("27,5 %", "30 %")
    assert totals(page) == ("100 %", "100 %")
    assert diff(page, "akteure-vernetzen") == "+2,5 Prozentpunkte"
    assert diff(page, "qualitaetsziele") == "±0"
    expect(note).to_have_text("IST und SOLL ergeben jeweils 100 %.")
    expect(note).not_to_have_class(BAD)
    expect(page.locator('[data-total="ist"]')).not_to_have_class(BAD)

    # one column off again
    enter(page, {"konzepte": (31, 25)})
    expect(note).to_have_text("Achtung: IST ergibt 101 % statt 100 %.")


def test_decimal_entries_that_add_up_to_100_are_accepted(sheet):
    """0,1 + 65,1 + 34,8 is 99.99999999999999 in floating point; shown and judged: 100 %."""
    page = sheet
    enter(
        page,
        {
            "verwaltungsarbeit": (0.1, 100),
            "aemteruebergreifend": (65.1, None),
            "liegenschaften": (34.8, None),
        },
    )
    assert totals(page) == ("100 %", "100 %")
    expect(page.locator("[data-ws-note]")).to_have_text("IST und SOLL ergeben jeweils 100 %.")


def test_landkreis_rows_only_for_landkreis(sheet):
    page = sheet
    rows = page.locator("tr[data-landkreis-only], tbody[data-landkreis-only]")
    assert rows.count() >= 4
    expect(page.locator('tr[data-task="lk-regional-pflicht"]')).to_be_hidden()
    expect(page.locator('tbody[data-group="gemeinden"]')).to_be_hidden()
    expect(page.locator("[name=ist-kommunen-beraten]")).to_be_hidden()

    page.get_by_label("Landkreis", exact=True).check()
    for i in range(rows.count()):
        expect(rows.nth(i)).to_be_visible()
    enter(page, {"lk-regional-pflicht": (40, 30), "kommunen-beraten": (60, 70)})
    assert sums(page, "pflichtaufgaben") == ("40 %", "30 %")
    assert sums(page, "gemeinden") == ("60 %", "70 %")
    assert totals(page) == ("100 %", "100 %")
    expect(page.locator("[data-ws-note]")).to_have_text("IST und SOLL ergeben jeweils 100 %.")

    # back to Gemeinde: the Landkreis tasks are hidden and no longer counted
    page.get_by_label("Gemeinde oder Stadt").check()
    expect(page.locator('tr[data-task="lk-regional-pflicht"]')).to_be_hidden()
    expect(page.locator('tbody[data-group="gemeinden"]')).to_be_hidden()
    assert sums(page, "pflichtaufgaben") == ("0 %", "0 %")
    assert totals(page) == ("0 %", "0 %")
    expect(page.locator("[data-ws-note]")).to_have_text("Noch keine Angaben.")


def test_entries_survive_reload_csv_and_clearing(sheet):
    page = sheet
    page.get_by_label("Landkreis", exact=True).check()
    values = {
        "verwaltungsarbeit": (20, 10),
        "liegenschaften": (12.5, 15),
        "konzepte": (30, 25),
        "kommunen-beraten": (37.5, 50),
    }
    enter(page, values)
    assert totals(page) == ("100 %", "100 %")
    saved = json.loads(stored(page))
    assert saved["ist-liegenschaften"] == "12.5" and saved["ws-kind"] == "landkreis"

    page.reload()
    assert page.is_checked("#ws-kind-landkreis")
    for task, (ist, soll) in values.items():
        assert page.input_value(f"[name=ist-{task}]") == str(ist)
        assert page.input_value(f"[name=soll-{task}]") == str(soll)
    assert totals(page) == ("100 %", "100 %")
    assert diff(page, "liegenschaften") == "+2,5 Prozentpunkte"
    expect(page.locator('tbody[data-group="gemeinden"]')).to_be_visible()

    # CSV for a spreadsheet: UTF-8 with BOM, ';', German decimal comma
    with page.expect_download() as info:
        page.get_by_role("button", name="Als CSV herunterladen").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert lines[0] == [
        "Tabelle",
        "Gruppe",
        "Aufgabe",
        "IST %",
        "SOLL %",
        "Veränderung (Prozentpunkte)",
    ]
    by_task = {row[2]: row for row in lines[1:]}
    for task, (ist, soll) in values.items():
        title = page.inner_text(f"#t-{task}").strip()
        row = by_task[title]
        german = lambda v: str(v).replace(".", ",")  # noqa: E731
        assert row[3:5] == [german(ist), german(soll)], row
    assert by_task[page.inner_text("#t-liegenschaften").strip()][5] == "2,5"
    assert by_task[page.inner_text("#t-verwaltungsarbeit").strip()][5] in ("-10", f"{MINUS}10")
    visible_tasks = page.locator("tr[data-task]:visible").count()
    assert len(lines) - 1 == visible_tasks  # every visible task once, Landkreis tasks included here
    assert all(len(row) == 6 for row in lines)

    # clearing empties the form and the browser storage
    page.get_by_role("button", name="Eingaben löschen").click()
    for task in values:
        assert page.input_value(f"[name=ist-{task}]") == ""
        assert page.input_value(f"[name=soll-{task}]") == ""
    assert stored(page) is None
    assert totals(page) == ("0 %", "0 %")
    expect(page.locator("[data-ws-note]")).to_have_text("Noch keine Angaben.")
    page.reload()
    assert page.input_value("[name=ist-liegenschaften]") == ""
    assert stored(page) is None


def test_values_outside_0_to_100_are_marked_and_not_counted(sheet):
    page = sheet
    enter(page, {"verwaltungsarbeit": (60, 50), "konzepte": (60, 50), "liegenschaften": (-20, None)})
    expect(page.locator("[name=ist-liegenschaften]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[name=ist-verwaltungsarbeit]")).not_to_have_attribute("aria-invalid", "true")
    assert totals(page)[0] == "120 %"  # the -20 counts as 0, so the sum does not look fine
    note = page.locator("[data-ws-note]")
    expect(note).to_contain_text("nicht zwischen 0 und 100 %")
    assert BAD.search(note.get_attribute("class") or "")

    page.fill("[name=ist-liegenschaften]", "150")
    expect(page.locator("[name=ist-liegenschaften]")).to_have_attribute("aria-invalid", "true")
    page.fill("[name=ist-liegenschaften]", "0")
    expect(page.locator("[name=ist-liegenschaften]")).not_to_have_attribute("aria-invalid", "true")
    expect(note).not_to_contain_text("nicht zwischen 0 und 100 %")


def test_clearing_also_resets_the_kind_of_authority(sheet):
    page = sheet
    page.get_by_label("Landkreis", exact=True).check()
    enter(page, {"verwaltungsarbeit": (100, 100)})
    page.get_by_role("button", name="Eingaben löschen").click()
    assert page.is_checked("#ws-kind-gemeinde")
    expect(page.locator('tbody[data-group="gemeinden"]')).to_be_hidden()


def test_worksheet_prints_across_pages_row_by_row(sheet):
    page = sheet
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(".ws-table", "ts => ts.map(t => getComputedStyle(t).breakInside)")
    assert breaks and set(breaks) == {"auto"}
    rows = page.eval_on_selector_all(".ws-table tr", "rs => rs.map(r => getComputedStyle(r).breakInside)")
    assert set(rows) == {"avoid"}


def test_without_javascript_an_empty_sheet_to_fill_in_by_hand(nojs_page: Page, base_url: str):
    """Without JavaScript: the empty sheet, no sums of '0 %', no note and no buttons that do nothing;
    with it (the other tests) the sums start at '0 %'."""
    nojs_page.goto(base_url + "arbeitszeit/")
    expect(nojs_page.locator("[name^=ist-]").first).to_be_visible()
    cells = nojs_page.locator("[data-sum], [data-total]")
    assert cells.count() > 5
    assert set(cells.all_inner_texts()) == {""}
    expect(nojs_page.locator(".ws-actions")).to_be_hidden()
    expect(nojs_page.locator("[data-ws-note]")).to_be_hidden()
    assert "Ohne JavaScript lässt sich das leere Blatt ausdrucken" in nojs_page.inner_text("article")


def test_sums_start_at_zero(sheet: Page):
    assert sums(sheet, "management") == ("0 %", "0 %")
    assert totals(sheet) == ("0 %", "0 %")
    expect(sheet.locator(".ws-actions button")).to_have_count(3)
    for button in sheet.locator(".ws-actions button").all():
        expect(button).to_be_visible()
