"""The nav tree in mkdocs.yml form, derived from the page table (``guide.urls.PAGES``) and content:
each fixed page under its section, and after a section's index page the pages it lists (models by
group, aspects, guide chapters with the Ergänzungen)."""

from __future__ import annotations

from guide import urls
from guide.content import MODEL_GROUPS, Content


def navigation(content: Content) -> list:
    nav: list = []
    sections: dict[str, list] = {}
    for page in urls.PAGES:
        entry = page.doc if page.nav_title is None else {page.nav_title: page.doc}
        if page.section is None:
            nav.append(entry)
            continue
        if page.section not in sections:
            sections[page.section] = []
            nav.append({page.section: sections[page.section]})
        sections[page.section] += [entry, *_listed_on(page, content)]
    return nav


def _listed_on(page: urls.Page, content: Content) -> list:
    """The per-item pages the nav shows after an index page."""
    if page == urls.MODELS:
        return [
            {title: [{_model_title(m): urls.model_doc(m.id)} for m in content.models if m.group == key]}
            for key, title in MODEL_GROUPS
        ]
    if page == urls.ASPECTS:
        return [{a.title: urls.aspect_doc(a.slug)} for a in content.aspects]
    if page == urls.CHAPTERS:
        return [*_chapters(content, "leitfaden"), {"Ergänzungen": _chapters(content, "ergaenzung")}]
    return []


def _model_title(model) -> str:
    return f"{model.number} {model.table_name if len(model.table_name) < 40 else model.name}"


def _chapters(content: Content, area: str) -> list:
    return [{c.title: urls.chapter_doc(c.slug)} for c in content.chapters_in(area)]
