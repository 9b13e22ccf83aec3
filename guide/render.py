"""Pure functions from loaded content to Markdown pages (Jinja2 templates in guide/templates).

Tested without MkDocs. Each ``render_*`` returns the Markdown of one page; ``site_pages``
returns every generated page as ``{doc path: markdown}`` and ``navigation`` the nav tree.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import posixpath
import re
from pathlib import Path

import jinja2

from calc import fmt, limits
from calc.api import Session
from calc.params import Parameters
from calc.render import escape
from guide import urls
from guide.export import calc_parameters, yearly_cost
from guide.loader import SCHEMA_DIR, Content, Model

TEMPLATES = Path(__file__).resolve().parent / "templates"

CRITERIA = (
    ("kommunengroesse", "Kommunengröße"),
    ("budget_personal", "Finanzielles Budget Personal"),
    ("zeitliche_auslegung", "Zeitliche Auslegung der Stelle"),
    ("budget_klimaschutz", "Budget Klimaschutz"),
    ("historie", "Historie Klimaschutz"),
    ("relevanz", "Relevanz für Schlüsselakteure"),
)
PROPERTIES = (
    ("verstetigungsgrad", "Grad der personellen Verstetigung"),
    ("kooperation_aussen", "Kooperation nach außen"),
    ("aufgabenspezialisierung", "Aufgabenspezialisierung"),
    ("strukturelle_einbindung", "Strukturelle Einbindung"),
    ("stellenbeschreibung", "Stellenbeschreibung"),
)
GROUPS = (
    ("ohne_personal", "Modelle ohne zusätzliches Personal"),
    ("mit_personal", "Modelle mit zusätzlichem Personal"),
)
DEFAULT_ESTIMATE = {"model": "V7", "inhabitants": 50000}
# The finder's example: a small Gemeinde at the start, for which several models fit.
DEFAULT_FINDER = {
    "kind": "gemeinde",
    "inhabitants": 12000,
    "history": "gering",
    "relevance": "mittel",
    "budget_per_inhabitant": 1,
    "staff_fte": 0.5,
}
# A model page links into the calculator; a model that counts posts per Gemeinde gets an example
# Landkreis, so the calculator opens with a result instead of asking for the number first.
EXAMPLE_LANDKREIS = {"inhabitants": 150000, "municipalities": 30}
LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit", "leichte-sprache")
EXAMPLE_HOST = "example.github.io"  # the site_url mkdocs.yml ships with


def placeholders(operator: dict, site_url: str) -> list[str]:
    """Settings in mkdocs.yml still at their shipped placeholder: '[…]' values, the example host."""
    found = [f"extra.betreiber.{key}" for key, value in operator.items() if str(value).startswith("[")]
    return found + (["site_url"] if EXAMPLE_HOST in site_url else [])


# --------------------------------------------------------------------------------------------
# Template environment and filters
# --------------------------------------------------------------------------------------------


def _cell(text: object) -> str:
    """Text safe for one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _none(text: object, meaning: str) -> str:
    """The Steckbriefe write '–' for 'none needed'; a reader gets the meaning next to it."""
    return f"– ({meaning})" if str(text).strip() in ("–", "-") else str(text)


KIND_PLURALS = {"gemeinde": "Gemeinden", "landkreis": "Landkreise"}


def _kinds(size: dict) -> str:
    """'Gemeinden, Landkreise' – and '; Landkreise: möglich, aber nicht zielführend' for a kind the
    Steckbrief calls possible but not expedient."""
    parts = [", ".join(KIND_PLURALS[kind] for kind in size["arten"])]
    parts += [
        f"{KIND_PLURALS[note['art']]}: {note['eignung']}"
        for note in size.get("arten_hinweise", [])
        if note["eignung"] != "geeignet"
    ]
    return "; ".join(parts)


def _yaml_str(text: object) -> str:
    """A one-line, safely quoted YAML string for front matter."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


@functools.cache
def _environment() -> jinja2.Environment:
    """One Environment for all pages: templates are compiled once (auto_reload picks up edits
    under ``make serve``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        cell=_cell,
        none=_none,
        kinds=_kinds,
        yaml_str=_yaml_str,
        euro=fmt.euro,
        fte=fmt.fte,
        number=fmt.number,
        euro_per_inhabitant=fmt.euro_per_inhabitant,
        percent=fmt.percent,
    )
    return env


