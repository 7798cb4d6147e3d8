"""The day as map layers (GeoJSON, WGS84): each volume's footprint (the polygon, or the
circle or corridor widened to contain the true curve) with its band, window and owner,
and each conflict as a point at its closest approach with its reason. What the
dashboard draws; the caller decides what may be shown (``need_to_know``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coalition.deconfliction.geometry import footprint, ring_lonlat, shapes
from coalition.domain.deconfliction import Activity
from coalition.domain.deconfliction_results import Conflict


def _volume_features(activities: Sequence[Activity]) -> list[dict[str, Any]]:
    pairs = [(a, v) for a in activities for v in a.volumes]
    if not pairs:
        return []
    core, radius = shapes([v for _, v in pairs])
    features = []
    for (activity, volume), area in zip(pairs, footprint(core, radius), strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "layer": "volume",
                    "activity": activity.id,
                    "name": activity.name or activity.id,
                    "owner": activity.owner,
                    "kind": activity.rule_kind,
                    "priority": activity.priority,
                    "volume": volume.id,
                    "floor_m": volume.floor_m,
                    "ceiling_m": volume.ceiling_m,
                    "start": volume.start.isoformat(),
                    "end": volume.end.isoformat(),
                },
                "geometry": {"type": "Polygon", "coordinates": [ring_lonlat(area)]},
            }
        )
    return features


def _conflict_features(conflicts: Sequence[Conflict]) -> list[dict[str, Any]]:
    return [
        {
            "type": "Feature",
            "properties": {
                "layer": "conflict",
                "id": c.id,
                "a": c.a_activity,
                "b": c.b_activity,
                "rule": c.rule,
                "reason": c.reason,
                "start": c.start.isoformat(),
                "end": c.end.isoformat(),
            },
            "geometry": {"type": "Point", "coordinates": [round(c.lon, 5), round(c.lat, 5)]},
        }
        for c in conflicts
    ]


def day_layers(activities: Sequence[Activity], conflicts: Sequence[Conflict]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": _volume_features(activities) + _conflict_features(conflicts),
    }
