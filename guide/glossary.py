"""The glossary applied to page text: each known abbreviation explained with ``<abbr title>``."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from guide.content import Content


def abbreviations(content: Content) -> dict[str, str]:
    """Abbreviation -> its long form, for the Markdown ``abbr`` extension (``<abbr title>`` on every page)."""
    return {t.abbreviation: t.term for t in content.glossary if t.abbreviation}


def abbreviate(text: str, glossary: dict[str, str]) -> Markup:
    """Text for raw HTML in a template: escaped, each known abbreviation as ``<abbr title>`` – the
    same as the ``abbr`` extension does for Markdown, where Markdown does not reach."""
    text = str(text)
    if not glossary:
        return escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(glossary, key=len, reverse=True))) + r")\b")
    html, done = Markup(), 0
    for match in pattern.finditer(text):
        html += text[done : match.start()]
        html += Markup('<abbr title="{}">{}</abbr>').format(glossary[match[0]], match[0])
        done = match.end()
    return html + text[done:]
