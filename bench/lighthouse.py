"""Lighthouse on one page of every kind, one after another: the scores of accessibility, best
practices, SEO and performance, and the Total Blocking Time (issues 12 and 13).

The site is served as GitHub Pages serves it (bench.browser.PagesHandler: gzip, Pages' cache
header) under its sub-path; Lighthouse 12.2.3 (npm, pinned) drives the machine's Chromium with
its default settings (phone, simulated slow 4G and 4x slower CPU) and with its desktop preset.
Goals: accessibility, best practices and SEO 100, performance at least 90, TBT at most 200 ms on
the calculator and finder.

``python -m bench.lighthouse [site parent]`` runs it alone (a built site whose sub-folder
``klimaschutz-verstetigen/`` holds the site, or a fresh build); ``LIGHTHOUSE_PRESETS=desktop``
picks presets, ``LIGHTHOUSE_RUNS`` the number of rounds (default 3), ``LIGHTHOUSE_PAGES`` a part of
the pages by name (e.g. ``calculator,finder,theme_only`` for more rounds of just those). The scores of the performance
category depend on the machine's load: the simulated 4x slower CPU multiplies the main-thread time
measured here. So every page is audited in several rounds, one page after another in each round
(a change of load hits all pages alike), and the median of each figure is reported, with the
spread of performance and TBT. The page "theme_only" is the theme alone with the same settings
(bench.browser's baseline, one page of plain text): what the theme costs on this machine before
the project adds anything.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import localsite
from bench.browser import PagesHandler, _theme_baseline

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
TIMEOUT = 300

# One page of every kind (path under the site's sub-path).
PAGES = {
    "start": "",
    "model": "modelle/v7/",
    "aspect": "aspekte/finanzierung/",
    "chapter": "leitfaden/grundlagen/",
    "calculator": "rechner/",
    "finder": "finder/",
    "glossary": "glossar/",
    "worksheet": "arbeitszeit/",
    "sources": "quellen/",
    "data": "daten/",
    "not_found": "gibt-es-nicht/",
    "theme_only": "../theme-basis/",  # beside the site, on the same server (not a page of ours)
}
# Lighthouse's default (a mid-range phone on slow 4G, simulated) and its desktop preset.
PRESETS = ("mobile", "desktop")
GOALS = {"accessibility": 100, "best-practices": 100, "seo": 100, "performance": 90}
TBT_GOAL_MS = {"calculator": 200, "finder": 200}


def audit(url: str, chromium: str, preset: str = "mobile", status_404: bool = False) -> dict:
    """One Lighthouse run: scores (0-100) per category, TBT in ms, and the audits that lost points.
    ``status_404``: the page is the site's 404 page, served with status 404 (as GitHub Pages does)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ]
        command += ["--preset=desktop"] if preset == "desktop" else []
        command += ["--ignore-status-code"] if status_404 else []
        env = {**os.environ, "CHROME_PATH": chromium}
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=env)
        if done.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse {url}: exit {done.returncode}\n{done.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failed = []
    for name in CATEGORIES:
        for ref in data["categories"][name]["auditRefs"]:
            result = data["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                failed.append(f"{name}/{ref['id']}: {result.get('displayValue') or result['title']}")
    return {
        **scores,
        "tbt_ms": round(data["audits"]["total-blocking-time"]["numericValue"]),
        "lcp_ms": round(data["audits"]["largest-contentful-paint"]["numericValue"]),
        "dom_size": data["audits"]["dom-size"].get("numericValue"),
        "main_thread_ms": {
            item["groupLabel"]: round(item["duration"])
            for item in data["audits"]["mainthread-work-breakdown"]["details"]["items"]
            if item["duration"] >= 50
        },
        "runtime_error": (data.get("runtimeError") or {}).get("code"),
        "failed_audits": failed,
    }


def _median(runs: list[dict]) -> dict:
    """One page's figures over several rounds: the median of each number, the spread of
    performance and TBT, and the failed audits of the round with the median performance."""
    middle = sorted(runs, key=lambda r: r["performance"])[len(runs) // 2]
    figures = {key: statistics.median(r[key] for r in runs) for key in (*CATEGORIES, "tbt_ms", "lcp_ms")}
    figures = {key: round(value) for key, value in figures.items()}
    return {
        **figures,
        "performance_all": [r["performance"] for r in runs],
        "tbt_ms_all": [r["tbt_ms"] for r in runs],
        "dom_size": middle["dom_size"],
        "main_thread_ms": middle["main_thread_ms"],
        "runtime_error": middle["runtime_error"],
        "failed_audits": middle["failed_audits"],
    }


def run(
    site_parent: Path | None = None,
    presets: tuple[str, ...] = PRESETS,
    rounds: int = 3,
    pages: tuple[str, ...] = tuple(PAGES),
) -> dict:
    """Lighthouse on ``pages`` (names in PAGES) in ``rounds`` rounds, per preset:
    {preset: {page: figures}} with the median figures of the rounds."""
    unknown = sorted(set(pages) - set(PAGES))
    if unknown:
        raise SystemExit(f"unbekannte Seiten: {', '.join(unknown)} (bekannt: {', '.join(PAGES)})")
    chromium = localsite.chromium_path()
    if chromium is None:
        raise SystemExit("kein Chromium gefunden (CHROMIUM setzen)")
    with tempfile.TemporaryDirectory() as tmp:
        if site_parent is None:
            site_parent = Path(tmp)
            site = site_parent / localsite.SUBPATH
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        with tempfile.TemporaryDirectory(dir=site_parent, prefix="theme-") as theme_dir:
            _theme_baseline(Path(theme_dir) / "theme-basis")
            paths = {**PAGES, "theme_only": f"../{Path(theme_dir).name}/theme-basis/"}
            paths = {name: path for name, path in paths.items() if name in pages}
            runs: dict = {preset: {name: [] for name in paths} for preset in presets}
            with localsite.serve(site_parent, PagesHandler) as base:
                for round_ in range(rounds):
                    for preset in presets:
                        for name, path in paths.items():  # one after another: each run has the machine to itself
                            figures = audit(base + path, chromium, preset, status_404=name == "not_found")
                            runs[preset][name].append(figures)
                            print(
                                f"lighthouse {round_ + 1}/{rounds} {preset} /{path}: {figures}",
                                file=sys.stderr,
                                flush=True,
                            )
        return {preset: {name: _median(r) for name, r in pages.items()} for preset, pages in runs.items()}


def misses(results: dict) -> list[str]:
    """Every goal a page misses, as a line of text."""
    lines = []
    for page, r in results.items():
        if page == "theme_only":  # the baseline, not a page of the site
            continue
        lines += [f"{page}: {cat} {r[cat]} < {goal}" for cat, goal in GOALS.items() if r[cat] < goal]
        if page in TBT_GOAL_MS and r["tbt_ms"] > TBT_GOAL_MS[page]:
            lines.append(f"{page}: TBT {r['tbt_ms']} ms > {TBT_GOAL_MS[page]} ms")
    return lines


def summary(results: dict) -> str:
    lines = [
        f"{'page':<11} {'a11y':>4} {'bp':>4} {'seo':>4} {'perf':>4} {'TBT ms':>7} {'LCP ms':>7}  path"
        "  (medians; perf and TBT of every round)"
    ]
    for page, r in results.items():
        lines.append(
            f"{page:<11} {r['accessibility']:>4} {r['best-practices']:>4} {r['seo']:>4} {r['performance']:>4} "
            f"{r['tbt_ms']:>7} {r['lcp_ms']:>7}  /{PAGES[page]}  {r['performance_all']} {r['tbt_ms_all']}"
        )
        lines += [f"{'':<11} - {audit}" for audit in r["failed_audits"]]
    missed = misses(results)
    lines.append("Lighthouse goals: " + ("all met" if not missed else "missed: " + "; ".join(missed)))
    return "\n".join(lines)


if __name__ == "__main__":
    chosen = tuple(os.environ.get("LIGHTHOUSE_PRESETS", ",".join(PRESETS)).split(","))
    rounds = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    pages = tuple(os.environ.get("LIGHTHOUSE_PAGES", ",".join(PAGES)).split(","))
    results = run(Path(sys.argv[1]) if len(sys.argv) > 1 else None, chosen, rounds, pages)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    for preset, figures in results.items():
        print(f"Lighthouse ({preset}):\n{summary(figures)}")
