"""CSV and GeoJSON plan files as rows, one volume each, with where each row is in its
file (a CSV line, a GeoJSON feature) so that a problem is named where it can be fixed.

A row's geometry is a polygon, a point with ``radius_m`` (a circle) or a line with
``width_m`` (a route): in CSV as WKT, or as ``lon``/``lat``/``radius_m`` for a circle;
in GeoJSON as the feature's geometry.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.errors import GEOSException

from coalition.errors import DataIssue

ACTIVITY_FIELDS = ("owner", "kind", "zone", "priority", "unit", "name")
VOLUME_FIELDS = ("floor_m", "ceiling_m", "start", "end")
CSV_COLUMNS = ("activity", *ACTIVITY_FIELDS, "volume", *VOLUME_FIELDS,
               "wkt", "lon", "lat", "radius_m", "width_m")  # fmt: skip
REQUIRED = ("activity", "owner", "kind", "volume", *VOLUME_FIELDS)
SHAPE_HELP = "use a polygon, a point with radius_m (circle) or a line with width_m (route)"


@dataclass
class Row:
    line: int | None
    where: str  # "file:line" or "file features[3]", for messages about other rows
    feature: str  # "" for CSV, "features[3]" for GeoJSON
    activity: dict[str, Any]
    volume: dict[str, Any]

    def field(self, name: str) -> str:
        """A CSV column, or where a GeoJSON feature holds the value."""
        if not self.feature:
            return name
        return f"{self.feature}.{'geometry' if name == 'geometry' else 'properties.' + name}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shape_fields(geom: shapely.Geometry, radius: Any, width: Any) -> dict[str, Any]:
    """The volume's shape fields for a geometry; raises ValueError with the fix."""
    kind = geom.geom_type
    if kind == "Polygon":
        if len(geom.interiors):
            raise ValueError("a polygon with holes is not supported: split it")
        return {"polygon": [list(c) for c in geom.exterior.coords[:-1]]}  # ring left open
    if kind == "Point":
        if _blank(radius):
            raise ValueError("a point needs radius_m (it is a circle)")
        return {"circle": {"center": [geom.x, geom.y], "radius_m": radius}}
    if kind == "LineString":
        if _blank(width):
            raise ValueError("a line needs width_m (it is a route)")
        return {"route": {"coordinates": [list(c) for c in geom.coords], "width_m": width}}
    raise ValueError(f"a {kind} is not a volume's shape: {SHAPE_HELP}")


def read_csv_rows(path: Path) -> tuple[list[Row], list[DataIssue]]:
    name = str(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = list(csv.DictReader(handle))
            header = list(records[0].keys()) if records else []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return [], [DataIssue(name, None, "", f"cannot read: {exc}")]
    if not records:
        return [], [DataIssue(name, 1, "", "no rows")]
    unknown = [c for c in header if c not in CSV_COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    issues = [DataIssue(name, 1, c, f"unknown column (known: {', '.join(CSV_COLUMNS)})")
              for c in unknown]  # fmt: skip
    issues += [DataIssue(name, 1, c, "required column missing") for c in missing]
    if issues:
        return [], issues
    rows = []
    for number, record in enumerate(records, start=2):
        where = f"{name}:{number}"
        try:
            if not _blank(record.get("wkt")):
                geom = shapely.from_wkt(record["wkt"])
            elif not (_blank(record.get("lon")) or _blank(record.get("lat"))):
                geom = shapely.Point(float(record["lon"]), float(record["lat"]))
            else:
                raise ValueError(f"no geometry: give wkt, or lon, lat and radius_m ({SHAPE_HELP})")
            shape = shape_fields(geom, record.get("radius_m"), record.get("width_m"))
        except (GEOSException, ValueError) as exc:
            column = "wkt" if not _blank(record.get("wkt")) else "lon"
            text = str(exc) if isinstance(exc, ValueError) else f"not valid WKT ({exc})"
            issues.append(DataIssue(name, number, column, text))
            continue
        activity = {"id": record["activity"], **{k: record.get(k) for k in ACTIVITY_FIELDS}}
        volume = {"id": record["volume"], **{k: record[k] for k in VOLUME_FIELDS}, **shape}
        rows.append(Row(number, where, "", activity, volume))
    return rows, issues


def read_geojson_rows(path: Path) -> tuple[list[Row], list[DataIssue]]:
    name = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [], [DataIssue(name, None, "", f"cannot read: {exc}")]
    except json.JSONDecodeError as exc:
        return [], [DataIssue(name, exc.lineno, "", f"not JSON: {exc.msg}")]
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return [], [DataIssue(name, None, "", "expected a GeoJSON FeatureCollection")]
    rows, issues = [], []
    for i, feature in enumerate(data.get("features") or []):
        prefix = f"features[{i}]"
        props = feature.get("properties") or {} if isinstance(feature, dict) else {}
        try:
            geom = shapely.geometry.shape(feature["geometry"])
            shape = shape_fields(geom, props.get("radius_m"), props.get("width_m"))
        except (KeyError, TypeError, AttributeError, GEOSException, ValueError) as exc:
            text = str(exc) if isinstance(exc, ValueError) else f"not a GeoJSON geometry ({exc})"
            issues.append(DataIssue(name, None, f"{prefix}.geometry", text))
            continue
        missing = [k for k in REQUIRED if _blank(props.get(k))]
        if missing:
            issues.append(
                DataIssue(name, None, f"{prefix}.properties", f"missing {', '.join(missing)}")
            )
            continue
        activity = {"id": props["activity"], **{k: props.get(k) for k in ACTIVITY_FIELDS}}
        volume = {"id": props["volume"], **{k: props[k] for k in VOLUME_FIELDS}, **shape}
        rows.append(Row(None, f"{name} {prefix}", prefix, activity, volume))
    if not rows and not issues:
        issues.append(DataIssue(name, None, "features", "no features"))
    return rows, issues
