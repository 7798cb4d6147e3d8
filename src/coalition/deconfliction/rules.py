"""Separation minima: how far apart (laterally, vertically, in time) two kinds of
activity must stay, what entering a standing zone means, and what a change of plan costs.

The numbers are data (``data/deconfliction/separation.yaml``), each with the source it
is taken from or, where it is a planner's assumption, the rationale for it: a conflict
report names its rule, and a reader must be able to see why that minimum applies. The
rules compile to square tables indexed by kind code, so that detection looks up the
minimum of a million candidate pairs with one array index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, model_validator

from coalition.datafiles import issue_at, parse_files
from coalition.domain.deconfliction import ActivityKind, ZoneType
from coalition.errors import DataFileError

MOVABLE_KINDS = tuple(k.value for k in ActivityKind if k is not ActivityKind.ZONE)
#: Every key a rule can name: activity kinds, then ``zone:<type>``.
RULE_KINDS = MOVABLE_KINDS + tuple(f"zone:{z.value}" for z in ZoneType)
KIND_CODE = {kind: code for code, kind in enumerate(RULE_KINDS)}


class Separation(BaseModel):
    """One minimum. Two volumes conflict when they are closer than all three at once."""

    model_config = ConfigDict(extra="forbid")

    id: str = "default"
    lateral_m: float = Field(ge=0)
    vertical_m: float = Field(ge=0)
    time_buffer_min: float = Field(ge=0)
    source: str | None = None
    rationale: str | None = None

    @model_validator(mode="after")
    def _explained(self) -> Separation:
        if not (self.source or self.rationale):
            raise ValueError("every rule says where it comes from: add source: or rationale:")
        return self

    @property
    def why(self) -> str:
        return self.source or self.rationale or ""


class PairRule(Separation):
    kinds: tuple[ActivityKind, ActivityKind]


class ZoneRule(Separation):
    """Entering a standing zone of type ``zone`` (within the minima), for the kinds it
    applies to; other kinds may cross it."""

    zone: ZoneType
    applies_to: list[ActivityKind] = Field(min_length=1)


class Resolution(BaseModel):
    """The changes resolution may propose and what each costs (minutes of delay are the
    unit; a planner's preference, tunable here)."""

    model_config = ConfigDict(extra="forbid")

    time_step_min: int = Field(15, gt=0)
    max_shift_h: float = Field(3, ge=0)
    band_step_m: float = Field(300, gt=0)
    max_band_steps: int = Field(4, ge=0)
    band_kinds: list[ActivityKind] = [ActivityKind.FLIGHT, ActivityKind.DRONE]
    cost_per_minute: float = Field(1.0, gt=0)
    cost_per_band_step: float = Field(20.0, gt=0)
    cost_per_detour_km: float = Field(2.0, gt=0)
    #: What any reroute costs before its length (a new route must be reconnoitred).
    cost_per_reroute: float = Field(10.0, ge=0)
    reroute_kinds: list[ActivityKind] = [
        ActivityKind.CONVOY,
        ActivityKind.NAVAL_TRANSIT,
        ActivityKind.FLIGHT,
        ActivityKind.DRONE,
        ActivityKind.PATROL,
    ]
    #: A reroute longer than this times the original route is no reroute.
    max_detour_ratio: float = Field(1.5, gt=1)
    rationale: str | None = None


class RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default: Separation
    pairs: list[PairRule] = []
    zones: list[ZoneRule] = []
    resolution: Resolution = Resolution()


@dataclass(frozen=True)
class Rules:
    """The rules as tables over kind codes (see ``RULE_KINDS``)."""

    separations: tuple[Separation, ...]  # index 0 is the default
    rule: NDArray[np.int64]  # [kind, kind] -> index into separations, -1: never conflict
    lateral: NDArray[np.float64]
    vertical: NDArray[np.float64]
    buffer_s: NDArray[np.float64]
    resolution: Resolution

    @property
    def max_lateral(self) -> float:
        applies = self.rule >= 0
        return float(self.lateral[applies].max()) if applies.any() else 0.0

    def for_pair(self, a: str, b: str) -> Separation | None:
        index = int(self.rule[KIND_CODE[a], KIND_CODE[b]])
        return None if index < 0 else self.separations[index]


def compile_rules(data: RulesFile) -> Rules:
    n = len(RULE_KINDS)
    rule = np.full((n, n), -1, dtype=np.int64)
    movable = [KIND_CODE[k] for k in MOVABLE_KINDS]
    rule[np.ix_(movable, movable)] = 0
    separations: list[Separation] = [data.default]
    for pair in data.pairs:
        separations.append(pair)
        a, b = (KIND_CODE[str(k)] for k in pair.kinds)
        rule[a, b] = rule[b, a] = len(separations) - 1
    for zone in data.zones:
        separations.append(zone)
        z = KIND_CODE[f"zone:{zone.zone}"]
        for kind in zone.applies_to:
            rule[z, KIND_CODE[str(kind)]] = rule[KIND_CODE[str(kind)], z] = len(separations) - 1

    def table(field: str, scale: float = 1.0) -> NDArray[np.float64]:
        values = np.array([getattr(s, field) * scale for s in separations], float)
        return np.where(rule >= 0, values[np.maximum(rule, 0)], 0.0)

    return Rules(
        separations=tuple(separations),
        rule=rule,
        lateral=table("lateral_m"),
        vertical=table("vertical_m"),
        buffer_s=table("time_buffer_min", 60.0),
        resolution=data.resolution,
    )


def load_rules(path: Path) -> Rules:
    """Read and check a separation file; every problem at file:line."""
    parsed, issues = parse_files([path], RulesFile)
    if issues:
        raise DataFileError(issues)
    item = parsed[0]
    seen: dict[frozenset[str], int] = {}
    for i, pair in enumerate(item.model.pairs):
        key = frozenset(str(k) for k in pair.kinds)
        if key in seen:
            issues.append(
                issue_at(
                    item,
                    ("pairs", i, "kinds"),
                    f"kinds {' / '.join(sorted(key))} already have rule "
                    f"{item.model.pairs[seen[key]].id!r}",
                )
            )
        seen[key] = i
        if ActivityKind.ZONE in pair.kinds:
            issues.append(
                issue_at(item, ("pairs", i, "kinds"), "zones have rules of their own (zones:)")
            )
    zones: set[str] = set()
    for i, zone in enumerate(item.model.zones):
        if zone.zone in zones:
            issues.append(
                issue_at(item, ("zones", i, "zone"), f"zone type {zone.zone} has two rules")
            )
        zones.add(zone.zone)
        if ActivityKind.ZONE in zone.applies_to:
            issues.append(
                issue_at(item, ("zones", i, "applies_to"), "zones never conflict with zones")
            )
    if issues:
        raise DataFileError(issues)
    return compile_rules(item.model)


def kind_codes(kinds: Sequence[str]) -> NDArray[np.int64]:
    return np.array([KIND_CODE[k] for k in kinds], dtype=np.int64)
