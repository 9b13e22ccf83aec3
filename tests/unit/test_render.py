"""guide.pages, guide.urls, guide.nav: pure functions from the loaded content to Markdown pages, tested
without MkDocs.

Expectations are taken from the YAML files themselves (read with plain PyYAML), not from the
loader's data classes, so a value that the loader or a template drops is noticed.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from site_contract import ASPECT_SLUGS, ESTIMATE_FIELDS, MODEL_IDS

from calc import fmt
from guide import urls
from guide.content import ExampleLandkreis, FinderDefaults
from guide.nav import navigation
from guide.pages import (
    Settings,
    render_aspect_page,
    render_chapter_page,
    render_model_page,
    render_page,
    site_pages,
)

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
DOCS = ROOT / "docs"
PYODIDE = "314.0.7"

CRITERIA = {
    "kommunengroesse": "Kommunengröße",
    "budget_personal": "Finanzielles Budget Personal",
    "zeitliche_auslegung": "Zeitliche Auslegung der Stelle",
    "budget_klimaschutz": "Budget Klimaschutz",
    "historie": "Historie Klimaschutz",
    "relevanz": "Relevanz für Schlüsselakteure",
}
PROPERTIES = {
    "verstetigungsgrad": "Grad der personellen Verstetigung",
    "kooperation_aussen": "Kooperation nach außen",
    "aufgabenspezialisierung": "Aufgabenspezialisierung",
    "strukturelle_einbindung": "Strukturelle Einbindung",
    "stellenbeschreibung": "Stellenbeschreibung",
}
GROUP_HEADINGS = {
    "ohne_personal": "Modelle ohne zusätzliches Personal",
    "mit_personal": "Modelle mit zusätzlichem Personal",
}
# Pages the architecture names besides models, aspects and chapters (docs/index.md links to them).
FIXED_PAGES = [
    "modelle/index.md",
    "aspekte/index.md",
    "leitfaden/index.md",
    "quellen.md",
    "rechner.md",
    "finder.md",
    "pfad.md",
    "arbeitszeit.md",
    "daten/index.md",
    "impressum.md",
    "datenschutz.md",
    "barrierefreiheit.md",
    "leichte-sprache.md",
]

# "Verwal- tung" is an extraction artefact; "Vor- und Nachteile", "Mittel- bis langfristig",
# "Schlichtungs- bzw. Durchsetzungsstelle" are correct German (Ergänzungsstrich).
HYPHENATION = re.compile(r"[a-zäöüß]- (?!(?:und|oder|bis|bzw|sowie|noch|als)\b)[a-zäöüß]")
MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
HTML_HREF = re.compile(r'href="([^"]+)"')


# --------------------------------------------------------------------------------------------
# Fixtures and helpers
# --------------------------------------------------------------------------------------------


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _cell(text: object) -> str:
    """How a value must look inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _pages(content, operator) -> dict[str, str]:
    """site_pages, with the operator block (mkdocs.yml extra.betreiber) if it takes one."""
    if "operator" in inspect.signature(site_pages).parameters:
        return site_pages(content, PYODIDE, operator)
    return site_pages(content, PYODIDE)


@pytest.fixture(scope="module")
def pages(real_content, operator) -> dict[str, str]:
    return _pages(real_content, operator)


@pytest.fixture(scope="module")
def raw_models() -> dict[str, dict]:
    return {p.stem: _yaml(p) for p in (CONTENT / "modelle").glob("*.yml")}


@pytest.fixture(scope="module")
def raw_aspects() -> list[dict]:
    return _yaml(CONTENT / "aspekte.yml")["aspekte"]


@pytest.fixture(scope="module")
def raw_chapters() -> dict[str, dict]:
    return {p.stem: _yaml(p) for p in (CONTENT / "kapitel").glob("*.yml")}


@pytest.fixture(scope="module")
def raw_sources() -> dict[str, dict]:
    return {s["id"]: s for s in _yaml(CONTENT / "quellen.yml")["quellen"]}


@pytest.fixture(scope="module")
def raw_calculator() -> dict:
    return _yaml(CONTENT / "rechner.yml")


