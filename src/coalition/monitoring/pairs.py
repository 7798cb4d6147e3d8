"""Which reports corroborate each other: every pair that passes the link rule, found in
compiled loops (Numba) over a grid in space with each cell's reports in time order.

Why not a k-d tree over space and scaled time: it returns every pair inside a box that
must then be tested in numpy, and its queries took a second and a half for a million
reports; here each report looks only at the cells its own reach can touch, within the
time window, and applies the whole rule (different sources, compatible types, the same
weapon class, time, distance) before a pair is kept.

Each report searches as far as any partner could be: its own reach (its uncertainty, at
least half the floor) plus the widest reach of an ordinary report (the 99th percentile),
or plus the widest of all for the few reports wider than that. Of the two reports of a
pair, the one that searches farther always finds the other, and it alone keeps the pair
(on a tie, the one that comes first in the grid's order), so each pair is kept once.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from coalition.monitoring.compiled import LOCK, jit, prange
from coalition.monitoring.theatre import Floats

_WIDE_QUANTILE = 0.99  # reports wider than this search with the widest reach


class Reports(NamedTuple):  # a named tuple: Numba passes it into compiled code
    """What the link rule reads of each report (arrays of one length)."""

    x: Floats
    y: Floats
    t: Floats  # seconds
    uncertainty: Floats  # metres
    groups: np.ndarray  # bit mask of the type groups it belongs to
    weapon: np.ndarray  # code of its weapon class (one code for none)
    source: np.ndarray  # code of who stands behind it


class Grid(NamedTuple):
    """Cells of ``size`` metres holding the reports sorted by cell and, within a cell, by
    time (so a cell's reports in a time window lie next to each other in memory):
    ``start`` of each cell, and each sorted report's original index."""

    size: float
    nx: int
    ny: int
    start: np.ndarray
    order: np.ndarray


class Links(NamedTuple):
    """Pairs ``a < b`` that passed, with the measures that allowed each."""

    a: np.ndarray
    b: np.ndarray
    seconds_apart: Floats
    metres_apart: Floats
    metres_allowed: Floats


@jit()
def _keep(
    i: int, j: int, r: Reports, floor: float, g: Grid, out: Links, k: int, write: bool
) -> bool:  # fmt: skip  # pragma: no cover - compiled
    """Whether the pair ``(i, j)`` (sorted positions, within the time window and near
    enough by ``_near``) passes the rule: written at ``k`` with ``write``."""
    if r.source[i] == r.source[j] or (r.groups[i] & r.groups[j]) == 0:
        return False
    if r.weapon[i] != r.weapon[j]:
        return False
    gap = math.hypot(r.x[i] - r.x[j], r.y[i] - r.y[j])
    allowed = max(r.uncertainty[i] + r.uncertainty[j], floor)
    if not gap <= allowed:
        return False
    if write:
        a, b = g.order[i], g.order[j]
        out.a[k], out.b[k] = min(a, b), max(a, b)
        out.seconds_apart[k] = abs(r.t[i] - r.t[j])
        out.metres_apart[k], out.metres_allowed[k] = gap, allowed
    return True


@jit()
def _cell(
    c: int, r: Reports, radius: Floats, window: float, floor: float, g: Grid, out: Links,
    offsets: np.ndarray, counts: np.ndarray, write: bool,
) -> None:  # fmt: skip  # pragma: no cover - compiled
    """The pairs kept by the reports of cell ``c``, taken in time order. For a report that
    reaches only the neighbouring cells, one pointer per neighbour moves forward with the
    window (no search); a wider report searches each cell it reaches for the window."""
    ci, cj = c // g.ny, c % g.ny
    ptr = np.zeros(9, np.int64)
    for k in range(9):
        ni, nj = ci + k // 3 - 1, cj + k % 3 - 1
        if 0 <= ni < g.nx and 0 <= nj < g.ny:
            ptr[k] = g.start[ni * g.ny + nj]
    for i in range(g.start[c], g.start[c + 1]):
        if radius[i] < 0:  # not located
            continue
        at, found, rings = offsets[i] if write else 0, 0, math.ceil(radius[i] / g.size)
        for ni in range(max(ci - rings, 0), min(ci + rings, g.nx - 1) + 1):
            for nj in range(max(cj - rings, 0), min(cj + rings, g.ny - 1) + 1):
                n = ni * g.ny + nj
                if rings == 1:
                    k = (ni - ci + 1) * 3 + nj - cj + 1
                    while ptr[k] < g.start[n + 1] and r.t[ptr[k]] < r.t[i] - window:
                        ptr[k] += 1
                    j = ptr[k]
                else:
                    j = g.start[n] + np.searchsorted(r.t[g.start[n] : g.start[n + 1]],
                                                     r.t[i] - window)  # fmt: skip
                while j < g.start[n + 1] and r.t[j] <= r.t[i] + window:
                    # The quick tests, written out (a call per candidate costs more than
                    # they do): whether this report is the one to test the pair, and
                    # whether the two may be near enough. Most candidates end here.
                    dx, dy = r.x[i] - r.x[j], r.y[i] - r.y[j]
                    allowed = max(r.uncertainty[i] + r.uncertainty[j], floor)
                    if (radius[j] < radius[i] or (radius[j] == radius[i] and j > i)) and (
                        dx * dx + dy * dy <= allowed * allowed * (1.0 + 1e-9)
                    ):
                        found += _keep(i, j, r, floor, g, out, at + found, write)
                    j += 1
        counts[i] = found


@jit(parallel=True)
def _pass(
    r: Reports, radius: Floats, window: float, floor: float, g: Grid, occupied: np.ndarray,
    out: Links, offsets: np.ndarray, write: bool,
) -> np.ndarray:  # fmt: skip  # pragma: no cover - compiled
    """Count (or, with ``write``, write) the pairs each report keeps."""
    counts = np.zeros(len(r.x), np.int64)
    for q in prange(len(occupied)):
        _cell(occupied[q], r, radius, window, floor, g, out, offsets, counts, write)
    return counts


def _empty(n: int) -> Links:
    return Links(
        np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(n), np.zeros(n), np.zeros(n)
    )


def find_links(r: Reports, window: float, floor: float) -> Links:
    """Every pair of reports that passes the link rule, ordered by ``a`` then ``b``."""
    n, window, floor = len(r.x), float(window), float(floor)
    located = np.isfinite(r.x) & np.isfinite(r.y) & np.isfinite(r.t)
    if n < 2 or located.sum() < 2:
        return _empty(0)
    reach = np.maximum(r.uncertainty, floor / 2)
    cap = float(np.quantile(reach[located], _WIDE_QUANTILE))
    radius = reach + np.where(reach > cap, float(reach[located].max()), cap)
    radius[~located] = -1.0  # searches nothing; found by no one (a NaN gap never passes)
    x0, y0 = float(r.x[located].min()), float(r.y[located].min())
    span = max(float(np.ptp(r.x[located]) * np.ptp(r.y[located])), 1.0)
    size = max(2 * cap, floor, math.sqrt(span / 4e6), 1.0)
    ix = np.where(located, (np.nan_to_num(r.x) - x0) // size, 0).astype(np.int64)
    iy = np.where(located, (np.nan_to_num(r.y) - y0) // size, 0).astype(np.int64)
    nx, ny = int(ix.max()) + 1, int(iy.max()) + 1
    # Sorted by time, then (stably) by cell: each cell's reports in time order.
    by_time = np.argsort(np.nan_to_num(r.t), kind="stable")
    cell = ix * ny + iy
    order = by_time[np.argsort(cell[by_time], kind="stable")]
    start = np.searchsorted(cell[order], np.arange(nx * ny + 1)).astype(np.int64)
    grid = Grid(size, nx, ny, start, order)
    sorted_ = Reports(*(np.ascontiguousarray(column[order]) for column in r))
    occupied = np.flatnonzero(np.diff(start))
    with LOCK:
        counts = _pass(sorted_, radius[order], window, floor, grid, occupied, _empty(0),
                       np.zeros(0, np.int64), False)  # fmt: skip
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        out = _empty(int(offsets[-1]))
        _pass(sorted_, radius[order], window, floor, grid, occupied, out, offsets, True)
    keep = np.lexsort((out.b, out.a))
    return Links(*(np.asarray(column)[keep] for column in out))
