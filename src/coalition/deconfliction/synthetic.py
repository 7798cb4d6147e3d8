"""Synthetic days of activities, of any size, from a seed: for the benchmark (a day of
100,000 volumes) and for property tests (a few dozen volumes packed into a few
kilometres, so that conflicts are the rule and the edge cases, touching windows and
bands, come up). Shapes are drawn in metres around the theatre's centre and converted to
longitude/latitude, as a planner's file would give them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from coalition.deconfliction.geometry import to_lonlat
from coalition.domain.deconfliction import (
    Activity,
    ActivityKind,
    Circle,
    Route,
    Volume,
    ZoneType,
)

OWNERS = ("GBR", "FRA", "DEU", "POL", "NLD", "TUR", "ROU", "BGR", "UKR", "USA")
#: Share of each kind in a synthetic day (drones dominate, as in any airspace today).
MIX = {
    ActivityKind.DRONE: 0.40,
    ActivityKind.FLIGHT: 0.15,
    ActivityKind.CONVOY: 0.20,
    ActivityKind.PATROL: 0.10,
    ActivityKind.NAVAL_TRANSIT: 0.05,
    ActivityKind.MINE_CLEARANCE: 0.03,
    ActivityKind.EXERCISE: 0.07,
}


#: (shape kind, metric coordinates, radius or width, floor, ceiling, start s, end s)
Part = tuple[str, np.ndarray, float, float, float, float, float]


@dataclass(frozen=True)
class Knobs:
    """Sizes of a synthetic day. The default extent is Ukraine's (1,300 x 800 km)."""

    half_width_m: float = 650_000
    half_height_m: float = 400_000
    size_scale: float = 1.0  # multiplies every shape's size
    max_volumes_per_activity: int = 3
    zones: int = 0  # standing zones (air-defence circles, restricted boxes)
    lattice: bool = False  # times on 15 minutes, heights on 100 m: touching edges occur


def _box(rng: np.random.Generator, cx: float, cy: float, w: float, h: float) -> np.ndarray:
    angle = rng.uniform(0, np.pi)
    corners = np.array([[-w, -h], [w, -h], [w, h], [-w, h]]) / 2
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return np.asarray(corners @ rotation.T + [cx, cy], float)


def _path(rng: np.random.Generator, cx: float, cy: float, length: float) -> np.ndarray:
    steps = int(rng.integers(1, 4))
    heading = rng.uniform(0, 2 * np.pi) + np.cumsum(rng.normal(0, 0.4, steps))
    legs = np.column_stack([np.cos(heading), np.sin(heading)]) * (length / steps)
    points = np.vstack([np.zeros((1, 2)), np.cumsum(legs, axis=0)])
    return np.asarray(points + np.array([cx, cy]), float)


def _band(rng: np.random.Generator, kind: ActivityKind, lattice: bool) -> tuple[float, float]:
    low, high, thick = {
        ActivityKind.FLIGHT: (3000, 11000, (1500, 6000)),
        ActivityKind.DRONE: (0, 5000, (150, 3000)),
        ActivityKind.NAVAL_TRANSIT: (-15, -15, (30, 60)),
        ActivityKind.MINE_CLEARANCE: (-80, -60, (60, 90)),
        ActivityKind.CONVOY: (0, 0, (10, 10)),
        ActivityKind.PATROL: (0, 0, (10, 200)),
        ActivityKind.EXERCISE: (0, 2000, (100, 3000)),
    }[kind]
    floor, depth = rng.uniform(low, high), rng.uniform(*thick)
    if lattice:
        floor, depth = round(floor, -2), max(100.0, round(depth, -2))
    return floor, floor + depth


def _shape(
    rng: np.random.Generator, kind: ActivityKind, cx: float, cy: float, scale: float
) -> tuple[str, np.ndarray, float]:
    """(shape kind, metric coordinates, radius or width in metres)."""
    if kind in (ActivityKind.FLIGHT, ActivityKind.EXERCISE, ActivityKind.MINE_CLEARANCE):
        size = {ActivityKind.FLIGHT: 30_000, ActivityKind.EXERCISE: 12_000}.get(kind, 6_000)
        w, h = rng.uniform(0.4, 1.0, 2) * size * scale
        return "polygon", _box(rng, cx, cy, w, h), 0.0
    if kind in (ActivityKind.DRONE, ActivityKind.PATROL):
        return "circle", np.array([[cx, cy]]), float(rng.uniform(500, 5_000) * scale)
    length = {ActivityKind.CONVOY: 80_000, ActivityKind.NAVAL_TRANSIT: 60_000}[kind]
    width = {ActivityKind.CONVOY: 150.0, ActivityKind.NAVAL_TRANSIT: 1_000.0}[kind]
    return "route", _path(rng, cx, cy, rng.uniform(0.2, 1.0) * length * scale), width * scale


