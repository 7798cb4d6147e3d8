"""Domain types of force sourcing: what the force needs, what states offer, under which
assumptions, and what an optimiser made of it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, PlainValidator, model_validator

from coalition.domain.base import Frozen
from coalition.domain.enums import Domain
from coalition.domain.quantities import ForceSize


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
    """A kind of unit. ``rotation_months``: how long one unit stays deployed before
    another relieves it (UN practice: 6 to 12 months); ``rotation_ratio``: units a
    standing commitment ties up per unit deployed (the 1:3 rule: one deployed, one
    recovering, one preparing)."""

    code: str
    label: str
    domain: Domain | None = None
    personnel: int | None = Field(default=None, ge=0)
    rotation_months: int | None = Field(default=None, ge=1, le=36)
    rotation_ratio: int = Field(default=3, ge=1, le=6)


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
    # Where the region's hub is, for reach (medical evacuation within its timeline).
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    # Only these states' units can reach it (the Black Sea while Turkey keeps the straits
    # closed to warships), and why, quoted.
    reachable_by: tuple[str, ...] = ()
    access_note: str | None = None


class EnablerNeed(Frozen):
    """What a line needs beside its own units before they count as a capability: a
    dedicated enabler (``quantity`` units of strategic lift, force protection,
    communications, sourced with the line, rotation by rotation), or one in reach
    (``within_hours``: a role 2 hospital the casualties reach in time, the "2" of the
    10-1-2 timeline), which any line of that capability may provide."""

    capability: str
    quantity: int | None = Field(default=None, ge=1)
    within_hours: float | None = Field(default=None, gt=0, le=48)

    @model_validator(mode="after")
    def _one_kind(self) -> EnablerNeed:
        if (self.quantity is None) == (self.within_hours is None):
            raise ValueError(
                "an enabler gives either quantity (dedicated) or within_hours (in reach)"
            )
        return self


class Requirement(Frozen):
    """What the multinational force needs: N units of a capability, where, when."""

    id: str
    capability: str
    quantity: int = Field(ge=1)
    region: str
    start: dt.date
    end: dt.date | None = None
    min_distance_km: float = Field(default=0, ge=0)
    # > 0 in a file (checked there); 0 for a dedicated enabler, which counts only
    # through the line it makes usable.
    weight: float = Field(default=1, ge=0)
    # Mission conditions that do not bind this task (say, ceasefire monitoring close to
    # the line, which is not the reassurance force); the note says why.
    exempt_from: tuple[str, ...] = ()
    note: str | None = None
    # A statement of requirements' line: its number, priority band (1 highest), whether
    # it stands until further notice, people per unit (else the capability's), what
    # it needs beside its own units, and the framework nation(s) that fill it.
    line: int | None = Field(default=None, ge=1)
    priority: int | None = Field(default=None, ge=1, le=3)
    standing: bool = False
    personnel_per_unit: int | None = Field(default=None, ge=1)
    enablers: tuple[EnablerNeed, ...] = ()
    filled_by: tuple[str, ...] = ()
    # Set when a line is planned (never in a file): the line a rotation period or an
    # enabler belongs to, the period's number, and the capability it enables.
    of_line: str | None = None
    period: int | None = None
    enables: str | None = None

    @model_validator(mode="after")
    def _bounded(self) -> Requirement:
        if self.standing and self.end is not None:
            raise ValueError("a standing line has no end: give end or standing, not both")
        return self


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
    # Only for these lines (a bid at a force sourcing conference is for named lines).
    lines: tuple[str, ...] = ()


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
    """One task (a line, one of its rotation periods, or an enabler): ``covered`` is
    what counts (usable with its enablers), ``assigned`` what units were put on it."""

    requirement: Requirement
    covered: float
    met: bool
    assignments: tuple[Assignment, ...]
    note: str = ""
    assigned: float | None = None
    # Enablers the task lacks ("strategic_lift unmet (0 of 1)"); ``held_back`` when
    # units that could fill it are there but would not count without them.
    unmet_enablers: tuple[str, ...] = ()
    held_back: bool = False

    @property
    def fraction(self) -> float:
        return min(1.0, self.covered / self.requirement.quantity)

    def past_on(self, day: dt.date | None) -> bool:
        """Whether the task's period ended before ``day`` (history, not a gap to fill)."""
        end = self.requirement.end
        return day is not None and end is not None and end < day


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


