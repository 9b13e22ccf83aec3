"""The runtime as GitHub Pages serves it (gzip): the memory snapshot on repeat visits, its fallback, and
a progress bar whose total is the real size of the files (issue 13 and 14).

First visit: a plain start; afterwards the worker fetches the snapshot in idle time and keeps it in
Cache Storage. Second visit: Pyodide is restored from it, and the results equal the command line's.
A damaged snapshot or one of another runtime build falls back to the plain start and still reaches
ready. self.calcStart / self.calcSnapshot in the worker say which path ran (calc-worker.mjs).
"""

from __future__ import annotations

import gzip
import json
import re
import time
import zipfile
from pathlib import Path

import pytest
from browserkit import READY_TIMEOUT, lookup, wait_settled, wait_snapshot_kept, worker_says

import localsite
from bench.browser import PagesHandler

VALUES = {"model": "V7a", "inhabitants": 250000, "municipalities": 40, "funding": "anschluss"}
FINDER = {
    "kind": "gemeinde",
    "inhabitants": 8000,
    "history": "gering",
    "relevance": "mittel",
    "budget_per_inhabitant": 1,
    "staff_fte": 0,
}
RUNTIME_FILES = ("pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib_calc.zip", "calc.zip", "params.json")


@pytest.fixture(scope="module")
def gzip_url(built_site: Path) -> str:
    with localsite.serve(built_site.parent, PagesHandler) as url:
        yield url


@pytest.fixture(scope="module")
def build(built_site: Path) -> dict:
    """The BUILD constant the build wrote into the worker."""
    worker = (built_site / "assets" / "js" / "calc-worker.mjs").read_text(encoding="utf-8")
    return json.loads(re.search(r"^const BUILD = (\{.*\});$", worker, re.M)[1])


@pytest.fixture
def visitor(browser):
    """A reader's browser profile for several visits (HTTP cache and Cache Storage kept)."""
    context = browser.new_context(locale="de-DE")
    yield context
    context.close()


def query(values: dict) -> str:
    return "&".join(f"{k}={v}" for k, v in values.items())


def visit(context, url: str, root: str = "#rechner"):
    page = context.new_page()
    page.goto(url)
    wait_settled(page, root)
    assert page.get_attribute(root, "data-calc-state") == "ready"
    return page


def assert_fields_match(page, root: str, result: dict) -> None:
    rows = page.eval_on_selector(
        f"{root} [data-calc-result]",
        "r => [...r.querySelectorAll('[data-field]')].map(e => [e.dataset.field, e.dataset.value])",
    )
    assert len(rows) > 5
    for field, raw in rows:
        assert json.loads(raw) == lookup(result, field), field


def test_second_visit_restores_from_the_snapshot(visitor, gzip_url, built_site, build, calc_cli):
    snapshot = build["snapshot"]
    assert (built_site / "assets" / "pyodide" / snapshot["file"]).stat().st_size == snapshot["bytes"]
    first = visit(visitor, gzip_url + "rechner/?" + query(VALUES))
    assert worker_says(first, "self.calcStart") == "plain"
    wait_snapshot_kept(first)
    assert worker_says(first, "self.calcSnapshot") == "stored"
    first.close()
    code, result = calc_cli("estimate", VALUES)
    assert code == 0
    second = visit(visitor, gzip_url + "rechner/?" + query(VALUES))
    assert worker_says(second, "self.calcStart") == "snapshot"
    assert_fields_match(second, "#rechner", result)
    # the council paper's modules are imported later, from the files the restored runtime unpacked
    with second.expect_download(timeout=READY_TIMEOUT) as download:
        second.click('#rechner [data-vorlage-format="odt"]')
    with zipfile.ZipFile(download.value.path()) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    second.close()
    code, result = calc_cli("finder", FINDER)
    finder = visit(visitor, gzip_url + "finder/?" + query(FINDER), "#finder")
    assert worker_says(finder, "self.calcStart") == "snapshot"
    wait_snapshot_kept(finder)
    assert worker_says(finder, "self.calcSnapshot") == "kept"  # not fetched again
    assert_fields_match(finder, "#finder", result)


