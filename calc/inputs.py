"""Checking raw JSON input field by field; every failure is an ``InputError`` naming the field."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from calc.errors import InputError
from calc.limits import FIELDS, TEXT_FIELDS, Field

if TYPE_CHECKING:
    from collections.abc import Mapping

    from calc.params import ModelParams

_GERMAN_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")  # 80.000 · 1.234,5
_DECIMAL_COMMA = re.compile(r"-?\d+(,\d+)?")  # 80000 · 2,5
_DECIMAL_POINT = re.compile(r"-?\d+\.\d+")  # 2.5 (a dot before three digits is read as above)


def read_number_text(text: str) -> int | float | str:
    """A number as a reader types it into a form, written the German way or plainly
    (80.000 · 2,5 · 1.234,5 · 2.5 · '45 000'); any other text is returned unchanged, so the field's
    check answers it with its German message."""
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    if _GERMAN_THOUSANDS.fullmatch(compact):
        compact = compact.replace(".", "")
    elif not (_DECIMAL_COMMA.fullmatch(compact) or _DECIMAL_POINT.fullmatch(compact)):
        return text
    whole, _, fraction = compact.replace(",", ".").partition(".")
    return float(f"{whole}.{fraction}") if fraction else int(whole)


def read_form(raw: Any) -> Any:
    """Input from the page's form, where every value is text: text that reads as a number becomes one
    (except in the free-text fields: a municipality may be called "1000")."""
    if not isinstance(raw, dict):
        return raw
    return {
        key: read_number_text(value) if isinstance(value, str) and key not in TEXT_FIELDS else value
        for key, value in raw.items()
    }


def _accusative(label: str) -> str:
    """'Die Einwohnerzahl' -> 'die Einwohnerzahl'; 'Der Förderweg' -> 'den Förderweg' (object of a sentence)."""
    first, _, rest = label.partition(" ")
    article = {"Der": "den", "Die": "die", "Das": "das"}.get(first)
    return f"{article} {rest}" if article else label


def require_object(raw: Any) -> dict:
    if not isinstance(raw, dict):
        raise InputError("", 'Die Eingabe muss ein JSON-Objekt sein, z. B. {"model": "V7", "inhabitants": 50000}.')
    return raw


def reject_unknown(raw: dict, allowed: tuple[str, ...]) -> None:
    for key in raw:
        if key not in allowed:
            raise InputError(str(key), f"Das Feld „{key}“ ist unbekannt. Erlaubt sind: {', '.join(allowed)}.")


def bounded(
    raw: dict, field: str, default: float | None = None, required: bool = False, high: float | None = None
) -> float | int | None:
    """The number in ``raw[field]`` within the field's bounds (``calc.limits``); ``high`` narrows the
    upper bound for this input (e.g. no more funded posts than recommended)."""
    spec = FIELDS[field]
    value = _number(raw, field, spec, spec.high if high is None else high, default, required)
    if value is None:
        return None
    return int(value) if spec.whole else float(value)


def _number(raw: dict, field: str, spec: Field, high: float, default, required: bool):
    """A JSON number in [low, high]: no bool, NaN or infinity; whole numbers may be written 5.0."""
    value = raw.get(field)
    if value is None:
        if required:
            raise InputError(field, f"Bitte geben Sie {_accusative(spec.label)} an.", missing=True)
        return default
    kind = "ganze Zahl" if spec.whole else "Zahl"
    bound = (
        f"Bitte geben Sie {_accusative(spec.label)} als {kind} zwischen {spec.show(spec.low)} und {spec.show(high)} an."
    )
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(field, bound)
    if isinstance(value, float) and (not math.isfinite(value) or (spec.whole and not value.is_integer())):
        raise InputError(field, bound)
    if not spec.low <= value <= high:  # compared before any float conversion: huge ints cannot overflow
        raise InputError(field, bound)
    return value


def choice(raw: dict, field: str, label: str, options: dict[str, str], default: str | None = None) -> str:
    """One of ``options`` (value -> name for the reader); the message names the choices by name
    and, where the two differ, by the value a link or the command line uses."""
    value = raw.get(field, default)
    if value is None or value == "":
        raise InputError(field, f"Bitte wählen Sie {_accusative(label)}.", missing=True)
    if not isinstance(value, str) or value not in options:
        given = f"„{value}“ " if isinstance(value, str) and value.strip() else ""
        names = ", ".join(f"„{name}“" + ("" if name.lower() == key else f" ({key})") for key, name in options.items())
        raise InputError(field, f"{label} {given}ist nicht vorgesehen. Möglich sind: {names}.")
    return value


def flag(raw: dict, field: str, label: str, default: bool = False) -> bool:
    value = raw.get(field, default)
    if not isinstance(value, bool):
        raise InputError(field, f"Die Angabe „{label}“ muss true oder false sein.")
    return value


def model_key(raw: dict, field: str, models: Mapping[str, ModelParams]) -> str:
    """Accept 'V7a', 'v 7a', ' V6A-C ' for the keys of the parameters' models."""
    keys = tuple(models)
    value = raw.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        first, last = models[keys[0]].number, models[keys[-1]].number
        raise InputError(field, f"Bitte wählen Sie ein Modell ({first} bis {last}).", missing=True)
    if not isinstance(value, str):
        raise InputError(field, "Das Modell muss als Text angegeben werden, z. B. „V7“.")
    normal = re.sub(r"\s+", "", value).lower()
    for key in keys:
        if key.lower() == normal:
            return key
    raise InputError(field, f"Das Modell „{value.strip()}“ gibt es nicht. Erlaubt sind: {', '.join(keys)}.")
