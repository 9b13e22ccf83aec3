"""Links of the built site: every internal href/src resolves to a file, every #anchor to an id.

The site is built once per module (``mkdocs build --strict``) into a temporary directory placed
under the sub-path GitHub Pages serves it from, so root-relative links can be checked as well.
Also checks that the print stylesheet is in place.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUBPATH = "/klimaschutz-verstetigen/"
SITE_CSS = ROOT / "docs" / "assets" / "css" / "site.css"
IGNORED_SCHEMES = {"http", "https", "mailto", "tel", "blob", "data", "javascript"}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "poster"}


class _PageParser(HTMLParser):
    """Collects the ids of a page and every URL-valued attribute (with tag, for the report)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name == "name" and tag == "a":
                self.ids.add(value)  # legacy anchors count as targets as well
            elif name in URL_ATTRIBUTES:
                self.urls.append((tag, name, value))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((tag, name, candidate.split()[0]))

    handle_startendtag = handle_starttag


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    """The session's one strict build (tests/conftest.py), under the sub-path."""
    return built_site


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, _PageParser]:
    """Every HTML file of the site, parsed; keys are paths relative to the site root."""
    parsed = {}
    for html in sorted(site.rglob("*.html")):
        parser = _PageParser()
        parser.feed(html.read_text(encoding="utf-8"))
        parsed[html.relative_to(site).as_posix()] = parser
    return parsed


def _page_url(rel: str) -> str:
    """The URL path a file is served under ('modelle/v1/index.html' -> '/sub/modelle/v1/')."""
    url = SUBPATH + rel
    return url[: -len("index.html")] if url.endswith("/index.html") or rel == "index.html" else url


def _target_file(site: Path, url_path: str) -> Path | None:
    """The file a site URL path resolves to, or None; directory URLs resolve to their index.html."""
    if not url_path.startswith(SUBPATH) and url_path + "/" != SUBPATH:
        return None
    rel = unquote(url_path[len(SUBPATH) :])
    candidate = site / rel
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _check(site: Path, pages: dict[str, _PageParser]) -> tuple[int, list[str]]:
    checked, broken = 0, []
    for rel, parser in pages.items():
        base = _page_url(rel)
        for tag, attribute, value in parser.urls:
            value = value.strip()
            parts = urlsplit(value)
            if parts.scheme.lower() in IGNORED_SCHEMES or value == "#" or not value:
                continue
            if parts.scheme or parts.netloc:
                broken.append(f'{rel}: <{tag} {attribute}="{value}"> (unbekanntes Schema oder fremder Host)')
                continue
            checked += 1
            if parts.path:
                path = parts.path if parts.path.startswith("/") else posixpath.join(posixpath.dirname(base), parts.path)
                # normpath drops a trailing slash; keep it, it marks a directory URL
                normal = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
                target = _target_file(site, normal)
                if target is None:
                    broken.append(f'{rel}: <{tag} {attribute}="{value}"> -> {normal} existiert nicht')
                    continue
                target_rel = target.relative_to(site).as_posix()
            else:
                target_rel = rel
            fragment = unquote(parts.fragment)
            if fragment and target_rel.endswith(".html"):
                if fragment not in pages[target_rel].ids:
                    broken.append(f'{rel}: <{tag} {attribute}="{value}"> -> #{fragment} fehlt in {target_rel}')
    return checked, broken


def test_site_has_pages(pages):
    assert "index.html" in pages and "404.html" in pages
    assert len(pages) > 20


def test_internal_links_and_anchors_resolve(site, pages):
    checked, broken = _check(site, pages)
    assert checked > 1000, f"nur {checked} interne Verweise geprüft – Parser kaputt?"
    assert not broken, f"{len(broken)} kaputte interne Verweise:\n" + "\n".join(broken)


def test_checker_detects_broken_links(site, pages, tmp_path):
    """The checker itself: a page with a missing file, a missing anchor and a good link."""
    parser = _PageParser()
    parser.feed(
        '<p id="here"><a href="../gibt-es-nicht/">x</a><a href="../modelle/#kein-anker">y</a>'
        '<a href="#here">z</a><img src="/falsch/bild.png"><a href="../modelle/">ok</a></p>'
    )
    checked, broken = _check(
        site, {"impressum/index.html": parser, **{k: v for k, v in pages.items() if k == "modelle/index.html"}}
    )
    text = "\n".join(broken)
    assert "gibt-es-nicht" in text and "kein-anker" in text and "/falsch/bild.png" in text
    assert "#here" not in text and '"../modelle/"' not in text


# ----------------------------------------------------------------------------------------------
# Print stylesheet
# ----------------------------------------------------------------------------------------------


def _block(css: str, start: int) -> str:
    """The text between the brace opened at/after ``start`` and its matching closing brace."""
    opening = css.index("{", start)
    depth = 0
    for i in range(opening, len(css)):
        depth += {"{": 1, "}": -1}.get(css[i], 0)
        if depth == 0:
            return css[opening + 1 : i]
    raise AssertionError("unbalancierte Klammern in site.css")


def test_print_stylesheet(site):
    css = re.sub(r"/\*.*?\*/", "", SITE_CSS.read_text(encoding="utf-8"), flags=re.DOTALL)
    media = [m.start() for m in re.finditer(r"@media\s+print\b", css)]
    assert media, "site.css hat keinen @media-print-Block"
    block = "\n".join(_block(css, start) for start in media)
    assert re.search(r"@page\s*\{[^}]*\bsize\s*:\s*A4\b", block, re.IGNORECASE), "kein @page { size: A4 }"
    hidden = set()
    for selectors, body in re.findall(r"([^{}@]+)\{([^{}]*)\}", block):
        if re.search(r"display\s*:\s*none", body):
            hidden |= {s.strip() for s in selectors.split(",")}
    for selector in (".md-header", ".md-sidebar"):
        assert selector in hidden, f"{selector} wird beim Drucken nicht ausgeblendet (ausgeblendet: {sorted(hidden)})"
    # The built site ships the same stylesheet.
    assert (site / "assets" / "css" / "site.css").read_text(encoding="utf-8") == SITE_CSS.read_text(encoding="utf-8")
