"""One walk over every page of the built site in Chromium, shared by the accessibility tests
(tests/browser/test_accessibility.py) and the privacy and security tests
(tests/browser/test_privacy_security.py): each page is visited once and both sets of facts are
recorded on that visit.

Per page: axe-core's WCAG 2.1 A/AA findings and the structure facts (``STRUCTURE``) right after the
``load`` event, every request the page and its workers make, the CSP violations it reports (event and
console), its localStorage; at the end the context's cookies. The start page also searches once (so
the search worker and its index are among the requests); the calculator and the finder wait for their
runtime, and the calculator recomputes once under the page's CSP.

All pages share one fresh browser context. The content pages are walked in a few tabs side by side
(``TABS``; their waits for network idle overlap, and axe checks them at the same time, each tab in
its own renderer process), each tab going from page to page as a reader does: its renderer and the
compiled theme and axe scripts are reused, which takes less than half the CPU time of a new tab per
page (measured on 20 pages: 15.5 against 38.2 CPU seconds). A tab records the requests, including
those of its workers, for the page it shows, and moves on only when that page's network is idle. The
pages the walk uses – the start page's search, the calculator and the finder – get a new tab each,
one after the other, so no tab walks on with the mouse over the header's search field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe
from browserkit import READER
from site_contract import CALC_PAGES

OWN_TAB = ("", *CALC_PAGES)  # pages the walk uses (search, calculator): a new tab each, closed after
READY = '[data-calc-state="ready"]'
CALC_TIMEOUT = 90_000  # ms; Pyodide (about 13 MB) is compiled once per page
TABS = 4  # tabs walking the content pages side by side
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# Runs before any page script: records every CSP violation the document reports.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample});
});
"""

# Everything the structure tests need, gathered in one round trip per page.
STRUCTURE = """() => {
  const text = (el) => (el ? el.textContent : "").replace(/\\s+/g, " ").trim();
  const content = document.querySelector(".md-content");
  const svgName = (svg) => {
    if ((svg.getAttribute("aria-label") || "").trim()) return svg.getAttribute("aria-label").trim();
    const ids = (svg.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const labelled = ids.map((id) => text(document.getElementById(id))).join(" ").trim();
    if (labelled) return labelled;
    const title = [...svg.children].find((c) => c.tagName.toLowerCase() === "title");
    return text(title);
  };
  // content-visibility: auto (which the site uses to skip rendering what is off screen) clips
  // painting to the element's box, as overflow: hidden would: a focus ring or a list number that
  // reaches outside the box is cut off. Elements that clip anyway (overflow) are not at risk.
  const paintClipped = () => [...document.querySelectorAll("body *")]
    .filter((el) => {
      const style = getComputedStyle(el);
      if (style.contentVisibility !== "auto" && !/paint|strict|content/.test(style.contain)) return false;
      if (style.overflowX !== "visible" || style.overflowY !== "visible") return false;
      const marker = style.display === "list-item" && style.listStylePosition === "outside"
        && style.listStyleType !== "none";
      return marker || el.querySelector("a[href], button, input, select, textarea, summary, [tabindex]");
    })
    .map((el) => el.outerHTML.slice(0, 120));
  return {
    lang: document.documentElement.getAttribute("lang"),
    title: document.title,
    h1: [...document.querySelectorAll("h1")].map(text),
    headings: content ? [...content.querySelectorAll("h1, h2, h3, h4, h5, h6")]
      .map((h) => ({level: Number(h.tagName[1]), text: text(h)})) : [],
    tablesWithoutTh: content ? [...content.querySelectorAll("table")]
      .filter((t) => !t.querySelector("th")).map((t) => t.outerHTML.slice(0, 160)) : ["(kein .md-content)"],
    unnamedSvgs: [...document.querySelectorAll('svg[role="img"]')]
      .filter((svg) => !svgName(svg)).map((svg) => svg.outerHTML.slice(0, 160)),
    paintClipped: paintClipped(),
  };
}"""


@dataclass
class PageVisit:
    path: str
    requests: list[str] = field(default_factory=list)
    csp_violations: list[dict] = field(default_factory=list)
    csp_console: list[str] = field(default_factory=list)
    local_storage: dict = field(default_factory=dict)
    calc_state: str | None = None
    calc_recomputed: bool | None = None
    axe_violations: list[dict] = field(default_factory=list)
    structure: dict = field(default_factory=dict)


@dataclass
class SiteWalk:
    visits: dict[str, PageVisit]
    cookies: list[dict]


# What the site skips rendering until it nears the screen (content-visibility: auto, site.css) is
# painted for axe as the reader sees it after scrolling: on skipped content, axe's colour check reads
# colours that are never shown (a table of /rechner/ gave 1.27:1 for text that is black on white).
# REVEAL renders it for one axe run, UNREVEAL restores the page (the walk's structure check reads the
# containment afterwards).
REVEAL = """() => {
  window.__revealed = [...document.querySelectorAll("body *")]
    .filter((el) => getComputedStyle(el).contentVisibility === "auto");
  for (const el of window.__revealed) el.style.contentVisibility = "visible";
}"""
UNREVEAL = """() => {
  for (const el of window.__revealed || []) el.style.contentVisibility = "";
}"""


