"""Rerouting a route off a standing zone: the part of the path inside the zone (widened
by the route's half-width, the rule's minimum and a margin) is replaced by the shorter
way round the zone's edge. A route that starts or ends inside a zone, or whose way round
is more than the allowed detour, has no reroute, and the reason says which.
"""

from __future__ import annotations

import shapely
from shapely.ops import substring

MARGIN_M = 50.0  # clearance beyond the minimum, so rounding never re-creates a conflict


def _join(*parts: shapely.LineString) -> shapely.LineString:
    coords: list[tuple[float, float]] = []
    for part in parts:
        for xy in shapely.get_coordinates(part).tolist():
            point = (float(xy[0]), float(xy[1]))
            if not coords or point != coords[-1]:
                coords.append(point)
    return shapely.LineString(coords)


def _way_round(ring: shapely.LinearRing, start: float, end: float) -> shapely.LineString:
    """The shorter of the two arcs of ``ring`` from position ``start`` to ``end``."""
    length = ring.length
    inner = substring(ring, start, end)  # through the positions between the two
    if start < end:
        outer = _join(substring(ring, start, 0.0), substring(ring, length, end))
    else:
        outer = _join(substring(ring, start, length), substring(ring, 0.0, end))
    return inner if inner.length <= outer.length else outer


def reroute(
    line: shapely.LineString,
    half_width: float,
    zones: list[tuple[str, shapely.Geometry]],
    max_ratio: float,
) -> tuple[shapely.LineString | None, str]:
    """``line`` (metres) led round each zone (name, area already widened by the rule's
    minimum), or None and why not."""
    path = line
    for name, zone in zones:
        blocked = shapely.buffer(zone, half_width + MARGIN_M, quad_segs=8)
        if not path.intersects(blocked):
            continue
        if blocked.contains(shapely.Point(path.coords[0])):
            return None, f"the route starts inside {name}"
        if blocked.contains(shapely.Point(path.coords[-1])):
            return None, f"the route ends inside {name}"
        parts = getattr(blocked, "geoms", [blocked])
        for part in parts:
            if not path.intersects(part):
                continue
            if len(part.interiors):
                part = shapely.Polygon(part.exterior)
            crossings = shapely.get_coordinates(path.intersection(part.exterior))
            along = sorted(path.project(shapely.Point(xy)) for xy in crossings.tolist())
            if len(along) < 2:
                return None, f"the route cannot be led round {name}"
            enter, leave = along[0], along[-1]
            ring = part.exterior
            arc = _way_round(
                ring,
                ring.project(path.interpolate(enter)),
                ring.project(path.interpolate(leave)),
            )
            path = _join(substring(path, 0.0, enter), arc, substring(path, leave, path.length))
    if path.length > max_ratio * line.length:
        return None, (
            f"the way round is {path.length / 1000:,.0f} km against {line.length / 1000:,.0f} km "
            f"(more than {max_ratio:g} times)"
        )
    return path, ""