def generate(
    n_volumes: int, seed: int = 0, day: dt.date = dt.date(2026, 6, 1), knobs: Knobs = Knobs()
) -> list[Activity]:
    """About ``n_volumes`` volumes (exactly, plus ``knobs.zones`` zones) in activities of
    one to a few volumes each. Built without re-validation: valid by construction."""
    rng = np.random.default_rng(seed)
    kinds = list(MIX)
    midnight = dt.datetime.combine(day, dt.time(), dt.UTC)
    drafts: list[tuple[ActivityKind, list[Part]]] = []
    made = 0
    while made < n_volumes:
        kind = kinds[int(rng.choice(len(kinds), p=list(MIX.values())))]
        count = min(int(rng.integers(1, knobs.max_volumes_per_activity + 1)), n_volumes - made)
        cx = rng.uniform(-knobs.half_width_m, knobs.half_width_m)
        cy = rng.uniform(-knobs.half_height_m, knobs.half_height_m)
        hours = float(rng.uniform(0.5, 6.0))
        start = float(rng.uniform(0, 24 - hours))
        parts: list[Part] = []
        for _ in range(count):
            shape, xy, size = _shape(rng, kind, cx, cy, knobs.size_scale)
            floor, ceiling = _band(rng, kind, knobs.lattice)
            begin, end = float(round(start * 3600)), float(round((start + hours) * 3600))
            if knobs.lattice:
                begin, end = round(begin / 900) * 900, max(round(end / 900), 1) * 900
                end = max(end, begin + 900)
            parts.append((shape, xy, size, floor, ceiling, float(begin), float(end)))
            cx += rng.normal(0, 8_000 * knobs.size_scale)
            cy += rng.normal(0, 8_000 * knobs.size_scale)
            start = min(start + hours * rng.uniform(0.3, 1.0), 24 - hours)
        drafts.append((kind, parts))
        made += count
    for z in range(knobs.zones):
        cx = rng.uniform(-knobs.half_width_m, knobs.half_width_m)
        cy = rng.uniform(-knobs.half_height_m, knobs.half_height_m)
        if z % 2 == 0:
            size = float(rng.uniform(5_000, 30_000) * knobs.size_scale)
            part: Part = ("circle", np.array([[cx, cy]]), size, 0.0, 20_000.0, 0.0, 86_400.0)
        else:
            side = rng.uniform(5_000, 20_000) * knobs.size_scale
            part = ("polygon", _box(rng, cx, cy, side, side), 0.0, 0.0, 20_000.0, 0.0, 86_400.0)
        drafts.append((ActivityKind.ZONE, [part]))

    # One projection call for every coordinate of the day.
    blocks = [xy for _, parts in drafts for _, xy, *_ in parts]
    sizes = np.array([len(b) for b in blocks])
    allxy = np.vstack(blocks)
    lon, lat = to_lonlat(allxy[:, 0], allxy[:, 1])
    lonlat = np.split(np.round(np.column_stack([lon, lat]), 7), np.cumsum(sizes)[:-1])
    position = 0
    activities = []
    for number, (kind, parts) in enumerate(drafts):
        volumes = []
        for k, (shape, _, size, floor, ceiling, begin, end) in enumerate(parts):
            corners = [(float(a), float(b)) for a, b in lonlat[position]]
            position += 1
            volumes.append(
                Volume.model_construct(
                    id=f"v{k + 1}",
                    polygon=corners if shape == "polygon" else None,
                    circle=Circle.model_construct(center=corners[0], radius_m=size)
                    if shape == "circle"
                    else None,
                    route=Route.model_construct(coordinates=corners, width_m=size)
                    if shape == "route"
                    else None,
                    floor_m=floor,
                    ceiling_m=ceiling,
                    start=midnight + dt.timedelta(seconds=begin),
                    end=midnight + dt.timedelta(seconds=end),
                )
            )
        is_zone = kind is ActivityKind.ZONE
        activities.append(
            Activity.model_construct(
                id=f"{'Z' if is_zone else 'A'}{number:06d}",
                owner="UKR" if is_zone else OWNERS[number % len(OWNERS)],
                kind=kind,
                zone=(ZoneType.AIR_DEFENCE if number % 2 == 0 else ZoneType.RESTRICTED)
                if is_zone
                else None,
                priority=0 if is_zone else int(rng.integers(0, 10)),
                unit=None if is_zone else f"synthetic unit {number}",
                name=None,
                volumes=tuple(volumes),
            )
        )
    return activities