def section(page: str, heading: str) -> str:
    """Text from a heading line (exact) up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = page.splitlines()
    start = lines.index(heading)
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(rf"#{{1,{level}}} ", lines[i])),
        len(lines),
    )
    return "\n".join(lines[start + 1 : end])


def markdown_body(page: str) -> str:
    """The page without its front matter."""
    assert page.startswith("---\n"), "Seite beginnt mit Front Matter"
    return page.split("\n---\n", 1)[1]


def front_matter(page: str) -> dict:
    assert page.startswith("---\n")
    return yaml.safe_load(page[4:].split("\n---\n", 1)[0])


def tables(page: str) -> list[list[str]]:
    """Every Markdown table of a page (or part of one) as its list of lines, outside code fences."""
    result, current, fenced = [], [], False
    body = markdown_body(page) if page.startswith("---\n") else page
    for text in body.splitlines():
        if text.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and text.startswith("|"):
            current.append(text)
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def table_rows_linking(page: str) -> list[str]:
    return [row for table in tables(page) for row in table[2:]]


def resolve(doc: str, target: str) -> str:
    """Doc path a relative Markdown link in ``doc`` points to (query and anchor removed)."""
    path = re.split(r"[?#]", target, maxsplit=1)[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc), path))


def docs_files() -> set[str]:
    return {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.is_file()}


def nav_docs(tree) -> list[str]:
    found: list[str] = []
    for entry in tree:
        if isinstance(entry, str):
            found.append(entry)
        else:
            for value in entry.values():
                found.extend(nav_docs(value) if isinstance(value, list) else [value])
    return found


def with_model(content, model_id: str, **changes):
    """A copy of the content in which one model's YAML data has the given (dotted) values."""
    model = content.model(model_id)
    data = copy.deepcopy(model.data)
    for dotted, value in changes.items():
        *parents, key = dotted.split("__")
        target = data
        for part in parents:
            target = target[part]
        target[key] = value
    changed = dataclasses.replace(model, name=data["name"], table_name=data["tabellenname"], data=data)
    return dataclasses.replace(
        content, models=tuple(changed if m.id == model_id else m for m in content.models)
    ), changed


# --------------------------------------------------------------------------------------------
# Model pages
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_page_has_all_criteria_with_values(pages, raw_models, model_id):
    page = pages[urls.model_doc(model_id)]
    start = raw_models[model_id]["ausgangslage"]
    for key, label in CRITERIA.items():
        row = f"| {label} | {_cell(start[key]['wert'])} | {_cell(start[key]['erlaeuterung'])} |"
        assert row in page.splitlines(), f"{model_id}: Zeile für {label} fehlt oder ist falsch"


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_page_has_all_properties(pages, raw_models, model_id):
    page = pages[urls.model_doc(model_id)]
    props = raw_models[model_id]["eigenschaften"]
    block = section(page, "## Eigenschaften des Modells")
    for key, label in PROPERTIES.items():
        row = f"| {label} | {_cell(props[key]['wert'])} | {_cell(props[key]['erlaeuterung'])} |"
        assert row in block.splitlines(), f"{model_id}: Eigenschaft {label} fehlt"
    assert len(table_rows_linking(block)) == 5


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_page_lists_every_advantage_and_disadvantage(pages, raw_models, model_id):
    page = pages[urls.model_doc(model_id)]
    for heading, key in (("## Vorteile", "vorteile"), ("## Nachteile", "nachteile")):
        items = [text[2:] for text in section(page, heading).splitlines() if text.startswith("- ")]
        assert items == [_one_line(item) for item in raw_models[model_id][key]], f"{model_id}: {heading}"


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_page_has_eight_recommendations(pages, raw_models, raw_aspects, model_id):
    page = pages[urls.model_doc(model_id)]
    block = section(page, "## Empfehlungen für die weitere Verstetigung")
    fields = [f for a in raw_aspects for f in a["felder"]]
    assert len(fields) == 8
    headings = [text for text in block.splitlines() if text.startswith("### ")]
    assert headings == [f"### {f['titel']}" for f in fields]
    for f in fields:
        text = section(page, f"### {f['titel']}")
        assert _one_line(raw_models[model_id]["empfehlungen"][f["feld"]]) in _one_line(text)


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_page_links_models_it_develops_into(pages, raw_models, model_id):
    doc = urls.model_doc(model_id)
    page = pages[doc]
    targets = raw_models[model_id]["weiterentwicklung_zu"]
    label = next(
        (text for text in page.splitlines() if text.startswith("**Kann sich weiterentwickeln zu:**")),
        None,
    )
    if not targets:
        assert label is None, f"{model_id} entwickelt sich laut Steckbrief zu keinem Modell"
        return
    assert label is not None
    linked = [resolve(doc, t) for t in MD_LINK.findall(label)]
    assert all(t.endswith(".md") for t in MD_LINK.findall(label)), "relative .md-Links"
    assert linked == [urls.model_doc(t) for t in targets]
    assert all(target in pages for target in linked), "Links zeigen auf erzeugte Seiten"


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_page_links_models_it_is_reached_from(pages, raw_models, model_id):
    doc = urls.model_doc(model_id)
    sources = [m for m in MODEL_IDS if model_id in raw_models[m]["weiterentwicklung_zu"]]
    label = next((text for text in pages[doc].splitlines() if text.startswith("**Erreichbar aus:**")), None)
    if not sources:
        assert label is None
        return
    assert label is not None
    assert [resolve(doc, t) for t in MD_LINK.findall(label)] == [urls.model_doc(m) for m in sources]


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_page_link_labels_are_separate_paragraphs(pages, model_id):
    """'Kann sich weiterentwickeln zu' and 'Erreichbar aus' must not run into one paragraph."""
    paragraphs = re.split(r"\n\s*\n", markdown_body(pages[urls.model_doc(model_id)]))
    for paragraph in paragraphs:
        assert not ("**Kann sich weiterentwickeln zu:**" in paragraph and "**Erreichbar aus:**" in paragraph), (
            f"{model_id}: beide Angaben stehen im selben Absatz:\n{paragraph}"
        )


