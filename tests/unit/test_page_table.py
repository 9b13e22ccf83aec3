"""guide.urls.PAGES is the one list of fixed pages: every row's renderer exists, and no Python module
or template names a page by a literal path outside the table."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from guide import pages, urls

GUIDE = Path(__file__).resolve().parents[2] / "guide"
DOC_LITERAL = re.compile(r"[\w/-]+\.md")


def test_every_row_names_a_renderer_of_guide_pages():
    for page in urls.PAGES:
        if page.renderer is None:
            assert page == urls.HOME, f"{page.doc}: nur die Startseite ist handgeschrieben"
            continue
        render = getattr(pages, page.renderer)
        assert list(inspect.signature(render).parameters) == ["doc", "content", "settings"], page.renderer


def test_docs_are_unique_and_sections_contiguous():
    docs = [page.doc for page in urls.PAGES]
    assert len(docs) == len(set(docs))
    sections = [page.section for page in urls.PAGES if page.section]
    runs = [s for i, s in enumerate(sections) if i == 0 or sections[i - 1] != s]
    assert len(runs) == len(set(runs)), "die Seiten eines Abschnitts stehen beieinander"


def test_no_page_path_literal_outside_the_table():
    found = []
    for module in sorted(GUIDE.glob("*.py")):
        if module.name == "urls.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and DOC_LITERAL.fullmatch(node.value):
                found.append(f"{module.name}:{node.lineno}: {node.value!r}")
    assert found == []


def test_templates_link_through_link():
    found = []
    for template in sorted((GUIDE / "templates").glob("*.j2")):
        text = template.read_text(encoding="utf-8")
        found += [f"{template.name}: {m}" for m in re.findall(r"link\(\s*[\"'][^\"']*[\"']", text)]
        found += [f"{template.name}: {m}" for m in re.findall(r"\]\((?:\.\./)*[\w/-]+\.md[)#?]", text)]
        found += [f"{template.name}: {m}" for m in re.findall(r"href\(", text)]
    assert found == []
