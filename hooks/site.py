"""MkDocs glue only: load content, add generated pages and assets, set the nav.

All logic lives in ``guide`` (loading, rendering) and ``calc`` (calculations), tested without MkDocs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from guide import assets  # noqa: E402
from guide.csp import add_csp  # noqa: E402
from guide.export import data_files  # noqa: E402
from guide.glossary import abbreviations  # noqa: E402
from guide.loader import ContentError, load_content  # noqa: E402
from guide.markup import clean_theme_markup  # noqa: E402
from guide.nav import navigation  # noqa: E402
from guide.operator import placeholders  # noqa: E402
from guide.pages import site_pages  # noqa: E402
from guide.searchfix import fix_search_exclusion  # noqa: E402
from guide.urls import footer  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger(__name__)

# Set by the Pages workflow: a build for publishing must not carry placeholder operator data.
PUBLISH_ENV = "KSM_VEROEFFENTLICHEN"

# Loaded anew in every on_config (mkdocs serve rebuilds call it again); never cached across builds.
_build: dict = {}

# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    fix_search_exclusion()  # before the theme's search plugin indexes the first page
    try:
        content = load_content(ROOT / "content")
    except ContentError as exc:
        raise PluginError(f"Fehler in content/:\n{exc}") from None
    _build.clear()
    _build["content"] = content
    config.nav = navigation(content)
    config.extra["fusszeile"] = footer()  # overrides/partials/copyright.html
    # The glossary's abbreviations become <abbr title> on every page (Markdown 'abbr' extension).
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(content)
    missing = placeholders(_operator(config), config.site_url or "")
    if missing and os.environ.get(PUBLISH_ENV):
        raise PluginError(
            f"Veröffentlichung abgebrochen: in mkdocs.yml stehen noch Platzhalter ({', '.join(missing)}). "
            "Impressum, Datenschutz, Barrierefreiheit und Druckfußzeile brauchen echte Angaben."
        )
    if missing:
        log.info(
            "Hinweis: In mkdocs.yml stehen noch Platzhalter (%s). Vor der Veröffentlichung ausfüllen – "
            "sie erscheinen in Impressum, Datenschutz, Barrierefreiheit und Druckfußzeile.",
            ", ".join(missing),
        )
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    content = _build["content"]
    pages = site_pages(content, assets.pyodide_version(ROOT), _operator(config))
    for path, text in (pages | data_files(content)).items():
        _add(files, File.generated(config, path, content=text))
    calc_zip = assets.calc_archive(ROOT / "calc")
    params = assets.params_json(content).encode()
    _add(files, File.generated(config, assets.CALC_DIR + "calc.zip", content=calc_zip))
    _add(files, File.generated(config, assets.CALC_DIR + "params.json", content=params))
    sizes = {"calc.zip": len(calc_zip), "params.json": len(params)}
    for path, source in assets.pyodide_sources(ROOT).items():
        _add(files, File.generated(config, path, abs_src_path=str(source)))
        sizes[path.rsplit("/", 1)[-1]] = source.stat().st_size
    try:
        stdlib = assets.pyodide_stdlib(ROOT)
        snapshot = assets.runtime_snapshot(ROOT, stdlib, calc_zip)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    _add(files, File.generated(config, assets.PYODIDE_DIR + assets.STDLIB_TRIMMED, content=stdlib))
    _add(files, File.generated(config, assets.PYODIDE_DIR + assets.snapshot_name(snapshot), content=snapshot))
    sizes[assets.STDLIB_TRIMMED] = len(stdlib)
    _build_worker(files, config, assets.worker_build(sizes, assets.lock_info(ROOT), snapshot))
    _hint_theme_bundle(files, config)
    return files


def on_post_page(output: str, *, page, config: MkDocsConfig) -> str:
    return add_csp(clean_theme_markup(output))


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return add_csp(clean_theme_markup(output_content))


# --------------------------------------------------------------------------------------------
# Helper functions
# --------------------------------------------------------------------------------------------


def _operator(config: MkDocsConfig) -> dict:
    operator = config.extra.get("betreiber")
    if not isinstance(operator, dict):
        raise PluginError("mkdocs.yml: extra.betreiber fehlt (Name, Anschrift, Kontakt des Betreibers)")
    return operator


def _build_worker(files: Files, config: MkDocsConfig, build: dict) -> None:
    """Replace the calculator's worker script by a copy that knows the runtime files in advance."""
    worker = files.get_file_from_path(assets.WORKER)
    if worker is None:
        raise PluginError(f"{assets.WORKER} fehlt in docs/")
    try:
        text = assets.worker_script(Path(worker.abs_src_path).read_text(encoding="utf-8"), build)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    files.remove(worker)
    files.append(File.generated(config, assets.WORKER, content=text))


def _hint_theme_bundle(files: Files, config: MkDocsConfig) -> None:
    """Replace the theme's main script (and its map) by a copy with V8's compile hint."""
    found = {f.src_uri: f for f in files if assets.THEME_BUNDLE.fullmatch(f.src_uri)}
    if not any(uri.endswith(".js") for uri in found):
        log.warning("Theme-Skript assets/javascripts/bundle.*.min.js nicht gefunden: kein Compile-Hinweis")
    for uri, theme_file in found.items():
        text = Path(theme_file.abs_src_path).read_text(encoding="utf-8")
        files.remove(theme_file)
        text = assets.shifted_source_map(text) if uri.endswith(".map") else assets.with_compile_hint(text)
        files.append(File.generated(config, uri, content=text))


def _add(files: Files, file: File) -> None:
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"'{file.src_uri}' wird erzeugt, liegt aber auch in docs/ – bitte dort entfernen")
    files.append(file)
