"""Build benchmark: full build vs a plain Material build of the same Markdown; growth with content."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "guide", "calc", "schema", "package.json")


def _project_copy(target: Path, factor: int) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / part)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    _multiply_content(ROOT / "content", target / "content", factor)
    return target


def _multiply_content(source: Path, target: Path, factor: int) -> None:
    """Copy content/; for factor > 1 add synthetic copies of every model and chapter."""
    shutil.copytree(source, target)
    for copy in range(1, factor):
        for path in sorted((source / "modelle").glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            number = data["id"][1:]
            new_id = f"v{copy}0{number}"
            data.update(id=new_id, nummer=f"V {copy}0{number}", reihenfolge=data["reihenfolge"] + 100 * copy)
            data["weiterentwicklung_zu"] = [f"v{copy}0{t[1:]}" for t in data["weiterentwicklung_zu"]]
            if "weiterentwicklung_deutung" in data:  # keyed by the models it interprets
                data["weiterentwicklung_deutung"] = {
                    f"v{copy}0{t[1:]}": text for t, text in data["weiterentwicklung_deutung"].items()
                }
            (target / "modelle" / f"{new_id}.yml").write_text(
                yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
            )
        for path in sorted((source / "kapitel").glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data.update(slug=f"{data['slug']}-{copy}", reihenfolge=data["reihenfolge"] + 100 * copy)
            if data["bereich"] == "modelle":  # only one chapter may introduce /modelle/
                data["bereich"] = "ergaenzung"
            (target / "kapitel" / f"{data['slug']}.yml").write_text(
                yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
            )


def _plain_copy(project: Path, target: Path) -> Path:
    """The same generated Markdown written to disk, built by plain Material (no hooks of ours but the
    fix of the theme's search index parser, without which the theme cannot build these pages)."""
    sys.path.insert(0, str(project))
    try:
        from guide import assets
        from guide.export import data_files
        from guide.loader import load_content
        from guide.nav import navigation
        from guide.pages import site_pages

        content = load_content(project / "content")
        config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        target.mkdir(parents=True)
        shutil.copytree(project / "docs", target / "docs")
        shutil.copytree(project / "overrides", target / "overrides")
        pages = site_pages(content, assets.pyodide_version(project), config["extra"]["betreiber"])
        for path, text in (pages | data_files(content)).items():
            out = target / "docs" / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        for path, source in assets.pyodide_sources(project).items():
            (target / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / "docs" / path)
        config["hooks"] = [str(ROOT / "bench" / "theme_fix_hook.py")]  # the theme's parser fix, no more
        del config["watch"]
        config["nav"] = navigation(content)
        (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    finally:
        sys.path.remove(str(project))
        for name in [
            m for m in sys.modules if m == "guide" or m.startswith("guide.") or m == "calc" or m.startswith("calc.")
        ]:
            del sys.modules[name]
    return target


def _build_seconds(project: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(result.stdout + result.stderr)
    return elapsed


def run(rounds: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        full = _project_copy(tmp / "full", 1)
        plain = _plain_copy(full, tmp / "plain")
        times = {"full": [], "plain": []}
        for _ in range(rounds):  # alternate, so drift hits both equally
            times["full"].append(_build_seconds(full))
            times["plain"].append(_build_seconds(plain))
        growth = {}
        for factor in (1, 5, 10):
            project = _project_copy(tmp / f"x{factor}", factor)
            growth[factor] = min(_build_seconds(project) for _ in range(2))
    full_s, plain_s = min(times["full"]), min(times["plain"])
    return {
        "full_build_s": round(full_s, 3),
        "plain_material_build_s": round(plain_s, 3),
        "ratio_full_vs_plain": round(full_s / plain_s, 3),
        "growth_s": {str(k): round(v, 3) for k, v in growth.items()},
        "ratio_10x_vs_1x": round(growth[10] / growth[1], 3),
        "ratio_5x_vs_1x": round(growth[5] / growth[1], 3),
    }
