"""Source the requirements under one scenario and explain the result."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import numpy as np

from coalition.domain.forcegen import (
    Assignment,
    CapabilityGap,
    OfferState,
    OfferUse,
    RequirementResult,
    Scenario,
    SourcingResult,
)
from coalition.forcegen.eligibility import NOT_SO, Prepared
from coalition.forcegen.optimiser import greedy, solve
from coalition.forcegen.problem import Problem, Solution, covered_by
from coalition.forcegen.sustainment import line_results, personnel, shortfalls

METHODS = ("milp", "greedy")


def with_share(problem: Problem, share: float) -> Problem:
    return replace(problem, max_share=share)


def source(
    prepared: Prepared,
    scenario: Scenario,
    method: str = "milp",
    gap: float = 1e-4,
    time_limit: float = 60.0,
) -> SourcingResult:
    """Assign available units to requirements under ``scenario``; explain every unit.
    The mixed-integer solver stops once proven within ``gap`` or after ``time_limit``
    seconds, whichever comes first; the result carries the gap it proved."""
    available, states = prepared.availability(scenario)
    blocked = prepared.blocked(scenario)
    problem = with_share(
        prepared.problem_for(scenario, blocked), scenario.max_share_per_state
    ).restrict(available)
    solution = (
        solve(problem, time_limit=time_limit, mip_rel_gap=gap)
        if method == "milp"
        else greedy(problem)
    )
    share_limited = scenario.max_share_per_state < 1
    requirements = _requirements(prepared, problem, solution, available, share_limited, blocked)
    warnings = []
    planners = [o.id for o in prepared.offers if o.declared is None]
    if planners:
        warnings.append(
            f"{len(planners)} of {len(prepared.offers)} offers count the planner's units "
            "(the offers file), not units a state declared in the registry"
        )
    if scenario.is_uncertain():
        warnings.append(
            "this scenario has probabilities: each uncertain condition is read as "
            "holding when p >= 0.5; use `coalition scenarios` for the probabilistic view"
        )
    return SourcingResult(
        scenario=scenario,
        as_of=prepared.as_of,
        method=method,
        objective=solution.objective,
        max_objective=problem.max_objective(),
        mip_gap=solution.gap,
        seconds=solution.seconds,
        requirements=requirements,
        gaps=_gaps(prepared, solution),
        offers=_offers(
            prepared,
            problem,
            solution,
            states,
            blocked,
            requirements,
            share_limited,
        ),
        warnings=tuple(warnings),
        lines=line_results(prepared, requirements),
        force=personnel(prepared, requirements),
        shortfalls=shortfalls(prepared, requirements),
    )


def _requirements(
    prepared: Prepared,
    problem: Problem,
    solution: Solution,
    available: np.ndarray,
    share_limited: bool,
    blocked: dict[int, list[str]],
) -> tuple[RequirementResult, ...]:
    full = prepared.problem
    raw = covered_by(problem, solution.units)
    idle = _idle_cover(problem, solution, raw)
    results = []
    for r, req in enumerate(prepared.requirements):
        picks = np.flatnonzero((problem.pair_req == r) & (solution.units > 0))
        assignments = tuple(
            Assignment(
                offer_id=prepared.offers[o].id,
                actor=prepared.actors[o],
                requirement_id=req.id,
                units=int(solution.units[p]),
                efficiency=float(problem.pair_eff[p]),
            )
            for p in picks.tolist()
            for o in [int(problem.pair_offer[p])]
        )
        covered = float(min(solution.covered[r], req.quantity))
        assigned = float(min(raw[r], req.quantity))
        note = ""
        unmet = tuple(_unmet_enablers(prepared, solution, r)) if covered < req.quantity else ()
        held_back = covered < req.quantity - 1e-9 and r in idle
        if unmet:
            there = " (units that could fill it are there, but would not count)"
            note = f"{assigned:g} assigned, {covered:g} usable: {'; '.join(unmet)}"
            note += there if held_back else ""
        elif held_back:
            note = (
                "units that could fill it are idle: they would add nothing, because "
                + (f"the {req.enables} it serves cannot count yet" if req.enables
                   else "what it serves is short of something else")
            )  # fmt: skip
        elif covered < req.quantity - 1e-9:
            capable = full.pair_offer[full.pair_req == r]
            if r in blocked:
                note = (
                    f"nobody deploys here in this scenario: mission condition "
                    f"{', '.join(blocked[r])} does not hold (every force in Ukraine waits for it)"
                )
            elif len(capable) == 0:
                note = (
                    f"nobody can meet it: no offered unit of {req.capability} (or a substitute) "
                    "may serve it under its caveats"
                    + (" (no bid for it)" if all(o.lines for o in prepared.offers) else "")
                )
            elif not available[capable].any():
                note = "the units that could serve it are not available in this scenario"
            else:
                note = "short of units" + (
                    " (or held back by the share limit)" if share_limited else ""
                )
        results.append(
            RequirementResult(
                requirement=req,
                covered=covered,
                met=covered >= req.quantity - 1e-9,
                assignments=assignments,
                note=note,
                assigned=assigned,
                unmet_enablers=unmet,
                held_back=held_back,
            )
        )
    return tuple(results)


def _idle_cover(problem: Problem, solution: Solution, raw: np.ndarray) -> set[int]:
    """The short tasks that units left idle could fill, each idle unit counted once
    (highest-weight tasks first): their shortfall is not of units, but of what would
    make those units count."""
    spare = (problem.counts - np.bincount(
        problem.pair_offer, weights=solution.units, minlength=problem.n_offers
    )).astype(np.float64)  # fmt: skip
    fillable: set[int] = set()
    short = [r for r in range(problem.n_requirements)
             if solution.covered[r] < problem.quantity[r] - 1e-9]  # fmt: skip
    for r in sorted(short, key=lambda r: -problem.weight[r]):
        need = float(problem.quantity[r] - min(raw[r], problem.quantity[r]))
        taken: list[tuple[int, float]] = []
        for p in np.flatnonzero(problem.pair_req == r).tolist():
            o, eff = int(problem.pair_offer[p]), float(problem.pair_eff[p])
            units = min(spare[o], np.ceil(need / eff - 1e-9))
            if units > 0:
                taken.append((o, units))
                need -= units * eff
            if need <= 1e-9:
                break
        if need <= 1e-9:
            fillable.add(r)
            for o, units in taken:
                spare[o] -= units
    return fillable


def _unmet_enablers(prepared: Prepared, solution: Solution, r: int) -> list[str]:
    """The enablers that hold a task's units back, as "strategic_lift 0 of 1"."""
    e = prepared.problem.enabling
    if e is None:
        return []
    said = []
    for g in np.flatnonzero(e.target == r).tolist():
        members = e.member_req[e.member_group == g]
        have = float(solution.covered[members].sum()) if len(members) else 0.0
        if have + 1e-9 >= e.need[g]:
            continue
        if len(members) and prepared.requirements[int(members[0])].enables is not None:
            task = prepared.requirements[int(members[0])]
            said.append(f"{task.capability} unmet ({have:g} of {e.need[g]:g})")
        else:
            wanted = next((n for n in prepared.requirements[r].enablers if n.within_hours), None)
            what = wanted.capability if wanted else "enabler in reach"
            hours = f" within {wanted.within_hours:g} h" if wanted else ""
            said.append(f"no {what}{hours} in this plan")
    return said


