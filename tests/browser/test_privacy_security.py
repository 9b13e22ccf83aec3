"""Privacy and security in the real browser: no third-party requests, no CSP violations, no cookies,
no storage except the worksheet's own key, and the Python runtime only where it is needed.

One browser context walks every page of the built site once (``site_walk``, tests/sitewalk.py, shared
with the accessibility tests); the tests below only evaluate what that walk recorded. Each page gets
its own tab in that context, so every request – including those the calculator's module worker
makes – is attributed to the right page.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browserkit import READER, wait_until
from site_contract import CALC_PAGES
from sitewalk import CALC_TIMEOUT, CSP_RECORDER, READY

pytestmark = pytest.mark.browser

WORKSHEET_PAGE = "arbeitszeit/"
WORKSHEET_KEY = "ksm-arbeitszeit-v1"
RUNTIME_PATHS = ("assets/pyodide/", "assets/calc/")


@pytest.fixture(scope="module")
def walk(site_walk) -> dict:
    """Per-page records of the session's one walk over every page, plus the context's cookies."""
    return {"visits": site_walk.visits, "cookies": site_walk.cookies}


# ----------------------------------------------------------------------------------------------
# Requests
# ----------------------------------------------------------------------------------------------


def test_walk_covers_every_page(walk, all_pages):
    assert len(all_pages) > 20, all_pages
    assert set(walk["visits"]) == set(all_pages)
    for visit in walk["visits"].values():
        assert visit.requests, f"{visit.path or '(Start)'}: keine Anfrage aufgezeichnet"


def test_no_request_leaves_the_site(walk):
    foreign = []
    for visit in walk["visits"].values():
        for url in visit.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if parts.hostname != "127.0.0.1":
                foreign.append(f"{visit.path or '(Start)'}: {url}")
    assert not foreign, "Anfragen an fremde Hosts:\n" + "\n".join(sorted(set(foreign)))


def test_calculator_pages_load_the_runtime_locally(walk, base_url):
    """Guards the request recording itself: worker fetches must show up."""
    for path in CALC_PAGES:
        requests = walk["visits"][path].requests
        for needed in (
            "assets/js/calc-worker.mjs",
            "assets/pyodide/pyodide.asm.wasm",
            "assets/calc/calc.zip",
            "assets/calc/params.json",
        ):
            assert base_url + needed in requests, f"{path}: {needed} nicht angefragt"


def test_content_pages_do_not_load_the_runtime(walk, base_url):
    offenders = []
    for visit in walk["visits"].values():
        if visit.path in CALC_PAGES:
            continue
        for url in visit.requests:
            if any(url.startswith(base_url + prefix) for prefix in RUNTIME_PATHS) or url.endswith("calc-worker.mjs"):
                offenders.append(f"{visit.path or '(Start)'}: {url}")
    assert not offenders, "Inhaltsseiten laden den Rechenkern:\n" + "\n".join(offenders)


# ----------------------------------------------------------------------------------------------
# Content-Security-Policy
# ----------------------------------------------------------------------------------------------


def test_no_csp_violation_on_any_page(walk):
    problems = []
    for visit in walk["visits"].values():
        name = visit.path or "(Start)"
        problems += [f"{name}: {json.dumps(v, ensure_ascii=False)}" for v in visit.csp_violations]
        problems += [f"{name} (Konsole): {text}" for text in visit.csp_console]
    assert not problems, "CSP-Verstöße:\n" + "\n".join(problems)


def test_calculator_computes_under_the_csp(walk):
    for path in CALC_PAGES:
        assert walk["visits"][path].calc_state == "ready", path
    assert walk["visits"]["rechner/"].calc_recomputed is True


class _HeadParser(HTMLParser):
    """Finds the first element inside <head>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = False
        self.first: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif self.in_head and self.first is None:
            self.first = (tag, {k: v or "" for k, v in attrs})

    handle_startendtag = handle_starttag


def _directives(policy: str) -> dict[str, list[str]]:
    result = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            result[tokens[0].lower()] = tokens[1:]
    return result


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_starts_head_with_the_csp(built_site, all_pages):
    files = _html_files(built_site)
    assert len(files) >= len(all_pages)
    problems = []
    for html in files:
        name = html.relative_to(built_site).as_posix()
        parser = _HeadParser()
        parser.feed(html.read_text(encoding="utf-8"))
        if parser.first is None:
            problems.append(f"{name}: kein Element in <head>")
            continue
        tag, attrs = parser.first
        if tag != "meta" or attrs.get("http-equiv", "").lower() != "content-security-policy":
            problems.append(f"{name}: erstes Element in <head> ist <{tag} {attrs}>, nicht die CSP")
            continue
        csp = _directives(attrs.get("content", ""))
        expected = {
            "default-src": "'self'",
            "script-src": "'wasm-unsafe-eval'",
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
        }
        for directive, source in expected.items():
            if source not in csp.get(directive, []):
                problems.append(f"{name}: {directive} ohne {source}: {attrs['content']}")
        if csp.get("object-src") != ["'none'"]:
            problems.append(f"{name}: object-src {csp.get('object-src')}")
        for directive in ("default-src", "script-src", "style-src", "connect-src"):
            loose = [
                s
                for s in csp.get(directive, [])
                if s in ("*", "'unsafe-inline'", "'unsafe-eval'", "data:", "http:", "https:")
            ]
            if loose:
                problems.append(f"{name}: {directive} erlaubt {loose}")
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------------------------------
# Cookies and storage
# ----------------------------------------------------------------------------------------------


