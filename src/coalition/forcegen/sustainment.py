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
from coalition.domain.quantities import ForceSize, SizeSpan
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
        capability = prepared.capabilities.get(line.capability)
        ratio = capability.rotation_ratio if capability else 1
        lines.append(
            LineResult(
                line=line,
                periods=periods,
                enablers=enablers,
                met=all(t.met for t in tasks),
                personnel_per_unit=people_per_unit(prepared, line),
                sustained_units=line.quantity * ratio if line.standing else None,
            )
        )
    return tuple(lines)


def personnel(prepared: Prepared, results: tuple[RequirementResult, ...]) -> ForcePersonnel:
    """People on the busiest day of the horizon, needed and sourced; people a standing
    commitment ties up (the ratio); and the newest reported sizes of the whole force."""
    starts = sorted({r.requirement.start for r in results})
    missing: set[str] = set()
    best: tuple[int, int, dt.date | None] = (0, 0, None)
    for day in starts:
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
        if need > best[0]:
            best = (need, have, day)
    sustained = 0
    for line in prepared.lines:
        each = people_per_unit(prepared, line) or 0
        capability = prepared.capabilities.get(line.capability)
        ratio = capability.rotation_ratio if capability and line.standing else 1
        sustained += line.quantity * each * ratio
        for need_ in line.enablers:
            enabler = prepared.capabilities.get(need_.capability)
            if need_.quantity and enabler and enabler.personnel:
                sustained += need_.quantity * enabler.personnel * ratio
    return ForcePersonnel(
        required_at_once=best[0],
        sourced_at_once=best[1],
        sustained=sustained,
        busiest_day=best[2],
        no_personnel_figure=tuple(sorted(missing)),
        reported=_newest_sizes(prepared.sizes),
    )


def _newest_sizes(sizes: list[ForceSize]) -> tuple[ForceSize, ...]:
    """The newest whole-force figures, one at a time and one with rotations (all of
    that day's, when several were reported on it)."""
    chosen: list[ForceSize] = []
    for span in SizeSpan:
        whole = [s for s in sizes if not s.covers and s.span is span]
        if whole:
            newest = max(s.date for s in whole)
            chosen += [s for s in whole if s.date == newest]
    return tuple(chosen)


def shortfalls(prepared: Prepared, results: tuple[RequirementResult, ...]) -> tuple[Shortfall, ...]:
    """Per capability short, the lines short of it and who to approach: states that
    hold it, have said nothing of troops in its domain and offer none of it yet."""
    gap: dict[str, float] = defaultdict(float)
    lines: dict[str, list[str]] = defaultdict(list)
    framework: dict[str, set[str]] = defaultdict(set)
    open_to_all: set[str] = set()  # capabilities short on a line anyone may fill
    for r in results:
        short = r.requirement.quantity - r.covered
        if r.held_back:  # its units are there; the shortfall is its enablers'
            continue
        if short > 1e-9 and r.assigned is not None and r.assigned < r.requirement.quantity - 1e-9:
            capability = r.requirement.capability
            gap[capability] += r.requirement.quantity - r.assigned
            lines[capability].append(r.requirement.of_line or r.requirement.id)
            if r.requirement.filled_by:
                framework[capability] |= set(r.requirement.filled_by)
            else:
                open_to_all.add(capability)
    found = []
    for capability in sorted(gap):
        kind = prepared.capabilities.get(capability)
        domain = kind.domain.value if kind and kind.domain else None
        said = prepared.spoken.get(domain, {}) if domain else {}
        holders = prepared.holdings.get(capability, [])
        engaged = {
            actor
            for offer, actor in zip(prepared.offers, prepared.actors, strict=True)
            if offer.capability == capability
        }
        found.append(
            Shortfall(
                capability=capability,
                gap=round(gap[capability], 2),
                lines=tuple(dict.fromkeys(lines[capability])),
                approach=tuple(s for s in holders if s not in said and s not in engaged)
                if capability in open_to_all
                else (),
                framework=tuple(sorted(framework[capability])),
                said_no=tuple(s for s in holders if said.get(s) is Bucket.OUT)
                if capability in open_to_all
                else (),
            )
        )
    return tuple(found)