def _render(template: str, doc: str, **context) -> str:
    """Render a page; templates get ``link(doc)`` for Markdown links, ``href(url)`` for raw HTML and,
    given ``content``, ``abbr(text)`` for raw HTML text with the glossary's abbreviations explained."""
    here = posixpath.dirname(doc) or "."
    page = urls.doc_url(doc) or "."
    if "content" in context and "abbr" not in context:
        glossary = abbreviations(context["content"])
        context["abbr"] = lambda text: abbreviate(str(text), glossary)

    def link(target_doc: str) -> str:
        return posixpath.relpath(target_doc, here)

    def href(target_url: str) -> str:
        return posixpath.relpath(target_url or ".", page) + "/"

    return _environment().get_template(template).render(link=link, href=href, urls=urls, **context)


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def render_model_page(model: Model, content: Content) -> str:
    targets = [content.model(t) for t in model.develops_into]
    sources_of = [m for m in content.models if model.id in m.develops_into]
    return _render(
        "model.md.j2",
        urls.model_doc(model.id),
        m=model,
        d=model.data,
        content=content,
        criteria=CRITERIA,
        properties=PROPERTIES,
        targets=targets,
        sources_of=sources_of,
        source=content.sources[model.data["quelle"]],
        example=EXAMPLE_LANDKREIS if _counts_gemeinden(model) else None,
    )


def _counts_gemeinden(model: Model) -> bool:
    return model.data["ausgangslage"]["budget_personal"]["richtwert"] == "gemeinden"


def render_models_overview(content: Content) -> str:
    intro = content.chapters_in("modelle")
    groups = [(title, [m for m in content.models if m.group == key]) for key, title in GROUPS]
    return _render(
        "models.md.j2",
        "modelle/index.md",
        content=content,
        intro=intro,
        groups=groups,
        source=content.sources["steckbriefe"],
    )


def render_aspect_page(slug: str, content: Content) -> str:
    aspect = next(a for a in content.aspects if a.slug == slug)
    return _render(
        "aspect.md.j2",
        urls.aspect_doc(slug),
        aspect=aspect,
        content=content,
        source=content.sources["steckbriefe"],
        intro_source=content.sources[content.aspects_source],
    )


def render_aspects_overview(content: Content) -> str:
    return _render(
        "aspects.md.j2",
        "aspekte/index.md",
        content=content,
        source=content.sources["steckbriefe"],
        intro_source=content.sources[content.aspects_source],
    )


def render_chapter_page(slug: str, content: Content) -> str:
    chapter = next(c for c in content.chapters if c.slug == slug)
    return _render("chapter.md.j2", urls.chapter_doc(slug), chapter=chapter, source=content.sources[chapter.source])


def render_chapters_overview(content: Content) -> str:
    return _render("chapters.md.j2", "leitfaden/index.md", content=content)


def render_glossary_page(content: Content) -> str:
    """/glossar/: the terms in dictionary order, grouped by their first letter."""
    groups: dict[str, list] = {}
    for term in content.glossary:
        letter = term.anchor[0].upper() if term.anchor[0].isalpha() else "#"
        groups.setdefault(letter, []).append(term)
    return _render("glossar.md.j2", "glossar.md", content=content, groups=list(groups.items()))


def abbreviations(content: Content) -> dict[str, str]:
    """Abbreviation -> its long form, for the Markdown ``abbr`` extension (``<abbr title>`` on every page)."""
    return {t.abbreviation: t.term for t in content.glossary if t.abbreviation}


def abbreviate(text: str, glossary: dict[str, str]) -> str:
    """Text for raw HTML in a template: escaped, each known abbreviation as ``<abbr title>`` – the
    same as the ``abbr`` extension does for Markdown, where Markdown does not reach."""
    if not glossary:
        return escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(glossary, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda m: f'<abbr title="{escape(glossary[m[0]])}">{m[0]}</abbr>', escape(text))


def render_sources_page(content: Content) -> str:
    return _render("sources.md.j2", "quellen.md", content=content)


def render_calculator_page(content: Content, pyodide_version: str) -> str:
    defaults = default_estimate(content)
    return _render_tool("calculator.md.j2", "rechner.md", "estimate", defaults, content, pyodide_version)


