"""Build the bundled theatre (data/monitoring/theatre.geojson) from public reporting.

The line of contact is drawn, south to north:
1. along the Dnipro (Natural Earth, data/monitoring/geography/rivers.geojson) from Kherson
   upstream to the point nearest the first land settlement: the river has been the line
   since November 2022, which the river settlements' sources confirm;
2. through the front-line settlements of data/monitoring/front/settlements.yaml, in their
   order, each at the coordinates its entry cites (settlements without coordinates are
   left out and counted);
3. from the last settlement to the nearest point of Ukraine's border (Natural Earth).
Between settlements the line is straight: it is good to the spacing of the settlements,
which the collection's properties state (largest gap, mean gap).

Sectors are the oblasts (Natural Earth, data/monitoring/geography/oblasts.geojson) that
come within the widest zone of the rules (data/monitoring/rules.yaml) of the line.

Checks that stop the build: every settlement reported held by Ukraine must lie on the
line's government-controlled side or within the tolerance of it, every one held by Russia
on the other side or within it (the tolerance is for settlements the line passes through).

    .venv/bin/python scripts/build_front.py   # rewrites data/monitoring/theatre.geojson

How faithful it is, measured against another public source of the same day: DeepStateMap's
occupied area (archived daily by github.com/cyterat/deepstate-map-data, GPL-3.0; not
shipped here). Its boundary inside Ukraine (more than 3 km from the border and the coast)
is a line of about a thousand vertices; the build measures the distance between the two
lines every kilometre and writes the figures into the theatre's note:

    curl -sLo /tmp/ds.geojson https://raw.githubusercontent.com/cyterat/deepstate-map-data/\
e36baf00c5be8f3d50c1194249bdf0aebda831c5/data/deepstatemap_data_20251228.geojson
    .venv/bin/python scripts/build_front.py --compare /tmp/ds.geojson \
        --export-compared /tmp/deepstate-line.geojson
    coalition monitor line load /tmp/deepstate-line.geojson --as-of 2025-12-28   # to use it
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from pathlib import Path

import numpy as np
import shapely
import yaml
from pyproj import Transformer
from shapely.ops import linemerge, substring

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "monitoring"
CRS = "+proj=tmerc +lat_0=48 +lon_0=36 +k=1 +x_0=500000 +y_0=0 +ellps=WGS84 +units=m +no_defs"
TOLERANCE_M = 3000.0  # a settlement the line passes through may lie this close on either side
TO_M = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
TO_LONLAT = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True)


def project(geom: shapely.Geometry, transformer: Transformer) -> shapely.Geometry:
    return shapely.transform(geom, lambda xy: np.column_stack(transformer.transform(*xy.T)))


def features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def dnipro() -> shapely.LineString:
    """The Dnipro, upstream (Kherson first), in metres."""
    for f in features(DATA / "geography" / "rivers.geojson"):
        if f["properties"]["name"] == "Dnipro":
            river = linemerge(shapely.geometry.shape(f["geometry"]))
            if river.geom_type != "LineString":
                sys.exit("the Dnipro is not one line in rivers.geojson")
            return project(river.reverse(), TO_M)  # the file runs downstream
    sys.exit("no Dnipro in rivers.geojson")


def border_point(near: shapely.Point) -> shapely.Point:
    """The point of Ukraine's border nearest a point (metres)."""
    border = features(DATA / "geography" / "ukraine.geojson")[0]["geometry"]
    ukraine = shapely.geometry.shape(border)
    boundary = project(ukraine.boundary, TO_M)
    return shapely.ops.nearest_points(boundary, near)[0]


def build(collection: dict) -> tuple[shapely.LineString, dict]:
    placed = [s for s in collection["settlements"] if s.get("lon") is not None]
    points = [project(shapely.Point(s["lon"], s["lat"]), TO_M) for s in placed]
    river = dnipro()
    cut = river.project(points[0])
    along_river = substring(river, 0, cut)
    land = [*points, border_point(points[-1])]
    coords = [*along_river.coords, *(p.coords[0] for p in land)]
    line = shapely.LineString(coords)
    gaps = [a.distance(b) / 1000 for a, b in itertools.pairwise(points)]
    stats = {
        "river_vertex_km": round(
            along_river.length / 1000 / max(len(along_river.coords) - 1, 1), 1
        ),
        "settlements": len(placed),
        "settlements_without_coordinates": len(collection.get("needs_coordinates") or []),
        "river_km": round(along_river.length / 1000, 1),
        "largest_gap_km": round(max(gaps), 1),
        "mean_gap_km": round(float(np.mean(gaps)), 1),
    }
    return line, stats


