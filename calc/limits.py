"""The one place for the calculator's input fields: German label, bounds and kind.

``calc.inputs`` checks against these, the form templates write their help texts from
``help_range`` and the browser shows the messages Python builds from them; no bound is
written anywhere else.

>>> help_range("inhabitants")
'ganze Zahl von 1 bis 10.000.000'
"""

from __future__ import annotations

from dataclasses import dataclass

from calc import fmt


@dataclass(frozen=True)
class Field:
    label: str  # with article, as the start of a sentence: "Die Einwohnerzahl"
    low: float
    high: float
    whole: bool
    year: bool = False  # a calendar year is written without a thousands dot

    def show(self, value: float) -> str:
        if self.year:
            return str(int(value))
        return fmt.decimal(value)


FIELDS: dict[str, Field] = {
    # estimate / compare
    "inhabitants": Field("Die Einwohnerzahl", 1, 10_000_000, True),
    "municipalities": Field("Die Zahl der Gemeinden", 1, 1_000, True),
    "cost_per_fte": Field("Die Kosten je Vollzeitstelle", 10_000, 500_000, False),
    "years": Field("Die Zahl der Jahre", 1, 20, True),
    "first_year": Field("Das erste Jahr der Projektion", 2000, 2100, True, year=True),
    "funding_years_done": Field("Die Zahl der bereits geförderten Jahre", 0, 20, True),
    "funded_fte": Field("Die Zahl der geförderten Stellen", 0, 1_000, False),
    "pay_rise": Field("Die jährliche Tarifsteigerung", 0, 10, False),
    "workplace_cost": Field("Die Arbeitsplatzkosten je Stelle", 0, 100_000, False),
    # finder
    "budget_per_inhabitant": Field("Das Budget je Einwohnerin und Einwohner", 0, 1_000, False),
    "staff_fte": Field("Die Zahl der finanzierbaren Stellen", 0, 1_000, False),
}

MODELS_TO_COMPARE = (2, 4)  # compare: at least two, at most four distinct models
MAX_NAME_CHARS = 200  # vorlage: name of the municipality
MAX_BODY_CHARS = 100  # vorlage: name of the council body (Gemeinderat, Stadtrat, Kreistag …)


@dataclass(frozen=True)
class TextField:
    label: str  # with article, as the start of a sentence
    max_chars: int


# Free text of the vorlage command; the form's text fields are not read as numbers.
TEXT_FIELDS: dict[str, TextField] = {
    "kommune": TextField("Der Name der Kommune", MAX_NAME_CHARS),
    "gremium": TextField("Die Bezeichnung des Gremiums", MAX_BODY_CHARS),
}


def help_range(field: str) -> str:
    """'ganze Zahl von 1 bis 10.000.000' – the bounds as a reader reads them in a help text."""
    spec = FIELDS[field]
    kind = "ganze Zahl" if spec.whole else "Zahl"
    return f"{kind} von {spec.show(spec.low)} bis {spec.show(spec.high)}"
