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


@dataclass(frozen=True)
class SizeRange:
    min: int | None
    max: int | None
    circa: bool
    kinds: tuple[str, ...]
    label: str


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
    guide: str  # "einwohner" | "gemeinden" | "keiner"
    budget: Band
    size: SizeRange
    history: LevelRange
    relevance: LevelRange
    stage: str
    url: str
    source: str


@dataclass(frozen=True)
class Phase:
    name: str
    years: int
    rate: float
    rate_weak: float
    basis: str
    stand: str
    confidence: str
    weak_basis: str | None = None  # where rate_weak comes from, if not from ``basis``
    weak_confidence: str | None = None


@dataclass(frozen=True)
class FundingWay:
    id: str
    name: str
    models: tuple[str, ...] | None  # None: fits every model
    phases: tuple[Phase, ...]


@dataclass(frozen=True)
class Parameters:
    models: dict[str, ModelParams]
    inhabitants_per_fte: int
    municipalities_per_fte: int
    fte_step: float
    cost_default: float
    cost_min: float
    cost_max: float
    cost_source: str
    funding: dict[str, FundingWay]
    funding_notice: str
    size_tolerance: float  # finder: share outside a size bound that still counts as "teilweise"
    calculator_url: str  # relative to the site root, for links from finder results

    @classmethod
    def from_dict(cls, d: dict) -> Parameters:
        models = {key: _model(key, m) for key, m in d["models"].items()}
        funding = {way["id"]: _funding(way) for way in d["funding"]}
        guide, cost = d["guide"], d["cost_per_fte"]
        return cls(
            models,
            guide["inhabitants_per_fte"],
            guide["municipalities_per_fte"],
            guide["step"],
            cost["default"],
            cost["min"],
            cost["max"],
            cost["source"],
            funding,
            d["funding_notice"],
            d["finder"]["size_tolerance"],
            d["urls"]["calculator"],
        )


def _model(key: str, m: dict) -> ModelParams:
    size = m["size"]
    return ModelParams(
        key=key,
        id=m["id"],
        number=m["number"],
        name=m["name"],
        order=m["order"],
        min_fte=m["min_fte"],
        guide=m["guide"],
        budget=Band(**m["budget"]),
        size=SizeRange(size["min"], size["max"], size["circa"], tuple(size["kinds"]), size["label"]),
        history=LevelRange(**m["history"]),
        relevance=LevelRange(**m["relevance"]),
        stage=m["stage"],
        url=m["url"],
        source=m["source"],
    )


def _funding(way: dict) -> FundingWay:
    phases = tuple(Phase(**p) for p in way["phases"])
    models = None if way["models"] is None else tuple(way["models"])
    return FundingWay(way["id"], way["name"], models, phases)
