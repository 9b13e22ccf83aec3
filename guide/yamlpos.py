"""YAML with positions: parse one file into plain data plus the 1-based (line, column) of every field path.

Duplicate keys, merge keys ('<<'), keys that are not text, numbers with a thousands point and list
items slipped into the text before them are errors; PyYAML's syntax messages are translated into
German. Every problem is a ``ContentError`` naming file, line and column.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from guide.issues import ContentError, Issue, dotted

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
        raise ContentError([Issue(self.display, mark.line + 1, mark.column + 1, dotted(path), message)])

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


def position(positions: Positions, field_path: tuple) -> tuple[int, int]:
    """Where ``field_path`` is written, or its nearest parent that is (1, 1 for none)."""
    while field_path not in positions and field_path:
        field_path = field_path[:-1]
    return positions.get(field_path, (1, 1))
