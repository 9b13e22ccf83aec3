"""Accessibility in the real browser: axe-core (WCAG 2.1 A/AA) on every page and on the calculator's
and finder's live states, document structure, keyboard use of the calculator, and the site without
JavaScript.

The fixture ``audit`` takes axe's findings and the structural facts the tests below check from the
session's one walk over every page (``site_walk``, tests/sitewalk.py), which the privacy tests share.
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from site_contract import CALC_PAGES
from sitewalk import axe_results, axe_violations

pytestmark = pytest.mark.browser

SITE_NAME = "Klimaschutz verstetigen"
CALC_TIMEOUT = 90_000  # ms
MAX_TABS = 300

# Focus facts for document.activeElement after a key press.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  let key = el.id || "";
  if (el.matches("[data-calc-print]")) key = "print";
  else if (el.matches(".calc-form [type=submit]")) key = "submit";
  return {key, tag: el.tagName.toLowerCase(), inCalc: !!el.closest(".calc-form"),
          outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
          boxShadow: style.boxShadow, html: el.outerHTML.slice(0, 120)};
}"""

CALC_CONTROLS = ["f-model", "f-inhabitants", "f-cost", "f-funding", "f-weak", "f-years", "submit", "print"]


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['id']}] ({v['impact']}) {v['help']}")
        for node in v["nodes"][:8]:
            summary = (node.get("failureSummary") or "").strip().splitlines()
            lines.append(f"      -> {' '.join(map(str, node['target']))}: {summary[-1].strip() if summary else ''}")
        if len(v["nodes"]) > 8:
            lines.append(f"      … und {len(v['nodes']) - 8} weitere Knoten")
    return "\n".join(lines)


def _axe(axe: Axe, page) -> list[dict]:
    return axe_violations(axe, page)


def _name(path: str) -> str:
    return path or "(Start)"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="module")
def context(returning_reader):
    """The calculator's and finder's live states are checked in a returning reader's profile (starts
    from the snapshot; tests/browser/conftest.py)."""
    return returning_reader


@pytest.fixture(scope="module")
def audit(site_walk) -> dict[str, dict]:
    """path -> axe's violations on load and the structure facts (``sitewalk.STRUCTURE``)."""
    return {path: {"violations": v.axe_violations, **v.structure} for path, v in site_walk.visits.items()}


def _calc_page(context, base_url: str, path: str):
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_selector('[data-calc-state="ready"]', state="attached", timeout=CALC_TIMEOUT)
    return page


# ----------------------------------------------------------------------------------------------
# axe on every page and on the live states
# ----------------------------------------------------------------------------------------------


def test_axe_finds_no_violations_on_any_page(audit, all_pages):
    assert set(audit) == set(all_pages)
    failing = {path: r["violations"] for path, r in audit.items() if r["violations"]}
    if failing:
        report = "\n".join(f"{_name(path)}:\n{_format_violations(v)}" for path, v in failing.items())
        pytest.fail(f"axe-Verstöße auf {len(failing)} von {len(audit)} Seiten:\n{report}", pytrace=False)


def test_axe_calculator_result_and_error_state(context, axe, base_url):
    page = _calc_page(context, base_url, "rechner/")
    try:
        ready = _axe(axe, page)
        page.fill("#f-inhabitants", "0")
        page.wait_for_selector('[data-calc-state="error"]', state="attached", timeout=30_000)
        # The error is announced at the field: marked invalid and described by the visible message.
        assert page.get_attribute("#f-inhabitants", "aria-invalid") == "true"
        assert page.is_visible("#err-inhabitants") and page.inner_text("#err-inhabitants").strip()
        assert "err-inhabitants" in page.get_attribute("#f-inhabitants", "aria-describedby").split()
        error = _axe(axe, page)
    finally:
        page.close()
    if ready or error:
        pytest.fail(
            f"Rechner, Ergebnis:\n{_format_violations(ready)}\n"
            f"Rechner, Fehlerzustand (Einwohnerzahl 0):\n{_format_violations(error)}",
            pytrace=False,
        )


def test_axe_finder_result_state(context, axe, base_url):
    page = _calc_page(context, base_url, "finder/")
    try:
        violations = _axe(axe, page)
    finally:
        page.close()
    if violations:
        pytest.fail(f"Finder, Ergebnis:\n{_format_violations(violations)}", pytrace=False)


# ----------------------------------------------------------------------------------------------
# Document structure
# ----------------------------------------------------------------------------------------------


def test_every_page_is_german(audit):
    wrong = {_name(p): r["lang"] for p, r in audit.items() if r["lang"] != "de"}
    assert not wrong, wrong


