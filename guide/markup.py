"""Clean markup: the few spots where Material's templates break HTML or leave a control unnamed,
corrected in the finished page (the hook calls ``clean_theme_markup`` on every page and 404.html).

- ``autocomplete="off"`` on the theme's checkbox toggles (drawer, search) is not allowed on a
  checkbox (Nu Html Checker). The theme sets it so Firefox does not restore a ticked toggle on
  reload; assets/js/site.js unticks them instead.
- On a section's index page the theme renders the table of contents' title as
  ``<label for="__toc">`` but no control with that id: the label loses its ``for``.
- The search dialog (``role="dialog"``) has no accessible name (Lighthouse, axe: aria-dialog-name).

Each correction matches the theme's exact markup; tests/sitebuild/test_html_valid.py runs the Nu
Html Checker over the built site, so a theme update that changes the markup fails the tests.
"""

from __future__ import annotations

import re

SEARCH_DIALOG_NAME = "Suche"

_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def clean_theme_markup(html: str) -> str:
    """The page with the theme's markup errors corrected (see the module's docstring)."""
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html.replace(
        _SEARCH_DIALOG,
        f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{SEARCH_DIALOG_NAME}">',
    )