class LineResult(Frozen):
    """A line of the statement of requirements: who covers which period, and whether
    every period is met (with its enablers)."""

    line: Requirement
    periods: tuple[RequirementResult, ...]
    enablers: tuple[RequirementResult, ...]
    met: bool
    personnel_per_unit: int | None
    # Units a standing line ties up for good (quantity x the capability's ratio).
    sustained_units: int | None = None

    @property
    def rotation_ratio(self) -> int | None:
        """Units tied up per unit deployed on a standing line (the 1:N rule), if any."""
        return self.sustained_units // self.line.quantity if self.sustained_units else None


class ForcePersonnel(Frozen):
    """People: what the lines need deployed at once (at the busiest day of the horizon),
    what the sourcing puts there, what standing lines tie up with rotations, against
    the sizes public reporting gives for the planned force (never pledges)."""

    required_at_once: int
    sourced_at_once: int
    sustained: int
    busiest_day: dt.date | None = None
    # The fewest people the sourcing puts in place on a day the lines need people.
    sourced_lowest: int = 0
    lowest_day: dt.date | None = None
    no_personnel_figure: tuple[str, ...] = ()  # capabilities without a people figure
    reported: tuple[ForceSize, ...] = ()


class Shortfall(Frozen):
    """A capability short after sourcing, and the states to approach: they hold it and
    have said nothing yet in its domain (the registry's unknown)."""

    capability: str
    gap: float
    lines: tuple[str, ...]
    approach: tuple[str, ...]
    said_no: tuple[str, ...] = ()
    # Posts a framework nation fills: only these states can close that part.
    framework: tuple[str, ...] = ()


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
    lines: tuple[LineResult, ...] = ()
    force: ForcePersonnel | None = None
    shortfalls: tuple[Shortfall, ...] = ()

    @property
    def coverage(self) -> float:
        """Weighted share of the requirements covered, 0..1."""
        return self.objective / self.max_objective if self.max_objective else 1.0


class Bid(Frozen):
    """What a nation put on the table at a conference: ``units`` of one offer for one
    line. A later round's bid for the same offer and line replaces it; 0 withdraws it."""

    offer: str
    line: str
    units: int = Field(ge=0)
    note: str | None = None


class Conference(Frozen):
    """A force sourcing conference round: its bids (new or changed since the round
    before; earlier ones stand), the scenario the staff plans on, and its date (the
    registry is read as of it)."""

    round: int = Field(ge=1)
    date: dt.date
    title: str
    scenario: str
    bids: tuple[Bid, ...] = ()


class BidState(Frozen):
    """A standing bid at a round: full (covers the line's quantity) or partial, and
    the round it was made in."""

    offer: str
    actor: str
    line: str
    units: int
    full: bool  # covers what the line needs of it over every period of the horizon
    made_in: int
    # Whether the bid's pledge stands in the registry on the round's date, and how.
    pledge_stands: bool = True
    pledge_status: str = ""


class RoundResult(Frozen):
    """A conference round: bids standing, the accepted assignment (sourcing on the bids
    alone), and the shortfalls carried to the next round with the states to approach."""

    conference: Conference
    bids: tuple[BidState, ...]
    result: SourcingResult


class LineChange(Frozen):
    line: str
    before: float  # share of the line's periods' quantity covered, 0..1
    after: float
    met_before: bool
    met_after: bool


class RoundComparison(Frozen):
    """What changed between two rounds: per line, and the bids made, changed or
    withdrawn in between."""

    first: int
    second: int
    lines: tuple[LineChange, ...]
    bids_added: tuple[BidState, ...]
    bids_withdrawn: tuple[BidState, ...]
    bids_changed: tuple[tuple[BidState, BidState], ...]
    coverage_before: float
    coverage_after: float