@pytest.mark.parametrize(
    ("model_id", "variants"),
    [
        pytest.param("v6a-c", ["V 6a", "V 6b", "V 6c"], id="v6a-c"),
        pytest.param("v6d-f", ["V 6d", "V 6e", "V 6f"], id="v6d-f"),
    ],
)
def test_v6_pages_show_their_variants(pages, raw_models, model_id, variants):
    page = pages[urls.model_doc(model_id)]
    block = section(page, "## Varianten")
    raw = raw_models[model_id]["varianten"]
    assert [v["kennung"] for v in raw] == variants
    for variant in raw:
        assert f"### {variant['kennung']}: {variant['name']}" in block.splitlines()
        assert _one_line(variant["beschreibung"]) in _one_line(block)


@pytest.mark.parametrize("model_id", [m for m in MODEL_IDS if not m.startswith("v6")])
def test_other_model_pages_have_no_variants(pages, model_id):
    assert "## Varianten" not in pages[urls.model_doc(model_id)].splitlines()


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_page_cites_its_source(pages, raw_models, raw_sources, model_id):
    page = pages[urls.model_doc(model_id)]
    citation = raw_sources[raw_models[model_id]["quelle"]]["zitat"]
    assert citation in page
    assert f"Steckbrief {raw_models[model_id]['nummer']}" in page


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_page_title_and_calculator_link(pages, raw_models, raw_calculator, model_id):
    page = pages[urls.model_doc(model_id)]
    raw = raw_models[model_id]
    assert front_matter(page)["title"] == f"{raw['nummer']}: {raw['name']}"
    assert f"# {raw['nummer']}: {raw['name']}" in page.splitlines()
    calc_links = [t for t in MD_LINK.findall(page) if "?model=" in t]
    query = f"../rechner.md?model={raw['nummer'].replace(' ', '')}"
    if raw["ausgangslage"]["budget_personal"]["richtwert"] == "gemeinden":
        # the calculator needs the number of Gemeinden for V 7a: an example Landkreis, so it opens with a result
        example = raw_calculator["beispiel_landkreis"]
        query += f"&inhabitants={example['einwohner']}&municipalities={example['gemeinden']}"
    assert calc_links == [query]


def test_model_page_links_the_example_landkreis_of_content(real_content):
    """The example follows content/rechner.yml (beispiel_landkreis), not a value in code."""
    content = dataclasses.replace(real_content, example_landkreis=ExampleLandkreis(234567, 41))
    page = render_model_page(content.model("v7a"), content)
    assert "../rechner.md?model=V7a&inhabitants=234567&municipalities=41" in page
    assert "(234.567 Einwohnerinnen und Einwohner, 41 Gemeinden" in page
    assert "?model=V7&" not in render_model_page(content.model("v7"), content)  # V 7 counts by inhabitants


def test_render_model_page_matches_site_pages(real_content, pages):
    model = real_content.model("v7")
    assert render_model_page(model, real_content) == pages["modelle/v7.md"]


# --------------------------------------------------------------------------------------------
# Overview, aspects, chapters
# --------------------------------------------------------------------------------------------


def test_overview_has_both_groups_and_a_row_per_model(pages, raw_models):
    page = pages["modelle/index.md"]
    lines = page.splitlines()
    headings = {key: lines.index(f"### {title}") for key, title in GROUP_HEADINGS.items()}
    assert headings["ohne_personal"] < headings["mit_personal"]
    for model_id in MODEL_IDS:
        raw = raw_models[model_id]
        rows = [
            i
            for i, text in enumerate(lines)
            if text.startswith(f"| {raw['nummer']} | [") and f"]({model_id}.md)" in text
        ]
        assert len(rows) == 1, f"genau eine Zeile für {model_id}"
        row = rows[0]
        assert resolve("modelle/index.md", f"{model_id}.md") in pages
        other = "mit_personal" if raw["gruppe"] == "ohne_personal" else "ohne_personal"
        assert row > headings[raw["gruppe"]]
        assert (row < headings[other]) == (raw["gruppe"] == "ohne_personal")
        assert f"[{_cell(raw['tabellenname'])}]" in lines[row]
        assert f"| {_cell(raw['eigenschaften']['verstetigungsgrad']['wert'])} |" in lines[row]