def test_no_cookies_after_visiting_all_pages(walk):
    assert walk["cookies"] == [], walk["cookies"]


def test_local_storage_stays_empty(walk):
    used = {visit.path or "(Start)": visit.local_storage for visit in walk["visits"].values() if visit.local_storage}
    assert not used, f"localStorage ohne Zutun der Nutzerin belegt: {used}"


def test_worksheet_stores_only_its_own_key(browser, base_url):
    context = browser.new_context(locale="de-DE")
    try:
        page = context.new_page()
        page.goto(base_url + WORKSHEET_PAGE)
        assert page.evaluate("localStorage.length") == 0
        first = page.locator(".ws-table input[type=number]").first
        first.fill("40")
        page.wait_for_function(f"localStorage.getItem({json.dumps(WORKSHEET_KEY)}) !== null")
        keys = page.evaluate("Object.keys(localStorage)")
        assert keys == [WORKSHEET_KEY]
        stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(WORKSHEET_KEY)})"))
        assert stored.get(first.get_attribute("name")) == "40", stored

        # The value survives a reload and is gone after "Eingaben löschen".
        page.reload()
        assert page.locator(".ws-table input[type=number]").first.input_value() == "40"
        page.click("[data-ws-clear]")
        assert page.evaluate("Object.keys(localStorage)") == []
        assert context.cookies() == []
        # Other pages add nothing either.
        page.goto(base_url)
        assert page.evaluate("Object.keys(localStorage)") == []
    finally:
        context.close()


def test_no_third_party_hosts_in_markup(built_site):
    """Static counterpart: no <script src>, <link href> or <img src> points off-site."""
    pattern = re.compile(
        r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)=\"(https?:)?//", re.IGNORECASE
    )
    offenders = []
    for html in _html_files(built_site):
        text = html.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            tag = text[match.start() : text.find(">", match.start()) + 1]
            if 'rel="canonical"' in tag:  # the canonical address is metadata, never fetched
                continue
            offenders.append(f"{html.relative_to(built_site)}: {tag}")
    assert not offenders, "\n".join(offenders)


def test_instant_navigation_keeps_csp_and_stays_local(browser, base_url):
    """navigation.instant swaps pages without reloading: the first page's policy stays in force.

    Pages at other depths carry other inline-script hashes, so walk start -> models -> V 1 ->
    calculator by clicking and check that nothing is blocked and the calculator still starts.

    Material only navigates instantly to URLs listed in sitemap.xml, after giving them the page's
    protocol and host name – but not its port. On GitHub Pages that matches; for the test server
    with its random port the sitemap's addresses get the server's origin, as they would when deployed.
    """
    context = browser.new_context(**READER)
    context.add_init_script(CSP_RECORDER)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))

    def local_sitemap(route):
        response = route.fetch()
        route.fulfill(response=response, body=re.sub(r"<loc>https?://[^/<]+/", f"<loc>{origin}/", response.text()))

    context.route(base_url + "sitemap.xml", local_sitemap)
    try:
        page = context.new_page()
        requests, console = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None)
        page.goto(base_url)
        page.wait_for_load_state("networkidle")  # instant navigation starts once the sitemap is loaded
        page.evaluate("window.__sameDocument = true")
        for target in ("modelle/", "modelle/v1/", "rechner/"):
            # Material rewrites hrefs to absolute URLs for instant navigation. The address changes
            # before the new page is swapped in: its links may take a moment (the menu shows only the
            # open section's pages, navigation.prune).
            def click(url=base_url + target):
                assert page.evaluate(
                    """(url) => { const a = [...document.querySelectorAll('a[href]')].find((a) => a.href === url);
                                  if (a) a.click(); return !!a; }""",
                    url,
                ), f"kein Link auf {url}"

            wait_until(click, timeout=10)
            page.wait_for_url(lambda url, t=target: url.split("?")[0].split("#")[0] == base_url + t)
        page.wait_for_selector(READY, state="attached", timeout=CALC_TIMEOUT)
        violations = page.evaluate("window.__cspViolations")
        # One document the whole time, so this really was instant navigation.
        assert page.evaluate("window.__sameDocument === true"), "Seiten wurden neu geladen statt ausgetauscht"
    finally:
        context.close()
    assert not violations and not console, f"CSP-Verstöße bei Sofortnavigation: {violations} {console}"
    foreign = [
        url
        for url in requests
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert not foreign, foreign