def test_every_page_has_exactly_one_h1(audit):
    wrong = {_name(p): r["h1"] for p, r in audit.items() if len(r["h1"]) != 1}
    assert not wrong, wrong


def test_every_page_has_its_own_title(audit):
    wrong = {}
    for path, r in audit.items():
        title = r["title"].strip()
        own = title.removesuffix(SITE_NAME).strip().rstrip("-–|·").strip()
        if not title or (path != "" and not own):
            wrong[_name(path)] = title
    assert not wrong, f"Titel leer oder nur der Site-Name: {wrong}"
    titles = [r["title"] for p, r in audit.items()]
    duplicates = sorted({t for t in titles if titles.count(t) > 1})
    assert not duplicates, f"mehrfach vergebene Titel: {duplicates}"


def test_headings_do_not_skip_levels(audit):
    problems = []
    for path, r in audit.items():
        previous = 1
        for h in r["headings"]:
            if h["level"] > previous + 1:
                problems.append(f"{_name(path)}: h{previous} -> h{h['level']} „{h['text'][:60]}“")
            previous = h["level"]
    assert not problems, "\n".join(problems)


def test_content_tables_have_header_cells(audit):
    problems = {_name(p): r["tablesWithoutTh"] for p, r in audit.items() if r["tablesWithoutTh"]}
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_nothing_focusable_or_numbered_is_clipped_by_paint_containment(audit):
    """Skipping the rendering of what is off screen (content-visibility: auto) must not cut off a
    focus ring or a list number: such elements hold neither links nor controls nor list markers."""
    clipped = {_name(path): r["paintClipped"] for path, r in audit.items() if r["paintClipped"]}
    assert not clipped, clipped


@pytest.mark.parametrize("path, box", [("rechner/", ".calc-scroll.calc-below"), ("finder/", ".finder-overview")])
def test_axe_checks_what_is_rendered_only_near_the_screen(page, axe, base_url, path, box):
    """axe's colour check reads the tables the browser has not rendered yet as the reader sees them
    after scrolling (sitewalk.axe_violations), and the page skips them again afterwards."""
    page.goto(base_url + path)
    skipped = f"document.querySelector('{box}')"
    assert page.evaluate(f"getComputedStyle({skipped}).contentVisibility") == "auto"
    assert not page.evaluate(f"{skipped}.querySelector('td').checkVisibility({{contentVisibilityAuto: true}})")
    options = {"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["passes"]}
    passed = axe_results(axe, page, options, context=box)["passes"]
    cells = [node for rule in passed for node in rule["nodes"]]
    assert len(cells) > 20, cells[:3]
    assert axe_violations(axe, page, context=box) == []
    assert page.evaluate(f"getComputedStyle({skipped}).contentVisibility") == "auto"
    assert not page.evaluate(f"{skipped}.querySelector('td').checkVisibility({{contentVisibilityAuto: true}})")


def test_svg_images_have_an_accessible_name(audit):
    problems = {_name(p): r["unnamedSvgs"] for p, r in audit.items() if r["unnamedSvgs"]}
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


# ----------------------------------------------------------------------------------------------
# Keyboard use of the calculator
# ----------------------------------------------------------------------------------------------


def test_calculator_works_with_the_keyboard_alone(context, base_url):
    page = _calc_page(context, base_url, "rechner/")
    try:
        status = page.locator("[data-calc-status]")
        assert status.get_attribute("aria-live") == "polite"
        status_before = status.inner_text()
        result_before = page.inner_text("[data-calc-result]")

        page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
        order, no_indicator, changed = [], [], False
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if not focused or not focused["inCalc"]:
                continue
            key = focused["key"]
            if key in CALC_CONTROLS and key not in order:
                order.append(key)
                if focused["outlineStyle"] == "none" or focused["outlineWidth"] == 0:
                    if focused["boxShadow"] in ("", "none"):
                        no_indicator.append(f"{key}: {focused}")
            if key == "f-inhabitants" and not changed:
                # Change the value by keyboard only: select the field's text and type a new number.
                page.keyboard.press("Control+A")
                page.keyboard.type("250000")
                page.wait_for_function(
                    """([status, result]) => {
                         const root = document.querySelector('[data-calc-root]');
                         return root.dataset.calcState === 'ready'
                           && document.querySelector('#f-inhabitants').value === '250000'
                           && root.querySelector('[data-calc-status]').innerText !== status
                           && root.querySelector('[data-calc-result]').innerText !== result;
                       }""",
                    arg=[status_before, result_before],
                    timeout=30_000,
                )
                changed = True
            if set(CALC_CONTROLS) <= set(order):
                break
        missing = [c for c in CALC_CONTROLS if c not in order]
        assert not missing, f"per Tab nicht erreichbar: {missing} (erreicht: {order})"
        assert order == CALC_CONTROLS, f"Tab-Reihenfolge {order} weicht von der sichtbaren ab"
        assert not no_indicator, "kein sichtbarer Fokusindikator:\n" + "\n".join(no_indicator)
        assert changed
        assert page.inner_text("[data-calc-result]") != result_before
        assert status.inner_text() != status_before
        assert page.get_attribute("[data-calc-root]", "data-calc-state") == "ready"
    finally:
        page.close()


def test_search_field_keeps_its_contrast_on_hover(page, axe, base_url):
    """The header's search field under the mouse (the theme lightens it) still reads at 4.5:1."""
    page.goto(base_url + "modelle/v7/", wait_until="load")
    before = page.eval_on_selector(".md-search__form", "f => getComputedStyle(f).backgroundColor")
    page.hover(".md-search__form")
    page.wait_for_function(
        "before => getComputedStyle(document.querySelector('.md-search__form')).backgroundColor !== before",
        arg=before,
        polling=50,
    )
    page.wait_for_timeout(400)  # the theme's colour transition (0.25 s) has ended
    options = {"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"]}
    violations = axe_violations(axe, page, options, context=".md-header")
    assert not violations, _format_violations(violations)


