"""Conformance: positions reported during execution checked against the volumes that
were declared for them. A point is conforming when one of its activity's volumes holds
it: inside the footprint, inside the band and inside the window. Consecutive points
outside make one alert, which says how far outside and which volume was nearest.

Vectorised over points x declared volumes of their activity; distances in metres in the
same CRS as detection, against the true circles and corridors.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import shapely
from pydantic import ValidationError

from coalition.deconfliction.geometry import to_metres
from coalition.deconfliction.volumes import build_table, moment, seconds
from coalition.domain.deconfliction import Activity
from coalition.domain.deconfliction_results import ConformanceAlert, TrackPoint
from coalition.errors import DataFileError, DataIssue

TRACK_COLUMNS = ("activity", "time", "lon", "lat", "altitude_m")


def read_tracks(path: Path) -> list[TrackPoint]:
    """Track points from CSV (columns as TRACK_COLUMNS); every bad row named."""
    issues: list[DataIssue] = []
    points = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in TRACK_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFileError([DataIssue(str(path), 1, c, "required column missing")
                                     for c in missing])  # fmt: skip
            for number, row in enumerate(reader, start=2):
                try:
                    points.append(TrackPoint.model_validate({c: row[c] for c in TRACK_COLUMNS}))
                except ValidationError as exc:
                    for error in exc.errors():
                        field = str(error["loc"][0]) if error["loc"] else ""
                        text = str(error["msg"]).removeprefix("Value error, ")
                        issues.append(DataIssue(str(path), number, field, text))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        issues.append(DataIssue(str(path), None, "", f"cannot read: {exc}"))
    if issues:
        raise DataFileError(issues)
    return points


def check_tracks(
    activities: Sequence[Activity], points: Sequence[TrackPoint]
) -> list[ConformanceAlert]:
    """Alerts for every excursion, ordered by activity and time."""
    table = build_table([a for a in activities if not a.is_zone])
    index = {a.id: i for i, a in enumerate(table.activities)}
    order = sorted(range(len(points)), key=lambda k: (points[k].activity, points[k].time))
    pts = [points[k] for k in order]
    n = len(pts)
    owner_of = np.array([index.get(p.activity, -1) for p in pts], dtype=np.int64)
    x, y = to_metres(np.array([p.lon for p in pts]), np.array([p.lat for p in pts]))
    alt = np.array([p.altitude_m for p in pts], float)
    when = np.array([seconds(p.time) for p in pts], float)

    # Pairs (point, row of a volume of the point's activity).
    rows_of = {a: table.rows_of(a) for a in set(owner_of.tolist()) if a >= 0}
    sizes = np.array([len(rows_of.get(a, ())) for a in owner_of.tolist()], dtype=np.int64)
    point = np.repeat(np.arange(n), sizes)
    row = (np.concatenate([rows_of[a] for a in owner_of.tolist() if a >= 0])
           if sizes.sum() else np.zeros(0, np.int64))  # fmt: skip
    lateral = np.maximum(
        np.asarray(shapely.distance(table.core[row], shapely.points(x[point], y[point])), float)
        - table.radius[row],
        0.0,
    )
    vertical = np.maximum(
        np.maximum(table.floor[row] - alt[point], alt[point] - table.ceiling[row]), 0
    )
    late = np.maximum(np.maximum(table.start[row] - when[point], when[point] - table.end[row]), 0)
    inside = (lateral == 0) & (vertical == 0) & (late == 0)
    conforming = np.zeros(n, bool)
    np.logical_or.at(conforming, point, inside)
    # The nearest volume of each point: one active at its time first, then by distance.
    key = np.lexsort((late, lateral + vertical, late > 0, point))
    first = np.ones(len(key), bool)
    first[1:] = point[key][1:] != point[key][:-1]
    nearest = np.full(n, -1, dtype=np.int64)
    nearest[point[key][first]] = key[first]

    alerts: list[ConformanceAlert] = []
    k = 0
    while k < n:
        if conforming[k]:
            k += 1
            continue
        end = k
        while end + 1 < n and not conforming[end + 1] and pts[end + 1].activity == pts[k].activity:
            end += 1
        group = range(k, end + 1)
        pairs = [int(nearest[g]) for g in group if nearest[g] >= 0]
        activity = table.activities[owner_of[k]] if owner_of[k] >= 0 else None
        worst = max(pairs, key=lambda p: lateral[p] + vertical[p] + late[p]) if pairs else -1
        alerts.append(
            ConformanceAlert(
                activity=pts[k].activity,
                owner=activity.owner if activity else None,
                volume=table.volume_id[int(row[worst])] if worst >= 0 else None,
                start=moment(when[k]),
                end=moment(when[end]),
                points=[pts[g] for g in group],
                lateral_outside_m=round(float(max((lateral[p] for p in pairs), default=0)), 1),
                vertical_outside_m=round(float(max((vertical[p] for p in pairs), default=0)), 1),
                time_outside_min=round(float(max((late[p] for p in pairs), default=0)) / 60, 1),
            )
        )
        k = end + 1
    return alerts
