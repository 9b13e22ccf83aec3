"""Browser benchmarks: calculator and finder time-to-ready (first and repeat visit) vs a bare Pyodide
page, input latency, long tasks, first-visit bytes by file.

The site is served as GitHub Pages serves it: text, scripts, JSON and wasm gzip-compressed, with
``Cache-Control: max-age=600``. A cold load runs in a fresh browser context (empty HTTP cache); a
warm one in a context that loaded the page once before (the repeat visit).
"""

from __future__ import annotations

import gzip
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

import localsite
from guide import assets

ROOT = Path(__file__).resolve().parent.parent
WARMUP = 10
PAGES = {"calculator": "rechner/", "finder": "finder/", "bare": "bench/"}  # timed against "bare"

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


# Content types GitHub Pages sends gzip-compressed (archives such as .zip it sends as they are).
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/wasm", "image/svg+xml")
CACHE_CONTROL = "max-age=600"  # GitHub Pages' header


class PagesHandler(localsite.Handler):
    """localsite's handler with GitHub Pages' compression and cache header (benchmarks only)."""

    _compressed: dict[Path, bytes] = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"  # a page's address: its index.html, compressed like any file
        ctype = self.guess_type(str(path))
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and gzip_ok and ctype.startswith(GZIP_TYPES)):
            return super().send_head()
        body = self._compressed.get(path)
        if body is None:
            body = self._compressed[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()


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


def _time_to_ready(context, url: str, starts: list | None = None, keep_snapshot: bool = False) -> tuple[float, float]:
    """Milliseconds from navigation to data-calc-state="ready", and the longest main-thread task.
    ``starts`` gets how the worker started ("plain", "snapshot", "fallback"); with ``keep_snapshot``
    the page stays open until the worker has kept the memory snapshot for the next visit."""
    page = context.new_page()
    page.add_init_script(OBSERVE)
    page.goto(url)
    page.wait_for_selector('[data-calc-state="ready"]', timeout=120_000)
    page.wait_for_function("() => window.__bench.readyAt !== null")
    bench = page.evaluate("window.__bench")
    worker = localsite.calc_worker(page)
    if starts is not None and worker is not None:
        starts.append(worker.evaluate("self.calcStart || null"))
    if keep_snapshot and worker is not None and worker.evaluate("self.calcStart !== undefined"):
        deadline = time.monotonic() + 120
        while worker.evaluate("self.calcSnapshot || 'pending'") == "pending" and time.monotonic() < deadline:
            time.sleep(0.25)
    page.close()
    return bench["readyAt"], max(bench["longTasks"], default=0.0)


def _cold(browser, url: str) -> tuple[float, float]:
    """A first visit: a fresh context, nothing cached."""
    context = browser.new_context()
    try:
        return _time_to_ready(context, url)
    finally:
        context.close()


def _spread(times: list[float]) -> dict:
    return {
        "median": round(statistics.median(times), 1),
        "min": round(min(times), 1),
        "max": round(max(times), 1),
        "all": [round(t, 1) for t in times],
    }


def _ratios(times: dict[str, list[float]], baseline: str) -> dict:
    """Median of each page's times over the baseline's median, and the ratios of the pairs loaded
    one after the other (their spread: the machine's noise)."""
    out = {}
    for name, values in times.items():
        if name == baseline:
            continue
        # at least 1 ms below the line: a page may have no long task at all (0 ms, bench.browser OBSERVE)
        pairs = sorted(v / max(b, 1) for v, b in zip(values, times[baseline], strict=True))
        out[name] = {
            "ratio_of_medians": round(statistics.median(values) / max(statistics.median(times[baseline]), 1), 3),
            "pair_ratio_min": round(pairs[0], 3),
            "pair_ratio_median": round(statistics.median(pairs), 3),
            "pair_ratio_max": round(pairs[-1], 3),
        }
    return out


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
    """A first visit's transfer (bytes on the wire: compressed bodies and headers), by file."""
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
    files: dict[str, int] = {}
    after_ready: dict[str, int] = {}
    for request in requests:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if assets.SNAPSHOT_PREFIX in request.url:  # fetched in idle time after ready, for the next visit
            after_ready[request.url.rsplit("/", 1)[-1]] = size
            continue
        total += size
        name = request.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "/"
        files[name] = files.get(name, 0) + size
        if "/assets/pyodide/" in request.url or "/assets/calc/" in request.url:
            pyodide += size
    context.close()
    largest = dict(sorted(files.items(), key=lambda item: -item[1]))
    return {
        "bytes": total,
        "requests": len(requests) - len(after_ready),
        "pyodide_bytes": pyodide,
        "by_file": largest,
        "after_ready": after_ready,
    }


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
        # The bare page loads Pyodide as it comes: its full standard library, its lock file.
        stdlib = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
        shutil.copyfile(stdlib, site / "assets" / "pyodide" / "python_stdlib.zip")
        _theme_baseline(site / "bench" / "theme")
        snapshot = _snapshot_sizes(site)
        with localsite.serve(Path(tmp), PagesHandler) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=localsite.CHROMIUM_ARGS)
            cold = {name: [] for name in PAGES}
            warm = {name: [] for name in PAGES}
            long_tasks = {name: [] for name in PAGES if name != "bare"}
            content_tasks, theme_tasks = [], []
            _cold(browser, base + "rechner/")  # warm-up pair: the browser's first loads are slower
            _cold(browser, base + "bench/")
            visited = {name: browser.new_context() for name in PAGES}  # one repeat visitor per page
            for name, context in visited.items():  # the first visit; the worker keeps its snapshot
                _time_to_ready(context, base + PAGES[name], keep_snapshot=True)
            warm_starts = {name: [] for name in PAGES if name != "bare"}
            for _ in range(rounds):  # alternate the pages and the baselines in one browser session
                for name, path in PAGES.items():
                    ready, longest = _cold(browser, base + path)
                    cold[name].append(ready)
                    if name in long_tasks:
                        long_tasks[name].append(longest)
                for name, path in PAGES.items():
                    warm[name].append(_time_to_ready(visited[name], base + path, warm_starts.get(name))[0])
                content_tasks.append(_longest_task(browser, base + "modelle/v7/"))
                theme_tasks.append(_longest_task(browser, base + "bench/theme/"))
            for context in visited.values():
                context.close()
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
                name: _transfer(browser, base + path, wait_ready=path in ("rechner/", "finder/", "bench/"))
                for name, path in (
                    ("start", ""),
                    ("content_v7", "modelle/v7/"),
                    ("aspect_finanzierung", "aspekte/finanzierung/"),
                    ("calculator", "rechner/"),
                    ("finder", "finder/"),
                    ("bare_pyodide", "bench/"),
                )
            }
            browser.close()
    return {
        "warm_starts": warm_starts,
        "snapshot": snapshot,
        "ready_ms_cold": {name: _spread(times) for name, times in cold.items()},
        "ready_ms_warm": {name: _spread(times) for name, times in warm.items()},
        "ratio_ready_vs_bare_cold": _ratios(cold, "bare"),
        "ratio_ready_vs_bare_warm": _ratios(warm, "bare"),
        "input_latency_ms_p50": round(latencies[len(latencies) // 2], 2),
        "input_latency_ms_p95": round(latencies[int(len(latencies) * 0.95) - 1], 2),
        "input_latency_back_to_back_ms_p50": round(back_to_back[len(back_to_back) // 2], 2),
        "input_latency_back_to_back_ms_p95": round(back_to_back[int(len(back_to_back) * 0.95) - 1], 2),
        # longest main-thread task while each page loads (the runtime's pages until ready), per round;
        # ratios of the medians against the theme-only page and a content page of the same run
        "longest_task_ms": {
            name: _spread(times)
            for name, times in (
                ("calculator", long_tasks["calculator"]),
                ("finder", long_tasks["finder"]),
                ("content_page", content_tasks),
                ("theme_only", theme_tasks),
            )
        },
        "ratio_longest_task_vs_theme_only_page": _ratios(
            {"calculator": long_tasks["calculator"], "finder": long_tasks["finder"], "theme_only": theme_tasks},
            "theme_only",
        ),
        "ratio_longest_task_vs_content_page": _ratios(
            {"calculator": long_tasks["calculator"], "finder": long_tasks["finder"], "content_page": content_tasks},
            "content_page",
        ),
        "sizes": sizes,
    }


def _snapshot_sizes(site: Path) -> dict:
    """The memory snapshot the worker fetches after a first start: its file, raw and gzip bytes."""
    found = sorted((site / "assets" / "pyodide").glob(assets.SNAPSHOT_PREFIX + "*"))
    if not found:
        return {}
    packed = found[0].read_bytes()
    return {"file": found[0].name, "raw_bytes": len(gzip.decompress(packed)), "gzip_bytes": len(packed)}


def summary(results: dict) -> str:
    """The figures issue 13 asks for, as lines of text: first-visit bytes by file, cold and warm
    times with their spread, ratios against the bare Pyodide page."""
    lines = []
    snapshot = results.get("snapshot") or {}
    if snapshot:
        lines.append(
            f"memory snapshot {snapshot['file']}: {snapshot['raw_bytes'] / 1e6:.1f} MB raw, "
            f"{snapshot['gzip_bytes'] / 1e6:.2f} MB gzip (fetched after the first start, in idle time)"
        )
    for page, starts in results.get("warm_starts", {}).items():
        lines.append(f"warm {page} starts: " + ", ".join(f"{s} ×{starts.count(s)}" for s in sorted(set(starts))))
    for page in ("calculator", "finder", "bare_pyodide"):
        sizes = results["sizes"][page]
        lines.append(f"{page}: {sizes['bytes'] / 1e6:.2f} MB in {sizes['requests']} requests, first visit")
        lines += [f"  {size / 1e3:9.1f} kB  {name}" for name, size in sizes["by_file"].items() if size >= 5_000]
    for visit in ("cold", "warm"):
        for page, t in results[f"ready_ms_{visit}"].items():
            ratio = results[f"ratio_ready_vs_bare_{visit}"].get(page)
            spread = (
                f"ratio {ratio['ratio_of_medians']} (pairs {ratio['pair_ratio_min']}–{ratio['pair_ratio_max']})"
                if ratio
                else ""
            )
            lines.append(
                f"{visit} {page}: ready {t['median']:.0f} ms (min {t['min']:.0f}, max {t['max']:.0f})"
                + (f", {spread}" if ratio else "")
            )
    tasks, ratios = results["longest_task_ms"], results["ratio_longest_task_vs_theme_only_page"]
    for page, t in tasks.items():
        ratio = ratios.get(page)
        lines.append(
            f"longest main-thread task, {page}: {t['median']:.0f} ms (min {t['min']:.0f}, max {t['max']:.0f})"
            + (
                f", ratio to theme only {ratio['ratio_of_medians']} "
                f"(pairs {ratio['pair_ratio_min']}–{ratio['pair_ratio_max']})"
                if ratio
                else ""
            )
        )
    return "\n".join(lines)