def test_overview_contains_the_model_chapters(pages, raw_chapters):
    page = pages["modelle/index.md"]
    intro = [c for c in raw_chapters.values() if c["bereich"] == "modelle"]
    assert intro, "content/kapitel hat eine Einleitung für die Modellübersicht"
    for chapter in intro:
        for s in chapter["abschnitte"]:
            assert f"## {s['titel']}" in page.splitlines()


def test_render_models_overview_is_pure(real_content, pages):
    overview = render_page(urls.MODELS, real_content, Settings())
    assert overview == render_page(urls.MODELS, real_content, Settings()) == pages["modelle/index.md"]


@pytest.mark.parametrize("slug", ASPECT_SLUGS)
def test_aspect_page_has_one_row_per_model_and_field(pages, raw_models, raw_aspects, slug):
    doc = urls.aspect_doc(slug)
    page = pages[doc]
    aspect = next(a for a in raw_aspects if a["slug"] == slug)
    rows = table_rows_linking(page)
    assert len(rows) == (28 if slug == "massnahmen" else 14)
    assert len(rows) == 14 * len(aspect["felder"])
    for table, field in zip(tables(page), aspect["felder"], strict=True):
        assert cells(table[0]) == ["Modell", field["titel"]]
        body = table[2:]
        assert [resolve(doc, MD_LINK.findall(row)[0]) for row in body] == [urls.model_doc(m) for m in MODEL_IDS]
        for row, model_id in zip(body, MODEL_IDS, strict=True):
            assert cells(row)[1] == _cell(raw_models[model_id]["empfehlungen"][field["feld"]])
    assert _one_line(aspect["einleitung"]) in _one_line(page)


def test_render_aspect_page_matches_site_pages(real_content, pages):
    assert render_aspect_page("massnahmen", real_content) == pages["aspekte/massnahmen.md"]


def test_aspects_overview_links_every_aspect(pages):
    page = pages["aspekte/index.md"]
    linked = [resolve("aspekte/index.md", t) for t in MD_LINK.findall(page)]
    assert linked == [urls.aspect_doc(slug) for slug in ASPECT_SLUGS]


def _page_chapters() -> list[str]:
    return sorted(p.stem for p in (CONTENT / "kapitel").glob("*.yml") if _yaml(p)["bereich"] != "modelle")


@pytest.mark.parametrize("slug", _page_chapters())
def test_chapter_page_contains_every_section(real_content, pages, raw_chapters, raw_sources, slug):
    page = pages[urls.chapter_doc(slug)]
    raw = raw_chapters[slug]
    lines = page.splitlines()
    assert f"# {raw['titel']}" in lines
    headings = [text for text in lines if text.startswith("## ")]
    assert headings == [f"## {s['titel']}" for s in raw["abschnitte"]]
    assert raw_sources[raw["quelle"]]["zitat"] in page
    assert page == render_chapter_page(slug, real_content)


def test_chapters_overview_lists_every_chapter(pages, raw_chapters):
    page = pages["leitfaden/index.md"]
    linked = {resolve("leitfaden/index.md", t) for t in MD_LINK.findall(page)}
    expected = {urls.chapter_doc(slug) for slug, c in raw_chapters.items() if c["bereich"] != "modelle"}
    assert linked == expected


def test_sources_page_lists_every_source(pages, raw_sources):
    page = pages["quellen.md"]
    for source in raw_sources.values():
        assert f"{{: #{source['id']} }}" in page
        assert _one_line(source["beschreibung"]) in _one_line(page)


# --------------------------------------------------------------------------------------------
# Calculator page
# --------------------------------------------------------------------------------------------


def test_calculator_page_is_prerendered(pages):
    page = pages["rechner.md"]
    assert page.count('data-calc-state="prerendered"') == 1
    # the default inputs compare models (content/rechner.yml vergleich_standard): the first is results.0
    match = re.search(r'data-field="results\.0\.fte\.recommended"[^>]*>([^<]*)<', page)
    assert match and re.search(r"\d", match.group(1)), "empfohlene Stellen stehen schon beim ersten Laden da"
    assert f'data-pyodide-version="{PYODIDE}"' in page


