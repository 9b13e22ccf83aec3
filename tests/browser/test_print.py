"""Printing on A4: no navigation, tables kept whole, links written out, a footer with source,
print date and address; the calculator prints as a one-page summary for a council paper."""

from __future__ import annotations

from datetime import date

import pytest
from browserkit import pdf_pages, print_pdf

CALC_TIMEOUT = 120_000
HIDDEN_IN_PRINT = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search")


def _displayed(page, selector: str) -> bool:
    return page.evaluate(
        "s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none')", selector
    )


@pytest.mark.returning_reader
@pytest.mark.parametrize("path", ["modelle/v7/", "modelle/v6d-f/", "aspekte/finanzierung/", "finder/"])
def test_page_prints_without_navigation_with_footer_and_links(page, base_url, path):
    page.goto(base_url + path)
    if path == "finder/":
        page.wait_for_selector('[data-calc-state="ready"]', timeout=CALC_TIMEOUT)
    pdf = print_pdf(page)
    assert pdf_pages(pdf) >= 1
    for selector in HIDDEN_IN_PRINT:
        assert not _displayed(page, selector), f"{selector} wird mitgedruckt"
    footer = page.locator(".print-footer")
    assert footer.evaluate("e => getComputedStyle(e).display") == "block"
    text = footer.inner_text()
    assert path in text and "ifeu" in text
    assert date.today().strftime("%d.%m.%Y") in text
    links = page.eval_on_selector_all(".md-content a[href]:not([href^='#'])", "as => as.map(a => a.dataset.printUrl)")
    assert links and all(link and link.startswith("http") for link in links)
    breaks = page.eval_on_selector_all(".md-content table", "ts => ts.map(t => getComputedStyle(t).breakInside)")
    assert breaks and set(breaks) == {"avoid"}


@pytest.mark.returning_reader
def test_calculator_prints_one_page_summary(page, base_url):
    page.goto(f"{base_url}rechner/?model=V8&inhabitants=120000&funding=erst%2Banschluss&years=8")
    page.wait_for_selector('[data-calc-state="ready"]', timeout=CALC_TIMEOUT)
    pdf = print_pdf(page)
    assert pdf_pages(pdf) == 1
    assert not _displayed(page, ".calc-form"), "das Formular gehört nicht in die Zusammenfassung"
    for part in ("#ergebnis-titel", ".calc-inputs", ".calc-chart", ".calc-projection", ".calc-sources", ".calc-notice"):
        assert _displayed(page, part), f"{part} fehlt im Ausdruck"
    sources = page.inner_text(".calc-sources")
    assert "Stand" in sources
    footer = page.locator(".print-footer")
    assert footer.evaluate("e => getComputedStyle(e).display") == "block"
    # the printout carries the link with its inputs, so the numbers can be traced and recomputed
    address = footer.locator("[data-print-address]").inner_text()
    assert address.startswith(base_url + "rechner/?"), address
    assert "model=V8" in address and "inhabitants=120000" in address
