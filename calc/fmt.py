"""German number formatting – the one formatter of the project (1.234.567 €, 2,5 VZÄ).

>>> euro(1234567)
'1.234.567\\xa0€'
>>> number(2.5, 1)
'2,5'
"""

NBSP = "\u00a0"
NO_BUDGET = "kein eigenes Budget nötig"  # a Steckbrief's "–" for the budget, in words


def number(value: float, decimals: int = 0) -> str:
    """Format with '.' for thousands and ',' for decimals; trailing ',0' dropped for halves."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def decimal(value: float) -> str:
    """At most two decimals, no trailing zeros: 2.0 -> '2', 2.5 -> '2,5', 2.25 -> '2,25'."""
    return number(value, 2).rstrip("0").rstrip(",")


def euro(value: float) -> str:
    return f"{number(round(value))}{NBSP}€"


def euro_per_inhabitant(value: float) -> str:
    decimals = 0 if float(value).is_integer() else 2
    return f"{number(value, decimals)}{NBSP}€/EW"


def fte(value: float) -> str:
    """Posts in 0.5 steps or a guide value: at most two decimals, no trailing zeros."""
    return f"{decimal(value)}{NBSP}VZÄ"


def posts(value: float) -> str:
    """Posts in a sentence for readers: 'keine Stelle', 'eine halbe Stelle', 'eine Stelle', '1,5 Stellen'."""
    words = {0: "keine Stelle", 0.5: "eine halbe Stelle", 1: "eine Stelle"}
    if value in words:
        return words[value]
    return f"{decimal(value)}{NBSP}Stellen"


def percent(rate: float) -> str:
    """A rate (0.4) as a whole percentage: '40 %'."""
    return f"{number(rate * 100, 0)}{NBSP}%"


def percent_value(value: float) -> str:
    """A value already in percent (2.8) as written: '2,8 %'."""
    return f"{decimal(value)}{NBSP}%"


def cents(value: float) -> str:
    """Euros with cents, e.g. per inhabitant: 1.64 -> '1,64 €'."""
    return f"{number(value, 2)}{NBSP}€"


def inhabitants(value: int) -> str:
    return f"{number(value)}{NBSP}EW"


def residents(value: int, dative: bool = False) -> str:
    """Inhabitants in a sentence: '50.000 Einwohnerinnen und Einwohner' (after 'mit': dative, '…
    Einwohnern'); one inhabitant in the singular.

    >>> residents(1), residents(50000, dative=True)
    ('1 Einwohnerin oder Einwohner', '50.000 Einwohnerinnen und Einwohnern')
    """
    if value == 1:
        return "1 Einwohnerin oder Einwohner"
    return f"{number(value)} Einwohnerinnen und Einwohner{'n' if dative else ''}"


def municipalities(value: int) -> str:
    """'1 Gemeinde', '40 Gemeinden' (the same in every case)."""
    return f"{number(value)} {'Gemeinde' if value == 1 else 'Gemeinden'}"


# First words of Steckbrief labels that are not nouns, so they are written small inside a sentence.
_NOT_NOUNS = {"Ca.", "Gering", "Mittel", "Hoch", "Mittel-Hoch", "Mindestens", "Alle", "Halbe", "Kein", "Keine"}


def inline(label: str) -> str:
    """A Steckbrief label inside a sentence: 'Ca. 5.000 EW' -> 'ca. 5.000 EW'; nouns stay as they are."""
    first, sep, rest = label.partition(" ")
    if first in _NOT_NOUNS or first.partition("-")[0] in _NOT_NOUNS:
        return first.lower() + sep + rest
    return label
