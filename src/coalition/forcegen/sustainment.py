"""What a force-generation cell reads after a sourcing run: each line with the units
that cover each rotation period and its enablers, the force's people against the sizes
public reporting gives, and each shortfall with the states to approach."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from coalition.domain import Bucket
from coalition.domain.forcegen import (
    ForcePersonnel,
    LineResult,
    Requirement,
    RequirementResult,
    Shortfall,
)
from coalition.domain.quantities import ForceSize
from coalition.forcegen.eligibility import Prepared


def people_per_unit(prepared: Prepared, task: Requirement) -> int | None:
    if task.personnel_per_unit is not None:
        return task.personnel_per_unit
    capability = prepared.capabilities.get(task.capability)
    return None if capability is None else capability.personnel


def line_results(
    prepared: Prepared, results: tuple[RequirementResult, ...]
) -> tuple[LineResult, ...]:
    """Tasks regrouped under their lines, in the statement's order."""
    by_line: dict[str, list[RequirementResult]] = defaultdict(list)
    for result in results:
        by_line[result.requirement.of_line or result.requirement.id].append(result)
    lines = []
    for line in prepared.lines:
        tasks = by_line.get(line.id, [])
        periods = tuple(t for t in tasks if t.requirement.enables is None)
        enablers = tuple(t for t in tasks if t.requirement.enables is not None)
        lines.append(
            LineResult(
                line=line,
                periods=periods,
                enablers=enablers,
                met=all(t.met for t in tasks),
                personnel_per_unit=people_per_unit(prepared, line),
                sustained_units=line.quantity * _ratio(prepared, line) if line.standing else None,
            )
        )
    return tuple(lines)


def personnel(prepared: Prepared, results: tuple[RequirementResult, ...]) -> ForcePersonnel:
    """People on the busiest day of the horizon, needed and sourced; the fewest the
    sourcing puts there on any day the lines need people (a force that falls away at
    the first relief shows here); what standing lines tie up with rotations; and the
    newest reported sizes of the force or of parts of it."""
    missing: set[str] = set()
    days: list[tuple[dt.date, int, int]] = []
    for day in sorted({r.requirement.start for r in results}):
        need = have = 0
        for r in results:
            task = r.requirement
            if not task.start <= day <= (task.end or dt.date.max):
                continue
            each = people_per_unit(prepared, task)
            if each is None:
                missing.add(task.capability)
                continue
            need += task.quantity * each
            have += round(r.covered * each)
        days.append((day, need, have))
    busiest = max(days, key=lambda d: d[1], default=(None, 0, 0))
    lowest = min((d for d in days if d[1]), key=lambda d: d[2], default=(None, 0, 0))
    return ForcePersonnel(
        required_at_once=busiest[1],
        sourced_at_once=busiest[2],
        busiest_day=busiest[0],
        sourced_lowest=lowest[2],
        lowest_day=lowest[0],
        sustained=sum(_tied_up(prepared, line) for line in prepared.lines if line.standing),
        no_personnel_figure=tuple(sorted(missing)),
        reported=_newest_sizes(prepared.sizes),
    )


def _tied_up(prepared: Prepared, line: Requirement) -> int:
    """People a standing line ties up for good: its units and dedicated enablers, times
    the capability's ratio (1:3)."""
    people = line.quantity * (people_per_unit(prepared, line) or 0)
    for need in line.enablers:
        enabler = prepared.capabilities.get(need.capability)
        if need.quantity and enabler and enabler.personnel:
            people += need.quantity * enabler.personnel
    return people * _ratio(prepared, line)


def _ratio(prepared: Prepared, line: Requirement) -> int:
    """Units a standing commitment ties up per unit deployed (the capability's ratio)."""
    capability = prepared.capabilities.get(line.capability)
    return capability.rotation_ratio if capability else 1


def _newest_sizes(sizes: list[ForceSize]) -> tuple[ForceSize, ...]:
    """The newest figures for each part of the force (the whole, or the states a figure
    covers), at one time and with rotations: all of that day's, when several were
    reported on it."""
    chosen: list[ForceSize] = []
    for part in dict.fromkeys((s.covers, s.span) for s in sizes):
        same = [s for s in sizes if (s.covers, s.span) == part]
        newest = max(s.date for s in same)
        chosen += [s for s in same if s.date == newest]
    return tuple(sorted(chosen, key=lambda s: (len(s.covers) > 0, s.date), reverse=False))


def shortfalls(prepared: Prepared, results: tuple[RequirementResult, ...]) -> tuple[Shortfall, ...]:
    """Per capability short, the lines short of it and who to approach (see
    ``_whom_to_ask``); a framework nation's posts are put to nobody else."""
    gap: dict[str, float] = defaultdict(float)
    lines: dict[str, list[str]] = defaultdict(list)
    framework: dict[str, set[str]] = defaultdict(set)
    open_to_all: set[str] = set()  # capabilities short on a line anyone may fill
    reach: dict[str, set[str]] = defaultdict(set)  # capability -> who can reach its lines
    anywhere: set[str] = set()  # capabilities short on a line every state can reach
    for r in results:
        short = r.requirement.quantity - r.covered
        if r.held_back:  # its units are there; the shortfall is its enablers'
            continue
        if short > 1e-9 and r.assigned is not None and r.assigned < r.requirement.quantity - 1e-9:
            capability = r.requirement.capability
            gap[capability] += r.requirement.quantity - r.assigned
            lines[capability].append(r.requirement.of_line or r.requirement.id)
            region = prepared.regions.get(r.requirement.region)
            if region is not None and region.reachable_by:
                reach[capability] |= set(region.reachable_by)
            else:
                anywhere.add(capability)
            if r.requirement.filled_by:
                framework[capability] |= set(r.requirement.filled_by)
            else:
                open_to_all.add(capability)
    found = []
    for capability in sorted(gap):
        candidates, said_no = _whom_to_ask(prepared, capability)
        if capability not in anywhere:  # every short line is where few can reach
            candidates = tuple(c for c in candidates if c in reach[capability])
        anyone = capability in open_to_all
        found.append(
            Shortfall(
                capability=capability,
                gap=round(gap[capability], 2),
                lines=tuple(dict.fromkeys(lines[capability])),
                approach=candidates if anyone else (),
                framework=tuple(sorted(framework[capability])),
                said_no=said_no if anyone else (),
            )
        )
    return tuple(found)


def _whom_to_ask(prepared: Prepared, capability: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """States of the coalition's circle that hold ``capability`` and offer none of it:
    those still considering troops in its domain first, then those that have said
    nothing there (the registry's unknown); and apart, those that ruled troops there
    out. A holder outside the circle (never at a meeting, no pledge) is not listed."""
    kind = prepared.capabilities.get(capability)
    domain = kind.domain.value if kind and kind.domain else None
    said = prepared.spoken.get(domain, {}) if domain else {}
    engaged = {
        actor
        for offer, actor in zip(prepared.offers, prepared.actors, strict=True)
        if offer.capability == capability
    }
    holders = [s for s in prepared.holdings.get(capability, []) if s not in engaged]
    considering = [s for s in holders if said.get(s) is Bucket.OPEN]
    silent = [s for s in holders if said.get(s) is Bucket.UNKNOWN]
    return tuple(considering + silent), tuple(s for s in holders if said.get(s) is Bucket.OUT)
