"""Load and validate everything under content/.

One loader for the whole project. YAML is composed node by node so that every value keeps
its file, line and column; duplicate keys are rejected while composing; the data is then
checked against the JSON Schemas in schema/ and for references between files. Every problem
becomes a ``ContentError`` whose message reads ``file:line:col: field.path: what is wrong``.

=====================  ==========================================================
``load_content(root)``  all content as a frozen ``Content``; raises ``ContentError``
``load_yaml(path)``     one file as plain data plus a map of field path -> position
=====================  ==========================================================
"""

from __future__ import annotations

import datetime
import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from calc.vorlage import PLACEHOLDERS
from guide import urls

__all__ = ["Content", "ContentError", "Issue", "load_content", "load_yaml"]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"

# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """One problem in one content file."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field or '<Datei>'}: {self.message}"


class ContentError(Exception):
    """Content could not be loaded; carries every issue found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


# --------------------------------------------------------------------------------------------
# YAML with positions
# --------------------------------------------------------------------------------------------

Positions = dict[tuple, tuple[int, int]]
KEY = "<key>"  # path suffix under which the position of a mapping key (not its value) is stored

# PyYAML's most common problems, in German, by the start of PyYAML's message.
_YAML_PROBLEMS = {
    "mapping values are not allowed here": (
        "Doppelpunkt an unerwarteter Stelle: Einrückung prüfen oder Text mit ':' in Anführungszeichen setzen"
    ),
    "could not find expected ':'": "es fehlt ein ':' nach dem Schlüssel",
    "found character '\\t' that cannot start any token": "Tabulator gefunden – YAML erlaubt nur Leerzeichen",
    "did not find expected key": "Einrückung stimmt nicht: Schlüssel erwartet",
    "did not find expected '-' indicator": "Einrückung stimmt nicht: Listeneintrag ('- ') erwartet",
    "found unexpected end of stream": "Datei endet unerwartet (Anführungszeichen oder Klammer nicht geschlossen?)",
    "found undefined alias": "unbekannter Verweis (Alias)",
    "expected <block end>": "Einrückung stimmt nicht: ein Eintrag steht weiter links oder rechts als seine Nachbarn",
    "expected ',' or ']'": "eckige Klammer nicht geschlossen oder Komma fehlt",
    "expected ',' or '}'": "geschweifte Klammer nicht geschlossen oder Komma fehlt",
    "expected a comment or a line break": (
        "nach dem Wert steht noch Text (Anführungszeichen schließen oder den ganzen Text in Anführungszeichen setzen)"
    ),
    "but found another document": "die Datei enthält mehr als ein YAML-Dokument ('---' entfernen)",
    "expected a single document": "die Datei enthält mehr als ein YAML-Dokument ('---' entfernen)",
    "found unknown escape character": (
        "unbekanntes Zeichen nach '\\' in doppelten Anführungszeichen (einfache Anführungszeichen nehmen)"
    ),
    "could not determine a constructor": "unbekannte YAML-Markierung ('!…') – hier nicht erlaubt",
}
_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


def _german_problem(problem: str | None) -> str:
    for start, german in _YAML_PROBLEMS.items():
        if (problem or "").startswith(start):
            return german
    return f"YAML-Syntaxfehler, meist Einrückung oder Anführungszeichen (Meldung des Parsers: {problem})"


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, Positions]:
    """Parse one YAML file; return its data and the 1-based (line, column) of every path."""
    display = display or str(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line, col = before.count(b"\n") + 1, exc.start - (before.rfind(b"\n") + 1) + 1
        message = "die Datei ist nicht in UTF-8 gespeichert (im Editor als UTF-8 speichern)"
        raise ContentError([Issue(display, line, col, "", message)]) from None
    try:
        node = _compose(text)
        if node is None:
            raise ContentError([Issue(display, 1, 1, "", "die Datei ist leer")])
        positions: Positions = {}
        data = _Builder(text, positions, display).build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if (exc.problem or "").startswith("expected ',' or") and exc.context_mark:
            mark = exc.context_mark  # the bracket that is not closed, not where the parser noticed
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = _german_problem(exc.problem)
        raise ContentError([Issue(display, line, col, "", f"kein gültiges YAML: {problem}")]) from None
    return data, positions


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``: libyaml's parser (C, about 15× faster) when the file is valid YAML;
    for a broken file PyYAML's own parser, whose messages ``_YAML_PROBLEMS`` translates and whose
    marks point where the tests expect them. Both give the same line, column and index for every node
    of the content tree (tests/unit/test_loader.py compares them)."""
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.MarkedYAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)  # raises with PyYAML's message and mark


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # PyYAML wheels ship libyaml


