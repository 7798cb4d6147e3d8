"""Where each report lies, for whole arrays at once (Shapely 2's vectorised functions and
an STRtree over the sectors): distance to the line of contact in metres, the side of the
line, the zone, the reporting sector, and whether a weapon sighting breaks a withdrawal
rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from coalition.domain.monitoring import ReportType
from coalition.monitoring.rules import Rules
from coalition.monitoring.theatre import Floats, Theatre

OUTSIDE = "outside"  # sector of a report that falls in no sector
REAR = "rear"  # zone beyond every zone


# Up to this many segments the nearest one is found by brute force over all of them
# (numpy, faster than any index for a line of a few dozen vertices); beyond, an STRtree.
_BRUTE_FORCE_SEGMENTS = 128
_CHUNK = 250_000


def _nearest_segment(start: Floats, end: Floats, x: Floats, y: Floats) -> np.ndarray:
    """Index of the segment nearest to each point."""
    if len(start) > _BRUTE_FORCE_SEGMENTS:
        segments = shapely.linestrings(np.stack([start, end], axis=1))
        (_, nearest) = shapely.STRtree(segments).query_nearest(
            shapely.points(x, y), all_matches=False
        )
        return np.asarray(nearest)
    best = np.zeros(len(x), dtype=np.int64)
    for lo in range(0, len(x), _CHUNK):
        px, py = x[lo : lo + _CHUNK, None], y[lo : lo + _CHUNK, None]
        d = end - start
        t = ((px - start[:, 0]) * d[:, 0] + (py - start[:, 1]) * d[:, 1]) / (d**2).sum(axis=1)
        t = np.clip(t, 0.0, 1.0)
        gap = (start[:, 0] + t * d[:, 0] - px) ** 2 + (start[:, 1] + t * d[:, 1] - py) ** 2
        best[lo : lo + _CHUNK] = np.argmin(gap, axis=1)
    return best


def distance_and_side(line: shapely.LineString, x: Floats, y: Floats) -> tuple[Floats, np.ndarray]:
    """Distance in metres from each point to the line, and whether it lies left of the
    line's direction. Where the nearest point is a vertex, the direction there is the sum
    of the two segments' directions, so points off a corner get the side of both."""
    coords = np.asarray(line.coords, dtype=float)[:, :2]
    start, end = coords[:-1], coords[1:]
    direction = end - start
    unit = direction / np.hypot(direction[:, 0], direction[:, 1])[:, None]
    k = _nearest_segment(start, end, x, y)
    d = direction[k]
    t = ((x - start[k, 0]) * d[:, 0] + (y - start[k, 1]) * d[:, 1]) / (d**2).sum(axis=1)
    t = np.clip(t, 0.0, 1.0)
    nx, ny = start[k, 0] + t * d[:, 0], start[k, 1] + t * d[:, 1]
    distance = np.hypot(x - nx, y - ny)
    tangent = unit[k].copy()
    last = len(start) - 1
    at_start = (t <= 0.0) & (k > 0)
    at_end = (t >= 1.0) & (k < last)
    tangent[at_start] += unit[k[at_start] - 1]
    tangent[at_end] += unit[k[at_end] + 1]
    cross = tangent[:, 0] * (y - ny) - tangent[:, 1] * (x - nx)
    return distance, np.asarray(cross > 0)


_FEW_SECTORS = 64  # up to this many, each prepared sector is tested on every point


def sector_of(theatre: Theatre, x: Floats, y: Floats) -> np.ndarray:
    """Code of the sector each point falls in (a point on a shared edge, or in an overlap,
    goes to the first sector). With a few sectors, each is tested on all points at once
    (prepared, on raw coordinates: no point objects); with many, an STRtree picks the
    candidates."""
    result = np.full(len(x), OUTSIDE, dtype=object)
    if not len(theatre.sectors) or not len(x):
        return result
    if len(theatre.sectors) <= _FEW_SECTORS:
        free = np.ones(len(x), dtype=bool)
        for code, polygon in zip(theatre.sector_codes, theatre.sectors, strict=True):
            shapely.prepare(polygon)
            inside = free & shapely.intersects_xy(polygon, x, y)
            result[inside] = code
            free &= ~inside
        return result
    tree = shapely.STRtree(theatre.sectors)
    point_idx, sector_idx = tree.query(shapely.points(x, y), predicate="intersects")
    order = np.lexsort((sector_idx, point_idx))
    point_idx, sector_idx = point_idx[order], sector_idx[order]
    first = np.ones(len(point_idx), dtype=bool)
    first[1:] = point_idx[1:] != point_idx[:-1]
    codes = np.array(theatre.sector_codes, dtype=object)
    result[point_idx[first]] = codes[sector_idx[first]]
    return result


def zone_of(rules: Rules, distance_m: Floats) -> np.ndarray:
    """Name of the narrowest zone that contains each distance (``rear`` beyond all)."""
    zones = sorted(rules.zones, key=lambda z: z.each_side_km)
    edges = np.array([z.each_side_km * 1000.0 for z in zones])
    names = np.array([z.name for z in zones] + [REAR], dtype=object)
    return names[np.searchsorted(edges, distance_m, side="left")]


def locate(theatre: Theatre, rules: Rules, x: Floats, y: Floats) -> pd.DataFrame:
    """Distance to the line, side, zone and sector of projected points."""
    distance, left = distance_and_side(theatre.line, x, y)
    return pd.DataFrame(
        {
            "distance_m": np.asarray(distance, dtype=float),
            "position_side": np.where(left, "left", "right"),
            "zone": zone_of(rules, np.asarray(distance, dtype=float)),
            "sector": sector_of(theatre, x, y),
        }
    )


def violations(
    rules: Rules, kind: pd.Series, weapon_class: pd.Series, distance_m: Floats
) -> tuple[Floats, np.ndarray]:
    """The distance each sighted weapon class must keep, and where it is closer."""
    required = weapon_class.map(rules.withdrawal_distance()).fillna(0.0).to_numpy(float)
    sighting = (kind == ReportType.WEAPON_SIGHTING.value).to_numpy()
    required = np.where(sighting, required, 0.0)
    return required, sighting & (distance_m < required)


def classify(reports: pd.DataFrame, theatre: Theatre, rules: Rules) -> pd.DataFrame:
    """The reports with ``x``, ``y`` (projected metres), ``distance_m``,
    ``position_side``, ``zone``, ``sector``, ``required_m`` (the distance the sighted
    weapon class must keep, 0 if none) and ``violation``."""
    out = reports.reset_index(drop=True).copy()
    x, y = theatre.to_metres(out["lon"].to_numpy(float), out["lat"].to_numpy(float))
    out["x"], out["y"] = x, y
    where = locate(theatre, rules, x, y)
    for column in where:
        out[column] = where[column].to_numpy()
    out["required_m"], out["violation"] = violations(
        rules, out["type"], out["weapon_class"], out["distance_m"].to_numpy(float)
    )
    return out
