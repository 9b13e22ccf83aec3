"""The whole site: ``mkdocs build --strict`` succeeds on the real content, stops on broken content.

The build runs once per module into a temporary directory (never into the repository's site/).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from buildkit import mkdocs_build
from site_contract import ASPECT_SLUGS, CALC_PAGES, ESTIMATE_FIELDS, MODEL_IDS

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

FIXED_PAGES = [
    "",
    "modelle/",
    "aspekte/",
    "leitfaden/",
    "rechner/",
    "finder/",
    "pfad/",
    "arbeitszeit/",
    "daten/",
    "quellen/",
    "impressum/",
    "datenschutz/",
    "barrierefreiheit/",
    "leichte-sprache/",
    "glossar/",
]
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.wasm"]
BUILD_TIMEOUT = 300


def _chapter_slugs() -> list[str]:
    return sorted(
        p.stem
        for p in (CONTENT / "kapitel").glob("*.yml")
        if yaml.safe_load(p.read_text(encoding="utf-8"))["bereich"] != "modelle"
    )


@pytest.fixture(scope="module")
def build(site_build) -> tuple[subprocess.CompletedProcess, Path]:
    return site_build  # the session's one strict build (tests/conftest.py)


@pytest.fixture(scope="module")
def site(build) -> Path:
    result, site_dir = build
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict schlug fehl:\n{output}"
    assert "WARNING" not in output, f"Warnungen im Build:\n{output}"
    return site_dir


def page(site: Path, url: str) -> str:
    path = site / url / "index.html"
    assert path.is_file(), f"{url}index.html fehlt"
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The real site
# --------------------------------------------------------------------------------------------


def test_strict_build_succeeds_without_warnings(build):
    result, site_dir = build
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output, output
    assert (site_dir / "index.html").is_file()


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_page_exists(site, model_id):
    html = page(site, f"modelle/{model_id}/")
    number = yaml.safe_load((CONTENT / "modelle" / f"{model_id}.yml").read_text(encoding="utf-8"))["nummer"]
    assert re.search(rf"<h1[^>]*>{re.escape(number)}:", html)


@pytest.mark.parametrize("slug", ASPECT_SLUGS)
def test_aspect_page_exists(site, slug):
    html = page(site, f"aspekte/{slug}/")
    assert html.count('href="../../modelle/') >= 14


@pytest.mark.parametrize("slug", _chapter_slugs())
def test_chapter_page_exists(site, slug):
    page(site, f"leitfaden/{slug}/")


@pytest.mark.parametrize("url", [pytest.param(u, id=u or "start") for u in FIXED_PAGES])
def test_fixed_page_exists(site, url):
    page(site, url)


def test_calculator_page_is_prerendered(site):
    html = page(site, "rechner/")
    assert 'data-calc-state="prerendered"' in html
    assert 'data-field="results.0.fte.recommended"' in html  # the default inputs compare models …
    assert 'data-field="fte.recommended"' in html  # … and the first one's full result keeps its paths
    for name in ESTIMATE_FIELDS:
        assert f'name="{name}"' in html, name


def test_calculator_client_has_normal_priority_only_where_a_calculator_is(site):
    """overrides/main.html: the pages with a calculator (front matter calc_runtime) fetch the client
    at once; every other page fetches it with low priority."""
    script = re.compile(r'<script type="module" src="[^"]*assets/js/calc-page\.js"[^>]*>')
    for html in sorted(site.rglob("index.html")):
        tags = script.findall(html.read_text(encoding="utf-8"))
        assert len(tags) == 1, html
        calculator = html.parent.relative_to(site).as_posix() + "/" in CALC_PAGES
        assert ('fetchpriority="low"' in tags[0]) != calculator, (html, tags[0])


def test_model_page_links_calculator_with_model(site):
    html = page(site, "modelle/v7/")
    assert 'href="../../rechner/?model=V7"' in html


def test_calc_archive(site):
    archive = site / "assets" / "calc" / "calc.zip"
    assert archive.is_file()
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert "calc/api.py" in names
        assert "calc/__init__.py" in names
        assert zf.read("calc/api.py") == (ROOT / "calc" / "api.py").read_bytes()


def test_calc_parameters(site):
    params = json.loads((site / "assets" / "calc" / "params.json").read_text(encoding="utf-8"))
    assert len(params["models"]) == 14
    assert [m["id"] for m in params["models"].values()] == MODEL_IDS


@pytest.mark.parametrize("name", PYODIDE_FILES)
def test_pyodide_runtime_is_self_hosted(site, name):
    built = site / "assets" / "pyodide" / name
    assert built.is_file()
    assert built.stat().st_size == (ROOT / "node_modules" / "pyodide" / name).stat().st_size


def test_worker_gets_only_the_standard_library_calc_needs(site):
    """The trimmed archive holds the listed modules as bytecode (a package with its __init__), nothing
    else, and is what the worker asks for; whether the list is complete, tests/pyodide/stdlib.mjs checks
    in Pyodide."""
    built = site / "assets" / "pyodide" / "python_stdlib_calc.zip"
    names = set(zipfile.ZipFile(built).namelist())
    for module in ("json", "xml.etree.ElementTree", "_pyodide._base", "encodings.utf_8"):
        path = module.replace(".", "/")
        assert {f"{path}.pyc", f"{path}/__init__.pyc"} & names, module
    assert "xml/__init__.pyc" in names
    assert not [name for name in names if name.endswith(".py")], "no source: Python compiles nothing at start"
    assert not {"tkinter/__init__.pyc", "sqlite3/__init__.pyc", "email/__init__.pyc"} & names
    full = zipfile.ZipFile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip").namelist()
    assert len(names) < len(full) / 3
    assert not (site / "assets" / "pyodide" / "python_stdlib.zip").exists(), "the full archive is not shipped"
    worker = (site / "assets" / "js" / "calc-worker.mjs").read_text(encoding="utf-8")
    assert "python_stdlib_calc.zip" in worker


def test_every_html_page_is_german(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 14 + 7 + len(FIXED_PAGES)
    wrong = [str(p.relative_to(site)) for p in pages if '<html lang="de"' not in p.read_text(encoding="utf-8")]
    assert wrong == []


# --------------------------------------------------------------------------------------------
# Broken content stops the build
# --------------------------------------------------------------------------------------------

COPIED = [
    "mkdocs.yml",
    "docs",
    "hooks",
    "guide",
    "calc",
    "schema",
    "content",
    "overrides",
    "package.json",
]


def test_broken_content_fails_the_build(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, repo / name)
    (repo / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)

    model = repo / "content" / "modelle" / "v7.yml"
    text = model.read_text(encoding="utf-8")
    pattern = re.compile(r"^(    min_eur_je_einwohner: ).*$", re.MULTILINE)
    match = pattern.search(text)
    assert match and len(pattern.findall(text)) == 1
    line = text.count("\n", 0, match.start()) + 1
    col = len(match.group(1)) + 1
    model.write_text(text[: match.start()] + match.group(1) + "fünf" + text[match.end() :], encoding="utf-8")

    site_dir = tmp_path / "site"
    result = mkdocs_build(repo, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"content/modelle/v7.yml:{line}:{col}: ausgangslage.budget_klimaschutz.min_eur_je_einwohner" in output
    assert "'fünf' ist kein Wert vom Typ Zahl" in output
    assert not (site_dir / "index.html").exists(), "nichts Halbfertiges wird gebaut"


# --------------------------------------------------------------------------------------------
# Open data: generated from the same content, valid against the published schemas
# --------------------------------------------------------------------------------------------


def _schema(site: Path, name: str):
    """A validator of the published schema, its references resolved among the published schemas."""
    from guide.schema_messages import validator

    return validator(name, site / "daten" / "schema")


def test_open_data_models_validate_against_schema(site):
    models = json.loads((site / "daten" / "modelle.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in models] == MODEL_IDS
    validator = _schema(site, "modell.schema.json")
    for model in models:
        errors = [e.message for e in validator.iter_errors(model)]
        assert errors == [], (model["id"], errors)
        assert model["empfehlungen"]["finanzierung"] and model["ausgangslage"]["budget_klimaschutz"]


@pytest.mark.parametrize(
    "data, schema",
    [
        pytest.param("aspekte.json", "aspekte.schema.json", id="aspekte"),
        pytest.param("aufgaben.json", "aufgaben.schema.json", id="aufgaben"),
        pytest.param("rechner.json", "rechner.schema.json", id="rechner"),
        pytest.param("quellen.json", "quellen.schema.json", id="quellen"),
        pytest.param("glossar.json", "glossar.schema.json", id="glossar"),
    ],
)
def test_open_data_files_validate_against_schema(site, data, schema):
    document = json.loads((site / "daten" / data).read_text(encoding="utf-8"))
    assert [e.message for e in _schema(site, schema).iter_errors(document)] == []


def test_open_data_equals_content(site):
    """The export is the loaded content, not a second copy of it."""
    for model_id in MODEL_IDS:
        source = yaml.safe_load((CONTENT / "modelle" / f"{model_id}.yml").read_text(encoding="utf-8"))
        exported = next(
            m for m in json.loads((site / "daten" / "modelle.json").read_text(encoding="utf-8")) if m["id"] == model_id
        )
        assert exported == source


def test_open_data_csv_opens_in_german_excel(site):
    raw = (site / "daten" / "modelle.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 mit BOM"
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[0] == "id" and len(lines) == 1 + len(MODEL_IDS)
    v6 = next(line for line in lines if line.startswith("v6a-c;")).split(";")
    assert "Stellenteilung" in v6[2] and v6[7] == "0,5", v6


def test_data_page_links_every_file(site):
    html = page(site, "daten/")
    for name in (
        "modelle.json",
        "modelle.csv",
        "aspekte.json",
        "aufgaben.json",
        "rechner.json",
        "quellen.json",
        "glossar.json",
        "schema/modell.schema.json",
    ):
        assert f'href="{name}"' in html, name
        assert (site / "daten" / name).is_file()


# --------------------------------------------------------------------------------------------
# Operator data for the legal pages: one place, a notice while placeholders remain
# --------------------------------------------------------------------------------------------


def test_placeholder_operator_data_gives_a_notice_not_a_failure(build):
    result, _ = build
    output = result.stdout + result.stderr
    assert result.returncode == 0
    assert "extra.betreiber" in output and "Platzhalter" in output


@pytest.mark.parametrize("url", ["impressum/", "datenschutz/", "barrierefreiheit/"])
def test_legal_pages_take_operator_data_from_mkdocs_yml(site, url):
    operator = yaml.safe_load("extra:\n" + (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nextra:\n", 1)[1])[
        "extra"
    ]["betreiber"]
    html = page(site, url)
    assert operator["name"] in html and operator["email"] in html
    if url == "impressum/":  # § 5 Abs. 1 Nr. 1 DDG: who represents the public body
        assert f"Vertreten durch: {operator['vertreten_durch']}" in html


# The site's path on its host (from site_url): the 404 page links with absolute paths.
SITE_PATH = urlsplit(re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]).path


def test_every_page_links_the_pages_about_the_site_in_its_footer(site):
    """Impressum, Datenschutz, Barrierefreiheit and Leichte Sprache from every page, the 404 page too
    (the menu shows them only inside their own section)."""
    about = {"impressum/": "Impressum", "datenschutz/": "Datenschutz", "barrierefreiheit/": "Barrierefreiheit"}
    about["leichte-sprache/"] = "Leichte Sprache"
    files = sorted(site.rglob("index.html")) + [site / "404.html"]
    for html_file in files:
        html = html_file.read_text(encoding="utf-8")
        footer = re.search(r'<nav class="site-about" aria-label="Über diese Seite">(.*?)</nav>', html, re.S)
        assert footer, f"{html_file.relative_to(site)}: keine Links zu den Seiten über die Website"
        root = "http://site" + SITE_PATH
        base = root + html_file.parent.relative_to(site).as_posix() + "/"
        links = {
            urljoin(base, href).removeprefix(root): text
            for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer.group(1))
        }
        assert links == about, f"{html_file.relative_to(site)}: {links}"


def test_accessibility_statement_names_feedback_and_enforcement(site):
    html = page(site, "barrierefreiheit/")
    assert "Feedback" in html and "Durchsetzungsverfahren" in html and "BITV 2.0" in html
    stand = _operator()["barrierefreiheit_stand"]
    assert re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", stand)
    assert f"wurde am {stand} erstellt" in html


def test_leichte_sprache_has_short_main_clauses(site):
    """Leichte Sprache (BITV 2.0, Anlage 2 Teil 2): short sentences with a clear structure. The text of
    each paragraph and list item is split into sentences (lines joined first, so a sentence broken over
    lines counts whole): none is longer than 12 words, none starts a subordinate clause ('Wenn …') and
    none has a relative or subordinate clause after a comma (', das …', ', auf dem …')."""
    html = page(site, "leichte-sprache/")
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    article = re.sub(r'<div class="print-footer".*', "", article, flags=re.S)  # the print-only line
    blocks = re.findall(r"<(?:h\d|li|p)\b[^>]*>(.*?)</(?:h\d|li|p)>", article, re.S)
    sentences = []
    for block in blocks:
        text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", block))).strip()
        sentences += [part.strip() for part in re.split(r"(?<=[.?!:])\s+", text) if part.strip()]
    assert len(sentences) > 50
    assert [s for s in sentences if len(s.split()) > 12] == []
    subordinate = r"^(Wenn|Weil|Dass|Ob|Obwohl|Falls)\b"  # not "Damit": also an adverb ("Damit schickt er …")
    assert [s for s in sentences if re.search(subordinate, s)] == []
    relative = r", (?:(?:an|auf|in|mit|von|zu|bei|für|aus) )?(das|die|der|dem|den|denen|wenn|weil|dass|ob|wer|wo)\b"
    assert [s for s in sentences if re.search(relative, s)] == []


def test_accessibility_statement_names_the_missing_sign_language_video(site):
    """BITV 2.0 § 4 asks for explanations in German Sign Language and in Leichte Sprache on the start
    page; the site has the second only, and both the statement and the Leichte Sprache page say so."""
    html = page(site, "barrierefreiheit/")
    statement = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert (
        "Erläuterungen in Deutscher Gebärdensprache, die § 4 BITV 2.0 auf der Startseite verlangt, gibt es" in statement
    )
    assert 'href="../leichte-sprache/"' in html
    assert "Ein Video in Gebärden-Sprache fehlt noch." in page(site, "leichte-sprache/")


def test_data_page_names_the_license(site):
    assert f"Lizenz der Texte und Daten dieser Website: {_operator()['lizenz']}" in page(site, "daten/")


def _operator() -> dict:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nextra:\n", 1)[1]
    return yaml.safe_load("extra:\n" + text)["extra"]["betreiber"]


def test_build_for_publishing_stops_on_placeholders(tmp_path):
    """The Pages workflow sets KSM_VEROEFFENTLICHEN: placeholders must then stop the build."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "KSM_VEROEFFENTLICHEN": "1"},
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Veröffentlichung abgebrochen" in output
    assert "extra.betreiber.name" in output and "site_url" in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_theme_script_carries_compile_hint_and_matching_map(site):
    """The theme's bundle gets V8's compile hint as one extra first line; its map one empty line."""
    import material

    theme = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    originals = sorted(theme.glob("bundle.*.min.js"))
    assert len(originals) == 1
    original = originals[0]
    built = site / "assets" / "javascripts" / original.name
    assert built.read_text(encoding="utf-8") == "//# allFunctionsCalledOnLoad\n" + original.read_text(encoding="utf-8")
    source_map = json.loads((built.parent / (original.name + ".map")).read_text(encoding="utf-8"))
    theme_map = json.loads((theme / (original.name + ".map")).read_text(encoding="utf-8"))
    assert source_map["mappings"] == ";" + theme_map["mappings"]
    assert source_map["sources"] == theme_map["sources"]