class _Builder:
    """Turns composed YAML nodes into plain data, recording the position of every path."""

    def __init__(self, text: str, positions: Positions, display: str) -> None:
        self.text, self.positions, self.display = text, positions, display
        self.loader = yaml.SafeLoader("")

    def fail(self, mark: yaml.Mark, path: tuple, message: str) -> None:
        raise ContentError([Issue(self.display, mark.line + 1, mark.column + 1, _dotted(path), message)])

    def build(self, node: yaml.Node, path: tuple) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.fail(key_node.start_mark, path, "Zusammenführen mit '<<' wird nicht unterstützt")
                key = self.loader.construct_object(key_node)
                if not isinstance(key, str):
                    message = "Schlüssel muss Text sein (in Anführungszeichen setzen)"
                    self.fail(key_node.start_mark, path + (key,), message)
                if key in result:
                    self.fail(key_node.start_mark, path + (key,), "Schlüssel ist doppelt")
                self.positions[path + (key, KEY)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if not node.style:  # a plain scalar, no quotes, no block marker (PyYAML: None, libyaml: "")
            self.check_plain(node, path)
        return self.loader.construct_object(node)

    def check_plain(self, node: yaml.ScalarNode, path: tuple) -> None:
        """Two slips YAML itself accepts silently."""
        if _THOUSANDS.fullmatch(node.value):
            number = node.value.replace(".", "")
            self.fail(
                node.start_mark,
                path,
                f"'{node.value}' würde als Kommazahl gelesen (Tausenderpunkt): ohne Punkt schreiben, also {number}",
            )
        source = self.text[node.start_mark.index : node.end_mark.index]
        if any(line.lstrip().startswith("- ") for line in source.splitlines()[1:]):
            self.fail(
                node.start_mark,
                path,
                "ein Listenpunkt ('- ') ist in den Text davor gerutscht: ihn genauso weit einrücken wie die anderen",
            )


def _dotted(path: tuple | list) -> str:
    return ".".join(str(part) for part in path)


# --------------------------------------------------------------------------------------------
# Schema validation
# --------------------------------------------------------------------------------------------


def _validator(schema_name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _schema_issues(data: Any, positions: Positions, schema_name: str, display: str) -> list[Issue]:
    issues = []
    for error in _validator(schema_name).iter_errors(data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = ", ".join(sorted(error.schema.get("properties", {})))
            for extra in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                line, col = _position(positions, path + (extra, KEY))
                issues.append(
                    Issue(display, line, col, _dotted(path + (extra,)), f"unbekanntes Feld (erlaubt: {allowed})")
                )
            continue
        field, message = _describe(error, path)
        line, col = _position(positions, path)
        issues.append(Issue(display, line, col, field, message))
    return sorted(issues, key=lambda i: (i.line, i.column))


def _position(positions: Positions, field_path: tuple) -> tuple[int, int]:
    while field_path not in positions and field_path:
        field_path = field_path[:-1]
    return positions.get(field_path, (1, 1))


def _describe(error: jsonschema.ValidationError, path: tuple) -> tuple[str, str]:
    """Turn a jsonschema error into (field path, German message)."""
    field = _dotted(path)
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        return _dotted(path + (missing,)), "Pflichtfeld fehlt"
    if kind == "type":
        expected = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        if isinstance(value, datetime.date) and error.validator_value == "string":
            return field, f'Datum als Text in Anführungszeichen schreiben: "{value.isoformat()}"'
        return field, f"{_shown(value)} ist kein Wert vom Typ {expected}"
    if kind in ("enum", "const"):
        options = error.validator_value if kind == "enum" else [error.validator_value]
        return field, f"{_shown(value)} ist nicht erlaubt (erlaubt: {', '.join(map(str, options))})"
    if kind == "pattern":
        return field, f"{_shown(value)} hat nicht die Form {error.validator_value}"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return field, f"{_shown(value)} liegt außerhalb des erlaubten Bereichs ({kind} {error.validator_value})"
    if kind in ("minLength", "minItems"):
        return field, f"zu kurz oder leer (mindestens {error.validator_value})"
    if kind in ("maxLength", "maxItems"):
        return field, f"zu lang (höchstens {error.validator_value})"
    if kind == "uniqueItems":
        return field, "Einträge sind doppelt"
    if kind == "oneOf":
        return field, f"{_shown(value)} passt zu keiner erlaubten Form"
    return field, error.message


def _shown(value: Any) -> str:
    """A value as a reader wrote it, shortened: lists and mappings by kind, not as Python code."""
    if isinstance(value, list):
        return f"eine Liste mit {len(value)} Einträgen"
    if isinstance(value, dict):
        return "eine Zuordnung (Schlüssel: Wert)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null (leer)"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


_TYPE_NAMES = {
    "string": "Text",
    "integer": "ganze Zahl",
    "number": "Zahl",
    "boolean": "Wahrheitswert (true/false)",
    "array": "Liste",
    "object": "Zuordnung",
    "['integer', 'null']": "ganze Zahl oder null",
    "['number', 'null']": "Zahl oder null",
}


# --------------------------------------------------------------------------------------------
# Content model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    """One Steckbrief (content/modelle/<id>.yml); ``data`` keeps the validated YAML."""

    id: str
    number: str
    name: str
    table_name: str
    group: str
    order: int
    data: dict

    @property
    def develops_into(self) -> tuple[str, ...]:
        return tuple(self.data["weiterentwicklung_zu"])

    def reading(self, target: str) -> str | None:
        """Why the site reads a step to ``target`` into the Steckbrief, if the source names no model number."""
        return self.data.get("weiterentwicklung_deutung", {}).get(target)

    @property
    def calc_id(self) -> str:
        """Model key of the calculator, e.g. 'V6a-c'."""
        return self.number.replace(" ", "")


@dataclass(frozen=True)
class Section:
    title: str
    text: str


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    order: int
    area: str
    source: str
    summary: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class AspectField:
    field: str
    title: str


@dataclass(frozen=True)
class Aspect:
    slug: str
    title: str
    intro: str
    fields: tuple[AspectField, ...]


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    description: str
    kind: str
    stand: str | None
    url: str | None = None  # where the source was read
    stand_note: str | None = None  # what has aged in this source since its Stand (quellen.yml: stand_hinweis)


@dataclass(frozen=True)
class Term:
    """One entry of the glossary (content/glossar.yml)."""

    term: str
    abbreviation: str | None
    explanation: str
    source: str
    more: str | None  # a page of the site, as its Markdown source path (e.g. modelle/v7.md)

    @property
    def anchor(self) -> str:
        """Fragment of the term on /glossar/: 'KSM' -> 'ksm', 'Energie- und THG-Bilanz' -> 'energie-und-thg-bilanz'."""
        text = self.abbreviation or self.term
        for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
            text = text.lower().replace(umlaut, plain)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass(frozen=True)
class Content:
    """Everything under content/, validated. Models and chapters are sorted by their order."""

    models: tuple[Model, ...]
    chapters: tuple[Chapter, ...]
    aspects: tuple[Aspect, ...]
    tasks: dict
    sources: dict[str, Source]
    calculator: dict
    aspects_source: str  # where the aspects' introductions come from (id in quellen.yml)
    draft: dict  # content/vorlage.yml: the text of the council paper draft (calc.vorlage)
    glossary: tuple[Term, ...] = ()  # content/glossar.yml, sorted as a German reader looks terms up

    @property
    def model_count(self) -> int:
        """Numbered models (V 1 … V 11); some have several Steckbriefe (V 6a-c and V 6d-f, V 7a …)."""
        return len({re.match(r"V\s*\d+", m.number).group().replace(" ", "") for m in self.models})

    def model(self, model_id: str) -> Model:
        return next(m for m in self.models if m.id == model_id)

    def chapters_in(self, area: str) -> tuple[Chapter, ...]:
        return tuple(c for c in self.chapters if c.area == area)


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


class _Collector:
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
        found = _schema_issues(data, positions, schema_name, display)
        self.issues.extend(found)
        self.positions[display] = positions
        return None if found else (display, data)

    def reference(self, display: str, path: tuple, message: str, at: tuple | None = None) -> None:
        """An issue at ``path``; ``at`` points elsewhere (e.g. at the key: ``path + (KEY,)``)."""
        line, col = _position(self.positions.get(display, {}), at or path)
        self.issues.append(Issue(display, line, col, _dotted(path), message))


def load_content(root: Path) -> Content:
    """Load and check all of content/ (``root``); raise ``ContentError`` listing every issue."""
    root = Path(root).resolve()
    c = _Collector(root)
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
        models=tuple(sorted((_model(d) for _, d in models), key=lambda m: m.order)),
        chapters=tuple(sorted((_chapter(d) for _, d in chapters), key=lambda ch: (ch.area, ch.order))),
        aspects=tuple(_aspect(a) for a in aspects[1]["aspekte"]),
        tasks=tasks[1],
        sources={s["id"]: _source(s, sources[1].get("stand_hinweis")) for s in sources[1]["quellen"]},
        calculator=calculator[1],
        aspects_source=aspects[1]["quelle"],
        draft=draft[1],
        glossary=tuple(sorted((_term(d) for d in glossary[1]["begriffe"]), key=_sort_key)),
    )
    _check_references(c, content, models, chapters, aspects, sources, tasks, calculator)
    _check_draft(c, content, draft)
    _check_glossary(c, content, glossary)
    if c.issues:
        raise ContentError(c.issues)
    return content


def _model(d: dict) -> Model:
    return Model(d["id"], d["nummer"], d["name"], d["tabellenname"], d["gruppe"], d["reihenfolge"], d)


def _term(d: dict) -> Term:
    return Term(d["begriff"], d.get("abkuerzung"), d["erklaerung"], d["quelle"], d.get("mehr"))


def _sort_key(term: Term) -> str:
    """Alphabetical as in a German dictionary: umlauts as their base letter, case ignored."""
    folded = unicodedata.normalize("NFKD", term.term.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _chapter(d: dict) -> Chapter:
    sections = tuple(Section(s["titel"], s["text"]) for s in d["abschnitte"])
    return Chapter(d["slug"], d["titel"], d["reihenfolge"], d["bereich"], d["quelle"], d["zusammenfassung"], sections)


def _aspect(d: dict) -> Aspect:
    return Aspect(
        d["slug"], d["titel"], d["einleitung"], tuple(AspectField(f["feld"], f["titel"]) for f in d["felder"])
    )


def _source(d: dict, stand_note: dict | None) -> Source:
    note = stand_note["text"] if stand_note and d["id"] in stand_note["quellen"] else None
    return Source(d["id"], d["zitat"], d["beschreibung"], d["art"], d.get("stand"), d.get("url"), note)


_HEADING = re.compile(r"#{1,6}\s")


_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def _page_of_chapter(chapter: dict) -> str:
    """The page a chapter's text appears on: the models' introduction is part of /modelle/."""
    return "modelle/index.md" if chapter["bereich"] == "modelle" else urls.chapter_doc(chapter["slug"])


def _site_docs(content: Content) -> set[str]:
    """Every page the site has, as Markdown source paths."""
    docs = set(urls.FIXED_DOCS)
    docs |= {urls.model_doc(m.id) for m in content.models} | {urls.aspect_doc(a.slug) for a in content.aspects}
    return docs | {urls.chapter_doc(ch.slug) for ch in content.chapters if ch.area != "modelle"}


def _check_glossary(c: _Collector, content: Content, glossary) -> None:
    """Sources exist, 'mehr' reaches a page, and no term, abbreviation or anchor is there twice."""
    display, data = glossary
    docs = _site_docs(content)
    seen: dict[str, set[str]] = {"begriff": set(), "abkuerzung": set(), "anker": set()}
    for i, entry in enumerate(data["begriffe"]):
        term = _term(entry)
        if term.source not in content.sources:
            c.reference(
                display, ("begriffe", i, "quelle"), f"Quelle '{term.source}' steht nicht in content/quellen.yml"
            )
        if term.more and term.more not in docs:
            message = f"'{term.more}' ist keine Seite der Website (z. B. modelle/v7.md, leitfaden/grundlagen.md)"
            c.reference(display, ("begriffe", i, "mehr"), message)
        keys = {"begriff": term.term.casefold(), "abkuerzung": term.abbreviation, "anker": term.anchor}
        for field, key in keys.items():
            if key and key in seen[field]:
                where = "abkuerzung" if field == "abkuerzung" else "begriff"
                what = "ergibt denselben Anker wie ein anderer Begriff" if field == "anker" else "kommt doppelt vor"
                c.reference(display, ("begriffe", i, where), f"'{entry[where]}' {what}")
            seen[field].add(key)


def _check_links(c: _Collector, content: Content, chapters) -> None:
    """Relative Markdown links in chapter texts must reach a page of the site (named here in
    terms of content/, not of the generated page the build would complain about)."""
    docs = _site_docs(content)
    for display, d in chapters:
        here = posixpath.dirname(_page_of_chapter(d))
        fields = [(("zusammenfassung",), d["zusammenfassung"])]
        fields += [(("abschnitte", i, "text"), section["text"]) for i, section in enumerate(d["abschnitte"])]
        for path, text in fields:
            for match in _LINK.finditer(text):
                target = match["target"].split("#")[0]
                if not target or ":" in target or not target.endswith(".md"):
                    continue  # anchors, web addresses, mailto:
                resolved = posixpath.normpath(posixpath.join(here, target))
                if resolved not in docs:
                    message = (
                        f"der Link '{match['target']}' führt ins Leere (es gibt keine Seite {resolved}); "
                        f"Links gehen von {_page_of_chapter(d)} aus, z. B. ../modelle/v7.md"
                    )
                    c.reference(display, path, message)


def _check_unique(c: _Collector, display: str, key: str, field: str, loaded) -> None:
    """Ids in a list file must be unique: a second entry would silently replace the first."""
    seen: set[str] = set()
    for i, entry in enumerate(loaded[1][key]):
        if entry[field] in seen:
            c.reference(display, (key, i, field), f"'{entry[field]}' kommt doppelt vor")
        seen.add(entry[field])


def _check_references(c: _Collector, content: Content, models, chapters, aspects, sources, tasks, calculator) -> None:
    model_ids = {m.id for m in content.models}
    source_ids = set(content.sources)
    for display, d in models:
        if Path(display).stem != d["id"]:
            c.reference(display, ("id",), f"'{d['id']}' passt nicht zum Dateinamen {Path(display).name}")
        if d["nummer"].replace(" ", "").lower() != d["id"]:
            c.reference(display, ("nummer",), f"'{d['nummer']}' passt nicht zur Kennung '{d['id']}'")
        for i, target in enumerate(d["weiterentwicklung_zu"]):
            if target not in model_ids:
                c.reference(display, ("weiterentwicklung_zu", i), f"Modell '{target}' gibt es nicht")
        for target in d.get("weiterentwicklung_deutung", {}):
            if target not in d["weiterentwicklung_zu"]:
                message = f"'{target}' steht nicht in weiterentwicklung_zu"
                path = ("weiterentwicklung_deutung", target)
                c.reference(display, path, message, at=path + (KEY,))
        if d["quelle"] not in source_ids:
            c.reference(display, ("quelle",), f"Quelle '{d['quelle']}' steht nicht in content/quellen.yml")
        _check_band(c, display, d)
        _check_kinds(c, display, d)
    intros = [display for display, d in chapters if d["bereich"] == "modelle"]
    for display in intros if len(intros) > 1 else []:
        names = ", ".join(Path(other).name for other in intros)
        message = f"nur ein Kapitel darf die Einleitung von /modelle/ sein (bereich: modelle steht in {names})"
        c.reference(display, ("bereich",), message)
    for display, d in chapters:
        if Path(display).stem != d["slug"]:
            c.reference(display, ("slug",), f"'{d['slug']}' passt nicht zum Dateinamen {Path(display).name}")
        if d["quelle"] not in source_ids:
            c.reference(display, ("quelle",), f"Quelle '{d['quelle']}' steht nicht in content/quellen.yml")
        for i, section in enumerate(d["abschnitte"]):
            for number, line in enumerate(section["text"].splitlines()):
                if _HEADING.match(line):
                    message = (
                        f"Zeile {number + 1} des Texts ist eine Überschrift ('#'): "
                        "dafür einen eigenen Abschnitt mit titel anlegen"
                    )
                    c.reference(display, ("abschnitte", i, "text"), message)
    if content.aspects_source not in source_ids:
        message = f"Quelle '{content.aspects_source}' steht nicht in content/quellen.yml"
        c.reference(c.display(c.root / "aspekte.yml"), ("quelle",), message)
    _check_links(c, content, chapters)
    _check_unique(c, c.display(c.root / "quellen.yml"), "quellen", "id", sources)
    for i, source_id in enumerate(sources[1].get("stand_hinweis", {}).get("quellen", [])):
        if source_id not in source_ids:
            message = f"Quelle '{source_id}' steht nicht unter quellen"
            c.reference(c.display(c.root / "quellen.yml"), ("stand_hinweis", "quellen", i), message)
    _check_unique(c, c.display(c.root / "aspekte.yml"), "aspekte", "slug", aspects)
    _check_aspect_fields(c, content)
    tasks_display, tasks_data = tasks
    if tasks_data["quelle"] not in source_ids:
        c.reference(tasks_display, ("quelle",), f"Quelle '{tasks_data['quelle']}' steht nicht in content/quellen.yml")
    calc_display, calc = calculator
    for path, value in _source_refs(calc):
        if value not in source_ids:
            c.reference(calc_display, path, f"Quelle '{value}' steht nicht in content/quellen.yml")
    for i, way in enumerate(calc["foerderwege"]):
        if way["modelle"] != "alle":
            for j, target in enumerate(way["modelle"]):
                if target not in model_ids:
                    c.reference(calc_display, ("foerderwege", i, "modelle", j), f"Modell '{target}' gibt es nicht")
        if "kapitel" in way and way["kapitel"] not in {ch.slug for ch in content.chapters}:
            c.reference(calc_display, ("foerderwege", i, "kapitel"), f"Kapitel '{way['kapitel']}' gibt es nicht")
    if calc["finder"]["einstieg"]["kapitel"] not in {ch.slug for ch in content.chapters}:
        path = ("finder", "einstieg", "kapitel")
        c.reference(calc_display, path, f"Kapitel '{calc['finder']['einstieg']['kapitel']}' gibt es nicht")
    for field in ("modellhinweise", "zu_gross"):
        for model_id in calc[field]:
            if model_id not in model_ids:
                c.reference(calc_display, (field, model_id), f"Modell '{model_id}' gibt es nicht")
    for j, model_id in enumerate(calc["vergleich_standard"]["modelle"]):
        if model_id not in model_ids:
            c.reference(calc_display, ("vergleich_standard", "modelle", j), f"Modell '{model_id}' gibt es nicht")
    _check_rules(c, calc_display, calc)


def _check_rules(c: _Collector, display: str, calc: dict) -> None:
    """Every funding line with phases has them under every set of rules; the default rules exist."""
    ids = [r["id"] for r in calc["regelwerke"]]
    if calc["regelwerk_standard"] not in ids:
        c.reference(display, ("regelwerk_standard",), f"Regelwerk '{calc['regelwerk_standard']}' gibt es nicht")
    lines = {way["id"] for way in calc["foerderwege"] if way["id"] != "none"}
    for i, rules in enumerate(calc["regelwerke"]):
        for missing in sorted(lines - set(rules["phasen"])):
            c.reference(display, ("regelwerke", i, "phasen"), f"Förderweg '{missing}' fehlt in diesem Regelwerk")
        for extra in sorted(set(rules["phasen"]) - lines):
            c.reference(display, ("regelwerke", i, "phasen", extra), f"Förderweg '{extra}' gibt es nicht")


RECOMMENDATION_FIELDS = (
    "weiterentwicklung",
    "strategie",
    "ziele",
    "finanzierung",
    "controlling",
    "netzwerke",
    "massnahmen_innen",
    "massnahmen_aussen",
)


def _check_aspect_fields(c: _Collector, content: Content) -> None:
    """Every recommendation field of the Steckbriefe belongs to exactly one aspect (else text would vanish)."""
    display = c.display(c.root / "aspekte.yml")
    seen = [f.field for a in content.aspects for f in a.fields]
    for name in RECOMMENDATION_FIELDS:
        if seen.count(name) != 1:
            c.reference(
                display,
                ("aspekte",),
                f"Feld '{name}' muss genau einem Aspekt zugeordnet sein (gefunden: {seen.count(name)}-mal)",
            )


def _check_band(c: _Collector, display: str, d: dict) -> None:
    size = d["ausgangslage"]["kommunengroesse"]
    if size["min_einwohner"] is not None and size["max_einwohner"] is not None:
        if size["min_einwohner"] > size["max_einwohner"]:
            c.reference(display, ("ausgangslage", "kommunengroesse", "min_einwohner"), "ist größer als max_einwohner")
    budget = d["ausgangslage"]["budget_klimaschutz"]
    if budget["max_eur_je_einwohner"] is not None and budget["min_eur_je_einwohner"] > budget["max_eur_je_einwohner"]:
        c.reference(
            display,
            ("ausgangslage", "budget_klimaschutz", "min_eur_je_einwohner"),
            "ist größer als max_eur_je_einwohner",
        )
    levels = ["gering", "mittel", "hoch"]
    for key in ("historie", "relevanz"):
        span = d["ausgangslage"][key]
        if levels.index(span["von"]) > levels.index(span["bis"]):
            c.reference(display, ("ausgangslage", key, "von"), "liegt über 'bis'")


def _check_kinds(c: _Collector, display: str, d: dict) -> None:
    """A note on a kind agrees with ``arten``: 'geeignet' only for a listed kind, 'möglich, aber
    nicht zielführend' only for one that is not listed; one note per kind."""
    size = d["ausgangslage"]["kommunengroesse"]
    seen: set[str] = set()
    for i, note in enumerate(size.get("arten_hinweise", [])):
        path = ("ausgangslage", "kommunengroesse", "arten_hinweise", i, "art")
        listed = note["art"] in size["arten"]
        if note["art"] in seen:
            c.reference(display, path, f"'{note['art']}' hat schon einen Hinweis")
        elif note["eignung"] == "geeignet" and not listed:
            c.reference(display, path, f"'{note['art']}' ist als geeignet markiert, steht aber nicht in arten")
        elif note["eignung"] != "geeignet" and listed:
            c.reference(
                display, path, f"'{note['art']}' steht in arten, ist hier aber als {note['eignung']!r} markiert"
            )
        seen.add(note["art"])


def _check_draft(c: _Collector, content: Content, draft) -> None:
    """The draft's source exists, and every {name} in its texts is one the calculator fills."""
    display, data = draft
    if data["quelle"] not in content.sources:
        c.reference(display, ("quelle",), f"Quelle '{data['quelle']}' steht nicht in content/quellen.yml")
    for path, text in _strings(data):
        for name in re.findall(r"\{([^{}]*)\}", text):
            if name not in PLACEHOLDERS:
                known = ", ".join(sorted(PLACEHOLDERS))
                c.reference(display, path, f"den Platzhalter {{{name}}} kennt der Rechner nicht (bekannt: {known})")
        rest = re.sub(r"\{[^{}]*\}", "", text)
        if "{" in rest or "}" in rest:
            c.reference(display, path, "geschweifte Klammer ohne Gegenstück: Platzhalter schreiben sich {name}")


def _strings(data: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _strings(value, path + (key,))]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in _strings(value, path + (i,))]
    return [(path, data)] if isinstance(data, str) else []


def _source_refs(data: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(data, dict):
        return [
            ref
            for k, v in data.items()
            for ref in ([(path + (k,), v)] if k == "quelle" and isinstance(v, str) else _source_refs(v, path + (k,)))
        ]
    if isinstance(data, list):
        return [ref for i, v in enumerate(data) for ref in _source_refs(v, path + (i,))]
    return []
