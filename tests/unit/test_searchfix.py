"""The theme's search parser with the project's fix (guide/searchfix.py): a block marked
``data-search-exclude`` stays out of the index however many ``div``s it holds."""

from __future__ import annotations

from material.plugins.search.plugin import Parser

from guide.searchfix import THEME, fix_search_exclusion

PAGE = (
    '<h1 id="t">Rechner</h1><p>Einleitung</p>'
    '<div class="calc-result" data-search-exclude><h2 id="e">Ergebnis</h2>'
    '<div class="calc-scroll"><table><tr><td>89.082 €</td></tr></table></div>'
    '<ol><li><div class="finder-criteria"><p>Geheim</p></div></li></ol><p>Auch geheim</p></div>'
    '<h2 id="so">So rechnet der Rechner</h2><ul><li>Mindestpersonal</li></ul>'
    "<script>var x = 1;</script><p>Schluss</p>"
)


def sections(html: str) -> list:
    """The entries the theme's search makes of a page (those not excluded)."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [s for s in parser.data if not s.is_excluded()]


def indexed(html: str) -> str:
    return " | ".join(f"{''.join(s.title)}: {''.join(s.text)}" for s in sections(html))


def test_excluded_block_stays_out_with_nested_divs():
    fix_search_exclusion()
    text = indexed(PAGE)
    for secret in ("89.082", "Geheim", "Auch geheim", "var x"):
        assert secret not in text, text
    for kept in ("Einleitung", "So rechnet der Rechner", "<li>Mindestpersonal</li>", "Schluss"):
        assert kept in text, text
    # the heading inside the excluded block opens no entry of its own
    assert [s.id for s in sections(PAGE)] == [None, "so"], text


def test_fix_is_applied_once_and_keeps_tag_comparison():
    fix_search_exclusion()
    fix_search_exclusion()
    from material.plugins.search.plugin import Element

    a, b = Element("div"), Element("div")
    assert a == "div" and a != "p"
    assert a == a and a != b
    assert len({a, b}) == 2 and "div" in {a}


def test_without_the_fix_the_theme_indexes_excluded_content():
    """The reason for the fix: the theme's own comparison by tag name (pinned Material 9.7.6)."""
    from material.plugins.search.plugin import Element

    fix_search_exclusion()
    fixed = Element.__eq__, Parser.handle_starttag
    Element.__eq__ = lambda self, other: self.tag == (other.tag if isinstance(other, Element) else other)
    Parser.handle_starttag = THEME["handle_starttag"]
    try:
        text = indexed(PAGE)
        ids = [s.id for s in sections(PAGE)]
    finally:
        Element.__eq__, Parser.handle_starttag = fixed
    assert ids == [None, "e", "so"], ids
    assert "Geheim" in text and "Auch geheim" in text, text
