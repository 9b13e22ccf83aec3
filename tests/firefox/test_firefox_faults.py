"""Faults in Firefox ESR (issue 14), as tests/browser/test_faults.py checks them in Chromium: a runtime
that cannot load ends in data-calc-state="error" within 20 s of the fault, with the German message
and "Erneut versuchen"; after a transient failure the button reaches ready without a reload.

The faults are made with puppeteer's request interception (``page.setRequestInterception``), which
works over WebDriver BiDi in Firefox ESR 153 – the requests of the module worker included. What
interception cannot do – a connection that breaks off or stalls mid-download, a slow link without
CDP throttling – comes from the server in tests/faultserver.py, shared with the Chromium tests. axe
(node_modules/axe-core, WCAG 2.1 A/AA) checks the error state.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import faultserver
import pytest
from browserkit import prerendered_inputs
from faultserver import Fault, FaultClock
from firefoxkit import ROOT, Run, click, evaluate, goto, intercept, wait, wait_state
from site_contract import CALC_PAGES

TAB = "stoerung"
DEADLINE_S = 20.0  # the limit from the failure to the error state
WASM = "/assets/pyodide/pyodide.asm.wasm"
LINKS = {"rechner/": "rechner/?model=V8&inhabitants=90000", "finder/": "finder/?inhabitants=90000&history=hoch"}
RETRY = "Erneut versuchen"

STATE = evaluate(
    """(() => {
  const root = document.querySelector('[data-calc-root]');
  const retry = root.querySelector('.calc-retry');
  const note = root.querySelector('.calc-stale-note');
  const progress = root.querySelector('.calc-progress');
  return {
    state: root.dataset.calcState,
    status: root.querySelector('[data-calc-status]').textContent,
    retry: retry && !retry.hidden && retry.checkVisibility() ? retry.textContent.trim() : null,
    stale_note: note && !note.hidden ? note.textContent : null,
    progress_visible: Boolean(progress && !progress.hidden),
    same_document: window.__sameDocument === true,
    focus_inside: document.activeElement?.closest('[data-calc-root]') !== null,
    inhabitants: root.querySelector('[data-calc-result] [data-field="inputs.inhabitants"]')?.dataset.value ?? null,
  };
})()"""
)


def settled(timeout_s: float) -> dict:
    return wait_state("[data-calc-root]", ("ready", "error"), int(timeout_s * 1000))


def assert_error_shown(shown: dict, path: str, wording: str, *, retry: bool = True) -> None:
    assert shown["state"] == "error", f"{shown['state']}: {shown['status']}"
    text = shown["status"]
    assert wording in text, text
    assert text.startswith(("Der Rechenkern", "Dieser Browser")), text
    assert "Error" not in text and "undefined" not in text and "Traceback" not in text, text
    assert not shown["progress_visible"]
    if retry:
        assert shown["retry"] == RETRY, "kein Knopf „Erneut versuchen“"
        assert "Bitte versuchen Sie es erneut." in text, text
    else:
        assert shown["retry"] is None
    # the prerendered example belongs to other inputs than the link's: labelled with its own
    assert shown["stale_note"] and "nicht für die Eingaben im Formular" in shown["stale_note"], shown["stale_note"]
    if path == "rechner/":
        for named in prerendered_inputs():  # content/rechner.yml: eingaben_standard
            assert named in shown["stale_note"], shown["stale_note"]
    else:
        assert "Historie Klimaschutz" in shown["stale_note"], shown["stale_note"]


@pytest.mark.parametrize(
    ("path", "match", "answer", "wording"),
    [
        pytest.param(
            "rechner/",
            WASM,
            "abort",
            "Die WebAssembly-Datei (pyodide.asm.wasm) kam nicht an",
            id="rechner-wasm-blocked",
        ),
        pytest.param("finder/", WASM, 403, "wurde abgewiesen (Fehler 403)", id="finder-wasm-403"),
        pytest.param(
            "rechner/",
            "/assets/calc/calc.zip",
            404,
            "Eine Datei fehlt auf dem Server (calc.zip), Fehler 404",
            id="rechner-archive-404",
        ),
        # the other failure kinds of tests/browser/test_faults.py, on the calculator
        pytest.param(
            "rechner/", "/assets/js/calc-worker.mjs", 404, "Sein Skript ließ sich nicht laden", id="worker-script-404"
        ),
        pytest.param(
            "rechner/",
            "/assets/pyodide/pyodide.mjs",
            "abort",
            "Sein Skript ließ sich nicht laden",
            id="worker-import-aborted",
        ),
        pytest.param(
            "rechner/",
            "/assets/pyodide/pyodide.asm.mjs",
            404,
            "Eine Datei kam nicht an (pyodide.asm.mjs)",
            id="runtime-script-404",
        ),
        pytest.param(
            "rechner/",
            "/assets/calc/params.json",
            404,
            "Eine Datei fehlt auf dem Server (params.json), Fehler 404",
            id="params-404",
        ),
        pytest.param(
            "rechner/",
            "/assets/pyodide/python_stdlib",
            "abort",
            "Eine Datei kam nicht an (python_stdlib",
            id="stdlib-aborted",
        ),
        pytest.param("rechner/", "/assets/calc/calc.zip", "garbage", "ließ sich aber nicht starten", id="start-throws"),
    ],
)
def test_failed_download_ends_in_error_with_message_and_retry(firefox, base_url, path, match, answer, wording):
    # A start that throws does so after Python's start (seconds of work; more on a slow computer),
    # as in the Chromium test: the clock runs from the archive's arrival, so allow for the start.
    limit = 60 if answer == "garbage" else DEADLINE_S
    run = firefox.run(
        base_url,
        [intercept(match, answer), goto(LINKS[path]), settled(limit + 10), STATE],
        page=TAB,
        fresh=True,
        isolated=True,
    )
    assert run.faults, f"keine Anfrage an {match}"
    since_fault = run.times[2] - run.faults[0][1]
    print(f"\n{path}{match}: Fehlerzustand {since_fault:.2f} s nach der Störung")  # pytest -s
    assert since_fault < limit, f"Fehlerzustand erst {since_fault:.1f} s nach der Störung"
    assert_error_shown(run.last, path, wording)


NO_MODULE_WORKER = """
const PlainWorker = window.Worker;
window.Worker = function (url) { return new PlainWorker(url); };  // ignores {type: "module"}, as older browsers do
"""


@pytest.mark.parametrize(
    ("script", "wording"),
    [
        pytest.param(NO_MODULE_WORKER, "Er kann keine Web Worker als JavaScript-Modul starten", id="no-module-workers"),
        pytest.param("delete window.Worker;", "Er kann keine Web Worker starten", id="no-workers"),
    ],
)
def test_browser_without_workers(firefox, base_url, script, wording):
    run = firefox.run(
        base_url,
        [{"init": script}, goto(LINKS["rechner/"]), settled(DEADLINE_S), STATE],
        page=TAB,
        fresh=True,
        isolated=True,
    )
    assert run.times[2] - run.times[1] < 5, "erkannt, bevor etwas geladen wird"
    assert_error_shown(run.last, "rechner/", wording, retry=False)


def test_browser_without_webassembly(firefox, base_url):
    run = firefox.run(
        base_url,
        [{"init": "delete window.WebAssembly;"}, goto(LINKS["rechner/"]), settled(DEADLINE_S), STATE],
        page=TAB,
        fresh=True,
        isolated=True,
    )
    assert run.times[2] - run.times[1] < 5, "erkannt, bevor etwas geladen wird"
    assert_error_shown(run.last, "rechner/", "Ihm fehlt WebAssembly", retry=False)
    assert "Mit einem aktuellen Firefox, Chrome, Edge oder Safari" in run.last["status"]


def test_retry_after_a_transient_failure_reaches_ready(firefox, base_url):
    """On the calculator (the finder runs the same client code; Chromium checks both pages)."""
    failed, retrying, done = firefox.run(
        base_url,
        [
            intercept(WASM, "abort", times=1),  # the first request fails, the next one goes through
            goto(LINKS["rechner/"]),
            settled(DEADLINE_S),
            evaluate("window.__sameDocument = true"),
            STATE,
            click("[data-calc-root] .calc-retry button"),
            STATE,
            settled(90),
            STATE,
        ],
        page=TAB,
        fresh=True,
        isolated=True,
    ).reads[1:]
    assert_error_shown(failed, "rechner/", "Die WebAssembly-Datei (pyodide.asm.wasm) kam nicht an")
    assert retrying["state"] == "loading", retrying
    assert retrying["status"].startswith("Neuer Versuch: Der Rechenkern (Python im Browser) wird geladen"), retrying
    assert retrying["focus_inside"], "der Fokus blieb nicht im Rechner"
    assert done["state"] == "ready", done["status"]
    assert done["same_document"], "Seite wurde neu geladen"
    assert done["status"].startswith("Ergebnis aktualisiert"), done["status"]
    assert done["retry"] is None and done["stale_note"] is None
    assert done["inhabitants"] == "90000", "nicht die Einwohnerzahl des Links"


# --------------------------------------------------------------------------------------------
# What interception cannot do: a connection that breaks off, stalls or crawls (tests/faultserver.py)
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def faulty(built_site: Path):
    with faultserver.serve(built_site.parent) as server:
        yield server


def since_fault(run: Run, step: int, returned: float, clock: FaultClock) -> float:
    """Seconds from the server's fault to the end of ``step``: the driver counts from the scenario's
    start, the server on this process's clock, tied together by the moment the answer arrived
    (``returned``; late by the answer's way through the pipe, so never too early)."""
    assert clock.at is not None, "der Server hat die Datei nie ausgeliefert"
    return returned - (run.times[-1] - run.times[step]) - clock.at


def fail_on_faulty_server(firefox, faulty, path: str, faults: dict, case: str) -> tuple[Run, float]:
    clock = faulty.arm(faults)
    run = firefox.run(
        faulty.url, [goto(LINKS[path]), settled(DEADLINE_S + 10), STATE], page=TAB, fresh=True, isolated=True
    )
    elapsed = since_fault(run, 1, time.monotonic(), clock)
    print(f"\n{path}{case}: Fehlerzustand {elapsed:.2f} s nach der Störung")  # pytest -s
    return run, elapsed


@pytest.mark.parametrize("path", CALC_PAGES)
def test_connection_breaking_off_mid_download(firefox, faulty, path):
    run, elapsed = fail_on_faulty_server(
        firefox, faulty, path, {"/pyodide.asm.wasm": Fault("drop", 2_000_000)}, "wasm-connection-dropped"
    )
    assert elapsed < DEADLINE_S, f"Fehlerzustand erst {elapsed:.1f} s nach dem Abbruch"
    assert_error_shown(run.last, path, "Die Verbindung brach beim Herunterladen ab (pyodide.asm.wasm)")


def test_stalled_download_ends_by_the_watchdog(firefox, faulty):
    """Nothing fails, nothing arrives: the watchdog ends it (15 s without progress). On the calculator
    (the finder runs the same watchdog; Chromium checks both pages)."""
    run, elapsed = fail_on_faulty_server(
        firefox, faulty, "rechner/", {"/python_stdlib": Fault("stall", 500_000)}, "stdlib-stalled"
    )
    assert 14 < elapsed < DEADLINE_S, f"Fehlerzustand {elapsed:.1f} s nach dem Stillstand, erwartet 15 s"
    assert_error_shown(run.last, "rechner/", "Der Download kam 15 Sekunden lang nicht voran")


# --------------------------------------------------------------------------------------------
# Progress on a slow link (the server crawls: Firefox has no CDP network throttling)
# --------------------------------------------------------------------------------------------

SLOW_WASM_S = 8.0
RUNTIME_FILES = ["pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm", "calc/calc.zip", "calc/params.json"]
MEGABYTES = re.compile(r"(\d+),(\d)\u00a0MB von (\d+),(\d)\u00a0MB")

RECORD_STATUS = evaluate(
    """(() => {
  const status = document.querySelector('[data-calc-root] [data-calc-status]');
  window.__statusTexts = [status.textContent];
  new MutationObserver(() => window.__statusTexts.push(status.textContent))
    .observe(status, {childList: true, characterData: true, subtree: true});
})()"""
)

PROGRESS_SHOWN = wait(
    "(() => { const p = document.querySelector('[data-calc-root] progress');"
    " return p && p.checkVisibility() && p.hasAttribute('value'); })()",
    30_000,
)

# Every 100 ms while the runtime loads: [value, max, the bytes text]; then the bar's name and role.
SAMPLE_PROGRESS = evaluate(
    """(async () => {
  const root = document.querySelector('[data-calc-root]');
  const p = root.querySelector('progress');
  const samples = [];
  const end = performance.now() + 60000;
  while (root.dataset.calcState === 'loading' && performance.now() < end) {
    if (p.checkVisibility() && p.hasAttribute('value')) {
      samples.push([p.value, p.max, root.querySelector('.calc-progress-bytes').textContent]);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const label = document.getElementById(p.getAttribute('aria-labelledby'));
  return {samples, name: label ? label.textContent.trim() : null, labels: [...p.labels].map((l) => l.textContent)};
})()"""
)


def test_progress_bar_grows_on_a_slow_link(firefox, faulty, built_site):
    clock = faulty.arm({"/pyodide.asm.wasm": Fault("slow", seconds=SLOW_WASM_S)})
    run = firefox.run(
        faulty.url,
        [
            goto(LINKS["rechner/"]),
            RECORD_STATUS,
            PROGRESS_SHOWN,
            SAMPLE_PROGRESS,
            settled(90),
            STATE,
            evaluate("window.__statusTexts"),
            evaluate("document.querySelector('[data-calc-root] .calc-progress').checkVisibility()"),
        ],
        page=TAB,
        fresh=True,
        isolated=True,
    )
    assert clock.at is not None, "die WebAssembly-Datei kam nicht vom langsamen Server"
    _, progress, done, texts, hidden = run.reads
    samples = progress["samples"]
    assert progress["name"] == "Download des Rechenkerns", progress
    assert progress["labels"] == ["Download des Rechenkerns"], progress
    values = [value for value, _, _ in samples]
    distinct = sorted(set(values))
    print(f"\n{len(samples)} Proben, {len(distinct)} verschiedene Werte, Maximum {samples[-1][1]}")  # pytest -s
    assert len(distinct) >= 5, samples
    assert values == sorted(values), "der Balken wächst nur"
    assert all(value <= top for value, top, _ in samples), "Wert über dem Maximum"
    # the bytes as the reader sees them: never more received than the total
    for _, _, text in samples:
        match = MEGABYTES.search(text)
        assert match, text
        got, total = (float(f"{match[1]}.{match[2]}"), float(f"{match[3]}.{match[4]}"))
        assert got <= total, f"mehr empfangen als insgesamt: {text}"
    real = sum((built_site / "assets" / f).stat().st_size for f in RUNTIME_FILES)
    real += next((built_site / "assets" / "pyodide").glob("python_stdlib*.zip")).stat().st_size
    assert samples[-1][1] == real, f"Maximum {samples[-1][1]} statt der Summe der Dateien {real}"
    assert values[0] < real / 2 and values[-1] == samples[-1][1], samples
    assert done["state"] == "ready", done["status"]
    assert not hidden, "der Balken blieb sichtbar"
    # announced: the start once, the end once – never the bytes
    texts = [t for t in texts if t.strip()]
    assert len({t for t in texts if "wird geladen" in t}) == 1, texts
    assert texts[-1].startswith("Ergebnis aktualisiert"), texts
    assert not any("MB" in t for t in texts), texts
    assert len(texts) <= 3, texts
    # the total is the sum of the files from the first sample on (the build writes their sizes)
    wrong = [(value, top) for value, top, _ in samples if top != real]
    assert not wrong, f"Maximum in {len(wrong)} von {len(samples)} Proben nicht {real}: {sorted(set(wrong))[:8]}"


# --------------------------------------------------------------------------------------------
# Accessibility of the error state: axe-core from node_modules, injected by the driver
# --------------------------------------------------------------------------------------------

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
AXE_RUN = evaluate(
    f"""(async () => {{
  const result = await axe.run(document, {json.dumps(AXE_OPTIONS)});
  return {{
    version: axe.version,
    violations: result.violations.map((v) => ({{
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }})),
  }};
}})()"""
)


@pytest.mark.parametrize("path", CALC_PAGES)
def test_axe_on_the_runtime_error_state(firefox, base_url, path):
    if not AXE.exists():
        pytest.skip("axe-core fehlt in node_modules (`make setup` führt `npm ci` aus)")
    shown, injected, axe, role, focused = firefox.run(
        base_url,
        [
            intercept(WASM, "abort"),
            goto(LINKS[path]),
            settled(DEADLINE_S + 10),
            STATE,
            evaluate(AXE.read_text(encoding="utf-8") + "\n;typeof axe"),
            AXE_RUN,
            evaluate("document.querySelector('[data-calc-root] [data-calc-status]').getAttribute('role')"),
            evaluate(
                "(() => { document.querySelector('[data-calc-root] .calc-retry button').focus();"
                " return document.activeElement.textContent.trim(); })()"
            ),
        ],
        page=TAB,
        fresh=True,
        isolated=True,
    ).reads
    assert shown["state"] == "error", shown
    assert injected == "object", f"axe nicht geladen: {injected}"
    report = [f"[{v['id']}, {v['impact']}] {v['help']}: {v['nodes']}" for v in axe["violations"]]
    print(f"\n{path}: axe {axe['version']}, {len(report)} Verstöße")  # pytest -s
    assert not report, "\n".join(report)
    # the message is in the live region, the button is reachable by keyboard
    assert role == "status"
    assert focused == RETRY
