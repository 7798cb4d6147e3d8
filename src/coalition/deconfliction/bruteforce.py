"""Detection stated the obvious way: every pair of volumes, checked one by one in plain
Python. Too slow for a real day (quadratic); it exists as the reference that the
vectorised ``detect`` must agree with (property tests) and as the benchmark's baseline.
"""

from __future__ import annotations

import numpy as np

from coalition.deconfliction.detect import INTERIORS_MEET, Conflicts, empty
from coalition.deconfliction.rules import Rules
from coalition.deconfliction.volumes import VolumeTable


def brute_force(table: VolumeTable, rules: Rules) -> Conflicts:
    """The predicate of ``detect`` (see its module docstring), pair by pair."""
    rows = list(
        zip(
            table.activity.tolist(),
            table.kind.tolist(),
            table.zone.tolist(),
            table.floor.tolist(),
            table.ceiling.tolist(),
            table.start.tolist(),
            table.end.tolist(),
            table.core.tolist(),
            table.radius.tolist(),
            strict=True,
        )
    )
    found: list[tuple[int, int, int, float, float, float]] = []
    for i, (act_i, kind_i, zone_i, floor_i, ceil_i, start_i, end_i, core_i, r_i) in enumerate(rows):
        for j in range(i + 1, len(rows)):
            act_j, kind_j, zone_j, floor_j, ceil_j, start_j, end_j, core_j, r_j = rows[j]
            if act_i == act_j or (zone_i and zone_j):
                continue
            rule = int(rules.rule[kind_i, kind_j])
            if rule < 0:
                continue
            time_gap = max(start_i, start_j) - min(end_i, end_j)
            if not time_gap < rules.buffer_s[kind_i, kind_j]:
                continue
            vertical = max(floor_i, floor_j) - min(ceil_i, ceil_j)
            if not vertical < rules.vertical[kind_i, kind_j]:
                continue
            lateral = float(rules.lateral[kind_i, kind_j])
            excess = float(core_i.distance(core_j)) - (r_i + r_j)
            distance = max(excess, 0.0)
            if lateral > 0:
                close = distance < lateral
            elif r_i + r_j > 0:
                close = excess < 0
            else:
                close = excess == 0 and bool(core_i.relate_pattern(core_j, INTERIORS_MEET))
            if close:
                found.append((i, j, rule, distance, vertical, time_gap))
    if not found:
        return empty()
    a, b, rule_, distance_, vertical_, time_ = zip(*found, strict=True)
    return Conflicts(
        np.array(a, np.int64),
        np.array(b, np.int64),
        np.array(rule_, np.int64),
        np.array(distance_, float),
        np.array(vertical_, float),
        np.array(time_, float),
    )
