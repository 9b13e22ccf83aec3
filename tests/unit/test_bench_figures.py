"""The benchmark's figures (bench/browser.py): spread and ratios as make bench reports them."""

from __future__ import annotations

import pytest

from bench.browser import _ratios, _spread, summary


def test_ratios_are_medians_and_pairs_against_the_baseline():
    times = {"page": [100.0, 200.0, 300.0], "base": [200.0, 200.0, 400.0]}
    assert _ratios(times, "base") == {
        "page": {"ratio_of_medians": 1.0, "pair_ratio_min": 0.5, "pair_ratio_median": 0.75, "pair_ratio_max": 1.0}
    }


def test_a_baseline_without_long_tasks_counts_as_one_millisecond():
    """A page with no task over 50 ms reports 0 ms; the ratio must stay a number."""
    ratios = _ratios({"calculator": [60.0, 80.0], "content_page": [0.0, 0.0]}, "content_page")
    assert ratios["calculator"]["ratio_of_medians"] == 70.0
    assert ratios["calculator"]["pair_ratio_max"] == 80.0


def test_summary_gives_the_longest_task_of_every_page_with_its_spread():
    tasks = {"calculator": [66.0, 96.0, 55.0], "finder": [65.0, 70.0, 60.0], "theme_only": [86.0, 63.0, 129.0]}
    results = {
        "sizes": {
            name: {"bytes": 4_890_000, "requests": 22, "by_file": {"pyodide.asm.wasm": 3_546_300}}
            for name in ("calculator", "finder", "bare_pyodide")
        },
        "ready_ms_cold": {"calculator": _spread([2100.0, 2200.0]), "bare": _spread([3300.0, 3400.0])},
        "ratio_ready_vs_bare_cold": _ratios({"calculator": [2100.0, 2200.0], "bare": [3300.0, 3400.0]}, "bare"),
        "ready_ms_warm": {},
        "ratio_ready_vs_bare_warm": {},
        "longest_task_ms": {name: _spread(t) for name, t in tasks.items()},
        "ratio_longest_task_vs_theme_only_page": _ratios(tasks, "theme_only"),
    }
    lines = summary(results).splitlines()
    assert "longest main-thread task, calculator: 66 ms (min 55, max 96), ratio to theme only 0.767" in "\n".join(lines)
    assert any(line.startswith("longest main-thread task, finder: 65 ms (min 60, max 70)") for line in lines)
    assert "longest main-thread task, theme_only: 86 ms (min 63, max 129)" in lines
    assert "calculator: 4.89 MB in 22 requests, first visit" in lines


@pytest.mark.parametrize("times, median", [([1.0], 1.0), ([3.0, 1.0, 2.0], 2.0), ([1.0, 2.0, 3.0, 4.0], 2.5)])
def test_spread_is_median_min_max_and_all(times, median):
    spread = _spread(times)
    assert spread["median"] == median and spread["min"] == min(times) and spread["max"] == max(times)
    assert spread["all"] == times
