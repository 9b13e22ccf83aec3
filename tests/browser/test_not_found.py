"""An unknown address, as GitHub Pages answers it: the site's German 404 page, styled and with
working links, at any depth below the sub-path."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sitewalk import axe_violations

pytestmark = pytest.mark.browser

MISSING = ("gibt-es-nicht/", "modelle/v99/", "werkzeuge/rechner/alt/seite.html")


@pytest.mark.parametrize("path", MISSING)
def test_unknown_address_shows_german_404_page(page, base_url, path):
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != base_url + path else None)
    response = page.goto(base_url + path)
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Seite nicht gefunden")
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.title().startswith("Seite nicht gefunden")
    # the theme's stylesheet and script load from absolute paths, also three folders deep
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert not failed, failed
    # every section is offered, and a link leads to a real page
    sections = page.locator(".notfound-sections")
    for name in ("Modelle", "Aspekte", "Leitfaden", "Rechner", "Modell-Finder", "Quellen", "Impressum"):
        expect(sections.get_by_role("link", name=name, exact=True)).to_be_visible()
    sections.get_by_role("link", name="Modelle", exact=True).click()
    page.wait_for_url(base_url + "modelle/")
    expect(page.locator("h1")).not_to_have_text("Seite nicht gefunden")


def test_404_page_has_no_axe_violations(page, base_url):
    page.goto(base_url + "gibt-es-nicht/")
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    violations = axe_violations(Axe(), page, options)
    assert not violations, [v["id"] for v in violations]
