"""The site's pages, once: the table ``PAGES`` names every fixed page with the function that writes
it, its nav title and its nav section. The URLs, the set of generated pages (``guide.pages.site_pages``),
the nav (``guide.nav.navigation``) and the pages content may link to (``site_docs``) follow from it.

A page is named by its Markdown source path (what MkDocs calls src_uri); its URL follows from that,
directory style, relative to the site root. Besides the fixed pages there is one page per model
(``model_doc``), aspect (``aspect_doc``) and guide chapter (``chapter_doc``); the nav lists them
under the index page of their section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide.content import Chapter, Content


@dataclass(frozen=True)
class Page:
    doc: str  # Markdown source path: 'rechner.md' is /rechner/, 'modelle/index.md' is /modelle/
    renderer: str | None  # the function in guide.pages that writes the page; None: hand-written in docs/
    nav_title: str | None  # None: the index page of its section (the nav shows it as the section's page)
    section: str | None  # the nav section it sits in; None: top level


ABOUT_SECTION = "Über diese Seite"  # its pages are linked from every page's footer (legal pages, BITV)

# In nav order. A section is made where its first page appears.
PAGES: tuple[Page, ...] = (
    HOME := Page("index.md", None, "Startseite", None),
    MODELS := Page("modelle/index.md", "render_models_overview", None, "Modelle"),
    ASPECTS := Page("aspekte/index.md", "render_aspects_overview", None, "Aspekte"),
    CHAPTERS := Page("leitfaden/index.md", "render_chapters_overview", None, "Leitfaden"),
    CALCULATOR := Page("rechner.md", "render_calculator_page", "Rechner", "Werkzeuge"),
    FINDER := Page("finder.md", "render_finder_page", "Modell-Finder", "Werkzeuge"),
    PATH := Page("pfad.md", "render_path_page", "Verstetigungspfad", "Werkzeuge"),
    WORKSHEET := Page("arbeitszeit.md", "render_worksheet_page", "Arbeitszeit IST/SOLL", "Werkzeuge"),
    GLOSSARY := Page("glossar.md", "render_glossary_page", "Glossar", "Daten und Quellen"),
    DATA := Page("daten/index.md", "render_data_page", "Offene Daten", "Daten und Quellen"),
    SOURCES := Page("quellen.md", "render_sources_page", "Quellen", "Daten und Quellen"),
    EASY_LANGUAGE := Page("leichte-sprache.md", "render_legal_page", "Leichte Sprache", ABOUT_SECTION),
    ACCESSIBILITY := Page("barrierefreiheit.md", "render_legal_page", "Barrierefreiheit", ABOUT_SECTION),
    PRIVACY := Page("datenschutz.md", "render_legal_page", "Datenschutz", ABOUT_SECTION),
    IMPRINT := Page("impressum.md", "render_legal_page", "Impressum", ABOUT_SECTION),
)


def footer() -> dict:
    """Every page's footer links (overrides/partials/copyright.html): the title of ``ABOUT_SECTION`` and
    (title, URL) of its pages. The menu shows them only inside their section (navigation.prune), but
    Impressum, Datenschutz and the accessibility statement must be reachable from every page."""
    links = [(page.nav_title, doc_url(page.doc)) for page in PAGES if page.section == ABOUT_SECTION]
    return {"titel": ABOUT_SECTION, "links": links}


def model_doc(model_id: str) -> str:
    return f"modelle/{model_id}.md"


def aspect_doc(slug: str) -> str:
    return f"aspekte/{slug}.md"


def chapter_doc(slug: str) -> str:
    return f"leitfaden/{slug}.md"


def chapter_page(slug: str, area: str) -> str:
    """The page a chapter's text appears on: the models' introduction (area 'modelle') is part of /modelle/."""
    return MODELS.doc if area == "modelle" else chapter_doc(slug)


def chapters_with_page(content: Content) -> tuple[Chapter, ...]:
    """The chapters that get a page of their own (all but the models' introduction)."""
    return tuple(ch for ch in content.chapters if chapter_page(ch.slug, ch.area) != MODELS.doc)


def site_docs(content: Content) -> set[str]:
    """Every page the site has, as Markdown source paths: the table's and one per model, aspect and chapter."""
    docs = {page.doc for page in PAGES}
    docs |= {model_doc(m.id) for m in content.models} | {aspect_doc(a.slug) for a in content.aspects}
    return docs | {chapter_doc(ch.slug) for ch in chapters_with_page(content)}


def doc_url(doc: str) -> str:
    """Directory URL of a Markdown page: 'rechner.md' -> 'rechner/', 'modelle/index.md' -> 'modelle/'."""
    stem = doc.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
