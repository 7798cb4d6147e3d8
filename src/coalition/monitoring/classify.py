"""Where each report lies, for whole arrays at once (Shapely 2's vectorised functions, an
exact grid over the line's segments and an STRtree over the sectors): distance to the line
of contact in metres, the side of the line, the zone, the reporting sector, and whether a
weapon sighting breaks a withdrawal rule."""

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
# (numpy, faster than any index for a line of a dozen vertices); beyond, a grid of cells
# narrows each point's search to the segments that can be nearest to anything in its cell.
_BRUTE_FORCE_SEGMENTS = 12
_CHUNK = 250_000


def _distance2(px: Floats, py: Floats, sx: Floats, sy: Floats, dx: Floats, dy: Floats,
               length2: Floats) -> Floats:  # fmt: skip
    """Squared distance from points to segments (start ``sx, sy``, direction ``dx, dy``),
    broadcast."""
    t = np.clip(((px - sx) * dx + (py - sy) * dy) / length2, 0.0, 1.0)
    return np.asarray((sx + t * dx - px) ** 2 + (sy + t * dy - py) ** 2, dtype=float)


def _brute_force(start: Floats, end: Floats, x: Floats, y: Floats) -> np.ndarray:
    d = end - start
    length2 = np.maximum((d**2).sum(axis=1), 1e-18)
    best = np.zeros(len(x), dtype=np.int64)
    for lo in range(0, len(x), _CHUNK):
        px, py = x[lo : lo + _CHUNK, None], y[lo : lo + _CHUNK, None]
        gap = _distance2(px, py, start[:, 0], start[:, 1], d[:, 0], d[:, 1], length2)
        best[lo : lo + _CHUNK] = np.argmin(gap, axis=1)
    return best


def _cell_size(x: Floats, y: Floats) -> float:
    """Cells of about eight points each where points are spread evenly, never under
    100 m: small cells keep each point's candidates few."""
    span = max(float(np.ptp(x)) * float(np.ptp(y)), 1.0)
    return max(float(np.sqrt(span * 8.0 / len(x))), 100.0)


def _candidates(
    start: Floats, end: Floats, cx: Floats, cy: Floats, size: float
) -> tuple[np.ndarray, np.ndarray]:
    """For each cell (centre ``cx, cy``), the segments within the band that may hold
    the nearest to any point in it: ``(cell, segment)`` pairs, by cell then segment."""
    segments = shapely.linestrings(np.stack([start, end], axis=1))
    tree = shapely.STRtree(segments)
    centres = shapely.points(cx, cy)
    cell, nearest = tree.query_nearest(centres, all_matches=False)
    reach = np.empty(len(cx))
    reach[cell] = shapely.distance(centres[cell], segments[nearest])
    band = reach + 2.0 * size * np.sqrt(0.5) + 1e-6
    row, col = tree.query(centres, predicate="dwithin", distance=band)
    order = np.lexsort((col, row))
    return row[order], col[order]


def _nearest_segment(start: Floats, end: Floats, x: Floats, y: Floats) -> np.ndarray:
    """Index of the segment nearest to each point (the lowest index on a tie, whichever
    search finds it).

    The grid search is exact: a point ``p`` in a cell of centre ``c`` and half-diagonal
    ``h`` has ``|d(p, S) - d(c, S)| <= h`` for every segment ``S``, so the segment
    nearest ``p`` is among those with ``d(c, S) <= min_S d(c, S) + 2h``; each point is
    then compared with its cell's candidates only.
    """
    if len(start) <= _BRUTE_FORCE_SEGMENTS or not len(x):
        return _brute_force(start, end, x, y)
    size = _cell_size(x, y)
    ix = np.floor((x - x.min()) / size).astype(np.int64)
    iy = np.floor((y - y.min()) / size).astype(np.int64)
    cells, inv = np.unique(ix * (int(iy.max()) + 1) + iy, return_inverse=True)
    cx = x.min() + (cells // (int(iy.max()) + 1) + 0.5) * size
    cy = y.min() + (cells % (int(iy.max()) + 1) + 0.5) * size
    d = end - start
    length2 = np.maximum((d**2).sum(axis=1), 1e-18)
    row, col = _candidates(start, end, cx, cy, size)
    counts = np.bincount(row, minlength=len(cells))
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    best = np.zeros(len(x), dtype=np.int64)
    # Cells in groups by how many candidates they have (a power of two, padded with
    # their first): a point's work is its own cell's candidates.
    width = 1 << np.ceil(np.log2(np.maximum(counts, 1))).astype(np.int64)
    for k in np.unique(width):
        chosen = np.flatnonzero(width == k)
        table = np.empty((len(chosen), int(k)), dtype=np.int64)
        slot = np.minimum(np.arange(int(k))[None, :], counts[chosen, None] - 1)
        table[:] = col[first[chosen, None] + slot]
        local = np.full(len(cells), -1, dtype=np.int64)
        local[chosen] = np.arange(len(chosen))
        points = np.flatnonzero(local[inv] >= 0)
        for lo in range(0, len(points), _CHUNK):
            idx = points[lo : lo + _CHUNK]
            cand = table[local[inv[idx]]]
            gap = _distance2(x[idx, None], y[idx, None], start[cand, 0], start[cand, 1],
                             d[cand, 0], d[cand, 1], length2[cand])  # fmt: skip
            best[idx] = cand[np.arange(len(idx)), np.argmin(gap, axis=1)]
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
    t = ((x - start[k, 0]) * d[:, 0] + (y - start[k, 1]) * d[:, 1]) / np.maximum(
        (d**2).sum(axis=1), 1e-18
    )
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
