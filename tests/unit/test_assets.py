"""Static-asset helpers: V8's compile hint for the theme script and the shifted source map."""

from __future__ import annotations

import json

import pytest

from guide import assets


@pytest.mark.parametrize(
    ("uri", "is_script", "is_map"),
    [
        ("assets/javascripts/bundle.79ae519e.min.js", True, False),
        ("assets/javascripts/bundle.79ae519e.min.js.map", False, True),
        ("assets/javascripts/workers/search.2c215733.min.js", False, False),
        ("assets/js/calc-page.js", False, False),
        ("x/assets/javascripts/bundle.79ae519e.min.js", False, False),
    ],
)
def test_theme_bundle_pattern(uri, is_script, is_map):
    match = assets.THEME_BUNDLE.fullmatch(uri)
    assert bool(match and not match["map"]) is is_script
    assert bool(match and match["map"]) is is_map


def test_compile_hint_is_the_first_line_once():
    script = '"use strict";(()=>{})();\n//# sourceMappingURL=bundle.min.js.map\n'
    hinted = assets.with_compile_hint(script)
    assert hinted.splitlines()[0] == "//# allFunctionsCalledOnLoad"
    assert hinted.splitlines()[1:] == script.splitlines()
    assert assets.with_compile_hint(hinted) == hinted


def test_source_map_gets_an_empty_first_line():
    original = {"version": 3, "sources": ["a.ts"], "names": [], "mappings": "AAAA,CAAC;AACA"}
    shifted = json.loads(assets.shifted_source_map(json.dumps(original)))
    assert shifted["mappings"] == ";AAAA,CAAC;AACA"
    assert {k: v for k, v in shifted.items() if k != "mappings"} == {
        k: v for k, v in original.items() if k != "mappings"
    }