def default_estimate(content: Content) -> dict:
    """The calculator form's default values as the page sends them: the example municipality
    (DEFAULT_ESTIMATE) and, in the list ``compare``, the further models content/rechner.yml names
    (vergleich_standard) – so the prerendered result is that comparison, as the worker computes it."""
    keys = {key.lower(): key for key in Parameters.from_dict(calc_parameters(content)).models}
    return DEFAULT_ESTIMATE | {"compare": [keys[m] for m in content.calculator["vergleich_standard"]["modelle"]]}


def render_finder_page(content: Content, pyodide_version: str) -> str:
    return _render_tool("finder.md.j2", "finder.md", "finder", DEFAULT_FINDER, content, pyodide_version)


def _render_tool(template: str, doc: str, command: str, defaults: dict, content: Content, pyodide_version: str) -> str:
    """A page of the in-browser calculator, prerendered for ``defaults`` by the same ``Session.run``
    the browser's worker calls."""
    session = Session(calc_parameters(content))
    answer = json.loads(session.run(command, json.dumps(defaults), form=True))  # as the worker asks
    if "error" in answer:
        raise ValueError(f"{doc}: the default inputs {defaults} give an error: {answer['error']}")
    result = answer["result"]
    first = result["results"][0] if answer["command"] == "compare" else result  # a comparison: its first model
    return _render(
        template,
        doc,
        content=content,
        params=session.params,
        defaults=first["inputs"] | defaults,  # the given values as written, completed by the parsed defaults
        result_html=answer["html"],
        calc=content.calculator,
        limits=limits,
        cost_table=cost_table(content.calculator["kosten_je_stelle"]),
        pyodide_version=pyodide_version,
    )


def cost_table(cost: dict) -> list[dict]:
    """Monthly pay and yearly employer cost per pay group and step, derived as the default is."""
    return [
        {
            "group": row["gruppe"],
            "cells": [{"monthly": m, "yearly": round(yearly_cost(cost, m))} for m in row["stufen"]],
        }
        for row in cost["entgelte"]
    ]


def render_path_page(content: Content) -> str:
    return _render(
        "path.md.j2",
        "pfad.md",
        content=content,
        diagram=path_svg(content, "pfad.md"),
        source=content.sources["steckbriefe"],
    )


def render_worksheet_page(content: Content) -> str:
    return _render(
        "worksheet.md.j2",
        "arbeitszeit.md",
        content=content,
        tasks=content.tasks,
        source=content.sources[content.tasks["quelle"]],
    )


def render_data_page(content: Content, operator: dict) -> str:
    return _render("data.md.j2", "daten/index.md", content=content, files=data_files(content), operator=operator)


def render_legal_page(name: str, operator: dict, content: Content) -> str:
    return _render(f"{name}.md.j2", f"{name}.md", operator=operator, content=content)


# --------------------------------------------------------------------------------------------
# Verstetigungspfad diagram
# --------------------------------------------------------------------------------------------

STAGE_ORDER = ("sehr gering", "gering", "mittel", "hoch", "sehr hoch")


def path_layout(content: Content) -> dict[str, tuple[int, int]]:
    """(row, column): one row per Grad der personellen Verstetigung, models in order within it."""
    rows: dict[str, list[Model]] = {stage: [] for stage in STAGE_ORDER}
    for m in content.models:
        rows[m.data["eigenschaften"]["verstetigungsgrad"]["stufe"]].append(m)
    return {m.id: (r, c) for r, stage in enumerate(STAGE_ORDER) for c, m in enumerate(rows[stage])}