def check_sides(line: shapely.LineString, collection: dict) -> list[str]:
    """Settlements on the wrong side of the drawn line (beyond the tolerance)."""
    coords = np.asarray(line.coords)
    wrong = []
    for entry in [*collection["settlements"], *(collection.get("river") or [])]:
        if entry.get("lon") is None or entry["status"] == "contested":
            continue
        p = project(shapely.Point(entry["lon"], entry["lat"]), TO_M)
        at = line.project(p)
        k = int(np.searchsorted(np.cumsum(np.hypot(*np.diff(coords, axis=0).T)), at))
        k = min(k, len(coords) - 2)
        (x0, y0), (x1, y1) = coords[k], coords[k + 1]
        left = (x1 - x0) * (p.y - y0) - (y1 - y0) * (p.x - x0) > 0
        held_left = entry["status"] == "ukraine"
        if left != held_left and line.distance(p) > TOLERANCE_M:
            wrong.append(f"{entry['name']} ({entry['status']}) {line.distance(p) / 1000:.1f} km")
    return wrong


def sectors(line: shapely.LineString, reach_km: float) -> list[dict]:
    """The oblasts within reach of the line, in order along it (south to north)."""
    zone = line.buffer(reach_km * 1000)
    found = []
    for f in features(DATA / "geography" / "oblasts.geojson"):
        shape = project(shapely.geometry.shape(f["geometry"]), TO_M)
        if shape.intersects(zone) and f["properties"]["kind"] == "oblast":
            name = f["properties"]["name"]
            order = line.project(shape.intersection(zone).representative_point())
            found.append({"order": order, "type": "Feature", "geometry": f["geometry"],
                          "properties": {"kind": "sector", "code": name.lower(),
                                         "name": f["properties"]["label"],
                                         "iso_3166_2": f["properties"]["iso_3166_2"]}})  # fmt: skip
    found.sort(key=lambda f: f["order"])
    return [{k: v for k, v in f.items() if k != "order"} for f in found]


def sources(collection: dict) -> list[dict]:
    seen: dict[str, dict] = {}
    for entry in [*collection["settlements"], *(collection.get("river") or [])]:
        source = entry.get("source") or {}
        if source.get("url") and source["url"] not in seen:
            seen[source["url"]] = {"title": source.get("title"), "url": source["url"],
                                   "published": str(source.get("published"))}  # fmt: skip
    return list(seen.values())


DEEPSTATE_SHA256 = "bf30e699b78ab8f1fac683dbc63f9331f3d9ec2fa9de518db0626a87d5acab96"


