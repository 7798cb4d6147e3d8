"""Domain types of force sourcing: what the force needs, what states offer, under which
assumptions, and what an optimiser made of it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, PlainValidator

from coalition.domain.base import Frozen
from coalition.domain.enums import Domain


def _assumption(value: object) -> bool | float:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and 0 <= value <= 1:
        return float(value)
    raise ValueError(f"{value!r}: an assumption is true, false or a probability between 0 and 1")


#: A condition is either fixed (true/false) or uncertain (probability it holds).
Assumption = Annotated[
    bool | float, PlainValidator(_assumption, json_schema_input_type=bool | float)
]


class Capability(Frozen):
    code: str
    label: str
    domain: Domain | None = None
    personnel: int | None = Field(default=None, ge=0)


class Substitution(Frozen):
    """``substitute`` can stand in for ``required`` at ``efficiency`` (one unit counts as
    that fraction of a required unit)."""

    required: str
    substitute: str
    efficiency: float = Field(gt=0, le=1)


class Region(Frozen):
    code: str
    name: str
    distance_to_front_km: float = Field(ge=0)
    in_ukraine: bool = True


class Requirement(Frozen):
    """What the multinational force needs: N units of a capability, where, when."""

    id: str
    capability: str
    quantity: int = Field(ge=1)
    region: str
    start: dt.date
    end: dt.date | None = None
    min_distance_km: float = Field(default=0, ge=0)
    weight: float = Field(default=1, gt=0)
    # Mission conditions that do not bind this task (say, ceasefire monitoring close to
    # the line, which is not the reassurance force); the note says why.
    exempt_from: tuple[str, ...] = ()
    note: str | None = None


class Offer(Frozen):
    """Formed units a state offers under one registry pledge, with its national caveats."""

    id: str
    pledge_id: str
    capability: str
    count: int = Field(ge=1)
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    excluded_regions: tuple[str, ...] = ()
    min_distance_km: float = Field(default=0, ge=0)
    conditions: tuple[str, ...] = ()
    note: str | None = None
    # Days' notice the units need before they can move (their readiness, registry).
    notice_days: int | None = Field(default=None, ge=0)
    # The registry statement the count comes from, when a state declared its units.
    declared: str | None = None


class Scenario(Frozen):
    """Truth values of conditions, fixed or as probabilities. Conditions not named are
    not met; parliaments and governments (``parliament:DEU``, ``government:FRA``) are
    taken to say yes unless named."""

    id: str
    title: str
    as_of: dt.date | None = None
    assumptions: dict[str, Assumption] = Field(default_factory=dict)
    max_share_per_state: float = Field(default=1.0, gt=0, le=1)

    def value(self, variable: str) -> Assumption:
        if variable in self.assumptions:
            return self.assumptions[variable]
        return variable.startswith(("parliament:", "government:"))

    def is_uncertain(self) -> bool:
        return any(not isinstance(v, bool) and 0 < v < 1 for v in self.assumptions.values())


class OfferState(Frozen):
    """An offer under a scenario: the variables it needs and whether they all hold."""

    offer: Offer
    status: str
    variables: tuple[str, ...]
    available: bool
    reason: str
    failing: tuple[str, ...] = ()  # the needed variables that do not hold


class Assignment(Frozen):
    offer_id: str
    actor: str
    requirement_id: str
    units: int
    efficiency: float


class RequirementResult(Frozen):
    requirement: Requirement
    covered: float
    met: bool
    assignments: tuple[Assignment, ...]
    note: str = ""

    @property
    def fraction(self) -> float:
        return min(1.0, self.covered / self.requirement.quantity)


class CapabilityGap(Frozen):
    capability: str
    required: int
    covered: float

    @property
    def gap(self) -> float:
        return max(0.0, self.required - self.covered)


class OfferUse(Frozen):
    """What became of one offer under a scenario. ``offered`` is false when its pledge
    does not stand in the registry; ``lost_to`` names the conditions (its own, or the
    mission's) that keep it out of this scenario."""

    offer_id: str
    actor: str
    capability: str
    count: int
    used: int
    reason: str
    offered: bool = True
    lost_to: tuple[str, ...] = ()

    @property
    def standing(self) -> bool:
        return self.offered and not self.lost_to


class SourcingResult(Frozen):
    scenario: Scenario
    as_of: dt.date
    method: str
    objective: float
    max_objective: float
    mip_gap: float
    seconds: float
    requirements: tuple[RequirementResult, ...]
    gaps: tuple[CapabilityGap, ...]
    offers: tuple[OfferUse, ...]
    warnings: tuple[str, ...] = ()

    @property
    def coverage(self) -> float:
        """Weighted share of the requirements covered, 0..1."""
        return self.objective / self.max_objective if self.max_objective else 1.0
