"""From registry pledges and offered units to the numeric problem, with reasons.

An offer counts only while its pledge is *in* or *conditional* on the date the scenario
reads the registry, and only where every condition it needs holds: the conditions of the
pledge's latest statements, the offer's own, ``parliament:XXX`` for "parliamentary
approval", and always ``government:XXX`` (the government that pledged stays in office).
A unit may serve a requirement of its capability, or one it substitutes for, in a region
its caveats allow, for the whole requirement window.

The mission's own conditions (registry, as of the same date) bind every requirement in
Ukraine: its preconditions (a ceasefire) decide whether anyone may serve it at all in a
scenario, and its posture (away from the line of contact) keeps every unit at the
planning distance, unless the requirement is exempt and says why.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from coalition.domain import Bucket, Domain
from coalition.domain.forcegen import (
    Capability,
    Offer,
    OfferState,
    Region,
    Requirement,
    Scenario,
)
from coalition.domain.quantities import ForceSize
from coalition.domain.types import AWAY_FROM_FRONT_LINE, PLACEMENT_CONDITIONS
from coalition.errors import CoalitionError
from coalition.forcegen.declared import declared_offers
from coalition.forcegen.files import ForceData
from coalition.forcegen.lines import plan
from coalition.forcegen.montecarlo import Uncertainty
from coalition.forcegen.problem import Bools, Problem
from coalition.forcegen.substitution import closure
from coalition.registry import Registry, read_pledge

OFFERED = {Bucket.IN, Bucket.CONDITIONAL}
#: Conditions that are placement caveats rather than facts a scenario decides.
PLACEMENT = AWAY_FROM_FRONT_LINE
NOT_SO = ": not so in this scenario"


def variables_of(condition: str, actor: str) -> str:
    return f"parliament:{actor}" if condition == "parliamentary_approval" else condition


@dataclass
class Prepared:
    """The problem over every offer whose pledge stands, before any scenario is applied."""

    as_of: dt.date
    offers: list[Offer]
    actors: list[str]
    status: list[str]
    offered: list[bool]
    needs: list[tuple[str, ...]]
    requirements: list[Requirement]
    problem: Problem
    why_not: dict[int, list[str]] = field(default_factory=dict)  # offer index -> reasons
    # per requirement: the mission's preconditions it waits for (in Ukraine only)
    requirement_needs: list[tuple[str, ...]] = field(default_factory=list)
    # the statement of requirements' lines the tasks come from, and how far ahead
    lines: list[Requirement] = field(default_factory=list)
    horizon_months: int = 12
    capabilities: dict[str, Capability] = field(default_factory=dict)
    holdings: dict[str, list[str]] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    # per domain, each state that has said something of troops there, and its bucket
    spoken: dict[str, dict[str, Bucket]] = field(default_factory=dict)
    sizes: list[ForceSize] = field(default_factory=list)
    conditions: set[str] = field(default_factory=set)  # the registry's condition codes

    def blocked(self, scenario: Scenario) -> dict[int, list[str]]:
        """Requirements nobody may serve under ``scenario``, with the mission conditions
        that do not hold. A mission condition must be true or false in a scenario: the
        force deploys or it does not, and the probabilistic view is asked per case."""
        result: dict[int, list[str]] = {}
        for r, needs in enumerate(self.requirement_needs):
            failing = []
            for variable in needs:
                value = scenario.value(variable)
                if not isinstance(value, bool) and 0 < value < 1:
                    raise CoalitionError(
                        f"scenario {scenario.id!r} gives the mission condition {variable!r} a "
                        f"probability ({value:g}); the whole force waits for it, so give it "
                        "true or false and compare the two scenarios"
                    )
                if not _holds(value):
                    failing.append(variable)
            if failing:
                result[r] = failing
        return result

    def problem_for(
        self, scenario: Scenario, blocked: dict[int, list[str]] | None = None
    ) -> Problem:
        """The problem with the requirements the mission's conditions block left out
        (``blocked``, if the caller has it already)."""
        mask = np.zeros(len(self.requirements), dtype=bool)
        mask[list(self.blocked(scenario) if blocked is None else blocked)] = True
        return self.problem.without_requirements(mask)

    def availability(self, scenario: Scenario) -> tuple[Bools, list[OfferState]]:
        """Which offers hold under a scenario (probabilities read as "likely": p >= 0.5)."""
        states: list[OfferState] = []
        mask = np.zeros(len(self.offers), dtype=bool)
        for i, offer in enumerate(self.offers):
            failing = [v for v in self.needs[i] if not _holds(scenario.value(v))]
            ok = self.offered[i] and not failing
            mask[i] = ok
            if not self.offered[i]:
                reason = f"pledge {self.status[i]} (registry as of {self.as_of})"
            elif failing:
                reason = "needs " + ", ".join(failing) + NOT_SO
            else:
                reason = "available"
            states.append(
                OfferState(
                    offer=offer,
                    status=self.status[i],
                    variables=self.needs[i],
                    available=ok,
                    reason=reason,
                    failing=tuple(failing),
                )
            )
        return mask, states


def _holds(value: bool | float) -> bool:
    return value if isinstance(value, bool) else value >= 0.5


def registry_day(scenarios: list[Scenario], on: dt.date | None = None) -> dt.date:
    """The day the registry is read as of: ``on`` if given, else the date the scenarios
    share (each states the day its assumptions were made), else today (UTC)."""
    if on is not None:
        return on
    dates = {s.as_of for s in scenarios if s.as_of}
    return dates.pop() if len(dates) == 1 else dt.datetime.now(dt.UTC).date()


def prepare(
    registry: Registry,
    data: ForceData,
    as_of: dt.date,
    horizon_months: int | None = None,
    offers: list[Offer] | None = None,
) -> Prepared:
    """Match every offer against every task (a line's rotation periods and enablers,
    planned ``horizon_months`` ahead) once; scenarios only switch offers. ``offers``
    replaces the planner's (a conference's bids)."""
    planned = plan(data, horizon_months or data.planning_horizon_months)
    tasks = planned.tasks
    best = closure(data.substitutions)
    mission = {c.code for c in registry.mission_conditions(as_of)}
    preconditions = tuple(sorted(mission - PLACEMENT_CONDITIONS))
    actors: list[str] = []
    status: list[str] = []
    offered: list[bool] = []
    needs: list[tuple[str, ...]] = []
    placed: list[Offer] = []
    if offers is None:  # the planner's offers, with what the registry declares
        offers = declared_offers(registry, data.offers, as_of)
    for offer in offers:
        pledge = registry.pledges[offer.pledge_id]
        reading = read_pledge(pledge, registry.statements[pledge.id], as_of)
        actors.append(pledge.actor)
        status.append(reading.status.label if reading else "not stated")
        offered.append(reading is not None and reading.bucket in OFFERED)
        conditions = (reading.conditions if reading else ()) + offer.conditions
        if PLACEMENT in conditions:
            offer = offer.model_copy(
                update={"min_distance_km": max(offer.min_distance_km, data.away_from_front_line_km)}
            )
        placed.append(offer)
        wanted = {variables_of(c, pledge.actor) for c in conditions if c != PLACEMENT}
        wanted.add(f"government:{pledge.actor}")
        needs.append(tuple(sorted(wanted)))
    owners = {a: i for i, a in enumerate(sorted(set(actors)))}

    pair_offer: list[int] = []
    pair_req: list[int] = []
    pair_eff: list[float] = []
    why_not: dict[int, list[str]] = defaultdict(list)
    for o, offer in enumerate(placed):
        for r, req in enumerate(tasks):
            eff = (
                1.0
                if req.capability == offer.capability
                else best.get((req.capability, offer.capability))
            )
            if eff is None:
                continue
            reason = (
                _framework(req, actors[o])
                or _access(req, actors[o], data)
                or _caveat(offer, req, data, as_of)
                or _posture(req, data, mission)
            )
            if reason:
                why_not[o].append(f"{req.id}: {reason}")
                continue
            pair_offer.append(o)
            pair_req.append(r)
            pair_eff.append(eff)
    problem = Problem(
        counts=np.array([o.count for o in placed], dtype=np.int64),
        owner=np.array([owners[a] for a in actors], dtype=np.int64),
        quantity=np.array([r.quantity for r in tasks], dtype=np.int64),
        weight=np.array([r.weight for r in tasks], dtype=np.float64),
        pair_offer=np.array(pair_offer, dtype=np.int64),
        pair_req=np.array(pair_req, dtype=np.int64),
        pair_eff=np.array(pair_eff, dtype=np.float64),
        enabling=planned.enabling(),
    )
    return Prepared(
        as_of=as_of,
        offers=placed,
        actors=actors,
        status=status,
        offered=offered,
        needs=needs,
        requirements=tasks,
        problem=problem,
        why_not=dict(why_not),
        requirement_needs=[
            tuple(c for c in preconditions if c not in req.exempt_from)
            if data.regions[req.region].in_ukraine
            else ()
            for req in tasks
        ],
        lines=list(data.requirements),
        horizon_months=planned.horizon_months,
        capabilities=dict(data.capabilities),
        holdings=dict(data.holdings),
        regions=dict(data.regions),
        spoken=_spoken(registry, as_of),
        sizes=registry.sizes(as_of),
        conditions=set(registry.conditions),
    )


def _spoken(registry: Registry, as_of: dt.date) -> dict[str, dict[str, Bucket]]:
    """Per troop domain, each state of the coalition's circle (it attended a meeting or
    holds a pledge) and where it stands there on ``as_of``: in, conditional, open, out,
    or unknown (has said nothing of troops there), as the situation report reads it."""
    report = registry.situation(as_of)
    return {
        domain.value: {row.actor.code: row.bucket for row in section.rows}
        for domain, section in zip(Domain, report.sections, strict=False)
    }


def _access(req: Requirement, actor: str, data: ForceData) -> str | None:
    """Some regions only some states' units can reach (see ``Region.reachable_by``)."""
    region = data.regions[req.region]
    if region.reachable_by and actor not in region.reachable_by:
        return (f"{region.name} is reachable only by {', '.join(region.reachable_by)}'s units"
                + (f" ({region.access_note})" if region.access_note else ""))  # fmt: skip
    return None