def axe_results(axe: Axe, page, options: dict = AXE_OPTIONS, context: str | None = None) -> dict:
    """axe's whole answer on ``page`` (or the part ``context`` selects), skipped content rendered."""
    page.evaluate(REVEAL)
    try:
        return axe.run(page, context=context, options=options).response
    finally:
        page.evaluate(UNREVEAL)


def axe_violations(axe: Axe, page, options: dict = AXE_OPTIONS, context: str | None = None) -> list[dict]:
    return axe_results(axe, page, options, context)["violations"]


def start_axe(page) -> None:
    """Start axe (in the page since its start, see ``walk``) without waiting for it: pages in their own
    renderer processes check at the same time, on both cores. ``axe_result`` collects the findings."""
    page.evaluate(
        f"""options => {{
          window.__axeRun = new Promise((done) => setTimeout(() => {{
            ({REVEAL})();
            done(axe.run(document, options).finally({UNREVEAL}));
          }}));
        }}""",
        AXE_OPTIONS,
    )


def axe_result(page) -> list[dict]:
    return page.evaluate("() => window.__axeRun.then((results) => results.violations)")


class Tab:
    """A tab of the walk: what it records goes to the visit of the page it shows."""

    def __init__(self, context):
        self.page = context.new_page()
        self.visit: PageVisit | None = None
        # Requests of dedicated workers (search worker, calculator worker) are reported on the page.
        self.page.on("request", lambda request: self.visit.requests.append(request.url))
        self.page.on("console", self._console)

    def _console(self, msg) -> None:
        if "Content Security Policy" in msg.text:
            self.visit.csp_console.append(msg.text)

    def open(self, visit: PageVisit, url: str) -> None:
        self.visit = visit
        self.page.goto(url, wait_until="commit")


def walk(browser, base_url: str, pages: list[str]) -> SiteWalk:
    """Visit every page in ``pages`` once in one fresh context (see the module's docstring)."""
    context = browser.new_context(**READER)
    context.add_init_script(CSP_RECORDER)
    # axe-core (570 kB) comes with every document of the walk, compiled while the page loads, instead
    # of being sent into each page afterwards (measured: 0.2-0.5 s a page that way, 0.02 s this way)
    context.add_init_script(Axe().axe_script)
    visits = {path: PageVisit(path) for path in pages}

    def loaded(tab: Tab) -> None:
        tab.page.wait_for_load_state("load")
        # the page as it is on load (the calculator's runtime still loading), as a reader first sees it
        start_axe(tab.page)

    def check(tab: Tab) -> None:
        """axe (started by ``loaded``) and the structure facts on the page as it was on load."""
        tab.visit.axe_violations = axe_result(tab.page)
        tab.visit.structure = tab.page.evaluate(STRUCTURE)

    def finish(tab: Tab) -> None:
        visit, page = tab.visit, tab.page
        if visit.path in CALC_PAGES:
            page.wait_for_selector(READY, state="attached", timeout=CALC_TIMEOUT)
            visit.calc_state = page.get_attribute("[data-calc-root]", "data-calc-state")
            if visit.path == "rechner/":
                visit.calc_recomputed = _recompute(page)
        elif visit.path == "":
            _use_search(page)
        page.wait_for_load_state("networkidle")  # every request of this page is recorded
        visit.csp_violations = page.evaluate("window.__cspViolations")
        visit.local_storage = page.evaluate("Object.fromEntries(Object.entries(localStorage))")

    def walk_in(tabs: list[Tab], paths: list[str]) -> None:
        """Each tab opens the next of ``paths``; all load side by side, then each is checked."""
        for start in range(0, len(paths), len(tabs)):
            busy = tabs[: len(paths) - start]
            for tab, path in zip(busy, paths[start:], strict=False):
                tab.open(visits[path], base_url + path)
            for step in (loaded, check, finish):
                for tab in busy:
                    step(tab)

    try:
        walk_in([Tab(context) for _ in range(TABS)], [p for p in pages if p not in OWN_TAB])
        for path in (p for p in pages if p in OWN_TAB):
            tab = Tab(context)
            walk_in([tab], [path])
            tab.page.close()
        cookies = context.cookies()
    finally:
        context.close()
    return SiteWalk(visits, cookies)


def _recompute(page) -> bool:
    """Change the inhabitants under the page's CSP and check that the worker answers with a new result."""
    before = page.inner_text("[data-calc-result]")
    page.fill("#f-inhabitants", "250000")
    page.wait_for_function(
        """(before) => {
             const root = document.querySelector('[data-calc-root]');
             const result = root.querySelector('[data-calc-result]');
             return root.dataset.calcState === 'ready' && result.innerText !== before;
           }""",
        arg=before,
        timeout=30_000,
    )
    return page.get_attribute("[data-calc-root]", "data-calc-state") == "ready"


def _use_search(page) -> None:
    """Search once, so the search worker and its index are part of the recorded requests."""
    page.click("input.md-search__input")  # the header shows the search field at 1280 px width
    page.keyboard.type("Förderung")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
