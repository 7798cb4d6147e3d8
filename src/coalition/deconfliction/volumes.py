"""A plan as arrays: one row per volume, footprints in metres, bands and windows as
numbers. Detection, resolution and conformance all work on this table, so that a day of
a hundred thousand volumes is a handful of numpy columns rather than objects.

Rows keep the order of the activities and of their volumes, and each row names its
activity and volume ids: a row index never leaves this package, the ids do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray

from coalition.deconfliction.geometry import Geoms, footprint, shapes
from coalition.deconfliction.rules import KIND_CODE
from coalition.domain.deconfliction import Activity

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def seconds(when: dt.datetime) -> float:
    """UTC seconds since 1970 (the table's time unit)."""
    return (when - EPOCH).total_seconds()


def moment(value: float) -> dt.datetime:
    return EPOCH + dt.timedelta(seconds=float(value))


@dataclass(frozen=True)
class VolumeTable:
    activities: tuple[Activity, ...]
    activity: Ints  # row -> index into activities
    volume_id: tuple[str, ...]
    kind: Ints  # rule kind code (rules.RULE_KINDS)
    priority: Ints
    zone: Bools
    floor: Floats
    ceiling: Floats
    start: Floats  # seconds since 1970, UTC
    end: Floats
    core: Geoms  # projected cores (metres): polygon, centre point or route line
    radius: Floats  # the footprint is the core widened by this (metres)
    envelope: Floats  # [n, 4] footprint bounds: xmin, ymin, xmax, ymax

    def __len__(self) -> int:
        return len(self.activity)

    def activity_id(self, row: int) -> str:
        return self.activities[int(self.activity[row])].id

    def key(self, row: int) -> tuple[str, str]:
        """(activity id, volume id): a volume's stable name."""
        return (self.activity_id(row), self.volume_id[row])

    def footprints(self, rows: Ints | None = None) -> Geoms:
        """Footprint polygons of ``rows`` (all by default), for areas and maps."""
        rows = np.arange(len(self)) if rows is None else rows
        return footprint(self.core[rows], self.radius[rows])

    def rows_of(self, activity_index: int) -> Ints:
        return np.flatnonzero(self.activity == activity_index)


def build_table(
    activities: Sequence[Activity], geometry: tuple[Geoms, Floats] | None = None
) -> VolumeTable:
    """Compile activities to a table. ``geometry`` (cores and radii in row order) saves
    the projection for a caller that changed only times or bands."""
    volumes = [v for a in activities for v in a.volumes]
    counts = [len(a.volumes) for a in activities]
    index = np.repeat(np.arange(len(activities)), counts)
    per_activity = np.array([KIND_CODE[a.rule_kind] for a in activities], dtype=np.int64)
    priority = np.array([a.priority for a in activities], dtype=np.int64)
    zone = np.array([a.is_zone for a in activities], dtype=bool)
    core, radius = shapes(volumes) if geometry is None else geometry
    shapely.prepare(core)
    bounds = shapely.bounds(core).reshape(-1, 4)
    envelope = bounds + np.column_stack([-radius, -radius, radius, radius])
    return VolumeTable(
        activities=tuple(activities),
        activity=index.astype(np.int64),
        volume_id=tuple(v.id for v in volumes),
        kind=per_activity[index] if len(activities) else np.zeros(0, np.int64),
        priority=priority[index] if len(activities) else np.zeros(0, np.int64),
        zone=zone[index] if len(activities) else np.zeros(0, bool),
        floor=np.array([v.floor_m for v in volumes], float),
        ceiling=np.array([v.ceiling_m for v in volumes], float),
        start=np.array([seconds(v.start) for v in volumes], float),
        end=np.array([seconds(v.end) for v in volumes], float),
        core=core,
        radius=radius,
        envelope=envelope,
    )
