"""A small theatre whose distances can be computed by hand: the line runs due north along
36 E from 47 N to 49 N, in a transverse Mercator centred on it; two sectors split it at
36 E."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from coalition.monitoring.pipeline import Setup
from coalition.monitoring.rules import load_rules
from coalition.monitoring.theatre import load_theatre

REPO = Path(__file__).resolve().parents[2]
RULES = REPO / "data" / "monitoring" / "rules.yaml"
TMERC = "+proj=tmerc +lat_0=48 +lon_0=36 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"


def box(x0: float, y0: float, x1: float, y1: float) -> list[list[list[float]]]:
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]


def theatre_file(folder: Path, line: list[list[float]] | None = None, **props: Any) -> Path:
    data = {
        "type": "FeatureCollection",
        "properties": {"projected_crs": TMERC, "left_side": "west", "right_side": "east"} | props,
        "features": [
            {
                "type": "Feature",
                "properties": {"kind": "line_of_contact"},
                "geometry": {"type": "LineString", "coordinates": line or [[36, 47], [36, 49]]},
            },
            {
                "type": "Feature",
                "properties": {"kind": "sector", "code": "west"},
                "geometry": {"type": "Polygon", "coordinates": box(35, 47, 36, 49)},
            },
            {
                "type": "Feature",
                "properties": {"kind": "sector", "code": "east"},
                "geometry": {"type": "Polygon", "coordinates": box(36, 47, 37, 49)},
            },
        ],
    }
    path = folder / "theatre.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def small_setup(folder: Path) -> Setup:
    return Setup(load_theatre(theatre_file(folder)), load_rules(RULES))


def report(id: str, time: str, lon: float, lat: float, **fields: Any) -> dict[str, Any]:
    base = {
        "id": id,
        "time": time,
        "reporter": "MT-1",
        "reporter_kind": "monitor_team",
        "lon": lon,
        "lat": lat,
        "uncertainty_m": 200.0,
        "type": "explosion",
        "weapon_class": None,
        "count": 1,
        "casualties": 0,
        "bearing_deg": None,
        "side": None,
        "confidence": 1.0,
    }
    return base | fields


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    """Typed reports, as validation returns them."""
    data = pd.DataFrame(list(rows))
    data["time"] = pd.to_datetime(data["time"], utc=True, format="ISO8601")
    return data