def _framework(req: Requirement, actor: str) -> str | None:
    """Posts a framework nation fills are its own."""
    if req.filled_by and actor not in req.filled_by:
        return f"{req.id} is filled by its framework nation {', '.join(req.filled_by)}"
    return None


def _caveat(offer: Offer, req: Requirement, data: ForceData, as_of: dt.date) -> str | None:
    """Why a unit may not serve a requirement it is capable of, or None."""
    # Notice to move: a requirement that starts in 30 days cannot take a unit at 90
    # days' notice. (One under way takes it: it arrives late, and rotations, not this
    # check, plan the time.)
    lead = (req.start - as_of).days
    if offer.notice_days is not None and 0 <= lead < offer.notice_days:
        return f"needs {offer.notice_days} days' notice to move; {req.id} starts in {lead} days"
    if offer.lines and (req.of_line or req.id) not in offer.lines:
        return f"bid for {', '.join(offer.lines)} only"
    if req.region in offer.excluded_regions:
        return f"region {req.region} excluded by a national caveat"
    distance = data.regions[req.region].distance_to_front_km
    if distance < offer.min_distance_km:
        return (
            f"region {req.region} is {distance:g} km from the line of contact, "
            f"the caveat asks for {offer.min_distance_km:g} km"
        )
    if offer.available_from and offer.available_from > req.start:
        return f"available from {offer.available_from}, needed from {req.start}"
    if offer.available_until and (req.end is None or offer.available_until < req.end):
        return f"available until {offer.available_until}, needed until {req.end or 'open end'}"
    return None


