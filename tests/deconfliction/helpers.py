"""Plans written by the tests: a valid activity to start from, and the three formats."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import yaml

from coalition.deconfliction.rules import Rules, load_rules

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "deconfliction"
RULES = DATA / "separation.yaml"
DAY = DATA / "day-illustrative.yaml"

SQUARE = [[30.0, 50.0], [30.1, 50.0], [30.1, 50.1], [30.0, 50.1]]


def rules() -> Rules:
    return load_rules(RULES)


def activity(**changes: Any) -> dict[str, Any]:
    """A valid flight over a small square; ``volume`` changes go to its one volume."""
    volume = {
        "id": "v1",
        "polygon": SQUARE,
        "floor_m": 3000,
        "ceiling_m": 4000,
        "start": "2026-07-01T06:00Z",
        "end": "2026-07-01T08:00Z",
    }
    volume.update(changes.pop("volume", {}))
    base = {"id": "A1", "owner": "GBR", "kind": "flight", "priority": 3,
            "unit": "Secret Squadron", "volumes": [volume]}  # fmt: skip
    base.update(changes)
    return copy.deepcopy(base)


def write_yaml(path: Path, *activities: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump({"activities": list(activities)}, sort_keys=False), "utf-8")
    return path


def _wkt(volume: dict[str, Any]) -> dict[str, Any]:
    if "polygon" in volume:
        ring = [*volume["polygon"], volume["polygon"][0]]
        return {"wkt": "POLYGON ((" + ", ".join(f"{x} {y}" for x, y in ring) + "))"}
    if "circle" in volume:
        (x, y), r = volume["circle"]["center"], volume["circle"]["radius_m"]
        return {"lon": x, "lat": y, "radius_m": r}
    route = volume["route"]
    line = ", ".join(f"{x} {y}" for x, y in route["coordinates"])
    return {"wkt": f"LINESTRING ({line})", "width_m": route["width_m"]}


def rows(*activities: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per volume, as in CSV (geometry as WKT or lon/lat/radius)."""
    out = []
    for a in activities:
        head = {"activity": a["id"], **{k: a.get(k, "") for k in ("owner", "kind", "zone",
                "priority", "unit", "name")}}  # fmt: skip
        for v in a["volumes"]:
            times = {k: v[k] for k in ("floor_m", "ceiling_m", "start", "end")}
            out.append({**head, "volume": v["id"], **times, **_wkt(v)})
    return out


def write_csv(path: Path, *activities: dict[str, Any]) -> Path:
    records = rows(*activities)
    columns = list(dict.fromkeys(k for r in records for k in r))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(records)
    return path


def write_geojson(path: Path, *activities: dict[str, Any]) -> Path:
    features = []
    for a in activities:
        for v in a["volumes"]:
            extra: dict[str, Any] = {}
            if "polygon" in v:
                geometry = {"type": "Polygon", "coordinates": [[*v["polygon"], v["polygon"][0]]]}
            elif "circle" in v:
                geometry = {"type": "Point", "coordinates": v["circle"]["center"]}
                extra = {"radius_m": v["circle"]["radius_m"]}
            else:
                geometry = {"type": "LineString", "coordinates": v["route"]["coordinates"]}
                extra = {"width_m": v["route"]["width_m"]}
            props: dict[str, Any] = {"activity": a["id"], "volume": v["id"], **extra}
            props.update({k: a[k] for k in ("owner", "kind", "zone", "priority", "unit") if k in a})
            props.update({k: v[k] for k in ("floor_m", "ceiling_m", "start", "end")})
            features.append({"type": "Feature", "properties": props, "geometry": geometry})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path
