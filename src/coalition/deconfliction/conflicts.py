"""Conflicts told in a planner's words: detection's rows become ``Conflict`` records
with ids, owners, the point of closest approach in longitude/latitude, the overlap, the
interval and the rule with its basis. Done only for the conflicts found (a few, or a few
hundred thousand on a synthetic day), in vectorised passes.
"""

from __future__ import annotations

import numpy as np
import shapely

from coalition.deconfliction.detect import Conflicts
from coalition.deconfliction.geometry import to_lonlat
from coalition.deconfliction.rules import RULE_KINDS, Rules
from coalition.deconfliction.volumes import Floats, Ints, VolumeTable, moment
from coalition.domain.deconfliction_results import Conflict


def conflict_id(a: tuple[str, str], b: tuple[str, str]) -> str:
    """Stable across runs and row orders: the two volumes' names, sorted."""
    first, second = sorted([a, b])
    return f"{first[0]}/{first[1]}~{second[0]}/{second[1]}"


def _where(table: VolumeTable, a: Ints, b: Ints, distance: Floats) -> tuple[Floats, Floats]:
    """Metric x, y: half-way across the gap between footprints, or inside the overlap."""
    if not len(a):
        return np.zeros(0), np.zeros(0)
    line = shapely.shortest_line(table.core[a], table.core[b])
    ends = shapely.get_coordinates(line).reshape(-1, 2, 2)
    step = ends[:, 1] - ends[:, 0]
    length = np.hypot(step[:, 0], step[:, 1])
    along = np.where(distance > 0, table.radius[a] + distance / 2, length / 2)
    along = along / np.where(length > 0, length, 1)
    return ends[:, 0, 0] + step[:, 0] * along, ends[:, 0, 1] + step[:, 1] * along


def describe(table: VolumeTable, found: Conflicts, rules: Rules) -> list[Conflict]:
    """One record per conflict, a zone always on the ``b`` side, in a stable order."""
    swap = table.zone[found.a]
    a = np.where(swap, found.b, found.a)
    b = np.where(swap, found.a, found.b)
    x, y = _where(table, a, b, found.distance_m)
    overlap = np.full(len(a), np.nan)
    inside = np.flatnonzero(found.distance_m == 0)
    if len(inside):
        shared = shapely.intersection(
            table.footprints(a[inside]), table.footprints(b[inside]), grid_size=None
        )
        overlap[inside] = shapely.area(shared) / 1e6
        spot = shapely.point_on_surface(shared)
        px, py = shapely.get_x(spot), shapely.get_y(spot)
        found_spot = ~np.isnan(px)
        x[inside[found_spot]], y[inside[found_spot]] = px[found_spot], py[found_spot]
    lon, lat = to_lonlat(x, y)
    begin = np.maximum(table.start[a], table.start[b])
    end = np.minimum(table.end[a], table.end[b])
    records = []
    for k in range(len(a)):
        i, j = int(a[k]), int(b[k])
        act_i = table.activities[int(table.activity[i])]
        act_j = table.activities[int(table.activity[j])]
        separation = rules.separations[int(found.rule[k])]
        first, last = sorted((float(begin[k]), float(end[k])))  # a gap: the time between
        records.append(
            Conflict(
                id=conflict_id(table.key(i), table.key(j)),
                a_activity=act_i.id,
                a_volume=table.volume_id[i],
                a_owner=act_i.owner,
                a_kind=RULE_KINDS[int(table.kind[i])],
                b_activity=act_j.id,
                b_volume=table.volume_id[j],
                b_owner=act_j.owner,
                b_kind=RULE_KINDS[int(table.kind[j])],
                rule=separation.id,
                rule_basis=separation.why,
                lon=round(float(lon[k]), 5),
                lat=round(float(lat[k]), 5),
                distance_m=round(float(found.distance_m[k]), 1),
                lateral_min_m=separation.lateral_m,
                overlap_km2=None if np.isnan(overlap[k]) else round(float(overlap[k]), 3),
                vertical_gap_m=round(float(found.vertical_gap_m[k]), 1),
                vertical_min_m=separation.vertical_m,
                time_gap_min=round(float(found.time_gap_s[k]) / 60, 1),
                time_buffer_min=separation.time_buffer_min,
                start=moment(first),
                end=moment(last),
            )
        )
    return sorted(records, key=lambda c: c.id)
