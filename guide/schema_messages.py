"""The JSON Schemas in schema/: check one file's data and say in German what is wrong, where.

``schema_issues`` turns jsonschema's errors into ``Issue``s at the line and column of the field
(for an unknown key: of the key itself), with messages a content editor understands.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from guide.issues import Issue, dotted
from guide.yamlpos import KEY, Positions, position

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


def validator(schema_name: str, folder: Path = SCHEMA_DIR) -> jsonschema.Draft202012Validator:
    """A validator for ``folder/schema_name`` whose references to the other schemas of ``folder``
    resolve there (by their ``$id``, the file name: e.g. rechner.schema.json uses the Stand of
    quellen.schema.json) – in schema/ and in the published copy under /daten/schema/."""
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.schema.json")}
    registry = Registry().with_resources((name, DRAFT202012.create_resource(s)) for name, s in schemas.items())
    return jsonschema.Draft202012Validator(schemas[schema_name], registry=registry)


def schema_issues(data: Any, positions: Positions, schema_name: str, display: str) -> list[Issue]:
    """Every way ``data`` (from ``display``) breaks ``schema/<schema_name>``, in file order."""
    issues = []
    for error in validator(schema_name).iter_errors(data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = ", ".join(sorted(error.schema.get("properties", {})))
            for extra in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                line, col = position(positions, path + (extra, KEY))
                issues.append(
                    Issue(display, line, col, dotted(path + (extra,)), f"unbekanntes Feld (erlaubt: {allowed})")
                )
            continue
        field, message = _describe(error, path)
        line, col = position(positions, path)
        issues.append(Issue(display, line, col, field, message))
    return sorted(issues, key=lambda i: (i.line, i.column))


def _describe(error: jsonschema.ValidationError, path: tuple) -> tuple[str, str]:
    """Turn a jsonschema error into (field path, German message)."""
    field = dotted(path)
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        return dotted(path + (missing,)), "Pflichtfeld fehlt"
    if kind == "type":
        expected = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        if isinstance(value, datetime.date) and error.validator_value == "string":
            return field, f'Datum als Text in Anführungszeichen schreiben: "{value.isoformat()}"'
        return field, f"{_shown(value)} ist kein Wert vom Typ {expected}"
    if kind in ("enum", "const"):
        options = error.validator_value if kind == "enum" else [error.validator_value]
        return field, f"{_shown(value)} ist nicht erlaubt (erlaubt: {', '.join(map(str, options))})"
    if kind == "pattern":
        # a description with an example ("z. B.") says the form in words; any other is added to the rule
        described = error.schema.get("description") if isinstance(error.schema, dict) else None
        if described and "z. B." in described:
            return field, f"{_shown(value)} hat nicht die erwartete Form: {described}"
        rule = f"{_shown(value)} hat nicht die Form {error.validator_value}"
        return field, f"{rule} ({described})" if described else rule
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
