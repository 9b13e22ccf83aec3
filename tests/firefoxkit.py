"""Firefox ESR for the tests in tests/firefox: one Firefox per session, driven by tests/firefox/driver.mjs.

The driver (Node, puppeteer-core over WebDriver BiDi) reads one scenario per line – a list of steps
such as ``goto``, ``fill``, ``wait`` and ``eval`` – and answers with the value of every step. The
tests build the steps with the small functions below and assert on the values in Python, so each
test reads like one of the Chromium tests in tests/browser. Where Firefox is found: ``localsite.firefox_path()``.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import NamedTuple

import localsite

ROOT = Path(__file__).resolve().parents[1]
DRIVER = ROOT / "tests" / "firefox" / "driver.mjs"
PUPPETEER = ROOT / "node_modules" / "puppeteer-core" / "package.json"
LAUNCH_TIMEOUT = 120.0  # s; Firefox starts in about 10 s on a busy two-core machine
READY_MS = 90_000  # the Pyodide runtime in a fresh browser context (download, compile, start)


class Run(NamedTuple):
    """What a scenario gave: one value per step, the time each step ended and the faults made by
    ``intercept`` (URL, time), all times in seconds since the scenario's start."""

    values: list
    times: list[float]
    faults: list[tuple[str, float]]
    reads: list  # the values of the ``evaluate`` steps alone, in order

    @property
    def last(self):
        return self.values[-1]


class ScenarioError(AssertionError):
    """A step failed in Firefox (a wait that timed out, an element that was not there)."""


class Firefox:
    """The driver process: ``run(steps, page=…)`` runs one scenario and returns the step values."""

    def __init__(self, executable: str, log: Path):
        self._log = log.open("w", encoding="utf-8")
        self._process = subprocess.Popen(
            ["node", str(DRIVER), executable],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            encoding="utf-8",
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.version: str | None = None  # known once Firefox is up: it starts while the site is built

    def _started(self) -> None:
        if self.version is None:
            hello = self._answer(LAUNCH_TIMEOUT, "Start von Firefox")
            if "error" in hello:
                raise ScenarioError(f"Firefox ließ sich nicht starten: {hello['error']}")
            self.version = hello["browser"]

    def _read(self) -> None:
        for line in self._process.stdout:
            self._lines.put(line)
        self._lines.put("")

    def _answer(self, timeout: float, what: str) -> dict:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise ScenarioError(f"{what}: keine Antwort des Firefox-Treibers nach {timeout:.0f} s") from None
        if not line:
            raise ScenarioError(f"{what}: der Firefox-Treiber ist beendet (Protokoll: {self._log.name})")
        return json.loads(line)

    def run(
        self,
        base: str,
        steps: list[dict],
        *,
        page: str,
        fresh: bool = False,
        isolated: bool = False,
        timeout: float = 240.0,
    ) -> Run:
        """Run ``steps`` in the tab named ``page`` (a new one when ``fresh``; in a browser context of
        its own, with empty cache and storage, when ``isolated``); fails with the step that failed."""
        self._started()
        scenario = {"base": base, "page": page, "fresh": fresh, "isolated": isolated, "steps": steps}
        self._process.stdin.write(json.dumps(scenario) + "\n")
        self._process.stdin.flush()
        answer = self._answer(timeout, f"Szenario in Tab {page!r}")
        if answer["error"]:
            index = answer["error"]["step"]
            done = [r["value"] for r in answer["results"]]
            raise ScenarioError(
                f"Firefox: Schritt {index} {json.dumps(steps[index], ensure_ascii=False)[:300]} schlug fehl: "
                f"{answer['error']['message']}\nWerte bis dahin: {json.dumps(done, ensure_ascii=False)[:2000]}"
            )
        values = [r["value"] for r in answer["results"]]
        return Run(
            values,
            [r["t"] / 1000 for r in answer["results"]],
            [(f["url"], f["t"] / 1000) for f in answer["faults"]],
            [value for step, value in zip(steps, values, strict=True) if "eval" in step],
        )

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log.close()


def firefox_or_reason() -> tuple[str | None, str]:
    """The Firefox to use, or None and why the tests are skipped."""
    found = localsite.firefox_path()
    if found is None:
        return None, "kein Firefox gefunden (FIREFOX setzen oder `make firefox` als root auf Debian)"
    if not PUPPETEER.exists():
        return None, "puppeteer-core fehlt in node_modules (`make setup` führt `npm ci` aus)"
    return found, ""


# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------


def goto(path: str) -> dict:
    return {"goto": path}


def fill(selector: str, value) -> dict:
    return {"fill": selector, "value": str(value)}


def type_keys(selector: str, text: str) -> dict:
    """Empty the field and type ``text`` key by key, as a reader does."""
    return {"type": selector, "value": text}


def select(selector: str, value: str) -> dict:
    return {"select": selector, "value": value}


def check(selector: str, checked: bool = True) -> dict:
    return {"check": selector, "checked": checked}


def click(selector: str) -> dict:
    return {"click": selector}


def evaluate(expression: str) -> dict:
    return {"eval": expression}


def wait(expression: str, timeout: int = 15_000) -> dict:
    return {"wait": expression, "timeout": timeout}


def wait_state(root: str, states: tuple[str, ...] = ("ready", "error"), timeout: int = READY_MS) -> dict:
    """Until the calculator or finder root's data-calc-state is one of ``states``."""
    return wait(
        f"{json.dumps(list(states))}.includes(document.querySelector({json.dumps(root)})?.dataset.calcState)", timeout
    )


def intercept(match: str, answer, times: int | None = None) -> dict:
    """Requests whose URL contains ``match`` are aborted ("abort"), answered with a body that is no
    archive ("garbage") or with an HTTP status,
    the first ``times`` of them (all when None); set before ``goto``, in a fresh tab."""
    return {"intercept": [{"match": match, "answer": answer, "times": times}]}


def js(value) -> str:
    """A Python value as a JavaScript literal for use in an expression."""
    return json.dumps(value, ensure_ascii=False)
