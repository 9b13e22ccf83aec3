"""Rendering work while a page loads (Lighthouse: Total Blocking Time): on the calculator and the
finder, the large tables far below the first screen are skipped until the reader scrolls near them
(``content-visibility: auto`` on their box in site.css; on a table itself it has no effect), and they
are there, whole, once near. Checked on a phone screen without JavaScript, so the prerendered
result is what is measured."""

from __future__ import annotations

import pytest
from browserkit import wait_until

pytestmark = pytest.mark.browser

SHOWN = "el => el.checkVisibility({contentVisibilityAuto: true})"


@pytest.mark.parametrize(
    "path, boxes, count",
    [
        ("finder/", ".finder-criteria", 14),  # one per model
        ("finder/", ".finder-overview", 1),  # "Was jedes Modell verlangt"
        ("rechner/", ".calc-result .calc-scroll", 2),  # the comparison and the years
        ("rechner/", ".calc-scroll.calc-below", 1),  # the funding rules
    ],
)
def test_tables_far_below_are_rendered_only_when_near_the_screen(nojs_page, base_url, path, boxes, count):
    page = nojs_page
    page.set_viewport_size({"width": 412, "height": 823})
    page.goto(base_url + path)
    assert page.locator(boxes).count() == count
    last = page.locator(f"{boxes} table").last

    def skipped():
        assert not last.evaluate(SHOWN)

    wait_until(skipped, timeout=5)
    last.scroll_into_view_if_needed()

    def rendered():
        assert last.evaluate(SHOWN)
        assert last.evaluate("table => table.getBoundingClientRect().height") > 100

    wait_until(rendered, timeout=5)
    assert len(last.inner_text()) > 100
