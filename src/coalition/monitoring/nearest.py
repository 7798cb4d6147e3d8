"""The nearest segment of a line, its distance and side, for a million points at once,
exactly, in compiled loops (Numba).

Why not numpy or an STRtree: against a line of realistic detail (thousands of vertices),
a vectorised search compares each point with many segments through large temporaries, and
a tree query per point costs seconds per million reports. Here points are grouped in
cells of a grid; for each cell, a tree of boxes over runs of consecutive segments gives
the segments that can be nearest to anything in the cell (branch and bound, nearest
boxes first), and each point of the cell is compared with those alone, nearest first.
The cost grows with the points and the logarithm of the line's detail.

Why exact: for a point ``p`` in a cell of centre ``c`` and half-diagonal ``h``,
``|d(p, S) - d(c, S)| <= h`` for every segment ``S``, so ``p``'s nearest segment is among
those with ``d(c, S) <= min_S d(c, S) + 2h``; and ``d(p, S) >= d(c, S) - |p - c|`` ends a
point's comparisons once no candidate left can beat its best. Ties go to the lowest
segment index, as a search over all segments gives (the tests hold both to that search
and to Shapely's distance).
"""

from __future__ import annotations

import math

import numpy as np
import shapely

from coalition.monitoring.compiled import LOCK, jit, prange
from coalition.monitoring.theatre import Floats

_CHUNKS = 64  # groups of cells shared among the threads
_SLACK = 1e-6  # metres added to the bound against rounding
_FAN = 8  # children per node of the segment tree


def _tree(sx: Floats, sy: Floats, ex: Floats, ey: Floats) -> tuple[np.ndarray, np.ndarray]:
    """Bounding boxes of runs of consecutive segments: runs of ``_FAN`` segments, runs of
    ``_FAN`` such runs, and so on up to one box. A line's consecutive segments lie close
    together, so these boxes nest tightly without any sorting. Returns the boxes (one row
    of min x, min y, max x, max y each, the lowest level first) and where each level
    starts."""
    low = np.column_stack([np.minimum(sx, ex), np.minimum(sy, ey)])
    high = np.column_stack([np.maximum(sx, ex), np.maximum(sy, ey)])
    levels: list[np.ndarray] = []
    starts = [0]
    while len(low) > 1 or not levels:
        groups = np.arange(0, len(low), _FAN)
        low = np.minimum.reduceat(low, groups, axis=0)
        high = np.maximum.reduceat(high, groups, axis=0)
        levels.append(np.hstack([low, high]))
        starts.append(starts[-1] + len(low))
    return np.ascontiguousarray(np.vstack(levels)), np.array(starts, dtype=np.int64)


@jit()
def _box_gap(px: float, py: float, boxes: np.ndarray, b: int) -> float:  # pragma: no cover
    """Distance from a point to box ``b`` (0 inside it)."""
    gx = max(boxes[b, 0] - px, 0.0, px - boxes[b, 2])
    gy = max(boxes[b, 1] - py, 0.0, py - boxes[b, 3])
    return math.sqrt(gx * gx + gy * gy)


@jit()
def _near_centre(
    cx: float, cy: float, reach: float,
    sx: Floats, sy: Floats, dx: Floats, dy: Floats, length2: Floats,
    boxes: np.ndarray, starts: np.ndarray,
    cand: np.ndarray, gap: Floats, stack: np.ndarray, dist: Floats,
) -> tuple[int, float]:  # fmt: skip  # pragma: no cover - compiled
    """Every segment within ``reach`` of the nearest one's distance from ``(cx, cy)``,
    by branch and bound down the tree (nearest boxes first, so the bound tightens early).
    Fills ``cand`` and ``gap`` and returns how many, and the nearest distance."""
    m, top = len(sx), len(starts) - 2
    nearest, found, depth = np.inf, 0, 1
    stack[0], dist[0] = top << 40, _box_gap(cx, cy, boxes, starts[top])  # level, node
    while depth:
        depth -= 1
        if dist[depth] > nearest + reach:
            continue
        level, node = stack[depth] >> 40, stack[depth] & ((1 << 40) - 1)
        if level == 0:
            for k in range(node * _FAN, min((node + 1) * _FAN, m)):
                g = math.sqrt(_gap2(cx, cy, sx, sy, dx, dy, length2, k))
                nearest = min(nearest, g)
                if g <= nearest + reach:
                    cand[found], gap[found] = k, g
                    found += 1
            continue
        below = starts[level - 1]
        mark = depth
        for child in range(node * _FAN, min((node + 1) * _FAN, starts[level] - below)):
            g = _box_gap(cx, cy, boxes, below + child)
            if g > nearest + reach:
                continue
            # nearest child on top of the stack, taken first
            at = depth
            while at > mark and dist[at - 1] < g:
                stack[at], dist[at] = stack[at - 1], dist[at - 1]
                at -= 1
            stack[at], dist[at] = ((level - 1) << 40) | child, g
            depth += 1
    return found, nearest


