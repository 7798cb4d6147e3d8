"""The changes resolution may choose from, for one activity: keep it, shift it in time
by whole steps, move its band by whole steps (aircraft only, never below the ground), or
lead its routes round the standing zones they cross. Each change has a cost, in minutes
of delay, weighted by the activity's priority, so that the optimiser prefers the small
change and the less important activity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import shapely

from coalition.deconfliction.geometry import line_lonlat, project
from coalition.deconfliction.reroute import reroute
from coalition.deconfliction.rules import Resolution
from coalition.domain.deconfliction import Activity, LonLat, Route, Volume
from coalition.domain.deconfliction_results import ChangeKind


@dataclass(frozen=True)
class Candidate:
    activity: int  # index into the plan's activities
    change: ChangeKind
    cost: float
    shift_min: int = 0
    band_m: float = 0.0
    routes: dict[str, list[LonLat]] = field(default_factory=dict)
    detour_km: float = 0.0


def weight(activity: Activity) -> float:
    """Moving a more important activity costs more."""
    return 1.0 + max(activity.priority, 0)


def time_and_band(index: int, activity: Activity, settings: Resolution) -> list[Candidate]:
    """Keep, every time shift, and every band change the activity allows."""
    w = weight(activity)
    found = [Candidate(index, ChangeKind.NONE, 0.0)]
    steps = int(settings.max_shift_h * 60 // settings.time_step_min)
    for k in [*range(-steps, 0), *range(1, steps + 1)]:
        minutes = k * settings.time_step_min
        found.append(Candidate(index, ChangeKind.SHIFT, w * abs(minutes) * settings.cost_per_minute,
                               shift_min=minutes))  # fmt: skip
    lowest = min(v.floor_m for v in activity.volumes)
    if activity.kind in settings.band_kinds and lowest >= 0:
        for m in [*range(-settings.max_band_steps, 0), *range(1, settings.max_band_steps + 1)]:
            metres = m * settings.band_step_m
            if lowest + metres >= 0:
                cost = w * abs(m) * settings.cost_per_band_step
                found.append(Candidate(index, ChangeKind.BAND, cost, band_m=metres))
    return found


def rerouted(
    index: int,
    activity: Activity,
    blocked: dict[str, list[tuple[str, shapely.Geometry]]],
    settings: Resolution,
) -> tuple[Candidate | None, str]:
    """One candidate that leads each route volume named in ``blocked`` round its zones
    (name, area widened by the rule's minimum, in metres), or None and why not."""
    if activity.kind not in settings.reroute_kinds:
        return None, f"a {activity.kind} is not rerouted"
    routes: dict[str, list[LonLat]] = {}
    added = 0.0
    for volume in activity.volumes:
        if volume.id not in blocked:
            continue
        if volume.route is None:
            return None, f"volume {volume.id} is a {volume.shape_kind}, not a route"
        line = project(np.array([shapely.LineString(volume.route.coordinates)], dtype=object))[0]
        new, why = reroute(line, volume.route.width_m / 2, blocked[volume.id],
                           settings.max_detour_ratio)  # fmt: skip
        if new is None:
            return None, f"volume {volume.id}: {why}"
        routes[volume.id] = line_lonlat(new)
        added += (new.length - line.length) / 1000
    if not routes:
        return None, "no route crosses a standing zone"
    cost = weight(activity) * (
        settings.cost_per_reroute + max(added, 0.0) * settings.cost_per_detour_km
    )
    return Candidate(index, ChangeKind.REROUTE, cost, routes=routes, detour_km=added), ""


def apply(activity: Activity, candidate: Candidate) -> Activity:
    """The activity as the candidate changes it (validated where a shape is new)."""
    if candidate.change is ChangeKind.NONE:
        return activity
    volumes = []
    shift = dt.timedelta(minutes=candidate.shift_min)
    for volume in activity.volumes:
        update: dict[str, object] = {}
        if candidate.change is ChangeKind.SHIFT:
            update = {"start": volume.start + shift, "end": volume.end + shift}
        elif candidate.change is ChangeKind.BAND:
            update = {
                "floor_m": volume.floor_m + candidate.band_m,
                "ceiling_m": volume.ceiling_m + candidate.band_m,
            }
        elif volume.id in candidate.routes and volume.route is not None:
            route = Route(coordinates=candidate.routes[volume.id], width_m=volume.route.width_m)
            update = {"route": route}
        volumes.append(volume.model_copy(update=update) if update else volume)
    return activity.model_copy(update={"volumes": tuple(volumes)})


def changed_volumes(activity: Activity, candidate: Candidate) -> list[Volume]:
    """The volumes whose footprint the candidate changes (reroutes only)."""
    return [v for v in apply(activity, candidate).volumes if v.id in candidate.routes]
