"""Conflicts between volumes: closer than their kinds' minima in time, height and
distance all at once, found for every pair of a day in a few vectorised passes.

Two volumes (rows ``i``, ``j``) of different activities, not both standing zones, whose
kinds have a rule, conflict when all three hold:
  time gap      max(start) - min(end)        <  the rule's time buffer (s)
  vertical gap  max(floor) - min(ceiling)     <  the rule's vertical minimum (m)
  lateral       distance(footprints)          <  the rule's lateral minimum (m),
                or, for a minimum of 0, the footprints' interiors overlap.
A negative gap is an overlap; two windows that only touch (one ends as the other starts)
do not conflict under a zero buffer, nor two bands that only touch.

The order of the passes is the speed: R-trees (shapely's STRtree, one per kind) give the
pairs whose bounding boxes come within their rule's lateral minimum, numpy drops those
apart in time or in height, and only the few left get an exact GEOS distance
(vectorised), between cores: points, lines and polygons, widened by their radius.
``bruteforce.brute_force`` states the same predicate pair by pair in plain Python; the
tests hold the two to the same answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import shapely

from coalition.deconfliction.geometry import Geoms
from coalition.deconfliction.rules import Rules
from coalition.deconfliction.volumes import Floats, Ints, VolumeTable

#: GEOS DE-9IM pattern: the interiors of the two shapes intersect.
INTERIORS_MEET = "T********"
CHUNK = 20_000  # query rows per R-tree call, to bound the memory of candidate pairs


@dataclass(frozen=True)
class Conflicts:
    """Conflicting pairs of rows, columnar; ``a < b`` in row order."""

    a: Ints
    b: Ints
    rule: Ints  # index into Rules.separations
    distance_m: Floats
    vertical_gap_m: Floats
    time_gap_s: Floats

    def __len__(self) -> int:
        return len(self.a)

    def pairs(self) -> set[tuple[int, int, int]]:
        return set(zip(self.a.tolist(), self.b.tolist(), self.rule.tolist(), strict=True))

    def take(self, keep: np.ndarray) -> Conflicts:
        return Conflicts(
            self.a[keep],
            self.b[keep],
            self.rule[keep],
            self.distance_m[keep],
            self.vertical_gap_m[keep],
            self.time_gap_s[keep],
        )


def empty() -> Conflicts:
    z = np.zeros(0)
    return Conflicts(z.astype(np.int64), z.astype(np.int64), z.astype(np.int64), z, z, z)


def _boxes(envelope: Floats, reach: float) -> Geoms:
    return np.asarray(
        shapely.box(
            envelope[:, 0] - reach,
            envelope[:, 1] - reach,
            envelope[:, 2] + reach,
            envelope[:, 3] + reach,
        ),
        dtype=object,
    )


def candidate_blocks(table: VolumeTable, rules: Rules) -> Iterator[tuple[int, int, Ints, Ints]]:
    """For each pair of kinds ``(a, b)`` that has a rule, the pairs of rows ``i < j`` of
    those kinds whose footprint boxes come within that rule's lateral minimum: one R-tree
    per kind, queried with each rule's own reach (drone pairs, whose minimum is 0, are
    not searched 5 NM wide because flights need 5 NM)."""
    codes = np.unique(table.kind).tolist()
    groups = {c: np.flatnonzero(table.kind == c) for c in codes}
    trees = {c: shapely.STRtree(_boxes(table.envelope[groups[c]], 0.0)) for c in codes}
    for a in codes:
        for b in codes:
            if b < a or rules.rule[a, b] < 0:
                continue
            rows_a, rows_b = groups[a], groups[b]
            reach = float(rules.lateral[a, b])
            for first in range(0, len(rows_a), CHUNK):
                part = rows_a[first : first + CHUNK]
                q, t = trees[b].query(_boxes(table.envelope[part], reach))
                i, j = part[q], rows_b[t]
                if a == b:
                    keep = i < j
                    yield a, b, i[keep], j[keep]
                else:
                    yield a, b, np.minimum(i, j), np.maximum(i, j)


def gaps(table: VolumeTable, i: Ints, j: Ints) -> tuple[Floats, Floats]:
    """Time gap (s) and vertical gap (m) of each pair; negative means overlap."""
    time_gap = np.maximum(table.start[i], table.start[j]) - np.minimum(table.end[i], table.end[j])
    vertical = np.maximum(table.floor[i], table.floor[j]) - np.minimum(
        table.ceiling[i], table.ceiling[j]
    )
    return time_gap, vertical


def lateral_distance(table: VolumeTable, i: Ints, j: Ints) -> tuple[Floats, Floats]:
    """(distance between footprints, radii summed): footprints are cores widened by
    their radius, so the distance is the cores' less both radii, never below 0."""
    reach = table.radius[i] + table.radius[j]
    cores = np.asarray(shapely.distance(table.core[i], table.core[j]), float)
    return np.maximum(cores - reach, 0.0), cores - reach


def _block(table: VolumeTable, rules: Rules, a: int, b: int, i: Ints, j: Ints) -> Conflicts:
    """The conflicts among candidate pairs of kinds ``a`` and ``b`` (one rule: scalars)."""
    buffer_s, vertical_m = float(rules.buffer_s[a, b]), float(rules.vertical[a, b])
    lateral = float(rules.lateral[a, b])
    keep = table.activity[i] != table.activity[j]
    i, j = i[keep], j[keep]
    time_gap = np.maximum(table.start[i], table.start[j]) - np.minimum(table.end[i], table.end[j])
    keep = time_gap < buffer_s
    i, j, time_gap = i[keep], j[keep], time_gap[keep]
    vertical = np.maximum(table.floor[i], table.floor[j]) - np.minimum(
        table.ceiling[i], table.ceiling[j]
    )
    keep = vertical < vertical_m
    i, j, time_gap, vertical = i[keep], j[keep], time_gap[keep], vertical[keep]
    distance, excess = lateral_distance(table, i, j)
    if lateral > 0:
        close = distance < lateral
    else:
        # Interiors overlap: a circle or corridor reaches inside; two polygons share area.
        close = excess < 0
        polygons = np.flatnonzero((table.radius[i] + table.radius[j] == 0) & (excess == 0))
        close[polygons] = np.asarray(
            shapely.relate_pattern(table.core[i[polygons]], table.core[j[polygons]],
                                   INTERIORS_MEET),
            bool,
        )  # fmt: skip
    rule = np.full(int(close.sum()), rules.rule[a, b], dtype=np.int64)
    return Conflicts(i[close], j[close], rule, distance[close], vertical[close],
                     time_gap[close])  # fmt: skip


def concat(parts: list[Conflicts]) -> Conflicts:
    if not parts:
        return empty()
    return Conflicts(
        *(np.concatenate([getattr(p, f) for p in parts]) for f in Conflicts.__dataclass_fields__)
    )


def detect(table: VolumeTable, rules: Rules) -> Conflicts:
    """Every conflicting pair of the table (see the module docstring), ordered by row."""
    found = concat([_block(table, rules, *block) for block in candidate_blocks(table, rules)])
    order = np.lexsort((found.b, found.a))
    return found.take(order)
