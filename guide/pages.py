"""Pure functions from loaded content to the Markdown of the site's pages (Jinja2 templates in
guide/templates), tested without MkDocs.

``site_pages`` returns every generated page as ``{doc path: markdown}``: the fixed pages of the
table ``guide.urls.PAGES``, each written by the function the table names (called as
``render(doc, content, settings)``), and one page per model, aspect and guide chapter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from calc import limits
from calc.api import Session
from guide import urls
from guide.content import MODEL_GROUPS, Content, Model
from guide.export import calc_parameters, data_files, yearly_cost
from guide.pathdiagram import path_svg
from guide.templating import render_template

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


@dataclass(frozen=True)
class Settings:
    """What pages need besides content: the pinned Pyodide version (calculator and finder) and the
    operator data from mkdocs.yml (extra.betreiber: legal pages, open data)."""

    pyodide_version: str = ""
    operator: dict = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Site
# --------------------------------------------------------------------------------------------


def site_pages(content: Content, pyodide_version: str, operator: dict) -> dict[str, str]:
    """Every generated page: doc path (as MkDocs' src_uri) -> Markdown."""
    settings = Settings(pyodide_version, operator)
    pages = {page.doc: render_page(page, content, settings) for page in urls.PAGES if page.renderer}
    pages.update({urls.model_doc(m.id): render_model_page(m, content) for m in content.models})
    pages.update({urls.aspect_doc(a.slug): render_aspect_page(a.slug, content) for a in content.aspects})
    pages.update(
        {urls.chapter_doc(c.slug): render_chapter_page(c.slug, content) for c in urls.chapters_with_page(content)}
    )
    return pages


def render_page(page: urls.Page, content: Content, settings: Settings) -> str:
    """One fixed page of ``urls.PAGES``, written by the function the table names."""
    return globals()[page.renderer](page.doc, content, settings)


# --------------------------------------------------------------------------------------------
# Fixed pages (named in urls.PAGES): render_*(doc, content, settings)
# --------------------------------------------------------------------------------------------


def render_models_overview(doc: str, content: Content, settings: Settings) -> str:
    intro = content.chapters_in("modelle")
    groups = [(title, [m for m in content.models if m.group == key]) for key, title in MODEL_GROUPS]
    return render_template(
        "models.md.j2",
        doc,
        content=content,
        intro=intro,
        groups=groups,
        source=content.sources["steckbriefe"],
    )


def render_aspects_overview(doc: str, content: Content, settings: Settings) -> str:
    return render_template(
        "aspects.md.j2",
        doc,
        content=content,
        source=content.sources["steckbriefe"],
        intro_source=content.sources[content.aspects_source],
    )


def render_chapters_overview(doc: str, content: Content, settings: Settings) -> str:
    return render_template("chapters.md.j2", doc, content=content)


def render_glossary_page(doc: str, content: Content, settings: Settings) -> str:
    """/glossar/: the terms in dictionary order, grouped by their first letter."""
    groups: dict[str, list] = {}
    for term in content.glossary:
        first = term.term[0].upper().translate(str.maketrans("ÄÖÜ", "AOU"))  # the headword, not its abbreviation
        letter = first if first.isalpha() else "#"
        groups.setdefault(letter, []).append(term)
    return render_template("glossar.md.j2", doc, content=content, groups=list(groups.items()))


def render_sources_page(doc: str, content: Content, settings: Settings) -> str:
    return render_template("sources.md.j2", doc, content=content)


def render_calculator_page(doc: str, content: Content, settings: Settings) -> str:
    # the models each guide value applies to ("So rechnet der Rechner"), from the Steckbriefe's richtwert
    by_guide: dict[str, list[str]] = {}
    for model in content.models:
        by_guide.setdefault(model.richtwert, []).append(model.number)
    return _render_tool(
        "calculator.md.j2", doc, "estimate", default_estimate(content), content, settings, models_by_guide=by_guide
    )


def render_finder_page(doc: str, content: Content, settings: Settings) -> str:
    return _render_tool("finder.md.j2", doc, "finder", content.finder_defaults.form_input(), content, settings)


def render_path_page(doc: str, content: Content, settings: Settings) -> str:
    return render_template(
        "path.md.j2",
        doc,
        content=content,
        diagram=path_svg(content, doc),
        source=content.sources["steckbriefe"],
    )


def render_worksheet_page(doc: str, content: Content, settings: Settings) -> str:
    return render_template(
        "worksheet.md.j2",
        doc,
        content=content,
        tasks=content.tasks,
        source=content.sources[content.tasks["quelle"]],
    )


def render_data_page(doc: str, content: Content, settings: Settings) -> str:
    return render_template("data.md.j2", doc, content=content, files=data_files(content), operator=settings.operator)


def render_legal_page(doc: str, content: Content, settings: Settings) -> str:
    """Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache: template ``<doc>.j2``."""
    return render_template(f"{doc}.j2", doc, operator=settings.operator, content=content)


# --------------------------------------------------------------------------------------------
# One page per model, aspect and chapter
# --------------------------------------------------------------------------------------------


def render_model_page(model: Model, content: Content) -> str:
    targets = [content.model(t) for t in model.develops_into]
    sources_of = [m for m in content.models if model.id in m.develops_into]
    return render_template(
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
        # a model that counts posts per Gemeinde links into the calculator with an example Landkreis,
        # so the calculator opens with a result instead of asking for the number first
        example=content.example_landkreis if model.counts_gemeinden else None,
    )


def render_aspect_page(slug: str, content: Content) -> str:
    aspect = next(a for a in content.aspects if a.slug == slug)
    return render_template(
        "aspect.md.j2",
        urls.aspect_doc(slug),
        aspect=aspect,
        content=content,
        source=content.sources["steckbriefe"],
        intro_source=content.sources[content.aspects_source],
    )


def render_chapter_page(slug: str, content: Content) -> str:
    chapter = next(c for c in content.chapters if c.slug == slug)
    return render_template(
        "chapter.md.j2", urls.chapter_doc(slug), chapter=chapter, source=content.sources[chapter.source]
    )


# --------------------------------------------------------------------------------------------
# Calculator and finder
# --------------------------------------------------------------------------------------------


def default_estimate(content: Content) -> dict:
    """The calculator form's default values as the page sends them: the inputs of content/rechner.yml
    (eingaben_standard) and, in the list ``compare``, the further models it names (vergleich_standard)
    – so the prerendered result is that comparison, as the worker computes it."""
    return content.calculator_defaults.form_input(content.calc_keys)


def _render_tool(
    template: str, doc: str, command: str, defaults: dict, content: Content, settings: Settings, **extra
) -> str:
    """A page of the in-browser calculator, prerendered for ``defaults`` by the same ``Session.run``
    the browser's worker calls; ``extra``: further values for the template."""
    session = Session(calc_parameters(content))
    answer = json.loads(session.run(command, json.dumps(defaults), form=True))  # as the worker asks
    if "error" in answer:
        raise ValueError(f"{doc}: the default inputs {defaults} give an error: {answer['error']}")
    result = answer["result"]
    first = result["results"][0] if answer["command"] == "compare" else result  # a comparison: its first model
    return render_template(
        template,
        doc,
        content=content,
        params=session.params,
        defaults=first["inputs"] | defaults,  # the given values as written, completed by the parsed defaults
        result_html=answer["html"],
        calc=content.calculator,
        limits=limits,
        cost_table=cost_table(content.calculator["kosten_je_stelle"]),
        pyodide_version=settings.pyodide_version,
        **extra,
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