def _posture(req: Requirement, data: ForceData, mission: set[str]) -> str | None:
    """The mission keeps every unit in Ukraine away from the line of contact."""
    region = data.regions[req.region]
    if PLACEMENT not in mission or not region.in_ukraine or PLACEMENT in req.exempt_from:
        return None
    if region.distance_to_front_km >= data.away_from_front_line_km:
        return None
    return (
        f"mission condition away from the front line: region {req.region} is "
        f"{region.distance_to_front_km:g} km from the line of contact, the force keeps "
        f"{data.away_from_front_line_km:g} km"
    )


def uncertainty(prepared: Prepared, scenario: Scenario) -> Uncertainty:
    """The scenario's variables as probabilities (fixed values are 0 or 1)."""
    names = sorted(
        {v for i, needs in enumerate(prepared.needs) if prepared.offered[i] for v in needs}
    )
    index = {name: i for i, name in enumerate(names)}
    values = [scenario.value(name) for name in names]
    return Uncertainty(
        variables=tuple(names),
        probability=np.array([float(v) for v in values], dtype=np.float64),
        needs=tuple(
            tuple(index[v] for v in needs) if prepared.offered[i] else ()
            for i, needs in enumerate(prepared.needs)
        ),
        offered=np.array(prepared.offered, dtype=bool),
    )