@pytest.mark.parametrize("name", ESTIMATE_FIELDS)
def test_calculator_form_has_field(pages, name):
    assert re.search(rf'<(?:input|select)\b[^>]*\bname="{name}"', pages["rechner.md"]), name


def test_calculator_offers_every_model_and_selects_the_default(pages, raw_models, raw_calculator):
    page = pages["rechner.md"]
    models = [raw_models[m]["nummer"].replace(" ", "") for m in MODEL_IDS]
    for select in ("f-model", "f-compare-1", "f-compare-2", "f-compare-3"):
        found = re.search(rf'<select id="{select}".*?</select>', page, re.DOTALL).group(0)
        assert re.findall(r'<option value="(V[^"]+)"', found) == models
    main = re.search(r'<select id="f-model".*?</select>', page, re.DOTALL).group(0)
    default = raw_models[raw_calculator["eingaben_standard"]["modell"]]["nummer"].replace(" ", "")
    assert re.findall(r'<option value="(V[^"]+)"[^>]*\bselected\b', main) == [default]
    compare = re.findall(r'<select id="f-compare-\d" name="compare" data-list>', page)
    assert len(compare) == 3  # "up to three further models"


def test_calculator_preselects_the_default_comparison_from_content(pages, raw_calculator):
    """The comparison for the default inputs lives in content (one place); the form preselects it
    and the page is prerendered for it, the default model first."""
    page = pages["rechner.md"]
    preset = raw_calculator["vergleich_standard"]["modelle"]
    chosen = []
    for i in range(1, 4):
        found = re.search(rf'<select id="f-compare-{i}".*?</select>', page, re.DOTALL).group(0)
        chosen += re.findall(r'<option value="(V[^"]+)"[^>]*\bselected\b', found)
    assert [key.lower() for key in chosen] == preset
    shown = re.findall(r'data-field="results\.(\d)\.model" data-value="&quot;([^&]+)&quot;"', page)
    assert [key.lower() for _, key in shown] == [raw_calculator["eingaben_standard"]["modell"], *preset]
    assert _one_line(raw_calculator["vergleich_standard"]["erlaeuterung"]) in _one_line(page)


def test_calculator_form_shows_the_default_inputs_from_content(pages, raw_calculator):
    page = pages["rechner.md"]
    inhabitants = raw_calculator["eingaben_standard"]["einwohner"]
    assert re.search(rf'<input id="f-inhabitants" [^>]*value="{inhabitants}"', page)
    # the first model's full result below the comparison
    assert f'data-field="inputs.inhabitants" data-value="{inhabitants}"' in page
    assert f"{fmt.number(inhabitants)} Einwohnerinnen und Einwohner)" in page  # the note without JavaScript


def test_calculator_page_follows_the_default_inputs_of_content(real_content):
    """Changed in content/rechner.yml, the defaults change the form and the prerendered comparison."""
    defaults = dataclasses.replace(real_content.calculator_defaults, model="v10", inhabitants=234567)
    content = dataclasses.replace(real_content, calculator_defaults=defaults)
    page = render_page(urls.CALCULATOR, content, Settings(PYODIDE))
    main = re.search(r'<select id="f-model".*?</select>', page, re.DOTALL).group(0)
    assert re.findall(r'<option value="(V[^"]+)"[^>]*\bselected\b', main) == ["V10"]
    assert '<input id="f-inhabitants" ' in page and 'value="234567"' in page
    shown = re.findall(r'data-field="results\.(\d)\.model" data-value="&quot;([^&]+)&quot;"', page)
    assert [key for _, key in shown] == ["V10", *(content.calc_keys[m] for m in defaults.compare)]
    assert "(V 10, 234.567 Einwohnerinnen und Einwohner)" in page


FINDER_FIELDS = {  # the finder form's fields and the keys of rechner.yml (finder.eingaben_standard)
    "inhabitants": "einwohner",
    "budget_per_inhabitant": "budget_je_einwohner",
    "staff_fte": "stellen",
}


def test_finder_form_shows_the_default_inputs_from_content(pages, raw_calculator):
    page = pages["finder.md"]
    raw = raw_calculator["finder"]["eingaben_standard"]
    assert re.search(rf'<input type="radio" id="f-kind-{raw["art"]}" [^>]*\bchecked\b', page)
    assert len(re.findall(r'name="kind"[^>]*\bchecked\b', page)) == 1
    for name, key in FINDER_FIELDS.items():
        assert re.search(rf'<input [^>]*name="{name}" [^>]*value="{raw[key]}"', page), name
    for name, key in (("history", "historie"), ("relevance", "relevanz")):
        select = re.search(rf'<select id="f-{name}".*?</select>', page, re.DOTALL).group(0)
        assert re.findall(r'<option value="([^"]+)" selected>', select) == [raw[key]], name
    assert f"Beispiel: eine Gemeinde mit {fmt.number(raw['einwohner'])} Einwohnerinnen" in page


