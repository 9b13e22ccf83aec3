"""Small helpers shared by the browser tests."""

from __future__ import annotations

import functools
import re
import time
from pathlib import Path

import localsite

READY_TIMEOUT = 60_000  # ms; the Pyodide worker needs a few seconds per full page load
READER = {"viewport": {"width": 1280, "height": 900}, "locale": "de-DE"}  # a reader's browser: new_context(**READER)


def wait_until(check, timeout: float = 15.0, interval: float = 0.1):
    """Retry ``check`` until it stops raising AssertionError (then return its value) or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return check()
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(interval)


def wait_settled(page, root: str = "#rechner", timeout: int = READY_TIMEOUT) -> str:
    """Wait until the worker has answered (ready or error), so a broken worker fails fast; the state."""
    page.wait_for_function(
        "root => ['ready', 'error'].includes(document.querySelector(root)?.dataset.calcState)",
        arg=root,
        timeout=timeout,
    )
    return page.get_attribute(root, "data-calc-state")


def worker_says(page, expression: str):
    """``expression`` evaluated in the calculator's worker of ``page``."""
    worker = localsite.calc_worker(page)
    assert worker is not None, "kein Worker des Rechners"
    return worker.evaluate(expression)


def wait_snapshot_kept(page) -> None:
    """Wait until the worker has kept the memory snapshot in Cache Storage (calc-worker.mjs:
    self.calcSnapshot "stored" after fetching it, "kept" when it was there already)."""

    def kept():
        assert worker_says(page, "self.calcSnapshot") in ("stored", "kept")

    wait_until(kept, timeout=90, interval=0.25)


def expect_field_message(control, message, bad: str) -> None:
    """The message next to a field: an emptied field is asked for (``calc-ask``, not marked invalid),
    a wrong value is marked invalid."""
    from playwright.sync_api import expect

    asked = re.compile(r"\bcalc-ask\b")
    if bad == "":
        expect(control).not_to_have_attribute("aria-invalid", "true")
        expect(message).to_have_class(asked)
    else:
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(message).not_to_have_class(asked)


@functools.cache
def prerendered_inputs() -> tuple[str, ...]:
    """How the calculator's note on a result of other inputs names the inputs /rechner/ is prerendered
    for (content/rechner.yml: eingaben_standard), e.g. 'Einwohnerzahl „50.000“' and
    'Verstetigungsmodell „V 7' (the option's text goes on with the model's name)."""
    from calc import fmt
    from guide.loader import load_content

    content = load_content(Path(__file__).resolve().parents[1] / "content")
    defaults = content.calculator_defaults
    return (
        f"Einwohnerzahl „{fmt.decimal(defaults.inhabitants)}“",
        f"Verstetigungsmodell „{content.model(defaults.model).number}",
    )


def lookup(data, path: str):
    """The value at a dotted ``data-field`` path of a JSON result ("projection.0.funding")."""
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def lookup_compared(comparison: dict, path: str):
    """The value at a ``data-field`` path of a comparison page: ``results.N.…`` in the table, the
    first model's own ``estimate`` paths in its full result below the table."""
    return lookup(comparison if path.startswith("results.") else comparison["results"][0], path)


def print_pdf(page) -> bytes:
    """The page printed on A4 as the browser's print dialog would (print media, beforeprint)."""
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    return page.pdf(format="A4", prefer_css_page_size=True)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))
