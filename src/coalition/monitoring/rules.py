"""Monitoring rules as data (``data/monitoring/rules.yaml``): zones by distance from the
line, weapon withdrawal rules (the Minsk II table ships as one rule set), which report
types may describe one event, reporter reliability and alert thresholds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from coalition.domain.monitoring import ReporterKind, ReportType
from coalition.errors import CoalitionError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Zone(_Strict):
    name: str
    each_side_km: float = Field(gt=0)


class RuleSource(_Strict):
    title: str
    date: dt.date
    quote: str


class WithdrawalRule(_Strict):
    """A weapon class must stay ``each_side_km`` or more from the line; an agreement that
    gives the zone's total width withdraws each side by half of it."""

    weapon_class: str
    zone_width_km: float | None = Field(default=None, gt=0)
    each_side_km: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _one_distance(self) -> WithdrawalRule:
        if (self.zone_width_km is None) == (self.each_side_km is None):
            raise ValueError("give exactly one of zone_width_km and each_side_km")
        return self

    @property
    def distance_m(self) -> float:
        km = self.each_side_km if self.each_side_km is not None else self.zone_width_km / 2  # type: ignore[operator]
        return km * 1000.0


class RuleSet(_Strict):
    name: str
    sources: list[RuleSource]
    rules: list[WithdrawalRule]


class Corroboration(_Strict):
    window_s: float = Field(gt=0)
    min_distance_m: float = Field(ge=0)


Filter = Literal["withdrawal_violation", "shelling", "drone", "burst_of_fire", "casualties", "any"]


class Threshold(_Strict):
    name: str
    filter: Filter
    more_than: int = Field(ge=0)
    window_h: float = Field(gt=0)


class Rules(_Strict):
    zones: list[Zone]
    rule_set: RuleSet
    compatible_types: list[list[ReportType]]
    corroboration: Corroboration
    reliability: dict[ReporterKind, float]
    thresholds: list[Threshold]

    @model_validator(mode="after")
    def _consistent(self) -> Rules:
        classes = [r.weapon_class for r in self.rule_set.rules]
        if len(set(classes)) != len(classes):
            raise ValueError("rule_set.rules: a weapon class appears twice")
        missing = set(ReporterKind) - set(self.reliability)
        if missing:
            raise ValueError(f"reliability: missing {sorted(missing)}")
        if any(not 0 <= v <= 1 for v in self.reliability.values()):
            raise ValueError("reliability: values must lie in 0..1")
        return self

    def withdrawal_distance(self) -> dict[str, float]:
        """Metres each weapon class must keep from the line."""
        return {r.weapon_class: r.distance_m for r in self.rule_set.rules}


def load_rules(path: Path) -> Rules:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CoalitionError(f"{path}: no such file") from exc
    except yaml.YAMLError as exc:
        raise CoalitionError(f"{path}: not YAML ({exc})") from exc
    try:
        return Rules.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CoalitionError(f"{path}: {where}: {first['msg']}") from exc