# ----------------------------------------------------------------------------------------------
# Without JavaScript
# ----------------------------------------------------------------------------------------------


def test_content_pages_readable_without_javascript(nojs_page, base_url, all_pages):
    short = {}
    for path in all_pages:
        if path in CALC_PAGES:
            continue
        nojs_page.goto(base_url + path)
        text = nojs_page.locator(".md-content article").inner_text().strip()
        if len(text) <= 200:
            short[_name(path)] = text[:120]
    assert not short, f"Seiten ohne Haupttext ohne JavaScript: {short}"


def test_calculator_without_javascript_shows_prerendered_result(nojs_page, base_url):
    nojs_page.goto(base_url + "rechner/")
    root = nojs_page.locator("[data-calc-root]")
    assert root.get_attribute("data-calc-state") == "prerendered"
    note = nojs_page.locator(".calc-noscript")
    assert note.is_visible() and "JavaScript" in note.inner_text()
    result = nojs_page.locator("[data-calc-result]")
    assert result.is_visible()
    assert nojs_page.locator("[data-calc-result] .calc-main").count() >= 1
    assert len(result.inner_text().strip()) > 100


def test_finder_without_javascript_shows_the_matrix(nojs_page, base_url):
    nojs_page.goto(base_url + "finder/")
    note = nojs_page.locator(".calc-noscript")
    assert note.is_visible() and "JavaScript" in note.inner_text()
    matrix = nojs_page.evaluate("""() => {
      const heading = [...document.querySelectorAll('.md-content h2')]
        .find((h) => h.textContent.includes('Was jedes Modell verlangt'));
      let el = heading && heading.nextElementSibling;
      while (el && !(el.tagName === 'TABLE' || el.querySelector('table'))) el = el.nextElementSibling;
      const table = el && (el.tagName === 'TABLE' ? el : el.querySelector('table'));
      if (!table) return null;
      return {head: [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
              rows: [...table.querySelectorAll('tbody tr')].map((tr) => tr.cells[0].textContent.trim()),
              visible: table.getBoundingClientRect().height > 0};
    }""")
    assert matrix, "Übersichtstabelle „Was jedes Modell verlangt“ fehlt"
    assert matrix["visible"]
    assert matrix["head"][0] == "Modell", matrix["head"]
    assert len(matrix["rows"]) == 14, matrix["rows"]
    assert all(row.startswith("V") for row in matrix["rows"]), matrix["rows"]


# ----------------------------------------------------------------------------------------------
# Phones: narrow screens make wide tables scroll; the scroll boxes must be reachable by keyboard
# ----------------------------------------------------------------------------------------------

PHONE_PAGES = [
    "",
    "modelle/",
    "modelle/v7/",
    "modelle/v6a-c/",
    "aspekte/massnahmen/",
    "leitfaden/ansiedlung/",
    "leitfaden/organisationsmodelle/",
    "arbeitszeit/",
    "pfad/",
]


@pytest.fixture(scope="module")
def phone(browser):
    """One tab on a phone screen, going from page to page (no input in it, so no state carries over)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE", is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PHONE_PAGES, ids=lambda p: p or "start")
def test_axe_on_a_phone_screen(phone, axe, base_url, path):
    phone.goto(base_url + path, wait_until="load")
    violations = _axe(axe, phone)
    assert not violations, _format_violations(violations)
