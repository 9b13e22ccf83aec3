"""The glossary (content/glossar.yml): loaded and checked like all content, rendered as /glossar/, and
the source of the ``<abbr title>`` explanations on every page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from guide import urls
from guide.glossary import abbreviate, abbreviations
from guide.loader import ContentError, load_content
from guide.nav import navigation
from guide.pages import Settings, render_page

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

# The terms issue 12 asks for, as a reader would look them up.
REQUIRED = (
    "KSM",
    "KEM",
    "VZÄ",
    "EW",
    "THG",
    "Kommunalrichtlinie",
    "Erstvorhaben",
    "Anschlussvorhaben",
    "Klimaschutzkoordination",
    "Verstetigung",
    "Stabsstelle",
    "Fachamt",
    "Energieagentur",
    "Controlling",
    "Klimaschutzkonzept",
    "finanzschwache Kommune",
    "Eigenanteil",
    "Steckbrief",
    "European Energy Award",
    "EMAS",
    "Fokusberatung Klimaschutz",
)


def _names(term) -> set[str]:
    return {term.term, term.abbreviation} - {None}


# --------------------------------------------------------------------------------------------
# Content
# --------------------------------------------------------------------------------------------


def test_at_least_25_terms_each_with_a_known_source(real_content):
    assert len(real_content.glossary) >= 25
    for term in real_content.glossary:
        assert term.source in real_content.sources, term.term
        assert len(term.explanation) >= 40, term.term


@pytest.mark.parametrize("name", REQUIRED)
def test_the_field_s_terms_are_explained(real_content, name):
    assert any(name in _names(term) for term in real_content.glossary), name


def test_terms_are_in_dictionary_order(real_content):
    """Umlauts sort as their base letter and case does not count, as in a German dictionary."""
    names = [t.term for t in real_content.glossary]
    folded = [n.casefold().replace("ä", "a").replace("ö", "o").replace("ü", "u") for n in names]
    assert folded == sorted(folded)
    assert names.index("öffentlicher Personennahverkehr") < names.index("Pflichtaufgaben")


def test_anchors_are_unique_and_readable(real_content):
    anchors = [t.anchor for t in real_content.glossary]
    assert len(set(anchors)) == len(anchors)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a) for a in anchors), anchors
    by_name = {t.abbreviation or t.term: t.anchor for t in real_content.glossary}
    assert by_name["KSM"] == "ksm"
    assert by_name["VZÄ"] == "vzae"
    assert by_name["CO₂"] == "co2"
    assert by_name["Energie- und THG-Bilanz"] == "energie-und-thg-bilanz"


def test_too_few_terms_stop_the_build(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    data = yaml.safe_load((root / "glossar.yml").read_text(encoding="utf-8"))
    data["begriffe"] = data["begriffe"][:3]
    (root / "glossar.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content(root)
    # the list starts on line 2, below "begriffe:" (safe_dump writes the key on line 1)
    assert "content/glossar.yml:2:1: begriffe: zu kurz oder leer (mindestens 25)" in str(info.value)


# --------------------------------------------------------------------------------------------
# Page and abbreviations
# --------------------------------------------------------------------------------------------


def test_glossary_page_lists_every_term_with_anchor_source_and_link(real_content):
    page = render_page(urls.GLOSSARY, real_content, Settings())
    assert page.startswith("---\ntitle: Glossar\n")
    for term in real_content.glossary:
        name = f"{term.term} ({term.abbreviation})" if term.abbreviation else term.term
        assert f"### {name} {{: #{term.anchor} }}" in page.splitlines()
        assert f"](quellen.md#{term.source})" in page
        if term.more:
            assert f"[Mehr zu „{term.term}“]({term.more})" in page
    letters = re.findall(r"^## (\S+)$", page, flags=re.MULTILINE)
    assert letters == sorted(letters) and len(set(letters)) == len(letters)
    # each term under the letter its headword starts with (Kohlendioxid (CO₂) under K, not C)
    letter = None
    for line in page.splitlines():
        if line.startswith("## "):
            letter = line[3:]
        elif line.startswith("### "):
            assert line[4].upper().translate(str.maketrans("ÄÖÜ", "AOU")) == letter, line
    assert "### Kohlendioxid (CO₂) {: #co2 }" in page.split("## K\n")[1].split("\n## ")[0]


def test_glossary_is_in_the_navigation(real_content):
    group = next(item for item in navigation(real_content) if "Daten und Quellen" in item)
    assert {"Glossar": "glossar.md"} in group["Daten und Quellen"]


def test_abbreviations_come_from_the_glossary(real_content):
    found = abbreviations(real_content)
    assert found["KSM"] == "Klimaschutzmanagement"
    assert found["EW"] == "Einwohnerinnen und Einwohner"
    assert found["VZÄ"] == "Vollzeitäquivalent"
    assert set(found) == {t.abbreviation for t in real_content.glossary if t.abbreviation}


GLOSSARY = {"KSM": "Klimaschutzmanagement", "KEA-BW": "KEA Baden-Württemberg", "EW": "Einwohner & Einwohnerinnen"}


@pytest.mark.parametrize(
    "text, html",
    [
        pytest.param(
            "Das KSM-Team",
            'Das <abbr title="Klimaschutzmanagement">KSM</abbr>-Team',
            id="before-a-hyphen",
        ),
        pytest.param("KSMX und XKSM", "KSMX und XKSM", id="not-inside-a-word"),
        pytest.param(
            "laut KEA-BW",
            'laut <abbr title="KEA Baden-Württemberg">KEA-BW</abbr>',
            id="longest-first",
        ),
        pytest.param(
            "5 €/EW <b>",
            '5 €/<abbr title="Einwohner &amp; Einwohnerinnen">EW</abbr> &lt;b&gt;',
            id="escaped",
        ),
    ],
)
def test_abbreviate_for_raw_html(text, html):
    assert abbreviate(text, GLOSSARY) == html
