"""Where each report lies, for whole arrays at once (the nearest segment from compiled
loops in ``nearest``, Shapely 2's vectorised tests for the sectors): distance to the line
of contact in metres, the side of the line, the zone, the reporting sector, and whether a
weapon sighting breaks a withdrawal rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from coalition.domain.monitoring import ReportType
from coalition.monitoring.columns import labels, lookup
from coalition.monitoring.rules import Rules
from coalition.monitoring.theatre import Floats, Theatre

OUTSIDE = "outside"  # sector of a report that falls in no sector
REAR = "rear"  # zone beyond every zone


_FEW_SECTORS = 64  # up to this many, each prepared sector is tested on every point
_POINTS_PER_CELL = 8  # of the grid that settles whole cells at once


def _exact_sector(theatre: Theatre, x: Floats, y: Floats) -> np.ndarray:
    """Index of the first sector each point falls in, -1 for none. With a few sectors,
    each is tested on all points at once (prepared, on raw coordinates: no point
    objects); with many, an STRtree picks the candidates."""
    result = np.full(len(x), -1, dtype=np.int64)
    if len(theatre.sectors) <= _FEW_SECTORS:
        free = np.ones(len(x), dtype=bool)
        for i, polygon in enumerate(theatre.sectors):
            shapely.prepare(polygon)
            inside = free & shapely.intersects_xy(polygon, x, y)
            result[inside] = i
            free &= ~inside
        return result
    tree = shapely.STRtree(theatre.sectors)
    point_idx, sector_idx = tree.query(shapely.points(x, y), predicate="intersects")
    order = np.lexsort((sector_idx, point_idx))
    point_idx, sector_idx = point_idx[order], sector_idx[order]
    first = np.ones(len(point_idx), dtype=bool)
    first[1:] = point_idx[1:] != point_idx[:-1]
    result[point_idx[first]] = sector_idx[first]
    return result


def _settled_cells(theatre: Theatre, boxes: np.ndarray) -> np.ndarray:
    """For each box: the one sector whose interior holds all of it and no other sector
    touches it, -1 if no sector touches it, -2 if its points must be tested one by one."""
    for polygon in theatre.sectors:
        shapely.prepare(polygon)  # the tree tests the (prepared) sectors on the boxes
    sector_idx, box_idx = shapely.STRtree(boxes).query(theatre.sectors, predicate="intersects")
    touching = np.bincount(box_idx, minlength=len(boxes))
    whole = np.zeros(len(box_idx), dtype=bool)
    single = touching[box_idx] == 1
    whole[single] = shapely.contains_properly(
        theatre.sectors[sector_idx[single]], boxes[box_idx[single]]
    )
    status = np.where(touching == 0, -1, -2)
    status[box_idx[whole]] = sector_idx[whole]
    return status


def sector_index(theatre: Theatre, x: Floats, y: Floats) -> np.ndarray:
    """Index of the sector each point falls in, -1 for none (a point on a shared edge,
    or in an overlap, goes to the first sector). A grid of cells settles the cells that
    lie inside one sector, or outside all, in one test each; only the points of cells
    that a sector's edge crosses are tested one by one."""
    index = np.full(len(x), -1, dtype=np.int64)
    finite = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    if not len(theatre.sectors) or not len(finite):
        return index
    px, py = x[finite], y[finite]
    lo_x, lo_y = float(px.min()), float(py.min())
    span = max(float(np.ptp(px)) * float(np.ptp(py)), 1.0)
    size = max(float(np.sqrt(span * _POINTS_PER_CELL / len(px))), np.sqrt(span / 4e6), 1.0)
    ix = ((px - lo_x) // size).astype(np.int64)
    iy = ((py - lo_y) // size).astype(np.int64)
    rows = int(iy.max()) + 1
    ids = ix * rows + iy
    used = np.flatnonzero(np.bincount(ids))
    compact = np.zeros(int(used[-1]) + 1, dtype=np.int64)
    compact[used] = np.arange(len(used))
    cx, cy = lo_x + (used // rows) * size, lo_y + (used % rows) * size
    status = _settled_cells(theatre, shapely.box(cx, cy, cx + size, cy + size))[compact[ids]]
    index[finite] = status
    open_ = finite[status == -2]
    index[open_] = _exact_sector(theatre, x[open_], y[open_])
    return index


def _zones(rules: Rules) -> tuple[Floats, list[str]]:
    """Zone edges in metres, narrowest first, and the zones' names (``rear`` last)."""
    zones = sorted(rules.zones, key=lambda z: z.each_side_km)
    return np.array([z.each_side_km * 1000.0 for z in zones]), [z.name for z in zones] + [REAR]


def locate(theatre: Theatre, rules: Rules, x: Floats, y: Floats) -> pd.DataFrame:
    """Distance to the line, side, zone and sector of projected points."""
    # Numba takes a third of a second to load: commands that never locate a point
    # (most of the CLI) do not pay for it.
    from coalition.monitoring.nearest import distance_and_side

    distance, left = distance_and_side(theatre.line, x, y)
    edges, zone_names = _zones(rules)
    return pd.DataFrame(
        {
            "distance_m": distance,
            "position_side": labels(np.where(left, 0, 1), ["left", "right"]),
            "zone": labels(np.searchsorted(edges, distance, side="left"), zone_names),
            "sector": labels(sector_index(theatre, x, y), [*theatre.sector_codes, OUTSIDE]),
        }
    )


def violations(
    rules: Rules, kind: pd.Series, weapon_class: pd.Series, distance_m: Floats
) -> tuple[Floats, np.ndarray]:
    """The distance each sighted weapon class must keep, and where it is closer."""
    sighting = (kind == ReportType.WEAPON_SIGHTING.value).to_numpy(bool)
    required = np.where(sighting, lookup(weapon_class, rules.withdrawal_distance()), 0.0)
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
        out[column] = where[column]
    out["required_m"], out["violation"] = violations(
        rules, out["type"], out["weapon_class"], out["distance_m"].to_numpy(float)
    )
    return out
