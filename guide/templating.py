"""The Jinja2 environment of the guide's pages: one for the whole process (templates compiled once),
the filters the templates use, and the one URL helper ``link``.

Markdown templates (``*.md.j2``) are not autoescaped: they hold Markdown, whose text the filters
make safe (``cell``, ``yaml_str``), and raw HTML where each value is escaped with ``| e`` or
``abbr()``. HTML and SVG templates (``*.html.j2``, ``*.svg.j2``) are autoescaped.
"""

from __future__ import annotations

import functools
import json
import posixpath
from pathlib import Path

import jinja2

from calc import fmt
from guide import urls
from guide.glossary import abbreviate, abbreviations

TEMPLATES = Path(__file__).resolve().parent / "templates"
KIND_PLURALS = {"gemeinde": "Gemeinden", "landkreis": "Landkreise"}


def render_template(template: str, doc: str, **context) -> str:
    """Render ``template`` as the page ``doc``. Templates get ``link(page)`` for links (see ``link``),
    ``urls`` (the page table) and, given ``content``, ``abbr(text)`` for raw HTML text with the
    glossary's abbreviations explained."""
    if "content" in context and "abbr" not in context:
        glossary = abbreviations(context["content"])
        context["abbr"] = lambda text: abbreviate(str(text), glossary)
    here = functools.partial(link, here=doc)
    try:
        return _environment().get_template(template).render(link=here, urls=urls, **context)
    except _Missing as missing:
        raise ValueError(f"{template} (Seite {doc}): {missing}") from None


def link(target: urls.Page | str, *, here: str, html: bool = False) -> str:
    """A link from the page ``here`` to the page ``target`` (a row of ``urls.PAGES`` or a Markdown
    source path): for Markdown the relative source path, which MkDocs checks and turns into the URL;
    with ``html=True`` the relative URL itself, for raw HTML, which MkDocs leaves as it is."""
    doc = target.doc if isinstance(target, urls.Page) else target
    if html:
        return posixpath.relpath(urls.doc_url(doc) or ".", urls.doc_url(here) or ".") + "/"
    return posixpath.relpath(doc, posixpath.dirname(here) or ".")


# --------------------------------------------------------------------------------------------
# Environment and filters
# --------------------------------------------------------------------------------------------


class _Missing(ValueError):
    pass


def _printed(value: object) -> object:
    """Every value a template prints: a field without a value (None) stops the build instead of
    reaching the reader as 'None' (a source listed for the Stand note without its stand once did)."""
    if value is None:
        raise _Missing("ein Wert, den die Vorlage ausgibt, fehlt (None): fehlt ein Feld im Inhalt?")
    return value


def _cell(text: object) -> str:
    """Text safe for one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _none(text: object, meaning: str) -> str:
    """The Steckbriefe write '–' for 'none needed'; a reader gets the meaning next to it."""
    return f"– ({meaning})" if str(text).strip() in ("–", "-") else str(text)


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


def _series(items) -> str:
    """'A, B und C': a German list of the items."""
    items = [str(i) for i in items]
    return " und ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def _yaml_str(text: object) -> str:
    """A one-line, safely quoted YAML string for front matter."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


@functools.cache
def _environment() -> jinja2.Environment:
    """One Environment for all pages: templates are compiled once (auto_reload picks up edits
    under ``make serve``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "svg.j2"), default=False),
        undefined=jinja2.StrictUndefined,
        finalize=_printed,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["NO_BUDGET"] = fmt.NO_BUDGET
    env.filters.update(
        cell=_cell,
        none=_none,
        kinds=_kinds,
        yaml_str=_yaml_str,
        series=_series,
        euro=fmt.euro,
        fte=fmt.fte,
        number=fmt.number,
        decimal=fmt.decimal,
        euro_per_inhabitant=fmt.euro_per_inhabitant,
        percent=fmt.percent,
    )
    return env
