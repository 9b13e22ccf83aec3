"""Load and validate everything under content/.

One loader for the whole project. Each file is parsed with positions (``guide.yamlpos``), checked
against its JSON Schema (``guide.schema_messages``), turned into the content model
(``guide.content``) and then checked across files (``guide.checks``). Every problem becomes a
``ContentError`` (``guide.issues``) whose message reads ``file:line:col: field.path: what is wrong``;
all problems are gathered before the loader gives up. Last, once everything else holds (the
calculator's parameters are made from it), the inputs the calculator and finder pages open with are
checked by the calculator's own rules (``checks.check_calculator_inputs``).

=====================  ==========================================================
``load_content(root)``  all content as a frozen ``Content``; raises ``ContentError``
=====================  ==========================================================
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guide import checks
from guide.content import (
    Content,
    aspect_from,
    calculator_defaults_from,
    chapter_from,
    example_landkreis_from,
    finder_defaults_from,
    glossary_order,
    model_from,
    source_from,
    term_from,
)
from guide.issues import ContentError, Issue, dotted
from guide.schema_messages import schema_issues
from guide.yamlpos import Positions, load_yaml, position

__all__ = ["Content", "ContentError", "Issue", "load_content"]


class Collector:
    """Loads files one by one and gathers issues instead of stopping at the first."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.issues: list[Issue] = []
        self.positions: dict[str, Positions] = {}

    def display(self, path: Path) -> str:
        """Path as shown in messages: relative to the folder that holds content/."""
        return path.relative_to(self.root.parent).as_posix()

    def load(self, path: Path, schema_name: str) -> Any | None:
        display = self.display(path)
        if not path.exists():
            self.issues.append(Issue(display, 1, 1, "", "Datei fehlt"))
            return None
        try:
            data, positions = load_yaml(path, display)
        except ContentError as exc:
            self.issues.extend(exc.issues)
            return None
        found = schema_issues(data, positions, schema_name, display)
        self.issues.extend(found)
        self.positions[display] = positions
        return None if found else (display, data)

    def reference(self, display: str, path: tuple, message: str, at: tuple | None = None) -> None:
        """An issue at ``path``; ``at`` points elsewhere (e.g. at the key: ``path + (KEY,)``)."""
        line, col = position(self.positions.get(display, {}), at or path)
        self.issues.append(Issue(display, line, col, dotted(path), message))


def load_content(root: Path) -> Content:
    """Load and check all of content/ (``root``); raise ``ContentError`` listing every issue."""
    root = Path(root).resolve()
    c = Collector(root)
    models = [c.load(p, "modell.schema.json") for p in sorted((root / "modelle").glob("*.yml"))]
    chapters = [c.load(p, "kapitel.schema.json") for p in sorted((root / "kapitel").glob("*.yml"))]
    aspects = c.load(root / "aspekte.yml", "aspekte.schema.json")
    tasks = c.load(root / "aufgaben.yml", "aufgaben.schema.json")
    sources = c.load(root / "quellen.yml", "quellen.schema.json")
    calculator = c.load(root / "rechner.yml", "rechner.schema.json")
    draft = c.load(root / "vorlage.yml", "vorlage.schema.json")
    glossary = c.load(root / "glossar.yml", "glossar.schema.json")
    if c.issues:
        raise ContentError(c.issues)
    content = Content(
        models=tuple(sorted((model_from(d) for _, d in models), key=lambda m: m.order)),
        chapters=tuple(sorted((chapter_from(d) for _, d in chapters), key=lambda ch: (ch.area, ch.order))),
        aspects=tuple(aspect_from(a) for a in aspects[1]["aspekte"]),
        tasks=tasks[1],
        sources={s["id"]: source_from(s, sources[1].get("stand_hinweis")) for s in sources[1]["quellen"]},
        calculator=calculator[1],
        aspects_source=aspects[1]["quelle"],
        draft=draft[1],
        calculator_defaults=calculator_defaults_from(calculator[1]),
        finder_defaults=finder_defaults_from(calculator[1]),
        example_landkreis=example_landkreis_from(calculator[1]),
        glossary=tuple(sorted((term_from(d) for d in glossary[1]["begriffe"]), key=glossary_order)),
    )
    checks.check_references(c, content, models, chapters, aspects, sources, tasks, calculator)
    checks.check_draft(c, content, draft)
    checks.check_glossary(c, content, glossary)
    if not c.issues:  # the calculator's parameters come from consistent content only
        checks.check_calculator_inputs(c, content, calculator)
    if c.issues:
        raise ContentError(c.issues)
    return content
