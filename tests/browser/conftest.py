"""Browser tests: the built site served under a sub-path, as GitHub Pages serves it, in system Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sitewalk
from browserkit import READER, wait_settled, wait_snapshot_kept, worker_says
from playwright.sync_api import sync_playwright

import localsite

ROOT = Path(__file__).resolve().parents[2]


def chromium_path() -> str:
    found = localsite.chromium_path()
    if found is None:
        pytest.skip("kein Chromium gefunden (CHROMIUM setzen)")
    return found


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> str:
    with localsite.serve(built_site.parent) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=localsite.CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def returning_reader(browser, base_url: str):
    """The browser profile of a reader who has used the calculator before: the runtime's files are in
    its HTTP cache and the memory snapshot is in its Cache Storage, so a calculator or finder page
    opened in it starts from the snapshot, as every later visit does (measured to ready: 1.5-1.7 s and
    2.7-3.0 CPU seconds in a new tab, 1.1 s and 1.6 in a tab used again, against 2.2 s and 3.7 in a
    fresh profile; README). tests/browser/test_snapshot.py checks that both starts give the results
    of the command line."""
    context = browser.new_context(**READER)
    first = context.new_page()
    first.goto(base_url + "rechner/")
    assert wait_settled(first) == "ready", first.inner_text("#rechner [data-calc-status]")
    wait_snapshot_kept(first)
    assert worker_says(first, "self.calcSnapshot") == "stored"
    first.close()
    yield context
    context.close()


@pytest.fixture
def page(request, browser, base_url: str):
    """A tab in a fresh browser profile, as on a first visit; with the mark ``returning_reader`` a new
    tab in ``returning_reader``'s profile instead (for tests of what a working calculator shows, not
    of how it starts or fails), whose localStorage is emptied afterwards for the next test."""
    if request.node.get_closest_marker("returning_reader"):
        tab = request.getfixturevalue("returning_reader").new_page()
        yield tab
        if tab.url.startswith(base_url):
            tab.evaluate("localStorage.clear()")
        tab.close()
        return
    context = browser.new_context(**READER)
    yield context.new_page()
    context.close()


@pytest.fixture
def nojs_page(browser):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    yield context.new_page()
    context.close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a path relative to the site root ('' for the start page)."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def _calc_cli(command: str, payload: dict) -> tuple[int, dict]:
    result = subprocess.run(
        [sys.executable, "-m", "calc", command], input=json.dumps(payload), cwd=ROOT, capture_output=True, text=True
    )
    return result.returncode, json.loads(result.stdout)


@pytest.fixture(scope="session")
def calc_cli():
    """``calc_cli(command, payload) -> (exit code, JSON)``: what `python -m calc` prints."""
    return _calc_cli


@pytest.fixture(scope="session")
def all_pages(built_site: Path) -> list[str]:
    return site_pages(built_site)


@pytest.fixture(scope="session")
def site_walk(browser, base_url: str, all_pages: list[str]) -> sitewalk.SiteWalk:
    """One visit per page for the accessibility and the privacy tests (tests/sitewalk.py)."""
    return sitewalk.walk(browser, base_url, all_pages)
