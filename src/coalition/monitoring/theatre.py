"""The theatre: the line of contact, reporting sectors and the projected CRS in which
every distance is measured (metres, never degrees).

Read from a GeoJSON FeatureCollection in WGS84 longitude/latitude: one ``LineString``
with ``kind: line_of_contact`` (its direction fixes which side is "left"), and
``Polygon`` features with ``kind: sector`` and a ``code``. The collection's
``properties.projected_crs`` names the metric CRS (any pyproj definition); a transverse
Mercator centred on the line keeps scale error under 0.1% across Ukraine's front.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import CRS, Transformer

from coalition.errors import CoalitionError

Floats = NDArray[np.float64]
DENSIFY_DEGREES = 0.01  # about 1 km: vertices added along edges before projecting
WGS84 = CRS.from_epsg(4326)


@lru_cache(maxsize=16)
def transformer(source: CRS, target: CRS) -> Transformer:
    """Building a transformer costs milliseconds; every classification needs one."""
    return Transformer.from_crs(source, target, always_xy=True)


@dataclass(frozen=True)
class Theatre:
    line: shapely.LineString  # projected, metres
    line_lonlat: shapely.LineString
    sector_codes: tuple[str, ...]
    sector_names: tuple[str, ...]
    sectors: NDArray[np.object_]  # projected polygons
    sectors_lonlat: NDArray[np.object_]
    crs: CRS
    left_side: str
    right_side: str
    illustrative: bool
    properties: dict[str, Any]

    def to_metres(self, lon: Floats, lat: Floats) -> tuple[Floats, Floats]:
        """Project longitude/latitude arrays to the theatre's metric CRS."""
        x, y = transformer(WGS84, self.crs).transform(
            np.asarray(lon, float), np.asarray(lat, float)
        )
        return np.asarray(x, float), np.asarray(y, float)

    def project(self, geom: shapely.Geometry) -> shapely.Geometry:
        """A longitude/latitude geometry in the theatre's metric CRS, vertex by vertex."""
        to_metres = transformer(WGS84, self.crs)
        return shapely.transform(geom, lambda xy: np.column_stack(to_metres.transform(*xy.T)))

    def to_lonlat(self, x: Floats, y: Floats) -> tuple[Floats, Floats]:
        """Back from the metric CRS to longitude/latitude."""
        lon, lat = transformer(self.crs, WGS84).transform(
            np.asarray(x, float), np.asarray(y, float)
        )
        return np.asarray(lon, float), np.asarray(lat, float)

    def side_name(self, left: bool) -> str:
        return self.left_side if left else self.right_side


def _fail(path: Path, message: str) -> CoalitionError:
    return CoalitionError(f"{path}: {message}")


def load_theatre(path: Path) -> Theatre:
    """Read and check a theatre file; a clear message names what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _fail(path, "no such file") from exc
    except json.JSONDecodeError as exc:
        raise _fail(path, f"not JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise _fail(path, "expected a GeoJSON FeatureCollection")
    props = data.get("properties") or {}
    try:
        crs = CRS.from_user_input(props.get("projected_crs", ""))
    except Exception as exc:  # pyproj raises its own CRSError for any bad definition
        raise _fail(path, f"properties.projected_crs: not a CRS ({exc})") from exc
    if not crs.is_projected:
        raise _fail(path, "properties.projected_crs: must be projected (metres), not geographic")
    lines, sectors = [], []
    for i, feature in enumerate(data.get("features") or []):
        kind = (feature.get("properties") or {}).get("kind")
        try:
            geom = shapely.geometry.shape(feature["geometry"])
        except Exception as exc:
            raise _fail(path, f"feature {i}: bad geometry ({exc})") from exc
        if kind == "line_of_contact":
            if geom.geom_type != "LineString":
                raise _fail(path, f"feature {i}: the line of contact must be a LineString")
            lines.append(geom)
        elif kind == "sector":
            if geom.geom_type not in ("Polygon", "MultiPolygon") or not geom.is_valid:
                raise _fail(path, f"feature {i}: a sector must be a valid polygon")
            code = feature["properties"].get("code")
            if not code:
                raise _fail(path, f"feature {i}: a sector needs a code")
            sectors.append((str(code), str(feature["properties"].get("name", code)), geom))
    if len(lines) != 1:
        raise _fail(path, f"expected one line_of_contact feature, found {len(lines)}")
    codes = [c for c, _, _ in sectors]
    if len(set(codes)) != len(codes):
        raise _fail(path, "sector codes must be unique")
    to_metres = transformer(WGS84, crs)

    def project(geom: shapely.Geometry, densify: bool = False) -> shapely.Geometry:
        # Sectors are densified first: a straight edge in longitude/latitude (a parallel,
        # a meridian) is curved in the projection, and sectors that share an edge must
        # still meet. The line is taken vertex by vertex, as drawn.
        if densify:
            geom = shapely.segmentize(geom, DENSIFY_DEGREES)
        return shapely.transform(geom, lambda xy: np.column_stack(to_metres.transform(*xy.T)))

    sectors_lonlat = np.array([g for _, _, g in sectors], dtype=object)
    return Theatre(
        line=project(lines[0]),
        line_lonlat=lines[0],
        sector_codes=tuple(codes),
        sector_names=tuple(n for _, n, _ in sectors),
        sectors=np.array([project(g, densify=True) for g in sectors_lonlat], dtype=object),
        sectors_lonlat=sectors_lonlat,
        crs=crs,
        left_side=str(props.get("left_side", "left")),
        right_side=str(props.get("right_side", "right")),
        illustrative=bool(props.get("illustrative", False)),
        properties=props,
    )
