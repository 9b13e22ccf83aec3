"""Static-asset helpers: V8's compile hint for the theme script and the shifted source map."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

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


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


FULL_STDLIB = _zip(
    {
        "json/__init__.py": b"# json",
        "json/decoder.py": b"# decoder",
        "json/tool.py": b"# tool",
        "xml/__init__.py": b"",
        "xml/etree/__init__.py": b"",
        "xml/etree/ElementTree.py": b"# ET",
        "re/__init__.py": b"# re",
        "bisect.py": b"# bisect",
        "tkinter/__init__.py": b"# tk",
    }
)


def test_trimmed_stdlib_holds_the_modules_and_their_packages():
    trimmed = assets.trimmed_stdlib(FULL_STDLIB, ["json.decoder", "xml.etree.ElementTree", "bisect"])
    archive = zipfile.ZipFile(io.BytesIO(trimmed))
    assert archive.namelist() == [
        "bisect.py",
        "json/__init__.py",
        "json/decoder.py",
        "xml/__init__.py",
        "xml/etree/ElementTree.py",
        "xml/etree/__init__.py",
    ]
    assert archive.read("json/decoder.py") == b"# decoder"


def test_trimmed_stdlib_is_the_same_bytes_every_time():
    modules = ["json", "re", "bisect"]
    assert assets.trimmed_stdlib(FULL_STDLIB, modules) == assets.trimmed_stdlib(FULL_STDLIB, list(reversed(modules)))


def test_trimmed_stdlib_names_a_module_the_archive_lacks():
    with pytest.raises(
        ValueError, match=r"^tomllib: nicht in Pyodides python_stdlib.zip \(calc_stdlib.txt veraltet\?\)"
    ):
        assets.trimmed_stdlib(FULL_STDLIB, ["json", "tomllib"])


def test_stdlib_listing_skips_comments_and_blank_lines(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text("# header\n\njson\nre  # regular expressions\n", encoding="utf-8")
    assert assets.stdlib_modules(listing) == ["json", "re"]


SNAPSHOT = b"\x1f\x8b" + bytes(range(200))


def test_worker_build_knows_sizes_lock_info_and_snapshot():
    info = {"abi_version": "2026_0", "arch": "wasm32"}
    build = assets.worker_build({"pyodide.asm.wasm": 9, "calc.zip": 3}, info, SNAPSHOT)
    assert build["sizes"] == {"calc.zip": 3, "pyodide.asm.wasm": 9}
    assert build["lock"] == {"info": info, "packages": {}}
    snapshot = build["snapshot"]
    assert snapshot["bytes"] == len(SNAPSHOT)
    assert snapshot["file"] == assets.snapshot_name(SNAPSHOT)
    assert snapshot["file"].startswith(assets.SNAPSHOT_PREFIX) and snapshot["file"].endswith(".bin.gz")
    assert snapshot["sha256"].startswith(snapshot["file"][len(assets.SNAPSHOT_PREFIX) : -len(".bin.gz")])
    assert assets.snapshot_name(SNAPSHOT + b"x") != snapshot["file"]


def test_worker_script_gets_the_build_in_its_placeholder_once():
    script = f"const A = 1;\nconst BUILD = {assets.WORKER_MARK};\nuse(BUILD);\n"
    built = assets.worker_script(script, {"sizes": {"calc.zip": 3}})
    assert built == 'const A = 1;\nconst BUILD = {"sizes":{"calc.zip":3}};\nuse(BUILD);\n'
    with pytest.raises(ValueError, match="Platzhalter"):
        assets.worker_script("const BUILD = {};", {})
    with pytest.raises(ValueError, match="Platzhalter"):
        assets.worker_script(script + script, {})


def test_the_real_worker_has_the_placeholder_once():
    worker = Path(__file__).resolve().parents[2] / "docs" / assets.WORKER
    assert worker.read_text(encoding="utf-8").count(assets.WORKER_MARK) == 1
