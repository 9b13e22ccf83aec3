"""The Verstetigungspfad: one linked node per model, one arrow per 'develops into', a text alternative."""

from __future__ import annotations

import re

from guide import urls
from guide.pages import Settings, render_page
from guide.pathdiagram import path_svg


def test_every_model_is_a_linked_node(real_content):
    svg = path_svg(real_content, "pfad.md")
    for model in real_content.models:
        assert f'xlink:href="../modelle/{model.id}/"' in svg, model.id
        assert f">{model.number}</text>" in svg


def test_one_arrow_per_development(real_content):
    svg = path_svg(real_content, "pfad.md")
    edges = sum(len(m.develops_into) for m in real_content.models)
    assert edges > 0
    assert len(re.findall(r'<line class="path-edge"', svg)) == edges


def test_diagram_has_a_text_alternative(real_content):
    svg = path_svg(real_content, "pfad.md")
    assert 'role="img"' in svg and 'aria-labelledby="pfad-titel pfad-desc"' in svg
    page = render_page(urls.PATH, real_content, Settings())
    for model in real_content.models:
        for target in model.develops_into:
            assert f"(modelle/{target}.md)" in page
    assert page.count("- kann sich weiterentwickeln zu:") == sum(1 for m in real_content.models if m.develops_into)


def test_lower_rows_hold_higher_degrees(real_content):
    """The picture says: the further down, the more the work is mainstreamed."""
    svg = path_svg(real_content, "pfad.md")
    node = r'xlink:href="../modelle/{}/".*?<rect [^>]*y="([\d.]+)"'
    rows = {m.id: float(re.search(node.format(re.escape(m.id)), svg).group(1)) for m in real_content.models}
    order = ("sehr gering", "gering", "mittel", "hoch", "sehr hoch")
    for a in real_content.models:
        for b in real_content.models:
            stage_a = order.index(a.data["eigenschaften"]["verstetigungsgrad"]["stufe"])
            stage_b = order.index(b.data["eigenschaften"]["verstetigungsgrad"]["stufe"])
            if stage_a < stage_b:
                assert rows[a.id] < rows[b.id], (a.id, b.id)


def test_each_box_shows_its_name_in_two_lines_at_most(real_content):
    """Names are broken between words (or after a slash) into at most two lines that fit the box;
    only a name that needs more lines ends in '…', and what is shown is the name's beginning."""
    from guide.pathdiagram import LINE_MAX, LINES, label_lines

    svg = path_svg(real_content, "pfad.md")
    shortened = 0
    for model in real_content.models:
        lines = label_lines(model.table_name)
        assert 1 <= len(lines) <= LINES and all(len(line) <= LINE_MAX for line in lines), lines
        shown = " ".join(lines).removesuffix(" …").replace("/ ", "/")
        assert model.table_name.replace("/ ", "/").startswith(shown.rstrip(",")), (model.id, lines)
        shortened += lines[-1].endswith("…")
        for line in lines:
            assert f'class="path-label">{line}</text>' in svg.replace("&amp;", "&"), line
    assert label_lines("Klimaschutz durch bestehende Verwaltung") == ["Klimaschutz durch", "bestehende Verwaltung"]
    assert shortened <= 4  # only the longest table names (V 6a-c, V 6d-f, V 7b, V 9)
