"""Clean markup (issue 12): the Nu Html Checker (npm vnu-jar, pinned) finds no error in any built
page, and what Lighthouse checks that can be seen in the markup holds on every page."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from buildkit import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Link texts that say nothing about the target: Lighthouse's list (audit link-text, English – the
# theme's and ours can slip in) and the German ones it lacks.
EMPTY_LINK_TEXTS = {
    "click here", "click this", "go", "here", "information", "learn more", "more", "more info",
    "more information", "right here", "read more", "see more", "start", "this",
    "hier", "hier klicken", "klicken sie hier", "mehr", "mehr erfahren", "mehr informationen",
    "mehr info", "weiter", "weiterlesen", "link", "dieser link", "details", "infos", "seite",
}  # fmt: skip

_ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<body>.*?)</a>", re.DOTALL | re.IGNORECASE)
_DIALOG = re.compile(r"<[a-z]+\b[^>]*\brole=\"dialog\"[^>]*>")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_nu_html_checker_finds_no_error(built_site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java fehlt: der Nu Html Checker (vnu.jar) braucht eine Java-Laufzeit")
    assert VNU.exists(), f"{VNU.relative_to(ROOT)} fehlt: npm ci ausführen"
    pages = _pages(built_site)
    assert len(pages) > 40, f"nur {len(pages)} HTML-Seiten gebaut"
    done = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        messages = json.loads(done.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu.jar lieferte kein JSON (Exit {done.returncode}):\n{done.stderr[-3000:]}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    lines = []
    for m in errors:
        path = Path(m.get("url", "").removeprefix("file:")).relative_to(built_site)
        extract = " ".join((m.get("extract") or "").split())[:160]
        lines.append(f"{path}:{m.get('lastLine', '?')}: {m['message']}  [{extract}]")
    assert not lines, f"{len(lines)} Fehler im Markup (Nu Html Checker):\n" + "\n".join(lines[:60])


def test_search_dialog_has_an_accessible_name(built_site: Path) -> None:
    """Lighthouse/axe 'aria-dialog-name': every role=dialog carries aria-label or aria-labelledby."""
    unnamed = []
    for page in _pages(built_site):
        for tag in _DIALOG.findall(page.read_text(encoding="utf-8")):
            if not re.search(r'\baria-label(ledby)?="[^"]+"', tag):
                unnamed.append(f"{page.relative_to(built_site)}: {tag}")
    assert not unnamed, "Dialog ohne zugänglichen Namen:\n" + "\n".join(unnamed[:20])


def test_no_link_text_says_nothing(built_site: Path) -> None:
    """Lighthouse 'link-text': no link reads only 'hier', 'mehr', 'Start' …"""
    found = []
    for page in _pages(built_site):
        for match in _ANCHOR.finditer(page.read_text(encoding="utf-8")):
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group("body"))).split())
            href = re.search(r'href="([^"]*)"', match.group("attrs"))
            if href and not href.group(1).startswith("#") and text.lower() in EMPTY_LINK_TEXTS:
                found.append(f"{page.relative_to(built_site)}: „{text}“ → {href.group(1)}")
    assert not found, "Linktexte ohne Aussage (Lighthouse link-text):\n" + "\n".join(sorted(set(found))[:40])