CONTENT_PAGES = (
    [f"modelle/{m}/" for m in MODEL_IDS]
    + ["modelle/", "aspekte/", "pfad/", "finder/", "rechner/", "arbeitszeit/"]
    + [f"aspekte/{slug}/" for slug in ASPECT_SLUGS]
    + [f"leitfaden/{slug}/" for slug in _chapter_slugs()]
)


@pytest.mark.parametrize("url", CONTENT_PAGES)
def test_every_content_page_cites_its_source(site, url):
    """Each page built from the source documents says where its facts come from."""
    html = page(site, url)
    notes = re.findall(r'<p class="source-note">(.*?)</p>', html, re.DOTALL)
    sources_box = re.search(r'class="calc-sources"', html)
    assert notes or sources_box, f"{url}: keine Quellenangabe"
    citations = [q["zitat"].strip() for q in yaml.safe_load((CONTENT / "quellen.yml").read_text("utf-8"))["quellen"]]
    text = " ".join(" ".join(note.split()) for note in notes)
    assert not notes or any(citation in text for citation in citations), text


@pytest.mark.parametrize("url", CALC_PAGES)
def test_prerendered_result_is_not_in_the_search_index(site, url):
    """The example result is numbers for one example municipality: noise for the site search. Every
    value the result shows (its data-field texts) stays out of the page's entries, also those inside
    the result's nested boxes (guide/searchfix.py)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(url))
    shown = set(re.findall(r'<span data-field="[^"]*" data-value="[^"]*">([^<]+)</span>', page(site, url)))
    # what only the result says: its sentences (reasons, notes) and amounts from 100.000 € on (the
    # page's own explanation names smaller ones, e.g. the default cost of a post)
    amount = re.compile(r"\d{1,3}(\.\d{3})+\xa0€")
    distinctive = {v for v in shown if len(v) >= 40 or (amount.fullmatch(v) and len(v) >= len("100.000\xa0€"))}
    assert text and len(distinctive) >= 5, distinctive
    leaked = sorted(value for value in distinctive if value in text)
    assert not leaked, leaked[:10]
    # nor does a heading of the result open an entry of its own (an empty one, under the page's title)
    inside = _headings_in_excluded_blocks(page(site, url))
    assert inside, "keine Überschrift im Ergebnis gefunden"
    entries = {doc["location"] for doc in index["docs"]}
    assert not {f"{url}#{heading}" for heading in inside} & entries


def _headings_in_excluded_blocks(html: str) -> set[str]:
    """The ids of the headings inside elements marked data-search-exclude."""
    from html.parser import HTMLParser

    void = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    found: set[str] = set()
    stack: list[bool] = []  # per open element: inside an excluded block

    class Walker(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            inside = bool(stack and stack[-1]) or "data-search-exclude" in attrs
            if inside and re.fullmatch(r"h[1-6]", tag) and attrs.get("id"):
                found.add(attrs["id"])
            if tag not in void:
                stack.append(inside)

        def handle_endtag(self, tag):
            if tag not in void and stack:
                stack.pop()

    Walker().feed(html)
    return found


def test_calculator_orientation_figures_name_their_source(site):
    """Each further guide figure on /rechner/ (rechner.yml: weitere_fakten) carries its source's citation."""
    import html as html_lib

    calc = yaml.safe_load((CONTENT / "rechner.yml").read_text(encoding="utf-8"))
    sources = yaml.safe_load((CONTENT / "quellen.yml").read_text(encoding="utf-8"))
    citation = {s["id"]: s["zitat"] for s in sources["quellen"]}
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", page(site, "rechner/")))
    assert calc["weitere_fakten"]
    for fact in calc["weitere_fakten"]:
        assert f"{fact['wert']} (Quelle: {citation[fact['quelle']]})" in text, fact["thema"]


def test_calculator_rules_name_the_models_of_each_guide_value(site):
    """'So rechnet der Rechner' lists the models of each guide value as their Steckbriefe set it
    (budget_personal.richtwert), so the text cannot claim more than the calculator does."""
    by_value: dict[str, list[str]] = {"einwohner": [], "gemeinden": [], "keiner": []}
    for path in sorted((CONTENT / "modelle").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_value[data["ausgangslage"]["budget_personal"]["richtwert"]].append(data["nummer"])
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page(site, "rechner/")))
    rule = re.search(
        r"Den Richtwert nach Einwohnerzahl wendet der Rechner auf (.+?) an, den nach Gemeinden auf (.+?);"
        r" (.+?) rechnet er nur mit der Mindestausstattung",
        text,
    )
    assert rule, "Regeltext zum Richtwert fehlt"
    for value, listed in zip(("einwohner", "gemeinden", "keiner"), rule.groups(), strict=True):
        named = re.split(r", | und ", listed)
        assert sorted(named) == sorted(by_value[value]), value
