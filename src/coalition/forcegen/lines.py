"""From a statement of requirements' lines to the tasks sourcing fills.

A line is sustained, not filled once. A line longer than its capability's rotation is
cut into rotation periods, each a task for fresh units (which unit covers which period
is then the plan); a standing line is planned over the planning horizon. The horizon is
at most one rotation cycle (``rotation_ratio`` tours: with the 1:3 rule a unit back
from a tour recovers and prepares for two more before it deploys again), so within it
a unit serves one period at most, which is what the optimiser's "each unit once" says.
Beyond the horizon a standing line is sized by its ratio.

Each period's dedicated enablers (lift, force protection, communications) become tasks
of their own, linked to it: the period's units count only as far as its enablers are
met. An enabler in reach (a role 2 hospital within two hours) is any line of that
capability whose hub is near enough and whose time overlaps.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
from dateutil.relativedelta import relativedelta
from pyproj import Geod

from coalition.domain.forcegen import Region, Requirement
from coalition.errors import CoalitionError
from coalition.forcegen.files import ForceData
from coalition.forcegen.problem import Enabling

#: Weight of a dedicated enabler of its own: none. It counts through what it makes
#: usable, so lift is never flown for a battalion that would not count anyway.
ENABLER_WEIGHT = 0.0
#: A priority band outweighs every line of the bands below it (a staff fills band 1
#: first); within a band, the line's own weight. A line without a band counts as band 2.
BAND_FACTOR = {1: 100.0, 2: 10.0, 3: 1.0}
DAYS_PER_MONTH = 365.25 / 12
_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Planned:
    """The tasks to source (periods and enablers, in line order) and their links."""

    tasks: list[Requirement]
    # (task, enabler tasks, need): the task counts as far as the enablers are met
    links: list[tuple[int, list[int], float]]
    horizon_months: int

    def enabling(self) -> Enabling | None:
        if not self.links:
            return None
        return Enabling(
            target=np.array([t for t, _, _ in self.links], dtype=np.int64),
            need=np.array([n for _, _, n in self.links], dtype=np.float64),
            member_group=np.array(
                [g for g, (_, m, _) in enumerate(self.links) for _ in m], dtype=np.int64
            ),
            member_req=np.array([e for _, m, _ in self.links for e in m], dtype=np.int64),
        )


def end_of(line: Requirement, horizon_months: int) -> dt.date:
    """The last day a line is planned for: its end or the horizon, whichever comes
    first (beyond the horizon a line is sized by its ratio, not planned unit by unit)."""
    last: dt.date = line.start + relativedelta(months=horizon_months) - dt.timedelta(days=1)
    return last if line.end is None else min(line.end, last)


def periods(
    line: Requirement, rotation_months: int | None, horizon_months: int
) -> list[tuple[dt.date, dt.date]]:
    """The line's rotation periods (first and last day), within the planned window."""
    last = end_of(line, horizon_months)
    if rotation_months is None:
        return [(line.start, last)]
    found: list[tuple[dt.date, dt.date]] = []
    k = 0
    while True:
        first = line.start + relativedelta(months=k * rotation_months)
        if first > last:
            return found
        until = line.start + relativedelta(months=(k + 1) * rotation_months)
        found.append((first, min(last, until - dt.timedelta(days=1))))
        k += 1


def check_horizon(data: ForceData, horizon_months: int) -> None:
    """Within the horizon a unit must serve one period at most (see the module)."""
    cycles = {
        line.capability: cap.rotation_months * cap.rotation_ratio
        for line in data.requirements
        if (cap := data.capabilities[line.capability]).rotation_months is not None
        and (line.standing or line.end)
    }
    if cycles and horizon_months > min(cycles.values()):
        shortest = min(cycles, key=lambda c: cycles[c])
        capability = data.capabilities[shortest]
        raise CoalitionError(
            f"planning horizon {horizon_months} months is longer than one rotation cycle "
            f"of {shortest} ({capability.rotation_ratio} x {capability.rotation_months} "
            f"months); plan at most {cycles[shortest]} months ahead"
        )


def plan(data: ForceData, horizon_months: int) -> Planned:
    """Cut every line into its periods and enablers (see the module docstring)."""
    check_horizon(data, horizon_months)
    tasks: list[Requirement] = []
    dedicated: list[tuple[int, list[int], float]] = []
    reach: list[tuple[int, str, float]] = []  # (task, capability, hours)
    for line in data.requirements:
        capability = data.capabilities[line.capability]
        rotation = capability.rotation_months if (line.standing or line.end) else None
        spans = periods(line, rotation, horizon_months)
        months = [max(1, round(((b - a).days + 1) / DAYS_PER_MONTH)) for a, b in spans]
        for k, (first, last) in enumerate(spans, start=1):
            # A period weighs its share of the line's months (so February's short month
            # does not make a rotation weigh less); the first rotation is filled first
            # where the same units could go to either (a tie a planner breaks so).
            share = months[k - 1] / sum(months) * (1 + 1e-3 * (len(spans) - k))
            band = BAND_FACTOR[line.priority or 2]
            task = line.model_copy(update={
                "id": line.id if len(spans) == 1 else f"{line.id}#{k}",
                "start": first, "end": last, "standing": False,
                "weight": line.weight * band * share,
                "of_line": line.id, "period": k if len(spans) > 1 else None,
            })  # fmt: skip
            t = len(tasks)
            tasks.append(task)
            for need in line.enablers:
                if need.within_hours is not None:
                    reach.append((t, need.capability, need.within_hours))
                    continue
                assert need.quantity is not None
                tasks.append(task.model_copy(update={
                    "id": f"{task.id}+{need.capability}", "capability": need.capability,
                    "quantity": need.quantity, "weight": task.weight * ENABLER_WEIGHT,
                    "enablers": (), "enables": line.capability, "personnel_per_unit": None,
                    "filled_by": (),
                }))  # fmt: skip
                dedicated.append((t, [len(tasks) - 1], float(need.quantity)))
    links = list(dedicated)
    for t, wanted, hours in reach:
        within = [
            h for h, other in enumerate(tasks)
            if other.capability == wanted and h != t and _overlap(tasks[t], other)
            and _hours(data.regions[tasks[t].region], data.regions[other.region],
                       data.evacuation_kmh) <= hours
        ]  # fmt: skip
        links.append((t, within, 1.0))
    return Planned(tasks=tasks, links=links, horizon_months=horizon_months)


def _overlap(a: Requirement, b: Requirement) -> bool:
    a_end, b_end = a.end or dt.date.max, b.end or dt.date.max
    return a.start <= b_end and b.start <= a_end


def _hours(a: Region, b: Region, kmh: float) -> float:
    """Travel time between two hubs at the evacuation speed (distance on the WGS84
    ellipsoid); infinite when a hub has no coordinates, so nothing is in reach by
    guesswork."""
    if a.code == b.code:
        return 0.0
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    _, _, metres = _GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    return float(metres) / 1000 / kmh
