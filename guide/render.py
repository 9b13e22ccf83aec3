"""Pure functions from loaded content to Markdown pages (Jinja2 templates in guide/templates).

Tested without MkDocs. Each ``render_*`` returns the Markdown of one page; ``site_pages``
returns every generated page as ``{doc path: markdown}`` and ``navigation`` the nav tree.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2

from calc import fmt
from calc.api import Session
from guide import urls
from guide.export import calc_parameters
from guide.loader import Content, Model

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
GROUPS = (("ohne_personal", "Modelle ohne zusätzliches Personal"), ("mit_personal", "Modelle mit zusätzlichem Personal"))
DEFAULT_ESTIMATE = {"model": "V7", "inhabitants": 50000}


# --------------------------------------------------------------------------------------------
# Template environment and filters
# --------------------------------------------------------------------------------------------


def _cell(text: object) -> str:
    """Text safe for one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(cell=_cell, rel=posixpath.relpath, euro=fmt.euro, fte=fmt.fte, number=fmt.number,
                       per_inhabitant=fmt.euro_per_inhabitant)
    return env


def _render(template: str, doc: str, **context) -> str:
    """Render a page; templates get ``link(doc)`` for Markdown links and ``href(url)`` for raw HTML."""
    here = posixpath.dirname(doc) or "."
    page = urls.doc_url(doc) or "."

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
    return _render("model.md.j2", urls.model_doc(model.id), m=model, d=model.data, content=content,
                   criteria=CRITERIA, properties=PROPERTIES, targets=targets, sources_of=sources_of,
                   source=content.sources[model.data["quelle"]])


def render_models_overview(content: Content) -> str:
    intro = content.chapters_in("modelle")
    groups = [(title, [m for m in content.models if m.group == key]) for key, title in GROUPS]
    return _render("models.md.j2", "modelle/index.md", content=content, intro=intro, groups=groups,
                   source=content.sources["steckbriefe"])


def render_aspect_page(slug: str, content: Content) -> str:
    aspect = next(a for a in content.aspects if a.slug == slug)
    return _render("aspect.md.j2", urls.aspect_doc(slug), aspect=aspect, content=content,
                   source=content.sources["steckbriefe"])


def render_aspects_overview(content: Content) -> str:
    return _render("aspects.md.j2", "aspekte/index.md", content=content)


def render_chapter_page(slug: str, content: Content) -> str:
    chapter = next(c for c in content.chapters if c.slug == slug)
    return _render("chapter.md.j2", urls.chapter_doc(slug), chapter=chapter, source=content.sources[chapter.source])


def render_chapters_overview(content: Content) -> str:
    return _render("chapters.md.j2", "leitfaden/index.md", content=content)


def render_sources_page(content: Content) -> str:
    return _render("sources.md.j2", "quellen.md", content=content)


def render_calculator_page(content: Content, pyodide_version: str) -> str:
    params = calc_parameters(content)
    session = Session(params)
    result = session.compute("estimate", DEFAULT_ESTIMATE)
    return _render("calculator.md.j2", "rechner.md", content=content, params=params, defaults=result["inputs"],
                   result_html=session.html("estimate", result), calc=content.calculator,
                   pyodide_version=pyodide_version)


# --------------------------------------------------------------------------------------------
# Site
# --------------------------------------------------------------------------------------------


def site_pages(content: Content, pyodide_version: str) -> dict[str, str]:
    """Every generated page: doc path (as MkDocs' src_uri) -> Markdown."""
    pages = {"modelle/index.md": render_models_overview(content),
             "aspekte/index.md": render_aspects_overview(content),
             "leitfaden/index.md": render_chapters_overview(content),
             "quellen.md": render_sources_page(content),
             "rechner.md": render_calculator_page(content, pyodide_version)}
    pages.update({urls.model_doc(m.id): render_model_page(m, content) for m in content.models})
    pages.update({urls.aspect_doc(a.slug): render_aspect_page(a.slug, content) for a in content.aspects})
    pages.update({urls.chapter_doc(c.slug): render_chapter_page(c.slug, content)
                  for c in content.chapters if c.area != "modelle"})
    return pages


def navigation(content: Content) -> list:
    """The nav tree in mkdocs.yml form, built from content so no list is kept twice."""
    def chapters(area: str) -> list:
        return [{c.title: urls.chapter_doc(c.slug)} for c in content.chapters_in(area)]

    models = [{title: [{f"{m.number} {m.table_name if len(m.table_name) < 40 else m.name}": urls.model_doc(m.id)}
                       for m in content.models if m.group == key]} for key, title in GROUPS]
    return [
        {"Start": "index.md"},
        {"Modelle": ["modelle/index.md", *models]},
        {"Aspekte": ["aspekte/index.md", *[{a.title: urls.aspect_doc(a.slug)} for a in content.aspects]]},
        {"Leitfaden": ["leitfaden/index.md", *chapters("leitfaden"), {"Ergänzungen": chapters("ergaenzung")}]},
        {"Werkzeuge": [{"Rechner": "rechner.md"}]},
        {"Quellen": "quellen.md"},
    ]