def _other_build(site: Path, snapshot: dict) -> bytes:
    """The real snapshot with another runtime build id in Pyodide's header."""
    raw = bytearray(gzip.decompress((site / "assets" / "pyodide" / snapshot["file"]).read_bytes()))
    raw[16:48] = bytes(32)
    return gzip.compress(bytes(raw), compresslevel=1)


@pytest.mark.parametrize("damage", ["not-gzip", "not-a-snapshot", "other-build"])
def test_damaged_snapshot_falls_back_to_a_plain_start(visitor, gzip_url, built_site, build, calc_cli, damage):
    snapshot = build["snapshot"]
    body = {
        "not-gzip": b"kaputt" * 1000,
        "not-a-snapshot": gzip.compress(b"\0" * 200_000),
        "other-build": _other_build(built_site, snapshot) if damage == "other-build" else b"",
    }[damage]
    page = visitor.new_page()
    page.route("**/damaged-snapshot", lambda route: route.fulfill(status=200, body=body))
    page.goto(gzip_url + "impressum/")
    page.evaluate(
        """async (url) => {
      const cache = await caches.open("calc-snapshot");
      await cache.put(url, await fetch("damaged-snapshot"));
    }""",
        gzip_url + "assets/pyodide/" + snapshot["file"],
    )
    page.close()
    code, result = calc_cli("estimate", VALUES)
    page = visit(visitor, gzip_url + "rechner/?" + query(VALUES))
    assert worker_says(page, "self.calcStart") == "fallback"
    assert_fields_match(page, "#rechner", result)
    wait_snapshot_kept(page)  # the damaged copy is replaced by the real one
    page.close()
    again = visit(visitor, gzip_url + "rechner/?" + query(VALUES))
    assert worker_says(again, "self.calcStart") == "snapshot"
    assert_fields_match(again, "#rechner", result)


RECORD_PROGRESS = """
window.__progress = [];
new MutationObserver((records) => {
  for (const r of records) {
    const el = r.target;
    if (r.attributeName === "data-calc-state") {
      if (el.dataset.calcState === "ready") window.__progress.push(["ready"]);
    } else if (el.tagName === "PROGRESS" && el.hasAttribute("value")) {
      window.__progress.push([el.value, el.max, el.getAttribute("aria-valuetext") || ""]);
    }
  }
}).observe(document, {
  subtree: true, attributes: true, attributeFilter: ["value", "max", "aria-valuetext", "data-calc-state"],
});
"""


def _megabytes(text: str) -> tuple[float, float]:
    loaded, total = re.match(r"([\d,]+)\u00a0MB von ([\d,]+)\u00a0MB", text).groups()
    return float(loaded.replace(",", ".")), float(total.replace(",", "."))


def test_progress_total_is_the_real_size_with_gzip(page, gzip_url, built_site, build):
    """Served gzip-compressed, Content-Length counts compressed bytes and the body decompressed ones:
    the total comes from the build (the files' real sizes), the bar never passes it and is full
    exactly when every file is in, before ready."""
    sizes = build["sizes"]
    for name in RUNTIME_FILES:  # the build's sizes are the files' sizes
        folder = "calc" if name in ("calc.zip", "params.json") else "pyodide"
        assert sizes[name] == (built_site / "assets" / folder / name).stat().st_size, name
    total = sum(sizes[name] for name in RUNTIME_FILES)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": 3_000_000, "uploadThroughput": 500_000},
    )
    page.add_init_script(RECORD_PROGRESS)
    # not until "load": on the throttled link with the other test process busy, the page's own files
    # once took longer than goto's 30 s; the loop below waits for ready with the runtime's timeout
    page.goto(gzip_url + "rechner/", wait_until="commit")
    deadline = time.monotonic() + READY_TIMEOUT / 1000
    while time.monotonic() < deadline and ["ready"] not in page.evaluate("window.__progress"):
        time.sleep(0.2)
    records = page.evaluate("window.__progress")
    assert records and records[-1] == ["ready"], records
    bars = [r for r in records if len(r) == 3]
    assert len(bars) >= 3, records
    assert {r[1] for r in bars} == {total}, "the total is known from the start and never changes"
    values = [r[0] for r in bars]
    assert values == sorted(values) and values[-1] == total, values
    for _value, _max, text in bars:
        if text:
            loaded, shown_total = _megabytes(text)
            assert loaded <= shown_total
    assert abs(_megabytes(bars[-1][2])[1] - total / 1e6) < 0.1