def test_finder_describes_its_example_by_kind_and_history(real_content):
    """The finder's introduction and its note without JavaScript describe the example content gives."""
    landkreis = FinderDefaults("landkreis", 180000, 34, "mittel", "hoch", 2.5, 1.5)
    page = render_page(urls.FINDER, dataclasses.replace(real_content, finder_defaults=landkreis), Settings(PYODIDE))
    assert "Vorbelegt ist ein Beispiel: ein Landkreis mit 180.000 Einwohnerinnen und\nEinwohnern. Ersetzen" in page
    assert "das Ergebnis für einen Beispiel-Landkreis (180.000 Einwohnerinnen und Einwohner, Historie „mittel“" in page
    assert re.search(r'id="f-kind-landkreis" [^>]*\bchecked\b', page)
    start = dataclasses.replace(landkreis, history="gering")
    page = render_page(urls.FINDER, dataclasses.replace(real_content, finder_defaults=start), Settings(PYODIDE))
    assert "ein Landkreis mit 180.000 Einwohnerinnen und\nEinwohnern, der im Klimaschutz am Anfang steht." in page


def test_calculator_offers_both_rule_sets_with_their_validity(pages):
    select = re.search(r'<select id="f-rules".*?</select>', pages["rechner.md"], re.DOTALL).group(0)
    assert re.findall(r'<option value="([^"]+)"', select) == ["krl-2024", "krl-2022"]
    assert re.search(r'<option value="krl-2024" selected>', select)
    assert "10. Oktober 2024" in pages["rechner.md"] and "31.12.2027" in pages["rechner.md"]


def test_calculator_help_texts_derive_from_the_limits(pages):
    page = pages["rechner.md"]
    assert "ganze Zahl von 1 bis 10.000.000" in page
    assert "ganze Zahl von 2000 bis 2100" in page  # a year has no thousands dot
    assert "Zahl von 0 bis 10" in page and "Zahl von 0 bis 100.000" in page


def test_calculator_rules_table_shows_section_and_how_sure(pages):
    table = re.search(r'<table class="calc-table calc-foerderwege">.*?</table>', pages["rechner.md"], re.DOTALL)
    rows = re.findall(r"<tr><td>.*?</tr>", table.group(0))
    assert len(rows) == 8  # 2 rule sets × (Erstvorhaben, Anschluss ×2, Koordination)
    for row in rows:
        assert "Nr. 4.1." in row
        assert re.search(r"\((geprüft|Sekundärquelle|ungeprüft)\)", row), row


def test_cost_table_derives_the_default(pages):
    # E11 Stufe 3: 4.908,59 € × (12 + 0,7028) × 1,28 = 79.812 € -> rounded to 80.000 €
    page = pages["rechner.md"]
    assert "4.908,59&nbsp;€ im Monat<br>79.812\xa0€ im Jahr" in page
    assert 'value="80000"' in page


def test_calculator_offers_every_funding_way(pages):
    ways = [w["id"] for w in _yaml(CONTENT / "rechner.yml")["foerderwege"]]
    select = re.search(r'<select id="f-funding".*?</select>', pages["rechner.md"], re.DOTALL).group(0)
    assert re.findall(r'<option value="([^"]+)"', select) == ways


def test_render_calculator_page_matches_site_pages(real_content, pages):
    assert render_page(urls.CALCULATOR, real_content, Settings(PYODIDE)) == pages["rechner.md"]


# --------------------------------------------------------------------------------------------
# Whole site
# --------------------------------------------------------------------------------------------


def test_site_pages_cover_expected_doc_paths(pages, raw_aspects):
    expected = set(FIXED_PAGES)
    expected |= {urls.model_doc(p.stem) for p in (CONTENT / "modelle").glob("*.yml")}
    expected |= {urls.aspect_doc(a["slug"]) for a in raw_aspects}
    expected |= {urls.chapter_doc(slug) for slug in _page_chapters()}
    assert expected <= set(pages), f"fehlend: {sorted(expected - set(pages))}"
    assert {urls.model_doc(m) for m in MODEL_IDS} <= set(pages)
    assert {urls.aspect_doc(s) for s in ASPECT_SLUGS} <= set(pages)
    assert all(doc.endswith(".md") for doc in pages)