def path_svg(content: Content, doc: str) -> str:
    """Models as boxes in rows by degree of Verstetigung (top: lowest), arrows for 'develops into'."""
    layout = path_layout(content)
    box_w, box_h, gap_x, gap_y, left, top = 210, 50, 24, 44, 100, 12
    columns = max(c for _, c in layout.values()) + 1
    width = left + columns * (box_w + gap_x)
    height = top + len(STAGE_ORDER) * (box_h + gap_y)
    page = urls.doc_url(doc)

    def corner(model_id: str) -> tuple[float, float]:
        row, col = layout[model_id]
        return left + col * (box_w + gap_x), top + row * (box_h + gap_y)

    heads = "".join(
        f'<text class="path-head" x="6" y="{top + i * (box_h + gap_y) + box_h / 2 + 4}">{stage.capitalize()}</text>'
        for i, stage in enumerate(STAGE_ORDER)
    )
    edges = []
    for m in content.models:
        x1, y1 = corner(m.id)
        for target in m.develops_into:
            x2, y2 = corner(target)
            if y2 > y1:
                start, end = (x1 + box_w / 2, y1 + box_h), (x2 + box_w / 2, y2)
            elif y2 < y1:
                start, end = (x1 + box_w / 2, y1), (x2 + box_w / 2, y2 + box_h)
            else:
                start, end = (
                    ((x1 + box_w, y1 + box_h / 2), (x2, y2 + box_h / 2))
                    if x2 > x1
                    else ((x1, y1 + box_h / 2), (x2 + box_w, y2 + box_h / 2))
                )
            dashed = ' stroke-dasharray="6 4"' if m.reading(target) else ""  # the site's reading
            edges.append(
                f'<line class="path-edge" x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" '
                f'y2="{end[1]:.0f}"{dashed} marker-end="url(#path-arrow)"/>'
            )
    nodes = []
    for m in content.models:
        x, y = corner(m.id)
        href = posixpath.relpath(urls.doc_url(urls.model_doc(m.id)), page) + "/"
        label = m.table_name if len(m.table_name) <= 22 else m.table_name[:20] + "…"
        nodes.append(
            f'<a xlink:href="{href}" aria-label="{m.number}: {escape(m.name)}">'
            f'<rect class="path-node path-{m.group}" x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="6"/>'
            f'<text x="{x + 8}" y="{y + 20}" class="path-number">{m.number}</text>'
            f'<text x="{x + 8}" y="{y + 40}" class="path-label">{escape(label)}</text></a>'
        )
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="pfad-titel pfad-desc" '
        'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<title id="pfad-titel">Verstetigungspfad: wie die Modelle aufeinander aufbauen</title>'
        '<desc id="pfad-desc">Zeilen nach Grad der personellen Verstetigung, von sehr gering (oben) bis '
        "sehr hoch (unten); Pfeile von einem Modell zu den Modellen, zu denen es sich weiterentwickeln "
        "kann, gestrichelt, wo das eine Deutung dieser Website ist. Dieselbe Information steht als Liste "
        "unter der Grafik.</desc>"
        '<defs><marker id="path-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>'
        f"{heads}{''.join(edges)}{''.join(nodes)}</svg>"
    )


# --------------------------------------------------------------------------------------------
# Open data
# --------------------------------------------------------------------------------------------


def data_files(content: Content) -> dict[str, str]:
    """Open data files under daten/: JSON exports, CSV overview and the schemas."""

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"

    files = {
        "daten/modelle.json": dump([m.data for m in content.models]),
        "daten/aspekte.json": dump(
            {"quelle": content.aspects_source, "aspekte": [_aspect_dict(a) for a in content.aspects]}
        ),
        "daten/aufgaben.json": dump(content.tasks),
        "daten/rechner.json": dump(content.calculator),
        "daten/quellen.json": dump({"quellen": [_source_dict(s) for s in content.sources.values()]}),
        "daten/glossar.json": dump({"begriffe": [_term_dict(t) for t in content.glossary]}),
        "daten/modelle.csv": models_csv(content),
    }
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        files[f"daten/schema/{schema.name}"] = schema.read_text(encoding="utf-8")
    return files


def _source_dict(source) -> dict:
    data = {"id": source.id, "zitat": source.citation, "beschreibung": source.description, "art": source.kind}
    return data | ({"stand": source.stand} if source.stand else {})


def _term_dict(term) -> dict:
    data = {"begriff": term.term, "erklaerung": term.explanation, "quelle": term.source}
    return (
        data
        | ({"abkuerzung": term.abbreviation} if term.abbreviation else {})
        | ({"mehr": term.more} if term.more else {})
    )


def _aspect_dict(aspect) -> dict:
    return {
        "slug": aspect.slug,
        "titel": aspect.title,
        "einleitung": aspect.intro,
        "felder": [{"feld": f.field, "titel": f.title} for f in aspect.fields],
    }


