"""Calculator parameters as frozen value objects, built from JSON-friendly data.

The data comes from content/ (see ``guide.export.calc_parameters``); the calc package
never reads files itself.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("gering", "mittel", "hoch")
STAGES = ("sehr gering", "gering", "mittel", "hoch", "sehr hoch")


@dataclass(frozen=True)
class Band:
    min: float
    max: float | None
    open_ended: bool
    label: str

    @property
    def none_needed(self) -> bool:
        """The Steckbrief writes '–': the model needs no budget of its own (min and max 0)."""
        return self.max == 0


@dataclass(frozen=True)
class KindNote:
    """What a Steckbrief says about one kind of municipality (content: ``arten_hinweise``)."""

    kind: str  # "gemeinde" | "landkreis"
    expedient: bool  # False: the source calls the model possible but not expedient for this kind
    size_applies: bool  # False: the Steckbrief's size range is not meant for this kind
    text: str  # German sentence for the reader


@dataclass(frozen=True)
class SizeRange:
    min: int | None
    max: int | None
    circa: bool
    kinds: tuple[str, ...]
    label: str
    notes: tuple[KindNote, ...] = ()

    def note(self, kind: str) -> KindNote | None:
        return next((n for n in self.notes if n.kind == kind), None)

    @property
    def county_only(self) -> bool:
        """The Steckbrief names Landkreise only (V 7a)."""
        return self.kinds == ("landkreis",)

    @property
    def towns_only(self) -> bool:
        """The Steckbrief names Gemeinden only."""
        return "landkreis" not in self.kinds


@dataclass(frozen=True)
class LevelRange:
    low: str
    high: str
    label: str


@dataclass(frozen=True)
class ModelParams:
    key: str  # "V7a"
    id: str  # "v7a"
    number: str  # "V 7a"
    name: str
    order: int
    min_fte: float
    richtwert: str  # which guide ratio sets the posts: "einwohner" | "gemeinden" | "keiner"
    budget: Band
    size: SizeRange
    history: LevelRange
    relevance: LevelRange
    stage: str  # Grad der personellen Verstetigung on the scale STAGES (for sorting)
    stage_label: str  # the same as the Steckbrief writes it, e.g. "Mittel bis hoch (Verankerung)"
    url: str
    source: str
    note: str | None = None  # what the calculator costs for this model, where that needs saying (content)
    too_large: str | None = None  # the model's own warning for a municipality above its size ({einwohner})


VERIFIED = "geprüft"  # Phase.confidence of a rate read in the legal text itself


@dataclass(frozen=True)
class Phase:
    """One phase of a funding line under one set of rules (e.g. Anschlussvorhaben, KRL 2024)."""

    name: str
    years: int
    rate: float
    rate_weak: float
    section: str  # "Nr. 4.1.8 b)"
    basis: str  # the legal text
    stand: str
    confidence: str  # "geprüft" (in the legal text) | "Sekundärquelle" | "Schätzung"
    flat_per_fte: float | None = None  # eligible personnel cost per funded post and year (flat rate)
    max_fte: float | None = None  # at most this many posts are funded
    weak_basis: str | None = None  # where rate_weak comes from, if not from ``basis``
    weak_confidence: str | None = None

    def confidence_of(self, weak: bool) -> str:
        """How sure the rate applied is: the weak rate may rest on another source."""
        return (self.weak_confidence or self.confidence) if weak else self.confidence


@dataclass(frozen=True)
class RuleSet:
    id: str  # "krl-2024"
    name: str
    valid: str  # when it applies, for the reader
    phases: dict[str, tuple[Phase, ...]]  # funding way id -> its phases under these rules
    note: str | None = None  # what the rates leave out under these rules (e.g. flat amounts per post)


@dataclass(frozen=True)
class FundingWay:
    id: str
    name: str
    models: tuple[str, ...] | None  # None: fits every model
    note: str | None = None  # shown with every result on this way (e.g. what Koordination funds)
    note_url: str | None = None  # the chapter that explains it, relative to the site root
    note_title: str | None = None  # that chapter's title


@dataclass(frozen=True)
class Default:
    value: float
    source: str


@dataclass(frozen=True)
class Advice:
    """A piece of advice the finder gives a municipality at the start, with the chapter that explains it."""

    text: str
    url: str  # relative to the site root
    title: str


@dataclass(frozen=True)
class Parameters:
    models: dict[str, ModelParams]
    inhabitants_per_fte: int
    municipalities_per_fte: int
    inhabitants_from: str  # the model whose Steckbrief states the guide value per inhabitants
    municipalities_from: str  # … per municipalities
    fte_step: float
    cost_per_fte: Default
    pay_rise: Default  # % per year
    workplace_cost: Default  # € per post and year
    first_year: int
    funding: dict[str, FundingWay]
    rules: dict[str, RuleSet]
    default_rules: str
    funding_notice: str
    land_notice: str  # Land law that ends federal funding (e.g. a mandatory climate task)
    size_tolerance: float  # finder: share outside a size bound that still counts as "teilweise"
    calculator_url: str  # relative to the site root, for links from finder results
    vorlage: dict  # text of the council paper draft and the Steckbrief parts it quotes (calc.vorlage)
    start_advice: Advice | None = None  # finder: advice for a municipality at the start (Historie "gering")

    @classmethod
    def from_dict(cls, d: dict) -> Parameters:
        models = {key: _model(key, m) for key, m in d["models"].items()}
        funding = {way["id"]: _way(way) for way in d["funding"]}
        rules = {r["id"]: _rules(r) for r in d["rules"]}
        guide = d["guide"]
        return cls(
            models=models,
            inhabitants_per_fte=guide["inhabitants_per_fte"],
            municipalities_per_fte=guide["municipalities_per_fte"],
            inhabitants_from=guide["inhabitants_from"],
            municipalities_from=guide["municipalities_from"],
            fte_step=guide["step"],
            cost_per_fte=Default(**d["defaults"]["cost_per_fte"]),
            pay_rise=Default(**d["defaults"]["pay_rise"]),
            workplace_cost=Default(**d["defaults"]["workplace_cost"]),
            first_year=d["defaults"]["first_year"],
            funding=funding,
            rules=rules,
            default_rules=d["default_rules"],
            funding_notice=d["funding_notice"],
            land_notice=d["land_notice"],
            size_tolerance=d["finder"]["size_tolerance"],
            calculator_url=d["urls"]["calculator"],
            vorlage=d["vorlage"],
            start_advice=Advice(**d["finder"]["start_advice"]) if d["finder"].get("start_advice") else None,
        )

    def phases(self, rules: str, way: str) -> tuple[Phase, ...]:
        return self.rules[rules].phases.get(way, ())


def _model(key: str, m: dict) -> ModelParams:
    size = m["size"]
    return ModelParams(
        key=key,
        id=m["id"],
        number=m["number"],
        name=m["name"],
        order=m["order"],
        min_fte=m["min_fte"],
        richtwert=m["richtwert"],
        budget=Band(**m["budget"]),
        size=SizeRange(
            size["min"],
            size["max"],
            size["circa"],
            tuple(size["kinds"]),
            size["label"],
            tuple(KindNote(**n) for n in size.get("kind_notes", ())),
        ),
        history=LevelRange(**m["history"]),
        relevance=LevelRange(**m["relevance"]),
        stage=m["stage"],
        stage_label=m["stage_label"],
        url=m["url"],
        source=m["source"],
        note=m.get("note"),
        too_large=m.get("too_large"),
    )


def _way(way: dict) -> FundingWay:
    models = None if way["models"] is None else tuple(way["models"])
    return FundingWay(way["id"], way["name"], models, way.get("note"), way.get("note_url"), way.get("note_title"))


def _rules(r: dict) -> RuleSet:
    phases = {way: tuple(Phase(**p) for p in ps) for way, ps in r["phases"].items()}
    return RuleSet(r["id"], r["name"], r["valid"], phases, r.get("note"))
