"""Browser benchmarks: calculator time-to-ready vs a bare Pyodide page, input latency, long tasks, sizes."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

import localsite

ROOT = Path(__file__).resolve().parent.parent
WARMUP = 10

# Records when [data-calc-state] becomes "ready" and every long task (>= 50 ms) on the main thread.
OBSERVE = """
window.__bench = {readyAt: null, longTasks: []};
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration); })
  .observe({type: "longtask", buffered: true});
new MutationObserver(() => {
  const el = document.querySelector('[data-calc-state="ready"]');
  if (el && window.__bench.readyAt === null) window.__bench.readyAt = performance.now();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-calc-state"], childList: true});
"""

BARE_HTML = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Baseline</title></head>
<body><p data-calc-state="loading">Pyodide lädt …</p>
<script type="module">
const worker = new Worker(new URL("bare-worker.mjs", import.meta.url), {type: "module"});
worker.onmessage = () => document.querySelector("p").dataset.calcState = "ready";
</script></body></html>"""
BARE_WORKER = """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href, packages: [] });
self.postMessage("ready");
"""

# Each latency sample starts from a settled page: the previous result is laid out and painted,
# as when a reader changes a field after looking at the result. Without this, the rendering of
# sample n's result falls into sample n+1's time.
SETTLE = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))))"

LATENCY = """async (value) => {
  const input = document.querySelector('[name=inhabitants]');
  const result = document.querySelector('[data-calc-result]');
  const done = new Promise(resolve => new MutationObserver((_, obs) => { obs.disconnect(); resolve(); })
    .observe(result, {childList: true, subtree: true}));
  const start = performance.now();
  input.value = String(value);
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await done;
  return performance.now() - start;
}"""


def _theme_baseline(target: Path) -> None:
    """A one-page site with the same theme, language and features, nothing of the project's:
    the long tasks the theme itself causes on this machine."""
    ours = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "docs").mkdir()
        text = "\n\n".join(f"## Abschnitt {i}\n\n" + "Ein Absatz Text ohne Besonderheiten. " * 40 for i in range(10))
        (project / "docs" / "index.md").write_text("# Theme-Basis\n\n" + text, encoding="utf-8")
        theme = {key: ours[key] for key in ("name", "language", "font", "features")}
        config = {"site_name": "Theme-Basis", "theme": theme, "plugins": ["search"]}
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(target)],
            cwd=project,
            check=True,
            capture_output=True,
        )


def _time_to_ready(browser, url: str) -> tuple[float, float]:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(OBSERVE)
    page.goto(url)
    page.wait_for_selector('[data-calc-state="ready"]', timeout=120_000)
    page.wait_for_function("() => window.__bench.readyAt !== null")
    bench = page.evaluate("window.__bench")
    context.close()
    return bench["readyAt"], max(bench["longTasks"], default=0.0)


