"""Abbreviations in the built site: every one a reader meets is explained where it first appears.

The glossary (content/glossar.yml) supplies ``<abbr title>`` for its abbreviations on every page; the
legal pages define their own legal abbreviations. Any other word with two or more capitals must be a
name or a commonly known abbreviation listed below – a new, unexplained abbreviation fails here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
# Names and common abbreviations that need no explanation, and parts of source citations.
NOT_TO_EXPLAIN = {
    "IST", "SOLL",  # the worksheet's column names, written in capitals
    "GovShare", "GitHub", "JavaScript", "WebAssembly", "GmbH", "KEA", "MV",  # names
    "PLZ", "IT", "LED", "CSV", "UTF", "BOM", "CC", "BY", "ODT", "DOCX", "PDF",  # commonly known, file formats
    "RdErl", "MF", "MBl", "BV", "TOLFDNR", "VOLFDNR",  # parts of citations (decree, file numbers)
}  # fmt: skip
TOKEN = re.compile(r"(?<![\w-])[\w₂]+(?![\w])")  # a word; hyphenated parts after the first are left out
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}


def _glossary_abbreviations() -> set[str]:
    data = yaml.safe_load((ROOT / "content" / "glossar.yml").read_text(encoding="utf-8"))
    return {term["abkuerzung"] for term in data["begriffe"] if "abkuerzung" in term}


def _is_abbreviation(token: str, known: set[str]) -> bool:
    return token in known or sum(ch.isupper() for ch in token) >= 2


class _Uses(HTMLParser):
    """Where each abbreviation occurs in the page's article: the first use outside the calculator's
    form and result (those are raw HTML that Python fills in the browser), and whether any use on
    the page sits in an ``<abbr title>``. Text of form controls (``<option>``) cannot hold markup."""

    def __init__(self, known: set[str]) -> None:
        super().__init__()
        self.known, self.stack, self.in_article = known, [], False
        self.first: dict[str, bool] = {}  # first use outside the tool -> explained?
        self.explained: set[str] = set()
        self.seen: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.in_article |= tag == "article"
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag == "article":
            self.in_article = False

    def handle_data(self, data):
        tags = [tag for tag, _ in self.stack]
        if not self.in_article or {"script", "style", "svg", "select", "option", "textarea"} & set(tags):
            return
        if data.strip().startswith(("http://", "https://")):
            return  # a web address shown as its own link text
        in_abbr = any(tag == "abbr" and attrs.get("title") for tag, attrs in self.stack)
        in_tool = any("data-calc-root" in attrs for _, attrs in self.stack)
        for token in TOKEN.findall(data):
            if not _is_abbreviation(token, self.known):
                continue
            self.seen.add(token)
            if in_abbr:
                self.explained.add(token)
            if not in_tool:
                self.first.setdefault(token, in_abbr)


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


@pytest.fixture(scope="module")
def uses(built_site) -> dict[str, _Uses]:
    known = _glossary_abbreviations()
    found = {}
    for page in _pages(built_site):
        parser = _Uses(known)
        parser.feed(page.read_text(encoding="utf-8"))
        found[page.parent.relative_to(built_site).as_posix() or "/"] = parser
    return found


def test_every_abbreviation_is_explained_on_the_page_where_it_appears(uses):
    missing = [
        f"/{page}: {token}"
        for page, parser in uses.items()
        for token in sorted(parser.seen - NOT_TO_EXPLAIN)
        if token not in parser.explained
    ]
    assert not missing, "Abkürzungen ohne Erklärung (<abbr title>) auf der Seite:\n" + "\n".join(missing)


def test_the_first_use_of_an_abbreviation_is_explained(uses):
    late = [
        f"/{page}: {token}"
        for page, parser in uses.items()
        for token, explained in sorted(parser.first.items())
        if token not in NOT_TO_EXPLAIN and not explained
    ]
    assert not late, "erste Verwendung ohne <abbr title>:\n" + "\n".join(late)


def test_the_site_uses_the_glossary(uses):
    """The check itself finds what it should: the field's abbreviations occur and are explained."""
    explained = set().union(*(parser.explained for parser in uses.values()))
    assert {"KSM", "KEM", "VZÄ", "EW", "THG"} <= explained
    assert len(uses) > 40


def test_glossary_page_has_an_anchor_per_term(built_site):
    html = (built_site / "glossar" / "index.html").read_text(encoding="utf-8")
    data = yaml.safe_load((ROOT / "content" / "glossar.yml").read_text(encoding="utf-8"))
    headings = re.findall(r'<h3 id="([a-z0-9-]+)"', html)
    assert len(headings) == len(data["begriffe"]) >= 25
    assert '<h3 id="ksm">' in html and 'title="Klimaschutzmanagement">KSM</abbr>' in html
