"""The content model: frozen dataclasses for what content/ holds, and how each is made from its
validated YAML (``*_from``). A ``Model`` keeps its whole Steckbrief as ``data``; the calculator,
tasks and draft stay plain validated data (their shape is the schema's), except the inputs the
calculator and finder pages open with and the example Landkreis (``CalculatorDefaults``,
``FinderDefaults``, ``ExampleLandkreis``), which pages and checks read as typed values.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The two groups of models (``gruppe`` in a Steckbrief) and their headings, in the order the site shows them.
MODEL_GROUPS = (
    ("ohne_personal", "Modelle ohne zusätzliches Personal"),
    ("mit_personal", "Modelle mit zusätzlichem Personal"),
)


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

    @property
    def richtwert(self) -> str:
        """Which guide value sets the posts: 'einwohner', 'gemeinden' (V 7a) or 'keiner'."""
        return self.data["ausgangslage"]["budget_personal"]["richtwert"]

    @property
    def counts_gemeinden(self) -> bool:
        """The Steckbrief's posts follow the number of Gemeinden (V 7a): the calculator needs that number."""
        return self.richtwert == "gemeinden"


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
    locator: str | None = None  # where in the source, e.g. "Kapitel 5.2" (fundstelle)


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


# The calculator's input fields (calc.limits, calc.inputs) and the keys content/rechner.yml writes them with.
INPUT_KEYS = {
    "model": "modell",
    "inhabitants": "einwohner",
    "municipalities": "gemeinden",
    "kind": "art",
    "history": "historie",
    "relevance": "relevanz",
    "budget_per_inhabitant": "budget_je_einwohner",
    "staff_fte": "stellen",
}


@dataclass(frozen=True)
class CalculatorDefaults:
    """What the calculator page opens with, prerendered at build time: the inputs of
    ``eingaben_standard`` and the further models of ``vergleich_standard`` (content/rechner.yml)."""

    model: str  # model id, e.g. 'v7'
    inhabitants: int
    municipalities: int | None
    compare: tuple[str, ...]  # ids of the further models, 1 to 3
    explanation: str  # why these models are compared (vergleich_standard.erlaeuterung)

    def form_input(self, keys: dict[str, str]) -> dict:
        """The inputs as the page's form sends them (``calc.api.Session.run(..., form=True)``);
        ``keys``: model id -> the calculator's model key ('v7' -> 'V7', ``Content.calc_keys``)."""
        given = {"model": keys[self.model], "inhabitants": self.inhabitants, "municipalities": self.municipalities}
        return _set(given) | {"compare": [keys[m] for m in self.compare]}


@dataclass(frozen=True)
class FinderDefaults:
    """What the finder page opens with, prerendered at build time (rechner.yml: finder.eingaben_standard)."""

    kind: str
    inhabitants: int
    municipalities: int | None
    history: str
    relevance: str
    budget_per_inhabitant: float  # as written: 1 stays 1 in the form, not 1.0
    staff_fte: float

    def form_input(self) -> dict:
        """The inputs as the finder's form sends them, under the calculator's field names."""
        return _set({name: getattr(self, name) for name in self.__dataclass_fields__})


@dataclass(frozen=True)
class ExampleLandkreis:
    """The example a model page that counts posts per Gemeinde (V 7a) opens the calculator with
    (rechner.yml: beispiel_landkreis)."""

    inhabitants: int
    municipalities: int

    def form_input(self, model_key: str) -> dict:
        """The calculator's inputs of the model page's link for ``model_key`` ('V7a')."""
        return {"model": model_key, "inhabitants": self.inhabitants, "municipalities": self.municipalities}


def _set(values: dict) -> dict:
    """Only the inputs that are given (an optional one left out is not sent)."""
    return {name: value for name, value in values.items() if value is not None}


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
    calculator_defaults: CalculatorDefaults  # rechner.yml: eingaben_standard, vergleich_standard
    finder_defaults: FinderDefaults  # rechner.yml: finder.eingaben_standard
    example_landkreis: ExampleLandkreis  # rechner.yml: beispiel_landkreis
    glossary: tuple[Term, ...] = ()  # content/glossar.yml, sorted as a German reader looks terms up

    @property
    def model_count(self) -> int:
        """Numbered models (V 1 … V 11); some have several Steckbriefe (V 6a-c and V 6d-f, V 7a …)."""
        return len({re.match(r"V\s*\d+", m.number).group().replace(" ", "") for m in self.models})

    def model(self, model_id: str) -> Model:
        return next(m for m in self.models if m.id == model_id)

    @property
    def calc_keys(self) -> dict[str, str]:
        """Model id -> the calculator's model key: 'v7' -> 'V7', 'v6a-c' -> 'V6a-c'."""
        return {m.id: m.calc_id for m in self.models}

    def chapters_in(self, area: str) -> tuple[Chapter, ...]:
        return tuple(c for c in self.chapters if c.area == area)


# --------------------------------------------------------------------------------------------
# From validated YAML
# --------------------------------------------------------------------------------------------


def model_from(d: dict) -> Model:
    return Model(d["id"], d["nummer"], d["name"], d["tabellenname"], d["gruppe"], d["reihenfolge"], d)


def term_from(d: dict) -> Term:
    return Term(d["begriff"], d.get("abkuerzung"), d["erklaerung"], d["quelle"], d.get("mehr"))


def glossary_order(term: Term) -> str:
    """Alphabetical as in a German dictionary: umlauts as their base letter, case ignored."""
    folded = unicodedata.normalize("NFKD", term.term.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def chapter_from(d: dict) -> Chapter:
    sections = tuple(Section(s["titel"], s["text"]) for s in d["abschnitte"])
    return Chapter(
        d["slug"],
        d["titel"],
        d["reihenfolge"],
        d["bereich"],
        d["quelle"],
        d["zusammenfassung"],
        sections,
        d.get("fundstelle"),
    )


def aspect_from(d: dict) -> Aspect:
    return Aspect(
        d["slug"], d["titel"], d["einleitung"], tuple(AspectField(f["feld"], f["titel"]) for f in d["felder"])
    )


def source_from(d: dict, stand_note: dict | None) -> Source:
    note = stand_note["text"] if stand_note and d["id"] in stand_note["quellen"] else None
    return Source(d["id"], d["zitat"], d["beschreibung"], d["art"], d.get("stand"), d.get("url"), note)


def _whole(value: int | float | None) -> int | None:
    """A whole number the schema has accepted (YAML may write it 50000.0) as an int."""
    return None if value is None else int(value)


def calculator_defaults_from(calc: dict) -> CalculatorDefaults:
    given, comparison = calc["eingaben_standard"], calc["vergleich_standard"]
    return CalculatorDefaults(
        given["modell"],
        _whole(given["einwohner"]),
        _whole(given.get("gemeinden")),
        tuple(comparison["modelle"]),
        comparison["erlaeuterung"],
    )


def finder_defaults_from(calc: dict) -> FinderDefaults:
    given = calc["finder"]["eingaben_standard"]
    return FinderDefaults(
        given["art"],
        _whole(given["einwohner"]),
        _whole(given.get("gemeinden")),
        given["historie"],
        given["relevanz"],
        given["budget_je_einwohner"],
        given["stellen"],
    )


def example_landkreis_from(calc: dict) -> ExampleLandkreis:
    example = calc["beispiel_landkreis"]
    return ExampleLandkreis(_whole(example["einwohner"]), _whole(example["gemeinden"]))