def test_generated_pages_do_not_collide_with_docs(pages):
    assert not set(pages) & docs_files()


def test_navigation_lists_every_generated_page_once(real_content, pages):
    listed = nav_docs(navigation(real_content))
    counts = Counter(listed)
    assert [doc for doc, n in counts.items() if n > 1] == []
    assert sorted(set(pages) - set(listed)) == []
    assert set(listed) <= set(pages) | docs_files(), "jeder Eintrag ist eine erzeugte Seite oder liegt in docs/"


def test_navigation_lists_docs_pages(real_content):
    listed = set(nav_docs(navigation(real_content)))
    markdown_in_docs = {f for f in docs_files() if f.endswith(".md")}
    assert markdown_in_docs <= listed, "strict-Build warnt bei Seiten, die nicht im Menü stehen"


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(d, id=d)
        for d in [
            "modelle/index.md",
            "aspekte/index.md",
            "leitfaden/index.md",
            "quellen.md",
            "rechner.md",
            *[urls.model_doc(m) for m in MODEL_IDS],
            *[urls.aspect_doc(s) for s in ASPECT_SLUGS],
            *[urls.chapter_doc(s) for s in _page_chapters()],
        ]
    ],
)
def test_page_is_clean(pages, doc):
    page = pages[doc]
    meta = front_matter(page)
    assert isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip()
    assert "Fehler! Verweisquelle" not in page
    assert "bezahnten" not in page
    hits = [page[max(m.start() - 25, 0) : m.end() + 25] for m in HYPHENATION.finditer(page)]
    assert hits == [], f"Silbentrennung aus der Extraktion: {hits}"
    assert not re.search(r"^#{1,6}[^#\s]", markdown_body(page), re.MULTILINE), "Überschrift ohne Leerzeichen"


@pytest.mark.parametrize("doc", [pytest.param(d, id=d) for d in FIXED_PAGES])
def test_fixed_page_is_clean(pages, doc):
    page = pages[doc]
    assert isinstance(front_matter(page).get("title"), str)
    for artefact in ("Fehler! Verweisquelle", "bezahnten"):
        assert artefact not in page
    assert [m.group(0) for m in HYPHENATION.finditer(page)] == []


def _data_files(content) -> set[str]:
    """Files the hook adds next to the pages (open data), if render offers them."""
    from guide import export

    return set(export.data_files(content))


def test_markdown_links_resolve_to_pages(real_content, pages):
    known = set(pages) | docs_files() | _data_files(real_content)
    broken = []
    for doc, page in pages.items():
        for target in MD_LINK.findall(markdown_body(page)):
            if re.match(r"^[a-z]+:|^#|^/", target):
                continue
            if resolve(doc, target) not in known:
                broken.append(f"{doc} -> {target}")
    assert broken == []


def test_html_links_resolve_to_pages(pages):
    urls_known = {urls.doc_url(doc) for doc in pages} | {urls.doc_url(f) for f in docs_files() if f.endswith(".md")}
    broken = []
    for doc, page in pages.items():
        base = urls.doc_url(doc)
        for target in HTML_HREF.findall(page):
            if re.match(r"^[a-z]+:|^#|^/", target) or not target.endswith("/"):
                continue
            resolved = posixpath.normpath(posixpath.join(base, target.split("?")[0]))
            resolved = "" if resolved == "." else resolved + "/"
            if resolved not in urls_known:
                broken.append(f"{doc} -> {target}")
    assert broken == []


# --------------------------------------------------------------------------------------------
# Tables and front matter stay intact whatever the text holds
# --------------------------------------------------------------------------------------------


def _assert_tables_intact(page: str, where: str) -> None:
    lines = (markdown_body(page) if page.startswith("---\n") else page).splitlines()
    for table in tables(page):
        width = len(cells(table[0]))
        assert re.fullmatch(r"\|(?:-{3,}\|)+", table[1].replace(":", "-")), f"{where}: Trennzeile {table[1]!r}"
        for row in table:
            assert row.endswith("|"), f"{where}: Zeile endet nicht mit '|': {row!r}"
            assert len(cells(row)) == width, f"{where}: Zeile hat {len(cells(row))} statt {width} Zellen: {row!r}"
        end = lines.index(table[-1]) + 1
        assert end == len(lines) or lines[end].strip() == "", f"{where}: Text klebt an der Tabelle: {lines[end]!r}"


@pytest.mark.parametrize(
    "doc",
    [
        "modelle/index.md",
        "finder.md",
        *[urls.model_doc(m) for m in MODEL_IDS],
        *[urls.aspect_doc(s) for s in ASPECT_SLUGS],
    ],
)
def test_tables_of_real_pages_are_intact(pages, doc):
    assert tables(pages[doc]), f"{doc} hat eine Tabelle"
    _assert_tables_intact(pages[doc], doc)