def deepstate_line(path: Path) -> tuple[shapely.LineString, shapely.Geometry]:
    """The longest stretch of DeepStateMap's occupied-area boundary inside Ukraine (metres),
    and every stretch (the others are short: islands, the Kinburn spit, border pockets)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != DEEPSTATE_SHA256:
        sys.exit(f"{path}: SHA-256 {digest}, not the archived file of 2025-12-28")
    occupied = shapely.geometry.shape(json.loads(path.read_text())["features"][0]["geometry"])
    border = features(DATA / "geography" / "ukraine.geojson")[0]["geometry"]
    inside = project(shapely.geometry.shape(border), TO_M).buffer(-3000)
    stretches = linemerge(project(occupied, TO_M).boundary.intersection(inside))
    parts = sorted(getattr(stretches, "geoms", [stretches]), key=lambda g: -g.length)
    return parts[0], stretches


def compare(line_m: shapely.LineString, path: Path) -> dict[str, float]:
    """Distances (km) between the built line and DeepStateMap's, sampled every kilometre
    along each: how far the built line strays, and how far the other's front is missed."""
    other, every = deepstate_line(path)
    ours = shapely.line_interpolate_point(line_m, np.arange(0, line_m.length, 1000.0))
    theirs = shapely.line_interpolate_point(other, np.arange(0, other.length, 1000.0))
    away, missed = shapely.distance(ours, every) / 1000, shapely.distance(theirs, line_m) / 1000
    return {
        "median_km": round(float(np.median(away)), 1),
        "p90_km": round(float(np.percentile(away, 90)), 1),
        "max_km": round(float(away.max()), 1),
        "their_median_km": round(float(np.median(missed)), 1),
        "their_max_km": round(float(missed.max()), 1),
        "their_vertices": len(other.coords),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="DeepStateMap's archived file, 2025-12-28")
    parser.add_argument("--export-compared", type=Path, help="write its line here (GeoJSON)")
    args = parser.parse_args()
    collection = yaml.safe_load((DATA / "front" / "settlements.yaml").read_text(encoding="utf-8"))
    rules = yaml.safe_load((DATA / "rules.yaml").read_text(encoding="utf-8"))
    reach = max(z["each_side_km"] for z in rules["zones"])
    line_m, stats = build(collection)
    wrong = check_sides(line_m, collection)
    if wrong:
        sys.exit("settlements on the wrong side of the line: " + "; ".join(wrong))
    line = shapely.set_precision(project(line_m, TO_LONLAT), 0.00001)
    as_of = str(collection["as_of"])
    measured = ""
    if args.compare:
        stats["compared_with_deepstatemap"] = compare(line_m, args.compare)
        c = stats["compared_with_deepstatemap"]
        measured = (
            f" Measured against DeepStateMap's line of the same day ({c['their_vertices']} "
            f"vertices): {c['median_km']} km apart at the median, {c['p90_km']} km at the 90th "
            f"percentile, {c['max_km']} km at most."
        )
        if args.export_compared:
            other, _ = deepstate_line(args.compare)
            feature = {"type": "Feature", "geometry": shapely.geometry.mapping(
                shapely.set_precision(project(other, TO_LONLAT), 0.00001)),
                "properties": {"kind": "line_of_contact", "name": f"DeepStateMap {as_of}",
                               "licence": "GPL-3.0 (cyterat/deepstate-map-data)"}}  # fmt: skip
            args.export_compared.write_text(json.dumps(feature), encoding="utf-8")
    note = (
        f"APPROXIMATE line of contact on {as_of}, drawn from public reporting of which "
        f"settlements were on the front that day ({stats['settlements']} settlements, "
        f"straight between them: the largest gap is {stats['largest_gap_km']} km, the mean "
        f"{stats['mean_gap_km']} km) and, in the south, the Dnipro from Natural Earth "
        f"({stats['river_km']} km at 1:50m, a vertex every {stats['river_vertex_km']} km: good "
        "to a few kilometres). NOT an agreed or surveyed line; "
        "each settlement, its status and its source are in data/monitoring/front/settlements.yaml."
        + measured
    )
    theatre = {
        "type": "FeatureCollection",
        "name": f"Line of contact on {as_of} (approximate, from public reporting), "
        "sectors by oblast",
        "properties": {
            "illustrative": False,
            "approximate": True,
            "as_of": as_of,
            "note": note,
            "build": "scripts/build_front.py",
            **stats,
            "sources": sources(collection),
            "projected_crs": CRS,
            "left_side": "government-controlled",
            # A place on the left whatever line is loaded: a loaded line is turned to keep it so.
            "left_reference": {"name": "Kyiv", "lon": 30.5234, "lat": 50.4501},
            "right_side": "not government-controlled",
        },
        "features": [
            {
                "type": "Feature",
                "geometry": shapely.geometry.mapping(line),
                "properties": {
                    "kind": "line_of_contact",
                    "name": f"line of contact on {as_of} (approximate)",
                },
            },
            *sectors(line_m, reach),
        ],
    }
    out = DATA / "theatre.geojson"
    out.write_text(json.dumps(theatre, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {len(line.coords)} vertices, {len(theatre['features']) - 1} sectors, {stats}")


if __name__ == "__main__":
    main()
