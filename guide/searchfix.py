"""A fix for the theme's search index: blocks marked ``data-search-exclude`` stay out of it.

Material for MkDocs 9.7.6 (pinned; in maintenance) compares the elements its search parser tracks by
tag name only (``material.plugins.search.plugin.Element.__eq__``). So the first ``</div>`` inside an
excluded ``<div>`` ends the exclusion: the calculator's prerendered example result (an excluded
``div`` holding tables in ``div``s) was indexed, and search offered its example amounts as if they
were content; a ``div`` inside a finder card even stopped the build (``'<li>' is not in list``).

The fix compares two parsed elements by identity – the element the parser entered is the one it
leaves – and keeps the comparison with a tag name (``el == "script"``) as it is. A heading inside
an excluded block (e.g. "Ergebnis: V 7 – …" of the example result) would still open an entry of its
own, empty, under the page's title; such a heading is marked excluded too. Applied by the build hook
before the first page is indexed; ``tests/unit/test_searchfix.py`` shows the theme's parser with and
without it.
"""

from __future__ import annotations

THEME: dict = {}  # the theme's own functions the fix replaces (for tests/unit/test_searchfix.py)


def _same_element(self, other) -> bool:
    if isinstance(other, type(self)):
        return self is other
    return self.tag == other


def fix_search_exclusion() -> None:
    """Make the theme's search parser keep excluded blocks out, however deeply they nest."""
    from material.plugins.search.plugin import Element, Parser

    if Element.__eq__ is _same_element:
        return
    Element.__eq__ = _same_element  # the theme's __hash__ (by tag) stays: equal elements share it
    start_tag = THEME["handle_starttag"] = Parser.handle_starttag

    def handle_starttag(self, tag, attrs):
        inside_excluded = bool(self.skip.intersection(self.context))
        section = self.section
        start_tag(self, tag, attrs)
        if inside_excluded and self.section is not section:  # a heading opened an entry
            self.section.el.attrs["data-search-exclude"] = ""

    Parser.handle_starttag = handle_starttag