TRICKY = "Erste Zeile\nzweite Zeile | mit Strich\n\n  dritte Zeile nach Leerzeile"


def test_table_cells_never_contain_a_raw_newline(real_content):
    content, model = with_model(
        real_content,
        "v7",
        ausgangslage__kommunengroesse__wert="> 25.000 EW\nneue Zeile",
        ausgangslage__historie__erlaeuterung=TRICKY,
        eigenschaften__verstetigungsgrad__wert="Hoch |\nsehr",
        tabellenname="KSM im\nFachamt",
        empfehlungen__netzwerke=TRICKY,
        empfehlungen__massnahmen_innen=TRICKY,
    )
    rendered = {
        "model": render_model_page(model, content),
        "overview": render_page(urls.MODELS, content, Settings()),
        "netzwerke": render_aspect_page("netzwerke", content),
        "massnahmen": render_aspect_page("massnahmen", content),
    }
    for where, page in rendered.items():
        _assert_tables_intact(page, where)
    expected = _cell(TRICKY)
    assert f"| {CRITERIA['historie']} | " in rendered["model"]
    assert expected in rendered["model"]
    assert any(cells(row)[1] == expected for row in table_rows_linking(rendered["netzwerke"]))


def test_front_matter_survives_quotes_and_special_characters(real_content):
    name = 'KSM "im" Fachamt: C:\\Amt'
    summary = 'Kurzbeschreibung mit "Anführungszeichen", Pipe | und Backslash \\ – lang genug.'
    content, model = with_model(real_content, "v7", name=name, kurzbeschreibung=summary)
    meta = front_matter(render_model_page(model, content))
    assert meta["title"] == f"V 7: {name}"
    assert isinstance(meta["description"], str) and "Anführungszeichen" in meta["description"]


@pytest.mark.parametrize(
    ("operator", "site_url", "expected"),
    [
        ({"name": "[Name]", "email": "a@b.de"}, "https://example.github.io/x/", ["extra.betreiber.name", "site_url"]),
        ({"name": "Stadt Musterhausen", "email": "a@b.de"}, "https://stadt.github.io/ksm/", []),
        ({"name": "Stadt", "lizenz": "[Lizenz]"}, "https://stadt.github.io/ksm/", ["extra.betreiber.lizenz"]),
    ],
)
def test_placeholders_in_mkdocs_settings(operator, site_url, expected):
    from guide.operator import placeholders

    assert placeholders(operator, site_url) == expected


def test_funding_table_shows_a_flat_amount_and_a_cap(real_content):
    """KRL 2024 funds posts with flat amounts; once content names one (pauschale_je_stelle, max_stellen),
    the table of rules shows it next to the rate and its Prüfstand."""
    import copy

    content = copy.deepcopy(real_content)
    phase = content.calculator["regelwerke"][0]["phasen"]["koordination"][0]
    phase |= {"pauschale_je_stelle": 62000, "max_stellen": 1}
    page = render_page(urls.CALCULATOR, content, Settings(PYODIDE))
    row = re.search(r"<tr><td>[^<]*</td><td>[^<]*Klimaschutzkoordination[^<]*</td>.*?</tr>", page).group(0)
    assert "auf eine Pauschale von 62.000\u00a0€ je Stelle und Jahr, höchstens 1\u00a0VZÄ gefördert" in row
    assert f"({phase['gesichert']})" in row


def test_a_value_missing_in_content_stops_the_page_instead_of_printing_none():
    """A template that would print None (e.g. a source with a Stand note but no stand) fails with the
    template and the page named; with the value there, it prints it."""
    from guide.content import Source
    from guide.templating import render_template

    source = Source(id="q", citation="Q", description="D", kind="grundlage", stand=None, stand_note="Seitdem neu.")
    with pytest.raises(ValueError, match=r"^_stand\.md\.j2 \(Seite modelle/v1\.md\): .*fehlt \(None\)"):
        render_template("_stand.md.j2", "modelle/v1.md", source=source)
    shown = render_template("_stand.md.j2", "modelle/v1.md", source=dataclasses.replace(source, stand="2020"))
    assert '"Stand des Materials: 2020"' in shown


@pytest.mark.parametrize(
    "items, text",
    [([], ""), (["V 1"], "V 1"), (["V 1", "V 2"], "V 1 und V 2"), (["V 1", "V 2", "V 3"], "V 1, V 2 und V 3")],
)
def test_series_writes_a_german_list(items, text):
    from guide.templating import _series

    assert _series(items) == text
