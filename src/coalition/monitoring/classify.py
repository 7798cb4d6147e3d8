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
TANGENT_M = 1.0  # half-length of the chord that gives the line's direction at a point


def side_of_line(line: shapely.LineString, x: Floats, y: Floats) -> np.ndarray:
    """True where a point lies left of the line's direction. The direction is the chord of
    the line around the point's nearest position, so points off a corner get the side of
    both segments."""
    points = shapely.points(x, y)
    along = shapely.line_locate_point(line, points)
    a = shapely.line_interpolate_point(line, np.clip(along - TANGENT_M, 0, line.length))
    b = shapely.line_interpolate_point(line, np.clip(along + TANGENT_M, 0, line.length))
    ax, ay = shapely.get_x(a), shapely.get_y(a)
    bx, by = shapely.get_x(b), shapely.get_y(b)
    cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax)
    return np.asarray(cross > 0)


def sector_of(theatre: Theatre, x: Floats, y: Floats) -> np.ndarray:
    """Code of the sector each point falls in (the first one, if sectors overlap)."""
    result = np.full(len(x), OUTSIDE, dtype=object)
    if not len(theatre.sectors) or not len(x):
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
    distance = shapely.distance(theatre.line, shapely.points(x, y)) if len(x) else np.zeros(0)
    left = side_of_line(theatre.line, x, y) if len(x) else np.zeros(0, dtype=bool)
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