def _gaps(prepared: Prepared, solution: Solution) -> tuple[CapabilityGap, ...]:
    required: dict[str, int] = defaultdict(int)
    covered: dict[str, float] = defaultdict(float)
    for r, req in enumerate(prepared.requirements):
        required[req.capability] += req.quantity
        covered[req.capability] += float(min(solution.covered[r], req.quantity))
    return tuple(
        CapabilityGap(capability=c, required=required[c], covered=covered[c])
        for c in sorted(required)
    )


def _offers(
    prepared: Prepared,
    problem: Problem,
    solution: Solution,
    states: list[OfferState],
    blocked: dict[int, list[str]],
    results: tuple[RequirementResult, ...],
    share_limited: bool,
) -> tuple[OfferUse, ...]:
    uses = []
    used_per_offer = np.bincount(
        problem.pair_offer, weights=solution.units, minlength=problem.n_offers
    ).astype(int)
    for o, offer in enumerate(prepared.offers):
        used = int(used_per_offer[o])
        could = prepared.problem.pair_req[prepared.problem.pair_offer == o].tolist()
        lost_to: tuple[str, ...] = ()
        if not states[o].available:
            reason = states[o].reason
            lost_to = states[o].failing
        elif could and all(r in blocked for r in could):
            waits = sorted({v for r in could for v in blocked[r]})
            lost_to = tuple(f"{v} (mission)" for v in waits)
            reason = (
                f"every requirement it may serve is in Ukraine and waits for the mission "
                f"condition {', '.join(waits)}{NOT_SO}"
            )
        elif not (problem.pair_offer == o).any():
            caveats = prepared.why_not.get(o)
            reason = (
                ("no requirement it may serve: " + "; ".join(caveats))
                if caveats
                else (f"no requirement needs {offer.capability} or what it can stand in for")
            )
        else:
            picks = np.flatnonzero((problem.pair_offer == o) & (solution.units > 0))
            where = ", ".join(
                f"{prepared.requirements[int(problem.pair_req[p])].id} x{int(solution.units[p])}"
                for p in picks.tolist()
            )
            waiting = sorted(
                {results[r].requirement.id for r in problem.pair_req[problem.pair_offer == o]
                 .tolist() if results[r].held_back}
            )  # fmt: skip
            rest = (
                f"would not count where it is short: {', '.join(waiting)} lack what would "
                "make them count"
                if waiting
                else "not needed" + (" or held back by the share limit" if share_limited else "")
            )
            if used == offer.count:
                reason = f"all used: {where}"
            elif used:
                reason = f"{used} used ({where}); the rest {rest}"
            elif waiting:
                reason = f"eligible, but {rest}"
            else:
                reason = "eligible but not needed: what it can serve is covered" + (
                    ", or held back by the share limit" if share_limited else ""
                )
        uses.append(
            OfferUse(
                offer_id=offer.id,
                actor=prepared.actors[o],
                capability=offer.capability,
                count=offer.count,
                used=used,
                reason=reason,
                offered=prepared.offered[o],
                lost_to=lost_to if prepared.offered[o] else (),
            )
        )
    return tuple(uses)
