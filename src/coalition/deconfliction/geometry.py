"""Shapes in metres: every volume is projected to one metric CRS before any distance is
taken, so that separation minima (metres) compare with distances (metres), never degrees.

The CRS is a transverse Mercator centred on Ukraine (as the monitoring theatre does for
the line of contact): scale error stays under 0.7% from the Polish border (22 E) to
Luhansk (40 E), a few tens of metres on a 9 km minimum; the minima carry larger margins.

A circle is kept as its centre and radius, a route as its line and half-width: distances
between them are exact. Where a polygon is needed (an area, a map, an extract) its
corners are placed so that it *contains* the true circle or corridor (the radius is
divided by the cosine of half a segment's angle), so that what is drawn is not smaller
than what was planned (to within GEOS's simplification of a buffer's curve, under 1% of
the radius; extracts add a margin on top).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import CRS, Transformer

from coalition.domain.deconfliction import Volume

Floats = NDArray[np.float64]
Geoms = NDArray[np.object_]

#: The metric CRS of every computation (metres).
METRIC_CRS = CRS.from_proj4(
    "+proj=tmerc +lat_0=48.5 +lon_0=32 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
)
WGS84 = CRS.from_epsg(4326)
QUAD_SEGS = 8  # segments per quarter circle
#: Polygon edges (straight in longitude/latitude as drawn) get a vertex every ~10 km
#: before projection; over 10 km the projected curve departs from the chord by < 1 m.
DENSIFY_DEGREES = 0.1
#: Divide a radius by this so that a polygon of QUAD_SEGS per quarter contains the circle.
CIRCUMSCRIBE = 1 / math.cos(math.pi / (4 * QUAD_SEGS))


@lru_cache(maxsize=4)
def _transformer(source: CRS, target: CRS) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def to_metres(lon: Floats, lat: Floats) -> tuple[Floats, Floats]:
    x, y = _transformer(WGS84, METRIC_CRS).transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.asarray(x, float), np.asarray(y, float)


def to_lonlat(x: Floats, y: Floats) -> tuple[Floats, Floats]:
    lon, lat = _transformer(METRIC_CRS, WGS84).transform(np.asarray(x, float), np.asarray(y, float))
    return np.asarray(lon, float), np.asarray(lat, float)


def project(geoms: Geoms) -> Geoms:
    """Longitude/latitude geometries to metres, all coordinates in one call."""
    return np.asarray(
        shapely.transform(geoms, lambda xy: np.column_stack(to_metres(xy[:, 0], xy[:, 1]))),
        dtype=object,
    )


def unproject(geoms: Geoms) -> Geoms:
    """Metric geometries back to longitude/latitude."""
    return np.asarray(
        shapely.transform(geoms, lambda xy: np.column_stack(to_lonlat(xy[:, 0], xy[:, 1]))),
        dtype=object,
    )


def shapes(volumes: Sequence[Volume]) -> tuple[Geoms, Floats]:
    """Each volume as a projected core and a radius (metres), in order: a polygon is its
    own core (radius 0), a circle its centre point and radius, a route its line and half
    its width. The footprint is the core widened by the radius, so the distance between
    two footprints is exactly max(0, distance between cores - both radii): circles and
    corridors are measured as true curves, not as polygons, and fast (point and line
    distances are cheap)."""
    n = len(volumes)
    core = np.empty(n, dtype=object)
    radius = np.zeros(n)
    kinds = np.array([v.shape_kind for v in volumes])
    polygons = np.flatnonzero(kinds == "polygon")
    if len(polygons):
        lonlat = np.array(
            [shapely.Polygon(volumes[i].polygon) for i in polygons.tolist()], dtype=object
        )
        core[polygons] = project(shapely.segmentize(lonlat, DENSIFY_DEGREES))
    circles = np.flatnonzero(kinds == "circle")
    if len(circles):
        found = [volumes[i].circle for i in circles.tolist()]
        centre = np.array([c.center for c in found if c is not None], float).reshape(-1, 2)
        x, y = to_metres(centre[:, 0], centre[:, 1])
        core[circles] = shapely.points(x, y)
        radius[circles] = [c.radius_m for c in found if c is not None]
    routes = np.flatnonzero(kinds == "route")
    if len(routes):
        paths = [volumes[i].route for i in routes.tolist()]
        core[routes] = project(
            np.array([shapely.LineString(r.coordinates) for r in paths if r], dtype=object)
        )
        radius[routes] = [r.width_m / 2 for r in paths if r]
    return core, radius


def footprint(core: Geoms | shapely.Geometry, radius: Floats | float) -> Geoms:
    """Cores widened by their radius as polygons (for areas, maps and extracts), with
    corners placed so that the polygon contains the true circle or corridor. Polygons
    (radius 0) are returned as they are."""
    radius = np.asarray(radius, float)
    widened = shapely.buffer(core, radius * CIRCUMSCRIBE, quad_segs=QUAD_SEGS)
    return np.asarray(np.where(radius > 0, widened, core), dtype=object)


def ring_lonlat(geom: shapely.Geometry, decimals: int = 5) -> list[tuple[float, float]]:
    """The exterior of a projected polygon as [lon, lat] corners (rounded: 5 decimals is
    about 1 m)."""
    xy = np.asarray(shapely.get_coordinates(shapely.get_exterior_ring(geom)))
    lon, lat = to_lonlat(xy[:, 0], xy[:, 1])
    return [(round(a, decimals), round(b, decimals)) for a, b in zip(lon, lat, strict=True)]


def line_lonlat(geom: shapely.Geometry, decimals: int = 5) -> list[tuple[float, float]]:
    """A projected line's vertices as [lon, lat]."""
    xy = np.asarray(shapely.get_coordinates(geom))
    lon, lat = to_lonlat(xy[:, 0], xy[:, 1])
    return [(round(a, decimals), round(b, decimals)) for a, b in zip(lon, lat, strict=True)]