CSV_COLUMNS = (
    "id",
    "nummer",
    "name",
    "gruppe",
    "min_einwohner",
    "max_einwohner",
    "arten",
    "min_stellen",
    "budget_min_eur_je_ew",
    "budget_max_eur_je_ew",
    "budget_offen",
    "verstetigungsgrad",
)


def models_csv(content: Content) -> str:
    """Model overview for spreadsheets: ';' separated, UTF-8 with BOM, German decimal comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in content.models:
        start = m.data["ausgangslage"]
        size, budget = start["kommunengroesse"], start["budget_klimaschutz"]
        writer.writerow(
            [
                m.id,
                m.number,
                m.name,
                m.group,
                _csv(size["min_einwohner"]),
                _csv(size["max_einwohner"]),
                ",".join(size["arten"]),
                _csv(start["budget_personal"]["min_stellen"]),
                _csv(budget["min_eur_je_einwohner"]),
                _csv(budget["max_eur_je_einwohner"]),
                "ja" if budget["offen"] else "nein",
                m.data["eigenschaften"]["verstetigungsgrad"]["stufe"],
            ]
        )
    return "\ufeff" + buffer.getvalue()


def _csv(value) -> str:
    if value is None:
        return ""
    return str(value).replace(".", ",")


# --------------------------------------------------------------------------------------------
# Site
# --------------------------------------------------------------------------------------------


def site_pages(content: Content, pyodide_version: str, operator: dict) -> dict[str, str]:
    """Every generated page: doc path (as MkDocs' src_uri) -> Markdown."""
    pages = {
        "modelle/index.md": render_models_overview(content),
        "aspekte/index.md": render_aspects_overview(content),
        "leitfaden/index.md": render_chapters_overview(content),
        "quellen.md": render_sources_page(content),
        "glossar.md": render_glossary_page(content),
        "rechner.md": render_calculator_page(content, pyodide_version),
        "finder.md": render_finder_page(content, pyodide_version),
        "pfad.md": render_path_page(content),
        "arbeitszeit.md": render_worksheet_page(content),
        "daten/index.md": render_data_page(content, operator),
    }
    pages.update({f"{name}.md": render_legal_page(name, operator, content) for name in LEGAL_PAGES})
    pages.update({urls.model_doc(m.id): render_model_page(m, content) for m in content.models})
    pages.update({urls.aspect_doc(a.slug): render_aspect_page(a.slug, content) for a in content.aspects})
    pages.update(
        {
            urls.chapter_doc(c.slug): render_chapter_page(c.slug, content)
            for c in content.chapters
            if c.area != "modelle"
        }
    )
    return pages


def navigation(content: Content) -> list:
    """The nav tree in mkdocs.yml form, built from content so no list is kept twice."""

    def chapters(area: str) -> list:
        return [{c.title: urls.chapter_doc(c.slug)} for c in content.chapters_in(area)]

    models = [
        {
            title: [
                {f"{m.number} {m.table_name if len(m.table_name) < 40 else m.name}": urls.model_doc(m.id)}
                for m in content.models
                if m.group == key
            ]
        }
        for key, title in GROUPS
    ]
    return [
        {"Startseite": "index.md"},
        {"Modelle": ["modelle/index.md", *models]},
        {"Aspekte": ["aspekte/index.md", *[{a.title: urls.aspect_doc(a.slug)} for a in content.aspects]]},
        {"Leitfaden": ["leitfaden/index.md", *chapters("leitfaden"), {"Ergänzungen": chapters("ergaenzung")}]},
        {
            "Werkzeuge": [
                {"Rechner": "rechner.md"},
                {"Modell-Finder": "finder.md"},
                {"Verstetigungspfad": "pfad.md"},
                {"Arbeitszeit IST/SOLL": "arbeitszeit.md"},
            ]
        },
        {
            "Daten und Quellen": [
                {"Glossar": "glossar.md"},
                {"Offene Daten": "daten/index.md"},
                {"Quellen": "quellen.md"},
            ]
        },
        {
            "Über diese Seite": [
                {"Leichte Sprache": "leichte-sprache.md"},
                {"Barrierefreiheit": "barrierefreiheit.md"},
                {"Datenschutz": "datenschutz.md"},
                {"Impressum": "impressum.md"},
            ]
        },
    ]