@jit()
def _bucket(
    x: Floats, y: Floats, x0: float, y0: float, size: float, nx: int, ny: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Points grouped by cell (a counting sort): ``order``, ``start`` by cell, and the
    cells that hold any point."""
    n = len(x)
    cell = np.empty(n, np.int64)
    counts = np.zeros(nx * ny + 1, np.int64)
    for p in range(n):
        i = min(max(int((x[p] - x0) / size), 0), nx - 1)
        j = min(max(int((y[p] - y0) / size), 0), ny - 1)
        cell[p] = i * ny + j
        counts[cell[p]] += 1
    start = np.zeros(nx * ny + 1, np.int64)
    for c in range(nx * ny):
        start[c + 1] = start[c] + counts[c]
    fill = start[:-1].copy()
    order = np.empty(n, np.int64)
    for p in range(n):
        order[fill[cell[p]]] = p
        fill[cell[p]] += 1
    occupied = np.flatnonzero(counts[:-1])
    return order, start, occupied


@jit()
def _gap2(
    px: float, py: float, sx: Floats, sy: Floats, dx: Floats, dy: Floats, length2: Floats, k: int
) -> float:  # pragma: no cover - compiled
    """Squared distance from a point to segment ``k``."""
    t = min(max(((px - sx[k]) * dx[k] + (py - sy[k]) * dy[k]) / length2[k], 0.0), 1.0)
    gap: float = (sx[k] + t * dx[k] - px) ** 2 + (sy[k] + t * dy[k] - py) ** 2
    return gap


@jit(parallel=True)
def _search(
    x: Floats, y: Floats, sx: Floats, sy: Floats, dx: Floats, dy: Floats, length2: Floats,
    boxes: np.ndarray, starts: np.ndarray, x0: float, y0: float, size: float, ny: int,
    order: np.ndarray, pt_start: np.ndarray, occupied: np.ndarray, bounds: np.ndarray,
) -> np.ndarray:  # fmt: skip  # pragma: no cover - compiled
    n, m = len(x), len(sx)
    best = np.empty(n, np.int64)
    reach = size * math.sqrt(2.0) + _SLACK  # twice a cell's half-diagonal
    for chunk in prange(len(bounds) - 1):
        cand, gap = np.empty(m, np.int64), np.empty(m)
        stack, dist = np.empty(64 * _FAN, np.int64), np.empty(64 * _FAN)
        for q in range(bounds[chunk], bounds[chunk + 1]):
            cell = occupied[q]
            cx, cy = x0 + (cell // ny + 0.5) * size, y0 + (cell % ny + 0.5) * size
            found, nearest = _near_centre(
                cx, cy, reach, sx, sy, dx, dy, length2, boxes, starts, cand, gap, stack, dist
            )
            kept = 0
            for f in range(found):
                if gap[f] <= nearest + reach:
                    cand[kept], gap[kept] = cand[f], gap[f]
                    kept += 1
            # Nearest to the centre first: a point ``p`` is at least ``d(c, S) - |p - c|``
            # from ``S``, so its search stops at the first that cannot beat its best.
            by_gap = np.argsort(gap[:kept])
            for e in range(pt_start[cell], pt_start[cell + 1]):
                p = order[e]
                off = math.hypot(x[p] - cx, y[p] - cy)
                bk, bd, limit = -1, np.inf, np.inf
                for f in by_gap:
                    if gap[f] - off > limit:
                        break
                    k = cand[f]
                    d2 = _gap2(x[p], y[p], sx, sy, dx, dy, length2, k)
                    if d2 < bd or (d2 == bd and k < bk):
                        bk, bd, limit = k, d2, math.sqrt(d2) + _SLACK
                best[p] = bk
    return best


def _cell_size(lo: Floats, hi: Floats, points: int) -> float:
    """Cells of about eight points each where points spread evenly over their box, never
    under 100 m nor more than four million cells."""
    span = max(float(hi[0] - lo[0]) * float(hi[1] - lo[1]), 1.0)
    return max(math.sqrt(span * 8.0 / max(points, 1)), math.sqrt(span / 4e6), 100.0)


def _bounds(occupied: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Cut the occupied cells into groups of about equal work (points, plus one per cell
    for its ring search)."""
    work = np.cumsum(start[occupied + 1] - start[occupied] + 1)
    parts = min(_CHUNKS, len(occupied))
    cuts = np.searchsorted(work, np.linspace(0, work[-1], parts + 1)[1:-1], side="right")
    return np.unique(np.concatenate([[0], cuts, [len(occupied)]])).astype(np.int64)


@jit(parallel=True)
def _measure(
    x: Floats,
    y: Floats,
    best: np.ndarray,
    sx: Floats,
    sy: Floats,
    dx: Floats,
    dy: Floats,
    length2: Floats,
    ux: Floats,
    uy: Floats,
) -> tuple[Floats, np.ndarray]:  # pragma: no cover - compiled
    """Distance to the nearest segment and whether the point lies left of the line. Where
    the nearest point is a vertex, the direction there is the sum of the two segments'
    directions, so points off a corner get the side of both."""
    n, last = len(x), len(sx) - 1
    distance, left = np.full(n, np.nan), np.zeros(n, np.bool_)
    for p in prange(n):
        k = best[p]
        if k < 0:
            continue
        t = min(max(((x[p] - sx[k]) * dx[k] + (y[p] - sy[k]) * dy[k]) / length2[k], 0.0), 1.0)
        nx, ny = sx[k] + t * dx[k], sy[k] + t * dy[k]
        distance[p] = math.hypot(x[p] - nx, y[p] - ny)
        tx, ty = ux[k], uy[k]
        if t <= 0.0 and k > 0:
            tx, ty = tx + ux[k - 1], ty + uy[k - 1]
        if t >= 1.0 and k < last:
            tx, ty = tx + ux[k + 1], ty + uy[k + 1]
        left[p] = tx * (y[p] - ny) - ty * (x[p] - nx) > 0.0
    return distance, left


def distance_and_side(line: shapely.LineString, x: Floats, y: Floats) -> tuple[Floats, np.ndarray]:
    """Distance in metres from each point to the line (NaN for a point that is not
    finite), and whether it lies left of the line's direction."""
    coords = np.asarray(line.coords, dtype=float)[:, :2]
    x, y = np.ascontiguousarray(x, float), np.ascontiguousarray(y, float)
    sx, sy = np.ascontiguousarray(coords[:-1, 0]), np.ascontiguousarray(coords[:-1, 1])
    dx, dy = np.diff(coords[:, 0]), np.diff(coords[:, 1])
    length2 = np.maximum(dx**2 + dy**2, 1e-18)
    norm = np.hypot(dx, dy)
    best = nearest_segment(sx, sy, dx, dy, length2, x, y)
    with LOCK:
        distance, left = _measure(x, y, best, sx, sy, dx, dy, length2, dx / norm, dy / norm)
    return np.asarray(distance, float), np.asarray(left, bool)


def nearest_segment(
    sx: Floats, sy: Floats, dx: Floats, dy: Floats, length2: Floats, x: Floats, y: Floats
) -> np.ndarray:
    """Index of the segment (from ``sx, sy`` along ``dx, dy``; ``length2`` its squared
    length, at least 1e-18) nearest to each point; -1 for a point that is not finite."""
    best = np.full(len(x), -1, dtype=np.int64)
    finite = np.isfinite(x) & np.isfinite(y)
    if not len(sx) or not finite.any():
        return best
    px, py = x[finite], y[finite]
    lo, hi = np.array([px.min(), py.min()]), np.array([px.max(), py.max()])
    size = _cell_size(lo, hi, len(px))
    nx = int((hi[0] - lo[0]) // size) + 1
    ny = int((hi[1] - lo[1]) // size) + 1
    x0, y0 = float(lo[0]), float(lo[1])
    boxes, starts = _tree(sx, sy, sx + dx, sy + dy)
    with LOCK:
        order, pt_start, occupied = _bucket(px, py, x0, y0, size, nx, ny)
        found = _search(
            px, py, sx, sy, dx, dy, length2, boxes, starts, x0, y0, size, ny,
            order, pt_start, occupied, _bounds(occupied, pt_start),
        )  # fmt: skip
    best[finite] = found
    return best
