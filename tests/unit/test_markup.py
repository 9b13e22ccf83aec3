"""guide.markup: the theme's markup errors corrected, everything else left as it is."""

from guide.markup import SEARCH_DIALOG_NAME, clean_theme_markup

DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def test_toggle_checkboxes_lose_autocomplete_only() -> None:
    text = DRAWER + '<input type="text" class="md-search__input" autocomplete="off">'
    cleaned = clean_theme_markup(text)
    assert 'id="__drawer">' in cleaned
    assert cleaned.count('autocomplete="off"') == 1  # the search field keeps it (allowed on text)


def test_toc_label_keeps_for_only_with_its_control() -> None:
    assert 'for="__toc"' not in clean_theme_markup(TOC_LABEL)
    with_control = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + TOC_LABEL
    assert clean_theme_markup(with_control) == with_control


def test_search_dialog_is_named() -> None:
    assert f'role="dialog" aria-label="{SEARCH_DIALOG_NAME}">' in clean_theme_markup(SEARCH)