def _longest_task(browser, url: str) -> float:
    """Longest main-thread task while a page without the calculator loads (the theme's own cost)."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(OBSERVE)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    longest = max(page.evaluate("window.__bench.longTasks"), default=0.0)
    context.close()
    return longest


def _transfer(browser, url: str, wait_ready: bool) -> dict:
    context = browser.new_context()
    page = context.new_page()
    requests = []
    context.on("requestfinished", lambda request: requests.append(request))
    page.goto(url, wait_until="networkidle")
    if wait_ready:
        page.wait_for_selector('[data-calc-state="ready"]', timeout=120_000)
        page.wait_for_load_state("networkidle")
    total = 0
    pyodide = 0
    for request in requests:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        if "/assets/pyodide/" in request.url or "/assets/calc/" in request.url:
            pyodide += size
    context.close()
    return {"bytes": total, "requests": len(requests), "pyodide_bytes": pyodide}


def run(rounds: int = 9, latency_samples: int = 60) -> dict:
    chromium = localsite.chromium_path()
    if chromium is None:
        raise SystemExit("kein Chromium gefunden (CHROMIUM setzen)")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / localsite.SUBPATH
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        (site / "bench").mkdir()
        (site / "bench" / "index.html").write_text(BARE_HTML, encoding="utf-8")
        (site / "bench" / "bare-worker.mjs").write_text(BARE_WORKER, encoding="utf-8")
        _theme_baseline(site / "bench" / "theme")
        with localsite.serve(Path(tmp)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=localsite.CHROMIUM_ARGS)
            calc_times, bare_times, long_tasks, content_tasks, theme_tasks = [], [], [], [], []
            _time_to_ready(browser, base + "rechner/")  # warm-up pair: the browser's first loads are slower
            _time_to_ready(browser, base + "bench/")
            for _ in range(rounds):  # alternate calculator and baselines in one browser session
                ready, longest = _time_to_ready(browser, base + "rechner/")
                calc_times.append(ready)
                long_tasks.append(longest)
                bare_times.append(_time_to_ready(browser, base + "bench/")[0])
                content_tasks.append(_longest_task(browser, base + "modelle/v7/"))
                theme_tasks.append(_longest_task(browser, base + "bench/theme/"))
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "rechner/")
            page.wait_for_selector('[data-calc-state="ready"]', timeout=120_000)
            for i in range(WARMUP):  # first calls JIT-compile the worker's and the page's code paths
                page.evaluate(LATENCY, 5_000 + i)
            latencies, back_to_back = [], []
            for i in range(latency_samples):
                page.evaluate(SETTLE)
                latencies.append(page.evaluate(LATENCY, 10_000 + 1_000 * i))
            for i in range(latency_samples):  # for comparison: the next change right after the last result
                back_to_back.append(page.evaluate(LATENCY, 20_000 + 1_000 * i))
            latencies.sort()
            back_to_back.sort()
            context.close()
            sizes = {
                name: _transfer(browser, base + path, wait_ready=path == "rechner/")
                for name, path in (
                    ("start", ""),
                    ("content_v7", "modelle/v7/"),
                    ("aspect_finanzierung", "aspekte/finanzierung/"),
                    ("calculator", "rechner/"),
                )
            }
            browser.close()
    calc_ms, bare_ms = statistics.median(calc_times), statistics.median(bare_times)
    return {
        "calculator_ready_ms_median": round(calc_ms, 1),
        "bare_pyodide_ready_ms_median": round(bare_ms, 1),
        "ratio_ready_vs_bare": round(calc_ms / bare_ms, 3),
        "ready_ms_all": [round(t, 1) for t in calc_times],
        "bare_ms_all": [round(t, 1) for t in bare_times],
        "input_latency_ms_p50": round(latencies[len(latencies) // 2], 2),
        "input_latency_ms_p95": round(latencies[int(len(latencies) * 0.95) - 1], 2),
        "input_latency_back_to_back_ms_p50": round(back_to_back[len(back_to_back) // 2], 2),
        "input_latency_back_to_back_ms_p95": round(back_to_back[int(len(back_to_back) * 0.95) - 1], 2),
        "longest_main_thread_task_ms": round(max(long_tasks), 1),
        "longest_main_thread_task_ms_median": round(statistics.median(long_tasks), 1),
        "content_page_longest_task_ms_median": round(statistics.median(content_tasks), 1),
        "ratio_longest_task_vs_content_page": round(
            statistics.median(long_tasks) / max(statistics.median(content_tasks), 1), 3
        ),
        "theme_only_page_longest_task_ms_median": round(statistics.median(theme_tasks), 1),
        "ratio_longest_task_vs_theme_only_page": round(
            statistics.median(long_tasks) / max(statistics.median(theme_tasks), 1), 3
        ),
        "long_tasks_ms_all": [round(t, 1) for t in long_tasks],
        "theme_only_long_tasks_ms_all": [round(t, 1) for t in theme_tasks],
        "sizes": sizes,
    }
